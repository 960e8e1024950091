"""Reflections: what you make of a conversation afterwards, in your own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.domain import templating
from mentorlog.domain.models import Goal, Mentor, Reflection, Session
from mentorlog.errors import MentorlogError, UsageError
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve, unread
from mentorlog.services.records import clean_text, create_record
from mentorlog.user import templates as usertemplates


@dataclass(slots=True)
class NewReflection:
    date: date
    session: str | None = None  # as typed; resolved with resolve.session
    mentor: str | None = None  # as typed; taken from the session when one is linked
    goals: tuple[str, ...] = ()  # as typed; the session's goals when none are given
    text: str | None = None
    confidential: bool = True
    skills: tuple[str, ...] = ()  # tags of what you are working on (`feedback --skill`)


@dataclass(slots=True)
class Checked:
    date: date
    session: Session | None
    mentor: Mentor | None
    goals: list[Goal]
    confidential: bool
    skills: list[str] = field(default_factory=list)

    @property
    def base_id(self) -> str:
        return f"{self.date.isoformat()}-{self.mentor.id if self.mentor else 'reflection'}"


def check(snapshot: Snapshot, today: date, new: NewReflection) -> Checked:
    """Resolve the links and check the date, before any editor opens."""
    if new.date > today:
        raise UsageError(f"the reflection date {new.date} is in the future", "give --date")
    session = (
        resolve.session(snapshot.sessions, new.session, deciding=True) if new.session else None
    )
    mentor = resolve.mentor(snapshot.mentors, new.mentor, deciding=True) if new.mentor else None
    if session is not None:
        if mentor is not None and mentor.id != session.mentor:
            raise UsageError(
                f"session {session.id} is with {session.mentor}, not {mentor.id}",
                "leave --mentor out: it is taken from the session",
            )
        if new.date < session.date:
            raise UsageError(
                f"the reflection ({new.date}) would come before its session ({session.date})",
                "give --date on or after the session",
            )
        mentor = snapshot.mentors.get(session.mentor, mentor)
    goals: list[Goal] = []
    for text in new.goals:
        found = resolve.goal(snapshot.goals, text, deciding=True)
        if found not in goals:
            goals.append(found)
    if not new.goals and session is not None:
        goals = [snapshot.goals[g] for g in session.goals if g in snapshot.goals]
    from mentorlog.services.growth import skill_tags

    checked = Checked(new.date, session, mentor, goals, new.confidential, skill_tags(new.skills))
    # One under its id (or a numbered one) that does not read may be this very reflection.
    unread.require_read(
        snapshot.reflections,
        "it may be this same reflection, so nothing was recorded",
        "then write it again",
        unread.numbered_from(checked.base_id),
    )
    return checked


def front_matter(checked: Checked, mentor_id: str | None) -> dict[str, Any]:
    return {
        "date": checked.date,
        "session": checked.session.id if checked.session else None,
        "mentor": mentor_id,
        "goals": [g.id for g in checked.goals] or None,
        "confidential": checked.confidential,
        "skills": checked.skills or None,
    }


def record(journal: Journal, today: date, new: NewReflection) -> Reflection:
    from mentorlog.journal import frontmatter

    if new.text is None:
        raise UsageError(
            "a reflection needs some text",
            "pass --text TEXT, --text - or a pipe to read stdin, or --edit to open $EDITOR",
        )
    text = clean_text(new.text, "the reflection")
    if text is None:
        raise UsageError("the reflection is empty; nothing was recorded", "write something")
    body = text.rstrip() + "\n"
    with journal.lock():
        checked = check(journal.load(), today, new)
        # A session whose mentor was deleted still names them; keep that link.
        mentor_id = checked.mentor.id if checked.mentor else None
        if mentor_id is None and checked.session is not None:
            mentor_id = checked.session.mentor
        fields = front_matter(checked, mentor_id)
        head = frontmatter.dumps_simple(fields)
        record_id, _ = create_record(
            journal, "reflection", checked.base_id, lambda _id: frontmatter.join(head, body)
        )
    return Reflection(
        id=record_id,
        date=checked.date,
        session=fields["session"],
        mentor=mentor_id,
        goals=[g.id for g in checked.goals],
        confidential=checked.confidential,
        skills=list(checked.skills),
    )


_PROMPTS = (
    ("What I heard", "The one or two things they said that you want to remember."),
    ("What challenged me", "Where you disagreed, or felt defensive, and why."),
    ("What I will try", "The advice you will act on, and by when."),
    ("Where I am still weak", "Be honest; it is only for you."),
    ("What I would do differently", "In how you prepared for the conversation, or led it."),
)


_OPENING_HINT = "Write under any heading you like; delete the ones you do not need."


def starter() -> str:
    """The built-in reflection template in the form a person's own template takes."""
    lines = [f"<!-- A reflection on {{about}}. {_OPENING_HINT} -->"]
    lines += ["", "<!-- Still open from that session: -->", "{open_actions}"]
    for title, hint in _PROMPTS:
        lines += ["", f"## {title}", f"<!-- {hint} -->", ""]
    return "\n".join(lines) + "\n"


def template(checked: Checked, journal_root: Path | None = None) -> str:
    """Prompts for writing after a conversation; the hints are dropped when it is saved. The
    person's own reflection template (user/templates.py), when there is one, takes their place."""
    about = []
    if checked.session is not None:
        topic = f": {checked.session.topic}" if checked.session.topic else ""
        about.append(f"the {checked.session.kind} of {checked.session.date}{topic}")
    elif checked.mentor is not None:
        about.append(f"your conversations with {checked.mentor.name}")
    if checked.goals:
        about.append("goals: " + ", ".join(g.title for g in checked.goals))
    still_open = checked.session.open_actions() if checked.session is not None else []
    own = usertemplates.find(usertemplates.REFLECTION, journal_root)
    if own is not None:
        place, text = own
        session = checked.session
        values = {
            "mentor": checked.mentor.name if checked.mentor else "",
            "mentor_id": checked.mentor.id if checked.mentor else "",
            "date": checked.date.isoformat(),
            "kind": "reflection",
            "session": session.id if session else "",
            "session_date": session.date.isoformat() if session else "",
            "topic": (session.topic or "") if session else "",
            "about": "; ".join(about),
            "goals": "\n".join(f"- Goal: {g.title}" for g in checked.goals),
            "open_actions": "\n".join(f"- {a.id}: {a.text}" for a in still_open),
        }
        return templating.render(text, values, str(place)).rstrip("\n") + "\n"
    lines = [
        "<!-- A reflection"
        + (f" on {'; '.join(about)}" if about else "")
        + f". {_OPENING_HINT} -->"
    ]
    if still_open:
        lines += ["", "<!-- Still open from that session: -->"]
        lines += [f"<!--   {a.id}: {a.text.replace('--', '- -')} -->" for a in still_open]
    for title, hint in _PROMPTS:
        lines += ["", f"## {title}", f"<!-- {hint} -->", ""]
    return "\n".join(lines) + "\n"


def record_in_editor(
    journal: Journal,
    snapshot: Snapshot,
    today: date,
    new: NewReflection,
    run_editor: Callable[[bytes], bytes],
    ask_again: Callable[[MentorlogError], bool] | None,
) -> Reflection:
    """Write a reflection from the editor. The links are checked before it opens; text given
    on the command line or piped starts it, under the prompts."""
    from mentorlog.services.editing import Purpose
    from mentorlog.services.sessions import write_from_editor

    checked = check(snapshot, today, new)
    bare = template(checked, journal.root)
    template_text = bare
    if new.text and new.text.strip():
        template_text += "\n" + new.text.strip("\n") + "\n"

    def save(written: str) -> Reflection:
        return record(journal, today, replace(new, text=written))

    purpose = Purpose(f"reflection-{checked.base_id}", editor_origin(checked, template_text, bare))
    return write_from_editor(
        journal, template_text, purpose, run_editor, save, "reflection", bare, ask_again
    )


def listed(
    snapshot: Snapshot,
    *,
    mentor: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Reflection]:
    """The reflections that match every filter given, newest first."""
    items = sorted(snapshot.reflections, key=lambda r: (r.date, r.id), reverse=True)
    if mentor:
        wanted = resolve.mentor(snapshot.mentors, mentor).id
        items = [r for r in items if r.mentor == wanted]
    if since:
        items = [r for r in items if r.date >= since]
    if until:
        items = [r for r in items if r.date <= until]
    return items


def remove(journal: Journal, text: str) -> Reflection:
    with journal.lock():
        found = resolve.reflection(journal.load().reflections, text)
        journal.delete(journal.read(journal.path_for("reflection", found.id)))
    return found


def editor_origin(checked: Checked, template_text: str, bare: str) -> dict[str, Any]:
    """What a recovery file of a new reflection needs to become that reflection later."""
    return {
        "for": "reflection new",
        "request": {
            "date": checked.date.isoformat(),
            "session": checked.session.id if checked.session else None,
            "mentor": checked.mentor.id if checked.mentor else None,
            "goals": [g.id for g in checked.goals],
            "confidential": checked.confidential,
            "skills": list(checked.skills),
        },
        "template": template_text,
        "bare": bare,
    }
