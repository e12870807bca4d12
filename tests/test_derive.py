"""Deriving the original edition from the published repealed text."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.errors import InputError
from amendtrack.history.derive import derive_original

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "V1400009344" / "kk"
PUBLISHED = CORPUS / "2015-11-16.txt"
ORIGINAL = CORPUS / "2014-04-09.txt"


def read(path: Path) -> str:
    # newline="" keeps the bytes: the derived file must match byte for byte.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


# ---------------------------------------------------------------- the seed


def test_committed_original_is_reproducible() -> None:
    assert derive_original(read(PUBLISHED)).encode("utf-8") == ORIGINAL.read_bytes()


def test_only_the_repeal_annotations_are_removed() -> None:
    published = read(PUBLISHED).split("\n")
    original = read(ORIGINAL).split("\n")
    matcher = difflib.SequenceMatcher(None, published, original, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    # Line 6 goes; lines 9-12 become the registration sentence alone.
    assert changes == [("delete", 5, 6, 5, 5), ("replace", 8, 12, 7, 8)]
    assert published[5:6] == ["Күшін жойған"]
    assert published[8:12] == [
        "18 сәуірде № 9344 тіркелді. Күші жойылды - Казақстан Республикасы Ішкі істер ",
        "министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен",
        "      Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015 ",
        "жылғы  бұйрығымен.№ 927",
    ]
    assert original[7:8] == ["18 сәуірде № 9344 тіркелді."]
    assert len(published) - len(original) == 4


def test_header_of_the_original_reads_as_before_the_repeal() -> None:
    head = read(ORIGINAL).split("\n")[:12]
    assert head[4:8] == [
        "",
        "Қазақстан Республикасы Төтенше жағдайлар министрінің 2014 жылғы 9 сәуірдегі",
        "№ 161 бұйрығы. Қазақстан Республикасының Әділет министрлігінде 2014 жылы ",
        "18 сәуірде № 9344 тіркелді.",
    ]
    assert head[8].startswith("      «Мемлекеттік қызмет туралы»")  # the preamble follows at once


def test_deriving_again_is_a_no_op() -> None:
    original = read(ORIGINAL)
    assert derive_original(original) == original
    assert derive_original(derive_original(read(PUBLISHED))) == original


# ---------------------------------------------------------------- general rules

RU_PUBLISHED = """
Об утверждении квалификационных требований

Утратил силу
Приказ Министра по чрезвычайным ситуациям Республики Казахстан от 9 апреля
2014 года № 161. Зарегистрирован в Министерстве юстиции Республики Казахстан
18 апреля 2014 года № 9344. Утратил силу приказом Министра внутренних дел
Республики Казахстан от 16 ноября 2015 года № 927
      Сноска. Утратил силу приказом Министра внутренних дел РК от 16.11.2015 № 927
(вводится в действие по истечении десяти календарных дней после дня его
первого официального опубликования).
      В соответствии с законом ПРИКАЗЫВАЮ:
      1. Утвердить требования.
"""

RU_ORIGINAL = """
Об утверждении квалификационных требований

Приказ Министра по чрезвычайным ситуациям Республики Казахстан от 9 апреля
2014 года № 161. Зарегистрирован в Министерстве юстиции Республики Казахстан
18 апреля 2014 года № 9344.
      В соответствии с законом ПРИКАЗЫВАЮ:
      1. Утвердить требования.
"""


def test_russian_edition() -> None:
    assert derive_original(RU_PUBLISHED) == RU_ORIGINAL
    assert derive_original(RU_ORIGINAL) == RU_ORIGINAL


def test_sentence_starting_a_line_removes_the_line() -> None:
    text = (
        "Тақырып\n\nКүшін жойған\nҚР Еңбек министрінің 2014 жылғы 9 сәуірдегі № 161 бұйрығы.\n"
        "Күші жойылды - ҚР Ішкі істер министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен\n"
        "      Кіріспе.\n"
    )
    assert derive_original(text) == (
        "Тақырып\n\nҚР Еңбек министрінің 2014 жылғы 9 сәуірдегі № 161 бұйрығы.\n      Кіріспе.\n"
    )


def test_status_line_between_blank_lines_keeps_one_blank() -> None:
    text = "Тақырып\n\nКүшін жойған\n\nМәтін.\n"
    assert derive_original(text) == "Тақырып\n\nМәтін.\n"


def test_note_without_indentation_stops_where_it_reads_whole() -> None:
    # No indentation at all: the following paragraph is not taken for the note.
    text = (
        "Тақырып\n"
        "Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927\n"
        "бұйрығымен.\n"
        "Қазақстан Республикасының 1999 жылғы 23 шілдедегі Заңына сәйкес БҰЙЫРАМЫН:\n"
    )
    assert derive_original(text) == (
        "Тақырып\nҚазақстан Республикасының 1999 жылғы 23 шілдедегі Заңына сәйкес БҰЙЫРАМЫН:\n"
    )


def test_repeal_words_inside_a_sentence_are_kept() -> None:
    # A preamble that repeals another act is text of the order, not an annotation.
    text = (
        "Тақырып\nҚР Еңбек министрінің 2014 жылғы 9 сәуірдегі № 161 бұйрығы.\n"
        "      «Бір нәрсе туралы» 2010 жылғы 1 наурыздағы № 5 бұйрықтың күші жойылды деп танылсын.\n"
        "      БҰЙЫРАМЫН:\n"
    )
    assert derive_original(text) == text


def test_institute_remarks_stay() -> None:
    text = "Тақырып\n      РҚАО ескертпесі. Мәтінде авторлық орфография сақталған.\nМәтін.\n"
    assert derive_original(text) == text


def test_a_body_line_reading_like_a_status_is_kept() -> None:
    text = "Тақырып\n      БҰЙЫРАМЫН:\n      1. Бірінші.\nКүшін жойған\n"
    assert derive_original(text) == text


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "Тақырып\n      Ескерту. 1-тармақ жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.\n",
            2,
            "new_wording point_1",
        ),
        ("Тақырып\n      Ескерту. Бұйрықтың күші жойылды.\n", 2, "no act type"),
        (
            "Тақырып\n      Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927\n"
            "бұйрығымен. Ескерту. 1-тармақ алып тасталды - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.\n",
            2,
            "several notes in one paragraph",
        ),
    ],
)
def test_other_notes_refuse_derivation(text: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as info:
        derive_original(text, source="x.txt")
    assert info.value.path == "x.txt"
    assert info.value.line == line
    assert words in info.value.problem


def test_unreadable_repeal_sentence_is_an_error() -> None:
    text = "Тақырып\nҚР Еңбек министрінің 2014 жылғы 9 сәуірдегі № 161 бұйрығы. Күші жойылды - бір бұйрықпен\n"
    with pytest.raises(InputError, match="repeal sentence that cannot be read") as info:
        derive_original(text)
    assert info.value.line == 2


def test_sentence_and_note_citing_different_acts_is_an_error() -> None:
    text = (
        "Тақырып\nҚР Еңбек министрінің 2014 жылғы 9 сәуірдегі № 161 бұйрығы. Күші жойылды - ҚР Ішкі істер\n"
        "министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен\n"
        "      Ескерту. Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 928 бұйрығымен.\n"
    )
    with pytest.raises(InputError, match="cite different acts"):
        derive_original(text)


def test_text_without_annotations_is_unchanged() -> None:
    text = "\nТақырып \n\nМәтін  \n \n"
    assert derive_original(text) == text


# ---------------------------------------------------------------- the command


def derive_command(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["derive", *args])
    return result.exit_code, result.stderr


def test_command_writes_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "original.txt"
    assert derive_command(str(PUBLISHED), "-o", str(out)) == (0, "")
    assert out.read_bytes() == ORIGINAL.read_bytes()


def test_command_reports_input_problems_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    missing = tmp_path / "missing.txt"
    assert derive_command(str(missing), "-o", str(out)) == (2, f"Error: {missing}: no such file\n")

    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    assert derive_command(str(binary), "-o", str(out)) == (
        2, f"Error: {binary}: is not UTF-8 text (invalid start byte at byte 0)\n")

    amended = tmp_path / "amended.txt"
    amended.write_text("Т\n      Ескерту. 1-тармақ жаңа редакцияда - ҚР Еңбек министрінің 05.03.2016 № 12 бұйрығымен.\n",
                       encoding="utf-8")
    code, err = derive_command(str(amended), "-o", str(out))
    assert (code, err.count("\n")) == (2, 1) and err.startswith(f"Error: {amended}:2: note is not a repeal")
    assert not out.exists()
