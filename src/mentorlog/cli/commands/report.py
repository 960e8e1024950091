"""`mentorlog report -o report.html`: the journal as one page to look at in a browser."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.commands.export import (
    Force,
    IncludeConfidential,
    Output,
)
from mentorlog.cli.delivery import check_output, deliver
from mentorlog.cli.options import AS_OF, AsOf
from mentorlog.domain.dates import PAST


def report(
    ctx: typer.Context,
    output: Output = None,
    force: Force = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Start of the period (default: where the journal begins, at most two years back).",
        ),
    ] = None,
    as_of: AsOf = AS_OF.default,
    include_confidential: IncludeConfidential = False,
) -> None:
    """A page to open in a browser: each mentor's contacts against their cadence, goals and
    their progress over time, and how your team covers the career stages. One HTML file with
    everything inside it: nothing is fetched from the network.

    Sessions marked confidential show only their date and mentor unless
    --include-confidential is given.

    \b
    Examples:
      mentorlog report -o report.html
      mentorlog report -o report.html --since 2026-01-01
    """
    from mentorlog.render import report as render_report
    from mentorlog.services import asof
    from mentorlog.services import report as service

    check_output(output, force)
    now = context.today()
    day = context.resolve_date(as_of, now, "as of") or now
    start = context.resolve_date(since, day, "since", PAST)
    result = service.report(asof.view(context.load(ctx), day), start, include_confidential)
    deliver(ctx, render_report.page(result).encode("utf-8"), output, force)
