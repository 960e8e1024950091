"""`mentorlog team`: your mentors side by side."""

from __future__ import annotations

import typer

from mentorlog.cli import context
from mentorlog.cli.options import AS_OF, JSON, AsOf, JsonFlag


def team(ctx: typer.Context, as_of: AsOf = AS_OF.default, as_json: JsonFlag = JSON.default) -> None:
    """Your dream team: each mentor's career stage, what they help with, whether you keep in
    touch, how they cover your open goals, and the perspectives still missing.

    \b
    Examples:
      mentorlog team
      mentorlog team --json
    """
    from mentorlog.services import asof
    from mentorlog.services import team as service

    now = context.today()
    day = context.resolve_date(as_of, now, "as of") or now
    # Only dates and mentors of sessions count here: summaries, nothing unpacked.
    result = service.team(asof.view(context.load(ctx, details=False), day))
    if as_json:
        from mentorlog.render import workflow_json as render_workflow_json

        context.dump_json(render_workflow_json.team(result))
        return
    from mentorlog.render import workflow as render_workflow

    context.out().print(render_workflow.team(result))
