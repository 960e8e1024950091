"""The fast path (fastpath.py -> cli/lean.py) answers the commands run most often without
typer, rich or pydantic. It must mean exactly what the full CLI means: every form it accepts is
run both ways here, and stdout, stderr, the exit code and every file must come out the same.
Every form it does not accept must be left to the full CLI."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorlog.cli import fastpath
from mentorlog.cli.app import run as run_full_cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "journal"
HEAVY = ("typer", "click", "rich", "pydantic", "pydantic_core", "tomlkit")


def age(root: Path, seconds: int = 3600) -> None:
    """Make every file look older than the index's few-second window for fresh edits."""
    then = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (then, then))


def tree(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".mentorlog.lock"
    }


def answer(
    runner: str,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    full: Callable[[list[str]], int] = run_full_cli,
) -> tuple[int, str, str]:
    """Run `args` through the fast path ("fast") or the full CLI ("full": `full`), with
    nothing on stdin: (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    capsys.readouterr()
    if runner == "fast":
        code = fastpath.run(list(args))
        assert code is not None, f"the fast path did not take {args}"
    else:
        code = full(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def on_fresh_journal(
    journal: Path, cache: Path, make: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`journal` made anew by `make` (its files aged past the index's window), with an empty
    cache, as the journal the next command reads."""
    shutil.rmtree(journal, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    make(journal)
    if journal.exists():
        age(journal)
    monkeypatch.setenv("MENTORLOG_DIR", str(journal))
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(cache))


def outcome(
    runner: str,
    args: list[str],
    journal: Path,
    cache: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    start_from_example: bool = True,
) -> tuple[int, str, str, dict[str, bytes]]:
    """Run `args` on a fresh copy of the example journal at `journal`, through the fast path
    ("fast") or the full CLI ("full"); the copy is the same path both times, so messages
    that name it match."""

    def make(root: Path) -> None:
        if start_from_example:
            shutil.copytree(EXAMPLES, root)

    on_fresh_journal(journal, cache, make, monkeypatch)
    return (*answer(runner, args, capsys, monkeypatch), tree(journal))


ACCEPTED = [
    ["session", "new", "-m", "ruth", "--notes", "Talked through the budget deck."],
    ["session", "new", "--mentor", "walter", "--notes=Short call.", "--json"],
    ["session", "new", "-m", "marcus", "--date", "2026-11-20", "--kind", "question"],
    ["session", "new", "-m", "marcus", "--date", "yesterday", "--topic", "Delegation", "--json"],
    [
        "session",
        "new",
        "-m",
        "Ruth Castellanos",
        "--goal",
        "present",
        "-g",
        "learn",
        "--action",
        "Send the deck",
        "-a",
        "Book the room",
        "--lesson",
        "Lead with one number #presenting",
        "-l",
        "Rehearse with a critic",
        "--notes",
        "Line one\nLine two",
    ],
    ["session", "new", "-m", "helen", "-k", "thanks", "--how", "handwritten note", "--shareable"],
    ["session", "new", "-m", "tomas", "-t", "Intro", "-n", "Notes", "--confidential", "--json"],
    ["session", "new", "-m", "walter", "--kind", "Check-In", "--notes", "x", "--json"],
    ["--dir", "{journal}", "session", "new", "-m", "ruth", "--notes", "With --dir"],
    ["session", "new", "-m", "ruth", "--discussed", "all", "--notes", "Went through my list"],
    ["session", "new", "-m", "ruth", "--discussed", "1", "--json"],
    # refused by the services: same message and exit code both ways, nothing written
    ["session", "new", "-m", "nobody", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--date", "2027-01-01", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--kind", "lunch", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--how", "a card", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--notes", "   "],
    ["session", "new", "-m", "ruth", "--goal", "no-such-goal", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--date", "not a date", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--discussed", "99", "--notes", "x"],
    ["session", "new", "-m", "", "--notes", "x"],
    # due, path and --version
    ["due"],
    ["due", "--json"],
    ["due", "--all", "--within", "3m"],
    ["due", "-a", "-w", "2w", "--as-of", "2026-12-15"],
    ["due", "--quiet"],
    ["due", "--as-of", "next friday", "--json"],
    ["due", "--within", "nonsense"],
    ["path"],
    ["-d", "{journal}", "path"],
    ["--version"],
    # click's rules, followed on both paths: `-m=x` means "=x", the last of a repeated option
    # counts, a value may start with "-", short options take attached values and cluster
    ["session", "new", "-m=ruth", "--notes", "x"],
    ["session", "new", "-m", "ruth", "-m", "walter", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--date", "2026-11-01", "--date", "2026-11-02"],
    ["session", "new", "-m", "ruth", "--confidential", "--shareable"],
    ["session", "new", "-m", "ruth", "--notes", "-5% on the budget"],
    ["session", "new", "-mruth", "-nShort", "-gpresent", "--"],
    ["session", "new", "-m", "ruth", "--notes", "--json"],
    ["due", "--json", "--json"],
    ["due", "-w=3d"],
    ["due", "-aw3m", "--as-of=2026-12-01"],
    ["due", "-qa", "--"],
    ["--version", "due"],
    ["-d={journal}", "path"],
    ["--dir={journal}", "--dir", "{journal}", "due"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=[" ".join(a) for a in ACCEPTED])
def test_an_accepted_form_means_the_same_on_the_fast_path_and_in_the_full_cli(
    args: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = tmp_path / "journal"
    concrete = [arg.replace("{journal}", str(journal)) for arg in args]
    fast = outcome("fast", concrete, journal, tmp_path / "cache", capsys, monkeypatch)
    full = outcome("full", concrete, journal, tmp_path / "cache", capsys, monkeypatch)
    assert fast[0] == full[0], (fast[2], full[2])
    assert fast[1] == full[1]
    assert fast[2] == full[2]
    assert fast[3] == full[3]
    assert "Traceback" not in fast[2]


def test_session_new_creates_the_journal_on_both_paths_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "new-journal"
    args = ["session", "new", "-m", "ruth", "--notes", "x"]
    fast = outcome("fast", args, journal, tmp_path / "c", capsys, monkeypatch, False)
    full = outcome("full", args, journal, tmp_path / "c", capsys, monkeypatch, False)
    assert fast[:3] == full[:3]
    assert fast[3] == full[3]
    assert f"Created a new journal at {journal}" in fast[2]
    assert fast[0] != 0  # a new journal has no mentor called ruth


def test_a_session_written_on_the_fast_path_reads_back_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal"
    args = ["session", "new", "-m", "ruth", "--notes", "Deck", "--action", "Send it", "--json"]
    code, out, _, files = outcome("fast", args, journal, tmp_path / "c", capsys, monkeypatch)
    assert code == 0
    created = json.loads(out)
    assert created["id"] == "2026-11-23-ruth-castellanos"
    assert f"sessions/2026/{created['id']}.md" in files
    capsys.readouterr()
    assert run_full_cli(["session", "show", created["id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["actions"][0]["text"] == "Send it"


FALLBACKS = [
    ["session", "new", "-m", "ruth", "--notes", "-"],
    ["session", "new", "-m", "ruth", "--notes=-"],
    ["session", "new", "-m", "ruth", "--edit"],
    ["session", "new", "-m", "ruth", "--no-edit"],
    ["session", "new", "--notes", "x"],
    ["session", "new", "-m", "ruth", "--notes", "x", "--help"],
    ["session", "new", "-m", "ruth", "--json=yes"],
    ["session", "new", "-m", "ruth", "--colour"],
    ["session", "new", "-m", "ruth", "--notes"],
    ["session", "new", "-m", "ruth", "extra"],
    ["session", "list"],
    ["session"],
    ["due", "extra"],
    ["path", "extra"],
    ["--dir"],
    ["mentor", "show", "ruth"],
    [],
]


@pytest.mark.parametrize("args", FALLBACKS, ids=[" ".join(a) or "(none)" for a in FALLBACKS])
def test_any_other_form_is_left_to_the_full_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert fastpath.run(list(args)) is None
    assert capsys.readouterr() == ("", "")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_session_new_without_notes_on_a_terminal_goes_to_the_editor_in_the_full_cli(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal(""))
    monkeypatch.setattr("sys.stdout", _Terminal())
    assert fastpath.run(["session", "new", "-m", "ruth"]) is None
    assert fastpath.run(["session", "new", "-m", "ruth", "--json"]) is None


def test_completion_requests_are_left_to_the_full_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_MENTORLOG_COMPLETE", "complete_bash")
    assert fastpath.run(["due"]) is None
    assert fastpath.run(["session", "new", "-m", "ruth", "--notes", "x"]) is None


def test_an_unexpected_error_on_the_fast_path_prints_no_note_text(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mentorlog.services import sessions

    def broken(*_: object) -> None:
        raise RuntimeError("the confidential note text")

    monkeypatch.setattr(sessions, "record", broken)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = fastpath.run(["session", "new", "-m", "ruth", "--notes", "secret"])
    err = capsys.readouterr().err
    assert code == 70
    assert "confidential note text" not in err
    assert "unexpected internal error (RuntimeError)" in err


# --- what the fast path imports -----------------------------------------------------------


def _modules_after(
    args: list[str], env: dict[str, str], watched: tuple[str, ...] = HEAVY
) -> list[str]:
    """The modules among `watched` (top-level names, or full dotted names) that running
    `args` imported."""
    program = (
        "import sys\n"
        "from mentorlog.__main__ import main\n"
        f"code = main({args!r})\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {watched!r} "
        f"or m in {watched!r})\n"
        "sys.stderr.write(f'\\nMODULES {heavy!r} CODE {code}\\n')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    line = [x for x in result.stderr.splitlines() if x.startswith("MODULES ")][-1]
    modules_text, code = line.removeprefix("MODULES ").rsplit(" CODE ", 1)
    assert code == "0", result.stderr
    modules: list[str] = eval(modules_text)  # a list literal printed by the child
    return modules


@pytest.fixture
def warm_example(example_dir: Path, tmp_path: Path) -> dict[str, str]:
    """The example journal, old enough to be cached, with its index built."""
    age(example_dir)
    env = {**os.environ, "MENTORLOG_DIR": str(example_dir)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _modules_after(["due"], env)  # builds the index
    return env


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["due", "--json"],
        ["due", "--quiet"],
        ["path"],
        ["--version"],
        ["session", "new", "-m", "ruth", "--notes", "x", "--action", "y", "--json"],
    ],
)
def test_the_everyday_commands_never_import_typer_rich_or_pydantic(
    args: list[str], warm_example: dict[str, str]
) -> None:
    assert _modules_after(args, warm_example) == []


PARSING = (
    "tomllib",
    "mentorlog.journal.frontmatter",
    "mentorlog.journal.schema",
)


def test_a_warm_due_parses_nothing_and_imports_no_parser(warm_example: dict[str, str]) -> None:
    assert _modules_after(["due"], warm_example, PARSING) == []
    assert _modules_after(["due", "--json"], warm_example, PARSING) == []


def test_a_due_after_a_new_file_does_import_the_parsers(
    warm_example: dict[str, str], example_dir: Path
) -> None:
    """The check above can fail: a file the index does not know yet is parsed."""
    new = example_dir / "sessions/2026/2026-11-20-ruth-castellanos.md"
    new.write_text('+++\nmentor = "ruth-castellanos"\ndate = 2026-11-20\nkind = "email"\n+++\n')
    assert "mentorlog.journal.frontmatter" in _modules_after(["due"], warm_example, PARSING)


def test_the_full_cli_is_what_imports_typer(warm_example: dict[str, str]) -> None:
    """The check above can fail: the same probe sees typer when the full CLI runs."""
    assert "typer" in _modules_after(["mentor", "show", "ruth"], warm_example)


# --- the progress bar of a first read ------------------------------------------------------


def _bar_output(monkeypatch: pytest.MonkeyPatch, terminal: bool, seconds: float) -> str:

    stream: io.StringIO = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    clock = iter([100.0, *([100.0 + seconds] * 10_000)])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    from mentorlog.cli.progress import Progress

    bar = Progress("Reading the journal")
    for done in range(1, 1001):
        bar(done, 1000)
    bar.finish()
    return stream.getvalue()


def test_a_slow_first_read_shows_a_progress_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = _bar_output(monkeypatch, terminal=True, seconds=1.5)
    assert "Reading the journal" in shown
    assert "1000/1000" in shown
    assert shown.endswith("\r")  # the line is cleared before the report is printed


def test_a_quick_read_shows_no_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _bar_output(monkeypatch, terminal=True, seconds=0.2) == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _bar_output(monkeypatch, terminal=False, seconds=5) == ""


def test_a_cold_due_reports_its_progress_while_parsing(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.journal.storage import Journal

    age(example_dir)
    seen: list[tuple[int, int]] = []
    Journal(example_dir).load(on_progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == len(seen)
    seen.clear()
    Journal(example_dir).load(on_progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # warm: nothing to parse, no bar


def test_the_process_ends_without_teardown_and_loses_no_output(
    warm_example: dict[str, str], tmp_path: Path
) -> None:
    """`python -m mentorlog` ends an everyday command with os._exit after flushing: what it
    prints must be complete, to a pipe and to a file alike, with the command's exit code."""
    piped = subprocess.run(
        [sys.executable, "-m", "mentorlog", "due", "--json"],
        env=warm_example,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)  # the whole document, parseable
    out = tmp_path / "due.json"
    with out.open("w") as handle:
        to_file = subprocess.run(
            [sys.executable, "-m", "mentorlog", "due", "--json"],
            env=warm_example,
            stdout=handle,
            timeout=60,
        )
    assert to_file.returncode == 0
    assert out.read_text() == piped.stdout
    quiet = subprocess.run(
        [sys.executable, "-m", "mentorlog", "due", "--quiet"], env=warm_example, timeout=60
    )
    assert quiet.returncode == 0  # something is due in the example journal
