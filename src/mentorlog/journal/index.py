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
again), and so is a chunk holding anything but what this version writes: every table and
summary is checked once, field by field, as it is read (`Index._read`, the one place that turns
a damaged or foreign index into a miss), and each entry and its record's row as it is looked
up (`Folder.lookup`, where an entry or row of the wrong shape is a miss too), so the code that
uses them never meets a value of the wrong shape, and a command that wants a few rows checks
only those. The file is written only when something changed,
atomically, without fsync: losing it costs one slow command, and the CRCs catch a torn write.
"""

from __future__ import annotations

import binascii
import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar, overload

from mentorlog.domain.records import Row
from mentorlog.domain.rows import checked, require

MAGIC = b"mentorlog-index\n"
# 16: the feedback folder is cached too (its own chunk, read by journal/feedback.py);
# 15: a meeting's TOML date-time keeps its time, and a file repeating a meeting id is a problem;
# 14: a closure keeps the day it was closed; 13: sessions keep their advice, and done actions on advice stay plain; 12: two windows per
# mentor, snooze, open-ended pause, cadence defaults; 11: mentors carry their booked meetings;
# 10: a session's source and calendar event; 9: a mentor's agreement, phase, skipped items and
# closure; 8: every row checked as it is read; reflections and problems stored as tuples
VERSION = 16
RACY_WINDOW_NS = 3_000_000_000
_HEADER = MAGIC + VERSION.to_bytes(2, "big")
_SIZES = 8  # table length and table CRC, 4 bytes each
# What a damaged, foreign or old index can raise while it is read and rebuilt (BadShape is a
# ValueError), and a row as it is checked: each means "read the files instead", never an error.
UNUSABLE = (OSError, ValueError, EOFError, TypeError, OverflowError)
STAMPS_MARSHAL_VERSION = 2

T = TypeVar("T")


class Entry(Row):
    """What the index keeps of one file: its stamp, and the row of what it holds."""

    name: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    kind: str  # the record's kind, or "problem" for a file that could not be read
    row: Any  # as the record's to_row makes it (domain/rows.py)

    def stored(self) -> tuple[Any, ...]:
        """The entry as marshal stores it: plain tuples all the way down."""
        row = self.row
        if isinstance(row, tuple):
            row = tuple(row)
        return (self.name, self.size, self.mtime_ns, self.ctime_ns, self.inode, self.kind, row)

    def stamp(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)


class Place(Row):
    """Where a folder's chunk, which holds (names, entries), and its outline are in the file,
    counted from the end of the table. The names are kept apart, so the lookup table is built
    by dict(zip()) in C. An outline length of 0: the folder has none."""

    offset: int
    length: int
    crc: int
    outline_offset: int
    outline_length: int
    outline_crc: int


Table = dict[str, Place]
# A piece of a new index file: its bytes, where it lies in the spool (offset), or None to copy
# the old file's bytes.
Piece = bytes | int | None
# Whether a caller wants the record of a cached entry, given its kind and its row as stored
# (unchecked: a predicate only peeks at it, see domain/rows.py).
Wanted = Callable[[str, Any], bool]
_NOWHERE = Place(0, 0, 0, 0, 0, 0)


class Outline(Row):
    """A folder's outline: its listing joined by "/" (a character no file name holds), its
    record file names in listing order joined the same way, their stamps (size, mtime_ns,
    ctime_ns, inode) as marshal version 2 bytes, and the caller's summary (None: no summary
    possible), in the form the caller stores it."""

    listing: str
    names: str
    stamps: bytes
    summary: Any


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
        cached: dict[str, Any],
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

    def lookup(self, name: str, st: os.stat_result, wanted: Wanted | None = None) -> Entry | None:
        """The cached entry while it still describes the file, its row checked; None when the
        file must be parsed again (changed, or its row is not of the shape this version
        writes). With `wanted`, an unchanged entry whose stored row the caller does not want
        is UNWANTED, and its row is neither checked nor rebuilt: a command about one mentor
        pays for that mentor's rows only."""
        stored: Any = self.cached.get(name)
        try:
            # The entry as stored, checked here rather than as its chunk is decoded: a read
            # of a large folder then walks its entries once, not twice.
            key, size, mtime_ns, ctime_ns, inode, kind, row = stored
        except (TypeError, ValueError):  # none, or not an entry: parse the file
            self.changed = True
            return None
        if (
            key != name
            or size != st.st_size
            or mtime_ns != st.st_mtime_ns
            or ctime_ns != st.st_ctime_ns
            or inode != st.st_ino
            or type(size) is not int
            or type(mtime_ns) is not int
            or type(ctime_ns) is not int
            or type(inode) is not int
        ):
            self.changed = True  # the caller parses the file and stores it
            return None
        if wanted is not None and not wanted(kind, row):
            self.hits += 1
            # Kept as stored: a rewrite copies it unchanged.
            self.fresh.append(Entry(name, size, mtime_ns, ctime_ns, inode, kind, row))
            return UNWANTED
        try:
            row = checked(kind, row)
        except UNUSABLE:
            self.changed = True  # written by another version or a bug: parse the file again
            return None
        entry = Entry(name, size, mtime_ns, ctime_ns, inode, kind, row)
        self.hits += 1
        self.fresh.append(entry)
        return entry

    def forget(self, name: str) -> None:
        """Drop an entry the caller could not use (the row of another record)."""
        self.changed = True
        self.hits -= 1
        self.fresh = [entry for entry in self.fresh if entry.name != name]

    def store(self, name: str, st: os.stat_result, kind: str, row: Any, now_ns: int) -> None:
        self.changed = True
        mtime = st.st_mtime_ns
        # Just changed, or stamped in the future. (Only the mtime: a copy that keeps an old
        # mtime is cached at once, and a second change of it within the same ctime tick, with
        # the same size and the old mtime restored again, would be missed; with nanosecond
        # ctimes that cannot happen by hand.)
        if mtime > now_ns - RACY_WINDOW_NS:
            return
        self.fresh.append(Entry(name, st.st_size, mtime, st.st_ctime_ns, st.st_ino, kind, row))

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
        if len({entry.name for entry in self.fresh} & set(self.listing)) != len(self.fresh):
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
        by_name = {entry.name: entry for entry in self.fresh}
        names = [name for name in listing if name in by_name]
        if len(names) != len(by_name) or len(self.fresh) != self.listed:
            return None
        stamps = [by_name[name].stamp() for name in names]
        blob = marshal.dumps(stamps, STAMPS_MARSHAL_VERSION)
        self.made = Outline("/".join(listing), "/".join(names), blob, self.summary)
        return self.made


# What Folder.lookup returns for an unchanged entry the caller does not want.
UNWANTED = Entry("", 0, 0, 0, 0, "unwanted", None)


def _by_name(entry: Entry) -> str:
    return entry.name


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
        # Folders already made into their new chunk and outline (see seal): their place, and
        # each piece's bytes, or where it is in the spool, or None to copy the old file's.
        self.sealed: dict[str, tuple[Place, Piece, Piece]] = {}
        self.spool: int | None = None  # an unlinked file holding sealed pieces
        self.spool_size = 0
        self.spool_path: Path | None = None  # set while the spool could not be unlinked

    @classmethod
    def open(cls, path: Path | None, root: str, now_ns: int) -> Index:
        index = cls(path, root, now_ns)
        if path is None:
            return index
        try:
            index.fd = os.open(path, os.O_RDONLY)
        except OSError:
            return index
        head = index._read(0, len(_HEADER) + _SIZES)
        if head is None or head[: len(_HEADER)] != _HEADER:
            return index
        length = int.from_bytes(head[len(_HEADER) : len(_HEADER) + 4], "big")
        crc = int.from_bytes(head[len(_HEADER) + 4 :], "big")
        table = index._read(len(_HEADER) + _SIZES, length, crc, index._table)
        if table is not None:
            index.table = table
            index.base = len(_HEADER) + _SIZES + length
            index.sound = True
        return index

    def folder(self, rel: str, outline: bool = False, outline_stale: bool = False) -> Folder:
        """Start reading folder `rel` (relative to the journal; "" for the root). With
        `outline`, the folder gets an outline holding the caller's summary, made anew when
        `outline_stale` (the caller found it did not match the files)."""
        cached = self._read_chunk(rel)
        where = self.table.get(rel)
        outlined = cached is not None and where is not None and where.outline_length > 0
        outlined = outlined and not outline_stale
        folder = Folder(rel, cached or {}, cached is None, outline, outlined)
        self.folders[rel] = folder
        return folder

    def outline(self, rel: str, summary_of: Callable[[Any], Any]) -> Outline | None:
        """The outline of folder `rel` as last written, its summary rebuilt by `summary_of`
        (which raises BadShape when the stored one is not of its shape); or None. The caller
        compares its names and stamps with the files before it trusts the summary."""
        where = self.table.get(rel)
        if where is None or not where.outline_length:
            return None

        def outline(stored: Any) -> Outline:
            found = Outline._make(stored)
            require(
                type(found.listing) is str
                and type(found.names) is str
                and type(found.stamps) is bytes
            )
            return found._replace(summary=summary_of(found.summary))

        return self._read(
            self.base + where.outline_offset, where.outline_length, where.outline_crc, outline
        )

    def forget_file(self, rel: str) -> None:
        """Leave the file `rel` (relative to the journal) out of the index, now that it is
        deleted: what it said must not outlive it in the cache, even when the next command
        reads only some folders. Its folder's outline goes too; the next read makes it anew."""
        folder_rel, _, name = rel.rpartition("/")
        cached = self._read_chunk(folder_rel)
        if cached is None or name not in cached:
            return
        folder = Folder(folder_rel, {}, changed=True)
        folder.fresh = [
            Entry._make(entry)
            for key, entry in cached.items()
            if key != name and type(entry) is tuple and len(entry) == len(Entry._fields)
        ]
        self.folders[folder_rel] = folder

    def keep(self, rel: str) -> None:
        """Folder `rel` was found unchanged by its outline: keep both its chunks as they are."""
        self.folders[rel] = Folder(rel, {}, changed=False, outlined=True)

    def entries(self, rel: str) -> Folder:
        """The cached entries of folder `rel` as last written, read-only: `Folder.lookup`
        compares each stamp with its file and checks its row before the caller trusts it."""
        cached = self._read_chunk(rel)
        return Folder(rel, cached or {}, cached is None)

    def _read_chunk(self, rel: str) -> dict[str, Any] | None:
        where = self.table.get(rel)
        if where is None:
            return None
        return self._read(self.base + where.offset, where.length, where.crc, _entries)

    def _table(self, stored: Any) -> Table:
        root, places = stored
        require(root == self.root and type(places) is dict)
        table: Table = {}
        for rel, place in places.items():
            where = table[rel] = Place._make(place)
            require(type(rel) is str and all(type(number) is int for number in where))
        return table

    @overload
    def _read(self, at: int, length: int) -> bytes | None: ...

    @overload
    def _read(self, at: int, length: int, crc: int, shape: Callable[[Any], T]) -> T | None: ...

    def _read(
        self,
        at: int,
        length: int,
        crc: int | None = None,
        shape: Callable[[Any], T] | None = None,
    ) -> bytes | T | None:
        """The `length` bytes at `at`; with `shape`, what marshal stored there, checked and
        rebuilt by `shape`. None when they cannot be read, fail their CRC, or are not of that
        shape: a damaged, foreign or old index is read again from the files, never trusted
        and never an error. (The one place that catches what such an index can raise.)"""
        if self.fd is None:
            return None
        try:
            raw = os.pread(self.fd, length, at)
            if len(raw) != length or (crc is not None and binascii.crc32(raw) != crc):
                return None
            return raw if shape is None else shape(marshal.loads(raw))
        except UNUSABLE:
            return None

    def seal(self, folder: Folder) -> None:
        """`folder` is read and summed up: make its new chunk and outline now and drop its
        entries, so a read holds the rows of one folder at a time, not of the journal. The
        bytes wait in a spool file (unlinked as soon as it is made) until `save` writes the
        index; if no spool can be made, in memory. Never an error."""
        try:
            if self.path is None:
                folder.fresh = []
                return
            place, raw, outline = self._pieces(folder)
            self.sealed[folder.rel] = (place, self._spooled(raw), self._spooled(outline))
        except Exception:
            self.sealed.pop(folder.rel, None)  # _assemble makes it from the entries left

    def _spooled(self, piece: bytes | None) -> Piece:
        if not piece or self.path is None:
            return piece
        if self.spool is None:
            from mentorlog.journal.files import FILE_MODE, make_private_dirs

            try:
                make_private_dirs(self.path.parent)
                path = self.path.with_name(
                    f".{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}.spool"
                )
                self.spool = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
            except OSError:
                return piece
            try:
                os.unlink(path)  # nothing is left behind, whatever happens next
            except OSError:
                self.spool_path = path  # a system that cannot unlink an open file
        at = self.spool_size
        view = memoryview(piece)
        try:
            while view:
                view = view[os.pwrite(self.spool, view, at + len(piece) - len(view)) :]
        except OSError:
            return piece  # a full disk: this piece waits in memory instead
        self.spool_size = at + len(piece)
        return at

    def _piece(self, piece: Piece, length: int) -> bytes:
        if piece is None or isinstance(piece, bytes):
            raise AssertionError("a spooled piece was expected")
        if self.spool is None:
            raise OSError("the spool is closed")
        raw = os.pread(self.spool, length, piece)
        if len(raw) != length:
            raise OSError("the spool is truncated")
        return raw

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
        if self.spool is not None:
            with suppress(OSError):
                os.close(self.spool)
            self.spool = None
        if self.spool_path is not None:
            with suppress(OSError):
                os.unlink(self.spool_path)
            self.spool_path = None

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
        # (rel, its place in the new file with offsets still to count, new chunk bytes or
        # None to copy the old, new outline bytes or None to copy the old)
        chunks: list[tuple[str, Place, Piece, Piece]] = []
        for rel, folder in self.folders.items():
            sealed = self.sealed.get(rel)
            chunks.append((rel, *(sealed if sealed is not None else self._pieces(folder))))
        for rel, where in self.table.items():
            if self._kept(rel, walked):
                chunks.append((rel, where, None, None))
        table: dict[str, tuple[int, ...]] = {}
        offset = 0
        for rel, place, _, _ in chunks:
            table[rel] = tuple(place._replace(offset=offset, outline_offset=offset + place.length))
            offset += place.length + place.outline_length
        head = marshal.dumps((self.root, table))
        yield _HEADER + len(head).to_bytes(4, "big") + binascii.crc32(head).to_bytes(4, "big")
        yield head
        for rel, place, new, outline in chunks:
            old = self.table.get(rel, _NOWHERE)
            if isinstance(new, bytes):
                yield new
            elif new is None:
                yield self._old_bytes(old.offset, old.length)
            else:
                yield self._piece(new, place.length)
            if isinstance(outline, bytes):
                yield outline
            elif outline is None:
                yield self._old_bytes(old.outline_offset, old.outline_length)
            else:
                yield self._piece(outline, place.outline_length)

    def _pieces(self, folder: Folder) -> tuple[Place, bytes | None, bytes | None]:
        """Folder's place in the new file (offsets still to count), its new chunk and its new
        outline (None: copy the old one's bytes). Its entries are dropped."""
        old = self.table.get(folder.rel, _NOWHERE)
        raw: bytes | None = None
        length, crc = old.length, old.crc
        if folder.changed:
            names = tuple(entry.name for entry in folder.fresh)
            raw = marshal.dumps((names, tuple(entry.stored() for entry in folder.fresh)))
            length, crc = len(raw), binascii.crc32(raw)
        outline: bytes | None = None
        outline_length, outline_crc = old.outline_length, old.outline_crc
        if not folder.outlined or folder.changed:
            made = folder.new_outline()
            outline = marshal.dumps(tuple(made)) if made is not None else b""
            outline_length, outline_crc = len(outline), binascii.crc32(outline)
        folder.fresh = []
        return Place(0, length, crc, 0, outline_length, outline_crc), raw, outline

    def _old_bytes(self, offset: int, length: int) -> bytes:
        """Bytes of the old file to copy into the new, from `offset` after its table."""
        if not length:
            return b""
        if self.fd is None:
            raise OSError("the old index is closed")
        raw = os.pread(self.fd, length, self.base + offset)
        if len(raw) != length:
            raise OSError("the old index is truncated")
        return raw


def _entries(stored: Any) -> dict[str, Any]:
    """A folder's chunk as stored: each entry by its name, as stored. Built in C; each entry is
    checked, field by field, when it is looked up (Folder.lookup)."""
    names, entries = stored
    require(type(names) is tuple and type(entries) is tuple and len(names) == len(entries))
    return dict(zip(names, entries, strict=True))


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
