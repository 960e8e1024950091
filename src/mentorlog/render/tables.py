"""Human output: rich tables and panels built from records. Renderers build; the CLI prints.

How a view is written, so that every screen behaves the same:

- User text is data: it reaches rich through `plain`, `lines`, `SafeTable` cells or titles,
  never as markup (see `text_safety`).
- Lists are `table(...)`: ids, numbers, dates and short labels are never cut or wrapped; only
  prose columns (`PROSE_COLUMNS`) wrap, and never inside a word. When even that does not fit
  the width, the table is shown one record per block instead (`SafeTable`). Never set a
  column's width or overflow by hand.
- Style says what text is (a heading `bold`, a side note or a done item `dim`, a quotation
  `italic`), never carries meaning alone: with `NO_COLOR` or `TERM=dumb` every style is
  dropped (`cli.messages.plain_style`), and the words must still tell the whole story.
- Labels for people come from `labels.mentor_labels`: unique on one screen.
- Piped output without `COLUMNS`: a table has no width limit, so a row stays on one line for
  `grep`; panels and prose are laid out at `DOCUMENT_WIDTH` (`cli.context.out`).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.style import StyleType
from rich.styled import Styled
from rich.table import Table
from rich.text import Text

from mentorlog.domain.dates import describe_delta
from mentorlog.domain.models import Goal, Mentor, Problem
from mentorlog.render import lists, mentor_lines, text_safety
from mentorlog.render.plain_table import PROSE_COLUMNS, Listing

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


# A prose column squeezed narrower than this reads one word per line: show records as blocks.
PROSE_FLOOR = 20
# Far wider than any terminal: the measure of "no width limit".
UNBOUNDED = 1_000_000


class SafeTable(Table):
    """A table whose string cells and title are user text, never markup, and which never cuts
    a cell: columns that may not wrap keep their whole width, prose wraps between words, and
    when that cannot fit, each record is shown as a block of `header  value` lines."""

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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._fitted_widths(console, options) if self.columns else None
        if widths is None:
            if self.columns and self.rows:
                yield from console.render(self._stacked(options.max_width), options)
                return
            yield from super().__rich_console__(console, options)
            return
        fitted = copy.copy(self)
        fitted.columns = [
            dataclasses.replace(column, width=width - self._get_padding_width(column._index))
            for column, width in zip(self.columns, widths, strict=True)
        ]
        yield from Table.__rich_console__(fitted, console, options)

    def _fitted_widths(self, console: Console, options: ConsoleOptions) -> list[int] | None:
        """Each column's width, padding included, or None when the whole cells do not fit."""
        room = (self.width or options.max_width) - self._extra_width
        wide = options.update_width(UNBOUNDED)
        least: list[int] = []
        most: list[int] = []
        for column in self.columns:
            sizes = [
                Measurement.get(console, wide, cell.renderable)
                for cell in self._get_cells(console, column._index, column)
            ]
            longest = max(size.maximum for size in sizes)
            longest_word = max(size.minimum for size in sizes)
            pad = self._get_padding_width(column._index)
            if column.no_wrap:
                least.append(longest)
            else:
                least.append(min(longest, max(longest_word, PROSE_FLOOR + pad)))
            most.append(longest)
        if sum(least) > room:
            return None
        if sum(most) <= room:
            return most
        spare = room - sum(least)
        wants = [high - low for low, high in zip(least, most, strict=True)]
        total = sum(wants)
        widths = [low + spare * want // total for low, want in zip(least, wants, strict=True)]
        # Hand out what rounding kept to the columns that still want more, widest first.
        left = room - sum(widths)
        for index in sorted(range(len(widths)), key=lambda i: most[i] - widths[i], reverse=True):
            if left <= 0:
                break
            if widths[index] < most[index]:
                widths[index] += 1
                left -= 1
        return widths

    def _stacked(self, width: int) -> RenderableType:
        """One block per record: each header, then its value, beside it when it fits."""
        labels = [
            column.header if isinstance(column.header, Text) else plain(str(column.header))
            for column in self.columns
        ]
        label_width = max(label.cell_len for label in labels)
        values_fit = all(
            label_width + 2 + cell_width(cell) <= width
            for column in self.columns
            if column.no_wrap
            for cell in column._cells
        )
        blocks: list[RenderableType] = []
        if self.title:
            title = self.title if isinstance(self.title, Text) else plain(str(self.title))
            blocks.append(Text.assemble(title, style="bold"))
        for index, row in enumerate(self.rows):
            cells = [column._cells[index] for column in self.columns]
            if values_fit:
                grid = Table.grid(padding=(0, 2))
                grid.add_column(no_wrap=True, min_width=label_width)
                grid.add_column(overflow="fold")
                for label, cell in zip(labels, cells, strict=True):
                    if cell_width(cell):
                        grid.add_row(Text.assemble(label, style="dim"), cell)
                block: RenderableType = grid
            else:
                parts: list[RenderableType] = []
                for label, cell in zip(labels, cells, strict=True):
                    if cell_width(cell):
                        # A value as wide as the screen goes unindented rather than broken.
                        indent = 2 if cell_width(cell) + 2 <= width else 0
                        parts += [
                            Text.assemble(label, style="dim"),
                            Padding(cell, (0, 0, 0, indent)),
                        ]
                block = Group(*parts)
            if blocks:
                blocks.append(Text(""))
            blocks.append(Styled(block, row.style) if row.style else block)
        return Group(*blocks)


def cell_width(cell: RenderableType) -> int:
    """The width a cell takes on one line (0 when it is empty)."""
    if isinstance(cell, Text):
        return max((line.cell_len for line in cell.split("\n")), default=0)
    if isinstance(cell, str):
        return len(cell)
    return 1


def panel(content: RenderableType, title: str) -> Panel:
    """The one panel style, with user text as its title."""
    return Panel(content, title=plain(title), title_align="left", box=box.ROUNDED)


class _Escaped:
    """The last pass before the terminal: any control character still in the rendered text
    (a Markdown entity such as `&#27;` decodes to one after `text_safety` has run) is shown
    escaped. rich's own control segments (colours, links) pass."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(text_safety.body(segment.text), segment.style)


# The width of panels and prose (a session's notes, a brief) in a pipe or a file: as wide as
# a terminal usually is, so a note stays readable in `less` or a mail. Only tables, meant for
# `grep`, keep a row on one line however long it is.
DOCUMENT_WIDTH = 80


class SafeConsole(Console):
    """A console that reads no markup, emoji codes or highlighting in what it prints, and
    never passes a control character from user text to the terminal.

    `plain_style` drops every style, bold and dim included. `unbounded` (for output that is not
    a terminal) gives each thing printed its natural width, so no row of a table is wrapped or
    cut; panels and prose are laid out at `DOCUMENT_WIDTH` at most."""

    def __init__(self, plain_style: bool = False, unbounded: bool = False, **options: Any) -> None:
        if plain_style:
            options.update(color_system=None, no_color=True)
        if unbounded:
            options["width"] = UNBOUNDED
        super().__init__(markup=False, emoji=False, highlight=False, **options)
        self.unbounded = unbounded

    def print(self, *objects: Any, **options: Any) -> None:
        shown = [Text(text_safety.body(o)) if isinstance(o, str) else _Escaped(o) for o in objects]
        if self.unbounded and "width" not in options:
            for one in shown:
                super().print(one, width=self.natural_width(one), **options)
            return
        super().print(*shown, **options)

    def natural_width(self, renderable: RenderableType) -> int:
        wanted = Measurement.get(self, self.options, renderable).maximum
        inner = renderable.renderable if isinstance(renderable, _Escaped) else renderable
        if isinstance(inner, Table) and wanted < UNBOUNDED:
            return wanted
        return min(wanted, DOCUMENT_WIDTH)


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def table(*columns: str, title: str | None = None) -> SafeTable:
    """The one table style of mentorlog's human output."""
    result = SafeTable(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for column in columns:
        # Rich narrows only columns that may wrap, so prose gives way and the rest stay whole.
        result.add_column(column, overflow="fold", no_wrap=column.lower() not in PROSE_COLUMNS)
    return result


def from_listing(listing: Listing) -> SafeTable:
    """The rich table of a listing (render.plain_table writes the same without rich)."""
    result = table(*listing.columns, title=listing.title)
    for cells, style in zip(listing.rows, listing.styles, strict=True):
        result.add_row(*cells, style=style)
    return result


def mentors(items: Iterable[Mentor], today: date, default_cadence: str) -> Table:
    return from_listing(lists.mentors(items, today, default_cadence))


def mentor(m: Mentor, today: date, sessions_count: int, last_contact: date | None) -> Panel:
    text = Text()

    def field(label: str, value: str | None) -> None:
        if value:
            text.append(f"{label:<16}", style="bold")
            text.append(text_safety.line(value) + "\n")

    extra = {"sessions": str(sessions_count)}
    if last_contact:
        extra["last contact"] = f"{last_contact} ({describe_delta((last_contact - today).days)})"
    for label, value in mentor_lines.lines(m, today, extra):
        field(label, value)
    parts: list[RenderableType] = [text]
    if m.background:
        parts.append(Text("\n" + text_safety.body(m.background.strip()), style="italic"))
    return panel(Group(*parts), m.name)


def goals(items: Iterable[Goal], mentor_names: dict[str, str]) -> Table:
    return from_listing(lists.goals(items, mentor_names))


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
