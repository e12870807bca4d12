"""The words people read: no data codes, statuses in words, warnings that name the position.

The committed reports/ are in the corpus's language, Kazakh (`amendtrack report`'s
default); the words below are the catalogue's (amendtrack/locale/kk), and the
same pages in English are checked in tests/test_report.py and test_browser*.py.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "reports"


def test_no_data_code_reaches_the_committed_report_pages():
    pages = sorted(REPORTS.rglob("*.html"))
    assert len(pages) == 155  # the index, the redline, the drift page and 152 position pages
    offenders = [p.relative_to(REPO).as_posix() for p in pages if "in_force" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_the_repeal_redline_says_the_status_in_words():
    page = lxml.html.fromstring((REPORTS / "V1400009344/kk/diff-2014-04-09-2015-11-16.html").read_bytes())
    status = [" ".join(p.text_content().split()) for p in page.xpath('//section[@class="field field-status"]'
                                                                      '//p[contains(@class, "inline")]')]
    # <del>қолданыста</del><ins>күші жойылды</ins> ("in force" → "repealed"), no space between marks.
    assert status == ["қолданыстакүші жойылды"]
    # Once inline, once in the side-by-side view.
    assert page.xpath('//section[@class="field field-status"]//del/text()') == ["қолданыста", "қолданыста"]


def test_the_first_edition_says_what_it_was_then_and_is_now():
    index = lxml.html.fromstring((REPORTS / "index.html").read_bytes())
    badges = [" ".join(b.text_content().split()) for b in index.xpath('//ol[@class="timeline"]/li/h4/span[1]')]
    # "In force then; now repealed (order of 2015-11-16)", "Repealed".
    assert badges == ["Сол кезде: Қолданыста; қазір күші жойылған (2015-11-16 бұйрығы)", "Күші жойылды"]


def test_the_repeal_page_is_compact():
    page = lxml.html.fromstring((REPORTS / "V1400009344/kk/diff-2014-04-09-2015-11-16.html").read_bytes())
    summary = page.xpath('//section[@class="summary"]')[0]
    # No table of 35 units each saying only "repealed": one line (19 + 16 unit blocks, seed notes).
    assert summary.xpath(".//table") == []
    assert " ".join(summary.xpath('.//p[@class="repeal-only"]')[0].text_content().split()) == (
        "Барлық бөлімшелердің (35 бөлімше) барлық лауазымдарының актімен бірге күші жойылды; "
        "ешбір лауазым, бөлімше немесе өріс мәні бойынша өзгермеді.")
