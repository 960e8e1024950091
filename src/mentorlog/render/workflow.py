"""Human output of the mentee's workflow commands: the brief before a call (rich and Markdown),
queued questions, the team, a relationship's timeline, collected lessons and the periodic
review. Renderers build; the CLI prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mentorlog.domain.body import without_citation
from mentorlog.domain.dates import describe_delta
from mentorlog.domain.independence import Independence
from mentorlog.domain.labels import mentor_labels
from mentorlog.render import arc as arc_view
from mentorlog.render import text_safety
from mentorlog.render.meetings import booked_line
from mentorlog.render.plain import EVENT_LABELS, event_text
from mentorlog.render.rhythm import RhythmChart
from mentorlog.render.tables import SafeTable, lines, panel, plain
from mentorlog.render.tables import table as _table

# Types only: a command imports the one use case it runs, not all six.
if TYPE_CHECKING:
    from mentorlog.services.advice import GivenAdvice
    from mentorlog.services.brief import Brief, ChecklistItem
    from mentorlog.services.lessons import LessonGroup
    from mentorlog.services.review import Review
    from mentorlog.services.team import Team, TeamGap, TeamMember
    from mentorlog.services.timeline import Timeline

Section = tuple[str, list[str]]
# How a view shows one piece of user text inside its own words: escaped for the terminal, or
# for Markdown.
Shown = Callable[[str], str]


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _when(day: date, today: date) -> str:
    return f"{day.isoformat()} ({describe_delta((day - today).days)})"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _dated_rows(rows: Iterable[tuple[str, Text | str]], indent: int = 2) -> Table:
    """Dated lines whose text wraps under itself, not under the date."""
    grid = SafeTable.grid(padding=(0, 2), pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for when, what in rows:
        grid.add_row(" " * indent + when, what)
    return grid


def _with_source(text: str, source: str) -> Text:
    line = plain(text)
    line.append(f"  ({text_safety.line(source)})", style="dim")
    return line


# ---------------------------------------------------------------------------------------------
# brief

_CHECKLIST_LABELS = {
    "goals": "goals written down for this relationship",
    "background": "their background researched",
    "resume": "your resume sent",
    "ground_rules": "ground rules agreed (confidentiality both ways)",
}


def _checklist_hint(item: ChecklistItem, mentor_id: str) -> str:
    return {
        "goals": f"decide what you want from them: `mentorlog goal add TITLE --mentor {mentor_id}`",
        "background": "read up on their path and what they are known for, then "
        f"`mentorlog mentor set {mentor_id} --background TEXT`",
        "resume": "send it before the call so they see your background at a glance, then "
        f"`mentorlog mentor share {mentor_id} resume`",
        "ground_rules": "agree that what either of you says stays between you, then "
        f"`mentorlog mentor set {mentor_id} --ground-rules DATE`",
    }[item.key]


def _checklist_line(item: ChecklistItem, mentor_id: str, shown: Shown) -> str:
    label = _CHECKLIST_LABELS[item.key]
    if not item.applicable and not item.done:
        return f"[-] {label}: not applicable"
    if item.done:
        detail = shown(item.detail) if item.detail else None
        extra = ", ".join(x for x in (detail, _d(item.on) if item.on else None) if x)
        return f"[x] {label}" + (f" ({extra})" if extra else "")
    return f"[ ] {label}: missing; {_checklist_hint(item, shown(mentor_id))}"


def _who(b: Brief, shown: Shown) -> list[str]:
    m = b.mentor
    today = b.today
    lines: list[str] = []
    what = ", ".join(shown(x) for x in (m.role, m.org) if x)
    if what or m.stage:
        lines.append(" · ".join(x for x in (what, f"{m.stage} to you" if m.stage else "") if x))
    if b.known_since and b.known_days is not None:
        lines.append(
            f"Known since {b.known_since.isoformat()} "
            f"({describe_delta(-b.known_days).removesuffix(' ago')}), "
            f"{_plural(b.sessions_count, 'contact')} so far"
        )
    default = " (the journal's default)" if b.cadence_is_default else ""
    lines.append(f"You meet {b.cadence.describe()}{default}")
    if b.last_session and b.last_contact:
        topic = shown(b.last_session.topic) if b.last_session.topic else "no topic written down"
        lines.append(
            f"Last contact {_when(b.last_contact, today)}: {topic} ({b.last_session.kind})"
        )
    else:
        lines.append("No contact recorded yet")
    if b.status == "ended" and m.ended:
        lines.append(f"The relationship ended on {m.ended.isoformat()}")
    elif b.next_due is not None and b.last_contact is None and b.status == "active":
        waiting = max(0, (today - b.next_due).days)
        lines.append(
            f"First contact: waiting {_plural(waiting, 'day')}"
            if b.next_due <= today
            else f"First contact from {_when(b.next_due, today)}"
        )
    elif b.next_due is not None:
        days = (b.next_due - today).days
        paused = f"paused until {m.pause_end}; " if b.status == "paused" else ""
        verb = "was due" if days < 0 else "is due"
        lines.append(f"Next check-in {paused}{verb} {_when(b.next_due, today)}")
    if b.standing is not None:
        lines.append(arc_view.phase_line(b.standing))
    if m.strengths:
        lines.append("Strengths: " + ", ".join(shown(x) for x in m.strengths))
    if m.tags:
        lines.append("Tags: " + ", ".join(shown(x) for x in m.tags))
    return lines


def _purpose(b: Brief, shown: Shown) -> list[str]:
    name = shown(b.mentor.first_name)
    mentor_id = shown(b.mentor.id)
    if b.purpose == "intro":
        lines = [
            f"A first call. Tell {name} what you hope to get from the relationship, ask about "
            "their path, and agree on how often you meet and what stays between you."
        ]
    elif b.purpose == "question":
        lines = [
            f"A specific question. Tell {name} so in the first minute, and say whether you "
            "want advice or a sounding board."
        ]
    else:
        lines = [
            f"A check-in on progress. Tell {name} so at the start, then walk through what "
            "moved and what did not."
        ]
    if b.meeting is not None:
        lines.insert(0, booked_line(b.meeting, shown))
    if b.questions:
        lines += [f"{q.number}. {shown(q.text)}" for q in b.questions]
    elif b.purpose == "question":
        lines.append(f'No question queued yet: `mentorlog ask {mentor_id} "..."` before the call.')
    else:
        lines.append(f'Nothing queued to ask. Add topics with `mentorlog ask {mentor_id} "..."`.')
    return lines


def _reminders(b: Brief, shown: Shown) -> list[str]:
    lines: list[str] = []
    m = b.mentor
    first_name, mentor_id = shown(m.first_name), shown(m.id)
    if b.standing is not None:
        lines += arc_view.phase_suggestions(b.standing, first_name, mentor_id)
    if b.ask_about_struggles:
        lines.append(
            f"You have not asked {first_name} about their own hard moments. The stories of "
            "what went wrong for them are often the most useful part; afterwards, "
            f"`mentorlog mentor set {mentor_id} --struggles-asked DATE`."
        )
    if b.idle is not None:
        since = b.idle.since.isoformat()
        if b.idle.reason == "no-goals":
            why = f"No goal has been linked to {first_name} since you began on {since}."
        else:
            why = f"Every goal you worked on with {first_name} was closed by {since}."
        thanked = (
            f" You last thanked them on {b.idle.thanked_on.isoformat()}."
            if b.idle.thanked_on
            else ""
        )
        lines.append(
            f"{why}{thanked} Help is meant to make you independent, not to last forever: "
            f"meet less often (`mentorlog mentor set {mentor_id} --cadence 3m`), set a new goal "
            f"with them, or say thanks and graduate (`mentorlog thank {mentor_id}`, then "
            f"`mentorlog mentor end {mentor_id}`)."
        )
    return lines


def brief_sections(b: Brief, shown: Shown, shown_body: Shown) -> list[Section]:
    """The brief as titled sections of lines, shared by the terminal and Markdown views; user
    text in them is already made safe by `shown` (one-line fields) and `shown_body`."""
    m = b.mentor
    sections: list[Section] = [("Who", _who(b, shown))]
    if m.background and m.background.strip():
        sections.append(("Background", shown_body(m.background.strip()).splitlines()))
    if b.standing is not None and b.standing.agreement is not None:
        sections.append(("Agreement", arc_view.agreement_lines(b.standing, shown)))
    closure = m.closure_on(b.today)
    if closure is not None:
        sections.append(("Closure", arc_view.closure_lines(closure, shown)))
    missing = b.missing
    # A start checklist is no use once the relationship is over or closed.
    if b.status != "ended" and closure is None:
        sections.append(
            (
                "Getting started"
                + (" (all done)" if not missing else f" ({len(missing)} missing)"),
                [_checklist_line(item, m.id, shown) for item in b.checklist],
            )
        )
    sections.append(("This call", _purpose(b, shown)))
    if b.open_goals:
        sections.append(
            (
                "Goals you work on together",
                [
                    shown(g.title) + (f" (target {g.target.isoformat()})" if g.target else "")
                    for g in b.open_goals
                ],
            )
        )
    if b.open_actions:
        sections.append(
            (
                "Report back on",
                [
                    f"{shown(p.action.text)} (from {p.session_date.isoformat()}, "
                    f"{shown(p.action.id)})"
                    for p in b.open_actions
                ],
            )
        )
    if b.progress:
        since = f" since {b.last_contact.isoformat()}" if b.last_contact else ""
        sections.append(
            (
                f"What moved{since}",
                [
                    f"{p.date.isoformat()} {shown(p.goal_title)}: {shown(p.note)}"
                    for p in b.progress
                ],
            )
        )
    if b.working_on:
        helped = set(b.can_help)
        sections.append(
            (
                "What you are working on",
                [
                    shown(f.text)
                    + (f" (#{', #'.join(f.skills)})" if f.skills else "")
                    + (f": {shown(m.first_name)}'s strengths can help" if f.id in helped else "")
                    for f in b.working_on
                ],
            )
        )
    if b.advice:
        sections.append(
            (f"{m.first_name}'s advice and what came of it", advice_lines(b.advice, shown))
        )
    if b.lessons:
        sections.append(
            (
                f"What {m.first_name} shared before",
                [f"{x.date.isoformat()} {shown(x.text)}" for x in b.lessons],
            )
        )
    reminders = _reminders(b, shown)
    if reminders:
        sections.append(("Reminders", reminders))
    return sections


def _advice_said(item: GivenAdvice, shown: Shown) -> str:
    """A piece of advice, then what you tried on it and what came of it."""
    tried = []
    for action in item.tried:
        what = shown(without_citation(action.text))
        if not action.done:
            tried.append(f"trying: {what}")
        elif action.outcome:
            tried.append(f"tried: {what}; came of it: {shown(action.outcome)}")
        else:
            tried.append(f"tried: {what}")
    return f"{shown(item.text)} ({'; '.join(tried) if tried else 'not acted on yet'})"


def advice_lines(items: list[GivenAdvice], shown: Shown) -> list[str]:
    return [f"{item.date.isoformat()} {_advice_said(item, shown)}" for item in items]


def _title(b: Brief, shown: Shown) -> str:
    status = "" if b.status == "active" else f" ({b.status})"
    return f"{shown(b.mentor.name)}{status}: {b.purpose}, {b.today.isoformat()}"


def brief(b: Brief) -> RenderableType:
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for number, (title, section) in enumerate(brief_sections(b, text_safety.line, _body_lines)):
        parts.append(Text("\n" if number else "").append_text(plain(title, style="bold")))
        italic = title == "Background"
        for line in section:
            style = "italic" if italic else ("dim" if line.startswith(("[x]", "[-]")) else "")
            # a hanging indent keeps wrapped lines under their own item; the line is made of
            # pieces already escaped, so it is taken as it is
            parts.append(Padding(Text(line, style=style), (0, 0, 0, 2)))
    return panel(Group(*parts), _title(b, str))


def _body_lines(text: str) -> str:
    return "\n".join(text_safety.line(line) for line in text.splitlines())


def brief_markdown(b: Brief) -> str:
    """The brief as Markdown, to paste into notes or print."""
    shown = text_safety.markdown_line
    out = [f"# Brief: {_title(b, shown)}", ""]
    for title, section in brief_sections(b, shown, text_safety.body):
        out.append(f"## {shown(title)}")
        out.append("")
        for line in section:
            if title == "Background":
                out.append(line)
            elif line.startswith("[x] ") or line.startswith("[ ] "):
                out.append(f"- {line}")
            elif title == "This call" and line[:1].isdigit():
                out.append(line)
            else:
                out.append(f"- {line}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# team

_RHYTHM_WORDS = {"kept": "kept", "slipping": "slipping", "new": "just started", "paused": "paused"}


def _gaps_on_time(on_time: int, gaps: int) -> str:
    if on_time < gaps or gaps == 1:
        return f"{on_time} of {_plural(gaps, 'gap')} on time"
    return "both gaps on time" if gaps == 2 else f"all {gaps} gaps on time"


def _in_touch(member: TeamMember, today: date) -> str:
    r = member.rhythm
    parts = [_RHYTHM_WORDS[r.state]]
    if r.gaps:
        parts.append(_gaps_on_time(r.on_time, r.gaps))
    if member.status == "paused":
        parts.append(f"until {member.mentor.pause_end}")
    elif member.days_overdue > 0:
        parts.append(f"{_plural(member.days_overdue, 'day')} overdue")
    elif member.last_contact is None and member.next_due <= today:
        waiting = (today - member.next_due).days
        parts.append(f"first contact, waiting {_plural(waiting, 'day')}")
    else:
        parts.append(f"due {describe_delta((member.next_due - today).days)}")
    return ", ".join(parts)


def gap_message(gap: TeamGap, titles: dict[str, str]) -> str:
    if gap.code == "no-mentors":
        return (
            "No mentors on your team yet. Start with one person whose path you admire: "
            "`mentorlog mentor add NAME`."
        )
    if gap.code == "all-senior":
        return (
            "Everyone on your team is senior to you. A peer or someone a few years ahead often "
            "sees your day-to-day more clearly; consider adding one."
        )
    if gap.code == "no-peer":
        return (
            "No peer or near-peer yet. Someone at or just past your stage can give the most "
            "practical advice; worth asking one."
        )
    if gap.code == "no-outsider":
        return (
            "Nobody from outside your field. An outsider can question habits everyone around "
            "you takes for granted."
        )
    if gap.code == "one-org":
        return (
            f"Every mentor works at {text_safety.line(gap.org or '')}. A voice from another organisation would widen "
            "the view."
        )
    if gap.code == "unknown-stage":
        who = ", ".join(text_safety.line(x) for x in gap.mentors)
        return (
            f"No career stage recorded for {who}, so the team view cannot tell who is senior "
            "or a peer: `mentorlog mentor set ID --stage peer`."
        )
    if gap.code == "unlinked-goal" and gap.goal:
        return (
            f"No mentor is linked to '{text_safety.line(titles.get(gap.goal, gap.goal))}'. Is "
            f"there someone who has done it? "
            f"`mentorlog goal link {text_safety.line(gap.goal)} --mentor NAME`."
        )
    return gap.code


def team(t: Team) -> RenderableType:
    table = _table("mentor", "stage", "helps with", "cadence", "in touch", title="Your team")
    for member in t.members:
        m = member.mentor
        helps = [g.title for g in member.open_goals]
        if m.tags:
            helps.append("#" + " #".join(m.tags))
        table.add_row(
            m.name,
            m.stage or "—",
            lines(helps) if helps else "—",
            str(member.cadence),
            _in_touch(member, t.today),
            style="dim" if member.status == "paused" else "",
        )
    parts: list[RenderableType] = [table]
    names = mentor_labels({member.mentor.id: member.mentor.name for member in t.members})
    if t.members:
        parts.append(Text("Keeping in touch, week by week", style="bold"))
        parts.append(RhythmChart([(names[m.mentor.id], m.line) for m in t.members]))
        parts.append(Text())
    if t.coverage:
        cover = _table("open goal", "worked on with", title="How the team covers your goals")
        for item in t.coverage:
            cover.add_row(
                item.goal.title, ", ".join(names.get(i, i) for i in item.mentors) or "nobody yet"
            )
        parts.append(cover)
    titles = {c.goal.id: c.goal.title for c in t.coverage}
    notes = Text()
    if t.gaps:
        notes.append("Room to grow\n", style="bold")
        for gap in t.gaps:
            notes.append(f"  - {gap_message(gap, titles)}\n")
    else:
        notes.append("The team covers every open goal and a range of perspectives.\n")
    alone = len(t.reached_alone)
    if t.reached:
        notes.append(
            f"\nGoals reached: {len(t.reached)}, {alone} of them on your own"
            + (
                ": " + ", ".join(text_safety.line(g.title) for g in t.reached_alone)
                if alone
                else ""
            )
            + ".\n"
        )
    shown = [x for x in t.independence if x.reached]
    if shown:
        names = {m.mentor.id: m.mentor.name for m in t.members}
        notes.append("\nLeaning on each mentor less\n", style="bold")
        for line in independence_lines(shown, names):
            notes.append(f"  {line}\n")
    parts.append(notes)
    return Group(*parts)


_SUGGESTIONS = {
    "stretch": "you reach goals on your own now: stretch the cadence "
    "(`mentorlog mentor set {id} --cadence ...`)",
    "close": "nothing left open with them and you got there on your own: close well, "
    "with thanks (`mentorlog thank {id}`)",
}


def independence_lines(items: list[Independence], names: dict[str, str]) -> list[str]:
    """Per mentor: reached with them and on your own, oldest first, and the suggestion."""
    out: list[str] = []
    for x in items:
        steps = " → ".join("own" if g.independently else "with" for g in x.reached)
        line = (
            f"{text_safety.line(names.get(x.mentor, x.mentor))}: {x.with_mentor} with them, "
            f"{x.on_your_own} on your own ({steps})"
        )
        if x.suggestion:
            line += "; " + _SUGGESTIONS[x.suggestion].format(id=x.mentor)
        out.append(line)
    return out


# ---------------------------------------------------------------------------------------------
# timeline


def timeline(t: Timeline) -> RenderableType:
    m = t.mentor
    table = _table("date", "what", "", title=f"{m.name}: the relationship so far")
    for e in t.events:
        style = "bold" if e.kind in ("began", "thanks", "goal-reached", "ended") else ""
        if e.kind in ("lesson", "reflection", "question-queued"):
            style = "italic"
        table.add_row(
            e.date.isoformat(),
            EVENT_LABELS[e.kind],
            event_text(e.kind, e.text, e.detail),
            style=style,
        )
    return Group(table, timeline_summary(t))


def timeline_summary(t: Timeline) -> RenderableType:
    """What follows the events: the counts, the state and the rhythm since it began."""
    m = t.mentor
    summary = Text()
    if not t.events:
        summary.append("Nothing recorded with this mentor yet.\n")
    summary.append(
        f"{_plural(t.sessions, 'contact')}, {_plural(len(t.goals), 'goal')} worked on together, "
        f"{len(t.reached)} reached"
        + (f" ({len(t.reached_alone)} of them on your own)" if t.reached else "")
        + ".\n"
    )
    if t.status == "paused":
        summary.append(f"Paused until {m.pause_end}.\n")
    elif t.status == "ended":
        summary.append(f"Ended on {_d(m.ended)}.\n")
    parts: list[RenderableType] = [summary]
    if t.line is not None:
        parts.append(Text(f"In touch every {t.line.cadence}, since it began", style="bold"))
        parts.append(RhythmChart([(m.first_name, t.line)]))
    return Group(*parts)


# ---------------------------------------------------------------------------------------------
# lessons


def lessons(groups: list[LessonGroup], by: str) -> RenderableType:
    parts: list[RenderableType] = []
    for number, grouped in enumerate(groups):
        title = f"{grouped.label} ({len(grouped.lessons)})"
        parts.append(Text("\n" if number else "").append_text(plain(title, style="bold")))
        rows = []
        for item in grouped.lessons:
            source = f"{item.mentor_name}, {item.session}" if by == "tag" else item.session
            rows.append((item.date.isoformat(), _with_source(item.text, source)))
        parts.append(_dated_rows(rows))
    return Group(*parts)


# ---------------------------------------------------------------------------------------------
# review

_STATE_WORDS = {"kept": "kept", "behind": "behind", "paused": "paused"}


def _drift_lines(r: Review) -> list[RenderableType]:
    """Each agreed rhythm against the review's periods: `Ruth: agreed every month, 1 of the
    last 3 months missed`."""
    kept = [x for x in r.rhythms if x.drift is not None]
    if not kept:
        return []
    found: list[RenderableType] = [Text("\nKeeping to the agreement", style="bold")]
    for x in kept:
        assert x.drift is not None
        found.append(plain(f"  {x.mentor.name}: {x.drift.describe()}"))
    return found


def review(r: Review) -> RenderableType:
    parts: list[RenderableType] = []
    head = Text()
    head.append(f"Review {r.since.isoformat()} to {r.until.isoformat()}\n", style="bold")
    kinds = ", ".join(f"{n} {kind}" for kind, n in r.by_kind.items())
    head.append(f"{_plural(len(r.sessions), 'contact')}" + (f": {kinds}" if kinds else "") + "\n")
    head.append(
        f"{_plural(len(r.actions_done), 'action')} done, {len(r.actions_open)} still open; "
        f"{_plural(len(r.lessons), 'lesson')} learned; "
        f"{_plural(len(r.reflections), 'reflection')} written\n"
    )
    parts.append(head)
    names = r.names
    if r.rhythms:
        rhythm = _table(
            "mentor", "cadence", "contacts", "expected", "rhythm", title="Keeping in touch"
        )
        for x in r.rhythms:
            rhythm.add_row(
                x.mentor.name,
                str(x.cadence),
                str(x.contacts),
                str(x.expected),
                _STATE_WORDS[x.state],
                style="dim" if x.state == "paused" else "",
            )
        parts.append(rhythm)
        parts.extend(_drift_lines(r))
        parts.append(Text("\nEach mentor against their cadence", style="bold"))
        parts.append(
            RhythmChart([(names.get(x.mentor.id, x.mentor.id), x.line) for x in r.rhythms])
        )
        parts.append(Text())
    if r.goals:
        moved = _table("goal", "moved", title="Goals")
        for g in r.goals:
            notes = [f"{p.date.isoformat()} {p.note}" for p in g.progress]
            if g.closed:
                reached = " on your own" if g.goal.independently else ""
                notes.append(f"{_d(g.goal.closed)} {g.closed}{reached}")
            moved.add_row(g.goal.title, lines(notes))
        parts.append(moved)
    if r.actions_done:
        parts.append(Text(f"Actions done ({len(r.actions_done)})", style="bold"))
        parts.append(
            _dated_rows(
                (_d(a.action.done_on), _with_source(a.action.text, names.get(a.mentor, a.mentor)))
                for a in r.actions_done
            )
        )
    if r.actions_open:
        parts.append(
            Text(f"\nStill open ({len(r.actions_open)}), by when you took them on", style="bold")
        )
        parts.append(
            _dated_rows(
                (
                    a.session_date.isoformat(),
                    _with_source(a.action.text, names.get(a.mentor, a.mentor)),
                )
                for a in r.actions_open
            )
        )
    if r.lessons:
        parts.append(Text("\nLessons", style="bold"))
        parts.append(
            _dated_rows(
                (x.date.isoformat(), _with_source(x.text, names.get(x.mentor, x.mentor)))
                for x in r.lessons
            )
        )
    if r.advice:
        parts.append(Text("\nAdvice and what came of it", style="bold"))
        parts.append(
            _dated_rows(
                (
                    a.date.isoformat(),
                    _with_source(_advice_said(a, str), names.get(a.mentor, a.mentor)),
                )
                for a in r.advice
            )
        )
    if r.growth:
        parts.append(Text("\nWhat you are working on", style="bold"))
        for m in r.growth:
            said = []
            if m.lessons:
                said.append(_plural(len(m.lessons), "lesson"))
            if m.reflections:
                said.append(_plural(len(m.reflections), "reflection"))
            if m.done_in_period:
                said.append(f"done {_d(m.item.done)}")
            how = "moved: " + ", ".join(said) if said else "no movement"
            parts.append(_with_source(f"  {m.item.text}", how))
    if r.independence:
        parts.append(Text("\nGoals reached with each mentor and on your own", style="bold"))
        every = {x.mentor.id: x.mentor.name for x in r.rhythms}
        for line in independence_lines(r.independence, every):
            parts.append(Text(f"  {line}"))
    if r.sessions and not r.reflections:
        parts.append(
            Text("No reflections written in this period: `mentorlog reflect` after a call.\n")
        )
    return Group(*parts)
