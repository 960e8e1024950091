"""Crash mid-write: a child process changes the journal in a loop and is killed with SIGKILL at
random moments, hundreds of times. SIGKILL cannot be caught, so no clean-up code runs: what is
on disk afterwards is exactly what a power cut or an OOM kill would leave.

After every kill: every record parses, each file holds one complete version (old or new, never a
mix), the lock is free for the next command, and no temporary file is read as a record. At the
end `mentorlog doctor` names every leftover temporary file and nothing else.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from reliability_support import (
    assert_every_record_parses,
    child_env,
    doctor_problems,
    temp_files,
)

from mentorlog.journal import files as fsutil
from mentorlog.journal.layout import LOCK_FILE
from mentorlog.journal.storage import Journal
from mentorlog.services import goals, journal, mentors, sessions

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL"),
]

KILLS = 200
TODAY = date(2026, 11, 23)
# Big enough that a kill often lands while the temporary file is being written.
PAD = "the quick brown fox jumps over the lazy dog\n" * 2_500
GOAL_ID = "survive-crashes"
MENTOR_ID = "crash-test"
BIG_MENTOR = "mentors/rewrite-me.toml"
END_MARK = "END-OF-NOTE"


def big_mentor_text(version: int) -> str:
    """Version `version` of a large file; any mix of two versions fails `check_big_mentor`."""
    return (
        f'name = "Rewrite Me"\nversion = {version}\n'
        f'background = """\n{version}\n{PAD}{version}\n"""\nend = {version}\n'
    )


def check_big_mentor(root: Path) -> int:
    import tomllib

    text = (root / BIG_MENTOR).read_text()
    version = tomllib.loads(text)["version"]
    assert text == big_mentor_text(version), "the file mixes two versions"
    return int(version)


def make_journal(root: Path) -> Journal:
    target = Journal(root)
    journal.init(target)
    mentors.add(target, TODAY, mentors.NewMentor(name="Crash Test"))
    goals.add(target, TODAY, goals.NewGoal(title="Survive crashes"))
    (root / BIG_MENTOR).write_text(big_mentor_text(0))
    return target


def writer_loop(root: Path, seed: int) -> None:
    """What the child does until it is killed: each step reads the state from disk, so a
    restarted child carries on where the killed one stopped."""
    target = Journal(root)
    rng = random.Random(seed)
    while True:
        step = rng.randrange(3)
        if step == 0:
            with target.lock():
                record = target.read(root / BIG_MENTOR)
                version = int(record.data["version"])
                target.replace(record, big_mentor_text(version + 1))
        elif step == 1:
            done = len(target.load().goals[GOAL_ID].progress)
            goals.add_progress(target, GOAL_ID, TODAY, f"step {done}")
        else:
            number = len(target.load().sessions)
            sessions.record(
                target,
                TODAY,
                sessions.NewSession(
                    mentor=MENTOR_ID,
                    date=TODAY,
                    notes=f"note {number}\n{PAD[:20_000]}{END_MARK} {number}",
                    actions=(f"follow up {number}",),
                ),
            )


def run_child(root: Path, seed: int) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        try:
            writer_loop(root, seed)
        finally:
            os._exit(0)
    return pid


def check_journal(root: Path) -> None:
    check_big_mentor(root)
    target = Journal(root)
    snapshot = target.load()
    assert snapshot.problems == []
    notes = [p.note for p in snapshot.goals[GOAL_ID].progress]
    assert notes == [f"step {n}" for n in range(len(notes))], "a progress entry was lost"
    for session in snapshot.sessions:
        assert "tmp" not in session.id
        text = target.path_for("session", session.id).read_text()
        number = text.split("\nnote ", 1)[1].split("\n", 1)[0]
        assert f"{END_MARK} {number}\n" in text, "a session was half-written"
        assert text.endswith(f"- [ ] follow up {number}\n"), "a session was half-written"
    # The kernel dropped the dead child's lock: taking it must not wait.
    with fsutil.exclusive_lock(root / LOCK_FILE, timeout=0.5):
        pass


def test_killing_a_writer_at_random_moments_never_loses_or_half_writes_a_record(
    tmp_path: Path,
) -> None:
    root = tmp_path / "journal"
    make_journal(root)
    rng = random.Random(20261123)
    for kill in range(KILLS):
        pid = run_child(root, seed=kill)
        time.sleep(rng.uniform(0.001, 0.12))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        check_journal(root)

    assert_every_record_parses(root)
    assert check_big_mentor(root) > 0, "the child never got to write"
    final = Journal(root).load()
    assert final.sessions and final.goals[GOAL_ID].progress, "the child never got to write"
    leftovers = set(temp_files(root))
    problems = doctor_problems(root)
    reported = {p["path"] for p in problems if "interrupted write" in str(p["problem"])}
    assert reported == leftovers
    assert [p for p in problems if p["path"] not in leftovers] == []


def test_killing_the_real_command_mid_run_leaves_old_or_new_file(tmp_path: Path) -> None:
    """The same through `mentorlog goal progress` in its own process (start-up included)."""
    root = tmp_path / "journal"
    make_journal(root)
    env = child_env(root, tmp_path / "cache")
    rng = random.Random(7)
    for attempt in range(20):
        before = [p.note for p in Journal(root).load().goals[GOAL_ID].progress]
        child = subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "goal", "progress", GOAL_ID, f"run {attempt}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert_every_record_parses(root)
        after = [p.note for p in Journal(root).load().goals[GOAL_ID].progress]
        assert after in (before, [*before, f"run {attempt}"])
