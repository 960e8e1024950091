"""Shell completion of record ids in bash, zsh and fish, for every argument that takes one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from mentorlog.cli.app import app

# Parameter names that hold a record id (or a mentor name) wherever they appear.
ID_PARAMETERS = {"mentor", "for_mentor", "goal", "session", "reflection", "unlink"}
# Commands whose `action` parameter is the id of an action item (elsewhere it is new text).
ACTION_ID_COMMANDS = {("action", "done"), ("action", "reopen")}


def _commands(command, path=()):  # type: ignore[no-untyped-def]
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield path, command


def test_every_parameter_that_takes_an_id_completes_it() -> None:
    missing = []
    for path, command in _commands(get_command(app)):
        for param in command.params:
            takes_id = param.name in ID_PARAMETERS or (
                param.name == "action" and path in ACTION_ID_COMMANDS
            )
            if takes_id and getattr(param, "_custom_shell_complete", None) is None:
                missing.append(f"{' '.join(path)} {param.name}")
    assert missing == []


def _complete(env: dict[str, str], example_dir: Path) -> str:
    full = {**os.environ, "MENTORLOG_DIR": str(example_dir), **env}
    code = "import sys; from mentorlog.__main__ import main; sys.exit(main([]))"
    completed = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, check=False
    )
    assert completed.stderr == ""
    return completed.stdout


@pytest.mark.parametrize(
    "words,expected",
    [
        ("mentorlog mentor show r", "ruth-castellanos"),
        ("mentorlog goal show learn", "learn-to-delegate"),
        ("mentorlog session show 2026-11-19", "2026-11-19-tomas-lindqvist"),
        ("mentorlog action done 2026-11-19", "2026-11-19-tomas-lindqvist#1"),
        ("mentorlog export --for t", "tomas-lindqvist"),
    ],
)
def test_bash_zsh_and_fish_complete_ids(example_dir: Path, words: str, expected: str) -> None:
    bash = _complete(
        {
            "_MENTORLOG_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        },
        example_dir,
    )
    assert expected in bash.split()
    zsh = _complete(
        {"_MENTORLOG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}, example_dir
    )
    assert f'"{expected}"' in zsh
    fish = _complete(
        {
            "_MENTORLOG_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": words,
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
        example_dir,
    )
    assert expected in [line.split("\t")[0] for line in fish.splitlines()]


def test_completion_outside_a_journal_prints_nothing(tmp_path: Path) -> None:
    out = _complete(
        {
            "_MENTORLOG_COMPLETE": "complete_bash",
            "COMP_WORDS": "mentorlog mentor show ",
            "COMP_CWORD": "3",
        },
        tmp_path / "nowhere",
    )
    assert out.strip() == ""
