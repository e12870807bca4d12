"""HTML and JSON reports: one typed context per page, rendered by jinja2.

Each page has a frozen dataclass context built from plain data by a pure
function, and that one context feeds both outputs:

* ``render_*_html`` renders it with the package's templates (autoescaped, with
  ``StrictUndefined``, so a misspelt field is an error, not an empty cell);
* `page_json` dumps ``dataclasses.asdict`` of it, keys sorted.

Pages:

===================  =========================================  ===========================
page                 built from                                 context
===================  =========================================  ===========================
diff report          an ``amendtrack/diff@1`` document          `DiffPage`
index                the corpus summary (see `build_index_page`) `IndexPage`
position history     one position's editions                    `PositionHistoryPage`
===================  =========================================  ===========================

Why the pages look as they do (docs/reports.md says how to read them):

* **Nothing from an edition is markup.**  Every text goes through jinja2's
  autoescape; the redline macro writes ``<del>``/``<ins>`` around escaped
  text.  The only script is the report's own, allowed by a Content Security
  Policy that names its hash, so even a mistake in a template could not run a
  script smuggled into an edition, and the policy forbids every network fetch.
* **Self-contained and deterministic.**  The CSS and JavaScript are inlined;
  there are no timestamps; all order comes from the input (document order) or
  explicit sorts, so the same input gives the same bytes.
* **Readable without JavaScript.**  Every toggle is a ``<details>`` element or
  works per card without script; the script only adds page-wide switches,
  previous/next navigation and a filter.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from amendtrack import __version__

__all__ = [
    "DIFF_SCHEMA",
    "DiffPage",
    "IndexPage",
    "PositionHistoryPage",
    "build_diff_page",
    "build_index_page",
    "build_position_history_page",
    "environment",
    "page_json",
    "render_diff_html",
    "render_index_html",
    "render_position_history_html",
]

DIFF_SCHEMA = "amendtrack/diff@1"
"""The input contract of the diff report (issue 4; docs in the differ's module)."""

GENERATOR = f"amendtrack {__version__}"

# Field order on a card: what the position is, where it sits, then its requirements
# in the order the act prints them.
FIELD_ORDER: tuple[str, ...] = ("title", "category", "unit", "education", "competence", "experience", "duties")
FIELD_LABELS: Mapping[str, str] = {
    "title": "Title",
    "category": "Category",
    "unit": "Unit",
    "education": "Education",
    "competence": "Professional competence",
    "experience": "Practical experience",
    "duties": "Functional duties",
}
STATUS_LABELS: Mapping[str, str] = {
    "added": "Added",
    "removed": "Removed",
    "changed": "Changed",
    "unchanged": "Unchanged",
    "repealed": "Repealed",
    "absent": "Not in this edition",
    "in_force": "In force",
}
POSITION_STATUSES: tuple[str, ...] = ("added", "removed", "changed", "unchanged", "repealed")
# "small" is the differ's tag for a typo-sized change (one or two letters): still
# substantive, because the official text changed, but a reviewer may filter it.
KIND_LABELS: Mapping[str, str] = {
    "substantive": "substantive",
    "small": "typo-sized",
    "editorial": "editorial",
    "reordering": "word order only",
    "added": "added",
    "removed": "removed",
    "annotation": "publisher's annotation",
}
ACT_FIELD_LABELS: Mapping[str, str] = {
    "title": "Title of the act",
    "issuer": "Issuer",
    "act_type": "Type of act",
    "number": "Number",
    "date": "Date",
    "registration": "Registration",
    "status": "Status",
    "status_text": "Publisher's status line",
    "repeal_text": "Publisher's repeal sentence",
    "notes": "Publisher's editorial notes",
}
MATCH_LABELS: Mapping[str, str] = {
    "identical": "identical text",
    "title": "same title in the same unit",
    "similar": "similar title and requirements",
}
UNIT_ACTION_LABELS: Mapping[str, str] = {"added": "Unit added", "removed": "Unit removed", "changed": "Unit changed"}
LEDGER_LABELS: Mapping[str, str] = {
    "unplaced": "Text the parser could not place",
    "parse_warning": "Parser warning",
    "unparsed_note": "Editorial note that could not be read",
    "note_warning": "Notes that disagree",
    "history_warning": "History finding",
}

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
    """The position id in that edition (see ids.py)."""
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
    """What it did ("repealed", "amended", ...), as history.py reads it."""
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
    href: str | None
    """Relative link to its history page."""


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


CONTEXT_TYPES: tuple[type, ...] = (
    Span, FieldChange, FieldGroup, PositionRef, PositionEntry, PositionGroup, MetaItem, EditionMeta,
    Counts, UnitSummaryRow, FieldSummaryRow, UnitRef, UnitChangeEntry, RepealStatementEntry, RepealInfo, DiffPage,
    ActRef, DateInfo, EventEntry, TimelineEntry, ComparisonEntry, RepealSummary, PositionRow, LedgerEntry, WorkEntry,
    IndexPage, Requirements, HistoryStep, PositionHistoryPage,
)
"""Every context dataclass (the documentation test walks these)."""


# ================================================================ small readers
#
# The builders read plain JSON data.  A key the contract requires that is missing
# or of the wrong type is a ValueError naming where it is: a report that quietly
# skipped part of a diff would tell a reviewer "nothing changed" where it did.


def _need(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(obj).__name__}")
    if key not in obj:
        raise ValueError(f"{where}: missing key {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise ValueError(f"{where}.{key}: expected {_kind_name(kind)}, got {type(value).__name__}")
    return value


def _opt(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if obj.get(key) is None:
        return None
    return _need(obj, key, kind, where)


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return " or ".join(k.__name__ for k in _as_tuple(kind))


def _text_or_none(value: Any) -> str | None:
    """A scalar as text for display; None stays None (shown as "unknown")."""
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _language(value: Any) -> str:
    # Only the two languages the corpus has; anything else is "unknown" (lang=""),
    # rather than a lang attribute that misleads screen readers and hyphenation.
    return value if value in ("kk", "ru") else ""


def _anchor(prefix: str, raw: str, taken: set[str]) -> str:
    """An HTML id from arbitrary text: [A-Za-z0-9_-] only, unique within `taken`."""
    base = f"{prefix}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "x")
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _relative_href(value: Any, where: str) -> str:
    """A link into the report folder: relative, no scheme, no host.

    Links come from our own corpus walk, but a page must never link out of the
    folder it ships in (it is opened from file:// and may be mailed around).
    """
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: expected a relative link, got {value!r}")
    if _SCHEME.match(value) or value.startswith(("/", "\\")) or any(ch in value for ch in "\\\0\n\r\t"):
        raise ValueError(f"{where}: not a relative link inside the report: {value!r}")
    return value


# ================================================================ diff report


def _spans(ops: Any, old: str, new: str, where: str) -> tuple[Span, ...]:
    """diff@1 ops as Spans, checked to rebuild both texts exactly."""
    if not isinstance(ops, list):
        raise ValueError(f"{where}.ops: expected a list, got {type(ops).__name__}")
    spans = []
    for i, op in enumerate(ops):
        if (
            not isinstance(op, list | tuple)
            or len(op) != 2
            or isinstance(op[0], bool)
            or op[0] not in _SPAN_KINDS
            or not isinstance(op[1], str)
        ):
            raise ValueError(f"{where}.ops[{i}]: expected [-1|0|1, text], got {op!r}")
        if op[1]:
            spans.append(Span(kind=_SPAN_KINDS[op[0]], text=op[1]))
    rebuilt_old = "".join(s.text for s in spans if s.kind != "insert")
    rebuilt_new = "".join(s.text for s in spans if s.kind != "delete")
    # A redline that does not rebuild its texts would show a reviewer words the
    # edition does not contain: refuse it rather than render it.
    if rebuilt_old != old or rebuilt_new != new:
        raise ValueError(f"{where}.ops: the redline does not rebuild the old and new texts")
    return tuple(spans)


def _item_label(field: str, part: str | None, shape: str, old_item: int | None, new_item: int | None) -> str:
    """Where in an experience list a change is: items are aligned one to one."""
    if part == "intro":
        return f"Introductory sentence {shape}"
    if part == "trailer":
        return f"Closing text {shape}"
    if part != "item" and field != "experience":
        return ""
    if shape == "added":
        return f"Item {new_item} added" if new_item else "Item added"
    if shape == "removed":
        return f"Item {old_item} removed" if old_item else "Item removed"
    if old_item and new_item:
        return f"Item {old_item} changed" if old_item == new_item else f"Item {old_item} → {new_item} changed"
    return "Item changed"


def _field_change(raw: Mapping[str, Any], where: str, ops: Any = None) -> FieldChange:
    field = _need(raw, "field", str, where)
    kind = _need(raw, "kind", str, where)
    old = _need(raw, "old", str, where)
    new = _need(raw, "new", str, where)
    substantive = _need(raw, "substantive", bool, where)
    part = _opt(raw, "part", str, where)
    old_item = _opt(raw, "old_item", int, where)
    new_item = _opt(raw, "new_item", int, where)
    shape: ChangeShape = "added" if not old and new else "removed" if old and not new else "changed"
    return FieldChange(
        field=field,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        substantive=substantive,
        small=kind == "small",
        shape=shape,
        part=part,
        old_item=old_item,
        new_item=new_item,
        label=_item_label(field, part, shape, old_item, new_item),
        old=old,
        new=new,
        spans=_spans(raw.get("ops") if ops is None else ops, old, new, where),
    )


def _group(
    changes: Iterable[FieldChange], labels: Mapping[str, str] = FIELD_LABELS
) -> tuple[FieldGroup, ...]:
    """Changes by field, fields in the order of `labels`, unknown fields after them by name."""
    by_field: dict[str, list[FieldChange]] = {}
    for change in changes:
        by_field.setdefault(change.field, []).append(change)
    order = {name: i for i, name in enumerate(labels)}
    names = sorted(by_field, key=lambda name: (order.get(name, len(order)), name))
    return tuple(FieldGroup(name, labels.get(name, name), tuple(by_field[name])) for name in names)


def _position_ref(raw: Any, where: str) -> PositionRef | None:
    if raw is None:
        return None
    annex = _opt(raw, "annex", int, where)
    return PositionRef(
        id=_need(raw, "id", str, where),
        annex=annex,
        unit=_opt(raw, "unit", str, where),
        title=_need(raw, "title", str, where),
        category=_need(raw, "category", str, where),
        requirements=_requirements(raw.get("requirements"), f"{where}.requirements"),
    )


def _match_label(stage: str | None, score: Any) -> str | None:
    if stage is None:
        return None
    label = MATCH_LABELS.get(stage, stage)
    if stage == "similar" and isinstance(score, int | float) and not isinstance(score, bool):
        # The matcher's own score, so a reviewer can judge a pairing the tool made by likeness.
        label += f" (score {score:.2f})"
    return label


def _position_entry(raw: Mapping[str, Any], where: str, taken: set[str]) -> PositionEntry:
    status = _need(raw, "status", str, where)
    if status not in POSITION_STATUSES:
        raise ValueError(f"{where}.status: unknown status {status!r}")
    old = _position_ref(raw.get("old"), f"{where}.old")
    new = _position_ref(raw.get("new"), f"{where}.new")
    if old is None and new is None:
        raise ValueError(f"{where}: neither an old nor a new position")
    changes = [
        _field_change(c, f"{where}.changes[{i}]")
        for i, c in enumerate(_need(raw, "changes", list, where))
    ]
    has_substantive = any(c.substantive for c in changes)
    if status == "changed" and not has_substantive:
        raise ValueError(f"{where}: status 'changed' without a substantive change")
    if status == "unchanged" and has_substantive:
        raise ValueError(f"{where}: status 'unchanged' with a substantive change")
    shown = new or old
    assert shown is not None
    substantive = [c for c in changes if c.substantive]
    stage = _opt(raw, "match", str, where)
    return PositionEntry(
        anchor=_anchor("pos", shown.id, taken),
        status=status,
        status_label=STATUS_LABELS[status],
        title=shown.title,
        annex=shown.annex,
        unit=shown.unit,
        category=shown.category,
        old=old,
        new=new,
        match=stage,
        match_label=_match_label(stage, raw.get("score")),
        fields=_group(substantive),
        minor_fields=_group(c for c in changes if not c.substantive),
        only_small=bool(substantive) and all(c.small for c in substantive),
        number=None,
        previous=None,
        next=None,
    )


_KNOWN_META = (
    "path", "sha256", "act_number", "act_date", "date", "registration_number", "positions", "status", "title",
    "language",
)


def _edition_meta(raw: Any, role: str) -> EditionMeta:
    where = f"diff document.{role}"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    status = _text_or_none(raw.get("status"))
    return EditionMeta(
        role=role,
        heading="Old edition" if role == "old" else "New edition",
        path=_text_or_none(raw.get("path")),
        sha256=_text_or_none(raw.get("sha256")),
        act_number=_text_or_none(raw.get("act_number")),
        date=_text_or_none(raw.get("act_date", raw.get("date"))),
        registration_number=_text_or_none(raw.get("registration_number")),
        positions=raw["positions"] if isinstance(raw.get("positions"), int) else None,
        status=status,
        status_label=STATUS_LABELS.get(status, status) if status else None,
        title=_text_or_none(raw.get("title")),
        language=_text_or_none(raw.get("language")),
        extra=tuple(
            MetaItem(key, _text_or_none(raw[key]) or "")
            for key in sorted(raw)
            if key not in _KNOWN_META and raw[key] is not None
        ),
    )


def _counts(entries: Sequence[PositionEntry]) -> Counts:
    def n(status: str) -> int:
        return sum(1 for e in entries if e.status == status)

    return Counts(added=n("added"), removed=n("removed"), changed=n("changed"),
                  unchanged=n("unchanged"), repealed=n("repealed"))


def _groups(entries: Iterable[PositionEntry]) -> tuple[PositionGroup, ...]:
    """Entries by (annex, unit), groups in order of first appearance."""
    grouped: dict[tuple[int | None, str | None], list[PositionEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.annex, entry.unit), []).append(entry)
    return tuple(PositionGroup(annex, unit, tuple(items)) for (annex, unit), items in grouped.items())


def _by_unit(entries: Sequence[PositionEntry]) -> tuple[UnitSummaryRow, ...]:
    rows = []
    for group in _groups(entries):
        items = group.positions
        minor = sum(1 for e in items if e.status == "unchanged" and e.minor_fields)
        rows.append(UnitSummaryRow(
            annex=group.annex,
            unit=group.unit,
            added=sum(1 for e in items if e.status == "added"),
            removed=sum(1 for e in items if e.status == "removed"),
            changed=sum(1 for e in items if e.status == "changed"),
            repealed=sum(1 for e in items if e.status == "repealed"),
            unchanged=sum(1 for e in items if e.status == "unchanged"),
            minor=minor,
            active=minor > 0 or any(e.status != "unchanged" for e in items),
        ))
    return tuple(rows)


def _by_field(entries: Sequence[PositionEntry]) -> tuple[FieldSummaryRow, ...]:
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    names = sorted(
        {g.field for e in entries for g in e.fields + e.minor_fields},
        key=lambda name: (order.get(name, len(order)), name),
    )
    rows = []
    for name in names:
        major = [c for e in entries for g in e.fields if g.field == name for c in g.changes]
        minor = [c for e in entries for g in e.minor_fields if g.field == name for c in g.changes]
        rows.append(FieldSummaryRow(
            field=name,
            label=FIELD_LABELS.get(name, name),
            positions=sum(1 for e in entries if any(g.field == name for g in e.fields)),
            substantive=sum(1 for c in major if not c.small),
            small=sum(1 for c in major if c.small),
            minor=len(minor),
        ))
    return tuple(rows)


def _linked(entries: Sequence[PositionEntry]) -> tuple[PositionEntry, ...]:
    """Number the navigable changes and link each to its neighbours."""
    out = []
    for i, entry in enumerate(entries):
        out.append(replace(
            entry,
            number=i + 1,
            previous=entries[i - 1].anchor if i > 0 else None,
            next=entries[i + 1].anchor if i + 1 < len(entries) else None,
        ))
    return tuple(out)


def _unit_ref(raw: Any, where: str) -> UnitRef | None:
    if raw is None:
        return None
    return UnitRef(
        annex=_opt(raw, "annex", int, where),
        ordinal=_opt(raw, "ordinal", int, where),
        number=_opt(raw, "number", str, where),
        name=_need(raw, "name", str, where),
    )


def _unit_changes(raw: Any) -> tuple[UnitChangeEntry, ...]:
    out = []
    for i, u in enumerate(raw or []):
        where = f"diff document.units[{i}]"
        action = _need(u, "action", str, where)
        changes = [_field_change(c, f"{where}.changes[{j}]") for j, c in enumerate(u.get("changes") or [])]
        out.append(UnitChangeEntry(
            action=action,
            action_label=UNIT_ACTION_LABELS.get(action, action),
            old=_unit_ref(u.get("old"), f"{where}.old"),
            new=_unit_ref(u.get("new"), f"{where}.new"),
            renamed=bool(u.get("renamed")),
            renumbered=bool(u.get("renumbered")),
            substantive=bool(u.get("substantive", True)),
            fields=_group(changes),
        ))
    return tuple(out)


_STATEMENT_SOURCES: Mapping[str, str] = {"header": "the publisher's repeal sentence", "note": "an editorial note"}


def _repeal(raw: Any) -> RepealInfo | None:
    if raw is None:
        return None
    where = "diff document.act.repeal"
    statements = tuple(
        RepealStatementEntry(
            source=(source := _need(st, "source", str, f"{where}.statements[{i}]")),
            source_label=_STATEMENT_SOURCES.get(source, source),
            text=_need(st, "text", str, f"{where}.statements[{i}]"),
            problem=_opt(st, "problem", str, f"{where}.statements[{i}]"),
        )
        for i, st in enumerate(raw.get("statements") or [])
    )
    act = raw.get("repealing_act")
    return RepealInfo(
        repealing_act=_act_ref(act, f"{where}.repealing_act") if act is not None else None,
        statements=statements,
    )


def _act_changes(raw: Any) -> tuple[FieldGroup, ...]:
    if not isinstance(raw, Mapping):
        return ()
    changes = [
        _field_change(c, f"diff document.act.changes[{i}]") for i, c in enumerate(raw.get("changes") or [])
    ]
    return _group(changes, ACT_FIELD_LABELS)


def build_diff_page(
    diff_doc: Mapping[str, Any], *, index_href: str | None = None, generated_at: str | None = None
) -> DiffPage:
    """The diff report's context from an ``amendtrack/diff@1`` document.

    Positions keep the document's order (the differ's document order).  The
    document's ``summary`` must agree with its positions.

    :param diff_doc: the diff document, as parsed JSON.
    :param index_href: relative link to the report index, when the page is part of one.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when the document is not diff@1, misses a key the contract
        requires, or contradicts itself (summary, statuses, redlines that do not
        rebuild their texts).
    """
    if not isinstance(diff_doc, Mapping):
        raise ValueError(f"diff document: expected an object, got {type(diff_doc).__name__}")
    schema = diff_doc.get("schema")
    if schema != DIFF_SCHEMA:
        raise ValueError(f"diff document: schema is {schema!r}, expected {DIFF_SCHEMA!r}")
    old = _edition_meta(diff_doc.get("old"), "old")
    new = _edition_meta(diff_doc.get("new"), "new")
    taken: set[str] = set()
    raw_positions = _need(diff_doc, "positions", list, "diff document")
    entries = [
        _position_entry(raw, f"diff document.positions[{i}]", taken) for i, raw in enumerate(raw_positions)
    ]
    counts = _counts(entries)
    summary = _need(diff_doc, "summary", Mapping, "diff document")
    for status in POSITION_STATUSES:
        stated = summary.get(status)
        if stated is not None and stated != getattr(counts, status):
            raise ValueError(
                f"diff document.summary.{status}: says {stated}, "
                f"but {getattr(counts, status)} positions have that status"
            )
    changes = _linked([e for e in entries if e.status in ("added", "removed", "changed")])
    minor_only = tuple(e for e in entries if e.status == "unchanged" and e.minor_fields)
    plain_unchanged = [e for e in entries if e.status == "unchanged" and not e.minor_fields]
    act_title = new.title or old.title
    act = diff_doc.get("act")
    repeal = _repeal(act.get("repeal")) if isinstance(act, Mapping) else None
    return DiffPage(
        schema="amendtrack/report-diff@1",
        generator=GENERATOR,
        page_title="Changes: " + " → ".join(
            meta.date or meta.path or "unknown" for meta in (old, new)
        ),
        act_title=act_title,
        language=_language(new.language or old.language),
        index_href=_relative_href(index_href, "index_href") if index_href is not None else None,
        generated_at=generated_at,
        old=old,
        new=new,
        counts=counts,
        whole_act_repealed=repeal is not None or (new.status == "repealed" and counts.repealed > 0),
        repeal=repeal,
        act_changes=_act_changes(act),
        units=_unit_changes(diff_doc.get("units")),
        by_unit=_by_unit(entries),
        by_field=_by_field(entries),
        changes=changes,
        small_only_count=sum(1 for e in changes if e.only_small),
        minor_only=minor_only,
        minor_change_count=sum(len(g.changes) for e in entries for g in e.minor_fields),
        repealed=_groups(e for e in entries if e.status == "repealed"),
        unchanged=_groups(plain_unchanged),
        unchanged_count=len(plain_unchanged),
    )


# ================================================================ index
#
# The index and the history pages read the history engineer's JSON,
# ``amendtrack/history@1`` (history.history_to_dict), plus what only the corpus
# walk knows: where the other pages are, and what the parser could not place.


def _act_ref(raw: Any, where: str) -> ActRef:
    if raw is None:
        return ActRef(type=None, number=None, date=None, issuer=None)
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    return ActRef(
        type=_text_or_none(raw.get("type")),
        number=_text_or_none(raw.get("number")),
        date=_text_or_none(raw.get("date")),
        issuer=_text_or_none(raw.get("issuer")),
    )


def _legal_date(raw: Any) -> DateInfo:
    """A LegalDate's to_dict() for a page; anything missing stays unknown."""
    if not isinstance(raw, Mapping):
        return DateInfo(known=False, text="unknown", rule=None, basis=None)
    rule, basis = _text_or_none(raw.get("rule")), _text_or_none(raw.get("basis"))
    value = raw.get("value")
    if raw.get("known") and isinstance(value, str) and value:
        return DateInfo(known=True, text=value, rule=rule, basis=basis)
    bounds = []
    if isinstance(raw.get("not_before"), str):
        bounds.append(f"{'after' if raw.get('lower_exclusive') else 'on or after'} {raw['not_before']}")
    if isinstance(raw.get("not_after"), str):
        bounds.append(f"{'before' if raw.get('upper_exclusive') else 'on or before'} {raw['not_after']}")
    text = "unknown: " + ", ".join(bounds) if bounds else "unknown"
    return DateInfo(known=False, text=text, rule=rule, basis=basis)


def _summary_counts(raw: Any, where: str) -> Counts:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    return Counts(**{status: _need(raw, status, int, where) for status in POSITION_STATUSES})


def _span_words(editions: Sequence[int]) -> str:
    """[1, 2, 3] → "1–3"; [2] → "2"; gaps kept: [1, 3] → "1, 3"."""
    runs: list[list[int]] = []
    for n in sorted(editions):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


_ENDING_LABELS: Mapping[str, str] = {"repealed": "Repealed", "removed": "Removed"}


def _ending_words(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    kind = _need(raw, "kind", str, where)
    act = _act_ref(raw.get("act"), f"{where}.act")
    effective = _legal_date(raw.get("date")).text
    verb = "Repealed with the act" if kind == "repealed" else "Removed"
    return f"{verb} by act No. {act.number or 'unknown'} of {act.date or 'unknown'}; effective: {effective}"


def _ledger_from_history(history: Mapping[str, Any]) -> list[LedgerEntry]:
    """The history's own doubts: notes it could not read, notes that disagree, its warnings."""

    def entry(file: Any, kind: str, text: Any, reason: Any = None) -> LedgerEntry:
        return LedgerEntry(file=_text_or_none(file), line=None, kind=kind, kind_label=LEDGER_LABELS[kind],
                           text=str(text), reason=_text_or_none(reason))

    out = []
    for edition in history.get("editions") or []:
        file = edition.get("file")
        out += [entry(file, "unparsed_note", n.get("text", ""), n.get("reason"))
                for n in edition.get("unread_notes") or []]
        out += [entry(file, "note_warning", w) for w in edition.get("note_warnings") or []]
    out += [entry(None, "history_warning", w) for w in history.get("warnings") or []]
    return out


def _work_entry(item: Mapping[str, Any], where: str) -> WorkEntry:
    history = _need(item, "history", Mapping, where)
    where_h = f"{where}.history"
    work = _need(history, "work", Mapping, where_h)
    language = _language(work.get("language"))
    registration = work.get("registration") or {}
    editions = _need(history, "editions", list, where_h)
    comparisons_raw = item.get("comparisons") or []
    diff_href_of = {}
    comparisons = []
    produced = {e.get("index"): e.get("produced_by") for e in editions}
    dates = {e.get("index"): e.get("date") for e in editions}
    for i, c in enumerate(comparisons_raw):
        w = f"{where}.comparisons[{i}]"
        old_index, new_index = _need(c, "old", int, w), _need(c, "new", int, w)
        summary = _need(c, "summary", Mapping, w)
        href = _relative_href(c.get("href"), f"{w}.href")
        diff_href_of[new_index] = href
        comparisons.append(ComparisonEntry(
            old_index=old_index,
            new_index=new_index,
            old_date=_text_or_none(dates.get(old_index)),
            new_date=_text_or_none(dates.get(new_index)),
            produced_by=_act_ref(produced[new_index], f"{w}.produced_by") if produced.get(new_index) else None,
            counts=_summary_counts(summary, f"{w}.summary"),
            units_changed=int(summary.get("units_changed") or 0),
            act_changed=bool(summary.get("act_changed")),
            href=href,
        ))
    timeline = []
    for i, e in enumerate(editions):
        w = f"{where_h}.editions[{i}]"
        index = _need(e, "index", int, w)
        status = _need(e, "status", str, w)
        timeline.append(TimelineEntry(
            index=index,
            file=_need(e, "file", str, w),
            date=_need(e, "date", str, w),
            status=status,
            status_label=STATUS_LABELS.get(status, status),
            in_force=bool(e.get("in_force", status == "in_force")),
            applies_from=_legal_date(e.get("applies_from")),
            produced_by=_act_ref(e.get("produced_by"), f"{w}.produced_by"),
            sha256=_need(e, "sha256", str, w),
            derived_from=_opt(e, "derived_from", str, w),
            positions=e["positions"] if isinstance(e.get("positions"), int) else None,
            events=tuple(
                EventEntry(
                    text=_need(ev, "text", str, f"{w}.events[{j}]"),
                    action=str(ev.get("action", "")),
                    target=str(ev.get("target", "")),
                    act=_act_ref(ev.get("citing_act"), f"{w}.events[{j}].citing_act"),
                )
                for j, ev in enumerate(e.get("events") or [])
            ),
            diff_href=diff_href_of.get(index),
        ))
    hrefs = item.get("position_hrefs") or {}
    positions = []
    for i, p in enumerate(history.get("positions") or []):
        w = f"{where_h}.positions[{i}]"
        ids = _need(p, "ids", list, w)
        key = str(ids[0]) if ids else _need(p, "id", str, w)
        ending = p.get("ending")
        ending_kind = _need(ending, "kind", str, f"{w}.ending") if ending else None
        positions.append(PositionRow(
            key=key,
            title=_need(p, "title", str, w),
            category=_need(p, "category", str, w),
            annex=_opt(p, "annex", int, w),
            unit=_opt(p, "unit", str, w),
            editions=_span_words([n for n in p.get("editions") or [] if isinstance(n, int)]),
            changed_in=tuple(n for n in p.get("changed_in") or [] if isinstance(n, int)),
            ending=ending_kind,
            ending_label=_ENDING_LABELS.get(ending_kind or "", "In force"),
            href=_relative_href(hrefs[key], f"{where}.position_hrefs[{key!r}]") if key in hrefs else None,
        ))
    ledger = [
        LedgerEntry(
            file=_opt(entry, "file", str, f"{where}.ledger[{i}]"),
            line=_opt(entry, "line", int, f"{where}.ledger[{i}]"),
            kind=(kind := _need(entry, "kind", str, f"{where}.ledger[{i}]")),
            kind_label=LEDGER_LABELS.get(kind, kind),
            text=_need(entry, "text", str, f"{where}.ledger[{i}]"),
            reason=_opt(entry, "reason", str, f"{where}.ledger[{i}]"),
        )
        for i, entry in enumerate(item.get("ledger") or [])
    ] + _ledger_from_history(history)
    repeal_raw = history.get("repeal")
    repeal = None
    if repeal_raw:
        statements: list[str] = []
        for event in repeal_raw.get("events") or []:
            statements.append(str(event.get("text", "")))
            statements += [str(also.get("text", "")) for also in event.get("also_in") or []]
        repeal = RepealSummary(
            edition=_need(repeal_raw, "edition", int, f"{where_h}.repeal"),
            act=_act_ref(repeal_raw.get("act"), f"{where_h}.repeal.act"),
            effective=_legal_date(repeal_raw.get("effective")),
            statements=tuple(statements),
        )
    entry_raw = history.get("entry_into_force")
    return WorkEntry(
        slug=_need(work, "slug", str, f"{where_h}.work"),
        code=_text_or_none(work.get("code")) or _need(work, "slug", str, f"{where_h}.work"),
        title=str(work.get("title") or ""),
        language=language,
        act=ActRef(
            type=_text_or_none(work.get("act_type")),
            number=_text_or_none(work.get("number")),
            date=_text_or_none(work.get("date")),
            issuer=_text_or_none(work.get("issuer")),
        ),
        registration_number=_text_or_none(registration.get("number")),
        registration_date=_text_or_none(registration.get("date")),
        entry_into_force=_legal_date(entry_raw) if entry_raw is not None else None,
        repeal=repeal,
        timeline=tuple(sorted(timeline, key=lambda t: t.index)),
        comparisons=tuple(sorted(comparisons, key=lambda c: (c.old_index, c.new_index))),
        positions=tuple(positions),
        # Files in name order, the whole-history findings last, each file's entries by line.
        ledger=tuple(sorted(
            ledger, key=lambda e: (e.file is None, e.file or "", e.line or 0, e.kind, e.text)
        )),
    )


def build_index_page(works: Sequence[Mapping[str, Any]], *, generated_at: str | None = None) -> IndexPage:
    """The index's context: every work's timeline, comparisons, positions and ledger.

    Each item of `works` is::

        {"history": history_to_dict(h),                # amendtrack/history@1, all positions
         "comparisons": [{"old": 1, "new": 2,          # edition indexes in the history
                          "summary": diff@1 summary,   # of comparison_to_dict
                          "href": "relative/diff.html"}],
         "position_hrefs": {lineage key: "relative/position.html"},
         "ledger": [{"file", "line", "kind", "text", "reason"}]}   # unplaced text, parse warnings

    Unread notes and the history's warnings are added to the ledger from the
    history itself.

    :param works: one item per work (and language), in the order to show.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when a required key is missing or a link leaves the report folder.
    """
    return IndexPage(
        schema="amendtrack/report-index@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title="amendtrack: editions and changes",
        works=tuple(_work_entry(w, f"index[{i}]") for i, w in enumerate(works)),
    )


# ================================================================ position history


def _requirements(raw: Any, where: str) -> Requirements | None:
    if raw is None:
        return None
    experience = _need(raw, "experience", list, where)
    if not all(isinstance(item, str) for item in experience):
        raise ValueError(f"{where}.experience: expected a list of texts")
    return Requirements(
        education=_need(raw, "education", str, where),
        competence=_need(raw, "competence", str, where),
        experience=tuple(experience),
        duties=_need(raw, "duties", str, where),
    )


HISTORY_STATUS_LABELS: Mapping[str, str] = {
    "introduced": "Introduced",
    "changed": "Changed",
    "unchanged": "Unchanged",
    "removed": "Removed",
    "repealed": "Repealed with the act",
}


def _history_change(raw: Mapping[str, Any], where: str) -> FieldChange:
    # history@1 changes carry a marked-up redline text, not ops; the ops are made
    # again by the same adapter the differ uses (textdiff.word_diff is a pure,
    # deterministic function of the two texts), so the redline is the differ's.
    ops = raw.get("ops")
    if ops is None:
        from amendtrack.textdiff import word_diff

        old, new = _need(raw, "old", str, where), _need(raw, "new", str, where)
        ops = [[int(op), text] for op, text in word_diff(old, new)]
    return _field_change(raw, where, ops)


def build_position_history_page(
    history_doc: Mapping[str, Any],
    *,
    index_href: str | None = None,
    diff_hrefs: Mapping[int, str] | None = None,
    generated_at: str | None = None,
) -> PositionHistoryPage:
    """One position's history page from ``history_to_dict(h, lineage)``.

    :param history_doc: ``amendtrack/history@1`` with one ``position`` (its appearances).
    :param index_href: relative link back to the index.
    :param diff_hrefs: for an edition index, the relative link to the diff report that produced it.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when a required key is missing or a redline does not rebuild its texts.
    """
    work = _need(history_doc, "work", Mapping, "history")
    language = _language(work.get("language"))
    lineage = _need(history_doc, "position", Mapping, "history")
    editions = {e["index"]: e for e in _need(history_doc, "editions", list, "history") if isinstance(e, Mapping)}
    hrefs = {k: _relative_href(v, f"diff_hrefs[{k}]") for k, v in (diff_hrefs or {}).items()}
    taken: set[str] = set()
    steps = []
    appearances = _need(lineage, "appearances", list, "history.position")
    for i, a in enumerate(appearances):
        where = f"history.position.appearances[{i}]"
        index = _need(a, "edition", int, where)
        edition = editions.get(index)
        if edition is None:
            raise ValueError(f"{where}.edition: no edition {index} in the history")
        in_force = bool(edition.get("in_force", True))
        change = _need(a, "change", str, where)
        # A repealed text still prints the position; it is the record, not law.
        status = change if in_force else "repealed"
        raw_position = _need(a, "position", Mapping, where)
        changes = [_history_change(c, f"{where}.changes[{j}]") for j, c in enumerate(a.get("changes") or [])]
        steps.append(HistoryStep(
            anchor=_anchor("edition", str(index), taken),
            edition=index,
            file=str(edition.get("file", "")),
            date=str(edition.get("date", "")),
            in_force=in_force,
            applies_from=_legal_date(edition.get("applies_from")),
            produced_by=_act_ref(edition.get("produced_by"), f"history.editions[{index}].produced_by"),
            status=status,
            status_label=HISTORY_STATUS_LABELS.get(status, status),
            position=_position_ref(raw_position, f"{where}.position"),
            requirements=_requirements(raw_position.get("requirements"), f"{where}.position.requirements"),
            match_label=_match_label(a.get("stage"), a.get("score")),
            fields=_group(c for c in changes if c.substantive),
            minor_fields=_group(c for c in changes if not c.substantive),
            diff_href=hrefs.get(index),
        ))
    ending = lineage.get("ending")
    if ending and ending.get("kind") == "removed":
        index = _need(ending, "edition", int, "history.position.ending")
        edition = editions.get(index, {})
        steps.append(HistoryStep(
            anchor=_anchor("edition", str(index), taken),
            edition=index,
            file=str(edition.get("file", "")),
            date=str(edition.get("date", "")),
            in_force=bool(edition.get("in_force", True)),
            applies_from=_legal_date(edition.get("applies_from")),
            produced_by=_act_ref(ending.get("act"), "history.position.ending.act"),
            status="removed",
            status_label=HISTORY_STATUS_LABELS["removed"],
            position=None,
            requirements=None,
            match_label=None,
            fields=(),
            minor_fields=(),
            diff_href=hrefs.get(index),
        ))
    latest = _position_ref(lineage, "history.position")
    assert latest is not None
    in_force_from = lineage.get("in_force_from")
    return PositionHistoryPage(
        schema="amendtrack/report-position@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title=f"History: {latest.title}",
        work_title=str(work.get("title") or ""),
        language=language,
        index_href=_relative_href(index_href, "index_href") if index_href is not None else None,
        position=latest,
        ids=tuple(str(x) for x in lineage.get("ids") or [latest.id]),
        in_force_from=_legal_date(in_force_from) if in_force_from is not None else None,
        ending=_ending_words(ending, "history.position.ending"),
        steps=tuple(steps),
    )


# ================================================================ rendering


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    """``3 changes``, ``1 change``: the count and the noun that agrees with it."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


# Bidirectional controls reorder the text around them without being visible: in
# an official Kazakh or Russian text they can only be damage or mischief, and a
# reviewer must see them rather than read words in an order the edition does not
# have.  They are shown as a visible code point, the rest of the text untouched.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> Markup:
    """Edition text for the page: escaped, with bidi controls made visible.

    The result is Markup, so it is the one place outside the templates that
    builds HTML: every piece of the text goes through `Markup.escape` first.
    """
    out = []
    last = 0
    for match in _BIDI_CONTROLS.finditer(text):
        out.append(Markup.escape(text[last:match.start()]))
        code = f"U+{ord(match.group()):04X}"
        out.append(Markup('<span class="ctl" title="invisible control character {0}">[{0}]</span>').format(code))
        last = match.end()
    out.append(Markup.escape(text[last:]))
    return Markup("").join(out)


def _or_unknown(value: Any) -> str:
    """A value to show, or "unknown" when it is missing: unknown stays visibly unknown."""
    return "unknown" if value is None or value == "" else str(value)


@dataclass(frozen=True, slots=True)
class _Asset:
    """An inlined stylesheet or script and the CSP source that allows exactly it."""

    text: Markup
    csp: str


def _asset(name: str, closing: str) -> _Asset:
    text = resources.files("amendtrack").joinpath("templates", name).read_text(encoding="utf-8")
    # Inlined raw into <style>/<script>; a closing tag inside would end the element early.
    if closing in text.lower():
        raise RuntimeError(f"templates/{name} contains {closing!r}")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return _Asset(text=Markup(text), csp=f"'sha256-{digest}'")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one jinja2 environment of the reports: package templates, autoescape,
    StrictUndefined, and only the filters registered here."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("amendtrack", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plural"] = _plural
    env.filters["or_unknown"] = _or_unknown
    env.filters["shown"] = _shown
    css = _asset("report.css", "</style")
    js = _asset("report.js", "</script")
    env.globals["inline_css"] = css.text
    env.globals["inline_js"] = js.text
    # No default source: nothing is fetched, framed or submitted.  Only the two
    # inlined assets are allowed, by hash.
    env.globals["csp"] = (
        f"default-src 'none'; style-src {css.csp}; script-src {js.csp}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    env.globals["generator"] = GENERATOR
    return env


def _render(template: str, page: Any) -> str:
    return environment().get_template(template).render(page=page)


def render_diff_html(
    diff_doc: Mapping[str, Any], *, index_href: str | None = None, generated_at: str | None = None
) -> str:
    """The diff report of an ``amendtrack/diff@1`` document, as one self-contained HTML page.

    :param diff_doc: the diff document, as parsed JSON.
    :param index_href: relative link to the report index, when the page is part of one.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_diff_page`.
    """
    return _render("diff.html", build_diff_page(diff_doc, index_href=index_href, generated_at=generated_at))


def render_index_html(works: Sequence[Mapping[str, Any]], *, generated_at: str | None = None) -> str:
    """The report index as one self-contained HTML page.

    :param works: one item per work (see `build_index_page`).
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_index_page`.
    """
    return _render("index.html", build_index_page(works, generated_at=generated_at))


def render_position_history_html(
    history_doc: Mapping[str, Any],
    *,
    index_href: str | None = None,
    diff_hrefs: Mapping[int, str] | None = None,
    generated_at: str | None = None,
) -> str:
    """One position's history as one self-contained HTML page.

    :param history_doc: ``history_to_dict(h, lineage)`` (see `build_position_history_page`).
    :param index_href: relative link back to the index.
    :param diff_hrefs: for an edition index, the link to the diff report that produced it.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_position_history_page`.
    """
    page = build_position_history_page(
        history_doc, index_href=index_href, diff_hrefs=diff_hrefs, generated_at=generated_at
    )
    return _render("position.html", page)


def page_json(page: DiffPage | IndexPage | PositionHistoryPage) -> str:
    """A page's context as JSON: the same data the HTML shows, keys sorted.

    :param page: a page context.
    """
    return json.dumps(asdict(page), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ================================================================ the report folder
#
# The corpus walk of `amendtrack report`: which pages, at which paths, from
# which data.  Pure: the command loads the corpus and writes the files.


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One file of the report folder, rendered on demand (so a progress bar can follow)."""

    path: str
    """Relative to the report folder, "/" separators."""
    render: Callable[[], str]
    """Makes the file's text."""


def requirements_dict(position: Any) -> dict[str, Any]:
    """A model Position's requirements in the shape the pages read."""
    r = position.requirements
    return {"education": r.education, "competence": r.competence,
            "experience": list(r.experience.items), "duties": r.duties}


def with_requirements(diff_doc: Mapping[str, Any], old: Any, new: Any) -> dict[str, Any]:
    """A copy of a diff@1 document whose added and removed positions carry their requirements.

    diff@1 gives no texts for a position only one edition has; a reviewer needs
    them, so the report adds them (an added key, as the contract allows).

    :param diff_doc: the differ's document for `old` → `new`.
    :param old: the old `model.Edition`.
    :param new: the new `model.Edition`.
    """
    by_id = {"old": {p.id: p for p in old.positions}, "new": {p.id: p for p in new.positions}}
    doc = dict(diff_doc)
    positions = []
    for entry in diff_doc["positions"]:
        entry = dict(entry)
        for side in ("old", "new"):
            ref = entry.get(side)
            if ref is not None and entry.get("status") in ("added", "removed") and ref["id"] in by_id[side]:
                entry[side] = {**ref, "requirements": requirements_dict(by_id[side][ref["id"]])}
        positions.append(entry)
    doc["positions"] = positions
    return doc


def _ledger_of_edition(edition: Any) -> list[dict[str, Any]]:
    """Unplaced text and parser warnings of one parsed edition, for the index's ledger."""
    path = edition.source.path
    out: list[dict[str, Any]] = [
        {"file": path, "line": block.lines.first, "kind": "unplaced", "text": block.text, "reason": None}
        for block in edition.other_text
        if block.role == "unplaced"
    ]
    out += [
        {"file": path, "line": w.line, "kind": "parse_warning", "text": w.message, "reason": None}
        for w in edition.warnings
    ]
    return out


def plan_report(histories: Sequence[Any], *, generated_at: str | None = None) -> list[PlannedPage]:
    """Every page of the report folder for a corpus's histories, the index last.

    Layout: ``index.html``; per work and language ``SLUG/LANG/diff-OLD-NEW.html``
    for each consecutive pair of editions and ``SLUG/LANG/positions/KEY.html``
    for each position (KEY: its id in the first edition that holds it).

    :param histories: `history.History` values, one per work and language, in the order to show.
    :param generated_at: a generation time to print on every page (default: none).
    """
    from amendtrack.diff import compare_editions, comparison_to_dict
    from amendtrack.history_output import history_to_dict

    pages: list[PlannedPage] = []
    index_items: list[dict[str, Any]] = []
    for h in histories:
        folder = f"{h.work.slug}/{h.language}"
        overview = history_to_dict(h)
        comparisons = []
        diff_hrefs: dict[int, str] = {}
        for before, after in zip(h.editions, h.editions[1:]):
            name = f"diff-{before.date.isoformat()}-{after.date.isoformat()}.html"
            diff_hrefs[after.index] = name

            # Compared here rather than when rendering: the index needs the summary.
            doc = comparison_to_dict(compare_editions(before.edition, after.edition))
            doc = with_requirements(doc, before.edition, after.edition)

            def render_diff(doc: dict[str, Any] = doc) -> str:
                return render_diff_html(doc, index_href="../../index.html", generated_at=generated_at)

            pages.append(PlannedPage(f"{folder}/{name}", render_diff))
            comparisons.append({"old": before.index, "new": after.index, "href": f"{folder}/{name}",
                                "summary": doc["summary"]})
        position_hrefs = {}
        for lineage in h.lineages:
            key = lineage.key
            path = f"{folder}/positions/{key}.html"
            position_hrefs[key] = path

            def render_position(lineage: Any = lineage) -> str:
                return render_position_history_html(
                    history_to_dict(h, lineage),
                    index_href="../../../index.html",
                    diff_hrefs={k: f"../{v}" for k, v in diff_hrefs.items()},
                    generated_at=generated_at,
                )

            pages.append(PlannedPage(path, render_position))
        ledger = [item for e in h.editions for item in _ledger_of_edition(e.edition)]
        index_items.append({"history": overview, "comparisons": comparisons,
                            "position_hrefs": position_hrefs, "ledger": ledger})
    pages.append(PlannedPage("index.html", lambda: render_index_html(index_items, generated_at=generated_at)))
    return pages
