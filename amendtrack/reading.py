"""Reading edition files from disk, and writing output files so that none is ever half-written.

An edition arrives as a file somebody saved from a browser, a PDF extractor or a
Word export, so "bad input" is the normal case: a PDF given instead of its text,
an HTML page, a Word document, a file in a Windows code page, an empty file.
Every such file must end in one clear `InputError` naming the file and the
problem, never in a traceback and never in silently wrong text.  A Word
document (.docx) is the exception: `decode_edition` hands it to
`amendtrack.word.reader`, which checks the package and turns it into the same
text lines a .txt edition has.

IO happens only at the edges: `read_text` does the ``stat`` and one bounded
``read``; everything after that (`decode_edition`, `sniff_kind`,
`detect_encoding`, `score_candidates`) is a pure function of the bytes, so it can
be tested without files and reused by readers of other formats.

Encoding detection is hand-written, not charset-normalizer (which is installed
but is not a dependency).  The candidates are few and known: a BOM, UTF-8, then
Windows-1251, KZ-1048 or PTCP154.  Those three code pages agree on ASCII and on
А-я and differ only in bytes 0x80-0xBF, where KZ-1048 and PTCP154 keep the
Kazakh letters at different places, so a scorer that knows the Kazakh and
Russian alphabets (`score_candidates`) separates them.  Measured on 100 random
windows of the seed edition per size and code page, the scorer picked the
right code page in every window from 100 to 3000 characters, and on the whole
file, in 20-40 ms; charset-normalizer 3.4.7 got 61-72 of 100 right for
PTCP154 (answering "no idea" for the rest, and for the whole seed file) and
69-86 of 100 for KZ-1048 below 3000 characters (calling the rest cp1251, which
loses every Kazakh letter).  Details are in ``docs/bad-input.md``.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import secrets
import stat
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from amendtrack.errors import InputError
from amendtrack.normalize import normalize_source

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTML",
    "TEXT",
    "DecodedText",
    "Fit",
    "decode_edition",
    "detect_encoding",
    "fit_text",
    "read_text",
    "score_candidates",
    "sniff_kind",
    "write_atomic",
    "write_many_atomic",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""The largest file `read_text` reads unless told otherwise.

A seed-sized edition is under 1 MiB; ten times that leaves room for the largest
orders while refusing, before reading them, the multi-gigabyte files that a
wrong path (a disk image, a log) would otherwise pull into memory.
"""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """An edition file as text, with what is needed to say where it came from."""

    text: str
    """The text after `normalize_source`: LF newlines, NFC, no BOM/NBSP/tabs; line N is line N of the file."""
    sha256: str
    """Hex SHA-256 of the raw bytes, so a report can prove which file it read."""
    encoding: str
    """The Python codec that decoded the bytes, e.g. "utf-8", "utf-8-sig", "kz1048"."""
    path: str
    notices: tuple[str, ...] = ()
    """What the reader resolved on the way and the parser should warn about
    (a Word document's tracked changes, read as accepted)."""


# ================================================================ reading


def read_text(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DecodedText:
    """Read one edition text file, detecting its encoding unless `encoding` is given.

    Raises `InputError` (one line: the file and the problem) for a missing,
    unreadable, too large, empty, binary, HTML or undecodable file.
    """
    name = os.fsdecode(path)
    raw = read_bounded(name, max_bytes)
    return decode_edition(raw, name, encoding)


def _shown(path: str) -> str:
    """The path as it can stand in a one-line message: control characters escaped."""
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in path)


def read_bounded(name: str, max_bytes: int = DEFAULT_MAX_BYTES, *, adjustable: bool = True) -> bytes:
    """The file's bytes, refusing before reading anything that is not a small regular file.

    :param adjustable: whether the command lets the user raise `max_bytes`
        (--max-size); the message suggests it only then.
    :raises InputError: missing, unreadable, a folder, a device or pipe, or over `max_bytes`.
    """
    path = _shown(name)  # for messages only
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except NotADirectoryError:
        raise InputError(path, "no such file (a folder in the path is a file)") from None
    except PermissionError:
        raise InputError(path, "cannot be read: permission denied") from None
    except ValueError:  # an embedded NUL character in the path
        raise InputError(path, "is not a valid file name") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {_reason(exc)}") from None

    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, expected an edition text file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the read forever and /dev/zero would never end.
        raise InputError(
            path, "is not a regular file (a device, pipe or socket); expected an edition text file"
        )
    if info.st_size > max_bytes:
        raise InputError(path, _too_large(info.st_size, max_bytes, adjustable))

    try:
        with open(name, "rb") as handle:
            # One byte more than allowed: a file that grew since the stat is still caught.
            raw = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, expected an edition text file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {_reason(exc)}") from None
    if len(raw) > max_bytes:
        raise InputError(
            path,
            f"is more than {_human_size(max_bytes)} (it grew while being read); an edition text "
            f"is at most {_human_size(max_bytes)}",
        )
    return raw


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _too_large(size: int, limit: int, adjustable: bool) -> str:
    said = f"is {_human_size(size)}; an edition text is at most {_human_size(limit)}"
    return f"{said} (raise the limit with --max-size if this really is one edition)" if adjustable else said


def _human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


# ================================================================ what kind of file


# The kinds `sniff_kind` returns that a reader may accept; the others are refusals.
TEXT = "text"
HTML = "html"
BINARY = "binary"
UTF16_NO_BOM = "utf-16-no-bom"

# Magic numbers at offset 0.  Order matters only where one is a prefix of another.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ms-office"),  # OLE2: .doc, .xls of Office 97-2003
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
)

_PROBLEMS: dict[str, str] = {
    "pdf": "is a PDF file; extract its text first (for example with pdftotext) and give the .txt file",
    "docx": "is a Word document (.docx); save it as plain text (UTF-8) and give the .txt file",
    "odt": "is an OpenDocument text (.odt); save it as plain text (UTF-8) and give the .txt file",
    "zip": "is a ZIP archive; unpack it and give the edition's .txt file",
    "ms-office": (
        "is a Word or Excel 97-2003 document (.doc/.xls); save it as plain text (UTF-8) "
        "and give the .txt file"
    ),
    "rtf": "is an RTF document; save it as plain text (UTF-8) and give the .txt file",
    "png": "is a PNG image, not text; an edition must be a plain-text file",
    "jpeg": "is a JPEG image, not text; an edition must be a plain-text file",
    "gif": "is a GIF image, not text; an edition must be a plain-text file",
    "gzip": "is a gzip archive; unpack it and give the edition's .txt file",
    "bzip2": "is a bzip2 archive; unpack it and give the edition's .txt file",
    "xz": "is an xz archive; unpack it and give the edition's .txt file",
    "7z": "is a 7-Zip archive; unpack it and give the edition's .txt file",
    "rar": "is a RAR archive; unpack it and give the edition's .txt file",
    HTML: "looks like an HTML page; save the page as plain text, HTML editions are not read yet",
    "xml": "is an XML file; an edition must be a plain-text file",
    UTF16_NO_BOM: (
        "looks like UTF-16 text without a byte-order mark; save it as UTF-8, "
        "or give the encoding (--encoding utf-16-le or utf-16-be)"
    ),
    BINARY: "is a binary file (it contains NUL bytes), not an edition text",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_HEAD = 4096
_HTML_START = re.compile(rb"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_NEAR_START = re.compile(rb"<(?:body|head)[\s>]", re.IGNORECASE)
_XML_START = re.compile(rb"\A\s*<\?xml[\s?]", re.IGNORECASE)


def _bom(raw: bytes) -> str | None:
    """The codec named by the byte-order mark at the start of `raw`, if any."""
    for mark, codec in _BOMS:
        if raw.startswith(mark):
            return codec
    return None


def sniff_kind(raw: bytes) -> str:
    """What the bytes are, from their first bytes: ``"text"`` or the kind of non-text.

    Kinds: "text", "html", "xml", "pdf", "docx", "odt", "zip", "ms-office", "rtf",
    "png", "jpeg", "gif", "gzip", "bzip2", "xz", "7z", "rar", "utf-16-no-bom" and
    "binary" (NUL bytes in a file with no UTF-16/32 BOM).  Callers dispatch on it:
    the plain-text reader accepts only "text"; an HTML reader will take "html".
    Only the first 4 KiB are inspected, except for the NUL search (a C-speed scan).
    """
    head = raw[:_HEAD]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head)

    bom = _bom(head)
    if bom is not None and bom != "utf-8-sig":
        # UTF-16/32 text is full of NULs by design; look for markup in the decoded head.
        text_head = head.decode(bom, errors="replace").lstrip("\ufeff").encode("utf-8")
        return _markup_kind(text_head) or TEXT
    if bom == "utf-8-sig":
        head = head[3:]

    markup = _markup_kind(head)
    if markup:
        return markup
    if b"\x00" in raw:
        return UTF16_NO_BOM if _looks_like_utf16(head) else BINARY
    return TEXT


def _zip_kind(head: bytes) -> str:
    # Office files are ZIPs whose first entries name their format; the entry names
    # sit in the local headers near the start, so the head is enough.
    if b"word/" in head:
        return "docx"
    if b"application/vnd.oasis.opendocument.text" in head:
        return "odt"
    return "zip"


def _markup_kind(head: bytes) -> str | None:
    if _HTML_START.match(head):
        return HTML
    if _XML_START.match(head):
        return HTML if re.search(rb"<html[\s>]", head, re.IGNORECASE) else "xml"
    # "<body" or "<head" in the first KiB: a page with a preamble the regex above does not know.
    # Legal text does not contain these tags, so this does not misfire on editions.
    if _HTML_NEAR_START.search(head[:1024]):
        return HTML
    return None


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: in one byte parity, NULs paired with text bytes.

    ASCII characters and newlines in UTF-16 are a text byte and a NUL, always
    in the same order; Cyrillic letters are a byte and 0x04.  Binary data has
    NULs too, but not consistently next to text bytes on one side.
    """
    for low, high in ((head[0::2], head[1::2]), (head[1::2], head[0::2])):  # LE, then BE
        ascii_low = [lo for lo, hi in zip(low, high, strict=False) if hi == 0]
        if len(ascii_low) < 0.05 * len(high) or low.count(0) > 0.05 * len(low):
            continue
        text_bytes = sum(1 for lo in ascii_low if lo in _TEXT_BYTES)
        if text_bytes >= 0.9 * len(ascii_low):
            return True
    return False


_TEXT_BYTES = frozenset(b"\t\n\r" + bytes(range(0x20, 0x7F)))


# ================================================================ decoding


_SINGLE_BYTE = ("cp1251", "kz1048", "ptcp154")
"""Candidates when the bytes are not UTF-8, most common first (the first wins a tie).

They agree on ASCII and on bytes 0xC0-0xFF (А-я); they differ only in
0x80-0xBF, where KZ-1048 and PTCP154 keep the Kazakh letters at different
places and Windows-1251 keeps Serbian, Ukrainian and Belarusian letters and
symbols.  So only those 64 bytes are scored.
"""

_RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_KAZAKH_ONLY = "ӘәҒғҚқҢңӨөҰұҮүҺһ"
_ALPHABET = frozenset(_RUSSIAN + _KAZAKH_ONLY + "Іі")
# Non-ASCII marks that ordinary editions use; they neither help nor hurt a candidate.
_COMMON = frozenset("«»№–—…„“”‘’•·°§\u00a0\u00ad")
# Symbols a Windows code page has and a real text may, rarely, contain.
_RARE = frozenset("‚†‡€‰‹›™¤¦±µ¶©®¬")

_GOOD, _NEUTRAL, _RARE_SYMBOL, _ODD = 1, 0, -1, -2
_LONE_PENALTY = 2
"""A Kazakh-only letter standing alone nets -1 instead of +1.

Kazakh has no one-letter words, and a symbol read in the wrong code page
(Windows-1251 "5 ± 1" read as PTCP154 "5 ұ 1") makes exactly such a lone letter; letter-spaced
headings ("Б Ұ Й Ы Р А М Ы Н") have lone letters too, so the penalty is kept
small enough that they do not decide against the right code page.
"""

_SCORE_SAMPLE = 1 << 20
"""Bytes scored: plenty to decide, and keeps detection time flat for big files."""

_PLAUSIBLE_ODD_SHARE = 0.02
_PLAUSIBLE_ODD_COUNT = 10
"""A decoding with more than 2% odd characters, and at least 10 of them, is wrong.

The right code page gives next to none (0 on the seed, in each of the three);
the wrong ones give 4-9% on the seed (KZ-1048 read as PTCP154: 4.4%, as
Windows-1251: 9.4%), and cp866 read as any candidate over 20%.  The count keeps
a short text with two "€" from being refused.
"""


class Fit(NamedTuple):
    """How well a decoding fits Kazakh or Russian text."""

    score: int
    """+1 per letter of the alphabets, 0 per common mark, -1 per rare symbol, -2 per odd character.

    `score_candidates` also takes 2 per lone Kazakh-only letter and adds the vowel-harmony vote.
    """
    odd: int
    """Characters that scored below 0."""
    counted: int
    """Non-ASCII characters other than common marks."""

    @property
    def odd_share(self) -> float:
        return self.odd / self.counted if self.counted else 0.0

    @property
    def plausible(self) -> bool:
        return self.odd < _PLAUSIBLE_ODD_COUNT or self.odd_share <= _PLAUSIBLE_ODD_SHARE


_NOT_DIFFERING = bytes(range(0x80)) + bytes(range(0xC0, 0x100))
_NOT_SHARED_LETTERS = bytes(range(0xC0))
# A byte of 0x80-0xBF with no letter byte on either side.  Bytes 0x80-0xFF count as
# letters here whatever the code page: close enough, and one pass serves all three.
_LONE_BYTE = re.compile(rb"(?<![A-Za-z\x80-\xff])[\x80-\xbf](?![A-Za-z\x80-\xff])")


def _char_class(char: str) -> int:
    """The weight of one non-ASCII character: +1 letter of the alphabets, 0 mark, -1, -2."""
    if char in _ALPHABET:
        return _GOOD
    if char in _COMMON:
        return _NEUTRAL
    if char in _RARE:
        return _RARE_SYMBOL
    return _ODD


def _byte_table(codec: str) -> dict[int, tuple[int, bool]]:
    """Byte 0x80-0xBF → (weight, is a Kazakh-only letter); undefined bytes are left out."""
    table = {}
    for byte in range(0x80, 0xC0):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
        table[byte] = (_char_class(char), char in _KAZAKH_ONLY)
    return table


_TABLES = {codec: _byte_table(codec) for codec in _SINGLE_BYTE}


def score_candidates(raw: bytes) -> dict[str, Fit]:
    """How each single-byte candidate that can decode `raw` fits (see `Fit`).

    Score: +1 for each letter of the Kazakh or Russian alphabet, 0 for a common
    mark such as « or №, -1 for a symbol texts rarely use (‰ ±), -2 for anything
    else (Serbian or Ukrainian letters such as ј ў є), and -2 more for a lone
    Kazakh-only letter.  KZ-1048 and PTCP154 also get the
    vowel-harmony vote of `_schwa_or_ghayn`.  Only the first MiB is scored, but
    a candidate that cannot decode a byte anywhere in `raw` is left out.
    """
    sample = raw[:_SCORE_SAMPLE]
    counts = Counter(sample.translate(None, _NOT_DIFFERING))
    lone = Counter(match[0] for match in _LONE_BYTE.findall(sample))
    shared = len(sample.translate(None, _NOT_SHARED_LETTERS))  # А-я: +1 in every candidate
    result = {}
    for codec in _SINGLE_BYTE:
        table = _TABLES[codec]
        undefined = [bytes([b]) for b in range(0x80, 0xC0) if b not in table]
        if any(b in raw for b in undefined):
            continue
        score, odd, counted = shared, 0, shared
        for byte, n in counts.items():
            weight, _ = table[byte]
            score += weight * n
            if weight != _NEUTRAL:
                counted += n
            if weight < 0:
                odd += n
        for byte, n in lone.items():
            if table[byte][1]:
                score -= _LONE_PENALTY * n
        result[codec] = Fit(score, odd, counted)
    harmony = _schwa_or_ghayn(sample)
    for codec, sign in (("kz1048", 1), ("ptcp154", -1)):
        if codec in result:
            result[codec] = result[codec]._replace(score=result[codec].score + sign * harmony)
    return result


# Anchored at a word start by the lookbehind, so the scan stays linear.
_AMBIGUOUS_WORD = re.compile(rb"(?<![A-Za-z\x80-\xff])[A-Za-z\x80-\xff]*[\xaa\xba][A-Za-z\x80-\xff]*")
_BACK_VOWELS = b"\xe0\xee\xfb\xc0\xce\xdb"  # а о ы А О Ы, the same byte in all three
_FRONT_VOWELS = b"\xe5\xb3\xc5\xb2"  # е і Е І, the same byte in KZ-1048 and PTCP154


def _schwa_or_ghayn(sample: bytes) -> int:
    """Vowel-harmony evidence for bytes 0xAA/0xBA: > 0 says ғ (KZ-1048), < 0 says ә (PTCP154).

    These two bytes are the only place where KZ-1048 and PTCP154 both read a
    Kazakh letter, Ғ/ғ and Ә/ә respectively, so letter counts cannot tell them
    apart.  Vowel harmony can: ғ sits in back-vowel words (ағым, бағдарлама)
    and ә in front-vowel ones (және, мәселе); in the seed edition 96% of the
    words with ғ have only back vowels and 99% of those with ә only front ones.
    Each such byte votes by the majority of а о ы against е і in its word.
    """
    votes = 0
    for word in _AMBIGUOUS_WORD.findall(sample):
        back = sum(word.count(v) for v in _BACK_VOWELS)
        front = sum(word.count(v) for v in _FRONT_VOWELS)
        if back != front:
            hits = word.count(0xAA) + word.count(0xBA)
            votes += hits if back > front else -hits
    return votes


def fit_text(text: str) -> Fit:
    """How well a text decoded with any codec fits Kazakh or Russian (see `Fit`).

    Used on a text decoded with a *given* encoding, to catch a wrong one; only
    the first 1 Mi characters are looked at.
    """
    score = odd = counted = 0
    for char, n in Counter(text[:_SCORE_SAMPLE]).items():
        if char < "\x80":
            continue
        weight = _char_class(char)
        score += weight * n
        if weight != _NEUTRAL:
            counted += n
        if weight < 0:
            odd += n
    return Fit(score, odd, counted)


def detect_encoding(raw: bytes) -> str | None:
    """The codec to read `raw` with, or None when no candidate gives plausible text.

    BOM first; then strict UTF-8; then the best-scoring of cp1251, kz1048 and
    ptcp154 (`score_candidates`), if its odd share is low enough.  Damaged UTF-8
    is not told apart here: `decode_edition` checks for it first, because only
    it reports errors.
    """
    bom = _bom(raw)
    if bom is not None:
        return bom
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    scores = score_candidates(raw)
    if not scores:
        return None
    # Equal scores go to the one with fewer odd characters, then to the first in
    # _SINGLE_BYTE (max() keeps the first maximum), which is in order of preference.
    codec = max(scores, key=lambda c: (scores[c].score, -scores[c].odd_share))
    return codec if scores[codec].plausible else None


def _damaged_utf8(raw: bytes) -> UnicodeDecodeError | None:
    """The first decoding error of bytes that are UTF-8 except for a few bad bytes.

    In Windows-1251/KZ-1048 Cyrillic text a high byte is almost never followed by
    the continuation bytes UTF-8 needs, so such a file has almost no valid
    multi-byte sequences.  A file where valid sequences outnumber bad bytes ten to
    one is UTF-8 that was cut or damaged, and reading it as a code page would
    turn every letter into nonsense.
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    else:
        return None
    # A sample keeps this cheap; if the first error lies beyond it, the sample is
    # all valid UTF-8 and says "damaged" all the more clearly.
    text = raw[:_SCORE_SAMPLE].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    good = non_ascii - bad
    return first if good >= 8 and good >= 10 * bad else None


def _line_of(raw: bytes, offset: int, codec: str) -> int:
    """The 1-based line (as `normalize_source` counts them) holding byte `offset`."""
    before = raw[:offset].decode(codec, errors="replace")
    return before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def _is_wide(codec: str) -> bool:
    return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def decode_edition(raw: bytes, path: str, encoding: str | None = None) -> DecodedText:
    """Bytes of an edition file to normalised text, or `InputError` saying why not.

    Pure: `path` is used only in messages and in the result.  With `encoding`
    given it is used as is (a BOM of the same family is skipped by
    `normalize_source`); binary and HTML files are refused either way, since no
    encoding makes them an edition text.
    """
    name, path = path, _shown(path)  # `name` for the result, `path` for messages
    if not raw:
        raise InputError(path, "is empty (0 bytes)")

    codec: str | None
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(path, f"cannot be read as {encoding!r}: no such encoding") from None
    else:
        codec = None

    kind = sniff_kind(raw)
    if kind == "docx" or (kind == "zip" and _may_be_word(raw)):
        return _decode_word(raw, name, path)
    if kind in (BINARY, UTF16_NO_BOM) and codec is not None and _is_wide(codec):
        kind = TEXT  # the caller said it is UTF-16/32: the NULs are expected
    if kind != TEXT:
        raise InputError(path, _PROBLEMS[kind])

    if codec is None:
        damaged = _damaged_utf8(raw) if _bom(raw) is None else None
        if damaged is not None:
            raise InputError(
                path,
                f"is UTF-8 text with an invalid byte 0x{raw[damaged.start]:02x} at byte offset "
                f"{damaged.start}; the file is cut or damaged (get it again, or give --encoding)",
                line=_line_of(raw, damaged.start, "utf-8"),
            )
        codec = detect_encoding(raw)
        if codec is None:
            raise InputError(
                path,
                "is not Kazakh or Russian text in UTF-8, UTF-16, Windows-1251, KZ-1048 or PTCP154; "
                "if you know its encoding, give it with --encoding",
            )
        forced = False
    else:
        forced = True

    try:
        # utf-8-sig reports error offsets from after the BOM; plain utf-8 keeps them
        # absolute, and the BOM it leaves as U+FEFF is dropped by normalize_source.
        text = raw.decode("utf-8" if codec == "utf-8-sig" else codec)
    except LookupError:  # a codec of bytes to bytes, such as "base64"
        raise InputError(path, f"cannot be read as {codec!r}: it is not a text encoding") from None
    except UnicodeDecodeError as exc:
        how = "the given encoding" if forced else "the encoding its byte-order mark names"
        raise InputError(
            path,
            f"cannot be decoded as {codec} ({how}): byte 0x{raw[exc.start]:02x} at byte offset "
            f"{exc.start} is not valid in it",
            line=_line_of(raw, exc.start, codec),
        ) from None

    text = normalize_source(text)
    if not text.strip():
        raise InputError(path, "is empty (it holds only whitespace)")
    if forced:
        fit = fit_text(text)
        if not fit.plausible:
            raise InputError(
                path,
                f"read as {codec} (the given encoding) it is not Kazakh or Russian text: "
                f"{fit.odd_share:.0%} of its non-ASCII characters are not Kazakh or Russian letters "
                f"(for example {_odd_examples(text)}); the encoding is probably wrong, "
                "try without --encoding",
            )
    _refuse_mojibake(text, path)
    _refuse_lost_letters(text, path)
    return DecodedText(text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding=codec, path=name)


def _may_be_word(raw: bytes) -> bool:
    """A zip whose "word/" parts start past the sniffed head, or one too broken to list
    (the Word reader says how it is broken); a zip of other files is not."""
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return True
    return any(n.startswith("word/") for n in names)


def _decode_word(raw: bytes, name: str, path: str) -> DecodedText:
    """A .docx edition as the parser's text (amendtrack.word.reader); lxml is loaded only here."""
    from amendtrack.word.reader import read_docx

    word = read_docx(raw, path)
    text = normalize_source("\n".join(word.lines) + "\n")
    if not text.strip():
        raise InputError(path, "is a Word document with no text")
    _refuse_mojibake(text, path)
    notices: tuple[str, ...] = ()
    if word.tracked_changes:
        notices = (f"the Word document holds {word.tracked_changes} tracked change(s); "
                   "they were read as accepted",)
    return DecodedText(text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding="docx", path=name,
                       notices=notices)


def _odd_examples(text: str, limit: int = 3) -> str:
    odd = Counter(ch for ch in text[:_SCORE_SAMPLE] if ch >= "\x80" and _char_class(ch) < 0)
    return " ".join(repr(ch) for ch, _ in odd.most_common(limit))


_MOJIBAKE_LINES = 200


def _refuse_mojibake(text: str, path: str) -> None:
    """Refuse UTF-8 text that was once read as Windows-1251 and saved again ("РљР°Р·Р°").

    Each Cyrillic letter has become two characters; writing such a line back
    as Windows-1251 gives valid UTF-8 again.  Real Kazakh lines cannot be
    written as Windows-1251 and real Russian ones do not give valid UTF-8, so
    if most of the first lines with non-ASCII characters undo this way, the
    file is mojibake.  Only the first 200 such lines are tried.
    """
    tried = undone = 0
    example = ""
    for line in text.split("\n", 20 * _MOJIBAKE_LINES):
        if line.isascii():
            continue
        if tried == _MOJIBAKE_LINES:
            break
        tried += 1
        try:
            line.encode("cp1251").decode("utf-8")
        except UnicodeError:
            continue
        undone += 1
        if not example:
            word = next(w for w in line.split() if not w.isascii())
            with contextlib.suppress(UnicodeError):  # a word may mix in a lost byte
                example = f"{word!r} for {word.encode('cp1251').decode('utf-8')!r}"
    if tried and undone >= 3 and undone > tried / 2:
        raise InputError(
            path,
            "is garbled: it is UTF-8 text that was read as Windows-1251 and saved again"
            + (f" (it has {example})" if example else "")
            + "; get the edition again as UTF-8",
        )


_LOST_LETTER = re.compile(r"\?[\u0400-\u04ff]")
_KAZAKH_I = re.compile(r"[Іі]")
_KAZAKH_ONLY_RE = re.compile(f"[{_KAZAKH_ONLY}]")


def _refuse_lost_letters(text: str, path: str) -> None:
    """Refuse a Kazakh text that lost its Kazakh letters when it was saved.

    Windows-1251 has і but not ә ғ қ ң ө ұ ү һ, so a Kazakh text saved in it
    has those letters replaced by "?" ("?аза?стан"), dropped or folded to
    Russian look-alikes, depending on the program.  Parsed anyway, every word
    with such a letter would differ from other editions and look amended.

    Two signs, neither of which real text shows: "?" directly before a
    Cyrillic letter (three times, so a typo does not count), and many Cyrillic
    і with no Kazakh-only letter at all (Russian has no і; Kazakh prose has
    a Kazakh-only letter in most sentences).
    """
    question = _LOST_LETTER.search(text)
    count = len(_LOST_LETTER.findall(text)) if question is not None else 0
    if question is not None and count >= 3:
        line_start = text.rfind("\n", 0, question.start()) + 1
        line_end = text.find("\n", question.start())
        line_text = text[line_start : line_end if line_end != -1 else None]
        word = next(w for w in line_text.split(" ") if _LOST_LETTER.search(w))
        raise InputError(
            path,
            f"has '?' in place of letters in {count} places (first: {word!r}); it was saved in an "
            "encoding without the Kazakh letters, such as Windows-1251, which lost them: get the "
            "edition again as UTF-8",
            line=text.count("\n", 0, question.start()) + 1,
        )
    sample = text[:_SCORE_SAMPLE]
    i_count = len(_KAZAKH_I.findall(sample))
    if i_count >= 20 and _KAZAKH_ONLY_RE.search(sample) is None:
        raise InputError(
            path,
            f"looks like Kazakh text without its letters ә ғ қ ң ө ұ ү һ (it has {i_count} і and "
            "none of them); it was saved in an encoding without them, such as Windows-1251: get "
            "the edition again as UTF-8",
        )


# ================================================================ writing


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace `path` with `data` (str is written as UTF-8) so readers see old or new, never half.

    The data goes to a hidden temporary file in the same directory (``os.replace``
    is atomic only within one file system), is fsynced, and is then renamed over
    `path`; the directory is fsynced so the rename survives a power cut.  On any
    exception the temporary file is removed and the old `path` is untouched.  A
    process killed with SIGKILL can leave a ``.NAME.*.tmp`` file behind, never a
    half-written `path`.  An existing file's permission bits are kept; a new file
    gets the usual ones (0666 less the umask).  Errors are raised as they come
    (`OSError`, or `UnicodeEncodeError` for a str that is not valid Unicode).
    """
    target = os.fspath(path)
    payload = _payload(data)
    temp = _write_temp(target, payload)
    try:
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise
    _fsync_directory(os.path.dirname(os.path.abspath(target)))


_Path = TypeVar("_Path", bound="str | os.PathLike[str]")


def write_many_atomic(files: Mapping[_Path, str | bytes | Callable[[], str | bytes]]) -> None:
    """Write several files (a report folder) with each file atomic and the set nearly so.

    What is guaranteed, honestly:

    * Every file is, at every moment, either its old content or its new content in full.
    * Nothing is renamed until every new file has been written and fsynced, so any
      failure while writing (a full disk, bad data, a missing folder) leaves all
      targets as they were and no temporary files.
    * The renames happen one after another in the mapping's order.  A reader
      looking during that moment can see some files new and some old, and if a
      rename itself fails (rare: the targets are checked to be non-directories
      first) the files before it are new, the rest old, and the error is raised.
      Put the file that links to the others (the index page) last, so whoever
      sees the new index finds the new pages it links to.

    A file's data may be a function that makes it: it is called just before that
    file is written, so that a report never holds every page in memory at once
    (an error it raises leaves the targets as they were, like any other).
    """
    targets = [os.fsdecode(p) for p in files]
    resolved = [os.path.realpath(t) for t in targets]
    if len(set(resolved)) != len(resolved):
        raise ValueError("write_many_atomic: two entries name the same file")
    # Bad data fails before any disk work; data made by a function is made in turn.
    payloads: list[bytes | Callable[[], str | bytes]] = []
    for data in files.values():
        payloads.append(data if callable(data) else _payload(data))
    for target in targets:
        if os.path.isdir(target):
            raise IsADirectoryError(21, "Is a directory", target)

    temps: list[str] = []
    try:
        for target, payload in zip(targets, payloads, strict=True):
            temps.append(_write_temp(target, _payload(payload()) if callable(payload) else payload))
        for index, (temp, target) in enumerate(zip(temps, targets, strict=True)):
            os.replace(temp, target)
            temps[index] = ""
    except BaseException:
        for temp in temps:
            if temp:
                _remove_quietly(temp)
        raise
    for directory in {os.path.dirname(os.path.abspath(t)) for t in targets}:
        _fsync_directory(directory)


def _payload(data: str | bytes) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"write_atomic: data must be str or bytes, not {type(data).__name__}")


def _write_temp(target: str, payload: bytes) -> str:
    """Write `payload` to a new fsynced temporary file beside `target`; return its path."""
    directory, name = os.path.split(os.path.abspath(target))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    while True:
        temp = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            # O_EXCL: never reuse or follow someone else's file; 0o666 lets the umask apply.
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _fsync_directory(directory: str) -> None:
    """Persist a rename; best effort, since some systems cannot open or fsync a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
