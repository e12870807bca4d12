"""Letter-spacing residue: a lone letter joined to the next word, where the document vouches for the word.

Letter-spacing that `normalize.clean_line` could only partly undo leaves residue
like "б ір".  Joining it needs the document: the joined form must be one of the
document's own words (`DocumentWords`), and a real one-letter word (Russian has
eight) must stay as printed.  The parser joins residue line by line
(`parse.tokens`), one `DocumentWords` per edition.
"""

from __future__ import annotations

import re
from collections.abc import Container

from amendtrack.normalize import is_word_char

# A lone letter (not a digit: "С-3 санаты", "3 жылдан" are no residue) before a word.
_SPLIT_WORD = re.compile(r"(?<![\w.])([^\W\d_]) (\w{2,})\b")
_WORD_OF_TWO = re.compile(r"\w{2,}")
# Whether `_SPLIT_WORD` can match, in the line with a space put before it: the same
# condition, written to start with a literal space, so that the search skips from
# space to space (about four times quicker; a line with no residue is the rule).
_MAY_HOLD_SPLIT_WORD = re.compile(r" (?<=(?<![\w.])[^\W\d_] )\w\w")


class DocumentWords(Container[str]):
    r"""The words of two letters or more of a text, lower-cased: ``word in words``.

    Equal, for ``in``, to ``frozenset(w.lower() for w in re.findall(r"\w{2,}", text))``.
    `rejoin_split_words` asks about a handful of words per edition, so instead of
    collecting the tens of thousands of words of the text, each question is one
    search of the lower-cased text for the word standing alone (lower-casing
    keeps every character's place and its being a letter, so the text's words
    lower-cased are the lower-cased text's words).  Two letters break that rule
    (Turkish "İ" lower-cases to two characters; "Σ" depends on its context):
    a text holding either gets the set.

    It also remembers the lines it has rejoined (`rejoined`): the genre prints
    the same lines again and again (one competence paragraph in every position),
    about three printed lines for every distinct one.
    """

    __slots__ = ("_lowered", "_rejoined", "_text", "_words")

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: frozenset[str] | None = None
        self._rejoined: dict[str, str] = {}
        self._lowered: str | None = None  # at the first question: a text without residue asks none
        if "İ" in text or "Σ" in text:
            self._words = frozenset(w.lower() for w in set(_WORD_OF_TWO.findall(text)))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self._words is not None:
            return word in self._words
        if len(word) < 2 or _WORD_OF_TWO.fullmatch(word) is None or word.lower() != word:
            return False  # not a word of two letters or more in lower case
        if self._lowered is None:
            self._lowered = self._text.lower()
        text = self._lowered
        at = text.find(word)
        while at >= 0:  # str.find, not a regex: a literal search is many times quicker
            end = at + len(word)
            if not (at and is_word_char(text[at - 1])) and not (end < len(text) and is_word_char(text[end])):
                return True
            at = text.find(word, at + 1)
        return False

    def rejoined(self, line: str) -> str:
        """``rejoin_split_words(line, self)``, each distinct line joined once."""
        joined = self._rejoined.get(line)
        if joined is None:
            joined = self._rejoined[line] = rejoin_split_words(line, self)
        return joined




ONE_LETTER_WORDS = frozenset("авикосуя")
"""Russian's words of one letter.  Kazakh has none."""

_KAZAKH_ONLY_LETTER = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def rejoin_split_words(line: str, vocabulary: Container[str]) -> str:
    """Join a lone letter to the next word in one printed line, when the join is a
    word of the same document.

    Letter-spacing that was only partly undone leaves residue like ``"б ір"``.
    The joined form must occur in the document (``vocabulary``, lower-cased).
    Kazakh has no one-letter words, but Russian has (`ONE_LETTER_WORDS`: в, к, с,
    у, о, и, а, я): one of those is joined only in a line that holds a letter only
    Kazakh has ("о сы" in a Kazakh sentence is residue; "работать с ними" stays as
    printed though a document may hold "сними").  Call it on one line at a time:
    a lone letter ending a line and the next line's first word are two words.
    """
    if _MAY_HOLD_SPLIT_WORD.search(" " + line) is None:
        return line
    kazakh = None

    def join(match: re.Match[str]) -> str:
        nonlocal kazakh
        letter, rest = match.group(1), match.group(2)
        joined = letter + rest
        if joined.lower() not in vocabulary:
            return match.group(0)
        if letter.lower() in ONE_LETTER_WORDS:
            if kazakh is None:
                kazakh = _KAZAKH_ONLY_LETTER.search(line) is not None
            if not kazakh:
                return match.group(0)
        return joined

    return _SPLIT_WORD.sub(join, line)
