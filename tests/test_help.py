"""Every command's help reads as paragraphs at any width, shows examples that are real command
lines, and names what each value is (MENTOR, DATE, N), never typer's `<str>` or `{mentor}`."""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Iterator
from typing import Any

import pytest
from typer.main import get_command

from mentorlog.cli.app import app

WIDTHS = (60, 120)
# click never makes help wider than this, however wide the terminal.
MAX_HELP_WIDTH = 80


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        if not getattr(sub, "hidden", False):
            yield from _commands(sub, (*path, name))


# Commands with a help page of their own (`git remote --help` is git's).
COMMANDS = [(path, cmd) for path, cmd in _commands(get_command(app)) if cmd.add_help_option]
IDS = [" ".join(path) or "mentorlog" for path, _ in COMMANDS]


def _help(run, monkeypatch: pytest.MonkeyPatch, path: tuple[str, ...], width: int) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return str(result.stdout)


def _description(text: str) -> list[list[str]]:
    """The paragraphs between the usage line and the first section (Arguments, Options...),
    each as its lines, without the "Examples:" block."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Usage:")) + 1
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:]:
        if re.match(r"^[A-Z][a-z]+:$", line):  # Arguments:, Options:, Commands:
            break
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p and p[0].strip() != "Examples:"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_paragraphs_fill_the_width(run, monkeypatch, path, command, width) -> None:  # type: ignore[no-untyped-def]
    text = _help(run, monkeypatch, path, width)
    limit = min(width, MAX_HELP_WIDTH)
    paragraphs = _description(text)
    assert paragraphs, text
    for lines in paragraphs:
        for line, following in itertools.pairwise(lines):
            assert len(line) <= limit, line
            # A line ends early only when the next word would not have fitted on it.
            next_word = following.split()[0]
            assert len(line) + 1 + len(next_word) > limit - 4, f"ragged line: {line!r}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_help_has_examples_that_parse(run, monkeypatch, tmp_path, path, command) -> None:  # type: ignore[no-untyped-def]
    text = _help(run, monkeypatch, path, 100)
    monkeypatch.chdir(tmp_path)
    for name in (
        "contacts.vcf",
        "mentors.csv",
        "calendar.ics",
    ):  # the files the import examples read
        (tmp_path / name).write_text("", "utf-8")
    examples = _examples(text)
    assert examples, f"no examples in `mentorlog {' '.join(path)} --help`"
    for example in examples:
        _parse(example)


def _examples(text: str) -> list[str]:
    lines = text.splitlines()
    if "  Examples:" not in lines:
        return []
    found = []
    for line in lines[lines.index("  Examples:") + 1 :]:
        if not line.startswith("    mentorlog"):
            break
        found.append(line.strip())
    return found


def _parse(example: str) -> None:
    """Parse an example as the CLI would, without running it: an unknown option, a missing
    argument or a bad number raises."""
    words = shlex.split(re.split(r" (?:>|<|&&|\|) ", example)[0])
    assert words[0] == "mentorlog"
    command = get_command(app)
    ctx = command.make_context("mentorlog", words[1:])
    while getattr(command, "commands", None):
        rest = [*ctx._protected_args, *ctx.args]
        name, command, rest = command.resolve_command(ctx, rest)
        ctx = command.make_context(name, rest, parent=ctx)


def test_the_examples_check_refuses_a_wrong_example() -> None:
    from mentorlog.errors import MentorlogError

    with pytest.raises(Exception) as caught:
        _parse("mentorlog due --bogus")
    assert not isinstance(caught.value, MentorlogError)
    with pytest.raises(Exception):  # noqa: B017 - click's own usage error
        _parse("mentorlog mentor show")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_metavars_say_what_goes_there(run, monkeypatch, path, command) -> None:  # type: ignore[no-untyped-def]
    text = _help(run, monkeypatch, path, 100)
    assert not re.search(r"<[a-z][a-z ]*>|\{[a-z_]+\}", text), text
    for param in command.params:
        if getattr(param, "is_flag", False) or param.name == "help":
            continue
        assert re.fullmatch(r"[A-Z]+", param.metavar or ""), (path, param.name, param.metavar)


def test_a_hard_wrapped_docstring_is_one_paragraph(run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = _help(run, monkeypatch, ("calendar",), 120)
    assert "importing a newer file moves the event instead of adding a second one" in " ".join(
        text.split()
    )
    assert "moves the event\n" not in text


def test_the_values_are_named_in_usage_and_options(run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = _help(run, monkeypatch, ("mentor", "set"), 100)
    assert "Usage: mentorlog mentor set [OPTIONS] MENTOR\n" in text
    assert re.search(r"-c, --cadence CADENCE\s", text)
    assert re.search(r"--since DATE\s", text)
    text = _help(run, monkeypatch, ("search",), 100)
    assert "Usage: mentorlog search [OPTIONS] WORDS...\n" in text
    assert re.search(r"-n, --limit N\s", text)
