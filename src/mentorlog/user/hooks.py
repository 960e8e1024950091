"""Programs the person keeps in `hooks/` beside their config file, run after something
happens: `session-new`, `reflection-new`, `action-done`, `due`. A hook gets the record as JSON
on stdin (what the command's --json prints), with a time limit; whatever goes wrong is a
one-line warning, never the command's failure.

Only the person's own config folder is trusted. A journal is often synced from elsewhere, so
nothing inside it ever runs: not a hooks/ folder in it, not a hook that is (or links to) a
file in it, not a config folder that lies in it. A command without hooks pays one `lstat`."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.errors import UsageError
from mentorlog.user import config as userconfig
from mentorlog.user import environment as envvars

if TYPE_CHECKING:
    import subprocess

EVENTS = ("session-new", "reflection-new", "action-done", "due")
FOLDER = "hooks"
ENV_TIMEOUT = "MENTORLOG_HOOK_TIMEOUT"
# Set for a hook's process: the mentorlog commands a hook runs run no hooks of their own, so a
# session-new hook that records a session cannot call itself without end.
ENV_RUNNING = "MENTORLOG_HOOK"
DEFAULT_TIMEOUT = 10.0


def place(event: str) -> Path:
    """Where the hook for `event` is (whether or not it exists)."""
    return Path(userconfig.folder()) / FOLDER / event


def run(event: str, journal_root: Path, payload: Callable[[], str]) -> list[str]:
    """Run the hook for `event`, if there is one, with `payload()` (JSON) on stdin. Returns
    the lines to show on stderr: what the hook printed, then a warning if it was not run or
    failed."""
    if os.environ.get(ENV_RUNNING):
        return []
    hook = place(event)
    try:
        found = os.lstat(hook)
    except OSError:
        return []
    refused = _refusal(hook, found, journal_root)
    if refused:
        return [f"mentorlog: warning: hook {event} not run: {refused}"]
    try:
        limit = envvars.seconds(ENV_TIMEOUT, DEFAULT_TIMEOUT)
    except UsageError as exc:
        return [f"mentorlog: warning: hook {event} not run: {exc}"]
    return _run(event, hook.resolve(), journal_root, payload(), limit)


def _refusal(hook: Path, found: os.stat_result, journal_root: Path) -> str | None:
    """Why the hook must not run, or None."""
    journal = _real(journal_root)
    target = _real(hook)
    if _inside(_real(hook.parent), journal):
        return f"{hook.parent} is inside the journal {journal_root}, whose files never run"
    if stat.S_ISLNK(found.st_mode) and _inside(target, journal):
        return f"it links into the journal {journal_root}, whose files never run"
    try:
        target_mode = os.stat(target).st_mode
    except OSError as exc:
        return f"{hook} cannot be read ({exc.strerror})"
    if not stat.S_ISREG(target_mode):
        return f"{hook} is not a file"
    if not os.access(target, os.X_OK):
        return f"{hook} is not executable (chmod +x it to run it)"
    return None


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _run(event: str, program: Path, journal_root: Path, data: str, limit: float) -> list[str]:
    import subprocess

    env = {
        **os.environ,
        "MENTORLOG_EVENT": event,
        "MENTORLOG_DIR": str(journal_root),
        ENV_RUNNING: event,
    }
    try:
        process = subprocess.Popen(
            [str(program)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=journal_root if journal_root.is_dir() else None,
            env=env,
            start_new_session=True,  # so a timeout stops what the hook started too
        )
    except OSError as exc:
        return [f"mentorlog: warning: hook {event} could not start ({exc.strerror})"]
    try:
        said, _ = process.communicate(data.encode("utf-8"), timeout=limit)
    except subprocess.TimeoutExpired:
        _stop(process)
        try:
            said, _ = process.communicate(timeout=1)
        except subprocess.TimeoutExpired:  # something it started keeps the pipe open
            said = b""
        return [*_lines(said), f"mentorlog: warning: hook {event} stopped after {limit:g} s"]
    lines = _lines(said)
    if process.returncode != 0:
        lines.append(f"mentorlog: warning: hook {event} failed (exit status {process.returncode})")
    return lines


def _stop(process: subprocess.Popen[bytes]) -> None:
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            import signal

            killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        process.kill()


def _lines(said: bytes | None) -> list[str]:
    text = (said or b"").decode("utf-8", "replace")
    return [f"hook: {line}" for line in text.splitlines() if line.strip()]
