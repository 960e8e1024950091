"""The documentation is part of the product: it is generated, linked and kept true."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from mentorlog.cli import reference
from mentorlog.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def _all_commands(command, path):  # type: ignore[no-untyped-def]
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _all_commands(sub, [*path, name])


def test_every_command_and_option_has_help_text():
    missing = []
    for path, command in _all_commands(get_command(app), ["mentorlog"]):
        if not (command.help or "").strip():
            missing.append(" ".join(path))
        for param in command.params:
            if param.param_type_name == "option" and not (param.help or "").strip():
                missing.append(f"{' '.join(path)} {param.opts[0]}")
    assert missing == []


def test_the_checked_in_command_reference_is_current():
    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == reference.render(), (
        "run `python -m mentorlog.cli.reference --write`"
    )


def test_ci_runs_the_readme_test_command_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme.split("## Quick start", 1)[1], re.S)
    run_command, test_command = blocks[0].strip(), blocks[1].strip()
    assert "mentorlog --dir examples/journal due" in run_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_every_document_the_readme_links_to_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (ROOT / target).is_file(), target
