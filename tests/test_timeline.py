"""`mentorlog timeline MENTOR`: the story of one relationship in date order."""

from __future__ import annotations

from journal_builder import Builder, d, flat

TIMELINE_KEYS = {"as_of", "mentor", "sessions", "goals", "goals_reached", "reached_alone", "events"}
EVENT_KEYS = {"date", "kind", "text", "ref", "detail"}


def _kinds(events):
    return [(e["date"], e["kind"]) for e in events]


def test_timeline_json_has_the_documented_shape(run, example_dir):
    result = run("timeline", "walter", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == TIMELINE_KEYS
    assert set(data["mentor"]) == {"id", "name", "status", "since", "paused_until", "ended"}
    assert all(set(e) == EVENT_KEYS for e in data["events"])


def test_timeline_tells_walters_story_from_kickoff_to_the_end_of_the_program(run, example_dir):
    data = run("timeline", "walter", "--json").json()
    events = data["events"]
    assert _kinds(events)[:4] == [
        ("2026-05-05", "began"),
        ("2026-05-05", "ground-rules"),
        ("2026-05-05", "session"),
        ("2026-05-06", "resume-sent"),
    ]
    assert events[-1] == {
        "date": "2026-10-30",
        "kind": "ended",
        "text": "the relationship formally ended",
        "ref": None,
        "detail": None,
    }
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    kinds = {e["kind"] for e in events}
    assert kinds >= {"shared", "goal-linked", "goal-reached", "action-done", "lesson", "reflection"}
    assert kinds >= {"struggles-asked"}
    assert data["sessions"] == 6
    assert data["goals_reached"] == 1
    assert data["reached_alone"] == 0


def test_timeline_shows_sessions_with_kind_and_topic_and_actions_with_outcome(run, example_dir):
    events = run("timeline", "walter", "--json").json()["events"]
    session = next(e for e in events if e["ref"] == "2026-07-14-walter-nakamura")
    assert session == {
        "date": "2026-07-14",
        "kind": "session",
        "text": "When to put the reclassification request in writing",
        "ref": "2026-07-14-walter-nakamura",
        "detail": "question",
    }
    done = next(e for e in events if e["ref"] == "2026-06-09-walter-nakamura#1")
    assert done["date"] == "2026-06-12"
    assert done["detail"] == "eleven of fourteen tasks are Analyst II"


def test_timeline_shows_questions_queued_and_discussed_and_thanks(run, example_dir):
    events = run("timeline", "ruth", "--json").json()["events"]
    assert ("2026-08-03", "question-queued") in _kinds(events)
    assert ("2026-08-11", "question-discussed") in _kinds(events)
    thanks = next(e for e in events if e["kind"] == "thanks")
    assert thanks["date"] == "2026-09-21"
    assert thanks["detail"] == "handwritten note"


def test_timeline_on_screen(run, example_dir):
    result = run("timeline", "walter")
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    assert "Walter Nakamura: the relationship so far" in out
    assert "2026-05-05 began the relationship began" in out
    assert "Program kickoff: what I want out of six months (intro)" in out
    assert "6 contacts, 1 goal worked on together, 1 reached (0 of them on your own)." in out
    assert "Ended on 2026-10-30." in out


def test_timeline_of_a_paused_mentor_says_until_when(run, example_dir):
    data = run("timeline", "helen", "--json").json()
    assert data["mentor"]["paused_until"] == "2026-12-15"
    assert "Paused until 2026-12-15." in flat(run("timeline", "helen").stdout)


def test_timeline_as_of_stops_the_story_that_day(run, example_dir):
    data = run("timeline", "walter", "--as-of", "2026-07-01", "--json").json()
    assert data["as_of"] == "2026-07-01"
    assert max(e["date"] for e in data["events"]) <= "2026-07-01"
    assert data["mentor"]["status"] == "active"
    assert data["mentor"]["ended"] is None
    assert data["goals_reached"] == 0
    assert data["sessions"] == 3


def test_timeline_counts_goals_reached_on_your_own(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", name="Ana Silva", since=d("2026-01-01"))
    builder.goal(
        "run-a-meeting",
        mentors=["ana-silva"],
        status="done",
        created=d("2026-02-01"),
        closed=d("2026-05-01"),
        independently=True,
    )
    data = run("timeline", "ana", "--json").json()
    assert data["reached_alone"] == 1
    reached = next(e for e in data["events"] if e["kind"] == "goal-reached")
    assert reached["detail"] == "on your own"
    assert "1 reached (1 of them on your own)" in flat(run("timeline", "ana").stdout)


def test_timeline_links_a_goal_written_before_the_first_meeting_when_it_began(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", since=d("2026-03-01"))
    builder.goal("plan", mentors=["ana-silva"], created=d("2026-02-01"))
    events = run("timeline", "ana", "--json").json()["events"]
    assert _kinds(events) == [("2026-03-01", "began"), ("2026-03-01", "goal-linked")]


def test_timeline_includes_reflections_on_their_sessions(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", since=d("2026-03-01"))
    builder.session("ana-silva", "2026-03-02")
    builder.reflection("2026-03-03-ana-silva", "2026-03-03", session="2026-03-02-ana-silva")
    events = run("timeline", "ana", "--json").json()["events"]
    assert events[-1]["kind"] == "reflection"
    assert events[-1]["detail"] == "2026-03-02-ana-silva"


def test_timeline_of_a_mentor_with_nothing_yet(run, journal_dir):
    Builder(journal_dir).mentor("ana-silva")
    result = run("timeline", "ana")
    assert result.exit_code == 0
    assert "Nothing recorded with this mentor yet." in flat(result.stdout)
    assert run("timeline", "ana", "--json").json()["events"] == []


def test_timeline_bad_input(run, journal_dir):
    Builder(journal_dir).mentor("ana-silva", name="Ana Silva").mentor("anders-berg")
    assert run("timeline", "zed").exit_code == 4
    ambiguous = run("timeline", "an")
    assert ambiguous.exit_code == 4
    assert "matches several mentors" in ambiguous.stderr
    bad = run("timeline", "ana", "--as-of", "never")
    assert bad.exit_code == 2
    assert "Traceback" not in bad.stderr
