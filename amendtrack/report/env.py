"""The one jinja2 environment of the reports: templates, filters, inlined assets, CSP;
and a page's JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from amendtrack import i18n
from amendtrack.report.context import (
    GENERATOR,
)
from amendtrack.report.diff_context import (
    DiffPage,
)
from amendtrack.report.history_context import (
    IndexPage,
    PositionHistoryPage,
)
from amendtrack.report.parts import act_words

# ================================================================ rendering


# Bidirectional controls reorder the text around them without being visible: in
# an official Kazakh or Russian text they can only be damage or mischief, and a
# reviewer must see them rather than read words in an order the edition does not
# have.  They are shown as a visible code point, the rest of the text untouched.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> Markup:
    """Edition text for the page: escaped, with bidi controls made visible.

    The result is Markup, so it is the one place outside the templates that
    builds HTML: every piece of the text goes through `Markup.escape` first.
    """
    out = []
    last = 0
    for match in _BIDI_CONTROLS.finditer(text):
        out.append(Markup.escape(text[last:match.start()]))
        code = f"U+{ord(match.group()):04X}"
        out.append(Markup('<span class="ctl" title="{1} {0}">[{0}]</span>').format(code, i18n.gettext("invisible control character")))
        last = match.end()
    out.append(Markup.escape(text[last:]))
    return Markup("").join(out)


def _shown_plain(text: str) -> str:
    """Edition text where no markup may go (the page's <title>): bidi controls as
    visible ``[U+202E]``, the rest untouched; autoescape escapes the result."""
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _or_unknown(value: Any) -> Markup:
    """A value to show (as `_shown` shows it), or "unknown" when it is missing: unknown
    stays visibly unknown."""
    return Markup.escape(i18n.gettext("unknown")) if value is None or value == "" else _shown(str(value))


# The languages of the acts, in the interface's words ("kk" → "Kazakh", "қазақ тілі").
_LANGUAGE_NAMES = i18n.TranslatedLabels({"kk": i18n.N_("Kazakh"), "ru": i18n.N_("Russian")})


def _language_name(code: Any) -> Markup:
    """An edition's language by name; a code the interface has no name for, as given."""
    if code is None or code == "":
        return _or_unknown(code)
    return Markup.escape(_LANGUAGE_NAMES[code]) if code in _LANGUAGE_NAMES else _shown(str(code))


@dataclass(frozen=True, slots=True)
class _Asset:
    """An inlined stylesheet or script and the CSP source that allows exactly it."""

    text: Markup
    csp: str


def _asset(name: str, closing: str) -> _Asset:
    text = resources.files("amendtrack").joinpath("templates", name).read_text(encoding="utf-8")
    # Inlined raw into <style>/<script>; a closing tag inside would end the element early.
    if closing in text.lower():
        raise RuntimeError(f"templates/{name} contains {closing!r}")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return _Asset(text=Markup(text), csp=f"'sha256-{digest}'")


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs, beside the store of parsed editions.

    Compiling the templates took about 0.4 s of every run that renders a page (a
    `diff --format html`, a report after a new edition).  jinja2 checks each entry
    against its template's source and this Python; the folder's name adds this
    module's own source and jinja2's version, since the environment's options
    (set below) change the compiled code too.  It is only a cache: a folder that
    cannot be read or written is no error, the templates are compiled as before.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> _TemplateCache | None:
    from amendtrack.history.store import default_store_path

    own = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    folder = default_store_path().parent / f"templates-{own}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one jinja2 environment of the reports: package templates, autoescape,
    StrictUndefined, and only the filters registered here."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("amendtrack", "templates"),
        bytecode_cache=_template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Interface words come from the gettext catalogues of amendtrack/i18n.py, in the
    # language `interface_language` set when the page is rendered.
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["ui_lang"] = i18n.active_language
    env.filters["act_words"] = act_words
    env.filters["or_unknown"] = _or_unknown
    env.filters["language_name"] = _language_name
    env.filters["shown"] = _shown
    env.filters["shown_plain"] = _shown_plain
    css = _asset("report.css", "</style")
    js = _asset("report.js", "</script")
    env.globals["inline_css"] = css.text
    env.globals["inline_js"] = js.text
    # No default source: nothing is fetched, framed or submitted.  Only the two
    # inlined assets are allowed, by hash.
    env.globals["csp"] = (
        f"default-src 'none'; style-src {css.csp}; script-src {js.csp}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    env.globals["generator"] = GENERATOR
    return env


def _render(template: str, page: Any) -> str:
    return environment().get_template(template).render(page=page)



def page_json(page: DiffPage | IndexPage | PositionHistoryPage) -> str:
    """A page's context as JSON: the same data the HTML shows, keys sorted.

    :param page: a page context.
    """
    return json.dumps(asdict(page), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


