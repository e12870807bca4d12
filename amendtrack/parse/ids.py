"""Position ids: unique within an edition, and unchanged while the position's own text is.

Printed numbering cannot serve: positions carry no number of their own, unit
numbers restart and jump, and titles repeat (eight "Департамент директоры"; two
"Комитет төрағасының орынбасары" in one committee).  So the id is a short digest
of what the position itself says: annex, title, category and requirements, each
in its comparison form (`normalize.comparable`), so that re-wrapping or
letter-spacing in a later edition does not change it.  Where two positions say
exactly the same, the unit's name is added to the digest, and as a last resort a
"-2", "-3" suffix in document order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from amendtrack.model import Position
from amendtrack.normalize import comparable

ID_PREFIX = "p"
DIGEST_BYTES = 5  # 10 hex digits: collisions among a few hundred positions are negligible


def _digest(parts: list[str]) -> str:
    data = "\x1f".join(parts).encode("utf-8")
    return ID_PREFIX + hashlib.blake2b(data, digest_size=DIGEST_BYTES).hexdigest()


def own_text(position: Position) -> list[str]:
    """The parts of a position that its id depends on, in comparison form."""
    r = position.requirements
    return [
        str(position.annex),
        comparable(position.title),
        position.category.code,
        comparable(r.education),
        comparable(r.competence),
        comparable(r.experience.intro or ""),
        *(comparable(item) for item in r.experience.items),
        comparable(r.experience.trailer or ""),
        comparable(r.duties),
    ]


def position_ids(positions: Sequence[Position]) -> list[str]:
    """Every position's id, in order (see the module docstring)."""
    first = [_digest(own_text(p)) for p in positions]
    repeated = {digest for digest, count in Counter(first).items() if count > 1}
    ids = []
    for p, digest in zip(positions, first):
        if digest in repeated:
            unit = p.unit.name if p.unit else ""
            sub = p.subunit.name if p.subunit else ""
            digest = _digest(own_text(p) + [comparable(unit), comparable(sub)])
        ids.append(digest)
    seen: dict[str, int] = {}
    out = []
    for digest in ids:
        seen[digest] = seen.get(digest, 0) + 1
        out.append(digest if seen[digest] == 1 else f"{digest}-{seen[digest]}")
    return out


def assign_ids(positions: Sequence[Position]) -> list[Position]:
    """Every position with its id (see the module docstring)."""
    return [replace(p, id=i) for p, i in zip(positions, position_ids(positions), strict=True)]
