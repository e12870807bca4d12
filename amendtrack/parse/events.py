"""The publisher's notes on an act, read into amendment events.

An edition's header carries the publisher's editorial notes (Ескерту/Сноска)
and, in a repealed text, a repeal sentence ("Күші жойылды - … № 927
бұйрығымен").  `read_act_notes` reads them with `parse.notes.parse_note`.  A repeal
is reported twice in a repealed text, once in the header and once in a note;
both describe one event, so it is kept once, with both printed texts.  A note
that cannot be read is kept, with the reason, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from amendtrack.i18n import Message, message
from amendtrack.model import ActHeader
from amendtrack.parse.notes import (
    AmendmentEvent,
    Note,
    Remark,
    UnparsedNote,
    parse_note,
    split_notes,
)

EventSource = Literal["note", "header"]
"""Where an event's text was printed: an editorial note, or the header's repeal sentence."""


# ================================================================ events


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An amendment event as an edition records it, with every text that reports it."""

    event: AmendmentEvent
    source: EventSource
    """Where `event.text` was printed."""
    also_in: tuple[tuple[EventSource, str], ...] = ()
    """Other printed texts reporting the same event, as (source, text) pairs."""

    def to_dict(self) -> dict[str, object]:
        """`AmendmentEvent.to_dict()` plus ``from`` and ``also_in`` (docs/json-edition.md)."""
        d = self.event.to_dict()
        d["from"] = self.source
        d["also_in"] = [{"from": source, "text": text} for source, text in self.also_in]
        return d


@dataclass(frozen=True, slots=True)
class UnreadNote:
    """A note (or a header repeal sentence) that could not be read as an event."""

    source: EventSource
    text: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"from": self.source, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class NoteReading:
    """One printed statement (a note, or the header's repeal sentence) and how it reads."""

    source: EventSource
    printed: str
    """As printed: the header sentence as is, a note as `split_notes` cut it."""
    note: Note


@dataclass(frozen=True, slots=True)
class ActNotes:
    """What an edition's notes and header say about amendments, read."""

    readings: tuple[NoteReading, ...]
    """Every statement as read, the header's repeal sentence first, then the notes in
    reading order; `events`, `remarks` and `unread` are built from these."""

    events: tuple[RecordedEvent, ...]
    """In reading order: the notes first, then a header sentence that no note reports."""
    remarks: tuple[str, ...]
    """Institute remarks ("РҚАО ескертпесі …"): kept as printed, never events."""
    unread: tuple[UnreadNote, ...]
    """Notes that did not parse: kept as printed, with the reason."""
    warnings: tuple[Message, ...]
    """Disagreements between the texts (e.g. header and note cite different acts); English by `str`."""


def _event_key(event: AmendmentEvent) -> tuple[str, str, str, str]:
    # Issuers are printed in different spellings ("КР" / "Казақстан Республикасы")
    # and dates in words or digits, so an event is identified by what it does and
    # the citing act's number and date, never by its printed text.
    return (event.action, event.target, event.citing_act.number, event.citing_act.date.isoformat())


@lru_cache(maxsize=512)
def read_act_notes(act: ActHeader, language: str | None = None) -> ActNotes:
    """Read an edition's editorial notes and header repeal sentence into events.

    Each raw note is split (`parse.notes.split_notes`: several notes may share a
    paragraph) and parsed.  When the header sentence and a note report the same
    event (same action, target, citing act number and date), the note's event is
    kept (notes are the publisher's record of every amendment; the header
    sentence exists only for repeals) and the header text goes into `also_in`.

    This is the one place where an edition's notes are interpreted; the differ,
    the history and the JSON all read its result.  It is memoised: the header is
    frozen, and the report asks for the same editions' notes many times.

    :param act: the edition's header, as parsed.
    :param language: "kk" or "ru", passed to `parse.notes.parse_note`.
    """
    readings: list[NoteReading] = []
    events: list[RecordedEvent] = []
    remarks: list[str] = []
    unread: list[UnreadNote] = []
    warnings: list[Message] = []
    if act.repeal_text:
        readings.append(NoteReading("header", act.repeal_text, parse_note(act.repeal_text, language)))
    for raw in act.notes:
        for piece in split_notes(raw):
            note = parse_note(piece, language)
            readings.append(NoteReading("note", piece, note))
            if isinstance(note, AmendmentEvent):
                events.append(RecordedEvent(note, "note"))
            elif isinstance(note, Remark):
                remarks.append(note.text)
            else:
                unread.append(UnreadNote("note", note.text, note.reason))

    if act.repeal_text:
        header = readings[0].note
        if isinstance(header, AmendmentEvent):
            same = [i for i, e in enumerate(events) if _event_key(e.event) == _event_key(header)]
            if same:
                kept = events[same[0]]
                events[same[0]] = RecordedEvent(kept.event, kept.source, kept.also_in + (("header", header.text),))
            else:
                repeals = [e for e in events if e.event.action in ("repealed", "lapsed") and e.event.target == "act"]
                for other in repeals:
                    warnings.append(message(
                        "the header's repeal sentence cites act No. %(header_number)s of %(header_date)s, "
                        "a note cites No. %(note_number)s of %(note_date)s",
                        header_number=header.citing_act.number, header_date=header.citing_act.date.isoformat(),
                        note_number=other.event.citing_act.number, note_date=other.event.citing_act.date.isoformat(),
                    ))
                events.append(RecordedEvent(header, "header"))
        else:
            reason = header.reason if isinstance(header, UnparsedNote) else "a remark, not a repeal sentence"
            unread.append(UnreadNote("header", " ".join(act.repeal_text.split()), reason))
    return ActNotes(tuple(readings), tuple(events), tuple(remarks), tuple(unread), tuple(warnings))


def act_notes_to_dict(notes: ActNotes) -> dict[str, list[object]]:
    """The ``events``, ``remarks`` and ``unread_notes`` keys of the edition JSON's ``act``."""
    return {
        "events": [e.to_dict() for e in notes.events],
        "remarks": list(notes.remarks),
        "unread_notes": [u.to_dict() for u in notes.unread],
        "note_warnings": [str(w) for w in notes.warnings],
    }
