"""Long output on a terminal goes through a pager, as git does it.

Which pager: --no-pager turns it off; then $MENTORLOG_PAGER (empty or `cat`: none), then
`pager =` in the config file (false: none), then $PAGER, then `less -FRX`. Only when stdout is
a terminal and the text is taller than the screen; a pager that cannot start leaves the text
printed as it would have been."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

ENV_PAGER = "MENTORLOG_PAGER"
DEFAULT = "less -FRX"
NONE = ("", "cat")


@dataclass(frozen=True, slots=True)
class Choice:
    command: str | None  # None: no pager
    source: str


def choose(no_pager: bool) -> Choice:
    """The pager setting in effect (whether or not stdout is a terminal) and where it comes
    from."""
    if no_pager:
        return Choice(None, "--no-pager")
    if ENV_PAGER in os.environ:
        return _named(os.environ[ENV_PAGER], ENV_PAGER)
    from mentorlog.user import config as userconfig

    configured = userconfig.get("pager")
    if configured is not None:
        source = f"`pager` in {userconfig.path()}"
        return Choice(None, source) if configured is False else _named(configured, source)
    if os.environ.get("PAGER", "").strip():
        return _named(os.environ["PAGER"], "PAGER")
    return Choice(DEFAULT, "the default")


def _named(command: str, source: str) -> Choice:
    return Choice(None if command.strip() in NONE else command.strip(), source)


def keeps_colour(command: str) -> bool:
    """Whether the pager shows colour escapes as colour: `less -R`/`-r` (or `R` in $LESS),
    else the escapes would be shown as text, so the output is sent without them."""
    import shlex

    try:
        words = shlex.split(command)
    except ValueError:
        return False
    if not words or os.path.basename(words[0]) != "less":
        return False
    flags = [w for w in words[1:] if w.startswith("-") and not w.startswith("--")]
    # `show` gives less LESS=FRX when the person has set no LESS of their own.
    flags.append("-" + os.environ.get("LESS", "FRX").replace("-", ""))
    return any(("R" in f or "r" in f) for f in flags) or "--RAW-CONTROL-CHARS" in words


def screen_lines() -> int:
    """The terminal's height: its own size, else $LINES, else 24."""
    try:
        lines = os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        lines = 0
    if lines > 0:
        return lines
    given = os.environ.get("LINES", "")
    return int(given) if given.isdigit() and int(given) > 0 else 24


# Past this many rows a terminal gets plain lines too: a rich table row costs about 600 us,
# a plain line a few, and nobody reads five hundred rows without a pager and grep anyway.
PLAIN_PAST_ROWS = 500


def plain_lines_for(rows: int) -> bool:
    """Whether a listing of `rows` goes out as plain lines rather than a rich table: into a
    pipe or a file (no terminal, no $COLUMNS: nothing to lay a table out in), or very long."""
    import os

    laid_out = sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit()
    return not laid_out or rows > PLAIN_PAST_ROWS


# Makes the console to print on: (None, _) for stdout itself, or (a buffer, with colour?).
ConsoleMaker = Callable[[object, bool], "Console"]


def command_for_terminal(no_pager: bool) -> str | None:
    """The pager to use now: None unless stdout is a terminal and a pager is set."""
    return choose(no_pager).command if sys.stdout.isatty() else None


@contextmanager
def paged(no_pager: bool, make_console: ConsoleMaker) -> Iterator[Console]:
    """A console to print long output on: stdout itself, or, on a terminal with a pager, a
    buffer that is paged when it is taller than the screen."""
    command = command_for_terminal(no_pager)
    if command is None:
        yield make_console(None, True)
        return
    import io

    buffer = io.StringIO()
    yield make_console(buffer, keeps_colour(command))
    show(buffer.getvalue(), command)


def page_text(no_pager: bool, text: str) -> None:
    """Plain text (an export) on stdout, through the pager on a terminal."""
    command = command_for_terminal(no_pager)
    if command is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        show(text, command)


def show(text: str, command: str) -> None:
    """`text` through the pager when it is taller than the screen; else printed."""
    if text.count("\n") < screen_lines() or not _through(text, command):
        sys.stdout.write(text)
        sys.stdout.flush()


def _through(text: str, command: str) -> bool:
    """Send `text` to the pager and wait for it; False when it could not start or failed
    before reading anything, so the caller prints the text instead."""
    import shlex
    import signal
    import subprocess

    try:
        words = shlex.split(command)
    except ValueError:
        return False
    if not words:
        return False
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(words, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the person quit the pager before the end: nothing more to show
        code = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    # 0: shown; a signal (negative) or q: the person's doing. Anything else is a pager that
    # failed (a bad option, a missing program behind a wrapper): print the text after all.
    return code <= 0
