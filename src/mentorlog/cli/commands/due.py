"""`mentorlog due` and `mentorlog path` as typer commands (help, completion, docs). The work is
in cli/lean.py, shared with the fast path."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context, lean
from mentorlog.cli.options import AsOf, JsonFlag


def register(app: typer.Typer) -> None:
    app.command("due")(due)


def due(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            "-w",
            help="Also list who is due this far ahead (default from mentorlog.toml, 7d).",
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="List every active mentor, due or not.")
    ] = False,
    as_of: AsOf = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print nothing; exit 0 if something needs you, 1 if nothing does."
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Who to get back in touch with: overdue and soon-due mentors, actions to report back on,
    calls to reflect on, and thank-yous owed."""
    code = lean.due(
        context.state(ctx).dir_option,
        as_json=as_json,
        show_all=show_all,
        quiet=quiet,
        within=within,
        as_of=as_of,
    )
    if code:
        raise typer.Exit(code)
