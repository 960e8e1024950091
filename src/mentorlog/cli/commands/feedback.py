"""`mentorlog feedback ...`: the feedback and weaknesses you are working on."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.option_table import FEEDBACK_LIST_ALL
from mentorlog.cli.options import DATE, JSON, DateOpt, JsonFlag, option

app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog feedback add 'Slides carry too much text' --from 'annual review' "
        "--skill presenting\n"
        "  mentorlog feedback list\n"
    ),
    no_args_is_help=True,
    help="Feedback and weaknesses you are working on; `brief` shows what a mentor can help with.",
)

ItemArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The item's id, a unique id prefix, or its first words.",
        show_default=False,
    ),
]


@app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="The feedback or weakness, in your own words.", show_default=False
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="SOURCE",
            help="Where it came from: a review, a colleague, a mentor.",
        ),
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill",
            metavar="TAG",
            help="A skill it is about, as a tag (repeatable); lessons with that #tag and "
            "reflections with that --skill count as work on it.",
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Write down feedback you received or a weakness you want to work on.

    \b
    Examples:
      mentorlog feedback add 'Slides carry too much text' --from 'annual review' --skill presenting
      mentorlog feedback add 'I say yes to every request' --skill delegation
    """
    from mentorlog.services import growth

    item = growth.add(context.writable_journal(ctx), context.today(), text, source, skill or ())
    if as_json:
        from mentorlog.render import workflow_json

        context.dump_json(workflow_json.feedback(item))
        return
    context.say(f"Added {item.id}")


@app.command("list")
def list_items(
    ctx: typer.Context,
    include_done: Annotated[bool, option(FEEDBACK_LIST_ALL)] = FEEDBACK_LIST_ALL.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List what you are working on, oldest first.

    \b
    Examples:
      mentorlog feedback list
      mentorlog feedback list --all --json
    """
    from mentorlog.cli.lists import feedback_list

    feedback_list(context.state(ctx).dir_option, include_done=include_done, as_json=as_json)


@app.command("done")
def done(
    ctx: typer.Context,
    item: ItemArg,
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Mark an item worked through (it stays in the journal).

    \b
    Examples:
      mentorlog feedback done slides-carry-too-much-text
    """
    from mentorlog.services import growth

    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    changed = growth.done(context.journal(ctx), item, on)
    if as_json:
        from mentorlog.render import workflow_json

        context.dump_json(workflow_json.feedback(changed))
        return
    context.say(f"Done: {changed.id} ({on})")
