"""`session list` on a long journal: a screenful on a terminal with a count of the rest, every
session as plain lines through a pipe, never a huge rich table. Rows are counted, not timed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from journal_builder import Builder


def many_sessions(root: Path, count: int) -> None:
    builder = Builder(root).mentor("zoe", name="Zoë Müller")
    for number in range(count):
        day = f"20{10 + number // 300:02d}-{1 + number % 12:02d}-{1 + number // 12 % 25:02d}"
        builder.session(
            "zoe",
            day,
            "## Actions\n- [ ] Send the résumé\n",
            id=f"{day}-zoe-{number}",
            topic=f"Topic {number}",
        )


def test_a_pipe_gets_every_session_as_plain_lines(run, journal_dir: Path) -> None:  # type: ignore[no-untyped-def]
    many_sessions(journal_dir, 120)
    result = run("session", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 120
    assert not any(edge in result.stdout for edge in "│┃─━")
    assert lines[0].startswith("2010-12-") and "1 open / 1" in lines[0]
    dates = [line[:10] for line in lines]
    assert dates == sorted(dates, reverse=True)


def test_a_terminal_gets_the_newest_and_a_count_of_the_rest(
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    many_sessions(journal_dir, 120)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("MENTORLOG_PAGER", "")  # a terminal, but no pager in the way
    result = run("session", "list")
    assert result.exit_code == 0
    assert result.stdout.count("zoe-") == 20
    assert "newest 20 of 120" in result.stderr
    every = run("session", "list", "--all")
    assert every.stdout.count("zoe-") == 120
    some = run("session", "list", "--limit", "5")
    assert some.stdout.count("zoe-") == 5


def test_a_short_list_keeps_the_table(run, journal_dir: Path) -> None:  # type: ignore[no-untyped-def]
    many_sessions(journal_dir, 3)
    result = run("session", "list")
    assert result.stdout.count("zoe-") == 3
    assert "topic" in result.stdout.lower()
