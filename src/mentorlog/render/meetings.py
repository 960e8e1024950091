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


def listing(items: list[Any], today: date) -> str:
    """`meet list`: one line per meeting, soonest first."""
    if not items:
        return ""
    lines = []
    for item in items:
        meeting = item.meeting
        parts = [
            meeting.id,
            meeting.date.isoformat() + (f" {meeting.at}" if meeting.at else ""),
            item.mentor.name,
            meeting.kind,
        ]
        if meeting.minutes:
            parts.append(describe_length(meeting.minutes))
        if meeting.where:
            parts.append(f"at {meeting.where}")
        if meeting.agenda:
            parts.append(f"agenda: {meeting.agenda}")
        if meeting.date < today:
            parts.append("passed: record it with `mentorlog session new`")
        lines.append("  " + text_safety.line("  ".join(parts)))
    return "\n".join(lines) + "\n"


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
