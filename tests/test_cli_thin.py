"""Commands parse, call one use case and render; the use case decides. What a use case checks
without the journal is checked before a command creates one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--email", "a" * 400, "email is longer than 320 characters"),
        ("--role", "r" * 600, "role is longer than 500 characters"),
        ("--org", "a\x01b", "organisation contains the control character"),
        ("--strength", "s" * 600, "a strength is longer than 500 characters"),
        ("--background", "a\x00b", "background contains the control character NUL"),
        ("--stage", "retired", "stage"),
    ],
)
def test_a_bad_new_mentor_creates_no_journal(
    run: Any, journal_dir: Path, option: str, value: str, said: str
) -> None:
    result = run("mentor", "add", "Ann Lee", option, value)
    assert result.exit_code == 2, result.stderr
    assert said in result.stderr
    assert result.stderr.count("\n") == 1
    assert not journal_dir.exists()


def test_a_good_new_mentor_creates_the_journal(run: Any, journal_dir: Path) -> None:
    result = run("mentor", "add", "Ann Lee", "--email", "ann@example.org")
    assert result.exit_code == 0, result.stderr
    assert (journal_dir / "mentors" / "ann-lee.toml").is_file()
