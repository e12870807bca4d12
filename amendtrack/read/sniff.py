"""What kind of file the bytes are: text, HTML, a PDF or office document, UTF-16 without a BOM.

Only the first few KB are looked at; `KIND_PROBLEMS` says, for every refused kind, why
in one line (docs/bad-input.md).
"""

from __future__ import annotations

import re

from amendtrack.i18n import N_

__all__ = [
    "KIND_PROBLEMS",
    "bom_codec",
    "HTML",
    "TEXT",
    "sniff_kind",
]


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

KIND_PROBLEMS: dict[str, str] = {  # messages of the catalogue: raise with i18n.message(...)
    "pdf": N_("is a PDF file; extract its text first (for example with pdftotext) and give the .txt file"),
    "docx": N_("is a Word document (.docx); save it as plain text (UTF-8) and give the .txt file"),
    "odt": N_("is an OpenDocument text (.odt); save it as plain text (UTF-8) and give the .txt file"),
    "zip": N_("is a ZIP archive; unpack it and give the edition's .txt file"),
    "ms-office": N_(
        "is a Word or Excel 97-2003 document (.doc/.xls); save it as plain text (UTF-8) "
        "and give the .txt file"
    ),
    "rtf": N_("is an RTF document; save it as plain text (UTF-8) and give the .txt file"),
    "png": N_("is a PNG image, not text; an edition must be a plain-text file"),
    "jpeg": N_("is a JPEG image, not text; an edition must be a plain-text file"),
    "gif": N_("is a GIF image, not text; an edition must be a plain-text file"),
    "gzip": N_("is a gzip archive; unpack it and give the edition's .txt file"),
    "bzip2": N_("is a bzip2 archive; unpack it and give the edition's .txt file"),
    "xz": N_("is an xz archive; unpack it and give the edition's .txt file"),
    "7z": N_("is a 7-Zip archive; unpack it and give the edition's .txt file"),
    "rar": N_("is a RAR archive; unpack it and give the edition's .txt file"),
    HTML: N_("looks like an HTML page; save the page as plain text, HTML editions are not read yet"),
    "xml": N_("is an XML file; an edition must be a plain-text file"),
    UTF16_NO_BOM: N_(
        "looks like UTF-16 text without a byte-order mark; save it as UTF-8, "
        "or give the encoding (--encoding utf-16-le or utf-16-be)"
    ),
    BINARY: N_("is a binary file (it contains NUL bytes), not an edition text"),
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


def bom_codec(raw: bytes) -> str | None:
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

    bom = bom_codec(head)
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
