"""`amendtrack report` with a store redoes only what changed (amendtrack/report/incremental.py).

Every check compares with a report written from nothing (``--no-store``) into
a fresh folder: skipping work must never change a byte.  "Not rewritten" is
read from the file's inode: every write replaces the file by a rename, so a
page written again has a new inode.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.report import incremental
from tests.test_report import CHAIN_DATES, write_chain_corpus


def _run(corpus: Path, out: Path, db: Path | None) -> str:
    from amendtrack.cli import cli

    args = ["report", str(corpus), "-o", str(out)] + (["--db", str(db)] if db else ["--no-store"])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[-1]


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.html")}


def _same_files(a: Path, b: Path) -> None:
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _without_last_edition(corpus: Path) -> str:
    """The chain manifest's text, and the manifest rewritten without its last edition."""
    manifest = corpus / "manifest.toml"
    full = manifest.read_text(encoding="utf-8")
    head, _, _ = full.rpartition("\n[[work.expression]]")
    manifest.write_text(head + "\n", encoding="utf-8")
    return full


@pytest.fixture(scope="module")
def chain_corpus(tmp_path_factory):
    return write_chain_corpus(tmp_path_factory.mktemp("incremental") / "corpus")


def test_a_second_run_renders_and_writes_nothing(chain_corpus, tmp_path):
    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    first = _run(chain_corpus, out, db)
    assert first.startswith("Wrote ")
    before = _inodes(out)
    again = _run(chain_corpus, out, db)
    assert again == f"Nothing changed: the {len(before) } pages in {out}/ are up to date: open {out}/index.html"
    assert _inodes(out) == before
    fresh = tmp_path / "fresh"
    _run(chain_corpus, fresh, None)
    _same_files(out, fresh)


def test_a_page_changed_on_disk_is_written_again_and_only_it(chain_corpus, tmp_path):
    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    _run(chain_corpus, out, db)
    before = _inodes(out)
    touched = "V1400009344/kk/diff-2014-04-09-2014-07-01.html"
    (out / touched).write_bytes((out / touched).read_bytes().replace(b"</body>", b"<p>edited</p></body>"))
    edited_inode = (out / touched).stat().st_ino
    assert _run(chain_corpus, out, db) == (
        f"Wrote 1 pages to {out}/ ({len(before) - 1} unchanged, not rewritten): open {out}/index.html")
    after = _inodes(out)
    assert {name for name in after if after[name] != before[name]} == {touched}
    assert after[touched] != edited_inode
    fresh = tmp_path / "fresh"
    _run(chain_corpus, fresh, None)
    _same_files(out, fresh)


def test_a_deleted_page_is_written_again(chain_corpus, tmp_path):
    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    _run(chain_corpus, out, db)
    (out / "index.html").unlink()
    assert _run(chain_corpus, out, db).startswith(f"Wrote 1 pages to {out}/ (")
    fresh = tmp_path / "fresh"
    _run(chain_corpus, fresh, None)
    _same_files(out, fresh)


def test_one_new_edition_rewrites_only_the_pages_it_touches(tmp_path):
    corpus = write_chain_corpus(tmp_path / "corpus")
    full = _without_last_edition(corpus)
    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    _run(corpus, out, db)
    before = _inodes(out)
    before_bytes = {name: (out / name).read_bytes() for name in before}
    (corpus / "manifest.toml").write_text(full, encoding="utf-8")  # the fourth edition arrives
    _run(corpus, out, db)
    after = _inodes(out)
    rewritten = {name for name in after if name in before and after[name] != before[name]}
    new = set(after) - set(before)
    # The redlines of the three pairs that were there already are untouched; the
    # new pair's redline is new; the index and the drift page show the new edition.
    old_pairs = {f"V1400009344/kk/diff-{a}-{b}.html" for a, b in zip(("2014-04-09", *CHAIN_DATES), CHAIN_DATES[:2])}
    assert old_pairs <= set(before) and not old_pairs & rewritten
    assert f"V1400009344/kk/diff-{CHAIN_DATES[1]}-{CHAIN_DATES[2]}.html" in new
    assert {"index.html", "V1400009344/kk/drift.html"} <= rewritten
    # A position page lists the position's versions, not every edition: the new
    # edition rewrites the pages whose content it changes, and only those.
    positions = {name for name in before if "/positions/" in name}
    changed = {name for name in positions if name in after and (out / name).read_bytes() != before_bytes[name]}
    assert rewritten & positions == changed
    assert 0 < len(changed) < len(positions) // 4
    fresh = tmp_path / "fresh"
    _run(corpus, fresh, None)
    _same_files(out, fresh)


def test_other_code_renders_every_page_again(chain_corpus, tmp_path, monkeypatch):
    import amendtrack.report.incremental as incremental

    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    _run(chain_corpus, out, db)
    before = _inodes(out)
    monkeypatch.setattr(incremental, "report_code_fingerprint", lambda: "another version of the code")
    assert _run(chain_corpus, out, db) == f"Wrote {len(before)} pages to {out}/: open {out}/index.html"
    after = _inodes(out)
    assert all(after[name] != before[name] for name in before)


@pytest.mark.parametrize("edited", ["templates/_macros.html", "locale/kk/LC_MESSAGES/amendtrack.mo",
                                    "report/parts.py", "history/bounds.py"])
def test_the_code_fingerprint_covers_templates_catalogues_and_every_stage(tmp_path, edited):
    # A fingerprint of the report package alone once missed the templates (a folder
    # beside it) and the catalogues: an edited translation left every page stale.
    package = Path(incremental.__file__).resolve().parent.parent
    copy = tmp_path / "amendtrack"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = incremental.package_fingerprint(copy)
    with (copy / edited).open("ab") as f:
        f.write(b"\n")
    assert incremental.package_fingerprint(copy) != before


def test_the_list_name_is_the_folders():
    from amendtrack.report.folder import LIST_NAME
    from amendtrack.report.incremental import folder_is_intact

    assert folder_is_intact.__defaults__ == (LIST_NAME,)


def test_a_report_moved_to_another_folder_is_written_in_full(chain_corpus, tmp_path):
    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    _run(chain_corpus, out, db)
    moved = tmp_path / "moved"
    shutil.copytree(out, moved)
    # The store knows what it wrote into `out`, not into `moved`: nothing is taken on trust.
    assert _run(chain_corpus, moved, db).startswith(f"Wrote {len(_inodes(out))} pages to {moved}/: ")
