"""What every command shares: exit statuses, the one-line errors, the options for input files.

Exit status follows diff(1): 0 same (or success), 1 different, 2 trouble.

Messages (errors, warnings, what was written) are in the language of the person at
the terminal (`cli_language`); the outputs themselves (text, JSON) are not: they are
records, in English, and the pages have their own --lang.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from amendtrack.errors import AmendtrackError, InputError
from amendtrack.i18n import gettext as _
from amendtrack.i18n import interface_language

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, the status a shell reports for a program stopped by Ctrl-C.

Not 2, which says "the input is wrong", and above all not click's default 1,
which `diff` uses for "the editions differ"."""


def cli_language() -> str:
    """The language of the messages: $AMENDTRACK_LANG, else the locale (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``), else English: a locale that names none of the interface's
    languages (``C.UTF-8``, ``POSIX``) is a machine's, and scripts read English.

    An unknown $AMENDTRACK_LANG is not an error here (the messages fall back to English);
    `report` and `diff --format html` refuse it, since there it would choose a page's language.
    """
    from amendtrack.i18n import LANGUAGES, language_from_environment

    chosen = language_from_environment(locale=True)
    return chosen if chosen in LANGUAGES else "en"


class CLIError(click.ClickException):
    """A user-facing error: one line, exit status 2, "Error: …" in the messages' language."""

    exit_code = EXIT_TROUBLE

    def show(self, file: Any = None) -> None:
        # click prints "Error: …" with its own English; the message itself was
        # translated where it was raised, inside the command.
        with interface_language(cli_language()):
            line = _("Error: %(message)s") % {"message": self.format_message()}
        # err=True: click's own stderr stream when no file is given (click 8.5
        # deprecates get_text_stream, which this used).
        click.echo(line, file=file, err=True)


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
    except InputError as exc:
        raise CLIError(exc.translated_line()) from None
    except AmendtrackError as exc:
        raise CLIError(str(exc)) from None
    except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if os.environ.get("AMENDTRACK_DEBUG"):
            raise
        raise CLIError(_("internal error: %(error)s (set AMENDTRACK_DEBUG=1 for details)")
                       % {"error": f"{type(exc).__name__}: {exc}"}) from None


@contextmanager
def long_lived_model() -> Iterator[None]:
    """Build a model that lives until the command ends with the cyclic garbage
    collector paused, then put what was built out of the collector's sight.

    Loading a corpus makes hundreds of thousands of objects (editions, histories)
    and no garbage cycles; each collection of the oldest generation walks all of
    them again: about a fifth of a report's time on 100 editions.  `gc.freeze`
    also keeps the memory of the forked workers shared with this process (the
    collector no longer writes to those objects).  For a command, at the IO edge:
    the library leaves the collector alone.
    """
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.freeze()


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
        shown = warning_line(edition, first, translated=True)
        if len(found) > 1:
            raise CLIError(_("%(warning)s (and %(more)s more); --strict treats warnings as errors")
                           % {"warning": shown, "more": len(found) - 1})
        raise CLIError(_("%(warning)s; --strict treats warnings as errors") % {"warning": shown})

DEFAULT_CORPUS = "corpus"


def no_default_corpus() -> str:
    """The error when CORPUS is not given and ./corpus is not there."""
    return _("%(folder)s: no such folder; CORPUS defaults to ./%(folder)s: run from the repository's root or "
             "give the corpus folder") % {"folder": DEFAULT_CORPUS}


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
            raise CLIError(_("%(option)s %(language)s: no such interface language; use one of %(languages)s")
                           % {"option": source, "language": repr(chosen), "languages": ", ".join(LANGUAGES)})
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
        raise CLIError(_("%(path)s: cannot write: %(reason)s") % {"path": output, "reason": exc.strerror or exc}) from None
