"""The root command: global options, a lazy table of the sub-commands, and the run that sends
every failure to the one exit point (cli/exits.py)."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from mentorlog import __version__
from mentorlog.cli import option_table
from mentorlog.cli.context import State
from mentorlog.cli.options import option

# name -> (module, attribute, one-line help). The attribute is a command function or, for a
# command group, the module's typer app. A module is imported only when its command runs, so
# `mentorlog mentor list` does not pay for the other nineteen; `mentorlog --help` lists them
# from here.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("journal", "init", "Create a journal folder (does nothing to an existing one)."),
    "path": ("journal", "path", "Print where the journal is."),
    "doctor": (
        "journal",
        "doctor",
        "Check every file: what is wrong, where, and how to fix it. Exits 1 if anything is.",
    ),
    "due": (
        "due",
        "due",
        "Who to get back in touch with: overdue and soon-due mentors, actions to report back "
        "on, calls to reflect on, and thank-yous owed.",
    ),
    "search": (
        "search",
        "search",
        "Find records by what they say, newest first (case and accents ignored).",
    ),
    "export": (
        "export",
        "export",
        "Export the journal (or part of it) as Markdown, JSON or iCalendar.",
    ),
    "calendar": (
        "export",
        "calendar",
        "Your next check-ins as an iCalendar file to import (same as `export --format ics`).",
    ),
    "reflect": ("reflection", "new", "Write a reflection (short for `reflection new`)."),
    "brief": (
        "brief",
        "brief",
        "One page to prepare a call: who they are, what is missing from a good start, what the "
        "call is for and what you queued, what to report back on, what moved, and what they "
        "taught you before.",
    ),
    "thank": ("thank", "thank", 'Record a thank-you to a mentor (a session of kind "thanks").'),
    "team": (
        "team",
        "team",
        "Your dream team: each mentor's career stage, what they help with, whether you keep in "
        "touch, how they cover your open goals, and the perspectives still missing.",
    ),
    "timeline": (
        "timeline",
        "timeline",
        "Everything with one mentor in date order: how it began, what you shared and asked, "
        "each session and lesson, goals and actions, thanks, and how it ended.",
    ),
    "lessons": (
        "lessons",
        "lessons",
        "Lessons and stories from every session (the bullets under `## Lessons`), grouped by "
        "mentor or by tag, with the date and session they came from.",
    ),
    "review": (
        "review",
        "review",
        "Look back over a period: contacts by kind, the rhythm kept with each mentor, actions "
        "done and still open, how goals moved, lessons learned, reflections written, and a "
        "chart of contacts per month.",
    ),
    "recover": (
        "recover",
        "recover",
        "List text kept from an editor when it could not be saved, or reopen one.",
    ),
    "sync": (
        "sync",
        "sync",
        "Commit, merge what other machines sent, and send this machine's changes (git).",
    ),
    "undo": (
        "sync",
        "undo",
        "Take back mentorlog's last change (a new commit reverts it; nothing is lost).",
    ),
    "log": ("sync", "log", "Recent changes to the journal, newest first."),
    "history": ("sync", "log", "Recent changes to the journal (same as `log`)."),
    "import": ("imports", "app", "Add mentors from vCard or CSV files."),
    "mentor": ("mentor", "app", "Add, change, pause and end mentors."),
    "goal": ("goal", "app", "What you want out of each relationship."),
    "session": ("session", "app", "Calls, emails and messages with mentors."),
    "action": ("action", "app", "The things you said you would do."),
    "reflection": ("reflection", "app", "What you made of a conversation."),
    "ask": ("ask", "app", "Questions to bring to the next call."),
    "git": ("git", "app", "Keep the journal's history in git."),
}
# Commands whose help page is their table line, not their docstring.
_HELP_FROM_TABLE = frozenset(
    {"reflect", "history", *(n for n, e in COMMANDS.items() if e[1] == "app")}
)


_LOADED: dict[str, Any] = {}


class LazyGroup(TyperGroup):
    """Loads a command's module only when that command is chosen; the help listing is made
    from the table alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._listing = False
        super().__init__(*args, **kwargs)

    @property
    def commands(self) -> dict[str, Any]:
        """Every command, loaded (for the reference docs and tests that walk the tree)."""
        return {name: self._load(name) for name in COMMANDS}

    @commands.setter
    def commands(self, _: object) -> None:
        """Typer hands the group its registered commands: there are none, all are in COMMANDS."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if self._listing:
            return TyperCommand(cmd_name, short_help=COMMANDS[cmd_name][2])
        return self._load(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def _load(self, name: str) -> Any:
        return load(name)


def load(name: str) -> Any:
    """The click command (or group) called `name` in the table, its module imported now."""
    if name not in _LOADED:
        module, attribute, line = COMMANDS[name]
        target = getattr(import_module(f"mentorlog.cli.commands.{module}"), attribute)
        holder = typer.Typer()
        help_text = line if name in _HELP_FROM_TABLE else None
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=name, help=help_text)
        else:
            holder.command(name, help=help_text)(target)
        _LOADED[name] = typer.main.get_group(holder).commands[name]
    return _LOADED[name]


app = typer.Typer(
    name="mentorlog",
    cls=LazyGroup,
    help="A personal mentorship journal: mentors, goals, session notes, reflections, "
    "and who to get back in touch with.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from mentorlog.cli.exits import Finished

        sys.stdout.write(f"mentorlog {__version__}\n")
        raise Finished(0)


@app.callback()
def root(
    ctx: typer.Context,
    directory: Annotated[str | None, option(option_table.DIR)] = option_table.DIR.default,
    version: Annotated[
        bool, option(option_table.VERSION, callback=_version, is_eager=True)
    ] = option_table.VERSION.default,
) -> None:
    ctx.obj = State(dir_option=directory)


def run(args: list[str]) -> int:
    """Run the CLI; every failure goes to the one exit point. In a journal that keeps its
    history in git, commit what a successful command changed."""
    from mentorlog.cli import autocommit
    from mentorlog.cli.exits import exit_code
    from mentorlog.cli.messages import check_arguments

    watch = None
    try:
        check_arguments(args)
        watch = autocommit.watch(args)
        result = app(args=args, prog_name="mentorlog", standalone_mode=False)
        code = result if isinstance(result, int) else 0
        if code == 0 and watch is not None:
            autocommit.stop(watch)
            autocommit.raise_failure(watch)
    except BaseException as exc:
        code = exit_code(exc)
    finally:
        if watch is not None:
            autocommit.stop(watch)
    return code
