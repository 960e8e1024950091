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


def test_every_test_that_reliability_md_names_exists():
    """A promise in docs/reliability.md is only as good as the test it names."""
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = 0
    missing = []
    for row in doc.splitlines():
        if not row.startswith("|"):
            continue
        current = None
        for match in re.finditer(
            r"`((?:tests/)?(?:[\w/]+/)?(test_\w+\.py))?(?:::)?(test_\w+)?", row
        ):
            path, file_name, test_name = match.groups()
            if file_name:
                candidates = (
                    [ROOT / path]
                    if path.startswith("tests/")
                    else [ROOT / "tests" / "reliability" / file_name, ROOT / "tests" / file_name]
                )
                current = next((c for c in candidates if c.is_file()), None)
                if current is None:
                    missing.append(file_name)
                    continue
            if test_name and current is not None:
                named += 1
                source = current.read_text(encoding="utf-8")
                # `test_the_editor_copy_...` names every test with that prefix
                if f"def {test_name}" not in source:
                    missing.append(f"{current.name}::{test_name}")
    assert named > 50
    assert missing == []
