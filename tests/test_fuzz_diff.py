"""Fuzzing the differ: on any pair of texts it compares or refuses with the project's own error.

Texts are random, or the bundled editions damaged the way real files are
damaged: lines deleted, duplicated, shuffled, blanked, the text cut short,
words replaced, bytes flipped.  For every pair the differ must either raise an
`AmendtrackError` (a `ParseError` naming the file: "no positions found") or
return a comparison that keeps its promises:

* every position of both editions appears exactly once;
* every redline rebuilds its texts (EQUAL + DELETE spans give the old text,
  EQUAL + INSERT the new one), for positions, units and the act;
* the summary counts the entries, and the JSON, text and HTML renderings
  (the three ``--format`` outputs of ``amendtrack diff``) all succeed;
* an edition compared with itself has no differences.

The command-level test feeds damaged *files* to ``amendtrack diff``, so the
reading layer (invalid UTF-8 from a flipped byte, a file cut inside a letter)
is in the loop: exit 0, 1 or 2, and on 2 exactly one line naming a file,
never an internal error or a traceback.

CI runs a bounded number of examples (a few seconds).  For a longer run set
AMENDTRACK_FUZZ_EXAMPLES, which this file and tests/test_fuzz_parse.py read:

    AMENDTRACK_FUZZ_EXAMPLES=3000 python3 -m pytest -q -p no:warnings tests/test_fuzz_diff.py

(docs/bad-input.md, "Fuzzing", records the counts run.)
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amendtrack.cli import cli
from amendtrack.compare.differ import compare_editions, compare_texts
from amendtrack.compare.records import (
    Comparison,
    PositionAdded,
    PositionMatched,
    PositionRemoved,
)
from amendtrack.compare.textdiff import Op
from amendtrack.errors import AmendtrackError, ParseError
from amendtrack.formats.diff_json import comparison_to_json
from amendtrack.formats.redline_text import render_comparison_text
from amendtrack.report import render_diff_html
from tests.conftest import REPO

EXAMPLES = int(os.environ.get("AMENDTRACK_FUZZ_EXAMPLES", "0")) or None
"""None: each test's own CI bound below; a number: that many examples for every test."""

ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
"""The edition in force: comparing damaged copies of it gives added, removed and changed positions."""
PUBLISHED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
"""The repealed edition: against the original, the repeal path of the differ."""

ORIGINAL_TEXT = ORIGINAL.read_text(encoding="utf-8")
PUBLISHED_TEXT = PUBLISHED.read_text(encoding="utf-8")
ORIGINAL_BYTES = ORIGINAL.read_bytes()
WORDS = sorted(set(ORIGINAL_TEXT.split()))


def fuzz(ci_examples: int) -> settings:
    """Hypothesis settings: `ci_examples` in CI (each compare of two full editions takes ~0.3 s)."""
    return settings(max_examples=EXAMPLES or ci_examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------- damage


@st.composite
def damaged_lines(draw: st.DrawFn, lines: list[bytes]) -> bytes:
    """A copy of an edition's lines (as bytes) with one to six kinds of damage applied."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "shuffle", "truncate", "flip", "blank", "word"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        n = draw(st.integers(1, 40))
        if kind == "delete":
            del lines[i : i + n]
        elif kind == "duplicate":
            lines[i:i] = lines[i : i + n]
        elif kind == "shuffle":
            lines[i : i + n] = draw(st.permutations(lines[i : i + n]))
        elif kind == "truncate":
            # Cut inside the line, at any byte: possibly inside a two-byte letter.
            cut = lines[i][: draw(st.integers(0, len(lines[i])))] if lines else b""
            lines = [*lines[:i], cut]
        elif kind == "flip":
            raw = bytearray(b"\n".join(lines[i : i + n]))
            for _ in range(draw(st.integers(1, 3))):
                if raw:
                    raw[draw(st.integers(0, len(raw) - 1))] ^= draw(st.integers(1, 255))
            lines[i : i + n] = bytes(raw).split(b"\n")
        elif kind == "blank":
            lines[i:i] = [b""] * draw(st.integers(1, 4))
        elif lines:  # "word": one word of the line becomes another word of the edition
            words = lines[i].split(b" ")
            at = draw(st.integers(0, len(words) - 1))
            words[at] = draw(st.sampled_from(WORDS)).encode()
            lines[i] = b" ".join(words)
    return b"\n".join(lines)


def damaged(base: bytes) -> st.SearchStrategy[bytes]:
    return damaged_lines(base.split(b"\n"))


def as_text(raw: bytes) -> str:
    """The text a reader would get, were every broken byte replaced (the library's own input)."""
    return raw.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- the promises


def _rebuilds(ops: tuple, old: str, new: str, where: str) -> None:
    assert all(isinstance(op, Op) for op, _ in ops), where
    assert "".join(t for op, t in ops if op != Op.INSERT) == old, where
    assert "".join(t for op, t in ops if op != Op.DELETE) == new, where


def check_comparison(c: Comparison) -> None:
    """Everything `compare_texts` promises about its result (see the module docstring)."""
    old_seen: Counter[str] = Counter()
    new_seen: Counter[str] = Counter()
    for entry in c.positions:
        match entry:
            case PositionAdded():
                new_seen[entry.new.id] += 1
            case PositionRemoved():
                old_seen[entry.old.id] += 1
            case PositionMatched():
                old_seen[entry.old.id] += 1
                new_seen[entry.new.id] += 1
                for change in entry.changes:
                    _rebuilds(change.ops, change.old, change.new, f"{entry.new.id} {change.field}")
            case _:
                raise AssertionError(f"unknown entry {entry!r}")
    assert old_seen == Counter(p.id for p in c.old.positions)
    assert new_seen == Counter(p.id for p in c.new.positions)
    assert max(old_seen.values(), default=1) == 1 and max(new_seen.values(), default=1) == 1
    for unit in c.units:
        if unit.name is not None:
            _rebuilds(unit.name.ops, unit.name.old, unit.name.new, "unit name")
    for act in c.act:
        _rebuilds(act.ops, act.old, act.new, f"act {act.field}")

    summary = c.summary
    assert (summary.added + summary.removed + summary.changed + summary.unchanged + summary.repealed
            == len(c.positions))

    doc = json.loads(comparison_to_json(c))
    assert doc["schema"] == "amendtrack/diff@1"
    assert len(doc["positions"]) == len(c.positions)
    counted = {k: doc["summary"][k] for k in ("added", "removed", "changed", "unchanged", "repealed")}
    assert counted == {"added": summary.added, "removed": summary.removed, "changed": summary.changed,
                       "unchanged": summary.unchanged, "repealed": summary.repealed}
    assert doc["summary"]["different"] == c.has_differences
    assert render_comparison_text(c)
    assert render_comparison_text(c, color=True)
    assert render_diff_html(c).lstrip().lower().startswith("<!doctype html")

    same = compare_editions(c.new, c.new, c.threshold)
    assert not same.has_differences
    assert same.summary.unchanged == len(c.new.positions)


def compare_or_refuse(old_text: str, new_text: str) -> Comparison | None:
    """Compare, or accept a refusal by the project's own error type; anything else fails the test."""
    try:
        c = compare_texts(old_text, new_text, "old.txt", "new.txt")
    except AmendtrackError as exc:
        assert isinstance(exc, ParseError), repr(exc)
        assert exc.path in ("old.txt", "new.txt")
        assert "\n" not in str(exc) and str(exc).startswith(exc.path + ":")
        return None
    check_comparison(c)
    return c


# ---------------------------------------------------------------- the library


@fuzz(12)
@given(damaged(ORIGINAL_BYTES))
def test_original_against_a_damaged_copy(new: bytes) -> None:
    compare_or_refuse(ORIGINAL_TEXT, as_text(new))


@fuzz(8)
@given(damaged(ORIGINAL_BYTES), damaged(ORIGINAL_BYTES))
def test_two_damaged_copies(old: bytes, new: bytes) -> None:
    compare_or_refuse(as_text(old), as_text(new))


@fuzz(6)
@given(damaged(PUBLISHED.read_bytes()))
def test_original_against_a_damaged_repealed_edition(new: bytes) -> None:
    compare_or_refuse(ORIGINAL_TEXT, as_text(new))


@fuzz(40)
@given(st.text(max_size=2000), st.text(max_size=2000))
def test_random_texts(old: str, new: str) -> None:
    compare_or_refuse(old, new)


SEED_LINES = ORIGINAL_TEXT.split("\n")
FRAGMENTS = st.lists(
    st.one_of(
        # A run of real lines (often a whole position or two, or half of one) ...
        st.tuples(st.integers(0, len(SEED_LINES) - 1), st.integers(1, 60)).map(
            lambda run: SEED_LINES[run[0] : run[0] + run[1]]),
        # ... or a line that often starts or ends one.
        st.sampled_from(["", "Білімі", "санаты", "С-3 санаты", "1-қосымша", "Функционалдық міндеттері"]).map(
            lambda line: [line]),
    ),
    max_size=12,
).map(lambda runs: "\n".join(line for run in runs for line in run))


@fuzz(25)
@given(FRAGMENTS, FRAGMENTS)
def test_fragments_of_the_edition(old: str, new: str) -> None:
    # Small texts made of pieces of the real edition in any order: positions
    # appear, break and reorder in ways the damaged copies of a whole edition
    # rarely reach.
    compare_or_refuse(old, new)


def test_the_checks_can_fail() -> None:
    """check_comparison is not vacuous: a redline that does not rebuild its text is caught."""
    import dataclasses

    c = compare_texts(ORIGINAL_TEXT, ORIGINAL_TEXT.replace("үш жылдан", "екі жылдан", 1))
    index, entry = next((i, e) for i, e in enumerate(c.positions) if isinstance(e, PositionMatched) and e.changes)
    broken_change = dataclasses.replace(entry.changes[0], new=entry.changes[0].new + " ")
    broken = dataclasses.replace(c, positions=(*c.positions[:index],
                                               dataclasses.replace(entry, changes=(broken_change,)),
                                               *c.positions[index + 1:]))
    check_comparison(c)
    try:
        check_comparison(broken)
    except AssertionError:
        return
    raise AssertionError("a redline that does not rebuild its text went unnoticed")


# ---------------------------------------------------------------- the command


def _diff_command(tmp: Path, old: bytes, new: bytes, fmt: str) -> None:
    old_path, new_path = tmp / "old.txt", tmp / "new.txt"
    old_path.write_bytes(old)
    new_path.write_bytes(new)
    result = CliRunner().invoke(cli, ["diff", str(old_path), str(new_path), "--format", fmt],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if result.exit_code == 2:
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith((f"Error: {old_path}:", f"Error: {new_path}:")), result.stderr
    else:
        assert result.stdout
        assert all(line.startswith("warning: ") for line in result.stderr.splitlines()), result.stderr


@fuzz(6)
@given(damaged(ORIGINAL_BYTES), damaged(ORIGINAL_BYTES), st.sampled_from(["text", "json", "html"]))
def test_diff_command_on_damaged_files(tmp_path_factory, old: bytes, new: bytes, fmt: str) -> None:
    # tmp_path_factory, not tmp_path: one folder per example (hypothesis reuses a function's fixtures).
    _diff_command(tmp_path_factory.mktemp("fuzz"), old, new, fmt)
