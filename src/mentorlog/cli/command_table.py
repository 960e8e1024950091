"""The commands of `mentorlog`, by name: where each lives and its one-line help. A command's
module is imported only when that command is chosen (cli/app.py's LazyGroup)."""

from __future__ import annotations

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
        holder = typer.Typer()
        help_text = line if name in _HELP_FROM_TABLE else None
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=name, help=help_text)
        else:
            holder.command(name, help=help_text)(target)
        _LOADED[name] = helptext.finish(typer.main.get_group(holder).commands[name])
    return _LOADED[name]
