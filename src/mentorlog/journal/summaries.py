"""What `due` needs of old sessions and reflections, summed up per year folder.

A warm `mentorlog due` on a large journal must not build an object for each of ten thousand old
sessions only to learn each mentor's latest contact. The index keeps, next to each folder's
entries, an outline with a summary made here: for sessions, each mentor's latest contact and
thank-you among those summed up, and the rows that can still matter whole (recent ones, and
those with an open action item); for reflections, the sessions they reflect on. A read for
`due` (`Journal.load(summarise_before=...)`) takes a folder from its summary when the outline's
listing and stamps are those of the files now and the summary reaches back far enough, and
sums up a folder it had to read file by file the same way. `schedule.due` takes the result as
`EarlierSessions` and answers as it would from every session.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Literal

from mentorlog.domain.models import EarlierSessions, Problem, Session
from mentorlog.domain.records import Row, field, record
from mentorlog.domain.rows import ProblemRow, SessionRow, checked, is_day, require
from mentorlog.journal.index import STAMPS_MARSHAL_VERSION, Entry, Outline

# What became of a folder whose outline could not serve (see from_outline)
Outcome = Literal["used", "stale", "unusable"]

# Only these kinds live in year folders and are summed up; their files end in .md.
OUTLINED = ("session", "reflection")
RECORD_EXTENSION = ".md"


class SessionSummary(Row):
    """A folder's sessions summed up for `due`. Dates are ISO strings, which sort as dates do.
    Rows dated before the cutoff with no open action are summed up; the rest are kept whole.
    A summary serves any read that asks for sessions before a day on or after the cutoff."""

    cutoff: str
    contacts: dict[str, str]  # mentor -> latest session among those summed up
    thanks: dict[str, str]  # mentor -> latest thank-you among them
    kept: tuple[SessionRow, ...]
    problems: tuple[ProblemRow, ...]

    def stored(self) -> tuple[Any, ...]:
        """The summary as marshal stores it in the outline: plain tuples."""
        kept = tuple(map(tuple, self.kept))
        return (self.cutoff, self.contacts, self.thanks, kept, tuple(map(tuple, self.problems)))


class ReflectionSummary(Row):
    """A folder's reflections summed up for `due`: the sessions they reflect on."""

    reflected: tuple[str, ...]
    problems: tuple[ProblemRow, ...]

    def stored(self) -> tuple[Any, ...]:
        return (self.reflected, tuple(map(tuple, self.problems)))


def summary_reader(kind: str) -> Callable[[Any], SessionSummary | ReflectionSummary | None]:
    """What rebuilds and checks a folder's summary of `kind` from the form the outline stores;
    it raises BadShape on anything else (the index then reads the folder's files)."""
    return _session_summary if kind == "session" else _reflection_summary


def _session_summary(stored: Any) -> SessionSummary | None:
    if stored is None:
        return None
    summary = SessionSummary._make(stored)
    require(
        is_day(summary.cutoff)
        and _days_by_mentor(summary.contacts)
        and _days_by_mentor(summary.thanks)
        and type(summary.kept) is tuple
        and type(summary.problems) is tuple
    )
    return summary._replace(
        kept=tuple(checked("session", row) for row in summary.kept),
        problems=tuple(checked("problem", row) for row in summary.problems),
    )


def _reflection_summary(stored: Any) -> ReflectionSummary | None:
    if stored is None:
        return None
    summary = ReflectionSummary._make(stored)
    require(
        type(summary.reflected) is tuple
        and all(type(session) is str for session in summary.reflected)
        and type(summary.problems) is tuple
    )
    return summary._replace(problems=tuple(checked("problem", row) for row in summary.problems))


def _days_by_mentor(days: Any) -> bool:
    return type(days) is dict and all(
        type(mentor) is str and is_day(day) for mentor, day in days.items()
    )


def summarise_session_rows(
    rows: list[SessionRow], problems: list[ProblemRow], before: str
) -> SessionSummary:
    """The summary of one folder's session rows (as `Session.to_row` makes them) that sums up
    as many as it can of those dated before `before` (an ISO date): all of them when the
    whole folder is older, so it serves every later day too."""
    cutoff = before
    latest = max((row.date for row in rows), default=None)
    if latest is not None and latest < before:
        cutoff = (date.fromisoformat(latest) + timedelta(days=1)).isoformat()
    contacts: dict[str, str] = {}
    thanks: dict[str, str] = {}
    kept = []
    for row in rows:
        day, mentor = row.date, row.mentor
        if day >= cutoff or row.open_actions:
            kept.append(row)
            continue
        if contacts.get(mentor, "") < day:
            contacts[mentor] = day
        if row.kind == "thanks" and thanks.get(mentor, "") < day:
            thanks[mentor] = day
    return SessionSummary(cutoff, contacts, thanks, tuple(kept), tuple(problems))


@record
class FolderSummary:
    """What one folder of sessions or reflections adds to a read for `due` in place of its
    records: the record files it sums up (their ids are the reader's to register), its
    problems, the sessions kept whole, and what the rest come to."""

    names: list[str]
    problems: list[Problem]
    kept: list[Session]
    contacts: dict[str, str] = field(default_factory=dict)
    thanks: dict[str, str] = field(default_factory=dict)
    reflected: tuple[str, ...] = ()


def summariser(kind: str, since: str) -> Callable[[str, list[Entry]], tuple[Any, ...] | None]:
    """The function that makes the summary kept in a folder's outline, in its stored form."""

    def summarise(rel: str, entries: list[Entry]) -> tuple[Any, ...] | None:
        summary: SessionSummary | ReflectionSummary | None
        if kind == "reflection":
            summary = _summarise_reflections(rel, entries)
        else:
            summary = _summarise_sessions(rel, entries, since)
        return None if summary is None else summary.stored()

    return summarise


def from_outline(
    outline: Outline | None, kind: str, directory: str, since: str
) -> FolderSummary | Outcome:
    """The folder at `directory` as its outline (read with `summary_reader(kind)`) sums it
    up; or "stale" when the outline no longer matches the files, "unusable" when there is
    none or its summary does not reach back to `since` (an ISO date)."""
    if outline is None or outline.summary is None:
        return "unusable"
    summary = outline.summary
    if isinstance(summary, SessionSummary):
        cutoff, contacts, thanks = summary.cutoff, summary.contacts, summary.thanks
        if kind != "session" or cutoff > since:
            return "unusable"
        if not all(d < cutoff for d in (*contacts.values(), *thanks.values())):
            return "unusable"
        kept: list[Session] = [Session.from_row(row, False) for row in summary.kept]
        reflected: tuple[str, ...] = ()
    else:
        if kind != "reflection":
            return "unusable"
        reflected = summary.reflected
        contacts, thanks, kept = {}, {}, []
    problems = [Problem.from_row(row) for row in summary.problems]
    names = _unchanged(directory, outline.listing, outline.names, outline.stamps)
    if names is None:
        return "stale"
    failed = {problem.path.rsplit("/", 1)[-1] for problem in problems}
    if failed:
        names = [name for name in names if name not in failed]
    return FolderSummary(names, problems, kept, contacts, thanks, reflected)


def sum_up(rel: str, entries: list[Entry], since: str) -> FolderSummary | None:
    """The sessions of folder `rel`, read just now, summed up as its outline would: the ones
    that can still matter whole, the latest contact and thank-you of the rest. None when they
    cannot be summed up."""
    summary = _summarise_sessions(rel, entries, since)
    if summary is None:
        return None
    kept = [Session.from_row(row, False) for row in summary.kept]
    return FolderSummary([], [], kept, summary.contacts, summary.thanks)


def earlier_sessions(before: date, summaries: list[FolderSummary]) -> EarlierSessions:
    """What the summed-up folders come to, for `schedule.due`."""
    contacts: dict[str, str] = {}
    thanks: dict[str, str] = {}
    reflected: set[str] = set()
    for summary in summaries:
        _latest(contacts, summary.contacts)
        _latest(thanks, summary.thanks)
        reflected.update(summary.reflected)
    return EarlierSessions(
        before,
        {mentor: date.fromisoformat(day) for mentor, day in contacts.items()},
        {mentor: date.fromisoformat(day) for mentor, day in thanks.items()},
        frozenset(reflected),
    )


def year_of(rel: str) -> str | None:
    """The year of a year folder (`sessions/2026`); None for any other folder, where no
    record is in its usual place."""
    name = rel.rsplit("/", 1)[-1]
    return name if len(name) == 4 and name.isascii() and name.isdigit() else None


def gatherable(entry: Entry, name: str, year: str | None) -> bool:
    """Whether an entry is a session in its year's folder with the row of this file."""
    return (
        year is not None
        and entry.kind == "session"
        and name.startswith(year)
        and entry.row.id == name[: -len(RECORD_EXTENSION)]
    )


def _latest(into: dict[str, str], days: dict[str, str]) -> None:
    for mentor, day in days.items():
        if into.get(mentor, "") < day:
            into[mentor] = day


def _unchanged(directory: str, listing: str, joined: str, stamps: bytes) -> list[str] | None:
    """The record file names of an outline when the folder still lists exactly `listing` and
    every record file still has its stamp; None otherwise. One stat per record file."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        if "/".join(os.listdir(fd)) != listing:
            return None
        names = joined.split("/") if joined else []
        found = [os.stat(name, dir_fd=fd, follow_symlinks=False) for name in names]
    except OSError:
        return None
    finally:
        os.close(fd)
    now = [(s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino) for s in found]
    return names if marshal.dumps(now, STAMPS_MARSHAL_VERSION) == stamps else None


def _summarise_sessions(rel: str, entries: list[Entry], since: str) -> SessionSummary | None:
    """The summary of a folder of sessions kept in its outline; None when the folder holds a
    session outside its year's folder (that one must go through the duplicate check)."""
    found = _rows_in_place(rel, entries, "session")
    if found is None:
        return None
    rows, problems = found
    return summarise_session_rows(rows, problems, since)


def _summarise_reflections(rel: str, entries: list[Entry]) -> ReflectionSummary | None:
    """The summary of a folder of reflections: the sessions they reflect on, and problems."""
    found = _rows_in_place(rel, entries, "reflection")
    if found is None:
        return None
    rows, problems = found
    return ReflectionSummary(tuple(row.session for row in rows if row.session), tuple(problems))


def _rows_in_place(rel: str, entries: list[Entry], kind: str) -> tuple[list[Any], list[Any]] | None:
    """(rows, problem rows) of a folder's entries; None unless every record is of `kind` and
    in its year's folder."""
    year = year_of(rel)
    if year is None:
        return None
    cut = -len(RECORD_EXTENSION)
    rows: list[Any] = []
    problems: list[Any] = []
    for entry in entries:
        name = entry.name
        if entry.kind == "problem":
            problems.append(entry.row)
        elif entry.kind == kind and name.startswith(year) and entry.row.id == name[:cut]:
            rows.append(entry.row)
        else:
            return None
    return rows, problems
