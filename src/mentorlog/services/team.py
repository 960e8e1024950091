"""`mentorlog team`: the mentors you have now, side by side. Who each one is to you (career
stage), what they help with, whether you keep the rhythm you agreed, and where the team as a
whole leaves you without a perspective or a goal without help. Pure: computed from a
`JournalView`."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from mentorlog.domain import rhythm as day_rhythm
from mentorlog.domain import schedule, windows
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.independence import Independence, independence
from mentorlog.domain.models import STAGES, Goal, Mentor, Session, Settings
from mentorlog.domain.slugs import fold
from mentorlog.services.asof import JournalView

# The rhythm is judged on the gaps between this many most recent contacts.
RECENT_CONTACTS = 4
PEER_STAGES = frozenset({"peer", "near-peer"})
# The strip of each member covers this many weeks up to today.
STRIP_WEEKS = 26


@dataclass(slots=True)
class Rhythm:
    gaps: int  # gaps looked at (between the last RECENT_CONTACTS contacts)
    on_time: int  # of those, how many were within the cadence
    state: str  # "kept", "slipping", "new" (fewer than two contacts) or "paused"


@dataclass(slots=True)
class TeamMember:
    mentor: Mentor
    status: str  # "active" or "paused"
    cadence: Cadence
    open_goals: list[Goal]
    last_contact: date | None
    next_due: date
    days_overdue: int  # negative: days left before the next check-in is due; 0 when paused
    rhythm: Rhythm
    contacts: int
    line: day_rhythm.RhythmLine  # the last STRIP_WEEKS weeks against the cadence


@dataclass(slots=True)
class GoalCoverage:
    goal: Goal
    mentors: list[str]  # team members linked to it


@dataclass(slots=True)
class TeamGap:
    """Something the team as a whole lacks. `code` is stable; wording is the renderer's."""

    code: str  # "no-mentors", "no-peer", "all-senior", "one-org", "no-outsider",
    # "unlinked-goal", "unknown-stage"
    goal: str | None = None
    org: str | None = None
    mentors: tuple[str, ...] = ()


@dataclass(slots=True)
class Team:
    today: date
    members: list[TeamMember]
    coverage: list[GoalCoverage]
    gaps: list[TeamGap]
    reached: list[Goal]  # goals done, as of today
    reached_alone: list[Goal]  # of those, reached on your own
    # per member, goals reached with them and on your own, and what the trend suggests
    independence: list[Independence] = field(default_factory=list)


def rhythm(contacts: list[date], cadence: Cadence, overdue: int, status: str) -> Rhythm:
    """How well the recent gaps between contacts kept to the cadence."""
    recent = sorted(contacts)[-RECENT_CONTACTS:]
    pairs = list(itertools.pairwise(recent))
    on_time = sum(1 for before, after in pairs if after <= add_cadence(before, cadence))
    if status == "paused":
        state = "paused"
    elif not pairs:
        state = "new"  # too few contacts to call it a rhythm; the days overdue still show
    elif overdue > 0 or on_time * 2 < len(pairs):
        state = "slipping"
    else:
        state = "kept"
    return Rhythm(len(pairs), on_time, state)


def _stage_order(mentor: Mentor) -> tuple[int, str]:
    rank = STAGES.index(mentor.stage) if mentor.stage in STAGES else len(STAGES)
    return rank, mentor.name.casefold()


def _member(
    mentor: Mentor, sessions: list[Session], goals: list[Goal], settings: Settings, today: date
) -> TeamMember:
    cadence = windows.cadence_for(mentor, settings)
    contacts = [s.date for s in sessions]
    last = schedule.last_contacts(sessions, today).get(mentor.id)
    due_on = schedule.next_due(mentor, last, cadence, today)
    status = mentor.status_on(today)
    # A first contact waits; it is never overdue (domain/windows).
    overdue = (today - due_on).days if status == "active" and last is not None else 0
    return TeamMember(
        mentor=mentor,
        status=status,
        cadence=cadence,
        open_goals=[g for g in goals if g.is_open],
        last_contact=last,
        next_due=due_on,
        days_overdue=overdue,
        rhythm=rhythm(contacts, cadence, overdue, status),
        contacts=len(contacts),
        line=day_rhythm.rhythm_line(mentor, contacts, cadence, strip_since(today), today),
    )


def strip_since(today: date) -> date:
    """The first day of the team's strips: a Monday, so that each cell is a whole week."""
    first = today - timedelta(weeks=STRIP_WEEKS) + timedelta(days=1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def gaps(members: list[TeamMember], coverage: list[GoalCoverage]) -> list[TeamGap]:
    """What a well-rounded team would have and this one does not yet."""
    found: list[TeamGap] = []
    if not members:
        found.append(TeamGap("no-mentors"))
    else:
        stages = [m.mentor.stage for m in members]
        if all(stage == "senior" for stage in stages):
            found.append(TeamGap("all-senior"))
        elif not any(stage in PEER_STAGES for stage in stages):
            found.append(TeamGap("no-peer"))
        if "outsider" not in stages:
            found.append(TeamGap("no-outsider"))
        orgs = {fold(m.mentor.org) for m in members if m.mentor.org}
        if len(members) > 1 and len(orgs) == 1 and all(m.mentor.org for m in members):
            found.append(TeamGap("one-org", org=members[0].mentor.org))
        unknown = tuple(m.mentor.id for m in members if m.mentor.stage is None)
        if unknown:
            found.append(TeamGap("unknown-stage", mentors=unknown))
    for item in coverage:
        if not item.mentors:
            found.append(TeamGap("unlinked-goal", goal=item.goal.id))
    return found


def team(view: JournalView) -> Team:
    today = view.today
    chosen = [
        m
        for m in view.mentors.values()
        if not m.ended_on(today) and (m.start is None or m.start <= today)
    ]
    members = [
        _member(m, view.sessions_with(m.id), view.goals_of(m.id), view.settings, today)
        for m in sorted(chosen, key=_stage_order)
    ]
    on_team = {m.mentor.id for m in members}
    open_goals = sorted(
        (g for g in view.goals.values() if g.is_open), key=lambda g: (g.target or date.max, g.id)
    )
    coverage = [GoalCoverage(g, [i for i in g.mentors if i in on_team]) for g in open_goals]
    reached = sorted(
        (g for g in view.goals.values() if g.status == "done"),
        key=lambda g: (g.closed or date.min, g.id),
    )
    return Team(
        today=today,
        members=members,
        coverage=coverage,
        gaps=gaps(members, coverage),
        reached=reached,
        reached_alone=[g for g in reached if g.independently],
        independence=[independence(m.mentor, view.goals_of(m.mentor.id), today) for m in members],
    )
