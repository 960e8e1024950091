"""The text of an export: one JSON document, a Markdown report, or a summary for one mentor.
Pure functions from the records chosen by services/export.py to strings. No rich."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mentorlog.domain.models import Goal, Mentor, Session
from mentorlog.render import json as render_json
from mentorlog.render import workflow_json as render_workflow_json
from mentorlog.render.text_safety import body as _safe_body
from mentorlog.render.text_safety import markdown_line as _md
from mentorlog.services.export import (
    EXPORT_VERSION,
    Export,
    MentorSummary,
    Selection,
    WithBody,
)

_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_KIND_LABELS = {
    "check-in": "Check-in",
    "question": "Question",
    "intro": "Introduction",
    "email": "Email",
    "message": "Message",
    "thanks": "Thank-you",
}


# --- JSON ---------------------------------------------------------------------------------------


def journal_json(data: Export) -> dict[str, Any]:
    """The documented export document (docs/json.md, "Export")."""
    return {
        **_json_head(data),
        "sessions": [
            render_json.session(entry.record, data.today, entry.body) for entry in data.sessions
        ],
        "reflections": [
            render_json.reflection(entry.record, entry.body) for entry in data.reflections
        ],
    }


def _json_head(data: Export | Selection) -> dict[str, Any]:
    """The export document's members before its sessions and reflections."""
    return {
        "mentorlog_export": EXPORT_VERSION,
        "generated": data.today.isoformat(),
        "filters": data.filters.to_json(),
        "omitted_confidential": data.omitted_confidential,
        "mentors": [render_json.mentor(m, data.today, as_written=True) for m in data.mentors],
        "goals": [render_json.goal(g) for g in data.goals],
        "feedback": [render_workflow_json.feedback(f) for f in data.feedback],
    }


def journal_json_chunks(
    data: Selection, sessions: Iterable[WithBody], reflections: Iterable[WithBody]
) -> Iterator[str]:
    """The same document as `journal_json`, as text (with its final newline) in pieces: the
    head, then one piece per session and reflection, each made as it is reached, so an export
    of any size holds one record's body at a time."""
    head = _json_head(data)
    yield render_json.dumps(head)[: -len("\n}")] + ",\n"
    yield from _json_array(
        "sessions", (render_json.session(e.record, data.today, e.body) for e in sessions)
    )
    yield ",\n"
    yield from _json_array(
        "reflections", (render_json.reflection(e.record, e.body) for e in reflections)
    )
    yield "\n}\n"


def _json_array(key: str, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """`"key": [...]` as a member of the export document, indented as `json.dumps` with
    indent=2 lays it out (a JSON string holds no raw newline, so indenting a line is safe)."""
    yield f'  "{key}": ['
    empty = True
    for item in items:
        yield ("\n" if empty else ",\n") + "    " + render_json.dumps(item).replace("\n", "\n    ")
        empty = False
    yield "]" if empty else "\n  ]"


# --- Markdown -----------------------------------------------------------------------------------
# One-line fields (names, titles, topics, action text, tags) go through `_md`, so a newline or a
# `#` in them never starts a heading or a list; bodies are kept as written, with only what would
# drive a terminal escaped.


def demote(body: str, levels: int) -> str:
    """Push a body's headings down so they nest under the report's own (at most level 6);
    lines inside code fences are left as they are."""
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0]
        elif fence is not None and opened and opened.group(1)[0] == fence:
            fence = None
        elif fence is None:
            line = _HEADING.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + levels), line)
        out.append(line)
    return "\n".join(out).strip("\n")


def _kind(kind: str) -> str:
    return _KIND_LABELS.get(kind, kind)


def _goal_lines(goal: Goal, names: dict[str, str], with_mentors: bool) -> list[str]:
    status = goal.status if goal.status != "done" else f"done {goal.closed or ''}".strip()
    lines = [f"### {_md(goal.title)} ({status})", ""]
    facts = []
    if goal.target:
        facts.append(f"target {goal.target.isoformat()}")
    if goal.created:
        facts.append(f"set {goal.created.isoformat()}")
    if with_mentors and goal.mentors:
        facts.append("with " + ", ".join(_md(names.get(m, m)) for m in goal.mentors))
    if goal.independently:
        facts.append("reached on my own")
    if facts:
        lines += ["_" + "; ".join(facts) + "_", ""]
    if goal.why:
        lines += [f"**Why:** {_md(goal.why.strip())}", ""]
    if goal.success:
        lines += [f"**Success looks like:** {_md(goal.success.strip())}", ""]
    if goal.progress:
        lines += ["**Progress:**", ""]
        lines += [f"- {p.date.isoformat()}: {_md(p.note.strip())}" for p in goal.progress]
        lines.append("")
    if goal.note:
        lines += [f"**Outcome:** {_md(goal.note.strip())}", ""]
    return lines


def _session_title(entry: WithBody, names: dict[str, str], with_name: bool) -> str:
    session = entry.record
    parts = [session.date.isoformat()]
    if with_name:
        parts.append(_md(names.get(session.mentor, session.mentor)))
    parts.append(_kind(session.kind))
    if session.topic:
        parts.append(_md(session.topic))
    return " · ".join(parts)


def _omitted_note(count: int) -> list[str]:
    if not count:
        return []
    return [
        f"> {count} confidential record{'s' if count != 1 else ''} left out. "
        "Export with `--include-confidential` to include them.",
        "",
    ]


def journal_markdown(
    data: Selection,
    with_bodies: Callable[[str, Iterable[Any]], Iterable[WithBody]],
    in_full: Iterable[Session],
    group_by: str = "mentor",
) -> Iterator[str]:
    """A readable report: mentors, goals with progress, sessions, lessons and reflections, as
    text in pieces. `with_bodies` gives each record it is handed with its body, in the order
    handed; `in_full` gives the chosen sessions (in their order) with their lessons. Each is
    asked for one record at a time, so a report of any size holds one body at a time."""
    return _joined(_markdown_lines(data, with_bodies, in_full, group_by))


def _markdown_lines(
    data: Selection,
    with_bodies: Callable[[str, Iterable[Any]], Iterable[WithBody]],
    in_full: Iterable[Session],
    group_by: str,
) -> Iterator[str]:
    names = data.names
    filters = data.filters
    yield from ["# Mentorship journal", ""]
    scope = [f"Exported {data.today.isoformat()}"]
    if filters.mentor:
        scope.append(f"mentor: {_md(names.get(filters.mentor, filters.mentor))}")
    if filters.since:
        scope.append(f"since {filters.since.isoformat()}")
    if filters.until:
        scope.append(f"until {filters.until.isoformat()}")
    yield from ["_" + "; ".join(scope) + "_", ""]
    yield from _omitted_note(data.omitted_confidential)

    if data.mentors:
        yield from ["## Mentors", ""]
        yield from [_mentor_line(m) for m in data.mentors]
        yield ""

    if data.goals:
        yield from ["## Goals", ""]
        for goal in data.goals:
            yield from _goal_lines(goal, names, with_mentors=True)

    if data.sessions:
        yield from ["## Sessions", ""]
        if group_by == "date":
            by_date = sorted(data.sessions, key=lambda s: (s.date, s.id))
            for entry in with_bodies("session", by_date):
                yield from [f"### {_session_title(entry, names, with_name=True)}", ""]
                yield from _body_lines(entry.body, 2)
        else:
            for mentor_id, sessions in _by_mentor(data.sessions, names):
                yield from [f"### {_md(names.get(mentor_id, mentor_id))}", ""]
                for entry in with_bodies("session", sessions):
                    yield from [f"#### {_session_title(entry, names, with_name=False)}", ""]
                    yield from _body_lines(entry.body, 3)

    heading = ["## Lessons", ""]
    for session in in_full:
        for lesson in session.lessons:
            yield from heading
            heading = []
            who = _md(names.get(session.mentor, session.mentor))
            yield f"- {_md(lesson.text)} ({who}, {session.date.isoformat()})"
    if not heading:
        yield ""

    if data.reflections:
        yield from ["## Reflections", ""]
        for entry in with_bodies("reflection", data.reflections):
            reflection = entry.record
            title = reflection.date.isoformat()
            if reflection.mentor:
                title += f" · {_md(names.get(reflection.mentor, reflection.mentor))}"
            yield from [f"### {title}", ""]
            yield from _body_lines(entry.body, 2)


def _joined(lines: Iterable[str]) -> Iterator[str]:
    """`"\n".join(lines).rstrip("\n") + "\n"` in pieces: the newlines at the end of what has
    been made so far wait until more text follows them."""
    waiting = ""
    first = True
    for line in lines:
        text = line if first else "\n" + line
        first = False
        kept = text.rstrip("\n")
        if kept:
            yield waiting + kept
            waiting = text[len(kept) :]
        else:
            waiting += text
    yield "\n"


def _mentor_line(m: Mentor) -> str:
    what = ", ".join(_md(x) for x in (m.role, m.org) if x)
    facts = [x for x in (m.stage, f"since {m.start.isoformat()}" if m.start else None) if x]
    line = f"- **{_md(m.name)}**"
    if what:
        line += f", {what}"
    if facts:
        line += f" ({'; '.join(facts)})"
    return line


def _body_lines(body: str, levels: int) -> list[str]:
    text = demote(_safe_body(body), levels)
    return [text, ""] if text.strip() else []


def _by_mentor(
    sessions: Iterable[Session], names: dict[str, str]
) -> list[tuple[str, list[Session]]]:
    groups: dict[str, list[Session]] = {}
    for session in sessions:
        groups.setdefault(session.mentor, []).append(session)
    return sorted(groups.items(), key=lambda item: names.get(item[0], item[0]).casefold())


# --- a summary for one mentor -------------------------------------------------------------------


def summary_markdown(summary: MentorSummary) -> str:
    """A note to send one mentor. It names no one else."""
    mentor = summary.mentor
    first = mentor.first_name
    lines = [f"# For {_md(mentor.name)}", "", f"_{summary.today.isoformat()}_", ""]
    if summary.goals:
        lines += ["## What we have been working on", ""]
        for goal in summary.goals:
            lines += _goal_lines(goal, {}, with_mentors=False)
    if summary.completed:
        lines += ["## What I did after our conversations", ""]
        for item in summary.completed:
            action = item.action
            line = f"- {_md(action.text)}"
            if action.done_on:
                line += f" (done {action.done_on.isoformat()})"
            if action.outcome:
                line += f": {_md(action.outcome)}"
            lines.append(line)
        lines.append("")
    if summary.lessons:
        lines += ["## What you taught me", ""]
        lines += [f"- {_md(item.lesson.text)}" for item in summary.lessons]
        lines.append("")
    lines += ["## Thank you", "", _thanks(summary, _md(first)), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _thanks(summary: MentorSummary, first: str) -> str:
    parts = [f"{first}, thank you for your time and your honesty."]
    if summary.first_contact and summary.contacts:
        times = "once" if summary.contacts == 1 else f"{summary.contacts} times"
        parts.append(
            f"Since {summary.first_contact.strftime('%B %Y').lstrip('0')} we have been in "
            f"touch {times}, and each conversation left me with something to do."
        )
    if summary.completed:
        parts.append(
            f"I followed through on {len(summary.completed)} of the things we talked about; "
            "the list above is what came of them."
        )
    # A goal reached on your own is listed with the rest, but it is not theirs to be thanked for.
    reached = [g for g in summary.goals if g.status == "done" and not g.independently]
    if reached:
        parts.append(
            "Reaching "
            + ", ".join(f"“{_md(g.title)}”" for g in reached)
            + " would not have happened the same way without you."
        )
    parts.append("I am grateful, and I hope to return the favour.")
    return " ".join(parts)
