"""`agree` keeps what was agreed: an amendment never moves the day agreed (the term runs from
it), only --date does, and ground_rules follows; a command that records nothing says so."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from journal_builder import Builder
from mentorlog.errors import UsageError


def _ruth(journal_dir: Path) -> Path:
    Builder(journal_dir).mentor("ruth", name="Ruth Park", since="2026-01-05")
    return journal_dir / "mentors" / "ruth.toml"


def _data(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


AMENDMENTS = [
    ("--bring", "an update"),
    ("--cadence", "monthly"),
    ("--term", "9m"),
    ("--review", "2026-12-01"),
    ("--confidentiality", "both ways"),
    ("--channel", "email"),
]


@pytest.mark.parametrize(("option", "value"), AMENDMENTS)
def test_an_amendment_keeps_the_day_agreed_and_the_end_of_the_term(
    run, journal_dir, option, value
) -> None:
    path = _ruth(journal_dir)
    assert run("agree", "ruth", "--no-edit", "--date", "2026-06-01", "--term", "6m").exit_code == 0
    result = run("agree", "ruth", "--no-edit", option, value)
    assert result.exit_code == 0, result.stderr
    data = _data(path)
    assert data["agreement"]["agreed"] == date(2026, 6, 1)
    assert data["ground_rules"] == date(2026, 6, 1)
    assert "of 2026-06-01" in result.stderr


def test_an_amendment_in_the_editor_keeps_the_day_agreed_even_when_the_line_is_removed(
    run, journal_dir, tmp_path, monkeypatch
) -> None:
    path = _ruth(journal_dir)
    run("agree", "ruth", "--no-edit", "--date", "2026-06-01", "--term", "6m")
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\nsed -i -e '/^agreed = /d' -e 's/^term = .*/term = \"1y\"/' \"$1\"\n"
    )
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    assert run("agree", "ruth", "--edit").exit_code == 0
    data = _data(path)
    assert data["agreement"] == {"agreed": date(2026, 6, 1), "term": "12m"}
    assert data["ground_rules"] == date(2026, 6, 1)


def test_date_moves_the_day_agreed_and_ground_rules_with_it(run, journal_dir) -> None:
    path = _ruth(journal_dir)
    run("agree", "ruth", "--no-edit", "--term", "6m")
    assert _data(path)["agreement"]["agreed"] == date.fromisoformat(TODAY)
    assert run("agree", "ruth", "--no-edit", "--date", "2026-05-04").exit_code == 0
    data = _data(path)
    assert data["agreement"] == {"agreed": date(2026, 5, 4), "term": "6m"}
    assert data["ground_rules"] == date(2026, 5, 4)


def test_a_date_after_the_review_already_agreed_is_refused(run, journal_dir) -> None:
    path = _ruth(journal_dir)
    run("agree", "ruth", "--no-edit", "--date", "2026-03-01", "--review", "2026-06-01")
    before = path.read_bytes()
    result = run("agree", "ruth", "--no-edit", "--date", "2026-07-01")
    assert result.exit_code == UsageError.exit_code
    assert "review date 2026-06-01 comes before" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", [(), ("--no-edit",)])
def test_agree_with_nothing_to_record_is_refused_and_writes_nothing(run, journal_dir, args) -> None:
    path = _ruth(journal_dir)
    before = path.read_bytes()
    result = run("agree", "ruth", *args, stdin="\n")
    assert result.exit_code == UsageError.exit_code
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nothing to record" in result.stderr and "--cadence" in result.stderr
    assert "Recorded" not in result.stderr + result.stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize("option", ["--confidentiality", "--bring", "--channel"])
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_text_clears_its_key_and_says_so(run, journal_dir, option, blank) -> None:
    path = _ruth(journal_dir)
    run("agree", "ruth", "--no-edit", "--term", "6m", option, "kept for now")
    result = run("agree", "ruth", "--no-edit", option, blank)
    assert result.exit_code == 0, result.stderr
    key = option.removeprefix("--").replace("channel", "channels")
    assert f"cleared {key}" in result.stderr
    assert key not in _data(path)["agreement"]
    assert _data(path)["agreement"]["term"] == "6m"


def test_an_agree_that_changes_nothing_says_so_and_leaves_the_file_alone(run, journal_dir) -> None:
    path = _ruth(journal_dir)
    run("agree", "ruth", "--no-edit", "--term", "6m", "--bring", "notes")
    before = path.read_bytes()
    for args in (("--bring", "notes"), ("--confidentiality", ""), ("--term", "6m")):
        result = run("agree", "ruth", "--no-edit", *args)
        assert result.exit_code == 0, result.stderr
        assert "Nothing changed" in result.stderr and "Recorded" not in result.stderr
        assert path.read_bytes() == before


@pytest.mark.parametrize("value", ["0d", "0", "99999y", "61m", "6y", "soon", "-3m", "1.5m"])
def test_a_bad_term_names_the_option_and_the_range(run, journal_dir, value) -> None:
    path = _ruth(journal_dir)
    before = path.read_bytes()
    result = run("agree", "ruth", "--no-edit", "--term", value)
    assert result.exit_code == UsageError.exit_code
    assert "--term" in result.stderr and "from 1 day to 5 years" in result.stderr
    assert "cadence" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_a_bad_term_in_the_editor_names_the_agreements_term(
    run, journal_dir, tmp_path, monkeypatch
) -> None:
    path = _ruth(journal_dir)
    before = path.read_bytes()
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i -e \'s/^# term = .*/term = "0d"/\' "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    result = run("agree", "ruth", "--edit")
    assert result.exit_code == UsageError.exit_code
    assert "the agreement's term" in result.stderr and "from 1 day to 5 years" in result.stderr
    assert path.read_bytes() == before
