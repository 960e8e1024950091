"""`mentorlog agree MENTOR`: record what you and a mentor agreed on, in the editor on a
template, or from options with --no-edit (always so without a terminal)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from mentorlog.cli import context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.options import DATE, JSON, DateOpt, JsonFlag, MentorArg


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
    channels. An agreed rhythm becomes their cadence.

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
        agreed=context.resolve_date(date, today, "agreed", HAPPENED) or today,
        cadence=context.resolve_cadence(cadence),
        term=context.resolve_cadence(term),
        review=context.resolve_date(review, today, "review"),
        confidentiality=confidentiality,
        channels=tuple(channel or ()),
        bring=bring,
    )
    agreement.table_changes(wanted)  # bad input is refused before the journal is read
    journal = context.writable_journal(ctx)
    given = any(x is not None for x in (cadence, term, review, confidentiality, bring, channel))
    if opens_editor(
        edit,
        given,
        on_terminal=context.is_interactive(),
        editor_chosen=configured_editor() is not None,
    ):
        m = resolve.mentor(journal.load(kinds=("mentor",)).mentors, mentor)
        saved = _edit(journal, m, wanted, today)
        if saved is None:
            context.say("Nothing changed")
            return
        m = saved
    else:
        m = agreement.agree(journal, mentor, wanted)
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.mentor(m, today))
        return
    context.say(f"Recorded the agreement with {m.name} ({m.id}) of {wanted.agreed}")


def _edit(journal: Any, m: Any, wanted: Any, today: date) -> Any:
    from mentorlog.cli import editor
    from mentorlog.services import agreement
    from mentorlog.services.editing import Purpose, edit_until_saved

    start = agreement.template(m.name, m.agreement, wanted).encode("utf-8")
    return edit_until_saved(
        journal,
        start,
        Purpose(f"agreement-{m.id}", None, ".toml"),
        lambda text: editor.edit(text, journal.root, ".toml"),
        lambda text: agreement.agree(journal, m.id, agreement.from_text(text, today), whole=True),
        lambda: None,
        (lambda _exc: typer.confirm("Edit again?", default=True, err=True))
        if context.is_interactive()
        else None,
    )
