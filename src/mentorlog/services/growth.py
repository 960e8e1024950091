"""`mentorlog feedback`: the feedback and weaknesses you are working on, and which of them moved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mentorlog.domain import growth
from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import LessonItem, Problem, Reflection, Session
from mentorlog.domain.slugs import slugify, unique
from mentorlog.errors import Conflict, UsageError
from mentorlog.journal import feedback as files
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve, unread
from mentorlog.services.records import clean_line, update_toml_record


def skill_tags(texts: Sequence[str]) -> list[str]:
    """The tags of the skills typed with --skill, each once, in the order given."""
    tags: list[str] = []
    for text in texts:
        typed = clean_line(text, "a --skill", required=True, limit=100)
        assert typed is not None
        tag = growth.skill_tag(typed)
        if not tag:
            raise UsageError("a --skill cannot be empty", "give a word such as delegation")
        if tag not in tags:
            tags.append(tag)
    return tags


def add(
    journal: Journal, today: date, text: str, source: str | None, skills: Sequence[str]
) -> Feedback:
    """Write a new item to work on; its id comes from its first words."""
    from mentorlog.journal import frontmatter, schema

    what = clean_line(text, "the feedback", required=True, limit=1000)
    assert what is not None
    where = clean_line(source or "", "where it came from")
    tags = skill_tags(skills)
    fields: dict[str, object] = {"text": what, "from": where, "skills": tags or None}
    fields["added"] = today
    data = {key: value for key, value in fields.items() if value is not None}
    content = frontmatter.dumps_toml(data)
    base = slugify(" ".join(what.split()[:6]), "feedback")
    with journal.lock():
        # An item under this id (or a numbered one) that does not read may be this very one,
        # written before: refuse rather than write it twice.
        unread.require_read(
            files.load(journal)[0],
            "it may be this same feedback, so nothing was added",
            "then add it again",
            unread.numbered_from(base),
        )
        record_id = unique(base, files.ids_on_disk(journal))
        path = files.path_for(journal, record_id)
        rel = journal.rel(path)
        item = schema.feedback(record_id, frontmatter.parse_toml(content, rel), rel, content)
        journal.create(path, content)
    return item


def listed(journal: Journal, include_done: bool = False) -> tuple[list[Feedback], list[Problem]]:
    items, problems = files.load(journal)
    return [i for i in items if include_done or i.is_open], problems


def find(items: Sequence[Feedback], text: str) -> Feedback:
    """An item by id, unique id prefix, or the start of its text; an unread file that may be
    the one meant is refused by name (finding an item is always to change it)."""
    return resolve.feedback(items, text)


def done(journal: Journal, text: str, on: date) -> Feedback:
    """Mark an item worked through; the file keeps every other line as it was."""
    from mentorlog.journal import schema

    with journal.lock():
        items, _ = files.load(journal)
        item = find(items, text)
        if item.done is not None:
            raise Conflict(
                f"'{item.id}' was already marked done on {item.done.isoformat()}",
                "nothing to change",
            )
        path = files.path_for(journal, item.id)
        rel = journal.rel(path)
        update_toml_record(
            journal,
            path,
            {"done": on},
            lambda data, source: schema.feedback(item.id, data, rel, source),
        )
    return Feedback(item.id, item.text, item.source, item.skills, item.added, on)


@dataclass(slots=True)
class Movement:
    """What moved on one item in a period: lessons tagged with its skills, reflections that
    name them, and whether it was marked done."""

    item: Feedback
    lessons: list[LessonItem]
    reflections: list[Reflection]
    done_in_period: bool

    @property
    def moved(self) -> bool:
        return bool(self.lessons or self.reflections or self.done_in_period)


def movements(
    items: Sequence[Feedback],
    sessions: Sequence[Session],
    reflections: Sequence[Reflection],
    since: date,
    until: date,
) -> list[Movement]:
    """Each item open during the period (or closed in it), with what moved it."""
    held = [s for s in sessions if since <= s.date <= until]
    lessons = [lesson for s in held for lesson in s.lessons]
    found: list[Movement] = []
    for item in items:
        if item.done is not None and item.done < since:
            continue
        if item.added is not None and item.added > until:
            continue
        wanted = {growth.skill_tag(s) for s in item.skills}
        written = [
            r
            for r in reflections
            if since <= r.date <= until and wanted & {growth.skill_tag(s) for s in r.skills}
        ]
        closed = item.done is not None and since <= item.done <= until
        found.append(Movement(item, growth.tagged_lessons(item, lessons), written, closed))
    return found
