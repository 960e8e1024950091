"""A record's fields, read from its one declaration: the record class itself.

Every place that lists what a mentor (or a goal, a session, a meeting) holds takes the list from
here, so a field added to the class reaches the `--json` views, the export and `mentor show`
without being written down again. `plain` turns a record into JSON-ready values by the type of
each value, never by a list of names: dates become "YYYY-MM-DD", cadences their normal form
("6w"), records inside a record become objects of their own fields.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.domain.dates import Cadence


def names(kind: type) -> tuple[str, ...]:
    """The fields of a record class, in the order the class declares them."""
    declared: tuple[str, ...] = kind.__match_args__  # type: ignore[attr-defined]
    return declared


def plain(value: Any) -> Any:
    """`value` as JSON-ready values: see the module's docstring."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Cadence):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return as_object(value)


def as_object(item: Any, renamed: dict[str, str] | None = None) -> dict[str, Any]:
    """Every field of a record, by name (or the name `renamed` gives it), as `plain` values."""
    renamed = renamed or {}
    return {renamed.get(name, name): plain(getattr(item, name)) for name in names(type(item))}
