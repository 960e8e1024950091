"""Goals: what you want out of a mentoring relationship, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.domain.models import Goal
from mentorlog.domain.slugs import slugify
from mentorlog.errors import Conflict, UsageError
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve, unread
from mentorlog.services.records import clean_line, clean_text, create_record, update_toml_record


@dataclass(slots=True)
class NewGoal:
    title: str
    why: str | None = None
    mentors: tuple[str, ...] = ()
    target: date | None = None
    success: str | None = None


def add(journal: Journal, today: date, new: NewGoal) -> Goal:
    from mentorlog.journal import frontmatter, schema

    title = clean_line(new.title, "a goal's title", required=True, limit=200)
    assert title is not None
    with journal.lock():
        snapshot = journal.load()
        mentor_ids: list[str] = []
        for text in new.mentors:
            mentor_id = resolve.mentor(snapshot.mentors, text).id
            if mentor_id not in mentor_ids:
                mentor_ids.append(mentor_id)
        fields: dict[str, Any] = {
            "title": title,
            "why": clean_text(new.why, "why"),
            "mentors": mentor_ids,
            "target": new.target,
            "success": clean_text(new.success, "success"),
            "status": "open",
            "created": today,
        }
        base = slugify(title, "goal")
        # One under its id (or a numbered one) that does not read may be this very goal.
        unread.require_read(
            snapshot.goals,
            "it may be this same goal, so nothing was added",
            "then add it again",
            unread.numbered_from(base),
        )
        record_id, _ = create_record(
            journal, "goal", base, lambda _id: frontmatter.dumps_toml(fields)
        )
    return schema.goal(record_id, {k: v for k, v in fields.items() if v is not None}, record_id)


def listed(
    snapshot: Snapshot, today: date, *, show_all: bool = False, mentor: str | None = None
) -> list[Goal]:
    """Open goals first, soonest target first (a goal without one by when it was written);
    done and dropped ones only with `show_all`."""
    items = sorted(
        snapshot.goals.values(), key=lambda g: (not g.is_open, g.target or g.created or today, g.id)
    )
    if not show_all:
        items = [g for g in items if g.is_open]
    if mentor:
        wanted = resolve.mentor(snapshot.mentors, mentor).id
        items = [g for g in items if wanted in g.mentors]
    return items


def _rewrite(journal: Journal, text: str, make_changes: Any) -> Goal:
    from mentorlog.journal import schema

    with journal.lock():
        snapshot = journal.load()
        goal = resolve.goal(snapshot.goals, text)
        path = journal.path_for("goal", goal.id)
        record = journal.read(path)
        changes = make_changes(goal, record.data, snapshot)
        rel = journal.rel(path)
        holder: list[Goal] = []

        def check(data: dict[str, Any], source: str) -> None:
            holder.append(schema.goal(goal.id, data, rel, source))

        update_toml_record(journal, path, changes, check)
    return holder[0]


def add_progress(journal: Journal, text: str, on: date, note: str) -> Goal:
    cleaned = clean_text(note, "a progress note")
    if not cleaned:
        raise UsageError("a progress note cannot be empty", "say what moved")

    def changes(goal: Goal, data: dict[str, Any], _: Any) -> dict[str, Any]:
        entries = list(data.get("progress", []))
        entries.append({"date": on, "note": cleaned})
        return {"progress": entries}

    return _rewrite(journal, text, changes)


def close(
    journal: Journal,
    text: str,
    status: str,
    on: date,
    note: str | None = None,
    independently: bool = False,
) -> Goal:
    cleaned = clean_text(note, "a note")

    def changes(goal: Goal, _data: dict[str, Any], _: Any) -> dict[str, Any]:
        if goal.status == status:
            raise Conflict(f"goal {goal.id} is already {status}", None)
        result: dict[str, Any] = {"status": status, "closed": on}
        if cleaned:
            result["note"] = cleaned
        if status == "done" and independently:
            result["independently"] = True
        return result

    return _rewrite(journal, text, changes)


def reopen(journal: Journal, text: str) -> Goal:
    def changes(goal: Goal, _data: dict[str, Any], _: Any) -> dict[str, Any]:
        if goal.status == "open":
            raise Conflict(f"goal {goal.id} is already open", None)
        return {"status": "open", "closed": None, "independently": None}

    return _rewrite(journal, text, changes)


def link(journal: Journal, text: str, add: tuple[str, ...], drop: tuple[str, ...]) -> Goal:
    def changes(goal: Goal, _data: dict[str, Any], snapshot: Any) -> dict[str, Any]:
        mentors = list(goal.mentors)
        for name in add:
            mentor_id = resolve.mentor(snapshot.mentors, name).id
            if mentor_id not in mentors:
                mentors.append(mentor_id)
        for name in drop:
            mentor_id = resolve.mentor(snapshot.mentors, name).id
            if mentor_id in mentors:
                mentors.remove(mentor_id)
        return {"mentors": mentors}

    return _rewrite(journal, text, changes)


def set_fields(journal: Journal, text: str, changes_in: dict[str, Any]) -> Goal:
    return _rewrite(journal, text, lambda *_: changes_in)


def remove(journal: Journal, text: str) -> Goal:
    with journal.lock():
        goal = resolve.goal(journal.load().goals, text)
        record = journal.read(journal.path_for("goal", goal.id))
        journal.delete(record)
    return goal
