"""The one place a failure becomes a line on stderr and an exit code, for the fast path and
the full CLI alike. Commands raise; they never choose an exit code by hand. Lean on purpose:
click is looked at only when it is already loaded (the full CLI), never imported here."""

from __future__ import annotations

import sys

from mentorlog.cli.messages import say
from mentorlog.errors import MentorlogError

INTERRUPTED = 130
BROKEN_PIPE = 1  # as typer reports it for the full CLI
INTERNAL = 70


class Interrupted(BaseException):
    """Ctrl-C inside the full CLI, carried past typer, which would turn a KeyboardInterrupt
    into a silent exit 130 before it reached this module."""


class Finished(Exception):
    """The command has done its work and says so by its exit code alone: `due --quiet` with
    nothing due, `doctor` that found problems, git's own code for `git remote`."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def report(exc: MentorlogError) -> None:
    """A mentorlog error as one line: what is wrong, and how to fix it."""
    say(f"mentorlog: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))


def exit_code(exc: BaseException) -> int:
    """Say what went wrong (one line, no traceback) and return the process's exit code."""
    if isinstance(exc, Finished):
        return exc.code
    if isinstance(exc, MentorlogError):
        report(exc)
        return exc.exit_code
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if isinstance(exc, (KeyboardInterrupt, Interrupted)):
        say("mentorlog: interrupted; nothing was written")
        return INTERRUPTED
    if isinstance(exc, BrokenPipeError):
        return _reader_gone()
    from_click = _click_exit(exc)
    if from_click is not None:
        return from_click
    import os

    if os.environ.get("MENTORLOG_DEBUG"):
        raise exc
    # Never the exception's text: it may quote a confidential note.
    say(
        f"mentorlog: unexpected internal error ({type(exc).__name__}); "
        "set MENTORLOG_DEBUG=1 to see the traceback"
    )
    return INTERNAL


def _reader_gone() -> int:
    """The reader of stdout has gone (`mentorlog ... | head`): nothing more to say, and
    nothing left for the interpreter to flush into the closed pipe at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return BROKEN_PIPE


def _click_exit(exc: BaseException) -> int | None:
    """Errors of the command-line parser (only the full CLI loads it)."""
    click = sys.modules.get("typer._click.exceptions")
    typer = sys.modules.get("typer.exceptions")
    if click is None or typer is None:
        return None
    if isinstance(exc, click.NoArgsIsHelpError):
        # `mentorlog` or `mentorlog mentor` alone: show the help, as people expect.
        exc.show()
        return 0
    if isinstance(exc, click.ClickException):
        message = " ".join(exc.format_message().split())
        failed_in = getattr(exc, "ctx", None)  # usage errors know their command; others not
        command = " ".join(failed_in.command_path.split()) if failed_in else "mentorlog"
        say(f"mentorlog: {message} (see `{command} --help`)")
        return int(exc.exit_code)
    if isinstance(exc, typer.Abort) and isinstance(exc.__context__, KeyboardInterrupt):
        # Click makes Ctrl-C at a prompt an Abort, as it does the end of input.
        return exit_code(exc.__context__)
    if isinstance(exc, typer.Abort):
        say("mentorlog: cancelled; nothing was written")
        return 1
    if isinstance(exc, typer.Exit):
        return int(exc.exit_code)
    return None
