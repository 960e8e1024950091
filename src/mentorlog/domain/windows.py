"""Two windows per mentor: the cadence (when to be in touch, ideally) and the outer limit
(`at_most`: past it the relationship has lapsed). Pure: no I/O, no clock.

Which cadence a mentor has, most specific first: their own `cadence`; else the shortest of the
cadences `mentorlog.toml` sets for their tags (`[cadence.tag]`); else the one for their career
stage (`[cadence]`); else the journal's `default_cadence`. Their limit is their own `at_most`,
else one and a half times their cadence.
"""

from __future__ import annotations

from datetime import date

from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.models import Mentor, Settings

# The statuses of a mentor in `due`, least urgent first.
OK = "ok"
DUE_SOON = "due"
OVERDUE = "overdue"
LAPSED = "lapsed"
FIRST_CONTACT = "first-contact"
SNOOZED = "snoozed"

_NOMINAL_DAYS = {"d": 1, "w": 7, "m": 30}


def nominal_days(cadence: Cadence) -> int:
    """About how many days `cadence` spans: for comparing two cadences, never for a date."""
    return cadence.count * _NOMINAL_DAYS[cadence.unit]


def cadence_for(mentor: Mentor, settings: Settings) -> Cadence:
    """The mentor's cadence: their own, else their tags', else their stage's, else the default."""
    if mentor.cadence is not None:
        return mentor.cadence
    by_tag = [settings.cadence_by_tag[t] for t in mentor.tags if t in settings.cadence_by_tag]
    if by_tag:
        return min(by_tag, key=nominal_days)
    if mentor.stage is not None and mentor.stage in settings.cadence_by_stage:
        return settings.cadence_by_stage[mentor.stage]
    return settings.default_cadence


def default_limit(cadence: Cadence) -> Cadence:
    """One and a half times `cadence`: in its own unit where that is whole, else in days
    (rounded up), so 4w gives 6w, 2m gives 3m, 1m gives 45d and 3d gives 5d."""
    if cadence.count % 2 == 0:
        return Cadence(cadence.count * 3 // 2, cadence.unit)
    return Cadence(-(-nominal_days(cadence) * 3 // 2), "d")


def at_most_for(mentor: Mentor, cadence: Cadence) -> Cadence:
    """The mentor's limit; never shorter than the cadence (a default cadence for their stage
    may be longer than the limit they were given)."""
    if mentor.at_most is None:
        return default_limit(cadence)
    return cadence if nominal_days(mentor.at_most) < nominal_days(cadence) else mentor.at_most


def check_limit(cadence: Cadence | None, at_most: Cadence | None) -> None:
    """UsageError when a mentor's limit would be shorter than their own cadence."""
    if (
        cadence is not None
        and at_most is not None
        and nominal_days(at_most) < nominal_days(cadence)
    ):
        from mentorlog.errors import UsageError

        raise UsageError(
            f"the limit {at_most} is shorter than the cadence {cadence}",
            f"give --at-most {default_limit(cadence)} or longer, or a shorter --cadence",
        )


def first_contact_from(mentor: Mentor) -> date | None:
    """When a mentor never contacted began waiting: the later of `since` and the day they
    were added (a file from before `added` was recorded has only `since`)."""
    known = [day for day in (mentor.since, mentor.added) if day is not None]
    return max(known) if known else None


def span_days(start: date, cadence: Cadence) -> int:
    """The days one cadence spans from `start` (at least 1)."""
    return max(1, (add_cadence(start, cadence) - start).days)


def lateness(days_overdue: int, span: int) -> float:
    """How late, relative to the cadence: 10 days late on a 2-week cadence is 10/14, on a
    quarterly one 10/91. Negative while not yet due."""
    return days_overdue / span


def status_for(today: date, due_on: date, limit: date, horizon: date) -> str:
    """ok, due (soon: within the window), overdue (past the cadence), lapsed (past the limit)."""
    if today > limit:
        return LAPSED
    if today > due_on:
        return OVERDUE
    if due_on <= horizon:
        return DUE_SOON
    return OK


def snoozed_on(mentor: Mentor, day: date) -> bool:
    return mentor.snoozed_until is not None and day < mentor.snoozed_until
