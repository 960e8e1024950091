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
            context.say(f"mentorlog: {source.name}, {bad.position}: {bad.reason}")
        count = len(chosen.create) if dry_run else len(added)
        context.say(
            f"{verb} {count}, skipped {len(chosen.skipped)}"
            + (f", {len(chosen.bad)} could not be read" if chosen.bad else "")
            + (" (dry run: nothing was written)" if dry_run else "")
        )
    contacts.require_all_read(str(source), chosen)


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
