"""Booked meetings as text: in `due` ("meeting Tue 10:00", the meetings to record) and in
`meet list`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from mentorlog.domain.meetings import describe_length, short_when
from mentorlog.domain.schedule import DueReport, DueRow
from mentorlog.render import text_safety


def meeting_when(row: DueRow, today: date) -> str:
    assert row.meeting is not None
    if row.status == "record":
        return f"record the meeting of {short_when(row.meeting, today)}"
    return f"meeting {short_when(row.meeting, today)}"


def record_meetings(report: DueReport, paint: Callable[..., str]) -> list[str]:
    """The section asking to record meetings whose day has passed."""
    rows = [r for r in report.rows if r.status == "record" and r.meeting is not None]
    if not rows:
        return []
    out = ["", paint("Record", "bold") + paint("  (booked meetings that have passed)", "dim")]
    for row in rows:
        assert row.meeting is not None
        when = row.meeting.date.isoformat() + (f" {row.meeting.at}" if row.meeting.at else "")
        name = text_safety.line(row.mentor.name)
        out.append(
            f"  record your meeting with {name} on {when}: "
            f"`mentorlog session new -m {row.mentor.id}`"
        )
    return out


def listing(items: list[Any], today: date) -> Any:
    """`meet list`: a table of the meetings, soonest first. The id and the time never break;
    the rest (who, how long, where, the agenda) is one prose column that wraps between
    words, so a missing field never shifts a column."""
    from mentorlog.render.tables import table

    result = table("id", "when", "what", title=None)
    for item in items:
        meeting = item.meeting
        when = meeting.date.isoformat() + (f" {meeting.at}" if meeting.at else "")
        what = f"{meeting.kind} with {item.mentor.name}"
        if meeting.minutes:
            what += f", {describe_length(meeting.minutes)}"
        if meeting.where:
            what += f", at {meeting.where}"
        if meeting.agenda:
            what += f": {meeting.agenda}"
        if meeting.date < today:
            what += " (passed: record it with `mentorlog session new`)"
        result.add_row(meeting.id, when, what, style="dim" if meeting.date < today else "")
    return result


def booked_line(meeting: Any, shown: Callable[[str], str]) -> str:
    """The brief's first line about the booked meeting it prepares."""
    parts = [f"Booked: {meeting.date.strftime('%a')} {meeting.date.isoformat()}"]
    if meeting.at:
        parts[0] += f" {meeting.at}"
    if meeting.minutes:
        parts.append(f"for {describe_length(meeting.minutes)}")
    if meeting.where:
        parts.append(f"at {shown(meeting.where)}")
    line = ", ".join(parts) + f" ({meeting.id})."
    if meeting.agenda:
        line += f" Agenda: {shown(meeting.agenda)}"
    return line
