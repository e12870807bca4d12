"""The diff page's "The order itself" section in headless Chromium (as tests/test_browser.py):
its cards show the redlines and step through each other, apart from the positions' navigation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from amendtrack.compare.differ import compare_editions
from amendtrack.parse.edition import parse_edition, parse_file
from amendtrack.report import render_diff_html
from tests.support.generate import PROVISION_AMENDMENTS, generate_edition
from tests.test_browser import (
    NARROW,
    SEED_OLD,
    _errors,
    _open,
    _overflow,
    _start,
    _stop,
)


@pytest.fixture(scope="module")
def browser():
    driver = _start()
    yield driver
    _stop(driver)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old = parse_file(str(SEED_OLD))
    generated = generate_edition(old, SEED_OLD.read_text(encoding="utf-8"), random.Random(0), ["rename"],
                                 provision_amendments=PROVISION_AMENDMENTS)
    new = parse_edition(generated.text, "generated.txt")
    path = tmp_path_factory.mktemp("provisions") / "diff.html"
    path.write_text(render_diff_html(compare_editions(old, new)), encoding="utf-8")
    return path


def test_the_order_itself_steps_through_its_cards(browser, page):
    _open(browser, page)
    assert _errors(browser) == []
    cards = browser.find_elements("css selector", "article[data-nav-provision]")
    # The five provision amendments of tests/support/generate_provisions.py, one card each.
    assert len(cards) == len(PROVISION_AMENDMENTS) == 5
    counts = [c.find_element("css selector", ".card-count").text for c in cards]
    assert counts == [f"Provision change {i} of 5" for i in range(1, 6)]
    # The positions' navigation does not count them: one renamed position.
    assert len(browser.find_elements("css selector", "article[data-nav]")) == 1
    first_id = cards[0].get_attribute("id")
    cards[0].find_element("css selector", "a.card-next").click()
    assert browser.execute_script("return location.hash") == "#" + cards[1].get_attribute("id")
    assert first_id != cards[1].get_attribute("id")
    # Every card shows a word redline that a reader sees (ins or del).
    for card in cards:
        marks = card.find_elements("css selector", "p.redline.inline ins, p.redline.inline del")
        assert marks and all(m.is_displayed() for m in marks[:1])


def test_the_order_itself_fits_a_phone(browser, page):
    _open(browser, page, width=NARROW)
    browser.find_element("id", "order-itself")
    assert _overflow(browser) <= 0
