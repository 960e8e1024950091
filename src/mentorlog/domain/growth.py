"""Growth: the feedback and weaknesses you are working on, and what helps with them. Pure: the
day is given, never read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from mentorlog.domain.models import LessonItem, Mentor
from mentorlog.domain.records import field, record
from mentorlog.domain.rows import FeedbackRow
from mentorlog.domain.slugs import fold


@record
class Feedback:
    """Something to work on: feedback you received or a weakness you named
    (`feedback/<id>.toml`)."""

    id: str
    text: str
    source: str | None = None  # who or what it came from: a review, a colleague
    skills: list[str] = field(default_factory=list)  # tags, as on lessons ("#delegation")
    added: date | None = None
    done: date | None = None

    @property
    def is_open(self) -> bool:
        return self.done is None

    def open_on(self, day: date) -> bool:
        """Being worked on that day: written down by then and not yet done."""
        started = self.added is None or self.added <= day
        return started and (self.done is None or self.done > day)

    def to_row(self) -> FeedbackRow:
        return FeedbackRow(
            self.id,
            self.text,
            self.source,
            self.skills,
            self.added.isoformat() if self.added else None,
            self.done.isoformat() if self.done else None,
        )

    @classmethod
    def from_row(cls, row: FeedbackRow) -> Feedback:
        return cls(
            row.id,
            row.text,
            row.source,
            row.skills,
            date.fromisoformat(row.added) if row.added else None,
            date.fromisoformat(row.done) if row.done else None,
        )


def skill_tag(text: str) -> str:
    """A skill as it is compared: "#Public-Speaking " and "public-speaking" are one skill."""
    return fold(text.strip().lstrip("#")).replace(" ", "-")


def helps_with(mentor: Mentor, item: Feedback) -> bool:
    """Whether the mentor's strengths (or tags) name one of the item's skills."""
    offered = {skill_tag(s) for s in [*mentor.strengths, *mentor.tags]}
    return any(skill_tag(s) in offered for s in item.skills)


def for_mentor(mentor: Mentor, items: Iterable[Feedback], day: date) -> list[Feedback]:
    """The items open on `day`, those this mentor's strengths can help with first."""
    open_items = [i for i in items if i.open_on(day)]
    return sorted(open_items, key=lambda i: (not helps_with(mentor, i), i.added or date.min, i.id))


def tagged_lessons(item: Feedback, lessons: Sequence[LessonItem]) -> list[LessonItem]:
    """The lessons whose #tags name one of the item's skills."""
    wanted = {skill_tag(s) for s in item.skills}
    return [lesson for lesson in lessons if wanted & {skill_tag(t) for t in lesson.tags}]
