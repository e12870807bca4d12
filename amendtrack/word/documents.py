"""The two documents amendtrack writes: an edition (`export`) and a redline (`diff --format docx`).

Pure functions from the model to bytes or text; the CLI writes them atomically.
"""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.compare.records import Comparison
from amendtrack.history.provenance import Provenance
from amendtrack.model import Edition
from amendtrack.parse.notes import act_label
from amendtrack.word.layout import (
    SUMMARY,
    TITLE,
    Para,
    edition_blocks,
    para,
    text_lines,
)
from amendtrack.word.redline import Redline, redline_blocks
from amendtrack.word.writer import Revision, docx_bytes

__all__ = ["RedlineDocument", "edition_docx", "edition_text", "redline_document", "revision_of"]

UNKNOWN_AUTHOR = "amendtrack (the act that made the new edition is not known)"


def edition_docx(edition: Edition) -> bytes:
    """One edition as a clean .docx (no tracked changes), laid out like the printed order."""
    data, _ = docx_bytes(edition_blocks(edition))
    return data


def edition_text(edition: Edition) -> str:
    """One edition as plain text in the same layout: the lines a .docx of it reads back as."""
    return "\n".join(text_lines(edition_blocks(edition))) + "\n"


def revision_of(new: Provenance) -> Revision:
    """Who made the changes: the act that produced NEW, dated with its date when known."""
    if new.produced_by is None:
        return Revision(author=UNKNOWN_AUTHOR, date=None)
    return Revision(author=act_label(new.produced_by), date=new.produced_by.date.isoformat())


@dataclass(frozen=True, slots=True)
class RedlineDocument:
    """A written redline and what is in it."""

    data: bytes
    tracked_changes: int
    """The w:ins and w:del elements written."""
    redline: Redline
    revision: Revision
    summary: tuple[Para, ...]
    """The first page's paragraphs (not part of either edition's text)."""


def _summary(comparison: Comparison, old: Provenance, new: Provenance, rev: Revision) -> tuple[Para, ...]:
    s = comparison.summary
    lines = [
        para("Comparison of two editions", TITLE),
        para(f"Old: {comparison.old.source.path}, {old.label()}", SUMMARY),
        para(f"New: {comparison.new.source.path}, {new.label()}", SUMMARY),
        para(f"Tracked changes are by: {rev.author}; dated: {rev.date or 'not known'}.", SUMMARY),
        para(f"Positions: {s.added} added, {s.removed} removed, {s.changed} changed, "
             f"{s.repealed} repealed, {s.unchanged} unchanged.", SUMMARY),
    ]
    units = [u for u in comparison.units if u.substantive]
    if units:
        lines.append(para(f"Units: {sum(u.action == 'added' for u in units)} added, "
                          f"{sum(u.action == 'removed' for u in units)} removed, "
                          f"{sum(u.action == 'changed' for u in units)} renamed or renumbered.", SUMMARY))
    if comparison.repeal is not None:
        act = comparison.repeal.repealing_act
        by = act_label(act.citing_act) if act is not None else "an act the text does not name consistently"
        lines.append(para(f"The new edition repeals the act: repealed by {by}.", SUMMARY))
    lines.append(para("Editorial differences (spacing, letter-spacing, quotes, dashes) and word-order "
                      "artefacts of the text extraction are not tracked; the new edition's spelling is shown.",
                      SUMMARY))
    return tuple(lines)


def redline_document(comparison: Comparison, old: Provenance, new: Provenance) -> RedlineDocument:
    """NEW laid out with every substantive change from OLD as a tracked change, after a summary page."""
    rev = revision_of(new)
    redline = redline_blocks(comparison)
    summary = _summary(comparison, old, new, rev)
    data, count = docx_bytes(redline.blocks, rev, front=summary)
    return RedlineDocument(data=data, tracked_changes=count, redline=redline, revision=rev, summary=summary)
