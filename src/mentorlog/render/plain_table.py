"""Tables for output that is not a terminal, written without rich's console.

Into a pipe or a file a table has no width limit (`render.tables.SafeConsole`), so nothing is
wrapped, folded or fitted: every column is as wide as its widest cell and each row is one
line. That layout is simple enough to write directly, and this module writes exactly the bytes
`render.tables.table(...)` printed by that console gives, at a fraction of the cost of
importing and running rich (tests/test_plain_table.py compares the two on random tables).

A `Listing` is a table's content as plain data: the renderers build one, and the CLI either
writes it here or hands it to rich for a terminal (`render.tables.from_listing`). `text` says
None for what it does not lay out the way rich would (a title wider than its table, a cell of
several lines): the caller then uses rich.
"""

from __future__ import annotations

from mentorlog.domain.records import record
from mentorlog.render import text_safety


@record
class Listing:
    """A table as data: its column headers, its rows of text cells (user text, shown as
    data), a style per row (`dim` for what is done or ended; drawn only on a terminal) and an
    optional title."""

    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    styles: list[str]
    title: str | None = None

    def add(self, *cells: str, style: str = "") -> None:
        self.rows.append(cells)
        self.styles.append(style)


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
        "question",
        "done",  # the day, then what came of it
    }
)


def listing(*columns: str, title: str | None = None) -> Listing:
    return Listing(columns, [], [], title)


def cell_width(text: str) -> int:
    """The columns `text` takes on a terminal, as rich counts them (wide East Asian letters
    count two, combining marks none)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len  # rich's width table alone, not its console

    return cell_len(text)


# The one table style (render.tables.table): box.SIMPLE_HEAD, whose edges and column dividers
# are spaces, one space of padding between columns and none at the outer edges.
_EDGE = " "
_DIVIDER = " "
_RULE = "─"
# The zero-width joiner and the emoji variation selector, which rich's measure of a line
# treats specially (the character after a joiner counts for nothing).
_JOINERS = frozenset("\u200d\ufe0f")


def text(table: Listing) -> str | None:
    """The table as rich prints it with no width limit, or None where rich lays it out in a way
    this does not (the caller then draws it with rich)."""
    if not table.columns or not all(header.isprintable() for header in table.columns):
        return None  # headers are the program's own words, never escaped
    title = text_safety.line(table.title) if table.title else ""
    rows = [[text_safety.line(cell) for cell in row] for row in table.rows]
    if any(len(row) != len(table.columns) for row in rows):
        return None
    if any(_JOINERS.intersection(cell) for row in rows for cell in row) or _JOINERS.intersection(
        title
    ):
        return None  # rich measures emoji sequences its own way: leave them to it
    last = len(table.columns) - 1
    prose = [header.lower() in PROSE_COLUMNS for header in table.columns]
    pads = [(index > 0) + (index < last) for index in range(len(table.columns))]
    widths = [cell_width(header) for header in table.columns]
    sized = [[(cell, cell_width(cell)) for cell in row] for row in rows]
    for row in sized:
        for index, (_, width) in enumerate(row):
            if width > widths[index]:
                widths[index] = width
    inner = sum(widths) + sum(pads) + last
    table_width = inner + 2 * len(_EDGE)
    lines: list[str] = []
    if title:
        title_width = cell_width(title)
        if title_width > table_width:
            return None  # rich wraps it to the table's width
        lines.append(title + " " * (table_width - title_width))
    lines.append(" " * table_width)

    def line(cells: list[tuple[str, int]]) -> str:
        parts = []
        for index, (cell, width) in enumerate(cells):
            if not widths[index]:
                cell = ""  # rich draws nothing in a column with no width, zero-width marks too
            elif prose[index] and len(cell) > widths[index] and cell[-1:].isspace():
                # In a column that may wrap, rich trims trailing whitespace by as many
                # characters as the cell has more than the column's width (which only
                # zero-width marks make happen), then pads with spaces.
                cell = cell[: max(len(cell.rstrip()), widths[index])]
                width = cell_width(cell)
            left = " " if index > 0 else ""
            right = " " if index < last else ""
            parts.append(left + cell + " " * (widths[index] - width) + right)
        return _EDGE + _DIVIDER.join(parts) + _EDGE

    lines.append(line([(header, cell_width(header)) for header in table.columns]))
    lines.append(_EDGE + _RULE * inner + _EDGE)
    lines.extend(line(row) for row in sized)
    lines.append(" " * table_width)
    # The last pass render.tables.SafeConsole makes over whatever it prints.
    return "".join(_escaped(line) + "\n" for line in lines)


def _escaped(line: str) -> str:
    return line if line.isprintable() else text_safety.body(line)
