"""The journal folder: `Journal` ties its layout, its reading and its changing together for
the services. Knows paths and records; knows nothing of cadences or rendering.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.domain.models import (
    SCHEMA_VERSION,
    Goal,
    Mentor,
    Problem,
    Reflection,
    Session,
    Settings,
)
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import (
    Conflict,
    InvalidFile,
    NotAJournal,
    StorageError,
)
from mentorlog.journal import files as fsutil
from mentorlog.journal.layout import (
    _RECORD_FOLDERS,
    LAYOUT,
    LOCK_FILE,
    PENDING_FILE,
    RECOVERY_DIR,
    SETTINGS_FILE,
    RecordPaths,
    _bad_name,
    _linked_folder,
    cache_path,
    origin_path,
    record_id_of,
)
from mentorlog.journal.reader import (
    _BY_DATE_AND_ID,
    _BY_PATH,
    ById,
    Listed,
    Snapshot,
    _check_conflict_markers,
    _problem_row,
    _read_bytes,
    _rows_only,
    _scan,
)
from mentorlog.journal.summaries import OUTLINED, Summaries, gatherable, year_of
from mentorlog.journal.writer import (
    ENV_LOCK_TIMEOUT,
    LOCK_WATCHERS,
    ChangeSet,
    RecordFile,
    _in_own_form,
    _writable_mode,
)


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
            folders = [entry.path for entry in _scan(base) if entry.is_dir()]
        cut = -len(extension)
        for directory in folders:
            for entry in _scan(directory):
                if entry.name.endswith(extension):
                    found.add(entry.name[:cut].lower())
        return found

    # --- the journal itself -----------------------------------------------------------------

    def is_journal(self) -> bool:
        # Whatever the name is (a FIFO, a link), it marks a journal: reading it then says
        # what is wrong with it instead of calling the folder no journal.
        return os.path.lexists(self.settings_path)

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
        that is not a journal, so a mistyped --dir never gets a lock file dropped into it.
        Lock watchers see the change begin and, when it succeeded, end while the lock is still
        held (that is where a journal that keeps history commits it). A change that a crash
        stopped part-way is undone first (see ChangeSet)."""
        self.require()
        with self._raw_lock():
            self._undo_interrupted()
            watchers = [w for w in LOCK_WATCHERS if w.watches(self.root)]
            for watcher in watchers:
                watcher.locked()
            yield
            for watcher in watchers:
                watcher.unlocking()

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
        from mentorlog.envvars import seconds

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
    ) -> Snapshot:
        """Read every record. Broken files become Problems; they never hide the rest.

        `kinds` reads only the records of those kinds (a command that needs the mentors and
        goals need not look at ten thousand sessions). Without `details`, sessions carry only
        their open actions and no lessons: what `due` needs, in a fraction of the memory.
        With `summarise_before` (implies no details), sessions dated before that day with no
        open action may be left out of `sessions` and summed up in `earlier` instead, when the
        index holds a current summary of their folder: a warm `due` then builds no object for
        them."""
        self.require()
        # Everything built here lives until the command ends, so the cyclic collector's passes
        # over the growing heap are pure cost: on a large journal they were most of the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            if summarise_before is not None:
                details = False
            return self._load(on_progress, kinds, details, summarise_before, settings_problems)
        finally:
            if collecting:
                gc.enable()

    def _load(
        self,
        on_progress: Callable[[int, int], None] | None,
        kinds: Collection[str] | None,
        details: bool,
        summarise_before: date | None,
        settings_problems: bool,
    ) -> Snapshot:
        from mentorlog.journal.index import Index

        index = Index.open(cache_path(self.root), str(self.root), time.time_ns())
        try:
            try:
                snapshot = Snapshot(settings=self._load_settings(index))
            except InvalidFile as exc:
                if not settings_problems:
                    raise
                snapshot = Snapshot(settings=Settings())
                snapshot.problems.append(Problem(exc.path, exc.reason, exc.line, exc.hint))
            paths = snapshot.paths
            pending: list[tuple[Any, str, str, str, os.stat_result]] = []
            summaries = None if summarise_before is None else Summaries(summarise_before)
            # In a summarising read, the sessions of each folder read file by file are gathered
            # and summed up at the end, like the index's summaries: no object for an old one.
            gathered: dict[Any, list[Any]] = {}
            for kind, prefix, directory in self._folders(snapshot.problems, kinds):
                listing: list[str] | None = None
                if summaries is None or kind not in OUTLINED:
                    folder = index.folder(prefix)
                else:
                    found = summaries.add(index, kind, prefix, directory, snapshot)
                    if found == "used":
                        continue
                    folder = index.folder(
                        prefix, summaries.summariser(kind), outline_stale=found == "stale"
                    )
                    listing = folder.listing = []
                    if kind == "session":
                        gathered[folder] = []
                gathering = gathered.get(folder)
                extension = LAYOUT[kind][1]
                cut = -len(extension)
                year = year_of(prefix)
                in_place: list[Any] | None = (
                    snapshot.sessions
                    if kind == "session"
                    else snapshot.reflections
                    if kind == "reflection"
                    else None
                )
                for entry in _scan(directory, listing):
                    # Once per file of the journal: plain strings and DirEntry objects, no Path.
                    name = entry.name
                    if name[0] == "." or not name.endswith(extension):
                        continue
                    # Counted before the stat: a file that cannot be stat'ed now leaves its
                    # folder without an outline, so it is looked at again next time.
                    folder.listed += 1
                    try:
                        # The entry itself, never what a link points to: only regular files
                        # inside the journal are read.
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    cached = folder.lookup(name, st)
                    if cached is not None:
                        if (
                            gathering is not None
                            and gatherable(cached, name, year)
                            and paths.add_usual("session", name[:cut])
                        ):
                            gathering.append(cached)
                            continue
                        if (
                            in_place is not None
                            and cached[5] == kind
                            and year is not None
                            and name.startswith(year)
                        ):
                            # The common case, kept short: a record in its year's folder.
                            if self._add_in_place(
                                in_place, paths, cached, kind, name[:cut], details
                            ):
                                continue
                        elif self._add_cached(snapshot, f"{prefix}/{name}", cached, details):
                            continue
                        folder.forget(name)
                    if not is_valid_id(name[:cut]):
                        snapshot.problems.append(_bad_name(f"{prefix}/{name}", name[:cut]))
                        continue
                    special = fsutil.not_regular(st.st_mode)
                    if special is not None:
                        # Not opened at all: opening a device or a FIFO can block or act.
                        rel = f"{prefix}/{name}"
                        row = _problem_row(rel, fsutil.refuse_special(rel, special))
                        folder.store(name, st, "problem", row, index.now_ns)
                        self._add(snapshot, rel, "problem", row)
                        continue
                    pending.append((folder, kind, name, entry.path, st))
                folder.done()
            for (folder, _, name, _, st), (parsed_kind, row, record) in zip(
                pending, self._parse_pending(pending, on_progress, details), strict=True
            ):
                folder.store(name, st, parsed_kind, row, index.now_ns)
                gathering = gathered.get(folder)
                parsed = (name, 0, 0, 0, 0, parsed_kind, row)  # shaped as an index entry
                if (
                    gathering is not None
                    and gatherable(parsed, name, year_of(folder.rel))
                    and paths.add_usual("session", name[:-3])
                ):
                    gathering.append(parsed)
                    continue
                rel = f"{folder.rel}/{name}"
                if record is not None and (details or parsed_kind != "session"):
                    self._add_record(snapshot, rel, parsed_kind, record)
                else:
                    self._add(snapshot, rel, parsed_kind, row, details)
            for folder, entries in gathered.items():
                assert summaries is not None
                if not summaries.sum_up(folder.rel, entries, snapshot):
                    self._add_one_by_one(snapshot, folder, entries)
            walked = None if kinds is None else ("", *(LAYOUT[k][0] for k in kinds))
            index.save(walked)
        finally:
            index.close()
        if summaries is not None:
            snapshot.earlier = summaries.earlier()
        snapshot.sessions.sort(key=_BY_DATE_AND_ID)
        snapshot.reflections.sort(key=_BY_DATE_AND_ID)
        # In file order: files parsed now and files whose problem the index remembers are met
        # at different moments, and the warnings must not depend on the state of the cache.
        snapshot.problems.sort(key=_BY_PATH)
        return snapshot

    def _load_settings(self, index: Any) -> Settings:
        rel = SETTINGS_FILE
        try:
            st = os.lstat(self.settings_path)
        except OSError:
            self.require()
            raise
        folder = index.folder("")
        cached = folder.lookup(rel, st)
        if cached is not None:
            try:
                if cached[5] == "settings":
                    settings = Settings.from_row(cached[6])
                    folder.done()
                    return settings
            except (TypeError, ValueError, IndexError, KeyError, AttributeError, StorageError):
                pass
            folder.forget(rel)
        from mentorlog.journal import frontmatter, schema

        raw = _read_bytes(self.settings_path, rel)
        text = frontmatter.normalise_text(raw, rel)
        _check_conflict_markers(text, rel)
        settings = schema.settings(frontmatter.parse_toml(text, rel), rel, text)
        if settings.schema_version > SCHEMA_VERSION:
            raise NotAJournal(
                f"{rel}: this journal uses format version {settings.schema_version}, "
                f"newer than this mentorlog understands ({SCHEMA_VERSION})",
                "upgrade mentorlog",
            )
        folder.store(rel, st, "settings", settings.to_row(), index.now_ns)
        folder.done()
        return settings

    def _folders(
        self, problems: list[Problem], kinds: Collection[str] | None
    ) -> Iterator[tuple[str, str, str]]:
        """(kind, folder relative to the root, folder) of every folder that holds records."""
        root = str(self.root)
        for kind, (folder, extension, by_year) in LAYOUT.items():
            if kinds is not None and kind not in kinds:
                continue
            base = os.path.join(root, folder)
            if os.path.islink(base):
                problems.append(_linked_folder(folder))
                continue
            if not by_year:
                yield kind, folder, base
                continue
            for entry in _scan(base):
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_symlink():
                    problems.append(_linked_folder(f"{folder}/{name}"))
                elif entry.is_dir():
                    yield kind, f"{folder}/{name}", entry.path
                elif name.endswith(extension):
                    problems.append(
                        Problem(
                            f"{folder}/{name}",
                            f"is not inside a year folder ({folder}/YYYY/)",
                            hint="move it into the folder of its year",
                        )
                    )

    def _parse_pending(
        self,
        pending: list[tuple[Any, str, str, str, os.stat_result]],
        on_progress: Callable[[int, int], None] | None,
        details: bool,
    ) -> list[tuple[str, Any, Any]]:
        """(kind or "problem", row, record or None) of each file not in the index, in order;
        on two cores when there are many (those parsed in the other process come back as
        rows only). A read without details keeps rows only: the summary it builds from them
        is a fraction of the records' memory."""
        if not pending:
            return []  # a warm read: nothing to parse, nothing to import
        from mentorlog.journal.parallel import map_in_two

        def parse(item: tuple[Any, str, str, str, os.stat_result]) -> tuple[str, Any, Any]:
            folder, kind, name, path, _ = item
            parsed = self._parse_for_index(kind, f"{folder.rel}/{name}", path)
            return parsed if details else _rows_only(parsed)

        return map_in_two(parse, pending, on_progress, portable=_rows_only)

    def _parse_for_index(
        self, kind: str, rel: str, path: str | Path
    ) -> tuple[str, Any, Mentor | Goal | Session | Reflection | None]:
        """(kind or "problem", the row to cache, the record itself)."""
        try:
            record = self.parse_file(kind, path, rel)
        except StorageError as exc:
            return "problem", Problem(rel, exc.message, None, exc.hint).to_row(), None
        except InvalidFile as exc:
            return "problem", _problem_row(rel, exc), None
        return kind, record.to_row(), record

    def parse_file(
        self, kind: str, path: str | Path, rel: str
    ) -> Mentor | Goal | Session | Reflection:
        from mentorlog.journal import frontmatter

        text = frontmatter.normalise_text(_read_bytes(path, rel), rel)
        return self.parse_text(kind, record_id_of(kind, path), text, rel)

    def parse_text(
        self, kind: str, record_id: str, text: str, rel: str
    ) -> Mentor | Goal | Session | Reflection:
        """Validate a record's full text; InvalidFile names the file, field and line."""
        from mentorlog.journal import frontmatter, schema

        _check_conflict_markers(text, rel)
        if kind == "mentor":
            return schema.mentor(record_id, frontmatter.parse_toml(text, rel), rel, text)
        if kind == "goal":
            return schema.goal(record_id, frontmatter.parse_toml(text, rel), rel, text)
        data, body = frontmatter.parse(text, rel)
        if kind == "session":
            return schema.session(record_id, data, body, rel, text)
        return schema.reflection(record_id, data, rel, text)

    @classmethod
    def _add_cached(cls, snapshot: Snapshot, rel: str, entry: Any, details: bool) -> bool:
        """Add a record from its cached entry; False when it is not of the expected shape or
        not of this file (an index written by a bug or damaged on disk is never trusted)."""
        try:
            kind, row = entry[5], entry[6]
            if kind != "problem":
                record_id = row["id"] if isinstance(row, dict) else row[0]
                if record_id != rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]:
                    return False
            cls._add(snapshot, rel, kind, row, details)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError, StorageError):
            return False
        return True

    def _add_one_by_one(self, snapshot: Snapshot, folder: Any, entries: list[Any]) -> None:
        """Add gathered sessions that could not be summed up, each as a session of its own
        (their ids are registered already). A cached row that turns out not to be a
        session's is never trusted: the file is parsed again and its entry dropped."""
        for entry in entries:
            name = entry[0]
            try:
                snapshot.sessions.append(Session.from_row(entry[6], False))
                continue
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                pass
            folder.drop(name)
            rel = f"{folder.rel}/{name}"
            kind, row, _ = self._parse_for_index("session", rel, os.path.join(self.root, rel))
            if kind == "session":
                snapshot.sessions.append(Session.from_row(row, False))
            else:
                self._add(snapshot, rel, "problem", row)

    @staticmethod
    def _add_in_place(
        records: list[Any],
        paths: RecordPaths,
        entry: Any,
        kind: str,
        record_id: str,
        details: bool,
    ) -> bool:
        """_add_cached for a session or reflection in its usual place, the bulk of a large
        journal."""
        try:
            if kind == "session":
                record: Session | Reflection = Session.from_row(entry[6], details)
            else:
                record = Reflection.from_row(entry[6])
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            return False
        if record.id != record_id or not paths.add_usual(kind, record.id):
            return False  # a duplicate id goes the long way, to be reported
        records.append(record)
        return True

    @staticmethod
    def _add(snapshot: Snapshot, rel: str, kind: str, row: Any, details: bool = True) -> None:
        if kind == "problem":
            problem = Problem.from_row(row)
            snapshot.problems.append(problem)
            top, _, name = rel.partition("/")
            name = name.rpartition("/")[2]
            if top in _RECORD_FOLDERS:
                records = getattr(snapshot, top)
                if isinstance(records, ById | Listed):
                    records.unreadable[name.rsplit(".", 1)[0]] = problem
            return
        record: Mentor | Goal | Session | Reflection
        if kind == "mentor":
            record = Mentor.from_row(row)
        elif kind == "goal":
            record = Goal.from_row(row)
        elif kind == "session":
            record = Session.from_row(row, details)
        elif kind == "reflection":
            record = Reflection.from_row(row)
        else:
            return
        Journal._add_record(snapshot, rel, kind, record)

    @staticmethod
    def _add_record(
        snapshot: Snapshot, rel: str, kind: str, record: Mentor | Goal | Session | Reflection
    ) -> None:
        target: Any = {
            "mentor": snapshot.mentors,
            "goal": snapshot.goals,
            "session": snapshot.sessions,
            "reflection": snapshot.reflections,
        }[kind]
        key = (kind, record.id)
        if key in snapshot.paths:
            # Two files, one id. Which one counts must not depend on which was read first
            # (cached files are met during the walk, parsed ones after it): the one in its
            # usual place, else the first by path. The other is reported.
            kept = snapshot.paths[key]
            if kept != RecordPaths.usual(kind, record.id) and (
                rel == RecordPaths.usual(kind, record.id) or rel < kept
            ):
                if isinstance(target, dict):
                    target[record.id] = record
                else:
                    target[:] = [record if r.id == record.id else r for r in target]
                snapshot.paths[key] = rel
                kept, rel = rel, kept
            snapshot.problems.append(
                Problem(
                    rel, f"has the same id as {kept}", hint="rename one of them; ids must be unique"
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
        from mentorlog.journal import frontmatter

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
        self.apply(ChangeSet().create(path, text))

    def replace(self, record: RecordFile, text: str) -> None:
        """Rewrite a record read earlier, unless it changed on disk since (see ChangeSet)."""
        self.apply(ChangeSet().replace(record, text))

    def delete(self, record: RecordFile) -> None:
        self.apply(ChangeSet().delete(record))
        from mentorlog.journal.index import Index

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
            mode = _writable_mode(read)
            data = None if text is None else _in_own_form(read, text)
            steps.append(fsutil.FileChange(path, read.rel, data, mode=mode))
        if steps:
            fsutil.apply_changes(steps, self.root / PENDING_FILE)

    def ensure_unchanged(self, record: RecordFile) -> None:
        if not os.path.lexists(record.path):
            raise Conflict(
                f"{record.rel} was deleted while mentorlog was working on it",
                "nothing was written; check the file and try again",
            )
        current = _read_bytes(record.path, record.rel)
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
