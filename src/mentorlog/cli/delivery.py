"""Where a command's document goes: a file (never replacing one without --force), or the
terminal through the pager. Shared by `export` and `report`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import typer

from mentorlog.cli import context


def check_output(output: Path | None, force: bool) -> None:
    """Refuse early, before any work, to replace a file without --force."""
    from mentorlog.errors import Conflict

    if output is not None and output.exists() and not force:
        raise Conflict(f"{output} already exists", "pass --force to replace it")


def deliver(ctx: typer.Context, data: bytes, output: Path | None, force: bool) -> None:
    if output is None:
        context.page_text(ctx, data.decode("utf-8"))
        return
    from mentorlog.journal import files as fsutil

    check_output(output, force)
    target = output.expanduser()
    fsutil.write_atomic(target, data, exclusive=not force, label=str(output))
    context.say(f"Wrote {output}")


def deliver_pieces(
    ctx: typer.Context, pieces: Iterable[str], output: Path | None, force: bool
) -> None:
    """`deliver` for a document made in pieces: into a file or a pipe each piece is written
    as it is made, so memory does not grow with the document; a terminal pages it whole."""
    if output is None and sys.stdout.isatty():
        deliver(ctx, "".join(pieces).encode("utf-8"), output, force)
        return
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
        return
    from mentorlog.journal import files as fsutil

    check_output(output, force)
    encoded = (piece.encode("utf-8") for piece in pieces)
    fsutil.write_atomic(output.expanduser(), encoded, exclusive=not force, label=str(output))
    context.say(f"Wrote {output}")
