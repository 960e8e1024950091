"""`mentorlog brief MENTOR`: one page to read before a call."""

from __future__ import annotations

import pytest

from journal_builder import Builder, d, flat

BRIEF_KEYS = {
    "as_of",
    "mentor",
    "sessions",
    "last_contact",
    "last_session",
    "next_due",
    "days_to_due",
    "purpose",
    "checklist",
    "questions",
    "goals",
    "open_actions",
    "progress",
    "lessons",
    "ask_about_struggles",
    "idle",
}
MENTOR_KEYS = {
    "id",
    "name",
    "role",
    "org",
    "stage",
    "status",
    "cadence",
    "cadence_is_default",
    "known_since",
    "known_days",
    "tags",
    "strengths",
    "background",
}


def test_brief_json_has_the_documented_shape(run, example_dir):
    result = run("brief", "ruth", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == BRIEF_KEYS
    assert set(data["mentor"]) == MENTOR_KEYS
    assert set(data["last_session"]) == {"id", "date", "kind", "topic"}
    assert all(set(item) == {"key", "done", "date", "detail"} for item in data["checklist"])
    assert all(set(q) == {"number", "text", "added"} for q in data["questions"])
    assert all(set(g) == {"id", "title", "status", "target"} for g in data["goals"])
    assert all(
        set(a) == {"id", "session", "date", "text", "age_days"} for a in data["open_actions"]
    )
    assert all(set(p) == {"goal", "title", "date", "note"} for p in data["progress"])
    assert all(set(x) == {"session", "date", "text", "tags"} for x in data["lessons"])


def test_brief_on_the_example_tells_who_ruth_is_and_when_you_last_met(run, example_dir):
    data = run("brief", "ruth", "--json").json()
    assert data["as_of"] == "2026-11-23"
    assert data["mentor"]["role"] == "Assistant City Manager"
    assert data["mentor"]["known_since"] == "2026-05-19"
    assert data["mentor"]["known_days"] == 188
    assert data["mentor"]["cadence"] == "6w"
    assert data["last_contact"] == "2026-09-21"
    assert data["last_session"]["topic"] == "Thank-you note after the reclassification"
    assert data["next_due"] == "2026-11-02"
    assert data["days_to_due"] == -21


def test_brief_numbers_queued_questions_as_session_new_discussed_does(run, example_dir):
    data = run("brief", "ruth", "--json").json()
    # the first of Ruth's three questions was discussed in August
    assert [q["number"] for q in data["questions"]] == [1, 2]
    assert data["questions"][0]["text"].startswith("How did you decide you were ready")


def test_brief_lists_what_to_report_back_on_and_what_moved_since_the_last_contact(run, example_dir):
    data = run("brief", "ruth", "--json").json()
    assert [a["id"] for a in data["open_actions"]] == [
        "2026-08-11-ruth-castellanos#2",
        "2026-09-21-ruth-castellanos#1",
    ]
    assert [(p["goal"], p["date"]) for p in data["progress"]] == [
        ("present-the-budget-to-council", "2026-10-14"),
        ("present-the-budget-to-council", "2026-11-12"),
    ]
    assert len(data["lessons"]) == 5
    assert data["ask_about_struggles"] is False
    assert data["idle"] is None


def test_brief_on_screen_has_every_part(run, example_dir):
    result = run("brief", "ruth")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for part in (
        "Ruth Castellanos: check-in, 2026-11-23",
        "Who",
        "Known since 2026-05-19",
        "You meet every 6 weeks",
        "Last contact 2026-09-21",
        "Next check-in was due 2026-11-02",
        "Getting started (all done)",
        "[x] your resume sent (2026-05-22)",
        "A check-in on progress",
        "1. How did you decide",
        "Report back on",
        "What moved since 2026-09-21",
        "What Ruth shared before",
        "Gratitude is not a negotiating position.",
    ):
        assert part in out, part


def test_brief_marks_a_missing_resume_on_the_example(run, example_dir):
    data = run("brief", "marcus", "--json").json()
    checklist = {item["key"]: item["done"] for item in data["checklist"]}
    assert checklist == {"goals": True, "background": True, "resume": False, "ground_rules": True}
    out = run("brief", "marcus").stdout
    assert "Getting started (1 missing)" in out
    assert "mentorlog mentor share marcus-oyelaran resume" in out


def test_brief_kind_question_changes_the_wording(run, example_dir):
    check_in = run("brief", "tomas").stdout
    question = run("brief", "tomas", "--kind", "question")
    assert question.exit_code == 0
    assert "A check-in on progress" in check_in
    assert "A specific question" in question.stdout
    assert "advice or a sounding board" in flat(question.stdout)
    assert run("brief", "tomas", "--kind", "question", "--json").json()["purpose"] == "question"


def test_brief_kind_question_without_a_queued_question_says_to_queue_one(run, example_dir):
    out = run("brief", "helen", "--kind", "question").stdout
    assert "No question queued yet" in out
    assert "mentorlog ask helen-achterberg" in out


def test_brief_refuses_an_unknown_kind(run, example_dir):
    result = run("brief", "ruth", "--kind", "gossip")
    assert result.exit_code == 2
    assert result.stderr.startswith("mentorlog: 'gossip' is not a kind of call")
    assert result.stdout == ""


def test_brief_markdown_is_plain_text_to_paste(run, example_dir):
    result = run("brief", "ruth", "--markdown")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# Brief: Ruth Castellanos: check-in, 2026-11-23\n")
    assert "\n## This call\n" in out
    assert "\n- [x] ground rules agreed" in out
    assert "\n1. How did you decide" in out
    assert "╭" not in out and "│" not in out


def test_brief_markdown_and_json_together_is_refused(run, example_dir):
    result = run("brief", "ruth", "--markdown", "--json")
    assert result.exit_code == 2
    assert "cannot be used together" in result.stderr


def test_brief_of_an_unknown_or_ambiguous_mentor_fails_cleanly(run, example_dir):
    unknown = run("brief", "nobody")
    assert unknown.exit_code == 4
    assert "there is no mentor 'nobody'" in unknown.stderr
    Builder(example_dir).mentor("ruth-adler", name="Ruth Adler")
    ambiguous = run("brief", "ruth")
    assert ambiguous.exit_code == 4
    assert "matches several mentors" in ambiguous.stderr


def test_brief_refuses_a_bad_as_of_date(run, example_dir):
    result = run("brief", "ruth", "--as-of", "the other day")
    assert result.exit_code == 2
    assert result.stderr.startswith("mentorlog:")
    assert "Traceback" not in result.stderr


def test_brief_as_of_ignores_everything_dated_later(run, example_dir):
    data = run("brief", "ruth", "--as-of", "2026-07-01", "--json").json()
    assert data["as_of"] == "2026-07-01"
    assert data["last_contact"] == "2026-06-30"
    assert data["questions"] == []  # all three were queued after July 1
    assert data["open_actions"] == [
        {
            "id": "2026-06-30-ruth-castellanos#1",
            "session": "2026-06-30-ruth-castellanos",
            "date": "2026-06-30",
            "text": "Ask Carla if I can present the fleet replacement slide in October",
            "age_days": 1,
        },
        {
            "id": "2026-06-30-ruth-castellanos#2",
            "session": "2026-06-30-ruth-castellanos",
            "date": "2026-06-30",
            "text": "Write my ten feared questions for the fleet slide",
            "age_days": 1,
        },
    ]
    # the reclassification was still open then
    assert {g["id"]: g["status"] for g in data["goals"]}["negotiate-my-reclassification"] == "open"


def test_brief_of_a_paused_mentor_is_due_when_the_pause_ends(run, example_dir):
    data = run("brief", "helen", "--json").json()
    assert data["mentor"]["status"] == "paused"
    assert data["next_due"] == "2026-12-15"
    assert "paused until 2026-12-15" in run("brief", "helen").stdout


@pytest.fixture
def newcomer(journal_dir):
    Builder(journal_dir).mentor("nia-okafor", name="Nia Okafor", since=d("2026-11-20"))
    return journal_dir


def test_brief_for_a_new_mentor_marks_every_step_missing_with_how_to_do_it(run, newcomer):
    data = run("brief", "nia", "--json").json()
    assert [(i["key"], i["done"]) for i in data["checklist"]] == [
        ("goals", False),
        ("background", False),
        ("resume", False),
        ("ground_rules", False),
    ]
    assert data["last_contact"] is None
    assert data["next_due"] == "2026-11-20"
    out = run("brief", "nia").stdout
    assert "Getting started (4 missing)" in out
    assert "mentorlog goal add TITLE --mentor nia-okafor" in out
    assert "--ground-rules DATE" in out
    assert "No contact recorded yet" in out
    assert "the journal's default" in out


def test_brief_counts_a_resume_in_shared_documents(run, journal_dir):
    Builder(journal_dir).mentor("nia-okafor", shared=[{"what": "Resume", "date": d("2026-11-01")}])
    data = run("brief", "nia", "--json").json()
    resume = next(i for i in data["checklist"] if i["key"] == "resume")
    assert resume == {"key": "resume", "done": True, "date": "2026-11-01", "detail": None}


def test_brief_reminds_to_ask_about_struggles_until_asked_or_lessons_recorded(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("nia-okafor", since=d("2026-10-01"))
    assert run("brief", "nia", "--json").json()["ask_about_struggles"] is True
    assert "their own hard moments" in run("brief", "nia").stdout
    builder.session("nia-okafor", "2026-11-02", "## Lessons\n- Ship early. #craft\n")
    assert run("brief", "nia", "--json").json()["ask_about_struggles"] is False
    builder.mentor("nia-okafor", since=d("2026-10-01"), struggles_asked=d("2026-11-02"))
    assert run("brief", "nia", "--json").json()["ask_about_struggles"] is False


def test_brief_suggests_graduating_when_every_linked_goal_closed_long_ago(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("nia-okafor", since=d("2026-01-05"), cadence="4w")
    builder.goal(
        "get-promoted",
        mentors=["nia-okafor"],
        status="done",
        created=d("2026-01-10"),
        closed=d("2026-09-01"),
    )
    data = run("brief", "nia", "--json").json()
    assert data["idle"] == {"reason": "goals-closed", "since": "2026-09-01", "thanked_on": None}
    out = flat(run("brief", "nia").stdout)
    assert "Every goal you worked on with Nia was closed by 2026-09-01" in out
    assert "mentorlog thank nia-okafor" in out
    assert "--cadence 3m" in out


def test_brief_does_not_suggest_graduating_soon_after_a_goal_closed(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("nia-okafor", since=d("2026-01-05"), cadence="4w")
    builder.goal(
        "get-promoted",
        mentors=["nia-okafor"],
        status="done",
        created=d("2026-01-10"),
        closed=d("2026-11-01"),
    )
    assert run("brief", "nia", "--json").json()["idle"] is None


def test_brief_does_not_suggest_graduating_while_a_goal_is_open(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("nia-okafor", since=d("2025-01-05"), cadence="4w")
    builder.goal("get-promoted", mentors=["nia-okafor"], created=d("2025-01-10"))
    assert run("brief", "nia", "--json").json()["idle"] is None


def test_brief_notices_a_long_relationship_that_never_had_a_goal(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("nia-okafor", since=d("2026-06-01"), cadence="1m")
    builder.session("nia-okafor", "2026-10-01", kind="thanks", how="email")
    data = run("brief", "nia", "--json").json()
    assert data["idle"] == {"reason": "no-goals", "since": "2026-06-01", "thanked_on": "2026-10-01"}
    assert "You last thanked them on 2026-10-01" in flat(run("brief", "nia").stdout)
