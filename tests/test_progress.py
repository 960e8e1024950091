"""One progress line on stderr for long work: only on a terminal, only after half a second,
cleared when the work ends, nothing in a pipe; the read path, search, import and `due` all
report through it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.cli import progress

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """A monotonic clock the test moves by hand, counting how often it is read."""

    def __init__(self) -> None:
        self.now = 100.0
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(progress.time, "monotonic", fake)
    return fake


def test_nothing_is_shown_before_half_a_second(clock):
    screen = Terminal()
    bar = progress.Progress("Reading the journal", screen)
    for done in range(1, 1001):
        bar(done, 1000)
    bar.finish()
    assert screen.getvalue() == ""


def test_slow_work_shows_a_bar_and_clears_it_at_the_end(clock):
    screen = Terminal()
    bar = progress.Progress("Reading the journal", screen)
    bar(1, 1000)
    clock.now += progress.DELAY + 0.1
    for done in range(2, 1001):
        bar(done, 1000)
    assert "Reading the journal [" in screen.getvalue()
    assert screen.getvalue().rstrip().endswith("1000/1000")
    bar.finish()
    assert screen.getvalue().endswith("\r")
    last = screen.getvalue().rsplit("\r", 2)[-2]
    assert last.strip() == ""


def test_an_unknown_total_shows_a_count(clock):
    screen = Terminal()
    bar = progress.Progress("Searching", screen)
    clock.now += 1
    for done in range(1, 501):
        bar(done, 0)
    assert "Searching... 401" in screen.getvalue()


def test_nothing_when_stderr_is_not_a_terminal(clock):
    piped = io.StringIO()
    bar = progress.Progress("Reading the journal", piped)
    clock.now += 5
    for done in range(1, 1001):
        bar(done, 1000)
    bar.finish()
    assert piped.getvalue() == ""


def test_the_clock_is_read_a_bounded_number_of_times(clock):
    bar = progress.Progress("Reading the journal", Terminal())
    for done in range(1, 100_001):
        bar(done, 100_000)
    assert clock.reads <= 210


@pytest.fixture
def terminal_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """stderr counts as a terminal, and any work as long enough to show."""
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(progress, "DELAY", 0.0)


def test_a_read_reports_progress_on_stderr_and_never_on_stdout(run, example_dir, terminal_stderr):
    result = run("session", "list")
    assert result.exit_code == 0
    assert "Reading the journal [" in result.stderr
    assert "Reading the journal" not in result.stdout


def test_search_reports_the_files_it_has_read(run, example_dir, terminal_stderr):
    result = run("search", "the")
    assert "Searching... " in result.stderr
    assert "Searching" not in result.stdout


def test_due_uses_the_same_progress_line(run, example_dir, terminal_stderr):
    result = run("due")
    assert "Reading the journal [" in result.stderr


def test_import_uses_the_same_progress_line(run, journal_dir, terminal_stderr):
    result = run("import", "vcard", str(FIXTURES / "contacts-3.0.vcf"))
    assert result.exit_code == 0
    assert "Adding mentors [" in result.stderr


@pytest.mark.parametrize("args", [["session", "list"], ["search", "the"], ["due"]])
def test_nothing_in_a_pipe(run, example_dir, args):
    result = run(*args)
    assert "\r" not in result.stderr and "Reading" not in result.stderr


def test_the_progress_line_imports_neither_rich_nor_typer():
    code = (
        "import sys, mentorlog.cli.progress, mentorlog.cli.lean;"
        "bad = [m for m in ('rich', 'typer', 'click') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout
