"""Choosing what leaves the journal: the whole journal or part of it for an export, and the
summary written for one mentor.

Confidentiality is decided here and only here. A session or reflection marked confidential
(the default) is left out unless the caller asks for it, and the number left out is reported.
A summary for a mentor contains only that mentor's own records and never another mentor's
notes or name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import (
    ActionItem,
    Goal,
    LessonItem,
    Mentor,
    Problem,
    Reflection,
    Session,
)
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal

EXPORT_VERSION = 1
FORMATS = ("markdown", "json", "ics")
# How a Markdown export orders its sessions (--group-by).
GROUPINGS = ("mentor", "date")


@dataclass(frozen=True, slots=True)
class Filters:
    mentor: str | None = None  # a mentor id, already resolved
    since: date | None = None
    until: date | None = None
    include_confidential: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "mentor": self.mentor,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "include_confidential": self.include_confidential,
        }


@dataclass(slots=True)
class WithBody:
    record: Any  # Session or Reflection
    body: str


@dataclass(slots=True)
class Export:
    today: date
    filters: Filters
    mentors: list[Mentor]
    goals: list[Goal]
    sessions: list[WithBody]
    reflections: list[WithBody]
    omitted_confidential: int
    names: dict[str, str] = field(default_factory=dict)  # every mentor id -> name, for display
    feedback: list[Feedback] = field(default_factory=list)


def check_format(value: str) -> str:
    from mentorlog.errors import UsageError

    wanted = value.strip().lower()
    wanted = {"md": "markdown", "ical": "ics", "icalendar": "ics"}.get(wanted, wanted)
    if wanted not in FORMATS:
        raise UsageError(f"'{value}' is not an export format", f"use one of: {', '.join(FORMATS)}")
    return wanted


def check_period(filters: Filters) -> None:
    from mentorlog.errors import UsageError

    if filters.since and filters.until and filters.since > filters.until:
        raise UsageError(
            f"--since {filters.since} is after --until {filters.until}", "swap the two dates"
        )


def _in_period(day: date, filters: Filters) -> bool:
    if filters.since is not None and day < filters.since:
        return False
    return filters.until is None or day <= filters.until


def _reflection_mentor(reflection: Reflection, sessions: dict[str, Session]) -> str | None:
    if reflection.mentor:
        return reflection.mentor
    linked = sessions.get(reflection.session or "")
    return linked.mentor if linked else None


def read_body(journal: Journal, snapshot: Snapshot, kind: str, record_id: str) -> str:
    return journal.read(journal.root / snapshot.paths[(kind, record_id)]).body


@dataclass(slots=True)
class Selection:
    """The records an export holds, without their bodies: what `collect` reads them for, and
    what a streamed export reads them from one at a time (`with_bodies`)."""

    today: date
    filters: Filters
    mentors: list[Mentor]
    goals: list[Goal]
    sessions: list[Session]
    reflections: list[Reflection]
    omitted_confidential: int
    names: dict[str, str] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)


def select(snapshot: Snapshot, filters: Filters, today: date) -> Selection:
    """The records an export holds, confidential ones counted out; no body is read."""
    check_period(filters)
    by_id = {s.id: s for s in snapshot.sessions}
    mentors = sorted(snapshot.mentors.values(), key=lambda m: m.name.casefold())
    goals = sorted(snapshot.goals.values(), key=lambda g: (g.created or date.min, g.id))
    if filters.mentor is not None:
        mentors = [m for m in mentors if m.id == filters.mentor]
        goals = [g for g in goals if filters.mentor in g.mentors]
    omitted = 0
    sessions: list[Session] = []
    for session in snapshot.sessions:
        if filters.mentor is not None and session.mentor != filters.mentor:
            continue
        if not _in_period(session.date, filters):
            continue
        if session.confidential and not filters.include_confidential:
            omitted += 1
            continue
        sessions.append(session)
    reflections: list[Reflection] = []
    for reflection in snapshot.reflections:
        if filters.mentor is not None and _reflection_mentor(reflection, by_id) != filters.mentor:
            continue
        if not _in_period(reflection.date, filters):
            continue
        if reflection.confidential and not filters.include_confidential:
            omitted += 1
            continue
        reflections.append(reflection)
    return Selection(
        today=today,
        filters=filters,
        mentors=mentors,
        goals=goals,
        sessions=sessions,
        reflections=reflections,
        omitted_confidential=omitted,
        names={m.id: m.name for m in snapshot.mentors.values()},
    )


def with_bodies(
    journal: Journal, snapshot: Snapshot, kind: str, records: Iterable[Session | Reflection]
) -> Iterator[WithBody]:
    """Each record with its body, read from disk as it is asked for: only one body is held
    at a time."""
    for item in records:
        yield WithBody(item, read_body(journal, snapshot, kind, item.id))


def in_full_with_bodies(
    journal: Journal, snapshot: Snapshot, sessions: Iterable[Session]
) -> Iterator[WithBody]:
    """Each session of a read without details in full (every action, lesson and advice), with
    its body, built as it is asked for: only one is held at a time."""
    for session in journal.in_full(snapshot, sessions):
        yield WithBody(session, read_body(journal, snapshot, "session", session.id))


def collect(journal: Journal, snapshot: Snapshot, filters: Filters, today: date) -> Export:
    """The records an export holds, bodies read from disk, confidential ones counted out."""
    chosen = select(snapshot, filters, today)
    with_feedback(journal, chosen)
    return Export(
        today=chosen.today,
        filters=chosen.filters,
        mentors=chosen.mentors,
        goals=chosen.goals,
        sessions=list(with_bodies(journal, snapshot, "session", chosen.sessions)),
        reflections=list(with_bodies(journal, snapshot, "reflection", chosen.reflections)),
        omitted_confidential=chosen.omitted_confidential,
        names=chosen.names,
        feedback=chosen.feedback,
    )


def with_feedback(journal: Journal, chosen: Selection) -> list[Problem]:
    """Add what you are working on (the `feedback/` folder) to a whole-journal export; with
    `--mentor` it stays out, as it is about you, not them. The files that cannot be read."""
    if chosen.filters.mentor is not None:
        return []
    from mentorlog.journal import feedback as feedback_files

    chosen.feedback, problems = feedback_files.load(journal)
    return problems


# --- a summary for one mentor ------------------------------------------------------------------


@dataclass(slots=True)
class Completed:
    date: date
    action: ActionItem


@dataclass(slots=True)
class Shared:
    date: date
    lesson: LessonItem


@dataclass(slots=True)
class MentorSummary:
    today: date
    mentor: Mentor
    goals: list[Goal]
    completed: list[Completed]
    lessons: list[Shared]
    contacts: int
    first_contact: date | None
    omitted_confidential: int


def summary_for(snapshot: Snapshot, mentor_id: str, today: date, filters: Filters) -> MentorSummary:
    """What to send one mentor: the goals you share with them, what you did after your
    conversations, what they taught you. Only their own sessions are read, and the names of
    your other mentors are taken out of every line of text that goes in."""
    check_period(filters)
    mentor = snapshot.mentors[mentor_id]
    others = [m for m in snapshot.mentors.values() if m.id != mentor_id]
    scrub = Redactor(others, keep=mentor)
    theirs = [s for s in snapshot.sessions if s.mentor == mentor_id]
    in_period = [s for s in theirs if _in_period(s.date, filters)]
    shared = [s for s in in_period if filters.include_confidential or not s.confidential]
    goals = [
        Goal(
            id=g.id,
            title=scrub(g.title),
            why=scrub(g.why) if g.why else None,
            mentors=[mentor_id],
            target=g.target,
            success=scrub(g.success) if g.success else None,
            status=g.status,
            created=g.created,
            closed=g.closed,
            note=scrub(g.note) if g.note else None,
            independently=g.independently,
            progress=[
                type(p)(p.date, scrub(p.note)) for p in g.progress if _in_period(p.date, filters)
            ],
        )
        for g in sorted(snapshot.goals.values(), key=lambda g: (g.created or date.min, g.id))
        if mentor_id in g.mentors
    ]
    completed = [
        Completed(
            s.date,
            ActionItem(
                a.session,
                a.number,
                scrub(a.text),
                a.done,
                a.done_on,
                scrub(a.outcome) if a.outcome else None,
            ),
        )
        for s in shared
        for a in s.actions
        if a.done
    ]
    lessons = [
        Shared(s.date, LessonItem(scrub(lesson.text), lesson.tags))
        for s in shared
        for lesson in s.lessons
    ]
    return MentorSummary(
        today=today,
        mentor=mentor,
        goals=goals,
        completed=completed,
        lessons=lessons,
        contacts=len(in_period),
        first_contact=min((s.date for s in theirs), default=None),
        omitted_confidential=len(in_period) - len(shared),
    )


class Redactor:
    """Replaces other people's names (full, last and first names, as whole words, any case)
    with a neutral phrase. A name the kept mentor shares is left alone."""

    REPLACEMENT = "another mentor"

    def __init__(self, others: list[Mentor], keep: Mentor) -> None:
        kept = {part.casefold() for part in keep.name.split()}
        words: set[str] = set()
        for other in others:
            words.add(other.name)
            words.update(part for part in other.name.split() if len(part) > 1)
        names = sorted(
            (w for w in words if w.casefold() not in kept or " " in w), key=len, reverse=True
        )
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)
            if names
            else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(self.REPLACEMENT, text)
