"""`mentorlog due`: read the journal, ask the schedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from mentorlog.domain.dates import Cadence
from mentorlog.domain.models import Problem
from mentorlog.domain.schedule import REFLECTION_LOOKBACK_DAYS, DueReport, DueRow, due
from mentorlog.journal.storage import Journal


def report(
    journal: Journal,
    today: date,
    *,
    window: Cadence | None = None,
    include_all: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[DueReport, dict[str, str], list[Problem], DueRow | None]:
    """The due report, mentor names, unreadable files, and (when nobody is due) who is next."""
    # Only open actions, no lessons, and old sessions summed up when the index allows: what
    # `due` shows, at a fraction of the time and memory.
    snapshot = journal.load(
        on_progress=on_progress,
        summarise_before=today - timedelta(days=REFLECTION_LOOKBACK_DAYS),
    )
    settings = snapshot.settings
    chosen = window if window is not None else settings.due_within
    arguments = {
        "today": today,
        "default_cadence": settings.default_cadence,
        "window": chosen,
        "reflect_within": settings.reflect_within,
        "earlier": snapshot.earlier,
        "settings": settings,
    }
    result = due(
        snapshot.mentors.values(),
        snapshot.sessions,
        snapshot.reflections,
        snapshot.goals.values(),
        include_all=include_all,
        stalled_after=settings.stalled_after,
        **arguments,  # type: ignore[arg-type]
    )
    upcoming = None
    if not result.rows:
        everyone = due(
            snapshot.mentors.values(),
            snapshot.sessions,
            (),
            (),
            include_all=True,
            **arguments,  # type: ignore[arg-type]
        )
        active = [r for r in everyone.rows if not r.ended]
        upcoming = min(active, key=lambda r: r.next_due) if active else None
    names = {m.id: m.name for m in snapshot.mentors.values()}
    return result, names, snapshot.problems, upcoming
