"""Booked meetings (`[[meetings]]` in the mentor's file, each with an id that never changes):
book, list, move and cancel. Changes edit the file's TOML in place under the journal lock, so
comments and keys mentorlog does not know survive, and a result that does not validate is
never written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mentorlog.domain import meetings as rules
from mentorlog.domain.models import Meeting, Mentor, Problem, check_kind
from mentorlog.domain.slugs import fold, unique
from mentorlog.errors import Ambiguous, Conflict, InvalidFile, NotFound, UsageError
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve
from mentorlog.services.records import clean_line, edit_mentor_document

MAX_AGENDA = 500


@dataclass(frozen=True, slots=True)
class Booking:
    """What `meet` asks for, every text as typed."""

    mentor: str
    date: date
    at: str | None = None
    length: str | None = None
    where: str | None = None
    agenda: str | None = None
    kind: str = "check-in"


@dataclass(frozen=True, slots=True)
class Listed:
    mentor: Mentor
    meeting: Meeting


def listing(mentors: Iterable[Mentor], today: date, *, include_past: bool = False) -> list[Listed]:
    """Booked meetings across mentors, soonest first; past ones (not yet recorded) only when
    asked, or they would hide the coming ones."""
    found = [
        Listed(m, meeting)
        for m in mentors
        for meeting in rules.booked(m)
        if include_past or meeting.date >= today
    ]
    return sorted(found, key=lambda x: (x.meeting.date, x.meeting.at or "", x.meeting.id))


def find(mentors: Mapping[str, Mentor], meeting_id: str) -> Listed:
    """The meeting an id names: its full id, or its id with the mentor's id shortened to a
    prefix or a first name ("ruth-2026-12-01" for "ruth-castellanos-2026-12-01"). An id held
    by two mentors' files is refused, and an id found nowhere while a mentor's file cannot be
    read is that file's problem: the meeting may well be in it."""
    wanted = meeting_id.strip().lower()
    everything = [Listed(m, meeting) for m in mentors.values() for meeting in m.meetings]
    found = [x for x in everything if x.meeting.id == wanted]
    if not found:
        found = [x for x in everything if _short_id_matches(x, wanted)]
    if len(found) == 1:
        return found[0]
    if len({x.meeting.id for x in found}) > 1:
        shown = ", ".join(f"{x.meeting.id} ({x.mentor.name})" for x in found[:8])
        raise Ambiguous(f"'{wanted}' matches several meetings: {shown}", "give the full id")
    if found:
        raise duplicate_id(found[0].meeting.id, [x.mentor.id for x in found])
    broken = _unreadable_holder(getattr(mentors, "unreadable", {}), wanted)
    if broken is not None:
        raise InvalidFile(broken.path, broken.reason, broken.line, broken.hint or "fix it by hand")
    raise NotFound(f"no meeting has the id '{wanted}'", "see `mentorlog meet list`")


def duplicate_id(meeting_id: str, holders: list[str]) -> InvalidFile:
    """A meeting id held by several mentors' files (the first holder is named as the file)."""
    from mentorlog.journal.layout import LAYOUT

    folder, extension, _ = LAYOUT["mentor"]
    others = ", ".join(f"{folder}/{h}{extension}" for h in dict.fromkeys(holders[1:]))
    return InvalidFile(
        f"{folder}/{holders[0]}{extension}",
        f"meeting id '{meeting_id}' is also used in {others}",
        None,
        "give one of them a new id by hand, then run `mentorlog doctor`",
    )


def _short_id_matches(item: Listed, wanted: str) -> bool:
    mentor_id, meeting_id = item.mentor.id, item.meeting.id
    if not meeting_id.startswith(mentor_id + "-"):
        return False
    rest = meeting_id[len(mentor_id) :]  # "-2026-12-01", perhaps with a "-2" after it
    head = wanted.removesuffix(rest)
    if not head or head == wanted:
        return False
    return mentor_id.startswith(head) or fold(item.mentor.first_name) == fold(head)


def _unreadable_holder(unreadable: Mapping[str, Problem], wanted: str) -> Problem | None:
    """The problem of an unreadable mentor file that may hold the meeting `wanted`: the one
    whose id (or its start) begins the meeting's id, else any, since an id written by hand
    may be anything."""
    for mentor_id, problem in unreadable.items():
        if wanted.startswith(mentor_id + "-") or mentor_id.startswith(wanted.split("-")[0]):
            return problem
    return next(iter(unreadable.values()), None)


def _check_when(day: date, at: str | None, now: datetime) -> None:
    """A meeting is booked from now on, and no further ahead than people plan calls."""
    rules.check_ahead(day, now.date())
    _refuse_past(day, at, now)


def _refuse_past(day: date, at: str | None, now: datetime) -> None:
    today = now.date()
    if day < today or (day == today and at is not None and at < now.strftime("%H:%M")):
        when = f"{day.isoformat()} {at}" if at else day.isoformat()
        raise UsageError(
            f"the meeting time {when} has already passed",
            "book a time from now on; record a past call with `mentorlog session new`",
        )


def book(journal: Journal, booking: Booking, now: datetime) -> tuple[Mentor, Meeting]:
    """Book a meeting: refused in the past, and checked before the file is touched."""
    at = rules.parse_time(booking.at) if booking.at is not None else None
    _check_when(booking.date, at, now)
    minutes = rules.parse_length(booking.length) if booking.length is not None else None
    where = clean_line(booking.where or "", "--where")
    agenda = clean_line(booking.agenda or "", "--agenda", limit=MAX_AGENDA)
    kind = check_kind(booking.kind)

    def change(document: Any, mentor: Mentor, mentors: dict[str, Mentor]) -> Meeting:
        import tomlkit

        if mentor.ended is not None and mentor.ended_on(now.date()):
            raise UsageError(
                f"the relationship with {mentor.name} ended on {mentor.ended.isoformat()}",
                f"take it up again first: `mentorlog mentor resume {mentor.id}`",
            )
        clash = next(
            (m for m in rules.booked(mentor) if m.date == booking.date and m.at == at), None
        )
        if clash is not None:
            raise Conflict(
                f"{mentor.name} already has meeting {clash.id} booked for {_when(clash)}",
                f"move it with `mentorlog meet move {clash.id} WHEN` or book another time",
            )
        taken = {meeting.id for m in mentors.values() for meeting in m.meetings}
        meeting_id = unique(f"{mentor.id}-{booking.date.isoformat()}", taken)
        from mentorlog.journal.frontmatter import array_of_tables

        tables = array_of_tables(document, "meetings")
        if len(tables) and not tables[-1].as_string().endswith("\n\n"):
            tables[-1].add(tomlkit.nl())
        table = tomlkit.table()
        table.add("id", meeting_id)
        table.add("date", booking.date)
        for key, value in (("at", at), ("minutes", minutes), ("where", where)):
            if value is not None:
                table.add(key, value)
        if agenda is not None:
            table.add("agenda", agenda)
        table.add("kind", kind)
        table.add("status", "booked")
        tables.append(table)
        return Meeting(meeting_id, booking.date, at, minutes, where, agenda, kind)

    return edit_mentor_document(
        journal, lambda mentors: resolve.mentor(mentors, booking.mentor), change
    )


def move(
    journal: Journal, meeting_id: str, day: date, at_text: str | None, now: datetime
) -> tuple[Mentor, Meeting]:
    """Move a booked meeting to another day (and time); it keeps its id, so a calendar that
    imported it moves it too. Without a new time it keeps the old one."""
    at = rules.parse_time(at_text) if at_text is not None else None

    def change(document: Any, mentor: Mentor, mentors: dict[str, Mentor]) -> Meeting:
        table, meeting = _booked_table(document, mentor, meeting_id)
        new_at = at if at is not None else meeting.at
        _check_when(day, new_at, now)
        table["date"] = day
        if new_at is not None:
            table["at"] = new_at
        return Meeting(
            meeting.id, day, new_at, meeting.minutes, meeting.where, meeting.agenda, meeting.kind
        )

    return edit_mentor_document(journal, lambda mentors: find(mentors, meeting_id).mentor, change)


def cancel(journal: Journal, meeting_id: str) -> tuple[Mentor, Meeting]:
    """Cancel a booked meeting. It stays in the file (with its agenda), marked cancelled."""

    def change(document: Any, mentor: Mentor, mentors: dict[str, Mentor]) -> Meeting:
        table, meeting = _booked_table(document, mentor, meeting_id)
        table["status"] = "cancelled"
        return meeting

    return edit_mentor_document(journal, lambda mentors: find(mentors, meeting_id).mentor, change)


def mark_done(data: dict[str, Any], meeting_id: str, session_id: str) -> dict[str, Any]:
    """The `meetings` key of a mentor file's data with one meeting marked done by a session."""
    entries: list[Any] = []
    for entry in data.get("meetings", []):
        if isinstance(entry, dict) and entry.get("id") == meeting_id:
            entry = {**entry, "status": "done", "session": session_id}
        entries.append(entry)
    return {"meetings": entries}


def _booked_table(document: Any, mentor: Mentor, meeting_id: str) -> tuple[Any, Meeting]:
    meeting = find({mentor.id: mentor}, meeting_id).meeting
    if meeting.status != "booked":
        raise Conflict(
            f"meeting {meeting.id} is already {meeting.status}",
            "book a new one with `mentorlog meet MENTOR WHEN`",
        )
    for table in document.get("meetings", []):
        if table.get("id") == meeting.id:
            return table, meeting
    raise NotFound(f"no meeting has the id '{meeting.id}'", "see `mentorlog meet list`")


def _when(meeting: Meeting) -> str:
    return meeting.date.isoformat() + (f" {meeting.at}" if meeting.at else "")
