"""The report as one self-contained HTML page: inline CSS, inline SVG and one inline script,
nothing fetched from the network, no fonts but the reader's own.

Every string that comes from a record goes through `esc` (HTML and SVG alike) before it is
placed in the page; the page is built as text from the standard library, so there is no
template engine to load or to trust with escaping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from mentorlog.domain import rhythm
from mentorlog.domain.models import Goal
from mentorlog.render.rhythm import WORDS, Layout, layout, month_label
from mentorlog.services.report import Report

COLOURS = {
    rhythm.ON_TIME: "#2e7d32",
    rhythm.LATE: "#e08e0b",
    rhythm.MISSED: "#c62828",
    rhythm.WAITING: "#c9ced6",
    rhythm.PAUSED: "#5c7cfa",
    rhythm.ENDED: "#8a8f98",
    rhythm.BEFORE: "none",
}
STAGE_WORDS = {
    "senior": "Senior: further along your path",
    "peer": "Peer: at your stage",
    "near-peer": "Near-peer: a few years ahead",
    "junior": "Junior: behind you, a fresh view",
    "outsider": "Outsider: from another field",
    "unknown": "Stage not recorded",
}
LABEL_WIDTH = 150  # pixels for the names left of a chart
CHART_WIDTH = 860  # pixels for the cells of a chart
ROW = 24
AXIS = 22


def esc(value: object) -> str:
    """Text from a record, safe inside HTML text, attribute values and SVG alike."""
    return escape(str(value), quote=True)


def _axis(shape: Layout, unit: float, y: int) -> list[str]:
    parts = []
    for offset, label in shape.axis():
        x = LABEL_WIDTH + offset * unit
        parts.append(f'<text class="axis" x="{x:.1f}" y="{y}">{esc(label)}</text>')
    return parts


def _mark(state: str, x: float, y: float, size: float) -> str:
    """One cell: its shape says the state as much as its colour does."""
    colour = COLOURS[state]
    r = size / 2
    cx, cy = x + r, y + r
    if state == rhythm.ON_TIME:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r * 0.8:.1f}" fill="{colour}"/>'
    if state == rhythm.LATE:
        points = f"{cx:.1f},{y + 1:.1f} {x + size - 1:.1f},{y + size - 1:.1f} {x + 1:.1f},{y + size - 1:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if state == rhythm.MISSED:
        a, b = r * 0.6, r * 0.6
        return (
            f'<path d="M{cx - a:.1f},{cy - b:.1f} L{cx + a:.1f},{cy + b:.1f} '
            f'M{cx + a:.1f},{cy - b:.1f} L{cx - a:.1f},{cy + b:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    if state == rhythm.WAITING:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{max(r * 0.25, 1):.1f}" fill="{colour}"/>'
    if state == rhythm.PAUSED:
        return (
            f'<rect x="{x:.1f}" y="{cy - 2:.1f}" width="{size:.1f}" height="4" '
            f'fill="{colour}" opacity="0.6"/>'
        )
    if state == rhythm.ENDED:
        return (
            f'<line x1="{x:.1f}" y1="{y + size - 2:.1f}" x2="{x + size:.1f}" '
            f'y2="{y + size - 2:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
    return ""


def rhythm_svg(rows: Sequence[tuple[str, rhythm.RhythmLine]], title: str) -> str:
    """Rows of (label, line) as an SVG chart, with the month axis and a legend."""
    if not rows:
        return ""
    since, until = rows[0][1].since, rows[0][1].until
    shape = layout(since, until, 104)
    cells = len(shape.periods)
    unit = CHART_WIDTH / max(cells * shape.cell, 1)
    size = min(unit * shape.cell - 2, 16)
    height = AXIS + ROW * len(rows) + 34
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {LABEL_WIDTH + CHART_WIDTH + 10} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>'
    ]
    parts += _axis(shape, unit, 14)
    seen: set[str] = set()
    for n, (label, line) in enumerate(rows):
        y = AXIS + n * ROW
        if n % 2 == 0:
            parts.append(
                f'<rect class="band" x="0" y="{y}" width="{LABEL_WIDTH + CHART_WIDTH}" '
                f'height="{ROW}"/>'
            )
        parts.append(f'<text class="name" x="4" y="{y + ROW / 2 + 5:.1f}">{esc(label)}</text>')
        for index, cell in enumerate(rhythm.cells(line, shape.periods)):
            seen.add(cell.state)
            x = LABEL_WIDTH + index * shape.cell * unit
            mark = _mark(cell.state, x, y + (ROW - size) / 2, size)
            if mark:
                tip = f"{label}: {cell.first.isoformat()} to {cell.last.isoformat()}, "
                parts.append(f"<g><title>{esc(tip + WORDS[cell.state])}</title>{mark}</g>")
    legend_y = AXIS + ROW * len(rows) + 12
    x = 4.0
    for state in rhythm.DAY_STATES:
        if state not in seen or state not in WORDS:
            continue
        parts.append(_mark(state, x, legend_y, 12))
        parts.append(
            f'<text class="legend" x="{x + 16:.1f}" y="{legend_y + 10}">{WORDS[state]}</text>'
        )
        x += 24 + 7 * len(WORDS[state])
    parts.append("</svg>")
    return "".join(parts)


def _goal_svg(goals: Sequence[Goal], since: date, until: date) -> str:
    """Each goal as a bar from when it was set down to when it closed (or today), a dot for
    each progress note and a diamond at its target."""
    if not goals:
        return ""
    first = min([since, *(g.created for g in goals if g.created)])
    shape = layout(first, until, 104)
    days = max((until - first).days, 1)
    cells_width = CHART_WIDTH
    unit = cells_width / max(len(shape.periods) * shape.cell, 1)

    def x_of(day: date) -> float:
        return LABEL_WIDTH + (min(max(day, first), until) - first).days / days * cells_width

    height = AXIS + ROW * len(goals) + 8
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {LABEL_WIDTH + CHART_WIDTH + 10} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>Goals over time</title>'
    ]
    parts += _axis(shape, unit, 14)
    for n, goal in enumerate(goals):
        y = AXIS + n * ROW + ROW / 2
        title = goal.title if len(goal.title) <= 22 else goal.title[:21] + "…"
        parts.append(
            f'<text class="name" x="4" y="{y + 5:.1f}"><title>{esc(goal.title)}</title>'
            f"{esc(title)}</text>"
        )
        start = goal.created or first
        end = goal.closed if goal.closed and goal.status != "open" else until
        state = {"done": "done", "dropped": "dropped"}.get(goal.status, "open")
        parts.append(
            f'<line class="goal {state}" x1="{x_of(start):.1f}" y1="{y:.1f}" '
            f'x2="{x_of(end):.1f}" y2="{y:.1f}"><title>{esc(goal.title)}: {state}</title></line>'
        )
        for p in goal.progress:
            if first <= p.date <= until:
                parts.append(
                    f'<circle class="progress" cx="{x_of(p.date):.1f}" cy="{y:.1f}" r="5">'
                    f"<title>{esc(p.date.isoformat())}: {esc(p.note)}</title></circle>"
                )
        if goal.target and first <= goal.target <= until:
            tx = x_of(goal.target)
            parts.append(
                f'<path class="target" d="M{tx:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 z">'
                f"<title>target {esc(goal.target.isoformat())}</title></path>"
            )
    parts.append("</svg>")
    return "".join(parts)


STYLE = """
:root { color-scheme: light; --ink: #1f2328; --soft: #59636e; --line: #d8dee4; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  margin: 0; background: #f6f8fa; }
main { max-width: 1060px; margin: 0 auto; padding: 28px 32px 48px; }
header h1 { font-size: 26px; margin: 0 0 4px; }
header p { margin: 0; color: var(--soft); }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px;
  margin-top: 20px; }
h2 { font-size: 18px; margin: 0 0 10px; }
.summary { display: flex; gap: 14px; flex-wrap: wrap; margin-top: 18px; }
.summary div { background: #fff; border: 1px solid var(--line); border-radius: 10px;
  padding: 10px 16px; min-width: 130px; }
.summary b { display: block; font-size: 22px; }
.summary span { color: var(--soft); font-size: 13px; }
svg.chart { display: block; margin: 4px 0 14px; }
svg .axis { font-size: 12px; fill: var(--soft); }
svg .name { font-size: 13px; fill: var(--ink); }
svg .legend { font-size: 12px; fill: var(--soft); }
svg .band { fill: #f6f8fa; }
svg .goal { stroke-width: 8; stroke-linecap: round; }
svg .goal.open { stroke: #9ec5fe; } svg .goal.done { stroke: #8fd19e; }
svg .goal.dropped { stroke: #d0d4d9; }
svg .progress { fill: #0b5cad; stroke: #fff; stroke-width: 1.5; }
svg .target { fill: none; stroke: #c62828; stroke-width: 1.5; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--soft); font-weight: 600; }
.stages { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; }
.stage { border: 1px solid var(--line); border-radius: 8px; padding: 10px; min-height: 84px; }
.stage h3 { font-size: 13px; margin: 0 0 6px; color: var(--soft); font-weight: 600; }
.stage.empty { border-style: dashed; background: #fff8f0; }
.stage ul { margin: 0; padding-left: 18px; }
.muted { color: var(--soft); }
.note { color: var(--soft); font-size: 13px; margin-top: 8px; }
"""

# Runs only if the page loaded whole: marks the page as drawn, so a check can tell.
SCRIPT = (
    "document.documentElement.setAttribute('data-drawn', "
    "String(document.querySelectorAll('svg.chart').length));"
)


def _summary(r: Report) -> str:
    review = r.review
    items = [
        (len(review.sessions), "contacts"),
        (len(r.team.members), "mentors on the team"),
        (sum(1 for g in r.goals if g.is_open), "open goals"),
        (len(review.actions_done), "actions done"),
        (len(review.actions_open), "actions open"),
    ]
    cells = "".join(f"<div><b>{n}</b><span>{esc(what)}</span></div>" for n, what in items)
    return f'<div class="summary">{cells}</div>'


def _stages(r: Report) -> str:
    boxes = []
    for stage, members in r.stages.items():
        if stage == "unknown" and not members:
            continue
        names = "".join(f"<li>{esc(m.name)}</li>" for m in members)
        body = f"<ul>{names}</ul>" if members else '<p class="muted">nobody yet</p>'
        empty = "" if members else " empty"
        boxes.append(f'<div class="stage{empty}"><h3>{esc(STAGE_WORDS[stage])}</h3>{body}</div>')
    return f'<div class="stages">{"".join(boxes)}</div>'


def _coverage(r: Report) -> str:
    if not r.team.coverage:
        return ""
    rows = "".join(
        f"<tr><td>{esc(c.goal.title)}</td><td>"
        f"{esc(', '.join(r.names.get(i, i) for i in c.mentors) or 'nobody yet')}</td></tr>"
        for c in r.team.coverage
    )
    return f"<table><tr><th>Open goal</th><th>Worked on with</th></tr>{rows}</table>"


def _progress_table(goals: Iterable[Goal]) -> str:
    rows = []
    for g in goals:
        notes = "<br>".join(f"{esc(p.date.isoformat())} {esc(p.note)}" for p in g.progress)
        status = g.status + (" on your own" if g.independently and g.status == "done" else "")
        rows.append(
            f"<tr><td>{esc(g.title)}</td><td>{esc(status)}</td>"
            f"<td>{notes or '<span class=muted>none yet</span>'}</td></tr>"
        )
    return (
        "<table><tr><th>Goal</th><th>Status</th><th>Progress</th></tr>" + "".join(rows) + "</table>"
    )


def _contacts(r: Report) -> str:
    if not r.contacts:
        return '<p class="muted">No contacts in this period.</p>'
    rows = []
    for c in r.contacts:
        topic = esc(c.topic) if c.topic else '<span class="muted">confidential</span>'
        if c.topic is None and (r.include_confidential or not r.withheld):
            topic = '<span class="muted">no topic</span>'
        lessons = "".join(f"<br><span class=muted>&#8226; {esc(x)}</span>" for x in c.lessons)
        rows.append(
            f"<tr><td>{esc(c.date.isoformat())}</td><td>{esc(r.names.get(c.mentor, c.mentor))}"
            f"</td><td>{esc(c.kind)}</td><td>{topic}{lessons}</td></tr>"
        )
    note = ""
    if r.withheld:
        note = (
            f'<p class="note">{r.withheld} confidential contact'
            f"{'s' if r.withheld != 1 else ''} shown by date only "
            "(<code>--include-confidential</code> shows their topics and lessons).</p>"
        )
    return (
        "<table><tr><th>Date</th><th>Mentor</th><th>Kind</th><th>Topic</th></tr>"
        + "".join(rows)
        + "</table>"
        + note
    )


def page(r: Report) -> str:
    period = f"{month_label(r.since, True)} to {month_label(r.until, True)}"
    rhythm_rows = [(r.names.get(x.mentor.id, x.mentor.id), x.line) for x in r.review.rhythms]
    sections = [
        _summary(r),
        "<section><h2>Each mentor against their cadence</h2>"
        + (rhythm_svg(rhythm_rows, "Contacts against cadence") or "<p>No mentors yet.</p>")
        + "</section>",
        "<section><h2>Goals over time</h2>"
        + _goal_svg(r.goals, r.since, r.until)
        + _progress_table(r.goals)
        + "</section>",
        "<section><h2>Your dream team</h2>" + _stages(r) + _coverage(r) + "</section>",
        "<section><h2>Contacts in this period</h2>" + _contacts(r) + "</section>",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>Mentoring report, {esc(period)}</title><style>{STYLE}</style></head>"
        f"<body><main><header><h1>Mentoring report</h1>"
        f"<p>{esc(r.since.isoformat())} to {esc(r.until.isoformat())}</p></header>"
        + "".join(sections)
        + f"</main><script>{SCRIPT}</script></body></html>\n"
    )
