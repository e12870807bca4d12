"""Metamorphic tests of the parser (issue 12): layout damage never changes the model.

A sample of the exhaustive sweep's cases (tests/support/sweep.py; bench/sweep.py
runs all of them), each checked on its window of the seed, and a few damages
on the whole seed text, parsed as a whole.  CI runs a bounded number of
examples; set AMENDTRACK_SWEEP_EXAMPLES for more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amendtrack.model import Edition
from amendtrack.normalize import clean_line
from amendtrack.parse.edition import parse_edition
from tests.support import damage
from tests.support.sweep import Checker, cases, model_key

EXAMPLES = int(os.environ.get("AMENDTRACK_SWEEP_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def seed_lines(seed_text: str) -> list[str]:
    return seed_text.split("\n")


@pytest.fixture(scope="module")
def all_cases(seed: Edition, seed_lines: list[str]) -> list:
    return list(cases(seed, seed_lines))


@pytest.fixture(scope="module")
def checker(seed: Edition, seed_lines: list[str]) -> Checker:
    return Checker(seed, seed_lines)


def test_every_kind_of_damage_has_cases(all_cases: list) -> None:
    kinds = {c.name.split(" ", 1)[0] for c in all_cases}
    assert kinds == {"displace_label", "label_in_place", "page_break", "letter_space", "spaces",
                     "latin_lookalikes", "en_dash", "reflow", "stray_number", "glue_heading"}
    # Labels displaced at every line of their field: the seed's 152 duties
    # fields alone (151 with a label) give thousands.
    assert sum(c.name.startswith("displace_label duties") for c in all_cases) > 3000


def test_the_issue_case_duties_label_split_after_a_page_break(seed: Edition, seed_lines: list[str],
                                                             checker: Checker, all_cases: list) -> None:
    # Issue 12 (a): duties whose first line stands before a page break and whose
    # split label stands after it, right after an experience list ending ";"
    # with a blank line between.  Seq 57's experience ends "…жұмыс өтілі …;".
    chosen = [c for c in all_cases if c.name.startswith("displace_label duties split k=1 ")
              and seed.positions[c.position].requirements.experience.items[-1].endswith(";")]
    assert chosen
    for case in chosen:
        assert checker.check(case) is None, case.name


@SETTINGS
@given(data=st.data())
def test_a_sample_of_the_sweep(data, all_cases: list, checker: Checker) -> None:
    case = all_cases[data.draw(st.integers(0, len(all_cases) - 1))]
    assert checker.check(case) is None, case.name


def test_the_checker_sees_a_lost_word(checker: Checker, all_cases: list) -> None:
    """Not vacuous: a damage that drops a word is caught."""
    from tests.support.sweep import Case

    target = next(c for c in all_cases if c.name.startswith("letter_space line"))
    line = int(target.name.split()[2]) - 1
    drop = Case("drop a word", target.position,
                lambda ls: [*ls[:line], " ".join(ls[line].split()[1:]), *ls[line + 1 :]])
    assert checker.check(drop) is not None


@pytest.mark.parametrize("kind", ["page_break", "displace_label", "reflow"])
def test_damage_on_the_whole_text(seed: Edition, seed_lines: list[str], all_cases: list, kind: str) -> None:
    # Every 97th case of the kind, all applied to one text, parsed as a whole:
    # the windows are not hiding anything the whole text would show.
    chosen = [c for c in all_cases if c.name.startswith(kind)][::97]
    by_position = {}
    for c in chosen:
        by_position.setdefault(c.position, c)  # one per position: their indices would shift
    lines = list(seed_lines)
    for k in sorted(by_position, reverse=True):  # from the end, so that earlier lines keep their indices
        lines = by_position[k].apply(lines)
    reread = parse_edition("\n".join(lines), "damaged.txt")
    assert model_key(reread) == model_key(seed)


def test_page_break_keeps_exactly_three_blank_lines() -> None:
    assert damage.page_break(["a", "", "b"], 1) == ["a", "", "", "", "b"]
    assert damage.page_break(["a", "b"], 1) == ["a", "", "", "", "b"]
    assert damage.letter_space(["кем емес;"], 0) == ["к е м  е м е с ;"]
    assert damage.displace_label(["x1", "x2", "x3"], "Функционалдық міндеттері", 2, "split") == [
        "x1", "x2", "", "", "", "Функционалдық", "міндеттері", "", "x3"]


def test_reflowed_and_letter_spaced_headings_are_editorial_beside_a_renamed_one() -> None:
    """Issue 12 (4): a unit is renamed or moved only when its words or its place changed."""
    from amendtrack.compare.differ import compare_editions
    from amendtrack.compare.records import PositionMatched
    from tests.test_diff import ORIGINAL

    text = ORIGINAL.read_text(encoding="utf-8")
    old = parse_edition(text, "old.txt")
    lines = text.split("\n")
    def own_lines(u) -> bool:  # the heading's lines hold the heading only (not glued to a title)
        printed = " ".join(clean_line(line) for line in lines[u.lines.first - 1 : u.lines.last])
        return printed in (u.name, f"{u.number}. {u.name}")

    standalone = [u for u in old.units if own_lines(u)]
    assert len(standalone) > 10
    renamed = standalone[3]
    for u in reversed(standalone):  # from the end: earlier indices stay valid
        first, last = u.lines.first - 1, u.lines.last - 1
        if u is renamed:
            lines[first] = lines[first].replace(u.name.split()[0], "Цифрлық " + u.name.split()[0], 1)
            lines = damage.reflow(lines, first, last, 20)  # and reflowed: the rename still shows
        elif u.ordinal % 2:
            lines = damage.reflow(lines, first, last, 15)
        else:
            for i in range(first, last + 1):
                lines = damage.letter_space(lines, i)
    c = compare_editions(old, parse_edition("\n".join(lines), "new.txt"))
    assert [(u.old.name, u.substantive) for u in c.units if u.old is not None] == [(renamed.name, True)]
    assert c.units[0].name is not None and c.units[0].name.new.startswith("Цифрлық ")
    moved = [e.old.id for e in c.positions if isinstance(e, PositionMatched) for ch in e.changes if ch.field == "unit"]
    assert moved == []



def test_a_program_name_after_a_page_break_continues_the_sentence(seed_lines: list[str]) -> None:
    # Precision bench set 229: an experience in Russian, "… с программами" |
    # page break | "Word, Excel, … факсом.", then the duties with their label
    # displaced after a later page break.  A capital after a page break may
    # open a new row, but "Word" is a program's name in Latin letters inside
    # the experience's sentence, not the first word of the duties.
    at = seed_lines.index("Компьютерде Word, Excel, E-mail, Internet бағдарламаларымен, ұйымдастыру техникасы ", 700)
    assert seed_lines[at + 1 : at + 5] == ["және факспен жұмыс істей білуі", "", "Функционалдық ", "міндеттері"]
    duties_first = seed_lines[at + 6]
    assert duties_first.startswith("Өз құзыреті шегінде")
    russian = ["Умение работать на компьютере с программами", "Word, Excel, E-mail, Internet, с оргтехникой и", "факсом."]
    intact = list(seed_lines)
    intact[at : at + 2] = russian
    damaged = list(seed_lines)
    damaged[at : at + 7] = [russian[0], "", "", "", *russian[1:], "", duties_first, "", "", "",
                            "Функционалдық ", "міндеттері"]
    expected = parse_edition("\n".join(intact), "intact.txt")
    assert model_key(parse_edition("\n".join(damaged), "damaged.txt")) == model_key(expected)


def test_a_displaced_label_before_a_field_that_starts_in_lower_case(seed_lines: list[str]) -> None:
    # Precision bench set 450: an amendment reworded the duties' first words
    # so that they start in lower case ("аумақтық Министрлік органдарының …");
    # a page break displaced the duties label after their first line.  The
    # experience ends with a full stop and a blank line: the duties start there.
    at = seed_lines.index("6) ғылыми дәрежесінің болуы.", 100)
    assert seed_lines[at + 1 : at + 4] == ["", "Функционалдық міндеттері", ""]
    first = seed_lines[at + 4]
    assert first.startswith("Министрлік басшылығы үшін")
    lowered = "м" + first[1:]
    intact = list(seed_lines)
    intact[at + 4] = lowered
    damaged = list(seed_lines)
    damaged[at + 1 : at + 5] = ["", lowered, "", "", "", "Функционалдық міндеттері", ""]
    expected = parse_edition("\n".join(intact), "intact.txt")
    assert model_key(parse_edition("\n".join(damaged), "damaged.txt")) == model_key(expected)
