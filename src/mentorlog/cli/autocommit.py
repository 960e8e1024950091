"""The hook around every command: in a journal that keeps its history in git, commit what a
successful command changed, named by the command's words and the record ids it touched.

The commit is part of the locked change: it is made just before the command releases the
journal lock, so commands running at once each commit their own change and none finds another's
half-recorded. Every change to a journal is made under its lock. The recorder is handed down:
the CLI gives it to the journal it opens for the command (cli/context.py), as that journal's
history (journal/writer.py `History`); nothing below the CLI knows of it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mentorlog.errors import MentorlogError
from mentorlog.git import repo as gitsync
from mentorlog.git.repo import Watch


@dataclass(slots=True)
class Recorder:
    """Commits a command's changes to the journal at `watched.root` as they are made (that
    journal's history); a failure to commit is kept for the end, so the command still says
    what it did."""

    watched: Watch
    failure: MentorlogError | None = None

    def keeps(self, root: Path) -> bool:
        """Whether this is the history of the journal at `root`."""
        return root.resolve() == self.watched.root.resolve()

    def change_started(self) -> None:
        # Fails before anything is written: a journal that keeps history and cannot reach git
        # changes nothing.
        gitsync.section_started(self.watched)

    def change_succeeded(self) -> None:
        if self.failure is not None:
            return
        try:
            gitsync.section_ending(self.watched)
        except MentorlogError as exc:
            self.failure = exc


# Commands that never change the journal, and must work when it cannot be found (a broken
# config file is fixed with the help of `config path`).
NOT_IN_THE_JOURNAL = frozenset({"config"})


def watch(args: list[str]) -> Recorder | None:
    """Before the command runs; None (and no git call) unless there is history to keep.
    Otherwise the recorder to give to the journal the command opens."""
    if os.environ.get("_MENTORLOG_COMPLETE") or "--help" in args or "-h" in args:
        return None
    dir_option, words = command_words(args)
    if not words or words[0] in NOT_IN_THE_JOURNAL:
        return None
    from mentorlog.journal import location

    watched = gitsync.watch(Path(location.locate(dir_option)), words)
    return None if watched is None else Recorder(watched)


def raise_failure(recorder: Recorder) -> None:
    """After the command succeeded: a commit that failed is raised, saying the change is kept."""
    exc = recorder.failure
    if exc is None:
        return
    exc.message = f"the change was saved, but not committed to git: {exc.message}"
    raise exc


def command_words(args: list[str]) -> tuple[str | None, list[str]]:
    """The --dir given before the command, and the command's own words (`session new`), taken
    only when they are names of commands: user text never reaches a commit message."""
    from mentorlog.cli import command_table, option_table

    root = option_table.parse(args, option_table.GLOBAL, interspersed=False)
    if root is None or root.values.get("version"):
        return None, []
    dir_option = root.values.get("directory")
    assert dir_option is None or isinstance(dir_option, str)
    rest = root.words
    if not rest or rest[0] not in command_table.COMMANDS:
        return dir_option, []
    inner = getattr(command_table.load(rest[0]), "commands", {})
    return dir_option, rest[:2] if len(rest) > 1 and rest[1] in inner else rest[:1]
