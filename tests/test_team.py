"""`mentorlog team`: the mentors you have now side by side, and what the team still lacks."""

from __future__ import annotations

from journal_builder import Builder, d, flat

TEAM_KEYS = {"as_of", "members", "coverage", "gaps", "goals_reached", "reached_alone"}
MEMBER_KEYS = {
    "id",
    "name",
    "stage",
    "status",
    "role",
    "org",
    "cadence",
    "tags",
    "open_goals",
    "contacts",
    "last_contact",
    "next_due",
    "days_overdue",
    "rhythm",
}


def _codes(run) -> list[str]:
    return [g["code"] for g in run("team", "--json").json()["gaps"]]


def test_team_json_has_the_documented_shape(run, example_dir):
    result = run("team", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == TEAM_KEYS
    assert all(set(m) == MEMBER_KEYS for m in data["members"])
    assert all(set(m["rhythm"]) == {"gaps", "on_time", "state"} for m in data["members"])
    assert all(set(c) == {"goal", "title", "mentors"} for c in data["coverage"])
    assert all(set(g) == {"code", "goal", "org", "mentors"} for g in data["gaps"])


def test_team_on_the_example_shows_current_mentors_by_career_stage(run, example_dir):
    data = run("team", "--json").json()
    # Walter's program ended; Helen is paused but still on the team
    assert [(m["id"], m["stage"], m["status"]) for m in data["members"]] == [
        ("ruth-castellanos", "senior", "active"),
        ("tomas-lindqvist", "peer", "active"),
        ("marcus-oyelaran", "near-peer", "active"),
        ("helen-achterberg", "outsider", "paused"),
    ]
    ruth = data["members"][0]
    assert ruth["days_overdue"] == 21
    assert ruth["rhythm"] == {"gaps": 3, "on_time": 3, "state": "slipping"}
    assert [g["id"] for g in ruth["open_goals"]] == ["present-the-budget-to-council"]


def test_team_on_the_example_points_out_the_goal_nobody_helps_with(run, example_dir):
    data = run("team", "--json").json()
    assert data["gaps"] == [
        {"code": "unlinked-goal", "goal": "chair-a-hiring-panel", "org": None, "mentors": []}
    ]
    coverage = {c["goal"]: c["mentors"] for c in data["coverage"]}
    assert coverage["learn-to-delegate"] == ["marcus-oyelaran", "helen-achterberg"]
    assert coverage["chair-a-hiring-panel"] == []
    assert data["goals_reached"] == 2
    assert [g["id"] for g in data["reached_alone"]] == ["finish-the-public-management-certificate"]


def test_team_on_screen(run, example_dir):
    result = run("team")
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    assert "Your team" in out
    assert "Ruth Castellanos senior" in out
    assert "21 days overdue" in out
    assert "How the team covers your goals" in out
    assert "Chair a hiring panel nobody yet" in out
    assert "No mentor is linked to 'Chair a hiring panel'" in out
    assert "Goals reached: 2, 1 of them on your own" in out


def test_team_as_of_an_earlier_day_shows_the_team_then(run, example_dir):
    data = run("team", "--as-of", "2026-06-01", "--json").json()
    assert data["as_of"] == "2026-06-01"
    # Marcus and Helen had not started; Walter's program was running
    assert {m["id"] for m in data["members"]} == {
        "walter-nakamura",
        "ruth-castellanos",
        "tomas-lindqvist",
    }
    assert "no-outsider" in [g["code"] for g in data["gaps"]]
    assert data["goals_reached"] == 0


def test_team_refuses_a_bad_as_of(run, example_dir):
    result = run("team", "--as-of", "soonish")
    assert result.exit_code == 2
    assert result.stderr.startswith("mentorlog:")


def test_team_with_no_mentors_says_how_to_start(run, journal_dir):
    Builder(journal_dir)
    assert _codes(run) == ["no-mentors"]
    assert "mentorlog mentor add NAME" in flat(run("team").stdout)


def test_team_with_only_senior_mentors_suggests_a_peer(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="senior", org="X").mentor("b", stage="senior", org="Y")
    codes = _codes(run)
    assert "all-senior" in codes
    assert "no-peer" not in codes  # one message is enough
    assert "Everyone on your team is senior to you" in flat(run("team").stdout)


def test_team_without_a_peer_or_near_peer_says_so(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="senior", org="X").mentor("b", stage="outsider", org="Y")
    assert _codes(run) == ["no-peer"]
    assert "No peer or near-peer yet" in flat(run("team").stdout)


def test_a_near_peer_counts_as_a_peer_perspective(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="near-peer", org="X").mentor(
        "b", stage="outsider", org="Y"
    )
    assert _codes(run) == []
    assert "covers every open goal" in flat(run("team").stdout)


def test_team_from_one_organisation_suggests_another_voice(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="peer", org="City of X").mentor(
        "b", stage="outsider", org="city of x"
    )
    gaps = run("team", "--json").json()["gaps"]
    assert gaps == [{"code": "one-org", "goal": None, "org": "City of X", "mentors": []}]
    assert "Every mentor works at City of X" in flat(run("team").stdout)


def test_team_without_an_outsider_suggests_one(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="peer", org="X").mentor("b", stage="senior", org="Y")
    assert _codes(run) == ["no-outsider"]
    assert "Nobody from outside your field" in flat(run("team").stdout)


def test_team_asks_for_missing_career_stages(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="peer").mentor("b", stage="outsider").mentor("c")
    gaps = run("team", "--json").json()["gaps"]
    assert gaps == [{"code": "unknown-stage", "goal": None, "org": None, "mentors": ["c"]}]


def test_team_points_out_a_goal_no_current_mentor_is_linked_to(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="peer").mentor("b", stage="outsider")
    builder.mentor("gone", stage="senior", ended=d("2026-10-01"))
    builder.goal("speak-up", title="Speak up in meetings", mentors=["gone"])
    builder.goal("write-more", mentors=["a"])
    assert _codes(run) == ["unlinked-goal"]
    assert run("team", "--json").json()["gaps"][0]["goal"] == "speak-up"
    assert "No mentor is linked to 'Speak up in meetings'" in flat(run("team").stdout)


def test_team_counts_goals_reached_on_your_own(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="peer").mentor("b", stage="outsider")
    builder.goal("one", status="done", closed=d("2026-05-01"), independently=True)
    builder.goal("two", status="done", closed=d("2026-06-01"), mentors=["a"])
    builder.goal("three", status="dropped", closed=d("2026-06-01"))
    data = run("team", "--json").json()
    assert data["goals_reached"] == 2
    assert [g["id"] for g in data["reached_alone"]] == ["one"]


def test_team_rhythm_measures_the_gaps_between_the_last_four_contacts(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="peer", cadence="2w", since=d("2026-01-01"))
    builder.mentor("b", stage="outsider", cadence="2w", since=d("2026-01-01"))
    # a: an old long gap, then three on time; the last was 3 days ago
    for day in ("2026-01-05", "2026-06-01", "2026-10-30", "2026-11-10", "2026-11-20"):
        builder.session("a", day)
    # b: mostly late
    for day in ("2026-09-01", "2026-10-01", "2026-11-01", "2026-11-20"):
        builder.session("b", day)
    members = {m["id"]: m for m in run("team", "--json").json()["members"]}
    assert members["a"]["rhythm"] == {"gaps": 3, "on_time": 2, "state": "kept"}
    assert members["a"]["contacts"] == 5
    assert members["a"]["days_overdue"] == -11
    assert members["b"]["rhythm"] == {"gaps": 3, "on_time": 0, "state": "slipping"}
    out = flat(run("team").stdout)
    assert "kept, 2 of 3 gaps on time, due in 11 days" in out


def test_team_rhythm_of_a_new_mentor(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="peer", since=d("2026-11-20")).mentor(
        "b", stage="outsider", since=d("2026-11-20")
    )
    members = run("team", "--json").json()["members"]
    assert members[0]["rhythm"] == {"gaps": 0, "on_time": 0, "state": "new"}
