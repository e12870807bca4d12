"""The generator's amendments of the order's own text (tests/support/generate_provisions.py):
each is reported as the record it promises, and nothing else of the order's text
is, through position amendments and layout noise alike."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amendtrack.compare.differ import compare_editions
from amendtrack.parse.edition import parse_edition
from tests.conftest import REPO
from tests.support.generate import AMENDMENTS, PROVISION_AMENDMENTS, generate_edition

EXAMPLES = int(os.environ.get("AMENDTRACK_FUZZ_EXAMPLES", "0")) or None
ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
TEXT = ORIGINAL.read_text(encoding="utf-8")
BASE = parse_edition(TEXT, "original")


def _check(seed: int, kinds: list[str]) -> None:
    generated = generate_edition(BASE, TEXT, random.Random(seed), kinds, provision_amendments=PROVISION_AMENDMENTS)
    c = compare_editions(BASE, parse_edition(generated.text, "generated"))
    records = [p for p in c.provisions if p.substantive and p.provision.role != "unit"]

    def old_address(p) -> str:  # the address an expectation names: OLD's, NEW's when added
        return p.new.address if p.old is None else p.old.address

    assert sorted((old_address(p), p.status) for p in records) == sorted(
        (a.address, a.status) for a in generated.provisions)
    for a in generated.provisions:
        (record,) = [p for p in records if old_address(p) == a.address]
        assert a.old_word in record.old_text and a.new_word in record.new_text, a


def test_every_provision_amendment_is_made_and_reported() -> None:
    # The original edition has a preamble, four points (two printed "3.") and five
    # sub-points: every kind finds a provision to amend, whatever the rng picks
    # (none may take another's only place), with position amendments or without.
    for seed in range(12):
        kinds = [] if seed % 2 else [AMENDMENTS[seed % len(AMENDMENTS)]]
        generated = generate_edition(BASE, TEXT, random.Random(seed), kinds, provision_amendments=PROVISION_AMENDMENTS)
        assert sorted(a.amendment for a in generated.provisions) == sorted(PROVISION_AMENDMENTS), seed
    _check(0, [])


@settings(max_examples=EXAMPLES or 8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.lists(st.sampled_from(AMENDMENTS), max_size=6))
def test_provision_amendments_with_position_amendments_and_noise(seed: int, kinds: list[str]) -> None:
    _check(seed, kinds)
