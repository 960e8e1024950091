"""Your own editor templates: `templates/KIND.md` beside the config file (or in the journal's
`.mentorlog/templates/`), their variables, their errors, and `mentorlog template`."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain import templating
from mentorlog.errors import InvalidFile
from mentorlog.user.templates import KINDS


def config_folder() -> Path:
    return Path(os.environ["MENTORLOG_CONFIG"]).parent


def own_template(kind: str, text: str, folder: Path | None = None) -> Path:
    place = (folder or config_folder()) / "templates" / f"{kind}.md"
    place.parent.mkdir(parents=True, exist_ok=True)
    place.write_text(text, encoding="utf-8")
    return place


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, append: str) -> Path:
    """$EDITOR as a script that keeps what it was shown and adds `append` to the file."""
    seen = tmp_path / "seen.md"
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        f"pathlib.Path({str(seen)!r}).write_text(text, encoding='utf-8')\n"
        f"path.write_text(text + {append!r}, encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    return seen


def saved_sessions(journal: Path, name: str) -> list[Path]:
    return sorted(p for p in journal.glob("sessions/*/*.md") if name in p.name)


def test_a_template_in_the_config_folder_is_filled_in_for_the_editor(
    run, example_dir, tmp_path, monkeypatch
):
    own_template(
        "question",
        "# A question for {mentor} ({mentor_id}) on {date}, a {kind}: {topic}\n"
        "{open_questions}\n\n## What I asked\n\n## Money {{not a variable}}\n",
    )
    seen = fake_editor(tmp_path, monkeypatch, "They said: start small.\n")
    result = run("session", "new", "-m", "ruth", "-k", "question", "--topic", "Pricing", "--edit")
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text(encoding="utf-8")
    assert shown.startswith(
        "# A question for Ruth Castellanos (ruth-castellanos) on 2026-11-23, a question: Pricing\n"
    )
    assert "## Money {not a variable}" in shown
    assert "## Agenda" not in shown  # the built-in template is not used
    body = saved_sessions(example_dir, "ruth")[-1].read_text(encoding="utf-8")
    assert "They said: start small." in body and "## What I asked" in body


def test_a_line_with_only_an_empty_variable_is_left_out(run, example_dir, tmp_path, monkeypatch):
    own_template("check-in", "Before\n{topic}\nAfter\n")
    seen = fake_editor(tmp_path, monkeypatch, "Went well.\n")
    assert run("session", "new", "-m", "helen", "--edit").exit_code == 0
    assert seen.read_text(encoding="utf-8") == "Before\nAfter\n"


def test_text_given_as_flags_is_never_dropped_by_a_template_without_its_place(
    run, example_dir, tmp_path, monkeypatch
):
    own_template("check-in", "## Just this\n")
    seen = fake_editor(tmp_path, monkeypatch, "")
    result = run(
        "session",
        "new",
        "-m",
        "tomas",
        "--edit",
        "-n",
        "Said hello.",
        "-a",
        "Send the deck",
        "-l",
        "Listen first",
    )
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text(encoding="utf-8")
    assert "## Notes\nSaid hello." in shown
    assert "## Actions\n- [ ] Send the deck" in shown
    assert "## Lessons\n- Listen first" in shown
    body = saved_sessions(example_dir, "2026-11-23-tomas")[-1].read_text(encoding="utf-8")
    assert "Send the deck" in body and "Said hello." in body


def test_the_journals_template_comes_before_the_config_folders(
    run, example_dir, tmp_path, monkeypatch
):
    own_template("check-in", "from the config folder\n")
    journal_one = own_template("check-in", "from the journal\n", example_dir / ".mentorlog")
    seen = fake_editor(tmp_path, monkeypatch, "Notes.\n")
    assert run("session", "new", "-m", "helen", "--edit").exit_code == 0
    assert seen.read_text(encoding="utf-8") == "from the journal\n"
    assert run("template", "path", "check-in").stdout.strip() == str(journal_one)
    listed = run("template", "list").stdout
    assert f"check-in    {journal_one}" in listed
    assert "question    built-in" in listed


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("Hello {mentor}\nNext {mentr}\n", 2, "unknown variable {mentr} in column 6"),
        ("ok\nok\nA stray { here\n", 3, "a stray '{' in column 9"),
        ("}\n", 1, "a stray '}' in column 1"),
        ("{mentor.__class__}\n", 1, "a stray '{' in column 1"),
        ("{mentor:>20}\n", 1, "a stray '{' in column 1"),
        ("{0}\n", 1, "a stray '{' in column 1"),
    ],
)
def test_a_broken_template_is_one_line_naming_file_and_line_and_nothing_is_written(
    run, example_dir, tmp_path, monkeypatch, text, line, says
):
    place = own_template("check-in", text)
    seen = fake_editor(tmp_path, monkeypatch, "Notes.\n")
    before = saved_sessions(example_dir, "")
    result = run("session", "new", "-m", "helen", "--edit")
    assert result.exit_code == 5
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{place}:{line}: {says}" in result.stderr
    assert not seen.exists()  # refused before the editor opened
    assert saved_sessions(example_dir, "") == before


def test_a_template_that_is_not_utf8_names_the_file_and_line(
    run, example_dir, tmp_path, monkeypatch
):
    fake_editor(tmp_path, monkeypatch, "Notes.\n")
    place = own_template("check-in", "")
    place.write_bytes(b"fine\n\xff\xfe\n")
    result = run("session", "new", "-m", "helen", "--edit")
    assert result.exit_code == 5
    assert f"{place}:2: is not UTF-8 text" in result.stderr


def test_an_own_reflection_template(run, example_dir, tmp_path, monkeypatch):
    own_template(
        "reflection",
        "# After {session} with {mentor} ({session_date}, {topic})\n{open_actions}\n## Heard\n",
    )
    seen = fake_editor(tmp_path, monkeypatch, "That patience pays.\n")
    session = run("session", "list", "-m", "tomas", "--json").json()[0]
    result = run("reflect", "--session", session["id"], "--edit")
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text(encoding="utf-8")
    assert shown.startswith(f"# After {session['id']} with Tomas Lindqvist ({session['date']}")
    assert "## Heard" in shown


@pytest.mark.parametrize("kind", KINDS)
def test_template_show_prints_a_template_that_fills_in_cleanly(
    run, example_dir, tmp_path, monkeypatch, kind
):
    shown = run("template", "show", kind)
    assert shown.exit_code == 0
    assert "{" in shown.stdout  # it shows its variables
    own_template(kind, shown.stdout)
    seen = fake_editor(tmp_path, monkeypatch, "Noted.\n")
    if kind == "reflection":
        session = run("session", "list", "-m", "ruth", "--json").json()[0]["id"]
        result = run("reflect", "--session", session, "--edit")
    else:
        result = run("session", "new", "-m", "ruth", "-k", kind, "--edit")
    assert result.exit_code == 0, result.stderr
    filled = seen.read_text(encoding="utf-8")
    assert "{" not in filled and "## " in filled


def test_the_built_in_template_is_used_without_an_own_one(run, example_dir, tmp_path, monkeypatch):
    seen = fake_editor(tmp_path, monkeypatch, "Notes.\n")
    assert run("session", "new", "-m", "helen", "--edit").exit_code == 0
    assert "## Agenda" in seen.read_text(encoding="utf-8")


def test_template_show_and_path_refuse_an_unknown_kind(run):
    for command in ("show", "path"):
        result = run("template", command, "chat")
        assert result.exit_code == 2
        assert "no template for 'chat'" in result.stderr and "reflection" in result.stderr


def test_template_path_says_where_a_new_template_goes(run):
    assert run("template", "path", "intro").stdout == f"{config_folder()}/templates/intro.md\n"


# --- the filling-in itself ------------------------------------------------------------------

NO_BRACES = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=200)


@given(NO_BRACES)
def test_text_without_braces_comes_out_unchanged(text):
    assert templating.render(text, {}, "t.md") == text


@given(st.text(max_size=200))
def test_escaped_text_comes_out_as_it_was(text):
    assert templating.render(templating.escape(text), {"mentor": ""}, "t.md") == text


@given(
    st.text(max_size=100), st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=50)
)
def test_a_value_is_put_in_as_it_is_and_never_read_as_a_template(before, value):
    text = templating.escape(before) + "[{mentor}]"
    assert templating.render(text, {"mentor": value}, "t.md") == before + f"[{value}]"


@given(st.text(max_size=200))
def test_any_text_either_fills_in_or_fails_with_a_line(text):
    try:
        templating.render(text, {"mentor": "Ruth"}, "t.md")
    except InvalidFile as exc:
        assert exc.line is not None and 1 <= exc.line <= text.count("\n") + 1


def test_a_folder_where_a_template_belongs_is_an_error_naming_it(
    run, example_dir, tmp_path, monkeypatch
):
    seen = fake_editor(tmp_path, monkeypatch, "Notes.\n")
    place = config_folder() / "templates" / "check-in.md"
    place.mkdir(parents=True)
    result = run("session", "new", "-m", "helen", "--edit")
    assert result.exit_code == 5
    assert f"{place}: is a folder, not a template" in result.stderr
    assert not seen.exists()


def test_a_template_with_windows_line_endings_and_a_bom_fills_in(
    run, example_dir, tmp_path, monkeypatch
):
    place = own_template("check-in", "")
    place.write_bytes("\ufeff## For {mentor}\r\n\r\n## Next\r\n".encode())
    seen = fake_editor(tmp_path, monkeypatch, "Notes.\n")
    assert run("session", "new", "-m", "helen", "--edit").exit_code == 0
    assert seen.read_text(encoding="utf-8") == "## For Helen Achterberg\n\n## Next\n"
