"""The order's own text, before its first annex: title, status, act header, notes, preamble, signature.

Reads the region `parse.regions.find_annexes` leaves before the annexes into
`OrderText` (the parts as printed), and the act header paragraph into
`model.ActHeader` (issuer, number, dates, registration, repeal sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amendtrack.dates import month_number
from amendtrack.model import ActHeader, LineSpan, PreamblePoint, Registration, TextBlock
from amendtrack.normalize import clean_line
from amendtrack.parse.regions import Line, paragraph_text, paragraphs_of, span_of
from amendtrack.parse.vocabulary import (
    APPROVAL_WORD,
    ENACTING_WORD,
    NOTE_START,
    REMARK_START,
    REPEAL_SENTENCE,
    STATUS_REPEALED,
)

_ACT_KK = re.compile(
    r"(?P<issuer>.+?)\s+(?P<y>\d{4})\s*жылғы\s+(?P<d>\d{1,2})\s+(?P<m>\w+)\s+№\s*(?P<num>\S+)\s+(?P<type>\w+)\.?"
)
_ACT_RU = re.compile(
    r"(?P<type>Приказ|Постановление|Решение|Указ)\s+(?P<issuer>.+?)\s+от\s+(?P<d>\d{1,2})\s+(?P<m>\w+)\s+"
    r"(?P<y>\d{4})\s*(?:года|г\.)\s+№\s*(?P<num>\S+?)\.?(?=\s|$)"
)
_REG_KK = re.compile(r"(?P<y>\d{4})\s*жылы\s+(?P<d>\d{1,2})\s+(?P<m>\w+)\s+№\s*(?P<num>\d+)\s+тіркелді")
_REG_RU = re.compile(r"Зарегистрирован\w*\s.*?(?P<d>\d{1,2})\s+(?P<m>\w+)\s+(?P<y>\d{4})\s*года\s+№\s*(?P<num>\d+)")


def _iso(year: str, day: str, month_word: str) -> str | None:
    month = month_number(month_word)
    if month is None:
        return None
    return f"{int(year):04d}-{month:02d}-{int(day):02d}"


@dataclass
class OrderText:
    title: str = ""
    status_text: str | None = None
    act_text: str = ""
    act_lines: LineSpan = field(default_factory=lambda: LineSpan(0, 0))
    notes: list[str] = field(default_factory=list)
    preamble: list[PreamblePoint] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)


def read_header(lines: list[Line]) -> OrderText:
    """Read the order's own text, before the first annex."""
    header = OrderText()
    paragraphs = paragraphs_of(lines, indent_starts=True)
    if not paragraphs:
        return header
    header.title = paragraph_text(paragraphs[0])
    title_span = span_of(paragraphs[0])
    rest = paragraphs[1:]
    # The publisher's status line ("Күшін жойған") stands alone, often with no
    # blank line before the header paragraph.
    if rest and STATUS_REPEALED.match(clean_line(rest[0][0][1])):
        header.status_text = clean_line(rest[0][0][1])
        header.blocks.append(TextBlock("status", header.status_text, span_of(rest[0][:1])))
        rest = ([rest[0][1:]] if len(rest[0]) > 1 else []) + rest[1:]
    if rest:
        header.act_text = paragraph_text(rest[0])
        header.act_lines = span_of(rest[0])
        header.blocks.append(TextBlock("act_header", header.act_text, header.act_lines))
        rest = rest[1:]
    closing = False
    for para in rest:
        text = paragraph_text(para)
        if NOTE_START.match(text) or REMARK_START.match(text):
            header.notes.append(text)
            continue
        number = re.match(r"^(\d{1,2}\s*[.)])\s*", text)
        if APPROVAL_WORD.search(text):
            closing = True
            header.blocks.append(TextBlock("approval", text, span_of(para)))
        elif number and not closing:
            header.preamble.append(PreamblePoint(number.group(1).replace(" ", ""), text[number.end():], span_of(para)))
        elif ENACTING_WORD.match(text) or not header.preamble:
            header.preamble.append(PreamblePoint(None, text, span_of(para)))
        else:
            # Unnumbered text after the numbered points is the signature and the
            # approval block: keep it together as printed.
            closing = True
            role = "approval" if header.blocks and header.blocks[-1].role == "approval" else "signature"
            if header.blocks and header.blocks[-1].role == role:
                last = header.blocks.pop()
                header.blocks.append(TextBlock(role, f"{last.text} {text}", LineSpan(last.lines.first, para[-1][0])))
            else:
                header.blocks.append(TextBlock(role, text, span_of(para)))
    header.blocks.insert(0, TextBlock("title", header.title, title_span))
    return header


def act_header(header: OrderText) -> ActHeader:
    text = header.act_text
    repeal = REPEAL_SENTENCE.search(text)
    act_part = text[: repeal.start()] if repeal else text
    number = date = issuer = act_type = None
    m = _ACT_KK.search(act_part)
    if m:
        issuer, number, act_type = m.group("issuer"), m.group("num"), m.group("type")
        date = _iso(m.group("y"), m.group("d"), m.group("m"))
    else:
        m = _ACT_RU.search(act_part)
        if m:
            issuer, number, act_type = m.group("issuer"), m.group("num"), m.group("type")
            date = _iso(m.group("y"), m.group("d"), m.group("m"))
    reg = _REG_KK.search(act_part) or _REG_RU.search(act_part)
    registration = Registration(
        reg.group("num") if reg else None,
        _iso(reg.group("y"), reg.group("d"), reg.group("m")) if reg else None,
    )
    repealed = header.status_text is not None or repeal is not None
    return ActHeader(
        title=header.title,
        issuer=issuer,
        act_type=act_type,
        number=number,
        date=date,
        registration=registration,
        status="repealed" if repealed else "in_force",
        status_text=header.status_text,
        repeal_text=text[repeal.start():] if repeal else None,
        notes=tuple(header.notes),
        lines=header.act_lines,
    )
