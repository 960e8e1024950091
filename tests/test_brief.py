"""`mentorlog brief MENTOR`: one page to read before a call."""

from __future__ import annotations

import pytest

from journal_builder import Builder, d, flat

BRIEF_KEYS = {
    "working_on",
    "advice",
    "as_of",
    "mentor",
    "sessions",
    "last_contact",
    "last_session",
    "next_due",
    "days_to_due",
    "purpose",
    "meeting",
    "checklist",
    "questions",
    "goals",
    "open_actions",
    "progress",
    "lessons",
    "ask_about_struggles",
    "idle",
    "phase",
    "agreement",
    "closure",
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
        ("write-a-budget-primer-for-new-council-members", "2026-09-28"),
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


# --- a small journal, so every section can be checked against the records behind it ----------

FIRST_CALL = """## Notes
She priced her first contract too low and says so openly.

## Actions
- [x] Send Ines my rate card (done 2026-10-08)
- [ ] Draft a one-page offer for the pilot client

## Lessons
- Quote the price, then stop talking. #pricing
"""

SECOND_CALL = """## Notes
The client offered 91k; Ines thinks I should ask for 110k.

## Actions
- [ ] Ask the client for the budget range before quoting

## Lessons
- A number said first anchors the whole talk. #negotiation #pricing
"""


@pytest.fixture
def ines(journal_dir):
    """Ines: met twice (October 5 and November 2), two goals linked, one other mentor."""
    builder = Builder(journal_dir)
    builder.mentor(
        "ines-duarte",
        name="Ines Duarte",
        role="Founder",
        org="Duarte Studio",
        cadence="4w",
        since=d("2026-09-01"),
        ground_rules=d("2026-09-01"),
        background="Ran a design studio for twelve years.",
        questions=[
            {"text": "How do you say no to a client?", "added": d("2026-09-20")},
            {
                "text": "When did you raise your rates?",
                "added": d("2026-09-20"),
                "done": d("2026-11-02"),
            },
            {"text": "Who keeps your books?", "added": d("2026-11-10")},
        ],
    )
    builder.mentor("omar-haddad", name="Omar Haddad", since=d("2026-09-01"))
    builder.goal(
        "price-my-work",
        mentors=["ines-duarte"],
        created=d("2026-09-05"),
        target=d("2027-03-31"),
        progress=[
            {"date": d("2026-10-20"), "note": "Raised the day rate by ten percent."},
            {"date": d("2026-11-02"), "note": "Sent the new rate card."},
            {"date": d("2026-11-10"), "note": "First client accepted the new rate."},
        ],
    )
    builder.goal(
        "register-the-business",
        mentors=["ines-duarte"],
        created=d("2026-09-02"),
        status="done",
        closed=d("2026-10-01"),
    )
    builder.goal(
        "learn-bookkeeping",
        mentors=["omar-haddad"],
        created=d("2026-09-03"),
        progress=[{"date": d("2026-11-15"), "note": "Closed the first month."}],
    )
    builder.session("ines-duarte", "2026-10-05", FIRST_CALL, topic="Pricing the first contract")
    builder.session(
        "ines-duarte", "2026-11-02", SECOND_CALL, kind="question", topic="Counter-offer"
    )
    builder.session("omar-haddad", "2026-11-03", "## Actions\n- [ ] Open a business account\n")
    return journal_dir


def test_brief_reports_back_on_unticked_actions_from_this_mentor_only(run, ines):
    data = run("brief", "ines", "--json").json()
    assert [(a["id"], a["session"], a["age_days"]) for a in data["open_actions"]] == [
        ("2026-10-05-ines-duarte#2", "2026-10-05-ines-duarte", 49),
        ("2026-11-02-ines-duarte#1", "2026-11-02-ines-duarte", 21),
    ]
    out = flat(run("brief", "ines").stdout)
    assert "Report back on Draft a one-page offer for the pilot client (from 2026-10-05" in out
    assert "Send Ines my rate card" not in out  # ticked on October 8
    assert "Open a business account" not in out  # owed to Omar, not Ines


def test_brief_shows_progress_dated_after_the_last_contact_on_linked_goals(run, ines):
    data = run("brief", "ines", "--json").json()
    # November 2 is the day of the last contact itself, so Ines already heard about it;
    # Omar's bookkeeping goal is not hers to hear about
    assert [(p["goal"], p["title"], p["date"]) for p in data["progress"]] == [
        ("price-my-work", "Price my work", "2026-11-10")
    ]
    out = run("brief", "ines").stdout
    assert "What moved since 2026-11-02" in out
    assert "2026-11-10 Price my work: First client accepted the new rate." in out
    assert "Sent the new rate card." not in out


def test_brief_lists_open_goals_on_screen_and_every_linked_goal_in_json(run, ines):
    data = run("brief", "ines", "--json").json()
    # oldest first, whatever their state; Omar's goal is not linked to Ines
    assert [(g["id"], g["status"], g["target"]) for g in data["goals"]] == [
        ("register-the-business", "done", None),
        ("price-my-work", "open", "2027-03-31"),
    ]
    goals_item = data["checklist"][0]
    assert goals_item == {"key": "goals", "done": True, "date": "2026-09-02", "detail": "2 goals"}
    out = run("brief", "ines").stdout
    assert "Goals you work on together" in out
    assert "Price my work (target 2027-03-31)" in out
    assert "Register the business" not in out
    assert "Learn bookkeeping" not in out


def test_brief_names_the_last_contact_and_gathers_every_lesson_it_taught(run, ines):
    data = run("brief", "ines", "--json").json()
    assert data["sessions"] == 2
    assert data["last_contact"] == "2026-11-02"
    assert data["last_session"] == {
        "id": "2026-11-02-ines-duarte",
        "date": "2026-11-02",
        "kind": "question",
        "topic": "Counter-offer",
    }
    assert [(x["session"], x["text"], x["tags"]) for x in data["lessons"]] == [
        ("2026-10-05-ines-duarte", "Quote the price, then stop talking. #pricing", ["pricing"]),
        (
            "2026-11-02-ines-duarte",
            "A number said first anchors the whole talk. #negotiation #pricing",
            ["negotiation", "pricing"],
        ),
    ]
    out = run("brief", "ines").stdout
    assert "Last contact 2026-11-02 (3 weeks ago): Counter-offer (question)" in out
    assert "What Ines shared before" in out


def test_brief_says_when_the_last_contact_had_no_topic(run, ines):
    Builder(ines).session("ines-duarte", "2026-11-20", "")
    out = run("brief", "ines").stdout
    assert "Last contact 2026-11-20 (3 days ago): no topic written down (check-in)" in out


def test_brief_as_of_rolls_back_what_happened_later(run, ines):
    data = run("brief", "ines", "--as-of", "2026-10-10", "--json").json()
    assert data["sessions"] == 1
    assert data["last_session"]["id"] == "2026-10-05-ines-duarte"
    # discussed on November 2, so still open and numbered again; the third was not queued yet
    assert [q["text"] for q in data["questions"]] == [
        "How do you say no to a client?",
        "When did you raise your rates?",
    ]
    assert [a["id"] for a in data["open_actions"]] == ["2026-10-05-ines-duarte#2"]
    assert data["progress"] == []  # the first entry is dated October 20
    assert len(data["lessons"]) == 1
    earlier = run("brief", "ines", "--as-of", "2026-10-07", "--json").json()
    # the rate card was sent on October 8
    assert [a["id"] for a in earlier["open_actions"]] == [
        "2026-10-05-ines-duarte#1",
        "2026-10-05-ines-duarte#2",
    ]


def test_brief_as_of_counts_a_session_held_that_very_day(run, ines):
    data = run("brief", "ines", "--as-of", "2026-11-02", "--json").json()
    assert data["last_contact"] == "2026-11-02"
    assert data["days_to_due"] == 28  # four weeks after the call


def test_brief_with_no_contact_yet_shows_all_progress_and_nothing_to_report_back(run, ines):
    Builder(ines).mentor("lena-berg", name="Lena Berg", since=d("2026-11-01")).goal(
        "hire-an-assistant",
        mentors=["lena-berg"],
        created=d("2026-10-01"),
        progress=[
            {"date": d("2026-10-12"), "note": "Wrote the job ad."},
            {"date": d("2026-11-09"), "note": "Three people applied."},
        ],
    )
    data = run("brief", "lena", "--json").json()
    assert (data["sessions"], data["last_contact"], data["last_session"]) == (0, None, None)
    assert data["open_actions"] == []
    assert data["lessons"] == []
    # with no contact to measure from, every progress entry is news
    assert [p["date"] for p in data["progress"]] == ["2026-10-12", "2026-11-09"]
    out = run("brief", "lena").stdout
    assert "\n│ What moved " in out and "What moved since" not in out
    assert "Report back on" not in out
    assert "shared before" not in out


def test_brief_markdown_is_titled_sections_of_bullets_in_screen_order(run, ines):
    out = run("brief", "ines", "--markdown").stdout
    lines = out.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# Brief: Ines Duarte: check-in, 2026-11-23",
        "## Who",
        "## Background",
        "## Getting started (1 missing)",
        "## This call",
        "## Goals you work on together",
        "## Report back on",
        "## What moved since 2026-11-02",
        "## What Ines shared before",
    ]
    # a blank line after every heading and between sections, none at the very end
    assert all(lines[i + 1] == "" for i, line in enumerate(lines) if line.startswith("#"))
    assert all(lines[i - 1] == "" for i, line in enumerate(lines) if line.startswith("## "))
    assert out.endswith("#negotiation #pricing\n")
    # the background is a paragraph, a missing step an open box, queued questions numbered
    assert "\n## Background\n\nRan a design studio for twelve years.\n\n" in out
    assert "\n- [ ] your resume sent: missing; send it before the call" in out
    assert "\n- [x] ground rules agreed (confidentiality both ways) (2026-09-01)\n" in out
    assert "\n1. How do you say no to a client?\n2. Who keeps your books?\n" in out
    assert "\n- Price my work (target 2027-03-31)\n" in out
    assert "\n- 2026-11-10 Price my work: First client accepted the new rate.\n" in out


def test_brief_never_carries_the_notes_of_a_confidential_call(run, ines):
    # both calls are confidential (the default): the brief brings back what to act on and
    # what was learned, never the notes themselves, so a printed brief cannot leak them
    for flags in (("--markdown",), ("--json",), ()):
        out = run("brief", "ines", *flags).stdout
        assert "91k" not in out, flags
        assert "priced her first contract too low" not in out, flags
        assert "A number said first anchors the whole talk." in out, flags


def test_brief_of_an_ended_relationship_has_no_next_check_in(run, example_dir):
    data = run("brief", "walter", "--json").json()
    assert data["mentor"]["status"] == "ended"
    assert (data["next_due"], data["days_to_due"]) == (None, None)
    # his only goal closed in September, but an ended relationship needs no graduating
    assert data["idle"] is None
    out = run("brief", "walter").stdout
    assert "Walter Nakamura (ended): check-in, 2026-11-23" in out
    assert "The relationship ended on 2026-10-30" in out
    assert "Next check-in" not in out
    before = run("brief", "walter", "--as-of", "2026-10-29", "--json").json()
    assert before["mentor"]["status"] == "active"
    assert before["next_due"] == "2026-11-25"  # four weeks after the October 28 call


@pytest.mark.parametrize(("closed", "idle"), [("2026-09-27", True), ("2026-09-28", False)])
def test_brief_suggests_graduating_only_after_more_than_two_cadences(
    run, journal_dir, closed, idle
):
    builder = Builder(journal_dir)
    builder.mentor("nia-okafor", since=d("2026-01-05"), cadence="4w")
    builder.goal("get-promoted", mentors=["nia-okafor"], status="done", closed=d(closed))
    # two cadences of four weeks after September 28 is today, November 23
    assert (run("brief", "nia", "--json").json()["idle"] is not None) is idle
    assert ("Help is meant to make you independent" in flat(run("brief", "nia").stdout)) is idle


def test_brief_naming_no_single_mentor_fails_in_one_line_whatever_the_output(run, example_dir):
    Builder(example_dir).mentor("ruth-adler", name="Ruth Adler")
    cases = {
        "nobody": "mentorlog: there is no mentor 'nobody' (`mentorlog mentor list` shows them",
        "ruth": "mentorlog: 'ruth' matches several mentors: ruth-adler (Ruth Adler), "
        "ruth-castellanos (Ruth Castellanos)",
    }
    for name, message in cases.items():
        for flags in ((), ("--json",), ("--markdown",)):
            result = run("brief", name, *flags)
            assert result.exit_code == 4, (name, flags)
            assert result.stdout == ""
            assert result.stderr.startswith(message)
            assert result.stderr.count("\n") == 1
    # more of the id, or the full name, settles it
    assert run("brief", "ruth-c", "--json").json()["mentor"]["id"] == "ruth-castellanos"
    assert run("brief", "Ruth Adler", "--json").json()["mentor"]["id"] == "ruth-adler"


def test_brief_json_values_have_the_documented_types(run, example_dir):
    data = run("brief", "ruth", "--json").json()
    assert type(data["sessions"]) is int and type(data["days_to_due"]) is int
    assert type(data["ask_about_struggles"]) is bool
    mentor = data["mentor"]
    assert type(mentor["cadence_is_default"]) is bool and type(mentor["known_days"]) is int
    assert all(isinstance(x, str) for x in mentor["tags"] + mentor["strengths"])
    assert all(type(item["done"]) is bool for item in data["checklist"])
    assert all(type(q["number"]) is int for q in data["questions"])
    assert all(type(a["age_days"]) is int and a["age_days"] >= 0 for a in data["open_actions"])
    assert all(isinstance(t, str) for x in data["lessons"] for t in x["tags"])
    # every date is an ISO date string (d() refuses anything else)
    days = [data["as_of"], data["last_contact"], data["next_due"], data["last_session"]["date"]]
    days += [q["added"] for q in data["questions"]] + [a["date"] for a in data["open_actions"]]
    days += [p["date"] for p in data["progress"]] + [x["date"] for x in data["lessons"]]
    assert all(isinstance(day, str) and d(day) for day in days)
