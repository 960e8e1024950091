"""`mentorlog session ...`: recording contacts with mentors, listing, showing, editing, removing."""

from __future__ import annotations

import shlex
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.models import KINDS, Mentor, Question
from mentorlog.errors import Ambiguous, UsageError
from mentorlog.services import sessions

SESSION_KEYS = {
    "advice",
    "id",
    "mentor",
    "date",
    "kind",
    "topic",
    "goals",
    "confidential",
    "how",
    "discussed",
    "actions",
    "lessons",
    "source",
    "event",
}
ACTION_KEYS = {
    "acts_on",
    "id",
    "session",
    "number",
    "mentor",
    "text",
    "done",
    "done_on",
    "outcome",
    "date",
    "age_days",
}
TODAYS_TOMAS = Path("sessions/2026/2026-11-23-tomas-lindqvist.md")


def use_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> Path:
    """Point $EDITOR at a Python script that runs `code` with `path` (the file it was given)
    and `text` (what that file held). Returns where the script copies the text it was shown."""
    seen = tmp_path / "seen.md"
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import pathlib, subprocess, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        f"pathlib.Path({str(seen)!r}).write_text(text, encoding='utf-8')\n" + textwrap.dedent(code),
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    return seen


def front(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return tomllib.loads(text.split("+++\n")[1])


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("+++\n", 2)[2]


def recovery_files(root: Path) -> list[Path]:
    folder = root / ".recovery"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".origin.json"))


def session_files(root: Path) -> set[str]:
    return {p.name for p in (root / "sessions").rglob("*.md")}


# --- session new from flags -------------------------------------------------------------------


def test_new_session_from_flags_writes_sections_in_order(run, example_dir):
    result = run(
        "session", "new", "--mentor", "tomas", "--topic", "Opening", "--notes", "We talked.",
        "--action", "Rewrite the opening", "--lesson", "Start with the number #presenting",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "2026-11-23-tomas-lindqvist" in result.stderr
    path = example_dir / TODAYS_TOMAS
    assert front(path) == {
        "mentor": "tomas-lindqvist",
        "date": tomllib.loads("d = 2026-11-23")["d"],
        "kind": "check-in",
        "topic": "Opening",
        "confidential": True,
    }
    assert body_of(path) == (
        "\n## Notes\nWe talked.\n\n"
        "## Lessons\n- Start with the number #presenting\n\n"
        "## Actions\n- [ ] Rewrite the opening\n"
    )


def test_new_session_with_no_notes_and_no_terminal_records_the_contact_alone(run, example_dir):
    result = run("session", "new", "-m", "Ruth")
    assert result.exit_code == 0, result.stderr
    text = (example_dir / "sessions/2026/2026-11-23-ruth-castellanos.md").read_text()
    assert text == (
        '+++\nmentor = "ruth-castellanos"\ndate = 2026-11-23\nkind = "check-in"\n'
        "confidential = true\n+++\n"
    )


def test_new_session_files_are_private(run, example_dir):
    run("session", "new", "-m", "tomas", "-n", "x")
    assert (example_dir / TODAYS_TOMAS).stat().st_mode & 0o777 == 0o600


def test_new_session_takes_a_human_date_and_says_what_it_resolved_to(run, example_dir):
    result = run("session", "new", "-m", "tomas", "--date", "yesterday")
    assert result.exit_code == 0, result.stderr
    assert "2026-11-22 (yesterday)" in result.stderr
    assert (example_dir / "sessions/2026/2026-11-22-tomas-lindqvist.md").is_file()


def test_a_second_session_the_same_day_gets_a_numbered_id(run, example_dir):
    assert run("session", "new", "-m", "tomas", "-n", "first").exit_code == 0
    result = run("session", "new", "-m", "tomas", "-n", "second", "--json")
    assert result.json()["id"] == "2026-11-23-tomas-lindqvist-2"
    assert (example_dir / "sessions/2026/2026-11-23-tomas-lindqvist-2.md").is_file()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Check-In", "check-in"), ("checkin", "check-in"), ("QUESTION", "question"), ("intro", "intro"),
     ("email", "email"), ("message", "message"), ("thank-you", "thanks")],
)  # fmt: skip
def test_kinds_are_normalised(run, example_dir, typed, stored):
    result = run("session", "new", "-m", "tomas", "--kind", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["kind"] == stored
    assert front(example_dir / TODAYS_TOMAS)["kind"] == stored


def test_an_unknown_kind_is_refused_and_the_valid_ones_listed(run, example_dir):
    result = run("session", "new", "-m", "tomas", "--kind", "chat")
    assert result.exit_code == 2
    assert "'chat' is not a kind of session" in result.stderr
    assert "check-in, question, intro, email, message, thanks" in result.stderr
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_an_unknown_mentor_is_refused(run, example_dir):
    before = session_files(example_dir)
    result = run("session", "new", "-m", "nobody", "-n", "notes")
    assert result.exit_code == 4
    assert result.stderr.startswith("mentorlog: there is no mentor 'nobody'")
    assert "notes" not in result.stderr.split("'nobody'")[1]
    assert session_files(example_dir) == before


def test_an_unparseable_date_is_refused(run, example_dir):
    before = session_files(example_dir)
    result = run("session", "new", "-m", "tomas", "--date", "someday soon")
    assert result.exit_code == 2
    assert result.stderr.startswith("mentorlog: ")
    assert "Traceback" not in result.stderr
    assert session_files(example_dir) == before


def test_a_session_in_the_future_is_refused(run, example_dir):
    result = run("session", "new", "-m", "tomas", "--date", "tomorrow")
    assert result.exit_code == 2
    assert "in the future" in result.stderr
    assert not (example_dir / "sessions/2026/2026-11-24-tomas-lindqvist.md").exists()


@pytest.mark.parametrize("notes", ["", "   \n\n  "])
def test_empty_notes_are_refused(run, example_dir, notes):
    result = run("session", "new", "-m", "tomas", "--notes", notes)
    assert result.exit_code == 2
    assert "the notes are empty" in result.stderr
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_an_empty_action_or_lesson_is_refused(run, example_dir):
    assert run("session", "new", "-m", "tomas", "--action", " ").exit_code == 2
    assert run("session", "new", "-m", "tomas", "--lesson", "").exit_code == 2
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_notes_dash_reads_stdin(run, example_dir):
    notes = "He timed it.\nTwo minutes forty.\n"
    result = run("session", "new", "-m", "tomas", "--notes", "-", stdin=notes)
    assert result.exit_code == 0, result.stderr
    assert body_of(example_dir / TODAYS_TOMAS) == "\n## Notes\nHe timed it.\nTwo minutes forty.\n"


def test_empty_stdin_for_notes_is_refused(run, example_dir):
    result = run("session", "new", "-m", "tomas", "--notes", "-", stdin="")
    assert result.exit_code == 2
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_sessions_are_confidential_unless_marked_shareable(run, example_dir):
    run("session", "new", "-m", "tomas")
    assert front(example_dir / TODAYS_TOMAS)["confidential"] is True
    result = run("session", "new", "-m", "ruth", "--shareable", "--json")
    assert result.json()["confidential"] is False
    assert (
        front(example_dir / "sessions/2026/2026-11-23-ruth-castellanos.md")["confidential"] is False
    )


def test_a_thank_you_records_how_it_was_said(run, example_dir):
    result = run(
        "session", "new", "-m", "walter", "--kind", "thanks", "--how", "handwritten note",
        "--date", "2026-11-20", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json()["how"] == "handwritten note"
    data = front(example_dir / "sessions/2026/2026-11-20-walter-nakamura.md")
    assert (data["kind"], data["how"]) == ("thanks", "handwritten note")


def test_how_is_refused_for_anything_but_thanks(run, example_dir):
    result = run("session", "new", "-m", "walter", "--how", "a card")
    assert result.exit_code == 2
    assert "--how is only for a thank-you" in result.stderr


def test_goals_are_resolved_by_prefix_and_linked(run, example_dir):
    result = run("session", "new", "-m", "tomas", "-g", "present", "-g", "present-the", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["goals"] == ["present-the-budget-to-council"]
    assert front(example_dir / TODAYS_TOMAS)["goals"] == ["present-the-budget-to-council"]


def test_an_unknown_goal_is_refused(run, example_dir):
    result = run("session", "new", "-m", "tomas", "-g", "fly-to-the-moon")
    assert result.exit_code == 4
    assert "there is no goal 'fly-to-the-moon'" in result.stderr
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_the_json_of_a_new_session_has_the_documented_keys(run, example_dir):
    result = run("session", "new", "-m", "tomas", "-a", "One", "-l", "Lesson #tag", "--json")
    data = result.json()
    assert set(data) == SESSION_KEYS
    assert set(data["actions"][0]) == ACTION_KEYS
    assert data["actions"][0]["id"] == "2026-11-23-tomas-lindqvist#1"
    assert data["lessons"] == [{"text": "Lesson #tag", "tags": ["tag"]}]
    assert result.stderr == ""


# --- queued questions -------------------------------------------------------------------------

RUTH = Path("mentors/ruth-castellanos.toml")
RUTH_Q1 = "How did you decide you were ready to supervise people instead of spreadsheets?"
RUTH_Q2 = (
    "If council asked for a five percent cut tomorrow, what would you look at first, "
    "and what would you refuse to touch?"
)


def ruth_questions(root: Path) -> list[dict[str, object]]:
    return tomllib.loads((root / RUTH).read_text())["questions"]  # type: ignore[no-any-return]


def test_discussed_by_number_marks_the_question_done_on_the_session_date(run, example_dir):
    result = run("session", "new", "-m", "ruth", "--date", "2026-11-20", "--discussed", "2")
    assert result.exit_code == 0, result.stderr
    questions = ruth_questions(example_dir)
    assert "done" not in questions[1]
    assert str(questions[2]["done"]) == "2026-11-20"
    data = front(example_dir / "sessions/2026/2026-11-20-ruth-castellanos.md")
    assert data["discussed"] == [RUTH_Q2]
    assert "Marked 1 queued question discussed" in result.stderr


def test_discussed_all_marks_every_open_question(run, example_dir):
    result = run("session", "new", "-m", "ruth", "--discussed", "all", "--json")
    assert result.json()["discussed"] == [RUTH_Q1, RUTH_Q2]
    questions = ruth_questions(example_dir)
    assert str(questions[0]["done"]) == "2026-08-11"  # discussed earlier: left alone
    assert [str(q["done"]) for q in questions[1:]] == ["2026-11-23", "2026-11-23"]


def test_discussed_by_the_start_of_the_text_ignores_case(run, example_dir):
    result = run("session", "new", "-m", "ruth", "--discussed", "how did YOU", "--json")
    assert result.json()["discussed"] == [RUTH_Q1]


def test_discussed_keeps_the_rest_of_the_mentor_file(run, example_dir):
    path = example_dir / RUTH
    path.write_text('# my own comment\nfavourite_coffee = "flat white"\n' + path.read_text())
    assert run("session", "new", "-m", "ruth", "--discussed", "1").exit_code == 0
    text = path.read_text()
    assert text.startswith('# my own comment\nfavourite_coffee = "flat white"\n')


@pytest.mark.parametrize(
    ("selector", "message"),
    [("3", "has no open question 3"), ("0", "has no open question 0"),
     ("Why", "none of Ruth Castellanos's open questions starts with 'Why'")],
)  # fmt: skip
def test_a_discussed_question_that_is_not_open_is_refused_and_nothing_written(
    run, example_dir, selector, message
):
    before = (example_dir / RUTH).read_bytes()
    result = run("session", "new", "-m", "ruth", "--discussed", selector)
    assert result.exit_code == 4
    assert message in result.stderr
    assert (example_dir / RUTH).read_bytes() == before
    assert not (example_dir / "sessions/2026/2026-11-23-ruth-castellanos.md").exists()


def test_discussed_with_a_mentor_who_has_no_open_questions_says_how_to_queue_one(run, example_dir):
    result = run("session", "new", "-m", "helen", "--discussed", "all")
    assert result.exit_code == 4
    assert "has no open questions" in result.stderr
    assert "mentorlog ask" in result.stderr


# --- the editor ------------------------------------------------------------------------------


def test_no_editor_opens_when_stdin_is_not_a_terminal(run, example_dir, tmp_path, monkeypatch):
    seen = use_editor(tmp_path, monkeypatch, "sys.exit(3)")
    result = run("session", "new", "-m", "tomas")
    assert result.exit_code == 0, result.stderr
    assert not seen.exists()


def test_no_edit_never_opens_the_editor(run, example_dir, tmp_path, monkeypatch):
    seen = use_editor(tmp_path, monkeypatch, "sys.exit(3)")
    assert run("session", "new", "-m", "tomas", "--no-edit").exit_code == 0
    assert not seen.exists()


def test_the_editor_flow_saves_what_was_written(run, example_dir, tmp_path, monkeypatch):
    use_editor(
        tmp_path,
        monkeypatch,
        """
        text = text.replace("## Notes\\n", "## Notes\\nHe liked the new opening.\\n")
        text = text.replace("- [ ] \\n", "- [ ] Send him the final deck\\n")
        path.write_text(text, encoding="utf-8")
        """,
    )
    result = run("session", "new", "-m", "tomas", "--edit", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert [a["text"] for a in data["actions"]] == ["Send him the final deck"]
    saved = body_of(example_dir / TODAYS_TOMAS)
    assert "He liked the new opening." in saved
    assert "<!--" not in saved  # the template's hints are not kept as notes
    assert recovery_files(example_dir) == []


def test_the_template_is_prefilled_with_open_actions_questions_and_goal_progress(
    run, example_dir, tmp_path, monkeypatch
):
    seen = use_editor(tmp_path, monkeypatch, "path.write_text(text + '\\nok\\n')")
    result = run("session", "new", "-m", "ruth", "--edit", "-g", "negotiate")
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text()
    assert "A check-in on progress with Ruth Castellanos" in shown
    assert "Report back: Send Ruth the fleet slide outline" in shown
    assert "once Carla signs off on it (from 2026-08-11, 2026-08-11-ruth-castellanos#2)" in shown
    assert "## Questions I queued" in shown
    assert f"- 1. {RUTH_Q1}" in shown
    assert f"- 2. {RUTH_Q2}" in shown
    assert "How do you respond when HR says" not in shown  # already discussed
    assert "Goal: Negotiate my reclassification (last progress 2026-09-15" in shown
    for heading in ("## Agenda", "## Notes", "## Advice", "## Lessons", "## Actions"):
        assert heading in shown
    # queued questions are not checkboxes, so they never become action items
    assert RUTH_Q1 not in [a.split("] ", 1)[-1] for a in shown.splitlines() if "[ ]" in a]


def test_questions_left_in_the_editor_are_not_marked_discussed(
    run, example_dir, tmp_path, monkeypatch
):
    before = (example_dir / RUTH).read_bytes()
    use_editor(tmp_path, monkeypatch, "path.write_text(text + '\\nNotes.\\n')")
    result = run("session", "new", "-m", "ruth", "--edit", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["discussed"] == []
    assert (example_dir / RUTH).read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "words"),
    [("question", "A specific question for"), ("intro", "A first call with"),
     ("thanks", "A thank-you to"), ("check-in", "check-in on progress")],
)  # fmt: skip
def test_the_template_is_chosen_by_kind(run, example_dir, tmp_path, monkeypatch, kind, words):
    seen = use_editor(tmp_path, monkeypatch, "path.write_text('Something said.')")
    assert run("session", "new", "-m", "helen", "-k", kind, "--edit").exit_code == 0
    assert words in seen.read_text()


def test_flag_text_is_prefilled_and_kept_even_when_the_editor_changes_nothing(
    run, example_dir, tmp_path, monkeypatch
):
    seen = use_editor(tmp_path, monkeypatch, "pass")
    result = run("session", "new", "-m", "tomas", "--edit", "-a", "Call Carla", "-n", "Brief.")
    assert result.exit_code == 0, result.stderr
    assert "- [ ] Call Carla" in seen.read_text()
    saved = body_of(example_dir / TODAYS_TOMAS)
    assert "- [ ] Call Carla" in saved and "Brief." in saved


def test_an_empty_buffer_is_kept_in_a_recovery_file_and_nothing_recorded(
    run, example_dir, tmp_path, monkeypatch
):
    use_editor(tmp_path, monkeypatch, "path.write_text('')")
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 2
    assert "the session is empty; nothing was recorded" in result.stderr
    assert "your text is kept in .recovery/" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(recovery_files(example_dir)) == 1
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_the_untouched_template_is_not_recorded(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "pass")
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 2
    assert not (example_dir / TODAYS_TOMAS).exists()
    assert "left as the template" in result.stderr and "nothing was written" in result.stderr
    assert recovery_files(example_dir) == []  # nothing the person typed: nothing to keep


def test_an_editor_that_fails_keeps_what_it_saved(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "path.write_text('half written notes')\nsys.exit(1)")
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 9
    assert "the editor exited with status 1" in result.stderr
    assert recovery_files(example_dir)[0].read_text() == "half written notes"
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_edit_without_an_editor_set_is_refused(run, example_dir):
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 2
    assert "--edit needs $EDITOR" in result.stderr


def test_a_bad_mentor_fails_before_the_editor_opens(run, example_dir, tmp_path, monkeypatch):
    seen = use_editor(tmp_path, monkeypatch, "path.write_text('notes')")
    result = run("session", "new", "-m", "nobody", "--edit")
    assert result.exit_code == 4
    assert not seen.exists()


# --- list --------------------------------------------------------------------------------------


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [s["id"] for s in result.json()]


def test_list_shows_sessions_newest_first(run, example_dir):
    result = run("session", "list", "--json")
    assert result.exit_code == 0, result.stderr
    found = ids(result)
    assert found[0] == "2026-11-19-tomas-lindqvist"
    assert found[-1] == "2026-05-05-walter-nakamura"
    assert len(found) == 23
    assert all(set(s) == SESSION_KEYS for s in result.json())


def test_list_filters_by_mentor_kind_goal_and_dates(run, example_dir):
    assert set(ids(run("session", "list", "-m", "tomas", "--json"))) == {
        "2026-05-12-tomas-lindqvist", "2026-06-23-tomas-lindqvist", "2026-07-28-tomas-lindqvist",
        "2026-10-20-tomas-lindqvist", "2026-11-05-tomas-lindqvist", "2026-11-19-tomas-lindqvist",
    }  # fmt: skip
    questions = run("session", "list", "--kind", "question", "--json").json()
    assert questions and all(s["kind"] == "question" for s in questions)
    in_november = ids(
        run("session", "list", "--since", "2026-11-01", "--until", "2026-11-30", "--json")
    )
    assert in_november == ["2026-11-19-tomas-lindqvist", "2026-11-05-tomas-lindqvist"]
    about_budget = run("session", "list", "--goal", "present", "--json").json()
    assert about_budget
    assert all("present-the-budget-to-council" in s["goals"] for s in about_budget)


def test_list_limit(run, example_dir):
    assert ids(run("session", "list", "--limit", "2", "--json")) == [
        "2026-11-19-tomas-lindqvist",
        "2026-11-05-tomas-lindqvist",
    ]
    assert run("session", "list", "--limit", "0").exit_code == 2


def test_list_as_a_table(run, example_dir):
    result = run("session", "list", "-m", "walter", "--limit", "1")
    assert result.exit_code == 0, result.stderr
    assert "2026-10-28-walter-nakamura" in result.stdout
    assert "check-in" in result.stdout


def test_list_with_nothing_to_show_says_so_on_stderr(run, journal_dir):
    run("mentor", "add", "Ann Lee")
    result = run("session", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No sessions yet." in result.stderr
    assert run("session", "list", "--json").json() == []


@pytest.mark.parametrize(
    ("args", "code"),
    [(("-m", "nobody"), 4), (("--kind", "chat"), 2), (("--since", "whenever"), 2),
     (("--goal", "nope"), 4)],
)  # fmt: skip
def test_list_refuses_bad_filters(run, example_dir, args, code):
    result = run("session", "list", *args)
    assert result.exit_code == code
    assert result.stderr.startswith("mentorlog: ")


# --- show --------------------------------------------------------------------------------------


def test_show_renders_the_front_matter_as_a_header_and_the_notes(run, example_dir):
    result = run("session", "show", "2026-11-19")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Opening three minutes of the mid-year update" in out
    assert "Tomas Lindqvist (tomas-lindqvist)" in out
    assert "question" in out
    assert "Present the budget to council" in out
    assert "Do not open by apologising" in out


def test_show_json_includes_the_body(run, example_dir):
    result = run("session", "show", "2026-11-19-tomas-lindqvist", "--json")
    data = result.json()
    assert set(data) == SESSION_KEYS | {"body"}
    assert data["body"].startswith("## Agenda\n- Question: is my opening too defensive?\n")
    assert [a["id"] for a in data["actions"]] == [
        "2026-11-19-tomas-lindqvist#1",
        "2026-11-19-tomas-lindqvist#2",
    ]


def test_show_an_unknown_or_ambiguous_session(run, example_dir):
    assert run("session", "show", "2027").exit_code == 4
    ambiguous = run("session", "show", "2026-08-11-ruth")
    assert ambiguous.exit_code == 4
    assert "matches several sessions" in ambiguous.stderr


# --- edit --------------------------------------------------------------------------------------

NOV_19 = Path("sessions/2026/2026-11-19-tomas-lindqvist.md")


def test_edit_saves_a_valid_change(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "path.write_text(text.replace('two minutes forty', '2:40'))")
    result = run("session", "edit", "2026-11-19-tomas")
    assert result.exit_code == 0, result.stderr
    assert "Saved sessions/2026/2026-11-19-tomas-lindqvist.md" in result.stderr
    assert "He timed it at 2:40." in (example_dir / NOV_19).read_text()


def test_edit_with_invalid_front_matter_keeps_the_text_and_the_original(
    run, example_dir, tmp_path, monkeypatch
):
    original = (example_dir / NOV_19).read_bytes()
    use_editor(
        tmp_path,
        monkeypatch,
        "path.write_text(text.replace('kind = \"question\"', 'kind = \"gossip\"') + 'NEW NOTE')",
    )
    result = run("session", "edit", "2026-11-19")
    assert result.exit_code == 5
    assert "`kind` must be one of" in result.stderr
    assert "your text is kept in .recovery/" in result.stderr
    assert (example_dir / NOV_19).read_bytes() == original
    assert "NEW NOTE" in recovery_files(example_dir)[0].read_text()


def test_edit_refuses_when_the_file_changed_while_the_editor_was_open(
    run, example_dir, tmp_path, monkeypatch
):
    use_editor(
        tmp_path,
        monkeypatch,
        """
        subprocess.run(
            [sys.executable, "-m", "mentorlog", "action", "add", "2026-11-19-tomas",
             "Added meanwhile"],
            check=True,
        )
        path.write_text(text + "MY EDIT\\n")
        """,
    )
    result = run("session", "edit", "2026-11-19")
    assert result.exit_code == 6
    assert "changed on disk" in result.stderr
    on_disk = (example_dir / NOV_19).read_text()
    assert "- [ ] Added meanwhile" in on_disk  # the other command's change stands
    assert "MY EDIT" not in on_disk
    assert "MY EDIT" in recovery_files(example_dir)[0].read_text()


def test_edit_without_changes_says_so(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "pass")
    result = run("session", "edit", "2026-11-19")
    assert result.exit_code == 0
    assert "No changes." in result.stderr


def test_edit_an_unknown_session(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "pass")
    assert run("session", "edit", "1999").exit_code == 4


# --- rm ----------------------------------------------------------------------------------------


def test_rm_with_yes_deletes_the_file(run, example_dir):
    result = run("session", "rm", "2026-11-19", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Deleted session 2026-11-19-tomas-lindqvist" in result.stderr
    assert not (example_dir / NOV_19).exists()


def test_rm_without_a_terminal_needs_yes(run, example_dir):
    result = run("session", "rm", "2026-11-19")
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert (example_dir / NOV_19).exists()


def test_rm_an_unknown_session(run, example_dir):
    assert run("session", "rm", "nope", "--yes").exit_code == 4


# --- the service functions --------------------------------------------------------------------


@given(st.sampled_from(KINDS), st.sampled_from(["", " ", "  "]), st.booleans())
def test_check_kind_ignores_case_and_surrounding_space(kind, pad, upper):
    typed = pad + (kind.upper() if upper else kind.title()) + pad
    assert sessions.check_kind(typed) == kind


@given(st.text(max_size=20))
def test_check_kind_accepts_only_the_known_kinds(text):
    try:
        assert sessions.check_kind(text) in KINDS
    except UsageError as exc:
        assert exc.hint == "use one of: check-in, question, intro, email, message, thanks"


def _mentor_with(*texts: str, done: tuple[int, ...] = ()) -> Mentor:
    questions = [
        Question(t, done=tomllib.loads("d = 2026-01-01")["d"] if n in done else None)
        for n, t in enumerate(texts)
    ]
    return Mentor(id="ann", name="Ann Lee", questions=questions)


def test_question_numbers_count_only_open_questions():
    ann = _mentor_with("Old?", "First open?", "Second open?", done=(0,))
    assert [q.text for q in sessions.select_questions(ann, ["1"])] == ["First open?"]
    assert [q.text for q in sessions.select_questions(ann, ["2", "first"])] == [
        "Second open?",
        "First open?",
    ]


def test_the_same_question_selected_twice_is_marked_once():
    ann = _mentor_with("Why?", "How?")
    assert [q.text for q in sessions.select_questions(ann, ["1", "why", "all"])] == [
        "Why?",
        "How?",
    ]


def test_a_prefix_that_matches_several_questions_is_ambiguous():
    ann = _mentor_with("How do you plan?", "How do you rest?")
    with pytest.raises(Ambiguous):
        sessions.select_questions(ann, ["how do you"])


def test_body_from_flags_has_only_the_sections_with_content():
    new = sessions.NewSession(mentor="x", date=tomllib.loads("d = 2026-01-01")["d"])
    assert sessions.body_from_flags(new) == ""
    new.actions = ("Call",)
    assert sessions.body_from_flags(new) == "## Actions\n- [ ] Call\n"


def test_body_and_notes_together_are_refused():
    new = sessions.NewSession(
        mentor="x", date=tomllib.loads("d = 2026-01-01")["d"], notes="n", body="## Notes\nb"
    )
    with pytest.raises(UsageError):
        sessions.body_from_flags(new)


def test_hints_are_removed_but_the_persons_own_comments_stay():
    template = "<!-- hint one -->\n## Notes\n<!-- hint two -->\n"
    edited = "<!-- hint one -->\n## Notes\n<!-- hint two -->\ntext\n<!-- mine -->\n"
    assert sessions.without_hints(edited, template) == "## Notes\ntext\n<!-- mine -->\n"


@given(st.text(alphabet="ab -[]x#\n", max_size=60))
def test_rewriting_a_body_never_touches_the_front_matter(new_body):
    from mentorlog.journal.writer import RecordFile
    from mentorlog.services.actions import splice_body

    text = '+++\nmentor = "a"   # mine\ndate = 2026-01-01\n+++\n\nold body\n'
    record = RecordFile(Path("x.md"), "x.md", text.encode(), text, {}, "", "old body\n")
    spliced = splice_body(record, new_body)
    assert spliced.startswith('+++\nmentor = "a"   # mine\ndate = 2026-01-01\n+++\n')
    assert spliced.endswith(new_body)


def test_an_untouched_action_placeholder_does_not_become_an_empty_action(
    run, journal_dir, tmp_path
):
    run("mentor", "add", "Ruth Castellanos")
    editor = tmp_path / "write-notes.py"
    editor.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "text = open(path).read().replace('## Notes', '## Notes\\nWe met for coffee.', 1)\n"
        "open(path, 'w').write(text)\n"
    )
    import os
    import sys

    os.environ["EDITOR"] = f"{sys.executable} {editor}"
    try:
        result = run("session", "new", "--mentor", "ruth", "--edit")
    finally:
        del os.environ["EDITOR"]
    assert result.exit_code == 0, result.stderr
    shown = run("session", "show", "2026-11-23-ruth-castellanos", "--json").json()
    assert shown["actions"] == []
    assert "We met for coffee." in shown["body"]


def test_a_session_moved_into_another_year_folder_can_still_be_shown_and_ticked(run, example_dir):
    source = example_dir / "sessions" / "2026" / "2026-11-19-tomas-lindqvist.md"
    (example_dir / "sessions" / "2025").mkdir()
    moved = example_dir / "sessions" / "2025" / source.name
    source.rename(moved)
    assert run("session", "show", "2026-11-19-tomas").exit_code == 0
    result = run("action", "done", "2026-11-19-tomas-lindqvist#1", "--note", "done")
    assert result.exit_code == 0, result.stderr
    assert "[x]" in moved.read_text(encoding="utf-8")
    assert not source.exists()
