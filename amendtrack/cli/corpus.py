"""The commands on a corpus of editions: history, drift, asof."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from amendtrack.cli.common import (
    DEFAULT_CORPUS,
    STRICT_HELP,
    CLIError,
    emit,
    long_lived_model,
    no_default_corpus,
    refuse_warnings,
    user_errors,
)
from amendtrack.i18n import gettext as _


def corpus_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """[CORPUS] and the options of every command that reads a corpus (history, asof)."""
    for option in reversed([
        click.argument("corpus", required=False, metavar="[CORPUS]"),
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                     help="Text for reading, or JSON (docs/history.md)."),
        click.option("--work", metavar="SLUG", help="The act (work) to show, when the corpus holds several."),
        click.option("--language", metavar="LANG", help="The editions' language (default: the work's first)."),
        click.option("--db", metavar="PATH",
                     help="The store of parsed editions (default: $XDG_CACHE_HOME/amendtrack/store.sqlite3)."),
        click.option("--no-store", is_flag=True, help="Parse every edition, neither reading nor writing the store."),
        click.option("--strict", is_flag=True, help=STRICT_HELP),
    ]):
        f = option(f)
    return f


def _load_history(corpus: str | None, work: str | None, language: str | None, db: str | None,
                  no_store: bool) -> Any:
    """The corpus's history; the default CORPUS (./corpus) gets its own hint when absent."""
    from amendtrack.history.corpus import load_history
    from amendtrack.history.store import open_store

    if corpus is None:
        if not os.path.isdir(DEFAULT_CORPUS):
            raise CLIError(no_default_corpus())
        corpus = DEFAULT_CORPUS
    store = open_store(db, enabled=not no_store)
    try:
        with long_lived_model():
            return load_history(corpus, store, work=work, language=language)
    finally:
        if store is not None:
            store.close()


def _json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _provision_output(h: Any, address: str, fmt: str) -> str:
    from amendtrack.history.provision_history import (
        known_addresses,
        provision_history_to_dict,
        provision_steps,
        render_provision_history,
    )

    steps = provision_steps(h, address)
    if not steps:
        known = known_addresses(h)
        shown = ", ".join(a for a in known if not a.startswith("annex_"))
        raise CLIError(_("no provision has the address %(address)s; the order's are: %(known)s "
                         "(and annex_N__stamp, annex_N__title, annex_N__unit_K)")
                       % {"address": repr(address), "known": shown})
    return _json(provision_history_to_dict(h, address, steps)) if fmt == "json" else \
        render_provision_history(h, address, steps)


@click.command()
@click.option("--position", "query", metavar="QUERY",
              help="Show one position's lineage: its id (any edition's) or words of its title.")
@click.option("--provision", "address", metavar="ADDRESS",
              help="Show one provision of the order edition by edition: its address (point_4, preamble, "
                   "annex_1__title; amendtrack diff and asof list them).")
@corpus_options
def history(corpus: str | None, query: str | None, fmt: str, work: str | None, language: str | None,
            db: str | None, no_store: bool, strict: bool, address: str | None = None) -> None:
    """Show an act's editions and what each position's time in force was.

    Without --position: the timeline (editions, the acts that produced them,
    dates with their uncertainty, the repeal) and every position's period in
    force.  With --position: that position's requirements edition by edition,
    with what changed.  A query naming several positions lists them and exits
    with status 2: repeat it with one of the listed ids.

    \b
    Examples:
      amendtrack history
      amendtrack history corpus --format json
      amendtrack history --position "Министрдің көмекшісі"
      amendtrack history --position pa6ce6beb87
      amendtrack history --provision point_4
    """
    from amendtrack.formats.history_json import history_to_dict, matches_to_dict
    from amendtrack.formats.history_text import (
        render_history,
        render_matches,
        render_position,
    )
    from amendtrack.history.lineage import find_positions

    with user_errors():
        h = _load_history(corpus, work, language, db, no_store)
        if strict:
            refuse_warnings(e.edition for e in h.editions)
        if address is not None:
            if query is not None:
                raise CLIError(_("--position and --provision: give one of them"))
            output = _provision_output(h, address, fmt)
        elif query is None:
            output = _json(history_to_dict(h)) if fmt == "json" else render_history(h)
        else:
            found = find_positions(h, query)
            if not found:
                raise CLIError(_("no position matches %(query)s: give an id or words of a title "
                                 "(see amendtrack history for the list)") % {"query": repr(query)})
            if len(found) > 1:
                sys.stdout.write(_json(matches_to_dict(query, found)) if fmt == "json"
                                 else render_matches(query, found))
                raise CLIError(_("%(count)s positions match %(query)s; repeat with one of the lineage ids listed")
                               % {"count": len(found), "query": repr(query)})
            output = _json(history_to_dict(h, found[0])) if fmt == "json" else render_position(h, found[0])
    sys.stdout.write(output)


@click.command()
@click.argument("corpus", required=False, metavar="[CORPUS]")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="Text for reading, JSON (amendtrack/drift@1) or CSV for a spreadsheet (docs/drift.md).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--work", metavar="SLUG", help="The act (work) to show, when the corpus holds several.")
@click.option("--language", metavar="LANG", help="The editions' language (default: the work's first).")
@click.option("--db", metavar="PATH",
              help="The store of parsed editions (default: $XDG_CACHE_HOME/amendtrack/store.sqlite3).")
@click.option("--no-store", is_flag=True, help="Parse every edition, neither reading nor writing the store.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
def drift(corpus: str | None, fmt: str, output: str | None, work: str | None, language: str | None,
          db: str | None, no_store: bool, strict: bool) -> None:
    """Show how the requirements moved across an act's editions, per category.

    Per edition and category code: the number of positions, the fewest years
    of each kind of experience a position asks (minimum, median, maximum), the
    share of positions open to each field of education, and which positions
    became stricter or looser.  CSV is UTF-8 with a byte-order mark, one row
    per edition, category and measure (docs/drift.md).

    \b
    Examples:
      amendtrack drift
      amendtrack drift corpus --format json
      amendtrack drift --format csv -o drift.csv
    """
    from amendtrack.formats.drift_output import (
        drift_to_csv,
        drift_to_json,
        render_drift_text,
    )
    from amendtrack.history.drift import drift_of

    with user_errors():
        h = _load_history(corpus, work, language, db, no_store)
        if strict:
            refuse_warnings(e.edition for e in h.editions)
        d = drift_of(h)
        if fmt == "csv":
            # The byte-order mark makes spreadsheet programs read the file as UTF-8.
            text = "\ufeff" + drift_to_csv(d)
        else:
            text = drift_to_json(d) if fmt == "json" else render_drift_text(d)
    emit(output, text)


class DayType(click.ParamType[Any]):
    """A calendar day: 2015-01-01, or 01.01.2015 as Kazakh texts print dates."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime as dt
        import re

        text = str(value).strip()
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        try:
            if m:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{text!r} is not a date; write YYYY-MM-DD (2015-01-01) or DD.MM.YYYY (01.01.2015)", param, ctx)


@click.command()
@click.argument("day", metavar="DATE", type=DayType())
@corpus_options
def asof(day: Any, corpus: str | None, fmt: str, work: str | None, language: str | None, db: str | None,
         no_store: bool, strict: bool) -> None:
    """Show what applied on DATE: the edition in force and its positions.

    Or that the act was not yet in force, or already repealed and by which act.
    Where DATE falls within a date the corpus does not know (an entry into force
    ten days after an unknown publication), every possible state is listed with
    its condition, and nothing is guessed.

    \b
    Examples:
      amendtrack asof 2015-01-01
      amendtrack asof 16.11.2015 corpus
      amendtrack asof 2016-01-01 --format json
    """
    from amendtrack.formats.history_json import as_of_to_dict
    from amendtrack.formats.history_text import render_as_of
    from amendtrack.history.as_of import as_of

    with user_errors():
        h = _load_history(corpus, work, language, db, no_store)
        if strict:
            refuse_warnings(e.edition for e in h.editions)
        result = as_of(h, day)
        output = _json(as_of_to_dict(h, result)) if fmt == "json" else render_as_of(h, result)
    sys.stdout.write(output)


