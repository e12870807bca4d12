"""Which encoding an edition file is in, and the refusal of text decoded in the wrong one.

Encoding detection is hand-written, not charset-normalizer (which is installed
but is not a dependency).  The candidates are few and known: a BOM, UTF-8, then
Windows-1251, KZ-1048 or PTCP154.  Those three code pages agree on ASCII and on
А-я and differ only in bytes 0x80-0xBF, where KZ-1048 and PTCP154 keep the
Kazakh letters at different places, so a scorer that knows the Kazakh and
Russian alphabets (`score_candidates`) separates them.  Measured on 100 random
windows of the seed edition per size and code page, the scorer picked the
right code page in every window from 100 to 3000 characters, and on the whole
file, in 20-40 ms; charset-normalizer 3.4.7 got 61-72 of 100 right for
PTCP154 (answering "no idea" for the rest, and for the whole seed file) and
69-86 of 100 for KZ-1048 below 3000 characters (calling the rest cp1251, which
loses every Kazakh letter).  Details are in ``docs/bad-input.md``.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from typing import NamedTuple

from amendtrack.errors import InputError
from amendtrack.i18n import message
from amendtrack.read.sniff import bom_codec

__all__ = [
    "SCORE_SAMPLE",
    "odd_examples",
    "refuse_lost_letters",
    "refuse_mojibake",
    "Fit",
    "detect_encoding",
    "fit_text",
    "score_candidates",
]


# ================================================================ decoding


_SINGLE_BYTE = ("cp1251", "kz1048", "ptcp154")
"""Candidates when the bytes are not UTF-8, most common first (the first wins a tie).

They agree on ASCII and on bytes 0xC0-0xFF (А-я); they differ only in
0x80-0xBF, where KZ-1048 and PTCP154 keep the Kazakh letters at different
places and Windows-1251 keeps Serbian, Ukrainian and Belarusian letters and
symbols.  So only those 64 bytes are scored.
"""

_RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_KAZAKH_ONLY = "ӘәҒғҚқҢңӨөҰұҮүҺһ"
_ALPHABET = frozenset(_RUSSIAN + _KAZAKH_ONLY + "Іі")
# Non-ASCII marks that ordinary editions use; they neither help nor hurt a candidate.
_COMMON = frozenset("«»№–—…„“”‘’•·°§\u00a0\u00ad")
# Symbols a Windows code page has and a real text may, rarely, contain.
_RARE = frozenset("‚†‡€‰‹›™¤¦±µ¶©®¬")

_GOOD, _NEUTRAL, _RARE_SYMBOL, _ODD = 1, 0, -1, -2
_LONE_PENALTY = 2
"""A Kazakh-only letter standing alone nets -1 instead of +1.

Kazakh has no one-letter words, and a symbol read in the wrong code page
(Windows-1251 "5 ± 1" read as PTCP154 "5 ұ 1") makes exactly such a lone letter; letter-spaced
headings ("Б Ұ Й Ы Р А М Ы Н") have lone letters too, so the penalty is kept
small enough that they do not decide against the right code page.
"""

SCORE_SAMPLE = 1 << 20
"""Bytes scored: plenty to decide, and keeps detection time flat for big files."""

_PLAUSIBLE_ODD_SHARE = 0.02
_PLAUSIBLE_ODD_COUNT = 10
"""A decoding with more than 2% odd characters, and at least 10 of them, is wrong.

The right code page gives next to none (0 on the seed, in each of the three);
the wrong ones give 4-9% on the seed (KZ-1048 read as PTCP154: 4.4%, as
Windows-1251: 9.4%), and cp866 read as any candidate over 20%.  The count keeps
a short text with two "€" from being refused.
"""


class Fit(NamedTuple):
    """How well a decoding fits Kazakh or Russian text."""

    score: int
    """+1 per letter of the alphabets, 0 per common mark, -1 per rare symbol, -2 per odd character.

    `score_candidates` also takes 2 per lone Kazakh-only letter and adds the vowel-harmony vote.
    """
    odd: int
    """Characters that scored below 0."""
    counted: int
    """Non-ASCII characters other than common marks."""

    @property
    def odd_share(self) -> float:
        return self.odd / self.counted if self.counted else 0.0

    @property
    def plausible(self) -> bool:
        return self.odd < _PLAUSIBLE_ODD_COUNT or self.odd_share <= _PLAUSIBLE_ODD_SHARE


_NOT_DIFFERING = bytes(range(0x80)) + bytes(range(0xC0, 0x100))
_NOT_SHARED_LETTERS = bytes(range(0xC0))
# A byte of 0x80-0xBF with no letter byte on either side.  Bytes 0x80-0xFF count as
# letters here whatever the code page: close enough, and one pass serves all three.
_LONE_BYTE = re.compile(rb"(?<![A-Za-z\x80-\xff])[\x80-\xbf](?![A-Za-z\x80-\xff])")


def _char_class(char: str) -> int:
    """The weight of one non-ASCII character: +1 letter of the alphabets, 0 mark, -1, -2."""
    if char in _ALPHABET:
        return _GOOD
    if char in _COMMON:
        return _NEUTRAL
    if char in _RARE:
        return _RARE_SYMBOL
    return _ODD


def _byte_table(codec: str) -> dict[int, tuple[int, bool]]:
    """Byte 0x80-0xBF → (weight, is a Kazakh-only letter); undefined bytes are left out."""
    table = {}
    for byte in range(0x80, 0xC0):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
        table[byte] = (_char_class(char), char in _KAZAKH_ONLY)
    return table


_TABLES = {codec: _byte_table(codec) for codec in _SINGLE_BYTE}


def score_candidates(raw: bytes) -> dict[str, Fit]:
    """How each single-byte candidate that can decode `raw` fits (see `Fit`).

    Score: +1 for each letter of the Kazakh or Russian alphabet, 0 for a common
    mark such as « or №, -1 for a symbol texts rarely use (‰ ±), -2 for anything
    else (Serbian or Ukrainian letters such as ј ў є), and -2 more for a lone
    Kazakh-only letter.  KZ-1048 and PTCP154 also get the
    vowel-harmony vote of `_schwa_or_ghayn`.  Only the first MiB is scored, but
    a candidate that cannot decode a byte anywhere in `raw` is left out.
    """
    sample = raw[:SCORE_SAMPLE]
    counts = Counter(sample.translate(None, _NOT_DIFFERING))
    lone = Counter(match[0] for match in _LONE_BYTE.findall(sample))
    shared = len(sample.translate(None, _NOT_SHARED_LETTERS))  # А-я: +1 in every candidate
    result = {}
    for codec in _SINGLE_BYTE:
        table = _TABLES[codec]
        undefined = [bytes([b]) for b in range(0x80, 0xC0) if b not in table]
        if any(b in raw for b in undefined):
            continue
        score, odd, counted = shared, 0, shared
        for byte, n in counts.items():
            weight, _ = table[byte]
            score += weight * n
            if weight != _NEUTRAL:
                counted += n
            if weight < 0:
                odd += n
        for byte, n in lone.items():
            if table[byte][1]:
                score -= _LONE_PENALTY * n
        result[codec] = Fit(score, odd, counted)
    harmony = _schwa_or_ghayn(sample)
    for codec, sign in (("kz1048", 1), ("ptcp154", -1)):
        if codec in result:
            result[codec] = result[codec]._replace(score=result[codec].score + sign * harmony)
    return result


# Anchored at a word start by the lookbehind, so the scan stays linear.
_AMBIGUOUS_WORD = re.compile(rb"(?<![A-Za-z\x80-\xff])[A-Za-z\x80-\xff]*[\xaa\xba][A-Za-z\x80-\xff]*")
_BACK_VOWELS = b"\xe0\xee\xfb\xc0\xce\xdb"  # а о ы А О Ы, the same byte in all three
_FRONT_VOWELS = b"\xe5\xb3\xc5\xb2"  # е і Е І, the same byte in KZ-1048 and PTCP154


def _schwa_or_ghayn(sample: bytes) -> int:
    """Vowel-harmony evidence for bytes 0xAA/0xBA: > 0 says ғ (KZ-1048), < 0 says ә (PTCP154).

    These two bytes are the only place where KZ-1048 and PTCP154 both read a
    Kazakh letter, Ғ/ғ and Ә/ә respectively, so letter counts cannot tell them
    apart.  Vowel harmony can: ғ sits in back-vowel words (ағым, бағдарлама)
    and ә in front-vowel ones (және, мәселе); in the seed edition 96% of the
    words with ғ have only back vowels and 99% of those with ә only front ones.
    Each such byte votes by the majority of а о ы against е і in its word.
    """
    votes = 0
    for word in _AMBIGUOUS_WORD.findall(sample):
        back = sum(word.count(v) for v in _BACK_VOWELS)
        front = sum(word.count(v) for v in _FRONT_VOWELS)
        if back != front:
            hits = word.count(0xAA) + word.count(0xBA)
            votes += hits if back > front else -hits
    return votes


def fit_text(text: str) -> Fit:
    """How well a text decoded with any codec fits Kazakh or Russian (see `Fit`).

    Used on a text decoded with a *given* encoding, to catch a wrong one; only
    the first 1 Mi characters are looked at.
    """
    score = odd = counted = 0
    for char, n in Counter(text[:SCORE_SAMPLE]).items():
        if char < "\x80":
            continue
        weight = _char_class(char)
        score += weight * n
        if weight != _NEUTRAL:
            counted += n
        if weight < 0:
            odd += n
    return Fit(score, odd, counted)


def detect_encoding(raw: bytes) -> str | None:
    """The codec to read `raw` with, or None when no candidate gives plausible text.

    BOM first; then strict UTF-8; then the best-scoring of cp1251, kz1048 and
    ptcp154 (`score_candidates`), if its odd share is low enough.  Damaged UTF-8
    is not told apart here: `decode_edition` checks for it first, because only
    it reports errors.
    """
    bom = bom_codec(raw)
    if bom is not None:
        return bom
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    scores = score_candidates(raw)
    if not scores:
        return None
    # Equal scores go to the one with fewer odd characters, then to the first in
    # _SINGLE_BYTE (max() keeps the first maximum), which is in order of preference.
    codec = max(scores, key=lambda c: (scores[c].score, -scores[c].odd_share))
    return codec if scores[codec].plausible else None


def odd_examples(text: str, limit: int = 3) -> str:
    odd = Counter(ch for ch in text[:SCORE_SAMPLE] if ch >= "\x80" and _char_class(ch) < 0)
    return " ".join(repr(ch) for ch, _ in odd.most_common(limit))


_MOJIBAKE_LINES = 200


def refuse_mojibake(text: str, path: str) -> None:
    """Refuse UTF-8 text that was once read as Windows-1251 and saved again ("РљР°Р·Р°").

    Each Cyrillic letter has become two characters; writing such a line back
    as Windows-1251 gives valid UTF-8 again.  Real Kazakh lines cannot be
    written as Windows-1251 and real Russian ones do not give valid UTF-8, so
    if most of the first lines with non-ASCII characters undo this way, the
    file is mojibake.  Only the first 200 such lines are tried.
    """
    tried = undone = 0
    example = ""
    for line in text.split("\n", 20 * _MOJIBAKE_LINES):
        if line.isascii():
            continue
        if tried == _MOJIBAKE_LINES:
            break
        tried += 1
        try:
            line.encode("cp1251").decode("utf-8")
        except UnicodeError:
            continue
        undone += 1
        if not example:
            word = next(w for w in line.split() if not w.isascii())
            with contextlib.suppress(UnicodeError):  # a word may mix in a lost byte
                example = f"{word!r} for {word.encode('cp1251').decode('utf-8')!r}"
    if tried and undone >= 3 and undone > tried / 2:
        raise InputError(
            path,
            message("is garbled: it is UTF-8 text that was read as Windows-1251 and saved again "
                    "(it has %(example)s); get the edition again as UTF-8", example=example) if example else
            message("is garbled: it is UTF-8 text that was read as Windows-1251 and saved again; "
                    "get the edition again as UTF-8"),
        )


_LOST_LETTER = re.compile(r"\?[\u0400-\u04ff]")
_KAZAKH_I = re.compile(r"[Іі]")
_KAZAKH_ONLY_RE = re.compile(f"[{_KAZAKH_ONLY}]")


def refuse_lost_letters(text: str, path: str) -> None:
    """Refuse a Kazakh text that lost its Kazakh letters when it was saved.

    Windows-1251 has і but not ә ғ қ ң ө ұ ү һ, so a Kazakh text saved in it
    has those letters replaced by "?" ("?аза?стан"), dropped or folded to
    Russian look-alikes, depending on the program.  Parsed anyway, every word
    with such a letter would differ from other editions and look amended.

    Two signs, neither of which real text shows: "?" directly before a
    Cyrillic letter (three times, so a typo does not count), and many Cyrillic
    і with no Kazakh-only letter at all (Russian has no і; Kazakh prose has
    a Kazakh-only letter in most sentences).
    """
    question = _LOST_LETTER.search(text)
    count = len(_LOST_LETTER.findall(text)) if question is not None else 0
    if question is not None and count >= 3:
        line_start = text.rfind("\n", 0, question.start()) + 1
        line_end = text.find("\n", question.start())
        line_text = text[line_start : line_end if line_end != -1 else None]
        word = next(w for w in line_text.split(" ") if _LOST_LETTER.search(w))
        raise InputError(
            path,
            message("has '?' in place of letters in %(count)s places (first: %(word)s); it was saved in an "
                    "encoding without the Kazakh letters, such as Windows-1251, which lost them: get the "
                    "edition again as UTF-8", count=count, word=repr(word)),
            line=text.count("\n", 0, question.start()) + 1,
        )
    sample = text[:SCORE_SAMPLE]
    i_count = len(_KAZAKH_I.findall(sample))
    if i_count >= 20 and _KAZAKH_ONLY_RE.search(sample) is None:
        raise InputError(
            path,
            message("looks like Kazakh text without its letters ә ғ қ ң ө ұ ү һ (it has %(count)s і and "
                    "none of them); it was saved in an encoding without them, such as Windows-1251: get "
                    "the edition again as UTF-8", count=i_count),
        )
