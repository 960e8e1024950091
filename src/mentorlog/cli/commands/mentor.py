"""`mentorlog mentor ...`"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import complete, context
from mentorlog.cli.messages import HAPPENED
from mentorlog.cli.option_table import MENTOR_LIST_ALL
from mentorlog.cli.options import DATE, JSON, YES, DateOpt, JsonFlag, MentorArg, Yes, option
from mentorlog.domain.arc import CHECKLIST_KEYS, PHASES
from mentorlog.domain.dates import FUTURE, PAST
from mentorlog.domain.wording import count_of
from mentorlog.errors import UsageError

app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog mentor add 'Ruth Castellanos' --cadence 2w\n"
        "  mentorlog mentor list\n"
    ),
    no_args_is_help=True,
)

Cadence = Annotated[
    str | None,
    typer.Option(
        "--cadence",
        "-c",
        metavar="CADENCE",
        help="How often to be in touch: 2w, '6 weeks', monthly, quarterly, 10d.",
    ),
]
AtMost = Annotated[
    str | None,
    typer.Option(
        "--at-most",
        metavar="CADENCE",
        help="The outer limit: past it the relationship has lapsed (default 1.5x the cadence).",
    ),
]
Role = Annotated[str | None, typer.Option("--role", metavar="TEXT", help="Their role or title.")]
Org = Annotated[str | None, typer.Option("--org", metavar="TEXT", help="Their organisation.")]
Email = Annotated[str | None, typer.Option("--email", metavar="EMAIL", help="Their email address.")]
Stage = Annotated[
    str | None,
    typer.Option(
        "--stage",
        metavar="STAGE",
        autocompletion=complete.stages,
        help="Their career stage relative to you: senior, peer, near-peer, junior, outsider.",
    ),
]
Since = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="When the relationship began.")
]
Tags = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        autocompletion=complete.mentor_tags,
        help="A tag (repeatable).",
    ),
]
Background = Annotated[
    str | None,
    typer.Option(
        "--background", metavar="TEXT", help="What you found out about them: their path, strengths."
    ),
]
Strengths = Annotated[
    list[str] | None,
    typer.Option("--strength", metavar="TEXT", help="Something they are strong at (repeatable)."),
]


def _emit_mentor(m: Any, as_json: bool) -> None:
    today = context.today()
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.mentor(m, today))


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their full name.", show_default=False)],
    cadence: Cadence = None,
    at_most: AtMost = None,
    role: Role = None,
    org: Org = None,
    email: Email = None,
    stage: Stage = None,
    since: Since = None,
    tag: Tags = None,
    background: Background = None,
    strength: Strengths = None,
    allow_same_name: Annotated[
        bool, typer.Option("--allow-same-name", help="Add even if a mentor with this name exists.")
    ] = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Add a mentor.

    \b
    Examples:
      mentorlog mentor add 'Ruth Castellanos' --cadence 2w --stage senior
      mentorlog mentor add 'Ana Ruiz' --cadence 4w --at-most 6w
      mentorlog mentor add 'Tomás Lindqvist' --role 'Head of Design' --tag design
    """
    from mentorlog.services import mentors

    today = context.today()
    new = mentors.NewMentor(
        name=name,
        cadence=context.resolve_cadence(cadence),
        at_most=context.resolve_cadence(at_most),
        role=role,
        org=org,
        email=email,
        stage=stage,
        since=context.resolve_date(since, today, "since", PAST),
        tags=tuple(tag or ()),
        background=background,
        strengths=tuple(strength or ()),
    )
    mentors.check_new(today, new)
    journal = context.writable_journal(ctx)
    m = mentors.add(journal, today, new, allow_same_name=allow_same_name)
    if as_json:
        _emit_mentor(m, True)
    else:
        context.say(f"Added {m.name} as {m.id}")


@app.command("list")
def list_(
    ctx: typer.Context,
    show_all: Annotated[bool, option(MENTOR_LIST_ALL)] = MENTOR_LIST_ALL.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List mentors (active and paused; --all adds ended ones).

    \b
    Examples:
      mentorlog mentor list
      mentorlog mentor list --all --json
    """
    from mentorlog.cli.lists import mentor_list

    mentor_list(context.state(ctx).dir_option, show_all=show_all, as_json=as_json)


@app.command("show")
def show(ctx: typer.Context, mentor: MentorArg, as_json: JsonFlag = JSON.default) -> None:
    """Show everything about one mentor.

    \b
    Examples:
      mentorlog mentor show ruth
      mentorlog mentor show castellanos --json
    """
    from mentorlog.services import resolve

    snapshot = context.load(ctx)
    today = context.today()
    m = resolve.mentor(snapshot.mentors, mentor)
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(render_json.mentor(m, today))
        return
    from mentorlog.render import tables as render

    theirs = [s for s in snapshot.sessions if s.mentor == m.id]
    last = max((s.date for s in theirs), default=None)
    context.out().print(render.mentor(m, today, len(theirs), last))


@app.command("set")
def set_(
    ctx: typer.Context,
    mentor: MentorArg,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Their name.")] = None,
    cadence: Cadence = None,
    at_most: AtMost = None,
    role: Role = None,
    org: Org = None,
    email: Email = None,
    stage: Stage = None,
    since: Since = None,
    tag: Tags = None,
    untag: Annotated[
        list[str] | None,
        typer.Option(
            "--untag",
            metavar="TAG",
            autocompletion=complete.mentor_tags,
            help="Remove a tag (repeatable).",
        ),
    ] = None,
    background: Background = None,
    strength: Strengths = None,
    resume_sent: Annotated[
        str | None,
        typer.Option("--resume-sent", metavar="DATE", help="When you sent them your resume."),
    ] = None,
    ground_rules: Annotated[
        str | None,
        typer.Option(
            "--ground-rules",
            metavar="DATE",
            help="When you agreed on confidentiality and how you meet.",
        ),
    ] = None,
    struggles_asked: Annotated[
        str | None,
        typer.Option(
            "--struggles-asked", metavar="DATE", help="When you asked about their own hard moments."
        ),
    ] = None,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            metavar="PHASE",
            autocompletion=lambda: [*PHASES, "auto"],
            help="Where the relationship is: initiation, cultivation, separation, "
            "redefinition (auto: suggested from the history).",
        ),
    ] = None,
    not_applicable: Annotated[
        list[str] | None,
        typer.Option(
            "--not-applicable",
            metavar="ITEM",
            autocompletion=lambda: [k.replace("_", "-") for k in CHECKLIST_KEYS],
            help="A getting-started item that does not apply: goals, background, resume, "
            "ground-rules (repeatable).",
        ),
    ] = None,
    applicable: Annotated[
        list[str] | None,
        typer.Option(
            "--applicable",
            metavar="ITEM",
            autocompletion=lambda: [k.replace("_", "-") for k in CHECKLIST_KEYS],
            help="Undo --not-applicable for an item (repeatable).",
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Change a mentor's details. Only the options given change; the rest of the file is kept.

    \b
    Examples:
      mentorlog mentor set ruth --cadence monthly
      mentorlog mentor set ruth --cadence 4w --at-most 6w
      mentorlog mentor set tomas --tag design --untag ux
    """
    from mentorlog.services import mentors

    today = context.today()
    wanted = mentors.MentorEdit(
        name=name,
        cadence=context.resolve_cadence(cadence) if cadence is not None else None,
        at_most=context.resolve_cadence(at_most),
        role=role,
        org=org,
        email=email,
        stage=stage,
        since=context.resolve_date(since, today, "since", PAST),
        resume_sent=context.resolve_date(resume_sent, today, "resume sent", PAST),
        ground_rules=context.resolve_date(ground_rules, today, "ground rules", PAST),
        struggles_asked=context.resolve_date(struggles_asked, today, "struggles asked", PAST),
        background=background,
        tags=tuple(tag or ()),
        untags=tuple(untag or ()),
        strengths=tuple(strength or ()),
        phase=phase,
        not_applicable=tuple(not_applicable or ()),
        applicable=tuple(applicable or ()),
    )
    mentors.edit_changes(wanted)  # bad or missing input is refused before the journal is read
    m = mentors.edit(context.journal(ctx), mentor, wanted)
    if as_json:
        _emit_mentor(m, True)
    else:
        context.say(f"Updated {m.name} ({m.id})")


@app.command("share")
def share(
    ctx: typer.Context,
    mentor: MentorArg,
    what: Annotated[str, typer.Argument(help="What you sent: resume, a draft, a plan.")],
    date: DateOpt = DATE.default,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Record a document you sent a mentor (your resume sets --resume-sent too).

    \b
    Examples:
      mentorlog mentor share ruth resume
      mentorlog mentor share tomas 'the delegation plan' --date yesterday
    """
    from mentorlog.services import mentors
    from mentorlog.services.records import clean_line

    today = context.today()
    on = context.resolve_date(date, today, "date", HAPPENED) or today
    item = clean_line(what, "what you shared", required=True)
    m = mentors.share(context.journal(ctx), mentor, what, on)
    if as_json:
        _emit_mentor(m, True)
    else:
        context.say(f"Recorded that you shared {item} with {m.name} on {on}")


def _lifecycle(
    ctx: typer.Context, mentor: str, changes: dict[str, Any], said: str, as_json: bool
) -> None:
    from mentorlog.services import mentors

    m = mentors.change(context.journal(ctx), mentor, changes)
    if as_json:
        _emit_mentor(m, True)
    else:
        context.say(said.format(name=m.name, id=m.id))


@app.command("end")
def end(
    ctx: typer.Context,
    mentor: MentorArg,
    date: DateOpt = DATE.default,
    learned: Annotated[
        str | None,
        typer.Option("--learned", metavar="TEXT", help="What you learned from them."),
    ] = None,
    stays: Annotated[
        str | None,
        typer.Option(
            "--stays", metavar="TEXT", help="What stays between you: how you keep in touch after."
        ),
    ] = None,
    keep_in_touch: Annotated[
        str | None,
        typer.Option(
            "--keep-in-touch",
            metavar="CADENCE",
            help="Keep catching up this often (6m, yearly): the relationship moves to "
            "redefinition instead of ending its reminders.",
        ),
    ] = None,
    no_prompt: Annotated[
        bool,
        typer.Option(
            "--no-prompt", help="Do not ask on a terminal (never asked in a script or a pipe)."
        ),
    ] = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Close the relationship: no more reminders (history is kept). On a terminal, it walks
    through the closure: a thank-you, what you learned, what stays and how you keep in touch.

    \b
    Examples:
      mentorlog mentor end walter
      mentorlog mentor end walter --date 2026-10-31 --learned 'Ask for the decision first.'
      mentorlog mentor end helen --stays 'Coffee twice a year' --keep-in-touch 6m
    """
    from mentorlog.services import closure

    today = context.today()
    on = context.resolve_date(date, today, "end date", HAPPENED)
    wanted = closure.ClosureEdit(
        on=on,
        learned=learned,
        stays=stays,
        keep_in_touch=context.resolve_cadence(keep_in_touch),
    )
    closure.check_texts(wanted)  # bad input is refused before the journal is read
    journal = context.journal(ctx)
    ending = closure.ending(journal, mentor, on, today)
    thanks_how: str | None = None
    if not no_prompt and not as_json and context.is_interactive():
        from mentorlog.cli import closing

        thanks_how = closing.walk(ending, wanted)
    m = closure.close(journal, ending.mentor.id, ending.on, wanted)
    if as_json:
        _emit_mentor(m, True)
    elif m.ended:
        context.say(f"Ended {m.name} ({m.id}) on {m.ended}.")
    else:
        assert wanted.keep_in_touch is not None  # only keeping in touch leaves it not ended
        context.say(
            f"Closed the formal relationship with {m.name} ({m.id}) on {ending.on}; "
            f"from now a catch-up {wanted.keep_in_touch.describe()} (phase: redefinition)."
        )
    if thanks_how is not None:
        from mentorlog.cli.commands import thank

        thank.record(journal, today, m.id, ending.on, thanks_how, None)
    elif ending.thanked_on is None and not as_json:
        context.say(f"A thank-you is a good way to close: `mentorlog thank {m.id}`.")


@app.command("pause")
def pause(
    ctx: typer.Context,
    mentor: MentorArg,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="No reminders before this date (without it: until `mentor resume`).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Pause reminders for a mentor until a date, or until you resume them.

    \b
    Examples:
      mentorlog mentor pause ruth --until 2027-01-15
      mentorlog mentor pause ruth
    """
    from mentorlog.services import mentors

    today = context.today()
    day = context.resolve_date(until, today, "until", FUTURE) if until is not None else None
    m = mentors.pause(context.journal(ctx), mentor, day, today)
    if as_json:
        _emit_mentor(m, True)
    else:
        context.say(
            f"Paused {m.name} ({m.id}) "
            + (f"until {day}" if day else "until you resume them: `mentorlog mentor resume`")
        )


@app.command("snooze")
def snooze(
    ctx: typer.Context,
    mentor: MentorArg,
    until: Annotated[
        str,
        typer.Argument(
            metavar="WHEN",
            help="How long (3d, 1w) or until when (a date) to hide the reminder.",
            show_default=False,
        ),
    ],
    as_json: JsonFlag = JSON.default,
) -> None:
    """Hide one reminder for a while: the mentor is left out of `due` until then.

    \b
    Examples:
      mentorlog mentor snooze ruth 3d
      mentorlog mentor snooze ruth 'next monday'
    """
    from mentorlog.services import mentors

    today = context.today()
    day = _snooze_end(until, today)
    m = mentors.snooze(context.journal(ctx), mentor, day, today)
    if as_json:
        _emit_mentor(m, True)
    else:
        context.say(f"Snoozed {m.name} ({m.id}) until {day}")


def _snooze_end(text: str, today: Any) -> Any:
    """A length of time from today ("3d", "2 weeks"), else a date ("friday", "2027-01-15")."""
    from mentorlog.domain.dates import add_cadence, parse_cadence

    try:
        return add_cadence(today, parse_cadence(text))
    except UsageError:
        pass
    try:
        day = context.resolve_date(text, today, "snooze until", FUTURE)
    except UsageError:
        raise UsageError(
            f"'{text}' is neither a length of time nor a date",
            "give one such as 3d, 2w or 2027-01-15",
        ) from None
    assert day is not None
    return day


@app.command("resume")
def resume(ctx: typer.Context, mentor: MentorArg, as_json: JsonFlag = JSON.default) -> None:
    """Resume a paused, snoozed or ended relationship.

    \b
    Examples:
      mentorlog mentor resume ruth
    """
    from mentorlog.services import mentors

    _lifecycle(ctx, mentor, dict(mentors.RESUMED), "Resumed {name} ({id})", as_json)


@app.command("edit")
def edit(ctx: typer.Context, mentor: MentorArg) -> None:
    """Open the mentor's file in $EDITOR; it is checked before it is saved.

    \b
    Examples:
      mentorlog mentor edit ruth
    """
    from mentorlog.cli.editing import edit_record
    from mentorlog.services import resolve

    journal = context.journal(ctx)
    m = resolve.mentor(context.load(ctx).mentors, mentor, deciding=True)
    edit_record(journal, "mentor", m.id, journal.path_for("mentor", m.id))


@app.command("rm")
def rm(
    ctx: typer.Context,
    mentor: MentorArg,
    yes: Yes = YES.default,
    force: Annotated[
        bool, typer.Option("--force", help="Delete even if they have sessions.")
    ] = False,
) -> None:
    """Delete a mentor's file (their sessions are kept).

    \b
    Examples:
      mentorlog mentor rm walter
    """
    from mentorlog.services import mentors, resolve

    journal = context.journal(ctx)
    m = resolve.mentor(context.load(ctx).mentors, mentor, deciding=True)
    context.confirm(f"Delete mentor {m.name} ({m.id})?", yes)
    removed, sessions = mentors.remove(journal, m.id, force=force)
    context.say(
        f"Deleted {removed.name} ({removed.id})"
        + (
            f"; their {count_of(sessions, 'session')} {'is' if sessions == 1 else 'are'} kept"
            if sessions
            else ""
        )
    )
