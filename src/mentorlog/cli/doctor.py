"""`mentorlog doctor` without typer: the typer command and the fast path both run this, so a
check reads the same whichever path answers it."""

from __future__ import annotations


def doctor(dir_option: str | None, *, as_json: bool) -> int:
    """Exit 0 when nothing is wrong, 1 when anything is."""
    from mentorlog.cli.messages import say
    from mentorlog.journal.layout import locate
    from mentorlog.journal.storage import Journal
    from mentorlog.render.json import emit, problem
    from mentorlog.services import journal as service

    journal = Journal(locate(dir_option))
    snapshot, problems = service.doctor(journal)
    if as_json:
        emit([problem(p) for p in problems])
    elif problems:
        # rich draws the table of problems: paid for only when there is one to show
        from mentorlog.cli.context import out
        from mentorlog.render import tables as render

        out().print(render.problems(problems))
    else:
        counts = (
            f"{len(snapshot.mentors)} mentors, {len(snapshot.goals)} goals, "
            f"{len(snapshot.sessions)} sessions, {len(snapshot.reflections)} reflections"
        )
        say(f"All good: {counts}, no problems found.")
    exposed = service.readable_by_others(journal)
    if exposed:
        say(
            f"Note: {len(exposed)} file(s) or folder(s) here can be read by other users "
            f"(such as {exposed[0]}); `chmod -R go-rwx {journal.root}` makes them private."
        )
    if problems:
        say(f"{len(problems)} problem(s) found.")
        return 1
    return 0
