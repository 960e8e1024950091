"""`mentorlog sync` between two machines sharing one bare remote: nothing from either side is
ever lost, the journal stays usable, and the person is told exactly what to resolve."""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Result
from git_helpers import (
    SECRET,
    forget_identity,
    git,
    git_environment,
    is_clean,
    messages,
    write,
)

SESSION = "sessions/2026/2026-11-23-ruth-castellanos.md"
SECOND = "sessions/2026/2026-11-23-ruth-castellanos-2.md"
MENTOR = "mentors/ruth-castellanos.toml"


@dataclass
class Machines:
    laptop: Path
    work: Path
    remote: Path
    run: Callable[..., Result]

    def on(self, machine: Path, *args: str) -> Result:
        return self.run("--dir", str(machine), *args)

    def sync(self, machine: Path) -> Result:
        return self.on(machine, "sync")

    def doctor_is_clean(self, machine: Path) -> bool:
        return self.on(machine, "doctor").exit_code == 0


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return git_environment(tmp_path, monkeypatch, identity=True)


@pytest.fixture
def machines(tmp_path: Path, run, home: Path, built_once) -> Machines:  # type: ignore[no-untyped-def]
    """The laptop starts the journal and pushes it; the work machine clones it."""
    remote = tmp_path / "remote.git"
    laptop = tmp_path / "laptop"
    both = Machines(laptop, tmp_path / "work", remote, run)

    def start() -> None:
        remote.mkdir()
        git(remote, "init", "--quiet", "--bare", "--initial-branch=main")
        assert both.on(laptop, "init", "--git").exit_code == 0
        assert both.on(laptop, "mentor", "add", "Ruth Castellanos").exit_code == 0
        assert (
            both.on(laptop, "goal", "add", "Learn to delegate", "--mentor", "ruth").exit_code == 0
        )
        assert both.on(laptop, "git", "remote", "add", "origin", str(remote)).exit_code == 0
        result = both.sync(laptop)
        assert result.exit_code == 0, result.stderr
        result = run("git", "clone", str(remote), str(both.work))
        assert result.exit_code == 0, result.stderr

    if built_once("two machines", tmp_path, ("remote.git", "laptop", "work"), start):
        for machine in (laptop, both.work):
            git(machine, "remote", "set-url", "origin", str(remote))
    return both


def _files(machine: Path) -> set[str]:
    return {
        path.relative_to(machine).as_posix()
        for path in machine.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(machine).parts
    }


def _text(machine: Path, rel: str) -> str:
    return (machine / rel).read_text(encoding="utf-8")


# --- the first sync ----------------------------------------------------------------------------


def test_the_first_sync_pushes_and_sets_up_tracking(machines):
    laptop = machines.laptop
    assert git(laptop, "rev-parse", "--abbrev-ref", "main@{upstream}").strip() == "origin/main"
    assert git(machines.remote, "rev-parse", "main") == git(laptop, "rev-parse", "main")


def test_the_first_sync_says_what_it_sent(run, tmp_path, home):
    remote = tmp_path / "r.git"
    remote.mkdir()
    git(remote, "init", "--quiet", "--bare")
    journal = tmp_path / "journal"
    run("init", "--git")
    run("git", "remote", "add", "origin", str(remote))
    result = run("sync")
    assert result.exit_code == 0, result.stderr
    assert "Sent 1 change to origin/main (tracking set up)" in result.stderr
    assert is_clean(journal)


def test_a_clone_is_a_working_journal_with_private_files(machines):
    result = machines.on(machines.work, "mentor", "list", "--json")
    assert [m["id"] for m in result.json()] == ["ruth-castellanos"]
    assert stat.S_IMODE((machines.work / MENTOR).stat().st_mode) == 0o600
    assert machines.doctor_is_clean(machines.work)


def test_clone_refuses_a_folder_that_is_not_empty(machines, tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine", encoding="utf-8")
    result = machines.run("git", "clone", str(machines.remote), str(taken))
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert sorted(p.name for p in taken.iterdir()) == ["keep.txt"]


def test_clone_of_an_unreachable_remote_is_a_clear_error(machines, tmp_path):
    result = machines.run("git", "clone", str(tmp_path / "nowhere.git"), str(tmp_path / "new"))
    assert result.exit_code == 9
    assert "could not clone" in result.stderr


def test_sync_with_nothing_new_says_up_to_date(machines):
    result = machines.sync(machines.laptop)
    assert result.exit_code == 0, result.stderr
    assert "Up to date with origin/main" in result.stderr


def test_sync_commits_hand_edits_first(machines):
    laptop = machines.laptop
    write(laptop / MENTOR, _text(laptop, MENTOR) + 'org = "Harbor Health"\n')
    result = machines.sync(laptop)
    assert result.exit_code == 0, result.stderr
    assert "hand edits: ruth-castellanos" in result.stderr
    assert is_clean(laptop)
    machines.sync(machines.work)
    assert 'org = "Harbor Health"' in _text(machines.work, MENTOR)


# --- changes to different records ----------------------------------------------------------


@pytest.mark.parametrize("first", ["laptop", "work"])
def test_changes_to_different_records_merge_cleanly(machines, first):
    laptop, work = machines.laptop, machines.work
    machines.on(laptop, "session", "new", "--mentor", "ruth", "--notes", "laptop notes")
    machines.on(work, "mentor", "add", "Marco Díaz")
    machines.on(work, "goal", "progress", "learn-to-delegate", "Handed off the report.")
    order = [laptop, work] if first == "laptop" else [work, laptop]
    for machine in [*order, order[0]]:
        result = machines.sync(machine)
        assert result.exit_code == 0, result.stderr
    assert _files(laptop) - {".mentorlog.lock"} == _files(work) - {".mentorlog.lock"}
    for machine in (laptop, work):
        assert (machine / SESSION).is_file()
        assert (machine / "mentors/marco-diaz.toml").is_file()
        assert "Handed off the report." in _text(machine, "goals/learn-to-delegate.toml")
        assert machines.doctor_is_clean(machine)
        assert is_clean(machine)


def test_edits_to_different_parts_of_one_record_merge(machines):
    laptop, work = machines.laptop, machines.work
    original = _text(laptop, MENTOR)
    write(laptop / MENTOR, 'role = "Director"\n' + original)
    write(work / MENTOR, original + 'org = "Harbor Health"\n')
    machines.sync(laptop)
    result = machines.sync(work)
    assert result.exit_code == 0, result.stderr
    text = _text(work, MENTOR)
    assert 'role = "Director"' in text and 'org = "Harbor Health"' in text
    assert machines.doctor_is_clean(work)


def test_received_files_stay_private(machines):
    machines.on(machines.work, "session", "new", "--mentor", "ruth", "--notes", "n")
    machines.on(machines.work, "reflect", "--session", "2026-11-23-ruth-castellanos")
    machines.sync(machines.work)
    machines.sync(machines.laptop)
    for path in (machines.laptop / "sessions").rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    assert machines.doctor_is_clean(machines.laptop)


# --- the same record changed on both machines ----------------------------------------------


@pytest.fixture
def conflicted(machines: Machines) -> Machines:
    """Both machines changed the same line of Ruth's file; the laptop synced first."""
    laptop, work = machines.laptop, machines.work
    assert machines.on(laptop, "mentor", "set", "ruth", "--role", "Laptop role").exit_code == 0
    assert machines.on(work, "mentor", "set", "ruth", "--role", "Work role").exit_code == 0
    assert machines.sync(laptop).exit_code == 0
    return machines


def test_the_same_record_changed_on_both_keeps_both_versions_and_names_the_file(conflicted):
    work = conflicted.work
    result = conflicted.sync(work)
    assert result.exit_code == 6
    assert MENTOR in result.stderr
    assert "conflict markers" in result.stderr
    text = _text(work, MENTOR)
    assert "Laptop role" in text and "Work role" in text
    assert "<<<<<<<" in text and ">>>>>>>" in text


def test_a_conflict_is_not_pushed_until_resolved(conflicted):
    before = git(conflicted.remote, "rev-parse", "main")
    conflicted.sync(conflicted.work)
    assert git(conflicted.remote, "rev-parse", "main") == before
    again = conflicted.sync(conflicted.work)
    assert again.exit_code == 6
    assert MENTOR in again.stderr


def test_the_journal_stays_usable_around_a_conflict(conflicted):
    work = conflicted.work
    conflicted.sync(work)
    listed = conflicted.on(work, "goal", "list", "--json")
    assert listed.exit_code == 0
    assert [g["id"] for g in listed.json()] == ["learn-to-delegate"]
    assert MENTOR in listed.stderr
    # Whom the conflicted file holds is not known: a new mentor waits for it, unless asked.
    refused = conflicted.on(work, "mentor", "add", "Marco Díaz")
    assert refused.exit_code == 5 and MENTOR in refused.stderr
    added = conflicted.on(work, "mentor", "add", "Marco Díaz", "--allow-same-name")
    assert added.exit_code == 0, added.stderr
    doctor = conflicted.on(work, "doctor")
    assert doctor.exit_code == 1
    assert MENTOR in doctor.stdout
    assert "conflict" in doctor.stdout


def test_after_resolving_the_conflict_sync_finishes_and_doctor_is_clean(conflicted):
    laptop, work = conflicted.laptop, conflicted.work
    conflicted.sync(work)
    lines = _text(work, MENTOR).splitlines()
    start, middle, end = (
        next(i for i, line in enumerate(lines) if line.startswith(mark))
        for mark in ("<<<<<<<", "=======", ">>>>>>>")
    )
    kept = lines[:start] + lines[middle + 1 : end] + lines[end + 1 :]
    write(work / MENTOR, "\n".join(kept) + "\n")
    result = conflicted.sync(work)
    assert result.exit_code == 0, result.stderr
    assert conflicted.doctor_is_clean(work)
    assert conflicted.sync(laptop).exit_code == 0
    assert _text(laptop, MENTOR) == _text(work, MENTOR)
    assert conflicted.doctor_is_clean(laptop)


def test_a_conflicting_note_is_kept_whole_on_both_sides(machines):
    laptop, work = machines.laptop, machines.work
    machines.on(laptop, "session", "new", "--mentor", "ruth", "--notes", "shared start")
    machines.sync(laptop)
    machines.sync(work)
    write(laptop / SESSION, _text(laptop, SESSION).replace("shared start", "laptop " + SECRET))
    write(work / SESSION, _text(work, SESSION).replace("shared start", "work version"))
    machines.on(laptop, "git", "commit")
    machines.sync(laptop)
    result = machines.sync(work)
    assert result.exit_code == 6
    text = _text(work, SESSION)
    assert "laptop " + SECRET in text and "work version" in text
    assert SECRET not in messages(work)
    assert SECRET not in result.stderr


# --- two sessions with the same id -----------------------------------------------------------


@pytest.mark.parametrize("first", ["laptop", "work"])
def test_same_day_sessions_from_both_machines_both_survive(machines, first):
    laptop, work = machines.laptop, machines.work
    machines.on(laptop, "session", "new", "--mentor", "ruth", "--notes", "from the laptop")
    machines.on(work, "session", "new", "--mentor", "ruth", "--notes", "from work")
    order = [laptop, work] if first == "laptop" else [work, laptop]
    assert machines.sync(order[0]).exit_code == 0
    result = machines.sync(order[1])
    assert result.exit_code == 0, result.stderr
    assert f"the other machine's is now {SECOND}" in result.stderr
    assert machines.sync(order[0]).exit_code == 0
    for machine in (laptop, work):
        notes = {_text(machine, SESSION), _text(machine, SECOND)}
        assert any("from the laptop" in n for n in notes)
        assert any("from work" in n for n in notes)
        assert machines.doctor_is_clean(machine)
        assert is_clean(machine)
    sessions = machines.on(laptop, "session", "list", "--json").json()
    assert len(sessions) == 2


def test_same_day_sessions_keep_numbering_past_existing_ones(machines):
    laptop, work = machines.laptop, machines.work
    machines.on(laptop, "session", "new", "--mentor", "ruth", "--notes", "one")
    machines.sync(laptop)
    machines.sync(work)
    machines.on(laptop, "session", "new", "--mentor", "ruth", "--notes", "laptop two")
    machines.on(work, "session", "new", "--mentor", "ruth", "--notes", "work two")
    machines.sync(laptop)
    result = machines.sync(work)
    assert result.exit_code == 0, result.stderr
    assert "2026-11-23-ruth-castellanos-3.md" in result.stderr
    texts = [_text(work, f"sessions/2026/2026-11-23-ruth-castellanos{s}.md") for s in ("-2", "-3")]
    assert any("laptop two" in t for t in texts) and any("work two" in t for t in texts)
    assert machines.doctor_is_clean(work)


# --- deleted on one side, changed on the other -----------------------------------------------


@pytest.fixture
def shared_session(machines: Machines) -> Machines:
    machines.on(machines.laptop, "session", "new", "--mentor", "ruth", "--notes", "first")
    machines.sync(machines.laptop)
    machines.sync(machines.work)
    return machines


@pytest.mark.parametrize("first", ["deleting", "editing"])
def test_a_record_deleted_on_one_side_and_changed_on_the_other_is_kept(shared_session, first):
    both = shared_session
    deleting, editing = both.laptop, both.work
    assert both.on(deleting, "session", "rm", "2026-11-23-ruth-castellanos", "--yes").exit_code == 0
    write(editing / SESSION, _text(editing, SESSION) + "\nAdded later: the edit to keep.\n")
    both.on(editing, "git", "commit")
    order = [deleting, editing] if first == "deleting" else [editing, deleting]
    assert both.sync(order[0]).exit_code == 0
    result = both.sync(order[1])
    assert result.exit_code == 0, result.stderr
    assert f"Kept {SESSION}" in result.stderr
    assert both.sync(order[0]).exit_code == 0
    for machine in (deleting, editing):
        assert "the edit to keep" in _text(machine, SESSION)
        assert both.doctor_is_clean(machine)


# --- failures are clear and never hang ---------------------------------------------------------


def test_sync_without_a_remote_says_how_to_add_one(run, journal_dir, home):
    run("init", "--git")
    result = run("sync")
    assert result.exit_code == 2
    assert "mentorlog git remote add origin URL" in result.stderr


def test_sync_without_history_says_how_to_start_it(run, journal_dir, home):
    run("init")
    result = run("sync")
    assert result.exit_code == 2
    assert "mentorlog git init" in result.stderr


def test_an_unreachable_remote_fails_with_a_clear_message(run, journal_dir, home, tmp_path):
    run("init", "--git")
    run("git", "remote", "add", "origin", str(tmp_path / "nowhere.git"))
    result = run("sync")
    assert result.exit_code == 9
    assert "could not reach the remote 'origin'" in result.stderr
    assert "Traceback" not in result.stderr


def test_sync_never_waits_for_a_password(run, journal_dir, home, tmp_path, monkeypatch):
    """An SSH remote whose ssh program records how it was started, then fails."""
    seen = tmp_path / "seen.txt"
    fake_ssh = tmp_path / "fake-ssh"
    fake_ssh.write_text(
        "#!/bin/sh\n"
        f'echo "prompt=$GIT_TERMINAL_PROMPT args=$*" > {seen}\n'
        "echo 'Permission denied (publickey).' >&2\nexit 255\n",
        encoding="utf-8",
    )
    fake_ssh.chmod(0o700)
    run("init", "--git")
    run("git", "remote", "add", "origin", "ssh://git@example.invalid/journal.git")
    monkeypatch.setenv("GIT_SSH_COMMAND", str(fake_ssh))
    result = run("sync")
    assert result.exit_code == 9
    assert "could not reach the remote 'origin'" in result.stderr
    assert "prompt=0" in seen.read_text(encoding="utf-8")


def test_the_remote_is_never_contacted_by_other_commands(machines):
    git(machines.laptop, "remote", "set-url", "origin", str(machines.remote.parent / "gone.git"))
    for args in (("mentor", "add", "Marco Díaz"), ("log",), ("undo",), ("git", "commit")):
        result = machines.on(machines.laptop, *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_sync_refuses_to_start_in_the_middle_of_a_git_merge(conflicted):
    work = conflicted.work
    git(work, "fetch", "--quiet", "origin")
    git(work, "merge", "origin/main", check=False)
    result = conflicted.sync(work)
    assert result.exit_code == 6
    assert "middle of a merge" in result.stderr


# --- no identity on the second machine ----------------------------------------------------------


def test_a_machine_without_a_git_identity_can_sync(machines, home):
    forget_identity(home)
    work = machines.work
    assert machines.on(work, "mentor", "add", "Marco Díaz").exit_code == 0
    result = machines.sync(work)
    assert result.exit_code == 0, result.stderr
    assert git(work, "config", "--local", "user.email").strip() == "mentorlog@localhost"
    assert machines.sync(machines.laptop).exit_code == 0
    assert (machines.laptop / "mentors/marco-diaz.toml").is_file()


def test_sync_messages_never_contain_note_text(machines):
    laptop, work = machines.laptop, machines.work
    machines.on(laptop, "session", "new", "--mentor", "ruth", "--notes", SECRET)
    machines.on(work, "session", "new", "--mentor", "ruth", "--notes", SECRET + " too")
    machines.sync(laptop)
    machines.sync(work)
    machines.sync(laptop)
    assert SECRET not in messages(laptop)
    assert SECRET not in messages(work)


def test_the_other_machines_reflection_follows_its_renamed_session(machines):
    laptop, work = machines.laptop, machines.work
    session_id = "2026-11-23-ruth-castellanos"
    for machine, words in ((laptop, "laptop"), (work, "work")):
        machines.on(machine, "session", "new", "--mentor", "ruth", "--notes", f"{words} call")
        result = machines.on(machine, "reflect", "--session", session_id, "--text", f"{words} ok")
        assert result.exit_code == 0, result.stderr
    machines.sync(laptop)
    result = machines.sync(work)
    assert result.exit_code == 0, result.stderr
    reflections = machines.on(work, "reflection", "list", "--json").json()
    sessions = {s["id"]: s for s in machines.on(work, "session", "list", "--json").json()}
    assert len(reflections) == 2 and len(sessions) == 2
    for reflection in reflections:
        session_text = _text(work, f"sessions/2026/{reflection['session']}.md")
        reflection_text = _text(work, f"reflections/2026/{reflection['id']}.md")
        side = "laptop" if "laptop ok" in reflection_text else "work"
        assert f"{side} call" in session_text
    assert machines.doctor_is_clean(work)
