"""Shared fixtures: the bundled seed edition, read and parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from amendtrack.model import Edition, Position
from amendtrack.parse.edition import parse_edition

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"


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
