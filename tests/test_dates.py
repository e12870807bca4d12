"""Legal dates: reading printed dates, and reasoning with dates that are unknown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from amendtrack.dates import (
    TEN_DAYS_AFTER_PUBLICATION,
    LegalDate,
    effective_rule,
    find_dates,
    parse_date_words,
)
from amendtrack.normalize import clean_line, join_lines

SEED = Path(__file__).resolve().parent.parent / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


# ---------------------------------------------------------------- printed dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016 жылғы 15 қаңтардағы", date(2016, 1, 15)),
        ("2016 жылғы 3 ақпандағы", date(2016, 2, 3)),
        ("2013 жылғы 7 наурыздағы", date(2013, 3, 7)),
        ("2014 жылғы 9 сәуірдегі", date(2014, 4, 9)),
        ("2014 жылы 18 сәуірде", date(2014, 4, 18)),
        ("2016 жылғы 20 мамырдағы", date(2016, 5, 20)),
        ("2016 жылғы 1 маусымдағы", date(2016, 6, 1)),
        ("1999 жылғы 23 шілдедегі", date(1999, 7, 23)),
        ("2016 жылғы 12 тамыздағы", date(2016, 8, 12)),
        ("2016 жылғы 14 қыркүйектегі", date(2016, 9, 14)),
        ("2016 жылы 14 қыркүйекте", date(2016, 9, 14)),
        ("2016 жылғы 5 қазандағы", date(2016, 10, 5)),
        ("2015 жылғы 16 қарашадағы", date(2015, 11, 16)),
        ("2015 жылы 16 қарашада", date(2015, 11, 16)),
        ("2015 жылғы 31 желтоқсандағы", date(2015, 12, 31)),
        ("2015 жылғы 31 желтоқсаннан бастап", date(2015, 12, 31)),
        ("2014 ж. 9 сәуір", date(2014, 4, 9)),
    ],
)
def test_kazakh_dates_in_words_all_months_and_case_endings(text: str, expected: date) -> None:
    assert parse_date_words(text, "kk") == expected
    assert parse_date_words(text) == expected  # language not given: both tried


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 апреля 2014 года", date(2014, 4, 9)),
        ("от 16 ноября 2015 года № 927", date(2015, 11, 16)),
        ("18 апреля 2014 г.", date(2014, 4, 18)),
        ("«9» января 2014 года", date(2014, 1, 9)),
        ("1 декабря 2020", date(2020, 12, 1)),
        ("23 июля 1999 года", date(1999, 7, 23)),
    ],
)
def test_russian_dates_in_words(text: str, expected: date) -> None:
    assert parse_date_words(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16.11.2015", date(2015, 11, 16)),
        ("министрінің 16.11.2015 жылғы", date(2015, 11, 16)),
        ("1.2.2016", date(2016, 2, 1)),
        ("ҚР Үкіметінің 2012.05.04 № 568 қаулысымен", date(2012, 5, 4)),
    ],
)
def test_numeric_dates(text: str, expected: date) -> None:
    assert parse_date_words(text) == expected


@pytest.mark.parametrize(
    "text",
    ["31.02.2015", "16.11.15", "2015 жылғы 30 ақпандағы", "30 февраля 2015 года", "№ 927", "", "сәуір"],
)
def test_no_date_is_invented(text: str) -> None:
    """Impossible days and two-digit years are not dates; nothing is guessed."""
    assert parse_date_words(text) is None


def test_language_limits_word_forms_not_digits() -> None:
    assert parse_date_words("9 апреля 2014 года", "kk") is None
    assert parse_date_words("2014 жылғы 9 сәуірдегі", "ru") is None
    assert parse_date_words("16.11.2015", "ru") == date(2015, 11, 16)


def test_latin_lookalike_letters_in_month_names() -> None:
    # Latin "i" printed for Kazakh "і" in the month and its ending.
    assert parse_date_words("2014 жылғы 9 сәуiрдегi", "kk") == date(2014, 4, 9)


def test_find_dates_reports_printed_spans() -> None:
    text = "ҚР Ішкі істер министрінің 2015 жылғы 16 қарашадағы № 927, 01.02.2016 № 5"
    found = find_dates(text)
    assert [f.value for f in found] == [date(2015, 11, 16), date(2016, 2, 1)]
    assert [f.printed for f in found] == ["2015 жылғы 16 қарашадағы", "01.02.2016"]
    assert all(text[f.start : f.end] == f.printed for f in found)


def test_seed_header_dates(seed_lines: list[str]) -> None:
    """The three header dates of the seed, read from its lines 7-10."""
    header = join_lines(seed_lines[6:10])
    assert [f.value for f in find_dates(header, "kk")] == [
        date(2014, 4, 9),  # the order
        date(2014, 4, 18),  # its registration
        date(2015, 11, 16),  # the repealing order
    ]


def test_seed_preamble_date_wrapped_over_two_lines(seed_lines: list[str]) -> None:
    # Lines 13-14: "… 1999 жылғы 23 " / "шілдедегі Заңының …".
    assert parse_date_words(join_lines(seed_lines[12:14]), "kk") == date(1999, 7, 23)


def test_seed_letter_spaced_date_with_quoted_day(seed_lines: list[str]) -> None:
    # Line 57: "2 0 1 4  ж ы л ғ ы  « 9 »  с ә у і р д е г і".
    line = clean_line(seed_lines[56])
    assert line == "2014 жылғы «9» сәуірдегі"
    assert parse_date_words(line, "kk") == date(2014, 4, 9)


# ---------------------------------------------------------------- effective rules


def test_effective_rule_of_the_seed_order(seed_lines: list[str]) -> None:
    # Point 4, lines 45-46: "… алғашқы ресми жарияланған күнінен бастап он күнтізбелік күн өткен соң …".
    assert effective_rule(join_lines(seed_lines[44:46])) == TEN_DAYS_AFTER_PUBLICATION


@pytest.mark.parametrize(
    "clause",
    [
        "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі",
        "вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования",
    ],
)
def test_effective_rule_in_notes(clause: str) -> None:
    assert effective_rule(clause) == TEN_DAYS_AFTER_PUBLICATION


@pytest.mark.parametrize("clause", ["қол қойылған күнінен бастап қолданысқа енгізіледі", "вводится в действие с 01.01.2016", ""])
def test_other_effective_clauses_are_not_interpreted(clause: str) -> None:
    assert effective_rule(clause) is None


# ---------------------------------------------------------------- LegalDate


ORIGINAL = LegalDate.unknown(after=date(2014, 4, 18), rule=TEN_DAYS_AFTER_PUBLICATION)


def test_describe() -> None:
    assert ORIGINAL.describe() == (
        "unknown (after 2014-04-18; rule: ten calendar days after first official publication)"
    )
    assert LegalDate.known(date(2014, 4, 9)).describe() == "2014-04-09"
    assert LegalDate.unknown().describe() == "unknown"
    assert (
        LegalDate.unknown(on_or_after=date(2015, 11, 16), before=date(2016, 1, 1), basis="order 927").describe()
        == "unknown (on or after 2015-11-16; before 2016-01-01; basis: order 927)"
    )


def test_relation_of_a_known_date() -> None:
    d = LegalDate.known(date(2014, 4, 9))
    assert d.relation(date(2014, 4, 8)) == "before"
    assert d.relation(date(2014, 4, 9)) == "on"
    assert d.relation(date(2014, 4, 10)) == "after"
    assert [d.reached_by(date(2014, 4, x)) for x in (8, 9, 10)] == [False, True, True]


def test_relation_with_an_exclusive_lower_bound() -> None:
    assert ORIGINAL.relation(date(2014, 4, 17)) == "before"
    assert ORIGINAL.relation(date(2014, 4, 18)) == "before"  # strictly after the 18th
    assert ORIGINAL.relation(date(2014, 4, 19)) == "within"
    assert ORIGINAL.relation(date(2030, 1, 1)) == "within"  # no upper bound: still unknown
    assert ORIGINAL.reached_by(date(2014, 4, 18)) is False
    assert ORIGINAL.reached_by(date(2014, 5, 1)) is None


def test_relation_with_inclusive_and_exclusive_upper_bounds() -> None:
    closed = LegalDate.unknown(on_or_after=date(2015, 11, 16), on_or_before=date(2015, 12, 31))
    assert closed.relation(date(2015, 11, 15)) == "before"
    assert closed.relation(date(2015, 11, 16)) == "within"  # it may be that very day
    assert closed.relation(date(2015, 12, 31)) == "within"
    assert closed.relation(date(2016, 1, 1)) == "after"
    assert closed.reached_by(date(2016, 1, 1)) is True
    half_open = LegalDate.unknown(on_or_after=date(2015, 11, 16), before=date(2015, 12, 31))
    assert half_open.relation(date(2015, 12, 31)) == "after"


def test_to_dict() -> None:
    assert ORIGINAL.to_dict() == {
        "known": False,
        "value": None,
        "not_before": "2014-04-18",
        "lower_exclusive": True,
        "not_after": None,
        "upper_exclusive": False,
        "rule": TEN_DAYS_AFTER_PUBLICATION,
        "basis": None,
        "description": "unknown (after 2014-04-18; rule: ten calendar days after first official publication)",
    }
    assert LegalDate.known(date(2014, 4, 9)).to_dict()["value"] == "2014-04-09"


@pytest.mark.parametrize(
    "build",
    [
        lambda: LegalDate(value=date(2014, 4, 9), not_before=date(2014, 4, 1)),
        lambda: LegalDate(lower_exclusive=True),
        lambda: LegalDate(upper_exclusive=True),
        lambda: LegalDate.unknown(after=date(2015, 1, 2), on_or_before=date(2015, 1, 1)),
        lambda: LegalDate.unknown(after=date(2015, 1, 1), before=date(2015, 1, 1)),
        lambda: LegalDate.unknown(after=date(2015, 1, 1), on_or_after=date(2015, 1, 1)),
        lambda: LegalDate.unknown(before=date(2015, 1, 1), on_or_before=date(2015, 1, 1)),
    ],
)
def test_contradictory_legal_dates_are_refused(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        build()


def test_legal_date_is_frozen_and_hashable() -> None:
    with pytest.raises(AttributeError):
        ORIGINAL.value = date(2014, 5, 1)  # type: ignore[misc]
    assert len({ORIGINAL, LegalDate.unknown(after=date(2014, 4, 18), rule=TEN_DAYS_AFTER_PUBLICATION)}) == 1
