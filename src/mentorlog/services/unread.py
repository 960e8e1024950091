"""Decisions taken from the set of records of one kind: this name is free, this person is not
in the journal yet, this text means that one record. Such a decision is only as good as the
set it was taken from. A file of that kind that could not be read may hold the very record
that matters; the command then refuses, naming the file, its line and how to fix it, instead
of acting as if the file were not there (a duplicate mentor, a session filed under the wrong
person)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from mentorlog.domain.models import Problem
from mentorlog.errors import InvalidFile
from mentorlog.journal.reader import ById, Listed

_DATED = re.compile(r"\d{4}-\d{2}-\d{2}-")


def may_be_with(mentor_id: str) -> Callable[[str], bool]:
    """Whether an unread session (or reflection) file may be with `mentor_id`, from its name:
    ids are `DATE-MENTOR`, so one named for another mentor is not, while one renamed by hand
    out of that pattern may be anyone's."""
    return lambda record_id: not _DATED.match(record_id) or record_id[11:].startswith(mentor_id)


def may_be_on(days: set[str]) -> Callable[[str], bool]:
    """Whether an unread session file may be of one of `days` (ISO dates), from its name."""
    return lambda record_id: not _DATED.match(record_id) or record_id[:10] in days


def numbered_from(base: str) -> Callable[[str], bool]:
    """Whether an id is `base` or one of the `base-N` a new record takes when it is taken."""
    numbered = re.compile(re.escape(base) + r"(-\d+)?")
    return lambda record_id: numbered.fullmatch(record_id) is not None


def of(records: object) -> Mapping[str, Problem]:
    """The files of `records`' kind that could not be read, by the id their name gives."""
    return records.unreadable if isinstance(records, ById | Listed) else {}


def first(records: object, could_be: Callable[[str], bool] = lambda _id: True) -> Problem | None:
    """The first unread file (by id) that `could_be` the record that matters."""
    unread = of(records)
    for record_id in sorted(unread):
        if could_be(record_id):
            return unread[record_id]
    return None


def refusal(problem: Problem, consequence: str, way_out: str | None = None) -> InvalidFile:
    """The error that names an unread file, says what it stops, and how to go on."""
    hint = problem.hint or "fix it by hand, then run `mentorlog doctor`"
    if way_out:
        hint = f"{hint}; {way_out}"
    return InvalidFile(problem.path, f"{problem.reason}; {consequence}", problem.line, hint)


def require_read(
    records: object,
    consequence: str,
    way_out: str | None = None,
    could_be: Callable[[str], bool] = lambda _id: True,
) -> None:
    """Refuse when a file of `records`' kind could not be read and `could_be` the record the
    decision depends on; `consequence` says what was therefore not done."""
    problem = first(records, could_be)
    if problem is not None:
        raise refusal(problem, consequence, way_out)
