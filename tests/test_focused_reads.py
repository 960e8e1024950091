"""The read commands about one mentor or a summary of everyone (`brief`, `timeline`, `team`,
`action list`, `doctor`) read less than the whole journal: only the rows they show, from the index. Each
must print exactly what a full read prints, cold or warm, and after files change on disk."""

from __future__ import annotations

import marshal
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorlog.domain.rows import sessions_with
from mentorlog.journal.layout import cache_path
from mentorlog.journal.storage import Journal
from test_index_shapes import forge_entries, read_index, replaced, write_index

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate

MENTORS = 5
SESSIONS = 160


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate.generate(out, SESSIONS, MENTORS, seed=7)
    return out / "journal"


@pytest.fixture
def journal_root(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import shutil

    root = tmp_path / "generated"
    shutil.copytree(generated, root)
    generate.settle(root)
    monkeypatch.setenv("MENTORLOG_DIR", str(root))
    return root


def mentor_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / "mentors").glob("*.toml"))


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> Callable[[], Iterator[None]]:
    """Within it, every read is the full one: every session with every detail."""
    from contextlib import contextmanager

    original = Journal.load

    def full(self: Journal, *args: Any, **kwargs: Any) -> Any:
        kwargs["details"] = True
        kwargs["wanted"] = None
        return original(self, *args, **kwargs)

    @contextmanager
    def inside() -> Iterator[None]:
        with monkeypatch.context() as patch:
            patch.setattr(Journal, "load", full)
            yield

    return inside


def commands(root: Path) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [
        ("team",),
        ("team", "--json"),
        ("team", "--as-of", "2025-06-30", "--json"),
        ("action", "list"),
        ("action", "list", "--json"),
        ("action", "list", "--all", "--json"),
        ("doctor",),
        ("doctor", "--json"),
    ]
    for mentor in mentor_ids(root):
        found += [
            ("brief", mentor),
            ("brief", mentor, "--json"),
            ("brief", mentor, "--markdown"),
            ("brief", mentor, "--as-of", "2025-06-30", "--json"),
            ("timeline", mentor, "--json"),
            ("timeline", mentor),
            ("action", "list", "--mentor", mentor, "--json"),
        ]
    return found


def same_both_ways(run: Any, full_reads: Callable[[], Any], root: Path) -> int:
    """Run every command the focused way, then the full way; return how many were compared."""
    compared = 0
    for args in commands(root):
        focused = run(*args)
        with full_reads():
            full = run(*args)
        assert focused.exit_code == full.exit_code, (args, focused.stderr)
        assert focused.exit_code == 0 or args[0] == "doctor", (args, focused.stderr)
        assert focused.stdout == full.stdout, args
        assert focused.stderr == full.stderr, args
        compared += 1
    return compared


def test_cold_and_warm_reads_print_what_a_full_read_prints(
    run: Any, full_reads: Callable[[], Any], journal_root: Path
) -> None:
    # Cold: the first command finds no index; the rest find it warm.
    assert same_both_ways(run, full_reads, journal_root) == 8 + 7 * MENTORS
    assert same_both_ways(run, full_reads, journal_root) == 8 + 7 * MENTORS


def test_files_changed_after_the_index_was_made_are_read_again(
    run: Any, full_reads: Callable[[], Any], journal_root: Path
) -> None:
    """A session moved to another mentor, one deleted, one broken, one new: the focused read
    sees each change as a full read does, and warns about the broken file the same way."""
    ids = mentor_ids(journal_root)
    assert run("team").exit_code == 0  # the index is warm now
    sessions = sorted((journal_root / "sessions").glob("*/*.md"))
    moved, deleted, broken = sessions[-1], sessions[-2], sessions[-3]
    text = moved.read_text(encoding="utf-8")
    owner = next(m for m in ids if f'mentor = "{m}"' in text)
    other = next(m for m in ids if m != owner)
    moved.write_text(text.replace(f'mentor = "{owner}"', f'mentor = "{other}"'), "utf-8")
    deleted.unlink()
    broken.write_text("+++\nmentor = \n+++\n", encoding="utf-8")
    past = time.time() - 3600
    for path in (moved, broken):
        os.utime(path, (past, past))
    assert "(skipped)" in run("brief", other).stderr
    assert broken.name in run("doctor").stdout
    same_both_ways(run, full_reads, journal_root)


def test_a_brief_shows_a_session_moved_to_its_mentor(run: Any, journal_root: Path) -> None:
    ids = mentor_ids(journal_root)
    assert run("brief", ids[0], "--json").exit_code == 0
    path = next(
        p
        for p in sorted((journal_root / "sessions").glob("*/*.md"))
        if f'mentor = "{ids[1]}"' in p.read_text(encoding="utf-8")
    )
    before = run("brief", ids[0], "--json").json()["sessions"]
    text = path.read_text(encoding="utf-8").replace(f'mentor = "{ids[1]}"', f'mentor = "{ids[0]}"')
    path.write_text(text, encoding="utf-8")
    assert run("brief", ids[0], "--json").json()["sessions"] == before + 1


@pytest.mark.parametrize(
    ("kind", "row", "wanted"),
    [
        ("session", ("2026-01-05-ada", "ada", "2026-01-05", *[None] * 10), True),
        ("session", ("2026-01-05-ben", "ben", "2026-01-05", *[None] * 10), False),
        ("session", ("2026-01-05-ben", "ben", "2026-01-05"), True),  # too short to be a row
        ("session", ("2026-01-05-ben", 7, "2026-01-05", *[None] * 10), True),
        ("session", ("x",), True),  # not a row: wanted, so that checking it makes it a miss
        ("session", {"mentor": "ben"}, True),
        ("session", None, True),
        ("mentor", {"id": "ben"}, True),
        ("goal", {"id": "g"}, True),
        ("reflection", ("r", "2026-01-05", None, "ben"), True),
        ("problem", ("sessions/2026/x.md", "is broken", 1, None), True),
    ],
)
def test_a_read_about_one_mentor_wants_all_but_the_others_sessions(
    kind: str, row: Any, wanted: bool
) -> None:
    assert sessions_with("ada")(kind, row) is wanted


@pytest.mark.parametrize(
    "forgery",
    [
        replaced(10, b"\xff\x00garbage"),
        replaced(10, marshal.dumps((1, 2, 3))),
        replaced(10, marshal.dumps(((), (("lesson", "tag"),), ()))),
        replaced(1, 7),
    ],
    ids=["packed not marshal", "packed of the wrong shape", "packed lesson tags", "mentor"],
)
def test_a_focused_read_through_a_forged_index_prints_what_the_files_say(
    run: Any, journal_root: Path, forgery: Any
) -> None:
    """Rows are checked as they are used, and a session's packed details as they are
    unpacked: a row of the wrong shape, even behind sound checksums, is read from its file."""
    mentor = mentor_ids(journal_root)[0]
    args_list = [
        ("brief", mentor, "--json"),
        ("timeline", mentor, "--json"),
        ("lessons",),
        ("team", "--json"),
        ("doctor", "--json"),
    ]
    expected = [run(*args) for args in args_list]
    path = cache_path(journal_root)
    assert path is not None
    for folder in range(2):
        root, folders = read_index(path)
        for rel in [r for r in folders if r.startswith("sessions/")]:
            forge_entries(folders, rel, "session", forgery)
        write_index(path, root, folders)
        for args, before in zip(args_list, expected, strict=True):
            after = run(*args)
            assert (after.exit_code, after.stdout, after.stderr) == (
                before.exit_code,
                before.stdout,
                before.stderr,
            ), (folder, args)
