"""Feedback through the index: `feedback/` files are stat-ed and looked up like every other
record, parsed and validated only when new or changed, and whatever happens to a file or to
the index, `brief`, `review` and `feedback list` give what a read of the files gives. A warm
`due` never looks at the folder."""

from __future__ import annotations

import marshal
import os
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.growth import Feedback
from mentorlog.domain.rows import checked
from mentorlog.errors import StorageError
from mentorlog.journal import feedback, schema
from mentorlog.journal import index as index_module
from mentorlog.journal.layout import cache_path
from mentorlog.journal.storage import Journal
from test_index_shapes import read_index, write_index

HOUR = 3600
MEMOS = "feedback/my-memos-bury-the-ask.toml"
FREEZE = "feedback/i-freeze-on-council-questions-i-did-not-prepare-for.toml"


def age(path: Path, seconds: int = HOUR) -> None:
    then = time.time() - seconds
    for each in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(each, (then, then), follow_symlinks=False)


class Parses:
    """Counts the feedback files validated (not served from the index)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        original = schema.feedback

        def counting(record_id: str, data: dict[str, Any], path: str, source: str = "") -> Any:
            self.files.append(path)
            return original(record_id, data, path, source)

        monkeypatch.setattr(schema, "feedback", counting)

    def during(self, journal: Journal) -> tuple[list[Feedback], list[str], list[str]]:
        """(items, problems as text, files validated) of one read of the folder."""
        self.files = []
        items, problems = feedback.load(journal)
        return items, [str(p) for p in problems], sorted(self.files)


@pytest.fixture
def journal(example_dir: Path) -> Journal:
    age(example_dir)
    return Journal(example_dir)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


def uncached(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Feedback], list[str]]:
    with monkeypatch.context() as patch:
        patch.setenv("MENTORLOG_CACHE_DIR", "")
        items, problems = feedback.load(journal)
    return items, [str(p) for p in problems]


def index_file(journal: Journal) -> Path:
    path = cache_path(journal.root)
    assert path is not None
    return path


# --- warm reads parse nothing ----------------------------------------------------------------


def test_a_second_read_validates_nothing_and_gives_the_same_items(
    journal: Journal, parses: Parses
) -> None:
    first, problems, parsed = parses.during(journal)
    assert parsed == [FREEZE, MEMOS]
    second, problems_again, parsed_again = parses.during(journal)
    assert parsed_again == []
    assert (second, problems_again) == (first, problems)
    assert [i.id for i in second] == ["my-memos-bury-the-ask", FREEZE[9:-5]]
    assert second[0].skills == ["writing"] and second[0].added == date(2026, 7, 1)


def test_the_first_read_that_builds_the_index_indexes_feedback_too(
    journal: Journal, parses: Parses
) -> None:
    """The read that parses every file anyway (here `due`'s) leaves nothing for `brief`."""
    journal.load(summarise_before=date(2026, 10, 1))
    _, _, parsed = parses.during(journal)
    assert parsed == []


def test_a_warm_due_never_looks_at_the_feedback_folder(
    journal: Journal, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("due").exit_code == 0
    walked: list[Path] = []
    monkeypatch.setattr(feedback, "_walk", lambda index, root: walked.append(root))
    (journal.root / "feedback" / "broken.toml").write_text("text = \n")
    due = run("due")
    assert due.exit_code == 0 and "broken" not in due.stderr
    assert walked == []


def test_a_read_of_some_kinds_does_not_index_feedback(journal: Journal, parses: Parses) -> None:
    journal.load(kinds=("mentor",))
    _, _, parsed = parses.during(journal)
    assert parsed == [FREEZE, MEMOS]


def test_warm_reads_of_everything_keep_the_feedback_chunk_and_rewrite_nothing(
    journal: Journal, parses: Parses, run: Any
) -> None:
    assert run("due").exit_code == 0
    assert run("brief", "ruth").exit_code == 0
    before = index_file(journal).stat()
    for args in (("due",), ("brief", "ruth"), ("review",), ("feedback", "list"), ("team",)):
        assert run(*args).exit_code == 0, args
    after = index_file(journal).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert parses.during(journal)[2] == []


# --- changes to the files are seen at once ---------------------------------------------------


def test_an_edit_by_hand_is_seen(journal: Journal, parses: Parses) -> None:
    feedback.load(journal)
    path = journal.root / MEMOS
    path.write_text(path.read_text().replace("mid-year review", "annual review"))
    age(path)
    items, _, parsed = parses.during(journal)
    assert parsed == [MEMOS]
    assert [i.source for i in items if i.id == "my-memos-bury-the-ask"] == ["annual review"]


def test_the_same_size_with_the_mtime_restored_is_seen(journal: Journal, parses: Parses) -> None:
    feedback.load(journal)
    path = journal.root / MEMOS
    before = path.stat()
    path.write_text(path.read_text().replace('["writing"]', '["reading"]'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    items, _, parsed = parses.during(journal)
    assert parsed == [MEMOS]
    assert [i.skills for i in items if i.id == "my-memos-bury-the-ask"] == [["reading"]]


def test_an_added_file_is_seen_and_a_removed_one_is_gone(journal: Journal, parses: Parses) -> None:
    feedback.load(journal)
    added = journal.root / "feedback" / "say-no-sooner.toml"
    added.write_text('text = "Say no sooner"\nadded = 2026-11-01\n')
    age(added)
    (journal.root / MEMOS).unlink()
    items, _, parsed = parses.during(journal)
    assert parsed == ["feedback/say-no-sooner.toml"]
    assert sorted(i.id for i in items) == [FREEZE[9:-5], "say-no-sooner"]
    again, _, parsed = parses.during(journal)
    assert (again, parsed) == (items, [])


def test_a_file_changed_seconds_ago_is_read_until_it_settles(
    journal: Journal, parses: Parses
) -> None:
    feedback.load(journal)
    path = journal.root / MEMOS
    path.write_text(path.read_text() + "done = 2026-11-02\n")
    for _ in range(2):
        items, _, parsed = parses.during(journal)
        assert parsed == [MEMOS]
        assert [i.done for i in items if i.id == "my-memos-bury-the-ask"] == [date(2026, 11, 2)]


def test_a_broken_file_is_reported_from_the_index_too_and_fixing_it_is_seen(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = journal.root / MEMOS
    good = path.read_text()
    path.write_text(good.replace("added = 2026-07-01", 'added = "soon"'))
    age(path)
    cold = uncached(journal, monkeypatch)
    assert any(p.startswith(f"{MEMOS}:4") for p in cold[1])
    assert parses.during(journal)[:2] == cold
    items, problems, parsed = parses.during(journal)
    assert ((items, problems), parsed) == (cold, [])
    path.write_text(good)
    age(path)
    items, problems, parsed = parses.during(journal)
    assert parsed == [MEMOS] and problems == []
    assert len(items) == 2


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path, outside: path.symlink_to(outside), "a symbolic link"),
        (lambda path, outside: os.mkfifo(path), "a named pipe (FIFO)"),
        (lambda path, outside: path.mkdir(), "a folder"),
    ],
    ids=["link", "fifo", "folder"],
)
def test_a_file_that_is_not_a_regular_file_is_never_opened_warm_or_cold(
    journal: Journal, parses: Parses, tmp_path: Path, make: Any, said: str
) -> None:
    outside = tmp_path / "secret.toml"
    outside.write_text('text = "not yours"\n')
    path = journal.root / "feedback" / "odd.toml"
    make(path, outside)
    age(path)
    for _ in range(2):
        items, problems, _ = parses.during(journal)
        assert "not yours" not in [i.text for i in items] and len(items) == 2
        assert [p for p in problems if p.startswith("feedback/odd.toml")] == [
            f"feedback/odd.toml: is {said}; mentorlog reads only regular files "
            "(replace it with a regular file, or move it out of the journal)"
        ]


def test_a_linked_feedback_folder_is_not_read(
    journal: Journal, tmp_path: Path, parses: Parses
) -> None:
    outside = tmp_path / "elsewhere"
    (journal.root / "feedback").rename(outside)
    (journal.root / "feedback").symlink_to(outside)
    items, problems, parsed = parses.during(journal)
    assert (items, parsed) == ([], [])
    assert len(problems) == 1 and problems[0].startswith("feedback")


def test_a_file_the_system_refused_to_read_is_tried_again(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = {"times": 1}
    original = feedback.read_bytes

    def flaky(path: Any, rel: str) -> bytes:
        if rel == MEMOS and refused["times"]:
            refused["times"] -= 1
            raise StorageError(f"could not read {rel}: Input/output error", "check the disk")
        return original(path, rel)

    monkeypatch.setattr(feedback, "read_bytes", flaky)
    items, problems, _ = parses.during(journal)
    assert [i.id for i in items] == [FREEZE[9:-5]] and MEMOS in problems[0]
    items, problems, parsed = parses.during(journal)
    assert parsed == [MEMOS] and problems == [] and len(items) == 2


# --- a forged, damaged or old index is read from the files ------------------------------------


def test_a_row_of_another_file_is_not_served(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(journal, monkeypatch)
    real = Feedback.to_row
    with monkeypatch.context() as patch:
        patch.setattr(Feedback, "to_row", lambda self: real(self)._replace(id="someone-else"))
        feedback.load(journal)
    items, problems, parsed = parses.during(journal)
    assert (items, problems) == expected
    assert parsed == [FREEZE, MEMOS]
    assert parses.during(journal)[2] == []


FORGERIES = [
    ("a row too short", lambda row: row[:3]),
    ("a date not a date", lambda row: (*row[:4], "soon", row[5])),
    ("skills not texts", lambda row: (*row[:3], [1, 2], *row[4:])),
    ("text not a text", lambda row: (row[0], None, *row[2:])),
    ("a list for a tuple", list),
]


@pytest.mark.parametrize("forgery", [f for _, f in FORGERIES], ids=[n for n, _ in FORGERIES])
def test_a_forged_row_is_read_from_the_file(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch, forgery: Any
) -> None:
    expected = uncached(journal, monkeypatch)
    feedback.load(journal)
    path = index_file(journal)
    root, folders = read_index(path)
    names, entries = folders["feedback"][0]
    folders["feedback"][0] = (names, tuple((*e[:6], forgery(e[6])) for e in entries))
    write_index(path, root, folders)
    items, problems, parsed = parses.during(journal)
    assert (items, problems) == expected
    assert parsed == [FREEZE, MEMOS]
    assert parses.during(journal)[2] == []


def test_a_problem_row_forged_for_a_good_file_is_not_served(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(journal, monkeypatch)
    feedback.load(journal)
    path = index_file(journal)
    root, folders = read_index(path)
    names, entries = folders["feedback"][0]
    forged = tuple((*e[:5], "problem", ("feedback/x.toml", "is broken", 1, None)) for e in entries)
    folders["feedback"][0] = (names, forged)
    write_index(path, root, folders)
    assert parses.during(journal)[:2] == expected


def test_an_index_of_the_version_before_is_read_from_the_files(
    journal: Journal, parses: Parses
) -> None:
    expected = parses.during(journal)[:2]
    path = index_file(journal)
    data = path.read_bytes()
    header = index_module.MAGIC + index_module.VERSION.to_bytes(2, "big")
    old = index_module.MAGIC + (index_module.VERSION - 1).to_bytes(2, "big")
    path.write_bytes(old + data[len(header) :])
    items, problems, parsed = parses.during(journal)
    assert (items, problems) == expected
    assert parsed == [FREEZE, MEMOS]


def test_a_damaged_feedback_chunk_is_read_from_the_files(journal: Journal, parses: Parses) -> None:
    expected = parses.during(journal)[:2]
    path = index_file(journal)
    root, folders = read_index(path)
    folders["feedback"][0] = "not a chunk"
    write_index(path, root, folders)
    items, problems, parsed = parses.during(journal)
    assert ((items, problems), parsed) == (expected, [FREEZE, MEMOS])


# --- the row ---------------------------------------------------------------------------------

days = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(
    text=st.text(),
    source=st.none() | st.text(),
    skills=st.lists(st.text(), max_size=4),
    added=days,
    done=days,
)
def test_an_item_comes_back_from_its_stored_row_unchanged(
    text: str, source: str | None, skills: list[str], added: date | None, done: date | None
) -> None:
    item = Feedback("an-id", text, source, skills, added, done)
    stored = marshal.loads(marshal.dumps(tuple(item.to_row())))
    assert Feedback.from_row(checked("feedback", stored)) == item
