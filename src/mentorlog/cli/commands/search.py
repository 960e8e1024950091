"""`mentorlog search`"""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.options import JSON, MENTOR_FILTER, JsonFlag, MentorFilter
from mentorlog.domain.dates import PAST
from mentorlog.domain.models import check_kind

DEFAULT_LIMIT = 20


def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            help='Words that must all appear; "quoted phrases" must appear as written.',
            show_default=False,
        ),
    ],
    mentor: MentorFilter = MENTOR_FILTER.default,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            autocompletion=complete.kinds,
            help="Only sessions of this kind (check-in, email, ...).",
        ),
    ] = None,
    record_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            autocompletion=complete.record_types,
            help="Only this kind of record: session, reflection, goal, mentor.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only records on or after this date."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only records on or before this date."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", metavar="N", min=0, help="Show at most this many hits (0: all)."
        ),
    ] = DEFAULT_LIMIT,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Find records by what they say, newest first (case and accents ignored).

    \b
    Examples:
      mentorlog search budget council
      mentorlog search '"council meeting"' --mentor ruth --since 2026-01-01
    """
    from mentorlog.services import resolve
    from mentorlog.services import search as search_service

    today = context.today()
    query = search_service.parse_query(words)
    journal = context.journal(ctx)
    journal.require()
    names = search_service.mentor_names(journal)
    filters = search_service.Filters(
        mentor=resolve.mentor(names, mentor).id if mentor is not None else None,
        kind=check_kind(kind) if kind is not None else None,
        types=search_service.check_type(record_type),
        since=context.resolve_date(since, today, "since", PAST),
        until=context.resolve_date(until, today, "until", PAST),
    )
    from mentorlog.cli import progress

    with progress.shown("Searching") as on_progress:
        results = search_service.search(journal, query, filters, limit or None, on_progress)
    if results.unreadable:
        count = len(results.unreadable)
        files = "1 file" if count == 1 else f"{count} files"
        were = "was" if count == 1 else "were"
        context.say(
            f"mentorlog: warning: {files} could not be read and {were} not searched; "
            "run `mentorlog doctor`"
        )
    if as_json:
        from mentorlog.render import search as render_search

        context.dump_json([render_search.hit_json(hit) for hit in results.hits])
    elif results.hits:
        from mentorlog.render import search as render_search

        with context.paged(ctx) as console:
            console.print(render_search.hits(results.hits, names))
    if not results.hits:
        context.say(f"No matches for {' '.join(_shown(query.shown))}.")
    elif results.total > len(results.hits):
        context.say(
            f"Showing the newest {len(results.hits)} of {results.total} matches "
            "(--limit 0 shows all)."
        )


def _shown(terms: tuple[str, ...]) -> list[str]:
    return [f'"{term}"' if " " in term else term for term in terms]
