"""Booked meetings: when one starts, how long it lasts, and which one `due`, `brief` and
`session new` care about. Plain Python; "today" is always given, never read."""

from __future__ import annotations

import re
from datetime import date

from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.models import Meeting, Mentor
from mentorlog.errors import UsageError

STATUSES = ("booked", "done", "cancelled")
DEFAULT_MINUTES = 60
MAX_MINUTES = 24 * 60
_TIME = re.compile(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?", re.IGNORECASE)
_LENGTH = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*(?:m|min)?)?", re.IGNORECASE)
# Calls are planned weeks or months ahead; a date years off is a typo (2062 for 2026).
MAX_YEARS_AHEAD = 2
_TIME_HINT = 'write it as HH:MM on a 24-hour clock, such as "09:30" or "14:00"'
_LENGTH_HINT = 'write it as minutes or hours, such as "45m", "1h" or "1h30m"'


def parse_time(text: str) -> str:
    """ "9", "9:30", "0930", "2pm", "14:00" -> "HH:MM"; anything else is refused."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise UsageError(f"'{text}' is not a time of day", _TIME_HINT)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower()
    if suffix:
        if not 1 <= hour <= 12:
            raise UsageError(f"'{text}' is not a time of day", _TIME_HINT)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise UsageError(f"'{text}' is not a time of day", _TIME_HINT)
    return f"{hour:02d}:{minute:02d}"


def is_time(text: str) -> bool:
    """Whether `text` is a stored start time: exactly "HH:MM", 00:00 to 23:59."""
    return bool(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", text))


def parse_length(text: str) -> int:
    """ "45m", "45", "1h", "1h30m", "1h 30" -> minutes, 1 to 24 hours."""
    match = _LENGTH.fullmatch(text.strip())
    if not text.strip() or match is None or not (match.group(1) or match.group(2)):
        raise UsageError(f"'{text}' is not a length of time", _LENGTH_HINT)
    minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 1 <= minutes <= MAX_MINUTES:
        raise UsageError(f"'{text}' is not between 1 minute and 24 hours", _LENGTH_HINT)
    return minutes


def check_ahead(day: date, today: date) -> None:
    """Refuse a meeting date further ahead than anyone books a call."""
    latest = add_cadence(today, Cadence(12 * MAX_YEARS_AHEAD, "m"))
    if day > latest:
        raise UsageError(
            f"the meeting date {day.isoformat()} is more than {MAX_YEARS_AHEAD} years ahead",
            f"book a day up to {latest.isoformat()}",
        )


def describe_length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def booked(mentor: Mentor) -> list[Meeting]:
    """The mentor's booked meetings, earliest first (a meeting without a time comes first on
    its day)."""
    found = [m for m in mentor.meetings if m.status == "booked"]
    return sorted(found, key=lambda m: (m.date, m.at or "", m.id))


def next_booked(mentor: Mentor, today: date) -> Meeting | None:
    """The next booked meeting from today on."""
    return next((m for m in booked(mentor) if m.date >= today), None)


def passed_booked(mentor: Mentor, today: date) -> Meeting | None:
    """The latest booked meeting whose day has come (today included): the one to record."""
    passed = [m for m in booked(mentor) if m.date <= today]
    return passed[-1] if passed else None


def unrecorded(mentor: Mentor, today: date) -> Meeting | None:
    """The latest booked meeting before today: it happened, but no session says so yet."""
    passed = [m for m in booked(mentor) if m.date < today]
    return passed[-1] if passed else None


def short_when(meeting: Meeting, today: date) -> str:
    """ "Tue 10:00" within the coming week, "today 10:00", else "2026-12-14 10:00"."""
    days = (meeting.date - today).days
    if days == 0:
        day = "today"
    elif days == 1:
        day = "tomorrow"
    elif 1 < days < 7:
        day = meeting.date.strftime("%a")
    else:
        day = meeting.date.isoformat()
    return f"{day} {meeting.at}" if meeting.at else day


def counts_until(since: date, cadence: Cadence, at_most: Cadence, today: date) -> date:
    """The latest day a booked meeting may fall on and still count as being in touch: the day
    the relationship would lapse (the outer limit after `since`: the last contact, or the day a
    first contact became due), or one cadence from today when that is later, so that a lapsed
    relationship is back in touch with a meeting soon. A meeting further off leaves the mentor
    due: a date booked far ahead (or mistyped) must never hide someone overdue."""
    return max(add_cadence(since, at_most), add_cadence(today, cadence))


def meeting_status(
    mentor: Mentor, status: str, today: date, counts_until: date | None = None
) -> tuple[str, Meeting | None]:
    """A due row's status once booked meetings are counted: a passed meeting not yet recorded
    asks to be recorded; else a meeting booked from today on, no later than `counts_until`,
    means being in touch, so a mentor who would be due or overdue is "booked" instead."""
    to_record = unrecorded(mentor, today)
    if to_record is not None:
        return "record", to_record
    coming = next_booked(mentor, today)
    near = coming is not None and (counts_until is None or coming.date <= counts_until)
    if near and status != "ok":
        return "booked", coming
    return status, coming
