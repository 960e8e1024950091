"""Settings read from the environment, each checked where it is read: a value that cannot be
used is a usage error naming the variable and what it should be, never a silent default or a
crash. Plain Python, light enough for the lean start-up path."""

from __future__ import annotations

import math
import os

from mentorlog.errors import UsageError


def seconds(name: str, default: float) -> float:
    """A number of seconds (0 or more) from `$name`, or `default` when it is unset or empty."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise UsageError(
            f"{name}={shown(raw)} is not a number of seconds",
            f"set it to a number such as {default:g}, or unset it",
        )
    return value


def folder(path: str, source: str) -> str:
    """`path` unless something other than a folder is there; `source` says where it came from
    (`--dir`, `MENTORLOG_DIR`, ...), for the message."""
    # The nearest part of the path that exists must be a folder too: "notes.txt/journal"
    # could never be created.
    existing = path
    while not os.path.lexists(existing) and os.path.dirname(existing) != existing:
        existing = os.path.dirname(existing)
    if os.path.exists(existing) and not os.path.isdir(existing):
        where = shown(path, limit=1000)
        raise UsageError(
            f"{source} {where} is a file, not a folder"
            if existing == path
            else f"{source} {where} is inside the file {shown(existing, limit=1000)}",
            "give the journal's folder, or a new one to create",
        )
    return path


def shown(text: str, limit: int = 60) -> str:
    """Text for a one-line message: quoted, bytes that are not UTF-8 as \\x escapes, control
    characters escaped, and cut short when longer than `limit`."""
    safe = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    quoted = f"'{safe}'" if safe.isprintable() else ascii(safe)
    return quoted if len(quoted) <= limit else quoted[: limit - 3] + "...'"
