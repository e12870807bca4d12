"""The store's texts: each position's title and requirement texts kept once, by key.

Successive editions repeat nearly every text of their positions, and the store
(`history.store`) kept a copy of each in every edition's row.  Instead an edition's
row names each such text by its key (`text_key`, a BLAKE2b digest) and the table
``texts`` holds each text once: a hundred editions keep about one edition's texts.
Reading editions back, one connection decodes each text once and gives every
edition that has it the same string (`TextMemo`).

Pure but for `TextMemo`'s memory: the SQL is the store's, handed in as a function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

_POSITION_TEXTS = ("title", "printed_title")
_REQUIREMENT_TEXTS = ("education", "competence", "duties")
"""The texts of a position dict (`formats.edition_json.position_to_dict`) kept once:
these, and the requirements' experience items."""

TEXTS_KEPT = 50_000
"""At most this many texts are remembered by a `TextMemo` (some 50 MB); past it the
memory starts again, and texts are read again from the table as they are needed."""


@dataclass(frozen=True, slots=True)
class EditionPayload:
    """What the store keeps of an edition (made in a worker process too, history/parallel.py)."""

    json: str
    """The edition's JSON, its positions' texts as keys."""
    texts: tuple[tuple[str, str], ...]
    """(key, text) of each of those texts, once."""


def text_key(text: str) -> str:
    """The key of a text in the ``texts`` table: its BLAKE2b digest (128 bits)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _swap_texts(position: dict[str, Any], swap: Callable[[str], str]) -> None:
    """Replace each kept text of a position dict, in place, by ``swap(text)``."""
    for name in _POSITION_TEXTS:
        position[name] = swap(position[name])
    requirements = position["requirements"]
    for name in _REQUIREMENT_TEXTS:
        requirements[name] = swap(requirements[name])
    requirements["experience"] = [swap(item) for item in requirements["experience"]]


def texts_to_keys(data: dict[str, Any]) -> dict[str, str]:
    """Replace, in an edition's dict (`formats.edition_json.edition_to_dict`), each
    position's kept texts by their keys, in place; returns the texts by key."""
    texts: dict[str, str] = {}

    def to_key(text: str) -> str:
        key = text_key(text)
        texts[key] = text
        return key

    for position in data["positions"]:
        _swap_texts(position, to_key)
    return texts


class TextMemo:
    """The texts one store connection has read or written, by key."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def unknown(self, texts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """Those of `texts` this memory does not hold (the others are in the table)."""
        return [(key, text) for key, text in texts if key not in self._texts]

    def remember(self, texts: Iterable[tuple[str, str]]) -> None:
        """Texts now in the table."""
        self._bound()
        self._texts.update(texts)

    def keys_to_texts(self, data: dict[str, Any], fetch: Callable[[Sequence[str]], Iterable[tuple[str, str]]]) -> None:
        """Put the texts back into a stored edition's dict, in place.

        :param fetch: (key, text) rows of the table for the keys asked (those absent are left out).
        :raises ValueError: a text the edition names is missing, or is not the text of its key.
        """
        wanted: set[str] = set()

        def want(key: str) -> str:
            wanted.add(key)
            return key

        for position in data["positions"]:
            _swap_texts(position, want)
        self._bound()
        missing = sorted(wanted - self._texts.keys())
        if missing:
            for key, text in fetch(missing):
                if not isinstance(text, str) or text_key(text) != key:
                    raise ValueError(f"the text {key[:12]}… is not the text of its key")
                self._texts[key] = text
            absent = [key for key in missing if key not in self._texts]
            if absent:
                raise ValueError(f"{len(absent)} of its texts are missing")
        for position in data["positions"]:
            _swap_texts(position, self._texts.__getitem__)

    def _bound(self) -> None:
        # A long-lived store reading corpus after corpus would otherwise grow without end.
        if len(self._texts) > TEXTS_KEPT:
            self._texts.clear()
