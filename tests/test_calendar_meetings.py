"""The calendar with booked meetings, reminders, pauses, real DTSTAMPs and repeats that fall
on mentorlog's own days. Checked with icalendar, vobject and dateutil's RRULE expander."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.services.calendar import repeats_exactly


def calendar(run, *args: str) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    result = run("calendar", *args)
    assert result.exit_code == 0, result.stderr
    vobject.readOne(result.stdout)  # a second reader accepts it too
    return icalendar.Calendar.from_ical(result.stdout)


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def ruth(run, journal_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert (
        run("mentor", "add", "Ruth Baker", "--cadence", "2w", "--since", "2026-09-01").exit_code
        == 0
    )


def test_a_booked_meeting_is_a_timed_event(run, ruth: None) -> None:
    booked = run(
        "meet", "ruth", "2026-11-25", "--at", "10:00", "--for", "45m",
        "--where", "Café Sol", "--agenda", "budget",
    )  # fmt: skip
    assert booked.exit_code == 0, booked.stderr
    event = events(calendar(run))["ruth-baker-2026-11-25@mentorlog"]
    assert event.decoded("dtstart") == datetime(2026, 11, 25, 10, 0)
    assert event.decoded("dtend") == datetime(2026, 11, 25, 10, 45)
    assert str(event["location"]) == "Café Sol"
    assert "budget" in str(event["description"])
    # The next check-in falls one cadence after the meeting, not "overdue today".
    check_in = events(calendar(run))["ruth-baker-next@mentorlog"]
    assert check_in.decoded("dtstart") == date(2026, 12, 9)


def test_a_moved_meeting_keeps_its_uid_and_a_cancelled_one_is_marked(run, ruth: None) -> None:
    assert run("meet", "ruth", "2026-11-25", "--at", "10:00").exit_code == 0
    assert (
        run("meet", "move", "ruth-baker-2026-11-25", "2026-11-27", "--at", "16:00").exit_code == 0
    )
    moved = events(calendar(run))["ruth-baker-2026-11-25@mentorlog"]
    assert moved.decoded("dtstart") == datetime(2026, 11, 27, 16, 0)
    assert run("meet", "cancel", "ruth-baker-2026-11-25").exit_code == 0
    cancelled = events(calendar(run))["ruth-baker-2026-11-25@mentorlog"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert not cancelled.walk("VALARM")


def test_a_meeting_without_a_time_is_an_all_day_event(run, ruth: None) -> None:
    assert run("meet", "ruth", "2026-11-25").exit_code == 0
    event = events(calendar(run))["ruth-baker-2026-11-25@mentorlog"]
    assert event.decoded("dtstart") == date(2026, 11, 25)


def test_alarm_adds_a_reminder_before_each_event(run, ruth: None) -> None:
    assert run("meet", "ruth", "2026-11-25", "--at", "10:00").exit_code == 0
    cal = calendar(run, "--alarm", "1d")
    for event in cal.walk("VEVENT"):
        [alarm] = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == -timedelta(days=1)
    assert not calendar(run).walk("VALARM")
    two_hours = calendar(run, "--alarm", "2h").walk("VALARM")[0]
    assert two_hours.decoded("trigger") == -timedelta(hours=2)


@pytest.mark.parametrize("bad", ["", "1", "d", "-1d", "1y", "soon", "0m"])
def test_a_bad_alarm_is_refused_and_no_file_is_written(
    run, ruth: None, tmp_path: Path, bad: str
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.ics"
    result = run("calendar", "--alarm", bad, "-o", str(target))
    assert result.exit_code != 0
    assert "reminder" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_alarm_is_only_for_icalendar(run, ruth: None) -> None:
    result = run("export", "--format", "json", "--alarm", "1d")
    assert result.exit_code != 0
    assert "--alarm" in result.stderr


def test_a_paused_mentor_gets_an_event_when_the_pause_ends(run, ruth: None) -> None:
    assert run("mentor", "pause", "ruth", "--until", "2027-01-10").exit_code == 0
    event = events(calendar(run))["ruth-baker-next@mentorlog"]
    assert event.decoded("dtstart") == date(2027, 1, 10)
    assert "pause ends" in str(event["summary"])


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_dtstamp_is_the_real_time_in_utc(run, ruth: None, far_east: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-23T09:00")
    cal = calendar(run)
    for event in cal.walk("VEVENT"):
        stamp = event.decoded("dtstamp")
        assert stamp.utcoffset() == timedelta(0)
        assert stamp.replace(tzinfo=None) == datetime(2026, 11, 22, 19, 0)


def test_dtstamp_unpinned_is_never_in_the_future(
    run, ruth: None, far_east: None, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC

    monkeypatch.delenv("MENTORLOG_TODAY")
    before = datetime.now(UTC).replace(microsecond=0)
    cal = calendar(run)
    after = datetime.now(UTC)
    for event in cal.walk("VEVENT"):
        assert before <= event.decoded("dtstamp") <= after


def _expanded(event: icalendar.Event, count: int) -> list[date]:
    start = event.decoded("dtstart")
    rule = event["rrule"].to_ical().decode()
    found = rrulestr(rule, dtstart=datetime.combine(start, datetime.min.time()))
    return [d.date() for d in found[:count]]


@pytest.mark.parametrize("since", ["2026-11-23", "2026-11-28"])
def test_a_repeat_from_an_ordinary_day_is_an_rrule_on_mentorlogs_days(
    run, journal_dir: Path, since: str
) -> None:  # type: ignore[no-untyped-def]
    assert run("mentor", "add", "Ana", "--cadence", "1m", "--since", since).exit_code == 0
    [event] = calendar(run, "--repeat").walk("VEVENT")
    start = event.decoded("dtstart")
    cadence = Cadence(1, "m")
    assert _expanded(event, 30) == [add_cadence(start, cadence, n) for n in range(30)]


def test_a_repeat_from_the_31st_is_individual_events_on_mentorlogs_days(
    run, journal_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MENTORLOG_TODAY", "2027-01-31")
    assert run("mentor", "add", "Ana", "--cadence", "1m", "--since", "2027-01-31").exit_code == 0
    cal = calendar(run, "--repeat")
    found = sorted((e.decoded("dtstart"), str(e["uid"])) for e in cal.walk("VEVENT"))
    assert not any("rrule" in e for e in cal.walk("VEVENT"))
    days = [day for day, _ in found]
    assert days[:4] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    assert days == [add_cadence(date(2027, 1, 31), Cadence(1, "m"), n) for n in range(len(days))]
    assert len(days) == 24
    assert found[0][1] == "ana-next@mentorlog"
    assert len({uid for _, uid in found}) == len(found)
    # Stable: the same file gives the same UIDs again.
    again = sorted(str(e["uid"]) for e in calendar(run, "--repeat").walk("VEVENT"))
    assert again == sorted(uid for _, uid in found)


@given(
    st.dates(date(2020, 1, 1), date(2035, 12, 31)),
    st.integers(1, 12),
    st.sampled_from(["d", "w", "m"]),
)
def test_an_rrule_is_used_exactly_where_rfc_5545_gives_mentorlogs_days(
    start: date, count: int, unit: str
) -> None:
    cadence = Cadence(count, unit)
    freq = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY"}[unit]
    rule = rrulestr(
        f"FREQ={freq};INTERVAL={count}", dtstart=datetime.combine(start, datetime.min.time())
    )
    rfc = [d.date() for d in rule[:24]]
    ours = [add_cadence(start, cadence, n) for n in range(24)]
    assert repeats_exactly(start, cadence) == (rfc == ours)
