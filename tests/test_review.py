"""`mentorlog review`: a look back over a period across all mentors."""

from __future__ import annotations

import pytest

from journal_builder import Builder, d, flat

REVIEW_KEYS = {
    "independence",
    "growth",
    "advice",
    "since",
    "until",
    "months",
    "sessions",
    "mentors",
    "actions",
    "goals",
    "lessons",
    "reflections",
}


def test_review_json_has_the_documented_shape(run, example_dir):
    result = run("review", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == REVIEW_KEYS
    assert set(data["sessions"]) == {"total", "by_kind"}
    assert all(
        set(m) == {"id", "name", "cadence", "contacts", "expected", "state", "by_month", "drift"}
        for m in data["mentors"]
    )
    assert set(data["actions"]) == {"done", "open"}
    assert all(
        set(a) == {"id", "mentor", "date", "text", "done_on"}
        for a in data["actions"]["done"] + data["actions"]["open"]
    )
    assert all(set(g) == {"id", "title", "status", "closed", "progress"} for g in data["goals"])
    assert all(set(x) == {"mentor", "session", "date", "text", "tags"} for x in data["lessons"])
    assert all(set(r) == {"id", "date", "mentor", "session"} for r in data["reflections"])


def test_review_defaults_to_the_last_three_months(run, example_dir):
    data = run("review", "--json").json()
    assert (data["since"], data["until"]) == ("2026-08-23", "2026-11-23")
    assert data["months"] == ["2026-08", "2026-09", "2026-10", "2026-11"]


def test_review_on_the_example_counts_sessions_by_kind_and_cadence_kept(run, example_dir):
    data = run("review", "--json").json()
    assert data["sessions"] == {"total": 8, "by_kind": {"check-in": 5, "question": 2, "thanks": 1}}
    rhythm = {m["id"]: (m["contacts"], m["expected"], m["state"]) for m in data["mentors"]}
    assert rhythm == {
        "helen-achterberg": (0, 1, "paused"),
        "marcus-oyelaran": (2, 3, "behind"),
        "priya-natarajan": (0, 0, "kept"),
        "ruth-castellanos": (1, 2, "behind"),
        "tomas-lindqvist": (3, 6, "behind"),
        "walter-nakamura": (2, 2, "kept"),
    }
    tomas = next(m for m in data["mentors"] if m["id"] == "tomas-lindqvist")
    assert tomas["by_month"] == {"2026-08": 0, "2026-09": 0, "2026-10": 1, "2026-11": 2}


def test_review_on_the_example_lists_actions_goals_lessons_and_reflections(run, example_dir):
    data = run("review", "--json").json()
    assert len(data["actions"]["done"]) == 9
    assert data["actions"]["done"][0]["done_on"] == "2026-08-24"
    assert len(data["actions"]["open"]) == 12
    goals = {g["id"]: g for g in data["goals"]}
    assert goals["negotiate-my-reclassification"]["closed"] == "done"
    assert goals["launch-an-open-data-newsletter"]["closed"] == "dropped"
    assert len(goals["learn-to-delegate"]["progress"]) == 2
    assert goals["learn-to-delegate"]["closed"] is None
    assert len(data["lessons"]) == 7
    assert data["reflections"][0]["id"] == "2026-09-09-walter-nakamura"


def test_review_on_screen_has_a_plain_chart_under_no_color(run, example_dir):
    result = run("review")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Review 2026-08-23 to 2026-11-23" in out
    assert "8 contacts: 5 check-in, 2 question, 1 thanks" in out
    chart = out[out.index("Each mentor against their cadence") :].splitlines()
    assert chart[1].split() == ["Sep", "'26", "Oct", "Nov"]
    assert chart[6] == "Tomas   ×  ×  ×  ×  ×  ×  ×  ×  ×  ▲  ·  ▲  ·  ●  ·"
    assert "● contact on time" in out
    assert "\x1b" not in out
    flat_out = flat(out)
    assert "Actions done (9)" in flat_out
    assert "Still open (12)" in flat_out


def test_review_chart_colours_its_marks_when_colour_is_on(run, example_dir, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = run("review").stdout
    assert "\x1b[" in out and "▲" in out


def test_review_chart_shows_the_whole_period_on_a_narrow_terminal(run, example_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    out = run("review", "--since", "2026-05-01").stdout
    chart = out[out.index("Each mentor against their cadence") :].splitlines()
    assert chart[1].split()[:2] == ["May", "'26"]
    assert chart[1].split()[-1] == "Nov"
    assert all(len(line) <= 40 for line in chart[:10])


def test_review_since_and_as_of_choose_the_period(run, example_dir):
    data = run("review", "--since", "2026-05-01", "--as-of", "2026-06-30", "--json").json()
    assert (data["since"], data["until"]) == ("2026-05-01", "2026-06-30")
    assert data["months"] == ["2026-05", "2026-06"]
    assert data["sessions"]["total"] == 9
    # Ruth's reclassification was still open then, and nothing ticked later counts as done
    assert "negotiate-my-reclassification" in {g["id"] for g in data["goals"]}
    assert all(a["done_on"] <= "2026-06-30" for a in data["actions"]["done"])
    assert "helen-achterberg" in {m["id"] for m in data["mentors"]}


def test_review_refuses_a_start_after_the_end_or_a_bad_date(run, example_dir):
    after = run("review", "--since", "2026-12-01")
    assert after.exit_code == 2
    assert "is after 2026-11-23" in after.stderr
    bad = run("review", "--since", "a while ago")
    assert bad.exit_code == 2
    bad_as_of = run("review", "--as-of", "later")
    assert bad_as_of.exit_code == 2
    assert "Traceback" not in bad.stderr + bad_as_of.stderr


def test_review_expected_contacts_follow_the_cadence_and_the_relationship_span(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("weekly", cadence="1w", since=d("2026-01-01"))
    builder.mentor("late-start", cadence="2w", since=d("2026-11-01"))
    builder.mentor("ended-early", cadence="1w", since=d("2026-01-01"), ended=d("2026-10-07"))
    builder.mentor("long-gone", cadence="1w", since=d("2025-01-01"), ended=d("2025-06-01"))
    for day in ("2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"):
        builder.session("weekly", day)
    data = run("review", "--since", "2026-10-01", "--as-of", "2026-10-31", "--json").json()
    rhythm = {m["id"]: (m["contacts"], m["expected"], m["state"]) for m in data["mentors"]}
    assert rhythm == {
        "weekly": (4, 4, "kept"),
        "ended-early": (0, 0, "kept"),
        # late-start began after the period
    }


def test_review_of_an_empty_period_says_nothing_happened(run, journal_dir):
    Builder(journal_dir).mentor("ana-silva", since=d("2026-01-01"))
    result = run("review")
    assert result.exit_code == 0
    assert "0 contacts" in result.stdout
    data = run("review", "--json").json()
    assert data["sessions"] == {"total": 0, "by_kind": {}}


def test_review_reminds_to_reflect_when_no_reflection_was_written(run, journal_dir):
    builder = Builder(journal_dir).mentor("ana-silva", since=d("2026-01-01"))
    builder.session("ana-silva", "2026-11-02")
    assert "No reflections written in this period" in flat(run("review").stdout)


# --- October 2026 as the period: records on both edges, just outside, and after it ------------

OCTOBER = ("--since", "2026-10-01", "--as-of", "2026-10-31")


@pytest.fixture
def october(journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", name="Ana Silva", cadence="2w", since=d("2026-01-01"))
    builder.mentor("ben-cole", name="Ben Cole", cadence="1m", since=d("2026-01-01"))
    builder.session(
        "ana-silva",
        "2026-09-30",
        "## Actions\n"
        "- [ ] Still open from September\n"
        "- [x] Ticked on the first day (done 2026-10-01)\n"
        "- [x] Ticked the day before (done 2026-09-30)\n\n"
        "## Lessons\n- Learned the day before. #early\n",
    )
    builder.session(
        "ana-silva",
        "2026-10-01",
        "## Actions\n"
        "- [x] Ticked on the last day (done 2026-10-31)\n"
        "- [x] Ticked the day after (done 2026-11-01)\n\n"
        "## Lessons\n- Learned on the first day. #start\n",
    )
    builder.session("ben-cole", "2026-10-15", kind="email")
    builder.session("ana-silva", "2026-10-20", kind="thanks")
    builder.session(
        "ben-cole", "2026-10-31", "## Lessons\n- Learned on the last day. #end\n", kind="question"
    )
    builder.session("ana-silva", "2026-11-01", "## Lessons\n- Learned the day after.\n")
    for on in ("2026-09-30", "2026-10-01", "2026-10-31", "2026-11-01"):
        builder.reflection(f"{on}-ana-silva", on, mentor="ana-silva", session=f"{on}-ana-silva")
    builder.goal("reached-on-day-one", status="done", closed=d("2026-10-01"), independently=True)
    builder.goal("dropped-on-the-last-day", status="dropped", closed=d("2026-10-31"))
    builder.goal("reached-in-september", status="done", closed=d("2026-09-30"))
    builder.goal(
        "reached-in-november",
        status="done",
        closed=d("2026-11-01"),
        progress=[{"date": d("2026-10-10"), "note": "Almost there"}],
    )
    builder.goal("never-moved", created=d("2026-01-01"))
    builder.goal(
        "moving-steadily",
        progress=[
            {"date": d(on), "note": f"Step on {on}"}
            for on in ("2026-09-30", "2026-10-01", "2026-10-31", "2026-11-01")
        ],
    )
    return journal_dir


def test_review_period_includes_both_end_days_and_nothing_outside(run, october):
    data = run("review", *OCTOBER, "--json").json()
    assert (data["since"], data["until"], data["months"]) == (
        "2026-10-01",
        "2026-10-31",
        ["2026-10"],
    )
    assert data["sessions"]["total"] == 4  # October 1, 15, 20 and 31
    assert [(x["mentor"], x["session"], x["text"], x["tags"]) for x in data["lessons"]] == [
        ("ana-silva", "2026-10-01-ana-silva", "Learned on the first day. #start", ["start"]),
        ("ben-cole", "2026-10-31-ben-cole", "Learned on the last day. #end", ["end"]),
    ]
    assert data["reflections"] == [
        {
            "id": f"{on}-ana-silva",
            "date": on,
            "mentor": "ana-silva",
            "session": f"{on}-ana-silva",
        }
        for on in ("2026-10-01", "2026-10-31")
    ]


def test_review_period_of_a_single_day(run, october):
    data = run("review", "--since", "2026-10-31", "--as-of", "2026-10-31", "--json").json()
    assert data["sessions"] == {"total": 1, "by_kind": {"question": 1}}
    assert [r["date"] for r in data["reflections"]] == ["2026-10-31"]


def test_review_counts_contacts_by_kind_in_a_fixed_order(run, october):
    data = run("review", *OCTOBER, "--json").json()
    # held as check-in, email, thanks, question; listed in the order of the kinds, none at zero
    assert list(data["sessions"]["by_kind"].items()) == [
        ("check-in", 1),
        ("question", 1),
        ("email", 1),
        ("thanks", 1),
    ]
    out = run("review", *OCTOBER).stdout
    assert "Review 2026-10-01 to 2026-10-31" in out
    assert "4 contacts: 1 check-in, 1 question, 1 email, 1 thanks" in out
    assert "2 actions done, 2 still open; 2 lessons learned; 2 reflections written" in out
    assert "No reflections written" not in out


def test_review_lists_actions_ticked_in_the_period_and_all_still_open(run, october):
    actions = run("review", *OCTOBER, "--json").json()["actions"]
    # ticked in October, whenever the call was; in the order they were ticked
    assert [(a["text"], a["date"], a["done_on"]) for a in actions["done"]] == [
        ("Ticked on the first day", "2026-09-30", "2026-10-01"),
        ("Ticked on the last day", "2026-10-01", "2026-10-31"),
    ]
    # open on October 31, however old: ticking it on November 1 comes too late for the period
    assert [(a["id"], a["mentor"], a["date"], a["done_on"]) for a in actions["open"]] == [
        ("2026-09-30-ana-silva#1", "ana-silva", "2026-09-30", None),
        ("2026-10-01-ana-silva#2", "ana-silva", "2026-10-01", None),
    ]
    out = flat(run("review", *OCTOBER).stdout)
    assert "Actions done (2) 2026-10-01 Ticked on the first day (Ana)" in out
    assert "Still open (2), by when you took them on 2026-09-30 Still open from September" in out


def test_review_shows_goals_reached_dropped_or_moved_in_the_period(run, october):
    goals = {g["id"]: g for g in run("review", *OCTOBER, "--json").json()["goals"]}
    # untouched in October: closed before it, or never moved at all
    assert sorted(goals) == [
        "dropped-on-the-last-day",
        "moving-steadily",
        "reached-in-november",
        "reached-on-day-one",
    ]
    assert goals["reached-on-day-one"]["closed"] == "done"
    assert goals["dropped-on-the-last-day"]["closed"] == "dropped"
    assert goals["moving-steadily"]["closed"] is None
    assert goals["moving-steadily"]["progress"] == [
        {"date": "2026-10-01", "note": "Step on 2026-10-01"},
        {"date": "2026-10-31", "note": "Step on 2026-10-31"},
    ]
    # reached on November 1: on October 31 it was still open, and only moving
    assert goals["reached-in-november"]["status"] == "open"
    assert goals["reached-in-november"]["closed"] is None
    assert goals["reached-in-november"]["progress"] == [
        {"date": "2026-10-10", "note": "Almost there"}
    ]
    out = run("review", *OCTOBER).stdout
    assert "2026-10-01 done on your own" in out
    assert "2026-10-31 dropped" in out


def test_review_of_a_quiet_period_still_lists_what_is_open(run, october):
    data = run("review", "--since", "2026-11-05", "--as-of", "2026-11-20", "--json").json()
    assert data["sessions"]["total"] == 0
    assert data["goals"] == data["lessons"] == data["reflections"] == []
    assert data["actions"]["done"] == []
    # the action ticked on November 1 was done before the period began: in neither list
    assert [a["text"] for a in data["actions"]["open"]] == ["Still open from September"]
    assert {m["id"]: m["contacts"] for m in data["mentors"]} == {"ana-silva": 0, "ben-cole": 0}
    out = run("review", "--since", "2026-11-05", "--as-of", "2026-11-20").stdout
    assert "0 contacts\n0 actions done, 1 still open; 0 lessons learned" in out
    for part in ("Goals", "Actions done", "Lessons", "No reflections written"):
        assert part not in out, part


def test_review_months_run_across_the_new_year(run, october):
    data = run("review", "--since", "2026-12-20", "--as-of", "2027-02-01", "--json").json()
    assert data["months"] == ["2026-12", "2027-01", "2027-02"]
    assert all(list(m["by_month"]) == data["months"] for m in data["mentors"])
    chart = run("review", "--since", "2026-12-20", "--as-of", "2027-02-01").stdout
    header = chart[chart.index("Each mentor against their cadence") :].splitlines()[1]
    assert header.split() == ["Jan", "'27", "Feb"]  # December's 12 days leave no room


def test_review_default_period_clamps_to_the_end_of_a_shorter_month(run, october):
    data = run("review", "--as-of", "2026-05-31", "--json").json()
    assert (data["since"], data["until"]) == ("2026-02-28", "2026-05-31")


def test_review_reads_a_relative_since_from_the_as_of_day(run, october):
    data = run("review", "--as-of", "2026-10-31", "--since", "2 weeks ago", "--json").json()
    assert (data["since"], data["until"]) == ("2026-10-17", "2026-10-31")
    assert data["sessions"] == {"total": 2, "by_kind": {"question": 1, "thanks": 1}}


def test_review_names_the_mentor_of_an_open_action_even_after_the_relationship_ended(
    run, example_dir
):
    """Walter's program ended on 2026-10-30; his open actions still say whose they are."""
    result = run("review", "--since", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert "(Walter)" in result.stdout
    assert "(walter-nakamura)" not in result.stdout
