"""`mentorlog due` as aligned plain text, with colour only on a terminal that wants it.

`due` runs every morning and in shell prompts, so its output is built without rich (which
costs more to import than the whole command may take); see docs/performance.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date

from mentorlog.domain.dates import describe_delta
from mentorlog.domain.models import Session
from mentorlog.domain.schedule import DueReport, DueRow
from mentorlog.render import text_safety

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


def fit(text: str, width: int) -> str:
    """Cut text to `width` cells, marking the cut."""
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _when(row: DueRow) -> str:
    days = row.days_overdue
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"due {describe_delta(-days)}" if row.status == "due" else f"ok, {describe_delta(-days)}"


def _table(rows: list[list[str]], width: int, last_flexible: bool = True) -> list[str]:
    """Align columns; the last column takes what width is left."""
    if not rows:
        return []
    rows = [[text_safety.line(cell) for cell in row] for row in rows]
    columns = len(rows[0])
    widths = [max(display_width(r[i]) for r in rows) for i in range(columns)]
    lines = []
    for row in rows:
        fixed = "  ".join(_pad(row[i], widths[i]) for i in range(columns - 1))
        room = max(10, width - 2 - display_width(fixed) - 2) if last_flexible else widths[-1]
        lines.append(("  " + fixed + "  " + fit(row[-1], room)).rstrip())
    return lines


def due(report: DueReport, names: dict[str, str], colour: bool, width: int) -> str:
    paint = Painter(colour)
    out: list[str] = []
    reconnect = [r for r in report.rows if not r.ended]
    if reconnect:
        out.append(paint("Reconnect", "bold") + paint(f"  (as of {_day(report.today)})", "dim"))
        table = [["MENTOR", "LAST CONTACT", "CADENCE", "NEXT CHECK-IN", "WHEN"]]
        for row in reconnect:
            last = row.last_contact.isoformat() if row.last_contact else "never"
            table.append(
                [row.mentor.name, last, str(row.cadence), row.next_due.isoformat(), _when(row)]
            )
        lines = _table(table, width)
        out.append(paint(lines[0], "dim"))
        for row, line in zip(reconnect, lines[1:], strict=True):
            tone = (
                "red" if row.status == "overdue" else "yellow" if row.status == "due" else "green"
            )
            when = _when(row)
            out.append(
                line[: len(line) - len(when)] + paint(when, tone) if line.endswith(when) else line
            )
    if report.open_actions:
        out.append("")
        out.append(
            paint("Report back", "bold")
            + paint("  (open actions older than the mentor's cadence)", "dim")
        )
        table = [
            [a.action.id, names.get(a.mentor, a.mentor), f"{a.age_days} days", a.action.text]
            for a in report.open_actions
        ]
        out.extend(_table(table, width))
    if report.unreflected:
        out.append("")
        out.append(
            paint("Reflect", "bold")
            + paint("  (calls with no reflection yet: `mentorlog reflect --session ID`)", "dim")
        )
        table = [
            [u.session, names.get(u.mentor, u.mentor), f"{u.kind}, {describe_delta(-u.age_days)}"]
            for u in report.unreflected
        ]
        out.extend(_table(table, width))
    if report.thanks:
        out.append("")
        out.append(paint("Say thanks", "bold") + paint("  (`mentorlog thank NAME`)", "dim"))
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
            out.append(fit("  " + text_safety.line(told), width))
            out.append(fit("    " + text_safety.line(f"{o.action.id}: {o.action.outcome}"), width))
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
            out.append(fit("  " + text_safety.line(stalled), width))
            out.append(fit("    " + text_safety.line(hint), width))
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


def session_lines(items: list[Session]) -> Iterator[str]:
    """Sessions as plain lines (id, kind, actions, topic), for a listing longer than a screen or
    going into a pipe: a line costs microseconds where a rich table row costs about 600."""
    id_width = max((display_width(s.id) for s in items), default=0)
    kind_width = max((len(s.kind) for s in items), default=0)
    for s in items:
        actions = f"{len(s.open_actions())} open / {len(s.actions)}" if s.actions else "—"
        topic = text_safety.line(s.topic) if s.topic else "—"
        yield (
            f"{_pad(text_safety.line(s.id), id_width)}  {s.kind:<{kind_width}}  "
            f"{actions:<12}  {topic}".rstrip()
        )
