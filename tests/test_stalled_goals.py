"""Stalled goals: an open goal with no progress for longer than `stalled_after` (4 weeks
unless mentorlog.toml says otherwise) shows in `due`, with whom to ask for help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journal_builder import Builder, flat


def _due(run: Any) -> dict[str, Any]:
    result = run("due", "--json")
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _team(root: Path) -> Builder:
    return (
        Builder(root)
        .mentor("ruth", name="Ruth Ng", since="2026-01-01", cadence="12w")
        .mentor("omar", name="Omar Diaz", since="2026-01-01", cadence="12w", ended="2026-06-01")
        .session("ruth", "2026-11-20", "## Notes\nFine.\n")
        .session("omar", "2026-05-20", "## Notes\nFine.\n")
    )


def test_a_goal_with_no_progress_for_five_weeks_asks_its_mentor_for_help(
    run: Any, journal_dir: Path
) -> None:
    _team(journal_dir).goal(
        "budget",
        title="Own the budget",
        created="2026-09-01",
        mentors=["ruth", "omar"],
        progress=[{"date": "2026-10-15", "note": "first draft"}],
    )
    stalled = _due(run)["stalled_goals"]
    assert stalled == [
        {
            "goal": "budget",
            "title": "Own the budget",
            "since": "2026-10-15",
            "days": 39,
            "ask": ["ruth"],
        }
    ]
    text = flat(run("due").stdout)
    assert "budget: Own the budget, 39 days since progress ask Ruth for help" in text


def test_recent_progress_or_a_closed_goal_is_not_stalled(run: Any, journal_dir: Path) -> None:
    (
        _team(journal_dir)
        .goal("moving", created="2026-01-01", progress=[{"date": "2026-11-01", "note": "x"}])
        .goal("reached", created="2026-01-01", status="done", closed="2026-02-01")
        .goal("young", created="2026-11-01")
    )
    assert _due(run)["stalled_goals"] == []


def test_a_goal_nobody_covers_points_at_the_gap_in_the_team(run: Any, journal_dir: Path) -> None:
    _team(journal_dir).goal("speaking", title="Speak at a conference", created="2026-08-01")
    assert _due(run)["stalled_goals"][0]["ask"] == []
    text = flat(run("due").stdout)
    assert "nobody covers it: fill the gap (`mentorlog team`)" in text
    assert "`mentorlog goal link speaking -m NAME`" in text


def test_the_window_comes_from_mentorlog_toml(run: Any, journal_dir: Path) -> None:
    _team(journal_dir).goal("budget", created="2026-10-15", mentors=["ruth"])
    settings = journal_dir / "mentorlog.toml"
    default = 'stalled_after = "4w"'
    assert default in settings.read_text()
    settings.write_text(settings.read_text().replace(default, 'stalled_after = "8w"'))
    assert _due(run)["stalled_goals"] == []
    settings.write_text(settings.read_text().replace('"8w"', '"2w"'))
    assert [s["goal"] for s in _due(run)["stalled_goals"]] == ["budget"]


def test_a_bad_window_is_refused_with_the_file_and_line(run: Any, journal_dir: Path) -> None:
    _team(journal_dir)
    settings = journal_dir / "mentorlog.toml"
    settings.write_text(
        settings.read_text().replace('stalled_after = "4w"', 'stalled_after = "soon"')
    )
    result = run("due")
    assert result.exit_code != 0
    assert "mentorlog.toml" in result.stderr and "stalled_after" in result.stderr
    assert "Traceback" not in result.stderr
