"""The report index: its context from each work's ``amendtrack/history@1`` and the
corpus walk's links and ledger, and its HTML.

The index and the history pages read the history engineer's JSON,
``amendtrack/history@1`` (history.history_to_dict), plus what only the corpus
walk knows: where the other pages are, and what the parser could not place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from amendtrack.report.context import (
    GENERATOR,
    ActRef,
    ComparisonEntry,
    Counts,
    EventEntry,
    IndexPage,
    LedgerEntry,
    PositionRow,
    RepealSummary,
    TimelineEntry,
    WorkEntry,
)
from amendtrack.report.env import _render
from amendtrack.report.history_readers import (
    _act_ref,
    _legal_date,
    _need,
    _opt,
    _text_or_none,
)
from amendtrack.report.labels import LEDGER_LABELS, POSITION_STATUSES, STATUS_LABELS
from amendtrack.report.parts import (
    _language,
    _relative_href,
)


def _summary_counts(raw: Any, where: str) -> Counts:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    return Counts(**{status: _need(raw, status, int, where) for status in POSITION_STATUSES})


def _span_words(editions: Sequence[int]) -> str:
    """[1, 2, 3] → "1–3"; [2] → "2"; gaps kept: [1, 3] → "1, 3"."""
    runs: list[list[int]] = []
    for n in sorted(editions):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


_ENDING_LABELS: Mapping[str, str] = {"repealed": "Repealed", "removed": "Removed"}


def _ending_words(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    kind = _need(raw, "kind", str, where)
    act = _act_ref(raw.get("act"), f"{where}.act")
    effective = _legal_date(raw.get("date")).text
    verb = "Repealed with the whole act" if kind == "repealed" else "Removed"
    return f"{verb} by act No. {act.number or 'unknown'} of {act.date or 'unknown'}; effective: {effective}"


def _ledger_from_history(history: Mapping[str, Any]) -> list[LedgerEntry]:
    """The history's own doubts: notes it could not read, notes that disagree, its warnings."""

    def entry(file: Any, kind: str, text: Any, reason: Any = None) -> LedgerEntry:
        return LedgerEntry(file=_text_or_none(file), line=None, kind=kind, kind_label=LEDGER_LABELS[kind],
                           text=str(text), reason=_text_or_none(reason))

    out = []
    for edition in history.get("editions") or []:
        file = edition.get("file")
        out += [entry(file, "unparsed_note", n.get("text", ""), n.get("reason"))
                for n in edition.get("unread_notes") or []]
        out += [entry(file, "note_warning", w) for w in edition.get("note_warnings") or []]
    out += [entry(None, "history_warning", w) for w in history.get("warnings") or []]
    return out


def _then_and_now(label: str, status: str, repealed: bool, repealed_on: str | None) -> str:
    """An edition's badge: what it was then, and, once the act is repealed, what it is now."""
    if status != "in_force" or not repealed:
        return label
    # The repealing order's date, not a date the repeal took effect: that may differ.
    return f"{label} then; now repealed (order of {repealed_on})" if repealed_on else f"{label} then; now repealed"


def _work_entry(item: Mapping[str, Any], where: str) -> WorkEntry:
    history = _need(item, "history", Mapping, where)
    where_h = f"{where}.history"
    work = _need(history, "work", Mapping, where_h)
    language = _language(work.get("language"))
    registration = work.get("registration") or {}
    editions = _need(history, "editions", list, where_h)
    comparisons_raw = item.get("comparisons") or []
    diff_href_of = {}
    comparisons = []
    produced = {e.get("index"): e.get("produced_by") for e in editions}
    dates = {e.get("index"): e.get("date") for e in editions}
    for i, c in enumerate(comparisons_raw):
        w = f"{where}.comparisons[{i}]"
        old_index, new_index = _need(c, "old", int, w), _need(c, "new", int, w)
        summary = _need(c, "summary", Mapping, w)
        href = _relative_href(c.get("href"), f"{w}.href")
        diff_href_of[new_index] = href
        comparisons.append(ComparisonEntry(
            old_index=old_index,
            new_index=new_index,
            old_date=_text_or_none(dates.get(old_index)),
            new_date=_text_or_none(dates.get(new_index)),
            produced_by=_act_ref(produced[new_index], f"{w}.produced_by") if produced.get(new_index) else None,
            counts=_summary_counts(summary, f"{w}.summary"),
            units_changed=int(summary.get("units_changed") or 0),
            act_changed=bool(summary.get("act_changed")),
            href=href,
            provisions_changed=int(summary.get("provisions_substantive") or 0),
        ))
    repeal = history.get("repeal") if isinstance(history.get("repeal"), Mapping) else None
    repealed_on = _text_or_none((repeal.get("act") or {}).get("date")) if repeal else None
    timeline = []
    for i, e in enumerate(editions):
        w = f"{where_h}.editions[{i}]"
        index = _need(e, "index", int, w)
        status = _need(e, "status", str, w)
        timeline.append(TimelineEntry(
            index=index,
            file=_need(e, "file", str, w),
            date=_need(e, "date", str, w),
            status=status,
            status_label=_then_and_now(STATUS_LABELS.get(status, status), status, repeal is not None, repealed_on),
            in_force=bool(e.get("in_force", status == "in_force")),
            applies_from=_legal_date(e.get("takes_effect", e.get("applies_from"))),
            produced_by=_act_ref(e.get("produced_by"), f"{w}.produced_by"),
            sha256=_need(e, "sha256", str, w),
            derived_from=_opt(e, "derived_from", str, w),
            positions=e["positions"] if isinstance(e.get("positions"), int) else None,
            events=tuple(
                EventEntry(
                    text=_need(ev, "text", str, f"{w}.events[{j}]"),
                    action=str(ev.get("action", "")),
                    target=str(ev.get("target", "")),
                    act=_act_ref(ev.get("citing_act"), f"{w}.events[{j}].citing_act"),
                )
                for j, ev in enumerate(e.get("events") or [])
            ),
            diff_href=diff_href_of.get(index),
        ))
    hrefs = item.get("position_hrefs") or {}
    first = min((t.index for t in timeline), default=1)
    positions = []
    for i, p in enumerate(history.get("positions") or []):
        w = f"{where_h}.positions[{i}]"
        ids = _need(p, "ids", list, w)
        key = str(ids[0]) if ids else _need(p, "id", str, w)
        ending = p.get("ending")
        ending_kind = _need(ending, "kind", str, f"{w}.ending") if ending else None
        appears_in = [n for n in p.get("editions") or [] if isinstance(n, int)]
        changed_in = tuple(n for n in p.get("changed_in") or [] if isinstance(n, int))
        positions.append(PositionRow(
            lineage_id=str(p.get("lineage_id") or ""),
            key=key,
            title=_need(p, "title", str, w),
            category=_need(p, "category", str, w),
            annex=_opt(p, "annex", int, w),
            unit=_opt(p, "unit", str, w),
            editions=_span_words(appears_in),
            changed_in=changed_in,
            ending=ending_kind,
            ending_label=_ENDING_LABELS.get(ending_kind or "", "In force"),
            amended=bool(changed_in) or ending_kind == "removed" or min(appears_in, default=first) > first,
            href=_relative_href(hrefs[key], f"{where}.position_hrefs[{key!r}]") if key in hrefs else None,
        ))
    ledger = [
        LedgerEntry(
            file=_opt(entry, "file", str, f"{where}.ledger[{i}]"),
            line=_opt(entry, "line", int, f"{where}.ledger[{i}]"),
            kind=(kind := _need(entry, "kind", str, f"{where}.ledger[{i}]")),
            kind_label=LEDGER_LABELS.get(kind, kind),
            text=_need(entry, "text", str, f"{where}.ledger[{i}]"),
            reason=_opt(entry, "reason", str, f"{where}.ledger[{i}]"),
        )
        for i, entry in enumerate(item.get("ledger") or [])
    ] + _ledger_from_history(history)
    repeal_raw = history.get("repeal")
    repeal = None
    if repeal_raw:
        statements: list[str] = []
        for event in repeal_raw.get("events") or []:
            statements.append(str(event.get("text", "")))
            statements += [str(also.get("text", "")) for also in event.get("also_in") or []]
        repeal = RepealSummary(
            edition=_need(repeal_raw, "edition", int, f"{where_h}.repeal"),
            act=_act_ref(repeal_raw.get("act"), f"{where_h}.repeal.act"),
            effective=_legal_date(repeal_raw.get("effective")),
            statements=tuple(statements),
        )
    entry_raw = history.get("entry_into_force")
    return WorkEntry(
        slug=_need(work, "slug", str, f"{where_h}.work"),
        code=_text_or_none(work.get("code")) or _need(work, "slug", str, f"{where_h}.work"),
        title=str(work.get("title") or ""),
        language=language,
        act=ActRef(
            type=_text_or_none(work.get("act_type")),
            number=_text_or_none(work.get("number")),
            date=_text_or_none(work.get("date")),
            issuer=_text_or_none(work.get("issuer")),
        ),
        registration_number=_text_or_none(registration.get("number")),
        registration_date=_text_or_none(registration.get("date")),
        entry_into_force=_legal_date(entry_raw) if entry_raw is not None else None,
        repeal=repeal,
        timeline=tuple(sorted(timeline, key=lambda t: t.index)),
        comparisons=tuple(sorted(comparisons, key=lambda c: (c.old_index, c.new_index))),
        positions=tuple(positions),
        # Files in name order, the whole-history findings last, each file's entries by line.
        ledger=tuple(sorted(
            ledger, key=lambda e: (e.file is None, e.file or "", e.line or 0, e.kind, e.text)
        )),
        drift_href=(_relative_href(href, f"{where}.drift_href")
                    if (href := _opt(item, "drift_href", str, where)) is not None else None),
    )


def build_index_page(works: Sequence[Mapping[str, Any]], *, generated_at: str | None = None) -> IndexPage:
    """The index's context: every work's timeline, comparisons, positions and ledger.

    Each item of `works` is::

        {"history": history_to_dict(h),                # amendtrack/history@1, all positions
         "comparisons": [{"old": 1, "new": 2,          # edition indexes in the history
                          "summary": diff@1 summary,   # of comparison_to_dict
                          "href": "relative/diff.html"}],
         "position_hrefs": {lineage key: "relative/position.html"},
         "ledger": [{"file", "line", "kind", "text", "reason"}]}   # unplaced text, parse warnings

    Unread notes and the history's warnings are added to the ledger from the
    history itself.

    :param works: one item per work (and language), in the order to show.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when a required key is missing or a link leaves the report folder.
    """
    return IndexPage(
        schema="amendtrack/report-index@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title="amendtrack: editions and changes",
        works=tuple(_work_entry(w, f"index[{i}]") for i, w in enumerate(works)),
    )



def render_index_html(works: Sequence[Mapping[str, Any]], *, generated_at: str | None = None) -> str:
    """The report index as one self-contained HTML page.

    :param works: one item per work (see `build_index_page`).
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_index_page`.
    """
    return _render("index.html", build_index_page(works, generated_at=generated_at))


