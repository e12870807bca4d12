"""The package's stages import one way (issue 10): nothing imports a later stage.

The stages, in the order the data flows (README, Layout): the basics (errors,
i18n, normalize, residue), dates and the model, read/, parse/, compare/, history/, the
outputs (formats/, write, report/, word/), and the front doors (cli/, api).
Every ``import`` counts, the lazy ones inside functions too: a lazy import only
hides a dependency from start-up, not from a newcomer reading the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "amendtrack"

STAGES = {
    "errors": 0, "i18n": 0, "normalize": 0, "residue": 0,
    "dates": 1, "model": 1,
    "read": 2,
    "parse": 3,
    "compare": 4,
    "history": 5,
    "formats": 6, "write": 6, "report": 6, "word": 6,
    "cli": 7, "api": 7, "__main__": 7,
}

# Imports of a later stage that are there on purpose, each with its reason.
ALLOWED = {
    # The store caches parsed editions as edition@1, with the format's own writer and
    # reader (one serialisation of the model, not two).
    ("amendtrack.history.store", "amendtrack.formats.edition_json"),
    # A .docx edition is read by the Word package's reader (lxml, loaded only then):
    # the package reads and writes the one file format.
    ("amendtrack.read.text", "amendtrack.word.reader"),
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The amendtrack modules `path` imports (``from a.b import c`` counts a.b, and
    a.b.c when that is a module)."""
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "amendtrack":
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names} & modules
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "amendtrack"}
    return found


def _stage(module: str) -> int | None:
    """The stage of `module`; None for the package itself (it holds only the version
    and lazy names for programs)."""
    parts = module.split(".")
    return STAGES[parts[1]] if len(parts) > 1 else None


def test_every_module_belongs_to_a_stage():
    tops = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in PACKAGE.rglob("*.py")}
    assert tops - {"__init__"} <= set(STAGES), sorted(tops - {"__init__"} - set(STAGES))


def test_no_module_imports_a_later_stage():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        here = _stage(module)
        for imported in sorted(_imports(path)):
            there = _stage(imported)
            if here is not None and there is not None and there > here and (module, imported) not in ALLOWED:
                upward.append(f"{module} -> {imported}")
    assert upward == []


def test_the_allowed_exceptions_are_still_needed():
    # An exception that no longer happens is removed from the list, so that it cannot
    # hide a new one.
    for module, imported in ALLOWED:
        path = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
        assert imported in _imports(path), (module, imported)
