"""`mentorlog sync`: commit, merge what other machines pushed, push.

Why merge and not rebase: a merge never rewrites a commit that exists on this machine, leaves the
repository in a normal state even when two machines changed the same record (the merge commit
holds both versions between conflict markers, and git keeps both parents), and the next
mentorlog command can go on committing. A rebase that stops half-way leaves a detached HEAD that
every later command would have to know about.

What no side may lose, and how a merge makes sure of it:
- records changed on one machine only: git merges them (one record per file makes this usual);
- the same record changed on both: git's line merge; where the same lines differ, the file keeps
  both versions between markers, storage reports it (the rest of the journal keeps working) and
  nothing is pushed until the person has resolved it;
- a session or reflection created on both machines under the same id (two contacts with the same
  mentor on the same day): the other machine's file is renamed to the next free `-2` id;
- a record deleted on one machine and changed on the other: the changed version is kept.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.domain.slugs import unique
from mentorlog.errors import (
    Conflict,
    ExternalToolError,
    MentorlogError,
    NotAJournal,
    UsageError,
)
from mentorlog.git import repo as gitsync
from mentorlog.journal import files as fsutil
from mentorlog.journal.layout import LAYOUT
from mentorlog.journal.storage import Journal
from mentorlog.services.history import require_repository, write_ignore_file

if TYPE_CHECKING:
    import subprocess

ENV_TIMEOUT = "MENTORLOG_GIT_TIMEOUT"
ATTEMPTS = 3
# Records made per contact, where two machines can pick the same id for different records.
_DATED_KINDS = {folder: kind for kind, (folder, _, by_year) in LAYOUT.items() if by_year}
_NUMBERED = re.compile(r"^(?P<base>.+)-(?P<number>\d{1,3})$")
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "stale info")


@dataclass(slots=True)
class SyncReport:
    """What a sync did: enough to tell the person exactly what to look at."""

    remote: str
    branch: str
    committed: str | None = None
    received: int = 0
    sent: int = 0
    first_push: bool = False
    renamed: list[tuple[str, str]] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def sync(journal: Journal) -> SyncReport:
    root = journal.root
    if not journal.is_journal() and gitsync.is_repository(root):
        return _first_checkout(journal)
    require_repository(journal)
    with journal.lock():
        _refuse_unfinished_merge(root)
        unresolved = files_with_markers(root)
        if unresolved:
            raise Conflict(
                f"{', '.join(unresolved)} still has conflict markers from an earlier sync",
                "keep the right lines, delete the <<<<<<< ======= >>>>>>> lines, "
                "then run `mentorlog sync` again",
            )
        gitsync.set_local_identity(root)
        branch = _current_branch(root)
        remote, remote_branch, tracked = _remote_of(root, branch)
        report = SyncReport(remote=remote, branch=remote_branch, first_push=not tracked)
        write_ignore_file(journal)
        text = gitsync.message("hand edits", gitsync.committable(gitsync.status(root)))
        if gitsync.commit_all(root, text):
            report.committed = text.split("\n", 1)[0]
        for _ in range(ATTEMPTS):
            _fetch(root, remote)
            if not tracked:
                report.branch = remote_branch = _branch_to_join(root, remote, remote_branch)
            tracking = f"refs/remotes/{remote}/{remote_branch}"
            remote_exists = _exists(root, tracking)
            if remote_exists:
                _refuse_unrelated(root, tracking, f"{remote}/{remote_branch}")
                incoming = _count(root, f"HEAD..{tracking}")
                if incoming:
                    _merge(journal, tracking, f"{remote}/{remote_branch}", report)
                    report.received += incoming
                if report.conflicts:
                    return report  # nothing leaves this machine until the person has resolved
                outgoing = _count(root, f"{tracking}..HEAD")
            else:
                outgoing = _count(root, "HEAD")
            if outgoing == 0 and tracked:
                return report
            if _push(root, remote, branch, remote_branch, set_upstream=not tracked):
                report.sent = outgoing
                return report
        raise ExternalToolError(
            f"{remote} kept changing while this machine synced",
            "another machine is syncing right now; run `mentorlog sync` again in a moment",
        )


def clone(url: str, target: Path) -> Journal:
    """Copy a journal from a remote into `target` (new or empty), files private to you."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(
            f"{target} already exists and is not empty",
            "give a new folder: `mentorlog git clone URL FOLDER`",
        )
    existed = target.exists()
    fsutil.make_private_dirs(target.parent)
    result = gitsync.git(
        target.parent,
        "clone",
        "--quiet",
        "--",
        url,
        str(target),
        check=False,
        network=True,
        timeout=_timeout(),
    )
    if result.returncode != 0:
        raise ExternalToolError(
            f"could not clone {url}: {gitsync.first_line(result)}",
            "check the address, the network and your access; mentorlog never asks for a "
            "password, so use an SSH key or a credential helper",
        )
    if not gitsync.has_commits(target):
        # The remote's HEAD names a branch it does not have (a bare repository made with
        # `git init --bare` names master; the journal may be on main), or it is empty.
        try:
            check_out(target, "origin", choose_branch(target, "origin"))
        except MentorlogError:
            _remove_clone(target, existed)
            raise
    return Journal(target)


def _remove_clone(target: Path, existed: bool) -> None:
    """Take back a clone that brought no journal, so the folder is never mistaken for one."""
    import shutil

    shutil.rmtree(target / ".git", ignore_errors=True)
    if not existed:
        with contextlib.suppress(OSError):
            target.rmdir()


def files_with_markers(root: Path) -> list[str]:
    """Files in the journal that still hold merge conflict markers."""
    result = gitsync.git(
        root,
        "grep",
        "--untracked",
        "-l",
        "-I",
        "-E",
        gitsync.MARKER_PATTERN,
        "--",
        ".",
        check=False,
    )
    if result.returncode not in (0, 1):
        raise gitsync.failed("grep", result)
    return sorted(line for line in result.stdout.decode("utf-8", "replace").splitlines() if line)


def _refuse_unfinished_merge(root: Path) -> None:
    if _exists(root, "MERGE_HEAD") or any(c.unmerged for c in gitsync.status(root)):
        raise Conflict(
            "git is in the middle of a merge in this journal",
            "finish it with `mentorlog git commit` or abort it with "
            "`mentorlog git merge --abort`, then run `mentorlog sync` again",
        )


def _current_branch(root: Path) -> str:
    result = gitsync.git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if result.returncode != 0:
        raise Conflict(
            "the journal's repository is not on a branch",
            "switch back to one with `mentorlog git switch main`",
        )
    return result.stdout.decode("utf-8", "replace").strip()


def _config(root: Path, key: str) -> str | None:
    result = gitsync.git(root, "config", "--get", key, check=False)
    value = result.stdout.decode("utf-8", "replace").strip()
    return value if result.returncode == 0 and value else None


def _remote_of(root: Path, branch: str) -> tuple[str, str, bool]:
    """(remote, branch there, whether tracking is set up). Without tracking: `origin`, or the
    only remote there is."""
    remote = _config(root, f"branch.{branch}.remote")
    merge = _config(root, f"branch.{branch}.merge")
    if remote and remote != "." and merge:
        return remote, merge.removeprefix("refs/heads/"), True
    remotes = gitsync.git(root, "remote").stdout.decode("utf-8", "replace").split()
    if "origin" in remotes:
        return "origin", branch, False
    if len(remotes) == 1:
        return remotes[0], branch, False
    if not remotes:
        raise UsageError(
            "the journal has no remote to sync with",
            "add one with `mentorlog git remote add origin URL`, then run `mentorlog sync`",
        )
    raise UsageError(
        f"the journal has several remotes ({', '.join(remotes)}) and none is chosen",
        f"choose one with `mentorlog git push -u REMOTE {branch}`",
    )


def _timeout() -> float:
    from mentorlog.user.environment import seconds

    return seconds(ENV_TIMEOUT, 120)


def _fetch(root: Path, remote: str) -> None:
    result = gitsync.git(
        root, "fetch", "--quiet", remote, check=False, network=True, timeout=_timeout()
    )
    if result.returncode != 0:
        raise _unreachable(remote, result)


def _unreachable(remote: str, result: subprocess.CompletedProcess[bytes]) -> ExternalToolError:
    return ExternalToolError(
        f"could not reach the remote '{remote}': {gitsync.first_line(result)}",
        "check its address (`mentorlog git remote -v`), the network and your access; "
        "mentorlog never asks for a password, so use an SSH key or a credential helper",
    )


def _push(root: Path, remote: str, branch: str, remote_branch: str, *, set_upstream: bool) -> bool:
    """Push; False when the remote moved on since the fetch (the caller merges again). The
    porcelain report is read, not the messages, which `--quiet` leaves out."""
    args = ["push", "--porcelain"]
    if set_upstream:
        args.append("--set-upstream")
    args += [remote, f"refs/heads/{branch}:refs/heads/{remote_branch}"]
    result = gitsync.git(root, *args, check=False, network=True, timeout=_timeout())
    if result.returncode == 0:
        return True
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        flag, _, rest = line.partition("\t")
        if flag == "!" and any(sign in rest for sign in _REJECTED):
            return False
    raise _unreachable(remote, result)


def _remote_branches(root: Path, remote: str) -> list[str]:
    """The branches fetched from `remote`, by their names there."""
    prefix = f"refs/remotes/{remote}/"
    output = gitsync.git(root, "for-each-ref", "--format=%(refname)", prefix).stdout
    names = [line.removeprefix(prefix) for line in output.decode("utf-8", "replace").split()]
    return sorted(name for name in names if name != "HEAD")


def _related(root: Path, one: str, other: str) -> bool:
    result = gitsync.git(root, "merge-base", one, other, check=False)
    return result.returncode == 0


def _refuse_unrelated(root: Path, tracking: str, shown: str) -> None:
    """Two journals started apart share no commit: merging them would double every record
    and pushing would send a second history. Neither is ever done."""
    if gitsync.has_commits(root) and not _related(root, "HEAD", tracking):
        raise Conflict(
            f"this journal and the one at {shown} were started separately "
            "(their histories have nothing in common); nothing was merged or sent",
            "keep one: move this folder aside, `mentorlog git clone URL` the remote's journal, "
            "and copy any records you need from the old folder into it",
        )


def _branch_to_join(root: Path, remote: str, wanted: str) -> str:
    """The remote branch a first sync joins: `wanted` when the remote has it or has no branch
    at all; otherwise the one branch there that shares this journal's history, so a machine
    whose branch is named differently never starts a second branch beside the journal."""
    there = _remote_branches(root, remote)
    if not there or wanted in there:
        return wanted
    related = [name for name in there if _related(root, "HEAD", f"{remote}/{name}")]
    if len(related) == 1:
        return related[0]
    if not related:
        raise Conflict(
            f"{remote} already holds a journal ({', '.join(there)}) that this one was not "
            "copied from; nothing was sent",
            "keep one: move this folder aside, `mentorlog git clone URL` the remote's journal, "
            "and copy any records you need from the old folder into it",
        )
    raise UsageError(
        f"{remote} has several branches of this journal ({', '.join(related)})",
        f"choose one with `mentorlog git push -u {remote} HEAD:BRANCH`, then sync again",
    )


def choose_branch(root: Path, remote: str) -> str:
    """The branch of a remote that holds the journal, for a folder that has none yet: the one
    with a mentorlog.toml (main, then master, when several have one)."""
    there = _remote_branches(root, remote)
    if not there:
        raise NotAJournal(
            f"the remote '{remote}' holds no journal yet (it has no branches)",
            "on the machine that has the journal, run `mentorlog git remote add origin URL` and "
            "`mentorlog sync`; to start a journal here instead, run `mentorlog init --git` "
            "in an empty folder",
        )
    journals = [name for name in there if _has_journal(root, f"{remote}/{name}")] or there
    if len(journals) == 1:
        return journals[0]
    for usual in (gitsync.DEFAULT_BRANCH, "master"):
        if usual in journals:
            return usual
    raise UsageError(
        f"the remote '{remote}' has several branches ({', '.join(journals)}) and none is main",
        "choose one with `mentorlog git switch BRANCH` in the journal folder",
    )


def _has_journal(root: Path, revision: str) -> bool:
    spec = f"{revision}:{gitsync.SETTINGS_FILE}"
    return gitsync.git(root, "cat-file", "-e", spec, check=False).returncode == 0


def check_out(root: Path, remote: str, branch: str) -> None:
    """Make the remote's `branch` this folder's own, tracking it."""
    gitsync.git(root, "checkout", "--quiet", "-B", branch, "--track", f"{remote}/{branch}")


def _first_checkout(journal: Journal) -> SyncReport:
    """Sync in a clone that has no journal yet (its remote's default named no branch, or the
    remote was empty then): fetch, and check out the branch that holds the journal."""
    root = journal.root
    if gitsync.has_commits(root):
        raise NotAJournal(
            f"{root} is a git repository, but its branch holds no journal (no mentorlog.toml)",
            "switch to the branch that holds it (`mentorlog git branch -a` lists them) or check "
            "the remote with `mentorlog git remote -v`",
        )
    branch = _current_branch(root)
    remote, _, _ = _remote_of(root, branch)
    _fetch(root, remote)
    found = choose_branch(root, remote)
    check_out(root, remote, found)
    received = _count(root, "HEAD")
    if not journal.is_journal():
        raise NotAJournal(
            f"{remote}/{found} holds no journal (no mentorlog.toml)",
            "check the remote with `mentorlog git remote -v`",
        )
    return SyncReport(remote=remote, branch=found, received=received)


def _exists(root: Path, ref: str) -> bool:
    result = gitsync.git(root, "rev-parse", "--verify", "--quiet", ref, check=False)
    return result.returncode == 0


def _count(root: Path, revisions: str) -> int:
    if not gitsync.has_commits(root):
        return 0
    output = gitsync.git(root, "rev-list", "--count", revisions).stdout
    return int(output.decode("ascii").strip() or 0)


def _merge(journal: Journal, tracking: str, shown: str, report: SyncReport) -> None:
    root = journal.root
    subject = f"sync: merge changes from {shown}"
    result = gitsync.git(
        root, "merge", "--quiet", "--no-edit", "-m", subject, tracking, check=False
    )
    if result.returncode == 0:
        return
    if not _exists(root, "MERGE_HEAD"):
        raise ExternalToolError(
            f"could not merge the changes from {shown}: {gitsync.first_line(result)}",
            "nothing was changed here; if the other machine's journal was started on its own, "
            "move it aside and `git clone` this one there instead",
        )
    notes = _resolve(journal, report)
    text = f"{subject}\n\n" + "".join(f"{note}\n" for note in notes)
    gitsync.commit_staged(root, f"{text}\n{gitsync.TRAILER}: sync\n")


def _resolve(journal: Journal, report: SyncReport) -> list[str]:
    """Settle every path git could not merge so that both sides survive; returns one line per
    path for the merge commit's message (paths only, never content)."""
    root = journal.root
    notes: list[str] = []
    theirs_added = _added_by_them(root)
    for change in gitsync.status(root):
        if not change.unmerged:
            continue
        path = change.path
        folder = path.split("/", 1)[0]
        if change.code == "AA" and folder in _DATED_KINDS:
            new_path = _keep_both_files(journal, _DATED_KINDS[folder], path)
            report.renamed.append((path, new_path))
            notes.append(f"Both machines added {path}; the other one's is now {new_path}")
        elif change.code in ("UD", "DU"):
            _restore_edited(root, path, "--ours" if change.code == "UD" else "--theirs")
            gitsync.git(root, "add", "--", path)
            report.kept_edited.append(path)
            notes.append(f"Kept {path}: changed on one machine, deleted on the other")
        elif change.code == "DD":
            gitsync.git(root, "rm", "--quiet", "--cached", "--", path)
        elif change.code in ("AU", "UA"):
            gitsync.git(root, "add", "--", path)
        else:
            gitsync.git(root, "add", "--", path)
            report.conflicts.append(path)
            notes.append(f"Changed on both machines, both versions kept in {path}")
    renamed_to = {old: new for old, new in report.renamed}
    their_reflections = [
        renamed_to.get(path, path) for path in theirs_added if path.startswith("reflections/")
    ]
    notes += _follow_renamed_sessions(journal, report.renamed, their_reflections)
    return notes


def _added_by_them(root: Path) -> list[str]:
    """Files the other machine added since the two histories parted."""
    output = gitsync.git(
        root, "diff", "--name-only", "-z", "--diff-filter=A", "HEAD...MERGE_HEAD"
    ).stdout
    return [path for path in output.decode("utf-8", "surrogateescape").split("\0") if path]


def _follow_renamed_sessions(
    journal: Journal, renamed: list[tuple[str, str]], reflections: list[str]
) -> list[str]:
    """The other machine's reflections on a session that was just renamed must follow it,
    or they would silently point at this machine's session of the same day."""
    from mentorlog.errors import InvalidFile
    from mentorlog.journal import layout
    from mentorlog.services.records import update_front_matter

    moved = {
        layout.record_id_of("session", Path(old)): layout.record_id_of("session", Path(new))
        for old, new in renamed
        if old.startswith("sessions/")
    }
    notes: list[str] = []
    if not moved:
        return notes
    for rel in reflections:
        path = journal.root / rel
        try:
            linked = journal.read(path).data.get("session")
        except (InvalidFile, OSError):
            continue
        if not isinstance(linked, str) or linked not in moved:
            continue
        update_front_matter(journal, path, {"session": moved[linked]}, None, lambda *_: None)
        gitsync.git(journal.root, "add", "--", rel)
        notes.append(f"{rel} now reflects on {moved[linked]}")
    return notes


def _keep_both_files(journal: Journal, kind: str, path: str) -> str:
    """Keep this machine's file at `path` and write the other machine's beside it under the
    next free id."""
    root = journal.root
    theirs = gitsync.git(root, "show", f":3:{path}").stdout
    gitsync.git(root, "checkout", "--ours", "--", path)
    extension = LAYOUT[kind].extension
    stem = path.rsplit("/", 1)[-1][: -len(extension)]
    taken = journal.ids_on_disk(kind)
    numbered = _NUMBERED.match(stem)
    base = numbered.group("base") if numbered and numbered.group("base") in taken else stem
    target = journal.path_for(kind, unique(base, taken))
    fsutil.make_private_dirs(target.parent, stop_at=root)
    fsutil.write_atomic(target, theirs, exclusive=True, label=journal.rel(target))
    new_path = journal.rel(target)
    gitsync.git(root, "add", "--", path, new_path)
    return new_path


def _restore_edited(root: Path, path: str, side: str) -> None:
    """git leaves the changed version of a modify/delete conflict in place; make sure of it."""
    if not (root / path).exists():
        gitsync.git(root, "checkout", side, "--", path)
