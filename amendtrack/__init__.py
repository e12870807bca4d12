"""amendtrack: track how legal acts that set civil-service qualification requirements change.

The public API, at three input levels that all return the same `Comparison`::

    compare_files(old_path, new_path)  →  compare_texts(old, new)  →  compare_editions(old, new)

and for one edition: ``parse_file(path)`` → ``parse_edition(text)``; for a corpus folder,
``load_corpus(folder)``.  `amendtrack.api` gathers the file-level entry points in one module.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "compare_editions", "compare_files", "compare_texts", "load_corpus", "parse_edition",
           "parse_file"]

_LAZY = {
    "compare_editions": "amendtrack.compare.differ",
    "compare_files": "amendtrack.compare.differ",
    "compare_texts": "amendtrack.compare.differ",
    "load_corpus": "amendtrack.api",
    "parse_edition": "amendtrack.parse.edition",
    "parse_file": "amendtrack.parse.edition",
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `amendtrack --help` and other commands do
    # not pay for loading the differ and the parser they do not need.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'amendtrack' has no attribute {name!r}")
