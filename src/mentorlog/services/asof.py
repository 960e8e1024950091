"""The journal as it stood on a given day: `--as-of` answers as if today were that day, so
anything dated after it (a later session, a goal closed later, a question added later) is left
out or rolled back. Pure: records in, records out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
    # Sessions grouped by mentor, made on first use: asking for each mentor in turn must not
    # walk every session once per mentor.
    _by_mentor: dict[str, list[Session]] | None = field(default=None, init=False, repr=False)

    def sessions_with(self, mentor_id: str) -> list[Session]:
        if self._by_mentor is None:
            grouped: dict[str, list[Session]] = {}
            for s in self.sessions:
                grouped.setdefault(s.mentor, []).append(s)
            self._by_mentor = grouped
        return list(self._by_mentor.get(mentor_id, ()))

    def goals_of(self, mentor_id: str) -> list[Goal]:
        return sorted(
            (g for g in self.goals.values() if mentor_id in g.mentors),
            key=lambda g: (g.created or date.min, g.id),
        )


def view(snapshot: Snapshot, today: date) -> JournalView:
    """The journal as of `today`. Records with nothing dated after it are the snapshot's own
    objects, and a collection with nothing to leave out or roll back is the snapshot's own:
    on the usual day (today) nothing is copied."""
    return JournalView(
        today=today,
        settings=snapshot.settings,
        mentors=mentors(snapshot.mentors, today),
        goals=goals(snapshot.goals, today),
        sessions=sessions(snapshot.sessions, today),
        reflections=reflections(snapshot.reflections, today),
    )


def _on_or_before(value: date | None, day: date) -> date | None:
    return value if value is not None and value <= day else None


def _mentor_is_current(m: Mentor, day: date) -> bool:
    stamps = (m.resume_sent, m.ground_rules, m.struggles_asked, m.ended)
    return (
        all(d is None or d <= day for d in stamps)
        and all(s.date is None or s.date <= day for s in m.shared)
        and all(
            (q.added is None or q.added <= day) and (q.done is None or q.done <= day)
            for q in m.questions
        )
    )


def mentor(m: Mentor, day: date) -> Mentor:
    """The mentor's file as it would have read on `day`."""
    if _mentor_is_current(m, day):
        return m
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


def mentors(items: dict[str, Mentor] | Iterable[Mentor], day: date) -> dict[str, Mentor]:
    if isinstance(items, dict) and all(_mentor_is_current(m, day) for m in items.values()):
        return items
    return {m.id: mentor(m, day) for m in (items.values() if isinstance(items, dict) else items)}


def goal(g: Goal, day: date) -> Goal | None:
    """The goal on `day`: None if written down later; open again if closed later."""
    if g.created is not None and g.created > day:
        return None
    if (g.closed is None or g.closed <= day) and all(p.date <= day for p in g.progress):
        return g
    progress = [p for p in g.progress if p.date <= day]
    if g.closed is not None and g.closed > day:
        return replace(
            g, status="open", closed=None, note=None, independently=False, progress=progress
        )
    return replace(g, progress=progress)


def goals(items: dict[str, Goal] | Iterable[Goal], day: date) -> dict[str, Goal]:
    found: dict[str, Goal] = {}
    changed = False
    for g in items.values() if isinstance(items, dict) else items:
        kept = goal(g, day)
        changed = changed or kept is not g
        if kept is not None:
            found[kept.id] = kept
    return items if isinstance(items, dict) and not changed else found


def _action(a: ActionItem, day: date) -> ActionItem:
    if a.done and a.done_on is not None and a.done_on > day:
        return replace(a, done=False, done_on=None, outcome=None)
    return a


def _session_is_current(s: Session, day: date) -> bool:
    return s.date <= day and all(a.done_on is None or a.done_on <= day for a in s.actions)


def sessions(items: list[Session], day: date) -> list[Session]:
    """Sessions held on or before `day`, with actions ticked later shown as still open. The
    list itself when that leaves everything as it is."""
    if all(_session_is_current(s, day) for s in items):
        return items
    return [
        s
        if _session_is_current(s, day)
        else replace(s, actions=[_action(a, day) for a in s.actions])
        for s in items
        if s.date <= day
    ]


def reflections(items: list[Reflection], day: date) -> list[Reflection]:
    if all(r.date <= day for r in items):
        return items
    return [r for r in items if r.date <= day]
