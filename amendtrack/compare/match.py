"""Matching positions (and units) across two editions of an act.

Titles are not unique (eight "Департамент директоры" in annex 1 of the seed, two
"Комитет төрағасының орынбасары" in one committee), and between editions
positions are renamed, re-categorised, moved, added and removed, and units are
renamed.  So positions are matched in stages, each stage taking only what the
earlier ones left:

1. **identical** -- the same id.  Ids depend only on a position's own text
   (annex, title, category, requirements; see parse/ids.py), so an unchanged position
   keeps its id wherever it moves.
2. **title** -- the same title (comparison form) in the same annex and the same
   unit (units matched first, see below).  Where a title occurs more than once,
   candidate pairs are taken best first: same subunit, then higher requirement
   similarity, then document order.
3. **similar** -- the `position_similarity` of title and requirements reaches
   the threshold (default `DEFAULT_THRESHOLD`): renames, moves to another unit,
   positions whose title and requirements both changed.  Best pairs first, in
   two passes: within the same unit, then anywhere.  A renamed position
   usually stays in its unit, and its unit's siblings are the likeliest
   look-alikes elsewhere ("бас маманы" of one division and of another); the
   first pass also spares comparing every position with every other when a
   whole edition was rewritten.
4. what is left is **added** (only in NEW) or **removed** (only in OLD).

Units are matched before stage 2, in stages of their own: same annex and the
same name; then the unit that most of its positions went to (by the stage-1
pairs); then name similarity at the threshold.  A unit renamed or renumbered is
then reported once, as a unit change, and its positions still match by title.

Every choice among equals is broken by document order, so the alignment of two
editions is always the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

from amendtrack.compare.similarity import similarity
from amendtrack.model import Edition, Position, Unit
from amendtrack.normalize import comparable

__all__ = [
    "DEFAULT_THRESHOLD",
    "FIELD_WEIGHTS",
    "Alignment",
    "Pair",
    "UnitPair",
    "alignment_from_data",
    "alignment_to_data",
    "experience_text",
    "in_document_order",
    "match_editions",
    "position_similarity",
    "validate_threshold",
]

Stage = Literal["identical", "title", "similar", "added", "removed"]
UnitStage = Literal["name", "positions", "similar", "added", "removed"]

# Why 0.6: a position whose title was rewritten but whose requirements stayed
# scores at least 1 - 0.35 = 0.65 (FIELD_WEIGHTS), so every plain rename is found;
# so is a move with a changed title or a changed field.  Of the 11,476 pairs of
# *different* positions in the seed, the median scores 0.25 and only 1.3 % reach
# 0.6 (tests/test_match.py pins this).  No threshold can do better than that: some
# different positions of one ministry score up to 0.97 ("бас маманы" and "жетекші
# маманы" of one division share their duties word for word), so a removal plus
# the addition of such a sibling looks exactly like a rename, and is reported as one.
DEFAULT_THRESHOLD = 0.6

# How much each part of a position counts in `position_similarity`.  Education
# and competence are mostly the same boilerplate across a ministry's positions,
# so they say little about *which* position this is; the title and the duties do.
FIELD_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("title", 0.35),
    ("duties", 0.35),
    ("experience", 0.1),
    ("education", 0.1),
    ("competence", 0.1),
)


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


# ---------------------------------------------------------------- similarity


def experience_text(position: Position) -> str:
    """The whole experience field as one text: intro, items and trailer."""
    e = position.requirements.experience
    return " ".join(part for part in (e.intro, *e.items, e.trailer) if part)


def _field_text(position: Position, name: str) -> str:
    if name == "title":
        return position.title
    if name == "experience":
        return experience_text(position)
    text: str = getattr(position.requirements, name)
    return text


def _texts(position: Position) -> tuple[str, ...]:
    """The texts `position_similarity` compares, in FIELD_WEIGHTS order."""
    return tuple(_field_text(position, name) for name, _ in FIELD_WEIGHTS)


def _texts_similarity(old: Sequence[str], new: Sequence[str], floor: float) -> float:
    score = 0.0
    remaining = 1.0
    for (_, weight), a, b in zip(FIELD_WEIGHTS, old, new):
        remaining -= weight
        score += weight * similarity(a, b)
        if score + remaining < floor:
            return score + remaining - 1e-9
    return score


def position_similarity(old: Position, new: Position, floor: float = 0.0) -> float:
    """How alike two positions are, from 0 to 1: the weighted mean of the word
    similarity (compare.similarity.similarity) of their titles and of each requirement field.

    :param old: a position of the old edition.
    :param new: a position of the new edition.
    :param floor: when the score is sure to stay below this, stop early and return
        a number below it (saves time when only scores above a threshold matter;
        the score is exact whenever it reaches the floor).
    """
    return _texts_similarity(_texts(old), _texts(new), floor)


def _requirements_similarity(old: Position, new: Position) -> float:
    """Similarity of the requirement fields only: ranks same-titled candidates."""
    total = sum(w for name, w in FIELD_WEIGHTS if name != "title")
    return sum(
        w * similarity(_field_text(old, name), _field_text(new, name))
        for name, w in FIELD_WEIGHTS
        if name != "title"
    ) / total


# ---------------------------------------------------------------- assignment

T = TypeVar("T")


def _best_first(
    candidates: Iterable[tuple[tuple[float, ...], int, int]],
) -> list[tuple[int, int, tuple[float, ...]]]:
    """Greedy one-to-one assignment: take candidate (old, new) index pairs best
    first and keep those whose old and new are both still free.

    Each candidate is (rank, old index, new index); a higher rank is better, and
    equal ranks go by old index, then new index (document order), so the result
    never depends on the order the candidates came in.
    """
    ordered = sorted(candidates, key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen = []
    for rank, i, j in ordered:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        chosen.append((i, j, rank))
    return chosen


# ---------------------------------------------------------------- units


def _unit_key(unit: Unit) -> tuple[int, int]:
    return (unit.annex, unit.ordinal)


def _match_units(
    old: Edition, new: Edition, position_pairs: Sequence[tuple[Position, Position]], threshold: float
) -> list[UnitPair]:
    """Pair the units of two editions (see the module docstring), unordered."""
    old_units, new_units = list(old.units), list(new.units)
    matched: dict[int, tuple[int, str]] = {}  # old index → (new index, stage)
    free_new = set(range(len(new_units)))

    def take(chosen: list[tuple[int, int, tuple[float, ...]]], stage: str) -> None:
        for i, j, _ in chosen:
            matched[i] = (j, stage)
            free_new.discard(j)

    # Same annex and same name; duplicated names pair up in document order.
    by_name: dict[tuple[int, str], list[int]] = defaultdict(list)
    for j, u in enumerate(new_units):
        by_name[(u.annex, comparable(u.name))].append(j)
    take(
        _best_first(
            ((0.0,), i, j)
            for i, u in enumerate(old_units)
            for j in by_name.get((u.annex, comparable(u.name)), ())
        ),
        "name",
    )

    # Where its positions went: a unit renamed or renumbered keeps (most of) its
    # unchanged positions, which stage 1 has already paired.
    old_index = {_unit_key(u): i for i, u in enumerate(old_units)}
    new_index = {_unit_key(u): j for j, u in enumerate(new_units)}
    votes: dict[tuple[int, int], int] = defaultdict(int)
    for p, q in position_pairs:
        if p.unit is None or q.unit is None:
            continue
        oi, nj = old_index.get(_unit_key(p.unit)), new_index.get(_unit_key(q.unit))
        if oi is not None and nj is not None and oi not in matched and nj in free_new:
            votes[(oi, nj)] += 1
    if votes:
        sizes: dict[int, int] = defaultdict(int)
        for p in old.positions:
            if p.unit is not None:
                sizes[old_index[_unit_key(p.unit)]] += 1
        # At least half of the unit's positions must agree: one position moved
        # out of a unit that was then dissolved does not make a renamed unit.
        take(
            _best_first(
                ((float(n), similarity(old_units[i].name, new_units[j].name)), i, j)
                for (i, j), n in votes.items()
                if 2 * n >= sizes[i]
            ),
            "positions",
        )

    # Name similarity, within the annex.
    take(
        _best_first(
            ((s,), i, j)
            for i, u in enumerate(old_units)
            if i not in matched
            for j in sorted(free_new)
            if new_units[j].annex == u.annex
            and (s := similarity(u.name, new_units[j].name)) >= threshold
        ),
        "similar",
    )

    pairs = []
    for i, u in enumerate(old_units):
        if i in matched:
            j, stage = matched[i]
            v = new_units[j]
            pairs.append(UnitPair(u, v, stage, similarity(u.name, v.name)))  # type: ignore[arg-type]
        else:
            pairs.append(UnitPair(u, None, "removed", 0.0))
    pairs.extend(UnitPair(None, new_units[j], "added", 0.0) for j in sorted(free_new))
    return pairs


# ---------------------------------------------------------------- ordering


def in_document_order(
    items: Sequence[T],
    old_of: Callable[[T], int | None],
    new_of: Callable[[T], int | None],
) -> list[T]:
    """Order items by their NEW place; an item only in OLD goes right after the
    NEW place of its nearest preceding OLD item that has one (or first of all)."""
    anchor_of_old: dict[int, int] = {}
    for item in items:
        o, n = old_of(item), new_of(item)
        if o is not None and n is not None:
            anchor_of_old[o] = n
    old_places = sorted(o for item in items if (o := old_of(item)) is not None)
    anchor = 0
    anchors: dict[int, int] = {}
    for o in old_places:
        anchor = anchor_of_old.get(o, anchor)
        anchors[o] = anchor

    def key(item: T) -> tuple[int, int, int]:
        n = new_of(item)
        if n is not None:
            return (n, 0, 0)
        o = old_of(item)
        assert o is not None
        return (anchors[o], 1, o)

    return sorted(items, key=key)


def _unit_place(edition: Edition) -> Callable[[Unit | None], int | None]:
    place = {_unit_key(u): k for k, u in enumerate(edition.units, start=1)}
    return lambda u: None if u is None else place[_unit_key(u)]


# ---------------------------------------------------------------- positions


def match_editions(old: Edition, new: Edition, threshold: float = DEFAULT_THRESHOLD) -> Alignment:
    """Pair the positions and units of two editions (see the module docstring).

    :param old: the earlier edition.
    :param new: the later edition.
    :param threshold: the least `position_similarity` for stage 3, and the least
        name similarity for pairing otherwise unmatched units.
    :raises ValueError: if the threshold is not in (0, 1].
    """
    threshold = validate_threshold(threshold)
    olds, news = old.positions, new.positions
    pairs: dict[int, tuple[int, Stage, float]] = {}  # old index → (new index, stage, score)
    free_old = set(range(len(olds)))
    free_new = set(range(len(news)))

    def take(i: int, j: int, stage: Stage, score: float) -> None:
        pairs[i] = (j, stage, score)
        free_old.discard(i)
        free_new.discard(j)

    # Stage 1: the same id.
    new_by_id = {q.id: j for j, q in enumerate(news)}
    for i, p in enumerate(olds):
        j = new_by_id.get(p.id)
        if j is not None:
            take(i, j, "identical", 1.0)

    # Units, helped by the stage-1 pairs.
    unit_pairs = _match_units(
        old, new, [(olds[i], news[j]) for i, (j, _, _) in sorted(pairs.items())], threshold
    )
    unit_map = {_unit_key(u.old): _unit_key(u.new) for u in unit_pairs if u.old and u.new}

    # Stage 2: the same title in the same annex and unit.
    def group_of(p: Position, unit_key: tuple[int, int] | None) -> tuple[object, ...]:
        return (p.annex, unit_key, comparable(p.title))

    new_groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for j in sorted(free_new):
        q = news[j]
        new_groups[group_of(q, _unit_key(q.unit) if q.unit else None)].append(j)
    candidates: list[tuple[tuple[float, ...], int, int]] = []
    for i in sorted(free_old):
        p = olds[i]
        if p.unit is not None and _unit_key(p.unit) not in unit_map:
            continue  # its unit is gone: nothing in NEW is "the same unit"
        key = group_of(p, unit_map[_unit_key(p.unit)] if p.unit else None)
        for j in new_groups.get(key, ()):
            q = news[j]
            same_subunit = comparable(p.subunit.name if p.subunit else "") == comparable(
                q.subunit.name if q.subunit else ""
            )
            candidates.append(((float(same_subunit), _requirements_similarity(p, q)), i, j))
    for i, j, _ in _best_first(candidates):
        take(i, j, "title", position_similarity(olds[i], news[j]))

    # Stage 3: similar title and requirements; first within the same unit, then
    # anywhere.  Each position's texts are made once: the same string objects
    # are then hashed once for textdiff's caches, however many pairs they are in.
    old_texts = {i: _texts(olds[i]) for i in free_old}
    new_texts = {j: _texts(news[j]) for j in free_new}

    def where(p: Position, unit_map: dict[tuple[int, int], tuple[int, int]] | None) -> tuple[int, object]:
        """(annex, unit in NEW's terms); an OLD unit that is gone is nowhere in NEW."""
        if p.unit is None:
            return (p.annex, None)
        key = _unit_key(p.unit)
        return (p.annex, key if unit_map is None else unit_map.get(key, "gone"))

    old_where = {i: where(olds[i], unit_map) for i in free_old}
    new_where = {j: where(news[j], None) for j in free_new}
    for same_unit_only in (True, False):
        scored: list[tuple[tuple[float, ...], int, int]] = []
        for i in sorted(free_old):
            for j in sorted(free_new):
                if same_unit_only and old_where[i] != new_where[j]:
                    continue
                score = _texts_similarity(old_texts[i], new_texts[j], threshold)
                if score >= threshold:
                    scored.append(((score,), i, j))
        for i, j, rank in _best_first(scored):
            take(i, j, "similar", rank[0])

    # Stage 4: the rest.
    result = [Pair(olds[i], news[j], stage, score) for i, (j, stage, score) in pairs.items()]
    result += [Pair(olds[i], None, "removed", 0.0) for i in sorted(free_old)]
    result += [Pair(None, news[j], "added", 0.0) for j in sorted(free_new)]
    ordered = in_document_order(
        result,
        lambda pair: pair.old.seq if pair.old else None,
        lambda pair: pair.new.seq if pair.new else None,
    )
    old_place, new_place = _unit_place(old), _unit_place(new)
    ordered_units = in_document_order(
        unit_pairs, lambda u: old_place(u.old), lambda u: new_place(u.new)
    )
    return Alignment(pairs=tuple(ordered), units=tuple(ordered_units), threshold=threshold)


# ---------------------------------------------------------------- as plain data


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
