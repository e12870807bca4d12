"""Word-level diffs of position texts: the one adapter around diff-match-patch.

Everything else in amendtrack asks this module, never ``diff_match_patch`` directly,
for two things (how much two texts share is compare/similarity.py; showing spans as
text is compare/span_text.py):

* **Redlines** (`word_diff`): which words of the old text were deleted and which
  words of the new text were inserted, as our own `Op` spans.
* **Kinds of change** (`change_kind` and the ``is_*`` predicates): whether a change
  is editorial, a reordering left by the PDF extraction, a typo fix, or substantive.

How a word diff is made (diff-match-patch wiki, "Line or Word Diffs"): each text is
cut into tokens -- runs of word characters, runs of whitespace, and single other
characters -- and every distinct token becomes one private-use character.  The
character diff of those code strings is a token diff, so no edit can start or end
inside a word.  ``diff_cleanupSemantic`` runs on the code strings, *before* the
codes are mapped back: run on the real characters, its sideways shifts would be
free to cut words again.

Results never depend on machine speed: ``Diff_Timeout`` is always 0, so dmp
computes the complete Myers diff instead of returning whatever it has when a clock
runs out (a timeout also switches on dmp's "half match" shortcut, which can give a
non-minimal diff).  The price is time proportional to ``(tokens) * (edits)``: fine
for position texts of a few kilobytes, or for long texts with few edits, but two
long texts with nothing in common cost quadratic time.  Diff positions, not whole
documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import IntEnum
from typing import Literal

from diff_match_patch import diff_match_patch

from amendtrack.compare.similarity import word_profile
from amendtrack.normalize import comparable

__all__ = [
    "ChangeKind",
    "Op",
    "Span",
    "change_kind",
    "is_editorial",
    "is_reordering",
    "is_small_edit",
    "new_text",
    "old_text",
    "word_diff",
]


class Op(IntEnum):
    """What a span of a word diff does; the values are diff-match-patch's."""

    DELETE = -1
    EQUAL = 0
    INSERT = 1


Span = tuple[Op, str]
"""One piece of a word diff: the operation and the text it covers."""

ChangeKind = Literal["editorial", "reordering", "small", "substantive"]
"""The kinds `change_kind` returns, from the least to the most important."""


# ---------------------------------------------------------------- tokens and codes

# A word is a run of word characters; combining marks count as word characters so
# that a decomposed letter ("и" + U+0306 for "й") cannot end a word early.  The
# three alternatives cover every character, so the tokens of a text join back to it.
_WORD_CLASS = r"[\w\u0300-\u036f\u0483-\u0489]"
_TOKEN = re.compile(rf"{_WORD_CLASS}+|\s+|.", re.DOTALL)
_IS_WORD = re.compile(rf"{_WORD_CLASS}+")

# Code characters, in the order they are handed out: the BMP private use area
# (6,400 codes, enough for any position text), then the two supplementary private
# use planes, 15 and 16, without their last two code points (non-characters).
_CODE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_CODE_CAPACITY = sum(last - first + 1 for first, last in _CODE_RANGES)  # 137,468


def _tokens(text: str) -> list[str]:
    """Cut a text into words, whitespace runs and single other characters."""
    return _TOKEN.findall(text)


def _code_char(index: int) -> str:
    """The code character for the ``index``-th distinct token."""
    for first, last in _CODE_RANGES:
        size = last - first + 1
        if index < size:
            return chr(first + index)
        index -= size
    # 137,468 distinct tokens take more than a megabyte of distinct words: that is
    # not a position text, and a silently degraded diff would be worse than an error.
    raise ValueError(
        f"too many distinct tokens to diff (more than {_CODE_CAPACITY:,}); "
        "diff the texts position by position"
    )


def _encode_pair(
    old_tokens: Sequence[str], new_tokens: Sequence[str]
) -> tuple[str, str, dict[str, str]]:
    """Map each distinct token of both texts to one code character.

    Returns the two code strings and the code → token table.  Codes are handed out
    in order of first appearance, old text first, so the same pair always gets the
    same codes.
    """
    codes: dict[str, str] = {}

    def encode(tokens: Sequence[str]) -> str:
        out = []
        for token in tokens:
            code = codes.get(token)
            if code is None:
                code = codes[token] = _code_char(len(codes))
            out.append(code)
        return "".join(out)

    old_codes = encode(old_tokens)
    new_codes = encode(new_tokens)
    return old_codes, new_codes, {code: token for token, code in codes.items()}


def _dmp() -> diff_match_patch:
    """A diff_match_patch configured for reproducible results.

    A fresh instance per call: it is cheap, and nobody can change a shared one.
    """
    dmp = diff_match_patch()
    # No deadline: the diff must be the same on a slow machine as on a fast one.
    dmp.Diff_Timeout = 0
    return dmp


def _code_diff(old_codes: str, new_codes: str, *, semantic: bool) -> list[tuple[int, str]]:
    """dmp's diff of two code strings, with semantic cleanup when asked for."""
    dmp = _dmp()
    diffs: list[tuple[int, str]] = dmp.diff_main(old_codes, new_codes, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return diffs


def _merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Canonical spans: no empty text, no two EQUALs in a row, and each run of
    changes between two equalities as at most one DELETE followed by one INSERT.

    dmp's semantic cleanup can leave an INSERT before a DELETE (its overlap step),
    and mapping codes back can put two spans of one kind side by side; one shape
    for every run keeps renderers and tests simple.
    """
    out: list[Span] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append((Op.DELETE, "".join(deleted)))
        if inserted:
            out.append((Op.INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in spans:
        if not text:
            continue
        if op is Op.DELETE:
            deleted.append(text)
        elif op is Op.INSERT:
            inserted.append(text)
        else:
            flush()
            if out and out[-1][0] is Op.EQUAL:
                out[-1] = (Op.EQUAL, out[-1][1] + text)
            else:
                out.append((Op.EQUAL, text))
    flush()
    return tuple(out)


# ---------------------------------------------------------------- word diff


def word_diff(old: str, new: str) -> tuple[Span, ...]:
    """Diff two texts word by word.

    Guarantees: the EQUAL and DELETE texts join to ``old`` and the EQUAL and INSERT
    texts join to ``new``, exactly; no span text is empty; adjacent spans differ in
    kind and a run of changes is one DELETE then one INSERT; no span starts or ends
    between two word characters; the result depends only on the two texts.

    The texts are diffed as given: to ignore editorial differences, check
    `is_editorial` first.

    :param old: the text of the old version.
    :param new: the text of the new version.
    :raises ValueError: if the two texts hold more than 137,468 distinct tokens.
    """
    if old == new:
        return ((Op.EQUAL, old),) if old else ()
    old_codes, new_codes, table = _encode_pair(_tokens(old), _tokens(new))
    diffs = _code_diff(old_codes, new_codes, semantic=True)
    return _merge_spans((Op(op), "".join(table[c] for c in codes)) for op, codes in diffs)


def old_text(spans: Iterable[Span]) -> str:
    """The old text of a word diff: its EQUAL and DELETE spans joined."""
    return "".join(text for op, text in spans if op != Op.INSERT)


def new_text(spans: Iterable[Span]) -> str:
    """The new text of a word diff: its EQUAL and INSERT spans joined."""
    return "".join(text for op, text in spans if op != Op.DELETE)



# ---------------------------------------------------------------- kinds of change


def is_editorial(old: str, new: str) -> bool:
    """True when the texts have the same `comparable` key.

    They then differ at most in spacing, letter-spacing, dash and quote style,
    Latin look-alike letters and Unicode form: nothing a reader would call a change.
    """
    return comparable(old) == comparable(new)


def is_reordering(old: str, new: str) -> bool:
    """True when the texts have the same words, each as often, in another order.

    The PDF extraction scrambles word order in some blocks (``білуі.стратегиясын``
    for ``стратегиясын білуі.``), so such a change is most likely an artefact.
    Words are taken from the `comparable` form, so letter-spacing does not matter;
    punctuation does not count.  Editorial pairs and pairs whose words come in the
    same order (a punctuation change) are not reorderings.
    """
    if is_editorial(old, new):
        return False
    pa, pb = word_profile(old), word_profile(new)
    return pa.words != pb.words and pa.counts == pb.counts


# A letter or two is most of a short word: үш/екі, бір/бар, мен/мне are different
# words, not typos.  Typo fixes are only recognised in words at least this long.
_MIN_TYPO_WORD = 4


def _osa_distance(a: str, b: str) -> int:
    """Edit distance where inserting, deleting or replacing a letter, or swapping
    two neighbouring letters, costs one (the optimal string alignment distance)."""
    before_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        before_previous, previous = previous, current
    return previous[-1]


def _is_typo_fix(old_word: str, new_word: str) -> bool:
    """True when one word plausibly corrects a slip in the other (see `is_small_edit`)."""
    if any(ch.isdigit() for ch in old_word + new_word):
        return False  # a changed number is a changed requirement
    if old_word.casefold() == new_word.casefold():
        return True  # capitalisation only
    if min(len(old_word), len(new_word)) < _MIN_TYPO_WORD:
        return False
    return _osa_distance(old_word, new_word) == 1


def _change_runs(
    diffs: Iterable[tuple[int, str]], table: Mapping[str, str]
) -> Iterator[tuple[list[str], list[str]]]:
    """The deleted and inserted tokens of each run of changes between equalities."""
    deleted: list[str] = []
    inserted: list[str] = []
    for op, codes in diffs:
        if op == Op.EQUAL:
            if deleted or inserted:
                yield deleted, inserted
            deleted, inserted = [], []
        else:
            (deleted if op == Op.DELETE else inserted).extend(table[c] for c in codes)
    if deleted or inserted:
        yield deleted, inserted


def _token_change_floor(old_tokens: Sequence[str], new_tokens: Sequence[str]) -> int | float:
    """A lower bound of `is_small_edit`'s cost, from token counts alone.

    Infinite when the texts have different numbers of words (a word was added or
    removed).  Otherwise every word of one text missing from the other (as
    multisets) is one replaced word, and the marks missing on the side that lacks
    more of them must each be replaced, added or removed at least once.
    """
    old_words = Counter(t for t in old_tokens if _IS_WORD.fullmatch(t))
    new_words = Counter(t for t in new_tokens if _IS_WORD.fullmatch(t))
    if old_words.total() != new_words.total():
        return float("inf")
    old_marks = Counter(t for t in old_tokens if not t.isspace() and not _IS_WORD.fullmatch(t))
    new_marks = Counter(t for t in new_tokens if not t.isspace() and not _IS_WORD.fullmatch(t))
    replaced_words = (old_words - new_words).total()
    changed_marks = max((old_marks - new_marks).total(), (new_marks - old_marks).total())
    return replaced_words + changed_marks


def is_small_edit(old: str, new: str, max_letters: int = 2) -> bool:
    """True when the texts differ by at most ``max_letters`` slips of the pen.

    Precisely: the comparable forms differ (editorial pairs are not small edits),
    their token diff (without semantic cleanup, so each change stays as small as
    possible) adds or removes no word, and its changes cost ``max_letters`` or less
    in total, where

    * a word replaced by a **typo fix** of itself costs 1.  A typo fix changes only
      capitalisation, or is one *Damerau edit* away (one letter inserted, deleted
      or replaced, or two neighbouring letters swapped) in words of 4 letters or
      more, with no digit in either.  ``немеес`` → ``немесе`` and ``Минитсрге`` →
      ``Министрге`` are swaps; ``Функионалдық`` → ``Функционалдық`` is an
      insertion;
    * each punctuation mark replaced, added or removed costs 1 (``емес;`` →
      ``емес.`` is what happens when an item stops being the last of its list);
    * whitespace costs nothing.

    Any other word change makes the edit substantive.  In particular:

    * ``үш`` → ``екі`` changes a number: three letters, in words too short for a
      typo; digits (``3`` → ``5``) never count as typos either;
    * ``жылдан`` → ``жылдың`` is *not* small: two letters of a case ending changed
      (ablative "than ... years" to genitive "of ... years").  Kazakh builds meaning
      with suffixes, so two changed letters in one word are a grammatical change --
      ``етіледі`` → ``етілмейді`` adds a negation with two letters -- while slips
      of the pen touch one letter or swap two.  That is why each word may take one
      Damerau edit, however large ``max_letters`` is.

    One letter can still change meaning (``жылдан`` → ``жылдар``): "small" means
    "looks like a typo fix", and reports should still show its redline.

    :param old: the text of the old version.
    :param new: the text of the new version.
    :param max_letters: how many single-character edits (typo fixes and punctuation
        marks) are allowed in total.
    """
    old_key, new_key = comparable(old), comparable(new)
    if old_key == new_key:
        return False
    old_tokens, new_tokens = _tokens(old_key), _tokens(new_key)
    if _token_change_floor(old_tokens, new_tokens) > max_letters:
        # Most changes are far from small: decide those without running a diff,
        # whose cost grows with the number of edits.
        return False
    old_codes, new_codes, table = _encode_pair(old_tokens, new_tokens)
    cost = 0
    for deleted, inserted in _change_runs(_code_diff(old_codes, new_codes, semantic=False), table):
        old_words = [t for t in deleted if _IS_WORD.fullmatch(t)]
        new_words = [t for t in inserted if _IS_WORD.fullmatch(t)]
        if len(old_words) != len(new_words):
            return False
        if not all(_is_typo_fix(o, n) for o, n in zip(old_words, new_words)):
            return False
        old_marks = sum(1 for t in deleted if not t.isspace() and not _IS_WORD.fullmatch(t))
        new_marks = sum(1 for t in inserted if not t.isspace() and not _IS_WORD.fullmatch(t))
        cost += len(old_words) + max(old_marks, new_marks)
        if cost > max_letters:
            return False
    return True


def change_kind(old: str, new: str) -> ChangeKind:
    """Classify a change, checking the harmless kinds first.

    ``"editorial"`` (`is_editorial`), then ``"reordering"`` (`is_reordering`), then
    ``"small"`` (`is_small_edit` with its default), else ``"substantive"``; the
    first that holds wins.  Only contrived pairs are both a reordering and small
    (``немесе немеес`` → ``немеес немесе``); they count as reorderings.

    :param old: the text of the old version.
    :param new: the text of the new version.
    """
    if is_editorial(old, new):
        return "editorial"
    if is_reordering(old, new):
        return "reordering"
    if is_small_edit(old, new):
        return "small"
    return "substantive"
