"""The diff page's section on the order's own text: one card per provision change.

Built from a comparison's provision changes (compare/provision_diff.py).  The cards carry their own
"Change i of N" navigation, apart from the positions' (``article[data-nav]``):
a reader of the order's text steps through its provisions, a reader of the
requirements through the positions.  Editorial-only changes are listed too, but
folded away, as for positions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from amendtrack.compare.provision_diff import ProvisionChange, provision_label
from amendtrack.i18n import N_, TranslatedLabels, gettext
from amendtrack.report.context import FieldGroup
from amendtrack.report.parts import _change_view

__all__ = ["ProvisionCard", "provision_cards"]

_STATUS_LABELS: Mapping[str, str] = TranslatedLabels({
    "added": N_("Added"), "removed": N_("Removed"), "changed": N_("Changed"), "renumbered": N_("Renumbered"),
    "moved": N_("Moved"),
})


@dataclass(frozen=True, slots=True)
class ProvisionCard:
    """One provision that differs, as the page shows it."""

    address: str
    """The provision's address (parse/provisions.py), NEW's or OLD's when removed."""
    anchor: str
    """The card's HTML id: "prov-" and the address."""
    status: str
    status_label: str
    label: str
    """The provision in words ("point 4", "annex 1 stamp")."""
    old_number: str | None
    new_number: str | None
    publisher: bool
    """True for the publisher's annotations (status line, repeal sentence, notes)."""
    substantive: bool
    group: FieldGroup
    """The change, shaped as a field group so that the page's redline macros show it."""
    number: int = 0
    """1-based place among the substantive cards (0 for editorial-only ones)."""
    previous: str | None = None
    next: str | None = None


def provision_cards(changes: Sequence[ProvisionChange]) -> tuple[ProvisionCard, ...]:
    """The cards of a comparison's provision changes, substantive ones numbered and linked to their neighbours."""
    cards = []
    for c in changes:
        label = provision_label(c.provision, gettext)
        change = _change_view("provision", c.kind, c.old_text, c.new_text, c.ops)
        cards.append(ProvisionCard(
            address=c.address,
            anchor=f"prov-{c.address}",
            status=c.status,
            status_label=_STATUS_LABELS.get(c.status, c.status),
            label=label,
            old_number=c.old.number if c.old else None,
            new_number=c.new.number if c.new else None,
            publisher=c.provision.publisher,
            substantive=c.substantive,
            group=FieldGroup("provision", label, (change,)),
        ))
    shown = [c for c in cards if c.substantive]
    linked = {
        c.anchor: replace(
            c, number=k + 1,
            previous=shown[k - 1].anchor if k > 0 else None,
            next=shown[k + 1].anchor if k + 1 < len(shown) else None,
        )
        for k, c in enumerate(shown)
    }
    return tuple(linked.get(c.anchor, c) for c in cards)
