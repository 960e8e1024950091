"""Text piped to a command that takes free text is its text: never silently dropped, checked
as editor text is, and never waited for when the command does not need it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mentorlog.journal.frontmatter import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
TODAYS_TOMAS = Path("sessions/2026/2026-11-23-tomas-lindqvist.md")


def env_for(journal: Path, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EDITOR", "VISUAL"))}
    env.update(PYTHONPATH=str(ROOT / "src"), MENTORLOG_DIR=str(journal))
    env.update(MENTORLOG_CACHE_DIR=str(tmp_path / "cache"))
    return env


def mentorlog(
    args: list[str], env: dict[str, str], stdin: bytes | int | None
) -> subprocess.CompletedProcess[str]:
    piped = isinstance(stdin, bytes)
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        env=env,
        input=stdin if piped else None,
        stdin=None if piped else stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def reflections(root: Path) -> set[Path]:
    return set((root / "reflections").rglob("*.md"))


# --- piped text is the notes ----------------------------------------------------------------------


@pytest.mark.parametrize("extra", [[], ["--json"], ["-a", "Call Carla"]])
def test_piped_notes_are_recorded_through_a_real_pipe(
    example_dir: Path, tmp_path: Path, extra: list[str]
) -> None:
    # A real process, so the lean start-up path is covered too.
    result = mentorlog(
        ["session", "new", "-m", "tomas", *extra], env_for(example_dir, tmp_path), b"Timed it.\n"
    )
    assert result.returncode == 0, result.stderr
    assert "## Notes\nTimed it.\n" in (example_dir / TODAYS_TOMAS).read_text("utf-8")


def test_piped_text_is_a_reflection(run: Any, example_dir: Path) -> None:
    before = reflections(example_dir)
    result = run("reflect", "-m", "tomas", stdin="What I heard: slow down.\n")
    assert result.exit_code == 0, result.stderr
    (new,) = reflections(example_dir) - before
    assert "What I heard: slow down." in new.read_text("utf-8")
    result = run("reflection", "new", "-m", "tomas", stdin="Second thought.\n")
    assert result.exit_code == 0, result.stderr


def test_the_notes_flag_wins_and_stdin_is_left_alone(run: Any, example_dir: Path) -> None:
    result = run("session", "new", "-m", "tomas", "-n", "From the flag.", stdin="From stdin.")
    assert result.exit_code == 0, result.stderr
    body = (example_dir / TODAYS_TOMAS).read_text("utf-8")
    assert "From the flag." in body and "From stdin." not in body


@pytest.mark.parametrize(
    "command",
    [
        ["session", "new", "-m", "tomas", "--edit"],
        ["reflect", "-m", "tomas", "--edit"],
    ],
)
def test_piped_text_with_edit_is_refused_and_nothing_written(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    before = sorted(p for p in example_dir.rglob("*") if p.is_file())
    result = run(*command, stdin="Piped notes.\n")
    assert result.exit_code == 2
    assert "--edit" in result.stderr and "piped" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p for p in example_dir.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize(
    "payload",
    [
        "café".encode("latin-1"),
        b"notes\x00more",
        "notes".encode("utf-16"),
        b"x" * (MAX_FILE_BYTES + 1),
    ],
    ids=["latin-1", "nul", "utf-16", "oversize"],
)
@pytest.mark.parametrize(
    "command", [["session", "new", "-m", "tomas"], ["session", "new", "-m", "tomas", "-n", "-"]]
)
def test_piped_bytes_that_are_not_text_are_refused_and_nothing_written(
    example_dir: Path, tmp_path: Path, payload: bytes, command: list[str]
) -> None:
    result = mentorlog(command, env_for(example_dir, tmp_path), payload)
    assert result.returncode == 5, result.stderr
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (example_dir / TODAYS_TOMAS).exists()


# --- no text piped: today's behaviour -----------------------------------------------------------


def test_empty_stdin_records_a_session_without_notes_as_before(
    example_dir: Path, tmp_path: Path
) -> None:
    result = mentorlog(
        ["session", "new", "-m", "tomas"], env_for(example_dir, tmp_path), subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    assert "## Notes" not in (example_dir / TODAYS_TOMAS).read_text("utf-8")


def test_empty_stdin_still_asks_a_reflection_for_text(example_dir: Path, tmp_path: Path) -> None:
    result = mentorlog(["reflect", "-m", "tomas"], env_for(example_dir, tmp_path), b"")
    assert result.returncode == 2
    assert b"needs some text" in result.stderr


@pytest.mark.parametrize(
    "command", [["session", "new", "-m", "tomas", "-n", "Given."], ["mentor", "list"], ["due"]]
)
def test_an_open_pipe_nobody_writes_to_is_not_waited_for(
    example_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    read_end, write_end = os.pipe()  # kept open and never written: like an inherited pipe
    try:
        result = mentorlog(command, env_for(example_dir, tmp_path), read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert result.returncode == 0, result.stderr
