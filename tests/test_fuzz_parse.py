"""Fuzzing the parser: on any text it returns an edition or raises ParseError, and loses no word.

CI runs a bounded number of examples; set AMENDTRACK_FUZZ_EXAMPLES (e.g. 3000)
for a longer run (see docs/bad-input.md).
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amendtrack.errors import ParseError
from amendtrack.parse.accounting import word_balance
from amendtrack.parse.edition import parse_edition
from tests.conftest import SEED

EXAMPLES = int(os.environ.get("AMENDTRACK_FUZZ_EXAMPLES", "40"))
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_refuse(text: str) -> None:
    try:
        edition = parse_edition(text, "fuzz.txt")
    except ParseError as exc:
        assert exc.path == "fuzz.txt"
        return
    missing, extra = word_balance(text, edition)
    assert missing == Counter() and extra == Counter()
    for p in edition.positions:
        assert p.id and p.title is not None


@st.composite
def mutated_seed(draw) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "shuffle", "truncate", "flip", "blank"]))
        i = draw(st.integers(0, len(lines) - 1))
        n = draw(st.integers(1, 40))
        if kind == "delete":
            del lines[i : i + n]
        elif kind == "duplicate":
            lines[i:i] = lines[i : i + n]
        elif kind == "shuffle":
            window = lines[i : i + n]
            lines[i : i + n] = draw(st.permutations(window))
        elif kind == "truncate":
            lines = lines[: max(i, 1)]
        elif kind == "flip":
            raw = bytearray("\n".join(lines[i : i + n]).encode("utf-8"))
            if raw:
                at = draw(st.integers(0, len(raw) - 1))
                raw[at] ^= draw(st.integers(1, 255))
            lines[i : i + n] = raw.decode("utf-8", errors="replace").split("\n")
        else:
            lines[i:i] = [""] * draw(st.integers(1, 4))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@FUZZ
@given(mutated_seed())
def test_mutated_seed(text: str) -> None:
    _parse_or_refuse(text)


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    _parse_or_refuse(text)


@FUZZ
@given(st.lists(st.sampled_from(SEED_LINES[60:700] + ["", "", "", "Білімі", "санаты", "С-3 санаты", "1-қосымша"]),
                max_size=120))
def test_shuffled_seed_lines(lines: list[str]) -> None:
    _parse_or_refuse("\n".join(lines))


# ---------------------------------------------------------------- what fuzzing found
# Each case below was a falsifying example of the tests above, cut down to the one
# change of the seed that matters.


def test_a_heading_glued_to_the_annex_title_is_read_once() -> None:
    # No blank line between the annex title and "1. Хатшылық": the heading is cut off
    # the title's paragraph, and was then read a second time as text before the first
    # position (one unit too many, its words counted twice).
    lines = list(SEED_LINES)
    at = lines.index("1. Хатшылық")
    assert lines[at - 1] == "" and lines[at - 2] == "қойылатын біліктілік талаптары"
    del lines[at - 1]
    text = "\n".join(lines)
    edition = parse_edition(text, "glued.txt")
    assert [u.name for u in edition.units if u.annex == 1].count("Хатшылық") == 1
    assert edition.positions[0].unit is not None and edition.positions[0].unit.name == "Хатшылық"
    assert len(edition.positions) == 152
    assert word_balance(text, edition) == (Counter(), Counter())


def test_letter_spacing_residue_outside_the_fields_is_kept_as_printed_and_counted() -> None:
    # A line with the seed's residue "б ір" printed where no position owns it: it is
    # kept as printed (unplaced), and the word count knows "б ір" and "бір" are one word.
    lines = list(SEED_LINES)
    at = lines.index("1. Хатшылық")
    lines[at:at] = ["басшылық лауазымдарда б ір  жылдан кем емес;", ""]
    text = "\n".join(lines)
    edition = parse_edition(text, "residue.txt")
    unplaced = [b.text for b in edition.other_text if b.role == "unplaced"]
    assert "басшылық лауазымдарда б ір жылдан кем емес;" in unplaced
    assert word_balance(text, edition) == (Counter(), Counter())


def test_a_one_letter_word_at_a_line_s_end_is_not_glued_to_the_next_line() -> None:
    # Russian "с" ends a line of a field and "оның" starts the next (lines shuffled):
    # the document holds "соның", but the two are words as printed, not residue.
    lines = list(SEED_LINES)
    at = next(i for i, line in enumerate(lines) if line.startswith("Министрлік басшылығы үшін талдау"))
    lines[at:at] = ["Умение работать на компьютере с программами Word, Excel, с", "оның ішінде"]
    text = "\n".join(lines)
    edition = parse_edition(text, "joined.txt")
    assert "соның" in text and "Excel, с оның ішінде" in edition.positions[0].requirements.duties
    assert word_balance(text, edition) == (Counter(), Counter())


def test_what_is_letter_spacing_residue_and_what_is_not() -> None:
    # A digit is never residue: "С-3санаты" printed once (a lost space) must not turn
    # every "С-3 санаты" of the text into it, neither in the word count nor in the parse.
    # A Russian one-letter word is residue only in a Kazakh line.
    from amendtrack.residue import rejoin_split_words

    assert rejoin_split_words("Бас сарапшы, С-3 санаты", {"3санаты"}) == "Бас сарапшы, С-3 санаты"
    assert rejoin_split_words("өтілі 3 жылдан кем емес", {"3жылдан"}) == "өтілі 3 жылдан кем емес"
    assert rejoin_split_words("өтілі б ір жылдан", {"бір"}) == "өтілі бір жылдан"
    assert rejoin_split_words("работать с ними", {"сними"}) == "работать с ними"
    assert rejoin_split_words("о сы бұйрық", {"осы"}) == "осы бұйрық"  # a Kazakh line: residue
    text = "\n".join(SEED_LINES).replace("Министрдің көмекшісі, С-3 санаты", "Министрдің көмекшісі, С-3санаты", 1)
    edition = parse_edition(text, "digit.txt")
    assert word_balance(text, edition) == (Counter(), Counter())
