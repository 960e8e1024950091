"""`mentorlog agree MENTOR`: record what you and a mentor agreed on, in the editor on a
template, or from options with --no-edit (always so without a terminal)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.options import DATE, JSON, DateOpt, JsonFlag, MentorArg
from mentorlog.errors import UsageError


def agree(
    ctx: typer.Context,
    mentor: MentorArg,
    cadence: Annotated[
        str | None,
        typer.Option(
            "--cadence", metavar="CADENCE", help="How often you agreed to meet: monthly, 6w."
        ),
    ] = None,
    term: Annotated[
        str | None,
        typer.Option("--term", metavar="LENGTH", help="How long the relationship runs: 6m, 1y."),
    ] = None,
    review: Annotated[
        str | None,
        typer.Option("--review", metavar="DATE", help="When you look at the agreement again."),
    ] = None,
    confidentiality: Annotated[
        str | None,
        typer.Option(
            "--confidentiality", metavar="TEXT", help="What stays between you, both ways."
        ),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option("--channel", metavar="TEXT", help="How you reach each other (repeatable)."),
    ] = None,
    bring: Annotated[
        str | None,
        typer.Option("--bring", metavar="TEXT", help="What you will bring to each call."),
    ] = None,
    date: DateOpt = DATE.default,
    edit: Annotated[
        bool | None,
        typer.Option(
            "--edit/--no-edit",
            help="Open the editor on the agreement (the default on a terminal without options).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Record what you agreed with a mentor: rhythm, term, review date, confidentiality,
    channels. An agreed rhythm becomes their cadence. Agreeing again changes only what you
    give: the day agreed (and so the end of the term) moves only with --date; a blank text
    clears that key.

    \b
    Examples:
      mentorlog agree ruth
      mentorlog agree ruth --no-edit --cadence monthly --term 6m --review 2026-09-01
      mentorlog agree ruth --no-edit --confidentiality 'both ways' --channel email
    """
    from mentorlog.cli.editor import configured_editor
    from mentorlog.services import agreement, resolve
    from mentorlog.services.editing import opens_editor

    today = context.today()
    wanted = agreement.AgreementEdit(
        agreed=context.resolve_date(date, today, "agreed", HAPPENED),
        cadence=context.resolve_cadence(cadence),
        term=agreement.parse_term(term, "--term") if term is not None else None,
        review=context.resolve_date(review, today, "review"),
        confidentiality=confidentiality,
        channels=tuple(channel or ()),
        bring=bring,
    )
    agreement.table_changes(wanted)  # bad input is refused before the journal is read
    in_editor = opens_editor(
        edit,
        wanted.says_anything(),
        on_terminal=context.is_interactive(),
        editor_chosen=configured_editor() is not None,
    )
    if not in_editor and not wanted.says_anything():
        raise UsageError(
            "nothing to record",
            "give what you agreed, e.g. --cadence monthly --term 6m, or --date DAY; "
            "on a terminal, without options, the editor opens",
        )
    journal = context.writable_journal(ctx)
    if in_editor:
        from mentorlog.cli.editing import offer_to_edit_again, run_editor

        m = resolve.mentor(journal.load(kinds=("mentor",)).mentors, mentor, deciding=True)
        done = agreement.agree_in_editor(
            journal, m, wanted, today, run_editor(journal, ".toml"), offer_to_edit_again()
        )
        if done is None:
            context.say("Nothing changed")
            return
    else:
        done = agreement.agree(journal, mentor, wanted, today)
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.mentor(done.mentor, today))
        return
    context.say(done.said())
