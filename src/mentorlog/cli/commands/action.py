"""`mentorlog action ...`: the `- [ ]` lines of your session notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.option_table import ACTION_LIST_ALL
from mentorlog.cli.options import DATE, JSON, MENTOR_FILTER, DateOpt, JsonFlag, MentorFilter, option

if TYPE_CHECKING:
    from datetime import date

    from mentorlog.services.actions import Listed

app = typer.Typer(
    epilog=("\b\nExamples:\n  mentorlog action list\n  mentorlog action done 2026-11-19-tomas#1\n"),
    no_args_is_help=True,
)

ActionArg = Annotated[
    str,
    typer.Argument(
        help="Action id: SESSION#N, where SESSION may be a unique prefix of the session id.",
        autocompletion=complete.actions,
        show_default=False,
    ),
]


def _emit(listed: Listed, today: date, as_json: bool, message: str) -> None:
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(
            render_json.action(listed.action, listed.session.mentor, listed.session.date, today)
        )
    else:
        context.say(message)


@app.command("list")
def list_(
    ctx: typer.Context,
    show_all: Annotated[bool, option(ACTION_LIST_ALL)] = ACTION_LIST_ALL.default,
    mentor: MentorFilter = MENTOR_FILTER.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List open action items across all sessions, oldest first.

    \b
    Examples:
      mentorlog action list
      mentorlog action list --mentor tomas
    """
    from mentorlog.cli.lists import action_list

    action_list(context.state(ctx).dir_option, show_all=show_all, mentor=mentor, as_json=as_json)


@app.command("done")
def done(
    ctx: typer.Context,
    action: ActionArg,
    notes: Annotated[
        list[str] | None,
        typer.Option(
            "--note",
            "--outcome",
            "-n",
            metavar="TEXT",
            help="What came of it: the result you saw (due then reminds you to tell the mentor "
            "whose advice it acted on). Give it once.",
            show_default=False,
        ),
    ] = None,
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Tick an action item, with the date and what came of it.

    \b
    Examples:
      mentorlog action done 2026-11-19-tomas#1 --note 'Sam runs the report now.'
      mentorlog action done 2026-11-19-tomas#2 --outcome 'The council quoted it back.'
    """
    from mentorlog.services import actions

    note = actions.one_outcome(notes or [])
    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    journal = context.journal(ctx)
    on_advice = note is None and actions.find(journal.load(), action).action.acts_on is not None
    if on_advice and context.is_interactive():
        # Acting on advice is worth reporting back: ask now, while it is fresh.
        note = typer.prompt("What came of it? (Enter to leave it out)", default="") or None
    listed = actions.done(journal, action, on, note)
    _emit(listed, today, as_json, f"Done: {listed.action.id} ({on})")
    if on_advice and listed.action.outcome is None and not as_json:
        context.say(
            "It acts on advice: to be reminded to tell your mentor how it went, write what "
            f"came of it: `mentorlog action reopen {listed.action.id}`, then "
            f"`mentorlog action done {listed.action.id} --outcome TEXT`"
        )
    from mentorlog.cli import lean
    from mentorlog.render import json as render_json

    lean.run_hook(
        "action-done",
        journal,
        lambda: render_json.action(
            listed.action, listed.session.mentor, listed.session.date, today
        ),
    )


@app.command("reopen")
def reopen(ctx: typer.Context, action: ActionArg, as_json: JsonFlag = JSON.default) -> None:
    """Open a ticked action item again.

    \b
    Examples:
      mentorlog action reopen 2026-11-19-tomas#1
    """
    from mentorlog.services import actions

    listed = actions.reopen(context.journal(ctx), action)
    _emit(listed, context.today(), as_json, f"Reopened {listed.action.id}")


@app.command("add")
def add(
    ctx: typer.Context,
    session: Annotated[
        str,
        typer.Argument(
            help="Session id or unique id prefix.",
            autocompletion=complete.sessions,
            show_default=False,
        ),
    ],
    text: Annotated[str, typer.Argument(help="What you will do.", show_default=False)],
    acts_on: Annotated[
        int | None,
        typer.Option(
            "--acts-on",
            metavar="N",
            min=1,
            help="The number of the session's advice it acts on (adds '(advice N)' to it).",
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Add an action item to a session.

    \b
    Examples:
      mentorlog action add 2026-11-19-tomas 'Book the follow-up'
      mentorlog action add 2026-11-19-tomas 'Ask Sam to run the report' --acts-on 1
    """
    from mentorlog.services import actions

    listed = actions.add(context.journal(ctx), session, text, acts_on)
    _emit(listed, context.today(), as_json, f"Added {listed.action.id}")
