"""Questions and topics queued for the next call with a mentor (`[[questions]]` in the mentor's
file). Open questions are numbered from 1 in file order, the numbering `session new --discussed`
uses too. Changes edit the file's TOML in place, so comments and keys mentorlog does not know
survive."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.domain.models import Mentor
from mentorlog.domain.slugs import fold
from mentorlog.errors import Ambiguous, Conflict, NotFound, UsageError
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve
from mentorlog.services.records import clean_line, edit_mentor_document

MAX_QUESTION = 500


@dataclass(slots=True)
class QueuedQuestion:
    mentor: str
    mentor_name: str
    text: str
    added: date | None
    done: date | None
    number: int | None  # position among the mentor's open questions; None once discussed


def numbered(mentor: Mentor) -> list[QueuedQuestion]:
    """Every question of one mentor in file order; open ones carry their number."""
    found: list[QueuedQuestion] = []
    number = 0
    for q in mentor.questions:
        position = None
        if q.done is None:
            number += 1
            position = number
        found.append(QueuedQuestion(mentor.id, mentor.name, q.text, q.added, q.done, position))
    return found


def open_numbered(mentor: Mentor) -> list[QueuedQuestion]:
    return [q for q in numbered(mentor) if q.number is not None]


def listing(
    mentors: Iterable[Mentor], *, only: str | None = None, include_done: bool = False
) -> list[QueuedQuestion]:
    """Queued questions across mentors (or one), by mentor name then file order."""
    found: list[QueuedQuestion] = []
    for m in sorted(mentors, key=lambda m: m.name.casefold()):
        if only is not None and m.id != only:
            continue
        found += [q for q in numbered(m) if include_done or q.number is not None]
    return found


def _hint(mentor: Mentor) -> str:
    return f"see `mentorlog ask list --mentor {mentor.id}`"


def pick(mentor: Mentor, selector: str) -> QueuedQuestion:
    """An open question by its number or by the start of its text."""
    wanted = selector.strip()
    candidates = open_numbered(mentor)
    if not wanted:
        raise UsageError("give a question number or the start of its text", _hint(mentor))
    if wanted.isdigit():
        number = int(wanted)
        if number < 1:
            raise UsageError("question numbers start at 1", _hint(mentor))
        for q in candidates:
            if q.number == number:
                return q
        count = len(candidates)
        raise NotFound(
            f"{mentor.name} has no open question {number} "
            f"({count} open question{'s' if count != 1 else ''})",
            _hint(mentor),
        )
    key = fold(wanted)
    matches = [q for q in candidates if fold(q.text).startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        numbers = ", ".join(str(q.number) for q in matches)
        raise Ambiguous(
            f"'{wanted}' starts several of {mentor.name}'s open questions (numbers {numbers})",
            "give the number instead",
        )
    raise NotFound(f"no open question for {mentor.name} starts with '{wanted}'", _hint(mentor))


def _open_positions(questions: Any) -> list[int]:
    """Where the open questions sit in the TOML array, in file order (as `open_numbered`)."""
    return [
        index
        for index, table in enumerate(questions)
        if isinstance(table, dict) and "done" not in table
    ]


def _named(mentor_text: str) -> Callable[[dict[str, Mentor]], Mentor]:
    return lambda mentors: resolve.mentor(mentors, mentor_text)


def ask(journal: Journal, mentor_text: str, text: str, today: date) -> tuple[Mentor, int]:
    """Queue a question for the next call. Returns the mentor and the question's number."""
    cleaned = clean_line(text, "a question", required=True, limit=MAX_QUESTION)
    assert cleaned is not None

    def change(document: Any, mentor: Mentor, _mentors: dict[str, Mentor]) -> int:
        import tomlkit

        for q in open_numbered(mentor):
            if fold(q.text) == fold(cleaned):
                raise Conflict(
                    f"that question is already queued for {mentor.name} as number {q.number}",
                    _hint(mentor),
                )
        from mentorlog.journal.frontmatter import array_of_tables

        tables = array_of_tables(document, "questions")
        if len(tables) and not tables[-1].as_string().endswith("\n\n"):
            tables[-1].add(tomlkit.nl())  # a blank line between entries, as people write them
        table = tomlkit.table()
        table.add("text", cleaned)
        table.add("added", today)
        tables.append(table)
        return len(_open_positions(tables))

    return edit_mentor_document(journal, _named(mentor_text), change)


def mark_done(
    journal: Journal, mentor_text: str, selector: str, on: date
) -> tuple[Mentor, QueuedQuestion]:
    """Mark an open question as discussed on `on`."""

    def change(document: Any, mentor: Mentor, _mentors: dict[str, Mentor]) -> QueuedQuestion:
        chosen = pick(mentor, selector)
        if chosen.added is not None and on < chosen.added:
            raise UsageError(
                f"question {chosen.number} was only queued on {chosen.added.isoformat()}",
                "give a --date on or after that day",
            )
        assert chosen.number is not None
        tables = document["questions"]
        tables[_open_positions(tables)[chosen.number - 1]]["done"] = on
        return QueuedQuestion(mentor.id, mentor.name, chosen.text, chosen.added, on, chosen.number)

    return edit_mentor_document(journal, _named(mentor_text), change)


def remove(journal: Journal, mentor_text: str, number: int) -> tuple[Mentor, QueuedQuestion]:
    """Take an open question off the queue (it was never discussed; it just no longer matters)."""

    def change(document: Any, mentor: Mentor, _mentors: dict[str, Mentor]) -> QueuedQuestion:
        chosen = pick(mentor, str(number))
        assert chosen.number is not None
        tables = document["questions"]
        del tables[_open_positions(tables)[chosen.number - 1]]
        if len(tables) == 0:
            del document["questions"]
        return chosen

    return edit_mentor_document(journal, _named(mentor_text), change)
