"""The commands on edition files: parse, diff, export."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from amendtrack.cli.common import (
    EXIT_DIFFERENT,
    EXIT_SAME,
    LANG_HELP,
    STRICT_HELP,
    CLIError,
    emit,
    input_options,
    interface_language_of,
    refuse_warnings,
    user_errors,
)
from amendtrack.i18n import N_, TranslatedLabels, ngettext
from amendtrack.i18n import gettext as _

_LANGUAGE_NAMES = TranslatedLabels({"kk": N_("Kazakh"), "ru": N_("Russian")})


@click.command()
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
            click.echo(_("warning: %(warning)s") % {"warning": warning_line(edition, w, translated=True)}, err=True)
    sys.stdout.write(output)


def _threshold(ctx: click.Context, param: click.Parameter, value: Any) -> float:
    from amendtrack.compare.match import validate_threshold

    try:
        return validate_threshold(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
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
@click.option("--lang", "lang", metavar="ru|kk|en", help="With --format html: " + LANG_HELP.replace("corpus's", "editions'"))
@input_options
def diff(old: str, new: str, fmt: str, output: str | None, threshold: float, strict: bool, encoding: str | None,
         max_mb: float, lang: str | None) -> None:
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

    if fmt == "docx" and output is None:
        raise CLIError(_("--format docx writes a Word document: give the file with -o FILE.docx"))
    with user_errors():
        if lang is not None:
            interface_language_of(lang)  # a bad --lang is an error before any work
        comparison = compare_files(old, new, encoding=encoding, max_bytes=int(max_mb * 1024 * 1024),
                                   threshold=threshold)
        if strict:
            refuse_warnings([comparison.old, comparison.new])
        languages = (comparison.old.language, comparison.new.language)
        if languages[0] != languages[1]:
            # Positions are paired by their words, so a Kazakh text and a Russian one share
            # none: every position would read as removed and added, which says nothing of the law.
            click.echo(_("warning: %(old)s is in %(old_language)s and %(new)s in %(new_language)s: the texts are "
                         "not compared across languages, so every position reads as removed and added; compare "
                         "editions in one language")
                       % {"old": old, "new": new, "old_language": _LANGUAGE_NAMES.get(languages[0], languages[0]),
                          "new_language": _LANGUAGE_NAMES.get(languages[1], languages[1])}, err=True)
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
                raise CLIError(_("HTML output is not available yet (%(reason)s); use --format text or json")
                               % {"reason": exc}) from None
            from amendtrack.history.provenance import provenance_of
            from amendtrack.i18n import interface_language

            with interface_language(interface_language_of(lang, set(languages))):
                text = render_diff_html(comparison, old_provenance=provenance_of(comparison.old),
                                        new_provenance=provenance_of(comparison.new))
        else:
            from amendtrack.formats.redline_text import render_comparison_text
            from amendtrack.history.provenance import provenance_of

            color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            editions = (provenance_of(comparison.old), provenance_of(comparison.new))
            text = render_comparison_text(comparison, color=color, editions=editions)
    # One line per file: the diff is the output here; `parse` lists the warnings.
    from amendtrack.formats.outline import warning_line

    for edition in {e.source.path: e for e in (comparison.old, comparison.new) if e.warnings}.values():
        path, n = edition.source.path, len(edition.warnings)
        first = warning_line(edition, edition.warnings[0], translated=True)
        if n > 1:
            click.echo(ngettext("warning: %(warning)s (%(num)d more warning: amendtrack parse %(path)s lists them)",
                                "warning: %(warning)s (%(num)d more warnings: amendtrack parse %(path)s lists them)",
                                n - 1) % {"warning": first, "num": n - 1, "path": path}, err=True)
        else:
            click.echo(_("warning: %(warning)s") % {"warning": first}, err=True)
    emit(output, text)
    raise click.exceptions.Exit(EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME)


@click.command()
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

    with user_errors():
        edition = parse_file(file, encoding=encoding, max_bytes=int(max_mb * 1024 * 1024))
        if strict:
            refuse_warnings([edition])
        data: str | bytes = edition_docx(edition) if fmt == "docx" else edition_text(edition)
    for w in edition.warnings:
        said = w.said.translated() if w.said is not None else w.message
        click.echo(_("warning: %(warning)s") % {"warning": f"{file}:{w.line}: {said}"}, err=True)
    emit(output, data)


