"""The `feedback/` folder: one small TOML file per thing you are working on. Read whole on
the commands that show it (`feedback list`, `brief`, `review`); never part of the index, so
`due` does not pay for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import Problem
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import InvalidFile, StorageError
from mentorlog.journal.layout import READ_APART
from mentorlog.journal.reader import Listed, scan_folder
from mentorlog.journal.storage import Journal

FOLDER, EXTENSION, _ = READ_APART["feedback"]


def path_for(journal: Journal, record_id: str) -> Path:
    return journal.root / FOLDER / f"{record_id}{EXTENSION}"


def ids_on_disk(journal: Journal) -> set[str]:
    return {
        entry.name[: -len(EXTENSION)].lower()
        for entry in scan_folder(str(journal.root / FOLDER))
        if entry.name.endswith(EXTENSION)
    }


def load(journal: Journal) -> tuple[Listed[Feedback], list[Problem]]:
    """Every readable item, oldest first, and a problem for each file that is not one (also
    in the items' `unreadable`, by the id its name gives)."""
    items: Listed[Feedback] = Listed()
    problems: list[Problem] = []
    for entry in scan_folder(str(journal.root / FOLDER)):
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
        # Imported here: a journal without feedback files pays for no validation.
        from mentorlog.journal import schema

        try:
            record = journal.read(Path(entry.path))
            items.append(schema.feedback(record_id, record.data, rel, record.text))
        except InvalidFile as exc:
            problems.append(Problem(exc.path, exc.reason, exc.line, exc.hint))
        except StorageError as exc:  # one file the system will not give never hides the rest
            problems.append(Problem(rel, exc.message, hint=exc.hint))
    for problem in problems:
        items.unreadable[problem.path.rsplit("/", 1)[-1][: -len(EXTENSION)].lower()] = problem
    items.sort(key=lambda i: (i.added or date.max, i.id))
    return items, problems
