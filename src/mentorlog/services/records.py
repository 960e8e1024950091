"""Shared steps of every change: create a record under a fresh id, or rewrite one record's
keys while keeping everything else the user wrote. Every change happens under the journal lock
and is checked against what is on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mentorlog.domain.models import Mentor
from mentorlog.domain.slugs import unique
from mentorlog.domain.unsafe_text import first_in_body, first_in_line
from mentorlog.errors import InvalidFile, UsageError
from mentorlog.journal.layout import record_id_of
from mentorlog.journal.storage import Journal
from mentorlog.journal.writer import ChangeSet, RecordFile

MAX_TEXT = 20_000
T = TypeVar("T")


def _refuse_hidden(text: str, what: str, first: Callable[[str], str | None]) -> None:
    """Refuse a character no file should hold (domain/unsafe_text.py): it would drive the
    terminal of whoever `cat`s the file, or reorder or hide the text around it. It is named
    by its code: shown as itself it would act, or show nothing."""
    hidden = first(text)
    if hidden is None:
        return
    code = ord(hidden)
    shown = (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )
    if hidden == "\x00":
        shown = f"NUL ({shown})"
    raise UsageError(
        f"{what} contains the control character {shown} (character {text.index(hidden) + 1})",
        "type it again without it; a pasted colour code or direction mark is one",
    )


def clean_line(value: str, what: str, *, required: bool = False, limit: int = 500) -> str | None:
    """A one-line field from the command line: trimmed, runs of spaces made one, and refused
    when it holds a character that is never plain text (domain/unsafe_text.py)."""
    text = " ".join(value.split()) if value is not None else ""
    if not text:
        if required:
            raise UsageError(f"{what} cannot be empty", "give one")
        return None
    if len(text) > limit:
        raise UsageError(f"{what} is longer than {limit} characters", "shorten it")
    _refuse_hidden(text, what, first_in_line)
    return text


def clean_text(value: str | None, what: str) -> str | None:
    """Free text (may span lines): lines and tabs kept, no other control characters."""
    if value is None:
        return None
    text = value.replace("\r\n", "\n").strip("\n")
    if not text.strip():
        return None
    if len(text) > MAX_TEXT * 10:
        raise UsageError(f"{what} is too long", "keep it under 200,000 characters")
    _refuse_hidden(text, what, first_in_body)
    return text


def create_record(
    journal: Journal,
    kind: str,
    base_id: str,
    text_for: Callable[[str], str],
    taken: set[str] | None = None,
    together: ChangeSet | None = None,
) -> tuple[str, Path]:
    """Write a new record under `base_id` or the first free `base_id-N`. Call under the lock.
    `taken` (the ids on disk, kept up to date here) spares a scan of the folder per record
    when many are created under one lock. With `together`, the record is only staged there,
    to be written with the rest."""
    if taken is None:
        taken = journal.ids_on_disk(kind)
    if together is not None:
        taken |= {record_id_of(kind, path) for path, _, _ in together.steps}
    record_id = unique(base_id, taken)
    path = journal.path_for(kind, record_id)
    if together is None:
        journal.create(path, text_for(record_id))
    else:
        together.create(path, text_for(record_id))
    taken.add(record_id)
    return record_id, path


def update_toml_record(
    journal: Journal,
    path: Path,
    changes: dict[str, Any],
    check: Callable[[dict[str, Any], str], object],
    together: ChangeSet | None = None,
) -> RecordFile:
    """Change some keys of a TOML record, keeping comments and unknown keys. `check` validates
    the result before anything is written. Call under the lock. With `together`, the new text
    is only staged there, to be written with the rest."""
    import tomllib

    from mentorlog.journal import frontmatter

    record = journal.read(path)
    new_text = frontmatter.update_toml(record.text, changes)
    check(tomllib.loads(new_text), new_text)
    _write(journal, record, new_text, together)
    return record


def update_front_matter(
    journal: Journal,
    path: Path,
    changes: dict[str, Any],
    new_body: str | None,
    check: Callable[[dict[str, Any], str, str], object],
) -> RecordFile:
    """Change front matter keys and optionally the body of a Markdown record; every other
    line (the delimiters, the blank line after them, the body) keeps its bytes. Call under the
    lock."""
    import tomllib

    from mentorlog.journal import frontmatter

    record = journal.read(path)
    head = frontmatter.update_toml(record.head, changes) if changes else record.head
    body = record.body if new_body is None else new_body
    new_text = frontmatter.splice(record.text, record.head, head, record.body, body, record.rel)
    check(tomllib.loads(head), body, new_text)
    journal.replace(record, new_text)
    return record


def edit_mentor_document(
    journal: Journal,
    which: Callable[[dict[str, Mentor]], Mentor],
    change: Callable[[Any, Mentor, dict[str, Mentor]], T],
) -> tuple[Mentor, T]:
    """One locked read-modify-write of a mentor's file as a TOML document (comments and keys
    mentorlog does not know survive): `which` picks the mentor among all of them, `change`
    edits the document in place (it is also given every mentor), and the result is checked
    as a mentor before it is written; one that does not validate is never written. Returns the
    mentor as written and what `change` returned."""
    import tomllib

    import tomlkit

    from mentorlog.journal import schema
    from mentorlog.journal.toml_layout import keeping_layout

    with journal.lock():
        mentors = journal.load(kinds=("mentor",)).mentors
        mentor = which(mentors)
        record = ensure_parses(journal, journal.path_for("mentor", mentor.id))
        results: list[T] = []

        def edit(text: str) -> str:
            document = tomlkit.parse(text)
            results.append(change(document, mentor, mentors))
            return tomlkit.dumps(document)

        new_text = keeping_layout(record.text, edit)
        result = results[0]
        updated = schema.mentor(mentor.id, tomllib.loads(new_text), record.rel, new_text)
        journal.replace(record, new_text)
    return updated, result


def _write(journal: Journal, record: RecordFile, text: str, together: ChangeSet | None) -> None:
    if together is None:
        journal.replace(record, text)
    else:
        together.replace(record, text)


def ensure_parses(journal: Journal, path: Path) -> RecordFile:
    """Read a record for a change; a file that does not parse is refused, never rewritten."""
    try:
        return journal.read(path)
    except InvalidFile as exc:
        raise InvalidFile(
            exc.path, f"{exc.reason}; mentorlog will not change it", exc.line, exc.hint
        ) from None
