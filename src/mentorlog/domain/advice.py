"""Advice to outcome: which outcomes of advice a mentor has not heard yet. Pure: the day is
given, never read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.domain.models import ActionItem, Mentor, Session
from mentorlog.domain.records import record


@record
class AdviceOutcome:
    """An action taken on a mentor's advice, done with an outcome they have not heard: no
    contact with them on or after the day it was done."""

    mentor: str
    session: str
    advice: str | None  # the advice's text, when the session still has that piece of advice
    action: ActionItem


def unheard_outcomes(
    mentors: Iterable[Mentor],
    sessions: Iterable[Session],
    last_contact: dict[str, date],
    today: date,
) -> list[AdviceOutcome]:
    """Outcomes of advice to tell its mentor about, oldest first. A contact on the day the
    action was done counts as telling: the outcome is often written up after that call."""
    reachable = {m.id for m in mentors if not m.ended_on(today)}
    found: list[AdviceOutcome] = []
    for session in sessions:
        if session.mentor not in reachable:
            continue
        for action in session.actions:
            if not action.reported or action.done_on is None or action.done_on > today:
                continue
            heard = last_contact.get(session.mentor)
            if heard is not None and heard >= action.done_on:
                continue
            found.append(
                AdviceOutcome(session.mentor, session.id, session.advice_for(action), action)
            )
    found.sort(key=lambda o: (o.action.done_on or date.min, o.action.id))
    return found
