"""Two commands at once. Several processes add sessions, actions, goal progress, thanks and
mentors to the same journal at the same moment; afterwards every one of their records is there,
once, in a file that parses. A lock held by a process that was killed does not block the next
command, and an editor left open does not hold the lock (nor overwrite what changed meanwhile).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from reliability_support import (
    assert_every_record_parses,
    child_env,
    make_private,
    mentorlog_process,
    temp_files,
)

from mentorlog.journal.storage import Journal

WORKERS = 8
STEPS = 25

# One process: STEPS commands through the real entry point, in a loop (start-up paid once).
WORKER = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from mentorlog.__main__ import main

    worker, steps = int(sys.argv[1]), int(sys.argv[2])
    last_session = None
    for step in range(steps):
        tag = f"w{worker}-s{step}"
        kind = step % 5
        if kind == 0:
            args = ["session", "new", "-m", "shared", "--notes", f"note {tag}",
                    "--action", f"act {tag}", "--no-edit", "--json"]
        elif kind == 1:
            args = ["goal", "progress", "shared-goal", f"progress {tag}"]
        elif kind == 2:
            args = ["action", "done", f"{last_session}#1", "--note", f"done {tag}"]
        elif kind == 3:
            args = ["thank", "shared", "--note", f"thanks {tag}", "--how", "email", "--json"]
        else:
            args = ["mentor", "add", f"Person {worker} {step}", "--allow-same-name"]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
        if code != 0:
            print(f"FAILED {args}: {code} {err.getvalue()}", file=sys.stderr)
            sys.exit(1)
        if kind == 0:
            last_session = json.loads(out.getvalue())["id"]
    """
)


def _start_journal(root: Path, env: dict[str, str]) -> None:
    assert mentorlog_process(["mentor", "add", "Shared Mentor"], env).returncode == 0
    # `shared` is a prefix of the mentor's id; the goal's id is made from its title.
    assert mentorlog_process(["goal", "add", "Shared goal"], env).returncode == 0


@pytest.mark.slow
def test_many_processes_writing_at_once_lose_nothing_and_duplicate_no_id(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    env = child_env(root, tmp_path / "cache")
    _start_journal(root, env)

    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(worker), str(STEPS)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(WORKERS)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err

    assert_every_record_parses(root)
    assert temp_files(root) == []
    snapshot = Journal(root).load()
    assert snapshot.problems == []

    tags = [f"w{w}-s{s}" for w in range(WORKERS) for s in range(STEPS)]
    expect = {kind: {t for t in tags if int(t.split("-s")[1]) % 5 == kind} for kind in range(5)}

    notes = Counter(p.note for p in snapshot.goals["shared-goal"].progress)
    assert notes == Counter(f"progress {t}" for t in expect[1])

    bodies = {s.id: Journal(root).path_for("session", s.id).read_text() for s in snapshot.sessions}
    for tag in expect[0]:
        holding = [sid for sid, text in bodies.items() if f"note {tag}\n" in text]
        assert len(holding) == 1, f"session {tag} is missing or duplicated"
        session = snapshot.session(holding[0])
        assert session is not None
        # the action was ticked by the worker's next step, with its own note
        step = int(tag.split("-s")[1])
        if step + 2 < STEPS:
            done_tag = tag.split("-s")[0] + f"-s{step + 2}"
            assert [a.outcome for a in session.actions] == [f"done {done_tag}"]
    thanks = [s for s in snapshot.sessions if s.kind == "thanks"]
    assert len(thanks) == len(expect[3])
    assert sum(f"thanks {t}" in bodies[s.id] for s in thanks for t in expect[3]) == len(expect[3])

    names = Counter(m.name for m in snapshot.mentors.values())
    for tag in expect[4]:
        worker, step = tag[1:].split("-s")
        assert names[f"Person {worker} {step}"] == 1
    ids = [s.id for s in snapshot.sessions] + list(snapshot.mentors) + list(snapshot.goals)
    assert len(ids) == len(set(ids))
    assert len(snapshot.sessions) == len(expect[0]) + len(expect[3])


def _hold_lock_then_wait(root: Path) -> int:
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.close(ready_r)
            with Journal(root).lock():
                os.write(ready_w, b"x")
                time.sleep(60)
        finally:
            os._exit(0)
    os.close(ready_w)
    assert os.read(ready_r, 1) == b"x"
    os.close(ready_r)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_lock_held_by_a_killed_process_does_not_block_the_next_command(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "1")
    pid = _hold_lock_then_wait(example_dir)
    try:
        busy = run("goal", "progress", "learn-to-delegate", "while locked")
        assert busy.exit_code == 7
        assert busy.stderr.count("\n") == 1
        assert "another mentorlog command" in busy.stderr
        assert "while locked" not in (example_dir / "goals/learn-to-delegate.toml").read_text()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    # No waiting allowed: a lock still held would fail this command at once (exit 7).
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "0")
    result = run("goal", "progress", "learn-to-delegate", "after the kill")
    assert result.exit_code == 0, result.stderr
    assert "after the kill" in (example_dir / "goals/learn-to-delegate.toml").read_text()


SLOW_EDITOR = """#!/bin/sh
# Signal that the editor is open, wait while someone else changes the file, then save.
touch "$MARKER"
while [ ! -e "$MARKER.go" ]; do sleep 0.05; done
printf '\\nwritten_in_the_editor = "kept"\\n' >> "$1"
"""


def test_an_open_editor_holds_no_lock_and_never_overwrites_a_change_made_meanwhile(
    example_dir: Path, tmp_path: Path
) -> None:
    make_private(example_dir)
    editor = tmp_path / "slow-editor"
    editor.write_text(SLOW_EDITOR)
    editor.chmod(0o700)
    marker = tmp_path / "editor-open"
    env = child_env(
        example_dir,
        tmp_path / "cache",
        EDITOR=str(editor),
        MARKER=str(marker),
        MENTORLOG_LOCK_TIMEOUT="2",
    )
    mentor_file = example_dir / "mentors/helen-achterberg.toml"

    editing = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "mentor", "edit", "helen"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline, "the editor never opened"
        time.sleep(0.05)

    # While the editor is open, another command changes the same file, without waiting.
    other = mentorlog_process(["mentor", "set", "helen", "--role", "Changed meanwhile"], env)
    assert other.returncode == 0, other.stderr
    changed = mentor_file.read_bytes()

    Path(f"{marker}.go").touch()
    _, err = editing.communicate(timeout=30)

    assert editing.returncode == 6, err
    assert "changed on disk" in err and ".recovery/" in err
    assert mentor_file.read_bytes() == changed
    assert b"Changed meanwhile" in changed and b"written_in_the_editor" not in changed
    kept = list((example_dir / ".recovery").iterdir())
    assert len(kept) == 1
    assert 'written_in_the_editor = "kept"' in kept[0].read_text()
    assert not list(example_dir.glob(".edit-*"))


def test_two_commands_creating_the_same_id_both_succeed_under_different_ids(
    tmp_path: Path,
) -> None:
    root = tmp_path / "journal"
    env = child_env(root, tmp_path / "cache")
    _start_journal(root, env)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mentorlog",
                "session",
                "new",
                "-m",
                "shared",
                "--notes",
                f"same day {n}",
                "--no-edit",
                "--json",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    made = []
    for process in runs:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        made.append(json.loads(out)["id"])
    assert sorted(made) == sorted(
        ["2026-11-23-shared-mentor"] + [f"2026-11-23-shared-mentor-{n}" for n in (2, 3, 4)]
    )
