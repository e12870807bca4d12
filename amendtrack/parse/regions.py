"""An edition's lines cut into regions: the order's own text, and one region per annex.

The annex markers ("1-қосымша", "Приложение 1") cut the text; the reference to
the order printed next to each marker goes with its annex.  The helpers for
runs of lines (paragraphs, their spans and text) are shared by the stages
after this one (`parse.header`, `parse.annex`).
"""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.model import LineSpan
from amendtrack.normalize import clean_line, join_lines
from amendtrack.parse.vocabulary import ANNEX_MARKER

Line = tuple[int, str]
"""A 1-based line number and the raw line."""

MAX_REFERENCE_LINES = 6


# ---------------------------------------------------------------- regions


def paragraphs_of(lines: list[Line], *, indent_starts: bool = False) -> list[list[Line]]:
    """Runs of non-blank lines.  With `indent_starts`, an indented line also starts one."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for no, raw in lines:
        if not raw.strip():
            if current:
                out.append(current)
            current = []
            continue
        if indent_starts and raw.startswith(" ") and current:
            out.append(current)
            current = []
        current.append((no, raw))
    if current:
        out.append(current)
    return out


def span_of(lines: list[Line]) -> LineSpan:
    return LineSpan(lines[0][0], lines[-1][0])


def paragraph_text(lines: list[Line]) -> str:
    return join_lines([raw for _, raw in lines])


@dataclass(frozen=True, slots=True)
class AnnexRegion:
    number: int
    reference: list[Line]
    marker: Line
    body: list[Line]


def _may_be_marker(raw: str) -> bool:
    """A quick test before the marker pattern, on the raw line: a marker starts with
    a digit or "П" and ends with "а" or a digit ("1-қосымша", "Приложение 1").
    Cleaning a line only takes out spaces, so its first and last characters are
    the raw line's first and last that are not spaces."""
    text = raw.strip()
    return (text[:1].isdigit() or text[:1] == "П") and (text[-1:] == "а" or text[-1:].isdigit())


def find_annexes(lines: list[Line]) -> tuple[list[Line], list[AnnexRegion]]:
    """Split the text at the annex markers: (the order's own lines, annex regions).

    The reference to the order ("… № 161 бұйрығына") stands in the non-blank lines
    right above a Kazakh marker and right below a Russian one; both are taken.
    """
    markers = [i for i, (_, raw) in enumerate(lines) if _may_be_marker(raw) and ANNEX_MARKER.match(clean_line(raw))]
    if not markers:
        return lines, []
    starts, regions = [], []
    for k, i in enumerate(markers):
        # The reference is printed flush left; the signature block above the
        # first annex is indented, and may follow with no blank line between.
        top = i
        while (
            top > 0
            and lines[top - 1][1].strip()
            and not lines[top - 1][1].startswith(" ")
            and i - top < MAX_REFERENCE_LINES
            and (k == 0 or top - 1 > markers[k - 1])
        ):
            top -= 1
        bottom = i + 1
        if ANNEX_MARKER.match(clean_line(lines[i][1])).group("ru"):  # type: ignore[union-attr]
            # "Приложение 1" / "к приказу …" / "от … № …": the reference follows the marker.
            top = i
            while bottom < len(lines) and lines[bottom][1].strip() and bottom - i <= MAX_REFERENCE_LINES:
                bottom += 1
        starts.append((top, i, bottom))
    for k, (top, i, bottom) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        m = ANNEX_MARKER.match(clean_line(lines[i][1]))
        assert m is not None
        number = int(m.group("kk") or m.group("ru"))
        regions.append(AnnexRegion(number, lines[top:i] + lines[i + 1 : bottom], lines[i], lines[bottom:end]))
    return lines[: starts[0][0]], regions
