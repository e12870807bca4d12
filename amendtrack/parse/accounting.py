"""Lossless accounting: every word of the input is somewhere in the model.

The parser promises that each non-blank line is owned by one element of the
model (header, preamble, annex, heading, title, label or field text) or kept as
an "unplaced" block.  This module checks the promise by counting words: the
words of the input (after letter-spacing is undone) must equal, as a multiset,
the words of everything the model holds.  Order does not matter here; placement
is checked by the field tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from amendtrack.model import Edition
from amendtrack.normalize import clean_line, normalize_source, words


def model_texts(e: Edition) -> Iterator[str]:
    """Every printed text the model keeps, labels and headings included."""
    yield from e.act.notes
    for point in e.preamble:
        yield point.number or ""
        yield point.text
    for block in e.other_text:
        yield block.text
    for annex in e.annexes:
        yield annex.reference
        yield annex.marker
        yield annex.title
    for unit in e.units:
        yield unit.number or ""
        yield unit.name
    for sub in e.subunits:
        yield sub.name
    for p in e.positions:
        yield p.printed_title
        for label in p.labels:
            yield label.text
        r = p.requirements
        yield r.education
        yield r.competence
        yield r.experience.intro or ""
        # The "1)" markers are printed but not kept in the items.
        yield " ".join(str(i) for i in range(1, len(r.experience.items) + 1)) if r.experience.numbered else ""
        yield from r.experience.items
        yield r.experience.trailer or ""
        yield r.duties


def word_balance(source_text: str, e: Edition) -> tuple[Counter[str], Counter[str]]:
    """(words in the input but not the model, words in the model but not the input)."""
    text = normalize_source(source_text)
    source_words = Counter(w for line in text.split("\n") for w in words(clean_line(line)))
    kept = Counter(w for t in model_texts(e) for w in words(t))
    return _residue_reconciled(source_words - kept, kept - source_words)


def _residue_reconciled(missing: Counter[str], extra: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """`missing` and `extra` without the letter-spacing residue the parser joined: "бір"
    in the model where the input prints "б ір".

    The parser joins residue in the requirement fields, line by line, where the
    document vouches for the word (`residue.rejoin_split_words`), and keeps every
    other text as printed.  Both are the same words.  (Whether a join was right is the
    parser tests' business: tests/test_fuzz_parse.py.)
    """
    missing, extra = Counter(missing), Counter(extra)
    for word in list(extra):
        letter, rest = word[:1], word[1:]
        if len(word) < 3 or not letter.isalpha():
            continue
        while extra[word] > 0 and missing[letter] > 0 and missing[rest] > 0:
            extra[word] -= 1
            missing[letter] -= 1
            missing[rest] -= 1
    return +missing, +extra
