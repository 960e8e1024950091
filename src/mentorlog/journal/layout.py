"""Where each record of a journal lives: its folders and file names, the files mentorlog
keeps beside the records, and the id of a record from its path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, MutableMapping
from pathlib import Path

from mentorlog.domain.models import (
    Problem,
)
from mentorlog.domain.records import Row
from mentorlog.journal import location

SETTINGS_FILE = "mentorlog.toml"

LOCK_FILE = ".mentorlog.lock"

# Present only while a change of several files is being made (see ChangeSet)
PENDING_FILE = ".mentorlog.pending"

RECOVERY_DIR = ".recovery"

ORIGIN_SUFFIX = ".origin.json"


class RecordFolder(Row):
    """Where the files of one kind of record live."""

    folder: str
    extension: str
    by_year: bool  # in a folder per year (`sessions/2026/`)


LAYOUT = {
    "mentor": RecordFolder("mentors", ".toml", False),
    "goal": RecordFolder("goals", ".toml", False),
    "session": RecordFolder("sessions", ".md", True),
    "reflection": RecordFolder("reflections", ".md", True),
}

# Records read only by the commands that show them, never by the Reader or the index (`due`
# does not pay for them). Each is still part of the journal: `doctor` checks it.
READ_APART = {
    "feedback": RecordFolder("feedback", ".toml", False),
}

# Every folder of records a journal has: what `doctor` checks and what a new journal may hold.
JOURNAL_LAYOUT = {**LAYOUT, **READ_APART}

_CONFLICT_COPY = re.compile(r"sync-conflict|conflicted copy|case conflict|\(conflict", re.I)


def locate(dir_option: str | None, option: str = "--dir") -> Path:
    """--dir, then $MENTORLOG_DIR, then the platform's data folder."""
    return Path(location.locate(dir_option, option))


def cache_path(root: Path) -> Path | None:
    """The index file of the journal at `root`. Named by two checksums of the path, not by a
    cryptographic hash: hashlib loads OpenSSL (7 ms on every command), and the index records
    its journal's path anyway, so two journals sharing a name only cost each other a rebuild."""
    import zlib

    folder = location.cache_folder()
    if folder is None:
        return None
    data = str(root).encode("utf-8", "surrogateescape")
    return Path(folder) / f"index-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.bin"


class RecordPaths(MutableMapping[tuple[str, str], str]):
    """Where each record of a snapshot was read from: (kind, id) -> path relative to the root.

    A record in its usual place (`sessions/2026/2026-11-02-x.md`) costs only its id in a set;
    only records found elsewhere store their path. A large journal has a hundred thousand."""

    __slots__ = ("_deferred", "_elsewhere", "_usual")

    def __init__(self) -> None:
        self._usual: dict[str, set[str]] = {kind: set() for kind in LAYOUT}
        self._elsewhere: dict[tuple[str, str], str] = {}
        self._deferred: list[tuple[str, list[str], int]] = []

    @staticmethod
    def usual(kind: str, record_id: str) -> str:
        folder, extension, by_year = LAYOUT[kind]
        if by_year:
            return f"{folder}/{record_id[:4]}/{record_id}{extension}"
        return f"{folder}/{record_id}{extension}"

    def add_usual(self, kind: str, record_id: str) -> bool:
        """Record a file found in its usual place; False when the id is already taken."""
        ids = self._usual[kind]
        if record_id in ids or (kind, record_id) in self._elsewhere:
            return False
        ids.add(record_id)
        return True

    def defer_usual(self, kind: str, names: list[str], cut: int) -> bool:
        """add_usual for every file of a year folder (names with an extension `cut` long),
        done only once something asks: a warm `due` never does. False, adding none, when an
        id is already taken elsewhere. Ids in their usual year folder start with the year, so
        they cannot clash with those of another year's folder."""
        if self._elsewhere and any((kind, name[:-cut]) in self._elsewhere for name in names):
            return False
        self._deferred.append((kind, names, cut))
        return True

    def _settle(self) -> None:
        deferred, self._deferred = self._deferred, []
        for kind, names, cut in deferred:
            self._usual[kind].update(name[:-cut] for name in names)

    def __getitem__(self, key: tuple[str, str]) -> str:
        if self._deferred:
            self._settle()
        found = self._elsewhere.get(key)
        if found is not None:
            return found
        kind, record_id = key
        if record_id in self._usual.get(kind, ()):
            return self.usual(kind, record_id)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        if self._deferred:
            self._settle()
        if key in self._elsewhere:
            return True
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        return key[1] in self._usual.get(key[0], ())

    def __setitem__(self, key: tuple[str, str], rel: str) -> None:
        if self._deferred:
            self._settle()
        kind, record_id = key
        self.pop(key, None)
        if kind in self._usual and rel == self.usual(kind, record_id):
            self._usual[kind].add(record_id)
        else:
            self._elsewhere[key] = rel

    def __delitem__(self, key: tuple[str, str]) -> None:
        if self._deferred:
            self._settle()
        if key in self._elsewhere:
            del self._elsewhere[key]
            return
        kind, record_id = key
        if record_id not in self._usual.get(kind, ()):
            raise KeyError(key)
        self._usual[kind].discard(record_id)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        if self._deferred:
            self._settle()
        for kind, ids in self._usual.items():
            for record_id in sorted(ids):
                yield kind, record_id
        yield from self._elsewhere

    def __len__(self) -> int:
        if self._deferred:
            self._settle()
        return len(self._elsewhere) + sum(len(ids) for ids in self._usual.values())


def record_id_of(kind: str, path: str | Path) -> str:
    return os.path.basename(path)[: -len(LAYOUT[kind].extension)]


def origin_path(kept: Path) -> Path:
    """The sidecar saying what a recovery file was meant to become."""
    return kept.with_name(kept.name + ORIGIN_SUFFIX)


# Each record folder is named as the Snapshot attribute that holds its records.
RECORD_FOLDERS = frozenset(folder for folder, _, _ in LAYOUT.values())


def linked_folder(rel: str) -> Problem:
    return Problem(
        rel,
        "is a symbolic link; mentorlog reads only regular files and folders inside the journal",
        hint="replace the link with what it points to",
    )


def bad_name(rel: str, stem: str) -> Problem:
    if _CONFLICT_COPY.search(stem):
        return Problem(
            rel,
            "is a conflict copy made by a sync tool",
            hint="merge what you need into the original file, then delete this copy",
        )
    return Problem(
        rel,
        "has a file name that is not a valid id",
        hint="rename it to lowercase letters, digits and dashes",
    )
