"""`mentorlog ask`: queue questions for the next call, list them, mark them discussed, drop them.
Open questions are numbered from 1 per mentor in file order, like `session new --discussed`."""

from __future__ import annotations

import tomllib

import pytest

from journal_builder import Builder, d

QUESTION_KEYS = {"mentor", "mentor_name", "number", "text", "added", "done"}


@pytest.fixture
def journal(journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", name="Ana Silva")
    builder.mentor("anders-berg", name="Anders Berg")
    return journal_dir


def _mentor_file(root, mentor_id):
    return (root / "mentors" / f"{mentor_id}.toml").read_text(encoding="utf-8")


def test_ask_appends_a_question_with_the_day_it_was_added(run, journal):
    result = run("ask", "ana", "How did you get your first team?")
    assert result.exit_code == 0, result.stderr
    assert "Queued question 1 for Ana Silva" in result.stderr
    data = tomllib.loads(_mentor_file(journal, "ana-silva"))
    assert data["questions"] == [
        {"text": "How did you get your first team?", "added": d("2026-11-23")}
    ]


def test_ask_add_is_the_long_form_and_json_shows_the_number(run, journal):
    run("ask", "ana", "First")
    result = run("ask", "add", "ana-silva", "Second", "--json")
    assert result.exit_code == 0, result.stderr
    assert set(result.json()) == QUESTION_KEYS
    assert result.json()["number"] == 2
    assert result.json()["done"] is None


def test_ask_keeps_comments_and_unknown_keys_in_the_mentor_file(run, journal):
    path = journal / "mentors" / "ana-silva.toml"
    path.write_text(
        'name = "Ana Silva"  # met at the conference\nfavourite = "tea"\n\n'
        '[[questions]]\n# asked twice already\ntext = "Old one"\nadded = 2026-10-01\nmood = 3\n',
        encoding="utf-8",
    )
    assert run("ask", "ana", "New one").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "# met at the conference" in text
    assert "# asked twice already" in text
    assert 'favourite = "tea"' in text
    assert "mood = 3" in text
    assert [q["text"] for q in tomllib.loads(text)["questions"]] == ["Old one", "New one"]


def test_ask_refuses_an_empty_question_and_writes_nothing(run, journal):
    before = _mentor_file(journal, "ana-silva")
    result = run("ask", "ana", "   ")
    assert result.exit_code == 2
    assert result.stderr.startswith("mentorlog: a question cannot be empty")
    assert _mentor_file(journal, "ana-silva") == before


def test_ask_refuses_the_same_open_question_twice(run, journal):
    run("ask", "ana", "Same question")
    result = run("ask", "ana", "same  QUESTION")
    assert result.exit_code == 6
    assert "already queued for Ana Silva as number 1" in result.stderr


def test_ask_an_unknown_mentor_fails_cleanly(run, journal):
    result = run("ask", "zed", "Anything?")
    assert result.exit_code == 4
    assert "there is no mentor 'zed'" in result.stderr
    assert "Traceback" not in result.stderr


def test_ask_an_ambiguous_mentor_names_the_candidates(run, journal):
    result = run("ask", "an", "Anything?")
    assert result.exit_code == 4
    assert "matches several mentors" in result.stderr
    assert "ana-silva" in result.stderr and "anders-berg" in result.stderr


def test_ask_list_shows_open_questions_numbered_per_mentor(run, journal):
    run("ask", "ana", "A1")
    run("ask", "anders", "B1")
    run("ask", "ana", "A2")
    result = run("ask", "list", "--json")
    assert result.exit_code == 0
    rows = result.json()
    assert all(set(row) == QUESTION_KEYS for row in rows)
    assert [(r["mentor"], r["number"], r["text"]) for r in rows] == [
        ("ana-silva", 1, "A1"),
        ("ana-silva", 2, "A2"),
        ("anders-berg", 1, "B1"),
    ]
    human = run("ask", "list")
    assert "A1" in human.stdout and "anders-berg" in human.stdout


def test_ask_list_for_one_mentor_and_with_discussed_ones(run, journal):
    run("ask", "ana", "A1")
    run("ask", "ana", "A2")
    run("ask", "anders", "B1")
    run("ask", "done", "ana", "1")
    only_open = run("ask", "list", "--mentor", "ana", "--json").json()
    assert [(q["number"], q["text"]) for q in only_open] == [(1, "A2")]
    everything = run("ask", "list", "--mentor", "ana", "--all", "--json").json()
    assert [(q["number"], q["text"], q["done"]) for q in everything] == [
        (None, "A1", "2026-11-23"),
        (1, "A2", None),
    ]
    human = run("ask", "list", "--mentor", "ana")
    assert "mentor" not in human.stdout.splitlines()[1]  # one mentor: no mentor column


def test_ask_list_with_nothing_queued_says_how_to_queue(run, journal):
    result = run("ask", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "mentorlog ask MENTOR" in result.stderr
    assert run("ask", "list", "--json").json() == []


def test_ask_done_by_number_sets_the_done_date(run, journal):
    run("ask", "ana", "First")
    run("ask", "ana", "Second")
    result = run("ask", "done", "ana", "2", "--date", "2026-11-23", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["text"] == "Second"
    assert result.json()["done"] == "2026-11-23"
    questions = tomllib.loads(_mentor_file(journal, "ana-silva"))["questions"]
    assert "done" not in questions[0]
    assert questions[1]["done"] == d("2026-11-23")


def test_ask_done_by_the_start_of_the_text(run, journal):
    run("ask", "ana", "How do you say no?")
    run("ask", "ana", "What would you cut?")
    result = run("ask", "done", "ana", "what WOULD")
    assert result.exit_code == 0, result.stderr
    assert "Marked question 2" in result.stderr


def test_ask_done_numbering_skips_discussed_questions(run, journal):
    for text in ("One", "Two", "Three"):
        run("ask", "ana", text)
    run("ask", "done", "ana", "1")
    # "Three" is now open question 2
    assert run("ask", "done", "ana", "2", "--json").json()["text"] == "Three"


def test_ask_done_with_a_bad_number_or_prefix_fails_and_writes_nothing(run, journal):
    run("ask", "ana", "How do you say no?")
    run("ask", "ana", "How do you hire?")
    before = _mentor_file(journal, "ana-silva")
    too_big = run("ask", "done", "ana", "3")
    assert too_big.exit_code == 4
    assert "has no open question 3 (2 open questions)" in too_big.stderr
    zero = run("ask", "done", "ana", "0")
    assert zero.exit_code == 2
    ambiguous = run("ask", "done", "ana", "how do")
    assert ambiguous.exit_code == 4
    assert "numbers 1, 2" in ambiguous.stderr
    unknown = run("ask", "done", "ana", "why")
    assert unknown.exit_code == 4
    assert _mentor_file(journal, "ana-silva") == before


def test_ask_done_refuses_a_bad_date_or_one_before_the_question(run, journal):
    run("ask", "ana", "First")
    bad = run("ask", "done", "ana", "1", "--date", "someday")
    assert bad.exit_code == 2
    assert "mentorlog:" in bad.stderr
    early = run("ask", "done", "ana", "1", "--date", "2026-01-01")
    assert early.exit_code == 2
    assert "only queued on 2026-11-23" in early.stderr


def test_ask_rm_removes_an_open_question_and_the_key_when_empty(run, journal):
    run("ask", "ana", "Keep")
    run("ask", "ana", "Drop")
    result = run("ask", "rm", "ana", "2", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["text"] == "Drop"
    assert [q["text"] for q in tomllib.loads(_mentor_file(journal, "ana-silva"))["questions"]] == [
        "Keep"
    ]
    run("ask", "rm", "ana", "1")
    assert "questions" not in tomllib.loads(_mentor_file(journal, "ana-silva"))


def test_ask_rm_with_a_bad_number_fails(run, journal):
    run("ask", "ana", "Keep")
    result = run("ask", "rm", "ana", "5")
    assert result.exit_code == 4
    assert "no open question 5" in result.stderr
    not_a_number = run("ask", "rm", "ana", "first")
    assert not_a_number.exit_code == 2


def test_ask_on_the_example_journal_queues_after_the_existing_questions(run, example_dir):
    result = run("ask", "ruth", "What do you read every week?", "--json")
    assert result.exit_code == 0, result.stderr
    # Ruth has one discussed question and two open ones before this
    assert result.json()["number"] == 3
    brief = run("brief", "ruth", "--json").json()
    assert [q["text"] for q in brief["questions"]][-1] == "What do you read every week?"
    saved = tomllib.loads(_mentor_file(example_dir, "ruth-castellanos"))
    assert len(saved["questions"]) == 4
    assert saved["stage"] == "senior"  # the rest of the file is untouched
