"""Reports that redo only what changed: input fingerprints for the run and for each page.

A page of the report is a pure function of its inputs (the data the page
template is given) and of the code that renders it (amendtrack's modules and
templates).  So a page whose *fingerprint*, a digest of both, equals the one
recorded when the file on disk was written, and whose file still holds the
bytes written then, need be neither rendered nor rewritten.

Two levels, both kept in the store (`history.store.EditionStore.get_report_state`),
keyed by the report folder's real path, so that the report folder itself
holds nothing but the pages and their list (the committed ``reports/`` is
the same bytes with or without a store):

* **The run.**  `run_key` digests everything a report is made from: the
  code, the options that reach the pages, the manifest's bytes, and the
  SHA-256 of every edition file it names.  When it equals the key of the last
  complete run into the same folder and every page of that run is on disk
  with the bytes it wrote, there is nothing to do: no edition is read from
  the store, nothing is rendered or written.
* **Each page.**  Otherwise the editions are loaded and the report planned
  as always, and each page's fingerprint is computed from its data
  (`page_fingerprint`); a page whose fingerprint and file are unchanged is
  skipped, the others are rendered and written.

The state is recorded only after the folder is written, so a run that fails
halfway leaves the older state, whose fingerprints the new pages no longer
match: they are rendered again.  A file changed by someone else (its SHA-256
differs from the one recorded) is always rendered and written again.  Without
a store (``--no-store``) every page is rendered and written, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from amendtrack import __version__

STATE_VERSION = 1
"""The layout of the recorded state; a state of another version counts as absent."""


@lru_cache(maxsize=1)
def report_code_fingerprint() -> str:
    """A digest of amendtrack's version and of every file of the package that can change
    a page: its modules, the templates, the style sheet and script, the catalogues.

    Broad on purpose, like the store's parser fingerprint: any edit to the
    package renders every page again once, a missed edit would leave a stale page.
    """
    return package_fingerprint(Path(__file__).resolve().parent.parent)


# The suffixes of the files a page is made from: code, templates (amendtrack/templates),
# the interface's catalogues (amendtrack/locale; the .mo is what is read).
_PAGE_SOURCES = (".py", ".html", ".css", ".js", ".mo")


def package_fingerprint(package: Path) -> str:
    """A digest of amendtrack's version and of the path and bytes of the files of
    `package` (subfolders included) that pages are made from."""
    digest = hashlib.sha256(f"amendtrack {__version__}".encode())
    files = sorted(p for p in package.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts and p.suffix in _PAGE_SOURCES)
    for path in files:
        digest.update(b"\0" + path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    """`json.dumps`'s fallback: frozen dataclasses and dates by their repr (deterministic)."""
    return repr(value)


def page_fingerprint(kind: str, data: Any) -> str:
    """The fingerprint of one page: the code's fingerprint, the page's kind and its data.

    :param kind: which renderer makes the page ("diff", "position", "drift", "index").
    :param data: everything the renderer is given (JSON-able, or with deterministic reprs).
    """
    digest = hashlib.sha256(report_code_fingerprint().encode() + b"\0" + kind.encode() + b"\0")
    digest.update(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                             default=_canonical).encode("utf-8"))
    return digest.hexdigest()


def run_key(corpus: str | os.PathLike[str], options: Mapping[str, Any]) -> str | None:
    """The digest of every input of a report run, or None when the inputs cannot be read.

    None sends the run down the ordinary path, which reports the problem as
    it always has (a missing manifest, a changed file, ...).

    :param corpus: the corpus folder or its manifest, as given on the command line.
    :param options: the options that reach the pages (generation time, --strict).
    """
    from amendtrack.errors import AmendtrackError
    from amendtrack.history.manifest import load_manifest
    from amendtrack.read.files import read_bounded

    # As history.manifest.find_manifest finds it, without importing the parser and the
    # differ a run with nothing to do never needs; anything unusual is None.
    given = Path(corpus)
    found = given / "manifest.toml" if given.is_dir() else given
    if not found.is_file() or found.suffix.lower() != ".toml":
        return None
    try:
        manifest = load_manifest(found)
        digest = hashlib.sha256(report_code_fingerprint().encode())
        digest.update(json.dumps(dict(options), sort_keys=True, default=repr).encode())
        # The pages show paths as <corpus folder name>/<file> (folder.load_report_histories).
        digest.update(b"\0" + Path(manifest.root).resolve().name.encode() + b"\0")
        digest.update(Path(manifest.path).read_bytes())
        for work in manifest.works:
            for expression in work.expressions:
                raw = read_bounded(str(manifest.resolve(expression)), adjustable=False)
                digest.update(b"\0" + expression.file.encode() + b"\0" + hashlib.sha256(raw).digest())
    except (AmendtrackError, OSError):
        return None
    return digest.hexdigest()


def folder_key(out_dir: str | os.PathLike[str]) -> str:
    """The report folder as the store knows it: its absolute real path."""
    return os.path.realpath(os.fspath(out_dir))


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes, or None (missing, a symlink, unreadable)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def recorded_pages(state: Mapping[str, Any] | None) -> dict[str, tuple[str, str]]:
    """path → (fingerprint, sha256) of the pages a recorded state lists (empty when unusable)."""
    if not state or state.get("version") != STATE_VERSION or not isinstance(state.get("pages"), dict):
        return {}
    out = {}
    for path, entry in state["pages"].items():
        if isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry):
            out[path] = (entry[0], entry[1])
    return out


def make_state(key: str | None, pages: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """The state to record after a complete run: its key, and each page's fingerprint and SHA-256."""
    return {"version": STATE_VERSION, "run": key, "pages": {p: list(v) for p, v in pages.items()}}


def _listed(out_dir: str | os.PathLike[str], list_name: str) -> list[str] | None:
    """The paths the folder's list of written files names (report/folder.py), or None when it cannot be read."""
    try:
        text = Path(out_dir, list_name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def folder_is_intact(out_dir: str | os.PathLike[str], pages: Mapping[str, tuple[str, str]],
                     list_name: str = ".amendtrack-report") -> bool:
    """Whether every recorded page is on disk with the bytes recorded, and the folder's list names exactly them.

    :param list_name: the folder's list of written files (`report.folder.LIST_NAME`).
    """
    listed = _listed(out_dir, list_name)
    if not pages or listed is None or sorted(listed) != sorted(pages):
        return False
    root = Path(out_dir)
    return all(file_sha256(root.joinpath(*rel.split("/"))) == sha for rel, (_, sha) in pages.items())


def unchanged_on_disk(out_dir: str | os.PathLike[str], rel: str, fingerprint: str | None,
                      recorded: Mapping[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The recorded (fingerprint, sha256) of page `rel` when it need not be rendered again, else None."""
    entry = recorded.get(rel)
    if fingerprint is None or entry is None or entry[0] != fingerprint:
        return None
    if file_sha256(Path(out_dir).joinpath(*rel.split("/"))) != entry[1]:
        return None
    return entry
