"""`mentorlog team`: the mentors you have now side by side, and what the team still lacks."""

from __future__ import annotations

from journal_builder import Builder, d, flat

TEAM_KEYS = {
    "as_of",
    "members",
    "coverage",
    "gaps",
    "goals_reached",
    "reached_alone",
    "independence",
}
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
        ("priya-natarajan", "senior", "active"),
        ("ruth-castellanos", "senior", "active"),
        ("tomas-lindqvist", "peer", "active"),
        ("marcus-oyelaran", "near-peer", "active"),
        ("helen-achterberg", "outsider", "paused"),
    ]
    ruth = data["members"][1]
    assert ruth["days_overdue"] == 21
    assert ruth["rhythm"] == {"gaps": 3, "on_time": 3, "state": "slipping"}
    assert [g["id"] for g in ruth["open_goals"]] == [
        "present-the-budget-to-council",
        "write-a-budget-primer-for-new-council-members",
    ]


def test_team_on_the_example_covers_every_open_goal(run, example_dir):
    data = run("team", "--json").json()
    assert data["gaps"] == []
    coverage = {c["goal"]: c["mentors"] for c in data["coverage"]}
    assert coverage["learn-to-delegate"] == ["marcus-oyelaran", "helen-achterberg"]
    # Priya, found through Marcus for the goal nobody helped with, has not been met yet
    assert coverage["chair-a-hiring-panel"] == ["priya-natarajan"]
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
    assert "Priya Natarajan senior Chair a hiring panel" in out
    assert "just started" in out
    assert "Room to grow" not in out
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


# --- who is on the team -------------------------------------------------------------------------


def test_team_lists_members_senior_first_then_peer_near_peer_junior_outsider_then_no_stage(
    run, journal_dir
):
    builder = Builder(journal_dir)
    # written in an order that is neither alphabetical nor by stage
    builder.mentor("zoe", stage="junior", org="A").mentor("yann", stage="near-peer", org="B")
    builder.mentor("xia", org="C").mentor("wes", stage="outsider", org="D")
    builder.mentor("vic", stage="peer", org="E").mentor("bea", stage="senior", org="F")
    builder.mentor("ula", stage="senior", org="G")
    data = run("team", "--json").json()
    assert [(m["id"], m["stage"]) for m in data["members"]] == [
        ("bea", "senior"),
        ("ula", "senior"),
        ("vic", "peer"),
        ("yann", "near-peer"),
        ("zoe", "junior"),
        ("wes", "outsider"),
        ("xia", None),
    ]
    assert "Xia —" in flat(run("team").stdout)  # no stage shows as a dash


def test_team_leaves_out_mentors_who_ended_or_have_not_started_and_keeps_paused_ones(
    run, journal_dir
):
    builder = Builder(journal_dir)
    builder.mentor("ended", stage="outsider", org="A", ended=d("2026-11-23"))
    builder.mentor("later", stage="outsider", org="B", since=d("2026-11-24"))
    builder.mentor("ending-soon", stage="peer", org="C", ended=d("2026-11-24"))
    builder.mentor("resting", stage="senior", org="D", paused_until=d("2026-12-15"))
    builder.mentor("back", stage="senior", org="E", paused_until=d("2026-11-23"))
    data = run("team", "--json").json()
    assert [(m["id"], m["status"]) for m in data["members"]] == [
        ("back", "active"),  # paused until today: back on today
        ("resting", "paused"),
        ("ending-soon", "active"),
    ]
    # the outsiders who left or have not started do not fill the gap
    assert [g["code"] for g in data["gaps"]] == ["no-outsider"]


def test_a_paused_mentor_is_never_overdue_and_shows_until_when(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("rest", stage="peer", cadence="2w", paused_until=d("2026-12-15"))
    builder.mentor("other", stage="outsider", since=d("2026-11-23"))
    builder.session("rest", "2026-09-01").session("rest", "2026-09-10")
    rest = run("team", "--json").json()["members"][0]
    assert rest["status"] == "paused"
    assert rest["days_overdue"] == 0
    assert rest["rhythm"] == {"gaps": 1, "on_time": 1, "state": "paused"}
    assert "paused, 1 of 1 gap on time, until 2026-12-15" in flat(run("team").stdout)


# --- gaps: one rule at a time ------------------------------------------------------------------


def test_a_junior_is_not_a_peer_perspective(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="junior", org="X").mentor("b", stage="outsider", org="Y")
    assert _codes(run) == ["no-peer"]


def test_a_lone_senior_mentor_gets_both_the_all_senior_and_the_outsider_advice(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="senior", org="X")
    assert _codes(run) == ["all-senior", "no-outsider"]  # one mentor is never "one-org"


def test_one_org_needs_every_mentor_to_name_the_same_organisation(run, journal_dir):
    Builder(journal_dir).mentor("a", stage="peer", org="X").mentor("b", stage="outsider")
    assert _codes(run) == []


def test_a_team_lacking_everything_lists_the_gaps_in_a_fixed_order(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="senior", org="Acme").mentor("b", org="ACME")
    builder.goal("speak", title="Speak up", target=d("2027-01-01"))
    data = run("team", "--json").json()
    assert data["gaps"] == [
        {"code": "no-peer", "goal": None, "org": None, "mentors": []},
        {"code": "no-outsider", "goal": None, "org": None, "mentors": []},
        {"code": "one-org", "goal": None, "org": "Acme", "mentors": []},
        {"code": "unknown-stage", "goal": None, "org": None, "mentors": ["b"]},
        {"code": "unlinked-goal", "goal": "speak", "org": None, "mentors": []},
    ]
    out = flat(run("team").stdout)
    advice = [
        "No peer or near-peer yet",
        "Nobody from outside your field",
        "Every mentor works at Acme",
        "No career stage recorded for b, so the team view cannot tell who is senior or a peer: "
        "`mentorlog mentor set ID --stage peer`",
        "No mentor is linked to 'Speak up'. Is there someone who has done it? "
        "`mentorlog goal link speak --mentor NAME`",
    ]
    positions = [out.index(line) for line in advice]
    assert positions == sorted(positions)
    assert "Room to grow" in out


def test_a_complete_team_gets_no_advice(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="senior", org="X").mentor("b", stage="peer", org="Y")
    builder.mentor("c", stage="outsider", org="Z")
    builder.goal("lead", mentors=["a", "c"])
    assert run("team", "--json").json()["gaps"] == []
    out = flat(run("team").stdout)
    assert "The team covers every open goal and a range of perspectives." in out
    assert "Room to grow" not in out
    assert "Goals reached" not in out  # nothing reached yet, nothing to count


def test_goals_are_covered_only_by_mentors_on_the_team_today(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("peer", stage="peer", org="X")
    builder.mentor("away", name="Ada Away", stage="outsider", org="Y", paused_until=d("2027-01-01"))
    builder.mentor("soon", stage="senior", since=d("2027-01-01"))
    builder.goal("b-later", target=d("2027-06-01"), mentors=["soon"])
    builder.goal("c-undated", mentors=["away", "peer"])
    builder.goal("a-soon", target=d("2027-02-01"), mentors=["away"])
    builder.goal("done", status="done", closed=d("2026-10-01"))
    builder.goal("dropped", status="dropped", closed=d("2026-10-01"))
    data = run("team", "--json").json()
    # open goals only, by target date, undated last; a paused mentor still helps
    assert data["coverage"] == [
        {"goal": "a-soon", "title": "A soon", "mentors": ["away"]},
        {"goal": "b-later", "title": "B later", "mentors": []},
        {"goal": "c-undated", "title": "C undated", "mentors": ["away", "peer"]},
    ]
    assert [(g["code"], g["goal"]) for g in data["gaps"]] == [("unlinked-goal", "b-later")]
    assert "C undated Ada, Peer" in flat(run("team").stdout)


def test_an_empty_journal_has_an_empty_team_and_open_goals_nobody_helps_with(run, journal_dir):
    Builder(journal_dir).goal("learn-sql")
    result = run("team", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["members"] == []
    assert data["coverage"] == [{"goal": "learn-sql", "title": "Learn sql", "mentors": []}]
    assert [g["code"] for g in data["gaps"]] == ["no-mentors", "unlinked-goal"]
    assert data["goals_reached"] == 0
    assert data["reached_alone"] == []


# --- keeping in touch --------------------------------------------------------------------------


def test_a_mentor_never_met_waits_for_a_first_contact_from_when_it_began(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="peer", since=d("2026-11-01"))
    builder.mentor("b", stage="outsider", added=d("2026-11-20"))  # no `since`: when added
    members = {m["id"]: m for m in run("team", "--json").json()["members"]}
    assert members["a"]["contacts"] == 0
    assert members["a"]["last_contact"] is None
    assert members["a"]["next_due"] == "2026-11-01"
    assert members["a"]["days_overdue"] == 0  # a first contact is never overdue
    assert members["a"]["cadence"] == "4w"  # the journal's default cadence
    assert members["a"]["rhythm"]["state"] == "new"
    assert (members["b"]["next_due"], members["b"]["days_overdue"]) == ("2026-11-20", 0)
    assert "just started, first contact, waiting 22 days" in flat(run("team").stdout)


def test_half_the_gaps_on_time_is_kept_but_being_overdue_now_is_slipping(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("a", stage="peer", cadence="2w").mentor("b", stage="outsider", cadence="2w")
    # a: 15 days (late), then exactly 14 days (on time); next due 2026-11-29
    for day in ("2026-10-17", "2026-11-01", "2026-11-15"):
        builder.session("a", day)
    # b: always on time, but the last contact was long ago
    for day in ("2026-09-01", "2026-09-15", "2026-09-29"):
        builder.session("b", day)
    members = {m["id"]: m for m in run("team", "--json").json()["members"]}
    assert members["a"]["rhythm"] == {"gaps": 2, "on_time": 1, "state": "kept"}
    assert members["a"]["next_due"] == "2026-11-29"
    assert members["b"]["rhythm"] == {"gaps": 2, "on_time": 2, "state": "slipping"}
    assert members["b"]["days_overdue"] == 41  # due 2026-10-13
    out = flat(run("team").stdout)
    assert "kept, 1 of 2 gaps on time, due in 6 days" in out
    assert "slipping, both gaps on time, 41 days overdue" in out


# --- the --json contract and --as-of -----------------------------------------------------------


def test_team_json_member_values_have_the_documented_types(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor(
        "ana",
        name="Ana Silva",
        stage="peer",
        role="Analyst",
        org="Port Dorran",
        cadence="2w",
        tags=["budget", "sql"],
    )
    builder.mentor("ola", stage="outsider", since=d("2026-11-23"))
    builder.goal("ship", title="Ship it", mentors=["ana"], target=d("2027-01-31"))
    builder.goal("met", title="Met", mentors=["ana"], status="done", closed=d("2026-10-01"))
    builder.goal("solo", title="Solo", status="done", closed=d("2026-10-02"), independently=True)
    builder.session("ana", "2026-11-02").session("ana", "2026-11-16")
    data = run("team", "--json").json()
    assert data["as_of"] == "2026-11-23"
    assert data["members"][0] == {
        "id": "ana",
        "name": "Ana Silva",
        "stage": "peer",
        "status": "active",
        "role": "Analyst",
        "org": "Port Dorran",
        "cadence": "2w",
        "tags": ["budget", "sql"],
        "open_goals": [
            {"id": "ship", "title": "Ship it", "status": "open", "target": "2027-01-31"}
        ],
        "contacts": 2,
        "last_contact": "2026-11-16",
        "next_due": "2026-11-30",
        "days_overdue": -7,
        "rhythm": {"gaps": 1, "on_time": 1, "state": "kept"},
    }
    # fields the journal leaves out come back as null or empty, never missing
    ola = data["members"][1]
    assert (ola["role"], ola["org"], ola["tags"], ola["open_goals"]) == (None, None, [], [])
    assert data["goals_reached"] == 2
    assert data["reached_alone"] == [
        {"id": "solo", "title": "Solo", "status": "done", "target": None}
    ]
    screen = run("team").stdout
    lines = screen.splitlines()
    row = next(n for n, line in enumerate(lines) if "Ana Silva" in line)
    assert "Ship it" in lines[row]
    assert "#budget #sql" in lines[row + 1]  # what she helps with: open goals, then her tags
    assert "Goals reached: 2, 1 of them on your own: Solo." in flat(screen)


def test_team_as_of_rolls_back_later_sessions_goals_and_endings(run, journal_dir):
    builder = Builder(journal_dir)
    builder.mentor("ana", stage="peer", cadence="2w", ended=d("2026-11-01"))
    builder.mentor("ola", stage="outsider", since=d("2026-09-01"))
    builder.session("ana", "2026-09-01").session("ana", "2026-10-20")
    builder.goal(
        "lead", mentors=["ana"], created=d("2026-08-01"), status="done", closed=d("2026-10-25")
    )
    builder.goal("later", created=d("2026-10-01"))
    data = run("team", "--as-of", "2026-09-10", "--json").json()
    assert data["as_of"] == "2026-09-10"
    ana = data["members"][0]
    assert (ana["id"], ana["status"], ana["contacts"]) == ("ana", "active", 1)
    assert (ana["last_contact"], ana["days_overdue"]) == ("2026-09-01", -5)
    assert [g["id"] for g in ana["open_goals"]] == ["lead"]  # reached only later
    assert data["goals_reached"] == 0
    assert [c["goal"] for c in data["coverage"]] == ["lead"]  # "later" not yet written down
    # today Ana's program has ended, so nobody helps with a peer's view
    assert "no-peer" in [g["code"] for g in run("team", "--json").json()["gaps"]]
