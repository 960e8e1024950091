"""`mentorlog goal ...`: writing goals down, tracking progress, closing, reopening, linking
mentors and removing goals, through the real command line on a temporary journal."""

from __future__ import annotations

import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from mentorlog.errors import Ambiguous, Conflict, InvalidFile, NotAJournal, NotFound, UsageError

GOAL_KEYS = {
    "id",
    "title",
    "status",
    "why",
    "mentors",
    "target",
    "success",
    "created",
    "closed",
    "note",
    "independently",
    "progress",
}


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def goal_file(journal: Path, goal_id: str) -> dict:
    return tomllib.loads((journal / "goals" / f"{goal_id}.toml").read_text("utf-8"))


def assert_refused(result, exit_code: int) -> None:
    """One line on stderr, starting with 'mentorlog: ', the error's exit code, no traceback."""
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("mentorlog: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def journal(run, journal_dir: Path) -> Path:
    """Two mentors and two goals whose ids share a prefix."""
    for name in ("Ruth Castellanos", "Tomas Lindqvist"):
        assert run("mentor", "add", name).exit_code == 0
    assert run("goal", "add", "Present the budget to council", "--mentor", "ruth").exit_code == 0
    assert run("goal", "add", "Present at a conference").exit_code == 0
    return journal_dir


# --- add ------------------------------------------------------------------------------------


def test_add_writes_every_field_given(run, journal):
    result = run(
        "goal",
        "add",
        "Negotiate my next offer",
        "--why",
        "I undersold myself last time.",
        "--mentor",
        "ruth",
        "--mentor",
        "Tomas Lindqvist",
        "--target",
        "2027-03-31",
        "--success",
        "An offer at or above the midpoint.",
    )
    assert result.exit_code == 0, result.stderr
    assert "Added goal negotiate-my-next-offer" in result.stderr
    assert goal_file(journal, "negotiate-my-next-offer") == {
        "title": "Negotiate my next offer",
        "why": "I undersold myself last time.",
        "mentors": ["ruth-castellanos", "tomas-lindqvist"],
        "target": date(2027, 3, 31),
        "success": "An offer at or above the midpoint.",
        "status": "open",
        "created": date(2026, 11, 23),
    }


def test_add_json_is_the_created_goal_with_its_id(run, journal):
    result = run("goal", "add", "Chair a hiring panel", "--target", "in 2 weeks", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == GOAL_KEYS
    assert data["id"] == "chair-a-hiring-panel"
    assert data["status"] == "open"
    assert data["target"] == "2026-12-07"
    assert data["progress"] == []
    assert data["mentors"] == []
    assert "target: 2026-12-07 (in 2 weeks)" in result.stderr


def test_the_same_mentor_twice_is_linked_once(run, journal):
    data = run("goal", "add", "Learn", "--mentor", "ruth", "--mentor", "ruth-c", "--json").json()
    assert data["mentors"] == ["ruth-castellanos"]


def test_a_clashing_title_gets_the_next_free_number(run, journal):
    first = run("goal", "add", "Learn to delegate", "--json").json()
    second = run("goal", "add", "Learn to delegate!", "--json").json()
    assert (first["id"], second["id"]) == ("learn-to-delegate", "learn-to-delegate-2")


def test_a_title_never_leads_outside_the_goals_folder(run, journal):
    before = set(files_under(journal))
    data = run("goal", "add", "../../../tmp/evil", "--json").json()
    assert data["id"] == "tmp-evil"
    assert set(files_under(journal)) - before == {"goals/tmp-evil.toml"}


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("goal", "add", ""), UsageError.exit_code, "title cannot be empty"),
        (("goal", "add", "X", "--mentor", "nobody"), NotFound.exit_code, "no mentor 'nobody'"),
        (("goal", "add", "X", "--target", "someday"), UsageError.exit_code, '"someday"'),
        (("goal", "add", "X", "--target", "03/04"), UsageError.exit_code, "ambiguous"),
        (("goal", "show", "nothing"), NotFound.exit_code, "no goal 'nothing'"),
        (("goal", "show", "present"), Ambiguous.exit_code, "matches several goals"),
        (("goal", "progress", "present", "moved"), Ambiguous.exit_code, "several"),
        (("goal", "progress", "present-the", ""), UsageError.exit_code, "cannot be empty"),
        (("goal", "progress", "present-the", "x", "--date", "blah"), UsageError.exit_code, '"'),
        (("goal", "progress", "nothing", "moved"), NotFound.exit_code, "no goal"),
        (("goal", "done", "nothing"), NotFound.exit_code, "no goal"),
        (("goal", "done", "present"), Ambiguous.exit_code, "several"),
        (("goal", "drop", "nothing"), NotFound.exit_code, "no goal"),
        (("goal", "reopen", "present-the"), Conflict.exit_code, "already open"),
        (("goal", "link", "present-the"), UsageError.exit_code, "--mentor"),
        (("goal", "link", "present-the", "--mentor", "nobody"), NotFound.exit_code, "nobody"),
        (("goal", "list", "--mentor", "nobody"), NotFound.exit_code, "no mentor"),
        (("goal", "rm", "present-the"), UsageError.exit_code, "--yes"),
        (("goal", "rm", "nothing", "--yes"), NotFound.exit_code, "no goal"),
        (("goal", "edit", "nothing"), NotFound.exit_code, "no goal"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_writes_nothing(run, journal, args, code, says):
    before = files_under(journal)
    result = run(*args)
    assert_refused(result, code)
    assert says in result.stderr
    assert files_under(journal) == before


def test_an_ambiguous_goal_error_lists_the_candidates(run, journal):
    result = run("goal", "show", "present")
    assert "present-at-a-conference" in result.stderr
    assert "present-the-budget-to-council" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("goal", "add", ""), ("goal", "add", "   "), ("goal", "add", "X", "--target", "03/04")],
)
def test_bad_input_does_not_create_a_journal(run, journal_dir, args):
    assert_refused(run(*args), UsageError.exit_code)
    assert not journal_dir.exists()


def test_a_goal_with_a_mentor_does_not_create_a_journal(run, journal_dir):
    result = run("goal", "add", "Learn", "--mentor", "ruth")
    assert_refused(result, NotAJournal.exit_code)
    assert not journal_dir.exists()


# --- finding a goal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "present-the-budget-to-council",
        "present-the",
        "PRESENT-THE-B",
        "Present the budget to council",
    ],
)
def test_a_goal_is_found_by_id_prefix_or_title(run, journal, typed):
    result = run("goal", "show", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == "present-the-budget-to-council"


def test_an_exact_id_wins_over_a_longer_id_it_prefixes(run, journal):
    run("goal", "add", "Learn", "--json")
    run("goal", "add", "Learn more", "--json")
    assert run("goal", "show", "learn", "--json").json()["id"] == "learn"


# --- list and show --------------------------------------------------------------------------


def test_list_shows_open_goals_in_a_table(run, journal):
    result = run("goal", "list")
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "title" in line)
    for column in ("id", "title", "status", "target"):
        assert column in header
    assert "present-the-budget-to-council" in result.stdout
    assert "(with Ruth)" in " ".join(result.stdout.split())


def test_list_hides_closed_goals_unless_all(run, journal):
    run("goal", "done", "present-the")
    run("goal", "drop", "present-at")
    assert run("goal", "list", "--json").json() == []
    statuses = {g["id"]: g["status"] for g in run("goal", "list", "--all", "--json").json()}
    assert statuses == {
        "present-the-budget-to-council": "done",
        "present-at-a-conference": "dropped",
    }


def test_list_with_no_open_goals_says_how_to_add_one(run, journal):
    run("goal", "drop", "present-the")
    run("goal", "drop", "present-at")
    result = run("goal", "list")
    assert result.stdout == ""
    assert "mentorlog goal add" in result.stderr


def test_list_filters_by_mentor(run, journal):
    ids = [g["id"] for g in run("goal", "list", "--mentor", "Ruth", "--json").json()]
    assert ids == ["present-the-budget-to-council"]
    assert run("goal", "list", "--mentor", "tomas", "--json").json() == []


def test_list_json_is_a_list_of_goals(run, journal):
    data = run("goal", "list", "--json").json()
    assert len(data) == 2
    assert all(set(g) == GOAL_KEYS for g in data)


def test_show_is_a_panel_with_progress(run, journal):
    run("goal", "progress", "present-the", "Outlined the talk", "--date", "2026-11-20")
    result = run("goal", "show", "present-the")
    assert result.exit_code == 0
    assert "Present the budget to council" in result.stdout
    assert "Ruth Castellanos" in result.stdout
    assert "2026-11-20" in result.stdout and "Outlined the talk" in result.stdout
    assert "╭" in result.stdout


def test_show_json_is_one_goal(run, journal):
    data = run("goal", "show", "present-the", "--json").json()
    assert set(data) == GOAL_KEYS
    assert data["mentors"] == ["ruth-castellanos"]


# --- progress, done, drop, reopen -------------------------------------------------------------


def test_progress_appends_a_dated_note(run, journal):
    run("goal", "progress", "present-the", "Outlined the talk", "--date", "yesterday")
    result = run("goal", "progress", "present-the", "Rehearsed with Marco", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["progress"] == [
        {"date": "2026-11-22", "note": "Outlined the talk"},
        {"date": "2026-11-23", "note": "Rehearsed with Marco"},
    ]


def test_progress_keeps_comments_and_unknown_keys(run, journal):
    path = journal / "goals" / "present-the-budget-to-council.toml"
    path.write_text("# the big one\n" + path.read_text("utf-8") + "priority = 1 # mine\n")
    run("goal", "progress", "present-the", "Outlined the talk")
    run("goal", "progress", "present-the", "Rehearsed")
    text = path.read_text("utf-8")
    assert text.startswith("# the big one\n")
    assert "priority = 1 # mine" in text
    assert [p["note"] for p in goal_file(journal, "present-the-budget-to-council")["progress"]] == [
        "Outlined the talk",
        "Rehearsed",
    ]


def test_progress_can_span_lines(run, journal):
    run("goal", "progress", "present-the", "First line\nsecond line")
    progress = goal_file(journal, "present-the-budget-to-council")["progress"]
    assert progress[0]["note"].strip() == "First line\nsecond line"


def test_done_closes_the_goal_with_a_note(run, journal):
    result = run("goal", "done", "present-the", "--note", "Council approved it", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert (data["status"], data["closed"], data["note"]) == (
        "done",
        "2026-11-23",
        "Council approved it",
    )
    assert data["independently"] is False


def test_done_with_mentors_suggests_thanking_them(run, journal):
    result = run("goal", "done", "present-the")
    assert "mentorlog thank" in result.stderr


def test_done_independently_is_recorded(run, journal):
    data = run("goal", "done", "present-at", "--independently", "--json").json()
    assert data["independently"] is True
    assert goal_file(journal, "present-at-a-conference")["independently"] is True


def test_done_keeps_comments_and_unknown_keys(run, journal):
    path = journal / "goals" / "present-at-a-conference.toml"
    path.write_text(path.read_text("utf-8") + "# why this matters\nvenue = 'ICMA'\n")
    run("goal", "done", "present-at", "--date", "2026-11-20")
    text = path.read_text("utf-8")
    assert "# why this matters" in text and "venue = 'ICMA'" in text
    assert goal_file(journal, "present-at-a-conference")["closed"] == date(2026, 11, 20)


def test_done_twice_is_refused(run, journal):
    run("goal", "done", "present-at")
    before = files_under(journal)
    assert_refused(run("goal", "done", "present-at"), Conflict.exit_code)
    assert files_under(journal) == before


def test_drop_closes_the_goal_as_dropped(run, journal):
    data = run("goal", "drop", "present-at", "--note", "Not now", "--json").json()
    assert (data["status"], data["note"]) == ("dropped", "Not now")


def test_reopen_clears_the_closing(run, journal):
    run("goal", "done", "present-at", "--independently")
    data = run("goal", "reopen", "present-at", "--json").json()
    assert data["status"] == "open"
    assert data["closed"] is None
    assert data["independently"] is False
    on_disk = goal_file(journal, "present-at-a-conference")
    assert "closed" not in on_disk and "independently" not in on_disk


# --- link and rm ----------------------------------------------------------------------------


def test_link_adds_and_removes_mentors(run, journal):
    linked = run("goal", "link", "present-at", "--mentor", "tomas", "--mentor", "ruth")
    assert linked.exit_code == 0, linked.stderr
    assert goal_file(journal, "present-at-a-conference")["mentors"] == [
        "tomas-lindqvist",
        "ruth-castellanos",
    ]
    data = run("goal", "link", "present-at", "--unlink", "Tomas Lindqvist", "--json").json()
    assert data["mentors"] == ["ruth-castellanos"]


def test_rm_with_yes_deletes_the_goal(run, journal):
    result = run("goal", "rm", "present-at", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Deleted goal present-at-a-conference" in result.stderr
    assert not (journal / "goals" / "present-at-a-conference.toml").exists()


# --- edit -----------------------------------------------------------------------------------


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text()\n"
        + program,
        "utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def test_edit_saves_a_valid_change(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "path.write_text(text + 'why = \"Visibility\"\\n')\n")
    result = run("goal", "edit", "present-at")
    assert result.exit_code == 0, result.stderr
    assert goal_file(journal, "present-at-a-conference")["why"] == "Visibility"


def test_edit_with_an_invalid_status_keeps_the_text_and_the_original(
    run, journal, tmp_path, monkeypatch
):
    path = journal / "goals" / "present-at-a-conference.toml"
    before = path.read_bytes()
    fake_editor(tmp_path, monkeypatch, "path.write_text(text.replace('open', 'finished'))\n")
    result = run("goal", "edit", "present-at")
    assert_refused(result, InvalidFile.exit_code)
    assert "`status`" in result.stderr
    assert path.read_bytes() == before
    (kept,) = (journal / ".recovery").iterdir()
    assert 'status = "finished"' in kept.read_text("utf-8")


def test_edit_without_changes_says_so(run, journal, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "")
    result = run("goal", "edit", "present-at")
    assert result.exit_code == 0
    assert "No changes." in result.stderr


# --- broken goal files -----------------------------------------------------------------------


def test_progress_on_a_broken_goal_file_leaves_it_byte_for_byte(run, journal):
    path = journal / "goals" / "present-at-a-conference.toml"
    broken = path.read_bytes() + b"[[progress]]\ndate = 2026-13-45\n"
    path.write_bytes(broken)
    result = run("goal", "progress", "present-at-a-conference", "moved")
    assert result.exit_code != 0
    assert path.read_bytes() == broken
    assert run("goal", "progress", "present-the", "still works").exit_code == 0


def test_a_goal_with_a_bad_status_is_reported_and_the_rest_listed(run, journal):
    (journal / "goals" / "odd.toml").write_text('title = "Odd"\nstatus = "later"\n', "utf-8")
    result = run("goal", "list", "--json")
    assert result.exit_code == 0
    assert len(result.json()) == 2
    assert "goals/odd.toml:2" in result.stderr and "`status`" in result.stderr


def test_asking_for_a_goal_whose_file_is_broken_names_the_file(run, journal):
    assert run("goal", "add", "Negotiate my next offer").exit_code == 0
    path = journal / "goals" / "negotiate-my-next-offer.toml"
    path.write_text('title = "Negotiate\n')
    result = run("goal", "show", "negotiate-my-next-offer")
    assert result.exit_code == 5
    assert "goals/negotiate-my-next-offer.toml:1: TOML error" in result.stderr
    assert "there is no goal" not in result.stderr
