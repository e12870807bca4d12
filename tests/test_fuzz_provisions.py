"""The invariant of issue #11, as properties over the whole seed edition.

1. A word or number changed anywhere -- the order's title, header, preamble,
   points, signature, approval block, an annex's stamp or title, a heading, a
   position's text; letter-spaced lines included -- makes `diff` report a
   difference, in a substantive record whose old text holds the old word and
   whose new text holds the new one.
2. Layout-only edits anywhere (trailing spaces, a doubled space, a line
   letter-spaced, a line reflowed into the one before) are no difference.

Left out of the edits, because changing them changes the *structure* the
parser reads rather than a text (the parse tests cover them): the row labels
("Білімі", "Кәсіби құзыреттілігі", …) and the table header, "санаты" that ends
a position title, the "1)" markers of an experience list (the model keeps the
list numbered, not its markers), single letters (a category code's "С"), and
the lines where the parser says it guessed (its warnings) or placed a field by
its content (before a displaced label), the words that
open a part of the order (БҰЙЫРАМЫН, КЕЛІСІЛДІ, Ескерту, Күшін жойған), and
the unit noun that ends a unit heading ("… департаменті", "… басқармасы"): a
heading without one is read as the start of the next title, so the change is
reported as a title change and a unit removed, not as one record holding both
words.

Each example makes EDITS_PER_EXAMPLE edits, one in each tenth of the text, and checks each;
CI runs 20 examples, so 200 edits.  AMENDTRACK_FUZZ_EXAMPLES runs more.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amendtrack.compare.differ import compare_editions
from amendtrack.compare.records import Comparison, PositionMatched
from amendtrack.parse.edition import parse_edition
from amendtrack.parse.vocabulary import KK_UNIT_NOUN_AT_END
from tests.conftest import SEED

EXAMPLES = int(os.environ.get("AMENDTRACK_FUZZ_EXAMPLES", "0")) or None
EDITS_PER_EXAMPLE = 10

SEED_TEXT = SEED.read_text(encoding="utf-8")
LINES = SEED_TEXT.split("\n")
BASE = parse_edition(SEED_TEXT, "seed")
FIRST_ANNEX_LINE = min(a.lines.first for a in BASE.annexes)
WARNED = frozenset(w.line for w in BASE.warnings)


def _read_by_content(positions=BASE.positions) -> frozenset[int]:
    """Lines of a field printed before its displaced label (a page break moved the
    label into the text): the parser places the field's start by its content there."""
    out = set()
    for p in positions:
        spans = dict(p.field_lines)
        for label in p.labels:
            if label.displaced and label.field in spans:
                out.update(range(spans[label.field].first, label.line + 1))
    return frozenset(out)


GUESSED = WARNED | _read_by_content()
# The last line of each unit heading, where its noun stands ("… департаменті").
HEADING_ENDS = frozenset(u.lines.last for u in (*BASE.units, *BASE.subunits))

# A letter-spaced word ("а г е н т т і г і н е") or an ordinary one.
TOKEN = re.compile(r"(?<![^\s:«(])(?:\w ){2,}\w(?=[\s.,;:»]|$)|\w+")
STRUCTURAL = frozenset({
    "Білімі", "Кәсіби", "құзыреттілігі", "Практикалық", "тәжірибесі", "тәжірибе", "Функционалдық",
    "Функионалдық", "міндеттері", "Өлшемшарттар", "Талаптар", "санаты",
    # The seed prints some labels in Russian (line 828: "Практический опыт").
    "Образование", "Профессиональная", "компетентность", "Практический", "опыт", "Функциональные",
    "обязанности", "Критерии", "Требования",
    # The words that open a part of the order: the enacting word, the approval
    # block, the publisher's note and status line.
    "БҰЙЫРАМЫН", "КЕЛІСІЛДІ", "Ескерту", "Күшін",
})
LABEL_LINE = re.compile(r"^\s*(?:" + "|".join(sorted(STRUCTURAL)) + r")\b")
REPLACEMENTS = ("тексеру", "міндетті", "жаңартылған", "кеңес", "ұйымдастыру", "бекітілген")


def _editable(line_index: int) -> list[re.Match[str]]:
    """The tokens of a line that an edit may change (see the module docstring)."""
    line = LINES[line_index]
    if line_index + 1 in GUESSED:
        return []
    out = []
    for k, m in enumerate(TOKEN.finditer(line)):
        word = m.group().replace(" ", "")
        if word in STRUCTURAL and (k < 2 or word == word.upper()) or word == "санаты":
            continue
        if len(word) < 2 and not word.isdigit():
            continue
        if line_index + 1 in HEADING_ENDS and KK_UNIT_NOUN_AT_END.search(line[: m.end()].rstrip()) \
                and not line[m.end():].strip(" ,"):
            continue  # the unit noun ending a heading
        if word.isdigit() and line_index + 1 > FIRST_ANNEX_LINE and re.match(rf"\s*{word}\s*\)", line[m.start():]):
            continue  # an experience list marker
        out.append(m)
    return out


EDITABLE_LINES = [i for i in range(len(LINES)) if _editable(i)]


def _records(c: Comparison) -> Iterator[tuple[str, str, bool]]:
    """(old text, new text, substantive) of every record the comparison holds."""
    for e in c.positions:
        if isinstance(e, PositionMatched):
            for ch in e.changes:
                yield ch.old, ch.new, ch.substantive
    for u in c.units:
        if u.name is not None:
            yield u.name.old, u.name.new, u.name.substantive
    for a in c.act:
        yield a.old, a.new, a.substantive
    for p in c.provisions:
        yield p.old_text, p.new_text, p.substantive


# The editable lines in EDITS_PER_EXAMPLE bands of document order: one edit per
# band spreads every example over the whole text, order and annexes alike.
_BANDS = [EDITABLE_LINES[k * len(EDITABLE_LINES) // EDITS_PER_EXAMPLE:(k + 1) * len(EDITABLE_LINES) // EDITS_PER_EXAMPLE]
          for k in range(EDITS_PER_EXAMPLE)]


@st.composite
def word_edits(draw: st.DrawFn) -> list[tuple[int, int, str]]:
    """EDITS_PER_EXAMPLE (line, token, replacement) edits, one per band."""
    edits = []
    for band in _BANDS:
        line = draw(st.sampled_from(band))
        token = draw(st.integers(0, len(_editable(line)) - 1))
        edits.append((line, token, draw(st.sampled_from(REPLACEMENTS))))
    return edits


def _apply(edits: list[tuple[int, int, str]], bump: int) -> tuple[str, list[tuple[int, str, str]]]:
    lines = list(LINES)
    done = []
    for line, token, replacement in edits:
        m = _editable(line)[token]
        printed = m.group()
        old = printed.replace(" ", "")
        if old.isdigit():
            new = str(int(old) + bump)
        else:
            new = replacement.upper() if old.isupper() else replacement
            if new.lower() == old.lower():
                new = "өзгертілген"
        spaced = " ".join(new) if " " in printed else new
        lines[line] = LINES[line][: m.start()] + spaced + LINES[line][m.end():]
        done.append((line + 1, old, new))
    return "\n".join(lines), done


# derandomize: CI runs the same examples every time, so a red run always means a
# change of the code (run with AMENDTRACK_FUZZ_EXAMPLES=N to explore further; a
# failure found that way becomes a test of its own, as below).
@settings(max_examples=EXAMPLES or 20, deadline=None, derandomize=EXAMPLES is None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(word_edits(), st.integers(1, 9))
def test_every_changed_word_is_in_its_record(edits: list[tuple[int, int, str]], bump: int) -> None:
    _check_every_changed_word_is_in_its_record(edits, bump)


@pytest.mark.xfail(strict=True, reason=(
    "known limitation: a unit heading whose last word is no unit word ('8. … басқармасы (тексеру)' for "
    "'(бөлімі)') is read as the start of the next position's title; the change is reported, but as title "
    "and unit changes, not as the heading's word"))
def test_a_unit_heading_word_replaced_by_a_word_of_no_unit() -> None:
    # Found by Hypothesis (line 5299 of the seed: "8. Төтенше жағдайлардың алдын алу басқармасы (бөлімі)").
    _check_every_changed_word_is_in_its_record([(5298, 6, "тексеру")], 1)


def _check_every_changed_word_is_in_its_record(edits: list[tuple[int, int, str]], bump: int) -> None:
    text, done = _apply(edits, bump)
    c = compare_editions(BASE, parse_edition(text, "edited"))
    assert c.has_differences
    records = [(a, b) for a, b, substantive in _records(c) if substantive]
    for line, old, new in done:
        assert any(old in a and new in b for a, b in records), (line, old, new)


def test_the_edits_reach_the_order_itself() -> None:
    """The lines the property edits cover the order's own text, not only positions:
    every line before the first annex that holds a word is editable but those of
    the enacting word (line 18) and of КЕЛІСІЛДІ (line 49), letter-spaced ones
    included (line 31 of point 2)."""
    order_lines = [i for i in EDITABLE_LINES if i + 1 < FIRST_ANNEX_LINE]
    with_words = [i for i in range(FIRST_ANNEX_LINE - 1) if re.search(r"\w", LINES[i].replace(" ", ""))]
    assert sorted(set(with_words) - set(order_lines)) == [17, 48]
    assert 30 in order_lines and LINES[30].startswith("а г е н т т і г і н е")


def _letter_spaced(line: str) -> str:
    return "  ".join(" ".join(word) for word in line.split())


@st.composite
def layout_edits(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(5):
        i = draw(st.integers(0, len(lines) - 2))
        line = lines[i]
        if not line.strip() or LABEL_LINE.match(line):
            continue
        what = draw(st.sampled_from(("trailing", "space", "letter-spaced", "reflow")))
        if what == "trailing":
            lines[i] = line.rstrip() + " " * draw(st.integers(1, 4))
        elif what == "space" and not re.search(r"(?<!\S)\w \w \w", line):
            gaps = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", line)]
            if gaps:
                k = draw(st.sampled_from(gaps))
                lines[i] = line[:k] + "  " + line[k + 1:]
        elif what == "letter-spaced" and len(line.split()) <= 6 and not re.search(r"\d", line):
            lines[i] = _letter_spaced(line)
        elif what == "reflow":
            nxt = lines[i + 1]
            if nxt.strip() and nxt.lstrip()[:1].islower() and not LABEL_LINE.match(nxt):
                lines[i:i + 2] = [line.rstrip() + " " + nxt.lstrip()]
    return "\n".join(lines)


@settings(max_examples=EXAMPLES or 10, deadline=None, derandomize=EXAMPLES is None, suppress_health_check=[HealthCheck.too_slow])
@given(layout_edits())
def test_layout_only_edits_are_no_difference(text: str) -> None:
    c = compare_editions(BASE, parse_edition(text, "relaid"))
    assert not c.has_differences, [(p.address, p.kind) for p in c.provisions if p.substantive]
