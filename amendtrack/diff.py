"""What changed between two editions, position by position: the differ.

`compare_editions` matches the editions (match.py) and turns every pair into
change records, one small immutable type per kind of record:

* per position: `PositionAdded`, `PositionRemoved` or `PositionMatched` (whose
  `status` is "changed", "unchanged" or "repealed");
* per field of a matched position: `FieldChange` -- title, category, unit (a
  move), education, competence, duties, and experience item by item (items are
  matched one to one: each is added, removed or changed), plus the experience
  intro and trailer;
* per unit: `UnitChange` (added, removed, renamed, renumbered), reported once
  rather than as a change of every position in it;
* per act: `ActChange` (status, title, number, ..., the publisher's notes), and a
  `Repeal` when NEW is a repealed edition of the same act that OLD has in force.

Every text change carries a word diff (textdiff.word_diff) and a kind
(textdiff.change_kind): "editorial" and "reordering" changes are listed but not
substantive; "small" (typo fixes) and "substantive" ones are substantive.  A
matched position is "changed" exactly when one of its changes is substantive.

`compare_texts` and `compare_files` parse first; `comparison_to_dict` gives the
JSON contract ``amendtrack/diff@1`` (docs/json-diff.md).  Formatters never look
back at the editions: a `Comparison` carries both old and new values.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from amendtrack.match import (
    DEFAULT_THRESHOLD,
    Alignment,
    Pair,
    UnitPair,
    in_document_order,
    match_editions,
)
from amendtrack.direction import direction_counts, direction_of, direction_to_dict
from amendtrack.model import ActHeader, Edition, Position, Unit
from amendtrack.normalize import comparable
from amendtrack.notes import AmendmentEvent, Remark, UnparsedNote, parse_note
from amendtrack.parse import parse_edition, parse_file
from amendtrack.provision_diff import (
    ProvisionChange,
    compare_provisions,
    provision_change_to_dict,
    provision_counts,
)
from amendtrack.textdiff import (
    ChangeKind,
    Span,
    change_kind,
    is_reordering,
    similarity,
    word_diff,
)

__all__ = [
    "SCHEMA",
    "ActChange",
    "Comparison",
    "FieldChange",
    "PositionAdded",
    "PositionEntry",
    "PositionMatched",
    "PositionRemoved",
    "Repeal",
    "RepealStatement",
    "Summary",
    "UnitChange",
    "compare_aligned",
    "compare_editions",
    "compare_files",
    "compare_texts",
    "comparison_to_dict",
    "comparison_to_json",
    "same_act",
    "status_of",
]

SCHEMA = "amendtrack/diff@1"

ChangeField = Literal["title", "category", "unit", "education", "competence", "experience", "duties"]
ExperiencePart = Literal["intro", "item", "trailer"]
PositionStatus = Literal["added", "removed", "changed", "unchanged", "repealed"]

SUBSTANTIVE_KINDS: frozenset[str] = frozenset({"small", "substantive"})
"""Kinds of change that make a position "changed"; "small" is a typo fix, still substantive."""

# Two experience items that are not the same text pair up as "changed" when their
# word similarity reaches this; below it, one is removed and the other added.
# Half the words in order: "3 жылдан кем емес" → "5 жылдан кем емес" scores well
# above it, two different alternatives of one list (a different job field) below.
ITEM_THRESHOLD = 0.5


# ---------------------------------------------------------------- change records


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A change of one field (or one experience item) of a matched position."""

    field: ChangeField
    old: str
    """The old text as printed ("" when the item or part was added)."""
    new: str
    """The new text as printed ("" when the item or part was removed)."""
    ops: tuple[Span, ...]
    """Word diff: the EQUAL and DELETE texts join to `old`, EQUAL and INSERT to `new`."""
    kind: ChangeKind
    """"editorial", "reordering", "small" or "substantive" (textdiff.change_kind)."""
    part: ExperiencePart | None = None
    """For experience: "intro", "item" or "trailer"; None for other fields."""
    old_item: int | None = None
    """For an experience item: its 1-based number in OLD (None when added)."""
    new_item: int | None = None
    """For an experience item: its 1-based number in NEW (None when removed)."""

    @property
    def substantive(self) -> bool:
        """True for "small" and "substantive" changes."""
        return self.kind in SUBSTANTIVE_KINDS

    @property
    def action(self) -> Literal["added", "removed", "changed"]:
        """Whether the text (an item, an intro) was added, removed or changed."""
        if not self.old and self.new:
            return "added"
        if self.old and not self.new:
            return "removed"
        return "changed"


@dataclass(frozen=True, slots=True)
class PositionAdded:
    """A position only in NEW."""

    new: Position


@dataclass(frozen=True, slots=True)
class PositionRemoved:
    """A position only in OLD."""

    old: Position


@dataclass(frozen=True, slots=True)
class PositionMatched:
    """A position in both editions, with what changed in it."""

    old: Position
    new: Position
    stage: str
    """How the matcher paired them: "identical", "title" or "similar"."""
    score: float
    """The matcher's similarity of the pair."""
    changes: tuple[FieldChange, ...]
    """Every change, substantive or not, in field order (title, category, unit,
    education, competence, experience, duties)."""
    repealed: bool
    """True when NEW repeals the whole act (see `Repeal`)."""

    @property
    def status(self) -> PositionStatus:
        """"repealed" when the act was repealed, else "changed" exactly when a change is substantive."""
        if self.repealed:
            return "repealed"
        return "changed" if self.substantive else "unchanged"

    @property
    def substantive(self) -> bool:
        """True when at least one change is substantive."""
        return any(c.substantive for c in self.changes)


PositionEntry = PositionAdded | PositionRemoved | PositionMatched


def status_of(entry: PositionEntry) -> PositionStatus:
    """The JSON status of a position entry."""
    match entry:
        case PositionAdded():
            return "added"
        case PositionRemoved():
            return "removed"
        case PositionMatched():
            return entry.status
    raise TypeError(entry)  # pragma: no cover


@dataclass(frozen=True, slots=True)
class UnitChange:
    """A unit added, removed, renamed or renumbered (reported once, not per position)."""

    old: Unit | None
    new: Unit | None
    name: FieldChange | None
    """The rename (field "unit"), or None when the name stayed (or the unit was added/removed)."""
    renumbered: bool
    """True when the printed number changed ("3." → "4.", or a number appeared or went)."""

    @property
    def action(self) -> Literal["added", "removed", "changed"]:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    @property
    def substantive(self) -> bool:
        """Added, removed, renumbered, or renamed in more than spelling."""
        return self.action != "changed" or self.renumbered or bool(self.name and self.name.substantive)


ActField = Literal[
    "title", "issuer", "act_type", "number", "date", "registration", "status",
    "status_text", "repeal_text", "notes",
]
_ANNOTATIONS = ("status_text", "repeal_text", "notes")


@dataclass(frozen=True, slots=True)
class ActChange:
    """A change in what the edition says about the act itself."""

    field: ActField
    old: str
    new: str
    ops: tuple[Span, ...]
    kind: str
    """A textdiff kind, or "annotation" for the publisher's status line, repeal
    sentence and notes: they describe the act's history, they are not its text."""

    @property
    def substantive(self) -> bool:
        return self.kind in SUBSTANTIVE_KINDS


@dataclass(frozen=True, slots=True)
class RepealStatement:
    """One place where NEW says the act was repealed: the header sentence or a note."""

    source: Literal["header", "note"]
    text: str
    """As printed."""
    event: AmendmentEvent | None
    """The statement read by notes.parse_note, or None when it could not be read."""
    problem: str | None
    """Why it could not be read (None when it was)."""


@dataclass(frozen=True, slots=True)
class Repeal:
    """NEW is a repealed edition of the act that OLD has in force."""

    statements: tuple[RepealStatement, ...]
    """Every repeal statement of NEW, header first, then notes in reading order."""

    @property
    def events(self) -> tuple[AmendmentEvent, ...]:
        return tuple(s.event for s in self.statements if s.event is not None)

    @property
    def repealing_act(self) -> AmendmentEvent | None:
        """The first statement read, when every statement read names the same act
        (number and date); None when none was read or they disagree."""
        events = self.events
        if not events:
            return None
        first = events[0].citing_act
        if all((e.citing_act.number, e.citing_act.date) == (first.number, first.date) for e in events):
            return events[0]
        return None


@dataclass(frozen=True, slots=True)
class Summary:
    """How many positions have each status."""

    added: int
    removed: int
    changed: int
    unchanged: int
    repealed: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything that differs between two editions."""

    old: Edition
    new: Edition
    positions: tuple[PositionEntry, ...]
    """Every position of both editions exactly once, in document order of NEW
    (a removed position right after where its predecessor went)."""
    units: tuple[UnitChange, ...]
    """Units that were added, removed, renamed or renumbered, in the same order."""
    act: tuple[ActChange, ...]
    """Changes in the act's header, in a fixed field order."""
    repeal: Repeal | None
    """Set when NEW repeals the act that OLD has in force."""
    threshold: float
    """The matcher's similarity threshold."""
    provisions: tuple[ProvisionChange, ...] = ()
    """The act's own text (everything but positions) that differs, provision by
    provision (provision_diff.py): the order's text first, then each annex."""

    @property
    def summary(self) -> Summary:
        counts = {s: 0 for s in ("added", "removed", "changed", "unchanged", "repealed")}
        for entry in self.positions:
            counts[status_of(entry)] += 1
        return Summary(**counts)

    @property
    def has_differences(self) -> bool:
        """True when anything substantive differs: a position added, removed,
        changed or repealed, a unit change, or a substantive change of the act."""
        s = self.summary
        return bool(
            s.added or s.removed or s.changed or s.repealed
            or any(u.substantive for u in self.units)
            or any(a.substantive for a in self.act)
            or any(p.substantive for p in self.provisions)
        )


# ---------------------------------------------------------------- text changes


def _text_change(
    field: ChangeField, old: str, new: str, *, part: ExperiencePart | None = None,
    old_item: int | None = None, new_item: int | None = None, kind: ChangeKind | None = None,
) -> FieldChange:
    return FieldChange(
        field=field, old=old, new=new, ops=word_diff(old, new),
        kind=kind or change_kind(old, new), part=part, old_item=old_item, new_item=new_item,
    )


def _if_changed(field: ChangeField, old: str, new: str, **kw: Any) -> Iterator[FieldChange]:
    """A change when the printed texts differ at all (editorial differences included)."""
    if old != new:
        yield _text_change(field, old, new, **kw)


def _place(position: Position) -> str:
    """Where a position stands, as printed: unit (with its number), then subunit."""
    parts = []
    if position.unit is not None:
        u = position.unit
        parts.append(f"{u.number}. {u.name}" if u.number else u.name)
    if position.subunit is not None:
        parts.append(position.subunit.name)
    return " / ".join(parts)


def _unit_change(old: Position, new: Position, unit_map: dict[tuple[int, int], Unit | None]) -> Iterator[FieldChange]:
    """A move: NEW's unit is not the one OLD's unit became, or the subunit changed."""
    if old.unit is None:
        moved = new.unit is not None
    else:
        counterpart = unit_map.get((old.unit.annex, old.unit.ordinal))
        moved = counterpart is None or new.unit is None or (
            (counterpart.annex, counterpart.ordinal) != (new.unit.annex, new.unit.ordinal)
        )
    old_sub = comparable(old.subunit.name) if old.subunit else ""
    new_sub = comparable(new.subunit.name) if new.subunit else ""
    if moved or old_sub != new_sub or old.annex != new.annex:
        # The place is printed text, but the change is the move itself, whatever
        # the words: it is always substantive.
        yield _text_change("unit", _place(old), _place(new), kind="substantive")


def _match_items(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None, bool]]:
    """Pair experience items one to one: (old index, new index, moved).

    First the longest run-preserving matches of equal items (comparison form);
    then equal items that moved (``moved`` True); then the most similar
    remaining items at `ITEM_THRESHOLD` or better (or with the same words in
    another order); the rest are added or removed.  Ordered like the positions.
    """
    old_keys = [comparable(t) for t in old]
    new_keys = [comparable(t) for t in new]
    pairs: dict[int, tuple[int, bool]] = {}
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = (block.b + k, False)
    used_new = {j for j, _ in pairs.values()}
    candidates = []
    for i in range(len(old)):
        if i in pairs:
            continue
        for j in range(len(new)):
            if j in used_new:
                continue
            if old_keys[i] == new_keys[j]:
                rank = (2.0,)
            elif is_reordering(old[i], new[j]):
                rank = (1.0,)
            else:
                score = similarity(old[i], new[j])
                if score < ITEM_THRESHOLD:
                    continue
                rank = (score,)
            candidates.append((rank, i, j))
    candidates.sort(key=lambda c: (-c[0][0], c[1], c[2]))
    for rank, i, j in candidates:
        if i in pairs or j in used_new:
            continue
        pairs[i] = (j, rank[0] == 2.0)
        used_new.add(j)
    rows: list[tuple[int | None, int | None, bool]] = [(i, j, moved) for i, (j, moved) in pairs.items()]
    rows += [(i, None, False) for i in range(len(old)) if i not in pairs]
    rows += [(None, j, False) for j in range(len(new)) if j not in used_new]
    return in_document_order(rows, lambda r: r[0], lambda r: r[1])


def _experience_changes(old: Position, new: Position) -> Iterator[FieldChange]:
    a, b = old.requirements.experience, new.requirements.experience
    yield from _if_changed("experience", a.intro or "", b.intro or "", part="intro")
    # Equal lists pair item k with item k and change nothing: skip the pairing,
    # the most common case by far (most positions of an amended edition are untouched).
    pairs = [] if a.items == b.items else _match_items(a.items, b.items)
    for i, j, moved in pairs:
        old_text = a.items[i] if i is not None else ""
        new_text = b.items[j] if j is not None else ""
        numbers = {"old_item": None if i is None else i + 1, "new_item": None if j is None else j + 1}
        if moved:
            # The same alternative, printed elsewhere in the list: the list's order
            # carries no meaning, so this is shown as a reordering.
            yield _text_change("experience", old_text, new_text, part="item", kind="reordering", **numbers)
        else:
            yield from _if_changed("experience", old_text, new_text, part="item", **numbers)
    yield from _if_changed("experience", a.trailer or "", b.trailer or "", part="trailer")


def _position_changes(old: Position, new: Position, unit_map: dict[tuple[int, int], Unit | None]) -> tuple[FieldChange, ...]:
    """Every change of a matched pair, in field order."""
    changes: list[FieldChange] = []
    changes += _if_changed("title", old.title, new.title)
    if old.category.code != new.category.code:
        changes.append(_text_change("category", old.category.printed, new.category.printed, kind="substantive"))
    elif old.category.printed != new.category.printed:
        changes.append(_text_change("category", old.category.printed, new.category.printed, kind="editorial"))
    changes += _unit_change(old, new, unit_map)
    r, s = old.requirements, new.requirements
    changes += _if_changed("education", r.education, s.education)
    changes += _if_changed("competence", r.competence, s.competence)
    changes += _experience_changes(old, new)
    changes += _if_changed("duties", r.duties, s.duties)
    return tuple(changes)


# ---------------------------------------------------------------- units and act


def _unit_changes(units: Sequence[UnitPair]) -> tuple[UnitChange, ...]:
    out = []
    for pair in units:
        if pair.old is None or pair.new is None:
            out.append(UnitChange(pair.old, pair.new, None, False))
            continue
        name = None
        if pair.old.name != pair.new.name:
            name = _text_change("unit", pair.old.name, pair.new.name)
        renumbered = (pair.old.number or "") != (pair.new.number or "")
        if name is not None or renumbered:
            out.append(UnitChange(pair.old, pair.new, name, renumbered))
    return tuple(out)


def _act_value(act: ActHeader, field: ActField) -> str:
    if field == "registration":
        r = act.registration
        return " ".join(x for x in (r.number and f"No. {r.number}", r.date and f"of {r.date}") if x)
    if field == "notes":
        return "\n".join(act.notes)
    value = getattr(act, field)
    return value or ""


_ACT_FIELDS: tuple[ActField, ...] = (
    "title", "issuer", "act_type", "number", "date", "registration", "status",
    "status_text", "repeal_text", "notes",
)


def _act_changes(old: ActHeader, new: ActHeader) -> tuple[ActChange, ...]:
    out = []
    for field in _ACT_FIELDS:
        a, b = _act_value(old, field), _act_value(new, field)
        if a == b:
            continue
        if field in _ANNOTATIONS:
            kind = "annotation"
        elif field in ("status", "number", "date", "registration"):
            kind = "substantive"  # a fact, not wording: any difference matters
        else:
            kind = change_kind(a, b)
        out.append(ActChange(field, a, b, word_diff(a, b), kind))
    return tuple(out)


def same_act(old: ActHeader, new: ActHeader) -> bool:
    """Whether two headers are of the same act, by the facts both of them give.

    Registration number first (the Ministry of Justice's number identifies the
    act), else number and date of signature, else the title (comparison form).
    Unknown facts are not taken as agreement: with no common fact known, False.
    """
    a, b = old.registration.number, new.registration.number
    if a and b:
        return a == b
    if old.number and new.number and old.date and new.date:
        return (old.number, old.date) == (new.number, new.date)
    return bool(old.title) and comparable(old.title) == comparable(new.title)


def _repeal(old: Edition, new: Edition) -> Repeal | None:
    """The repeal NEW records, when NEW is a repealed edition of OLD's act in force."""
    if not (old.act.status == "in_force" and new.act.status == "repealed" and same_act(old.act, new.act)):
        return None
    statements = []
    sources: list[tuple[Literal["header", "note"], str]] = []
    if new.act.repeal_text:
        sources.append(("header", new.act.repeal_text))
    sources += [("note", note) for note in new.act.notes]
    for source, text in sources:
        note = parse_note(text, new.language)
        match note:
            case AmendmentEvent() if note.action in ("repealed", "lapsed") and note.target == "act":
                statements.append(RepealStatement(source, text, note, None))
            case AmendmentEvent():
                continue  # a note about some other change: not a repeal statement
            case Remark():
                continue
            case UnparsedNote():
                if source == "header":
                    statements.append(RepealStatement(source, text, None, note.reason))
    return Repeal(tuple(statements))


# ---------------------------------------------------------------- comparing


def compare_editions(old: Edition, new: Edition, threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """Compare two parsed editions position by position.

    :param old: the earlier edition.
    :param new: the later edition.
    :param threshold: the matcher's similarity threshold (match.DEFAULT_THRESHOLD).
    :raises ValueError: if the threshold is not in (0, 1].
    """
    return compare_aligned(old, new, match_editions(old, new, threshold))


def compare_aligned(old: Edition, new: Edition, alignment: Alignment) -> Comparison:
    """`compare_editions` given the editions' alignment: what changed in each pair.

    Matching is the part of a comparison whose cost grows with how much
    changed; this is the rest, so that an alignment kept from an earlier run
    (store.EditionStore.get_alignment) spares it.

    :param old: the earlier edition.
    :param new: the later edition.
    :param alignment: `match.match_editions(old, new, threshold)`.
    """
    repeal = _repeal(old, new)
    unit_map: dict[tuple[int, int], Unit | None] = {
        (u.old.annex, u.old.ordinal): u.new for u in alignment.units if u.old is not None
    }
    entries: list[PositionEntry] = []
    for pair in alignment.pairs:
        entries.append(_entry(pair, unit_map, repealed=repeal is not None))
    return Comparison(
        old=old,
        new=new,
        positions=tuple(entries),
        units=_unit_changes(alignment.units),
        act=_act_changes(old.act, new.act),
        repeal=repeal,
        threshold=alignment.threshold,
        provisions=compare_provisions(old, new, alignment.units, alignment.threshold),
    )


def _entry(pair: Pair, unit_map: dict[tuple[int, int], Unit | None], *, repealed: bool) -> PositionEntry:
    if pair.old is None:
        assert pair.new is not None
        return PositionAdded(pair.new)
    if pair.new is None:
        return PositionRemoved(pair.old)
    return PositionMatched(
        old=pair.old, new=pair.new, stage=pair.stage, score=pair.score,
        changes=_position_changes(pair.old, pair.new, unit_map), repealed=repealed,
    )


def compare_texts(
    old_text: str, new_text: str, old_path: str = "<old>", new_path: str = "<new>",
    threshold: float = DEFAULT_THRESHOLD,
) -> Comparison:
    """Parse two edition texts and compare them.

    :param old_text: the earlier edition's text.
    :param new_text: the later edition's text.
    :param old_path: shown in messages and recorded as the old source.
    :param new_path: likewise for the new text.
    :param threshold: see `compare_editions`.
    :raises ParseError: when a text holds no position.
    """
    return compare_editions(parse_edition(old_text, old_path), parse_edition(new_text, new_path), threshold)


def compare_files(
    old_path: str, new_path: str, encoding: str | None = None, max_bytes: int | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Comparison:
    """Read, parse and compare two edition files.

    :param old_path: the earlier edition's file.
    :param new_path: the later edition's file.
    :param encoding: read both in this encoding (default: detect).
    :param max_bytes: refuse larger files (default: reading's limit).
    :param threshold: see `compare_editions`.
    :raises InputError: when a file cannot be read as text (ParseError when it holds no position).
    """
    old = parse_file(old_path, encoding=encoding, max_bytes=max_bytes)
    new = parse_file(new_path, encoding=encoding, max_bytes=max_bytes)
    return compare_editions(old, new, threshold)


# ---------------------------------------------------------------- JSON


def _ops(ops: Sequence[Span]) -> list[list[int | str]]:
    return [[int(op), text] for op, text in ops]


def _edition_info(e: Edition) -> dict[str, Any]:
    return {
        "path": e.source.path,
        "sha256": e.source.sha256,
        "act_number": e.act.number,
        "act_date": e.act.date,
        "registration_number": e.act.registration.number,
        "status": e.act.status,
        "title": e.act.title,
        "language": e.language,
        "positions": len(e.positions),
    }


def _position_ref(p: Position) -> dict[str, Any]:
    return {
        "id": p.id,
        "annex": p.annex,
        "unit": p.unit.name if p.unit else None,
        "title": p.title,
        "category": p.category.code,
        "seq": p.seq,
        "unit_number": p.unit.number if p.unit else None,
        "subunit": p.subunit.name if p.subunit else None,
        "lines": [p.lines.first, p.lines.last],
    }


def _change_dict(c: FieldChange) -> dict[str, Any]:
    d: dict[str, Any] = {
        "field": c.field,
        "kind": c.kind,
        "substantive": c.substantive,
        "small": c.kind == "small",
        "old": c.old,
        "new": c.new,
        "ops": _ops(c.ops),
    }
    if c.part is not None:
        d["part"] = c.part
        d["action"] = c.action
    if c.part == "item":
        d["old_item"] = c.old_item
        d["new_item"] = c.new_item
    # Stricter or looser, with the facts before and after (direction.py); only on
    # changes whose texts carry facts that could be read.
    direction = direction_of(c)
    if direction is not None:
        d.update(direction_to_dict(direction))
    return d


def _unit_ref(u: Unit | None) -> dict[str, Any] | None:
    if u is None:
        return None
    return {"annex": u.annex, "ordinal": u.ordinal, "number": u.number, "name": u.name}


def _entry_dict(entry: PositionEntry) -> dict[str, Any]:
    match entry:
        case PositionAdded(new=new):
            return {"status": "added", "old": None, "new": _position_ref(new), "changes": []}
        case PositionRemoved(old=old):
            return {"status": "removed", "old": _position_ref(old), "new": None, "changes": []}
        case PositionMatched():
            return {
                "status": entry.status,
                "old": _position_ref(entry.old),
                "new": _position_ref(entry.new),
                "match": entry.stage,
                "score": round(entry.score, 4),
                "changes": [_change_dict(c) for c in entry.changes],
            }
    raise TypeError(entry)  # pragma: no cover


def _repeal_dict(repeal: Repeal | None) -> dict[str, Any] | None:
    if repeal is None:
        return None
    act = repeal.repealing_act
    return {
        "repealing_act": act.citing_act.to_dict() if act else None,
        "statements": [
            {
                "source": s.source,
                "text": s.text,
                "event": s.event.to_dict() if s.event else None,
                "problem": s.problem,
            }
            for s in repeal.statements
        ],
    }


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The JSON contract ``amendtrack/diff@1`` (docs/json-diff.md) as plain data.

    :param c: a comparison from `compare_editions`.
    """
    s = c.summary
    return {
        "schema": SCHEMA,
        "old": _edition_info(c.old),
        "new": _edition_info(c.new),
        "summary": {
            "added": s.added,
            "removed": s.removed,
            "changed": s.changed,
            "unchanged": s.unchanged,
            "repealed": s.repealed,
            "units_changed": len(c.units),
            "act_changed": any(a.substantive for a in c.act),
            "different": c.has_differences,
            "directions": direction_counts(
                e.changes for e in c.positions if isinstance(e, PositionMatched) and e.substantive
            ),
            **provision_counts(c.provisions),
        },
        "threshold": c.threshold,
        "act": {
            "changes": [
                {"field": a.field, "kind": a.kind, "substantive": a.substantive,
                 "old": a.old, "new": a.new, "ops": _ops(a.ops)}
                for a in c.act
            ],
            "repeal": _repeal_dict(c.repeal),
        },
        "units": [
            {
                "action": u.action,
                "old": _unit_ref(u.old),
                "new": _unit_ref(u.new),
                "renamed": u.name is not None,
                "renumbered": u.renumbered,
                "substantive": u.substantive,
                "changes": [_change_dict(u.name)] if u.name else [],
            }
            for u in c.units
        ],
        "positions": [_entry_dict(e) for e in c.positions],
        "provisions": [provision_change_to_dict(p) for p in c.provisions],
    }


def comparison_to_json(c: Comparison) -> str:
    """`comparison_to_dict` as JSON text (UTF-8 letters kept, indented, final newline).

    :param c: a comparison from `compare_editions`.
    """
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2) + "\n"

