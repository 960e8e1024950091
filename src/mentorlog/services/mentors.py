"""Mentors: adding, changing, pausing, ending and removing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.domain import windows
from mentorlog.domain.arc import check_checklist_key, check_phase
from mentorlog.domain.dates import Cadence, parse_cadence
from mentorlog.domain.models import STAGES, Mentor
from mentorlog.domain.slugs import fold, slugify
from mentorlog.domain.wording import count_of
from mentorlog.errors import Conflict, UsageError
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve, unread
from mentorlog.services.records import clean_line, clean_text, create_record, update_toml_record


def check_stage(stage: str | None) -> str | None:
    if stage is None:
        return None
    value = stage.strip().lower().replace(" ", "-").replace("_", "-")
    if value == "nearpeer":
        value = "near-peer"
    if value not in STAGES:
        raise UsageError(f"'{stage}' is not a career stage", f"use one of: {', '.join(STAGES)}")
    return value


@dataclass(slots=True)
class NewMentor:
    name: str
    cadence: Cadence | None = None
    role: str | None = None
    org: str | None = None
    email: str | None = None
    stage: str | None = None
    since: date | None = None
    tags: tuple[str, ...] = ()
    background: str | None = None
    strengths: tuple[str, ...] = ()
    at_most: Cadence | None = None


def clean_tags(tags: tuple[str, ...] | list[str]) -> list[str]:
    result: list[str] = []
    for tag in tags:
        value = clean_line(tag, "a tag", limit=60)
        if value and value.lower().lstrip("#") not in result:
            result.append(value.lower().lstrip("#"))
    return result


def check_new(today: date, new: NewMentor) -> dict[str, Any]:
    """What a new mentor's file holds, checked without the journal: a command calls this
    before it creates a journal, so bad input never creates one."""
    name = clean_line(new.name, "a mentor's name", required=True, limit=200)
    assert name is not None
    windows.check_limit(new.cadence, new.at_most)
    return {
        "name": name,
        "role": clean_line(new.role or "", "role"),
        "org": clean_line(new.org or "", "organisation"),
        "email": clean_line(new.email or "", "email", limit=320),
        "stage": check_stage(new.stage),
        "cadence": str(new.cadence) if new.cadence else None,
        "at_most": str(new.at_most) if new.at_most else None,
        "since": new.since,
        "added": today,
        "tags": clean_tags(new.tags) or None,
        "strengths": [s for s in (clean_line(x, "a strength") for x in new.strengths) if s] or None,
        "background": clean_text(new.background, "background"),
    }


class _Roster:
    """The mentors a journal holds while several are added under one lock: who is known by
    name and email, and which ids are taken, kept up to date as each one is written."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.by_name: dict[str, Mentor] = {}
        self.by_email: dict[str, Mentor] = {}
        self.mentors = journal.load(kinds=("mentor",)).mentors
        for existing in self.mentors.values():
            self._know(existing)
        self.taken = journal.ids_on_disk("mentor")

    def _know(self, mentor: Mentor) -> None:
        self.by_name.setdefault(fold(mentor.name), mentor)
        if mentor.email:
            self.by_email.setdefault(mentor.email.lower(), mentor)

    def add(self, fields: dict[str, Any], allow_same_name: bool) -> Mentor:
        from mentorlog.journal import frontmatter, schema

        if not allow_same_name:
            email = fields["email"]
            existing = self.by_name.get(fold(fields["name"])) or (
                self.by_email.get(email.lower()) if email else None
            )
            if existing is not None:
                raise Conflict(
                    f"the journal already has {existing.name} ({existing.id})",
                    "to add a different person with that name, pass --allow-same-name",
                )
        record_id, _ = create_record(
            self.journal,
            "mentor",
            slugify(fields["name"], "mentor"),
            lambda _id: frontmatter.dumps_toml(fields),
            self.taken,
        )
        mentor = schema.mentor(
            record_id, {k: v for k, v in fields.items() if v is not None}, "mentors/" + record_id
        )
        self._know(mentor)
        return mentor


def add(journal: Journal, today: date, new: NewMentor, *, allow_same_name: bool = False) -> Mentor:
    fields = check_new(today, new)
    with journal.lock():
        roster = _Roster(journal)
        if not allow_same_name:
            # A mentor file that does not read may be this very person.
            unread.require_read(
                roster.mentors,
                f"it may hold {fields['name']}, so no mentor was added",
                "or pass --allow-same-name to add a new mentor anyway",
            )
        return roster.add(fields, allow_same_name)


def add_many(
    journal: Journal,
    today: date,
    news: list[NewMentor],
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Mentor | Conflict]:
    """Add several mentors under one lock and one read of the journal, so that the time grows
    with their number, not its square. Someone already there (or added earlier in the list)
    comes back as the Conflict that `add` would raise."""
    checked = [check_new(today, new) for new in news]
    outcome: list[Mentor | Conflict] = []
    with journal.lock():
        roster = _Roster(journal)
        require_all_mentors_read(roster.mentors)
        for done, fields in enumerate(checked, 1):
            try:
                outcome.append(roster.add(fields, allow_same_name=False))
            except Conflict as exc:
                outcome.append(exc)
            if on_progress is not None:
                on_progress(done, len(checked))
    return outcome


def require_all_mentors_read(mentors: dict[str, Mentor]) -> None:
    """An import tells who is new from the mentors it can read: one it cannot may be anyone."""
    unread.require_read(
        mentors,
        "it may hold someone being imported, so nothing was imported",
        "then import again",
    )


def find(journal: Journal, text: str) -> Mentor:
    return resolve.mentor(journal.load().mentors, text)


def change(journal: Journal, text: str, changes: dict[str, Any]) -> Mentor:
    """Rewrite the named keys of a mentor's file (None removes a key)."""
    return _rewrite(journal, text, lambda _data: changes)


def update_list(journal: Journal, text: str, key: str, edit: Any) -> Mentor:
    """Change a list-valued key (tags, shared, questions) from its current value."""
    return _rewrite(journal, text, lambda data: {key: edit(_list(data, key)) or None})


RESUME_NAMES = ("resume", "cv", "my resume", "my cv")


@dataclass(slots=True)
class MentorEdit:
    """What `mentor set` changes; None (or nothing) leaves a detail as it is. Dates and the
    cadence come resolved; every text is cleaned here."""

    name: str | None = None
    cadence: Cadence | None = None
    role: str | None = None
    org: str | None = None
    email: str | None = None
    stage: str | None = None
    since: date | None = None
    resume_sent: date | None = None
    ground_rules: date | None = None
    struggles_asked: date | None = None
    background: str | None = None
    tags: tuple[str, ...] = ()
    untags: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    phase: str | None = None
    not_applicable: tuple[str, ...] = ()
    applicable: tuple[str, ...] = ()
    at_most: Cadence | None = None


def edit_changes(edit: MentorEdit) -> dict[str, Any]:
    """The keys `edit` sets, cleaned; the lists (tags, strengths, shared) are worked out from
    the file in `edit`. UsageError when there is nothing to change."""
    changes: dict[str, Any] = {}
    if edit.name is not None:
        changes["name"] = clean_line(edit.name, "a mentor's name", required=True, limit=200)
    if edit.cadence is not None:
        changes["cadence"] = str(edit.cadence)
    if edit.at_most is not None:
        changes["at_most"] = str(edit.at_most)
    windows.check_limit(edit.cadence, edit.at_most)
    for key, value in (("role", edit.role), ("org", edit.org), ("email", edit.email)):
        if value is not None:
            changes[key] = clean_line(value, key)
    if edit.stage is not None:
        changes["stage"] = check_stage(edit.stage)
    for key, day in (
        ("since", edit.since),
        ("resume_sent", edit.resume_sent),
        ("ground_rules", edit.ground_rules),
        ("struggles_asked", edit.struggles_asked),
    ):
        if day is not None:
            changes[key] = day
    if edit.background is not None:
        changes["background"] = clean_text(edit.background, "background")
    if edit.phase is not None:
        changes["phase"] = None if edit.phase.strip().lower() == "auto" else check_phase(edit.phase)
    for item in (*edit.not_applicable, *edit.applicable):
        check_checklist_key(item)
    lists = (edit.tags, edit.untags, edit.strengths, edit.not_applicable, edit.applicable)
    if not changes and not any(lists):
        raise UsageError("nothing to change", "give at least one option, e.g. --cadence 6w")
    return changes


def edit(journal: Journal, text: str, wanted: MentorEdit) -> Mentor:
    """Change a mentor's details in one rewrite of their file: the keys given, tags added and
    dropped, strengths added, and a resume sent noted among what was shared."""
    changes = edit_changes(wanted)
    add_tags = clean_tags(wanted.tags)
    drop_tags = set(clean_tags(wanted.untags))
    strengths = [s for s in (clean_line(x, "a strength") for x in wanted.strengths) if s]
    skip = list(dict.fromkeys(check_checklist_key(k) for k in wanted.not_applicable))
    unskip = {check_checklist_key(k) for k in wanted.applicable}

    def lists(data: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if add_tags or drop_tags:
            kept = [t for t in _list(data, "tags") if t not in drop_tags]
            found["tags"] = kept + [t for t in add_tags if t not in kept] or None
        if strengths:
            current = _list(data, "strengths")
            found["strengths"] = current + [s for s in strengths if s not in current]
        if skip or unskip:
            kept = [k for k in _list(data, "not_applicable") if k not in unskip]
            found["not_applicable"] = kept + [k for k in skip if k not in kept] or None
        sent = changes.get("resume_sent")
        if sent is not None:
            shared = _list(data, "shared")
            if not any(
                isinstance(d, dict) and d.get("what") == "resume" and d.get("date") == sent
                for d in shared
            ):
                found["shared"] = [*shared, {"what": "resume", "date": sent}]
        return found

    def windows_kept(data: dict[str, Any]) -> None:
        """The file's cadence and limit as they will be, checked before anything is written."""
        cadence, at_most = (
            changes.get("cadence", data.get("cadence")),
            changes.get("at_most", data.get("at_most")),
        )
        if isinstance(cadence, str) and isinstance(at_most, str):
            windows.check_limit(_cadence_or_none(cadence), _cadence_or_none(at_most))

    def all_changes(data: dict[str, Any]) -> dict[str, Any]:
        windows_kept(data)
        return {**changes, **lists(data)}

    return _rewrite(journal, text, all_changes)


def _cadence_or_none(text: str) -> Cadence | None:
    try:
        return parse_cadence(text)
    except UsageError:
        return None  # the file's own mistake, reported by its check


def snooze(journal: Journal, text: str, until: date, today: date) -> Mentor:
    """Hide the mentor's reminder until `until` (a day after `today`)."""
    if until <= today:
        raise UsageError(f"{until} is not in the future", "snooze for 3d, 1w or until a later date")
    return change(journal, text, {"snoozed_until": until})


def pause(journal: Journal, text: str, until: date | None, today: date) -> Mentor:
    """No reminders until `until`, or, without it, until the mentor is resumed."""
    if until is not None and until <= today:
        raise UsageError(f"--until {until} is not in the future", "give a later date")
    if until is None:
        return change(journal, text, {"paused": True, "paused_until": None, "paused_since": today})
    return change(journal, text, {"paused": None, "paused_until": until, "paused_since": today})


# What `mentor resume` clears: every way of being paused, snoozed or ended.
RESUMED = {
    "paused": None,
    "paused_until": None,
    "paused_since": None,
    "snoozed_until": None,
    "ended": None,
}


def share(journal: Journal, text: str, what: str, on: date) -> Mentor:
    """Note a document sent to a mentor; a resume also sets when the resume was sent, unless
    that is known already. One rewrite of their file."""
    item = clean_line(what, "what you shared", required=True)
    assert item is not None

    def changes(data: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = {"shared": [*_list(data, "shared"), {"what": item, "date": on}]}
        if item.lower() in RESUME_NAMES and not data.get("resume_sent"):
            found["resume_sent"] = on
        return found

    return _rewrite(journal, text, changes)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    current = data.get(key, [])
    return list(current) if isinstance(current, list) else []


def _rewrite(
    journal: Journal, text: str, changes_for: Callable[[dict[str, Any]], dict[str, Any]]
) -> Mentor:
    """Rewrite the keys changes_for(the file's table) names, under one hold of the lock."""
    from mentorlog.journal import schema

    with journal.lock():
        mentor = resolve.mentor(journal.load(kinds=("mentor",)).mentors, text)
        path = journal.path_for("mentor", mentor.id)
        rel = journal.rel(path)
        holder: list[Mentor] = []

        def check(data: dict[str, Any], source: str) -> None:
            holder.append(schema.mentor(mentor.id, data, rel, source))

        update_toml_record(journal, path, changes_for(journal.read(path).data), check)
    return holder[0]


def rewrite(
    journal: Journal, text: str, changes_for: Callable[[dict[str, Any]], dict[str, Any]]
) -> Mentor:
    """One locked rewrite of a mentor's file, for the use cases that keep their own rules."""
    return _rewrite(journal, text, changes_for)


def remove(journal: Journal, text: str, *, force: bool) -> tuple[Mentor, int]:
    """Delete a mentor's file. Their sessions stay; refuses without `force` when there are any."""
    with journal.lock():
        snapshot = journal.load()
        mentor = resolve.mentor(snapshot.mentors, text)
        count = sum(1 for s in snapshot.sessions if s.mentor == mentor.id)
        if not force:
            unread.require_read(
                snapshot.sessions,
                f"it may be a session with {mentor.name}, so nothing was deleted",
                "or pass --force to delete the mentor anyway (sessions are kept)",
                unread.may_be_with(mentor.id),
            )
        if count and not force:
            raise Conflict(
                f"{mentor.name} has {count_of(count, 'session')} in the journal",
                "`mentorlog mentor end` stops reminders and keeps the history; "
                "pass --force to delete the mentor anyway (sessions are kept)",
            )
        record = journal.read(journal.path_for("mentor", mentor.id))
        journal.delete(record)
    return mentor, count
