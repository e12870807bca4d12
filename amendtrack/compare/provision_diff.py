"""What changed in the act's own text: provision by provision (parse/provisions.py).

The differ in compare/differ.py compares positions; this module compares everything else
an edition prints -- title, header, preamble, formula, points and sub-points,
signature and approval blocks, each annex's stamp and title, unit and sub-unit
headings, and the publisher's status line, repeal sentence and notes.

Pairing, most certain first (so that a renumbered point is not taken for a
rewritten one):

1. same address, same text (comparison form);
2. same role, same text, another address: renumbered or moved;
3. same address, similar text (word similarity at the threshold or above);
4. same role, similar text, another address;
5. same address, whatever the text (a point rewritten in place);
6. the rest are added or removed.

Unit headings are not paired here: the position matcher pairs units already
(compare.match.UnitPair, by name and by where their positions went), and the unit
records follow its pairing so that a unit is never one thing here and another
for its positions.

One `ProvisionChange` per provision that differs in any printed character,
shaped like a position's field change (old, new, ops, kind, substantive,
small); layout damage (reflow, letter-spacing, spaces, a displaced fragment
that did not change) is "editorial" or "reordering" and not substantive, by
the same textdiff rules as for positions; a fragment displaced from one
provision into its neighbour makes both a "reordering" (`_displaced`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from amendtrack.compare.match import DEFAULT_THRESHOLD, UnitPair, in_document_order
from amendtrack.compare.similarity import similarity
from amendtrack.compare.textdiff import ChangeKind, Span, change_kind, word_diff
from amendtrack.i18n import N_
from amendtrack.model import Edition
from amendtrack.normalize import comparable
from amendtrack.parse.provisions import Provision, provisions_of, unit_provision

__all__ = [
    "ProvisionChange",
    "ProvisionStatus",
    "compare_provisions",
    "provision_change_to_dict",
    "provision_counts",
    "provision_label",
]

ProvisionStatus = Literal["added", "removed", "changed", "renumbered", "moved"]

_SUBSTANTIVE_KINDS = frozenset({"small", "substantive"})


@dataclass(frozen=True, slots=True)
class ProvisionChange:
    """One provision that differs between the editions."""

    old: Provision | None
    """The provision in OLD (None when added)."""
    new: Provision | None
    """The provision in NEW (None when removed)."""
    old_text: str
    """OLD's text as printed ("" when added)."""
    new_text: str
    """NEW's text as printed ("" when removed)."""
    ops: tuple[Span, ...]
    """Word diff: EQUAL and DELETE texts join to `old_text`, EQUAL and INSERT to `new_text`."""
    kind: ChangeKind
    """"editorial", "reordering", "small" or "substantive" (compare.textdiff.change_kind)."""
    status: ProvisionStatus
    """added, removed, renumbered (the printed number changed), moved (now under
    another point, unit or annex), else changed."""

    @property
    def provision(self) -> Provision:
        """NEW's provision, or OLD's when it was removed."""
        p = self.new or self.old
        assert p is not None
        return p

    @property
    def address(self) -> str:
        return self.provision.address

    @property
    def substantive(self) -> bool:
        """Added, removed, renumbered or moved, or a change of "small"/"substantive" kind."""
        return self.status != "changed" or self.kind in _SUBSTANTIVE_KINDS


# ---------------------------------------------------------------- pairing


def _body(p: Provision) -> str:
    """The comparison form of a provision's text without its printed number."""
    text = p.text
    if p.number and text.startswith(p.number):
        text = text[len(p.number):].lstrip(". ")
    return comparable(text)


def _pair(old: Sequence[Provision], new: Sequence[Provision], threshold: float) -> list[tuple[int | None, int | None]]:
    """Pairs of indexes (old, new), every provision exactly once, in document order."""
    old_keys = [comparable(p.text) for p in old]
    new_keys = [comparable(p.text) for p in new]
    # Without the printed number, so that a point renumbered and not reworded pairs in step 2.
    old_bodies = [_body(p) for p in old]
    new_bodies = [_body(p) for p in new]
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def take(i: int, j: int) -> None:
        pairs[i] = j
        used.add(j)

    new_by_address = {p.address: j for j, p in enumerate(new)}
    # 1. same address, same text
    for i, p in enumerate(old):
        j = new_by_address.get(p.address)
        if j is not None and old_keys[i] == new_keys[j]:
            take(i, j)
    # 2. same role, same text, elsewhere
    for i, p in enumerate(old):
        if i in pairs:
            continue
        for j, q in enumerate(new):
            if j not in used and q.role == p.role and old_bodies[i] == new_bodies[j]:
                take(i, j)
                break
    # 3. same address, similar text
    for i, p in enumerate(old):
        j = new_by_address.get(p.address)
        if i not in pairs and j is not None and j not in used and similarity(p.text, new[j].text) >= threshold:
            take(i, j)
    # 4. same role, similar text, elsewhere: the most similar pairs first
    candidates = []
    for i, p in enumerate(old):
        if i in pairs:
            continue
        for j, q in enumerate(new):
            if j in used or q.role != p.role:
                continue
            score = similarity(p.text, q.text)
            if score >= threshold:
                candidates.append((-score, i, j))
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            take(i, j)
    # 5. same address, whatever the text
    for i, p in enumerate(old):
        j = new_by_address.get(p.address)
        if i not in pairs and j is not None and j not in used and new[j].role == p.role:
            take(i, j)
    rows: list[tuple[int | None, int | None]] = [(i, j) for i, j in pairs.items()]
    rows += [(i, None) for i in range(len(old)) if i not in pairs]
    rows += [(None, j) for j in range(len(new)) if j not in used]
    return in_document_order(rows, lambda r: r[0], lambda r: r[1])


# ---------------------------------------------------------------- records


def _record(old: Provision | None, new: Provision | None, parent_map: dict[str, str | None]) -> ProvisionChange | None:
    """The change of one pair, or None when nothing printed differs and nothing moved."""
    a = old.text if old else ""
    b = new.text if new else ""
    if old is None or new is None:
        status: ProvisionStatus = "added" if old is None else "removed"
        return ProvisionChange(old, new, a, b, word_diff(a, b), change_kind(a, b), status)
    renumbered = (old.number or "") != (new.number or "")
    moved = old.parent is not None and parent_map.get(old.parent, old.parent) != new.parent
    if a == b and not renumbered and not moved:
        return None
    status = "renumbered" if renumbered else "moved" if moved else "changed"
    kind: ChangeKind = change_kind(a, b) if a != b else "editorial"
    return ProvisionChange(old, new, a, b, word_diff(a, b), kind, status)


def compare_provisions(
    old: Edition, new: Edition, units: Sequence[UnitPair] = (), threshold: float = DEFAULT_THRESHOLD,
) -> tuple[ProvisionChange, ...]:
    """Every provision that differs, in document order of NEW (removed ones after
    their predecessor), the order's own text first, then each annex.

    :param old: the earlier edition.
    :param new: the later edition.
    :param units: the matcher's unit pairs (compare.match.Alignment.units); units are
        left out when not given.
    :param threshold: least word similarity for pairing reworded provisions.
    """
    old_all = [p for p in provisions_of(old) if p.role != "unit"]
    new_all = [p for p in provisions_of(new) if p.role != "unit"]
    # A unit's sub-units hang on its address: map old unit addresses to new ones
    # by the matcher's pairing, so that a sub-unit under a renumbered unit has not moved.
    parent_map: dict[str, str | None] = {}
    for u in units:
        if u.old is not None:
            parent_map[unit_provision(u.old).address] = unit_provision(u.new).address if u.new else None
    order_old = [p for p in old_all if not p.address.startswith("annex_")]
    order_new = [p for p in new_all if not p.address.startswith("annex_")]
    annex_old = [p for p in old_all if p.address.startswith("annex_")]
    annex_new = [p for p in new_all if p.address.startswith("annex_")]
    out: list[ProvisionChange] = []
    pairs = _pair(order_old, order_new, threshold)
    # Points first: a sub-point's parent is a point, mapped by the points' pairing.
    for i, j in pairs:
        if i is not None and j is not None and order_old[i].role == "point":
            parent_map[order_old[i].address] = order_new[j].address
    for i, j in pairs:
        change = _record(order_old[i] if i is not None else None, order_new[j] if j is not None else None, parent_map)
        if change is not None:
            out.append(change)
    annex_changes = []
    for i, j in _pair(annex_old, annex_new, threshold):
        change = _record(annex_old[i] if i is not None else None, annex_new[j] if j is not None else None, parent_map)
        if change is not None:
            annex_changes.append(change)
    for u in units:
        a = unit_provision(u.old) if u.old else None
        b = unit_provision(u.new) if u.new else None
        change = _record(a, b, parent_map)
        if change is not None:
            annex_changes.append(change)
    out += sorted(annex_changes, key=_annex_order)
    return _displaced(tuple(out))


def _displaced(changes: tuple[ProvisionChange, ...]) -> tuple[ProvisionChange, ...]:
    """Two neighbouring provisions whose changes cancel out -- a fragment the PDF
    extraction printed at the end of one and now prints in the other -- are a
    reordering, not two substantive changes: their texts together hold the same words."""
    out = list(changes)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not (a.status == b.status == "changed" and a.kind in _SUBSTANTIVE_KINDS and b.kind in _SUBSTANTIVE_KINDS):
            continue
        assert a.old is not None and b.old is not None and a.new is not None and b.new is not None
        if b.old.lines.first < a.old.lines.first or b.new.lines.first < a.new.lines.first:
            continue
        joined = change_kind(f"{a.old_text} {b.old_text}", f"{a.new_text} {b.new_text}")
        if joined in ("editorial", "reordering"):
            out[k] = replace(a, kind="reordering")
            out[k + 1] = replace(b, kind="reordering")
    return tuple(out)


def _annex_order(c: ProvisionChange) -> tuple[int, int, int]:
    """Annex, then source line, then removed after kept (NEW's lines where there are)."""
    p = c.provision
    annex = int(p.address.split("__", 1)[0].removeprefix("annex_") or 0)
    return (annex, p.lines.first, 1 if c.new is None else 0)


# ---------------------------------------------------------------- labels and JSON


_ROLE_WORDS = {
    "title": N_("title"), "status": N_("publisher's status line"), "header": N_("header"),
    "repeal": N_("publisher's repeal sentence"), "note": N_("publisher's note"), "preamble": N_("preamble"),
    "formula": N_("enacting formula"), "point": N_("point"), "subpoint": N_("sub-point"),
    "signature": N_("signature"), "approval": N_("approval block"), "unplaced": N_("unplaced text"),
    "annex_stamp": N_("stamp"), "annex_title": N_("title"), "unit": N_("unit"), "subunit": N_("sub-unit"),
}


def _untranslated(message: str) -> str:
    return message


def provision_label(p: Provision, translate: Callable[[str], str] = _untranslated) -> str:
    """A reader's name for a provision: "point 3", "sub-point 2) of point 3", "annex 1 title".

    :param translate: a gettext for the report pages (amendtrack.i18n.gettext); the JSON
        and the text output keep the English words, so the default leaves them as they are.
    """
    word = translate(_ROLE_WORDS[p.role])
    number = (p.number or "").rstrip(".")
    if p.role == "point":
        return translate(N_("point %(number)s")) % {"number": number}
    if p.role == "subpoint":
        number_of_point, _, nth = (p.parent or "").removeprefix("point_").partition("_")
        label = translate(N_("sub-point %(number)s of point %(point)s")) % {"number": p.number, "point": number_of_point}
        return label + (translate(N_(" (the %(nth)snd so numbered)")) % {"nth": nth} if nth else "")
    if p.address.startswith("annex_"):
        annex = p.address.split("__", 1)[0].removeprefix("annex_")
        if p.role == "unit":
            if not number:
                return translate(N_("annex %(annex)s unit (no number)")) % {"annex": annex}
            return translate(N_("annex %(annex)s unit %(number)s")) % {"annex": annex, "number": number}
        return translate(N_("annex %(annex)s %(part)s")) % {"annex": annex, "part": word}
    suffix = p.address.rsplit("_", 1)[-1]
    if p.role in ("note", "signature", "approval", "unplaced") and suffix.isdigit():
        return translate(N_("%(part)s %(number)s")) % {"part": word, "number": suffix}
    return word


def provision_change_to_dict(c: ProvisionChange) -> dict[str, Any]:
    """One provision change as diff@1 JSON (docs/json-diff.md, "provisions")."""
    p = c.provision
    return {
        "address": p.address,
        "status": c.status,
        "role": p.role,
        "label": provision_label(p),
        "publisher": p.publisher,
        "old_address": c.old.address if c.old else None,
        "new_address": c.new.address if c.new else None,
        "old_number": c.old.number if c.old else None,
        "new_number": c.new.number if c.new else None,
        "kind": c.kind,
        "substantive": c.substantive,
        "small": c.kind == "small",
        "old": c.old_text,
        "new": c.new_text,
        "ops": [[int(op), text] for op, text in c.ops],
        "old_lines": [c.old.lines.first, c.old.lines.last] if c.old else None,
        "new_lines": [c.new.lines.first, c.new.lines.last] if c.new else None,
    }


def provision_counts(changes: Sequence[ProvisionChange]) -> dict[str, int]:
    """Summary counts for diff@1: substantive provision changes by status, and all listed."""
    counts = {f"provisions_{s}": 0 for s in ("added", "removed", "changed", "renumbered", "moved")}
    for c in changes:
        if c.substantive:
            counts[f"provisions_{c.status}"] += 1
    counts["provisions_substantive"] = sum(1 for c in changes if c.substantive)
    counts["provisions_listed"] = len(changes)
    return counts
