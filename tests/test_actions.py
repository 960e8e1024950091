"""`mentorlog action ...`: the checkbox lines of session notes, listed, ticked, reopened, added."""

from __future__ import annotations

from pathlib import Path

import pytest

ACTION_KEYS = {
    "acts_on",
    "id",
    "session",
    "number",
    "mentor",
    "text",
    "done",
    "done_on",
    "outcome",
    "date",
    "age_days",
}
NOV_19 = Path("sessions/2026/2026-11-19-tomas-lindqvist.md")
NOV_19_HEAD = """\
+++
mentor = "tomas-lindqvist"
date = 2026-11-19
kind = "question"
topic = "Opening three minutes of the mid-year update"
goals = ["present-the-budget-to-council"]
confidential = true
+++
"""


def open_ids(run) -> list[str]:  # type: ignore[no-untyped-def]
    return [a["id"] for a in run("action", "list", "--json").json()]


# --- list -------------------------------------------------------------------------------------


def test_list_shows_open_actions_across_sessions_oldest_first(run, example_dir):
    result = run("action", "list", "--json")
    assert result.exit_code == 0, result.stderr
    items = result.json()
    assert all(set(a) == ACTION_KEYS for a in items)
    assert all(a["done"] is False for a in items)
    dates = [a["date"] for a in items]
    assert dates == sorted(dates)
    last = items[-1]
    assert last == {
        "id": "2026-11-19-tomas-lindqvist#2",
        "session": "2026-11-19-tomas-lindqvist",
        "number": 2,
        "mentor": "tomas-lindqvist",
        "text": "Rehearse the opening with Carla as the hostile councilmember",
        "done": False,
        "done_on": None,
        "outcome": None,
        "acts_on": None,
        "date": "2026-11-19",
        "age_days": 4,
    }


def test_list_all_includes_done_actions_with_their_outcome(run, example_dir):
    items = run("action", "list", "--all", "--json").json()
    done = [a for a in items if a["done"]]
    assert done
    assert {
        "id": "2026-10-20-tomas-lindqvist#1",
        "done_on": "2026-10-21",
        "outcome": "$412,000 across 37 vehicles",
    }.items() <= next(a for a in done if a["id"] == "2026-10-20-tomas-lindqvist#1").items()
    assert len(items) > len(open_ids(run))


def test_list_by_mentor(run, example_dir):
    items = run("action", "list", "--mentor", "Tomas", "--json").json()
    assert items and {a["mentor"] for a in items} == {"tomas-lindqvist"}


def test_list_as_a_table_shows_id_mentor_age_and_text(run, example_dir):
    result = run("action", "list", "-m", "tomas")
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "2026-11-19-tomas-lindqvist#1" in x)
    assert "Tomas Lindqvist" in line and "4d" in line and "Rewrite the opening" in line


def test_list_with_no_actions_says_so(run, journal_dir):
    run("mentor", "add", "Ann Lee")
    result = run("action", "list")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "No open actions." in result.stderr


def test_list_with_an_unknown_mentor_is_refused(run, example_dir):
    assert run("action", "list", "-m", "nobody").exit_code == 4


# --- done ---------------------------------------------------------------------------------------


def test_done_ticks_the_box_and_appends_the_date(run, example_dir):
    result = run("action", "done", "2026-11-19-tomas-lindqvist#1")
    assert result.exit_code == 0, result.stderr
    assert "Done: 2026-11-19-tomas-lindqvist#1 (2026-11-23)" in result.stderr
    text = (example_dir / NOV_19).read_text()
    assert "- [x] Rewrite the opening to start with the revenue number (done 2026-11-23)\n" in text
    assert "- [ ] Rehearse the opening with Carla" in text


def test_done_with_a_note_and_a_date_records_what_came_of_it(run, example_dir):
    result = run(
        "action", "done", "2026-11-19#2", "--note", "Carla was brutal; it helped",
        "--date", "yesterday", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == ACTION_KEYS
    assert (data["done"], data["done_on"], data["outcome"]) == (
        True,
        "2026-11-22",
        "Carla was brutal; it helped",
    )
    assert (
        "- [x] Rehearse the opening with Carla as the hostile councilmember "
        "(done 2026-11-22: Carla was brutal; it helped)"
    ) in (example_dir / NOV_19).read_text()


def test_done_keeps_the_front_matter_bytes_and_every_other_line(run, example_dir):
    path = example_dir / NOV_19
    before = path.read_text()
    assert before.startswith(NOV_19_HEAD)
    run("action", "done", "2026-11-19-tomas-lindqvist#1", "-n", "done")
    after = path.read_text()
    assert after.startswith(NOV_19_HEAD)
    assert len(before.splitlines()) == len(after.splitlines())
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    assert len([(a, b) for a, b in pairs if a != b]) == 1


def test_unknown_keys_comments_and_own_text_survive_done(run, example_dir):
    path = example_dir / NOV_19
    text = path.read_text().replace(
        "confidential = true\n",
        "confidential = true   # only for me\nmood = 'tired'\n",
    )
    text += "\nMy own paragraph, with [brackets] and a - [ ] inside a sentence.\n"
    path.write_text(text)
    assert run("action", "done", "2026-11-19#1").exit_code == 0
    after = path.read_text()
    assert "confidential = true   # only for me\nmood = 'tired'\n" in after
    assert after.endswith("\nMy own paragraph, with [brackets] and a - [ ] inside a sentence.\n")


def test_done_keeps_windows_line_endings_and_a_byte_order_mark(run, example_dir):
    path = example_dir / NOV_19
    original = path.read_text()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode())
    assert run("action", "done", "2026-11-19#1").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf+++\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    expected = original.replace(
        "- [ ] Rewrite the opening to start with the revenue number",
        "- [x] Rewrite the opening to start with the revenue number (done 2026-11-23)",
    )
    assert raw.decode("utf-8-sig").replace("\r\n", "\n") == expected


def test_ticking_a_done_action_is_refused(run, example_dir):
    path = example_dir / "sessions/2026/2026-10-20-tomas-lindqvist.md"
    before = path.read_bytes()
    result = run("action", "done", "2026-10-20-tomas-lindqvist#1")
    assert result.exit_code == 6
    assert "action 2026-10-20-tomas-lindqvist#1 is already done" in result.stderr
    assert "mentorlog action reopen" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("action_id", "code", "message"),
    [("2026-11-19-tomas-lindqvist#9", 4, "has no action 9; it has 2 (1-2)"),
     ("2026-11-19-tomas-lindqvist", 2, "is not an action id"),
     ("2026-11-19#x", 2, "is not an action id"),
     ("2026-11-19#0", 2, "numbers start at 1"),
     ("1999-01-01#1", 4, "there is no session '1999-01-01'"),
     ("2026-08-11-ruth#1", 4, "matches several sessions")],
)  # fmt: skip
def test_done_with_an_unknown_action_id_is_refused(run, example_dir, action_id, code, message):
    result = run("action", "done", action_id)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_done_before_the_session_is_refused(run, example_dir):
    result = run("action", "done", "2026-11-19#1", "--date", "2026-11-01")
    assert result.exit_code == 2
    assert "before the session" in result.stderr


def test_done_with_an_unparseable_date_is_refused(run, example_dir):
    before = (example_dir / NOV_19).read_bytes()
    assert run("action", "done", "2026-11-19#1", "--date", "the other day").exit_code == 2
    assert (example_dir / NOV_19).read_bytes() == before


def test_a_session_that_does_not_parse_is_never_rewritten(run, example_dir):
    path = example_dir / NOV_19
    assert run("action", "list", "--json").exit_code == 0
    broken = path.read_text().replace('kind = "question"', "kind = ")
    path.write_text(broken)
    result = run("action", "done", "2026-11-19-tomas-lindqvist#1")
    assert result.exit_code != 0
    assert path.read_text() == broken


# --- ids are stable ---------------------------------------------------------------------------


def test_an_action_id_is_unchanged_when_others_are_ticked_or_added(run, example_dir):
    before = {a["id"]: a["text"] for a in run("action", "list", "--all", "--json").json()}
    run("action", "done", "2026-11-19#1")
    run("action", "add", "2026-11-19", "A new one")
    run("session", "new", "-m", "tomas", "-a", "Elsewhere")
    run("action", "done", "2026-11-05-tomas-lindqvist#2")
    after = {a["id"]: a["text"] for a in run("action", "list", "--all", "--json").json()}
    assert {k: after[k] for k in before} == before
    assert after["2026-11-19-tomas-lindqvist#3"] == "A new one"


# --- reopen -------------------------------------------------------------------------------------


def test_reopen_unticks_and_drops_the_done_note(run, example_dir):
    run("action", "done", "2026-11-19#1", "-n", "sent")
    result = run("action", "reopen", "2026-11-19#1", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["done"] is False
    text = (example_dir / NOV_19).read_text()
    assert "- [ ] Rewrite the opening to start with the revenue number\n" in text
    assert "(done" not in text


def test_reopen_an_open_action_is_refused(run, example_dir):
    result = run("action", "reopen", "2026-11-19#1")
    assert result.exit_code == 6
    assert "is still open" in result.stderr


def test_reopen_an_unknown_action(run, example_dir):
    assert run("action", "reopen", "2026-11-19#7").exit_code == 4


# --- add ----------------------------------------------------------------------------------------


def test_add_appends_an_open_action_to_the_actions_section(run, example_dir):
    result = run("action", "add", "2026-11-19", "Send him the new opening", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert (data["id"], data["text"], data["done"]) == (
        "2026-11-19-tomas-lindqvist#3",
        "Send him the new opening",
        False,
    )
    text = (example_dir / NOV_19).read_text()
    assert text.endswith(
        "- [ ] Rehearse the opening with Carla as the hostile councilmember\n"
        "- [ ] Send him the new opening\n"
    )
    assert text.startswith(NOV_19_HEAD)


def test_add_to_a_session_without_notes_creates_the_actions_section(run, example_dir):
    run("session", "new", "-m", "helen")
    result = run("action", "add", "2026-11-23-helen", "Write to Helen")
    assert result.exit_code == 0, result.stderr
    text = (example_dir / "sessions/2026/2026-11-23-helen-achterberg.md").read_text()
    assert text.endswith("+++\n\n## Actions\n- [ ] Write to Helen\n")
    assert "Added 2026-11-23-helen-achterberg#1" in result.stderr


@pytest.mark.parametrize("text", ["", "   "])
def test_add_empty_text_is_refused(run, example_dir, text):
    before = (example_dir / NOV_19).read_bytes()
    result = run("action", "add", "2026-11-19", text)
    assert result.exit_code == 2
    assert (example_dir / NOV_19).read_bytes() == before


def test_add_to_an_unknown_session_is_refused(run, example_dir):
    assert run("action", "add", "1999", "x").exit_code == 4


def test_a_hand_edit_and_the_cli_see_the_same_list(run, example_dir):
    path = example_dir / NOV_19
    path.write_text(path.read_text() + "* [ ] Typed by hand\n")
    ids = [a["id"] for a in run("action", "list", "-m", "tomas", "--json").json()]
    assert "2026-11-19-tomas-lindqvist#3" in ids
    assert run("action", "done", "2026-11-19#3").exit_code == 0
    assert "* [x] Typed by hand (done 2026-11-23)\n" in path.read_text()
