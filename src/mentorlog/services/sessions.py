"""Sessions: recording a contact with a mentor, the template a call's notes start from, and
removing a session."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mentorlog.domain import body as body_text
from mentorlog.domain import records, templating
from mentorlog.domain.meetings import passed_booked
from mentorlog.domain.models import (
    ActionItem,
    Goal,
    LessonItem,
    Mentor,
    Problem,
    Question,
    Session,
    check_kind,
)
from mentorlog.domain.slugs import fold
from mentorlog.errors import Ambiguous, MentorlogError, NotFound, UsageError
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.journal.writer import ChangeSet
from mentorlog.services import resolve
from mentorlog.services.records import clean_line, clean_text, create_record
from mentorlog.user import templates as usertemplates

if TYPE_CHECKING:
    # The editor's and the meetings' use cases load only where a session needs them: their
    # dataclasses (and inspect) were a fifth of a `session new` with its text on the line.
    from mentorlog.services import editing

T = TypeVar("T")

# The order of the sections a session gets from command-line flags.
FLAG_SECTIONS = ("Notes", "Advice", "Lessons", "Actions")


@records.record
class NewSession:
    mentor: str  # as typed; resolved with resolve.mentor
    date: date
    kind: str = "check-in"
    topic: str | None = None
    goals: tuple[str, ...] = ()  # as typed; resolved with resolve.goal
    notes: str | None = None
    actions: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    confidential: bool = True
    how: str | None = None  # for kind "thanks": e.g. "handwritten note"
    discussed: tuple[str, ...] = ()  # question selectors: "all", a number, or a text prefix
    body: str | None = None  # a full body (from the editor) instead of notes/actions/lessons
    # No --date given: a booked meeting whose day has come gives the date, kind and topic.
    from_meeting: bool = False


@records.record
class Checked:
    """A NewSession with every name resolved and every text cleaned, ready to be written."""

    mentor: Mentor
    date: date
    kind: str
    topic: str | None
    goals: list[Goal]
    how: str | None
    discussed: list[Question]
    confidential: bool
    meeting: str | None = None  # the booked meeting this session records


def select_questions(mentor: Mentor, selectors: Sequence[str]) -> list[Question]:
    """The open questions that `selectors` name: "all", a 1-based number among the open
    questions, or the start of a question's text (case and accents ignored)."""
    if not selectors:
        return []
    open_questions = mentor.open_questions()
    if not open_questions:
        raise NotFound(
            f"{mentor.name} has no open questions to mark discussed",
            f"queue one with `mentorlog ask {mentor.id} TEXT`",
        )
    chosen: list[Question] = []
    for selector in selectors:
        for question in _select(open_questions, selector, mentor):
            if question not in chosen:
                chosen.append(question)
    return chosen


def _select(open_questions: list[Question], selector: str, mentor: Mentor) -> list[Question]:
    wanted = selector.strip()
    count = len(open_questions)
    if wanted.lower() == "all":
        return list(open_questions)
    if wanted.isdigit():
        number = int(wanted)
        if not 1 <= number <= count:
            raise NotFound(
                f"{mentor.name} has no open question {number}",
                f"give a number from 1 to {count}, a question's first words, or all",
            )
        return [open_questions[number - 1]]
    key = fold(wanted)
    matches = [q for q in open_questions if key and fold(q.text).startswith(key)]
    if len(matches) == 1:
        return matches
    if matches:
        raise Ambiguous(
            f"'{wanted}' starts {len(matches)} of {mentor.name}'s open questions",
            "give more of the question, or its number",
        )
    raise NotFound(
        f"none of {mentor.name}'s open questions starts with '{wanted}'",
        f"give a number from 1 to {count}, a question's first words, or all",
    )


def check(snapshot: Snapshot, today: date, new: NewSession) -> Checked:
    """Resolve and validate everything but the notes, so a command can fail before it opens an
    editor rather than after."""
    kind = check_kind(new.kind)
    if new.date > today:
        raise UsageError(
            f"the session date {new.date} is in the future",
            "record a call after it happened; queue questions for it with `mentorlog ask`",
        )
    mentor = resolve.mentor(snapshot.mentors, new.mentor, deciding=True)
    meeting = passed_booked(mentor, today) if new.from_meeting else None
    if meeting is not None:
        new = records.replace(
            new,
            date=meeting.date,
            kind=meeting.kind if kind == "check-in" else kind,
            topic=new.topic or meeting.agenda,
        )
        kind = new.kind
    goals: list[Goal] = []
    for text in new.goals:
        found = resolve.goal(snapshot.goals, text, deciding=True)
        if found not in goals:
            goals.append(found)
    how = clean_line(new.how or "", "how you said thanks")
    if how and kind != "thanks":
        raise UsageError("--how is only for a thank-you", "add --kind thanks, or leave --how out")
    return Checked(
        mentor=mentor,
        date=new.date,
        kind=kind,
        topic=clean_line(new.topic or "", "a topic"),
        goals=goals,
        how=how,
        discussed=select_questions(mentor, new.discussed),
        confidential=new.confidential,
        meeting=meeting.id if meeting is not None else None,
    )


def body_from_flags(new: NewSession) -> str:
    """The body a session gets without an editor: only the sections that have something."""
    if new.body is not None:
        if new.notes is not None or new.actions or new.lessons or new.advice:
            raise UsageError(
                "give either a full body or notes, actions and lessons", "not both at once"
            )
        text = clean_text(new.body, "the session's text")
        if text is None:
            raise UsageError("the session's text is empty", "write some notes, or leave it out")
        return text.rstrip() + "\n"
    parts: list[tuple[str, str]] = []
    if new.notes is not None:
        notes = clean_text(new.notes, "the notes")
        if notes is None:
            raise UsageError(
                "the notes are empty", "write something, or leave --notes out to record the call"
            )
        parts.append(("Notes", notes))
    advice = _clean_items(new.advice, "a piece of advice")
    lessons = _clean_items(new.lessons, "a lesson")
    actions = _clean_items(new.actions, "an action")
    _check_citations(actions, len(advice))
    if advice:
        parts.append(("Advice", body_text.bullet_list(advice)))
    if lessons:
        parts.append(("Lessons", body_text.bullet_list(lessons)))
    if actions:
        parts.append(("Actions", body_text.bullet_list(actions, checkbox=True)))
    return body_text.build_body(parts)


def _check_citations(actions: Sequence[str], advice_count: int) -> None:
    """Every "(advice N)" in an action names advice given with this session."""
    for action in actions:
        number = body_text.acts_on(action)
        if number is not None and not 1 <= number <= advice_count:
            given = f"advice 1 to {advice_count}" if advice_count else "no --advice"
            raise UsageError(
                f"the action '{action}' cites advice {number}, but this session has {given}",
                "give the advice with --advice TEXT (numbered from 1 in order), or fix the number",
            )


def _clean_items(items: Sequence[str], what: str) -> list[str]:
    cleaned = []
    for item in items:
        value = clean_line(item, what, limit=1000)
        if value is None:
            raise UsageError(f"{what} cannot be empty", "give it some text")
        cleaned.append(value)
    return cleaned


def front_matter(checked: Checked) -> dict[str, Any]:
    return {
        "mentor": checked.mentor.id,
        "date": checked.date,
        "kind": checked.kind,
        "topic": checked.topic,
        "goals": [g.id for g in checked.goals] or None,
        "confidential": checked.confidential,
        "how": checked.how,
        "discussed": [q.text for q in checked.discussed] or None,
    }


class SessionIdsOnDisk(set[str]):
    """The session ids taken, found by looking up each candidate rather than by listing every
    session file: a new session's id is its date and mentor, so the only candidates are that
    name and its `-2`, `-3`, ... siblings, and each costs a look at its year's folder (and at
    the others, for a file moved there by hand). Ids added to the set count as taken too."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.looked_up = 0

    def __contains__(self, candidate: object) -> bool:
        if super().__contains__(candidate):
            return True
        if not isinstance(candidate, str):
            return False
        self.looked_up += 1
        # lexists: a dangling link or a file of another type still holds the name.
        return os.path.lexists(self.journal.path_for("session", candidate))


def require_same_day_read(journal: Journal, checked: Checked) -> None:
    """A new session takes the next free `DATE-MENTOR[-N]` id: the sessions already under
    those ids are the same day's calls with that mentor. One that does not read may be this
    very call, recorded before (a sync conflict, say): refuse rather than record it twice."""
    from mentorlog.errors import InvalidFile
    from mentorlog.services import unread

    base = f"{checked.date.isoformat()}-{checked.mentor.id}"
    taken = SessionIdsOnDisk(journal)
    candidate, number = base, 1
    while candidate in taken:
        path = journal.path_for("session", candidate)
        try:
            journal.parse_file("session", path, journal.rel(path))
        except InvalidFile as exc:
            problem = Problem(exc.path, exc.reason, exc.line, exc.hint)
            raise unread.refusal(
                problem,
                f"it may be this same call with {checked.mentor.name}, so nothing was recorded",
                "then record the call again",
            ) from None
        number += 1
        candidate = f"{base}-{number}"


def record(journal: Journal, today: date, new: NewSession) -> Session:
    """Write a new session file (and mark the questions it discussed in the mentor's file)."""
    from mentorlog.journal import frontmatter

    body = body_from_flags(new)
    with journal.lock():
        # check() needs the mentors and goals only: not a look at every session.
        snapshot = journal.load(kinds=("mentor", "goal"))
        checked = check(snapshot, today, new)
        require_same_day_read(journal, checked)
        fields = front_matter(checked)
        head = frontmatter.dumps_simple(fields)
        # The session and the questions it discussed are one change: a retry after a failure
        # must find neither, or it would write the session twice.
        together = ChangeSet()
        record_id, _ = create_record(
            journal,
            "session",
            f"{checked.date.isoformat()}-{checked.mentor.id}",
            lambda _id: frontmatter.join(head, body),
            taken=SessionIdsOnDisk(journal),
            together=together,
        )
        if checked.discussed or checked.meeting:
            _mark_discussed(journal, checked, together, record_id)
        journal.apply(together)
    return build_session(record_id, checked, body)


def build_session(record_id: str, checked: Checked, body: str) -> Session:
    """The Session just written, built without validating the file again."""
    return Session(
        id=record_id,
        mentor=checked.mentor.id,
        date=checked.date,
        kind=checked.kind,
        topic=checked.topic,
        goals=[g.id for g in checked.goals],
        confidential=checked.confidential,
        how=checked.how,
        discussed=[q.text for q in checked.discussed],
        actions=[
            ActionItem(record_id, a.number, a.text, a.done, a.done_on, a.outcome)
            for a in body_text.parse_actions(body)
        ],
        lessons=[LessonItem(x.text, x.tags) for x in body_text.parse_lessons(body)],
        advice=body_text.parse_advice(body),
    )


def _mark_discussed(
    journal: Journal, checked: Checked, together: ChangeSet, session_id: str
) -> None:
    """Mark in the mentor's file the questions the session discussed and the booked meeting
    it records: one change of that file."""
    from mentorlog.journal import schema
    from mentorlog.services.records import update_toml_record

    path = journal.path_for("mentor", checked.mentor.id)
    rel = journal.rel(path)
    record = journal.read(path)
    wanted = {q.text for q in checked.discussed}
    entries: list[Any] = []
    for entry in record.data.get("questions", []):
        if isinstance(entry, dict) and entry.get("text") in wanted and entry.get("done") is None:
            entry = {**entry, "done": checked.date}
        entries.append(entry)

    def validate(data: dict[str, Any], source: str) -> None:
        schema.mentor(checked.mentor.id, data, rel, source)

    changes: dict[str, Any] = {"questions": entries} if checked.discussed else {}
    if checked.meeting is not None:
        from mentorlog.services import meetings

        changes |= meetings.mark_done(record.data, checked.meeting, session_id)
    update_toml_record(journal, path, changes, validate, together)


# --- the editor -------------------------------------------------------------------------------

_OPENERS = {
    "check-in": (
        "A check-in on progress with {mentor}. Say so in the first minute: you are here to "
        "report what moved and what did not."
    ),
    "question": (
        "A specific question for {mentor}. Open with it, and with why it matters to you now, "
        "so the call stays on it."
    ),
    "intro": (
        "A first call with {mentor}. Say what you hope to learn from them, agree how you will "
        "keep in touch, and that what you share stays between you."
    ),
    "email": "An email to or from {mentor}.",
    "message": "A message to or from {mentor}.",
    "thanks": (
        "A thank-you to {mentor}. Name the advice, what you did with it, and what came of it."
    ),
}

_PROMPTS = {
    "Agenda": (
        "What you want from this contact. Be honest about what you still need to work on: "
        "it is what they can help with."
    ),
    "Notes": "What was said. Ask for advice when you are stuck, not only when you are done.",
    "Advice": "Advice to act on, one bullet each.",
    "Lessons": (
        "Stories they told, hard moments of their own (ask about those), one bullet each; "
        "#tags welcome."
    ),
    "Actions": "What you will do: one '- [ ]' line each. End the call by saying thanks.",
}

_QUEUED_HINT = (
    "To mark the ones you covered, record the call with --discussed N (or all); "
    "a line left here marks nothing."
)

_THANKS_PROMPTS = {
    "Agenda": "What you are thanking them for, and how you said it.",
    "Notes": "What you wrote or said: the advice, what you did with it, the result.",
}


def template(
    snapshot: Snapshot,
    mentor: Mentor,
    kind: str,
    goals: list[Goal],
    today: date,
    *,
    topic: str | None = None,
    notes: str | None = None,
    actions: Sequence[str] = (),
    lessons: Sequence[str] = (),
    day: date | None = None,
    journal_root: Path | None = None,
    advice: Sequence[str] = (),
) -> str:
    """The body the editor opens on for a new session, pre-filled with what the journal
    knows: actions still open from earlier sessions with this mentor, the questions queued for
    them, and how the linked goals stand. Lines in HTML comments are hints; they are dropped
    when the notes are saved. The person's own template for the kind, when there is one
    (user/templates.py), takes the built-in one's place."""
    kind = check_kind(kind)
    prompts = {**_PROMPTS, **(_THANKS_PROMPTS if kind == "thanks" else {})}
    goal_lines: list[str] = []
    for g in goals:
        latest = g.progress[-1] if g.progress else None
        status = f"last progress {latest.date}: {latest.note}" if latest else "no progress yet"
        goal_lines.append(f"- Goal: {g.title} ({status})")
    report_back: list[str] = []
    for session in snapshot.sessions:
        if session.mentor != mentor.id or session.date > today:
            continue
        for action in session.open_actions():
            if action.text:
                report_back.append(
                    f"- Report back: {action.text} (from {session.date}, {action.id})"
                )
    agenda = ([f"- {topic}"] if topic else []) + goal_lines + report_back
    open_questions = mentor.open_questions()
    own = usertemplates.find(kind, journal_root)
    if own is not None:
        given = {
            "notes": (notes or "").strip("\n"),
            "lessons": body_text.bullet_list(list(lessons)),
            "actions": body_text.bullet_list(list(actions), checkbox=True),
        }
        values = {
            "mentor": mentor.name,
            "mentor_id": mentor.id,
            "date": (day or today).isoformat(),
            "kind": kind,
            "topic": topic or "",
            "goals": "\n".join(goal_lines),
            "open_actions": "\n".join(report_back),
            "open_questions": "\n".join(
                f"- {n}. {q.text}" for n, q in enumerate(open_questions, 1)
            ),
            "agenda": "\n".join(agenda),
            **given,
            "actions": given["actions"] or "- [ ] ",
        }
        return fill_in(own, values, given)

    lines = [_hint(templating.render(_OPENERS[kind], {"mentor": mentor.name}, "built-in"))]
    lines += ["", "## Agenda", _hint(prompts["Agenda"]), *agenda]

    if open_questions:
        lines += [
            "",
            "## Questions I queued",
            _hint(_QUEUED_HINT),
        ]
        lines += [f"- {n}. {q.text}" for n, q in enumerate(open_questions, 1)]

    for title in FLAG_SECTIONS:
        lines += ["", f"## {title}", _hint(prompts[title])]
        if title == "Notes" and notes:
            lines.append(notes.strip("\n"))
        elif title == "Advice" and advice:
            lines.append(body_text.bullet_list(list(advice)))
        elif title == "Lessons" and lessons:
            lines.append(body_text.bullet_list(list(lessons)))
        elif title == "Actions":
            lines.append(body_text.bullet_list(list(actions), checkbox=True) or "- [ ] ")
    return "\n".join(lines) + "\n"


def fill_in(own: tuple[Path, str], values: dict[str, str], given: dict[str, str]) -> str:
    """The person's template filled in. Text given on the command line that the template has
    no place for goes at the end under its own heading: it is never dropped."""
    place, text = own
    filled = templating.render(text, values, str(place)).rstrip("\n")
    used = templating.names_used(text)
    for name, value in given.items():
        if value and name not in used:
            filled += f"\n\n## {name.capitalize()}\n{value}"
    return filled + "\n"


def starter(kind: str) -> str:
    """The built-in template for a kind of call in the form a person's own template takes:
    the place to start one from (`mentorlog template show KIND`)."""
    kind = check_kind(kind)
    prompts = {**_PROMPTS, **(_THANKS_PROMPTS if kind == "thanks" else {})}
    lines = [_hint(_OPENERS[kind]), "", "## Agenda", _hint(prompts["Agenda"]), "{agenda}"]
    lines += ["", "## Questions I queued", _hint(_QUEUED_HINT), "{open_questions}"]
    for title in FLAG_SECTIONS:
        lines += ["", f"## {title}", _hint(prompts[title])]
        if title != "Advice":
            lines.append("{" + title.lower() + "}")
    return "\n".join(lines) + "\n"


def _hint(text: str) -> str:
    return f"<!-- {text} -->"


def without_hints(text: str, template_text: str) -> str:
    """The edited text without the template's hint lines and unused placeholders (the
    person's own comments stay)."""
    hints = {
        line.strip()
        for line in template_text.split("\n")
        if line.strip().startswith("<!--") and line.strip().endswith("-->")
    }
    # An empty checkbox is the template's placeholder, not an action item the person wrote.
    kept = [
        line
        for line in text.split("\n")
        if line.strip() not in hints and line.strip() not in ("- [ ]", "* [ ]", "+ [ ]")
    ]
    return "\n".join(kept)


def write_from_editor(
    journal: Journal,
    template_text: str,
    purpose: editing.Purpose,
    run_editor: Callable[[bytes], bytes],
    record: Callable[[str], T],
    what: str,
    bare_template: str | None = None,
    ask_again: Callable[[MentorlogError], bool] | None = None,
) -> T:
    """Open the editor on a template and save what comes back with `record`. Text that is
    empty, or that `record` refuses, is kept in a recovery file, never lost; the untouched
    template is not worth keeping.

    `bare_template` is the template without text the person gave on the command line: leaving
    that text as it was still records it."""
    save = from_template(template_text, bare_template, what, record)

    def unchanged() -> T:
        if bare_template is not None and bare_template != template_text:
            return save(template_text)  # the text given on the command line
        raise UsageError(f"the {what} was left as the template", "nothing was written")

    from mentorlog.services import editing

    return editing.edit_until_saved(
        journal, template_text.encode("utf-8"), purpose, run_editor, save, unchanged, ask_again
    )


def from_template(
    template_text: str, bare_template: str | None, what: str, record: Callable[[str], T]
) -> Callable[[str], T]:
    """How text edited from a template is saved: refused when it says nothing beyond the
    template, and without the template's hint lines."""

    def save(edited: str) -> T:
        if body_text.is_blank_template(edited, bare_template or template_text):
            raise UsageError(f"the {what} is empty; nothing was recorded")
        return record(without_hints(edited, template_text))

    return save


def record_in_editor(
    journal: Journal,
    snapshot: Snapshot,
    today: date,
    new: NewSession,
    run_editor: Callable[[bytes], bytes],
    ask_again: Callable[[MentorlogError], bool] | None,
) -> Session:
    """Record a session from the editor. Everything but the text is checked before the editor
    opens, so a wrong name fails first; notes, actions and lessons given as flags start the
    template, and the edited text becomes the whole body."""
    checked = check(snapshot, today, new)
    require_same_day_read(journal, checked)

    def template_for(text: NewSession) -> str:
        return template(
            snapshot,
            checked.mentor,
            checked.kind,
            checked.goals,
            today,
            topic=checked.topic,
            notes=text.notes,
            actions=text.actions,
            lessons=text.lessons,
            day=checked.date,
            journal_root=journal.root,
            advice=text.advice,
        )

    body_only = records.replace(new, notes=None, actions=(), lessons=(), advice=())
    template_text = template_for(new)
    has_flag_text = bool(new.notes or new.actions or new.lessons or new.advice)
    bare = template_for(body_only) if has_flag_text else None

    def save(text: str) -> Session:
        return record(journal, today, records.replace(body_only, body=text))

    from mentorlog.services import editing

    purpose = editing.Purpose(
        f"session-{new.date.isoformat()}-{checked.mentor.id}",
        editor_origin(checked, new, template_text, bare),
    )
    return write_from_editor(
        journal, template_text, purpose, run_editor, save, "session", bare, ask_again
    )


def editor_origin(
    checked: Checked, request: NewSession, template_text: str, bare: str | None
) -> dict[str, Any]:
    """What a recovery file of a new session needs to become that session later."""
    return {
        "for": "session new",
        "request": {
            "mentor": checked.mentor.id,
            "date": checked.date.isoformat(),
            "kind": checked.kind,
            "topic": checked.topic,
            "goals": [g.id for g in checked.goals],
            "confidential": checked.confidential,
            "how": checked.how,
            "discussed": list(request.discussed),
        },
        "template": template_text,
        "bare": bare,
    }


# --- listing --------------------------------------------------------------------------------


def listed(
    snapshot: Snapshot,
    *,
    mentor: str | None = None,
    kind: str | None = None,
    goal: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[Session]:
    """The sessions that match every filter given, newest first, at most `limit` of them."""
    items = sorted(snapshot.sessions, key=lambda s: (s.date, s.id), reverse=True)
    if mentor:
        wanted = resolve.mentor(snapshot.mentors, mentor).id
        items = [s for s in items if s.mentor == wanted]
    if kind:
        wanted_kind = check_kind(kind)
        items = [s for s in items if s.kind == wanted_kind]
    if goal:
        goal_id = resolve.goal(snapshot.goals, goal).id
        items = [s for s in items if goal_id in s.goals]
    if since:
        items = [s for s in items if s.date >= since]
    if until:
        items = [s for s in items if s.date <= until]
    return items[:limit] if limit else items


# --- removing ---------------------------------------------------------------------------------


def remove(journal: Journal, text: str) -> Session:
    with journal.lock():
        session = resolve.session(journal.load().sessions, text)
        path = journal.path_for("session", session.id)
        journal.delete(journal.read(path))
    return session
