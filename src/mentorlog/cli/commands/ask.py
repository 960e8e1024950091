"""`mentorlog ask ...`: questions and topics to bring to the next call with a mentor."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mentorlog.cli import context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.option_table import ASK_LIST_ALL
from mentorlog.cli.options import (
    DATE,
    JSON,
    MENTOR_FILTER,
    DateOpt,
    JsonFlag,
    MentorArg,
    MentorFilter,
    option,
)


class _AskGroup(TyperGroup):
    """`mentorlog ask MENTOR "question"` is short for `mentorlog ask add MENTOR "question"`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["add", *args]
        return list(super().parse_args(ctx, args))


app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog ask add ruth 'How did you prepare for council?'\n"
        "  mentorlog ask list\n"
    ),
    cls=_AskGroup,
    no_args_is_help=True,
    help='Queue a question for the next call: `mentorlog ask MENTOR "question"`. '
    "The brief and the session template show what you queued; undiscussed questions carry over.",
)


def _say_or_dump(question: Any, as_json: bool, message: str) -> None:
    if as_json:
        from mentorlog.render import workflow_json as render_workflow_json

        context.dump_json(render_workflow_json.question(question))
    else:
        context.say(message)


@app.command("add")
def add(
    ctx: typer.Context,
    mentor: MentorArg,
    question: Annotated[
        str, typer.Argument(help="The question or topic, in your own words.", show_default=False)
    ],
    as_json: JsonFlag = JSON.default,
) -> None:
    """Queue a question for the next call (short form: `mentorlog ask MENTOR "question"`).

    \b
    Examples:
      mentorlog ask add ruth 'How did you prepare for your first council budget?'
    """
    from mentorlog.services import questions

    today = context.today()
    m, number = questions.ask(context.journal(ctx), mentor, question, today)
    queued = questions.open_numbered(m)[number - 1]
    _say_or_dump(
        queued,
        as_json,
        f"Queued question {number} for {m.name}. It shows in `mentorlog brief {m.id}`.",
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    mentor: MentorFilter = MENTOR_FILTER.default,
    show_all: Annotated[bool, option(ASK_LIST_ALL)] = ASK_LIST_ALL.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List queued questions, numbered per mentor (the numbers `ask done` and `session new
    --discussed` take).

    \b
    Examples:
      mentorlog ask list
      mentorlog ask list --mentor ruth
    """
    from mentorlog.cli.lists import ask_list

    ask_list(context.state(ctx).dir_option, mentor=mentor, show_all=show_all, as_json=as_json)


@app.command("done")
def done(
    ctx: typer.Context,
    mentor: MentorArg,
    question: Annotated[
        str,
        typer.Argument(
            help="The question's number (see `ask list`) or the first words of its text.",
            show_default=False,
        ),
    ],
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Mark a queued question as discussed.

    \b
    Examples:
      mentorlog ask done ruth 1
      mentorlog ask done ruth 'How did you'
    """
    from mentorlog.services import questions

    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    m, marked = questions.mark_done(context.journal(ctx), mentor, question, on)
    _say_or_dump(
        marked, as_json, f"Marked question {marked.number} for {m.name} as discussed on {on}"
    )


@app.command("rm")
def rm(
    ctx: typer.Context,
    mentor: MentorArg,
    number: Annotated[
        int,
        typer.Argument(
            help="The question's number (see `ask list`).", metavar="N", show_default=False
        ),
    ],
    as_json: JsonFlag = JSON.default,
) -> None:
    """Take a question off the queue without marking it discussed.

    \b
    Examples:
      mentorlog ask rm ruth 2
    """
    from mentorlog.services import questions

    m, removed = questions.remove(context.journal(ctx), mentor, number)
    _say_or_dump(removed, as_json, f"Removed question {number} for {m.name}")
