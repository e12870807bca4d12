"""The redline as blocks: NEW's layout with every substantive difference from OLD tracked.

Both editions are laid out (`layout.edition_pieces`): the act's own text, annex
headings, unit headings, positions.  The pieces are aligned in reading order by
a key -- a position by the pair the comparison matched it to, any other piece
by its comparison form (`normalize.comparable`) -- and then:

* pieces that align are merged: paragraph by paragraph, cell by cell, with the
  word diff of `compare.textdiff.word_diff` (the redline the HTML report shows) as
  tracked deletions and insertions;
* a paragraph whose change is editorial or a reordering (`compare.textdiff.change_kind`:
  layout damage, not a change of the law) is shown as NEW prints it, untracked;
* a piece only in OLD is a tracked deletion, one only in NEW a tracked
  insertion; a matched position that moved out of order is both, and its new
  place carries a comment saying where it came from; a renamed or moved
  position's title carries a comment with its old title or place.

So "Accept all" gives exactly NEW's layout, and "Reject all" gives OLD's layout
except where OLD and NEW differ only editorially or in word order, and in the
printed wording of a table's row labels and header (those keep NEW's
spelling: layout, not law): the tests check both.

The act-text part is built from the pieces of the act's own text, keyed by
what they are ("preamble:3", "note:0"), so provision-level changes can be fed
in later the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.compare.records import Comparison, PositionMatched
from amendtrack.compare.similarity import similarity
from amendtrack.compare.textdiff import Op, change_kind, word_diff
from amendtrack.normalize import comparable
from amendtrack.word.layout import Block, Cell, Para, Row, Table, edition_pieces

__all__ = ["Redline", "redline_blocks"]

PAIR_THRESHOLD = 0.5
"""Two differing paragraphs at the same place are one changed paragraph (a word
redline) from this word similarity up; below it, one deleted and one inserted."""


@dataclass(frozen=True, slots=True)
class Redline:
    """The redline's body blocks and what they hold."""

    blocks: tuple[Block, ...]
    moved: int
    """Matched positions shown as deleted at OLD's place and inserted at NEW's."""
    comments: int


def _mark(p: Para, op: Op) -> Para:
    """`p` as a whole inserted or deleted paragraph."""
    return Para(runs=tuple((op, t) for _, t in p.runs if t), style=p.style, mark=op, comment=p.comment)


def _marked(block: Block, op: Op) -> Block:
    if isinstance(block, Para):
        return _mark(block, op)
    rows = tuple(Row(cells=tuple(Cell(tuple(Para(runs=tuple((op, t) for _, t in p.runs if t), style=p.style)
                                           for p in c.paras)) for c in r.cells), mark=op, header=r.header)
                 for r in block.rows)
    return Table(rows)


def _merge_para(old: Para, new: Para) -> Para:
    """One paragraph in both editions: NEW's text with OLD's words tracked where they differ substantively."""
    a, b = old.text, new.text
    if a == b or change_kind(a, b) in ("editorial", "reordering"):
        return new
    return Para(runs=word_diff(a, b), style=new.style, comment=new.comment)


def _merge_paras(old: Sequence[Para], new: Sequence[Para]) -> list[Para]:
    """Two lists of paragraphs (a cell, a piece) merged in order."""
    out: list[Para] = []
    matcher = difflib.SequenceMatcher(None, [comparable(p.text) for p in old],
                                      [comparable(p.text) for p in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(new[j1:j2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        # An item inserted before others renumbers them: "3) x" → "4) x" pairs with
        # its old self (a one-word change), not with whatever now stands third.
        partner = _pair_in_order([("text", p.text) for p in olds], [("text", p.text) for p in news])
        taken = 0
        for j, p in enumerate(news):
            if j in partner:
                i = partner[j]
                out.extend(_mark(q, Op.DELETE) for q in olds[taken:i])
                out.append(_merge_para(olds[i], p))
                taken = i + 1
            else:
                out.append(_mark(p, Op.INSERT))
        out.extend(_mark(q, Op.DELETE) for q in olds[taken:])
    return out


def _merge_table(old: Table, new: Table) -> Table:
    if len(old.rows) != len(new.rows):  # not the fixed five-row layout: whole rows
        return Table(tuple(_marked(old, Op.DELETE).rows) + tuple(_marked(new, Op.INSERT).rows))  # type: ignore[union-attr]
    rows = []
    for r_old, r_new in zip(old.rows, new.rows):
        # The first cell is the row's label ("Білімі"): how it is printed ("Практикалық
        # тәжірибе" or "… тәжірибесі", before or after a page break) is layout, not law.
        label, *values = zip(r_old.cells, r_new.cells)
        cells = (label[1], *(Cell(tuple(_merge_paras(a.paras, b.paras))) for a, b in values))
        if r_new.header:
            cells = r_new.cells
        rows.append(Row(cells=tuple(cells), header=r_new.header))
    return Table(tuple(rows))


def _merge_blocks(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    """Two pieces that align: paragraphs merged in order, tables row by row."""
    old_paras = [b for b in old if isinstance(b, Para)]
    new_paras = [b for b in new if isinstance(b, Para)]
    old_tables = [b for b in old if isinstance(b, Table)]
    new_tables = [b for b in new if isinstance(b, Table)]
    if len(old_tables) != len(new_tables) or (old_tables and (len(old_paras), len(new_paras)) != (1, 1)):
        return [_marked(b, Op.DELETE) for b in old] + [_marked(b, Op.INSERT) for b in new]
    if not new_tables:
        return list(_merge_paras(old_paras, new_paras))
    # A position: its title paragraph, then its table.
    return [_merge_para(old_paras[0], new_paras[0]), _merge_table(old_tables[0], new_tables[0])]


def _with_comment(blocks: list[Block], comment: str | None) -> list[Block]:
    if comment is None or not blocks or not isinstance(blocks[0], Para):
        return blocks
    first = blocks[0]
    joined = comment if first.comment is None else f"{first.comment} {comment}"
    return [Para(runs=first.runs, style=first.style, mark=first.mark, comment=joined), *blocks[1:]]


def _piece_text(blocks: Sequence[Block]) -> str:
    return "\n".join(b.text for b in blocks if isinstance(b, Para))


def _place_label(entry: PositionMatched) -> str:
    old = entry.old
    place = f"{old.unit.number}. {old.unit.name}" if old.unit and old.unit.number else (old.unit.name if old.unit else "")
    where = f"annex {old.annex}" + (f", {place}" if place else "")
    if old.subunit is not None:
        where += f" / {old.subunit.name}"
    return f"{where}, position {old.seq} of the old edition"


def _comments(comparison: Comparison) -> dict[str, str]:
    """Comments for matched positions, keyed by NEW's position id: moved from where, renamed from what."""
    notes: dict[str, str] = {}
    for entry in comparison.positions:
        if not isinstance(entry, PositionMatched):
            continue
        said = []
        for change in entry.changes:
            if change.field == "unit":
                said.append(f"Moved from {_place_label(entry)}.")
            elif change.field == "title" and change.substantive:
                said.append(f"Renamed; the old edition's title: «{entry.old.title}».")
        if said:
            notes[entry.new.id] = " ".join(said)
    return notes


def _last_op(p: Para) -> Op | None:
    ops = [op for op, t in p.runs if t]
    return ops[-1] if ops else None


def shift_marks(blocks: Sequence[Block]) -> list[Block]:
    """Whole inserted (deleted) paragraphs right after a paragraph that ends with an
    insertion (deletion) carry their change on the paragraph mark before them.

    Word reads both forms the same way, but LibreOffice joins the two changes
    into one region that also swallows the kept paragraph mark between them, so
    its "Reject all" ("Accept all") would glue the paragraph to the next one
    (measured with LibreOffice 7.4 on the repeal redline: the header sentence ran
    into the preamble).  As one insertion of "text¶paragraphs" the change is
    what LibreOffice itself records when text and paragraphs are typed at the end
    of a paragraph.
    """
    out = list(blocks)
    k = 0
    while k < len(out) - 1:
        head = out[k]
        op = _last_op(head) if isinstance(head, Para) and head.mark == Op.EQUAL else None
        if op in (Op.INSERT, Op.DELETE):
            j = k + 1
            while j < len(out) and _all_marked(out[j], op):
                j += 1
            if j > k + 1:
                last = out[j - 1]
                assert isinstance(head, Para) and isinstance(last, Para)
                out[k] = Para(runs=head.runs, style=head.style, mark=op, comment=head.comment)
                # The surviving mark is the last one: on rejection it must carry the
                # head's style again, which a tracked property change records.
                former = head.style if head.style != last.style else None
                out[j - 1] = Para(runs=last.runs, style=last.style, mark=Op.EQUAL, comment=last.comment,
                                  former_style=former)
                k = j
                continue
        k += 1
    return out


def _all_marked(block: Block, op: Op) -> bool:
    """Is `block` a paragraph whose mark and every non-empty run are `op`?"""
    return isinstance(block, Para) and block.mark == op and all(o == op for o, t in block.runs if t)


def _shift_in_tables(blocks: Sequence[Block]) -> list[Block]:
    shifted = shift_marks(blocks)
    return [b if isinstance(b, Para) else Table(tuple(
        Row(cells=tuple(Cell(tuple(shift_marks(c.paras))) for c in r.cells), mark=r.mark, header=r.header)  # type: ignore[arg-type]
        for r in b.rows)) for b in shifted]


def redline_blocks(comparison: Comparison) -> Redline:
    """The body of the redline document (see the module docstring)."""
    pairs = {e.old.id: e.new.id for e in comparison.positions if isinstance(e, PositionMatched)}
    comments = _comments(comparison)
    old_pieces = edition_pieces(comparison.old)
    new_pieces = edition_pieces(comparison.new)

    def key(piece_key: str, blocks: Sequence[Block], side: str) -> str:
        if piece_key.startswith("position:"):
            pid = piece_key.removeprefix("position:")
            if side == "old":
                return f"pair:{pairs[pid]}" if pid in pairs else f"old:{pid}"
            return f"pair:{pid}" if pid in pairs.values() else f"new:{pid}"
        return f"{piece_key.split(':')[0]}:{comparable(_piece_text(blocks))}"

    old_keys = [key(k, b, "old") for _, _, k, b in old_pieces]
    new_keys = [key(k, b, "new") for _, _, k, b in new_pieces]
    out: list[Block] = []
    moved = 0
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (_, _, _, ob), (_, _, nk, nb) in zip(old_pieces[i1:i2], new_pieces[j1:j2]):
                merged = _merge_blocks(ob, nb)
                out.extend(_with_comment(merged, comments.get(nk.removeprefix("position:"))))
            continue
        olds = list(zip(old_keys[i1:i2], old_pieces[i1:i2]))
        news = list(zip(new_keys[j1:j2], new_pieces[j1:j2]))
        partner = _pair_in_order([(k, _piece_text(p[3])) for k, p in olds],
                                 [(k, _piece_text(p[3])) for k, p in news])
        taken = 0  # old pieces emitted so far
        for j, (k, (_, _, nk, blocks)) in enumerate(news):
            if j in partner:
                i = partner[j]
                for _, (_, _, _, gone) in olds[taken:i]:
                    out.extend(_marked(b, Op.DELETE) for b in gone)
                out.extend(_merge_blocks(olds[i][1][3], blocks))
                taken = i + 1
                continue
            inserted = [_marked(b, Op.INSERT) for b in blocks]
            if k.startswith("pair:"):
                moved += 1
                pid = nk.removeprefix("position:")
                entry = next(e for e in comparison.positions if isinstance(e, PositionMatched) and e.new.id == pid)
                note = comments.get(pid) or ""
                if "Moved from" not in note:
                    note = f"Moved from {_place_label(entry)}. {note}".strip()
                inserted = _with_comment(inserted, note + " Its old text is deleted there.")
            out.extend(inserted)
        for _, (_, _, _, gone) in olds[taken:]:
            out.extend(_marked(b, Op.DELETE) for b in gone)
    out = _shift_in_tables(out)
    count = sum(1 for b in _all_paras(out) if b.comment)
    return Redline(blocks=tuple(out), moved=moved, comments=count)


def _pair_in_order(olds: Sequence[tuple[str, str]], news: Sequence[tuple[str, str]]) -> dict[int, int]:
    """Pair differing pieces of the same kind at one place: new index → old index, order kept.

    Positions are never paired here (the comparison paired them already; one
    here is a move or an addition/removal).  Greedy in reading order: each new
    piece takes the first later old piece of its kind similar enough.
    """
    partner: dict[int, int] = {}
    start = 0
    for j, (nkey, ntext) in enumerate(news):
        kind = nkey.split(":")[0]
        if kind in ("pair", "new"):
            continue
        for i in range(start, len(olds)):
            okey, otext = olds[i]
            if okey.split(":")[0] == kind and similarity(otext, ntext) >= PAIR_THRESHOLD:
                partner[j] = i
                start = i + 1
                break
    return partner


def _all_paras(blocks: Sequence[Block]) -> list[Para]:
    found: list[Para] = []
    for b in blocks:
        if isinstance(b, Para):
            found.append(b)
        else:
            found.extend(p for r in b.rows for c in r.cells for p in c.paras)
    return found

