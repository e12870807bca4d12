"""Metamorphic cases for the parser: every kind of extraction damage (`damage`) at
every place of an edition where it can occur, and the check that the damaged
text parses to the same model.

"The same model" is `model_key`: per position its title, category code, the four
requirement fields (experience as intro, items and trailer) and its unit and
sub-unit, every text compared by `normalize.comparable`; the units; and the
number of unplaced blocks.  Line numbers and the printed layout may differ.

A case is checked on a window of the text (the position, the one before and the
one after, with their annex marker), so that a sweep of tens of thousands of
cases takes minutes: damage at one position can only reach its neighbours.
`bench/sweep.py` runs every case; tests/test_sweep.py a sample of them, and a
few on the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from amendtrack.model import Edition, Position, Subunit, Unit
from amendtrack.normalize import clean_line, comparable
from amendtrack.parse.edition import parse_edition
from amendtrack.parse.vocabulary import KK_UNIT_NOUN_AT_END, TABLE_HEADER
from tests.support import damage

Lines = list[str]

REFLOW_WIDTHS = (25, 45, 70, 120)
"""Line widths a paragraph is reflowed to: narrow enough to wrap every title, wide
enough to put a whole field on one line."""
_ITEM = re.compile(r"^\d{1,2}\s*\)")
_ANNEX_PREFIX = ["1-қосымша", "", "Біліктілік талаптары", ""]
"""Printed before a window that does not start at an annex: a marker and a title."""


@dataclass(frozen=True, slots=True)
class Case:
    """One kind of damage at one place."""

    name: str
    """What and where, e.g. "displace_label duties own k=2 seq 6 (line 356)"."""
    position: int
    """The index (in `Edition.positions`) of the position the damage is in."""
    apply: Callable[[Sequence[str]], Lines]
    """The damage, on the whole text's lines."""


# ---------------------------------------------------------------- where damage can go


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    label: tuple[int, ...]
    """0-based indices of the label's lines (empty: no label printed)."""
    label_words: str
    region: tuple[int, int]
    """First and last line index of the label and the text together."""
    text: tuple[str, ...]
    """The field's text lines without the label (a glued label's line keeps its rest)."""


def _blank(line: str) -> bool:
    return not line.strip()


def _label_lines(lines: Sequence[str], line: int, words: str) -> tuple[tuple[int, ...], str]:
    """The label's line indices and what follows it on its last line."""
    first = clean_line(lines[line])
    if first.startswith(words):
        return (line,), first[len(words):].strip()
    second = clean_line(lines[line + 1])
    head = words.split(" ", 1)[1] if " " in words else ""
    return (line, line + 1), second[len(head):].strip()


def _fields(p: Position, lines: Sequence[str]) -> list[_Field]:
    spans = dict(p.field_lines)
    out = []
    for label in p.labels:
        if label.field not in spans:
            continue
        idx, rest = _label_lines(lines, label.line - 1, label.text)
        span = spans[label.field]
        first, last = min(idx[0], span.first - 1), max(idx[-1], span.last - 1)
        text = _strip_label_gaps(lines, first, last, idx, rest)
        out.append(_Field(label.field, idx, label.text, (first, last), tuple(text)))
    return out


def _strip_label_gaps(lines: Sequence[str], first: int, last: int, idx: tuple[int, ...], rest: str) -> Lines:
    near = set()
    for i in idx:
        j = i - 1
        while j >= first and _blank(lines[j]):
            near.add(j)
            j -= 1
        j = i + 1
        while j <= last and _blank(lines[j]):
            near.add(j)
            j += 1
    text: Lines = []
    for i in range(first, last + 1):
        if i in idx:
            if i == idx[-1] and rest:
                text.append(rest)
            continue
        if i in near:
            continue
        text.append(lines[i])
    while text and _blank(text[0]):
        text.pop(0)
    while text and _blank(text[-1]):
        text.pop()
    return text


def _title_lines(p: Position, lines: Sequence[str]) -> tuple[int, int]:
    first = p.lines.first - 1
    last = first
    while last + 1 < len(lines) and not _blank(lines[last + 1]) and not TABLE_HEADER.match(clean_line(lines[last + 1])):
        last += 1
    return first, last


def _paragraphs(lines: Sequence[str], first: int, last: int, *, items: bool) -> list[tuple[int, int]]:
    """Runs of non-blank lines in first..last; with `items`, also cut before "N)" and after a line ending "."."""
    out: list[tuple[int, int]] = []
    start = None
    for i in range(first, last + 1):
        line = clean_line(lines[i])
        if not line:
            if start is not None:
                out.append((start, i - 1))
            start = None
            continue
        if items and start is not None and (_ITEM.match(line) or clean_line(lines[i - 1]).endswith(".")):
            out.append((start, i - 1))
            start = None
        if start is None:
            start = i
    if start is not None:
        out.append((start, last))
    return out


def _opens_with_unit_name(title: str) -> bool:
    words = title.split()
    return any(KK_UNIT_NOUN_AT_END.search(" ".join(words[:k])) and words[k][:1].isupper() for k in range(1, len(words)))


def _splice(first: int, last: int, new: Sequence[str]) -> Callable[[Sequence[str]], Lines]:
    def apply(lines: Sequence[str]) -> Lines:
        out = [*lines[:first], *new, *lines[last + 1 :]]
        # A row starts after a blank line; a field whose label moved away keeps it.
        if first > 0 and new and not _blank(lines[first - 1]) and not _blank(new[0]):
            out.insert(first, "")
        return out

    return apply


def cases(edition: Edition, lines: Sequence[str]) -> Iterator[Case]:
    """Every case of every damage kind in `edition` (parsed from `lines`)."""
    positions = edition.positions
    annex_end = {a.number: a.lines.last - 1 for a in edition.annexes}
    for k, p in enumerate(positions):
        where = f"seq {p.seq} (line {p.lines.first})"
        block = range(p.lines.first - 1, p.lines.last)
        title = _title_lines(p, lines)
        fields = _fields(p, lines)

        # Labels displaced after a page break, at every line of their field.
        for f in fields:
            filled = sum(1 for line in f.text if not _blank(line))
            styles = ("own", "split", "glued") if " " in f.label_words else ("own", "glued")
            for style in styles:
                for j in range(1, filled):
                    moved = damage.displace_label(f.text, f.label_words, j, style)
                    yield Case(f"displace_label {f.name} {style} k={j} {where}", k, _splice(*f.region, moved))
            # The label split, joined or glued in place, its text after it.
            yield Case(f"label_in_place {f.name} split {where}", k,
                       _splice(*f.region, [*f.label_words.split(" ", 1), *f.text]))
            yield Case(f"label_in_place {f.name} one_line {where}", k,
                       _splice(*f.region, [f.label_words, *f.text]))
            yield Case(f"label_in_place {f.name} glued {where}", k,
                       _splice(*f.region, [f"{f.label_words} {clean_line(f.text[0])}", *f.text[1:]]))

        for i in block:
            if i > title[0]:
                yield Case(f"page_break before line {i + 1} {where}", k, partial(damage.page_break, at=i))
            if _blank(lines[i]):
                continue
            yield Case(f"letter_space line {i + 1} {where}", k, partial(damage.letter_space, at=i))
            if len(clean_line(lines[i]).split()) > 2:
                yield Case(f"letter_space tail of line {i + 1} {where}", k,
                           partial(damage.letter_space, at=i, tail_words=2))
            kind = ("leading", "trailing", "doubled")[i % 3]
            yield Case(f"spaces {kind} line {i + 1} {where}", k, partial(damage.spaces, at=i, kind=kind))
            yield Case(f"latin_lookalikes line {i + 1} {where}", k, partial(damage.latin_lookalikes, at=i))
            if "-" in lines[i]:
                yield Case(f"en_dash line {i + 1} {where}", k, partial(damage.en_dash, at=i))

        # Reflow: the title block, and every paragraph of every field.
        # The title without a heading printed in its block: heading and title are
        # two paragraphs (glued, they are the glue_heading cases), and the annex
        # title before the first heading is a third.
        heads = [u.lines.last - 1 for u in (p.unit, p.subunit) if u is not None and title[0] <= u.lines.first - 1 <= title[1]]
        if p.lines.first - 1 <= annex_end.get(p.annex, -1):
            heads.append(annex_end[p.annex])
        title_from = max(heads) + 1 if heads else title[0]
        paragraphs = [(title_from, title[1])] if title_from <= title[1] else []
        spans = dict(p.field_lines)
        for f in fields:
            first, last = spans[f.name].first - 1, spans[f.name].last - 1
            for a, b in _paragraphs(lines, first, last, items=f.name == "experience"):
                if any(a <= i <= b for i in f.label):
                    continue  # a paragraph holding a label: the label cases cover it
                paragraphs.append((a, b))
        for a, b in paragraphs:
            for width in REFLOW_WIDTHS:
                yield Case(f"reflow lines {a + 1}-{b + 1} width {width} {where}", k,
                           partial(damage.reflow, first=a, last=b, width=width))

        heading_glued = any(u is not None and p.lines.first <= u.lines.first <= p.lines.last for u in (p.unit, p.subunit))
        already = p.printed_title[:1].isdigit()  # the seed's own stray "1." (line 1374)
        if not heading_glued and not already and not _opens_with_unit_name(p.printed_title):
            # Not where the line starts with a heading, nor before a title that
            # opens with a unit's name in the nominative ("Төтенше жағдайлар
            # басқармасы Азаматтық … бөлімінің маманы"): "1." there makes a
            # numbered heading glued to a title, which is how it would be read.
            yield Case(f"stray_number {where}", k, partial(damage.stray_number, at=title[0]))

    # Headings: glued to the title after them, reflowed.
    headings: list[Unit | Subunit] = [*edition.units, *edition.subunits]
    for u in headings:
        first, last = u.lines.first - 1, u.lines.last - 1
        after = next((k for k, q in enumerate(positions) if q.lines.first - 1 > last), None)
        inside = any(q.lines.first <= u.lines.first <= q.lines.last for q in positions)
        if after is None or inside:
            continue
        q = positions[after]
        name = f"heading at line {u.lines.first}"
        yield Case(f"glue_heading {name}", after,
                   partial(damage.glue_heading, heading=tuple(range(first, last + 1)), title_first=q.lines.first - 1))
        for width in (15, 30):
            yield Case(f"reflow {name} width {width}", after,
                       partial(damage.reflow, first=first, last=last, width=width))


# ---------------------------------------------------------------- checking


def model_key(edition: Edition) -> tuple[object, ...]:
    """What a damaged text must parse to the same as the undamaged one (see the module docstring)."""

    def place(p: Position) -> tuple[object, ...]:
        unit = (p.unit.number, comparable(p.unit.name)) if p.unit else None
        return unit, comparable(p.subunit.name) if p.subunit else None

    positions = []
    for p in edition.positions:
        r, e = p.requirements, p.requirements.experience
        positions.append((
            comparable(p.title), p.category.code,
            comparable(r.education), comparable(r.competence),
            (comparable(e.intro or ""), tuple(comparable(i) for i in e.items), comparable(e.trailer or ""), e.numbered),
            comparable(r.duties), place(p),
        ))
    units = tuple((u.number, comparable(u.name)) for u in edition.units)
    subunits = tuple(comparable(s.name) for s in edition.subunits)
    unplaced = sum(1 for b in edition.other_text if b.role == "unplaced")
    return tuple(positions), units, subunits, unplaced


def window_text(lines: Sequence[str], first: int, last: int, at_annex: bool) -> str:
    body = list(lines[first : last + 1])
    return "\n".join(body if at_annex else [*_ANNEX_PREFIX, *body]) + "\n"


class Checker:
    """Checks cases of one edition; keeps the undamaged window keys."""

    def __init__(self, edition: Edition, lines: Sequence[str]) -> None:
        self.edition = edition
        self.lines = tuple(lines)
        self._keys: dict[int, tuple[object, ...]] = {}

    def _undamaged(self, k: int) -> tuple[object, ...]:
        if k not in self._keys:
            self._keys[k] = self.key(self.lines, k)
        return self._keys[k]

    def _window(self, k: int) -> tuple[int, int, bool]:
        positions = self.edition.positions
        p = positions[k]
        before = positions[k - 1] if k > 0 and positions[k - 1].annex == p.annex else None
        after = positions[k + 1] if k + 1 < len(positions) and positions[k + 1].annex == p.annex else None
        if before is None:
            annex = next(a for a in self.edition.annexes if a.number == p.annex)
            first = annex.lines.first - 1
            # The marker ("N-қосымша") stands below the reference, inside the annex's span.
            at_annex = True
        else:
            first, at_annex = before.lines.first - 1, False
        return first, (after or p).lines.last - 1, at_annex

    def key(self, lines: Sequence[str], k: int, delta: int = 0) -> tuple[object, ...]:
        first, last, at_annex = self._window(k)
        text = window_text(lines, first, last + delta, at_annex)
        return model_key(parse_edition(text, "window.txt"))

    def check(self, case: Case) -> str | None:
        """None when the damaged window parses to the undamaged window's model, else what differs."""
        damaged = case.apply(self.lines)
        delta = len(damaged) - len(self.lines)
        want = self._undamaged(case.position)
        try:
            got = self.key(damaged, case.position, delta)
        except Exception as exc:  # noqa: BLE001 - a sweep reports every failure, crashes too
            return f"{type(exc).__name__}: {exc}"
        if got == want:
            return None
        return describe(want, got)


def describe(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    """The first difference between two model keys, in words."""
    names = ("positions", "units", "subunits", "unplaced")
    for name, a, b in zip(names, want, got):
        if a == b:
            continue
        if name != "positions":
            return f"{name}: {a!r} → {b!r}"
        if len(a) != len(b):  # type: ignore[arg-type]
            return f"positions: {len(a)} → {len(b)}"  # type: ignore[arg-type]
        parts = ("title", "code", "education", "competence", "experience", "duties", "place")
        for i, (pa, pb) in enumerate(zip(a, b)):  # type: ignore[call-overload]
            for part, x, y in zip(parts, pa, pb):
                if x != y:
                    x, y = str(x), str(y)
                    at = next((j for j, (cx, cy) in enumerate(zip(x, y)) if cx != cy), min(len(x), len(y)))
                    return (f"position {i} of the window, {part}: …{x[max(0, at - 50):at + 60]!r} → "
                            f"…{y[max(0, at - 50):at + 60]!r}")
    return "differs"
