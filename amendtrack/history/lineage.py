"""The versioned position model: an act's editions, the acts that produced them,
and each position's life across them.

Two pure stages, each a function of values (files are read by `history/corpus.py`):

1. **History** (`build_history`): the editions in order, when each applied, the
   repeal, and a *lineage* for every position: the editions it appears in, its
   requirements in each, what changed between them, and the act that introduced,
   changed or ended it.  Positions are paired between consecutive editions by
   `compare.match.match_editions` (through `compare.differ.compare_editions`).  The repeal comes
   from the editions' notes (`parse.events.read_act_notes`).
2. **As of** (`history/as_of.py`): what applied on a day, from the history.

The terminal and JSON renderings are in `formats/history_text.py` and
`formats/history_json.py`.  Everything here is deterministic: orders are
explicit, nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from amendtrack.compare.differ import compare_editions
from amendtrack.compare.match import DEFAULT_THRESHOLD
from amendtrack.compare.records import (
    Comparison,
    FieldChange,
    PositionAdded,
    PositionMatched,
)
from amendtrack.dates import LegalDate
from amendtrack.history.bounds import Effective, effective_dates
from amendtrack.history.manifest import Expression, Work
from amendtrack.i18n import N_, Message, message
from amendtrack.model import Edition, Position
from amendtrack.normalize import comparable, words
from amendtrack.parse.events import ActNotes, RecordedEvent, read_act_notes
from amendtrack.parse.ids import ID_PREFIX
from amendtrack.parse.notes import (
    AmendmentEvent,
    CitingAct,
    act_message,
    reason_message,
)

# ================================================================ the history


LINEAGE_PREFIX = "L"
"""Lineage ids read "L…" where per-edition ids read "p…", so the two are never confused."""


@dataclass(frozen=True, slots=True)
class HistoryEdition:
    """One edition in the history: its manifest record, its parsed text and its notes, read."""

    index: int
    """1-based place in the history, oldest first."""
    expression: Expression
    edition: Edition
    notes: ActNotes
    in_force: bool
    """True for a text that was law; False for a repealed text (kept as the record)."""
    effective: Effective | None = None
    """When it takes effect with every bound the corpus gives (history/bounds.py); None: the manifest's date."""

    @property
    def date(self) -> dt.date:
        return self.expression.date

    @property
    def produced_by(self) -> CitingAct:
        return self.expression.produced_by

    @property
    def applies_from(self) -> LegalDate:
        """The manifest's date, as recorded (see `takes_effect` for what the corpus implies)."""
        return self.expression.applies_from

    @property
    def takes_effect(self) -> LegalDate:
        """When this edition takes effect: the manifest's date with every bound of history/bounds.py."""
        return self.effective.date if self.effective is not None else self.expression.applies_from

    def events_of(self, act: CitingAct) -> tuple[RecordedEvent, ...]:
        """The events of this edition's notes that cite `act` (same number and date)."""
        return tuple(e for e in self.notes.events if same_citing_act(e.event.citing_act, act))

    def label(self) -> str:
        return str(self.label_message())

    def label_message(self) -> Message:
        """"edition 2 of 2015-03-01" as a `Message`."""
        return message("edition %(index)s of %(date)s", index=self.index, date=self.date.isoformat())


@dataclass(frozen=True, slots=True)
class Repeal:
    """The repeal of the whole act: after it, no position is in force."""

    edition: int
    """The edition that records the repeal (the repealed text, kept as the record)."""
    act: CitingAct
    """The repealing act, as the manifest names it."""
    effective: LegalDate
    """When the repeal took effect (the repealed edition's `applies_from`)."""
    events: tuple[RecordedEvent, ...]
    """The repeal as the repealed text reports it (notes and header sentence)."""


Change = Literal["introduced", "changed", "unchanged"]


@dataclass(frozen=True, slots=True)
class Appearance:
    """A position as one edition prints it, and how it differs from the edition before."""

    edition: int
    position: Position
    change: Change
    """"introduced" (first appearance), "changed" (a substantive change, see
    compare.records.FieldChange.substantive) or "unchanged" (editorial differences at most)."""
    stage: str | None = None
    """How compare/match.py paired it with the previous appearance (None when introduced)."""
    score: float | None = None
    changes: tuple[FieldChange, ...] = ()
    """Every difference from the previous appearance, editorial ones included."""


@dataclass(frozen=True, slots=True)
class Ending:
    """What ended a position's time in force."""

    kind: Literal["removed", "repealed"]
    """"removed" by an amending edition, or "repealed" with the whole act."""
    edition: int
    """The edition produced by the ending act (for a repeal: the repealed text)."""
    act: CitingAct
    date: LegalDate


@dataclass(frozen=True, slots=True)
class Lineage:
    """One position's life: every edition it appears in, and when it was in force."""

    appearances: tuple[Appearance, ...]
    """Oldest first; consecutive editions, since a removed position starts no new life."""
    introduced_in: int | None
    """The first edition in force that holds it (None when only a repealed text does)."""
    in_force_from: LegalDate | None
    ending: Ending | None
    """None when it is still in force in the last edition of the corpus."""

    @property
    def key(self) -> str:
        """The position's id in the first edition it appears in."""
        return self.appearances[0].position.id

    @property
    def lineage_id(self) -> str:
        """The position's identity across editions: "L" and the digest of its first id.

        It stays the same while the matcher pairs the position from edition to
        edition, whatever its text becomes; a position that a later edition brings
        (a new one, or the part of a split the matcher could not pair) starts a
        lineage of its own.  See docs/history.md ("Lineage identity").
        """
        return LINEAGE_PREFIX + self.key.removeprefix(ID_PREFIX)

    @property
    def latest(self) -> Position:
        return self.appearances[-1].position

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id it had, in order (an id changes whenever its text does, see parse/ids.py)."""
        return tuple(dict.fromkeys(a.position.id for a in self.appearances))

    @property
    def changed_in(self) -> tuple[int, ...]:
        return tuple(a.edition for a in self.appearances if a.change == "changed")

    def in_edition(self, index: int) -> Appearance | None:
        return next((a for a in self.appearances if a.edition == index), None)


@dataclass(frozen=True, slots=True)
class History:
    """An act's editions in one language, its repeal, and every position's lineage."""

    work: Work
    language: str
    editions: tuple[HistoryEdition, ...]
    repeal: Repeal | None
    lineages: tuple[Lineage, ...]
    """Ordered by the edition that introduced them, then document order there."""
    warnings: tuple[Message, ...]
    """What in the corpus disagrees or could not be read; English by `str`."""
    comparisons: tuple[Comparison, ...] = ()
    """Each edition compared with the one before (edition 1 → 2 first): what the
    lineages were built from, kept so that nobody needs to compare them again."""

    @property
    def act(self) -> CitingAct:
        """The work as a citable act (dictionary forms, from the manifest)."""
        w = self.work
        return CitingAct(w.issuer, w.act_type, w.number, w.date)

    @property
    def in_force_editions(self) -> tuple[HistoryEdition, ...]:
        return tuple(e for e in self.editions if e.in_force)

    @property
    def entry_into_force(self) -> LegalDate | None:
        """When the act entered into force: its first edition in force's `takes_effect`."""
        first = self.in_force_editions
        return first[0].takes_effect if first else None

    def edition(self, index: int) -> HistoryEdition:
        return self.editions[index - 1]


def same_citing_act(a: CitingAct, b: CitingAct) -> bool:
    # Printed issuers and act-type words are inflected and spelled variously; an
    # act is identified by its number and date (docs/manifest.md).
    return (a.number, a.date) == (b.number, b.date)


def _is_act_repeal(event: AmendmentEvent) -> bool:
    return event.action in ("repealed", "lapsed") and event.target == "act"


Comparer = Callable[[Edition, Edition, float], Comparison]
"""``(old, new, threshold) -> Comparison``: `compare.differ.compare_editions`, or one that
keeps alignments between runs (`history.corpus.stored_comparer`)."""


def build_history(
    work: Work,
    language: str,
    editions: Sequence[tuple[Expression, Edition]],
    threshold: float = DEFAULT_THRESHOLD,
    compare: Comparer = compare_editions,
) -> History:
    """The history of one work in one language, from its editions oldest first.

    The first edition whose manifest status is "repealed" records the repeal:
    its producing act is the repealing act and its `applies_from` the date the
    repeal took effect.  Its text (and any later one) is the historical record:
    it is matched like any edition, so every lineage shows it, but nothing in it
    is in force.

    :param work: the manifest's work.
    :param language: the language of `editions`.
    :param editions: (manifest record, parsed edition) pairs, oldest first.
    :param threshold: the matcher's similarity threshold (compare.match.DEFAULT_THRESHOLD).
    :param compare: compares two consecutive editions (default `compare.differ.compare_editions`).
    :raises ValueError: when `editions` is empty or the threshold is not in (0, 1].
    """
    if not editions:
        raise ValueError("a history needs at least one edition")
    repeal_at = next((k for k, (x, _) in enumerate(editions, 1) if x.status == "repealed"), None)
    effective, bound_warnings = effective_dates(work, [x for x, _ in editions])
    warnings: list[Message] = list(bound_warnings)
    hist: list[HistoryEdition] = []
    for k, (expression, edition) in enumerate(editions, 1):
        he = HistoryEdition(k, expression, edition, read_act_notes(edition.act),
                            in_force=repeal_at is None or k < repeal_at, effective=effective[k - 1])
        hist.append(he)
        warnings += _edition_warnings(he, work, repeal_at)

    repeal = None
    if repeal_at is not None:
        he = hist[repeal_at - 1]
        events = tuple(e for e in he.events_of(he.produced_by) if _is_act_repeal(e.event))
        repeal = Repeal(repeal_at, he.produced_by, he.takes_effect, events)

    # Lineages, built edition by edition: `open_` maps a position id of the
    # previous edition to the lineage (an index into `lives`) it continues.
    lives: list[list[Appearance]] = [[Appearance(1, p, "introduced")] for p in hist[0].edition.positions]
    open_ = {p.id: i for i, p in enumerate(hist[0].edition.positions)}
    comparisons = []
    for he in hist[1:]:
        comparison = compare(hist[he.index - 2].edition, he.edition, threshold)
        comparisons.append(comparison)
        now: dict[str, int] = {}
        for entry in comparison.positions:
            if isinstance(entry, PositionAdded):
                lives.append([Appearance(he.index, entry.new, "introduced")])
                now[entry.new.id] = len(lives) - 1
            elif isinstance(entry, PositionMatched):
                i = open_[entry.old.id]
                change: Change = "changed" if entry.substantive else "unchanged"
                lives[i].append(Appearance(he.index, entry.new, change, entry.stage, entry.score, entry.changes))
                now[entry.new.id] = i
            elif not he.in_force:
                warnings.append(message(
                    "%(edition)s: the repealed text lacks the position %(id)s (%(title)s) of %(previous)s",
                    edition=he.label_message(), id=entry.old.id, title=entry.old.title,
                    previous=hist[he.index - 2].label_message(),
                ))
        open_ = now

    lineages = [_lineage(tuple(apps), hist, repeal) for apps in lives]
    lineages.sort(key=lambda g: (g.appearances[0].edition, g.appearances[0].position.seq))
    return History(work, language, tuple(hist), repeal, tuple(lineages), tuple(warnings), tuple(comparisons))


def _lineage(apps: tuple[Appearance, ...], hist: list[HistoryEdition], repeal: Repeal | None) -> Lineage:
    first = next((a.edition for a in apps if hist[a.edition - 1].in_force), None)
    last = apps[-1].edition
    ending = None
    if last < len(hist) and hist[last].in_force:
        nxt = hist[last]  # the edition after the last appearance (0-based `last`)
        ending = Ending("removed", nxt.index, nxt.produced_by, nxt.takes_effect)
    elif repeal is not None and first is not None:
        ending = Ending("repealed", repeal.edition, repeal.act, repeal.effective)
    return Lineage(apps, first, hist[first - 1].takes_effect if first else None, ending)


_STATUS_WORDS = {"in_force": N_("in force"), "repealed": N_("repealed")}


def _edition_warnings(he: HistoryEdition, work: Work, repeal_at: int | None) -> list[Message]:
    """What in an edition disagrees with the manifest, or could not be read."""
    out = []
    where = message("%(edition)s, %(path)s", edition=he.label_message(), path=he.edition.source.path)
    if he.edition.act.status != he.expression.status:
        out.append(message("%(where)s: the manifest records it as %(manifest)s, its text reads %(text)s",
                           where=where, manifest=_status_words(he.expression.status),
                           text=_status_words(he.edition.act.status)))
    for u in he.notes.unread:
        said = (N_("%(where)s: a note that was not read as an event (%(reason)s), kept as printed: %(text)s")
                if u.source == "note" else
                N_("%(where)s: a header repeal sentence that was not read as an event (%(reason)s), kept as "
                   "printed: %(text)s"))
        out.append(message(said, where=where, reason=reason_message(u.reason), text=u.text))
    out += [message("%(where)s: %(warning)s", where=where, warning=w) for w in he.notes.warnings]
    cited = he.events_of(he.produced_by)
    if repeal_at is not None and he.index == repeal_at:
        if not any(_is_act_repeal(e.event) for e in cited):
            found = [e for e in he.notes.events if _is_act_repeal(e.event)]
            if found:
                other = found[0].event.citing_act
                out.append(message("%(where)s: the text reports a repeal by act No. %(number)s of %(date)s, "
                                   "the manifest by %(act)s", where=where, number=other.number,
                                   date=other.date.isoformat(), act=act_message(he.produced_by)))
            else:
                out.append(message("%(where)s: the manifest records it as repealed by %(act)s, but its text "
                                   "reports no repeal of the act", where=where, act=act_message(he.produced_by)))
    elif repeal_at is not None and he.index > repeal_at:
        out.append(message("%(where)s: follows the repeal (edition %(repeal)s); kept as a record, never in force",
                           where=where, repeal=repeal_at))
    elif he.index > 1 and not cited:
        out.append(message("%(where)s: no note of this edition cites the act that produced it, %(act)s",
                           where=where, act=act_message(he.produced_by)))
    return out


def _status_words(status: str) -> Message | str:
    return message(_STATUS_WORDS[status]) if status in _STATUS_WORDS else status



# ================================================================ finding a position


# Users type category codes with whatever letters their keyboard has: canonical
# codes use Cyrillic С and О and Latin R (see model.Category).
_CODE_LETTERS = str.maketrans({"c": "с", "o": "о", "р": "r"})


def _code_key(word: str) -> str:
    return word.casefold().translate(_CODE_LETTERS)


def find_positions(history: History, query: str) -> tuple[Lineage, ...]:
    """The lineages a user's query names, best kind of match first.

    An id (of any edition) names its lineage.  Otherwise a title equal to the
    query (comparison form, any case) names its lineages; otherwise every word
    of the query must begin a word of the title, except a category code
    standing first or last, which must be the position's, in some edition ("директор" finds "Департамент директоры": Kazakh adds endings).

    :param history: the act's history.
    :param query: an id, or words of a title (and optionally a category code).
    """
    query = query.strip()
    by_id = tuple(g for g in history.lineages if query in g.ids or query == g.lineage_id)
    if by_id:
        return by_id
    key = comparable(query).casefold()
    exact = tuple(g for g in history.lineages
                  if any(comparable(a.position.title).casefold() == key for a in g.appearances))
    if exact:
        return exact
    wanted = [w.casefold() for w in words(query)]
    if not wanted:
        return ()

    def hits(p: Position) -> bool:
        title = [w.casefold() for w in words(p.title)]
        rest = wanted
        # A category code ("С-5") may stand first or last; words() splits it in two.
        code = [_code_key(w) for w in words(p.category.code)]
        n = len(code)
        if len(rest) > n and [_code_key(w) for w in rest[-n:]] == code:
            rest = rest[:-n]
        elif len(rest) > n and [_code_key(w) for w in rest[:n]] == code:
            rest = rest[n:]
        return all(any(t.startswith(w) for t in title) for w in rest)

    return tuple(g for g in history.lineages if any(hits(a.position) for a in g.appearances))
