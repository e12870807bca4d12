"""The lawyer-facing points of issue 15 in a real browser (headless Chromium, see test_browser.py):
the redline's title, the printed page with every section open, finding a position on
the index, and the index at 360 px with its key columns in view."""

from __future__ import annotations

import pytest

from tests.test_browser import NARROW, _errors, _open, _shot, browser, pages  # noqa: F401  (fixtures)


def _print_media(driver, on: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def test_the_redline_title_names_the_editions_and_the_act(browser, pages):
    _open(browser, pages["repeal"])
    assert browser.title == "Changes: 2014-04-09 → 2015-11-16 (Order No. 927 of 2015-11-16)"


def test_every_collapsed_section_prints_open(browser, pages):
    _open(browser, pages["position"], height=1200)
    # On screen the second edition's requirements and the layout notes are collapsed.
    closed = browser.execute_script("return document.querySelectorAll('details:not([open])').length")
    assert closed >= 3
    # Whether the content of each closed <details> is rendered (checkVisibility sees
    # the content-visibility that hides it).
    visible = "return Array.from(document.querySelectorAll('details:not([open])')).map(function (d) {" \
              " var c = d.querySelector(':scope > :not(summary)'); return c ? c.checkVisibility() : true; })"
    assert browser.execute_script(visible) == [False] * closed
    _print_media(browser, True)
    try:
        assert browser.execute_script(visible) == [True] * closed
        # (selenium's is_displayed() reads a closed <details> as hidden whatever the CSS; ask the page.)
        box = browser.execute_script(
            "var r = document.querySelectorAll('article')[1].querySelector('.requirements');"
            "return [r.checkVisibility(), r.getBoundingClientRect().height];")
        assert box[0] is True and box[1] > 100
        _shot(browser, "position-print")
    finally:
        _print_media(browser, False)
    # A browser's own print dialog: the script opens them, and closes them after.
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    assert browser.execute_script("return document.querySelectorAll('details:not([open])').length") == 0
    browser.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert browser.execute_script("return document.querySelectorAll('details:not([open])').length") == closed


def _shown_rows(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#w1-position-table tbody tr'))"
        ".filter(function (r) { return !r.hidden; }).map(function (r) { return r.cells[0].innerText; })")


def _type(driver, text: str) -> None:
    box = driver.find_element("id", "w1-find")
    box.clear()
    box.send_keys(text)


def test_finding_a_position_on_the_index(browser, pages):
    from amendtrack.history.corpus import load_history
    from tests.test_browser import REPO

    _open(browser, pages["index"], height=1200)
    assert _errors(browser) == []
    assert browser.find_element("css selector", ".position-filter").is_displayed()
    assert len(_shown_rows(browser)) == 152
    assert browser.find_element("css selector", ".filter-count").text == "152 of 152 positions shown"
    # By lineage id: exactly that position.
    _type(browser, "La6ce6beb87")
    assert [r.split("\n")[0].split(" L")[0] for r in _shown_rows(browser)] == ["Министрдің көмекшісі"]
    # By words of the title and a category code, as the history's titles have them.
    h = load_history(REPO / "corpus", None)
    wanted = [g for g in h.lineages if "сарапшы" in g.latest.title.lower() and g.latest.category.code == "С-5"]
    _type(browser, "сарапшы С-5")
    assert len(_shown_rows(browser)) == len(wanted) > 0
    assert browser.find_element("css selector", ".filter-count").text == f"{len(wanted)} of 152 positions shown"
    _shot(browser, "index-find")
    _type(browser, "")
    # By the state now: every position of the bundled corpus was repealed with the act.
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "w1-now")).select_by_value("in-force")
    assert _shown_rows(browser) == []
    Select(browser.find_element("id", "w1-now")).select_by_value("repealed")
    assert len(_shown_rows(browser)) == 152


def test_finding_the_changed_positions_of_an_amended_corpus(browser, pages):
    from amendtrack.history.corpus import load_history

    _open(browser, pages["chain-index"], height=1200)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "w1-now")).select_by_value("changed")
    corpus = pages["chain-index"].parent.parent / "chain-corpus"
    h = load_history(corpus, None)
    assert len(_shown_rows(browser)) == sum(1 for g in h.lineages if g.changed_in) > 0


def test_the_index_keeps_its_key_columns_in_view_at_360_px(browser, pages):
    _open(browser, pages["index"], NARROW, height=1400)
    browser.execute_script("document.getElementById('w1-position-table').scrollIntoView()")
    cells = browser.execute_script(
        "var row = document.querySelector('#w1-position-table tbody tr');"
        "return Array.from(row.cells).map(function (c) { var r = c.getBoundingClientRect();"
        " return [c.getAttribute('data-label'), Math.round(r.left), Math.round(r.right), c.innerText]; })")
    labels = [c[0] for c in cells]
    assert labels == ["Position", "Annex · unit", "Category", "Editions", "Changed in", "Now"]
    for label, left, right, text in cells:
        assert 0 <= left and right <= NARROW, (label, left, right)
    now = dict((c[0], c[3]) for c in cells)
    assert now["Category"] == "С-3" and now["Now"] == "Repealed"
    # The header row is hidden at this width, so each cell names its column (CSS ::before).
    before = browser.execute_script(
        "return getComputedStyle(document.querySelector('#w1-position-table tbody td:nth-child(3)'), '::before').content")
    assert before != "none"
    _shot(browser, "index-positions-360")
