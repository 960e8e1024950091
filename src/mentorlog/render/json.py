"""The `--json` contract: records as plain JSON-ready dicts. Keys documented in docs/json.md
are stable: new keys may be added, documented ones never change meaning or disappear.
No rich, no pydantic: `due --json` runs on the lean start-up path."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

from mentorlog.domain import fields
from mentorlog.domain.arc import Closure
from mentorlog.domain.models import Goal, Mentor, Problem, Reflection, Session
from mentorlog.render import text_safety


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def dumps(data: Any) -> str:
    return text_safety.json_text(json.dumps(data, indent=2, ensure_ascii=False))


def emit(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")


def emit_list(items: Iterable[Any]) -> None:
    """`emit(list(items))`, the same text, written an item at a time as each is made: a list
    of a hundred thousand sessions never sits in memory whole."""
    write = sys.stdout.write
    empty = True
    for item in items:
        write(("[\n  " if empty else ",\n  ") + dumps(item).replace("\n", "\n  "))
        empty = False
    write("[]\n" if empty else "\n]\n")


def mentor(m: Mentor, today: date, as_written: bool = False) -> dict[str, Any]:
    """Every field of the mentor's record, with its status as of `today`; the closure shows
    from the day it was closed, or `as_written` (an export keeps it whatever its day)."""
    return {
        **fields.as_object(m),
        "status": m.status_on(today),
        "closure": closure(m.closure if as_written else m.closure_on(today)),
    }


def closure(c: Closure | None) -> dict[str, Any] | None:
    """How a relationship was closed (`mentor end`), or None while it is not."""
    if c is None:
        return None
    return {"closed": _iso(c.closed), "learned": c.learned, "stays": c.stays}


def goal(g: Goal) -> dict[str, Any]:
    return fields.as_object(g)


def action(a: Any, mentor_id: str, session_date: date, today: date) -> dict[str, Any]:
    return {
        "id": a.id,
        **fields.as_object(a),
        "mentor": mentor_id,
        "acts_on": a.acts_on,
        "date": session_date.isoformat(),
        "age_days": (today - session_date).days,
    }


def session(s: Session, today: date, body: str | None = None) -> dict[str, Any]:
    data = fields.as_object(s)
    data["actions"] = [action(a, s.mentor, s.date, today) for a in s.actions]
    if body is not None:
        data["body"] = body
    return data


def reflection(r: Reflection, body: str | None = None) -> dict[str, Any]:
    data = fields.as_object(r)
    if body is not None:
        data["body"] = body
    return data


def problem(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "problem": p.reason, "fix": p.hint}


def due_row(row: Any) -> dict[str, Any]:
    """One mentor row of `mentorlog due --json`. The first seven keys are a fixed contract."""
    return {
        "mentor": row.mentor.id,
        "name": row.mentor.name,
        "cadence": str(row.cadence),
        "last_contact": _iso(row.last_contact),
        "next_due": row.next_due.isoformat(),
        "days_overdue": row.days_overdue,
        "status": row.status,
        "relationship": "ended" if row.ended else "active",
        "open_actions": [
            {
                "id": a.action.id,
                "text": a.action.text,
                "date": a.date.isoformat(),
                "age_days": a.age_days,
            }
            for a in row.open_actions
        ],
        "unreflected": [
            {
                "session": u.session,
                "date": u.date.isoformat(),
                "kind": u.kind,
                "age_days": u.age_days,
            }
            for u in row.unreflected
        ],
        "thank_for": [
            {"reason": t.reason, "since": t.since.isoformat(), "goal": t.goal} for t in row.thanks
        ],
        "meeting": meeting(row.meeting) if row.meeting is not None else None,
        "at_most": str(row.at_most) if row.at_most else None,
        "waiting_days": row.waiting_days,
        "tell_outcome": [advice_outcome(o) for o in row.advice],
    }


def advice_outcome(o: Any) -> dict[str, Any]:
    """An outcome of advice its mentor has not heard: one item of `tell_outcome`."""
    return {
        "mentor": o.mentor,
        "session": o.session,
        "advice": o.advice,
        "action": o.action.id,
        "text": o.action.text,
        "done": _iso(o.action.done_on),
        "outcome": o.action.outcome,
    }


def meeting(item: Any) -> dict[str, Any]:
    """A booked meeting, as `due --json` and `meet list --json` show it."""
    return {
        "id": item.id,
        "date": item.date.isoformat(),
        "at": item.at,
        "minutes": item.minutes,
        "where": item.where,
        "agenda": item.agenda,
        "kind": item.kind,
        "status": item.status,
    }


def due(report: Any, names: dict[str, str], problems: list[Problem]) -> dict[str, Any]:
    """`mentorlog due --json`: every section `due` prints, and the files it could not read."""
    return {
        "as_of": report.today.isoformat(),
        "window": str(report.window),
        "needs_attention": report.needs_attention or bool(problems),
        # Every mentor row as before this was an object; the relationship tells the rows `due`
        # prints under Reconnect (active) from those only owed a thank-you (ended).
        "mentors": [due_row(row) for row in report.rows],
        "report_back": [
            {
                "id": a.action.id,
                "mentor": a.mentor,
                "name": names.get(a.mentor, a.mentor),
                "text": a.action.text,
                "date": a.date.isoformat(),
                "age_days": a.age_days,
            }
            for a in report.open_actions
        ],
        "reflect": [
            {
                "session": u.session,
                "mentor": u.mentor,
                "name": names.get(u.mentor, u.mentor),
                "kind": u.kind,
                "date": u.date.isoformat(),
                "age_days": u.age_days,
            }
            for u in report.unreflected
        ],
        "thanks": [
            {
                "mentor": t.mentor,
                "name": names.get(t.mentor, t.mentor),
                "reason": t.reason,
                "since": t.since.isoformat(),
                "goal": t.goal,
            }
            for t in report.thanks
        ],
        "tell_outcome": [advice_outcome(o) for o in report.advice],
        "stalled_goals": [
            {
                "goal": s.goal.id,
                "title": s.goal.title,
                "since": s.since.isoformat(),
                "days": s.days,
                "ask": s.helpers,
            }
            for s in report.stalled
        ],
        "reviews": [
            {
                "mentor": r.mentor,
                "name": names.get(r.mentor, r.mentor),
                "review": r.review.isoformat(),
                "days_overdue": r.days_overdue,
            }
            for r in report.reviews
        ],
        "problems": [problem(p) for p in problems],
    }
