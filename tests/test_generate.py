"""The amendment generator (tests.support.generate): deterministic, and its texts
read back as planned.  Whether the differ reports what it planned is tested in
tests/test_diff.py."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from amendtrack.model import Edition
from amendtrack.normalize import join_lines
from amendtrack.parse.edition import parse_edition
from tests.support.generate import (
    AMENDMENTS,
    MAX_DROPPED_SHARE,
    NOISE,
    amendment_chain,
    generate_edition,
    layout_rewrite,
    render_position,
)
from tests.support.sweep import model_key

REPO = Path(__file__).resolve().parent.parent
ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"


@pytest.fixture(scope="module")
def original_text() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def original(original_text: str) -> Edition:
    return parse_edition(original_text, "original.txt")


def test_same_seed_same_result(original: Edition, original_text: str) -> None:
    a = generate_edition(original, original_text, random.Random(11), AMENDMENTS)
    b = generate_edition(original, original_text, random.Random(11), AMENDMENTS)
    c = generate_edition(original, original_text, random.Random(12), AMENDMENTS)
    assert a == b
    assert a.text != c.text


def test_every_amendment_kind_is_made(original: Edition, original_text: str) -> None:
    generated = generate_edition(original, original_text, random.Random(1), AMENDMENTS)
    assert [x.amendment for x in generated.expected] == list(AMENDMENTS)


def test_a_clean_reprint_of_every_position_reads_back_the_same(original: Edition, original_text: str) -> None:
    generated = layout_rewrite(original, original_text, random.Random(0), noise=("rewrap",), noise_rate=1.0)
    # All but the first position of annex 2, whose title block shares line 4378
    # with the annex title ("… талаптары 1. Департамент аппараты").
    assert len(generated.noise) == len(original.positions) - 1
    reprinted = parse_edition(generated.text, "reprinted.txt")
    assert [p.id for p in reprinted.positions] == [p.id for p in original.positions]
    assert [(p.title, p.category, p.requirements) for p in reprinted.positions] == [
        (p.title, p.category, p.requirements) for p in original.positions
    ]
    assert [(u.annex, u.number, u.name) for u in reprinted.units] == [
        (u.annex, u.number, u.name) for u in original.units
    ]


def test_render_position_prints_the_labels_and_fields(original: Edition) -> None:
    p = original.positions[1]
    lines = render_position(p, "kk", width=60)
    assert lines[0] == f"{p.title}, {p.category.printed} санаты"
    assert lines[2] == "Өлшемшарттар Талаптар"
    assert [line for line in lines if line in ("Білімі", "Кәсіби құзыреттілігі", "Практикалық тәжірибесі",
                                               "Функционалдық міндеттері")] == [
        "Білімі", "Кәсіби құзыреттілігі", "Практикалық тәжірибесі", "Функционалдық міндеттері"]
    education = lines[lines.index("Білімі") + 1 : lines.index("Кәсіби құзыреттілігі") - 1]
    assert len(education) > 1 and join_lines(education) == p.requirements.education
    assert all(len(line) <= 60 for line in education)
    assert any(line.startswith("1) ") for line in lines)


@pytest.mark.parametrize("seed", range(3))
def test_every_noise_is_applied_and_read_back(original: Edition, original_text: str, seed: int) -> None:
    generated = layout_rewrite(original, original_text, random.Random(seed), noise_rate=1.0)
    assert generated.dropped_noise == ()
    applied = Counter(n.split(":")[0] for n in generated.noise)
    # Every reprinted position (151: all but the one sharing its line with the
    # annex title) is rewrapped, letter-spaced somewhere, broken by a page and
    # has a label displaced: every field of four has the lines for it.
    for kind in ("rewrap", "letter_spacing", "page_break", "label_across_break"):
        assert applied[kind] == len(original.positions) - 1, kind
    assert "  " in generated.text and "\n\n\n\n" in generated.text
    reread = parse_edition(generated.text, "noisy.txt")
    want, got = model_key(original), model_key(reread)
    assert len(got[0]) == len(want[0])
    unreadable = [
        f"{p.id}: {[n for n in generated.noise if n.endswith(':' + p.id)]}"
        for p, a, b in zip(original.positions, want[0], got[0]) if a != b
    ]
    assert unreadable == []
    assert got[1:] == want[1:]


def test_amendment_chain(original: Edition, original_text: str) -> None:
    chain = amendment_chain(original, original_text, random.Random(5), length=3, per_step=2)
    assert len(chain) == 3
    for k, (edition, generated) in enumerate(chain, start=1):
        assert edition.source.path == f"original.txt#generated-{k}"
        assert len(generated.expected) >= 1
    assert chain[0][1].text != chain[-1][1].text


DROP_SEEDS = range(20)
"""The fixed seeds over which the generator's left-out share is counted."""


def test_few_planned_amendments_or_noise_edits_are_dropped(original: Edition, original_text: str) -> None:
    """Every planned amendment is either expected or recorded as dropped, with its reason,
    and at most MAX_DROPPED_SHARE of them are dropped; no noise edit is ever dropped.

    The generator decides what it expects from its plan (tests/support/generate.py),
    not from the matcher: if it had to leave out many amendments, the tests built on
    it would silently shrink, and this test says so.
    """
    planned = dropped = 0
    reasons: Counter[str] = Counter()
    for seed in DROP_SEEDS:
        rng = random.Random(seed)
        kinds = [rng.choice(AMENDMENTS) for _ in range(12)]
        generated = generate_edition(original, original_text, rng, kinds, NOISE, noise_rate=0.3)
        assert len(generated.expected) + len(generated.dropped) == len(kinds), seed
        assert generated.dropped_noise == ()
        assert generated.noise, seed
        planned += len(kinds)
        dropped += len(generated.dropped)
        reasons.update(d.split(": ", 1)[1] for d in generated.dropped)
    assert set(reasons) <= {"no position fits", "ambiguous", "unreadable"}
    assert dropped <= MAX_DROPPED_SHARE * planned, reasons
