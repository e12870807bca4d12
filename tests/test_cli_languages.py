"""The commands' messages in the language of the person at the terminal (issue 15):
$AMENDTRACK_LANG, else the locale, else English; the outputs themselves stay records.

tests/conftest.py sets AMENDTRACK_LANG=en for the suite; each test here sets the
environment it is about (None unsets a variable for the command).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli

REPO = Path(__file__).resolve().parent.parent
OLD = str(REPO / "corpus/V1400009344/kk/2014-04-09.txt")
NEW = str(REPO / "corpus/V1400009344/kk/2015-11-16.txt")
NO_LOCALE = {"AMENDTRACK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


def _run(args: list[str], **env: str | None):
    return CliRunner().invoke(cli, args, env={**NO_LOCALE, **env})


@pytest.mark.parametrize(("env", "line"), [
    ({"AMENDTRACK_LANG": "ru"}, "Ошибка: {path}: нет такого файла"),
    ({"AMENDTRACK_LANG": "kk"}, "Қате: {path}: мұндай файл жоқ"),
    ({"AMENDTRACK_LANG": "en"}, "Error: {path}: no such file"),
    ({"LANG": "kk_KZ.UTF-8"}, "Қате: {path}: мұндай файл жоқ"),
    ({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, "Ошибка: {path}: нет такого файла"),
    ({"LANG": "C.UTF-8"}, "Error: {path}: no such file"),  # a machine's locale: English for scripts
    ({}, "Error: {path}: no such file"),
    ({"AMENDTRACK_LANG": "ru", "LANG": "kk_KZ.UTF-8"}, "Ошибка: {path}: нет такого файла"),
])
def test_an_error_is_one_line_in_the_terminal_s_language(tmp_path, env, line):
    missing = str(tmp_path / "missing.txt")
    result = _run(["parse", missing], **env)
    assert result.exit_code == 2
    assert result.stderr == line.format(path=missing) + "\n"


def test_the_reasons_of_a_refused_file_are_translated_with_their_values(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3000)
    result = _run(["parse", str(big), "--max-size", "0.001"], AMENDTRACK_LANG="ru")
    assert result.exit_code == 2
    assert result.stderr == (f"Ошибка: {big}: имеет размер 2.9 КБ; текст редакции не больше 1.0 КБ (увеличьте "
                             "предел через --max-size, если это действительно одна редакция)\n")
    pdf = tmp_path / "order.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    result = _run(["parse", str(pdf)], AMENDTRACK_LANG="kk")
    assert result.stderr.startswith(f"Қате: {pdf}: бұл PDF файлы;")


def test_parser_warnings_on_stderr_name_the_position_in_the_terminal_s_language():
    result = _run(["diff", OLD, NEW, "--format", "json"], AMENDTRACK_LANG="ru")
    assert result.exit_code == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    assert warnings[0].startswith(f"предупреждение: {OLD}:1370: в должности [С-5] Ішкі бақылау")
    assert "не начинает заголовок подразделения" in warnings[0]
    assert warnings[0].endswith(f"(ещё 1 предупреждение: их перечисляет amendtrack parse {OLD})")


def test_outputs_are_the_same_bytes_whatever_the_terminal_s_language():
    # JSON and the text outline are records for programs and files: never translated.
    for args in (["parse", NEW, "--format", "json"], ["parse", NEW], ["diff", OLD, NEW, "--format", "json"]):
        outputs = {lang: _run(args, AMENDTRACK_LANG=lang).stdout for lang in ("ru", "kk", "en")}
        assert outputs["ru"] == outputs["kk"] == outputs["en"], args


def test_the_report_says_what_it_wrote_in_the_terminal_s_language(tmp_path):
    out = tmp_path / "reports"
    result = _run(["report", str(REPO / "corpus"), "-o", str(out), "--no-store", "--lang", "en"],
                  AMENDTRACK_LANG="kk")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}/ ішіне 155 бет жазылды; {out}/index.html ашыңыз\n"
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n<html lang=\"en\"")
