"""Injected I/O faults: every step of the write path fails in turn, the way SQLite's test
harness fails each system call. Whatever step fails, the file on disk is the old one, byte for
byte, no temporary file is left behind, and the command says so in one line.

The one step that fails *after* the new text is in place is the folder fsync: the rename already
happened, so the change is visible, but whether it would survive a power cut is unknown. That
must not be reported as "nothing was changed", and must not be swallowed either.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_support import file_bytes, make_private, temp_files

ERRORS = {errno.ENOSPC: "No space left on device", errno.EIO: "Input/output error"}

# Each command changes (or creates) exactly one record in the example journal.
REWRITES = {
    "mentor set": (
        ["mentor", "set", "helen", "--role", "Chief of Operations"],
        "mentors/helen-achterberg.toml",
    ),
    "goal progress": (
        ["goal", "progress", "learn-to-delegate", "Handed off the roster"],
        "goals/learn-to-delegate.toml",
    ),
    "mentor pause": (
        ["mentor", "pause", "marcus", "--until", "2027-01-10"],
        "mentors/marcus-oyelaran.toml",
    ),
}
CREATES = {
    "mentor add": (["mentor", "add", "Ada Quist"], "mentors/ada-quist.toml"),
    "goal add": (["goal", "add", "Run a budget workshop"], "goals/run-a-budget-workshop.toml"),
    "session new": (
        ["session", "new", "-m", "helen", "--notes", "We talked about rosters.", "--no-edit"],
        "sessions/2026/2026-11-23-helen-achterberg.md",
    ),
}


def _is_dir_fd(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


class Fault:
    """Replace one os function so that it fails with `code` on the calls `applies` picks.
    `remove()` puts the real one back (monkeypatch.undo would also undo the test's env)."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.fired = 0
        self.replaced: list[tuple[str, Any]] = []

    def install(self, name: str, applies: Callable[..., bool]) -> None:
        real = getattr(os, name)

        def failing(*args: Any, **kwargs: Any) -> Any:
            if applies(*args, **kwargs):
                self.fired += 1
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)

        self.replaced.append((name, real))
        setattr(os, name, failing)

    def remove(self) -> None:
        while self.replaced:
            name, real = self.replaced.pop()
            setattr(os, name, real)


@pytest.fixture
def fault_factory() -> Iterator[Callable[[int], Fault]]:
    made: list[Fault] = []

    def make(code: int) -> Fault:
        made.append(Fault(code))
        return made[-1]

    yield make
    for fault in made:
        fault.remove()


def _always(*_args: Any, **_kwargs: Any) -> bool:
    return True


# The steps of fsutil.write_atomic, in order, each with how to pick out its calls.
STEPS_BEFORE_RENAME: dict[str, tuple[str, Callable[..., bool]]] = {
    "create temp": ("open", lambda _path, flags, *a, **k: bool(flags & os.O_EXCL)),
    "write": ("write", _always),
    "fsync file": ("fsync", lambda fd: not _is_dir_fd(fd)),
    "rename": ("replace", _always),
}
STEPS_BEFORE_LINK: dict[str, tuple[str, Callable[..., bool]]] = {
    "create temp": STEPS_BEFORE_RENAME["create temp"],
    "write": ("write", _always),
    "fsync file": STEPS_BEFORE_RENAME["fsync file"],
    "link": ("link", _always),
}
FOLDER_FSYNC = ("fsync", lambda fd: _is_dir_fd(fd))


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # The index cache is written through the same code; with it off, every write we break is
    # a journal write (the cache's own failures are tested separately below).
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")


def _assert_one_clear_line(stderr: str, reason: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("mentorlog: "), stderr
    assert reason in lines[0], stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("code", sorted(ERRORS))
@pytest.mark.parametrize("step", sorted(STEPS_BEFORE_RENAME))
@pytest.mark.parametrize("command", sorted(REWRITES))
def test_a_failed_rewrite_leaves_the_file_byte_identical_and_no_temp_file(
    run: Any,
    example_dir: Path,
    no_cache: None,
    fault_factory: Callable[[int], Fault],
    command: str,
    step: str,
    code: int,
) -> None:
    args, rel = REWRITES[command]
    before = file_bytes(example_dir)
    fault = fault_factory(code)
    fault.install(*STEPS_BEFORE_RENAME[step])

    result = run(*args)
    fault.remove()

    assert fault.fired, f"the {step} step was never reached"
    assert result.exit_code == 8
    line = _assert_one_clear_line(result.stderr, ERRORS[code])
    assert rel in line and "nothing was changed" in line
    assert file_bytes(example_dir) == before
    assert temp_files(example_dir) == []


@pytest.mark.parametrize("code", sorted(ERRORS))
@pytest.mark.parametrize("step", sorted(STEPS_BEFORE_LINK))
@pytest.mark.parametrize("command", sorted(CREATES))
def test_a_failed_create_leaves_no_file_at_all(
    run: Any,
    example_dir: Path,
    no_cache: None,
    fault_factory: Callable[[int], Fault],
    command: str,
    step: str,
    code: int,
) -> None:
    args, rel = CREATES[command]
    before = file_bytes(example_dir)
    fault = fault_factory(code)
    fault.install(*STEPS_BEFORE_LINK[step])

    result = run(*args)
    fault.remove()

    assert fault.fired, f"the {step} step was never reached"
    assert result.exit_code == 8
    line = _assert_one_clear_line(result.stderr, ERRORS[code])
    assert rel in line
    assert not (example_dir / rel).exists()
    assert file_bytes(example_dir) == before
    assert temp_files(example_dir) == []


@pytest.mark.parametrize("command", sorted(REWRITES) + sorted(CREATES))
def test_a_failed_folder_fsync_reports_that_the_change_is_in_place_but_not_known_durable(
    run: Any,
    example_dir: Path,
    no_cache: None,
    fault_factory: Callable[[int], Fault],
    command: str,
) -> None:
    """After the rename the new text is what every reader sees; claiming "nothing was changed"
    would make the person redo it. Saying nothing would hide a failing disk. So: an error (the
    command did not fully succeed) that says the change is in place."""
    args, rel = {**REWRITES, **CREATES}[command]
    before = file_bytes(example_dir)
    fault = fault_factory(errno.EIO)
    fault.install(*FOLDER_FSYNC)

    result = run(*args)
    fault.remove()

    assert fault.fired
    assert result.exit_code == 8
    line = _assert_one_clear_line(result.stderr, ERRORS[errno.EIO])
    assert rel in line
    assert "is in place" in line and "nothing was changed" not in line
    assert (example_dir / rel).read_bytes() != before.get(rel)
    assert temp_files(example_dir) == []
    make_private(example_dir)
    assert run("doctor").exit_code == 0


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP])
def test_a_folder_that_cannot_be_fsynced_at_all_is_not_an_error(
    run: Any, example_dir: Path, no_cache: None, fault_factory: Callable[[int], Fault], code: int
) -> None:
    """Some file systems (and some network mounts) refuse fsync on folders by design."""
    fault = fault_factory(code)
    fault.install(*FOLDER_FSYNC)
    result = run("goal", "progress", "learn-to-delegate", "Handed off the roster")
    fault.remove()
    assert fault.fired
    assert result.exit_code == 0, result.stderr
    assert "Handed off the roster" in (example_dir / "goals/learn-to-delegate.toml").read_text()


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_a_failed_delete_keeps_the_file(
    run: Any, example_dir: Path, no_cache: None, fault_factory: Callable[[int], Fault], code: int
) -> None:
    before = file_bytes(example_dir)
    fault = fault_factory(code)
    fault.install("unlink", lambda path, *a, **k: str(path).endswith("learn-to-delegate.toml"))
    result = run("goal", "rm", "learn-to-delegate", "--yes")
    fault.remove()
    assert fault.fired
    assert result.exit_code == 8
    _assert_one_clear_line(result.stderr, ERRORS[code])
    assert file_bytes(example_dir) == before


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_a_cache_that_cannot_be_written_never_fails_a_command(
    run: Any, example_dir: Path, tmp_path: Path, fault_factory: Callable[[int], Fault], code: int
) -> None:
    """The index is only a cache: a full disk there must not stop anyone reading their notes."""
    cache = tmp_path / "cache"
    fault = fault_factory(code)
    fault.install("write", _always)
    result = run("mentor", "list", "--json")
    fault.remove()
    assert fault.fired
    assert result.exit_code == 0, result.stderr
    assert len(result.json()) >= 4
    assert not cache.exists() or temp_files(cache) == []


def test_a_lock_file_that_cannot_be_created_is_one_clear_line(
    run: Any, example_dir: Path, no_cache: None, fault_factory: Callable[[int], Fault]
) -> None:
    before = file_bytes(example_dir)
    fault = fault_factory(errno.EACCES)
    fault.install("open", lambda path, *a, **k: str(path).endswith(".mentorlog.lock"))
    result = run("goal", "progress", "learn-to-delegate", "Handed off the roster")
    fault.remove()
    assert result.exit_code == 8
    _assert_one_clear_line(result.stderr, "lock file")
    assert file_bytes(example_dir) == before
