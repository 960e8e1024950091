"""The listings (`mentor list`, `goal list`, `action list`, `reflection list`, `ask list`,
`feedback list`) without typer:
the typer commands and the fast path both run these, so a listing reads the same whichever
path answers it. rich is imported only to draw a table on a terminal (cli/listing.py)."""

from __future__ import annotations

from mentorlog.cli.messages import say, warn_problems

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mentorlog.journal.reader import Snapshot
    from mentorlog.journal.storage import Journal


def _journal(dir_option: str | None) -> Journal:
    from mentorlog.journal.layout import locate
    from mentorlog.journal.storage import Journal

    return Journal(locate(dir_option))


def _read(journal: Journal, details: bool = True) -> Snapshot:
    """The journal read for a listing, with a warning (stderr) per file it could not read."""
    from mentorlog.cli import progress

    with progress.shown("Reading the journal") as on_progress:
        snapshot = journal.load(on_progress=on_progress, details=details)
    warn_problems(snapshot.problems)
    return snapshot


def _names(snapshot: Snapshot) -> dict[str, str]:
    return {m.id: m.name for m in snapshot.mentors.values()}


def mentor_list(dir_option: str | None, *, show_all: bool, as_json: bool) -> int:
    from mentorlog.cli import clock

    snapshot = _read(_journal(dir_option))
    today = clock.today()
    items = sorted(snapshot.mentors.values(), key=lambda m: m.name.casefold())
    if not show_all:
        items = [m for m in items if not m.ended_on(today)]
    if as_json:
        from mentorlog.render import json as render_json

        render_json.emit([render_json.mentor(m, today) for m in items])
        return 0
    if not items:
        say("No mentors yet. Add one with `mentorlog mentor add NAME`.")
        return 0
    from mentorlog.cli.listing import show
    from mentorlog.render import lists

    show(lists.mentors(items, today, str(snapshot.settings.default_cadence)))
    return 0


def goal_list(dir_option: str | None, *, show_all: bool, mentor: str | None, as_json: bool) -> int:
    from mentorlog.cli import clock
    from mentorlog.services import goals

    snapshot = _read(_journal(dir_option))
    items = goals.listed(snapshot, clock.today(), show_all=show_all, mentor=mentor)
    if as_json:
        from mentorlog.render import json as render_json

        render_json.emit([render_json.goal(g) for g in items])
        return 0
    if not items:
        say(
            "No open goals. Write one down with `mentorlog goal add TITLE`."
            if not show_all
            else "No goals yet."
        )
        return 0
    from mentorlog.cli.listing import show
    from mentorlog.render import lists

    show(lists.goals(items, _names(snapshot)))
    return 0


def action_list(
    dir_option: str | None, *, show_all: bool, mentor: str | None, as_json: bool
) -> int:
    from mentorlog.cli import clock
    from mentorlog.services import actions, resolve

    journal = _journal(dir_option)
    # Without details: sessions carry their open actions, and --all builds each in full.
    snapshot = _read(journal, details=False)
    today = clock.today()
    mentor_id = resolve.mentor(snapshot.mentors, mentor).id if mentor else None
    items = actions.listing(
        snapshot,
        include_done=show_all,
        mentor_id=mentor_id,
        in_full=lambda sessions: journal.in_full(snapshot, sessions),
    )
    if as_json:
        from mentorlog.render import json as render_json

        render_json.emit_list(
            render_json.action(x.action, x.session.mentor, x.session.date, today) for x in items
        )
        return 0
    if not items:
        say("No open actions." if not show_all else "No actions yet.")
        return 0
    from mentorlog.cli.listing import show
    from mentorlog.render import lists

    show(lists.actions(items, _names(snapshot), today, show_all))
    return 0


def reflection_list(
    dir_option: str | None,
    *,
    mentor: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
) -> int:
    from mentorlog.cli import clock
    from mentorlog.cli.messages import resolve_date
    from mentorlog.domain.dates import PAST
    from mentorlog.services import reflections

    snapshot = _read(_journal(dir_option))
    today = clock.today()
    items = reflections.listed(
        snapshot,
        mentor=mentor,
        since=resolve_date(since, today, "since", PAST),
        until=resolve_date(until, today, "until", PAST),
    )
    if as_json:
        from mentorlog.render import json as render_json

        render_json.emit([render_json.reflection(r) for r in items])
        return 0
    if not items:
        say("No reflections match." if snapshot.reflections else "No reflections yet.")
        return 0
    from mentorlog.cli.listing import show
    from mentorlog.render import lists

    show(lists.reflections(items, _names(snapshot)))
    return 0


def ask_list(dir_option: str | None, *, mentor: str | None, show_all: bool, as_json: bool) -> int:
    from mentorlog.services import questions, resolve

    snapshot = _read(_journal(dir_option))
    only = resolve.mentor(snapshot.mentors, mentor).id if mentor else None
    items = questions.listing(snapshot.mentors.values(), only=only, include_done=show_all)
    if as_json:
        from mentorlog.render import json as render_json
        from mentorlog.render import workflow_json

        render_json.emit([workflow_json.question(q) for q in items])
        return 0
    if not items:
        say(
            'No questions queued. Add one with `mentorlog ask MENTOR "question"`.'
            if not show_all
            else "No questions in the journal yet."
        )
        return 0
    from mentorlog.cli.listing import show
    from mentorlog.render import lists

    show(lists.questions(items, show_mentor=only is None))
    return 0


def feedback_list(dir_option: str | None, *, include_done: bool, as_json: bool) -> int:
    from mentorlog.services import growth

    items, problems = growth.listed(_journal(dir_option), include_done)
    warn_problems(problems)
    if as_json:
        from mentorlog.render import json as render_json
        from mentorlog.render import workflow_json

        render_json.emit([workflow_json.feedback(i) for i in items])
        return 0
    if not items:
        say("Nothing to work on yet: `mentorlog feedback add TEXT`")
        return 0
    from mentorlog.cli.listing import show
    from mentorlog.render import lists

    show(lists.feedback(items))
    return 0
