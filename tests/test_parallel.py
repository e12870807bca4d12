"""Cold loads parse the store's missing editions in worker processes (amendtrack/history/parallel.py)."""

from __future__ import annotations

import pytest

from amendtrack.history import parallel
from tests.test_report import write_chain_corpus


def _files(corpus):
    from amendtrack.history.manifest import load_manifest

    manifest = load_manifest(corpus / "manifest.toml")
    return [(str(manifest.resolve(e)), e.sha256) for w in manifest.works for e in w.expressions]


@pytest.mark.skipif(parallel.workers() < 2, reason="one core: nothing runs in parallel")
def test_workers_store_the_rows_a_serial_parse_stores(tmp_path):
    from amendtrack.history.store import EditionStore, edition_payload
    from amendtrack.parse.edition import parse_edition
    from amendtrack.read.files import read_bounded
    from amendtrack.read.text import decode_edition

    corpus = write_chain_corpus(tmp_path / "corpus")
    files = _files(corpus)
    with EditionStore.open(tmp_path / "store.sqlite3") as store:
        assert parallel.prefill_store(files, store) == 4
        assert parallel.prefill_store(files, store) == 0  # all there now
        for name, sha in files:
            serial = parse_edition(decode_edition(read_bounded(name), name).text, name, sha)
            row = store._db.execute("SELECT json FROM editions WHERE sha256 = ?", (sha,)).fetchone()[0]
            assert row == edition_payload(serial).json, name


def test_a_changed_file_is_left_to_the_serial_load(tmp_path):
    from amendtrack.history.store import EditionStore

    corpus = write_chain_corpus(tmp_path / "corpus")
    files = _files(corpus)
    name, _ = files[1]
    with open(name, "a", encoding="utf-8") as f:
        f.write("тағы бір жол\n")  # no longer the bytes the manifest records
    with EditionStore.open(tmp_path / "store.sqlite3") as store:
        stored = parallel.prefill_store(files, store)
        assert not store.has(files[1][1])
        assert stored == (3 if parallel.workers() >= 2 else 0)


def test_without_a_store_or_with_few_editions_nothing_is_started(tmp_path):
    from amendtrack.history.store import EditionStore

    corpus = write_chain_corpus(tmp_path / "corpus")
    files = _files(corpus)
    assert parallel.prefill_store(files, None) == 0
    with EditionStore.open(tmp_path / "store.sqlite3") as store:
        assert parallel.prefill_store(files[:parallel.MIN_EDITIONS - 1], store) == 0
        assert store.count() == 0


def test_a_parse_leaves_no_garbage_cycles_for_the_collector():
    # A parse pauses the cyclic garbage collector (parse.edition._collector_paused), and
    # the parse workers run with it off (history/parallel.py): that is safe only while
    # parsing makes no reference cycles, checked here on the seed and on a damaged copy
    # (warnings, unplaced text, repairs).
    import gc

    from amendtrack.parse.edition import parse_edition
    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    damaged = text.replace("\nБілімі\n", "\nБ і л і м і\n", 3).replace("С-3 санаты", "С-3  санаты", 2)
    gc.collect()
    gc.disable()
    try:
        for source in (text, damaged, text[: len(text) // 2]):
            parse_edition(source, "seed.txt")
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_parse_gives_the_collector_back_as_it_found_it():
    import gc

    import pytest

    from amendtrack.errors import ParseError
    from amendtrack.parse.edition import parse_edition
    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    assert gc.isenabled()
    parse_edition(text, "seed.txt")
    assert gc.isenabled()
    with pytest.raises(ParseError):
        parse_edition("no positions here\n", "empty.txt")
    assert gc.isenabled()  # after an error too
    gc.disable()
    try:
        parse_edition(text, "seed.txt")
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_ctrl_c_while_workers_parse_is_one_line_and_130(tmp_path, monkeypatch):
    # As tests/test_render_pool.py does for the render workers: the first edition takes
    # 4 s to parse, so that Ctrl-C reaches the process group while one parse worker
    # works and the other, done with its edition, waits for the next.
    from pathlib import Path

    from tests.support.interrupt import INTERRUPTED, interrupted_command

    if parallel.workers() < 2:
        pytest.skip("one core: editions are parsed in turn")
    corpus = write_chain_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    result = interrupted_command(["report", str(corpus), "-o", "out", "--db", "store.sqlite3"],
                                 module="amendtrack.history.parallel", name="_parse_payload", marker="parsing",
                                 condition='args[0][0].endswith("2014-04-09.txt")', before=1, after=3,
                                 env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result == (130, "", INTERRUPTED)
    assert not Path("out").exists()
