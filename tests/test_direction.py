"""The direction of a change (amendtrack.compare.direction): by hand, and on generated amendments
whose intended direction the generator records (tests.support.generate.DIRECTED_AMENDMENTS)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from amendtrack.compare.differ import compare_editions
from amendtrack.compare.direction import combine, education_direction, item_direction
from amendtrack.formats.diff_json import comparison_to_dict
from amendtrack.i18n import interface_language
from amendtrack.model import Edition
from amendtrack.parse.edition import parse_edition
from tests.support.generate import DIRECTED_AMENDMENTS, generate_edition

ORIGINAL = Path(__file__).resolve().parent.parent / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
TWO = "мемлекеттік қызмет өтілі екі жылдан кем емес;"
THREE = "мемлекеттік қызмет өтілі үш жылдан кем емес;"


def test_more_years_is_stricter_in_words() -> None:
    d = item_direction(TWO, THREE)
    assert d is not None and d.direction == "stricter"
    assert d.describe() == "stricter: public service 2 → 3 years"
    assert d.old is not None and d.old["experience"][0]["years"] == 2
    assert d.new is not None and d.new["experience"][0]["years"] == 3


def test_fewer_years_is_looser() -> None:
    d = item_direction(THREE, TWO)
    assert d is not None and (d.direction, d.describe()) == ("looser", "looser: public service 3 → 2 years")


def test_an_of_which_constraint_added_is_stricter_and_an_alternative_added_looser() -> None:
    stricter = item_direction(THREE, "мемлекеттік қызмет өтілі үш жылдан кем емес, оның ішінде басшылық "
                                     "лауазымдарда бір жылдан кем емес;")
    assert stricter is not None and stricter.describe() == "stricter: added: of which leadership posts 1 year"
    looser = item_direction(THREE, "мемлекеттік қызмет өтілі үш жылдан кем емес немесе басшылық лауазымдарда "
                                   "бір жылдан кем емес;")
    assert looser is not None and looser.describe() == "looser: alternative added: leadership posts 1 year"
    added = item_direction("", THREE)
    assert added is not None and added.describe() == "looser: alternative added: public service 3 years"
    removed = item_direction(THREE, "")
    assert removed is not None and removed.direction == "stricter"


@pytest.mark.parametrize(("language", "said"), [
    ("ru", "строже: стаж государственной службы 2 → 3 года"),
    ("kk", "қатаңырақ: мемлекеттік қызмет өтілі 2 → 3 жыл"),
    ("en", "stricter: public service 2 → 3 years"),
])
def test_a_direction_is_told_in_the_interface_language(language: str, said: str) -> None:
    d = item_direction(TWO, THREE)
    assert d is not None
    with interface_language(language):
        assert d.description().translated() == said
    assert d.describe() == "stricter: public service 2 → 3 years"  # JSON and terminal text stay English


def test_russian_years_agree_with_their_number() -> None:
    five = "мемлекеттік қызмет өтілі бес жылдан кем емес;"
    one_year = item_direction("", "басшылық лауазымдарда бір жылдан кем емес;")
    five_years = item_direction(TWO, five)
    assert one_year is not None and five_years is not None
    with interface_language("ru"):
        assert one_year.description().translated() == "мягче: добавлен вариант: руководящие должности 1 год"
        assert five_years.description().translated() == "строже: стаж государственной службы 2 → 5 лет"


def test_wording_only_is_neutral_and_both_ways_mixed() -> None:
    d = item_direction(THREE, "мемлекеттік қызмет өтілі үш жылдан кем емес.")
    assert d is not None and d.direction == "neutral" and d.describe() == "neutral: only the wording changed"
    mixed = item_direction("мемлекеттік қызмет өтілі екі жылдан кем емес не басшылық лауазымдарда үш жылдан кем емес;",
                           "мемлекеттік қызмет өтілі үш жылдан кем емес не басшылық лауазымдарда екі жылдан кем емес;")
    assert mixed is not None and mixed.direction == "mixed"
    assert combine(["stricter", "looser"]) == "mixed"
    assert combine([None, "neutral", "stricter"]) == "stricter"
    assert combine([None]) is None


def test_unreadable_text_has_no_direction() -> None:
    assert item_direction(THREE, "мемлекеттік қызмет өтілі үш жыл;") is None


def test_education_fields_and_level() -> None:
    d = education_direction("Жоғары: құқық саласында.", "Жоғары: құқық немесе экономика саласында.")
    assert d is not None and d.describe() == "looser: education field added: экономика"
    d = education_direction("Жоғары: құқық немесе экономика саласында.", "Жоғары: құқық саласында.")
    assert d is not None and d.describe() == "stricter: education field removed: экономика"
    d = education_direction("Жоғары: құқық саласында.", "Жоғары оқу орнынан кейінгі: құқық саласында.")
    assert d is not None and d.describe() == "stricter: level of education higher → postgraduate"


@pytest.fixture(scope="module")
def original() -> tuple[Edition, str]:
    text = ORIGINAL.read_text(encoding="utf-8")
    return parse_edition(text, "original.txt"), text


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_differ_agrees_with_the_generator_on_direction(original: tuple[Edition, str], seed: int) -> None:
    old, text = original
    generated = generate_edition(old, text, random.Random(seed), DIRECTED_AMENDMENTS * 2, noise_rate=0.1)
    assert len(generated.expected) == 2 * len(DIRECTED_AMENDMENTS)  # every one planned: the seed has room
    doc = comparison_to_dict(compare_editions(old, parse_edition(generated.text, "new.txt")))
    by_old_id = {e["old"]["id"]: e for e in doc["positions"] if e["old"]}
    for expected in generated.expected:
        assert expected.direction in ("stricter", "looser")
        entry = by_old_id[expected.old_id]
        changes = [c for c in entry["changes"] if c["field"] == expected.field and c["substantive"]]
        assert [c.get("direction") for c in changes] == [expected.direction], (expected, changes)
        assert changes[0]["direction_text"].startswith(expected.direction + ": ")
    counts = doc["summary"]["directions"]
    assert counts["stricter"] + counts["looser"] == len(generated.expected)
    assert counts["mixed"] == 0
