"""`mentorlog due` as a typer command (help, completion, docs). Its options are declared in
cli/option_table.py and the work is in cli/lean.py, both shared with the fast path."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context, lean
from mentorlog.cli import option_table as table
from mentorlog.cli.exits import Finished
from mentorlog.cli.options import AsOf, JsonFlag, option


def due(
    ctx: typer.Context,
    within: Annotated[str | None, option(table.DUE_WITHIN)] = table.DUE_WITHIN.default,
    show_all: Annotated[bool, option(table.DUE_ALL)] = table.DUE_ALL.default,
    as_of: AsOf = table.AS_OF.default,
    quiet: Annotated[bool, option(table.DUE_QUIET)] = table.DUE_QUIET.default,
    as_json: JsonFlag = table.JSON.default,
) -> None:
    """Who to get back in touch with: overdue and soon-due mentors, actions to report back on,
    calls to reflect on, and thank-yous owed.

    \b
    Examples:
      mentorlog due
      mentorlog due --within 2w
      mentorlog due --quiet && echo 'someone needs you'
    """
    code = lean.due(
        context.state(ctx).dir_option,
        as_json=as_json,
        show_all=show_all,
        quiet=quiet,
        within=within,
        as_of=as_of,
    )
    if code:
        raise Finished(code)
