"""Private, atomic file writes and the journal lock. Knows files, nothing about mentors.

A record is never half-written: the new text goes to a temporary file in the same folder, is
flushed and fsynced, then renamed over the old one (an atomic step on every POSIX file system),
and the folder is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from mentorlog.domain.records import record
from mentorlog.errors import Busy, Conflict, InvalidFile, StorageError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
# The editor's working copy of a record sits in the journal folder under this prefix.
EDIT_PREFIX = ".edit-"


def describe_os_error(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))


def _fix_for_folder(exc: OSError, folder: Path) -> str:
    """How to get a change into `folder` after the system refused it with `exc`."""
    if exc.errno == errno.EROFS:
        return (
            f"{folder} is on a read-only disk: mount it writable, or give another folder with --dir"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"make {folder} writable (chmod u+w '{folder}'), or give another folder with --dir"
    if exc.errno == errno.ENOSPC:
        return "free some space on the disk and try again"
    return f"check that {folder} exists and can be written, then try again"


# Opening never follows a link (a link may lead anywhere, even out of the journal) and never
# waits (a FIFO opened for reading would wait for a writer forever).
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def not_regular(mode: int) -> str | None:
    """What a file of this `st_mode` is when it is not a regular file mentorlog may read."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def refuse_special(label: str, what: str) -> InvalidFile:
    return InvalidFile(
        label,
        f"is {what}; mentorlog reads only regular files",
        None,
        "replace it with a regular file, or move it out of the journal",
    )


def too_big(label: str, size: int, limit: int) -> InvalidFile:
    return InvalidFile(
        label,
        f"is {size / 1024 / 1024:.1f} MB, larger than mentorlog reads ({limit // 1024 // 1024} MB)",
        None,
        "split it into smaller files",
    )


def read_regular(path: str | Path, label: str, limit: int, follow_links: bool = False) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them. A link (unless
    `follow_links`: a file the person named, outside the journal), FIFO, socket, device or
    folder is refused without reading (and without waiting), and so is a file larger than
    `limit`: its size is checked on the open file before anything is read, and a file that
    grows while it is read is refused too."""
    return read_regular_stat(path, label, limit, follow_links)[0]


def read_regular_stat(
    path: str | Path, label: str, limit: int, follow_links: bool = False
) -> tuple[bytes, os.stat_result]:
    """read_regular, and the stat of the file read, taken on the open file before the read:
    what the index stamps a record's row with, at no extra system call."""
    flags = _READ_FLAGS & ~getattr(os, "O_NOFOLLOW", 0) if follow_links else _READ_FLAGS
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refuse_special(label, "a symbolic link") from None
        if exc.errno == errno.EISDIR:
            raise refuse_special(label, "a folder") from None
        raise StorageError(
            f"could not read {label}: {describe_os_error(exc)}", "check its permissions"
        ) from None
    try:
        st = os.fstat(fd)
        what = not_regular(st.st_mode)
        if what is not None:
            raise refuse_special(label, what)
        if st.st_size > limit:
            raise too_big(label, st.st_size, limit)
        # os.read rather than a file object: no buffering for a file read whole, half the
        # cost per file on a first read of thousands.
        parts = []
        total = 0
        while part := os.read(fd, max(1 << 16, st.st_size + 1 - total)):
            parts.append(part)
            total += len(part)
            if total > limit:
                raise too_big(label, total, limit)
        return b"".join(parts), st
    except OSError as exc:
        raise StorageError(
            f"could not read {label}: {describe_os_error(exc)}", "check its permissions"
        ) from None
    finally:
        os.close(fd)


def make_private_dirs(path: Path, stop_at: Path | None = None) -> None:
    """Create `path` and missing parents with mode 0700, whatever the umask."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if stop_at is not None and current == stop_at:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StorageError(
                f"could not create folder {folder}: {describe_os_error(exc)}",
                "check the path and its permissions",
            ) from None
        os.chmod(folder, DIR_MODE)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open folders; the rename is still atomic there
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def write_atomic(
    target: Path,
    data: bytes | Iterable[bytes],
    *,
    exclusive: bool = False,
    label: str = "",
    mode: int = FILE_MODE,
) -> None:
    """Write `data` to `target` atomically, with `mode` (0600 unless told). `data` may come
    in pieces, written as they are made; if making one fails, nothing is written.

    With `exclusive`, fail with Conflict instead of replacing an existing file: the new file
    appears by hard link, which the kernel refuses if the name exists, so two writers can never
    both create the same record.
    """
    shown = label or str(target)
    temp = _temp_path(target)
    try:
        _write_new(temp, data, mode)
        if exclusive:
            _link_new(temp, target, shown)
            _discard(temp)  # the record is in place; a stray temp name is only a leftover
        else:
            os.replace(temp, target)
    except OSError as exc:
        _discard(temp)
        raise StorageError(
            f"could not write {shown}: {describe_os_error(exc)}",
            "nothing was changed; free some space or fix permissions and try again",
        ) from None
    except BaseException:
        _discard(temp)
        raise
    _sync_after_change(target.parent, f"saved {shown}")


def _write_new(temp: Path, data: bytes | Iterable[bytes], mode: int) -> None:
    """Create `temp` (which must not exist) holding `data`, on the disk, with `mode`."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        for piece in (data,) if isinstance(data, bytes) else data:
            view = memoryview(piece)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(temp, mode)


def _sync_after_change(folder: Path, done: str) -> None:
    """Make a rename or unlink durable. It has already happened, so a failure here must not say
    "nothing was changed" (the person would redo it), nor pass in silence (the disk is failing
    and a power cut could still undo the change)."""
    try:
        fsync_dir(folder)
    except OSError as exc:
        raise StorageError(
            f"{done}, but could not make sure it reached the disk: {describe_os_error(exc)}",
            "the change is in place; check the disk, then run `mentorlog doctor`",
        ) from None


def _link_new(temp: Path, target: Path, shown: str) -> None:
    try:
        os.link(temp, target)
    except FileExistsError:
        raise Conflict(f"{shown} already exists", "nothing was overwritten; try again") from None
    except OSError as exc:
        # File systems without hard links: we hold the journal lock, so check-then-rename is safe.
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if target.exists():
            raise Conflict(f"{shown} already exists", "nothing was overwritten") from None
        os.rename(temp, target)
        temp.touch()  # the caller unlinks it


def _discard(path: Path) -> None:
    with suppress(OSError):
        os.unlink(path)


def remove(target: Path, label: str = "") -> None:
    try:
        os.unlink(target)
    except OSError as exc:
        raise StorageError(
            f"could not delete {label or target}: {describe_os_error(exc)}",
            "nothing was changed",
        ) from None
    _sync_after_change(target.parent, f"deleted {label or target}")


@contextmanager
def exclusive_lock(lock_file: Path, timeout: float) -> Iterator[None]:
    """Hold an advisory lock on `lock_file`. The kernel drops it if the holder dies, so a
    killed command never blocks the next one."""
    import fcntl

    try:
        # O_NOFOLLOW: a lock file planted as a link must not make us create files elsewhere.
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except OSError as exc:
        raise StorageError(
            f"could not open the lock file {lock_file}: {describe_os_error(exc)}",
            _fix_for_folder(exc, lock_file.parent),
        ) from None
    try:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(
                        "another mentorlog command is changing this journal",
                        "wait for it to finish and try again",
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- several files as one change ------------------------------------------------------------


@record
class FileChange:
    """One file of a change: new contents (None deletes it), and whether it must be new."""

    target: Path
    label: str
    data: bytes | None
    create: bool = False
    mode: int = FILE_MODE


def apply_changes(changes: list[FileChange], intent_log: Path) -> None:
    """Make every change or none: a failure part-way puts back the files already changed.

    Every new text is first written to a temporary file beside its target and fsynced, and
    every file about to be replaced or deleted gets a second name (a hard link to the same
    bytes). Only then is `intent_log` written, naming them all; the renames follow, in order.
    A failure among them undoes those done; a crash among them leaves `intent_log`, and
    `undo_interrupted` puts the old files back the next time the journal is locked. One file
    alone needs none of this: its rename is the whole change.
    """
    if len(changes) == 1:
        _apply_one(changes[0])
        return
    staged: list[Path | None] = []
    kept: list[Path | None] = []
    log_temp = _temp_path(intent_log)
    try:
        for change in changes:
            staged.append(_stage(change))
            kept.append(None if change.create else _keep_old(change))
        _write_new(log_temp, _intent(changes, staged, kept, intent_log.parent), FILE_MODE)
        os.replace(log_temp, intent_log)
        fsync_dir(intent_log.parent)
    except OSError as exc:
        _discard_all([*staged, *kept, log_temp, intent_log])
        raise StorageError(
            f"could not write {changes[0].label}: {describe_os_error(exc)}",
            "nothing was changed; free some space or fix permissions and try again",
        ) from None
    except BaseException:
        _discard_all([*staged, *kept, log_temp, intent_log])
        raise
    done = 0
    try:
        for change, temp in zip(changes, staged, strict=True):
            _put_in_place(change, temp)
            done += 1
    except (OSError, Conflict) as exc:
        _discard_all(staged)
        failed = changes[done]
        try:
            undo_interrupted(intent_log)
        except OSError as undo_exc:
            raise StorageError(
                f"could not write {failed.label}, and could not put back the files changed "
                f"before it: {describe_os_error(undo_exc)}",
                "the next mentorlog command that changes the journal puts them back",
            ) from None
        if isinstance(exc, Conflict):
            raise
        raise StorageError(
            f"could not write {failed.label}: {describe_os_error(exc)}",
            "nothing was changed; free some space or fix permissions and try again",
        ) from None
    _discard_all(staged)
    _finish(changes, kept, intent_log)


def _apply_one(change: FileChange) -> None:
    if change.data is None:
        remove(change.target, change.label)
    else:
        write_atomic(
            change.target,
            change.data,
            exclusive=change.create,
            label=change.label,
            mode=change.mode,
        )


def _stage(change: FileChange) -> Path | None:
    if change.data is None:
        return None
    temp = _temp_path(change.target)
    try:
        _write_new(temp, change.data, change.mode)
    except OSError as exc:
        _discard(temp)
        raise StorageError(
            f"could not write {change.label}: {describe_os_error(exc)}",
            "nothing was changed; free some space or fix permissions and try again",
        ) from None
    return temp


def _keep_old(change: FileChange) -> Path:
    """A second name for the file's current bytes: the rename that follows replaces the name
    `target`, never these bytes."""
    target = change.target
    kept = _temp_path(target)
    try:
        os.link(target, kept)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links here: a copy, on the disk before anything is renamed.
        try:
            _write_new(kept, target.read_bytes(), stat.S_IMODE(os.stat(target).st_mode))
        except BaseException:
            _discard(kept)
            raise
    return kept


def _intent(
    changes: list[FileChange], staged: list[Path | None], kept: list[Path | None], folder: Path
) -> bytes:
    import hashlib
    import json

    entries = []
    for change, new, old in zip(changes, staged, kept, strict=True):
        entry: dict[str, str] = {"target": os.path.relpath(change.target, folder)}
        if new is not None:
            entry["new"] = os.path.relpath(new, folder)
        if old is not None:
            entry["old"] = os.path.relpath(old, folder)
        elif change.data is not None:
            entry["new_sha256"] = hashlib.sha256(change.data).hexdigest()
        entries.append(entry)
    return json.dumps({"version": 1, "changes": entries}, indent=1).encode("utf-8")


def _put_in_place(change: FileChange, temp: Path | None) -> None:
    if temp is None:
        os.unlink(change.target)
    elif change.create:
        _link_new(temp, change.target, change.label)
    else:
        os.replace(temp, change.target)


def _finish(changes: list[FileChange], kept: list[Path | None], intent_log: Path) -> None:
    """Make the renames durable, then forget the old files. A folder that cannot be synced is
    reported once everything else is tidy: the change is in place either way."""
    failure: StorageError | None = None
    for folder in dict.fromkeys(change.target.parent for change in changes):
        try:
            _sync_after_change(folder, f"saved {changes[0].label} and the files with it")
        except StorageError as exc:
            failure = failure or exc
    _discard(intent_log)
    try:
        _sync_after_change(intent_log.parent, f"saved {changes[0].label} and the files with it")
    except StorageError as exc:
        failure = failure or exc
    _discard_all(kept)
    if failure is not None:
        raise failure


def undo_interrupted(intent_log: Path) -> list[str]:
    """Put back the files of a change that stopped part-way (see `apply_changes`); the names
    of the files it restored. Nothing to do when `intent_log` does not exist."""
    import hashlib
    import json

    try:
        entries = json.loads(intent_log.read_bytes())["changes"]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        raise StorageError(
            f"{intent_log.name} (an interrupted change) cannot be read",
            "restore the journal from a copy or delete that file, then run `mentorlog doctor`",
        ) from None
    folder = intent_log.parent
    restored: list[str] = []
    for entry in reversed(entries):
        target = folder / entry["target"]
        if "new" in entry:
            _discard(folder / entry["new"])  # a new text never put in place
        if "old" in entry:
            old = folder / entry["old"]
            if os.path.lexists(old):
                os.rename(old, target)
                # two names of one file (not yet replaced): rename leaves both in place
                _discard(old)
                restored.append(entry["target"])
        elif (
            "new_sha256" in entry
            and os.path.lexists(target)
            # a file this change created: only those exact bytes, never a file made since
            and hashlib.sha256(target.read_bytes()).hexdigest() == entry["new_sha256"]
        ):
            os.unlink(target)
            restored.append(entry["target"])
    for parent in dict.fromkeys((folder / entry["target"]).parent for entry in entries):
        fsync_dir(parent)
    os.unlink(intent_log)
    fsync_dir(folder)
    return restored


def _discard_all(paths: list[Path | None]) -> None:
    for path in paths:
        if path is not None:
            _discard(path)
