"""The README's tour is a real workflow: every command in it runs, in order, on a new journal."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# Talking to a remote or reading a file the reader would bring is out of a test's reach.
NEEDS_THE_OUTSIDE = (
    "git remote",
    "sync",
    "import vcard",
    "import ics",
    "undo",
    "notify --install",
)


def tour_commands() -> list[list[str]]:
    tour = README.read_text(encoding="utf-8").split("## A tour", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)\n```", tour, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            # A shell comment starts a word; `#1` inside an action id is not one.
            line = re.sub(r"\s+#\s.*$", "", line)
            for part in line.split("&&"):
                words = shlex.split(part)
                if words and words[0] == "mentorlog":
                    commands.append(words[1:])
    return commands


def test_the_tour_has_the_daily_loop():
    joined = [" ".join(words[:2]) for words in tour_commands()]
    for step in ("goal add", "brief ruth", "session new", "due"):
        assert any(line.startswith(step) for line in joined), step


def test_every_command_of_the_tour_runs(
    run, journal_dir, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    ran = 0
    for words in tour_commands():
        line = " ".join(words)
        if any(line.startswith(skip) for skip in NEEDS_THE_OUTSIDE):
            continue
        result = run(*words)
        # `due --quiet` answers with its exit code: 1 means nobody needs you right now.
        allowed = {0, 1} if words[:2] == ["due", "--quiet"] else {0}
        assert result.exit_code in allowed, f"mentorlog {line}: {result.stderr}"
        assert "Traceback" not in result.stderr
        ran += 1
    assert ran >= 20
    assert (tmp_path / "portfolio.md").is_file()
    assert (tmp_path / "mentors.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
