"""`mentor end` closes a relationship well: on a terminal it walks through thanks, what you
learned and what stays; flags do the same in a script; the closure shows in brief and timeline."""

from __future__ import annotations

import io
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_builder import Builder, d


class FakeTerminal(io.StringIO):
    """Typed answers on a terminal: stdin and stdout both say they are one."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def answer(*lines: str) -> None:
        monkeypatch.setattr(sys, "stdin", FakeTerminal("".join(line + "\n" for line in lines)))
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)

    return answer


def _walter(journal_dir: Path) -> Path:
    Builder(journal_dir).mentor("walter-nakamura", name="Walter Nakamura", since=d("2026-05-05"))
    return journal_dir / "mentors" / "walter-nakamura.toml"


def _file(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_flags_end_the_relationship_and_keep_the_closure(run, journal_dir):
    path = _walter(journal_dir)
    result = run(
        "mentor",
        "end",
        "walter",
        "--date",
        "2026-10-30",
        "--learned",
        "Say at the start what the call is for.",
        "--stays",
        "Coffee each spring.",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert result.json()["closure"] == {
        "closed": "2026-10-30",
        "learned": "Say at the start what the call is for.",
        "stays": "Coffee each spring.",
    }
    data = _file(path)
    assert data["ended"] == d("2026-10-30")
    assert data["closure"] == {
        "closed": d("2026-10-30"),
        "learned": "Say at the start what the call is for.",
        "stays": "Coffee each spring.",
    }


def test_without_a_terminal_nothing_is_asked_and_thanks_is_pointed_to(run, journal_dir):
    _walter(journal_dir)
    result = run("mentor", "end", "walter", stdin="")  # a pipe: it must not wait for answers
    assert result.exit_code == 0, result.stderr
    assert "?" not in result.stderr
    assert "`mentorlog thank walter-nakamura`" in result.stderr
    assert _file(journal_dir / "mentors" / "walter-nakamura.toml")["ended"] == d("2026-11-23")


def test_the_walk_records_thanks_learned_stays_and_a_long_cadence(run, journal_dir, terminal):
    path = _walter(journal_dir)
    terminal(
        "handwritten note",
        "Lead each call.",
        "A catch-up over coffee.",
        "every now and then",  # not a cadence: asked again
        "6m",
    )
    result = run("mentor", "end", "walter")
    assert result.exit_code == 0, result.stderr
    assert "not a cadence" in result.stderr
    assert "redefinition" in result.stderr
    data = _file(path)
    assert "ended" not in data
    assert data["phase"] == "redefinition"
    assert data["cadence"] == "6m"
    assert data["closure"]["learned"] == "Lead each call."
    assert data["closure"]["stays"] == "A catch-up over coffee."
    thanks = run("session", "list", "--mentor", "walter", "--kind", "thanks", "--json").json()
    assert [(s["date"], s["how"]) for s in thanks] == [("2026-11-23", "handwritten note")]
    due = run("due", "--all", "--json").json()
    assert [r["mentor"] for r in due["mentors"]] == ["walter-nakamura"]


def test_the_walk_skips_what_was_answered_and_does_not_ask_for_thanks_said(
    run, journal_dir, terminal
):
    path = _walter(journal_dir)
    Builder(journal_dir).session("walter-nakamura", "2026-10-30", kind="thanks")
    terminal("")  # only the cadence is left to ask; Enter: no more reminders
    result = run("mentor", "end", "walter", "--learned", "x", "--stays", "y")
    assert result.exit_code == 0, result.stderr
    assert "you thanked Walter on 2026-10-30" in result.stderr
    assert "What did you learn" not in result.stderr
    assert "thank`" not in result.stderr
    assert _file(path)["ended"] == d("2026-11-23")


def test_enter_everywhere_ends_it_without_texts(run, journal_dir, terminal):
    path = _walter(journal_dir)
    terminal("", "", "", "")
    result = run("mentor", "end", "walter")
    assert result.exit_code == 0, result.stderr
    data = _file(path)
    assert data["ended"] == d("2026-11-23")
    assert data["closure"] == {"closed": d("2026-11-23")}
    assert run("session", "list", "--json").json() == []


def test_no_prompt_on_a_terminal_asks_nothing(run, journal_dir, terminal):
    _walter(journal_dir)
    terminal()  # no answers: a prompt would meet the end of input and fail
    result = run("mentor", "end", "walter", "--no-prompt")
    assert result.exit_code == 0, result.stderr
    assert "Closing the relationship" not in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--learned", "a\x00b"), "NUL"),
        (("--keep-in-touch", "sometimes"), "not a cadence"),
        (("--keep-in-touch", "0d"), "zero"),
        (("--date", "2026-01-01"), "cannot end on 2026-01-01"),
        (("--date", "next year"), "date"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(run, journal_dir, args, says):
    _walter(journal_dir)
    before = _snapshot(journal_dir)
    result = run("mentor", "end", "walter", *args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert _snapshot(journal_dir) == before


def test_an_unknown_mentor_is_refused_before_anything_is_asked(run, journal_dir, terminal):
    _walter(journal_dir)
    before = _snapshot(journal_dir)
    terminal()
    result = run("mentor", "end", "nobody")
    assert result.exit_code == 4
    assert "Closing" not in result.stderr
    assert _snapshot(journal_dir) == before


def test_a_later_closure_keeps_the_end_date_earlier_texts_and_comments(run, journal_dir):
    path = _walter(journal_dir)
    assert run("mentor", "end", "walter", "--date", "2026-10-30", "--learned", "a").exit_code == 0
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'learned = "a"', 'learned = "a"  # said at our last lunch'
        ),
        encoding="utf-8",
    )
    assert run("mentor", "end", "walter", "--stays", "b").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "# said at our last lunch" in text
    data = tomllib.loads(text)
    assert data["ended"] == d("2026-10-30")
    assert data["closure"] == {"closed": d("2026-10-30"), "learned": "a", "stays": "b"}


def test_keeping_in_touch_keeps_what_stays_and_drops_a_shorter_limit(run, journal_dir):
    path = _walter(journal_dir)
    assert run("mentor", "set", "walter", "--cadence", "2w", "--at-most", "3w").exit_code == 0
    assert run("mentor", "end", "walter", "--stays", "Lunch in June").exit_code == 0
    assert run("mentor", "end", "walter", "--keep-in-touch", "yearly").exit_code == 0
    data = _file(path)
    assert "ended" not in data and "at_most" not in data
    assert (data["cadence"], data["phase"]) == ("12m", "redefinition")
    assert data["closure"]["stays"] == "Lunch in June"


def test_keeping_in_touch_without_a_word_on_what_stays_says_the_rhythm(run, journal_dir):
    path = _walter(journal_dir)
    assert run("mentor", "end", "walter", "--keep-in-touch", "6m").exit_code == 0
    assert _file(path)["closure"]["stays"] == "a catch-up every 6 months"


def test_brief_and_timeline_show_the_closure_from_its_day_on(run, journal_dir):
    _walter(journal_dir)
    Builder(journal_dir).session("walter-nakamura", "2026-06-01")
    run("mentor", "end", "walter", "--date", "2026-10-30", "--learned", "L1", "--stays", "S1")
    brief = run("brief", "walter")
    assert brief.exit_code == 0, brief.stderr
    assert "Closure" in brief.stdout
    assert "What you learned: L1" in brief.stdout
    assert "What stays: S1" in brief.stdout
    assert "Getting started" not in brief.stdout
    assert "What you learned: L1" in run("brief", "walter", "--markdown").stdout
    assert run("brief", "walter", "--json").json()["closure"]["learned"] == "L1"
    timeline = run("timeline", "walter", "--json").json()
    assert timeline["events"][-1] == {
        "date": "2026-10-30",
        "kind": "closure",
        "text": "what you learned: L1",
        "ref": None,
        "detail": "S1",
    }
    assert timeline["mentor"]["closure"]["stays"] == "S1"
    assert "what stays: S1" in run("timeline", "walter").stdout
    before = run("timeline", "walter", "--as-of", "2026-10-01", "--json").json()
    assert before["mentor"]["closure"] is None
    assert "closure" not in [e["kind"] for e in before["events"]]
    assert run("brief", "walter", "--as-of", "2026-10-01", "--json").json()["closure"] is None


def test_an_old_closure_without_a_day_still_loads_and_shows(run, journal_dir):
    Builder(journal_dir).mentor(
        "walter-nakamura", ended=d("2026-10-30"), closure={"learned": "Old words"}
    )
    result = run("brief", "walter", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["closure"] == {"closed": None, "learned": "Old words", "stays": None}


TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and s)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(learned=TEXT, stays=TEXT)
def test_closure_texts_come_back_as_written(run, journal_dir, learned, stays):
    _walter(journal_dir)
    result = run("mentor", "end", "walter", "--learned", learned, "--stays", stays, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["closure"]["learned"] == learned
    shown = run("mentor", "show", "walter", "--json").json()["closure"]
    assert (shown["learned"], shown["stays"]) == (learned, stays)
