"""Talking to the person on stderr. Lean on purpose (no typer, no rich): the fast path of
`mentorlog due` uses it too."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from mentorlog.render import text_safety

# Dates typed on the command line must leave room for the date arithmetic done with them
# (cadences, look-backs): year 1 or 9999 would overflow.
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 12, 31)


def say(message: str) -> None:
    """A message for the person (stderr), never mixed into data on stdout. One line, and a
    name or a file name in it can never drive the terminal."""
    sys.stderr.write(text_safety.line(message) + "\n")


def check_arguments(args: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (a terminal set to another encoding): it
    would end up in a file as bytes no other program could read back."""
    for position, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            from mentorlog.envvars import shown
            from mentorlog.errors import UsageError

            raise UsageError(
                f"argument {position}, {shown(arg)}, is not valid UTF-8",
                "set the terminal to UTF-8, for example LANG=C.UTF-8, and type it again",
            ) from None


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
    if text is None:
        return None
    from mentorlog.domain.dates import PAST, parse_date
    from mentorlog.errors import UsageError

    value = parse_date(text, today, PAST if when == HAPPENED else when)
    if not EARLIEST <= value <= LATEST:
        raise UsageError(
            f"{label} {value.isoformat()} is outside the years mentorlog works with",
            f"give a date between {EARLIEST.year} and {LATEST.year}",
        )
    if when == HAPPENED and value > today:
        raise UsageError(
            f"the {label} {value.isoformat()} ({text.strip()}) is in the future",
            f"record it once it has happened: give today ({today.isoformat()}) or an earlier day",
        )
    if text.strip() != value.isoformat():
        say(f"{label}: {value.isoformat()} ({text.strip()})")
    return value


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
