"""Split a position's body into its four requirement fields.

The body is everything between the title block and the next title block: the
table header, then education, competence, experience and duties, always in that
order.  The PDF extraction makes the labels unreliable:

* After a page break (a run of 3+ blank lines) the row label is printed again at
  the top of the new page, so a field's text can start *before* its label and the
  label lands in the middle of the text ("displaced").
* A label can be glued to its text, split over two lines, misspelt, Russian, or
  missing altogether.

So fields are found by content, with labels as evidence: a field boundary always
sits at a label or at a blank-line gap, a boundary never falls inside a sentence,
and a displaced label only ever follows a page break.  See `_boundary`.  The
body's lines are read as tokens first (`parse.tokens`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amendtrack.i18n import N_, Message, message
from amendtrack.model import (
    Experience,
    Label,
    LineSpan,
    ParseWarning,
    Requirements,
    parse_warning,
)
from amendtrack.normalize import join_lines
from amendtrack.parse.tokens import (
    Gap,
    LabelToken,
    Text,
    Token,
    tokenize,
)
from amendtrack.residue import DocumentWords

# The fields in words, for warnings that people read.
FIELD_WORDS = {"header": N_("table header"), "education": N_("education"),
               "competence": N_("professional competence"), "experience": N_("practical experience"),
               "duties": N_("functional duties")}


def _field_words(field: str) -> Message | str:
    """A field's name for a warning, translated where the warning is shown."""
    return message(FIELD_WORDS[field]) if field in FIELD_WORDS else field

FIELDS = ("education", "competence", "experience", "duties")


@dataclass(frozen=True, slots=True)
class Body:
    """What `parse_body` found in one position's body."""

    requirements: Requirements
    labels: tuple[Label, ...]
    field_lines: tuple[tuple[str, LineSpan], ...]
    unplaced: tuple[tuple[int, str], ...]
    warnings: tuple[ParseWarning, ...]
    languages: frozenset[str]


def _text_before(tokens: list[Token], index: int, floor: int) -> Text | None:
    for tok in reversed(tokens[floor:index]):
        if isinstance(tok, Text):
            return tok
    return None


def _text_after(tokens: list[Token], index: int) -> Text | None:
    for tok in tokens[index:]:
        if isinstance(tok, Text):
            return tok
    return None


_CONNECTORS = {",", "«", "(", "-", "–", "—", ":", ""}
"""Marks after which a text goes on: no field ends with one."""


# Fields written in full sentences: they end with a full stop.  Education (a
# phrase) and a one-line experience are often printed without one.
_SENTENCE_FIELDS = {"competence"}


def _ends_field(field: str, text: str, gap: Gap, after: str, loose: bool = True) -> bool:
    """Can `field` end with `text` just before `gap`, `after` starting the next?  A boundary never cuts a sentence.

    A field of full sentences ends with a full stop (scrambled competence blocks
    hold blank lines of their own after half sentences).  Rows of the table are
    separated by a blank line: there any text that does not end with a
    connecting mark may end a field; a list item's ";" may end one too (an
    experience list whose last item ends "…кем емес;"), since no list holds a
    blank line between its items.  A page break falls anywhere, even mid-word
    and between list items, so before one a field ends at a full stop, or at a
    text that ends with no mark of continuation when the next starts with a
    capital letter (a new row: "…саласында" | "Қазақстан Республикасының …").
    """
    last = text.rstrip()[-1:]
    if field in _SENTENCE_FIELDS:
        return last == "."
    if last == ".":
        return True
    if gap.page_break:
        return loose and last not in _CONNECTORS and last != ";" and _opens_row(after)
    return last not in _CONNECTORS


# A word in Latin letters only: a program's or a product's name ("Word",
# "Excel", "E-mail") inside a Kazakh or Russian sentence.
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*(?=[\s,.;:)]|$)")


def _opens_row(text: str) -> bool:
    """Can `text`, printed after a page break, be the start of a new row of the table?

    A row opens with a capital.  A capitalised word in Latin letters does not
    count: the texts are Cyrillic, and a Latin word there is a product's name
    continuing the sentence ("… с программами" | page break | "Word, Excel …").
    """
    head = text.lstrip()
    return head[:1].isupper() and not _LATIN_WORD.match(head)


def _starts_field(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in {"«", '"'}


def _after_page_break(tokens: list[Token], index: int) -> bool:
    for tok in reversed(tokens[:index]):
        if isinstance(tok, Gap):
            return tok.page_break
        return False
    return False


def _boundary(
    tokens: list[Token], field: str, floor: int, label_at: int | None, start: int | None = None
) -> tuple[int, Message | None]:
    """Where the field after `field` starts: (token index, warning or None).

    `floor` is the first token the boundary may take (the current field's start,
    or its label); `start`, the field's start (for its shape: a displaced label
    stands inside the field's text).  With a label that does not follow a page break, the label is
    the boundary.  A label after a page break may be displaced: the boundary is the
    nearest gap before it, going back, where the text before can end `field` and
    the text after can start a field.  Without a label, the first such gap after
    `floor` is taken.
    """
    if label_at is not None and not _after_page_break(tokens, label_at):
        return label_at, None
    start = floor if start is None else start
    end = label_at if label_at is not None else len(tokens)
    gaps = [i for i in range(floor, end) if isinstance(tokens[i], Gap)]
    # Education is one phrase: it ends at its first possible gap.  The other
    # fields may hold blank lines of their own (scrambled competence does), so
    # with a label to go by, the gap nearest before the label is taken, single
    # blank lines first: rows of the table are separated by a blank line, and a
    # page break is a row boundary only when no row boundary precedes it.
    if label_at is None or field == "education":
        candidates = gaps
    else:
        candidates = [g for g in reversed(gaps) if not tokens[g].page_break]  # type: ignore[union-attr]
        candidates += [g for g in reversed(gaps) if tokens[g].page_break]  # type: ignore[union-attr]
    # A page break before a capital with no full stop before it is weaker
    # evidence than a full stop: it is tried only when no gap has that.
    # Education, one phrase, ends at its first possible gap: there the weaker
    # evidence is enough ("…саласында" | page break | "Қазақстан …").
    for loose in (True,) if field == "education" else (False, True):
        for g in candidates:
            before = _text_before(tokens, g, floor)
            after = _text_after(tokens, g + 1)
            if before is None or after is None:
                continue
            gap = tokens[g]
            assert isinstance(gap, Gap)
            if not (_ends_field(field, before.text, gap, after.text, loose) and _starts_field(after.text)):
                continue
            if field == "experience" and label_at is not None and not _experience_shape(tokens[start:g]):
                continue
            return g, None
    if label_at is not None:
        # Last, before taking the displaced label itself: a row boundary after
        # a full stop where the next row starts in lower case (an amendment may
        # reword a field's first words: "аумақтық Министрлік органдарының …").
        for g in candidates:
            before, after = _text_before(tokens, g, floor), _text_after(tokens, g + 1)
            gap = tokens[g]
            assert isinstance(gap, Gap)
            if before is None or after is None or gap.page_break or not before.text.rstrip().endswith("."):
                continue
            if field == "experience" and not _experience_shape(tokens[start:g]):
                continue
            return g, None
        return label_at, None
    return end, message("no label and no clear end for the %(field)s; the rest of the body is read as %(field)s",
                        field=_field_words(field))


_SENTENCE_END = re.compile(r"\.(?:\s|$)")


def _experience_shape(tokens: list[Token]) -> bool:
    """Does this text have the shape of an experience field?

    Besides its numbered list, an experience holds at most one sentence: the
    trailer after the list ("Компьютерде Word, Excel … жұмыс істей білуі."), or
    the whole text when there is no list.  More sentences after it are the next
    field's, printed before that field's label, which a page break displaced.
    """
    e = parse_experience([(t.line, t.text) for t in tokens if isinstance(t, Text)])
    loose = e.trailer if e.numbered else " ".join(e.items)
    ends = len(_SENTENCE_END.findall(loose or ""))
    if not e.numbered:
        # A sentence printed without its full stop ("… жұмыс істей білуі") ends
        # where a page break is followed by a capital.
        texts = [t for t in tokens if isinstance(t, Text | Gap)]
        for a, gap, b in zip(texts, texts[1:], texts[2:]):
            if isinstance(gap, Gap) and gap.page_break and isinstance(a, Text) and isinstance(b, Text):
                if a.text.rstrip()[-1:] not in _CONNECTORS | {".", ";"} and _opens_row(b.text):
                    ends += 1
    return ends <= 1


def _label_positions(tokens: list[Token]) -> tuple[dict[str, int], list[ParseWarning]]:
    positions: dict[str, int] = {}
    warnings = []
    for i, tok in enumerate(tokens):
        if isinstance(tok, LabelToken):
            if tok.field in positions:
                warnings.append(parse_warning(tok.line, "the %(field)s label is printed twice; the second is ignored",
                                              field=_field_words(tok.field)))
            else:
                positions[tok.field] = i
    return positions, warnings


_ITEM = re.compile(r"^(\d{1,2})\s*\)\s*")


def parse_experience(lines: list[tuple[int, str]]) -> Experience:
    """Experience text → intro, numbered alternatives and trailer.

    Items start with "N)" at a line start, numbered from 1 without gaps (a "1)"
    inside running text does not restart the list).  The last item ends on the
    first line that ends with a period; what follows is the trailer.
    """
    starts: list[int] = []
    for i, (_, text) in enumerate(lines):
        m = _ITEM.match(text)
        if m and int(m.group(1)) == len(starts) + 1:
            starts.append(i)
    if not starts:
        text = join_lines([t for _, t in lines])
        return Experience(intro=None, items=(text,) if text else (), trailer=None)
    intro = join_lines([t for _, t in lines[: starts[0]]]) or None
    items = []
    bounds = starts + [len(lines)]
    trailer_lines: list[str] = []
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        chunk = [t for _, t in lines[a:b]]
        if k == len(starts) - 1:
            for j, t in enumerate(chunk):
                if t.rstrip().endswith("."):
                    chunk, trailer_lines = chunk[: j + 1], chunk[j + 1:]
                    break
        chunk[0] = _ITEM.sub("", chunk[0], count=1)
        items.append(join_lines(chunk))
    return Experience(intro=intro, items=tuple(items), trailer=join_lines(trailer_lines) or None, numbered=True)


def parse_body(body: list[tuple[int, str]], vocabulary: DocumentWords | None = None) -> Body:
    """Parse one position's body: (line number, raw line) pairs after its title.

    :param vocabulary: the document's words, which vouch for the joins of
        letter-spacing residue; None, nothing is joined.
    """
    tokens = tokenize(body, vocabulary if vocabulary is not None else DocumentWords(""))
    positions, warnings = _label_positions(tokens)
    unplaced: list[tuple[int, str]] = []

    header_at = positions.get("header")
    start = 0
    if header_at is None:
        first_line = next((t.line for t in tokens if isinstance(t, Text)), body[0][0] if body else 0)
        warnings.append(parse_warning(first_line, "table header (Өлшемшарттар Талаптар) not found"))
    else:
        unplaced += [(t.line, t.text) for t in tokens[:header_at] if isinstance(t, Text)]
        start = header_at + 1

    # Field k occupies tokens[bounds[k]:bounds[k+1]].
    bounds = [start]
    for field, nxt in zip(FIELDS, FIELDS[1:]):
        floor = bounds[-1]
        own = positions.get(field)
        if own is not None and own > floor:
            floor = own
        label_at = positions.get(nxt)
        if label_at is not None and label_at < floor:
            line = tokens[label_at].line
            warnings.append(parse_warning(line, "the %(field)s label is out of order; it is not taken as the end of "
                                                "the text before it", field=_field_words(nxt)))
            label_at = None
        at, problem = _boundary(tokens, field, floor, label_at, bounds[-1])
        if label_at is None:
            first = _text_after(tokens, at)
            line = first.line if first else (tokens[-1].line if tokens else 0)
            said = problem or message("the %(field)s label is missing; the %(field)s text was read from line "
                                      "%(line)s by its content", field=_field_words(nxt), line=line)
            warnings.append(ParseWarning(line, str(said), said))
        bounds.append(at)
    bounds.append(len(tokens))

    texts: dict[str, list[tuple[int, str]]] = {}
    labels: list[Label] = []
    for field, a, b in zip(FIELDS, bounds, bounds[1:]):
        texts[field] = [(t.line, t.text) for t in tokens[a:b] if isinstance(t, Text)]
    for i, tok in enumerate(tokens):
        if isinstance(tok, LabelToken):
            field_index = FIELDS.index(tok.field) if tok.field in FIELDS else -1
            displaced = field_index >= 0 and i > bounds[field_index] and any(
                isinstance(t, Text) for t in tokens[bounds[field_index]:i]
            )
            labels.append(Label(tok.field, tok.text, tok.line, displaced))

    for field in FIELDS:
        if not texts[field]:
            line = tokens[bounds[FIELDS.index(field)]].line if bounds[FIELDS.index(field)] < len(tokens) else (body[-1][0] if body else 0)
            warnings.append(parse_warning(line, "no %(field)s text found", field=_field_words(field)))

    requirements = Requirements(
        education=join_lines([t for _, t in texts["education"]]),
        competence=join_lines([t for _, t in texts["competence"]]),
        experience=parse_experience(texts["experience"]),
        duties=join_lines([t for _, t in texts["duties"]]),
    )
    field_lines = tuple(
        (field, LineSpan(texts[field][0][0], texts[field][-1][0])) for field in FIELDS if texts[field]
    )
    languages = frozenset(t.language for t in tokens if isinstance(t, LabelToken))
    return Body(requirements, tuple(labels), field_lines, tuple(unplaced), tuple(warnings), languages)
