"""Checked readers of ``amendtrack/history@1`` data for the index and the position pages.

Transitional: the diff page is built from the model (compare/records.py); these
two pages still read the history's JSON, until they are built from
`history.lineage.History` directly (issue 10).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from amendtrack.report.context import (
    _SPAN_KINDS,
    ActRef,
    ChangeShape,
    DateInfo,
    FieldChange,
    PositionRef,
    RepairNote,
    Requirements,
    Span,
)
from amendtrack.report.labels import KIND_LABELS, REPAIR_EXPLANATIONS
from amendtrack.report.parts import _item_label, _line_list


def _need(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(obj).__name__}")
    if key not in obj:
        raise ValueError(f"{where}: missing key {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise ValueError(f"{where}.{key}: expected {_kind_name(kind)}, got {type(value).__name__}")
    return value


def _opt(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if obj.get(key) is None:
        return None
    return _need(obj, key, kind, where)


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return " or ".join(k.__name__ for k in _as_tuple(kind))


def _text_or_none(value: Any) -> str | None:
    """A scalar as text for display; None stays None (shown as "unknown")."""
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _spans(ops: Any, old: str, new: str, where: str) -> tuple[Span, ...]:
    """diff@1 ops as Spans, checked to rebuild both texts exactly."""
    if not isinstance(ops, list):
        raise ValueError(f"{where}.ops: expected a list, got {type(ops).__name__}")
    spans = []
    for i, op in enumerate(ops):
        if (
            not isinstance(op, list | tuple)
            or len(op) != 2
            or isinstance(op[0], bool)
            or op[0] not in _SPAN_KINDS
            or not isinstance(op[1], str)
        ):
            raise ValueError(f"{where}.ops[{i}]: expected [-1|0|1, text], got {op!r}")
        if op[1]:
            spans.append(Span(kind=_SPAN_KINDS[op[0]], text=op[1]))
    rebuilt_old = "".join(s.text for s in spans if s.kind != "insert")
    rebuilt_new = "".join(s.text for s in spans if s.kind != "delete")
    # A redline that does not rebuild its texts would show a reviewer words the
    # edition does not contain: refuse it rather than render it.
    if rebuilt_old != old or rebuilt_new != new:
        raise ValueError(f"{where}.ops: the redline does not rebuild the old and new texts")
    return tuple(spans)


def _field_change(raw: Mapping[str, Any], where: str) -> FieldChange:
    """One change of diff@1 or history@1 (both carry the differ's ops), checked."""
    field = _need(raw, "field", str, where)
    kind = _need(raw, "kind", str, where)
    old = _need(raw, "old", str, where)
    new = _need(raw, "new", str, where)
    substantive = _need(raw, "substantive", bool, where)
    part = _opt(raw, "part", str, where)
    old_item = _opt(raw, "old_item", int, where)
    new_item = _opt(raw, "new_item", int, where)
    shape: ChangeShape = "added" if not old and new else "removed" if old and not new else "changed"
    return FieldChange(
        field=field,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        substantive=substantive,
        small=kind == "small",
        shape=shape,
        part=part,
        old_item=old_item,
        new_item=new_item,
        label=_item_label(field, part, shape, old_item, new_item),
        old=old,
        new=new,
        spans=_spans(_need(raw, "ops", list, where), old, new, where),
        direction=_opt(raw, "direction", str, where),
        direction_text=_opt(raw, "direction_text", str, where),
    )


def _position_ref(raw: Any, where: str) -> PositionRef | None:
    if raw is None:
        return None
    annex = _opt(raw, "annex", int, where)
    return PositionRef(
        id=_need(raw, "id", str, where),
        annex=annex,
        unit=_opt(raw, "unit", str, where),
        title=_need(raw, "title", str, where),
        category=_need(raw, "category", str, where),
        requirements=_requirements(raw.get("requirements"), f"{where}.requirements", raw),
    )


def _requirements(raw: Any, where: str, position: Any = None) -> Requirements | None:
    """The requirements, with the experience lead-in and trailer and the repair notes.

    :param position: the position dict that holds ``raw`` (edition@1 keeps the
        lead-in, the trailer and the repairs beside ``requirements``); by default
        they are read from ``raw`` itself.
    """
    if raw is None:
        return None
    experience = _need(raw, "experience", list, where)
    if not all(isinstance(item, str) for item in experience):
        raise ValueError(f"{where}.experience: expected a list of texts")
    extras = position if isinstance(position, Mapping) else raw
    return Requirements(
        education=_need(raw, "education", str, where),
        competence=_need(raw, "competence", str, where),
        experience=tuple(experience),
        duties=_need(raw, "duties", str, where),
        experience_intro=_opt(extras, "experience_intro", str, where),
        experience_trailer=_opt(extras, "experience_trailer", str, where),
        repairs=_repair_notes(extras.get("repairs") or [], f"{where}.repairs"),
    )


def _repair_notes(raw: Any, where: str) -> tuple[RepairNote, ...]:
    """One note per field and kind of damage, in the order the repairs come (field order)."""
    if not isinstance(raw, list):
        raise ValueError(f"{where}: expected a list")
    grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for i, r in enumerate(raw):
        field, kind = _need(r, "field", str, f"{where}[{i}]"), _need(r, "kind", str, f"{where}[{i}]")
        _need(r, "lines", list, f"{where}[{i}]")
        grouped.setdefault((field, kind), []).append(r)
    notes = []
    for (field, kind), items in grouped.items():
        spans = [(int(r["lines"][0]), int(r["lines"][1])) for r in items]
        template = REPAIR_EXPLANATIONS.get(kind)
        if template is None:
            text = f"Extraction damage of an unknown kind ({kind}), source {_line_list(spans)}."
        else:
            labels = ", ".join(f"“{r['detail']}”" for r in items if r.get("detail"))
            text = template.format(lines=_line_list(spans), labels=labels or "the row label")
        notes.append(RepairNote(field=field, kind=kind, text=text))
    return tuple(notes)


def _act_ref(raw: Any, where: str) -> ActRef:
    if raw is None:
        return ActRef(type=None, number=None, date=None, issuer=None)
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    return ActRef(
        type=_text_or_none(raw.get("type")),
        number=_text_or_none(raw.get("number")),
        date=_text_or_none(raw.get("date")),
        issuer=_text_or_none(raw.get("issuer")),
    )


def _legal_date(raw: Any) -> DateInfo:
    """A LegalDate's to_dict() for a page; anything missing stays unknown."""
    if not isinstance(raw, Mapping):
        return DateInfo(known=False, text="unknown", rule=None, basis=None)
    rule, basis = _text_or_none(raw.get("rule")), _text_or_none(raw.get("basis"))
    value = raw.get("value")
    if raw.get("known") and isinstance(value, str) and value:
        return DateInfo(known=True, text=value, rule=rule, basis=basis)
    lower, upper = raw.get("not_before"), raw.get("not_after")
    bounds = []
    if isinstance(lower, str) and isinstance(upper, str) and not raw.get("lower_exclusive") \
            and not raw.get("upper_exclusive"):
        bounds.append(f"between {lower} and {upper}")
    else:
        if isinstance(lower, str):
            bounds.append(f"{'after' if raw.get('lower_exclusive') else 'on or after'} {lower}")
        if isinstance(upper, str):
            bounds.append(f"{'before' if raw.get('upper_exclusive') else 'on or before'} {upper}")
    text = "unknown: " + ", ".join(bounds) if bounds else "unknown"
    return DateInfo(known=False, text=text, rule=rule, basis=basis)
