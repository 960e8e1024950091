"""The arc of a relationship in the brief's words: its phase, the agreement, and what the
phase suggests for the call. Lines of text; the brief's views lay them out."""

from __future__ import annotations

from collections.abc import Callable

from mentorlog.domain.arc import Closure
from mentorlog.services.arc import Standing

Shown = Callable[[str], str]


def phase_line(standing: Standing) -> str:
    if standing.set_by_hand and standing.suggested != standing.phase:
        return (
            f"Phase: {standing.phase} (set by hand; the history suggests "
            f"{standing.suggested}: {standing.reason})"
        )
    how = "set by hand" if standing.set_by_hand else f"suggested: {standing.reason}"
    return f"Phase: {standing.phase} ({how})"


def agreement_lines(standing: Standing, shown: Shown) -> list[str]:
    a = standing.agreement
    if a is None:
        return []
    lines = [f"Agreed on {a.agreed.isoformat()}" if a.agreed else "Agreed"]
    if a.cadence:
        lines.append(f"Meet {a.cadence.describe()}")
    ends = a.term_ends()
    if a.term:
        lines.append(
            f"For {a.term.describe().removeprefix('every ')}" + (f", until {ends}" if ends else "")
        )
    if a.review:
        lines.append(f"Review the agreement on {a.review.isoformat()}")
    if a.confidentiality:
        lines.append(f"Confidentiality: {shown(a.confidentiality)}")
    if a.channels:
        lines.append("Channels: " + ", ".join(shown(c) for c in a.channels))
    if a.bring:
        lines.append(f"You bring: {shown(a.bring)}")
    if standing.drift is not None and standing.drift.missed:
        lines.append("Drift: " + standing.drift.describe())
    return lines


def phase_suggestions(standing: Standing, first_name: str, mentor_id: str) -> list[str]:
    """What the phase asks of this call."""
    phase = standing.phase
    if phase == "initiation" and not standing.ground_rules_agreed:
        return [
            f"Early days: agree with {first_name} on goals and ground rules (how often, for how "
            f"long, what stays between you): `mentorlog agree {mentor_id}`."
        ]
    if phase == "separation":
        close = "" if standing.ended else f"; close it well with `mentorlog mentor end {mentor_id}`"
        return [
            "Late in the relationship: talk about what you now do on your own, and say thanks "
            f"for what {first_name} gave (`mentorlog thank {mentor_id}`){close}."
        ]
    if phase == "redefinition":
        return [
            f"The formal relationship is over: a catch-up between peers. Tell {first_name} what "
            "came of their help and ask how they are doing."
        ]
    return []


def closure_lines(closure: Closure, shown: Shown) -> list[str]:
    """How the relationship was closed: when, what you learned, what stays between you."""
    lines = [f"Closed on {closure.closed.isoformat()}" if closure.closed else "Closed"]
    if closure.learned:
        lines.append(f"What you learned: {shown(closure.learned)}")
    if closure.stays:
        lines.append(f"What stays: {shown(closure.stays)}")
    return lines
