"""Amendments of the order's own text, for the generator (tests/support/generate.py).

`PROVISION_AMENDMENTS`, opt-in like tests.support.generate.DIRECTED_AMENDMENTS, so that the
corpora the default amendment set generates (and the tests that pin them) stay
as they were:

* ``point_reword``: a new word in a numbered point ("changed");
* ``preamble_number``: a number of the legal basis (a year, an article) changed
  ("changed");
* ``subpoint_add``: a new sub-point after the last sub-point of a point ("added");
* ``subpoint_remove``: a sub-point removed ("removed");
* ``point_renumber``: the last point renumbered to the next free number
  ("renumbered").

They edit lines before the first annex, which the position amendments never
touch, so both combine in one generated edition.  Each provision gets at most
one amendment; one that fits nothing is left out of the expectations.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.model import Edition
from amendtrack.parse.provisions import Provision, provisions_of

__all__ = ["PROVISION_AMENDMENTS", "ProvisionAmendment", "amend_provisions"]

PROVISION_AMENDMENTS: tuple[str, ...] = (
    "point_reword", "preamble_number", "subpoint_add", "subpoint_remove", "point_renumber",
)

_NEW_WORDS = {"kk": ("цифрлық", "инновациялық", "аналитикалық"), "ru": ("цифровой", "инновационной", "аналитической")}
_NEW_SUBPOINT = {"kk": "осы бұйрықтың цифрлық көшірмесін мұрағатқа жіберуін;",
                 "ru": "направление цифровой копии настоящего приказа в архив;"}
_SPACED = re.compile(r"(?:\w ){3}")


@dataclass(frozen=True, slots=True)
class ProvisionAmendment:
    """One amendment of the order's text, and the record a correct differ must make."""

    amendment: str
    address: str
    """The provision's address in OLD ("added": its address in NEW)."""
    status: str
    """The provision_diff status expected: "changed", "added", "removed" or "renumbered"."""
    old_word: str
    """A word (or number) of OLD's text that the record's old text holds ("" when added)."""
    new_word: str
    """A word (or number) the record's new text holds ("" when removed)."""


def _plain_line(lines: list[str], p: Provision) -> int | None:
    """A line of the provision with three words or more and no letter-spacing."""
    for no in range(p.lines.first, p.lines.last + 1):
        line = lines[no - 1]
        if len(line.split()) >= 4 and not _SPACED.search(line):
            return no
    return None


_PLACES_FIRST = ("point_renumber", "subpoint_remove", "subpoint_add", "preamble_number", "point_reword")


def amend_provisions(
    edition: Edition, text: str, rng: random.Random, kinds: Sequence[str]
) -> tuple[str, tuple[ProvisionAmendment, ...]]:
    """`text` with the provision amendments `kinds` (in that order), and what each must produce.

    :param edition: the edition `text`'s order part was parsed from (its lines
        before the first annex must be the ones `edition` read).
    :param text: the edition's text.
    :param rng: decides everything.
    :param kinds: amendments from `PROVISION_AMENDMENTS`, repeats allowed.
    """
    lines = text.split("\n")
    language = edition.language if edition.language in _NEW_WORDS else "kk"
    provisions = [p for p in provisions_of(edition) if p.lines.first > 0]
    used: set[str] = set()
    # (line number, lines to remove, lines to insert) edits, applied bottom up.
    edits: list[tuple[int, int, list[str]]] = []
    out: list[ProvisionAmendment] = []
    points = [p for p in provisions if p.role == "point"]
    numbers = [p.number for p in points]

    def free(candidates: list[Provision]) -> list[Provision]:
        taken_lines = {no for first, n, _ in edits for no in range(first, first + max(n, 1))}
        return [p for p in candidates if p.address not in used and p.parent not in used
                and not any(no in taken_lines for no in range(p.lines.first, p.lines.last + 1))]

    # The amendments with the fewest places to go first: the renumbering has one
    # (the last point), a removal needs a point with two sub-points left; what
    # the rng picks for a rewording must not take those places away.
    for kind in sorted(kinds, key=_PLACES_FIRST.index):
        if kind == "point_reword":
            cands = [p for p in free(points) if _plain_line(lines, p)]
            if not cands:
                continue
            p = rng.choice(cands)
            no = _plain_line(lines, p)
            assert no is not None
            words = lines[no - 1].split(" ")
            k = next(i for i, w in enumerate(words) if w and not w[0].isdigit())
            new_word = rng.choice(_NEW_WORDS[language])
            words.insert(k + 1, new_word)
            edits.append((no, 1, [" ".join(words)]))
            out.append(ProvisionAmendment(kind, p.address, "changed", "", new_word))
        elif kind == "preamble_number":
            cands = [p for p in free([p for p in provisions if p.role == "preamble"])]
            found = [(p, no, m) for p in cands for no in range(p.lines.first, p.lines.last + 1)
                     for m in re.finditer(r"(?<![\w-])\d{1,4}(?![\w])", lines[no - 1])]
            if not found:
                continue
            p, no, m = rng.choice(found)
            old_number = m.group()
            new_number = str(int(old_number) + rng.randint(1, 5))
            line = lines[no - 1]
            edits.append((no, 1, [line[: m.start()] + new_number + line[m.end():]]))
            out.append(ProvisionAmendment(kind, p.address, "changed", old_number, new_number))
        elif kind in ("subpoint_add", "subpoint_remove"):
            subs = [p for p in provisions if p.role == "subpoint"]
            last_of: dict[str, Provision] = {}
            for s in subs:
                last_of[s.parent or ""] = s
            cands = free(list(last_of.values()) if kind == "subpoint_add" else subs)
            if kind == "subpoint_remove":
                # Keep one sub-point per point: a point without any reads differently.
                cands = [s for s in cands if sum(1 for t in subs if t.parent == s.parent) > 1]
            if not cands:
                continue
            s = rng.choice(cands)
            if kind == "subpoint_add":
                sub_number = re.match(r"(\d+)\)", s.number or "")
                if sub_number is None:
                    continue
                number = f"{int(sub_number.group(1)) + 1})"
                indent = re.match(r"\s*", lines[s.lines.first - 1]).group()  # type: ignore[union-attr]
                edits.append((s.lines.last + 1, 0, [f"{indent}{number} {_NEW_SUBPOINT[language]}"]))
                address = f"{s.parent}__subpoint_{number.rstrip(')')}"
                out.append(ProvisionAmendment(kind, address, "added", "", _NEW_SUBPOINT[language].split()[2]))
            else:
                edits.append((s.lines.first, s.lines.last - s.lines.first + 1, []))
                out.append(ProvisionAmendment(kind, s.address, "removed", s.text.split()[-1], ""))
            used.add(s.address)
            continue
        elif kind == "point_renumber":
            if not points:
                continue
            p = points[-1]
            point_number = re.match(r"(\d+)\.", p.number or "")
            if not free([p]) or point_number is None or numbers.count(p.number) > 1:
                continue
            line = lines[p.lines.first - 1]
            at = line.find(p.number or "")
            new_number = f"{int(point_number.group(1)) + 1}."
            edits.append((p.lines.first, 1, [line[:at] + new_number + line[at + len(p.number or ""):]]))
            out.append(ProvisionAmendment(kind, p.address, "renumbered", p.number or "", new_number))
        else:
            raise ValueError(f"unknown provision amendment {kind!r}")
        used.add(out[-1].address)
    for first, count, new_lines in sorted(edits, key=lambda e: -e[0]):
        lines[first - 1: first - 1 + count] = new_lines
    return "\n".join(lines), tuple(out)
