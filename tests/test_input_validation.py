"""Bad input is refused with a usage error (exit 2) and one line naming what was wrong, before
anything is written: environment variables, arguments that are not UTF-8, a file where a folder
should be, and dates that break the order of events."""

from __future__ import annotations

import io
import os
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.cli import fastpath
from mentorlog.cli.app import run as run_full_cli
from mentorlog.domain.dates import FUTURE, PAST, parse_date
from mentorlog.errors import UsageError


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".mentorlog.lock"
    }


def _refused(result: Any, *words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


# --- environment variables --------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf", "1e999", "10s"])
def test_a_lock_timeout_that_is_not_a_number_of_seconds_is_refused(
    value: str, run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(example_dir)
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", value)
    _refused(run("mentor", "add", "Ada Park"), "MENTORLOG_LOCK_TIMEOUT", "seconds")
    _refused(run("session", "new", "-m", "ruth", "--notes", "x"), "MENTORLOG_LOCK_TIMEOUT")
    assert _snapshot(example_dir) == before


def test_an_empty_lock_timeout_means_the_default(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "")
    assert run("mentor", "add", "Ada Park").exit_code == 0


def test_a_git_timeout_that_is_not_a_number_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mentorlog.services import sync

    monkeypatch.setenv("MENTORLOG_GIT_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="MENTORLOG_GIT_TIMEOUT"):
        sync._timeout()
    monkeypatch.setenv("MENTORLOG_GIT_TIMEOUT", "30")
    assert sync._timeout() == 30


def test_a_pinned_today_that_is_not_a_date_is_refused(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", "tomorrow")
    _refused(run("due"), "MENTORLOG_TODAY")
    _refused(run("mentor", "list"), "MENTORLOG_TODAY")


@pytest.mark.parametrize("name", ["EDITOR", "VISUAL"])
@pytest.mark.parametrize("value", ["", "   ", "'unclosed"])
def test_an_editor_variable_that_is_blank_or_unreadable_is_refused_by_name(
    name: str, value: str, run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(example_dir)
    monkeypatch.setenv(name, value)
    _refused(run("mentor", "edit", "ruth"), f"${name}")
    _refused(run("session", "new", "-m", "ruth", "--edit"), f"${name}")
    assert _snapshot(example_dir) == before


def test_an_empty_visual_gives_way_to_a_set_editor(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text().replace('Ruth Castellanos', 'Ruth Castellanos-Ortiz'))\n"
    )
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", f"python3 {script}")
    result = run("mentor", "edit", "ruth")
    assert result.exit_code == 0, result.stderr
    assert "Castellanos-Ortiz" in (example_dir / "mentors" / "ruth-castellanos.toml").read_text()


# --- a file where the journal's folder should be ----------------------------------------------


def _a_file(tmp_path: Path) -> Path:
    target = tmp_path / "some-file.txt"
    target.write_text("my notes\n")
    target.chmod(0o644)
    return target


def test_init_refuses_a_file_and_leaves_it_alone(run: Any, tmp_path: Path) -> None:
    target = _a_file(tmp_path)
    _refused(run("init", str(target)), "some-file.txt", "not a folder")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "my notes\n"


def test_init_refuses_a_folder_inside_a_file(run: Any, tmp_path: Path) -> None:
    target = _a_file(tmp_path)
    _refused(run("init", str(target / "journal")), "inside the file", "some-file.txt")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["path"],
        ["init"],
        ["mentor", "add", "Ada Park"],
        ["session", "new", "-m", "ada", "--notes", "x"],
    ],
)
def test_dir_and_mentorlog_dir_refuse_a_file(
    args: list[str], run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _a_file(tmp_path)
    _refused(run("--dir", str(target), *args), "--dir", "not a folder")
    monkeypatch.setenv("MENTORLOG_DIR", str(target))
    _refused(run(*args), "MENTORLOG_DIR", "not a folder")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "my notes\n"


# --- arguments that are not UTF-8 -------------------------------------------------------------

LATIN_1 = os.fsdecode(b"caf\xe9")  # what sys.argv holds for Latin-1 bytes on a UTF-8 system

NOT_UTF8 = [
    ["session", "new", "-m", "ruth", "--notes", LATIN_1],
    ["session", "new", "-m", LATIN_1, "--notes", "x"],
    ["due", "--as-of", LATIN_1],
    ["--dir", LATIN_1, "path"],
    ["mentor", "add", LATIN_1],
    ["action", "add", "ruth", LATIN_1],
    ["search", LATIN_1],
    [LATIN_1],
]


@pytest.mark.parametrize("args", NOT_UTF8, ids=[str(i) for i in range(len(NOT_UTF8))])
@pytest.mark.parametrize("runner", ["fast", "full"])
def test_an_argument_that_is_not_utf8_is_a_usage_error_on_both_paths(
    runner: str,
    args: list[str],
    example_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _snapshot(example_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    capsys.readouterr()
    code = fastpath.run(list(args)) if runner == "fast" else run_full_cli(list(args))
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1
    assert "not valid UTF-8" in err and "caf\\xe9" in err
    assert _snapshot(example_dir) == before


# --- dates: the order of events -----------------------------------------------------------------

TODAY = date(2026, 11, 23)  # conftest pins MENTORLOG_TODAY to this day


@pytest.mark.parametrize(
    "args",
    [
        ["action", "done", "2026-10-27-marcus-oyelaran#2", "--date", "in 2 weeks"],
        ["action", "done", "2026-10-27-marcus-oyelaran#2", "--date", "tomorrow"],
        ["session", "new", "-m", "ruth", "--notes", "x", "--date", "in 3 days"],
        ["goal", "done", "learn-to-delegate", "--date", "next friday"],
        ["thank", "ruth", "--date", "2026-12-01"],
        ["reflect", "--mentor", "ruth", "--text", "x", "--date", "tomorrow"],
        ["mentor", "end", "ruth", "--date", "in 2 days"],
        ["goal", "progress", "learn-to-delegate", "Delegated the fee study", "--date", "tomorrow"],
    ],
)
def test_a_record_of_something_that_happened_cannot_be_dated_in_the_future(
    args: list[str], run: Any, example_dir: Path
) -> None:
    before = _snapshot(example_dir)
    _refused(run(*args), "future")
    assert _snapshot(example_dir) == before


def test_a_relationship_cannot_end_before_it_began(run: Any, example_dir: Path) -> None:
    before = _snapshot(example_dir)
    # Ruth's relationship began on 2026-05-19, her first session was 2026-05-19.
    _refused(run("mentor", "end", "ruth", "--date", "2026-05-01"), "2026-05-19")
    assert _snapshot(example_dir) == before
    assert run("mentor", "end", "ruth", "--date", "2026-11-20").exit_code == 0


def test_a_relationship_cannot_end_before_its_first_session(run: Any, journal_dir: Path) -> None:
    from journal_builder import Builder

    Builder(journal_dir).mentor("ada-park").session("ada-park", "2026-03-10", "Hello.\n")
    before = _snapshot(journal_dir)
    _refused(run("mentor", "end", "ada", "--date", "2026-03-01"), "2026-03-10")
    assert _snapshot(journal_dir) == before


def test_a_day_without_a_year_means_the_last_one_for_a_past_record(
    run: Any, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal_builder import Builder

    monkeypatch.setenv("MENTORLOG_TODAY", "2027-01-05")
    Builder(journal_dir).mentor("ada-park", since="2026-01-10")
    result = run("session", "new", "-m", "ada", "--notes", "x", "--date", "Dec 30", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["date"] == "2026-12-30"


def test_a_day_without_a_year_means_the_next_one_for_a_target(run: Any, example_dir: Path) -> None:
    result = run("goal", "add", "Run a budget hearing", "--target", "Jan 10", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["target"] == "2027-01-10"


def test_a_pause_ends_after_it_begins_and_a_yearless_end_is_the_next_one(
    run: Any, example_dir: Path
) -> None:
    _refused(run("mentor", "pause", "ruth", "--until", "2026-11-01"), "--until")
    result = run("mentor", "pause", "ruth", "--until", "Jan 15", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["paused_until"] == "2027-01-15"


# --- property tests of the date rules --------------------------------------------------------

days = st.dates(min_value=date(1901, 1, 1), max_value=date(8999, 12, 31))
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@given(today=days, target=days)
def test_a_yearless_day_for_the_past_is_the_latest_such_day_on_or_before_today(
    today: date, target: date
) -> None:
    text = f"{MONTHS[target.month - 1]} {target.day}"
    found = parse_date(text, today, PAST)
    assert (found.month, found.day) == (target.month, target.day)
    assert found <= today
    # No later such day lies between it and today.
    later = [
        date(year, target.month, target.day)
        for year in range(found.year + 1, today.year + 1)
        if not (target.month == 2 and target.day == 29) or _leap(year)
    ]
    assert all(day > today for day in later)


@given(today=days, target=days)
def test_a_yearless_day_for_the_future_is_the_first_such_day_on_or_after_today(
    today: date, target: date
) -> None:
    text = f"{target.day} {MONTHS[target.month - 1]}"
    found = parse_date(text, today, FUTURE)
    assert (found.month, found.day) == (target.month, target.day)
    assert found >= today
    earlier = [
        date(year, target.month, target.day)
        for year in range(today.year, found.year)
        if not (target.month == 2 and target.day == 29) or _leap(year)
    ]
    assert all(day < today for day in earlier)


@given(today=days, target=days)
def test_a_day_with_its_year_is_the_same_whatever_the_intent(today: date, target: date) -> None:
    text = target.isoformat()
    assert parse_date(text, today) == parse_date(text, today, PAST) == target
    assert parse_date(text, today, FUTURE) == target


@given(today=days, back=st.integers(min_value=0, max_value=6))
def test_a_weekday_for_the_past_is_on_or_before_today_and_for_the_future_on_or_after(
    today: date, back: int
) -> None:
    name = (today - timedelta(days=back)).strftime("%A")
    past = parse_date(name, today, PAST)
    future = parse_date(name, today, FUTURE)
    assert today - timedelta(days=6) <= past <= today
    assert today <= future <= today + timedelta(days=6)
    assert past.weekday() == future.weekday() == (today - timedelta(days=back)).weekday()


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
