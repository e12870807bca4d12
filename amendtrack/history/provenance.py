"""Which edition a text is: its date, the act that produced it, and from when it applies.

A redline is read as "what Order No. 50 changed, from 2015-03-15", so every
comparison names both editions this way.  The facts come from one of two
sources, and say which:

* **the corpus** (``source: "manifest"``): the file lies in a corpus whose
  manifest records it under the same SHA-256; the manifest gives the producing
  act, and `history.bounds.effective_dates` the date it applies from, with every bound;
* **the text** (``source: "text"``): the editorial notes and the repeal
  sentence the edition prints (`parse.events.read_act_notes`).  The latest act they
  cite produced the edition; a text that notes no amendment and no repeal is
  taken as the act as made (its own number and date).  When the text says
  nothing of when that act applies, the date stays unknown.

Nothing is guessed: what neither source gives is None, and the pages say
"not given".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from amendtrack.dates import LegalDate
from amendtrack.errors import AmendtrackError
from amendtrack.model import Edition
from amendtrack.parse.notes import CitingAct, act_label

Source = Literal["manifest", "text"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """What a text is an edition of: its date, the act that produced it, from when it applies."""

    date: dt.date | None
    """The edition's date: the date of the act that produced it."""
    produced_by: CitingAct | None
    """The act that produced the edition (the act itself for the original)."""
    applies_from: LegalDate | None
    """From when the edition applies, with its bounds; None when no source says."""
    source: Source
    """Where these facts come from: the corpus manifest, or the text's own notes."""
    original: bool = False
    """True when the edition is the act as made (produced by the act itself)."""

    def label(self) -> str:
        """"the edition of 2015-03-01 (Order No. 50 of 2015-03-01)", or as much as is known."""
        if self.date is None:
            return "an edition of unknown date"
        act = f" ({act_label(self.produced_by)})" if self.produced_by is not None else ""
        return f"the edition of {self.date.isoformat()}{act}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "produced_by": self.produced_by.to_dict() if self.produced_by else None,
            "applies_from": self.applies_from.to_dict() if self.applies_from else None,
            "source": self.source,
            "original": self.original,
        }


def from_corpus(path: str) -> Provenance | None:
    """The manifest's facts for the file at `path`, when a manifest in a folder above records
    it (same SHA-256); None otherwise (no manifest, not listed, different bytes, unreadable)."""
    import hashlib

    from amendtrack.history.bounds import effective_dates
    from amendtrack.history.manifest import load_manifest
    from amendtrack.read.files import read_bounded

    target = Path(path).resolve()
    for folder in target.parents:
        manifest_path = folder / "manifest.toml"
        if not manifest_path.is_file():
            continue
        try:
            manifest = load_manifest(manifest_path)
            digest = hashlib.sha256(read_bounded(str(target))).hexdigest()
        except (AmendtrackError, OSError):
            return None
        for work in manifest.works:
            for x in work.expressions:
                if manifest.resolve(x).resolve() != target or x.sha256 != digest:
                    continue
                editions = work.editions(x.language)
                effective, _ = effective_dates(work, editions)
                date = effective[editions.index(x)].date
                original = (x.produced_by.number, x.produced_by.date) == (work.number, work.date)
                return Provenance(x.date, x.produced_by, date, "manifest", original)
        return None
    return None


def from_text(edition: Edition) -> Provenance:
    """What the edition's own notes and repeal sentence say it is."""
    from amendtrack.parse.events import read_act_notes

    events = read_act_notes(edition.act, edition.language).events
    if events:
        latest = max(events, key=lambda e: e.event.citing_act.date).event
        act = latest.citing_act
        return Provenance(act.date, act, latest.effective_date(), "text")
    a = edition.act
    try:
        day = dt.date.fromisoformat(a.date) if a.date else None
    except ValueError:
        day = None
    if day is None or not a.number:
        return Provenance(None, None, None, "text")
    act = CitingAct(issuer=a.issuer or "", type=a.act_type or "", number=a.number, date=day)
    return Provenance(day, act, None, "text", original=True)


def provenance_of(edition: Edition) -> Provenance:
    """The corpus's facts when the file is in a corpus, else the text's."""
    return from_corpus(edition.source.path) or from_text(edition)


def history_provenance(history: Any, edition: Any) -> Provenance:
    """The provenance of one `history.lineage.HistoryEdition` (the manifest's facts, bounded)."""
    act = edition.produced_by
    original = (act.number, act.date) == (history.work.number, history.work.date)
    return Provenance(edition.date, act, edition.takes_effect, "manifest", original)


def with_provenance(diff_doc: dict[str, Any], old: Provenance, new: Provenance) -> dict[str, Any]:
    """A copy of a diff@1 document whose ``old``/``new`` carry an ``edition`` object (an added key)."""
    doc = dict(diff_doc)
    doc["old"] = {**diff_doc["old"], "edition": old.to_dict()}
    doc["new"] = {**diff_doc["new"], "edition": new.to_dict()}
    return doc
