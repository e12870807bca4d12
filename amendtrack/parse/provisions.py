"""The act's own text as addressable provisions: everything of an edition that is
not a position.

An order is more than its annexes' positions: its title, the header that names
the act, the legal basis (preamble), the enacting word (formula), the numbered
points and sub-points (who executes it, who controls it, when it enters into
force), the signature and the approval ("КЕЛІСІЛДІ") block, and for each annex
its approval stamp ("… № 161 бұйрығына 1-қосымша"), its title, and the unit
and sub-unit headings.  The publisher adds a status line, a repeal sentence and
notes.  `provisions_of` turns each of these into a `Provision` with an address
in the spirit of Akoma Ntoso eIds:

======================  =================================================
``title``               the act's title
``status``              the publisher's status line ("Күшін жойған")
``header``              the header naming the act and its registration
``repeal``              the publisher's repeal sentence in the header
``note_1``              the publisher's notes (Ескерту/Сноска), in order
``preamble``            the legal basis (``preamble_2`` … for more)
``formula``             the enacting word ("БҰЙЫРАМЫН")
``point_3``             a numbered point, by its printed number
``point_3__subpoint_2`` a sub-point ("2)") of that point
``signature_1``         a signature block; ``approval_1`` an approval block
``unplaced_1``          text the parser could not place
``annex_1__stamp``      an annex's reference to the order and its marker
``annex_1__title``      an annex's title
``annex_1__unit_8``     the 8th unit heading of annex 1 (printed numbers
                        restart and jump, so the address counts headings)
``annex_1__unit_8__subunit_1``  a sub-unit heading under it
======================  =================================================

Printed numbers are not unique (the seed prints two points "3."): the second
gets ``point_3_2`` (bluebell's ``ensure_unique``), and the printed number is
kept as printed in `Provision.number`.  A provision's `text` is what the
edition prints, its number included ("3. Осы бұйрықтың …"), so a renumbering is
a word change like any other.

Nothing is added or dropped: the words of all provisions and all positions are
exactly the words the model keeps (parse.accounting.model_texts), which in turn are
the words of the input (tests/test_provisions.py checks both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from amendtrack.model import Edition, LineSpan, Unit
from amendtrack.parse.vocabulary import ENACTING_WORD, REPEAL_SENTENCE

__all__ = ["PUBLISHER_ROLES", "Provision", "ProvisionRole", "provisions_of", "unit_address", "unit_provision"]

ProvisionRole = Literal[
    "title", "status", "header", "repeal", "note", "preamble", "formula", "point", "subpoint",
    "signature", "approval", "unplaced", "annex_stamp", "annex_title", "unit", "subunit",
]

PUBLISHER_ROLES: frozenset[str] = frozenset({"status", "repeal", "note"})
"""Roles that are the publisher's annotations about the act, not the act's own text."""


@dataclass(frozen=True, slots=True)
class Provision:
    """One addressable part of an edition that is not a position."""

    address: str
    """Unique within the edition and stable across editions (see the module docstring)."""
    role: ProvisionRole
    """What kind of part it is."""
    number: str | None
    """The printed number as printed ("3.", "2)", "2" for a unit), or None."""
    text: str
    """The text as printed (clean), its printed number included."""
    lines: LineSpan
    parent: str | None = None
    """The address of the provision it belongs to (a sub-point's point, a unit's
    annex "annex_1"), or None at the top level."""

    @property
    def publisher(self) -> bool:
        """True for the publisher's annotations (status line, repeal sentence, notes)."""
        return self.role in PUBLISHER_ROLES


def _clean_num(number: str) -> str:
    """"3." → "3", "2)" → "2", "5-1." → "5-1" (conventions: ids.clean_num)."""
    return re.sub(r"[^\w]+", "-", number.strip().strip(".)( ")).strip("-") or "0"


def _unique(address: str, taken: set[str]) -> str:
    """`address`, or with "_2", "_3", … when an earlier provision has it."""
    candidate, n = address, 1
    while candidate in taken:
        n += 1
        candidate = f"{address}_{n}"
    taken.add(candidate)
    return candidate


def _with_number(number: str | None, text: str) -> str:
    return f"{number} {text}" if number else text


def unit_address(unit: Unit) -> str:
    """"annex_1__unit_8": the unit's annex and its order among the annex's headings."""
    return f"annex_{unit.annex}__unit_{unit.ordinal}"


def unit_provision(unit: Unit) -> Provision:
    """A unit heading as a provision; its text is "2. Name" as printed."""
    number = f"{unit.number}." if unit.number else None
    return Provision(unit_address(unit), "unit", unit.number, _with_number(number, unit.name), unit.lines,
                     f"annex_{unit.annex}")


def _split_repeal(text: str) -> tuple[str, str]:
    """The header text without the publisher's repeal sentence, and the sentence."""
    m = REPEAL_SENTENCE.search(text)
    if m is None:
        return text, ""
    return text[: m.start()].rstrip(), text[m.start():].strip()


def _order_provisions(e: Edition, taken: set[str]) -> list[Provision]:
    """The order's own text, before the annexes, in reading order."""
    out: list[Provision] = []
    blocks = list(e.other_text)
    counters: dict[str, int] = {}

    def numbered(role: ProvisionRole) -> str:
        counters[role] = counters.get(role, 0) + 1
        return _unique(f"{role}_{counters[role]}", taken)

    for block in blocks:
        if block.role == "title":
            out.append(Provision(_unique("title", taken), "title", None, block.text, block.lines))
        elif block.role == "status":
            out.append(Provision(_unique("status", taken), "status", None, block.text, block.lines))
        elif block.role == "act_header":
            header, repeal = _split_repeal(block.text)
            out.append(Provision(_unique("header", taken), "header", None, header, block.lines))
            if repeal:
                out.append(Provision(_unique("repeal", taken), "repeal", None, repeal, block.lines))
            for note in e.act.notes:
                # Notes stand right after the header; the model keeps no lines for them.
                out.append(Provision(numbered("note"), "note", None, note, block.lines))
            out += _preamble_provisions(e, taken)
    if not any(b.role == "act_header" for b in blocks):
        for note in e.act.notes:
            out.append(Provision(numbered("note"), "note", None, note, LineSpan(0, 0)))
        out += _preamble_provisions(e, taken)
    for block in blocks:
        if block.role in ("signature", "approval", "unplaced"):
            role: ProvisionRole = block.role  # type: ignore[assignment]
            out.append(Provision(numbered(role), role, None, block.text, block.lines))
    return out


def _preamble_provisions(e: Edition, taken: set[str]) -> list[Provision]:
    out: list[Provision] = []
    point: str | None = None
    for p in e.preamble:
        if p.number is None:
            role: ProvisionRole = "formula" if ENACTING_WORD.match(p.text) else "preamble"
            out.append(Provision(_unique(role, taken), role, None, p.text, p.lines))
            point = None
        elif p.number.endswith(")") and point is not None:
            address = _unique(f"{point}__subpoint_{_clean_num(p.number)}", taken)
            out.append(Provision(address, "subpoint", p.number, _with_number(p.number, p.text), p.lines, point))
        else:
            point = _unique(f"point_{_clean_num(p.number)}", taken)
            out.append(Provision(point, "point", p.number, _with_number(p.number, p.text), p.lines))
    return out


def _annex_provisions(e: Edition, taken: set[str]) -> list[Provision]:
    out: list[Provision] = []
    for annex in e.annexes:
        base = f"annex_{annex.number}"
        stamp = " ".join(t for t in (annex.reference, annex.marker) if t)
        out.append(Provision(_unique(f"{base}__stamp", taken), "annex_stamp", annex.marker or None, stamp,
                             annex.lines, base))
        out.append(Provision(_unique(f"{base}__title", taken), "annex_title", None, annex.title, annex.lines, base))
        for unit in e.units:
            if unit.annex != annex.number:
                continue
            u = unit_provision(unit)
            out.append(Provision(_unique(u.address, taken), "unit", u.number, u.text, u.lines, base))
            subs = [s for s in e.subunits if s.annex == unit.annex and s.unit_ordinal == unit.ordinal]
            for k, sub in enumerate(subs, start=1):
                out.append(Provision(_unique(f"{u.address}__subunit_{k}", taken), "subunit", None, sub.name,
                                     sub.lines, u.address))
    return out


_RECENT: list[tuple[Edition, tuple[Provision, ...]]] = []
"""The provisions of the last editions asked about, newest first, by identity:
a history compares each edition with the one before it and the one after."""
_RECENT_SIZE = 4


def provisions_of(e: Edition) -> tuple[Provision, ...]:
    """Every part of the edition that is not a position, in reading order.

    The answer for one of the last few editions asked about is remembered (an
    edition is immutable, and it is held here, so `is` cannot be fooled).

    :param e: a parsed edition.
    """
    for edition, provisions in _RECENT:
        if edition is e:
            return provisions
    found = _read_provisions(e)
    _RECENT.insert(0, (e, found))
    del _RECENT[_RECENT_SIZE:]
    return found


def _read_provisions(e: Edition) -> tuple[Provision, ...]:
    taken: set[str] = set()
    out = _order_provisions(e, taken)
    out += _annex_provisions(e, taken)
    # Units or sub-units of an annex the parser did not find are still text of the edition.
    known = {p.address for p in out}
    for unit in e.units:
        if unit_address(unit) not in known:
            u = unit_provision(unit)
            out.append(Provision(_unique(u.address, taken), "unit", u.number, u.text, u.lines, u.parent))
    placed = {(s.annex, s.unit_ordinal, s.name, s.lines) for s in e.subunits
              if f"annex_{s.annex}__unit_{s.unit_ordinal}" in known}
    for sub in e.subunits:
        if (sub.annex, sub.unit_ordinal, sub.name, sub.lines) not in placed:
            parent = f"annex_{sub.annex}__unit_{sub.unit_ordinal}"
            out.append(Provision(_unique(f"{parent}__subunit_1", taken), "subunit", None, sub.name, sub.lines, parent))
    return tuple(out)
