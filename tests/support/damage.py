"""The layout damage the PDF extraction does, as pure functions on lines.

Each function takes the lines of a text (raw, as printed, 0-based indices) and
returns new lines with one kind of damage done at one place.  None of them
changes a word: a parser that reads the damaged text must build the same model
as from the undamaged one (only line numbers and the printed layout differ).
They are shared by the amendment generator (`tests.support.generate`, its layout
noise) and the exhaustive sweep of the parser (`bench/sweep.py`).

The kinds, after the catalogue of the seed's artefacts:

* `page_break`: a run of exactly three blank lines between two lines (a page
  break is no paragraph boundary: text, lists and words flow across it);
* `displace_label`: a row label printed at the top of the next page, after the
  first lines of its field's text (on its own line, split over two lines, or
  glued to the text that follows it);
* `split_label` / `join_label` / `glue_label`: a two-word label printed over
  two lines, on one, or with its text on the same line;
* `letter_space`: a line, or the tail of one, printed "к е м  е м е с ;";
* `reflow`: a paragraph wrapped at another width;
* `glue_heading`: a unit heading printed on the first line of the title after it;
* `stray_number`: "1." printed in front of a title;
* `spaces`: leading, trailing and doubled spaces;
* `latin_lookalikes`: Cyrillic letters printed as the Latin letters they look like;
* `en_dash`: hyphens printed as en dashes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amendtrack.normalize import clean_line, join_lines

Lines = list[str]

PAGE_BREAK = ("", "", "")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CODE = re.compile(r"^[А-Я](?:-[А-Я])?-\d{1,2}$")
"""A category code ("С-О-4"): printed in Latin letters as a whole."""


def _blank(line: str) -> bool:
    return not line.strip()


def page_break(lines: Sequence[str], at: int) -> Lines:
    """A page break between lines[at - 1] and lines[at].

    Blank lines already there become part of the break, so that the run is
    exactly three blank lines, as the extraction prints it.
    """
    a, b = at, at
    while a > 0 and _blank(lines[a - 1]):
        a -= 1
    while b < len(lines) and _blank(lines[b]):
        b += 1
    return [*lines[:a], *PAGE_BREAK, *lines[b:]]


def letter_space_text(text: str) -> str:
    """ "кем емес;" → "к е м  е м е с ;": letters one space apart, words two."""
    return "  ".join(" ".join(word) for word in text.split())


def letter_space(lines: Sequence[str], at: int, *, tail_words: int | None = None) -> Lines:
    """Line `at` letter-spaced; with `tail_words`, only its last that many words."""
    words = clean_line(lines[at]).split()
    if tail_words is None or tail_words >= len(words):
        spaced = letter_space_text(" ".join(words))
    else:
        keep = words[: len(words) - tail_words]
        spaced = " ".join(keep) + "  " + letter_space_text(" ".join(words[len(keep):]))
    return [*lines[:at], spaced, *lines[at + 1 :]]


def wrap(text: str, width: int) -> Lines:
    """`text` (one paragraph, spacing tidied) broken at spaces into lines of about `width`.

    A line never starts with a mark that is printed without a space before it
    (", ; : . ) » ! ?") nor follows one printed without a space after it ("( «"):
    there is no space there to break at.
    """
    words = text.split(" ")
    out: Lines = []
    current = words[0] if words else ""
    for word in words[1:]:
        if len(current) + 1 + len(word) > width and word and current:
            out.append(current)
            current = word
        else:
            current += " " + word
    if current:
        out.append(current)
    return out


def reflow(lines: Sequence[str], first: int, last: int, width: int) -> Lines:
    """Lines first..last (one paragraph, no blank line inside) wrapped at `width`."""
    text = join_lines(list(lines[first : last + 1]))
    return [*lines[:first], *wrap(text, width), *lines[last + 1 :]]


def split_label(lines: Sequence[str], at: int, words: int = 1) -> Lines:
    """Line `at` broken after its first `words` words (a label split over two lines)."""
    parts = clean_line(lines[at]).split(" ")
    if len(parts) <= words:
        return list(lines)
    return [*lines[:at], " ".join(parts[:words]), " ".join(parts[words:]), *lines[at + 1 :]]


def join_lines_at(lines: Sequence[str], at: int) -> Lines:
    """Lines `at` and `at + 1` printed as one line (a split label joined, a label glued to its text)."""
    joined = f"{clean_line(lines[at])} {clean_line(lines[at + 1])}"
    return [*lines[:at], joined, *lines[at + 2 :]]


def displace_label(text: Sequence[str], label_words: str, k: int, style: str = "own") -> Lines:
    """A field printed with its label after a page break that follows its k-th text line.

    :param text: the field's text lines as printed, without its label (blank runs
        inside are kept, except where the break falls).
    :param label_words: the label ("Функционалдық міндеттері").
    :param k: how many non-blank text lines stay before the label (1 ≤ k < their count).
    :param style: "own" (the label on its own line, a blank line after it, as the
        seed prints it), "split" (a two-word label over two lines, then a blank
        line) or "glued" (the label and the next text line on one line).
    :returns: the field's lines, from its first text line to its last.
    """
    filled = [i for i, line in enumerate(text) if not _blank(line)]
    before = list(text[: filled[k - 1] + 1])
    after = list(text[filled[k] :])
    if style == "glued":
        label_lines: Lines = []
        after[0] = f"{label_words} {clean_line(after[0])}"
    elif style == "split" and " " in label_words:
        label_lines = [*label_words.split(" ", 1), ""]
    else:
        label_lines = [label_words, ""]
    return [*before, *PAGE_BREAK, *label_lines, *after]


def glue_heading(lines: Sequence[str], heading: Sequence[int], title_first: int) -> Lines:
    """A heading paragraph (lines `heading`) printed on the first line of the title at `title_first`."""
    text = " ".join(clean_line(lines[i]) for i in heading)
    glued = f"{text} {clean_line(lines[title_first])}"
    return [*lines[: heading[0]], glued, *lines[title_first + 1 :]]


def stray_number(lines: Sequence[str], at: int, number: int = 1) -> Lines:
    """ "N." printed in front of line `at` (the first line of a title)."""
    return [*lines[:at], f"{number}. {lines[at].lstrip()}", *lines[at + 1 :]]


def spaces(lines: Sequence[str], at: int, kind: str) -> Lines:
    """Line `at` with "leading", "trailing" or "doubled" spaces (every space doubled)."""
    line = lines[at]
    if kind == "leading":
        line = "   " + line
    elif kind == "trailing":
        line = line + "  "
    else:
        line = clean_line(line).replace(" ", "  ") if " " in clean_line(line) else line
    return [*lines[:at], line, *lines[at + 1 :]]


# Cyrillic letters and the Latin letters printed in their place.
_LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P",
    "Т": "T", "Х": "X", "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y",
    "і": "i", "І": "I",
})


def _latin_word(word: str, title: bool) -> str:
    if title and _CODE.match(word):
        return word.translate(_LOOKALIKES)
    return re.sub(r"\w+", lambda m: _latin_run(m.group(0)), word)


def _latin_run(word: str) -> str:
    latin = word.translate(_LOOKALIKES)
    # A word left with no Cyrillic letter at all would read as a Latin word (no
    # reader can tell "apa" from "ара"); the extraction mixes scripts inside a
    # word, and prints codes ("C-O-4") in Latin.
    if _CYRILLIC.search(latin):
        return latin
    return word


def latin_lookalikes(lines: Sequence[str], at: int) -> Lines:
    """Line `at` with Cyrillic letters printed as their Latin twins, in every word that
    keeps a Cyrillic letter, and in codes."""
    title = lines[at].rstrip().endswith("санаты")  # a code is in Latin on a title line, not "Т-2 карточкалары"
    line = re.sub(r"[\w-]+", lambda m: _latin_word(m.group(0), title), lines[at])
    return [*lines[:at], line, *lines[at + 1 :]]


def en_dash(lines: Sequence[str], at: int) -> Lines:
    """Line `at` with its hyphens printed as en dashes."""
    return [*lines[:at], lines[at].replace("-", "–"), *lines[at + 1 :]]
