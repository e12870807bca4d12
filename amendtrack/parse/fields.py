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
and a displaced label only ever follows a page break.  See `_boundary`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from amendtrack.i18n import N_, Message, message
from amendtrack.model import Experience, Label, LineSpan, ParseWarning, Requirements, parse_warning
from amendtrack.normalize import DocumentWords, clean_line, fold_lookalikes_in, join_lines
from amendtrack.parse.vocabulary import LABEL_INITIALS, LABELS, TABLE_HEADER, TABLE_HEADER_INITIALS, LabelPattern

# The fields in words, for warnings that people read.
FIELD_WORDS = {"header": N_("table header"), "education": N_("education"),
               "competence": N_("professional competence"), "experience": N_("practical experience"),
               "duties": N_("functional duties")}


def _field_words(field: str) -> Message | str:
    """A field's name for a warning, translated where the warning is shown."""
    return message(FIELD_WORDS[field]) if field in FIELD_WORDS else field

FIELDS = ("education", "competence", "experience", "duties")
PAGE_BREAK_BLANKS = 3


# The tokens are named tuples, not frozen dataclasses: one is made for every line
# of a body, and a tuple is built several times quicker (a frozen dataclass sets
# each field through object.__setattr__).  Each is as immutable.
class _Text(NamedTuple):
    line: int
    text: str


class _Gap(NamedTuple):
    line: int
    page_break: bool


class _LabelTok(NamedTuple):
    field: str
    text: str
    line: int
    language: str


_Token = _Text | _Gap | _LabelTok


@dataclass(frozen=True, slots=True)
class Body:
    """What `parse_body` found in one position's body."""

    requirements: Requirements
    labels: tuple[Label, ...]
    field_lines: tuple[tuple[str, LineSpan], ...]
    unplaced: tuple[tuple[int, str], ...]
    warnings: tuple[ParseWarning, ...]
    languages: frozenset[str]


_Opening = tuple[LabelPattern, bool, int]
"""A label a line may open: (pattern, its first word alone fills the line, end of
the whole label in the line or -1)."""


class _LineStart(NamedTuple):
    """What a line may open: the table header (its language), or labels."""

    header: str | None
    labels: tuple[_Opening, ...]


@functools.lru_cache(maxsize=1 << 12)
def _line_start(text: str) -> _LineStart | None:
    """What the cleaned line `text` may open (labels in `LABELS` order); None for a
    line of text, nearly every line.

    Labels and the header are matched with look-alike Latin letters folded
    ("Бiлiмi"); folding keeps every character's place.  Cached: a document
    prints each label on some 150 lines, and the answer depends on the line alone.
    """
    initial = text[:1]
    if initial in TABLE_HEADER_INITIALS and TABLE_HEADER.match(fold_lookalikes_in(text)):
        return _LineStart("kk" if "Өлшем" in text else "ru", ())
    if initial not in LABEL_INITIALS:
        return None  # every label starts with one of these letters (or its Latin look-alike)
    key = fold_lookalikes_in(text)
    found = []
    for pattern in LABELS:
        first = bool(pattern.first and pattern.second and pattern.first.match(key))
        whole = pattern.whole.match(key)
        if first or whole:
            found.append((pattern, first, whole.end() if whole else -1))
    return _LineStart(None, tuple(found)) if found else None


def _match_label(lines: list[tuple[int, str]], i: int,
                 openings: tuple[_Opening, ...]) -> tuple[_LabelTok, str, int] | None:
    """A label at the start of line i, one of the `openings` its text allows: (label,
    rest of text, lines consumed); the rest is returned as printed."""
    no, text = lines[i]
    for pattern, first, whole_end in openings:
        # A label split over two lines first, so that its second word is not
        # left behind as field text.  A page break may fall between the two
        # words (the blank lines between them are consumed with the label).
        if first:
            assert pattern.second is not None
            j = i + 1
            while j < len(lines) and not lines[j][1] and j - i <= PAGE_BREAK_BLANKS:
                j += 1
            if j < len(lines) and (j == i + 1 or j - i - 1 >= PAGE_BREAK_BLANKS):
                next_no, next_text = lines[j]
                m2 = pattern.second.match(fold_lookalikes_in(next_text))
                if m2 and next_no == no + (j - i):
                    label = _LabelTok(pattern.field, f"{text} {next_text[:m2.end()]}", no, pattern.language)
                    return label, next_text[m2.end():].strip(), j - i + 1
        if whole_end >= 0:
            return _LabelTok(pattern.field, text[:whole_end], no, pattern.language), text[whole_end:].strip(), 1
    return None


def _tokenize(body: list[tuple[int, str]], vocabulary: DocumentWords) -> list[_Token]:
    """Lines → text, gap and label tokens.  `body` holds (line number, raw line).

    Letter-spacing residue ("б ір") is joined line by line, where the document
    vouches for the word (`normalize.rejoin_split_words`): the residue is left
    inside one printed line, and joining across lines would glue a real one-letter
    word at a line's end to the next line's first word (Russian "… с" | "оның …").
    """
    rejoin = vocabulary.rejoined
    tokens: list[_Token] = []
    cleaned = [(no, clean_line(raw)) for no, raw in body]
    i, blank_run, first_blank = 0, 0, 0
    while i < len(cleaned):
        no, text = cleaned[i]
        if not text:
            if blank_run == 0:
                first_blank = no
            blank_run += 1
            i += 1
            continue
        if blank_run and tokens:
            tokens.append(_Gap(first_blank, blank_run >= PAGE_BREAK_BLANKS))
        blank_run = 0
        start = _line_start(text)
        if start is None:  # a line of text
            tokens.append(_Text(no, rejoin(text)))
            i += 1
            continue
        if start.header is not None:
            tokens.append(_LabelTok("header", text, no, start.header))
            i += 1
            continue
        found = _match_label(cleaned, i, start.labels)
        if found:
            label, rest, used = found
            tokens.append(label)
            if rest:
                tokens.append(_Text(cleaned[i + used - 1][0], rejoin(rest)))
            i += used
            continue
        tokens.append(_Text(no, rejoin(text)))
        i += 1
    return tokens


def _text_before(tokens: list[_Token], index: int, floor: int) -> _Text | None:
    for tok in reversed(tokens[floor:index]):
        if isinstance(tok, _Text):
            return tok
    return None


def _text_after(tokens: list[_Token], index: int) -> _Text | None:
    for tok in tokens[index:]:
        if isinstance(tok, _Text):
            return tok
    return None


_CONNECTORS = {",", "«", "(", "-", "–", "—", ":", ""}
"""Marks after which a text goes on: no field ends with one."""


# Fields written in full sentences: they end with a full stop.  Education (a
# phrase) and a one-line experience are often printed without one.
_SENTENCE_FIELDS = {"competence"}


def _ends_field(field: str, text: str, gap: _Gap, after: str, loose: bool = True) -> bool:
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


def _after_page_break(tokens: list[_Token], index: int) -> bool:
    for tok in reversed(tokens[:index]):
        if isinstance(tok, _Gap):
            return tok.page_break
        return False
    return False


def _boundary(
    tokens: list[_Token], field: str, floor: int, label_at: int | None, start: int | None = None
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
    gaps = [i for i in range(floor, end) if isinstance(tokens[i], _Gap)]
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
            assert isinstance(gap, _Gap)
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
            assert isinstance(gap, _Gap)
            if before is None or after is None or gap.page_break or not before.text.rstrip().endswith("."):
                continue
            if field == "experience" and not _experience_shape(tokens[start:g]):
                continue
            return g, None
        return label_at, None
    return end, message("no label and no clear end for the %(field)s; the rest of the body is read as %(field)s",
                        field=_field_words(field))


_SENTENCE_END = re.compile(r"\.(?:\s|$)")


def _experience_shape(tokens: list[_Token]) -> bool:
    """Does this text have the shape of an experience field?

    Besides its numbered list, an experience holds at most one sentence: the
    trailer after the list ("Компьютерде Word, Excel … жұмыс істей білуі."), or
    the whole text when there is no list.  More sentences after it are the next
    field's, printed before that field's label, which a page break displaced.
    """
    e = parse_experience([(t.line, t.text) for t in tokens if isinstance(t, _Text)])
    loose = e.trailer if e.numbered else " ".join(e.items)
    ends = len(_SENTENCE_END.findall(loose or ""))
    if not e.numbered:
        # A sentence printed without its full stop ("… жұмыс істей білуі") ends
        # where a page break is followed by a capital.
        texts = [t for t in tokens if isinstance(t, _Text | _Gap)]
        for a, gap, b in zip(texts, texts[1:], texts[2:]):
            if isinstance(gap, _Gap) and gap.page_break and isinstance(a, _Text) and isinstance(b, _Text):
                if a.text.rstrip()[-1:] not in _CONNECTORS | {".", ";"} and _opens_row(b.text):
                    ends += 1
    return ends <= 1


def _label_positions(tokens: list[_Token]) -> tuple[dict[str, int], list[ParseWarning]]:
    positions: dict[str, int] = {}
    warnings = []
    for i, tok in enumerate(tokens):
        if isinstance(tok, _LabelTok):
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
    tokens = _tokenize(body, vocabulary if vocabulary is not None else DocumentWords(""))
    positions, warnings = _label_positions(tokens)
    unplaced: list[tuple[int, str]] = []

    header_at = positions.get("header")
    start = 0
    if header_at is None:
        first_line = next((t.line for t in tokens if isinstance(t, _Text)), body[0][0] if body else 0)
        warnings.append(parse_warning(first_line, "table header (Өлшемшарттар Талаптар) not found"))
    else:
        unplaced += [(t.line, t.text) for t in tokens[:header_at] if isinstance(t, _Text)]
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
        texts[field] = [(t.line, t.text) for t in tokens[a:b] if isinstance(t, _Text)]
    for i, tok in enumerate(tokens):
        if isinstance(tok, _LabelTok):
            field_index = FIELDS.index(tok.field) if tok.field in FIELDS else -1
            displaced = field_index >= 0 and i > bounds[field_index] and any(
                isinstance(t, _Text) for t in tokens[bounds[field_index]:i]
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
    languages = frozenset(t.language for t in tokens if isinstance(t, _LabelTok))
    return Body(requirements, tuple(labels), field_lines, tuple(unplaced), tuple(warnings), languages)
