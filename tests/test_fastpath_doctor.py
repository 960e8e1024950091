"""`doctor` on the fast path: its one option comes from cli/option_table.py, and every form
the fast path accepts means what it means in the full CLI, on a sound journal, a broken one and
a missing one: same stdout, stderr, exit code and files. In a journal that keeps its history in
git, and for any form click would refuse, the full CLI answers."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorlog.cli import fastpath
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


def _broken(journal: Path) -> None:
    shutil.copytree(EXAMPLES, journal)
    (journal / "mentors" / "broken.toml").write_text('name = "Unclosed\n', encoding="utf-8")
    (journal / "goals" / ".half.toml.tmp").write_text("left over", encoding="utf-8")
    session = next((journal / "sessions").rglob("*.md"))
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace("+++\n", "+++\nkind = 3\n", 1), encoding="utf-8")


def _private(journal: Path) -> None:
    shutil.copytree(EXAMPLES, journal)
    for path in [journal, *journal.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


def _missing(journal: Path) -> None:
    """No journal at all."""


JOURNALS: dict[str, Callable[[Path], None]] = {
    "sound": _sound,
    "broken": _broken,
    "private": _private,
    "missing": _missing,
}

ACCEPTED = [
    ["doctor"],
    ["doctor", "--json"],
    ["doctor", "--json", "--json"],
    ["doctor", "--"],
    ["--dir", "{journal}", "doctor"],
    ["-d={journal}", "doctor", "--json"],
    ["--no-pager", "doctor"],
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
    return (*answer(runner, args, capsys, monkeypatch), tree(journal))


@pytest.mark.parametrize("state", JOURNALS)
@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_doctor_means_the_same_on_the_fast_path_and_in_the_full_cli(
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


def test_the_broken_journal_is_reported_as_broken_on_the_fast_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal"
    code, out, err, _ = _outcome("fast", ["doctor"], journal, _broken, capsys, monkeypatch)
    assert code == 1
    assert "broken.toml" in out
    assert ".half.toml.tmp" in out
    assert "3 problems found." in err


FALLBACKS = [
    ["doctor", "--help"],
    ["doctor", "-h"],
    ["doctor", "extra"],
    ["doctor", "--json=yes"],
    ["doctor", "--bogus"],
    ["doctor", "-j"],
]


@pytest.mark.parametrize("args", FALLBACKS, ids=" ".join)
def test_any_other_doctor_form_is_left_to_the_full_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert fastpath.run(list(args)) is None
    assert capsys.readouterr() == ("", "")


def test_a_journal_with_git_history_is_checked_by_the_full_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal"
    _sound(journal)
    subprocess.run(["git", "init", "-q", str(journal)], check=True, timeout=60)
    monkeypatch.setenv("MENTORLOG_DIR", str(journal))
    assert fastpath.run(["doctor"]) is None
    assert capsys.readouterr() == ("", "")


def test_a_sound_journal_is_checked_without_typer_rich_or_pydantic(
    warm_example: dict[str, str],
) -> None:
    assert _modules_after(["doctor"], warm_example) == []
    assert _modules_after(["doctor", "--json"], warm_example) == []
