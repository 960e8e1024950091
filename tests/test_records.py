"""`@record`: the plain data classes of the models, with what a dataclass would give them."""

from __future__ import annotations

import copy
import marshal
import pickle
import subprocess
import sys
from typing import ClassVar

import pytest

from mentorlog.domain.models import Mentor, Session
from mentorlog.domain.records import Row, field, record, replace


@record
class Point:
    """A record with every kind of field."""

    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)

    def moved(self, by: int) -> Point:
        return Point(self.x + by, self.y, self.tags)


def test_fields_are_taken_in_order_by_position_or_name() -> None:
    assert (Point(1, 2).x, Point(1, 2).y) == (1, 2)
    assert Point(y=5, x=4).y == 5


def test_defaults_and_factories_fill_what_is_not_given() -> None:
    point = Point(1)
    assert point.y == 0
    assert point.tags == []


def test_a_factory_makes_a_new_value_for_each_record() -> None:
    first, second = Point(1), Point(2)
    first.tags.append("a")
    assert second.tags == []


def test_a_missing_field_or_an_unknown_one_is_an_error() -> None:
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=2)  # type: ignore[call-arg]


def test_records_are_equal_when_their_class_and_fields_are() -> None:
    assert Point(1, 2, ["a"]) == Point(1, 2, ["a"])
    assert Point(1, 2) != Point(1, 3)
    assert Point(1) != (1, 0, [])


def test_a_record_of_another_class_with_the_same_fields_is_not_equal() -> None:
    @record
    class Other:
        x: int
        y: int = 0
        tags: list[str] = field(default_factory=list)

    assert Point(1) != Other(1)


def test_records_are_mutable_and_so_not_hashable() -> None:
    point = Point(1)
    point.y = 7
    assert point.y == 7
    with pytest.raises(TypeError):
        hash(point)


def test_records_have_slots_and_no_instance_dict() -> None:
    point = Point(1)
    assert Point.__slots__ == ("x", "y", "tags")
    assert not hasattr(point, "__dict__")
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]


def test_the_repr_names_every_field() -> None:
    assert repr(Point(1, 2, ["a"])) == "Point(x=1, y=2, tags=['a'])"


def test_methods_docstrings_and_module_are_kept() -> None:
    assert Point(1).moved(2) == Point(3)
    assert Point.__doc__ == "A record with every kind of field."
    assert Point.__module__ == __name__
    assert Point.__qualname__ == "Point"


def test_replace_changes_only_the_fields_named() -> None:
    point = Point(1, 2, ["a"])
    moved = replace(point, y=9)
    assert moved == Point(1, 9, ["a"])
    assert point.y == 2
    with pytest.raises(TypeError, match="no field z"):
        replace(point, z=1)


def test_records_copy_and_pickle() -> None:
    point = Point(1, 2, ["a"])
    assert copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(point)) == point


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default"):

        @record
        class Broken:
            a: int = 0
            b: int


def test_the_models_are_records() -> None:
    mentor = Mentor("ruth", "Ruth")
    assert replace(mentor, name="Ruth C.").name == "Ruth C."
    assert "id='ruth'" in repr(mentor)
    assert Session.__slots__[:3] == ("id", "mentor", "date")


def test_the_models_load_without_dataclasses_or_inspect() -> None:
    """What the records are for: the start-up path does not pay for these modules."""
    program = (
        "import sys\n"
        "import mentorlog.domain.models, mentorlog.domain.schedule, mentorlog.journal.storage\n"
        "import mentorlog.cli.fastpath, mentorlog.cli.option_table, mentorlog.cli.lean\n"
        "print(sorted(m for m in ('dataclasses', 'inspect') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_what_a_record_cannot_do_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="cannot inherit fields"):

        @record
        class Child(Point):
            z: int = 0

    with pytest.raises(TypeError, match="class variables"):

        @record
        class Counted:
            count: ClassVar[int] = 0

    with pytest.raises(TypeError, match="mutable default"):

        @record
        class Shared:
            tags: list[str] = []  # noqa: RUF012


class Pair(Row):
    """A tuple row with a default and a method."""

    left: str
    right: int = 0

    def total(self) -> int:
        return len(self.left) + self.right


def test_a_row_is_a_tuple_with_named_fields_and_defaults() -> None:
    pair = Pair("ab")
    assert (pair.left, pair.right, pair.total()) == ("ab", 0, 2)
    assert pair == ("ab", 0) and isinstance(pair, tuple)
    assert Pair(right=3, left="x") == ("x", 3)
    assert Pair._fields == ("left", "right") and Pair._field_defaults == {"right": 0}
    assert repr(Pair("a", 1)) == "Pair(left='a', right=1)"
    assert Pair.__doc__ == "A tuple row with a default and a method."


def test_a_row_is_made_from_a_stored_tuple_of_the_right_length_only() -> None:
    stored = marshal.loads(marshal.dumps(tuple(Pair("a", 1))))
    assert Pair._make(stored) == Pair("a", 1) and type(Pair._make(stored)) is Pair
    for wrong in [("a",), ("a", 1, 2)]:
        with pytest.raises(TypeError):
            Pair._make(wrong)
    with pytest.raises(TypeError):
        Pair("a", 1, 2)  # type: ignore[call-arg]


def test_a_row_is_replaced_field_by_field_and_refuses_unknown_fields() -> None:
    pair = Pair("a", 1)
    assert pair._replace(right=5) == Pair("a", 5) and pair == Pair("a", 1)
    with pytest.raises(TypeError, match="no field"):
        pair._replace(middle=2)


def test_a_row_has_no_instance_dict_and_survives_pickle_and_copy() -> None:
    pair = Pair("a", 1)
    assert not hasattr(pair, "__dict__")
    assert pickle.loads(pickle.dumps(pair)) == pair
    assert copy.deepcopy(pair) == pair and type(copy.copy(pair)) is Pair


def test_a_row_field_without_a_default_cannot_follow_one_with() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Broken(Row):
            first: int = 0
            second: int
