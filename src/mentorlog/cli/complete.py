"""Shell completion: record ids and tags read from the journal the command line points at, and
the words of options that take one of a fixed set."""

from __future__ import annotations

import typer

from mentorlog.cli.context import state
from mentorlog.journal.layout import locate
from mentorlog.journal.storage import Journal

# The shells `--show-completion` and `--install-completion` write a script for.
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


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


def mentor_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    """The tags on mentors (`mentor add --tag`, `mentor set --untag`)."""
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    found = {tag for m in snapshot.mentors.values() for tag in m.tags}
    return sorted(tag for tag in found if tag.lower().startswith(incomplete.lower()))


def lesson_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    """The #tags on lessons (`lessons --tag`)."""
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    wanted = incomplete.lower().lstrip("#")
    found = {tag for s in snapshot.sessions for lesson in s.lessons for tag in lesson.tags}
    return sorted(tag for tag in found if tag.lower().startswith(wanted))


# Options that take one of a fixed set of words: the words come from the module that checks
# them, so a new kind or format is completed as soon as it is accepted.


def _fixed(values: tuple[str, ...], incomplete: str) -> list[str]:
    return [value for value in values if value.startswith(incomplete.lower())]


def shells(ctx: typer.Context, incomplete: str) -> list[str]:
    return _fixed(SHELLS, incomplete)


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.domain.models import KINDS

    return _fixed(KINDS, incomplete)


def template_kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.user.templates import KINDS

    return _fixed(KINDS, incomplete)


def call_kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.services.brief import CALL_PURPOSES

    return _fixed(CALL_PURPOSES, incomplete)


def stages(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.domain.models import STAGES

    return _fixed(STAGES, incomplete)


def record_types(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.services.search import TYPES

    return _fixed(TYPES, incomplete)


def export_formats(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.services.export import FORMATS

    return _fixed(FORMATS, incomplete)


def export_groupings(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.services.export import GROUPINGS

    return _fixed(GROUPINGS, incomplete)


def lesson_groupings(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.services.lessons import GROUPINGS

    return _fixed(GROUPINGS, incomplete)


def meetings(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of booked meetings, for `meet move` and `meet cancel`."""
    snapshot = _snapshot(ctx)
    if snapshot is None:
        return []
    found = [
        (meeting.id, f"{m.name}, {meeting.date.isoformat()} {meeting.at or ''}".rstrip())
        for m in snapshot.mentors.values()
        for meeting in m.meetings
        if meeting.status == "booked" and meeting.id.startswith(incomplete.lower())
    ]
    return sorted(found)
