"""The plain-text reader: an edition's published text → `model.Edition`.

The text is cut into regions first, then each region is read on its own:

1. the order itself (title, status, header paragraph, editorial notes, preamble,
   numbered points, signature and approval) up to the first annex reference;
2. per annex: the reference to the order, the "N-қосымша" marker, the annex title;
3. in an annex, the positions.  Each title block ends with a category code
   ("…, С-4 санаты"); the body after it runs to the next title block, minus any
   unit heading paragraphs printed before that title.

Every non-blank line ends up in exactly one element of the model; text that fits
nowhere is kept as an "unplaced" block and reported as a warning with its line.

The stages, one module each: `regions` (cutting at the annex markers), `header`
(step 1), `annex` (steps 2 and 3, with `fields` splitting a body and `headings`
reading unit headings), then here the whole edition: residue joined, ids,
repairs, warnings.  No module holds wording of its own: labels, nouns and
markers are in `vocabulary`.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from amendtrack.errors import ParseError
from amendtrack.i18n import N_, message
from amendtrack.model import (
    Annex,
    Edition,
    ParseWarning,
    Position,
    Source,
    Subunit,
    TextBlock,
    Unit,
    parse_warning,
)
from amendtrack.normalize import normalize_source
from amendtrack.parse.annex import is_anchor, read_annex
from amendtrack.parse.header import act_header, read_header
from amendtrack.parse.ids import position_ids
from amendtrack.parse.regions import AnnexRegion, Line, find_annexes
from amendtrack.parse.repairs import find_repairs
from amendtrack.residue import DocumentWords

_NO_POSITIONS = N_("no positions found: no line ends with a category code such as \"С-4 санаты\"; "
                   "is this a qualification-requirements order?")


def _language(positions: list[Position]) -> str:
    russian = sum(1 for p in positions for label in p.labels if label.text.startswith(("Образование", "Профессиональная", "Практический", "Функциональные", "Критерии")))
    total = sum(len(p.labels) for p in positions)
    return "ru" if total and russian * 2 > total else "kk"


def _structure_warnings(annexes: list[Annex], positions: list[Position]) -> list[ParseWarning]:
    """Signs that the text is not one whole edition: an annex printed twice, an abrupt end."""
    warnings = []
    seen: set[int] = set()
    for annex in annexes:
        if annex.number in seen:
            warnings.append(parse_warning(
                annex.lines.first,
                "annex %(number)s is printed a second time: the text may hold two copies or two editions",
                number=annex.number,
            ))
        seen.add(annex.number)
    last = positions[-1]
    r = last.requirements
    tail = r.duties or (r.experience.items[-1] if r.experience.items else "") or r.competence or r.education
    if not tail.rstrip().endswith((".", ";", "!", "?", "»", ")")):
        warnings.append(parse_warning(
            last.lines.last,
            "the text ends in the middle of a sentence of the last position: the edition may be truncated",
        ))
    return warnings


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the time of a parse (if it was on).

    A parse makes some hundred thousand objects and no reference cycle
    (tests/test_parallel.py checks), so the collector's passes find nothing; they
    were about a tenth of a parse, more in a process that holds a large heap.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def parse_edition(text: str, path: str = "<text>", sha256: str | None = None) -> Edition:
    """Parse an edition's published plain text.

    :param text: the whole text (any newline convention; it is normalised here,
        unless it is the reader's `normalize.NormalizedText`).
    :param path: shown in messages and recorded in the model's source.
    :param sha256: of the file's bytes, when the caller read a file.
    :raises ParseError: when the text holds no position at all.
    """
    with _collector_paused():
        return _parse(text, path, sha256)


def _parse(text: str, path: str, sha256: str | None) -> Edition:
    text = normalize_source(text)  # at once when the reader did it (`normalize.NormalizedText`)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    raw_lines = text.split("\n")[:-1] if text else []
    lines: list[Line] = list(enumerate(raw_lines, start=1))
    own, regions = find_annexes(lines)
    warnings: list[ParseWarning] = []

    if not regions:
        # No annex marker: read the positions as one annex numbered 0, so nothing
        # is invented, and say so.
        first_anchor = next((i for i in range(len(lines)) if lines[i][1].strip() and is_anchor(lines, i)), None)
        if first_anchor is None:
            raise ParseError(path, message(_NO_POSITIONS))
        start = first_anchor
        while start > 0 and lines[start - 1][1].strip():
            start -= 1
        # Keep the title block's preceding paragraph in the header region.
        own = lines[:start]
        regions = [AnnexRegion(0, [], (start, ""), lines[start:])]
        warnings.append(parse_warning(lines[start][0], "no annex marker (\"1-қосымша\"); positions are read as annex 0"))

    header = read_header(own)
    vocabulary = DocumentWords(text)  # vouches for the joins of letter-spacing residue
    annexes: list[Annex] = []
    positions: list[Position] = []
    units: list[Unit] = []
    subunits: list[Subunit] = []
    blocks: list[TextBlock] = list(header.blocks)
    for region in regions:
        annex, found, state, extra = read_annex(region, len(positions) + 1, warnings, vocabulary)
        annexes.append(annex)
        positions += found
        units += state.units
        subunits += state.subunits
        blocks += extra
    if not positions:
        raise ParseError(path, message(_NO_POSITIONS))
    warnings += _structure_warnings(annexes, positions)

    # One copy of each position with both: its id and where the source damaged it.
    ids = position_ids(positions)
    positions = [replace(p, id=i, repairs=find_repairs(p, raw_lines)) for p, i in zip(positions, ids, strict=True)]
    warnings.sort(key=lambda w: (w.line, w.message))
    return Edition(
        source=Source(path, sha256),
        language=_language(positions),
        act=act_header(header),
        preamble=tuple(header.preamble),
        annexes=tuple(annexes),
        units=tuple(units),
        subunits=tuple(subunits),
        positions=tuple(positions),
        other_text=tuple(blocks),
        warnings=tuple(warnings),
    )


def parse_file(path: str, encoding: str | None = None, max_bytes: int | None = None) -> Edition:
    """Read an edition file (see `read.text.read_text`) and parse it.

    :raises InputError: the file cannot be read as text (missing, binary, …).
    :raises ParseError: the text holds no position.
    """
    from amendtrack.read.files import DEFAULT_MAX_BYTES
    from amendtrack.read.text import read_text

    decoded = read_text(path, encoding=encoding, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    return with_notices(parse_edition(decoded.text, decoded.path, decoded.sha256), decoded.notices)


def with_notices(edition: Edition, notices: tuple[str, ...]) -> Edition:
    """`edition` with the reader's notices (e.g. tracked changes read as accepted) as warnings on line 1."""
    if not notices:
        return edition
    extra = tuple(ParseWarning(line=1, message=n) for n in notices)
    return replace(edition, warnings=extra + edition.warnings)
