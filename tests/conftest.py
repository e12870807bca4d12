"""Shared fixtures: the bundled seed edition, read and parsed once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

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

# Hypothesis draws new examples on every run, which is how a developer's runs find
# what nobody wrote a test for (tests/test_fuzz_parse.py keeps each such case as a
# test of its own).  CI is a gate, not a search: there the examples are derived from
# each test's name, the same on every run, so a red CI always means the code under
# test changed (docs/bad-input.md, Fuzzing).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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
