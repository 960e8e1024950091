"""`mentorlog import vcard|csv FILE`: mentors from an address book."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mentorlog.cli import context
from mentorlog.cli.options import JSON, JsonFlag

app = typer.Typer(
    epilog=(
        "\b\nExamples:\n"
        "  mentorlog import vcard contacts.vcf --dry-run\n"
        "  mentorlog import csv mentors.csv\n"
        "  mentorlog import ics calendar.ics --since 2026-01-01 --dry-run\n"
    ),
    no_args_is_help=True,
)

SourceFile = Annotated[
    Path,
    typer.Argument(
        help="The file to read ('-' reads standard input).",
        metavar="FILE",
        exists=True,
        dir_okay=False,
        readable=True,
        allow_dash=True,
        show_default=False,
    ),
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Show what would be added; change nothing.")
]


@app.command("vcard")
def vcard(
    ctx: typer.Context,
    source: SourceFile,
    dry_run: DryRun = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Add mentors from a vCard file (versions 2.1, 3.0 and 4.0; one or many cards).

    Takes the name (FN, else N), email, organisation, title or role, and the note as background.
    People already in the journal (same email or same name) are skipped.

    \b
    Examples:
      mentorlog import vcard contacts.vcf --dry-run
      mentorlog import vcard contacts.vcf
    """
    from mentorlog.services import contacts

    entries = contacts.read_vcards(contacts.decode(_read(source), str(source)))
    _import(ctx, source, entries, [], dry_run, as_json)


@app.command("csv")
def csv_(
    ctx: typer.Context,
    source: SourceFile,
    dry_run: DryRun = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Add mentors from a CSV file whose first line names the columns.

    Columns (any case): name or full name (or first name + last name), email or e-mail,
    org / organisation / organization / company, role / title / job title, stage, cadence,
    since, tags (separated by ; or ,), background / notes. Other columns are ignored.

    \b
    Examples:
      mentorlog import csv mentors.csv --dry-run
      mentorlog import csv - < mentors.csv
    """
    from mentorlog.services import contacts

    text = contacts.decode(_read(source), str(source))
    entries, ignored = contacts.read_csv(text, context.today())
    _import(ctx, source, entries, ignored, dry_run, as_json)


@app.command("ics")
def ics(
    ctx: typer.Context,
    source: SourceFile,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only meetings on or after this day (YYYY-MM-DD, or e.g. '3 months ago').",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRun = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Add every proposed session without asking.")
    ] = False,
    as_json: JsonFlag = JSON.default,
) -> None:
    """Record past meetings from a calendar export (.ics from Google, Outlook, Apple Calendar,
    Thunderbird) as sessions with your mentors.

    A meeting is with a mentor when an attendee has the mentor's email, else an attendee's
    name or the event's title is the mentor's name. Each becomes a check-in with the event's
    title as its topic, marked `source = "calendar"` and keeping the event's UID, so importing
    the same file again adds nothing twice. Recurring meetings count once per occurrence;
    cancelled ones and future ones are left out. On a terminal you are asked about each one:
    y(es), n(o), a(ll the rest) or q(uit, adding those accepted so far); nothing is written
    until the last answer, and Ctrl-C writes nothing. Elsewhere give --yes (or --dry-run to
    only look).

    \b
    Examples:
      mentorlog import ics calendar.ics --dry-run
      mentorlog import ics calendar.ics --since 2026-01-01 --yes
    """
    from mentorlog.cli import clock
    from mentorlog.domain.dates import parse_date
    from mentorlog.services import calendar_import, contacts

    today = context.today()
    start = parse_date(since, today) if since is not None else None
    text = contacts.decode(_read(source), str(source))
    occurrences, bad = calendar_import.read(text, _named(source), start, clock.local_now())
    chosen = calendar_import.plan_import(context.journal(ctx), occurrences)
    proposed = len(chosen.create)
    if chosen.create and not dry_run and not yes:
        chosen = _ask_each(chosen)
    added: list[Any] = []
    if not dry_run and chosen.create:
        target = context.writable_journal(ctx)
        from mentorlog.cli import progress

        with progress.shown("Adding sessions") as on_progress:
            added = calendar_import.add_all(target, chosen, on_progress)
    if as_json:
        from mentorlog.render import json as render_json

        context.dump_json(
            {
                "dry_run": dry_run,
                "created": [_contact_json(c) for c in chosen.create]
                if dry_run
                else [render_json.session(s, today) for s in added],
                "skipped": [
                    {
                        "event": s.occurrence.key,
                        "date": s.occurrence.day.isoformat(),
                        "mentor": s.mentor.id,
                        "reason": s.reason,
                        "existing": s.existing,
                    }
                    for s in chosen.skipped
                ],
                "unmatched": chosen.unmatched,
                "meetings": chosen.total,
                "bad": [{"position": b.position, "problem": b.reason} for b in bad],
            }
        )
        calendar_import.require_all_read(_named(source), bad)
        return
    if dry_run:
        _show_contacts(chosen.create, "Would add")
    for session in added:
        context.say(f"Added {session.id}: {session.topic or 'meeting'}")
    count = len(chosen.create) if dry_run else len(added)
    declined = proposed - len(chosen.create)
    context.say(
        f"{'Would add' if dry_run else 'Added'} {count}"
        + (f", left out {declined} you declined" if declined else "")
        + f", skipped {len(chosen.skipped)} already "
        f"in the journal, {chosen.unmatched} of {chosen.total} meetings with none of your mentors"
        + (" (dry run: nothing was written)" if dry_run else "")
    )
    for problem in bad:
        context.say(f"mentorlog: {_named(source)}, {problem.position}: {problem.reason}")
    calendar_import.require_all_read(_named(source), bad)


def _show_contacts(contacts: list[Any], verb: str) -> None:
    for contact in contacts:
        context.say(f"{verb} {_describe(contact)}")


def _describe(contact: Any) -> str:
    topic = contact.occurrence.title or "(no title)"
    return (
        f"{contact.occurrence.day.isoformat()} {contact.mentor.name}: {topic} "
        f"(matched by {contact.matched_by})"
    )


def _ask_each(chosen: Any) -> Any:
    """The plan with only the sessions the person accepts, asked one by one on a terminal.
    Nothing is written while asking: the accepted ones are added together afterwards."""
    from dataclasses import replace

    from mentorlog.cli.ask_each import ask_each
    from mentorlog.errors import UsageError

    if not context.is_interactive():
        count = len(chosen.create)
        raise UsageError(
            f"import ics would add {count} session{'s' if count != 1 else ''} and there is no "
            "terminal to ask on",
            "pass --yes to add them all, or --dry-run to only see them",
        )
    return replace(chosen, create=ask_each(chosen.create, _describe, "Add this session?"))


def _contact_json(contact: Any) -> dict[str, Any]:
    return {
        "event": contact.occurrence.key,
        "date": contact.occurrence.day.isoformat(),
        "mentor": contact.mentor.id,
        "topic": contact.occurrence.title or None,
        "matched_by": contact.matched_by,
    }


def _named(source: Path) -> str:
    """The file as messages name it: '-' is standard input."""
    return "standard input" if str(source) == "-" else str(source)


def _read(source: Path) -> bytes:
    """The file's bytes; only a regular file (or standard input, '-'), never a FIFO or a
    device named by mistake, which could wait forever or never end."""

    from mentorlog.errors import InvalidFile, UsageError
    from mentorlog.journal.files import read_regular
    from mentorlog.services.contacts import MAX_IMPORT_BYTES

    if str(source) == "-":
        raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            raise UsageError(
                f"standard input is larger than mentorlog imports "
                f"({MAX_IMPORT_BYTES // 1024 // 1024} MB)",
                "split the address book into smaller files",
            )
        return raw
    try:
        return read_regular(source, str(source), MAX_IMPORT_BYTES, follow_links=True)
    except InvalidFile as exc:
        raise UsageError(exc.message, exc.hint) from None


def _import(
    ctx: typer.Context,
    source: Path,
    entries: list[Any],
    ignored: list[str],
    dry_run: bool,
    as_json: bool,
) -> None:
    from mentorlog.render import json as render_json
    from mentorlog.services import contacts

    today = context.today()
    chosen = contacts.plan_import(context.journal(ctx), entries)
    if ignored and not as_json:
        context.say(f"Ignored columns: {', '.join(ignored)}")
    added: list[Any] = []
    if not dry_run and chosen.create:
        target = context.writable_journal(ctx)
        from mentorlog.cli import progress

        with progress.shown("Adding mentors") as on_progress:
            added = contacts.add_all(target, today, chosen, on_progress)
    if as_json:
        context.dump_json(
            {
                "dry_run": dry_run,
                "created": [render_json.mentor(m, today) for m in added]
                if not dry_run
                else [_candidate_json(c) for c in chosen.create],
                "skipped": [
                    {
                        "position": s.candidate.position,
                        "name": s.candidate.name,
                        "reason": s.reason,
                        "existing": s.existing,
                    }
                    for s in chosen.skipped
                ],
                "bad": [{"position": b.position, "problem": b.reason} for b in chosen.bad],
                "ignored_columns": ignored,
            }
        )
    else:
        verb = "Would add" if dry_run else "Added"
        if dry_run:
            for candidate in chosen.create:
                context.say(f"{verb} {candidate.name} from {candidate.position}")
        for mentor in added:
            context.say(f"{verb} {mentor.name} as {mentor.id}")
        for skipped in chosen.skipped:
            known = f" as {skipped.existing}" if skipped.existing else ""
            context.say(
                f"Skipped {skipped.candidate.name} from {skipped.candidate.position}: "
                f"{skipped.reason}{known}"
            )
        for bad in chosen.bad:
            context.say(f"mentorlog: {_named(source)}, {bad.position}: {bad.reason}")
        count = len(chosen.create) if dry_run else len(added)
        context.say(
            f"{verb} {count}, skipped {len(chosen.skipped)}"
            + (f", {len(chosen.bad)} could not be read" if chosen.bad else "")
            + (" (dry run: nothing was written)" if dry_run else "")
        )
    contacts.require_all_read(_named(source), chosen)


def _candidate_json(candidate: Any) -> dict[str, Any]:
    return {
        "position": candidate.position,
        "name": candidate.name,
        "email": candidate.email,
        "org": candidate.org,
        "role": candidate.role,
        "stage": candidate.stage,
        "cadence": candidate.cadence,
        "since": candidate.since.isoformat() if candidate.since else None,
        "tags": list(candidate.tags),
        "background": candidate.background,
    }
