"""Render a report's pages in worker processes, a few pages ahead of the writer.

After parsing, rendering is most of a cold report's time (and of any report
whose code or templates changed, which renders every page again), and the pages
do not depend on each other.  `page_renderers` gives one function per page, called by the
writer in writing order (`write.write_many_atomic`); behind them, worker
processes render the pages in that order, at most `AHEAD` pages per worker ahead
of the writer, so that the pages never pile up in memory (holding every page at
once was most of a report's peak).

The workers are forked (Linux): they start with the histories and the planned
pages already in memory, so nothing is sent to them but a page's number, and
nothing comes back but its text.  Each renders in the report's interface language
and ignores Ctrl-C, which the parent handles (one line, status 130).  A page that
fails to render raises its error in the parent, when the writer asks for it, as
it would in turn.

Only what pays: with one core, without fork, or with fewer than `MIN_PAGES`
pages, each function renders its page itself, when called.  Either way the
bytes are the same (tests/test_render_pool.py).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Protocol

from amendtrack.history.parallel import ignore_ctrl_c, workers
from amendtrack.i18n import interface_language

MIN_PAGES = 12
"""Fewer pages than this: rendered in turn (starting processes costs more)."""

AHEAD = 3
"""Pages each worker may render ahead of the writer."""


class RenderablePage(Protocol):
    """A planned page (report/plan.py): its path, and its text when asked."""

    path: str

    def render(self) -> str: ...


# What the forked workers render: set before the pool starts, so that they inherit it.
_PAGES: Sequence[RenderablePage] = ()
_LANGUAGE = "en"


def _render(index: int) -> str:
    with interface_language(_LANGUAGE):
        return _PAGES[index].render()


@contextmanager
def page_renderers(pages: Sequence[RenderablePage], language: str) -> Iterator[list[Callable[[], str]]]:
    """One function per page of `pages`, returning its text; call them in order.

    :param language: the interface language the pages are rendered in.
    """
    global _PAGES, _LANGUAGE
    count = workers()
    if len(pages) < MIN_PAGES or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield [page.render for page in pages]
        return
    _PAGES, _LANGUAGE = pages, language
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                                 initializer=ignore_ctrl_c) as pool:
            futures: dict[int, Future[str]] = {}
            submitted = 0

            def text_of(index: int) -> str:
                nonlocal submitted
                while submitted < min(len(pages), index + 1 + AHEAD * count):
                    futures[submitted] = pool.submit(_render, submitted)
                    submitted += 1
                return futures.pop(index).result()

            def renderer(index: int) -> Callable[[], str]:
                return lambda: text_of(index)

            try:
                yield [renderer(index) for index in range(len(pages))]
            finally:
                for future in futures.values():
                    future.cancel()
    finally:
        _PAGES = ()
