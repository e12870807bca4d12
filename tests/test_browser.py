"""The report pages in a real browser: headless Chromium, driven by selenium.

Chromium and its driver come from Debian (packages ``chromium`` and
``chromium-driver``: .ci/run installs them when missing); selenium is told where
both are, so it never tries to download a driver.  Pages are opened from
file://, as a reviewer opens a report folder.  Screenshots go to
tests/artifacts/ (git-ignored) for people to look at.

The tests skip, with the reason printed, only when the browser cannot be
started at all.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest

from amendtrack.report import plan_report, render_diff_html
from amendtrack.report.folder import load_report_histories

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
FIXTURE = REPO / "tests" / "fixtures" / "diff_sample.json"
SEED_OLD = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
CHROMIUM = os.environ.get("AMENDTRACK_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("AMENDTRACK_CHROMEDRIVER", "/usr/bin/chromedriver")
WIDE, NARROW = 1280, 360

# The flags the workplace's probe uses: no sandbox (we run as root in CI), and
# nothing that reaches for the network, which is closed here.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--disable-dev-shm-usage",
)


def _start(javascript: bool = True):
    """A headless Chromium with a fresh profile, or a skip saying why there is none."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:  # pragma: no cover - selenium is a test dependency
        pytest.skip(f"selenium is not installed ({exc}); pip install -e '.[test]'")
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            print(f"browser test skipped: {binary} not found (apt-get install chromium chromium-driver)")
            pytest.skip(f"{binary} not found: apt-get install -y chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="amendtrack-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WIDE},900")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"browser test skipped: Chromium could not be started: {reason}")
        pytest.skip(f"Chromium could not be started: {reason}")
    driver.profile_dir = profile  # type: ignore[attr-defined]
    return driver


def _stop(driver) -> None:
    profile = driver.profile_dir
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    driver = _start()
    yield driver
    _stop(driver)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The pages under test, written to a temporary folder."""
    from amendtrack.compare.differ import compare_editions
    from amendtrack.parse.edition import parse_edition, parse_file
    from tests.support.generate import AMENDMENTS, generate_edition

    out = tmp_path_factory.mktemp("pages")
    found: dict[str, Path] = {}

    def write(name: str, html: str) -> None:
        found[name] = out / f"{name}.html"
        found[name].write_text(html, encoding="utf-8")

    sample = json.loads(FIXTURE.read_text(encoding="utf-8"))
    from tests.test_report import hostile, model_of

    write("sample", render_diff_html(model_of(sample)))
    write("hostile", render_diff_html(model_of(hostile(sample))))

    # A real amendment: the differ issue's generator amends the 2014 edition,
    # so there are real redlines to see.
    old = parse_file(str(SEED_OLD))
    generated = generate_edition(old, SEED_OLD.read_text(encoding="utf-8"), random.Random(6), AMENDMENTS * 2)
    new = parse_edition(generated.text, "generated-amendment.txt")
    write("amendment", render_diff_html(compare_editions(old, new)))

    def report_pages(folder: Path, histories, wanted: dict[str, str]) -> None:
        """The pages of a report folder as `amendtrack report` plans them (only those under test)."""
        for page in plan_report(histories):
            for name in [name for name, path in wanted.items() if path == page.path]:
                found[name] = folder / page.path
                found[name].parent.mkdir(parents=True, exist_ok=True)
                found[name].write_text(page.render(), encoding="utf-8")
        assert set(wanted) <= set(found)

    # The bundled corpus's report folder.
    report_pages(out / "reports", load_report_histories(REPO / "corpus", None), {
        "index": "index.html",
        "repeal": "V1400009344/kk/diff-2014-04-09-2015-11-16.html",
        "position": "V1400009344/kk/positions/pa6ce6beb87.html",
        "drift": "V1400009344/kk/drift.html",
    })

    # Four editions: the bundled original and three fictional amendments
    # (tests/test_report.py), so that a position's history has changes to show.
    from tests.test_report import changed_twice, write_chain_corpus

    corpus = write_chain_corpus(out / "chain-corpus")
    histories = load_report_histories(corpus, None)
    report_pages(out / "chain", histories, {
        "chain-index": "index.html",
        "chain-diff": "V1400009344/kk/diff-2014-07-01-2014-12-15.html",
        "chain-position": f"V1400009344/kk/positions/{changed_twice(histories[0]).key}.html",
        "chain-drift": "V1400009344/kk/drift.html",
    })
    return found


def _open(driver, path: Path, width: int = WIDE, height: int = 900) -> None:
    # Device metrics rather than the window size: desktop Chromium will not make
    # a window narrower than about 500 px, and phones are what 360 px means.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(path.as_uri())
    driver.get_log("browser")  # nothing from an earlier page


def _errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _shot(driver, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if full_page:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": width < 600})
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _overflow(driver) -> int:
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _counter(driver) -> str:
    return driver.find_element("id", "change-counter").text


def _top_card(driver) -> str:
    """The id of the change card the reader is on (its top just below the toolbar)."""
    return driver.execute_script("""
        var edge = document.getElementById('toolbar').getBoundingClientRect().bottom + 12, id = null;
        document.querySelectorAll('article[data-nav]').forEach(function (c) {
            if (c.offsetParent !== null && c.getBoundingClientRect().top <= edge) { id = c.id; }
        });
        return id;""")


ALL_PAGES = ["sample", "amendment", "repeal", "index", "position", "hostile", "chain-index", "chain-diff",
             "chain-position", "drift", "chain-drift"]


@pytest.mark.parametrize("name", ALL_PAGES)
def test_pages_load_without_console_errors(browser, pages, name):
    _open(browser, pages[name])
    assert _errors(browser) == []
    assert browser.execute_script("return document.querySelectorAll('script').length") == 1


def test_previous_next_navigation_counts_i_of_n(browser, pages):
    _open(browser, pages["sample"])
    cards = [c.get_attribute("id") for c in browser.find_elements("css selector", "article[data-nav]")]
    assert len(cards) == 8
    assert browser.find_element("id", "toolbar").is_displayed()
    assert _counter(browser) == "– of 8"
    nxt, prev = browser.find_element("id", "next-change"), browser.find_element("id", "prev-change")
    for i in range(1, 4):
        nxt.click()
        assert _counter(browser) == f"{i} of 8"
        assert _top_card(browser) == cards[i - 1]
    _shot(browser, "diff-sample-wide")
    prev.click()
    assert (_counter(browser), _top_card(browser)) == ("2 of 8", cards[1])
    # The focus follows, for keyboard and screen-reader users.
    assert browser.switch_to.active_element.get_attribute("id") == f"{cards[1]}-h"
    for _ in range(10):
        nxt.click()
    # The last card cannot scroll up to the toolbar (the page ends): the count
    # still follows the reader, who is on it.
    assert _counter(browser) == "8 of 8"
    assert browser.switch_to.active_element.get_attribute("id") == f"{cards[7]}-h"
    assert browser.execute_script(
        "var r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight",
        cards[7])
    prev.click()
    assert (_counter(browser), _top_card(browser)) == ("7 of 8", cards[6])


def test_every_listed_change_is_reachable(browser, pages):
    _open(browser, pages["amendment"])
    links = browser.find_elements("css selector", "ol.toc-list > li > a")
    cards = browser.find_elements("css selector", "article[data-nav]")
    assert len(links) == len(cards) > 5
    for link in links:
        target = link.get_attribute("href").split("#", 1)[1]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        top = browser.execute_script(
            "return document.getElementById(arguments[0]).getBoundingClientRect().top", target)
        toolbar = browser.execute_script("return document.getElementById('toolbar').getBoundingClientRect().bottom")
        # Below the sticky toolbar, and on screen.
        assert toolbar - 1 <= top < 900, target
    _open(browser, pages["amendment"])
    browser.find_element("id", "next-change").click()
    _shot(browser, "diff-amendment-wide")
    _open(browser, pages["amendment"])
    _shot(browser, "diff-amendment-top", full_page=True)


def test_side_by_side_toggle(browser, pages):
    _open(browser, pages["amendment"])
    button = browser.find_element("id", "toggle-sbs")
    inline = browser.find_element("css selector", "article[data-nav] p.redline.inline")
    sides = browser.find_element("css selector", "article[data-nav] .sbs-old")
    assert inline.is_displayed() and not sides.is_displayed()
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert not inline.is_displayed() and sides.is_displayed()
    assert browser.execute_script("return [...document.querySelectorAll('details.sbs')].every(d => d.open)")
    browser.find_element("id", "next-change").click()
    _shot(browser, "diff-amendment-side-by-side")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert inline.is_displayed() and not sides.is_displayed()


def test_editorial_toggle_opens_the_hidden_changes(browser, pages):
    _open(browser, pages["sample"])
    button = browser.find_element("id", "toggle-minor")
    assert button.text == "Editorial changes (3)"
    section = browser.find_element("id", "minor-details")
    assert section.get_attribute("open") is None
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert section.get_attribute("open") == "true"
    assert all(d.get_attribute("open") == "true" for d in browser.find_elements("css selector", "details.minor"))
    first = section.find_element("css selector", "article")
    assert first.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView()", first)
    _shot(browser, "diff-sample-editorial")


def test_typo_filter_hides_typo_only_changes_and_renumbers(browser, pages):
    _open(browser, pages["sample"])
    browser.find_element("id", "toggle-small").click()
    # One of the eight changes (the "Ақпараттындыру" title and education typos) is typo-sized only.
    assert _counter(browser).endswith(" of 7")
    labels = [e.text for e in browser.find_elements("css selector", "article[data-nav] .card-count") if e.is_displayed()]
    assert labels == [f"Change {i} of 7" for i in range(1, 8)]


def test_toggles_work_from_the_keyboard(browser, pages):
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["sample"])
    button = browser.find_element("id", "toggle-sbs")
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.TAB)  # the skip link comes first
    for _ in range(4):  # then previous, next, and the first toggle
        body = browser.switch_to.active_element
        if body.get_attribute("id") == "toggle-sbs":
            break
        body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "toggle-sbs"
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    assert button.get_attribute("aria-pressed") == "true"
    summary = browser.find_element("css selector", "#minor-details > summary")
    browser.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    assert browser.find_element("id", "minor-details").get_attribute("open") == "true"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_horizontal_overflow_at_360_px(browser, pages, name):
    _open(browser, pages[name], NARROW)
    if name in ("sample", "amendment", "hostile", "chain-diff"):
        browser.find_element("id", "toggle-sbs").click()
        browser.find_element("id", "next-change").click()
    assert _overflow(browser) <= 0
    _shot(browser, f"{name}-360")


def test_index_and_position_screenshots(browser, pages):
    # Window-sized shots: a full page of 152 positions is too tall to look at.
    _open(browser, pages["index"], height=1400)
    links = [a.get_attribute("href") for a in browser.find_elements("css selector", "table a")]
    assert len(links) == 1 + 152  # the one redline, then every position
    _shot(browser, "index-wide")
    _open(browser, pages["chain-index"], height=1400)
    _shot(browser, "index-four-editions-wide")
    _open(browser, pages["position"], height=1200)
    assert browser.find_element("css selector", "h1").text == "Министрдің көмекшісі"
    _shot(browser, "position-repealed-wide")
    _open(browser, pages["repeal"])
    _shot(browser, "diff-repeal-wide")


def test_position_history_with_changes(browser, pages):
    _open(browser, pages["chain-position"], height=1000)
    assert browser.find_element("css selector", "h1").text.startswith("Басқарма басшысы – Қазақстан Республикасы")
    rows = browser.find_elements("css selector", "table.steps-table tbody tr")
    # The chain (seed 1, tests/test_report.py) removes an experience item of it in editions 3 and 4;
    # edition 2 leaves it as it was, so it is no version of it.
    assert [r.find_elements("css selector", "td")[3].text.split()[0] for r in rows] == [
        "Introduced", "Changed", "Changed"]
    _shot(browser, "position-changes-top")
    # Each row links to its edition's card, where the change is drawn.
    rows[1].find_element("css selector", "a").click()
    card = browser.find_element("id", "edition-3")
    assert browser.execute_script("return location.hash") == "#edition-3"
    assert 0 <= browser.execute_script("return arguments[0].getBoundingClientRect().top", card) < 1000
    removed = card.find_elements("css selector", "del")
    assert removed and removed[0].is_displayed() and removed[0].text.strip()
    # Side by side, per field, as a native disclosure.
    card.find_element("css selector", "details.sbs > summary").click()
    assert card.find_element("css selector", ".sbs-old del").is_displayed()
    assert card.find_element("css selector", ".sbs-new").is_displayed()
    browser.execute_script("document.getElementById('edition-3').scrollIntoView()")
    _shot(browser, "position-changes-cards")
    _open(browser, pages["chain-position"], NARROW, height=1400)
    browser.execute_script("document.querySelector('.steps').scrollIntoView()")
    _shot(browser, "position-changes-360")


def test_print_stylesheet_reads_in_black_and_white(browser, pages):
    _open(browser, pages["chain-diff"], height=1400)
    browser.find_element("id", "toggle-sbs").click()  # a switch left on must not change the printout
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        style = browser.execute_script("""
            function s(sel, prop) { var e = document.querySelector(sel); return e && getComputedStyle(e)[prop]; }
            return {toolbar: s('#toolbar', 'display'), sbs: s('details.sbs', 'display'),
                    inline: s('article[data-nav] .change', 'display'),
                    del_line: s('article[data-nav] del', 'textDecorationLine') || s('del', 'textDecorationLine'),
                    del_colour: s('del', 'color'), del_bg: s('del', 'backgroundColor'),
                    ins_line: s('ins', 'textDecorationLine'), ins_colour: s('ins', 'color'),
                    toc_link: s('.toc-list a span[lang]', 'textDecorationLine')};""")
        assert style == {"toolbar": "none", "sbs": "none", "inline": "block",
                         "del_line": "line-through", "del_colour": "rgb(0, 0, 0)", "del_bg": "rgba(0, 0, 0, 0)",
                         "ins_line": "underline", "ins_colour": "rgb(0, 0, 0)",
                         # On paper an underlined link would read as an insertion.
                         "toc_link": "none"}
        browser.execute_script("document.querySelector('article[data-nav]').scrollIntoView()")
        _shot(browser, "diff-print")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_pages_read_fully_without_javascript(pages):
    driver = _start(javascript=False)
    try:
        _open(driver, pages["sample"])
        assert not driver.find_element("id", "toolbar").is_displayed()
        cards = driver.find_elements("css selector", "article[data-nav]")
        assert len(cards) == 8 and all(c.is_displayed() for c in cards)
        assert cards[0].find_element("css selector", ".card-count").text == "Change 1 of 8"
        # Side by side, per field, with a click on a native <details>.
        summary = cards[0].find_element("css selector", "details.sbs > summary")
        summary.click()
        assert cards[0].find_element("css selector", ".sbs-old").is_displayed()
        cards[0].find_element("css selector", "a.card-next").click()
        assert driver.execute_script("return location.hash") == "#" + cards[1].get_attribute("id")
        _shot(driver, "diff-sample-no-javascript")
    finally:
        _stop(driver)


def test_drift_page_charts_and_directions(browser, pages):
    """The drift page of the four-edition corpus: one inline SVG chart per section, every
    series named in the chart itself (not by colour), and the positions that moved."""
    _open(browser, pages["chain-drift"], height=1400)
    assert browser.find_element("css selector", "h1").text == "Requirement drift"
    sections = browser.find_elements("css selector", "section.drift-section")
    charts = browser.find_elements("css selector", "section.drift-section figure svg.chart")
    assert len(charts) == len(sections) >= 3
    for chart in charts:
        assert chart.is_displayed() and chart.size["width"] > 300
    # Each category of the public-service table is labelled in its chart, beside its own marker.
    section = browser.find_element("id", "years-public_service").find_element("xpath", "..")
    labels = {t.text for t in section.find_elements("css selector", "svg text")}
    codes = [row.find_element("css selector", "th").text
             for row in section.find_elements("css selector", "table tbody tr")]
    assert codes[-1] == "all categories" and set(codes[:-1]) <= labels
    # The four-edition chain removes an alternative of one position and adds one to another (seed 0).
    rows = [r.text for r in browser.find_elements("css selector", "#directions ~ .table-scroll tbody tr")]
    assert any("stricter" in r and "alternative removed: public service 3 years" in r for r in rows)
    assert any("looser" in r and "alternative added: work in the field 5 years" in r for r in rows)
    _shot(browser, "drift-wide")
    # On paper: the charts print, in black.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        stroke = browser.execute_script(
            "return getComputedStyle(document.querySelector('svg.chart polyline, svg.chart .whisker')).stroke")
        assert stroke == "rgb(34, 34, 34)"
        assert charts[0].is_displayed()
        _shot(browser, "drift-print")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
