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
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from mentorlog.errors import Busy, Conflict, InvalidFile, StorageError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
# The editor's working copy of a record sits in the journal folder under this prefix.
EDIT_PREFIX = ".edit-"


def describe_os_error(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))


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
        return b"".join(parts)
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


def write_atomic(target: Path, data: bytes, *, exclusive: bool = False, label: str = "") -> None:
    """Write `data` to `target` atomically, mode 0600.

    With `exclusive`, fail with Conflict instead of replacing an existing file: the new file
    appears by hard link, which the kernel refuses if the name exists, so two writers can never
    both create the same record.
    """
    shown = label or str(target)
    temp = _temp_path(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, FILE_MODE)
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
            f"could not open the lock file {lock_file}: {describe_os_error(exc)}", None
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
