"""The options of `due`, `path` and `session new` are declared once (cli/option_table.py):
the typer commands are built from the specs, and the fast path's parser reads a command line
exactly as click does."""

from __future__ import annotations

import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command

from mentorlog.cli import option_table as table
from mentorlog.cli.app import app
from mentorlog.cli.command_table import load

ROOT = get_command(app)


def _command(words: tuple[str, ...]) -> typing.Any:
    command = load(words[0])
    for word in words[1:]:
        command = command.commands[word]
    return command


@pytest.mark.parametrize("words", list(table.COMMANDS), ids=" ".join)
def test_every_option_of_the_command_comes_from_the_table(words: tuple[str, ...]) -> None:
    command = _command(words)
    options = [p for p in command.params if p.param_type_name == "option" and p.name != "help"]
    specs = {spec.keyword: spec for spec in table.COMMANDS[words]}
    assert {p.name for p in options} == set(specs)
    for param in options:
        spec = specs[param.name]
        assert tuple(param.opts) == spec.names
        assert tuple(param.secondary_opts) == spec.off
        assert param.help == spec.help
        assert param.default == spec.default
        assert param.multiple == (spec.kind == table.REPEATED)
        assert param.is_flag == (spec.kind == table.FLAG)
        assert param.required == spec.required


def test_the_global_options_come_from_the_table() -> None:
    options = {p.name: p for p in ROOT.params if p.param_type_name == "option"}
    for spec in table.GLOBAL:
        assert tuple(options[spec.keyword].opts) == spec.names
        assert options[spec.keyword].default == spec.default


def _click_reading(words: tuple[str, ...], args: list[str]) -> dict[str, typing.Any] | None:
    """What click makes of `args` for the command, or None where it refuses them."""
    from typer import Exit
    from typer._click.exceptions import UsageError

    command = _command(words)
    try:
        ctx = command.make_context(" ".join(words), list(args), parent=None)
    except (UsageError, Exit):  # refused, or --help shown
        return None
    return dict(ctx.params)


def _fast_reading(words: tuple[str, ...], args: list[str]) -> dict[str, typing.Any] | None:
    specs = table.COMMANDS[words]
    parsed = table.parse(args, specs)
    if parsed is None or parsed.words:
        return None
    values = table.defaults(specs) | parsed.values
    for spec in specs:  # typer turns click's () for a repeated option given never into None
        if spec.kind == table.REPEATED and values[spec.keyword] is None:
            values[spec.keyword] = ()
    return {k: (tuple(v) if isinstance(v, list) else v) for k, v in values.items()}


def _normal(params: dict[str, typing.Any] | None) -> dict[str, typing.Any] | None:
    if params is None:
        return None
    return {k: (tuple(v) if isinstance(v, list | tuple) else v) for k, v in params.items()}


def _words_for(words: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    names = [n for spec in table.COMMANDS[words] for n in (*spec.names, *spec.off)] or ["-q"]
    shorts = [n[1] for n in names if len(n) == 2]
    token = st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).map(lambda n: n + "=v"),
        st.sampled_from(names).map(lambda n: n + "=-x"),
        st.text("".join(shorts) or "a", min_size=1, max_size=3).map(lambda c: "-" + c),
        st.text("".join(shorts) or "a", min_size=1, max_size=2).map(lambda c: "-" + c + "=v"),
        st.sampled_from(["--", "-", "", "ruth", "-5%", "--help", "-h", "--bogus", "-z", "x=y"]),
    )
    return st.lists(token, max_size=7)


@pytest.mark.parametrize("words", list(table.COMMANDS), ids=" ".join)
def test_the_fast_parser_reads_every_line_as_click_does(words: tuple[str, ...]) -> None:
    @settings(max_examples=300, deadline=None)
    @given(_words_for(words))
    def check(args: list[str]) -> None:
        fast = _fast_reading(words, args)
        full = _normal(_click_reading(words, args))
        if fast is None:
            return  # left to the full CLI, which says what is wrong or does it itself
        assert fast == full, args
        taken.append(args)

    taken: list[list[str]] = []

    check()
    assert taken  # the check can fail: some lines were read by both


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-d=/x", "path"], "=/x"),
        (["-d/x", "path"], "/x"),
        (["--dir=/x", "path"], "/x"),
        (["--dir", "/a", "-d", "/b", "path"], "/b"),
    ],
)
def test_the_global_dir_means_what_click_says(args: list[str], expected: str) -> None:
    parsed = table.parse(args, table.GLOBAL, interspersed=False)
    assert parsed is not None
    assert parsed.values["directory"] == expected
    assert parsed.words == ["path"]
    ctx = ROOT.make_context("mentorlog", list(args))
    assert ctx.params["directory"] == expected


def test_an_unknown_or_incomplete_option_is_left_to_the_full_cli() -> None:
    assert table.parse(["--within"], table.DUE) is None
    assert table.parse(["--json=yes"], table.DUE) is None
    assert table.parse(["--help"], table.DUE) is None
    assert table.parse(["-ah"], table.DUE) is None
