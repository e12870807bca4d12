"""`amendtrack drift` output: text for a terminal, JSON (`amendtrack/drift@1`) and CSV.

The contract and the CSV columns are documented in docs/drift.md.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from amendtrack.compare.direction import KIND_WORDS
from amendtrack.formats.outline import count
from amendtrack.history.drift import CategoryDrift, Drift

DRIFT_SCHEMA = "amendtrack/drift@1"
CSV_COLUMNS = ("work", "language", "edition", "date", "category", "measure", "subject", "value", "positions")
"""One row per edition × category × measure (× kind or field of education: the subject)."""


def _number(x: float) -> str:
    """2.0 → "2", 2.5 → "2.5": medians print as they are."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def drift_to_dict(d: Drift) -> dict[str, Any]:
    """The drift as plain data (`amendtrack/drift@1`)."""
    return {
        "schema": DRIFT_SCHEMA,
        "work": d.work,
        "language": d.language,
        "editions": [
            {
                "index": e.index, "date": e.date, "path": e.path,
                "categories": [
                    {
                        "category": c.category,
                        "positions": c.positions,
                        "years": [{"kind": y.kind, "positions": y.positions, "min": y.min, "median": y.median,
                                   "max": y.max} for y in c.years],
                        "education": [{"field": f.field, "positions": f.positions, "share": f.share}
                                      for f in c.education],
                        "directions": [{"id": p.id, "title": p.title, "direction": p.direction, "steps": p.words}
                                       for p in c.directions],
                    }
                    for c in e.categories
                ],
            }
            for e in d.editions
        ],
    }


def drift_to_json(d: Drift) -> str:
    """`drift_to_dict` as JSON text (UTF-8 letters kept, indented, final newline)."""
    return json.dumps(drift_to_dict(d), ensure_ascii=False, indent=2) + "\n"


def _rows(d: Drift) -> list[list[str]]:
    rows = []
    for e in d.editions:
        for c in e.categories:
            def row(measure: str, subject: str, value: str, positions: str = "", c: CategoryDrift = c) -> None:
                rows.append([d.work, d.language, str(e.index), e.date, c.category, measure, subject, value,
                             positions])

            row("positions", "", str(c.positions))
            for y in c.years:
                row("years_min", y.kind, str(y.min), str(y.positions))
                row("years_median", y.kind, _number(y.median), str(y.positions))
                row("years_max", y.kind, str(y.max), str(y.positions))
            for f in c.education:
                row("education_share", f.field, f"{f.share:.4f}", str(f.positions))
            for direction in ("stricter", "looser", "mixed"):
                ids = [p.id for p in c.directions if p.direction == direction]
                row(direction, "", str(len(ids)), " ".join(ids))
    return rows


def drift_to_csv(d: Drift) -> str:
    """The drift as CSV text with a header row (`CSV_COLUMNS`), "\\r\\n" line ends.

    The caller writes it as UTF-8 with a byte-order mark, so that a spreadsheet
    opens the Cyrillic as is (docs/drift.md).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_rows(d))
    return out.getvalue()


def render_drift_text(d: Drift) -> str:
    """The drift for a terminal: per edition, one block per category code."""
    lines = [f"requirement drift: {d.work} ({d.language}), {count(len(d.editions), 'edition')}"]
    for e in d.editions:
        lines += ["", f"edition {e.index} · {e.date} · {e.path}"]
        for c in e.categories:
            lines.append(f"  {c.category}: {_plural(c.positions, 'position')}")
            for y in c.years:
                lines.append(f"    {KIND_WORDS[y.kind]}: years min {y.min}, median {_number(y.median)}, max {y.max}"
                             f" ({_plural(y.positions, 'position')})")
            if c.education:
                shares = ", ".join(f"{f.field} {round(f.share * 100)}%" for f in c.education)
                lines.append(f"    education open to: {shares}")
            for p in c.directions:
                lines.append(f"    {p.direction}: {p.title} [{p.id}]: {p.words}")
    return "\n".join(lines) + "\n"
