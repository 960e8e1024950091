"""Independence: per mentor, the goals you reached with them and those you reached on your
own, in time order, and what the trend suggests. Pure: the day is given, never read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.domain.models import Goal, Mentor
from mentorlog.domain.records import field, record

# The last this many goals reached with a mentor, all on your own: time to lean on them less.
TREND_GOALS = 2


@record
class Independence:
    """What one relationship's reached goals say about how much you still lean on it."""

    mentor: str
    reached: list[Goal] = field(default_factory=list)  # done goals linked to them, oldest first
    open_goals: int = 0
    # "stretch" (meet less often), "close" (end the relationship well) or None
    suggestion: str | None = None

    @property
    def with_mentor(self) -> int:
        return sum(1 for g in self.reached if not g.independently)

    @property
    def on_your_own(self) -> int:
        return sum(1 for g in self.reached if g.independently)


def independence(mentor: Mentor, goals: Iterable[Goal], today: date) -> Independence:
    """The goals linked to `mentor` reached by `today`, and a suggestion once the latest ones
    were all reached on your own: close well when nothing is left open with them, else
    stretch the cadence. Ended relationships get no suggestion."""
    linked = [g for g in goals if mentor.id in g.mentors]
    reached = sorted(
        (g for g in linked if g.status == "done" and g.closed is not None and g.closed <= today),
        key=lambda g: (g.closed or date.min, g.id),
    )
    still_open = sum(1 for g in linked if g.is_open)
    latest = reached[-TREND_GOALS:]
    suggestion = None
    if mentor.active_on(today) and latest and all(g.independently for g in latest):
        if not still_open:
            suggestion = "close"
        elif len(latest) == TREND_GOALS:
            suggestion = "stretch"
    return Independence(mentor.id, reached, still_open, suggestion)
