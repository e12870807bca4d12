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


# The command run in a real process: the first page takes 4 s, so that Ctrl-C
# reaches the whole process group (as a terminal sends it) while one worker renders
# and the other, done with the pages it was allowed ahead, waits for more.  The
# workers ignore it (an idle one would otherwise print a traceback) and finish the
# page in hand; the parent cancels the rest, waits for them, and says the one line.
WAIT_IN_RENDER = """
import signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # as at a terminal (see test_bad_input_cli.py)
import amendtrack.report.render_pool as pool
real = pool._render
def slow(index):
    if index == 0:  # one worker busy with the first page; the other soon idle, waiting
        time.sleep(1)
        Path("rendering").touch()  # tells the test that the workers are under way
        time.sleep(3)
    return real(index)
pool._render = slow
from amendtrack.cli import main
sys.argv = ["amendtrack", *sys.argv[1:]]
main()
"""


def test_ctrl_c_while_workers_render_is_one_line_and_130(tmp_path, monkeypatch):
    import os
    import signal
    import subprocess
    import sys
    import time

    monkeypatch.chdir(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-c", WAIT_IN_RENDER, "report", str(REPO / "corpus"), "-o", "out", "--no-store"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    deadline = time.monotonic() + 60
    while not Path("rendering").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no worker ever started rendering"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # the whole group, as a terminal does
    out, err = process.communicate(timeout=60)
    interrupted = "Error: interrupted (Ctrl-C); no output file was left half-written\n"
    assert (process.returncode, out, err) == (130, "", interrupted)
    written = [p for p in Path("out").rglob("*") if p.is_file()] if Path("out").exists() else []
    assert written == []
