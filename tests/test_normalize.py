"""Each normalisation step on its own: what it does, and that it is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.normalize import (
    clean_line,
    collapse_letter_spacing,
    comparable,
    ensure_final_newline,
    join_lines,
    normalize_source,
    scrub_controls,
    strip_trailing_space,
    tidy_spacing,
    unify_newlines,
    unify_spaces,
    words,
)
from amendtrack.residue import rejoin_split_words

KAZAKH = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВӘҒҚҢӨҰҮҺІ"
text_strategy = st.text(alphabet=KAZAKH + " \t\r\n\u00a0\ufeff.,;:()«»–-1234567890", max_size=200)


@pytest.mark.parametrize(
    ("step", "raw", "expected"),
    [
        (unify_newlines, "а\r\nә\rб\n", "а\nә\nб\n"),
        (scrub_controls, "\ufeffа\x00ә\u200bб\x07", "аәб"),
        (unify_spaces, "а\tә\u00a0б", "а ә б"),
        (strip_trailing_space, "а  \nә \n", "а\nә\n"),
        (ensure_final_newline, "а\n\n\n", "а\n"),
        (ensure_final_newline, "", ""),
    ],
)
def test_steps(step, raw: str, expected: str) -> None:
    assert step(raw) == expected
    assert step(step(raw)) == step(raw)


def test_normalize_source_keeps_line_count_and_composes_nfd() -> None:
    nfd = "Қазақстан\r\nРеспубликасы  \r\n\r\nй"  # "й" below is NFD: и + combining breve
    nfd = nfd.replace("й", "и\u0306")
    out = normalize_source(nfd)
    assert out == "Қазақстан\nРеспубликасы\n\nй\n"
    assert out.count("\n") == nfd.count("\r\n") + 1


@given(text_strategy)
@settings(max_examples=300)
def test_normalize_source_idempotent(raw: str) -> None:
    once = normalize_source(raw)
    assert normalize_source(once) == once
    assert "\r" not in once and "\t" not in once and "\u00a0" not in once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("к е м  е м е с ;", "кем емес;"),  # seed line 106
        ("а я қ т а у ы ;", "аяқтауы;"),  # 114
        ("4 )  ғ ы л ы м и  д ә р е ж е с і н і ң  б о л у ы .  ", "4) ғылыми дәрежесінің болуы."),  # 4541
        ("      1 .  Қ о с а  б е р і л і п  о т ы р ғ а н :", "1. Қоса беріліп отырған:"),  # 19
        ("1)  мемлекеттік қызмет өтілі  үш", "1) мемлекеттік қызмет өтілі үш"),  # doubled spaces, 3054
        ("жылдан к е м  е м е с ;", "жылдан кем емес;"),  # a spaced run inside a chunk
        ("Төтенше жағдайлар министрі                             В. Божко", "Төтенше жағдайлар министрі В. Божко"),
        ("С-3 санаты", "С-3 санаты"),
        ("б ір  жылдан", "б ір жылдан"),  # residue: needs the document's words (rejoin_split_words)
    ],
)
def test_collapse_letter_spacing(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected
    assert collapse_letter_spacing(collapse_letter_spacing(raw)) == collapse_letter_spacing(raw)


def test_rejoin_split_words_needs_the_document_to_vouch() -> None:
    vocabulary = frozenset({"бір", "жылдан"})
    assert rejoin_split_words("басшылық лауазымдарда б ір жылдан", vocabulary) == "басшылық лауазымдарда бір жылдан"
    # Russian one-letter words stay when the document uses them as words.
    assert rejoin_split_words("с ним", frozenset({"сним", "с"})) == "с ним"
    assert rejoin_split_words("б ір", frozenset()) == "б ір"


def test_join_lines_spacing_rules() -> None:
    assert join_lines(["Жоғары оқу орындарынан кейінгі", "к е м  е м е с ;"]) == "Жоғары оқу орындарынан кейінгі кем емес;"
    assert join_lines(["жұмыстарды ұйымдастыру", ": Қазақстан"]) == "жұмыстарды ұйымдастыру: Қазақстан"
    assert join_lines(["туралы», «", "Сыбайлас"]) == "туралы», «Сыбайлас"
    assert join_lines(["құқық қорғ", "органдарына"]) == "құқық қорғ органдарына"  # a word cut by the PDF stays cut
    assert join_lines(["", "  а  ", ""]) == "а"


def test_tidy_spacing_keeps_scrambled_runs_and_dashes() -> None:
    assert tidy_spacing("«Қазақстан – 2050»") == "«Қазақстан – 2050»"
    assert tidy_spacing("туралы , , , » «Сыбайлас") == "туралы,,,» «Сыбайлас"
    assert tidy_spacing("Республикасының ,Президенті") == "Республикасының ,Президенті"
    assert tidy_spacing(tidy_spacing("а ( б ) ;")) == tidy_spacing("а ( б ) ;")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("к е м  е м е с ;", "кем емес;"),
        ("«Қазақстан – 2050»", '"Қазақстан - 2050"'),
        ("Cыбайлас жемқорлыққа", "Сыбайлас жемқорлыққа"),  # Latin C
        ("бiлiм", "білім"),  # Latin i
        ("мемлекеттік\nқызмет", "мемлекеттік қызмет"),
        ("кем емес ;", "кем емес;"),
        ("й", "и\u0306"),
    ],
)
def test_comparable_folds_editorial_differences(a: str, b: str) -> None:
    assert comparable(a) == comparable(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("үш жылдан", "екі жылдан"), ("немеес", "немесе"), ("Word", "Ward"), ("С-4", "С-3")],
)
def test_comparable_keeps_real_differences(a: str, b: str) -> None:
    assert comparable(a) != comparable(b)


def test_comparable_keeps_latin_words() -> None:
    assert comparable("Word, Excel") == "Word, Excel"


@given(text_strategy)
@settings(max_examples=300)
def test_comparable_idempotent(raw: str) -> None:
    assert comparable(comparable(raw)) == comparable(raw)


def test_words_fold_lookalikes() -> None:
    assert words("Cыбайлас Word 2050") == ["Сыбайлас", "Word", "2050"]
