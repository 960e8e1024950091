"""`mentorlog mentor ...`: adding, finding, listing, changing, pausing, ending and removing
mentors, through the real command line on a temporary journal."""

from __future__ import annotations

import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from mentorlog.errors import Ambiguous, Conflict, InvalidFile, NotFound, UsageError

MENTOR_KEYS = {
    "closure",
    "id",
    "name",
    "role",
    "org",
    "email",
    "stage",
    "cadence",
    "since",
    "added",
    "status",
    "tags",
    "strengths",
    "background",
    "resume_sent",
    "ground_rules",
    "struggles_asked",
    "paused_until",
    "paused_since",
    "paused",
    "snoozed_until",
    "at_most",
    "ended",
    "shared",
    "questions",
    "agreement",
    "phase",
    "not_applicable",
    "meetings",
}


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def mentor_file(journal: Path, mentor_id: str) -> dict:
    return tomllib.loads((journal / "mentors" / f"{mentor_id}.toml").read_text("utf-8"))


def assert_refused(result, exit_code: int) -> None:
    """One line on stderr, starting with 'mentorlog: ', the error's exit code, no traceback."""
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("mentorlog: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def journal(run, journal_dir: Path) -> Path:
    """A journal with three mentors, two of them sharing a first name."""
    for args in (
        ("Ruth Castellanos", "--cadence", "6w", "--stage", "senior"),
        ("Marcus Oyelaran", "--role", "Analyst"),
        ("Marcus Brandt",),
    ):
        assert run("mentor", "add", *args).exit_code == 0
    return journal_dir


# --- add ------------------------------------------------------------------------------------


def test_add_writes_every_field_given(run, journal_dir):
    result = run(
        "mentor",
        "add",
        "Jennifer Phillips",
        "--cadence",
        "6 weeks",
        "--role",
        "City Manager",
        "--org",
        "City of Saint Helena",
        "--email",
        "jennifer@example.org",
        "--stage",
        "senior",
        "--since",
        "2026-03-02",
        "--tag",
        "career",
        "--tag",
        "#Negotiation",
        "--background",
        "Rose from budget analyst.",
        "--strength",
        "budgets",
        "--strength",
        "council relations",
    )
    assert result.exit_code == 0, result.stderr
    assert "Added Jennifer Phillips as jennifer-phillips" in result.stderr
    assert mentor_file(journal_dir, "jennifer-phillips") == {
        "name": "Jennifer Phillips",
        "role": "City Manager",
        "org": "City of Saint Helena",
        "email": "jennifer@example.org",
        "stage": "senior",
        "cadence": "6w",
        "since": date(2026, 3, 2),
        "added": date(2026, 11, 23),
        "tags": ["career", "negotiation"],
        "strengths": ["budgets", "council relations"],
        "background": "Rose from budget analyst.",
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2w", "2w"),
        ("6 weeks", "6w"),
        ("monthly", "1m"),
        ("quarterly", "3m"),
        ("10d", "10d"),
        ("fortnightly", "2w"),
        ("2 W", "2w"),
    ],
)
def test_cadence_is_stored_in_normal_form(run, journal_dir, typed, stored):
    assert run("mentor", "add", "Ruth Castellanos", "--cadence", typed).exit_code == 0
    assert mentor_file(journal_dir, "ruth-castellanos")["cadence"] == stored


def test_without_cadence_the_journal_default_applies_and_is_not_copied(run, journal_dir):
    run("mentor", "add", "Ruth Castellanos")
    assert "cadence" not in mentor_file(journal_dir, "ruth-castellanos")
    assert "4w (default)" in run("mentor", "list").stdout


def test_add_json_is_the_created_mentor_with_its_id(run):
    result = run("mentor", "add", "Zoë Núñez", "--cadence", "monthly", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == MENTOR_KEYS
    assert data["id"] == "zoe-nunez"
    assert data["name"] == "Zoë Núñez"
    assert data["cadence"] == "1m"
    assert data["status"] == "active"
    assert data["added"] == "2026-11-23"
    assert "Added" not in result.stderr


def test_ids_are_readable_slugs_of_the_name(run, journal_dir):
    run("mentor", "add", "Jennifer Phillips")
    run("mentor", "add", "Zoë Núñez")
    run("mentor", "add", "Jean-Luc O'Brien")
    assert sorted(p.name for p in (journal_dir / "mentors").iterdir()) == [
        "jean-luc-o-brien.toml",
        "jennifer-phillips.toml",
        "zoe-nunez.toml",
    ]


def test_a_clashing_slug_gets_the_next_free_number(run, journal_dir):
    run("mentor", "add", "Jennifer Phillips")
    second = run("mentor", "add", "Jennifer Phillips Jr", "--json").json()
    third = run("mentor", "add", "Jennifer  Phillips!", "--allow-same-name", "--json").json()
    assert second["id"] == "jennifer-phillips-jr"
    assert third["id"] == "jennifer-phillips-2"
    fourth = run("mentor", "add", "Jennifer-Phillips", "--allow-same-name", "--json").json()
    assert fourth["id"] == "jennifer-phillips-3"


@pytest.mark.parametrize(
    "twin", ["Jennifer Phillips", "jennifer phillips", "JENNIFER  PHILLIPS", "Jénnifer Phillips"]
)
def test_the_same_name_twice_is_refused(run, journal_dir, twin):
    run("mentor", "add", "Jennifer Phillips")
    before = files_under(journal_dir)
    result = run("mentor", "add", twin)
    assert_refused(result, Conflict.exit_code)
    assert "already has Jennifer Phillips (jennifer-phillips)" in result.stderr
    assert "--allow-same-name" in result.stderr
    assert files_under(journal_dir) == before


def test_names_in_another_unicode_form_are_the_same_name(run, journal_dir):
    composed, decomposed = "Zo\u00eb N\u00fa\u00f1ez", "Zoe\u0308 Nu\u0301n\u0303ez"
    run("mentor", "add", composed)
    assert_refused(run("mentor", "add", decomposed), Conflict.exit_code)
    again = run("mentor", "add", decomposed, "--allow-same-name", "--json")
    assert again.json()["id"] == "zoe-nunez-2"


def test_allow_same_name_adds_a_second_person_under_a_numbered_id(run, journal_dir):
    run("mentor", "add", "Jennifer Phillips")
    result = run("mentor", "add", "Jennifer Phillips", "--allow-same-name")
    assert result.exit_code == 0
    assert "as jennifer-phillips-2" in result.stderr
    assert mentor_file(journal_dir, "jennifer-phillips-2")["name"] == "Jennifer Phillips"


def test_the_same_email_twice_is_refused(run, journal_dir):
    run("mentor", "add", "Jennifer Phillips", "--email", "jp@example.org")
    result = run("mentor", "add", "J. Phillips", "--email", "JP@example.org")
    assert_refused(result, Conflict.exit_code)


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("/", "mentor"),
        ("a/b\\c", "a-b-c"),
        ("..", "mentor"),
        ("CON", "con-1"),
        ("nul", "nul-1"),
        ("Lpt1", "lpt1-1"),
        ("名前", "mentor"),
    ],
)
def test_a_name_never_leads_outside_the_mentors_folder(run, journal_dir, name, expected_id):
    result = run("mentor", "add", name, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == expected_id
    assert result.json()["name"] == name
    created = [p for p in journal_dir.rglob("*.toml") if p.name != "mentorlog.toml"]
    assert created == [journal_dir / "mentors" / f"{expected_id}.toml"]
    assert mentor_file(journal_dir, expected_id)["name"] == name


def test_a_very_long_name_gets_a_short_id(run, journal_dir):
    data = run("mentor", "add", "Maximiliana " * 12, "--json").json()
    assert len(data["id"]) <= 60
    assert not data["id"].endswith("-")


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("mentor", "add", ""), UsageError.exit_code, "name cannot be empty"),
        (("mentor", "add", "   "), UsageError.exit_code, "name cannot be empty"),
        (("mentor", "add", "a\x00b"), UsageError.exit_code, "control character"),
        (("mentor", "add", "X", "--cadence", "often"), UsageError.exit_code, '"often"'),
        (("mentor", "add", "X", "--cadence", "0w"), UsageError.exit_code, "mentorlog: "),
        (("mentor", "add", "X", "--stage", "boss"), UsageError.exit_code, "career stage"),
        (("mentor", "add", "X", "--since", "someday"), UsageError.exit_code, '"someday"'),
        (("mentor", "add", "X", "--since", "03/04"), UsageError.exit_code, "ambiguous"),
        (("mentor", "show", "nobody"), NotFound.exit_code, "no mentor 'nobody'"),
        (("mentor", "show", "marcus"), Ambiguous.exit_code, "matches several mentors"),
        (("mentor", "set", "ruth", "--cadence", "often"), UsageError.exit_code, '"often"'),
        (("mentor", "set", "ruth", "--stage", "boss"), UsageError.exit_code, "career stage"),
        (("mentor", "set", "ruth", "--name", ""), UsageError.exit_code, "name cannot be empty"),
        (("mentor", "set", "ruth"), UsageError.exit_code, "nothing to change"),
        (("mentor", "set", "nobody", "--role", "x"), NotFound.exit_code, "no mentor"),
        (("mentor", "set", "marcus", "--role", "x"), Ambiguous.exit_code, "several"),
        (("mentor", "set", "ruth", "--since", "03/04"), UsageError.exit_code, "ambiguous"),
        (("mentor", "share", "ruth", ""), UsageError.exit_code, "cannot be empty"),
        (("mentor", "share", "nobody", "resume"), NotFound.exit_code, "no mentor"),
        (("mentor", "end", "nobody"), NotFound.exit_code, "no mentor"),
        (("mentor", "end", "ruth", "--date", "whenever"), UsageError.exit_code, '"whenever"'),
        (("mentor", "pause", "ruth", "--until", "2026-11-01"), UsageError.exit_code, "future"),
        (("mentor", "pause", "ruth", "--until", "13/13"), UsageError.exit_code, "mentorlog: "),
        (("mentor", "pause", "marcus", "--until", "2027-01-01"), Ambiguous.exit_code, "several"),
        (("mentor", "resume", "nobody"), NotFound.exit_code, "no mentor"),
        (("mentor", "rm", "nobody", "--yes"), NotFound.exit_code, "no mentor"),
        (("mentor", "rm", "ruth"), UsageError.exit_code, "--yes"),
        (("mentor", "edit", "nobody"), NotFound.exit_code, "no mentor"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_writes_nothing(run, journal, args, code, says):
    before = files_under(journal)
    result = run(*args)
    assert_refused(result, code)
    assert says in result.stderr
    assert files_under(journal) == before


@pytest.mark.parametrize(
    "args",
    [
        ("mentor", "add", ""),
        ("mentor", "add", "X", "--cadence", "often"),
        ("mentor", "add", "X", "--stage", "boss"),
        ("mentor", "add", "X", "--since", "someday"),
    ],
)
def test_bad_input_does_not_create_a_journal(run, journal_dir, args):
    result = run(*args)
    assert_refused(result, UsageError.exit_code)
    assert not journal_dir.exists()


def test_an_unknown_mentor_error_points_to_the_list_rather_than_printing_it(run, journal):
    result = run("mentor", "show", "nobody")
    assert result.exit_code == 4
    assert "marcus-brandt" not in result.stderr
    assert "`mentorlog mentor list` shows them all" in result.stderr


def test_an_ambiguous_mentor_error_lists_the_candidates(run, journal):
    result = run("mentor", "show", "marcus")
    assert "marcus-brandt (Marcus Brandt)" in result.stderr
    assert "marcus-oyelaran (Marcus Oyelaran)" in result.stderr
    assert "ruth" not in result.stderr


def test_in_an_empty_journal_unknown_mentor_says_how_to_add_one(run, journal_dir):
    run("init")
    result = run("mentor", "show", "ruth")
    assert_refused(result, NotFound.exit_code)
    assert "mentorlog mentor add" in result.stderr


# --- finding a mentor -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "ruth-castellanos",
        "RUTH-CASTELLANOS",
        "ruth-c",
        "ruth",
        "Ruth Castellanos",
        "ruth castellanos",
        "  Ruth  ",
        "Rúth",
        "RUTH CASTELLANOS",
    ],
)
def test_a_mentor_is_found_by_id_prefix_name_or_first_name(run, journal, typed):
    result = run("mentor", "show", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == "ruth-castellanos"


def test_accents_typed_or_stored_do_not_matter(run, journal_dir):
    run("mentor", "add", "Zoë Núñez")
    for typed in ("zoe", "Zoë", "ZOE NUNEZ", "zoe-n"):
        assert run("mentor", "show", typed, "--json").json()["id"] == "zoe-nunez"


def test_a_full_name_wins_over_a_prefix_of_another_id(run, journal_dir):
    run("mentor", "add", "Ann")
    run("mentor", "add", "Ann Lee")
    assert run("mentor", "show", "ann", "--json").json()["id"] == "ann"
    assert run("mentor", "show", "ann-l", "--json").json()["id"] == "ann-lee"


def test_the_full_name_picks_one_of_two_people_sharing_a_first_name(run, journal):
    result = run("mentor", "show", "Marcus Oyelaran", "--json")
    assert result.json()["id"] == "marcus-oyelaran"


# --- list and show --------------------------------------------------------------------------


def test_list_shows_a_table_of_mentors_on_stdout(run, journal):
    result = run("mentor", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "stage" in line)
    for column in ("id", "stage", "cadence", "status", "who"):
        assert column in header
    assert "Ruth Castellanos" in result.stdout
    assert "ruth-castellanos" in result.stdout
    assert "6w" in result.stdout
    assert result.stderr == ""


def test_list_is_sorted_by_name(run, journal):
    ids = [m["id"] for m in run("mentor", "list", "--json").json()]
    assert ids == ["marcus-brandt", "marcus-oyelaran", "ruth-castellanos"]


def test_list_json_is_a_list_of_mentors(run, journal):
    result = run("mentor", "list", "--json")
    data = result.json()
    assert len(data) == 3
    assert all(set(m) == MENTOR_KEYS for m in data)


def test_list_in_an_empty_journal_says_how_to_add_one(run, journal_dir):
    run("init")
    result = run("mentor", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "mentorlog mentor add" in result.stderr
    assert run("mentor", "list", "--json").json() == []


def test_ended_mentors_are_listed_only_with_all(run, journal):
    run("mentor", "end", "ruth", "--date", "2026-11-01")
    assert "ruth-castellanos" not in run("mentor", "list").stdout
    assert "ruth-castellanos" in run("mentor", "list", "--all").stdout
    everyone = {m["id"]: m["status"] for m in run("mentor", "list", "--all", "--json").json()}
    assert everyone["ruth-castellanos"] == "ended"


def test_paused_mentors_are_listed_with_the_date(run, journal):
    run("mentor", "pause", "ruth", "--until", "2026-12-15")
    assert "paused until 2026-12-15" in run("mentor", "list").stdout


def test_show_is_a_panel_with_the_details(run, journal_dir):
    run(
        "mentor",
        "add",
        "Jennifer Phillips",
        "--role",
        "City Manager",
        "--cadence",
        "6w",
        "--tag",
        "career",
        "--background",
        "Started as an analyst.",
    )
    result = run("mentor", "show", "jennifer")
    assert result.exit_code == 0
    out = result.stdout
    assert "Jennifer Phillips" in out
    assert "jennifer-phillips" in out
    assert "City Manager" in out
    assert "6w" in out
    assert "career" in out
    assert "Started as an analyst." in out
    assert "╭" in out  # a rich panel


def test_show_json_is_one_mentor(run, journal):
    data = run("mentor", "show", "ruth", "--json").json()
    assert set(data) == MENTOR_KEYS
    assert data["stage"] == "senior"
    assert data["cadence"] == "6w"


def test_show_counts_sessions_from_the_journal(run, journal):
    write_session(journal, "2026-11-02-ruth-castellanos", "ruth-castellanos", "2026-11-02")
    result = run("mentor", "show", "ruth")
    assert "sessions" in result.stdout and "1" in result.stdout
    assert "2026-11-02" in result.stdout


def test_output_has_no_colour_codes_when_not_a_terminal(run, journal, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("TERM")
    for args in (("mentor", "list"), ("mentor", "show", "ruth"), ("mentor", "list", "--json")):
        assert "\x1b[" not in run(*args).stdout


def test_no_color_is_honoured_even_when_colour_is_forced(run, journal, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = run("mentor", "list")
    assert "\x1b[3" not in result.stdout  # no foreground colour
    assert "ruth-castellanos" in result.stdout


# --- set ------------------------------------------------------------------------------------


def test_set_changes_only_the_options_given(run, journal):
    result = run("mentor", "set", "ruth", "--cadence", "quarterly", "--role", "Deputy")
    assert result.exit_code == 0, result.stderr
    assert "Updated Ruth Castellanos (ruth-castellanos)" in result.stderr
    data = mentor_file(journal, "ruth-castellanos")
    assert data["cadence"] == "3m"
    assert data["role"] == "Deputy"
    assert data["stage"] == "senior"


def test_set_keeps_comments_and_unknown_keys(run, journal):
    path = journal / "mentors" / "ruth-castellanos.toml"
    original = path.read_text("utf-8")
    path.write_text(
        "# met at the 2026 conference\n" + original + 'pronouns = "she/her"  # asked\n', "utf-8"
    )
    assert run("mentor", "set", "ruth", "--cadence", "2w").exit_code == 0
    text = path.read_text("utf-8")
    assert text.startswith("# met at the 2026 conference\n")
    assert 'pronouns = "she/her"  # asked' in text
    assert 'cadence = "2w"' in text


def test_set_adds_new_keys_before_tables(run, journal):
    run("mentor", "share", "ruth", "a draft", "--date", "2026-11-01")
    assert run("mentor", "set", "ruth", "--email", "ruth@example.org").exit_code == 0
    text = (journal / "mentors" / "ruth-castellanos.toml").read_text("utf-8")
    assert text.index("email =") < text.index("[[shared]]")
    assert mentor_file(journal, "ruth-castellanos")["shared"] == [
        {"what": "a draft", "date": date(2026, 11, 1)}
    ]


def test_set_tags_adds_and_removes(run, journal):
    run("mentor", "set", "ruth", "--tag", "career", "--tag", "budgets")
    run("mentor", "set", "ruth", "--untag", "career", "--tag", "council")
    assert mentor_file(journal, "ruth-castellanos")["tags"] == ["budgets", "council"]


def test_set_strength_appends(run, journal):
    run("mentor", "set", "ruth", "--strength", "budgets")
    run("mentor", "set", "ruth", "--strength", "budgets", "--strength", "hearings")
    assert mentor_file(journal, "ruth-castellanos")["strengths"] == ["budgets", "hearings"]


def test_set_resume_sent_also_records_the_resume_as_shared(run, journal):
    result = run("mentor", "set", "ruth", "--resume-sent", "yesterday", "--json")
    assert result.exit_code == 0, result.stderr
    assert "2026-11-22 (yesterday)" in result.stderr
    data = result.json()
    assert data["resume_sent"] == "2026-11-22"
    assert data["shared"] == [{"what": "resume", "date": "2026-11-22"}]


def test_set_name_keeps_the_id(run, journal):
    data = run("mentor", "set", "ruth", "--name", "Ruth C. Castellanos", "--json").json()
    assert data["id"] == "ruth-castellanos"
    assert data["name"] == "Ruth C. Castellanos"


def test_set_json_is_the_changed_mentor(run, journal):
    data = run("mentor", "set", "ruth", "--stage", "peer", "--json").json()
    assert set(data) == MENTOR_KEYS
    assert data["stage"] == "peer"


def test_set_on_a_file_that_does_not_parse_fails_and_leaves_it_byte_for_byte(run, journal):
    path = journal / "mentors" / "ruth-castellanos.toml"
    broken = path.read_bytes() + b"cadence = = \n"
    path.write_bytes(broken)
    result = run("mentor", "set", "ruth-castellanos", "--role", "Deputy")
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == broken


def test_set_that_would_make_the_file_invalid_writes_nothing(run, journal):
    path = journal / "mentors" / "ruth-castellanos.toml"
    path.write_text(path.read_text("utf-8") + 'paused_until = "not a date"\n', "utf-8")
    before = path.read_bytes()
    result = run("mentor", "set", "ruth-castellanos", "--role", "Deputy")
    assert result.exit_code != 0
    assert path.read_bytes() == before


# --- share, end, pause, resume ------------------------------------------------------------


def test_share_records_what_and_when(run, journal):
    result = run("mentor", "share", "ruth", "budget draft", "--date", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert mentor_file(journal, "ruth-castellanos")["shared"] == [
        {"what": "budget draft", "date": date(2026, 11, 20)}
    ]


def test_sharing_a_resume_sets_resume_sent(run, journal):
    data = run("mentor", "share", "ruth", "resume", "--json").json()
    assert data["resume_sent"] == "2026-11-23"
    assert data["shared"] == [{"what": "resume", "date": "2026-11-23"}]


def test_end_stops_the_relationship_on_a_date(run, journal):
    result = run("mentor", "end", "ruth", "--date", "2026-11-20", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["ended"] == "2026-11-20"
    assert result.json()["status"] == "ended"


def test_end_defaults_to_today_and_suggests_a_thank_you(run, journal):
    result = run("mentor", "end", "ruth")
    assert "on 2026-11-23" in result.stderr
    assert "thank" in result.stderr
    assert mentor_file(journal, "ruth-castellanos")["ended"].isoformat() == "2026-11-23"


def test_pause_until_a_date_then_resume(run, journal):
    paused = run("mentor", "pause", "ruth", "--until", "in 2 weeks", "--json")
    assert paused.exit_code == 0, paused.stderr
    assert "until: 2026-12-07 (in 2 weeks)" in paused.stderr
    assert paused.json()["status"] == "paused"
    assert paused.json()["paused_until"] == "2026-12-07"
    resumed = run("mentor", "resume", "ruth", "--json")
    assert resumed.json()["status"] == "active"
    assert "paused_until" not in mentor_file(journal, "ruth-castellanos")


def test_pause_remembers_the_day_it_was_asked_for_and_resume_forgets_it(run, journal):
    assert run("mentor", "pause", "ruth", "--until", "2026-12-15").exit_code == 0
    data = mentor_file(journal, "ruth-castellanos")
    assert data["paused_until"] == date(2026, 12, 15)
    assert data["paused_since"] == date(2026, 11, 23)  # today, pinned
    assert run("mentor", "resume", "ruth").exit_code == 0
    assert "paused_since" not in mentor_file(journal, "ruth-castellanos")


def test_as_of_a_day_before_the_pause_the_mentor_was_not_paused(run, journal):
    run("mentor", "pause", "ruth", "--until", "2026-12-15")
    before = run("brief", "ruth", "--as-of", "2026-11-01", "--json").json()
    during = run("brief", "ruth", "--json").json()
    assert before["mentor"]["status"] == "active"
    assert during["mentor"]["status"] == "paused"


def test_a_pause_written_by_hand_without_its_start_counts_from_the_beginning(run, journal):
    path = journal / "mentors" / "ruth-castellanos.toml"
    path.write_text(path.read_text() + "paused_until = 2026-12-15\n")
    brief = run("brief", "ruth", "--as-of", "2026-11-01", "--json").json()
    assert brief["mentor"]["status"] == "paused"


def test_pause_without_until_lasts_until_resumed(run, journal):
    result = run("mentor", "pause", "ruth")
    assert result.exit_code == 0
    data = mentor_file(journal, "ruth-castellanos")
    assert data["paused"] is True and "paused_until" not in data
    assert run("mentor", "show", "ruth", "--json").json()["status"] == "paused"
    run("mentor", "resume", "ruth")
    assert "paused" not in mentor_file(journal, "ruth-castellanos")


def test_resume_undoes_an_end(run, journal):
    run("mentor", "end", "ruth")
    run("mentor", "resume", "ruth")
    assert "ended" not in mentor_file(journal, "ruth-castellanos")


def test_ending_a_paused_mentor_clears_the_pause(run, journal):
    run("mentor", "pause", "ruth", "--until", "2027-01-01")
    run("mentor", "end", "ruth")
    data = mentor_file(journal, "ruth-castellanos")
    assert "paused_until" not in data and "ended" in data


def test_lifecycle_changes_keep_comments_and_unknown_keys(run, journal):
    path = journal / "mentors" / "ruth-castellanos.toml"
    path.write_text(path.read_text("utf-8") + "# keep me\nfavourite = 3\n", "utf-8")
    run("mentor", "share", "ruth", "a plan")
    run("mentor", "pause", "ruth", "--until", "2027-01-01")
    run("mentor", "end", "ruth")
    text = path.read_text("utf-8")
    assert "# keep me" in text and "favourite = 3" in text


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "resolved"),
    [
        ("today", "2026-11-23"),
        ("yesterday", "2026-11-22"),
        ("3 days ago", "2026-11-20"),
        ("last friday", "2026-11-20"),
        ("in 2 weeks", "2026-12-07"),
        ("Nov 20", "2026-11-20"),
        ("20 Nov 2025", "2025-11-20"),
    ],
)
def test_human_dates_are_resolved_and_echoed_on_stderr(run, journal_dir, typed, resolved):
    result = run("mentor", "add", "Ruth Castellanos", "--since", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["since"] == resolved
    assert f"since: {resolved} ({typed})" in result.stderr


def test_iso_dates_are_not_echoed(run, journal_dir):
    result = run("mentor", "add", "Ruth Castellanos", "--since", "2026-03-02")
    assert "since:" not in result.stderr
    assert mentor_file(journal_dir, "ruth-castellanos")["since"].isoformat() == "2026-03-02"


def test_an_ambiguous_numeric_date_is_refused_with_a_hint(run, journal_dir):
    result = run("mentor", "add", "Ruth Castellanos", "--since", "03/04")
    assert_refused(result, UsageError.exit_code)
    assert "ambiguous" in result.stderr
    assert "2026-03-04" in result.stderr


# --- edit -----------------------------------------------------------------------------------


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str) -> None:
    """Point $EDITOR at a Python script that edits the file named by its first argument."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text()\n"
        + program,
        "utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def test_edit_saves_a_valid_change(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "path.write_text(text.replace('6w', '2w'))\n")
    result = run("mentor", "edit", "ruth")
    assert result.exit_code == 0, result.stderr
    assert "Saved mentors/ruth-castellanos.toml" in result.stderr
    assert mentor_file(journal, "ruth-castellanos")["cadence"] == "2w"


def test_edit_with_invalid_toml_keeps_the_text_and_the_original(
    run, journal, tmp_path, monkeypatch
):
    path = journal / "mentors" / "ruth-castellanos.toml"
    before = path.read_bytes()
    fake_editor(tmp_path, monkeypatch, "path.write_text(text + 'my notes = = on her\\n')\n")
    result = run("mentor", "edit", "ruth")
    assert_refused(result, InvalidFile.exit_code)
    assert path.read_bytes() == before
    kept = list((journal / ".recovery").iterdir())
    assert len(kept) == 1
    assert "my notes = = on her" in kept[0].read_text("utf-8")
    assert ".recovery/" in result.stderr


def test_edit_that_fails_validation_is_kept_too(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "path.write_text(text.replace('senior', 'boss'))\n")
    before = (journal / "mentors" / "ruth-castellanos.toml").read_bytes()
    result = run("mentor", "edit", "ruth")
    assert_refused(result, InvalidFile.exit_code)
    assert "stage" in result.stderr
    assert (journal / "mentors" / "ruth-castellanos.toml").read_bytes() == before
    assert len(list((journal / ".recovery").iterdir())) == 1


def test_edit_without_changes_says_so(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "")
    before = files_under(journal)
    result = run("mentor", "edit", "ruth")
    assert result.exit_code == 0
    assert "No changes." in result.stderr
    assert files_under(journal) == before


def test_edit_leaves_no_temporary_file_behind(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "path.write_text(text + '# later\\n')\n")
    run("mentor", "edit", "ruth")
    assert not [p for p in journal.rglob(".edit-*")]


def test_a_failing_editor_changes_nothing(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "sys.exit(3)\n")
    before = files_under(journal)
    result = run("mentor", "edit", "ruth")
    assert result.exit_code != 0
    assert result.stderr.startswith("mentorlog: ")
    assert files_under(journal) == before


# --- rm -------------------------------------------------------------------------------------


def write_session(journal: Path, session_id: str, mentor_id: str, day: str) -> Path:
    folder = journal / "sessions" / day[:4]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{session_id}.md"
    path.write_text(f'+++\nmentor = "{mentor_id}"\ndate = {day}\n+++\n\nNotes.\n', "utf-8")
    return path


def test_rm_without_yes_and_no_terminal_is_refused(run, journal):
    result = run("mentor", "rm", "ruth")
    assert_refused(result, UsageError.exit_code)
    assert (journal / "mentors" / "ruth-castellanos.toml").exists()


def test_rm_with_yes_deletes_the_file(run, journal):
    result = run("mentor", "rm", "ruth", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Deleted Ruth Castellanos (ruth-castellanos)" in result.stderr
    assert not (journal / "mentors" / "ruth-castellanos.toml").exists()


def test_rm_refuses_a_mentor_with_sessions(run, journal):
    write_session(journal, "2026-11-02-ruth-castellanos", "ruth-castellanos", "2026-11-02")
    result = run("mentor", "rm", "ruth", "--yes")
    assert_refused(result, Conflict.exit_code)
    assert "1 session in the journal" in result.stderr
    assert "--force" in result.stderr
    assert (journal / "mentors" / "ruth-castellanos.toml").exists()


def test_rm_force_deletes_the_mentor_and_keeps_the_sessions(run, journal):
    session = write_session(
        journal, "2026-11-02-ruth-castellanos", "ruth-castellanos", "2026-11-02"
    )
    result = run("mentor", "rm", "ruth", "--yes", "--force")
    assert result.exit_code == 0, result.stderr
    assert "1 session is kept" in result.stderr
    assert not (journal / "mentors" / "ruth-castellanos.toml").exists()
    assert session.exists()


# --- broken files never hide the rest ------------------------------------------------------


def test_a_broken_file_is_reported_and_the_rest_still_listed(run, journal):
    (journal / "mentors" / "broken.toml").write_text('name = "Unclosed\n', "utf-8")
    result = run("mentor", "list", "--json")
    assert result.exit_code == 0
    assert {m["id"] for m in result.json()} == {
        "marcus-brandt",
        "marcus-oyelaran",
        "ruth-castellanos",
    }
    assert "mentors/broken.toml:1" in result.stderr
    assert "mentorlog doctor" in result.stderr


def test_an_invalid_field_is_reported_with_path_field_and_line(run, journal):
    (journal / "mentors" / "odd.toml").write_text('name = "Odd"\n\nstage = "boss"\n', "utf-8")
    result = run("mentor", "list")
    assert "mentors/odd.toml:3" in result.stderr
    assert "`stage`" in result.stderr
    assert "ruth-castellanos" in result.stdout


def test_other_mentors_can_still_be_changed_next_to_a_broken_file(run, journal):
    # By exact id: a name could be the broken file's mentor (tests/test_unread_files.py).
    (journal / "mentors" / "broken.toml").write_text("name = \n", "utf-8")
    assert run("mentor", "set", "ruth-castellanos", "--role", "Deputy").exit_code == 0
    assert run("mentor", "add", "Helen Achterberg", "--allow-same-name").exit_code == 0
    assert (journal / "mentors" / "broken.toml").read_text("utf-8") == "name = \n"


def test_a_file_with_a_bom_and_crlf_line_ends_is_read(run, journal):
    (journal / "mentors" / "walter-nakamura.toml").write_bytes(
        b'\xef\xbb\xbfname = "Walter Nakamura"\r\ncadence = "4w"\r\n'
    )
    result = run("mentor", "show", "walter", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["name"] == "Walter Nakamura"
    assert run("mentor", "set", "walter", "--role", "Deputy").exit_code == 0
    raw = (journal / "mentors" / "walter-nakamura.toml").read_bytes()
    # the rewrite keeps the file's own form: its byte-order mark and its CRLF line ends
    assert raw.startswith(b"\xef\xbb\xbfname = ") and b"\r\n" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert tomllib.loads(raw.decode("utf-8-sig"))["role"] == "Deputy"


def test_json_output_stays_pure_when_there_are_warnings(run, journal):
    (journal / "mentors" / "broken.toml").write_text("name = \n", "utf-8")
    for args in (("mentor", "list", "--json"), ("mentor", "show", "ruth", "--json")):
        result = run(*args)
        result.json()  # stdout is only JSON
        assert "warning" in result.stderr


# --- a mentor whose file is broken -----------------------------------------------------------


BROKEN_MENTOR = 'name = "Jennifer\ncadence = "2w"\n'  # an unterminated string


@pytest.mark.parametrize(
    "args",
    [
        ("mentor", "show", "jennifer-phillips"),
        ("mentor", "set", "jennifer", "--cadence", "3w"),
        ("session", "new", "-m", "jennifer-phillips", "--notes", "hello"),
        ("brief", "jennifer-phillips"),
    ],
)
def test_asking_for_a_mentor_whose_file_is_broken_names_the_file_and_the_line(
    run, journal_dir, args
):
    assert run("mentor", "add", "Jennifer Phillips").exit_code == 0
    path = journal_dir / "mentors" / "jennifer-phillips.toml"
    path.write_text(BROKEN_MENTOR)
    result = run(*args)
    assert result.exit_code == InvalidFile.exit_code
    assert "mentors/jennifer-phillips.toml:1: TOML error" in result.stderr
    assert "there is no mentor" not in result.stderr
    assert path.read_text() == BROKEN_MENTOR  # nothing written


def test_a_name_that_matches_no_mentor_and_no_broken_file_is_still_not_found(run, journal_dir):
    assert run("mentor", "add", "Jennifer Phillips").exit_code == 0
    (journal_dir / "mentors" / "jennifer-phillips.toml").write_text(BROKEN_MENTOR)
    result = run("mentor", "show", "marcus")
    assert result.exit_code == NotFound.exit_code
    assert "there is no mentor 'marcus'" in result.stderr


def test_a_broken_file_with_the_exact_id_is_never_mistaken_for_a_longer_id(run, journal_dir):
    """`ann` is broken and `anna` is fine: a note for Ann must not be filed under Anna."""
    assert run("mentor", "add", "Ann").exit_code == 0
    assert run("mentor", "add", "Anna").exit_code == 0
    (journal_dir / "mentors" / "ann.toml").write_text(BROKEN_MENTOR)
    result = run("session", "new", "-m", "ann", "--notes", "private note for Ann")
    assert result.exit_code == InvalidFile.exit_code
    assert "mentors/ann.toml:1" in result.stderr
    assert not list((journal_dir / "sessions").rglob("*.md"))
