"""The arc of a mentorship: what was agreed at the start, which phase the relationship is in,
how the meetings kept to the agreed rhythm, and how it closed. Plain Python, no clock: every
function is given the day it is asked about."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.drift import missed_periods
from mentorlog.domain.records import field, record
from mentorlog.domain.rows import cadence_of

# Kram's phases of a mentoring relationship, in the order they usually come.
PHASES = ("initiation", "cultivation", "separation", "redefinition")
# The first months of a relationship are its initiation.
INITIATION_MONTHS = 3
# Meeting less than half as often as agreed is a cadence stretched.
STRETCH_FACTOR = 2
# Drift is judged over this many agreed periods at most.
DRIFT_PERIODS = 6
# The brief's getting-started items that can be marked not applicable.
CHECKLIST_KEYS = ("goals", "background", "resume", "ground_rules")


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@record
class Agreement:
    """What a mentor and mentee agreed on: how often and for how long they meet, when they look
    at it again, what stays between them, how they reach each other, what the mentee brings."""

    agreed: date | None = None
    cadence: Cadence | None = None
    term: Cadence | None = None
    review: date | None = None
    confidentiality: str | None = None
    channels: list[str] = field(default_factory=list)
    bring: str | None = None

    def term_ends(self) -> date | None:
        if self.agreed is None or self.term is None:
            return None
        return add_cadence(self.agreed, self.term)

    def to_row(self) -> list[Any]:
        return [
            _iso(self.agreed),
            str(self.cadence) if self.cadence else None,
            str(self.term) if self.term else None,
            _iso(self.review),
            self.confidentiality,
            list(self.channels),
            self.bring,
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Agreement:
        agreed, cadence, term, review, confidentiality, channels, bring = row
        return cls(
            _d(agreed),
            cadence_of(cadence) if cadence else None,
            cadence_of(term) if term else None,
            _d(review),
            confidentiality,
            list(channels),
            bring,
        )

    def to_toml(self) -> dict[str, Any]:
        """The `[agreement]` table of a mentor's file; keys without a value are left out."""
        table = {
            "agreed": self.agreed,
            "cadence": str(self.cadence) if self.cadence else None,
            "term": str(self.term) if self.term else None,
            "review": self.review,
            "confidentiality": self.confidentiality,
            "channels": list(self.channels) or None,
            "bring": self.bring,
        }
        return {key: value for key, value in table.items() if value is not None}


@record
class Closure:
    """How a relationship was closed: what you learned, what stays between you (how you keep
    in touch after), and the day it was closed."""

    learned: str | None = None
    stays: str | None = None
    closed: date | None = None

    def to_row(self) -> list[Any]:
        return [self.learned, self.stays, _iso(self.closed)]

    @classmethod
    def from_row(cls, row: list[Any]) -> Closure:
        learned, stays, closed = row
        return cls(learned, stays, _d(closed))


def check_phase(text: str) -> str:
    from mentorlog.errors import UsageError

    value = text.strip().lower()
    matches = [phase for phase in PHASES if value and phase.startswith(value)]
    if len(matches) != 1:
        raise UsageError(f"'{text}' is not a phase", f"use one of: {', '.join(PHASES)}")
    return matches[0]


def check_checklist_key(text: str) -> str:
    from mentorlog.errors import UsageError

    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    value = {"cv": "resume", "ground": "ground_rules", "rules": "ground_rules"}.get(value, value)
    if value not in CHECKLIST_KEYS:
        shown = ", ".join(key.replace("_", "-") for key in CHECKLIST_KEYS)
        raise UsageError(f"'{text}' is not a getting-started item", f"use one of: {shown}")
    return value


@record
class PhaseSuggestion:
    phase: str
    reason: str


def suggest_phase(
    *,
    start: date | None,
    ended: date | None,
    contacts: list[date],
    goals_closed_independently: int,
    open_goals: int,
    cadence: Cadence,
    agreement: Agreement | None,
    today: date,
) -> PhaseSuggestion:
    """The phase the history points to. `contacts` are the days of every session with the
    mentor, in any order; `cadence` is the rhythm in force."""
    past = sorted(day for day in contacts if day <= today)
    if ended is not None and ended <= today:
        later = [day for day in past if day > ended]
        if later:
            return PhaseSuggestion("redefinition", f"in touch on {later[-1]} after it ended")
        return PhaseSuggestion("separation", f"ended on {ended}")
    began = start or (past[0] if past else None)
    if began is None or add_cadence(began, Cadence(INITIATION_MONTHS, "m")) > today:
        return PhaseSuggestion("initiation", "the first months of the relationship")
    term_ends = agreement.term_ends() if agreement else None
    if term_ends is not None and term_ends <= today:
        return PhaseSuggestion("separation", f"the agreed term ended on {term_ends}")
    if goals_closed_independently and not open_goals:
        return PhaseSuggestion(
            "separation", f"{goals_closed_independently} goal(s) reached on your own"
        )
    if len(past) >= 3:
        gaps = [(b - a).days for a, b in zip(past[-3:], past[-2:], strict=False)]
        if min(gaps) > cadence.approx_days() * STRETCH_FACTOR:
            return PhaseSuggestion("separation", "you meet far less often than before")
    return PhaseSuggestion("cultivation", "meeting and working on goals")


@record
class Drift:
    """How the last agreed periods went: `missed` of `periods` had no contact."""

    cadence: Cadence
    periods: int
    missed: int

    def describe(self) -> str:
        """`agreed every month, 3 of the last 6 months missed`."""
        unit = {"d": "days", "w": "weeks", "m": "months"}[self.cadence.unit]
        periods = unit if self.cadence.count == 1 else "periods"
        return (
            f"agreed {self.cadence.describe()}, "
            f"{self.missed} of the last {self.periods} {periods} missed"
        )


def drift(agreement: Agreement, contacts: list[date], today: date) -> Drift | None:
    """Count the agreed periods, back from `today` (at most DRIFT_PERIODS, none before the
    agreement), that had no contact. None without an agreed cadence or a full period yet."""
    cadence = agreement.cadence
    if cadence is None or cadence.count == 0:
        return None
    # The day of the agreement is a contact of its own: the first period begins after it.
    first_day = agreement.agreed + timedelta(days=1) if agreement.agreed else date.min
    periods, missed = missed_periods(cadence, contacts, first_day, today, limit=DRIFT_PERIODS)
    return Drift(cadence, periods, missed) if periods else None


def drift_over(
    agreement: Agreement,
    contacts: list[date],
    since: date,
    until: date,
    *,
    ended: date | None = None,
    paused: tuple[date, date] | None = None,
) -> Drift | None:
    """Count the agreed periods inside `since`..`until` (every whole one, back from `until`
    or the day the relationship `ended`, none before the agreement) that had no contact; those
    touching a `paused` span `[from, until)` are left out. None without an agreed cadence or a
    whole period to judge."""
    cadence = agreement.cadence
    if cadence is None or cadence.count == 0:
        return None
    first_day = since
    if agreement.agreed is not None:
        first_day = max(first_day, agreement.agreed + timedelta(days=1))
    last_day = min(until, ended) if ended is not None else until
    if last_day < first_day:
        return None
    periods, missed = missed_periods(cadence, contacts, first_day, last_day, paused=paused)
    return Drift(cadence, periods, missed) if periods else None
