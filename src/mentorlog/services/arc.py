"""Where a relationship stands in its arc, from a `JournalView`: the phase (set by hand or
suggested from the history), the agreement in force and how the meetings kept to it. Pure: no
clock, no printing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentorlog.domain import arc
from mentorlog.domain.arc import Agreement, Drift
from mentorlog.domain.dates import Cadence
from mentorlog.domain.models import Goal, Mentor, Session


@dataclass(slots=True)
class Standing:
    phase: str
    set_by_hand: bool
    reason: str  # why the history suggests `suggested`
    suggested: str
    agreement: Agreement | None
    drift: Drift | None
    review_due: date | None  # the agreement's review date, while the relationship lasts
    ended: bool
    ground_rules_agreed: bool


def standing(
    mentor: Mentor, sessions: list[Session], goals: list[Goal], cadence: Cadence, today: date
) -> Standing:
    contacts = [s.date for s in sessions if s.mentor == mentor.id]
    suggestion = arc.suggest_phase(
        start=mentor.start,
        ended=mentor.ended,
        contacts=contacts,
        goals_closed_independently=sum(1 for g in goals if g.status == "done" and g.independently),
        open_goals=sum(1 for g in goals if g.is_open),
        cadence=cadence,
        agreement=mentor.agreement,
        today=today,
    )
    agreement = mentor.agreement
    ended = mentor.ended_on(today)
    return Standing(
        phase=mentor.phase or suggestion.phase,
        set_by_hand=mentor.phase is not None,
        reason=suggestion.reason,
        suggested=suggestion.phase,
        agreement=agreement,
        drift=arc.drift(agreement, contacts, today) if agreement and not ended else None,
        review_due=agreement.review if agreement and not ended else None,
        ended=ended,
        ground_rules_agreed=agreement is not None or mentor.ground_rules is not None,
    )
