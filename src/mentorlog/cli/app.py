"""The root command: global options, a lazy table of the sub-commands, and the run that sends
every failure to the one exit point (cli/exits.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from mentorlog import __version__
from mentorlog.cli import option_table
from mentorlog.cli.command_table import COMMANDS, load
from mentorlog.cli.context import State, state
from mentorlog.cli.options import option

PROG = "mentorlog"
# The variable the shell's completion script sets to ask mentorlog for completions.
COMPLETE_VAR = "_MENTORLOG_COMPLETE"


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

    # Typer turns a KeyboardInterrupt raised in parsing or in a command into a silent exit
    # 130; carried past it as Interrupted, Ctrl-C reaches the one exit point like any failure.
    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _carry_interrupt():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _carry_interrupt():
            return super().invoke(ctx)


@contextmanager
def _carry_interrupt() -> Iterator[None]:
    from mentorlog.cli.exits import Interrupted

    try:
        yield
    except KeyboardInterrupt as exc:
        raise Interrupted from exc


app = typer.Typer(
    name="mentorlog",
    cls=LazyGroup,
    help="A personal mentorship journal: mentors, goals, session notes, reflections, "
    "and who to get back in touch with.",
    no_args_is_help=True,
    add_completion=False,  # our own --show-completion SHELL and --install-completion SHELL
    rich_markup_mode=None,  # plain help: see cli/helptext.py
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from mentorlog.cli.exits import Finished

        sys.stdout.write(f"mentorlog {__version__}\n")
        raise Finished(0)


def _shell(value: str) -> str:
    from mentorlog.cli.complete import SHELLS
    from mentorlog.errors import UsageError

    shell = value.strip().lower()
    if shell not in SHELLS:
        raise UsageError(
            f"no completion for the shell '{value}'", "use bash, zsh, fish or powershell"
        )
    return shell


def _show_completion(value: str | None) -> None:
    if value is None:
        return
    from typer._completion_shared import get_completion_script

    from mentorlog.cli.exits import Finished

    script = get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=_shell(value))
    sys.stdout.write(script + "\n")
    raise Finished(0)


def _install_completion(value: str | None) -> None:
    if value is None:
        return
    from typer._completion_shared import install

    from mentorlog.cli.exits import Finished
    from mentorlog.cli.messages import say

    shell, path = install(shell=_shell(value), prog_name=PROG, complete_var=COMPLETE_VAR)
    say(f"Installed {shell} completion in {path}; it works in terminals opened from now on.")
    raise Finished(0)


@app.callback(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog due\n"
        "  mentorlog session new -m ruth --topic 'Budget review' --notes 'Start with the risks.'\n"
        "  mentorlog --dir ~/work-journal team\n"
    )
)
def root(
    ctx: typer.Context,
    directory: Annotated[str | None, option(option_table.DIR)] = option_table.DIR.default,
    no_pager: Annotated[bool, option(option_table.NO_PAGER)] = option_table.NO_PAGER.default,
    version: Annotated[
        bool, option(option_table.VERSION, callback=_version, is_eager=True)
    ] = option_table.VERSION.default,
    show_completion: Annotated[
        str | None,
        option(
            option_table.SHOW_COMPLETION,
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
        ),
    ] = option_table.SHOW_COMPLETION.default,
    install_completion: Annotated[
        str | None,
        option(
            option_table.INSTALL_COMPLETION,
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
        ),
    ] = option_table.INSTALL_COMPLETION.default,
) -> None:
    # `run` may have put the recorder of the journal's history in the state already.
    current = state(ctx)
    current.dir_option = directory
    current.no_pager = no_pager


def run(args: list[str]) -> int:
    """Run the CLI; every failure goes to the one exit point. In a journal that keeps its
    history in git, commit what a successful command changed."""
    from mentorlog.cli import autocommit
    from mentorlog.cli.exits import Interrupted, exit_code
    from mentorlog.cli.option_table import check_arguments

    if COMPLETE_VAR in os.environ:
        # The shell asks for completions: typer's answer for each shell, as its scripts expect.
        from typer._completion_classes import completion_init

        completion_init()
    try:
        check_arguments(args)
        from mentorlog.user import config as userconfig

        userconfig.check(args)
        recorder = autocommit.watch(args)
        result = app(args=args, prog_name=PROG, standalone_mode=False, obj=State(recorder=recorder))
        code = result if isinstance(result, int) else 0
        if code == 0 and recorder is not None:
            autocommit.raise_failure(recorder)
    except (Exception, KeyboardInterrupt, SystemExit, Interrupted) as exc:
        code = exit_code(exc)
    return code
