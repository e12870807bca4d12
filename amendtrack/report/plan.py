"""The corpus walk of `amendtrack report`: which pages, at which paths, from which data."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

from amendtrack.compare.records import Comparison
from amendtrack.formats.outline import warning_text
from amendtrack.history.lineage import History, Lineage
from amendtrack.history.provenance import Provenance
from amendtrack.i18n import N_, TranslatedLabels
from amendtrack.i18n import gettext as _
from amendtrack.model import Edition, ParseWarning
from amendtrack.parse.facts import UnreadText, facts_of
from amendtrack.report.diff_page import render_diff_html
from amendtrack.report.history_context import LedgerEntry, PositionHistoryPage
from amendtrack.report.incremental import page_fingerprint
from amendtrack.report.index_page import (
    ComparisonLink,
    IndexedWork,
    ledger_entry,
    render_index_html,
)
from amendtrack.report.position_page import (
    build_position_history_page,
    render_position_page,
)

# ================================================================ the report folder
#
# The corpus walk of `amendtrack report`: which pages, at which paths, from
# which data.  Pure: the command loads the corpus and writes the files.


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One file of the report folder, rendered on demand (so a progress bar can follow)."""

    path: str
    """Relative to the report folder, "/" separators."""
    render: Callable[[], str]
    """Makes the file's text."""
    fingerprint: Callable[[], str] | None = None
    """A digest of everything `render` reads (report/incremental.py); equal digests, equal pages."""


def _parse_warning_entry(edition: Edition, w: ParseWarning) -> LedgerEntry:
    """A parser warning naming its position, in the page's language when the parser wrote
    its words as a message (formats.outline.warning_text is the English of it)."""
    return ledger_entry(edition.source.path, w.line, "parse_warning", warning_text(edition, w, translated=True),
                        translated=w.said is not None)


def _ledger_of_edition(edition: Edition) -> list[LedgerEntry]:
    """Unplaced text and parser warnings of one parsed edition, for the index's ledger."""
    path = edition.source.path
    out = [ledger_entry(path, block.lines.first, "unplaced", block.text)
           for block in edition.other_text if block.role == "unplaced"]
    out += [_parse_warning_entry(edition, w) for w in edition.warnings]
    # Requirement texts not read as facts (parse/facts.py): the drift page counts them for nothing.
    out += [
        ledger_entry(path, p.lines.first, "unread_fact", u.text, _unread_reason(p.title, u))
        for p in edition.positions
        for u in facts_of(p.requirements).unread
    ]
    return out


# Which part of a requirement was not read as facts, in words.
_UNREAD_PARTS: Mapping[str, str] = TranslatedLabels({
    "education": N_("education"), "intro": N_("the sentence before the list"), "item": N_("item"),
    "trailer": N_("the text after the list"),
})


def _unread_reason(title: str, u: UnreadText) -> str:
    """"Бас сарапшы: item 3: sets no years …", in the page's language (the title as printed)."""
    part = _UNREAD_PARTS[u.part] if u.item is None else f"{_UNREAD_PARTS[u.part]} {u.item + 1}"
    return _("%(title)s: %(part)s: %(reason)s") % {"title": title, "part": part, "reason": _(u.reason)}


def plan_report(histories: Sequence[History], *, generated_at: str | None = None) -> list[PlannedPage]:
    """Every page of the report folder for a corpus's histories, the index last.

    Layout: ``index.html``; per work and language ``SLUG/LANG/diff-OLD-NEW.html``
    for each consecutive pair of editions and ``SLUG/LANG/positions/KEY.html``
    for each position (KEY: its id in the first edition that holds it).

    :param histories: one per work and language, in the order to show.
    :param generated_at: a generation time to print on every page (default: none).
    """
    from amendtrack.compare.differ import compare_editions
    from amendtrack.formats.history_output import history_to_dict
    from amendtrack.history.provenance import history_provenance

    pages: list[PlannedPage] = []
    works: list[IndexedWork] = []
    # What the index shows, as JSON-able data for its fingerprint only.
    index_inputs: list[object] = []
    for h in histories:
        folder = f"{h.work.slug}/{h.language}"
        overview = history_to_dict(h)
        links: list[ComparisonLink] = []
        diff_hrefs: dict[int, str] = {}
        for k, (before, after) in enumerate(zip(h.editions, h.editions[1:])):
            name = f"diff-{before.date.isoformat()}-{after.date.isoformat()}.html"
            diff_hrefs[after.index] = name

            # The history compared every consecutive pair already; compare again
            # only for a history built without keeping its comparisons.
            # Here rather than when rendering: the index needs the summary.
            if len(h.comparisons) == len(h.editions) - 1:
                comparison = h.comparisons[k]
            else:
                comparison = compare_editions(before.edition, after.edition)
            old_provenance, new_provenance = history_provenance(h, before), history_provenance(h, after)

            def render_diff(comparison: Comparison = comparison, old_provenance: Provenance = old_provenance,
                            new_provenance: Provenance = new_provenance) -> str:
                return render_diff_html(comparison, old_provenance=old_provenance, new_provenance=new_provenance,
                                        index_href="../../index.html", generated_at=generated_at)

            # A comparison is a pure function of the two editions (their texts and the
            # paths the page shows) and the threshold; the code is in every fingerprint.
            sides = [[e.edition.source.path, e.edition.source.sha256] for e in (before, after)]

            def diff_inputs(sides: list[list[str]] = sides, threshold: float = comparison.threshold,
                            old_provenance: Provenance = old_provenance,
                            new_provenance: Provenance = new_provenance) -> str:
                return page_fingerprint("diff", [sides, threshold, old_provenance.to_dict(),
                                                 new_provenance.to_dict(), "../../index.html", generated_at])

            pages.append(PlannedPage(f"{folder}/{name}", render_diff, diff_inputs))
            links.append(ComparisonLink(before.index, after.index, comparison, f"{folder}/{name}"))
            index_inputs.append([before.index, after.index, f"{folder}/{name}", sides, comparison.threshold])
        position_hrefs: dict[str, str] = {}
        for lineage in h.lineages:
            key = lineage.key
            path = f"{folder}/positions/{key}.html"
            position_hrefs[key] = path

            # Bound now: pages are rendered after the loop has moved on to the next work.
            # The context is built once, for the fingerprint and for the page: it
            # holds only what the page shows, so an edition that leaves the
            # position alone leaves its fingerprint alone too.
            @functools.cache
            def position_page(lineage: Lineage = lineage, h: History = h,
                              diff_hrefs: dict[int, str] = diff_hrefs) -> PositionHistoryPage:
                return build_position_history_page(
                    h, lineage,
                    index_href="../../../index.html",
                    diff_hrefs={k: f"../{v}" for k, v in diff_hrefs.items()},
                    generated_at=generated_at,
                )

            def render_position(page: Callable[[], PositionHistoryPage] = position_page) -> str:
                return render_position_page(page())

            def position_inputs(page: Callable[[], PositionHistoryPage] = position_page) -> str:
                return page_fingerprint("position", page())

            pages.append(PlannedPage(path, render_position, position_inputs))
        drift_path = f"{folder}/drift.html"

        def render_drift(h: History = h) -> str:
            from amendtrack.history.drift import drift_of
            from amendtrack.report.drift_page import render_drift_html

            return render_drift_html(drift_of(h), work_title=dict(h.work.titles).get(h.language, ""),
                                     index_href="../../index.html", generated_at=generated_at)

        # drift_of(h) reads the history and the editions' requirements: the
        # history's JSON and the editions' SHA-256 cover both.
        def drift_inputs(h: History = h, overview: dict[str, object] = overview) -> str:
            return page_fingerprint("drift", [overview, [e.edition.source.sha256 for e in h.editions],
                                              list(h.work.titles), h.language, "../../index.html", generated_at])

        pages.append(PlannedPage(drift_path, render_drift, drift_inputs))
        ledger = tuple(item for e in h.editions for item in _ledger_of_edition(e.edition))
        works.append(IndexedWork(h, tuple(links), position_hrefs, ledger, drift_path))
        index_inputs.append([overview, position_hrefs, [asdict(x) for x in ledger], drift_path])
    pages.append(PlannedPage("index.html", lambda: render_index_html(works, generated_at=generated_at),
                             lambda: page_fingerprint("index", [index_inputs, generated_at])))
    return pages
