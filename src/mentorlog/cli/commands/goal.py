"""`mentorlog goal ...`"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.option_table import GOAL_LIST_ALL, GOAL_LIST_MENTOR
from mentorlog.cli.options import DATE, JSON, YES, DateOpt, GoalArg, JsonFlag, Yes, option
from mentorlog.domain.dates import FUTURE
from mentorlog.errors import UsageError

app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog goal add 'Learn to delegate' --mentor tomas\n"
        "  mentorlog goal progress learn 'Handed over the report.'\n"
    ),
    no_args_is_help=True,
)

Mentors = Annotated[
    list[str] | None,
    typer.Option(
        "--mentor",
        "-m",
        metavar="MENTOR",
        help="A mentor you work on it with (repeatable).",
        autocompletion=complete.mentors,
    ),
]
Note = Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="What came of it.")]


def _emit(g: Any, as_json: bool, message: str) -> None:
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.goal(g))
    else:
        context.say(message)


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[
        str, typer.Argument(help="What you want, in a few words.", show_default=False)
    ],
    why: Annotated[
        str | None,
        typer.Option("--why", metavar="TEXT", help="What you want out of it, and why it matters."),
    ] = None,
    mentor: Mentors = None,
    target: Annotated[
        str | None, typer.Option("--target", metavar="DATE", help="When you want to get there.")
    ] = None,
    success: Annotated[
        str | None,
        typer.Option("--success", metavar="TEXT", help="How you will know you got there."),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Write down a goal, before a first call or any time.

    \b
    Examples:
      mentorlog goal add 'Learn to delegate' --mentor tomas --target 2027-06-30
      mentorlog goal add 'Present the budget to council' --why 'Own the numbers'
    """
    from mentorlog.services import goals
    from mentorlog.services.records import clean_line

    today = context.today()
    new = goals.NewGoal(
        title=title,
        why=why,
        mentors=tuple(mentor or ()),
        target=context.resolve_date(target, today, "target", FUTURE),
        success=success,
    )
    # Bad input must not create a journal; a goal linked to a mentor needs one that has them.
    clean_line(title, "a goal's title", required=True, limit=200)
    journal = context.journal(ctx) if mentor else context.writable_journal(ctx)
    g = goals.add(journal, today, new)
    _emit(g, as_json, f"Added goal {g.id}")


@app.command("list")
def list_(
    ctx: typer.Context,
    show_all: Annotated[bool, option(GOAL_LIST_ALL)] = GOAL_LIST_ALL.default,
    mentor: Annotated[str | None, option(GOAL_LIST_MENTOR)] = GOAL_LIST_MENTOR.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List open goals (--all for every goal).

    \b
    Examples:
      mentorlog goal list
      mentorlog goal list --mentor ruth --json
    """
    from mentorlog.cli.lists import goal_list

    goal_list(context.state(ctx).dir_option, show_all=show_all, mentor=mentor, as_json=as_json)


@app.command("show")
def show(ctx: typer.Context, goal: GoalArg, as_json: JsonFlag = JSON.default) -> None:
    """Show one goal with its progress.

    \b
    Examples:
      mentorlog goal show learn-to-delegate
      mentorlog goal show learn
    """
    from mentorlog.services import resolve

    snapshot = context.load(ctx)
    g = resolve.goal(snapshot.goals, goal)
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.goal(g))
        return
    from mentorlog.render import tables as render

    names = {m.id: m.name for m in snapshot.mentors.values()}
    context.out().print(render.goal(g, names, context.today()))


@app.command("progress")
def progress(
    ctx: typer.Context,
    goal: GoalArg,
    note: Annotated[str, typer.Argument(help="What moved.", show_default=False)],
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Add a dated progress note to a goal.

    \b
    Examples:
      mentorlog goal progress learn 'Handed the weekly report to Sam.'
    """
    from mentorlog.services import goals

    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    g = goals.add_progress(context.journal(ctx), goal, on, note)
    _emit(g, as_json, f"Noted progress on {g.id} ({on})")


@app.command("done")
def done(
    ctx: typer.Context,
    goal: GoalArg,
    note: Note = None,
    independently: Annotated[
        bool,
        typer.Option("--independently", help="You got there on your own, without asking for help."),
    ] = False,
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Mark a goal reached.

    \b
    Examples:
      mentorlog goal done learn --note 'The team runs the report without me.'
    """
    from mentorlog.services import goals

    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    g = goals.close(context.journal(ctx), goal, "done", on, note, independently)
    thanks = (
        "" if not g.mentors else " Consider thanking the mentors who helped: `mentorlog thank`."
    )
    _emit(g, as_json, f"Goal {g.id} reached on {on}." + thanks)


@app.command("drop")
def drop(
    ctx: typer.Context,
    goal: GoalArg,
    note: Note = None,
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Let go of a goal (it stays in the journal).

    \b
    Examples:
      mentorlog goal drop negotiate --note 'The post was reclassified anyway.'
    """
    from mentorlog.services import goals

    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    g = goals.close(context.journal(ctx), goal, "dropped", on, note)
    _emit(g, as_json, f"Dropped goal {g.id}")


@app.command("reopen")
def reopen(ctx: typer.Context, goal: GoalArg, as_json: JsonFlag = JSON.default) -> None:
    """Open a done or dropped goal again.

    \b
    Examples:
      mentorlog goal reopen learn
    """
    from mentorlog.services import goals

    g = goals.reopen(context.journal(ctx), goal)
    _emit(g, as_json, f"Reopened goal {g.id}")


@app.command("link")
def link(
    ctx: typer.Context,
    goal: GoalArg,
    mentor: Mentors = None,
    unlink: Annotated[
        list[str] | None,
        typer.Option(
            "--unlink",
            metavar="MENTOR",
            help="Unlink a mentor (repeatable).",
            autocompletion=complete.mentors,
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Link mentors to a goal (or unlink them).

    \b
    Examples:
      mentorlog goal link learn --mentor ruth
      mentorlog goal link learn --unlink walter
    """
    from mentorlog.services import goals

    if not mentor and not unlink:
        raise UsageError("nothing to link", "give --mentor or --unlink")
    g = goals.link(context.journal(ctx), goal, tuple(mentor or ()), tuple(unlink or ()))
    _emit(g, as_json, f"Goal {g.id} is linked to: {', '.join(g.mentors) or 'no mentor'}")


@app.command("edit")
def edit(ctx: typer.Context, goal: GoalArg) -> None:
    """Open the goal's file in $EDITOR; it is checked before it is saved.

    \b
    Examples:
      mentorlog goal edit learn
    """
    from mentorlog.cli.editing import edit_record
    from mentorlog.services import resolve

    journal = context.journal(ctx)
    g = resolve.goal(context.load(ctx).goals, goal, deciding=True)
    edit_record(journal, "goal", g.id, journal.path_for("goal", g.id))


@app.command("rm")
def rm(ctx: typer.Context, goal: GoalArg, yes: Yes = YES.default) -> None:
    """Delete a goal's file.

    \b
    Examples:
      mentorlog goal rm learn
    """
    from mentorlog.services import goals, resolve

    journal = context.journal(ctx)
    g = resolve.goal(context.load(ctx).goals, goal, deciding=True)
    context.confirm(f"Delete goal {g.id}?", yes)
    goals.remove(journal, g.id)
    context.say(f"Deleted goal {g.id}")
