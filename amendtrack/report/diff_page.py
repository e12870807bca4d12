"""The diff report: its context from an ``amendtrack/diff@1`` document, and its HTML."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from amendtrack.report.context import (
    GENERATOR,
    Counts,
    DiffPage,
    EditionMeta,
    FieldChange,
    FieldGroup,
    FieldSummaryRow,
    MetaItem,
    PositionEntry,
    PositionGroup,
    RepealInfo,
    RepealStatementEntry,
    Span,
    UnitChangeEntry,
    UnitRef,
    UnitSummaryRow,
)
from amendtrack.report.env import _render
from amendtrack.report.labels import (
    ACT_FIELD_LABELS,
    ACT_STATUS_WORDS,
    FIELD_LABELS,
    FIELD_ORDER,
    POSITION_STATUSES,
    STATUS_LABELS,
    UNIT_ACTION_LABELS,
)
from amendtrack.report.parts import (
    _act_ref,
    _anchor,
    _field_change,
    _group,
    _language,
    _legal_date,
    _match_label,
    _need,
    _opt,
    _position_ref,
    _relative_href,
    _text_or_none,
    act_words,
)
from amendtrack.report.provision_cards import provision_cards

DIFF_SCHEMA = "amendtrack/diff@1"
"""The input contract of the diff report (issue 4; docs in the differ's module)."""


def _position_entry(raw: Mapping[str, Any], where: str, taken: set[str]) -> PositionEntry:
    status = _need(raw, "status", str, where)
    if status not in POSITION_STATUSES:
        raise ValueError(f"{where}.status: unknown status {status!r}")
    old = _position_ref(raw.get("old"), f"{where}.old")
    new = _position_ref(raw.get("new"), f"{where}.new")
    if old is None and new is None:
        raise ValueError(f"{where}: neither an old nor a new position")
    changes = [
        _field_change(c, f"{where}.changes[{i}]")
        for i, c in enumerate(_need(raw, "changes", list, where))
    ]
    has_substantive = any(c.substantive for c in changes)
    if status == "changed" and not has_substantive:
        raise ValueError(f"{where}: status 'changed' without a substantive change")
    if status == "unchanged" and has_substantive:
        raise ValueError(f"{where}: status 'unchanged' with a substantive change")
    shown = new or old
    assert shown is not None
    substantive = [c for c in changes if c.substantive]
    stage = _opt(raw, "match", str, where)
    return PositionEntry(
        anchor=_anchor("pos", shown.id, taken),
        status=status,
        status_label=STATUS_LABELS[status],
        title=shown.title,
        annex=shown.annex,
        unit=shown.unit,
        category=shown.category,
        old=old,
        new=new,
        match=stage,
        match_label=_match_label(stage, raw.get("score")),
        fields=_group(substantive),
        minor_fields=_group(c for c in changes if not c.substantive),
        only_small=bool(substantive) and all(c.small for c in substantive),
        number=None,
        previous=None,
        next=None,
    )


_KNOWN_META = (
    "path", "sha256", "act_number", "act_date", "date", "registration_number", "positions", "status", "title",
    "language", "edition",
)
_FACTS_FROM: Mapping[str, str] = {"manifest": "the corpus manifest", "text": "the text's own notes"}


def _edition_meta(raw: Any, role: str) -> EditionMeta:
    where = f"diff document.{role}"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    status = _text_or_none(raw.get("status"))
    # The edition's provenance (history/provenance.py), an added key of diff@1.
    facts: Mapping[str, Any] = raw["edition"] if isinstance(raw.get("edition"), Mapping) else {}
    produced = facts.get("produced_by")
    return EditionMeta(
        role=role,
        heading="Old edition" if role == "old" else "New edition",
        path=_text_or_none(raw.get("path")),
        sha256=_text_or_none(raw.get("sha256")),
        act_number=_text_or_none(raw.get("act_number")),
        date=_text_or_none(raw.get("act_date", raw.get("date"))),
        registration_number=_text_or_none(raw.get("registration_number")),
        positions=raw["positions"] if isinstance(raw.get("positions"), int) else None,
        status=status,
        status_label=STATUS_LABELS.get(status, status) if status else None,
        title=_text_or_none(raw.get("title")),
        language=_text_or_none(raw.get("language")),
        extra=tuple(
            MetaItem(key, _text_or_none(raw[key]) or "")
            for key in sorted(raw)
            if key not in _KNOWN_META and raw[key] is not None
        ),
        edition_date=_text_or_none(facts.get("date")),
        produced_by=_act_ref(produced, f"{where}.edition.produced_by") if produced is not None else None,
        applies_from=_legal_date(facts["applies_from"]) if facts.get("applies_from") is not None else None,
        facts_from=_FACTS_FROM.get(str(facts.get("source")), None) if facts else None,
        original=bool(facts.get("original")),
    )


def _counts(entries: Sequence[PositionEntry]) -> Counts:
    def n(status: str) -> int:
        return sum(1 for e in entries if e.status == status)

    return Counts(added=n("added"), removed=n("removed"), changed=n("changed"),
                  unchanged=n("unchanged"), repealed=n("repealed"))


def _groups(entries: Iterable[PositionEntry]) -> tuple[PositionGroup, ...]:
    """Entries by (annex, unit), groups in order of first appearance."""
    grouped: dict[tuple[int | None, str | None], list[PositionEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.annex, entry.unit), []).append(entry)
    return tuple(PositionGroup(annex, unit, tuple(items)) for (annex, unit), items in grouped.items())


def _by_unit(entries: Sequence[PositionEntry]) -> tuple[UnitSummaryRow, ...]:
    rows = []
    for group in _groups(entries):
        items = group.positions
        minor = sum(1 for e in items if e.status == "unchanged" and e.minor_fields)
        rows.append(UnitSummaryRow(
            annex=group.annex,
            unit=group.unit,
            added=sum(1 for e in items if e.status == "added"),
            removed=sum(1 for e in items if e.status == "removed"),
            changed=sum(1 for e in items if e.status == "changed"),
            repealed=sum(1 for e in items if e.status == "repealed"),
            unchanged=sum(1 for e in items if e.status == "unchanged"),
            minor=minor,
            active=minor > 0 or any(e.status != "unchanged" for e in items),
        ))
    return tuple(rows)


def _by_field(entries: Sequence[PositionEntry]) -> tuple[FieldSummaryRow, ...]:
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    names = sorted(
        {g.field for e in entries for g in e.fields + e.minor_fields},
        key=lambda name: (order.get(name, len(order)), name),
    )
    rows = []
    for name in names:
        major = [c for e in entries for g in e.fields if g.field == name for c in g.changes]
        minor = [c for e in entries for g in e.minor_fields if g.field == name for c in g.changes]
        rows.append(FieldSummaryRow(
            field=name,
            label=FIELD_LABELS.get(name, name),
            positions=sum(1 for e in entries if any(g.field == name for g in e.fields)),
            substantive=sum(1 for c in major if not c.small),
            small=sum(1 for c in major if c.small),
            minor=len(minor),
        ))
    return tuple(rows)


def _linked(entries: Sequence[PositionEntry]) -> tuple[PositionEntry, ...]:
    """Number the navigable changes and link each to its neighbours."""
    out = []
    for i, entry in enumerate(entries):
        out.append(replace(
            entry,
            number=i + 1,
            previous=entries[i - 1].anchor if i > 0 else None,
            next=entries[i + 1].anchor if i + 1 < len(entries) else None,
        ))
    return tuple(out)


def _unit_ref(raw: Any, where: str) -> UnitRef | None:
    if raw is None:
        return None
    return UnitRef(
        annex=_opt(raw, "annex", int, where),
        ordinal=_opt(raw, "ordinal", int, where),
        number=_opt(raw, "number", str, where),
        name=_need(raw, "name", str, where),
    )


def _unit_changes(raw: Any) -> tuple[UnitChangeEntry, ...]:
    out = []
    for i, u in enumerate(raw or []):
        where = f"diff document.units[{i}]"
        action = _need(u, "action", str, where)
        changes = [_field_change(c, f"{where}.changes[{j}]") for j, c in enumerate(u.get("changes") or [])]
        out.append(UnitChangeEntry(
            action=action,
            action_label=UNIT_ACTION_LABELS.get(action, action),
            old=_unit_ref(u.get("old"), f"{where}.old"),
            new=_unit_ref(u.get("new"), f"{where}.new"),
            renamed=bool(u.get("renamed")),
            renumbered=bool(u.get("renumbered")),
            substantive=bool(u.get("substantive", True)),
            fields=_group(changes),
        ))
    return tuple(out)


_STATEMENT_SOURCES: Mapping[str, str] = {"header": "the publisher's repeal sentence", "note": "an editorial note"}


def _repeal(raw: Any) -> RepealInfo | None:
    if raw is None:
        return None
    where = "diff document.act.repeal"
    statements = tuple(
        RepealStatementEntry(
            source=(source := _need(st, "source", str, f"{where}.statements[{i}]")),
            source_label=_STATEMENT_SOURCES.get(source, source),
            text=_need(st, "text", str, f"{where}.statements[{i}]"),
            problem=_opt(st, "problem", str, f"{where}.statements[{i}]"),
        )
        for i, st in enumerate(raw.get("statements") or [])
    )
    act = raw.get("repealing_act")
    return RepealInfo(
        repealing_act=_act_ref(act, f"{where}.repealing_act") if act is not None else None,
        statements=statements,
    )


def _act_changes(raw: Any) -> tuple[FieldGroup, ...]:
    if not isinstance(raw, Mapping):
        return ()
    changes = [
        _human_status(_field_change(c, f"diff document.act.changes[{i}]")) for i, c in enumerate(raw.get("changes") or [])
    ]
    return _group(changes, ACT_FIELD_LABELS)


def _human_status(change: FieldChange) -> FieldChange:
    """The act's status in words ("in force" → "repealed"), not the data's codes."""
    if change.field != "status":
        return change
    old, new = ACT_STATUS_WORDS.get(change.old, change.old), ACT_STATUS_WORDS.get(change.new, change.new)
    spans = tuple(span for span in (Span("delete", old), Span("insert", new)) if span.text)
    return replace(change, old=old, new=new, spans=spans)


def _page_title(old: EditionMeta, new: EditionMeta) -> str:
    """"Changes: 2014-04-09 → 2015-03-01 (Order No. 50 of 2015-03-01)": the editions by their
    dates, and the act that made the new one; a file name where a date is not known."""

    def side(meta: EditionMeta) -> str:
        # A document without provenance (an older diff@1) keeps the act's date or the path.
        return meta.edition_date or meta.date or meta.path or "unknown"

    title = f"Changes: {side(old)} → {side(new)}"
    act = new.produced_by
    if act is not None and act.number and not new.original:
        title += f" ({act_words(act)})"
    return title


def build_diff_page(
    diff_doc: Mapping[str, Any], *, index_href: str | None = None, generated_at: str | None = None
) -> DiffPage:
    """The diff report's context from an ``amendtrack/diff@1`` document.

    Positions keep the document's order (the differ's document order).  The
    document's ``summary`` must agree with its positions.

    :param diff_doc: the diff document, as parsed JSON.
    :param index_href: relative link to the report index, when the page is part of one.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when the document is not diff@1, misses a key the contract
        requires, or contradicts itself (summary, statuses, redlines that do not
        rebuild their texts).
    """
    if not isinstance(diff_doc, Mapping):
        raise ValueError(f"diff document: expected an object, got {type(diff_doc).__name__}")
    schema = diff_doc.get("schema")
    if schema != DIFF_SCHEMA:
        raise ValueError(f"diff document: schema is {schema!r}, expected {DIFF_SCHEMA!r}")
    old = _edition_meta(diff_doc.get("old"), "old")
    new = _edition_meta(diff_doc.get("new"), "new")
    taken: set[str] = set()
    raw_positions = _need(diff_doc, "positions", list, "diff document")
    entries = [
        _position_entry(raw, f"diff document.positions[{i}]", taken) for i, raw in enumerate(raw_positions)
    ]
    counts = _counts(entries)
    summary = _need(diff_doc, "summary", Mapping, "diff document")
    for status in POSITION_STATUSES:
        stated = summary.get(status)
        if stated is not None and stated != getattr(counts, status):
            raise ValueError(
                f"diff document.summary.{status}: says {stated}, "
                f"but {getattr(counts, status)} positions have that status"
            )
    changes = _linked([e for e in entries if e.status in ("added", "removed", "changed")])
    minor_only = tuple(e for e in entries if e.status == "unchanged" and e.minor_fields)
    plain_unchanged = [e for e in entries if e.status == "unchanged" and not e.minor_fields]
    act_title = new.title or old.title
    act = diff_doc.get("act")
    repeal = _repeal(act.get("repeal")) if isinstance(act, Mapping) else None
    return DiffPage(
        schema="amendtrack/report-diff@1",
        generator=GENERATOR,
        page_title=_page_title(old, new),
        act_title=act_title,
        language=_language(new.language or old.language),
        index_href=_relative_href(index_href, "index_href") if index_href is not None else None,
        generated_at=generated_at,
        old=old,
        new=new,
        counts=counts,
        whole_act_repealed=repeal is not None or (new.status == "repealed" and counts.repealed > 0),
        repeal=repeal,
        act_changes=_act_changes(act),
        units=_unit_changes(diff_doc.get("units")),
        by_unit=_by_unit(entries),
        by_field=_by_field(entries),
        changes=changes,
        small_only_count=sum(1 for e in changes if e.only_small),
        minor_only=minor_only,
        minor_change_count=sum(len(g.changes) for e in entries for g in e.minor_fields),
        repealed=_groups(e for e in entries if e.status == "repealed"),
        unchanged=_groups(plain_unchanged),
        unchanged_count=len(plain_unchanged),
        provisions=provision_cards(diff_doc.get("provisions")),
    )



def render_diff_html(
    diff_doc: Mapping[str, Any], *, index_href: str | None = None, generated_at: str | None = None
) -> str:
    """The diff report of an ``amendtrack/diff@1`` document, as one self-contained HTML page.

    :param diff_doc: the diff document, as parsed JSON.
    :param index_href: relative link to the report index, when the page is part of one.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_diff_page`.
    """
    return _render("diff.html", build_diff_page(diff_doc, index_href=index_href, generated_at=generated_at))


