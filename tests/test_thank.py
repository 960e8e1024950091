"""`mentorlog thank MENTOR`: a thank-you is recorded as a session of kind "thanks", so it counts
as a contact and settles the thanks `due` reminds you of."""

from __future__ import annotations

from journal_builder import Builder, d

SESSION_KEYS = {
    "id",
    "mentor",
    "date",
    "kind",
    "topic",
    "goals",
    "confidential",
    "how",
    "discussed",
    "actions",
    "lessons",
    "source",
    "event",
    "advice",
}


def test_thank_records_a_thanks_session_with_how_and_note(run, example_dir):
    result = run(
        "thank",
        "walter",
        "--how",
        "handwritten note",
        "--note",
        "For six patient months.",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == SESSION_KEYS
    assert data["id"] == "2026-11-23-walter-nakamura"
    assert data["kind"] == "thanks"
    assert data["how"] == "handwritten note"
    text = (example_dir / "sessions" / "2026" / "2026-11-23-walter-nakamura.md").read_text()
    assert 'kind = "thanks"' in text
    assert 'how = "handwritten note"' in text
    assert "For six patient months." in text


def test_thank_settles_the_thanks_due_reminds_about(run, example_dir):
    def thanks_owed() -> list[str]:
        return [row["mentor"] for row in run("due", "--json").json()["mentors"] if row["thank_for"]]

    assert "walter-nakamura" in thanks_owed()
    assert run("thank", "walter").exit_code == 0
    assert "walter-nakamura" not in thanks_owed()


def test_thank_counts_as_a_contact(run, example_dir):
    assert run("thank", "ruth", "--date", "2026-11-20").exit_code == 0
    data = run("brief", "ruth", "--json").json()
    assert data["last_contact"] == "2026-11-20"
    assert data["last_session"]["kind"] == "thanks"
    assert data["next_due"] == "2027-01-01"


def test_thank_says_what_it_recorded(run, example_dir):
    result = run("thank", "ruth")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Recorded a thank-you to ruth-castellanos on 2026-11-23" in result.stderr


def test_thank_a_second_time_the_same_day_gets_its_own_id(run, example_dir):
    run("thank", "ruth")
    second = run("thank", "ruth", "--json")
    assert second.json()["id"] == "2026-11-23-ruth-castellanos-2"


def test_thank_refuses_a_future_or_bad_date_and_writes_nothing(run, example_dir):
    sessions = sorted((example_dir / "sessions").rglob("*.md"))
    future = run("thank", "ruth", "--date", "2026-12-25")
    assert future.exit_code == 2
    assert "in the future" in future.stderr
    bad = run("thank", "ruth", "--date", "whenever")
    assert bad.exit_code == 2
    assert sorted((example_dir / "sessions").rglob("*.md")) == sessions


def test_thank_an_unknown_or_ambiguous_mentor_fails(run, journal_dir):
    Builder(journal_dir).mentor("ana-silva", name="Ana Silva").mentor("anders-berg")
    unknown = run("thank", "zed")
    assert unknown.exit_code == 4
    ambiguous = run("thank", "an")
    assert ambiguous.exit_code == 4
    assert "matches several mentors" in ambiguous.stderr
    assert not (journal_dir / "sessions" / "2026").exists()


def test_thank_shows_in_the_timeline(run, journal_dir):
    Builder(journal_dir).mentor("ana-silva", name="Ana Silva", since=d("2026-01-01"))
    run("thank", "ana", "--how", "coffee")
    events = run("timeline", "ana", "--json").json()["events"]
    assert {"kind": "thanks", "detail": "coffee"}.items() <= events[-1].items()
