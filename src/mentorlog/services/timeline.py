"""`mentorlog timeline`: the story of one relationship, everything dated in order, from the
first coffee to the thank-you. Pure: computed from a `JournalView`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentorlog.domain import rhythm as day_rhythm
from mentorlog.domain import windows
from mentorlog.domain.models import Goal, Mentor
from mentorlog.services.asof import JournalView

# Same-day events read best in the order they happen in a relationship.
EVENT_KINDS = (
    "began",
    "ground-rules",
    "resume-sent",
    "shared",
    "goal-linked",
    "question-queued",
    "session",
    "thanks",
    "question-discussed",
    "lesson",
    "advice",
    "struggles-asked",
    "reflection",
    "action-done",
    "goal-reached",
    "goal-dropped",
    "ended",
    "closure",
)


@dataclass(slots=True)
class TimelineEvent:
    date: date
    kind: str  # one of EVENT_KINDS
    text: str  # what happened, in the journal's own words where it has them
    ref: str | None = None  # the id of the record it comes from (session, goal, action, ...)
    detail: str | None = None  # a session's kind, a thank-you's "how", an action's outcome


@dataclass(slots=True)
class Timeline:
    today: date
    mentor: Mentor
    status: str
    events: list[TimelineEvent]
    sessions: int
    goals: list[Goal]
    # the whole relationship against its cadence, from its start (or first contact) to today
    line: day_rhythm.RhythmLine | None = None

    @property
    def reached(self) -> list[Goal]:
        return [g for g in self.goals if g.status == "done"]

    @property
    def reached_alone(self) -> list[Goal]:
        return [g for g in self.reached if g.independently]

    @property
    def first_contact(self) -> date | None:
        dates = [e.date for e in self.events if e.kind in ("session", "thanks")]
        return min(dates, default=None)


def _mentor_events(mentor: Mentor, today: date) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    if mentor.start and mentor.start <= today:
        events.append(TimelineEvent(mentor.start, "began", "the relationship began"))
    shared_resume = {d.date for d in mentor.shared if d.what.strip().lower() == "resume"}
    if mentor.resume_sent and mentor.resume_sent not in shared_resume:
        events.append(TimelineEvent(mentor.resume_sent, "resume-sent", "sent your resume"))
    if mentor.ground_rules:
        events.append(TimelineEvent(mentor.ground_rules, "ground-rules", "agreed on ground rules"))
    if mentor.struggles_asked:
        events.append(
            TimelineEvent(
                mentor.struggles_asked, "struggles-asked", "asked about their own hard moments"
            )
        )
    for doc in mentor.shared:
        if doc.date:
            kind = "resume-sent" if doc.what.strip().lower() == "resume" else "shared"
            events.append(TimelineEvent(doc.date, kind, doc.what))
    for q in mentor.questions:
        if q.added:
            events.append(TimelineEvent(q.added, "question-queued", q.text))
        if q.done:
            events.append(TimelineEvent(q.done, "question-discussed", q.text))
    if mentor.ended:
        events.append(TimelineEvent(mentor.ended, "ended", "the relationship formally ended"))
    closure = mentor.closure
    if closure is not None and closure.closed:
        said = f"what you learned: {closure.learned}" if closure.learned else "closed it"
        events.append(TimelineEvent(closure.closed, "closure", said, detail=closure.stays))
    return events


def timeline(view: JournalView, mentor_id: str) -> Timeline:
    today = view.today
    mentor = view.mentors[mentor_id]
    events = _mentor_events(mentor, today)
    sessions = view.sessions_with(mentor_id)
    session_ids = {s.id for s in sessions}
    for s in sessions:
        if s.kind == "thanks":
            events.append(TimelineEvent(s.date, "thanks", s.topic or "said thank you", s.id, s.how))
        else:
            events.append(TimelineEvent(s.date, "session", s.topic or s.kind, s.id, s.kind))
        for lesson in s.lessons:
            events.append(TimelineEvent(s.date, "lesson", lesson.text, s.id))
        for number, text in enumerate(s.advice, 1):
            events.append(TimelineEvent(s.date, "advice", text, s.id, f"advice {number}"))
        for a in s.actions:
            if a.done and a.done_on:
                events.append(TimelineEvent(a.done_on, "action-done", a.text, a.id, a.outcome))
    for r in view.reflections:
        if r.mentor == mentor_id or (r.session and r.session in session_ids):
            events.append(
                TimelineEvent(r.date, "reflection", "wrote a reflection", r.id, r.session)
            )
    goals = view.goals_of(mentor_id)
    for g in goals:
        if g.created:
            # A goal written down before the first meeting joins the story when it begins.
            linked = max(g.created, mentor.start) if mentor.start else g.created
            events.append(TimelineEvent(linked, "goal-linked", g.title, g.id))
        if g.closed and g.status in ("done", "dropped"):
            kind = "goal-reached" if g.status == "done" else "goal-dropped"
            detail = "on your own" if g.independently else None
            events.append(TimelineEvent(g.closed, kind, g.title, g.id, detail))
    events = [e for e in events if e.date <= today]
    order = {kind: n for n, kind in enumerate(EVENT_KINDS)}
    events.sort(key=lambda e: (e.date, order[e.kind], e.ref or ""))
    contacts = [s.date for s in sessions if s.date <= today]
    first = min([*contacts, *([mentor.start] if mentor.start else [])], default=None)
    line = None
    if first is not None and first <= today:
        cadence = windows.cadence_for(mentor, view.settings)
        line = day_rhythm.rhythm_line(mentor, contacts, cadence, first, today)
    status = mentor.status_on(today)
    return Timeline(today, mentor, status, events, len(sessions), goals, line)
