"""The direction of a change: did an amendment make a requirement stricter or looser?

`direction_of(change)` reads the facts (parse/facts.py) of a field change's old and new
text and compares them:

* **stricter**: more years, a constraint added to an alternative, an alternative
  (experience item) or a field of education removed, a higher level of education;
* **looser**: the reverse;
* **mixed**: some of each, or facts that do not compare (a constraint of one kind
  replaced by one of another kind);
* **neutral**: the facts are equal: only the wording changed.

Only education and experience-item changes carry facts; any other change, and
one whose old or new text could not be read as facts, has no direction (None):
unknown stays unknown.  Experience items are alternatives ("Жұмыс тәжірибесі
келесі талаптардың біріне сәйкес болуы тиіс:" - one of the following), so an
added item is a new way in (looser) and a removed one a way closed (stricter).

Each direction comes with its steps in words a lawyer reads at a glance,
"public service 2 → 3 years", and `describe` joins them: "stricter: public
service 2 → 3 years".  The steps are Messages (amendtrack/i18n.py): English in
JSON and terminal text, the page's language in a report (`description`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from amendtrack.i18n import N_, Joined, Message, joined, message, plural_message
from amendtrack.normalize import comparable
from amendtrack.parse.facts import (
    LEVEL_ORDER,
    EducationFacts,
    YearConstraint,
    read_education,
    read_item,
)

if TYPE_CHECKING:
    from amendtrack.compare.records import FieldChange

Direction = Literal["stricter", "looser", "mixed", "neutral"]
DIRECTIONS: tuple[Direction, ...] = ("stricter", "looser", "mixed", "neutral")

# Marked for the catalogue (the report pages translate them); the JSON keeps the codes.
KIND_WORDS = {
    "public_service": N_("public service"),
    "state_bodies": N_("leadership or other posts in state bodies"),
    "leadership": N_("leadership posts"),
    "field": N_("work in the field"),
    "unspecified": N_("experience"),
}
CONDITION_WORDS = {
    "degree": N_("with a scientific degree"),
    "study_abroad": N_("after study under the priority-specialities list"),
    "study_abroad_or_degree": N_("after study under the priority-specialities list or with a degree"),
    "higher_education": N_("with higher education"),
}
LEVEL_WORDS = {
    "postgraduate": N_("postgraduate"), "higher": N_("higher"),
    "technical_vocational": N_("technical and vocational"),
    "post_secondary": N_("post-secondary"), "secondary": N_("secondary"),
}
DIRECTION_WORDS = {"stricter": N_("stricter"), "looser": N_("looser"), "mixed": N_("mixed"),
                   "neutral": N_("neutral")}
ITEM_TYPE_WORDS = {"skill": N_("a skill"), "degree": N_("a scientific degree"), "study": N_("completed study"),
                   "not_required": N_("no experience required")}


@dataclass(frozen=True, slots=True)
class Step:
    """One difference of facts, and which way it goes."""

    direction: Literal["stricter", "looser", "mixed"]
    said: Message
    """In words: "public service 2 → 3 years", "education field removed: құқық"."""

    @property
    def words(self) -> str:
        """The step in English (JSON, terminal text)."""
        return str(self.said)


@dataclass(frozen=True, slots=True)
class ChangeDirection:
    """The direction of one field change, with the facts it was read from."""

    direction: Direction
    steps: tuple[Step, ...]
    """Empty exactly when neutral."""
    old: dict[str, Any] | None
    """The facts of the old text (as in edition@1 `facts`), None when there was no old text."""
    new: dict[str, Any] | None

    def description(self) -> Message:
        """"stricter: public service 2 → 3 years"; "neutral: only the wording changed"."""
        if not self.steps:
            return message("neutral: only the wording changed")
        return message("%(direction)s: %(steps)s", direction=message(DIRECTION_WORDS[self.direction]),
                       steps=steps_said(self.steps))

    def describe(self) -> str:
        """`description` in English."""
        return str(self.description())


def steps_said(steps: Iterable[Step]) -> Joined:
    """Steps one after another: "public service 2 → 3 years; added: …"."""
    return joined("; ", (s.said for s in steps))


def combine(directions: Iterable[Direction | None]) -> Direction | None:
    """Several changes' directions as one: mixed when they pull both ways; None when none is known."""
    known = {d for d in directions if d is not None}
    if not known:
        return None
    if "mixed" in known or {"stricter", "looser"} <= known:
        return "mixed"
    for d in ("stricter", "looser"):
        if d in known:
            return d
    return "neutral"


def _years(n: int) -> Message:
    return plural_message("%(n)d year", "%(n)d years", n, n=n)


def _label(c: YearConstraint, parent: YearConstraint | None) -> Message:
    words = message(KIND_WORDS[c.kind])
    if parent is not None:
        words = message("of which %(what)s", what=words)
    if c.condition is not None:
        words = message("%(what)s (%(condition)s)", what=words, condition=message(CONDITION_WORDS[c.condition]))
    return words


def _constraint_words(c: YearConstraint, parent: YearConstraint | None) -> Message:
    return message("%(what)s %(years)s", what=_label(c, parent), years=_years(c.years))


def _keyed(constraints: Sequence[YearConstraint]) -> dict[tuple[Any, ...], tuple[YearConstraint, YearConstraint | None]]:
    """Constraints by what they are (alternative, kind, condition, part of what), in order."""
    out: dict[tuple[Any, ...], tuple[YearConstraint, YearConstraint | None]] = {}
    for c in constraints:
        parent = constraints[c.of_which] if c.of_which is not None else None
        key: tuple[Any, ...] = (c.alternative, c.kind, c.condition, parent.kind if parent else None)
        n = 2
        while key in out:  # the same kind twice in one alternative: keep both, in order
            key = (*key[:4], n)
            n += 1
        out[key] = (c, parent)
    return out


def compare_constraints(old: Sequence[YearConstraint], new: Sequence[YearConstraint]) -> list[Step]:
    """What differs between one experience item's old and new constraints."""
    a, b = _keyed(old), _keyed(new)
    old_alternatives = {c.alternative for c in old}
    new_alternatives = {c.alternative for c in new}
    steps: list[Step] = []
    for key, (c, parent) in a.items():
        if key in b:
            d = b[key][0]
            if d.years != c.years:
                direction: Literal["stricter", "looser"] = "stricter" if d.years > c.years else "looser"
                steps.append(Step(direction, message("%(what)s %(old)d → %(new)s", what=_label(c, parent),
                                                     old=c.years, new=_years(d.years))))
        elif c.alternative not in new_alternatives:
            steps.append(Step("stricter", message("alternative removed: %(what)s", what=_constraint_words(c, parent))))
        else:
            steps.append(Step("looser", message("removed: %(what)s", what=_constraint_words(c, parent))))
    for key, (d, parent) in b.items():
        if key in a:
            continue
        if d.alternative not in old_alternatives:
            steps.append(Step("looser", message("alternative added: %(what)s", what=_constraint_words(d, parent))))
        else:
            steps.append(Step("stricter", message("added: %(what)s", what=_constraint_words(d, parent))))
    return steps


def compare_education(old: EducationFacts, new: EducationFacts) -> list[Step]:
    """What differs between two education requirements' facts."""
    steps: list[Step] = []
    if old.level != new.level and old.level is not None and new.level is not None:
        up = LEVEL_ORDER.index(new.level) > LEVEL_ORDER.index(old.level)
        steps.append(Step("stricter" if up else "looser",
                          message("level of education %(old)s → %(new)s", old=message(LEVEL_WORDS[old.level]),
                                  new=message(LEVEL_WORDS[new.level]))))
    old_keys = {comparable(f): f for f in old.fields}
    new_keys = {comparable(f): f for f in new.fields}
    removed = [f for k, f in old_keys.items() if k not in new_keys]
    added = [f for k, f in new_keys.items() if k not in old_keys]
    if removed:
        # The fields are the act's words, shown as printed.
        steps.append(Step("stricter", message("education field removed: %(fields)s", fields=", ".join(removed))))
    if added:
        steps.append(Step("looser", message("education field added: %(fields)s", fields=", ".join(added))))
    return steps


def _result(steps: list[Step], old: dict[str, Any] | None, new: dict[str, Any] | None) -> ChangeDirection:
    direction = combine([s.direction for s in steps]) or "neutral"
    return ChangeDirection(direction, tuple(steps), old, new)


def _constraints_dict(constraints: Sequence[YearConstraint]) -> list[dict[str, Any]]:
    return [{"years": c.years, "kind": c.kind, "of_which": c.of_which, "alternative": c.alternative,
             "condition": c.condition, "text": c.text} for c in constraints]


def _item_facts(text: str) -> dict[str, Any] | None:
    reading = read_item(text)
    if reading.unread_reason is not None:
        return None
    return {"type": reading.type, "condition": reading.condition,
            "experience": _constraints_dict(reading.constraints)}


def item_direction(old: str, new: str) -> ChangeDirection | None:
    """The direction of an experience item's change ("" for an item added or removed)."""
    old_facts = _item_facts(old) if old else None
    new_facts = _item_facts(new) if new else None
    if (old and old_facts is None) or (new and new_facts is None) or (not old and not new):
        return None
    if not old:
        return _result([Step("looser", message("alternative added: %(what)s", what=_item_words(new)))],
                       None, new_facts)
    if not new:
        return _result([Step("stricter", message("alternative removed: %(what)s", what=_item_words(old)))],
                       old_facts, None)
    a, b = read_item(old), read_item(new)
    if a.type != b.type or a.condition != b.condition:
        return _result([Step("mixed", message("%(old)s → %(new)s", old=_item_words(old), new=_item_words(new)))],
                       old_facts, new_facts)
    return _result(compare_constraints(a.constraints, b.constraints), old_facts, new_facts)


def _item_words(text: str) -> Message | Joined:
    reading = read_item(text)
    if reading.constraints:
        by_index = reading.constraints
        return joined(", ", (
            _constraint_words(c, by_index[c.of_which] if c.of_which is not None else None)
            for c in reading.constraints
        ))
    assert reading.type is not None and reading.type != "years"
    return message(ITEM_TYPE_WORDS[reading.type])


def education_direction(old: str, new: str) -> ChangeDirection | None:
    """The direction of an education change; None when either text is not read as facts."""
    (a, a_reason), (b, b_reason) = read_education(old), read_education(new)
    if a_reason is not None or b_reason is not None:
        return None

    def as_dict(e: EducationFacts) -> dict[str, Any]:
        return {"level": e.level, "fields": list(e.fields)}

    return _result(compare_education(a, b), as_dict(a), as_dict(b))


def direction_of(change: FieldChange) -> ChangeDirection | None:
    """The direction of a differ's field change, or None when it carries no facts."""
    if change.field == "education":
        return education_direction(change.old, change.new)
    if change.field == "experience" and change.part == "item":
        return item_direction(change.old, change.new)
    return None


def direction_to_dict(d: ChangeDirection) -> dict[str, Any]:
    """The keys diff@1 adds to a change with a direction (docs/json-diff.md)."""
    return {
        "direction": d.direction,
        "direction_text": d.describe(),
        "direction_steps": [{"direction": s.direction, "text": s.words} for s in d.steps],
        "facts": {"old": d.old, "new": d.new},
    }


def position_direction(changes: Iterable[FieldChange]) -> Direction | None:
    """One matched position's direction: its changes' directions combined (`combine`)."""
    return combine(d.direction if (d := direction_of(c)) is not None else None for c in changes)


def direction_counts(positions: Iterable[Iterable[FieldChange]]) -> dict[str, int]:
    """diff@1 ``summary.directions``: how many matched positions went each way."""
    counts: dict[str, int] = {d: 0 for d in DIRECTIONS}
    for changes in positions:
        d = position_direction(changes)
        if d is not None:
            counts[d] += 1
    return counts
