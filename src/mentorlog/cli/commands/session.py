"""`mentorlog session ...`"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mentorlog.cli import complete, context
from mentorlog.cli import option_table as table
from mentorlog.cli.options import (
    JSON,
    MENTOR_FILTER,
    YES,
    DateOpt,
    JsonFlag,
    MentorFilter,
    Yes,
    option,
)
from mentorlog.domain.dates import PAST

app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog session new -m ruth --topic 'Budget review'\n"
        "  mentorlog session list --mentor ruth\n"
    ),
    no_args_is_help=True,
)

SessionArg = Annotated[
    str,
    typer.Argument(
        help="Session id or unique id prefix.",
        autocompletion=complete.sessions,
        show_default=False,
    ),
]
# Shared with `reflection new`.
Confidential = Annotated[bool, option(table.SESSION_CONFIDENTIAL)]
Edit = Annotated[bool | None, option(table.SESSION_EDIT)]


def read_text_option(value: str | None) -> str | None:
    """`-` means: read the text from stdin."""
    if value == "-":
        from mentorlog.cli.piped import read_stdin

        return read_stdin("the text read from stdin")
    return value


def wants_editor(edit: bool | None, has_text: bool) -> bool:
    """Whether to open the editor, decided from what this terminal offers."""
    from mentorlog.cli.editor import configured_editor
    from mentorlog.services.editing import opens_editor

    return opens_editor(
        edit,
        has_text,
        on_terminal=context.is_interactive(),
        editor_chosen=configured_editor() is not None,
    )


@app.command("new")
def new(
    ctx: typer.Context,
    mentor: Annotated[str, option(table.SESSION_MENTOR)],
    date: DateOpt = table.DATE.default,
    kind: Annotated[str, option(table.SESSION_KIND)] = table.SESSION_KIND.default,
    topic: Annotated[str | None, option(table.SESSION_TOPIC)] = table.SESSION_TOPIC.default,
    goals: Annotated[list[str] | None, option(table.SESSION_GOALS)] = table.SESSION_GOALS.default,
    notes: Annotated[str | None, option(table.SESSION_NOTES)] = table.SESSION_NOTES.default,
    actions: Annotated[
        list[str] | None, option(table.SESSION_ACTIONS)
    ] = table.SESSION_ACTIONS.default,
    lessons: Annotated[
        list[str] | None, option(table.SESSION_LESSONS)
    ] = table.SESSION_LESSONS.default,
    advice: Annotated[
        list[str] | None, option(table.SESSION_ADVICE)
    ] = table.SESSION_ADVICE.default,
    how: Annotated[str | None, option(table.SESSION_HOW)] = table.SESSION_HOW.default,
    discussed: Annotated[
        list[str] | None, option(table.SESSION_DISCUSSED)
    ] = table.SESSION_DISCUSSED.default,
    confidential: Confidential = table.SESSION_CONFIDENTIAL.default,
    edit: Edit = table.SESSION_EDIT.default,
    as_json: JsonFlag = table.JSON.default,
) -> None:
    """Record a call, email or message with a mentor.

    On a terminal, with no --notes, it opens $EDITOR on a template for the call; text piped
    to it is taken as the notes.

    \b
    Examples:
      mentorlog session new -m ruth --topic 'Budget review' --notes 'Start with the risks.'
      mentorlog session new -m tomas --kind email --action 'Send the draft' --date yesterday
      mentorlog session new -m ruth --advice 'Delegate the report' --action 'Ask Sam (advice 1)'
    """
    from mentorlog.cli import editing, lean, piped
    from mentorlog.services import sessions

    # The plain form (text on the command line) is also answered by the fast path in
    # fastpath.py through cli/lean.py; both share these steps so they cannot drift apart.
    today, request = lean.new_session_request(
        mentor=mentor,
        date=date,
        kind=kind,
        topic=topic,
        goals=goals or (),
        notes=read_text_option(notes),
        actions=actions or (),
        lessons=lessons or (),
        advice=advice or (),
        confidential=confidential,
        how=how,
        discussed=discussed or (),
    )
    opens_editor = wants_editor(edit, notes is not None)
    if notes is None:
        request.notes = piped.piped_text("the piped notes", opens_editor, "--notes")
    journal = context.writable_journal(ctx)
    if opens_editor:
        saved = sessions.record_in_editor(
            journal,
            context.load(ctx),
            today,
            request,
            editing.run_editor(journal),
            editing.offer_to_edit_again(),
        )
    else:
        saved = sessions.record(journal, today, request)
    lean.report_new_session(journal, saved, today, as_json)


# A screenful: more rows than this go out as plain lines, not a table.
RECENT_ON_TERMINAL = 20
TABLE_ROWS = 50


@app.command("list")
def list_(
    ctx: typer.Context,
    mentor: MentorFilter = MENTOR_FILTER.default,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", "-k", metavar="KIND", autocompletion=complete.kinds, help="Only this kind."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Only on or before this date.")
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal",
            "-g",
            metavar="GOAL",
            help="Only about this goal.",
            autocompletion=complete.goals,
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", metavar="N", min=1, help="At most this many.")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="Every session, also on a terminal.")
    ] = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List sessions, newest first. On a terminal, the most recent ones and a count of the
    rest; through a pipe, every one.

    \b
    Examples:
      mentorlog session list
      mentorlog session list --all
      mentorlog session list --mentor ruth --since 2026-09-01
    """
    from mentorlog.services import sessions

    # Without details: only the sessions shown are built in full, one at a time.
    snapshot = context.load(ctx, details=False)
    journal = context.journal(ctx)
    today = context.today()
    items = sessions.listed(
        snapshot,
        mentor=mentor,
        kind=kind,
        goal=goal,
        since=context.resolve_date(since, today, "since", PAST),
        until=context.resolve_date(until, today, "until", PAST),
        limit=limit,
    )
    matching = len(items)
    if not limit and not show_all and not as_json and sys.stdout.isatty():
        items = items[:RECENT_ON_TERMINAL]
    if as_json:
        from mentorlog.render import json as render_json

        render_json.emit_list(
            render_json.session(s, today) for s in journal.in_full(snapshot, items)
        )
        return
    if not items:
        context.say("No sessions match." if snapshot.sessions else "No sessions yet.")
        return
    if len(items) <= TABLE_ROWS:
        from mentorlog.render import sessions as render_sessions

        names = {m.id: m.name for m in snapshot.mentors.values()}
        with context.paged(ctx) as console:
            console.print(render_sessions.sessions(list(journal.in_full(snapshot, items)), names))
    else:
        from mentorlog.render import plain

        lines = (
            line + "\n" for line in plain.session_lines(items, journal.in_full(snapshot, items))
        )
        if sys.stdout.isatty():
            context.page_text(ctx, "".join(lines))
        else:
            # Into a pipe a line at a time: the listing of every session is never held whole.
            sys.stdout.writelines(lines)
            sys.stdout.flush()
    if len(items) < matching and not limit:
        context.say(
            f"Showing the newest {len(items)} of {matching} sessions "
            "(--all shows every one, --limit N the newest N)."
        )


@app.command("show")
def show(ctx: typer.Context, session: SessionArg, as_json: JsonFlag = JSON.default) -> None:
    """Show a session's notes.

    \b
    Examples:
      mentorlog session show 2026-11-19-tomas
      mentorlog session show 2026-11-19-tomas-lindqvist --json
    """
    from mentorlog.services import resolve

    snapshot = context.load(ctx)
    found = resolve.session(snapshot.sessions, session)
    journal = context.journal(ctx)
    body = journal.read(journal.path_for("session", found.id)).body
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.session(found, context.today(), body=body))
        return
    from mentorlog.render import sessions as render_sessions

    names = {m.id: m.name for m in snapshot.mentors.values()}
    titles = {g.id: g.title for g in snapshot.goals.values()}
    with context.paged(ctx) as console:
        console.print(render_sessions.session(found, body, names, titles))


@app.command("edit")
def edit_(ctx: typer.Context, session: SessionArg) -> None:
    """Open a session's file in $EDITOR; it is checked before it is saved.

    \b
    Examples:
      mentorlog session edit 2026-11-19-tomas
    """
    from mentorlog.cli.editing import edit_record
    from mentorlog.services import resolve

    journal = context.journal(ctx)
    found = resolve.session(context.load(ctx).sessions, session, deciding=True)
    edit_record(journal, "session", found.id, journal.path_for("session", found.id))


@app.command("rm")
def rm(ctx: typer.Context, session: SessionArg, yes: Yes = YES.default) -> None:
    """Delete a session's file.

    \b
    Examples:
      mentorlog session rm 2026-11-19-tomas
    """
    from mentorlog.services import resolve, sessions

    journal = context.journal(ctx)
    found = resolve.session(context.load(ctx).sessions, session, deciding=True)
    context.confirm(f"Delete session {found.id}?", yes)
    sessions.remove(journal, found.id)
    context.say(f"Deleted session {found.id}")
