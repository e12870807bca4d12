"""A position's history page: its context from ``history_to_dict(h, lineage)``, and its HTML."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amendtrack.report.context import (
    GENERATOR,
    HistoryStep,
    PositionHistoryPage,
)
from amendtrack.report.env import _render
from amendtrack.report.history_readers import (
    _act_ref,
    _field_change,
    _legal_date,
    _need,
    _position_ref,
    _requirements,
)
from amendtrack.report.index_page import _ending_words
from amendtrack.report.parts import (
    _anchor,
    _group,
    _language,
    _match_label,
    _relative_href,
)

HISTORY_STATUS_LABELS: Mapping[str, str] = {
    "introduced": "Introduced",
    "changed": "Changed",
    "unchanged": "Unchanged",
    "removed": "Removed",
    "repealed": "Repealed with the act",
}


def build_position_history_page(
    history_doc: Mapping[str, Any],
    *,
    index_href: str | None = None,
    diff_hrefs: Mapping[int, str] | None = None,
    generated_at: str | None = None,
) -> PositionHistoryPage:
    """One position's history page from ``history_to_dict(h, lineage)``.

    :param history_doc: ``amendtrack/history@1`` with one ``position`` (its appearances).
    :param index_href: relative link back to the index.
    :param diff_hrefs: for an edition index, the relative link to the diff report that produced it.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when a required key is missing or a redline does not rebuild its texts.
    """
    work = _need(history_doc, "work", Mapping, "history")
    language = _language(work.get("language"))
    lineage = _need(history_doc, "position", Mapping, "history")
    editions = {e["index"]: e for e in _need(history_doc, "editions", list, "history") if isinstance(e, Mapping)}
    hrefs = {k: _relative_href(v, f"diff_hrefs[{k}]") for k, v in (diff_hrefs or {}).items()}
    taken: set[str] = set()
    steps = []
    appearances = _need(lineage, "appearances", list, "history.position")
    for i, a in enumerate(appearances):
        where = f"history.position.appearances[{i}]"
        index = _need(a, "edition", int, where)
        edition = editions.get(index)
        if edition is None:
            raise ValueError(f"{where}.edition: no edition {index} in the history")
        in_force = bool(edition.get("in_force", True))
        change = _need(a, "change", str, where)
        # A repealed text still prints the position; it is the record, not law.
        status = change if in_force else "repealed"
        raw_position = _need(a, "position", Mapping, where)
        # history@1 changes carry the differ's ops, checked to rebuild their texts.
        changes = [_field_change(c, f"{where}.changes[{j}]") for j, c in enumerate(a.get("changes") or [])]
        steps.append(HistoryStep(
            anchor=_anchor("edition", str(index), taken),
            edition=index,
            file=str(edition.get("file", "")),
            date=str(edition.get("date", "")),
            in_force=in_force,
            applies_from=_legal_date(edition.get("takes_effect", edition.get("applies_from"))),
            produced_by=_act_ref(edition.get("produced_by"), f"history.editions[{index}].produced_by"),
            status=status,
            status_label=HISTORY_STATUS_LABELS.get(status, status),
            position=_position_ref(raw_position, f"{where}.position"),
            requirements=_requirements(
                raw_position.get("requirements"), f"{where}.position.requirements", raw_position
            ),
            match_label=_match_label(a.get("stage"), a.get("score")),
            fields=_group(c for c in changes if c.substantive),
            minor_fields=_group(c for c in changes if not c.substantive),
            diff_href=hrefs.get(index),
        ))
    ending = lineage.get("ending")
    if ending and ending.get("kind") == "removed":
        index = _need(ending, "edition", int, "history.position.ending")
        edition = editions.get(index, {})
        steps.append(HistoryStep(
            anchor=_anchor("edition", str(index), taken),
            edition=index,
            file=str(edition.get("file", "")),
            date=str(edition.get("date", "")),
            in_force=bool(edition.get("in_force", True)),
            applies_from=_legal_date(edition.get("takes_effect", edition.get("applies_from"))),
            produced_by=_act_ref(ending.get("act"), "history.position.ending.act"),
            status="removed",
            status_label=HISTORY_STATUS_LABELS["removed"],
            position=None,
            requirements=None,
            match_label=None,
            fields=(),
            minor_fields=(),
            diff_href=hrefs.get(index),
        ))
    latest = _position_ref(lineage, "history.position")
    assert latest is not None
    in_force_from = lineage.get("in_force_from")
    return PositionHistoryPage(
        schema="amendtrack/report-position@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title=f"History: {latest.title}",
        work_title=str(work.get("title") or ""),
        language=language,
        index_href=_relative_href(index_href, "index_href") if index_href is not None else None,
        position=latest,
        ids=tuple(str(x) for x in lineage.get("ids") or [latest.id]),
        lineage_id=str(lineage.get("lineage_id") or ""),
        in_force_from=_legal_date(in_force_from) if in_force_from is not None else None,
        ending=_ending_words(ending, "history.position.ending"),
        steps=tuple(steps),
    )



def render_position_history_html(
    history_doc: Mapping[str, Any],
    *,
    index_href: str | None = None,
    diff_hrefs: Mapping[int, str] | None = None,
    generated_at: str | None = None,
) -> str:
    """One position's history as one self-contained HTML page.

    :param history_doc: ``history_to_dict(h, lineage)`` (see `build_position_history_page`).
    :param index_href: relative link back to the index.
    :param diff_hrefs: for an edition index, the link to the diff report that produced it.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_position_history_page`.
    """
    page = build_position_history_page(
        history_doc, index_href=index_href, diff_hrefs=diff_hrefs, generated_at=generated_at
    )
    return _render("position.html", page)


