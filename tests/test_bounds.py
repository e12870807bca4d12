"""Every bound the sources give (amendtrack/history/bounds.py), on the bundled corpus and on a
copy with a FICTIONAL third edition (tests/fictional.py: Order No. 50 of 2015-03-01,
applying from 2015-03-15; no such order exists)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.history.bounds import effective_dates
from amendtrack.history.manifest import load_manifest
from tests.conftest import REPO
from tests.fictional import write_fictional_corpus


@pytest.fixture(scope="module")
def fictional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fictional_corpus(tmp_path_factory.mktemp("fictional") / "corpus")


def asof(corpus: Path, day: str, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["asof", day, str(corpus), "--no-store", *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_bundled_entry_into_force_is_bounded_by_registration_and_the_repeal() -> None:
    work = load_manifest(REPO / "corpus" / "manifest.toml").works[0]
    (entry, repeal), warnings = effective_dates(work, work.editions("kk"))
    assert warnings == ()
    assert (entry.earliest.day, entry.latest.day) == (date(2014, 4, 29), date(2015, 11, 27))  # type: ignore[union-attr]
    assert "state registration on 2014-04-18" in str(entry.earliest.reason)  # type: ignore[union-attr]
    assert "Order No. 927 of 2015-11-16, which repeals it" in str(entry.latest.reason)  # type: ignore[union-attr]
    # The publication is the fact that would settle it: after 2014-04-18, by 2015-11-16.
    assert [b.day for b in entry.publication] == [date(2014, 4, 19), date(2015, 11, 16)]  # type: ignore[union-attr]
    # Nothing bounds the repeal's entry into force from above: it stays as the manifest says.
    assert repeal.date == work.editions("kk")[1].applies_from
    assert repeal.latest is None


def test_fictional_amendment_bounds_the_original_entry_into_force(fictional: Path) -> None:
    work = load_manifest(fictional / "manifest.toml").works[0]
    (entry, amendment, repeal), _ = effective_dates(work, work.editions("kk"))
    assert (entry.earliest.day, entry.latest.day) == (date(2014, 4, 29), date(2015, 3, 12))  # type: ignore[union-attr]
    assert "Order No. 50 of 2015-03-01, which amends it" in str(entry.latest.reason)  # type: ignore[union-attr]
    assert amendment.date.value == date(2015, 3, 15)
    # The repeal comes after the amendment; its own date (2015-11-16) is the later lower bound.
    assert repeal.earliest.day == date(2015, 11, 16)  # type: ignore[union-attr]


def test_asof_first_line_says_what_is_certain_and_what_would_settle_it(fictional: Path) -> None:
    first = [asof(fictional, d).splitlines()[4] for d in ("2014-04-20", "2015-01-01", "2015-03-20", "2030-01-01")]
    assert first[0] == (
        "As of 2014-04-20: not yet in force (certain): Order No. 161 of 2014-04-09 entered into force between "
        "2014-04-29 and 2015-03-12 (it enters into force ten calendar days after its first official publication, "
        "which came after its state registration on 2014-04-18).")
    assert first[1] == (
        "As of 2015-01-01: not yet in force or in force (edition 1 of 2014-04-09). Certain: Order No. 50 of "
        "2015-03-01 (edition 2) had not yet taken effect (it took effect on 2015-03-15). Open: Order No. 161 of "
        "2014-04-09 entered into force between 2014-04-29 and 2015-03-12, a date the texts do not give; the date of "
        "first official publication of Order No. 161 of 2014-04-09 would settle it.")
    assert first[2] == (
        "As of 2015-03-20: in force (edition 2 of 2015-03-01, as amended by Order No. 50 of 2015-03-01) (certain): "
        "Order No. 50 of 2015-03-01 (edition 2) took effect on 2015-03-15, and the repeal by Order No. 927 of "
        "2015-11-16 took effect later, on or after 2015-11-16.")
    # A later edition bounds the entry into force: "not yet in force" is no longer possible.
    assert first[3] == (
        "As of 2030-01-01: in force (edition 2 of 2015-03-01, as amended by Order No. 50 of 2015-03-01) or repealed "
        "by Order No. 927 of 2015-11-16. Certain: Order No. 50 of 2015-03-01 (edition 2) had taken effect (on "
        "2015-03-15). Open: the repeal by Order No. 927 of 2015-11-16 took effect on or after 2015-11-16, a date the "
        "texts do not give; the date Order No. 927 of 2015-11-16 took effect would settle it.")
    assert "not yet in force" not in first[3]
    d = json.loads(asof(fictional, "2030-01-01", "--format", "json"))
    assert [p["state"] for p in d["possible"]] == ["in_force", "repealed"]


def test_contradictory_bounds_keep_the_manifest_dates_with_a_warning(fictional: Path, tmp_path: Path) -> None:
    # An amendment said to apply before the original could have entered into force.
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(fictional, corpus)
    manifest = corpus / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("on = 2015-03-15", "on = 2014-04-20"),
                        encoding="utf-8")
    work = load_manifest(manifest).works[0]
    effective, warnings = effective_dates(work, work.editions("kk"))
    assert effective[0].date == work.editions("kk")[0].applies_from
    assert len(warnings) == 1 and str(warnings[0]).startswith("edition 1 of 2014-04-09: the bounds contradict each other")


def test_redline_page_names_the_editions_the_amending_act_and_when_it_applies(fictional: Path, tmp_path: Path) -> None:
    import lxml.html

    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["report", str(fictional), "-o", str(out), "--no-store"])
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(out / "V1400009344" / "kk" / "diff-2014-04-09-2015-03-01.html"))
    assert page.findtext(".//title") == "Changes: 2014-04-09 → 2015-03-01 (Order No. 50 of 2015-03-01)"
    lead = " ".join(page.xpath('//p[@id="edition-lead"]')[0].text_content().split())
    assert lead.startswith("New: the edition of 2015-03-01, made by Order No. 50 of 2015-03-01 (Ойдан шығарылған "
                           "министр (fictional test issuer)), applying from 2015-03-15.")
    assert "Old: the edition of 2014-04-09, the act as made: Order No. 161 of 2014-04-09" in lead
    rows = {tr.xpath("th")[0].text_content(): [td.text_content() for td in tr.xpath("td")]
            for tr in page.xpath('//section[@class="editions"]//tbody/tr')}
    assert rows["Edition of"] == ["2014-04-09", "2015-03-01"]
    assert rows["Made by"][1].startswith("Order No. 50 of 2015-03-01")
    assert rows["Applies from"][1].startswith("2015-03-15")
    # The same in `diff --format text` of two files of the corpus.
    text = CliRunner().invoke(cli, ["diff", str(fictional / "V1400009344/kk/2014-04-09.txt"),
                                    str(fictional / "V1400009344/kk/2015-03-01.txt")]).stdout.splitlines()
    assert text[3] == ("     the edition of 2015-03-01, made by Order No. 50 of 2015-03-01; applies from 2015-03-15 "
                       "(the corpus manifest)")
