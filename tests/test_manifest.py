"""The corpus manifest: the real one, and every way a manifest can be wrong."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from amendtrack.dates import TEN_DAYS_AFTER_PUBLICATION, LegalDate
from amendtrack.errors import InputError
from amendtrack.history.corpus import load_edition
from amendtrack.history.manifest import Manifest, load_manifest
from amendtrack.normalize import join_lines
from amendtrack.parse.notes import AmendmentEvent, parse_note

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "corpus" / "manifest.toml"


@pytest.fixture(scope="module")
def corpus() -> Manifest:
    return load_manifest(MANIFEST)


# ---------------------------------------------------------------- the real manifest


def test_real_manifest_loads_and_its_hashes_hold(corpus: Manifest) -> None:
    for expression in corpus.work("V1400009344").expressions:
        load_edition(corpus.resolve(expression), expression.sha256, store=None)
    assert [w.slug for w in corpus.works] == ["V1400009344"]
    assert [e.file for e in corpus.work("V1400009344").expressions] == [
        "V1400009344/kk/2014-04-09.txt",
        "V1400009344/kk/2015-11-16.txt",
    ]


def test_work_facts(corpus: Manifest) -> None:
    work = corpus.work("V1400009344")
    assert (work.code, work.number, work.date) == ("V1400009344", "161", date(2014, 4, 9))
    assert (work.registration_number, work.registration_date) == ("9344", date(2014, 4, 18))
    assert work.languages == ("kk",)
    assert work.issuer == "Қазақстан Республикасы Төтенше жағдайлар министрі"


def test_work_facts_are_printed_in_the_text(corpus: Manifest) -> None:
    """The manifest states nothing about the act that its header does not print."""
    work = corpus.work("V1400009344")
    lines = corpus.resolve(work.expressions[1]).read_text(encoding="utf-8").split("\n")
    assert join_lines(lines[1:4]) == work.title("kk")
    header = join_lines(lines[6:9])
    assert "Төтенше жағдайлар министрінің 2014 жылғы 9 сәуірдегі № 161 бұйрығы." in header
    assert "2014 жылы 18 сәуірде № 9344 тіркелді." in header
    # The signature (lines 47-48, the first letter-spaced) names the issuer in the nominative.
    assert join_lines(lines[46:48]).startswith(work.issuer)


def test_editions(corpus: Manifest) -> None:
    original, repealed = corpus.work("V1400009344").editions("kk")
    assert (original.date, original.status, original.derived_from) == (
        date(2014, 4, 9), "in_force", "V1400009344/kk/2015-11-16.txt",
    )
    assert original.produced_by.number == "161"
    assert (repealed.date, repealed.status, repealed.derived_from) == (date(2015, 11, 16), "repealed", None)


def test_applicability_dates_stay_unknown(corpus: Manifest) -> None:
    original, repealed = corpus.work("V1400009344").editions("kk")
    assert not original.applies_from.is_known
    assert (original.applies_from.not_before, original.applies_from.lower_exclusive) == (date(2014, 4, 18), True)
    assert original.applies_from.rule == TEN_DAYS_AFTER_PUBLICATION
    assert original.applies_from.describe().startswith(
        "unknown (after 2014-04-18; rule: ten calendar days after first official publication; basis: "
    )
    assert not repealed.applies_from.is_known
    assert (repealed.applies_from.not_before, repealed.applies_from.lower_exclusive) == (date(2015, 11, 16), False)
    assert repealed.applies_from.rule is None


def test_repealing_act_matches_the_note_in_the_text(corpus: Manifest) -> None:
    repealed = corpus.work("V1400009344").editions("kk")[1]
    lines = corpus.resolve(repealed).read_text(encoding="utf-8").split("\n")
    note = parse_note("\n".join(lines[10:12]))  # the Ескерту note, lines 11-12
    assert isinstance(note, AmendmentEvent) and note.action == "repealed"
    assert (note.citing_act.number, note.citing_act.date) == (repealed.produced_by.number, repealed.produced_by.date)
    assert note.citing_act.kind == repealed.produced_by.kind == "order"


def test_which_edition_applies_on_a_date(corpus: Manifest) -> None:
    work = corpus.work("V1400009344")
    original, repealed = work.editions("kk")
    assert work.editions_on("kk", date(2014, 4, 18)) == ()  # before the order could take effect
    assert work.editions_on("kk", date(2015, 6, 1)) == (original,)
    # From 16.11.2015 the repeal may or may not have taken effect: both remain.
    assert work.editions_on("kk", date(2015, 11, 16)) == (original, repealed)
    assert work.editions_on("ru", date(2015, 6, 1)) == ()


def test_to_dict(corpus: Manifest) -> None:
    data = corpus.work("V1400009344").to_dict()
    assert data["registration"] == {"number": "9344", "date": "2014-04-18"}
    first = data["expressions"][0]  # type: ignore[index]
    assert first["produced_by"] == {
        "issuer": "Қазақстан Республикасы Төтенше жағдайлар министрі", "type": "бұйрық",
        "number": "161", "date": "2014-04-09",
    }
    assert first["applies_from"]["not_before"] == "2014-04-18"


# ---------------------------------------------------------------- faults

TEXT = "Мәтін.\n"
SHA = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


def expression(file: str, day: str, extra: str = "") -> str:
    return f"""
[[work.expression]]
file = "{file}"
sha256 = "{SHA}"
language = "kk"
status = "in_force"
produced_by = {{ issuer = "Министр", type = "бұйрық", number = "1", date = {day} }}
applies_from = {{ on_or_after = {day} }}
{extra}"""


def manifest_text(expressions: str | None = None, work_extra: str = "", top: str = "format = 1") -> str:
    if expressions is None:
        expressions = expression("W1/kk/2020-01-01.txt", "2020-01-01")
    return f"""{top}

[[work]]
slug = "W1"
code = "V2000000001"
issuer = "Министр"
act_type = "бұйрық"
number = "1"
date = 2020-01-01
registration = {{ number = "1", date = 2020-01-05 }}
languages = ["kk"]
title = {{ kk = "Атауы" }}
{work_extra}
{expressions}"""


def write(tmp_path: Path, text: str, files: tuple[str, ...] = ("W1/kk/2020-01-01.txt",)) -> Path:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    path = tmp_path / "manifest.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_manifest(path)
    assert info.value.path == str(path)
    return info.value.problem


def test_minimal_manifest_is_valid(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path, manifest_text()))
    (edition,) = manifest.works[0].expressions
    assert edition.applies_from == LegalDate.unknown(on_or_after=date(2020, 1, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (manifest_text(top="format = 1\ncolour = 2"), "unknown key(s) colour"),
        (manifest_text(work_extra="publisher = 'x'"), "work[0]: unknown key(s) publisher"),
        (manifest_text(expression("W1/kk/2020-01-01.txt", "2020-01-01", "note = 'x'")),
         "work[0].expression[0]: unknown key(s) note"),
        (manifest_text(expression("W1/kk/2020-01-01.txt", "2020-01-01").replace("on_or_after", "since")),
         "work[0].expression[0].applies_from: unknown key(s) since"),
        (manifest_text(top="format = 2"), "format: unsupported format 2"),
        (manifest_text(top=""), "missing key(s) format"),
        (manifest_text().replace("date = 2020-01-01\n", "date = '2020-01-01'\n", 1),
         "work[0].date: expected a TOML date such as 2014-04-09 (no quotes)"),
        (manifest_text().replace('status = "in_force"', 'status = "active"'),
         "work[0].expression[0].status: expected one of in_force, repealed, got 'active'"),
        (manifest_text().replace('language = "kk"', 'language = "ru"'),
         "work[0].expression[0].language: 'ru' is not among the work's languages ['kk']"),
        (manifest_text().replace(SHA, SHA.upper()), "work[0].expression[0].sha256: expected 64 lower-case hex digits"),
        (manifest_text(expression("../W1/kk/2020-01-01.txt", "2020-01-01")), "no '..'"),
        (manifest_text(expression("W2/kk/2020-01-01.txt", "2020-01-01")), "is not under the work's directory 'W1'"),
        (manifest_text(expression("W1/kk/2020-01-01.txt", "2020-01-01", 'derived_from = "W1/kk/x.txt"')),
         "work[0].expression[0].derived_from: 'W1/kk/x.txt' is not another edition of this work"),
        (manifest_text().replace("on_or_after = 2020-01-01", "on = 2020-01-01, after = 2019-01-01"),
         "a known date ('on') takes no bounds"),
        (manifest_text().replace("on_or_after = 2020-01-01", "after = 2020-01-01, before = 2020-01-01"),
         "the bounds of a LegalDate leave no possible day"),
        (manifest_text().replace('title = { kk = "Атауы" }', 'title = { ru = "Название" }'),
         "work[0].title: unknown key(s) ru"),
        (manifest_text().replace('languages = ["kk"]', "languages = []"), "work[0].languages: expected a non-empty list"),
        ("format = 1\nwork = [", "not valid TOML"),
    ],
)
def test_invalid_manifests(tmp_path: Path, text: str, message: str) -> None:
    assert message in problem(write(tmp_path, text))


def test_duplicate_edition_dates(tmp_path: Path) -> None:
    text = manifest_text(
        expression("W1/kk/2020-01-01.txt", "2020-01-01") + expression("W1/kk/2020-01-01b.txt", "2020-01-01")
    )
    path = write(tmp_path, text, ("W1/kk/2020-01-01.txt", "W1/kk/2020-01-01b.txt"))
    assert problem(path) == "work[0].expression: duplicate edition (language, date) kk 2020-01-01"


def test_same_date_in_two_languages_is_fine(tmp_path: Path) -> None:
    text = manifest_text(
        expression("W1/kk/2020-01-01.txt", "2020-01-01")
        + expression("W1/ru/2020-01-01.txt", "2020-01-01").replace('language = "kk"', 'language = "ru"')
    ).replace('languages = ["kk"]', 'languages = ["kk", "ru"]').replace(
        'title = { kk = "Атауы" }', 'title = { kk = "Атауы", ru = "Название" }'
    )
    manifest = load_manifest(write(tmp_path, text, ("W1/kk/2020-01-01.txt", "W1/ru/2020-01-01.txt")))
    assert [e.language for e in manifest.works[0].expressions] == ["kk", "ru"]


def test_duplicate_work_slug(tmp_path: Path) -> None:
    single = manifest_text()
    work = single[single.index("[[work]]") :]
    text = single + "\n" + work.replace("W1/kk/2020-01-01.txt", "W1/kk/2020-02-01.txt")
    path = write(tmp_path, text, ("W1/kk/2020-01-01.txt", "W1/kk/2020-02-01.txt"))
    assert problem(path) == "work: duplicate slug 'W1'"


def test_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path, manifest_text(), files=())
    assert problem(path) == f"W1/kk/2020-01-01.txt: file not found (relative to {tmp_path})"


def test_missing_manifest(tmp_path: Path) -> None:
    assert problem(tmp_path / "manifest.toml").startswith("cannot read manifest")


def test_sha256_mismatch(tmp_path: Path) -> None:
    path = write(tmp_path, manifest_text())
    manifest = load_manifest(path)  # loading does not read the files' contents
    changed = tmp_path / "W1" / "kk" / "2020-01-01.txt"
    changed.write_text("Мәтін өзгерді.\n", encoding="utf-8")
    (expression,) = manifest.works[0].expressions
    with pytest.raises(InputError) as info:
        load_edition(manifest.resolve(expression), expression.sha256, store=None, manifest_path=str(path))
    assert info.value.path == str(changed)
    actual = hashlib.sha256("Мәтін өзгерді.\n".encode("utf-8")).hexdigest()
    assert info.value.problem == (
        f"sha256 mismatch: manifest {path} records {SHA}, file has {actual} (the file changed since it was recorded)"
    )
