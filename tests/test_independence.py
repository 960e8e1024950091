"""Independence: `team` and `review` show, per mentor, the goals reached with them and on your
own in time order, and suggest stretching the cadence or closing well when the trend says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journal_builder import Builder, flat


def _journal(root: Path, *, open_goal: bool) -> Builder:
    b = (
        Builder(root)
        .mentor("ruth", name="Ruth Ng", since="2026-01-01", cadence="4w")
        .mentor("omar", name="Omar Diaz", since="2026-01-01", cadence="4w")
        .session("ruth", "2026-11-10", "## Notes\nx\n")
        .session("omar", "2026-11-10", "## Notes\nx\n")
        .goal("first", mentors=["ruth", "omar"], status="done", closed="2026-03-01")
        .goal("second", mentors=["ruth"], status="done", closed="2026-06-01", independently=True)
        .goal("third", mentors=["ruth"], status="done", closed="2026-10-01", independently=True)
    )
    if open_goal:
        b.goal("fourth", mentors=["ruth"], created="2026-11-01")
    return b


def _by_mentor(data: dict[str, Any]) -> dict[str, Any]:
    return {x["mentor"]: x for x in data["independence"]}


def test_team_shows_reached_with_and_without_each_mentor_over_time(
    run: Any, journal_dir: Path
) -> None:
    _journal(journal_dir, open_goal=True)
    found = _by_mentor(run("team", "--json").json())
    ruth = found["ruth"]
    assert (ruth["with_mentor"], ruth["on_your_own"], ruth["open_goals"]) == (1, 2, 1)
    assert [(r["goal"], r["independently"]) for r in ruth["reached"]] == [
        ("first", False),
        ("second", True),
        ("third", True),
    ]
    assert ruth["suggestion"] == "stretch"
    assert found["omar"]["suggestion"] is None
    text = flat(run("team").stdout)
    assert (
        "Ruth Ng: 1 with them, 2 on your own (with → own → own); you reach goals on your own"
        in text
    )
    assert "stretch the cadence" in text


def test_nothing_left_open_suggests_closing_well(run: Any, journal_dir: Path) -> None:
    _journal(journal_dir, open_goal=False)
    assert _by_mentor(run("team", "--json").json())["ruth"]["suggestion"] == "close"
    assert "close well, with thanks (`mentorlog thank ruth`)" in flat(run("team").stdout)


def test_one_goal_on_your_own_with_more_open_is_not_yet_a_trend(
    run: Any, journal_dir: Path
) -> None:
    (
        Builder(journal_dir)
        .mentor("ruth", name="Ruth Ng", since="2026-01-01")
        .goal("done", mentors=["ruth"], status="done", closed="2026-06-01", independently=True)
        .goal("open", mentors=["ruth"])
    )
    assert _by_mentor(run("team", "--json").json())["ruth"]["suggestion"] is None


def test_review_shows_the_same_as_of_its_end(run: Any, journal_dir: Path) -> None:
    _journal(journal_dir, open_goal=True)
    found = _by_mentor(run("review", "--json").json())
    assert found["ruth"]["suggestion"] == "stretch"
    assert "Goals reached with each mentor and on your own" in flat(run("review").stdout)
    earlier = _by_mentor(run("review", "--as-of", "2026-07-01", "--json").json())
    assert [r["goal"] for r in earlier["ruth"]["reached"]] == ["first", "second"]
    assert earlier["ruth"]["suggestion"] is None  # of the latest two, one was with her
