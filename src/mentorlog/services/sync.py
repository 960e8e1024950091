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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog import fsutil, gitsync
from mentorlog.errors import Conflict, ExternalToolError, UsageError
from mentorlog.services.history import require_repository
from mentorlog.slugs import unique
from mentorlog.storage import LAYOUT, Journal

if TYPE_CHECKING:
    import subprocess

ENV_TIMEOUT = "MENTORLOG_GIT_TIMEOUT"
ATTEMPTS = 3
# Records made per contact, where two machines can pick the same id for different records.
_DATED_KINDS = {folder: kind for kind, (folder, _, by_year) in LAYOUT.items() if by_year}
_NUMBERED = re.compile(r"^(?P<base>.+)-(?P<number>\d{1,3})$")
_MARKER_PATTERN = "^(<<<<<<<|>>>>>>>)( |$)"
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
    require_repository(journal)
    root = journal.root
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
        changes = gitsync.status(root)
        if changes:
            text = gitsync.message("hand edits", [change.path for change in changes])
            gitsync.commit_all(root, text)
            report.committed = text.split("\n", 1)[0]
        for _ in range(ATTEMPTS):
            _fetch(root, remote)
            tracking = f"refs/remotes/{remote}/{remote_branch}"
            remote_exists = _exists(root, tracking)
            if remote_exists:
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
    return Journal(target)


def files_with_markers(root: Path) -> list[str]:
    """Files in the journal that still hold merge conflict markers."""
    result = gitsync.git(
        root, "grep", "--untracked", "-l", "-I", "-E", _MARKER_PATTERN, "--", ".", check=False
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
    from mentorlog.envvars import seconds

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
    """Push; False when the remote moved on since the fetch (the caller merges again)."""
    args = ["push", "--quiet"]
    if set_upstream:
        args.append("--set-upstream")
    args += [remote, f"refs/heads/{branch}:refs/heads/{remote_branch}"]
    result = gitsync.git(root, *args, check=False, network=True, timeout=_timeout())
    if result.returncode == 0:
        return True
    said = result.stderr.decode("utf-8", "replace")
    if any(sign in said for sign in _REJECTED):
        return False
    raise _unreachable(remote, result)


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
    from mentorlog import storage
    from mentorlog.errors import InvalidFile
    from mentorlog.services.records import update_front_matter

    moved = {
        storage.record_id_of("session", Path(old)): storage.record_id_of("session", Path(new))
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
    extension = LAYOUT[kind][1]
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
