"""`mentorlog doctor` without typer: the typer command and the fast path both run this, so a
check reads the same whichever path answers it."""

from __future__ import annotations


def doctor(dir_option: str | None, *, as_json: bool) -> int:
    """Exit 0 when nothing is wrong, 1 when anything is."""
    from mentorlog.cli.messages import say
    from mentorlog.domain.wording import count_of
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
            f"{count_of(len(snapshot.mentors), 'mentor')}, {count_of(len(snapshot.goals), 'goal')}, "
            f"{count_of(len(snapshot.sessions), 'session')}, "
            f"{count_of(len(snapshot.reflections), 'reflection')}"
        )
        say(f"All good: {counts}, no problems found.")
    exposed = service.readable_by_others(journal)
    if exposed:
        say(
            f"Note: {count_of(len(exposed), 'file or folder', 'files or folders')} here can be "
            "read by other users "
            f"(such as {exposed[0]}); `chmod -R go-rwx {journal.root}` makes them private."
        )
    if problems:
        say(f"{count_of(len(problems), 'problem')} found.")
        return 1
    return 0
