"""Reading a journal: the snapshot of every record, the folder scans and the checks on a
record file's bytes before it is parsed.
"""

from __future__ import annotations

import operator
import os
import re
from pathlib import Path
from typing import Any, TypeVar

from mentorlog.domain.models import (
    EarlierSessions,
    Goal,
    Mentor,
    Problem,
    Reflection,
    Session,
    Settings,
)
from mentorlog.domain.records import field, record
from mentorlog.errors import (
    InvalidFile,
    StorageError,
)
from mentorlog.journal import files as fsutil
from mentorlog.journal.layout import RecordPaths

# The three lines git writes around each side of a conflict, in this order; each alone is text
# (a line of seven "=" underlines a Markdown heading).
_CONFLICT_LINE = re.compile(r"^(?:(<{7})(?: .*)?|(={7})|(>{7})(?: .*)?)$", re.M)

V = TypeVar("V")


class ById(dict[str, V]):
    """Records by id, and the ids whose file could not be read with what is wrong with it:
    asking for one of those names the broken file instead of saying there is no such record."""

    __slots__ = ("unreadable",)

    def __init__(self) -> None:
        super().__init__()
        self.unreadable: dict[str, Problem] = {}


class Listed(list[V]):
    """Records in a list, and the ids whose file could not be read (as ById.unreadable)."""

    __slots__ = ("unreadable",)

    def __init__(self) -> None:
        super().__init__()
        self.unreadable: dict[str, Problem] = {}


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


def _problem_row(rel: str, exc: InvalidFile) -> Any:
    return Problem(rel, exc.reason, exc.line, exc.hint).to_row()


def _rows_only(parsed: tuple[str, Any, Any]) -> tuple[str, Any, Any]:
    return parsed[0], parsed[1], None


def _scan(directory: str, listing: list[str] | None = None) -> list[os.DirEntry[str]]:
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
        raise StorageError(f"could not list {directory}: {exc.strerror}", None) from None
    entries.sort(key=_BY_NAME)
    return entries


_BY_NAME = operator.attrgetter("name")

_BY_DATE_AND_ID = operator.attrgetter("date", "id")

_BY_PATH = operator.attrgetter("path")


def _read_bytes(path: str | Path, rel: str) -> bytes:
    from mentorlog.journal.frontmatter import MAX_FILE_BYTES

    return fsutil.read_regular(path, rel, MAX_FILE_BYTES)


def _check_conflict_markers(text: str, rel: str) -> None:
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
