"""The interface's languages: Russian, Kazakh and English, from gettext catalogues.

Only the interface is translated (headings, labels, statuses, explanations); the
act's text is always shown as printed, in the language it was published in.

The messages are English (the msgids); the catalogues are the standard
``amendtrack/locale/<lang>/LC_MESSAGES/amendtrack.po``, compiled to the ``.mo``
that is read here (`python3 -m tests.i18n_catalogue --write` extracts, updates and
compiles them with Babel; tests/test_i18n.py fails when a catalogue misses a
message or its ``.mo`` is stale).

The language in effect is a context variable, so the one jinja2 environment and
the page builders translate into whatever `interface_language` set, and a page
rendered in Kazakh cannot leak its language into the next page.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
"""The interface languages, in the order the help lists them."""

DEFAULT_LANGUAGE = "ru"
"""The language when neither the user nor the corpus says: the one most readers share."""

DOMAIN = "amendtrack"

LANGUAGE_NAMES: Mapping[str, str] = {"ru": "русский", "kk": "қазақша", "en": "English"}

_ACTIVE: ContextVar[str] = ContextVar("amendtrack_interface_language", default="en")


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `language` (English: the messages themselves)."""
    if language == "en":
        return _gettext.NullTranslations()
    path = resources.files("amendtrack").joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    with path.open("rb") as handle:
        return _gettext.GNUTranslations(handle)


def active_language() -> str:
    """The interface language in effect."""
    return _ACTIVE.get()


@contextmanager
def interface_language(language: str) -> Iterator[None]:
    """Translate into `language` inside the block.

    :raises ValueError: for a language the interface does not have.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}: one of {', '.join(LANGUAGES)}")
    token = _ACTIVE.set(language)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def gettext(message: str) -> str:
    """`message` in the interface language in effect."""
    return translations(_ACTIVE.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message that agrees with `count` (Russian has three)."""
    return translations(_ACTIVE.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now (for tables of
    words defined at import time, translated where they are shown)."""
    return message


_ = gettext


class _Shown:
    """What `Message` and `Joined` share: English by `str`, the interface language by
    `translated`, both from the one `_render` each defines."""

    __slots__ = ()

    def _render(self, catalogue: _gettext.NullTranslations) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self._render(_ENGLISH)

    def translated(self) -> str:
        """In the interface language in effect (`interface_language`)."""
        return self._render(translations(_ACTIVE.get()))


@dataclass(frozen=True, slots=True)
class Message(_Shown):
    """A sentence for people, kept as its English msgid and its values until it is shown.

    Code below the interface (the history's reasoning about dates, say) cannot know the
    language of the page that will show its words, so it returns a Message: `str()` gives
    the English (JSON, terminal text and the golden files keep it), `translated()` the
    interface language in effect.  A value may itself be a Message (or `Joined`
    messages), translated with it.  A counted message (`plural_message`) keeps its
    plural msgid and the count that chooses the form.
    """

    msgid: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int = 1

    def _render(self, catalogue: _gettext.NullTranslations) -> str:
        if self.plural is not None:
            text = catalogue.ngettext(self.msgid, self.plural, self.count)
        else:
            text = catalogue.gettext(self.msgid) if self.msgid else ""
        if not self.params:
            return text
        values = {k: v._render(catalogue) if isinstance(v, _Shown) else v for k, v in self.params}
        return text % values


@dataclass(frozen=True, slots=True)
class Joined(_Shown):
    """Messages shown one after another with a separator ("; "), each translated."""

    separator: str
    parts: tuple[Message | Joined, ...]

    def _render(self, catalogue: _gettext.NullTranslations) -> str:
        return self.separator.join(part._render(catalogue) for part in self.parts)


_ENGLISH = _gettext.NullTranslations()


def message(msgid: str, **params: object) -> Message:
    """A `Message`; ``message`` is also a gettext keyword, so the catalogue finds `msgid`."""
    return Message(msgid, tuple(sorted(params.items())))


def plural_message(singular: str, plural: str, count: int, **params: object) -> Message:
    """A counted `Message`: the form agreeing with `count` is chosen when it is shown
    (Russian has three); a catalogue keyword like ``ngettext``."""
    return Message(singular, tuple(sorted(params.items())), plural, count)


def joined(separator: str, parts: Iterable[Message | Joined]) -> Joined:
    """`parts` shown with `separator` between them, each in the page's language."""
    return Joined(separator, tuple(parts))


def message_values_to_dict(said: Message) -> dict[str, object]:
    """`said`'s values as JSON data: a value that is a message is ``{"message_id", "values"}``."""
    return {k: {"message_id": v.msgid, "values": message_values_to_dict(v)} if isinstance(v, Message) else v
            for k, v in said.params}


def message_from_dict(msgid: str, values: Mapping[str, object]) -> Message:
    """The `Message` that `message_values_to_dict` wrote."""
    def value(v: object) -> object:
        if isinstance(v, dict) and set(v) == {"message_id", "values"}:
            return message_from_dict(str(v["message_id"]), v["values"])
        return v
    return message(msgid, **{k: value(v) for k, v in values.items()})


def language_from_environment(environ: Mapping[str, str] | None = None, *, locale: bool = True) -> str | None:
    """The interface language the environment asks for: ``AMENDTRACK_LANG``, then (with
    `locale`) the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext reads them);
    None when none of them names a language the interface has (``C.UTF-8``, ``POSIX``…).

    The locale says how a person's terminal talks to them, so it may choose the words of
    messages; it does not choose the language of reports written for others to read.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("AMENDTRACK_LANG", "").strip().lower()
    if chosen:
        return chosen  # checked by the caller, so a typo is an error, not ignored
    if not locale:
        return None
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


class TranslatedLabels(Mapping[str, str]):
    """A table of words for the data's codes, written in English (the msgids) and
    read in the interface language in effect at the time of the lookup.

    The tables are built at import time, before any language is chosen, so the
    translation has to wait until a page asks for a word.
    """

    __slots__ = ("_messages",)

    def __init__(self, messages: Mapping[str, str]) -> None:
        self._messages = dict(messages)

    def __getitem__(self, key: str) -> str:
        return gettext(self._messages[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)
