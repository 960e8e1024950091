"""Ctrl-C anywhere ends mentorlog the same way: one line on stderr, exit 130, nothing written.
A command is interrupted while it waits for the journal's lock, held by another process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorlog.cli import exits
from mentorlog.journal.layout import LOCK_FILE
from mentorlog.journal.storage import Journal

SRC = Path(__file__).resolve().parent.parent / "src"
INTERRUPTED = "mentorlog: interrupted; nothing was written\n"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc/self/fd").is_dir(),
    reason="needs fork and /proc to see the command waiting for the lock",
)


@pytest.fixture
def lock_held(example_dir: Path) -> Iterator[Path]:
    """The example journal, its lock held by another process until the test ends."""
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.close(ready_r)
            with Journal(example_dir).lock():
                os.write(ready_w, b"x")
                time.sleep(120)
        finally:
            os._exit(0)
    os.close(ready_w)
    assert os.read(ready_r, 1) == b"x"
    os.close(ready_r)
    try:
        yield example_dir
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _waits_for_lock(pid: int, lock: Path) -> bool:
    """Whether process `pid` has the journal's lock file open (it is then in the lock's loop)."""
    try:
        links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:
        return False
    return str(lock) in links


def _interrupt_while_waiting(root: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MENTORLOG_")},
        "MENTORLOG_DIR": str(root),
        "MENTORLOG_CACHE_DIR": str(root.parent / "cache"),
        "MENTORLOG_TODAY": "2026-11-23",
        "MENTORLOG_LOCK_TIMEOUT": "100",
        "PYTHONPATH": str(SRC),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(3000):  # bounded; each check sleeps 10 ms
            if _waits_for_lock(child.pid, root / LOCK_FILE) or child.poll() is not None:
                break
            time.sleep(0.01)
        assert child.poll() is None, child.communicate()
        assert _waits_for_lock(child.pid, root / LOCK_FILE)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != LOCK_FILE
    }


@pytest.mark.parametrize(
    "args",
    [
        # The full CLI (typer): each of these is a typer command.
        ["goal", "progress", "learn-to-delegate", "while locked"],
        ["mentor", "add", "Interrupted Person"],
        ["session", "new", "-m", "helen", "--notes", "while locked", "--no-edit"],
        ["thank", "helen", "--note", "while locked", "--how", "email"],
        # The fast path answers `session new` with its text on the command line.
        ["session", "new", "-m", "helen", "--notes", "while locked"],
    ],
    ids=["goal-progress", "mentor-add", "session-new-full", "thank", "session-new-fast"],
)
def test_ctrl_c_while_waiting_for_the_lock_says_one_line_and_exits_130(
    lock_held: Path, args: list[str]
) -> None:
    before = _files(lock_held)
    result = _interrupt_while_waiting(lock_held, args)
    assert result.returncode == 130, result.stderr
    assert result.stderr == INTERRUPTED
    assert result.stdout == ""
    assert _files(lock_held) == before


def test_ctrl_c_at_a_question_is_an_interruption_not_a_refusal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Click turns Ctrl-C at a prompt into Abort, as it does an end of input; only the first
    is an interruption."""
    import typer

    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort() from None
    except typer.Abort as at_prompt:
        interrupted = at_prompt
    assert exits.exit_code(interrupted) == 130
    assert capsys.readouterr().err == INTERRUPTED

    assert exits.exit_code(typer.Abort()) == 1
    assert capsys.readouterr().err == "mentorlog: cancelled; nothing was written\n"
