"""`mentorlog recover`: text kept from an editor, listed or reopened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.options import JSON, JsonFlag

if TYPE_CHECKING:
    from mentorlog.services.recovery import Kept


def recover(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            help="A recovery file to reopen (as listed, or its file name).", show_default=False
        ),
    ] = None,
    as_json: JsonFlag = JSON.default,
) -> None:
    """List text kept from an editor when it could not be saved, or reopen one.

    Reopening opens $EDITOR on the text; once it is valid it is saved as what it was meant
    to be (the new session, the reflection, the agreement, the edit of a record) and the
    recovery file is removed.

    \b
    Examples:
      mentorlog recover
      mentorlog recover .recovery/20261123-101010-session-2026-11-23-ruth.md
    """
    from mentorlog.services import recovery

    journal = context.journal(ctx)
    if file is None:
        kept = recovery.kept_files(journal)
        if as_json:
            context.dump_json([_as_json(item) for item in kept])
        elif not kept:
            context.say("No recovery files: no text is waiting to be saved.")
        else:
            from mentorlog.render import tables

            listing = tables.table("file", "meant for")
            for item in kept:
                listing.add_row(item.rel, item.meant_for)
            context.out().print(listing)
            context.say("Reopen one with `mentorlog recover FILE`.")
        return
    from mentorlog.cli.editing import offer_to_edit_again, require_terminal, run_editor

    found = recovery.find(journal, file)
    require_terminal(found.path)
    done = recovery.reopen(
        journal,
        found,
        context.today(),
        run_editor(journal, found.path.suffix),
        offer_to_edit_again(),
    )
    if as_json:
        context.dump_json({"path": found.rel, "saved": done, "removed": True})
        return
    context.say(f"{done}; removed {found.rel}")


def _as_json(item: Kept) -> dict[str, object]:
    from datetime import datetime

    origin = item.origin or {}
    return {
        "path": item.rel,
        "for": origin.get("for"),
        "meant_for": item.meant_for,
        "bytes": item.size,
        "kept_at": datetime.fromtimestamp(item.modified).isoformat(timespec="seconds"),
        "reopen": f"mentorlog recover {item.rel}",
    }
