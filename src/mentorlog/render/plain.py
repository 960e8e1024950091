"""`mentorlog due` as aligned plain text, with colour only on a terminal that wants it.

`due` runs every morning and in shell prompts, so its output is built without rich (which
costs more to import than the whole command may take); see docs/performance.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from mentorlog.domain.dates import describe_delta
from mentorlog.domain.models import Session
from mentorlog.domain.schedule import DueReport, DueRow
from mentorlog.domain.slugs import fold
from mentorlog.render import text_safety
from mentorlog.render.meetings import meeting_when, record_meetings

if TYPE_CHECKING:
    from mentorlog.services.lessons import LessonGroup
    from mentorlog.services.timeline import Timeline

_STYLES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "green": "32", "cyan": "36"}


class Painter:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, *styles: str) -> str:
        if not self.colour or not styles or not text:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


def display_width(text: str) -> int:
    """Terminal cells: wide East Asian characters and emoji take two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _when(row: DueRow, today: date | None = None) -> str:
    if row.meeting is not None and today is not None and row.status in ("booked", "record"):
        return meeting_when(row, today)
    if row.meeting is not None and today is not None and row.asks_for_contact:
        return f"{_standing(row)}, {meeting_when(row, today)} too far off to count"
    return _standing(row)


def _standing(row: DueRow) -> str:
    days = row.days_overdue
    if row.status == "first-contact":
        waiting = row.waiting_days or 0
        return (
            f"first contact, waiting {_days(waiting)}" if waiting else "first contact, from today"
        )
    if row.status == "snoozed":
        return f"snoozed, back {describe_delta(-days)}"
    if row.status == "lapsed":
        return f"lapsed, {_days(days)} overdue (limit {row.at_most})"
    if days > 0:
        return f"{_days(days)} overdue"
    if days == 0:
        return "due today"
    if row.last_contact is None and not row.ended:
        return f"first contact {describe_delta(-days)}"
    return f"due {describe_delta(-days)}" if row.status == "due" else f"ok, {describe_delta(-days)}"


# Colours escalate with the status; without colour the words alone say it.
_TONES = {
    "lapsed": ("red", "bold"),
    "overdue": ("red",),
    "first-contact": ("cyan",),
    "due": ("yellow",),
    "snoozed": ("dim",),
    "record": ("yellow",),
}


# The last column (the prose: an action, a reason) wraps; the columns before it (ids, names,
# dates, counts) are never cut. Too narrow for them, a row becomes a block of lines instead.
_MIN_PROSE = 16


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words where it can be (a
    word longer than the width is split, never cut off)."""
    if width <= 0 or display_width(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while display_width(word) > width:
            head = ""
            for char in word:
                if display_width(head + char) > width:
                    break
                head += char
            lines.append(head)
            word = word[len(head) :]
        current = word
    if current:
        lines.append(current)
    return lines


def _row_blocks(
    rows: list[list[str]], width: int, header: list[str] | None = None
) -> list[list[str]]:
    """Each row as its lines, the header (if any) first. `width` 0 means no limit (a pipe or
    a file). In blocks, the header's words label the cells and the header row goes."""
    if not rows:
        return []
    rows = [[text_safety.line(cell) for cell in row] for row in rows]
    if header is not None:
        rows = [header, *rows]
    columns = len(rows[0])
    widths = [max(display_width(r[i]) for r in rows) for i in range(columns)]
    fixed_width = 2 + sum(widths[:-1]) + 2 * (columns - 1)
    room = width - fixed_width if width > 0 else 0
    blocks = []
    for row in rows:
        if width > 0 and room < _MIN_PROSE and columns > 1:
            # One record per block: the first cell, then each other cell on its own lines.
            if header is not None and row is rows[0]:
                continue
            lines = [("  " + part).rstrip() for part in _wrap(row[0], width - 2)]
            for index, cell in enumerate(row[1:], start=1):
                label = f"{header[index].lower()}: " if header is not None else ""
                lines.extend(("    " + part).rstrip() for part in _wrap(label + cell, width - 4))
            blocks.append(lines)
            continue
        fixed = "  ".join(_pad(row[i], widths[i]) for i in range(columns - 1))
        parts = _wrap(row[-1], room)
        lines = [("  " + fixed + "  " + parts[0]).rstrip()]
        lines.extend((" " * fixed_width + part).rstrip() for part in parts[1:])
        blocks.append(lines)
    return blocks


def _indented(text: str, indent: int, width: int) -> list[str]:
    """`text` wrapped in `width` under an indent of `indent` spaces."""
    room = width - indent if width > 0 else 0
    return [" " * indent + part for part in _wrap(text, room)]


def _heading(paint: Painter, title: str, note: str, width: int) -> list[str]:
    """A section's title and, dimmed, its note: on one line when it fits, else the note
    wrapped below it."""
    if width <= 0 or display_width(title) + 2 + display_width(note) <= width:
        return [paint(title, "bold") + paint(f"  {note}", "dim")]
    return [paint(title, "bold"), *(paint(f"  {part}", "dim") for part in _wrap(note, width - 2))]


def _table(rows: list[list[str]], width: int) -> list[str]:
    """Aligned columns; the last one wraps in the width that is left."""
    return [line for block in _row_blocks(rows, width) for line in block]


def due(report: DueReport, names: dict[str, str], colour: bool, width: int) -> str:
    paint = Painter(colour)
    out: list[str] = []
    reconnect = [r for r in report.rows if not r.ended]
    if reconnect:
        out.extend(_heading(paint, "Reconnect", f"(as of {_day(report.today)})", width))
        header = ["MENTOR", "LAST CONTACT", "CADENCE", "NEXT CHECK-IN", "WHEN"]
        table = []
        for row in reconnect:
            last = row.last_contact.isoformat() if row.last_contact else "never"
            table.append(
                [
                    row.mentor.name,
                    last,
                    str(row.cadence),
                    row.next_due.isoformat(),
                    _when(row, report.today),
                ]
            )
        blocks = _row_blocks(table, width, header)
        if len(blocks) > len(reconnect):  # the header row, when the table fits as a table
            out.extend(paint(line, "dim") for line in blocks.pop(0))
        for row, block in zip(reconnect, blocks, strict=True):
            tone = _TONES.get(row.status, ("green",))
            when = text_safety.line(_when(row, report.today))
            last = block[-1]
            if last.endswith(when):
                block = [*block[:-1], last[: len(last) - len(when)] + paint(when, *tone)]
            out.extend(block)
    out.extend(record_meetings(report, paint))
    if report.open_actions:
        out.append("")
        out.extend(
            _heading(paint, "Report back", "(open actions older than the mentor's cadence)", width)
        )
        table = [
            [a.action.id, names.get(a.mentor, a.mentor), f"{a.age_days} days", a.action.text]
            for a in report.open_actions
        ]
        out.extend(_table(table, width))
    if report.unreflected:
        out.append("")
        out.extend(
            _heading(
                paint,
                "Reflect",
                "(calls with no reflection yet: `mentorlog reflect --session ID`)",
                width,
            )
        )
        table = [
            [u.session, names.get(u.mentor, u.mentor), f"{u.kind}, {describe_delta(-u.age_days)}"]
            for u in report.unreflected
        ]
        out.extend(_table(table, width))
    if report.thanks:
        out.append("")
        out.extend(_heading(paint, "Say thanks", "(`mentorlog thank NAME`)", width))
        table = []
        for t in report.thanks:
            if t.reason == "ended":
                why = f"the relationship ended on {t.since.isoformat()}; no thank-you since"
            else:
                why = f"goal {t.goal} was reached on {t.since.isoformat()}; no thank-you since"
            table.append([names.get(t.mentor, t.mentor), why])
        out.extend(_table(table, width))
    if report.advice:
        out.append("")
        out.append(paint("Tell how it went", "bold") + paint("  (advice you acted on)", "dim"))
        for o in report.advice:
            name = names.get(o.mentor, o.mentor)
            first = name.split()[0] if name.split() else name
            about = o.advice or o.action.text
            told = f'tell {first} how the advice "{about}" worked out'
            out.extend(_indented(text_safety.line(told), 2, width))
            out.extend(_indented(text_safety.line(f"{o.action.id}: {o.action.outcome}"), 4, width))
    if report.stalled:
        out.append("")
        out.append(paint("Stalled goals", "bold") + paint("  (no progress for a while)", "dim"))
        for s in report.stalled:
            if s.helpers:
                who = ", ".join(names.get(m, m).split()[0] for m in s.helpers)
                hint = f"ask {who} for help"
            else:
                hint = (
                    "nobody covers it: fill the gap (`mentorlog team`) or "
                    f"`mentorlog goal link {s.goal.id} -m NAME`"
                )
            stalled = f"{s.goal.id}: {s.goal.title}, {s.days} days since progress"
            out.extend(_indented(text_safety.line(stalled), 2, width))
            out.extend(_indented(text_safety.line(hint), 4, width))
    if report.reviews:
        out.append("")
        out.extend(
            _heading(
                paint, "Review the agreement", "(then `mentorlog agree NAME --review DATE`)", width
            )
        )
        for r in report.reviews:
            name = names.get(r.mentor, r.mentor)
            first = name.split()[0] if name.split() else name
            when = describe_delta(-r.days_overdue)
            said = (
                f"review the agreement with {first} (agreed review {r.review.isoformat()}, {when})"
            )
            out.extend(_indented(text_safety.line(said), 2, width))
    return "\n".join(out) + "\n" if out else ""


def nothing_due(report: DueReport, upcoming: DueRow | None, window_days_text: str) -> str:
    """Said when nobody needs a check-in. The all-clear only when nothing else is listed:
    under Report back, Reflect or Say thanks it would contradict the lines above it."""
    if report.reminders:
        message = f"Nobody is due a check-in {window_days_text}; the items above are still open."
    else:
        message = f"Nobody is due {window_days_text}: you are in touch with everyone."
    if upcoming is not None:
        message += (
            f" Next: {text_safety.line(upcoming.mentor.name)} on {upcoming.next_due.isoformat()}"
            f" ({describe_delta(-upcoming.days_overdue)})."
        )
    return message


def unreadable(count: int) -> str:
    """Said instead of the all-clear: the files that could not be read may hold someone due."""
    files = "1 file" if count == 1 else f"{count} files"
    return (
        f"mentorlog: warning: {files} could not be read, so this list may be missing someone: "
        "run `mentorlog doctor`"
    )


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def session_lines(items: list[Session], in_full: Iterable[Session] | None = None) -> Iterator[str]:
    """Sessions as plain lines (id, kind, actions, topic), for a listing longer than a screen or
    going into a pipe: a line costs microseconds where a rich table row costs about 600.
    `in_full` gives the same sessions with all their actions when `items` were read without
    details, one at a time as each line is made."""
    id_width = max((display_width(s.id) for s in items), default=0)
    kind_width = max((len(s.kind) for s in items), default=0)
    for s in items if in_full is None else in_full:
        actions = f"{len(s.open_actions())} open / {len(s.actions)}" if s.actions else "—"
        topic = text_safety.line(s.topic) if s.topic else "—"
        yield (
            f"{_pad(text_safety.line(s.id), id_width)}  {s.kind:<{kind_width}}  "
            f"{actions:<12}  {topic}".rstrip()
        )


# What each kind of timeline event is called, in the table and in plain lines.
EVENT_LABELS = {
    "began": "began",
    "ground-rules": "ground rules",
    "resume-sent": "resume",
    "shared": "shared",
    "goal-linked": "goal",
    "question-queued": "to ask",
    "session": "session",
    "thanks": "thanks",
    "question-discussed": "discussed",
    "lesson": "lesson",
    "struggles-asked": "struggles",
    "reflection": "reflected",
    "action-done": "done",
    "advice": "advice",
    "goal-reached": "reached",
    "goal-dropped": "dropped",
    "ended": "ended",
    "closure": "closure",
}


def event_text(kind: str, text: str, detail: str | None) -> str:
    # A detail the text already says (a topic "Thank-you (handwritten note)" sent as a
    # handwritten note, an email whose topic is "email") is not said twice.
    if detail and fold(detail) not in fold(text):
        if kind in ("session", "thanks", "goal-reached"):
            return f"{text} ({detail})"
        if kind == "action-done":
            return f"{text}: {detail}"
        if kind == "closure":
            return f"{text}; what stays: {detail}"
    if kind == "goal-linked":
        return f"working on: {text}"
    if kind == "resume-sent":  # its text may be only "resume", which the label already says
        return "sent your resume"
    return text


def timeline_lines(t: Timeline) -> Iterator[str]:
    """A timeline's title and events as plain lines (date, what, text), for a story longer
    than a screen or going into a pipe."""
    yield text_safety.line(f"{t.mentor.name}: the relationship so far")
    label_width = max((len(EVENT_LABELS[e.kind]) for e in t.events), default=0)
    for e in t.events:
        text = text_safety.line(event_text(e.kind, e.text, e.detail))
        yield f"{e.date.isoformat()}  {EVENT_LABELS[e.kind]:<{label_width}}  {text}".rstrip()


def lesson_lines(groups: list[LessonGroup], by: str) -> Iterator[str]:
    """Lessons as plain lines under a line per group: date, the lesson, and where it came
    from (the session; also the mentor when grouped by tag)."""
    for number, grouped in enumerate(groups):
        if number:
            yield ""
        yield text_safety.line(f"{grouped.label} ({len(grouped.lessons)})")
        for item in grouped.lessons:
            source = f"{item.mentor_name}, {item.session}" if by == "tag" else item.session
            yield (
                f"{item.date.isoformat()}  {text_safety.line(item.text)}"
                f"  ({text_safety.line(source)})"
            )
