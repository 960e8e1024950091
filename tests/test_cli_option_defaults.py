"""A shared option's default lives in its spec (cli/option_table.py) and nowhere else: every
command that takes the option gets that default, and no signature spells it again."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typer.main import get_command

from mentorlog.cli import option_table
from mentorlog.cli import options as shared
from mentorlog.cli.app import app

COMMANDS = Path(__file__).resolve().parent.parent / "src" / "mentorlog" / "cli" / "commands"
SPECS = [
    value for value in vars(option_table).values() if isinstance(value, option_table.OptionSpec)
]
# The shared option types of cli/options.py, by the name a signature uses.
SHARED = {
    name: value
    for name, value in vars(shared).items()
    if name[:1].isupper() and getattr(value, "__metadata__", None)
}


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    yield " ".join(path) or "mentorlog", command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def _spec_for(param: Any) -> option_table.OptionSpec[Any] | None:
    """The spec an option was made from: its names and help (a hand-made `--kind` is not)."""
    for spec in SPECS:
        if set(spec.names) == set(param.opts) and spec.help == getattr(param, "help", None):
            return spec
    return None


def _wrong_defaults(root: Any) -> list[str]:
    wrong = []
    for where, command in _commands(root):
        for param in command.params:
            spec = _spec_for(param)
            if spec is not None and param.default != spec.default:
                wrong.append(f"{where} {param.opts[0]}: {param.default!r} != {spec.default!r}")
    return wrong


def test_every_option_with_a_spec_has_the_spec_default() -> None:
    root = get_command(app)
    checked = [
        (where, param.opts[0])
        for where, command in _commands(root)
        for param in command.params
        if _spec_for(param) is not None
    ]
    # The shared options are taken by many commands: the walk must have reached them.
    assert sum(1 for _, name in checked if name == "--json") > 30
    assert {"--as-of", "--date", "--mentor", "--yes", "--dir"} <= {name for _, name in checked}
    assert _wrong_defaults(root) == []


def test_the_default_check_can_fail() -> None:
    import typer

    sample = typer.Typer()

    @sample.command()
    def wrong(as_json: shared.JsonFlag = True) -> None: ...

    assert _wrong_defaults(get_command(sample)) == ["mentorlog --json: True != False"]


def _spelled_defaults(source: str, filename: str) -> list[str]:
    """Parameters of a shared option type whose default is not taken from a spec."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        arguments = node.args.args + node.args.kwonlyargs
        defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + [
            *node.args.defaults,
            *node.args.kw_defaults,
        ]
        for argument, default in zip(arguments, defaults, strict=True):
            annotation = ast.unparse(argument.annotation) if argument.annotation else ""
            if annotation not in SHARED or default is None:
                continue
            if not (isinstance(default, ast.Attribute) and default.attr == "default"):
                found.append(
                    f"{filename}:{argument.lineno}: {argument.arg} = {ast.unparse(default)}"
                )
    return found


def test_no_command_spells_a_shared_default_again() -> None:
    assert {"JsonFlag", "AsOf", "DateOpt", "MentorFilter", "Yes"} <= set(SHARED)
    files = sorted(COMMANDS.glob("*.py"))
    assert files
    spelled = [
        hit for path in files for hit in _spelled_defaults(path.read_text("utf-8"), path.name)
    ]
    assert spelled == []


def test_the_spelling_check_can_fail() -> None:
    sample = "def f(as_json: JsonFlag = False, yes: Yes = YES.default) -> None: ...\n"
    assert _spelled_defaults(sample, "sample.py") == ["sample.py:1: as_json = False"]
