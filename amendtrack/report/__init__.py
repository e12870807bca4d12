"""HTML and JSON reports: one typed context per page, rendered by jinja2.

Each page has a frozen dataclass context built from plain data by a pure
function, and that one context feeds both outputs:

* ``render_*_html`` renders it with the package's templates (autoescaped, with
  ``StrictUndefined``, so a misspelt field is an error, not an empty cell);
* `page_json` dumps ``dataclasses.asdict`` of it, keys sorted.

Pages:

===================  =========================================  ===========================
page                 built from                                 context
===================  =========================================  ===========================
diff report          an ``amendtrack/diff@1`` document          `DiffPage`
index                the corpus summary (see `build_index_page`) `IndexPage`
position history     one position's editions                    `PositionHistoryPage`
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
``context``         the frozen dataclasses of every page (documented fields)
``labels``          the words for the data's codes
``parts``           checked readers of plain JSON, shared by the builders
``diff_page``       `build_diff_page`, `render_diff_html`
``index_page``      `build_index_page`, `render_index_html`
``position_page``   `build_position_history_page`, `render_position_history_html`
``env``             the jinja2 environment, filters, inlined CSS/JS, CSP; `page_json`
``plan``            the corpus walk: every page of the report folder (pure)
``folder``          the IO edge: load a corpus for the report, write the folder
==================  ==========================================================
"""

from __future__ import annotations

from amendtrack.report.context import (
    CONTEXT_TYPES,
    GENERATOR,
    ActRef,
    ComparisonEntry,
    Counts,
    DateInfo,
    DiffPage,
    EditionMeta,
    EventEntry,
    FieldChange,
    FieldGroup,
    FieldSummaryRow,
    HistoryStep,
    IndexPage,
    LedgerEntry,
    MetaItem,
    PositionEntry,
    PositionGroup,
    PositionHistoryPage,
    PositionRef,
    PositionRow,
    RepealInfo,
    RepealStatementEntry,
    RepealSummary,
    Requirements,
    Span,
    TimelineEntry,
    UnitChangeEntry,
    UnitRef,
    UnitSummaryRow,
    WorkEntry,
)
from amendtrack.report.diff_page import build_diff_page, render_diff_html
from amendtrack.report.env import environment, page_json
from amendtrack.report.index_page import build_index_page, render_index_html
from amendtrack.report.plan import (
    PlannedPage,
    plan_report,
)
from amendtrack.report.position_page import (
    build_position_history_page,
    render_position_history_html,
)

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
    "FieldChange",
    "FieldGroup",
    "FieldSummaryRow",
    "HistoryStep",
    "IndexPage",
    "LedgerEntry",
    "MetaItem",
    "PlannedPage",
    "PositionEntry",
    "PositionGroup",
    "PositionHistoryPage",
    "PositionRef",
    "PositionRow",
    "RepealInfo",
    "RepealStatementEntry",
    "RepealSummary",
    "Requirements",
    "Span",
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
