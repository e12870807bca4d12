"""Word documents without Word: the redline's tracked changes resolved by our own XML reader,
the export round trip, .docx editions read like text ones, and hostile packages refused.

LibreOffice's view of the same documents is in test_word_libreoffice.py.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from amendtrack.cli import cli
from amendtrack.compare.differ import compare_files
from amendtrack.compare.textdiff import change_kind
from amendtrack.history.provenance import provenance_of
from amendtrack.parse.edition import parse_file
from amendtrack.parse.vocabulary import LABELS, TABLE_HEADER
from amendtrack.word.documents import edition_docx, edition_text, redline_document
from amendtrack.word.layout import edition_blocks, resolve, text_lines
from amendtrack.word.reader import read_docx
from tests.support.generate import AMENDMENTS, generate_edition

REPO = Path(__file__).resolve().parent.parent
OLD = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
NEW = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
RU = REPO / "tests" / "fixtures" / "ru_edition.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _content(edition):
    """What an edition says, without where its lines stood: positions, units, the act's text."""
    positions = [(p.id, p.title, p.printed_title, p.category, p.requirements, p.annex,
                  p.unit and (p.unit.number, p.unit.name), p.subunit and p.subunit.name) for p in edition.positions]
    act = edition.act
    header = (act.title, act.issuer, act.act_type, act.number, act.date, act.registration, act.status,
              act.status_text, act.repeal_text, act.notes)
    preamble = [(p.number, p.text) for p in edition.preamble]
    annexes = [(a.number, a.marker, a.reference, a.title) for a in edition.annexes]
    other = [(b.role, b.text) for b in edition.other_text]
    return positions, header, preamble, annexes, other


def amended_text() -> str:
    """A generated amendment of the 2014 edition: every kind of amendment, twice."""
    old = parse_file(str(OLD))
    return generate_edition(old, OLD.read_text(encoding="utf-8"), random.Random(6), AMENDMENTS * 2).text


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("amended") / "amended.txt"
    path.write_text(amended_text(), encoding="utf-8")
    return path


def _redline(old: Path, new: Path):
    comparison = compare_files(str(old), str(new))
    doc = redline_document(comparison, provenance_of(comparison.old), provenance_of(comparison.new))
    return comparison, doc


def _is_layout_line(old_line: str) -> bool:
    """A row label or the table header: printed wording of the layout, not of the law."""
    return bool(TABLE_HEADER.match(old_line) or any(p.whole.match(old_line) for p in LABELS))


def _check_accept_reject(comparison, doc) -> int:
    """Accept all → NEW's layout exactly; reject all → OLD's, except non-substantive lines; returns those."""
    new_lines = text_lines(edition_blocks(comparison.new))
    old_lines = text_lines(edition_blocks(comparison.old))
    skip = len(text_lines(doc.summary)) + 2  # the summary page and its page break
    accepted = read_docx(doc.data, "redline.docx", accept=True)
    rejected = read_docx(doc.data, "redline.docx", accept=False)
    # Our model and the XML we wrote agree, and both give the editions' texts.
    assert text_lines(resolve(doc.redline.blocks, accept=True)) == new_lines
    assert list(accepted.lines[skip:]) == new_lines
    rejected_lines = list(rejected.lines[skip:])
    assert text_lines(resolve(doc.redline.blocks, accept=False)) == rejected_lines
    assert len(rejected_lines) == len(old_lines)
    kept_new = [(a, b) for a, b in zip(rejected_lines, old_lines) if a != b]
    for shown, old in kept_new:
        assert change_kind(old, shown) in ("editorial", "reordering") or _is_layout_line(old), (old, shown)
    return len(kept_new)


def test_repeal_redline_tracks_the_repeal_and_resolves_to_both_editions():
    comparison, doc = _redline(OLD, NEW)
    assert _check_accept_reject(comparison, doc) == 0  # reject all gives the 2014 edition exactly
    xml = zipfile.ZipFile(io.BytesIO(doc.data)).read("word/document.xml").decode()
    # The status line, the repeal sentence added to the header, the note: read in the 2015 text.
    inserted = re.findall(r'<w:ins [^>]*><w:r><w:t xml:space="preserve">([^<]*)</w:t>', xml)
    assert inserted == [
        "Күшін жойған",
        " Күші жойылды - Казақстан Республикасы Ішкі істер министрінің 2015 жылғы 16 қарашадағы № 927 бұйрығымен",
        "Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015 жылғы бұйрығымен.№ 927",
    ]
    authors = set(re.findall(r'w:author="([^"]*)"', xml))
    dates = set(re.findall(r'w:date="([^"]*)"', xml))
    assert authors == {"Order No. 927 of 2015-11-16"}
    assert dates == {"2015-11-16T00:00:00Z"}
    # 3 inserted texts, 2 inserted paragraph marks, and the header sentence's style kept on rejection.
    assert (xml.count("<w:ins "), xml.count("<w:del "), xml.count("<w:pPrChange ")) == (5, 0, 1)
    assert doc.tracked_changes == 6


def test_generated_amendment_redline(amended: Path):
    comparison, doc = _redline(OLD, amended)
    # Two reorderings (generated "reorder" amendments) stay as NEW prints them; the
    # other lines reject back to OLD except labels printed in another wording.
    kept = _check_accept_reject(comparison, doc)
    reorderings = [c for e in comparison.positions for c in getattr(e, "changes", ()) if c.kind == "reordering"]
    assert len(reorderings) == 2 and kept >= 2
    package = zipfile.ZipFile(io.BytesIO(doc.data))
    comments = re.findall(r"<w:t xml:space=\"preserve\">([^<]*)</w:t>", package.read("word/comments.xml").decode())
    assert doc.redline.moved == 2  # both "move" amendments put the position out of order
    assert sum("Moved from annex" in c for c in comments) == 2
    assert sum(c.startswith("Renamed") for c in comments) == 2
    # The unknown date of a text-only edition's act stays unknown: the author is the act the text names.
    assert doc.revision.author.startswith("Order No. 161")


def test_no_invented_date_when_the_act_is_unknown(tmp_path):
    from amendtrack.history.provenance import Provenance
    from amendtrack.word.documents import UNKNOWN_AUTHOR, revision_of

    rev = revision_of(Provenance(date=None, produced_by=None, applies_from=None, source="text"))
    assert (rev.author, rev.date) == (UNKNOWN_AUTHOR, None)


def test_redline_is_deterministic():
    _, a = _redline(OLD, NEW)
    _, b = _redline(OLD, NEW)
    assert a.data == b.data


@pytest.mark.parametrize("source", [OLD, NEW, RU], ids=["kk-2014", "kk-2015", "ru"])
def test_export_docx_parses_back_to_the_same_edition(source: Path, tmp_path: Path):
    edition = parse_file(str(source))
    docx = tmp_path / "edition.docx"
    docx.write_bytes(edition_docx(edition))
    txt = tmp_path / "edition.txt"
    txt.write_text(edition_text(edition), encoding="utf-8")
    assert _content(parse_file(str(docx))) == _content(edition)
    assert _content(parse_file(str(txt))) == _content(edition)
    # The layout: every position is a two-column table headed like the printed order.
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == len(edition.positions)
    assert "<w:ins " not in xml and "<w:del " not in xml


def test_cli_diff_docx_and_export(tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "repeal.docx"
    result = runner.invoke(cli, ["diff", str(OLD), str(NEW), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert zipfile.ZipFile(out).testzip() is None
    result = runner.invoke(cli, ["diff", str(OLD), str(NEW), "--format", "docx"])
    assert result.exit_code == 2
    assert result.output == "Error: --format docx writes a Word document: give the file with -o FILE.docx\n"
    exported = tmp_path / "2015.docx"
    result = runner.invoke(cli, ["export", str(NEW), "--format", "docx", "-o", str(exported)])
    assert result.exit_code == 0
    # A .docx edition goes wherever a text one does: diff against its own text finds nothing.
    result = runner.invoke(cli, ["diff", str(NEW), str(exported)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["parse", str(exported), "--format", "json"])
    assert result.exit_code == 0 and '"positions"' in result.output


# ---------------------------------------------------------------- reading Word documents


def _docx(body: str, extra: dict[str, bytes] | None = None, content_types: bytes | None = None) -> bytes:
    types = content_types or (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>')
    doc = (f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("word/document.xml", doc)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_reader_turns_tables_and_tracked_changes_into_lines():
    row = lambda a, b: f"<w:tr><w:tc>{_p(a)}</w:tc><w:tc>{b}</w:tc></w:tr>"  # noqa: E731
    body = (_p("Сарапшы, С-5 санаты")
            + "<w:tbl>" + row("Өлшемшарттар", _p("Талаптар")) + row("Білімі", _p("Жоғары"))
            + row("Кәсіби құзыреттілігі",
                  '<w:p><w:r><w:t>Заңдарын</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText> ескі</w:delText>'
                  '</w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t> жаңа</w:t></w:r></w:ins></w:p>')
            + "</w:tbl>")
    word = read_docx(_docx(body), "t.docx")
    assert word.lines == ("Сарапшы, С-5 санаты", "", "Өлшемшарттар Талаптар", "", "Білімі", "Жоғары", "",
                          "Кәсіби құзыреттілігі", "Заңдарын жаңа", "")
    assert word.tracked_changes == 2
    rejected = read_docx(_docx(body), "t.docx", accept=False)
    assert "Заңдарын ескі" in rejected.lines


def test_tracked_changes_in_an_input_are_accepted_with_a_warning(tmp_path: Path):
    edition = parse_file(str(NEW))
    data = edition_docx(edition)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # Mark the first position's education as a tracked insertion of one word.
    first = edition.positions[0].requirements.education
    assert xml.count(first) >= 1
    marked = xml.replace(f'<w:t xml:space="preserve">{first}</w:t></w:r>',
                         f'<w:t xml:space="preserve">{first}</w:t></w:r><w:ins w:id="9" w:author="a"><w:r>'
                         f'<w:t xml:space="preserve"> жаңа</w:t></w:r></w:ins>', 1)
    path = tmp_path / "tracked.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, marked if name == "word/document.xml" else src.read(name))
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0
    assert f"warning: {path}:1: the Word document holds 1 tracked change(s); they were read as accepted" \
        in result.stderr
    assert parse_file(str(path)).positions[0].requirements.education == first + " жаңа"


# ---------------------------------------------------------------- hostile packages


def _encrypted(data: bytes) -> bytes:
    """`data` with the zip "encrypted" flag set on every entry (local and central headers)."""
    raw = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := raw.find(sig, start)) >= 0:
            raw[i + offset] |= 1
            start = i + 4
    return bytes(raw)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", b"\0" * (101 * 1024 * 1024))
    return buffer.getvalue()


def _many() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for k in range(1001):
            z.writestr(f"word/media/{k}.bin", b"")
    return buffer.getvalue()


def _xxe() -> bytes:
    doc = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    good = _docx(_p("x"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, doc if name == "word/document.xml" else src.read(name))
    return buffer.getvalue()


HOSTILE = {
    "bomb": ("bomb.docx", _bomb,
             "unpacks to 105906184 bytes (more than 104857600); refused as a likely zip bomb"),  # 101 MiB + 8
    "entries": ("entries.docx", _many,
                "is a zip archive with 1001 entries (more than 1000); refused as a likely zip bomb, "
                "not a Word document"),
    "traversal": ("traversal.docx", lambda: _docx(_p("x"), {"../../evil.xml": b"<x/>"}),
                  "holds an entry named '../../evil.xml' that points outside the package; refused "
                  "(no Word document has one)"),
    "xxe": ("xxe.docx", _xxe, "has a DOCTYPE in word/document.xml; refused as unsafe (Word never writes one)"),
    "encrypted": ("encrypted.docx", lambda: _encrypted(_docx(_p("x"))),
                  "is an encrypted zip archive; save the document without a password"),
    "docm": ("macro.docm", lambda: _docx(_p("x"), {"word/vbaProject.bin": b"\0"}),
             "is a macro-enabled Word document (.docm); save it as .docx (macros are refused)"),
    "not-word": ("sheet.docx", lambda: _docx(_p("x"), content_types=b"<Types/>"),
                 "is a zip archive but not a Word document ([Content_Types].xml declares no "
                 "word/document.xml main part)"),
    "broken": ("broken.docx", lambda: _docx(_p("x"))[:200],
               "is a damaged zip archive; it cannot be read as a Word document"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["parse", "diff"])
def test_hostile_docx_is_refused_in_one_line(case: str, command: str, tmp_path: Path):
    name, make, message = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(make())
    args = ["parse", str(path)] if command == "parse" else ["diff", str(NEW), str(path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: {message}\n"
