"""A file that does not validate is described in mentorlog's words, for every field of every
record and every kind of wrong value: the key as the file spells it and what to write, never
the validation library's sentence ("Input should be a valid boolean") or its type names."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.errors import InvalidFile
from mentorlog.journal import schema

LIBRARY_WORDS = (
    "Input should",
    "valid ",
    "pydantic",
    "type=",
    "Value error",
    "dict",
    "'vDDD",
    "StrictStr",
    "errors.pydantic",
    "literal_error",
)


def _models() -> list[type[Any]]:
    found: list[type[Any]] = []
    todo = list(schema._File.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo.extend(model.__subclasses__())
    return found


FIELDS = [
    (model, field.alias or name)
    for model in _models()
    for name, field in model.model_fields.items()
]

WRONG: list[Any] = [
    True,
    3,
    -5,
    2.5,
    "text",
    "",
    [1],
    ["x"],
    {"a": 1},
    [{"a": 1}],
    date(2026, 1, 1),
    datetime(2026, 1, 1, 9, 30),
    100_000,
]


def _refusal(model: type[Any], data: dict[str, Any]) -> str | None:
    source = "\n".join(f"{key} = 1" for key in data)
    try:
        schema._validate(model, data, "mentors/ruth.toml", source)
    except InvalidFile as exc:
        return str(exc)
    return None


def test_every_field_is_walked() -> None:
    assert len(FIELDS) > 60
    assert any(key == "paused" for _, key in FIELDS)


@pytest.mark.parametrize(("model", "key"), FIELDS, ids=[f"{m.__name__}.{k}" for m, k in FIELDS])
def test_a_wrong_value_is_said_in_mentorlogs_words(model: type[Any], key: str) -> None:
    for value in WRONG:
        said = _refusal(model, {key: value})
        if said is None:
            continue
        assert "\n" not in said
        for words in LIBRARY_WORDS:
            assert words not in said, (key, value, said)
        assert f"`{key}" in said or "is required" in said, (key, value, said)


@given(
    st.sampled_from(FIELDS),
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=6,
    ),
)
def test_any_value_is_said_in_mentorlogs_words(field: tuple[type[Any], str], value: Any) -> None:
    model, key = field
    if value is None:
        return
    said = _refusal(model, {key: value})
    if said is not None:
        for words in LIBRARY_WORDS:
            assert words not in said, (key, value, said)


def test_the_example_from_the_report(run: Any, example_dir: Path) -> None:
    path = example_dir / "mentors" / "ruth-castellanos.toml"
    path.write_text('paused = "yes"\n' + path.read_text())
    shown = run("mentor", "list")
    assert "mentors/ruth-castellanos.toml:1: `paused` must be true or false" in shown.stderr
