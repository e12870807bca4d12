"""A comparison as text for the terminal: the summary, then each changed position
with a compact word redline.

Redlines are git's word-diff style, ``[-old-]{+new+}``, or colour (red struck
through, green underlined) when the caller asks for it.  Long unchanged stretches
are cut to a few words around each change ("…"), so a one-word change in a
1,000-character duties text stays one line.  Positions whose changes are all
editorial are counted, not shown; reorderings are shown, marked as such, because
a reader should be able to check that nothing else moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from amendtrack.compare.direction import direction_counts, direction_of
from amendtrack.compare.provision_diff import ProvisionChange, provision_label
from amendtrack.compare.records import (
    Comparison,
    FieldChange,
    PositionAdded,
    PositionEntry,
    PositionMatched,
    PositionRemoved,
    UnitChange,
)
from amendtrack.compare.textdiff import (
    Op,
    Span,
    render_ops_ansi,
    render_ops_marked,
    word_diff,
)
from amendtrack.formats.outline import count
from amendtrack.history.provenance import Provenance
from amendtrack.model import Edition, Position, Unit
from amendtrack.parse.notes import act_label

__all__ = ["compact_ops", "render_comparison_text"]

CONTEXT = 40
"""Characters of unchanged text kept on each side of a change."""

_ELLIPSIS = "…"


def _head(text: str, size: int) -> str:
    """The first `size` characters or so, cut at a space."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > 0 else size] + _ELLIPSIS


def _tail(text: str, size: int) -> str:
    """The last `size` characters or so, cut at a space."""
    if len(text) <= size:
        return text
    cut = text.find(" ", len(text) - size)
    return _ELLIPSIS + text[cut + 1 if cut >= 0 else len(text) - size :]


def compact_ops(ops: Sequence[Span], context: int = CONTEXT) -> tuple[Span, ...]:
    """The word diff with long unchanged stretches shortened to `context` characters
    on each side of a change (for display only: it no longer rebuilds the texts).

    :param ops: a word diff (compare.textdiff.word_diff).
    :param context: characters kept before and after each change.
    """
    out: list[Span] = []
    last = len(ops) - 1
    for i, (op, text) in enumerate(ops):
        if op != Op.EQUAL:
            out.append((op, text))
            continue
        if i == 0 and i == last:
            out.append((op, _head(text, 2 * context)))
        elif i == 0:
            out.append((op, _tail(text, context)))
        elif i == last:
            out.append((op, _head(text, context)))
        elif len(text) > 2 * context + len(_ELLIPSIS):
            head, tail = _head(text, context), _tail(text, context)
            out.append((op, head.removesuffix(_ELLIPSIS) + " " + _ELLIPSIS + " " + tail.removeprefix(_ELLIPSIS)))
        else:
            out.append((op, text))
    return tuple(out)


def _redline(ops: Sequence[Span], color: bool) -> str:
    compact = compact_ops(ops)
    return render_ops_ansi(compact) if color else render_ops_marked(compact)


def _unit_label(unit: Unit | None) -> str:
    if unit is None:
        return "no unit"
    return f"{unit.number}. {unit.name}" if unit.number else unit.name


def _position_line(status: str, p: Position) -> str:
    return f"{status:<10}[{p.category.code}] {p.title}  (annex {p.annex} · {_unit_label(p.unit)} · {p.id})"


def _change_label(c: FieldChange) -> str:
    label: str = c.field
    if c.part == "item":
        if c.action == "added":
            label = f"experience item {c.new_item} added"
        elif c.action == "removed":
            label = f"experience item {c.old_item} removed"
        elif c.old_item != c.new_item:
            label = f"experience item {c.old_item}→{c.new_item}"
        else:
            label = f"experience item {c.new_item}"
    elif c.part is not None:
        label = f"experience {c.part}"
    if c.kind == "small":
        label += " (small)"
    elif c.kind == "reordering":
        label += " (reordering: same words, another order; not substantive)"
    elif c.kind == "editorial":
        label += " (editorial)"
    return label


def _change_lines(changes: Iterable[FieldChange], color: bool) -> list[str]:
    lines = []
    for c in changes:
        if c.kind == "editorial":
            continue
        lines.append(f"  {_change_label(c)}: {_redline(c.ops, color)}")
        direction = direction_of(c) if c.substantive else None
        if direction is not None:
            lines.append(f"    {direction.describe()}")
    return lines


def _edition_line(tag: str, e: Edition, prov: Provenance | None = None) -> str:
    act = e.act
    facts = [f"act No. {act.number or '?'} of {act.date or '?'}", act.status.replace("_", " "),
             count(len(e.positions), "position")]
    line = f"{tag} {e.source.path}  ({', '.join(facts)})"
    # Named by date and act only from a corpus: an ad hoc file's own notes say too little.
    if prov is None or prov.date is None or prov.source != "manifest":
        return line
    made = ""
    if prov.produced_by is not None:
        how = "the act as made:" if prov.original else "made by"
        made = f", {how} {act_label(prov.produced_by)}"
    when = prov.applies_from.span() if prov.applies_from is not None else "not given"
    return f"{line}\n{' ' * len(tag)} the edition of {prov.date.isoformat()}{made}; applies from {when} (the corpus manifest)"


_STATUS_WORDS = {"in_force": "in force", "repealed": "repealed"}
_ACT_FIELD_WORDS = {"act_type": "type", "status_text": "publisher's status line",
                    "repeal_text": "publisher's repeal sentence", "notes": "publisher's notes"}


def _act_lines(c: Comparison, color: bool) -> list[str]:
    lines = []
    if c.repeal is not None:
        event = c.repeal.repealing_act
        if event is not None:
            a = event.citing_act
            lines.append(f"act repealed by {act_label(a)} ({a.issuer} {a.type})")
        else:
            reason = "; ".join(s.problem for s in c.repeal.statements if s.problem) or "no repeal statement read"
            lines.append(f"act repealed; repealing act not known ({reason})")
    for change in c.act:
        if change.field == "status" and c.repeal is not None:
            continue
        if change.field == "status":
            # The data's codes (in_force) are not words: say the status as people do.
            lines.append(f"status of the act: {_STATUS_WORDS.get(change.old, change.old)} → "
                         f"{_STATUS_WORDS.get(change.new, change.new)}")
        elif change.substantive:
            label = _ACT_FIELD_WORDS.get(change.field, change.field.replace("_", " "))
            lines.append(f"{label} of the act: {_redline(change.ops, color)}")
    return lines


def _unit_lines(units: Sequence[UnitChange], color: bool) -> list[str]:
    lines = []
    for u in units:
        if u.old is None:
            lines.append(f"unit added: {_unit_label(u.new)} (annex {u.new.annex})" if u.new else "unit added")
        elif u.new is None:
            lines.append(f"unit removed: {_unit_label(u.old)} (annex {u.old.annex})")
        else:
            if u.name is not None and u.name.kind != "editorial":
                lines.append(f"unit renamed (annex {u.new.annex}): {_redline(u.name.ops, color)}")
            if u.renumbered:
                lines.append(
                    f"unit renumbered (annex {u.new.annex}): {u.old.number or 'no number'} → "
                    f"{u.new.number or 'no number'} {u.new.name}"
                )
                # The heading as printed, number and all, so the redline shows the number.
                lines.append(f"  {_redline(word_diff(_unit_label(u.old), _unit_label(u.new)), color)}")
    return lines


def _provision_lines(changes: Sequence[ProvisionChange], color: bool) -> list[str]:
    """The order itself: every provision (not a unit heading) that changed, in
    document order; editorial-only ones are counted, not shown."""
    own = [c for c in changes if c.provision.role != "unit"]  # units are listed with the units
    shown = [c for c in own if c.kind != "editorial" or c.status != "changed"]
    editorial = len(own) - len(shown)
    if not shown and not editorial:
        return []
    head = f"the order itself: {count(len(shown), 'provision')} changed"
    if editorial:
        head += f" ({editorial} with editorial differences only, not shown)"
    lines = [head]
    for c in shown:
        label = provision_label(c.provision)
        where = c.address
        if c.old is not None and c.new is not None and c.old.address != c.new.address:
            where = f"{c.old.address} → {c.new.address}"
            if c.status == "renumbered":
                label = f"{provision_label(c.old)} → {c.new.number or 'no number'}"
        tag = c.status + (" (small)" if c.kind == "small" else
                          " (reordering: same words, another order; not substantive)" if c.kind == "reordering" else "")
        lines.append(f"  {label} [{where}] {tag}: {_redline(c.ops, color)}")
    return lines


def _entry_lines(entry: PositionEntry, color: bool) -> list[str]:
    match entry:
        case PositionAdded(new=new):
            return [_position_line("added", new)]
        case PositionRemoved(old=old):
            return [_position_line("removed", old)]
        case PositionMatched():
            shown = _change_lines(entry.changes, color)
            if entry.status == "changed" or (shown and entry.status == "unchanged"):
                return [_position_line(entry.status, entry.new), *shown]
            if entry.status == "repealed" and entry.substantive:
                return [_position_line("repealed", entry.new), *shown]
            return []
    raise TypeError(entry)  # pragma: no cover


def render_comparison_text(c: Comparison, color: bool = False,
                           editions: tuple[Provenance, Provenance] | None = None) -> str:
    """The comparison for a terminal: summary first, then the positions that changed.

    :param c: a comparison from compare.differ.compare_editions.
    :param color: ANSI colour redlines instead of ``[-old-]{+new+}`` markers.
    :param editions: what each edition is (history.provenance.provenance_of), to name them by date and act.
    """
    s = c.summary
    old_prov, new_prov = editions if editions is not None else (None, None)
    lines = [_edition_line("old:", c.old, old_prov), _edition_line("new:", c.new, new_prov), ""]
    lines += _act_lines(c, color)
    lines += _provision_lines(c.provisions, color)
    editorial_only = sum(
        1 for e in c.positions
        if isinstance(e, PositionMatched) and e.changes and all(ch.kind == "editorial" for ch in e.changes)
    )
    counts = (
        f"positions: {s.added} added, {s.removed} removed, {s.changed} changed, "
        f"{s.repealed} repealed, {s.unchanged} unchanged"
    )
    if editorial_only:
        counts += f" ({editorial_only} with editorial differences only, not shown)"
    lines.append(counts)
    directions = direction_counts(e.changes for e in c.positions if isinstance(e, PositionMatched) and e.substantive)
    if any(directions.values()):
        lines.append("requirements: " + ", ".join(f"{n} {d}" for d, n in directions.items()))
    lines += _unit_lines(c.units, color)
    if not c.has_differences:
        lines.append("no substantive differences")
    body: list[str] = []
    for entry in c.positions:
        shown = _entry_lines(entry, color)
        if shown:
            body += ["", *shown]
    return "\n".join(lines + body) + "\n"

