"""Shell completion of record ids, read from the journal the command line points at."""

from __future__ import annotations

import typer

from mentorlog.cli.context import journal


def _snapshot(ctx: typer.Context):  # type: ignore[no-untyped-def]
    try:
        return journal(ctx).load()
    except Exception:
        return None  # completion must never print an error into the shell


def mentors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [
        (m.id, m.name) for m in snapshot.mentors.values() if m.id.startswith(incomplete.lower())
    ]


def goals(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    return [(g.id, g.title) for g in snapshot.goals.values() if g.id.startswith(incomplete.lower())]


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
