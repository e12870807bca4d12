"""One annex region → its title, units, sub-units and positions.

Each title block ends with a category code ("…, С-4 санаты"): those lines are
the anchors.  A title block runs back from its anchor to the blank line before
it (or across a page break that cut it, `_title_before_page_break`); the body
after it runs to the next title block, minus any unit heading paragraphs printed
before that title (`_peel_headings`).  Bodies are split into fields by
`parse.fields.parse_body`; headings are read by `parse.headings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amendtrack.model import (
    Annex,
    Category,
    LineSpan,
    ParseWarning,
    Position,
    Subunit,
    TextBlock,
    Unit,
    parse_warning,
)
from amendtrack.normalize import (
    clean_line,
    fold_lookalikes_in,
    tidy_spacing,
)
from amendtrack.parse.fields import parse_body
from amendtrack.parse.headings import (
    Heading,
    SplitTitle,
    is_heading_paragraph,
    split_title_block,
)
from amendtrack.parse.regions import (
    AnnexRegion,
    Line,
    paragraph_text,
    paragraphs_of,
    span_of,
)
from amendtrack.parse.tokens import PAGE_BREAK_BLANKS
from amendtrack.parse.vocabulary import (
    CATEGORY_KK,
    CATEGORY_RU,
    LABELS,
    TABLE_HEADER,
    canonical_code,
)
from amendtrack.residue import DocumentWords


def _may_end_with_category(text: str) -> bool:
    # Each category pattern needs its word: a quick test that spares the
    # end-anchored searches (which try every offset) on the lines of the fields.
    return "санаты" in text or "категори" in text


# Parts of the two category words that look-alike folding cannot make out of other
# letters: Cyrillic "н", "т", "ы", "г", "и" have no Latin twin, so a cleaned line
# whose folded form holds "санаты" holds "н?ты", and one holding "категори" holds
# "г??и", the other letters Cyrillic or their Latin twins.
def _may_hold_category_word(cleaned: str) -> bool:
    c = cleaned
    # Each of the two has two letters no folding touches together ("ты"; "ри" or
    # "pи"): asked first, they spare the longer tests on most lines.
    return ("ты" in c and ("наты" in c or "нaты" in c)) or (
        ("ри" in c or "pи" in c) and ("гори" in c or "гoри" in c or "гоpи" in c or "гopи" in c))


def _may_be_anchor(cleaned: str) -> bool:
    """The quick test before `is_anchor`'s patterns: a short line (a wrapped code or
    "санаты"), or one holding a category word.  A line of a field is neither."""
    return len(cleaned) <= 10 or _may_hold_category_word(cleaned)


def is_anchor(lines: list[Line], i: int) -> bool:
    """Does line i end a title block ("…, С-4 санаты", possibly wrapped)?"""
    cleaned = clean_line(lines[i][1])
    if not _may_be_anchor(cleaned):
        return False  # the common case, a line of a field: no folding needed to tell
    text = fold_lookalikes_in(cleaned)
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
class UnitState:
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


def _first_paragraph(lines: list[Line]) -> list[Line]:
    """``paragraphs_of(lines)[0]``, or [] when there is none, without the others."""
    start = 0
    while start < len(lines) and not lines[start][1].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end][1].strip():
        end += 1
    return lines[start:end]


def _peel_headings(body: list[Line]) -> tuple[list[Line], list[tuple[Heading, list[Line]]]]:
    """Heading paragraphs printed at the end of a body belong to what follows."""
    headings: list[tuple[Heading, list[Line]]] = []
    while True:
        # The last paragraph (run of non-blank lines), found from the end: only it
        # is looked at, and only when another paragraph stands before it.
        end = len(body)
        while end and not body[end - 1][1].strip():
            end -= 1
        start = end
        while start and body[start - 1][1].strip():
            start -= 1
        if not end or not any(raw.strip() for _, raw in body[:start]):
            break
        last = body[start:end]
        heading = is_heading_paragraph([clean_line(raw) for _, raw in last])
        if heading is None:
            break
        headings.insert(0, (heading, last))
        body = body[:start]
    return body, headings


def read_annex(region: AnnexRegion, seq_start: int, warnings: list[ParseWarning],
               vocabulary: DocumentWords) -> tuple[Annex, list[Position], UnitState, list[TextBlock]]:
    """One annex region read; `vocabulary` (the document's words) vouches for the joins
    of letter-spacing residue in the positions' fields (`fields.parse_body`)."""
    lines = region.body
    state = UnitState(region.number)
    blocks: list[TextBlock] = []
    # is_anchor's quick test first, here: on the lines of the fields (nearly all
    # lines) the call would cost more than the test.
    anchors = [i for i, (_, raw) in enumerate(lines)
               if (text := clean_line(raw)) and _may_be_anchor(text) and is_anchor(lines, i)]
    first_paragraph = _first_paragraph(lines)

    # Title block starts: back from each anchor to the previous blank line.
    block_starts: list[int] = []
    for i in anchors:
        j = i
        floor = anchors[len(block_starts) - 1] if block_starts else -1
        while j > 0 and lines[j - 1][1].strip() and j - 1 > floor:
            j -= 1
        block_starts.append(_title_before_page_break(lines, j, floor))

    title_para = first_paragraph
    first_block: list[Line] | None = None
    if title_para and anchors and title_para[0][0] == lines[block_starts[0]][0]:
        title_para, first_block = _split_annex_title(
            [line for line in lines[block_starts[0] : anchors[0] + 1]]
        )
        if not first_block:
            # No way to tell where the annex title ends: keep the block as the title
            # of the first position, and say that the annex title is unknown.
            warnings.append(parse_warning(title_para[0][0], "annex title runs into the first position's title; "
                                          "read as the position's title"))
            title_para = []
    glued_heading: list[Line] = []
    if title_para and not first_block:
        # The first heading may be glued to the annex title with a page break
        # before the first title block: it is a heading all the same.
        cut = _heading_cut(title_para)
        if cut is not None and is_heading_paragraph([clean_line(raw) for _, raw in cut[1]]):
            title_para, glued_heading = cut
    annex_title = paragraph_text(title_para) if title_para else ""
    reference = paragraph_text(region.reference)
    span = LineSpan((region.reference or [region.marker])[0][0], (title_para or [region.marker])[-1][0])
    annex = Annex(region.number, annex_title, reference, span, clean_line(region.marker[1]))

    # Between the annex title and the first title block: headings, or unplaced text.
    if anchors:
        # After the annex title, and after the heading glued to it (read once, here).
        read = glued_heading or title_para
        after_title = read[-1][0] if read else region.marker[0]
        lead = [ln for ln in lines[: block_starts[0]] if ln[0] > after_title]
        for para in ([glued_heading] if glued_heading else []) + paragraphs_of(lead):
            heading = is_heading_paragraph([clean_line(raw) for _, raw in para])
            if heading:
                state.enter(heading, span_of(para))
            else:
                blocks.append(TextBlock("unplaced", paragraph_text(para), span_of(para)))
                warnings.append(parse_warning(para[0][0], "text before the first position could not be placed: %(text)s",
                                              text=repr(paragraph_text(para)[:60])))
    elif lines:
        rest = [ln for ln in lines if not title_para or ln[0] > title_para[-1][0]]
        for para in paragraphs_of(rest):
            blocks.append(TextBlock("unplaced", paragraph_text(para), span_of(para)))
            warnings.append(parse_warning(para[0][0], "annex holds no position (no line ends with a category code)"))

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
            warnings.append(parse_warning(title_lines[0][0], "title block could not be told from a unit heading"))
        if split.heading is not None:
            heading_span = LineSpan(title_lines[0][0], title_lines[split.heading.line_count - 1][0])
            state.enter(split.heading, heading_span)
        title, category = found
        stray = re.match(r"^(\d{1,3})\s*\.\s+", title)
        if stray:
            warnings.append(parse_warning(
                title_lines[0][0],
                "the number “%(number)s.” printed before the title starts no unit heading; "
                "it is left out of the title (the printed title keeps it)",
                number=stray.group(1),
            ))
            title = title[stray.end():]
        parsed = parse_body(body, vocabulary)
        warnings.extend(parsed.warnings)
        for no, text in parsed.unplaced:
            blocks.append(TextBlock("unplaced", text, LineSpan(no, no)))
            warnings.append(parse_warning(no, "text between a title and its table header could not be placed: %(text)s",
                                          text=repr(text[:60])))
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
            state.enter(heading, span_of(para))
    return annex, positions, state, blocks
