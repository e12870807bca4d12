"""Requirement drift: how the bar moved across an act's editions, per category code.

`drift_of(history)` aggregates the facts (parse/facts.py) of every edition's positions
and the directions (compare/direction.py) of every consecutive comparison into a `Drift`:
per edition and per category code (and "all" for the whole edition)

* the number of positions;
* for each kind of experience, over the positions that ask for it without a
  condition, the fewest years a position asks (its easiest way in:
  alternatives are alternatives), as minimum, median and maximum across the
  positions;
* for each field of education, the share of positions open to it (fields are
  told apart by `normalize.comparable`, shown as first printed);
* which positions became stricter, looser or mixed in that edition (by the
  comparison with the edition before; none for the first edition).

Pure: `formats/drift_output.py` renders it as text, JSON and CSV, report/drift_page.py as a page.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amendtrack.compare.direction import Direction, position_direction, steps_said
from amendtrack.i18n import Joined
from amendtrack.model import Position, Requirements
from amendtrack.normalize import comparable
from amendtrack.parse.facts import EXPERIENCE_KINDS, facts_of

if TYPE_CHECKING:
    from amendtrack.compare.records import Comparison
    from amendtrack.history.lineage import History

ALL_CATEGORIES = "all"
"""The category code under which a whole edition's figures are given."""


@dataclass(frozen=True, slots=True)
class YearsMeasure:
    """The years of one kind of experience across a category's positions."""

    kind: str
    positions: int
    """Positions that ask for this kind without a condition."""
    min: int
    median: float
    max: int


@dataclass(frozen=True, slots=True)
class FieldShare:
    """How many of a category's positions are open to one field of education."""

    field: str
    """As first printed in the corpus (fields are compared by `normalize.comparable`)."""
    positions: int
    share: float
    """positions / the category's positions, rounded to 4 places."""


@dataclass(frozen=True, slots=True)
class DirectedPosition:
    """A position whose requirements moved in an edition."""

    id: str
    title: str
    direction: Direction
    said: Joined
    """The steps as messages ("public service 2 → 3 years"), joined with "; "."""

    @property
    def words(self) -> str:
        """The steps in English (JSON, terminal text)."""
        return str(self.said)


@dataclass(frozen=True, slots=True)
class CategoryDrift:
    """One edition's figures for one category code (or "all")."""

    category: str
    positions: int
    years: tuple[YearsMeasure, ...]
    """In `parse.facts.EXPERIENCE_KINDS` order; kinds no position asks for are left out."""
    education: tuple[FieldShare, ...]
    """Most shared first, then by field."""
    directions: tuple[DirectedPosition, ...]
    """Stricter, looser and mixed positions of this edition, in document order."""


@dataclass(frozen=True, slots=True)
class EditionDrift:
    """One edition's figures."""

    index: int
    date: str
    path: str
    categories: tuple[CategoryDrift, ...]
    """Category codes in sorted order, "all" last."""


@dataclass(frozen=True, slots=True)
class Drift:
    """An act's requirement drift in one language."""

    work: str
    language: str
    editions: tuple[EditionDrift, ...]


@dataclass(frozen=True, slots=True)
class _Counted:
    """What the drift counts of one position's requirements."""

    fewest_years: dict[str, int]
    """Per kind, the fewest years any unconditional constraint asks."""
    education: tuple[tuple[str, str], ...]
    """The education fields it is open to: (comparison form, as printed), in order."""
    education_keys: frozenset[str]
    """The comparison forms of `education`."""


def _counted(requirements: Requirements) -> _Counted:
    fewest: dict[str, int] = {}
    facts = facts_of(requirements)
    for c in facts.experience:
        if c.condition is None:
            fewest[c.kind] = min(fewest.get(c.kind, c.years), c.years)
    education = tuple((comparable(f), f) for f in facts.education.fields)
    return _Counted(fewest, education, frozenset(key for key, _ in education))


def _category(code: str, positions: Sequence[Position], counted: Callable[[Position], _Counted],
              labels: dict[str, str], directed: Sequence[tuple[Position, DirectedPosition]]) -> CategoryDrift:
    years: dict[str, list[int]] = {}
    for p in positions:
        for kind, n in counted(p).fewest_years.items():
            years.setdefault(kind, []).append(n)
    measures = tuple(
        YearsMeasure(kind, len(years[kind]), min(years[kind]), float(statistics.median(years[kind])), max(years[kind]))
        for kind in EXPERIENCE_KINDS if kind in years
    )
    open_to: dict[str, int] = {}
    for p in positions:
        for key in counted(p).education_keys:
            open_to[key] = open_to.get(key, 0) + 1
    shares = sorted(
        (FieldShare(labels[key], n, round(n / len(positions), 4)) for key, n in open_to.items()),
        key=lambda s: (-s.positions, s.field),
    )
    ids = {id(p) for p in positions}
    return CategoryDrift(code, len(positions), measures, tuple(shares),
                         tuple(d for p, d in directed if id(p) in ids))


def _directed(comparison: Comparison | None) -> list[tuple[Position, DirectedPosition]]:
    from amendtrack.compare.direction import direction_of
    from amendtrack.compare.records import PositionMatched

    out: list[tuple[Position, DirectedPosition]] = []
    if comparison is None:
        return out
    for e in comparison.positions:
        if not isinstance(e, PositionMatched) or not e.substantive:
            continue
        d = position_direction(e.changes)
        if d is None or d == "neutral":
            continue
        said = steps_said(s for c in e.changes if (cd := direction_of(c)) is not None for s in cd.steps)
        out.append((e.new, DirectedPosition(e.new.id, e.new.title, d, said)))
    return out


def drift_of_editions(work: str, language: str, editions: Sequence[tuple[str, str, Sequence[Position]]],
                      comparisons: Sequence[Comparison | None]) -> Drift:
    """The drift of editions given as (date, path, positions), with the comparison
    that produced each (None for the first).

    :param comparisons: one per edition; `comparisons[k]` compares edition k-1 with k.
    """
    # Counted once per requirements object: a corpus's editions share the unchanged
    # ones (history/corpus.py), so a hundred editions hold a few hundred, not 15,000.
    # Keyed by identity, while `editions` keeps every object alive.
    done: dict[int, _Counted] = {}

    def counted(p: Position) -> _Counted:
        found = done.get(id(p.requirements))
        if found is None:
            found = done[id(p.requirements)] = _counted(p.requirements)
        return found

    # Each education field by the first way it is printed in the corpus.
    labels: dict[str, str] = {}
    for _, _, positions in editions:
        for p in positions:
            for key, printed in counted(p).education:
                labels.setdefault(key, printed)
    out = []
    for k, ((date, path, positions), comparison) in enumerate(zip(editions, comparisons)):
        directed = _directed(comparison)
        by_code: dict[str, list[Position]] = {}
        for p in positions:
            by_code.setdefault(p.category.code, []).append(p)
        categories = [_category(code, by_code[code], counted, labels, directed) for code in sorted(by_code)]
        if positions:
            categories.append(_category(ALL_CATEGORIES, list(positions), counted, labels, directed))
        out.append(EditionDrift(k, date, path, tuple(categories)))
    return Drift(work, language, tuple(out))


def drift_of(history: History) -> Drift:
    """The drift of a history's editions (`history.lineage.build_history`).

    Uses the history's comparisons where it kept them, else compares each
    consecutive pair.
    """
    from amendtrack.compare.differ import compare_editions

    editions = [(e.date.isoformat(), e.edition.source.path, e.edition.positions) for e in history.editions]
    comparisons: list[Comparison | None] = [None]
    for k in range(1, len(history.editions)):
        if len(history.comparisons) == len(history.editions) - 1:
            comparisons.append(history.comparisons[k - 1])
        else:
            comparisons.append(compare_editions(history.editions[k - 1].edition, history.editions[k].edition))
    return drift_of_editions(history.work.slug, history.language, editions, comparisons)
