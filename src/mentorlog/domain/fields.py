"""A record's fields, read from its one declaration: the record class itself.

Every place that lists what a mentor (or a goal, a session, a meeting) holds takes the list from
here, so a field added to the class reaches the `--json` views, the export and `mentor show`
without being written down again. `plain` turns a record into JSON-ready values by the type of
each value, never by a list of names: dates become "YYYY-MM-DD", cadences their normal form
("6w"), records inside a record become objects of their own fields.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from mentorlog.domain.dates import Cadence
from mentorlog.domain.rows import cadence_of


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


# --- rows: what the index keeps of a record (domain/rows.py) -------------------------------------


def to_row(item: Any) -> dict[str, Any]:
    """A record's row, a dict by field name: dates as ISO text, cadences as their text, and a
    record inside it as the row its own `to_row` makes."""
    return {name: _row_value(getattr(item, name)) for name in type(item).__match_args__}


_AS_IS = frozenset({type(None), str, bool, int})


def _row_value(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Cadence):
        return str(value)
    if isinstance(value, list | tuple):
        return [_row_value(item) for item in value]
    return value.to_row()


RecordT = TypeVar("RecordT")


def from_row(kind: type[RecordT], row: dict[str, Any]) -> RecordT:
    """The record of `kind` a `to_row` row holds (a row has exactly the record's fields)."""
    decoders = _DECODERS.get(kind)
    if decoders is None:
        decoders = _DECODERS[kind] = _decoders(kind)
    values = dict(row)
    for name, decode, each in decoders:
        value = values[name]
        if value is not None:
            values[name] = [decode(item) for item in value] if each else decode(value)
    return kind(**values)


# Per record class: the fields whose row value needs decoding, how, and whether it is a list.
_DECODERS: dict[type, list[tuple[str, Callable[[Any], Any], bool]]] = {}


def _decoders(kind: type) -> list[tuple[str, Callable[[Any], Any], bool]]:
    """How fields come back from their row values, read from each field's declared type (an
    annotation such as "date | None" or "list[Meeting]", named in the record's own module);
    text, numbers, flags and lists of text come back as they are."""
    scope = vars(sys.modules[kind.__module__])
    annotations = kind.__dict__["__annotations__"]  # noqa: RUF063 (inspect costs start-up)
    found = []
    for name in names(kind):
        declared = str(annotations[name]).removesuffix(" | None")
        each = declared.startswith("list[")
        decode = _decoder(scope.get(declared.removeprefix("list[").removesuffix("]")))
        if decode is not None:
            found.append((name, decode, each))
    return found


def _decoder(declared: Any) -> Callable[[Any], Any] | None:
    if declared is date:
        return date.fromisoformat
    if declared is Cadence:
        return cadence_of
    if isinstance(declared, type) and hasattr(declared, "from_row"):
        return declared.from_row  # type: ignore[no-any-return]
    return None
