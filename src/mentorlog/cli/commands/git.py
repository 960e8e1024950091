"""`mentorlog git ...`: keep the journal's history in git. `init`, `remote` and `commit` are
mentorlog's own; any other git command runs as typed, in the journal folder."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mentorlog.cli import context
from mentorlog.cli.exits import Finished

_PASS_ON = "passthrough"
_EXTRA_ARGS: dict[str, Any] = {"allow_extra_args": True, "ignore_unknown_options": True}


class _PassUnknownToGit(TyperGroup):
    """A group whose unknown sub-commands (`log`, `status`, `diff`...) go to git itself."""

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        if args and args[0] not in self.commands:
            return _PASS_ON, self.commands[_PASS_ON], args
        return super().resolve_command(ctx, args)


app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog git init\n"
        "  mentorlog git remote add origin git@example.org:me/mentoring.git\n"
    ),
    cls=_PassUnknownToGit,
    no_args_is_help=True,
    context_settings=_EXTRA_ARGS,
    help="Keep the journal's history in git. Any git command not listed here "
    "(`mentorlog git log -p`, `mentorlog git status`) runs in the journal folder.",
)


def _run_git(ctx: typer.Context, args: list[str]) -> int:
    from mentorlog.git import repo as gitsync
    from mentorlog.services.history import require_repository

    journal = context.journal(ctx)
    if not gitsync.is_repository(journal.root):  # a clone with no journal yet is fine
        require_repository(journal)
    return gitsync.passthrough(journal.root, args)


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Keep this journal's history in git: one commit per change mentorlog makes.

    \b
    Examples:
      mentorlog git init
    """
    from mentorlog.services import history

    journal = context.journal(ctx)
    created = history.enable(journal)
    if created:
        context.say(f"The journal at {journal.root} now keeps its history in git.")
    else:
        context.say(f"mentorlog now commits every change to the git repository at {journal.root}.")
    context.say("To use it on another machine: `mentorlog git remote add origin URL`, then sync.")


@app.command("clone")
def clone(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="Where the journal is: a URL or a path.")],
    folder: Annotated[
        str | None,
        typer.Argument(help="Where to put it. Default: --dir, $MENTORLOG_DIR, or the data folder."),
    ] = None,
) -> None:
    """Bring a journal kept on another machine here (its files private to you).

    \b
    Examples:
      mentorlog git clone git@example.org:me/mentoring.git
      mentorlog git clone ~/usb/mentoring ~/mentoring
    """
    from mentorlog.journal.layout import locate
    from mentorlog.services import sync

    journal = sync.clone(url, locate(folder or context.state(ctx).dir_option))
    context.say(f"Cloned the journal into {journal.root}; `mentorlog sync` keeps it up to date.")
    if not journal.is_journal():
        context.say(f"mentorlog: warning: {journal.root} has no mentorlog.toml; is it a journal?")


@app.command("remote", context_settings=_EXTRA_ARGS, add_help_option=False)
def remote(ctx: typer.Context) -> None:
    """Where the journal syncs to: `mentorlog git remote add origin URL` (runs `git remote`)."""
    code = _run_git(ctx, ["remote", *ctx.args])
    if code == 0 and ctx.args[:1] == ["add"]:
        context.say("Run `mentorlog sync` to send the journal there.")
    if code:
        raise Finished(code)


@app.command("commit")
def commit(
    ctx: typer.Context,
    message: Annotated[
        str | None,
        typer.Option(
            "--message",
            "-m",
            metavar="TEXT",
            help="The commit message (default: the ids of the records you edited). "
            "It travels with the journal: keep note text out of it.",
        ),
    ] = None,
) -> None:
    """Commit the edits you made to the journal's files by hand.

    \b
    Examples:
      mentorlog git commit
      mentorlog git commit -m 'Notes from the offsite'
    """
    from mentorlog.services import history

    subject = history.commit(context.journal(ctx), message)
    if subject is None:
        context.say("Nothing to commit: the journal has no uncommitted changes.")
    else:
        context.say(f"Committed: {subject}")


@app.command(_PASS_ON, hidden=True, context_settings=_EXTRA_ARGS, add_help_option=False)
def passthrough(ctx: typer.Context) -> None:
    """Run any other git command in the journal folder."""
    code = _run_git(ctx, list(ctx.args))
    if code:
        raise Finished(code)
