"""The typed context of the diff page: frozen dataclasses, one per part (see report/context.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from amendtrack.report.context import ActRef, Counts, DateInfo, FieldGroup, PositionRef

if TYPE_CHECKING:
    from amendtrack.report.provision_cards import ProvisionCard


@dataclass(frozen=True, slots=True)
class PositionCard:
    """A position of a diff report: its status and what changed, ready for a card."""

    anchor: str
    """HTML id of its card (unique in the page)."""
    status: str
    """diff@1 status: added, removed, changed, unchanged, repealed."""
    status_label: str
    """The status in words."""
    title: str
    """The title to show: the new one, or the old one for a removed position."""
    annex: int | None
    """The annex it is in (the new edition's, else the old one's)."""
    unit: str | None
    """The unit it is in (the new edition's, else the old one's)."""
    category: str
    """The category to show (the new edition's, else the old one's)."""
    old: PositionRef | None
    """The position in the old edition (None when added)."""
    new: PositionRef | None
    """The position in the new edition (None when removed or repealed without a new side)."""
    match: str | None
    """How the differ paired old and new: identical, title, similar (None when unpaired)."""
    match_label: str | None
    """That pairing in words, with the score for a pairing by similarity."""
    fields: tuple[FieldGroup, ...]
    """Substantive changes (typo-sized included), by field in `FIELD_ORDER`."""
    minor_fields: tuple[FieldGroup, ...]
    """Editorial and word-order changes, by field; hidden until asked for."""
    only_small: bool
    """True when it has substantive changes and every one of them is typo-sized."""
    number: int | None
    """1-based place among the report's navigable changes (None when not one of them)."""
    previous: str | None
    """Anchor of the previous navigable change."""
    next: str | None
    """Anchor of the next navigable change."""


@dataclass(frozen=True, slots=True)
class PositionGroup:
    """Positions of one unit of one annex, in document order (for collapsed lists)."""

    annex: int | None
    """The annex number, when known."""
    unit: str | None
    """The unit's name, or None outside any unit."""
    positions: tuple[PositionCard, ...]
    """The positions."""


@dataclass(frozen=True, slots=True)
class MetaItem:
    """One more fact about an edition that the diff document gives."""

    key: str
    """The diff@1 key, as given."""
    value: str
    """Its value as text (JSON for lists and objects)."""


@dataclass(frozen=True, slots=True)
class EditionMeta:
    """One side of a comparison, as the diff document describes it."""

    role: str
    """"old" or "new"."""
    heading: str
    """"Old edition" or "New edition"."""
    path: str | None
    """The file compared, as given."""
    sha256: str | None
    """SHA-256 of the file's bytes; None when the document does not give it."""
    act_number: str | None
    """The act's number as printed."""
    date: str | None
    """The act's date (ISO) as given ("act_date", or "date"), None when unknown."""
    registration_number: str | None
    """The Ministry of Justice registration number, when given."""
    positions: int | None
    """How many positions the edition has, when given."""
    status: str | None
    """in_force or repealed, as given."""
    status_label: str | None
    """The status in words."""
    title: str | None
    """The act's title as printed."""
    language: str | None
    """"kk" or "ru", when given."""
    extra: tuple[MetaItem, ...]
    """Every other key of the document's edition object, sorted by key."""
    edition_date: str | None = None
    """The edition's date (ISO): the date of the act that produced it, when the corpus or the text gives it."""
    produced_by: ActRef | None = None
    """The act that produced this edition (the act itself for the original), when known."""
    applies_from: DateInfo | None = None
    """From when this edition applies, with its bounds; None when no source says."""
    facts_from: str | None = None
    """Where the three facts above come from, in words ("the corpus manifest", "the text's own notes")."""
    original: bool = False
    """True when this edition is the act as made (produced by the act itself)."""


@dataclass(frozen=True, slots=True)
class UnitSummaryRow:
    """Counts for one unit of one annex (the new edition's unit, the old one's for removals)."""

    annex: int | None
    """The annex number."""
    unit: str | None
    """The unit's name, or None outside any unit."""
    added: int
    """Positions added."""
    removed: int
    """Positions removed."""
    changed: int
    """Positions with substantive changes."""
    repealed: int
    """Positions repealed."""
    unchanged: int
    """Positions without substantive change."""
    minor: int
    """Of the unchanged, those with editorial or word-order changes."""
    active: bool
    """True when anything in the unit changed, editorially included (the page lists only these)."""


@dataclass(frozen=True, slots=True)
class FieldSummaryRow:
    """Counts of changes to one field across the report."""

    field: str
    """The diff@1 field name."""
    label: str
    """The field's name in words."""
    positions: int
    """Positions with a substantive change in this field."""
    substantive: int
    """Substantive changes that are not typo-sized (experience: one per item)."""
    small: int
    """Typo-sized changes."""
    minor: int
    """Editorial and word-order changes."""


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit (department, division) as one edition prints its heading."""

    annex: int | None
    """The annex number."""
    ordinal: int | None
    """1-based place of the unit in its annex."""
    number: str | None
    """The printed number, None when the heading has none."""
    name: str
    """The name as printed."""


@dataclass(frozen=True, slots=True)
class UnitChangeEntry:
    """A unit added, removed, renamed or renumbered: reported once, not per position."""

    action: str
    """added, removed or changed."""
    action_label: str
    """The action in words."""
    old: UnitRef | None
    """The unit in the old edition (None when added)."""
    new: UnitRef | None
    """The unit in the new edition (None when removed)."""
    renamed: bool
    """True when its name changed."""
    renumbered: bool
    """True when its printed number changed."""
    substantive: bool
    """False only for a rename that is editorial (spacing, dashes, quotes)."""
    fields: tuple[FieldGroup, ...]
    """The rename as a redline (field "unit"), if any."""


@dataclass(frozen=True, slots=True)
class RepealStatementEntry:
    """One place where the new edition says the act was repealed."""

    source: str
    """"header" (the publisher's repeal sentence) or "note" (an editorial note)."""
    source_label: str
    """The source in words."""
    text: str
    """The statement as printed."""
    problem: str | None
    """Why the statement could not be read, None when it was."""


@dataclass(frozen=True, slots=True)
class RepealInfo:
    """The repeal of the whole act, as the new edition states it."""

    repealing_act: ActRef | None
    """The repealing act when every statement read names the same one; None otherwise."""
    statements: tuple[RepealStatementEntry, ...]
    """Every repeal statement, header first, then notes."""


@dataclass(frozen=True, slots=True)
class DiffPage:
    """Context of a diff report: everything the page shows, nothing it computes."""

    schema: str
    """"amendtrack/report-diff@1": the JSON form of this context."""
    generator: str
    """The program and version that made the page."""
    page_title: str
    """The HTML title."""
    act_title: str | None
    """The act's title as printed (new edition's, else old one's)."""
    language: str
    """Language of the act's text ("kk", "ru"), or "" when the document does not say."""
    index_href: str | None
    """Relative link to the report index, when the page is part of one."""
    generated_at: str | None
    """A generation time to print, only when the caller asks for one (pages carry no clock otherwise)."""
    old: EditionMeta
    """The old edition."""
    new: EditionMeta
    """The new edition."""
    counts: Counts
    """Positions by status."""
    whole_act_repealed: bool
    """True when the new edition is the act's repeal (every position repealed)."""
    repeal: RepealInfo | None
    """The repeal as the new edition states it (None when it states none)."""
    act_changes: tuple[FieldGroup, ...]
    """Changes to what the edition says about the act itself (status, title, notes, ...)."""
    units: tuple[UnitChangeEntry, ...]
    """Units added, removed, renamed or renumbered."""
    by_unit: tuple[UnitSummaryRow, ...]
    """Counts per unit, in document order."""
    by_field: tuple[FieldSummaryRow, ...]
    """Counts per field, in `FIELD_ORDER` (fields without changes left out)."""
    changes: tuple[PositionCard, ...]
    """Added, removed and changed positions, in the document's order: the navigable changes."""
    small_only_count: int
    """How many of `changes` change only typo-sized things."""
    minor_only: tuple[PositionCard, ...]
    """Unchanged positions that carry editorial or word-order changes."""
    minor_change_count: int
    """How many editorial and word-order changes the report holds in all."""
    repealed: tuple[PositionGroup, ...]
    """Repealed positions, by unit."""
    unchanged: tuple[PositionGroup, ...]
    """Unchanged positions without any change, by unit."""
    unchanged_count: int
    """How many positions `unchanged` holds."""
    provisions: tuple[ProvisionCard, ...] = ()
    """The order's own text that differs, provision by provision (report/provision_cards.py)."""
