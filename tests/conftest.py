"""Shared fixtures. Every test runs against a journal in its own temporary folder, with the
day, the terminal width and colour pinned, so output is the same on every machine."""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import settings

from mentorlog.__main__ import main

TODAY = "2026-11-23"  # a Monday; the example journal is written as of this day
HANG_GUARD = 120  # seconds: only a command that hangs (or loops) ever reaches it
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "journal"

# Property tests try a quarter of their examples locally and all of them in CI
# (HYPOTHESIS_PROFILE=ci in .ci/run). No deadline: a slow example on a busy machine is not a
# failure; speed is measured in bench/.
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


def examples(in_ci: int) -> int:
    """How many examples a property test with its own count tries under this profile."""
    return in_ci if PROFILE == "ci" else min(in_ci, max(5, in_ci // 4))


class Hung(BaseException):
    """A command ran for HANG_GUARD seconds. Not an Exception, so that the CLI's own last-resort
    handler cannot turn it into an exit code."""


@contextmanager
def hang_guard(args: tuple[str, ...]) -> Iterator[None]:
    """Fail the test, rather than stall the whole run, if a command in this process hangs.
    Only the main thread can take a signal; elsewhere the command runs unguarded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def hung(signum: int, frame: object) -> None:
        raise Hung(f"`mentorlog {' '.join(args)}` still running after {HANG_GUARD} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture(autouse=True, scope="session")
def command_tree_built_once() -> Iterator[None]:
    """typer turns the annotated commands into click's command tree on every call, about
    0.1 s, most of an in-process `run`. A real process builds the tree once; so does the whole
    test run. The tree holds no state between calls: each call makes its own click context."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.main, "get_command", functools.cache(typer.main.get_command))
        yield


@pytest.fixture(autouse=True)
def pinned_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "journal"))
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(tmp_path / "cache"))
    # The person's own config file and pager never reach a test.
    monkeypatch.setenv("MENTORLOG_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY)
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "10")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for name in (
        "EDITOR",
        "VISUAL",
        "MENTORLOG_DEBUG",
        "FORCE_COLOR",
        "PAGER",
        "MENTORLOG_PAGER",
        "LESS",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    """Where the journal of this test lives (created by the first write or by `init`)."""
    return tmp_path / "journal"


@pytest.fixture
def example_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of examples/journal, used as the journal of this test."""
    target = tmp_path / "example"
    shutil.copytree(EXAMPLES, target)
    monkeypatch.setenv("MENTORLOG_DIR", str(target))
    return target


BuiltOnce = Callable[[str, Path, tuple[str, ...], Callable[[], object]], bool]


@pytest.fixture(scope="session")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> BuiltOnce:
    """Some starting points take several commands to set up (with git, dozens of processes).
    built_once(name, root, parts, build): the first test to ask runs build(), which makes the
    folders `parts` under its `root`; every later test gets copies of them under its own root,
    to change as it likes. Returns True for copies: a git remote named by its path, say, must
    then be pointed at the copy."""
    templates = tmp_path_factory.mktemp("built-once")

    def copy_or_build(
        name: str, root: Path, parts: tuple[str, ...], build: Callable[[], object]
    ) -> bool:
        template = templates / name
        if template.is_dir():
            for part in parts:
                shutil.copytree(template / part, root / part, symlinks=True)
            return True
        build()
        for part in parts:
            shutil.copytree(root / part, template / part, symlinks=True)
        return False

    return copy_or_build


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `mentorlog ARGS...` in this process: run("mentor", "list", "--json"). A command that
    hangs fails its test after HANG_GUARD seconds."""

    def invoke(*args: str, stdin: str | None = None) -> Result:
        if stdin is not None:
            import io

            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        with hang_guard(args):
            code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke
