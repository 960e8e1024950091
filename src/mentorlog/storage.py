"""The journal folder: where it is, which file holds which record, reading every record
(through the index), and changing files safely (lock, atomic write, no overwrite of a file that
changed since it was read). Knows paths and records; knows nothing of cadences or rendering.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog import fsutil, location
from mentorlog.errors import (
    Conflict,
    InvalidFile,
    NotAJournal,
    StorageError,
)
from mentorlog.models import (
    SCHEMA_VERSION,
    Goal,
    Mentor,
    Problem,
    Reflection,
    Session,
    Settings,
)
from mentorlog.slugs import is_valid_id

SETTINGS_FILE = "mentorlog.toml"
LOCK_FILE = ".mentorlog.lock"
RECOVERY_DIR = ".recovery"
ENV_LOCK_TIMEOUT = "MENTORLOG_LOCK_TIMEOUT"

# (folder, extension, nested by year)
LAYOUT = {
    "mentor": ("mentors", ".toml", False),
    "goal": ("goals", ".toml", False),
    "session": ("sessions", ".md", True),
    "reflection": ("reflections", ".md", True),
}
_CONFLICT_COPY = re.compile(r"sync-conflict|conflicted copy|case conflict|\(conflict", re.I)
_CONFLICT_MARKER = re.compile(r"^(<{7}|>{7}|={7})( |$)", re.M)
_YEAR = re.compile(r"^\d{4}$")


def locate(dir_option: str | None) -> Path:
    """--dir, then $MENTORLOG_DIR, then the platform's data folder."""
    return Path(location.locate(dir_option))


def cache_path(root: Path) -> Path | None:
    import hashlib

    folder = location.cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return Path(folder) / f"index-{key}.json"


@dataclass(slots=True)
class Snapshot:
    """Everything in the journal at one moment, plus what could not be read."""

    settings: Settings
    mentors: dict[str, Mentor] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    paths: dict[tuple[str, str], str] = field(default_factory=dict)

    def session(self, session_id: str) -> Session | None:
        for candidate in self.sessions:
            if candidate.id == session_id:
                return candidate
        return None


@dataclass(slots=True)
class RecordFile:
    """A record file as read for a change: the exact bytes, so a later write can tell whether
    someone else changed the file in between."""

    path: Path
    rel: str
    raw: bytes
    text: str
    data: dict[str, Any]
    head: str
    body: str


class Journal:
    def __init__(self, root: Path) -> None:
        self.root = root

    # --- where things are -------------------------------------------------------------------

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def path_for(self, kind: str, record_id: str) -> Path:
        if not is_valid_id(record_id):
            raise InvalidFile(
                record_id, "is not a valid id", hint="use lowercase letters, digits, -"
            )
        folder, extension, by_year = LAYOUT[kind]
        if by_year:
            return self.root / folder / record_id[:4] / f"{record_id}{extension}"
        return self.root / folder / f"{record_id}{extension}"

    def ids_on_disk(self, kind: str) -> set[str]:
        """Every id whose file exists, readable or not: a new record must not take one."""
        folder, extension, by_year = LAYOUT[kind]
        base = self.root / folder
        found: set[str] = set()
        folders = [base]
        if by_year:
            folders = [entry for entry in _list(base) if entry.is_dir()]
        for directory in folders:
            for entry in _list(directory):
                if entry.name.endswith(extension):
                    found.add(entry.name[: -len(extension)].lower())
        return found

    # --- the journal itself -----------------------------------------------------------------

    def is_journal(self) -> bool:
        return self.settings_path.is_file()

    def require(self) -> None:
        if self.is_journal():
            return
        if not self.root.exists():
            raise NotAJournal(
                f"there is no journal at {self.root}",
                f"run `mentorlog init {self.root}` or point --dir / MENTORLOG_DIR at your journal",
            )
        raise NotAJournal(
            f"{self.root} is not a mentorlog journal (it has no {SETTINGS_FILE})",
            f"run `mentorlog init {self.root}` to make it one",
        )

    def init(self, settings_text: str) -> bool:
        """Create the journal. Returns False when it already existed (nothing is changed)."""
        if self.is_journal():
            return False
        fsutil.make_private_dirs(self.root)
        os.chmod(self.root, fsutil.DIR_MODE)
        with self._raw_lock():
            if self.is_journal():
                return False
            for folder, _, _ in LAYOUT.values():
                fsutil.make_private_dirs(self.root / folder, stop_at=self.root / folder)
            fsutil.write_atomic(
                self.settings_path,
                settings_text.encode("utf-8"),
                exclusive=True,
                label=SETTINGS_FILE,
            )
        return True

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Serialise every read-modify-write of this journal across processes. Refuses a folder
        that is not a journal, so a mistyped --dir never gets a lock file dropped into it."""
        self.require()
        with self._raw_lock():
            yield

    @contextmanager
    def _raw_lock(self) -> Iterator[None]:
        timeout = float(os.environ.get(ENV_LOCK_TIMEOUT, "10"))
        with fsutil.exclusive_lock(self.root / LOCK_FILE, timeout):
            yield

    # --- reading everything -----------------------------------------------------------------

    def load(self, on_progress: Callable[[int, int], None] | None = None) -> Snapshot:
        """Read every record. Broken files become Problems; they never hide the rest."""
        self.require()
        from mentorlog.index import Index

        index = Index.open(cache_path(self.root), str(self.root), time.time_ns())
        settings = self._load_settings(index)
        snapshot = Snapshot(settings=settings)
        files = list(self._walk(snapshot.problems))
        pending: list[tuple[str, str, Path, os.stat_result]] = []
        for kind, rel, path in files:
            try:
                st = path.stat()
            except OSError:
                continue  # vanished while we looked: it is simply not there
            cached = index.lookup(rel, st)
            if cached is None:
                pending.append((kind, rel, path, st))
            else:
                self._add(snapshot, rel, cached[0], cached[1])
        for done, (kind, rel, path, st) in enumerate(pending, 1):
            parsed_kind, row = self._parse_for_index(kind, rel, path)
            index.store(rel, st, parsed_kind, row)
            self._add(snapshot, rel, parsed_kind, row)
            if on_progress is not None:
                on_progress(done, len(pending))
        index.save()
        snapshot.sessions.sort(key=lambda s: (s.date, s.id))
        snapshot.reflections.sort(key=lambda r: (r.date, r.id))
        return snapshot

    def _load_settings(self, index: Any) -> Settings:
        rel = SETTINGS_FILE
        try:
            st = self.settings_path.stat()
        except OSError:
            self.require()
            raise
        cached = index.lookup(rel, st)
        if cached is not None and cached[0] == "settings":
            return Settings.from_row(cached[1])
        from mentorlog import frontmatter, schema

        raw = _read_bytes(self.settings_path, rel)
        text = frontmatter.normalise_text(raw, rel)
        settings = schema.settings(frontmatter.parse_toml(text, rel), rel, text)
        if settings.schema_version > SCHEMA_VERSION:
            raise NotAJournal(
                f"{rel}: this journal uses format version {settings.schema_version}, "
                f"newer than this mentorlog understands ({SCHEMA_VERSION})",
                "upgrade mentorlog",
            )
        index.store(rel, st, "settings", settings.to_row())
        return settings

    def _walk(self, problems: list[Problem]) -> Iterator[tuple[str, str, Path]]:
        for kind, (folder, extension, by_year) in LAYOUT.items():
            base = self.root / folder
            directories = [base]
            if by_year:
                directories = []
                for entry in _list(base):
                    if entry.is_dir() and not entry.name.startswith("."):
                        directories.append(entry)
                    elif entry.name.endswith(extension) and not entry.name.startswith("."):
                        problems.append(
                            Problem(
                                f"{folder}/{entry.name}",
                                f"is not inside a year folder ({folder}/YYYY/)",
                                hint="move it into the folder of its year",
                            )
                        )
            for directory in directories:
                for entry in _list(directory):
                    name = entry.name
                    if name.startswith(".") or not name.endswith(extension):
                        continue
                    rel = self.rel(entry)
                    stem = name[: -len(extension)]
                    if not is_valid_id(stem):
                        problems.append(_bad_name(rel, stem))
                        continue
                    yield kind, rel, entry

    def _parse_for_index(self, kind: str, rel: str, path: Path) -> tuple[str, Any]:
        try:
            record = self.parse_file(kind, path, rel)
        except InvalidFile as exc:
            return "problem", Problem(rel, exc.reason, exc.line, exc.hint).to_row()
        except StorageError as exc:
            return "problem", Problem(rel, exc.message, None, exc.hint).to_row()
        return kind, record.to_row()

    def parse_file(self, kind: str, path: Path, rel: str) -> Mentor | Goal | Session | Reflection:
        from mentorlog import frontmatter

        text = frontmatter.normalise_text(_read_bytes(path, rel), rel)
        return self.parse_text(kind, record_id_of(kind, path), text, rel)

    def parse_text(
        self, kind: str, record_id: str, text: str, rel: str
    ) -> Mentor | Goal | Session | Reflection:
        """Validate a record's full text; InvalidFile names the file, field and line."""
        from mentorlog import frontmatter, schema

        _check_conflict_markers(text, rel)
        if kind == "mentor":
            return schema.mentor(record_id, frontmatter.parse_toml(text, rel), rel, text)
        if kind == "goal":
            return schema.goal(record_id, frontmatter.parse_toml(text, rel), rel, text)
        data, body = frontmatter.parse(text, rel)
        if kind == "session":
            return schema.session(record_id, data, body, rel, text)
        return schema.reflection(record_id, data, rel, text)

    @staticmethod
    def _add(snapshot: Snapshot, rel: str, kind: str, row: Any) -> None:
        if kind == "problem":
            snapshot.problems.append(Problem.from_row(row))
            return
        record: Mentor | Goal | Session | Reflection
        if kind == "mentor":
            record = Mentor.from_row(row)
            target: Any = snapshot.mentors
        elif kind == "goal":
            record = Goal.from_row(row)
            target = snapshot.goals
        elif kind == "session":
            record = Session.from_row(row)
            target = snapshot.sessions
        elif kind == "reflection":
            record = Reflection.from_row(row)
            target = snapshot.reflections
        else:
            return
        key = (kind, record.id)
        if key in snapshot.paths:
            snapshot.problems.append(
                Problem(
                    rel,
                    f"has the same id as {snapshot.paths[key]}",
                    hint="rename one of them; ids must be unique",
                )
            )
            return
        snapshot.paths[key] = rel
        if isinstance(target, dict):
            target[record.id] = record
        else:
            target.append(record)

    # --- reading and writing one file ---------------------------------------------------------

    def read(self, path: Path) -> RecordFile:
        """Read a record file for a change. Raises InvalidFile if it does not parse: a file we
        cannot parse is never rewritten."""
        from mentorlog import frontmatter

        rel = self.rel(path)
        raw = _read_bytes(path, rel)
        text = frontmatter.normalise_text(raw, rel)
        _check_conflict_markers(text, rel)
        if path.suffix == ".md":
            head, body, _ = frontmatter.split(text, rel)
            data = frontmatter.parse_toml(head, rel, first_line=2)
        else:
            head, body = text, ""
            data = frontmatter.parse_toml(text, rel)
        return RecordFile(path, rel, raw, text, data, head, body)

    def create(self, path: Path, text: str) -> None:
        """Write a new record; never replaces an existing file."""
        self._check_inside(path)
        fsutil.make_private_dirs(path.parent, stop_at=self.root)
        fsutil.write_atomic(path, text.encode("utf-8"), exclusive=True, label=self.rel(path))

    def replace(self, record: RecordFile, text: str) -> None:
        """Rewrite a record read earlier, unless it changed on disk since."""
        self._check_inside(record.path)
        self.ensure_unchanged(record)
        fsutil.write_atomic(record.path, text.encode("utf-8"), label=record.rel)

    def delete(self, record: RecordFile) -> None:
        self._check_inside(record.path)
        self.ensure_unchanged(record)
        fsutil.remove(record.path, record.rel)

    def ensure_unchanged(self, record: RecordFile) -> None:
        try:
            current = record.path.read_bytes()
        except FileNotFoundError:
            raise Conflict(
                f"{record.rel} was deleted while mentorlog was working on it",
                "nothing was written; check the file and try again",
            ) from None
        except OSError as exc:
            raise StorageError(f"could not read {record.rel}: {exc.strerror}", None) from None
        if current != record.raw:
            raise Conflict(
                f"{record.rel} changed on disk since mentorlog read it",
                "nothing was overwritten; run the command again",
            )

    def _check_inside(self, path: Path) -> None:
        """Refuse to write through a symlinked folder that leads out of the journal."""
        real_root = os.path.realpath(self.root)
        real_parent = os.path.realpath(path.parent)
        if os.path.commonpath([real_root, real_parent]) != real_root:
            raise StorageError(
                f"refusing to write {self.rel(path)}: its folder leads outside the journal",
                "replace the symbolic link with a real folder",
            )

    def save_recovery(self, text: str, label: str) -> Path:
        """Keep text the user typed that could not be saved as a record."""
        folder = self.root / RECOVERY_DIR if self.root.is_dir() else Path.cwd()
        fsutil.make_private_dirs(folder)
        prefix = ""
        if folder.parent == self.root and (folder.is_symlink() or not folder.is_dir()):
            # A link planted here must not carry confidential text out of the journal, and the
            # text must not be lost either: keep it in the journal folder itself.
            folder, prefix = self.root, f"{RECOVERY_DIR}-"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{prefix}{stamp}-{label}.md"
        number = 2
        while path.exists():
            path = folder / f"{prefix}{stamp}-{label}-{number}.md"
            number += 1
        fsutil.write_atomic(path, text.encode("utf-8"), exclusive=True)
        return path


def record_id_of(kind: str, path: Path) -> str:
    return path.name[: -len(LAYOUT[kind][1])]


def _list(directory: Path) -> list[Path]:
    try:
        return sorted(Path(entry.path) for entry in os.scandir(directory))
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        return []
    except OSError as exc:
        raise StorageError(f"could not list {directory}: {exc.strerror}", None) from None


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InvalidFile(rel, "is a folder, not a file") from None
    except OSError as exc:
        raise StorageError(
            f"could not read {rel}: {exc.strerror}", "check its permissions"
        ) from None


def _check_conflict_markers(text: str, rel: str) -> None:
    match = _CONFLICT_MARKER.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise InvalidFile(
            rel,
            "has unresolved merge conflict markers",
            line,
            "keep the right lines, delete the markers, then run `mentorlog doctor`",
        )


def _bad_name(rel: str, stem: str) -> Problem:
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
