"""The `--json` shapes of the mentee's workflow commands: brief, ask, team, timeline, lessons
and review (documented in docs/json.md). Pure functions over the services' dataclasses; no rich."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog.domain import fields
from mentorlog.render import json as render_json

# Types only: a command imports the one use case it runs, not all six.
if TYPE_CHECKING:
    from mentorlog.domain.arc import Drift
    from mentorlog.domain.growth import Feedback
    from mentorlog.domain.independence import Independence
    from mentorlog.domain.models import Goal
    from mentorlog.services.advice import GivenAdvice
    from mentorlog.services.arc import Standing
    from mentorlog.services.brief import Brief
    from mentorlog.services.lessons import CollectedLesson
    from mentorlog.services.questions import QueuedQuestion
    from mentorlog.services.review import Review, ReviewAction
    from mentorlog.services.team import Team, TeamMember
    from mentorlog.services.timeline import Timeline


# A feedback item says where it came from as `from`, as its file does.
FEEDBACK_KEYS = {"source": "from"}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _goal_ref(g: Goal) -> dict[str, Any]:
    return {"id": g.id, "title": g.title, "status": g.status, "target": _iso(g.target)}


def question(q: QueuedQuestion) -> dict[str, Any]:
    return {
        "mentor": q.mentor,
        "mentor_name": q.mentor_name,
        "number": q.number,
        "text": q.text,
        "added": _iso(q.added),
        "done": _iso(q.done),
    }


def brief(b: Brief) -> dict[str, Any]:
    m = b.mentor
    return {
        "as_of": b.today.isoformat(),
        "mentor": {
            "id": m.id,
            "name": m.name,
            "role": m.role,
            "org": m.org,
            "stage": m.stage,
            "status": b.status,
            "cadence": str(b.cadence),
            "cadence_is_default": b.cadence_is_default,
            "known_since": _iso(b.known_since),
            "known_days": b.known_days,
            "tags": list(m.tags),
            "strengths": list(m.strengths),
            "background": m.background,
        },
        "sessions": b.sessions_count,
        "last_contact": _iso(b.last_contact),
        "last_session": (
            {
                "id": b.last_session.id,
                "date": b.last_session.date.isoformat(),
                "kind": b.last_session.kind,
                "topic": b.last_session.topic,
            }
            if b.last_session
            else None
        ),
        "next_due": _iso(b.next_due),
        "days_to_due": b.days_to_due,
        "purpose": b.purpose,
        "meeting": render_json.meeting(b.meeting) if b.meeting is not None else None,
        "checklist": [
            {"key": item.key, "done": item.done, "date": _iso(item.on), "detail": item.detail}
            for item in b.checklist
        ],
        "questions": [
            {"number": q.number, "text": q.text, "added": _iso(q.added)} for q in b.questions
        ],
        "goals": [_goal_ref(g) for g in b.goals],
        "open_actions": [
            {
                "id": p.action.id,
                "session": p.action.session,
                "date": p.session_date.isoformat(),
                "text": p.action.text,
                "age_days": (b.today - p.session_date).days,
            }
            for p in b.open_actions
        ],
        "progress": [
            {"goal": p.goal, "title": p.goal_title, "date": p.date.isoformat(), "note": p.note}
            for p in b.progress
        ],
        "lessons": [
            {"session": s.session, "date": s.date.isoformat(), "text": s.text, "tags": list(s.tags)}
            for s in b.lessons
        ],
        "advice": [given_advice(a) for a in b.advice],
        "working_on": [feedback(f) | {"can_help": f.id in b.can_help} for f in b.working_on],
        "closure": render_json.closure(m.closure_on(b.today)),
        "ask_about_struggles": b.ask_about_struggles,
        "idle": (
            {
                "reason": b.idle.reason,
                "since": b.idle.since.isoformat(),
                "thanked_on": _iso(b.idle.thanked_on),
            }
            if b.idle
            else None
        ),
        "phase": phase(b.standing) if b.standing is not None else None,
        "agreement": agreement(b.standing) if b.standing is not None else None,
    }


def phase(standing: Standing) -> dict[str, Any]:
    """The phase in force, whether it was set by hand, and what the history suggests."""
    return {
        "phase": standing.phase,
        "set_by_hand": standing.set_by_hand,
        "suggested": standing.suggested,
        "reason": standing.reason,
    }


def agreement(standing: Standing) -> dict[str, Any] | None:
    """What was agreed with the mentor, and how the last agreed periods went; None when
    nothing was."""
    a = standing.agreement
    if a is None:
        return None
    return {
        "agreed": _iso(a.agreed),
        "cadence": str(a.cadence) if a.cadence else None,
        "term": str(a.term) if a.term else None,
        "term_ends": _iso(a.term_ends()),
        "review": _iso(a.review),
        "confidentiality": a.confidentiality,
        "channels": list(a.channels),
        "bring": a.bring,
        "drift": drift(standing.drift) if standing.drift is not None else None,
    }


def drift(found: Drift) -> dict[str, Any]:
    """Agreed periods looked at and those with no contact."""
    return {"cadence": str(found.cadence), "periods": found.periods, "missed": found.missed}


def _member(member: TeamMember) -> dict[str, Any]:
    m = member.mentor
    return {
        "id": m.id,
        "name": m.name,
        "stage": m.stage,
        "status": member.status,
        "role": m.role,
        "org": m.org,
        "cadence": str(member.cadence),
        "tags": list(m.tags),
        "open_goals": [_goal_ref(g) for g in member.open_goals],
        "contacts": member.contacts,
        "last_contact": _iso(member.last_contact),
        "next_due": member.next_due.isoformat(),
        "days_overdue": member.days_overdue,
        "rhythm": {
            "gaps": member.rhythm.gaps,
            "on_time": member.rhythm.on_time,
            "state": member.rhythm.state,
        },
    }


def team(t: Team) -> dict[str, Any]:
    return {
        "as_of": t.today.isoformat(),
        "members": [_member(m) for m in t.members],
        "coverage": [
            {"goal": c.goal.id, "title": c.goal.title, "mentors": list(c.mentors)}
            for c in t.coverage
        ],
        "gaps": [
            {"code": g.code, "goal": g.goal, "org": g.org, "mentors": list(g.mentors)}
            for g in t.gaps
        ],
        "goals_reached": len(t.reached),
        "reached_alone": [_goal_ref(g) for g in t.reached_alone],
        "independence": [independence(x) for x in t.independence],
    }


def independence(x: Independence) -> dict[str, Any]:
    """One mentor's goals reached with them and on your own, and what the trend suggests."""
    return {
        "mentor": x.mentor,
        "with_mentor": x.with_mentor,
        "on_your_own": x.on_your_own,
        "open_goals": x.open_goals,
        "reached": [
            {"goal": g.id, "closed": _iso(g.closed), "independently": g.independently}
            for g in x.reached
        ],
        "suggestion": x.suggestion,
    }


def timeline(t: Timeline) -> dict[str, Any]:
    m = t.mentor
    return {
        "as_of": t.today.isoformat(),
        "mentor": {
            "id": m.id,
            "name": m.name,
            "status": t.status,
            "since": _iso(m.start),
            "paused_until": _iso(m.paused_until) if m.paused_on(t.today) else None,
            "ended": _iso(m.ended),
            "closure": render_json.closure(m.closure_on(t.today)),
        },
        "sessions": t.sessions,
        "goals": [_goal_ref(g) for g in t.goals],
        "goals_reached": len(t.reached),
        "reached_alone": len(t.reached_alone),
        "events": [
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "text": e.text,
                "ref": e.ref,
                "detail": e.detail,
            }
            for e in t.events
        ],
    }


def lesson(item: CollectedLesson) -> dict[str, Any]:
    return {
        "mentor": item.mentor,
        "mentor_name": item.mentor_name,
        "session": item.session,
        "date": item.date.isoformat(),
        "text": item.text,
        "tags": list(item.tags),
    }


def _review_action(r: ReviewAction) -> dict[str, Any]:
    return {
        "id": r.action.id,
        "mentor": r.mentor,
        "date": r.session_date.isoformat(),
        "text": r.action.text,
        "done_on": _iso(r.action.done_on),
    }


def review(r: Review) -> dict[str, Any]:
    months = [f"{year:04d}-{month:02d}" for year, month in r.months]
    return {
        "since": r.since.isoformat(),
        "until": r.until.isoformat(),
        "months": months,
        "sessions": {"total": len(r.sessions), "by_kind": dict(r.by_kind)},
        "mentors": [
            {
                "id": x.mentor.id,
                "name": x.mentor.name,
                "cadence": str(x.cadence),
                "contacts": x.contacts,
                "expected": x.expected,
                "state": x.state,
                "by_month": dict(zip(months, x.by_month, strict=True)),
                "drift": drift(x.drift) if x.drift is not None else None,
            }
            for x in r.rhythms
        ],
        "actions": {
            "done": [_review_action(a) for a in r.actions_done],
            "open": [_review_action(a) for a in r.actions_open],
        },
        "goals": [
            {
                "id": g.goal.id,
                "title": g.goal.title,
                "status": g.goal.status,
                "closed": g.closed,
                "progress": [{"date": p.date.isoformat(), "note": p.note} for p in g.progress],
            }
            for g in r.goals
        ],
        "lessons": [
            {
                "mentor": x.mentor,
                "session": x.session,
                "date": x.date.isoformat(),
                "text": x.text,
                "tags": list(x.tags),
            }
            for x in r.lessons
        ],
        "reflections": [
            {"id": x.id, "date": x.date.isoformat(), "mentor": x.mentor, "session": x.session}
            for x in r.reflections
        ],
        "advice": [given_advice(a) for a in r.advice],
        "independence": [independence(x) for x in r.independence],
        "growth": [
            feedback(m.item)
            | {
                "moved": m.moved,
                "lessons": [x.text for x in m.lessons],
                "reflections": [x.id for x in m.reflections],
                "done_in_period": m.done_in_period,
            }
            for m in r.growth
        ],
    }


def feedback(item: Feedback) -> dict[str, Any]:
    """One thing you are working on (`feedback list --json`)."""
    return fields.as_object(item, renamed=FEEDBACK_KEYS)


def given_advice(a: GivenAdvice) -> dict[str, Any]:
    """A piece of advice, with the actions that cite it and what came of them."""
    return {
        "mentor": a.mentor,
        "session": a.session,
        "date": a.date.isoformat(),
        "number": a.number,
        "text": a.text,
        "tried": [
            {"id": t.id, "text": t.text, "done": _iso(t.done_on), "outcome": t.outcome}
            for t in a.tried
        ],
    }
