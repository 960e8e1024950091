"""`mentorlog lessons`: the stories and lessons mentors shared (bullets under a session's
`## Lessons`), collected from every session to reread. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mentorlog.domain.models import Mentor, Session
from mentorlog.errors import UsageError

GROUPINGS = ("mentor", "tag")
UNTAGGED = ""


@dataclass(slots=True)
class CollectedLesson:
    mentor: str
    mentor_name: str
    session: str
    date: date
    text: str
    tags: tuple[str, ...]


@dataclass(slots=True)
class LessonGroup:
    key: str  # a mentor id or a tag ("" for lessons without a tag)
    label: str
    lessons: list[CollectedLesson] = field(default_factory=list)


def clean_tag(tag: str) -> str:
    value = tag.strip().lstrip("#").lower()
    if not value:
        raise UsageError("a tag cannot be empty", "give a word, e.g. --tag presenting")
    return value


def collect(
    sessions: Iterable[Session],
    mentors: dict[str, Mentor],
    *,
    mentor: str | None = None,
    tag: str | None = None,
) -> list[CollectedLesson]:
    """Every lesson, oldest first; only one mentor's or one tag's when asked. The sessions are
    looked at once each, in any order, and only their lessons are kept: they may be built one
    at a time as they are asked for (Journal.in_full)."""
    wanted = clean_tag(tag) if tag is not None else None
    found: list[CollectedLesson] = []
    for s in sessions:
        if mentor is not None and s.mentor != mentor:
            continue
        name = mentors[s.mentor].name if s.mentor in mentors else s.mentor
        for lesson in s.lessons:
            tags = tuple(t.lower() for t in lesson.tags)
            if wanted is not None and wanted not in tags:
                continue
            found.append(CollectedLesson(s.mentor, name, s.id, s.date, lesson.text, tags))
    # Stable: a session's lessons keep their order, as when the sessions were sorted first.
    found.sort(key=_by_session)
    return found


def _by_session(lesson: CollectedLesson) -> tuple[date, str]:
    return (lesson.date, lesson.session)


def group(lessons: list[CollectedLesson], by: str) -> list[LessonGroup]:
    """By mentor (in order of their first lesson) or by tag (most used first); a lesson with
    several tags appears under each."""
    if by not in GROUPINGS:
        raise UsageError(f"cannot group lessons by '{by}'", "use --by mentor or --by tag")
    groups: dict[str, LessonGroup] = {}
    for lesson in lessons:
        if by == "mentor":
            keys = [(lesson.mentor, lesson.mentor_name)]
        else:
            keys = [(t, f"#{t}") for t in lesson.tags] or [(UNTAGGED, "no tag")]
        for key, label in keys:
            groups.setdefault(key, LessonGroup(key, label)).lessons.append(lesson)
    result = list(groups.values())
    if by == "tag":
        result.sort(key=lambda g: (g.key == UNTAGGED, -len(g.lessons), g.key))
    return result
