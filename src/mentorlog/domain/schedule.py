"""Who to get back in touch with, and when. Pure: no I/O, no clock; `today` is a parameter.

The rules:
- The last contact with a mentor is the date of their latest session of any kind (an email or a
  thank-you keeps in touch too), on or before the day asked about.
- The next check-in is the last contact plus the mentor's cadence (calendar arithmetic); past
  their outer limit (`at_most`) the relationship has lapsed. See `windows` for both windows.
- A mentor never contacted waits for a first contact from the later of `since` and the day
  they were added: "first contact, waiting N days", never overdue.
- Mentors who ended or are paused on the day asked about are not due; a snoozed one is not
  listed until the snooze ends.
- The list runs from the latest relative to each mentor's own cadence.
- A meeting booked from today on counts as being in touch (status "booked") when it is near
  enough: no later than the outer limit, or one cadence from today (`meetings.counts_until`);
  one further off leaves the mentor due. A booked meeting whose day has passed asks to be
  recorded (status "record"), see `meetings.meeting_status`.
- An agreement whose review date is inside the window or past asks to be reviewed, see
  `agreement_review`.

A large journal's old sessions may come summed up (`EarlierSessions`: each mentor's latest
contact and thank-you, and the sessions reflected on) instead of one by one; the answer is the
same either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from mentorlog.domain import windows
from mentorlog.domain.advice import AdviceOutcome, unheard_outcomes
from mentorlog.domain.agreement_review import AgreementReview, reviews_due
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.meetings import counts_until, meeting_status
from mentorlog.domain.models import (
    ActionItem,
    EarlierSessions,
    Goal,
    Meeting,
    Mentor,
    Reflection,
    Session,
    Settings,
)
from mentorlog.domain.records import field, record
from mentorlog.domain.stalled import StalledGoal, stalled_goals

CALL_KINDS = frozenset({"check-in", "question", "intro"})
# Statuses that ask nothing of the user today: `due --quiet`, `notify` and the rest agree on it.
CALM_STATUSES = frozenset({windows.OK, windows.SNOOZED, "booked"})
THANKS_LOOKBACK_DAYS = 120
REFLECTION_LOOKBACK_DAYS = 30


@record
class OpenAction:
    """An action item still open after its mentor's cadence: time to report back."""

    action: ActionItem
    mentor: str
    date: date
    age_days: int


@record
class Unreflected:
    """A recent call with no reflection yet."""

    session: str
    mentor: str
    date: date
    kind: str
    age_days: int


@record
class ThanksReminder:
    """A thank-you owed: the relationship ended, or a goal the mentor helped with was met."""

    mentor: str
    reason: str  # "ended" or "goal"
    since: date
    goal: str | None = None


@record
class DueRow:
    """One mentor in the due report: when to be in touch next, and what to bring."""

    mentor: Mentor
    cadence: Cadence
    last_contact: date | None
    next_due: date
    days_overdue: int
    status: str  # one of windows' statuses: "lapsed", "overdue", "first-contact", "due", "ok"...
    open_actions: list[OpenAction] = field(default_factory=list)
    unreflected: list[Unreflected] = field(default_factory=list)
    thanks: list[ThanksReminder] = field(default_factory=list)
    # The relationship has ended; the row is here only because a thank-you is owed.
    ended: bool = False
    # The next booked meeting (status "booked"), or the passed one to record (status "record").
    meeting: Meeting | None = None
    at_most: Cadence | None = None  # the outer limit (None for an ended relationship)
    waiting_days: int | None = None  # for a first contact: days since they began waiting
    lateness: float = 0.0  # days overdue relative to the cadence (windows.lateness)
    advice: list[AdviceOutcome] = field(default_factory=list)

    @property
    def asks_for_contact(self) -> bool:
        """Whether the mentor is waiting to hear from the user: not calm, nor booked."""
        return self.status not in CALM_STATUSES


@record
class DueReport:
    """Everything `mentorlog due` says for one day."""

    today: date
    window: Cadence
    rows: list[DueRow]
    open_actions: list[OpenAction]
    unreflected: list[Unreflected]
    thanks: list[ThanksReminder]
    # Outcomes of advice their mentor has not heard; open goals with no progress for a while.
    advice: list[AdviceOutcome] = field(default_factory=list)
    stalled: list[StalledGoal] = field(default_factory=list)
    # Agreements whose review date is inside the window or past.
    reviews: list[AgreementReview] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        """Someone to reconnect with, an action to report back on, a reflection, a thanks, an
        outcome to tell, a stalled goal or an agreement to review."""
        due_now = any(row.asks_for_contact for row in self.rows)
        return due_now or bool(self.reminders)

    @property
    def reminders(self) -> bool:
        """Anything listed besides the check-ins."""
        return bool(
            self.open_actions
            or self.unreflected
            or self.thanks
            or self.advice
            or self.stalled
            or self.reviews
        )


def cadence_of(mentor: Mentor, default: Cadence) -> Cadence:
    return mentor.cadence or default


def last_contacts(
    sessions: Iterable[Session], today: date, earlier: EarlierSessions | None = None
) -> dict[str, date]:
    """Each mentor's latest contact on or before `today`."""
    latest: dict[str, date] = dict(earlier.last_contact) if earlier is not None else {}
    for session in sessions:
        if session.date <= today:
            known = latest.get(session.mentor)
            if known is None or session.date > known:
                latest[session.mentor] = session.date
    return latest


def next_due(mentor: Mentor, last_contact: date | None, cadence: Cadence, today: date) -> date:
    if last_contact is not None:
        return add_cadence(last_contact, cadence)
    return windows.first_contact_from(mentor) or today


def window_end(today: date, window: Cadence) -> date:
    return add_cadence(today, window) if window.count else today


def status_of(days_overdue: int, next_due_on: date, horizon: date) -> str:
    if days_overdue > 0:
        return "overdue"
    if next_due_on <= horizon:
        return "due"
    return "ok"


def due(
    mentors: Iterable[Mentor],
    sessions: list[Session],
    reflections: Iterable[Reflection],
    goals: Iterable[Goal],
    *,
    today: date,
    default_cadence: Cadence,
    window: Cadence,
    reflect_within: Cadence,
    include_all: bool = False,
    earlier: EarlierSessions | None = None,
    settings: Settings | None = None,
    stalled_after: Cadence | None = None,
) -> DueReport:
    """Everything `mentorlog due` says, for the day `today`. `earlier` sums up sessions left
    out of `sessions`; they must all be older than the reflection lookback. `settings` adds the
    cadences by stage and tag to `default_cadence`."""
    if earlier is not None and earlier.before > today - timedelta(days=REFLECTION_LOOKBACK_DAYS):
        raise ValueError("sessions summed up must be older than the reflection lookback")
    mentor_list = list(mentors)
    contacts = last_contacts(sessions, today, earlier)
    horizon = window_end(today, window)
    rules = settings if settings is not None else Settings(default_cadence=default_cadence)
    stale = _stale_actions(mentor_list, sessions, rules, today)
    reflected = {r.session for r in reflections if r.session}
    if earlier is not None:
        reflected |= earlier.reflected
    unreflected = _unreflected(mentor_list, sessions, reflected, reflect_within, today)
    goal_list = list(goals)
    thanks = _thanks_owed(mentor_list, sessions, goal_list, today, earlier)
    advice = unheard_outcomes(mentor_list, sessions, contacts, today)
    stalled = (
        [] if stalled_after is None else stalled_goals(goal_list, mentor_list, stalled_after, today)
    )

    rows: list[DueRow] = []
    for mentor in mentor_list:
        cadence = windows.cadence_for(mentor, rules)
        last = contacts.get(mentor.id)
        ended = False
        meeting = None
        at_most: Cadence | None = None
        waiting: int | None = None
        if mentor.active_on(today):
            at_most = windows.at_most_for(mentor, cadence)
            due_on, overdue, status, waiting = _standing(
                mentor, last, cadence, at_most, today, horizon
            )
            since = last or windows.first_contact_from(mentor) or today
            in_touch_until = counts_until(since, cadence, at_most, today)
            status, meeting = meeting_status(mentor, status, today, in_touch_until)
            if status in (windows.OK, windows.SNOOZED) and not include_all:
                continue
        elif any(t.mentor == mentor.id and t.reason == "ended" for t in thanks):
            assert mentor.ended is not None
            ended = True
            due_on = mentor.ended
            overdue = (today - due_on).days
            status = status_of(overdue, due_on, horizon)
        else:
            continue
        late_by = waiting if waiting is not None else overdue
        rows.append(
            DueRow(
                mentor=mentor,
                cadence=cadence,
                last_contact=last,
                next_due=due_on,
                days_overdue=overdue,
                status=status,
                open_actions=[a for a in stale if a.mentor == mentor.id],
                unreflected=[u for u in unreflected if u.mentor == mentor.id],
                thanks=[t for t in thanks if t.mentor == mentor.id],
                ended=ended,
                meeting=meeting,
                at_most=at_most,
                waiting_days=waiting,
                lateness=windows.lateness(late_by, windows.span_days(last or due_on, cadence)),
                advice=[o for o in advice if o.mentor == mentor.id],
            )
        )
    rows.sort(
        key=lambda r: (r.status == "booked", -r.lateness, -r.days_overdue, r.mentor.name.casefold())
    )
    reviews = reviews_due(mentor_list, today, horizon)
    return DueReport(today, window, rows, stale, unreflected, thanks, advice, stalled, reviews)


def _standing(
    mentor: Mentor,
    last: date | None,
    cadence: Cadence,
    at_most: Cadence,
    today: date,
    horizon: date,
) -> tuple[date, int, str, int | None]:
    """An active mentor's next check-in, days overdue, status and (for a first contact) the
    days waiting. A snoozed reminder comes back on the day the snooze ends."""
    waiting: int | None = None
    if last is None:
        due_on = windows.first_contact_from(mentor) or today
        overdue = min(0, (today - due_on).days)
        if due_on <= today:
            status, waiting = windows.FIRST_CONTACT, (today - due_on).days
        else:
            status = status_of(overdue, due_on, horizon)
    else:
        due_on = add_cadence(last, cadence)
        overdue = (today - due_on).days
        status = windows.status_for(today, due_on, add_cadence(last, at_most), horizon)
    if status != windows.OK and windows.snoozed_on(mentor, today):
        assert mentor.snoozed_until is not None
        due_on = max(due_on, mentor.snoozed_until)
        overdue, status, waiting = (today - due_on).days, windows.SNOOZED, None
    return due_on, overdue, status, waiting


def _stale_actions(
    mentors: list[Mentor], sessions: list[Session], rules: Settings, today: date
) -> list[OpenAction]:
    """Open action items older than their mentor's cadence: time to report back."""
    active = {m.id: windows.cadence_for(m, rules) for m in mentors if m.active_on(today)}
    found: list[OpenAction] = []
    for session in sessions:
        cadence = active.get(session.mentor)
        if cadence is None or session.date > today or not session.actions:
            continue
        if add_cadence(session.date, cadence) > today:
            continue
        for action in session.actions:
            if not action.done:
                found.append(
                    OpenAction(action, session.mentor, session.date, (today - session.date).days)
                )
    found.sort(key=lambda a: (a.date, a.action.number))
    return found


def _unreflected(
    mentors: list[Mentor],
    sessions: list[Session],
    reflected: set[str],
    reflect_within: Cadence,
    today: date,
) -> list[Unreflected]:
    """Recent calls with no reflection written after a few days."""
    known = {m.id for m in mentors if not m.ended_on(today) or m.ended == today}
    oldest = today - timedelta(days=REFLECTION_LOOKBACK_DAYS)
    found: list[Unreflected] = []
    for session in sessions:
        if session.kind not in CALL_KINDS or session.id in reflected:
            continue
        if session.date < oldest or session.mentor not in known:
            continue
        if add_cadence(session.date, reflect_within) > today:
            continue
        found.append(
            Unreflected(
                session.id, session.mentor, session.date, session.kind, (today - session.date).days
            )
        )
    return found


def _thanks_owed(
    mentors: list[Mentor],
    sessions: list[Session],
    goals: Iterable[Goal],
    today: date,
    earlier: EarlierSessions | None = None,
) -> list[ThanksReminder]:
    """A relationship that formally ended, or a goal a mentor helped with that was reached,
    with no thank-you recorded since."""
    thanked: dict[str, date] = dict(earlier.last_thanks) if earlier is not None else {}
    for session in sessions:
        if session.kind != "thanks" or session.date > today:
            continue
        if session.mentor not in thanked or session.date > thanked[session.mentor]:
            thanked[session.mentor] = session.date
    oldest = today - timedelta(days=THANKS_LOOKBACK_DAYS)
    by_id = {m.id: m for m in mentors}
    found: list[ThanksReminder] = []
    for mentor in mentors:
        ended = mentor.ended
        if ended is None or not (oldest <= ended <= today):
            continue
        if thanked.get(mentor.id, date.min) < ended:
            found.append(ThanksReminder(mentor.id, "ended", ended))
    for goal in goals:
        if goal.status != "done" or goal.closed is None or goal.independently:
            continue
        if not (oldest <= goal.closed <= today):
            continue
        for mentor_id in goal.mentors:
            if mentor_id in by_id and thanked.get(mentor_id, date.min) < goal.closed:
                found.append(ThanksReminder(mentor_id, "goal", goal.closed, goal.id))
    return found
