"""`mentorlog thank MENTOR`: record a thank-you. It is a contact like any other, so it counts
for `due`, and it closes the reminders about thanks owed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.options import DATE, JSON, DateOpt, JsonFlag, MentorArg

if TYPE_CHECKING:
    from mentorlog.journal.storage import Journal


def thank(
    ctx: typer.Context,
    mentor: MentorArg,
    date: DateOpt = DATE.default,
    how: Annotated[
        str | None,
        typer.Option(
            "--how", metavar="TEXT", help="How you said it: 'handwritten note', email, in person."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="What you thanked them for.")
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Record a thank-you to a mentor (a session of kind "thanks").

    \b
    Examples:
      mentorlog thank ruth --how 'handwritten note' --note 'the council rehearsal'
      mentorlog thank tomas --date yesterday
    """
    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    record(context.writable_journal(ctx), today, mentor, on, how, note, as_json)


def record(
    journal: Journal,
    today: date,
    mentor: str,
    on: date,
    how: str | None,
    note: str | None,
    as_json: bool = False,
) -> None:
    """Record a thank-you, say so and run the `session-new` hook: `thank`, and the closure
    walk of `mentor end`."""
    from mentorlog.cli import lean
    from mentorlog.render import json as render_json
    from mentorlog.services import sessions

    new = sessions.NewSession(
        mentor=mentor,
        date=on,
        kind="thanks",
        topic="Thank-you" + (f" ({how.strip()})" if how and how.strip() else ""),
        notes=note,
        how=how,
    )
    session = sessions.record(journal, today, new)
    if as_json:
        context.dump_json(render_json.session(session, today))
    else:
        context.say(f"Recorded a thank-you to {session.mentor} on {on} as {session.id}")
    lean.run_hook("session-new", journal, lambda: render_json.session(session, today))
