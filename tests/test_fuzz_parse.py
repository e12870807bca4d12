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
