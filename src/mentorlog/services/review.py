"""`mentorlog review`: a look back over a period across all mentors. What kinds of contact you
had, whether you kept the rhythm you agreed with each mentor, what you did about the actions
from those calls, how your goals moved, what you learned and what you wrote down afterwards.
Pure: computed from a `JournalView` whose `today` is the end of the period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from mentorlog.domain import rhythm as day_rhythm
from mentorlog.domain import windows
from mentorlog.domain.arc import Drift, drift_over
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.growth import Feedback
from mentorlog.domain.independence import Independence, independence
from mentorlog.domain.labels import mentor_labels
from mentorlog.domain.models import KINDS, ActionItem, Goal, Mentor, Progress, Reflection, Session
from mentorlog.errors import UsageError
from mentorlog.services import advice, growth
from mentorlog.services.advice import GivenAdvice
from mentorlog.services.asof import JournalView
from mentorlog.services.growth import Movement

DEFAULT_PERIOD = Cadence(3, "m")


@dataclass(slots=True)
class MentorRhythm:
    mentor: Mentor
    cadence: Cadence
    contacts: int  # contacts in the period
    expected: int  # contacts the cadence asks for over the part of the period they were active
    state: str  # "kept", "behind", "paused"
    by_month: list[int]  # contacts per month of `Review.months`
    line: day_rhythm.RhythmLine  # each day of the period against the cadence, for the chart
    # the agreed periods of the review window that had no contact, under an agreed cadence
    drift: Drift | None = None


@dataclass(slots=True)
class ReviewAction:
    action: ActionItem
    mentor: str
    session_date: date


@dataclass(slots=True)
class GoalMovement:
    goal: Goal
    progress: list[Progress]  # entries dated in the period
    closed: str | None  # "done" or "dropped" when it was closed in the period


@dataclass(slots=True)
class ReviewLesson:
    mentor: str
    session: str
    date: date
    text: str
    tags: tuple[str, ...]


@dataclass(slots=True)
class Review:
    since: date
    until: date
    months: list[tuple[int, int]]  # (year, month) from the first to the last of the period
    sessions: list[Session]
    by_kind: dict[str, int]
    rhythms: list[MentorRhythm]
    actions_done: list[ReviewAction]
    actions_open: list[ReviewAction]
    goals: list[GoalMovement]
    lessons: list[ReviewLesson]
    reflections: list[Reflection]
    # every mentor's first name by id, ended ones too: an action may come from any of them
    names: dict[str, str] = field(default_factory=dict)
    # advice given in the period or acted on in it, with what came of it
    advice: list[GivenAdvice] = field(default_factory=list)
    # each piece of feedback open in the period, with what moved it
    growth: list[Movement] = field(default_factory=list)
    # per mentor in the period, goals reached with them and on your own, and the suggestion
    independence: list[Independence] = field(default_factory=list)


def default_since(until: date) -> date:
    return add_cadence(until, DEFAULT_PERIOD, -1)


def months_between(since: date, until: date) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def expected_contacts(start: date, end: date, cadence: Cadence) -> int:
    """How many whole cadences fit between `start` and `end`: the contacts the rhythm asks for."""
    count = 0
    while add_cadence(start, cadence, count + 1) <= end:
        count += 1
    return count


def _rhythm(
    mentor: Mentor,
    contacts: list[date],
    cadence: Cadence,
    since: date,
    until: date,
    months: list[tuple[int, int]],
    every_contact: list[date],
) -> MentorRhythm:
    start = max(since, mentor.start or since)
    end = min(until, mentor.ended or until)
    expected = expected_contacts(start, end, cadence) if start <= end else 0
    held = len(contacts)
    state = "paused" if mentor.paused_on(until) else "kept" if held >= expected else "behind"
    by_month = [sum(1 for d in contacts if (d.year, d.month) == ym) for ym in months]
    line = day_rhythm.rhythm_line(mentor, every_contact, cadence, since, until)
    drift = None
    if mentor.agreement is not None:
        drift = drift_over(
            mentor.agreement,
            every_contact,
            since,
            until,
            ended=mentor.ended,
            paused=_pause_span(mentor),
        )
    return MentorRhythm(mentor, cadence, held, expected, state, by_month, line, drift)


def _pause_span(mentor: Mentor) -> tuple[date, date] | None:
    """The mentor's pause as `[from, until)`, open-ended where the file says no end."""
    if mentor.paused_until is None and not mentor.paused:
        return None
    return (mentor.paused_since or date.min, mentor.paused_until or date.max)


def review(
    view: JournalView, since: date | None = None, feedback: Sequence[Feedback] = ()
) -> Review:
    until = view.today
    since = since or default_since(until)
    if since > until:
        raise UsageError(
            f"--since {since.isoformat()} is after {until.isoformat()}",
            "give a start date before the end of the period",
        )

    def inside(day: date | None) -> bool:
        return day is not None and since <= day <= until

    months = months_between(since, until)
    held = [s for s in view.sessions if inside(s.date)]
    by_kind = {kind: n for kind in KINDS if (n := sum(1 for s in held if s.kind == kind))}
    rhythms: list[MentorRhythm] = []
    for mentor in sorted(view.mentors.values(), key=lambda m: m.name.casefold()):
        began_in_time = mentor.start is None or mentor.start <= until
        still_going = mentor.ended is None or mentor.ended >= since
        contacts = [s.date for s in held if s.mentor == mentor.id]
        if (began_in_time and still_going) or contacts:
            cadence = windows.cadence_for(mentor, view.settings)
            every_contact = [s.date for s in view.sessions_with(mentor.id)]
            rhythms.append(_rhythm(mentor, contacts, cadence, since, until, months, every_contact))

    actions_done: list[ReviewAction] = []
    actions_open: list[ReviewAction] = []
    for s in view.sessions:
        for a in s.actions:
            if a.done and inside(a.done_on):
                actions_done.append(ReviewAction(a, s.mentor, s.date))
            elif not a.done:
                actions_open.append(ReviewAction(a, s.mentor, s.date))
    actions_done.sort(key=lambda r: (r.action.done_on or date.min, r.action.id))

    movements: list[GoalMovement] = []
    for goal in sorted(view.goals.values(), key=lambda g: g.id):
        progress = [p for p in goal.progress if inside(p.date)]
        closed = goal.status if goal.status != "open" and inside(goal.closed) else None
        if progress or closed:
            movements.append(GoalMovement(goal, progress, closed))

    lessons = [
        ReviewLesson(s.mentor, s.id, s.date, lesson.text, lesson.tags)
        for s in held
        for lesson in s.lessons
    ]
    return Review(
        since=since,
        until=until,
        months=months,
        sessions=held,
        by_kind=by_kind,
        rhythms=rhythms,
        actions_done=actions_done,
        actions_open=actions_open,
        goals=movements,
        lessons=lessons,
        reflections=[r for r in view.reflections if inside(r.date)],
        names=mentor_labels({m.id: m.name for m in view.mentors.values()}),
        advice=advice.moved_between(advice.given(view.sessions), since, until),
        growth=growth.movements(feedback, view.sessions, view.reflections, since, until),
        independence=[
            found
            for x in rhythms
            if (found := independence(x.mentor, view.goals.values(), until)).reached
        ],
    )
