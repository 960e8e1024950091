"""Saving text a person edited: validated first, never lost, never over someone else's change."""

from __future__ import annotations

from collections.abc import Callable

from mentorlog.domain.models import Goal, Mentor, Reflection, Session
from mentorlog.errors import Conflict, InvalidFile, MentorlogError
from mentorlog.journal import frontmatter
from mentorlog.journal.storage import Journal, RecordFile

Record = Mentor | Goal | Session | Reflection


def keep_and_raise(journal: Journal, text: str, label: str, error: MentorlogError) -> None:
    """Save the person's text to a recovery file and re-raise `error` pointing at it."""
    kept = journal.save_recovery(text, label)
    where = journal.rel(kept)
    hint = f"your text is kept in {where}"
    if isinstance(error, InvalidFile):
        raise InvalidFile(error.path, error.reason, error.line, hint) from None
    # Subclasses with their own constructor (EditorFailed) are re-raised as the nearest class
    # that takes (message, hint), so the message is not garbled.
    cls = next(
        c for c in type(error).__mro__ if getattr(c, "__init__", None) is MentorlogError.__init__
    )
    raise cls(error.message, hint) from None


def edit_existing(
    journal: Journal,
    kind: str,
    record_id: str,
    original: RecordFile,
    run_editor: Callable[[str], str],
) -> Record | None:
    """Open a record in the editor and save it. None when nothing changed."""
    try:
        edited = run_editor(original.text)
    except MentorlogError as exc:
        text = getattr(exc, "text", None)
        if text and text != original.text:
            keep_and_raise(journal, text, record_id, exc)
        raise
    edited = frontmatter.normalise_text(edited.encode("utf-8"), original.rel)
    if edited == original.text:
        return None
    try:
        record = journal.parse_text(kind, record_id, edited, original.rel)
    except InvalidFile as exc:
        keep_and_raise(journal, edited, record_id, exc)
        raise
    with journal.lock():
        try:
            journal.replace(original, edited)
        except Conflict as exc:
            keep_and_raise(journal, edited, record_id, exc)
    return record
