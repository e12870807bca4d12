"""A SQLite store of parsed editions and of their alignments, so that a second run
neither parses nor matches again.

The store is a cache: every row can be rebuilt from the edition files.  Three tables:

* ``editions``: keyed by the SHA-256 of the file's bytes, the edition's JSON
  (`formats.edition_json.edition_to_dict`, which round-trips; compact, since nobody reads
  it but the store), with each position's title and requirement texts replaced by
  their key in ``texts``;
* ``texts``: each such text once, keyed by its BLAKE2b digest
  (`history.stored_texts`): a hundred editions keep about one edition's texts,
  and reading them back decodes each text once and shares it.  A text read back
  is checked against its key;
* ``alignments``: keyed by the SHA-256s of two editions and the matcher's
  threshold, how `compare.match.match_editions` paired their positions and units
  (`compare.match.alignment_to_data`: places and scores, no text).  A history compares
  every consecutive pair of editions on every run; with the alignment kept, a
  warm run only works out what changed within each pair (`compare.differ.compare_aligned`),
  and a new edition costs one matching, not one per edition.

Every row carries the *parser fingerprint*: a digest of amendtrack's version
and the source of every module in the package.  Any change to the code (a new
release, or a developer's edit) therefore invalidates the rows it wrote; a
stale row is never read, and is replaced when the edition is parsed again.
Hashing the whole package is deliberately broad: a reparse costs a fraction of
a second per edition, a stale parse costs a wrong history.

Where it lives: ``$XDG_CACHE_HOME/amendtrack/store.sqlite3``, or
``~/.cache/amendtrack/store.sqlite3`` when XDG_CACHE_HOME is unset or not an
absolute path (the XDG rule); ``--db PATH`` chooses another file.

Trouble is one line, never a rebuild: the store never deletes or overwrites a
file it cannot recognise as its own, because ``--db`` may point at the wrong
file by mistake.

* A file that is not an SQLite database, a damaged database, or an SQLite
  database amendtrack did not create (no matching ``application_id``) is an
  `InputError` naming the file, with the hint to delete it or choose another.
* A database locked by another process for longer than `BUSY_TIMEOUT_S` is an
  `InputError` too.
* A store amendtrack created with an older table layout (``user_version``) is
  its own cache: its tables are dropped and recreated.

Concurrency: WAL journal mode (readers never wait for the writer) and short
transactions, with no fsync per row (synchronous=NORMAL); two processes parsing
the same edition at once both write the same row, which is harmless.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import amendtrack
from amendtrack import __version__
from amendtrack.errors import InputError, OutputError
from amendtrack.history.stored_texts import EditionPayload, TextMemo, texts_to_keys
from amendtrack.model import Edition, Source

if TYPE_CHECKING:
    from amendtrack.compare.alignment import Alignment

APPLICATION_ID = 0x416D5472  # "AmTr": marks a database as an amendtrack store
SCHEMA_VERSION = 3
"""The table layout: 1 held editions only; 2 adds alignments; 3 keeps the positions' texts in ``texts``."""
BUSY_TIMEOUT_S = 5.0
"""How long to wait for another process's write to finish before giving up."""

_KEYS_PER_QUERY = 500
"""Texts asked for in one query (SQLite allows 999 parameters in older builds)."""

_HINT = "it is only a cache: delete it, choose another file with --db, or run with --no-store"


def default_store_path(environ: dict[str, str] | None = None) -> Path:
    """The store's default file, following the XDG base directory rule.

    :param environ: the environment to read (default: ``os.environ``).
    """
    env = os.environ if environ is None else environ
    cache = env.get("XDG_CACHE_HOME", "")
    base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    return base / "amendtrack" / "store.sqlite3"


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """What a stored row was made by: `code_fingerprint` of this installed package."""
    # The package's root, not this module's folder: history/store.py may live in a
    # subpackage, and every stage of the package must count.
    return code_fingerprint(Path(amendtrack.__file__).resolve().parent)


def code_fingerprint(package: Path, version: str = __version__) -> str:
    """A digest of `version` and of the path and bytes of every module in `package`.

    Subpackages count too: a stage moved into ``parse/`` or ``compare/`` must
    still invalidate what an older copy of it stored.

    :param package: the package's folder.
    """
    digest = hashlib.sha256(version.encode())
    modules = sorted(m for m in package.rglob("*.py") if "__pycache__" not in m.parts)
    for module in modules:
        digest.update(b"\0" + module.relative_to(package).as_posix().encode() + b"\0")
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def edition_payload(edition: Edition) -> EditionPayload:
    """What the store keeps of an edition.

    Compact JSON: a fifth quicker to write and read than the indented form, and smaller.
    Without the facts: derived from the requirements, they are read again on demand.
    """
    from amendtrack.formats.edition_json import edition_to_dict

    data = edition_to_dict(edition, facts=False)
    texts = texts_to_keys(data)  # kept once, in their own table (history/stored_texts.py)
    return EditionPayload(json.dumps(data, ensure_ascii=False, separators=(",", ":")), tuple(texts.items()))


class EditionStore:
    """Parsed editions keyed by the SHA-256 of their file; open with `EditionStore.open`."""

    def __init__(self, connection: sqlite3.Connection, path: str, fingerprint: str) -> None:
        self._db = connection
        self.path = path
        self.fingerprint = fingerprint
        self._texts = TextMemo()
        """The texts read or written so far: each is read and checked once, and shared."""

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], fingerprint: str | None = None) -> EditionStore:
        """Open (creating if needed) the store at `path`; missing parent folders are created.

        :param fingerprint: the parser fingerprint rows must carry to be read
            (default: `parser_fingerprint()`; tests pass their own).
        :raises InputError: the file is not an amendtrack store, is damaged, or is locked.
        :raises OutputError: the file or its folder cannot be created.
        """
        name = os.fspath(path)
        target = Path(name)
        if target.is_dir():
            raise InputError(name, "is a directory; --db expects a database file")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # Not "File exists", which reads as if the store itself were in the way.
            raise OutputError(name, "cannot create the store's folder: a folder in its path is a file") from None
        except OSError as exc:
            raise OutputError(str(target.parent), f"cannot create the store's folder: {exc.strerror or exc}") from None
        try:
            connection = sqlite3.connect(name, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise InputError(name, f"cannot open the store: {exc}") from None
        store = cls(connection, name, fingerprint or parser_fingerprint())
        try:
            store._prepare()
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self) -> None:
        """Check that the file is ours (reading only), then create or upgrade the table."""
        with self._errors("open"):
            # Reads first: nothing is written to a file that is not ours.
            app = self._db.execute("PRAGMA application_id").fetchone()[0]
            tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app not in (0, APPLICATION_ID) or (app == 0 and tables):
                raise InputError(self.path, f"is an SQLite database that amendtrack did not create; {_HINT}")
            self._db.execute("PRAGMA journal_mode=WAL")
            # A cache needs no fsync per transaction: in WAL mode NORMAL never
            # corrupts the file, at worst a power cut loses the last rows, which
            # the next run rebuilds.  FULL (the default) made a cold
            # 100-edition run spend about a second in fsync.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("BEGIN IMMEDIATE")
            try:
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    # Our own cache in an older layout: its rows can all be rebuilt.
                    self._db.execute("DROP TABLE IF EXISTS editions")
                    self._db.execute("DROP TABLE IF EXISTS alignments")
                    self._db.execute("DROP TABLE IF EXISTS texts")
                    self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS editions ("
                    " sha256 TEXT PRIMARY KEY,"
                    " parser TEXT NOT NULL,"
                    " json TEXT NOT NULL)"
                )
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS texts ("
                    " key TEXT PRIMARY KEY,"
                    " text TEXT NOT NULL)"
                )
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS alignments ("
                    " old_sha256 TEXT NOT NULL,"
                    " new_sha256 TEXT NOT NULL,"
                    " threshold REAL NOT NULL,"
                    " parser TEXT NOT NULL,"
                    " json TEXT NOT NULL,"
                    " PRIMARY KEY (old_sha256, new_sha256, threshold))"
                )
                # Additive (no version bump): what `amendtrack report` last wrote into
                # a folder, so that the next run renders only what changed
                # (report/incremental.py).  The folder is its absolute real path.
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS report_folders ("
                    " folder TEXT PRIMARY KEY,"
                    " json TEXT NOT NULL)"
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------ use

    def get(self, sha256: str, path: str | None = None) -> Edition | None:
        """The stored edition of the file with this SHA-256, or None.

        A row written by another parser fingerprint counts as absent.

        :param path: the file's path now; the stored edition's `source.path` is
            set to it (the same bytes may have been parsed under another name).
        :raises InputError: the row is damaged, or the store cannot be read.
        """
        with self._errors("read"):
            row = self._db.execute(
                "SELECT json FROM editions WHERE sha256 = ? AND parser = ?", (sha256, self.fingerprint)
            ).fetchone()
        if row is None:
            return None
        from amendtrack.formats.edition_json import edition_from_dict

        try:
            data = json.loads(row[0])
            self._texts.keys_to_texts(data, self._fetch_texts)
            edition = edition_from_dict(data)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise InputError(self.path, f"the stored edition {sha256[:12]}… is damaged ({exc}); {_HINT}") from None
        if edition.source.sha256 != sha256:
            raise InputError(self.path, f"the row for {sha256[:12]}… holds another file's edition; {_HINT}")
        if path is not None and path != edition.source.path:
            edition = dataclasses.replace(edition, source=Source(path, sha256))
        return edition

    def _fetch_texts(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        """The rows of table ``texts`` for these keys (those absent are left out)."""
        rows: list[tuple[str, str]] = []
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start:start + _KEYS_PER_QUERY]
            with self._errors("read"):
                rows += self._db.execute(
                    f"SELECT key, text FROM texts WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
        return rows

    def has(self, sha256: str) -> bool:
        """Whether the store holds an edition of this SHA-256 for the current parser fingerprint."""
        with self._errors("read"):
            return self._db.execute(
                "SELECT 1 FROM editions WHERE sha256 = ? AND parser = ?", (sha256, self.fingerprint)
            ).fetchone() is not None

    def put(self, edition: Edition) -> None:
        """Store an edition under its `source.sha256`, replacing any older row.

        :raises OutputError: the store cannot be written (read-only, disk full).
        :raises InputError: the store is locked or damaged.
        """
        self.put_payload(edition.source.sha256, edition_payload(edition))

    def put_payload(self, sha256: str, payload: EditionPayload) -> None:
        """Store an `edition_payload` made elsewhere (a worker process, history/parallel.py) under `sha256`.

        The edition's row and its texts are written in one transaction: a row never
        names a text the store lacks.
        """
        # Successive editions share nearly all their texts: those this connection
        # has read or written are in the table already (and a text's row never changes).
        new_texts = self._texts.unknown(payload.texts)
        with self._errors("write"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT OR IGNORE INTO texts (key, text) VALUES (?, ?)", new_texts)
                self._db.execute(
                    "INSERT OR REPLACE INTO editions (sha256, parser, json) VALUES (?, ?, ?)",
                    (sha256, self.fingerprint, payload.json),
                )
                self._db.execute("COMMIT")
            except BaseException:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite rolled back itself (a full disk does): the first error is the one to tell
                raise
        self._texts.remember(new_texts)

    def get_alignment(self, old: Edition, new: Edition, threshold: float) -> Alignment | None:
        """The stored alignment of `old` and `new` at `threshold`, or None.

        Looked up by the editions' `source.sha256`; a row written by another
        parser fingerprint counts as absent.

        :raises InputError: the row is damaged (it does not fit these editions),
            or the store cannot be read.
        """
        from amendtrack.compare.alignment import alignment_from_data

        with self._errors("read"):
            row = self._db.execute(
                "SELECT json FROM alignments WHERE old_sha256 = ? AND new_sha256 = ? AND threshold = ? AND parser = ?",
                (old.source.sha256, new.source.sha256, threshold, self.fingerprint),
            ).fetchone()
        if row is None:
            return None
        try:
            return alignment_from_data(json.loads(row[0]), old, new)
        except ValueError as exc:
            pair = f"{old.source.sha256[:12]}… → {new.source.sha256[:12]}…"
            raise InputError(self.path, f"the stored alignment {pair} is damaged ({exc}); {_HINT}") from None

    def put_alignment(self, alignment: Alignment, old: Edition, new: Edition) -> None:
        """Store the alignment of `old` and `new` (at its threshold), replacing any older row.

        :raises ValueError: the alignment is not one of these editions.
        :raises OutputError: the store cannot be written (read-only, disk full).
        :raises InputError: the store is locked or damaged.
        """
        from amendtrack.compare.alignment import alignment_to_data

        payload = json.dumps(alignment_to_data(alignment, old, new), separators=(",", ":"))
        with self._errors("write"):
            self._db.execute(
                "INSERT OR REPLACE INTO alignments (old_sha256, new_sha256, threshold, parser, json)"
                " VALUES (?, ?, ?, ?, ?)",
                (old.source.sha256, new.source.sha256, alignment.threshold, self.fingerprint, payload),
            )

    def get_report_state(self, folder: str) -> dict[str, Any] | None:
        """What `amendtrack report` recorded of its last complete run into `folder`, or None.

        A row that is not the expected shape counts as absent: the report then
        renders every page, which is always right.
        """
        with self._errors("read"):
            row = self._db.execute("SELECT json FROM report_folders WHERE folder = ?", (folder,)).fetchone()
        if row is None:
            return None
        try:
            state = json.loads(row[0])
        except ValueError:
            return None
        return state if isinstance(state, dict) else None

    def put_report_state(self, folder: str, state: dict[str, Any]) -> None:
        """Record the state of a complete report run into `folder`, replacing the older one."""
        payload = json.dumps(state, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        with self._errors("write"):
            self._db.execute("INSERT OR REPLACE INTO report_folders (folder, json) VALUES (?, ?)", (folder, payload))

    def alignment_count(self) -> int:
        """How many alignments the store holds for the current parser fingerprint."""
        with self._errors("read"):
            return int(
                self._db.execute("SELECT count(*) FROM alignments WHERE parser = ?", (self.fingerprint,)).fetchone()[0]
            )

    def count(self) -> int:
        """How many editions the store holds for the current parser fingerprint."""
        with self._errors("read"):
            return int(
                self._db.execute("SELECT count(*) FROM editions WHERE parser = ?", (self.fingerprint,)).fetchone()[0]
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EditionStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------ errors

    def _errors(self, doing: str) -> _SqliteErrors:
        return _SqliteErrors(self.path, doing)


class _SqliteErrors:
    """Turns sqlite3's exceptions into one-line `InputError`/`OutputError`s naming the store."""

    def __init__(self, path: str, doing: str) -> None:
        self.path = path
        self.doing = doing

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if value is None or not isinstance(value, sqlite3.Error):
            return
        message = str(value)
        if "locked" in message or "busy" in message:
            raise InputError(
                self.path, f"the store is locked by another process (waited {BUSY_TIMEOUT_S:g} s); "
                "try again, or run with --no-store"
            ) from None
        if isinstance(value, sqlite3.DatabaseError) and (
            "not a database" in message or "malformed" in message or "corrupt" in message
        ):
            raise InputError(self.path, f"is not a readable amendtrack store ({message}); {_HINT}") from None
        if "readonly" in message or "read-only" in message or "disk" in message or "full" in message:
            raise OutputError(self.path, f"cannot {self.doing} the store: {message}; run with --no-store") from None
        raise InputError(self.path, f"cannot {self.doing} the store: {message}; {_HINT}") from None


def open_store(db: str | None, enabled: bool = True) -> EditionStore | None:
    """The store a command uses: `db` or the default path, or None when disabled.

    :raises InputError: see `EditionStore.open`.
    :raises OutputError: see `EditionStore.open`.
    """
    if not enabled:
        return None
    return EditionStore.open(db if db is not None else default_store_path())
