"""tests/fixtures/diff_sample.json as a `Comparison`, for the diff page's tests.

The fixture is a hand-built ``amendtrack/diff@1`` document: its old side is the real
2014-04-09 edition, its new side a few hand-made amendments of it (no such edition
was published, so there is no text to parse).  The page is built from the model, so
the document is turned back into one: old positions are the parsed edition's, new
ones the old ones (or, for an added position, its neighbour) with the fixture's
title, category, unit and texts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from amendtrack.compare.records import (
    Comparison,
    FieldChange,
    PositionAdded,
    PositionEntry,
    PositionMatched,
    PositionRemoved,
)
from amendtrack.compare.textdiff import Op
from amendtrack.model import Edition, Position, Source


def _change(c: dict[str, Any]) -> FieldChange:
    # The fixture predates the differ's kinds: it calls a whole added item "added"
    # (substantive), which the differ calls "substantive".
    kind = "substantive" if c["substantive"] and c["kind"] not in ("small", "substantive") else c["kind"]
    return FieldChange(field=c["field"], old=c["old"], new=c["new"],
                       ops=tuple((Op(op), text) for op, text in c["ops"]), kind=kind,
                       part=c.get("part"), old_item=c.get("old_item"), new_item=c.get("new_item"))


def _as_new(template: Position, ref: dict[str, Any], changes: list[dict[str, Any]]) -> Position:
    """`template` with the fixture's names, and the texts its changes give."""
    r = template.requirements
    texts = {c["field"]: c["new"] for c in changes if c.get("part") is None and c["field"] != "experience"}
    items = [c["new"] for c in changes if c["field"] == "experience" and c["new"]]
    requirements = replace(
        r,
        education=texts.get("education", r.education),
        competence=texts.get("competence", r.competence),
        duties=texts.get("duties", r.duties),
        experience=replace(r.experience, items=tuple(items))
        if items and not any(c["old"] for c in changes if c["field"] == "experience") else r.experience,
    )
    unit = replace(template.unit, name=ref["unit"]) if template.unit and ref.get("unit") else template.unit
    return replace(template, id=ref["id"], title=ref["title"], annex=ref["annex"], unit=unit,
                   category=replace(template.category, code=ref["category"]), requirements=requirements)


def sample_comparison(doc: dict[str, Any], old: Edition) -> Comparison:
    """The fixture document `doc` over the parsed old edition `old`."""
    by_id = {p.id: p for p in old.positions}
    entries: list[PositionEntry] = []
    last: Position = old.positions[0]
    for raw in doc["positions"]:
        changes = raw["changes"]
        if raw["old"] is None:
            entries.append(PositionAdded(_as_new(last, raw["new"], changes)))
            continue
        before = by_id[raw["old"]["id"]]
        last = before
        if raw["new"] is None:
            entries.append(PositionRemoved(before))
            continue
        entries.append(PositionMatched(before, _as_new(before, raw["new"], changes), raw.get("match") or "title",
                                       float(raw.get("score") or 1.0), tuple(_change(c) for c in changes),
                                       raw["status"] == "repealed"))
    n = doc["new"]
    new = replace(old, source=Source(n["path"], n.get("sha256") or ""),
                  act=replace(old.act, number=n.get("act_number"), date=n.get("act_date", n.get("date")),
                              status=n.get("status"), title=n.get("title")),
                  positions=tuple(e.new for e in entries if not isinstance(e, PositionRemoved)))
    return Comparison(old=old, new=new, positions=tuple(entries), units=(), act=(), repeal=None, threshold=0.5)
