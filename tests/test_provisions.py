"""The act's own text: provisions (parse/provisions.py) and their comparison (compare/provision_diff.py).

The four regression cases are the ones of issue #11, made on the bundled
original edition; each edit was checked by reading the file (the replaced text
occurs exactly once, asserted below).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.compare.differ import compare_editions
from amendtrack.formats.diff_json import comparison_to_dict
from amendtrack.model import Edition
from amendtrack.normalize import words
from amendtrack.parse.accounting import model_texts
from amendtrack.parse.edition import parse_edition
from amendtrack.parse.provisions import provisions_of

REPO = Path(__file__).resolve().parent.parent
ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
PUBLISHED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"


# ---------------------------------------------------------------- the provisions of the seed


def test_the_seed_has_these_provisions_in_reading_order(seed: Edition) -> None:
    # Read off lines 2-60 of the published edition: title, status line, header with
    # the repeal sentence, one note, the legal basis, БҰЙЫРАМЫН, points 1-4 (two
    # printed "3."), the signature and the КЕЛІСІЛДІ block; then each annex.
    addresses = [p.address for p in provisions_of(seed)]
    assert addresses[:20] == [
        "title", "status", "header", "repeal", "note_1", "preamble", "formula",
        "point_1", "point_1__subpoint_1", "point_1__subpoint_2", "point_2",
        "point_3", "point_3__subpoint_1", "point_3__subpoint_2", "point_3__subpoint_3",
        "point_3_2", "point_4", "signature_1", "approval_1", "annex_1__stamp",
    ]
    assert len(addresses) == len(set(addresses))
    by_address = {p.address: p for p in provisions_of(seed)}
    # The second point printed "3." keeps its printed number and gets a unique address.
    assert by_address["point_3_2"].number == "3."
    assert by_address["point_3_2"].text == "3. Осы бұйрықтың орындалуын бақылауды өзімде қалдырамын."
    assert by_address["annex_1__stamp"].text.endswith("№ 161 бұйрығына 1-қосымша")
    # Unit headings count headings: the 8th of annex 1 is printed "2." (line 1568).
    assert by_address["annex_1__unit_8"].text == "2. Экономика және қаржы департаменті"
    assert by_address["annex_2__unit_12__subunit_1"].role == "subunit"


def test_provisions_and_positions_hold_every_word_the_model_keeps(seed: Edition) -> None:
    """The lossless accounting, split: provisions + positions = the model's words."""
    model = Counter(w for t in model_texts(seed) for w in words(t))
    no_positions = Edition(**{**{f: getattr(seed, f) for f in Edition.__slots__}, "positions": ()})
    outside = Counter(w for t in model_texts(no_positions) for w in words(t))
    provided = Counter(w for p in provisions_of(seed) for w in words(p.text))
    assert provided == outside
    assert sum(outside.values()) < sum(model.values())


# ---------------------------------------------------------------- the four cases of issue #11


CASES = {
    # name: (printed before, printed after, address, old word, new word)
    "control of execution": ("Осы бұйрықтың орындалуын бақылауды өзімде қалдырамын.",
                             "Осы бұйрықтың орындалуын бақылау вице-министрге жүктелсін.",
                             "point_3_2", "өзімде", "вице-министрге"),
    "entry into force": ("бастап он күнтізбелік", "бастап жиырма бір күнтізбелік", "point_4", "он", "жиырма"),
    "preamble date": ("1999 жылғы", "2015 жылғы", "preamble", "1999", "2015"),
    "unit renumbered": ("2. Экономика және қаржы департаменті", "9. Экономика және қаржы департаменті",
                        "annex_1__unit_8", "2.", "9."),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    text = ORIGINAL.read_text(encoding="utf-8")
    out = {}
    for name, (before, after, *_rest) in CASES.items():
        assert text.count(before) == 1, name
        path = tmp_path_factory.mktemp("edited") / "new.txt"
        path.write_text(text.replace(before, after), encoding="utf-8")
        out[name] = path
    return out


def _diff(new: Path, *extra: str):
    return CliRunner().invoke(cli, ["diff", str(ORIGINAL), str(new), *extra], catch_exceptions=False)


@pytest.mark.parametrize("name", CASES)
def test_a_change_of_the_act_itself_exits_1_with_its_record(name: str, edited: dict[str, Path]) -> None:
    before, after, address, old_word, new_word = CASES[name]
    result = _diff(edited[name], "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["summary"]["different"] is True
    assert doc["summary"]["provisions_substantive"] == 1
    (record,) = doc["provisions"]
    assert record["address"] == address
    assert record["substantive"] is True
    assert old_word in record["old"] and new_word not in record["old"]
    assert new_word in record["new"] and after.split()[0] in record["new"]
    deleted = "".join(t for op, t in record["ops"] if op == -1)
    inserted = "".join(t for op, t in record["ops"] if op == 1)
    assert old_word.strip(".") in deleted and new_word.strip(".") in inserted


def test_the_renumbered_unit_has_both_printed_numbers(edited: dict[str, Path]) -> None:
    doc = json.loads(_diff(edited["unit renumbered"], "--format", "json").stdout)
    (record,) = doc["provisions"]
    assert (record["status"], record["old_number"], record["new_number"]) == ("renumbered", "2", "9")
    assert record["ops"] == [[-1, "2"], [1, "9"], [0, ". Экономика және қаржы департаменті"]]


def test_the_text_output_names_the_order_itself_first(edited: dict[str, Path]) -> None:
    out = _diff(edited["entry into force"]).stdout
    assert "the order itself: 1 provision changed\n" in out
    assert "  point 4 [point_4] changed: …ресми жарияланған күнінен бастап [-он-]{+жиырма бір+} күнтізбелік" in out
    assert out.index("the order itself") < out.index("positions:")
    assert "no substantive differences" not in out
    unit = _diff(edited["unit renumbered"]).stdout
    assert "unit renumbered (annex 1): 2 → 9 Экономика және қаржы департаменті\n" in unit
    assert "  [-2-]{+9+}. Экономика және қаржы департаменті\n" in unit


@pytest.mark.parametrize("name", CASES)
def test_the_html_page_shows_the_order_itself(name: str, edited: dict[str, Path], tmp_path: Path) -> None:
    _before, _after, address, old_word, new_word = CASES[name]
    page = tmp_path / "d.html"
    assert _diff(edited[name], "--format", "html", "-o", str(page)).exit_code == 1
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="order-itself"'):html.index('class="legend"')]
    card = section[section.index(f'id="prov-{address}"'):]
    assert "Provision change 1 of 1" in card
    deleted = re.findall(r"<del>([^<]*)</del>", card)
    inserted = re.findall(r"<ins>([^<]*)</ins>", card)
    assert any(old_word.strip(".") in d for d in deleted)
    assert any(new_word.strip(".") in i for i in inserted)
    if name == "unit renumbered":
        assert "renumbered 2 → 9" in card


def test_the_repeal_edition_reports_what_the_publisher_added() -> None:
    # diff(1) of the two bundled files: "Күшін жойған" (line 6), the repeal sentence
    # (lines 9-10) and the note (lines 11-12) are the only differences before the annexes.
    c = compare_editions(parse_edition(ORIGINAL.read_text(encoding="utf-8"), "old"),
                         parse_edition(PUBLISHED.read_text(encoding="utf-8"), "new"))
    doc = comparison_to_dict(c)
    assert doc["summary"]["repealed"] == 152
    assert [(p["address"], p["status"], p["publisher"]) for p in doc["provisions"]] == [
        ("status", "added", True), ("repeal", "added", True), ("note_1", "added", True),
    ]
    assert not any(ch["substantive"] for e in doc["positions"] for ch in e["changes"])


def test_a_renumbered_point_pairs_with_its_old_self(seed_text: str, seed: Edition) -> None:
    # Insert a new point 4 and renumber the old 4 to 5: the entry-into-force point
    # is renumbered (4. → 5.), the new one is added; nothing else.
    old_point = "      4. Осы бұйрық алғашқы"
    assert seed_text.count(old_point) == 1
    new_text = seed_text.replace(old_point, "      4. Осы бұйрық Министрліктің сайтында жариялансын.\n"
                                            "      5. Осы бұйрық алғашқы")
    c = compare_editions(seed, parse_edition(new_text, "new"))
    got = [(p.address, p.status, p.old.number if p.old else None, p.new.number if p.new else None)
           for p in c.provisions]
    assert got == [("point_4", "added", None, "4."), ("point_5", "renumbered", "4.", "5.")]
    assert c.has_differences


def test_a_reflowed_letter_spaced_order_is_no_difference(seed_text: str, seed: Edition) -> None:
    # Layout only: the letter-spaced line of point 2 printed without its spacing,
    # the preamble's lines joined, trailing spaces dropped.
    spaced = "а г е н т т і г і н е  ж о л д а с ы н ."
    assert seed_text.count(spaced) == 1
    text = seed_text.replace(spaced, "агенттігіне жолдасын.")
    text = text.replace("1999 жылғы 23 \nшілдедегі", "1999 жылғы 23 шілдедегі")
    text = re.sub(r" +\n", "\n", text)
    assert text != seed_text
    c = compare_editions(seed, parse_edition(text, "new"))
    assert not c.has_differences
    assert all(not p.substantive for p in c.provisions)


# ---------------------------------------------------------------- history and asof


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_history_follows_the_entry_into_force_point(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = _cli("history", "--provision", "point_4", "--no-store")
    assert result.exit_code == 0
    # Point 4 (lines 45-46 of the published text) is printed the same in both editions.
    assert result.stdout == (
        "point 4 [point_4] across 2 of 2 editions\n\n"
        "edition 1 of 2014-04-09 (in force) [point_4]:\n"
        "  4. Осы бұйрық алғашқы ресми жарияланған күнінен бастап он күнтізбелік күн өткен соң қолданысқа енгізіледі.\n"
        "edition 2 of 2015-11-16 (repealed text) [point_4]: unchanged\n"
    )
    doc = json.loads(_cli("history", "--provision", "status", "--no-store", "--format", "json").stdout)
    assert doc["schema"] == "amendtrack/provision-history@1"
    # The status line "Күшін жойған" exists only in the repealed edition (line 6).
    assert [(s["edition"], s["provision"]["text"]) for s in doc["steps"]] == [(2, "Күшін жойған")]


def test_history_refuses_an_unknown_address_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = _cli("history", "--provision", "point_9", "--no-store")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "point_9" in result.stderr and "point_4" in result.stderr


def test_asof_shows_the_order_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    out = _cli("asof", "2015-01-01", "--no-store").stdout
    assert "The order itself if edition 1 of 2014-04-09 applied (20 provisions;" in out
    assert "  point_3_2: 3. Осы бұйрықтың орындалуын бақылауды өзімде қалдырамын.\n" in out
    assert out.index("The order itself") < out.index("Positions in force")
    doc = json.loads(_cli("asof", "2015-01-01", "--no-store", "--format", "json").stdout)
    (in_force,) = [s for s in doc["possible"] if s["state"] == "in_force"]
    addresses = [p["address"] for p in in_force["provisions"]]
    assert "point_4" in addresses and "annex_1__unit_8" in addresses


def test_a_fragment_displaced_into_the_next_sub_point_is_no_difference(seed_text: str, seed: Edition) -> None:
    # The PDF prints "1-қосымшасына" glued to the end of sub-point 1) of point 1
    # (line 22); printed instead at the end of the first line of sub-point 2) (line 23),
    # the two sub-points together hold the same words.
    glued = "бұйрықтың  сәйкес бекітілсін;1-қосымшасына\n"
    second = "      2) Қазақстан Республикасы Төтенше жағдайлар министрлігі облыстар, Астана\n"
    assert seed_text.count(glued) == 1 and seed_text.count(second) == 1
    text = seed_text.replace(glued, "бұйрықтың  сәйкес бекітілсін;\n").replace(
        second, second.rstrip("\n") + " 1-қосымшасына\n")
    c = compare_editions(seed, parse_edition(text, "new"))
    assert [(p.address, p.kind) for p in c.provisions] == [
        ("point_1__subpoint_1", "reordering"), ("point_1__subpoint_2", "reordering")]
    assert not c.has_differences


def test_history_follows_a_point_reworded_then_renumbered(tmp_path: Path) -> None:
    """A fictional three-edition corpus (manifest as tests/test_report.py writes it):
    edition 2 changes the entry-into-force period of point 4, edition 3 inserts a
    new point 4 and renumbers the old one to 5."""
    import hashlib

    from tests.test_report import _CHAIN_EXPRESSION, _CHAIN_WORK, CHAIN_DATES, FICTIONAL_ISSUER

    original = ORIGINAL.read_text(encoding="utf-8")
    point_4 = "      4. Осы бұйрық алғашқы"
    assert original.count(point_4) == 1 and original.count("бастап он күнтізбелік") == 1
    second = original.replace("бастап он күнтізбелік", "бастап жиырма бір күнтізбелік")
    third = second.replace(point_4, "      4. Осы бұйрық Министрліктің сайтында жариялансын.\n"
                                    "      5. Осы бұйрық алғашқы")
    kk = tmp_path / "V1400009344" / "kk"
    kk.mkdir(parents=True)
    raw = original.encode("utf-8")
    (kk / "2014-04-09.txt").write_bytes(raw)
    manifest = _CHAIN_WORK.format(sha=hashlib.sha256(raw).hexdigest())
    for n, (date, text) in enumerate(zip(CHAIN_DATES[:2], (second, third), strict=True), 1):
        data = text.encode("utf-8")
        (kk / f"{date}.txt").write_bytes(data)
        manifest += _CHAIN_EXPRESSION.format(date=date, sha=hashlib.sha256(data).hexdigest(),
                                             issuer=FICTIONAL_ISSUER, n=n)
    (tmp_path / "manifest.toml").write_text(manifest, encoding="utf-8")
    result = _cli("history", str(tmp_path), "--provision", "point_4", "--no-store")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[4:] == [
        "edition 2 of 2014-07-01 (in force) [point_4]: changed",
        "  …ресми жарияланған күнінен бастап [-он-]{+жиырма бір+} күнтізбелік күн өткен соң қолданысқа…",
        "edition 3 of 2014-12-15 (in force) [point_5]: renumbered",
        "  [-4-]{+5+}. Осы бұйрық алғашқы ресми жарияланған…",
    ]
