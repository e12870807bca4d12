"""What changed between two editions, position by position: the differ.

`compare_editions` matches the editions (compare/match.py) and turns every pair into
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

Every text change carries a word diff (compare.textdiff.word_diff) and a kind
(compare.textdiff.change_kind): "editorial" and "reordering" changes are listed but not
substantive; "small" (typo fixes) and "substantive" ones are substantive.  A
matched position is "changed" exactly when one of its changes is substantive.

`compare_texts` and `compare_files` parse first; `comparison_to_dict` gives the
JSON contract ``amendtrack/diff@1`` (docs/json-diff.md).  Formatters never look
back at the editions: a `Comparison` carries both old and new values.

"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import Any

from amendtrack.compare.match import (
    DEFAULT_THRESHOLD,
    Alignment,
    Pair,
    UnitPair,
    in_document_order,
    match_editions,
)
from amendtrack.compare.provision_diff import compare_provisions
from amendtrack.compare.records import (
    ActChange,
    ActField,
    ChangeField,
    Comparison,
    ExperiencePart,
    FieldChange,
    PositionAdded,
    PositionEntry,
    PositionMatched,
    PositionRemoved,
    Repeal,
    RepealStatement,
    UnitChange,
)
from amendtrack.compare.similarity import similarity
from amendtrack.compare.textdiff import (
    ChangeKind,
    change_kind,
    is_reordering,
    word_diff,
)
from amendtrack.model import ActHeader, Edition, Position, Unit
from amendtrack.normalize import comparable
from amendtrack.parse.edition import parse_edition, parse_file
from amendtrack.parse.events import read_act_notes
from amendtrack.parse.notes import AmendmentEvent, Remark, UnparsedNote

__all__ = [
    "compare_aligned",
    "compare_editions",
    "compare_files",
    "compare_texts",
    "same_act",
]


# Two experience items that are not the same text pair up as "changed" when their
# word similarity reaches this; below it, one is removed and the other added.
# Half the words in order: "3 жылдан кем емес" → "5 жылдан кем емес" scores well
# above it, two different alternatives of one list (a different job field) below.
ITEM_THRESHOLD = 0.5
_ANNOTATIONS = ("status_text", "repeal_text", "notes")


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
    if r is s or r == s:
        # Equal requirements change nothing (most matched pairs of a history: the
        # loader shares the unchanged ones between editions, so `is` answers).
        return tuple(changes)
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
    for reading in read_act_notes(new.act, new.language).readings:
        match reading.note:
            case AmendmentEvent() as event if event.action in ("repealed", "lapsed") and event.target == "act":
                statements.append(RepealStatement(reading.source, reading.printed, event, None))
            case AmendmentEvent() | Remark():
                continue  # a note about some other change: not a repeal statement
            case UnparsedNote() as unread:
                if reading.source == "header":
                    statements.append(RepealStatement(reading.source, reading.printed, None, unread.reason))
    return Repeal(tuple(statements))


# ---------------------------------------------------------------- comparing


def compare_editions(old: Edition, new: Edition, threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """Compare two parsed editions position by position.

    :param old: the earlier edition.
    :param new: the later edition.
    :param threshold: the matcher's similarity threshold (compare.match.DEFAULT_THRESHOLD).
    :raises ValueError: if the threshold is not in (0, 1].
    """
    return compare_aligned(old, new, match_editions(old, new, threshold))


def compare_aligned(old: Edition, new: Edition, alignment: Alignment) -> Comparison:
    """`compare_editions` given the editions' alignment: what changed in each pair.

    Matching is the part of a comparison whose cost grows with how much
    changed; this is the rest, so that an alignment kept from an earlier run
    (history.store.EditionStore.get_alignment) spares it.

    :param old: the earlier edition.
    :param new: the later edition.
    :param alignment: `compare.match.match_editions(old, new, threshold)`.
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
