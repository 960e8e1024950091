"""Booked meetings never hide a mentor, one rule says who is waiting, meeting ids stay
unambiguous, and `meet list` reads at any width. Today is pinned to Monday 2026-11-23."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.domain import rhythm
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.meetings import counts_until
from mentorlog.domain.models import Meeting, Mentor
from mentorlog.domain.schedule import due


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".mentorlog" not in p.parts
    }


@pytest.fixture
def tomas(run, journal_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    """A monthly mentor last seen on 2026-11-10: due 2026-12-10."""
    assert run("mentor", "add", "Tomas Berg", "--cadence", "1m").exit_code == 0
    assert (
        run("session", "new", "-m", "tomas", "--date", "2026-11-10", "--notes", "x").exit_code == 0
    )
    return journal_dir / "mentors" / "tomas-berg.toml"


def add_meeting(path: Path, text: str) -> None:
    path.write_text(path.read_text() + "\n" + text)


# --- 1. a far-off meeting never hides an overdue mentor ---------------------------------------


def test_a_meeting_years_ahead_is_refused_and_writes_nothing(run, tomas: Path) -> None:
    before = files_of(tomas.parent.parent)
    refused = run("meet", "tomas", "2099-01-01")
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1
    assert "2099-01-01" in refused.stderr and "years ahead" in refused.stderr
    assert files_of(tomas.parent.parent) == before
    assert run("meet", "tomas", "2026-12-01").exit_code == 0
    moved = run("meet", "move", "tomas-berg-2026-12-01", "2090-05-05")
    assert moved.exit_code == 2 and "years ahead" in moved.stderr


def test_a_far_meeting_written_by_hand_leaves_the_mentor_overdue(
    run, tomas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meeting(tomas, '[[meetings]]\nid = "tomas-berg-2099-01-01"\ndate = 2099-01-01\n')
    monkeypatch.setenv("MENTORLOG_TODAY", "2027-06-01")
    [row] = run("due", "--json").json()["mentors"]
    assert row["status"] in ("overdue", "lapsed")
    assert run("due", "--quiet").exit_code == 0  # someone needs you
    shown = run("due").stdout
    assert "Tomas Berg" in shown and "too far off to count" in shown


def test_a_near_meeting_still_counts_as_being_in_touch(
    run, tomas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("meet", "tomas", "2026-12-20", "--at", "10:00").exit_code == 0
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-12-15")  # overdue by then
    [row] = run("due", "--json").json()["mentors"]
    assert row["status"] == "booked"
    assert run("due", "--quiet").exit_code == 1


@settings(max_examples=200, deadline=None)
@given(
    last=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    after=st.integers(0, 400),
    ahead=st.integers(0, 800),
    weeks=st.integers(1, 12),
)
def test_due_counts_a_meeting_exactly_up_to_its_limit(
    last: date, after: int, ahead: int, weeks: int
) -> None:
    today = last + timedelta(days=after)
    cadence = Cadence(weeks, "w")
    meeting = Meeting("m-1", today + timedelta(days=ahead))
    mentor = Mentor("m", "M", cadence=cadence, since=last, meetings=[meeting])
    from mentorlog.domain.models import Session

    report = due(
        [mentor],
        [Session("s", "m", last)],
        [],
        [],
        today=today,
        default_cadence=cadence,
        window=Cadence(7, "d"),
        reflect_within=Cadence(3, "d"),
        include_all=True,
    )
    [row] = report.rows
    at_most = row.at_most
    assert at_most is not None
    limit = counts_until(last, cadence, at_most, today)
    assert limit >= add_cadence(today, cadence)
    if row.status == "booked":
        assert meeting.date <= limit
    elif meeting.date <= limit:
        assert row.status == "ok"  # nothing to hide: not due anyway


# --- 2. notify and due agree -------------------------------------------------------------------


def test_notify_leaves_out_a_booked_mentor_as_due_does(
    run, tomas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("meet", "tomas", "2026-12-14", "--at", "10:00").exit_code == 0
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-12-12")
    assert run("due", "--quiet").exit_code == 1
    told = run("notify", "--dry-run")
    assert "Tomas" not in told.stdout + told.stderr


def test_notify_names_a_mentor_whose_meeting_is_too_far(
    run, tomas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meeting(tomas, '[[meetings]]\nid = "tomas-berg-2028-06-01"\ndate = 2028-06-01\n')
    monkeypatch.setenv("MENTORLOG_TODAY", "2027-01-20")
    assert run("due", "--quiet").exit_code == 0
    told = run("notify", "--dry-run")
    assert "Get in touch (1): Tomas Berg" in told.stdout + told.stderr


# --- 3. a meeting id is one meeting ------------------------------------------------------------


def test_a_file_repeating_a_meeting_id_is_a_problem_at_its_line(run, tomas: Path) -> None:
    add_meeting(tomas, '[[meetings]]\nid = "tomas-berg-2026-12-01"\ndate = 2026-12-01\n')
    add_meeting(tomas, '[[meetings]]\nid = "tomas-berg-2026-12-01"\ndate = 2026-12-02\n')
    lines = tomas.read_text().splitlines()
    second = [n for n, line in enumerate(lines, 1) if line == 'id = "tomas-berg-2026-12-01"'][1]
    doctor = run("doctor")
    assert doctor.exit_code == 1
    assert f"mentors/tomas-berg.toml:{second}" in doctor.stdout
    before = tomas.read_bytes()
    for args in (("meet", "cancel", "tomas-berg-2026-12-01"), ("meet", "move", "tomas-berg-2026-12-01", "2026-12-05")):  # fmt: skip
        refused = run(*args)
        assert refused.exit_code == 5, refused.stderr
        assert f"mentors/tomas-berg.toml:{second}" in refused.stderr
    assert tomas.read_bytes() == before


def test_an_id_shared_by_two_mentor_files_is_refused(run, tomas: Path) -> None:
    assert run("mentor", "add", "Ruth Baker").exit_code == 0
    ruth = tomas.parent / "ruth-baker.toml"
    add_meeting(tomas, '[[meetings]]\nid = "call-1"\ndate = 2026-12-01\n')
    add_meeting(ruth, '[[meetings]]\nid = "call-1"\ndate = 2026-12-02\n')
    doctor = run("doctor")
    assert doctor.exit_code == 1 and "call-1" in doctor.stdout
    before = files_of(tomas.parent)
    refused = run("meet", "cancel", "call-1")
    assert refused.exit_code == 5 and "call-1" in refused.stderr
    assert files_of(tomas.parent) == before


# --- 4. an unreadable mentor file is named, never "no such meeting" ---------------------------


@pytest.mark.parametrize("args", [("cancel",), ("move", "2026-12-05")])
def test_a_meeting_in_an_unreadable_file_names_that_file(run, tomas: Path, args) -> None:  # type: ignore[no-untyped-def]
    assert run("meet", "tomas", "2026-12-01").exit_code == 0
    tomas.write_text(tomas.read_text().replace("cadence = ", "cadence = [", 1))
    before = tomas.read_bytes()
    refused = run("meet", args[0], "tomas-berg-2026-12-01", *args[1:])
    assert refused.exit_code == 5, refused.stderr
    assert "mentors/tomas-berg.toml" in refused.stderr
    assert "no meeting" not in refused.stderr
    assert tomas.read_bytes() == before


# --- 5. meet list at 80 columns ------------------------------------------------------------


def test_meet_list_fits_80_columns_and_keeps_ids_whole(
    run, tomas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = "the budget for the council, and whether to take the promotion in spring"
    assert run("meet", "tomas", "2026-12-01", "--at", "9:00", "--for", "45m", "--where", "Zoom", "--agenda", agenda).exit_code == 0  # fmt: skip
    assert run("meet", "tomas", "2026-12-08").exit_code == 0
    monkeypatch.setenv("COLUMNS", "80")
    shown = run("meet", "list").stdout
    assert all(len(line) <= 80 for line in shown.splitlines())
    words = shown.split()
    assert "tomas-berg-2026-12-01" in words and "tomas-berg-2026-12-08" in words
    assert "promotion" in words  # wrapped between words, never inside one
    # the time column stays in place when a meeting has no time, length or place
    starts = [line.index("2026-12-") for line in shown.splitlines() if "tomas-berg-" in line]
    assert len(set(starts)) == 1


# --- 6. the smaller ones ---------------------------------------------------------------------


def test_a_bad_time_is_refused_before_anything_is_said(run, tomas: Path) -> None:
    refused = run("meet", "tomas", "tomorrow", "--at", "25:00")
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "meeting date" not in refused.stderr


def test_a_short_meeting_id_names_the_meeting(run, tomas: Path) -> None:
    assert run("meet", "tomas", "2026-12-01", "--at", "10:00").exit_code == 0
    moved = run("meet", "move", "tomas-2026-12-01", "2026-12-03", "--json")
    assert moved.exit_code == 0, moved.stderr
    assert moved.json()["id"] == "tomas-berg-2026-12-01"
    assert run("meet", "cancel", "tomas-2026-12-01").exit_code == 0
    [stored] = tomllib.loads(tomas.read_text())["meetings"]
    assert (stored["status"], stored["date"]) == ("cancelled", date(2026, 12, 3))


def test_the_same_mentor_twice_at_the_same_time_is_refused(run, tomas: Path) -> None:
    assert run("meet", "tomas", "2026-12-01", "--at", "10:00").exit_code == 0
    before = tomas.read_bytes()
    again = run("meet", "tomas", "2026-12-01", "--at", "10:00")
    assert again.exit_code == 6 and "tomas-berg-2026-12-01" in again.stderr
    assert tomas.read_bytes() == before
    assert run("meet", "tomas", "2026-12-01", "--at", "15:00").exit_code == 0


def test_a_toml_date_time_keeps_its_time(run, tomas: Path) -> None:
    add_meeting(tomas, '[[meetings]]\nid = "tomas-berg-2026-12-01"\ndate = 2026-12-01T10:30:00\n')
    [listed] = run("meet", "list", "--json").json()
    assert (listed["date"], listed["at"]) == ("2026-12-01", "10:30")


def test_a_date_time_that_disagrees_with_at_is_a_problem(run, tomas: Path) -> None:
    add_meeting(tomas, '[[meetings]]\nid = "x"\ndate = 2026-12-01T10:30:00\nat = "11:00"\n')
    doctor = run("doctor")
    assert doctor.exit_code == 1 and "mentors/tomas-berg.toml:" in doctor.stdout


def test_cancelling_twice_is_a_conflict(run, tomas: Path) -> None:
    assert run("meet", "tomas", "2026-12-01").exit_code == 0
    assert run("meet", "cancel", "tomas-berg-2026-12-01").exit_code == 0
    again = run("meet", "cancel", "tomas-berg-2026-12-01")
    assert again.exit_code == 6 and "already cancelled" in again.stderr


# --- 7. the rhythm chart agrees with due -------------------------------------------------------


def test_the_chart_waits_for_a_first_contact() -> None:
    mentor = Mentor("p", "P", since=date(2026, 9, 1))
    line = rhythm.rhythm_line(mentor, [], Cadence(2, "w"), date(2026, 9, 1), date(2026, 11, 23))
    assert line.count(rhythm.MISSED) == 0
    assert line.count(rhythm.WAITING) == len(line.days)


def test_the_chart_holds_while_a_near_meeting_is_booked() -> None:
    cadence = Cadence(2, "w")
    since, today = date(2026, 9, 1), date(2026, 11, 23)
    booked = Mentor("p", "P", since=since, meetings=[Meeting("p-1", date(2026, 11, 25))])
    far = Mentor("p", "P", since=since, meetings=[Meeting("p-1", date(2028, 11, 25))])
    contacts = [date(2026, 11, 1)]
    held = rhythm.rhythm_line(booked, contacts, cadence, since, today)
    assert held.state_on(today) == rhythm.WAITING
    assert held.count(rhythm.MISSED) == 0
    left = rhythm.rhythm_line(far, contacts, cadence, since, today)
    assert left.state_on(today) == rhythm.MISSED


def test_review_chart_of_a_new_mentor_with_a_call_booked_shows_no_missed_week(
    run, journal_dir: Path
) -> None:
    assert run("mentor", "add", "Priya Shah", "--since", "2026-10-01").exit_code == 0
    assert run("meet", "priya", "2026-11-26", "--at", "10:00").exit_code == 0
    shown = run("review", "--since", "2026-10-01").stdout
    assert "Priya" in shown
    assert "×" not in shown
