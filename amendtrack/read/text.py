"""An edition file as text: the bounded read, the sniff, the encoding, the refusals of damaged text.

An edition arrives as a file somebody saved from a browser, a PDF extractor or a
Word export, so "bad input" is the normal case: a PDF given instead of its text,
an HTML page, a Word document, a file in a Windows code page, an empty file.
Every such file must end in one clear `InputError` naming the file and the
problem, never in a traceback and never in silently wrong text.

IO happens only at the edges: `read_text` does the ``stat`` and one bounded
``read`` (`amendtrack.read.files`); everything after that (`decode_edition`,
`sniff_kind`, `detect_encoding`, `score_candidates`) is a pure function of the
bytes, so it can be tested without files and reused by readers of other formats.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass

from amendtrack.errors import InputError
from amendtrack.i18n import message
from amendtrack.normalize import normalize_source
from amendtrack.read.encoding import (
    SCORE_SAMPLE,
    detect_encoding,
    fit_text,
    odd_examples,
    refuse_lost_letters,
    refuse_mojibake,
)
from amendtrack.read.files import DEFAULT_MAX_BYTES, printable_path, read_bounded
from amendtrack.read.sniff import (
    BINARY,
    KIND_PROBLEMS,
    TEXT,
    UTF16_NO_BOM,
    bom_codec,
    sniff_kind,
)

__all__ = [
    "DecodedText",
    "decode_edition",
    "read_text",
]


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
    text = raw[:SCORE_SAMPLE].decode("utf-8", errors="replace")
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
    name, path = path, printable_path(path)  # `name` for the result, `path` for messages
    if not raw:
        raise InputError(path, message("is empty (0 bytes)"))

    codec: str | None
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(path, message("cannot be read as %(encoding)s: no such encoding",
                                              encoding=repr(encoding))) from None
    else:
        codec = None

    kind = sniff_kind(raw)
    if kind == "docx" or (kind == "zip" and _may_be_word(raw)):
        return _decode_word(raw, name, path)
    if kind in (BINARY, UTF16_NO_BOM) and codec is not None and _is_wide(codec):
        kind = TEXT  # the caller said it is UTF-16/32: the NULs are expected
    if kind != TEXT:
        raise InputError(path, message(KIND_PROBLEMS[kind]))

    if codec is None:
        damaged = _damaged_utf8(raw) if bom_codec(raw) is None else None
        if damaged is not None:
            raise InputError(
                path,
                message("is UTF-8 text with an invalid byte %(byte)s at byte offset %(offset)s; "
                        "the file is cut or damaged (get it again, or give --encoding)",
                        byte=f"0x{raw[damaged.start]:02x}", offset=damaged.start),
                line=_line_of(raw, damaged.start, "utf-8"),
            )
        codec = detect_encoding(raw)
        if codec is None:
            raise InputError(
                path,
                message("is not Kazakh or Russian text in UTF-8, UTF-16, Windows-1251, KZ-1048 or PTCP154; "
                        "if you know its encoding, give it with --encoding"),
            )
        forced = False
    else:
        forced = True

    try:
        # utf-8-sig reports error offsets from after the BOM; plain utf-8 keeps them
        # absolute, and the BOM it leaves as U+FEFF is dropped by normalize_source.
        text = raw.decode("utf-8" if codec == "utf-8-sig" else codec)
    except LookupError:  # a codec of bytes to bytes, such as "base64"
        raise InputError(path, message("cannot be read as %(encoding)s: it is not a text encoding",
                                              encoding=repr(codec))) from None
    except UnicodeDecodeError as exc:
        values = {"encoding": codec, "byte": f"0x{raw[exc.start]:02x}", "offset": exc.start}
        problem = (
            message("cannot be decoded as %(encoding)s (the given encoding): byte %(byte)s at byte offset "
                    "%(offset)s is not valid in it", **values) if forced else
            message("cannot be decoded as %(encoding)s (the encoding its byte-order mark names): byte %(byte)s "
                    "at byte offset %(offset)s is not valid in it", **values)
        )
        raise InputError(
            path,
            problem,
            line=_line_of(raw, exc.start, codec),
        ) from None

    text = normalize_source(text)
    if not text.strip():
        raise InputError(path, message("is empty (it holds only whitespace)"))
    if forced:
        fit = fit_text(text)
        if not fit.plausible:
            raise InputError(
                path,
                message("read as %(encoding)s (the given encoding) it is not Kazakh or Russian text: "
                        "%(share)s of its non-ASCII characters are not Kazakh or Russian letters "
                        "(for example %(examples)s); the encoding is probably wrong, try without --encoding",
                        encoding=codec, share=f"{fit.odd_share:.0%}", examples=odd_examples(text)),
            )
    refuse_mojibake(text, path)
    refuse_lost_letters(text, path)
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
        raise InputError(path, message("is a Word document with no text"))
    refuse_mojibake(text, path)
    notices: tuple[str, ...] = ()
    if word.tracked_changes:
        notices = (f"the Word document holds {word.tracked_changes} tracked change(s); "
                   "they were read as accepted",)
    return DecodedText(text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding="docx", path=name,
                       notices=notices)
