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
This module holds no wording of its own: labels, nouns and markers are in
`vocabulary`, field splitting in `fields`, headings in `headings`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from amendtrack.dates import month_number
from amendtrack.errors import ParseError
from amendtrack.model import (
    ActHeader,
    Annex,
    Category,
    Edition,
    LineSpan,
    ParseWarning,
    Position,
    PreamblePoint,
    Registration,
    Source,
    Subunit,
    TextBlock,
    Unit,
)
from amendtrack.normalize import (
    DocumentWords,
    clean_line,
    fold_lookalikes_in,
    join_lines,
    normalize_source,
    rejoin_split_words,
    tidy_spacing,
)
from amendtrack.parse.fields import PAGE_BREAK_BLANKS, parse_body
from amendtrack.parse.headings import (
    Heading,
    SplitTitle,
    is_heading_paragraph,
    split_title_block,
)
from amendtrack.parse.ids import assign_ids
from amendtrack.parse.repairs import find_repairs
from amendtrack.parse.vocabulary import (
    ANNEX_MARKER,
    APPROVAL_WORD,
    CATEGORY_KK,
    CATEGORY_RU,
    ENACTING_WORD,
    LABELS,
    NOTE_START,
    REMARK_START,
    REPEAL_SENTENCE,
    STATUS_REPEALED,
    TABLE_HEADER,
    canonical_code,
)

Line = tuple[int, str]
"""A 1-based line number and the raw line."""

MAX_REFERENCE_LINES = 6


# ---------------------------------------------------------------- regions


def _paragraphs(lines: list[Line], *, indent_starts: bool = False) -> list[list[Line]]:
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


def _span(lines: list[Line]) -> LineSpan:
    return LineSpan(lines[0][0], lines[-1][0])


def _text(lines: list[Line]) -> str:
    return join_lines([raw for _, raw in lines])


@dataclass(frozen=True, slots=True)
class _AnnexRegion:
    number: int
    reference: list[Line]
    marker: Line
    body: list[Line]


def _find_annexes(lines: list[Line]) -> tuple[list[Line], list[_AnnexRegion]]:
    """Split the text at the annex markers: (the order's own lines, annex regions).

    The reference to the order ("… № 161 бұйрығына") stands in the non-blank lines
    right above a Kazakh marker and right below a Russian one; both are taken.
    """
    markers = [i for i, (_, raw) in enumerate(lines) if ANNEX_MARKER.match(clean_line(raw))]
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
        regions.append(_AnnexRegion(number, lines[top:i] + lines[i + 1 : bottom], lines[i], lines[bottom:end]))
    return lines[: starts[0][0]], regions


# ---------------------------------------------------------------- the order's header


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
class _Header:
    title: str = ""
    status_text: str | None = None
    act_text: str = ""
    act_lines: LineSpan = field(default_factory=lambda: LineSpan(0, 0))
    notes: list[str] = field(default_factory=list)
    preamble: list[PreamblePoint] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)


def _read_header(lines: list[Line]) -> _Header:
    """Read the order's own text, before the first annex."""
    header = _Header()
    paragraphs = _paragraphs(lines, indent_starts=True)
    if not paragraphs:
        return header
    header.title = _text(paragraphs[0])
    title_span = _span(paragraphs[0])
    rest = paragraphs[1:]
    # The publisher's status line ("Күшін жойған") stands alone, often with no
    # blank line before the header paragraph.
    if rest and STATUS_REPEALED.match(clean_line(rest[0][0][1])):
        header.status_text = clean_line(rest[0][0][1])
        header.blocks.append(TextBlock("status", header.status_text, _span(rest[0][:1])))
        rest = ([rest[0][1:]] if len(rest[0]) > 1 else []) + rest[1:]
    if rest:
        header.act_text = _text(rest[0])
        header.act_lines = _span(rest[0])
        header.blocks.append(TextBlock("act_header", header.act_text, header.act_lines))
        rest = rest[1:]
    closing = False
    for para in rest:
        text = _text(para)
        if NOTE_START.match(text) or REMARK_START.match(text):
            header.notes.append(text)
            continue
        number = re.match(r"^(\d{1,2}\s*[.)])\s*", text)
        if APPROVAL_WORD.search(text):
            closing = True
            header.blocks.append(TextBlock("approval", text, _span(para)))
        elif number and not closing:
            header.preamble.append(PreamblePoint(number.group(1).replace(" ", ""), text[number.end():], _span(para)))
        elif ENACTING_WORD.match(text) or not header.preamble:
            header.preamble.append(PreamblePoint(None, text, _span(para)))
        else:
            # Unnumbered text after the numbered points is the signature and the
            # approval block: keep it together as printed.
            closing = True
            role = "approval" if header.blocks and header.blocks[-1].role == "approval" else "signature"
            if header.blocks and header.blocks[-1].role == role:
                last = header.blocks.pop()
                header.blocks.append(TextBlock(role, f"{last.text} {text}", LineSpan(last.lines.first, para[-1][0])))
            else:
                header.blocks.append(TextBlock(role, text, _span(para)))
    header.blocks.insert(0, TextBlock("title", header.title, title_span))
    return header


def _act_header(header: _Header) -> ActHeader:
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


# ---------------------------------------------------------------- positions


def _may_end_with_category(text: str) -> bool:
    # Each category pattern needs its word: a quick test that spares the
    # end-anchored searches (which try every offset) on the lines of the fields.
    return "санаты" in text or "категори" in text


def _is_anchor(lines: list[Line], i: int) -> bool:
    """Does line i end a title block ("…, С-4 санаты", possibly wrapped)?"""
    text = fold_lookalikes_in(clean_line(lines[i][1]))
    if _may_end_with_category(text) and (CATEGORY_KK.search(text) or CATEGORY_RU.search(text)):
        return True
    if i > 0 and len(text) <= 10:
        # The code or the word "санаты" may wrap onto a line of its own:
        # "…орынбасары, С-1" / "санаты", or "…, категория" / "С-1", a page break
        # between them or not.
        j = i - 1
        while j > 0 and not lines[j][1].strip() and i - j <= PAGE_BREAK_BLANKS:
            j -= 1
        joined = fold_lookalikes_in(clean_line(lines[j][1])) + " " + text
        return _may_end_with_category(joined) and bool(CATEGORY_KK.search(joined) or CATEGORY_RU.search(joined))
    return False


def _title_before_page_break(lines: list[Line], j: int, floor: int) -> int:
    """Where a title block starts whose first lines a page break cut off (j: its start after the break).

    Titles are one to four lines (a glued heading before them one or two more), never end with a full stop, a label or the table
    header, and follow a blank line.  When such a paragraph stands right before
    the page break above line j, it is the title's beginning: a field ends with
    its full stop, or holds a label in its paragraph.
    """
    blanks = 0
    while j - blanks - 1 > floor and not lines[j - blanks - 1][1].strip():
        blanks += 1
    if blanks < PAGE_BREAK_BLANKS:
        return j
    end = j - blanks  # one past the paragraph before the break
    start = end
    while start - 1 > floor and lines[start - 1][1].strip():
        start -= 1
    paragraph = [clean_line(raw) for _, raw in lines[start:end]]
    if not paragraph or len(paragraph) > 6 or start - 1 <= floor:
        return j  # (a title of four lines, after a heading of two)
    if paragraph[-1].endswith((".", ";", ":")) or not paragraph[0][:1].isupper() and not paragraph[0][:1].isdigit():
        return j
    if any(TABLE_HEADER.match(line) or _starts_with_label(fold_lookalikes_in(line)) for line in paragraph):
        return j
    return start


def _starts_with_label(key: str) -> bool:
    return any(p.whole.match(key) for p in LABELS)


def _category(title_text: str) -> tuple[str, Category] | None:
    key = fold_lookalikes_in(title_text)  # same length: the match's offsets hold in the printed text
    m = CATEGORY_KK.search(key) or CATEGORY_RU.search(key)
    if not m:
        return None
    printed = title_text[m.start("code") : m.end("code")]
    title = title_text[: m.start()].rstrip(" ,")
    if CATEGORY_RU.search(key):
        title = re.sub(r",?\s*категори[яи]\s*$", "", title)
    return title, Category(canonical_code(printed), printed)


@dataclass
class _UnitState:
    annex: int
    units: list[Unit] = field(default_factory=list)
    subunits: list[Subunit] = field(default_factory=list)
    unit: Unit | None = None
    subunit: Subunit | None = None
    unit_rank: int = 0

    def enter(self, heading: Heading, span: LineSpan) -> None:
        """A numbered heading, or one that ranks as high as the current unit, opens a unit."""
        if heading.number is not None or self.unit is None or heading.rank >= self.unit_rank:
            ordinal = sum(1 for u in self.units if u.annex == self.annex) + 1
            self.unit = Unit(self.annex, ordinal, heading.number, heading.name, span)
            self.units.append(self.unit)
            self.unit_rank = heading.rank
            self.subunit = None
        else:
            self.subunit = Subunit(self.annex, self.unit.ordinal, heading.name, span)
            self.subunits.append(self.subunit)


_GLUED_NUMBERED_HEADING = re.compile(r"(?<=\S)\s+(\d{1,3}\.\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ])")
_NUMBERED_HEADING_START = re.compile(r"^\s*\d{1,3}\.\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ]")


def _heading_cut(paragraph: list[Line]) -> tuple[list[Line], list[Line]] | None:
    """A numbered heading after the annex title's first line, mid-line or at a line's
    start (wherever the text was wrapped): (the title's lines, the rest)."""
    for k, (no, raw) in enumerate(paragraph):
        line = clean_line(raw)  # letter-spacing undone: "1 .  Д е п а р т а м е н т" is a heading too
        m = _GLUED_NUMBERED_HEADING.search(line)
        if m:
            return paragraph[:k] + [(no, line[: m.start()])], [(no, line[m.start():].strip())] + paragraph[k + 1 :]
        if k > 0 and _NUMBERED_HEADING_START.match(line):
            return paragraph[:k], paragraph[k:]
    return None


def _split_annex_title(paragraph: list[Line]) -> tuple[list[Line], list[Line]]:
    """The annex title may run straight into the first heading and title: split them.

    The cut is at a numbered heading ("…талаптары 1. Департамент аппараты"), or
    else after the line that ends the title ("…талаптары").
    """
    cut = _heading_cut(paragraph)
    if cut is not None:
        return cut
    for k, (_, raw) in enumerate(paragraph):
        if re.search(r"(?:талаптары|требования)\s*$", raw.strip()):
            return paragraph[: k + 1], paragraph[k + 1 :]
    return paragraph, []


def _peel_headings(body: list[Line]) -> tuple[list[Line], list[tuple[Heading, list[Line]]]]:
    """Heading paragraphs printed at the end of a body belong to what follows."""
    headings: list[tuple[Heading, list[Line]]] = []
    while True:
        paragraphs = _paragraphs(body)
        if len(paragraphs) < 2:
            break
        last = paragraphs[-1]
        heading = is_heading_paragraph([clean_line(raw) for _, raw in last])
        if heading is None:
            break
        headings.insert(0, (heading, last))
        cut = next(i for i, (no, _) in enumerate(body) if no == last[0][0])
        body = body[:cut]
    return body, headings


def _read_annex(region: _AnnexRegion, seq_start: int, warnings: list[ParseWarning]) -> tuple[
    Annex, list[Position], _UnitState, list[TextBlock]
]:
    lines = region.body
    state = _UnitState(region.number)
    blocks: list[TextBlock] = []
    anchors = [i for i in range(len(lines)) if lines[i][1].strip() and _is_anchor(lines, i)]
    paragraphs = _paragraphs(lines)

    # Title block starts: back from each anchor to the previous blank line.
    block_starts: list[int] = []
    for i in anchors:
        j = i
        floor = anchors[len(block_starts) - 1] if block_starts else -1
        while j > 0 and lines[j - 1][1].strip() and j - 1 > floor:
            j -= 1
        block_starts.append(_title_before_page_break(lines, j, floor))

    title_para = paragraphs[0] if paragraphs else []
    first_block: list[Line] | None = None
    if title_para and anchors and title_para[0][0] == lines[block_starts[0]][0]:
        title_para, first_block = _split_annex_title(
            [line for line in lines[block_starts[0] : anchors[0] + 1]]
        )
        if not first_block:
            # No way to tell where the annex title ends: keep the block as the title
            # of the first position, and say that the annex title is unknown.
            warnings.append(ParseWarning(title_para[0][0], "annex title runs into the first position's title; "
                                         "read as the position's title"))
            title_para = []
    glued_heading: list[Line] = []
    if title_para and not first_block:
        # The first heading may be glued to the annex title with a page break
        # before the first title block: it is a heading all the same.
        cut = _heading_cut(title_para)
        if cut is not None and is_heading_paragraph([clean_line(raw) for _, raw in cut[1]]):
            title_para, glued_heading = cut
    annex_title = _text(title_para) if title_para else ""
    reference = _text(region.reference)
    span = LineSpan((region.reference or [region.marker])[0][0], (title_para or [region.marker])[-1][0])
    annex = Annex(region.number, annex_title, reference, span, clean_line(region.marker[1]))

    # Between the annex title and the first title block: headings, or unplaced text.
    if anchors:
        after_title = (title_para[-1][0] if title_para else region.marker[0])
        lead = [ln for ln in lines[: block_starts[0]] if ln[0] > after_title]
        for para in ([glued_heading] if glued_heading else []) + _paragraphs(lead):
            heading = is_heading_paragraph([clean_line(raw) for _, raw in para])
            if heading:
                state.enter(heading, _span(para))
            else:
                blocks.append(TextBlock("unplaced", _text(para), _span(para)))
                warnings.append(ParseWarning(para[0][0], f"text before the first position could not be placed: {_text(para)[:60]!r}"))
    elif lines:
        rest = [ln for ln in lines if not title_para or ln[0] > title_para[-1][0]]
        for para in _paragraphs(rest):
            blocks.append(TextBlock("unplaced", _text(para), _span(para)))
            warnings.append(ParseWarning(para[0][0], "annex holds no position (no line ends with a category code)"))

    positions: list[Position] = []
    for k, i in enumerate(anchors):
        if k == 0 and first_block:
            title_lines = first_block
        else:
            title_lines = lines[block_starts[k] : i + 1]
        end = block_starts[k + 1] if k + 1 < len(anchors) else len(lines)
        body, next_headings = _peel_headings(lines[i + 1 : end])

        cleaned = [clean_line(raw) for _, raw in title_lines]
        split = split_title_block(cleaned)
        found = _category(split.title_text)
        if found is None:
            # The heading split took the code with it: read the block as a title only.
            split = SplitTitle(None, tidy_spacing(" ".join(cleaned)))
            found = _category(split.title_text) or (split.title_text, Category("", ""))
            warnings.append(ParseWarning(title_lines[0][0], "title block could not be told from a unit heading"))
        if split.heading is not None:
            heading_span = LineSpan(title_lines[0][0], title_lines[split.heading.line_count - 1][0])
            state.enter(split.heading, heading_span)
        title, category = found
        stray = re.match(r"^(\d{1,3})\s*\.\s+", title)
        if stray:
            warnings.append(ParseWarning(
                title_lines[0][0],
                f"the number “{stray.group(1)}.” printed before the title starts no unit heading; "
                "it is left out of the title (the printed title keeps it)",
            ))
            title = title[stray.end():]
        parsed = parse_body(body)
        warnings.extend(parsed.warnings)
        for no, text in parsed.unplaced:
            blocks.append(TextBlock("unplaced", text, LineSpan(no, no)))
            warnings.append(ParseWarning(no, f"text between a title and its table header could not be placed: {text[:60]!r}"))
        last_line = (body or title_lines)[-1][0]
        while body and not body[-1][1].strip():
            body = body[:-1]
            last_line = (body or title_lines)[-1][0]
        positions.append(
            Position(
                id="",
                seq=seq_start + k,
                annex=region.number,
                unit=state.unit,
                subunit=state.subunit,
                title=title,
                category=category,
                requirements=parsed.requirements,
                printed_title=split.title_text,
                labels=parsed.labels,
                lines=LineSpan(title_lines[0][0], last_line),
                field_lines=parsed.field_lines,
            )
        )
        for heading, para in next_headings:
            state.enter(heading, _span(para))
    return annex, positions, state, blocks


# ---------------------------------------------------------------- the edition


def _language(positions: list[Position]) -> str:
    russian = sum(1 for p in positions for label in p.labels if label.text.startswith(("Образование", "Профессиональная", "Практический", "Функциональные", "Критерии")))
    total = sum(len(p.labels) for p in positions)
    return "ru" if total and russian * 2 > total else "kk"


def _rejoin_residue(positions: list[Position], vocabulary: DocumentWords) -> list[Position]:
    """Join letter-spacing residue ("б ір" → "бір") where the document itself vouches for the word."""
    out = []
    for p in positions:
        r = p.requirements
        exp = r.experience
        exp = replace(
            exp,
            intro=rejoin_split_words(exp.intro, vocabulary) if exp.intro else None,
            items=tuple(rejoin_split_words(item, vocabulary) for item in exp.items),
            trailer=rejoin_split_words(exp.trailer, vocabulary) if exp.trailer else None,
        )
        r = replace(
            r,
            education=rejoin_split_words(r.education, vocabulary),
            competence=rejoin_split_words(r.competence, vocabulary),
            duties=rejoin_split_words(r.duties, vocabulary),
            experience=exp,
        )
        out.append(replace(p, requirements=r))
    return out


def _structure_warnings(annexes: list[Annex], positions: list[Position]) -> list[ParseWarning]:
    """Signs that the text is not one whole edition: an annex printed twice, an abrupt end."""
    warnings = []
    seen: set[int] = set()
    for annex in annexes:
        if annex.number in seen:
            warnings.append(ParseWarning(
                annex.lines.first,
                f"annex {annex.number} is printed a second time: the text may hold two copies or two editions",
            ))
        seen.add(annex.number)
    last = positions[-1]
    r = last.requirements
    tail = r.duties or (r.experience.items[-1] if r.experience.items else "") or r.competence or r.education
    if not tail.rstrip().endswith((".", ";", "!", "?", "»", ")")):
        warnings.append(ParseWarning(
            last.lines.last,
            "the text ends in the middle of a sentence of the last position: the edition may be truncated",
        ))
    return warnings


def parse_edition(text: str, path: str = "<text>", sha256: str | None = None) -> Edition:
    """Parse an edition's published plain text.

    :param text: the whole text (any newline convention; it is normalised here,
        unless it is the reader's `normalize.NormalizedText`).
    :param path: shown in messages and recorded in the model's source.
    :param sha256: of the file's bytes, when the caller read a file.
    :raises ParseError: when the text holds no position at all.
    """
    text = normalize_source(text)  # at once when the reader did it (`normalize.NormalizedText`)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    raw_lines = text.split("\n")[:-1] if text else []
    lines: list[Line] = list(enumerate(raw_lines, start=1))
    own, regions = _find_annexes(lines)
    warnings: list[ParseWarning] = []

    if not regions:
        # No annex marker: read the positions as one annex numbered 0, so nothing
        # is invented, and say so.
        first_anchor = next((i for i in range(len(lines)) if lines[i][1].strip() and _is_anchor(lines, i)), None)
        if first_anchor is None:
            raise ParseError(path, "no positions found: no line ends with a category code such as \"С-4 санаты\"; "
                             "is this a qualification-requirements order?")
        start = first_anchor
        while start > 0 and lines[start - 1][1].strip():
            start -= 1
        # Keep the title block's preceding paragraph in the header region.
        own = lines[:start]
        regions = [_AnnexRegion(0, [], (start, ""), lines[start:])]
        warnings.append(ParseWarning(lines[start][0], "no annex marker (\"1-қосымша\"); positions are read as annex 0"))

    header = _read_header(own)
    annexes: list[Annex] = []
    positions: list[Position] = []
    units: list[Unit] = []
    subunits: list[Subunit] = []
    blocks: list[TextBlock] = list(header.blocks)
    for region in regions:
        annex, found, state, extra = _read_annex(region, len(positions) + 1, warnings)
        annexes.append(annex)
        positions += found
        units += state.units
        subunits += state.subunits
        blocks += extra
    if not positions:
        raise ParseError(path, "no positions found: no line ends with a category code such as \"С-4 санаты\"; "
                         "is this a qualification-requirements order?")
    warnings += _structure_warnings(annexes, positions)

    positions = _rejoin_residue(positions, DocumentWords(text))
    positions = assign_ids(positions)
    positions = [replace(p, repairs=find_repairs(p, raw_lines)) for p in positions]
    warnings.sort(key=lambda w: (w.line, w.message))
    return Edition(
        source=Source(path, sha256),
        language=_language(positions),
        act=_act_header(header),
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
