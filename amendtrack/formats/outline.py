"""A readable outline of a parsed edition, for the terminal (`amendtrack parse`)."""

from __future__ import annotations

from amendtrack.i18n import gettext
from amendtrack.model import Edition, ParseWarning, Position


def position_at(e: Edition, line: int) -> Position | None:
    """The position whose lines hold `line`, if any."""
    return next((p for p in e.positions if p.lines.first <= line <= p.lines.last), None)


def warning_place(e: Edition, w: ParseWarning) -> str:
    """Where a warning is, for people: "line 1370, in the position [С-4] Бас маман (annex 2)"."""
    held = position_at(e, w.line)
    if held is None:
        return f"line {w.line}"
    return f"line {w.line}, in the position [{held.category.code}] {held.title} (annex {held.annex})"


def warning_text(e: Edition, w: ParseWarning, *, translated: bool = False) -> str:
    """A warning naming its position: "in the position [С-4] Бас маман (annex 2): message".

    :param translated: in the interface language in effect (`i18n.interface_language`)
        where the parser wrote the warning as a message; English otherwise.
    """
    held = position_at(e, w.line)
    if translated and w.said is not None:
        said = w.said.translated()
        if held is None:
            return said
        return gettext("in the position [%(code)s] %(title)s (annex %(annex)s): %(warning)s") % {
            "code": held.category.code, "title": held.title, "annex": held.annex, "warning": said}
    where = f"in the position [{held.category.code}] {held.title} (annex {held.annex}): " if held else ""
    return f"{where}{w.message}"


def warning_line(e: Edition, w: ParseWarning, *, translated: bool = False) -> str:
    """A warning on one line for stderr: "FILE:LINE: in the position …: message"."""
    return f"{e.source.path}:{w.line}: {warning_text(e, w, translated=translated)}"


def count(n: int, one: str, many: str | None = None) -> str:
    """"1 annex", "2 annexes": a number with its noun in the right form."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _sizes(p: Position) -> str:
    r = p.requirements
    exp = r.experience
    items = count(len(exp.items), "experience item")
    extra = " and a closing sentence" if exp.trailer else ""
    return (
        f"education {count(len(r.education), 'character')} · competence {count(len(r.competence), 'character')} · "
        f"{items}{extra} · duties {count(len(r.duties), 'character')}"
    )


def _unknown(value: str | None) -> str:
    return value if value else "unknown"


def render_outline(e: Edition) -> str:
    """Act, annexes, units and positions with their category and field sizes, then warnings."""
    a = e.act
    out = [a.title]
    out.append(
        f"  act No. {_unknown(a.number)} of {_unknown(a.date)} · registered No. {_unknown(a.registration.number)}"
        f" on {_unknown(a.registration.date)} · status: {'repealed' if a.status == 'repealed' else 'in force'}"
    )
    if a.repeal_text:
        out.append(f"  {a.repeal_text}")
    for note in a.notes:
        out.append(f"  note: {note}")
    out.append(f"  source: {e.source.path} (sha256 {e.source.sha256[:12]}…) · language: {e.language}")
    out.append(f"  {count(len(e.positions), 'position')} in {count(len(e.annexes), 'annex', 'annexes')}, "
               f"{count(len(e.units), 'unit')}")
    for annex in e.annexes:
        in_annex = [p for p in e.positions if p.annex == annex.number]
        out.append("")
        out.append(f"Annex {annex.number}: {annex.title} ({count(len(in_annex), 'position')})")
        unit_key = subunit_key = None
        for p in in_annex:
            if p.unit is not None and (p.unit.annex, p.unit.ordinal) != unit_key:
                unit_key = (p.unit.annex, p.unit.ordinal)
                n_unit = sum(1 for q in in_annex if q.unit == p.unit)
                number = f"{p.unit.number}. " if p.unit.number else "(unnumbered) "
                out.append(f"  {number}{p.unit.name} ({count(n_unit, 'position')})")
                subunit_key = None
            if p.subunit is not None and p.subunit.lines != subunit_key:
                subunit_key = p.subunit.lines
                out.append(f"    · {p.subunit.name}")
            out.append(f"      [{p.category.code}] {p.title}  ({p.id}, lines {p.lines.first}–{p.lines.last})")
            out.append(f"          {_sizes(p)}")
    out.append("")
    if e.warnings:
        out.append(f"Warnings ({len(e.warnings)}):")
        out += [f"  {warning_place(e, w)}: {w.message}" for w in e.warnings]
    else:
        out.append("No warnings: every line was placed.")
    return "\n".join(out) + "\n"
