"""The typed contexts of the index and the position pages: frozen dataclasses, one per part
(see report/context.py)."""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.report.context import (
    ActRef,
    Counts,
    DateInfo,
    FieldGroup,
    PositionRef,
    RequirementsView,
)


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
    translated: bool = False
    """True when `text` is the tool's finding in the interface language; False for
    printed text (in the act's language) and for findings still in English."""


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
class HistoryStep:
    """One version of a position: the edition that made it, and what changed since the version before.

    Editions that leave the position as it was are not steps: a page lists only
    what it shows, so an edition that does not touch the position does not change its page."""

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
    requirements: RequirementsView | None
    """Its requirements in this edition (None once removed)."""
    match_label: str | None
    """How it was paired with the previous edition's position, in words."""
    fields: tuple[FieldGroup, ...]
    """Substantive changes since the previous edition, by field."""
    minor_fields: tuple[FieldGroup, ...]
    """Editorial and word-order changes since the previous edition."""
    diff_href: str | None
    """Relative link to the diff report that introduced this edition."""
    until: int | None = None
    """The edition that replaced this version (None while it is the last)."""


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
