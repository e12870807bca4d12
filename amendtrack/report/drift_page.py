"""The drift page of the report: requirement drift (history/drift.py) as tables and inline SVG charts.

The charts are drawn here as SVG text, inline in the page (nothing is fetched).
They never rely on colour: every series has its own marker shape *and* a text
label (the category code, the field), every value is in a table beside the
chart, and the page prints in black and white.  Numbers are formatted with a
fixed number of places, so the same drift always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from markupsafe import escape as _escape

from amendtrack.compare import direction
from amendtrack.compare.direction import KIND_WORDS
from amendtrack.history.drift import ALL_CATEGORIES, Drift
from amendtrack.i18n import N_, TranslatedLabels, gettext
from amendtrack.report.context import GENERATOR
from amendtrack.report.env import _shown_plain, environment


def escape(text: str) -> Markup:
    """Text for the SVG: escaped, with bidi controls shown as [U+202E] (as env.py shows them)."""
    return _escape(_shown_plain(str(text)))

# Marker shapes, one per series in turn (drawn around 0,0; size about 8 px).
_SHAPES = (
    '<circle r="4"/>',
    '<rect x="-4" y="-4" width="8" height="8"/>',
    '<path d="M0,-5 L5,4 L-5,4 Z"/>',
    '<path d="M0,-5 L5,0 L0,5 L-5,0 Z"/>',
    '<path d="M-4,-4 L4,4 M4,-4 L-4,4" class="stroke-only"/>',
    '<path d="M0,-5 L0,5 M-5,0 L5,0" class="stroke-only"/>',
    '<path d="M0,5 L5,-4 L-5,-4 Z"/>',
    '<circle r="4" class="hollow"/>',
    '<rect x="-4" y="-4" width="8" height="8" class="hollow"/>',
    '<path d="M0,-5 L5,4 L-5,4 Z" class="hollow"/>',
)


@dataclass(frozen=True, slots=True)
class DriftTable:
    """A table of the page: a caption, column heads and rows of cells (text)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class DriftSection:
    """One measure: its heading, its chart (SVG markup) and the table of its values."""

    anchor: str
    heading: str
    note: str
    chart: Markup
    table: DriftTable


# The directions in words (the data keeps its codes: stricter, looser, mixed).
DIRECTION_WORDS: Mapping[str, str] = TranslatedLabels(direction.DIRECTION_WORDS)


@dataclass(frozen=True, slots=True)
class DirectionRow:
    edition: str
    category: str
    direction: str
    title: str
    id: str
    words: str


@dataclass(frozen=True, slots=True)
class DriftPage:
    """The context of the drift page."""

    schema: str
    generator: str
    generated_at: str | None
    page_title: str
    work_title: str
    language: str
    index_href: str | None
    editions: tuple[tuple[int, str, str], ...]
    """(index, date, path) of each edition."""
    sections: tuple[DriftSection, ...]
    directions: tuple[DirectionRow, ...]
    direction_chart: Markup
    interface_rows: tuple[str, ...] = ()
    """Row headings that are the interface's words, not the act's ("all categories")."""


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def _text(x: float, y: float, s: str, anchor: str = "start", cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c}>{escape(s)}</text>'


def _line_chart(title: str, x_labels: list[str], series: list[tuple[str, list[tuple[float, float, float] | None]]],
                unit: str) -> Markup:
    """Series of (low, mid, high) per x position: the mid on a line with a marker, low–high as a whisker."""
    width, left, right, top, bottom = 640, 48, 130, 28, 40
    # Tall enough for every series' label at the right, one line each.
    height = max(260, top + bottom + 14 * len(series) + 14)
    values = [v for _, pts in series for p in pts if p is not None for v in p]
    y_max = max([1.0, *values])
    step = 1 if y_max <= 10 else 5
    y_top = (int(y_max) // step + 1) * step
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if len(x_labels) == 1 else plot_w * i / (len(x_labels) - 1))

    def y_at(v: float) -> float:
        return top + plot_h * (1 - v / y_top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(title)}">', f"<title>{escape(title)}</title>"]
    for v in range(0, y_top + 1, step):
        out.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y_at(v):.1f}" y2="{y_at(v):.1f}"/>')
        out.append(_text(left - 6, y_at(v) + 4, str(v), "end"))
    out.append(_text(12, top - 10, unit))
    for i, label in enumerate(x_labels):
        out.append(_text(x_at(i), height - bottom + 18, label, "middle"))
    ends: list[tuple[float, int, str, str]] = []
    for k, (name, pts) in enumerate(series):
        shape = _SHAPES[k % len(_SHAPES)]
        dash = ' stroke-dasharray="6 3"' if k % 2 else ""
        coords = [(x_at(i), y_at(p[1])) for i, p in enumerate(pts) if p is not None]
        out.append(f'<g class="series"><title>{escape(name)}</title>')
        if len(coords) > 1:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(f'<polyline points="{d}"{dash}/>')
        for i, p in enumerate(pts):
            if p is None:
                continue
            x = x_at(i)
            out.append(f'<line class="whisker" x1="{x:.1f}" x2="{x:.1f}" y1="{y_at(p[0]):.1f}" y2="{y_at(p[2]):.1f}"/>')
            out.append(f'<g transform="translate({x:.1f},{y_at(p[1]):.1f})">{shape}'
                       f"<title>{escape(name)}, {escape(x_labels[i])}: "
                       + str(escape(gettext("min %(min)s, median %(median)s, max %(max)s")
                                    % {"min": _n(p[0]), "median": _n(p[1]), "max": _n(p[2])}))
                       + "</title></g>")
        if coords:
            ends.append((coords[-1][1], k, name, shape))
        out.append("</g>")
    # Labels at the right, in the order of their series' last values, never on top
    # of each other: a label pushed down is tied to its value by a thin leader line.
    placed: list[float] = []
    for y, *_ in sorted(ends):
        placed.append(max(y, placed[-1] + 14) if placed else y)
    # A stack that runs past the plot's foot is moved up as a whole.
    overflow = (placed[-1] - (top + plot_h)) if placed else 0
    if overflow > 0:
        placed = [max(top, y - overflow) if k == 0 else y - overflow for k, y in enumerate(placed)]
    for (y, k, name, shape), label_y in zip(sorted(ends), placed):
        x0 = left + plot_w
        if label_y != y:
            out.append(f'<line class="leader" x1="{x0 + 2:.1f}" y1="{y:.1f}" x2="{x0 + 10:.1f}" y2="{label_y:.1f}"/>')
        out.append(f'<g class="series" transform="translate({x0 + 16:.1f},{label_y:.1f})">{shape}</g>')
        out.append(_text(x0 + 26, label_y + 4, name))
    out.append("</svg>")
    return Markup("\n".join(out))


def _bar_chart(title: str, rows: list[tuple[str, list[float]]], x_labels: list[str]) -> Markup:
    """Horizontal bars, one group per row (a field), one bar per edition, value printed at its end."""
    bar_h, gap, label_w, width = 12, 10, 300, 640
    per_row = len(x_labels) * bar_h + gap
    height = 30 + per_row * len(rows) + 10
    plot_w = width - label_w - 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(title)}">', f"<title>{escape(title)}</title>"]
    out.append(_text(label_w, 16, gettext("share of positions (0–100 %); bars in edition order, first at the top")))
    for r, (name, shares) in enumerate(rows):
        y0 = 30 + r * per_row
        out.append(_text(label_w - 8, y0 + per_row / 2, name[:48], "end"))
        for i, share in enumerate(shares):
            y = y0 + i * bar_h
            cls = "bar" if i == len(shares) - 1 else "bar bar-earlier"
            out.append(f'<rect class="{cls}" x="{label_w}" y="{y:.1f}" width="{plot_w * share:.1f}" '
                       f'height="{bar_h - 2}"><title>{escape(name)}, {escape(x_labels[i])}: '
                       f"{share * 100:.1f} %</title></rect>")
            out.append(_text(label_w + plot_w * share + 4, y + bar_h - 3, f"{share * 100:.0f} % · {x_labels[i]}",
                             cls="small"))
    out.append("</svg>")
    return Markup("\n".join(out))


def build_drift_page(drift: Drift, *, work_title: str = "", index_href: str | None = None,
                     generated_at: str | None = None) -> DriftPage:
    """The drift page's context."""
    dates = [e.date for e in drift.editions]
    codes = sorted({c.category for e in drift.editions for c in e.categories if c.category != ALL_CATEGORIES})
    by = {(e.index, c.category): c for e in drift.editions for c in e.categories}
    sections = []
    kinds = [k for k in KIND_WORDS if any(y.kind == k for e in drift.editions for c in e.categories for y in c.years)]
    for kind in kinds:
        series: list[tuple[str, list[tuple[float, float, float] | None]]] = []
        rows = []
        for code in [*codes, ALL_CATEGORIES]:
            pts: list[tuple[float, float, float] | None] = []
            cells = []
            for e in drift.editions:
                c = by.get((e.index, code))
                y = next((y for y in c.years if y.kind == kind), None) if c else None
                pts.append((y.min, y.median, y.max) if y else None)
                cells.append(f"{y.min} / {_n(y.median)} / {y.max} ({y.positions})" if y else "–")
            if any(p is not None for p in pts):
                if code != ALL_CATEGORIES:
                    series.append((code, pts))
                rows.append((gettext("all categories") if code == ALL_CATEGORIES else code, *cells))
        words = {"kind": gettext(KIND_WORDS[kind])}
        sections.append(DriftSection(
            anchor=f"years-{kind}", heading=gettext("Years of %(kind)s") % words,
            note=gettext("Per category: the fewest years a position asks of this kind without a condition "
                   "(its easiest way in), as median (marker), and minimum to maximum (whisker) across the "
                   "category's positions. Each category has its own marker shape and is named at the right."),
            chart=_line_chart(gettext("Years of %(kind)s by category and edition") % words, dates, series, gettext("years")),
            table=DriftTable(gettext("Years of %(kind)s: min / median / max (positions)") % words,
                             (gettext("Category"), *dates), tuple(rows)),
        ))
    # Education: the whole edition's shares, one row per field.
    fields: dict[str, list[float]] = {}
    for e in drift.editions:
        c = by.get((e.index, ALL_CATEGORIES))
        shares = {f.field: f.share for f in c.education} if c else {}
        for name in shares:
            fields.setdefault(name, [])
    for name in fields:
        for e in drift.editions:
            c = by.get((e.index, ALL_CATEGORIES))
            fields[name].append(next((f.share for f in c.education if f.field == name), 0.0) if c else 0.0)
    ordered = sorted(fields.items(), key=lambda kv: (-kv[1][-1], kv[0]))
    sections.append(DriftSection(
        anchor="education", heading=gettext("Fields of education"),
        note=gettext("The share of all positions of each edition that are open to a field of education, fields as "
               "printed (spelling variants are separate fields). Per category in the table."),
        chart=_bar_chart(gettext("Share of positions open to each field of education"), ordered, dates),
        table=DriftTable(gettext("Share of positions open to each field, per edition (all categories)"),
                         (gettext("Field"), *dates), tuple((n, *(f"{s * 100:.1f} %" for s in v)) for n, v in ordered)),
    ))
    directions = tuple(
        DirectionRow(e.date, c.category, DIRECTION_WORDS[p.direction], p.title, p.id,
                     p.said.translated())
        for e in drift.editions for c in e.categories if c.category != ALL_CATEGORIES for p in c.directions
    )
    counts = []
    for d in ("stricter", "looser", "mixed"):
        moved: list[tuple[float, float, float] | None] = []
        for e in drift.editions:
            c = by.get((e.index, ALL_CATEGORIES))
            n = float(sum(1 for p in c.directions if p.direction == d)) if c else 0.0
            moved.append((n, n, n))
        counts.append((DIRECTION_WORDS[d], moved))
    return DriftPage(
        schema="amendtrack/report-drift@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title=gettext("Requirement drift: %(work)s (%(language)s)") % {"work": drift.work, "language": drift.language},
        work_title=work_title,
        language=drift.language,
        index_href=index_href,
        editions=tuple((e.index, e.date, e.path) for e in drift.editions),
        sections=tuple(sections),
        directions=directions,
        interface_rows=(gettext("all categories"),),
        direction_chart=_line_chart(gettext("Positions that became stricter, looser or mixed, per edition"), dates,
                                    counts, gettext("positions")),
    )


def render_drift_html(drift: Drift, **kw: Any) -> str:
    """The drift page as one self-contained HTML page (see `build_drift_page`)."""
    return environment().get_template("drift.html").render(page=build_drift_page(drift, **kw))
