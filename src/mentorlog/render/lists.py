"""The listings (`mentor list`, `goal list`, `action list`, `reflection list`, `ask list`,
`feedback list`) as plain data:
what each row says, built once. rich draws them on a terminal (render.tables.from_listing);
into a pipe render.plain_table writes them, without rich."""

from __future__ import annotations

from mentorlog.domain.labels import mentor_labels
from mentorlog.render.plain_table import Listing, listing

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from mentorlog.domain.growth import Feedback
    from mentorlog.domain.models import Goal, Mentor, Reflection
    from mentorlog.services.actions import Listed
    from mentorlog.services.questions import QueuedQuestion


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def mentors(items: Iterable[Mentor], today: date, default_cadence: str) -> Listing:
    result = listing("id", "stage", "cadence", "status", "who")
    for m in items:
        status = m.status_on(today)
        if status == "paused":
            status = f"paused until {m.pause_end}"
        result.add(
            m.id,
            m.stage or "—",
            str(m.cadence) if m.cadence else f"{default_cadence} (default)",
            status,
            ", ".join(x for x in (m.name, m.role, m.org) if x),
            style="dim" if status != "active" else "",
        )
    return result


def goals(items: Iterable[Goal], mentor_names: dict[str, str]) -> Listing:
    # Progress notes are long: `goal show` has them. A * marks a goal reached on your own.
    result = listing("id", "status", "target", "title")
    labels = mentor_labels(mentor_names)
    for g in items:
        names = ", ".join(labels.get(i, i) for i in g.mentors)
        result.add(
            g.id,
            g.status + ("*" if g.independently else ""),
            _d(g.target),
            g.title + (f" (with {names})" if names else ""),
            style="dim" if not g.is_open else "",
        )
    return result


def actions(
    items: Iterable[Listed], names: dict[str, str], today: date, show_done: bool
) -> Listing:
    result = listing("id", "mentor", "age", "action", *(["done"] if show_done else []))
    for listed in items:
        a = listed.action
        row = [
            a.id,
            names.get(listed.session.mentor, listed.session.mentor),
            f"{listed.age_days(today)}d",
            a.text or "(empty)",
        ]
        if show_done:
            outcome = f": {a.outcome}" if a.outcome else ""
            row.append(f"{a.done_on or 'yes'}{outcome}" if a.done else "—")
        result.add(*row, style="dim" if a.done else "")
    return result


def reflections(items: Iterable[Reflection], names: dict[str, str]) -> Listing:
    result = listing("id", "date", "mentor", "session", "goals")
    for r in items:
        result.add(
            r.id,
            r.date.isoformat(),
            names.get(r.mentor, r.mentor) if r.mentor else "—",
            r.session or "—",
            ", ".join(r.goals) or "—",
        )
    return result


def questions(items: Iterable[QueuedQuestion], show_mentor: bool) -> Listing:
    columns = ("mentor", "#", "question", "added", "discussed")
    result = listing(*(columns if show_mentor else columns[1:]))
    for q in items:
        row = [
            str(q.number) if q.number is not None else "—",
            q.text,
            _d(q.added),
            _d(q.done) if q.done else "",
        ]
        if show_mentor:
            row.insert(0, q.mentor)
        result.add(*row, style="dim" if q.done else "")
    return result


def feedback(items: Iterable[Feedback]) -> Listing:
    result = listing("id", "what", "from", "skills", "added", title="What you are working on")
    for item in items:
        result.add(
            item.id,
            item.text,
            item.source or "",
            ", ".join(f"#{s}" for s in item.skills),
            _d(item.added) + (f" (done {_d(item.done)})" if item.done else ""),
            style="dim" if item.done else "",
        )
    return result
