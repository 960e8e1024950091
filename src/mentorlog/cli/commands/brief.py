"""`mentorlog brief MENTOR`: read this before a call."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.options import AS_OF, JSON, AsOf, JsonFlag, MentorArg


def brief(
    ctx: typer.Context,
    mentor: MentorArg,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            autocompletion=complete.call_kinds,
            help="What this call is: check-in (on progress) or question (a specific one). "
            "Default: the kind of the next booked meeting, else check-in.",
            show_default=False,
        ),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown, to paste into notes or print.")
    ] = False,
    as_of: AsOf = AS_OF.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """One page to prepare a call: who they are, what is missing from a good start, what the
    call is for and what you queued, what to report back on, what moved, and what they taught
    you before.

    \b
    Examples:
      mentorlog brief ruth
      mentorlog brief tomas --kind question --markdown > brief.md
    """
    from mentorlog.errors import UsageError
    from mentorlog.services import asof
    from mentorlog.services import brief as service

    if markdown and as_json:
        raise UsageError("--markdown and --json cannot be used together", "pick one")
    purpose = service.check_purpose(kind) if kind is not None else None
    now = context.today()
    day = context.resolve_date(as_of, now, "as of") or now
    snapshot, chosen = context.load_about(ctx, mentor)
    from mentorlog.services import growth

    working_on, problems = growth.listed(context.journal(ctx))
    context.warn_problems(problems)
    result = service.brief(asof.view(snapshot, day), chosen.id, purpose, working_on)
    if as_json:
        from mentorlog.render import workflow_json as render_workflow_json

        context.dump_json(render_workflow_json.brief(result))
        return
    from mentorlog.render import workflow as render_workflow

    if markdown:
        typer.echo(render_workflow.brief_markdown(result), nl=False)
        return
    context.out().print(render_workflow.brief(result))
