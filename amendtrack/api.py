"""The entry points for programs: one edition, two editions, a corpus.

Thin wrappers over the stages (parse/, compare/, history/), so that a program
imports one module and does not need to know the package's layout::

    from amendtrack import api

    edition = api.parse_file("corpus/V1400009344/kk/2015-11-16.txt")
    comparison = api.compare_files("corpus/V1400009344/kk/2014-04-09.txt",
                                   "corpus/V1400009344/kk/2015-11-16.txt")
    history = api.load_corpus("corpus")

Every function raises `amendtrack.errors.InputError` (or its subclass
`ParseError`) with a one-line message naming the file when an input is bad.
"""

from __future__ import annotations

import os

from amendtrack.compare.match import DEFAULT_THRESHOLD
from amendtrack.compare.records import Comparison
from amendtrack.history.lineage import History
from amendtrack.model import Edition

__all__ = ["compare_files", "load_corpus", "parse_file"]


def parse_file(path: str, *, encoding: str | None = None, max_bytes: int | None = None) -> Edition:
    """One edition file (.txt) parsed into its position model.

    :param encoding: read the file in this encoding (default: detect).
    :param max_bytes: refuse a larger file (default: reading's limit, 10 MB).
    """
    from amendtrack.parse.edition import parse_file as parse

    return parse(path, encoding=encoding, max_bytes=max_bytes)


def compare_files(old_path: str, new_path: str, *, encoding: str | None = None, max_bytes: int | None = None,
                  threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """What changed between two edition files, position by position (as `amendtrack diff`).

    :param threshold: the least similarity for pairing renamed or moved positions (docs/json-diff.md).
    """
    from amendtrack.compare.differ import compare_files as compare

    return compare(old_path, new_path, encoding=encoding, max_bytes=max_bytes, threshold=threshold)


def load_corpus(corpus: str | os.PathLike[str], *, work: str | None = None, language: str | None = None,
                db: str | None = None, use_store: bool = False) -> History:
    """A corpus folder (its manifest.toml and editions) as the act's `History` (as `amendtrack history`).

    :param work: the act to load, when the corpus holds several.
    :param language: the editions' language (default: the work's first).
    :param db: the store of parsed editions to use when `use_store` is true (default path as the CLI's).
    :param use_store: read and fill the store of parsed editions; off by default, so that a
        program's call writes nothing to disk.
    """
    from amendtrack.history.corpus import load_history
    from amendtrack.history.store import open_store

    store = open_store(db, enabled=use_store)
    try:
        return load_history(corpus, store, work=work, language=language)
    finally:
        if store is not None:
            store.close()
