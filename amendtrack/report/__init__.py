"""HTML and JSON reports: one typed context per page, rendered by jinja2.

Each page has a frozen dataclass context built from the typed model (a
`compare.records.Comparison`, a `history.lineage.History`) by a pure function, and that one context feeds both outputs:

* ``render_*_html`` renders it with the package's templates (autoescaped, with
  ``StrictUndefined``, so a misspelt field is an error, not an empty cell);
* `page_json` dumps ``dataclasses.asdict`` of it, keys sorted.

Pages:

===================  =========================================  ===========================
page                 built from                                 context
===================  =========================================  ===========================
diff report          a `Comparison` and the editions' provenance `DiffPage`
index                each work's `History`, links and ledger    `IndexPage`
position history     a `History` and one of its `Lineage`s      `PositionHistoryPage`
===================  =========================================  ===========================

Why the pages look as they do (docs/reports.md says how to read them):

* **Nothing from an edition is markup.**  Every text goes through jinja2's
  autoescape; the redline macro writes ``<del>``/``<ins>`` around escaped
  text.  The only script is the report's own, allowed by a Content Security
  Policy that names its hash, so even a mistake in a template could not run a
  script smuggled into an edition, and the policy forbids every network fetch.
* **Self-contained and deterministic.**  The CSS and JavaScript are inlined;
  there are no timestamps; all order comes from the input (document order) or
  explicit sorts, so the same input gives the same bytes.
* **Readable without JavaScript.**  Every toggle is a ``<details>`` element or
  works per card without script; the script only adds page-wide switches,
  previous/next navigation and a filter.

Modules, in the order the data flows:

==================  ==========================================================
``context``         the view types every page shares (documented fields)
``diff_context``    the diff page's view types
``history_context`` the index's and the position pages' view types
``labels``          the words for the data's codes
``parts``           the model shaped for the pages, shared by the builders
``diff_page``       `build_diff_page`, `render_diff_html`
``index_page``      `build_index_page`, `render_index_html`
``position_page``   `build_position_history_page`, `render_position_history_html`
``env``             the jinja2 environment, filters, inlined CSS/JS, CSP; `page_json`
``plan``            the corpus walk: every page of the report folder (pure)
``folder``          the IO edge: load a corpus for the report, write the folder
==================  ==========================================================
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The names below are loaded when first asked for (PEP 562): a report run with
# nothing to do imports `report.incremental` alone, and this package's page
# modules (jinja2, the differ's records) would cost it a third of its time.
_EXPORTS = {
    "GENERATOR": "context",
    "ActRef": "context",
    "ChangeView": "context",
    "Counts": "context",
    "DateInfo": "context",
    "FieldGroup": "context",
    "PositionRef": "context",
    "RedlineSpan": "context",
    "RepairNote": "context",
    "RequirementsView": "context",
    "DiffPage": "diff_context",
    "EditionMeta": "diff_context",
    "FieldSummaryRow": "diff_context",
    "MetaItem": "diff_context",
    "PositionCard": "diff_context",
    "PositionGroup": "diff_context",
    "RepealInfo": "diff_context",
    "RepealStatementEntry": "diff_context",
    "UnitChangeEntry": "diff_context",
    "UnitRef": "diff_context",
    "UnitSummaryRow": "diff_context",
    "build_diff_page": "diff_page",
    "render_diff_html": "diff_page",
    "environment": "env",
    "page_json": "env",
    "ComparisonEntry": "history_context",
    "EventEntry": "history_context",
    "HistoryStep": "history_context",
    "IndexPage": "history_context",
    "LedgerEntry": "history_context",
    "PositionHistoryPage": "history_context",
    "PositionRow": "history_context",
    "RepealSummary": "history_context",
    "TimelineEntry": "history_context",
    "WorkEntry": "history_context",
    "build_index_page": "index_page",
    "render_index_html": "index_page",
    "PlannedPage": "plan",
    "plan_report": "plan",
    "build_position_history_page": "position_page",
    "render_position_history_html": "position_page",
}
"""Each exported name and the module of this package that defines it."""


_CONTEXT_TYPE_NAMES = (
    "RedlineSpan", "ChangeView", "FieldGroup", "PositionRef", "PositionCard", "PositionGroup", "MetaItem",
    "EditionMeta", "Counts", "UnitSummaryRow", "FieldSummaryRow", "UnitRef", "UnitChangeEntry",
    "RepealStatementEntry", "RepealInfo", "DiffPage", "ActRef", "DateInfo", "EventEntry", "RepairNote",
    "TimelineEntry", "ComparisonEntry", "RepealSummary", "PositionRow", "LedgerEntry", "WorkEntry", "IndexPage",
    "RequirementsView", "HistoryStep", "PositionHistoryPage",
)
"""The names of `CONTEXT_TYPES`: every context dataclass (the documentation test walks these)."""


def __getattr__(name: str) -> Any:
    if name == "CONTEXT_TYPES":
        value: Any = tuple(__getattr__(n) for n in _CONTEXT_TYPE_NAMES)
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # asked once
    return value


if TYPE_CHECKING:
    from amendtrack.report.context import (
        GENERATOR,
        ActRef,
        ChangeView,
        Counts,
        DateInfo,
        FieldGroup,
        PositionRef,
        RedlineSpan,
        RepairNote,
        RequirementsView,
    )
    from amendtrack.report.diff_context import (
        DiffPage,
        EditionMeta,
        FieldSummaryRow,
        MetaItem,
        PositionCard,
        PositionGroup,
        RepealInfo,
        RepealStatementEntry,
        UnitChangeEntry,
        UnitRef,
        UnitSummaryRow,
    )
    from amendtrack.report.diff_page import (
        build_diff_page,
        render_diff_html,
    )
    from amendtrack.report.env import (
        environment,
        page_json,
    )
    from amendtrack.report.history_context import (
        ComparisonEntry,
        EventEntry,
        HistoryStep,
        IndexPage,
        LedgerEntry,
        PositionHistoryPage,
        PositionRow,
        RepealSummary,
        TimelineEntry,
        WorkEntry,
    )
    from amendtrack.report.index_page import (
        build_index_page,
        render_index_html,
    )
    from amendtrack.report.plan import (
        PlannedPage,
        plan_report,
    )
    from amendtrack.report.position_page import (
        build_position_history_page,
        render_position_history_html,
    )

    CONTEXT_TYPES: tuple[type, ...]


__all__ = [
    "CONTEXT_TYPES",
    "GENERATOR",
    "ActRef",
    "ComparisonEntry",
    "Counts",
    "DateInfo",
    "DiffPage",
    "EditionMeta",
    "EventEntry",
    "ChangeView",
    "FieldGroup",
    "FieldSummaryRow",
    "HistoryStep",
    "IndexPage",
    "LedgerEntry",
    "MetaItem",
    "PlannedPage",
    "PositionCard",
    "PositionGroup",
    "PositionHistoryPage",
    "PositionRef",
    "PositionRow",
    "RepairNote",
    "RepealInfo",
    "RepealStatementEntry",
    "RepealSummary",
    "RequirementsView",
    "RedlineSpan",
    "TimelineEntry",
    "UnitChangeEntry",
    "UnitRef",
    "UnitSummaryRow",
    "WorkEntry",
    "build_diff_page",
    "build_index_page",
    "build_position_history_page",
    "environment",
    "page_json",
    "plan_report",
    "render_diff_html",
    "render_index_html",
    "render_position_history_html",
]
