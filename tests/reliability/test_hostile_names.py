"""Hostile names and ids. Whatever a person types as a name, a title or an id (a path, a NUL,
a device name, a name longer than a file name may be, two spellings of the same name, right-to-
left marks and emoji), every file mentorlog writes stays inside the journal and no two records
share a file. Symbolic links inside the journal that lead out of it are never written through.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import file_bytes, temp_files

from conftest import examples
from mentorlog.domain.slugs import is_valid_id
from mentorlog.errors import InvalidFile, MentorlogError, UsageError
from mentorlog.journal.layout import LAYOUT
from mentorlog.journal.storage import Journal
from mentorlog.services import goals, journal, mentors

TODAY = date(2026, 11, 23)
HOSTILE = [
    "../x",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "a/b",
    ".",
    "..",
    "~",
    ".hidden",
    "a\x00b",
    "CON",
    "nul",
    "com1",
    "LPT9",
    "aux.txt",
    "x" * 300,
    "é" * 300,
    "Zoë Núñez",
    "Zoe\u0308 Nu\u0301n\u0303ez",  # the same name, decomposed
    "ZOË NÚÑEZ",
    "zoë núñez",
    "\u202eevil\u202c",
    "مرحبا",
    "שלום",
    "🙂🙃",
    "名前",
    "",
    "   ",
    "-",
    "--help",
    "a\nb",
    "a\tb",
    "\ufeffname",
]
names = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))


def _inside(root: Path, path: Path) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


@given(text=names, kind=st.sampled_from(sorted(LAYOUT)))
def test_a_path_for_any_id_is_refused_or_inside_the_journal(text: str, kind: str) -> None:
    root = Path(tempfile.gettempdir()) / "mentorlog-never-created"
    try:
        path = Journal(root).path_for(kind, text)
    except InvalidFile:
        assert not is_valid_id(text)
        return
    assert _inside(root, path)
    assert path.name.startswith(text) and "/" not in text and "\\" not in text


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(batch=st.lists(names, min_size=1, max_size=8))
def test_any_names_make_distinct_files_inside_the_journal(batch: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "journal"
        target = Journal(root)
        journal.init(target)
        made: list[str] = []
        for name in batch:
            try:
                made.append(
                    mentors.add(
                        target, TODAY, mentors.NewMentor(name=name), allow_same_name=True
                    ).id
                )
            except UsageError:
                continue
            try:
                made.append(goals.add(target, TODAY, goals.NewGoal(title=name)).id)
            except UsageError:
                continue
        files = [p for p in root.rglob("*") if p.is_file()]
        assert all(_inside(root, p) for p in files)
        records = [p for p in files if p.suffix == ".toml" and p.name != "mentorlog.toml"]
        assert len(records) == len(made)
        assert len({p.relative_to(root).as_posix().lower() for p in records}) == len(records)
        for record_id in made:
            assert is_valid_id(record_id)
            assert record_id == unicodedata.normalize("NFC", record_id).lower()
        assert temp_files(root) == []


def test_twins_in_case_and_unicode_form_are_the_same_mentor(run: Any, journal_dir: Path) -> None:
    assert run("mentor", "add", "Zoë Núñez").exit_code == 0
    for twin in ("Zoe\u0308 Nu\u0301n\u0303ez", "ZOË NÚÑEZ", "zoe nunez"):
        again = run("mentor", "add", twin)
        assert again.exit_code == 6, again.stderr
        assert "already has" in again.stderr
    assert run("mentor", "add", "ZOË NÚÑEZ", "--allow-same-name").exit_code == 0
    assert sorted(p.name for p in (journal_dir / "mentors").iterdir()) == [
        "zoe-nunez-2.toml",
        "zoe-nunez.toml",
    ]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_id_on_the_command_line_reads_and_writes_nothing_outside(
    run: Any, example_dir: Path, tmp_path: Path, text: str
) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text('name = "Outsider"\n')
    before = file_bytes(example_dir)
    for command in (
        ("mentor", "show", "--", text),
        ("mentor", "set", "--role", "x", "--", text),
        ("goal", "progress", "--", text, "x"),
        ("session", "show", "--", text),
        ("action", "done", "--", f"{text}#1"),
    ):
        result = run(*command)
        assert result.exit_code != 0, (command, result.stdout)
        assert "Outsider" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") <= 2, result.stderr
    assert outside.read_text() == 'name = "Outsider"\n'
    assert file_bytes(example_dir) == before


# --- symbolic links -----------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "keep.txt").write_text("not the journal's\n")
    return folder


def test_a_records_folder_that_links_outside_is_never_written_through(
    run: Any, journal_dir: Path, outside: Path
) -> None:
    assert run("init").exit_code == 0
    (journal_dir / "goals").rmdir()
    (journal_dir / "goals").symlink_to(outside, target_is_directory=True)
    result = run("goal", "add", "Escape the journal")
    assert result.exit_code == 8
    assert "outside the journal" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


def test_a_year_folder_that_links_outside_is_never_written_through(
    run: Any, example_dir: Path, outside: Path
) -> None:
    (example_dir / "sessions" / "2027").symlink_to(outside, target_is_directory=True)
    result = run("session", "new", "-m", "helen", "--date", "2026-11-20", "--no-edit")
    assert result.exit_code == 0  # 2026 is a real folder
    for command in (
        ("reflection", "new", "--date", "2026-11-20", "--no-edit"),
        ("goal", "add", "Fine"),
    ):
        run(*command)
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


def test_a_record_that_links_to_a_file_outside_is_never_modified_through_the_link(
    run: Any, example_dir: Path, outside: Path
) -> None:
    target = outside / "someone-else.toml"
    original = b'name = "Linked Person"\n# not the journal\'s file\n'
    target.write_bytes(original)
    (example_dir / "mentors" / "linked-person.toml").symlink_to(target)
    for command in (
        ("mentor", "set", "linked", "--role", "Changed"),
        ("mentor", "pause", "linked", "--until", "2027-01-01"),
        ("mentor", "rm", "linked", "--yes", "--force"),
    ):
        result = run(*command)
        assert "Traceback" not in result.stderr
        assert target.read_bytes() == original, command
    assert target.read_bytes() == original


def test_a_lock_file_that_links_outside_is_not_followed(
    run: Any, example_dir: Path, outside: Path
) -> None:
    (example_dir / ".mentorlog.lock").symlink_to(outside / "planted-lock")
    result = run("goal", "progress", "learn-to-delegate", "moved")
    assert not (outside / "planted-lock").exists()
    assert result.exit_code in (0, 8), result.stderr
    if result.exit_code:
        assert result.stderr.count("\n") == 1 and "lock file" in result.stderr


def test_a_recovery_folder_that_links_outside_never_receives_the_text(
    run: Any, example_dir: Path, outside: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example_dir / ".recovery").symlink_to(outside, target_is_directory=True)
    editor = tmp_path / "failing-editor"
    editor.write_text('#!/bin/sh\necho "SECRET-RECOVERY-TEXT" >> "$1"\nexit 3\n')
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    result = run("mentor", "edit", "helen")
    assert result.exit_code == 9
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert "Traceback" not in result.stderr
    # ... and the text is not lost: it is kept inside the journal, and doctor points at it.
    kept = list(example_dir.glob(".recovery-*"))
    assert len(kept) == 1 and "SECRET-RECOVERY-TEXT" in kept[0].read_text()
    assert kept[0].name in result.stderr
    doctor = run("doctor", "--json")
    assert doctor.stdout.strip(), doctor.stderr
    assert any(p["path"] == kept[0].name and "editor" in p["problem"] for p in doctor.json()), (
        doctor.stdout
    )


def test_hostile_input_never_escapes_through_service_errors() -> None:
    """Every failure below the CLI is one of ours, with a message, never an OSError."""
    with tempfile.TemporaryDirectory() as folder:
        target = Journal(Path(folder) / "journal")
        journal.init(target)
        for text in HOSTILE:
            try:
                mentors.find(target, text)
            except MentorlogError as exc:
                assert exc.message
