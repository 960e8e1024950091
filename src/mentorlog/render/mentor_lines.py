"""What `mentor show` says about each field of a mentor, as labelled lines of plain text.

Every field of `Mentor` is shown: those with a line of their own below, and any other (a field
added later) under its own name, so a new field can never be left out of the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from mentorlog.domain import fields
from mentorlog.domain.models import Mentor

Line = tuple[str, str]
Producer = Callable[[Mentor, date], Iterator[Line]]

# Shown elsewhere on the card: the name is its title, the background its closing paragraph.
NOT_LINES = ("name", "background")


def _cadence(value: Any) -> str:
    return f"{value} ({value.describe()})"


def _known_since(m: Mentor, today: date) -> Iterator[Line]:
    if m.start:
        yield "known since", m.start.isoformat()
    if m.added and m.since and m.added != m.since:
        yield "added", m.added.isoformat()


def _status(m: Mentor, today: date) -> Iterator[Line]:
    status = m.status_on(today)
    if status != "paused":
        yield "status", status
        return
    yield "status", f"paused until {m.pause_end}"
    if m.paused_since:
        yield "paused since", m.paused_since.isoformat()


def _agreement(m: Mentor, today: date) -> Iterator[Line]:
    a = m.agreement
    if a is None:
        return
    parts = [f"agreed {a.agreed}" if a.agreed else "agreed"]
    if a.cadence:
        parts.append(f"meet {a.cadence.describe()}")
    if a.term:
        ends = a.term_ends()
        parts.append(f"for {a.term}" + (f" (until {ends})" if ends else ""))
    if a.review:
        parts.append(f"review on {a.review}")
    yield "agreement", ", ".join(parts)
    if a.confidentiality:
        yield "confidentiality", a.confidentiality
    if a.channels:
        yield "channels", ", ".join(a.channels)
    if a.bring:
        yield "you bring", a.bring


def _closure(m: Mentor, today: date) -> Iterator[Line]:
    closure = m.closure_on(today)
    if closure is None:
        return
    yield "closed", closure.closed.isoformat() if closure.closed else "yes"
    if closure.learned:
        yield "learned", closure.learned
    if closure.stays:
        yield "what stays", closure.stays


def _meetings(m: Mentor, today: date) -> Iterator[Line]:
    for meeting in sorted(m.meetings, key=lambda x: (x.date, x.at or "")):
        if meeting.status != "booked":
            continue
        when = " ".join(x for x in (meeting.date.isoformat(), meeting.at) if x)
        details = [meeting.kind]
        if meeting.minutes:
            details.append(f"{meeting.minutes} min")
        if meeting.where:
            details.append(meeting.where)
        text = f"{when} ({', '.join(details)})"
        yield "booked", text + (f": {meeting.agenda}" if meeting.agenda else "")
    others = [x for x in m.meetings if x.status != "booked"]
    if others:
        counts = {s: sum(x.status == s for x in others) for s in ("done", "cancelled")}
        yield "meetings", ", ".join(f"{n} {s}" for s, n in counts.items() if n)


def _one(name: str, label: str, show: Callable[[Any], str] = str) -> Producer:
    def line(m: Mentor, today: date) -> Iterator[Line]:
        value = getattr(m, name)
        if value:
            yield label, show(value)

    return line


def _joined(name: str, label: str) -> Producer:
    return _one(name, label, ", ".join)


def _role(m: Mentor, today: date) -> Iterator[Line]:
    role = ", ".join(x for x in (m.role, m.org) if x)
    if role:
        yield "role", role


def _shared(m: Mentor, today: date) -> Iterator[Line]:
    for doc in m.shared:
        yield "shared", f"{doc.what} ({doc.date or '—'})"


def _to_ask(m: Mentor, today: date) -> Iterator[Line]:
    for question in m.open_questions():
        yield "to ask", question.text


# The card, top to bottom: the fields each line shows, and how. The entry without a producer
# is where the facts from outside the mentor's file (sessions, last contact) go.
CARD: list[tuple[tuple[str, ...], Producer | None]] = [
    (("id",), _one("id", "id")),
    (("role", "org"), _role),
    (("email",), _one("email", "email")),
    (("stage",), _one("stage", "stage")),
    (("cadence",), _one("cadence", "cadence", _cadence)),
    (("at_most",), _one("at_most", "at most", _cadence)),
    (("since", "added"), _known_since),
    (("paused_until", "paused_since", "paused"), _status),
    (("ended",), _one("ended", "ended")),
    ((), None),
    (("phase",), _one("phase", "phase", lambda value: f"{value} (set by hand)")),
    (("tags",), _joined("tags", "tags")),
    (("strengths",), _joined("strengths", "strengths")),
    (("resume_sent",), _one("resume_sent", "resume sent")),
    (("ground_rules",), _one("ground_rules", "ground rules")),
    (("struggles_asked",), _one("struggles_asked", "struggles asked")),
    (
        ("not_applicable",),
        _one("not_applicable", "not applicable", lambda keys: ", ".join(keys).replace("_", " ")),
    ),
    (("agreement",), _agreement),
    (("snoozed_until",), _one("snoozed_until", "snoozed until")),
    (("meetings",), _meetings),
    (("shared",), _shared),
    (("questions",), _to_ask),
    (("closure",), _closure),
]


def lines(m: Mentor, today: date, extra: dict[str, str]) -> list[Line]:
    """The card's lines; `extra` are facts from outside the mentor's file. A field the card
    does not know yet is shown last, under its own name."""
    out: list[Line] = []
    for _covered, producer in CARD:
        out.extend(extra.items() if producer is None else producer(m, today))
    shown = {name for names, _ in CARD for name in names}
    for name in fields.names(Mentor):
        value = getattr(m, name)
        if name not in shown and name not in NOT_LINES and value not in (None, [], (), False):
            out.append((name.replace("_", " "), _words(fields.plain(value))))
    return out


def _words(value: Any) -> str:
    """A value with no line of its own, in plain words."""
    if isinstance(value, list):
        return ", ".join(_words(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {_words(item)}" for key, item in value.items() if item)
    return str(value)
