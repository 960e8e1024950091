"""`mentorlog sync`, `undo` and `log`: the journal's history and its copies on other machines."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.options import JSON, YES, JsonFlag, Yes
from mentorlog.domain.wording import count_of


def sync(ctx: typer.Context) -> None:
    """Commit, merge what other machines sent, and send this machine's changes (git).

    \b
    Examples:
      mentorlog sync
    """
    from mentorlog.errors import Conflict
    from mentorlog.services import sync as service

    report = service.sync(context.journal(ctx))
    where = f"{report.remote}/{report.branch}"
    if report.committed:
        context.say(f"Committed {report.committed}")
    if report.received:
        context.say(f"Received {count_of(report.received, 'change')} from {where}.")
    for kept, other in report.renamed:
        context.say(
            f"Both machines recorded {kept}: both are kept; the other machine's is now {other}."
        )
    for kept in report.kept_edited:
        context.say(
            f"Kept {kept}: it was changed on one machine and deleted on the other. "
            f"Delete it again if you meant to."
        )
    if report.conflicts:
        files = ", ".join(report.conflicts)
        raise Conflict(
            f"{files} changed on both machines; both versions are in the file between "
            "conflict markers and nothing was sent",
            "keep the right lines, delete the <<<<<<< ======= >>>>>>> lines, "
            "then run `mentorlog sync` again",
        )
    if report.sent:
        first = " (tracking set up)" if report.first_push else ""
        context.say(f"Sent {count_of(report.sent, 'change')} to {where}{first}.")
    if not (report.received or report.sent):
        context.say(f"Up to date with {where}.")


def undo(ctx: typer.Context, yes: Yes = YES.default) -> None:
    """Take back mentorlog's last change (a new commit reverts it; nothing is lost).

    \b
    Examples:
      mentorlog undo
      mentorlog undo --yes
    """
    from mentorlog.services import history

    def confirm(question: str) -> bool:
        if yes:
            return True
        if not context.is_interactive():
            return False
        return typer.confirm(question, default=False, err=True)

    undone = history.undo(context.journal(ctx), confirm)
    context.say(f"Undone: {undone.subject}")
    context.say("`mentorlog undo` again would bring it back.")


def log(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", help="How many changes to show.")
    ] = 20,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Recent changes to the journal, newest first.

    \b
    Examples:
      mentorlog log
      mentorlog log -n 50
    """
    from mentorlog.render import history as render_history
    from mentorlog.services import history

    found = history.entries(context.journal(ctx), limit)
    if as_json:
        context.dump_json([render_history.entry_json(entry) for entry in found])
    elif found:
        with context.paged(ctx) as console:
            console.print(render_history.history_table(found))
    else:
        context.say("No changes recorded yet.")
