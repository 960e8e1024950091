"""Finding the record a person means: an id, a unique prefix, a full, first or last name. A
name that matches nothing gets the close ones as suggestions (difflib), never a list of all."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import NoReturn, TypeVar

from mentorlog.domain.models import Goal, Mentor, Problem, Reflection, Session
from mentorlog.domain.slugs import fold
from mentorlog.errors import Ambiguous, InvalidFile, NotFound
from mentorlog.journal.reader import ById, Listed

T = TypeVar("T")


def _pick(
    what: str,
    text: str,
    records: list[T],
    stages: Iterable[Callable[[T], bool]],
    label: Callable[[T], str],
    empty_hint: str,
    by_id: object = None,
    spellings: Callable[[T], Iterable[str]] | None = None,
) -> T:
    exact = _unreadable(by_id, text.lower(), exact=True)
    if exact is not None:  # the id asked for is a broken file: never pick another record
        _refuse(exact)
    for stage in stages:
        matches = [r for r in records if stage(r)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = ", ".join(label(m) for m in matches[:8])
            more = f" and {len(matches) - 8} more" if len(matches) > 8 else ""
            raise Ambiguous(
                f"'{text}' matches several {what}s: {shown}{more}", "give more of the id"
            )
    broken = _unreadable(by_id, text.lower())
    if broken is not None:  # it is there, but its file does not read: say what is wrong
        _refuse(broken)
    if not records:
        raise NotFound(f"there is no {what} '{text}' (the journal has none yet)", empty_hint)
    close = _close(text, records, spellings or (lambda r: [label(r)]))
    if close:
        raise NotFound(
            f"there is no {what} '{text}'",
            "did you mean " + " or ".join(label(r) for r in close) + "?",
        )
    raise NotFound(f"there is no {what} '{text}'", f"`mentorlog {what} list` shows them all")


def _close(text: str, records: list[T], spellings: Callable[[T], Iterable[str]]) -> list[T]:
    """Up to three records one of whose spellings (id, names) is close to what was typed."""
    owners: dict[str, list[T]] = {}
    for record in records:
        for spelling in spellings(record):
            owners.setdefault(fold(spelling), []).append(record)
    found: list[T] = []
    for spelling in difflib.get_close_matches(fold(text), list(owners), n=6, cutoff=0.6):
        for record in owners[spelling]:
            if record not in found:
                found.append(record)
    return found[:3]


def _unreadable(by_id: object, wanted: str, exact: bool = False) -> Problem | None:
    """The problem of the unreadable record whose id is `wanted` or (unless `exact`) the one
    whose id starts with it."""
    if not isinstance(by_id, ById | Listed) or not wanted:
        return None
    if wanted in by_id.unreadable or exact:
        return by_id.unreadable.get(wanted)
    found = [p for record_id, p in by_id.unreadable.items() if record_id.startswith(wanted)]
    return found[0] if len(found) == 1 else None


def _refuse(broken: Problem) -> NoReturn:
    raise InvalidFile(broken.path, broken.reason, broken.line, broken.hint or "fix it by hand")


def mentor(mentors: dict[str, Mentor], text: str) -> Mentor:
    wanted = text.strip()
    key = fold(wanted)
    lowered = wanted.lower()
    candidates = sorted(mentors.values(), key=lambda m: m.id)
    return _pick(
        "mentor",
        wanted,
        candidates,
        [
            lambda m: m.id == lowered,
            lambda m: fold(m.name) == key,
            lambda m: fold(m.first_name) == key,
            lambda m: bool(key) and fold(m.name).endswith(" " + key),  # the last name
            lambda m: bool(lowered) and m.id.startswith(lowered),
            lambda m: bool(key) and fold(m.name).startswith(key),
            lambda m: bool(key) and key in fold(m.name).split(),  # a middle name
        ],
        lambda m: f"{m.id} ({m.name})",
        "add one with `mentorlog mentor add NAME`",
        mentors,
        lambda m: [m.id, m.name, *m.name.split()],
    )


def goal(goals: dict[str, Goal], text: str) -> Goal:
    wanted = text.strip().lower()
    key = fold(wanted)
    candidates = sorted(goals.values(), key=lambda g: g.id)
    return _pick(
        "goal",
        wanted,
        candidates,
        [
            lambda g: g.id == wanted,
            lambda g: bool(wanted) and g.id.startswith(wanted),
            lambda g: fold(g.title) == key,
        ],
        lambda g: g.id,
        "add one with `mentorlog goal add TITLE`",
        goals,
    )


def session(sessions: list[Session], text: str) -> Session:
    wanted = text.strip().lower()
    return _pick(
        "session",
        wanted,
        sorted(sessions, key=lambda s: s.id),
        [lambda s: s.id == wanted, lambda s: bool(wanted) and s.id.startswith(wanted)],
        lambda s: s.id,
        "record one with `mentorlog session new --mentor NAME`",
        sessions,
    )


def reflection(reflections: list[Reflection], text: str) -> Reflection:
    wanted = text.strip().lower()
    return _pick(
        "reflection",
        wanted,
        sorted(reflections, key=lambda r: r.id),
        [lambda r: r.id == wanted, lambda r: bool(wanted) and r.id.startswith(wanted)],
        lambda r: r.id,
        "write one with `mentorlog reflect`",
        reflections,
    )
