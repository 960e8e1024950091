"""Finding the record a person means: an id, a unique prefix, a full, first or last name. A
name that matches nothing gets the close ones as suggestions (difflib), never a list of all.
To decide a change (`deciding`, or records read under the journal's lock), a file of the kind
that could not be read and may be the record meant stops the lookup: a name then means
nothing for sure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, TypeVar

from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import Goal, Mentor, Problem, Reflection, Session
from mentorlog.domain.slugs import fold
from mentorlog.errors import Ambiguous, InvalidFile, NotFound
from mentorlog.journal.reader import ById, Listed
from mentorlog.services import unread as unread_files

T = TypeVar("T")


# A stage of a match: the test on a record, and the same test on an id alone, or None when
# the test reads what is inside the file (a name, a title): then any file of the kind that
# could not be read may pass it.
Stage = tuple[Callable[[T], bool], Callable[[str], bool] | None]


def _pick(
    what: str,
    text: str,
    records: list[T],
    stages: list[Stage[T]],
    label: Callable[[T], str],
    empty_hint: str,
    by_id: object = None,
    spellings: Callable[[T], Iterable[str]] | None = None,
    deciding: bool = False,
) -> T:
    exact = _unreadable(by_id, text.lower(), exact=True)
    if exact is not None:  # the id asked for is a broken file: never pick another record
        _refuse(exact)
    # Only a change needs to know no unread file is the one meant: a read shows what it
    # found and warns about the rest.
    deciding = deciding or getattr(by_id, "for_change", False)
    for depth, (stage, _) in enumerate(stages):
        matches = [r for r in records if stage(r)]
        if len(matches) == 1:
            if deciding:
                _refuse_unread_match(what, text, by_id, stages[: depth + 1])
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
    if deciding:
        _refuse_unread_match(what, text, by_id, stages)
    if not records:
        raise NotFound(f"there is no {what} '{text}' (the journal has none yet)", empty_hint)
    close = _close(text, records, spellings or (lambda r: [label(r)]))
    if close:
        raise NotFound(
            f"there is no {what} '{text}'",
            "did you mean " + " or ".join(label(r) for r in close) + "?",
        )
    raise NotFound(f"there is no {what} '{text}'", f"`mentorlog {what} list` shows them all")


def _refuse_unread_match(what: str, text: str, by_id: object, stages: list[Stage[T]]) -> None:
    """Refuse when a file that could not be read might pass one of `stages`: what `text`
    means is then not known (the match found may be another person of the same name)."""
    id_tests = [on_id for _, on_id in stages]
    unread = unread_files.first(
        by_id,
        lambda record_id: any(test is None or test(record_id) for test in id_tests),
    )
    if unread is not None:
        raise unread_files.refusal(
            unread,
            f"it may be the {what} meant by '{text}', so nothing was done",
            f"or give the exact id of the {what} you mean",
        )


def _close(text: str, records: list[T], spellings: Callable[[T], Iterable[str]]) -> list[T]:
    """Up to three records one of whose spellings (id, names) is close to what was typed."""
    owners: dict[str, list[T]] = {}
    for record in records:
        for spelling in spellings(record):
            owners.setdefault(fold(spelling), []).append(record)
    found: list[T] = []
    import difflib  # only for a name that matches nothing

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


def _starts(wanted: str) -> Callable[[str], bool]:
    return lambda record_id: bool(wanted) and record_id.startswith(wanted)


def _by_id(wanted: str) -> list[Stage[Any]]:
    """The stages of a record known only by its id: the id, then a unique start of it."""
    return [
        (lambda r: r.id == wanted, lambda i: i == wanted),
        (lambda r: bool(wanted) and r.id.startswith(wanted), _starts(wanted)),
    ]


def mentor(mentors: dict[str, Mentor], text: str, *, deciding: bool = False) -> Mentor:
    wanted = text.strip()
    key = fold(wanted)
    lowered = wanted.lower()
    candidates = sorted(mentors.values(), key=lambda m: m.id)
    return _pick(
        "mentor",
        wanted,
        candidates,
        [
            (lambda m: m.id == lowered, lambda i: i == lowered),
            (lambda m: fold(m.name) == key, None),
            (lambda m: fold(m.first_name) == key, None),
            (lambda m: bool(key) and fold(m.name).endswith(" " + key), None),  # the last name
            (lambda m: bool(lowered) and m.id.startswith(lowered), _starts(lowered)),
            (lambda m: bool(key) and fold(m.name).startswith(key), None),
            (lambda m: bool(key) and key in fold(m.name).split(), None),  # a middle name
        ],
        lambda m: f"{m.id} ({m.name})",
        "add one with `mentorlog mentor add NAME`",
        mentors,
        lambda m: [m.id, m.name, *m.name.split()],
        deciding=deciding,
    )


def goal(goals: dict[str, Goal], text: str, *, deciding: bool = False) -> Goal:
    wanted = text.strip().lower()
    key = fold(wanted)
    candidates = sorted(goals.values(), key=lambda g: g.id)
    return _pick(
        "goal",
        wanted,
        candidates,
        [
            (lambda g: g.id == wanted, lambda i: i == wanted),
            (lambda g: bool(wanted) and g.id.startswith(wanted), _starts(wanted)),
            (lambda g: fold(g.title) == key, None),
        ],
        lambda g: g.id,
        "add one with `mentorlog goal add TITLE`",
        goals,
        deciding=deciding,
    )


def session(sessions: list[Session], text: str, *, deciding: bool = False) -> Session:
    wanted = text.strip().lower()
    return _pick(
        "session",
        wanted,
        sorted(sessions, key=lambda s: s.id),
        _by_id(wanted),
        lambda s: s.id,
        "record one with `mentorlog session new --mentor NAME`",
        sessions,
        deciding=deciding,
    )


def feedback(items: Sequence[Feedback], text: str) -> Feedback:
    """Feedback is only looked up to change it: always `deciding`."""
    wanted = text.strip().lower()
    key = fold(wanted)
    return _pick(
        "feedback",
        wanted,
        sorted(items, key=lambda i: i.id),
        [
            *_by_id(wanted),
            (lambda i: bool(key) and fold(i.text).startswith(key), None),
        ],
        lambda i: i.id,
        "add one with `mentorlog feedback add TEXT`",
        items,
        deciding=True,
    )


def reflection(reflections: list[Reflection], text: str, *, deciding: bool = False) -> Reflection:
    wanted = text.strip().lower()
    return _pick(
        "reflection",
        wanted,
        sorted(reflections, key=lambda r: r.id),
        _by_id(wanted),
        lambda r: r.id,
        "write one with `mentorlog reflect`",
        reflections,
        deciding=deciding,
    )
