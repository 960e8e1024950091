"""Changing a journal's files safely: change sets made all or none, the history a locked
change is recorded in, and a rewritten file keeping its own mode and form.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

from mentorlog.domain.records import record
from mentorlog.errors import (
    StorageError,
)
from mentorlog.journal import files as fsutil

ENV_LOCK_TIMEOUT = "MENTORLOG_LOCK_TIMEOUT"


class ChangeSet:
    """Files to change as one: `Journal.apply` makes all of the changes or none. A command that
    changes several files stages each here, then applies them under one hold of the lock.
    Texts are given with "\n" line ends; a rewritten file keeps its own form (see lineform)."""

    __slots__ = ("steps",)

    def __init__(self) -> None:
        # (path, new text or None to delete, the file as read or None for a new file)
        self.steps: list[tuple[Path, str | None, RecordFile | None]] = []

    def create(self, path: Path, text: str) -> ChangeSet:
        self._check_new(path)
        self.steps.append((path, text, None))
        return self

    def replace(self, record: RecordFile, text: str) -> ChangeSet:
        self._check_new(record.path)
        self.steps.append((record.path, text, record))
        return self

    def delete(self, record: RecordFile) -> ChangeSet:
        self._check_new(record.path)
        self.steps.append((record.path, None, record))
        return self

    def creates(self, path: Path) -> bool:
        return any(step[0] == path and step[2] is None for step in self.steps)

    def _check_new(self, path: Path) -> None:
        if any(step[0] == path for step in self.steps):
            raise ValueError(f"{path} is changed twice in one change set")


@record
class RecordFile:
    """A record file as read for a change: the exact bytes, so a later write can tell whether
    someone else changed the file in between."""

    path: Path
    rel: str
    raw: bytes
    text: str
    data: dict[str, Any]
    head: str
    body: str


class History(Protocol):
    """Where a journal's changes are recorded as they are made (its history in git), given to
    the `Journal` by whoever opens it: told when a change has taken the journal's lock, and,
    when the change succeeded, just before the lock is released, so the change is recorded
    while no other command can touch the journal."""

    def change_started(self) -> None: ...

    def change_succeeded(self) -> None: ...


def writable_mode(record: RecordFile) -> int:
    """The mode a rewritten file keeps: its own. A file without its owner's write bit is
    refused (nothing is written)."""
    import stat

    try:
        mode = stat.S_IMODE(os.stat(record.path).st_mode)
    except OSError as exc:
        raise StorageError(
            f"could not read {record.rel}: {fsutil.describe_os_error(exc)}",
            "check its permissions; nothing was changed",
        ) from None
    if not mode & stat.S_IWUSR:
        raise StorageError(
            f"{record.rel} is read-only",
            "make it writable (chmod u+w) to change it; nothing was changed",
        )
    return mode


def in_own_form(record: RecordFile, text: str) -> bytes:
    """`text` in the form of the file it replaces: mark, each line's ending, final newline."""
    from mentorlog.journal import lineform

    try:
        original = record.raw.decode("utf-8")
    except UnicodeDecodeError:
        return text.encode("utf-8")  # read() only returns decodable files; be safe anyway
    return lineform.restore(original, text).encode("utf-8")
