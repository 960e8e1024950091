"""Running the user's editor on a piece of text. Plain Python; no terminal library.

The text is written to a private temporary file inside the journal folder (never a shared temp
folder: the notes are confidential), the editor runs, and the file is removed afterwards. What
the editor saved is returned, or carried by the error, as the exact bytes on disk: deciding
whether they are acceptable text, and keeping them when they are not, is the caller's job.

Signals are handled only while the editor runs. Ctrl-C reaches the editor too (it shares the
terminal's process group), so mentorlog waits for it to exit and then stops; a second Ctrl-C,
a closed terminal (SIGHUP) or SIGTERM stop mentorlog at once, with whatever the file holds.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from mentorlog.errors import ExternalToolError, Interrupted, UsageError
from mentorlog.journal.files import EDIT_PREFIX
from mentorlog.user.environment import shown

STOPPING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
_EDITOR_HINT = "set ${name} to an editor such as nano or 'code --wait', or unset it"


def configured_editor() -> list[str] | None:
    """The editor command in $VISUAL, else $EDITOR; None when neither is set. One that is set
    but blank or unreadable is refused by name, rather than quietly replaced by vi."""
    blank: str | None = None
    for name in ("VISUAL", "EDITOR"):
        raw = os.environ.get(name)
        if raw is None:
            continue
        if not raw.strip():
            blank = blank or name
            continue
        try:
            parts = shlex.split(raw)
        except ValueError:
            parts = []
        if not parts or not parts[0]:
            raise UsageError(
                f"${name}={shown(raw)} is not an editor command", _EDITOR_HINT.format(name=name)
            )
        return parts
    if blank is not None:
        raise UsageError(f"${blank} is set but empty", _EDITOR_HINT.format(name=blank))
    return None


def editor_command() -> list[str]:
    return configured_editor() or ["vi"]


def edit(initial: bytes, folder: Path, suffix: str) -> bytes:
    """Let the person edit `initial`; return the bytes they saved."""
    from mentorlog.journal.files import FILE_MODE

    name = f"{EDIT_PREFIX}{os.getpid()}-{os.urandom(4).hex()}{suffix}"
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(initial)
        command = editor_command()
        try:
            code = run_and_wait([*command, str(path)])
        except FileNotFoundError:
            raise ExternalToolError(
                f"the editor {command[0]!r} was not found", "set $EDITOR to an editor you have"
            ) from None
        except _Stop as stop:
            raise EditorInterrupted(_saved(path), stop.signum) from None
        except KeyboardInterrupt:
            raise EditorInterrupted(_saved(path), signal.SIGINT) from None
        saved = _saved(path)
        if saved is None:
            raise EditorFailed(None, "the editor removed the file it was editing")
        if code != 0:
            raise EditorFailed(saved, f"the editor exited with status {code}")
        return saved
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def run_and_wait(command: list[str]) -> int:
    """Run the editor and return its exit code; raises _Stop (or KeyboardInterrupt) when
    mentorlog must stop. The handlers are in place before the editor starts, so a signal it
    sends at once is not missed; the editor itself starts with the default ones."""
    interrupted: list[int] = []

    def on_interrupt(signum: int, _frame: FrameType | None) -> None:
        if interrupted:
            raise _Stop(signum)  # a second Ctrl-C: the editor did not go away
        interrupted.append(signum)

    def on_stop(signum: int, _frame: FrameType | None) -> None:
        raise _Stop(signum)

    with _handlers({signal.SIGINT: on_interrupt, **dict.fromkeys(STOPPING_SIGNALS, on_stop)}):
        code = wait_for_editor(subprocess.Popen(command))
    if interrupted:
        raise _Stop(interrupted[0])
    return code


def wait_for_editor(process: subprocess.Popen[bytes]) -> int:
    return process.wait()


@contextlib.contextmanager
def _handlers(handlers: dict[signal.Signals, signal._HANDLER]) -> Iterator[None]:
    previous: dict[signal.Signals, signal._HANDLER] = {}
    try:
        for signum, handler in handlers.items():
            previous[signum] = signal.signal(signum, handler)
    except ValueError:
        pass  # not the main thread: signals cannot be caught here, and are not ours to catch
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _saved(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class _Stop(Exception):  # a signal caught while the editor runs, not an error
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class EditorFailed(ExternalToolError):
    """The editor failed; the bytes it left (None when there are none) are carried so they can
    be kept."""

    def __init__(self, saved: bytes | None, message: str) -> None:
        super().__init__(message, None)
        self.saved = saved


class EditorInterrupted(Interrupted):
    """A signal stopped mentorlog while the editor was open; carries what the file held."""

    def __init__(self, saved: bytes | None, signum: int) -> None:
        name = {signal.SIGINT: "interrupted", signal.SIGHUP: "the terminal closed"}.get(
            signal.Signals(signum), f"stopped by {signal.Signals(signum).name}"
        )
        super().__init__(signum, f"{name} while the editor was open", None)
        self.saved = saved
