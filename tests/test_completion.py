"""Shell completion offers mentor and goal ids from the journal the command line points at, and
never prints an error into the shell."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main

from mentorlog.cli import complete
from mentorlog.cli.app import app
from mentorlog.cli.context import State


@pytest.fixture
def journal(run, journal_dir: Path) -> Path:
    for name in ("Ruth Castellanos", "Marcus Oyelaran", "Marcus Brandt"):
        assert run("mentor", "add", name).exit_code == 0
    for title in ("Present the budget", "Present at a conference", "Learn to delegate"):
        assert run("goal", "add", title).exit_code == 0
    return journal_dir


def context_for(directory: Path | None) -> typer.Context:
    ctx = typer.Context(typer.main.get_command(app))
    ctx.obj = State(dir_option=str(directory) if directory else None)
    return ctx


def test_mentor_ids_are_completed_from_a_prefix(journal):
    ctx = context_for(None)
    assert complete.mentors(ctx, "mar") == [
        ("marcus-brandt", "Marcus Brandt"),
        ("marcus-oyelaran", "Marcus Oyelaran"),
    ]
    assert complete.mentors(ctx, "RUTH") == [("ruth-castellanos", "Ruth Castellanos")]


def test_every_mentor_is_offered_for_an_empty_prefix(journal):
    ids = [mentor_id for mentor_id, _ in complete.mentors(context_for(None), "")]
    assert ids == ["marcus-brandt", "marcus-oyelaran", "ruth-castellanos"]


def test_goal_ids_are_completed_from_a_prefix(journal):
    assert complete.goals(context_for(None), "pres") == [
        ("present-at-a-conference", "Present at a conference"),
        ("present-the-budget", "Present the budget"),
    ]


def test_nothing_matches_an_unknown_prefix(journal):
    assert complete.mentors(context_for(None), "zz") == []
    assert complete.goals(context_for(None), "zz") == []


def test_the_dir_option_is_honoured(journal, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "elsewhere"))
    assert complete.mentors(context_for(None), "ruth") == []
    assert complete.mentors(context_for(journal), "ruth") == [
        ("ruth-castellanos", "Ruth Castellanos")
    ]


def test_completion_in_a_missing_journal_offers_nothing_and_says_nothing(
    journal_dir, capsys: pytest.CaptureFixture[str]
):
    assert complete.mentors(context_for(None), "") == []
    assert complete.goals(context_for(None), "") == []
    assert capsys.readouterr() == ("", "")
    assert not journal_dir.exists()


def test_completion_skips_broken_files_silently(journal, capsys: pytest.CaptureFixture[str]):
    (journal / "mentors" / "broken.toml").write_text("name = \n", "utf-8")
    capsys.readouterr()
    assert [m for m, _ in complete.mentors(context_for(None), "")] == [
        "marcus-brandt",
        "marcus-oyelaran",
        "ruth-castellanos",
    ]
    assert capsys.readouterr() == ("", "")


def shell_complete(words: str, env_dir: Path | None, tmp_path: Path) -> list[str]:
    """Ask the real program for bash completions, the way the shell does."""
    env = dict(os.environ)
    env.update(
        _MENTORLOG_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        MENTORLOG_CACHE_DIR=str(tmp_path / "cache"),
    )
    if env_dir is not None:
        env["MENTORLOG_DIR"] = str(env_dir)
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [line.split(",", 1)[-1] for line in done.stdout.splitlines() if line]


def test_bash_completes_mentor_ids_end_to_end(journal, tmp_path):
    offered = shell_complete("mentorlog mentor show mar", journal, tmp_path)
    assert offered == ["marcus-brandt", "marcus-oyelaran"]


def test_bash_completes_goal_ids_from_the_dir_option(journal, tmp_path):
    offered = shell_complete(
        f"mentorlog --dir {journal} goal done pres", tmp_path / "not-here", tmp_path
    )
    assert offered == ["present-at-a-conference", "present-the-budget"]


def test_bash_completes_mentors_for_goal_options(journal, tmp_path):
    offered = shell_complete("mentorlog goal add Title --mentor ru", journal, tmp_path)
    assert offered == ["ruth-castellanos"]
