"""The listings on the fast path: `mentor list`, `goal list`, `action list`, `reflection
list`, `ask list` and `feedback list` take their options from cli/option_table.py, and every
form the fast path accepts means what it means in the full CLI, on a sound journal, one with hostile text, a broken
one and a missing one: same stdout, stderr, exit code and files. The full CLI's tables are drawn by rich
here, the fast path's by the plain writer, so the comparison is also one of the two writers."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorlog.cli import fastpath, listing
from mentorlog.cli.app import run as run_full_cli
from test_fastpath import (
    EXAMPLES,
    _modules_after,
    answer,
    on_fresh_journal,
    tree,
    warm_example,
)

__all__ = ["warm_example"]  # the fixture, used below by name


def _sound(journal: Path) -> None:
    shutil.copytree(EXAMPLES, journal)


def _hostile(journal: Path) -> None:
    """Names and titles in wide letters, combining marks, escapes and no-break spaces."""
    shutil.copytree(EXAMPLES, journal)
    (journal / "mentors" / "zoe.toml").write_text(
        'name = "Zoë 中村 \\u001b[31mred\\u00a0"\nrole = "Jefa de\\u202e área"\n'
        'cadence = "2w"\nstage = "peer"\n'
        '[[questions]]\ntext = "¿Cómo\\u0007 empiezo? 漢字 \\u200b e\\u0301\\u00a0"\n'
        "added = 2026-10-01\n"
        '[[questions]]\ntext = "Already \\u001b[2Jdone"\nadded = 2026-09-01\ndone = 2026-09-20\n',
        encoding="utf-8",
    )
    (journal / "feedback" / "tabs.toml").write_text(
        'text = "Tabs\\tand\\u001b]0;title\\u0007 漢字 e\\u0301"\nfrom = "a \\u202ereview"\n'
        'skills = ["écrire", "中文"]\nadded = 2026-06-01\ndone = 2026-08-01\n',
        encoding="utf-8",
    )
    (journal / "goals" / "kanji.toml").write_text(
        'title = "漢字を学ぶ e\\u0301 \\u00a0"\nstatus = "open"\nmentors = ["zoe"]\n',
        encoding="utf-8",
    )


def _broken(journal: Path) -> None:
    shutil.copytree(EXAMPLES, journal)
    (journal / "mentors" / "broken.toml").write_text('name = "Unclosed\n', encoding="utf-8")
    (journal / "feedback" / "unclosed.toml").write_text('text = "Unclosed\n', encoding="utf-8")
    session = next((journal / "sessions").rglob("*.md"))
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace("+++\n", "+++\nkind = 3\n", 1), encoding="utf-8")


def _missing(journal: Path) -> None:
    """No journal at all."""


JOURNALS: dict[str, Callable[[Path], None]] = {
    "sound": _sound,
    "hostile": _hostile,
    "broken": _broken,
    "missing": _missing,
}

ACCEPTED = [
    ["mentor", "list"],
    ["mentor", "list", "--all"],
    ["mentor", "list", "-a", "--json"],
    ["mentor", "list", "--json", "--json", "--"],
    ["--dir", "{journal}", "mentor", "list", "-a"],
    ["-d={journal}", "mentor", "list"],
    ["--no-pager", "goal", "list"],
    ["goal", "list", "--all"],
    ["goal", "list", "-m", "ruth"],
    ["goal", "list", "--mentor=tomas", "--all", "--json"],
    ["goal", "list", "-amruth"],
    ["goal", "list", "--mentor", "nobody-at-all"],
    ["action", "list"],
    ["action", "list", "--all"],
    ["action", "list", "-am", "ruth"],
    ["action", "list", "--mentor", "ruth", "--json"],
    ["action", "list", "--mentor", "nobody-at-all"],
    ["reflection", "list"],
    ["reflection", "list", "--since", "2026-09-01", "--until", "yesterday"],
    ["reflection", "list", "--since=last month", "--json"],
    ["reflection", "list", "-m", "ruth"],
    ["reflection", "list", "--since", "the day after never"],
    ["reflection", "list", "--until", "2099-01-01"],
    ["ask", "list"],
    ["ask", "list", "--all"],
    ["ask", "list", "-m", "ruth"],
    ["ask", "list", "--mentor=zoe", "--all", "--json"],
    ["ask", "list", "-amruth"],
    ["ask", "list", "-a", "-m", "Zoë 中村"],
    ["ask", "list", "--mentor", "nobody-at-all"],
    ["ask", "list", "--json", "--"],
    ["--dir", "{journal}", "ask", "list", "-a"],
    ["feedback", "list"],
    ["feedback", "list", "--all"],
    ["feedback", "list", "-a", "--json"],
    ["feedback", "list", "--json", "--all", "--"],
    ["-d={journal}", "feedback", "list", "-a"],
]


def _outcome(
    runner: str,
    args: list[str],
    journal: Path,
    make: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str, str, dict[str, bytes]]:
    on_fresh_journal(journal, journal.parent / "cache", make, monkeypatch)
    monkeypatch.delenv("COLUMNS", raising=False)  # into a pipe: no width limit

    def drawn_by_rich(args: list[str]) -> int:
        # rich draws every table of the full CLI, as it did before the plain writer
        with monkeypatch.context() as patched:
            patched.setattr(listing, "unbounded", lambda: False)
            return run_full_cli(args)

    return (*answer(runner, args, capsys, monkeypatch, drawn_by_rich), tree(journal))


@pytest.mark.parametrize("state", JOURNALS)
@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_a_listing_means_the_same_on_the_fast_path_and_in_the_full_cli(
    args: list[str],
    state: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = tmp_path / "journal"
    concrete = [arg.replace("{journal}", str(journal)) for arg in args]
    make = JOURNALS[state]
    fast = _outcome("fast", concrete, journal, make, capsys, monkeypatch)
    full = _outcome("full", concrete, journal, make, capsys, monkeypatch)
    assert fast == full
    assert "Traceback" not in fast[2]


def test_the_hostile_names_are_shown_escaped_and_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal"
    code, out, _, _ = _outcome("fast", ["mentor", "list"], journal, _hostile, capsys, monkeypatch)
    assert code == 0
    assert "Zoë 中村 \\x1b[31mred" in out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert any(line.startswith(" ruth-castellanos ") for line in out.splitlines())


FALLBACKS = [
    ["mentor", "list", "--help"],
    ["mentor", "list", "-h"],
    ["mentor", "list", "extra"],
    ["mentor", "list", "--json=yes"],
    ["mentor", "list", "-x"],
    ["goal", "list", "--mentor"],
    ["goal", "list", "--bogus"],
    ["action", "list", "-m"],
    ["action", "list", "--al"],
    ["reflection", "list", "--since"],
    ["reflection", "list", "ruth"],
    ["mentor", "lis"],
    ["ask", "list", "--mentor"],
    ["ask", "list", "ruth"],
    ["ask", "list", "--all=yes"],
    ["ask", "list", "-x"],
    ["ask", "list", "--", "--mentor"],
    ["ask", "lis"],
    ["feedback", "list", "--all=1"],
    ["feedback", "list", "-m", "ruth"],
    ["feedback", "list", "extra"],
    ["feedback", "list", "--help"],
]


@pytest.mark.parametrize("args", FALLBACKS, ids=" ".join)
def test_any_other_listing_form_is_left_to_the_full_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert fastpath.run(list(args)) is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    "args",
    [
        ["mentor", "list"],
        ["goal", "list", "--all"],
        ["action", "list", "--all"],
        ["reflection", "list"],
        ["mentor", "list", "--json"],
        ["ask", "list", "--all"],
        ["feedback", "list", "--all"],
    ],
    ids=" ".join,
)
def test_a_piped_listing_loads_neither_typer_rich_nor_pydantic(
    args: list[str], warm_example: dict[str, str]
) -> None:
    """Only rich's table of character widths, for text that is not ASCII: not its console,
    tables or text."""
    piped = {name: value for name, value in warm_example.items() if name != "COLUMNS"}
    loaded = _modules_after(args, piped)
    width_table = [m for m in loaded if m.startswith("rich._unicode_data")]
    assert set(loaded) - set(width_table) <= {"rich", "rich._extension", "rich.cells"}


def test_a_listing_on_a_terminal_is_still_drawn_by_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("sys.stdout", Terminal())
    assert not listing.unbounded()
    for forced in ({"FORCE_COLOR": "1"}, {"COLUMNS": "80"}, {"TTY_COMPATIBLE": "1"}):
        monkeypatch.setattr("sys.stdout", io.StringIO())
        assert listing.unbounded()
        with monkeypatch.context() as patched:
            for name, value in forced.items():
                patched.setenv(name, value)
            assert not listing.unbounded()
