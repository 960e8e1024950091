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
from mentorlog.domain.records import field, record
from mentorlog.journal.index import STAMPS_MARSHAL_VERSION, Outline

# What became of a folder whose outline could not serve (see from_outline)
Outcome = Literal["used", "stale", "unusable"]

# Only these kinds live in year folders and are summed up; their files end in .md.
OUTLINED = ("session", "reflection")
RECORD_EXTENSION = ".md"

# A folder's sessions summarised for `due`: (cutoff, {mentor: latest date}, {mentor: latest
# thank-you}, the rows kept whole, the rows of its problems). Dates are ISO strings, which sort
# as dates do. Rows dated before the cutoff with no open action are summed up; the rest are
# kept whole. A summary serves any read that asks for sessions before a day on or after the
# cutoff.
SessionSummary = tuple[str, dict[str, str], dict[str, str], tuple[Any, ...], tuple[Any, ...]]


def summarise_session_rows(rows: list[Any], problems: list[Any], before: str) -> SessionSummary:
    """The summary of one folder's session rows (as `Session.to_row` makes them) that sums up
    as many as it can of those dated before `before` (an ISO date): all of them when the
    whole folder is older, so it serves every later day too."""
    cutoff = before
    latest = max((row[2] for row in rows), default=None)
    if latest is not None and latest < before:
        cutoff = (date.fromisoformat(latest) + timedelta(days=1)).isoformat()
    contacts: dict[str, str] = {}
    thanks: dict[str, str] = {}
    kept = []
    for row in rows:
        day, mentor = row[2], row[1]
        if day >= cutoff or row[9]:  # recent, or with an open action item
            kept.append(row)
            continue
        if contacts.get(mentor, "") < day:
            contacts[mentor] = day
        if row[3] == "thanks" and thanks.get(mentor, "") < day:
            thanks[mentor] = day
    return cutoff, contacts, thanks, tuple(kept), tuple(problems)


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


def summariser(kind: str, since: str) -> Callable[[str, list[Any]], Any]:
    """The function that makes the summary kept in a folder's outline."""
    if kind == "reflection":
        return _summarise_reflections

    def summarise(rel: str, entries: list[Any]) -> SessionSummary | None:
        return _summarise_sessions(rel, entries, since)

    return summarise


def from_outline(
    outline: Outline | None, kind: str, directory: str, since: str
) -> FolderSummary | Outcome:
    """The folder at `directory` as its outline sums it up; or "stale" when the outline no
    longer matches the files, "unusable" when there is none or its summary does not reach
    back to `since` (an ISO date)."""
    if outline is None:
        return "unusable"
    listing, joined, stamps, summary = outline
    try:
        if kind == "session":
            cutoff, contacts, thanks, kept_rows, problem_rows = summary
            if not isinstance(cutoff, str) or cutoff > since:
                return "unusable"
            if not all(d < cutoff for d in (*contacts.values(), *thanks.values())):
                return "unusable"
            kept: list[Session] = [Session.from_row(row, False) for row in kept_rows]
            reflected: tuple[str, ...] = ()
        else:
            reflected_rows, problem_rows = summary
            reflected = tuple(s for s in reflected_rows if isinstance(s, str))
            contacts, thanks, kept = {}, {}, []
        problems = [Problem.from_row(row) for row in problem_rows]
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return "unusable"
    names = _unchanged(directory, listing, joined, stamps)
    if names is None:
        return "stale"
    failed = {problem.path.rsplit("/", 1)[-1] for problem in problems}
    if failed:
        names = [name for name in names if name not in failed]
    return FolderSummary(names, problems, kept, contacts, thanks, reflected)


def sum_up(rel: str, entries: list[Any], since: str) -> FolderSummary | None:
    """The sessions of folder `rel`, read just now, summed up as its outline would: the ones
    that can still matter whole, the latest contact and thank-you of the rest. None when they
    cannot be summed up."""
    summary = _summarise_sessions(rel, entries, since)
    if summary is None:
        return None
    _, contacts, thanks, kept_rows, _ = summary
    try:
        kept = [Session.from_row(row, False) for row in kept_rows]
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return None
    return FolderSummary([], [], kept, contacts, thanks)


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


def gatherable(entry: Any, name: str, year: str | None) -> bool:
    """Whether an entry is a session in its year's folder with the row of this file."""
    if year is None:
        return False
    try:
        return bool(entry[5] == "session" and name.startswith(year) and entry[6][0] == name[:-3])
    except (TypeError, IndexError, KeyError):
        return False


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


def _summarise_sessions(rel: str, entries: list[Any], since: str) -> SessionSummary | None:
    """The summary of a folder of sessions kept in its outline; None when the folder holds a
    session outside its year's folder (that one must go through the duplicate check)."""
    rows = _rows_in_place(rel, entries, "session", len(RECORD_EXTENSION))
    if rows is None:
        return None
    try:
        return summarise_session_rows(rows[0], rows[1], since)
    except (TypeError, ValueError, IndexError, KeyError):
        return None  # an entry of the wrong shape: no summary, the files are read instead


def _summarise_reflections(rel: str, entries: list[Any]) -> tuple[Any, ...] | None:
    """The summary of a folder of reflections: the sessions they reflect on, and problems."""
    rows = _rows_in_place(rel, entries, "reflection", len(RECORD_EXTENSION))
    if rows is None:
        return None
    try:
        return tuple(row[2] for row in rows[0] if row[2]), tuple(rows[1])
    except (TypeError, IndexError):
        return None


def _rows_in_place(
    rel: str, entries: list[Any], kind: str, cut: int
) -> tuple[list[Any], list[Any]] | None:
    """(rows, problem rows) of a folder's entries (file names with an extension `cut` long);
    None unless every record is of `kind` and in its year's folder."""
    year = year_of(rel)
    if year is None:
        return None
    cut = -cut
    rows: list[Any] = []
    problems: list[Any] = []
    try:
        for entry in entries:
            name, found, row = entry[0], entry[5], entry[6]
            if found == "problem":
                problems.append(row)
            elif found == kind and name.startswith(year) and row[0] == name[:cut]:
                rows.append(row)
            else:
                return None
    except (TypeError, IndexError, KeyError):
        return None
    return rows, problems
