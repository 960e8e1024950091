"""What git does with the journal can be trusted: no command loses a change to a race, commits a
swap file or forks the history; `undo` takes back only mentorlog's own last change; a clone from
any ordinary remote is the journal or a clear error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from git_helpers import commit_count, git, git_environment, is_clean, subjects, write
from reliability_support import child_env

SESSION = "sessions/2026/2026-11-23-ruth-castellanos.md"
MENTOR = "mentors/ruth-castellanos.toml"
GOAL = "goals/learn-to-delegate.toml"
JUNK = (
    ".2026-11-23-ruth-castellanos.md.swp",
    "ruth-castellanos.toml~",
    "#notes.md#",
    ".#notes.md",
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    "draft.tmp",
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return git_environment(tmp_path, monkeypatch, identity=True)


@pytest.fixture
def journal(run, journal_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    """A git journal with one mentor and one goal."""
    assert run("init", "--git").exit_code == 0
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert run("goal", "add", "Learn to delegate", "--mentor", "ruth").exit_code == 0
    return journal_dir


def tracked(folder: Path) -> list[str]:
    return git(folder, "ls-files").splitlines()


def changed_by(folder: Path, revision: str = "HEAD") -> list[str]:
    return git(folder, "show", "--name-only", "--format=", revision).split()


# --- concurrent commands ----------------------------------------------------------------------

WORKER = """
import sys
from mentorlog.cli.app import run
worker = sys.argv[1]
for step in range(int(sys.argv[2])):
    args = ["mentor", "add", f"Person {worker} {step}"] if step % 2 else [
        "goal", "progress", "learn-to-delegate", f"progress {worker} {step}"]
    code = run(args)
    if code:
        sys.exit(code)
"""


@pytest.mark.slow
def test_concurrent_commands_all_commit_their_own_change_and_leave_a_clean_tree(
    journal: Path, tmp_path: Path
) -> None:
    workers, steps = 4, 6
    env = child_env(journal, tmp_path / "cache")
    before = commit_count(journal)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(worker), str(steps)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(workers)
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert is_clean(journal)
    assert commit_count(journal) == before + workers * steps
    for subject in subjects(journal)[: workers * steps]:
        assert "hand edits" not in subject
    added = [s for s in subjects(journal) if s.startswith("mentor add: person-")]
    assert len(added) == workers * steps // 2
    for revision in range(workers * steps):
        paths = changed_by(journal, f"HEAD~{revision}")
        assert len(paths) == 1, paths  # each commit holds its own command's file only


# --- junk never committed -------------------------------------------------------------------


@pytest.mark.parametrize("name", JUNK)
def test_editor_and_system_files_are_never_committed(run, journal: Path, name: str) -> None:
    (journal / "sessions" / "2026").mkdir(parents=True, exist_ok=True)
    for place in (journal / name, journal / "sessions" / "2026" / name):
        write(place, "text the person never saved\n")
    (journal / ".gitignore").write_text("", encoding="utf-8")  # the person emptied it
    assert run("goal", "progress", "learn-to-delegate", "Asked for help.").exit_code == 0
    assert run("git", "commit").exit_code == 0
    assert [path for path in tracked(journal) if name in path] == []


def test_sync_never_sends_a_swap_file(run, journal: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    assert run("git", "remote", "add", "origin", str(remote)).exit_code == 0
    write(journal / ".ruth-castellanos.toml.swp", "unsaved\n")
    write(journal / "mentors" / "ruth-castellanos.toml~", "backup\n")
    assert run("sync").exit_code == 0
    sent = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert not [path for path in sent if path.endswith(("~", ".swp"))]
    assert "mentors/ruth-castellanos.toml" in sent


def test_a_junk_file_tracked_before_is_untracked_with_a_note(run, journal: Path) -> None:
    write(journal / ".DS_Store", "finder\n")
    git(journal, "add", "--force", ".DS_Store")
    git(journal, "commit", "--quiet", "-m", "by hand")
    assert ".DS_Store" in tracked(journal)
    write(journal / ".DS_Store", "finder again\n")
    assert run("goal", "progress", "learn-to-delegate", "Asked for help.").exit_code == 0
    assert ".DS_Store" not in tracked(journal)
    assert (journal / ".DS_Store").read_text(encoding="utf-8") == "finder again\n"
    assert "No longer tracked" in git(journal, "log", "-1", "--format=%B")


def test_the_gitignore_is_completed_and_keeps_the_persons_lines(run, journal_dir: Path) -> None:
    journal_dir.mkdir()
    (journal_dir / ".gitignore").write_text("exports/\n.*.tmp\n", encoding="utf-8")
    assert run("init", "--git").exit_code == 0
    lines = (journal_dir / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["exports/", ".*.tmp"]
    for pattern in (".*.sw?", "*~", "#*#", ".#*", ".DS_Store", "Thumbs.db", "desktop.ini"):
        assert pattern in lines
