"""The journal's history: turning git on, committing by hand, undoing mentorlog's last change,
and listing recent changes. Every change here happens under the journal lock."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorlog.errors import Conflict, NotFound, UsageError
from mentorlog.git import repo as gitsync
from mentorlog.git.repo import HistoryEntry
from mentorlog.journal import files as fsutil
from mentorlog.journal.storage import Journal

_FIELD = "\x1f"
_RECORD = "\x1e"
_LOG_FORMAT = (
    "%H%x1f%aI%x1f%an%x1f%s%x1f%P%x1f"
    f"%(trailers:key={gitsync.TRAILER},valueonly,separator=%x2c)%x1e"
)


def require_repository(journal: Journal) -> None:
    journal.require()
    if not gitsync.is_repository(journal.root):
        raise UsageError(
            f"the journal at {journal.root} keeps no history",
            "run `mentorlog git init` to keep it in git",
        )


def enable(journal: Journal) -> bool:
    """Make the journal a git repository that mentorlog commits to; commit what is there.
    True when the repository was created, False when it existed already."""
    journal.require()
    root = journal.root
    with journal.lock():
        created = not gitsync.is_repository(root)
        if created:
            gitsync.git(root, "init", "--quiet", f"--initial-branch={gitsync.DEFAULT_BRANCH}")
        write_ignore_file(journal)
        if not gitsync.is_enabled(root):
            _turn_setting_on(journal)
        paths = gitsync.committable(gitsync.status(root))
        text = gitsync.message("git init", paths)
        if created:
            # Two journals set up in the same second with the same settings would otherwise
            # make the same first commit, and sync would take them for one history.
            text += f"{gitsync.JOURNAL_TRAILER}: {os.urandom(8).hex()}\n"
        gitsync.commit_all(root, text)
    return created


def write_ignore_file(journal: Journal) -> None:
    """Add any of mentorlog's lines missing from .gitignore, keeping the person's own."""
    path = journal.root / gitsync.IGNORE_FILE
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    except (OSError, UnicodeDecodeError):
        raise UsageError(
            f"could not read {gitsync.IGNORE_FILE}", "fix or remove it and try again"
        ) from None
    text = gitsync.ignore_text(existing)
    if text is not None:
        fsutil.write_atomic(path, text.encode("utf-8"), label=gitsync.IGNORE_FILE)


def _turn_setting_on(journal: Journal) -> None:
    from mentorlog.journal import schema
    from mentorlog.services.records import update_toml_record

    def check(data: dict[str, Any], text: str) -> None:
        schema.settings(data, gitsync.SETTINGS_FILE, text)

    update_toml_record(journal, journal.settings_path, {"git": True}, check)


def commit(journal: Journal, text: str | None) -> str | None:
    """Commit every uncommitted change (hand edits). Returns the message's first line, or None
    when there was nothing to commit. A message of your own is used as given, once it is
    checked like every typed text: `git log` prints it to a terminal as it is."""
    from mentorlog.services.records import clean_text

    text = clean_text(text, "the commit message")
    require_repository(journal)
    with journal.lock():
        changes = gitsync.status(journal.root)
        unresolved = [c.path for c in changes if c.unmerged]
        if unresolved:
            raise Conflict(
                f"git is in the middle of a merge ({', '.join(unresolved)} unresolved)",
                "finish or abort it with `mentorlog git merge --abort` first",
            )
        paths = gitsync.committable(changes)
        if text is not None:
            body = f"{text.strip()}\n\n{gitsync.TRAILER}: git commit\n"
        else:
            body = gitsync.message("hand edits", paths)
        if not gitsync.commit_all(journal.root, body):
            return None
        return body.split("\n", 1)[0]


def entries(journal: Journal, limit: int) -> list[HistoryEntry]:
    """The most recent commits, newest first."""
    if limit < 1:
        raise UsageError("--limit must be at least 1", "give a positive number")
    require_repository(journal)
    if not gitsync.has_commits(journal.root):
        return []
    output = gitsync.git(
        journal.root, "log", f"--max-count={limit}", f"--format={_LOG_FORMAT}"
    ).stdout.decode("utf-8", "replace")
    found: list[HistoryEntry] = []
    for chunk in output.split(_RECORD):
        fields = chunk.strip("\n").split(_FIELD)
        if len(fields) < 6:
            continue
        commit, when, author, subject, parents, command = fields[:6]
        found.append(
            HistoryEntry(
                commit=commit,
                date=when,
                author=author,
                subject=subject,
                command=command.split(",")[-1].strip() or None,
                parents=len(parents.split()),
            )
        )
    return found


def undo(journal: Journal, confirm: Callable[[str], bool]) -> HistoryEntry:
    """Revert mentorlog's last change with a new commit (so the undone change stays in the
    history). Returns the entry that was undone.

    Only what the last command changed is taken back without a question: hand edits the commit
    bundled need `confirm` (uncommitted changes are never touched, and a file that has some is
    never reverted). A revert that would bring conflict markers back is refused."""
    require_repository(journal)
    root = journal.root
    with journal.lock():
        last = entries(journal, 1)
        if not last:
            raise NotFound("there is nothing to undo", "the journal's history is empty")
        head = last[0]
        if head.command is None:
            raise Conflict(
                f"the last change ({head.commit[:7]}) was not made by mentorlog",
                "undo it with git itself, e.g. `mentorlog git revert HEAD`",
            )
        if head.parents == 0:
            raise Conflict(
                "the last change started the journal's history; there is nothing to go back to",
                "to stop keeping history, set `git = false` in mentorlog.toml",
            )
        if head.parents > 1:
            raise Conflict(
                "the last change is a merge made by `mentorlog sync`",
                "undoing it would undo the other machine's changes; if you mean that, "
                "run `mentorlog git revert -m 1 HEAD`",
            )
        touched = _touched(root)
        _refuse_markers(root, touched)
        uncommitted = [c.path for c in gitsync.status(root) if not gitsync.is_junk(c.path)]
        overlap = sorted(set(uncommitted) & set(touched))
        if overlap:
            raise Conflict(
                f"{_names(overlap)} has changes not committed yet, and undo would change it",
                "commit them with `mentorlog git commit` (or put them back), "
                "then run `mentorlog undo` again",
            )
        extra = _also_taken_back(root, head, touched)
        if extra or uncommitted:
            parts = []
            if extra:
                parts.append(f"it would also take back your hand edits to {_names(extra)}")
            if uncommitted:
                parts.append(f"your uncommitted changes to {_names(uncommitted)} stay as they are")
            question = f"Undo {head.subject!r}? " + "; ".join(parts)
            if not confirm(question):
                raise Conflict(
                    "undo needs confirmation: " + "; ".join(parts),
                    "run `mentorlog undo --yes` to go ahead, or commit your changes first "
                    "with `mentorlog git commit`",
                )
        gitsync.git(root, "revert", "--no-commit", "HEAD")
        text = (
            f"undo: {head.subject}\n\nThis reverts commit {head.commit}.\n\n"
            f"{gitsync.TRAILER}: undo\n"
        )
        gitsync.commit_staged(root, text)
        return head


_HAND_COMMANDS = ("hand edits", "git commit")


def _touched(root: Path) -> list[str]:
    output = gitsync.git(root, "diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "HEAD")
    return [p for p in output.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _also_taken_back(root: Path, head: HistoryEntry, touched: list[str]) -> list[str]:
    """The hand edits the last commit holds besides the command's own change."""
    if head.command in _HAND_COMMANDS:
        return touched
    output = gitsync.git(
        root, "log", "-1", f"--format=%(trailers:key={gitsync.HAND_EDIT_TRAILER},valueonly)"
    ).stdout.decode("utf-8", "surrogateescape")
    named = [line.strip() for line in output.splitlines() if line.strip()]
    if not named and ", and hand edits to " in head.subject:  # made before the trailer
        return [head.subject.split(", and hand edits to ", 1)[1]]
    return named


def _refuse_markers(root: Path, touched: list[str]) -> None:
    """Undoing the commit that resolved a conflict would put the markers back: refused."""
    if not touched:
        return
    result = gitsync.git(
        root,
        "grep",
        "-l",
        "-I",
        "-E",
        gitsync.MARKER_PATTERN,
        "HEAD~1",
        "--",
        *touched,
        check=False,
    )
    found = [
        line.split(":", 1)[1]
        for line in result.stdout.decode("utf-8", "replace").splitlines()
        if ":" in line
    ]
    if result.returncode == 0 and found:
        raise Conflict(
            f"the last change resolved a conflict in {_names(found)}; undoing it would bring "
            "the conflict markers back",
            "change the file by hand and commit it with `mentorlog git commit` instead",
        )


def _names(paths: list[str]) -> str:
    ids = [gitsync.record_id(path) for path in paths]
    shown = ", ".join(ids[:5])
    return shown if len(ids) <= 5 else f"{shown} and {len(ids) - 5} more"
