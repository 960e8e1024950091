"""`mentorlog lessons`: the stories and lessons mentors shared, to reread."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.options import JSON, MENTOR_FILTER, JsonFlag, MentorFilter


def lessons(
    ctx: typer.Context,
    mentor: MentorFilter = MENTOR_FILTER.default,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            autocompletion=complete.lesson_tags,
            help="Only lessons with this #tag.",
        ),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="GROUPING",
            autocompletion=complete.lesson_groupings,
            help="Group by mentor or by tag.",
        ),
    ] = "mentor",
    as_json: JsonFlag = JSON.default,
) -> None:
    """Lessons and stories from every session (the bullets under `## Lessons`), grouped by
    mentor or by tag, with the date and session they came from.

    \b
    Examples:
      mentorlog lessons
      mentorlog lessons --by tag --tag feedback
    """
    from mentorlog.services import lessons as service
    from mentorlog.services import resolve

    if by not in service.GROUPINGS:
        from mentorlog.errors import UsageError

        raise UsageError(f"cannot group lessons by '{by}'", "use --by mentor or --by tag")
    # Without details: each session is built in full only to take its lessons.
    snapshot = context.load(ctx, details=False)
    only = resolve.mentor(snapshot.mentors, mentor).id if mentor else None
    theirs = (s for s in snapshot.sessions if only is None or s.mentor == only)
    found = service.collect(
        context.journal(ctx).in_full(snapshot, theirs), snapshot.mentors, mentor=only, tag=tag
    )
    if as_json:
        from mentorlog.render import workflow_json as render_workflow_json

        context.dump_json([render_workflow_json.lesson(x) for x in found])
        return
    if not found:
        context.say(
            "No lessons match. Lessons are the bullets under a session's `## Lessons` heading."
        )
        return
    from mentorlog.cli import pager

    groups = service.group(found, by)
    if pager.plain_lines_for(sum(len(g.lessons) + 2 for g in groups)):
        from mentorlog.render import plain

        context.page_text(ctx, "".join(line + "\n" for line in plain.lesson_lines(groups, by)))
        return
    from mentorlog.render import workflow as render_workflow

    with context.paged(ctx) as console:
        console.print(render_workflow.lessons(groups, by))
