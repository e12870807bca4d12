"""The interface's gettext catalogues: extract, update, compile (Babel).

    python3 -m tests.i18n_catalogue            # check: exit 1 when a catalogue is stale
    python3 -m tests.i18n_catalogue --write    # extract, merge into the .po, compile the .mo

The messages are extracted from the package's Python code (``_``, ``gettext``,
``ngettext``, ``N_``) and from its jinja2 templates (``_``, ``ngettext``); each
``amendtrack/locale/<lang>/LC_MESSAGES/amendtrack.po`` keeps its translations
across updates, and a message that lost its place in the code is dropped.  The
``.mo`` files read at run time are compiled from the ``.po`` and committed, so
running the tool needs no Babel; tests/test_i18n.py checks they agree.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "amendtrack"
LOCALE = PACKAGE / "locale"
TRANSLATED = ("ru", "kk")
HEADER = """\
# The interface of amendtrack in {language} (see amendtrack/i18n.py).
# Update with `python3 -m tests.i18n_catalogue --write`; the act's own text is never translated."""
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "message": None, "parse_warning": (2,),
            "plural_message": (1, 2)}
METHODS = [("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true",
                                    "trim_blocks": "true", "lstrip_blocks": "true"}}


def extracted() -> Catalog:
    """Every message the code and the templates use, with where each is used."""
    catalog = Catalog(project="amendtrack", domain="amendtrack", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, METHODS, OPTIONS, KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [(f"amendtrack/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "amendtrack.po"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def updated(language: str, template: Catalog) -> Catalog:
    """The language's catalogue with the template's messages: translations kept,
    obsolete messages dropped, never a fuzzy guess from a similar message."""
    catalog = read_catalog(language) if po_path(language).exists() else Catalog(locale=language, domain="amendtrack")
    # The dates in the header go into the .mo: keep the catalogue's own, so that the
    # same messages always compile to the same bytes.
    created, revised = catalog.creation_date, catalog.revision_date
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.creation_date, catalog.revision_date = created, revised
    catalog.header_comment = HEADER.format(language=language)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, include_previous=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str]) -> int:
    write = "--write" in argv
    template = extracted()
    stale = []
    for language in TRANSLATED:
        catalog = updated(language, template)
        po, mo = po_bytes(catalog), mo_bytes(catalog)
        mo_file = po_path(language).with_suffix(".mo")
        if write:
            po_path(language).parent.mkdir(parents=True, exist_ok=True)
            po_path(language).write_bytes(po)
            mo_file.write_bytes(mo)
            missing = [m.id for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
            print(f"{po_path(language)}: {len(catalog)} messages, {len(missing)} untranslated")
        elif not mo_file.exists() or mo_file.read_bytes() != mo:
            stale.append(str(mo_file))
    if stale:
        print("stale: " + ", ".join(stale) + " (python3 -m tests.i18n_catalogue --write)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
