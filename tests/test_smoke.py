"""The journal is found, created on first write, and read back."""


def test_first_write_creates_the_journal_and_says_so(run, journal_dir):
    result = run("mentor", "add", "Jennifer Phillips", "--cadence", "6 weeks")
    assert result.exit_code == 0, result.stderr
    assert "Created a new journal" in result.stderr
    assert (journal_dir / "mentors" / "jennifer-phillips.toml").is_file()


def test_the_example_journal_lists_its_mentors(run, example_dir):
    result = run("mentor", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert {m["id"] for m in result.json()} >= {"ruth-castellanos", "marcus-oyelaran"}
