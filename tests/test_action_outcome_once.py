"""`action done` keeps one outcome per action: given twice (as --note and --outcome, or the
same name twice), the command is refused rather than one text silently dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SESSION = "sessions/2026/2026-10-20-tomas-lindqvist.md"


@pytest.mark.parametrize(
    "given",
    [
        ["--note", "A", "--outcome", "B"],
        ["--outcome", "A", "--note", "B"],
        ["--note", "A", "--note", "B"],
        ["-n", "A", "--outcome", "B"],
    ],
)
def test_two_outcomes_are_refused_and_nothing_is_written(
    run: Any, example_dir: Path, given: list[str]
) -> None:
    before = (example_dir / SESSION).read_bytes()
    result = run("action", "done", "2026-10-20-tomas-lindqvist#2", *given)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--note/--outcome was given 2 times" in result.stderr
    assert (example_dir / SESSION).read_bytes() == before


def test_one_outcome_is_written_as_typed(run: Any, example_dir: Path) -> None:
    result = run("action", "done", "2026-10-20-tomas-lindqvist#2", "--outcome", "*Sam* 2*3")
    assert result.exit_code == 0, result.stderr
    text = (example_dir / SESSION).read_text()
    assert "(done 2026-11-23: *Sam* 2*3)" in text
    shown = run("action", "list", "--all", "--mentor", "tomas")
    assert "*Sam* 2*3" in shown.stdout
