"""Golden files: what each stage's command prints for fixed inputs, compared byte for byte.

Each case below is one file under ``tests/golden/``: the command that makes it
and the inputs it reads (the bundled editions, and two amended editions the
generator made once and that are kept as files, so that a change in the
generator does not move these goldens).  A difference means an output changed:
if the change was intended, regenerate and review the diff before committing::

    python3 -m tests.test_golden --write
    git diff tests/golden/

The inputs were made with ``tests.support.generate.generate_edition`` from the
original edition with ``random.Random(101)``, all amendments and no layout
noise (``amended-a.txt``), and ``random.Random(202)``, all amendments and
noise at rate 0.2 (``amended-b.txt``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
ORIGINAL = "corpus/V1400009344/kk/2014-04-09.txt"
PUBLISHED = "corpus/V1400009344/kk/2015-11-16.txt"
AMENDED_A = "tests/golden/inputs/amended-a.txt"
AMENDED_B = "tests/golden/inputs/amended-b.txt"


class Golden(NamedTuple):
    file: str
    """The golden file's name under tests/golden/."""
    args: tuple[str, ...]
    """The amendtrack command line, paths relative to the repository."""
    exit_code: int


CASES = (
    Golden("seed.edition.json", ("parse", PUBLISHED, "--format", "json"), 0),
    Golden("seed.outline.txt", ("parse", PUBLISHED), 0),
    Golden("original.edition.json", ("parse", ORIGINAL, "--format", "json"), 0),
    Golden("repeal.diff.json", ("diff", ORIGINAL, PUBLISHED, "--format", "json"), 1),
    Golden("repeal.diff.txt", ("diff", ORIGINAL, PUBLISHED), 1),
    Golden("amended-a.diff.json", ("diff", ORIGINAL, AMENDED_A, "--format", "json"), 1),
    Golden("amended-a.diff.txt", ("diff", ORIGINAL, AMENDED_A), 1),
    Golden("amended-b.diff.json", ("diff", ORIGINAL, AMENDED_B, "--format", "json"), 1),
    Golden("amended-b.diff.txt", ("diff", ORIGINAL, AMENDED_B), 1),
    Golden("history.txt", ("history", "corpus", "--no-store"), 0),
    Golden("history.json", ("history", "corpus", "--no-store", "--format", "json"), 0),
    Golden("asof-2015-01-01.txt", ("asof", "2015-01-01", "corpus", "--no-store"), 0),
)


@contextmanager
def _in_repo() -> Iterator[None]:
    before = os.getcwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(before)


def run(case: Golden) -> bytes:
    """The command's standard output, as bytes."""
    with _in_repo():
        result = CliRunner().invoke(cli, list(case.args), catch_exceptions=False)
    assert result.exit_code == case.exit_code, (case.args, result.exit_code, result.stderr)
    return result.stdout_bytes


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_output_is_the_golden_file(case: Golden) -> None:
    expected = (GOLDEN / case.file).read_bytes()
    actual = run(case)
    assert actual == expected, (
        f"amendtrack {' '.join(case.args)} no longer prints tests/golden/{case.file}; if the change is "
        "intended, run python3 -m tests.test_golden --write and review git diff tests/golden/"
    )


def test_every_golden_file_has_its_case() -> None:
    on_disk = {p.name for p in GOLDEN.iterdir() if p.is_file() and p.name != "README.md"}
    assert on_disk == {c.file for c in CASES}


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python3 -m tests.test_golden --write")
    for case in CASES:
        (GOLDEN / case.file).write_bytes(run(case))
        print(f"wrote tests/golden/{case.file}")
