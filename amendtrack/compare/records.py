"""The change records of a comparison: one small frozen type per kind of change, and `Comparison`.

Each record carries both the old and the new values, so the formats and the reports
never look back at the editions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from amendtrack.compare.provision_diff import ProvisionChange
from amendtrack.compare.textdiff import ChangeKind, Span
from amendtrack.model import Edition, Position, Unit
from amendtrack.parse.notes import AmendmentEvent

__all__ = [
    "ActChange",
    "Comparison",
    "FieldChange",
    "PositionAdded",
    "PositionEntry",
    "PositionMatched",
    "PositionRemoved",
    "Repeal",
    "RepealStatement",
    "Summary",
    "UnitChange",
    "status_of",
]


ChangeField = Literal["title", "category", "unit", "education", "competence", "experience", "duties"]
ExperiencePart = Literal["intro", "item", "trailer"]
PositionStatus = Literal["added", "removed", "changed", "unchanged", "repealed"]

SUBSTANTIVE_KINDS: frozenset[str] = frozenset({"small", "substantive"})
"""Kinds of change that make a position "changed"; "small" is a typo fix, still substantive."""


# ---------------------------------------------------------------- change records


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A change of one field (or one experience item) of a matched position."""

    field: ChangeField
    old: str
    """The old text as printed ("" when the item or part was added)."""
    new: str
    """The new text as printed ("" when the item or part was removed)."""
    ops: tuple[Span, ...]
    """Word diff: the EQUAL and DELETE texts join to `old`, EQUAL and INSERT to `new`."""
    kind: ChangeKind
    """"editorial", "reordering", "small" or "substantive" (compare.textdiff.change_kind)."""
    part: ExperiencePart | None = None
    """For experience: "intro", "item" or "trailer"; None for other fields."""
    old_item: int | None = None
    """For an experience item: its 1-based number in OLD (None when added)."""
    new_item: int | None = None
    """For an experience item: its 1-based number in NEW (None when removed)."""

    @property
    def substantive(self) -> bool:
        """True for "small" and "substantive" changes."""
        return self.kind in SUBSTANTIVE_KINDS

    @property
    def action(self) -> Literal["added", "removed", "changed"]:
        """Whether the text (an item, an intro) was added, removed or changed."""
        if not self.old and self.new:
            return "added"
        if self.old and not self.new:
            return "removed"
        return "changed"


@dataclass(frozen=True, slots=True)
class PositionAdded:
    """A position only in NEW."""

    new: Position


@dataclass(frozen=True, slots=True)
class PositionRemoved:
    """A position only in OLD."""

    old: Position


@dataclass(frozen=True, slots=True)
class PositionMatched:
    """A position in both editions, with what changed in it."""

    old: Position
    new: Position
    stage: str
    """How the matcher paired them: "identical", "title" or "similar"."""
    score: float
    """The matcher's similarity of the pair."""
    changes: tuple[FieldChange, ...]
    """Every change, substantive or not, in field order (title, category, unit,
    education, competence, experience, duties)."""
    repealed: bool
    """True when NEW repeals the whole act (see `Repeal`)."""

    @property
    def status(self) -> PositionStatus:
        """"repealed" when the act was repealed, else "changed" exactly when a change is substantive."""
        if self.repealed:
            return "repealed"
        return "changed" if self.substantive else "unchanged"

    @property
    def substantive(self) -> bool:
        """True when at least one change is substantive."""
        return any(c.substantive for c in self.changes)


PositionEntry = PositionAdded | PositionRemoved | PositionMatched


def status_of(entry: PositionEntry) -> PositionStatus:
    """The JSON status of a position entry."""
    match entry:
        case PositionAdded():
            return "added"
        case PositionRemoved():
            return "removed"
        case PositionMatched():
            return entry.status
    raise TypeError(entry)  # pragma: no cover


@dataclass(frozen=True, slots=True)
class UnitChange:
    """A unit added, removed, renamed or renumbered (reported once, not per position)."""

    old: Unit | None
    new: Unit | None
    name: FieldChange | None
    """The rename (field "unit"), or None when the name stayed (or the unit was added/removed)."""
    renumbered: bool
    """True when the printed number changed ("3." → "4.", or a number appeared or went)."""

    @property
    def action(self) -> Literal["added", "removed", "changed"]:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    @property
    def substantive(self) -> bool:
        """Added, removed, renumbered, or renamed in more than spelling."""
        return self.action != "changed" or self.renumbered or bool(self.name and self.name.substantive)


ActField = Literal[
    "title", "issuer", "act_type", "number", "date", "registration", "status",
    "status_text", "repeal_text", "notes",
]


@dataclass(frozen=True, slots=True)
class ActChange:
    """A change in what the edition says about the act itself."""

    field: ActField
    old: str
    new: str
    ops: tuple[Span, ...]
    kind: str
    """A textdiff kind, or "annotation" for the publisher's status line, repeal
    sentence and notes: they describe the act's history, they are not its text."""

    @property
    def substantive(self) -> bool:
        return self.kind in SUBSTANTIVE_KINDS


@dataclass(frozen=True, slots=True)
class RepealStatement:
    """One place where NEW says the act was repealed: the header sentence or a note."""

    source: Literal["header", "note"]
    text: str
    """As printed."""
    event: AmendmentEvent | None
    """The statement read by parse.notes.parse_note, or None when it could not be read."""
    problem: str | None
    """Why it could not be read (None when it was)."""


@dataclass(frozen=True, slots=True)
class Repeal:
    """NEW is a repealed edition of the act that OLD has in force."""

    statements: tuple[RepealStatement, ...]
    """Every repeal statement of NEW, header first, then notes in reading order."""

    @property
    def events(self) -> tuple[AmendmentEvent, ...]:
        return tuple(s.event for s in self.statements if s.event is not None)

    @property
    def repealing_act(self) -> AmendmentEvent | None:
        """The first statement read, when every statement read names the same act
        (number and date); None when none was read or they disagree."""
        events = self.events
        if not events:
            return None
        first = events[0].citing_act
        if all((e.citing_act.number, e.citing_act.date) == (first.number, first.date) for e in events):
            return events[0]
        return None


@dataclass(frozen=True, slots=True)
class Summary:
    """How many positions have each status."""

    added: int
    removed: int
    changed: int
    unchanged: int
    repealed: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything that differs between two editions."""

    old: Edition
    new: Edition
    positions: tuple[PositionEntry, ...]
    """Every position of both editions exactly once, in document order of NEW
    (a removed position right after where its predecessor went)."""
    units: tuple[UnitChange, ...]
    """Units that were added, removed, renamed or renumbered, in the same order."""
    act: tuple[ActChange, ...]
    """Changes in the act's header, in a fixed field order."""
    repeal: Repeal | None
    """Set when NEW repeals the act that OLD has in force."""
    threshold: float
    """The matcher's similarity threshold."""
    provisions: tuple[ProvisionChange, ...] = ()
    """The act's own text (everything but positions) that differs, provision by
    provision (compare/provision_diff.py): the order's text first, then each annex."""

    @property
    def summary(self) -> Summary:
        counts = {s: 0 for s in ("added", "removed", "changed", "unchanged", "repealed")}
        for entry in self.positions:
            counts[status_of(entry)] += 1
        return Summary(**counts)

    @property
    def has_differences(self) -> bool:
        """True when anything substantive differs: a position added, removed,
        changed or repealed, a unit change, or a substantive change of the act."""
        s = self.summary
        return bool(
            s.added or s.removed or s.changed or s.repealed
            or any(u.substantive for u in self.units)
            or any(a.substantive for a in self.act)
            or any(p.substantive for p in self.provisions)
        )
