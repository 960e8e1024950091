"""Every text a person types that is written to a file goes through the one check of
services/records.py: a raw escape, a direction override or a NUL is refused with exit 2 and a
one-line message, and nothing in the journal changes. The table below names every text option
and argument of every command that writes; a new one fails `test_every_written_text_is_listed`
until it is listed here, and so checked."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from mentorlog.cli.app import app

# What a command is run with, "{}" where the text under test goes when it is an argument.
# Options are added as `OPTION TEXT` to the base.
WRITES: dict[tuple[str, ...], tuple[list[str], dict[str, str]]] = {
    ("session", "new"): (["-m", "tomas", "--no-edit"], {}),
    ("action", "done"): (["2026-10-20-tomas-lindqvist#2"], {}),
    ("action", "add"): (["2026-10-20-tomas-lindqvist", "{}"], {"TEXT": "{}"}),
    ("thank",): (["tomas"], {}),
    ("mentor", "add"): (["{}"], {"NAME": "{}"}),
    ("mentor", "set"): (["tomas"], {}),
    ("mentor", "share"): (["tomas", "{}"], {"WHAT": "{}"}),
    ("mentor", "end"): (["walter"], {}),
    ("goal", "add"): (["{}"], {"TITLE": "{}"}),
    ("goal", "progress"): (["learn", "{}"], {"NOTE": "{}"}),
    ("goal", "done"): (["learn"], {}),
    ("goal", "drop"): (["learn"], {}),
    ("reflection", "new"): (["-m", "tomas", "--text", "Fine."], {}),
    ("reflect",): (["-m", "tomas", "--text", "Fine."], {}),
    ("ask", "add"): (["tomas", "{}"], {"QUESTION": "{}"}),
    ("meet", "book"): (["tomas", "2026-12-01", "--at", "10:00"], {}),
    ("feedback", "add"): (["{}"], {"TEXT": "{}"}),
    ("agree",): (["tomas"], {}),
    ("git", "commit"): ([], {}),
}

# Text that is not written as typed: it picks a record, a date, a number or a fixed word, and
# a wrong one is refused as not found or not valid before anything is written.
NOT_WRITTEN = {
    "MENTOR",
    "GOAL",
    "GOALS",
    "SESSION",
    "ACTION",
    "DATE",
    "KIND",
    "CADENCE",
    "AT_MOST",
    "SINCE",
    "UNTIL",
    "WHEN",
    "AT",
    "LENGTH",
    "DISCUSSED",
    "UNLINK",
    "RESUME_SENT",
    "GROUND_RULES",
    "STRUGGLES_ASKED",
    "PHASE",
    "NOT_APPLICABLE",
    "APPLICABLE",
    "KEEP_IN_TOUCH",
    "UNTAG",
    "STAGE",
    "TARGET",
    "FOR",
    "TERM",
    "REVIEW",
}

BAD = {
    "escape": "a\x1b[31mb",
    "right-to-left override": "abc\u202edef",
    "NUL": "a\x00b",
}


def _commands(command: Any, path: tuple[str, ...] = ()) -> Any:
    for name, sub in (getattr(command, "commands", None) or {}).items():
        if getattr(sub, "commands", None):
            yield from _commands(sub, (*path, name))
        else:
            yield (*path, name), sub


def _texts(command: Any) -> list[tuple[str, bool]]:
    """(option name or ARGUMENT, is_argument) of every free-text parameter."""
    found = []
    for param in command.params:
        if param.type.name not in ("text", "str"):
            continue
        is_argument = param.param_type_name == "argument"
        name = param.name.upper() if is_argument else param.opts[0]
        if name.lstrip("-").upper().replace("-", "_") in NOT_WRITTEN:
            continue
        found.append((name, is_argument))
    return found


CASES = [
    (path, name, is_argument)
    for path, command in _commands(get_command(app))
    if path in WRITES
    for name, is_argument in _texts(command)
]


def test_every_written_text_is_listed() -> None:
    writing = {path for path, _, _ in CASES}
    assert writing == set(WRITES)
    assert len(CASES) >= 40


def _state(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".mentorlog")
    }


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
@pytest.mark.parametrize(
    ("path", "name", "is_argument"), CASES, ids=[f"{' '.join(p)} {n}" for p, n, _ in CASES]
)
def test_control_characters_in_typed_text_are_refused(
    run: Any,
    example_dir: Path,
    path: tuple[str, ...],
    name: str,
    is_argument: bool,
    bad: str,
) -> None:
    base, arguments = WRITES[path]
    text = BAD[bad]
    placed = [text if is_argument and a == arguments.get(name) else a for a in base]
    args = [a.replace("{}", "Fine") for a in placed] + ([] if is_argument else [name, text])
    before = _state(example_dir)
    result = run(*path, *args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert "control character" in result.stderr or "NUL" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert _state(example_dir) == before


def test_the_same_text_without_them_is_written(run: Any, example_dir: Path) -> None:
    result = run("action", "done", "2026-10-20-tomas-lindqvist#2", "--outcome", "a[31mb")
    assert result.exit_code == 0, result.stderr
    text = (example_dir / "sessions/2026/2026-10-20-tomas-lindqvist.md").read_text()
    assert "(done 2026-11-23: a[31mb)" in text
