"""The command line: thin wrappers that parse options, call the library, and render.

Exit status follows diff(1): 0 same (or success), 1 different, 2 trouble.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from amendtrack import __version__
from amendtrack.errors import AmendtrackError

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2


class CLIError(click.ClickException):
    """A user-facing error: one line, exit status 2."""

    exit_code = EXIT_TROUBLE


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="amendtrack")
def cli() -> None:
    """Track how qualification-requirement orders change, position by position."""


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="An outline for reading, or the amendtrack/edition@1 JSON.")
@click.option("--strict", is_flag=True, help="Treat parser warnings as errors (exit status 2).")
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
    from amendtrack.outline import render_outline
    from amendtrack.parse import parse_file
    from amendtrack.serialize import edition_to_json

    with user_errors():
        edition = parse_file(file, encoding=encoding, max_bytes=int(max_mb * 1024 * 1024))
        if strict and edition.warnings:
            first = edition.warnings[0]
            more = f" (and {len(edition.warnings) - 1} more)" if len(edition.warnings) > 1 else ""
            raise CLIError(f"{file}:{first.line}: {first.message}{more}; --strict treats warnings as errors")
        output = edition_to_json(edition) if fmt == "json" else render_outline(edition)
    for w in edition.warnings:
        click.echo(f"warning: {file}:{w.line}: {w.message}", err=True)
    sys.stdout.write(output)


def main() -> None:  # pragma: no cover
    cli(prog_name="amendtrack")
