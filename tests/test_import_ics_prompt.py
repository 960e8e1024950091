"""`mentorlog import ics` on a terminal asks about each proposed session: y, n, a(ll the rest)
or q(uit). What was accepted is written together at the end; Ctrl-C writes nothing; without a
terminal it needs --yes or --dry-run."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journal_builder import Builder

CALENDAR = Path(__file__).parent / "fixtures" / "calendar-google.ics"


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
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


class Keyboard(io.StringIO):
    """A terminal's standard input: the lines typed, then Ctrl-C if asked for."""

    def __init__(self, typed: str, interrupt: bool = False) -> None:
        super().__init__(typed)
        self.interrupt = interrupt

    def isatty(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:
        line = super().readline()
        if not line and self.interrupt:
            raise KeyboardInterrupt
        return line


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def typing(typed: str, interrupt: bool = False) -> None:
        monkeypatch.setattr(sys, "stdin", Keyboard(typed, interrupt))
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)

    return typing


def proposed(run) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    result = run("import", "ics", str(CALENDAR), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    return [(c["date"], c["mentor"]) for c in result.json()["created"]]


def recorded(run) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    result = run("session", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return sorted((s["date"], s["mentor"]) for s in result.json())


def session_files(journal_dir: Path) -> list[Path]:
    return sorted(journal_dir.glob("sessions/**/*.md"))


def test_each_session_is_asked_about_and_only_the_accepted_are_added(
    run, team: Builder, terminal: Any
) -> None:  # type: ignore[no-untyped-def]
    offered = proposed(run)
    assert len(offered) >= 4
    answers = ["y", "n"] * len(offered)
    terminal("\n".join(answers[: len(offered)]) + "\n")
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 0, result.stderr
    wanted = [pair for pair, answer in zip(offered, answers, strict=False) if answer == "y"]
    assert recorded(run) == sorted(wanted)
    assert f"(1/{len(offered)})" in result.stderr and "matched by" in result.stderr
    assert f"(1/{len(offered)}) {offered[0][0]} Ada Lovelace" in result.stderr
    assert f"left out {len(offered) - len(wanted)} you declined" in result.stderr


def test_all_accepts_this_one_and_the_rest(run, team: Builder, terminal: Any) -> None:  # type: ignore[no-untyped-def]
    offered = proposed(run)
    terminal("n\na\n")
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 0, result.stderr
    assert recorded(run) == sorted(offered[1:])
    assert result.stderr.count("Add this session?") == 2


@pytest.mark.parametrize("typed", ["y\nq\n", "y\n"])
def test_quit_or_end_of_input_adds_what_was_accepted_so_far(
    run, team: Builder, terminal: Any, typed: str
) -> None:  # type: ignore[no-untyped-def]
    offered = proposed(run)
    terminal(typed)
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 0, result.stderr
    assert recorded(run) == offered[:1]


def test_quit_before_any_yes_writes_nothing(
    run, team: Builder, terminal: Any, journal_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    terminal("n\nq\n")
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 0, result.stderr
    assert session_files(journal_dir) == []


def test_ctrl_c_writes_nothing_even_after_yes(
    run, team: Builder, terminal: Any, journal_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    terminal("y\ny\n", interrupt=True)
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 130
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert session_files(journal_dir) == []


def test_an_unclear_answer_is_asked_again(run, team: Builder, terminal: Any) -> None:  # type: ignore[no-untyped-def]
    offered = proposed(run)
    terminal("maybe\n\nY\nq\n")
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 0, result.stderr
    assert "Answer y, n, a or q." in result.stderr
    assert recorded(run) == offered[:1]


def test_yes_and_dry_run_ask_nothing(run, team: Builder, terminal: Any) -> None:  # type: ignore[no-untyped-def]
    offered = proposed(run)
    terminal("")
    dry = run("import", "ics", str(CALENDAR), "--dry-run")
    assert dry.exit_code == 0 and "Add this session?" not in dry.stderr
    assert recorded(run) == []
    everything = run("import", "ics", str(CALENDAR), "--yes")
    assert everything.exit_code == 0 and "Add this session?" not in everything.stderr
    assert recorded(run) == sorted(offered)


def test_without_a_terminal_it_says_to_pass_yes_or_dry_run(
    run, team: Builder, journal_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    result = run("import", "ics", str(CALENDAR))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "--yes" in line and "--dry-run" in line and "no terminal" in line
    assert session_files(journal_dir) == []


def test_a_hostile_title_is_shown_as_data(
    run, team: Builder, terminal: Any, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hostile.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:h1@x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261102\r\n"
        b"SUMMARY:Ada Lovelace \x1b]0;owned\x07 \xe2\x80\xaeevil\r\n"
        b"ATTENDEE;CN=Ada:mailto:ada@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    terminal("y\n")
    result = run("import", "ics", str(path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    # The escape sequence goes whole (it would set the window title): no "]0;owned" residue.
    assert "(1/1) 2026-11-02 Ada Lovelace: Ada Lovelace evil" in result.stderr
    assert "owned" not in result.stderr and "]0;" not in result.stderr
    assert recorded(run) == [("2026-11-02", "ada-lovelace")]
