"""Every text an editor flow keeps in the recovery folder can be reopened with `mentorlog
recover` and saved as what it was meant to be, whatever the flow: a new session or
reflection, an edit of any record, an agreement. The editor loop says what is wrong before it
asks to edit again."""

from __future__ import annotations

import shlex
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from reliability_support import child_env
from test_editor_text import kept_path, run_on_a_terminal, text_editor

from mentorlog.services.editing import Purpose

BROKEN = b"Kept \x00 here\n"  # a NUL is never saved, so the text is kept
FIXED = b"Kept here\n"
COMMENT_BROKEN = b"# kept \x00 here\n"
COMMENT_FIXED = b"# kept here\n"

FLOWS = {
    "session new": (("session", "new", "-m", "tomas", "--edit"), BROKEN, FIXED),
    "reflection new": (("reflect", "-m", "tomas", "--edit"), BROKEN, FIXED),
    "mentor edit": (("mentor", "edit", "helen"), COMMENT_BROKEN, COMMENT_FIXED),
    "goal edit": (("goal", "edit", "learn-to-delegate"), COMMENT_BROKEN, COMMENT_FIXED),
    "session edit": (
        ("session", "edit", "2026-11-12-tomas-lindqvist"),
        BROKEN,
        FIXED,
    ),
    "agree": (("agree", "tomas", "--edit", "--bring", "notes"), COMMENT_BROKEN, COMMENT_FIXED),
}


@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_a_kept_text_of_every_editor_flow_is_reopened_and_saved_by_recover(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flow: str
) -> None:
    args, broken, fixed = FLOWS[flow]
    if flow == "session edit":
        sessions = sorted((example_dir / "sessions").rglob("*tomas*.md"))
        args = ("session", "edit", sessions[-1].stem)
    text_editor(tmp_path, monkeypatch, f"path.write_bytes(raw + {broken!r})\n")
    result = run(*args)
    assert result.exit_code != 0
    kept = kept_path(example_dir, result.stderr)
    assert f"mentorlog recover {kept.relative_to(example_dir).as_posix()}" in result.stderr

    listed = run("recover", "--json").json()
    assert [item["for"] for item in listed] != [None], listed
    doctor = {p["path"]: p["fix"] for p in run("doctor", "--json").json()}
    assert "mentorlog recover" in doctor[kept.relative_to(example_dir).as_posix()]

    text_editor(tmp_path, monkeypatch, f"path.write_bytes(raw.replace({broken!r}, {fixed!r}))\n")
    result = run("recover", str(kept))
    assert result.exit_code == 0, result.stderr
    assert not kept.exists()
    assert list((example_dir / ".recovery").iterdir()) == []
    assert run("recover", "--json").json() == []


def test_a_kept_agreement_is_recorded_by_recover_as_it_was_written(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw + b'term = = 6m\\n')\n")
    result = run("agree", "tomas", "--edit", "--term", "9m", "--confidentiality", "both ways")
    assert result.exit_code == 5, result.stderr
    kept = kept_path(example_dir, result.stderr)
    assert "the agreement with tomas-lindqvist" in run("recover").stdout

    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw.replace(b'term = = 6m\\n', b''))\n")
    result = run("recover", kept.name)
    assert result.exit_code == 0, result.stderr
    assert "Recorded the agreement with" in result.stderr
    data = tomllib.loads((example_dir / "mentors" / "tomas-lindqvist.toml").read_text())
    assert data["agreement"]["term"] == "9m"
    assert data["agreement"]["confidentiality"] == "both ways"


def test_an_editor_flow_without_a_purpose_recover_knows_is_refused_before_the_editor() -> None:
    with pytest.raises(ValueError, match="recover"):
        Purpose("agreement-ruth", None, ".toml")
    with pytest.raises(ValueError, match="recover"):
        Purpose("something-new", {"for": "something new"})
    Purpose("edit-mentor-ruth", None, ".toml")  # an edit is named by its label


def test_doctor_does_not_offer_recover_for_a_file_that_does_not_say_what_it_was_for(
    run: Any, example_dir: Path
) -> None:
    folder = example_dir / ".recovery"
    folder.mkdir(mode=0o700)
    (folder / "20261123-101010-mystery.md").write_text("text\n")
    found = {p["path"]: p["fix"] for p in run("doctor", "--json").json()}
    fix = found[".recovery/20261123-101010-mystery.md"]
    assert "mentorlog recover" not in fix
    assert "copy what you need" in fix


@pytest.mark.slow
def test_on_a_terminal_the_agreement_loop_says_what_is_wrong_before_asking(
    example_dir: Path, tmp_path: Path
) -> None:
    seen = tmp_path / "seen"
    script = tmp_path / "twice.py"
    script.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"seen = pathlib.Path({str(seen)!r})\n"
        "text = path.read_text()\n"
        "if not seen.exists():\n"
        "    seen.write_text('')\n"
        "    path.write_text(text + 'term = = 6m\\n')\n"
        "else:\n"
        "    path.write_text(text.replace('term = = 6m\\n', 'term = \"6m\"\\n'))\n"
    )
    env = child_env(
        example_dir,
        tmp_path / "cache",
        EDITOR=f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}",
        TERM="dumb",
    )
    code, output = run_on_a_terminal(["agree", "tomas"], env, b"e\n")
    assert code == 0, output
    before_question = output.split("[e]dit again")[0]
    assert "mentorlog: the agreement" in before_question, output
    assert ":9" in before_question or "line" in before_question, output
    data = tomllib.loads((example_dir / "mentors" / "tomas-lindqvist.toml").read_text())
    assert data["agreement"]["term"] == "6m"
    assert not (example_dir / ".recovery").exists()
