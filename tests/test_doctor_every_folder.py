"""`mentorlog doctor` checks every folder of the journal's layout, feedback/ included, and a
link to a record whose file is there but does not read is that file's problem, said once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from journal_builder import Builder
from mentorlog.journal.layout import JOURNAL_LAYOUT


def doctor_paths(run: Any) -> list[str]:
    result = run("doctor", "--json")
    assert result.exit_code == 1, result.stderr
    return [p["path"] for p in result.json()]


@pytest.mark.parametrize("kind", sorted(JOURNAL_LAYOUT))
def test_a_broken_file_in_any_folder_of_the_layout_is_reported(
    run: Any, journal_dir: Path, kind: str
) -> None:
    # Driven by the layout table: a folder added there is checked here without a new test.
    folder, extension, by_year = JOURNAL_LAYOUT[kind]
    Builder(journal_dir)
    where = journal_dir / folder / ("2026" if by_year else "")
    where.mkdir(parents=True, exist_ok=True)
    name = f"2026-11-02-bad{extension}" if by_year else f"bad{extension}"
    (where / name).write_text("+++\n= broken\n+++\n" if extension == ".md" else "= broken\n")
    rel = (where / name).relative_to(journal_dir).as_posix()
    assert rel in doctor_paths(run)


@pytest.mark.parametrize(
    "make",
    [
        lambda path: path.write_text("text = 3\n", "utf-8"),
        lambda path: os.mkfifo(path),
    ],
    ids=["wrong-type", "fifo"],
)
def test_a_bad_feedback_file_is_a_problem_and_feedback_done_names_it(
    run: Any, journal_dir: Path, make: Any
) -> None:
    Builder(journal_dir)
    assert run("feedback", "add", "Slides carry too much text").exit_code == 0
    bad = journal_dir / "feedback" / "bad.toml"
    make(bad)
    listed = run("feedback", "list")
    assert "feedback/bad.toml" in listed.stderr
    result = run("doctor")
    assert result.exit_code == 1
    assert "All good" not in result.stderr and "feedback/bad.toml" in result.stdout
    done = run("feedback", "done", "bad")
    assert done.exit_code == 5, done.stderr
    assert done.stderr.startswith("mentorlog: feedback/bad.toml")
    assert "Traceback" not in done.stderr
    # The item that reads is still done by its id.
    assert run("feedback", "done", "slides-carry-too-much-text").exit_code == 0


def test_feedback_done_by_its_words_is_refused_while_another_item_is_unread(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir)
    assert run("feedback", "add", "Slides carry too much text").exit_code == 0
    (journal_dir / "feedback" / "late.toml").write_text('text = "Slides\n', "utf-8")
    path = journal_dir / "feedback" / "slides-carry-too-much-text.toml"
    before = path.read_bytes()
    result = run("feedback", "done", "Slides carry")  # its words, not its id
    assert result.exit_code == 5 and "feedback/late.toml:1" in result.stderr
    assert path.read_bytes() == before


def test_the_sessions_of_a_mentor_whose_file_is_broken_are_not_blamed(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir).mentor("ruth-castellanos", name="Ruth Castellanos").goal(
        "budget", mentors=["ruth-castellanos"]
    ).session("ruth-castellanos", "2026-10-01", goals=["budget"]).session(
        "ruth-castellanos", "2026-11-01"
    ).reflection(
        "2026-11-02-r",
        "2026-11-02",
        mentor="ruth-castellanos",
        session="2026-11-01-ruth-castellanos",
    )
    (journal_dir / "mentors" / "ruth-castellanos.toml").write_text("name = \n", "utf-8")
    result = run("doctor", "--json")
    assert result.exit_code == 1
    problems = result.json()
    assert [p["path"] for p in problems] == ["mentors/ruth-castellanos.toml"]
    assert "not in the journal" not in result.stdout
    # A mentor that is really gone is still a dangling link.
    (journal_dir / "mentors" / "ruth-castellanos.toml").unlink()
    gone = doctor_paths(run)
    assert "sessions/2026/2026-10-01-ruth-castellanos.md" in gone


def test_links_to_a_broken_goal_or_session_are_not_blamed_either(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir).mentor("ada", name="Ada").session(
        "ada", "2026-10-01", goals=["budget"]
    ).reflection("2026-10-02-r", "2026-10-02", mentor="ada", session="2026-10-01-ada-2")
    (journal_dir / "goals" / "budget.toml").write_text("title = \n", "utf-8")
    broken_session = journal_dir / "sessions" / "2026" / "2026-10-01-ada-2.md"
    broken_session.write_text("+++\ndate = 'soon'\n+++\n", "utf-8")
    assert sorted(doctor_paths(run)) == ["goals/budget.toml", "sessions/2026/2026-10-01-ada-2.md"]


def test_a_journal_holding_only_its_feedback_folder_is_still_taken_for_empty(
    run: Any, journal_dir: Path
) -> None:
    # A new journal may be made in a folder that holds only a journal's own folders.
    (journal_dir / "feedback").mkdir(parents=True)
    result = run("mentor", "add", "Ada Lovelace")
    assert result.exit_code == 0, result.stderr


def test_the_same_feedback_is_not_added_again_while_its_file_does_not_read(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir)
    assert run("feedback", "add", "Slides carry too much text").exit_code == 0
    path = journal_dir / "feedback" / "slides-carry-too-much-text.toml"
    path.write_text('text = "Slides carry too much text\n', "utf-8")
    result = run("feedback", "add", "Slides carry too much text")
    assert result.exit_code == 5
    assert "feedback/slides-carry-too-much-text.toml:1" in result.stderr
    assert sorted(p.name for p in (journal_dir / "feedback").iterdir()) == [path.name]
    # Other feedback is another item.
    assert run("feedback", "add", "I say yes to every request").exit_code == 0
