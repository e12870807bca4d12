"""Matching positions and units across editions (amendtrack.compare.match).

Editions here are made from the bundled 2014 original by editing its parsed
model (dataclasses.replace, ids recomputed), so each test says exactly what
changed; tests/test_diff.py goes through the text with the generator.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from amendtrack.compare.match import (
    DEFAULT_THRESHOLD,
    FIELD_WEIGHTS,
    in_document_order,
    match_editions,
    position_similarity,
    validate_threshold,
)
from amendtrack.model import Edition, Position
from amendtrack.parse.edition import parse_file
from amendtrack.parse.ids import assign_ids

REPO = Path(__file__).resolve().parent.parent
ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"

# Read off the text: the title lines of annex 1 and their line numbers
# (grep -n "Департамент директоры, С-1 санаты" corpus/V1400009344/kk/2014-04-09.txt).
DIRECTOR_LINES = (800, 1268, 1565, 1949, 2245, 2679, 2965, 3320)
# Two "Комитет төрағасының орынбасары" in one committee, unit 18 of annex 1: the
# first title block starts with the committee's heading ("18. Төтенше
# жағдайларды және өнеркәсіптік қауіпсіздікті ...") at line 4105, the second at 4169.
DEPUTY_FIRST_LINES = (4105, 4169)


@pytest.fixture(scope="module")
def original() -> Edition:
    return parse_file(str(ORIGINAL))


def edited(
    edition: Edition,
    change: Callable[[Position], Position] | None = None,
    only: Callable[[Position], bool] = lambda p: True,
    order: Callable[[list[Position]], list[Position]] | None = None,
) -> Edition:
    """The edition with `change` applied to the positions `only` selects, in `order`."""
    positions = [change(p) if change and only(p) else p for p in edition.positions]
    if order:
        positions = order(positions)
    positions = [replace(p, seq=k) for k, p in enumerate(positions, start=1)]
    return replace(edition, positions=tuple(assign_ids(positions)))


def add_duty_word(word: str) -> Callable[[Position], Position]:
    def change(p: Position) -> Position:
        return replace(p, requirements=replace(p.requirements, duties=f"{p.requirements.duties} {word}"))

    return change


def pairs_by_line(alignment):
    """Old title line → new title line (positions keep their lines in these edits)."""
    return {
        pair.old.lines.first: pair.new.lines.first
        for pair in alignment.pairs
        if pair.old is not None and pair.new is not None
    }


def test_an_edition_matches_itself_identically(original: Edition) -> None:
    alignment = match_editions(original, original)
    assert [p.stage for p in alignment.pairs] == ["identical"] * len(original.positions)
    assert [p.old for p in alignment.pairs] == list(original.positions)
    assert [p.new for p in alignment.pairs] == list(original.positions)
    assert all(u.stage == "name" for u in alignment.units)
    assert len(alignment.units) == len(original.units)


def test_every_position_appears_exactly_once(original: Edition) -> None:
    new = edited(original, add_duty_word("цифрлық"), only=lambda p: p.seq % 3 == 0)
    new = replace(new, positions=new.positions[5:])  # and a few removed
    alignment = match_editions(original, new)
    olds = [p.old.id for p in alignment.pairs if p.old]
    news = [p.new.id for p in alignment.pairs if p.new]
    assert sorted(olds) == sorted(p.id for p in original.positions)
    assert sorted(news) == sorted(p.id for p in new.positions)


def test_the_eight_department_directors_each_keep_their_own_match(original: Edition) -> None:
    directors = [p for p in original.positions if p.title == "Департамент директоры"]
    assert len(directors) == len(DIRECTOR_LINES)
    assert all(p.lines.first <= line <= p.lines.last for p, line in zip(directors, DIRECTOR_LINES))
    assert len({p.unit for p in directors}) == 8
    # Each director's duties change: no id survives, so stage 2 (same title in
    # the same unit) must pair each with the one of its own department.
    new = edited(original, add_duty_word("цифрлық"), only=lambda p: p.title == "Департамент директоры")
    alignment = match_editions(original, new)
    director_pairs = [p for p in alignment.pairs if p.old is not None and p.old.title == "Департамент директоры"]
    assert len(director_pairs) == 8
    for pair in director_pairs:
        assert pair.stage == "title"
        assert pair.new is not None and pair.new.lines == pair.old.lines


def test_two_deputies_in_one_committee_are_told_apart_by_their_requirements(original: Edition) -> None:
    deputies = [p for p in original.positions if p.title == "Комитет төрағасының орынбасары"]
    first_lines = [p.lines.first for p in deputies]
    assert first_lines[:2] == list(DEPUTY_FIRST_LINES)
    assert deputies[0].unit == deputies[1].unit
    one_committee = {p.id for p in deputies[:2]}

    def swap_the_two(positions: list[Position]) -> list[Position]:
        i, j = (k for k, p in enumerate(positions) if p.lines.first in DEPUTY_FIRST_LINES)
        positions[i], positions[j] = positions[j], positions[i]
        return positions

    # Both change, and NEW prints them in the other order: document order would
    # pair them wrongly, their requirements pair them right.
    new = edited(original, add_duty_word("цифрлық"), only=lambda p: p.id in one_committee, order=swap_the_two)
    alignment = match_editions(original, new)
    matched = pairs_by_line(alignment)
    assert matched[DEPUTY_FIRST_LINES[0]] == DEPUTY_FIRST_LINES[0]
    assert matched[DEPUTY_FIRST_LINES[1]] == DEPUTY_FIRST_LINES[1]
    stages = {p.old.lines.first: p.stage for p in alignment.pairs if p.old}
    assert stages[DEPUTY_FIRST_LINES[0]] == stages[DEPUTY_FIRST_LINES[1]] == "title"


def test_a_renamed_position_is_found_by_similarity(original: Edition) -> None:
    target = original.positions[10]
    new = edited(original, lambda p: replace(p, title=p.title + " (цифрлық)"), only=lambda p: p.id == target.id)
    alignment = match_editions(original, new)
    (pair,) = [p for p in alignment.pairs if p.old is not None and p.old.id == target.id]
    assert pair.stage == "similar"
    assert pair.new is not None and pair.new.title == target.title + " (цифрлық)"
    # The title is 0.35 of the score and everything else is unchanged.
    assert 1 - dict(FIELD_WEIGHTS)["title"] <= pair.score < 1


def test_a_rename_below_the_threshold_is_a_removal_and_an_addition(original: Edition) -> None:
    target = original.positions[10]
    new = edited(original, lambda p: replace(p, title="Цифрлық трансформация орталығының аға талдаушысы"),
                 only=lambda p: p.id == target.id)
    assert match_editions(original, new).pairs[10].stage == "similar"  # 0.65 + a little > 0.6
    alignment = match_editions(original, new, threshold=0.99)
    stages = [p.stage for p in alignment.pairs if (p.old and p.old.id == target.id) or (p.new and p.new.seq == 11)]
    assert sorted(stages) == ["added", "removed"]


def test_removed_positions_stand_at_their_old_place(original: Edition) -> None:
    removed = {original.positions[0].id, original.positions[40].id, original.positions[41].id}
    new = replace(original, positions=tuple(p for p in original.positions if p.id not in removed))
    pairs = match_editions(original, new).pairs
    assert pairs[0].stage == "removed" and pairs[0].old == original.positions[0]
    assert [p.stage for p in pairs[40:42]] == ["removed", "removed"]
    assert pairs[39].old == original.positions[39]
    assert [p.old for p in pairs[40:42]] == list(original.positions[40:42])
    assert pairs[42].old == original.positions[42]


def test_a_renamed_unit_is_matched_once_and_keeps_its_positions(original: Edition) -> None:
    unit = original.units[4]
    renamed = replace(unit, name="Цифрлық " + unit.name)

    def rename(p: Position) -> Position:
        return replace(p, unit=renamed) if p.unit == unit else p

    new = edited(replace(original, units=tuple(renamed if u == unit else u for u in original.units)), rename)
    alignment = match_editions(original, new)
    (unit_pair,) = [u for u in alignment.units if u.old == unit]
    assert unit_pair.new == renamed and unit_pair.stage == "positions"
    assert all(p.stage == "identical" for p in alignment.pairs)


def test_matching_is_deterministic(original: Edition) -> None:
    new = edited(original, add_duty_word("цифрлық"), only=lambda p: p.title == "Департамент директоры")
    assert match_editions(original, new) == match_editions(original, new)


@pytest.mark.parametrize("bad", [0, -0.1, 1.01, "x", float("nan"), None])
def test_the_threshold_is_validated(bad: object) -> None:
    with pytest.raises(ValueError, match="similarity threshold"):
        validate_threshold(bad)  # type: ignore[arg-type]


def test_valid_thresholds() -> None:
    assert validate_threshold("0.6") == 0.6
    assert validate_threshold(1) == 1.0
    assert DEFAULT_THRESHOLD == 0.6
    assert math.isclose(sum(w for _, w in FIELD_WEIGHTS), 1.0)


def test_the_threshold_claims_hold_on_the_seed(original: Edition) -> None:
    """What compare.match.DEFAULT_THRESHOLD's comment says about the pairs of different positions."""
    ps = original.positions
    scores = [position_similarity(p, q) for i, p in enumerate(ps) for q in ps[i + 1 :]]
    assert len(scores) == 152 * 151 // 2
    assert statistics.median(scores) < 0.3
    assert sum(s >= DEFAULT_THRESHOLD for s in scores) / len(scores) < 0.02
    best = max(
        ((position_similarity(p, q), p.title, q.title) for i, p in enumerate(ps) for q in ps[i + 1 :]),
    )
    assert best[0] > 0.95
    assert "бас маманы" in best[1] and "жетекші маманы" in best[2]


def test_in_document_order_places_old_only_items_after_their_predecessor() -> None:
    # (old place, new place): b was removed after a, d added, c kept.
    items = [("a", 1, 1), ("b", 2, None), ("c", 3, 3), ("d", None, 2), ("z", 0, None)]
    ordered = in_document_order(items, lambda t: t[1], lambda t: t[2])
    assert [t[0] for t in ordered] == ["z", "a", "b", "d", "c"]
