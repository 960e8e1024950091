"""The journal folder: `Journal` ties its layout, its reading and its changing together for
the services. Knows paths and records; knows nothing of cadences or rendering.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.domain.models import (
    Goal,
    Mentor,
    Reflection,
    Session,
)
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import (
    Conflict,
    InvalidFile,
    StorageError,
)
from mentorlog.journal import files as fsutil
from mentorlog.journal.index import Index, Wanted
from mentorlog.journal.layout import (
    LAYOUT,
    LOCK_FILE,
    PENDING_FILE,
    RECOVERY_DIR,
    SETTINGS_FILE,
    cache_path,
    origin_path,
)
from mentorlog.journal.reader import (
    ById,
    Listed,
    Reader,
    Snapshot,
    check_conflict_markers,
    parse_text,
    read_bytes,
    require_journal,
    scan_folder,
)
from mentorlog.journal.writer import (
    ENV_LOCK_TIMEOUT,
    ChangeSet,
    History,
    RecordFile,
    in_own_form,
    writable_mode,
)


class Journal:
    """The journal at `root`. With a `history`, each locked change is recorded in it (see
    `lock`); without one, nothing outside the folder is told of a change."""

    def __init__(self, root: Path, history: History | None = None) -> None:
        self.root = root
        self.history = history
        self._changing = False  # inside `lock`: what is read now decides a change

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
        if not by_year:
            return self.root / folder / f"{record_id}{extension}"
        expected = self.root / folder / record_id[:4] / f"{record_id}{extension}"
        if expected.exists():
            return expected
        # A record moved by hand into another year's folder is still that record.
        try:
            years = sorted(os.scandir(self.root / folder), key=lambda entry: entry.name)
        except OSError:
            return expected
        for year in years:
            moved = Path(year.path) / f"{record_id}{extension}"
            if not year.name.startswith(".") and year.is_dir() and moved.exists():
                return moved
        return expected

    def ids_on_disk(self, kind: str) -> set[str]:
        """Every id whose file exists, readable or not: a new record must not take one."""
        folder, extension, by_year = LAYOUT[kind]
        base = os.path.join(self.root, folder)
        found: set[str] = set()
        folders = [base]
        if by_year:
            folders = [entry.path for entry in scan_folder(base) if entry.is_dir()]
        cut = -len(extension)
        for directory in folders:
            for entry in scan_folder(directory):
                if entry.name.endswith(extension):
                    found.add(entry.name[:cut].lower())
        return found

    # --- the journal itself -----------------------------------------------------------------

    def is_journal(self) -> bool:
        # Whatever the name is (a FIFO, a link), it marks a journal: reading it then says
        # what is wrong with it instead of calling the folder no journal.
        return os.path.lexists(self.settings_path)

    def require(self) -> None:
        require_journal(self.root)

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
        that is not a journal, so a mistyped --dir never gets a lock file dropped into it.
        The journal's history sees the change begin and, when it succeeded, end while the lock
        is still held (that is where a journal that keeps history commits it). A change that a
        crash stopped part-way is undone first (see ChangeSet)."""
        self.require()
        with self._raw_lock():
            self._undo_interrupted()
            if self.history is not None:
                self.history.change_started()
            self._changing = True
            try:
                yield
            finally:
                self._changing = False
            if self.history is not None:
                self.history.change_succeeded()

    def undo_interrupted(self) -> list[str]:
        """Put back the files of a change that a crash stopped part-way; the files restored.
        Takes the lock only when there is such a change: reading needs no lock."""
        if not os.path.lexists(self.root / PENDING_FILE):
            return []
        self.require()
        with self._raw_lock():
            return self._undo_interrupted()

    def _undo_interrupted(self) -> list[str]:
        try:
            return fsutil.undo_interrupted(self.root / PENDING_FILE)
        except OSError as exc:
            raise StorageError(
                f"could not undo an interrupted change ({PENDING_FILE}): "
                f"{fsutil.describe_os_error(exc)}",
                "fix the folder's permissions or free some space, then try again",
            ) from None

    @contextmanager
    def _raw_lock(self) -> Iterator[None]:
        from mentorlog.user.environment import seconds

        timeout = seconds(ENV_LOCK_TIMEOUT, 10)
        with fsutil.exclusive_lock(self.root / LOCK_FILE, timeout):
            yield

    # --- reading everything -----------------------------------------------------------------

    def load(
        self,
        on_progress: Callable[[int, int], None] | None = None,
        kinds: Collection[str] | None = None,
        details: bool = True,
        summarise_before: date | None = None,
        settings_problems: bool = False,
        wanted: Wanted | None = None,
    ) -> Snapshot:
        """Every record (see Reader.load). Broken files become Problems; they never hide the
        rest."""
        self.require()
        snapshot = Reader(self.root).load(
            on_progress, kinds, details, summarise_before, settings_problems, wanted, self._fill
        )
        if self._changing:
            kinds_read: tuple[object, ...] = (
                snapshot.mentors,
                snapshot.goals,
                snapshot.sessions,
                snapshot.reflections,
            )
            for records in kinds_read:
                if isinstance(records, ById | Listed):
                    records.for_change = True
        return snapshot

    def _fill(self, index: Index) -> None:
        """Index the folders the record reader leaves to others, on the read that builds the
        index (see Reader.load)."""
        from mentorlog.journal import feedback

        feedback.fill(index, self.root)

    def in_full(self, snapshot: Snapshot, sessions: Iterable[Session]) -> Iterator[Session]:
        """Each of `sessions`, from a read without details, in full, one at a time (see
        Reader.in_full)."""
        return Reader(self.root).in_full(sessions, snapshot.paths)

    def one_mentor_in_full(self, snapshot: Snapshot, mentor_id: str) -> Snapshot:
        """`snapshot` (read without details) with only `mentor_id`'s sessions, each in full:
        what a view of one mentor (a timeline, a summary to send them) reads."""
        import copy

        theirs = [s for s in snapshot.sessions if s.mentor == mentor_id]
        narrowed = copy.copy(snapshot)
        narrowed.sessions = list(self.in_full(snapshot, theirs))
        return narrowed

    def parse_file(
        self, kind: str, path: str | Path, rel: str
    ) -> Mentor | Goal | Session | Reflection:
        return Reader(self.root).parse_file(kind, path, rel)

    def parse_text(
        self, kind: str, record_id: str, text: str, rel: str
    ) -> Mentor | Goal | Session | Reflection:
        """Validate a record's full text; InvalidFile names the file, field and line."""
        return parse_text(kind, record_id, text, rel)

    # --- reading and writing one file ---------------------------------------------------------

    def read(self, path: Path) -> RecordFile:
        """Read a record file for a change. Raises InvalidFile if it does not parse: a file we
        cannot parse is never rewritten."""
        from mentorlog.journal import frontmatter

        rel = self.rel(path)
        raw = read_bytes(path, rel)
        text = frontmatter.normalise_text(raw, rel)
        check_conflict_markers(text, rel)
        if path.suffix == ".md":
            head, body, _ = frontmatter.split(text, rel)
            data = frontmatter.parse_toml(head, rel, first_line=2)
        else:
            head, body = text, ""
            data = frontmatter.parse_toml(text, rel)
        return RecordFile(path, rel, raw, text, data, head, body)

    def create(self, path: Path, text: str) -> None:
        """Write a new record; never replaces an existing file."""
        self.apply(ChangeSet().create(path, text))

    def replace(self, record: RecordFile, text: str) -> None:
        """Rewrite a record read earlier, unless it changed on disk since (see ChangeSet)."""
        self.apply(ChangeSet().replace(record, text))

    def delete(self, record: RecordFile) -> None:
        self.apply(ChangeSet().delete(record))
        index = Index.open(cache_path(self.root), str(self.root), time.time_ns())
        index.forget_file(record.rel)
        index.save(walked=())

    def apply(self, changes: ChangeSet) -> None:
        """Make every change of `changes` or none of them. Call under the lock.

        Each file read earlier must be as it was read, and writable by its owner: a file the
        person made read-only is theirs to keep as it is."""
        steps: list[fsutil.FileChange] = []
        for path, text, read in changes.steps:
            self._check_inside(path)
            if read is None:
                fsutil.make_private_dirs(path.parent, stop_at=self.root)
                data = None if text is None else text.encode("utf-8")
                steps.append(fsutil.FileChange(path, self.rel(path), data, create=True))
                continue
            self.ensure_unchanged(read)
            mode = writable_mode(read)
            data = None if text is None else in_own_form(read, text)
            steps.append(fsutil.FileChange(path, read.rel, data, mode=mode))
        if steps:
            fsutil.apply_changes(steps, self.root / PENDING_FILE)

    def ensure_unchanged(self, record: RecordFile) -> None:
        if not os.path.lexists(record.path):
            raise Conflict(
                f"{record.rel} was deleted while mentorlog was working on it",
                "nothing was written; check the file and try again",
            )
        current = read_bytes(record.path, record.rel)
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

    def save_recovery(
        self,
        data: str | bytes,
        label: str,
        origin: dict[str, Any] | None = None,
        suffix: str = ".md",
    ) -> Path:
        """Keep text the user typed that could not be saved as a record, byte for byte.
        `origin` (what the text was meant to become) goes to a sidecar file next to it."""
        folder = self.root / RECOVERY_DIR if self.root.is_dir() else Path.cwd()
        fsutil.make_private_dirs(folder)
        prefix = ""
        if folder.parent == self.root and (folder.is_symlink() or not folder.is_dir()):
            # A link planted here must not carry confidential text out of the journal, and the
            # text must not be lost either: keep it in the journal folder itself.
            folder, prefix = self.root, f"{RECOVERY_DIR}-"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{prefix}{stamp}-{label}{suffix}"
        number = 2
        while path.exists() or origin_path(path).exists():
            # The number before the label, so the label (an id, for an edit) stays whole.
            path = folder / f"{prefix}{stamp}-{number}-{label}{suffix}"
            number += 1
        raw = data.encode("utf-8") if isinstance(data, str) else data
        fsutil.write_atomic(path, raw, exclusive=True)
        if origin is not None:
            self._write_origin(path, origin)
        return path

    def replace_recovery(self, path: Path, data: bytes) -> None:
        """Put newer text in a recovery file being reopened; its origin stays."""
        fsutil.write_atomic(path, data)

    def _write_origin(self, path: Path, origin: dict[str, Any]) -> None:
        import json

        text = json.dumps(origin, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        fsutil.write_atomic(origin_path(path), text.encode("utf-8"))
