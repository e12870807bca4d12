"""Tests of amendtrack.read: every bad input gets one clear line, every good encoding the same text.

The bad inputs are one table, `BAD_INPUTS`, so that ``docs/bad-input.md`` can be
checked against what the code really says: `test_docs_table_is_current` fails
when a message changes and the doc does not.  Regenerate the doc's table with
``python3 -m tests.test_reading --write-docs``.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import os
import stat
import sys
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from amendtrack.errors import InputError
from amendtrack.normalize import normalize_source
from amendtrack.read import files as reading_files
from amendtrack.read import sniff
from amendtrack.read.encoding import detect_encoding
from amendtrack.read.files import DEFAULT_MAX_BYTES
from amendtrack.read.sniff import sniff_kind
from amendtrack.read.text import DecodedText, decode_edition, read_text
from amendtrack.write import write_atomic, write_many_atomic

REPO = Path(__file__).parent.parent
SEED = REPO / "corpus/V1400009344/kk/2015-11-16.txt"
DOC = REPO / "docs/bad-input.md"
SEED_TEXT = SEED.read_text(encoding="utf-8")
CLEAN = normalize_source(SEED_TEXT)

# A Russian sample for Windows-1251, which cannot hold the Kazakh letters of the seed.
# It is the Russian text of the seed's order (preamble and one position), typed in.
RUSSIAN = """\
Об утверждении квалификационных требований к административным государственным
должностям корпуса «Б» Министерства по чрезвычайным ситуациям Республики Казахстан

Приказ Министра по чрезвычайным ситуациям Республики Казахстан от 9 апреля 2014 года
№ 161. Зарегистрирован в Министерстве юстиции Республики Казахстан 18 апреля 2014 года
№ 9344. Утратил силу приказом Министра внутренних дел Республики Казахстан от 16 ноября
2015 года № 927.

      В соответствии с пунктом 5 статьи 13 Закона Республики Казахстан от 23 июля 1999 года
«О государственной службе» ПРИКАЗЫВАЮ:
      1. Утвердить прилагаемые квалификационные требования к административным
государственным должностям корпуса «Б» Министерства по чрезвычайным ситуациям.
      2. Контроль за исполнением настоящего приказа возложить на ответственного секретаря.

Директор департамента, категория С-1, № 01-1-1
      Образование: высшее образование в области социальных наук, экономики и бизнеса
(экономика, менеджмент, юриспруденция) — или гуманитарных наук.
      Опыт работы: не менее четырех лет стажа государственной службы; ёмкость, съезд, подъём.
"""
RUSSIAN_CLEAN = normalize_source(RUSSIAN)


def _line_of_first_non_ascii(text: str) -> int:
    index = next(i for i, ch in enumerate(text) if ch >= "\x80")
    return text[:index].count("\n") + 1


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ============================================================ good input: every variant, same text


def _variants() -> dict[str, tuple[bytes, str, str]]:
    """name → (bytes, expected text, expected encoding)."""
    nfd = unicodedata.normalize("NFD", SEED_TEXT)
    assert nfd != SEED_TEXT  # й and ё decompose, so the NFD variant really differs
    return {
        "utf-8": (SEED_TEXT.encode("utf-8"), CLEAN, "utf-8"),
        "utf-8 with BOM": (SEED_TEXT.encode("utf-8-sig"), CLEAN, "utf-8-sig"),
        "utf-16 LE with BOM": (b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"), CLEAN, "utf-16-le"),
        "utf-16 BE with BOM": (b"\xfe\xff" + SEED_TEXT.encode("utf-16-be"), CLEAN, "utf-16-be"),
        "utf-32 LE with BOM": (b"\xff\xfe\x00\x00" + SEED_TEXT.encode("utf-32-le"), CLEAN, "utf-32-le"),
        "kz1048": (SEED_TEXT.encode("kz1048"), CLEAN, "kz1048"),
        "ptcp154": (SEED_TEXT.encode("ptcp154"), CLEAN, "ptcp154"),
        "kz1048 with CRLF": (SEED_TEXT.replace("\n", "\r\n").encode("kz1048"), CLEAN, "kz1048"),
        "ptcp154 with NBSP": (SEED_TEXT.replace(" ", "\u00a0").encode("ptcp154"), CLEAN, "ptcp154"),
        "CRLF": (SEED_TEXT.replace("\n", "\r\n").encode(), CLEAN, "utf-8"),
        "CR only": (SEED_TEXT.replace("\n", "\r").encode(), CLEAN, "utf-8"),
        "NBSP for every space": (SEED_TEXT.replace(" ", "\u00a0").encode(), CLEAN, "utf-8"),
        "tab for every space": (SEED_TEXT.replace(" ", "\t").encode(), CLEAN, "utf-8"),
        "NFD": (nfd.encode(), CLEAN, "utf-8"),
        "BOM + CRLF + NBSP + NFD": (
            unicodedata.normalize("NFD", SEED_TEXT)
            .replace("\n", "\r\n")
            .replace(" ", "\u00a0")
            .encode("utf-8-sig"),
            CLEAN,
            "utf-8-sig",
        ),
        "trailing blank lines and spaces": ((SEED_TEXT + " \n\n  \n").encode(), CLEAN, "utf-8"),
        "russian utf-8": (RUSSIAN.encode(), RUSSIAN_CLEAN, "utf-8"),
        "russian cp1251": (RUSSIAN.encode("cp1251"), RUSSIAN_CLEAN, "cp1251"),
        "russian cp1251 CRLF": (RUSSIAN.replace("\n", "\r\n").encode("cp1251"), RUSSIAN_CLEAN, "cp1251"),
        # Russian letters sit at the same bytes in all three code pages, so the text
        # is the same whichever is picked; the tie goes to the commonest, cp1251.
        "russian kz1048": (RUSSIAN.encode("kz1048"), RUSSIAN_CLEAN, "cp1251"),
        "russian ptcp154": (RUSSIAN.encode("ptcp154"), RUSSIAN_CLEAN, "cp1251"),
        "ascii only": (b"Order No 161\r\n", "Order No 161\n", "utf-8"),
    }


VARIANTS = _variants()


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_variant_reads_to_the_same_text(tmp_path: Path, name: str) -> None:
    data, expected, encoding = VARIANTS[name]
    path = _write(tmp_path, "edition.txt", data)
    result = read_text(path)
    assert result.encoding == encoding
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.path == str(path)
    assert result.text == expected


def test_seed_reads_clean_and_keeps_its_line_count() -> None:
    result = read_text(SEED)
    assert result.text == CLEAN
    assert result.encoding == "utf-8"
    assert result.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    # Same lines at the same numbers, so a message's line number points into the file.
    assert result.text.split("\n") == [line.rstrip(" ") for line in SEED_TEXT.split("\n")]


def test_str_and_pathlike_paths_both_work() -> None:
    assert read_text(str(SEED)) == read_text(SEED)


def test_decoded_text_is_frozen() -> None:
    result: DecodedText = decode_edition(b"x\n", "mem")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    "given, data, used",
    [
        ("kz1048", SEED_TEXT.encode("kz1048"), "kz1048"),
        ("rk1048", SEED_TEXT.encode("kz1048"), "kz1048"),  # an alias: the result names the codec
        ("PTCP154", SEED_TEXT.encode("ptcp154"), "ptcp154"),
        ("windows-1251", RUSSIAN.encode("cp1251"), "cp1251"),
        ("utf-16-le", SEED_TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: NULs allowed when told
        ("utf-16", b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"), "utf-16"),
        ("utf-8", SEED_TEXT.encode("utf-8-sig"), "utf-8"),  # the BOM is dropped by normalize_source
    ],
)
def test_given_encoding_is_used(tmp_path: Path, given: str, data: bytes, used: str) -> None:
    result = read_text(_write(tmp_path, "edition.txt", data), encoding=given)
    assert result.encoding == used
    assert result.text == (RUSSIAN_CLEAN if given == "windows-1251" else CLEAN)


# ------------------------------------------------------------ detection on small pieces


def _windows(size: int, count: int) -> list[str]:
    step = (len(SEED_TEXT) - size) // count
    return [SEED_TEXT[i * step : i * step + size] for i in range(count)]


@pytest.mark.parametrize("codec", ["kz1048", "ptcp154"])
@pytest.mark.parametrize("size", [100, 1000])
def test_detection_on_short_kazakh_pieces(codec: str, size: int) -> None:
    # 100 characters is about one line and a half: shorter than any edition.
    for piece in _windows(size, 40):
        raw = piece.encode(codec)
        if raw.isascii():
            continue
        assert raw.decode(detect_encoding(raw) or "ascii") == piece, (codec, piece)


def test_vowel_harmony_tells_schwa_from_ghayn() -> None:
    # Only ә, қ and і: KZ-1048 would read ә's byte as ғ, and the letter counts tie.
    for word in ("және", "мәселелері", "әкімшілік"):
        raw = word.encode("ptcp154")
        assert detect_encoding(raw) == "ptcp154", word
    for word in ("ағым", "бағдарлама", "тағайындау"):
        raw = word.encode("kz1048")
        assert detect_encoding(raw) == "kz1048", word


def test_detection_is_fast_and_bounded_on_a_large_code_page_file(tmp_path: Path) -> None:
    copies = DEFAULT_MAX_BYTES // len(SEED_TEXT.encode("kz1048"))  # just under the limit
    path = _write(tmp_path, "big.txt", (SEED_TEXT + "\n").encode("kz1048") * copies)
    started = time.perf_counter()
    result = read_text(path)
    elapsed = time.perf_counter() - started
    assert result.encoding == "kz1048"
    assert elapsed < 10, f"reading {path.stat().st_size} bytes took {elapsed:.1f} s"


# ============================================================ bad input: one line each


@dataclasses.dataclass(frozen=True)
class Case:
    """One bad input: how to make it, what the user must see."""

    id: str
    what: str
    """The input, as the doc's first column says it."""
    make: Callable[[Path, pytest.MonkeyPatch], tuple[Path, dict[str, Any]]]
    expect: str
    """A part of the problem text that must be there."""
    line: int | None = None


def _file(
    name: str, data: bytes, **kwargs: Any
) -> Callable[[Path, pytest.MonkeyPatch], tuple[Path, dict[str, Any]]]:
    def make(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
        return _write(tmp, name, data), kwargs

    return make


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _missing(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    return tmp / "no-such-edition.txt", {}


def _directory(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    (tmp / "editions").mkdir()
    return tmp / "editions", {}


def _under_a_file(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    _write(tmp, "edition.txt", b"text\n")
    return tmp / "edition.txt" / "2015-11-16.txt", {}


def _fifo(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt", {}


def _denied(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    # Simulated, so it runs as root too; test_unreadable_file_for_real does it with chmod.
    path = _write(tmp, "locked.txt", SEED_TEXT.encode())

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(reading_files, "open", refuse, raising=False)
    return path, {}


def _huge(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    path = tmp / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    return path, {}


def _seed_damaged(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    raw = bytearray(SEED_TEXT.replace("\n", "\r\n").encode())
    first_letter = raw.index(b"\r\n1. ") + len(b"\r\n1. ")  # a CRLF file: lines must still count right
    assert raw[first_letter] >= 0xC0  # the lead byte of a Cyrillic letter
    raw[first_letter] = 0xFF
    return _write(tmp, "damaged.txt", bytes(raw)), {}


def _damaged_line() -> int:
    text = SEED_TEXT
    return text[: text.index("\n1. ") + 1].count("\n") + 1


def _nul_in_name(tmp: Path, _: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    return Path(str(tmp / "bad") + "\x00name.txt"), {}


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
ZIP = _zip({"2015-11-16.txt": SEED_TEXT.encode()})
KAZAKH_IN_CP1251_REPLACE = SEED_TEXT.encode("cp1251", errors="replace")
KAZAKH_IN_CP1251_IGNORE = SEED_TEXT.encode("cp1251", errors="ignore")
LOST_LINE = _line_of_first_non_ascii(SEED_TEXT)
CUT = SEED_TEXT.encode()[
    : SEED_TEXT.encode().rindex("қ".encode()) + 1
]  # the first of its two bytes  # the first Kazakh letter is "Қ" of "Қазақстан"

BAD_INPUTS: list[Case] = [
    Case("missing", "a path that does not exist", _missing, "no such file"),
    Case("directory", "a directory", _directory, "is a directory, expected an edition text file"),
    Case(
        "under-a-file", "a path through a file (`edition.txt/2015-11-16.txt`)", _under_a_file, "no such file"
    ),
    Case("fifo", "a named pipe (FIFO)", _fifo, "is not a regular file"),
    Case(
        "device",
        "a device (`/dev/null`)",
        lambda tmp, mp: (Path(os.devnull), {}),
        "is not a regular file",
    ),
    Case("nul-in-name", "a file name with a NUL character", _nul_in_name, "is not a valid file name"),
    Case(
        "permission",
        "a file without read permission (simulated; also tested with chmod 000 when not root)",
        _denied,
        "cannot be read: permission denied",
    ),
    Case(
        "too-large",
        "a 50 MB file (sparse; refused before reading)",
        _huge,
        "is 50.0 MB; an edition text is at most 10.0 MB",
    ),
    Case(
        "over-max-bytes",
        "the seed with `max_bytes=100_000`",
        lambda tmp, mp: (_write(tmp, "edition.txt", SEED_TEXT.encode()), {"max_bytes": 100_000}),
        "is 675.8 KB; an edition text is at most 97.7 KB",
    ),
    Case("empty", "an empty file (0 bytes)", _file("empty.txt", b""), "is empty (0 bytes)"),
    Case(
        "whitespace",
        "only spaces, tabs, NBSP and newlines",
        _file("blank.txt", " \t\r\n\u00a0\n \n".encode()),
        "is empty (it holds only whitespace)",
    ),
    Case(
        "bom-only",
        "only a UTF-8 byte-order mark",
        _file("bom.txt", b"\xef\xbb\xbf"),
        "is empty (it holds only whitespace)",
    ),
    Case(
        "pdf",
        "a PDF",
        _file("edition.pdf", PDF),
        "is a PDF file; extract its text first (for example with pdftotext)",
    ),
    Case("pdf-renamed", "a PDF renamed to `.txt`", _file("edition.txt", PDF), "is a PDF file"),
    Case("docx", "a .docx that is not a Word package (no main part declared)", _file("edition.docx", DOCX),
         "is a zip archive but not a Word document ([Content_Types].xml declares no word/document.xml main part)"),
    Case("odt", "an OpenDocument text (.odt)", _file("edition.odt", ODT), "is an OpenDocument text (.odt)"),
    Case("zip", "a ZIP archive holding the edition", _file("edition.zip", ZIP), "is a ZIP archive"),
    Case(
        "doc",
        "a Word 97-2003 document (.doc)",
        _file("edition.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        "is a Word or Excel 97-2003 document",
    ),
    Case(
        "rtf",
        "an RTF document",
        _file("edition.rtf", b"{\\rtf1\\ansi\\ansicpg1251 text}"),
        "is an RTF document",
    ),
    Case("png", "a PNG image", _file("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(20)), "is a PNG image"),
    Case("jpeg", "a JPEG image", _file("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "is a JPEG image"),
    Case("gif", "a GIF image", _file("scan.gif", b"GIF89a\x01\x00\x01\x00"), "is a GIF image"),
    Case(
        "gzip",
        "a gzip-compressed edition",
        _file("edition.txt.gz", gzip.compress(SEED_TEXT.encode(), mtime=0)),
        "is a gzip archive",
    ),
    Case(
        "nul-bytes",
        "binary data with NUL bytes",
        _file("data.bin", bytes(range(256)) * 8),
        "is a binary file (it contains NUL bytes)",
    ),
    Case(
        "nul-in-text",
        "UTF-8 text with one NUL byte in it",
        _file("edition.txt", SEED_TEXT.encode()[:5000] + b"\x00" + SEED_TEXT.encode()[5000:]),
        "is a binary file",
    ),
    Case(
        "utf16-no-bom",
        "UTF-16 LE without a byte-order mark",
        _file("edition.txt", SEED_TEXT.encode("utf-16-le")),
        "looks like UTF-16 text without a byte-order mark",
    ),
    Case(
        "html-doctype",
        "an HTML page (`<!DOCTYPE html>`)",
        _file("edition.html", b"<!DOCTYPE html>\n<html><body><p>\xd2\x9a</p></body></html>"),
        "looks like an HTML page; save the page as plain text, HTML editions are not read yet",
    ),
    Case(
        "html-tag",
        'an HTML page starting `<html lang="kk">` after blank lines',
        _file("edition.htm", b'\n\n  <HTML lang="kk">\n<head></head>'),
        "looks like an HTML page",
    ),
    Case(
        "html-comment",
        "an HTML page starting with a comment",
        _file("saved.html", b"<!-- saved from url=(0040)https://example.kz/ -->\n<html>"),
        "looks like an HTML page",
    ),
    Case(
        "html-body",
        "an HTML fragment with `<body>` near the start",
        _file("page.txt", b'<meta charset="utf-8">\n<title>V1400009344</title>\n<body>\n'),
        "looks like an HTML page",
    ),
    Case(
        "xhtml",
        "an XHTML page (`<?xml` then `<html`)",
        _file("page.xhtml", b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'),
        "looks like an HTML page",
    ),
    Case(
        "html-utf16",
        "an HTML page saved as UTF-16 with BOM",
        _file("page.htm", "\ufeff<!DOCTYPE html><html>".encode("utf-16-le")),
        "looks like an HTML page",
    ),
    Case(
        "xml",
        "an XML file",
        _file("edition.xml", b'<?xml version="1.0"?>\n<act id="V1400009344"/>'),
        "is an XML file",
    ),
    Case(
        "damaged-utf8",
        "the seed (UTF-8, CRLF) with one byte broken",
        _seed_damaged,
        "is UTF-8 text with an invalid byte 0xff at byte offset",
        line=_damaged_line(),
    ),
    Case(
        "truncated-utf8",
        "the seed (UTF-8) cut in the middle of its last қ",
        _file("cut.txt", CUT),
        "is UTF-8 text with an invalid byte 0xd2 at byte offset",
        line=CUT.count(b"\n") + 1,
    ),
    Case(
        "bom-then-invalid",
        "a UTF-8 byte-order mark, then Windows-1251 bytes",
        _file("mixed.txt", b"\xef\xbb\xbf" + RUSSIAN.encode("cp1251")),
        "cannot be decoded as utf-8-sig (the encoding its byte-order mark names): byte 0xce at byte offset 3",
        line=1,
    ),
    Case(
        "wrong-forced-utf8",
        'the seed in KZ-1048 read with `encoding="utf-8"`',
        _file("edition.txt", SEED_TEXT.encode("kz1048"), encoding="utf-8"),
        "cannot be decoded as utf-8 (the given encoding): byte 0x8d at byte offset 1 is not valid in it",
        line=_line_of_first_non_ascii(SEED_TEXT),
    ),
    Case(
        "wrong-forced-kz1048",
        'a file with byte 0x98 read with `encoding="kz1048"`',
        _file("edition.txt", "Қазақстан\nҳ\n".encode("ptcp154"), encoding="kz1048"),
        "cannot be decoded as kz1048 (the given encoding): byte 0x98 at byte offset 10",
        line=2,
    ),
    Case(
        "wrong-forced-cp1251",
        'the seed in KZ-1048 read with `encoding="cp1251"` (decodes, but to Serbian letters)',
        _file("edition.txt", SEED_TEXT.encode("kz1048"), encoding="cp1251"),
        "read as cp1251 (the given encoding) it is not Kazakh or Russian text: 9% of its non-ASCII",
    ),
    Case(
        "wrong-forced-utf16",
        'UTF-8 text read with `encoding="utf-16-le"`',
        _file("edition.txt", SEED_TEXT.encode()[:4000], encoding="utf-16-le"),
        "read as utf-16-le (the given encoding) it is not Kazakh or Russian text",
    ),
    Case(
        "unknown-encoding",
        '`encoding="kazakh"` (no such codec)',
        _file("edition.txt", b"text\n", encoding="kazakh"),
        "cannot be read as 'kazakh': no such encoding",
    ),
    Case(
        "bytes-codec",
        '`encoding="base64"` (not a text encoding)',
        _file("edition.txt", b"text\n", encoding="base64"),
        "cannot be read as 'base64': it is not a text encoding",
    ),
    Case(
        "unknown-code-page",
        "Russian text in DOS code page 866 (not a supported encoding)",
        _file("edition.txt", RUSSIAN.translate(str.maketrans("«»—", '""-')).encode("cp866")),
        "is not Kazakh or Russian text in UTF-8, UTF-16, Windows-1251, KZ-1048 or PTCP154",
    ),
    Case(
        "kazakh-in-cp1251-replace",
        "the Kazakh seed saved as Windows-1251, letters replaced by `?`",
        _file("edition.txt", KAZAKH_IN_CP1251_REPLACE),
        "has '?' in place of letters in",
        line=LOST_LINE,
    ),
    Case(
        "kazakh-in-cp1251-replace-utf8",
        "the same, then saved again as UTF-8",
        _file("edition.txt", KAZAKH_IN_CP1251_REPLACE.decode("cp1251").encode()),
        "has '?' in place of letters in",
        line=LOST_LINE,
    ),
    Case(
        "mojibake-kazakh",
        "the seed in UTF-8, read as Windows-1251 and saved again as UTF-8",
        _file("edition.txt", SEED_TEXT.encode().decode("cp1251", errors="replace").encode()),
        "is garbled: it is UTF-8 text that was read as Windows-1251 and saved again",
    ),
    Case(
        "mojibake-russian",
        "the Russian sample, the same way",
        _file("edition.txt", RUSSIAN.encode().decode("cp1251", errors="replace").encode()),
        "is garbled: it is UTF-8 text that was read as Windows-1251 and saved again",
    ),
    Case(
        "kazakh-in-cp1251-ignore",
        "the Kazakh seed saved as Windows-1251, letters dropped",
        _file("edition.txt", KAZAKH_IN_CP1251_IGNORE),
        "looks like Kazakh text without its letters ә ғ қ ң ө ұ ү һ",
    ),
]


def _run(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> InputError:
    path, kwargs = case.make(tmp, monkeypatch)
    with pytest.raises(InputError) as caught:
        read_text(path, **kwargs)
    return caught.value


def _shown(error: InputError, tmp: Path) -> str:
    """The line a user sees, with the temporary folder left out."""
    return error.one_line().replace(str(tmp) + os.sep, "")


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c.id for c in BAD_INPUTS])
def test_bad_input_gets_one_clear_line(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    error = _run(case, tmp_path, monkeypatch)
    assert case.expect in error.problem
    if case.line is not None:
        assert error.line == case.line
    line = error.one_line()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith(error.path) and error.path.isprintable()
    # No chained exception, so nothing can print "During handling of ... another exception".
    assert error.__cause__ is None
    assert error.__suppress_context__ or error.__context__ is None


def test_every_kind_sniff_kind_can_return_has_a_message() -> None:
    kinds = {kind for _, kind in sniff._MAGIC}
    kinds |= {"docx", "odt", "zip", "html", "xml", "utf-16-no-bom", "binary"}
    assert kinds <= set(sniff.KIND_PROBLEMS)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = _huge(tmp_path, monkeypatch)

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(reading_files, "open", no_open, raising=False)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"is 50\.0 MB; an edition text is at most 10\.0 MB"):
        read_text(path)
    assert time.perf_counter() - started < 0.5


def test_file_that_grew_after_the_size_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "growing.txt", b"x" * 2000)
    real_stat = os.stat

    def stale_stat(p: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        result = real_stat(p, *args, **kwargs)
        if os.fspath(p) == str(path):
            fields = list(result)
            fields[stat.ST_SIZE] = 10  # the size it had when stat looked
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(os, "stat", stale_stat)
    with pytest.raises(InputError, match=r"is more than 1000 bytes \(it grew while being read\)"):
        read_text(path, max_bytes=1000)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="root can read a chmod 000 file, so there is no permission error to see",
)
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = _write(tmp_path, "locked.txt", SEED_TEXT.encode())
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="cannot be read: permission denied"):
            read_text(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    "data, kind",
    [
        (SEED_TEXT.encode(), "text"),
        (SEED_TEXT.encode("kz1048"), "text"),
        (b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"), "text"),
        (b"\xef\xbb\xbf<!doctype HTML>", "html"),
        (PDF, "pdf"),
        (DOCX, "docx"),
        (ODT, "odt"),
        (ZIP, "zip"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (SEED_TEXT.encode("utf-16-be"), "utf-16-no-bom"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        # Legal text mentions "html" and angle brackets; that alone is not a page.
        ("Сайт: www.gov.kz/index.html <мекенжай>\n".encode(), "text"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_text_with_a_question_mark_or_two_is_not_refused() -> None:
    text = "Кім?Қашан? Сұрақ бар ма? «Иә»\n" + CLEAN[:3000]
    assert decode_edition(text.encode(), "mem").text.startswith("Кім?Қашан?")


def test_russian_text_with_a_few_ukrainian_i_is_not_refused() -> None:
    text = RUSSIAN + "Кирилл. і, і, і.\n"
    assert decode_edition(text.encode("cp1251"), "mem").encoding == "cp1251"


# ============================================================ writing


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_atomic(target, "бірінші\n")
    assert target.read_text(encoding="utf-8") == "бірінші\n"
    write_atomic(str(target), b"second\n")
    assert target.read_bytes() == b"second\n"
    assert _leftovers(tmp_path) == []


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("{}")
    target.chmod(0o640)
    write_atomic(target, "[]")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_atomic_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_write_atomic_bad_data_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half \ud800 written")  # a lone surrogate cannot be UTF-8
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_write_atomic_failure_midway_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    seen: list[str] = []

    def boom(*args: Any, **kwargs: Any) -> None:
        seen.extend(name for name in os.listdir(tmp_path) if name.endswith(".tmp"))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new " * 10_000)
    monkeypatch.undo()
    assert seen, "the failure must come after the temporary file exists"
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_write_atomic_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "nope" / "report.html", "x")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_refuses_non_text_data(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="data must be str or bytes"):
        write_atomic(tmp_path / "x", 42)  # type: ignore[arg-type]


def test_write_many_atomic_writes_them_all(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    files: dict[Path, str | bytes] = {
        tmp_path / "pages" / "a.html": "a",
        tmp_path / "data.json": b"{}",
        tmp_path / "index.html": "index",
    }
    write_many_atomic(files)
    assert (tmp_path / "pages" / "a.html").read_text() == "a"
    assert (tmp_path / "data.json").read_bytes() == b"{}"
    assert (tmp_path / "index.html").read_text() == "index"
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "pages") == []


def test_write_many_atomic_bad_data_touches_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("old a")
    with pytest.raises(UnicodeEncodeError):
        write_many_atomic({tmp_path / "a.html": "new a", tmp_path / "b.html": "\udcff"})
    assert (tmp_path / "a.html").read_text() == "old a"
    assert not (tmp_path / "b.html").exists()
    assert _leftovers(tmp_path) == []


def test_write_many_atomic_write_failure_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.html").write_text("old a")
    (tmp_path / "b.html").write_text("old b")
    calls = 0
    real_fsync = os.fsync

    def fail_second(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_second)
    with pytest.raises(OSError):
        write_many_atomic({tmp_path / "a.html": "new a", tmp_path / "b.html": "new b"})
    monkeypatch.undo()
    assert (tmp_path / "a.html").read_text() == "old a"
    assert (tmp_path / "b.html").read_text() == "old b"
    assert _leftovers(tmp_path) == []


def test_write_many_atomic_rename_failure_is_as_documented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The documented limit: renames are one by one, so a failing rename leaves
    # the files before it new and the rest old, each one whole, and no temps.
    for name in ("a.html", "b.html", "index.html"):
        (tmp_path / name).write_text("old")
    real_replace = os.replace

    def fail_on_b(src: str, dst: str) -> None:
        if dst.endswith("b.html"):
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_b)
    with pytest.raises(OSError):
        write_many_atomic({tmp_path / n: "new" for n in ("a.html", "b.html", "index.html")})
    monkeypatch.undo()
    assert [(tmp_path / n).read_text() for n in ("a.html", "b.html", "index.html")] == ["new", "old", "old"]
    assert _leftovers(tmp_path) == []


def test_write_many_atomic_refuses_a_directory_target_before_writing(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("old")
    (tmp_path / "assets").mkdir()
    with pytest.raises(IsADirectoryError):
        write_many_atomic({tmp_path / "a.html": "new", tmp_path / "assets": "x"})
    assert (tmp_path / "a.html").read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_write_many_atomic_refuses_the_same_file_twice(tmp_path: Path) -> None:
    files: dict[str | Path, str | bytes] = {tmp_path / "a.html": "1", f"{tmp_path}/./a.html": "2"}
    with pytest.raises(ValueError, match="same file"):
        write_many_atomic(files)
    assert list(tmp_path.iterdir()) == []


# ============================================================ the doc


TABLE_START = "<!-- bad-input-table:start -->"
TABLE_END = "<!-- bad-input-table:end -->"


def bad_input_table(tmp_root: Path) -> str:
    """The doc's table, made by running every case (each in its own folder)."""
    rows = ["| # | Input tried | Test id | What the user gets |", "|---|---|---|---|"]
    for number, case in enumerate(BAD_INPUTS, 1):
        tmp = tmp_root / case.id
        tmp.mkdir()
        with pytest.MonkeyPatch.context() as monkeypatch:
            error = _run(case, tmp, monkeypatch)
        shown = _shown(error, tmp).replace("|", "\\|")
        rows.append(f"| {number} | {case.what} | `{case.id}` | `{shown}` |")
    return "\n".join(rows)


def test_docs_table_is_current(tmp_path: Path) -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert TABLE_START in doc and TABLE_END in doc
    current = doc.split(TABLE_START)[1].split(TABLE_END)[0].strip()
    assert current == bad_input_table(tmp_path), (
        "docs/bad-input.md is out of date: run python3 -m tests.test_reading --write-docs"
    )


if __name__ == "__main__":  # pragma: no cover - a maintenance command, not a test
    import tempfile

    if sys.argv[1:] != ["--write-docs"]:
        sys.exit("usage: python3 -m tests.test_reading --write-docs")
    with tempfile.TemporaryDirectory() as folder:
        table = bad_input_table(Path(folder))
    doc = DOC.read_text(encoding="utf-8")
    head, rest = doc.split(TABLE_START)
    _, tail = rest.split(TABLE_END)
    write_atomic(DOC, f"{head}{TABLE_START}\n{table}\n{TABLE_END}{tail}")
