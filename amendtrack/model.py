"""The versioned position model: act → annexes → units → positions → requirements.

Every value here is a frozen, slotted dataclass with tuple children, so a parsed
edition can be shared, hashed and compared freely.  Texts are *clean* (labels
removed, letter-spacing collapsed, wrapped lines joined) but otherwise exactly as
printed: typos and word order are kept, because they are the official text.

Line numbers are 1-based lines of the source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from amendtrack.i18n import Message, message

Status = Literal["in_force", "repealed"]
FieldName = Literal["education", "competence", "experience", "duties"]
FIELD_NAMES: tuple[FieldName, ...] = ("education", "competence", "experience", "duties")


@dataclass(frozen=True, slots=True)
class LineSpan:
    """The source lines an element was read from (1-based, inclusive)."""

    first: int
    last: int


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something the parser could not place or had to guess, with where it happened."""

    line: int
    message: str
    """In English, the record (JSON, terminal, goldens)."""
    said: Message | None = field(default=None, compare=False)
    """`message` as a `Message`, so a page can show it in its own language; None for a
    warning written by hand or read from JSON that did not keep it."""


def parse_warning(line: int, msgid: str, **values: object) -> ParseWarning:
    """A warning whose words are the message `msgid` with `values` (see `i18n.message`)."""
    said = message(msgid, **values)
    return ParseWarning(line, str(said), said)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A piece of printed text that the model keeps but does not interpret further."""

    role: str
    """What the block is: "signature", "approval", "annex_reference", "unplaced", ..."""
    text: str
    lines: LineSpan


@dataclass(frozen=True, slots=True)
class Registration:
    """Registration with the Ministry of Justice; either part may be unknown (None)."""

    number: str | None
    date: str | None
    """ISO date (YYYY-MM-DD) or None when the text does not give it."""


@dataclass(frozen=True, slots=True)
class ActHeader:
    """What the published text says about the act itself."""

    title: str
    issuer: str | None
    """The issuing office as printed, in the case the text uses ("… Төтенше жағдайлар министрінің")."""
    act_type: str | None
    """The act-type word as printed, e.g. "бұйрығы" or "приказ"."""
    number: str | None
    date: str | None
    """ISO date of signature, or None when the text does not give it."""
    registration: Registration
    status: Status
    status_text: str | None
    """The publisher's status line as printed ("Күшін жойған"), if any."""
    repeal_text: str | None
    """The publisher's repeal sentence as printed ("Күші жойылды - …"), if any."""
    notes: tuple[str, ...]
    """The publisher's editorial notes (Ескерту/Сноска), raw, in reading order."""
    lines: LineSpan


@dataclass(frozen=True, slots=True)
class PreamblePoint:
    """One paragraph of the order before its annexes: the legal basis or a numbered point."""

    number: str | None
    """The printed number ("1.", "2)") or None for the legal basis and the enacting word."""
    text: str
    lines: LineSpan


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex (қосымша / приложение) holding the qualification requirements."""

    number: int
    title: str
    reference: str
    """The printed reference to the order above the annex number ("… № 161 бұйрығына")."""
    lines: LineSpan
    marker: str = ""
    """The annex marker as printed ("1-қосымша", "Приложение 1")."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A structural unit (department, division, …) heading in an annex."""

    annex: int
    ordinal: int
    """1-based order of the unit within its annex (printed numbers restart and jump)."""
    number: str | None
    """The printed number without its dot ("3"), or None when the heading has none."""
    name: str
    lines: LineSpan


@dataclass(frozen=True, slots=True)
class Subunit:
    """A heading below a unit (a division inside a department); lasts to the next heading."""

    annex: int
    unit_ordinal: int
    name: str
    lines: LineSpan


@dataclass(frozen=True, slots=True)
class Category:
    """A position's category code ("С-3", "С-О-4", "С-R-2")."""

    code: str
    """Canonical spelling: hyphen-minus, Cyrillic С and О, Latin R."""
    printed: str
    """As printed (may hold an en dash or look-alike letters)."""


@dataclass(frozen=True, slots=True)
class Experience:
    """Practical experience: usually an intro and a list of alternatives."""

    intro: str | None
    """The sentence that introduces the list ("Жұмыс тәжірибесі … болуы тиіс:")."""
    items: tuple[str, ...]
    """The alternatives without their "1)" markers, each ending as printed."""
    trailer: str | None
    """Unnumbered text printed after the list (e.g. a computer-skills sentence)."""
    numbered: bool = False
    """True when the items were printed as a numbered list ("1)", "2)", …)."""


@dataclass(frozen=True, slots=True)
class Requirements:
    """The four qualification requirements of a position."""

    education: str
    competence: str
    experience: Experience
    duties: str


@dataclass(frozen=True, slots=True)
class Label:
    """A row label or table header as printed, and where it stood."""

    field: str
    """"header" or one of FIELD_NAMES."""
    text: str
    line: int
    displaced: bool = False
    """True when the label was printed inside its field's text (after a page break)."""


RepairKind = Literal["scrambled", "page_break", "displaced_label", "letter_spacing", "label_missing"]


@dataclass(frozen=True, slots=True)
class Repair:
    """A place where the PDF extraction damaged a field's text (see parse/repairs.py).

    "scrambled" is shown as extracted (the parser cannot undo it); the other kinds
    were repaired by the parser, and are recorded so that a reader can check them.
    """

    field: str
    """One of FIELD_NAMES."""
    kind: RepairKind
    lines: LineSpan
    """The source lines of the damage (for a page break: its blank lines)."""
    detail: str | None = None
    """For a displaced label: the label as printed."""


@dataclass(frozen=True, slots=True)
class Position:
    """A civil-service position with its qualification requirements."""

    id: str
    """Unique within the edition; depends only on the position's own text (see parse/ids.py)."""
    seq: int
    """1-based document order within the edition."""
    annex: int
    unit: Unit | None
    subunit: Subunit | None
    title: str
    category: Category
    requirements: Requirements
    printed_title: str
    """The whole title block as printed (after any glued heading), code and "санаты" included."""
    labels: tuple[Label, ...]
    lines: LineSpan
    field_lines: tuple[tuple[str, LineSpan], ...] = field(default=())
    """Where each field's text was read from, as (field name, span) pairs."""
    repairs: tuple[Repair, ...] = field(default=())
    """Where the extraction damaged the fields' text, found by parse/repairs.py."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an edition's text came from."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition (a dated expression) of an act, parsed."""

    source: Source
    language: str
    """"kk" or "ru": the language of the labels."""
    act: ActHeader
    preamble: tuple[PreamblePoint, ...]
    annexes: tuple[Annex, ...]
    units: tuple[Unit, ...]
    subunits: tuple[Subunit, ...]
    positions: tuple[Position, ...]
    other_text: tuple[TextBlock, ...]
    """Printed text kept as is: signatures, approval block, unplaced text."""
    warnings: tuple[ParseWarning, ...]
