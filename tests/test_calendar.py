"""`mentorlog calendar` / `export --format ics`: a file real calendar programs import, checked
with two independent parsers, with UIDs that stay the same from one export to the next."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
import vobject

ACTIVE_MENTORS = {"marcus-oyelaran", "priya-natarajan", "ruth-castellanos", "tomas-lindqvist"}
# Helen is paused until 2026-12-15: her check-in is the day the pause ends.
CHECK_IN_MENTORS = ACTIVE_MENTORS | {"helen-achterberg"}
# Ended: the check-in and lapse an earlier export gave him are written as cancelled
WITHDRAWN = {"walter-nakamura-next@mentorlog", "walter-nakamura-lapse@mentorlog"}
# The one booked meeting of the example: Priya's first call
MEETING_UID = "priya-natarajan-2026-11-25@mentorlog"


def strict_parse(text: str) -> list[dict[str, list[tuple[str, str]]]]:
    """A small RFC 5545 reader, independent of both libraries: CRLF everywhere, lines of at most
    75 octets, BEGIN/END properly nested, and the properties every component needs. Returns the
    VEVENT/VTODO components as {name: [(params, value)]}."""
    assert text.endswith("\r\n"), "the file must end with CRLF"
    raw_lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in raw_lines), "bare LF or CR"
    assert all(len(line.encode("utf-8")) <= 75 for line in raw_lines), "line longer than 75"
    unfolded: list[str] = []
    for line in raw_lines:
        if line.startswith((" ", "\t")):
            assert unfolded, "a continuation line with nothing to continue"
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    stack: list[str] = []
    components: list[dict[str, list[tuple[str, str]]]] = []
    current: dict[str, list[tuple[str, str]]] | None = None
    for line in unfolded:
        name_part, sep, value = line.partition(":")
        assert sep, f"no ':' in {line!r}"
        name, _, params = name_part.partition(";")
        name = name.upper()
        if name == "BEGIN":
            stack.append(value)
            if value in ("VEVENT", "VTODO"):
                assert stack[:-1] == ["VCALENDAR"], "components belong directly in VCALENDAR"
                current = {}
        elif name == "END":
            assert stack and stack[-1] == value, f"END:{value} does not close {stack}"
            stack.pop()
            if value in ("VEVENT", "VTODO"):
                assert current is not None
                current["_TYPE"] = [("", value)]
                components.append(current)
                current = None
        elif current is not None:
            current.setdefault(name, []).append((params, value))
    assert stack == [], f"unclosed {stack}"
    assert unfolded[0] == "BEGIN:VCALENDAR"
    for component in components:
        for required in ("UID", "DTSTAMP"):
            assert len(component.get(required, [])) == 1, f"{required} must appear once"
        assert component["DTSTAMP"][0][1].endswith("Z"), "DTSTAMP is in UTC"
        if component["_TYPE"][0][1] == "VEVENT":
            assert len(component.get("DTSTART", [])) == 1
            params, value = component["DTSTART"][0]
            if params == "VALUE=DATE":
                assert len(value) == 8, "an all-day event"
            else:
                assert len(value) == 15 and value[8] == "T", "a booked meeting, local time"
    return components


def calendar_text(run, *args: str) -> str:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_each_active_mentor_has_one_all_day_check_in(run, example_dir: Path) -> None:
    text = calendar_text(run, "calendar")
    events = strict_parse(text)
    uids = {event["UID"][0][1] for event in events}
    # Beside each check-in, the day the mentor would lapse (see test_calendar_escalation.py;
    # Priya's booked first call counts as a contact), and that call itself
    assert uids == (
        {f"{m}-next@mentorlog" for m in CHECK_IN_MENTORS}
        | {f"{m}-lapse@mentorlog" for m in CHECK_IN_MENTORS}
        | {MEETING_UID}
        | WITHDRAWN
    )
    parsed = icalendar.Calendar.from_ical(text)
    for event in parsed.walk("VEVENT"):
        if str(event["uid"]).endswith("-lapse@mentorlog") or str(event["uid"]) in WITHDRAWN:
            continue
        start = event.decoded("dtstart")
        if str(event["uid"]) == MEETING_UID:
            assert start == datetime(2026, 11, 25, 10, 0)
            continue
        assert isinstance(start, date) and start >= date(2026, 11, 23)
        assert str(event["summary"]).startswith("Check-in with ")


def test_an_overdue_check_in_is_shown_today(run, example_dir: Path) -> None:
    parsed = icalendar.Calendar.from_ical(calendar_text(run, "calendar"))
    ruth = next(e for e in parsed.walk("VEVENT") if "ruth" in str(e["uid"]))
    assert ruth.decoded("dtstart") == date(2026, 11, 23)
    assert "Due since 2026-11-02" in str(ruth["description"])


def test_ended_mentors_have_no_check_in(run, example_dir: Path) -> None:
    parsed = icalendar.Calendar.from_ical(calendar_text(run, "calendar"))
    walter = [e for e in parsed.walk("VEVENT") if "walter-nakamura" in str(e["uid"])]
    # Only cancelled copies, so a calendar that imported his check-in drops it
    assert {str(e["uid"]) for e in walter} == WITHDRAWN
    assert all(str(e["status"]) == "CANCELLED" for e in walter)


def test_vobject_reads_the_same_events(run, example_dir: Path) -> None:
    text = calendar_text(run, "export", "--format", "ics", "--repeat", "--include-sessions")
    parsed = vobject.readOne(text)
    events = parsed.contents["vevent"]
    own = strict_parse(text)
    assert len(events) == len(own) == 2 * len(CHECK_IN_MENTORS) + 1 + len(WITHDRAWN) + 23
    by_uid = {e.uid.value: e for e in events}
    marcus = by_uid["marcus-oyelaran-next@mentorlog"]
    assert marcus.dtstart.value == date(2026, 11, 27)
    assert marcus.rrule.value == "FREQ=MONTHLY;INTERVAL=1"
    assert by_uid["ruth-castellanos-next@mentorlog"].rrule.value == "FREQ=WEEKLY;INTERVAL=6"


def test_uids_are_stable_across_runs_and_days(run, example_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = icalendar.Calendar.from_ical(calendar_text(run, "calendar", "--include-sessions"))
    # A day on which nothing changed but the date (Priya's booked call is still ahead)
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-24")
    later = icalendar.Calendar.from_ical(calendar_text(run, "calendar", "--include-sessions"))

    def uids(cal: icalendar.Calendar) -> set[str]:
        return {str(e["uid"]) for e in cal.walk("VEVENT")}

    assert uids(first) == uids(later)


def test_sequence_grows_with_time_and_with_each_contact(
    run, example_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def sequences() -> dict[str, int]:
        cal = icalendar.Calendar.from_ical(calendar_text(run, "calendar"))
        return {str(e["uid"]): int(e["sequence"]) for e in cal.walk("VEVENT")}

    before = sequences()
    (example_dir / "sessions" / "2026" / "2026-11-23-marcus-oyelaran.md").write_text(
        '+++\nmentor = "marcus-oyelaran"\ndate = 2026-11-23\n+++\n', encoding="utf-8"
    )
    after_contact = sequences()
    assert (
        after_contact["marcus-oyelaran-next@mentorlog"] > before["marcus-oyelaran-next@mentorlog"]
    )
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-24")
    tomorrow = sequences()
    assert all(tomorrow[uid] > after_contact[uid] for uid in tomorrow)


def test_same_day_same_journal_gives_the_same_bytes(run, example_dir: Path) -> None:
    assert calendar_text(run, "calendar") == calendar_text(run, "calendar")


def test_tasks_have_a_due_day(run, example_dir: Path) -> None:
    text = calendar_text(run, "calendar", "--as-todo", "--repeat")
    own = strict_parse(text)
    # check-ins become tasks; a booked meeting stays an event
    assert [c["UID"][0][1] for c in own if c["_TYPE"][0][1] == "VEVENT"] == [MEETING_UID]
    for todo in icalendar.Calendar.from_ical(text).walk("VTODO"):
        assert todo.decoded("due") > todo.decoded("dtstart")
        assert str(todo["status"]) in ("NEEDS-ACTION", "CANCELLED")
    # A check-in task and a lapse task (cancelled where already lapsed) for each mentor.
    todos = vobject.readOne(text).contents["vtodo"]
    assert len(todos) == 2 * len(CHECK_IN_MENTORS) + len(WITHDRAWN)


def test_past_sessions_show_topics_only_when_shareable(run, example_dir: Path) -> None:
    parsed = icalendar.Calendar.from_ical(calendar_text(run, "calendar", "--include-sessions"))
    summaries = {str(e["uid"]): str(e["summary"]) for e in parsed.walk("VEVENT")}
    # shareable: the topic is there
    assert (
        summaries["2026-05-12-tomas-lindqvist@mentorlog"]
        == "Introduction to Tomas Lindqvist: Met at the regional analysts' meetup"
    )
    # confidential: only who it was with
    assert summaries["2026-11-19-tomas-lindqvist@mentorlog"] == "Question to Tomas Lindqvist"
    assert summaries["2026-10-28-walter-nakamura@mentorlog"] == "Check-in with Walter Nakamura"


def test_mentor_filter(run, example_dir: Path) -> None:
    own = strict_parse(calendar_text(run, "calendar", "--mentor", "ruth", "--include-sessions"))
    assert {c["UID"][0][1] for c in own} >= {"ruth-castellanos-next@mentorlog"}
    assert all("ruth-castellanos" in c["UID"][0][1] for c in own)


def test_calendar_file_is_written_privately(run, example_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "checkins.ics"
    result = run("calendar", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    strict_parse(target.read_bytes().decode("utf-8"))
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert run("calendar", "-o", str(target)).exit_code == 6


def test_date_filters_are_refused_for_a_calendar(run, example_dir: Path) -> None:
    result = run("export", "--format", "ics", "--since", "2026-01-01")
    assert result.exit_code == 2


def test_an_empty_journal_gives_an_empty_valid_calendar(run, journal_dir: Path) -> None:
    assert run("init").exit_code == 0
    result = run("calendar")
    assert result.exit_code == 0
    assert strict_parse(result.stdout) == []
    assert "No active mentors" in result.stderr


@pytest.mark.parametrize(
    "cadence,rule",
    [
        ("10d", "FREQ=DAILY;INTERVAL=10"),
        ("2w", "FREQ=WEEKLY;INTERVAL=2"),
        ("3m", "FREQ=MONTHLY;INTERVAL=3"),
    ],
)
def test_repeat_follows_the_cadence(run, journal_dir: Path, cadence: str, rule: str) -> None:
    assert (
        run("mentor", "add", "Zoë Núñez", "--cadence", cadence, "--since", "2026-11-01").exit_code
        == 0
    )
    text = calendar_text(run, "calendar", "--repeat")
    own = strict_parse(text)
    assert own[0]["RRULE"][0][1] == rule
    assert "Zoë Núñez" in str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["summary"])
