"""The journal's records as plain Python objects. No I/O, no validation of user files (that is
`schema.py`), and no heavy imports: these objects are built on every command's start-up path.

Every record can turn itself into a "row" of JSON-ready primitives and back. Rows are what the
index caches, so a warm `mentorlog due` never parses TOML or imports pydantic.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from mentorlog.domain import fields
from mentorlog.domain.arc import Agreement, Closure
from mentorlog.domain.dates import Cadence
from mentorlog.domain.records import field, record
from mentorlog.domain.rows import ProblemRow, ReflectionRow, SessionRow, cadence_of, unpacked

STAGES = ("senior", "peer", "near-peer", "junior", "outsider")
KINDS = ("check-in", "question", "intro", "email", "message", "thanks")
# What people type for a kind: "checkin", "Check In", "thank-you".
_KIND_ALIASES = {
    "checkin": "check-in",
    "check": "check-in",
    "questions": "question",
    "introduction": "intro",
    "e-mail": "email",
    "msg": "message",
    "thank": "thanks",
    "thank-you": "thanks",
    "thankyou": "thanks",
}
GOAL_STATUSES = ("open", "done", "dropped")
SCHEMA_VERSION = 1


def check_kind(kind: str) -> str:
    """The canonical kind of a session: "checkin" and "Check-In" are "check-in"."""
    from mentorlog.errors import UsageError

    value = "-".join(kind.strip().lower().replace("_", " ").split())
    value = _KIND_ALIASES.get(value, value)
    if value not in KINDS:
        raise UsageError(f"'{kind}' is not a kind of session", f"use one of: {', '.join(KINDS)}")
    return value


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@record
class Settings:
    """The journal's settings (`mentorlog.toml`): default cadence, due window, reflection delay."""

    schema_version: int = SCHEMA_VERSION
    default_cadence: Cadence = field(default_factory=lambda: Cadence(4, "w"))
    due_within: Cadence = field(default_factory=lambda: Cadence(7, "d"))
    reflect_within: Cadence = field(default_factory=lambda: Cadence(3, "d"))
    git: bool = False
    # False when mentorlog.toml does not set default_cadence: the user's config may then.
    cadence_set: bool = True
    # `[cadence]` in mentorlog.toml: defaults by career stage and by tag (see domain/windows).
    cadence_by_stage: dict[str, Cadence] = field(default_factory=dict)
    cadence_by_tag: dict[str, Cadence] = field(default_factory=dict)
    # An open goal with no progress for longer than this shows in `due`.
    stalled_after: Cadence = field(default_factory=lambda: Cadence(4, "w"))

    def to_row(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "default_cadence": str(self.default_cadence),
            "cadence_set": self.cadence_set,
            "due_within": str(self.due_within),
            "reflect_within": str(self.reflect_within),
            "stalled_after": str(self.stalled_after),
            "git": self.git,
            "cadence_by_stage": {k: str(v) for k, v in self.cadence_by_stage.items()},
            "cadence_by_tag": {k: str(v) for k, v in self.cadence_by_tag.items()},
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Settings:
        return cls(
            schema_version=row["schema_version"],
            default_cadence=cadence_of(row["default_cadence"]),
            due_within=cadence_of(row["due_within"]),
            reflect_within=cadence_of(row["reflect_within"]),
            git=row["git"],
            cadence_set=row["cadence_set"],
            cadence_by_stage={k: cadence_of(v) for k, v in row["cadence_by_stage"].items()},
            cadence_by_tag={k: cadence_of(v) for k, v in row["cadence_by_tag"].items()},
            stalled_after=cadence_of(row["stalled_after"]),
        )


@record
class Question:
    """A question or topic queued for the next call with a mentor."""

    text: str
    added: date | None = None
    done: date | None = None

    def to_row(self) -> list[Any]:
        return [self.text, _iso(self.added), _iso(self.done)]

    @classmethod
    def from_row(cls, row: list[Any]) -> Question:
        text, added, done = row
        return cls(text, _d(added), _d(done))


@record
class SharedDocument:
    """Something you sent a mentor: your resume, a draft, a plan."""

    what: str
    date: date | None = None

    def to_row(self) -> list[Any]:
        return [self.what, _iso(self.date)]

    @classmethod
    def from_row(cls, row: list[Any]) -> SharedDocument:
        what, day = row
        return cls(what, _d(day))


@record
class Meeting:
    """A meeting booked with a mentor (`[[meetings]]` in the mentor's file). `at` is the local
    start as "HH:MM" (None: the time is not fixed yet); `status` is booked, done or cancelled."""

    id: str
    date: date
    at: str | None = None
    minutes: int | None = None
    where: str | None = None
    agenda: str | None = None
    kind: str = "check-in"
    status: str = "booked"
    session: str | None = None  # the session that recorded it, once done

    def to_row(self) -> list[Any]:
        return [
            self.id,
            self.date.isoformat(),
            self.at,
            self.minutes,
            self.where,
            self.agenda,
            self.kind,
            self.status,
            self.session,
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Meeting:
        meeting_id, day, at, minutes, where, agenda, kind, status, session = row
        return cls(
            meeting_id, date.fromisoformat(day), at, minutes, where, agenda, kind, status, session
        )


@record
class Mentor:
    """A person in the dream team, with how often to keep in touch and what they offer."""

    id: str
    name: str
    role: str | None = None
    org: str | None = None
    email: str | None = None
    stage: str | None = None
    cadence: Cadence | None = None
    since: date | None = None
    added: date | None = None
    tags: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    background: str | None = None
    resume_sent: date | None = None
    ground_rules: date | None = None
    struggles_asked: date | None = None
    paused_until: date | None = None
    paused_since: date | None = None  # the day the pause was asked for, where known
    ended: date | None = None
    shared: list[SharedDocument] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    agreement: Agreement | None = None
    phase: str | None = None  # set by hand; otherwise suggested from the history
    not_applicable: list[str] = field(default_factory=list)  # getting-started items skipped
    closure: Closure | None = None
    meetings: list[Meeting] = field(default_factory=list)
    at_most: Cadence | None = None  # the outer limit; past it the relationship has lapsed
    snoozed_until: date | None = None  # one reminder hidden until this day
    paused: bool = False  # paused until resumed (no `paused_until`)

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else self.name

    @property
    def start(self) -> date | None:
        """When the relationship began, as far as the journal knows."""
        return self.since or self.added

    def ended_on(self, day: date) -> bool:
        return self.ended is not None and self.ended <= day

    def closure_on(self, day: date) -> Closure | None:
        """How the relationship was closed, once it has been by `day`."""
        closure = self.closure
        if closure is None or (closure.closed is not None and closure.closed > day):
            return None
        return closure

    def paused_on(self, day: date) -> bool:
        """Paused on `day`: before `paused_until`, and not before the pause was asked for
        (a file without `paused_since` counts as paused from the start). `paused` without
        `paused_until` lasts until the mentor is resumed."""
        if self.paused_until is None:
            if not self.paused:
                return False
        elif self.paused_until <= day:
            return False
        return self.paused_since is None or self.paused_since <= day

    @property
    def pause_end(self) -> str:
        """What a pause lasts until, in words: a date, or until the mentor is resumed."""
        return self.paused_until.isoformat() if self.paused_until else "resumed"

    def active_on(self, day: date) -> bool:
        return not self.ended_on(day) and not self.paused_on(day)

    def status_on(self, day: date) -> str:
        if self.ended_on(day):
            return "ended"
        if self.paused_on(day):
            return "paused"
        return "active"

    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.done is None]

    def to_row(self) -> dict[str, Any]:
        return fields.to_row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Mentor:
        return fields.from_row(cls, row)


@record
class Progress:
    """A dated note of progress on a goal."""

    date: date
    note: str

    def to_row(self) -> list[Any]:
        return [self.date.isoformat(), self.note]

    @classmethod
    def from_row(cls, row: list[Any]) -> Progress:
        day, note = row
        return cls(date.fromisoformat(day), note)


@record
class Goal:
    """Something the mentee wants from one or more mentoring relationships."""

    id: str
    title: str
    why: str | None = None
    mentors: list[str] = field(default_factory=list)
    target: date | None = None
    success: str | None = None
    status: str = "open"
    created: date | None = None
    closed: date | None = None
    note: str | None = None
    independently: bool = False
    progress: list[Progress] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def to_row(self) -> dict[str, Any]:
        return fields.to_row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Goal:
        return fields.from_row(cls, row)


@record
class ActionItem:
    """A `- [ ]` line in a session body. Its id is `<session id>#<number>`."""

    session: str
    number: int
    text: str
    done: bool = False
    done_on: date | None = None
    outcome: str | None = None

    @property
    def id(self) -> str:
        return f"{self.session}#{self.number}"

    @property
    def acts_on(self) -> int | None:
        """The number of the advice (in its own session) this action cites, if any."""
        from mentorlog.domain.body import acts_on

        return acts_on(self.text)

    @property
    def reported(self) -> bool:
        """Done with an outcome, on advice: something the mentor will want to hear."""
        return self.done and self.outcome is not None and self.acts_on is not None

    def to_row(self) -> list[Any]:
        return [self.number, self.text, self.done, _iso(self.done_on), self.outcome]


@record
class LessonItem:
    """A story or lesson a mentor shared: a bullet under a session's `## Lessons`."""

    text: str
    tags: tuple[str, ...] = ()

    def to_row(self) -> list[Any]:
        return [self.text, list(self.tags)]


@record
class Session:
    """One contact with a mentor. The body stays on disk; what commands need of it is here."""

    id: str
    mentor: str
    date: date
    kind: str = "check-in"
    topic: str | None = None
    goals: list[str] = field(default_factory=list)
    confidential: bool = True
    how: str | None = None
    discussed: list[str] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    lessons: list[LessonItem] = field(default_factory=list)
    source: str | None = None  # "calendar" for a session imported from a calendar
    event: str | None = None  # the calendar event it records: UID, or UID/occurrence
    advice: list[str] = field(default_factory=list)

    def open_actions(self) -> list[ActionItem]:
        return [a for a in self.actions if not a.done]

    def advice_for(self, action: ActionItem) -> str | None:
        """The text of the advice `action` cites, when this session has it."""
        number = action.acts_on
        if number is None or not 1 <= number <= len(self.advice):
            return None
        return self.advice[number - 1]

    def to_row(self) -> SessionRow:
        """The open actions (and the done ones whose outcome on advice the mentor may not have
        heard yet) stay plain; every action, the lessons and the advice are packed into one
        bytes value that a summary read (`mentorlog due` on a large journal) never unpacks."""
        import marshal

        actions = tuple(a.to_row() for a in self.actions)
        lessons = tuple(lesson.to_row() for lesson in self.lessons)
        advice = tuple(self.advice)
        return SessionRow(
            self.id,
            sys.intern(self.mentor),
            self.date.isoformat(),
            sys.intern(self.kind),
            self.topic,
            self.goals,
            self.confidential,
            self.how,
            self.discussed,
            tuple(
                row
                for row, action in zip(actions, self.actions, strict=True)
                if not action.done or action.reported
            ),
            marshal.dumps((actions, lessons, advice)) if actions or lessons or advice else b"",
            self.source,
            self.event,
        )

    @classmethod
    def from_row(cls, row: SessionRow, details: bool = True) -> Session:
        """A session from its row. Without `details` it is a read-only summary: `actions`
        holds only the open actions and `lessons` is empty, enough for `due` at a fraction of
        the memory."""
        # On the path of every warm command, once per session: positional arguments, shared
        # dates, and nothing built when there is nothing to build.
        (
            session_id,
            mentor,
            day,
            kind,
            topic,
            goals,
            confidential,
            how,
            discussed,
            todo,
            packed,
            source,
            event,
        ) = row
        actions: list[ActionItem] = []
        lessons: list[LessonItem] = []
        advice: list[str] = []
        if details:
            if packed:
                action_rows, lesson_rows, advice_rows = unpacked(packed)
                actions = [_action(session_id, a) for a in action_rows]
                lessons = [LessonItem(text, tuple(tags)) for text, tags in lesson_rows]
                advice = list(advice_rows)
        else:
            # A summary is read-only: its empty lists are all one shared, immutable tuple,
            # which saves four objects per session on a journal of a hundred thousand.
            actions = [_action(session_id, a) for a in todo] if todo else _NOTHING
            lessons = advice = _NOTHING
            if any(a.done for a in actions):
                # An outcome to report names its advice: the one case a summary unpacks.
                advice = list(unpacked(packed)[2])
            goals = goals or _NOTHING
            discussed = discussed or _NOTHING
        return cls(
            session_id,
            mentor,
            _DAYS.get(day) or _day(day),
            kind,
            topic,
            goals,
            confidential,
            how,
            discussed,
            actions,
            lessons,
            source,
            event,
            advice,
        )


_DAYS: dict[str, date] = {}
_NOTHING: Any = ()


@record
class EarlierSessions:
    """What `due` still needs of the sessions and reflections a snapshot left out: each
    mentor's latest session and latest thank-you among them, and the sessions reflected on.
    Every session left out is dated before `before` and has no open action item, so nothing
    else about it can make anyone due."""

    before: date
    last_contact: dict[str, date] = field(default_factory=dict)
    last_thanks: dict[str, date] = field(default_factory=dict)
    reflected: frozenset[str] = frozenset()


def _day(text: str) -> date:
    """date.fromisoformat, shared: a large journal has many sessions on each day."""
    value = _DAYS[text] = date.fromisoformat(text)
    return value


def _action(session_id: str, row: tuple[Any, ...]) -> ActionItem:
    number, text, done, done_on, outcome = row
    return ActionItem(session_id, number, text, done, _d(done_on), outcome)


@record
class Reflection:
    """What the mentee thought afterwards, usually about one session."""

    id: str
    date: date
    session: str | None = None
    mentor: str | None = None
    goals: list[str] = field(default_factory=list)
    confidential: bool = True
    skills: list[str] = field(default_factory=list)  # what you are working on that it is about

    def to_row(self) -> ReflectionRow:
        return ReflectionRow(
            self.id,
            self.date.isoformat(),
            self.session,
            self.mentor,
            self.goals,
            self.confidential,
            self.skills,
        )

    @classmethod
    def from_row(cls, row: ReflectionRow) -> Reflection:
        return cls(
            row.id,
            date.fromisoformat(row.date),
            row.session,
            row.mentor,
            row.goals,
            row.confidential,
            row.skills,
        )


@record
class Problem:
    """Something wrong with one file: reported, never fatal for the rest of the journal."""

    path: str
    reason: str
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}" + (f" ({self.hint})" if self.hint else "")

    def to_row(self) -> ProblemRow:
        return ProblemRow(self.path, self.reason, self.line, self.hint)

    @classmethod
    def from_row(cls, row: ProblemRow) -> Problem:
        return cls(*row)
