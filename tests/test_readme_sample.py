"""The README opens with what `mentorlog due` says of the example journal: it must be what it
really says, or the first thing a reader sees is wrong."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def opening_sample() -> tuple[str, str]:
    """The command and the output of the README's first console block."""
    block = re.search(r"```console\n(.*?)```", README.read_text("utf-8"), re.S)
    assert block is not None, "the README opens with a console block"
    command, _, output = block.group(1).partition("\n")
    return command, output


def test_the_opening_sample_is_what_due_says_of_the_example(run, example_dir):  # type: ignore[no-untyped-def]
    command, shown = opening_sample()
    assert command == "$ mentorlog due"
    result = run("due")
    assert result.exit_code == 0, result.stderr
    said = "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())
    assert shown == said


def test_the_chart_sample_is_what_review_draws_of_the_example(run, example_dir, monkeypatch):  # type: ignore[no-untyped-def]
    text = README.read_text("utf-8")
    chart = re.search(r"```text\n(Each mentor against their cadence\n.*?)```", text, re.S)
    assert chart is not None, "the README shows the review's chart"
    monkeypatch.setenv("COLUMNS", "80")  # as the README says
    result = run("review", "--as-of", "2026-11-23", "--since", "2026-05-01")
    assert result.exit_code == 0, result.stderr
    drawn = result.stdout[result.stdout.index("Each mentor against their cadence") :]
    lines = [line.rstrip() for line in chart.group(1).splitlines()]
    assert [line.rstrip() for line in drawn.splitlines()[: len(lines)]] == lines
