"""`amendtrack diff`: exact output and exit status (0 same, 1 different, 2 trouble)."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.compare.match import DEFAULT_THRESHOLD

REPO = Path(__file__).resolve().parent.parent
ORIGINAL = "corpus/V1400009344/kk/2014-04-09.txt"
PUBLISHED = "corpus/V1400009344/kk/2015-11-16.txt"

OLD = """\
Сынақ министрлігінің біліктілік талаптарын бекіту туралы

Сынақ министрінің 2014 жылғы 9 сәуірдегі № 1 бұйрығы.

Сынақ министрінің
2014 жылғы 9 сәуірдегі
№ 1 бұйрығына
1-қосымша

Сынақ министрлігінің «Б» корпусының мемлекеттік әкімшілік лауазымдарына
қойылатын біліктілік талаптары

1. Талдау департаменті

Департамент директоры, С-1 санаты

Өлшемшарттар Талаптар

Білімі
Жоғары: экономика немесе құқық

Кәсіби құзыреттілігі
Қазақстан Республикасының Конституциясын білуі.

Практикалық тәжірибесі
Жұмыс тәжірибесі келесі талаптардың біріне сәйкес болуы тиіс:
1) мемлекеттік қызмет өтілі үш жылдан кем емес;
2) ғылыми дәрежесінің болуы.

Функционалдық міндеттері
Департамент қызметін ұйымдастыру; есептерді дайындау.

Бас сарапшы, С-4 санаты

Өлшемшарттар Талаптар

Білімі
Жоғары: экономика

Кәсіби құзыреттілігі
Қазақстан Республикасының Конституциясын білуі.

Практикалық тәжірибесі
Мемлекеттік қызмет өтілі бір жылдан кем емес.

Функционалдық міндеттері
Талдау материалдарын жинау және жалпылау.
"""

# Three years become two; a duty is added; a typo appears in the other
# position's education, and its competence words come in another order.
NEW = (
    OLD.replace("үш жылдан", "екі жылдан")
    .replace("материалдарын жинау", "материалдарын жинау, тексеру")
    .replace("Жоғары: экономика немесе құқық", "Жоғары: экономика немесе құққы")
    .replace("Республикасының Конституциясын білуі.\n\nПрактикалық тәжірибесі\nМемлекеттік",
             "Конституциясын Республикасының білуі.\n\nПрактикалық тәжірибесі\nМемлекеттік")
)

EXPECTED_TEXT = """\
old: {old}  (act No. 1 of 2014-04-09, in force, 2 positions)
new: {new}  (act No. 1 of 2014-04-09, in force, 2 positions)

positions: 0 added, 0 removed, 2 changed, 0 repealed, 0 unchanged
requirements: 0 stricter, 0 looser, 1 mixed, 0 neutral

changed   [С-1] Департамент директоры  (annex 1 · 1. Талдау департаменті · {first})
  education (small): Жоғары: экономика немесе [-құқық-]{{+құққы+}}
    mixed: education field removed: құқық; education field added: құққы
  experience item 1: мемлекеттік қызмет өтілі [-үш-]{{+екі+}} жылдан кем емес;
    looser: public service 3 → 2 years

changed   [С-4] Бас сарапшы  (annex 1 · 1. Талдау департаменті · {second})
  competence (reordering: same words, another order; not substantive): Қазақстан [-Республикасының Конституциясын-]{{+Конституциясын Республикасының+}} білуі.
  duties: Талдау материалдарын жинау{{+, тексеру+}} және жалпылау.
"""


@pytest.fixture()
def small(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def run(*args: str):
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


def new_ids(new_path: str) -> list[str]:
    from amendtrack.parse.edition import parse_file

    return [p.id for p in parse_file(new_path).positions]


def test_small_case_exact_text_and_exit_1(small: tuple[str, str]) -> None:
    old, new = small
    result = run(old, new)
    first, second = new_ids(new)
    assert result.exit_code == 1
    assert result.stdout == EXPECTED_TEXT.format(old=old, new=new, first=first, second=second)
    assert result.stderr == ""


def test_same_file_exits_0(small: tuple[str, str]) -> None:
    old, _ = small
    result = run(old, old)
    assert result.exit_code == 0
    assert result.stdout == (
        f"old: {old}  (act No. 1 of 2014-04-09, in force, 2 positions)\n"
        f"new: {old}  (act No. 1 of 2014-04-09, in force, 2 positions)\n"
        "\n"
        "positions: 0 added, 0 removed, 0 changed, 0 repealed, 2 unchanged\n"
        "no substantive differences\n"
    )


def test_json_output(small: tuple[str, str]) -> None:
    old, new = small
    result = run(old, new, "--format", "json")
    assert result.exit_code == 1
    d = json.loads(result.stdout)
    assert d["schema"] == "amendtrack/diff@1"
    assert [p["status"] for p in d["positions"]] == ["changed", "changed"]
    kinds = [(c["field"], c["kind"], c["substantive"], c["small"]) for p in d["positions"] for c in p["changes"]]
    assert kinds == [
        ("education", "small", True, True),
        ("experience", "substantive", True, False),
        ("competence", "reordering", False, False),
        ("duties", "substantive", True, False),
    ]
    assert d["positions"][0]["changes"][1]["ops"] == [
        [0, "мемлекеттік қызмет өтілі "], [-1, "үш"], [1, "екі"], [0, " жылдан кем емес;"]]
    assert result.stdout == run(old, new, "--format", "json").stdout  # byte for byte


def test_bundled_pair_is_a_repeal_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run(ORIGINAL, PUBLISHED)
    assert result.exit_code == 1
    assert result.stdout == (
        f"old: {ORIGINAL}  (act No. 161 of 2014-04-09, in force, 152 positions)\n"
        "     the edition of 2014-04-09, the act as made: Order No. 161 of 2014-04-09; applies from unknown: "
        "between 2014-04-29 and 2015-11-27 (the corpus manifest)\n"
        f"new: {PUBLISHED}  (act No. 161 of 2014-04-09, repealed, 152 positions)\n"
        "     the edition of 2015-11-16, made by Order No. 927 of 2015-11-16; applies from unknown: on or after "
        "2015-11-16 (the corpus manifest)\n"
        "\n"
        "act repealed by Order No. 927 of 2015-11-16 (Казақстан Республикасы Ішкі істер министрінің бұйрығымен)\n"
        # What the publisher added to the text (lines 6, 9-10 and 11-12 of the published
        # file; `diff` of the two files shows exactly these three insertions before the annexes).
        "the order itself: 3 provisions changed\n"
        "  publisher's status line [status] added: {+Күшін жойған+}\n"
        "  publisher's repeal sentence [repeal] added: {+Күші жойылды - Казақстан Республикасы Ішкі істер "
        "министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен+}\n"
        "  publisher's note 1 [note_1] added: {+Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің "
        "16.11.2015 жылғы бұйрығымен.№ 927+}\n"
        "positions: 0 added, 0 removed, 0 changed, 152 repealed, 0 unchanged\n"
    )
    # Each file's parser warnings, in one line per file.
    assert result.stderr.count("\n") == 2
    assert result.stderr.startswith(f"warning: {ORIGINAL}:1370: ")


def test_output_file_is_written(small: tuple[str, str], tmp_path: Path) -> None:
    old, new = small
    target = tmp_path / "diff.json"
    result = run(old, new, "--format", "json", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["changed"] == 2


def test_failed_write_is_one_line_and_exit_2(small: tuple[str, str], tmp_path: Path) -> None:
    old, new = small
    target = tmp_path / "missing-folder" / "diff.json"
    result = run(old, new, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target}: cannot write: No such file or directory\n"
    assert not target.parent.exists()


def test_missing_input_is_exit_2(small: tuple[str, str], tmp_path: Path) -> None:
    old, _ = small
    missing = str(tmp_path / "nope.txt")
    result = run(old, missing)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {missing}: no such file\n"
    assert result.stdout == ""


def test_threshold_is_validated(small: tuple[str, str]) -> None:
    old, new = small
    result = run(old, new, "--threshold", "1.5")
    assert result.exit_code == 2
    assert "similarity threshold must be greater than 0 and at most 1" in result.stderr
    help_text = CliRunner().invoke(cli, ["diff", "--help"]).stdout
    assert f"[default: {DEFAULT_THRESHOLD}]" in " ".join(help_text.split())


def test_html_output(small: tuple[str, str], tmp_path: Path) -> None:
    old, new = small
    target = tmp_path / "diff.html"
    result = run(old, new, "--format", "html", "-o", str(target))
    assert result.exit_code == 1
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "тексеру" in html


def test_html_not_available_is_exit_2(small: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = small
    monkeypatch.setitem(sys.modules, "amendtrack.report", types.ModuleType("amendtrack.report"))
    result = run(old, new, "--format", "html")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: HTML output is not available yet")
    assert result.stdout == ""


def test_colour_redline_for_terminals(small: tuple[str, str]) -> None:
    from amendtrack.compare.differ import compare_files
    from amendtrack.formats.redline_text import render_comparison_text

    old, new = small
    c = compare_files(old, new)
    coloured = render_comparison_text(c, color=True)
    assert "\x1b[31;9mүш\x1b[0m\x1b[32;4mекі\x1b[0m" in coloured
    assert "[-" not in coloured and "{+" not in coloured
    plain = render_comparison_text(c)
    assert "\x1b[" not in plain


def test_compact_redline_cuts_long_unchanged_text_at_spaces() -> None:
    from amendtrack.compare.span_text import compact_ops, render_ops_marked
    from amendtrack.compare.textdiff import Op

    before = " ".join(f"сөз{k}" for k in range(30))
    after = " ".join(f"соңы{k}" for k in range(30))
    ops = ((Op.EQUAL, before + " "), (Op.DELETE, "үш"), (Op.INSERT, "екі"), (Op.EQUAL, " " + after))
    shown = render_ops_marked(compact_ops(ops, context=20))
    # At most 20 characters of each side, cut at a space: never inside a word.
    assert shown == "…сөз27 сөз28 сөз29 [-үш-]{+екі+} соңы0 соңы1 соңы2…"
