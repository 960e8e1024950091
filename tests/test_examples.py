"""The example journal in examples/journal is a working journal: every file parses, every link
resolves, and the commands read it as its files say."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from mentorlog.journal import feedback, frontmatter
from mentorlog.journal.layout import LAYOUT
from mentorlog.journal.storage import Journal

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "journal"


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file())


def test_doctor_finds_nothing_wrong_in_a_copy(run, example_dir):
    result = run("doctor", "--json")
    assert result.json() == []
    assert result.exit_code == 0
    human = run("doctor")
    assert human.exit_code == 0
    assert "All good: 6 mentors, 7 goals, 23 sessions, 10 reflections" in human.stderr


def test_doctor_is_quiet_about_modes_once_the_copy_is_private(run, example_dir):
    for path in [example_dir, *example_dir.rglob("*")]:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    assert "other users" not in run("doctor").stderr


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_every_example_file_parses_and_validates(path):
    journal = Journal(EXAMPLES)
    rel = path.relative_to(EXAMPLES).as_posix()
    if rel == "mentorlog.toml":
        assert tomllib.loads(path.read_text("utf-8"))["schema_version"] == 1
        return
    if rel.startswith(feedback.FOLDER + "/"):  # read on its own, by feedback, brief and review
        items, problems = feedback.load(journal)
        assert problems == [] and path.stem in {item.id for item in items}
        return
    kind = next(k for k, (folder, _, _) in LAYOUT.items() if rel.startswith(folder + "/"))
    record = journal.parse_file(kind, path, rel)
    assert record.id == path.stem


def test_example_front_matter_round_trips(example_dir):
    for path in sorted((example_dir / "sessions").rglob("*.md")):
        text = path.read_text("utf-8")
        data, body = frontmatter.parse(text, path.name)
        rebuilt = frontmatter.join(frontmatter.dumps_toml(data), body)
        assert frontmatter.parse(rebuilt, path.name) == (data, body)


def test_every_command_lists_the_example_records(run, example_dir):
    mentors = run("mentor", "list", "--all", "--json")
    assert mentors.exit_code == 0 and mentors.stderr == ""
    assert {m["id"] for m in mentors.json()} == {
        "helen-achterberg",
        "marcus-oyelaran",
        "priya-natarajan",
        "ruth-castellanos",
        "tomas-lindqvist",
        "walter-nakamura",
    }
    goals = run("goal", "list", "--all", "--json")
    assert len(goals.json()) == 7


def test_example_statuses_as_of_the_pinned_day(run, example_dir):
    status = {m["id"]: m["status"] for m in run("mentor", "list", "--all", "--json").json()}
    assert status["walter-nakamura"] == "ended"
    assert status["helen-achterberg"] == "paused"
    assert status["ruth-castellanos"] == "active"
    assert "walter-nakamura" not in run("mentor", "list").stdout


def test_an_example_mentor_shows_everything_from_its_file(run, example_dir):
    ruth = run("mentor", "show", "ruth", "--json").json()
    assert ruth["cadence"] == "6w"
    assert ruth["resume_sent"] == "2026-05-22"
    assert {"what": "resume", "date": "2026-05-22"} in ruth["shared"]
    human = run("mentor", "show", "Ruth")
    assert "Assistant City Manager" in human.stdout
    assert "plain-language budget summary" in human.stdout


def test_changing_an_example_file_keeps_its_comments_and_layout(run, example_dir):
    path = example_dir / "mentors" / "ruth-castellanos.toml"
    before = path.read_text("utf-8")
    assert run("mentor", "set", "ruth", "--cadence", "2m").exit_code == 0
    after = path.read_text("utf-8")
    assert after == before.replace('cadence = "6w"', 'cadence = "2m"', 1)
