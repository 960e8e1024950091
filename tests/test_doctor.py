"""`mentorlog doctor`: every problem in the journal with its path, what is wrong and how to fix
it; exit 1 when there is any, 0 and a friendly line when there is none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROBLEM_KEYS = {"path", "line", "problem", "fix"}


@pytest.fixture
def journal(run, journal_dir: Path) -> Path:
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert run("goal", "add", "Present the budget", "--mentor", "ruth").exit_code == 0
    return journal_dir


def write(journal: Path, rel: str, text: str) -> Path:
    path = journal / rel
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(text, "utf-8")
    path.chmod(0o600)
    return path


def problems(run) -> list[dict]:
    result = run("doctor", "--json")
    assert result.exit_code == 1, result.stderr
    data = result.json()
    assert all(set(p) == PROBLEM_KEYS for p in data)
    return data


def test_a_healthy_journal_is_all_good(run, journal):
    result = run("doctor")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "All good: 1 mentor, 1 goal, 0 sessions, 0 reflections" in result.stderr


def test_a_healthy_journal_in_json_is_an_empty_list(run, journal):
    result = run("doctor", "--json")
    assert result.exit_code == 0
    assert result.json() == []


def test_a_file_that_does_not_parse_is_reported_with_path_line_and_fix(run, journal):
    write(journal, "mentors/broken.toml", 'name = "Ruth"\nrole = \n')
    (problem,) = problems(run)
    assert problem["path"] == "mentors/broken.toml"
    assert problem["line"] == 2
    assert "TOML error" in problem["problem"]
    assert problem["fix"]


def test_the_human_report_is_a_table_and_a_count(run, journal):
    write(journal, "mentors/broken.toml", "name = \n")
    result = run("doctor")
    assert result.exit_code == 1
    assert "mentors/broken.toml:1" in result.stdout
    assert "how to fix" in result.stdout
    assert "1 problem found." in result.stderr


def test_an_invalid_field_names_the_field(run, journal):
    write(journal, "goals/odd.toml", 'title = "Odd"\ntarget = "next spring"\n')
    (problem,) = problems(run)
    assert (problem["path"], problem["line"]) == ("goals/odd.toml", 2)
    assert "`target`" in problem["problem"]


def test_a_missing_required_field_is_reported(run, journal):
    write(journal, "mentors/nameless.toml", 'role = "Analyst"\n')
    (problem,) = problems(run)
    assert "`name` is required" in problem["problem"]


def test_links_to_records_that_do_not_exist_are_reported(run, journal):
    write(journal, "goals/orphan.toml", 'title = "Orphan"\nmentors = ["nobody"]\n')
    write(
        journal,
        "sessions/2026/2026-11-02-ghost.md",
        '+++\nmentor = "ghost"\ndate = 2026-11-02\ngoals = ["missing-goal"]\n+++\n',
    )
    write(
        journal,
        "reflections/2026/2026-11-03-ruth-castellanos.md",
        '+++\ndate = 2026-11-03\nsession = "2026-11-02-nothing"\nmentor = "ruth-castellanos"\n+++\n',
    )
    found = {(p["path"], p["problem"]) for p in problems(run)}
    assert ("goals/orphan.toml", "links to mentor 'nobody', which does not exist") in found
    assert any(path.endswith("2026-11-02-ghost.md") and "'ghost'" in what for path, what in found)
    assert any("'missing-goal'" in what for _, what in found)
    assert any("'2026-11-02-nothing'" in what for _, what in found)


def test_a_session_in_the_wrong_year_folder_is_reported(run, journal):
    write(
        journal,
        "sessions/2025/2026-01-05-ruth-castellanos.md",
        '+++\nmentor = "ruth-castellanos"\ndate = 2026-01-05\n+++\n',
    )
    (problem,) = problems(run)
    assert "filed under 2025" in problem["problem"]
    assert "sessions/2026/" in problem["fix"]


def test_a_session_outside_a_year_folder_is_reported(run, journal):
    write(journal, "sessions/2026-01-05-ruth.md", '+++\nmentor = "ruth"\ndate = 2026-01-05\n+++\n')
    (problem,) = problems(run)
    assert "year folder" in problem["problem"]


def test_conflict_copies_from_sync_tools_are_reported(run, journal):
    write(journal, "mentors/ruth-castellanos.sync-conflict-20261101-1234.toml", 'name = "R"\n')
    write(journal, "goals/present-the-budget (conflicted copy).toml", 'title = "P"\n')
    found = problems(run)
    assert len(found) == 2
    assert all("conflict copy" in p["problem"] for p in found)
    assert all("merge" in p["fix"] for p in found)


def test_a_file_name_that_is_not_an_id_is_reported(run, journal):
    write(journal, "mentors/Ruth_Backup.toml", 'name = "Ruth"\n')
    (problem,) = problems(run)
    assert problem["path"] == "mentors/Ruth_Backup.toml"
    assert "not a valid id" in problem["problem"]


def test_two_files_with_the_same_id_are_reported(run, journal):
    text = '+++\nmentor = "ruth-castellanos"\ndate = 2026-11-02\n+++\n'
    write(journal, "sessions/2026/2026-11-02-ruth-castellanos.md", text)
    write(journal, "sessions/2027/2026-11-02-ruth-castellanos.md", text)
    found = problems(run)
    assert any("same id" in p["problem"] for p in found)


def test_left_over_temporary_files_and_recovery_files_are_reported(run, journal):
    write(journal, "mentors/.ruth-castellanos.toml.123.abcd.tmp", "half")
    write(journal, ".recovery/20261123-101010-ruth-castellanos.md", "kept text")
    found = {p["path"]: p for p in problems(run)}
    assert "interrupted write" in found["mentors/.ruth-castellanos.toml.123.abcd.tmp"]["problem"]
    assert "editor" in found[".recovery/20261123-101010-ruth-castellanos.md"]["problem"]


def test_merge_conflict_markers_are_reported_with_their_line(run, journal):
    write(
        journal,
        "goals/present-the-budget.toml",
        'title = "Present"\n<<<<<<< ours\nstatus = "open"\n=======\nstatus = "done"\n>>>>>>> theirs\n',
    )
    (problem,) = problems(run)
    assert (problem["path"], problem["line"]) == ("goals/present-the-budget.toml", 2)
    assert "merge conflict" in problem["problem"]


def test_every_problem_is_listed_at_once(run, journal):
    write(journal, "mentors/a.toml", "name = \n")
    write(journal, "mentors/b.toml", 'name = "B"\nstage = "boss"\n')
    write(journal, "goals/c.toml", "title = 1\n")
    assert [p["path"] for p in problems(run)] == [
        "goals/c.toml",
        "mentors/a.toml",
        "mentors/b.toml",
    ]


def test_doctor_changes_nothing(run, journal):
    write(journal, "mentors/a.toml", "name = \n")
    before = {p: p.read_bytes() for p in journal.rglob("*") if p.is_file()}
    run("doctor")
    assert {p: p.read_bytes() for p in journal.rglob("*") if p.is_file()} == before


def test_files_others_can_read_get_a_note_but_are_not_a_problem(run, journal):
    os.chmod(journal / "mentors" / "ruth-castellanos.toml", 0o644)
    os.chmod(journal, 0o755)
    result = run("doctor")
    assert result.exit_code == 0
    assert "2 files or folders here can be read by other users" in result.stderr
    assert f"chmod -R go-rwx {journal}" in result.stderr
    assert run("doctor", "--json").json() == []


def test_a_private_journal_gets_no_note(run, journal):
    assert "other users" not in run("doctor").stderr
