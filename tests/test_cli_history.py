"""`amendtrack history` and `amendtrack asof` as a user runs them: output, exit status, errors.

Every run passes --db in tmp (or --no-store), and XDG_CACHE_HOME points into tmp
as well, so the user's real cache is never touched.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from amendtrack.cli import cli
from amendtrack.history import corpus as corpus_module
from tests.conftest import REPO

TITLE = ('Қазақстан Республикасы Төтенше жағдайлар министрлігінің "Б" корпусының мемлекеттік әкімшілік '
         "лауазымдарына қойылатын біліктілік талаптарын бекіту туралы")
HEAD = [
    "Order No. 161 of 2014-04-09 (V1400009344), Қазақстан Республикасы Төтенше жағдайлар министрі",
    f"  {TITLE}",
    "  registered No. 9344 on 2014-04-18 · language: kk · 2 editions",
    "",
]
# The entry into force with the bounds of amendtrack/history/bounds.py: publication after
# registration (2014-04-18) plus ten days, and before the repealing order's date
# (2015-11-16) plus eleven.
ENTRY = ("unknown (on or after 2014-04-29; on or before 2015-11-27; rule: ten calendar days after first official "
         "publication; basis: not before 2014-04-29: it enters into force ten calendar days after its first official "
         "publication, which came after its state registration on 2014-04-18; not after 2015-11-27: it enters into "
         "force ten calendar days after its first official publication, which came by 2015-11-16 at the latest, the "
         "date of Order No. 927 of 2015-11-16, which repeals it)")
NOT_YET = ("not yet in force (certain): Order No. 161 of 2014-04-09 entered into force between 2014-04-29 and "
           "2015-11-27 (it enters into force ten calendar days after its first official publication, which came "
           "after its state registration on 2014-04-18).")
REPEAL = ("unknown (on or after 2015-11-16; basis: the repealing order is dated 2015-11-16; its entry into force is "
          "not stated in the text)")
FIRST_POSITION = "[С-3] Министрдің көмекшісі · annex 1, 1. Хатшылық · pa6ce6beb87"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store for the module: the first run parses, the others read it."""
    return str(tmp_path_factory.mktemp("store") / "store.sqlite3")


@pytest.fixture(autouse=True)
def no_real_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture()
def run(monkeypatch: pytest.MonkeyPatch, db: str):
    monkeypatch.chdir(REPO)

    def invoke(*args: str, store: bool = True) -> Result:
        extra = ["--db", db] if store else []
        return CliRunner().invoke(cli, [*args, *extra], catch_exceptions=False)

    return invoke


# ---------------------------------------------------------------- history


def test_history_shows_both_editions_the_repeal_and_every_position(run) -> None:
    result = run("history")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:4] == HEAD
    assert lines[4:7] == [
        f"In force from: {ENTRY}",
        "Repealed by:   Order No. 927 of 2015-11-16, Қазақстан Республикасы Ішкі істер министрі",
        f"  effective:   {REPEAL}",
    ]
    assert lines[8:10] == [
        "Editions",
        "  1. 2014-04-09 · in force · corpus/V1400009344/kk/2014-04-09.txt (sha256 50a4ce05fc6f…)",
    ]
    assert ("  2. 2015-11-16 · repealed (text kept as the record, never in force) · "
            "corpus/V1400009344/kk/2015-11-16.txt (sha256 00c580ba7852…)") in lines
    assert "     event: repealed (act) by Order No. 927 of 2015-11-16" in lines
    period = lines.index("Positions (152), by period in force")
    assert lines[period + 1] == (
        "  in force from the act's entry into force (edition 1 of 2014-04-09) until the repeal by Order No. 927 "
        "of 2015-11-16: 152")
    assert lines[period + 2] == f"    {FIRST_POSITION} · lineage La6ce6beb87"
    assert len(lines[period + 2 : lines.index("No warnings.") - 1]) == 152


def test_history_json(run) -> None:
    result = run("history", "--format", "json")
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["schema"] == "amendtrack/history@1"
    assert [(e["date"], e["status"], e["in_force"]) for e in d["editions"]] == [
        ("2014-04-09", "in_force", True), ("2015-11-16", "repealed", False)]
    assert d["entry_into_force"]["description"] == ENTRY
    assert d["repeal"]["act"] == {"issuer": "Қазақстан Республикасы Ішкі істер министрі", "type": "бұйрық",
                                  "number": "927", "date": "2015-11-16"}
    assert d["repeal"]["effective"]["description"] == REPEAL
    assert len(d["positions"]) == 152
    assert {(p["introduced_in"], p["ending"]["kind"], p["ending"]["act"]["number"]) for p in d["positions"]} == {
        (1, "repealed", "927")}


def test_output_is_deterministic_and_the_store_changes_nothing(run) -> None:
    for args in (("history",), ("history", "--format", "json"), ("asof", "2015-11-17", "--format", "json")):
        stored = run(*args).stdout
        assert run(*args).stdout == stored
        assert run(*args, "--no-store", store=False).stdout == stored


def test_second_run_reads_the_store(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[str] = []
    real = corpus_module.parse_edition

    def counting(text: str, path: str, sha256: str):
        calls.append(path)
        return real(text, path, sha256)

    monkeypatch.setattr(corpus_module, "parse_edition", counting)
    db = str(tmp_path / "fresh.sqlite3")
    assert run("history", "--db", db, store=False).exit_code == 0
    assert len(calls) == 2
    assert run("asof", "2015-01-01", "--db", db, store=False).exit_code == 0
    assert len(calls) == 2


def test_position_by_title_shows_requirements_edition_by_edition(run) -> None:
    result = run("history", "--position", "Министрдің көмекшісі")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[4:10] == [
        "Position: [С-3] Министрдің көмекшісі",
        "  annex 1, 1. Хатшылық · lineage La6ce6beb87 · id in every edition: pa6ce6beb87",
        f"  in force from: {ENTRY}",
        "    introduced by Order No. 161 of 2014-04-09 in edition 1 of 2014-04-09",
        f"  until: {REPEAL}",
        "    ended by the repeal of the act: Order No. 927 of 2015-11-16, Қазақстан Республикасы Ішкі істер "
        "министрі (edition 2 of 2015-11-16)",
    ]
    assert "Edition 1 · 2014-04-09 · in force · introduced" in lines
    assert "    1) мемлекеттік қызмет өтілі үш жылдан кем емес;" in lines
    assert ("Edition 2 · 2015-11-16 · repealed (text kept as the record, never in force) · unchanged "
            "(matched: identical, score 1.00)") in lines
    assert "  no difference from the edition before" in lines
    # The same lineage by its id, and by its lineage id (the first id with "L" for "p").
    assert run("history", "--position", "pa6ce6beb87").stdout == result.stdout
    assert run("history", "--position", "La6ce6beb87").stdout == result.stdout


def test_several_matches_are_listed_with_exit_2(run) -> None:
    result = run("history", "--position", "Департамент директоры")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == ("8 positions match 'Департамент директоры'; repeat with a lineage id, "
                        "or more words of the title:")
    # Each line starts with the lineage id, which names the position in every edition.
    assert all(line.startswith("  L") for line in lines[1:])
    assert len(lines) == 9 and all("[С-1] Департамент директоры · annex 1" in line for line in lines[1:])
    assert result.stderr == "Error: 8 positions match 'Департамент директоры'; repeat with one of the lineage ids listed\n"
    as_json = json.loads(run("history", "--position", "Департамент директоры", "--format", "json").stdout)
    assert len(as_json["matches"]) == 8
    chosen = as_json["matches"][2]["id"]
    assert run("history", "--position", chosen).exit_code == 0


def test_no_match_is_one_line_exit_2(run) -> None:
    result = run("history", "--position", "ғарышкер")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: no position matches 'ғарышкер': give an id or words of a title "
                             "(see amendtrack history for the list)\n")


# ---------------------------------------------------------------- asof


def test_asof_before_registration_is_not_yet_in_force(run) -> None:
    result = run("asof", "2014-04-15")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[4:6] == [
        f"As of 2014-04-15: {NOT_YET}",
        f"  Order No. 161 of 2014-04-09 entered into force later, on a date the corpus does not give: {ENTRY}.",
    ]


def test_asof_within_ten_days_of_registration_is_certainly_not_yet_in_force(run) -> None:
    # Published on 2014-04-19 at the earliest, so in force on 2014-04-29 at the earliest.
    assert run("asof", "2014-04-20").stdout.splitlines()[4] == f"As of 2014-04-20: {NOT_YET}"
    assert run("asof", "2014-04-28").stdout.splitlines()[4] == f"As of 2014-04-28: {NOT_YET}"
    assert run("asof", "2014-04-29").stdout.splitlines()[4].startswith(
        "As of 2014-04-29: not yet in force or in force (edition 1 of 2014-04-09).")


def test_asof_2015_lists_every_position_of_the_edition_in_force(run) -> None:
    # The corpus gives the entry into force no later bound, so 2015-01-01 is
    # uncertain too: the positions are listed for the case that it applied.
    lines = run("asof", "2015-01-01").stdout.splitlines()
    assert lines[4] == (
        "As of 2015-01-01: not yet in force or in force (edition 1 of 2014-04-09). Certain: the repeal by Order "
        "No. 927 of 2015-11-16 had not yet taken effect (it took effect on or after 2015-11-16). Open: Order No. 161 "
        "of 2014-04-09 entered into force between 2014-04-29 and 2015-11-27, a date the texts do not give; the date "
        "of first official publication of Order No. 161 of 2014-04-09 would settle it.")
    head = lines.index("Positions in force if edition 1 of 2014-04-09 applied (152):")
    assert lines[head + 1] == f"  {FIRST_POSITION}"
    assert len(lines[head + 1 : lines.index("No warnings.") - 1]) == 152


def test_asof_after_the_repeal_names_the_repealing_act(run) -> None:
    lines = run("asof", "2016-01-01").stdout.splitlines()
    # The repealing order presupposes publication: "not yet in force" is no longer possible.
    assert lines[4] == (
        "As of 2016-01-01: in force (edition 1 of 2014-04-09) or repealed by Order No. 927 of 2015-11-16. Certain: "
        "Order No. 161 of 2014-04-09 had entered into force (between 2014-04-29 and 2015-11-27). Open: the repeal by "
        "Order No. 927 of 2015-11-16 took effect on or after 2015-11-16, a date the texts do not give; the date Order "
        "No. 927 of 2015-11-16 took effect would settle it.")
    assert f"    the repeal by Order No. 927 of 2015-11-16: {REPEAL}" in lines
    assert ("    repealed by Order No. 927 of 2015-11-16, if the repeal by Order No. 927 of 2015-11-16 is on or "
            "before 2016-01-01") in lines
    assert ("If repealed: no position was in force. The last text in force, edition 1 of 2014-04-09, stays the "
            "record in edition 2 of 2015-11-16.") in lines


def test_asof_the_day_after_the_repeal_order_is_uncertain(run) -> None:
    d = json.loads(run("asof", "17.11.2015", "--format", "json").stdout)
    assert d["date"] == "2015-11-17" and d["answer"] == "uncertain"
    assert [p["state"] for p in d["possible"]] == ["not_yet_in_force", "in_force", "repealed"]
    assert [u["leads_to"] for u in d["undecided"]] == ["in_force", "repealed"]
    assert d["possible"][1]["edition"]["takes_effect"]["not_after"] == "2015-11-27"
    assert d["possible"][2]["repeal"]["act"]["number"] == "927"


def test_with_bounds_in_the_manifest_the_done_when_answers_are_certain(run, tmp_path: Path) -> None:
    """Hypothetical bounds (not facts): what a manifest recording publication dates would give."""
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    manifest = corpus / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("applies_from = { after = 2014-04-18,", "applies_from = { after = 2014-04-18, "
                        "on_or_before = 2014-05-31,")
    text = text.replace("applies_from = { on_or_after = 2015-11-16,", "applies_from = { on_or_after = 2015-11-16, "
                        "on_or_before = 2015-12-31,")
    manifest.write_text(text, encoding="utf-8")
    in_force = run("asof", "2015-01-01", str(corpus)).stdout.splitlines()
    assert in_force[4] == (
        "As of 2015-01-01: in force (edition 1 of 2014-04-09) (certain): Order No. 161 of 2014-04-09 entered into "
        "force between 2014-04-29 and 2014-05-31, and the repeal by Order No. 927 of 2015-11-16 took effect later, "
        "between 2015-11-16 and 2015-12-31.")
    assert "Positions in force (152):" in in_force
    repealed = run("asof", "2016-01-01", str(corpus)).stdout.splitlines()
    assert repealed[4] == ("As of 2016-01-01: repealed by Order No. 927 of 2015-11-16 (certain): the repeal by Order "
                           "No. 927 of 2015-11-16 took effect between 2015-11-16 and 2015-12-31.")
    assert run("asof", "2015-11-17", str(corpus)).stdout.splitlines()[4].startswith(
        "As of 2015-11-17: in force (edition 1 of 2014-04-09) or repealed by Order No. 927 of 2015-11-16. Certain: ")


# ---------------------------------------------------------------- trouble


def test_a_bad_date_is_a_usage_error(run) -> None:
    result = run("asof", "2015-02-30")
    assert result.exit_code == 2
    assert "'2015-02-30' is not a date; write YYYY-MM-DD (2015-01-01) or DD.MM.YYYY (01.01.2015)" in result.stderr


def test_missing_default_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["history", "--no-store"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: corpus: no such folder; CORPUS defaults to ./corpus: run from the repository's "
                             "root or give the corpus folder\n")


def test_tampered_corpus_is_one_line_naming_the_file(run, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    target = corpus / "V1400009344" / "kk" / "2014-04-09.txt"
    target.write_bytes(target.read_bytes() + b"\n")
    result = run("history", str(corpus))
    assert (result.exit_code, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: {target}: sha256 mismatch: manifest {corpus / 'manifest.toml'} "
                                    "records 50a4ce05fc6f")


def test_corrupt_store_is_one_line_and_left_alone(run, tmp_path: Path) -> None:
    bad = tmp_path / "store.sqlite3"
    bad.write_bytes(b"not sqlite " * 100)
    result = run("asof", "2015-01-01", "--db", str(bad), store=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {bad}: is not a readable amendtrack store (file is not a database); it is only "
                             "a cache: delete it, choose another file with --db, or run with --no-store\n")
    assert bad.read_bytes() == b"not sqlite " * 100


def test_no_store_writes_no_file(run, tmp_path: Path) -> None:
    assert run("asof", "2014-04-15", "--no-store", store=False).exit_code == 0
    assert not (tmp_path / "xdg-cache").exists()


def test_default_store_is_in_the_xdg_cache(run, tmp_path: Path) -> None:
    assert run("asof", "2014-04-15", store=False).exit_code == 0
    stored = tmp_path / "xdg-cache" / "amendtrack" / "store.sqlite3"
    assert sqlite3.connect(stored).execute("SELECT count(*) FROM editions").fetchone()[0] == 2
