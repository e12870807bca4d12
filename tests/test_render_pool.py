"""Pages rendered by worker processes are the pages rendered in turn (report/render_pool.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.history import parallel
from amendtrack.i18n import active_language
from amendtrack.report import render_pool
from tests.support.interrupt import INTERRUPTED, interrupted_command

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(parallel.workers() < 2, reason="one core: the pages are always rendered in turn")


def _folder(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_report_is_the_same_bytes_rendered_by_workers_or_in_turn(tmp_path, monkeypatch, language):
    def report(out: Path) -> dict[str, str]:
        result = CliRunner().invoke(cli, ["report", str(REPO / "corpus"), "-o", str(out), "--no-store",
                                          "--lang", language])
        assert result.exit_code == 0, result.output
        return _folder(out)

    assert render_pool.MIN_PAGES < 150  # the bundled corpus's 155 pages go to the workers
    by_workers = report(tmp_path / "workers")
    monkeypatch.setattr(render_pool, "MIN_PAGES", 10_000)
    in_turn = report(tmp_path / "in-turn")
    assert by_workers == in_turn and len(by_workers) > 150


@dataclass
class _Page:
    path: str
    fails: bool = False

    def render(self) -> str:
        if self.fails:
            raise ValueError(f"{self.path}: cannot render")
        return f"{self.path} in {active_language()}"


def test_workers_render_in_the_report_s_language_and_in_order():
    pages = [_Page(f"p{k}.html") for k in range(render_pool.MIN_PAGES + 5)]
    with render_pool.page_renderers(pages, "kk") as renderers:
        texts = [render() for render in renderers]
    assert texts == [f"p{k}.html in kk" for k in range(len(pages))]


def test_a_page_that_fails_raises_its_error_when_it_is_asked_for():
    pages = [_Page(f"p{k}.html", fails=k == 3) for k in range(render_pool.MIN_PAGES + 5)]
    with render_pool.page_renderers(pages, "en") as renderers:
        assert [renderers[k]() for k in range(3)] == [f"p{k}.html in en" for k in range(3)]
        with pytest.raises(ValueError, match="p3.html: cannot render"):
            renderers[3]()


def test_ctrl_c_while_workers_render_is_one_line_and_130(tmp_path, monkeypatch):
    # The first page takes 4 s, so that Ctrl-C reaches the whole process group while
    # one worker renders and the other, done with the pages it was allowed ahead,
    # waits for more.  The workers ignore it (an idle one would otherwise print a
    # traceback) and finish the page in hand; the parent cancels the rest, waits for
    # them, and says the one line.
    monkeypatch.chdir(tmp_path)
    result = interrupted_command(["report", str(REPO / "corpus"), "-o", "out", "--no-store"],
                                 module="amendtrack.report.render_pool", name="_render", marker="rendering",
                                 condition="args[0] == 0", before=1, after=3,
                                 env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result == (130, "", INTERRUPTED)
    written = [p for p in Path("out").rglob("*") if p.is_file()] if Path("out").exists() else []
    assert written == []
