"""The one progress line for long work (a cold read, search, import, export), on stderr.

Shown only when stderr is a terminal, and only once the work has taken half a second, so
quick commands never flash and a pipe or a log gets nothing. Lean on purpose (no rich): the
fast path of `due` uses it. The work reports through a plain callable, `(done, total)`, with
total 0 when it is not known yet; nothing below the CLI imports this module."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY = 0.5  # seconds of work before anything is shown
WIDTH = 30


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self.started = time.monotonic()
        self.shown = False
        self.next_look = 0  # the count at which the clock is read again
        self.longest = 0

    def __call__(self, done: int, total: int) -> None:
        # Reading the clock for each of 100,000 files would cost more than the drawing:
        # look about 200 times over the whole work.
        if not self.enabled or (done < self.next_look and done != total):
            return
        self.next_look = done + max(1, total // 200 if total else 100)
        if not self.shown and time.monotonic() - self.started < DELAY:
            return
        self.shown = True
        if total:
            filled = WIDTH * min(done, total) // total
            line = f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}"
        else:
            line = f"{self.label}... {done}"
        self.longest = max(self.longest, len(line))
        self.stream.write("\r" + line.ljust(self.longest))
        self.stream.flush()

    def finish(self) -> None:
        """Clear the line, so what follows starts on a clean one."""
        if self.shown:
            self.stream.write("\r" + " " * self.longest + "\r")
            self.stream.flush()
            self.shown = False


@contextmanager
def shown(label: str) -> Iterator[Progress]:
    """A progress line for the work inside the block, cleared when it ends (or fails)."""
    progress = Progress(label)
    try:
        yield progress
    finally:
        progress.finish()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
