"""The HTML report layer (amendtrack/report.py and its templates).

The diff page is tested on tests/fixtures/diff_sample.json, a hand-built
``amendtrack/diff@1`` document whose old side is the real 2014-04-09 edition
and whose new side applies a few hand-made amendments to real seed texts (the
first test checks that against the parsed seed), and on the real differ's
output for the bundled corpus and for a generated amendment.
"""

from __future__ import annotations

import ast
import base64
import copy
import functools
import hashlib
import json
import random
import re
import shutil
import sys
import types
from dataclasses import asdict, fields
from importlib import resources
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from amendtrack import report
from amendtrack.compare.textdiff import word_diff
from amendtrack.parse.edition import parse_file
from amendtrack.report import (
    CONTEXT_TYPES,
    build_diff_page,
    build_index_page,
    page_json,
    render_diff_html,
    render_index_html,
    render_position_history_html,
)
from amendtrack.report.folder import LIST_NAME, read_file_list
from amendtrack.report.index_page import IndexedWork

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "diff_sample.json"
OLD_SEED = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
NEW_SEED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"


@pytest.fixture(scope="module")
def sample() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _old_seed():
    return parse_file(str(OLD_SEED))


def model_of(doc: dict):
    """The fixture document as the model's `Comparison` (the page is built from the model)."""
    from tests.support.diff_fixture import sample_comparison

    return sample_comparison(doc, _old_seed())


@pytest.fixture(scope="module")
def old_edition():
    return parse_file(str(OLD_SEED))


@pytest.fixture(scope="module")
def sample_html(sample) -> str:
    return render_diff_html(model_of(sample))


def tree_of(html: str):
    return lxml.html.document_fromstring(html)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def cards(tree):
    return tree.xpath('//article[contains(concat(" ", @class, " "), " card ")]')


# ---------------------------------------------------------------- the fixture is real seed text


def _field_text(position, field: str) -> str:
    r = position.requirements
    return {"title": position.title, "category": position.category.code,
            "unit": position.unit.name if position.unit else "", "education": r.education,
            "competence": r.competence, "duties": r.duties}[field]


def test_fixture_old_side_is_the_2014_edition(sample, old_edition):
    by_id = {p.id: p for p in old_edition.positions}
    old_ids = [p["old"]["id"] for p in sample["positions"] if p["old"] is not None]
    # Every position of the seed exactly once, in document order, as diff@1 requires.
    assert old_ids == [p.id for p in old_edition.positions]
    assert sample["old"]["sha256"] == hashlib.sha256(OLD_SEED.read_bytes()).hexdigest()
    for entry in sample["positions"]:
        if entry["old"] is None:
            continue
        position = by_id[entry["old"]["id"]]
        assert entry["old"]["title"] == position.title
        assert entry["old"]["category"] == position.category.code
        assert entry["old"]["unit"] == position.unit.name
        for change in entry["changes"]:
            if change["field"] == "experience":
                assert change["old"] == "" or change["old"] in position.requirements.experience.items
            else:
                assert change["old"] == _field_text(position, change["field"])


def test_fixture_redlines_rebuild_their_texts(sample):
    for entry in sample["positions"]:
        for change in entry["changes"]:
            ops = change["ops"]
            assert "".join(t for op, t in ops if op != 1) == change["old"]
            assert "".join(t for op, t in ops if op != -1) == change["new"]


# ---------------------------------------------------------------- the diff page's content


def test_summary_counts_follow_the_positions(sample):
    page = build_diff_page(model_of(sample))
    # The fixture's amendments: 6 positions changed, 1 added after "Бас сарапшы",
    # 1 removed ("Сарапшы", С-5, Хатшылық); 2 positions carry only editorial or
    # word-order changes (3 such changes with the reordering of "Министрдің көмекшісі").
    assert (page.counts.changed, page.counts.added, page.counts.removed) == (6, 1, 1)
    assert page.counts.unchanged == 152 - 6 - 1
    assert len(page.minor_only) == 2
    assert page.minor_change_count == 3
    assert page.unchanged_count == page.counts.unchanged - 2
    assert len(page.changes) == 8
    # Only "Ақпараттындыру → Ақпараттандыру" (title and education typos) is typo-sized throughout.
    assert [e.title for e in page.changes if e.only_small] == ["Ақпараттандыру басқармасының бас сарапшысы"]


def test_every_changed_position_is_a_card_listed_with_a_jump_link(sample, sample_html):
    tree = tree_of(sample_html)
    navigable = tree.xpath("//article[@data-nav]")
    expected = [p for p in sample["positions"] if p["status"] in ("changed", "added", "removed")]
    assert len(navigable) == len(expected) == 8
    toc = [a.get("href") for a in tree.xpath('//ol[@class="toc-list"]/li/a')]
    assert toc == ["#" + card.get("id") for card in navigable]
    titles = [text_of(card.xpath('.//h3[@class="card-title"]')[0]) for card in navigable]
    assert titles == [(p["new"] or p["old"])["title"] for p in expected]


def test_cards_count_i_of_n_and_link_to_their_neighbours(sample_html):
    tree = tree_of(sample_html)
    navigable = tree.xpath("//article[@data-nav]")
    ids = {element.get("id") for element in tree.xpath("//*[@id]")}
    for i, card in enumerate(navigable, 1):
        assert text_of(card.xpath('.//span[@class="card-count"]')[0]) == f"Change {i} of 8"
        previous = card.xpath('.//a[@class="card-prev"]/@href')
        following = card.xpath('.//a[@class="card-next"]/@href')
        assert previous == ([] if i == 1 else ["#" + navigable[i - 2].get("id")])
        assert following == ([] if i == 8 else ["#" + navigable[i].get("id")])
    for href in tree.xpath('//a[starts-with(@href, "#")]/@href'):
        assert href[1:] in ids, href


def test_redline_marks_deletions_and_insertions_in_kazakh(sample_html):
    tree = tree_of(sample_html)
    # "Министрдің көмекшісі", experience item 1: үш (three) → екі (two) years.
    card = tree.xpath("//article[@data-nav]")[0]
    redline = card.xpath('.//p[contains(@class, "redline") and contains(@class, "inline")]')[0]
    assert redline.get("lang") == "kk"
    assert [d.text for d in redline.xpath(".//del")] == ["үш"]
    assert [i.text for i in redline.xpath(".//ins")] == ["екі"]
    assert text_of(redline) == "мемлекеттік қызмет өтілі үшекі жылдан кем емес;"
    labels = [text_of(p) for p in card.xpath('.//p[@class="change-label"]')]
    # A removed item is a substantive change (compare.textdiff.change_kind), tagged as one.
    assert labels[:3] == ["Item changed substantive", "Item changed typo-sized", "Item removed substantive"]


def test_side_by_side_shows_each_side_once(sample_html):
    tree = tree_of(sample_html)
    card = tree.xpath("//article[@data-nav]")[1]  # Бас сарапшы → Жетекші сарапшы
    title = card.xpath('.//section[contains(@class, "field-title")]')[0]
    old_side = title.xpath('.//div[contains(@class, "sbs-old")]//p[contains(@class, "redline")]')[0]
    new_side = title.xpath('.//div[contains(@class, "sbs-new")]//p[contains(@class, "redline")]')[0]
    assert (text_of(old_side), [d.text for d in old_side.xpath(".//del")], old_side.xpath(".//ins")) == (
        "Бас сарапшы", ["Бас"], [])
    assert (text_of(new_side), [i.text for i in new_side.xpath(".//ins")], new_side.xpath(".//del")) == (
        "Жетекші сарапшы", ["Жетекші"], [])


def test_editorial_changes_are_behind_details_with_their_count(sample_html):
    tree = tree_of(sample_html)
    toggle = tree.xpath('//button[@id="toggle-minor"]')[0]
    assert text_of(toggle) == "Editorial changes (3)"
    section = tree.xpath('//details[@id="minor-details"]')[0]
    assert section.get("open") is None
    assert len(section.xpath(".//article")) == 2
    tags = {text_of(t) for t in section.xpath('.//span[contains(@class, "tag-")]')}
    assert tags == {"editorial", "word order only"}
    # The reordering in "Министрдің көмекшісі" sits in its card, collapsed.
    first = tree.xpath("//article[@data-nav]")[0]
    minor = first.xpath('.//details[@class="minor"]')
    assert len(minor) == 1 and text_of(minor[0].xpath("summary")[0]) == "Editorial and word-order changes (1)"


def test_unchanged_positions_are_present_but_collapsed(sample, sample_html):
    tree = tree_of(sample_html)
    listed = tree.xpath('//section[@class="unchanged"]//details[@class="position-list"]//li')
    plain = [p for p in sample["positions"] if p["status"] == "unchanged" and not p["changes"]]
    assert len(listed) == len(plain) == 143
    assert tree.xpath('//section[@class="unchanged"]//details[@class="position-list"]/@open') == []


def test_page_is_self_contained_with_one_allowed_script(sample_html):
    tree = tree_of(sample_html)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src") is None
    js = resources.files("amendtrack").joinpath("templates", "report.js").read_text(encoding="utf-8")
    assert scripts[0].text == js
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    digest = base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert tree.xpath("//link | //img | //iframe | //object | //embed") == []
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", sample_html)


def test_accessibility_structure(sample_html):
    tree = tree_of(sample_html)
    assert tree.get("lang") == "en"
    for landmark in ("header", "main", "footer"):
        assert len(tree.xpath(f"//body/{landmark}")) == 1
    assert tree.xpath("//nav/@aria-label") == ["Change navigation"]
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    # Every toggle is a real button with a pressed state, or a native <details>.
    for button in tree.xpath("//button"):
        assert button.get("type") == "button"
    assert {b.get("id") for b in tree.xpath("//button[@aria-pressed]")} == {
        "toggle-sbs", "toggle-minor", "toggle-small"}
    # The act's text carries its language; nothing else claims Kazakh.
    assert tree.xpath('//p[@class="act-title"]/@lang') == ["kk"]
    assert all(text_of(e) for e in tree.xpath('//*[@lang="kk"]'))


def test_legend_names_every_mark(sample_html):
    legend = tree_of(sample_html).xpath('//section[@class="legend"]')[0]
    assert legend.xpath(".//del") and legend.xpath(".//ins")
    assert {text_of(t) for t in legend.xpath('.//span[contains(@class, "tag")]')} == {
        "typo-sized", "editorial", "word order only"}


def test_unknown_stays_visibly_unknown(sample_html):
    tree = tree_of(sample_html)
    # The hand-built new edition has no file, so no sha256 and no date.
    row = tree.xpath('//table[@class="meta-table"]//tr[th="SHA-256"]/td')
    assert [text_of(td) for td in row][1] == "unknown"
    assert text_of(row[0]) == "50a4ce05fc6fe20f2c710451d58209870b8a0e318cee33b7696e68291393dcf7"


def test_output_is_deterministic_and_json_is_the_same_context(sample):
    assert render_diff_html(model_of(copy.deepcopy(sample))) == render_diff_html(model_of(sample))
    page = build_diff_page(model_of(sample))
    text = page_json(page)
    assert text == page_json(build_diff_page(model_of(copy.deepcopy(sample))))
    assert json.loads(text) == json.loads(json.dumps(asdict(page)))
    assert "Timestamp" not in text and "generated_at\": null" in text


# ---------------------------------------------------------------- hostile text is shown, never run

PAYLOAD = "<script>alert('x')</script> &amp; &lt;b&gt; \"quoted\" 'single' javascript:alert(1) \u202etxet"
LONG_WORD = "ж" * 10_000


def hostile(sample: dict) -> dict:
    doc = copy.deepcopy(sample)
    doc["new"]["path"] = "javascript:alert(1)"
    doc["new"]["title"] = PAYLOAD
    doc["new"]["act_number"] = '<a href="javascript:alert(1)" onclick="x()">click</a>'
    for entry in doc["positions"]:
        ref = entry["new"] or entry["old"]
        if entry["status"] == "changed":
            ref["title"] = f"{PAYLOAD} {LONG_WORD}"
            ref["unit"] = '"><img src=x onerror=alert(1)>'
            for change in entry["changes"]:
                change["old"] = change["old"] + " " + PAYLOAD if change["old"] else ""
                change["new"] = change["new"] + f" {LONG_WORD} <iframe src=//evil.example>" if change["new"] else ""
                change["ops"] = [[int(op), t] for op, t in word_diff(change["old"], change["new"])]
    return doc


def test_hostile_texts_are_escaped_not_run(sample, sample_html):
    html = render_diff_html(model_of(hostile(sample)))
    tree = tree_of(html)
    assert len(tree.xpath("//script")) == 1
    assert tree.xpath("//img | //iframe") == []
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
    for href in tree.xpath("//@href"):
        assert not href.strip().lower().startswith("javascript:"), href
    text = tree.text_content()
    assert "<script>alert('x')</script> &amp; &lt;b&gt; \"quoted\"" in text
    assert '<a href="javascript:alert(1)" onclick="x()">click</a>' in text
    assert LONG_WORD in text
    # The right-to-left override would reverse what follows it: shown, not obeyed.
    assert "\u202e" not in html and "[U+202E]" in text
    # Layout intact: the same cards, sections and headings as the clean page.
    clean = tree_of(sample_html)
    for path in ("//article", "//section", "//h2", "//h3", "//details", "//table"):
        assert len(tree.xpath(path)) == len(clean.xpath(path)), path


def test_long_words_wrap_by_css():
    css = resources.files("amendtrack").joinpath("templates", "report.css").read_text(encoding="utf-8")
    redline = re.search(r"\n\.redline \{([^}]*)\}", css).group(1)
    assert "overflow-wrap: anywhere" in redline
    assert re.search(r"body \{[^}]*overflow-wrap: break-word", css)


# ---------------------------------------------------------------- links stay inside the report
#
# The page is built from the typed model (compare/records.py), which cannot state a
# summary its positions contradict: the checks of a diff@1 document went with the
# JSON readers (issue 10).


def test_links_may_not_leave_the_report_folder():
    with pytest.raises(ValueError, match="not a relative link"):
        build_diff_page(model_of(json.loads(FIXTURE.read_text(encoding="utf-8"))), index_href="javascript:alert(1)")
    with pytest.raises(ValueError, match="not a relative link"):
        build_diff_page(model_of(json.loads(FIXTURE.read_text(encoding="utf-8"))), index_href="https://example.org/")


# ---------------------------------------------------------------- contexts and styles


def test_every_context_field_is_documented():
    """The JSON of a page is its context: each field carries a docstring."""
    for cls in CONTEXT_TYPES:
        source = ast.parse(Path(sys.modules[cls.__module__].__file__).read_text(encoding="utf-8"))
        (node,) = [node for node in source.body if isinstance(node, ast.ClassDef) and node.name == cls.__name__]
        body = node.body
        documented = {
            stmt.target.id
            for stmt, after in zip(body, body[1:])
            if isinstance(stmt, ast.AnnAssign) and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)
        }
        assert {f.name for f in fields(cls)} <= documented, cls.__name__


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize(
    ("fg", "bg"),
    [("text", "bg"), ("muted", "bg"), ("muted", "panel"), ("accent", "bg"), ("header-text", "header-bg"),
     ("del-text", "del-bg"), ("ins-text", "ins-bg"), ("changed-text", "changed-bg"),
     ("repealed-text", "repealed-bg"), ("neutral-text", "neutral-bg"), ("text", "panel")],
)
def test_colour_pairs_meet_wcag_aa(fg, bg):
    css = resources.files("amendtrack").joinpath("templates", "report.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", css))
    assert _contrast(colours[fg], colours[bg]) >= 4.5


def test_marks_never_rely_on_colour_alone():
    css = resources.files("amendtrack").joinpath("templates", "report.css").read_text(encoding="utf-8")
    screen, _, printed = css.partition("@media print")
    assert re.search(r"\ndel \{[^}]*text-decoration: line-through", screen)
    assert re.search(r"\nins \{[^}]*text-decoration: underline", screen)
    assert re.search(r"del \{[^}]*color: #000;[^}]*line-through", printed)
    assert re.search(r"ins \{[^}]*color: #000;[^}]*underline", printed)


# ---------------------------------------------------------------- the real differ and history


@pytest.fixture(scope="module")
def seed_pair(old_edition):
    from amendtrack.compare.differ import compare_editions
    from amendtrack.formats.diff_json import comparison_to_dict

    new = parse_file(str(NEW_SEED))
    comparison = compare_editions(old_edition, new)
    return old_edition, new, comparison, comparison_to_dict(comparison)


def test_the_bundled_repeal_reads_as_one_banner(seed_pair):
    _, _, comparison, _ = seed_pair
    tree = tree_of(render_diff_html(comparison))
    banner = text_of(tree.xpath('//div[contains(@class, "banner-repealed")]')[0])
    assert banner.startswith("The act is repealed in the new edition by act No. 927 of 2015-11-16")
    assert "All 152 positions are repealed with it; no requirement changed." in banner
    assert tree.xpath("//article[@data-nav]") == []
    assert len(tree.xpath('//section[@class="repealed"]//li')) == 152


def test_a_generated_amendment_renders_every_change(old_edition):
    from amendtrack.compare.differ import compare_editions
    from amendtrack.formats.diff_json import comparison_to_dict
    from amendtrack.parse.edition import parse_edition
    from tests.support.generate import AMENDMENTS, generate_edition

    text = OLD_SEED.read_text(encoding="utf-8")
    generated = generate_edition(old_edition, text, random.Random(6), AMENDMENTS)
    new = parse_edition(generated.text, "generated.txt")
    comparison = compare_editions(old_edition, new)
    doc = comparison_to_dict(comparison)
    tree = tree_of(render_diff_html(comparison))
    changed = [p for p in doc["positions"] if p["status"] in ("changed", "added", "removed")]
    navigable = tree.xpath("//article[@data-nav]")
    assert len(navigable) == len(changed) > 0
    for entry, card in zip(changed, navigable):
        # Every substantive change is drawn, its deletions and insertions exactly the ops'.
        redlines = card.xpath('.//div[contains(@class, "change")]/p[contains(@class, "inline")]')
        substantive = [c for c in entry["changes"] if c["substantive"]]
        assert len(redlines) == len(substantive)
        for change, redline in zip(substantive, redlines):
            assert [d.text_content() for d in redline.xpath(".//del")] == [t for op, t in change["ops"] if op == -1]
            assert [i.text_content() for i in redline.xpath(".//ins")] == [t for op, t in change["ops"] if op == 1]
        if entry["status"] == "added":
            assert card.xpath('.//section[contains(@class, "whole-added")]//dl[@class="requirements"]')


def test_index_and_position_pages_from_the_bundled_history():
    from amendtrack.history.corpus import load_history

    h = load_history(REPO / "corpus", None)
    items = [IndexedWork(h, position_hrefs={g.key: f"p/{g.key}.html" for g in h.lineages})]
    tree = tree_of(render_index_html(items))
    rows = tree.xpath('//table[@class="position-table"]/tbody/tr')
    assert len(rows) == 152
    assert rows[0].xpath(".//a/@href") == ["p/pa6ce6beb87.html"]
    assert text_of(rows[0]) == "Министрдің көмекшісі La6ce6beb87 1 · Хатшылық С-3 1–2 – Repealed"
    timeline = [text_of(h4) for h4 in tree.xpath('//ol[@class="timeline"]/li/h4')]
    assert timeline == ["Edition 1 · 2014-04-09 In force then; now repealed (order of 2015-11-16)",
                        "Edition 2 · 2015-11-16 Repealed kept as the record, never in force"]
    dl = tree.xpath('//dl[@class="facts"]')[0]
    facts = {text_of(dt): dt.getnext() for dt in dl.xpath("dt")}
    assert text_of(facts["In force from"].xpath('span[@class="date-unknown"]')[0]) == "unknown: between 2014-04-29 and 2015-11-27"
    assert text_of(facts["Repealed"]).startswith("by act No. 927 of 2015-11-16")

    page = tree_of(render_position_history_html(h, h.lineages[0], index_href="../index.html"))
    steps = [text_of(s.xpath(".//h3")[0]) for s in page.xpath("//article")]
    assert steps == ["Edition 1 · 2014-04-09", "Edition 2 · 2015-11-16"]
    badges = [text_of(b) for b in page.xpath('//article//span[contains(@class, "badge")][1]')]
    assert badges == ["Introduced", "Repealed with the act"]
    assert page.xpath('//nav[@class="crumbs"]/a/@href') == ["../index.html"]


def test_index_refuses_links_out_of_the_folder():
    from amendtrack.history.corpus import load_history

    h = load_history(REPO / "corpus", None)
    key = h.lineages[0].key
    with pytest.raises(ValueError, match="not a relative link"):
        build_index_page([IndexedWork(h, position_hrefs={key: "javascript:alert(1)"})])


# ---------------------------------------------------------------- the report command


def test_report_command_writes_the_folder_deterministically(tmp_path):
    from amendtrack.cli import cli

    runner = CliRunner()
    first, second = tmp_path / "a", tmp_path / "b"
    results = [runner.invoke(cli, ["report", str(REPO / "corpus"), "-o", str(out), "--no-store"])
               for out in (first, second)]
    for result, out in zip(results, (first, second)):
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1] == f"Wrote 155 pages to {out}/: open {out}/index.html"
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    # The list of the files written, for the next run (see test_a_rerun_removes_...).
    files.remove(LIST_NAME)
    assert read_file_list(first) == files
    # index, one redline for the one pair of editions, the drift page, one page per position (152 in the seed).
    assert len(files) == 155
    assert "index.html" in files and "V1400009344/kk/diff-2014-04-09-2015-11-16.html" in files
    assert "V1400009344/kk/drift.html" in files
    assert sum(f.startswith("V1400009344/kk/positions/") for f in files) == 152
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    index = tree_of((first / "index.html").read_text(encoding="utf-8"))
    for href in index.xpath("//a/@href"):
        if not href.startswith("#"):
            assert (first / href).is_file(), href


def test_report_command_prints_a_time_only_when_asked(tmp_path):
    from amendtrack.cli import cli

    result = CliRunner().invoke(cli, ["report", str(REPO / "corpus"), "-o", str(tmp_path), "--no-store",
                                      "--generated-at", "2025-01-02 10:00"])
    assert result.exit_code == 0
    assert "Made by amendtrack 0.1.0 at 2025-01-02 10:00." in text_of(
        tree_of((tmp_path / "index.html").read_text(encoding="utf-8")).xpath("//footer")[0])


def test_report_command_on_a_missing_corpus_is_one_line(tmp_path):
    from amendtrack.cli import cli

    result = CliRunner().invoke(cli, ["report", str(tmp_path / "nothing"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nothing'}: no such corpus folder or manifest\n"
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- a corpus with real amendments
#
# The bundled corpus has two editions that differ only by the repeal, so no
# position history in it shows a change.  This corpus has four: the bundled
# original and three amendments made by the differ issue's generator
# (tests.support.generate.amendment_chain, fixed seed).  The amending acts are
# FICTIONAL and say so in the manifest and on every page that names them.

CHAIN_DATES = ("2014-07-01", "2014-12-15", "2015-05-20")
FICTIONAL_ISSUER = "Ойдан шығарылған сынақ актісі (fictional test act)"
_CHAIN_WORK = """\
# A TEST corpus written by tests/test_report.py.  Edition 1 is the bundled
# original of Order No. 161; every later edition, and the act said to produce
# it, is FICTIONAL: made by tests.support.generate.amendment_chain.

format = 1

[[work]]
slug = "V1400009344"
code = "V1400009344"
issuer = "Қазақстан Республикасы Төтенше жағдайлар министрі"
act_type = "бұйрық"
number = "161"
date = 2014-04-09
registration = {{ number = "9344", date = 2014-04-18 }}
languages = ["kk"]
title = {{ kk = 'Қазақстан Республикасы Төтенше жағдайлар министрлігінің "Б" корпусының мемлекеттік әкімшілік лауазымдарына қойылатын біліктілік талаптарын бекіту туралы' }}

[[work.expression]]
file = "V1400009344/kk/2014-04-09.txt"
sha256 = "{sha}"
language = "kk"
status = "in_force"
produced_by = {{ issuer = "Қазақстан Республикасы Төтенше жағдайлар министрі", type = "бұйрық", number = "161", date = 2014-04-09 }}
applies_from = {{ after = 2014-04-18, rule = "ten calendar days after first official publication", basis = "point 4 of the order" }}
"""
_CHAIN_EXPRESSION = """
[[work.expression]]
file = "V1400009344/kk/{date}.txt"
sha256 = "{sha}"
language = "kk"
status = "in_force"
produced_by = {{ issuer = "{issuer}", type = "бұйрық", number = "TEST-{n}", date = {date} }}
applies_from = {{ on = {date}, basis = "fictional: a made-up amending act of tests/test_report.py" }}
"""


def write_chain_corpus(folder: Path) -> Path:
    """A corpus of four editions in `folder`: the bundled original and three fictional amendments.

    Seed 1 with six amendments per edition gives, among others, a position
    changed in two editions (see `changed_twice`), two removed, one added.
    """
    raw = OLD_SEED.read_bytes()
    kk = folder / "V1400009344" / "kk"
    kk.mkdir(parents=True)
    (kk / "2014-04-09.txt").write_bytes(raw)
    manifest = _CHAIN_WORK.format(sha=hashlib.sha256(raw).hexdigest())
    for n, (date, text) in enumerate(zip(CHAIN_DATES, _chain_texts(), strict=True), 1):
        data = text.encode("utf-8")
        (kk / f"{date}.txt").write_bytes(data)
        manifest += _CHAIN_EXPRESSION.format(date=date, sha=hashlib.sha256(data).hexdigest(),
                                             issuer=FICTIONAL_ISSUER, n=n)
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    return folder


@functools.lru_cache(maxsize=1)
def _chain_texts() -> tuple[str, ...]:
    """The three amended texts (made once per test session: both test files use them)."""
    from amendtrack.parse.edition import parse_edition
    from tests.support.generate import amendment_chain

    text = OLD_SEED.read_text(encoding="utf-8")
    chain = amendment_chain(parse_edition(text, "original.txt"), text, random.Random(1), length=3, per_step=6)
    return tuple(generated.text for _, generated in chain)


def changed_twice(history):
    """Of the positions that changed in substance in two editions or more, the first
    with the most fields changed (the one to look at in a screenshot)."""
    twice = [g for g in history.lineages if len(g.changed_in) >= 2]
    return max(twice, key=lambda g: len({c.field for a in g.appearances for c in a.changes if c.substantive}))


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """The chain corpus, its history, and its report folder as `amendtrack report` writes it."""
    from amendtrack.cli import cli
    from amendtrack.history.corpus import load_history

    root = tmp_path_factory.mktemp("chain")
    corpus = write_chain_corpus(root / "corpus")
    out = root / "reports"
    result = CliRunner().invoke(cli, ["report", str(corpus), "-o", str(out), "--no-store"])
    assert result.exit_code == 0, result.output
    return types.SimpleNamespace(corpus=corpus, out=out, history=load_history(corpus, None))


def test_chain_corpus_is_what_the_tests_say(chain):
    h = chain.history
    assert [e.date.isoformat() for e in h.editions] == ["2014-04-09", *CHAIN_DATES]
    assert [e.produced_by.number for e in h.editions] == ["161", "TEST-1", "TEST-2", "TEST-3"]
    g = changed_twice(h)
    assert g.latest.title.startswith("Басқарма басшысы – Қазақстан Республикасы Төтенше жағдайлар министрлігінің")
    assert g.changed_in == (3, 4)
    # Editions 3 and 4 each change an item of its experience.
    assert [[(c.field, c.part, c.kind) for c in a.changes if c.substantive] for a in g.appearances] == [
        [], [], [("experience", "item", "substantive")], [("experience", "item", "substantive")]]
    # The generated texts cite no act, and the history says so for each amendment.
    assert sum("no note of this edition cites the act that produced it" in str(w) for w in h.warnings) == 3


def test_position_history_shows_each_amendment_with_its_act(chain):
    from amendtrack.formats.history_output import history_to_dict

    h = chain.history
    g = changed_twice(h)
    doc = history_to_dict(h, g)
    tree = tree_of((chain.out / "V1400009344" / "kk" / "positions" / f"{g.key}.html").read_text(encoding="utf-8"))
    rows = tree.xpath('//table[@class="steps-table"]/tbody/tr')
    # One row per version: the edition that left it as it was (the second) is not one,
    # so that an edition that does not touch a position does not change its page.
    assert [a.change for a in g.appearances] == ["introduced", "unchanged", "changed", "changed"]
    versions = [a for a in g.appearances if a.change != "unchanged"]
    assert len(rows) == 3
    for row, appearance in zip(rows, versions, strict=True):
        edition = h.edition(appearance.edition)
        cells = [text_of(td) for td in row.xpath("td")]
        assert cells[0] == f"Edition {edition.index} · {edition.date.isoformat()}"
        assert cells[1].startswith(f"No. {edition.produced_by.number} of {edition.date.isoformat()}")
        assert (FICTIONAL_ISSUER in cells[1]) == (edition.index > 1)
        status = {"introduced": "Introduced", "changed": "Changed", "unchanged": "Unchanged"}[appearance.change]
        assert cells[3].startswith(status)
        for field in {c.field for c in appearance.changes if c.substantive}:
            assert report.labels.FIELD_LABELS[field] in cells[3]
    assert not tree.xpath('//article[@id="edition-2"]')
    metas = [text_of(p) for p in tree.xpath('//article/p[@class="card-meta"]')]
    assert [m.rsplit(" · ", 1)[-1] for m in metas[:2]] == ["replaced in edition 3", "replaced in edition 4"]
    assert "replaced in edition" not in metas[2]
    for appearance, raw in zip(g.appearances, doc["position"]["appearances"], strict=True):
        if appearance.change == "unchanged":
            continue
        card = tree.xpath(f'//article[@id="edition-{appearance.edition}"]')[0]
        redlines = card.xpath('./section[contains(@class, "field")]//p[contains(@class, "inline")]')
        substantive = [c for c in raw["changes"] if c["substantive"]]
        assert len(redlines) == len(substantive)
        assert bool(substantive) == (appearance.change == "changed")
        for change, redline in zip(substantive, redlines, strict=True):
            # Drawn from the differ's own ops, which history@1 now carries.
            assert [d.text_content() for d in redline.xpath(".//del")] == [t for op, t in change["ops"] if op == -1]
            assert [i.text_content() for i in redline.xpath(".//ins")] == [t for op, t in change["ops"] if op == 1]
            assert redline.xpath(".//del | .//ins")
        if appearance.edition > 1:
            assert f"act No. TEST-{appearance.edition - 1} of" in text_of(card.xpath('.//p[@class="card-meta"]')[0])


def test_history_json_changes_carry_the_differs_ops(chain):
    from amendtrack.formats.history_output import history_to_dict

    h = chain.history
    g = changed_twice(h)
    doc = history_to_dict(h, g)
    seen = 0
    for appearance, raw in zip(g.appearances, doc["position"]["appearances"], strict=True):
        for change, c in zip(appearance.changes, raw["changes"], strict=True):
            assert c["ops"] == [[int(op), text] for op, text in change.ops]
            assert "".join(t for op, t in c["ops"] if op != 1) == c["old"]
            assert "".join(t for op, t in c["ops"] if op != -1) == c["new"]
            seen += 1
    assert seen >= 2
    # The page is drawn from those ops, never recomputed.
    names = {-1: "delete", 0: "equal", 1: "insert"}
    page = report.build_position_history_page(h, g)
    for step, appearance in zip(page.steps, [a for a in g.appearances if a.change != "unchanged" or a.changes],
                                strict=True):
        drawn = sorted(tuple((s.kind, s.text) for s in c.spans)
                       for group in step.fields + step.minor_fields for c in group.changes)
        expected = sorted(tuple((names[int(op)], text) for op, text in c.ops if text) for c in appearance.changes)
        assert drawn == expected


def test_diff_command_html_shows_the_texts_of_added_and_removed_positions(chain, tmp_path):
    from amendtrack.cli import cli
    from amendtrack.parse.edition import parse_file

    shown = 0
    files = sorted((chain.corpus / "V1400009344" / "kk").glob("*.txt"))
    for old_file, new_file in zip(files, files[1:]):
        target = tmp_path / f"{new_file.stem}.html"
        result = CliRunner().invoke(cli, ["diff", str(old_file), str(new_file), "--format", "html", "-o", str(target)])
        assert result.exit_code == 1, result.output
        tree = tree_of(target.read_text(encoding="utf-8"))
        old, new = parse_file(str(old_file)), parse_file(str(new_file))
        for card in tree.xpath("//article[@data-nav]"):
            status = card.get("class").split("card-")[-1]
            if status not in ("added", "removed"):
                continue
            ids = card.xpath('.//p[@class="card-ids"]/span[@class="code"]/text()')
            (position,) = [p for p in (new if status == "added" else old).positions if p.id == ids[0]]
            (box,) = card.xpath(f'.//section[contains(@class, "whole-{status}")]')
            dds = box.xpath('.//dl[@class="requirements"]/dd')
            # Each field's text is the dd's first paragraph; notes on extraction damage follow it.
            values = [text_of(dd.xpath("p")[0]) for dd in dds]
            r = position.requirements
            assert values[0] == " ".join(r.education.split())
            assert values[1] == " ".join(r.competence.split())
            assert values[3] == " ".join(r.duties.split())
            experience = dds[2]
            items = [text_of(li) for li in experience.xpath("ol/li")] or [
                text_of(p) for p in experience.xpath("p[not(@class)]")]
            assert items == [" ".join(i.split()) for i in r.experience.items]
            lead_in = [text_of(p) for p in experience.xpath('p[@class="lead-in"]')]
            assert lead_in == ([" ".join(r.experience.intro.split())] if r.experience.intro else [])
            shown += 1
    # Edition 2 removes one position, edition 3 adds one and removes one.
    assert shown == 3


# ---------------------------------------------------------------- the report folder over time


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_rerun_removes_the_pages_it_no_longer_writes_and_nothing_else(chain, tmp_path):
    from amendtrack.cli import cli

    out = tmp_path / "reports"
    shutil.copytree(chain.out, out)  # the report of the four-edition corpus
    # The user's own files in the folder, and a page of the report they replaced.
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "V1400009344" / "kk" / "my-remarks.html").write_text("<!DOCTYPE html><p>mine</p>", encoding="utf-8")
    replaced = "V1400009344/kk/diff-2014-04-09-2014-07-01.html"
    (out / replaced).write_text("my annotated copy of the redline", encoding="utf-8")

    # Now the bundled corpus (two editions) into the same folder.
    runner = CliRunner()
    result = runner.invoke(cli, ["report", str(REPO / "corpus"), "-o", str(out), "--no-store"])
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh"
    assert runner.invoke(cli, ["report", str(REPO / "corpus"), "-o", str(fresh), "--no-store"]).exit_code == 0

    # Stale: the two other redlines of the chain and the page of the position
    # only the chain has (added by edition 3); the replaced redline is kept.
    stale = set(read_file_list(chain.out)) - set(read_file_list(fresh))
    assert sorted(stale - {replaced}) == [
        "V1400009344/kk/diff-2014-07-01-2014-12-15.html",
        "V1400009344/kk/diff-2014-12-15-2015-05-20.html",
        *[f"V1400009344/kk/positions/{g.key}.html" for g in chain.history.lineages if g.introduced_in == 3],
    ]
    assert len(stale) == 4
    assert _files(out) == _files(fresh) | {"notes.txt", "V1400009344/kk/my-remarks.html", replaced}
    for name in _files(fresh):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert read_file_list(out) == read_file_list(fresh)
    assert result.stdout.splitlines()[-2].startswith("Removed 3 pages an earlier run wrote and this one does not: ")
    assert result.stderr.splitlines()[-1] == (
        f"warning: {out / replaced}: an earlier run wrote it, but it is no longer its page; kept")


def test_the_file_list_never_reaches_outside_the_folder(tmp_path):
    from amendtrack.report.folder import write_report_folder

    page = render_index_html([])
    outside = tmp_path / "outside.html"
    outside.write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    (out / "old" / "sub").mkdir(parents=True)
    (out / "old" / "sub" / "page.html").write_text(page, encoding="utf-8")
    (out / LIST_NAME).write_text(
        f"# edited by hand\n../outside.html\n{outside}\nold/../../outside.html\nold\\..\\..\\outside.html\n"
        "old/sub/page.html\n", encoding="utf-8")
    done = write_report_folder(out, {"index.html": page})
    assert outside.read_text(encoding="utf-8") == page
    # The one listed page inside the folder is removed, with the folders it leaves empty.
    assert done.removed == ("old/sub/page.html",)
    assert _files(out) == {"index.html", LIST_NAME} and not (out / "old").exists()
    with pytest.raises(ValueError, match="not a relative path inside the report folder"):
        write_report_folder(out, {"../index.html": page})


def test_index_lists_the_positions_the_amendments_touched(chain, tmp_path):
    tree = tree_of((chain.out / "index.html").read_text(encoding="utf-8"))
    rows = tree.xpath('//table[@class="position-table touched-table"]/tbody/tr')
    # The history of the chain (amendtrack history): edition 2 changes 5 positions
    # and removes 1, edition 3 adds 1, removes 1, changes 3 and renames a unit,
    # edition 4 changes 5 and renames a unit;
    # one position changes twice: 5 + 1 + 1 + 1 + 3 + 5 - 1 = 15.
    assert len(rows) == 15
    h = chain.history
    touched = [g for g in h.lineages if g.changed_in or (g.ending and g.ending.kind == "removed") or g.introduced_in != 1]
    assert [row.xpath(".//a/@href")[0] for row in rows] == [
        f"V1400009344/kk/positions/{g.key}.html" for g in touched]
    comparisons = [text_of(tr) for tr in tree.xpath('//table[@class="count-table"]/tbody/tr')]
    assert comparisons[0].startswith(f"Edition 1 → 2 2014-04-09 → 2014-07-01 No. TEST-1 of 2014-07-01 {FICTIONAL_ISSUER}")
    # The bundled corpus: the repeal touches every position, but no amendment does.
    from amendtrack.cli import cli

    # (The committed reports/ are in Kazakh, the corpus's language; this reads the English words.)
    result = CliRunner().invoke(cli, ["report", str(REPO / "corpus"), "-o", str(tmp_path), "--no-store",
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    bundled = tree_of((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert bundled.xpath('//table[contains(@class, "touched-table")]') == []
    section = bundled.xpath('//section[h3[starts-with(., "Positions the amendments touched")]]')[0]
    assert text_of(section) == ("Positions the amendments touched (0) None: no edition added, removed or changed "
                                "a position in substance; the act was repealed as a whole.")


def test_bidi_controls_are_shown_in_the_page_title_too(sample):
    # The <title> holds no markup: the control is written out as text there.
    doc = copy.deepcopy(sample)
    doc["new"]["act_date"] = "2015-11-16\u202eevil"
    html = render_diff_html(model_of(doc))
    assert "\u202e" not in html
    assert tree_of(html).findtext(".//title").endswith(" → 2015-11-16[U+202E]evil")
    # And in the table of the editions compared, as everywhere on the page.
    assert text_of(tree_of(html).xpath('//tr[th="Act date"]/td')[1]) == "2015-11-16[U+202E]evil"


def test_each_works_position_pages_are_its_own(chain, tmp_path):
    """Two works in one corpus: each position page shows its own work's editions and redlines."""
    from amendtrack.cli import cli

    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    shutil.copytree(chain.corpus / "V1400009344", corpus / "CHAIN")
    second = (chain.corpus / "manifest.toml").read_text(encoding="utf-8").split("[[work]]", 1)[1]
    second = second.replace('slug = "V1400009344"', 'slug = "CHAIN"').replace('"V1400009344/kk/', '"CHAIN/kk/')
    with open(corpus / "manifest.toml", "a", encoding="utf-8") as manifest:
        manifest.write("\n[[work]]" + second)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["report", str(corpus), "-o", str(out), "--no-store"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(f"Wrote {1 + 1 + 152 + 3 + 153 + 2} pages")
    # The chain never amends this position: its page shows its one version.
    for work, editions in (("V1400009344", ["2014-04-09", "2015-11-16"]), ("CHAIN", ["2014-04-09"])):
        page = tree_of((out / work / "kk" / "positions" / "pa6ce6beb87.html").read_text(encoding="utf-8"))
        steps = [text_of(a) for a in page.xpath('//table[@class="steps-table"]//a')]
        assert steps == [f"Edition {i} · {date}" for i, date in enumerate(editions, 1)]
        for href in page.xpath("//article//a/@href"):
            assert (out / work / "kk" / "positions" / href).resolve().is_file(), href
        files = {p.split("/", 1)[0] for p in page.xpath('//p[@class="card-ids"]/span[@class="path"]/text()')}
        assert files == {"corpus"}
        assert all(f"/{work}/kk/" in p for p in page.xpath('//p[@class="card-ids"]/span[@class="path"]/text()'))


def test_a_lineage_keeps_its_identity_while_its_per_edition_ids_change(chain):
    from amendtrack.formats.history_output import history_to_dict

    h = chain.history
    g = changed_twice(h)
    # Two amendments changed its text, so it had three per-edition ids ...
    assert len(g.ids) == 3 and len({a.position.id for a in g.appearances}) == 3
    # ... and one lineage id: "L" and the digits of the first.
    assert g.lineage_id == "L" + g.ids[0][1:]
    doc = history_to_dict(h, g)
    assert doc["position"]["lineage_id"] == g.lineage_id and doc["position"]["ids"] == list(g.ids)
    tree = tree_of((chain.out / "V1400009344" / "kk" / "positions" / f"{g.key}.html").read_text(encoding="utf-8"))
    facts = {text_of(dt): text_of(dt.getnext()) for dt in tree.xpath('//dl[@class="facts"]/dt')}
    assert facts["Identity"].startswith(f"{g.lineage_id} the same in every edition")
    assert facts["Ids in the editions"].startswith(" → ".join(g.ids))
    # Lineage ids are unique in the history, and a position the chain added starts its own.
    assert len({x.lineage_id for x in h.lineages}) == len(h.lineages)
    added = [x for x in h.lineages if x.appearances[0].edition > 1]
    assert added and all(x.lineage_id == "L" + x.appearances[0].position.id[1:] for x in added)
