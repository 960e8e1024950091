"""A file that could not be read never lets a command act as if it were not there: a decision
taken from the set of mentors, goals, sessions or feedback (this name is free, this person is
new, this text means that one) is refused, with the file, its line and the fix, and nothing is
written, whenever the unread file may be the one that matters. Reads still show the rest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_builder import Builder
from mentorlog.domain.models import Mentor, Problem
from mentorlog.errors import InvalidFile, NotFound
from mentorlog.journal.reader import ById
from mentorlog.services import resolve

CONFLICT = '<<<<<<< HEAD\nrole = "Director"\n=======\nrole = "Head"\n>>>>>>> theirs\n'
BROKEN = "mentors/tomas-lindqvist.toml"


def files(root: Path) -> dict[str, bytes]:
    """Every file under the journal, with its bytes (the index lives elsewhere)."""
    found: dict[str, bytes] = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if not name.startswith(".mentorlog"):
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


@pytest.fixture
def broken(run: Any, journal_dir: Path) -> Path:
    """Tomas's file has a merge conflict in it; Ana and her session read well."""
    assert run("mentor", "add", "Tomas Lindqvist").exit_code == 0
    assert run("mentor", "add", "Ana Ruiz").exit_code == 0
    assert run("goal", "add", "Speak at council", "--mentor", "ana-ruiz").exit_code == 0
    Builder(journal_dir).session("ana-ruiz", "2026-11-02", "## Notes\nfine\n")
    with (journal_dir / BROKEN).open("a", encoding="utf-8") as out:
        out.write(CONFLICT)
    return journal_dir


def refused(result: Any) -> None:
    """Exit 5 and one line naming the file, its line and the fix (after any warnings)."""
    assert result.exit_code == 5, result.stderr
    *warnings, line = result.stderr.strip().splitlines()
    assert all(w.startswith("mentorlog: ") for w in warnings), warnings
    assert f"{BROKEN}:3:" in line and "merge conflict" in line
    assert "delete the markers" in line  # how to fix it
    assert "Traceback" not in result.stderr


def test_adding_the_same_mentor_again_is_refused_while_their_file_is_broken(
    run: Any, broken: Path
) -> None:
    before = files(broken)
    result = run("mentor", "add", "Tomas Lindqvist")
    refused(result)
    assert "it may hold Tomas Lindqvist" in result.stderr
    assert "--allow-same-name" in result.stderr
    assert files(broken) == before
    assert not (broken / "mentors" / "tomas-lindqvist-2.toml").exists()


def test_any_new_mentor_is_refused_because_the_broken_file_may_be_them(
    run: Any, broken: Path
) -> None:
    before = files(broken)
    refused(run("mentor", "add", "Tom Lindqvist", "--email", "tom@example.org"))
    assert files(broken) == before


def test_allow_same_name_adds_anyway(run: Any, broken: Path) -> None:
    result = run("mentor", "add", "Tomas Lindqvist", "--allow-same-name")
    assert result.exit_code == 0, result.stderr
    assert (broken / "mentors" / "tomas-lindqvist-2.toml").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("session", "new", "-m", "tomas", "--topic", "Budget", "--notes", "n", "--no-edit"),
        ("session", "new", "-m", "ana", "--topic", "Budget", "--notes", "n", "--no-edit"),
        ("thank", "ana", "--how", "email"),
        ("ask", "ana", "How did you prepare?"),
        ("ask", "add", "lindqvist", "How did you prepare?"),
        ("meet", "ana", "2026-11-30", "--at", "10:00"),
        ("goal", "add", "Write the plan", "--mentor", "Ana Ruiz"),
        ("reflect", "-m", "ana", "--text", "Delegating is teaching.", "--no-edit"),
        ("mentor", "set", "ana", "--role", "Director"),
        ("mentor", "end", "ana"),
        ("mentor", "rm", "--yes", "ana"),
        ("mentor", "add", "Zoe Park"),
    ],
    ids=lambda command: "-".join(command[:3]),
)
def test_every_change_that_finds_a_mentor_by_name_is_refused(
    run: Any, broken: Path, command: tuple[str, ...]
) -> None:
    before = files(broken)
    result = run(*command)
    refused(result)
    assert files(broken) == before


def test_the_exact_id_of_a_mentor_that_reads_still_works(run: Any, broken: Path) -> None:
    result = run("session", "new", "-m", "ana-ruiz", "--topic", "Budget", "--notes", "n")
    assert result.exit_code == 0, result.stderr
    assert (broken / "sessions" / "2026" / "2026-11-23-ana-ruiz.md").exists()
    assert run("ask", "ana-ruiz", "How did you prepare?").exit_code == 0


def test_reads_still_show_what_they_found_and_name_the_broken_file(run: Any, broken: Path) -> None:
    result = run("mentor", "show", "ana", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == "ana-ruiz"
    assert BROKEN in result.stderr


def test_a_name_that_matches_nothing_names_the_broken_file_when_changing(
    run: Any, broken: Path
) -> None:
    # "Lindqvist" matches no mentor that reads: it may well be the one that does not.
    refused(run("thank", "lindqvist"))


def test_a_goal_title_is_not_trusted_next_to_a_broken_goal(run: Any, broken: Path) -> None:
    (broken / "goals" / "hire.toml").write_text('title = "Hire\n', "utf-8")
    before = files(broken)
    result = run("session", "new", "-m", "ana-ruiz", "-g", "Speak at council", "--notes", "n")
    assert result.exit_code == 5 and "goals/hire.toml:1" in result.stderr
    assert files(broken) == before
    by_id = run("session", "new", "-m", "ana-ruiz", "-g", "speak-at-council", "--notes", "n")
    assert by_id.exit_code == 0, by_id.stderr


def test_a_session_prefix_shared_with_an_unread_session_is_refused(run: Any, broken: Path) -> None:
    rel = "sessions/2026/2026-11-02-ana-ruiz-2.md"
    (broken / rel).write_text("+++\nmentor = 'ana-ruiz'\ndate = 'soon'\n+++\n", "utf-8")
    before = files(broken)
    result = run("action", "add", "2026-11-02-ana", "Send the draft")
    assert result.exit_code == 5 and rel in result.stderr
    assert files(broken) == before
    done = run("action", "add", "2026-11-02-ana-ruiz", "Send the draft")
    assert done.exit_code == 0, done.stderr


def test_removing_a_mentor_whose_session_may_be_unread_is_refused(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir).mentor("ana-ruiz", name="Ana Ruiz").mentor("bo-li", name="Bo Li")
    (journal_dir / "sessions" / "2026").mkdir()
    (journal_dir / "sessions" / "2026" / "2026-11-02-ana-ruiz.md").write_text("+++\n", "utf-8")
    result = run("mentor", "rm", "--yes", "ana-ruiz")
    assert result.exit_code == 5 and "2026-11-02-ana-ruiz.md" in result.stderr
    assert (journal_dir / "mentors" / "ana-ruiz.toml").exists()
    # A session named for someone else is not theirs: Bo goes.
    assert run("mentor", "rm", "--yes", "bo-li").exit_code == 0


def test_a_conflict_copy_counts_as_an_unread_mentor_file(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor("ana-ruiz", name="Ana Ruiz")
    copy = journal_dir / "mentors" / "tomas-lindqvist.sync-conflict-20261101.toml"
    copy.write_text('name = "Tomas Lindqvist"\n', "utf-8")
    result = run("mentor", "add", "Tomas Lindqvist")
    assert result.exit_code == 5 and "sync-conflict" in result.stderr
    assert not (journal_dir / "mentors" / "tomas-lindqvist.toml").exists()


VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tomas Lindqvist\r\nEND:VCARD\r\n"
CSV = "name,email\r\nTomas Lindqvist,tomas@example.org\r\n"
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:call@x\r\nDTSTART:20261102T100000Z\r\n"
    "SUMMARY:Chat with Ana Ruiz\r\nATTENDEE;CN=Ana Ruiz:mailto:ana@example.org\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("kind", "text"), [("vcard", VCARD), ("csv", CSV), ("ics", ICS)], ids=["vcard", "csv", "ics"]
)
@pytest.mark.parametrize("dry_run", [False, True], ids=["real", "dry-run"])
def test_an_import_is_refused_while_a_mentor_file_is_unread(
    run: Any, broken: Path, tmp_path: Path, kind: str, text: str, dry_run: bool
) -> None:
    source = tmp_path / f"in.{kind}"
    source.write_text(text, "utf-8")
    before = files(broken)
    confirm = ["--yes"] if kind == "ics" else []
    result = run("import", kind, str(source), *confirm, *(["--dry-run"] if dry_run else []))
    refused(result)
    assert "nothing was imported" in result.stderr
    assert files(broken) == before


def test_a_calendar_import_is_refused_while_a_session_of_that_day_is_unread(
    run: Any, journal_dir: Path, tmp_path: Path
) -> None:
    Builder(journal_dir).mentor("ana-ruiz", name="Ana Ruiz", email="ana@example.org")
    (journal_dir / "sessions" / "2026").mkdir()
    unread = journal_dir / "sessions" / "2026" / "2026-11-02-ana-ruiz.md"
    unread.write_text("+++\nmentor = 'ana-ruiz'\ndate = 2026-11-02\nevent = \n+++\n", "utf-8")
    source = tmp_path / "in.ics"
    source.write_text(ICS, "utf-8")
    before = files(journal_dir)
    result = run("import", "ics", str(source), "--yes")
    assert result.exit_code == 5 and "2026-11-02-ana-ruiz.md" in result.stderr
    assert "may already hold one of these meetings" in result.stderr
    assert files(journal_dir) == before
    # Once the file reads (without the meeting), the import goes ahead.
    unread.write_text("+++\nmentor = 'ana-ruiz'\ndate = 2026-11-02\n+++\n", "utf-8")
    assert run("import", "ics", str(source), "--yes").exit_code == 0
    assert (journal_dir / "sessions" / "2026" / "2026-11-02-ana-ruiz-2.md").exists()


def _unread_mentors(ids: list[str]) -> ById[Mentor]:
    mentors: ById[Mentor] = ById()
    for record_id in ids:
        mentors.unreadable[record_id] = Problem(f"mentors/{record_id}.toml", "is broken", 1)
    return mentors


ID = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
NAME = st.text(st.characters(categories=["L", "Zs"]), min_size=1, max_size=30)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(good=st.lists(NAME, min_size=1, max_size=5), bad=st.lists(ID, min_size=1, max_size=3))
def test_a_change_never_resolves_a_name_past_an_unread_mentor(
    good: list[str], bad: list[str]
) -> None:
    mentors = _unread_mentors(bad)
    for n, name in enumerate(good):
        mentors[f"m{n}"] = Mentor(id=f"m{n}", name=name)
    for n, name in enumerate(good):
        # Only the exact id of a mentor that reads is certain when changing something.
        assert resolve.mentor(mentors, f"m{n}", deciding=True).id == f"m{n}"
        with pytest.raises((InvalidFile, NotFound)) as caught:
            resolve.mentor(mentors, name, deciding=True)
        if not isinstance(caught.value, InvalidFile):
            assert caught.type.__name__ == "Ambiguous"  # several readable mentors share it


def test_a_second_session_the_same_day_waits_for_the_first_to_read(
    run: Any, journal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Builder(journal_dir).mentor("ana-ruiz", name="Ana Ruiz")
    assert run("session", "new", "-m", "ana-ruiz", "--notes", "first").exit_code == 0
    first = journal_dir / "sessions" / "2026" / "2026-11-23-ana-ruiz.md"
    with first.open("a", encoding="utf-8") as out:
        out.write(CONFLICT)
    before = files(journal_dir)
    for command in (
        ("session", "new", "-m", "ana-ruiz", "--notes", "again"),
        ("thank", "ana-ruiz"),
    ):
        result = run(*command)
        assert result.exit_code == 5, result.stderr
        assert "2026-11-23-ana-ruiz.md" in result.stderr and "same call" in result.stderr
    # The editor never opens on a call that could not be recorded.
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ntouch {opened}\necho notes >> "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    assert run("session", "new", "-m", "ana-ruiz", "--edit").exit_code == 5
    assert not opened.exists()
    assert files(journal_dir) == before
    # Another day is another call.
    other = run("session", "new", "-m", "ana-ruiz", "--date", "yesterday", "--notes", "x")
    assert other.exit_code == 0, other.stderr


def test_the_same_goal_or_reflection_waits_for_its_unread_file(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor("ana-ruiz", name="Ana Ruiz")
    (journal_dir / "goals" / "speak-at-council.toml").write_text('title = "Speak\n', "utf-8")
    (journal_dir / "reflections" / "2026").mkdir()
    reflection = journal_dir / "reflections" / "2026" / "2026-11-23-ana-ruiz.md"
    reflection.write_text("+++\ndate = 'soon'\n+++\n", "utf-8")
    before = files(journal_dir)
    goal = run("goal", "add", "Speak at council")
    assert goal.exit_code == 5 and "goals/speak-at-council.toml:1" in goal.stderr
    reflect = run("reflect", "-m", "ana-ruiz", "--text", "Delegating is teaching.", "--no-edit")
    assert reflect.exit_code == 5 and "2026-11-23-ana-ruiz.md" in reflect.stderr
    assert files(journal_dir) == before
    assert run("goal", "add", "Hire a deputy").exit_code == 0
