"""The store of parsed editions, and loading a corpus through it.

Every store here lives in tmp_path; the user's real cache is never touched.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import amendtrack
from amendtrack.errors import InputError
from amendtrack.history import corpus as corpus_module
from amendtrack.history import store as store_module
from amendtrack.history.corpus import load_corpus
from amendtrack.history.manifest import find_manifest
from amendtrack.history.store import (
    APPLICATION_ID,
    EditionStore,
    code_fingerprint,
    default_store_path,
    open_store,
    parser_fingerprint,
)
from amendtrack.model import Edition
from tests.conftest import REPO

CORPUS = REPO / "corpus"
ORIGINAL = "V1400009344/kk/2014-04-09.txt"
REPEALED = "V1400009344/kk/2015-11-16.txt"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "store.sqlite3"


@pytest.fixture()
def tmp_corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus that a test may damage."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


class CountingParser:
    """Wraps parse.edition.parse_edition and counts the calls, to prove what the store saves."""

    def __init__(self) -> None:
        from amendtrack.parse.edition import parse_edition

        self.parse = parse_edition
        self.calls: list[str] = []

    def __call__(self, text: str, path: str, sha256: str) -> Edition:
        self.calls.append(path)
        return self.parse(text, path, sha256)


# ---------------------------------------------------------------- where the store lives


def test_default_path_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_store_path({"XDG_CACHE_HOME": "/var/cache/me"}) == Path("/var/cache/me/amendtrack/store.sqlite3")
    # The XDG rule: a relative XDG_CACHE_HOME is invalid and ignored, as is an empty one.
    home_cache = tmp_path / "home" / ".cache" / "amendtrack" / "store.sqlite3"
    assert default_store_path({"XDG_CACHE_HOME": "relative/cache"}) == home_cache
    assert default_store_path({"XDG_CACHE_HOME": ""}) == home_cache
    assert default_store_path({}) == home_cache


def test_open_store_disabled_opens_nothing(db: Path) -> None:
    assert open_store(str(db), enabled=False) is None
    assert not db.exists() and not db.parent.exists()


# ---------------------------------------------------------------- reading and writing


def test_round_trip_creates_folders_and_uses_wal(db: Path, seed: Edition) -> None:
    with EditionStore.open(db) as store:
        assert store.get(seed.source.sha256) is None
        store.put(seed)
        assert store.get(seed.source.sha256) == seed
        assert store.count() == 1
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    raw.close()
    # A second process (here: a second open) reads what the first wrote.
    with EditionStore.open(db) as store:
        assert store.get(seed.source.sha256) == seed


def test_same_bytes_under_another_path_get_that_path(db: Path, seed: Edition) -> None:
    with EditionStore.open(db) as store:
        store.put(seed)
        moved = store.get(seed.source.sha256, "elsewhere/2015-11-16.txt")
    assert moved is not None
    assert moved.source.path == "elsewhere/2015-11-16.txt"
    assert moved.source.sha256 == seed.source.sha256
    assert moved.positions == seed.positions


def test_rows_of_another_parser_are_not_read_and_get_replaced(db: Path, seed: Edition) -> None:
    with EditionStore.open(db, fingerprint="old-parser") as store:
        store.put(seed)
    with EditionStore.open(db, fingerprint="new-parser") as store:
        assert store.get(seed.source.sha256) is None
        assert store.count() == 0
        store.put(seed)
        assert store.count() == 1
    rows = sqlite3.connect(db).execute("SELECT parser FROM editions").fetchall()
    assert rows == [("new-parser",)]


def test_any_code_change_changes_the_fingerprint(tmp_path: Path) -> None:
    package = Path(amendtrack.__file__).parent
    # Uncached, so that an edit elsewhere in a shared tree since the cache was filled does not matter.
    assert parser_fingerprint.__wrapped__() == code_fingerprint(package)
    copy = tmp_path / "amendtrack"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    before = code_fingerprint(copy)
    assert len(before) == 16 and code_fingerprint(copy) == before
    (fields,) = copy.rglob("fields.py")  # wherever the field parser lives in the package
    fields.write_bytes(fields.read_bytes() + b"\n# a comment is a change too\n")
    changed = code_fingerprint(copy)
    assert changed != before
    (copy / "newstage.py").write_text("X = 1\n", encoding="utf-8")
    assert code_fingerprint(copy) not in (changed, before)
    assert code_fingerprint(copy, version="9.9.9") != code_fingerprint(copy)


def test_a_module_in_a_subpackage_is_part_of_the_fingerprint(tmp_path: Path) -> None:
    package = Path(amendtrack.__file__).parent
    copy = tmp_path / "amendtrack"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    (copy / "stage").mkdir()
    (copy / "stage" / "__init__.py").write_text("", encoding="utf-8")
    module = copy / "stage" / "rules.py"
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    before = code_fingerprint(copy)
    module.write_text("LIMIT = 2\n", encoding="utf-8")
    edited = code_fingerprint(copy)
    assert edited != before
    # The same bytes under another path are another module.
    module.rename(copy / "stage" / "limits.py")
    renamed = code_fingerprint(copy)
    assert renamed not in (edited, before)
    # What lands in __pycache__ comes and goes with imports: it is not code.
    (copy / "stage" / "__pycache__").mkdir()
    (copy / "stage" / "__pycache__" / "stray.py").write_text("x = 1\n", encoding="utf-8")
    assert code_fingerprint(copy) == renamed


def test_our_store_in_an_older_layout_is_rebuilt(db: Path, seed: Edition) -> None:
    db.parent.mkdir(parents=True)
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 0")
    raw.execute("CREATE TABLE editions (sha256 TEXT, blob BLOB)")
    raw.commit()
    raw.close()
    with EditionStore.open(db) as store:
        store.put(seed)
        assert store.get(seed.source.sha256) == seed


def test_two_open_stores_on_one_file_read_each_others_rows(db: Path, seed: Edition) -> None:
    # Two processes sharing the default cache: WAL lets one read while the other writes.
    with EditionStore.open(db) as one, EditionStore.open(db) as two:
        assert two.get(seed.source.sha256) is None
        one.put(seed)
        assert two.get(seed.source.sha256) == seed
        two.put(seed)  # the same row written twice is harmless
        assert one.count() == two.count() == 1


# ---------------------------------------------------------------- trouble


def test_a_file_that_is_not_a_database_is_an_error_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a cache\n" * 200, encoding="utf-8")
    before = notes.read_bytes()
    with pytest.raises(InputError) as err:
        EditionStore.open(notes)
    message = str(err.value)
    assert message.startswith(f"{notes}: is not a readable amendtrack store (file is not a database)")
    assert "delete it, choose another file with --db, or run with --no-store" in message
    assert "\n" not in message
    assert notes.read_bytes() == before


def test_someone_elses_sqlite_database_is_an_error_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "app.db"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE invoices (id INTEGER)")
    raw.commit()
    raw.close()
    before = other.read_bytes()
    with pytest.raises(InputError, match="is an SQLite database that amendtrack did not create"):
        EditionStore.open(other)
    assert other.read_bytes() == before


def test_a_damaged_row_is_an_error(db: Path, seed: Edition) -> None:
    with EditionStore.open(db) as store:
        store.put(seed)
    raw = sqlite3.connect(db)
    raw.execute("UPDATE editions SET json = '{\"schema\": \"amendtrack/edition@1\"'")
    raw.commit()
    raw.close()
    with EditionStore.open(db) as store, pytest.raises(InputError, match="is damaged"):
        store.get(seed.source.sha256)


def _texts_of(edition: Edition) -> set[str]:
    """The texts the store keeps once: each position's titles and requirement texts."""
    out: set[str] = set()
    for p in edition.positions:
        r = p.requirements
        out |= {p.title, p.printed_title, r.education, r.competence, r.duties, *r.experience.items}
    return out


def test_texts_are_kept_once_and_shared_when_read_back(db: Path, seed: Edition, seed_text: str) -> None:
    import random

    from amendtrack.parse.edition import parse_edition
    from tests.support.generate import generate_edition

    generated = generate_edition(seed, seed_text, random.Random(3), ["words", "rename"], noise=())
    amended = parse_edition(generated.text, "amended.txt")
    with EditionStore.open(db) as store:
        store.put(seed)
        store.put(amended)
    raw = sqlite3.connect(db)
    rows = raw.execute("SELECT json FROM editions").fetchall()
    texts = raw.execute("SELECT count(*) FROM texts").fetchone()[0]
    raw.close()
    # One row a distinct text of the two editions, and the editions' rows hold none of them.
    assert texts == len(_texts_of(seed) | _texts_of(amended)) < len(_texts_of(seed)) + len(_texts_of(amended))
    competence = seed.positions[0].requirements.competence
    assert all(competence not in json for (json,) in rows)
    with EditionStore.open(db) as store:
        first, second = store.get(seed.source.sha256), store.get(amended.source.sha256)
    assert first == seed and second == amended
    # The same text read back for both editions is one string, held once.
    assert second is not None and first is not None
    assert second.positions[0].requirements.competence is first.positions[0].requirements.competence


def test_a_store_that_forgets_its_texts_reads_them_again(db: Path, seed: Edition,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from amendtrack.history import stored_texts

    monkeypatch.setattr(stored_texts, "TEXTS_KEPT", 10)  # far fewer than one edition has
    with EditionStore.open(db) as store:
        store.put(seed)
        assert store.get(seed.source.sha256) == seed
        assert store.get(seed.source.sha256) == seed
    with EditionStore.open(db) as store:
        assert store.get(seed.source.sha256) == seed


@pytest.mark.parametrize("damage", ["UPDATE texts SET text = text || ' (edited)' WHERE rowid = 1",
                                    "DELETE FROM texts WHERE rowid = 2"])
def test_a_damaged_or_missing_text_is_an_error(db: Path, seed: Edition, damage: str) -> None:
    with EditionStore.open(db) as store:
        store.put(seed)
    raw = sqlite3.connect(db)
    raw.execute(damage)
    raw.commit()
    raw.close()
    with EditionStore.open(db) as store, pytest.raises(InputError, match="is damaged .*(not the text of its key|missing)"):
        store.get(seed.source.sha256)


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory; --db expects a database file"):
        EditionStore.open(tmp_path)


def test_a_locked_store_is_a_one_line_error(db: Path, seed: Edition, monkeypatch: pytest.MonkeyPatch) -> None:
    EditionStore.open(db).close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(InputError) as err:
            with EditionStore.open(db) as store:
                store.put(seed)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another process" in str(err.value)
    assert str(err.value).startswith(str(db))


# ---------------------------------------------------------------- loading a corpus


def test_second_load_parses_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingParser()
    monkeypatch.setattr(corpus_module, "parse_edition", counter)
    with EditionStore.open(db) as store:
        first = load_corpus(CORPUS, store)
    assert counter.calls == [str(CORPUS / ORIGINAL), str(CORPUS / REPEALED)]
    assert first.parsed == 2
    with EditionStore.open(db) as store:
        second = load_corpus(CORPUS, store)
    assert len(counter.calls) == 2  # no new call
    assert second.parsed == 0 and all(e.from_store for e in second.editions)
    assert [e.edition for e in second.editions] == [e.edition for e in first.editions]


def test_without_a_store_every_load_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingParser()
    monkeypatch.setattr(corpus_module, "parse_edition", counter)
    load_corpus(CORPUS, None)
    load_corpus(CORPUS, None)
    assert len(counter.calls) == 4


def test_editions_come_oldest_first_with_their_manifest_records() -> None:
    loaded = load_corpus(CORPUS, None)
    assert loaded.work.slug == "V1400009344" and loaded.language == "kk"
    assert [e.expression.file for e in loaded.editions] == [ORIGINAL, REPEALED]
    assert [e.edition.source.path for e in loaded.editions] == [str(CORPUS / ORIGINAL), str(CORPUS / REPEALED)]
    assert [e.edition.act.status for e in loaded.editions] == ["in_force", "repealed"]


def test_order_is_by_date_not_by_manifest_order(tmp_corpus: Path) -> None:
    manifest = tmp_corpus / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    first, second = text.split("[[work.expression]]")[1:]
    head = text.split("[[work.expression]]")[0]
    manifest.write_text(head + "[[work.expression]]" + second + "\n[[work.expression]]" + first, encoding="utf-8")
    loaded = load_corpus(tmp_corpus, None)
    assert [e.expression.date for e in loaded.editions] == [date(2014, 4, 9), date(2015, 11, 16)]


def test_a_changed_file_is_tamper_evidence(tmp_corpus: Path, db: Path) -> None:
    target = tmp_corpus / REPEALED
    data = bytearray(target.read_bytes())
    data[-2:-1] = b"!"  # one byte near the end: the text still parses
    target.write_bytes(bytes(data))
    manifest_before = (tmp_corpus / "manifest.toml").read_bytes()
    with EditionStore.open(db) as store:
        with pytest.raises(InputError) as err:
            load_corpus(tmp_corpus, store)
    message = str(err.value)
    assert message.startswith(f"{target}: sha256 mismatch: manifest {tmp_corpus / 'manifest.toml'} records 00c580ba")
    assert "(the file changed since it was recorded)" in message
    # Never re-hashed: the manifest is as it was, and nothing of the changed file was stored.
    assert (tmp_corpus / "manifest.toml").read_bytes() == manifest_before
    stored = sqlite3.connect(db).execute("SELECT sha256 FROM editions").fetchall()
    assert stored == [("50a4ce05fc6fe20f2c710451d58209870b8a0e318cee33b7696e68291393dcf7",)]  # the original only


def test_a_stored_edition_does_not_hide_tampering(tmp_corpus: Path, db: Path) -> None:
    with EditionStore.open(db) as store:
        load_corpus(tmp_corpus, store)
    target = tmp_corpus / ORIGINAL
    target.write_bytes(target.read_bytes().replace("Министрдің".encode(), "Министірдің".encode(), 1))
    with EditionStore.open(db) as store, pytest.raises(InputError, match="sha256 mismatch"):
        load_corpus(tmp_corpus, store)


def test_corpus_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such corpus folder or manifest"):
        find_manifest(tmp_path / "nowhere")
    with pytest.raises(InputError, match="is not a corpus: it holds no manifest.toml"):
        find_manifest(tmp_path)
    assert find_manifest(CORPUS) == CORPUS / "manifest.toml"
    assert find_manifest(CORPUS / "manifest.toml") == CORPUS / "manifest.toml"


def test_work_and_language_choice(tmp_corpus: Path) -> None:
    with pytest.raises(InputError, match=r"no work 'V000'; the corpus holds: V1400009344"):
        load_corpus(tmp_corpus, None, work="V000")
    with pytest.raises(InputError, match=r"work V1400009344 has no 'ru' editions \(languages: kk\)"):
        load_corpus(tmp_corpus, None, language="ru")


# ---------------------------------------------------------------- alignments


@pytest.fixture(scope="module")
def amended_pair() -> tuple[Edition, Edition]:
    """The original and a generated edition with 40 amendments and layout noise: positions
    matched at every stage (identical, title, similar, added, removed), units by name and
    by where their positions went."""
    import random

    from amendtrack.parse.edition import parse_edition
    from tests.support.generate import AMENDMENTS, generate_edition

    text = (CORPUS / ORIGINAL).read_text(encoding="utf-8")
    original = parse_edition(text, ORIGINAL)
    rng = random.Random(2)
    generated = generate_edition(original, text, rng, [rng.choice(AMENDMENTS) for _ in range(40)], noise_rate=0.2)
    return original, parse_edition(generated.text, "generated.txt")


def test_an_alignment_round_trips_at_every_stage(db: Path, amended_pair: tuple[Edition, Edition]) -> None:
    from amendtrack.compare.differ import compare_aligned, compare_editions
    from amendtrack.compare.match import match_editions

    old, new = amended_pair
    alignment = match_editions(old, new, 0.6)
    assert {p.stage for p in alignment.pairs} == {"identical", "title", "similar", "added", "removed"}
    assert {u.stage for u in alignment.units} == {"name", "positions"}
    with EditionStore.open(db) as store:
        assert store.get_alignment(old, new, 0.6) is None
        store.put_alignment(alignment, old, new)
        assert store.alignment_count() == 1
    with EditionStore.open(db) as store:  # another run
        stored = store.get_alignment(old, new, 0.6)
    assert stored == alignment
    # The positions are the editions' own objects, not copies, so the comparison is the same.
    assert all(p.old is None or any(p.old is q for q in old.positions) for p in stored.pairs)
    assert compare_aligned(old, new, stored) == compare_editions(old, new, 0.6)


def test_an_alignment_is_kept_per_pair_threshold_and_code(db: Path, amended_pair: tuple[Edition, Edition]) -> None:
    from amendtrack.compare.match import match_editions

    old, new = amended_pair
    with EditionStore.open(db, fingerprint="old-code") as store:
        store.put_alignment(match_editions(old, new, 0.6), old, new)
        assert store.get_alignment(old, new, 0.7) is None  # another threshold pairs differently
        assert store.get_alignment(new, old, 0.6) is None  # the other direction is another comparison
    with EditionStore.open(db, fingerprint="new-code") as store:
        assert store.get_alignment(old, new, 0.6) is None
        assert store.alignment_count() == 0


def test_a_damaged_alignment_is_an_error(db: Path, amended_pair: tuple[Edition, Edition]) -> None:
    from amendtrack.compare.match import match_editions

    old, new = amended_pair
    with EditionStore.open(db) as store:
        store.put_alignment(match_editions(old, new, 0.6), old, new)
    raw = sqlite3.connect(db)
    # The first pair names a position the old edition does not have.
    raw.execute("UPDATE alignments SET json = replace(json, '\"pairs\":[[0,', '\"pairs\":[[9999,')")
    raw.commit()
    raw.close()
    with EditionStore.open(db) as store, pytest.raises(InputError) as err:
        store.get_alignment(old, new, 0.6)
    message = str(err.value)
    assert message.startswith(f"{db}: the stored alignment {old.source.sha256[:12]}… → ")
    assert "is damaged (a position pair names no position, or one named before)" in message


def test_alignment_data_is_checked_against_the_editions(amended_pair: tuple[Edition, Edition]) -> None:
    import json

    from amendtrack.compare.alignment import alignment_from_data, alignment_to_data
    from amendtrack.compare.match import match_editions

    old, new = amended_pair
    good = json.loads(json.dumps(alignment_to_data(match_editions(old, new, 0.6), old, new)))

    def broken(change) -> str:
        data = json.loads(json.dumps(good))
        change(data)
        with pytest.raises(ValueError) as err:
            alignment_from_data(data, old, new)
        return str(err.value)

    assert broken(lambda d: d["pairs"].pop()) == "the position pairs leave out some of the editions' positions"
    assert broken(lambda d: d["pairs"].append(d["pairs"][0])) == "a position pair names no position, or one named before"
    assert broken(lambda d: d["units"][0].__setitem__(2, "guessed")).startswith("a unit pair has an unknown stage")
    assert broken(lambda d: d["pairs"][0].__setitem__(3, "1.0")).endswith("a score that is not a number")
    assert broken(lambda d: d.__setitem__("threshold", 2)).startswith("similarity threshold must be")
    assert alignment_from_data(good, old, new) == match_editions(old, new, 0.6)


def test_an_older_store_without_alignments_is_rebuilt(db: Path, seed: Edition) -> None:
    db.parent.mkdir(parents=True)
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 1")  # editions only
    raw.execute("CREATE TABLE editions (sha256 TEXT PRIMARY KEY, parser TEXT NOT NULL, json TEXT NOT NULL)")
    raw.commit()
    raw.close()
    with EditionStore.open(db) as store:
        assert store.alignment_count() == 0
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION == 3


def test_a_second_history_matches_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from amendtrack.compare.differ import compare_editions
    from amendtrack.compare.match import match_editions
    from amendtrack.history.corpus import load_history, stored_comparer

    calls: list[tuple[str, str]] = []

    def counting(old: Edition, new: Edition, threshold: float):  # type: ignore[no-untyped-def]
        calls.append((old.source.sha256, new.source.sha256))
        return match_editions(old, new, threshold)

    monkeypatch.setattr(corpus_module, "match_editions", counting)
    with EditionStore.open(db) as store:
        first = load_history(CORPUS, store)
        assert store.alignment_count() == 1
    assert len(calls) == 1
    with EditionStore.open(db) as store:
        second = load_history(CORPUS, store)
    assert len(calls) == 1  # the pair's alignment came from the store
    assert second.lineages == first.lineages
    assert second.comparisons == first.comparisons
    # Kept in the history: the one comparison its two editions make, as the differ makes it.
    old, new = (e.edition for e in second.editions)
    assert second.comparisons == (compare_editions(old, new),)
    # Without a store, every history compares afresh.
    assert stored_comparer(None) is compare_editions


def test_editions_share_the_texts_they_repeat() -> None:
    from amendtrack.parse.edition import parse_file

    loaded = load_corpus(CORPUS, None)
    original, repealed = (e.edition for e in loaded.editions)
    # The repealed text differs from the original only in the publisher's annotations:
    # every position's requirements and title are the same objects in both.
    assert len(original.positions) == len(repealed.positions) == 152
    for p, q in zip(original.positions, repealed.positions, strict=True):
        assert q.requirements is p.requirements and q.title is p.title
    # Sharing changes no value: the edition is what the parser makes.
    assert repealed == parse_file(str(CORPUS / REPEALED))
