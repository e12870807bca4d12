"""The printed vocabulary of the genre, in Kazakh and Russian.

Everything the parser recognises by its wording lives here, so that a new label
variant or a new language is one table entry, not a change to the parser.  Patterns
run on lines that `normalize.clean_line` has already cleaned (letter-spacing undone,
whitespace folded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Capitalised on purpose: labels are row headers and start with a capital letter,
# while running text says "функционалдық міндеттерді" in lower case.


@dataclass(frozen=True, slots=True)
class LabelPattern:
    """How one row label is printed: on one line, or split over two lines."""

    field: str
    language: str
    whole: re.Pattern[str]
    """Matches the label at the start of a line; the rest of the line is field text."""
    first: re.Pattern[str] | None = None
    """Matches a line that holds only the first word of a split label."""
    second: re.Pattern[str] | None = None
    """Matches the start of the next line that completes a split label."""


def _label(field: str, language: str, first: str, second: str | None, *, optional_second: bool = False) -> LabelPattern:
    if second is None:
        return LabelPattern(field, language, re.compile(rf"^{first}(?=\s|$)"))
    # With an optional second word the first word alone is a label only when it
    # stands alone on its line, so "Функционалдық міндеттерді …" in running text
    # is not mistaken for one.
    whole = rf"^{first}(?:\s+{second}(?=\s|$)|$)" if optional_second else rf"^{first}\s+{second}(?=\s|$)"
    return LabelPattern(
        field,
        language,
        re.compile(whole),
        re.compile(rf"^{first}$"),
        re.compile(rf"^{second}(?=\s|$)"),
    )


LABELS: tuple[LabelPattern, ...] = (
    _label("education", "kk", "Білімі", None),
    _label("education", "ru", "Образование", None),
    _label("competence", "kk", "Кәсіби", "құзыреттілігі"),
    _label("competence", "ru", "Профессиональная", "компетентность"),
    # "Практикалық тәжірибе" without -сі is a real variant of the printed label.
    _label("experience", "kk", "Практикалық", "тәжірибе(?:сі)?"),
    _label("experience", "ru", "Практический", "опыт"),
    # "Функионалдық" (no ц) is a typo printed in the official text; a lone
    # "Функционалдық" on its own line is a label even when "міндеттері" was lost.
    _label("duties", "kk", "Функц?ионалдық", "міндеттері", optional_second=True),
    _label("duties", "ru", "Функциональные", "обязанности"),
)

TABLE_HEADER = re.compile(r"^(?:Өлшемшарттар\s+Талаптар|Критерии\s+Требования)$")

# The first letters a label or the table header can start with, Latin look-alikes
# included (they are folded to Cyrillic before matching): a line that starts with
# any other character is no label, and the patterns need not run on it.  Checked
# against `LABELS` by tests/test_parse_speed.py.
LABEL_INITIALS = frozenset("БОКПФ" "BOKP")
TABLE_HEADER_INITIALS = frozenset("ӨК" "K")

# The title of a position ends with its category: "…, С-3 санаты" (kk) or
# "…, категория С-3" (ru).  The code may wrap away from "санаты" onto the line
# before, and may hold an en dash or look-alike Latin letters.
CODE = r"(?P<code>[A-ZА-ЯӘ]\s*[-–—]\s*(?:[A-ZА-Я]\s*[-–—]\s*)?\d{1,2})"
CATEGORY_KK = re.compile(rf"{CODE}\s+санаты\s*$")
CATEGORY_RU = re.compile(rf"категори[яи]\s+{CODE}\s*$")

# Latin letters that stand for the Cyrillic letter they look like in a code; R,
# D and G have no Cyrillic twin and stay Latin.
_CODE_LETTERS = str.maketrans({"A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К",
                               "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х"})


def canonical_code(printed: str) -> str:
    """"C–O-4" (Latin C, en dash) → "С-О-4": hyphen-minus, Cyrillic look-alikes, Latin R."""
    code = re.sub(r"\s*[-–—]\s*", "-", printed.strip())
    return code.translate(_CODE_LETTERS)


ANNEX_MARKER = re.compile(r"^(?:(?P<kk>\d+)-қосымша|Приложение\s+(?:№\s*)?(?P<ru>\d+))$")

# A unit heading names a structural unit.  Kazakh puts the unit noun last
# ("Баспасөз қызметі"); the rank orders the hierarchy so that an unnumbered
# heading of a lower rank than the current unit is read as its sub-unit.
UNIT_NOUNS_KK: tuple[tuple[str, int], ...] = (
    ("комитеті", 4),
    ("департаменті", 4),
    ("агенттігі", 4),
    ("[Хх]атшылығы", 4),
    ("[Хх]атшылық", 4),
    ("аппараты", 4),
    (r"басқармасы(?:\s*\(бөлімі\))?", 3),
    ("қызметі", 3),
    # "бөілімі" is a typo printed in the official text.
    ("б[өо]і?лімі", 2),
    ("бөлім", 2),
    ("секторы", 1),
)
UNIT_NOUNS_RU: tuple[tuple[str, int], ...] = (
    ("[Кк]омитет", 4),
    ("[Дд]епартамент", 4),
    ("[Аа]гентство", 4),
    ("[Сс]екретариат", 4),
    ("[Аа]ппарат", 4),
    ("[Уу]правление", 3),
    ("[Сс]лужба", 3),
    ("[Пп]ресс-служба", 3),
    ("[Оо]тдел", 2),
    ("[Сс]ектор", 1),
)

KK_UNIT_NOUN_AT_END = re.compile(
    r"(?:^|\s)(?P<noun>" + "|".join(n for n, _ in UNIT_NOUNS_KK) + r"),?$"
)
RU_UNIT_NOUN_AT_START = re.compile(r"^(?P<noun>" + "|".join(n for n, _ in UNIT_NOUNS_RU) + r")(?=\s|$)")


def unit_rank(noun: str) -> int:
    """The rank of a printed unit noun (4 = department/committee … 1 = sector)."""
    for pattern, rank in UNIT_NOUNS_KK + UNIT_NOUNS_RU:
        if re.fullmatch(pattern, noun.strip(" ,")):
            return rank
    return 0


# Header of the order.
STATUS_REPEALED = re.compile(r"^(?:Күшін жойған|Утратил силу|Утративший силу)$", re.IGNORECASE)
"""The publisher's status line of a repealed act, alone on its line."""
REPEAL_SENTENCE = re.compile(r"Күші\s+жойылды|Утратил\w*\s+силу")
"""The start of the publisher's repeal sentence ("Күші жойылды - …", "Утратил силу приказом …").
Case matters: the sentence starts with a capital, while a preamble's "… бұйрығының
күші жойылды деп танылсын" does not."""
NOTE_START = re.compile(r"^(?:Ескерту|[СC]носка)\s*\.")
REMARK_START = re.compile(r"^(?:РҚАО ескертпесі|Примечание (?:ИЗПИ|РЦПИ))")
ENACTING_WORDS = ("БҰЙЫРАМЫН", "ҚАУЛЫ ЕТЕДІ", "ПРИКАЗЫВАЮ", "ПОСТАНОВЛЯЕТ")
"""The enacting word of an order (бұйрық/приказ) or a resolution (қаулы/постановление), in capitals."""
ENACTING_WORD = re.compile(r"^:?\s*(?:" + "|".join(w.replace(" ", r"\s*") for w in ENACTING_WORDS) + r")\s*:?$")
"""A paragraph that is the enacting word alone (letter-spacing already collapsed)."""
APPROVAL_WORD = re.compile(r"«?\s*(?:КЕЛІСІЛДІ|СОГЛАСОВАНО)\s*»?")
