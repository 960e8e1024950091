"""The journal as a whole: creating one, and checking every file in it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from mentorlog.domain.models import Problem
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import NotAJournal, StorageError
from mentorlog.journal.files import TEMP_SUFFIX
from mentorlog.journal.layout import JOURNAL_LAYOUT, PENDING_FILE, READ_APART
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.services import unread as unread_files

SETTINGS_TEMPLATE = """\
# mentorlog journal settings. See docs/format.md for every key.
schema_version = 1
# How often to be in touch with a mentor who has no cadence of their own. Unset, it is
# `cadence` in your config file (`mentorlog config path`), else 4w.
# default_cadence = "4w"
due_within = "7d"         # `mentorlog due` also lists who is due this far ahead
reflect_within = "3d"     # point out sessions with no reflection after this long
stalled_after = "4w"      # point out open goals with no progress for this long
"""


def init(journal: Journal) -> bool:
    """Create a journal; False if there already was one (nothing changed)."""
    return journal.init(SETTINGS_TEMPLATE)


def ensure(journal: Journal) -> bool:
    """The first write creates the journal, in a folder that does not exist yet or holds
    nothing but a journal's own folders and hidden entries (a `.git`, say). True when it did.

    A folder holding anything else is refused: a mistyped --dir must not turn someone's
    documents into a journal (and make the folder private). `mentorlog init` does it when
    asked."""
    if journal.is_journal():
        return False
    if (journal.root / ".git").exists():
        raise NotAJournal(
            f"{journal.root} is a git clone with no journal in it",
            "run `mentorlog sync` to fetch the journal from its remote, or check the remote "
            "with `mentorlog git remote -v`; `mentorlog init` starts a new journal here",
        )
    others = _other_entries(journal.root)
    if others:
        raise NotAJournal(
            f"{journal.root} is not a mentorlog journal and holds other files ({others[0]})",
            f"run `mentorlog init {journal.root}` to make it one, "
            "or point --dir / MENTORLOG_DIR at your journal",
        )
    return journal.init(SETTINGS_TEMPLATE)


def _other_entries(root: Path) -> list[str]:
    """What is in `root` besides hidden entries and the folders of a journal, in name order."""
    try:
        names = os.listdir(root)
    except (FileNotFoundError, NotADirectoryError):
        return []  # not there yet (a file in the way fails when the journal is made)
    except OSError as exc:  # it may hold anything: never take it over unseen
        raise StorageError(
            f"could not look inside {root}: {exc.strerror}", "check the folder's permissions"
        ) from None
    own = {folder for folder, _, _ in JOURNAL_LAYOUT.values()}
    return sorted(name for name in names if not name.startswith(".") and name not in own)


def doctor(journal: Journal) -> tuple[Snapshot, list[Problem]]:
    """Every problem in the journal, each with what is wrong and how to fix it. A change that
    a crash stopped part-way is undone first, and said so."""
    undone = journal.undo_interrupted()
    # Every file is checked as it is read, details or not; the links and dates checked here
    # are in every session's summary, so no action or lesson is unpacked.
    snapshot = journal.load(settings_problems=True, details=False)
    problems = list(snapshot.problems)
    if undone:
        problems.append(
            Problem(
                PENDING_FILE,
                "named a change that was interrupted part-way; mentorlog undid it in "
                + ", ".join(undone),
                hint="nothing else to do; run the interrupted command again if you still want it",
            )
        )
    for kind in READ_APART:
        problems += _READ_APART_CHECKS[kind](journal)
    problems += _dangling_links(snapshot)
    problems += _misplaced_sessions(snapshot)
    problems += _meeting_ids_shared(journal, snapshot)
    problems += _leftovers(journal)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return snapshot, problems


def _feedback_problems(journal: Journal) -> list[Problem]:
    from mentorlog.journal import feedback

    return feedback.load(journal)[1]


# How doctor reads each folder the Reader does not (journal/layout.py READ_APART): a folder
# added there without a check here fails every doctor run, not silently in a user's journal.
_READ_APART_CHECKS = {"feedback": _feedback_problems}


def _link(value: str) -> str:
    """A link to a record, as a problem may quote it: an id, which names a file the person has;
    anything else in a link field is a value of theirs and is not repeated."""
    return f"'{value}'" if is_valid_id(value) else "(not a valid id)"


def _dangling_links(snapshot: Snapshot) -> list[Problem]:
    """Links to records that are not in the journal. A link to a file that is there but could
    not be read is not dangling: that file's own problem is reported, once."""
    found: list[Problem] = []
    mentors = _with_unread(snapshot.mentors)
    goals = _with_unread(snapshot.goals)
    session_ids = {s.id for s in snapshot.sessions} | set(unread_files.of(snapshot.sessions))
    for goal in snapshot.goals.values():
        for mentor_id in goal.mentors:
            if mentor_id not in mentors:
                found.append(
                    Problem(
                        snapshot.paths[("goal", goal.id)],
                        f"links to mentor {_link(mentor_id)}, which does not exist",
                        hint="fix the id in `mentors = [...]` or remove it",
                    )
                )
    for session in snapshot.sessions:
        rel = snapshot.paths[("session", session.id)]
        if session.mentor not in mentors:
            found.append(
                Problem(
                    rel,
                    f"is with mentor {_link(session.mentor)}, who is not in the journal",
                    hint="fix `mentor =` or add the mentor back",
                )
            )
        for goal_id in session.goals:
            if goal_id not in goals:
                found.append(
                    Problem(
                        rel,
                        f"links to goal {_link(goal_id)}, which does not exist",
                        hint="fix `goals`",
                    )
                )
    for reflection in snapshot.reflections:
        rel = snapshot.paths[("reflection", reflection.id)]
        if reflection.session and reflection.session not in session_ids:
            found.append(
                Problem(
                    rel,
                    f"reflects on session {_link(reflection.session)}, which does not exist",
                    hint="fix `session =` or remove it",
                )
            )
        if reflection.mentor and reflection.mentor not in mentors:
            found.append(
                Problem(
                    rel,
                    f"names mentor {_link(reflection.mentor)}, who is not in the journal",
                    hint="fix `mentor =`",
                )
            )
    return found


def _meeting_ids_shared(journal: Journal, snapshot: Snapshot) -> list[Problem]:
    """A meeting id in two mentors' files (one file repeating an id does not read at all):
    `meet move` and `meet cancel` could not tell which is meant."""
    holders: dict[str, list[str]] = {}
    for mentor in snapshot.mentors.values():
        for meeting in mentor.meetings:
            holders.setdefault(meeting.id, []).append(mentor.id)
    found: list[Problem] = []
    for meeting_id, mentor_ids in holders.items():
        for mentor_id in mentor_ids[1:]:
            rel = snapshot.paths[("mentor", mentor_id)]
            found.append(
                Problem(
                    rel,
                    f"gives meeting id '{meeting_id}', which "
                    f"{snapshot.paths[('mentor', mentor_ids[0])]} uses too",
                    _line_of_meeting_id(journal.root / rel, meeting_id),
                    "give this meeting a new id, such as the mentor's id and its date",
                )
            )
    return found


def _line_of_meeting_id(path: Path, meeting_id: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        key, _, value = line.partition("=")
        if key.strip() == "id" and value.strip().strip("\"'") == meeting_id:
            return number
    return None


def _with_unread(records: dict[str, Any]) -> set[str]:
    return set(records) | set(unread_files.of(records))


def _misplaced_sessions(snapshot: Snapshot) -> list[Problem]:
    found: list[Problem] = []
    for kind, records in (("session", snapshot.sessions), ("reflection", snapshot.reflections)):
        for record in records:
            rel = snapshot.paths[(kind, record.id)]
            folder_year = rel.split("/")[1] if rel.count("/") >= 2 else ""
            if folder_year != str(record.date.year):
                found.append(
                    Problem(
                        rel,
                        f"is dated {record.date.isoformat()} but filed under {folder_year or 'no year'}",
                        hint=f"move it into {rel.split('/')[0]}/{record.date.year}/",
                    )
                )
    return found


def _folders(journal: Journal) -> list[Path]:
    folders = [journal.root] + [journal.root / f for f, _, _ in JOURNAL_LAYOUT.values()]
    for name, _, by_year in JOURNAL_LAYOUT.values():
        if by_year and (journal.root / name).is_dir():
            folders += [p for p in (journal.root / name).iterdir() if p.is_dir()]
    return [folder for folder in folders if folder.is_dir()]


def _leftovers(journal: Journal) -> list[Problem]:
    from mentorlog.journal.files import EDIT_PREFIX
    from mentorlog.services import recovery

    found: list[Problem] = []
    for folder in _folders(journal):
        for entry in os.scandir(folder):
            if entry.name.endswith(TEMP_SUFFIX) and entry.name.startswith("."):
                found.append(
                    Problem(
                        journal.rel(Path(entry.path)),
                        "is left over from an interrupted write",
                        hint="the record itself is intact; delete this file",
                    )
                )
            elif folder == journal.root and entry.name.startswith(EDIT_PREFIX):
                found.append(
                    Problem(
                        journal.rel(Path(entry.path)),
                        "is an editor's copy left when mentorlog was stopped (a closed "
                        "terminal, a kill) while the editor was open",
                        hint="it may hold text that was never saved: copy what you need into "
                        "a record, then delete it",
                    )
                )
    for kept in recovery.kept_files(journal):
        if kept.origin is None:
            hint = "nothing says what it was for: copy what you need into a record, then delete it"
        else:
            hint = (
                f"reopen it with `mentorlog recover {kept.rel}`, or copy what you need "
                "into a record and delete it"
            )
        found.append(
            Problem(kept.rel, "holds text kept from an editor after a failed save", hint=hint)
        )
    return found


def readable_by_others(journal: Journal) -> list[str]:
    """Files and folders other users may read. Advice rather than a problem: a copy or a git
    checkout of a journal has ordinary modes, and every file in it is still a good record."""
    exposed: list[str] = []
    for folder in _folders(journal):
        # Names joined as text: a Path for each of ten thousand files cost more than its stat.
        where = journal.rel(folder) if folder != journal.root else "."
        try:
            if stat.S_IMODE(folder.stat().st_mode) & 0o077:
                exposed.append(where)
        except OSError:
            pass
        prefix = "" if where == "." else f"{where}/"
        for entry in os.scandir(folder):
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                mode = stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode)
            except OSError:
                continue
            if mode & 0o077:
                exposed.append(prefix + entry.name)
    return sorted(exposed)
