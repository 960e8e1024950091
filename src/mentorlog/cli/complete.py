"""Shell completion of record ids, read from the journal the command line points at."""

from __future__ import annotations

import typer

from mentorlog.cli.context import state
from mentorlog.journal.layout import locate
from mentorlog.journal.storage import Journal


def _snapshot(ctx: typer.Context):  # type: ignore[no-untyped-def]
    # While completing, click parses the command line but runs no callback, so the root
    # command has not stored --dir yet: read it from the parsed parameters.
    directory = ctx.find_root().params.get("directory") or state(ctx).dir_option
    try:
        return Journal(locate(directory)).load()
    except Exception:
        return None  # completion must never print an error into the shell


def mentors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [
        (m.id, m.name)
        for m in sorted(snapshot.mentors.values(), key=lambda m: m.id)
        if m.id.startswith(incomplete.lower())
    ]


def goals(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [
        (g.id, g.title)
        for g in sorted(snapshot.goals.values(), key=lambda g: g.id)
        if g.id.startswith(incomplete.lower())
    ]


def sessions(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [
        (s.id, s.topic or s.kind)
        for s in reversed(snapshot.sessions)
        if s.id.startswith(incomplete.lower())
    ]


def reflections(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [
        (r.id, r.mentor or "")
        for r in reversed(snapshot.reflections)
        if r.id.startswith(incomplete.lower())
    ]


def actions(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [
        (a.id, a.text[:60])
        for s in reversed(snapshot.sessions)
        for a in s.actions
        if not a.done and a.id.startswith(incomplete.lower())
    ]
