"""Search results: rich text for people, plain dicts for `--json`. Renderers build; the CLI
prints."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from mentorlog.domain.models import Mentor
from mentorlog.render import text_safety
from mentorlog.services.search import Hit

# Bold and reverse survive NO_COLOR and monochrome terminals, unlike a colour.
MATCH_STYLE = "bold reverse"
OPEN_COMMANDS = {
    "session": "mentorlog session show {id}",
    "reflection": "mentorlog reflection show {id}",
    "goal": "mentorlog goal show {id}",
    "mentor": "mentorlog mentor show {id}",
}


def open_command(hit: Hit) -> str:
    return OPEN_COMMANDS[hit.type].format(id=hit.id)


def snippet(hit: Hit) -> Text:
    # Escaping can lengthen the text, so each piece is escaped on its own, keeping the
    # highlights on the words they mark.
    text = Text()
    done = 0
    for start, stop in sorted(hit.highlights):
        if start < done:
            continue
        text.append(text_safety.line(hit.snippet[done:start]))
        text.append(text_safety.line(hit.snippet[start:stop]), style=MATCH_STYLE)
        done = stop
    text.append(text_safety.line(hit.snippet[done:]))
    return text


def hits(items: list[Hit], mentors: dict[str, Mentor]) -> Group:
    parts: list[Text] = []
    for hit in items:
        head = Text()
        head.append(hit.date.isoformat() if hit.date else "—", style="bold")
        head.append(f"  {hit.type:<10}  ")
        head.append(text_safety.line(hit.id), style="bold")
        who = mentors.get(hit.mentor or "")
        if who is not None and hit.type != "mentor":
            head.append(f"  {text_safety.line(who.name)}")
        if hit.title and hit.type != "reflection":
            head.append(f"  {text_safety.line(hit.title)}", style="italic")
        line = Text("    ")
        line.append_text(snippet(hit))
        command = Text(f"    open: {text_safety.line(open_command(hit))}", style="dim")
        parts += [head, line, command, Text("")]
    return Group(*parts[:-1])


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "type": hit.type,
        "id": hit.id,
        "date": hit.date.isoformat() if hit.date else None,
        "mentor": hit.mentor,
        "title": hit.title,
        "snippet": hit.snippet,
        "matches": hit.matches,
    }
