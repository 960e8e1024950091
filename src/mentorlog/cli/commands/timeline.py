"""`mentorlog timeline MENTOR`: the story of one relationship."""

from __future__ import annotations

import typer

from mentorlog.cli import context
from mentorlog.cli.options import AS_OF, JSON, AsOf, JsonFlag, MentorArg


def timeline(
    ctx: typer.Context,
    mentor: MentorArg,
    as_of: AsOf = AS_OF.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Everything with one mentor in date order: how it began, what you shared and asked, each
    session and lesson, goals and actions, thanks, and how it ended.

    \b
    Examples:
      mentorlog timeline ruth
      mentorlog timeline tomas --json
    """
    from mentorlog.services import asof
    from mentorlog.services import timeline as service

    now = context.today()
    day = context.resolve_date(as_of, now, "as of") or now
    snapshot, chosen = context.load_about(ctx, mentor)
    result = service.timeline(asof.view(snapshot, day), chosen.id)
    if as_json:
        from mentorlog.render import workflow_json as render_workflow_json

        context.dump_json(render_workflow_json.timeline(result))
        return
    from mentorlog.cli import pager
    from mentorlog.render import workflow as render_workflow

    if pager.plain_lines_for(len(result.events)):
        from mentorlog.render import plain

        context.page_text(ctx, "".join(line + "\n" for line in plain.timeline_lines(result)))
        context.out().print(render_workflow.timeline_summary(result))
        return
    with context.paged(ctx) as console:
        console.print(render_workflow.timeline(result))
