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
from typing import TypeVar

from amendtrack.compare.alignment import Alignment, Pair, Stage, UnitPair, validate_threshold
from amendtrack.compare.similarity import similarity
from amendtrack.model import Edition, Position, Unit
from amendtrack.normalize import comparable

__all__ = [
    "DEFAULT_THRESHOLD",
    "FIELD_WEIGHTS",
    "Alignment",
    "Pair",
    "UnitPair",
    "experience_text",
    "in_document_order",
    "match_editions",
    "position_similarity",
    "validate_threshold",
]


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
