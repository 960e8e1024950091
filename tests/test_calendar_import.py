"""`mentorlog import ics`: past meetings from calendar exports become sessions, once each."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from journal_builder import Builder
from mentorlog.domain.models import Mentor
from mentorlog.services import calendar_import

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The person lives in Berlin: meetings elsewhere land on their Berlin day."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def team(journal_dir: Path) -> Builder:
    return (
        Builder(journal_dir)
        .mentor("ada-lovelace", name="Ada Lovelace", email="ada@example.org")
        .mentor("grace-hopper", name="Grace Hopper", email="grace.hopper@navy.example")
        .mentor("alan-turing", name="Alan Turing")
    )


def sessions(run) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = run("session", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(result.json(), key=lambda s: (s["date"], s["mentor"]))


def imported(run, name: str) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    result = run("import", "ics", str(FIXTURES / f"calendar-{name}.ics"), "--yes")
    assert result.exit_code == 0, result.stderr
    return [(s["date"], s["mentor"], s["topic"]) for s in sessions(run)]


def test_google_weekly_series_with_exdate_moved_and_cancelled_occurrences(run, team) -> None:
    assert imported(run, "google") == [
        ("2026-10-06", "ada-lovelace", "Ada / me weekly 1:1"),
        # 13 Oct is an EXDATE; 20 Oct moved to the 21st; 27 Oct cancelled
        ("2026-10-21", "ada-lovelace", "Ada / me weekly 1:1 (moved to Wednesday)"),
        ("2026-11-03", "ada-lovelace", "Ada / me weekly 1:1"),
        # 22:30 in New York on 2 November is 3 November in Berlin; email matched in any case
        ("2026-11-03", "grace-hopper", "Late call with Grace (her morning in Tokyo)"),
        ("2026-11-10", "ada-lovelace", "Ada / me weekly 1:1"),
        ("2026-11-17", "ada-lovelace", "Ada / me weekly 1:1"),
        # 24 Nov is after today (23 Nov): not a past meeting
    ]


def test_outlook_windows_zones_utc_all_day_declined_and_cancelled(run, team) -> None:
    assert imported(run, "outlook") == [
        ("2026-07-01", "grace-hopper", "Monthly mentoring"),
        ("2026-09-01", "grace-hopper", "Monthly mentoring"),  # August is an EXDATE
        ("2026-09-15", "grace-hopper", "Mentoring: career options"),
        ("2026-10-01", "grace-hopper", "Monthly mentoring"),
        ("2026-10-14", "grace-hopper", "Offsite with Grace Hopper"),  # all-day, by title
        ("2026-11-01", "grace-hopper", "Monthly mentoring"),
        # "Conference debrief": she declined; "Canceled: ...": STATUS:CANCELLED
    ]


def test_apple_title_matches_moved_occurrence_and_future_event_left_out(run, team) -> None:
    assert imported(run, "apple") == [
        ("2026-09-03", "alan-turing", "Coffee with Alan Turing"),
        ("2026-11-04", "alan-turing", "Coffee with Alan Turing (rescheduled)"),
        ("2026-11-19", "alan-turing", "Alan Turing visits"),
    ]


def test_thunderbird_family_name_first_and_floating_time(run, team) -> None:
    assert imported(run, "thunderbird") == [
        ("2026-10-08", "ada-lovelace", "Pairing session"),  # CN="Lovelace, Ada"
        ("2026-11-12", "alan-turing", "Lunch with Alan Turing"),
    ]


@pytest.mark.parametrize("name", ["google", "outlook", "apple", "thunderbird"])
def test_importing_twice_adds_nothing_twice(run, team, journal_dir: Path, name: str) -> None:
    first = imported(run, name)
    files = sorted(p.read_bytes() for p in journal_dir.rglob("sessions/**/*.md"))
    second = run("import", "ics", str(FIXTURES / f"calendar-{name}.ics"), "--yes", "--json")
    assert second.exit_code == 0, second.stderr
    assert second.json()["created"] == []
    assert len(second.json()["skipped"]) == len(first)
    assert sorted(p.read_bytes() for p in journal_dir.rglob("sessions/**/*.md")) == files


def test_the_session_file_says_it_came_from_the_calendar(run, team, journal_dir: Path) -> None:
    imported(run, "google")
    moved = (journal_dir / "sessions" / "2026" / "2026-10-21-ada-lovelace.md").read_text()
    assert 'source = "calendar"' in moved
    assert 'event = "5k1q2b3c4d5e6f7g8h9i0j@google.com/20261020T130000Z"' in moved
    shown = run("session", "show", "2026-10-21-ada-lovelace", "--json").json()
    assert shown["source"] == "calendar"
    assert shown["event"].startswith("5k1q2b3c4d5e6f7g8h9i0j@google.com/")


def test_imported_meetings_count_as_contact_for_due(run, team) -> None:
    def last_contacts() -> dict[str, str | None]:
        report = run("due", "--all", "--json").json()
        return {row["mentor"]: row["last_contact"] for row in report["mentors"]}

    assert last_contacts()["ada-lovelace"] is None
    imported(run, "google")
    assert last_contacts()["ada-lovelace"] == "2026-11-17"


def test_since_leaves_out_earlier_meetings(run, team) -> None:
    result = run(
        "import", "ics", str(FIXTURES / "calendar-google.ics"), "--since", "2026-11-05", "--yes"
    )
    assert result.exit_code == 0, result.stderr
    assert [s["date"] for s in sessions(run)] == ["2026-11-10", "2026-11-17"]


def test_dry_run_writes_nothing_and_lists_the_proposals(run, team, journal_dir: Path) -> None:
    result = run("import", "ics", str(FIXTURES / "calendar-apple.ics"), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert [c["mentor"] for c in result.json()["created"]] == ["alan-turing"] * 3
    assert result.json()["created"][0]["matched_by"] == "title"
    assert not list(journal_dir.rglob("sessions/**/*.md"))


def test_without_a_terminal_it_asks_for_yes_and_writes_nothing(run, team, journal_dir) -> None:
    result = run("import", "ics", str(FIXTURES / "calendar-google.ics"))
    assert result.exit_code != 0
    assert "--yes" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(journal_dir.rglob("sessions/**/*.md"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello\n",
        "BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026-99-99\r\nEND:VEVENT\r\n",
    ],
)
def test_a_broken_file_is_one_line_and_nothing_written(
    run, team, journal_dir: Path, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "broken.ics"
    path.write_text(text)
    result = run("import", "ics", str(path), "--yes")
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.ics" in lines[0], result.stderr
    assert not list(journal_dir.rglob("sessions/**/*.md"))


def test_one_broken_event_never_stops_the_rest(run, team, journal_dir, tmp_path) -> None:
    path = tmp_path / "mixed.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:good@x\r\nDTSTART:20261001T100000Z\r\n"
        "SUMMARY:Chat with Ada Lovelace\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:broken@x\r\nDTSTART:20261002T100000Z\r\n"
        "RRULE:FREQ=SOMETIMES\r\nSUMMARY:Ada Lovelace again\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:invite@x\r\nDTSTART:20261003T100000Z\r\n"
        "ORGANIZER;CN=Ada:mailto:ADA@example.org\r\nSUMMARY:Her invitation\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = run("import", "ics", str(path), "--yes")
    assert result.exit_code == 5
    assert "mixed.ics, line 9 (UID broken@x):" in result.stderr
    assert "Traceback" not in result.stderr
    # the organizer is matched like an attendee
    assert [(s["date"], s["topic"]) for s in sessions(run)] == [
        ("2026-10-01", "Chat with Ada Lovelace"),
        ("2026-10-03", "Her invitation"),
    ]


def _mentor(name: str, email: str | None = None) -> Mentor:
    return Mentor(id=name.lower().replace(" ", "-"), name=name, email=email)


def test_email_wins_over_name_and_a_declining_mentor_was_not_there() -> None:
    ada = _mentor("Ada Lovelace", "ada@example.org")
    other = _mentor("Ada Byron")
    meeting = calendar_import.Occurrence(
        "u",
        date(2026, 1, 1),
        "Ada Byron sync",
        (calendar_import.Attendee("ada@example.org", "Ada Byron"),),
    )
    assert [(m.id, how) for m, how in calendar_import.match(meeting, [ada, other])] == [
        ("ada-lovelace", "email")
    ]
    declined = calendar_import.Occurrence(
        "u",
        date(2026, 1, 1),
        "Ada Lovelace sync",
        (calendar_import.Attendee("ada@example.org", None, declined=True),),
    )
    assert calendar_import.match(declined, [ada]) == []


def _weekly(uid: str, count: int, exdates: list[int]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTART:20260105T100000Z",
        "SUMMARY:Ada Lovelace 1:1",
        f"RRULE:FREQ=WEEKLY;COUNT={count}",
    ]
    lines += [f"EXDATE:202601{5 + 7 * n:02d}T100000Z" for n in exdates if 5 + 7 * n <= 31]
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


@settings(max_examples=examples(30), deadline=None)
@given(
    uid=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789@.-", min_size=1, max_size=30),
    count=st.integers(1, 4),
    exdates=st.lists(st.integers(0, 3), max_size=3),
)
def test_each_occurrence_has_its_own_stable_key(uid: str, count: int, exdates: list[int]) -> None:
    now = datetime(2026, 11, 23, 12).astimezone()
    text = _weekly(uid, count, exdates)
    first, bad = calendar_import.read(text, "x.ics", None, now)
    again, _ = calendar_import.read(text, "x.ics", None, now)
    assert bad == []
    assert [o.key for o in first] == [o.key for o in again]
    assert (
        len({o.key for o in first}) == len(first) == count - len(set(exdates) & set(range(count)))
    )
    assert all(o.key.startswith(f"{uid}/") for o in first)


@pytest.mark.parametrize("command", [["due"], ["mentor", "list"], ["notify", "--dry-run"]])
def test_other_commands_never_load_the_calendar_libraries(team, command: list[str]) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from mentorlog.__main__ import main\n"
        "main(sys.argv[1:])\n"
        "loaded = [m for m in ('recurring_ical_events', 'icalendar') if m in sys.modules]\n"
        "sys.stderr.write('LOADED=' + ','.join(loaded) + '\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "LOADED=\n" in done.stderr, done.stderr


def test_control_characters_and_huge_uids_never_make_a_broken_session(
    run, team, tmp_path: Path
) -> None:
    uid = "x" * 5000 + "@example.org"
    path = tmp_path / "odd.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTART:20261001T100000Z\r\n"
        "SUMMARY:Ada Lovelace \x1b[31mred\x07 " + "long " * 200 + "\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    first = run("import", "ics", str(path), "--yes")
    assert first.exit_code == 0, first.stderr
    [session] = sessions(run)
    assert "\x1b" not in session["topic"] and "\x07" not in session["topic"]
    assert len(session["topic"]) <= 500 and len(session["event"]) <= 500
    assert run("doctor").exit_code == 0
    again = run("import", "ics", str(path), "--yes", "--json")
    assert again.json()["created"] == [] and len(again.json()["skipped"]) == 1
