"""`mentorlog meet`: booked meetings, stored as `[[meetings]]` in the mentor's file, and how
`due`, `brief` and `session new` use them. Today is pinned to Monday 2026-11-23."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain import meetings
from mentorlog.errors import UsageError


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".mentorlog" not in p.parts
    }


@pytest.fixture
def ruth(run, journal_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    added = run("mentor", "add", "Ruth Baker", "--cadence", "2w", "--since", "2026-09-01")
    assert added.exit_code == 0, added.stderr
    assert (
        run("session", "new", "-m", "ruth", "--date", "2026-10-01", "--notes", "x").exit_code == 0
    )
    return journal_dir / "mentors" / "ruth-baker.toml"


def test_meet_stores_the_meeting_in_the_mentor_file(run, ruth: Path) -> None:
    result = run(
        "meet", "ruth", "2026-11-24", "--at", "10:00", "--for", "45m",
        "--where", "Zoom", "--agenda", "council budget",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Booked ruth-baker-2026-11-24" in result.stderr
    [stored] = tomllib.loads(ruth.read_text())["meetings"]
    assert stored == {
        "id": "ruth-baker-2026-11-24",
        "date": __import__("datetime").date(2026, 11, 24),
        "at": "10:00",
        "minutes": 45,
        "where": "Zoom",
        "agenda": "council budget",
        "kind": "check-in",
        "status": "booked",
    }
    assert tomllib.loads(ruth.read_text())["name"] == "Ruth Baker"


def test_a_booked_meeting_counts_as_being_in_touch(run, ruth: Path) -> None:
    before = run("due", "--json").json()
    assert before["mentors"][0]["status"] in ("overdue", "lapsed")  # past the outer limit: lapsed
    assert run("meet", "ruth", "tuesday", "--at", "10:00").exit_code == 0
    after = run("due", "--json").json()
    row = after["mentors"][0]
    assert row["status"] == "booked"
    assert row["meeting"]["id"] == "ruth-baker-2026-11-24"
    assert after["needs_attention"] is False
    text = run("due").stdout
    assert "meeting tomorrow 10:00" in text
    assert "overdue" not in text
    assert run("due", "--quiet").exit_code == 1  # nothing to do


def test_a_meeting_a_few_days_ahead_shows_its_weekday(run, ruth: Path) -> None:
    assert run("meet", "ruth", "2026-11-26", "--at", "2pm").exit_code == 0
    assert "meeting Thu 14:00" in run("due").stdout


def test_a_passed_meeting_asks_to_be_recorded(run, ruth: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert run("meet", "ruth", "2026-11-24", "--at", "10:00", "--agenda", "budget").exit_code == 0
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-26")
    due = run("due")
    assert (
        "record your meeting with Ruth Baker on 2026-11-24 10:00: "
        "`mentorlog session new -m ruth-baker`" in due.stdout
    )
    data = run("due", "--json").json()
    assert data["mentors"][0]["status"] == "record"
    assert data["needs_attention"] is True


def test_session_new_picks_up_the_passed_meeting(run, ruth: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    booked = run("meet", "ruth", "2026-11-24", "--kind", "question", "--agenda", "the budget")
    assert booked.exit_code == 0, booked.stderr
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-26")
    result = run("session", "new", "-m", "ruth", "--notes", "went well", "--json")
    assert result.exit_code == 0, result.stderr
    session = result.json()
    assert (session["date"], session["kind"], session["topic"]) == (
        "2026-11-24",
        "question",
        "the budget",
    )
    [stored] = tomllib.loads(ruth.read_text())["meetings"]
    assert stored["status"] == "done"
    assert stored["session"] == session["id"]
    assert [row["status"] for row in run("due", "--json").json()["mentors"]] == []
    # The next session without --date is today's: the meeting is recorded already.
    again = run("session", "new", "-m", "ruth", "--notes", "more", "--json").json()
    assert again["date"] == "2026-11-26"


def test_an_explicit_date_leaves_the_meeting_booked(run, ruth: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert run("meet", "ruth", "2026-11-24").exit_code == 0
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-26")
    result = run("session", "new", "-m", "ruth", "--date", "2026-11-25", "--notes", "x", "--json")
    assert result.json()["date"] == "2026-11-25"
    assert tomllib.loads(ruth.read_text())["meetings"][0]["status"] == "booked"


def test_brief_prepares_the_next_booked_meeting(run, ruth: Path) -> None:
    assert (
        run(
            "meet", "ruth", "2026-11-30", "--at", "09:30", "--kind", "question",
            "--agenda", "How to pitch the budget",
        ).exit_code
        == 0
    )  # fmt: skip
    data = run("brief", "ruth", "--json").json()
    assert data["purpose"] == "question"
    assert data["meeting"]["agenda"] == "How to pitch the budget"
    text = run("brief", "ruth").stdout
    assert "Booked: Mon 2026-11-30 09:30" in text
    assert "How to pitch the budget" in text
    assert run("brief", "ruth", "--kind", "check-in", "--json").json()["purpose"] == "check-in"


def test_list_move_and_cancel(run, ruth: Path) -> None:
    assert run("meet", "ruth", "2026-12-01", "--at", "10:00").exit_code == 0
    listed = run("meet", "list", "--json").json()
    assert [(m["id"], m["mentor"], m["at"]) for m in listed] == [
        ("ruth-baker-2026-12-01", "ruth-baker", "10:00")
    ]
    moved = run("meet", "move", "ruth-baker-2026-12-01", "2026-12-03", "--json")
    assert moved.exit_code == 0, moved.stderr
    assert (moved.json()["date"], moved.json()["at"]) == ("2026-12-03", "10:00")
    [row] = [line.split() for line in run("meet", "list").stdout.splitlines() if "ruth" in line]
    assert row[:3] == ["ruth-baker-2026-12-01", "2026-12-03", "10:00"]
    assert run("meet", "cancel", "ruth-baker-2026-12-01").exit_code == 0
    assert run("meet", "list", "--json").json() == []
    [stored] = tomllib.loads(ruth.read_text())["meetings"]
    assert stored["status"] == "cancelled"
    refused = run("meet", "move", "ruth-baker-2026-12-01", "2026-12-04")
    assert refused.exit_code != 0
    assert "cancelled" in refused.stderr


def test_two_meetings_on_one_day_get_their_own_ids(run, ruth: Path) -> None:
    assert run("meet", "ruth", "2026-12-01", "--at", "09:00").exit_code == 0
    assert run("meet", "ruth", "2026-12-01", "--at", "15:00").exit_code == 0
    ids = [m["id"] for m in run("meet", "list", "--json").json()]
    assert ids == ["ruth-baker-2026-12-01", "ruth-baker-2026-12-01-2"]


def test_comments_and_unknown_keys_survive_a_booking(run, ruth: Path) -> None:
    ruth.write_text("# my mentor\n" + ruth.read_text() + 'nickname = "R"  # keep\n')
    assert run("meet", "ruth", "2026-12-01").exit_code == 0
    text = ruth.read_text()
    assert text.startswith("# my mentor\n")
    assert 'nickname = "R"  # keep' in text


@pytest.mark.parametrize(
    "args,fragment",
    [
        (("meet", "ruth", "2026-11-20"), "already passed"),
        (("meet", "ruth", "2026-11-23", "--at", "25:00"), "not a time of day"),
        (("meet", "ruth", "2026-11-24", "--at", "10:60"), "not a time of day"),
        (("meet", "ruth", "2026-11-24", "--at", "13pm"), "not a time of day"),
        (("meet", "ruth", "2026-11-24", "--for", "0m"), "between 1 minute and 24 hours"),
        (("meet", "ruth", "2026-11-24", "--for", "soon"), "not a length of time"),
        (("meet", "ruth", "2026-11-24", "--for", "25h"), "between 1 minute and 24 hours"),
        (("meet", "ruth", "2026-11-24", "--kind", "lunch"), "not a kind of session"),
        (("meet", "ruth", "2026-11-24", "--agenda", "a\x07b"), "control character"),
        (("meet", "nobody", "2026-11-24"), "nobody"),
        (("meet", "ruth", "not-a-day"), "not-a-day"),
        (("meet", "move", "no-such-meeting", "2026-12-01"), "no meeting has the id"),
        (("meet", "cancel", "no-such-meeting"), "no meeting has the id"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run, ruth: Path, args: tuple[str, ...], fragment: str
) -> None:  # type: ignore[no-untyped-def]
    assert run("meet", "ruth", "2026-12-01").exit_code == 0
    before = files_of(ruth.parent.parent)
    result = run(*args)
    assert result.exit_code != 0
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # the date echo at most, then the error
    assert files_of(ruth.parent.parent) == before


def test_a_time_earlier_today_is_refused(run, ruth: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-23T11:00")
    assert "already passed" in run("meet", "ruth", "today", "--at", "10:30").stderr
    assert run("meet", "ruth", "today", "--at", "11:30").exit_code == 0


def test_moving_into_the_past_is_refused(run, ruth: Path) -> None:
    assert run("meet", "ruth", "2026-12-01").exit_code == 0
    result = run("meet", "move", "ruth-baker-2026-12-01", "2026-11-01")
    assert result.exit_code != 0
    assert tomllib.loads(ruth.read_text())["meetings"][0]["date"].isoformat() == "2026-12-01"


def test_a_broken_meeting_in_a_file_names_the_file_and_line(run, ruth: Path) -> None:
    ruth.write_text(
        ruth.read_text() + '\n[[meetings]]\nid = "x"\ndate = 2026-12-01\nat = "25:00"\n'
    )
    result = run("doctor")
    assert result.exit_code != 0
    assert "mentors/ruth-baker.toml" in result.stdout + result.stderr
    assert "meetings" in result.stdout + result.stderr


def test_old_files_without_meetings_load_unchanged(run, ruth: Path) -> None:
    assert "meetings" not in ruth.read_text()
    assert run("meet", "list", "--json").json() == []


def test_meeting_ids_complete(run, ruth: Path) -> None:
    from mentorlog.cli import complete

    assert run("meet", "ruth", "2026-12-01", "--at", "10:00").exit_code == 0

    class Context:
        def find_root(self) -> Context:
            return self

        def __init__(self) -> None:
            self.params: dict[str, str] = {}
            self.obj = None

    found = complete.meetings(Context(), "ruth")  # type: ignore[arg-type]
    assert found == [("ruth-baker-2026-12-01", "Ruth Baker, 2026-12-01 10:00")]


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_clock_time_round_trips(hour: int, minute: int) -> None:
    text = f"{hour:02d}:{minute:02d}"
    assert meetings.parse_time(text) == text
    assert meetings.parse_time(f"{hour}:{minute:02d}") == text
    assert meetings.is_time(text)


@given(st.text(max_size=8))
def test_a_time_is_either_parsed_to_a_valid_time_or_refused(text: str) -> None:
    try:
        parsed = meetings.parse_time(text)
    except UsageError:
        return
    assert meetings.is_time(parsed)


@given(st.integers(1, 24 * 60))
def test_lengths_round_trip(minutes: int) -> None:
    assert meetings.parse_length(meetings.describe_length(minutes)) == minutes


def test_a_meeting_with_an_ended_relationship_is_refused(run, ruth: Path) -> None:
    assert run("mentor", "end", "ruth", "--date", "2026-11-20").exit_code == 0
    before = ruth.read_bytes()
    result = run("meet", "ruth", "2026-12-01")
    assert result.exit_code != 0
    assert "ended on 2026-11-20" in result.stderr
    assert "mentorlog mentor resume ruth-baker" in result.stderr
    assert ruth.read_bytes() == before


def test_the_editor_flow_records_the_passed_meeting_too(
    run, ruth: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import sys

    assert run("meet", "ruth", "2026-11-24", "--agenda", "the budget").exit_code == 0
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-26")
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text() + '\\nWe went through the numbers.\\n')\n",
        "utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    result = run("session", "new", "-m", "ruth", "--edit", "--json")
    assert result.exit_code == 0, result.stderr
    session = result.json()
    assert (session["date"], session["topic"]) == ("2026-11-24", "the budget")
    [stored] = tomllib.loads(ruth.read_text())["meetings"]
    assert (stored["status"], stored["session"]) == ("done", session["id"])
