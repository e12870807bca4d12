"""One provision of the order across its editions (``history --provision``), and
the order's provisions in force on a day (``asof``).

A provision is found by its address (parse/provisions.py) in the first edition that
has it, and followed forward through the history's comparisons: a record of
compare/provision_diff.py that renumbers or moves it gives its next address; with no
record it kept its address, or (a sub-point under a renumbered point) the
same text under another address.  The text and JSON forms are here, so that
formats/history_output.py stays about positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from amendtrack.compare.provision_diff import (
    ProvisionChange,
    provision_change_to_dict,
    provision_label,
)
from amendtrack.compare.textdiff import render_ops_marked
from amendtrack.formats.redline_text import compact_ops
from amendtrack.history.lineage import History, HistoryEdition
from amendtrack.normalize import comparable
from amendtrack.parse.provisions import Provision, provisions_of

__all__ = [
    "PROVISION_HISTORY_SCHEMA",
    "ProvisionStep",
    "as_of_provision_lines",
    "as_of_provisions_dict",
    "known_addresses",
    "provision_history_to_dict",
    "provision_steps",
    "render_provision_history",
]

PROVISION_HISTORY_SCHEMA = "amendtrack/provision-history@1"


@dataclass(frozen=True, slots=True)
class ProvisionStep:
    """The provision in one edition, and what the edition changed in it."""

    edition: HistoryEdition
    provision: Provision | None
    """None when this edition no longer has it (removed)."""
    change: ProvisionChange | None
    """The change from the edition before (None in the first edition, and when unchanged)."""


def known_addresses(h: History) -> tuple[str, ...]:
    """Every address some edition has, in the order they first appear."""
    seen: dict[str, None] = {}
    for e in h.editions:
        for p in provisions_of(e.edition):
            seen.setdefault(p.address, None)
    return tuple(seen)


def provision_steps(h: History, address: str) -> tuple[ProvisionStep, ...]:
    """The provision at `address` from the first edition that has it on; () when none has it.

    :param h: the act's history (its comparisons hold the provision changes).
    :param address: a provision address as some edition has it ("point_4").
    """
    start = next((e for e in h.editions if any(p.address == address for p in provisions_of(e.edition))), None)
    if start is None:
        return ()
    current = next(p for p in provisions_of(start.edition) if p.address == address)
    steps = [ProvisionStep(start, current, None)]
    for e in h.editions[start.index:]:
        comparison = next((c for c in h.comparisons if c.new.source == e.edition.source), None)
        change = None
        if comparison is not None:
            change = next((c for c in comparison.provisions if c.old is not None and c.old.address == current.address),
                          None)
        if change is not None:
            steps.append(ProvisionStep(e, change.new, change))
            if change.new is None:
                break
            current = change.new
            continue
        now = {p.address: p for p in provisions_of(e.edition)}
        same = now.get(current.address)
        if same is None or comparable(same.text) != comparable(current.text):
            same = next((p for p in now.values() if p.role == current.role
                         and comparable(p.text) == comparable(current.text)), same)
        steps.append(ProvisionStep(e, same, None))
        if same is None:
            break
        current = same
    return tuple(steps)


def render_provision_history(h: History, address: str, steps: Sequence[ProvisionStep]) -> str:
    """``history --provision`` as text: the provision edition by edition, with word redlines."""
    first = steps[0].provision
    assert first is not None
    out = [f"{provision_label(first)} [{address}] across {len(steps)} of {len(h.editions)} editions", ""]
    for step in steps:
        e = step.edition
        head = f"{e.label()} ({'in force' if e.in_force else 'repealed text'})"
        if step.provision is None:
            out.append(f"{head}: removed")
        elif step.change is None and step is not steps[0]:
            out.append(f"{head} [{step.provision.address}]: unchanged")
        elif step.change is None:
            out += [f"{head} [{step.provision.address}]:", f"  {step.provision.text}"]
        else:
            c = step.change
            kind = "" if c.substantive else f" ({c.kind}, not substantive)"
            out += [f"{head} [{step.provision.address}]: {c.status}{kind}",
                    f"  {render_ops_marked(compact_ops(c.ops))}"]
    return "\n".join(out) + "\n"


def _provision_dict(p: Provision) -> dict[str, Any]:
    return {"address": p.address, "role": p.role, "label": provision_label(p), "number": p.number,
            "text": p.text, "publisher": p.publisher, "lines": [p.lines.first, p.lines.last]}


def provision_history_to_dict(h: History, address: str, steps: Sequence[ProvisionStep]) -> dict[str, Any]:
    """``amendtrack/provision-history@1`` (docs/history.md)."""
    return {
        "schema": PROVISION_HISTORY_SCHEMA,
        "address": address,
        "steps": [
            {
                "edition": s.edition.index,
                "date": s.edition.date.isoformat(),
                "in_force": s.edition.in_force,
                "provision": _provision_dict(s.provision) if s.provision else None,
                "change": provision_change_to_dict(s.change) if s.change else None,
            }
            for s in steps
        ],
    }


def as_of_provision_lines(e: HistoryEdition, certain: bool) -> list[str]:
    """The order's own text of the edition in force, one line per provision (asof text)."""
    provisions = [p for p in provisions_of(e.edition) if p.role not in ("unit", "subunit")]
    head = "The order itself" if certain else f"The order itself if {e.label()} applied"
    out = ["", f"{head} ({len(provisions)} provisions; unit headings are listed with the positions):"]
    for p in provisions:
        text = p.text if len(p.text) <= 120 else p.text[:117].rsplit(" ", 1)[0] + " …"
        out.append(f"  {p.address}: {text}")
    return out


def as_of_provisions_dict(e: HistoryEdition) -> list[dict[str, Any]]:
    """asof@1 "provisions" of a state in force: every provision of the edition, texts as printed."""
    return [_provision_dict(p) for p in provisions_of(e.edition)]
