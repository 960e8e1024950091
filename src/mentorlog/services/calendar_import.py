"""Contacts from a calendar export: each past meeting with a mentor becomes a session.

Reading expands recurring events (RRULE, RDATE, EXDATE, moved or cancelled occurrences) and
turns every occurrence into an `Occurrence`: its key (the UID, and for one occurrence of a
series the UID and the occurrence's original start), its day in the user's time zone, its
title and its attendees. Matching then names the mentors each one was with: by email first,
then by an attendee's name, then by a name in the title. Planning sets aside the meetings the
journal already holds (the same mentor and event key), so importing the same file twice adds
nothing the second time. Only then is anything written, under one lock and one read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from mentorlog.domain.models import Mentor, Session
from mentorlog.domain.slugs import fold
from mentorlog.errors import UsageError

SOURCE = "calendar"
# The kind an imported meeting gets: a meeting is a check-in; `source` says where it came from.
KIND = "check-in"
# A daily series from decades ago would otherwise expand into tens of thousands of meetings.
MAX_OCCURRENCES = 20_000
# An event key longer than this is kept as its start and a hash of the whole.
MAX_KEY = 500
# The longest topic a session takes (see services/records.clean_line).
MAX_TOPIC = 500
# The earliest day a calendar is read from when --since is not given.
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Attendee:
    email: str | None  # lower case, without "mailto:"
    name: str | None
    declined: bool = False


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One meeting as the calendar holds it, once recurrence is expanded."""

    key: str  # the UID, or "UID/original start" for one occurrence of a series
    day: date  # in the user's time zone (a floating time or an all-day event as written)
    title: str
    attendees: tuple[Attendee, ...] = ()


@dataclass(slots=True)
class Contact:
    """A session to add: one mentor at one occurrence."""

    occurrence: Occurrence
    mentor: Mentor
    matched_by: str  # "email", "attendee name" or "title"


@dataclass(slots=True)
class Skipped:
    occurrence: Occurrence
    mentor: Mentor
    reason: str
    existing: str | None = None  # the session already recording it


@dataclass(slots=True)
class Plan:
    create: list[Contact] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unmatched: int = 0  # past occurrences with none of the mentors
    total: int = 0  # past occurrences read


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BadEvent:
    position: str  # "line 12 (UID abc@example.com)"
    reason: str


def read(
    text: str, label: str, since: date | None, now: datetime
) -> tuple[list[Occurrence], list[BadEvent]]:
    """Every occurrence that started on or after `since` and before `now` (an aware local
    time), cancelled ones left out, in date order; and the events that could not be read (one
    broken event never stops the rest)."""
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises ValueError and others for broken text
        raise UsageError(
            f"{label} is not an iCalendar file: {_reason(exc)}",
            "export the calendar as .ics (it starts with BEGIN:VCALENDAR)",
        ) from None
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        raise UsageError(
            f"{label} has no calendar in it", "an iCalendar file starts with BEGIN:VCALENDAR"
        )
    local = now.tzinfo
    assert local is not None
    period = (datetime.combine(since or _EPOCH, time(), local) - timedelta(days=1), now)
    found: dict[str, Occurrence] = {}
    bad: list[BadEvent] = []
    counted = 0
    for calendar in calendars:
        for event in _expanded(calendar, period, text, bad):
            counted += 1
            if counted > MAX_OCCURRENCES:
                raise UsageError(
                    f"{label} has more than {MAX_OCCURRENCES} meetings in the period",
                    "give --since to read a shorter period",
                )
            try:
                occurrence = _occurrence(event, local)
                past = _started_before(event, now, local)
            except Exception as exc:  # a start that is not a date, a zone that is unknown
                bad.append(BadEvent(_position(text, event.get("UID")), _reason(exc)))
                continue
            if occurrence is None or not past:
                continue
            if since is not None and occurrence.day < since:
                continue
            found.setdefault(occurrence.key, occurrence)
    return sorted(found.values(), key=lambda o: (o.day, o.key)), bad


def _expanded(
    calendar: Any, period: tuple[datetime, datetime], text: str, bad: list[BadEvent]
) -> Iterable[Any]:
    """The occurrences of every event in the period. When the calendar as a whole cannot be
    expanded, each series (the events that share a UID) is expanded alone, so that only the
    broken ones are left out."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]

    start, end = period[0], period[1] + timedelta(days=1)
    try:
        yield from list(
            recurring_ical_events.of(calendar, components=["VEVENT"]).between(start, end)
        )
        return
    except Exception:
        pass
    zones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    series: dict[str, list[Any]] = {}
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            series.setdefault(str(component.get("UID", "")), []).append(component)
    for uid, events in series.items():
        alone = icalendar.Calendar()
        for component in (*zones, *events):
            alone.add_component(component)
        try:
            yield from list(
                recurring_ical_events.of(alone, components=["VEVENT"]).between(start, end)
            )
        except Exception as exc:  # a broken rule, date or time zone in this series
            bad.append(BadEvent(_position(text, uid), _reason(exc)))


def _position(text: str, uid: Any) -> str:
    """Where an event is in the file: the line of its UID, as an editor numbers lines."""
    uid_text = str(uid or "")
    if not uid_text:
        return "an event without a UID"
    shown = uid_text[:80]
    for number, line in enumerate(text.splitlines(), 1):
        if line[:3].upper() == "UID" and uid_text[:40] in line:
            return f"line {number} (UID {shown})"
    return f"the event with UID {shown}"


# What the calendar libraries' errors are about, said as mentorlog says it: their own wording
# ("Cannot access 'dt' on broken property 'DTSTART' (expected 'vDDDTypes')") names their
# classes, not what to fix.
_PROPERTY_MEANING = {
    "DTSTART": "its start (DTSTART) is not a date or time",
    "DTEND": "its end (DTEND) is not a date or time",
    "DURATION": "its length (DURATION) is not a duration",
    "RRULE": "its repeat rule (RRULE) cannot be read",
    "RDATE": "its extra dates (RDATE) are not dates",
    "EXDATE": "its left-out dates (EXDATE) are not dates",
    "RECURRENCE-ID": "the date it changes in its series (RECURRENCE-ID) is not a date",
    "TZID": "its time zone (TZID) is not one mentorlog knows",
}


def _reason(exc: Exception) -> str:
    """What is wrong, in mentorlog's words: the property the library names, else the kind of
    problem; never the library's own sentence."""
    import re

    said = str(exc)
    for name in re.findall(r"[A-Z][A-Z-]{2,}", said):
        if name in _PROPERTY_MEANING:
            return _PROPERTY_MEANING[name]
    lowered = said.lower()
    if "timezone" in lowered or "time zone" in lowered or "zoneinfo" in lowered:
        return _PROPERTY_MEANING["TZID"]
    if "content line" in lowered or "parse" in lowered or "begin" in lowered:
        return "a line in it does not follow the iCalendar format"
    return "its dates, times, time zone or repeat rule cannot be read"


def _occurrence(event: Any, local: tzinfo | None) -> Occurrence | None:
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    uid = _one_line(event.get("UID"))
    if not uid:
        return None
    key = uid
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is not None or event.get("RRULE") is not None or event.get("RDATE"):
        original = recurrence.dt if recurrence is not None else event["DTSTART"].dt
        key = f"{uid}/{_stamp(original)}"
    return Occurrence(
        key=_stored_key(key),
        day=_local_day(event["DTSTART"].dt, local),
        title=_one_line(event.get("SUMMARY")) or "",
        attendees=tuple(_attendees(event)),
    )


def _stamp(value: date | datetime) -> str:
    """The occurrence's original start, the same in every export: UTC for a time with a zone."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from datetime import UTC

            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _local_day(value: date | datetime, local: tzinfo | None) -> date:
    if isinstance(value, datetime):
        return value.astimezone(local).date() if value.tzinfo is not None else value.date()
    return value


def _started_before(event: Any, now: datetime, local: tzinfo | None) -> bool:
    start = event["DTSTART"].dt
    if not isinstance(start, datetime):
        return bool(start <= now.date())
    if start.tzinfo is None:
        start = start.replace(tzinfo=local)
    return bool(start <= now)


def _attendees(event: Any) -> Iterable[Attendee]:
    """The attendees and the organizer: a mentor who sent the invitation is often not listed
    among the attendees."""
    values: list[Any] = []
    for name in ("ORGANIZER", "ATTENDEE"):
        found = event.get(name)
        if found is not None:
            values.extend(found if isinstance(found, list) else [found])
    for value in values:
        address = str(value).strip()
        email = address[7:] if address.lower().startswith("mailto:") else address
        params = getattr(value, "params", {})
        yield Attendee(
            email=email.strip().lower() or None if "@" in email else None,
            name=_one_line(params.get("CN")),
            declined=str(params.get("PARTSTAT", "")).upper() == "DECLINED",
        )


# A terminal escape sequence whole: CSI (`ESC [ 31 m`, or the one-byte CSI), OSC (`ESC ]`, up
# to BEL or `ESC \\`), or ESC and one more character. Taking out only the ESC would leave
# `[31m` in a title.
_ESCAPE_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)


def _one_line(value: Any) -> str | None:
    """A calendar's text on one line, without the control characters a file may hide in it
    (they could drive a terminal, and a session's fields refuse them): an escape sequence is
    taken out whole, and so are invisible format characters."""
    import re

    text = re.sub(_ESCAPE_SEQUENCE, "", str(value)) if value is not None else ""
    text = " ".join(text.split())
    text = "".join(c for c in text if c.isprintable() or c in "\u200c\u200d")
    return text or None


def _stored_key(key: str) -> str:
    """The key as the session keeps it: short enough for the file, the same every time."""
    if len(key) <= MAX_KEY:
        return key
    import hashlib

    return f"{key[:64]}~{hashlib.sha256(key.encode()).hexdigest()[:32]}"


# --- matching and planning --------------------------------------------------------------------


def match(occurrence: Occurrence, mentors: list[Mentor]) -> list[tuple[Mentor, str]]:
    """The mentors this meeting was with, and how each was recognised. A mentor who declined
    was not there."""
    by_email = {m.email.strip().lower(): m for m in mentors if m.email and m.email.strip()}
    found: dict[str, tuple[Mentor, str]] = {}
    declined: set[str] = set()
    for attendee in occurrence.attendees:
        mentor = by_email.get(attendee.email or "")
        if mentor is not None:
            if attendee.declined:
                declined.add(mentor.id)
            else:
                found.setdefault(mentor.id, (mentor, "email"))
    if found:
        return list(found.values())
    names = {fold(m.name): m for m in mentors if m.id not in declined and fold(m.name)}
    for attendee in occurrence.attendees:
        mentor = names.get(fold(_given_first(attendee.name or "")))
        if mentor is not None and not attendee.declined:
            found.setdefault(mentor.id, (mentor, "attendee name"))
    if found:
        return list(found.values())
    title = f" {_words(occurrence.title)} "
    for key, mentor in names.items():
        if f" {_words(key)} " in title:
            found.setdefault(mentor.id, (mentor, "title"))
    return list(found.values())


def _given_first(name: str) -> str:
    """Address books write "Lovelace, Ada"; the journal says "Ada Lovelace"."""
    family, comma, given = name.partition(",")
    return f"{given.strip()} {family.strip()}" if comma and given.strip() else name


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def plan(
    occurrences: list[Occurrence], mentors: dict[str, Mentor], sessions: list[Session]
) -> Plan:
    """Sort the meetings into sessions to add and meetings the journal already has."""
    result = Plan(total=len(occurrences))
    held = {(s.mentor, s.event): s.id for s in sessions if s.event}
    listed = sorted(mentors.values(), key=lambda m: m.id)
    for occurrence in occurrences:
        matches = match(occurrence, listed)
        if not matches:
            result.unmatched += 1
        for mentor, how in matches:
            existing = held.get((mentor.id, occurrence.key))
            if existing is not None:
                result.skipped.append(
                    Skipped(occurrence, mentor, "is already in the journal", existing)
                )
            else:
                result.create.append(Contact(occurrence, mentor, how))
    return result


def require_all_read(source: str, bad: list[BadEvent]) -> None:
    """An import that could not read every event fails, once the rest is done: importing the
    file again after a fix adds only what was missing."""
    if bad:
        from mentorlog.errors import InvalidFile

        raise InvalidFile(
            source,
            "1 event could not be read"
            if len(bad) == 1
            else f"{len(bad)} events could not be read",
            hint=f"fix or remove {'it' if len(bad) == 1 else 'them'} and import the file again; "
            "meetings already added are skipped",
        )


def plan_import(journal: Any, occurrences: list[Occurrence]) -> Plan:
    snapshot = journal.load(kinds=("mentor", "session"))
    require_read(snapshot, [o.day for o in occurrences])
    return plan(occurrences, snapshot.mentors, snapshot.sessions)


def require_read(snapshot: Any, days: list[date]) -> None:
    """Who a meeting was with, and whether it is already in the journal, are told from the
    files that read: a mentor file that does not may be any attendee, and a session file that
    does not may be the one that recorded a meeting of its day (a session's id starts with
    its date, unless someone renamed the file)."""
    from mentorlog.services import unread

    unread.require_read(
        snapshot.mentors,
        "it may be one of the people in the calendar, so nothing was imported",
        "then import again",
    )
    unread.require_read(
        snapshot.sessions,
        "it may already hold one of these meetings, so nothing was imported",
        "then import again",
        unread.may_be_on({day.isoformat() for day in days}),
    )


# --- writing ----------------------------------------------------------------------------------


def front_matter(contact: Contact) -> dict[str, Any]:
    title = contact.occurrence.title[:MAX_TOPIC].strip()
    return {
        "mentor": contact.mentor.id,
        "date": contact.occurrence.day,
        "kind": KIND,
        "topic": title or None,
        "source": SOURCE,
        "event": contact.occurrence.key,
    }


def add_all(
    journal: Any,
    chosen: Plan,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Session]:
    """Write every planned session under one lock and one read of the journal, as one change.
    A meeting recorded meanwhile (another import of the same file) is moved to the skipped
    list."""
    from mentorlog.journal import frontmatter
    from mentorlog.journal.writer import ChangeSet
    from mentorlog.services.records import create_record

    added: list[Session] = []
    kept: list[Contact] = []
    with journal.lock():
        snapshot = journal.load(kinds=("mentor", "session"))
        require_read(snapshot, [c.occurrence.day for c in chosen.create])
        held = {(s.mentor, s.event): s.id for s in snapshot.sessions if s.event}
        taken = journal.ids_on_disk("session")
        together = ChangeSet()
        for done, contact in enumerate(chosen.create, 1):
            key = (contact.mentor.id, contact.occurrence.key)
            if contact.mentor.id not in snapshot.mentors or key in held:
                chosen.skipped.append(
                    Skipped(contact.occurrence, contact.mentor, "is already in the journal")
                )
                continue
            fields = front_matter(contact)
            head = frontmatter.dumps_simple(fields)
            record_id, _ = create_record(
                journal,
                "session",
                f"{contact.occurrence.day.isoformat()}-{contact.mentor.id}",
                _text_of(frontmatter.join(head, "")),
                taken=taken,
                together=together,
            )
            held[key] = record_id
            kept.append(contact)
            added.append(
                Session(
                    id=record_id,
                    mentor=contact.mentor.id,
                    date=contact.occurrence.day,
                    kind=KIND,
                    topic=fields["topic"],
                    source=SOURCE,
                    event=contact.occurrence.key,
                )
            )
            if on_progress is not None:
                on_progress(done, len(chosen.create))
        journal.apply(together)
    chosen.create = kept
    return added


def _text_of(text: str) -> Callable[[str], str]:
    return lambda _record_id: text
