"""amendtrack.api, the entry module for programs, on the bundled corpus.

The bundled corpus holds two editions of order 161 (2014-04-09, the original,
and 2015-11-16, the published text with the repeal by order 927): the counts
below are the corpus's, read off the texts (152 positions; tests/test_diff.py
and tests/test_cli_history.py pin the same figures through other paths).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from amendtrack import api
from amendtrack.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ORIGINAL = CORPUS / "V1400009344" / "kk" / "2014-04-09.txt"
PUBLISHED = CORPUS / "V1400009344" / "kk" / "2015-11-16.txt"


def test_parse_file_reads_an_edition() -> None:
    edition = api.parse_file(str(ORIGINAL))
    assert len(edition.positions) == 152
    assert edition.source.path == str(ORIGINAL)


def test_compare_files_sees_the_repeal() -> None:
    c = api.compare_files(str(ORIGINAL), str(PUBLISHED))
    assert c.summary.repealed == 152
    assert c.repeal is not None and c.repeal.repealing_act is not None
    assert c.repeal.repealing_act.citing_act.number == "927"
    assert c.has_differences


def test_load_corpus_gives_the_history_without_writing_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    h = api.load_corpus(CORPUS)
    assert [e.edition.source.path.rsplit("/", 1)[-1] for e in h.editions] == ["2014-04-09.txt", "2015-11-16.txt"]
    assert len(h.lineages) == 152
    assert not (tmp_path / "cache").exists()


def test_a_bad_file_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="missing.txt"):
        api.parse_file(str(missing))
