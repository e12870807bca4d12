"""The result of matching two editions: `Alignment` and its pairs, and their plain-data form.

compare/match.py makes an `Alignment`; history/store.py keeps it as plain data
(`alignment_to_data`), so that a second run over the same two editions need not
match them again, and reads it back checked (`alignment_from_data`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

from amendtrack.model import Edition, Position, Unit

__all__ = [
    "Alignment",
    "Pair",
    "Stage",
    "UnitPair",
    "UnitStage",
    "alignment_from_data",
    "alignment_to_data",
    "validate_threshold",
]

Stage = Literal["identical", "title", "similar", "added", "removed"]
UnitStage = Literal["name", "positions", "similar", "added", "removed"]

T = TypeVar("T")


def validate_threshold(value: float | str) -> float:
    """The similarity threshold as a float in (0, 1].

    :param value: the threshold, a number or its text (from a command-line option).
    :raises ValueError: if it is not a number greater than 0 and at most 1.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"similarity threshold must be a number, not {value!r}") from None
    if not 0.0 < number <= 1.0:  # also refuses NaN
        raise ValueError(f"similarity threshold must be greater than 0 and at most 1, not {value!r}")
    return number


@dataclass(frozen=True, slots=True)
class Pair:
    """One position of OLD and/or NEW, and how it was matched."""

    old: Position | None
    """The position in OLD; None when it was added."""
    new: Position | None
    """The position in NEW; None when it was removed."""
    stage: Stage
    """"identical", "title", "similar", "added" or "removed" (see the module docstring)."""
    score: float
    """`position_similarity` of the pair (1.0 for identical, 0.0 for added and removed)."""


@dataclass(frozen=True, slots=True)
class UnitPair:
    """One unit of OLD and/or NEW, and how it was matched."""

    old: Unit | None
    new: Unit | None
    stage: UnitStage
    """"name" (same name), "positions" (where its positions went), "similar" (name
    similarity), or "added"/"removed" (no counterpart)."""
    score: float
    """Name similarity of the pair (0.0 for added and removed)."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every position and unit of two editions, paired or left alone."""

    pairs: tuple[Pair, ...]
    """Every position of both editions exactly once, in document order of NEW; a
    removed position stands right after the NEW position that its nearest matched
    predecessor in OLD went to."""
    units: tuple[UnitPair, ...]
    """Every unit of both editions exactly once, ordered the same way."""
    threshold: float
    """The similarity threshold stage 3 used."""



def alignment_to_data(alignment: Alignment, old: Edition, new: Edition) -> dict[str, Any]:
    """The alignment as plain data (for the store), naming every position and unit
    by its place in `old` or `new` rather than copying it.

    :param alignment: `match_editions(old, new, ...)`.
    :param old: the edition the alignment's old positions and units belong to.
    :param new: likewise for the new ones.
    :raises ValueError: a position or unit of the alignment is not one of the editions' own.
    """

    def places(items: Sequence[object]) -> dict[int, int]:
        return {id(x): k for k, x in enumerate(items)}

    old_pos, new_pos, old_units, new_units = (
        places(old.positions), places(new.positions), places(old.units), places(new.units),
    )

    def place(table: dict[int, int], item: object) -> int | None:
        if item is None:
            return None
        try:
            return table[id(item)]
        except KeyError:
            raise ValueError("the alignment holds a position or unit that is not the edition's own") from None

    return {
        "threshold": alignment.threshold,
        "pairs": [[place(old_pos, p.old), place(new_pos, p.new), p.stage, p.score] for p in alignment.pairs],
        "units": [[place(old_units, u.old), place(new_units, u.new), u.stage, u.score] for u in alignment.units],
    }


def alignment_from_data(data: Any, old: Edition, new: Edition) -> Alignment:
    """Rebuild an alignment of `old` and `new` from `alignment_to_data` output.

    Checked, not trusted: every position and unit of both editions must appear
    exactly once, with a known stage and a numeric score.

    :param data: the plain data (decoded JSON).
    :param old: the old edition (the same one the data was made from).
    :param new: the new edition.
    :raises ValueError: the data does not describe an alignment of these editions.
    """
    if not isinstance(data, dict):
        raise ValueError("an alignment is an object")
    threshold = validate_threshold(data.get("threshold"))  # type: ignore[arg-type]
    pairs = _rows(data.get("pairs"), old.positions, new.positions, get_args(Stage), "position")
    units = _rows(data.get("units"), old.units, new.units, get_args(UnitStage), "unit")
    return Alignment(
        pairs=tuple(Pair(a, b, stage, score) for a, b, stage, score in pairs),  # type: ignore[arg-type]
        units=tuple(UnitPair(a, b, stage, score) for a, b, stage, score in units),  # type: ignore[arg-type]
        threshold=threshold,
    )


def _rows(
    rows: Any, olds: Sequence[T], news: Sequence[T], stages: tuple[str, ...], what: str
) -> list[tuple[T | None, T | None, str, float]]:
    """[old place, new place, stage, score] rows → (old, new, stage, score), each item once."""
    if not isinstance(rows, list):
        raise ValueError(f"the {what} pairs are not a list")
    seen_old: set[int] = set()
    seen_new: set[int] = set()
    out = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 4):
            raise ValueError(f"a {what} pair is not [old, new, stage, score]")
        i, j, stage, score = row
        if stage not in stages or isinstance(score, bool) or not isinstance(score, (int, float)):
            raise ValueError(f"a {what} pair has an unknown stage or a score that is not a number")
        a = _take(i, olds, seen_old, what)
        b = _take(j, news, seen_new, what)
        if a is None and b is None:
            raise ValueError(f"a {what} pair names neither edition's {what}")
        out.append((a, b, stage, float(score)))
    if len(seen_old) != len(olds) or len(seen_new) != len(news):
        raise ValueError(f"the {what} pairs leave out some of the editions' {what}s")
    return out


def _take(place: Any, items: Sequence[T], seen: set[int], what: str) -> T | None:
    if place is None:
        return None
    if isinstance(place, bool) or not isinstance(place, int) or not 0 <= place < len(items) or place in seen:
        raise ValueError(f"a {what} pair names no {what}, or one named before")
    seen.add(place)
    return items[place]
