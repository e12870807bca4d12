"""An amendment generator, for tests and benchmarks: a new edition's TEXT with
chosen amendments and chosen layout noise, plus what a correct differ must report.

It works on the text, so that the parser is exercised as well as the differ:
every position an amendment or a noise touches is printed anew as a clean block
(title line, table header, four labelled fields; `render_position`), changed and
spliced back in place of its lines; untouched positions keep their lines as
printed.  Everything is decided by the `random.Random` passed in, so a seed gives
the same text and the same expectations every time.

**Amendments** (`AMENDMENTS`), at most one per position so that what each one
must produce is clear:

* ``rename`` (a word added to the title), ``category`` (another code), ``move``
  (to the end of another unit of the annex), ``add`` (a new position with a
  title and duties of words the act does not use), ``remove``;
* ``words`` (a word added to education, competence or duties),
  ``experience_add`` / ``experience_remove`` / ``experience_change`` (an item
  added before another item, an item other than the last removed, a word added
  to an item);
* ``typo`` (two neighbouring letters of a long word swapped: "small"),
  ``reorder`` (two neighbouring words swapped: "reordering", not substantive);
* ``unit_rename`` (a word added to a unit heading: one unit change, no position
  change).

**Noise** (`NOISE`) changes only the layout: ``rewrap`` (another line width),
``letter_spacing`` (lines printed "к е м  е м е с ;"), ``page_break`` (three
blank lines inside a field), ``label_across_break`` (a field's first lines
printed before its label, with a page break between, as the PDF extraction does),
``trailing_spaces`` (on any line of the text), all made by `tests.support.damage`.
Every noise is applied wherever it can occur, whether or not the parser reads
it back: tests/test_generate.py checks that it does, and names the block when
it does not.  `GeneratedEdition.dropped_noise` is kept for its readers and is
always empty.

**Ambiguity.**  Some plans have no single right answer: a removed position that
is more like a renamed one than the renamed one's old self *is* the better
match.  Such amendments are left out while planning (see `_unambiguous`), using
`planned_similarity`: the score docs/json-diff.md documents for the matcher,
computed here from the planned positions with a plain dynamic-programming LCS,
never by calling the matcher, so that a regression in the matcher fails the
tests instead of silently shrinking what they expect.

**What is left out, and why.**  An amendment that cannot be made is recorded in
`GeneratedEdition.dropped` as "kind: reason": "no position fits" (nothing in the
edition has what the amendment needs: decided from the plan's positions),
"ambiguous" (above), "unreadable" (the reprinted block would not read as the
planned position; the one check that still asks the parser, see `_reads_back`).
tests/test_generate.py fails when more than `MAX_DROPPED_SHARE` of the planned
amendments over its fixed seeds is dropped.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from amendtrack.compare.match import DEFAULT_THRESHOLD
from amendtrack.model import Category, Edition, Experience, Position, Unit
from amendtrack.normalize import clean_line, comparable, join_lines, words
from amendtrack.parse.edition import parse_edition
from amendtrack.parse.facts import year_numbers
from amendtrack.parse.fields import parse_body
from amendtrack.parse.headings import is_heading_paragraph, split_title_block
from amendtrack.parse.ids import own_text
from tests.support import damage
from tests.support.generate_provisions import PROVISION_AMENDMENTS, ProvisionAmendment, amend_provisions

__all__ = [
    "AMENDMENTS",
    "DIRECTED_AMENDMENTS",
    "NOISE",
    "PROVISION_AMENDMENTS",
    "ExpectedChange",
    "GeneratedEdition",
    "amendment_chain",
    "generate_edition",
    "layout_rewrite",
    "render_position",
]

Amendment = Literal[
    "rename", "category", "move", "add", "remove", "words", "experience_add",
    "experience_remove", "experience_change", "typo", "reorder", "unit_rename",
    "years_more", "years_less", "education_field_add", "education_field_remove",
]
AMENDMENTS: tuple[Amendment, ...] = (
    "rename", "category", "move", "add", "remove", "words", "experience_add",
    "experience_remove", "experience_change", "typo", "reorder", "unit_rename",
)
# Amendments with a direction (compare/direction.py), left out of the default mix so that
# the expectations of existing seeds stay as they were.
DIRECTED_AMENDMENTS: tuple[Amendment, ...] = (
    "years_more", "years_less", "education_field_add", "education_field_remove",
)
Noise = Literal["rewrap", "letter_spacing", "page_break", "label_across_break", "trailing_spaces"]
NOISE: tuple[Noise, ...] = ("rewrap", "letter_spacing", "page_break", "label_across_break", "trailing_spaces")

# Words the seed act does not use, so that an added word is always a new word
# (never a reordering or a typo fix of one already there).  Test data only.
_NEW_WORDS = {
    "kk": ("цифрлық", "инновациялық", "аналитикалық", "стратегиялық-жобалық", "кибер-қауіпсіздік",
           "геоақпараттық", "мониторингтік", "интеграциялық", "сапалық-бағалау", "логистикалық"),
    "ru": ("цифровой", "инновационной", "аналитической", "проектной", "киберзащиты",
           "геоинформационной", "мониторинговой", "интеграционной", "логистической", "оценочной"),
}
_NEW_TITLES = {
    "kk": ("Жобалық кеңсенің аға талдаушысы", "Цифрлық трансформация орталығының үйлестірушісі",
           "Геоақпараттық жүйелер тобының маманы", "Киберқорғаныс зертханасының жетекшісі"),
    "ru": ("Старший аналитик проектного офиса", "Координатор центра цифровой трансформации",
           "Специалист группы геоинформационных систем", "Руководитель лаборатории киберзащиты"),
}
_NEW_DUTIES = {
    "kk": ("Жобалық портфельді жүргізу; геоақпараттық деректерді жаңарту; "
           "киберқорғаныс саясатын үйлестіру; цифрлық сервистерді енгізу.",),
    "ru": ("Ведение проектного портфеля; обновление геоинформационных данных; "
           "координация политики киберзащиты; внедрение цифровых сервисов.",),
}
_NEW_ITEMS = {
    "kk": ("цифрлық жобаларды басқару саласында жұмыс өтілі бес жылдан кем емес;",
           "халықаралық сертификаттың болуы;"),
    "ru": ("стаж работы в области управления цифровыми проектами не менее пяти лет;",
           "наличие международного сертификата;"),
}
_LABELS = {
    "kk": ("Өлшемшарттар Талаптар", "Білімі", "Кәсіби құзыреттілігі", "Практикалық тәжірибесі",
           "Функционалдық міндеттері"),
    "ru": ("Критерии Требования", "Образование", "Профессиональная компетентность", "Практический опыт",
           "Функциональные обязанности"),
}
_HEADER, _FIELD_LABELS = 0, {"education": 1, "competence": 2, "experience": 3, "duties": 4}


@dataclass(frozen=True, slots=True)
class ExpectedChange:
    """One thing a correct differ must report for a generated edition."""

    amendment: Amendment
    old_id: str | None
    """The position's id in OLD (None for "add" and "unit_rename")."""
    title: str
    """The position's title in NEW ("add", "rename", ...) or OLD ("remove"), or the
    unit's old name ("unit_rename")."""
    field: str | None = None
    """The changed field ("title", "category", "unit", "education", ...), if any."""
    kind: str | None = None
    """The expected kind: "substantive", "small" or "reordering"."""
    part: str | None = None
    """For experience: "item"."""
    action: str | None = None
    """For experience items: "added", "removed" or "changed"."""
    direction: str | None = None
    """For `DIRECTED_AMENDMENTS`: the direction intended, "stricter" or "looser"."""


@dataclass(frozen=True, slots=True)
class GeneratedEdition:
    """A generated edition text and what a differ must report against its source."""

    text: str
    expected: tuple[ExpectedChange, ...]
    noise: tuple[str, ...]
    """The noise applied, as "kind:position id" (or "trailing_spaces:N" lines)."""
    dropped_noise: tuple[str, ...]
    """Noise left out (none is: every noise is applied wherever it can occur)."""
    provisions: tuple[ProvisionAmendment, ...] = ()
    """The amendments of the order's own text (tests/support/generate_provisions.py) and what each must produce."""
    dropped: tuple[str, ...] = ()
    """The planned amendments left out, as "kind: reason" (see the module docstring)."""


MAX_DROPPED_SHARE = 0.02
"""The most of the planned amendments the generator may leave out over tests/test_generate.py's seeds."""


# ---------------------------------------------------------------- rendering


_ITEM_START = re.compile(r"^\d{1,2}\s*\)")
_NO_BREAK_BEFORE = tuple(",;:.)»!?")
_NO_BREAK_AFTER = ("(", "«")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most about `width` characters that join_lines joins back to `text`.

    A line is never started with a mark that join_lines would glue to the line
    before (there is no space to break at), nor with something that reads as a
    list item ("3)"): items are paragraphs of their own.
    """
    if not text:
        return []
    words = text.split(" ")
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        breakable = (
            len(current) + 1 + len(word) > width
            and not word.startswith(_NO_BREAK_BEFORE)
            and not current.endswith(_NO_BREAK_AFTER)
            and not _ITEM_START.match(word)  # a list item starts a line of its own
        )
        if breakable:
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    if join_lines(lines) != text or any(clean_line(line) != line for line in lines):
        return [text]  # the text does not survive wrapping here: keep it on one line
    return lines


def _experience_lines(e: Experience, width: int) -> list[str]:
    if not e.numbered and len(e.items) <= 1 and e.intro is None and e.trailer is None:
        return _wrap(e.items[0], width) if e.items else []
    lines = _wrap(e.intro, width) if e.intro else []
    for k, item in enumerate(e.items, start=1):
        lines += _wrap(f"{k}) {item}", width)
    if e.trailer:
        lines += _wrap(e.trailer, width)
    return lines


def _field_lines(p: Position, width: int) -> dict[str, list[str]]:
    r = p.requirements
    return {
        "education": _wrap(r.education, width),
        "competence": _wrap(r.competence, width),
        "experience": _experience_lines(r.experience, width),
        "duties": _wrap(r.duties, width),
    }


def _title_line(p: Position, language: str) -> str:
    if language == "ru":
        return f"{p.title}, категория {p.category.printed}"
    return f"{p.title}, {p.category.printed} санаты"


def render_position(p: Position, language: str = "kk", width: int = 80) -> list[str]:
    """A position printed as a clean block: title line, table header, labelled fields.

    :param p: the position.
    :param language: "kk" or "ru": the language of the labels.
    :param width: the line width the field texts are wrapped to.
    """
    labels = _LABELS[language]
    fields = _field_lines(p, width)
    lines = [_title_line(p, language), "", labels[_HEADER]]
    for name in ("education", "competence", "experience", "duties"):
        lines += ["", labels[_FIELD_LABELS[name]], *fields[name]]
    return lines


def _heading_lines(unit: Unit | None, name: str | None = None) -> list[str]:
    if unit is None:
        return []
    name = name or unit.name
    return [f"{unit.number}. {name}" if unit.number else name, ""]


# ---------------------------------------------------------------- noise


def _noisy_block(
    p: Position, language: str, rng: random.Random, noise: Sequence[Noise]
) -> tuple[list[str], list[str]]:
    """A block for `p` with the chosen block noise: (lines, applied).

    Every noise is applied wherever it can occur (a field with the lines it
    needs), with `tests.support.damage`; none is checked against the parser here:
    tests/test_generate.py reads the blocks back and names any that fail.
    """
    labels = _LABELS[language]
    width = rng.randint(35, 110) if "rewrap" in noise else 80
    applied: list[str] = ["rewrap"] if "rewrap" in noise else []
    fields = _field_lines(p, width)
    # Each field: its label, then its text lines (blank runs inside kept).
    text: dict[str, list[str]] = {name: list(lines) for name, lines in fields.items()}
    displaced: dict[str, list[str]] = {}

    def filled(name: str) -> list[int]:
        return [i for i, row in enumerate(text[name]) if row.strip()]

    names = ("education", "competence", "experience", "duties")
    for kind in ("letter_spacing", "page_break", "label_across_break"):
        if kind not in noise:
            continue
        need = 1 if kind == "letter_spacing" else 2
        where = [name for name in names if len(filled(name)) >= need and name not in displaced]
        if not where:
            continue  # no field of this block has the lines this noise needs
        name = rng.choice(where)
        rows = filled(name)
        if kind == "letter_spacing":
            tail = rng.choice((None, 2))
            text[name] = damage.letter_space(text[name], rng.choice(rows), tail_words=tail)
        elif kind == "page_break":
            text[name] = damage.page_break(text[name], rng.choice(rows[1:]))
        else:
            label = labels[_FIELD_LABELS[name]]
            style = rng.choice(("own", "split", "glued") if " " in label else ("own", "glued"))
            displaced[name] = damage.displace_label(text[name], label, rng.randint(1, len(rows) - 1), style)
        applied.append(kind)
    lines = [_title_line(p, language), "", labels[_HEADER]]
    for name in names:
        lines += ["", *(displaced.get(name) or [labels[_FIELD_LABELS[name]], *text[name]])]
    return lines, applied


def _reads_back(block: list[str], p: Position) -> bool:
    """Whether the field reader and the title splitter read `block` as `p`."""
    title_line = clean_line(block[0])
    split = split_title_block([title_line])
    if split.heading is not None or not split.title_text.startswith(p.title):
        return False
    body = list(enumerate(block[1:], start=2))
    parsed = parse_body(body)
    if parsed.requirements != p.requirements or parsed.unplaced:
        return False
    # The last paragraph must not look like a unit heading: the parser would
    # hand it to the next position.
    paragraphs: list[list[str]] = [[]]
    for line in block:
        if line.strip():
            paragraphs[-1].append(clean_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    last = paragraphs[-1] or paragraphs[-2]
    return is_heading_paragraph(last) is None


# ---------------------------------------------------------------- planning


@dataclass
class _Plan:
    """Changes to the source text, by position index; applied by `_apply`."""

    positions: tuple[Position, ...]
    language: str
    new: dict[int, Position | None]
    """Index → the position as it must read in NEW (None: removed)."""
    moved_to: dict[int, int]
    """Index → index of the position after which it is printed now."""
    added: list[tuple[int, Position]]
    """(index after which it is printed, the new position)."""
    unit_names: dict[tuple[int, int], str]
    """(annex, ordinal) → the unit's new name."""
    expected: list[ExpectedChange]
    touchable: frozenset[int]
    """Positions that can be reprinted (see `_touchable`)."""
    dropped: list[str] = field(default_factory=list)
    """Amendments left out, as "kind: reason"."""


def _touchable(edition: Edition) -> list[int]:
    """Positions the generator may change: all four fields present, not sharing
    lines with the annex title, own text not repeated elsewhere (its id would
    then depend on its unit), and a clean reprint that reads back the same."""
    digests: dict[tuple[str, ...], int] = {}
    for p in edition.positions:
        key = tuple(own_text(p))
        digests[key] = digests.get(key, 0) + 1
    annex_end = {a.number: a.lines.last for a in edition.annexes}
    out = []
    for k, p in enumerate(edition.positions):
        r = p.requirements
        if not (r.education and r.competence and r.duties and r.experience.items):
            continue
        if p.lines.first <= annex_end.get(p.annex, 0) or digests[tuple(own_text(p))] > 1:
            continue
        if _reads_back(render_position(p, edition.language), p):
            out.append(k)
    return out


def _word_spans(text: str) -> list[re.Match[str]]:
    """Whole words of letters only (a word with a digit is never a typo fix)."""
    return list(re.finditer(r"(?<!\w)[^\W\d_]+(?!\w)", text))


def _add_word(text: str, rng: random.Random, language: str) -> str:
    """A new word inserted between two words of the text."""
    word = rng.choice(_NEW_WORDS[language])
    gaps = [m.start() for m in re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", text)]
    if not gaps:
        return f"{text} {word}" if text else word
    at = rng.choice(gaps)
    return f"{text[:at]} {word}{text[at:]}"


def _typo(text: str, rng: random.Random) -> str | None:
    """Two neighbouring inner letters of a long word swapped (a Damerau edit)."""
    choices = []
    for m in _word_spans(text):
        w = m.group(0)
        if len(w) < 6:
            continue
        for i in range(1, len(w) - 2):
            if w[i] != w[i + 1] and w[i].islower() and w[i + 1].islower():
                choices.append((m.start() + i))
    if not choices:
        return None
    i = rng.choice(choices)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _reorder(text: str, rng: random.Random) -> str | None:
    """Two neighbouring, different words swapped (only a space between them)."""
    pairs = [
        m for m in re.finditer(r"(?<![\w-])([^\W\d_]+) ([^\W\d_]+)(?![\w-])", text)
        if m.group(1) != m.group(2)
    ]
    if not pairs:
        return None
    m = rng.choice(pairs)
    return text[: m.start()] + f"{m.group(2)} {m.group(1)}" + text[m.end() :]


def _with_field(p: Position, field: str, value: str) -> Position:
    """`p` with one of its text fields (education, competence, duties) replaced."""
    changes: dict[str, str] = {field: value}
    return replace(p, requirements=replace(p.requirements, **changes))  # type: ignore[arg-type]


def _with_items(p: Position, items: tuple[str, ...]) -> Position:
    e = p.requirements.experience
    numbered = e.numbered or len(items) > 1
    return replace(p, requirements=replace(p.requirements, experience=replace(e, items=items, numbered=numbered)))


def _next_category(code: str, printed: str) -> Category:
    digit = re.search(r"\d+$", code)
    assert digit is not None
    n = int(digit.group(0))
    new = n + 1 if n < 5 else n - 1
    return Category(code[: digit.start()] + str(new), printed[: re.search(r"\d+$", printed).start()] + str(new))  # type: ignore[union-attr]


# The matcher's score as docs/json-diff.md documents it: a weighted mean over the
# title and the four fields of 2 * LCS / (Na + Nb), counted in words of the
# comparable text.  Written out here, independently of compare/, on purpose.
_SIMILARITY_WEIGHTS = (("title", 0.35), ("duties", 0.35), ("experience", 0.1), ("education", 0.1),
                       ("competence", 0.1))


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, start=1):
            diagonal, row[j] = row[j], diagonal + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def _word_ratio(a: str, b: str) -> float:
    wa, wb = list(words(comparable(a))), list(words(comparable(b)))
    if not wa and not wb:
        return 1.0
    return 2 * _lcs(wa, wb) / (len(wa) + len(wb))


def _similarity_text(p: Position, name: str) -> str:
    if name == "title":
        return p.title
    if name == "experience":
        e = p.requirements.experience
        return " ".join(part for part in (e.intro, *e.items, e.trailer) if part)
    text: str = getattr(p.requirements, name)
    return text


def planned_similarity(old: Position, new: Position) -> float:
    """How alike two planned positions are, by the matcher's documented score (see above)."""
    return sum(w * _word_ratio(_similarity_text(old, n), _similarity_text(new, n)) for n, w in _SIMILARITY_WEIGHTS)


def _unambiguous(plan: _Plan, threshold: float) -> bool:
    """True when the positions that only similarity can pair pair up as planned.

    The unmatched old positions are the renamed and the removed ones; the
    unmatched new ones, the renamed and the added ones.  Each renamed pair must
    be the best of its row and column, and no removed position may reach the
    threshold with an added one.
    """
    renamed = [(i, p) for i, p in plan.new.items() if p is not None and p.title != plan.positions[i].title]
    removed = [plan.positions[i] for i, p in plan.new.items() if p is None]
    added = [p for _, p in plan.added]
    for i, new in renamed:
        own = planned_similarity(plan.positions[i], new)
        if own < threshold:
            return False
        rivals_old = removed + [plan.positions[j] for j, _ in renamed if j != i]
        rivals_new = added + [q for j, q in renamed if j != i]
        if any(planned_similarity(o, new) >= own for o in rivals_old):
            return False
        if any(planned_similarity(plan.positions[i], q) >= own for q in rivals_new):
            return False
    return not any(planned_similarity(o, a) >= threshold for o in removed for a in added)


def _try_amendment(
    kind: Amendment, plan: _Plan, edition: Edition, free: list[int], rng: random.Random, threshold: float
) -> bool:
    """Plan one amendment of `kind` on one free position; False when none fits."""
    language = plan.language
    positions = plan.positions
    failed: set[str] = set()  # why candidates were refused, for `plan.dropped`
    rng.shuffle(free)
    for k in list(free):
        p = positions[k]
        new: Position | None = p
        expected: ExpectedChange | None = None
        r = p.requirements
        if kind == "rename":
            new = replace(p, title=_add_word(p.title, rng, language))
            expected = ExpectedChange(kind, p.id, new.title, "title", "substantive")
        elif kind == "category":
            new = replace(p, category=_next_category(p.category.code, p.category.printed))
            expected = ExpectedChange(kind, p.id, p.title, "category", "substantive")
        elif kind == "move":
            same_unit = [j for j, q in enumerate(positions) if q.unit == p.unit]
            targets = sorted({
                (q.unit.annex, q.unit.ordinal) for q in positions
                if q.unit is not None and p.unit is not None and q.annex == p.annex and q.unit != p.unit
            })
            if len(same_unit) < 2 or not targets:
                continue
            annex, ordinal = rng.choice(targets)
            last = max(j for j, q in enumerate(positions)
                       if q.unit is not None and (q.unit.annex, q.unit.ordinal) == (annex, ordinal))
            if last in plan.moved_to.values() or any(a == last for a, _ in plan.added):
                continue
            plan.moved_to[k] = last
            expected = ExpectedChange(kind, p.id, p.title, "unit", "substantive")
        elif kind == "add":
            taken = {q.title for q in positions} | {a.title for _, a in plan.added}
            titles = [t for t in _NEW_TITLES[language] if t not in taken]
            if not titles:
                # Every new title is in use: the added position could not be told apart.
                plan.dropped.append(f"{kind}: no position fits")
                return False
            if k in plan.moved_to.values() or any(a == k for a, _ in plan.added):
                continue
            template = positions[rng.choice(free)]
            added = replace(template, title=rng.choice(titles), id="", seq=0)
            added = _with_field(added, "duties", rng.choice(_NEW_DUTIES[language]))
            if not _reads_back(render_position(added, language), added):
                failed.add("unreadable")
                continue
            plan.added.append((k, added))
            if not _unambiguous(plan, threshold):
                plan.added.pop()
                failed.add("ambiguous")
                continue
            plan.expected.append(ExpectedChange(kind, None, added.title))
            return True  # the anchor position stays free: adding does not touch it
        elif kind == "remove":
            siblings = [q for q in positions if q.unit == p.unit]
            same_title = [q for q in siblings if comparable(q.title) == comparable(p.title)]
            if len(siblings) < 2 or len(same_title) > 1:
                continue
            new = None
            expected = ExpectedChange(kind, p.id, p.title)
        elif kind == "words":
            name = rng.choice(("education", "competence", "duties"))
            new = _with_field(p, name, _add_word(getattr(r, name), rng, language))
            expected = ExpectedChange(kind, p.id, p.title, name, "substantive")
        elif kind == "experience_add":
            items = r.experience.items
            at = rng.randrange(len(items))  # before an existing item: the last keeps its "."
            new = _with_items(p, items[:at] + (rng.choice(_NEW_ITEMS[language]),) + items[at:])
            expected = ExpectedChange(kind, p.id, p.title, "experience", "substantive", "item", "added")
        elif kind == "experience_remove":
            items = r.experience.items
            if len(items) < 2:
                continue
            at = rng.randrange(len(items) - 1)  # never the last: its "." would move
            new = _with_items(p, items[:at] + items[at + 1 :])
            expected = ExpectedChange(kind, p.id, p.title, "experience", "substantive", "item", "removed")
        elif kind == "experience_change":
            items = r.experience.items
            at = rng.randrange(len(items))
            if len(items[at].split()) < 4:
                continue
            new = _with_items(p, items[:at] + (_add_word(items[at], rng, language),) + items[at + 1 :])
            expected = ExpectedChange(kind, p.id, p.title, "experience", "substantive", "item", "changed")
        elif kind in ("typo", "reorder"):
            name = rng.choice(("education", "competence", "duties"))
            changed = _typo(getattr(r, name), rng) if kind == "typo" else _reorder(getattr(r, name), rng)
            if changed is None:
                continue
            new = _with_field(p, name, changed)
            expected = ExpectedChange(kind, p.id, p.title, name, "small" if kind == "typo" else "reordering")
        elif kind in DIRECTED_AMENDMENTS:
            directed = _directed_change(kind, p, rng, language)
            if directed is None:
                continue
            new, expected = directed
        elif kind == "unit_rename":
            if p.unit is None or (p.unit.annex, p.unit.ordinal) in plan.unit_names:
                continue
            if any(p.unit.lines.first <= a.lines.last and a.number == p.annex for a in edition.annexes):
                continue
            holder = [j for j, q in enumerate(positions) if q.lines.first <= p.unit.lines.first <= q.lines.last]
            if holder and holder[0] not in plan.touchable:
                continue  # the heading is glued to a title block the generator cannot reprint
            plan.unit_names[(p.unit.annex, p.unit.ordinal)] = _add_word_front(p.unit.name, rng, language)
            plan.expected.append(ExpectedChange(kind, None, p.unit.name))
            return True
        if new is not None and new is not p and not _reads_back(render_position(new, language), new):
            failed.add("unreadable")
            continue  # the changed text would not read back as intended (e.g. a "." mid-item)
        if kind != "move":
            plan.new[k] = new
        if not _unambiguous(plan, threshold):
            plan.new.pop(k, None)
            plan.moved_to.pop(k, None)
            failed.add("ambiguous")
            continue
        assert expected is not None
        plan.expected.append(expected)
        free.remove(k)
        return True
    reason = "ambiguous" if "ambiguous" in failed else "unreadable" if failed else "no position fits"
    plan.dropped.append(f"{kind}: {reason}")
    return False


_YEAR_WORDS = {
    "kk": ("бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он"),
    "ru": ("одного", "двух", "трех", "четырех", "пяти", "шести", "семи", "восьми", "девяти", "десяти"),
}
_FIELD_OR = {"kk": " немесе ", "ru": " или "}


def _directed_change(
    kind: Amendment, p: Position, rng: random.Random, language: str
) -> tuple[Position, ExpectedChange] | None:
    """One change with a direction: a year constraint one year more or less, or a
    field of education added or removed; None when the position has nothing to change."""
    r = p.requirements
    if kind in ("years_more", "years_less"):
        step = 1 if kind == "years_more" else -1
        spots = [(i, s) for i, item in enumerate(r.experience.items) for s in year_numbers(item)
                 if 1 <= s[2] + step <= 10]
        if not spots:
            return None
        i, (start, end, years) = rng.choice(spots)
        item = r.experience.items[i]
        word = _YEAR_WORDS[language][years + step - 1]
        changed = item[:start] + (word if not item[start:end].isdigit() else str(years + step)) + item[end:]
        new = _with_items(p, r.experience.items[:i] + (changed,) + r.experience.items[i + 1:])
        direction = "stricter" if step > 0 else "looser"
        return new, ExpectedChange(kind, p.id, p.title, "experience", "substantive", "item", "changed", direction)
    head, colon, rest = r.education.partition(":")
    if not colon:
        return None
    separator = _FIELD_OR[language]
    segments = rest.strip().split(separator)
    if kind == "education_field_add":
        segments.insert(rng.randrange(len(segments)), rng.choice(_NEW_WORDS[language]))
        direction = "looser"
    else:
        if len(segments) < 2:
            return None
        at = rng.randrange(len(segments) - 1)  # never the last: it holds "саласында"
        if not segments[at].strip() or any(segments[at].strip() == s.strip() for s in segments[at + 1:]):
            return None  # an empty or repeated segment ("немесе немесе"): nothing would be removed
        del segments[at]
        direction = "stricter"
    new = _with_field(p, "education", f"{head}{colon} {separator.join(segments)}")
    return new, ExpectedChange(kind, p.id, p.title, "education", "substantive", direction=direction)


def _add_word_front(name: str, rng: random.Random, language: str) -> str:
    word = rng.choice(_NEW_WORDS[language])
    return f"{word[0].upper()}{word[1:]} {name}"


# ---------------------------------------------------------------- applying


def _apply(
    plan: _Plan, edition: Edition, text: str, rng: random.Random, noise: Sequence[Noise], noise_rate: float
) -> GeneratedEdition:
    lines = text.split("\n")
    positions = plan.positions
    language = plan.language
    applied: list[str] = []
    dropped: list[str] = []
    block_noise = [n for n in noise if n != "trailing_spaces"]

    def block(p: Position, noisy: bool) -> list[str]:
        if not noisy:
            return render_position(p, language)
        lines_, ok = _noisy_block(p, language, rng, block_noise)
        applied.extend(f"{n}:{p.id}" for n in ok)
        return lines_

    renamed_units = plan.unit_names

    def headings_inside(p: Position) -> list[str]:
        """Heading lines printed inside the position's title block, as paragraphs."""
        out: list[str] = []
        if p.unit is not None and p.lines.first <= p.unit.lines.first <= p.lines.last:
            out += _heading_lines(p.unit, renamed_units.get((p.unit.annex, p.unit.ordinal)))
        if p.subunit is not None and p.lines.first <= p.subunit.lines.first <= p.lines.last:
            out += [p.subunit.name, ""]
        return out

    replacement: dict[int, list[str]] = {}
    for k, p in enumerate(positions):
        changed = plan.new.get(k, p)
        if changed is None or k in plan.moved_to:
            # Gone from here; a heading printed in its title block stays.
            replacement[k] = headings_inside(p)[:-1]
            continue
        glued_rename = p.unit is not None and (p.unit.annex, p.unit.ordinal) in renamed_units and (
            p.lines.first <= p.unit.lines.first <= p.lines.last
        )
        noisy = bool(block_noise) and k in plan.touchable and rng.random() < noise_rate
        if changed is not p or glued_rename or noisy:
            replacement[k] = headings_inside(p) + block(changed, noisy)
    inserted: dict[int, list[list[str]]] = {}
    for k, target in plan.moved_to.items():
        p = positions[k]
        inserted.setdefault(target, []).append(block(plan.new.get(k, p) or p, False))
    for after, p in plan.added:
        inserted.setdefault(after, []).append(render_position(p, language))

    # Standalone unit headings that were renamed (outside every title block).
    heading_at: dict[int, tuple[int, list[str]]] = {}
    for u in edition.units:
        name = renamed_units.get((u.annex, u.ordinal))
        if name is None or any(q.lines.first <= u.lines.first <= q.lines.last for q in positions):
            continue
        heading_at[u.lines.first] = (u.lines.last, _heading_lines(u, name)[:1])

    out: list[str] = []
    starts = {p.lines.first: k for k, p in enumerate(positions)}
    no = 1
    while no <= len(lines):
        at = starts.get(no)
        if no in heading_at:
            last, new_lines = heading_at[no]
            out += new_lines
            no = last + 1
            continue
        if at is None:
            out.append(lines[no - 1])
            no += 1
            continue
        p = positions[at]
        out += replacement.get(at, lines[p.lines.first - 1 : p.lines.last])
        for extra in inserted.get(at, []):
            out += ["", *extra]
        no = p.lines.last + 1

    if "trailing_spaces" in noise:
        count = 0
        for i, line in enumerate(out):
            if line and rng.random() < noise_rate:
                out[i] = line + " " * rng.randint(1, 3)
                count += 1
        applied.append(f"trailing_spaces:{count}")
    return GeneratedEdition("\n".join(out), tuple(plan.expected), tuple(applied), tuple(dropped))


# ---------------------------------------------------------------- public


def generate_edition(
    edition: Edition,
    text: str,
    rng: random.Random,
    amendments: Sequence[Amendment] = AMENDMENTS,
    noise: Sequence[Noise] = NOISE,
    noise_rate: float = 0.2,
    threshold: float = DEFAULT_THRESHOLD,
    provision_amendments: Sequence[str] = (),
) -> GeneratedEdition:
    """A new edition text with the given amendments (one each, in that order) and noise.

    An amendment that fits no position (or only ambiguously, see the module
    docstring) is left out and does not appear in `expected`.

    :param edition: the parsed source edition.
    :param text: its text (the one `edition` was parsed from).
    :param rng: decides everything; the same seed gives the same result.
    :param amendments: the amendments to make, repeats allowed.
    :param noise: the layout noise to use.
    :param noise_rate: the share of positions (and, for trailing spaces, of lines) that get noise.
    :param threshold: the matcher's similarity threshold the expectations assume.
    :param provision_amendments: amendments of the order's own text, from
        `PROVISION_AMENDMENTS` (tests/support/generate_provisions.py); none by default.
    """
    touchable = _touchable(edition) if amendments or noise else []
    plan = _Plan(edition.positions, edition.language, {}, {}, [], {}, [], frozenset(touchable))
    free = list(touchable)
    for kind in amendments:
        if free:
            _try_amendment(kind, plan, edition, free, rng, threshold)
        else:
            plan.dropped.append(f"{kind}: no position fits")
    generated = replace(_apply(plan, edition, text, rng, noise, noise_rate), dropped=tuple(plan.dropped))
    if not provision_amendments:
        return generated
    # The order's text stands before every position: its lines are where `edition` read them.
    new_text, expected = amend_provisions(edition, generated.text, rng, provision_amendments)
    return replace(generated, text=new_text, provisions=expected)


def layout_rewrite(
    edition: Edition, text: str, rng: random.Random, noise: Sequence[Noise] = NOISE, noise_rate: float = 1.0
) -> GeneratedEdition:
    """The same edition with layout noise only: a differ must report no substantive change.

    :param edition: the parsed source edition.
    :param text: its text.
    :param rng: decides everything.
    :param noise: the layout noise to use.
    :param noise_rate: the share of positions (and lines) that get noise.
    """
    return generate_edition(edition, text, rng, (), noise, noise_rate)


def amendment_chain(
    edition: Edition,
    text: str,
    rng: random.Random,
    length: int,
    per_step: int = 3,
    noise: Sequence[Noise] = NOISE,
    noise_rate: float = 0.1,
) -> list[tuple[Edition, GeneratedEdition]]:
    """`length` successive editions, each amending the one before with `per_step`
    random amendments (for benchmarks and history tests).

    Returns each new edition parsed, with the generated text and its
    expectations against the previous edition.

    :param edition: the first edition, parsed.
    :param text: its text.
    :param rng: decides everything.
    :param length: how many new editions.
    :param per_step: amendments per edition.
    :param noise: the layout noise to use.
    :param noise_rate: see `generate_edition`.
    """
    chain = []
    current, current_text = edition, text
    for step in range(length):
        kinds = [rng.choice(AMENDMENTS) for _ in range(per_step)]
        generated = generate_edition(current, current_text, rng, kinds, noise, noise_rate)
        path = f"{edition.source.path}#generated-{step + 1}"
        current = parse_edition(generated.text, path)
        current_text = generated.text
        chain.append((current, generated))
    return chain
