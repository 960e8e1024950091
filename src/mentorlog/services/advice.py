"""Advice and what came of it: each piece of advice a mentor gave, with the actions that cite
it ("(advice N)") and their outcomes. Shared by `brief`, `review` and `timeline`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mentorlog.domain.models import ActionItem, Session


@dataclass(slots=True)
class GivenAdvice:
    mentor: str
    session: str
    date: date
    number: int  # its place in the session, from 1: what "(advice N)" cites
    text: str
    tried: list[ActionItem] = field(default_factory=list)  # the actions that cite it

    @property
    def outcomes(self) -> list[ActionItem]:
        return [a for a in self.tried if a.done and a.outcome]


def given(sessions: Iterable[Session]) -> list[GivenAdvice]:
    """Every piece of advice in `sessions`, in their order, with the actions that act on it."""
    found: list[GivenAdvice] = []
    for s in sessions:
        for number, text in enumerate(s.advice, 1):
            tried = [a for a in s.actions if a.acts_on == number]
            found.append(GivenAdvice(s.mentor, s.id, s.date, number, text, tried))
    return found


def moved_between(advice: list[GivenAdvice], since: date, until: date) -> list[GivenAdvice]:
    """The advice given in the period, or acted on (an action citing it done) in it."""

    def inside(day: date | None) -> bool:
        return day is not None and since <= day <= until

    return [
        a for a in advice if inside(a.date) or any(t.done and inside(t.done_on) for t in a.tried)
    ]
