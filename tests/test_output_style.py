"""One style policy, words said once, and names that resolve and stay unique on a screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journal_builder import Builder, d, flat

STYLED_COMMANDS = [
    ["due"],
    ["team"],
    ["brief", "ruth"],
    ["review", "--since", "2026-01-01"],
    ["timeline", "ruth"],
    ["mentor", "list"],
    ["goal", "list"],
    ["lessons"],
    ["search", "budget"],
    ["mentor", "show", "ruth"],
]


@pytest.fixture
def coloured_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output forced to a terminal that takes colour, unless a test says otherwise."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("args", STYLED_COMMANDS, ids=" ".join)
def test_a_colour_terminal_gets_styles(
    args: list[str], run: Any, example_dir: Path, coloured_terminal: None
) -> None:
    # The other tests can only fail if the styles are there to drop.
    assert "\x1b[" in run(*args).stdout


@pytest.mark.parametrize("setting", [("NO_COLOR", "1"), ("NO_COLOR", "yes"), ("TERM", "dumb")])
@pytest.mark.parametrize("args", STYLED_COMMANDS, ids=" ".join)
def test_no_color_and_a_dumb_terminal_drop_every_style(
    args: list[str],
    setting: tuple[str, str],
    run: Any,
    example_dir: Path,
    coloured_terminal: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(*setting)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout + result.stderr


def test_an_empty_no_color_changes_nothing(
    run: Any, example_dir: Path, coloured_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    assert "\x1b[" in run("team").stdout


def test_due_says_all_clear_only_when_nothing_is_listed(run: Any, journal_dir: Path) -> None:
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", cadence="4w")
    builder.session("ana-silva", "2026-11-20", "## Actions\n- [ ] Send Ana the draft\n")
    listed = run("due")
    assert "Reflect" in listed.stdout
    assert "in touch with everyone" not in listed.stderr
    assert "Nobody is due a check-in" in listed.stderr
    builder.reflection("2026-11-21-ana-silva", "2026-11-21", session="2026-11-20-ana-silva")
    (journal_dir / "sessions" / "2026" / "2026-11-20-ana-silva.md").write_text(
        '+++\nmentor = "ana-silva"\ndate = 2026-11-20\n+++\n', encoding="utf-8"
    )
    clear = run("due")
    assert clear.stdout == ""
    assert "in touch with everyone" in clear.stderr


def test_the_timeline_says_each_thing_once(run: Any, journal_dir: Path) -> None:
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", shared=[{"what": "resume", "date": d("2026-03-01")}])
    builder.session(
        "ana-silva",
        "2026-04-01",
        kind="thanks",
        how="handwritten note",
        topic=("Thank-you (handwritten note)"),
    )
    builder.session("ana-silva", "2026-05-01", how="email", topic="email")
    text = flat(run("timeline", "ana").stdout)
    assert "resume resume" not in text
    assert "sent your resume" in text
    assert "(handwritten note) (handwritten note)" not in text
    assert "Thank-you (handwritten note)" in text
    assert "email (email)" not in text


def test_team_says_all_gaps_on_time_once(run: Any, journal_dir: Path) -> None:
    builder = Builder(journal_dir)
    builder.mentor("ana-silva", cadence="2w", since=d("2026-09-01"))
    for day in ("2026-09-28", "2026-10-12", "2026-10-26", "2026-11-09", "2026-11-20"):
        builder.session("ana-silva", day)
    text = flat(run("team").stdout)
    assert "3 of 3" not in text
    assert "all 4 gaps on time" in text or "all 3 gaps on time" in text


@pytest.fixture
def two_anns(example_dir: Path) -> Path:
    builder = Builder(example_dir)
    builder.mentor("ann-lee", name="Ann Lee", cadence="4w")
    builder.mentor("ann-okafor", name="Ann Okafor", cadence="4w")
    builder.goal("speak-at-the-conference", mentors=["ann-lee", "ann-okafor"])
    builder.session("ann-lee", "2026-11-02", "## Actions\n- [x] Book the venue\n")
    builder.session("ann-okafor", "2026-11-03")
    return example_dir


@pytest.mark.parametrize("args", [["goal", "list"], ["review"], ["team"]], ids=" ".join)
def test_two_mentors_with_one_first_name_get_their_last_names(
    args: list[str], run: Any, two_anns: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    text = flat(run(*args).stdout)
    assert "Ann Lee" in text
    assert "Ann Okafor" in text
    assert "Ann," not in text and not text.endswith("Ann")


@pytest.mark.parametrize(
    "typed", ["castellanos", "Castellanos", "CASTELLANOS", "ruth castellanos", "ruth-c"]
)
def test_a_mentor_resolves_by_last_name_too(typed: str, run: Any, example_dir: Path) -> None:
    result = run("timeline", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["mentor"]["id"] == "ruth-castellanos"


def test_a_typo_gets_the_close_names_only(run: Any, example_dir: Path) -> None:
    result = run("timeline", "rtuh")
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1
    assert "did you mean ruth-castellanos (Ruth Castellanos)?" in result.stderr
    assert "walter" not in result.stderr


def test_a_last_name_two_share_is_ambiguous_and_lists_them(run: Any, two_anns: Path) -> None:
    Builder(two_anns).mentor("bo-okafor", name="Bo Okafor")
    result = run("timeline", "okafor")
    assert result.exit_code == 4
    assert "ann-okafor (Ann Okafor)" in result.stderr
    assert "bo-okafor (Bo Okafor)" in result.stderr
