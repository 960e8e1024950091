"""The commands of `mentorlog`, by name: where each lives and its one-line help. A command's
module is imported only when that command is chosen (cli/app.py's LazyGroup)."""

from __future__ import annotations

import copy
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any

import typer

from mentorlog.cli import helptext

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
    "agree": (
        "agree",
        "agree",
        "Record what you agreed with a mentor: rhythm, term, review date, confidentiality, "
        "channels, what you bring.",
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
        "chart of each mentor's contacts against their cadence.",
    ),
    "report": (
        "report",
        "report",
        "A page to open in a browser (HTML, nothing fetched): contacts against each cadence, "
        "goals over time and your team's coverage. Example: mentorlog report -o report.html",
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
    "notify": (
        "notify",
        "notify",
        "Today's digest as a desktop notification (names and counts, never notes); "
        "--install sends it every morning.",
    ),
    "import": (
        "imports",
        "app",
        "Add mentors from vCard or CSV files, or past meetings from a calendar (.ics).",
    ),
    "mentor": ("mentor", "app", "Add, change, pause and end mentors."),
    "goal": ("goal", "app", "What you want out of each relationship."),
    "session": ("session", "app", "Calls, emails and messages with mentors."),
    "action": ("action", "app", "The things you said you would do."),
    "reflection": ("reflection", "app", "What you made of a conversation."),
    "ask": ("ask", "app", "Questions to bring to the next call."),
    "meet": ("meet", "app", "Book, list, move and cancel meetings with a mentor."),
    "feedback": (
        "feedback",
        "app",
        "Feedback and weaknesses you are working on; `brief` shows what a mentor can help with.",
    ),
    "git": ("git", "app", "Keep the journal's history in git."),
    "config": ("config", "app", "Your own settings: where the journal is, the pager, the cadence."),
    "template": ("template", "app", "Your own templates for the editor, one per kind of call."),
}
# Command groups: their help page is their table line (a command's is its docstring, so
# `reflect --help` shows the examples of `reflection new`).
_HELP_FROM_TABLE = frozenset(n for n, e in COMMANDS.items() if e[1] == "app")


_LOADED: dict[str, Any] = {}


def load(name: str) -> Any:
    """The click command (or group) called `name` in the table, its module imported now."""
    if name not in _LOADED:
        module, attribute, line = COMMANDS[name]
        target = getattr(import_module(f"mentorlog.cli.commands.{module}"), attribute)
        help_text = line if name in _HELP_FROM_TABLE else None
        if isinstance(target, typer.Typer):
            _LOADED[name] = _group(target, name, help_text)
        else:
            holder = typer.Typer()
            holder.command(name, help=help_text)(target)
            _LOADED[name] = helptext.finish(typer.main.get_group(holder).commands[name])
    return _LOADED[name]


def _group(target: typer.Typer, name: str, help_text: str | None) -> Any:
    """A command group whose sub-commands are built when chosen: typer builds a click command
    by inspecting its function's signature, which for `mentor` is a quarter of the start-up
    of `mentorlog mentor list` if all ten are built."""
    if target.registered_groups:  # nested groups are built whole, as typer builds them
        holder = typer.Typer()
        holder.add_typer(target, name=name, help=help_text)
        return helptext.finish(typer.main.get_group(holder).commands[name])
    shell = copy.copy(target)
    shell.registered_commands = []
    holder = typer.Typer()
    holder.add_typer(shell, name=name, help=help_text)
    group = helptext.finish(typer.main.get_group(holder).commands[name])
    group.commands = _SubCommands(target.registered_commands, holder)
    return group


class _SubCommands(MutableMapping[str, Any]):
    """A group's sub-commands by name, each built (and its help finished) on first use; the
    names alone, in the order they were declared, for listing and parsing."""

    def __init__(self, infos: list[Any], settings: typer.Typer) -> None:
        self._settings = settings  # built as typer.main.get_group would build them
        self._infos = {_name(info): info for info in infos}
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            info = self._infos[name]  # KeyError for an unknown name, as a dict would
            self._built[name] = helptext.finish(
                typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=self._settings.pretty_exceptions_short,
                    rich_markup_mode=self._settings.rich_markup_mode,
                )
            )
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._infos or name in self._built

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._infos), **dict.fromkeys(self._built)})

    def __len__(self) -> int:
        return len(self._infos.keys() | self._built.keys())

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._infos.pop(name, None)
        self._built.pop(name, None)


def _name(info: Any) -> str:
    name = info.name or typer.main.get_command_name(info.callback.__name__)
    assert isinstance(name, str)
    return name
