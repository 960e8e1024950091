"""`@record`: plain data classes for the objects built on every command's start-up path.

A record class declares its fields as annotations, with defaults or `field(default_factory=...)`
as a dataclass would, and gets `__slots__`, an `__init__` taking the fields in order, `==`
(same class, equal fields) and a repr that names the fields. `replace()` copies one with some
fields changed. That is all of `dataclasses.dataclass(slots=True)` mentorlog uses, without its
cost at start-up: importing `dataclasses` loads `inspect` (and `ast`, `dis`, `tokenize`), which
with building each class came to about 13 ms of every command, more than the rest of a warm
`mentorlog due` on a small journal. Type checkers see a dataclass (`dataclass_transform`).

`Row` is the same idea for rows that must be tuples (the index stores them with `marshal`):
a subclass declares its fields as annotations and gets a tuple with a property per field,
`_make`, `_replace`, `_fields` and `_field_defaults`, as `typing.NamedTuple` gives. Type
checkers see `typing.NamedTuple` itself. Building a NamedTuple class costs 0.2-0.7 ms (it
compiles its `__new__` and, with postponed annotations, every field's annotation): nine of them
came to several milliseconds of a warm `due`; a `Row` costs a tenth of that.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

# `typing` (with `re` and `enum`, which it loads) is a third of a bare `mentorlog --version`,
# whose path reaches this module: only type checkers need what it offers here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform
else:

    def dataclass_transform(**_: object) -> object:
        return lambda decorated: decorated


__all__ = ["Row", "field", "record", "replace"]

if TYPE_CHECKING:
    T = TypeVar("T")
_MISSING: Any = object()


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A field whose default is made anew for each record (a list, a dict)."""
    return _Factory(default_factory)  # type: ignore[return-value]


@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """The record class for `cls`: see the module's docstring."""
    # The class's own annotations, in order (inspect.get_annotations is what `inspect` costs).
    names = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
    _refuse_what_records_do_not_do(cls, names)
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    parameters: list[str] = []
    assignments: list[str] = []
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if isinstance(default, _Factory):
            scope[f"_make_{name}"] = default.make
            parameters.append(f"{name}=_MISSING")
            assignments.append(f"self.{name} = _make_{name}() if {name} is _MISSING else {name}")
            continue
        if default is not _MISSING:
            scope[f"_default_{name}"] = default
            parameters.append(f"{name}=_default_{name}")
        elif parameters and "=" in parameters[-1]:
            raise TypeError(f"{cls.__name__}: field {name} without a default follows one with")
        else:
            parameters.append(name)
        assignments.append(f"self.{name} = {name}")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "".join(
        f"    {line}\n" for line in assignments or ["pass"]
    )
    exec(source, scope)  # the same technique as dataclasses: a real __init__, fast to call

    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }
    namespace.update(
        __slots__=names,
        __init__=scope["__init__"],
        __eq__=_eq,
        __hash__=None,  # mutable, so unhashable, as a dataclass with eq would be
        __repr__=_repr,
        __match_args__=names,
    )
    made: Any = type(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    made.__init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return made  # type: ignore[no-any-return]


def _refuse_what_records_do_not_do(cls: type, names: tuple[str, ...]) -> None:
    """What dataclasses would handle (or refuse) and records do not: a loud error at import
    rather than a record that quietly misbehaves."""
    for base in cls.__mro__[1:-1]:
        # Bases with fields would be shadowed; `typing.Generic` (empty slots) brings none.
        if base.__dict__.get("__annotations__") or base.__dict__.get("__slots__"):  # noqa: RUF063
            raise TypeError(f"{cls.__name__}: a record cannot inherit fields ({base.__name__})")
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    for name in names:
        if "ClassVar" in str(annotations[name]):
            raise TypeError(f"{cls.__name__}.{name}: class variables are not record fields")
        if isinstance(cls.__dict__.get(name), list | dict | set):
            raise TypeError(
                f"{cls.__name__}.{name}: a mutable default would be shared by every record; "
                "use field(default_factory=...)"
            )


def _fields(instance: object) -> tuple[str, ...]:
    fields: tuple[str, ...] = getattr(type(instance), "__slots__", ())
    return fields


def _eq(self: object, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented  # type: ignore[no-any-return]
    return all(bool(getattr(self, name) == getattr(other, name)) for name in _fields(self))


def _repr(self: object) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _fields(self))
    return f"{type(self).__qualname__}({shown})"


def replace(instance: T, **changes: Any) -> T:
    """A copy of a record with some fields changed."""
    fields = _fields(instance)
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"{type(instance).__name__} has no field {sorted(unknown)[0]}")
    values = {name: changes.get(name, getattr(instance, name)) for name in fields}
    return type(instance)(**values)


if TYPE_CHECKING:
    from typing import NamedTuple as Row
else:

    class _RowType(type):
        """Makes each `Row` subclass: see the module's docstring."""

        def __new__(mcls, name, bases, namespace):
            if not any(isinstance(base, _RowType) for base in bases):
                return super().__new__(mcls, name, bases, namespace)  # Row itself
            names = tuple(namespace.get("__annotations__", {}))
            defaults = {key: namespace.pop(key) for key in names if key in namespace}
            scope = {"_new": tuple.__new__}
            parameters = []
            for key in names:
                if key in defaults:
                    scope[f"_default_{key}"] = defaults[key]
                    parameters.append(f"{key}=_default_{key}")
                elif parameters and "=" in parameters[-1]:
                    raise TypeError(f"{name}: field {key} without a default follows one with")
                else:
                    parameters.append(key)
            values = "".join(f"{key}, " for key in names)
            exec(
                f"def __new__(_cls, {', '.join(parameters)}):\n    return _new(_cls, ({values}))",
                scope,
            )
            namespace.update(
                {key: property(itemgetter(index), doc=key) for index, key in enumerate(names)},
                __slots__=(),
                __new__=scope["__new__"],
                __match_args__=names,
                _fields=names,
                _field_defaults=defaults,
            )
            return super().__new__(mcls, name, bases, namespace)

    class Row(tuple, metaclass=_RowType):
        __slots__ = ()

        @classmethod
        def _make(cls, iterable):
            made = tuple.__new__(cls, iterable)
            if len(made) != len(cls._fields):
                raise TypeError(f"{cls.__name__} takes {len(cls._fields)} fields, not {len(made)}")
            return made

        def _replace(self, **changes):
            made = self._make(map(changes.pop, self._fields, self))
            if changes:
                raise TypeError(f"{type(self).__name__} has no field {sorted(changes)[0]}")
            return made

        def _asdict(self):
            return dict(zip(self._fields, self, strict=True))

        def __getnewargs__(self):
            return tuple(self)

        def __repr__(self):
            shown = ", ".join(
                f"{key}={value!r}" for key, value in zip(self._fields, self, strict=True)
            )
            return f"{type(self).__qualname__}({shown})"
