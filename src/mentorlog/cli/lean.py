"""Commands run dozens of times a day, written so they import neither typer nor rich nor
pydantic. The typer commands and the fast path both call these, so they behave the same."""

from __future__ import annotations

import sys

from mentorlog.cli.messages import resolve_date, say, terminal_width, use_colour, warn_problems


def path(dir_option: str | None) -> int:
    from mentorlog.location import locate

    sys.stdout.write(f"{locate(dir_option)}\n")
    return 0


def due(
    dir_option: str | None,
    *,
    as_json: bool = False,
    show_all: bool = False,
    quiet: bool = False,
    within: str | None = None,
    as_of: str | None = None,
) -> int:
    """Exit 0, or with --quiet: 0 when something is due and 1 when nothing is."""
    from mentorlog import clock
    from mentorlog.dates import parse_window
    from mentorlog.services import due as service
    from mentorlog.storage import Journal, locate

    today = clock.today()
    day = resolve_date(as_of, today, "as of") or today
    window = parse_window(within) if within is not None else None
    journal = Journal(locate(dir_option))
    progress = _progress_bar() if not quiet and not as_json else None
    try:
        report, names, problems, upcoming = service.report(
            journal, day, window=window, include_all=show_all, on_progress=progress
        )
    finally:
        if progress is not None:
            progress.finish()
    if not quiet:
        warn_problems(problems)
    if quiet:
        return 0 if report.needs_attention else 1
    if as_json:
        from mentorlog import render_json

        render_json.emit([render_json.due_row(row) for row in report.rows])
        return 0
    from mentorlog import render_plain

    if report.rows or report.needs_attention:
        text = render_plain.due(report, names, use_colour(sys.stdout), terminal_width())
        sys.stdout.write(text)
    if not any(not r.ended for r in report.rows):
        horizon = report.window
        span = (
            "today"
            if horizon.count == 0
            else f"in the next {horizon.describe().removeprefix('every ')}"
        )
        say(render_plain.nothing_due(report, upcoming, span))
    return 0


class _progress_bar:
    """A one-line progress bar on stderr, shown only on a terminal and only after a second,
    for the first read of a large journal."""

    def __init__(self) -> None:
        import time

        self.started = time.monotonic()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done % 200 and done != total):
            return
        import time

        if not self.shown and time.monotonic() - self.started < 1.0:
            return
        self.shown = True
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(
            f"\rReading the journal [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        )
        sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()
