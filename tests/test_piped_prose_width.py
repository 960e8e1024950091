"""Panels and prose (brief, session show, reflection show) are readable in a pipe: at most 80
columns without COLUMNS, and COLUMNS when it is set. Tables keep a row on one line (see
tests/test_output_tables.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

LONG = " ".join(["a long line of notes"] * 30)


@pytest.fixture
def long_session(run: Any, example_dir: Path) -> str:
    result = run(
        "session", "new", "-m", "ruth", "--no-edit", "--notes", LONG, "--advice", LONG, "--json"
    )
    assert result.exit_code == 0, result.stderr
    session_id: str = result.json()["id"]
    return session_id


@pytest.mark.parametrize(("columns", "widest"), [(None, 80), ("60", 60), ("120", 120)])
@pytest.mark.parametrize("view", ["brief", "session show"])
def test_prose_fits_the_width(
    run: Any,
    long_session: str,
    monkeypatch: pytest.MonkeyPatch,
    columns: str | None,
    widest: int,
    view: str,
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    args = ["brief", "ruth"] if view == "brief" else ["session", "show", long_session]
    shown = run(*args)
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= widest
    assert " ".join(LONG.split()) in " ".join(shown.stdout.replace("│", " ").split())
