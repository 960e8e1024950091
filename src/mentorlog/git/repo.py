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
# Never history: mentorlog's lock and change log, unfinished writes and rescued editor text,
# and what editors and desktops leave beside files (a swap file can hold text the person never
# saved).
IGNORED_PATTERNS = (
    ".mentorlog.lock",
    ".mentorlog.pending",
    "*.tmp",
    ".edit-*",
    ".recovery/",
    ".*.sw?",
    "*~",
    "#*#",
    ".#*",
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
)
IGNORE_HEADER = (
    "# Kept by mentorlog: its lock, unfinished writes and rescued editor text, and the files\n"
    "# editors and desktops leave behind. Your own lines are kept too.\n"
)
TRAILER = "Mentorlog-Command"
HAND_EDIT_TRAILER = "Mentorlog-Hand-Edit"
JOURNAL_TRAILER = "Mentorlog-Journal"  # a random name in the first commit
MARKER_PATTERN = "^(<<<<<<<|>>>>>>>)( |$)"
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


Stamps = dict[str, tuple[int, int] | None]


@dataclass(slots=True)
class Watch:
    """One recorded command: what was uncommitted when it took the journal lock, so its own
    changes can be told apart from hand edits made earlier, and the commit it made."""

    root: Path
    action: str
    section_before: Stamps | None = None
    commit: str | None = None  # the message of the commit it made, while that is the newest
    paths: list[str] = field(default_factory=list)
    hand: list[str] = field(default_factory=list)


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
    from mentorlog.journal.files import read_regular
    from mentorlog.journal.frontmatter import MAX_TOML_CHARS

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


def message(
    action: str,
    paths: Sequence[str],
    hand_edited: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """A commit message naming the action and the record ids; every path in the body, and
    each hand-edited path in a trailer (so `undo` can tell what else it would take back)."""
    ids = _ids(list(paths))
    hand_only = sorted(set(hand_edited) - set(paths))
    hand_ids = [i for i in _ids(hand_only) if i not in ids]
    subject = f"{action}: {_listing(ids)}" if ids else action
    if hand_ids:
        joiner = ", and" if ids else ":"
        subject = f"{subject}{joiner} hand edits to {_listing(hand_ids)}"
    body = "\n".join(sorted(set(paths) | set(hand_edited)))
    extra = "".join(f"\n{note}" for note in notes)
    trailers = "".join(f"{HAND_EDIT_TRAILER}: {path}\n" for path in hand_only if _one_line(path))
    return f"{subject}\n\n{body}\n{extra}\n{TRAILER}: {action}\n{trailers}"


def _one_line(path: str) -> bool:
    return "\n" not in path and "\r" not in path


def _stamp(root: Path, path: str) -> tuple[int, int] | None:
    try:
        st = (root / path).stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


# --- committing ------------------------------------------------------------------------------


def watch(root: Path, words: list[str]) -> Watch | None:
    """Before a command: None when the journal keeps no history or the command never changes
    anything (then no git call is made at all)."""
    if not words or words[0] in _NOT_RECORDED or not is_enabled(root):
        return None
    if len(words) > 1 and words[1] in ("list", "show"):
        return None
    return Watch(root, " ".join(words))


def _stamps(root: Path, changes: list[Change]) -> Stamps:
    return {path: _stamp(root, path) for change in changes for path in _paths(change)}


def _paths(change: Change) -> list[str]:
    return [change.path] + ([change.old_path] if change.old_path else [])


def _split(watched: Watch, changes: list[Change], before: Stamps) -> tuple[list[str], list[str]]:
    """(paths this command changed, paths that were already uncommitted and stayed as they
    were: hand edits)."""
    own: list[str] = []
    hand: list[str] = []
    for change in changes:
        for path in _paths(change):
            if path in before and before[path] == _stamp(watched.root, path):
                hand.append(path)
            else:
                own.append(path)
    return own, hand


def _refuse_unmerged(changes: list[Change]) -> None:
    if any(change.unmerged for change in changes):
        from mentorlog.errors import Conflict

        raise Conflict(
            "git is in the middle of a merge in this journal",
            "finish it with `mentorlog git commit` or abort it with `mentorlog git merge --abort`",
        )


def section_started(watched: Watch) -> None:
    """The command took the journal lock: what is uncommitted now is not its doing."""
    watched.section_before = _stamps(watched.root, status(watched.root))


def section_ending(watched: Watch) -> None:
    """The command is about to release the journal lock: commit what it changed while holding
    it, so no other command can see (or commit) the change half-recorded. A second locked
    change in the same command joins the first commit while that is still the newest."""
    before = watched.section_before
    watched.section_before = None
    if before is None:
        return
    changes = status(watched.root)
    _refuse_unmerged(changes)
    own, hand = _split(watched, changes, before)
    if own:
        _commit_for(watched, own, hand, changes)


def _commit_for(watched: Watch, own: list[str], hand: list[str], changes: list[Change]) -> None:
    root = watched.root
    own = [path for path in own if not is_junk(path)]
    if not own:
        return  # only junk changed: nothing of the person's to record
    amend = watched.commit is not None and _last_message(root) == watched.commit
    paths = sorted(set(own) | (set(watched.paths) if amend else set()))
    hands = sorted((set(hand) | (set(watched.hand) if amend else set())) - set(paths))
    kept, notes = stage(root, paths + hands, changes)
    text = message(watched.action, [p for p in paths if p in kept], hands, notes)
    if amend and not has_staged(root, amend=True):
        return
    commit_staged(root, text, *(("--amend",) if amend else ()))
    watched.commit = text.strip()
    watched.paths = [p for p in paths if p in kept]
    watched.hand = [p for p in hands if p in kept]


def _last_message(root: Path) -> str:
    return git(root, "log", "-1", "--format=%B").stdout.decode("utf-8", "replace").strip()


def has_staged(root: Path, *, amend: bool = False) -> bool:
    """Whether the index differs from HEAD (or, for an amend, from HEAD's parent)."""
    if not has_commits(root):
        return True
    base = "HEAD~1" if amend else "HEAD"
    if amend and git(root, "rev-parse", "--verify", "--quiet", base, check=False).returncode:
        return True
    result = git(root, "diff", "--cached", "--quiet", base, "--", check=False)
    return result.returncode != 0


# --- what never goes into history ----------------------------------------------------------


def is_junk(path: str) -> bool:
    """True for a path git must never hold: one of IGNORED_PATTERNS matches its name or the
    name of a folder it is in (as .gitignore patterns without a slash do)."""
    from fnmatch import fnmatchcase

    parts = [part for part in path.split("/") if part]
    for position, name in enumerate(parts):
        is_folder = position < len(parts) - 1
        for pattern in IGNORED_PATTERNS:
            if pattern.endswith("/"):
                if is_folder and fnmatchcase(name, pattern[:-1]):
                    return True
            elif fnmatchcase(name, pattern):
                return True
    return False


def stage(root: Path, paths: Sequence[str], changes: list[Change]) -> tuple[set[str], list[str]]:
    """Stage `paths` (additions, edits, deletions), leaving junk out whatever .gitignore says;
    a junk path git already tracks is untracked (the file stays). Returns the paths staged and
    one note per path untracked, for the commit message."""
    tracked_junk = {
        path
        for change in changes
        if change.code != "??"
        for path in _paths(change)
        if is_junk(path)
    }
    kept = {path for path in paths if not is_junk(path)}
    notes = untrack(root, sorted(tracked_junk))
    if kept:
        git(
            root,
            "add",
            "--all",
            "--pathspec-from-file=-",
            "--pathspec-file-nul",
            stdin=_literal(sorted(kept)),
        )
    return kept, notes


def _literal(paths: Sequence[str]) -> bytes:
    """Paths for --pathspec-from-file: each taken as written (a `*` in a name is no pattern)."""
    return "\0".join(f":(literal){path}" for path in paths).encode("utf-8", "surrogateescape")


def untrack(root: Path, paths: Sequence[str]) -> list[str]:
    """Take junk out of git's index (never out of the folder); one note per path."""
    if not paths:
        return []
    git(
        root,
        "rm",
        "-r",
        "--cached",
        "--quiet",
        "--ignore-unmatch",
        "--pathspec-from-file=-",
        "--pathspec-file-nul",
        stdin=_literal(paths),
    )
    return [f"No longer tracked (editor or system file, never history): {path}" for path in paths]


def tracked_junk(root: Path) -> list[str]:
    """Junk git tracks already (committed before mentorlog filtered it)."""
    output = git(root, "ls-files", "-z").stdout.decode("utf-8", "surrogateescape")
    return sorted(path for path in output.split("\0") if path and is_junk(path))


def committable(changes: list[Change]) -> list[str]:
    """Every path in `changes` that may go into history."""
    return sorted({path for change in changes for path in _paths(change) if not is_junk(path)})


def commit_all(root: Path, text: str) -> list[str]:
    """Stage every change except junk (additions, edits, deletions) and commit it, untracking
    junk git tracks already. Returns the paths committed (empty: there was nothing to)."""
    changes = status(root)
    paths = committable(changes)
    kept, notes = stage(root, paths, changes)
    notes += untrack(root, tracked_junk(root))
    if not has_staged(root):
        return []
    if notes:
        subject, _, rest = text.partition("\n")
        text = f"{subject}\n\n" + "".join(f"{note}\n" for note in notes) + rest
    commit_staged(root, text)
    return sorted(kept)


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
        head = IGNORE_HEADER
    return head + "".join(f"{pattern}\n" for pattern in missing)
