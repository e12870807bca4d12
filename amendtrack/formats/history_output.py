"""The history and as-of answers for people (terminal text) and programs (JSON).

Text renderers: `render_history`, `render_position`, `render_matches`,
`render_as_of`.  JSON-ready dicts: `history_to_dict` (``amendtrack/history@1``),
`as_of_to_dict` (``amendtrack/asof@1``), `matches_to_dict`.  Both are
deterministic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from amendtrack.compare.records import FieldChange
from amendtrack.compare.textdiff import render_ops_marked
from amendtrack.dates import LegalDate
from amendtrack.formats.outline import count
from amendtrack.history.lineage import (
    Appearance,
    AsOf,
    Ending,
    History,
    HistoryEdition,
    Lineage,
    State,
    Transition,
    same_citing_act,
)
from amendtrack.history.provision_history import (
    as_of_provision_lines,
    as_of_provisions_dict,
)
from amendtrack.model import Position
from amendtrack.parse.events import RecordedEvent, act_notes_to_dict
from amendtrack.parse.notes import CitingAct, act_label

# ================================================================ text rendering


def _issuer(act: CitingAct) -> str:
    return f"{act_label(act)}, {act.issuer}"


def _place(p: Position) -> str:
    unit = ""
    if p.unit is not None:
        unit = f", {p.unit.number}. {p.unit.name}" if p.unit.number else f", {p.unit.name}"
    return f"annex {p.annex}{unit}"


def _position_line(p: Position) -> str:
    return f"[{p.category.code}] {p.title} · {_place(p)} · {p.id}"


def _work_lines(h: History) -> list[str]:
    w = h.work
    return [
        f"{act_label(h.act)} ({w.code}), {w.issuer}",
        f"  {w.title(h.language)}",
        f"  registered No. {w.registration_number} on {w.registration_date.isoformat()} · "
        f"language: {h.language} · {len(h.editions)} edition{'s' if len(h.editions) != 1 else ''}",
    ]


def _status_words(e: HistoryEdition) -> str:
    if e.in_force:
        return "in force"
    return f"{e.expression.status} (text kept as the record, never in force)"


def _event_lines(recorded: RecordedEvent, indent: str) -> list[str]:
    ev = recorded.event
    out = [f"{indent}event: {ev.action.replace('_', ' ')} ({ev.target}) by {act_label(ev.citing_act)}"
           + (f"; effective: {ev.effective}" if ev.effective else "")]
    out.append(f"{indent}  {recorded.source}: {ev.text}")
    out += [f"{indent}  {source}: {text}" for source, text in recorded.also_in]
    return out


def _counts(h: History, e: HistoryEdition) -> str:
    apps = [a for g in h.lineages if (a := g.in_edition(e.index))]
    tally = {c: sum(a.change == c for a in apps) for c in ("introduced", "changed", "unchanged")}
    removed = sum(1 for g in h.lineages if g.ending and g.ending.kind == "removed" and g.ending.edition == e.index)
    parts = [f"{n} {c}" for c, n in tally.items() if n]
    if removed:
        parts.append(f"{removed} removed")
    return count(len(e.edition.positions), "position") + (f" ({', '.join(parts)})" if parts else "")


def _edition_lines(h: History, e: HistoryEdition) -> list[str]:
    x = e.expression
    out = [
        f"  {e.index}. {e.date.isoformat()} · {_status_words(e)} · {e.edition.source.path} "
        f"(sha256 {x.sha256[:12]}…)",
        f"     produced by: {_issuer(e.produced_by)}" + (" (the act itself)" if e.index == 1 and
                                                          same_citing_act(e.produced_by, h.act) else ""),
        f"     applies from: {e.takes_effect.describe()}",
    ]
    if x.derived_from:
        out.append(f"     derived from: {x.derived_from}")
    for recorded in e.notes.events:
        out += _event_lines(recorded, "     ")
    out += [f"     remark: {r}" for r in e.notes.remarks]
    out += [f"     unread note ({u.reason}): {u.text}" for u in e.notes.unread]
    out.append(f"     {_counts(h, e)}")
    return out


def _timeline_lines(h: History) -> list[str]:
    out = [""]
    entry = h.entry_into_force
    out.append(f"In force from: {entry.describe() if entry else 'never (no edition in force in the corpus)'}")
    if h.repeal is not None:
        out.append(f"Repealed by:   {_issuer(h.repeal.act)}")
        out.append(f"  effective:   {h.repeal.effective.describe()}")
    else:
        out.append("Repealed:      no (as far as the corpus goes)")
    out += ["", "Editions"]
    for e in h.editions:
        out += _edition_lines(h, e)
    return out


def _period(h: History, g: Lineage) -> str:
    if g.introduced_in is None:
        return "never in force (only in a repealed text)"
    start = "the act's entry into force" if g.introduced_in == 1 else f"edition {g.introduced_in} taking effect"
    text = f"in force from {start} ({h.edition(g.introduced_in).label()})"
    if g.ending is None:
        return text + ", still in force in the last edition of the corpus"
    if g.ending.kind == "repealed":
        return text + f" until the repeal by {act_label(g.ending.act)}"
    return text + f" until removed by {act_label(g.ending.act)} ({h.edition(g.ending.edition).label()})"


def _warning_lines(h: History) -> list[str]:
    if not h.warnings:
        return ["", "No warnings."]
    return ["", f"Warnings ({len(h.warnings)}):", *(f"  {w}" for w in h.warnings)]


def render_history(h: History) -> str:
    """The act's timeline and every position's period in force, for the terminal."""
    out = _work_lines(h) + _timeline_lines(h)
    out += ["", f"Positions ({len(h.lineages)}), by period in force"]
    groups: dict[str, list[Lineage]] = {}
    for g in h.lineages:
        groups.setdefault(_period(h, g), []).append(g)
    for period, members in groups.items():
        out.append(f"  {period}: {len(members)}")
        for g in members:
            word = "edition" if len(g.changed_in) == 1 else "editions"
            changed = f" · changed in {word} {', '.join(map(str, g.changed_in))}" if g.changed_in else ""
            out.append(f"    {_position_line(g.latest)} · lineage {g.lineage_id}{changed}")
    out += _warning_lines(h)
    return "\n".join(out) + "\n"


def _requirements_lines(p: Position, indent: str) -> list[str]:
    r = p.requirements
    out = [f"{indent}title: {p.title}", f"{indent}category: {p.category.printed}",
           f"{indent}education: {r.education}", f"{indent}competence: {r.competence}"]
    exp = r.experience
    out.append(f"{indent}experience:" + (f" {exp.intro}" if exp.intro else ""))
    out += [f"{indent}  {i}) {item}" for i, item in enumerate(exp.items, 1)]
    if exp.trailer:
        out.append(f"{indent}  {exp.trailer}")
    out.append(f"{indent}duties: {r.duties}")
    return out


def _change_label(c: FieldChange) -> str:
    if c.part == "item":
        return f"experience item {c.old_item or '–'}→{c.new_item or '–'}"
    if c.part is not None:
        return f"experience {c.part}"
    return c.field


def render_position(h: History, g: Lineage) -> str:
    """One position's lineage: period in force, then its requirements edition by edition."""
    out = _work_lines(h) + [""]
    p = g.latest
    out.append(f"Position: [{p.category.code}] {p.title}")
    ids = f"id in every edition: {g.ids[0]}" if len(g.ids) == 1 else f"ids in the editions: {', '.join(g.ids)}"
    out.append(f"  {_place(p)} · lineage {g.lineage_id} · {ids}")
    if g.introduced_in is None or g.in_force_from is None:
        out.append("  never in force: it appears only in a repealed text")
    else:
        e = h.edition(g.introduced_in)
        out.append(f"  in force from: {g.in_force_from.describe()}")
        out.append(f"    introduced by {act_label(e.produced_by)} in {e.label()}")
        if g.ending is None:
            out.append("  until: still in force in the last edition of the corpus")
        else:
            how = "the repeal of the act" if g.ending.kind == "repealed" else "removal"
            out.append(f"  until: {g.ending.date.describe()}")
            out.append(f"    ended by {how}: {_issuer(g.ending.act)} ({h.edition(g.ending.edition).label()})")
    for a in g.appearances:
        e = h.edition(a.edition)
        pos = a.position
        how = a.change if a.stage is None else f"{a.change} (matched: {a.stage}, score {a.score:.2f})"
        out += ["", f"Edition {e.index} · {e.date.isoformat()} · {_status_words(e)} · {how}",
                f"  lines {pos.lines.first}–{pos.lines.last} of {e.edition.source.path} · id {pos.id}"]
        if a.change == "introduced":
            out += _requirements_lines(pos, "  ")
        elif not a.changes:
            out.append("  no difference from the edition before")
        else:
            for c in a.changes:
                out.append(f"  {_change_label(c)} ({c.kind}): {render_ops_marked(c.ops)}")
    if g.ending is not None:
        e = h.edition(g.ending.edition)
        out += ["", f"Ended: {g.ending.kind} by {_issuer(g.ending.act)}, effective {g.ending.date.describe()}"]
        if g.ending.kind == "repealed":
            out.append(f"  the text stays the record ({e.label()})")
    out += _warning_lines(h)
    return "\n".join(out) + "\n"


def render_matches(query: str, found: Sequence[Lineage]) -> str:
    """The positions an ambiguous query names, one per line, to choose an id from."""
    out = [f"{count(len(found), 'position matches', 'positions match')} {query!r}; "
           "repeat with a lineage id, or more words of the title:"]
    for g in found:
        editions = ", ".join(str(a.edition) for a in g.appearances)
        word = "edition" if len(g.appearances) == 1 else "editions"
        out.append(f"  {g.lineage_id}  [{g.latest.category.code}] {g.latest.title} · {_place(g.latest)} "
                   f"· {word} {editions}")
    return "\n".join(out) + "\n"


def _transition_words(h: History, t: Transition) -> str:
    if t.state.kind == "repealed":
        return f"the repeal by {act_label(t.act)}"
    assert t.state.edition is not None
    if t.state.edition == h.in_force_editions[0].index:
        return f"the entry into force of {act_label(t.act)}"
    return f"the taking effect of {h.edition(t.state.edition).label()} ({act_label(t.act)})"


def _state_words(h: History, s: State) -> str:
    if s.kind == "not_yet_in_force":
        return "not yet in force"
    if s.kind == "repealed":
        assert h.repeal is not None
        return f"repealed by {act_label(h.repeal.act)}"
    assert s.edition is not None
    return f"in force, {h.edition(s.edition).label()}"


def _when(date: LegalDate) -> str:
    return f"on {date.describe()}" if date.is_known else f"on a date the corpus does not give: {date.describe()}"


def _range(date: LegalDate) -> str:
    """When an (un)known date falls, in a few words: "on 2015-03-15", "between 2014-04-29 and 2015-03-12"."""
    if date.value is not None:
        return f"on {date.value.isoformat()}"
    lo = date.not_before + dt.timedelta(days=1) if date.not_before and date.lower_exclusive else date.not_before
    hi = date.not_after - dt.timedelta(days=1) if date.not_after and date.upper_exclusive else date.not_after
    if lo and hi:
        return f"between {lo.isoformat()} and {hi.isoformat()}"
    if lo:
        return f"on or after {lo.isoformat()}"
    if hi:
        return f"by {hi.isoformat()} at the latest"
    return "on a date the corpus does not give"


def _edition_of(h: History, t: Transition) -> HistoryEdition:
    return h.edition(t.state.edition if t.state.edition is not None else h.repeal.edition)  # type: ignore[union-attr]


def _settled_by(h: History, t: Transition) -> str:
    """The fact that would settle an undecided transition."""
    e = _edition_of(h, t)
    if e.effective is not None and e.effective.publication is not None:
        return f"the date of first official publication of {act_label(t.act)}"
    return f"the date {act_label(t.act)} took effect"


def _why(bound: Any) -> str:
    return f" ({bound.reason})" if bound is not None else ""


def _short_state(h: History, s: State) -> str:
    if s.kind == "in_force":
        assert s.edition is not None
        e = h.edition(s.edition)
        how = "" if e.index == h.in_force_editions[0].index else f", as amended by {act_label(e.produced_by)}"
        return f"in force ({e.label()}{how})"
    return _state_words(h, s)


def _event(h: History, t: Transition) -> tuple[str, str, str]:
    """(subject, past tense, past participle) of a transition, for the headline."""
    if t.state.kind == "repealed":
        return f"the repeal by {act_label(t.act)}", "took effect", "taken effect"
    assert t.state.edition is not None
    if t.state.edition == h.in_force_editions[0].index:
        return act_label(t.act), "entered into force", "entered into force"
    return f"{act_label(t.act)} (edition {t.state.edition})", "took effect", "taken effect"


def as_of_headline(h: History, r: AsOf) -> str:
    """The answer in one line: what is certain, and what is still possible, with the fact that would settle it."""
    day = r.day.isoformat()
    trans = r.transitions
    reached = [t.date.reached_by(r.day) for t in trans]
    if r.certain:
        s = r.states[0]
        k = r.states_index(s)
        if k == 0:
            if not trans:
                return f"As of {day}: not in force: no edition in force in the corpus."
            t = trans[0]
            subject, past, _ = _event(h, t)
            e = _edition_of(h, t)
            return (f"As of {day}: not yet in force (certain): {subject} {past} "
                    f"{_range(t.date)}{_why(e.effective.earliest if e.effective else None)}.")
        subject, past, _ = _event(h, trans[k - 1])
        line = f"As of {day}: {_short_state(h, s)} (certain): {subject} {past} {_range(trans[k - 1].date)}"
        if k < len(trans):
            nxt, nxt_past, _ = _event(h, trans[k])
            line += f", and {nxt} {nxt_past} later, {_range(trans[k].date)}"
        elif s.kind == "in_force":
            line += "; the corpus holds no later edition or repeal"
        return line + "."
    certain = []
    for i, t in enumerate(trans):
        subject, past, participle = _event(h, t)
        if reached[i] is True and (i + 1 == len(trans) or reached[i + 1] is not True):
            certain.append(f"{subject} had {participle} ({_range(t.date)})")
        elif reached[i] is False and (i == 0 or reached[i - 1] is not False):
            certain.append(f"{subject} had not yet {participle} (it {past} {_range(t.date)})")
    open_ = []
    for i in r.undecided:
        subject, past, _ = _event(h, trans[i])
        open_.append(f"{subject} {past} {_range(trans[i].date)}, a date the texts do not give; "
                     f"{_settled_by(h, trans[i])} would settle it")
    line = f"As of {day}: {' or '.join(_short_state(h, s) for s in r.states)}"
    if certain:
        line += f". Certain: {'; '.join(certain)}"
    return line + f". Open: {'; '.join(open_)}."


def render_as_of(h: History, r: AsOf) -> str:
    """What applied on a day in one line first, then the details: every possible state with its
    condition, and the positions in force."""
    day = r.day.isoformat()
    out = _work_lines(h) + ["", as_of_headline(h, r)]
    if r.certain:
        s = r.states[0]
        if s.kind == "not_yet_in_force":
            entry = h.entry_into_force
            out.append(f"  {act_label(h.act)} entered into force later, "
                       + (_when(entry) if entry else "never (no edition in force in the corpus)") + ".")
        elif s.kind == "repealed":
            assert h.repeal is not None
            out.append(f"  {_issuer(h.repeal.act)}; the repeal took effect {_when(h.repeal.effective)}.")
    else:
        out.append(f"  The corpus does not tell whether {day} falls before or after:")
        for i in r.undecided:
            t = r.transitions[i]
            out.append(f"    {_transition_words(h, t)}: {t.date.describe()}")
        out.append("  Possible:")
        for s in r.states:
            conds = [f"{_transition_words(h, t)} is {'on or before' if by else 'after'} {day}"
                     for t, by in r.conditions(s)]
            out.append(f"    {_state_words(h, s)}, if {' and '.join(conds)}")
    for s in r.states:
        if s.kind == "repealed" and h.in_force_editions:
            assert h.repeal is not None
            lead = "" if r.certain else "If repealed: "
            out += ["", f"{lead}no position was in force. The last text in force, "
                    f"{h.in_force_editions[-1].label()}, stays the record in {h.edition(h.repeal.edition).label()}."]
        elif s.kind == "in_force":
            assert s.edition is not None
            e = h.edition(s.edition)
            if r.certain:
                out.append(f"  {e.label()} applies from {e.takes_effect.describe()}.")
            if e.index > 1:
                out.append(f"  {e.label()} was produced by {_issuer(e.produced_by)}.")
            out += as_of_provision_lines(e, r.certain)
            head = "Positions in force" if r.certain else f"Positions in force if {e.label()} applied"
            out += ["", f"{head} ({len(e.edition.positions)}):"]
            out += [f"  {_position_line(p)}" for p in e.edition.positions]
    out += _warning_lines(h)
    return "\n".join(out) + "\n"


# ================================================================ JSON

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


def _change_dict(c: FieldChange) -> dict[str, Any]:
    from amendtrack.compare.direction import direction_of, direction_to_dict

    # Stricter or looser, as diff@1 says it (docs/json-diff.md), where the change carries facts.
    d: dict[str, Any] = {
        "field": c.field, "part": c.part, "old_item": c.old_item, "new_item": c.new_item,
        "kind": c.kind, "substantive": c.substantive, "old": c.old, "new": c.new,
        "redline": render_ops_marked(c.ops),
        # The differ's word diff, as diff@1 gives it ([op, text], op -1/0/1), so
        # the HTML report draws the very redline the differ computed.
        "ops": [[int(op), text] for op, text in c.ops]}
    direction = direction_of(c)
    if direction is not None:
        d.update(direction_to_dict(direction))
    return d


def _appearance_dict(a: Appearance) -> dict[str, Any]:
    from amendtrack.formats.edition_json import (
        position_to_dict,  # the edition contract's position shape
    )

    return {"edition": a.edition, "change": a.change, "stage": a.stage, "score": a.score,
            "changes": [_change_dict(c) for c in a.changes], "position": position_to_dict(a.position)}


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
    d["warnings"] = list(h.warnings)
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
        "warnings": list(h.warnings),
    }
