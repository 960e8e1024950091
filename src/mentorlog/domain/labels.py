"""Short names for people that stay unique on one screen: the first name, then first and last
name for those who share a first name, then the full name, then the full name and the id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping


def mentor_labels(names: Mapping[str, str]) -> dict[str, str]:
    """The label of each mentor id, given every id shown on the screen and its full name."""
    forms: list[Callable[[str, str], str]] = [
        lambda _id, name: _first(name),
        lambda _id, name: " ".join(_words(name)[:1] + _words(name)[-1:]) or name,
        lambda _id, name: name,
        lambda record_id, name: f"{name} ({record_id})",
    ]
    labels: dict[str, str] = {}
    pending = dict(names)
    for form in forms:
        wanted = {record_id: form(record_id, name) for record_id, name in pending.items()}
        taken = Counter(label.casefold() for label in [*wanted.values(), *labels.values()])
        for record_id, label in wanted.items():
            if taken[label.casefold()] == 1 or form is forms[-1]:
                labels[record_id] = label
        pending = {i: n for i, n in pending.items() if i not in labels}
    return labels


def _words(name: str) -> list[str]:
    return name.split()


def _first(name: str) -> str:
    words = _words(name)
    return words[0] if words else name
