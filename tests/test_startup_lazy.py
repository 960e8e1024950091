"""A command group builds only the sub-command that runs: typer makes each click command by
inspecting its function's signature, so `mentor list` must not pay for `mentor add`, `set`,
`pause`... The lazily built groups must read exactly as typer's eager build of the same group:
same sub-commands in the same order, same help for each."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from mentorlog.cli import command_table, helptext
from mentorlog.cli.command_table import COMMANDS, load

GROUPS = sorted(name for name, (_, attribute, _) in COMMANDS.items() if attribute == "app")


def _built_after(args: list[str], example_dir: Path) -> tuple[list[str], str]:
    """The names of the click commands typer built while running `args`, and stdout."""
    program = (
        "import sys\n"
        "import typer.main\n"
        "built = []\n"
        "original = typer.main.get_command_from_info\n"
        "def recording(info, **settings):\n"
        "    command = original(info, **settings)\n"
        "    built.append(command.name)\n"
        "    return command\n"
        "typer.main.get_command_from_info = recording\n"
        "from mentorlog.cli.app import run\n"
        f"code = run({args!r})\n"
        "sys.stderr.write(f'\\nBUILT {built!r} CODE {code}\\n')\n"
    )
    env = {**os.environ, "MENTORLOG_DIR": str(example_dir), "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    line = [x for x in result.stderr.splitlines() if x.startswith("BUILT ")][-1]
    built_text, code = line.removeprefix("BUILT ").rsplit(" CODE ", 1)
    assert code == "0", result.stderr
    built: list[str] = eval(built_text)  # a list literal printed by the child
    return built, result.stdout


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["mentor", "list"], "list"),
        (["goal", "list"], "list"),
        (["session", "list"], "list"),
        (["ask", "list"], "list"),
        (["meet", "list"], "list"),
        (["reflection", "list"], "list"),
        (["action", "list"], "list"),
    ],
)
def test_a_group_builds_only_the_chosen_command(
    args: list[str], command: str, example_dir: Path
) -> None:
    built, _ = _built_after(args, example_dir)
    assert built == [command]


def test_a_shorthand_group_builds_only_the_command_it_stands_for(example_dir: Path) -> None:
    built, _ = _built_after(["ask", "ruth", "What do you read?"], example_dir)
    assert built == ["add"]


def test_a_group_help_still_lists_every_command(example_dir: Path) -> None:
    built, shown = _built_after(["mentor", "--help"], example_dir)
    eager = _eager("mentor")
    assert built == list(eager.commands)
    for name in eager.commands:
        assert f"  {name} " in shown


def _eager(name: str) -> Any:
    """The group as typer builds it in one go."""
    module, attribute, line = COMMANDS[name]
    target = getattr(__import__(f"mentorlog.cli.commands.{module}", fromlist=["_"]), attribute)
    holder = typer.Typer()
    holder.add_typer(target, name=name, help=line)
    return helptext.finish(typer.main.get_group(holder).commands[name])


def _help(command: Any, path: list[str]) -> str:
    # as under the root command, whose help options every command inherits (and click keeps
    # on a command once it has run)
    context = typer.Context(
        command, info_name=" ".join(path), terminal_width=100, help_option_names=["-h", "--help"]
    )
    text: str = command.get_help(context)
    return text


@pytest.mark.parametrize("name", GROUPS)
def test_a_lazy_group_reads_as_the_eager_one(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Built anew, as the eager one is: click keeps the help options of a command that already
    # ran in this process, so the shared tree's answer would depend on the tests before this one
    monkeypatch.setattr(command_table, "_LOADED", {})
    lazy, eager = load(name), _eager(name)
    assert list(lazy.commands) == list(eager.commands)
    assert _help(lazy, ["mentorlog", name]) == _help(eager, ["mentorlog", name])
    for sub in eager.commands:
        assert sub in lazy.commands
        path = ["mentorlog", name, sub]
        assert _help(lazy.commands[sub], path) == _help(eager.commands[sub], path)
        lazy_params = [(p.name, p.opts, p.metavar, p.default) for p in lazy.commands[sub].params]
        eager_params = [(p.name, p.opts, p.metavar, p.default) for p in eager.commands[sub].params]
        assert lazy_params == eager_params
    assert "no-such-command" not in lazy.commands
    assert lazy.commands.get("no-such-command") is None
