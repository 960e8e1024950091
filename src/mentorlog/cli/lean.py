"""Commands run dozens of times a day, written so they import neither typer nor rich nor
pydantic. The typer commands and the fast path both call these, so they behave the same."""

from __future__ import annotations

import sys

from mentorlog.cli.messages import (
    HAPPENED,
    resolve_date,
    say,
    terminal_width,
    use_colour,
    warn_problems,
)

# `mentorlog path` comes through here: typing and datetime only where an answer needs them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date as Day
    from typing import Any

    from mentorlog.domain.models import Problem, Session
    from mentorlog.domain.schedule import DueReport, DueRow
    from mentorlog.journal.storage import Journal
    from mentorlog.services.sessions import NewSession


def path(dir_option: str | None) -> int:
    from mentorlog.journal.location import locate

    sys.stdout.write(f"{locate(dir_option)}\n")
    return 0


def due(
    dir_option: str | None,
    *,
    as_json: bool,
    show_all: bool,
    quiet: bool,
    within: str | None,
    as_of: str | None,
) -> int:
    """Exit 0, or with --quiet: 0 when something is due and 1 when nothing is."""
    from mentorlog.cli import clock
    from mentorlog.domain.dates import parse_window
    from mentorlog.journal.layout import locate
    from mentorlog.journal.storage import Journal
    from mentorlog.services import due as service

    today = clock.today()
    day = resolve_date(as_of, today, "as of") or today
    window = parse_window(within) if within is not None else None
    journal = Journal(locate(dir_option))
    from mentorlog.cli.progress import Progress

    progress = Progress("Reading the journal") if not quiet and not as_json else None
    try:
        report, names, problems, upcoming = service.report(
            journal, day, window=window, include_all=show_all, on_progress=progress
        )
    finally:
        if progress is not None:
            progress.finish()
    if quiet:
        # A file that could not be read may hide someone who is due: never an all-clear then.
        return 0 if report.needs_attention or problems else 1
    warn_problems(problems)

    def as_data() -> Any:
        from mentorlog.render import json as render_json

        return render_json.due(report, names, problems)

    if as_json:
        from mentorlog.render import json as render_json

        render_json.emit(as_data())
    else:
        _say_due(report, names, problems, upcoming)
    # Not for --as-of, a look at another day, nor --quiet, the check a prompt or script runs.
    if report.needs_attention and as_of is None:
        run_hook("due", journal, as_data)
    return 0


def _say_due(
    report: DueReport, names: dict[str, str], problems: list[Problem], upcoming: DueRow | None
) -> None:
    from mentorlog.render import plain as render_plain

    if report.rows or report.needs_attention:
        text = render_plain.due(report, names, use_colour(sys.stdout), terminal_width(0))
        sys.stdout.write(text)
    if problems:
        say(render_plain.unreadable(len(problems)))
    elif not any(not r.ended for r in report.rows):
        horizon = report.window
        span = (
            "today"
            if horizon.count == 0
            else f"in the next {horizon.describe().removeprefix('every ')}"
        )
        say(render_plain.nothing_due(report, upcoming, span))


# --- session new ----------------------------------------------------------------------------


def new_session_request(
    *,
    mentor: str,
    date: str | None,
    kind: str,
    topic: str | None,
    goals: Sequence[str],
    notes: str | None,
    actions: Sequence[str],
    lessons: Sequence[str],
    confidential: bool,
    how: str | None,
    discussed: Sequence[str],
    advice: Sequence[str] = (),
) -> tuple[Day, NewSession]:
    """Today and the request `session new` makes of its options (`--notes -` already read)."""
    from mentorlog.cli import clock
    from mentorlog.domain.models import check_kind
    from mentorlog.services import sessions

    today = clock.today()
    on = resolve_date(date, today, "session date", HAPPENED) or today
    return today, sessions.NewSession(
        mentor=mentor,
        date=on,
        kind=check_kind(kind),
        topic=topic,
        goals=tuple(goals),
        notes=notes,
        actions=tuple(actions),
        lessons=tuple(lessons),
        advice=tuple(advice),
        confidential=confidential,
        how=how,
        discussed=tuple(discussed),
        from_meeting=date is None,
    )


def writable_journal(dir_option: str | None) -> Journal:
    """The journal, created on the first write (and said so on stderr)."""
    from mentorlog.journal.layout import locate
    from mentorlog.journal.storage import Journal

    return created(Journal(locate(dir_option)))


def created(target: Journal) -> Journal:
    """`target`, created if it is not there yet (and said so on stderr)."""
    from mentorlog.services import journal as journal_service

    if journal_service.ensure(target):
        say(f"Created a new journal at {target.root}")
    return target


def run_hook(event: str, journal: Journal, payload: Callable[[], Any]) -> None:
    """Run the person's hook for `event` (user/hooks.py) with `payload()` as JSON; what it says and
    whether it failed are lines on stderr, never the command's exit status."""
    from mentorlog.user import hooks

    def as_json() -> str:
        from mentorlog.render import json as render_json

        return render_json.dumps(payload())

    for line in hooks.run(event, journal.root, as_json):
        say(line)


def report_new_session(journal: Journal, saved: Session, today: Day, as_json: bool) -> None:
    """What `session new` prints once the session is written, then its hook."""
    from mentorlog.render import json as render_json

    if as_json:
        render_json.emit(render_json.session(saved, today))
    else:
        _say_new_session(journal, saved)
    run_hook("session-new", journal, lambda: render_json.session(saved, today))


def _say_new_session(journal: Journal, saved: Session) -> None:
    rel = journal.rel(journal.path_for("session", saved.id))
    say(f"Recorded {saved.kind} {saved.id} ({rel})")
    if saved.discussed:
        from mentorlog.domain.wording import count_of

        say(f"Marked {count_of(len(saved.discussed), 'queued question')} discussed")
    if saved.kind in ("check-in", "question", "intro"):
        say(f"Reflect on it while it is fresh: `mentorlog reflect --session {saved.id}`")


def session_new(
    dir_option: str | None,
    *,
    mentor: str,
    date: str | None,
    kind: str,
    topic: str | None,
    goals: Sequence[str] | None,
    notes: str | None,
    actions: Sequence[str] | None,
    lessons: Sequence[str] | None,
    advice: Sequence[str] | None,
    confidential: bool,
    how: str | None,
    discussed: Sequence[str] | None,
    as_json: bool,
) -> int:
    """`session new` with its text on the command line: no editor, no stdin."""
    from mentorlog.services import sessions

    today, request = new_session_request(
        mentor=mentor,
        date=date,
        kind=kind,
        topic=topic,
        goals=goals or (),
        notes=notes,
        actions=actions or (),
        lessons=lessons or (),
        advice=advice or (),
        confidential=confidential,
        how=how,
        discussed=discussed or (),
    )
    journal = writable_journal(dir_option)
    saved = sessions.record(journal, today, request)
    report_new_session(journal, saved, today, as_json)
    return 0
