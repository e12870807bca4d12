"""Unit headings and position titles.

A position's title block is the run of lines that ends with its category code
("…, С-4 санаты").  The extraction glues unit headings onto it, so the block may
start with a heading:

* numbered: ``"17. Келіссөздерді жүргізу басқармасы Келіссөздер жүргізу
  басқармасының бас сарапшысы, С-4 санаты"``;
* unnumbered, on a line of its own: ``"Баспасөз қызметі"`` / ``"Баспасөз
  қызметінің басшысы, С-3 санаты"``;
* unnumbered and glued, where the title repeats the heading's first words with
  the noun in the genitive: ``"Төтенше жағдайлар басқармасы Азаматтық қорғаныс
  бөлімі Төтенше жағдайлар басқармасы Азаматтық қорғаныс бөлімінің бас маманы"``.

A Kazakh unit heading ends with a unit noun in the nominative (департаменті,
басқармасы, бөлімі, …; see parse.vocabulary.UNIT_NOUNS_KK), a Russian one starts with it
(Департамент, Управление, Отдел, …).  A number in front of a text that is not a
heading ("1. Ішкі бақылау … басқармасының сарапшысы") is a stray number and stays
with the title as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amendtrack.normalize import fold_lookalikes_in, tidy_spacing
from amendtrack.parse.vocabulary import (
    KK_UNIT_NOUN_AT_END,
    RU_UNIT_NOUN_AT_START,
    unit_rank,
)

_NUMBER = re.compile(r"^(?P<num>\d{1,3})\s*\.\s+")
_WORD = re.compile(r"\S+")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


@dataclass(frozen=True, slots=True)
class Heading:
    """A unit or sub-unit heading as found in a block of text."""

    number: str | None
    name: str
    rank: int
    line_count: int
    """How many of the block's lines the heading uses (its last line may hold title text too)."""


@dataclass(frozen=True, slots=True)
class SplitTitle:
    heading: Heading | None
    title_text: str
    """The title block after the heading, as printed (code and "санаты" included)."""


def _stem(word: str) -> str:
    return word.lower().strip("«»\"(),.")


def _same_stem(a: str, b: str) -> bool:
    """"қызметі" ~ "қызметінің", "бөлімі" ~ "бөлімінің": the genitive extends the nominative."""
    a, b = _stem(a), _stem(b)
    if a == b:
        return True
    n = max(3, min(len(a), len(b)) - 2)
    return len(a) >= 3 and len(b) >= 3 and a[:n] == b[:n]


_KK_NOUN_LAST_LETTERS = frozenset("іықм)")
"""The last characters of the nouns of `vocabulary.UNIT_NOUNS_KK` (checked by a test)."""


def _heading_noun(text: str) -> str | None:
    """The unit noun if `text` reads as a whole unit heading, else None (look-alike Latin letters folded)."""
    text = fold_lookalikes_in(text.strip())
    # Every Kazakh unit noun ends with one of these letters (or a bracket), before an
    # optional comma: a quick test that spares the end-anchored search, which tries
    # every offset (a title's words are asked about one prefix at a time).
    last = text[-2:-1] if text.endswith(",") else text[-1:]
    m = KK_UNIT_NOUN_AT_END.search(text) if last in _KK_NOUN_LAST_LETTERS else None
    if m:
        return m.group("noun")
    m = RU_UNIT_NOUN_AT_START.match(text)
    if m and not _KAZAKH_LETTERS.search(text):
        # (A Russian heading holds no Kazakh letter: "Департамент директорының
        # тапсырмасы бойынша …" is a Kazakh duties sentence.)
        return m.group("noun")
    return None


def is_heading_paragraph(lines: list[str]) -> Heading | None:
    """A paragraph that is a heading and nothing else ("1. Хатшылық")."""
    joined = " ".join(lines)
    if joined.rstrip().endswith((".", ";", ":")):
        # A heading names a unit; a sentence ("Департамент басшылығы жүктеген …
        # жүзеге асырады.") is the end of a field, whatever word it starts with.
        # (Asked first: most paragraphs asked about are the last of a body.)
        return None
    text = tidy_spacing(joined)
    m = _NUMBER.match(text)
    name = text[m.end():] if m else text
    noun = _heading_noun(name)
    if noun is None or len(name.split()) > 20:
        return None
    if not m and not name[:1].isupper():
        return None
    return Heading(m.group("num") if m else None, name.rstrip(","), unit_rank(noun), len(lines))


def _word_line_index(lines: list[str]) -> list[int]:
    """For each word of the joined block, the index of the line it came from."""
    index = []
    for i, line in enumerate(lines):
        index += [i] * len(line.split())
    return index


def _split_by_repetition(words: list[str]) -> int | None:
    """Index of the first title word when the title repeats the heading's opening words."""
    if len(words) < 4:
        return None
    for k in range(2, len(words) - 1):
        if not words[k][:1].isupper():
            continue
        repeats = words[k] == words[0] and _same_stem(words[k + 1], words[1])
        # The head of a unit is titled by the unit's noun: "… департаменті
        # Департамент директоры", "… басқармасы Басқарма басшысы".
        names_head = _same_stem(words[k], words[k - 1]) and words[k - 1][:1].islower()
        if (repeats or names_head) and _heading_noun(" ".join(words[:k])):
            return k
    return None


def _split_at_noun(words: list[str], line_of: list[int], numbered: bool) -> int | None:
    """Index of the first title word after the first heading noun.

    The noun must be followed by a capitalised word, or (for an unnumbered
    heading, which has no number to vouch for it) end its line with the next line
    starting in capitals.
    """
    for k in range(1, len(words)):
        if not _heading_noun(" ".join(words[:k])):
            continue
        if not words[k][:1].isupper() or any(ch.isdigit() for ch in words[k]):
            continue  # (a code such as "С-1" is the end of a title, not its start)
        if numbered or line_of[k] != line_of[k - 1]:
            return k
    return None


def split_title_block(lines: list[str]) -> SplitTitle:
    """Split a title block (cleaned lines) into an optional heading and the title."""
    text = " ".join(lines)
    words = fold_lookalikes_in(text).split()  # compared folded; the printed words are kept below
    printed = text.split()
    line_of = _word_line_index(lines)
    m = _NUMBER.match(text)
    number = m.group("num") if m else None
    skip = len(m.group(0).split()) if m else 0
    rest = words[skip:]
    printed_rest = printed[skip:]
    rest_lines = line_of[skip:]

    k = _split_by_repetition(rest)
    if k is None:
        k = _split_at_noun(rest, rest_lines, numbered=number is not None)
    if k is None:
        # A number that introduces no heading is printed before the title; keep it.
        return SplitTitle(None, tidy_spacing(text))
    name = " ".join(printed_rest[:k]).rstrip(",")
    noun = _heading_noun(" ".join(rest[:k])) or ""
    heading = Heading(number, tidy_spacing(name), unit_rank(noun), rest_lines[k - 1] + 1)
    return SplitTitle(heading, tidy_spacing(" ".join(printed_rest[k:])))
