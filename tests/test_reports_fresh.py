"""The committed reports/ is what `amendtrack report` writes today, byte for byte.

The reports of the bundled corpus are committed so that a reader can open them
without installing anything; these tests regenerate them and compare every
file, so they never go stale.  The regeneration reads no store (--no-store):
the bytes must come from the corpus and the code alone.

When a test here fails after a deliberate change to the pages, refresh the
folder from the repository's root and commit it with the change:

    amendtrack report
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.report.folder import LIST_NAME, read_file_list

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "reports"
REFRESH = "reports/ is stale: run `amendtrack report` from the repository's root and commit reports/"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _regenerate(out: Path, corpus: str | None = None) -> None:
    args = ["report", *([corpus] if corpus else []), "-o", str(out), "--no-store"]
    # The README's command as a reader runs it: no AMENDTRACK_LANG (tests/conftest.py sets one).
    result = CliRunner().invoke(cli, args, env={"AMENDTRACK_LANG": None})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"Wrote 155 pages to {out}{os.sep}: open {out / 'index.html'}"


def _compare(fresh: Path) -> None:
    committed, regenerated = _files(COMMITTED), _files(fresh)
    missing, extra = sorted(regenerated - committed), sorted(committed - regenerated)
    assert not missing, f"{REFRESH}; missing from reports/: {', '.join(missing[:5])}"
    assert not extra, f"{REFRESH}; in reports/ but no longer written: {', '.join(extra[:5])}"
    differ = [name for name in sorted(committed) if (COMMITTED / name).read_bytes() != (fresh / name).read_bytes()]
    assert not differ, f"{REFRESH}; {len(differ)} files differ, e.g. {', '.join(differ[:5])}"


@pytest.fixture(scope="module")
def committed_files() -> set[str]:
    if not (COMMITTED / "index.html").is_file():
        pytest.fail(f"reports/index.html is missing; {REFRESH}")
    return _files(COMMITTED)


def test_committed_reports_match_a_fresh_run(committed_files, tmp_path, monkeypatch):
    # Exactly the README's command: the default corpus (./corpus), from the repository's root.
    monkeypatch.chdir(REPO)
    _regenerate(tmp_path / "reports")
    _compare(tmp_path / "reports")
    # The folder lists what it holds, so that the next run can remove what it no longer writes.
    assert sorted(read_file_list(COMMITTED)) == sorted(committed_files - {LIST_NAME})
    assert "index.html" in committed_files


def test_the_same_bytes_from_a_corpus_elsewhere(committed_files, tmp_path, monkeypatch):
    # Another machine: the corpus in another folder, named by an absolute path,
    # the command run from somewhere else.  The pages name the editions by the
    # corpus folder's name (corpus/...), so nothing changes.
    elsewhere = tmp_path / "some" / "other" / "clone"
    shutil.copytree(REPO / "corpus", elsewhere / "corpus")
    monkeypatch.chdir(tmp_path)
    _regenerate(tmp_path / "out", str(elsewhere / "corpus"))
    _compare(tmp_path / "out")


def test_no_page_shows_a_path_of_this_machine(committed_files):
    home = os.path.expanduser("~")
    needles = {str(REPO), home, "file://", "/tmp/"} - {"", "/"}
    for name in sorted(committed_files):
        text = (COMMITTED / name).read_text(encoding="utf-8")
        found = [needle for needle in needles if needle in text]
        assert not found, f"reports/{name} shows {found}: pages must name files relative to the corpus's folder"
    # What they do show: the editions as corpus/<act>/<language>/<date>.txt.
    index = (COMMITTED / "index.html").read_text(encoding="utf-8")
    assert "corpus/V1400009344/kk/2014-04-09.txt" in index
    assert "corpus/V1400009344/kk/2015-11-16.txt" in index
