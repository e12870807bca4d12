"""What every command shares: exit statuses, the one-line errors, the options for input files.

Exit status follows diff(1): 0 same (or success), 1 different, 2 trouble.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from amendtrack.errors import AmendtrackError

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
    except Exception as exc:
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

DEFAULT_CORPUS = "corpus"


LANG_HELP = ("The language of the pages' interface: ru, kk or en (the act's text is always shown as printed).  "
             "Default: $AMENDTRACK_LANG, else the corpus's language, else ru.")


def interface_language_of(given: str | None, document_languages: Iterable[str] = ()) -> str:
    """The interface language of pages: --lang, else $AMENDTRACK_LANG, else the documents'
    own language when they share one the interface has, else ru (never the locale:
    pages are written for others to read).

    :raises CLIError: for a language the interface does not have (exit status 2).
    """
    from amendtrack.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_from_environment

    chosen = given or language_from_environment(locale=False)
    if chosen is not None:
        chosen = chosen.strip().lower()
        if chosen not in LANGUAGES:
            source = "--lang" if given else "AMENDTRACK_LANG"
            raise CLIError(f"{source} {chosen!r}: no such interface language; use one of {', '.join(LANGUAGES)}")
        return chosen
    own = set(document_languages)
    if len(own) == 1 and next(iter(own)) in LANGUAGES:
        return next(iter(own))
    return DEFAULT_LANGUAGE


def emit(output: str | None, data: str | bytes) -> None:
    """The command's result: to stdout, or atomically to the file -o names (never a
    half-written file); a file that cannot be written is one error line.

    :param output: the -o FILE, or None for stdout (text only).
    """
    if output is None:
        assert isinstance(data, str), "bytes (a .docx) always go to -o FILE; the command checks it first"
        import sys

        sys.stdout.write(data)
        return
    from amendtrack.write import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        raise CLIError(f"{output}: cannot write: {exc.strerror or exc}") from None
