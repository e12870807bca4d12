"""Tests for amendtrack.compare.textdiff: word diffs, similarity and kinds of change.

Expected span lists were worked out by hand from the tokenisation (words,
whitespace runs, single other characters) and checked against the code, not the
other way round.  Sentences come from the seed edition (corpus/V1400009344).
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.compare import textdiff
from amendtrack.compare.textdiff import (
    Op,
    change_kind,
    is_editorial,
    is_reordering,
    is_small_edit,
    new_text,
    old_text,
    word_diff,
)
from amendtrack.compare.similarity import quick_ratio_bound, similarity
from amendtrack.compare.span_text import render_ops_ansi, render_ops_marked

D, E, I = Op.DELETE, Op.EQUAL, Op.INSERT

# No example database (nothing written next to the repository) and no deadline
# (a slow CI machine must not fail a correct test).
PROPERTY = settings(database=None, deadline=None, max_examples=300)

# ---------------------------------------------------------------- word_diff: exact spans


def test_number_word_changed() -> None:
    assert word_diff(
        "мемлекеттік қызмет өтілі үш жылдан кем емес;",
        "мемлекеттік қызмет өтілі екі жылдан кем емес;",
    ) == (
        (E, "мемлекеттік қызмет өтілі "),
        (D, "үш"),
        (I, "екі"),
        (E, " жылдан кем емес;"),
    )


def test_inserted_word_takes_its_trailing_space() -> None:
    # dmp's lossless step breaks ties towards trailing whitespace, as git does.
    assert word_diff(
        "жұмыс өтілі екі жылдан кем емес;",
        "жұмыс өтілі кемінде екі жылдан кем емес;",
    ) == ((E, "жұмыс өтілі "), (I, "кемінде "), (E, "екі жылдан кем емес;"))


def test_deleted_word() -> None:
    assert word_diff(
        "жұмыс өтілі кемінде екі жылдан кем емес;",
        "жұмыс өтілі екі жылдан кем емес;",
    ) == ((E, "жұмыс өтілі "), (D, "кемінде "), (E, "екі жылдан кем емес;"))


def test_two_changes_keep_the_word_between_them() -> None:
    # The equality " жылдан " is three tokens against one-token edits: kept.
    assert word_diff("үш жылдан кем емес", "екі жылдан артық емес") == (
        (D, "үш"),
        (I, "екі"),
        (E, " жылдан "),
        (D, "кем"),
        (I, "артық"),
        (E, " емес"),
    )


def test_lone_space_between_changes_is_absorbed() -> None:
    # Semantic cleanup: a one-token equality between one-token edits is noise,
    # so "кем емес" is replaced as a phrase, not as [-кем-]{+артық+} [-емес-]{+болмауы+}.
    assert word_diff("бір жылдан кем емес;", "бір жылдан артық болмауы;") == (
        (E, "бір жылдан "),
        (D, "кем емес"),
        (I, "артық болмауы"),
        (E, ";"),
    )


def test_typo_fix_replaces_the_whole_word() -> None:
    assert word_diff(
        "экономика және бизнес немеес құқық саласында",
        "экономика және бизнес немесе құқық саласында",
    ) == (
        (E, "экономика және бизнес "),
        (D, "немеес"),
        (I, "немесе"),
        (E, " құқық саласында"),
    )


def test_latin_lookalike_is_a_change_of_the_raw_text() -> None:
    # word_diff shows the text as printed; is_editorial is what says it does not matter.
    assert word_diff("«Cыбайлас жемқорлыққа", "«Сыбайлас жемқорлыққа") == (
        (E, "«"),
        (D, "Cыбайлас"),
        (I, "Сыбайлас"),
        (E, " жемқорлыққа"),
    )


def test_punctuation_is_its_own_token() -> None:
    assert word_diff("кем емес;", "кем емес.") == ((E, "кем емес"), (D, ";"), (I, "."))


def test_decomposed_letter_does_not_split_a_word() -> None:
    # "й" as "и" + COMBINING BREVE: the mark belongs to the word.
    old, new = "ми\u0306ын", "ми\u0306ыз"
    assert word_diff(old, new) == ((D, old), (I, new))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", ()),
        ("кем емес;", "кем емес;", ((E, "кем емес;"),)),
        ("", "кем емес;", ((I, "кем емес;"),)),
        ("кем емес;", "", ((D, "кем емес;"),)),
    ],
)
def test_trivial_inputs(old: str, new: str, expected: tuple[tuple[Op, str], ...]) -> None:
    assert word_diff(old, new) == expected


def test_spans_use_the_op_enum() -> None:
    assert all(isinstance(op, Op) for op, _ in word_diff("үш жыл", "екі жыл"))


# ---------------------------------------------------------------- word_diff: properties

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LOOKALIKES = "ACEHKMOPTXaceopxi"
PUNCTUATION = ".,;:()«»\"'-–—/№"
ALPHABET = KAZAKH + KAZAKH.upper()[:10] + LOOKALIKES + "0123" + PUNCTUATION + "  \n"

VOCABULARY = [
    "ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і",
    "кем", "емес", "үш", "екі", "жылдан", "жылдың", "немесе", "немеес", "өтілі",
    "мемлекеттік", "Cыбайлас", "Сыбайлас", "5-1-тармақ", "2050",
]
SEPARATORS = [" ", "  ", "\n", ", ", ";", ".", " – ", " - ", "«", "»", '"', ""]

raw_text = st.text(alphabet=ALPHABET, max_size=80)
# Texts built from a small vocabulary share many words, which gives the diff
# something to align; an empty separator glues two words into a longer one.
vocab_text = st.lists(st.sampled_from(VOCABULARY + SEPARATORS), max_size=40).map("".join)
any_text = st.one_of(raw_text, vocab_text)


@st.composite
def _edited_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy with up to three pieces replaced: close pairs, like editions."""
    pieces = draw(st.lists(st.sampled_from(VOCABULARY + SEPARATORS), max_size=30))
    edited = list(pieces)
    for _ in range(draw(st.integers(0, 3))):
        if edited:
            edited[draw(st.integers(0, len(edited) - 1))] = draw(st.sampled_from(VOCABULARY + SEPARATORS))
    return "".join(pieces), "".join(edited)


text_pairs = st.one_of(st.tuples(any_text, any_text), _edited_pair())

_WORD_CHAR = re.compile(r"\w")


def _boundaries(spans: tuple[tuple[Op, str], ...], side: Op) -> list[int]:
    """Offsets in the old (side=DELETE) or new (side=INSERT) text where spans meet."""
    offsets, at = [], 0
    for op, text in spans:
        if op in (E, side):
            at += len(text)
        offsets.append(at)
    return offsets


def _inside_word(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and bool(
        _WORD_CHAR.match(text[offset - 1]) and _WORD_CHAR.match(text[offset])
    )


@PROPERTY
@given(text_pairs)
def test_spans_rebuild_both_texts(pair: tuple[str, str]) -> None:
    old, new = pair
    spans = word_diff(old, new)
    assert old_text(spans) == old
    assert new_text(spans) == new


@PROPERTY
@given(text_pairs)
def test_spans_are_merged(pair: tuple[str, str]) -> None:
    old, new = pair
    spans = word_diff(old, new)
    assert all(text for _, text in spans)
    for (op1, _), (op2, _) in zip(spans, spans[1:]):
        assert op1 != op2
        assert (op1, op2) != (I, D), "a run of changes is DELETE then INSERT"


@PROPERTY
@given(text_pairs)
def test_spans_never_start_or_end_inside_a_word(pair: tuple[str, str]) -> None:
    old, new = pair
    spans = word_diff(old, new)
    for offset in _boundaries(spans, D):
        assert not _inside_word(old, offset), (old, offset, spans)
    for offset in _boundaries(spans, I):
        assert not _inside_word(new, offset), (new, offset, spans)


@PROPERTY
@given(vocab_text)
def test_identical_texts_are_one_equal_span(text: str) -> None:
    assert word_diff(text, text) == (((E, text),) if text else ())


def test_codes_continue_after_the_bmp_private_use_area() -> None:
    assert textdiff._code_char(0) == "\ue000"
    assert textdiff._code_char(6399) == "\uf8ff"
    assert textdiff._code_char(6400) == "\U000f0000"
    assert textdiff._code_char(6400 + 65534) == "\U00100000"


def test_more_distinct_tokens_than_the_bmp_private_use_area() -> None:
    # 7,000 distinct words plus the space: "сөз6500" is the 6,502nd distinct
    # token, so its code comes from plane 15.
    old = " ".join(f"сөз{i}" for i in range(7000))
    new = old.replace(" сөз6500 ", " жаңа ")
    head, tail = old.split("сөз6500")
    assert word_diff(old, new) == ((E, head), (D, "сөз6500"), (I, "жаңа"), (E, tail))


def test_too_many_distinct_tokens_is_an_error() -> None:
    old = " ".join(f"ж{i}" for i in range(140_000))
    with pytest.raises(ValueError, match="too many distinct tokens"):
        word_diff(old, "кем емес")


def test_ten_thousand_words_complete() -> None:
    rng = random.Random(20151116)
    old_words = [rng.choice(VOCABULARY[9:]) for _ in range(10_000)]
    new_words = list(old_words)
    for index in rng.sample(range(10_000), 100):
        new_words[index] = "өзгерді"
    old, new = " ".join(old_words), " ".join(new_words)
    spans = word_diff(old, new)
    assert old_text(spans) == old and new_text(spans) == new
    assert sum(1 for op, _ in spans if op == I) <= 100
    assert 0.98 <= similarity(old, new) < 1.0
    assert change_kind(old, new) == "substantive"


# ---------------------------------------------------------------- determinism

DETERMINISM_PAIRS = [
    ("мемлекеттік қызмет өтілі үш жылдан кем емес;", "мемлекеттік қызмет өтілі екі жылдан кем емес;"),
    ("Стратегиясы: жаңа саяси бағыты  білуі.стратегиясын", "Стратегиясы: жаңа саяси бағыты стратегиясын білуі."),
    ("үш жылдан кем емес, екі жылдан кем емес", "екі жылдан кем емес, үш жылдан кем емес; немесе"),
]

_DETERMINISM_SCRIPT = """
import sys
from amendtrack.compare.similarity import similarity
from amendtrack.compare.textdiff import change_kind, word_diff
from tests.test_textdiff import DETERMINISM_PAIRS
for old, new in DETERMINISM_PAIRS:
    print(repr(word_diff(old, new)), repr(similarity(old, new)), change_kind(old, new))
"""


def _summary() -> str:
    return "".join(
        f"{word_diff(o, n)!r} {similarity(o, n)!r} {change_kind(o, n)}\n" for o, n in DETERMINISM_PAIRS
    )


def test_repeated_calls_agree() -> None:
    assert _summary() == _summary()


@pytest.mark.parametrize("seed", ["0", "4242"])
def test_results_do_not_depend_on_hash_seed(seed: str) -> None:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
    run = subprocess.run(
        [sys.executable, "-c", _DETERMINISM_SCRIPT],
        cwd=root, env=env, capture_output=True, text=True, check=True,
    )
    assert run.stdout == _summary()


# ---------------------------------------------------------------- similarity


def _lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _words(text: str) -> list[str]:
    from amendtrack.normalize import comparable, words

    return words(comparable(text))


def test_similarity_of_a_number_change() -> None:
    # Seven words each, six of them in common: 2 * 6 / 14.
    old = "мемлекеттік қызмет өтілі үш жылдан кем емес;"
    new = "мемлекеттік қызмет өтілі екі жылдан кем емес;"
    assert similarity(old, new) == pytest.approx(6 / 7)
    assert quick_ratio_bound(old, new) == pytest.approx(6 / 7)


def test_similarity_of_a_reordering() -> None:
    # Same three words; the longest common subsequence is two of them.
    old, new = "жылғы  бұйрығымен.№ 927", "жылғы № 927 бұйрығымен."
    assert similarity(old, new) == pytest.approx(2 / 3)
    assert quick_ratio_bound(old, new) == 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "", 1.0),
        (";", "", 1.0),
        ("кем емес", "", 0.0),
        ("кем емес;", "к е м  е м е с .", 1.0),
        ("Cыбайлас жемқорлыққа", "Сыбайлас жемқорлыққа", 1.0),
        ("үш жыл", "екі ай", 0.0),
    ],
)
def test_similarity_edge_cases(a: str, b: str, expected: float) -> None:
    assert similarity(a, b) == expected


@PROPERTY
@given(vocab_text, vocab_text)
def test_similarity_is_the_word_lcs_ratio(a: str, b: str) -> None:
    wa, wb = _words(a), _words(b)
    expected = 1.0 if not wa and not wb else 2 * _lcs(wa, wb) / (len(wa) + len(wb))
    assert similarity(a, b) == pytest.approx(expected)
    assert similarity(b, a) == pytest.approx(expected)
    assert 0.0 <= similarity(a, b) <= quick_ratio_bound(a, b) + 1e-12 <= 1.0 + 1e-12


@PROPERTY
@given(vocab_text, vocab_text)
def test_similarity_counts_what_a_minimal_dmp_word_diff_keeps(a: str, b: str) -> None:
    # The documented meaning: the EQUAL words of dmp's (minimal) diff of the word sequences.
    wa, wb = _words(a), _words(b)
    codes: dict[str, str] = {}
    for w in wa + wb:
        codes.setdefault(w, chr(0xE000 + len(codes)))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main("".join(codes[w] for w in wa), "".join(codes[w] for w in wb), False)
    kept = sum(len(text) for op, text in diffs if op == 0)
    expected = 1.0 if not wa and not wb else 2 * kept / (len(wa) + len(wb))
    assert similarity(a, b) == pytest.approx(expected)


# ---------------------------------------------------------------- kinds of change

EDITORIAL = [
    pytest.param("к е м  е м е с ;", "кем емес;", id="letter-spaced"),
    pytest.param("екі жылдан\nк е м  е м е с ;", "екі жылдан кем емес;", id="letter-spaced-tail"),
    pytest.param("«Cыбайлас жемқорлыққа қарсы күрес туралы»", "«Сыбайлас жемқорлыққа қарсы күрес туралы»", id="latin-C"),
    pytest.param("«Қазақстан – 2050» Стратегиясы", "«Қазақстан - 2050» Стратегиясы", id="en-dash"),
    pytest.param("«Мемлекеттік қызмет туралы» Заңы", '"Мемлекеттік қызмет туралы" Заңы', id="quotes"),
    pytest.param("өтілі  екі  жылдан кем емес ;", "өтілі екі жылдан кем емес;", id="spacing"),
]


@pytest.mark.parametrize(("old", "new"), EDITORIAL)
def test_editorial(old: str, new: str) -> None:
    assert is_editorial(old, new)
    assert not is_reordering(old, new)
    assert not is_small_edit(old, new)
    assert change_kind(old, new) == "editorial"


REORDERINGS = [
    pytest.param(
        "Стратегиясы: қалыптасқан мемлекеттің жаңа саяси бағыты  білуі.стратегиясын",
        "Стратегиясы: қалыптасқан мемлекеттің жаңа саяси бағыты стратегиясын білуі.",
        id="competence-tail",
    ),
    pytest.param("жылғы  бұйрығымен.№ 927", "жылғы № 927 бұйрығымен.", id="note-number"),
    pytest.param(
        "Заңының 13-бабының , «Мемлекеттік қызметшілер 5-тармағына",
        "Заңының 13-бабының 5-тармағына, «Мемлекеттік қызметшілер",
        id="preamble",
    ),
    pytest.param(
        "с а я с и  б а ғ ы т ы   б і л у і .с т р а т е г и я с ы н",
        "саяси бағыты стратегиясын білуі.",
        id="letter-spaced",
    ),
]


@pytest.mark.parametrize(("old", "new"), REORDERINGS)
def test_reordering(old: str, new: str) -> None:
    assert not is_editorial(old, new)
    assert is_reordering(old, new)
    assert change_kind(old, new) == "reordering"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("кем емес;", "кем емес.", id="punctuation-only"),
        pytest.param("үш жылдан кем емес", "жылдан кем емес үш өтілі", id="word-added"),
        pytest.param("үш жылдан кем емес", "үш жылдан үш кем емес", id="word-repeated"),
        pytest.param("кем емес", "кем емес", id="identical"),
    ],
)
def test_not_reordering(old: str, new: str) -> None:
    assert not is_reordering(old, new)


SMALL = [
    pytest.param("бизнес немеес құқық саласында", "бизнес немесе құқық саласында", id="swap-немеес"),
    pytest.param("Минитсрге келіп түсетін", "Министрге келіп түсетін", id="swap-Минитсрге"),
    pytest.param("Функионалдық міндеттері", "Функционалдық міндеттері", id="missing-letter"),
    pytest.param("техниалық ғылымдар", "техникалық ғылымдар", id="missing-letter-2"),
    pytest.param("мемлекеттiк кызмет", "мемлекеттік қызмет", id="lookalike-and-kazakh-letter"),
    pytest.param("кем емес;", "кем емес.", id="last-item-punctuation"),
    pytest.param("немеес құқық, Минитсрге", "немесе құқық, Министрге", id="two-typos"),
    pytest.param("министрге келіп", "Министрге келіп", id="capitalisation"),
    pytest.param("ғылым,экономика", "ғылым, экономика", id="space-after-comma"),
]


@pytest.mark.parametrize(("old", "new"), SMALL)
def test_small_edit(old: str, new: str) -> None:
    assert is_small_edit(old, new)
    assert change_kind(old, new) == "small"


NOT_SMALL = [
    pytest.param("өтілі үш жылдан кем емес;", "өтілі екі жылдан кем емес;", id="number-word"),
    pytest.param("өтілі 3 жылдан кем емес;", "өтілі 5 жылдан кем емес;", id="digit"),
    pytest.param("өтілі үш жылдан кем емес;", "өтілі үш жылдың кем емес;", id="case-ending"),
    pytest.param("талап етіледі", "талап етілмейді", id="negation"),
    pytest.param("үш жылдан кем емес;", "үш жылдан кем емес; немесе", id="word-added"),
    pytest.param("бір жылдан", "бар жылдан", id="short-word"),
    pytest.param("немеес құқық, Минитсрге, Функионалдық", "немесе құқық, Министрге, Функционалдық", id="three-typos"),
    pytest.param("кем емес;", "кем емес!!!", id="three-marks"),
    pytest.param("өтілі жылдан", "өтілі айдан", id="different-word"),
]


@pytest.mark.parametrize(("old", "new"), NOT_SMALL)
def test_not_small_edit(old: str, new: str) -> None:
    assert not is_small_edit(old, new)
    assert change_kind(old, new) == "substantive"


@PROPERTY
@given(_edited_pair(), st.integers(0, 3))
def test_small_edit_shortcut_never_changes_the_answer(pair: tuple[str, str], budget: int) -> None:
    # is_small_edit rejects most pairs from token counts before diffing; the
    # answer must be the one the diff alone would give.
    old, new = pair
    with mock.patch.object(textdiff, "_token_change_floor", lambda *_: 0):
        expected = is_small_edit(old, new, budget)
    assert is_small_edit(old, new, budget) == expected


def test_max_letters_is_a_total_budget() -> None:
    old, new = "немеес құқық, Минитсрге, Функионалдық", "немесе құқық, Министрге, Функционалдық"
    assert is_small_edit(old, new, max_letters=3)
    assert not is_small_edit("немеес", "немесе", max_letters=0)
    # However large the budget, one word takes one slip: a case ending is not a typo.
    assert not is_small_edit("жылдан", "жылдың", max_letters=10)


@PROPERTY
@given(text_pairs)
def test_change_kind_agrees_with_the_predicates(pair: tuple[str, str]) -> None:
    old, new = pair
    kind = change_kind(old, new)
    flags = {
        "editorial": is_editorial(old, new),
        "reordering": is_reordering(old, new),
        "small": is_small_edit(old, new),
    }
    assert kind == next((k for k, flag in flags.items() if flag), "substantive")


# ---------------------------------------------------------------- rendering

SPANS = word_diff("өтілі үш жылдан кем емес;", "өтілі екі жылдан кем емес.")


def test_render_marked() -> None:
    assert render_ops_marked(SPANS) == "өтілі [-үш-]{+екі+} жылдан кем емес[-;-]{+.+}"


def test_render_ansi() -> None:
    assert render_ops_ansi(SPANS) == (
        "өтілі \x1b[31;9mүш\x1b[0m\x1b[32;4mекі\x1b[0m жылдан кем емес"
        "\x1b[31;9m;\x1b[0m\x1b[32;4m.\x1b[0m"
    )


def test_render_ansi_styles_each_line_separately() -> None:
    assert render_ops_ansi(((E, "а "), (I, "б\nв"), (D, "г\n"))) == (
        "а \x1b[32;4mб\x1b[0m\n\x1b[32;4mв\x1b[0m\x1b[31;9mг\x1b[0m\n"
    )


def test_render_equal_only_is_the_text() -> None:
    text = "мемлекеттік қызмет өтілі"
    assert render_ops_marked(word_diff(text, text)) == text
    assert render_ops_ansi(word_diff(text, text)) == text
