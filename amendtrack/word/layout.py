"""The document layout: an edition as paragraphs and tables, and blocks back to text lines.

One small block model serves the three jobs of the package:

* `edition_blocks` lays one edition out like the printed order: the act's own
  text (title, header sentence, notes, preamble and points, signature and
  approval blocks), then per annex its reference, marker and title, the unit
  headings, and each position as its title line and a two-column table
  ("Өлшемшарттар | Талаптар" / "Критерии | Требования") with one row per
  requirement field;
* the redline (redline.py) builds the same blocks with tracked runs and marks;
* the reader (reader.py) builds blocks from a document's XML.

`text_lines` turns blocks into the text lines the parser reads, so an edition
read from Word goes through exactly the parser rules a .txt edition does:
a paragraph is a line (a line break inside it starts a new line), a table row
that is the criteria/requirements header is one line, any other row gives its
cells' paragraphs in order, and a table and each of its rows stand between
blank lines, as the printed tables do in the extracted text.  Headings and
position titles (styled by our writer) also stand between blank lines, since
the parser tells a heading from a title by its paragraph.

`resolve` accepts or rejects every tracked change of blocks, which is how the
tests check that "Accept all" gives the new edition and "Reject all" the old.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from amendtrack.compare.textdiff import Op, Span
from amendtrack.model import Edition, Position
from amendtrack.parse.vocabulary import TABLE_HEADER

__all__ = [
    "Block",
    "Cell",
    "Para",
    "Row",
    "Table",
    "edition_blocks",
    "position_blocks",
    "resolve",
    "text_lines",
]

# Paragraph styles our writer defines (writer.STYLES gives their look).
TITLE, NORMAL, ACT, NOTE, ANNEX, HEADING, SUBHEADING, POSITION, LABEL, SUMMARY = (
    "Title", "Normal", "ActText", "Note", "AnnexHeading", "Heading1", "Heading2", "PositionTitle", "Label",
    "Summary",
)
_SPACED_STYLES = frozenset({TITLE, HEADING, SUBHEADING, POSITION})
"""Styles whose paragraphs stand between blank lines in `text_lines` (see the module docstring)."""
_INDENTED_STYLES = frozenset({ACT, NOTE})
"""Styles of paragraphs of the act's own text: in the extracted text each starts indented,
which is how the parser tells a new point or note from a wrapped line."""
INDENT = " " * 6


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: its runs of text, each kept, inserted or deleted."""

    runs: tuple[Span, ...]
    """EQUAL runs are plain text; INSERT and DELETE runs are tracked changes."""
    style: str = NORMAL
    mark: Op = Op.EQUAL
    """INSERT or DELETE when the whole paragraph is a tracked insertion or deletion."""
    comment: str | None = None
    """A comment anchored on the paragraph (a moved or renamed position says from where)."""
    former_style: str | None = None
    """The style before the change (a tracked paragraph-property change), when it changed."""

    @property
    def text(self) -> str:
        """The paragraph's text with every change shown (deleted and inserted runs)."""
        return "".join(t for _, t in self.runs)


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its paragraphs."""

    paras: tuple[Para, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """A table row; `mark` is INSERT or DELETE when the row itself is a tracked change."""

    cells: tuple[Cell, ...]
    mark: Op = Op.EQUAL
    header: bool = False
    """True for the criteria/requirements header row (repeated on every page)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its rows."""

    rows: tuple[Row, ...]


Block = Para | Table


def para(text: str, style: str = NORMAL, mark: Op = Op.EQUAL, comment: str | None = None) -> Para:
    """A paragraph of one run; an inserted or deleted paragraph's run is inserted or deleted too."""
    return Para(runs=((mark, text),) if text else (), style=style, mark=mark, comment=comment)


# ---------------------------------------------------------------- an edition as blocks

_HEADER_CELLS = {"kk": ("Өлшемшарттар", "Талаптар"), "ru": ("Критерии", "Требования")}
_FIELD_LABELS = {
    "kk": {"education": "Білімі", "competence": "Кәсіби құзыреттілігі",
           "experience": "Практикалық тәжірибесі", "duties": "Функционалдық міндеттері"},
    "ru": {"education": "Образование", "competence": "Профессиональная компетентность",
           "experience": "Практический опыт", "duties": "Функциональные обязанности"},
}
FIELDS = ("education", "competence", "experience", "duties")


def _label_text(position: Position, field: str, language: str) -> str:
    """The label as this position printed it (variants and typos kept), else the usual wording."""
    for label in position.labels:
        if label.field == field:
            return label.text
    return _FIELD_LABELS.get(language, _FIELD_LABELS["kk"])[field]


def field_paragraphs(position: Position, field: str) -> tuple[str, ...]:
    """A requirement field as the paragraphs of its table cell (experience: intro, items, trailer)."""
    r = position.requirements
    if field != "experience":
        return (getattr(r, field),)
    e = r.experience
    lines = [e.intro] if e.intro else []
    lines += [f"{k}) {item}" if e.numbered else item for k, item in enumerate(e.items, start=1)]
    if e.trailer:
        lines.append(e.trailer)
    return tuple(lines)


def position_cells(position: Position, language: str) -> list[tuple[str, tuple[str, ...]]]:
    """The table of a position as (label, value paragraphs) rows, header first."""
    header = next((lab.text for lab in position.labels if lab.field == "header"), None)
    left, right = _HEADER_CELLS.get(language, _HEADER_CELLS["kk"])
    if header and TABLE_HEADER.match(header):
        left, _, right = header.partition(" ")
    rows: list[tuple[str, tuple[str, ...]]] = [(left, (right,))]
    rows += [(_label_text(position, f, language), field_paragraphs(position, f)) for f in FIELDS]
    return rows


def position_blocks(position: Position, language: str) -> list[Block]:
    """A position: its title paragraph and its criteria/requirements table."""
    rows = tuple(
        Row(cells=(Cell((para(label, LABEL),)), Cell(tuple(para(v) for v in values))), header=(k == 0))
        for k, (label, values) in enumerate(position_cells(position, language))
    )
    return [para(position.printed_title, POSITION), Table(rows)]


def _unit_heading(number: str | None, name: str) -> str:
    return f"{number}. {name}" if number else name


def edition_pieces(edition: Edition) -> list[tuple[int, int, str, list[Block]]]:
    """Every printed element of the edition as (first line, order, key, blocks), in reading order.

    The key names what the blocks are ("act:title", "unit:1:3", "position:ID"),
    so the redline can pair the pieces of two editions.
    """
    pieces: list[tuple[int, int, str, list[Block]]] = []
    act = edition.act
    header_end = act.lines.last
    for k, block in enumerate(edition.other_text):
        style = TITLE if block.role == "title" else ACT if block.role in ("signature", "approval") else NORMAL
        pieces.append((block.lines.first, 0, f"text:{block.role}:{k}", [para(block.text, style)]))
        if block.role == "act_header":
            header_end = block.lines.last
    for k, note in enumerate(act.notes):
        # Notes keep no line span of their own; they follow the act's header sentence.
        pieces.append((header_end, 1 + k, f"note:{k}", [para(note, NOTE)]))
    for k, point in enumerate(edition.preamble):
        text = f"{point.number} {point.text}" if point.number else point.text
        pieces.append((point.lines.first, 0, f"preamble:{k}", [para(text, ACT)]))
    for annex in edition.annexes:
        # Kazakh prints the reference to the order above "1-қосымша", Russian below "Приложение 1".
        order = (annex.marker, annex.reference) if edition.language == "ru" else (annex.reference, annex.marker)
        blocks: list[Block] = [para(t, ANNEX) for t in order if t]
        blocks.append(para(annex.title, TITLE))
        pieces.append((annex.lines.first, 0, f"annex:{annex.number}", blocks))
    for unit in edition.units:
        pieces.append((unit.lines.first, 0, f"unit:{unit.annex}:{unit.ordinal}",
                       [para(_unit_heading(unit.number, unit.name), HEADING)]))
    for k, sub in enumerate(edition.subunits):
        pieces.append((sub.lines.first, 0, f"subunit:{k}", [para(sub.name, SUBHEADING)]))
    for position in edition.positions:
        pieces.append((position.lines.first, 0, f"position:{position.id}",
                       position_blocks(position, edition.language)))
    pieces.sort(key=lambda p: (p[0], p[1]))
    return pieces


def edition_blocks(edition: Edition) -> list[Block]:
    """The whole edition as blocks, in reading order (see the module docstring)."""
    return [b for _, _, _, blocks in edition_pieces(edition) for b in blocks]


# ---------------------------------------------------------------- blocks as text lines


def _row_lines(row: Row) -> list[str]:
    cells = [[line for p in c.paras for line in p.text.split("\n")] for c in row.cells]
    joined = " ".join(" ".join(lines) for lines in cells).strip()
    if TABLE_HEADER.match(" ".join(joined.split())):
        return [joined]
    return [line for lines in cells for line in lines]


def text_lines(blocks: Iterable[Block]) -> list[str]:
    """The text lines the parser reads from `blocks` (see the module docstring)."""
    lines: list[str] = []
    previous = ""

    def gap() -> None:
        if lines and lines[-1].strip():
            lines.append("")

    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                gap()
                lines.extend(_row_lines(row))
            gap()
            previous = ""
            continue
        text = block.text.split("\n")
        if block.style in _SPACED_STYLES:
            gap()
            lines.extend(text)
            lines.append("")
        elif block.style in _INDENTED_STYLES:
            lines.extend(INDENT + line for line in text)
        elif block.style == ANNEX:
            if previous != ANNEX:
                gap()  # a new annex's reference; its marker follows right under it
            lines.extend(text)
        else:
            lines.extend(text)
        previous = block.style
    return lines


# ---------------------------------------------------------------- accepting and rejecting


def _resolve_paras(paras: Sequence[Para], accept: bool) -> list[Para]:
    """Paragraphs after accepting or rejecting, with Word's meaning of a paragraph mark:
    a paragraph whose mark goes joins the next one (an emptied one simply goes)."""
    dropped = Op.DELETE if accept else Op.INSERT
    out: list[Para] = []
    pending = ""
    for p in paras:
        text = pending + "".join(t for op, t in p.runs if op != dropped)
        if p.mark == dropped:
            pending = text
            continue
        pending = ""
        style = p.style if accept or p.former_style is None else p.former_style
        out.append(Para(runs=((Op.EQUAL, text),) if text else (), style=style))
    if pending:
        out.append(Para(runs=((Op.EQUAL, pending),)))
    return out


def _resolve_all(blocks: Sequence[Block], accept: bool) -> Iterator[Block]:
    dropped = Op.DELETE if accept else Op.INSERT
    run: list[Para] = []
    for block in blocks:
        if isinstance(block, Para):
            run.append(block)
            continue
        # A paragraph mark cannot join a table: a paragraph left pending before one stays.
        yield from _resolve_paras(run, accept)
        run = []
        rows = [Row(cells=tuple(Cell(tuple(_resolve_paras(c.paras, accept))) for c in row.cells), header=row.header)
                for row in block.rows if row.mark != dropped]
        if rows:
            yield Table(tuple(rows))
    yield from _resolve_paras(run, accept)


def resolve(blocks: Sequence[Block], accept: bool) -> list[Block]:
    """The blocks after "Accept all" (`accept` True) or "Reject all" (False) changes."""
    return list(_resolve_all(blocks, accept))
