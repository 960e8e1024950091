"""Saving text a person edited: checked first, never lost, never over someone else's change.

Every editor flow goes through `edit_until_saved`. Whatever stops the text from becoming the
record it was meant to be (the editor failing, a signal, bytes that are not UTF-8 text, a
validation error, a record changed meanwhile, a failed write), the bytes the person saved are
kept as they are in the journal's recovery folder, and a sidecar says what they were for, so
`mentorlog recover` can finish the job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from mentorlog.domain.models import Goal, Mentor, Reflection, Session
from mentorlog.errors import InvalidFile, MentorlogError, UsageError
from mentorlog.journal.storage import Journal
from mentorlog.journal.writer import RecordFile

Record = Mentor | Goal | Session | Reflection
T = TypeVar("T")

# Lines at the top of a reopened text that say why it was reopened; removed before saving.
RETRY_MARK = "# mentorlog: "
# Errors the person can fix by editing the text again.
FIXABLE = (InvalidFile, UsageError)


# What a recovery file's sidecar may say it was for: `mentorlog recover` can finish each one.
SIDECAR_PURPOSES = ("session new", "reflection new", "agreement")


@dataclass(slots=True)
class Purpose:
    """What an edit is for: the recovery file's name, and the sidecar `recover` reads."""

    label: str
    origin: dict[str, Any] | None  # None for an edit: the label says which record
    suffix: str = ".md"
    reopened: Path | None = None  # a recovery file being reopened: newer text replaces it
    kept: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Checked before the editor opens: a text kept with no purpose `recover` knows could
        # not be reopened, only copied out by hand.
        if self.reopened is not None or self.label.startswith(EDIT_LABEL):
            return
        if self.origin is None or self.origin.get("for") not in SIDECAR_PURPOSES:
            raise ValueError(f"an editor flow without a purpose `recover` knows: {self.label}")


def opens_editor(
    edit: bool | None, has_text: bool, *, on_terminal: bool, editor_chosen: bool
) -> bool:
    """Whether a command that takes free text opens the editor: asked for (--edit) or not
    (--no-edit), else on a terminal when no text was given. Never by surprise without a
    terminal: --edit then needs an editor the person chose ($VISUAL/$EDITOR)."""
    if edit is False:
        return False
    if edit is True:
        if not editor_chosen and not on_terminal:
            raise UsageError("--edit needs $EDITOR (or $VISUAL) set", "set it, or give the text")
        return True
    return not has_text and on_terminal


EDIT_LABEL = "edit-"


def edit_label(kind: str, record_id: str) -> str:
    return f"{EDIT_LABEL}{kind}-{record_id}"


def recover_command(journal: Journal, kept: Path) -> str:
    return f"mentorlog recover {journal.rel(kept)}"


def keep(journal: Journal, saved: bytes, purpose: Purpose, error: MentorlogError) -> NoReturn:
    """Keep `saved` byte for byte and raise `error` saying where it is."""
    if purpose.reopened is not None:
        journal.replace_recovery(purpose.reopened, saved)
        kept = purpose.reopened
    else:
        kept = journal.save_recovery(saved, purpose.label, purpose.origin, purpose.suffix)
    purpose.kept.append(kept)
    # The path is followed by a space, never by punctuation, so it can be copied whole.
    error.hint = (
        f"your text is kept in {journal.rel(kept)} - "
        f"reopen it with `{recover_command(journal, kept)}`"
    )
    raise error


def nothing_written(error: MentorlogError) -> NoReturn:
    error.hint = "nothing was written"
    raise error


def decode(saved: bytes, what: str) -> str:
    """The saved bytes as text, or InvalidFile: never a guess at another encoding, never a
    replacement character. A UTF-8 byte-order mark and Windows line endings are accepted."""
    from mentorlog.journal import frontmatter

    text = frontmatter.normalise_text(saved, what)
    return without_retry_note(text)


def with_retry_note(text: str, error: MentorlogError) -> str:
    lines = [
        f"{RETRY_MARK}could not save this: {' '.join(error.message.split())}",
        f"{RETRY_MARK}fix it and save; these lines are removed. "
        "Empty the file to give up (your text is then kept).",
    ]
    return "\n".join(lines) + "\n" + text


def without_retry_note(text: str) -> str:
    while text.startswith(RETRY_MARK):
        end = text.find("\n")
        text = "" if end < 0 else text[end + 1 :]
    return text


def edit_until_saved(
    journal: Journal,
    start: bytes,
    purpose: Purpose,
    run_editor: Callable[[bytes], bytes],
    save: Callable[[str], T],
    unchanged: Callable[[], T],
    ask_again: Callable[[MentorlogError], bool] | None = None,
) -> T:
    """Open the editor on `start` and save what comes back with `save`.

    `unchanged` answers when the person saved `start` as it was (nothing to keep). A fixable
    error offers the editor again through `ask_again` (on a terminal); otherwise, and for every
    other failure, the saved bytes are kept and the error raised."""
    showing = start
    refused: bytes | None = None  # what the person saved last time, when it was refused
    while True:
        try:
            saved = run_editor(showing)
        except MentorlogError as exc:
            text: bytes | None = getattr(exc, "saved", None)
            if text is None or (text == start and purpose.reopened is None):
                nothing_written(exc)
            keep(journal, text, purpose, exc)
        if saved == start and purpose.reopened is None:
            return unchanged()
        try:
            text_saved = decode(saved, "the text you saved")
        except MentorlogError as exc:
            keep(journal, saved, purpose, exc)
        if refused is not None and not text_saved.strip():
            keep(journal, refused, purpose, UsageError("you emptied the text; nothing was saved"))
        try:
            return save(text_saved)
        except FIXABLE as exc:
            if ask_again is None or not ask_again(exc):
                keep(journal, saved, purpose, exc)
            refused = saved
            showing = with_retry_note(text_saved, exc).encode("utf-8")
        except MentorlogError as exc:
            keep(journal, saved, purpose, exc)


def save_record(
    journal: Journal, kind: str, record_id: str, original: RecordFile, text: str
) -> Record | None:
    if text == original.text:
        return None
    record = journal.parse_text(kind, record_id, text, original.rel)
    with journal.lock():
        journal.replace(original, text)
    return record


def edit_existing(
    journal: Journal,
    kind: str,
    record_id: str,
    run_editor: Callable[[bytes], bytes],
    ask_again: Callable[[MentorlogError], bool] | None = None,
) -> Record | None:
    """Open a record in the editor and save it. None when nothing changed."""
    original = journal.read(journal.path_for(kind, record_id))
    purpose = Purpose(edit_label(kind, record_id), None, original.path.suffix)
    return edit_until_saved(
        journal,
        original.raw,
        purpose,
        run_editor,
        lambda text: save_record(journal, kind, record_id, original, text),
        lambda: None,
        ask_again,
    )
