"""Reading the journal for a command about one mentor (`brief`, `timeline`, `action list
--mentor`): the mentors and goals first, to know who is meant, then the rest with only that
mentor's sessions built. Every file is still looked at, so a change on disk or a broken file is
never missed; what is skipped is decoding ten thousand sessions to show two hundred."""

from __future__ import annotations

import operator
from collections.abc import Callable

from mentorlog.domain.models import Mentor
from mentorlog.domain.rows import sessions_with
from mentorlog.journal.layout import LAYOUT
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.services import resolve

# What a mentor is found among, and what is read for them once found.
PEOPLE = ("mentor", "goal")
THE_REST = tuple(kind for kind in LAYOUT if kind not in PEOPLE)


def about_mentor(
    journal: Journal,
    mentor_text: str,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[Snapshot, Mentor]:
    """The journal as a full read would give it, but with only the sessions with the mentor
    `mentor_text` names, and that mentor."""
    people = journal.load(kinds=PEOPLE)
    chosen = resolve.mentor(people.mentors, mentor_text)
    snapshot = journal.load(on_progress, kinds=THE_REST, wanted=sessions_with(chosen.id))
    snapshot.mentors = people.mentors
    snapshot.goals = people.goals
    for key, rel in people.paths.items():
        snapshot.paths[key] = rel
    snapshot.problems = sorted(
        [*people.problems, *snapshot.problems], key=operator.attrgetter("path")
    )
    return snapshot, chosen
