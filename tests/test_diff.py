"""The differ (amendtrack.compare.differ) on the bundled editions and on generated amendments.

The property tests run `AMENDTRACK_DIFF_EXAMPLES` random amendment sets (25 by
default; e.g. ``AMENDTRACK_DIFF_EXAMPLES=500 python3 -m pytest -q
tests/test_diff.py`` for a long run).  Each set is made by tests.support.generate
on the text of the 2014 original, parsed back, and compared: every planned
amendment must be reported, with its kind, and nothing else substantive.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest

from amendtrack import compare_editions, compare_files, compare_texts
from amendtrack.compare.differ import same_act
from amendtrack.compare.records import (
    Comparison,
    FieldChange,
    PositionAdded,
    PositionMatched,
    PositionRemoved,
)
from amendtrack.compare.textdiff import new_text, old_text
from amendtrack.formats.diff_json import SCHEMA, comparison_to_dict, comparison_to_json
from amendtrack.model import Edition, Registration
from amendtrack.parse.edition import parse_edition
from tests.support.generate import (
    AMENDMENTS,
    GeneratedEdition,
    generate_edition,
    layout_rewrite,
)

REPO = Path(__file__).resolve().parent.parent
ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
PUBLISHED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
ORIGINAL_REL = str(ORIGINAL.relative_to(REPO))
EXAMPLES = int(os.environ.get("AMENDTRACK_DIFF_EXAMPLES", "25"))

# Both editions print 152 title lines ending "… С-N санаты" (grep -c "санаты *$").
POSITIONS = 152


@pytest.fixture(scope="module")
def original_text() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def original(original_text: str) -> Edition:
    return parse_edition(original_text, ORIGINAL_REL)


@pytest.fixture(scope="module")
def published() -> Edition:
    return parse_edition(PUBLISHED.read_text(encoding="utf-8"), str(PUBLISHED.relative_to(REPO)))


# ---------------------------------------------------------------- what a correct report is


def problems(c: Comparison, generated: GeneratedEdition) -> list[str]:
    """Everything in which `c` fails the generator's expectations (empty when none)."""
    found: list[str] = []
    by_old = {e.old.id: e for e in c.positions if isinstance(e, PositionMatched | PositionRemoved)}
    added_titles = [e.new.title for e in c.positions if isinstance(e, PositionAdded)]
    explained: set[tuple[object, ...]] = set()
    for x in generated.expected:
        if x.amendment == "add":
            if x.title not in added_titles:
                found.append(f"missed: added position {x.title!r}")
            explained.add(("added", x.title))
            continue
        if x.amendment == "unit_rename":
            if not any(u.old is not None and u.old.name == x.title and u.name and u.name.substantive
                       for u in c.units):
                found.append(f"missed: unit renamed {x.title!r}")
            explained.add(("unit", x.title))
            continue
        entry = by_old.get(x.old_id or "")
        if x.amendment == "remove":
            if not isinstance(entry, PositionRemoved):
                found.append(f"missed: removed {x.title!r} (got {type(entry).__name__})")
            explained.add(("removed", x.old_id))
            continue
        if not isinstance(entry, PositionMatched):
            found.append(f"missed: {x.amendment} of {x.title!r} (position not matched: {type(entry).__name__})")
            continue
        hits = [ch for ch in entry.changes
                if ch.field == x.field and ch.kind == x.kind and (x.action is None or ch.action == x.action)]
        if not hits:
            got = [(ch.field, ch.kind, ch.action) for ch in entry.changes]
            found.append(f"missed: {x.amendment} of {x.title!r} ({x.field}, {x.kind}); got {got}")
        explained.update(("change", x.old_id, ch.field, ch.part, ch.action) for ch in hits)
    for e in c.positions:
        if isinstance(e, PositionAdded) and ("added", e.new.title) not in explained:
            found.append(f"false: added {e.new.title!r}")
        if isinstance(e, PositionRemoved) and ("removed", e.old.id) not in explained:
            found.append(f"false: removed {e.old.title!r}")
        if isinstance(e, PositionMatched):
            for ch in e.changes:
                if ch.substantive and ("change", e.old.id, ch.field, ch.part, ch.action) not in explained:
                    found.append(f"false: {ch.field} {ch.kind} in {e.old.title!r}: {ch.old[:50]!r} → {ch.new[:50]!r}")
    for u in c.units:
        if u.substantive and not (u.old is not None and ("unit", u.old.name) in explained):
            found.append(f"false: unit change {u}")
    return found


def all_changes(c: Comparison) -> list[FieldChange]:
    out = [ch for e in c.positions if isinstance(e, PositionMatched) for ch in e.changes]
    return out + [u.name for u in c.units if u.name is not None]


def rebuild_failures(c: Comparison) -> list[FieldChange]:
    """Changes whose redline does not join back to their old and new texts."""
    return [ch for ch in all_changes(c) if old_text(ch.ops) != ch.old or new_text(ch.ops) != ch.new]


# ---------------------------------------------------------------- the bundled editions


def test_bundled_pair_reports_the_repeal_and_nothing_else(original: Edition, published: Edition) -> None:
    c = compare_editions(original, published)
    s = c.summary
    assert (s.added, s.removed, s.changed, s.unchanged, s.repealed) == (0, 0, 0, 0, POSITIONS)
    assert all(isinstance(e, PositionMatched) and e.status == "repealed" for e in c.positions)
    # No requirement changed: the two texts differ only in the publisher's annotations.
    assert not any(ch.substantive for ch in all_changes(c))
    assert c.units == ()
    # "Күші жойылды - Казақстан Республикасы Ішкі істер министрінің 2015 жылғы
    # 16 қарашадағы № 927 бұйрығымен" (header) and the Ескерту note say the same.
    assert c.repeal is not None
    act = c.repeal.repealing_act
    assert act is not None
    assert (act.citing_act.number, act.citing_act.date.isoformat()) == ("927", "2015-11-16")
    assert [s.source for s in c.repeal.statements] == ["header", "note"]
    assert [a.field for a in c.act] == ["status", "status_text", "repeal_text", "notes"]
    assert [a.substantive for a in c.act] == [True, False, False, False]
    # A repeal is a difference: what was in force is no longer (exit status 1).
    assert c.has_differences


def test_bundled_pair_json(original: Edition, published: Edition) -> None:
    d = comparison_to_dict(compare_editions(original, published))
    assert d["schema"] == SCHEMA == "amendtrack/diff@1"
    assert d["summary"]["repealed"] == POSITIONS
    assert {k: d["old"][k] for k in ("path", "act_number", "status")} == {
        "path": ORIGINAL_REL, "act_number": "161", "status": "in_force"}
    assert d["new"]["status"] == "repealed"
    assert d["act"]["repeal"]["repealing_act"]["number"] == "927"
    assert {p["status"] for p in d["positions"]} == {"repealed"}
    assert all(p["changes"] == [] for p in d["positions"])


def test_no_repeal_without_the_same_act(original: Edition, published: Edition) -> None:
    other_act = replace(published.act, registration=Registration("9999", None))
    other = replace(published, act=other_act)
    assert not same_act(original.act, other.act)
    c = compare_editions(original, other)
    assert c.repeal is None
    assert c.summary.unchanged == POSITIONS and c.summary.repealed == 0


def test_an_edition_against_itself(original: Edition) -> None:
    c = compare_editions(original, original)
    assert c.summary.unchanged == POSITIONS
    assert all_changes(c) == [] and c.units == () and c.act == ()
    assert not c.has_differences


def test_compare_texts_and_files_agree(original_text: str) -> None:
    published_text = PUBLISHED.read_text(encoding="utf-8")
    a = compare_texts(original_text, published_text, "old.txt", "new.txt")
    b = compare_files(str(ORIGINAL), str(PUBLISHED))
    assert a.summary == b.summary
    assert [type(e) for e in a.positions] == [type(e) for e in b.positions]
    assert a.new.source.path == "new.txt" and b.new.source.path == str(PUBLISHED)


# ---------------------------------------------------------------- layout only


@pytest.mark.parametrize("seed", range(3))
def test_a_layout_only_rewrite_has_no_substantive_change(original: Edition, original_text: str, seed: int) -> None:
    generated = layout_rewrite(original, original_text, random.Random(seed), noise_rate=1.0)
    # The rewrite touches every position that can be reprinted (all but the one
    # whose title block shares lines with the annex title), with every noise kind.
    kinds = {n.split(":")[0] for n in generated.noise}
    assert kinds == {"rewrap", "letter_spacing", "page_break", "label_across_break", "trailing_spaces"}
    assert generated.text != original_text
    c = compare_editions(original, parse_edition(generated.text, "rewritten.txt"))
    assert not c.has_differences
    assert c.summary.unchanged == POSITIONS
    assert not any(ch.substantive for ch in all_changes(c))


# ---------------------------------------------------------------- generated amendments


@pytest.mark.parametrize("seed", range(EXAMPLES))
def test_generated_amendments_are_reported_exactly(original: Edition, original_text: str, seed: int) -> None:
    rng = random.Random(seed)
    kinds = [rng.choice(AMENDMENTS) for _ in range(rng.randint(1, 8))]
    generated = generate_edition(original, original_text, rng, kinds)
    assert generated.expected, "the generator made no amendment"
    c = compare_editions(original, parse_edition(generated.text, f"generated-{seed}.txt"))
    assert problems(c, generated) == []
    assert rebuild_failures(c) == []
    assert c.has_differences == any(x.kind != "reordering" for x in generated.expected)


@pytest.mark.parametrize("kind", AMENDMENTS)
def test_each_amendment_kind_alone(original: Edition, original_text: str, kind: str) -> None:
    generated = generate_edition(original, original_text, random.Random(kind), [kind, kind])  # type: ignore[list-item]
    assert [x.amendment for x in generated.expected] == [kind, kind]
    c = compare_editions(original, parse_edition(generated.text, "generated.txt"))
    assert problems(c, generated) == []
    statuses = {e.status for e in c.positions if isinstance(e, PositionMatched)}
    if kind == "reorder":
        # Same words, another order: shown, but the positions stay unchanged.
        assert statuses == {"unchanged"}
        assert [ch.kind for ch in all_changes(c) if ch.kind != "editorial"] == ["reordering", "reordering"]
    if kind == "typo":
        assert sorted(ch.kind for ch in all_changes(c) if ch.kind != "editorial") == ["small", "small"]
        assert c.summary.changed == 2
    if kind == "unit_rename":
        assert statuses == {"unchanged"} and len(c.units) == 2


def test_the_checker_catches_a_differ_that_sees_nothing(original: Edition, original_text: str) -> None:
    generated = generate_edition(original, original_text, random.Random(7), AMENDMENTS)
    blind = compare_editions(original, original)
    assert len(problems(blind, generated)) == len(generated.expected)


def test_experience_items_are_matched_one_to_one(original: Edition) -> None:
    p = next(q for q in original.positions if len(q.requirements.experience.items) == 6)
    items = p.requirements.experience.items
    # Item 2 removed, item 4 changed, a new item before item 6.
    new_items = (items[0], items[2], items[3] + " цифрлық", items[4], "жаңа балама;", items[5])
    changed = replace(p, requirements=replace(
        p.requirements, experience=replace(p.requirements.experience, items=new_items)))
    new = replace(original, positions=tuple(changed if q is p else q for q in original.positions))
    (entry,) = [e for e in compare_editions(original, new).positions
                if isinstance(e, PositionMatched) and e.old is p]
    rows = [(ch.part, ch.action, ch.old_item, ch.new_item) for ch in entry.changes]
    assert rows == [
        ("item", "removed", 2, None),
        ("item", "changed", 4, 3),
        ("item", "added", None, 5),
    ]
    assert [ch.kind for ch in entry.changes] == ["substantive"] * 3
    assert [t for op, t in entry.changes[1].ops if op == 1] == [" цифрлық"]


# ---------------------------------------------------------------- JSON


def test_json_contract_on_a_generated_amendment(original: Edition, original_text: str) -> None:
    generated = generate_edition(original, original_text, random.Random(3), AMENDMENTS)
    new = parse_edition(generated.text, "generated.txt")
    c = compare_editions(original, new)
    text = comparison_to_json(c)
    assert text == comparison_to_json(compare_editions(original, new))  # deterministic
    d = json.loads(text)
    assert {"schema", "old", "new", "summary", "positions"} <= set(d)
    assert set(d["summary"]) >= {"added", "removed", "changed", "unchanged", "repealed"}
    # Every position of both editions exactly once.
    assert sorted(p["old"]["id"] for p in d["positions"] if p["old"]) == sorted(p.id for p in original.positions)
    assert sorted(p["new"]["id"] for p in d["positions"] if p["new"]) == sorted(p.id for p in new.positions)
    for p in d["positions"]:
        for side in ("old", "new"):
            if p[side] is not None:
                assert {"id", "annex", "unit", "title", "category"} <= set(p[side])
        substantive = any(ch["substantive"] for ch in p["changes"])
        assert (p["status"] == "changed") == substantive
        for ch in p["changes"]:
            assert ch["field"] in {"title", "category", "unit", "education", "competence", "experience", "duties"}
            assert "".join(t for op, t in ch["ops"] if op != 1) == ch["old"]
            assert "".join(t for op, t in ch["ops"] if op != -1) == ch["new"]
            assert ch["substantive"] == (ch["kind"] in ("small", "substantive"))
    counts = {s: sum(p["status"] == s for p in d["positions"]) for s in d["summary"] if s in
              ("added", "removed", "changed", "unchanged", "repealed")}
    assert counts == {k: d["summary"][k] for k in counts}
