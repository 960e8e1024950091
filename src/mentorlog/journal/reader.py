"""Reading a journal: the snapshot of every record, the folder scans and the checks on a
record file's bytes before it is parsed.
"""

from __future__ import annotations

import gc
import operator
import os
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from mentorlog.domain.models import (
    SCHEMA_VERSION,
    EarlierSessions,
    Goal,
    Mentor,
    Problem,
    Reflection,
    Session,
    Settings,
)
from mentorlog.domain.records import field, record
from mentorlog.domain.rows import ProblemRow
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import InvalidFile, NotAJournal, StorageError
from mentorlog.journal import files as fsutil
from mentorlog.journal.index import UNUSABLE, UNWANTED, Entry, Folder, Index, Wanted
from mentorlog.journal.layout import (
    LAYOUT,
    RECORD_FOLDERS,
    SETTINGS_FILE,
    RecordPaths,
    bad_name,
    cache_path,
    linked_folder,
    record_id_of,
)
from mentorlog.journal.summaries import (
    OUTLINED,
    RECORD_EXTENSION,
    FolderSummary,
    earlier_sessions,
    from_outline,
    gatherable,
    sum_up,
    summariser,
    summary_reader,
    year_of,
)

# The three lines git writes around each side of a conflict, in this order; each alone is text
# (a line of seven "=" underlines a Markdown heading).
_CONFLICT_LINE = re.compile(r"^(?:(<{7})(?: .*)?|(={7})|(>{7})(?: .*)?)$", re.M)

V = TypeVar("V")


class ById(dict[str, V]):
    """Records by id, and the ids whose file could not be read with what is wrong with it:
    asking for one of those names the broken file instead of saying there is no such record.
    `for_change` marks records read to decide a change (under the journal's lock): a lookup
    in them refuses when a file that could not be read may be the record meant."""

    __slots__ = ("for_change", "unreadable")

    def __init__(self) -> None:
        super().__init__()
        self.unreadable: dict[str, Problem] = {}
        self.for_change = False


class Listed(list[V]):
    """Records in a list, and the ids whose file could not be read (as ById)."""

    __slots__ = ("for_change", "unreadable")

    def __init__(self) -> None:
        super().__init__()
        self.unreadable: dict[str, Problem] = {}
        self.for_change = False


@record
class Snapshot:
    """Everything in the journal at one moment, plus what could not be read."""

    settings: Settings
    mentors: dict[str, Mentor] = field(default_factory=ById)
    goals: dict[str, Goal] = field(default_factory=ById)
    sessions: list[Session] = field(default_factory=Listed)
    reflections: list[Reflection] = field(default_factory=Listed)
    problems: list[Problem] = field(default_factory=list)
    paths: RecordPaths = field(default_factory=lambda: RecordPaths())
    # Sessions summed up instead of listed in `sessions` (see Journal.load)
    earlier: EarlierSessions | None = None

    def session(self, session_id: str) -> Session | None:
        for candidate in self.sessions:
            if candidate.id == session_id:
                return candidate
        return None


def _unstattable(rel: str, exc: OSError) -> ProblemRow:
    return Problem(
        rel, f"could not be examined: {exc.strerror}", hint="check the file's permissions"
    ).to_row()


def _problem_row(rel: str, exc: InvalidFile) -> ProblemRow:
    return Problem(rel, exc.reason, exc.line, exc.hint).to_row()


def scan_folder(directory: str, listing: list[str] | None = None) -> list[os.DirEntry[str]]:
    """A folder's entries in name order; none when it does not exist. `listing` receives
    every name in the order the system lists them."""
    try:
        with os.scandir(directory) as found:
            entries = list(found)
        if listing is not None:
            listing.extend(entry.name for entry in entries)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise StorageError(
            f"could not list {directory}: {exc.strerror}",
            f"check that {directory} can be read (chmod u+rx), or move what is not yours out of it",
        ) from None
    entries.sort(key=_BY_NAME)
    return entries


_BY_NAME = operator.attrgetter("name")

_BY_DATE_AND_ID = operator.attrgetter("date", "id")

_BY_PATH = operator.attrgetter("path")


def read_bytes(path: str | Path, rel: str) -> bytes:
    from mentorlog.journal.frontmatter import MAX_FILE_BYTES

    return fsutil.read_regular(path, rel, MAX_FILE_BYTES)


def check_conflict_markers(text: str, rel: str) -> None:
    if "<<<<<<<" not in text:
        return  # the usual case, without a regular expression over the whole text
    line = conflict_line(text)
    if line is not None:
        raise InvalidFile(
            rel,
            "has unresolved merge conflict markers",
            line,
            "keep the right lines, delete the markers, then run `mentorlog doctor`",
        )


def conflict_line(text: str) -> int | None:
    """The line of the first complete conflict block ("<<<<<<< ", then "=======", then
    ">>>>>>> ", each at the start of a line), or None. One pass over the marker lines."""
    opened = separated = -1
    for match in _CONFLICT_LINE.finditer(text):
        if match.group(1):
            opened, separated = match.start(), -1
        elif match.group(2):
            if opened >= 0:
                separated = match.start()
        elif separated >= 0:
            return text.count("\n", 0, opened) + 1
    return None


def require_journal(root: Path) -> None:
    """Refuse a folder that is not a journal, saying how to make it one."""
    if os.path.lexists(root / SETTINGS_FILE):
        # Whatever the name is (a FIFO, a link), it marks a journal: reading it then says
        # what is wrong with it instead of calling the folder no journal.
        return
    if not root.exists():
        raise NotAJournal(
            f"there is no journal at {root}",
            f"run `mentorlog init {root}` or point --dir / MENTORLOG_DIR at your journal",
        )
    raise NotAJournal(
        f"{root} is not a mentorlog journal (it has no {SETTINGS_FILE})",
        f"run `mentorlog init {root}` to make it one",
    )


class Reader:
    """Reads a journal one way: folders are listed and each file stat-ed, looked up in the
    index, parsed when new or changed, and added to a Snapshot; a read for `due` takes whole
    folders from their summaries (journal/summaries.py). Nothing it calls calls back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # The stat of the file parse_file last read, taken on the open file before the read:
        # the stamp its row is cached with, at no extra system call.
        self.last_read_stat: os.stat_result | None = None

    def load(
        self,
        on_progress: Callable[[int, int], None] | None = None,
        kinds: Collection[str] | None = None,
        details: bool = True,
        summarise_before: date | None = None,
        settings_problems: bool = False,
        wanted: Wanted | None = None,
        first_read: Callable[[Index], None] | None = None,
    ) -> Snapshot:
        """Read every record. Broken files become Problems; they never hide the rest.

        `kinds` reads only the records of those kinds (a command that needs the mentors and
        goals need not look at ten thousand sessions). Without `details`, sessions carry only
        their open actions and no lessons: what `due` needs, in a fraction of the memory.
        With `summarise_before` (implies no details), sessions dated before that day with no
        open action may be left out of `sessions` and summed up in `earlier` instead, when the
        index holds a current summary of their folder: a warm `due` then builds no object for
        them. With `wanted` (not with `summarise_before`), a record whose row it refuses is
        left out, and an unchanged one is not even checked or built (see Folder.lookup); every
        file is still stat-ed, and every changed one parsed, so no change is missed and every
        problem is still reported. When a read of every kind builds the index anew,
        `first_read` is given it, to add the folders read elsewhere (feedback/)."""
        # Everything built here lives until the command ends, so the cyclic collector's passes
        # over the growing heap are pure cost: on a large journal they were most of the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            if summarise_before is not None:
                details = False
            return self._load(
                on_progress, kinds, details, summarise_before, settings_problems, wanted, first_read
            )
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
        wanted: Wanted | None = None,
        first_read: Callable[[Index], None] | None = None,
    ) -> Snapshot:
        index = Index.open(cache_path(self.root), str(self.root), time.time_ns())
        try:
            try:
                snapshot = Snapshot(settings=self._load_settings(index))
            except InvalidFile as exc:
                if not settings_problems:
                    raise
                snapshot = Snapshot(settings=Settings())
                snapshot.problems.append(Problem(exc.path, exc.reason, exc.line, exc.hint))
            if first_read is not None and kinds is None and not index.sound and index.path:
                first_read(index)
            paths = snapshot.paths
            # Each folder walked with files to parse, and their names: they are parsed after
            # the walk (so the progress knows its total), one folder at a time.
            pending: list[tuple[Folder, str, str, list[str]]] = []
            since = None if summarise_before is None else summarise_before.isoformat()
            # The folders a summary stood in for, and those that get a new outline.
            taken: list[FolderSummary] = []
            outlined: dict[Folder, str] = {}
            # In a summarising read, the sessions of each folder read file by file are gathered
            # and summed up at the end, like the index's summaries: no object for an old one.
            gathered: dict[Folder, list[Entry]] = {}
            for kind, prefix, directory in self._folders(snapshot.problems, kinds):
                listing: list[str] | None = None
                if since is None or kind not in OUTLINED:
                    folder = index.folder(prefix)
                else:
                    outline = index.outline(prefix, summary_reader(kind))
                    found = from_outline(outline, kind, directory, since)
                    if not isinstance(found, str):
                        if paths.defer_usual(kind, found.names, len(RECORD_EXTENSION)):
                            for problem in found.problems:
                                self._add(snapshot, problem.path, "problem", problem.to_row())
                            snapshot.sessions.extend(found.kept)
                            taken.append(found)
                            index.keep(prefix)
                            continue
                        found = "unusable"  # an id also found elsewhere: the long way reports it
                    folder = index.folder(prefix, outline=True, outline_stale=found == "stale")
                    outlined[folder] = kind
                    listing = folder.listing = []
                    if kind == "session":
                        gathered[folder] = []
                gathering = gathered.get(folder)
                to_parse: list[str] = []
                extension = LAYOUT[kind].extension
                cut = -len(extension)
                year = year_of(prefix)
                in_place: list[Any] | None = (
                    snapshot.sessions
                    if kind == "session"
                    else snapshot.reflections
                    if kind == "reflection"
                    else None
                )
                for entry in scan_folder(directory, listing):
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
                    except OSError as exc:
                        # Gone since the listing: nothing to read. Anything else (no right to
                        # look) leaves a file unread, which no command may take for absent.
                        if not isinstance(exc, FileNotFoundError):
                            rel = f"{prefix}/{name}"
                            self._add(snapshot, rel, "problem", _unstattable(rel, exc))
                        continue
                    cached = folder.lookup(name, st, wanted)
                    if cached is UNWANTED:
                        if year is not None and name.startswith(year):
                            # Its id stays taken: a copy of it elsewhere is still reported,
                            # and the record kept is the one a full read keeps.
                            paths.add_usual(kind, name[:cut])
                        continue
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
                            and cached.kind == kind
                            and year is not None
                            and name.startswith(year)
                        ):
                            # The common case, kept short: a record in its year's folder.
                            if self._add_in_place(
                                in_place, paths, cached, kind, name[:cut], details
                            ):
                                continue
                        elif self._add_cached(snapshot, f"{prefix}/{name}", kind, cached, details):
                            continue
                        folder.forget(name)
                    if not is_valid_id(name[:cut]):
                        # Registered as unread, like a file that does not parse: it may be
                        # a record the command needs (a sync tool's copy of it, say).
                        rel = f"{prefix}/{name}"
                        self._add(snapshot, rel, "problem", bad_name(rel, name[:cut]).to_row())
                        continue
                    special = fsutil.not_regular(st.st_mode)
                    if special is not None:
                        # Not opened at all: opening a device or a FIFO can block or act.
                        rel = f"{prefix}/{name}"
                        row = _problem_row(rel, fsutil.refuse_special(rel, special))
                        folder.store(name, st, "problem", row, index.now_ns)
                        self._add(snapshot, rel, "problem", row)
                        continue
                    to_parse.append(name)
                folder.done()
                if to_parse:
                    pending.append((folder, kind, directory, to_parse))
                else:
                    # Finished now rather than after the walk: a read whose rows all come
                    # from the index (say, the first summarising read after another command
                    # wrote it) then holds one folder's rows at a time too.
                    self._finish(snapshot, index, folder, gathered, outlined, since, taken)
            total = sum(len(names) for *_, names in pending)
            parsed_count = 0
            for folder, kind, directory, names in pending:
                gathering = gathered.get(folder)
                for name in names:
                    self._read_new(
                        snapshot, index, folder, kind, directory, name, details, gathering, wanted
                    )
                    parsed_count += 1
                    if on_progress is not None:
                        on_progress(parsed_count, total)
                self._finish(snapshot, index, folder, gathered, outlined, since, taken)
            # Named even for a full read: the chunks of folders read elsewhere (feedback/)
            # are kept.
            walked = ("", *(LAYOUT[k].folder for k in (LAYOUT if kinds is None else kinds)))
            index.save(walked)
        finally:
            index.close()
        if summarise_before is not None:
            snapshot.earlier = earlier_sessions(summarise_before, taken)
        snapshot.sessions.sort(key=_BY_DATE_AND_ID)
        snapshot.reflections.sort(key=_BY_DATE_AND_ID)
        # In file order: files parsed now and files whose problem the index remembers are met
        # at different moments, and the warnings must not depend on the state of the cache.
        snapshot.problems.sort(key=_BY_PATH)
        return snapshot

    def in_full(self, sessions: Iterable[Session], paths: RecordPaths) -> Iterator[Session]:
        """Each of `sessions` (as a read without details gave them) with every action, lesson
        and advice, in the order given, built one at a time: a command that streams a hundred
        thousand sessions holds the records of only one. The rows come from the index one
        folder at a time (each stamp compared with its file, as a read does); a file the index
        does not describe is parsed again. A file that vanished or broke since the read gives
        the session as it was read."""
        index = Index.open(cache_path(self.root), str(self.root), time.time_ns())
        try:
            where = ""
            cached: Folder | None = None
            for session in sessions:
                rel = paths[("session", session.id)]
                folder, _, name = rel.rpartition("/")
                if cached is None or folder != where:
                    where, cached = folder, index.entries(folder)
                yield self._in_full(session, rel, cached, name)
        finally:
            index.close()

    def _in_full(self, session: Session, rel: str, cached: Folder, name: str) -> Session:
        path = os.path.join(self.root, rel)
        try:
            st = os.lstat(path)
        except OSError:
            return session
        entry = cached.lookup(name, st)
        if entry is not None and entry.kind == "session" and entry.row.id == session.id:
            try:
                return Session.from_row(entry.row, True)
            except UNUSABLE:
                pass  # its details, checked as they are unpacked, are not sound: read the file
        try:
            parsed = self.parse_file("session", path, rel)
        except (InvalidFile, StorageError):
            return session
        return parsed if isinstance(parsed, Session) and parsed.id == session.id else session

    def _load_settings(self, index: Index) -> Settings:
        rel = SETTINGS_FILE
        try:
            st = os.lstat(self.root / SETTINGS_FILE)
        except OSError:
            require_journal(self.root)
            raise
        folder = index.folder("")
        cached = folder.lookup(rel, st)
        if cached is not None:
            if cached.kind == "settings":
                settings = Settings.from_row(cached.row)
                folder.done()
                return _with_user_cadence(settings)
            folder.forget(rel)
        from mentorlog.journal import frontmatter, schema

        raw = read_bytes(self.root / SETTINGS_FILE, rel)
        text = frontmatter.normalise_text(raw, rel)
        check_conflict_markers(text, rel)
        settings = schema.settings(frontmatter.parse_toml(text, rel), rel, text)
        if settings.schema_version > SCHEMA_VERSION:
            raise NotAJournal(
                f"{rel}: this journal uses format version {settings.schema_version}, "
                f"newer than this mentorlog understands ({SCHEMA_VERSION})",
                "upgrade mentorlog",
            )
        folder.store(rel, st, "settings", settings.to_row(), index.now_ns)
        folder.done()
        return _with_user_cadence(settings)

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
                problems.append(linked_folder(folder))
                continue
            if not by_year:
                yield kind, folder, base
                continue
            for entry in scan_folder(base):
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_symlink():
                    problems.append(linked_folder(f"{folder}/{name}"))
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

    @staticmethod
    def _finish(
        snapshot: Snapshot,
        index: Index,
        folder: Folder,
        gathered: dict[Folder, list[Entry]],
        outlined: dict[Folder, str],
        since: str | None,
        taken: list[FolderSummary],
    ) -> None:
        """Folder `folder` is read: sum it up and set its index chunk aside, so that only
        one folder's rows are held at a time."""
        gathering = gathered.pop(folder, None)
        if gathering is not None:
            assert since is not None
            summed = sum_up(folder.rel, gathering, since)
            if summed is None:
                # Not summed up (some session is out of its year's folder): each its own
                snapshot.sessions.extend(Session.from_row(e.row, False) for e in gathering)
            else:
                snapshot.sessions.extend(summed.kept)
                taken.append(summed)
        kind = outlined.get(folder)
        if kind is not None:
            assert since is not None
            outline_entries = folder.outline_entries()
            if outline_entries is not None:
                folder.summarised_as(summariser(kind, since)(folder.rel, outline_entries))
        index.seal(folder)

    def _read_new(
        self,
        snapshot: Snapshot,
        index: Index,
        folder: Folder,
        kind: str,
        directory: str,
        name: str,
        details: bool,
        gathering: list[Entry] | None,
        wanted: Wanted | None,
    ) -> None:
        """Parse a file the index does not describe, store its row and add its record (or
        gather its row, to be summed up with its folder). A read without details keeps rows
        only: the summary built from them is a fraction of the records' memory. (Parsing on
        two cores was tried and measured: it did not pay, see docs/performance.md.)"""
        path = os.path.join(directory, name)
        rel = f"{folder.rel}/{name}"
        # The stamp is the open file's, taken before it is read (a change after it gives the
        # file a new stamp, read next time), not the walk's: a stat result per file of a
        # large journal was most of a first read's memory.
        st, parsed_kind, row, record = self._parse_new(kind, rel, path)
        if st is not None:
            folder.store(name, st, parsed_kind, row, index.now_ns)
        parsed = Entry(name, 0, 0, 0, 0, parsed_kind, row)
        if (
            gathering is not None
            and gatherable(parsed, name, year_of(folder.rel))
            and snapshot.paths.add_usual("session", name[:-3])
        ):
            gathering.append(parsed)
            return
        if wanted is not None and parsed_kind != "problem" and not wanted(parsed_kind, row):
            record_id = name.rsplit(".", 1)[0]
            if rel == RecordPaths.usual(parsed_kind, record_id):
                snapshot.paths.add_usual(parsed_kind, record_id)
            return
        if record is not None and (details or parsed_kind != "session"):
            self._add_record(snapshot, rel, parsed_kind, record)
        else:
            self._add(snapshot, rel, parsed_kind, row, details)

    def _parse_new(
        self, kind: str, rel: str, path: str
    ) -> tuple[os.stat_result | None, str, Any, Mentor | Goal | Session | Reflection | None]:
        """(the file's stat or None, kind or "problem", the row to cache, the record)."""
        self.last_read_stat = None
        try:
            record = self.parse_file(kind, path, rel)
        except (StorageError, InvalidFile) as exc:
            if isinstance(exc, StorageError):
                row = Problem(rel, exc.message, None, exc.hint).to_row()
            else:
                row = _problem_row(rel, exc)
            return self._stamp_of_broken(path), "problem", row, None
        return self.last_read_stat, kind, record.to_row(), record

    def _stamp_of_broken(self, path: str) -> os.stat_result | None:
        """The stamp a problem row is cached with: that of the file read when it was read,
        else the file's now, so that a warm read does not rewrite the index for it; None
        when it is gone (nothing is cached)."""
        if self.last_read_stat is not None:
            return self.last_read_stat
        try:
            return os.lstat(path)
        except OSError:
            return None

    def parse_file(
        self, kind: str, path: str | Path, rel: str
    ) -> Mentor | Goal | Session | Reflection:
        from mentorlog.journal import frontmatter

        self.last_read_stat = None
        raw, self.last_read_stat = fsutil.read_regular_stat(path, rel, frontmatter.MAX_FILE_BYTES)
        text = frontmatter.normalise_text(raw, rel)
        return parse_text(kind, record_id_of(kind, path), text, rel)

    @classmethod
    def _add_cached(
        cls, snapshot: Snapshot, rel: str, kind: str, entry: Entry, details: bool
    ) -> bool:
        """Add a record of `kind` from its cached entry (its shape was checked as the index
        was read); False when it holds another kind of record, or the record of another file:
        an index written by a bug is never trusted."""
        if entry.kind == "problem":
            cls._add(snapshot, rel, "problem", entry.row, details)
            return True
        row = entry.row
        record_id = row["id"] if isinstance(row, dict) else row.id
        if entry.kind != kind or record_id != rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]:
            return False
        try:
            cls._add(snapshot, rel, kind, row, details)
        except UNUSABLE:
            return False  # a session's details are checked as they are unpacked
        return True

    @staticmethod
    def _add_in_place(
        records: list[Any],
        paths: RecordPaths,
        entry: Entry,
        kind: str,
        record_id: str,
        details: bool,
    ) -> bool:
        """_add_cached for a session or reflection in its usual place, the bulk of a large
        journal."""
        if kind == "session":
            try:
                record: Session | Reflection = Session.from_row(entry.row, details)
            except UNUSABLE:
                return False  # its details, checked as they are unpacked, are not sound
        else:
            record = Reflection.from_row(entry.row)
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
            if top in RECORD_FOLDERS:
                records = getattr(snapshot, top)
                if isinstance(records, ById | Listed):
                    records.unreadable[name.rsplit(".", 1)[0].lower()] = problem
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
        Reader._add_record(snapshot, rel, kind, record)

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


def parse_text(
    kind: str, record_id: str, text: str, rel: str
) -> Mentor | Goal | Session | Reflection:
    """Validate a record's full text; InvalidFile names the file, field and line."""
    from mentorlog.journal import frontmatter, schema

    check_conflict_markers(text, rel)
    if kind == "mentor":
        return schema.mentor(record_id, frontmatter.parse_toml(text, rel), rel, text)
    if kind == "goal":
        return schema.goal(record_id, frontmatter.parse_toml(text, rel), rel, text)
    data, body = frontmatter.parse(text, rel)
    if kind == "session":
        return schema.session(record_id, data, body, rel, text)
    return schema.reflection(record_id, data, rel, text)


def _with_user_cadence(settings: Settings) -> Settings:
    """The user's config sets the default cadence of a journal whose mentorlog.toml does not
    (after the cache, so editing the config needs no rebuild)."""
    if not settings.cadence_set:
        from mentorlog.domain.dates import parse_cadence
        from mentorlog.user import config as userconfig

        configured = userconfig.get("cadence")
        if configured:
            settings.default_cadence = parse_cadence(configured)
    return settings
