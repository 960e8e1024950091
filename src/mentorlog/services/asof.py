"""The journal as it stood on a given day: `--as-of` answers as if today were that day, so
anything dated after it (a later session, a goal closed later, a question added later) is left
out or rolled back. Pure: records in, records out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mentorlog.domain.models import (
    ActionItem,
    Goal,
    Mentor,
    Question,
    Reflection,
    Session,
    Settings,
)
from mentorlog.domain.records import replace

if TYPE_CHECKING:
    from mentorlog.journal.reader import Snapshot


@dataclass(slots=True)
class JournalView:
    """Every record as it stood on `today`."""

    today: date
    settings: Settings
    mentors: dict[str, Mentor]
    goals: dict[str, Goal]
    sessions: list[Session]
    reflections: list[Reflection]

    def sessions_with(self, mentor_id: str) -> list[Session]:
        return [s for s in self.sessions if s.mentor == mentor_id]

    def goals_of(self, mentor_id: str) -> list[Goal]:
        return sorted(
            (g for g in self.goals.values() if mentor_id in g.mentors),
            key=lambda g: (g.created or date.min, g.id),
        )


def view(snapshot: Snapshot, today: date) -> JournalView:
    return JournalView(
        today=today,
        settings=snapshot.settings,
        mentors=mentors(snapshot.mentors.values(), today),
        goals=goals(snapshot.goals.values(), today),
        sessions=sessions(snapshot.sessions, today),
        reflections=reflections(snapshot.reflections, today),
    )


def _on_or_before(value: date | None, day: date) -> date | None:
    return value if value is not None and value <= day else None


def mentor(m: Mentor, day: date) -> Mentor:
    """The mentor's file as it would have read on `day`."""
    questions = [
        Question(q.text, q.added, _on_or_before(q.done, day))
        for q in m.questions
        if q.added is None or q.added <= day
    ]
    return replace(
        m,
        resume_sent=_on_or_before(m.resume_sent, day),
        ground_rules=_on_or_before(m.ground_rules, day),
        struggles_asked=_on_or_before(m.struggles_asked, day),
        ended=_on_or_before(m.ended, day),
        shared=[s for s in m.shared if s.date is None or s.date <= day],
        questions=questions,
        agreement=(
            m.agreement
            if m.agreement is None or m.agreement.agreed is None or m.agreement.agreed <= day
            else None
        ),
    )


def mentors(items: Iterable[Mentor], day: date) -> dict[str, Mentor]:
    return {m.id: mentor(m, day) for m in items}


def goal(g: Goal, day: date) -> Goal | None:
    """The goal on `day`: None if written down later; open again if closed later."""
    if g.created is not None and g.created > day:
        return None
    progress = [p for p in g.progress if p.date <= day]
    if g.closed is not None and g.closed > day:
        return replace(
            g, status="open", closed=None, note=None, independently=False, progress=progress
        )
    return replace(g, progress=progress)


def goals(items: Iterable[Goal], day: date) -> dict[str, Goal]:
    found: dict[str, Goal] = {}
    for g in items:
        kept = goal(g, day)
        if kept is not None:
            found[kept.id] = kept
    return found


def _action(a: ActionItem, day: date) -> ActionItem:
    if a.done and a.done_on is not None and a.done_on > day:
        return replace(a, done=False, done_on=None, outcome=None)
    return a


def sessions(items: Iterable[Session], day: date) -> list[Session]:
    """Sessions held on or before `day`, with actions ticked later shown as still open."""
    return [
        replace(s, actions=[_action(a, day) for a in s.actions]) for s in items if s.date <= day
    ]


def reflections(items: Iterable[Reflection], day: date) -> list[Reflection]:
    return [r for r in items if r.date <= day]
