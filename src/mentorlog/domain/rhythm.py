"""How each day of a relationship stood against its cadence, for the charts of `review`,
`team`, `timeline` and the report. Pure: no I/O, no clock; the last day is a parameter.

A day is one of (`DAY_STATES`):
- `on-time`: a contact that came by the day it was due;
- `late`: a contact that came after the day it was due;
- `missed`: no contact, and one was due by then (neglect);
- `waiting`: no contact, and none was due yet (the rhythm holds);
- `paused`: the mentor asked for a pause; nothing is due;
- `ended`: after the relationship ended;
- `before`: before it began.

When a contact is due follows `schedule`: the cadence after the last contact. A mentor never
contacted is waiting for a first contact, never missed (as `due` says "first contact, waiting").
A meeting booked from the last day on that `due` counts as being in touch (near enough, see
`meetings.counts_until`) holds the rhythm: the days since it fell due read as waiting, not
missed. A pause resets the clock: the first contact is due the day the pause ends, so a pause
never reads as neglect.

Days are grouped into cells (a week, two weeks, a month, a quarter or a year) for drawing; a
cell shows the most telling day in it (`CELL_PRECEDENCE`): a late contact or a missed stretch
before an on-time contact, a contact before quiet days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mentorlog.domain import windows
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.meetings import counts_until, next_booked
from mentorlog.domain.models import Mentor

ON_TIME = "on-time"
LATE = "late"
MISSED = "missed"
WAITING = "waiting"
PAUSED = "paused"
ENDED = "ended"
BEFORE = "before"
DAY_STATES = (ON_TIME, LATE, MISSED, WAITING, PAUSED, ENDED, BEFORE)
# The state a cell shows when its days differ: the first of these found among them.
CELL_PRECEDENCE = (LATE, MISSED, ON_TIME, PAUSED, WAITING, ENDED, BEFORE)

# Cell sizes, finest first; a chart takes the finest whose cells fit its width.
STEPS = ("week", "fortnight", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class RhythmLine:
    """One mentor's days from `since` to `until` (both included), one state per day."""

    mentor: str  # the mentor's id
    cadence: Cadence
    since: date
    until: date
    days: tuple[str, ...]

    def state_on(self, day: date) -> str:
        return self.days[(day - self.since).days]

    def count(self, state: str) -> int:
        return sum(1 for s in self.days if s == state)


@dataclass(frozen=True, slots=True)
class Cell:
    first: date
    last: date
    state: str


def rhythm_line(
    mentor: Mentor, contacts: Iterable[date], cadence: Cadence, since: date, until: date
) -> RhythmLine:
    """Each day from `since` to `until` for `mentor`, given the days of every contact with
    them (earlier ones too: they set when the first contact of the period is due)."""
    if until < since:
        return RhythmLine(mentor.id, cadence, since, until, ())
    contact_days = sorted({d for d in contacts if d <= until})
    start = mentor.start
    due: date | None = None  # a mentor never contacted waits for a first contact
    held_from = _held_by_meeting(mentor, contact_days, cadence, until)
    later = iter(contact_days)
    upcoming = next(later, None)
    days: list[str] = []
    # Walk from the last contact before the period: it sets when the next one is due.
    earlier = [d for d in contact_days if d < since]
    day = earlier[-1] if earlier else since
    while upcoming is not None and upcoming < day:
        upcoming = next(later, None)
    was_paused = mentor.paused_on(day - timedelta(days=1))
    while day <= until:
        contact = upcoming == day
        if contact:
            upcoming = next(later, None)
        paused = mentor.paused_on(day)
        if was_paused and not paused and due is not None:
            due = day  # the pause is over: the next contact is due now, not overdue
        was_paused = paused
        if contact:
            state = LATE if due is not None and day > due else ON_TIME
            due = add_cadence(day, cadence)
        elif mentor.ended_on(day) and mentor.ended != day:
            state = ENDED
        elif start is not None and day < start:
            state = BEFORE
        elif paused:
            state = PAUSED
        elif due is not None and day > due and (held_from is None or day < held_from):
            state = MISSED
        else:
            state = WAITING
        if day >= since:
            days.append(state)
        day += timedelta(days=1)
    return RhythmLine(mentor.id, cadence, since, until, tuple(days))


def _held_by_meeting(
    mentor: Mentor, contact_days: list[date], cadence: Cadence, until: date
) -> date | None:
    """From which day a meeting booked on `until` holds the rhythm: the day after the last
    contact, when the meeting is one `due` counts as being in touch; else None."""
    coming = next_booked(mentor, until)
    if coming is None:
        return None
    last = contact_days[-1] if contact_days else None
    since = last or windows.first_contact_from(mentor) or until
    limit = counts_until(since, cadence, windows.at_most_for(mentor, cadence), until)
    if coming.date > limit:
        return None
    return last + timedelta(days=1) if last is not None else since


def _step_start(day: date, step: str) -> date:
    if step in ("week", "fortnight"):
        return day - timedelta(days=day.weekday())
    if step == "month":
        return day.replace(day=1)
    if step == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _next_start(first: date, step: str) -> date:
    if step == "week":
        return first + timedelta(days=7)
    if step == "fortnight":
        return first + timedelta(days=14)
    months = {"month": 1, "quarter": 3, "year": 12}[step]
    month = first.month - 1 + months
    return date(first.year + month // 12, month % 12 + 1, 1)


def spans(since: date, until: date, step: str) -> list[tuple[date, date]]:
    """The cells of `step` that cover `since`..`until`, each clipped to the period."""
    found: list[tuple[date, date]] = []
    first = _step_start(since, step)
    while first <= until:
        after = _next_start(first, step)
        found.append((max(first, since), min(after - timedelta(days=1), until)))
        first = after
    return found


def step_for(since: date, until: date, cells: int) -> str:
    """The finest step whose cells over the period number at most `cells`."""
    for step in STEPS:
        if len(spans(since, until, step)) <= cells:
            return step
    return STEPS[-1]


def cells(line: RhythmLine, periods: list[tuple[date, date]]) -> list[Cell]:
    """The line grouped into `periods`, each showing its most telling day."""
    rank = {state: n for n, state in enumerate(CELL_PRECEDENCE)}
    found: list[Cell] = []
    for first, last in periods:
        lo = max((first - line.since).days, 0)
        hi = min((last - line.since).days + 1, len(line.days))
        states = line.days[lo:hi]
        state = min(states, key=rank.__getitem__) if states else BEFORE
        found.append(Cell(first, last, state))
    return found
