"""The hook around every command: in a journal that keeps its history in git, commit what a
successful command changed, named by the command's words and the record ids it touched.

The commit is part of the locked change: it is made just before the command releases the
journal lock, so commands running at once each commit their own change and none finds another's
half-recorded. Every change to a journal is made under its lock."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from mentorlog.errors import MentorlogError
from mentorlog.git import repo as gitsync
from mentorlog.git.repo import Watch


@dataclass(slots=True)
class Recorder:
    """Commits a command's changes to the journal at `watched.root` as they are made (a lock
    watcher); a failure to commit is kept for the end, so the command still says what it did."""

    watched: Watch
    failure: MentorlogError | None = None

    def watches(self, root: Path) -> bool:
        return root.resolve() == self.watched.root.resolve()

    def locked(self) -> None:
        # Fails before anything is written: a journal that keeps history and cannot reach git
        # changes nothing.
        gitsync.section_started(self.watched)

    def unlocking(self) -> None:
        if self.failure is not None:
            return
        try:
            gitsync.section_ending(self.watched)
        except MentorlogError as exc:
            self.failure = exc


def watch(app: typer.Typer, args: list[str]) -> Recorder | None:
    """Before the command runs; None (and no git call) unless there is history to keep.
    Otherwise the recorder is watching the journal's lock until `stop`."""
    if os.environ.get("_MENTORLOG_COMPLETE") or "--help" in args or "-h" in args:
        return None
    dir_option, words = command_words(app, args)
    if not words:
        return None
    from mentorlog.journal import location, writer

    watched = gitsync.watch(Path(location.locate(dir_option)), words)
    if watched is None:
        return None
    recorder = Recorder(watched)
    writer.LOCK_WATCHERS.append(recorder)
    return recorder


def stop(recorder: Recorder) -> None:
    from mentorlog.journal import writer

    if recorder in writer.LOCK_WATCHERS:
        writer.LOCK_WATCHERS.remove(recorder)


def record(recorder: Recorder, report: Callable[[MentorlogError], None]) -> int:
    """After the command succeeded: the exit code to return (a commit that failed is said)."""
    exc = recorder.failure
    if exc is None:
        return 0
    exc.message = f"the change was saved, but not committed to git: {exc.message}"
    report(exc)
    return exc.exit_code


def command_words(app: typer.Typer, args: list[str]) -> tuple[str | None, list[str]]:
    """The --dir given before the command, and the command's own words (`session new`), taken
    only when they are names of registered commands: user text never reaches a commit message."""
    dir_option: str | None = None
    rest = list(args)
    while rest and rest[0].startswith("-"):
        name, has_value, value = rest[0].partition("=")
        if name not in ("--dir", "-d") or (not has_value and len(rest) < 2):
            return dir_option, []
        dir_option, rest = (value, rest[1:]) if has_value else (rest[1], rest[2:])
    if not rest:
        return dir_option, []
    commands = {_name(info.name, info.callback) for info in app.registered_commands}
    groups = {info.name: info.typer_instance for info in app.registered_groups}
    if rest[0] in commands:
        return dir_option, rest[:1]
    group = groups.get(rest[0])
    if group is None:
        return dir_option, []
    inner = {_name(info.name, info.callback) for info in group.registered_commands}
    return dir_option, rest[:2] if len(rest) > 1 and rest[1] in inner else rest[:1]


def _name(name: str | None, callback: Any) -> str:
    if name:
        return name
    return str(getattr(callback, "__name__", "")).lower().replace("_", "-")
