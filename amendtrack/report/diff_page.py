"""The diff report: its context from a `Comparison`, and its HTML."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from amendtrack.compare.records import (
    ActChange,
    Comparison,
    PositionAdded,
    PositionMatched,
    PositionRemoved,
    Repeal,
    UnitChange,
    status_of,
)
from amendtrack.compare.records import PositionEntry as ModelPositionEntry
from amendtrack.history.provenance import Provenance
from amendtrack.i18n import N_, TranslatedLabels
from amendtrack.i18n import gettext as _
from amendtrack.model import Edition, Unit
from amendtrack.report.context import (
    GENERATOR,
    ChangeView,
    Counts,
    FieldGroup,
    RedlineSpan,
)
from amendtrack.report.diff_context import (
    DiffPage,
    EditionMeta,
    FieldSummaryRow,
    PositionCard,
    PositionGroup,
    RepealInfo,
    RepealStatementEntry,
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
    STATUS_LABELS,
    UNIT_ACTION_LABELS,
)
from amendtrack.report.parts import (
    _act_ref,
    _anchor,
    _change_view,
    _field_change,
    _group,
    _language,
    _legal_date,
    _match_label,
    _position_ref,
    _relative_href,
    act_words,
)
from amendtrack.report.provision_cards import provision_cards


def _position_entry(entry: ModelPositionEntry, taken: set[str]) -> PositionCard:
    status = status_of(entry)
    old_position = entry.old if isinstance(entry, PositionRemoved | PositionMatched) else None
    new_position = entry.new if isinstance(entry, PositionAdded | PositionMatched) else None
    # A position only one edition has is shown with its requirements: there is no redline to read.
    whole = not isinstance(entry, PositionMatched)
    old = _position_ref(old_position, with_requirements=whole)
    new = _position_ref(new_position, with_requirements=whole)
    changes = [_field_change(c) for c in entry.changes] if isinstance(entry, PositionMatched) else []
    shown = new or old
    assert shown is not None
    substantive = [c for c in changes if c.substantive]
    stage = entry.stage if isinstance(entry, PositionMatched) else None
    score = round(entry.score, 4) if isinstance(entry, PositionMatched) else None
    return PositionCard(
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
        match_label=_match_label(stage, score),
        fields=_group(substantive),
        minor_fields=_group(c for c in changes if not c.substantive),
        only_small=bool(substantive) and all(c.small for c in substantive),
        number=None,
        previous=None,
        next=None,
    )


_FACTS_FROM: Mapping[str, str] = TranslatedLabels({"manifest": N_("the corpus manifest"), "text": N_("the text's own notes")})


def _edition_meta(edition: Edition, role: str, provenance: Provenance | None) -> EditionMeta:
    status = edition.act.status
    return EditionMeta(
        role=role,
        heading=_("Old edition") if role == "old" else _("New edition"),
        path=edition.source.path,
        sha256=edition.source.sha256,
        act_number=edition.act.number,
        date=edition.act.date,
        registration_number=edition.act.registration.number,
        positions=len(edition.positions),
        status=status,
        status_label=STATUS_LABELS.get(status, status) if status else None,
        title=edition.act.title,
        language=edition.language,
        extra=(),
        edition_date=provenance.date.isoformat() if provenance and provenance.date else None,
        produced_by=_act_ref(provenance.produced_by) if provenance and provenance.produced_by else None,
        applies_from=_legal_date(provenance.applies_from) if provenance and provenance.applies_from else None,
        facts_from=_FACTS_FROM.get(provenance.source) if provenance else None,
        original=bool(provenance and provenance.original),
    )


def _counts(entries: Sequence[PositionCard]) -> Counts:
    def n(status: str) -> int:
        return sum(1 for e in entries if e.status == status)

    return Counts(added=n("added"), removed=n("removed"), changed=n("changed"),
                  unchanged=n("unchanged"), repealed=n("repealed"))


def _groups(entries: Iterable[PositionCard]) -> tuple[PositionGroup, ...]:
    """Entries by (annex, unit), groups in order of first appearance."""
    grouped: dict[tuple[int | None, str | None], list[PositionCard]] = {}
    for entry in entries:
        grouped.setdefault((entry.annex, entry.unit), []).append(entry)
    return tuple(PositionGroup(annex, unit, tuple(items)) for (annex, unit), items in grouped.items())


def _by_unit(entries: Sequence[PositionCard]) -> tuple[UnitSummaryRow, ...]:
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


def _by_field(entries: Sequence[PositionCard]) -> tuple[FieldSummaryRow, ...]:
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


def _linked(entries: Sequence[PositionCard]) -> tuple[PositionCard, ...]:
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


def _unit_ref(u: Unit | None) -> UnitRef | None:
    if u is None:
        return None
    return UnitRef(annex=u.annex, ordinal=u.ordinal, number=u.number, name=u.name)


def _unit_changes(units: Sequence[UnitChange]) -> tuple[UnitChangeEntry, ...]:
    return tuple(
        UnitChangeEntry(
            action=u.action,
            action_label=UNIT_ACTION_LABELS.get(u.action, u.action),
            old=_unit_ref(u.old),
            new=_unit_ref(u.new),
            renamed=u.name is not None,
            renumbered=u.renumbered,
            substantive=u.substantive,
            fields=_group([_field_change(u.name)] if u.name else []),
        )
        for u in units
    )


_STATEMENT_SOURCES: Mapping[str, str] = TranslatedLabels({"header": N_("the publisher's repeal sentence"),
                                                          "note": N_("an editorial note")})


def _repeal(repeal: Repeal | None) -> RepealInfo | None:
    if repeal is None:
        return None
    act = repeal.repealing_act
    return RepealInfo(
        repealing_act=_act_ref(act.citing_act) if act is not None else None,
        statements=tuple(
            RepealStatementEntry(source=st.source, source_label=_STATEMENT_SOURCES.get(st.source, st.source),
                                 text=st.text, problem=st.problem)
            for st in repeal.statements
        ),
    )


def _act_changes(changes: Sequence[ActChange]) -> tuple[FieldGroup, ...]:
    return _group([_human_status(_change_view(a.field, a.kind, a.old, a.new, a.ops)) for a in changes],
                  ACT_FIELD_LABELS)


def _human_status(change: ChangeView) -> ChangeView:
    """The act's status in words ("in force" → "repealed"), not the data's codes."""
    if change.field != "status":
        return change
    old, new = ACT_STATUS_WORDS.get(change.old, change.old), ACT_STATUS_WORDS.get(change.new, change.new)
    spans = tuple(span for span in (RedlineSpan("delete", old), RedlineSpan("insert", new)) if span.text)
    return replace(change, old=old, new=new, spans=spans)


def _page_title(old: EditionMeta, new: EditionMeta) -> str:
    """"Changes: 2014-04-09 → 2015-03-01 (Order No. 50 of 2015-03-01)": the editions by their
    dates, and the act that made the new one; a file name where a date is not known."""

    def side(meta: EditionMeta) -> str:
        # A document without provenance (an older diff@1) keeps the act's date or the path.
        return meta.edition_date or meta.date or meta.path or _("unknown")

    title = _("Changes: %(old)s → %(new)s") % {"old": side(old), "new": side(new)}
    act = new.produced_by
    if act is not None and act.number and not new.original:
        title += f" ({act_words(act)})"
    return title


def build_diff_page(
    comparison: Comparison,
    *,
    old_provenance: Provenance | None = None,
    new_provenance: Provenance | None = None,
    index_href: str | None = None,
    generated_at: str | None = None,
) -> DiffPage:
    """The diff report's context from a `Comparison`.

    Positions keep the differ's document order.

    :param comparison: from `compare.differ.compare_editions`.
    :param old_provenance: which edition OLD is (history/provenance.py); None when not known.
    :param new_provenance: which edition NEW is.
    :param index_href: relative link to the report index, when the page is part of one.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when `index_href` is not a relative link inside the report.
    """
    old = _edition_meta(comparison.old, "old", old_provenance)
    new = _edition_meta(comparison.new, "new", new_provenance)
    taken: set[str] = set()
    entries = [_position_entry(e, taken) for e in comparison.positions]
    counts = _counts(entries)
    changes = _linked([e for e in entries if e.status in ("added", "removed", "changed")])
    minor_only = tuple(e for e in entries if e.status == "unchanged" and e.minor_fields)
    plain_unchanged = [e for e in entries if e.status == "unchanged" and not e.minor_fields]
    act_title = new.title or old.title
    repeal = _repeal(comparison.repeal)
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
        act_changes=_act_changes(comparison.act),
        units=_unit_changes(comparison.units),
        by_unit=_by_unit(entries),
        by_field=_by_field(entries),
        changes=changes,
        small_only_count=sum(1 for e in changes if e.only_small),
        minor_only=minor_only,
        minor_change_count=sum(len(g.changes) for e in entries for g in e.minor_fields),
        repealed=_groups(e for e in entries if e.status == "repealed"),
        unchanged=_groups(plain_unchanged),
        unchanged_count=len(plain_unchanged),
        provisions=provision_cards(comparison.provisions),
    )



def render_diff_html(
    comparison: Comparison,
    *,
    old_provenance: Provenance | None = None,
    new_provenance: Provenance | None = None,
    index_href: str | None = None,
    generated_at: str | None = None,
) -> str:
    """The diff report of a `Comparison`, as one self-contained HTML page (see `build_diff_page`)."""
    return _render("diff.html", build_diff_page(comparison, old_provenance=old_provenance,
                                                new_provenance=new_provenance, index_href=index_href,
                                                generated_at=generated_at))
