"""Where a listing goes: written plainly into a pipe or a file, drawn by rich on a terminal.
Lean (no typer; rich only for a terminal): the fast path prints listings through it."""

from __future__ import annotations

import os
import sys

from mentorlog.cli.messages import plain_style

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rich.console import Console

    from mentorlog.render.plain_table import Listing


def out() -> Console:
    """A console for data on stdout, made per call so width and colour follow the terminal:
    its width on a terminal (or `COLUMNS` when set), no width limit through a pipe or into a
    file, so nothing is cropped there. It shows user text as data: see `render.SafeConsole`."""
    from mentorlog.render.tables import SafeConsole

    console = SafeConsole(plain_style=plain_style(), soft_wrap=False)
    if console.is_terminal or os.environ.get("COLUMNS", "").strip():
        return console
    return SafeConsole(plain_style=plain_style(), unbounded=True, soft_wrap=False)


def unbounded() -> bool:
    """Whether `out()` would give stdout no width limit and no terminal codes, decided without
    rich: False whenever rich could think otherwise (a variable that forces a terminal, an
    encoding that is not UTF-8, which makes rich draw in ASCII), so rich then decides."""
    environ = os.environ
    if environ.get("COLUMNS", "").strip() or "FORCE_COLOR" in environ:
        return False
    if environ.get("TTY_COMPATIBLE", "") == "1":
        return False
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if not encoding.startswith("utf"):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return False


def show(table: Listing) -> None:
    """Print a listing as `out().print(render.tables.from_listing(table))` would."""
    if unbounded():
        from mentorlog.render.plain_table import text

        written = text(table)
        if written is not None:
            sys.stdout.write(written)
            return
    from mentorlog.render.tables import from_listing

    out().print(from_listing(table))
