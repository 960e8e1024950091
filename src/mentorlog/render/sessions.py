"""Human output for sessions, action items and reflections: rich tables and panels.
Renderers build; the CLI prints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.domain.models import Reflection, Session
from mentorlog.render import lists, text_safety
from mentorlog.render.tables import from_listing, panel
from mentorlog.render.tables import table as _table

if TYPE_CHECKING:
    from mentorlog.services.actions import Listed


def _privacy(confidential: bool) -> str:
    return "confidential" if confidential else "shareable"


def sessions(items: Iterable[Session], names: dict[str, str]) -> Table:
    # The id already says the date and the mentor; the width goes to the topic.
    table = _table("id", "kind", "topic", "actions")
    for s in items:
        open_count = len(s.open_actions())
        actions = f"{open_count} open / {len(s.actions)}" if s.actions else "—"
        table.add_row(s.id, s.kind, s.topic or "—", actions)
    return table


def _header(fields: list[tuple[str, str | None]]) -> Text:
    text = Text()
    for label, value in fields:
        if value:
            text.append(f"{label:<14}", style="bold")
            text.append(text_safety.line(value) + "\n")
    text.rstrip()
    return text


def _body(body: str) -> RenderableType:
    """Notes exactly as written: never read as Markdown, which would hide a link's address,
    eat `*` and `_` and decode `&amp;`. Only what would drive the terminal is escaped; the
    headings the body parser finds are drawn in bold, their `#`s kept."""
    if not body.strip():
        return Text("(no notes)", style="dim")
    from mentorlog.domain.body import heading_lines

    kept = body.replace("\r\n", "\n").strip("\n")
    headings = heading_lines(kept)
    shown = Text()
    for index, line in enumerate(text_safety.body(kept).split("\n")):
        if index:
            shown.append("\n")
        shown.append(line, style="bold" if index in headings else "")
    return shown


def session(s: Session, body: str, names: dict[str, str], goal_titles: dict[str, str]) -> Panel:
    header = _header(
        [
            ("id", s.id),
            ("mentor", f"{names.get(s.mentor, s.mentor)} ({s.mentor})"),
            ("date", s.date.isoformat()),
            ("kind", s.kind),
            ("how", s.how),
            ("goals", ", ".join(goal_titles.get(g, g) for g in s.goals)),
            ("discussed", "; ".join(s.discussed)),
            ("privacy", _privacy(s.confidential)),
        ]
    )
    title = s.topic or f"{s.kind} with {names.get(s.mentor, s.mentor)}"
    return panel(Group(header, Text(""), _body(body)), title)


def actions(items: Iterable[Listed], names: dict[str, str], today: date, show_done: bool) -> Table:
    return from_listing(lists.actions(items, names, today, show_done))


def reflections(items: Iterable[Reflection], names: dict[str, str]) -> Table:
    return from_listing(lists.reflections(items, names))


def reflection(r: Reflection, body: str, names: dict[str, str]) -> Panel:
    header = _header(
        [
            ("id", r.id),
            ("date", r.date.isoformat()),
            ("mentor", f"{names.get(r.mentor, r.mentor)} ({r.mentor})" if r.mentor else None),
            ("session", r.session),
            ("goals", ", ".join(r.goals)),
            ("privacy", _privacy(r.confidential)),
        ]
    )
    title = f"Reflection, {r.date.isoformat()}"
    return panel(Group(header, Text(""), _body(body)), title)
