"""Privacy. Notes are confidential: whatever the umask, every file and folder mentorlog creates
is readable by its owner only; the text of a note never shows up in an error message, a
traceback or a commit message; and the editor's temporary copy never outlives the command,
whether it ended well, badly, or with Ctrl-C.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_support import child_env

import mentorlog.cli.editor

SECRET = "SENTINEL-7f3a-confidential"


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            found[path.relative_to(root.parent).as_posix()] = stat.S_IMODE(path.lstat().st_mode)
    found[root.name] = stat.S_IMODE(root.stat().st_mode)
    return found


def _fake_editor(tmp_path: Path, script: str) -> str:
    editor = tmp_path / f"editor-{abs(hash(script))}"
    editor.write_text("#!/bin/sh\n" + script)
    editor.chmod(0o700)
    return str(editor)


def test_everything_mentorlog_creates_is_private_even_with_an_open_umask(
    run: Any,
    journal_dir: Path,
    tmp_path: Path,
    open_umask: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen_temp_modes: list[int] = []
    real_replace, real_link = os.replace, os.link

    def spy_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        seen_temp_modes.append(stat.S_IMODE(os.stat(src).st_mode))
        real_replace(src, dst, *args, **kwargs)

    def spy_link(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        seen_temp_modes.append(stat.S_IMODE(os.stat(src).st_mode))
        real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "link", spy_link)
    for command in (
        ("mentor", "add", "Ada Quist", "--background", SECRET),
        ("goal", "add", "Learn to say no", "--mentor", "ada"),
        ("goal", "progress", "learn-to-say-no", SECRET),
        ("session", "new", "-m", "ada", "--notes", SECRET, "--action", "Call", "--no-edit"),
        ("action", "done", "2026-11-23-ada-quist#1"),
        ("thank", "ada", "--note", SECRET),
        ("reflection", "new", "-m", "ada", "--text", SECRET, "--no-edit"),
    ):
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
    # A failed edit leaves a recovery file; an export is written with -o.
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, f'echo "{SECRET}" >> "$1"\nexit 1\n'))
    assert run("mentor", "edit", "ada").exit_code != 0
    export = journal_dir / "export.md"
    run("export", "-o", str(export), "--include-confidential")

    assert seen_temp_modes and set(seen_temp_modes) == {0o600}
    modes = {**_modes(journal_dir), **_modes(tmp_path / "cache")}
    assert any(".recovery/" in rel for rel in modes), sorted(modes)
    assert any(rel.endswith(".mentorlog.lock") for rel in modes)
    assert any("index-" in rel for rel in modes), sorted(modes)
    loose = {
        rel: oct(mode) for rel, mode in modes.items() if mode not in (0o600, 0o700) or mode & 0o077
    }
    assert loose == {}


def test_a_secret_in_a_note_never_appears_in_an_error_message(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MENTORLOG_DEBUG", raising=False)
    sessions = example_dir / "sessions" / "2026"
    broken = {
        "2026-11-01-helen-achterberg.md": f'+++\nmentor = "helen-achterberg"\ntopic = "{SECRET}\n+++\n{SECRET}\n',
        "2026-11-02-helen-achterberg.md": f'+++\nmentor = "helen-achterberg"\ndate = 2026-11-02\ntopic = ["{SECRET}"]\n+++\n',
        "2026-11-03-helen-achterberg.md": f'+++\nmentor = "helen-achterberg"\ndate = 2026-11-03\n+++\n<<<<<<< a\n{SECRET}\n=======\nx\n>>>>>>> b\n',
        "2026-11-04-helen-achterberg.md": f'+++\nmentor = "helen-achterberg"\ndate = 2026-11-04\nconfidential = "{SECRET}"\n+++\n',
    }
    for name, text in broken.items():
        (sessions / name).write_text(text)
    (example_dir / "goals" / "bad-note.toml").write_text(
        f'title = "T"\n[[progress]]\ndate = 2026-11-01\nnote = 5\nwhy = "{SECRET}"\n'
    )
    outputs = []
    for command in (
        ("session", "list"),
        ("doctor",),
        ("doctor", "--json"),
        ("goal", "list", "--all"),
        ("due",),
        ("action", "done", "2026-11-03-helen-achterberg#1", "--note", SECRET),
        ("session", "new", "-m", "nobody", "--notes", SECRET, "--no-edit"),
        ("session", "new", "-m", "helen", "--notes", SECRET, "--kind", "bogus", "--no-edit"),
        ("session", "new", "-m", "helen", "--notes", SECRET, "--date", "2030-01-01", "--no-edit"),
        ("goal", "progress", "nothing-here", SECRET),
        ("mentor", "add", "Helen Achterberg", "--background", SECRET),
    ):
        result = run(*command)
        outputs.append(result.stderr)
    everything = "\n".join(outputs)
    assert SECRET not in everything
    assert "Traceback" not in everything


def test_an_unexpected_error_carrying_note_text_prints_neither_text_nor_traceback(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError(f"boom while writing {SECRET}")

    monkeypatch.setattr("mentorlog.journal.files.write_atomic", explode)
    result = run("goal", "progress", "learn-to-delegate", SECRET)
    assert result.exit_code == 70
    assert SECRET not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_commit_messages_name_records_never_their_text(
    run: Any, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "T")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "t@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "T")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "t@example.org")
    assert run("init", "--git").exit_code == 0
    assert run("mentor", "add", "Ada Quist", "--role", SECRET).exit_code == 0
    assert run("goal", "add", "Learn", "--why", SECRET).exit_code == 0
    assert run("goal", "progress", "learn", SECRET).exit_code == 0
    session = run("session", "new", "-m", "ada", "--topic", SECRET, "--notes", SECRET, "--no-edit")
    assert session.exit_code == 0, session.stderr
    log = subprocess.run(
        ["git", "-C", str(journal_dir), "log", "--format=%B"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert log.count("Mentorlog-Command:") == 5, log
    assert SECRET not in log


# --- the editor's temporary file ----------------------------------------------------------------


def _edit_files(root: Path) -> list[Path]:
    return list(root.glob(".edit-*"))


@pytest.mark.parametrize(
    "script, code",
    [
        ('echo "# a note" >> "$1"\n', 0),  # saved
        ('echo "# a note" >> "$1"\nexit 3\n', 9),  # the editor failed
        ('printf "name = [\\n" > "$1"\n', 5),  # saved text that does not parse
        ("exit 0\n", 0),  # nothing changed
    ],
)
def test_the_editor_copy_is_removed_whatever_the_editor_does(
    run: Any,
    example_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    code: int,
) -> None:
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, script))
    result = run("mentor", "edit", "helen")
    assert result.exit_code == code, result.stderr
    assert _edit_files(example_dir) == []


def test_ctrl_c_keeps_what_the_editor_saved_and_removes_its_copy(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    typed = f"{SECRET}, typed before Ctrl-C\n".encode()

    def interrupted(process: Any) -> int:
        process.wait()
        (copy,) = _edit_files(example_dir)  # it exists while the editor runs
        copy.write_bytes(typed)
        raise KeyboardInterrupt

    monkeypatch.setattr(mentorlog.cli.editor, "wait_for_editor", interrupted)
    for command in (
        ("mentor", "edit", "helen"),
        ("session", "new", "-m", "helen", "--edit"),
    ):
        result = run(*command)
        assert result.exit_code == 130, result.stderr
        assert _edit_files(example_dir) == []
        kept = re.search(r"kept in (\S+)", result.stderr)
        assert kept, result.stderr
        assert (example_dir / kept[1]).read_bytes() == typed
        assert SECRET not in result.stderr


def test_sigint_to_mentorlog_keeps_the_text_and_removes_the_editor_copy(
    example_dir: Path, tmp_path: Path
) -> None:
    editor = _fake_editor(tmp_path, f'echo "{SECRET}" >> "$1"\nkill -INT $PPID\nsleep 1\n')
    env = child_env(example_dir, tmp_path / "cache", EDITOR=editor)
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "mentor", "edit", "helen"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 130, result.stderr
    assert _edit_files(example_dir) == []
    assert SECRET not in result.stderr
    kept = re.search(r"kept in (\S+)", result.stderr)
    assert kept, result.stderr
    assert SECRET.encode() in (example_dir / kept[1]).read_bytes()
    assert "Traceback" not in result.stderr
