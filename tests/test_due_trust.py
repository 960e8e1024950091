"""`due` never gives an all-clear over a file it could not read, and `due --json` carries every
section `due` prints. Each case runs through the fast path and through the full CLI: the two
must agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journal_builder import Builder
from test_fastpath import answer as _run  # the fast path or the full CLI

RUNNERS = ("fast", "full")
ALL_CLEAR = "in touch with everyone"


def _calm_journal(root: Path) -> Builder:
    """Nobody due in the next week, nothing to report back on, reflect on or thank for."""
    builder = Builder(root)
    builder.mentor("ada-park", cadence="1m", since="2026-01-10")
    builder.session("ada-park", "2026-11-16", "## Notes\nFine.\n", kind="email")
    return builder


def _break_a_mentor(root: Path) -> None:
    (root / "mentors" / "grace-hopper.toml").write_text(
        'name = "Grace Hopper"\ncadence = "2w\n', encoding="utf-8"
    )


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_calm_journal_gets_the_all_clear(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _calm_journal(journal_dir)
    code, out, err = _run(runner, ["due"], capsys, monkeypatch)
    assert (code, out) == (0, "")
    assert ALL_CLEAR in err
    assert _run(runner, ["due", "--quiet"], capsys, monkeypatch)[0] == 1


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_file_that_does_not_parse_replaces_the_all_clear_with_a_warning(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _calm_journal(journal_dir)
    _break_a_mentor(journal_dir)
    code, out, err = _run(runner, ["due"], capsys, monkeypatch)
    assert code == 0
    assert out == ""
    assert ALL_CLEAR not in err
    assert "1 file could not be read" in err
    assert "mentorlog doctor" in err
    assert "mentors/grace-hopper.toml" in err


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_broken_file_counts_as_something_that_needs_you_for_quiet(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _calm_journal(journal_dir)
    _break_a_mentor(journal_dir)
    code, out, err = _run(runner, ["due", "--quiet"], capsys, monkeypatch)
    assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_broken_session_is_counted_too(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _calm_journal(journal_dir)
    broken = journal_dir / "sessions" / "2026" / "2026-11-18-ada-park.md"
    broken.write_text('+++\nmentor = "ada-park"\ndate = 2026-11-18\n', encoding="utf-8")
    code, _, err = _run(runner, ["due"], capsys, monkeypatch)
    assert code == 0
    assert ALL_CLEAR not in err
    assert "1 file could not be read" in err
    assert _run(runner, ["due", "--quiet"], capsys, monkeypatch)[0] == 0
    listed = _run(runner, ["due", "--json"], capsys, monkeypatch)
    import json

    data = json.loads(listed[1])
    assert [p["path"] for p in data["problems"]] == ["sessions/2026/2026-11-18-ada-park.md"]
    assert data["needs_attention"] is True


@pytest.mark.parametrize("runner", RUNNERS)
def test_two_broken_files_are_counted_in_the_warning(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _calm_journal(journal_dir)
    _break_a_mentor(journal_dir)
    (journal_dir / "goals" / "speak.toml").write_text("title = \n", encoding="utf-8")
    _, _, err = _run(runner, ["due", "--all"], capsys, monkeypatch)
    assert "2 files could not be read" in err
    assert ALL_CLEAR not in err


# --- due --json -------------------------------------------------------------------------------


def _busy_journal(root: Path) -> None:
    """Nobody to reconnect with, but an action to report back on, a call to reflect on and a
    thank-you owed for a goal."""
    builder = Builder(root)
    builder.mentor("ada-park", cadence="1m", since="2026-01-10")
    builder.session(
        "ada-park",
        "2026-09-01",
        "## Actions\n- [ ] Send Ada the draft\n",
        kind="check-in",
    )
    builder.reflection("2026-09-02-ada-park", "2026-09-02", session="2026-09-01-ada-park")
    builder.session("ada-park", "2026-11-19", "## Notes\nQuick call.\n", kind="check-in")
    builder.goal(
        "speak-at-council",
        mentors=["ada-park"],
        status="done",
        created="2026-03-01",
        closed="2026-11-01",
    )


ROW_KEYS = {
    "mentor": str,
    "name": str,
    "cadence": str,
    "last_contact": (str, type(None)),
    "next_due": str,
    "days_overdue": int,
    "status": str,
    "relationship": str,
    "open_actions": list,
    "unreflected": list,
    "thank_for": list,
    "meeting": (dict, type(None)),
    "at_most": (str, type(None)),
    "waiting_days": (int, type(None)),
    "tell_outcome": list,
}
SHAPE: dict[str, Any] = {
    "as_of": str,
    "window": str,
    "needs_attention": bool,
    "mentors": list,
    "report_back": list,
    "reflect": list,
    "thanks": list,
    "tell_outcome": list,
    "stalled_goals": list,
    "reviews": list,
    "problems": list,
}
REPORT_BACK_KEYS = {
    "id": str,
    "mentor": str,
    "name": str,
    "text": str,
    "date": str,
    "age_days": int,
}
REFLECT_KEYS = {
    "session": str,
    "mentor": str,
    "name": str,
    "kind": str,
    "date": str,
    "age_days": int,
}
THANKS_KEYS = {
    "mentor": str,
    "name": str,
    "reason": str,
    "since": str,
    "goal": (str, type(None)),
}
PROBLEM_KEYS = {"path": str, "line": (int, type(None)), "problem": str, "fix": (str, type(None))}


def _assert_shape(item: dict[str, Any], keys: dict[str, Any]) -> None:
    assert list(item) == list(keys)
    for key, kind in keys.items():
        assert isinstance(item[key], kind), (key, item[key])


@pytest.mark.parametrize("runner", RUNNERS)
def test_due_json_carries_every_section_due_prints(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    _busy_journal(journal_dir)
    _, plain, _ = _run(runner, ["due"], capsys, monkeypatch)
    assert "Report back" in plain and "Reflect" in plain and "Say thanks" in plain
    code, out, _ = _run(runner, ["due", "--json"], capsys, monkeypatch)
    assert code == 0
    data = json.loads(out)
    _assert_shape(data, SHAPE)
    assert data["as_of"] == "2026-11-23"
    assert data["window"] == "1w"
    assert data["needs_attention"] is True
    assert [(m["mentor"], m["relationship"], m["status"]) for m in data["mentors"]] == []
    assert [a["text"] for a in data["report_back"]] == ["Send Ada the draft"]
    assert [r["session"] for r in data["reflect"]] == ["2026-11-19-ada-park"]
    assert [(t["mentor"], t["reason"], t["goal"]) for t in data["thanks"]] == [
        ("ada-park", "goal", "speak-at-council")
    ]
    assert data["problems"] == []
    _assert_shape(data["report_back"][0], REPORT_BACK_KEYS)
    _assert_shape(data["reflect"][0], REFLECT_KEYS)
    _assert_shape(data["thanks"][0], THANKS_KEYS)


@pytest.mark.parametrize("runner", RUNNERS)
def test_due_json_rows_keep_their_keys(
    runner: str,
    example_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    _break_a_mentor(example_dir)
    data = json.loads(_run(runner, ["due", "--json"], capsys, monkeypatch)[1])
    _assert_shape(data, SHAPE)
    assert data["mentors"], "the example journal has someone due"
    for row in data["mentors"]:
        _assert_shape(row, ROW_KEYS)
    ended = [row["mentor"] for row in data["mentors"] if row["relationship"] == "ended"]
    assert ended == ["walter-nakamura"]
    assert {t["mentor"] for t in data["thanks"]} == {"walter-nakamura"}
    for problem in data["problems"]:
        _assert_shape(problem, PROBLEM_KEYS)
    assert [p["path"] for p in data["problems"]] == ["mentors/grace-hopper.toml"]


# --- a goal reached on your own is nobody's to be thanked for ---------------------------------


def _goals_with_and_without_help(root: Path) -> None:
    builder = Builder(root)
    builder.mentor("ada-park", cadence="1m", since="2026-01-10")
    builder.session("ada-park", "2026-11-16", "## Notes\nFine.\n", kind="check-in")
    for goal_id, alone in (("speak-at-council", False), ("run-a-marathon", True)):
        builder.goal(
            goal_id,
            mentors=["ada-park"],
            status="done",
            created="2026-03-01",
            closed="2026-11-01",
            independently=alone,
        )


def test_export_for_a_mentor_thanks_them_only_for_goals_they_helped_with(
    run: Any, journal_dir: Path
) -> None:
    _goals_with_and_without_help(journal_dir)
    result = run("export", "--for", "ada")
    assert result.exit_code == 0, result.stderr
    thanks = result.stdout.split("## Thank you", 1)[1]
    assert "Speak at council" in thanks
    assert "Run a marathon" not in thanks
    assert "reached on my own" in result.stdout  # still listed, marked as mine


@pytest.mark.parametrize("runner", RUNNERS)
def test_due_owes_no_thanks_for_a_goal_reached_on_your_own(
    runner: str,
    journal_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    _goals_with_and_without_help(journal_dir)
    data = json.loads(_run(runner, ["due", "--json"], capsys, monkeypatch)[1])
    assert [t["goal"] for t in data["thanks"]] == ["speak-at-council"]
