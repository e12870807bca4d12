"""Bad input at the command line: every command, every fault, one line, exit 2, nothing half-written.

`tests/test_reading.py` tries bad *files* against `read.text.read_text`; this file
tries bad inputs of every kind against the five commands a user runs (parse,
diff, history, asof, report): bad edition files given directly and inside a
corpus, corpus and manifest faults, a bad store, output folders that cannot
be written, and runs stopped midway by an error or by Ctrl-C.

Each case in `CASES` is one row of the command table in ``docs/bad-input.md``
and one test per command: the exit status and the *whole* of stderr are
exact, stdout is empty on trouble, there is never a traceback, and on
trouble the working folder (inputs, an earlier report, an output file of an
earlier run, the store) is byte for byte what it was: nothing was written,
nothing half-written, no temporary file left behind.  The table is made from
`CASES` and `test_docs_table_is_current` fails when it is stale; regenerate it
with ``python3 -m tests.test_bad_input_cli --write-docs``.

Every command runs in a temporary folder with paths relative to it, so the
messages read as a user sees them.  The editions are real text: the first
three positions of the bundled 2014-04-09 edition (`EXCERPT`), and a copy
with one hand-made amendment (three years of service become two).
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import io
import os
import sqlite3
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
from click.testing import CliRunner, Result

from amendtrack.cli import cli
from amendtrack.history import corpus as corpus_module
from amendtrack.history import store as store_module
from amendtrack.history.store import EditionStore
from amendtrack.parse import edition as parse_module
from amendtrack.parse.edition import parse_edition
from tests.conftest import REPO
from tests.test_word import HOSTILE as HOSTILE_DOCX

DOC = REPO / "docs" / "bad-input.md"
TABLE_START = "<!-- command-table:start -->"
TABLE_END = "<!-- command-table:end -->"

ORIGINAL_LINES = (REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt").read_text(encoding="utf-8").split("\n")
EXCERPT = "\n".join(ORIGINAL_LINES[:237]) + "\n"
"""Lines 1-237 of the 2014-04-09 edition: the header, annex 1's title and its first three
positions, ending with the third one's duties (line 236, a full stop) and a blank line."""
AMENDED = EXCERPT.replace("өтілі үш жылдан кем емес", "өтілі екі жылдан кем емес", 1)
TRUNCATED = EXCERPT[: EXCERPT.index("тұжырымдамалық ережелері")]
"""Cut in the middle of the third position's duties: its last line, 231, ends "...қызметтің "."""
assert AMENDED != EXCERPT and TRUNCATED.count("\n") == 230
TWICE = EXCERPT + EXCERPT
"""Pasted twice: the second copy's annex title block starts at line 237 + 51 = 288."""

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
HTML = ("<!DOCTYPE html>\n<html lang=\"kk\"><head><title>V1400009344</title></head>\n<body><pre>"
        + EXCERPT[:2000] + "</pre></body></html>\n").encode()
OTHER_ACT = ("Қазақстан Республикасының Заңы\n\nМемлекеттік қызмет туралы\n\n"
             "1-бап. Осы Заңда пайдаланылатын негізгі ұғымдар\n").encode()
"""Another legal act: a law's articles, no position with a category code."""


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2014-04-09.txt", EXCERPT)
    return buffer.getvalue()


def _png() -> bytes:
    """A real 1x1 PNG (a scan saved as an image)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


ZIP = _zip()
PNG = _png()
FIFTY_MB = 50 * 1024 * 1024
INTERRUPTED = "Error: interrupted (Ctrl-C); no output file was left half-written\n"
BAD_EDITION = "corpus/W1/kk/2015-01-01.txt"
"""The corpus's second edition, the one the corpus cases damage."""


# ================================================================ building inputs


def write(path: str | Path, data: bytes | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def sparse(path: str | Path, size: int) -> Path:
    """A file of `size` zero bytes that takes no disk space."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return Path(path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _expression(file: str, sha256: str, date: str, number: str) -> str:
    return f"""
[[work.expression]]
file = "{file}"
sha256 = "{sha256}"
language = "kk"
status = "in_force"
produced_by = {{ issuer = "Сынақ министрі", type = "бұйрық", number = "{number}", date = {date} }}
applies_from = {{ on_or_after = {date} }}
"""


def make_corpus(second: bytes | None = AMENDED.encode(), *, work_extra: str = "", tamper: bool = False,
                second_date: str = "2015-01-01", big: bool = False) -> None:
    """A corpus in ./corpus: work W1 (a test act), the excerpt as its 2014-04-09 edition, `second` after it.

    :param second: the second edition's bytes (None: no file at all, though the manifest names it).
    :param tamper: change the second file by one byte after its SHA-256 is recorded.
    :param big: make the second file a sparse 50 MB file instead.
    """
    first = write("corpus/W1/kk/2014-04-09.txt", EXCERPT)
    manifest = f"""# A test corpus: the first three positions of order No. 161, and a hand-made amendment.
format = 1

[[work]]
slug = "W1"
code = "TEST-W1"
issuer = "Сынақ министрі"
act_type = "бұйрық"
number = "1"
date = 2014-04-09
registration = {{ number = "1", date = 2014-04-18 }}
languages = ["kk"]
title = {{ kk = "Сынақ актісі" }}
{work_extra}
""" + _expression("W1/kk/2014-04-09.txt", _sha256(first), "2014-04-09", "1")
    target = Path("corpus/W1/kk", f"{second_date}.txt")
    if big:
        sparse(target, FIFTY_MB)
        digest = _sha256(target)
    elif second is not None:
        write(target, second)
        digest = hashlib.sha256(second).hexdigest()
    else:
        digest = hashlib.sha256(b"").hexdigest()
    manifest += _expression(f"W1/kk/{second_date}.txt", digest, second_date, "2")
    write("corpus/manifest.toml", manifest)
    if tamper:
        data = bytearray(target.read_bytes())
        data[-2] ^= 0x01  # one byte near the end: a newline becomes a vertical tab
        target.write_bytes(bytes(data))


def make_store(path: str) -> None:
    """A real amendtrack store holding the parsed excerpt."""
    with EditionStore.open(path) as store:
        store.put(parse_edition(EXCERPT, "corpus/W1/kk/2014-04-09.txt",
                                hashlib.sha256(EXCERPT.encode()).hexdigest()))


def previous_report() -> None:
    """The corpus and a report folder written from it by an earlier, successful run."""
    make_corpus()
    result = invoke(["report", "corpus", "-o", "reports", "--no-store"])
    assert result.exit_code == 0, result.output
    assert Path("reports/index.html").is_file()


def fail_open(target: str, error: OSError) -> Callable[[pytest.MonkeyPatch], None]:
    """Make opening `target` (a file, or anything created inside the folder `target`) raise `error`.

    Simulated, so that it works as root too (root reads and writes a chmod 000
    file); `test_unreadable_file_for_real` does it with chmod where it can.
    """
    def patch(mp: pytest.MonkeyPatch) -> None:
        full = os.path.abspath(target)
        real_open, real_os_open = builtins.open, os.open

        def hit(path: object) -> bool:
            if isinstance(path, int):
                return False
            name = os.path.abspath(os.fsdecode(path))  # type: ignore[arg-type]
            return name == full or name.startswith(full + os.sep)

        def guarded_open(file: object, *args: object, **kwargs: object) -> object:
            if hit(file):
                raise error
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        def guarded_os_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if hit(path):
                raise error
            return real_os_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        mp.setattr(builtins, "open", guarded_open)
        mp.setattr(os, "open", guarded_os_open)

    return patch


def raise_on_call(module: object, name: str, error: BaseException, after: int = 0) -> Callable[
        [pytest.MonkeyPatch], None]:
    """Make `module.name` raise `error` on its call number `after` + 1 (earlier calls go through)."""
    def patch(mp: pytest.MonkeyPatch) -> None:
        real = getattr(module, name)
        calls = 0

        def wrapper(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls > after:
                raise error
            return real(*args, **kwargs)

        mp.setattr(module, name, wrapper)

    return patch


def stop_rendering_after(pages: int, error: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    """`amendtrack report` renders `pages` pages, then the next page's rendering raises `error`."""
    def patch(mp: pytest.MonkeyPatch) -> None:
        import amendtrack.report as report_module

        real_plan = report_module.plan_report

        def plan(*args: object, **kwargs: object) -> list[object]:
            planned = list(real_plan(*args, **kwargs))  # type: ignore[arg-type]
            assert len(planned) > pages + 1, "the report must have pages left to render"

            def boom() -> str:
                raise error

            return [*planned[:pages], SimpleNamespace(path=planned[pages].path, render=boom),
                    *planned[pages + 1:]]

        mp.setattr(report_module, "plan_report", plan)

    return patch


# ================================================================ the cases


COMMAND_ARGS: dict[str, Callable[[str], list[str]]] = {
    "parse": lambda subject: ["parse", subject],
    "diff": lambda subject: ["diff", "old.txt", subject],
    "history": lambda subject: ["history", subject, "--no-store"],
    "asof": lambda subject: ["asof", "2015-06-01", subject, "--no-store"],
    "report": lambda subject: ["report", subject, "-o", "reports", "--no-store"],
}
FILE_COMMANDS = ("parse", "diff")
CORPUS_COMMANDS = ("history", "asof", "report")
ALL_COMMANDS = (*FILE_COMMANDS, *CORPUS_COMMANDS)


@dataclass(frozen=True)
class Case:
    """One bad input, the commands it is tried with, and exactly what the user gets."""

    id: str
    what: str
    """The input, as the doc's "Input tried" column says it."""
    commands: tuple[str, ...]
    subject: str
    """The path given as the command's FILE (NEW for diff) or CORPUS."""
    stderr: str
    """The whole of stderr, exactly ("" for nothing)."""
    exit: int = 2
    make: Callable[[], object] = lambda: None
    """Builds the inputs in the current (temporary) folder."""
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    """Simulates a fault (a denied read, a full disk, Ctrl-C) for the command's run only."""
    extra: tuple[str, ...] = ()
    """Arguments after the command's usual ones."""
    stdout: str | None = None
    """Exactly what goes to stdout when it matters; trouble always has none."""


def _file_and_corpus(id: str, what: str, name: str, data: bytes, problem: str) -> list[Case]:
    """The same bad edition given to parse and diff as a file, and to the corpus commands in a corpus."""
    return [
        Case(id, what, FILE_COMMANDS, name, f"Error: {name}: {problem}\n", make=lambda: write(name, data)),
        Case(f"{id}-in-corpus", f"{what}, as a corpus edition", CORPUS_COMMANDS, "corpus",
             f"Error: {BAD_EDITION}: {problem}\n", make=lambda: make_corpus(data)),
    ]


def _writes_hostile(key: str) -> Callable[[], Path]:
    """A maker that writes the hostile .docx `key` of tests/test_word.py (made only when run)."""
    return lambda: write(HOSTILE_DOCX[key][0], HOSTILE_DOCX[key][1]())


STRICT = "; --strict treats warnings as errors"
TRUNCATION = "the text ends in the middle of a sentence of the last position: the edition may be truncated"
# Warnings name the position they are in: the third of the excerpt, whose duties the cut ends.
TRUNCATION_AT = (
    "in the position [С-3] Басқарма басшысы – Қазақстан Республикасы Төтенше жағдайлар министрлігінің Қазақстан "
    f"Республикасы Ұлттық қауіпсіздік комитеті терроризмге қарсы орталығындағы өкілетті өкілі (annex 1): {TRUNCATION}"
)
PRINTED_TWICE = "annex 1 is printed a second time: the text may hold two copies or two editions"
STORE_HINT = "it is only a cache: delete it, choose another file with --db, or run with --no-store"

CASES: list[Case] = [
    # ------------------------------------------------------------ edition files
    Case("missing", "a path that does not exist", FILE_COMMANDS, "2015-01-01.txt",
         "Error: 2015-01-01.txt: no such file\n"),
    Case("directory", "a folder where an edition file is expected", FILE_COMMANDS, "editions",
         "Error: editions: is a directory, expected an edition text file\n",
         make=lambda: os.mkdir("editions")),
    *_file_and_corpus("empty", "an empty file (0 bytes)", "empty.txt", b"", "is empty (0 bytes)"),
    *_file_and_corpus("pdf", "a PDF", "edition.pdf", PDF,
                      "is a PDF file; extract its text first (for example with pdftotext) and give the .txt file"),
    *_file_and_corpus("zip", "a ZIP archive holding the edition", "edition.zip", ZIP,
                      "is a ZIP archive; unpack it and give the edition's .txt file"),
    # A .docx is read (amendtrack/word/); a hostile one is refused before any XML is parsed.
    *[Case(f"docx-{key}", what, FILE_COMMANDS, HOSTILE_DOCX[key][0], f"Error: {HOSTILE_DOCX[key][0]}: {HOSTILE_DOCX[key][2]}\n",
           make=_writes_hostile(key))
      for key, what in (
          ("bomb", "a .docx zip bomb (101 MiB of zeros in 100 KiB)"),
          ("entries", "a .docx zip with 1001 entries"),
          ("traversal", "a .docx with an entry named ../../evil.xml"),
          ("xxe", "a .docx whose document.xml declares an external entity (XXE)"),
          ("encrypted", "a .docx with encrypted zip entries"),
          ("docm", "a macro-enabled Word document (vbaProject.bin)"),
          ("not-word", "a zip named .docx that declares no Word main part"),
          ("broken", "a .docx cut after 200 bytes"),
      )],
    *_file_and_corpus("docx-xxe", "a .docx with an external entity (XXE)", "xxe.docx", HOSTILE_DOCX["xxe"][1](),
                      HOSTILE_DOCX["xxe"][2]),
    *_file_and_corpus("png", "a PNG image (a scan)", "scan.png", PNG,
                      "is a PNG image, not text; an edition must be a plain-text file"),
    *_file_and_corpus("html", "the edition's web page saved as HTML", "edition.html", HTML,
                      "looks like an HTML page; save the page as plain text, HTML editions are not read yet"),
    *_file_and_corpus("other-act", "another legal act (a law's articles: no positions)", "law.txt", OTHER_ACT,
                      'no positions found: no line ends with a category code such as "С-4 санаты"; '
                      "is this a qualification-requirements order?"),
    Case("truncated", "an edition cut in the middle of a position (it parses, with a warning)", ("parse",),
         "cut.txt", f"warning: cut.txt:231: {TRUNCATION_AT}\n", exit=0, make=lambda: write("cut.txt", TRUNCATED)),
    Case("truncated-diff", "the same, compared with the whole excerpt", ("diff",), "cut.txt",
         f"warning: cut.txt:231: {TRUNCATION_AT}\n", exit=1, make=lambda: write("cut.txt", TRUNCATED)),
    Case("truncated-strict", "the same with `--strict`", FILE_COMMANDS, "cut.txt",
         f"Error: cut.txt:231: {TRUNCATION_AT}{STRICT}\n", make=lambda: write("cut.txt", TRUNCATED),
         extra=("--strict",)),
    Case("truncated-in-corpus", "the same as a corpus edition (history and asof do not show parser warnings; "
         "report lists them in the index)", CORPUS_COMMANDS, "corpus", "", exit=0,
         make=lambda: make_corpus(TRUNCATED.encode())),
    Case("truncated-in-corpus-strict", "the same with `--strict`", CORPUS_COMMANDS, "corpus",
         f"Error: {BAD_EDITION}:231: {TRUNCATION_AT}{STRICT}\n", make=lambda: make_corpus(TRUNCATED.encode()),
         extra=("--strict",)),
    Case("twice", "an edition pasted twice into one file (it parses, with a warning)", ("parse",), "twice.txt",
         f"warning: twice.txt:288: {PRINTED_TWICE}\n", exit=0, make=lambda: write("twice.txt", TWICE)),
    Case("twice-diff", "the same, compared with the excerpt", ("diff",), "twice.txt",
         f"warning: twice.txt:288: {PRINTED_TWICE}\n", exit=1, make=lambda: write("twice.txt", TWICE)),
    Case("twice-strict", "the same with `--strict`", FILE_COMMANDS, "twice.txt",
         f"Error: twice.txt:288: {PRINTED_TWICE}{STRICT}\n", make=lambda: write("twice.txt", TWICE),
         extra=("--strict",)),
    Case("twice-in-corpus-strict", "the same as a corpus edition, with `--strict`", CORPUS_COMMANDS, "corpus",
         f"Error: {BAD_EDITION}:288: {PRINTED_TWICE}{STRICT}\n", make=lambda: make_corpus(TWICE.encode()),
         extra=("--strict",)),
    Case("too-large", "a 50 MB file (refused before it is read)", FILE_COMMANDS, "huge.txt",
         "Error: huge.txt: is 50.0 MB; an edition text is at most 10.0 MB (raise the limit with --max-size "
         "if this really is one edition)\n", make=lambda: sparse("huge.txt", FIFTY_MB)),
    Case("too-large-in-corpus", "a 50 MB file as a corpus edition (refused before it is read; the corpus "
         "commands have no --max-size)",
         CORPUS_COMMANDS, "corpus", f"Error: {BAD_EDITION}: is 50.0 MB; an edition text is at most 10.0 MB\n",
         make=lambda: make_corpus(big=True)),
    Case("unreadable", "a file without read permission (simulated; `test_unreadable_file_for_real` uses "
         "chmod 000 when not root)", FILE_COMMANDS, "locked.txt",
         "Error: locked.txt: cannot be read: permission denied\n", make=lambda: write("locked.txt", EXCERPT),
         patch=fail_open("locked.txt", PermissionError(13, "Permission denied", "locked.txt"))),
    Case("unreadable-in-corpus", "the same as a corpus edition", CORPUS_COMMANDS, "corpus",
         f"Error: {BAD_EDITION}: cannot be read: permission denied\n", make=lambda: make_corpus(),
         patch=fail_open(BAD_EDITION, PermissionError(13, "Permission denied", BAD_EDITION))),
    Case("wrong-encoding", "a KZ-1048 file read with `--encoding utf-8`", FILE_COMMANDS, "old.txt",
         "Error: old.txt:2: cannot be decoded as utf-8 (the given encoding): byte 0x8d at byte offset 1 "
         "is not valid in it\n", make=lambda: write("old.txt", EXCERPT.encode("kz1048")),
         extra=("--encoding", "utf-8")),
    Case("wrong-code-page", "a KZ-1048 file read with `--encoding cp1251` (it decodes, to Serbian letters)",
         FILE_COMMANDS, "old.txt",
         "Error: old.txt: read as cp1251 (the given encoding) it is not Kazakh or Russian text: 9% of its "
         "non-ASCII characters are not Kazakh or Russian letters (for example 'ќ' 'є' 'ѕ'); the encoding is "
         "probably wrong, try without --encoding\n",
         make=lambda: write("old.txt", EXCERPT.encode("kz1048")), extra=("--encoding", "cp1251")),
    Case("unknown-encoding", "`--encoding kazakh` (no such codec)", FILE_COMMANDS, "old.txt",
         "Error: old.txt: cannot be read as 'kazakh': no such encoding\n", extra=("--encoding", "kazakh")),
    Case("undetectable-in-corpus", "a corpus edition in DOS code page 866 (corpus commands have no "
         "`--encoding`: the hint below is wrong for them, see the note)", CORPUS_COMMANDS, "corpus",
         f"Error: {BAD_EDITION}: is not Kazakh or Russian text in UTF-8, UTF-16, Windows-1251, KZ-1048 or "
         "PTCP154; if you know its encoding, give it with --encoding\n",
         make=lambda: make_corpus("Об утверждении квалификационных требований к должностям\n".encode("cp866") * 20)),
    # ------------------------------------------------------------ the corpus and its manifest
    Case("corpus-missing", "a corpus folder that does not exist", CORPUS_COMMANDS, "korpus",
         "Error: korpus: no such corpus folder or manifest\n"),
    Case("corpus-is-a-file", "an edition file where the corpus folder is expected", CORPUS_COMMANDS, "old.txt",
         "Error: old.txt: is a file, not a corpus folder; give the folder that holds manifest.toml "
         "(or the manifest itself)\n"),
    Case("no-manifest", "a folder without manifest.toml", CORPUS_COMMANDS, "editions",
         "Error: editions: is not a corpus: it holds no manifest.toml\n", make=lambda: os.mkdir("editions")),
    Case("manifest-not-toml", "a manifest that is not valid TOML", CORPUS_COMMANDS, "corpus",
         "Error: corpus/manifest.toml: not valid TOML: Expected ']]' at the end of an array declaration "
         "(at line 2, column 7)\n",
         make=lambda: (make_corpus(), write("corpus/manifest.toml", "format = 1\n[[work]\n"))),
    Case("manifest-unknown-key", "a manifest with an unknown key (a typo must not drop a fact)", CORPUS_COMMANDS,
         "corpus", "Error: corpus/manifest.toml: work[0]: unknown key(s) colour\n",
         make=lambda: make_corpus(work_extra='colour = "red"')),
    Case("edition-missing", "a manifest naming an edition file that is not there", CORPUS_COMMANDS, "corpus",
         "Error: corpus/manifest.toml: W1/kk/2015-01-01.txt: file not found (relative to corpus)\n",
         make=lambda: make_corpus(None)),
    Case("edition-is-a-folder", "a manifest naming a folder as an edition", CORPUS_COMMANDS, "corpus",
         "Error: corpus/manifest.toml: W1/kk/2015-01-01.txt: is a folder, expected an edition text file "
         "(relative to corpus)\n",
         make=lambda: (make_corpus(None), os.mkdir(BAD_EDITION))),
    Case("sha256-mismatch", "an edition changed after the manifest recorded it (one byte)", CORPUS_COMMANDS,
         "corpus", f"Error: {BAD_EDITION}: sha256 mismatch: manifest corpus/manifest.toml records "
         f"{hashlib.sha256(AMENDED.encode()).hexdigest()}, file has "
         f"{hashlib.sha256(AMENDED.encode()[:-2] + bytes([AMENDED.encode()[-2] ^ 1]) + AMENDED.encode()[-1:]).hexdigest()}"
         " (the file changed since it was recorded)\n", make=lambda: make_corpus(tamper=True)),
    Case("duplicate-dates", "two editions with the same date", CORPUS_COMMANDS, "corpus",
         "Error: corpus/manifest.toml: work[0].expression: duplicate edition (language, date) "
         "kk 2014-04-09\n", make=lambda: make_corpus(second_date="2014-04-09")),
    # ------------------------------------------------------------ the store (--db)
    Case("store-not-sqlite", "`--db` naming a file that is not a database", CORPUS_COMMANDS, "corpus",
         f"Error: notes.txt: is not a readable amendtrack store (file is not a database); {STORE_HINT}\n",
         make=lambda: (make_corpus(), write("notes.txt", "my notes, not a cache\n" * 200)),
         extra=("--db", "notes.txt")),
    Case("store-corrupt", "`--db` naming a damaged store (its pages overwritten)", CORPUS_COMMANDS, "corpus",
         f"Error: store.sqlite3: is not a readable amendtrack store (database disk image is malformed); "
         f"{STORE_HINT}\n", make=lambda: (make_corpus(), make_store("store.sqlite3"),
                                          _damage_store("store.sqlite3")),
         extra=("--db", "store.sqlite3")),
    Case("store-foreign", "`--db` naming another program's SQLite database", CORPUS_COMMANDS, "corpus",
         f"Error: app.db: is an SQLite database that amendtrack did not create; {STORE_HINT}\n",
         make=lambda: (make_corpus(), _foreign_db("app.db")), extra=("--db", "app.db")),
    Case("store-locked", "`--db` naming a store another process holds locked (the wait is cut to 0.05 s "
         "for the test; 5 s normally)", CORPUS_COMMANDS, "corpus",
         "Error: store.sqlite3: the store is locked by another process (waited 0.05 s); try again, or run "
         "with --no-store\n", make=lambda: (make_corpus(), make_store("store.sqlite3")),
         patch=lambda mp: _lock_store(mp, "store.sqlite3"), extra=("--db", "store.sqlite3")),
    Case("store-directory", "`--db` naming a folder", CORPUS_COMMANDS, "corpus",
         "Error: cache: is a directory; --db expects a database file\n",
         make=lambda: (make_corpus(), os.mkdir("cache")), extra=("--db", "cache")),
    Case("store-under-a-file", "`--db` inside a file (`notes.txt/store.sqlite3`)", CORPUS_COMMANDS, "corpus",
         "Error: notes.txt/store.sqlite3: cannot create the store's folder: a folder in its path is a file\n",
         make=lambda: (make_corpus(), write("notes.txt", "notes\n")),
         extra=("--db", "notes.txt/store.sqlite3")),
    # ------------------------------------------------------------ output
    Case("diff-output-is-a-folder", "`diff -o` naming a folder", ("diff",), "new.txt",
         "Error: out: cannot write: Is a directory\n",
         make=lambda: (write("new.txt", AMENDED), os.mkdir("out")), extra=("-o", "out")),
    Case("diff-output-folder-missing", "`diff -o` into a folder that does not exist", ("diff",), "new.txt",
         "Error: out/diff.txt: cannot write: No such file or directory\n",
         make=lambda: write("new.txt", AMENDED), extra=("-o", "out/diff.txt")),
    Case("diff-output-unwritable", "`diff -o` into a folder without write permission (simulated)", ("diff",),
         "new.txt", "Error: out/diff.txt: cannot write: Permission denied\n",
         make=lambda: (write("new.txt", AMENDED), os.mkdir("out")),
         patch=fail_open("out", PermissionError(13, "Permission denied")), extra=("-o", "out/diff.txt")),
    Case("diff-output-disk-full", "`diff -o` over an earlier output, the disk full at the rename (simulated)",
         ("diff",), "new.txt", "Error: diff.txt: cannot write: No space left on device\n",
         make=lambda: (write("new.txt", AMENDED), write("diff.txt", "the earlier diff\n")),
         patch=raise_on_call(os, "replace", OSError(28, "No space left on device")), extra=("-o", "diff.txt")),
    Case("report-output-is-a-file", "`report -o` naming a file", ("report",), "corpus",
         "Error: notes.txt: is a file, not a folder; -o names the folder to write the reports into\n",
         make=lambda: (make_corpus(), write("notes.txt", "notes\n")), extra=("-o", "notes.txt")),
    Case("report-output-under-a-file", "`report -o` inside a file", ("report",), "corpus",
         "Error: notes.txt/reports: cannot be created: notes.txt is a file, not a folder\n",
         make=lambda: (make_corpus(), write("notes.txt", "notes\n")), extra=("-o", "notes.txt/reports")),
    Case("report-output-unwritable", "`report -o` over earlier reports in a folder without write permission "
         "(simulated)", ("report",), "corpus", "Error: reports: cannot write the reports: Permission denied\n",
         make=previous_report, patch=fail_open("reports", PermissionError(13, "Permission denied")),
         extra=("--generated-at", "later")),
    # ------------------------------------------------------------ stopped midway
    Case("report-error-midway", "`report` over earlier reports, an error while rendering page 3 of 5 "
         "(simulated)", ("report",), "corpus",
         "Error: internal error: RuntimeError: simulated failure (set AMENDTRACK_DEBUG=1 for details)\n",
         make=previous_report, patch=stop_rendering_after(2, RuntimeError("simulated failure")),
         extra=("--generated-at", "later")),
    Case("report-ctrl-c-rendering", "`report` over earlier reports, Ctrl-C while rendering page 3 of 5",
         ("report",), "corpus", INTERRUPTED, exit=130, make=previous_report,
         patch=stop_rendering_after(2, KeyboardInterrupt()), extra=("--generated-at", "later")),
    Case("report-ctrl-c-writing", "`report` over earlier reports, Ctrl-C while writing the third file",
         ("report",), "corpus", INTERRUPTED, exit=130, make=previous_report,
         patch=raise_on_call(os, "fsync", KeyboardInterrupt(), after=2), extra=("--generated-at", "later")),
    Case("diff-ctrl-c-writing", "`diff -o` over an earlier output, Ctrl-C while writing it", ("diff",), "new.txt",
         INTERRUPTED, exit=130, make=lambda: (write("new.txt", AMENDED), write("diff.txt", "earlier\n")),
         patch=raise_on_call(os, "fsync", KeyboardInterrupt()), extra=("-o", "diff.txt")),
    Case("ctrl-c-parsing", "Ctrl-C while an edition is parsed", FILE_COMMANDS, "new.txt", INTERRUPTED, exit=130,
         make=lambda: write("new.txt", AMENDED),
         patch=raise_on_call(parse_module, "parse_edition", KeyboardInterrupt())),
    Case("ctrl-c-parsing-corpus", "Ctrl-C while a corpus edition is parsed", CORPUS_COMMANDS, "corpus",
         INTERRUPTED, exit=130, make=make_corpus,
         patch=raise_on_call(corpus_module, "parse_edition", KeyboardInterrupt())),
]


def _damage_store(path: str) -> None:
    """Overwrite a store's pages after the first with 0xFF, as a failing disk or a stray write would."""
    data = bytearray(Path(path).read_bytes())
    assert len(data) >= 3 * 4096
    data[4096:] = b"\xff" * (len(data) - 4096)
    Path(path).write_bytes(bytes(data))


def _foreign_db(path: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
        db.commit()


def _lock_store(mp: pytest.MonkeyPatch, path: str) -> None:
    """Another process's write transaction on the store, held until the command has run."""
    mp.setattr(store_module, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        holder.execute("ROLLBACK")
        holder.close()

    _HELD.append(release)


_HELD: list[Callable[[], None]] = []
"""Locks a case holds during its command, released (in `run_case`) right after it."""


# ================================================================ running a case


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def argv(case: Case, command: str) -> list[str]:
    args = COMMAND_ARGS[command](case.subject)
    if "--db" in case.extra:
        args.remove("--no-store")  # the store cases are about the store
    return [*args, *case.extra]


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `root`, sqlite's shared-memory index aside."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name.endswith("-shm"):
            continue  # sqlite's lock bookkeeping, not content
        if path.is_dir():
            found[name + "/"] = None
        elif path.stat().st_size > 20 * 1024 * 1024:
            found[name] = f"{path.stat().st_size} bytes, sparse".encode()
        else:
            found[name] = path.read_bytes()
    return found


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder holding old.txt (the excerpt), with the user's cache out of reach."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    write("old.txt", EXCERPT)
    return folder


def run_case(case: Case, command: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Result, dict, dict]:
    case.make()
    before = snapshot(Path.cwd())
    with monkeypatch.context() as mp:
        if case.patch is not None:
            case.patch(mp)
        try:
            result = invoke(argv(case, command))
        finally:
            while _HELD:
                _HELD.pop()()
    return result, before, snapshot(Path.cwd())


PARAMS = [pytest.param(case, command, id=f"{case.id}-{command}") for case in CASES for command in case.commands]


@pytest.mark.parametrize(("case", "command"), PARAMS)
def test_bad_input(case: Case, command: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, before, after = run_case(case, command, monkeypatch)
    assert (result.exit_code, result.stderr) == (case.exit, case.stderr), result.stdout[-500:]
    assert "Traceback" not in result.output
    if case.exit in (2, 130):
        assert result.stdout == ""
        # Nothing written, nothing half-written, no temporary file: the folder is as it was.
        assert after == before
    elif case.stdout is not None:
        assert result.stdout == case.stdout
    else:
        assert result.stdout  # the command's normal output, despite the warning


def test_every_command_is_tried_with_every_kind_of_bad_file() -> None:
    """The brief's list: each kind of bad input reaches all five commands (as a file or in a corpus)."""
    covering = {
        "missing": {"missing", "corpus-missing", "edition-missing"},
        "a folder for a file, a file for a folder": {"directory", "edition-is-a-folder", "corpus-is-a-file",
                                                     "no-manifest"},
        "empty": {"empty", "empty-in-corpus"},
        "PDF": {"pdf", "pdf-in-corpus"},
        "ZIP": {"zip", "zip-in-corpus"},
        "PNG": {"png", "png-in-corpus"},
        "HTML": {"html", "html-in-corpus"},
        "another act": {"other-act", "other-act-in-corpus"},
        "truncated, --strict": {"truncated-strict", "truncated-in-corpus-strict"},
        "pasted twice, --strict": {"twice-strict", "twice-in-corpus-strict"},
        "50 MB": {"too-large", "too-large-in-corpus"},
        "unreadable": {"unreadable", "unreadable-in-corpus"},
        "Ctrl-C": {"ctrl-c-parsing", "ctrl-c-parsing-corpus"},
    }
    by_id = {case.id: case for case in CASES}
    for kind, ids in covering.items():
        commands = {command for id in ids for command in by_id[id].commands}
        assert commands == set(ALL_COMMANDS), kind


# ================================================================ beyond the table


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root can read a chmod 000 file, so there is no permission error to see")
def test_unreadable_file_for_real(workdir: Path) -> None:
    write("locked.txt", EXCERPT).chmod(0)
    try:
        result = invoke(["parse", "locked.txt"])
    finally:
        Path("locked.txt").chmod(0o600)
    assert (result.exit_code, result.stderr) == (2, "Error: locked.txt: cannot be read: permission denied\n")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root can write into a chmod 555 folder, so there is no permission error to see")
def test_unwritable_report_folder_for_real(workdir: Path) -> None:
    previous_report()
    before = snapshot(Path("reports"))
    Path("reports").chmod(0o555)
    try:
        result = invoke(["report", "corpus", "-o", "reports", "--no-store", "--generated-at", "later"])
    finally:
        Path("reports").chmod(0o755)
    assert (result.exit_code, result.stderr) == (2, "Error: reports: cannot write the reports: Permission denied\n")
    assert snapshot(Path("reports")) == before


def test_report_error_midway_leaves_the_earlier_reports_and_no_temp_file(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table's report cases compare whole folders; this one says what that means."""
    previous_report()
    index_before = Path("reports/index.html").read_bytes()
    with monkeypatch.context() as mp:
        stop_rendering_after(2, KeyboardInterrupt())(mp)
        result = invoke(["report", "corpus", "-o", "reports", "--no-store", "--generated-at", "later"])
    assert result.exit_code == 130
    assert Path("reports/index.html").read_bytes() == index_before
    assert b"later" not in index_before
    assert [p for p in Path(".").rglob("*") if p.name.endswith(".tmp")] == []
    # And the same run, not stopped, does replace them: the test above could fail.
    result = invoke(["report", "corpus", "-o", "reports", "--no-store", "--generated-at", "later"])
    assert result.exit_code == 0
    assert b"later" in Path("reports/index.html").read_bytes()


def test_report_warning_cases_write_the_reports(workdir: Path) -> None:
    """Without --strict a truncated corpus edition is reported, and its warning is in the index's ledger."""
    make_corpus(TRUNCATED.encode())
    result = invoke(["report", "corpus", "-o", "reports", "--no-store"])
    assert (result.exit_code, result.stderr) == (0, "")
    index = lxml.html.fromstring(Path("reports/index.html").read_bytes())
    assert TRUNCATION in " ".join(index.text_content().split())


def test_ctrl_c_in_a_real_process_is_one_line_and_130(workdir: Path) -> None:
    """SIGINT to a real process (not CliRunner): the status a shell sees, and the one line."""
    from tests.support.interrupt import interrupted_command

    result = interrupted_command(["diff", "old.txt", "old.txt", "-o", "d.txt"], module="amendtrack.parse.edition",
                                 name="parse_edition", marker="parsing", timeout=30)
    assert result == (130, "", INTERRUPTED)
    assert sorted(p.name for p in Path(".").iterdir()) == ["old.txt", "parsing"]


# ================================================================ hostile text in the reports

HOSTILE = ("<script>alert('x')</script> &amp; &lt;b&gt; \"><img src=x onerror=alert(1)> "
           "<a href=\"javascript:alert(1)\" onclick=\"x()\">click</a> ' onmouseover='alert(1) \u202etxet")
LONG_WORD = "ж" * 10_000


def _hostile_edition() -> str:
    # Into real places of the real text: a position's title, its education and duties.
    text = AMENDED.replace("Министрдің кеңесшісі, С-3 санаты", f"Министрдің кеңесшісі {HOSTILE}, С-3 санаты", 1)
    text = text.replace("гуманитарлық ғылымдар саласында", f"гуманитарлық ғылымдар саласында {HOSTILE}", 1)
    return text.replace("өткізуге қатысу,", f"өткізуге қатысу, {LONG_WORD} {HOSTILE}", 1)


def _check_page(path: Path) -> str:
    tree = lxml.html.document_fromstring(path.read_bytes())
    scripts = tree.xpath("//script")
    assert len(scripts) <= 1 and all(s.get("src") is None for s in scripts), path  # the report's own, inline
    assert tree.xpath("//img | //iframe | //object | //embed | //form | //link | //base") == [], path
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], (path, element.tag)
            for attribute in ("href", "src", "action", "formaction"):
                value = (element.get(attribute) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:text/html")), (path, value)
    return tree.text_content()


def test_hostile_text_in_an_edition_is_shown_not_run(workdir: Path) -> None:
    """An edition (and a manifest) full of markup: every report page shows it as text.

    tests/test_report.py injects the same kinds of text into a hand-built diff
    document; this one goes the whole way, from an edition file through the
    parser, the differ, the history and `amendtrack report` (and `diff --format
    html`), to every generated page.
    """
    hostile = _hostile_edition()
    make_corpus(hostile.encode(), work_extra="")
    manifest = Path("corpus/manifest.toml")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'title = { kk = "Сынақ актісі" }', "title = { kk = '''Сынақ актісі " + HOSTILE + "''' }"), encoding="utf-8")
    result = invoke(["report", "corpus", "-o", "reports", "--no-store"])
    assert result.exit_code == 0, result.output
    pages = sorted(Path("reports").rglob("*.html"))
    # The index, the one diff, the drift page, and the three positions' histories (the renamed one is
    # matched, one lineage).
    assert len(pages) == 6
    texts = {page.name: _check_page(page) for page in pages}
    everything = " ".join(texts.values())
    assert "<script>alert('x')</script> &amp; &lt;b&gt; \"><img src=x onerror=alert(1)>" in everything
    assert LONG_WORD in everything
    assert "[U+202E]txet" in everything
    for page in pages:
        # Shown as [U+202E], never obeyed: not in the body, nor in the <title> (the browser tab).
        assert "\u202e" not in page.read_text(encoding="utf-8"), page
    assert "Сынақ актісі <script>" in texts["index.html"]

    write("new.txt", hostile)
    result = invoke(["diff", "old.txt", "new.txt", "--format", "html", "-o", "diff.html"])
    assert result.exit_code == 1, result.output
    text = _check_page(Path("diff.html"))
    assert "<script>alert('x')</script> &amp; &lt;b&gt;" in text and "[U+202E]txet" in text
    assert LONG_WORD in text


# ================================================================ the doc


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def command_table() -> str:
    """The doc's command table, one row per case, from `CASES` (each row is tested above)."""
    rows = ["| # | Input tried | Commands | Test id | Exit | What the user gets on stderr |",
            "|---|---|---|---|---|---|"]
    for number, case in enumerate(CASES, 1):
        shown = " ⏎ ".join(f"`{_cell(line)}`" for line in case.stderr.splitlines()) or "(nothing)"
        rows.append(f"| {number} | {_cell(case.what)} | {', '.join(case.commands)} | `{case.id}` | {case.exit} | "
                    f"{shown} |")
    return "\n".join(rows)


def test_docs_table_is_current() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert TABLE_START in doc and TABLE_END in doc
    current = doc.split(TABLE_START)[1].split(TABLE_END)[0].strip()
    assert current == command_table(), (
        "docs/bad-input.md is out of date: run python3 -m tests.test_bad_input_cli --write-docs")


if __name__ == "__main__":  # pragma: no cover - a maintenance command, not a test
    from amendtrack.write import write_atomic

    if sys.argv[1:] != ["--write-docs"]:
        sys.exit("usage: python3 -m tests.test_bad_input_cli --write-docs")
    doc = DOC.read_text(encoding="utf-8")
    head, rest = doc.split(TABLE_START)
    _, tail = rest.split(TABLE_END)
    write_atomic(DOC, f"{head}{TABLE_START}\n{command_table()}\n{TABLE_END}{tail}")
