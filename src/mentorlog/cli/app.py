"""The root command: global options, the sub-commands, and the one place errors become
messages and exit codes."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mentorlog import __version__
from mentorlog.cli.context import State
from mentorlog.cli.messages import check_arguments, failed, report, say
from mentorlog.errors import MentorlogError

app = typer.Typer(
    name="mentorlog",
    help="A personal mentorship journal: mentors, goals, session notes, reflections, "
    "and who to get back in touch with.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mentorlog {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Option(
            "--dir",
            "-d",
            help="The journal folder. Default: $MENTORLOG_DIR, then the platform data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = State(dir_option=directory)


def _register() -> None:
    from mentorlog.cli.commands import due, goal, journal, mentor

    journal.register(app)
    due.register(app)
    from mentorlog.cli.commands import search

    search.register(app)
    from mentorlog.cli.commands import export

    export.register(app)
    from mentorlog.cli.commands import imports

    app.add_typer(imports.app, name="import", help="Add mentors from vCard or CSV files.")
    app.add_typer(mentor.app, name="mentor", help="Add, change, pause and end mentors.")
    app.add_typer(goal.app, name="goal", help="What you want out of each relationship.")
    from mentorlog.cli.commands import action, reflection, session

    app.add_typer(session.app, name="session", help="Calls, emails and messages with mentors.")
    app.add_typer(action.app, name="action", help="The things you said you would do.")
    app.add_typer(reflection.app, name="reflection", help="What you made of a conversation.")
    app.command("reflect", help="Write a reflection (short for `reflection new`).")(reflection.new)
    from mentorlog.cli.commands import ask, brief, lessons, review, team, thank, timeline

    brief.register(app)
    app.add_typer(ask.app, name="ask", help="Questions to bring to the next call.")
    thank.register(app)
    team.register(app)
    timeline.register(app)
    lessons.register(app)
    review.register(app)
    from mentorlog.cli.commands import recover

    recover.register(app)
    from mentorlog.cli.commands import git, sync

    sync.register(app)
    app.add_typer(git.app, name="git", help="Keep the journal's history in git.")


_register()


def run(args: list[str]) -> int:
    """Run the CLI; turn every known failure into one line on stderr and an exit code. In a
    journal that keeps its history in git, commit what a successful command changed."""
    from mentorlog.cli import autocommit

    try:
        check_arguments(args)
        watch = autocommit.watch(app, args)
    except MentorlogError as exc:
        report(exc)
        return exc.exit_code
    try:
        code = _run(args)
    finally:
        if watch is not None:
            autocommit.stop(watch)
    if code == 0 and watch is not None:
        code = autocommit.record(watch, report)
    return code


def _run(args: list[str]) -> int:
    from typer import Abort
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    try:
        result = app(args=args, prog_name="mentorlog", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        # `mentorlog` or `mentorlog mentor` alone: show the help, as people expect.
        exc.show()
        return 0
    except ClickException as exc:
        # Usage errors from the argument parser: one line too, like every other error.
        message = " ".join(exc.format_message().split())
        failed_in = getattr(exc, "ctx", None)  # usage errors know their command; others not
        command = " ".join(failed_in.command_path.split()) if failed_in else "mentorlog"
        say(f"mentorlog: {message} (see `{command} --help`)")
        return exc.exit_code
    except Abort:
        sys.stderr.write("mentorlog: cancelled; nothing was written\n")
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except (Exception, KeyboardInterrupt) as exc:
        return failed(exc)
    return result if isinstance(result, int) else 0
