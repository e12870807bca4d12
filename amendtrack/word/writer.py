"""Blocks (layout.py) as a .docx package: WordprocessingML written by hand.

The XML is built as text from a handful of element templates, not through an
XML library, because what we write is small, fixed and must be byte-identical
for the same input: parts in a fixed order, zip entries with a fixed time
stamp, ids counted in document order.

Tracked changes follow ECMA-376 Part 1, 17.13.5: inserted runs sit in
``w:ins``, deleted runs in ``w:del`` with their text in ``w:delText``; a
paragraph inserted or deleted whole also marks its paragraph mark
(``w:pPr/w:rPr/w:ins|w:del``), and a table row its row (``w:trPr/w:ins|w:del``),
so that accepting or rejecting leaves no empty paragraph or row behind; a
paragraph whose style must come back on rejection records it in
``w:pPrChange`` (see redline.shift_marks).  Every
change carries the author (the act that produced the new edition) and a
``w:date`` only when that act's date is known: the attribute is optional, and
an invented date would be a false legal fact.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from amendtrack.compare.textdiff import Op
from amendtrack.word.layout import (
    ANNEX,
    HEADING,
    LABEL,
    NORMAL,
    NOTE,
    POSITION,
    SUBHEADING,
    SUMMARY,
    TITLE,
    Block,
    Para,
    Table,
)

__all__ = ["Revision", "docx_bytes"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Revision:
    """Who made the tracked changes, and when (None: not known, so not written)."""

    author: str
    date: str | None
    """ISO date (YYYY-MM-DD) or None."""


class _Ids:
    """Counters for change and comment ids, handed out in document order."""

    def __init__(self) -> None:
        self.change = 0
        self.comments: list[str] = []

    def next_change(self) -> int:
        self.change += 1
        return self.change


def _text(tag: str, text: str) -> str:
    return f'<w:{tag} xml:space="preserve">{escape(text)}</w:{tag}>'


def _change_attrs(rev: Revision, ids: _Ids) -> str:
    date = f' w:date="{rev.date}T00:00:00Z"' if rev.date else ""
    return f'w:id="{ids.next_change()}" w:author={quoteattr(rev.author)}{date}'


def _runs(p: Para, rev: Revision, ids: _Ids) -> str:
    out = []
    for op, text in p.runs:
        if not text:
            continue
        if op == Op.EQUAL:
            out.append(f"<w:r>{_text('t', text)}</w:r>")
        elif op == Op.INSERT:
            out.append(f"<w:ins {_change_attrs(rev, ids)}><w:r>{_text('t', text)}</w:r></w:ins>")
        else:
            out.append(f"<w:del {_change_attrs(rev, ids)}><w:r>{_text('delText', text)}</w:r></w:del>")
    return "".join(out)


def _paragraph(p: Para, rev: Revision, ids: _Ids) -> str:
    mark = ""
    if p.mark == Op.INSERT:
        mark = f"<w:rPr><w:ins {_change_attrs(rev, ids)}/></w:rPr>"
    elif p.mark == Op.DELETE:
        mark = f"<w:rPr><w:del {_change_attrs(rev, ids)}/></w:rPr>"
    if p.former_style is not None:
        mark += (f'<w:pPrChange {_change_attrs(rev, ids)}><w:pPr><w:pStyle w:val="{p.former_style}"/></w:pPr>'
                 f"</w:pPrChange>")
    body = _runs(p, rev, ids)
    if p.comment is not None:
        ids.comments.append(p.comment)
        n = len(ids.comments) - 1
        body = (f'<w:commentRangeStart w:id="{n}"/>{body}<w:commentRangeEnd w:id="{n}"/>'
                f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{n}"/></w:r>')
    return f'<w:p><w:pPr><w:pStyle w:val="{p.style}"/>{mark}</w:pPr>{body}</w:p>'


def _table(t: Table, rev: Revision, ids: _Ids) -> str:
    grid = '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6638"/></w:tblGrid>'
    props = ('<w:tblPr><w:tblStyle w:val="Requirements"/><w:tblW w:w="5000" w:type="pct"/>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>')
    rows = []
    for row in t.rows:
        tr_pr = "<w:tblHeader/>" if row.header else ""
        tr_pr += "<w:cantSplit/>" if row.header else ""
        if row.mark == Op.INSERT:
            tr_pr += f"<w:ins {_change_attrs(rev, ids)}/>"
        elif row.mark == Op.DELETE:
            tr_pr += f"<w:del {_change_attrs(rev, ids)}/>"
        cells = []
        for k, cell in enumerate(row.cells):
            width = 3000 if k == 0 else 6638
            paras = "".join(_paragraph(p, rev, ids) for p in cell.paras) or "<w:p/>"
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paras}</w:tc>')
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(cells)}</w:tr>")
    return f"<w:tbl>{props}{grid}{''.join(rows)}</w:tbl>"


def _document(blocks: Sequence[Block], rev: Revision, ids: _Ids, front: Sequence[Para]) -> str:
    body = [_paragraph(p, rev, ids) for p in front]
    if front:
        body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    for block in blocks:
        body.append(_table(block, rev, ids) if isinstance(block, Table) else _paragraph(block, rev, ids))
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1418" w:header="708" '
            'w:footer="708" w:gutter="0"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{_R_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>')


def _comments(texts: Sequence[str], rev: Revision) -> str:
    date = f' w:date="{rev.date}T00:00:00Z"' if rev.date else ""
    items = "".join(
        f'<w:comment w:id="{n}" w:author={quoteattr(rev.author)}{date} w:initials="AT">'
        f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r>{_text("t", text)}</w:r></w:p></w:comment>'
        for n, text in enumerate(texts)
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:comments xmlns:w="{W_NS}">{items}</w:comments>')


# Paragraph styles: (id, name, bold, size in half-points, space after in twentieths of a point, keep with next)
_PARA_STYLES = (
    (NORMAL, "Normal", False, 24, 60, False),
    (TITLE, "Title", True, 28, 160, True),
    (NOTE, "Note", False, 20, 60, False),
    (ANNEX, "Annex heading", False, 22, 0, True),
    (HEADING, "heading 1", True, 26, 120, True),
    (SUBHEADING, "heading 2", True, 24, 120, True),
    (POSITION, "Position title", True, 24, 80, True),
    (LABEL, "Criterion", True, 22, 0, False),
    (SUMMARY, "Summary", False, 24, 80, False),
)


def _styles() -> str:
    fonts = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
    out = [f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="24"/><w:lang w:val="kk-KZ"/></w:rPr>'
           f'</w:rPrDefault></w:docDefaults>']
    for sid, name, bold, size, after, keep in _PARA_STYLES:
        default = ' w:default="1"' if sid == NORMAL else ""
        based = "" if sid == NORMAL else '<w:basedOn w:val="Normal"/>'
        ppr = f'<w:pPr>{"<w:keepNext/>" if keep else ""}<w:spacing w:after="{after}"/></w:pPr>'
        rpr = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
        out.append(f'<w:style w:type="paragraph"{default} w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
                   f'<w:qFormat/>{ppr}{rpr}</w:style>')
    out.append('<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
               '<w:rPr><w:sz w:val="16"/></w:rPr></w:style>')
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out.append(f'<w:style w:type="table" w:styleId="Requirements"><w:name w:val="Requirements"/>'
               f'<w:tblPr><w:tblBorders>{border}</w:tblBorders>'
               f'<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
               f'</w:tblPr></w:style>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:styles xmlns:w="{W_NS}">{"".join(out)}</w:styles>')


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '{comments}</Types>'
)
_COMMENTS_TYPE = ('<Override PartName="/word/comments.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>{comments}</Relationships>'
)
_COMMENTS_REL = ('<Relationship Id="rId2" '
                 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
                 'Target="comments.xml"/>')


def docx_bytes(blocks: Sequence[Block], revision: Revision | None = None,
               front: Sequence[Para] = ()) -> tuple[bytes, int]:
    """The .docx package of `blocks`, and how many tracked changes (w:ins, w:del, w:pPrChange) it holds.

    :param revision: author and date of the tracked changes; only needed when
        the blocks hold changes.
    :param front: paragraphs of a first page (the redline's summary), followed by a page break.
    """
    rev = revision or Revision(author="amendtrack", date=None)
    ids = _Ids()
    document = _document(blocks, rev, ids, front)
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES.format(comments=_COMMENTS_TYPE if ids.comments else ""),
        "_rels/.rels": _ROOT_RELS,
        "word/_rels/document.xml.rels": _DOC_RELS.format(comments=_COMMENTS_REL if ids.comments else ""),
        "word/document.xml": document,
        "word/styles.xml": _styles(),
    }
    if ids.comments:
        parts["word/comments.xml"] = _comments(ids.comments, rev)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, xml.encode("utf-8"))
    return buffer.getvalue(), ids.change
