"""The history and as-of answers for programs: JSON-ready dicts.

`history_to_dict` (``amendtrack/history@1``), `as_of_to_dict`
(``amendtrack/asof@1``), `matches_to_dict`; deterministic (docs/history.md).
The same answers for people are formats/history_text.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from amendtrack.formats.diff_json import field_change_to_dict  # the one shape of a field change
from amendtrack.history.as_of import AsOf, State
from amendtrack.history.lineage import Appearance, Ending, History, HistoryEdition, Lineage
from amendtrack.history.provision_history import as_of_provisions_dict
from amendtrack.model import Position
from amendtrack.parse.events import act_notes_to_dict

HISTORY_SCHEMA = "amendtrack/history@1"
AS_OF_SCHEMA = "amendtrack/asof@1"


def _work_dict(h: History) -> dict[str, Any]:
    w = h.work
    return {
        "slug": w.slug, "code": w.code, "issuer": w.issuer, "act_type": w.act_type, "number": w.number,
        "date": w.date.isoformat(),
        "registration": {"number": w.registration_number, "date": w.registration_date.isoformat()},
        "title": w.title(h.language), "language": h.language,
    }


def _edition_dict(e: HistoryEdition) -> dict[str, Any]:
    x = e.expression
    return {
        "index": e.index, "file": e.edition.source.path, "sha256": x.sha256, "date": e.date.isoformat(),
        "status": x.status, "in_force": e.in_force, "produced_by": e.produced_by.to_dict(),
        "applies_from": e.applies_from.to_dict(), "takes_effect": e.takes_effect.to_dict(),
        "derived_from": x.derived_from,
        **act_notes_to_dict(e.notes), "positions": len(e.edition.positions),
    }


def _repeal_dict(h: History) -> dict[str, Any] | None:
    if h.repeal is None:
        return None
    r = h.repeal
    return {"edition": r.edition, "act": r.act.to_dict(), "effective": r.effective.to_dict(),
            "events": [e.to_dict() for e in r.events]}


def _ref(p: Position) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "category": p.category.code, "annex": p.annex,
            "unit": p.unit.name if p.unit else None, "unit_number": p.unit.number if p.unit else None}


def _ending_dict(end: Ending | None) -> dict[str, Any] | None:
    if end is None:
        return None
    return {"kind": end.kind, "edition": end.edition, "act": end.act.to_dict(), "date": end.date.to_dict()}


def _lineage_summary(g: Lineage) -> dict[str, Any]:
    return {
        **_ref(g.latest), "lineage_id": g.lineage_id, "ids": list(g.ids), "editions": [a.edition for a in g.appearances],
        "introduced_in": g.introduced_in,
        "in_force_from": g.in_force_from.to_dict() if g.in_force_from else None,
        "ending": _ending_dict(g.ending), "changed_in": list(g.changed_in),
    }


def _appearance_dict(a: Appearance) -> dict[str, Any]:
    from amendtrack.formats.edition_json import (
        position_to_dict,  # the edition contract's position shape
    )

    return {"edition": a.edition, "change": a.change, "stage": a.stage, "score": a.score,
            "changes": [field_change_to_dict(c) for c in a.changes], "position": position_to_dict(a.position)}


def history_to_dict(h: History, lineage: Lineage | None = None) -> dict[str, Any]:
    """The ``amendtrack/history@1`` JSON (docs/history.md): the timeline, and either
    every position's summary or one position's full lineage."""
    d: dict[str, Any] = {
        "schema": HISTORY_SCHEMA, "work": _work_dict(h),
        "entry_into_force": h.entry_into_force.to_dict() if h.entry_into_force else None,
        "repeal": _repeal_dict(h), "editions": [_edition_dict(e) for e in h.editions],
    }
    if lineage is None:
        d["positions"] = [_lineage_summary(g) for g in h.lineages]
    else:
        d["position"] = {**_lineage_summary(lineage),
                         "appearances": [_appearance_dict(a) for a in lineage.appearances]}
    d["warnings"] = [str(w) for w in h.warnings]
    return d


def matches_to_dict(query: str, found: Sequence[Lineage]) -> dict[str, Any]:
    """The JSON printed when a query names several positions."""
    return {"schema": HISTORY_SCHEMA, "query": query, "matches": [_lineage_summary(g) for g in found]}


def _state_dict(h: History, r: AsOf, s: State) -> dict[str, Any]:
    d: dict[str, Any] = {
        "state": s.kind,
        "if": [{"act": t.act.to_dict(), "leads_to": t.state.kind, "took_effect_by_date": by}
               for t, by in r.conditions(s)],
    }
    if s.kind == "in_force":
        assert s.edition is not None
        e = h.edition(s.edition)
        d["edition"] = _edition_dict(e)
        d["positions"] = [_ref(p) for p in e.edition.positions]
        d["provisions"] = as_of_provisions_dict(e)
    elif s.kind == "repealed":
        d["repeal"] = _repeal_dict(h)
    else:
        d["entry_into_force"] = h.entry_into_force.to_dict() if h.entry_into_force else None
    return d


def as_of_to_dict(h: History, r: AsOf) -> dict[str, Any]:
    """The ``amendtrack/asof@1`` JSON (docs/history.md)."""
    return {
        "schema": AS_OF_SCHEMA, "date": r.day.isoformat(), "work": _work_dict(h), "answer": r.answer,
        "undecided": [{"act": r.transitions[i].act.to_dict(), "leads_to": r.transitions[i].state.kind,
                       "date": r.transitions[i].date.to_dict()} for i in r.undecided],
        "possible": [_state_dict(h, r, s) for s in r.states],
        "warnings": [str(w) for w in h.warnings],
    }
