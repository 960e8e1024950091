"""The contact-rhythm chart in the terminal: one row per mentor, one cell per week (or two
weeks, a month, a quarter, a year when the period is long), each cell a mark for how that
stretch stood against the cadence (`domain.rhythm`). The marks differ in shape, not only in
colour, so the chart reads the same with `NO_COLOR`, through a pipe or on a terminal that
cannot show anything but ASCII."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from mentorlog.domain import rhythm
from mentorlog.render import text_safety

MARKS = {
    rhythm.ON_TIME: "●",
    rhythm.LATE: "▲",
    rhythm.MISSED: "×",
    rhythm.WAITING: "·",
    rhythm.PAUSED: "‖",
    rhythm.ENDED: "_",
    rhythm.BEFORE: " ",
}
ASCII_MARKS = {
    rhythm.ON_TIME: "o",
    rhythm.LATE: "!",
    rhythm.MISSED: "x",
    rhythm.WAITING: ".",
    rhythm.PAUSED: "=",
    rhythm.ENDED: "_",
    rhythm.BEFORE: " ",
}
STYLES = {
    rhythm.ON_TIME: "green",
    rhythm.LATE: "yellow",
    rhythm.MISSED: "red",
    rhythm.WAITING: "dim",
    rhythm.PAUSED: "blue",
    rhythm.ENDED: "dim",
    rhythm.BEFORE: "",
}
WORDS = {
    rhythm.ON_TIME: "contact on time",
    rhythm.LATE: "contact late",
    rhythm.MISSED: "due, no contact",
    rhythm.WAITING: "not due yet",
    rhythm.PAUSED: "paused",
    rhythm.ENDED: "ended",
}
STEP_WORDS = {
    "week": "a week",
    "fortnight": "two weeks",
    "month": "a month",
    "quarter": "three months",
    "year": "a year",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Wider than this a chart only spreads out: a pipe (no width limit) gets this much.
MAX_WIDTH = 160
LABEL_MAX = 20
CELL_MAX = 3  # characters per cell when there is room to spare


def month_label(day: date, with_year: bool) -> str:
    name = MONTHS[day.month - 1]
    return f"{name} '{day.year % 100:02d}" if with_year else name


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the cells of a chart fall: shared by the terminal chart and the report's SVG."""

    step: str
    periods: list[tuple[date, date]]
    cell: int  # characters (or units) per cell
    room: int  # characters the axis may use, past the last cell too

    def axis(self) -> list[tuple[int, str]]:
        """(offset, label) pairs: months at even spacing, each year named at its first label.
        Offsets are in characters from the first cell; labels never overlap."""
        months: list[tuple[int, date]] = []
        for index, (first, last) in enumerate(self.periods):
            if index == 0:
                begins = first.replace(day=1)
            elif first.day == 1:
                begins = first
            else:
                begins = date(first.year + first.month // 12, first.month % 12 + 1, 1)
                if begins > last:
                    continue
            months.append((index, begins))
        if not months:
            return []
        # a period that begins late in a month names it only if that leaves room for the next
        crowded = len(months) > 1 and (months[1][0] - months[0][0]) * self.cell < 8
        if crowded and self.periods[0][0].day > 15:
            months.pop(0)
        first, last = self.periods[0][0], self.periods[-1][1]
        calendar_months = (last.year - first.year) * 12 + last.month - first.month + 1
        per_month = len(self.periods) * self.cell / calendar_months
        every = next((k for k in (1, 2, 3, 6, 12) if k * per_month >= 4), 12)
        placed: list[tuple[int, str]] = []
        end = -1
        last_year = None
        width = max(len(self.periods) * self.cell, self.room)
        for n, (index, day) in enumerate(months):
            if n and (day.month - 1) % every:
                continue
            offset = index * self.cell
            label = month_label(day, day.year != last_year)
            if self.step == "year":
                label = str(day.year)
            if offset <= end or offset + len(label) > width:
                continue
            placed.append((offset, label))
            end = offset + len(label)
            last_year = day.year
        return placed


def layout(since: date, until: date, room: int) -> Layout:
    """The finest cells that show the whole period in `room` characters."""
    step = rhythm.step_for(since, until, max(room, 1))
    periods = rhythm.spans(since, until, step)
    return Layout(step, periods, max(1, min(CELL_MAX, room // max(len(periods), 1))), room)


def chart(
    rows: Sequence[tuple[str, rhythm.RhythmLine]],
    width: int,
    ascii_only: bool,
    legend: bool = True,
) -> Text:
    """Rows of (label, line) over one period, within `width` columns, labels on the left, the
    month axis (with years) on top and a legend of the marks used below."""
    text = Text()
    if not rows:
        return text
    width = min(width, MAX_WIDTH)
    since, until = rows[0][1].since, rows[0][1].until
    labels = [text_safety.line(label) for label, _ in rows]
    label_width = min(max(len(label) for label in labels), LABEL_MAX, max(width // 4, 4))
    room = max(width - label_width - 2, 1)
    shape = layout(since, until, room)
    marks = ASCII_MARKS if ascii_only else MARKS
    axis = [" "] * max(len(shape.periods) * shape.cell, room)
    for offset, label in shape.axis():
        axis[offset : offset + len(label)] = label
    head = " " * (label_width + 2) + "".join(axis).rstrip()
    text.append(head[:width].rstrip() + "\n", style="bold")
    seen: set[str] = set()
    for label, (_, line) in zip(labels, rows, strict=True):
        cut = "." if ascii_only else "…"
        shown = label if len(label) <= label_width else label[: label_width - 1] + cut
        text.append(f"{shown:<{label_width}}  ")
        for cell in rhythm.cells(line, shape.periods):
            seen.add(cell.state)
            mark = marks[cell.state] + " " * (shape.cell - 1)
            text.append(mark, style=STYLES[cell.state])
        text.rstrip()
        text.append("\n")
    if legend:
        items = [f"{marks[s]} {WORDS[s]}" for s in rhythm.DAY_STATES if s in seen and s in WORDS]
        items.append(f"one mark = {STEP_WORDS[shape.step]}")
        text.append_text(_wrapped(items, width))
    return text


def _wrapped(items: list[str], width: int) -> Text:
    text = Text(style="dim")
    line = ""
    for item in items:
        candidate = f"{line}   {item}" if line else item
        if len(candidate) > width and line:
            text.append(line + "\n")
            line = item
        else:
            line = candidate
    if line:
        text.append(line + "\n")
    return text


class RhythmChart:
    """`chart` as a rich renderable: it takes the width it is given and falls back to ASCII
    marks when the console's encoding cannot show the others."""

    def __init__(self, rows: Sequence[tuple[str, rhythm.RhythmLine]], legend: bool = True) -> None:
        self.rows = list(rows)
        self.legend = legend

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ascii_only = not options.encoding.lower().startswith("utf")
        text = chart(self.rows, options.max_width, ascii_only, self.legend)
        text.rstrip()
        yield text
