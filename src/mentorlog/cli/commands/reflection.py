"""`mentorlog reflection ...` and its short form `mentorlog reflect`."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.commands.session import (
    Confidential,
    Edit,
    read_text_option,
    wants_editor,
)
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.option_table import REFLECTION_SINCE, REFLECTION_UNTIL
from mentorlog.cli.options import (
    DATE,
    JSON,
    MENTOR_FILTER,
    YES,
    DateOpt,
    JsonFlag,
    MentorFilter,
    Yes,
    option,
)

app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog reflection new --session 2026-11-19-tomas\n"
        "  mentorlog reflection list\n"
    ),
    no_args_is_help=True,
)

ReflectionArg = Annotated[
    str,
    typer.Argument(
        help="Reflection id or unique id prefix.",
        autocompletion=complete.reflections,
        show_default=False,
    ),
]


@app.command("new")
def new(
    ctx: typer.Context,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            "-s",
            metavar="SESSION",
            help="The session it reflects on (id or unique prefix).",
            autocompletion=complete.sessions,
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            "-g",
            metavar="GOAL",
            help="A goal it is about (repeatable; default: the session's goals).",
            autocompletion=complete.goals,
        ),
    ] = None,
    mentor: Annotated[
        str | None,
        typer.Option(
            "--mentor",
            "-m",
            metavar="MENTOR",
            help="The mentor (default: the session's).",
            autocompletion=complete.mentors,
        ),
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill",
            metavar="TAG",
            help="Something you are working on that it is about (repeatable; see `feedback`).",
        ),
    ] = None,
    date: DateOpt = DATE.default,
    text: Annotated[
        str | None,
        typer.Option("--text", metavar="TEXT", help="What you think now; '-' reads stdin."),
    ] = None,
    confidential: Confidential = True,
    edit: Edit = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Write down what you made of a conversation: what you heard, what you will try.

    On a terminal, with no --text, it opens $EDITOR on prompts; text piped to it is taken as
    the reflection.

    \b
    Examples:
      mentorlog reflection new --session 2026-11-19-tomas --text 'Delegating is teaching.'
      mentorlog reflection new -m ruth
    """
    from mentorlog.cli import editing, piped
    from mentorlog.services import reflections

    today = context.today()
    request = reflections.NewReflection(
        date=context.resolve_date(date, today, "reflection date", HAPPENED) or today,
        session=session,
        mentor=mentor,
        goals=tuple(goal or ()),
        skills=tuple(skill or ()),
        text=read_text_option(text),
        confidential=confidential,
    )
    opens_editor = wants_editor(edit, text is not None)
    if text is None:
        request.text = piped.piped_text("the piped reflection", opens_editor, "--text")
    journal = context.writable_journal(ctx)
    if opens_editor:
        saved = reflections.record_in_editor(
            journal,
            context.load(ctx),
            today,
            request,
            editing.run_editor(journal),
            editing.offer_to_edit_again(),
        )
    else:
        saved = reflections.record(journal, today, request)
    from mentorlog.cli import lean
    from mentorlog.render import json as render_json

    if as_json:
        context.dump_json(render_json.reflection(saved))
    else:
        context.say(f"Wrote reflection {saved.id}")
    lean.run_hook("reflection-new", journal, lambda: render_json.reflection(saved))


@app.command("list")
def list_(
    ctx: typer.Context,
    mentor: MentorFilter = MENTOR_FILTER.default,
    since: Annotated[str | None, option(REFLECTION_SINCE)] = REFLECTION_SINCE.default,
    until: Annotated[str | None, option(REFLECTION_UNTIL)] = REFLECTION_UNTIL.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List reflections, newest first.

    \b
    Examples:
      mentorlog reflection list
      mentorlog reflection list --mentor ruth --since 2026-09-01
    """
    from mentorlog.cli.lists import reflection_list

    reflection_list(
        context.state(ctx).dir_option, mentor=mentor, since=since, until=until, as_json=as_json
    )


@app.command("show")
def show(ctx: typer.Context, reflection: ReflectionArg, as_json: JsonFlag = JSON.default) -> None:
    """Show a reflection.

    \b
    Examples:
      mentorlog reflection show 2026-10-21-tomas
    """
    from mentorlog.services import resolve

    snapshot = context.load(ctx)
    found = resolve.reflection(snapshot.reflections, reflection)
    journal = context.journal(ctx)
    body = journal.read(journal.path_for("reflection", found.id)).body
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.reflection(found, body=body))
        return
    from mentorlog.render import sessions as render_sessions

    names = {m.id: m.name for m in snapshot.mentors.values()}
    context.out().print(render_sessions.reflection(found, body, names))


@app.command("edit")
def edit_(ctx: typer.Context, reflection: ReflectionArg) -> None:
    """Open a reflection's file in $EDITOR; it is checked before it is saved.

    \b
    Examples:
      mentorlog reflection edit 2026-10-21-tomas
    """
    from mentorlog.cli.editing import edit_record
    from mentorlog.services import resolve

    journal = context.journal(ctx)
    found = resolve.reflection(context.load(ctx).reflections, reflection, deciding=True)
    edit_record(journal, "reflection", found.id, journal.path_for("reflection", found.id))


@app.command("rm")
def rm(ctx: typer.Context, reflection: ReflectionArg, yes: Yes = YES.default) -> None:
    """Delete a reflection's file.

    \b
    Examples:
      mentorlog reflection rm 2026-10-21-tomas
    """
    from mentorlog.services import reflections, resolve

    journal = context.journal(ctx)
    found = resolve.reflection(context.load(ctx).reflections, reflection, deciding=True)
    context.confirm(f"Delete reflection {found.id}?", yes)
    reflections.remove(journal, found.id)
    context.say(f"Deleted reflection {found.id}")
