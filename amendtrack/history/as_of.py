"""As of a date: what applied on a day, from an act's `History`.

Dates are `LegalDate`s, so the answer may be several possible states (an entry
into force ten days after an unknown publication); it is never narrowed by a
guess.  Deterministic: orders are explicit, nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from amendtrack.dates import LegalDate
from amendtrack.history.lineage import History
from amendtrack.parse.notes import CitingAct



StateKind = Literal["not_yet_in_force", "in_force", "repealed"]


@dataclass(frozen=True, slots=True)
class State:
    """What may have held on a day: not yet in force, an edition in force, or repealed."""

    kind: StateKind
    edition: int | None = None
    """For "in_force": the edition that applied."""


@dataclass(frozen=True, slots=True)
class Transition:
    """A date at which the act's state changes: an edition taking effect, or the repeal."""

    act: CitingAct
    """The act whose taking effect makes the change."""
    date: LegalDate
    state: State
    """The state it leads to."""


@dataclass(frozen=True, slots=True)
class AsOf:
    """The answer to "what applied on this day?", with every state the dates allow."""

    day: dt.date
    states: tuple[State, ...]
    """The possible states in time order: exactly one when the answer is certain."""
    transitions: tuple[Transition, ...]
    """Every transition of the act, in time order (the states' boundaries)."""
    undecided: tuple[int, ...]
    """Indexes into `transitions` of the dates that may fall on either side of `day`."""

    @property
    def certain(self) -> bool:
        return len(self.states) == 1

    @property
    def answer(self) -> StateKind | Literal["uncertain"]:
        return self.states[0].kind if self.certain else "uncertain"

    def conditions(self, state: State) -> tuple[tuple[Transition, bool], ...]:
        """What must be true for `state` to hold, as (transition, took effect by `day`?) pairs.

        Transitions happen in order, so two conditions at most: the latest
        undecided transition up to the state took effect by the day, and the
        earliest undecided one after it had not.
        """
        k = self.states_index(state)
        before = [i for i in self.undecided if i < k]
        after = [i for i in self.undecided if i >= k]
        out = []
        if before:
            out.append((self.transitions[before[-1]], True))
        if after:
            out.append((self.transitions[after[0]], False))
        return tuple(out)

    def states_index(self, state: State) -> int:
        """The place of `state` in the sequence of states (0 = not yet in force)."""
        if state.kind == "not_yet_in_force":
            return 0
        return next(i + 1 for i, t in enumerate(self.transitions) if t.state == state)


def transitions(history: History) -> tuple[Transition, ...]:
    """The act's changes of state in time order: each edition in force taking effect, then the repeal."""
    out = [Transition(e.produced_by, e.takes_effect, State("in_force", e.index)) for e in history.in_force_editions]
    if history.repeal is not None:
        out.append(Transition(history.repeal.act, history.repeal.effective, State("repealed")))
    return tuple(out)


def as_of(history: History, day: dt.date) -> AsOf:
    """Which states the act may have been in on `day`, given what its dates are known to be.

    The transitions happen in the order of the editions.  State number k (0 =
    not yet in force, then one per transition) is possible when no transition
    up to k certainly comes after `day` and no later one has certainly taken
    effect by it.  An unknown date is never narrowed: where it may fall on
    either side of `day`, both states are returned.

    :param history: the act's history.
    :param day: the day asked about.
    """
    trans = transitions(history)
    reached = [t.date.reached_by(day) for t in trans]
    states = []
    for k in range(len(trans) + 1):
        if all(r is not False for r in reached[:k]) and all(r is not True for r in reached[k:]):
            states.append(State("not_yet_in_force") if k == 0 else trans[k - 1].state)
    undecided = tuple(i for i, r in enumerate(reached) if r is None)
    return AsOf(day, tuple(states), trans, undecided)
