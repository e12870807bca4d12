"""The edition model as JSON (`amendtrack/edition@1`) and back.

The contract is documented in docs/json-edition.md.  Keys of the contract are
never renamed; keys may be added.  `edition_from_dict(edition_to_dict(e)) == e`
holds for every parsed edition (a test checks it), so the JSON can serve as the
store's format too.
"""

from __future__ import annotations

import json
from typing import Any

from amendtrack.i18n import message_from_dict, message_values_to_dict
from amendtrack.model import (
    ActHeader,
    Annex,
    Category,
    Edition,
    Experience,
    Label,
    LineSpan,
    ParseWarning,
    Position,
    PreamblePoint,
    Registration,
    Repair,
    Requirements,
    Source,
    Subunit,
    TextBlock,
    Unit,
)
from amendtrack.parse.events import act_notes_to_dict, read_act_notes
from amendtrack.parse.facts import facts_of, facts_to_dict

EDITION_SCHEMA = "amendtrack/edition@1"


def _span(s: LineSpan) -> list[int]:
    return [s.first, s.last]


def _unspan(v: list[int]) -> LineSpan:
    return LineSpan(v[0], v[1])


def _unit(u: Unit) -> dict[str, Any]:
    return {"annex": u.annex, "ordinal": u.ordinal, "number": u.number, "name": u.name, "lines": _span(u.lines)}


def _subunit(s: Subunit) -> dict[str, Any]:
    return {"annex": s.annex, "unit_ordinal": s.unit_ordinal, "name": s.name, "lines": _span(s.lines)}


def position_to_dict(p: Position, *, facts: bool = True) -> dict[str, Any]:
    """One position in the contract's shape, plus the keys that keep it lossless.

    :param facts: add ``facts``, read from the requirements (parse/facts.py); derived, so
        the store leaves it out and `edition_from_dict` does not read it back.
    """
    r = p.requirements
    d = {
        "id": p.id,
        "seq": p.seq,
        "annex": p.annex,
        "unit": p.unit.name if p.unit else None,
        "unit_number": p.unit.number if p.unit else None,
        "unit_ordinal": p.unit.ordinal if p.unit else None,
        "subunit": p.subunit.name if p.subunit else None,
        "title": p.title,
        "printed_title": p.printed_title,
        "category": p.category.code,
        "category_printed": p.category.printed,
        "requirements": {
            "education": r.education,
            "competence": r.competence,
            "experience": list(r.experience.items),
            "duties": r.duties,
        },
        "experience_intro": r.experience.intro,
        "experience_trailer": r.experience.trailer,
        "experience_numbered": r.experience.numbered,
        "lines": _span(p.lines),
        "field_lines": {name: _span(span) for name, span in p.field_lines},
        "labels": [
            {"field": lb.field, "text": lb.text, "line": lb.line, "displaced": lb.displaced} for lb in p.labels
        ],
        "repairs": [
            {"field": x.field, "kind": x.kind, "lines": _span(x.lines), "detail": x.detail} for x in p.repairs
        ],
    }
    if facts:
        d["facts"] = facts_to_dict(facts_of(r))
    return d


def act_to_dict(a: ActHeader) -> dict[str, Any]:
    """The act header, with its notes also read into events (`parse.events.read_act_notes`).

    The events are derived from ``notes`` and ``repeal_text``, so
    `edition_from_dict` does not read them back: the round trip still holds.
    """
    return {
        "title": a.title,
        "issuer": a.issuer,
        "type": a.act_type,
        "number": a.number,
        "date": a.date,
        "registration": {"number": a.registration.number, "date": a.registration.date},
        "status": a.status,
        "status_text": a.status_text,
        "repeal_text": a.repeal_text,
        "notes": list(a.notes),
        **act_notes_to_dict(read_act_notes(a)),
        "lines": _span(a.lines),
    }


def edition_to_dict(e: Edition, *, facts: bool = True) -> dict[str, Any]:
    """The whole edition as plain data, in document order.

    :param facts: give each position its derived ``facts`` (see `position_to_dict`).
    """
    return {
        "schema": EDITION_SCHEMA,
        "source": {"path": e.source.path, "sha256": e.source.sha256},
        "language": e.language,
        "act": act_to_dict(e.act),
        "preamble": [{"number": p.number, "text": p.text, "lines": _span(p.lines)} for p in e.preamble],
        "annexes": [
            {"number": a.number, "marker": a.marker, "title": a.title, "reference": a.reference,
             "lines": _span(a.lines)}
            for a in e.annexes
        ],
        "units": [_unit(u) for u in e.units],
        "subunits": [_subunit(s) for s in e.subunits],
        "positions": [position_to_dict(p, facts=facts) for p in e.positions],
        "other_text": [{"role": b.role, "text": b.text, "lines": _span(b.lines)} for b in e.other_text],
        "warnings": [_warning_dict(w) for w in e.warnings],
    }


def edition_to_json(e: Edition) -> str:
    """Deterministic JSON: the same edition always gives the same bytes."""
    return json.dumps(edition_to_dict(e), ensure_ascii=False, indent=2) + "\n"


def edition_from_dict(d: dict[str, Any]) -> Edition:
    """Rebuild an edition from `edition_to_dict` output."""
    if d.get("schema") != EDITION_SCHEMA:
        raise ValueError(f"not an {EDITION_SCHEMA} document: schema is {d.get('schema')!r}")
    a = d["act"]
    act = ActHeader(
        title=a["title"],
        issuer=a["issuer"],
        act_type=a["type"],
        number=a["number"],
        date=a["date"],
        registration=Registration(a["registration"]["number"], a["registration"]["date"]),
        status=a["status"],
        status_text=a["status_text"],
        repeal_text=a["repeal_text"],
        notes=tuple(a["notes"]),
        lines=_unspan(a["lines"]),
    )
    units = {(u["annex"], u["ordinal"]): Unit(u["annex"], u["ordinal"], u["number"], u["name"], _unspan(u["lines"]))
             for u in d["units"]}
    subunits = [Subunit(s["annex"], s["unit_ordinal"], s["name"], _unspan(s["lines"])) for s in d["subunits"]]
    positions = []
    for p in d["positions"]:
        unit = units.get((p["annex"], p["unit_ordinal"])) if p["unit_ordinal"] is not None else None
        # Several sub-units may share a name; the position's lines place it under the right one.
        subunit = None
        if p["subunit"] is not None:
            subunit = max(
                (s for s in subunits if s.name == p["subunit"] and s.annex == p["annex"] and s.lines.first <= p["lines"][0]),
                key=lambda s: s.lines.first,
            )
        req = p["requirements"]
        positions.append(
            Position(
                id=p["id"],
                seq=p["seq"],
                annex=p["annex"],
                unit=unit,
                subunit=subunit,
                title=p["title"],
                category=Category(p["category"], p["category_printed"]),
                requirements=Requirements(
                    education=req["education"],
                    competence=req["competence"],
                    experience=Experience(
                        p["experience_intro"], tuple(req["experience"]), p["experience_trailer"],
                        p["experience_numbered"],
                    ),
                    duties=req["duties"],
                ),
                printed_title=p["printed_title"],
                labels=tuple(Label(lb["field"], lb["text"], lb["line"], lb["displaced"]) for lb in p["labels"]),
                lines=_unspan(p["lines"]),
                field_lines=tuple((name, _unspan(span)) for name, span in p["field_lines"].items()),
                repairs=tuple(
                    Repair(x["field"], x["kind"], _unspan(x["lines"]), x.get("detail")) for x in p.get("repairs", [])
                ),
            )
        )
    return Edition(
        source=Source(d["source"]["path"], d["source"]["sha256"]),
        language=d["language"],
        act=act,
        preamble=tuple(PreamblePoint(p["number"], p["text"], _unspan(p["lines"])) for p in d["preamble"]),
        annexes=tuple(
            Annex(x["number"], x["title"], x["reference"], _unspan(x["lines"]), x["marker"]) for x in d["annexes"]
        ),
        units=tuple(units.values()),
        subunits=tuple(subunits),
        positions=tuple(positions),
        other_text=tuple(TextBlock(b["role"], b["text"], _unspan(b["lines"])) for b in d["other_text"]),
        warnings=tuple(_warning_from_dict(w) for w in d["warnings"]),
    )


def _warning_dict(w: ParseWarning) -> dict[str, object]:
    """A warning: its line and English words, and, when the parser wrote it, the message's
    id and values, stable keys for programs (and for a page in another language)."""
    d: dict[str, object] = {"line": w.line, "message": w.message}
    if w.said is not None:
        d["message_id"] = w.said.msgid
        d["values"] = message_values_to_dict(w.said)
    return d


def _warning_from_dict(w: dict[str, Any]) -> ParseWarning:
    said = message_from_dict(w["message_id"], w.get("values", {})) if "message_id" in w else None
    return ParseWarning(w["line"], w["message"], said)
