"""Legal dates that may be unknown, and reading dates printed in words or digits.

Many dates that matter for a versioned history are not printed in the text we
hold.  An order "enters into force ten calendar days after its first official
publication", and the publication date is not in the order.  Such a date must
stay *unknown*, visibly, but it is rarely unbounded: the order cannot be
published before it is registered.  `LegalDate` records exactly that much: a
known value, or an interval with the rule that fixes the date inside it.

`find_dates` and `parse_date_words` read the three printed forms met in the
corpus: Kazakh words (``2014 жылғы 9 сәуірдегі``, ``2014 жылы 18 сәуірде``),
Russian words (``9 апреля 2014 года``) and digits (``16.11.2015``; ``2015.11.16``
as some Kazakh notes print it).  A date that does not exist on the calendar is
never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from amendtrack.i18n import N_, Message
from amendtrack.normalize import fold_lookalikes

Relation = Literal["before", "on", "after", "within"]

TEN_DAYS_AFTER_PUBLICATION = N_("ten calendar days after first official publication")
"""The entry-into-force rule of most orders, in the words `describe()` shows (and, marked
for the catalogue, the report pages translate)."""


# ---------------------------------------------------------------- LegalDate


def _basis(basis: str | Message | None) -> tuple[str | None, Message | None]:
    """A basis as (the text kept, the message it came from)."""
    if isinstance(basis, Message):
        return str(basis), basis
    return basis, None


@dataclass(frozen=True, slots=True)
class LegalDate:
    """A date in law that is either known or lies in a (possibly open) interval.

    Build one with `LegalDate.known(...)` or `LegalDate.unknown(...)`; the raw
    constructor is kept for `from_dict`-style use and validates the same way.
    """

    value: date | None = None
    """The date itself, when the sources give it."""
    not_before: date | None = None
    """Lower bound of an unknown date (inclusive unless `lower_exclusive`)."""
    not_after: date | None = None
    """Upper bound of an unknown date (inclusive unless `upper_exclusive`)."""
    lower_exclusive: bool = False
    """True when the date is strictly after `not_before`."""
    upper_exclusive: bool = False
    """True when the date is strictly before `not_after`."""
    rule: str | None = None
    """The legal rule that fixes the date, e.g. TEN_DAYS_AFTER_PUBLICATION."""
    basis: str | None = None
    """Where the value or the bounds come from (a fact a reader can check)."""
    basis_message: Message | None = field(default=None, compare=False)
    """`basis` as a `Message`, when the code wrote it (history/bounds.py), so a page can
    show it in its own language; None for a basis written by hand (the manifest).  Not
    compared or serialised: `basis` is the record."""

    def __post_init__(self) -> None:
        # A contradictory LegalDate is a programming error, not bad input, so it
        # raises ValueError at construction rather than producing odd answers later.
        if self.value is not None and (self.not_before or self.not_after):
            raise ValueError("a known LegalDate carries no bounds")
        if self.not_before is None and self.lower_exclusive:
            raise ValueError("lower_exclusive needs not_before")
        if self.not_after is None and self.upper_exclusive:
            raise ValueError("upper_exclusive needs not_after")
        if self.not_before and self.not_after:
            empty = self.not_before > self.not_after or (
                self.not_before == self.not_after and (self.lower_exclusive or self.upper_exclusive)
            )
            if empty:
                raise ValueError("the bounds of a LegalDate leave no possible day")

    @classmethod
    def known(cls, value: date, *, rule: str | None = None, basis: str | Message | None = None) -> LegalDate:
        """A date the sources state."""
        text, said = _basis(basis)
        return cls(value=value, rule=rule, basis=text, basis_message=said)

    @classmethod
    def unknown(
        cls,
        *,
        after: date | None = None,
        on_or_after: date | None = None,
        before: date | None = None,
        on_or_before: date | None = None,
        rule: str | None = None,
        basis: str | Message | None = None,
    ) -> LegalDate:
        """An unknown date, with whatever bounds are known (at most one of each side).

        :raises ValueError: when both forms of the same bound are given.
        """
        if after and on_or_after:
            raise ValueError("give either after or on_or_after, not both")
        if before and on_or_before:
            raise ValueError("give either before or on_or_before, not both")
        return cls(
            not_before=after or on_or_after,
            lower_exclusive=after is not None,
            not_after=before or on_or_before,
            upper_exclusive=before is not None,
            rule=rule,
            basis=_basis(basis)[0],
            basis_message=_basis(basis)[1],
        )

    @property
    def is_known(self) -> bool:
        return self.value is not None

    def describe(self) -> str:
        """A one-line English description, e.g. ``unknown (after 2014-04-18; rule: …)``."""
        extras = []
        if self.value is not None:
            head = self.value.isoformat()
        else:
            head = "unknown"
            if self.not_before is not None:
                word = "after" if self.lower_exclusive else "on or after"
                extras.append(f"{word} {self.not_before.isoformat()}")
            if self.not_after is not None:
                word = "before" if self.upper_exclusive else "on or before"
                extras.append(f"{word} {self.not_after.isoformat()}")
        if self.rule:
            extras.append(f"rule: {self.rule}")
        if self.basis:
            extras.append(f"basis: {self.basis}")
        return f"{head} ({'; '.join(extras)})" if extras else head

    def span(self) -> str:
        """In a few words: "2015-03-15", "unknown: between 2014-04-29 and 2015-11-27", "unknown: on or after …"."""
        if self.value is not None:
            return self.value.isoformat()
        lo = self.not_before + timedelta(days=1) if self.not_before and self.lower_exclusive else self.not_before
        hi = self.not_after - timedelta(days=1) if self.not_after and self.upper_exclusive else self.not_after
        if lo and hi:
            return f"unknown: between {lo.isoformat()} and {hi.isoformat()}"
        if lo:
            return f"unknown: on or after {lo.isoformat()}"
        return f"unknown: on or before {hi.isoformat()}" if hi else "unknown"

    def relation(self, query: date) -> Relation:
        """Where `query` stands relative to this date.

        ``"before"``/``"after"``: the query is certainly before/after the date;
        ``"on"``: the date is known and equals the query; ``"within"``: the date
        is unknown and the query falls where the date might be (or beyond an open
        bound), so the order of the two cannot be told.
        """
        if self.value is not None:
            if query < self.value:
                return "before"
            return "on" if query == self.value else "after"
        if self.not_before is not None:
            if query < self.not_before or (query == self.not_before and self.lower_exclusive):
                return "before"
        if self.not_after is not None:
            if query > self.not_after or (query == self.not_after and self.upper_exclusive):
                return "after"
        return "within"

    def reached_by(self, query: date) -> bool | None:
        """True when the date is on or before `query`, False when after, None when unknown.

        This is the question a history asks: "had this edition taken effect on
        `query`?".
        """
        rel = self.relation(query)
        if rel == "within":
            return None
        return rel != "before"

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data; dates as ISO strings, with the `describe()` text."""

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "known": self.is_known,
            "value": iso(self.value),
            "not_before": iso(self.not_before),
            "lower_exclusive": self.lower_exclusive,
            "not_after": iso(self.not_after),
            "upper_exclusive": self.upper_exclusive,
            "rule": self.rule,
            "basis": self.basis,
            "description": self.describe(),
        }


# ---------------------------------------------------------------- dates in text

# Month stems.  Kazakh month names take case endings (сәуір-де, сәуір-дегі,
# қараша-дағы, қыркүйек-те), so a stem is matched at the start of a word and any
# letters may follow.  Russian dates use the genitive (апреля, мая), matched whole.
KK_MONTHS: tuple[str, ...] = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)
RU_MONTHS: tuple[str, ...] = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)



def month_number(word: str) -> int | None:
    """The month a printed month word names ("сәуірдегі" → 4, "апреля" → 4), or None."""
    word = fold_lookalikes(word).lower()
    for number, stem in enumerate(KK_MONTHS, start=1):
        if word.startswith(stem):
            return number
    return RU_MONTHS.index(word) + 1 if word in RU_MONTHS else None


# A day may be printed in guillemets («9»), as the approval blocks do.
_DAY = r"[«\"]?\s*(?P<day>\d{1,2})\s*[»\"]?"
_KK_WORDS = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*(?:жылғы|жылы|ж\.)\s*" + _DAY + r"\s+(?P<month>"
    + "|".join(KK_MONTHS) + r")\w*",
    re.IGNORECASE,
)
_RU_WORDS = re.compile(
    _DAY + r"\s+(?P<month>" + "|".join(RU_MONTHS) + r")\s+(?P<year>\d{4})(?:\s*(?:года|г\.|г\b))?",
    re.IGNORECASE,
)
# Digits: DD.MM.YYYY, or YYYY.MM.DD as some Kazakh notes print it.  Two-digit
# years (16.11.15) are not read: the century would be a guess.
_DMY = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")
_YMD = re.compile(r"(?<![\d.])(?P<year>\d{4})\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})(?![\d])")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text, with the span it was printed in."""

    value: date
    start: int
    end: int
    printed: str


def _fold(text: str) -> str:
    # fold_lookalikes maps one character to one character, so offsets in the
    # folded text are offsets in the printed text.
    return re.sub(r"\w+", lambda m: fold_lookalikes(m.group(0)), text)


def _make(year: str, month: int, day: str) -> date | None:
    try:
        return date(int(year), month, int(day))
    except ValueError:  # 31 April, month 13, ...: printed, but not a date
        return None


def find_dates(text: str, language: str | None = None) -> tuple[DateMatch, ...]:
    """Every date printed in `text`, in reading order, without overlaps.

    :param language: ``"kk"`` or ``"ru"`` limits the word forms tried; digits
        are read in any language.  ``None`` tries both.
    """
    folded = _fold(text)
    found: list[DateMatch] = []

    def add(m: re.Match[str], month: int) -> None:
        value = _make(m.group("year"), month, m.group("day"))
        if value is None:
            return
        if any(m.start() < f.end and f.start < m.end() for f in found):
            return
        found.append(DateMatch(value, m.start(), m.end(), text[m.start() : m.end()]))

    if language in (None, "kk"):
        for m in _KK_WORDS.finditer(folded):
            stem = m.group("month").lower()
            add(m, KK_MONTHS.index(stem) + 1)
    if language in (None, "ru"):
        for m in _RU_WORDS.finditer(folded):
            add(m, RU_MONTHS.index(m.group("month").lower()) + 1)
    for pattern in (_DMY, _YMD):
        for m in pattern.finditer(folded):
            add(m, int(m.group("month")))
    return tuple(sorted(found, key=lambda f: f.start))


def parse_date_words(text: str, language: str | None = None) -> date | None:
    """The first date printed in `text` (words or digits), or None if there is none.

    >>> parse_date_words("2014 жылғы 9 сәуірдегі № 161 бұйрығы", "kk")
    datetime.date(2014, 4, 9)
    >>> parse_date_words("от 9 апреля 2014 года № 161", "ru")
    datetime.date(2014, 4, 9)
    """
    found = find_dates(text, language)
    return found[0].value if found else None


# Phrases of the ten-day rule.  Word order varies between acts ("күнінен кейін
# күнтізбелік он күн", "күнінен бастап он күнтізбелік күн"), so the test is the
# presence of its parts, not one fixed sentence.
_TEN_DAYS = (
    re.compile(r"алғашқы\s+ресми\s+жариялан\w*.*\bон\s+(?:күнтізбелік\s+)?күн", re.I | re.S),
    re.compile(r"десят\w*\s+календарн\w*\s+дн\w*.*перв\w*\s+официальн\w*\s+опубликован", re.I | re.S),
)


def effective_rule(text: str) -> str | None:
    """The entry-into-force rule a clause states, when it is one we recognise.

    Only the ten-calendar-days-after-publication rule is recognised; any other
    clause returns None (its text is still kept by the caller).
    """
    folded = _fold(text)
    if any(p.search(folded) for p in _TEN_DAYS):
        return TEN_DAYS_AFTER_PUBLICATION
    return None
