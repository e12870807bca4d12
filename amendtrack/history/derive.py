"""Recover an act's original edition from its published repealed text.

When an act is repealed, the publisher changes nothing in its text but adds
three annotations, and only these:

1. a status line on its own ("Күшін жойған" / "Утратил силу") above the header;
2. a last sentence in the header paragraph, after the registration
   ("Күші жойылды - … № 927 бұйрығымен" / "Утратил силу приказом … № 927");
3. an editorial note ("Ескерту. Бұйрықтың күші жойылды - …" / "Сноска. Утратил
   силу …"), which may wrap over several lines.

Removing them gives the text as it stood before the repeal.  That is the
original edition only if the act was never amended, so any other amendment note
in the text is an error here, not something to skip: the result would silently
mix editions.  Institute remarks ("РҚАО ескертпесі") are not amendments and stay.

Removed lines are deleted, not blanked.  Line numbers below them shift (here by
four), which is acceptable for a derived file; blanking them instead would
create blank runs that read as paragraph or page breaks (a run of three blank
lines is a page break in this corpus).  A line that holds text before the
repeal sentence keeps that text, with the spaces before the cut removed.  Every
other byte is kept, so a line diff shows the removals and nothing else.
Deriving from a derived text changes nothing.

This module works on the raw lines, before any parse: it must find where each
note is printed (its lines) to cut it out, so it calls `parse_note` on
candidate runs of lines.  Interpreting a parsed edition's notes is
`parse.events.read_act_notes`'s job alone.
"""

from __future__ import annotations

import re

from amendtrack.errors import InputError
from amendtrack.parse.notes import (
    AmendmentEvent,
    Note,
    Remark,
    UnparsedNote,
    match_key,
    parse_note,
    split_notes,
    starts_note,
)
from amendtrack.parse.vocabulary import ENACTING_WORDS, REPEAL_SENTENCE, STATUS_REPEALED

# The enacting word ends the header region; it may be letter-spaced, glued to
# the preamble or carry its colon in front (":Б Ұ Й Ы Р А М Ы Н" in the seed),
# so it is sought with spaces removed.  It is printed in capitals; matching
# case keeps an ordinary word of a sentence from ending the header.
_ENACTING = re.compile("|".join(word.replace(" ", "") for word in ENACTING_WORDS))


def derive_original(published_text: str, *, source: str = "<text>") -> str:
    """The published repealed text without the publisher's repeal annotations.

    :param published_text: the edition's text, exactly as stored.
    :param source: a name for error messages (the file path at the CLI edge).
    :raises InputError: when the text carries a note that is not a repeal of the
        whole act (an amendment, or a note that cannot be read), when a repeal
        sentence cannot be read, or when the sentence and the note cite
        different acts.
    """
    lines = published_text.split("\n")
    keys = [match_key(line) for line in lines]
    head_end = next(
        (i for i, k in enumerate(keys) if _ENACTING.search(re.sub(r"\s", "", k))),
        len(lines),
    )
    drop: set[int] = set()

    status = next((i for i in range(head_end) if STATUS_REPEALED.match(keys[i].strip())), None)
    if status is not None:
        drop.add(status)
        # Between two blank lines, the status line leaves two blanks in a row;
        # drop one so the blank runs keep the lengths the parser relies on.
        if 0 < status < len(lines) - 1 and not lines[status - 1].strip() and not lines[status + 1].strip():
            drop.add(status + 1)

    repeals: list[AmendmentEvent] = []
    for start, end, note in _notes(lines, keys, drop):
        if _is_repeal(note):
            assert isinstance(note, AmendmentEvent)
            repeals.append(note)
            drop.update(range(start, end))
        elif not isinstance(note, Remark):
            why = note.reason if not isinstance(note, AmendmentEvent) else f"{note.action} {note.target}"
            raise InputError(
                source,
                f"note is not a repeal of the whole act ({why}); the original edition "
                "cannot be derived by removing repeal annotations",
                line=start + 1,
            )

    cut: dict[int, int] = {}
    for first, last in _paragraphs(lines, keys, drop, head_end):
        found = _repeal_sentence(lines, keys, first, last, source)
        if found is None:
            continue
        at, column, event = found
        repeals.append(event)
        cut[at] = column
        drop.update(range(at + 1, last + 1))

    cited = {(e.citing_act.number, e.citing_act.date) for e in repeals}
    if len(cited) > 1:
        raise InputError(source, "the repeal annotations cite different acts: " + repr(sorted(cited)))

    out = []
    for i, line in enumerate(lines):
        if i in drop:
            continue
        if i in cut:
            line = line[: cut[i]].rstrip(" \t")
            if not line.strip():
                continue
        out.append(line)
    return "\n".join(out)


def _is_repeal(note: Note) -> bool:
    return (
        isinstance(note, AmendmentEvent)
        and note.action in ("repealed", "lapsed")
        and note.target == "act"
    )


def _continues(lines: list[str], keys: list[str], j: int, drop: set[int]) -> bool:
    """Whether line j continues the paragraph above it.

    In this corpus a paragraph's first line is indented and its wrapped lines
    are not, so an indented, blank, dropped or note-starting line ends it.
    """
    line = lines[j]
    return bool(line.strip()) and not line[:1].isspace() and j not in drop and not starts_note(lines[j])


def _notes(lines: list[str], keys: list[str], drop: set[int]) -> list[tuple[int, int, Note]]:
    """Every editorial note in the text as (first line, end line exclusive, parsed note)."""
    found = []
    for i, key in enumerate(keys):
        if i in drop or not starts_note(lines[i]):
            continue
        end = i + 1
        while end < len(lines) and _continues(lines, keys, end, drop):
            end += 1
        note = parse_note("\n".join(lines[i:end]))
        if not lines[i][:1].isspace():
            # No indentation means no layout signal: the run may have swallowed
            # the next paragraph.  Take the longest run that reads as one note.
            for shorter in range(end, i, -1):
                candidate = parse_note("\n".join(lines[i:shorter]))
                if not isinstance(candidate, UnparsedNote):
                    end, note = shorter, candidate
                    break
        if len(split_notes("\n".join(lines[i:end]))) > 1:
            # Two notes glued into one paragraph: never guess which part to drop.
            note = UnparsedNote(" ".join(lines[i:end]), "several notes in one paragraph")
        found.append((i, end, note))
    return found


def _paragraphs(
    lines: list[str], keys: list[str], drop: set[int], end: int
) -> list[tuple[int, int]]:
    """(first, last) line indexes of the paragraphs before line `end`, dropped lines skipped."""
    paras = []
    i = 0
    while i < end:
        if i in drop or not lines[i].strip():
            i += 1
            continue
        last = i
        while last + 1 < end and _continues(lines, keys, last + 1, drop):
            last += 1
        paras.append((i, last))
        i = last + 1
    return paras


def _repeal_sentence(
    lines: list[str], keys: list[str], first: int, last: int, source: str
) -> tuple[int, int, AmendmentEvent] | None:
    """Where a paragraph's closing repeal sentence starts: (line, column, event)."""
    for i in range(first, last + 1):
        for m in REPEAL_SENTENCE.finditer(keys[i]):
            before = keys[i][: m.start()].rstrip()
            if before and not before.endswith((".", "!", "?")):
                continue  # not at a sentence start: part of some other sentence
            sentence = "\n".join([lines[i][m.start() :], *lines[i + 1 : last + 1]])
            event = parse_note(sentence)
            if not _is_repeal(event):
                raise InputError(
                    source,
                    f"a repeal sentence that cannot be read: {getattr(event, 'reason', event)}",
                    line=i + 1,
                )
            assert isinstance(event, AmendmentEvent)
            return i, m.start(), event
    return None
