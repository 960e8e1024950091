"""The `feedback/` folder: one small TOML file per thing you are working on. Read on the
commands that show it (`feedback list`, `brief`, `review`), through the index like every other
record: each file is stat-ed and looked up, and parsed and validated only when it is new or
changed, so a warm `brief` loads no parser. A warm `due` never looks at the folder (its chunk
of the index is kept as it is); the first read of a journal, which builds the index and parses
everything anyway, indexes it too (`fill`), so the first `brief` after it parses nothing."""

from __future__ import annotations

import os
import time
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Protocol

from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import Problem
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import InvalidFile, StorageError
from mentorlog.journal import files as fsutil
from mentorlog.journal.index import Folder, Index
from mentorlog.journal.layout import READ_APART, cache_path, linked_folder
from mentorlog.journal.reader import Listed, check_conflict_markers, read_bytes, scan_folder

FOLDER, EXTENSION, _ = READ_APART["feedback"]
KIND = "feedback"


class Located(Protocol):
    """A journal, as far as this folder needs one: where it is."""

    @property
    def root(self) -> Path: ...


def path_for(journal: Located, record_id: str) -> Path:
    return journal.root / FOLDER / f"{record_id}{EXTENSION}"


def ids_on_disk(journal: Located) -> set[str]:
    return {
        entry.name[: -len(EXTENSION)].lower()
        for entry in scan_folder(str(journal.root / FOLDER))
        if entry.name.endswith(EXTENSION)
    }


def load(journal: Located) -> tuple[Listed[Feedback], list[Problem]]:
    """Every readable item, oldest first, and a problem for each file that is not one (also
    in the items' `unreadable`, by the id its name gives)."""
    root = journal.root
    index = Index.open(cache_path(root), str(root), time.time_ns())
    try:
        found, problems = _walk(index, root)
        index.save(walked=(FOLDER,))
    finally:
        index.close()
    items: Listed[Feedback] = Listed()
    items.extend(sorted(found, key=lambda i: (i.added or date.max, i.id)))
    for problem in problems:
        items.unreadable[problem.path.rsplit("/", 1)[-1][: -len(EXTENSION)].lower()] = problem
    return items, problems


def fill(index: Index, root: Path) -> None:
    """Put the folder in `index`, which its caller saves: for the read that builds the index.
    Never an error: what cannot be indexed now is read by the next command that shows it."""
    with suppress(StorageError):
        _walk(index, root)


def _walk(index: Index, root: Path) -> tuple[list[Feedback], list[Problem]]:
    directory = os.path.join(root, FOLDER)
    if os.path.islink(directory):
        # Like a linked record folder: what lies outside the journal is not read.
        return [], [linked_folder(FOLDER)]
    items: list[Feedback] = []
    problems: list[Problem] = []
    folder = index.folder(FOLDER)
    for entry in scan_folder(directory):
        name = entry.name
        if name.startswith(".") or not name.endswith(EXTENSION):
            continue
        record_id = name[: -len(EXTENSION)]
        rel = f"{FOLDER}/{name}"
        if not is_valid_id(record_id):
            problems.append(
                Problem(rel, "is not named like a record", hint="rename it: a-z, 0-9, -")
            )
            continue
        try:
            # The entry itself, never what a link points to.
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue  # gone since the folder was listed
        found = _cached(folder, name, st, rel, record_id)
        if found is None:
            found, remembered = _parsed(entry.path, rel, record_id, st)
            if isinstance(found, Feedback):
                folder.store(name, st, KIND, found.to_row(), index.now_ns)
            elif remembered:
                folder.store(name, st, "problem", found.to_row(), index.now_ns)
        if isinstance(found, Feedback):
            items.append(found)
        else:
            problems.append(found)
    folder.done()
    return items, problems


def _cached(
    folder: Folder, name: str, st: os.stat_result, rel: str, record_id: str
) -> Feedback | Problem | None:
    """The item (or the problem) the index holds for this file while the file is unchanged;
    None when it must be read. A row of another kind or of another file, which only a bug or
    a forged index could hold, is never served."""
    entry = folder.lookup(name, st)
    if entry is None:
        return None
    if entry.kind == KIND and entry.row.id == record_id:
        return Feedback.from_row(entry.row)
    if entry.kind == "problem" and entry.row.path == rel:
        return Problem.from_row(entry.row)
    folder.forget(name)
    return None


def _parsed(
    path: str, rel: str, record_id: str, st: os.stat_result
) -> tuple[Feedback | Problem, bool]:
    """The item in the file, or what is wrong with it; and whether the index may remember
    that. A file that does not parse stays broken until it changes, and its stamp says when;
    a read the system refused (permissions, a read error) can succeed later with the stamp
    unchanged, so it is tried again each time."""
    special = fsutil.not_regular(st.st_mode)
    try:
        if special is not None:
            # Not opened at all: opening a FIFO or a device can block or act.
            raise fsutil.refuse_special(rel, special)
        # Imported here: a folder served whole from the index loads no parser.
        from mentorlog.journal import frontmatter, schema

        text = frontmatter.normalise_text(read_bytes(path, rel), rel)
        check_conflict_markers(text, rel)
        return schema.feedback(record_id, frontmatter.parse_toml(text, rel), rel, text), True
    except InvalidFile as exc:
        return Problem(exc.path, exc.reason, exc.line, exc.hint), True
    except StorageError as exc:
        return Problem(rel, exc.message, None, exc.hint), False
