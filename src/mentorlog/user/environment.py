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


# The XDG base directories (what platformdirs answers on Linux): the variable when it holds an
# absolute path, else the folder under the home.
_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
    "config": ("XDG_CONFIG_HOME", ".config"),
}


def platform_folder(kind: str) -> str:
    """mentorlog's `kind` folder ("data", "cache" or "config") on this platform. On Linux it
    follows the XDG rule directly: importing platformdirs cost about 20 ms of every `due`,
    which runs every morning. Elsewhere platformdirs answers."""
    import sys

    if sys.platform.startswith("linux"):
        variable, fallback = _XDG[kind]
        base = os.environ.get(variable, "").strip()
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), fallback)
        return os.path.join(base, "mentorlog")
    import platformdirs

    ask = {
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "config": platformdirs.user_config_dir,
    }[kind]
    return str(ask("mentorlog", appauthor=False))
