"""One report page per interface language in a real browser (headless Chromium, see
test_browser.py): the page says its language, its interface speaks it (the title,
the headings, the search box and the counts the script writes), and the act's
text is the same Kazakh text in every language."""

from __future__ import annotations

import random

import pytest

from amendtrack.i18n import interface_language
from amendtrack.report import plan_report, render_diff_html
from amendtrack.report.folder import load_report_histories
from tests.test_browser import REPO, SEED_OLD, _errors, _open, _shot, browser  # noqa: F401  (fixture)

EXPECTED = {
    "ru": {"h1": "Редакции и изменения", "count": "Показано 152 из 152 должностей",
           "title": "Изменения: 2014-04-09 → 2015-11-16 (Приказ № 927 от 2015-11-16)",
           "counter": "{i} из {n}", "history": "История должности"},
    "kk": {"h1": "Редакциялар мен өзгерістер", "count": "152 лауазымның 152 көрсетілді",
           "title": "Өзгерістер: 2014-04-09 → 2015-11-16 (2015-11-16 № 927 бұйрық)",
           "counter": "{n} ішінен {i}", "history": "Лауазым тарихы"},
}


@pytest.fixture(scope="module")
def language_pages(tmp_path_factory):
    from amendtrack.compare.differ import compare_editions
    from amendtrack.parse.edition import parse_edition, parse_file
    from tests.support.generate import AMENDMENTS, generate_edition

    histories = load_report_histories(REPO / "corpus", None)
    old = parse_file(str(SEED_OLD))
    generated = generate_edition(old, SEED_OLD.read_text(encoding="utf-8"), random.Random(6), AMENDMENTS * 2)
    amended = compare_editions(old, parse_edition(generated.text, "generated-amendment.txt"))
    wanted = {"index": "index.html", "repeal": "V1400009344/kk/diff-2014-04-09-2015-11-16.html",
              "position": "V1400009344/kk/positions/pa6ce6beb87.html"}
    found = {}
    for language in EXPECTED:
        out = tmp_path_factory.mktemp(f"pages-{language}")
        with interface_language(language):
            for page in plan_report(histories):
                for name, path in wanted.items():
                    if page.path == path:
                        target = out / path
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_text(page.render(), encoding="utf-8")
                        found[language, name] = target
            (out / "amendment.html").write_text(render_diff_html(amended), encoding="utf-8")
            found[language, "amendment"] = out / "amendment.html"
    return found


@pytest.mark.parametrize("language", list(EXPECTED))
def test_a_page_per_language(browser, language_pages, language):
    want = EXPECTED[language]
    _open(browser, language_pages[language, "index"], height=1200)
    assert _errors(browser) == []
    assert browser.execute_script("return document.documentElement.lang") == language
    assert browser.find_element("css selector", "h1").text == want["h1"]
    assert browser.find_element("css selector", ".filter-count").text == want["count"]
    _shot(browser, f"index-{language}")

    _open(browser, language_pages[language, "repeal"])
    assert browser.title == want["title"]

    # The counter and the cards' "i of N" are written by the script, from the page's words.
    _open(browser, language_pages[language, "amendment"])
    assert _errors(browser) == []
    cards = browser.execute_script("return document.querySelectorAll('article[data-nav]').length")
    assert cards > 1
    browser.find_element("id", "next-change").click()
    assert browser.find_element("id", "change-counter").text == want["counter"].format(i=1, n=cards)
    _shot(browser, f"diff-{language}")

    _open(browser, language_pages[language, "position"], height=1200)
    assert browser.find_element("css selector", ".crumbs").text.endswith(want["history"])
    kazakh = browser.execute_script(
        "return Array.from(document.querySelectorAll('dl.requirements [lang=kk]')).map(e => e.textContent)")
    assert "Жұмыс тәжірибесі келесі талаптардың біріне сәйкес болуы тиіс:" in kazakh
