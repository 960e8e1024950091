"""What git does with the journal can be trusted: no command loses a change to a race, commits a
swap file or forks the history; `undo` takes back only mentorlog's own last change; a clone from
any ordinary remote is the journal or a clear error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import child_env

from git_helpers import commit_count, git, git_environment, is_clean, subjects, write

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


# --- cloning and syncing with ordinary remotes ----------------------------------------------


def bare(tmp_path: Path, name: str, *args: str) -> Path:
    remote = tmp_path / name
    git(tmp_path, "init", "--quiet", "--bare", *args, str(remote))
    return remote


def first_machine(run, journal: Path, remote: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("git", "remote", "add", "origin", str(remote)).exit_code == 0
    result = run("sync")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("head", ["master", "main", "dangling"])
def test_a_second_and_third_machine_clone_the_journal_whatever_the_remote_head(
    run, journal: Path, tmp_path: Path, head: str
) -> None:
    options = {"master": ("--initial-branch=master",), "main": ("--initial-branch=main",)}
    remote = bare(tmp_path, "remote.git", *options.get(head, ()))
    if head == "dangling":
        git(remote, "symbolic-ref", "HEAD", "refs/heads/nowhere")
    first_machine(run, journal, remote)
    second, third = tmp_path / "second", tmp_path / "third"
    for machine in (second, third):
        result = run("git", "clone", str(remote), str(machine))
        assert result.exit_code == 0, result.stderr
        assert (machine / MENTOR).is_file()
    assert run("--dir", str(second), "mentor", "add", "Marco Bianchi").exit_code == 0
    assert run("--dir", str(second), "sync").exit_code == 0
    assert run("--dir", str(third), "sync").exit_code == 0
    assert (third / "mentors" / "marco-bianchi.toml").is_file()
    assert run("sync").exit_code == 0
    assert (journal / "mentors" / "marco-bianchi.toml").is_file()
    assert git(remote, "for-each-ref", "--format=%(refname)").split() == ["refs/heads/main"]


def test_cloning_an_empty_remote_is_a_clear_error_and_leaves_no_folder(run, tmp_path: Path) -> None:
    remote = bare(tmp_path, "empty.git")
    target = tmp_path / "second"
    result = run("git", "clone", str(remote), str(target))
    assert result.exit_code == 3
    assert "holds no journal yet" in result.stderr
    assert "mentorlog sync" in result.stderr
    assert not target.exists()


def test_no_write_turns_an_empty_clone_into_a_new_journal(run, tmp_path: Path) -> None:
    remote = bare(tmp_path, "empty.git")
    clone = tmp_path / "second"
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))
    result = run("--dir", str(clone), "mentor", "add", "Marco")
    assert result.exit_code == 3
    assert "mentorlog sync" in result.stderr
    assert not (clone / "mentorlog.toml").exists()


def test_sync_in_a_plain_clone_of_a_master_headed_remote_fetches_the_journal(
    run, journal: Path, tmp_path: Path
) -> None:
    remote = bare(tmp_path, "remote.git", "--initial-branch=master")
    first_machine(run, journal, remote)
    clone = tmp_path / "second"
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))  # plain git: an empty folder
    assert run("--dir", str(clone), "goal", "add", "Other").exit_code == 3
    result = run("--dir", str(clone), "sync")
    assert result.exit_code == 0, result.stderr
    assert (clone / MENTOR).is_file()
    assert run("--dir", str(clone), "mentor", "add", "Marco").exit_code == 0
    assert run("--dir", str(clone), "sync").exit_code == 0
    assert git(remote, "for-each-ref", "--format=%(refname)").split() == ["refs/heads/main"]


def test_sync_refuses_to_send_a_journal_started_separately(
    run, journal: Path, tmp_path: Path
) -> None:
    remote = bare(tmp_path, "remote.git", "--initial-branch=master")
    first_machine(run, journal, remote)
    other = tmp_path / "other"
    for branch in ("main", "master"):
        shutil_rm(other)
        assert run("--dir", str(other), "init", "--git").exit_code == 0
        git(other, "branch", "-M", branch)
        assert run("--dir", str(other), "mentor", "add", "Marco").exit_code == 0
        run("--dir", str(other), "git", "remote", "add", "origin", str(remote))
        before = git(remote, "for-each-ref")
        result = run("--dir", str(other), "sync")
        assert result.exit_code == 6, result.stderr
        assert "started separately" in result.stderr or "not copied from" in result.stderr
        assert git(remote, "for-each-ref") == before


def shutil_rm(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def test_a_push_rejected_because_another_machine_pushed_first_is_retried(
    run, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare(tmp_path, "remote.git")
    first_machine(run, journal, remote)
    other = tmp_path / "other"
    assert run("git", "clone", str(remote), str(other)).exit_code == 0
    assert run("--dir", str(other), "mentor", "add", "Marco").exit_code == 0
    assert run("--dir", str(other), "sync").exit_code == 0
    # The other machine pushes again between this machine's first fetch and its push.
    from mentorlog.services import sync as service

    real_fetch = service._fetch
    fetches: list[int] = []

    def fetch_then_race(root: Path, remote_name: str) -> None:
        real_fetch(root, remote_name)
        fetches.append(1)
        if len(fetches) == 1:
            write(other / "notes.md", "late\n")
            git(other, "add", "notes.md")
            git(other, "commit", "--quiet", "-m", "late")
            git(other, "push", "--quiet", "origin", "main")

    monkeypatch.setattr(service, "_fetch", fetch_then_race)
    assert run("goal", "progress", "learn-to-delegate", "Asked.").exit_code == 0
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    assert (journal / "notes.md").is_file()
    assert len(fetches) == 2
    assert git(remote, "rev-parse", "main") == git(journal, "rev-parse", "HEAD")


# --- undo takes back only mentorlog's own change ----------------------------------------------


def test_undo_asks_before_taking_back_hand_edits_bundled_into_the_last_commit(
    run, journal: Path
) -> None:
    mentor = journal / MENTOR
    write(mentor, mentor.read_text(encoding="utf-8") + "# my own line\n")
    assert run("goal", "progress", "learn-to-delegate", "Asked for help.").exit_code == 0
    before = commit_count(journal)
    result = run("undo")  # no terminal here: refused
    assert result.exit_code == 6
    assert "ruth-castellanos" in result.stderr and "--yes" in result.stderr
    assert commit_count(journal) == before
    assert "# my own line" in mentor.read_text(encoding="utf-8")
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "# my own line" not in mentor.read_text(encoding="utf-8")
    assert is_clean(journal)


def test_undo_leaves_uncommitted_changes_alone_and_only_with_yes(run, journal: Path) -> None:
    assert run("goal", "progress", "learn-to-delegate", "Asked for help.").exit_code == 0
    mentor = journal / MENTOR
    write(mentor, mentor.read_text(encoding="utf-8") + "# not committed\n")
    assert run("undo").exit_code == 6
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Asked for help." not in (journal / GOAL).read_text(encoding="utf-8")
    assert "# not committed" in mentor.read_text(encoding="utf-8")


def test_undo_right_after_a_resolved_conflict_never_brings_the_markers_back(
    run, journal: Path
) -> None:
    mentor = journal / MENTOR
    resolved = mentor.read_text(encoding="utf-8")
    write(mentor, resolved + "<<<<<<< HEAD\nrole = 'a'\n=======\nrole = 'b'\n>>>>>>> theirs\n")
    git(journal, "commit", "--quiet", "-am", "sync: merge\n\nMentorlog-Command: sync")
    write(mentor, resolved + "role = 'a'\n")
    assert run("git", "commit").exit_code == 0  # the resolution, as `sync` commits it too
    for args in (("undo",), ("undo", "--yes")):
        result = run(*args)
        assert result.exit_code == 6
        assert "conflict markers" in result.stderr
        assert "<<<<<<<" not in mentor.read_text(encoding="utf-8")
