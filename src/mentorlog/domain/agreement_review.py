"""When to look at a mentorship agreement again: its review date, for `due`.

An agreement's `review` date asks for a reminder once it is inside the window `due` looks
ahead (or has passed), for as long as the relationship lasts and is not paused. Agreeing again
on or after the review day (`mentorlog agree --date`) is the review: the reminder stops. Plain Python,
no clock: the day is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.domain.models import Mentor
from mentorlog.domain.records import record


@record
class AgreementReview:
    """An agreement whose review date is near or past."""

    mentor: str
    review: date
    days_overdue: int  # days past the review date; negative: days left


def reviews_due(mentors: Iterable[Mentor], today: date, horizon: date) -> list[AgreementReview]:
    """The agreements to review by `horizon` (the last day `due` looks ahead to), the longest
    overdue first."""
    found: list[AgreementReview] = []
    for mentor in mentors:
        agreement = mentor.agreement
        if agreement is None or agreement.review is None or not mentor.active_on(today):
            continue
        review = agreement.review
        if agreement.agreed is not None and agreement.agreed >= review:
            continue
        if review <= horizon:
            found.append(AgreementReview(mentor.id, review, (today - review).days))
    found.sort(key=lambda item: (item.review, item.mentor))
    return found
