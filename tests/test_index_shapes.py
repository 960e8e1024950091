"""The index is checked once, as it is read: whatever a damaged, old or buggy index holds, with
sound CRCs around it, a read gives what a read of the files gives and the index is rebuilt.
Each test forges one shape of garbage into a real index and reads the journal through it."""

from __future__ import annotations

import binascii
import marshal
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.rows import ProblemRow, ReflectionRow, SessionRow, checked
from mentorlog.journal import index as index_module
from mentorlog.journal.layout import cache_path
from mentorlog.journal.reader import Snapshot
from mentorlog.journal.storage import Journal

HOUR = 3600

# A stored form, changed; returns the garbage to store in its place
Forgery = Callable[[Any], Any]


def age(root: Path) -> None:
    then = time.time() - HOUR
    for path in root.rglob("*"):
        os.utime(path, (then, then))


@pytest.fixture
def journal(example_dir: Path) -> Journal:
    age(example_dir)
    return Journal(example_dir)


def index_path(journal: Journal) -> Path:
    path = cache_path(journal.root)
    assert path is not None
    return path


def read_index(path: Path) -> tuple[str, dict[str, list[Any]]]:
    """(root, {folder: [stored chunk, stored outline or None]}) of an index file."""
    data = path.read_bytes()
    header = len(index_module.MAGIC) + 2
    length = int.from_bytes(data[header : header + 4], "big")
    base = header + 8 + length
    root, table = marshal.loads(data[header + 8 : base])
    folders: dict[str, list[Any]] = {}
    for rel, (offset, size, _, outline_offset, outline_size, _) in table.items():
        chunk = marshal.loads(data[base + offset : base + offset + size])
        outline = None
        if outline_size:
            start = base + outline_offset
            outline = marshal.loads(data[start : start + outline_size])
        folders[rel] = [chunk, outline]
    return root, folders


def write_index(path: Path, root: Any, folders: dict[str, list[Any]], table: Any = None) -> None:
    """An index file holding exactly these stored forms, with sound CRCs around them."""
    body = b""
    places: dict[str, tuple[int, ...]] = {}
    for rel, (chunk, outline) in folders.items():
        raw = marshal.dumps(chunk)
        rest = marshal.dumps(outline) if outline is not None else b""
        offset = len(body)
        places[rel] = (
            offset,
            len(raw),
            binascii.crc32(raw),
            offset + len(raw),
            len(rest),
            binascii.crc32(rest),
        )
        body += raw + rest
    head = marshal.dumps((root, places if table is None else table))
    sizes = len(head).to_bytes(4, "big") + binascii.crc32(head).to_bytes(4, "big")
    path.write_bytes(
        index_module.MAGIC + index_module.VERSION.to_bytes(2, "big") + sizes + head + body
    )


def same(a: Snapshot, b: Snapshot) -> None:
    assert a.settings == b.settings
    assert a.mentors == b.mentors
    assert a.goals == b.goals
    assert a.sessions == b.sessions
    assert a.reflections == b.reflections
    assert sorted(map(str, a.problems)) == sorted(map(str, b.problems))


def uncached(root: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> Snapshot:
    with monkeypatch.context() as patch:
        patch.setenv("MENTORLOG_CACHE_DIR", "")
        return Journal(root).load(**options)


def session_folder(folders: dict[str, list[Any]]) -> str:
    return max(rel for rel in folders if rel.startswith("sessions/"))


def forge_entries(folders: dict[str, list[Any]], rel: str, kind: str, forgery: Forgery) -> None:
    """Put the forgery in place of every row of `kind` in folder `rel`'s chunk."""
    names, entries = folders[rel][0]
    changed = tuple(
        (*entry[:6], forgery(entry[6])) if entry[5] == kind else entry for entry in entries
    )
    assert changed != entries
    folders[rel][0] = (names, changed)


def replaced(position: int, value: Any) -> Forgery:
    return lambda row: (*row[:position], value, *row[position + 1 :])


def keyed(key: str, value: Any) -> Forgery:
    return lambda row: {**row, key: value}


def without(key: str) -> Forgery:
    return lambda row: {k: v for k, v in row.items() if k != key}


def assert_garbage_is_ignored(
    journal: Journal,
    monkeypatch: pytest.MonkeyPatch,
    run: Any,
    forge: Callable[[dict[str, Any]], Any],
) -> None:
    """Read through a forged index, as a full read and as `due` (which keeps summaries of old
    folders in the index): each gives what the files say, and the index is sound again
    afterwards."""
    path = index_path(journal)
    expected = run("due", "--json")
    assert expected.exit_code == 0, expected.stderr
    run("due", "--json")  # the second read makes the outlines a due read keeps
    forge_index(path, forge)
    for _ in range(2):
        warm = run("due", "--json")
        assert (warm.exit_code, warm.stdout, warm.stderr) == (0, expected.stdout, expected.stderr)

    journal.load()
    forge_index(path, forge)
    same(journal.load(), uncached(journal.root, monkeypatch))
    read_index(path)  # rebuilt, and readable
    same(journal.load(), uncached(journal.root, monkeypatch))


def forge_index(path: Path, forge: Callable[[dict[str, Any]], Any]) -> None:
    root, folders = read_index(path)
    table = forge(folders)
    write_index(path, root, folders, table)


SESSION_GARBAGE = [
    ("not a tuple", lambda row: list(row)),
    ("too short", lambda row: row[:-1]),
    ("too long", lambda row: (*row, None)),
    ("a text", lambda row: "x" * 11),
    ("id not a text", replaced(0, 7)),
    ("mentor missing", replaced(1, None)),
    ("date not a date", replaced(2, "2026-13-45")),
    ("date not a text", replaced(2, 20261123)),
    ("kind not a text", replaced(3, b"check-in")),
    ("topic a number", replaced(4, 1.5)),
    ("goals not a list", replaced(5, "goal")),
    ("a goal not a text", replaced(5, [None])),
    ("confidential not a bool", replaced(6, 1)),
    ("discussed a tuple", replaced(8, ("a",))),
    ("open actions not a tuple", replaced(9, [])),
    ("an open action too short", replaced(9, ((1, "call"),))),
    ("an open action done", replaced(9, ((1, "call", True, None, None),))),
    ("an open action dated badly", replaced(9, ((1, "call", False, "soon", None),))),
    ("packed not bytes", replaced(10, "x")),
    ("packed not marshal", replaced(10, b"\xff\x00garbage")),
    ("packed of the wrong shape", replaced(10, marshal.dumps((1, 2, 3)))),
    ("packed lesson tags", replaced(10, marshal.dumps(((), (("lesson", "tag"),))))),
]


@pytest.mark.parametrize(
    "forgery", [f for _, f in SESSION_GARBAGE], ids=[n for n, _ in SESSION_GARBAGE]
)
def test_a_session_row_of_any_wrong_shape_is_read_from_the_file(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, run: Any, forgery: Forgery
) -> None:
    def forge(folders: dict[str, list[Any]]) -> None:
        forge_entries(folders, session_folder(folders), "session", forgery)

    assert_garbage_is_ignored(journal, monkeypatch, run, forge)


RECORD_GARBAGE = [
    ("mentor", "missing a field", without("email")),
    ("mentor", "an unknown field", keyed("nickname", "x")),
    ("mentor", "a list", lambda row: list(row.values())),
    ("mentor", "cadence not a cadence", keyed("cadence", "often")),
    ("mentor", "tags not texts", keyed("tags", [1, 2])),
    ("mentor", "a question too short", keyed("questions", [["ask"]])),
    ("mentor", "a shared date not a date", keyed("shared", [["cv", "yesterday"]])),
    ("goal", "progress not dated", keyed("progress", [[None, "note"]])),
    ("goal", "independently not a bool", keyed("independently", "yes")),
    ("settings", "due within not a cadence", keyed("due_within", "7 days")),
    ("settings", "a cadence of an unknown unit", keyed("default_cadence", "4y")),
    ("settings", "schema version a text", keyed("schema_version", "1")),
]

FOLDER_OF = {"mentor": "mentors", "goal": "goals", "settings": ""}


@pytest.mark.parametrize(
    ("kind", "forgery"),
    [(k, f) for k, _, f in RECORD_GARBAGE],
    ids=[f"{k}: {n}" for k, n, _ in RECORD_GARBAGE],
)
def test_a_mentor_goal_or_settings_row_of_a_wrong_shape_is_read_from_the_file(
    journal: Journal,
    monkeypatch: pytest.MonkeyPatch,
    run: Any,
    kind: str,
    forgery: Forgery,
) -> None:
    def forge(folders: dict[str, list[Any]]) -> None:
        forge_entries(folders, FOLDER_OF[kind], kind, forgery)

    assert_garbage_is_ignored(journal, monkeypatch, run, forge)


def _entry(position: int, value: Any) -> Callable[[dict[str, list[Any]]], None]:
    def forge(folders: dict[str, list[Any]]) -> None:
        rel = session_folder(folders)
        names, entries = folders[rel][0]
        first = entries[0]
        folders[rel][0] = (
            names,
            ((*first[:position], value, *first[position + 1 :]), *entries[1:]),
        )

    return forge


def _chunk(value: Any) -> Callable[[dict[str, list[Any]]], None]:
    def forge(folders: dict[str, list[Any]]) -> None:
        folders[session_folder(folders)][0] = value

    return forge


def _outline(forgery: Forgery) -> Callable[[dict[str, list[Any]]], None]:
    def forge(folders: dict[str, list[Any]]) -> None:
        changed = False
        for stored in folders.values():
            if stored[1] is not None:
                stored[1] = forgery(stored[1])
                changed = True
        assert changed

    return forge


def _summary(forgery: Forgery) -> Forgery:
    return lambda outline: (*outline[:3], forgery(outline[3]) if outline[3] else outline[3])


INDEX_GARBAGE: list[tuple[str, Callable[[dict[str, list[Any]]], Any]]] = [
    ("table not a dict", lambda folders: [1, 2]),
    ("table place too short", lambda folders: {rel: (0, 1) for rel in folders}),
    ("table place not numbers", lambda folders: {rel: ("a",) * 6 for rel in folders}),
    ("chunk a number", _chunk(42)),
    ("chunk names and entries of two lengths", _chunk((("a.md",), ()))),
    ("chunk entries a list", _chunk(((), []))),
    ("entry name not its key", _entry(0, "other.md")),
    ("entry size a text", _entry(1, "12")),
    ("entry inode a float", _entry(4, 1.0)),
    ("entry of an unknown kind", _entry(5, "photo")),
    ("entry of another kind's row", _entry(6, ("a", "b", None, None))),
    ("outline a text", _outline(lambda outline: "outline")),
    ("outline listing a number", _outline(lambda outline: (1, *outline[1:]))),
    ("outline stamps a text", _outline(lambda outline: (*outline[:2], "stamps", outline[3]))),
    ("summary a number", _outline(_summary(lambda summary: 5))),
    ("summary too short", _outline(_summary(lambda summary: summary[:1]))),
    ("summary cutoff not a date", _outline(_summary(lambda s: ("soon", *s[1:])))),
    ("summary contact not a date", _outline(_summary(lambda s: (s[0], {"x": 5}, *s[2:])))),
    (
        "summary kept row of a wrong shape",
        _outline(_summary(lambda s: (*s[:3], (("x",),), s[4]) if len(s) == 5 else s)),
    ),
    (
        "summary problem of a wrong shape",
        _outline(_summary(lambda s: (*s[:-1], ((1, 2),)))),
    ),
    (
        "summary reflected not texts",
        _outline(_summary(lambda s: ((1, 2), s[1]) if len(s) == 2 else s)),
    ),
]


@pytest.mark.parametrize("forge", [f for _, f in INDEX_GARBAGE], ids=[n for n, _ in INDEX_GARBAGE])
def test_an_index_entry_table_or_outline_of_a_wrong_shape_is_ignored(
    journal: Journal,
    monkeypatch: pytest.MonkeyPatch,
    run: Any,
    forge: Callable[[dict[str, Any]], Any],
) -> None:
    assert_garbage_is_ignored(journal, monkeypatch, run, forge)


def test_due_through_a_forged_index_says_what_it_says_without_one(
    run: Any, example_dir: Path, tmp_path: Path
) -> None:
    age(example_dir)
    expected = run("due", "--json")
    assert expected.exit_code == 0, expected.stderr
    run("due", "--json")
    path = index_path(Journal(example_dir))
    root, folders = read_index(path)
    forge_entries(folders, session_folder(folders), "session", replaced(2, "not a day"))
    _outline(_summary(lambda s: ("soon", *s[1:])))(folders)
    write_index(path, root, folders)
    warm = run("due", "--json")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (0, expected.stdout, expected.stderr)
    shutil.rmtree(tmp_path / "cache")
    assert run("due", "--json").stdout == expected.stdout


GARBAGE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda inner: (
        st.lists(inner, max_size=12).map(tuple)
        | st.lists(inner, max_size=12)
        | st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=30,
)


@given(
    kind=st.sampled_from(["session", "reflection", "problem", "mentor", "goal", "settings", "x"]),
    stored=GARBAGE,
)
def test_a_stored_row_is_either_rebuilt_whole_or_refused(kind: str, stored: Any) -> None:
    """Nothing escapes the check that the index's one catch does not handle, and what passes
    has every named field of its kind."""
    try:
        row = checked(kind, stored)
    except index_module.UNUSABLE:
        return
    named = {"session": SessionRow, "reflection": ReflectionRow, "problem": ProblemRow}
    if kind in named:
        assert isinstance(row, named[kind])
    else:
        assert isinstance(row, dict)


@given(position=st.integers(min_value=0, max_value=len(SessionRow._fields) - 1), value=GARBAGE)
def test_a_session_row_with_any_field_replaced_is_rebuilt_or_refused(
    position: int, value: Any
) -> None:
    good = (
        "2026-01-02-ada",
        "ada",
        "2026-01-02",
        "check-in",
        None,
        [],
        True,
        None,
        [],
        (),
        b"",
    )
    stored = (*good[:position], value, *good[position + 1 :])
    try:
        row = checked("session", stored)
    except index_module.UNUSABLE:
        return
    assert row == SessionRow._make(stored)
