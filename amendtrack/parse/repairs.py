"""Where the PDF extraction damaged a position's text, field by field.

The parser repairs layout damage silently (it must, to read the text at all):
it joins letter-spaced letters, reads a field across a page break, drops a row
label that a page break pushed into the middle of the text, and places a field
whose label is missing by its content.  One kind of damage it cannot undo: the
competence blocks whose commas, closing quotes and some words the extraction
moved to other lines.  A reader of the shown text needs to know all of it, so
this module finds, for each field of a position, every such place with the
source lines it is on.  It reads the same normalised source lines as the parser
and the position's own line spans; it changes no text.

The result is a tuple of `Repair` values, in field order, then line order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.model import FIELD_NAMES, LineSpan, Position, Repair
from amendtrack.normalize import clean_line
from amendtrack.parse.tokens import PAGE_BREAK_BLANKS

# A line that starts with a comma before a word or another comma: the extraction
# moves the commas of a list of laws to the starts of lines (", Республикасының",
# ", , , »").  A wrap before a quote (", «Сыбайлас") is honest, and one line
# may be an honest wrap before a clause; two in one field are the scramble.
_MOVED_PUNCTUATION = re.compile(r"^\s*,\s*(?:,|[^\W\d_])")
_SCRAMBLE_MIN_LINES = 2


@dataclass(frozen=True, slots=True)
class _Marks:
    """What one pass over a field's source lines found, as line numbers."""

    blank: list[int]
    letter_spaced: list[int]
    moved_punctuation: list[int]


def _marks(lines: Sequence[str], span: LineSpan) -> _Marks:
    """One pass over the source lines of a field (`span`; line 1 is ``lines[0]``)."""
    blank: list[int] = []
    spaced: list[int] = []
    moved: list[int] = []
    for n in range(span.first, min(span.last, len(lines)) + 1):
        text = lines[n - 1]
        if not text.strip():
            blank.append(n)
            continue
        # A line whose reading differs from the line with its spaces folded was
        # letter-spaced.  A line that reads as printed (`clean_line` keeps it) has
        # single spaces and none at its ends: folding keeps it too.
        cleaned = clean_line(text)
        if cleaned != text and cleaned != " ".join(text.split()):
            spaced.append(n)
        if _MOVED_PUNCTUATION.match(text):
            moved.append(n)
    return _Marks(blank, spaced, moved)


def _runs(numbers: list[int]) -> list[LineSpan]:
    """Consecutive line numbers as spans: [3, 4, 5, 9] → 3–5, 9–9."""
    spans: list[LineSpan] = []
    for n in numbers:
        if spans and spans[-1].last == n - 1:
            spans[-1] = LineSpan(spans[-1].first, n)
        else:
            spans.append(LineSpan(n, n))
    return spans


def _page_breaks(marks: _Marks) -> list[LineSpan]:
    """The blank runs of three or more lines inside the field's text."""
    return [s for s in _runs(marks.blank) if s.last - s.first + 1 >= PAGE_BREAK_BLANKS]


def _scrambled(marks: _Marks) -> LineSpan | None:
    moved = marks.moved_punctuation
    if len(moved) < _SCRAMBLE_MIN_LINES:
        return None
    return LineSpan(moved[0], moved[-1])


def _has_text(position: Position, field: str) -> bool:
    r = position.requirements
    if field == "experience":
        e = r.experience
        return bool(e.intro or e.items or e.trailer)
    return bool(getattr(r, field))


def find_repairs(position: Position, lines: Sequence[str]) -> tuple[Repair, ...]:
    """Every place where the source damaged this position's fields.

    :param position: a parsed position, with its ``field_lines`` and ``labels``.
    :param lines: the edition's normalised source lines (line 1 is ``lines[0]``).
    """
    spans = dict(position.field_lines)
    labelled = {label.field for label in position.labels}
    out: list[Repair] = []
    for field in FIELD_NAMES:
        span = spans.get(field)
        if span is None:
            continue
        marks = _marks(lines, span)
        found: list[Repair] = []
        scramble = _scrambled(marks)
        if scramble is not None:
            found.append(Repair(field, "scrambled", scramble))
        found += [Repair(field, "page_break", s) for s in _page_breaks(marks)]
        found += [
            Repair(field, "displaced_label", LineSpan(label.line, label.line), label.text)
            for label in position.labels
            if label.field == field and label.displaced
        ]
        found += [Repair(field, "letter_spacing", s) for s in _runs(marks.letter_spaced)]
        if field not in labelled and _has_text(position, field):
            found.append(Repair(field, "label_missing", LineSpan(span.first, span.first)))
        out += sorted(found, key=lambda r: (r.lines.first, r.kind))
    return tuple(out)
