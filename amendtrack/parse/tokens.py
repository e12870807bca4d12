"""A position's body as tokens: its lines as text, blank-line gaps and row labels.

The first step of reading a body (`parse.fields`): each line is cleaned
(`normalize.clean_line`), a run of blank lines becomes a gap (a page break when
three or more), a row label or the table header becomes a label token with the
rest of its line as text, and letter-spacing residue is joined where the
document vouches for the word.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from amendtrack.normalize import clean_line, fold_lookalikes_in
from amendtrack.parse.vocabulary import (
    LABEL_INITIALS,
    LABELS,
    TABLE_HEADER,
    TABLE_HEADER_INITIALS,
    LabelPattern,
)
from amendtrack.residue import DocumentWords

PAGE_BREAK_BLANKS = 3
"""A page break of the PDF is printed as a run of (at least) three blank lines."""


# The tokens are named tuples, not frozen dataclasses: one is made for every line
# of a body, and a tuple is built several times quicker (a frozen dataclass sets
# each field through object.__setattr__).  Each is as immutable.
class Text(NamedTuple):
    line: int
    text: str


class Gap(NamedTuple):
    line: int
    page_break: bool


class LabelToken(NamedTuple):
    field: str
    text: str
    line: int
    language: str


Token = Text | Gap | LabelToken


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
                 openings: tuple[_Opening, ...]) -> tuple[LabelToken, str, int] | None:
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
                    label = LabelToken(pattern.field, f"{text} {next_text[:m2.end()]}", no, pattern.language)
                    return label, next_text[m2.end():].strip(), j - i + 1
        if whole_end >= 0:
            return LabelToken(pattern.field, text[:whole_end], no, pattern.language), text[whole_end:].strip(), 1
    return None


def tokenize(body: list[tuple[int, str]], vocabulary: DocumentWords) -> list[Token]:
    """Lines → text, gap and label tokens.  `body` holds (line number, raw line).

    Letter-spacing residue ("б ір") is joined line by line, where the document
    vouches for the word (`residue.rejoin_split_words`): the residue is left
    inside one printed line, and joining across lines would glue a real one-letter
    word at a line's end to the next line's first word (Russian "… с" | "оның …").
    """
    rejoin = vocabulary.rejoined
    tokens: list[Token] = []
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
            tokens.append(Gap(first_blank, blank_run >= PAGE_BREAK_BLANKS))
        blank_run = 0
        start = _line_start(text)
        if start is None:  # a line of text
            tokens.append(Text(no, rejoin(text)))
            i += 1
            continue
        if start.header is not None:
            tokens.append(LabelToken("header", text, no, start.header))
            i += 1
            continue
        found = _match_label(cleaned, i, start.labels)
        if found:
            label, rest, used = found
            tokens.append(label)
            if rest:
                tokens.append(Text(cleaned[i + used - 1][0], rejoin(rest)))
            i += used
            continue
        tokens.append(Text(no, rejoin(text)))
        i += 1
    return tokens
