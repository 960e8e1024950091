"""A mentor with no check-in to show (ended, or paused until resumed) keeps their event UIDs in
the calendar export as cancelled copies, so a calendar that imported an earlier export drops the
old check-in instead of reminding about someone who is no longer due."""

from __future__ import annotations

from pathlib import Path

import icalendar


def _events(run, *args: str) -> dict[str, icalendar.Event]:  # type: ignore[no-untyped-def]
    result = run("calendar", *args)
    assert result.exit_code == 0, result.stderr
    parsed = icalendar.Calendar.from_ical(result.stdout)
    return {str(e["uid"]): e for e in parsed.walk("VEVENT")}


def test_a_mentor_paused_until_resumed_has_cancelled_copies_and_gets_them_back(
    run, example_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    before = _events(run)
    assert str(before["ruth-castellanos-next@mentorlog"].get("status", "")) != "CANCELLED"
    assert run("mentor", "pause", "ruth").exit_code == 0
    paused = _events(run)
    for uid in ("ruth-castellanos-next@mentorlog", "ruth-castellanos-lapse@mentorlog"):
        assert str(paused[uid]["status"]) == "CANCELLED", uid
        assert "(paused)" in str(paused[uid]["summary"])
    assert run("mentor", "resume", "ruth").exit_code == 0
    resumed = _events(run)
    assert str(resumed["ruth-castellanos-next@mentorlog"].get("status", "")) != "CANCELLED"


def test_an_ended_mentor_is_only_a_cancelled_copy_as_a_task_too(run, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("calendar", "--as-todo")
    assert result.exit_code == 0, result.stderr
    parsed = icalendar.Calendar.from_ical(result.stdout)
    walter = [t for t in parsed.walk("VTODO") if "walter-nakamura" in str(t["uid"])]
    assert len(walter) == 2
    assert all(str(t["status"]) == "CANCELLED" for t in walter)
