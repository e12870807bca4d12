"""The IO edge of `amendtrack report`: the corpus loaded for a report, and the folder written.

Two promises live here.

* **Paths on the pages do not depend on the machine.**  An edition's file is
  shown as the corpus folder's name and the manifest's relative path
  (``corpus/V1400009344/kk/2014-04-09.txt``), however the corpus was named on
  the command line (``corpus``, ``./corpus``, ``/home/me/amendtrack/corpus``).
  So the committed ``reports/`` of the bundled corpus is the same bytes on
  every clone, and a page never shows where somebody's home folder is.
* **A report folder holds no stale page, and nothing else is touched.**  The
  folder keeps a list of the files the report wrote (`LIST_NAME`).  The next
  run removes the files on that list it no longer writes (a position whose id
  changed, a pair of editions that is gone) and never any other file: a user
  who points ``-o`` at a folder holding their own files keeps them.  A listed
  file that is no longer a page of ours (someone replaced it) is kept too.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from amendtrack.history.corpus import load_corpus, stored_comparer
from amendtrack.history.lineage import History, build_history
from amendtrack.history.manifest import find_manifest, load_manifest
from amendtrack.history.parallel import prefill_store
from amendtrack.history.store import EditionStore
from amendtrack.model import Source
from amendtrack.write import write_atomic, write_many_atomic

LIST_NAME = ".amendtrack-report"
"""The list of files the report wrote into its folder, one relative path a line."""

_LIST_HEADER = (
    "# The files `amendtrack report` wrote into this folder, one a line.  The next run\n"
    "# removes those it no longer writes; it never removes a file not listed here.\n"
)

# What every page of ours starts with (templates/base.html), and the generator
# line in its head: a listed file without them was replaced by someone and is kept.
_PAGE_START = b"<!DOCTYPE html>"
_PAGE_MARK = b'<meta name="generator" content="amendtrack '


def load_report_histories(corpus: str | os.PathLike[str], store: EditionStore | None) -> list[History]:
    """The history of every work and language of a corpus, in the manifest's order.

    Each edition's path (and ``derived_from``) reads ``<corpus folder name>/<file
    as the manifest names it>``, whatever path `corpus` was given as: the pages
    show it, and they must be the same bytes on every machine.

    :param corpus: the corpus folder, or its manifest file.
    :param store: where parsed editions are kept between runs; None parses every time.
    :raises InputError: see `history.corpus.load_corpus`.
    """
    manifest = load_manifest(find_manifest(corpus))
    folder_name = Path(manifest.root).resolve().name

    def shown(file: str) -> str:
        return f"{folder_name}/{file}" if folder_name else file

    # A cold run: every edition the store lacks is parsed first, one worker per core.
    prefill_store([(str(manifest.resolve(e)), e.sha256) for w in manifest.works for e in w.expressions], store)
    histories = []
    for work in manifest.works:
        for language in work.languages:
            loaded = load_corpus(corpus, store, work=work.slug, language=language)
            editions = []
            for e in loaded.editions:
                expression = e.expression
                if expression.derived_from is not None:
                    expression = dataclasses.replace(expression, derived_from=shown(expression.derived_from))
                edition = dataclasses.replace(
                    e.edition, source=Source(shown(e.expression.file), e.edition.source.sha256)
                )
                editions.append((expression, edition))
            histories.append(build_history(loaded.work, loaded.language, editions, compare=stored_comparer(store)))
    return histories


@dataclass(frozen=True, slots=True)
class FolderWritten:
    """What `write_report_folder` did."""

    written: tuple[str, ...]
    """The files written, relative to the folder, in writing order."""
    removed: tuple[str, ...]
    """Files an earlier run wrote that this one does not, removed (sorted)."""
    kept: tuple[str, ...]
    """Files an earlier run wrote that are no longer its pages (replaced by someone), kept (sorted)."""


def _safe_relative(line: str) -> str | None:
    """A path from the list, if it is a plain relative path inside the folder; else None."""
    path = PurePosixPath(line)
    if (
        not line
        or line.startswith("#")
        or path.is_absolute()
        or "\\" in line
        or any(part in ("", ".", "..") for part in line.split("/"))
        or line == LIST_NAME
    ):
        return None
    return line


def read_file_list(folder: str | os.PathLike[str]) -> list[str]:
    """The files an earlier run listed in `folder` (none when there is no list).

    Lines that are not a plain relative path inside the folder (absolute, with
    ``..``, comments) are ignored: the list can only ever name files inside
    the folder, even if someone edits it.

    :param folder: the report folder.
    :raises OSError: when the list exists but cannot be read.
    """
    try:
        text = Path(folder, LIST_NAME).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    return [path for line in text.splitlines() if (path := _safe_relative(line.strip())) is not None]


def _listing(paths: Sequence[str]) -> str:
    return _LIST_HEADER + "".join(f"{p}\n" for p in sorted(set(paths)))


def _is_our_page(path: Path) -> bool:
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    return head.startswith(_PAGE_START) and _PAGE_MARK in head


def write_report_folder(folder: str | os.PathLike[str], pages: Mapping[str, str | bytes | Callable[[], bytes]],
                        unchanged: Collection[str] = ()) -> FolderWritten:
    """Write the report's pages into `folder`, then remove the pages of an earlier run it no longer has.

    The pages are written with `write.write_many_atomic` in the given order
    (put the index last), then the list of written files.  Only then are stale
    pages removed, so that a reader sees the old index with its pages or the
    new one with its pages.  Folders emptied by the removal are removed; the
    report folder itself stays.

    :param folder: the report folder (created when missing).
    :param pages: file text (or its UTF-8 bytes, or a function making them, called when the file
        is written) by path relative to `folder` ("/" separators), in writing order.
    :param unchanged: pages of this report that are already on disk with the right bytes
        (report/incremental.py): listed and kept, not written again.
    :raises OSError: when a file cannot be written or removed.
    :raises ValueError: when a page path is not a plain relative path.
    """
    for rel in [*pages, *unchanged]:
        if _safe_relative(rel) is None:
            raise ValueError(f"not a relative path inside the report folder: {rel!r}")
    root = Path(folder)
    previous = read_file_list(root)
    everything = [*pages, *unchanged]
    stale = sorted(set(previous) - set(everything))
    targets = {root.joinpath(*rel.split("/")): text for rel, text in pages.items()}
    for parent in sorted({path.parent for path in targets}):
        parent.mkdir(parents=True, exist_ok=True)
    # Stale files stay on the list until they are gone: a run stopped halfway
    # leaves them for the next one to remove, never forgotten in the folder.
    targets[root / LIST_NAME] = _listing([*everything, *stale])
    write_many_atomic(targets)

    removed, kept = [], []
    for rel in stale:
        path = root.joinpath(*rel.split("/"))
        if not path.exists() and not path.is_symlink():
            continue
        if not _is_our_page(path):
            kept.append(rel)
            continue
        path.unlink()
        removed.append(rel)
        _remove_empty_parents(path.parent, root)
    write_atomic(root / LIST_NAME, _listing(everything))
    return FolderWritten(tuple(pages), tuple(removed), tuple(kept))


def _remove_empty_parents(directory: Path, root: Path) -> None:
    """Remove `directory` and its parents up to (not including) `root`, while they are empty."""
    stop = os.path.abspath(root)
    current = Path(os.path.abspath(directory))
    while str(current) != stop and str(current).startswith(stop + os.sep):
        try:
            current.rmdir()
        except OSError:  # not empty (or not ours to remove): stop here
            return
        current = current.parent
