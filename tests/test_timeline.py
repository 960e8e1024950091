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
    assert set(data["mentor"]) == {
        "id",
        "name",
        "status",
        "since",
        "paused_until",
        "ended",
        "closure",
    }
    assert all(set(e) == EVENT_KEYS for e in data["events"])


def test_timeline_tells_walters_story_from_kickoff_to_the_end_of_the_program(run, example_dir):
    data = run("timeline", "walter", "--json").json()
    events = data["events"]
    assert _kinds(events)[:4] == [
        ("2026-05-05", "began"),
        ("2026-05-05", "ground-rules"),
        ("2026-05-05", "session"),
        ("2026-05-05", "advice"),
    ]
    assert events[-2] == {
        "date": "2026-10-30",
        "kind": "ended",
        "text": "the relationship formally ended",
        "ref": None,
        "detail": None,
    }
    assert events[-1]["kind"] == "closure"
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    kinds = {e["kind"] for e in events}
    assert kinds >= {"shared", "goal-linked", "goal-reached", "action-done", "lesson", "reflection"}
    assert kinds >= {"struggles-asked", "resume-sent", "advice"}
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


# --- order -------------------------------------------------------------------------------------

DAY = "2026-04-01"


def test_events_on_the_same_day_follow_the_course_of_a_relationship(run, journal_dir):
    day = d(DAY)
    builder = Builder(journal_dir)
    builder.mentor(
        "ana-silva",
        since=day,
        ground_rules=day,
        resume_sent=day,
        struggles_asked=day,
        ended=day,
        shared=[{"what": "Budget memo", "date": day}],
        questions=[{"text": "How did you start?", "added": day, "done": day}],
    )
    builder.goal("plan", mentors=["ana-silva"], created=day)
    builder.goal("win", mentors=["ana-silva"], status="done", closed=day)
    builder.goal("quit", mentors=["ana-silva"], status="dropped", closed=day)
    body = f"## Lessons\n- Ask early\n\n## Actions\n- [x] Send the memo (done {DAY}: sent)\n"
    builder.session("ana-silva", DAY, body, topic="First coffee")
    builder.session("ana-silva", DAY, id=f"{DAY}-ana-silva-2", kind="thanks", how="card")
    builder.reflection(f"{DAY}-ana-silva", DAY, mentor="ana-silva")
    events = run("timeline", "ana", "--json").json()["events"]
    assert [e["kind"] for e in events] == [
        "began",
        "ground-rules",
        "resume-sent",
        "shared",
        "goal-linked",
        "question-queued",
        "session",
        "thanks",
        "question-discussed",
        "lesson",
        "struggles-asked",
        "reflection",
        "action-done",
        "goal-reached",
        "goal-dropped",
        "ended",
    ]
    assert {e["date"] for e in events} == {DAY}


def test_events_are_in_date_order_whatever_order_the_files_say(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", since=d("2026-01-10"))
    builder.session("ana-silva", "2026-03-01", topic="Third")
    builder.session("ana-silva", "2026-01-20", topic="First")
    builder.session("ana-silva", "2026-02-01", topic="Second b", id="2026-02-01-b")
    builder.session("ana-silva", "2026-02-01", topic="Second a", id="2026-02-01-a")
    events = run("timeline", "ana", "--json").json()["events"]
    # same day, same kind: by the id of the record they come from
    assert [e["text"] for e in events] == [
        "the relationship began",
        "First",
        "Second a",
        "Second b",
        "Third",
    ]


def test_nothing_dated_after_today_is_in_the_story_yet(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor(
        "ana-silva",
        since=d("2026-11-01"),
        ended=d("2027-01-31"),  # the program is set to end later
        questions=[{"text": "Later?", "added": d("2026-12-01")}],
    )
    builder.session("ana-silva", "2026-11-02").session("ana-silva", "2026-12-01")
    builder.goal("plan", mentors=["ana-silva"], created=d("2026-12-24"))
    data = run("timeline", "ana", "--json").json()
    assert _kinds(data["events"]) == [("2026-11-01", "began"), ("2026-11-02", "session")]
    assert data["mentor"]["status"] == "active"
    assert data["sessions"] == 1
    assert data["goals"] == []


# --- one mentor's records only -----------------------------------------------------------------


def test_the_timeline_holds_only_the_chosen_mentors_records(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva").mentor("bo-lee")
    builder.session("ana-silva", "2026-03-02").session("bo-lee", "2026-03-03")
    builder.goal("shared-goal", mentors=["bo-lee", "ana-silva"], created=d("2026-03-01"))
    builder.goal("bos-goal", mentors=["bo-lee"], created=d("2026-03-01"))
    # about Ana's session though filed under Bo; about Ana alone; about Bo
    builder.reflection("r1", "2026-03-04", session="2026-03-02-ana-silva", mentor="bo-lee")
    builder.reflection("r2", "2026-03-05", mentor="ana-silva")
    builder.reflection("r3", "2026-03-06", session="2026-03-03-bo-lee")
    data = run("timeline", "ana", "--json").json()
    assert [(e["kind"], e["ref"], e["detail"]) for e in data["events"]] == [
        ("goal-linked", "shared-goal", None),
        ("session", "2026-03-02-ana-silva", "check-in"),
        ("reflection", "r1", "2026-03-02-ana-silva"),
        ("reflection", "r2", None),
    ]
    assert [g["id"] for g in data["goals"]] == ["shared-goal"]
    assert data["sessions"] == 1


def test_timeline_in_a_journal_with_no_mentors_says_how_to_add_one(run, journal_dir):
    Builder(journal_dir)
    result = run("timeline", "ana")
    assert result.exit_code == 4
    assert "mentorlog mentor add NAME" in result.stderr
    assert result.stdout == ""


def test_confidential_sessions_and_reflections_are_in_your_own_timeline(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva")
    builder.session("ana-silva", "2026-03-02", topic="Private matter", confidential=True)
    builder.session("ana-silva", "2026-03-09", topic="Open matter", confidential=False)
    builder.reflection("r1", "2026-03-03", mentor="ana-silva", confidential=True)
    events = run("timeline", "ana", "--json").json()["events"]
    assert [(e["kind"], e["text"]) for e in events] == [
        ("session", "Private matter"),
        ("reflection", "wrote a reflection"),
        ("session", "Open matter"),
    ]
    assert "Private matter (check-in)" in flat(run("timeline", "ana").stdout)


# --- what each event says ----------------------------------------------------------------------


def test_each_kind_of_event_reads_in_plain_words(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor(
        "ana-silva",
        shared=[{"what": "Budget memo", "date": d("2026-03-01")}, {"what": "Undated notes"}],
        questions=[{"text": "How do you say no?", "added": d("2026-03-01")}],
    )
    body = (
        "## Actions\n"
        "- [x] Draft the memo (done 2026-03-05: approved)\n"
        "- [x] Ticked without a date\n"
        "- [ ] Still to do\n"
    )
    builder.session("ana-silva", "2026-03-02", body, kind="email")
    builder.session("ana-silva", "2026-03-08", id="2026-03-08-thanks", kind="thanks")
    builder.goal(
        "quit",
        title="Quit smoking",
        mentors=["ana-silva"],
        created=d("2026-03-01"),
        status="dropped",
        closed=d("2026-03-10"),
    )
    events = run("timeline", "ana", "--json").json()["events"]
    assert [(e["kind"], e["text"], e["detail"]) for e in events] == [
        ("shared", "Budget memo", None),
        ("goal-linked", "Quit smoking", None),
        ("question-queued", "How do you say no?", None),
        ("session", "email", "email"),  # no topic: its kind stands in
        ("action-done", "Draft the memo", "approved"),
        ("thanks", "said thank you", None),
        ("goal-dropped", "Quit smoking", None),
    ]
    out = flat(run("timeline", "ana").stdout)
    assert "2026-03-01 shared Budget memo" in out
    assert "2026-03-01 goal working on: Quit smoking" in out
    assert "2026-03-01 to ask How do you say no?" in out
    assert "2026-03-05 done Draft the memo: approved" in out
    assert "2026-03-10 dropped Quit smoking" in out
    assert "2 contacts, 1 goal worked on together, 0 reached." in out


def test_a_resume_is_one_event_whether_recorded_as_sent_or_shared(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor(
        "ana-silva",
        resume_sent=d("2026-03-01"),
        shared=[{"what": "Resume", "date": d("2026-03-01")}],
    )
    builder.mentor(
        "bo-lee", resume_sent=d("2026-03-01"), shared=[{"what": "resume", "date": d("2026-05-01")}]
    )
    ana = run("timeline", "ana", "--json").json()["events"]
    assert [(e["date"], e["kind"], e["text"]) for e in ana] == [
        ("2026-03-01", "resume-sent", "Resume")
    ]
    # sent again later: both times count
    assert _kinds(run("timeline", "bo", "--json").json()["events"]) == [
        ("2026-03-01", "resume-sent"),
        ("2026-05-01", "resume-sent"),
    ]


# --- the --json contract and --as-of -----------------------------------------------------------


def test_timeline_json_values_have_the_documented_types(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor(
        "ana-silva", name="Ana Silva", since=d("2026-02-01"), paused_until=d("2026-11-01")
    )
    builder.goal("ship", title="Ship it", mentors=["ana-silva"], target=d("2027-01-31"))
    builder.goal("met", title="Met", mentors=["ana-silva"], status="done", closed=d("2026-06-01"))
    builder.session("ana-silva", "2026-03-02", topic="Kickoff", kind="intro")
    data = run("timeline", "ana", "--json").json()
    assert data["as_of"] == "2026-11-23"
    # paused once, but no longer: `paused_until` is only given while paused
    assert data["mentor"] == {
        "id": "ana-silva",
        "name": "Ana Silva",
        "status": "active",
        "since": "2026-02-01",
        "paused_until": None,
        "ended": None,
        "closure": None,
    }
    assert data["sessions"] == 1
    assert data["goals"] == [
        {"id": "met", "title": "Met", "status": "done", "target": None},
        {"id": "ship", "title": "Ship it", "status": "open", "target": "2027-01-31"},
    ]
    assert (data["goals_reached"], data["reached_alone"]) == (1, 0)
    assert data["events"][1] == {
        "date": "2026-03-02",
        "kind": "session",
        "text": "Kickoff",
        "ref": "2026-03-02-ana-silva",
        "detail": "intro",
    }


def test_timeline_as_of_rolls_back_what_happened_later(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor(
        "ana-silva",
        since=d("2026-03-01"),
        struggles_asked=d("2026-05-01"),
        questions=[
            {"text": "Asked later", "added": d("2026-03-10"), "done": d("2026-04-15")},
            {"text": "Not thought of yet", "added": d("2026-04-10")},
        ],
    )
    builder.session("ana-silva", "2026-03-15", "## Actions\n- [x] Call HR (done 2026-04-20)\n")
    builder.goal(
        "grow",
        mentors=["ana-silva"],
        created=d("2026-03-05"),
        status="done",
        closed=d("2026-06-01"),
    )
    data = run("timeline", "ana", "--as-of", "2026-04-01", "--json").json()
    assert _kinds(data["events"]) == [
        ("2026-03-01", "began"),
        ("2026-03-05", "goal-linked"),
        ("2026-03-10", "question-queued"),
        ("2026-03-15", "session"),
    ]
    assert data["goals"][0]["status"] == "open"
    assert data["goals_reached"] == 0
    before = run("timeline", "ana", "--as-of", "2026-02-01", "--json").json()
    assert before["events"] == []
    assert before["goals"] == []
