"""Closing a relationship well (`mentor end`): the day it ended, what you learned and what stays
between you, kept as the `[closure]` table of the mentor's file in one locked rewrite. Keeping in
touch on a long cadence moves the relationship to redefinition, a catch-up between peers,
instead of stopping the reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.domain.dates import Cadence
from mentorlog.domain.models import Mentor, Session
from mentorlog.errors import UsageError
from mentorlog.journal.storage import Journal
from mentorlog.services import mentors, resolve
from mentorlog.services.records import clean_text

# What ending a relationship clears: every way of being paused or snoozed.
_UNPAUSED = {"paused": None, "paused_until": None, "paused_since": None, "snoozed_until": None}


@dataclass(slots=True)
class ClosureEdit:
    """What `mentor end` records. `on` None keeps the day an ended relationship already ended
    on (else today); texts left None keep what an earlier closure said."""

    on: date | None = None
    learned: str | None = None
    stays: str | None = None
    keep_in_touch: Cadence | None = None  # a catch-up this often instead of no reminders


@dataclass(slots=True)
class Ending:
    """Where the mentor stands before the closure is written: the walk asks from this."""

    mentor: Mentor
    on: date
    thanked_on: date | None  # the last thank-you, if any


def check_texts(edit: ClosureEdit) -> dict[str, Any]:
    """The closure's texts, cleaned, checked without the journal so bad input is refused before
    anything is read or asked."""
    return {
        "learned": clean_text(edit.learned, "what you learned"),
        "stays": clean_text(edit.stays, "what stays"),
    }


def check_end_date(mentor: Mentor, sessions: list[Session], on: date) -> None:
    """A relationship may not end before it began: its `since`, or its first session."""
    first = min((s.date for s in sessions if s.mentor == mentor.id), default=None)
    for began, what in ((mentor.since, "began"), (first, "had its first session")):
        if began is not None and on < began:
            raise UsageError(
                f"{mentor.name}'s relationship cannot end on {on}: it {what} on {began}",
                f"give --date {began} or later",
            )


def ending(journal: Journal, text: str, on: date | None, today: date) -> Ending:
    """The mentor, the day the relationship ends (given, or the day it already ended, or
    today) checked against its start, and the last thank-you said."""
    snapshot = journal.load(kinds=("mentor", "session"))
    mentor = resolve.mentor(snapshot.mentors, text, deciding=True)
    closed_before = mentor.closure.closed if mentor.closure else None
    day = on or mentor.ended or closed_before or today
    check_end_date(mentor, snapshot.sessions, day)
    thanked = max(
        (s.date for s in snapshot.sessions if s.mentor == mentor.id and s.kind == "thanks"),
        default=None,
    )
    return Ending(mentor, day, thanked)


def close(journal: Journal, mentor_id: str, on: date, edit: ClosureEdit) -> Mentor:
    """End the relationship on `on` and keep the closure, merged key by key into any earlier
    one (comments in the table stay). With `keep_in_touch`, it is not ended: the phase becomes
    redefinition and the cadence the long one, so `due` keeps the catch-ups coming."""
    texts = check_texts(edit)
    keep = edit.keep_in_touch

    def changes(data: dict[str, Any]) -> dict[str, Any]:
        current = data.get("closure")
        kept = dict(current) if isinstance(current, dict) else {}
        table = {**kept, "closed": on, **{k: v for k, v in texts.items() if v is not None}}
        if keep is not None and not table.get("stays"):
            table["stays"] = f"a catch-up {keep.describe()}"
        found: dict[str, Any] = {**_UNPAUSED, "closure": table}
        if keep is None:
            found["ended"] = on
        else:
            # The outer limit of the old rhythm would fall inside the new one.
            found |= {"ended": None, "phase": "redefinition", "cadence": str(keep), "at_most": None}
        return found

    return mentors.rewrite(journal, mentor_id, changes)
