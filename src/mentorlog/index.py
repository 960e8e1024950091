"""A cache of parsed records, so a warm command reads one small file instead of every record.

The index is never the source of truth. Each entry remembers the file's size, mtime, ctime and
inode; one `stat()` per file decides whether the entry still describes the file, so a hand edit
is never missed (restoring the mtime with `touch -d` or `os.utime` still changes the ctime).
Files changed in the last few seconds, or stamped in the future, are not cached at all: a second
edit within the file system's timestamp granularity could otherwise go unnoticed.

On disk it is a header, a table of contents and one chunk per record folder (`sessions/2026`),
each a `marshal` payload of plain tuples, strings and numbers with its own CRC-32. `marshal`
loads several times faster than JSON and can hold no code. Chunks are read one folder at a time
while that folder is walked and dropped after it, so memory does not grow with the index, and a
rewrite copies the bytes of every folder that did not change. A header, table or chunk that is
truncated, corrupt, of another version or for another journal is ignored (its files are parsed
again); an entry of the wrong shape is a miss. The file is written only when something changed,
atomically, without fsync: losing it costs one slow command, and the CRCs catch a torn write.
"""

from __future__ import annotations

import binascii
import marshal
import os
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

MAGIC = b"mentorlog-index\n"
VERSION = 5
RACY_WINDOW_NS = 3_000_000_000
_HEADER = MAGIC + VERSION.to_bytes(2, "big")
_SIZES = 8  # table length and table CRC, 4 bytes each
_LOAD_ERRORS = (ValueError, EOFError, TypeError, OverflowError)

# (name, size, mtime_ns, ctime_ns, inode, kind, row)
Entry = tuple[str, int, int, int, int, str, Any]
# folder -> (offset after the table, length, crc) of its chunk, which holds
# (names, entries): the names apart, so the lookup table is built by dict(zip()) in C
Table = dict[str, tuple[int, int, int]]


class Folder:
    """The cached entries of one folder, while that folder is being read."""

    __slots__ = ("cached", "changed", "fresh", "hits", "rel")

    def __init__(self, rel: str, cached: dict[str, Entry], changed: bool) -> None:
        self.rel = rel
        self.cached = cached
        self.fresh: list[Entry] = []
        self.hits = 0
        self.changed = changed

    def lookup(self, name: str, st: os.stat_result) -> Entry | None:
        """The cached entry (kind entry[5], row entry[6]) while it still describes the file;
        None when the file must be parsed again."""
        entry = self.cached.get(name)
        try:
            if (
                entry is None
                or entry[1] != st.st_size
                or entry[2] != st.st_mtime_ns
                or entry[3] != st.st_ctime_ns
                or entry[4] != st.st_ino
                or len(entry) != 7
            ):
                self.changed = True  # the caller parses the file and stores it
                return None
        except (TypeError, IndexError, KeyError):
            self.changed = True
            return None
        self.hits += 1
        self.fresh.append(entry)
        return entry

    def forget(self, name: str) -> None:
        """Drop an entry the caller could not use (a row of the wrong shape)."""
        self.changed = True
        self.hits -= 1
        self.fresh = [entry for entry in self.fresh if entry[0] != name]

    def store(self, name: str, st: os.stat_result, kind: str, row: Any, now_ns: int) -> None:
        self.changed = True
        mtime = st.st_mtime_ns
        if mtime > now_ns - RACY_WINDOW_NS:  # just changed, or stamped in the future
            return
        self.fresh.append((name, st.st_size, mtime, st.st_ctime_ns, st.st_ino, kind, row))

    def done(self) -> None:
        """The folder has been walked: whether the chunk still matches is now known. The
        entries are kept only when the chunk must be rewritten."""
        if self.hits != len(self.cached):
            self.changed = True  # some files were deleted or changed
        self.cached = {}
        if not self.changed:
            self.fresh = []


class Index:
    def __init__(self, path: Path | None, root: str, now_ns: int) -> None:
        self.path = path
        self.root = root
        self.now_ns = now_ns
        self.table: Table = {}
        self.folders: dict[str, Folder] = {}
        self.fd: int | None = None  # the file read, kept open so a rewrite can copy from it
        self.sound = False
        self.base = 0  # where the chunks start; table offsets count from here

    @classmethod
    def open(cls, path: Path | None, root: str, now_ns: int) -> Index:
        index = cls(path, root, now_ns)
        if path is None:
            return index
        try:
            index.fd = os.open(path, os.O_RDONLY)
        except OSError:
            return index
        try:
            head = os.pread(index.fd, len(_HEADER) + _SIZES, 0)
            if head[: len(_HEADER)] != _HEADER:
                return index
            length = int.from_bytes(head[len(_HEADER) : len(_HEADER) + 4], "big")
            crc = int.from_bytes(head[len(_HEADER) + 4 :], "big")
            raw = os.pread(index.fd, length, len(_HEADER) + _SIZES)
            if len(raw) != length or binascii.crc32(raw) != crc:
                return index
            data = marshal.loads(raw)
            if (
                isinstance(data, tuple)
                and len(data) == 2
                and data[0] == root
                and isinstance(data[1], dict)
            ):
                index.table = data[1]
                index.base = len(_HEADER) + _SIZES + length
                index.sound = True
        except (OSError, *_LOAD_ERRORS):
            pass
        return index

    def folder(self, rel: str) -> Folder:
        """Start reading folder `rel` (relative to the journal; "" for the root)."""
        cached = self._read_chunk(rel)
        folder = Folder(rel, cached or {}, changed=cached is None)
        self.folders[rel] = folder
        return folder

    def _read_chunk(self, rel: str) -> dict[str, Entry] | None:
        where = self.table.get(rel)
        if where is None or self.fd is None:
            return None
        try:
            offset, length, crc = where
            raw = os.pread(self.fd, length, self.base + offset)
            if len(raw) != length or binascii.crc32(raw) != crc:
                return None
            names, entries = marshal.loads(raw)
            if not isinstance(names, tuple) or not isinstance(entries, tuple):
                return None
            if len(names) != len(entries):
                return None
            return dict(zip(names, entries, strict=True))
        except (OSError, IndexError, *_LOAD_ERRORS):
            return None

    def save(self, walked: tuple[str, ...] | None = None) -> None:
        """Write the index if anything changed, then close it. Never an error: at worst the
        next command parses again.

        `walked` names the top folders that were read in full (None: all of them). A chunk of
        a walked folder that was not seen belongs to a folder that is gone."""
        try:
            if self._needs_writing(walked) and self.path is not None:
                _write(self.path, self._assemble(walked))
        except Exception:
            pass
        finally:
            self.close()

    def close(self) -> None:
        if self.fd is not None:
            with suppress(OSError):
                os.close(self.fd)
            self.fd = None

    def _kept(self, rel: str, walked: tuple[str, ...] | None) -> bool:
        """Whether an old chunk not read this time is still wanted."""
        if rel in self.folders:
            return False
        top = rel.split("/", 1)[0]
        return walked is not None and top not in walked

    def _needs_writing(self, walked: tuple[str, ...] | None) -> bool:
        if not self.sound:
            return True
        if any(folder.changed for folder in self.folders.values()):
            return True
        return any(rel not in self.folders and not self._kept(rel, walked) for rel in self.table)

    def _assemble(self, walked: tuple[str, ...] | None) -> Iterator[bytes]:
        """The new file, in pieces: chunks that did not change are copied from the old file
        one at a time, so a rewrite never holds the whole index in memory."""
        chunks: list[tuple[str, bytes | None, int, int]] = []  # rel, new bytes, length, crc
        for rel, folder in self.folders.items():
            if folder.changed:
                names = tuple(entry[0] for entry in folder.fresh)
                raw = marshal.dumps((names, tuple(folder.fresh)))
                folder.fresh = []
                chunks.append((rel, raw, len(raw), binascii.crc32(raw)))
            else:
                chunks.append((rel, None, self.table[rel][1], self.table[rel][2]))
        for rel in self.table:
            if self._kept(rel, walked):
                chunks.append((rel, None, self.table[rel][1], self.table[rel][2]))
        table: Table = {}
        offset = 0
        for rel, _, length, crc in chunks:
            table[rel] = (offset, length, crc)
            offset += length
        head = marshal.dumps((self.root, table))
        yield _HEADER + len(head).to_bytes(4, "big") + binascii.crc32(head).to_bytes(4, "big")
        yield head
        for rel, new, _, _ in chunks:
            yield new if new is not None else self._old_chunk(rel)

    def _old_chunk(self, rel: str) -> bytes:
        offset, length, _ = self.table[rel]
        if self.fd is None:
            raise OSError("the old index is closed")
        raw = os.pread(self.fd, length, self.base + offset)
        if len(raw) != length:
            raise OSError("the old index is truncated")
        return raw


def _write(path: Path, parts: Iterable[bytes]) -> None:
    from mentorlog.fsutil import FILE_MODE, make_private_dirs

    make_private_dirs(path.parent)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            for data in parts:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
