"""The dates a history can rely on: every bound the sources give, and why.

The manifest records, for each edition, from when it applies as a `LegalDate`:
known, or unknown with the bounds its text states.  A text rarely gives more
than that on its own, but the corpus as a whole does:

1. **Publication after registration.**  An order is published only after its
   state registration, so its first official publication is after the work's
   registration date (the original edition).  An amending act is published on
   or after its own date.
2. **The ten-calendar-day rule.**  An act that "enters into force ten calendar
   days after its first official publication" (`dates.TEN_DAYS_AFTER_PUBLICATION`)
   enters into force at the earliest ten days after the earliest publication
   day, and at the latest eleven days after the latest one: counted from the
   day after publication, the tenth day ends ten days later; the act applies
   from that day or the next, depending on how the period is read, and both
   are kept possible.
3. **Later acts presuppose publication.**  An act that amends or repeals the
   order (the producing act of any later edition) could only do so once the
   order had been published, so the order was published on or before that
   act's date.
4. **Editions take effect in order.**  An edition cannot take effect after the
   edition that follows it, nor before the one it follows: each bound passes to
   the neighbours (the repeal last).

Nothing else is inferred, and no date is ever chosen inside its bounds: a date
the sources do not give stays unknown, with the bounds above and the reasons for
each.  Contradictory bounds (a manifest error) leave the manifest's dates as
they are, with a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.dates import TEN_DAYS_AFTER_PUBLICATION, LegalDate
from amendtrack.history.manifest import Expression, Work
from amendtrack.i18n import N_, Message, message
from amendtrack.parse.notes import act_message

ONE_DAY = dt.timedelta(days=1)
TEN_DAYS_EARLIEST = dt.timedelta(days=10)
TEN_DAYS_LATEST = dt.timedelta(days=11)


@dataclass(frozen=True, slots=True)
class Bound:
    """One side of an unknown date: a day (inclusive) and the reason for it."""

    day: dt.date
    reason: Message
    """In English by `str()`; pages show it in their language (`Message.translated`)."""


@dataclass(frozen=True, slots=True)
class Effective:
    """When an edition takes effect, with every bound the corpus gives."""

    date: LegalDate
    """The manifest's date, tightened by the rules of this module (basis: the reasons)."""
    earliest: Bound | None
    """The lower bound and why (None when known or unbounded below)."""
    latest: Bound | None
    """The upper bound and why (None when known or unbounded above)."""
    publication: tuple[Bound | None, Bound | None] | None = None
    """For a ten-day rule: the publication's bounds (the fact that would settle the date)."""


def _lower(d: LegalDate) -> dt.date | None:
    if d.value is not None:
        return d.value
    if d.not_before is None:
        return None
    return d.not_before + ONE_DAY if d.lower_exclusive else d.not_before


def _upper(d: LegalDate) -> dt.date | None:
    if d.value is not None:
        return d.value
    if d.not_after is None:
        return None
    return d.not_after - ONE_DAY if d.upper_exclusive else d.not_after


def _max(a: Bound | None, b: Bound | None) -> Bound | None:
    return b if a is None or (b is not None and b.day > a.day) else a


def _min(a: Bound | None, b: Bound | None) -> Bound | None:
    return b if a is None or (b is not None and b.day < a.day) else a


def _manifest_bounds(x: Expression) -> tuple[Bound | None, Bound | None]:
    d = x.applies_from
    lo, hi = _lower(d), _upper(d)
    said = message("the manifest (%(basis)s)", basis=d.basis) if d.basis else message("the manifest")
    return (Bound(lo, said) if lo else None, Bound(hi, said) if hi else None)


def _bounds_basis(lo: Bound | None, hi: Bound | None) -> Message | None:
    """The bounds and their reasons, as one basis."""
    if lo is not None and hi is not None:
        return message("not before %(first)s: %(first_reason)s; not after %(last)s: %(last_reason)s",
                       first=lo.day.isoformat(), first_reason=lo.reason,
                       last=hi.day.isoformat(), last_reason=hi.reason)
    if lo is not None:
        return message("not before %(first)s: %(first_reason)s", first=lo.day.isoformat(), first_reason=lo.reason)
    if hi is not None:
        return message("not after %(last)s: %(last_reason)s", last=hi.day.isoformat(), last_reason=hi.reason)
    return None


def effective_dates(work: Work, expressions: Sequence[Expression]) -> tuple[tuple[Effective, ...], tuple[Message, ...]]:
    """When each edition takes effect, with the bounds of rules 1-4 (module docstring).

    :param work: the manifest's work.
    :param expressions: its editions in one language, oldest first; the editions
        after the first repealed one are records only and get their manifest dates.
    :returns: one `Effective` per expression, and warnings.
    """
    repeal_at = next((k for k, x in enumerate(expressions) if x.status == "repealed"), len(expressions) - 1)
    active = list(expressions[: repeal_at + 1])
    lows: list[Bound | None] = []
    highs: list[Bound | None] = []
    pubs: list[tuple[Bound | None, Bound | None] | None] = []
    for k, x in enumerate(active):
        lo, hi = _manifest_bounds(x)
        pub = None
        if x.applies_from.value is None and x.applies_from.rule == TEN_DAYS_AFTER_PUBLICATION:
            if k == 0:
                pub_lo = Bound(work.registration_date + ONE_DAY,
                               message("after its state registration on %(date)s",
                                       date=work.registration_date.isoformat()))
            else:
                pub_lo = Bound(x.date, message("on or after its date, %(date)s", date=x.date.isoformat()))
            pub_hi = None
            if k == 0 and len(active) > 1:
                # Editions are oldest first: the next one's act is the earliest later act.
                nxt = active[1]
                by_act = (
                    N_("by %(date)s at the latest, the date of %(act)s, which repeals it") if nxt.status == "repealed"
                    else N_("by %(date)s at the latest, the date of %(act)s, which amends it")
                )
                pub_hi = Bound(nxt.date, message(by_act, date=nxt.date.isoformat(), act=act_message(nxt.produced_by)))
            pub = (pub_lo, pub_hi)
            rule = N_("it enters into force ten calendar days after its first official publication, "
                      "which came %(publication)s")
            lo = _max(lo, Bound(pub_lo.day + TEN_DAYS_EARLIEST, message(rule, publication=pub_lo.reason)))
            if pub_hi is not None:
                hi = _min(hi, Bound(pub_hi.day + TEN_DAYS_LATEST, message(rule, publication=pub_hi.reason)))
        lows.append(lo)
        highs.append(hi)
        pubs.append(pub)
    # Rule 4: in order.  A lower bound passes forward, an upper bound backward.
    for k in range(1, len(active)):
        before, here = lows[k - 1], lows[k]
        if before is not None and (here is None or before.day > here.day):
            lows[k] = Bound(before.day, message("it follows edition %(number)s of %(date)s, "
                                                "and editions take effect in order",
                                                number=k, date=active[k - 1].date.isoformat()))
    for k in range(len(active) - 2, -1, -1):
        after, here = highs[k + 1], highs[k]
        if after is not None and (here is None or after.day < here.day):
            took_effect = (
                N_("edition %(number)s of %(date)s took effect on %(day)s, and editions take effect in order")
                if active[k + 1].applies_from.is_known else
                N_("edition %(number)s of %(date)s took effect by %(day)s, and editions take effect in order")
            )
            highs[k] = Bound(after.day, message(took_effect, number=k + 2, date=active[k + 1].date.isoformat(),
                                                day=after.day.isoformat()))
    out: list[Effective] = []
    warnings: list[Message] = []
    for k, x in enumerate(expressions):
        if k >= len(active) or x.applies_from.is_known:
            out.append(Effective(x.applies_from, None, None))
            continue
        lo, hi = lows[k], highs[k]
        if lo is not None and hi is not None and lo.day > hi.day:
            warnings.append(message(
                "edition %(index)s of %(date)s: the bounds contradict each other (not before %(low)s: "
                "%(low_reason)s; not after %(high)s: %(high_reason)s); the manifest's date is kept as it is",
                index=k + 1, date=x.date.isoformat(), low=lo.day.isoformat(), low_reason=lo.reason,
                high=hi.day.isoformat(), high_reason=hi.reason))
            out.append(Effective(x.applies_from, None, None))
            continue
        given = _manifest_bounds(x)
        if (lo, hi) == given:  # nothing learnt beyond the manifest: keep its words
            out.append(Effective(x.applies_from, lo, hi, pubs[k]))
            continue
        basis = _bounds_basis(lo, hi) or x.applies_from.basis
        own_rule = x.applies_from.rule
        if lo is not None and hi is not None and lo.day == hi.day:
            date = LegalDate.known(lo.day, rule=own_rule, basis=basis)
        else:
            date = LegalDate.unknown(on_or_after=lo.day if lo else None, on_or_before=hi.day if hi else None,
                                     rule=own_rule, basis=basis or None)
        out.append(Effective(date, lo, hi, pubs[k]))
    return tuple(out), tuple(warnings)
