"""Talking to the person on stderr. Lean on purpose (no typer, no rich): the fast path of
`mentorlog due` uses it too."""

from __future__ import annotations

import sys

# The fast path imports this module before it knows what it will answer (`--version` too):
# what only some answers need is imported where it is used.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

# Dates typed on the command line must leave room for the date arithmetic done with them
# (cadences, look-backs): year 1 or 9999 would overflow.
EARLIEST_YEAR = 1900
LATEST_YEAR = 9000


def say(message: str) -> None:
    """A message for the person (stderr), never mixed into data on stdout. One line, and a
    name or a file name in it can never drive the terminal."""
    from mentorlog.render import text_safety

    sys.stderr.write(text_safety.line(message) + "\n")


def warn_problems(problems: list[Any]) -> None:
    """One line per file that could not be read; the command goes on with the rest."""
    for problem in problems[:20]:
        say(f"mentorlog: warning: {problem} (skipped)")
    if len(problems) > 20:
        more = len(problems) - 20
        say(f"mentorlog: warning: {more} more {'file' if more == 1 else 'files'} could not be read")
    if problems:
        say("mentorlog: run `mentorlog doctor` for the full list")


# A date that records something that happened: read as a past date, and refused in the future.
HAPPENED = "happened"


def resolve_date(
    text: str | None, today: date, label: str = "date", when: str = "any"
) -> date | None:
    """Parse a date option; echo what a human form resolved to, so a surprise is visible.
    `when` is an intent of `dates.parse_date` (any, past, future) or HAPPENED."""
    value = parse_date_option(text, today, label, when)
    if text is not None and value is not None:
        echo_resolved(text, value, label)
    return value


def parse_date_option(
    text: str | None, today: date, label: str = "date", when: str = "any"
) -> date | None:
    """`resolve_date` without the echo: for a command that checks all its input first and
    echoes (`echo_resolved`) only once nothing is refused."""
    if text is None:
        return None
    from mentorlog.domain.dates import PAST, parse_date
    from mentorlog.errors import UsageError

    value = parse_date(text, today, PAST if when == HAPPENED else when)
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise UsageError(
            f"{label} {value.isoformat()} is outside the years mentorlog works with",
            f"give a date between {EARLIEST_YEAR} and {LATEST_YEAR}",
        )
    if when == HAPPENED and value > today:
        raise UsageError(
            f"the {label} {value.isoformat()} ({text.strip()}) is in the future",
            f"record it once it has happened: give today ({today.isoformat()}) or an earlier day",
        )
    return value


def echo_resolved(text: str, value: date, label: str = "date") -> None:
    """Say what a human date form ("tuesday") resolved to."""
    if text.strip() != value.isoformat():
        say(f"{label}: {value.isoformat()} ({text.strip()})")


def plain_style() -> bool:
    """The one style policy: `NO_COLOR` (any non-empty value) or `TERM=dumb` means no colour
    and no bold, dim, italic or underline either, for every command and output."""
    import os

    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def use_colour(stream: Any) -> bool:
    import os

    if plain_style():
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def terminal_width(default: int = 100) -> int:
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 20:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return default
