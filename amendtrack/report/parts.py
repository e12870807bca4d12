"""Building blocks the page builders share: the model shaped for pages,
redlines, positions, acts and dates in law.

Names with a leading underscore are internal to the report package.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from amendtrack.compare.direction import ChangeDirection, direction_of
from amendtrack.compare.records import SUBSTANTIVE_KINDS
from amendtrack.compare.records import FieldChange as ModelFieldChange
from amendtrack.compare.textdiff import Span as TextSpan
from amendtrack.dates import TEN_DAYS_AFTER_PUBLICATION, LegalDate
from amendtrack.history.lineage import Ending
from amendtrack.i18n import N_
from amendtrack.i18n import gettext as _
from amendtrack.model import Position, Repair
from amendtrack.parse.notes import ACT_NAMES, CitingAct
from amendtrack.report.context import (
    _SPAN_KINDS,
    ActRef,
    ChangeShape,
    ChangeView,
    DateInfo,
    FieldGroup,
    PositionRef,
    RedlineSpan,
    RepairNote,
    RequirementsView,
)
from amendtrack.report.labels import (
    FIELD_LABELS,
    KIND_LABELS,
    MATCH_LABELS,
    REPAIR_EXPLANATIONS,
)

# ================================================================ small helpers
#
# The builders read the typed model (compare/records.py, history/lineage.py) and
# shape it for the pages; nothing here reads JSON.


def _text_or_none(value: Any) -> str | None:
    """A scalar as text for display; None stays None (shown as "unknown")."""
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _language(value: Any) -> str:
    # Only the two languages the corpus has; anything else is "unknown" (lang=""),
    # rather than a lang attribute that misleads screen readers and hyphenation.
    return value if value in ("kk", "ru") else ""


def _anchor(prefix: str, raw: str, taken: set[str]) -> str:
    """An HTML id from arbitrary text: [A-Za-z0-9_-] only, unique within `taken`."""
    base = f"{prefix}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "x")
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _relative_href(value: Any, where: str) -> str:
    """A link into the report folder: relative, no scheme, no host.

    Links come from our own corpus walk, but a page must never link out of the
    folder it ships in (it is opened from file:// and may be mailed around).
    """
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: expected a relative link, got {value!r}")
    if _SCHEME.match(value) or value.startswith(("/", "\\")) or any(ch in value for ch in "\\\0\n\r\t"):
        raise ValueError(f"{where}: not a relative link inside the report: {value!r}")
    return value


# ================================================================ redlines and positions


def _spans(ops: Iterable[TextSpan]) -> tuple[RedlineSpan, ...]:
    """The differ's word diff as the page's spans (empty texts dropped)."""
    return tuple(RedlineSpan(kind=_SPAN_KINDS[int(op)], text=text) for op, text in ops if text)


def _item_label(field: str, part: str | None, shape: str, old_item: int | None, new_item: int | None) -> str:
    """Where in an experience list a change is: items are aligned one to one."""
    if part in ("intro", "trailer"):
        words = {
            ("intro", "added"): _("Introductory sentence added"),
            ("intro", "removed"): _("Introductory sentence removed"),
            ("trailer", "added"): _("Closing text added"),
            ("trailer", "removed"): _("Closing text removed"),
        }
        if (part, shape) in words:
            return words[part, shape]
        return _("Introductory sentence changed") if part == "intro" else _("Closing text changed")
    if part != "item" and field != "experience":
        return ""
    if shape == "added":
        return _("Item %(number)s added") % {"number": new_item} if new_item else _("Item added")
    if shape == "removed":
        return _("Item %(number)s removed") % {"number": old_item} if old_item else _("Item removed")
    if old_item and new_item:
        if old_item == new_item:
            return _("Item %(number)s changed") % {"number": old_item}
        return _("Item %(old)s → %(new)s changed") % {"old": old_item, "new": new_item}
    return _("Item changed")


def _change_view(
    field: str,
    kind: str,
    old: str,
    new: str,
    ops: Iterable[TextSpan],
    *,
    part: str | None = None,
    old_item: int | None = None,
    new_item: int | None = None,
    direction: ChangeDirection | None = None,
) -> ChangeView:
    """One change as the page shows it: labels in words, the redline as spans."""
    shape: ChangeShape = "added" if not old and new else "removed" if old and not new else "changed"
    return ChangeView(
        field=field,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        substantive=kind in SUBSTANTIVE_KINDS,
        small=kind == "small",
        shape=shape,
        part=part,
        old_item=old_item,
        new_item=new_item,
        label=_item_label(field, part, shape, old_item, new_item),
        old=old,
        new=new,
        spans=_spans(ops),
        direction=direction.direction if direction is not None else None,
        direction_text=direction.description().translated() if direction is not None else None,
    )


def _field_change(c: ModelFieldChange) -> ChangeView:
    """A matched position's (or a unit name's) change, with its direction when its facts tell one."""
    item = c.part == "item"
    return _change_view(c.field, c.kind, c.old, c.new, c.ops, part=c.part,
                        old_item=c.old_item if item else None, new_item=c.new_item if item else None,
                        direction=direction_of(c))


def _history_change(c: ModelFieldChange) -> ChangeView:
    """A change as a position's history shows it: the item numbers as the differ gave them."""
    return _change_view(c.field, c.kind, c.old, c.new, c.ops, part=c.part, old_item=c.old_item,
                        new_item=c.new_item, direction=direction_of(c))


def _group(
    changes: Iterable[ChangeView], labels: Mapping[str, str] = FIELD_LABELS
) -> tuple[FieldGroup, ...]:
    """Changes by field, fields in the order of `labels`, unknown fields after them by name."""
    by_field: dict[str, list[ChangeView]] = {}
    for change in changes:
        by_field.setdefault(change.field, []).append(change)
    order = {name: i for i, name in enumerate(labels)}
    names = sorted(by_field, key=lambda name: (order.get(name, len(order)), name))
    return tuple(FieldGroup(name, labels.get(name, name), tuple(by_field[name])) for name in names)


def _position_ref(p: Position | None, *, with_requirements: bool = False) -> PositionRef | None:
    """A position as a page names it; its requirements only when the page shows them."""
    if p is None:
        return None
    return PositionRef(
        id=p.id,
        annex=p.annex,
        unit=p.unit.name if p.unit else None,
        title=p.title,
        category=p.category.code,
        requirements=_requirements(p) if with_requirements else None,
    )


def _match_label(stage: str | None, score: Any) -> str | None:
    if stage is None:
        return None
    label = MATCH_LABELS.get(stage, stage)
    if stage == "similar" and isinstance(score, int | float) and not isinstance(score, bool):
        # The matcher's own score, so a reviewer can judge a pairing the tool made by likeness.
        label += f" (score {score:.2f})"
    return label



def _requirements(p: Position) -> RequirementsView:
    """The requirements, with the experience lead-in and trailer and the repair notes."""
    r = p.requirements
    return RequirementsView(
        education=r.education,
        competence=r.competence,
        experience=tuple(r.experience.items),
        duties=r.duties,
        experience_intro=r.experience.intro,
        experience_trailer=r.experience.trailer,
        repairs=_repair_notes(p.repairs),
    )


def _line_list(spans: list[tuple[int, int]]) -> str:
    """Source lines for a reader: "line 106", "lines 219–220", "lines 106, 219–220"."""
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in spans]
    many = len(spans) > 1 or spans[0][0] != spans[0][1]
    listed = ", ".join(parts)
    return _("lines %(lines)s") % {"lines": listed} if many else _("line %(lines)s") % {"lines": listed}


def _repair_notes(repairs: Iterable[Repair]) -> tuple[RepairNote, ...]:
    """One note per field and kind of damage, in the order the repairs come (field order)."""
    grouped: dict[tuple[str, str], list[Repair]] = {}
    for r in repairs:
        grouped.setdefault((r.field, r.kind), []).append(r)
    notes = []
    for (field, kind), items in grouped.items():
        spans = [(r.lines.first, r.lines.last) for r in items]
        template = REPAIR_EXPLANATIONS.get(kind)
        if template is None:
            text = _("Extraction damage of an unknown kind (%(kind)s), source %(lines)s.") % {
                "kind": kind, "lines": _line_list(spans)}
        else:
            labels = ", ".join(f"“{r.detail}”" for r in items if r.detail)
            text = template.format(lines=_line_list(spans), labels=labels or _("the row label"))
        notes.append(RepairNote(field=field, kind=kind, text=text))
    return tuple(notes)


# ================================================================ acts and dates


def _act_ref(act: CitingAct | None) -> ActRef:
    """An act as the pages name it; unknown parts stay None."""
    if act is None:
        return ActRef(type=None, number=None, date=None, issuer=None)
    return ActRef(type=act.type, number=act.number, date=act.date.isoformat(), issuer=act.issuer)


def _legal_date(d: LegalDate | None) -> DateInfo:
    """A LegalDate for a page; anything missing stays unknown, with its bounds in words."""
    if d is None:
        return DateInfo(known=False, text=_("unknown"), rule=None, basis=None)
    # A rule the code names is translated, and so is the reasoning of history/bounds.py;
    # the manifest's own words stay as written, in English (the template marks them so).
    rule = _(d.rule) if d.rule == TEN_DAYS_AFTER_PUBLICATION else d.rule
    basis = d.basis_message.translated() if d.basis_message is not None else d.basis
    translated = d.basis_message is not None
    if d.is_known and d.value is not None:
        return DateInfo(known=True, text=d.value.isoformat(), rule=rule, basis=basis, basis_translated=translated)
    lower = d.not_before.isoformat() if d.not_before else None
    upper = d.not_after.isoformat() if d.not_after else None
    bounds = []
    if lower is not None and upper is not None and not d.lower_exclusive and not d.upper_exclusive:
        bounds.append(_("between %(first)s and %(last)s") % {"first": lower, "last": upper})
    else:
        if lower is not None:
            bounds.append((_("after %(date)s") if d.lower_exclusive else _("on or after %(date)s")) % {"date": lower})
        if upper is not None:
            bounds.append((_("before %(date)s") if d.upper_exclusive else _("on or before %(date)s")) % {"date": upper})
    text = _("unknown: %(bounds)s") % {"bounds": ", ".join(bounds)} if bounds else _("unknown")
    return DateInfo(known=False, text=text, rule=rule, basis=basis, basis_translated=translated)


def _ending_words(ending: Ending | None) -> str | None:
    """How a position's time in force ended, in words (None while it is in force)."""
    if ending is None:
        return None
    act = _act_ref(ending.act)
    words = {"number": act.number or _("unknown"), "date": act.date or _("unknown"),
             "effective": _legal_date(ending.date).text}
    if ending.kind == "repealed":
        return _("Repealed with the whole act by act No. %(number)s of %(date)s; effective: %(effective)s") % words
    return _("Removed by act No. %(number)s of %(date)s; effective: %(effective)s") % words


# An act of no kind the type word tells: the report names it "Act", not by its printed type.
_UNKNOWN_KIND_ACT = N_("Act No. %(number)s of %(date)s")


def act_words(act: ActRef) -> str:
    """"Order No. 50 of 2015-03-01": the act's kind in English when its type word tells it (parse.notes.act_label)."""
    kind = CitingAct(act.issuer or "", act.type, "", dt.date.min).kind if act.type else None
    message = ACT_NAMES.get(kind, _UNKNOWN_KIND_ACT) if kind else _UNKNOWN_KIND_ACT
    return _(message) % {"number": act.number or _("unknown"), "date": act.date or _("unknown date")}
