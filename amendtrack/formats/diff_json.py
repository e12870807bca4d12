"""The ``amendtrack/diff@1`` JSON of a `Comparison` (docs/json-diff.md).

Additive only: keys are never renamed or removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from amendtrack.compare.direction import (
    direction_counts,
    direction_of,
    direction_to_dict,
)
from amendtrack.compare.provision_diff import provision_change_to_dict, provision_counts
from amendtrack.compare.records import (
    Comparison,
    FieldChange,
    PositionAdded,
    PositionEntry,
    PositionMatched,
    PositionRemoved,
    Repeal,
)
from amendtrack.compare.span_text import render_ops_marked
from amendtrack.compare.textdiff import Span
from amendtrack.model import Edition, Position, Unit

__all__ = [
    "SCHEMA",
    "comparison_to_dict",
    "comparison_to_json",
    "field_change_to_dict",
]


SCHEMA = "amendtrack/diff@1"


# ---------------------------------------------------------------- JSON


def _ops(ops: Sequence[Span]) -> list[list[int | str]]:
    return [[int(op), text] for op, text in ops]


def _edition_info(e: Edition) -> dict[str, Any]:
    return {
        "path": e.source.path,
        "sha256": e.source.sha256,
        "act_number": e.act.number,
        "act_date": e.act.date,
        "registration_number": e.act.registration.number,
        "status": e.act.status,
        "title": e.act.title,
        "language": e.language,
        "positions": len(e.positions),
    }


def _position_ref(p: Position) -> dict[str, Any]:
    return {
        "id": p.id,
        "annex": p.annex,
        "unit": p.unit.name if p.unit else None,
        "title": p.title,
        "category": p.category.code,
        "seq": p.seq,
        "unit_number": p.unit.number if p.unit else None,
        "subunit": p.subunit.name if p.subunit else None,
        "lines": [p.lines.first, p.lines.last],
    }


def field_change_to_dict(c: FieldChange) -> dict[str, Any]:
    """One field change as JSON: the one shape of diff@1 (docs/json-diff.md) and of the
    history JSON (docs/history.md), so that a program reads a change the same way in both.

    Every key is always there (null where it does not apply); the keys both shapes
    had before they were unified come first, in diff@1's order.
    """
    d: dict[str, Any] = {
        "field": c.field,
        "kind": c.kind,
        "substantive": c.substantive,
        "small": c.kind == "small",
        "old": c.old,
        "new": c.new,
        "ops": _ops(c.ops),
        "part": c.part,
        "action": c.action,
        "old_item": c.old_item,
        "new_item": c.new_item,
        # The word diff as text ([-old-]{+new+}), for logs and quick reading.
        "redline": render_ops_marked(c.ops),
    }
    # Stricter or looser, with the facts before and after (compare/direction.py); only on
    # changes whose texts carry facts that could be read.
    direction = direction_of(c)
    if direction is not None:
        d.update(direction_to_dict(direction))
    return d


def _unit_ref(u: Unit | None) -> dict[str, Any] | None:
    if u is None:
        return None
    return {"annex": u.annex, "ordinal": u.ordinal, "number": u.number, "name": u.name}


def _entry_dict(entry: PositionEntry) -> dict[str, Any]:
    match entry:
        case PositionAdded(new=new):
            return {"status": "added", "old": None, "new": _position_ref(new), "changes": []}
        case PositionRemoved(old=old):
            return {"status": "removed", "old": _position_ref(old), "new": None, "changes": []}
        case PositionMatched():
            return {
                "status": entry.status,
                "old": _position_ref(entry.old),
                "new": _position_ref(entry.new),
                "match": entry.stage,
                "score": round(entry.score, 4),
                "changes": [field_change_to_dict(c) for c in entry.changes],
            }
    raise TypeError(entry)  # pragma: no cover


def _repeal_dict(repeal: Repeal | None) -> dict[str, Any] | None:
    if repeal is None:
        return None
    act = repeal.repealing_act
    return {
        "repealing_act": act.citing_act.to_dict() if act else None,
        "statements": [
            {
                "source": s.source,
                "text": s.text,
                "event": s.event.to_dict() if s.event else None,
                "problem": s.problem,
            }
            for s in repeal.statements
        ],
    }


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The JSON contract ``amendtrack/diff@1`` (docs/json-diff.md) as plain data.

    :param c: a comparison from `compare_editions`.
    """
    s = c.summary
    return {
        "schema": SCHEMA,
        "old": _edition_info(c.old),
        "new": _edition_info(c.new),
        "summary": {
            "added": s.added,
            "removed": s.removed,
            "changed": s.changed,
            "unchanged": s.unchanged,
            "repealed": s.repealed,
            "units_changed": len(c.units),
            "act_changed": any(a.substantive for a in c.act),
            "different": c.has_differences,
            "directions": direction_counts(
                e.changes for e in c.positions if isinstance(e, PositionMatched) and e.substantive
            ),
            **provision_counts(c.provisions),
        },
        "threshold": c.threshold,
        "act": {
            "changes": [
                {"field": a.field, "kind": a.kind, "substantive": a.substantive,
                 "old": a.old, "new": a.new, "ops": _ops(a.ops)}
                for a in c.act
            ],
            "repeal": _repeal_dict(c.repeal),
        },
        "units": [
            {
                "action": u.action,
                "old": _unit_ref(u.old),
                "new": _unit_ref(u.new),
                "renamed": u.name is not None,
                "renumbered": u.renumbered,
                "substantive": u.substantive,
                "changes": [field_change_to_dict(u.name)] if u.name else [],
            }
            for u in c.units
        ],
        "positions": [_entry_dict(e) for e in c.positions],
        "provisions": [provision_change_to_dict(p) for p in c.provisions],
    }


def comparison_to_json(c: Comparison) -> str:
    """`comparison_to_dict` as JSON text (UTF-8 letters kept, indented, final newline).

    :param c: a comparison from `compare_editions`.
    """
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2) + "\n"
