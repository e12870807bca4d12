"""Loading a corpus: its manifest, every edition's bytes checked, each edition parsed once.

This is the IO edge of the history: `load_corpus` reads the manifest
(`history.manifest.load_manifest`), reads each edition file of one work and language
*once*, checks those bytes against the SHA-256 the manifest records, and only
then parses them, or takes the parsed edition from the store (`history/store.py`).
Checking the very bytes that are parsed leaves no window in which a file could
change between the check and the parse.

A file whose bytes do not match the manifest is an `InputError` naming the file:
tamper evidence.  Nothing is ever re-hashed into the manifest or the store.

An edition's texts that repeat the edition before it are held once in memory
(`_share_repeated_texts`), and `load_history` keeps each consecutive pair's
alignment in the store (`stored_comparer`): a warm run neither parses nor
matches, and a new edition costs one parse and one matching.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from amendtrack.compare.differ import compare_aligned, compare_editions
from amendtrack.compare.match import match_editions, validate_threshold
from amendtrack.compare.records import Comparison
from amendtrack.errors import InputError
from amendtrack.history.lineage import Comparer, History, build_history
from amendtrack.history.manifest import (
    MANIFEST_NAME,
    Expression,
    Manifest,
    Work,
    find_manifest,
    load_manifest,
)
from amendtrack.history.store import EditionStore
from amendtrack.model import Edition
from amendtrack.parse.edition import parse_edition, with_notices
from amendtrack.read.files import read_bounded
from amendtrack.read.text import decode_edition

Parser = Callable[[str, str, str], Edition]
"""``(text, path, sha256) -> Edition``; `parse.edition.parse_edition` unless a test counts calls."""


@dataclass(frozen=True, slots=True)
class LoadedEdition:
    """One edition of the corpus: its manifest record and its parsed text."""

    expression: Expression
    edition: Edition
    from_store: bool
    """True when the parsed edition came from the store rather than the parser."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """One work of a corpus, in one language, with its editions oldest first."""

    manifest: Manifest
    work: Work
    language: str
    editions: tuple[LoadedEdition, ...]

    @property
    def parsed(self) -> int:
        """How many editions were parsed (not taken from the store) by this load."""
        return sum(not e.from_store for e in self.editions)


def choose_work(manifest: Manifest, slug: str | None) -> Work:
    """The work named `slug`, or the only work of the manifest.

    :raises InputError: no such work, or several works and no `slug`.
    """
    slugs = ", ".join(w.slug for w in manifest.works)
    if slug is None:
        if len(manifest.works) == 1:
            return manifest.works[0]
        raise InputError(manifest.path, f"holds {len(manifest.works)} works ({slugs}); choose one with --work")
    try:
        return manifest.work(slug)
    except KeyError:
        raise InputError(manifest.path, f"no work {slug!r}; the corpus holds: {slugs}") from None


def load_edition(
    path: Path,
    expected_sha256: str,
    store: EditionStore | None,
    parser: Parser | None = None,
    manifest_path: str = MANIFEST_NAME,
) -> tuple[Edition, bool]:
    """Read one edition file, check its bytes, and parse it or take it from the store.

    :returns: the edition, and whether it came from the store.
    :raises InputError: the file cannot be read, its SHA-256 is not the one
        recorded, or it cannot be decoded or parsed.
    """
    name = str(path)
    # The corpus commands have no --max-size: the manifest pins each file anyway.
    raw = read_bounded(name, adjustable=False)
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected_sha256:
        raise InputError(
            name,
            f"sha256 mismatch: manifest {manifest_path} records {expected_sha256}, file has {actual} "
            "(the file changed since it was recorded)",
        )
    if store is not None:
        stored = store.get(actual, name)
        if stored is not None:
            return stored, True
    decoded = decode_edition(raw, name)
    # Looked up at call time, so that a test can count calls by patching this module.
    edition = with_notices((parser or parse_edition)(decoded.text, name, actual), decoded.notices)
    if store is not None:
        store.put(edition)
    return edition, False


def _share_repeated_texts(edition: Edition, previous: Edition) -> Edition:
    """`edition`, holding the texts it repeats from `previous` as the same objects.

    Successive editions repeat most positions word for word, and every edition
    is read (parsed, or decoded from the store) into strings of its own: a
    corpus of a hundred seed-sized editions would hold a hundred copies of each
    requirement, about 1 MB per edition.  Only equal values are shared, so the
    edition compares equal to what was passed in.

    :param edition: an edition just read.
    :param previous: the edition before it (already shared with its own predecessor).
    """
    before = {p.id: p for p in previous.positions}
    positions = []
    for p in edition.positions:
        q = before.get(p.id)
        if q is not None:
            shared = {
                name: getattr(q, name)
                for name in ("requirements", "title", "printed_title")
                if getattr(p, name) is not getattr(q, name) and getattr(p, name) == getattr(q, name)
            }
            if shared:
                p = dataclasses.replace(p, **shared)
        positions.append(p)
    return dataclasses.replace(edition, positions=tuple(positions))


def load_corpus(
    corpus: str | os.PathLike[str],
    store: EditionStore | None,
    *,
    work: str | None = None,
    language: str | None = None,
    parser: Parser | None = None,
) -> Corpus:
    """Load one work of a corpus: manifest, checked bytes, parsed editions (oldest first).

    Editions are ordered by their date (`Work.editions`); the manifest's order
    breaks no tie, since a work cannot hold two editions of one date and language.

    :param corpus: the corpus folder, or its manifest file.
    :param store: where parsed editions are kept between runs; None parses every time.
    :param work: the work's slug; may be left out when the corpus holds one work.
    :param language: default: the work's first language.
    :param parser: the parse function (default `parse.edition.parse_edition`; tests count calls).
    :raises InputError: see `find_manifest`, `history.manifest.load_manifest`,
        `choose_work` and `load_edition`; also for a language the work lacks.
    """
    manifest = load_manifest(find_manifest(corpus))
    chosen = choose_work(manifest, work)
    lang = language if language is not None else chosen.languages[0]
    if lang not in chosen.languages:
        raise InputError(
            manifest.path, f"work {chosen.slug} has no {lang!r} editions (languages: {', '.join(chosen.languages)})"
        )
    loaded: list[LoadedEdition] = []
    for expression in chosen.editions(lang):
        edition, from_store = load_edition(
            manifest.resolve(expression), expression.sha256, store, parser, manifest.path
        )
        if loaded:
            edition = _share_repeated_texts(edition, loaded[-1].edition)
        loaded.append(LoadedEdition(expression, edition, from_store))
    if not loaded:
        raise InputError(manifest.path, f"work {chosen.slug} has no {lang!r} editions")
    return Corpus(manifest, chosen, lang, tuple(loaded))


def load_history(
    corpus: str | os.PathLike[str],
    store: EditionStore | None,
    *,
    work: str | None = None,
    language: str | None = None,
) -> History:
    """`load_corpus`, then `history.lineage.build_history` over its editions.

    :raises InputError: see `load_corpus`.
    """
    loaded = load_corpus(corpus, store, work=work, language=language)
    return build_history(loaded.work, loaded.language, [(e.expression, e.edition) for e in loaded.editions],
                         compare=stored_comparer(store))


def stored_comparer(store: EditionStore | None) -> Comparer:
    """`compare.differ.compare_editions`, keeping each pair's alignment in `store` between runs.

    A history compares every consecutive pair of its editions; with the
    alignments kept, a second run matches nothing again and a new edition
    costs one matching.  Pass the result to `history.lineage.build_history` while the
    store is open.

    :param store: where alignments are kept; None compares afresh every time.
    """
    if store is None:
        return compare_editions

    def compare(old: Edition, new: Edition, threshold: float) -> Comparison:
        threshold = validate_threshold(threshold)
        alignment = store.get_alignment(old, new, threshold)
        if alignment is None:
            alignment = match_editions(old, new, threshold)
            store.put_alignment(alignment, old, new)
        return compare_aligned(old, new, alignment)

    return compare
