"""A cache of parsed records, so a warm command reads one small file instead of every record.

The index is never the source of truth. Each entry remembers the file's size, mtime, ctime and
inode; one `stat()` per file decides whether the entry still describes the file, so a hand edit
is never missed. An index that is missing, corrupt, of another version or for another folder is
ignored and rebuilt. Files changed in the last few seconds are not cached at all, because a
second edit within the file system's timestamp granularity could otherwise go unnoticed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

VERSION = 2
RACY_WINDOW_NS = 3_000_000_000


def stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class Index:
    def __init__(self, path: Path | None, root: str) -> None:
        self.path = path
        self.root = root
        self.entries: dict[str, list[Any]] = {}
        self.seen: set[str] = set()
        self.dirty = False
        self.now_ns = 0

    @classmethod
    def open(cls, path: Path | None, root: str, now_ns: int) -> Index:
        index = cls(path, root)
        index.now_ns = now_ns
        if path is None:
            return index
        try:
            data = json.loads(path.read_bytes())
            if (
                isinstance(data, dict)
                and data.get("version") == VERSION
                and data.get("root") == root
                and isinstance(data.get("entries"), dict)
            ):
                index.entries = data["entries"]
        except (OSError, ValueError, UnicodeDecodeError):
            index.dirty = True
        return index

    def lookup(self, rel: str, st: os.stat_result) -> tuple[str, Any] | None:
        """The cached (kind, row) for a file, or None when it must be parsed again."""
        self.seen.add(rel)
        entry = self.entries.get(rel)
        if (
            entry is not None
            and isinstance(entry, list)
            and len(entry) == 3
            and entry[0] == stamp(st)
        ):
            return entry[1], entry[2]
        return None

    def store(self, rel: str, st: os.stat_result, kind: str, row: Any) -> None:
        self.seen.add(rel)
        if abs(self.now_ns - st.st_mtime_ns) < RACY_WINDOW_NS or st.st_mtime_ns > self.now_ns:
            if rel in self.entries:
                del self.entries[rel]
                self.dirty = True
            return
        self.entries[rel] = [stamp(st), kind, row]
        self.dirty = True

    def save(self) -> None:
        """Write the index if anything changed. Failure to cache is never an error."""
        gone = self.entries.keys() - self.seen
        if gone:
            for rel in gone:
                del self.entries[rel]
            self.dirty = True
        if not self.dirty or self.path is None:
            return
        from mentorlog.fsutil import make_private_dirs, write_atomic

        payload = json.dumps(
            {"version": VERSION, "root": self.root, "entries": self.entries},
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode("utf-8")
        try:
            make_private_dirs(self.path.parent)
            write_atomic(self.path, payload)
        except Exception:
            return
