"""The parser on texts other than the seed: a Russian edition, and damaged copies of the seed.

tests/fixtures/ru_edition.txt is synthetic (see tests/fixtures/README.md): it has
the genre's shape in Russian, with the seed's kinds of damage put elsewhere.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from amendtrack.parse.accounting import word_balance
from amendtrack.parse.edition import parse_edition

FIXTURES = Path(__file__).parent / "fixtures"


def test_russian_edition() -> None:
    text = (FIXTURES / "ru_edition.txt").read_text(encoding="utf-8")
    e = parse_edition(text, "ru_edition.txt")
    assert e.language == "ru"
    assert e.warnings == ()
    assert (e.act.number, e.act.date, e.act.act_type) == ("45", "2020-03-03", "Приказ")
    assert (e.act.registration.number, e.act.registration.date) == ("20111", "2020-03-10")
    assert e.act.status == "repealed" and e.act.status_text == "Утратил силу"
    assert e.act.notes == ("Сноска. Утратил силу приказом Министра по делам испытаний РК от 01.07.2021 № 77.",)
    (annex,) = e.annexes
    assert annex.reference == "к приказу Министра по делам испытаний Республики Казахстан от 3 марта 2020 года № 45"
    assert annex.title.startswith("Квалификационные требования к административным государственным должностям")
    assert [(u.number, u.name) for u in e.units] == [("1", "Секретариат"), (None, "Департамент испытаний")]

    helper, director, expert = e.positions
    assert (helper.title, helper.category.code, helper.unit.name) == ("Помощник Министра", "С-3", "Секретариат")
    assert helper.requirements.experience.items == (
        "стаж государственной службы не менее трех лет;",
        "стаж работы в областях, соответствующих функциональным направлениям конкретной должности данной "
        "категории, не менее четырех лет;",
        "наличие ученой степени.",
    )
    # "категория" / "С–1" wraps, with an en dash; the label of duties is displaced by a page break.
    assert (director.title, director.category.code, director.category.printed) == ("Директор Департамента", "С-1", "С–1")
    assert director.requirements.duties == (
        "Руководство деятельностью Департамента; организация испытаний и контроль их проведения; "
        "взаимодействие с территориальными органами."
    )
    assert [lb.displaced for lb in director.labels if lb.field == "duties"] == [True]
    # A Latin C in the code.
    assert (expert.category.code, expert.category.printed) == ("С-4", "C-4")
    assert expert.requirements.experience.items == ("Умение работать на компьютере с программами Word, Excel.",)
    missing, extra = word_balance(text, e)
    assert missing == Counter() and extra == Counter()


def test_truncated_edition_is_flagged(seed_text: str) -> None:
    cut = seed_text.encode("utf-8")[:300_000].decode("utf-8", errors="ignore")
    e = parse_edition(cut, "cut.txt")
    assert e.warnings[-1].message == (
        "the text ends in the middle of a sentence of the last position: the edition may be truncated"
    )
    assert e.positions[-1].title == "Мемлекеттік тілді дамыту басқармасының басшысы"  # lines 3176-


def test_text_pasted_twice_is_flagged(seed_text: str) -> None:
    e = parse_edition(seed_text + seed_text, "twice.txt")
    flagged = [w.message for w in e.warnings if "printed a second time" in w.message]
    assert flagged == [
        "annex 1 is printed a second time: the text may hold two copies or two editions",
        "annex 2 is printed a second time: the text may hold two copies or two editions",
    ]
    assert len({p.id for p in e.positions}) == len(e.positions) == 304


def test_latin_lookalikes_and_crlf_give_the_same_model(seed_text: str, seed) -> None:
    # Windows newlines, NBSP and a Latin "C" in a code give the same positions.
    variant = seed_text.replace("\n", "\r\n").replace("С-3 санаты", "C-3 санаты").replace("Жоғары: ", "Жоғары:\u00a0")
    e = parse_edition(variant, seed.source.path)
    assert [(p.id, p.category.code) for p in e.positions] == [(p.id, p.category.code) for p in seed.positions]
