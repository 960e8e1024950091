"""`mentorlog export` and `mentorlog calendar`: the journal, or part of it, as Markdown, JSON
or iCalendar. The export goes to stdout (messages to stderr, so a pipe gets only the export) or
to a new private file with -o."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.delivery import check_output, deliver, deliver_pieces
from mentorlog.cli.options import MENTOR_FILTER, MentorFilter
from mentorlog.domain.dates import PAST

if TYPE_CHECKING:
    from datetime import date

    from mentorlog.journal.reader import Snapshot

Format = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        autocompletion=complete.export_formats,
        help="markdown, json or ics (iCalendar).",
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this new file (mode 0600) instead of stdout.",
        dir_okay=False,
        show_default=False,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Replace the -o file if it exists.")]
Since = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Only records on or after this date.")
]
Until = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Only records on or before this date.")
]
IncludeConfidential = Annotated[
    bool,
    typer.Option(
        "--include-confidential",
        help="Include sessions and reflections marked confidential (left out by default).",
    ),
]
AsTodo = Annotated[
    bool,
    typer.Option("--as-todo", help="iCalendar: next check-ins as tasks (VTODO) with a due day."),
]
Repeat = Annotated[
    bool, typer.Option("--repeat", help="iCalendar: repeat each check-in at the mentor's cadence.")
]
Alarm = Annotated[
    str | None,
    typer.Option(
        "--alarm",
        metavar="BEFORE",
        help="iCalendar: a reminder this long before each check-in and meeting (30m, 2h, 1d).",
    ),
]
IncludeSessions = Annotated[
    bool,
    typer.Option(
        "--include-sessions", help="iCalendar: add past sessions as events (no notes in them)."
    ),
]


def export(
    ctx: typer.Context,
    fmt: Format = "markdown",
    mentor: MentorFilter = MENTOR_FILTER.default,
    since: Since = None,
    until: Until = None,
    output: Output = None,
    force: Force = False,
    include_confidential: IncludeConfidential = False,
    for_mentor: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="MENTOR",
            help="A Markdown summary to send this mentor: only your goals and sessions with them.",
            autocompletion=complete.mentors,
        ),
    ] = None,
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            metavar="GROUPING",
            autocompletion=complete.export_groupings,
            help="Markdown: sessions by 'mentor' or by 'date'.",
        ),
    ] = "mentor",
    as_todo: AsTodo = False,
    repeat: Repeat = False,
    include_sessions: IncludeSessions = False,
    alarm: Alarm = None,
) -> None:
    """Export the journal (or part of it) as Markdown, JSON or iCalendar.

    Confidential sessions and reflections are left out unless --include-confidential is given;
    the export says how many it left out.

    \b
    Examples:
      mentorlog export -o journal.md
      mentorlog export --format json --include-confidential -o backup.json
      mentorlog export --for ruth > for-ruth.md
    """
    from mentorlog.errors import UsageError
    from mentorlog.services import export as export_service
    from mentorlog.services import resolve

    chosen = export_service.check_format(fmt)
    if group_by not in ("mentor", "date"):
        raise UsageError(f"--group-by {group_by!r} is not known", "use mentor or date")
    if chosen != "ics" and (as_todo or repeat or include_sessions or alarm is not None):
        raise UsageError(
            "--as-todo, --repeat, --include-sessions and --alarm are for iCalendar",
            "add --format ics",
        )
    if for_mentor is not None and chosen != "markdown":
        raise UsageError("--for writes a Markdown summary", "leave out --format or use markdown")
    if for_mentor is not None and mentor is not None:
        raise UsageError("--for and --mentor cannot be combined", "--for already picks the mentor")
    check_output(output, force)
    today = context.today()
    # Without details: each session is read in full only as it is written out.
    snapshot = context.load(ctx, details=False)
    filters = export_service.Filters(
        mentor=resolve.mentor(snapshot.mentors, mentor).id if mentor is not None else None,
        since=context.resolve_date(since, today, "since", PAST),
        until=context.resolve_date(until, today, "until", PAST),
        include_confidential=include_confidential,
    )
    export_service.check_period(filters)
    if chosen == "ics":
        if since is not None or until is not None:
            raise UsageError("--since and --until do not apply to a calendar", "leave them out")
        data = _calendar_bytes(
            snapshot, today, filters.mentor, as_todo, repeat, include_sessions, alarm
        )
        deliver(ctx, data, output, force)
        return

    from mentorlog.render import export as render_export

    if for_mentor is not None:
        chosen_mentor = resolve.mentor(snapshot.mentors, for_mentor)
        theirs = context.journal(ctx).one_mentor_in_full(snapshot, chosen_mentor.id)
        summary = export_service.summary_for(theirs, chosen_mentor.id, today, filters)
        _report_omitted(summary.omitted_confidential)
        deliver(ctx, render_export.summary_markdown(summary).encode("utf-8"), output, force)
        return
    if chosen == "json":
        chosen_records = export_service.select(snapshot, filters, today)
        _report_omitted(chosen_records.omitted_confidential)
        journal = context.journal(ctx)
        context.warn_problems(export_service.with_feedback(journal, chosen_records))
        sessions = export_service.in_full_with_bodies(journal, snapshot, chosen_records.sessions)
        reflections = export_service.with_bodies(
            journal, snapshot, "reflection", chosen_records.reflections
        )
        pieces = render_export.journal_json_chunks(chosen_records, sessions, reflections)
        deliver_pieces(ctx, pieces, output, force)
        return
    chosen_records = export_service.select(snapshot, filters, today)
    _report_omitted(chosen_records.omitted_confidential)
    journal = context.journal(ctx)

    def with_bodies(kind: str, records: Iterable[Any]) -> Iterator[export_service.WithBody]:
        return export_service.with_bodies(journal, snapshot, kind, records)

    pieces = render_export.journal_markdown(
        chosen_records,
        with_bodies,
        journal.in_full(snapshot, chosen_records.sessions),
        group_by,
    )
    deliver_pieces(ctx, pieces, output, force)


def calendar(
    ctx: typer.Context,
    mentor: MentorFilter = MENTOR_FILTER.default,
    output: Output = None,
    force: Force = False,
    as_todo: AsTodo = False,
    repeat: Repeat = False,
    include_sessions: IncludeSessions = False,
    alarm: Alarm = None,
) -> None:
    """Your next check-ins and booked meetings as an iCalendar file to import (same as
    `export --format ics`).

    Each mentor's check-in and each meeting keeps the same UID, so importing a newer file moves
    the event instead of adding a second one. A check-in falls on the day `due` shows the
    mentor again (after a pause or a snooze); the day they would lapse, past their limit, is a
    second event, marked cancelled once the check-in itself is already that late.

    \b
    Examples:
      mentorlog calendar -o ~/mentor-checkins.ics
      mentorlog calendar --repeat --alarm 1d --force -o ~/mentor-checkins.ics
    """
    from mentorlog.services import resolve

    check_output(output, force)
    today = context.today()
    snapshot = context.load(ctx)
    mentor_id = resolve.mentor(snapshot.mentors, mentor).id if mentor is not None else None
    data = _calendar_bytes(snapshot, today, mentor_id, as_todo, repeat, include_sessions, alarm)
    deliver(ctx, data, output, force)


def _calendar_bytes(
    snapshot: Snapshot,
    today: date,
    mentor_id: str | None,
    as_todo: bool,
    repeat: bool,
    include_sessions: bool,
    alarm: str | None,
) -> bytes:
    from mentorlog.cli import clock
    from mentorlog.render import ics
    from mentorlog.services import calendar as calendar_service

    before = calendar_service.parse_alarm(alarm) if alarm is not None else None
    items = calendar_service.next_check_ins(snapshot, today, repeat=repeat, mentor=mentor_id)
    items += calendar_service.booked_meetings(snapshot, today, mentor=mentor_id)
    if include_sessions:
        items += calendar_service.past_sessions(snapshot, today, mentor=mentor_id)
    if not items:
        context.say("No active mentors: the calendar has no check-ins.")
    return ics.to_ics(items, clock.utc_now(), as_todo=as_todo, alarm=before)


def _report_omitted(count: int) -> None:
    if count:
        context.say(
            f"Left out {count} confidential record{'s' if count != 1 else ''} "
            "(--include-confidential includes them)."
        )
