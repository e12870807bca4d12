"""Requirement facts: years of experience and education read as data beside the text.

`facts_of(requirements)` reads a position's requirements (Kazakh or Russian
wording) into a `PositionFacts`:

* `experience`: one `YearConstraint` per year constraint of the experience
  items ("мемлекеттік қызмет өтілі екі жылдан кем емес" → public_service, 2),
  with the exact text it was read from, which alternative of its item it
  belongs to ("немесе", "не" / "или", "либо" separate alternatives), the
  constraint it is part of ("оның ішінде" / "в том числе", "из них") and the
  condition under which it applies (a scientific degree, study under the
  priority-specialities list);
* `items`: what each experience item (and the trailer) is: "years", or, for an
  item that sets no years, "skill", "degree", "study" or "not_required";
* `education`: the level ("higher", ...) and the fields of study as printed;
* `unread`: every text that could not be read as facts, with the reason.
  Nothing is guessed: an item whose wording is not understood in full is listed
  here and gives no constraint.

Pure and cached: a position's facts are a function of its `Requirements`, so
they are derived on demand (formats/edition_json.py, the differ, drift) rather than stored
in the model, and an amended edition that repeats most texts reads each text once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from amendtrack.i18n import N_
from amendtrack.model import Requirements

ExperienceKind = Literal["public_service", "state_bodies", "leadership", "field", "unspecified"]
EXPERIENCE_KINDS: tuple[ExperienceKind, ...] = ("public_service", "state_bodies", "leadership", "field", "unspecified")
Condition = Literal["degree", "study_abroad", "study_abroad_or_degree", "higher_education"]
ItemType = Literal["years", "skill", "degree", "study", "not_required"]
EducationLevel = Literal["postgraduate", "higher", "technical_vocational", "post_secondary", "secondary"]
# Lower to higher: a change to a later level asks for more.
LEVEL_ORDER: tuple[EducationLevel, ...] = ("secondary", "technical_vocational", "post_secondary", "higher", "postgraduate")


@dataclass(frozen=True, slots=True)
class YearConstraint:
    """One "at least N years" of one experience item."""

    item: int
    """0-based index into the position's experience items."""
    years: int
    kind: ExperienceKind
    """Experience of what: public service, leadership or other posts in state bodies,
    leadership posts, a field (the position's functional area or a named one), or unspecified."""
    of_which: int | None
    """Index (in the position's list of constraints) of the constraint this one is
    part of ("оның ішінде" / "в том числе", "из них"), else None."""
    alternative: int
    """0-based alternative inside the item ("немесе", "не" / "или", "либо" start the next)."""
    condition: Condition | None
    """When the constraint applies only to some candidates; None when always."""
    text: str
    """The exact text it was read from: a substring of the item."""


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What one experience item (or the trailer after the list) is."""

    item: int | None
    """0-based index into the experience items; None for the trailer."""
    type: ItemType
    condition: Condition | None = None
    """For "not_required": when no experience is required ("Жоғары білімі болғанда")."""


@dataclass(frozen=True, slots=True)
class EducationFacts:
    """The education requirement as data."""

    level: EducationLevel | None
    """None when the text names no level this module knows (then it is in `unread`)."""
    fields: tuple[str, ...]
    """The fields of study as printed, split at "немесе"/"или" and commas, in printed order."""


@dataclass(frozen=True, slots=True)
class UnreadText:
    """A requirement text, or part of one, that was not read as facts."""

    field: Literal["education", "experience"]
    part: Literal["education", "intro", "item", "trailer"]
    item: int | None
    """0-based item index for an experience item, else None."""
    text: str
    reason: str
    """In English (a catalogue message: a page shows it in its language)."""


@dataclass(frozen=True, slots=True)
class PositionFacts:
    """Everything read from one position's requirements."""

    experience: tuple[YearConstraint, ...]
    items: tuple[ItemFacts, ...]
    education: EducationFacts
    unread: tuple[UnreadText, ...]


# ---------------------------------------------------------------- wording

_NUMBER_WORDS: dict[str, int] = {
    # Kazakh
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10,
    # Russian, in the genitive that "не менее" takes ("не менее двух лет")
    "одного": 1, "один": 1, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
    "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
}
_NUM = r"(?P<num>\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w-])"   # a word ends here

# "екі жылдан кем емес" (not less than two years), "кемінде екі жыл" (at least two
# years); "не менее двух лет", "не менее 2-х лет", "не менее одного года".
_YEARS = re.compile(
    rf"{_B}{_NUM}\s+жыл(?:дан)?\s+кем\s+емес{_E}"
    rf"|{_B}кемінде\s+{_NUM.replace('num', 'num2')}\s+жыл\w*"
    rf"|{_B}не\s+менее\s+{_NUM.replace('num', 'num3')}(?:-х)?\s+(?:лет|года|год){_E}",
    re.IGNORECASE,
)
# Every mention of years, to check that each was read ("жылғы" is a date's year).
_YEAR_WORD = re.compile(rf"{_B}(?:жыл(?!ғы)\w*|лет|года?){_E}", re.IGNORECASE)

# What joins two constraints of one item: a part of the one before, or the next alternative.
_SEPARATOR = re.compile(
    rf"[,;]?\s*{_B}(?:(?P<of>оның\s+ішінде|в\s+том\s+числе|из\s+них)|(?P<alt>немесе|не|или|либо)){_E}",
    re.IGNORECASE,
)
# "or" inside a kind of experience, not between alternatives: masked before looking for separators.
_INNER_OR = re.compile(r"басшы\w*\s+немесе\s+өзге|руководящ\w+\s+или\s+ин\w+", re.IGNORECASE)

# Kinds, tried in this order: "мемлекеттік органдарда басшылық немесе өзге
# лауазымдарда мемлекеттік қызмет өтілі" is state_bodies, not public_service.
_KINDS: tuple[tuple[ExperienceKind, re.Pattern[str]], ...] = (
    ("state_bodies", re.compile(
        r"басшы\w*\s+немесе\s+өзге\s+лауазым|руководящ\w+\s+или\s+ин\w+\s+должност", re.IGNORECASE)),
    ("leadership", re.compile(
        r"басшылық\s+лауазым|басшы\s+лауазым|басшылары\s+және\s+олардың\s+орынбасарлары"
        r"|руководящ\w+\s+должност|руководител", re.IGNORECASE)),
    ("public_service", re.compile(r"мемлекеттік\s+қызмет\s+өтіл|государственной\s+службы", re.IGNORECASE)),
    ("field", re.compile(
        r"функционалдық|функциональн|сала(?:сында|ларда|лардағы|ларында)|облыс(?:ында|тарда)|жүйесінде"
        r"|өнеркәсіп|органдарда\s+жұмыс|в\s+област|в\s+сфер|по\s+специальност|по\s+направлени", re.IGNORECASE)),
)
# Words that end a condition printed before the constraint ("… болған жағдайда", "… аяқтағаннан кейін").
_CONDITION_END = re.compile(rf"{_B}(?:жағдайда|кезде|кездегі|кейін|соң|болғанда){_E}", re.IGNORECASE)
_DEGREE = re.compile(r"ғылыми\s+дәреже|уч[её]н\w*\s+степен", re.IGNORECASE)
_STUDY_ABROAD = re.compile(r"басым\s+мамандық|приоритетн\w+\s+специальност|болаша[қк]", re.IGNORECASE)
_HIGHER_EDUCATION = re.compile(r"жоғары\s+білімі\s+болғанда|при\s+наличии\s+высшего\s+образования", re.IGNORECASE)

_NOT_REQUIRED = re.compile(r"талаптар\s+қойылмайды|требовани\w*\s+не\s+предъявля|не\s+требуется", re.IGNORECASE)
_SKILL = re.compile(r"компьютер|word|excel|оргтехник|ұйымдастыру\s+техника", re.IGNORECASE)
_STUDY = re.compile(r"оқуды\s+аяқта|оқу\s+орнын\s+аяқта|окончани\w+|обучени\w+|закончивш|завершивш", re.IGNORECASE)

_LEVELS: tuple[tuple[EducationLevel, re.Pattern[str]], ...] = (
    ("postgraduate", re.compile(r"жоғары\s+оқу\s+орнынан\s+кейінгі|послевузовск", re.IGNORECASE)),
    ("post_secondary", re.compile(r"орта\s+білімнен\s+кейінгі|послесредн", re.IGNORECASE)),
    ("technical_vocational", re.compile(r"техникалық\s+және\s+кәсіптік|техническ\w+\s+и\s+профессиональн",
                                        re.IGNORECASE)),
    ("higher", re.compile(r"жоғары|высше", re.IGNORECASE)),
    ("secondary", re.compile(r"орта|средн", re.IGNORECASE)),
)
_LEVEL_WORDS = re.compile(r"^\s*(?P<level>[^:]*?)\s*(?::|\s(?=в\s+област|по\s+специальност))\s*", re.IGNORECASE)
# "… саласында." (in the field of) after the fields; "в области" / "по специальности" before them.
_FIELDS_TAIL = re.compile(r"\s*(?:саласында|салаларында|салалары\s+бойынша|бойынша)?\s*[.;]*\s*$", re.IGNORECASE)
_FIELDS_HEAD = re.compile(r"^\s*(?:в\s+области|в\s+сфере|по\s+специальност\w*|по\s+направлени\w*)\s+", re.IGNORECASE)
# "немеес" is a typo of "немесе" printed twice in the seed: it still separates two fields.
# Repeated: "немесе немесе" (printed so four times in the seed) is one separator.
_FIELD_SPLIT = re.compile(rf"(?:\s*,\s*|\s*{_B}(?:немесе|немеес|или|либо){_E}\s*)+", re.IGNORECASE)


# ---------------------------------------------------------------- experience


@dataclass(frozen=True, slots=True)
class _ItemReading:
    constraints: tuple[YearConstraint, ...]  # with item 0 and of_which local to the item
    type: ItemType | None
    condition: Condition | None
    unread_reason: str | None


def _years(m: re.Match[str]) -> int:
    word = (m.group("num") or m.group("num2") or m.group("num3")).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def year_numbers(text: str) -> list[tuple[int, int, int]]:
    """Where each "at least N years" of a text prints its number: (start, end, years).

    For the amendment generator (tests/support/generate.py), which raises and lowers them.
    """
    out = []
    for m in _YEARS.finditer(text):
        group = next(g for g in ("num", "num2", "num3") if m.group(g))
        out.append((m.start(group), m.end(group), _years(m)))
    return out


def _condition(text: str) -> Condition | None:
    degree, abroad = bool(_DEGREE.search(text)), bool(_STUDY_ABROAD.search(text))
    if degree and abroad:
        return "study_abroad_or_degree"
    if degree:
        return "degree"
    if abroad:
        return "study_abroad"
    if _HIGHER_EDUCATION.search(text):
        return "higher_education"
    return None


def _kind(clause: str) -> ExperienceKind:
    for kind, pattern in _KINDS:
        if pattern.search(clause):
            return kind
    return "unspecified"


def _separator(gap: str) -> re.Match[str] | None:
    masked = _INNER_OR.sub(lambda m: "_" * len(m.group()), gap)
    return _SEPARATOR.search(masked)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:":
        start += 1
    while end > start and text[end - 1] in " ,;:.":
        end -= 1
    return start, end


@lru_cache(maxsize=4096)
def read_item(text: str) -> _ItemReading:
    """One experience item (or trailer) read: its constraints, or its type, or why not."""
    matches = list(_YEARS.finditer(text))
    if len(_YEAR_WORD.findall(text)) != len(matches):
        return _ItemReading((), None, None, N_("mentions years in a wording not read"))
    if not matches:
        if _NOT_REQUIRED.search(text):
            return _ItemReading((), "not_required", _condition(text), None)
        for item_type, pattern in (("skill", _SKILL), ("degree", _DEGREE), ("study", _STUDY)):
            if pattern.search(text):
                return _ItemReading((), item_type, None, None)  # type: ignore[arg-type]
        return _ItemReading((), None, None, N_("sets no years and is not a skill, degree or study item"))
    # Where each constraint's clause starts and ends, and how it joins the one before.
    starts, ends, joins = [0], [], []
    for before, after in zip(matches, matches[1:]):
        gap = text[before.end():after.start()]
        sep = _separator(gap)
        if sep is None:
            return _ItemReading((), None, None, N_("two year constraints joined by words not read as 'of which' or 'or'"))
        ends.append(before.end() + sep.start())
        starts.append(before.end() + sep.end())
        joins.append("of" if sep.group("of") else "alt")
    ends.append(len(text))
    constraints: list[YearConstraint] = []
    alternative = 0
    for k, m in enumerate(matches):
        start, end = _strip_span(text, starts[k], ends[k])
        clause = text[start:end]
        lead = text[start:m.start()]
        # A condition printed before the years ends with "жағдайда", "кейін", ...;
        # the kind is named after it ("… жағдайда мемлекеттік қызмет өтілі …").
        cut = list(_CONDITION_END.finditer(lead))
        kind_text = clause[cut[-1].end():] if cut else clause
        condition = _condition(clause)
        of_which = None
        if k and joins[k - 1] == "alt":
            alternative += 1
        elif k:
            of_which = k - 1
            # A part of a conditional constraint applies under the same condition.
            condition = condition or constraints[k - 1].condition
        constraints.append(YearConstraint(0, _years(m), _kind(kind_text), of_which, alternative, condition, clause))
    return _ItemReading(tuple(constraints), "years", None, None)


def _read_experience(items: tuple[str, ...], trailer: str | None, intro: str | None) -> tuple[
        list[YearConstraint], list[ItemFacts], list[UnreadText]]:
    constraints: list[YearConstraint] = []
    kinds: list[ItemFacts] = []
    unread: list[UnreadText] = []
    if intro and _YEAR_WORD.search(intro):
        unread.append(UnreadText("experience", "intro", None, intro, N_("years in the sentence before the list")))
    for i, text in enumerate(items):
        reading = read_item(text)
        if reading.unread_reason is not None:
            unread.append(UnreadText("experience", "item", i, text, reading.unread_reason))
            continue
        assert reading.type is not None
        kinds.append(ItemFacts(i, reading.type, reading.condition))
        base = len(constraints)
        for c in reading.constraints:
            of_which = None if c.of_which is None else base + c.of_which
            constraints.append(YearConstraint(i, c.years, c.kind, of_which, c.alternative, c.condition, c.text))
    if trailer:
        reading = read_item(trailer)
        if reading.constraints:
            unread.append(UnreadText("experience", "trailer", None, trailer, N_("years in the text after the list")))
        elif reading.unread_reason is not None:
            unread.append(UnreadText("experience", "trailer", None, trailer, reading.unread_reason))
        else:
            assert reading.type is not None
            kinds.append(ItemFacts(None, reading.type, reading.condition))
    return constraints, kinds, unread


# ---------------------------------------------------------------- education


@lru_cache(maxsize=1024)
def read_education(text: str) -> tuple[EducationFacts, str | None]:
    """The education requirement read, and the reason when it could not be (else None)."""
    head = _LEVEL_WORDS.match(text)
    level_text = head.group("level") if head else text
    levels = [level for level, pattern in _LEVELS if pattern.search(level_text)]
    # "Жоғары оқу орнынан кейінгі" holds "жоғары" too: the longer reading wins.
    if "postgraduate" in levels:
        levels = [lv for lv in levels if lv != "higher"]
    if "post_secondary" in levels or "technical_vocational" in levels:
        levels = [lv for lv in levels if lv != "secondary"]
    if len(levels) != 1:
        reason = N_("no level of education recognised") if not levels else N_("several levels of education")
        return EducationFacts(None, ()), reason
    if head is None:
        # A level alone ("Жоғары."), or a wording with fields this module does not know.
        if re.fullmatch(r"\s*\w+\s*[.;]?\s*", text):
            return EducationFacts(levels[0], ()), None
        return EducationFacts(levels[0], ()), N_("fields of study not read")
    rest = _FIELDS_HEAD.sub("", text[head.end():])
    rest = rest[:_FIELDS_TAIL.search(rest).start()]  # type: ignore[union-attr]
    fields = tuple(f for f in (part.strip() for part in _FIELD_SPLIT.split(rest)) if f)
    return EducationFacts(levels[0], fields), None


# ---------------------------------------------------------------- the position


@lru_cache(maxsize=4096)
def facts_of(requirements: Requirements) -> PositionFacts:
    """A position's facts, read from its requirements (cached: equal requirements read once).

    :param requirements: `Position.requirements`.
    """
    e = requirements.experience
    constraints, kinds, unread = _read_experience(e.items, e.trailer, e.intro)
    education, reason = read_education(requirements.education)
    if reason is not None:
        unread.insert(0, UnreadText("education", "education", None, requirements.education, reason))
    return PositionFacts(tuple(constraints), tuple(kinds), education, tuple(unread))


def facts_to_dict(f: PositionFacts) -> dict[str, Any]:
    """`positions[].facts` of edition@1 (docs/json-edition.md)."""
    return {
        "experience": [
            {"item": c.item, "years": c.years, "kind": c.kind, "of_which": c.of_which,
             "alternative": c.alternative, "condition": c.condition, "text": c.text}
            for c in f.experience
        ],
        "items": [{"item": k.item, "type": k.type, "condition": k.condition} for k in f.items],
        "education": {"level": f.education.level, "fields": list(f.education.fields)},
        "unread": [
            {"field": u.field, "part": u.part, "item": u.item, "text": u.text, "reason": u.reason}
            for u in f.unread
        ],
    }
