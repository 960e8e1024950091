"""How the meetings kept to an agreed rhythm: the agreed periods that had no contact.

A period is one agreed cadence of days, `(begin, end]`, laid back to back from the last day
looked at. Only whole periods that begin on or after the first day looked at are counted, so a
period cut by the start of the window (or by the agreement itself) never counts as missed. A
period with any day of a known pause in it is neither counted nor missed. Plain Python, no
clock: the days are given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from mentorlog.domain.dates import Cadence, add_cadence

_DAY = timedelta(days=1)


def agreed_periods(
    cadence: Cadence, first_day: date, last_day: date, limit: int | None = None
) -> list[tuple[date, date]]:
    """The whole periods `(begin, end]` ending on `last_day` and going back, latest first,
    whose days all fall on or after `first_day`; at most `limit` of them."""
    if cadence.count == 0:
        return []
    periods: list[tuple[date, date]] = []
    end = last_day
    while limit is None or len(periods) < limit:
        begin = add_cadence(last_day, cadence, -(len(periods) + 1))
        if begin + _DAY < first_day:
            break
        periods.append((begin, end))
        end = begin
    return periods


def missed_periods(
    cadence: Cadence,
    contacts: Iterable[date],
    first_day: date,
    last_day: date,
    *,
    limit: int | None = None,
    paused: tuple[date, date] | None = None,
) -> tuple[int, int]:
    """(periods, missed): how many agreed periods between `first_day` and `last_day` were
    looked at, and how many of them had no contact. `paused` is a pause as `[from, until)`;
    the periods it touches are left out of both counts."""
    days = sorted(contacts)
    periods = agreed_periods(cadence, first_day, last_day, limit)
    if paused is not None:
        pause_from, pause_until = paused
        periods = [(b, e) for b, e in periods if not (b + _DAY < pause_until and pause_from <= e)]
    missed = sum(1 for begin, end in periods if not _any_between(days, begin, end))
    return len(periods), missed


def _any_between(days: list[date], begin: date, end: date) -> bool:
    """Whether a day of the sorted `days` falls in `(begin, end]`."""
    from bisect import bisect_right

    index = bisect_right(days, begin)
    return index < len(days) and days[index] <= end
