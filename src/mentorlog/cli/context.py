"""What every command needs: the journal, today, consoles, and how to say things."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from mentorlog.cli import clock
from mentorlog.cli.listing import out as out
from mentorlog.cli.messages import echo_resolved as echo_resolved
from mentorlog.cli.messages import parse_date_option as parse_date_option
from mentorlog.cli.messages import plain_style as plain_style
from mentorlog.cli.messages import resolve_date as resolve_date
from mentorlog.cli.messages import say as say
from mentorlog.cli.messages import warn_problems as warn_problems
from mentorlog.journal.layout import locate
from mentorlog.journal.storage import Journal

if TYPE_CHECKING:
    from rich.console import Console

    from mentorlog.cli.autocommit import Recorder


@dataclass(slots=True)
class State:
    dir_option: str | None = None
    no_pager: bool = False
    # In a journal that keeps its history in git, what commits the command's changes.
    recorder: Recorder | None = None


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def journal(ctx: typer.Context) -> Journal:
    """The command's journal; in one that keeps its history in git, given the recorder that
    commits each of its locked changes (cli/autocommit.py)."""
    current = state(ctx)
    root = locate(current.dir_option)
    recorder = current.recorder
    return Journal(root, recorder if recorder is not None and recorder.keeps(root) else None)


def writable_journal(ctx: typer.Context) -> Journal:
    """The journal, created on the first write (and said so on stderr)."""
    from mentorlog.cli import lean

    return lean.created(journal(ctx))


def today() -> date:
    return clock.today()


@contextmanager
def paged(ctx: typer.Context) -> Iterator[Console]:
    """The console for output that can run longer than the screen (cli/pager.py): on a
    terminal it is paged when it does not fit."""
    from mentorlog.cli import pager

    with pager.paged(state(ctx).no_pager, _console_into) as console:
        yield console


def page_text(ctx: typer.Context, text: str) -> None:
    from mentorlog.cli import pager

    pager.page_text(state(ctx).no_pager, text)


def _console_into(buffer: Any, colour: bool) -> Console:
    """`out()`, or a console laid out for this terminal that writes into `buffer`."""
    if buffer is None:
        return out()
    from mentorlog.cli.messages import terminal_width
    from mentorlog.render.tables import SafeConsole

    return SafeConsole(
        plain_style=plain_style() or not colour,
        file=buffer,
        force_terminal=True,
        width=terminal_width(),
        soft_wrap=False,
    )


def err() -> Console:
    from mentorlog.render.tables import SafeConsole

    return SafeConsole(plain_style=plain_style(), stderr=True)


def dump_json(data: Any) -> None:
    from mentorlog.render import json as render_json

    render_json.emit(data)


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def resolve_cadence(text: str | None):  # type: ignore[no-untyped-def]
    if text is None:
        return None
    from mentorlog.domain.dates import parse_cadence

    return parse_cadence(text)


def confirm(question: str, yes: bool) -> None:
    """Ask before destroying something; without a terminal, refuse unless --yes was given."""
    from mentorlog.errors import UsageError

    if yes:
        return
    if not is_interactive():
        raise UsageError(
            f"not done: it needs a yes to “{question}”, and there is no terminal to ask on",
            "pass --yes to confirm",
        )
    if not typer.confirm(question, default=False, err=True):
        from mentorlog.cli.exits import Finished

        raise Finished(1)


def load(ctx: typer.Context, details: bool = True):  # type: ignore[no-untyped-def]
    """Read the journal for a read command, warning (on stderr) about files it could not read.
    Without `details`, sessions are summaries (see Reader.load): for a command that shows only
    dates, mentors and open actions; Journal.in_full builds the ones it shows in full."""
    from mentorlog.cli import progress

    with progress.shown("Reading the journal") as on_progress:
        snapshot = journal(ctx).load(on_progress=on_progress, details=details)
    warn_problems(snapshot.problems)
    return snapshot


def load_about(ctx: typer.Context, mentor_text: str):  # type: ignore[no-untyped-def]
    """`load` for a command about one mentor: (the snapshot, with only that mentor's sessions,
    and the mentor `mentor_text` names)."""
    from mentorlog.cli import progress
    from mentorlog.services import focus

    with progress.shown("Reading the journal") as on_progress:
        snapshot, chosen = focus.about_mentor(journal(ctx), mentor_text, on_progress)
    warn_problems(snapshot.problems)
    return snapshot, chosen
