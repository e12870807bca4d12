"""The report index: its context from each work's `History` and the corpus walk's
links and ledger, and its HTML.

The index reads the history (history/lineage.py) and its comparisons, plus what
only the corpus walk knows: where the other pages are, and what the parser could
not place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from amendtrack.compare.records import Comparison
from amendtrack.history.lineage import History
from amendtrack.i18n import N_, TranslatedLabels
from amendtrack.i18n import gettext as _
from amendtrack.parse.notes import reason_message
from amendtrack.report.context import (
    GENERATOR,
    ActRef,
    Counts,
)
from amendtrack.report.env import _render
from amendtrack.report.history_context import (
    ComparisonEntry,
    EventEntry,
    IndexPage,
    LedgerEntry,
    PositionRow,
    RepealSummary,
    TimelineEntry,
    WorkEntry,
)
from amendtrack.report.labels import LEDGER_LABELS, STATUS_LABELS
from amendtrack.report.parts import (
    _act_ref,
    _language,
    _legal_date,
    _relative_href,
)


@dataclass(frozen=True, slots=True)
class ComparisonLink:
    """One diff page of a work, as the index links it."""

    old: int
    """The old edition's index in the history."""
    new: int
    """The new edition's index."""
    comparison: Comparison
    """What changed between them."""
    href: str
    """Relative link to the diff page."""


@dataclass(frozen=True, slots=True)
class IndexedWork:
    """One work (in one language) as the index lists it: its history, and where its pages are."""

    history: History
    comparisons: tuple[ComparisonLink, ...] = ()
    position_hrefs: Mapping[str, str] = field(default_factory=dict)
    """Relative link to each position's page, by lineage key."""
    ledger: tuple[LedgerEntry, ...] = ()
    """What the parser could not place or read (the history's own doubts are added)."""
    drift_href: str | None = None


def _summary_counts(comparison: Comparison) -> Counts:
    s = comparison.summary
    return Counts(added=s.added, removed=s.removed, changed=s.changed, unchanged=s.unchanged, repealed=s.repealed)


def _span_words(editions: Sequence[int]) -> str:
    """[1, 2, 3] → "1–3"; [2] → "2"; gaps kept: [1, 3] → "1, 3"."""
    runs: list[list[int]] = []
    for n in sorted(editions):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


_ENDING_LABELS: Mapping[str, str] = TranslatedLabels({"repealed": N_("Repealed"), "removed": N_("Removed")})


def ledger_entry(file: str | None, line: int | None, kind: str, text: str, reason: str | None = None,
                 *, translated: bool = False) -> LedgerEntry:
    """One entry of the index's ledger, its kind in words."""
    return LedgerEntry(file=file, line=line, kind=kind, kind_label=LEDGER_LABELS.get(kind, kind), text=text,
                       reason=reason, translated=translated)


def _ledger_from_history(history: History) -> list[LedgerEntry]:
    """The history's own doubts: notes it could not read, notes that disagree, its warnings."""
    out = []
    for edition in history.editions:
        file = edition.edition.source.path
        out += [ledger_entry(file, None, "unparsed_note", n.text, reason_message(n.reason).translated())
                for n in edition.notes.unread]
        out += [ledger_entry(file, None, "note_warning", w.translated(), translated=True)
                for w in edition.notes.warnings]
    out += [ledger_entry(None, None, "history_warning", w.translated(), translated=True) for w in history.warnings]
    return out


def _then_and_now(label: str, status: str, repealed: bool, repealed_on: str | None) -> str:
    """An edition's badge: what it was then, and, once the act is repealed, what it is now."""
    if status != "in_force" or not repealed:
        return label
    # The repealing order's date, not a date the repeal took effect: that may differ.
    if repealed_on:
        return _("%(status)s then; now repealed (order of %(date)s)") % {"status": label, "date": repealed_on}
    return _("%(status)s then; now repealed") % {"status": label}


def _work_entry(item: IndexedWork, where: str) -> WorkEntry:
    h = item.history
    work = h.work
    dates = {e.index: e.date.isoformat() for e in h.editions}
    produced = {e.index: e.produced_by for e in h.editions}
    diff_href_of = {}
    comparisons = []
    for i, link in enumerate(item.comparisons):
        href = _relative_href(link.href, f"{where}.comparisons[{i}].href")
        diff_href_of[link.new] = href
        c = link.comparison
        comparisons.append(ComparisonEntry(
            old_index=link.old,
            new_index=link.new,
            old_date=dates.get(link.old),
            new_date=dates.get(link.new),
            produced_by=_act_ref(produced[link.new]) if link.new in produced else None,
            counts=_summary_counts(c),
            units_changed=len(c.units),
            act_changed=any(a.substantive for a in c.act),
            href=href,
            provisions_changed=sum(1 for p in c.provisions if p.substantive),
        ))
    repealed_on = h.repeal.act.date.isoformat() if h.repeal else None
    timeline = []
    for e in h.editions:
        status = e.expression.status
        timeline.append(TimelineEntry(
            index=e.index,
            file=e.edition.source.path,
            date=e.date.isoformat(),
            status=status,
            status_label=_then_and_now(STATUS_LABELS.get(status, status), status, h.repeal is not None, repealed_on),
            in_force=e.in_force,
            applies_from=_legal_date(e.takes_effect),
            produced_by=_act_ref(e.produced_by),
            sha256=e.expression.sha256,
            derived_from=e.expression.derived_from,
            positions=len(e.edition.positions),
            events=tuple(
                EventEntry(text=r.event.text, action=str(r.event.action), target=str(r.event.target),
                           act=_act_ref(r.event.citing_act))
                for r in e.notes.events
            ),
            diff_href=diff_href_of.get(e.index),
        ))
    first = min((t.index for t in timeline), default=1)
    positions = []
    for g in h.lineages:
        key = g.ids[0] if g.ids else g.latest.id
        ending_kind = g.ending.kind if g.ending else None
        appears_in = [a.edition for a in g.appearances]
        latest = g.latest
        positions.append(PositionRow(
            lineage_id=g.lineage_id,
            key=key,
            title=latest.title,
            category=latest.category.code,
            annex=latest.annex,
            unit=latest.unit.name if latest.unit else None,
            editions=_span_words(appears_in),
            changed_in=g.changed_in,
            ending=ending_kind,
            ending_label=_ENDING_LABELS[ending_kind] if ending_kind is not None else _("In force"),
            amended=bool(g.changed_in) or ending_kind == "removed" or min(appears_in, default=first) > first,
            href=(_relative_href(item.position_hrefs[key], f"{where}.position_hrefs[{key!r}]")
                  if key in item.position_hrefs else None),
        ))
    ledger = list(item.ledger) + _ledger_from_history(h)
    repeal = None
    if h.repeal is not None:
        statements: list[str] = []
        for event in h.repeal.events:
            statements.append(event.event.text)
            statements += [text for _, text in event.also_in]
        repeal = RepealSummary(
            edition=h.repeal.edition,
            act=_act_ref(h.repeal.act),
            effective=_legal_date(h.repeal.effective),
            statements=tuple(statements),
        )
    entry = h.entry_into_force
    return WorkEntry(
        slug=work.slug,
        code=work.code or work.slug,
        title=work.title(h.language) or "",
        language=_language(h.language),
        act=ActRef(type=work.act_type, number=work.number, date=work.date.isoformat(), issuer=work.issuer),
        registration_number=work.registration_number,
        registration_date=work.registration_date.isoformat(),
        entry_into_force=_legal_date(entry) if entry is not None else None,
        repeal=repeal,
        timeline=tuple(sorted(timeline, key=lambda t: t.index)),
        comparisons=tuple(sorted(comparisons, key=lambda c: (c.old_index, c.new_index))),
        positions=tuple(positions),
        # Files in name order, the whole-history findings last, each file's entries by line.
        ledger=tuple(sorted(
            ledger, key=lambda e: (e.file is None, e.file or "", e.line or 0, e.kind, e.text)
        )),
        drift_href=_relative_href(item.drift_href, f"{where}.drift_href") if item.drift_href is not None else None,
    )


def build_index_page(works: Sequence[IndexedWork], *, generated_at: str | None = None) -> IndexPage:
    """The index's context: every work's timeline, comparisons, positions and ledger.

    Unread notes and the history's warnings are added to the ledger from the
    history itself.

    :param works: one item per work (and language), in the order to show.
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: when a link leaves the report folder.
    """
    return IndexPage(
        schema="amendtrack/report-index@1",
        generator=GENERATOR,
        generated_at=generated_at,
        page_title=_("amendtrack: editions and changes"),
        works=tuple(_work_entry(w, f"index[{i}]") for i, w in enumerate(works)),
    )



def render_index_html(works: Sequence[IndexedWork], *, generated_at: str | None = None) -> str:
    """The report index as one self-contained HTML page.

    :param works: one item per work (see `build_index_page`).
    :param generated_at: a generation time to print on the page (default: none).
    :raises ValueError: see `build_index_page`.
    """
    return _render("index.html", build_index_page(works, generated_at=generated_at))


