"""The typed contexts of the report pages: the parts every page shares.

The diff page's own parts are in report/diff_context.py, the index's and the
position pages' in report/history_context.py.

Each page's context feeds both its HTML (the templates read only these fields)
and its JSON (`env.page_json` dumps ``dataclasses.asdict`` of it), so every
field carries a docstring: the JSON output of a page is exactly these fields.
"""

from __future__ import annotations

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
class RedlineSpan:
    """One piece of a word-level redline."""

    kind: SpanKind
    """"equal" (in both editions), "delete" (only in the old), "insert" (only in the new)."""
    text: str
    """The text as printed, never markup."""


@dataclass(frozen=True, slots=True)
class ChangeView:
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
    spans: tuple[RedlineSpan, ...]
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
    changes: tuple[ChangeView, ...]
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
    requirements: RequirementsView | None
    """Its requirements, when the document gives them (for added and removed positions)."""


@dataclass(frozen=True, slots=True)
class RequirementsView:
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
    basis_translated: bool = False
    """True when `basis` is in the interface language (the history's reasoning); False
    for the manifest's own words, which the page marks as English."""


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
