"""Requirement drift (amendtrack.history.drift, the drift command): the bundled corpus, and the
CSV of a generated 10-edition corpus read back with the csv module."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.formats.drift_output import CSV_COLUMNS
from amendtrack.parse.edition import parse_file

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def run(*args: str):
    return CliRunner().invoke(cli, ["drift", *args, "--no-store"], catch_exceptions=False)


def test_bundled_corpus_drift_json() -> None:
    result = run(str(REPO / "corpus"), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "amendtrack/drift@1"
    assert [e["date"] for e in doc["editions"]] == ["2014-04-09", "2015-11-16"]
    seed = parse_file(str(REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"))
    last = {c["category"]: c for c in doc["editions"][1]["categories"]}
    assert last["all"]["positions"] == 152
    assert sum(c["positions"] for k, c in last.items() if k != "all") == 152
    assert last["С-4"]["positions"] == sum(1 for p in seed.positions if p.category.code == "С-4")
    # The repeal changes no requirement: nothing moved.
    assert all(not c["directions"] for e in doc["editions"] for c in e["categories"])
    # С-1 (12 directors, seq 16 … 83): read by hand, every one asks five years of public service
    # of which one in state bodies, or three in state bodies, or six in the field of which two as a head.
    years = {y["kind"]: y for y in last["С-1"]["years"]}
    assert (years["state_bodies"]["min"], years["state_bodies"]["max"]) == (1, 1)
    assert years["field"]["min"] == years["field"]["max"] == 6


def test_text_output_names_kinds_in_words() -> None:
    result = run(str(REPO / "corpus"))
    assert result.exit_code == 0
    assert result.stdout.startswith("requirement drift: V1400009344 (kk), 2 editions\n")
    assert "  all: 152 positions\n" in result.stdout
    # All twelve С-1 positions (seq 16 … 83) ask six years in the field (of which two as a head or deputy).
    assert "  С-1: 12 positions\n" in result.stdout
    assert "    work in the field: years min 6, median 6, max 6 (12 positions)\n" in result.stdout


@pytest.fixture(scope="module")
def ten_editions(tmp_path_factory) -> Path:
    from corpus_gen import chain_texts, write_corpus  # bench/corpus_gen.py

    seed_path = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
    seed_text = seed_path.read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("ten")
    write_corpus(folder, chain_texts(10, seed_text, parse_file(str(seed_path))))
    return folder


def test_csv_of_ten_editions_reads_back(ten_editions: Path, tmp_path: Path) -> None:
    out = tmp_path / "drift.csv"
    result = run(str(ten_editions), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for spreadsheets
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert sorted({int(r["edition"]) for r in rows}) == list(range(10))
    # One row per edition × category × measure (× subject).
    keys = [(r["edition"], r["category"], r["measure"], r["subject"]) for r in rows]
    assert len(keys) == len(set(keys))
    json_doc = json.loads(run(str(ten_editions), "--format", "json").stdout)
    for edition in json_doc["editions"]:
        for c in edition["categories"]:
            mine = {(r["measure"], r["subject"]): r for r in rows
                    if r["edition"] == str(edition["index"]) and r["category"] == c["category"]}
            assert mine[("positions", "")]["value"] == str(c["positions"])
            for y in c["years"]:
                assert mine[("years_min", y["kind"])]["value"] == str(y["min"])
                assert float(mine[("years_median", y["kind"])]["value"]) == y["median"]
            for direction in ("stricter", "looser", "mixed"):
                ids = [p["id"] for p in c["directions"] if p["direction"] == direction]
                assert mine[(direction, "")]["value"] == str(len(ids))
                assert mine[(direction, "")]["positions"].split() == ids
    # The generated chain adds and removes experience items: some edition moved some position.
    assert any(r["measure"] in ("stricter", "looser") and r["value"] != "0" for r in rows)
    # The first edition has nothing to compare with.
    assert all(r["value"] == "0" for r in rows if r["edition"] == "0" and r["measure"] in ("stricter", "looser"))
