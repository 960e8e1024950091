"""Running the user's editor on a piece of text. Plain Python; no terminal library.

The text is written to a private temporary file inside the journal folder (never a shared temp
folder: the notes are confidential), the editor runs, and the file is always removed afterwards,
whether the edit succeeded, failed or was interrupted.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from pathlib import Path

from mentorlog.envvars import shown
from mentorlog.errors import ExternalToolError, UsageError

EDIT_PREFIX = ".edit-"
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


def edit(text: str, folder: Path, suffix: str) -> str:
    """Let the person edit `text`; return what they saved."""
    from mentorlog.journal.files import FILE_MODE

    name = f"{EDIT_PREFIX}{os.getpid()}-{os.urandom(4).hex()}{suffix}"
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        command = editor_command()
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError:
            raise ExternalToolError(
                f"the editor {command[0]!r} was not found", "set $EDITOR to an editor you have"
            ) from None
        edited = path.read_bytes()
        if result.returncode != 0:
            raise EditorFailed(edited.decode("utf-8", "replace"), result.returncode)
        return edited.decode("utf-8", "replace")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


class EditorFailed(ExternalToolError):
    """The editor exited with an error; what it saved is carried so it can be kept."""

    def __init__(self, text: str, code: int) -> None:
        super().__init__(f"the editor exited with status {code}", None)
        self.text = text
