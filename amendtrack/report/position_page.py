"""A position's history page: its context from a `History` and one of its `Lineage` values, and its HTML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from amendtrack.history.lineage import History, Lineage
from amendtrack.i18n import N_, TranslatedLabels
from amendtrack.i18n import gettext as _
from amendtrack.report.context import (
    GENERATOR,
)
from amendtrack.report.env import _render
from amendtrack.report.history_context import (
    HistoryStep,
    PositionHistoryPage,
)
from amendtrack.report.parts import (
    _act_ref,
    _anchor,
    _ending_words,
    _group,
    _history_change,
    _language,
    _legal_date,
    _match_label,
    _position_ref,
    _relative_href,
    _requirements,
)

HISTORY_STATUS_LABELS: Mapping[str, str] = TranslatedLabels({
    "introduced": N_("Introduced"),
    "changed": N_("Changed"),
    "unchanged": N_("Unchanged"),
    "removed": N_("Removed"),
    "repealed": N_("Repealed with the act"),
})


def build_position_history_page(
    history: History,
    lineage: Lineage,
    *,
    index_href: str | None = None,
    diff_hrefs: Mapping[int, str] | None = None,
    generated_at: str | None = None,
) -> PositionHistoryPage:
    """One position's history page.

    :param history: the work's history (history/lineage.py).
    :param lineage: one of its positions, edition by edition.
    :param index_href: relative link back to the index.
    :param diff_hrefs: for an edition index, the relative link to the diff report that produced it.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when a link is not a relative link inside the report.
    """
    hrefs = {k: _relative_href(v, f"diff_hrefs[{k}]") for k, v in (diff_hrefs or {}).items()}
    taken: set[str] = set()
    steps = []
    for a in lineage.appearances:
        edition = history.edition(a.edition)
        # A repealed text still prints the position; it is the record, not law.
        status = a.change if edition.in_force else "repealed"
        if status == "unchanged" and not a.changes:
            continue  # the same version as before
        changes = [_history_change(c) for c in a.changes]
        steps.append(HistoryStep(
            anchor=_anchor("edition", str(a.edition), taken),
            edition=a.edition,
            file=edition.edition.source.path,
            date=edition.date.isoformat(),
            in_force=edition.in_force,
            applies_from=_legal_date(edition.takes_effect),
            produced_by=_act_ref(edition.produced_by),
            status=status,
            status_label=HISTORY_STATUS_LABELS.get(status, status),
            position=_position_ref(a.position),
            requirements=_requirements(a.position),
            match_label=_match_label(a.stage, a.score),
            fields=_group(c for c in changes if c.substantive),
            minor_fields=_group(c for c in changes if not c.substantive),
            diff_href=hrefs.get(a.edition),
        ))
    ending = lineage.ending
    if ending is not None and ending.kind == "removed":
        edition = history.edition(ending.edition)
        steps.append(HistoryStep(
            anchor=_anchor("edition", str(ending.edition), taken),
            edition=ending.edition,
            file=edition.edition.source.path,
            date=edition.date.isoformat(),
            in_force=edition.in_force,
            applies_from=_legal_date(edition.takes_effect),
            produced_by=_act_ref(ending.act),
            status="removed",
            status_label=HISTORY_STATUS_LABELS["removed"],
            position=None,
            requirements=None,
            match_label=None,
            fields=(),
            minor_fields=(),
            diff_href=hrefs.get(ending.edition),
        ))
    # Each version lasts until the next one (or the edition that removed the position).
    steps = [replace(step, until=after.edition) for step, after in zip(steps, steps[1:])] + steps[-1:]
    latest = _position_ref(lineage.latest)
    assert latest is not None
    return PositionHistoryPage(
        schema="amendtrack/report-position@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title=_("History: %(title)s") % {"title": latest.title},
        work_title=history.work.title(history.language) or "",
        language=_language(history.language),
        index_href=_relative_href(index_href, "index_href") if index_href is not None else None,
        position=latest,
        ids=lineage.ids or (latest.id,),
        lineage_id=lineage.lineage_id,
        in_force_from=_legal_date(lineage.in_force_from) if lineage.in_force_from is not None else None,
        ending=_ending_words(ending),
        steps=tuple(steps),
    )


def render_position_history_html(
    history: History,
    lineage: Lineage,
    *,
    index_href: str | None = None,
    diff_hrefs: Mapping[int, str] | None = None,
    generated_at: str | None = None,
) -> str:
    """One position's history page as HTML (see `build_position_history_page`)."""
    return render_position_page(build_position_history_page(
        history, lineage, index_href=index_href, diff_hrefs=diff_hrefs, generated_at=generated_at))


def render_position_page(page: PositionHistoryPage) -> str:
    """A position page's HTML from its context."""
    return _render("position.html", page)
