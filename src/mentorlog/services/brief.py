"""`mentorlog brief`: one page to read before a call with a mentor. Who they are, what the
journal says is still missing from a good start, what this call is for, what you owe them,
what moved since you last spoke, and what they taught you before. Pure: computed from a
`JournalView`, no clock, no printing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from mentorlog.domain import growth, schedule, windows
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.growth import Feedback
from mentorlog.domain.meetings import next_booked
from mentorlog.domain.models import ActionItem, Goal, Meeting, Mentor, Session
from mentorlog.errors import UsageError
from mentorlog.services import advice
from mentorlog.services.advice import GivenAdvice
from mentorlog.services.arc import Standing, standing
from mentorlog.services.asof import JournalView
from mentorlog.services.questions import QueuedQuestion, open_numbered

CALL_PURPOSES = ("check-in", "question", "intro")
RESUME_WORDS = frozenset({"resume", "cv", "my resume", "my cv", "résumé"})
# A relationship with no open goal for this many cadences is worth a second look.
IDLE_CADENCES = 2


@dataclass(slots=True)
class ChecklistItem:
    key: str  # "goals", "background", "resume", "ground_rules"
    done: bool
    on: date | None = None  # when it was done, where the journal knows
    detail: str | None = None
    applicable: bool = True  # False when marked not applicable: never missing


@dataclass(slots=True)
class PendingAction:
    action: ActionItem
    session_date: date
    session_topic: str | None


@dataclass(slots=True)
class GoalProgress:
    goal: str
    goal_title: str
    date: date
    note: str


@dataclass(slots=True)
class SharedLesson:
    session: str
    date: date
    text: str
    tags: tuple[str, ...]


@dataclass(slots=True)
class IdleRelationship:
    """No open goal with this mentor for a while: lighten the cadence, or thank and graduate."""

    reason: str  # "no-goals" (none ever linked) or "goals-closed" (all closed)
    since: date  # when the relationship began, or when the last linked goal closed
    thanked_on: date | None


@dataclass(slots=True)
class Brief:
    today: date
    mentor: Mentor
    status: str
    cadence: Cadence
    cadence_is_default: bool
    known_since: date | None
    last_contact: date | None
    last_session: Session | None
    next_due: date | None
    purpose: str
    checklist: list[ChecklistItem]
    questions: list[QueuedQuestion]
    goals: list[Goal]
    open_actions: list[PendingAction]
    progress: list[GoalProgress]
    lessons: list[SharedLesson]
    ask_about_struggles: bool
    idle: IdleRelationship | None
    sessions_count: int = 0
    standing: Standing | None = None
    meeting: Meeting | None = None  # the next booked meeting, which this brief prepares
    advice: list[GivenAdvice] = field(default_factory=list)
    # open feedback to work on, what this mentor's strengths can help with first
    working_on: list[Feedback] = field(default_factory=list)
    can_help: list[str] = field(default_factory=list)  # ids of those items

    @property
    def known_days(self) -> int | None:
        return (self.today - self.known_since).days if self.known_since else None

    @property
    def days_to_due(self) -> int | None:
        return (self.next_due - self.today).days if self.next_due else None

    @property
    def open_goals(self) -> list[Goal]:
        return [g for g in self.goals if g.is_open]

    @property
    def missing(self) -> list[ChecklistItem]:
        return [item for item in self.checklist if not item.done and item.applicable]


def check_purpose(text: str) -> str:
    """A kind of call, spelled any way `session new --kind` takes it (or "first", an intro)."""
    from mentorlog.domain.models import check_kind

    try:
        value = "intro" if text.strip().lower() == "first" else check_kind(text)
    except UsageError:
        value = ""
    if value not in CALL_PURPOSES:
        raise UsageError(
            f"'{text}' is not a kind of call",
            "use " + ", ".join(f"--kind {kind}" for kind in CALL_PURPOSES),
        )
    return value


def _resume_sent(mentor: Mentor) -> date | None:
    if mentor.resume_sent:
        return mentor.resume_sent
    for doc in mentor.shared:
        if doc.what.strip().lower() in RESUME_WORDS:
            return doc.date or date.min
    return None


def checklist(mentor: Mentor, goals: list[Goal]) -> list[ChecklistItem]:
    """What a good start with a mentor needs, each ticked from the journal."""
    resume_on = _resume_sent(mentor)
    items = [
        ChecklistItem(
            "goals",
            bool(goals),
            min((g.created for g in goals if g.created), default=None),
            f"{len(goals)} goal{'s' if len(goals) != 1 else ''}" if goals else None,
        ),
        ChecklistItem("background", bool(mentor.background and mentor.background.strip())),
        ChecklistItem(
            "resume", resume_on is not None, resume_on if resume_on != date.min else None
        ),
        ChecklistItem("ground_rules", mentor.ground_rules is not None, mentor.ground_rules),
    ]
    for item in items:
        item.applicable = item.key not in mentor.not_applicable
    return items


def idle_relationship(
    mentor: Mentor, goals: list[Goal], sessions: list[Session], cadence: Cadence, today: date
) -> IdleRelationship | None:
    """None while some linked goal is open or the last one closed recently."""
    if mentor.ended_on(today) or any(g.is_open for g in goals):
        return None
    if goals:
        closed = [g.closed for g in goals if g.closed]
        if not closed:
            return None
        since, reason = max(closed), "goals-closed"
    else:
        if mentor.start is None:
            return None
        since, reason = mentor.start, "no-goals"
    if add_cadence(since, cadence, IDLE_CADENCES) >= today:
        return None
    thanked = max((s.date for s in sessions if s.kind == "thanks"), default=None)
    return IdleRelationship(reason, since, thanked)


def brief(
    view: JournalView,
    mentor_id: str,
    purpose: str | None = None,
    feedback: Sequence[Feedback] = (),
) -> Brief:
    """Without a `purpose`, the brief prepares the next booked meeting (its kind), else a
    check-in."""
    today = view.today
    mentor = view.mentors[mentor_id]
    meeting = next_booked(mentor, today)
    if purpose is None:
        booked_kind = meeting.kind if meeting is not None else None
        purpose = booked_kind if booked_kind in CALL_PURPOSES else "check-in"
    purpose = check_purpose(purpose)
    cadence = windows.cadence_for(mentor, view.settings)
    sessions = view.sessions_with(mentor_id)
    goals = view.goals_of(mentor_id)
    last_contact = schedule.last_contacts(sessions, today).get(mentor_id)
    last_session = sessions[-1] if sessions else None
    next_due = None
    if not mentor.ended_on(today):
        next_due = schedule.next_due(mentor, last_contact, cadence, today)
        if mentor.paused_on(today) and mentor.paused_until and mentor.paused_until > next_due:
            next_due = mentor.paused_until

    open_actions = [
        PendingAction(a, s.date, s.topic) for s in sessions for a in s.actions if not a.done
    ]
    progress = sorted(
        (
            GoalProgress(g.id, g.title, p.date, p.note)
            for g in goals
            for p in g.progress
            if last_contact is None or p.date > last_contact
        ),
        key=lambda p: (p.date, p.goal),
    )
    lessons = [
        SharedLesson(s.id, s.date, lesson.text, lesson.tags)
        for s in sessions
        for lesson in s.lessons
    ]
    return Brief(
        today=today,
        mentor=mentor,
        status=mentor.status_on(today),
        cadence=cadence,
        cadence_is_default=mentor.cadence is None,
        known_since=mentor.start if mentor.start and mentor.start <= today else None,
        last_contact=last_contact,
        last_session=last_session,
        next_due=next_due,
        purpose=purpose,
        checklist=checklist(mentor, goals),
        questions=open_numbered(mentor),
        goals=goals,
        open_actions=open_actions,
        progress=progress,
        lessons=lessons,
        ask_about_struggles=mentor.struggles_asked is None and not lessons,
        idle=idle_relationship(mentor, goals, sessions, cadence, today),
        sessions_count=len(sessions),
        standing=standing(mentor, sessions, goals, cadence, today),
        meeting=meeting,
        advice=advice.given(sessions),
        working_on=growth.for_mentor(mentor, feedback, today),
        can_help=[f.id for f in feedback if growth.helps_with(mentor, f)],
    )
