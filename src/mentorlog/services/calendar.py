"""Check-ins as an iCalendar file: the next check-in with each active mentor as an all-day
event (or a task), and optionally past sessions.

Calendar programs recognise an event they imported before by its UID and take the copy with
the higher SEQUENCE. So each mentor's next check-in keeps one UID forever
(`<mentor id>-next@mentorlog`), and its SEQUENCE grows with every day and every contact:
importing a newer file moves the event instead of adding a second one.

Booked meetings are timed events (`<meeting id>@mentorlog`; a cancelled one stays in the file
as STATUS:CANCELLED so calendars drop it), and the next check-in then falls one cadence after
the meeting. A paused mentor's next check-in is the day the pause ends, a snoozed one's the
day the snooze ends: the day `mentorlog due` shows them again. A mentor who would lapse (pass
their outer limit, `at_most`) before the next contact gets a second all-day event on the day
`due` would call them lapsed (`<mentor id>-lapse@mentorlog`); when there is no such day ahead
of the check-in, that UID is written as cancelled so a calendar drops the old one. A mentor
with no check-in to show (ended, or paused until resumed) has both UIDs written as cancelled,
for the same reason. `--repeat` uses an
RRULE only where RFC 5545 expands it to the same days as mentorlog's month arithmetic (see
`repeats_exactly`); elsewhere the coming occurrences are individual events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mentorlog.domain import meetings, schedule, windows
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.models import Meeting, Mentor
from mentorlog.errors import UsageError
from mentorlog.journal.reader import Snapshot

UID_DOMAIN = "mentorlog"
# SEQUENCE counts days from here, so it only ever grows.
_EPOCH = date(2020, 1, 1)
# How far ahead repeats are written out one by one where no RRULE can say them.
REPEAT_HORIZON_DAYS = 730
_ALARM_UNITS = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
_KIND_SUMMARIES = {
    "check-in": "Check-in with {name}",
    "question": "Question to {name}",
    "intro": "Introduction to {name}",
    "email": "Email with {name}",
    "message": "Message with {name}",
    "thanks": "Thank-you to {name}",
}


@dataclass(frozen=True, slots=True)
class CalendarItem:
    uid: str
    day: date
    summary: str
    description: str
    sequence: int
    repeat: Cadence | None = None
    is_next: bool = True  # a check-in or its lapse: a task with --as-todo
    start: datetime | None = None  # local wall-clock start of a timed event (floating time)
    minutes: int | None = None
    location: str | None = None
    cancelled: bool = False
    reminds: bool = True  # gets the --alarm reminder (a past session does not)


def next_uid(mentor_id: str) -> str:
    return f"{mentor_id}-next@{UID_DOMAIN}"


def lapse_uid(mentor_id: str) -> str:
    return f"{mentor_id}-lapse@{UID_DOMAIN}"


def session_uid(session_id: str) -> str:
    return f"{session_id}@{UID_DOMAIN}"


def meeting_uid(meeting_id: str) -> str:
    return f"{meeting_id}@{UID_DOMAIN}"


def repeats_exactly(start: date, cadence: Cadence) -> bool:
    """Whether an RRULE from `start` gives mentorlog's days (`add_cadence(start, cadence, n)`).
    RFC 5545 skips a month without the start's day (Jan 31 -> Mar 31) where mentorlog moves to
    the month's last day (Feb 28): only months from a day after the 28th differ."""
    if cadence.unit != "m" or start.day <= 28:
        return True
    # The months the repeat lands in; it differs only where one of them can lack the day.
    months = {(start.month - 1 + step * cadence.count) % 12 + 1 for step in range(12)}
    return all(start.day <= _SHORTEST_MONTH.get(month, 31) for month in months)


# The fewest days each month can have (February outside leap years).
_SHORTEST_MONTH = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}


def parse_alarm(text: str) -> timedelta:
    """ "1d", "2h", "30m", "1w": how long before an event its reminder goes off."""
    value = text.strip().lower().replace(" ", "")
    number, unit = value[:-1], value[-1:]
    if not number.isdigit() or unit not in _ALARM_UNITS or not 0 < int(number) <= 10_000:
        raise UsageError(
            f"'{text}' is not a reminder time", 'write it as "30m", "2h", "1d" or "1w" before'
        )
    return timedelta(minutes=int(number) * _ALARM_UNITS[unit])


def next_check_ins(
    snapshot: Snapshot, today: date, *, repeat: bool = False, mentor: str | None = None
) -> list[CalendarItem]:
    """One item per active mentor: the day their next check-in is due (today if overdue)."""
    contacts = schedule.last_contacts(snapshot.sessions, today)
    counts: dict[str, int] = {}
    for session in snapshot.sessions:
        counts[session.mentor] = counts.get(session.mentor, 0) + 1
    items: list[CalendarItem] = []
    for m in sorted(snapshot.mentors.values(), key=lambda m: m.name.casefold()):
        if mentor is not None and m.id != mentor:
            continue
        ended = m.ended_on(today)
        if ended or (m.paused_on(today) and m.paused_until is None):
            # No day to show; a check-in an earlier export gave them is written as cancelled,
            # so a calendar that imported it drops it rather than keep reminding.
            items.extend(_withdrawn(m, today, counts.get(m.id, 0), "ended" if ended else "paused"))
            continue
        cadence = windows.cadence_for(m, snapshot.settings)
        last = contacts.get(m.id)
        due = schedule.next_due(m, last, cadence, today)
        summary = f"Check-in with {m.name}"
        facts = [f"Cadence {cadence}."]
        facts.append(f"Last contact {last.isoformat()}." if last else "No contact yet.")
        booked = meetings.next_booked(m, today)
        # The meeting counts as being in touch, so both windows start from it.
        in_touch = booked.date if booked is not None else last
        if booked is not None:
            due = add_cadence(booked.date, cadence)
            facts.append(f"Meeting booked on {booked.date.isoformat()}.")
        elif due < today:
            facts.append(f"Due since {due.isoformat()}.")
        if m.paused_on(today) and m.paused_until is not None:
            due = max(due, m.paused_until)
            summary += " (pause ends)"
            facts.append(f"Paused until {m.paused_until.isoformat()}.")
        if m.snoozed_until is not None and m.snoozed_until > max(due, today):
            due = m.snoozed_until
            facts.append(f"Snoozed until {m.snoozed_until.isoformat()}.")
        facts.append(f"mentorlog mentor show {m.id}")
        first = max(due, today)
        sequence = (today - _EPOCH).days + counts.get(m.id, 0)
        lapse = None
        if in_touch is not None:
            lapse = _lapse_item(m, in_touch, cadence, first, today, sequence)
            if lapse.cancelled:
                summary += " (lapsed)"
        exact = not repeat or repeats_exactly(first, cadence)
        days = [first] if exact else _occurrences(first, cadence)
        for number, day in enumerate(days, start=1):
            items.append(
                CalendarItem(
                    uid=next_uid(m.id) if number == 1 else f"{m.id}-next-{number}@{UID_DOMAIN}",
                    day=day,
                    summary=summary,
                    description=" ".join(facts),
                    sequence=sequence,
                    repeat=cadence if repeat and exact else None,
                )
            )
        if lapse is not None:
            items.append(lapse)
    return items


def _withdrawn(mentor: Mentor, today: date, sessions: int, why: str) -> list[CalendarItem]:
    """The check-in and the lapse of a mentor who has none now, as cancelled items."""
    sequence = (today - _EPOCH).days + sessions
    facts = f"No check-in while the relationship is {why}. mentorlog mentor show {mentor.id}"
    return [
        CalendarItem(
            uid=uid(mentor.id),
            day=today,
            summary=f"{what} {mentor.name} ({why})",
            description=facts,
            sequence=sequence,
            cancelled=True,
        )
        for uid, what in ((next_uid, "Check-in with"), (lapse_uid, "Lapsed: no contact with"))
    ]


def _lapse_item(
    mentor: Mentor, in_touch: date, cadence: Cadence, check_in: date, today: date, sequence: int
) -> CalendarItem:
    """The day `due` would first call `mentor` lapsed, as an all-day event: the day after their
    limit, or the day a pause or snooze ends if that is later. Cancelled when that day is not
    after the check-in's (the check-in itself is then marked lapsed)."""
    limit = windows.at_most_for(mentor, cadence)
    day = add_cadence(in_touch, limit) + timedelta(days=1)
    for hidden_until in (mentor.paused_until, mentor.snoozed_until):
        if hidden_until is not None and hidden_until > day:
            day = hidden_until
    return CalendarItem(
        uid=lapse_uid(mentor.id),
        day=max(day, check_in),
        summary=f"Lapsed: no contact with {mentor.name} for {limit}",
        description=(
            f"Past the outer limit of {limit} since {in_touch.isoformat()}. "
            f"mentorlog mentor show {mentor.id}"
        ),
        sequence=sequence,
        cancelled=day <= check_in,
        reminds=day > check_in,
    )


def _occurrences(first: date, cadence: Cadence) -> list[date]:
    """The repeats of `first` within the horizon, by mentorlog's arithmetic."""
    end = first + timedelta(days=REPEAT_HORIZON_DAYS)
    days: list[date] = []
    times = 0
    while (day := add_cadence(first, cadence, times)) <= end:
        days.append(day)
        times += 1
    return days


def booked_meetings(
    snapshot: Snapshot, today: date, *, mentor: str | None = None
) -> list[CalendarItem]:
    """Every booked meeting as an event (timed when it has a time), and the cancelled ones
    still ahead as cancelled events, so a calendar that imported them drops them."""
    items: list[CalendarItem] = []
    for m in sorted(snapshot.mentors.values(), key=lambda m: m.name.casefold()):
        if mentor is not None and m.id != mentor:
            continue
        for meeting in m.meetings:
            if meeting.status == "cancelled" and meeting.date < today:
                continue
            items.append(_meeting_item(m, meeting, today))
    return items


def _meeting_item(mentor: Mentor, meeting: Meeting, today: date) -> CalendarItem:
    summary = _KIND_SUMMARIES.get(meeting.kind, "Meeting with {name}").format(name=mentor.name)
    facts = [f"Agenda: {meeting.agenda}."] if meeting.agenda else []
    facts.append(f"mentorlog brief {mentor.id}")
    start = None
    if meeting.at is not None:
        hour, minute = (int(part) for part in meeting.at.split(":"))
        start = datetime(meeting.date.year, meeting.date.month, meeting.date.day, hour, minute)
    return CalendarItem(
        uid=meeting_uid(meeting.id),
        day=meeting.date,
        summary=summary,
        description=" ".join(facts),
        sequence=(today - _EPOCH).days,
        is_next=False,
        start=start,
        minutes=meeting.minutes or meetings.DEFAULT_MINUTES,
        location=meeting.where,
        cancelled=meeting.status == "cancelled",
        reminds=meeting.status == "booked" and meeting.date >= today,
    )


def past_sessions(
    snapshot: Snapshot, today: date, *, mentor: str | None = None
) -> list[CalendarItem]:
    """Sessions up to today, as events. A confidential session shows only who it was with."""
    items: list[CalendarItem] = []
    for session in snapshot.sessions:
        if session.date > today or (mentor is not None and session.mentor != mentor):
            continue
        known = snapshot.mentors.get(session.mentor)
        name = known.name if known else session.mentor
        summary = _KIND_SUMMARIES.get(session.kind, "Contact with {name}").format(name=name)
        if session.topic and not session.confidential:
            summary += f": {session.topic}"
        items.append(
            CalendarItem(
                uid=session_uid(session.id),
                day=session.date,
                summary=summary,
                description=f"mentorlog session show {session.id}",
                sequence=0,
                is_next=False,
                reminds=False,
            )
        )
    return items
