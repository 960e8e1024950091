"""Text kept from an editor that could not be saved: finding it, and finishing the job.

A recovery file holds the person's bytes exactly as they saved them. What they were meant to
become is in the file's name for an edit (`...-edit-KIND-ID.ext`) and in a sidecar
(`NAME.origin.json`) for everything else: a new session or reflection, an agreement. Every
editor flow names its purpose here (`REOPENED`), so every file it keeps can be reopened.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.errors import MentorlogError, NotFound, UsageError
from mentorlog.journal.layout import LAYOUT, ORIGIN_SUFFIX, RECOVERY_DIR, origin_path
from mentorlog.journal.storage import Journal
from mentorlog.services import editing

_EDIT_NAME = re.compile(
    r"^(?:\.recovery-)?\d{8}-\d{6}(?:-\d+)?-"
    + re.escape(editing.EDIT_LABEL)
    + r"(?P<kind>"
    + "|".join(LAYOUT)
    + r")-(?P<id>.+)\.(?:md|toml)$"
)


# What a sidecar may say the text was for; `editing.Purpose` takes no other.
REOPENED = editing.SIDECAR_PURPOSES


@dataclass(slots=True)
class Kept:
    path: Path
    rel: str
    origin: dict[str, Any] | None  # None: nothing says what it was for
    size: int
    modified: float

    @property
    def meant_for(self) -> str:
        origin = self.origin
        if origin is None:
            return "unknown (copy what you need into a record by hand)"
        request = origin.get("request", {})
        if origin["for"] == "edit":
            return f"an edit of {origin['kind']} {origin['id']}"
        if origin["for"] == "agreement":
            return f"the agreement with {origin.get('mentor')}"
        if origin["for"] == "session new":
            return f"a new session with {request.get('mentor')} on {request.get('date')}"
        who = request.get("mentor") or request.get("session") or "nobody in particular"
        return f"a new reflection ({who}) on {request.get('date')}"


def kept_files(journal: Journal) -> list[Kept]:
    """Every recovery file, oldest first."""
    paths: list[Path] = []
    folder = journal.root / RECOVERY_DIR
    if folder.is_dir() and not folder.is_symlink():
        paths += [p for p in folder.iterdir() if p.is_file() and not p.is_symlink()]
    if journal.root.is_dir():
        paths += [p for p in journal.root.glob(f"{RECOVERY_DIR}-*") if p.is_file()]
    found = []
    for path in paths:
        if path.name.endswith(ORIGIN_SUFFIX):
            continue
        info = path.stat()
        found.append(Kept(path, journal.rel(path), origin_of(path), info.st_size, info.st_mtime))
    return sorted(found, key=lambda k: (k.modified, k.rel))


def origin_of(path: Path) -> dict[str, Any] | None:
    match = _EDIT_NAME.match(path.name)
    if match:
        return {"for": "edit", "kind": match["kind"], "id": match["id"]}
    try:
        origin = json.loads(origin_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(origin, dict) or origin.get("for") not in REOPENED:
        return None
    return origin


def find(journal: Journal, text: str) -> Kept:
    """A recovery file named by its path (from here or from the journal) or its file name."""
    kept = kept_files(journal)
    wanted = {
        os.path.realpath(text),
        os.path.realpath(journal.root / text),
        os.path.realpath(journal.root / RECOVERY_DIR / text),
    }
    for item in kept:
        if os.path.realpath(item.path) in wanted:
            return item
    raise NotFound(
        f"no recovery file {text!r}",
        "`mentorlog recover` lists them" if kept else "there are none in this journal",
    )


def reopen(
    journal: Journal,
    kept: Kept,
    today: date,
    run_editor: Callable[[bytes], bytes],
    ask_again: Callable[[MentorlogError], bool] | None,
) -> str:
    """Open a recovery file in the editor and save it as what it was meant to be; the file
    is removed once that is done. Returns what was saved, for the person."""
    origin = kept.origin
    if origin is None:
        raise UsageError(
            f"{kept.rel} does not say what it was meant to become",
            "copy what you need into a record by hand, then delete it",
        )
    save = _saver(journal, today, origin)
    purpose = editing.Purpose("", origin, kept.path.suffix, reopened=kept.path)
    start = kept.path.read_bytes()
    done = editing.edit_until_saved(
        journal, start, purpose, run_editor, save, lambda: "", ask_again
    )
    discard(kept)
    return done


def discard(kept: Kept) -> None:
    for path in (kept.path, origin_path(kept.path)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _saver(journal: Journal, today: date, origin: dict[str, Any]) -> Callable[[str], str]:
    """Save text as what `origin` says, returning a line saying what was written."""
    if origin["for"] == "edit":
        kind, record_id = origin["kind"], origin["id"]
        try:
            original = journal.read(journal.path_for(kind, record_id))
        except (FileNotFoundError, NotFound):
            raise NotFound(
                f"the {kind} {record_id} this text was for is gone",
                "copy what you need into a record by hand",
            ) from None

        def save_edit(text: str) -> str:
            if editing.save_record(journal, kind, record_id, original, text) is None:
                return f"{original.rel} already holds this text"
            return f"Saved {original.rel}"

        return save_edit
    if origin["for"] == "agreement":
        from mentorlog.services import agreement

        mentor_id = str(origin.get("mentor"))
        return lambda text: agreement.save_text(journal, mentor_id, text, today).said()
    request = origin["request"]
    if origin["for"] == "session new":
        from mentorlog.services import sessions

        new_session = sessions.NewSession(
            mentor=request["mentor"],
            date=date.fromisoformat(request["date"]),
            kind=request["kind"],
            topic=request["topic"],
            goals=tuple(request["goals"]),
            confidential=request["confidential"],
            how=request["how"],
            discussed=tuple(request["discussed"]),
        )

        def record_session(body: str) -> str:
            new_session.body = body
            saved = sessions.record(journal, today, new_session)
            return f"Recorded {saved.kind} {saved.id}"

        return sessions.from_template(origin["template"], origin["bare"], "session", record_session)
    from mentorlog.services import reflections
    from mentorlog.services.sessions import from_template

    new_reflection = reflections.NewReflection(
        date=date.fromisoformat(request["date"]),
        session=request["session"],
        mentor=request["mentor"],
        goals=tuple(request["goals"]),
        confidential=request["confidential"],
        # A recovery file written before reflections had skills has none.
        skills=tuple(request.get("skills", ())),
    )

    def record_reflection(text: str) -> str:
        new_reflection.text = text
        saved = reflections.record(journal, today, new_reflection)
        return f"Wrote reflection {saved.id}"

    return from_template(origin["template"], origin["bare"], "reflection", record_reflection)
