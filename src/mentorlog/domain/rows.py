"""The rows records are cached as, with named fields, and the one check of a stored row.

A row is what the index keeps of a record: plain values that `marshal` can store. Sessions,
reflections, feedback and problems are tuples (`Row`s, see domain/records.py), so a row is a
tuple on disk (the index stores `tuple(row)`) and has named fields in memory
(`SessionRow._make(stored)`). Mentors, goals and the settings are dicts keyed by field name.
Rows inside a row (an action item, a question) are short tuples or lists that the record
unpacks by name.

`checked(kind, stored)` rebuilds a stored row and raises `BadShape` unless it is exactly what
this version writes, down to the types of its fields and the dates inside them, so that code
reading a checked row never meets a value of the wrong shape: an index of another version, or
one written by a bug, is then read again from the files.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from mentorlog.domain.dates import UNITS, Cadence
from mentorlog.domain.records import Row


class BadShape(ValueError):
    """A stored row that is not one this version of mentorlog writes."""


class SessionRow(Row):
    id: str
    mentor: str
    date: str  # ISO, which sorts as dates do
    kind: str
    topic: str | None
    goals: list[str]
    confidential: bool
    how: str | None
    discussed: list[str]
    # The open action items, as ActionItem.to_row makes them, kept plain for a summary read,
    # and the done ones with an outcome on advice (`due` reminds you to report back)
    open_actions: tuple[Any, ...]
    # marshal of (every action row, every lesson row, every advice text); b"" when none
    packed: bytes
    # Where the session came from ("calendar") and the calendar event it records, if any
    source: str | None = None
    event: str | None = None


class ReflectionRow(Row):
    id: str
    date: str
    session: str | None
    mentor: str | None
    goals: list[str]
    confidential: bool
    skills: list[str]


class FeedbackRow(Row):
    id: str
    text: str
    source: str | None
    skills: list[str]
    added: str | None  # ISO
    done: str | None  # ISO


class ProblemRow(Row):
    path: str
    reason: str
    line: int | None
    hint: str | None


def cadence_of(text: str) -> Cadence:
    """The cadence a row holds as its text ("4w")."""
    return Cadence(int(text[:-1]), text[-1])


R = TypeVar("R", "SessionRow", "ReflectionRow", "FeedbackRow", "ProblemRow")


def _shaped(cls: type[R], stored: Any) -> R:
    """`stored` as a row of `cls`: a plain tuple of exactly its fields, else BadShape."""
    require(type(stored) is tuple and len(stored) == len(cls._fields))
    return cls._make(stored)


def checked(kind: str, stored: Any) -> Any:
    """The row of a record of `kind` ("problem" for a file that could not be read) rebuilt
    from its stored form; BadShape when it is not one."""
    check = _CHECKS.get(kind)
    if check is None:
        raise BadShape(f"no record is of kind {kind!r}")
    return check(stored)


def is_day(value: Any) -> bool:
    """An ISO date as a row holds it."""
    if type(value) is not str or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def require(condition: bool) -> None:
    """BadShape unless `condition`: for the checks of stored rows and what holds them."""
    if not condition:
        raise BadShape("a stored row is not of the shape this version writes")


def _text_or_none(value: Any) -> bool:
    return value is None or type(value) is str


def _day_or_none(value: Any) -> bool:
    return value is None or is_day(value)


def _texts(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _cadence_or_none(value: Any, allow_none: bool = True) -> bool:
    if value is None:
        return allow_none
    return (
        type(value) is str
        and len(value) >= 2
        and value[-1] in UNITS
        and value[:-1].isascii()
        and value[:-1].isdigit()
    )


def _action(row: Any, open_only: bool = False) -> bool:
    if type(row) not in (list, tuple) or len(row) != 5:
        return False
    number, text, done, done_on, outcome = row
    return (
        type(number) is int
        and type(text) is str
        and type(done) is bool
        and not (open_only and done and outcome is None)
        and _day_or_none(done_on)
        and _text_or_none(outcome)
    )


def _lesson(row: Any) -> bool:
    if type(row) not in (list, tuple) or len(row) != 2:
        return False
    text, tags = row
    return type(text) is str and _texts(tags)


def _session(stored: Any) -> SessionRow:
    row = _shaped(SessionRow, stored)
    require(
        type(row.id) is str
        and type(row.mentor) is str
        and is_day(row.date)
        and type(row.kind) is str
        and _text_or_none(row.topic)
        and _texts(row.goals)
        and type(row.confidential) is bool
        and _text_or_none(row.how)
        and _texts(row.discussed)
        and type(row.open_actions) is tuple
        and all(_action(action, open_only=True) for action in row.open_actions)
        and type(row.packed) is bytes
        and _text_or_none(row.source)
        and _text_or_none(row.event)
    )
    if row.packed and any(action[2] for action in row.open_actions):
        # A summary of this session unpacks the advice its reported outcome names: check it
        # here, like all a summary read uses. Every other read of the details checks them as
        # it unpacks them (`unpacked`), so a read that never does pays nothing for them.
        unpacked(row.packed)
    return row


def unpacked(packed: bytes) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]]:
    """(every action row, every lesson row, every advice text) of a session row's packed
    details, each checked; BadShape (or the ValueError of marshal) when they are not what this
    version writes."""
    found = marshal.loads(packed)
    require(type(found) is tuple and len(found) == 3)
    actions, lessons, advice = found
    require(
        type(actions) is tuple
        and all(map(_action, actions))
        and type(lessons) is tuple
        and all(map(_lesson, lessons))
        and type(advice) is tuple
        and all(type(text) is str for text in advice)
    )
    return actions, lessons, advice


def _reflection(stored: Any) -> ReflectionRow:
    row = _shaped(ReflectionRow, stored)
    require(
        type(row.id) is str
        and is_day(row.date)
        and _text_or_none(row.session)
        and _text_or_none(row.mentor)
        and _texts(row.goals)
        and type(row.confidential) is bool
        and _texts(row.skills)
    )
    return row


def _feedback(stored: Any) -> FeedbackRow:
    row = _shaped(FeedbackRow, stored)
    require(
        type(row.id) is str
        and type(row.text) is str
        and _text_or_none(row.source)
        and _texts(row.skills)
        and _day_or_none(row.added)
        and _day_or_none(row.done)
    )
    return row


def _problem(stored: Any) -> ProblemRow:
    row = _shaped(ProblemRow, stored)
    require(
        type(row.path) is str
        and type(row.reason) is str
        and (row.line is None or type(row.line) is int)
        and _text_or_none(row.hint)
    )
    return row


def _fields(stored: Any, checks: dict[str, Callable[[Any], bool]]) -> dict[str, Any]:
    require(type(stored) is dict and stored.keys() == checks.keys())
    require(all(check(stored[name]) for name, check in checks.items()))
    return stored  # type: ignore[no-any-return]


def _pairs(check: Callable[..., bool], size: int) -> Callable[[Any], bool]:
    """A list of short rows (`size` values each) that `check` accepts spread out."""

    def each(value: Any) -> bool:
        return type(value) is list and all(
            type(item) in (list, tuple) and len(item) == size and check(*item) for item in value
        )

    return each


def _text(value: Any) -> bool:
    return type(value) is str


_MENTOR = {
    "id": _text,
    "name": _text,
    "role": _text_or_none,
    "org": _text_or_none,
    "email": _text_or_none,
    "stage": _text_or_none,
    "cadence": _cadence_or_none,
    "since": _day_or_none,
    "added": _day_or_none,
    "tags": _texts,
    "strengths": _texts,
    "background": _text_or_none,
    "resume_sent": _day_or_none,
    "ground_rules": _day_or_none,
    "struggles_asked": _day_or_none,
    "paused_until": _day_or_none,
    "paused_since": _day_or_none,
    "ended": _day_or_none,
    "shared": _pairs(lambda what, day: type(what) is str and _day_or_none(day), 2),
    "questions": _pairs(
        lambda text, added, done: type(text) is str and _day_or_none(added) and _day_or_none(done),
        3,
    ),
    "agreement": lambda value: value is None or _agreement(value),
    "phase": _text_or_none,
    "not_applicable": _texts,
    "closure": lambda value: (
        value is None
        or _pairs(
            lambda learned, stays, closed: (
                _text_or_none(learned) and _text_or_none(stays) and _day_or_none(closed)
            ),
            3,
        )([value])
    ),
    "meetings": _pairs(
        lambda meeting_id, day, at, minutes, where, agenda, kind, status, session: (
            type(meeting_id) is str
            and is_day(day)
            and _text_or_none(at)
            and (minutes is None or type(minutes) is int)
            and _text_or_none(where)
            and _text_or_none(agenda)
            and type(kind) is str
            and type(status) is str
            and _text_or_none(session)
        ),
        9,
    ),
    "at_most": _cadence_or_none,
    "snoozed_until": _day_or_none,
    "paused": lambda value: type(value) is bool,
}


def _agreement(value: Any) -> bool:
    return _pairs(
        lambda agreed, cadence, term, review, confidentiality, channels, bring: (
            _day_or_none(agreed)
            and _cadence_or_none(cadence)
            and _cadence_or_none(term)
            and _day_or_none(review)
            and _text_or_none(confidentiality)
            and _texts(channels)
            and _text_or_none(bring)
        ),
        7,
    )([value])


_GOAL = {
    "id": _text,
    "title": _text,
    "why": _text_or_none,
    "mentors": _texts,
    "target": _day_or_none,
    "success": _text_or_none,
    "status": _text,
    "created": _day_or_none,
    "closed": _day_or_none,
    "note": _text_or_none,
    "independently": lambda value: type(value) is bool,
    "progress": _pairs(lambda day, note: is_day(day) and type(note) is str, 2),
}


def _cadence(value: Any) -> bool:
    return _cadence_or_none(value, allow_none=False)


def _cadence_table(value: Any) -> bool:
    return type(value) is dict and all(
        type(key) is str and _cadence(text) for key, text in value.items()
    )


_SETTINGS: dict[str, Callable[[Any], bool]] = {
    "schema_version": lambda value: type(value) is int,
    "default_cadence": _cadence,
    "due_within": _cadence,
    "reflect_within": _cadence,
    "stalled_after": _cadence,
    "git": lambda value: type(value) is bool,
    "cadence_set": lambda value: type(value) is bool,
    "cadence_by_stage": _cadence_table,
    "cadence_by_tag": _cadence_table,
}

_CHECKS: dict[str, Callable[[Any], Any]] = {
    "session": _session,
    "reflection": _reflection,
    "feedback": _feedback,
    "problem": _problem,
    "mentor": lambda stored: _fields(stored, _MENTOR),
    "goal": lambda stored: _fields(stored, _GOAL),
    "settings": lambda stored: _fields(stored, _SETTINGS),
}


def sessions_with(mentor_id: str) -> Callable[[str, Any], bool]:
    """Whether a record is wanted by a command about one mentor, from its row as stored: every
    record but the sessions with someone else. It only peeks (the row is checked once it is
    wanted), so a row that may not be a session's is wanted: checking it then makes it a
    miss, and its file is read."""
    size = len(SessionRow._fields)

    def wanted(kind: str, row: Any) -> bool:
        if kind != "session" or type(row) is not tuple or len(row) != size:
            return True
        mentor = row[1]
        return type(mentor) is not str or mentor == mentor_id

    return wanted
