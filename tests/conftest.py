"""Shared fixtures: the bundled seed edition, read and parsed once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from amendtrack.model import Edition, Position
from amendtrack.parse.edition import parse_edition

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"

# The tests that read the interface's words read them in English, the catalogues'
# message language, whatever the corpus's language (amendtrack report's default):
# they pin it here, for the commands they run in-process and in subprocesses.
# The default itself, and the Russian and Kazakh pages, are tested in
# tests/test_i18n.py and tests/test_reports_fresh.py, which unset it.
os.environ["AMENDTRACK_LANG"] = "en"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text: str) -> Edition:
    return parse_edition(seed_text, str(SEED.relative_to(REPO)))


@pytest.fixture(scope="session")
def at_line(seed: Edition):
    """The position whose title block starts at a given source line."""

    def find(line: int) -> Position:
        (found,) = [p for p in seed.positions if p.lines.first == line]
        return found

    return find
