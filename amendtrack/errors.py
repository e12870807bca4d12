"""The project's exceptions.  The library raises these and never prints or exits."""

from __future__ import annotations

from amendtrack.i18n import Message, gettext


class AmendtrackError(Exception):
    """Base class of every error amendtrack raises on purpose."""


class InputError(AmendtrackError):
    """An input file cannot be read as an edition (missing, binary, wrong encoding, empty)."""

    def __init__(self, path: str, problem: str | Message, line: int | None = None) -> None:
        self.path = path
        self.problem = str(problem)
        """In English: the record (JSON, logs, docs/bad-input.md)."""
        self.said = problem if isinstance(problem, Message) else None
        """The problem as a `Message`, for a terminal in another language; None when written as text."""
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """"FILE[:LINE]: problem", in English."""
        return f"{self._where()}: {self.problem}"

    def translated_line(self) -> str:
        """`one_line` in the interface language in effect (`i18n.interface_language`)."""
        problem = self.said.translated() if self.said is not None else self.problem
        return gettext("%(where)s: %(problem)s") % {"where": self._where(), "problem": problem}

    def _where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class ParseError(InputError):
    """The text was read but is not an edition of a qualification-requirements order."""

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.problem}


class OutputError(AmendtrackError):
    """An output file or folder cannot be written; whatever was there before is left intact."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
