"""A command that changes several files changes all of them or none. A failure part-way puts
back what was already changed, so a retry finds nothing done and makes no duplicate; a crash
part-way is undone by the next command that changes the journal, or by `doctor`."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from reliability_support import file_bytes, temp_files

from mentorlog.journal import files as fsutil
from mentorlog.journal.layout import PENDING_FILE

DISCUSSED = [
    "session",
    "new",
    "-m",
    "ruth",
    "--notes",
    "Talked it through.",
    "--discussed",
    "1",
    "--no-edit",
]


@pytest.fixture
def ruth_has_a_question(run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
    assert run("ask", "ruth", "How do I say no to the deputy?").exit_code == 0
    return example_dir


def _sessions(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "sessions" / "2026").iterdir())


def _fail_on(
    monkeypatch: pytest.MonkeyPatch, name: str, nth: int, error: BaseException
) -> list[int]:
    """Make the nth call of os.`name` raise `error` (until `_restore`)."""
    real = getattr(os, name)
    calls = [0]

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)
    return calls


REAL = {name: getattr(os, name) for name in ("write", "replace")}


def _restore(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(os, name, REAL[name])


@pytest.mark.parametrize("step", ["write", "replace"])
def test_a_session_whose_mentor_cannot_be_written_is_not_written_either(
    run: Any, ruth_has_a_question: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    root = ruth_has_a_question
    before = file_bytes(root)
    # the second write is the mentor's new text; the second replace its rename (the first
    # puts the intent log in place, after the session's new file is ready)
    full = OSError(errno.ENOSPC, "No space left on device")
    calls = _fail_on(monkeypatch, step, 2, full)
    result = run(*DISCUSSED)
    _restore(monkeypatch, step)
    assert calls[0] >= 2
    assert result.exit_code == 8
    assert "nothing was changed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert file_bytes(root) == before
    assert temp_files(root) == [] and not (root / PENDING_FILE).exists()

    assert run(*DISCUSSED).exit_code == 0  # the retry
    assert len(_sessions(root)) == len([n for n in before if n.startswith("sessions/")]) + 1
    assert "done = 2026-11-23" in (root / "mentors" / "ruth-castellanos.toml").read_text()


class Crash(BaseException):
    """The process dying between two renames."""


def test_a_crash_between_renames_is_undone_by_the_next_command(
    run: Any, ruth_has_a_question: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ruth_has_a_question
    before = file_bytes(root)
    _fail_on(monkeypatch, "replace", 2, Crash())
    with pytest.raises(Crash):
        run(*DISCUSSED)
    _restore(monkeypatch, "replace")
    assert (root / PENDING_FILE).exists()
    assert len(_sessions(root)) > len([n for n in before if n.startswith("sessions/")])

    result = run("doctor", "--json")
    assert PENDING_FILE in result.stdout
    assert file_bytes(root) == before
    assert run(*DISCUSSED).exit_code == 0
    assert len(_sessions(root)) == len([n for n in before if n.startswith("sessions/")]) + 1


def test_a_crash_is_undone_by_the_next_change_too(
    run: Any, ruth_has_a_question: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ruth_has_a_question
    before = file_bytes(root)
    _fail_on(monkeypatch, "replace", 2, Crash())
    with pytest.raises(Crash):
        run(*DISCUSSED)
    _restore(monkeypatch, "replace")
    assert run("goal", "progress", "learn-to-delegate", "Moved").exit_code == 0
    after = file_bytes(root)
    del after["goals/learn-to-delegate.toml"], before["goals/learn-to-delegate.toml"]
    assert after == before


def test_mentor_set_with_four_options_is_one_locked_rewrite(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
    locks = [0]
    real_lock = fsutil.exclusive_lock

    def counting(*args: Any, **kwargs: Any) -> Any:
        locks[0] += 1
        return real_lock(*args, **kwargs)

    monkeypatch.setattr(fsutil, "exclusive_lock", counting)
    replaces = _fail_on(monkeypatch, "replace", 0, OSError())
    result = run(
        "mentor",
        "set",
        "helen",
        "--role",
        "COO",
        "--tag",
        "ops",
        "--strength",
        "calm",
        "--resume-sent",
        "2026-11-20",
    )
    assert result.exit_code == 0, result.stderr
    assert locks[0] == 1 and replaces[0] == 1
    text = (example_dir / "mentors" / "helen-achterberg.toml").read_text()
    assert 'role = "COO"' in text and '"ops"' in text and '"calm"' in text
    assert 'what = "resume"' in text and "resume_sent = 2026-11-20" in text
