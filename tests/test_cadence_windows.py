"""Two windows per mentor (cadence and outer limit), first contact, snooze and open-ended pause:
the statuses `due` gives, its order, the cadence defaults of mentorlog.toml, and the commands
that set them. Today is pinned to 2026-11-23 (tests/conftest.py)."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from journal_builder import Builder
from mentorlog.domain import windows
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.models import Mentor, Session, Settings
from mentorlog.domain.schedule import due

TODAY = date(2026, 11, 23)


def due_rows(run, *args: str) -> dict[str, dict]:
    result = run("due", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return {row["mentor"]: row for row in result.json()["mentors"]}


def mentor_file(root: Path, mentor_id: str) -> dict:
    return tomllib.loads((root / "mentors" / f"{mentor_id}.toml").read_text("utf-8"))


# --- statuses -------------------------------------------------------------------------------


def test_each_status_of_the_two_windows(run, journal_dir):
    (
        Builder(journal_dir)
        .mentor("fine", cadence="4w")
        .session("fine", "2026-11-10")
        .mentor("soon", cadence="4w")
        .session("soon", "2026-10-28")  # due 2026-11-25, within the week
        .mentor("late", cadence="4w", at_most="6w")
        .session("late", "2026-10-13")  # due 2026-11-10, limit 2026-11-24
        .mentor("gone", cadence="4w", at_most="6w")
        .session("gone", "2026-10-01")  # limit 2026-11-12
    )
    rows = due_rows(run, "--all")
    assert {m: r["status"] for m, r in rows.items()} == {
        "fine": "ok",
        "soon": "due",
        "late": "overdue",
        "gone": "lapsed",
    }
    assert rows["late"]["at_most"] == "6w"
    text = run("due").stdout
    assert "lapsed, 25 days overdue (limit 6w)" in text
    assert "13 days overdue" in text


def test_the_limit_defaults_to_one_and_a_half_cadences(run, journal_dir):
    # 4w from 2026-10-01: due 2026-10-29, limit (6w) 2026-11-12; 2w: due 10-08, limit (3w) 10-22
    (
        Builder(journal_dir)
        .mentor("four", cadence="4w")
        .session("four", "2026-10-05")  # limit 2026-11-16: lapsed
        .mentor("eight", cadence="8w")
        .session("eight", "2026-09-01")  # due 10-27, limit (12w) 11-24: overdue
    )
    rows = due_rows(run)
    assert (rows["four"]["status"], rows["four"]["at_most"]) == ("lapsed", "6w")
    assert (rows["eight"]["status"], rows["eight"]["at_most"]) == ("overdue", "12w")


def test_due_orders_by_lateness_relative_to_each_cadence(run, journal_dir):
    (
        Builder(journal_dir)
        .mentor("quarterly", cadence="3m", name="Aaron Quarterly")
        .session("quarterly", "2026-08-13")  # due 2026-11-13: 10 days late of ~92
        .mentor("fortnightly", cadence="2w", name="Zed Fortnightly")
        .session("fortnightly", "2026-10-30")  # due 2026-11-13: 10 days late of 14
    )
    order = list(due_rows(run))
    assert order == ["fortnightly", "quarterly"]
    text = run("due").stdout
    assert text.index("Zed Fortnightly") < text.index("Aaron Quarterly")


def test_colours_escalate_and_no_color_turns_them_off(run, journal_dir, monkeypatch):
    (
        Builder(journal_dir)
        .mentor("late", cadence="4w", at_most="8w")
        .session("late", "2026-10-13")
        .mentor("gone", cadence="1w")
        .session("gone", "2026-10-01")
    )
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    coloured = run("due").stdout
    assert "\x1b[31;1mlapsed" in coloured
    assert "\x1b[31m13 days overdue" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run("due").stdout
    assert "\x1b" not in plain
    assert "lapsed" in plain and "13 days overdue" in plain


# --- defaults by stage and tag --------------------------------------------------------------


def _with_cadence_table(root: Path, table: str) -> None:
    settings_path = root / "mentorlog.toml"
    settings_path.write_text(settings_path.read_text("utf-8") + "\n" + table, "utf-8")


def test_defaults_precedence_own_then_tag_then_stage_then_journal(run, journal_dir):
    builder = Builder(journal_dir)
    for mentor_id, fields in {
        "own": {"stage": "senior", "tags": ["board"], "cadence": "3w"},
        "tagged": {"stage": "senior", "tags": ["friends", "board"]},
        "staged": {"stage": "senior"},
        "plain": {"stage": "peer"},
    }.items():
        builder.mentor(mentor_id, **fields).session(mentor_id, "2026-06-01")
    _with_cadence_table(
        journal_dir,
        '[cadence]\nsenior = "6w"\n\n[cadence.tag]\nboard = "2w"\nfriends = "2m"\n',
    )
    rows = due_rows(run)
    assert {m: r["cadence"] for m, r in rows.items()} == {
        "own": "3w",
        "tagged": "2w",  # the shortest of its tags'
        "staged": "6w",
        "plain": "4w",  # the journal's default_cadence
    }
    # The same cadence everywhere it is shown, not only in `due`.
    brief = run("brief", "staged", "--json")
    assert brief.exit_code == 0, brief.stderr
    assert '"6w"' in brief.stdout


def test_a_mistyped_cadence_key_is_refused_with_its_line(run, journal_dir):
    Builder(journal_dir).mentor("ruth")
    _with_cadence_table(journal_dir, '[cadence]\nseniour = "6w"\n')
    result = run("due")
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    line = len((journal_dir / "mentorlog.toml").read_text("utf-8").splitlines())
    assert f"mentorlog.toml:{line}:" in result.stderr
    assert "`cadence.seniour` is not a career stage" in result.stderr


def test_a_limit_shorter_than_the_cadence_in_a_file_is_a_file_problem(run, journal_dir):
    Builder(journal_dir).mentor("ruth", cadence="4w", at_most="2w")
    result = run("mentor", "show", "ruth")
    assert result.exit_code != 0
    assert "'at_most' (2w) is shorter than 'cadence' (4w)" in result.stderr


# --- the commands ---------------------------------------------------------------------------


def test_add_and_set_take_at_most(run, journal_dir):
    assert run("mentor", "add", "Ruth", "--cadence", "4w", "--at-most", "6w").exit_code == 0
    assert mentor_file(journal_dir, "ruth")["at_most"] == "6w"
    assert run("mentor", "set", "ruth", "--at-most", "2 months").exit_code == 0
    assert mentor_file(journal_dir, "ruth")["at_most"] == "2m"


def test_a_limit_shorter_than_the_cadence_is_refused_and_nothing_written(run, journal_dir):
    refused = run("mentor", "add", "Ruth", "--cadence", "4w", "--at-most", "2w")
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "--at-most 6w" in refused.stderr
    assert not (journal_dir / "mentors" / "ruth.toml").exists()

    run("mentor", "add", "Ruth", "--cadence", "4w", "--at-most", "6w")
    before = (journal_dir / "mentors" / "ruth.toml").read_bytes()
    for args in (("--at-most", "3w"), ("--cadence", "8w")):
        result = run("mentor", "set", "ruth", *args)
        assert result.exit_code == 2, args
        assert "shorter than the cadence" in result.stderr
        assert (journal_dir / "mentors" / "ruth.toml").read_bytes() == before


# --- first contact --------------------------------------------------------------------------


def test_an_old_friend_added_today_waits_for_a_first_contact(run, journal_dir):
    run("mentor", "add", "Old Friend", "--since", "2019-05-01")
    rows = due_rows(run)
    row = rows["old-friend"]
    assert (row["status"], row["days_overdue"], row["waiting_days"]) == ("first-contact", 0, 0)
    text = run("due").stdout
    assert "first contact, from today" in text
    assert "overdue" not in text


def test_first_contact_waits_from_the_later_of_since_and_added(run, journal_dir):
    (
        Builder(journal_dir)
        .mentor("added-later", since=date(2020, 1, 1), added=date(2026, 11, 13))
        .mentor("since-later", since=date(2026, 11, 18), added=date(2026, 11, 1))
        .mentor("old-file", since=date(2019, 5, 1))  # from before `added` was recorded
        .mentor("in-future", added=date(2026, 11, 23), since=date(2026, 11, 23))
    )
    rows = due_rows(run)
    waiting = {m: (r["status"], r["waiting_days"], r["days_overdue"]) for m, r in rows.items()}
    assert waiting["added-later"] == ("first-contact", 10, 0)
    assert waiting["since-later"] == ("first-contact", 5, 0)
    assert waiting["old-file"] == ("first-contact", 2763, 0)
    assert "first contact, waiting 2763 days" in run("due").stdout
    assert "2763 days overdue" not in run("due").stdout


def test_a_first_contact_becomes_ordinary_after_the_first_session(run, journal_dir):
    Builder(journal_dir).mentor("ruth", added=date(2026, 1, 1)).session("ruth", "2026-11-20")
    assert "ruth" not in due_rows(run)


# --- snooze and pause -----------------------------------------------------------------------


def test_snooze_hides_one_reminder_until_it_ends(run, journal_dir, monkeypatch):
    Builder(journal_dir).mentor("ruth", cadence="2w").session("ruth", "2026-10-01")
    assert run("mentor", "snooze", "ruth", "3d").exit_code == 0
    assert mentor_file(journal_dir, "ruth")["snoozed_until"] == date(2026, 11, 26)
    assert "ruth" not in due_rows(run)
    everyone = due_rows(run, "--all")
    assert (everyone["ruth"]["status"], everyone["ruth"]["next_due"]) == ("snoozed", "2026-11-26")
    assert run("due", "--quiet").exit_code == 1  # nothing needs attention while snoozed
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-11-26")
    assert due_rows(run)["ruth"]["status"] == "lapsed"


def test_snooze_until_a_date_and_resume_clears_it(run, journal_dir):
    Builder(journal_dir).mentor("ruth", cadence="2w").session("ruth", "2026-10-01")
    assert run("mentor", "snooze", "ruth", "2026-12-01").exit_code == 0
    assert mentor_file(journal_dir, "ruth")["snoozed_until"] == date(2026, 12, 1)
    run("mentor", "resume", "ruth")
    assert "snoozed_until" not in mentor_file(journal_dir, "ruth")
    assert "ruth" in due_rows(run)


def test_bad_snooze_is_refused_and_nothing_written(run, journal_dir):
    Builder(journal_dir).mentor("ruth", cadence="2w")
    before = (journal_dir / "mentors" / "ruth.toml").read_bytes()
    for when in ("soon-ish", "yesterday", "2026-11-23", "0d"):
        result = run("mentor", "snooze", "ruth", when)
        assert result.exit_code == 2, when
        assert result.stderr.strip().splitlines()[-1].startswith("mentorlog: ")
        assert "Traceback" not in result.stderr
        assert (journal_dir / "mentors" / "ruth.toml").read_bytes() == before


def test_pause_without_until_hides_the_mentor_until_resumed(run, journal_dir, monkeypatch):
    Builder(journal_dir).mentor("ruth", cadence="2w").session("ruth", "2026-10-01")
    run("mentor", "pause", "ruth")
    assert "ruth" not in due_rows(run, "--all")
    monkeypatch.setenv("MENTORLOG_TODAY", "2030-01-01")
    assert "ruth" not in due_rows(run, "--all")
    assert "paused until resumed" in run("mentor", "show", "ruth").stdout
    run("mentor", "resume", "ruth")
    assert due_rows(run)["ruth"]["status"] == "lapsed"


def test_a_pause_with_until_replaces_an_open_ended_one(run, journal_dir):
    Builder(journal_dir).mentor("ruth")
    run("mentor", "pause", "ruth")
    run("mentor", "pause", "ruth", "--until", "2027-01-01")
    data = mentor_file(journal_dir, "ruth")
    assert "paused" not in data and data["paused_until"] == date(2027, 1, 1)


def test_the_index_gives_the_same_answer_as_the_files(run, journal_dir):
    (
        Builder(journal_dir)
        .mentor("ruth", cadence="4w", at_most="5w", snoozed_until=date(2026, 11, 30))
        .session("ruth", "2026-09-01")
        .mentor("ada", paused=True)
        .mentor("tom", since=date(2026, 11, 1), added=date(2026, 11, 2))
    )
    _with_cadence_table(journal_dir, '[cadence]\njunior = "2w"\n')
    cold = run("due", "--all", "--json").stdout
    warm = run("due", "--all", "--json").stdout
    assert cold == warm
    rows = due_rows(run, "--all")
    assert rows["ruth"]["status"] == "snoozed" and rows["ruth"]["at_most"] == "5w"
    assert "ada" not in rows and rows["tom"]["waiting_days"] == 21


# --- the rules, for any dates ---------------------------------------------------------------

CADENCES = st.builds(Cadence, st.integers(1, 12), st.sampled_from(["d", "w", "m"]))
DAYS = st.dates(date(2020, 1, 1), date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(CADENCES, st.one_of(st.none(), CADENCES))
def test_the_limit_is_never_shorter_than_the_cadence(cadence, own_limit):
    mentor = Mentor("m", "M", cadence=cadence, at_most=own_limit)
    limit = windows.at_most_for(mentor, cadence)
    assert windows.nominal_days(limit) >= windows.nominal_days(cadence)
    if own_limit is None:
        # one and a half cadences, rounded up to a whole day
        assert 2 * windows.nominal_days(limit) - 3 * windows.nominal_days(cadence) in (0, 1)


@settings(max_examples=200, deadline=None)
@given(DAYS, CADENCES, st.integers(0, 400))
def test_statuses_escalate_as_time_passes(last, cadence, days):
    mentor = Mentor("m", "M", cadence=cadence)
    order = [windows.OK, windows.DUE_SOON, windows.OVERDUE, windows.LAPSED]
    seen = []
    for today in (last + timedelta(days=n) for n in (days, days + 1)):
        report = due(
            [mentor],
            [Session("s", "m", last)],
            (),
            (),
            today=today,
            default_cadence=Cadence(4, "w"),
            window=Cadence(7, "d"),
            reflect_within=Cadence(3, "d"),
            include_all=True,
        )
        (row,) = report.rows
        due_on = add_cadence(last, cadence)
        limit = add_cadence(last, windows.at_most_for(mentor, cadence))
        assert (row.status == windows.LAPSED) == (today > limit)
        assert (row.status in (windows.OVERDUE, windows.LAPSED)) == (today > due_on)
        seen.append(order.index(row.status))
    assert seen[0] <= seen[1]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(CADENCES, st.integers(0, 500)), min_size=1, max_size=8))
def test_due_lists_the_latest_relative_to_its_own_cadence_first(mentors):
    people = [Mentor(f"m{i}", f"M{i}", cadence=c) for i, (c, _) in enumerate(mentors)]
    sessions = [
        Session(f"s{i}", f"m{i}", TODAY - timedelta(days=ago)) for i, (_, ago) in enumerate(mentors)
    ]
    report = due(
        people,
        sessions,
        (),
        (),
        today=TODAY,
        default_cadence=Cadence(4, "w"),
        window=Cadence(7, "d"),
        reflect_within=Cadence(3, "d"),
        include_all=True,
    )
    relative = [
        r.days_overdue / max(1, (add_cadence(r.last_contact, r.cadence) - r.last_contact).days)
        for r in report.rows
    ]
    assert relative == sorted(relative, reverse=True)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["board", "friends", "x"]), max_size=3, unique=True))
def test_a_mentors_own_cadence_always_wins(tags):
    rules = Settings(
        cadence_by_stage={"senior": Cadence(6, "w")},
        cadence_by_tag={"board": Cadence(2, "w"), "friends": Cadence(2, "m")},
    )
    own = Mentor("m", "M", stage="senior", tags=tags, cadence=Cadence(10, "d"))
    assert windows.cadence_for(own, rules) == Cadence(10, "d")
    without = Mentor("m", "M", stage="senior", tags=tags)
    expected = (
        Cadence(2, "w")
        if "board" in tags
        else Cadence(2, "m")
        if "friends" in tags
        else Cadence(6, "w")
    )
    assert windows.cadence_for(without, rules) == expected


def test_team_and_brief_wait_for_a_first_contact_too(run, journal_dir):
    Builder(journal_dir).mentor("old-friend", name="Old Friend", since=date(2019, 5, 1))
    team = run("team")
    assert team.exit_code == 0, team.stderr
    assert "first contact, waiting 2763 days" in " ".join(team.stdout.split())
    assert "overdue" not in team.stdout
    brief = run("brief", "old-friend")
    assert "First contact: waiting 2763 days" in brief.stdout
    assert "was due" not in brief.stdout


def test_imported_contacts_are_first_contacts_not_overdue(run, journal_dir):
    fixtures = Path(__file__).parent / "fixtures"
    assert run("import", "vcard", str(fixtures / "contacts-2.1.vcf")).exit_code == 0
    rows = due_rows(run)
    assert rows, "the imported contacts are waiting for a first contact"
    for row in rows.values():
        assert (row["status"], row["waiting_days"], row["days_overdue"]) == ("first-contact", 0, 0)
    shown = run("mentor", "show", "zoe-nunez", "--json").json()
    assert shown["added"] == "2026-11-23"
