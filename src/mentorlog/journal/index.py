"""A cache of parsed records, so a warm command reads one small file instead of every record.

The index is never the source of truth. Each entry remembers the file's size, mtime, ctime and
inode; one `stat()` per file decides whether the entry still describes the file, so a hand edit
is never missed (restoring the mtime with `touch -d` or `os.utime` still changes the ctime).
Files changed in the last few seconds, or stamped in the future, are not cached at all: a second
edit within the file system's timestamp granularity could otherwise go unnoticed.

On disk it is a header, a table of contents and one chunk per record folder (`sessions/2026`),
each a `marshal` payload of plain tuples, strings and numbers with its own CRC-32. A folder may
also have a second, smaller chunk, its "outline": the folder's listing, the stamps of its
record files and a summary of them made by the caller (`due` keeps one of old sessions), so a
command that needs only the summary checks the listing and the stamps against the files and
never decodes the entries. The outline holds them in the forms cheapest to compare: the
listing as one string, in the order the system lists the folder, and the stamps as the bytes
`marshal` version 2 makes of them (that version writes no back-references, so equal stamps
always make equal bytes). `marshal` loads several times faster than JSON and can hold no code.
Chunks are read one folder at a time
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
VERSION = 7  # 7: record dates checked against the calendar's ends; problems quote no values
RACY_WINDOW_NS = 3_000_000_000
_HEADER = MAGIC + VERSION.to_bytes(2, "big")
_SIZES = 8  # table length and table CRC, 4 bytes each
_LOAD_ERRORS = (ValueError, EOFError, TypeError, OverflowError)

# (name, size, mtime_ns, ctime_ns, inode, kind, row)
Entry = tuple[str, int, int, int, int, str, Any]
# folder -> (offset after the table, length, crc) of its chunk, which holds
# (names, entries): the names apart, so the lookup table is built by dict(zip()) in C;
# then the same three of its outline, length 0 when it has none
Table = dict[str, tuple[int, int, int, int, int, int]]
# A folder's outline: its listing joined by "/" (a character no file name holds), its record
# file names in listing order joined the same way, their stamps (size, mtime_ns, ctime_ns,
# inode) as marshal version 2 bytes, and the caller's summary (None: no summary possible)
Outline = tuple[str, str, bytes, Any]
STAMPS_MARSHAL_VERSION = 2


class Folder:
    """The cached entries of one folder, while that folder is being read."""

    __slots__ = (
        "cached",
        "changed",
        "fresh",
        "hits",
        "listed",
        "listing",
        "made",
        "outlined",
        "rel",
        "summarised",
        "summary",
        "wants_outline",
    )

    def __init__(
        self,
        rel: str,
        cached: dict[str, Entry],
        changed: bool,
        wants_outline: bool = False,
        outlined: bool = False,
    ) -> None:
        self.rel = rel
        self.cached = cached
        self.fresh: list[Entry] = []
        self.hits = 0
        self.changed = changed
        # With `wants_outline`, an outline is written for the folder, holding the summary the
        # caller gives (see outline_entries); `listed` counts its record files (the caller's
        # count), so an outline is made only when every one is cached.
        self.wants_outline = wants_outline
        self.summary: Any = None
        self.summarised = False
        self.listed = 0
        self.listing: list[str] | None = None  # every name in the folder, as listed
        self.outlined = outlined  # the index holds a current outline of this folder
        self.made: Outline | bool | None = False  # the new outline, once made

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

    def drop(self, name: str) -> None:
        """Leave out of the index an entry found wrong after the walk, so the file is read
        again next time. (When the folder's chunk is kept as it was, its entries are no longer
        at hand: the file is then read again each time, which is slow but never wrong.)"""
        if self.fresh:
            self.changed = True
            self.fresh = [entry for entry in self.fresh if entry[0] != name]

    def forget(self, name: str) -> None:
        """Drop an entry the caller could not use (a row of the wrong shape)."""
        self.changed = True
        self.hits -= 1
        self.fresh = [entry for entry in self.fresh if entry[0] != name]

    def store(self, name: str, st: os.stat_result, kind: str, row: Any, now_ns: int) -> None:
        self.changed = True
        mtime = st.st_mtime_ns
        # Just changed, or stamped in the future. (Only the mtime: a copy that keeps an old
        # mtime is cached at once, and a second change of it within the same ctime tick, with
        # the same size and the old mtime restored again, would be missed; with nanosecond
        # ctimes that cannot happen by hand.)
        if mtime > now_ns - RACY_WINDOW_NS:
            return
        self.fresh.append((name, st.st_size, mtime, st.st_ctime_ns, st.st_ino, kind, row))

    def done(self) -> None:
        """The folder has been walked: whether the chunk still matches is now known. The
        entries are kept only when the chunk must be rewritten."""
        if self.hits != len(self.cached):
            self.changed = True  # some files were deleted or changed
        self.cached = {}
        if not self.changed and (not self.wants_outline or self.outlined):
            self.fresh = []

    def outline_entries(self) -> list[Entry] | None:
        """The entries, by name, that a new outline of the folder would sum up; None when
        the folder gets no outline, or some file could not be cached (it changed seconds ago,
        or its name is not an id): then there is none until there can be. The caller sums
        them up and hands the summary to `summarised_as`."""
        if not self.wants_outline or (self.outlined and not self.changed):
            return None
        if self.listing is None or len(self.fresh) != self.listed:
            return None
        if len({entry[0] for entry in self.fresh} & set(self.listing)) != len(self.fresh):
            return None
        return sorted(self.fresh, key=_by_name)

    def summarised_as(self, summary: Any) -> None:
        self.summary = summary
        self.summarised = True

    def new_outline(self) -> Outline | None:
        """The folder's new outline, once the caller gave its summary; else None."""
        if self.made is not False:
            return self.made  # type: ignore[return-value]
        self.made = None
        listing = self.listing
        if not self.summarised or listing is None:
            return None
        by_name = {entry[0]: entry for entry in self.fresh}
        names = [name for name in listing if name in by_name]
        if len(names) != len(by_name) or len(self.fresh) != self.listed:
            return None
        stamps = [by_name[name][1:5] for name in names]
        blob = marshal.dumps(stamps, STAMPS_MARSHAL_VERSION)
        self.made = ("/".join(listing), "/".join(names), blob, self.summary)
        return self.made


def _by_name(entry: Entry) -> str:
    return entry[0]


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

    def folder(self, rel: str, outline: bool = False, outline_stale: bool = False) -> Folder:
        """Start reading folder `rel` (relative to the journal; "" for the root). With
        `outline`, the folder gets an outline holding the caller's summary, made anew when
        `outline_stale` (the caller found it did not match the files)."""
        cached = self._read_chunk(rel)
        where = self.table.get(rel)
        outlined = cached is not None and where is not None and where[4] > 0
        outlined = outlined and not outline_stale
        folder = Folder(rel, cached or {}, cached is None, outline, outlined)
        self.folders[rel] = folder
        return folder

    def outline(self, rel: str) -> Outline | None:
        """The outline of folder `rel` as last written, or None. The caller compares its names
        and stamps with the files before it trusts the summary."""
        where = self.table.get(rel)
        if where is None or self.fd is None or not where[4]:
            return None
        try:
            raw = os.pread(self.fd, where[4], self.base + where[3])
            if len(raw) != where[4] or binascii.crc32(raw) != where[5]:
                return None
            listing, names, stamps, summary = marshal.loads(raw)
            if not (
                isinstance(listing, str) and isinstance(names, str) and isinstance(stamps, bytes)
            ):
                return None
            return listing, names, stamps, summary
        except (OSError, *_LOAD_ERRORS):
            return None

    def forget_file(self, rel: str) -> None:
        """Leave the file `rel` (relative to the journal) out of the index, now that it is
        deleted: what it said must not outlive it in the cache, even when the next command
        reads only some folders. Its folder's outline goes too; the next read makes it anew."""
        folder_rel, _, name = rel.rpartition("/")
        cached = self._read_chunk(folder_rel)
        if cached is None or name not in cached:
            return
        folder = Folder(folder_rel, {}, changed=True)
        folder.fresh = [entry for key, entry in cached.items() if key != name]
        self.folders[folder_rel] = folder

    def keep(self, rel: str) -> None:
        """Folder `rel` was found unchanged by its outline: keep both its chunks as they are."""
        self.folders[rel] = Folder(rel, {}, changed=False, outlined=True)

    def _read_chunk(self, rel: str) -> dict[str, Entry] | None:
        where = self.table.get(rel)
        if where is None or self.fd is None:
            return None
        try:
            offset, length, crc = where[:3]
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
        for folder in self.folders.values():
            if folder.changed or (not folder.outlined and folder.new_outline() is not None):
                return True
        return any(rel not in self.folders and not self._kept(rel, walked) for rel in self.table)

    def _assemble(self, walked: tuple[str, ...] | None) -> Iterator[bytes]:
        """The new file, in pieces: chunks that did not change are copied from the old file
        one at a time, so a rewrite never holds the whole index in memory."""
        # (rel, new chunk bytes or None to copy, length, crc, new outline, its length, crc)
        chunks: list[tuple[str, bytes | None, int, int, bytes | None, int, int]] = []
        for rel, folder in self.folders.items():
            old = self.table.get(rel, (0, 0, 0, 0, 0, 0))
            if folder.changed:
                names = tuple(entry[0] for entry in folder.fresh)
                raw: bytes | None = marshal.dumps((names, tuple(folder.fresh)))
                assert raw is not None
                length, crc = len(raw), binascii.crc32(raw)
            else:
                raw, length, crc = None, old[1], old[2]
            if folder.outlined and not folder.changed:
                outline, outline_length, outline_crc = None, old[4], old[5]
            else:
                made = folder.new_outline()
                outline = marshal.dumps(made) if made is not None else b""
                outline_length, outline_crc = len(outline), binascii.crc32(outline)
            folder.fresh = []
            chunks.append((rel, raw, length, crc, outline, outline_length, outline_crc))
        for rel, where in self.table.items():
            if self._kept(rel, walked):
                chunks.append((rel, None, where[1], where[2], None, where[4], where[5]))
        table: Table = {}
        offset = 0
        for rel, _, length, crc, _, outline_length, outline_crc in chunks:
            table[rel] = (offset, length, crc, offset + length, outline_length, outline_crc)
            offset += length + outline_length
        head = marshal.dumps((self.root, table))
        yield _HEADER + len(head).to_bytes(4, "big") + binascii.crc32(head).to_bytes(4, "big")
        yield head
        for rel, new, _, _, outline, _, _ in chunks:
            yield new if new is not None else self._old_chunk(rel, 0)
            yield outline if outline is not None else self._old_chunk(rel, 3)

    def _old_chunk(self, rel: str, at: int) -> bytes:
        """The bytes of folder `rel`'s old chunk (at 0) or outline (at 3)."""
        offset, length = self.table[rel][at : at + 2]
        if not length:
            return b""
        if self.fd is None:
            raise OSError("the old index is closed")
        raw = os.pread(self.fd, length, self.base + offset)
        if len(raw) != length:
            raise OSError("the old index is truncated")
        return raw


def _write(path: Path, parts: Iterable[bytes]) -> None:
    from mentorlog.journal.files import FILE_MODE, make_private_dirs

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
