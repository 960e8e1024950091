"""Human output: rich tables and panels built from records. Renderers build; the CLI prints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.segment import Segment
from rich.style import StyleType
from rich.table import Table
from rich.text import Text

from mentorlog.domain.dates import describe_delta
from mentorlog.domain.models import Goal, Mentor, Problem
from mentorlog.render import text_safety

# User text is data. Every string a record, a file name or a person supplies reaches rich as a
# `Text` (never parsed as markup, emoji codes or highlighting) whose control characters are
# escaped by `text_safety`: through `plain`, `lines`, the cells and titles of `table` and
# `panel`, and, whatever a view may still miss, the last pass of `console().print`.


def plain(value: str | None, style: StyleType = "") -> Text:
    """A one-line piece of user text for rich: shown as written, on one line."""
    return Text(text_safety.line(value or ""), style=style)


def lines(values: Iterable[str]) -> Text:
    """One-line pieces of user text, one per line, as one cell."""
    return Text("\n").join(plain(value) for value in values)


class SafeTable(Table):
    """A table whose string cells and title are user text, never markup."""

    def __init__(self, *headers: Any, title: str | Text | None = None, **options: Any) -> None:
        super().__init__(
            *headers, title=plain(title) if isinstance(title, str) else title, **options
        )

    def add_row(
        self,
        *renderables: RenderableType | None,
        style: StyleType | None = None,
        end_section: bool = False,
    ) -> None:
        cells = [plain(cell) if isinstance(cell, str) else cell for cell in renderables]
        super().add_row(*cells, style=style, end_section=end_section)


def panel(content: RenderableType, title: str) -> Panel:
    """The one panel style, with user text as its title."""
    return Panel(content, title=plain(title), title_align="left", box=box.ROUNDED)


class _Escaped:
    """The last pass before the terminal: any control character still in the rendered text
    (a Markdown entity such as `&#27;` decodes to one after `text_safety` has run) is shown
    escaped. rich's own control segments (colours, links) pass."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(text_safety.body(segment.text), segment.style)


class SafeConsole(Console):
    """A console that reads no markup, emoji codes or highlighting in what it prints, and
    never passes a control character from user text to the terminal."""

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def print(self, *objects: Any, **options: Any) -> None:
        shown = [Text(text_safety.body(o)) if isinstance(o, str) else _Escaped(o) for o in objects]
        super().print(*shown, **options)


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


# Columns of prose take the width that is left; everything else stays on one line, so ids
# (what people copy into the next command), dates and short labels never break.
PROSE_COLUMNS = frozenset(
    {
        "topic",
        "title",
        "who",
        "",  # the trailing "where it comes from" column of timelines
        "in touch",
        "text",
        "action",
        "what",
        "problem",
        "how to fix",
        "helps with",
        "change",
        "lesson",
        "moved",
        "open goal",
        "worked on with",
        "role",
        "goals",
    }
)


def table(*columns: str, title: str | None = None) -> SafeTable:
    """The one table style of mentorlog's human output."""
    result = SafeTable(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for column in columns:
        # Rich narrows only columns that may wrap, so prose gives way and the rest stay whole.
        result.add_column(column, overflow="fold", no_wrap=column.lower() not in PROSE_COLUMNS)
    return result


def mentors(items: Iterable[Mentor], today: date, default_cadence: str) -> Table:
    result = table("id", "stage", "cadence", "status", "who")
    for m in items:
        status = m.status_on(today)
        if status == "paused" and m.paused_until:
            status = f"paused until {m.paused_until.isoformat()}"
        style = "dim" if status != "active" else ""
        result.add_row(
            m.id,
            m.stage or "—",
            str(m.cadence) if m.cadence else f"{default_cadence} (default)",
            status,
            ", ".join(x for x in (m.name, m.role, m.org) if x),
            style=style,
        )
    return result


def mentor(m: Mentor, today: date, sessions_count: int, last_contact: date | None) -> Panel:
    text = Text()

    def field(label: str, value: str | None) -> None:
        if value:
            text.append(f"{label:<16}", style="bold")
            text.append(text_safety.line(value) + "\n")

    field("id", m.id)
    field("role", ", ".join(x for x in (m.role, m.org) if x))
    field("email", m.email)
    field("stage", m.stage)
    field("cadence", f"{m.cadence} ({m.cadence.describe()})" if m.cadence else None)
    field("known since", _d(m.start) if m.start else None)
    field("status", m.status_on(today) + (f" until {m.paused_until}" if m.paused_on(today) else ""))
    field("ended", _d(m.ended) if m.ended else None)
    field("sessions", str(sessions_count))
    if last_contact:
        field("last contact", f"{last_contact} ({describe_delta((last_contact - today).days)})")
    field("tags", ", ".join(m.tags))
    field("strengths", ", ".join(m.strengths))
    field("resume sent", _d(m.resume_sent) if m.resume_sent else None)
    field("ground rules", _d(m.ground_rules) if m.ground_rules else None)
    for doc in m.shared:
        field("shared", f"{doc.what} ({_d(doc.date)})")
    for q in m.open_questions():
        field("to ask", q.text)
    parts: list[RenderableType] = [text]
    if m.background:
        parts.append(Text("\n" + text_safety.body(m.background.strip()), style="italic"))
    return panel(Group(*parts), m.name)


def goals(items: Iterable[Goal], mentor_names: dict[str, str]) -> Table:
    # Progress notes are long: `goal show` has them. A * marks a goal reached on your own.
    result = table("id", "status", "target", "title")
    for g in items:
        names = ", ".join(mentor_names.get(i, i).split()[0] for i in g.mentors)
        status = g.status + ("*" if g.independently else "")
        result.add_row(
            g.id,
            status,
            _d(g.target),
            g.title + (f" (with {names})" if names else ""),
            style="dim" if not g.is_open else "",
        )
    return result


def goal(g: Goal, mentor_names: dict[str, str], today: date) -> Panel:
    text = Text()

    def field(label: str, value: str | None) -> None:
        if value:
            text.append(f"{label:<12}", style="bold")
            text.append(text_safety.line(value) + "\n")

    field("id", g.id)
    field("status", g.status + (f" on {g.closed}" if g.closed else ""))
    if g.independently:
        field("reached", "on my own")
    field("why", g.why)
    field("success", g.success)
    if g.target:
        field("target", f"{g.target} ({describe_delta((g.target - today).days)})")
    field("mentors", ", ".join(mentor_names.get(i, i) for i in g.mentors))
    field("created", _d(g.created) if g.created else None)
    field("note", g.note)
    if g.progress:
        text.append("\nProgress\n", style="bold")
        for p in g.progress:
            text.append(f"  {p.date}  ", style="cyan")
            text.append(text_safety.line(p.note) + "\n")
    return panel(text, g.title)


def problems(items: Iterable[Problem]) -> Table:
    result = table("file", "problem", "how to fix")
    for p in items:
        result.add_row(f"{p.path}:{p.line}" if p.line else p.path, p.reason, p.hint or "")
    return result
