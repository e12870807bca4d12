"""A readable outline of a parsed edition, for the terminal (`amendtrack parse`)."""

from __future__ import annotations

from amendtrack.model import Edition, Position


def _sizes(p: Position) -> str:
    r = p.requirements
    exp = r.experience
    items = f"{len(exp.items)} item" + ("s" if len(exp.items) != 1 else "")
    extra = " + trailer" if exp.trailer else ""
    return (
        f"education {len(r.education)} ch · competence {len(r.competence)} ch · "
        f"experience {items}{extra} · duties {len(r.duties)} ch"
    )


def _unknown(value: str | None) -> str:
    return value if value else "unknown"


def render_outline(e: Edition) -> str:
    """Act, annexes, units and positions with their category and field sizes, then warnings."""
    a = e.act
    out = [a.title]
    out.append(
        f"  act No. {_unknown(a.number)} of {_unknown(a.date)} · registered No. {_unknown(a.registration.number)}"
        f" on {_unknown(a.registration.date)} · status: {a.status.replace('_', ' ')}"
    )
    if a.repeal_text:
        out.append(f"  {a.repeal_text}")
    for note in a.notes:
        out.append(f"  note: {note}")
    out.append(f"  source: {e.source.path} (sha256 {e.source.sha256[:12]}…) · language: {e.language}")
    out.append(f"  {len(e.positions)} positions in {len(e.annexes)} annexes, {len(e.units)} units")
    for annex in e.annexes:
        in_annex = [p for p in e.positions if p.annex == annex.number]
        out.append("")
        out.append(f"Annex {annex.number}: {annex.title} ({len(in_annex)} positions)")
        unit_key = subunit_key = None
        for p in in_annex:
            if p.unit is not None and (p.unit.annex, p.unit.ordinal) != unit_key:
                unit_key = (p.unit.annex, p.unit.ordinal)
                count = sum(1 for q in in_annex if q.unit == p.unit)
                number = f"{p.unit.number}. " if p.unit.number else "(unnumbered) "
                out.append(f"  {number}{p.unit.name} ({count} positions)")
                subunit_key = None
            if p.subunit is not None and p.subunit.lines != subunit_key:
                subunit_key = p.subunit.lines
                out.append(f"    · {p.subunit.name}")
            out.append(f"      [{p.category.code}] {p.title}  ({p.id}, lines {p.lines.first}–{p.lines.last})")
            out.append(f"          {_sizes(p)}")
    out.append("")
    if e.warnings:
        out.append(f"Warnings ({len(e.warnings)}):")
        out += [f"  line {w.line}: {w.message}" for w in e.warnings]
    else:
        out.append("No warnings: every line was placed.")
    return "\n".join(out) + "\n"
