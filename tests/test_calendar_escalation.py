"""The calendar says what `mentorlog due` will say, on the day it will say it: a snoozed check-in
moves to the day the snooze ends, and the day a mentor would lapse (pass `at_most`) is an event
of its own. Checked against `due` day by day, with icalendar, vobject and recurring-ical-events."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject

TODAY = date(2026, 11, 23)
HORIZON_DAYS = 80


def calendar(run, *args: str) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    result = run("calendar", *args)
    assert result.exit_code == 0, result.stderr
    vobject.readOne(result.stdout)
    return icalendar.Calendar.from_ical(result.stdout)


def by_uid(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def statuses(run, monkeypatch: pytest.MonkeyPatch, mentor: str) -> dict[date, dict]:  # type: ignore[no-untyped-def,type-arg]
    """What `due --all` says of `mentor` on each day from today on."""
    found = {}
    for offset in range(HORIZON_DAYS):
        day = TODAY + timedelta(days=offset)
        monkeypatch.setenv("MENTORLOG_TODAY", day.isoformat())
        result = run("due", "--json", "--all")
        assert result.exit_code == 0, result.stderr
        rows = [r for r in result.json()["mentors"] if r["mentor"] == mentor]
        found[day] = rows[0] if rows else {"status": "paused", "next_due": None}
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY.isoformat())
    return found


def ruth(run, *setup: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert run("mentor", "add", "Ruth Baker", "--cadence", "2w", "--at-most", "3w").exit_code == 0
    assert (
        run("session", "new", "--mentor", "ruth", "--date", "2026-11-02", "--no-edit").exit_code
        == 0
    )
    for command in setup:
        result = run(*command)
        assert result.exit_code == 0, result.stderr


SCENARIOS = {
    "plain": (),
    "snoozed while overdue": (("mentor", "snooze", "ruth", "4d"),),
    "snoozed past the limit": (("mentor", "snooze", "ruth", "2026-12-20"),),
    "paused past the limit": (("mentor", "pause", "ruth", "--until", "2027-01-04"),),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_events_fall_on_the_days_due_shows_the_mentor_and_calls_them_lapsed(
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:  # type: ignore[no-untyped-def]
    ruth(run, *SCENARIOS[scenario])
    events = by_uid(calendar(run))
    check_in, lapse = events["ruth-baker-next@mentorlog"], events["ruth-baker-lapse@mentorlog"]
    days = statuses(run, monkeypatch, "ruth-baker")
    listed = min(
        day for day, row in days.items() if row["status"] not in ("ok", "snoozed", "paused")
    )
    shown = max(listed, date.fromisoformat(days[listed]["next_due"]))
    assert check_in.decoded("dtstart") == shown
    lapsed = min(day for day, row in days.items() if row["status"] == "lapsed")
    if lapsed > shown:
        assert lapse.decoded("dtstart") == lapsed
        assert "STATUS" not in lapse
        assert "Lapsed" in str(lapse["summary"]) and "3w" in str(lapse["summary"])
    else:
        # Lapsed already on the check-in's day: the check-in says so, the lapse event is dropped.
        assert str(lapse["status"]) == "CANCELLED"
        assert "lapsed" in str(check_in["summary"])


def test_an_overdue_mentor_lapses_the_day_after_the_limit(run, journal_dir: Path) -> None:
    ruth(run)  # last contact 2026-11-02: due 2026-11-16, limit 2026-11-23
    events = by_uid(calendar(run))
    assert events["ruth-baker-next@mentorlog"].decoded("dtstart") == TODAY
    assert events["ruth-baker-lapse@mentorlog"].decoded("dtstart") == date(2026, 11, 24)


def test_a_mentor_already_lapsed_has_one_check_in_that_says_so(run, journal_dir: Path) -> None:
    assert run("mentor", "add", "Ruth Baker", "--cadence", "2w", "--at-most", "3w").exit_code == 0
    assert run("session", "new", "--mentor", "ruth", "--date", "2026-10-01", "--no-edit")
    events = by_uid(calendar(run, "--alarm", "1d"))
    check_in, lapse = events["ruth-baker-next@mentorlog"], events["ruth-baker-lapse@mentorlog"]
    assert check_in.decoded("dtstart") == TODAY
    assert str(check_in["summary"]) == "Check-in with Ruth Baker (lapsed)"
    assert str(lapse["status"]) == "CANCELLED" and not lapse.walk("VALARM")


def test_a_re_export_moves_the_same_lapse_event(
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ruth(run)
    before = by_uid(calendar(run))["ruth-baker-lapse@mentorlog"]
    assert (
        run("session", "new", "--mentor", "ruth", "--date", "2026-11-23", "--no-edit").exit_code
        == 0
    )
    after_cal = calendar(run)
    after = by_uid(after_cal)["ruth-baker-lapse@mentorlog"]
    assert len([e for e in after_cal.walk("VEVENT") if "lapse" in str(e["uid"])]) == 1
    assert after.decoded("dtstart") == date(2026, 12, 15)  # 2026-11-23 + 3w, the day after
    assert int(after["sequence"]) > int(before["sequence"])
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-30")
    later = by_uid(calendar(run))["ruth-baker-lapse@mentorlog"]
    assert int(later["sequence"]) > int(after["sequence"])


def test_a_booked_meeting_pushes_the_lapse_after_it(run, journal_dir: Path) -> None:
    ruth(run, ("meet", "ruth", "2026-11-27", "--at", "10:00"))
    events = by_uid(calendar(run))
    assert events["ruth-baker-next@mentorlog"].decoded("dtstart") == date(2026, 12, 11)
    assert events["ruth-baker-lapse@mentorlog"].decoded("dtstart") == date(2026, 12, 19)


def test_a_mentor_never_contacted_has_no_lapse_event(run, journal_dir: Path) -> None:
    assert run("mentor", "add", "Ana", "--cadence", "2w").exit_code == 0
    assert set(by_uid(calendar(run))) == {"ana-next@mentorlog"}


def test_a_repeating_check_in_expands_around_one_lapse_event(run, journal_dir: Path) -> None:
    ruth(run)
    assert (
        run("session", "new", "--mentor", "ruth", "--date", "2026-11-20", "--no-edit").exit_code
        == 0
    )
    cal = calendar(run, "--repeat", "--alarm", "1d")
    found = recurring_ical_events.of(cal).between(date(2026, 11, 23), date(2027, 2, 1))
    lapses = [e for e in found if str(e["uid"]).endswith("-lapse@mentorlog")]
    check_ins = sorted(e.decoded("dtstart") for e in found if "-next@" in str(e["uid"]))
    assert [e.decoded("dtstart") for e in lapses] == [date(2026, 12, 12)]
    assert check_ins[:3] == [date(2026, 12, 4), date(2026, 12, 18), date(2027, 1, 1)]
    [alarm] = lapses[0].walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(days=1)


def test_as_tasks_the_lapse_is_a_task_too(run, journal_dir: Path) -> None:
    ruth(run)
    cal = calendar(run, "--as-todo")
    todos = {str(t["uid"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {"ruth-baker-next@mentorlog", "ruth-baker-lapse@mentorlog"}
    assert todos["ruth-baker-lapse@mentorlog"].decoded("due") == date(2026, 11, 24)
    assert [str(t["status"]) for t in todos.values()].count("NEEDS-ACTION") == 2
