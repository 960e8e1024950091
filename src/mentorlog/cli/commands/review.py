"""`mentorlog review`: a look back over the last months across all mentors."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.options import AS_OF, JSON, AsOf, JsonFlag
from mentorlog.domain.dates import PAST


def review(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Start of the period (default: 3 months before --as-of).",
        ),
    ] = None,
    as_of: AsOf = AS_OF.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Look back over a period: contacts by kind, the rhythm kept with each mentor, actions done
    and still open, how goals moved, lessons learned, reflections written, and a chart of
    contacts per month.

    \b
    Examples:
      mentorlog review
      mentorlog review --since 2026-01-01
    """
    from mentorlog.services import asof
    from mentorlog.services import review as service

    now = context.today()
    day = context.resolve_date(as_of, now, "as of") or now
    start = context.resolve_date(since, day, "since", PAST)
    from mentorlog.services import growth

    working_on, problems = growth.listed(context.journal(ctx), include_done=True)
    context.warn_problems(problems)
    result = service.review(asof.view(context.load(ctx), day), start, working_on)
    if as_json:
        from mentorlog.render import workflow_json as render_workflow_json

        context.dump_json(render_workflow_json.review(result))
        return
    from mentorlog.render import workflow as render_workflow

    with context.paged(ctx) as console:
        console.print(render_workflow.review(result))
