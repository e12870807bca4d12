"""The seed edition (Order No. 161, published repealed text), pinned to what a reader sees.

Every count and text here was read off the source file by eye (line numbers are
the file's); none was copied from the parser's output.
"""

from __future__ import annotations

import re
from collections import Counter

from amendtrack.model import Edition
from amendtrack.parse.accounting import word_balance

# ---------------------------------------------------------------- structure


def test_positions_per_annex(seed: Edition) -> None:
    # One table header "Өлшемшарттар Талаптар" per position: 83 before line 4377, 69 after.
    assert Counter(p.annex for p in seed.positions) == {1: 83, 2: 69}
    assert [p.seq for p in seed.positions] == list(range(1, 153))


def test_table_header_once_per_position(seed: Edition, seed_text: str) -> None:
    assert seed_text.count("Өлшемшарттар Талаптар") == 152
    for p in seed.positions:
        assert [label.field for label in p.labels].count("header") == 1, p.seq


def test_units_and_their_position_counts(seed: Edition) -> None:
    rows = [
        (u.annex, u.number, u.name, sum(1 for p in seed.positions if p.unit == u)) for u in seed.units
    ]
    assert rows == [
        (1, "1", "Хатшылық", 5),
        (1, None, "Төтенше жағдайлардың алдын алу департаменті", 4),
        (1, "3", "Төтенше жағдайларды жою департаменті", 3),
        (1, "4", "Азаматтық қорғаныс департаменті", 3),
        (1, "5", "Стратегиялық жоспарлау, ақпараттық-талдау жұмыстары, ғылым және жаңа технологиялар департаменті", 6),
        (1, "6", "Ақпараттандыру және байланыс департаменті", 4),
        (1, None, "Ішкі бақылау және аудита департаменті", 6),
        (1, "2", "Экономика және қаржы департаменті", 7),
        (1, "3", "Материалдық-техникалық қамтамасыз ету департаменті", 6),
        (1, "4", "Құқықтық қамтамасыз ету департаменті", 7),
        (1, "5", "Кадрлық қамтамасыз ету департаменті", 6),
        (1, "6", "Әкімшілік жұмыс департаменті", 7),
        (1, "7", "Халықаралық ынтымақтастық департаменті", 7),
        (1, "14", "Апаттар медицинасы және психологиялық қызмет басқармасы", 1),
        (1, "15", "Арнайы жұмыс басқармасы", 2),
        (1, None, "Баспасөз қызметі", 3),
        (1, "17", "Келіссөздерді жүргізу басқармасы", 2),
        (1, "18", "Төтенше жағдайларды және өнеркәсіптік қауіпсіздікті мемлекеттік бақылау комитеті", 2),
        (1, "19", "Мемлекеттік материалдық резервтер комитеті", 2),
        (2, "1", "Департамент аппараты", 2),
        (2, "2", "Ішкі бақылау бөлімі", 3),
        (2, "3", "Баспасөз қызметі", 3),
        (2, "4", "Телекоммуникациялық жүйелер және байланыс бөлімі", 3),
        (2, "5", "Ақпараттық-талдау жұмысы бөілімі", 3),  # "бөілімі" sic
        (2, "6", "Кадр жұмысы бөлімі", 3),
        (2, None, "Құжаттамалық қамтамасыз ету және мемлекеттік тілді дамыту бөлімі", 3),
        (2, "8", "Төтенше жағдайлардың алдын алу басқармасы (бөлімі)", 4),
        (2, None, "Азаматтық қорғаныс басқармасы", 2),
        (2, "10", "Төтенше жағдайларды жою басқармасы (бөлімі)", 4),
        (2, "11", "Төтенше жағдайларды және өнеркәсіптік қауіпсіздікті мемлекеттік бақылау басқармасы", 4),
        (2, "12", "Қаржы басқармасы", 7),
        (2, "13", "Әскери-жұмылдыру және арнайы жұмыс бөлімі", 3),
        (2, "14", "Құқықтық қамтамасыз ету бөлімі", 3),
        (2, "15", "Қаланың (ауданның) төтенше жағдайлар басқармасы, республикалық маңызы бар қала ауданының "
                  "төтенше жағдайлар басқармасы (бөлімі)", 19),
        (2, "16", "Қаланың (ауданның) төтенше жағдайлар бөлімі", 3),
    ]


def test_subunits(seed: Edition) -> None:
    assert [(s.lines.first, s.unit_ordinal, s.name) for s in seed.subunits] == [
        (6168, 12, "Мемлекеттік сатып алу, активтер және материалдық-техникалық қамтамасыз ету бөлімі"),
        (6714, 15, "Төтенше жағдайлар басқармасы Азаматтық қорғаныс және төтенше жағдайлар бөлімі"),
        (6786, 15, "Төтенше жағдайлар басқармасы Азаматтық қорғаныс бөлімі"),
        (6870, 15, "Төтенше жағдайлар басқармасы төтенше жағдайлар бөлімі"),
        (7014, 15, "Төтенше жағдайлар басқармасы төтенше жағдайларды және өнеркәсіптік қауіпсіздікті "
                   "мемлекеттік бақылау саласындағы бөлім"),
        (7163, 15, "Төтенше жағдайлар басқармасы төтенше жағдайлардың алдын алу бөлімі"),
        (7293, 15, "Төтенше жағдайлар басқармасы үгіт-насихат, халықты дайындау және оқыту бөлімі"),
    ]
    # A sub-unit lasts until the next heading: 6168's holds the last three positions of unit 12.
    assert [p.lines.first for p in seed.positions if p.subunit and p.subunit.lines.first == 6168] == [6168, 6226, 6264]


def test_category_tally(seed: Edition) -> None:
    assert Counter(p.category.code for p in seed.positions) == {
        "С-1": 12, "С-3": 17, "С-4": 28, "С-5": 26,
        "С-О-1": 1, "С-О-2": 1, "С-О-3": 4, "С-О-4": 12, "С-О-5": 15, "С-О-6": 14,
        "С-R-1": 1, "С-R-2": 1, "С-R-3": 4, "С-R-4": 9, "С-R-5": 7,
    }
    # Canonical: Cyrillic С and О, Latin R, hyphen-minus.
    for p in seed.positions:
        assert re.fullmatch(r"С-(?:[ОR]-)?\d", p.category.code), p.category.code
    assert [p.category.printed for p in seed.positions if p.category.printed != p.category.code] == ["С–4"]


def test_every_field_filled(seed: Edition) -> None:
    for p in seed.positions:
        r = p.requirements
        assert r.education and r.competence and r.experience.items and r.duties, p.seq


def test_annexes(seed: Edition) -> None:
    one, two = seed.annexes
    assert (one.number, one.marker) == (1, "1-қосымша")
    assert one.title == (
        "Қазақстан Республикасы Төтенше жағдайлар министрлігі орталық аппаратының «Б» корпусының "
        "мемлекеттік әкімшілік лауазымдарына қойылатын біліктілік талаптары"
    )
    # Line 4382 runs the annex title straight into "1. Департамент аппараты".
    assert two.title.endswith("«Б» корпусының мемлекеттік әкімшілік лауазымдарына қойылатын біліктілік талаптары")
    assert two.reference == "Қазақстан Республикасы Төтенше жағдайлар министрінің 2014 жылғы «9» сәуірдегі № 161 бұйрығына"


def test_header(seed: Edition) -> None:
    a = seed.act
    assert a.title.startswith("Қазақстан Республикасы Төтенше жағдайлар министрлігінің \"Б\" корпусының")
    assert (a.number, a.date, a.act_type) == ("161", "2014-04-09", "бұйрығы")
    assert (a.registration.number, a.registration.date) == ("9344", "2014-04-18")
    assert a.status == "repealed" and a.status_text == "Күшін жойған"
    assert a.issuer == "Қазақстан Республикасы Төтенше жағдайлар министрінің"
    assert a.repeal_text == (
        "Күші жойылды - Казақстан Республикасы Ішкі істер министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен"
    )
    assert a.notes == ("Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015 жылғы бұйрығымен.№ 927",)


def test_preamble_points_as_printed(seed: Edition) -> None:
    # The order prints its points 1, 2, 3, 3, 4 (lines 32 and 44 both say "3.").
    numbers = [p.number for p in seed.preamble]
    assert numbers == [None, None, "1.", "1)", "2)", "2.", "3.", "1)", "2)", "3)", "3.", "4."]
    assert seed.preamble[1].text == ":БҰЙЫРАМЫН"
    assert seed.preamble[-1].text == (
        "Осы бұйрық алғашқы ресми жарияланған күнінен бастап он күнтізбелік күн өткен соң қолданысқа енгізіледі."
    )
    roles = {b.role: b.text for b in seed.other_text}
    assert roles["signature"] == "Қазақстан Республикасы Төтенше жағдайлар министрі В. Божко"
    assert roles["approval"].startswith("«КЕЛІСІЛДІ» Қазақстан Республикасының Мемлекеттік қызмет істері")


def test_nothing_unplaced_and_only_two_warnings(seed: Edition) -> None:
    assert [b for b in seed.other_text if b.role == "unplaced"] == []
    assert [(w.line, w.message.split(";")[0]) for w in seed.warnings] == [
        (1374, "the number “1.” printed before the title starts no unit heading"),
        (2871, "the functional duties label is missing"),
    ]


def test_lossless_word_accounting(seed: Edition, seed_text: str) -> None:
    missing, extra = word_balance(seed_text, seed)
    assert missing == Counter() and extra == Counter()


def test_ids_unique_and_stable(seed: Edition, seed_text: str) -> None:
    from amendtrack.parse.edition import parse_edition

    ids = [p.id for p in seed.positions]
    assert len(set(ids)) == 152
    # Re-wrapping and letter-spacing elsewhere do not change any id.
    noisy = seed_text.replace("кем емес;", "к е м  е м е с ;")
    assert [p.id for p in parse_edition(noisy).positions] == ids


def test_displaced_labels(seed: Edition) -> None:
    # Seed notes (c)2, checked line by line: labels printed inside their field's text.
    displaced = {(lb.field, lb.line) for p in seed.positions for lb in p.labels if lb.displaced}
    assert displaced == {
        *(("competence", n) for n in (299, 778, 1119, 1534, 2409, 3552, 5593, 6546, 7224, 7432, 2080, 5928, 7094)),
        *(("experience", n) for n in (1605, 1809, 2281, 3208, 3757, 6197, 6614, 1050, 3006, 3478)),
        *(("duties", n) for n in (367, 1265, 2609, 3276, 3826, 4163, 4233, 4430, 4772, 5525, 6821, 6960, 7362, 913)),
    }
