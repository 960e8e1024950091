"""Text in a calendar file is data: a mentor's name, a meeting's agenda and place, a session's
topic reach the .ics file without control characters, bidi overrides or line breaks that break
or disguise an event, and read back (with icalendar and vobject) as the escapes every other view
shows."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st
from test_text_is_data import HOSTILE

from journal_builder import Builder
from mentorlog.render import text_safety
from mentorlog.render.ics import to_ics
from mentorlog.services.calendar import CalendarItem
from test_calendar import strict_parse

STAMP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def raw_unsafe(text: str) -> list[str]:
    """Characters no line of an .ics file may hold (RFC 5545 TEXT allows no controls but tab),
    nor any text a calendar shows: format characters but the joiners, separators, surrogates."""
    found = []
    for char in text.replace("\r\n", ""):
        if char == "\t" or char in "\u200c\u200d":
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            found.append(char)
    return found


@pytest.fixture
def hostile_journal(journal_dir: Path) -> Path:
    builder = Builder(journal_dir)
    for number, text in enumerate(HOSTILE):
        mentor = f"m{number}"
        builder.mentor(
            mentor,
            name=f"Ann {text}",
            cadence="2w",
            meetings=[
                {
                    "id": f"{mentor}-2026-12-01",
                    "date": date(2026, 12, 1),
                    "where": f"Room {text}",
                    "agenda": f"Plan {text}",
                }
            ],
        )
        builder.session(mentor, "2026-11-20", topic=f"Topic {text}", confidential=False)
    return journal_dir


def test_hostile_text_stays_data_in_the_calendar(run, hostile_journal: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("calendar", "--include-sessions", "--alarm", "1d")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    strict_parse(text)  # CRLF only, folded lines, components well nested, all-day
    assert raw_unsafe(text) == []
    ours = icalendar.Calendar.from_ical(text)
    theirs = vobject.readOne(text)
    by_uid = {str(e["uid"]): e for e in ours.walk("VEVENT")}
    by_uid_vobject = {e.uid.value: e for e in theirs.contents["vevent"]}
    assert set(by_uid) == set(by_uid_vobject)
    for number, hostile in enumerate(HOSTILE):
        shown = text_safety.line(hostile)
        check_in = by_uid[f"m{number}-next@mentorlog"]
        assert str(check_in["summary"]) == f"Check-in with Ann {shown}"
        meeting = by_uid[f"m{number}-2026-12-01@mentorlog"]
        assert str(meeting["location"]) == f"Room {shown}"
        assert by_uid_vobject[f"m{number}-2026-12-01@mentorlog"].location.value == f"Room {shown}"
        assert f"Agenda: Plan {text_safety.body(hostile)}." in str(meeting["description"])
        [alarm] = meeting.walk("VALARM")
        assert str(alarm["description"]) == f"Check-in with Ann {shown}"
        session = by_uid[f"2026-11-20-m{number}@mentorlog"]
        assert str(session["summary"]) == f"Check-in with Ann {shown}: Topic {shown}"
        assert by_uid_vobject[f"2026-11-20-m{number}@mentorlog"].summary.value == str(
            session["summary"]
        )


def test_the_escapes_show_what_was_hidden(run, hostile_journal: Path) -> None:  # type: ignore[no-untyped-def]
    text = run("calendar").stdout
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert "Check-in with Ann \\u202eevil\\u202c" in summaries
    assert "Check-in with Ann \\x1b[2J\\x1b[H" in summaries
    assert "Check-in with Ann two\\nlines" in summaries  # one line, the break visible


@given(
    name=st.text(max_size=40),
    agenda=st.text(max_size=60),
    where=st.text(max_size=30),
)
def test_any_text_reads_back_as_its_safe_form(name: str, agenda: str, where: str) -> None:
    item = CalendarItem(
        uid="x@mentorlog",
        day=date(2026, 12, 1),
        summary=f"Meeting with {name}",
        description=f"Agenda: {agenda}.",
        sequence=1,
        is_next=False,
        start=datetime(2026, 12, 1, 10, 0),
        minutes=30,
        location=where or None,
    )
    text = to_ics([item], STAMP).decode("utf-8")
    assert raw_unsafe(text) == []
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["summary"]) == text_safety.line(f"Meeting with {name}")
    assert str(event["description"]) == text_safety.body(f"Agenda: {agenda}.")
    if where:
        assert str(event["location"]) == text_safety.line(where)
    [other] = vobject.readOne(text).contents["vevent"]
    assert other.summary.value == str(event["summary"])
