"""Check-ins as an iCalendar file: the next check-in with each active mentor as an all-day
event (or a task), and optionally past sessions.

Calendar programs recognise an event they imported before by its UID and take the copy with
the higher SEQUENCE. So each mentor's next check-in keeps one UID forever
(`<mentor id>-next@mentorlog`), and its SEQUENCE grows with every day and every contact:
importing a newer file moves the event instead of adding a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from mentorlog.domain import schedule, windows
from mentorlog.domain.dates import Cadence
from mentorlog.journal.reader import Snapshot

PRODID = "-//mentorlog//mentorlog//EN"
UID_DOMAIN = "mentorlog"
# SEQUENCE counts days from here, so it only ever grows.
_EPOCH = date(2020, 1, 1)
_FREQUENCIES = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY"}
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
    is_next: bool = True


def next_uid(mentor_id: str) -> str:
    return f"{mentor_id}-next@{UID_DOMAIN}"


def session_uid(session_id: str) -> str:
    return f"{session_id}@{UID_DOMAIN}"


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
        if not m.active_on(today) or (mentor is not None and m.id != mentor):
            continue
        cadence = windows.cadence_for(m, snapshot.settings)
        last = contacts.get(m.id)
        due = schedule.next_due(m, last, cadence, today)
        facts = [f"Cadence {cadence}."]
        facts.append(f"Last contact {last.isoformat()}." if last else "No contact yet.")
        if due < today:
            facts.append(f"Due since {due.isoformat()}.")
        facts.append(f"mentorlog mentor show {m.id}")
        items.append(
            CalendarItem(
                uid=next_uid(m.id),
                day=max(due, today),
                summary=f"Check in with {m.name}",
                description=" ".join(facts),
                sequence=(today - _EPOCH).days + counts.get(m.id, 0),
                repeat=cadence if repeat else None,
            )
        )
    return items


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
            )
        )
    return items


def rrule(cadence: Cadence) -> dict[str, object]:
    return {"FREQ": _FREQUENCIES[cadence.unit], "INTERVAL": cadence.count}


def to_ics(items: list[CalendarItem], today: date, *, as_todo: bool = False) -> bytes:
    """An RFC 5545 calendar (CRLF line endings, folded lines) for `items`."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mentor check-ins")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for item in items:
        todo = as_todo and item.is_next
        component = icalendar.Todo() if todo else icalendar.Event()
        component.add("uid", item.uid)
        component.add("dtstamp", stamp)
        component.add("summary", item.summary)
        component.add("description", item.description)
        component.add("sequence", item.sequence)
        if todo:
            # DUE must fall after DTSTART, and a repeating task needs a DTSTART: the task
            # starts the day before it is due.
            component.add("dtstart", item.day - timedelta(days=1))
            component.add("due", item.day)
            component.add("status", "NEEDS-ACTION")
        else:
            component.add("dtstart", item.day)
            component.add("dtend", item.day + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        if item.repeat is not None:
            component.add("rrule", rrule(item.repeat))
        calendar.add_component(component)
    return bytes(calendar.to_ical())
