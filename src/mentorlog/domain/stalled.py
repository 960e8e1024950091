"""Stalled goals: open goals with no progress for longer than a window. Pure: the day is
given, never read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.models import Goal, Mentor
from mentorlog.domain.records import field, record


@record
class StalledGoal:
    """An open goal whose last progress (or its creation) is older than the window."""

    goal: Goal
    since: date  # the last progress note, or the day the goal was set
    days: int
    helpers: list[str] = field(default_factory=list)  # active mentors who cover it


def last_moved(goal: Goal) -> date | None:
    """The day of the goal's latest progress note, or the day it was set."""
    days = [p.date for p in goal.progress]
    if goal.created is not None:
        days.append(goal.created)
    return max(days) if days else None


def stalled_goals(
    goals: Iterable[Goal], mentors: Iterable[Mentor], window: Cadence, today: date
) -> list[StalledGoal]:
    """Open goals with nothing recorded for longer than `window`, longest-stalled first. A goal
    with neither a creation day nor progress has no clock to go by and is left out."""
    active = {m.id for m in mentors if m.active_on(today)}
    found: list[StalledGoal] = []
    for goal in goals:
        if not goal.is_open:
            continue
        moved = last_moved(goal)
        if moved is None or add_cadence(moved, window) >= today:
            continue
        helpers = [m for m in goal.mentors if m in active]
        found.append(StalledGoal(goal, moved, (today - moved).days, helpers))
    found.sort(key=lambda s: (s.since, s.goal.id))
    return found
