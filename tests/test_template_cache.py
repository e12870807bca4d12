"""Compiled templates are kept between runs (report/env.py `_TemplateCache`): the same
pages, and no error when the cache cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OLD = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
NEW = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"


def _diff_html(out: Path, cache_home: Path) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(cache_home)}
    result = subprocess.run([sys.executable, "-m", "amendtrack", "diff", str(OLD), str(NEW), "--format", "html",
                             "-o", str(out)], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr  # 1: the editions differ
    # Only the parser's warnings about the bundled editions: no error, no traceback.
    assert all(line.startswith("warning: ") for line in result.stderr.splitlines()), result.stderr
    return out.read_bytes()


def test_a_second_run_uses_the_compiled_templates_and_writes_the_same_page(tmp_path: Path) -> None:
    first = _diff_html(tmp_path / "first.html", tmp_path / "cache")
    folders = list((tmp_path / "cache" / "amendtrack").glob("templates-*"))
    assert len(folders) == 1 and any(folders[0].iterdir())
    cached = sorted(p.name for p in folders[0].iterdir())
    assert _diff_html(tmp_path / "second.html", tmp_path / "cache") == first
    assert sorted(p.name for p in folders[0].iterdir()) == cached


def test_a_cache_that_cannot_be_made_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    page = _diff_html(tmp_path / "page.html", blocked)
    assert page == _diff_html(tmp_path / "again.html", tmp_path / "cache")
