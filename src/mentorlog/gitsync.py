"""The journal's history in git: running git, reading what changed, and committing it.

mentorlog records one commit per command that changed something. Commit messages name the
action and record ids only, never text from a record, because a commit message travels to every
remote the journal is pushed to.

This module is on the start-up path of every command (the check whether history is kept at all),
so it imports nothing heavy at module level: `subprocess` and `tomllib` are loaded only when a
journal actually uses git.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.errors import ExternalToolError

if TYPE_CHECKING:
    import subprocess

SETTINGS_FILE = "mentorlog.toml"
IGNORE_FILE = ".gitignore"
IGNORED_PATTERNS = (".mentorlog.lock", ".*.tmp", ".edit-*", ".recovery/")
TRAILER = "Mentorlog-Command"
LOCAL_NAME = "mentorlog"
LOCAL_EMAIL = "mentorlog@localhost"
DEFAULT_BRANCH = "main"
MAX_IDS_IN_SUBJECT = 5
_RECORD_FOLDERS = {"mentors": ".toml", "goals": ".toml", "sessions": ".md", "reflections": ".md"}
_IDENTITY_MISSING = ("tell me who you are", "empty ident", "unable to auto-detect email")
# Commands that never change the journal or keep history themselves: no git call around them.
_NOT_RECORDED = frozenset(
    ["init", "git", "sync", "undo", "log", "history", "due", "path", "doctor", "--version"]
)


@dataclass(slots=True, frozen=True)
class Change:
    """One line of `git status`: a two-letter code and the path (and the old path of a rename)."""

    code: str
    path: str
    old_path: str | None = None

    @property
    def unmerged(self) -> bool:
        return self.code in ("DD", "AU", "UD", "UA", "DU", "AA", "UU")


@dataclass(slots=True)
class Watch:
    """What was uncommitted before a command ran, so its own changes can be told apart from
    hand edits made earlier."""

    root: Path
    action: str
    before: dict[str, tuple[int, int] | None] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class HistoryEntry:
    """One commit: who made it, when, its first line, and the mentorlog command behind it
    (None for commits made by hand)."""

    commit: str
    date: str
    author: str
    subject: str
    command: str | None
    parents: int = 1


# --- running git ---------------------------------------------------------------------------


def environment(root: Path, *, network: bool = False) -> dict[str, str]:
    """git's environment: never a prompt (there may be no one to answer it), English
    messages (some are recognised below), SSH that fails rather than asks, and no search for
    a repository above the journal (a journal kept inside another repository must never
    commit to that one)."""
    env = contained_environment(root)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GCM_INTERACTIVE"] = "never"
    env["GIT_MERGE_AUTOEDIT"] = "no"
    env["LC_ALL"] = "C"
    if network and not env.get("GIT_SSH_COMMAND"):
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


def contained_environment(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"):
        env.pop(name, None)
    env["GIT_CEILING_DIRECTORIES"] = str(root.resolve().parent)
    return env


def passthrough(root: Path, args: Sequence[str]) -> int:
    """Run git in the journal folder with the person's own terminal; git's exit status."""
    import subprocess

    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            env=contained_environment(root),
            umask=0o077,
            check=False,
        ).returncode
    except FileNotFoundError:
        raise missing_git() from None
    except OSError as exc:
        raise ExternalToolError(f"could not run git: {exc.strerror}", None) from None


def git(
    root: Path,
    *args: str,
    check: bool = True,
    stdin: bytes | None = None,
    network: bool = False,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run `git -C root ARGS` with no terminal. Files git writes are private (umask 077), like
    the ones mentorlog writes. A failure raises ExternalToolError with git's own first line."""
    import subprocess

    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            env=environment(root, network=network),
            umask=0o077,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise missing_git() from None
    except subprocess.TimeoutExpired:
        raise ExternalToolError(
            f"git {args[0]} did not finish within {timeout:.0f} seconds",
            "check your network connection and the remote's address, then try again",
        ) from None
    except OSError as exc:
        raise ExternalToolError(f"could not run git: {exc.strerror}", None) from None
    if check and result.returncode != 0:
        raise failed(args[0], result)
    return result


def missing_git() -> ExternalToolError:
    return ExternalToolError(
        "git is not installed (or not on PATH)",
        "install git, or set `git = false` in mentorlog.toml to stop keeping history",
    )


def failed(step: str, result: subprocess.CompletedProcess[bytes]) -> ExternalToolError:
    return ExternalToolError(f"git {step} failed: {first_line(result)}", None)


def first_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own explanation, without its `fatal:` / `error:` prefix and `hint:` lines."""
    for stream in (result.stderr, result.stdout):
        for raw in stream.decode("utf-8", "replace").splitlines():
            line = raw.strip()
            if not line or line.startswith("hint:"):
                continue
            for prefix in ("fatal: ", "error: "):
                line = line.removeprefix(prefix)
            return line
    return f"exit status {result.returncode}"


# --- is history kept? ------------------------------------------------------------------------


def is_repository(root: Path) -> bool:
    return (root / ".git").exists()


def is_enabled(root: Path) -> bool:
    """True when the journal says `git = true` and is a git repository. Cheap: one stat, and
    the small settings file read only when there is a repository."""
    if not is_repository(root):
        return False
    import tomllib

    from mentorlog.errors import MentorlogError
    from mentorlog.frontmatter import MAX_TOML_CHARS
    from mentorlog.fsutil import read_regular

    try:
        raw = read_regular(root / SETTINGS_FILE, SETTINGS_FILE, MAX_TOML_CHARS)
        return tomllib.loads(raw.decode("utf-8-sig")).get("git") is True
    except (MentorlogError, ValueError):
        return False


# --- what changed ----------------------------------------------------------------------------


def status(root: Path) -> list[Change]:
    """Every uncommitted change, untracked files included, ignored ones not."""
    output = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all").stdout
    return parse_status(output)


def parse_status(output: bytes) -> list[Change]:
    fields = output.decode("utf-8", "surrogateescape").split("\0")
    changes: list[Change] = []
    position = 0
    while position < len(fields):
        entry = fields[position]
        position += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        old_path = None
        if "R" in code or "C" in code:
            old_path = fields[position] if position < len(fields) else None
            position += 1
        changes.append(Change(code, path, old_path))
    return changes


def record_id(path: str) -> str:
    """The record a path holds (`sessions/2026/2026-11-23-ruth.md` -> its id), `settings` for
    mentorlog.toml, and the path itself for anything else."""
    if path == SETTINGS_FILE:
        return "settings"
    folder = path.split("/", 1)[0]
    extension = _RECORD_FOLDERS.get(folder)
    name = path.rsplit("/", 1)[-1]
    if extension and name.endswith(extension) and not name.startswith("."):
        return name[: -len(extension)]
    return path


def _ids(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in sorted(paths):
        identifier = record_id(path)
        if identifier not in found:
            found.append(identifier)
    return found


def _listing(ids: list[str]) -> str:
    if len(ids) <= MAX_IDS_IN_SUBJECT:
        return ", ".join(ids)
    shown = ", ".join(ids[:MAX_IDS_IN_SUBJECT])
    return f"{shown} and {len(ids) - MAX_IDS_IN_SUBJECT} more"


def message(action: str, paths: Sequence[str], hand_edited: Sequence[str] = ()) -> str:
    """A commit message naming the action and the record ids; every path in the body."""
    ids = _ids(list(paths))
    hand_ids = [i for i in _ids(list(hand_edited)) if i not in ids]
    subject = f"{action}: {_listing(ids)}" if ids else action
    if hand_ids:
        joiner = ", and" if ids else ":"
        subject = f"{subject}{joiner} hand edits to {_listing(hand_ids)}"
    body = "\n".join(sorted(set(paths) | set(hand_edited)))
    return f"{subject}\n\n{body}\n\n{TRAILER}: {action}\n"


def _stamp(root: Path, path: str) -> tuple[int, int] | None:
    try:
        st = (root / path).stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


# --- committing ------------------------------------------------------------------------------


def watch(root: Path, words: list[str]) -> Watch | None:
    """Before a command: remember what was already uncommitted. None when the journal keeps
    no history or the command never changes anything (then no git call is made at all)."""
    if not words or words[0] in _NOT_RECORDED or not is_enabled(root):
        return None
    if len(words) > 1 and words[1] in ("list", "show"):
        return None
    before = {change.path: _stamp(root, change.path) for change in status(root)}
    return Watch(root, " ".join(words), before)


def record(watched: Watch) -> str | None:
    """After a command that succeeded: commit what it changed, with any earlier hand edits.
    A command that changed nothing makes no commit (hand edits wait for the next one)."""
    changes = status(watched.root)
    if any(change.unmerged for change in changes):
        from mentorlog.errors import Conflict

        raise Conflict(
            "git is in the middle of a merge in this journal",
            "finish it with `mentorlog git commit` or abort it with `mentorlog git merge --abort`",
        )
    own: list[str] = []
    hand: list[str] = []
    for change in changes:
        paths = [change.path] + ([change.old_path] if change.old_path else [])
        for path in paths:
            if path in watched.before and watched.before[path] == _stamp(watched.root, path):
                hand.append(path)
            else:
                own.append(path)
    if not own:
        return None
    text = message(watched.action, own, hand)
    commit_all(watched.root, text)
    return text.split("\n", 1)[0]


def commit_all(root: Path, text: str) -> None:
    """Stage everything (additions, edits, deletions) and commit it."""
    git(root, "add", "--all", "--", ".")
    commit_staged(root, text)


def commit_staged(root: Path, text: str, *extra: str) -> None:
    """Commit what is staged. On a machine where git has no name or email, give this journal
    a local one instead of failing."""
    args = ("commit", "--quiet", "--no-edit", "--file", "-", *extra)
    result = git(root, *args, check=False, stdin=text.encode("utf-8"))
    if result.returncode != 0 and _lacks_identity(result):
        set_local_identity(root)
        result = git(root, *args, check=False, stdin=text.encode("utf-8"))
    if result.returncode != 0:
        raise failed("commit", result)


def _lacks_identity(result: subprocess.CompletedProcess[bytes]) -> bool:
    text = (result.stderr + result.stdout).decode("utf-8", "replace").lower()
    return any(sign in text for sign in _IDENTITY_MISSING)


def set_local_identity(root: Path) -> None:
    """Give this repository a name and email, only where git has none configured."""
    for key, value in (("user.name", LOCAL_NAME), ("user.email", LOCAL_EMAIL)):
        if git(root, "config", "--get", key, check=False).returncode != 0:
            git(root, "config", "--local", key, value)


def has_commits(root: Path) -> bool:
    return git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0


# --- setting a journal up --------------------------------------------------------------------


def ignore_text(existing: str) -> str | None:
    """The .gitignore with mentorlog's lines added; None when nothing is missing."""
    lines = existing.splitlines()
    missing = [pattern for pattern in IGNORED_PATTERNS if pattern not in lines]
    if not missing:
        return None
    head = existing if not existing or existing.endswith("\n") else existing + "\n"
    if not head:
        head = "# Written by mentorlog: the lock, unfinished writes and rescued editor text.\n"
    return head + "".join(f"{pattern}\n" for pattern in missing)
