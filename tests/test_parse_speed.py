"""The parser's shortcuts (quick tests before patterns, one normalisation per file) change nothing.

Each shortcut stands in for a slower, obviously right computation; these tests
hold the two side by side on the real texts of the bundled corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

from amendtrack.normalize import (
    _SHORT_TOKEN_RUN,
    NormalizedText,
    _has_short_token_run,
    normalize_source,
)
from amendtrack.parse.edition import parse_edition, parse_file
from amendtrack.parse.vocabulary import (
    LABEL_INITIALS,
    LABELS,
    TABLE_HEADER,
    TABLE_HEADER_INITIALS,
)
from amendtrack.residue import DocumentWords

CORPUS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "V1400009344" / "kk").glob("*.txt"))


def test_every_label_starts_with_one_of_the_initials() -> None:
    # The patterns' literal first letters ("Функц?ионалдық" starts with Ф).
    for pattern in LABELS:
        assert pattern.whole.pattern[1] in LABEL_INITIALS, pattern.whole.pattern
    for first in ("Өлшемшарттар", "Критерии"):
        assert first[0] in TABLE_HEADER_INITIALS
    assert TABLE_HEADER.match("Өлшемшарттар Талаптар")


def test_the_short_token_loop_agrees_with_the_regex_on_every_corpus_line() -> None:
    seen = 0
    for path in CORPUS:
        for line in path.read_text(encoding="utf-8").split("\n"):
            stripped = line.strip()
            assert _has_short_token_run(stripped, stripped.isprintable()) == bool(_SHORT_TOKEN_RUN.search(stripped)), stripped
            seen += 1
    for text in ("а б", "ab", "5 жыл", "а\tб", "a\u00a0b c", "кем емес ;", ""):
        assert _has_short_token_run(text, text.isprintable()) == bool(_SHORT_TOKEN_RUN.search(text)), text
    assert seen > 10_000


def test_document_words_answer_as_the_set_of_words_would() -> None:
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        full = frozenset(w.lower() for w in re.findall(r"\w{2,}", text))
        words = DocumentWords(text)
        sample = sorted(full)[::7]
        questions = sample + [w[:-1] for w in sample] + [w[1:] for w in sample] + ["б" + w for w in sample]
        questions += ["бір", "б", "Бір", "ір", ""]
        for word in questions:
            assert (word in words) == (word in full), word
    # The two letters whose lower case is not one character for one: the set is used.
    assert "i̇stanbul" in DocumentWords("İstanbul")
    assert "ας" in DocumentWords("ΑΣ")


def test_the_reader_normalises_once_and_the_parse_is_the_same() -> None:
    path = CORPUS[-1]
    raw = path.read_text(encoding="utf-8")
    once = normalize_source(raw)
    assert isinstance(once, NormalizedText) and normalize_source(once) is once
    assert str(once) == normalize_source(str(once))  # idempotent: skipping the second pass is exact
    assert parse_file(str(path)).positions == parse_edition(raw, str(path)).positions


def test_the_anchor_shortcut_agrees_with_the_patterns_on_every_corpus_line() -> None:
    from amendtrack.normalize import clean_line, fold_lookalikes_in
    from amendtrack.parse.annex import is_anchor
    from amendtrack.parse.vocabulary import CATEGORY_KK, CATEGORY_RU

    def slow(lines: list[tuple[int, str]], i: int) -> bool:  # is_anchor as it was, with no shortcut
        text = fold_lookalikes_in(clean_line(lines[i][1]))
        if CATEGORY_KK.search(text) or CATEGORY_RU.search(text):
            return True
        if i > 0 and len(text) <= 10:
            j = i - 1
            while j > 0 and not lines[j][1].strip() and i - j <= 3:
                j -= 1
            joined = fold_lookalikes_in(clean_line(lines[j][1])) + " " + text
            return bool(CATEGORY_KK.search(joined) or CATEGORY_RU.search(joined))
        return False

    anchors = 0
    for path in CORPUS:
        lines = list(enumerate(normalize_source(path.read_text(encoding="utf-8")).split("\n"), start=1))
        for i in range(len(lines)):
            assert is_anchor(lines, i) == slow(lines, i), lines[i]
            anchors += is_anchor(lines, i)
    # Latin look-alikes in the category word still make an anchor.
    damaged = [(1, "Басқарма басшысы, С-4 caнaты")]
    assert is_anchor(damaged, 0) and slow(damaged, 0)
    assert anchors > 300


def _slow_clean(line: str) -> str:
    """`normalize._clean` as it reads without its shortcuts."""
    from amendtrack.normalize import collapse_letter_spacing

    stripped = line.strip()
    if "  " not in stripped and not _SHORT_TOKEN_RUN.search(stripped):
        return " ".join(stripped.split())
    return " ".join(collapse_letter_spacing(line).split())


def _slow_comparable(text: str) -> str:
    """`normalize.comparable` with the general patterns everywhere."""
    import unicodedata

    from amendtrack.normalize import _FOLDS, fold_lookalikes_in

    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[^\S\n]", " ", text)
    text = " ".join(_slow_clean(line) for line in text.split("\n"))
    for variant, plain in _FOLDS:
        text = text.replace(variant, plain)
    text = fold_lookalikes_in(text)
    text = re.sub(r"\s+(?=[,;:.)!?])", "", text)
    text = re.sub(r'(?<=[("])\s+', "", text)
    return _slow_clean(text)


def test_cleaning_and_comparison_keys_agree_with_the_general_patterns() -> None:
    # The shortcuts for texts of single spaces (normalize._clean, comparable) against
    # the patterns that handle any whitespace, on every corpus line and paragraph and
    # on random strings of the characters that matter.
    import random

    from amendtrack.normalize import _clean, comparable

    texts: list[str] = []
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        texts += text.split("\n") + text.split("\n\n")
    # The fields as the parser joined them: long texts of one line (comparable's "settled" path).
    for position in parse_edition(CORPUS[-1].read_text(encoding="utf-8")).positions:
        r = position.requirements
        texts += [r.education, r.competence, r.duties, *r.experience.items, position.title]
    rng = random.Random(16)
    alphabet = [*"аәқңөүі бС ,;:.)(«»\"!?-–Coxi12\t\u00a0\n", "  ", " . ", "ж ы л", "С-4"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(20_000)]
    for text in texts:
        assert _clean(text) == _slow_clean(text), repr(text)
        assert comparable.__wrapped__(text) == _slow_comparable(text), repr(text)


def test_the_kazakh_unit_nouns_end_with_the_letters_the_heading_shortcut_knows() -> None:
    from amendtrack.parse.headings import _KK_NOUN_LAST_LETTERS
    from amendtrack.parse.vocabulary import UNIT_NOUNS_KK

    # Every way the nouns' patterns can be spelt (each pattern has one here, and
    # each spelling is one of a pattern's).
    spellings = ["комитеті", "департаменті", "агенттігі", "Хатшылығы", "хатшылығы", "Хатшылық", "хатшылық",
                 "аппараты", "басқармасы", "басқармасы (бөлімі)", "басқармасы(бөлімі)", "қызметі", "бөлімі",
                 "бөілімі", "болімі", "боілімі", "бөлім", "секторы"]
    for noun, _ in UNIT_NOUNS_KK:
        assert any(re.fullmatch(noun, s) for s in spellings), noun
    for s in spellings:
        assert any(re.fullmatch(noun, s) for noun, _ in UNIT_NOUNS_KK), s
        assert s[-1] in _KK_NOUN_LAST_LETTERS, s


def test_the_heading_shortcut_agrees_with_the_search_on_every_corpus_line() -> None:
    from amendtrack.parse.headings import _heading_noun
    from amendtrack.parse.vocabulary import KK_UNIT_NOUN_AT_END, RU_UNIT_NOUN_AT_START

    def slow(text: str) -> str | None:  # _heading_noun with no shortcut
        from amendtrack.normalize import fold_lookalikes_in

        text = fold_lookalikes_in(text.strip())
        m = KK_UNIT_NOUN_AT_END.search(text)
        if m:
            return m.group("noun")
        m = RU_UNIT_NOUN_AT_START.match(text)
        return m.group("noun") if m and not re.search("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text) else None

    nouns = 0
    for path in CORPUS:
        for line in path.read_text(encoding="utf-8").split("\n"):
            words = line.split()
            # Each line, each of its first words (as the title splitter asks), with a comma.
            for text in [line, line + ",", *(" ".join(words[:k]) for k in range(1, min(len(words), 12)))]:
                assert _heading_noun(text) == slow(text), text
                nouns += _heading_noun(text) is not None
    assert nouns > 100


def test_the_marker_shortcut_agrees_with_the_pattern_on_every_corpus_line() -> None:
    from amendtrack.normalize import clean_line
    from amendtrack.parse.regions import _may_be_marker
    from amendtrack.parse.vocabulary import ANNEX_MARKER

    lines = [line for path in CORPUS for line in path.read_text(encoding="utf-8").split("\n")]
    lines += ["1 - қ о с ы м ш а", "  2-қосымша  ", "П р и л о ж е н и е  1", "Приложение № 3", "12-қосымша"]
    markers = 0
    for raw in lines:
        exact = ANNEX_MARKER.match(clean_line(raw)) is not None
        assert (_may_be_marker(raw) and exact) == exact, raw
        markers += exact
    assert markers >= 5


def test_the_heading_paragraph_shortcut_agrees_on_every_corpus_paragraph() -> None:
    from amendtrack.normalize import clean_line, tidy_spacing
    from amendtrack.parse.headings import (
        _NUMBER,
        Heading,
        _heading_noun,
        is_heading_paragraph,
        unit_rank,
    )

    def slow(lines: list[str]) -> Heading | None:  # is_heading_paragraph with its tests in their first order
        text = tidy_spacing(" ".join(lines))
        m = _NUMBER.match(text)
        name = text[m.end():] if m else text
        noun = _heading_noun(name)
        if noun is None or len(name.split()) > 20 or name.endswith((".", ";", ":")):
            return None
        if not m and not name[:1].isupper():
            return None
        return Heading(m.group("num") if m else None, name.rstrip(","), unit_rank(noun), len(lines))

    headings = 0
    for path in CORPUS:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            lines = [clean_line(raw) for raw in paragraph.split("\n") if raw.strip()]
            # The paragraph, its first lines (a heading printed above a title), its
            # last two, and the paragraph ending in a full stop.
            for candidate in (lines, *(lines[:k] for k in range(1, len(lines))), lines[-2:], [*lines, "."]):
                assert is_heading_paragraph(candidate) == slow(candidate), candidate
                headings += is_heading_paragraph(candidate) is not None
    assert headings > 20


def test_the_residue_shortcut_agrees_with_the_pattern() -> None:
    import random

    from amendtrack.residue import _MAY_HOLD_SPLIT_WORD, _SPLIT_WORD

    texts = [line for path in CORPUS for line in path.read_text(encoding="utf-8").split("\n")]
    texts += ["б ір жыл", "«б ір»", "(б ір", "1.б ір", "сб ір", "3 жылдан", "С-3 санаты", "а", "а б", "_б ір"]
    rng = random.Random(7)
    alphabet = [*"абі ір.«(_-3", "  "]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    found = 0
    for text in texts:
        exact = _SPLIT_WORD.search(text) is not None
        assert (_MAY_HOLD_SPLIT_WORD.search(" " + text) is not None) == exact, repr(text)
        found += exact
    assert found > 100


def test_folding_look_alikes_agrees_with_the_word_pattern() -> None:
    import random

    from amendtrack.normalize import fold_lookalikes, fold_lookalikes_in

    mixed_word = re.compile(r"(?<!\w)\w*[A-Za-z]\w*")

    def slow(text: str) -> str:
        return mixed_word.sub(lambda m: fold_lookalikes(m.group(0)), text)

    texts = [line for path in CORPUS for line in path.read_text(encoding="utf-8").split("\n")]
    texts += ["Бiлiмi", "С-3 caнaты", "Word, Excel", "aбв", "абвa", "a", "_aб_", "Tоо TOO", "3a б"]
    rng = random.Random(11)
    alphabet = list("аbсCoOкxX1_ -.,іiТ")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15))) for _ in range(30_000)]
    changed = 0
    for text in texts:
        assert fold_lookalikes_in(text) == slow(text), repr(text)
        changed += fold_lookalikes_in(text) != text
    assert changed > 1000
