"""`amendtrack parse` as a user runs it: exact output, exit status, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from tests.conftest import REPO, SEED

SEED_ARG = str(SEED.relative_to(REPO))


@pytest.fixture()
def run(monkeypatch):
    monkeypatch.chdir(REPO)

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_parse_json_contract(run) -> None:
    result = run("parse", SEED_ARG, "--format", "json")
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["schema"] == "amendtrack/edition@1"
    assert d["source"]["path"] == SEED_ARG
    assert len(d["source"]["sha256"]) == 64
    assert set(d["act"]) >= {"title", "number", "date", "registration", "status", "notes"}
    assert d["act"]["registration"] == {"number": "9344", "date": "2014-04-18"}
    assert len(d["positions"]) == 152
    first = d["positions"][0]
    assert set(first) >= {"id", "annex", "unit", "unit_number", "subunit", "title", "category", "requirements"}
    assert set(first["requirements"]) == {"education", "competence", "experience", "duties"}
    assert first["unit"] == "Хатшылық" and first["unit_number"] == "1"
    assert isinstance(first["requirements"]["experience"], list)
    assert [w["line"] for w in d["warnings"]] == [1374, 2871]
    # Warnings also go to stderr, one line each, naming the file, the line and the position.
    assert result.stderr.splitlines()[1] == (
        f"warning: {SEED_ARG}:2871: in the position [С-4] Аумақтық органдар персоналдарын іріктеу, орналастыру "
        "және есепке алу басқармасының бас сарапшысы (annex 1): the functional duties label is missing; "
        "the functional duties text was read from line 2871 by its content")


def test_parse_json_is_deterministic(run) -> None:
    assert run("parse", SEED_ARG, "--format", "json").stdout == run("parse", SEED_ARG, "--format", "json").stdout


def test_parse_text_outline(run) -> None:
    result = run("parse", SEED_ARG)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "  act No. 161 of 2014-04-09 · registered No. 9344 on 2014-04-18 · status: repealed"
    assert "  152 positions in 2 annexes, 35 units" in lines
    assert "  1. Хатшылық (5 positions)" in lines
    assert "  (unnumbered) Баспасөз қызметі (3 positions)" in lines
    assert lines[-3] == "Warnings (2):"


def test_strict_turns_warnings_into_exit_2(run) -> None:
    result = run("parse", SEED_ARG, "--strict")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {SEED_ARG}:1374: in the position [С-5] Ішкі бақылау, аудит және шешімдерді дайындау "
        "басқармасының сарапшысы (annex 1): the number “1.” printed before the title starts no unit heading; "
        "it is left out of the title (the printed title keeps it) (and 1 more); --strict treats warnings as errors\n"
    )


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory, expected an edition text file"),
        (lambda d: _write(d / "empty.txt", b""), "is empty (0 bytes)"),
        (lambda d: _write(d / "doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF"),
        (lambda d: _write(d / "other.txt", "Қазақстан Республикасының Заңы\n\n1-бап. Мақсаты\n".encode()),
         "no positions found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run, tmp_path: Path, make, problem: str) -> None:
    path = make(tmp_path)
    result = run("parse", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: {path}")
    assert problem in result.stderr
    assert "Traceback" not in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_every_command_has_help_with_an_example(run) -> None:
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.stdout, name
        assert f"amendtrack {name}" in result.stdout, name


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "amendtrack", "--version"], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0 and out.stdout.startswith("amendtrack, version ")
