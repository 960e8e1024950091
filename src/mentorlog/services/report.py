"""`mentorlog report`: the journal as one page to look at: each mentor's contacts against their
cadence, goals and their progress over time, and how the team covers the career stages. Pure:
computed from a `JournalView` whose `today` is the end of the period.

What may be read on the page follows the exports' rule (`services.export`): a session or
reflection marked confidential (the default) shows only its date and mentor, never its topic or
lessons, unless the caller asks for confidential records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.models import STAGES, Goal, Mentor
from mentorlog.services import review as review_service
from mentorlog.services import team as team_service
from mentorlog.services.asof import JournalView

# A report with no --since starts where the journal does, but looks back at most this far.
LONGEST_DEFAULT = Cadence(24, "m")


@dataclass(slots=True)
class ReportContact:
    date: date
    mentor: str  # the mentor's id
    kind: str
    topic: str | None  # None when the session is confidential and not asked for
    lessons: list[str]


@dataclass(slots=True)
class Report:
    since: date
    until: date
    review: review_service.Review
    team: team_service.Team
    goals: list[Goal]  # every goal known by the end of the period, open ones first
    stages: dict[str, list[Mentor]]  # each career stage (STAGES, then "unknown") -> members
    contacts: list[ReportContact]  # the period's sessions, newest first
    withheld: int  # confidential sessions shown by date only
    include_confidential: bool
    names: dict[str, str]  # every mentor id -> label on the page


def default_since(view: JournalView) -> date:
    """Where the journal begins (the first relationship or contact), within LONGEST_DEFAULT."""
    starts = [m.start for m in view.mentors.values() if m.start]
    starts += [s.date for s in view.sessions]
    earliest = add_cadence(view.today, LONGEST_DEFAULT, -1)
    first = min(starts, default=view.today)
    return min(max(first, earliest), view.today)


def report(
    view: JournalView, since: date | None = None, include_confidential: bool = False
) -> Report:
    since = since or default_since(view)
    looked_back = review_service.review(view, since)
    team = team_service.team(view)
    stages: dict[str, list[Mentor]] = {stage: [] for stage in (*STAGES, "unknown")}
    for member in team.members:
        stages[member.mentor.stage if member.mentor.stage in STAGES else "unknown"].append(
            member.mentor
        )
    contacts: list[ReportContact] = []
    withheld = 0
    for s in sorted(looked_back.sessions, key=lambda s: (s.date, s.id), reverse=True):
        shown = include_confidential or not s.confidential
        withheld += not shown
        contacts.append(
            ReportContact(
                s.date,
                s.mentor,
                s.kind,
                (s.topic or None) if shown else None,
                [lesson.text for lesson in s.lessons] if shown else [],
            )
        )
    goals = sorted(
        view.goals.values(),
        key=lambda g: (not g.is_open, g.created or date.min, g.id),
    )
    return Report(
        since=since,
        until=view.today,
        review=looked_back,
        team=team,
        goals=goals,
        stages=stages,
        contacts=contacts,
        withheld=withheld,
        include_confidential=include_confidential,
        names=looked_back.names,
    )
