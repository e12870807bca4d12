"""Editorial notes read as amendment events, in both languages and with print damage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.dates import TEN_DAYS_AFTER_PUBLICATION, LegalDate
from amendtrack.parse.notes import (
    AmendmentEvent,
    CitingAct,
    Remark,
    UnparsedNote,
    parse_note,
    split_notes,
    starts_note,
)

SEED = Path(__file__).resolve().parent.parent / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
KK_TEN_DAYS = "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі"
RU_TEN_DAYS = (
    "вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования"
)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def event(text: str, language: str | None = None) -> AmendmentEvent:
    result = parse_note(text, language)
    assert isinstance(result, AmendmentEvent), result
    return result


# ---------------------------------------------------------------- the seed


def test_seed_scrambled_note(seed_lines: list[str]) -> None:
    """Lines 11-12: the number is printed after the act type and the final period."""
    raw = "\n".join(seed_lines[10:12])
    assert raw.endswith("жылғы  бұйрығымен.№ 927")
    e = event(raw)
    assert e.to_dict() == {
        "text": "Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015 жылғы бұйрығымен.№ 927",
        "target": "act",
        "action": "repealed",
        "citing_act": {
            "issuer": "КР Ішкі істер министрінің",
            "type": "бұйрығымен",
            "number": "927",
            "date": "2015-11-16",
        },
        "effective": None,
    }
    assert e.citing_act.kind == "order"


def test_seed_header_repeal_sentence(seed_lines: list[str]) -> None:
    """Lines 9-10: the sentence after the registration, with the date in words."""
    paragraph = "\n".join(seed_lines[8:10])
    sentence = paragraph[paragraph.index("Күші жойылды") :]
    e = event(sentence)
    assert e.action == "repealed"
    assert e.target == "act"
    assert e.citing_act == CitingAct(
        issuer="Казақстан Республикасы Ішкі істер министрінің",  # "Казақстан" sic, as printed
        type="бұйрығымен",
        number="927",
        date=date(2015, 11, 16),
    )
    assert e.effective is None


def test_seed_note_and_sentence_cite_the_same_act(seed_lines: list[str]) -> None:
    note = event("\n".join(seed_lines[10:12]))
    paragraph = "\n".join(seed_lines[8:10])
    sentence = event(paragraph[paragraph.index("Күші жойылды") :])
    assert (note.citing_act.number, note.citing_act.date) == (sentence.citing_act.number, sentence.citing_act.date)


# ---------------------------------------------------------------- Kazakh shapes


def test_kk_repeal_with_effective_clause_before_act_type() -> None:
    e = event(f"Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927 ({KK_TEN_DAYS}) бұйрығымен.")
    assert (e.action, e.target, e.effective) == ("repealed", "act", KK_TEN_DAYS)
    assert e.citing_act.to_dict() == {
        "issuer": "ҚР Ішкі істер министрінің", "type": "бұйрығымен", "number": "927", "date": "2015-11-16",
    }


@pytest.mark.parametrize(
    ("text", "action", "target"),
    [
        ("Ескерту. Тақырыбы жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "new_wording", "title"),
        ("Ескерту. Кіріспе жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "new_wording", "preamble"),
        ("Ескерту. 1-тармақ жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "new_wording", "point_1"),
        ("Ескерту. 2-қосымшаға өзгеріс енгізілді - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "amended", "annex_2"),
        ("Ескерту. 1-қосымшаға өзгерістер енгізілді - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "amended", "annex_1"),
        ("Ескерту. Бұйрық 5-1-тармақпен толықтырылды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "supplemented", "point_5-1"),
        ("Ескерту. 3-тармақ алып тасталды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "excluded", "point_3"),
        ("Ескерту. 1-тармақтың 2) тармақшасы алып тасталды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "excluded", "point_1__subpoint_2"),
        ("Ескерту. 2-қосымшаның тақырыбы жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.", "new_wording", "annex_2__title"),
        (
            "Ескерту. Бүкіл мәтін бойынша «Төтенше жағдайлар министрлігі» деген сөздер «Ішкі істер министрлігі» "
            "деген сөздермен ауыстырылды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.",
            "words_replaced",
            "text",
        ),
    ],
)
def test_kk_actions_and_targets(text: str, action: str, target: str) -> None:
    e = event(text)
    assert (e.action, e.target) == (action, target)
    assert e.citing_act == CitingAct("ҚР Еңбек министрінің", "бұйрығымен", "12", date(2016, 3, 5))


@pytest.mark.parametrize(
    ("issuer", "act_type", "kind"),
    [
        ("ҚР Үкіметінің", "қаулысымен", "resolution"),
        ("Алматы қаласы мәслихатының", "шешімімен", "decision"),
        ("ҚР Президентінің", "Жарлығымен", "decree"),
        ("ҚР", "Заңымен", "law"),
    ],
)
def test_kk_act_types(issuer: str, act_type: str, kind: str) -> None:
    e = event(f"Ескерту. 1-тармақ жаңа редакцияда - {issuer} 2016 жылғы 5 наурыздағы № 38/7-VI {act_type}.")
    assert (e.citing_act.issuer, e.citing_act.type, e.citing_act.kind) == (issuer, act_type, kind)
    assert e.citing_act.number == "38/7-VI"
    assert e.citing_act.date == date(2016, 3, 5)


def test_kk_lapse_cites_a_letter() -> None:
    e = event(
        "Ескерту. Қолданылу мерзімінің аяқталуына байланысты күші жойылды "
        "(ҚР Әділет министрлігінің 2016 жылғы 1 ақпандағы № 12-3/456 хаты)."
    )
    assert (e.action, e.target) == ("lapsed", "act")
    assert e.citing_act == CitingAct("ҚР Әділет министрлігінің", "хаты", "12-3/456", date(2016, 2, 1))
    assert e.citing_act.kind == "letter"


# ---------------------------------------------------------------- Russian shapes


def test_ru_repeal_with_effective_clause() -> None:
    e = event(f"Сноска. Утратил силу приказом Министра внутренних дел РК от 16.11.2015 № 927 ({RU_TEN_DAYS}).")
    assert e.to_dict() == {
        "text": f"Сноска. Утратил силу приказом Министра внутренних дел РК от 16.11.2015 № 927 ({RU_TEN_DAYS}).",
        "target": "act",
        "action": "repealed",
        "citing_act": {"issuer": "Министра внутренних дел РК", "type": "приказом", "number": "927", "date": "2015-11-16"},
        "effective": RU_TEN_DAYS,
    }


@pytest.mark.parametrize(
    ("text", "action", "target", "act_type"),
    [
        ("Сноска. Пункт 1 - в редакции приказа Министра финансов РК от 03.04.2017 № 22-н/қ.", "new_wording", "point_1", "приказа"),
        ("Сноска. Приложение 2 с изменениями, внесенными приказом Министра финансов РК от 03.04.2017 № 22-н/қ.", "amended", "annex_2", "приказом"),
        ("Сноска. Приложение 1 дополнено пунктом 3 приказом Министра финансов РК от 03.04.2017 № 22-н/қ.", "supplemented", "annex_1__point_3", "приказом"),
        ("Сноска. Подпункт 2) пункта 12 исключен приказом Министра финансов РК от 03.04.2017 № 22-н/қ.", "excluded", "point_12__subpoint_2", "приказом"),
        ("Сноска. Заголовок - в редакции приказа Министра финансов РК от 03.04.2017 № 22-н/қ.", "new_wording", "title", "приказа"),
        ("Сноска. Преамбула - в редакции приказа Министра финансов РК от 03.04.2017 № 22-н/қ.", "new_wording", "preamble", "приказа"),
        (
            "Сноска. По всему тексту слова «Министерство по чрезвычайным ситуациям» заменены словами "
            "«Министерство внутренних дел» приказом Министра финансов РК от 03.04.2017 № 22-н/қ.",
            "words_replaced",
            "text",
            "приказом",
        ),
    ],
)
def test_ru_actions_and_targets(text: str, action: str, target: str, act_type: str) -> None:
    e = event(text)
    assert (e.action, e.target) == (action, target)
    assert e.citing_act == CitingAct("Министра финансов РК", act_type, "22-н/қ", date(2017, 4, 3))


def test_ru_lapse_cites_a_letter() -> None:
    e = event(
        "Сноска. Утратил силу в связи с истечением срока действия "
        "(письмо Министерства юстиции РК от 01.02.2016 № 12-3/456)."
    )
    assert (e.action, e.target) == ("lapsed", "act")
    assert e.citing_act == CitingAct("Министерства юстиции РК", "письмо", "12-3/456", date(2016, 2, 1))


def test_ru_header_sentence_with_date_in_words() -> None:
    e = event("Утратил силу приказом Министра внутренних дел Республики Казахстан от 16 ноября 2015 года № 927")
    assert (e.action, e.target, e.citing_act.number, e.citing_act.date) == ("repealed", "act", "927", date(2015, 11, 16))
    assert e.citing_act.issuer == "Министра внутренних дел Республики Казахстан"


# ---------------------------------------------------------------- print variations


@pytest.mark.parametrize(
    "text",
    [
        "Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927 бұйрығымен.",
        "Ескерту. Бұйрықтың күші жойылды – ҚР Ішкі істер министрінің 16.11.2015 N 927 бұйрығымен.",
        "Ескерту. Бұйрықтың күші жойылды ҚР Ішкі істер министрінің 16.11.2015 № 927 бұйрығымен",
        "Ескерту. Бұйрықтың күшi жойылды - ҚР Iшкi iстер министрiнiң 16.11.2015 №927 бұйрығымен.",
        "Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен.",
        "Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015\nжылғы бұйрығымен.№\n927",
        "  Ескерту.   Бұйрықтың күші жойылды -  ҚР Ішкі істер министрінің 2015.11.16 № 927.  бұйрығымен.  ",
    ],
)
def test_kk_variations_give_the_same_act(text: str) -> None:
    e = event(text)
    assert (e.action, e.target, e.citing_act.number, e.citing_act.date) == ("repealed", "act", "927", date(2015, 11, 16))
    assert e.citing_act.type == "бұйрығымен"
    assert e.citing_act.kind == "order"


def test_printed_forms_are_kept() -> None:
    """Look-alike letters are folded for matching only: the values are as printed."""
    e = event("Ескерту. Бұйрықтың күшi жойылды - ҚР Iшкi iстер министрiнiң 16.11.2015 № 927 бұйрығымен.")
    assert e.citing_act.issuer == "ҚР Iшкi iстер министрiнiң"
    assert "i" in e.text  # Latin i, as printed

    latin_c = event("Cноска. Утратил силу приказом Министра внутренних дел КР от 16.11.2015 N 927.")
    assert latin_c.text.startswith("Cноска")  # Latin C kept
    assert latin_c.citing_act.issuer == "Министра внутренних дел КР"
    assert (latin_c.citing_act.number, latin_c.target) == ("927", "act")


def test_language_can_be_forced() -> None:
    text = "Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927 бұйрығымен."
    assert isinstance(parse_note(text, "kk"), AmendmentEvent)
    assert parse_note(text, "ru") == UnparsedNote(text, "no act type")
    assert parse_note(text, "en") == UnparsedNote(text, "unknown language 'en'")


# ---------------------------------------------------------------- remarks and failures


@pytest.mark.parametrize(
    "text",
    [
        "РҚАО ескертпесі. Бұйрықтың қолданысқа енгізілу тәртібін 4-тармақтан қараңыз.",
        "РҚАО-ның ескертпесі! Мәтінде авторлық орфография мен пунктуация сақталған.",
        "Примечание ИЗПИ! Порядок введения в действие см. п. 4.",
        "Примечание РЦПИ. В тексте сохранена авторская орфография и пунктуация.",
    ],
)
def test_institute_remarks_are_not_events(text: str) -> None:
    assert parse_note(text) == Remark(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty note"),
        ("   \n ", "empty note"),
        ("Қазақстан Республикасының Әділет министрлігінде 2014 жылы 18 сәуірде № 9344 тіркелді.",
         "not an editorial note: no Ескерту/Сноска and no leading action"),
        ("Ескерту. Мәтін.", "no action recognised"),
        ("Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015", "no act type"),
        ("Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің бұйрығымен.", "no date of the citing act"),
        ("Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015 жылғы бұйрығымен.", "no act number"),
        ("Сноска. Пункт 5 с изменениями, внесенными приказами Министра РК от 01.02.2016 № 45; от 03.04.2017 № 12.",
         "several dates: more than one citing act?"),
        ("Сноска. Пункт 5 с изменениями, внесенными приказом Министра РК от 01.02.2016 № 45, № 46.",
         "several act numbers: more than one citing act?"),
        ("Сноска. Пункты 1 и 2 исключены приказом Министра РК от 01.02.2016 № 45.", "several targets named"),
        ("Ескерту. 1 және 2-тармақтар алып тасталды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.",
         "several targets named"),
        ("Сноска. Пункт 1 в редакции приказа Министра РК от 01.02.2016 № 45; пункт 2 исключен.",
         "several actions: excluded, new_wording"),
        ("Ескерту. Қағида жаңа редакцияда - ҚР Үкіметінің 11.02.2019 № 50 қаулысымен.",
         "subject not recognised: Қағида"),
    ],
)
def test_unparsed_notes_keep_text_and_reason(text: str, reason: str) -> None:
    assert parse_note(text) == UnparsedNote(" ".join(text.split()), reason)


@pytest.mark.parametrize(("language", "text", "said"), [
    ("ru", "Сноска. Пункт 1 в редакции приказа Министра РК от 01.02.2016 № 45; пункт 2 исключен.",
     "несколько действий: исключено, изложено в новой редакции"),
    ("kk", "Ескерту. Қағида жаңа редакцияда - ҚР Үкіметінің 11.02.2019 № 50 қаулысымен.",
     "өзгертілетін бөлік танылмады: Қағида"),
    ("ru", "Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015", "нет вида акта"),
    ("en", "Сноска. Пункт 1 в редакции приказа Министра РК от 01.02.2016 № 45; пункт 2 исключен.",
     "several actions: excluded, new wording"),
])
def test_why_a_note_was_not_read_is_told_in_the_interface_language(language: str, text: str, said: str) -> None:
    from amendtrack.i18n import interface_language
    from amendtrack.parse.notes import reason_message

    note = parse_note(text)
    assert isinstance(note, UnparsedNote)
    with interface_language(language):
        assert reason_message(note.reason).translated() == said  # the found text as printed


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    result = parse_note(text)
    assert isinstance(result, (AmendmentEvent, Remark, UnparsedNote))
    if isinstance(result, UnparsedNote):
        assert not result.reason.startswith("internal error"), result


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "Ескерту.", "Сноска.", "Күші жойылды", "-", "–", "ҚР", "Ішкі істер министрінің", "16.11.2015", "№", "N",
    "927", "бұйрығымен", "приказом", "от", "(", ")", "«", "»", "1-тармақ", "Пункт", "1)", "тармақшасы",
    "жаңа редакцияда", "в редакции", "2015 жылғы 16 қарашадағы", "\n", " ",
])).map(" ".join))
def test_never_raises_on_note_like_text(text: str) -> None:
    result = parse_note(text)
    if isinstance(result, UnparsedNote):
        assert not result.reason.startswith("internal error"), result


# ---------------------------------------------------------------- effective dates


def test_effective_date_with_ten_day_rule() -> None:
    e = event(f"Сноска. Утратил силу приказом Министра внутренних дел РК от 16.11.2015 № 927 ({RU_TEN_DAYS}).")
    assert e.effective_date() == LegalDate.unknown(
        after=date(2015, 11, 16), rule=TEN_DAYS_AFTER_PUBLICATION,
        basis="publication follows the act of 2015-11-16",
    )


def test_effective_date_without_a_clause_is_only_bounded() -> None:
    e = event("Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927 бұйрығымен.")
    d = e.effective_date()
    assert not d.is_known
    assert (d.not_before, d.lower_exclusive, d.not_after, d.rule) == (date(2015, 11, 16), False, None, None)


def test_effective_date_with_an_unrecognised_clause_has_no_bounds() -> None:
    e = event("Сноска. Пункт 1 - в редакции приказа Министра РК от 01.02.2016 № 45 (вводится в действие с 01.01.2016).")
    assert e.effective == "вводится в действие с 01.01.2016"
    d = e.effective_date()
    assert (d.value, d.not_before, d.not_after) == (None, None, None)


# ---------------------------------------------------------------- splitting


def test_split_notes() -> None:
    block = (
        "      Ескерту. 1-тармақ жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12\n"
        "бұйрығымен. Ескерту. 3-тармақ алып тасталды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.\n"
        "      РҚАО ескертпесі. Мәтін.\n"
        "Cноска. Утратил силу приказом Министра РК от 01.02.2016 № 45."
    )
    assert split_notes(block) == (
        "Ескерту. 1-тармақ жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12\nбұйрығымен.",
        "Ескерту. 3-тармақ алып тасталды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.",
        "РҚАО ескертпесі. Мәтін.",
        "Cноска. Утратил силу приказом Министра РК от 01.02.2016 № 45.",
    )
    kinds = [type(parse_note(n)).__name__ for n in split_notes(block)]
    assert kinds == ["AmendmentEvent", "AmendmentEvent", "Remark", "AmendmentEvent"]


def test_split_notes_keeps_leading_text_and_the_seed_note_whole(seed_lines: list[str]) -> None:
    assert split_notes("Алдыңғы мәтін.\nЕскерту. X") == ("Алдыңғы мәтін.", "Ескерту. X")
    assert split_notes("") == ()
    seed_note = "\n".join(seed_lines[10:12])
    assert split_notes(seed_note) == (seed_note.strip(),)


def test_starts_note(seed_lines: list[str]) -> None:
    assert starts_note(seed_lines[10])
    assert not starts_note(seed_lines[11])  # "жылғы  бұйрығымен.№ 927"
    assert starts_note("Cноска. …") and starts_note("Примечание ИЗПИ!")
    assert not starts_note("Ескерту: кестеде …")  # a table footnote, not a publisher's note
