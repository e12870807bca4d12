"""The publisher's editorial notes (Ескерту / Сноска), read as amendment events.

The official publisher prints a note wherever an act was changed: "Ескерту.
Бұйрықтың күші жойылды - ҚР Ішкі істер министрінің 16.11.2015 № 927 бұйрығымен."
A note names *what* changed (the target), *how* (the action) and *by which act*
(issuer, act type, number, date), sometimes with the citing act's
entry-into-force clause in brackets.  The header of a repealed act carries the
same facts as one sentence ("Күші жойылды - … № 927 бұйрығымен"), read here too.

Reading is strict: a note yields an `AmendmentEvent` only when every part of
the citing act is found exactly once.  Anything else becomes an `UnparsedNote`
that keeps the printed text and says why, so nothing is guessed.  Remarks of the
legal-information institute ("РҚАО ескертпесі", "Примечание ИЗПИ") are not
amendments and become `Remark`s.

Matching is done on a key with look-alike Latin letters folded to Cyrillic and
dashes unified.  Both foldings map one character to one character, so a span in
the key is the same span in the printed text, and every value returned is
printed text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from amendtrack.dates import LegalDate, effective_rule, find_dates
from amendtrack.i18n import N_, Joined, Message, joined, message
from amendtrack.normalize import fold_lookalikes

Action = Literal[
    "repealed", "new_wording", "amended", "supplemented", "excluded", "words_replaced", "lapsed"
]

# Canonical kinds of the act-type words, for callers that compare acts across
# languages.  The printed word itself stays in `CitingAct.type`.
_KINDS = {
    "бұйр": "order", "приказ": "order", "қаул": "resolution", "постановлен": "resolution",
    "шешім": "decision", "решен": "decision", "жарл": "decree", "указ": "decree",
    "заң": "law", "закон": "law", "хат": "letter", "письм": "letter",
}


@dataclass(frozen=True, slots=True)
class CitingAct:
    """The act (or, for a lapse, the letter) a note cites, as printed."""

    issuer: str
    """The issuer as printed, in the case the note uses: "ҚР Ішкі істер министрінің"
    (genitive) in Kazakh, "Министра внутренних дел РК" in Russian.  The
    nominative is not derived: that would be a guess about Kazakh morphology."""
    type: str
    """The act-type word as printed: "бұйрығымен", "приказом", "письмо"."""
    number: str
    """As printed, without "№"/"N": "927", "22-н/қ", "38/7-VI"."""
    date: date

    @property
    def kind(self) -> str | None:
        """"order", "resolution", "decision", "decree", "law" or "letter"."""
        word = fold_lookalikes(self.type.split()[-1]).lower()
        return next((k for stem, k in _KINDS.items() if word.startswith(stem)), None)

    def to_dict(self) -> dict[str, str]:
        return {
            "issuer": self.issuer,
            "type": self.type,
            "number": self.number,
            "date": self.date.isoformat(),
        }


ACT_NAMES: Mapping[str, str] = {
    "order": N_("Order No. %(number)s of %(date)s"),
    "resolution": N_("Resolution No. %(number)s of %(date)s"),
    "decision": N_("Decision No. %(number)s of %(date)s"),
    "decree": N_("Decree No. %(number)s of %(date)s"),
    "law": N_("Law No. %(number)s of %(date)s"),
    "letter": N_("Letter No. %(number)s of %(date)s"),
}
"""An act named by its kind (`CitingAct.kind`); each its own message, since word order
differs between the languages."""


def act_message(act: CitingAct) -> Message:
    """"Order No. 927 of 2015-11-16" as a `Message`: the act's kind when known, else its printed type."""
    kind = act.kind
    if kind is None:
        return message("%(type)s No. %(number)s of %(date)s", type=act.type, number=act.number,
                       date=act.date.isoformat())
    return Message(ACT_NAMES[kind], (("date", act.date.isoformat()), ("number", act.number)))


def act_label(act: CitingAct) -> str:
    """"Order No. 927 of 2015-11-16": the act's kind in English when known, else its printed type."""
    return str(act_message(act))


@dataclass(frozen=True, slots=True)
class AmendmentEvent:
    """One change to an act, as an editorial note (or the header) reports it."""

    text: str
    """The note as printed, whitespace runs folded to one space."""
    target: str
    """What changed: "act", "title", "preamble", "text" (words throughout),
    "annex", "annex_2", "point_1", "point_1__subpoint_2", "annex_2__point_3"."""
    action: Action
    citing_act: CitingAct
    effective: str | None
    """The citing act's entry-into-force clause as printed (no brackets), if any."""

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "target": self.target,
            "action": self.action,
            "citing_act": self.citing_act.to_dict(),
            "effective": self.effective,
        }

    def effective_date(self) -> LegalDate:
        """When the citing act took effect, as far as the note tells.

        It is never known from a note: even the ten-day rule counts from a
        publication date the note does not give.  The lower bound is the
        citing act's own date.
        """
        signed = self.citing_act.date
        rule = effective_rule(self.effective) if self.effective else None
        if rule:
            return LegalDate.unknown(
                after=signed, rule=rule, basis=f"publication follows the act of {signed.isoformat()}"
            )
        if self.effective:
            return LegalDate.unknown(basis=f"clause not interpreted: {self.effective}")
        return LegalDate.unknown(
            on_or_after=signed,
            basis=f"assumed: the act of {signed.isoformat()} did not take effect before it was made",
        )


@dataclass(frozen=True, slots=True)
class Remark:
    """An institute's remark ("РҚАО ескертпесі", "Примечание ИЗПИ"): not an amendment."""

    text: str

    def to_dict(self) -> dict[str, object]:
        return {"remark": self.text}


@dataclass(frozen=True, slots=True)
class UnparsedNote:
    """A note that could not be read as an event, kept as printed with the reason."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"unparsed": self.text, "reason": self.reason}


Note = AmendmentEvent | Remark | UnparsedNote

# ---------------------------------------------------------------- patterns

_I = re.IGNORECASE
_PREFIX = re.compile(r"(ескерту|сноска)\s*[.:]\s*", _I)
_REMARK = re.compile(
    r"(?:(?:рқао|зқаи|ркао|рцпи|изпи)\S*\s+ескертпесі|примечание\s+(?:рцпи|изпи))", _I
)
# A note starts with "Ескерту." / "Сноска." and a period: "Ескерту:" with a
# colon is how a table footnote begins, so only `parse_note` (told that its
# text is a note) also accepts the colon.
_STARTER = re.compile(r"(?:ескерту|сноска)\s*\.|" + _REMARK.pattern, _I)

# Actions in priority order: a later pattern whose match lies inside an earlier
# one's (the "күші жойылды" inside a lapse) is the same action, not a second one.
_ACTION_PATTERNS: tuple[tuple[Action, str], ...] = (
    ("words_replaced", r"ауыстырыл\w*|\bзамен\w*"),
    ("lapsed", r"(?:(?:қолданылу|қолданыс|әрекет\s+ету)\s+)?мерзім\w*\s+\w+\s+байланысты"
               r"\s+күші\s+жойыл\w*"
               r"|утратил\w*\s+силу\s+в\s+связи\s+с\s+истечением\s+срока(?:\s+(?:его\s+)?действия)?"),
    ("repealed", r"күші\s+жойыл\w*|\bутратил\w*\s+силу"),
    ("new_wording", r"жаңа\s+редакция\w*|\bв\s+редакции"),
    ("excluded", r"алып\s+тасталды|\bисключ\w*"),
    ("amended", r"өзгеріс\w*\s+(?:мен\s+толықтыру\w*\s+)?енгізіл\w*"
                r"|\bс\s+изменени\w*(?:\s+и\s+дополнени\w*)?|\bизменени\w*\s+внесен\w*"
                r"|\bвнесен\w*\s+изменени\w*"),
    ("supplemented", r"толықтырыл\w*|толықтыру\w*\s+енгізіл\w*|\bдополнен\w*|\bс\s+дополнени\w*"),
)
_ACTIONS = tuple((action, re.compile(pattern, _I)) for action, pattern in _ACTION_PATTERNS)

_EFFECTIVE = re.compile(
    r"\(([^()]*(?:қолданысқа\s+енгізіл|в\s+действие|в\s+силу)[^()]*)\)", _I
)
_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"")

_TARGETS: dict[str, re.Pattern[str]] = {
    "text": re.compile(r"бүкіл\s+мәтін\w*\s+бойынша|\bпо\s+всему\s+тексту", _I),
    "title": re.compile(r"\bтақырыб\w*|\bзаголов\w*|\bнаименовани\w*", _I),
    "preamble": re.compile(r"\bкіріспе\w*|\bпреамбул\w*", _I),
    "annex": re.compile(r"(?:(\d+)-)?қосымша\w*|\bприложени\w*(?:\s+(\d+))?", _I),
    "point": re.compile(r"(\d+(?:-\d+)*)-тармақ(?!ша)\w*|\bпункт\w*\s+(\d+(?:-\d+)*)", _I),
    "subpoint": re.compile(r"(\d+(?:-\d+)*)\)\s*тармақша\w*|\bподпункт\w*\s+(\d+(?:-\d+)*)\)?", _I),
}
_ACT_WORD = re.compile(r"\b(?:бұйрық|бұйрығ|қаулы|шешім|приказ|постановлен|решени)\w*", _I)
# Several units named at once ("1 және 2-тармақтар", "пункты 1, 2") cannot be one target.
_PLURAL = re.compile(
    r"\d\s*(?:,|және|и)\s*\d|тармақтар|тармақшалар|қосымшалар|\bпункты\b|\bподпункты\b"
    r"|\bприложения\s+\d",
    _I,
)

_TYPES = {
    "kk": re.compile(
        r"\b(?:бірлескен\s+)?(?:бұйрығымен|бұйрықпен|бұйрығы|бұйрықтарымен|қаулысымен|қаулымен"
        r"|қаулысы|қаулыларымен"
        r"|шешімімен|шешімі|жарлығымен|жарлығы|заңымен|заңы|хатымен|хаты)\b",
        _I,
    ),
    "ru": re.compile(
        r"\b(?:совместн\w+\s+)?(?:приказ(?:ом|ами|а)?|постановлени(?:ем|ями|я|е)|решени(?:ем|ями|я|е)"
        r"|указ(?:ом|а)?|закон(?:ом|а)?|письм(?:о|ом|а))\b",
        _I,
    ),
}
_NUMBER = re.compile(r"(?:№|(?<!\w)N)\s*([^\s,;()«»№]+)")
_FROM = re.compile(r"\bот\b", _I)
_KK_LETTERS = re.compile(r"[әғқңөұүһі]", _I)


# ---------------------------------------------------------------- splitting


def match_key(text: str) -> str:
    """A matching key the same length as `text`: look-alikes folded, dashes unified.

    Offsets in the key are offsets in `text`, so a match on the key slices the
    printed text.
    """
    folded = re.sub(r"\w+", lambda m: fold_lookalikes(m.group(0)), text)
    return folded.translate(str.maketrans("–—‒−‑", "-----"))


def starts_note(line: str) -> bool:
    """Whether a line (leading spaces ignored) begins an editorial note or a remark."""
    return _STARTER.match(match_key(line.lstrip())) is not None


def split_notes(block: str) -> tuple[str, ...]:
    """Split a block of note text into single notes, each as printed (stripped).

    A note starts with "Ескерту." / "Сноска." or an institute remark, at the
    start of a line or after the end of a sentence; everything up to the next
    start belongs to it (wrapped lines included).  Text before the first start
    is kept as a piece of its own, so nothing is lost.
    """
    key = match_key(block)
    cuts = [0]
    for m in _STARTER.finditer(key):
        before = key[: m.start()].rstrip(" \t")
        if m.start() and (not before or before.endswith(("\n", ".", "!", "?", ")"))):
            cuts.append(m.start())
    cuts.append(len(block))
    pieces = (block[a:b].strip() for a, b in zip(cuts, cuts[1:]))
    return tuple(p for p in pieces if p)


# ---------------------------------------------------------------- parsing


def parse_note(text: str, language: str | None = None) -> Note:
    """Read one note (or a header repeal sentence).  Never raises on a str.

    :param language: ``"kk"`` or ``"ru"``; by default taken from the prefix or,
        without one, from the letters of the text.
    """
    flat = " ".join(text.split())
    try:
        return _parse(flat, language)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        # Only a bug can get here; it is reported in the result, never hidden.
        return UnparsedNote(flat, f"internal error: {type(exc).__name__}: {exc}")


def _blank(key: str, start: int, end: int) -> str:
    return key[:start] + " " * (end - start) + key[end:]


def _parse(flat: str, language: str | None) -> Note:
    if not flat:
        return UnparsedNote(flat, N_("empty note"))
    key = match_key(flat)
    if _REMARK.match(key):
        return Remark(flat)
    prefix = _PREFIX.match(key)
    start = prefix.end() if prefix else 0
    if language is None:
        if prefix:
            language = "kk" if prefix.group(1).lower() == "ескерту" else "ru"
        else:
            language = "kk" if _KK_LETTERS.search(_QUOTED.sub("", key)) else "ru"
    if language not in _TYPES:
        return UnparsedNote(flat, f"unknown language {language!r}")

    effective = None
    for m in _EFFECTIVE.finditer(key):
        if effective is not None:
            return UnparsedNote(flat, N_("several entry-into-force clauses"))
        effective = flat[m.start(1) : m.end(1)].strip()
        key = _blank(key, m.start(), m.end())
    masked = _QUOTED.sub(lambda m: " " * len(m.group(0)), key)

    action = _find_action(masked, start)
    if not prefix and (isinstance(action, str) or action[1] != 0):
        return UnparsedNote(flat, N_("not an editorial note: no Ескерту/Сноска and no leading action"))
    if isinstance(action, str):
        return UnparsedNote(flat, action)
    name, a_start, a_end = action

    after = ""
    if language == "ru":
        # Russian may name the unit after the verb: "Приложение 1 дополнено
        # пунктом 3 приказом …"; that stretch ends at the citing act's type word.
        type_m = _TYPES["ru"].search(masked, a_end)
        after = masked[a_end : type_m.start() if type_m else a_end]
    target = _find_target(masked[start:a_start], after)
    if target.startswith("!"):
        return UnparsedNote(flat, target[1:])
    act = _find_citing_act(flat, masked, a_end, language)
    if isinstance(act, str):
        return UnparsedNote(flat, act)
    return AmendmentEvent(flat, target, name, act, effective)


def _find_action(masked: str, start: int) -> tuple[Action, int, int] | str:
    found: list[tuple[Action, int, int]] = []
    for name, pattern in _ACTIONS:
        for m in pattern.finditer(masked, start):
            if not any(s <= m.start() and m.end() <= e for _, s, e in found):
                found.append((name, m.start(), m.end()))
    names = {name for name, _, _ in found}
    if not names:
        return N_("no action recognised")
    if len(names) > 1:
        return "several actions: " + ", ".join(sorted(names))
    return min(found, key=lambda f: f[1])


_SEVERAL_NAMED = {"annex": N_("several annexes named"), "point": N_("several points named"),
                  "subpoint": N_("several subpoints named")}

# Reasons that end with what was found ("issuer not recognised: …"): the words before
# the colon are the message.
_REASON_PREFIXES = frozenset({N_("several actions"), N_("subject not recognised"), N_("issuer not recognised"),
                              N_("internal error")})


# The actions in words, for people (the model and its JSON keep the codes).
ACTION_WORDS: dict[str, str] = {
    "repealed": N_("repealed"), "new_wording": N_("new wording"), "amended": N_("amended"),
    "supplemented": N_("supplemented"), "excluded": N_("excluded"), "words_replaced": N_("words replaced"),
    "lapsed": N_("lapsed"),
}


def reason_message(reason: str) -> Message:
    """Why a note was not read (`UnparsedNote.reason`, English in the model and its JSON)
    as a `Message`, so that a page shows it in its language; the found text as printed,
    the actions found in words ("several actions: excluded, new wording")."""
    head, colon, rest = reason.partition(": ")
    if not colon or head not in _REASON_PREFIXES:
        return Message(reason)
    codes = rest.split(", ")
    if head == "several actions" and all(code in ACTION_WORDS for code in codes):
        found: Message | Joined | str = joined(", ", (message(ACTION_WORDS[code]) for code in codes))
    else:
        found = rest
    return message("%(reason)s: %(found)s", reason=Message(head), found=found)


def _find_target(subject: str, after: str = "") -> str:
    """The target path, or "!reason" when the subject cannot be one target.

    `subject` is the text before the action; `after` the text between the action
    and the citing act, searched for units only (it holds other words too).
    """
    region = subject + " " + after
    if _PLURAL.search(region):
        return "!" + N_("several targets named")
    parts = []
    for kind in ("annex", "point", "subpoint"):
        matches = list(_TARGETS[kind].finditer(region))
        numbers = {next((g for g in m.groups() if g), "") for m in matches}
        if len(numbers) > 1:
            return "!" + _SEVERAL_NAMED[kind]
        if numbers:
            number = numbers.pop()
            parts.append(f"{kind}_{number}" if number else kind)
    # "2-қосымшаның тақырыбы" is the title of annex 2, not of the act.
    simple = [s for s in ("text", "title", "preamble") if _TARGETS[s].search(region)]
    if len(simple) > 1:
        return "!" + N_("several targets named")
    parts += simple
    if parts:
        return "__".join(parts)
    # The publisher names the unit whenever a note concerns less than the whole
    # act, so a note that names nothing (or the act: "Бұйрықтың") is about the act.
    if subject.strip(" -.,") and not _ACT_WORD.search(subject):
        return "!subject not recognised: " + subject.strip()
    return "act"


def _find_citing_act(flat: str, masked: str, after: int, language: str) -> CitingAct | str:
    rest = masked[after:]
    types = list(_TYPES[language].finditer(rest))
    if not types:
        return N_("no act type")
    dates = find_dates(rest, language)
    if not dates:
        return N_("no date of the citing act")
    if len({d.value for d in dates}) > 1:
        return N_("several dates: more than one citing act?")
    numbers = list(_NUMBER.finditer(rest))
    if not numbers:
        return N_("no act number")
    printed = {flat[after + m.start(1) : after + m.end(1)].rstrip(".") for m in numbers}
    if len(printed) > 1 or "" in printed:
        return N_("several act numbers: more than one citing act?")
    first_fact = min(dates[0].start, numbers[0].start())

    if language == "kk":
        # Kazakh: "- <issuer> <date> № <number> (<clause>) <type>." - the type ends it.
        type_m = types[-1]
        lead = re.match(r"[\s\-]*", rest)
        issuer_start = lead.end() if lead else 0
        issuer_end = first_fact
    else:
        # Russian: "<type> <issuer> от <date> № <number>" - the type comes first.
        type_m = types[0]
        issuer_start = type_m.end()
        from_m = _FROM.search(rest, issuer_start)
        issuer_end = min(from_m.start() if from_m else first_fact, first_fact)
    issuer = flat[after + issuer_start : after + issuer_end].strip(" ,-–—(")
    if not issuer or issuer_end < issuer_start:
        return N_("no issuer")
    if re.search(r"\d", issuer):
        return f"issuer not recognised: {issuer}"
    act_type = flat[after + type_m.start() : after + type_m.end()]
    return CitingAct(issuer, act_type, printed.pop(), dates[0].value)
