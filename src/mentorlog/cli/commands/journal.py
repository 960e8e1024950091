"""Commands about the journal itself: init, path, doctor."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.exits import Finished
from mentorlog.cli.options import JSON, JsonFlag
from mentorlog.domain.wording import count_of
from mentorlog.journal.layout import locate
from mentorlog.journal.storage import Journal


def init(
    ctx: typer.Context,
    folder: Annotated[
        str | None,
        typer.Argument(
            help="Where to create it. Default: --dir, $MENTORLOG_DIR, or the platform data folder."
        ),
    ] = None,
    use_git: Annotated[
        bool,
        typer.Option("--git", help="Keep its history in git: one commit per change (see sync)."),
    ] = False,
) -> None:
    """Create a journal folder (does nothing to an existing one).

    \b
    Examples:
      mentorlog init
      mentorlog init ~/mentoring --git
    """
    from mentorlog.services import journal as service

    if folder:
        target = Journal(locate(folder, "the folder"))
    else:
        target = Journal(locate(context.state(ctx).dir_option))
    if service.init(target):
        context.say(f"Created a new journal at {target.root}")
    elif not use_git:
        context.say(f"There already is a journal at {target.root}; nothing changed")
    if use_git:
        from mentorlog.services import history

        history.enable(target)
        context.say("Its history is kept in git: see `mentorlog log` and `mentorlog sync`.")


def path(ctx: typer.Context) -> None:
    """Print where the journal is.

    \b
    Examples:
      mentorlog path
      cd "$(mentorlog path)"
    """
    from mentorlog.cli import lean

    lean.path(context.state(ctx).dir_option)


def doctor(ctx: typer.Context, as_json: JsonFlag = JSON.default) -> None:
    """Check every file: what is wrong, where, and how to fix it. Exits 1 if anything is.

    \b
    Examples:
      mentorlog doctor
      mentorlog doctor --json
    """
    from mentorlog.render.json import problem
    from mentorlog.services import journal as service

    journal = context.journal(ctx)
    snapshot, problems = service.doctor(journal)
    if as_json:
        context.dump_json([problem(p) for p in problems])
    elif problems:
        from mentorlog.render import tables as render

        context.out().print(render.problems(problems))
    else:
        counts = (
            f"{count_of(len(snapshot.mentors), 'mentor')}, {count_of(len(snapshot.goals), 'goal')}, "
            f"{count_of(len(snapshot.sessions), 'session')}, "
            f"{count_of(len(snapshot.reflections), 'reflection')}"
        )
        context.say(f"All good: {counts}, no problems found.")
    exposed = service.readable_by_others(journal)
    if exposed:
        context.say(
            f"Note: {count_of(len(exposed), 'file or folder', 'files or folders')} here can be "
            "read by other users "
            f"(such as {exposed[0]}); `chmod -R go-rwx {journal.root}` makes them private."
        )
    if problems:
        context.say(f"{count_of(len(problems), 'problem')} found.")
        raise Finished(1)
