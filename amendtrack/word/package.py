"""Opening a .docx package safely: a zip of XML that anyone can craft.

A .docx arrives from e-mail, so the package is checked before any XML is
parsed, and each refusal is one `InputError` naming the file:

* not a zip, or a damaged one (`zipfile.BadZipFile`, a bad CRC);
* a zip bomb: more than `MAX_ENTRIES` entries, or more than
  `MAX_UNCOMPRESSED` bytes declared in total, or a part that inflates past its
  declared size (the declared sizes are the attacker's, so every read is bounded
  again by `MAX_PART`);
* an entry name that climbs out of the package (absolute, ``..``, a drive
  letter or a backslash): harmless to us, since nothing is ever extracted to
  disk, but no honest Word document has one;
* an encrypted entry (zip encryption) -- an Office-encrypted document is an OLE
  file, which `read.sniff.sniff_kind` already calls "ms-office";
* a macro-enabled document (.docm: a macro content type or ``vbaProject.bin``);
* a zip that is not a Word document (no main document part).

XML is parsed by lxml with entity resolution, DTD loading and network access
off, and a document with a DOCTYPE is refused: Word never writes one, and a
DOCTYPE is how XXE and "billion laughs" attacks begin.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from amendtrack.errors import InputError

MAX_ENTRIES = 1000
"""Word writes a dozen or two parts; a thousand is generous and still cheap to list."""
MAX_UNCOMPRESSED = 100 * 1024 * 1024
"""Declared total size of all parts.  A seed-sized edition's document.xml is under 2 MiB."""
MAX_PART = 50 * 1024 * 1024
"""The most bytes read out of any one part, whatever its header declares."""

MAIN_PART = "word/document.xml"
COMMENTS_PART = "word/comments.xml"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_TYPES = re.compile(rb"macroEnabled|vbaProject|vnd\.ms-office\.vba", re.IGNORECASE)
_BAD_NAME = re.compile(r"(^[/\\])|(^[A-Za-z]:)|\\|(^|/)\.\.(/|$)")


def open_package(raw: bytes, path: str) -> zipfile.ZipFile:
    """The zip of a .docx, after the package checks; raises `InputError` saying why not.

    :param path: the file, for messages only.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise InputError(path, "is a damaged zip archive; it cannot be read as a Word document") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(path, f"is a zip archive with {len(infos)} entries (more than {MAX_ENTRIES}); "
                               "refused as a likely zip bomb, not a Word document")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNCOMPRESSED:
        raise InputError(path, f"unpacks to {declared} bytes (more than {MAX_UNCOMPRESSED}); "
                               "refused as a likely zip bomb")
    for info in infos:
        if _BAD_NAME.search(info.filename):
            raise InputError(path, f"holds an entry named {info.filename!r} that points outside the package; "
                                   "refused (no Word document has one)")
        if info.flag_bits & 0x1:
            raise InputError(path, "is an encrypted zip archive; save the document without a password")
    names = {i.filename for i in infos}
    types = read_part(package, "[Content_Types].xml", path) if "[Content_Types].xml" in names else b""
    if _MACRO_TYPES.search(types) or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise InputError(path, "is a macro-enabled Word document (.docm); save it as .docx (macros are refused)")
    if MAIN_PART not in names or _WORD_MAIN.encode() not in types:
        raise InputError(path, "is a zip archive but not a Word document ([Content_Types].xml declares no "
                               "word/document.xml main part)")
    return package


def read_part(package: zipfile.ZipFile, name: str, path: str) -> bytes:
    """One part's bytes, never more than `MAX_PART`; raises `InputError` for a bomb or bad CRC."""
    try:
        with package.open(name) as stream:
            data = stream.read(MAX_PART + 1)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted entry; NotImplementedError: an unknown compression method.
        raise InputError(path, f"is a damaged zip archive (its part {name} cannot be read)") from None
    if len(data) > MAX_PART:
        raise InputError(path, f"has a part {name} that unpacks to more than {MAX_PART} bytes; "
                               "refused as a likely zip bomb")
    return data


def parse_xml(data: bytes, path: str, part: str) -> Any:
    """An lxml element tree of one part, parsed with entities, DTDs and network off.

    :raises InputError: not well-formed XML, or a DOCTYPE (refused: see the module docstring).
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"has a damaged {part} (not well-formed XML: {exc.msg})") from None
    if root.getroottree().docinfo.doctype:
        raise InputError(path, f"has a DOCTYPE in {part}; refused as unsafe (Word never writes one)")
    return root
