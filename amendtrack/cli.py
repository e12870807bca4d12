"""The command line: thin wrappers that parse options, call the library, and render.

Exit status follows diff(1): 0 same (or success), 1 different, 2 trouble.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from amendtrack import __version__
from amendtrack.errors import AmendtrackError, InputError

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, the status a shell reports for a program stopped by Ctrl-C.

Not 2, which says "the input is wrong", and above all not click's default 1,
which `diff` uses for "the editions differ"."""


class CLIError(click.ClickException):
    """A user-facing error: one line, exit status 2."""

    exit_code = EXIT_TROUBLE


class Interrupted(CLIError):
    """Ctrl-C: one line and exit status 130, never click's "Aborted!" with status 1."""

    exit_code = EXIT_INTERRUPTED


class _Group(click.Group):
    """The command group; Ctrl-C anywhere in a command becomes `Interrupted`.

    Every output file is written atomically (write.write_atomic and
    write_many_atomic clean up their temporary files on KeyboardInterrupt too),
    so whatever moment Ctrl-C lands, no file is left half-written.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted("interrupted (Ctrl-C); no output file was left half-written") from None


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's errors into one line on stderr and exit status 2.

    Anything unexpected is reported the same way rather than as a traceback;
    set AMENDTRACK_DEBUG=1 to see the traceback.
    """
    try:
        yield
    except AmendtrackError as exc:
        raise CLIError(str(exc)) from None
    except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if os.environ.get("AMENDTRACK_DEBUG"):
            raise
        raise CLIError(f"internal error: {type(exc).__name__}: {exc} (set AMENDTRACK_DEBUG=1 for details)") from None


def input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--encoding and --max-size, shared by every command that reads edition files."""
    f = click.option(
        "--max-size",
        "max_mb",
        type=click.FloatRange(min=0.001),
        default=10.0,
        show_default=True,
        metavar="MB",
        help="Refuse input files larger than this many megabytes.",
    )(f)
    return click.option(
        "--encoding",
        metavar="CODEC",
        help="Read input files in this encoding (default: detect UTF-8/16, Windows-1251, KZ-1048, PTCP154).",
    )(f)


STRICT_HELP = "Treat parser warnings as errors (exit status 2)."


def refuse_warnings(editions: Iterable[Any]) -> None:
    """--strict: the first parser warning of `editions` (in their order) as a one-line error.

    :param editions: parsed `model.Edition`s; one read twice (diff OLD OLD) counts once.
    :raises CLIError: when any edition has a warning.
    """
    from amendtrack.formats.outline import warning_line

    by_path = {e.source.path: e for e in editions}
    found = [(e, w) for e in by_path.values() for w in e.warnings]
    if found:
        edition, first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise CLIError(f"{warning_line(edition, first)}{more}; --strict treats warnings as errors")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="amendtrack")
def cli() -> None:
    """Track how qualification-requirement orders change, position by position."""


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="An outline for reading, or the amendtrack/edition@1 JSON.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@input_options
def parse(file: str, fmt: str, strict: bool, encoding: str | None, max_mb: float) -> None:
    """Parse one edition FILE into its position model.

    Warnings (text the parser could not place, labels it had to infer) go to
    stderr with their line numbers.

    \b
    Examples:
      amendtrack parse corpus/V1400009344/kk/2015-11-16.txt
      amendtrack parse corpus/V1400009344/kk/2015-11-16.txt --format json > edition.json
    """
    from amendtrack.formats.edition_json import edition_to_json
    from amendtrack.formats.outline import render_outline, warning_line
    from amendtrack.parse.edition import parse_file

    with user_errors():
        edition = parse_file(file, encoding=encoding, max_bytes=int(max_mb * 1024 * 1024))
        if strict:
            refuse_warnings([edition])
        output = edition_to_json(edition) if fmt == "json" else render_outline(edition)
    # The text outline ends with the warnings; on a terminal they would show twice.
    if fmt == "json" or not sys.stdout.isatty():
        for w in edition.warnings:
            click.echo(f"warning: {warning_line(edition, w)}", err=True)
    sys.stdout.write(output)


def _threshold(ctx: click.Context, param: click.Parameter, value: Any) -> float:
    from amendtrack.compare.match import validate_threshold

    try:
        return validate_threshold(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command()
@click.argument("old", type=click.Path(dir_okay=True, path_type=str))
@click.argument("new", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text",
              show_default=True,
              help="A redline for reading, the amendtrack/diff@1 JSON (docs/json-diff.md), an HTML report, "
                   "or a Word document with tracked changes (needs -o).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--threshold", default="0.6", show_default=True, callback=_threshold, metavar="RATIO",
              help="Least similarity (0-1] for pairing renamed or moved positions (docs/json-diff.md).")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@input_options
def diff(old: str, new: str, fmt: str, output: str | None, threshold: float, strict: bool, encoding: str | None,
         max_mb: float) -> None:
    """Compare two editions OLD and NEW position by position.

    Exit status as diff(1): 0 when nothing substantive differs (editorial
    differences and reorderings do not count), 1 when something does
    (a position added, removed, changed or repealed, a unit renamed), 2 on
    trouble.  Text output colours its redlines on a terminal, and marks them
    [-old-]{+new+} otherwise.

    \b
    Examples:
      amendtrack diff corpus/V1400009344/kk/2014-04-09.txt corpus/V1400009344/kk/2015-11-16.txt
      amendtrack diff OLD.txt NEW.txt --format json -o diff.json
      amendtrack diff OLD.txt NEW.txt --format html -o diff.html
      amendtrack diff OLD.txt NEW.docx --format docx -o redline.docx
    """
    # Each format imports what it needs only: JSON neither the pages (jinja2) nor the
    # provenance and terminal rendering (python3 -X importtime shows the cost).
    from amendtrack.compare.differ import compare_files
    from amendtrack.formats.diff_json import comparison_to_json
    from amendtrack.write import write_atomic

    if fmt == "docx" and output is None:
        raise CLIError("--format docx writes a Word document: give the file with -o FILE.docx")
    with user_errors():
        comparison = compare_files(old, new, encoding=encoding, max_bytes=int(max_mb * 1024 * 1024),
                                   threshold=threshold)
        if strict:
            refuse_warnings([comparison.old, comparison.new])
        text: str | bytes
        if fmt == "docx":
            from amendtrack.history.provenance import provenance_of
            from amendtrack.word.documents import redline_document

            text = redline_document(comparison, provenance_of(comparison.old), provenance_of(comparison.new)).data
        elif fmt == "json":
            text = comparison_to_json(comparison)
        elif fmt == "html":
            try:
                from amendtrack.report import render_diff_html
            except ImportError as exc:  # a broken install (tests/test_cli_diff.py simulates one)
                raise CLIError(f"HTML output is not available yet ({exc}); use --format text or json") from None
            from amendtrack.history.provenance import provenance_of

            text = render_diff_html(comparison, old_provenance=provenance_of(comparison.old),
                                    new_provenance=provenance_of(comparison.new))
        else:
            from amendtrack.formats.redline_text import render_comparison_text
            from amendtrack.history.provenance import provenance_of

            color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            editions = (provenance_of(comparison.old), provenance_of(comparison.new))
            text = render_comparison_text(comparison, color=color, editions=editions)
    # One line per file: the diff is the output here; `parse` lists the warnings.
    from amendtrack.formats.outline import count, warning_line

    for edition in {e.source.path: e for e in (comparison.old, comparison.new) if e.warnings}.values():
        path, n = edition.source.path, len(edition.warnings)
        more = f" ({count(n - 1, 'more warning')}: amendtrack parse {path} lists them)" if n > 1 else ""
        click.echo(f"warning: {warning_line(edition, edition.warnings[0])}{more}", err=True)
    if output is None:
        assert isinstance(text, str), "docx always goes to -o FILE (checked above)"
        sys.stdout.write(text)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise CLIError(f"{output}: cannot write: {exc.strerror or exc}") from None
    raise click.exceptions.Exit(EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["docx", "txt"]), required=True,
              help="A Word document, or plain text in the same layout.")
@click.option("-o", "--output", required=True, metavar="FILE", help="Write to FILE (atomically).")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@input_options
def export(file: str, fmt: str, output: str, strict: bool, encoding: str | None, max_mb: float) -> None:
    """Write one edition FILE (.txt or .docx) as a clean document: the act's text,
    the annexes, the unit headings, each position as a criteria/requirements table.

    The result reads back (amendtrack parse) as the same edition.

    \b
    Examples:
      amendtrack export corpus/V1400009344/kk/2015-11-16.txt --format docx -o 2015-11-16.docx
      amendtrack export 2015-11-16.docx --format txt -o 2015-11-16.txt
    """
    from amendtrack.parse.edition import parse_file
    from amendtrack.word.documents import edition_docx, edition_text
    from amendtrack.write import write_atomic

    with user_errors():
        edition = parse_file(file, encoding=encoding, max_bytes=int(max_mb * 1024 * 1024))
        if strict:
            refuse_warnings([edition])
        data: str | bytes = edition_docx(edition) if fmt == "docx" else edition_text(edition)
    for w in edition.warnings:
        click.echo(f"warning: {file}:{w.line}: {w.message}", err=True)
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise CLIError(f"{output}: cannot write: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- history and asof

DEFAULT_CORPUS = "corpus"


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
            raise CLIError(f"{DEFAULT_CORPUS}: no such folder; CORPUS defaults to ./{DEFAULT_CORPUS}: run from the "
                           "repository's root or give the corpus folder")
        corpus = DEFAULT_CORPUS
    store = open_store(db, enabled=not no_store)
    try:
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
        raise CLIError(f"no provision has the address {address!r}; the order's are: {shown} "
                       "(and annex_N__stamp, annex_N__title, annex_N__unit_K)")
    return _json(provision_history_to_dict(h, address, steps)) if fmt == "json" else \
        render_provision_history(h, address, steps)


@cli.command()
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
    from amendtrack.formats.history_output import (
        history_to_dict,
        matches_to_dict,
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
                raise CLIError("--position and --provision: give one of them")
            output = _provision_output(h, address, fmt)
        elif query is None:
            output = _json(history_to_dict(h)) if fmt == "json" else render_history(h)
        else:
            found = find_positions(h, query)
            if not found:
                raise CLIError(f"no position matches {query!r}: give an id or words of a title "
                               "(see amendtrack history for the list)")
            if len(found) > 1:
                sys.stdout.write(_json(matches_to_dict(query, found)) if fmt == "json"
                                 else render_matches(query, found))
                raise CLIError(f"{len(found)} positions match {query!r}; repeat with one of the lineage ids listed")
            output = _json(history_to_dict(h, found[0])) if fmt == "json" else render_position(h, found[0])
    sys.stdout.write(output)


@cli.command()
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
    from amendtrack.write import write_atomic

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
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise CLIError(f"{output}: cannot write: {exc.strerror or exc}") from None


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


@cli.command()
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
    from amendtrack.formats.history_output import as_of_to_dict, render_as_of
    from amendtrack.history.lineage import as_of

    with user_errors():
        h = _load_history(corpus, work, language, db, no_store)
        if strict:
            refuse_warnings(e.edition for e in h.editions)
        result = as_of(h, day)
        output = _json(as_of_to_dict(h, result)) if fmt == "json" else render_as_of(h, result)
    sys.stdout.write(output)


# ---------------------------------------------------------------- report

DEFAULT_REPORTS = "reports"


def _check_output_folder(folder: str) -> None:
    """Refuse, before any work, a report folder that a file stands in the way of.

    :raises CLIError: `folder` is a file, or a folder it would be created in is one.
    """
    probe = os.path.normpath(folder)
    while probe and not os.path.lexists(probe):
        probe = os.path.dirname(probe)
    if not probe or os.path.isdir(probe):
        return  # creatable; a permission or disk problem shows when writing
    if probe == os.path.normpath(folder):
        raise CLIError(f"{folder}: is a file, not a folder; -o names the folder to write the reports into")
    raise CLIError(f"{folder}: cannot be created: {probe} is a file, not a folder")


@cli.command()
@click.argument("corpus", required=False, metavar="[CORPUS]")
@click.option("-o", "--output", "out_dir", metavar="DIR", default=DEFAULT_REPORTS, show_default=True,
              help="The folder to write the pages into (created when missing; files are replaced atomically).")
@click.option("--generated-at", metavar="TEXT",
              help="A generation time to print on every page.  Default: none, so the same corpus always "
                   "gives the same bytes.")
@click.option("--db", metavar="PATH",
              help="The store of parsed editions (default: $XDG_CACHE_HOME/amendtrack/store.sqlite3).")
@click.option("--no-store", is_flag=True, help="Parse every edition, neither reading nor writing the store.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
def report(corpus: str | None, out_dir: str, generated_at: str | None, db: str | None, no_store: bool,
           strict: bool) -> None:
    """Write the HTML reports of a corpus into DIR (default: reports/).

    index.html lists every act, its editions with their dates and the acts
    that produced them, what each amendment changed, every position, and what
    the tool could not place or read.  Each consecutive pair of editions gets
    a redline page, and each position a history page.  Pages are
    self-contained (open them from disk) and the same corpus gives the same
    bytes.  Pages an earlier run wrote into DIR and this one does not are
    removed (DIR/.amendtrack-report lists them); other files in DIR are kept.

    \b
    Examples:
      amendtrack report
      amendtrack report corpus -o /tmp/reports
    """
    # Only what a run with nothing to do needs: the pages' modules (jinja2) come after.
    from amendtrack.history.store import open_store
    from amendtrack.report.incremental import (
        folder_is_intact,
        folder_key,
        make_state,
        recorded_pages,
        run_key,
        unchanged_on_disk,
    )

    index = os.path.join(out_dir, "index.html")
    with user_errors():
        if corpus is None:
            if not os.path.isdir(DEFAULT_CORPUS):
                raise CLIError(f"{DEFAULT_CORPUS}: no such folder; CORPUS defaults to ./{DEFAULT_CORPUS}: run from "
                               "the repository's root or give the corpus folder")
            corpus = DEFAULT_CORPUS
        _check_output_folder(out_dir)  # before the work, not after it
        store = open_store(db, enabled=not no_store)
        try:
            # With a store, only what changed is redone (report/incremental.py).
            key = run_key(corpus, {"generated_at": generated_at, "strict": strict}) if store else None
            state = store.get_report_state(folder_key(out_dir)) if store else None
            recorded = recorded_pages(state)
            if key is not None and state is not None and state.get("run") == key and \
                    folder_is_intact(out_dir, recorded):
                click.echo(f"Nothing changed: the {len(recorded)} pages in {out_dir}{os.sep} are up to date: "
                           f"open {index}")
                return
            from amendtrack.report import plan_report
            from amendtrack.report.folder import (
                load_report_histories,
                write_report_folder,
            )

            histories = load_report_histories(corpus, store)
            if strict:
                refuse_warnings(e.edition for h in histories for e in h.editions)
            pages = plan_report(histories, generated_at=generated_at)
            # A page is rendered when its file is written (write_many_atomic calls
            # its function), and only its UTF-8 bytes are kept, until written:
            # holding every page at once was most of the peak memory.
            files: dict[str, Callable[[], bytes]] = {}
            unchanged: list[str] = []
            written: dict[str, tuple[str, str]] = {}
            for page in pages:
                make_fingerprint = getattr(page, "fingerprint", None) if store is not None else None
                fingerprint = make_fingerprint() if make_fingerprint else None
                same = unchanged_on_disk(out_dir, page.path, fingerprint, recorded)
                if same is not None:
                    unchanged.append(page.path)
                    written[page.path] = same
                else:
                    files[page.path] = _page_maker(page, fingerprint, written)
            # The bar on a terminal only: elsewhere click prints its label as a line
            # of its own, and stderr must hold nothing but warnings and the error.
            bar_file = sys.stderr if sys.stderr.isatty() else io.StringIO()
            with click.progressbar(length=len(files), label="Writing reports", file=bar_file) as bar:
                makers = {path: _with_progress(make, bar) for path, make in files.items()}
                try:
                    # The index goes last (plan_report puts it there): whoever sees the
                    # new index finds the new pages it links to.
                    done = write_report_folder(out_dir, makers, unchanged)
                except OSError as exc:
                    # The folder, not exc.filename: that is often a hidden temporary file the user never asked for.
                    raise CLIError(f"{out_dir}: cannot write the reports: {exc.strerror or exc}") from None
            if store is not None:
                # Only pages whose file is exactly what was written are recorded.
                kept_pages = {p: v for p, v in written.items() if p not in done.kept}
                store.put_report_state(folder_key(out_dir), make_state(key, kept_pages))
        finally:
            if store is not None:
                store.close()
    if done.removed:
        shown = ", ".join(done.removed[:3]) + (f" and {len(done.removed) - 3} more" if len(done.removed) > 3 else "")
        click.echo(f"Removed {len(done.removed)} pages an earlier run wrote and this one does not: {shown}")
    for rel in done.kept:
        click.echo(f"warning: {os.path.join(out_dir, rel)}: an earlier run wrote it, but it is no longer its page; "
                   "kept", err=True)
    if unchanged:
        click.echo(f"Wrote {len(files)} pages to {out_dir}{os.sep} ({len(unchanged)} unchanged, not rewritten): "
                   f"open {index}")
    else:
        click.echo(f"Wrote {len(files)} pages to {out_dir}{os.sep}: open {index}")


def _page_maker(page: Any, fingerprint: str | None, written: dict[str, tuple[str, str]]) -> Callable[[], bytes]:
    """A function rendering `page` to UTF-8 that records its fingerprint and SHA-256 in `written`."""

    def make() -> bytes:
        data: bytes = page.render().encode("utf-8")
        if fingerprint is not None:
            written[page.path] = (fingerprint, hashlib.sha256(data).hexdigest())
        return data

    return make


def _with_progress(make: Callable[[], bytes], bar: Any) -> Callable[[], bytes]:
    def made() -> bytes:
        data = make()
        bar.update(1)
        return data

    return made


@cli.command()
@click.argument("published", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", required=True, metavar="FILE",
              help="Where to write the original edition (atomically).")
def derive(published: str, output: str) -> None:
    """Write the original edition of a repealed act: PUBLISHED without the repeal annotations.

    PUBLISHED is the published text of a repealed act (UTF-8).  The publisher's
    status line, repeal sentence and repeal note are removed and every other
    byte is kept; an amendment note is an error, since the result would mix
    editions (see amendtrack/history/derive.py).

    \b
    Examples:
      amendtrack derive corpus/V1400009344/kk/2015-11-16.txt -o corpus/V1400009344/kk/2014-04-09.txt
    """
    from amendtrack.history.derive import derive_original
    from amendtrack.read.files import read_bounded
    from amendtrack.write import write_atomic

    with user_errors():
        raw = read_bounded(published, adjustable=False)
        try:
            # Not decode_edition: that normalises, and the derived file must keep every byte.
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(published, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        write_atomic(output, derive_original(text, source=published).encode("utf-8"))


def main() -> None:  # pragma: no cover
    cli(prog_name="amendtrack")
