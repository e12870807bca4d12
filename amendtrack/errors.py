"""The project's exceptions.  The library raises these and never prints or exits."""

from __future__ import annotations


class AmendtrackError(Exception):
    """Base class of every error amendtrack raises on purpose."""


class InputError(AmendtrackError):
    """An input file cannot be read as an edition (missing, binary, wrong encoding, empty)."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


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
