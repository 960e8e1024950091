"""`mentorlog reflection ...` and `mentorlog reflect`: what you made of a conversation."""

from __future__ import annotations

import shlex
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

REFLECTION_KEYS = {"id", "date", "session", "mentor", "goals", "confidential", "skills"}
TODAYS_TOMAS = Path("reflections/2026/2026-11-23-tomas-lindqvist.md")


def use_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> Path:
    """$EDITOR becomes a Python script running `code` with `path` and `text` (its content)."""
    seen = tmp_path / "seen.md"
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        f"pathlib.Path({str(seen)!r}).write_text(text, encoding='utf-8')\n" + textwrap.dedent(code),
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    return seen


def front(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8").split("+++\n")[1])


def reflection_files(root: Path) -> set[str]:
    return {p.name for p in (root / "reflections").rglob("*.md")}


def recovery_files(root: Path) -> list[Path]:
    folder = root / ".recovery"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".origin.json"))


# --- new from flags ---------------------------------------------------------------------------


def test_a_reflection_on_a_session_takes_its_mentor_and_goals(run, example_dir):
    result = run("reflection", "new", "--session", "2026-11-19", "--text", "Start with the number.")
    assert result.exit_code == 0, result.stderr
    assert "Wrote reflection 2026-11-23-tomas-lindqvist" in result.stderr
    path = example_dir / TODAYS_TOMAS
    assert front(path) == {
        "date": tomllib.loads("d = 2026-11-23")["d"],
        "session": "2026-11-19-tomas-lindqvist",
        "mentor": "tomas-lindqvist",
        "goals": ["present-the-budget-to-council"],
        "confidential": True,
    }
    assert path.read_text().endswith("+++\n\nStart with the number.\n")
    assert path.stat().st_mode & 0o777 == 0o600


def test_reflect_is_a_short_form_of_reflection_new(run, example_dir):
    result = run("reflect", "-s", "2026-11-19", "--text", "Same thing.", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == "2026-11-23-tomas-lindqvist"
    assert (example_dir / TODAYS_TOMAS).is_file()


def test_a_reflection_without_a_mentor_is_named_reflection(run, example_dir):
    result = run("reflect", "--text", "On mentoring in general.", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert set(data) == REFLECTION_KEYS
    assert data == {
        "id": "2026-11-23-reflection",
        "date": "2026-11-23",
        "session": None,
        "mentor": None,
        "goals": [],
        "confidential": True,
        "skills": [],
    }
    assert (example_dir / "reflections/2026/2026-11-23-reflection.md").is_file()


def test_mentor_goals_date_and_shareable_from_flags(run, example_dir):
    result = run(
        "reflect", "--mentor", "Ruth", "--goal", "negotiate", "--date", "2026-11-20",
        "--shareable", "--text", "Ask earlier.", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "id": "2026-11-20-ruth-castellanos",
        "date": "2026-11-20",
        "session": None,
        "mentor": "ruth-castellanos",
        "goals": ["negotiate-my-reclassification"],
        "confidential": False,
        "skills": [],
    }


def test_a_second_reflection_the_same_day_gets_a_numbered_id(run, example_dir):
    run("reflect", "-m", "tomas", "--text", "one")
    result = run("reflect", "-m", "tomas", "--text", "two", "--json")
    assert result.json()["id"] == "2026-11-23-tomas-lindqvist-2"


def test_text_dash_reads_stdin(run, example_dir):
    result = run("reflect", "-m", "tomas", "--text", "-", stdin="## What I heard\nTiming.\n")
    assert result.exit_code == 0, result.stderr
    assert (example_dir / TODAYS_TOMAS).read_text().endswith("+++\n\n## What I heard\nTiming.\n")


@pytest.mark.parametrize("text", ["", "  \n "])
def test_empty_text_is_refused(run, example_dir, text):
    before = reflection_files(example_dir)
    result = run("reflect", "-m", "tomas", "--text", text)
    assert result.exit_code == 2
    assert "the reflection is empty" in result.stderr
    assert reflection_files(example_dir) == before


def test_without_text_or_a_terminal_it_says_how_to_give_text(
    run, example_dir, tmp_path, monkeypatch
):
    seen = use_editor(tmp_path, monkeypatch, "path.write_text('x')")
    result = run("reflect", "-m", "tomas")
    assert result.exit_code == 2
    assert "a reflection needs some text" in result.stderr
    assert "--text -" in result.stderr
    assert not seen.exists()  # no editor without a terminal unless --edit


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [(("-m", "nobody"), 4, "there is no mentor 'nobody'"),
     (("-s", "1999"), 4, "there is no session '1999'"),
     (("-g", "nope"), 4, "there is no goal 'nope'"),
     (("--date", "sometime"), 2, "mentorlog: "),
     (("--date", "tomorrow"), 2, "in the future"),
     (("-s", "2026-11-19", "--date", "2026-11-18"), 2, "would come before its session"),
     (("-s", "2026-11-19", "-m", "ruth"), 2, "is with tomas-lindqvist, not ruth-castellanos")],
)  # fmt: skip
def test_bad_input_is_refused_and_nothing_written(run, example_dir, args, code, message):
    before = reflection_files(example_dir)
    result = run("reflect", *args, "--text", "Something.")
    assert result.exit_code == code
    assert message in result.stderr
    assert "Something." not in result.stderr
    assert reflection_files(example_dir) == before


# --- the editor ------------------------------------------------------------------------------


def test_the_editor_opens_on_prompts_and_saves_without_the_hints(
    run, example_dir, tmp_path, monkeypatch
):
    seen = use_editor(
        tmp_path,
        monkeypatch,
        "path.write_text(text.replace('## What I will try\\n', "
        "'## What I will try\\nOpen with the number, by Friday.\\n'))",
    )
    result = run("reflect", "-s", "2026-11-19", "--edit")
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text()
    for prompt in (
        "## What I heard",
        "## What challenged me",
        "## What I will try",
        "## Where I am still weak",
        "## What I would do differently",
    ):
        assert prompt in shown
    assert "2026-11-19-tomas-lindqvist#1: Rewrite the opening" in shown
    saved = (example_dir / TODAYS_TOMAS).read_text()
    assert "Open with the number, by Friday." in saved
    assert "<!--" not in saved


def test_an_empty_buffer_is_kept_and_nothing_recorded(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "path.write_text('')")
    before = reflection_files(example_dir)
    result = run("reflect", "-s", "2026-11-19", "--edit")
    assert result.exit_code == 2
    assert "the reflection is empty; nothing was recorded" in result.stderr
    assert "your text is kept in .recovery/" in result.stderr
    assert len(recovery_files(example_dir)) == 1
    assert reflection_files(example_dir) == before


def test_the_untouched_prompts_are_not_recorded(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "pass")
    before = reflection_files(example_dir)
    result = run("reflect", "-m", "walter", "--edit")
    assert result.exit_code == 2
    assert reflection_files(example_dir) == before
    assert "left as the template" in result.stderr and "nothing was written" in result.stderr
    assert recovery_files(example_dir) == []  # nothing the person typed: nothing to keep


def test_no_edit_with_no_text_is_refused(run, example_dir, tmp_path, monkeypatch):
    seen = use_editor(tmp_path, monkeypatch, "path.write_text('x')")
    assert run("reflect", "-m", "tomas", "--no-edit").exit_code == 2
    assert not seen.exists()


# --- list, show -------------------------------------------------------------------------------


def test_list_newest_first_with_filters(run, example_dir):
    result = run("reflection", "list", "--json")
    assert result.exit_code == 0, result.stderr
    items = result.json()
    assert all(set(r) == REFLECTION_KEYS for r in items)
    assert [r["id"] for r in items][:2] == [
        "2026-10-30-walter-nakamura",
        "2026-10-29-marcus-oyelaran",
    ]
    marcus = run("reflection", "list", "-m", "marcus", "--json").json()
    assert {r["mentor"] for r in marcus} == {"marcus-oyelaran"} and len(marcus) == 3
    window = run("reflection", "list", "--since", "2026-09-01", "--until", "2026-09-30", "--json")
    assert [r["id"] for r in window.json()] == [
        "2026-09-30-marcus-oyelaran",
        "2026-09-09-walter-nakamura",
    ]


def test_list_as_a_table(run, example_dir):
    result = run("reflection", "list", "-m", "walter")
    assert result.exit_code == 0, result.stderr
    assert "2026-10-30-walter-nakamura" in result.stdout
    assert "Walter Nakamura" in result.stdout


def test_list_with_bad_filters(run, example_dir):
    assert run("reflection", "list", "-m", "nobody").exit_code == 4
    assert run("reflection", "list", "--since", "whenever").exit_code == 2


def test_list_with_none_says_so(run, journal_dir):
    run("mentor", "add", "Ann Lee")
    result = run("reflection", "list")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "No reflections yet." in result.stderr


def test_show_renders_header_and_text(run, example_dir):
    result = run("reflection", "show", "2026-10-30")
    assert result.exit_code == 0, result.stderr
    assert "Walter Nakamura (walter-nakamura)" in result.stdout
    assert "2026-10-28-walter-nakamura" in result.stdout
    assert "A handwritten note this week" in result.stdout


def test_show_json_includes_the_body(run, example_dir):
    data = run("reflection", "show", "2026-10-30-walter", "--json").json()
    assert set(data) == REFLECTION_KEYS | {"body"}
    assert "## What I heard" in data["body"]


def test_show_unknown_or_ambiguous(run, example_dir):
    assert run("reflection", "show", "1999").exit_code == 4
    result = run("reflection", "show", "2026-10")
    assert result.exit_code == 4
    assert "matches several reflections" in result.stderr


# --- edit, rm ---------------------------------------------------------------------------------

OCT_30 = Path("reflections/2026/2026-10-30-walter-nakamura.md")


def test_edit_saves_a_valid_change(run, example_dir, tmp_path, monkeypatch):
    use_editor(tmp_path, monkeypatch, "path.write_text(text + '\\nOne more thought.\\n')")
    result = run("reflection", "edit", "2026-10-30")
    assert result.exit_code == 0, result.stderr
    assert (example_dir / OCT_30).read_text().endswith("One more thought.\n")


def test_edit_with_invalid_front_matter_keeps_text_and_original(
    run, example_dir, tmp_path, monkeypatch
):
    before = (example_dir / OCT_30).read_bytes()
    use_editor(
        tmp_path,
        monkeypatch,
        "path.write_text(text.replace('confidential = true', 'confidential = 3'))",
    )
    result = run("reflection", "edit", "2026-10-30")
    assert result.exit_code == 5
    assert "your text is kept in .recovery/" in result.stderr
    assert (example_dir / OCT_30).read_bytes() == before
    assert "confidential = 3" in recovery_files(example_dir)[0].read_text()


def test_edit_refuses_when_the_file_changed_meanwhile(run, example_dir, tmp_path, monkeypatch):
    use_editor(
        tmp_path,
        monkeypatch,
        """
        path.write_text(text + "MINE\\n")
        target = pathlib.Path(sys.argv[1]).parent / "reflections/2026/2026-10-30-walter-nakamura.md"
        target.write_text(target.read_text() + "THEIRS\\n")
        """,
    )
    result = run("reflection", "edit", "2026-10-30")
    assert result.exit_code == 6
    on_disk = (example_dir / OCT_30).read_text()
    assert "THEIRS" in on_disk and "MINE" not in on_disk
    assert "MINE" in recovery_files(example_dir)[0].read_text()


def test_rm_needs_yes_without_a_terminal(run, example_dir):
    result = run("reflection", "rm", "2026-10-30")
    assert result.exit_code == 2
    assert (example_dir / OCT_30).exists()
    result = run("reflection", "rm", "2026-10-30", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Deleted reflection 2026-10-30-walter-nakamura" in result.stderr
    assert not (example_dir / OCT_30).exists()


def test_rm_unknown(run, example_dir):
    assert run("reflection", "rm", "1999", "--yes").exit_code == 4
