"""The calendar items of `services/calendar.py` as an RFC 5545 file (`mentorlog calendar`,
`export --format ics`).

Names, agendas, topics and places are data here as in every view: icalendar escapes the
characters RFC 5545 gives a meaning (backslash, comma, semicolon, newline) but passes control
characters, bidi overrides, invisible format characters and line separators through, which
calendars show as garbage, hide text with, or read as a broken line. `text_safety` writes those
as visible escapes first, so what a calendar shows is what the journal holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mentorlog.domain.dates import Cadence
from mentorlog.render import text_safety
from mentorlog.services.calendar import CalendarItem

if TYPE_CHECKING:
    import icalendar

PRODID = "-//mentorlog//mentorlog//EN"
_FREQUENCIES = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY"}


def rrule(cadence: Cadence) -> dict[str, object]:
    return {"FREQ": _FREQUENCIES[cadence.unit], "INTERVAL": cadence.count}


def to_ics(
    items: list[CalendarItem],
    stamp: datetime,
    *,
    as_todo: bool = False,
    alarm: timedelta | None = None,
) -> bytes:
    """An RFC 5545 calendar (CRLF line endings, folded lines) for `items`. `stamp` is when the
    file is made, in UTC (DTSTAMP); `alarm`, how long before each event a reminder goes off."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mentor check-ins")
    stamp = stamp.astimezone(UTC)
    for item in items:
        todo = as_todo and item.is_next
        component = icalendar.Todo() if todo else icalendar.Event()
        component.add("uid", item.uid)
        component.add("dtstamp", stamp)
        component.add("summary", text_safety.line(item.summary))
        component.add("description", text_safety.body(item.description))
        component.add("sequence", item.sequence)
        if todo:
            # DUE must fall after DTSTART, and a repeating task needs a DTSTART: the task
            # starts the day before it is due.
            component.add("dtstart", item.day - timedelta(days=1))
            component.add("due", item.day)
            if not item.cancelled:
                component.add("status", "NEEDS-ACTION")
        elif item.start is not None:
            component.add("dtstart", item.start)
            component.add("dtend", item.start + timedelta(minutes=item.minutes or 60))
        else:
            component.add("dtstart", item.day)
            component.add("dtend", item.day + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        if item.location:
            component.add("location", text_safety.line(item.location))
        if item.cancelled:
            component.add("status", "CANCELLED")
        if item.repeat is not None:
            component.add("rrule", rrule(item.repeat))
        if alarm is not None and item.reminds and not item.cancelled:
            component.add_component(_reminder(item, alarm))
        calendar.add_component(component)
    return bytes(calendar.to_ical())


def _reminder(item: CalendarItem, alarm: timedelta) -> icalendar.Alarm:
    import icalendar

    reminder = icalendar.Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", text_safety.line(item.summary))
    reminder.add("trigger", -alarm)
    return reminder
