"""`mentorlog meet ...`: meetings booked with a mentor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from mentorlog.cli import clock, complete, context
from mentorlog.cli.options import JSON, JsonFlag, MentorArg

if TYPE_CHECKING:
    from mentorlog.domain.models import Meeting


class _MeetGroup(TyperGroup):
    """`mentorlog meet MENTOR WHEN` is short for `mentorlog meet book MENTOR WHEN`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["book", *args]
        return list(super().parse_args(ctx, args))


app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog meet ruth tuesday --at 10:00 --for 45m --agenda 'council budget'\n"
        "  mentorlog meet list\n"
        "  mentorlog meet move ruth-2026-12-01 2026-12-03 --at 14:30\n"
        "  mentorlog meet cancel ruth-2026-12-01\n"
    ),
    cls=_MeetGroup,
    no_args_is_help=True,
    help="Book a meeting with a mentor: `mentorlog meet MENTOR WHEN --at 10:00`. A booked "
    "meeting counts as being in touch for `due` when it is near (by the outer limit or within "
    "a cadence), `brief` prepares it, and `session new` records "
    "it once it has happened.",
)

WhenArg = Annotated[
    str,
    typer.Argument(
        help="The day: YYYY-MM-DD, 'tomorrow', 'tuesday', 'in 2 weeks'.",
        metavar="WHEN",
        show_default=False,
    ),
]
AtOpt = Annotated[
    str | None,
    typer.Option("--at", help="Start time, 24-hour clock: 10:00, 9:30, 2pm.", metavar="TIME"),
]
MeetingArg = Annotated[
    str,
    typer.Argument(
        help="The meeting's id (see `meet list`), or it with the mentor's part shortened: ruth-2026-12-01.",
        metavar="ID",
        show_default=False,
        autocompletion=complete.meetings,
    ),
]


def _when(meeting: Meeting) -> str:
    return meeting.date.isoformat() + (f" {meeting.at}" if meeting.at else "")


def _say_or_dump(meeting: Any, as_json: bool, message: str) -> None:
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.meeting(meeting))
    else:
        context.say(message)


@app.command("book")
def book(
    ctx: typer.Context,
    mentor: MentorArg,
    when: WhenArg,
    at: AtOpt = None,
    length: Annotated[
        str | None,
        typer.Option("--for", help="How long: 45m, 1h, 1h30m.", metavar="LENGTH"),
    ] = None,
    where: Annotated[
        str | None, typer.Option("--where", help="Where, or the call link.", metavar="PLACE")
    ] = None,
    agenda: Annotated[
        str | None,
        typer.Option(
            "--agenda", help="What the meeting is for (the session's topic).", metavar="TEXT"
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind", "-k", help="The kind of session it will be.", autocompletion=complete.kinds
        ),
    ] = "check-in",
    as_json: JsonFlag = JSON.default,
) -> None:
    """Book a meeting (short form: `mentorlog meet MENTOR WHEN`). Refused in the past, more
    than two years ahead, or at a time already booked with the mentor.

    \b
    Examples:
      mentorlog meet book ruth 2026-12-01 --at 10:00 --for 45m --where Zoom
      mentorlog meet ruth friday --at 2pm --agenda 'first council budget'
    """
    from mentorlog.services import meetings

    now = clock.now()
    day = context.parse_date_option(when, now.date(), "meeting date", "future")
    assert day is not None
    booking = meetings.Booking(mentor, day, at, length, where, agenda, kind)
    m, meeting = meetings.book(context.journal(ctx), booking, now)
    context.echo_resolved(when, day, "meeting date")
    _say_or_dump(
        meeting,
        as_json,
        f"Booked {meeting.id}: {meeting.kind} with {m.name} on {_when(meeting)}. "
        f"Prepare with `mentorlog brief {m.id}`.",
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    show_all: Annotated[
        bool,
        typer.Option("--all", "-a", help="Include booked meetings whose day has passed."),
    ] = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List booked meetings, soonest first.

    \b
    Examples:
      mentorlog meet list
      mentorlog meet list --json
    """
    from mentorlog.services import meetings

    today = context.today()
    snapshot = context.load(ctx)
    items = meetings.listing(snapshot.mentors.values(), today, include_past=show_all)
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json([render_json.meeting(i.meeting) | {"mentor": i.mentor.id} for i in items])
        return
    if not items:
        context.say("No meetings booked. Book one with `mentorlog meet MENTOR WHEN --at HH:MM`.")
        return
    from mentorlog.render import meetings as render_meetings

    context.out().print(render_meetings.listing(items, today))


@app.command("move")
def move(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    when: WhenArg,
    at: AtOpt = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Move a booked meeting to another day (and time). It keeps its id.

    \b
    Examples:
      mentorlog meet move ruth-2026-12-01 2026-12-03
      mentorlog meet move ruth-2026-12-01 thursday --at 14:30
    """
    from mentorlog.services import meetings

    now = clock.now()
    day = context.parse_date_option(when, now.date(), "meeting date", "future")
    assert day is not None
    m, meeting = meetings.move(context.journal(ctx), meeting_id, day, at, now)
    context.echo_resolved(when, day, "meeting date")
    _say_or_dump(meeting, as_json, f"Moved {meeting.id} with {m.name} to {_when(meeting)}")


@app.command("cancel")
def cancel(ctx: typer.Context, meeting_id: MeetingArg, as_json: JsonFlag = JSON.default) -> None:
    """Cancel a booked meeting. It stays in the mentor's file, marked cancelled.

    \b
    Examples:
      mentorlog meet cancel ruth-2026-12-01
    """
    from mentorlog.services import meetings

    m, meeting = meetings.cancel(context.journal(ctx), meeting_id)
    _say_or_dump(meeting, as_json, f"Cancelled {meeting.id} with {m.name} on {_when(meeting)}")
