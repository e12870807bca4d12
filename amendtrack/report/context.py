"""The typed contexts of the report pages: frozen dataclasses, one per page and part.

Each page's context feeds both its HTML (the templates read only these fields)
and its JSON (`env.page_json` dumps ``dataclasses.asdict`` of it), so every
field carries a docstring: the JSON output of a page is exactly these fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from amendtrack.report.provision_cards import ProvisionCard

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from amendtrack import __version__

GENERATOR = f"amendtrack {__version__}"
"""The program and version printed on every page."""

ChangeShape = Literal["changed", "added", "removed"]
SpanKind = Literal["equal", "delete", "insert"]
_SPAN_KINDS: Mapping[int, SpanKind] = {0: "equal", -1: "delete", 1: "insert"}


# ================================================================ contexts
#
# Every field carries a docstring: tests/test_report.py checks it, because the
# JSON output of a page is exactly these fields.


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of a word-level redline."""

    kind: SpanKind
    """"equal" (in both editions), "delete" (only in the old), "insert" (only in the new)."""
    text: str
    """The text as printed, never markup."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change of one field (or of one experience item) of a position."""

    field: str
    """The diff@1 field name: title, category, unit, education, competence, experience, duties."""
    kind: str
    """The differ's kind: substantive, small, editorial, reordering, added, removed, or another it adds."""
    kind_label: str
    """The kind in words, for the tag next to the change."""
    substantive: bool
    """True when the official text changed (typo-sized changes included)."""
    small: bool
    """True for a typo-sized change (kind "small"), which the report lets a reader filter out."""
    shape: ChangeShape
    """"added" when there is no old text, "removed" when there is no new text, else "changed"."""
    part: str | None
    """For experience: "intro", "item" or "trailer", as the differ gives it."""
    old_item: int | None
    """For an experience item: its 1-based number in the old edition (None when added)."""
    new_item: int | None
    """For an experience item: its 1-based number in the new edition (None when removed)."""
    label: str
    """What the change is about within its field ("Item 2 → 3", "Introductory sentence"), or ""."""
    old: str
    """The old text (empty for an added item)."""
    new: str
    """The new text (empty for a removed item)."""
    spans: tuple[Span, ...]
    """The redline: the equal and delete spans join to `old`, the equal and insert spans to `new`."""
    direction: str | None = None
    """diff@1 `direction` (stricter, looser, mixed, neutral) when the change carries facts, else None."""
    direction_text: str | None = None
    """The direction in words ("stricter: public service 2 → 3 years"), else None."""


@dataclass(frozen=True, slots=True)
class FieldGroup:
    """The changes of one field of a position; several only for experience items."""

    field: str
    """The diff@1 field name."""
    label: str
    """The field's name in words."""
    changes: tuple[FieldChange, ...]
    """In the differ's order (experience items as aligned one to one)."""


@dataclass(frozen=True, slots=True)
class PositionRef:
    """A position as one edition has it (diff@1 "old"/"new")."""

    id: str
    """The position id in that edition (see parse/ids.py)."""
    annex: int | None
    """The annex number, when known."""
    unit: str | None
    """The unit's name as printed, or None outside any unit."""
    title: str
    """The title as printed (clean)."""
    category: str
    """The category code, canonical spelling."""
    requirements: Requirements | None
    """Its requirements, when the document gives them (for added and removed positions)."""


@dataclass(frozen=True, slots=True)
class PositionEntry:
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
    positions: tuple[PositionEntry, ...]
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
class Counts:
    """How many positions have each status."""

    added: int
    """Only in the new edition."""
    removed: int
    """Only in the old edition."""
    changed: int
    """In both, with at least one substantive change."""
    unchanged: int
    """In both, without substantive change (editorial ones may remain)."""
    repealed: int
    """Repealed with the whole act."""


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
    changes: tuple[PositionEntry, ...]
    """Added, removed and changed positions, in the document's order: the navigable changes."""
    small_only_count: int
    """How many of `changes` change only typo-sized things."""
    minor_only: tuple[PositionEntry, ...]
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


@dataclass(frozen=True, slots=True)
class ActRef:
    """An act: the work itself, or an act that amended or repealed it."""

    type: str | None
    """The act type as given ("бұйрық"), dictionary or printed form."""
    number: str | None
    """Its number as printed."""
    date: str | None
    """Its date (ISO)."""
    issuer: str | None
    """Its issuer as given."""


@dataclass(frozen=True, slots=True)
class DateInfo:
    """A date in law that may be unknown, as a page shows it (from `LegalDate.to_dict`)."""

    known: bool
    """True when the date itself is known."""
    text: str
    """The date, or "unknown" with the bounds the sources give ("unknown: after 2014-04-18")."""
    rule: str | None
    """The legal rule that fixes the date, if any."""
    basis: str | None
    """Where the date or its bounds come from."""


@dataclass(frozen=True, slots=True)
class EventEntry:
    """An amendment event an edition's notes (or header) record."""

    text: str
    """The note as printed."""
    action: str
    """What it did ("repealed", "amended", ...), as history/lineage.py reads it."""
    target: str
    """What it acted on ("act", "annex_2", ...)."""
    act: ActRef
    """The act the note cites."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One edition of a work on the index's timeline."""

    index: int
    """1-based place in the history, oldest first."""
    file: str
    """The edition's file."""
    date: str
    """The edition's date: the date of the act that produced it (ISO)."""
    status: str
    """in_force or repealed (the manifest's record)."""
    status_label: str
    """The status in words."""
    in_force: bool
    """True for a text that was law; False for a repealed text kept as the record."""
    applies_from: DateInfo
    """From when the text applies (unknown, with its bounds, when the sources do not say)."""
    produced_by: ActRef
    """The act that produced this text (the work itself for the original edition)."""
    sha256: str
    """SHA-256 of the file, as the manifest records it."""
    derived_from: str | None
    """For a reconstructed edition, the file it was derived from."""
    positions: int | None
    """How many positions it has."""
    events: tuple[EventEntry, ...]
    """The amendment events its notes record."""
    diff_href: str | None
    """Relative link to the diff report from the previous edition to this one."""


@dataclass(frozen=True, slots=True)
class ComparisonEntry:
    """A consecutive pair of editions and what the differ found between them."""

    old_index: int
    """The older edition's place in the history."""
    new_index: int
    """The newer edition's place."""
    old_date: str | None
    """The older edition's date."""
    new_date: str | None
    """The newer edition's date."""
    produced_by: ActRef | None
    """The act that produced the newer edition (the amending or repealing act)."""
    counts: Counts
    """Positions by status."""
    units_changed: int
    """Units added, removed, renamed or renumbered."""
    act_changed: bool
    """True when the act itself changed in substance (status, title, number, ...)."""
    href: str
    """Relative link to the diff report."""
    provisions_changed: int = 0
    """Provisions of the order's own text changed in substance (diff@1 summary
    "provisions_substantive"; 0 for a document that predates provisions)."""


@dataclass(frozen=True, slots=True)
class RepealSummary:
    """The repeal of the whole act, as the history records it."""

    edition: int
    """The edition that records the repeal (the repealed text)."""
    act: ActRef
    """The repealing act, as the manifest names it."""
    effective: DateInfo
    """When the repeal took effect (unknown, with its bounds, when not known)."""
    statements: tuple[str, ...]
    """The repeal as the repealed text prints it (note and header sentence)."""


@dataclass(frozen=True, slots=True)
class PositionRow:
    """A position in the index's table of all positions (one lineage)."""

    key: str
    """Its id in the first edition it appears in (the history's lineage key)."""
    title: str
    """Its title in its latest edition."""
    category: str
    """Its category in its latest edition."""
    annex: int | None
    """Its annex."""
    unit: str | None
    """Its unit in its latest edition."""
    editions: str
    """The editions it appears in, e.g. "1–2"."""
    changed_in: tuple[int, ...]
    """The editions in which it changed in substance."""
    ending: str | None
    """How its time in force ended ("repealed", "removed"), None while in force."""
    ending_label: str
    """Its state at the end of the corpus in words ("In force", "Repealed", "Removed")."""
    amended: bool
    """True when an amendment of the corpus touched it: added after the first edition, changed
    in substance, or removed (the repeal of the whole act does not count)."""
    href: str | None
    """Relative link to its history page."""
    lineage_id: str = ""
    """Its identity across editions ("L…", docs/history.md "Lineage identity")."""


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """Something the tool could not place, read or attribute, for the index's ledger."""

    file: str | None
    """The edition file it comes from, None for a finding about the whole history."""
    line: int | None
    """The line in that file, when known."""
    kind: str
    """unplaced, parse_warning, unparsed_note, note_warning or history_warning."""
    kind_label: str
    """The kind in words."""
    text: str
    """The text concerned, as printed, or the finding."""
    reason: str | None
    """Why it could not be placed or read, when known."""


@dataclass(frozen=True, slots=True)
class WorkEntry:
    """One act (work) of the corpus on the index, in one language."""

    slug: str
    """Stable identifier (the corpus folder)."""
    code: str
    """The official code in the state register."""
    title: str
    """The title as printed."""
    language: str
    """The language of the title and texts ("kk", "ru"), "" when unknown."""
    act: ActRef
    """The act itself (type, number, date, issuer from the manifest)."""
    registration_number: str | None
    """The Ministry of Justice registration number."""
    registration_date: str | None
    """The registration date (ISO)."""
    entry_into_force: DateInfo | None
    """When the act entered into force (None when no edition of it was ever in force)."""
    repeal: RepealSummary | None
    """Its repeal, when the corpus records one."""
    timeline: tuple[TimelineEntry, ...]
    """Its editions, oldest first."""
    comparisons: tuple[ComparisonEntry, ...]
    """Consecutive pairs of editions, oldest first."""
    positions: tuple[PositionRow, ...]
    """All positions, in the history's order (edition that introduced them, then document order)."""
    ledger: tuple[LedgerEntry, ...]
    """What could not be placed, read or attributed."""
    drift_href: str | None = None
    """The work's requirement-drift page, relative to the index, when the report has one."""


@dataclass(frozen=True, slots=True)
class IndexPage:
    """Context of the report index."""

    schema: str
    """"amendtrack/report-index@1"."""
    generator: str
    """The program and version that made the page."""
    generated_at: str | None
    """A generation time to print, only when the caller asks for one."""
    page_title: str
    """The HTML title."""
    works: tuple[WorkEntry, ...]
    """The acts of the corpus, in the order given."""


@dataclass(frozen=True, slots=True)
class Requirements:
    """A position's requirements as one edition prints them."""

    education: str
    """Education."""
    competence: str
    """Professional competence."""
    experience: tuple[str, ...]
    """Practical experience: the alternatives, in order."""
    duties: str
    """Functional duties."""
    experience_intro: str | None = None
    """The sentence before the alternatives ("… келесі талаптардың біріне сәйкес болуы тиіс:")."""
    experience_trailer: str | None = None
    """Unnumbered text printed after the alternatives."""
    repairs: tuple[RepairNote, ...] = ()
    """Where the extraction damaged the texts, in field order (see amendtrack/parse/repairs.py)."""


@dataclass(frozen=True, slots=True)
class RepairNote:
    """One kind of extraction damage in one field, explained for a reader."""

    field: str
    """The field it is in (education, competence, experience, duties)."""
    kind: str
    """"scrambled" (shown as extracted) or a kind the parser repaired."""
    text: str
    """The explanation, naming the source lines."""


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """A position in one edition of the history, and what changed since the edition before."""

    anchor: str
    """HTML id of the step (unique in the page)."""
    edition: int
    """The edition's place in the history."""
    file: str
    """The edition's file."""
    date: str
    """The edition's date (ISO)."""
    in_force: bool
    """False for a repealed text kept as the record."""
    applies_from: DateInfo
    """From when the edition applies."""
    produced_by: ActRef
    """The act that produced the edition, and so made this step's changes."""
    status: str
    """introduced, changed, unchanged, removed or repealed."""
    status_label: str
    """That status in words."""
    position: PositionRef | None
    """The position as this edition prints it (None once removed)."""
    requirements: Requirements | None
    """Its requirements in this edition (None once removed)."""
    match_label: str | None
    """How it was paired with the previous edition's position, in words."""
    fields: tuple[FieldGroup, ...]
    """Substantive changes since the previous edition, by field."""
    minor_fields: tuple[FieldGroup, ...]
    """Editorial and word-order changes since the previous edition."""
    diff_href: str | None
    """Relative link to the diff report that introduced this edition."""


@dataclass(frozen=True, slots=True)
class PositionHistoryPage:
    """Context of one position's history page."""

    schema: str
    """"amendtrack/report-position@1"."""
    generator: str
    """The program and version that made the page."""
    generated_at: str | None
    """A generation time to print, only when the caller asks for one."""
    page_title: str
    """The HTML title."""
    work_title: str
    """The act's title as printed."""
    language: str
    """Language of the act's text, or "" when unknown."""
    index_href: str | None
    """Relative link back to the index."""
    position: PositionRef
    """The position as its latest edition has it."""
    ids: tuple[str, ...]
    """Every id it had, in order (an id changes whenever its text does)."""
    in_force_from: DateInfo | None
    """When it entered into force (None when only a repealed text holds it)."""
    ending: str | None
    """How its time in force ended, in words (None while in force)."""
    steps: tuple[HistoryStep, ...]
    """It edition by edition, oldest first, with the edition that removed it, if any."""
    lineage_id: str = ""
    """Its identity across editions ("L…"): the same while it is matched as the same position."""


CONTEXT_TYPES: tuple[type, ...] = (
    Span, FieldChange, FieldGroup, PositionRef, PositionEntry, PositionGroup, MetaItem, EditionMeta,
    Counts, UnitSummaryRow, FieldSummaryRow, UnitRef, UnitChangeEntry, RepealStatementEntry, RepealInfo, DiffPage,
    ActRef, DateInfo, EventEntry, RepairNote, TimelineEntry, ComparisonEntry, RepealSummary, PositionRow, LedgerEntry, WorkEntry,
    IndexPage, Requirements, HistoryStep, PositionHistoryPage,
)
"""Every context dataclass (the documentation test walks these)."""
