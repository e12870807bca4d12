"""The command line: thin wrappers that parse options, call the library, and render.

Exit status follows diff(1): 0 same (or success), 1 different, 2 trouble.
One module per family of commands: documents (parse, diff, export), corpus
(history, drift, asof), publish (report, derive); what they share is in common.
"""

from __future__ import annotations

from typing import Any

import click

from amendtrack import __version__
from amendtrack.cli.common import (
    EXIT_DIFFERENT,
    EXIT_INTERRUPTED,
    EXIT_SAME,
    EXIT_TROUBLE,
    CLIError,
    Interrupted,
    cli_language,
    input_options,
    refuse_warnings,
    user_errors,
)
from amendtrack.cli.corpus import asof, drift, history
from amendtrack.cli.documents import diff, export, parse
from amendtrack.cli.publish import derive, report
from amendtrack.i18n import gettext as _
from amendtrack.i18n import interface_language

__all__ = ["EXIT_DIFFERENT", "EXIT_INTERRUPTED", "EXIT_SAME", "EXIT_TROUBLE", "CLIError", "Interrupted", "cli",
           "input_options", "main", "refuse_warnings", "user_errors"]


class _Group(click.Group):
    """The command group; Ctrl-C anywhere in a command becomes `Interrupted`.

    Every output file is written atomically (write.write_atomic and
    write_many_atomic clean up their temporary files on KeyboardInterrupt too),
    so whatever moment Ctrl-C lands, no file is left half-written.
    """

    def invoke(self, ctx: click.Context) -> Any:
        with interface_language(cli_language()):
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt:
                raise Interrupted(_("interrupted (Ctrl-C); no output file was left half-written")) from None



@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="amendtrack")
def cli() -> None:
    """Track how qualification-requirement orders change, position by position."""


for _command in (parse, diff, export, history, drift, asof, report, derive):
    cli.add_command(_command)


def main() -> None:  # pragma: no cover
    cli(prog_name="amendtrack")
