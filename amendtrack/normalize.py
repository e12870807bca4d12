"""Text normalisation in small, named, idempotent steps.

Two different jobs live here, and they must not be confused:

* **Reading** (`normalize_source`, `clean_line`, `join_lines`): repair what the PDF
  extraction did to the layout, so that the parser sees lines it can read.  The
  result is still the text *as printed*: same words, same order, same typos.
* **Comparing** (`comparable`): a key for deciding whether two texts say the same
  thing.  It folds dashes, quotes, look-alike Latin letters and Unicode forms.  It
  is never shown to users.

Invariants after `normalize_source`: no "\\r", no BOM, no control characters other
than "\\n", no NBSP or tab, no trailing spaces, NFC, exactly one final newline, and
the same number of lines as the input (line numbers stay valid).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# ---------------------------------------------------------------- reading the source

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_LIKE = re.compile(r"[\t\u00a0\u2007\u202f\u2000-\u200a\u3000]")


def unify_newlines(text: str) -> str:
    """CRLF and lone CR become LF (a CR-only file keeps its line count)."""
    if "\r" not in text:
        return text  # one scan, where the two replacements would make two
    return text.replace("\r\n", "\n").replace("\r", "\n")


def scrub_controls(text: str) -> str:
    """Drop the BOM, zero-width characters and control characters except newline."""
    return _CONTROL.sub("", text)


def unify_spaces(text: str) -> str:
    """Tabs, NBSP and the other fixed-width spaces become a plain space."""
    return _SPACE_LIKE.sub(" ", text)


def strip_trailing_space(text: str) -> str:
    """Remove spaces at the end of every line."""
    if " \n" not in text and not text.endswith(" "):
        return text  # no line ends with a space
    return "\n".join([line.rstrip(" ") for line in text.split("\n")])


def ensure_final_newline(text: str) -> str:
    """Exactly one newline at the end (none added to an empty text)."""
    text = text.rstrip("\n")
    return text + "\n" if text else ""


class NormalizedText(str):
    """A text as `normalize_source` returned it.

    `normalize_source` is idempotent, so a text of this type is never normalised
    again: the reader normalises a file once (`read.text`), and the parser,
    handed the reader's text, skips its own pass.  Any operation on the text
    returns a plain `str`, so the mark cannot outlive the text it vouches for.
    """

    __slots__ = ()


def normalize_source(text: str) -> NormalizedText:
    """Apply every reading step; idempotent, and keeps the line count."""
    if isinstance(text, NormalizedText):
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = unify_newlines(text)
    # A printable text holds no control, zero-width or space-like character
    # (all are unprintable): both scans are then skipped.
    if not text.replace("\n", "").isprintable():
        text = scrub_controls(text)
        text = unify_spaces(text)
    text = strip_trailing_space(text)
    return NormalizedText(ensure_final_newline(text))


# ---------------------------------------------------------------- letter-spacing

_PUNCT = set(".,;:!?()«»\"'-–—/№")


def _is_spaced_letter(token: str) -> bool:
    # A letter-spaced word prints one character per token; punctuation may stick
    # to a letter ("с ;" or "1 )" both happen), so two characters with one of
    # them punctuation still count.
    if len(token) == 1:
        return True
    return len(token) == 2 and any(ch in _PUNCT for ch in token)


def collapse_letter_spacing(line: str) -> str:
    """Undo letter-spacing: ``"к е м  е м е с ;"`` → ``"кем емес;"``.

    Letter-spaced text separates letters by one space and words by two or more, so
    the line is split on runs of 2+ spaces and each chunk whose tokens are all
    single characters is joined.  A chunk of one token is left alone.  Runs of
    spaces between chunks become one space.  Leading and trailing space is removed.
    """
    chunks = re.split(r" {2,}", line.strip(" "))
    out = []
    for chunk in chunks:
        tokens = chunk.split(" ")
        if len(tokens) >= 2 and all(_is_spaced_letter(t) for t in tokens):
            chunk = "".join(tokens)
        elif len(tokens) > 3:
            chunk = _join_spaced_runs(tokens)
        out.append(chunk)
    return " ".join(out)


def _join_spaced_runs(tokens: list[str]) -> str:
    """Join runs of 3+ one-letter tokens inside a chunk ("жылдан к е м" → "жылдан кем").

    Three one-letter words in a row do not occur in Kazakh or Russian prose, so
    such a run is a letter-spaced word whose word gap was lost.
    """
    out: list[str] = []
    run: list[str] = []
    for token in tokens + [""]:
        if token and _is_spaced_letter(token):
            run.append(token)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out += run
        run = []
        if token:
            out.append(token)
    return " ".join(out)


def is_word_char(ch: str) -> bool:
    r"""Does the regex ``\w`` match `ch`?  (Python's definition: alphanumeric or the underscore.)"""
    return ch.isalnum() or ch == "_"


# ---------------------------------------------------------------- lines into text

_NO_SPACE_BEFORE = tuple(",;:.)»!?")
_NO_SPACE_AFTER = ("(", "«")


_SHORT_TOKEN_RUN = re.compile(r"(?:^|\s)\S\S?(?:\s\S\S?)+(?=\s|$)")
# The same run in a text whose only whitespace is single spaces, padded with a space
# at each end: it starts with a literal space, so the search skips from space to
# space instead of trying every offset (about four times quicker than a loop over
# the tokens, and than the general pattern).
_SHORT_TOKEN_RUN_SPACED = re.compile(r" [^ ][^ ]? [^ ][^ ]? ")


def _fold_whitespace(text: str) -> str:
    r"""Every run of whitespace one space, none at either end: ``re.sub(r"\s+", " ", text).strip()``.

    str.split() and the regex's ``\s`` know the same whitespace (Py_UNICODE_ISSPACE),
    and the split is several times quicker on long texts.
    """
    return " ".join(text.split())


def _has_short_token_run(stripped: str, printable: bool) -> bool:
    """``_SHORT_TOKEN_RUN.search(stripped)`` (for a stripped text): two tokens of one or
    two characters side by side, quicker on a line of single spaces.

    :param printable: ``stripped.isprintable()``, which the callers know already.
    """
    if "  " in stripped or not printable:
        return _SHORT_TOKEN_RUN.search(stripped) is not None
    return _SHORT_TOKEN_RUN_SPACED.search(f" {stripped} ") is not None


def _clean(line: str) -> str:
    stripped = line.strip()
    if "  " not in stripped:
        printable = stripped.isprintable()
        if not _has_short_token_run(stripped, printable):
            # No letter-spacing to undo.  A printable text holds no whitespace but the
            # space, and here never two: nothing to fold either.
            return stripped if printable else _fold_whitespace(stripped)
    return _fold_whitespace(collapse_letter_spacing(line))


@functools.lru_cache(maxsize=1 << 14)
def clean_line(line: str) -> str:
    """One source line as text: letter-spacing undone, whitespace runs folded.

    Cached: the parser looks at the same lines several times, and a corpus
    repeats most of its lines from edition to edition.
    """
    return _clean(line)


def join_lines(lines: list[str] | tuple[str, ...]) -> str:
    """Join wrapped lines with one space, as the printed paragraph reads.

    No space is put before a line that starts with ``, ; : . ) »`` nor after a
    line that ends with ``( «``, and no space is left before those marks inside a
    line either (the extraction often leaves ``"кем емес ;"``).
    """
    return _join_lines(tuple(lines))


@functools.lru_cache(maxsize=1 << 12)
def _join_lines(lines: tuple[str, ...]) -> str:
    # Cached: every position of an edition prints the same competence paragraph.
    text = ""
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if not text or text.endswith(_NO_SPACE_AFTER) or line.startswith(_NO_SPACE_BEFORE):
            text += line
        else:
            text += " " + line
    # Cleaned lines hold single spaces and none at their ends, so the joined text
    # has no whitespace to fold: only the spaces beside the marks are left to tidy.
    return _tidy_marks(text)


def tidy_spacing(text: str) -> str:
    """Fold whitespace; no space before ``, ; : . ) »`` nor after ``( «``.

    A space before a mark is removed only when the mark is followed by a space or
    ends the text (a mark glued to the next word, as in scrambled blocks, keeps
    its space).  Dashes are not marks: ``«Қазақстан – 2050»`` keeps its spaces.
    """
    return _tidy_marks(_fold_whitespace(text))


def _tidy_marks(text: str) -> str:
    """`tidy_spacing` of a text whose whitespace is folded already."""
    if " " not in text:
        return text  # both patterns below need a space
    # Each substitution only where it can match (most paragraphs need neither):
    # the first needs a space before a mark, the second a space after an opener.
    if (" ," in text or " ;" in text or " :" in text or " ." in text or " )" in text or " »" in text
            or " !" in text or " ?" in text):
        text = _SPACE_BEFORE_CLOSER.sub(_first_group, text)
    if "( " in text or "« " in text:
        text = _SPACE_AFTER_OPENER_MARK.sub(_first_group, text)
    return text


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)



_SPACE_BEFORE_CLOSER = re.compile(r" ([,;:.)»!?])(?= |$)")
_SPACE_AFTER_OPENER_MARK = re.compile(r"([(«]) ")


# ---------------------------------------------------------------- comparing

# Latin letters that are printed in place of the Cyrillic letter they look like.
_LATIN_TO_CYRILLIC = str.maketrans(
    {
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М",
        "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
        "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у",
        "i": "і", "I": "І",
    }
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+", re.UNICODE)
# Dash and quote variants, folded by str.replace: much faster than translate()
# with a dict on long texts, and most texts hold none of them.
_FOLDS = (("–", "-"), ("—", "-"), ("‒", "-"), ("−", "-"), ("‑", "-"),
          ("«", '"'), ("»", '"'), ("“", '"'), ("”", '"'), ("„", '"'), ("’", "'"), ("‘", "'"))
_OTHER_WHITESPACE = re.compile(r"[^\S\n]")
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[,;:.)!?])")
_SPACE_AFTER_OPENER = re.compile(r'(?<=[("])\s+')
# The same two in a text of single spaces: found (a literal space first, or one
# of two marks, so the search is quick), then taken out by plain replacements.
_ONE_SPACE_BEFORE_MARK = re.compile(r" [,;:.)!?]")
_ONE_SPACE_AFTER_OPENER = re.compile(r'[("] ')
_SPACED_MARKS = tuple((" " + mark, mark) for mark in ",;:.)!?") + tuple((mark + " ", mark) for mark in '("')


_LATIN = re.compile(r"[A-Za-z]")
_WORD_REST = re.compile(r"\w+")


def fold_lookalikes(word: str) -> str:
    """Map Latin look-alike letters to Cyrillic inside a word that has Cyrillic letters."""
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def fold_lookalikes_in(text: str) -> str:
    """`fold_lookalikes` on every word of a text (only words with Latin letters are looked at).

    A word is a maximal run of word characters (``\\w``); the words holding a Latin letter are found
    from those letters outwards, not with a pattern for such a word (which tries
    every offset of a long text): most texts hold a handful ("Word", "Excel") or
    none.  tests/test_parse_speed.py holds it against the pattern.
    """
    latin = _LATIN.search(text)
    if latin is None:
        return text
    parts = []
    done = 0
    while latin is not None:
        start = latin.start()
        while start > done and is_word_char(text[start - 1]):
            start -= 1  # back to the word's start
        rest = _WORD_REST.match(text, latin.end())
        end = rest.end() if rest else latin.end()
        parts.append(text[done:start])
        parts.append(fold_lookalikes(text[start:end]))
        done = end
        latin = _LATIN.search(text, end)
    parts.append(text[done:])
    return "".join(parts)


@functools.lru_cache(maxsize=1 << 13)
def comparable(text: str) -> str:
    """A comparison key: two texts with the same key differ only editorially.

    Folds Unicode form, letter-spacing, whitespace, dashes, quotes, look-alike
    Latin letters and spacing around punctuation.  Never shown to users.
    Cached: the genre repeats its texts (one competence paragraph for every
    position, a few experience templates), and editions repeat each other.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = unify_newlines(text)
    one_line = "\n" not in text
    # Every whitespace character but the space is unprintable: a text whose
    # lines are printable holds none for the substitution to replace.
    printable = text.isprintable() if one_line else text.replace("\n", "").isprintable()
    if not printable:
        text = _OTHER_WHITESPACE.sub(" ", text)
    # A text of one line that reads as printed (a field as the parser joined it)
    # is settled: nothing below can make it need cleaning again (the folds keep
    # every token's length and its being printable, and taking out a space
    # beside a mark makes tokens longer), so the last `_clean` is skipped.
    stripped = text.strip()
    settled = one_line and printable and "  " not in stripped and not _has_short_token_run(stripped, True)
    text = stripped if settled else " ".join(_clean(line) for line in text.split("\n"))
    for variant, plain in _FOLDS:
        if variant in text:
            text = text.replace(variant, plain)
    text = fold_lookalikes_in(text)
    # Spaces beside marks go.  In a text of single spaces (the common case: its
    # only whitespace is the space, never two) each run is one space, and the
    # patterns that start with it search quickly.
    if settled or (text.isprintable() and "  " not in text):
        # Each such space stands alone, and taking one out brings no other space
        # beside a mark: plain replacements do what the patterns do, quicker.
        if _ONE_SPACE_BEFORE_MARK.search(text) or _ONE_SPACE_AFTER_OPENER.search(text):
            for spaced, mark in _SPACED_MARKS:
                if spaced in text:
                    text = text.replace(spaced, mark)
    else:
        text = _SPACE_BEFORE_MARK.sub("", text)
        text = _SPACE_AFTER_OPENER.sub("", text)
    # Once more on the joined text, so that the key is a fixed point: joining
    # lines can bring one-letter tokens together ("0\n0" → "0 0").
    return text if settled else _clean(text)


def words(text: str) -> list[str]:
    """The words of a text (letters and digits), after look-alike folding."""
    return _WORD.findall(fold_lookalikes_in(unicodedata.normalize("NFC", text)))
