"""The corpus manifest: which acts (works) and editions (expressions) the corpus holds.

`corpus/manifest.toml` states, for every act, the facts a text alone does not
settle (its official code, which edition is which, what produced each edition,
from when each applies) and pins every file by its SHA-256.  The format is
documented in docs/manifest.md.

Reading is strict: an unknown key, a missing file, a wrong type or a duplicate
edition is an `InputError` naming the manifest and the key, because a typo in
a manifest would otherwise surface much later as a wrong history.  The hashes
are checked where the files are read anyway, when a corpus is loaded
(history.corpus.load_edition).

Dates that the sources do not give are `LegalDate`s with bounds, never a
plausible guess.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from amendtrack.dates import LegalDate
from amendtrack.errors import InputError
from amendtrack.model import Status
from amendtrack.parse.notes import CitingAct

FORMAT = 1
STATUSES: tuple[Status, ...] = ("in_force", "repealed")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE_KEYS = {"on", "after", "on_or_after", "before", "on_or_before"}


@dataclass(frozen=True, slots=True)
class Expression:
    """One edition of a work: a file holding the act's text as it stood for a while."""

    file: str
    """Path relative to the manifest's directory, with "/" separators."""
    sha256: str
    language: str
    status: Status
    produced_by: CitingAct
    """The act that produced this text: the work itself for its original edition,
    the amending or repealing act otherwise (dictionary forms, not printed ones)."""
    applies_from: LegalDate
    """From when this text applies; unknown (with bounds) when the sources do not say."""
    derived_from: str | None = None
    """For a reconstructed edition, the file it was derived from (see history/derive.py)."""

    @property
    def date(self) -> dt.date:
        """The edition's date: the date of the act that produced it (names the file)."""
        return self.produced_by.date

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "language": self.language,
            "status": self.status,
            "date": self.date.isoformat(),
            "produced_by": self.produced_by.to_dict(),
            "applies_from": self.applies_from.to_dict(),
            "derived_from": self.derived_from,
        }


@dataclass(frozen=True, slots=True)
class Work:
    """A legal act as a whole, independent of its editions."""

    slug: str
    """Stable identifier; also the corpus directory holding the work's files."""
    code: str
    """The official code of the act in the state register (e.g. "V1400009344")."""
    issuer: str
    act_type: str
    number: str
    date: dt.date
    registration_number: str
    registration_date: dt.date
    languages: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]
    """(language, title) pairs in the order of `languages`."""
    expressions: tuple[Expression, ...]

    def title(self, language: str) -> str:
        return dict(self.titles)[language]

    def editions(self, language: str) -> tuple[Expression, ...]:
        """The work's editions in one language, oldest first."""
        return tuple(sorted((e for e in self.expressions if e.language == language), key=lambda e: e.date))

    def editions_on(self, language: str, query: dt.date) -> tuple[Expression, ...]:
        """The editions that may be the one applying on `query`, oldest first.

        An edition is left out only when it certainly had not yet taken effect,
        or the next edition certainly had.  With unknown dates several editions
        can remain; with one left, check its `applies_from.reached_by(query)`
        to know whether it had taken effect at all.
        """
        editions = self.editions(language)
        out = []
        for i, edition in enumerate(editions):
            if edition.applies_from.reached_by(query) is False:
                continue
            later = editions[i + 1] if i + 1 < len(editions) else None
            if later is not None and later.applies_from.reached_by(query) is True:
                continue
            out.append(edition)
        return tuple(out)

    def to_dict(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "code": self.code,
            "issuer": self.issuer,
            "act_type": self.act_type,
            "number": self.number,
            "date": self.date.isoformat(),
            "registration": {"number": self.registration_number, "date": self.registration_date.isoformat()},
            "languages": list(self.languages),
            "title": dict(self.titles),
            "expressions": [e.to_dict() for e in self.expressions],
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    """A validated manifest: the works of a corpus and where their files are."""

    path: str
    """The manifest file as given to `load_manifest`."""
    works: tuple[Work, ...]

    @property
    def root(self) -> Path:
        """The directory expression files are relative to."""
        return Path(self.path).parent

    def resolve(self, expression: Expression) -> Path:
        """The path of an edition's file."""
        return self.root / expression.file

    def work(self, slug: str) -> Work:
        """:raises KeyError: when no work has this slug."""
        for work in self.works:
            if work.slug == slug:
                return work
        raise KeyError(slug)


# ---------------------------------------------------------------- IO edge


MANIFEST_NAME = "manifest.toml"


def find_manifest(corpus: str | os.PathLike[str]) -> Path:
    """The manifest of a corpus given as its folder or as the manifest file itself.

    :raises InputError: no such folder or file, a folder without manifest.toml,
        or a file that is not a ``.toml`` manifest.
    """
    path = Path(corpus)
    if path.is_dir():
        manifest = path / MANIFEST_NAME
        if not manifest.is_file():
            raise InputError(str(path), f"is not a corpus: it holds no {MANIFEST_NAME}")
        return manifest
    if path.is_file():
        if path.suffix.lower() != ".toml":
            # An edition text given where the corpus goes; read as TOML it would
            # fail with "Invalid statement (at line 1, column 1)", which helps nobody.
            raise InputError(str(path), f"is a file, not a corpus folder; give the folder that holds "
                             f"{MANIFEST_NAME} (or the manifest itself)")
        return path
    raise InputError(str(path), "no such corpus folder or manifest")


def load_manifest(path: str | Path) -> Manifest:
    """Read and validate a manifest; every file it names must exist.

    :raises InputError: on unreadable or invalid TOML, on any validation
        problem, and when a named file is missing.  Hashes are not checked
        here; call `verify`.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(name, f"cannot read manifest: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(name, f"manifest is not UTF-8 ({exc.reason})") from exc
    manifest = _manifest_of_text(text, name)
    for work in manifest.works:
        for expression in work.expressions:
            target = manifest.resolve(expression)
            if not target.is_file():
                problem = ("is a folder, expected an edition text file" if target.is_dir()
                           else "is not a regular file (a device, pipe or socket)" if target.exists()
                           else "file not found")
                raise InputError(name, f"{expression.file}: {problem} (relative to {manifest.root})")
    return manifest


@functools.lru_cache(maxsize=8)
def _manifest_of_text(text: str, name: str) -> Manifest:
    """The manifest a text holds (the file's own checks are `load_manifest`'s).

    Cached on the text itself: a report reads its manifest four times (its
    language, the run's key, the corpus, each work), and the TOML parse and
    validation of a manifest of a hundred editions take some 20 ms a time.

    :raises InputError: invalid TOML, or a validation problem.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(name, f"not valid TOML: {exc}") from exc
    return parse_manifest(data, name)


# ---------------------------------------------------------------- validation


def parse_manifest(data: dict[str, Any], path: str) -> Manifest:
    """Validate parsed TOML data (no file access).  `path` names it in errors."""
    v = _Validator(path)
    v.keys(data, "", required={"format", "work"})
    if data["format"] != FORMAT:
        v.fail("format", f"unsupported format {data['format']!r} (this version reads {FORMAT})")
    works = tuple(v.work(w, f"work[{i}]") for i, w in enumerate(v.tables(data["work"], "work")))
    v.unique([w.slug for w in works], "work", "slug")
    v.unique([e.file for w in works for e in w.expressions], "work", "expression file")
    return Manifest(path, works)


class _Validator:
    """Checks one manifest; every failure names the file and the key path."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> NoReturn:
        raise InputError(self.path, f"{where}: {problem}" if where else problem)

    def keys(self, table: Any, where: str, required: set[str], optional: Collection[str] = ()) -> None:
        if not isinstance(table, dict):
            self.fail(where, "expected a table")
        unknown = sorted(set(table) - required - set(optional))
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(unknown)}")
        missing = sorted(required - set(table))
        if missing:
            self.fail(where, f"missing key(s) {', '.join(missing)}")

    def tables(self, value: Any, where: str) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
            self.fail(where, "expected one or more [[tables]]")
        return value

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}", "expected a non-empty string")
        return value

    def day(self, table: dict[str, Any], key: str, where: str) -> dt.date:
        value = table[key]
        # tomllib gives date for a bare 2014-04-09 and datetime for a timestamp;
        # a quoted "2014-04-09" is a string.  Only a plain date is a legal date.
        if not isinstance(value, dt.date) or hasattr(value, "hour"):
            self.fail(f"{where}.{key}", "expected a TOML date such as 2014-04-09 (no quotes)")
        return value

    def unique(self, values: list[Any], where: str, what: str) -> None:
        seen = set()
        for value in values:
            if value in seen:
                shown = " ".join(str(v) for v in value) if isinstance(value, tuple) else repr(value)
                self.fail(where, f"duplicate {what} {shown}")
            seen.add(value)

    def work(self, t: dict[str, Any], where: str) -> Work:
        self.keys(t, where, required={"slug", "code", "issuer", "act_type", "number", "date",
                                      "registration", "languages", "title", "expression"})
        reg = t["registration"]
        self.keys(reg, f"{where}.registration", required={"number", "date"})
        languages = t["languages"]
        if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
            self.fail(f"{where}.languages", "expected a non-empty list of language codes")
        self.unique(languages, f"{where}.languages", "language")
        self.keys(t["title"], f"{where}.title", required=set(languages))
        titles = tuple((lang, self.text(t["title"], lang, f"{where}.title")) for lang in languages)
        slug = self.text(t, "slug", where)
        expressions = tuple(
            self.expression(e, f"{where}.expression[{i}]", slug, languages)
            for i, e in enumerate(self.tables(t["expression"], f"{where}.expression"))
        )
        self.unique([(e.language, e.date) for e in expressions], f"{where}.expression",
                    "edition (language, date)")
        files = {e.file for e in expressions}
        for i, e in enumerate(expressions):
            if e.derived_from is not None and (e.derived_from not in files or e.derived_from == e.file):
                self.fail(f"{where}.expression[{i}].derived_from",
                          f"{e.derived_from!r} is not another edition of this work")
        return Work(
            slug=slug,
            code=self.text(t, "code", where),
            issuer=self.text(t, "issuer", where),
            act_type=self.text(t, "act_type", where),
            number=self.text(t, "number", where),
            date=self.day(t, "date", where),
            registration_number=self.text(reg, "number", f"{where}.registration"),
            registration_date=self.day(reg, "date", f"{where}.registration"),
            languages=tuple(languages),
            titles=titles,
            expressions=expressions,
        )

    def expression(self, t: dict[str, Any], where: str, slug: str, languages: list[str]) -> Expression:
        self.keys(t, where, required={"file", "sha256", "language", "status", "produced_by", "applies_from"},
                  optional={"derived_from"})
        file = self.file(t, "file", where, slug)
        sha = self.text(t, "sha256", where)
        if not _SHA256.fullmatch(sha):
            self.fail(f"{where}.sha256", "expected 64 lower-case hex digits")
        language = self.text(t, "language", where)
        if language not in languages:
            self.fail(f"{where}.language", f"{language!r} is not among the work's languages {languages}")
        status = self.text(t, "status", where)
        if status not in STATUSES:
            self.fail(f"{where}.status", f"expected one of {', '.join(STATUSES)}, got {status!r}")
        p = t["produced_by"]
        self.keys(p, f"{where}.produced_by", required={"issuer", "type", "number", "date"})
        produced_by = CitingAct(
            issuer=self.text(p, "issuer", f"{where}.produced_by"),
            type=self.text(p, "type", f"{where}.produced_by"),
            number=self.text(p, "number", f"{where}.produced_by"),
            date=self.day(p, "date", f"{where}.produced_by"),
        )
        derived = self.file(t, "derived_from", where, slug) if "derived_from" in t else None
        return Expression(file, sha, language, status, produced_by,
                          self.legal_date(t["applies_from"], f"{where}.applies_from"), derived)

    def file(self, t: dict[str, Any], key: str, where: str, slug: str) -> str:
        value = self.text(t, key, where)
        pure = PurePosixPath(value)
        if pure.is_absolute() or ".." in pure.parts or "\\" in value:
            self.fail(f"{where}.{key}", f"{value!r}: expected a relative path with / separators, no '..'")
        if pure.parts[0] != slug:
            self.fail(f"{where}.{key}", f"{value!r} is not under the work's directory {slug!r}")
        return value

    def legal_date(self, t: Any, where: str) -> LegalDate:
        self.keys(t, where, required=set(), optional=_DATE_KEYS | {"rule", "basis"})
        days = {k: self.day(t, k, where) for k in sorted(_DATE_KEYS & set(t))}
        rule = self.text(t, "rule", where) if "rule" in t else None
        basis = self.text(t, "basis", where) if "basis" in t else None
        if "on" in days and len(days) > 1:
            self.fail(where, "a known date ('on') takes no bounds")
        try:
            if "on" in days:
                return LegalDate.known(days["on"], rule=rule, basis=basis)
            return LegalDate.unknown(
                after=days.get("after"), on_or_after=days.get("on_or_after"),
                before=days.get("before"), on_or_before=days.get("on_or_before"),
                rule=rule, basis=basis,
            )
        except ValueError as exc:
            self.fail(where, str(exc))
