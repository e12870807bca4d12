"""Reading a .docx edition: ``word/document.xml`` → blocks → the text lines the parser reads.

The reader does not interpret the order: it turns paragraphs and tables into
`layout` blocks and those into text lines (`layout.text_lines`), and the
parser reads those lines with the rules and the lossless accounting it applies
to a .txt edition.  So a requirement field may stand in a table cell (the
printed "Өлшемшарттар | Талаптар" table) or in running text under its label.

What a paragraph's text is: its ``w:t`` runs in order, ``w:tab`` as a tab,
``w:br``/``w:cr`` as a line break, a non-breaking hyphen as "-"; field
instructions (``w:instrText``), deleted text and soft hyphens are not text.
Content controls (``w:sdt``), hyperlinks, smart tags and the like are walked
into.  Tracked changes are read as accepted ("Accept all"): insertions kept,
deletions dropped, a deleted paragraph mark joins the paragraph to the next;
the caller is told how many there were, so it can warn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from amendtrack.compare.textdiff import Op
from amendtrack.word.layout import Block, Cell, Para, Row, Table, text_lines
from amendtrack.word.package import MAIN_PART, open_package, parse_xml, read_part

__all__ = ["WordText", "read_docx", "blocks_of"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = frozenset(_W + t for t in ("del", "moveFrom", "instrText", "delText", "delInstrText", "pPr", "rPr",
                                      "tblPr", "trPr", "tcPr", "sectPr", "footnoteReference",
                                      "endnoteReference", "commentReference", "softHyphen", "fldData"))
_CHANGES = frozenset(_W + t for t in ("ins", "del", "moveFrom", "moveTo"))
_DROPPED_ON_ACCEPT = frozenset(_W + t for t in ("del", "moveFrom"))
_DROPPED_ON_REJECT = frozenset(_W + t for t in ("ins", "moveTo"))


@dataclass(frozen=True, slots=True)
class WordText:
    """A Word document as the parser's text, and what the reader had to resolve."""

    lines: tuple[str, ...]
    tracked_changes: int
    """How many tracked insertions, deletions and moves the document held (read as accepted)."""


class _Walk:
    def __init__(self, accept: bool = True) -> None:
        self.changes = 0
        self.accept = accept
        # What "Reject all" drops is what "Accept all" keeps, and the other way round.
        self.dropped = _DROPPED_ON_ACCEPT if accept else _DROPPED_ON_REJECT

    def text_of(self, element: Any, out: list[str]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # a processing instruction
            if tag in _CHANGES:
                self.changes += 1
            if tag in self.dropped:
                continue
            if not self.accept and tag in (_W + "delText", _W + "del", _W + "moveFrom"):
                if tag == _W + "delText":
                    out.append(child.text or "")
                else:
                    self.text_of(child, out)
                continue
            if tag in _SKIPPED:
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "tbl":
                continue  # a table nested in a paragraph's content cannot occur; skip defensively
            else:
                self.text_of(child, out)

    def paragraph(self, p: Any) -> tuple[Para, bool]:
        """The paragraph, and whether its mark is deleted (it joins the next one)."""
        out: list[str] = []
        self.text_of(p, out)
        mark_deleted = False
        ppr = p.find(_W + "pPr")
        if ppr is not None:
            rpr = ppr.find(_W + "rPr")
            if rpr is not None:
                for tag in ("ins", "del", "moveFrom", "moveTo"):
                    if rpr.find(_W + tag) is not None:
                        self.changes += 1
                        mark_deleted = mark_deleted or _W + tag in self.dropped
        style = ""
        if ppr is not None and (ps := ppr.find(_W + "pStyle")) is not None:
            style = ps.get(_W + "val") or ""
        if ppr is not None and (change := ppr.find(_W + "pPrChange")) is not None:
            self.changes += 1
            former = change.find(f"{_W}pPr/{_W}pStyle")
            if not self.accept:
                style = former.get(_W + "val") or "" if former is not None else ""
        return Para(runs=((Op.EQUAL, "".join(out)),), style=style), mark_deleted

    def paragraphs(self, container: Any) -> list[Para]:
        """The paragraphs of a cell or body (nested tables' paragraphs flattened), marks resolved."""
        paras: list[Para] = []
        pending: Para | None = None
        for child in self._content(container):
            if child.tag == _W + "tbl":
                for row in self._rows(child):
                    for cell in row.cells:
                        paras.extend(cell.paras)
                continue
            p, joins = self.paragraph(child)
            if pending is not None:
                # The joined paragraph ends with this paragraph's mark, so it has its style.
                p = Para(runs=((Op.EQUAL, pending.text + p.text),), style=p.style)
                pending = None
            if joins:
                pending = p
            else:
                paras.append(p)
        if pending is not None and pending.text:
            paras.append(pending)  # an emptied paragraph whose mark went with it is gone
        return paras

    def _content(self, container: Any) -> list[Any]:
        """Paragraphs and tables of a container, walking into content controls and kept changes."""
        found = []
        for child in container:
            tag = child.tag
            if tag in (_W + "p", _W + "tbl"):
                found.append(child)
            elif tag in self.dropped:
                self.changes += 1
            elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml") or tag in _CHANGES:
                if tag in _CHANGES:
                    self.changes += 1
                found.extend(self._content(child))
        return found

    def _children(self, element: Any, tag: str) -> list[Any]:
        """`element`'s children with `tag`, looking through content controls and custom XML."""
        found = []
        for child in element:
            if child.tag == tag:
                found.append(child)
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                found.extend(self._children(child, tag))
        return found

    def _rows(self, tbl: Any) -> list[Row]:
        rows = []
        for tr in self._children(tbl, _W + "tr"):
            trpr = tr.find(_W + "trPr")
            marks = [m for m in (trpr if trpr is not None else ()) if m.tag in _CHANGES]
            self.changes += len(marks)
            if any(m.tag in self.dropped for m in marks):
                continue  # a deleted row, accepted (or an inserted one, rejected): gone
            cells = tuple(Cell(tuple(self.paragraphs(tc))) for tc in self._children(tr, _W + "tc"))
            rows.append(Row(cells=cells))
        return rows

    def blocks(self, body: Any) -> list[Block]:
        blocks: list[Block] = []
        pending: Para | None = None
        for child in self._content(body):
            if child.tag == _W + "tbl":
                if pending is not None and pending.text:
                    blocks.append(pending)  # a paragraph mark cannot join a table; an emptied one is gone
                pending = None
                rows = self._rows(child)
                if rows:  # every row deleted: the table is gone
                    blocks.append(Table(tuple(rows)))
                continue
            p, joins = self.paragraph(child)
            if pending is not None:
                # The joined paragraph ends with this paragraph's mark, so it has its style.
                p = Para(runs=((Op.EQUAL, pending.text + p.text),), style=p.style)
                pending = None
            if joins:
                pending = p
            else:
                blocks.append(p)
        if pending is not None and pending.text:
            blocks.append(pending)
        return blocks


def blocks_of(document_xml: bytes, path: str, accept: bool = True) -> tuple[list[Block], int]:
    """The blocks of a ``word/document.xml``, and how many tracked changes it held.

    :param accept: resolve the changes as "Accept all" (True, what editions are
        read as) or "Reject all" (False: for checking a redline's old side).
    """
    root = parse_xml(document_xml, path, MAIN_PART)
    body = root.find(_W + "body")
    if root.tag != _W + "document" or body is None:
        raise _not_word(path)
    walk = _Walk(accept)
    return walk.blocks(body), walk.changes


def _not_word(path: str) -> Exception:
    from amendtrack.errors import InputError

    return InputError(path, f"has a {MAIN_PART} that is not a WordprocessingML document")


def read_docx(raw: bytes, path: str, accept: bool = True) -> WordText:
    """A .docx file's bytes as the parser's text lines; raises `InputError` for a bad package.

    :param path: the file, for messages only.
    :param accept: see `blocks_of`.
    """
    package = open_package(raw, path)
    blocks, changes = blocks_of(read_part(package, MAIN_PART, path), path, accept)
    return WordText(lines=tuple(text_lines(blocks)), tracked_changes=changes)
