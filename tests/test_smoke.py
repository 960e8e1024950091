"""The journal is found, created on first write, and read back."""

import pytest


def test_first_write_creates_the_journal_and_says_so(run, journal_dir):
    result = run("mentor", "add", "Jennifer Phillips", "--cadence", "6 weeks")
    assert result.exit_code == 0, result.stderr
    assert "Created a new journal" in result.stderr
    assert (journal_dir / "mentors" / "jennifer-phillips.toml").is_file()


def test_the_example_journal_lists_its_mentors(run, example_dir):
    result = run("mentor", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert {m["id"] for m in result.json()} >= {"ruth-castellanos", "marcus-oyelaran"}


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--as-of", "0001-01-10"),
        ("brief", "ruth", "--as-of", "0001-01-10"),
        ("session", "new", "-m", "ruth", "--date", "9999-12-31", "--notes", "x"),
    ],
)
def test_a_date_outside_the_years_mentorlog_works_with_is_a_usage_error(run, example_dir, args):
    """Year 1 or 9999 would overflow the date arithmetic: a clear error, nothing written."""
    before = sorted(p.name for p in (example_dir / "sessions").rglob("*.md"))
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "outside the years mentorlog works with" in result.stderr
    assert sorted(p.name for p in (example_dir / "sessions").rglob("*.md")) == before
