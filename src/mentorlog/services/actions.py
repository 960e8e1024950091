"""Action items: the checkbox lines of session bodies, listed across sessions, ticked,
reopened and added. The file is the list: a hand edit and these commands see the same items.

A change rewrites only the body line it is about; the front matter keeps every byte, and the
file is refused if it changed on disk since it was read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from mentorlog.domain import body as body_text
from mentorlog.domain.models import ActionItem, Session
from mentorlog.errors import Conflict, NotFound, UsageError
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.journal.writer import RecordFile
from mentorlog.services import resolve

# An outcome shares its checkbox line with the action, so it is one line like the action.
MAX_OUTCOME = 2000
ACTION_ID_HINT = "action ids look like 2026-11-19-tomas-lindqvist#2; see `mentorlog action list`"


@dataclass(slots=True)
class Listed:
    """An action item with the session it belongs to."""

    action: ActionItem
    session: Session

    def age_days(self, today: date) -> int:
        return (today - self.session.date).days


def listing(
    snapshot: Snapshot,
    *,
    include_done: bool = False,
    mentor_id: str | None = None,
    in_full: Callable[[Iterable[Session]], Iterable[Session]] | None = None,
) -> list[Listed]:
    """Open action items (or all), oldest session first, in the order of the file. A snapshot
    read without details holds only the open ones: with `include_done`, `in_full` gives each
    session with all its actions (one at a time), and the items keep the session as read."""
    found: list[Listed] = []
    chosen = [
        s
        for s in sorted(snapshot.sessions, key=lambda s: (s.date, s.id))
        if mentor_id is None or s.mentor == mentor_id
    ]
    every = in_full(chosen) if include_done and in_full is not None else chosen
    for read, session in zip(chosen, every, strict=True):
        for action in session.actions:
            if action.done and not include_done:
                continue
            found.append(Listed(action, read))
    return found


def split_id(text: str) -> tuple[str, int]:
    """'2026-11-19-tomas#2' -> ('2026-11-19-tomas', 2)."""
    session_part, hash_sign, number_part = text.strip().rpartition("#")
    number_part = number_part.strip()
    if not hash_sign or not session_part.strip() or not number_part.isdigit():
        raise UsageError(f"'{text}' is not an action id", ACTION_ID_HINT)
    number = int(number_part)
    if number < 1:
        raise UsageError(f"'{text}' is not an action id (numbers start at 1)", ACTION_ID_HINT)
    return session_part.strip(), number


def find(snapshot: Snapshot, text: str) -> Listed:
    session_text, number = split_id(text)
    session = resolve.session(snapshot.sessions, session_text)
    for action in session.actions:
        if action.number == number:
            return Listed(action, session)
    count = len(session.actions)
    has = f"it has {count} (1-{count})" if count else "it has none"
    raise NotFound(
        f"session {session.id} has no action {number}; {has}",
        f"add one with `mentorlog action add {session.id} TEXT`",
    )


def one_outcome(given: list[str]) -> str | None:
    """The one text of what came of an action. `--note` and `--outcome` name the same text,
    so two of them would leave one out of the file: they are refused, never dropped."""
    if len(given) > 1:
        raise UsageError(
            f"--note/--outcome was given {len(given)} times; an action keeps one outcome",
            "give it once, with everything that came of it in one text",
        )
    return given[0] if given else None


def done(journal: Journal, text: str, on: date, note: str | None = None) -> Listed:
    """Tick an action and note when, and what came of it."""
    from mentorlog.services.records import clean_line

    note = clean_line(note, "the outcome", limit=MAX_OUTCOME) if note is not None else None

    def change(session: Session, number: int, body: str) -> str:
        if on < session.date:
            raise UsageError(
                f"{on} is before the session {session.id}",
                "give the day you did it with --date",
            )
        try:
            return body_text.tick_action(body, number, on, note)
        except Conflict as exc:
            raise Conflict(
                f"action {session.id}#{number} is already done",
                f"reopen it with `mentorlog action reopen {session.id}#{number}`",
            ) from exc

    return _rewrite(journal, text, change)


def reopen(journal: Journal, text: str) -> Listed:
    def change(session: Session, number: int, body: str) -> str:
        try:
            return body_text.reopen_action(body, number)
        except Conflict as exc:
            raise Conflict(f"action {session.id}#{number} is still open", None) from exc

    return _rewrite(journal, text, change)


def add(journal: Journal, session_text: str, text: str, acts_on: int | None = None) -> Listed:
    """Add an open action to a session; it numbers after every existing one. With `acts_on`,
    it cites that piece of the session's advice."""
    from mentorlog.services.records import clean_line

    item = clean_line(text, "an action", limit=1000)
    if item is None:
        raise UsageError("an action cannot be empty", "say what you will do")
    with journal.lock():
        session = resolve.session(journal.load().sessions, session_text)
        cited = acts_on if acts_on is not None else body_text.acts_on(item)
        if cited is not None and not 1 <= cited <= len(session.advice):
            given = f"advice 1 to {len(session.advice)}" if session.advice else "no advice"
            raise UsageError(
                f"session {session.id} has {given}, so an action cannot act on advice {cited}",
                "add the advice under its ## Advice heading first, or give another number",
            )
        if acts_on is not None and body_text.acts_on(item) is None:
            item = f"{item} (advice {acts_on})"
        elif acts_on is not None and body_text.acts_on(item) != acts_on:
            raise UsageError(
                f"the action already cites advice {body_text.acts_on(item)}",
                "give --acts-on or an '(advice N)' in the text, not both",
            )
        updated = _rewrite_body(journal, session, lambda body: body_text.add_action(body, item))
    return Listed(updated.actions[-1], updated)


def _rewrite(journal: Journal, text: str, change: Callable[[Session, int, str], str]) -> Listed:
    with journal.lock():
        found = find(journal.load(), text)
        session, number = found.session, found.action.number
        updated = _rewrite_body(journal, session, lambda body: change(session, number, body))
    return Listed(updated.actions[number - 1], updated)


def _rewrite_body(journal: Journal, session: Session, change: Callable[[str], str]) -> Session:
    """Replace a session's body with change(body). Call under the lock."""
    from mentorlog.services.records import ensure_parses

    path = journal.path_for("session", session.id)
    record = ensure_parses(journal, path)
    new_text = splice_body(record, change(record.body))
    from mentorlog.journal import frontmatter

    normalised = frontmatter.normalise_text(new_text.encode("utf-8"), record.rel)
    updated = journal.parse_text("session", session.id, normalised, record.rel)
    assert isinstance(updated, Session)
    journal.replace(record, new_text)
    return updated


def splice_body(record: RecordFile, new_body: str) -> str:
    """The file's text with a new body and everything before it as it was. The file's own
    line endings and byte-order mark are put back when it is written."""
    from mentorlog.journal import frontmatter

    return frontmatter.splice(
        record.text, record.head, record.head, record.body, new_body, record.rel
    )
