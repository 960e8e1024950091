"""Every list and report keeps ids, numbers and dates whole at any width and through a pipe:
what `--json` names, the text shows in full, and on a terminal no line is wider than it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from journal_builder import Builder

WIDTHS = [40, 80, 200, None]  # None: piped, no COLUMNS


def values(doc: Any, *keys: str) -> Iterator[str]:
    """Every string under one of `keys`, anywhere in a JSON document."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key in keys and isinstance(value, str):
                yield value
            else:
                yield from values(value, *keys)
    elif isinstance(doc, list):
        for item in doc:
            yield from values(item, *keys)


def _keys(*keys: str) -> Callable[[Any], list[str]]:
    return lambda doc: list(values(doc, *keys))


# What each command's text view lists, by the JSON keys that name it.
COMMANDS: dict[str, tuple[list[str], Callable[[Any], list[str]]]] = {
    # A mentor's object also holds the ids of their meetings, which the list does not show.
    "mentor list": (["mentor", "list", "--all"], lambda doc: [m["id"] for m in doc]),
    "goal list": (["goal", "list", "--all"], _keys("id", "target")),
    "session list": (["session", "list"], lambda doc: [s["id"] for s in doc]),
    "action list": (["action", "list"], _keys("id")),
    "action list --all": (["action", "list", "--all"], _keys("id")),
    "ask list": (["ask", "list"], _keys("mentor", "added")),
    "reflection list": (["reflection", "list"], _keys("id", "date", "session")),
    "doctor": (["doctor"], _keys("path")),
    "team": (["team"], _keys("name", "cadence", "stage")),
    "timeline": (["timeline", "ruth"], lambda doc: [e["date"] for e in doc["events"]]),
    "review": (["review", "--since", "2026-01-01"], _keys("since", "until")),
    "lessons": (["lessons"], _keys("session", "date")),
    "search": (["search", "budget"], _keys("id", "date")),
    "brief": (["brief", "ruth"], lambda doc: [doc["mentor"]["known_since"]]),
    "log": (["log"], lambda doc: [entry["commit"][:7] for entry in doc]),
    "due": (
        ["due", "--as-of", "2026-11-23"],
        lambda doc: (
            [a["id"] for a in doc["report_back"]]
            + [r["session"] for r in doc["reflect"]]
            + [t["since"] for t in doc["thanks"]]
            + [t["text"].split()[-1] for t in doc["report_back"]]
        ),
    ),
}


@pytest.fixture(scope="module")
def wide_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example journal plus records with long ids and names, a broken file and history."""
    import shutil

    from conftest import EXAMPLES

    root = tmp_path_factory.mktemp("wide") / "journal"
    shutil.copytree(EXAMPLES, root)
    build = Builder.__new__(Builder)
    build.root = root
    build.mentor(
        "maria-fernanda-castellanos-de-la-vega",
        name="Maria Fernanda Castellanos de la Vega",
        role="Deputy Director of Intergovernmental Relations and Strategic Partnerships",
        cadence="3w",
    )
    build.session(
        "maria-fernanda-castellanos-de-la-vega",
        "2026-11-12",
        "## Actions\n- [ ] Read the whole intergovernmental agreement template before Friday\n",
        topic="How an interlocal agreement gets from a napkin to a council vote in one season",
    )
    (root / "goals" / "broken-goal.toml").write_text("title = [\n", encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    import os

    git_env = {**os.environ, **env}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=git_env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=git_env)
    message = "Add the mentors and sessions of a long first year with everyone at once"
    subprocess.run(["git", "-C", str(root), "commit", "-qm", message], check=True, env=git_env)
    return root


def _show(run: Any, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int | None) -> Any:
    if width is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", str(width))
    return run(*args)


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}-columns" if w else "piped")
@pytest.mark.parametrize("name", list(COMMANDS))
def test_ids_and_dates_are_whole_and_lines_fit(
    name: str,
    width: int | None,
    wide_journal: Path,
    run: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORLOG_DIR", str(wide_journal))
    args, wanted = COMMANDS[name]
    data = run(*args, "--json")
    expected = sorted(set(wanted(data.json())))
    assert expected, f"{name} --json lists nothing to look for"
    shown = _show(run, monkeypatch, args, width)
    assert shown.exit_code in (0, 1), shown.stderr
    # An id wider than the screen itself can only be folded: it must read whole once joined.
    joined = "".join(line.strip() for line in shown.stdout.splitlines())
    missing = [
        value
        for value in expected
        if value not in shown.stdout and not (width and len(value) > width and value in joined)
    ]
    assert not missing, f"{name} at {width}: cut or missing: {missing}\n{shown.stdout}"
    if width is not None:
        wide = [line for line in shown.stdout.splitlines() if cell_len(line) > width]
        assert not wide, f"{name}: lines wider than {width}:\n" + "\n".join(wide)


def test_a_piped_row_stays_on_one_line(wide_journal: Path, tmp_path: Path) -> None:
    """Through a real pipe, with no COLUMNS, `grep` finds an action's id and its whole text on
    one line."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["MENTORLOG_DIR"] = str(wide_journal)
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "action", "list", "--all"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    wanted = "Read the whole intergovernmental agreement template before Friday"
    rows = [line for line in result.stdout.splitlines() if wanted in line]
    assert len(rows) == 1, result.stdout
    assert "2026-11-12-maria-fernanda-castellanos-de-la-vega#1" in rows[0]


def test_a_narrow_screen_shows_records_as_blocks(
    wide_journal: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_DIR", str(wide_journal))
    shown = _show(run, monkeypatch, ["mentor", "list", "--all"], 40).stdout
    lines = [line.strip() for line in shown.splitlines()]
    record = lines.index("maria-fernanda-castellanos-de-la-vega")
    assert lines[record - 1] == "id"
    assert lines[record + 3 : record + 5] == ["cadence", "3w"], shown


def test_a_wide_screen_keeps_one_row_per_record(
    wide_journal: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_DIR", str(wide_journal))
    shown = _show(run, monkeypatch, ["reflection", "list"], 200).stdout
    rows = [line for line in shown.splitlines() if line.strip().startswith("2026-10-30")]
    assert len(rows) == 1
    assert "2026-10-28-walter-nakamura" in rows[0]
