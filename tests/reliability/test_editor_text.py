"""Text typed in an editor is never lost and never silently changed.

Whatever stops it from being saved (bytes that are not UTF-8 text, an editor that fails, a
signal while the editor is open, a validation error), the bytes the person saved are kept,
exactly, in the journal's private recovery folder, the one-line error says where, and
`mentorlog recover` can finish the job."""

from __future__ import annotations

import os
import re
import shlex
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reliability_support import child_env, file_bytes

from mentorlog.journal.frontmatter import MAX_FILE_BYTES

SECRET = "Ruth told me about the layoffs in confidence"
TODAYS_TOMAS = Path("sessions/2026/2026-11-23-tomas-lindqvist.md")
HELEN = Path("mentors/helen-achterberg.toml")

PAYLOADS = {
    "nul": f"{SECRET}\x00 and after the NUL\n".encode(),
    "utf-16": f"## Notes\n{SECRET}, café\n".encode("utf-16"),
    "latin-1": f"## Notes\n{SECRET}, café crème\n".encode("latin-1"),
    "oversize": b"## Notes\n" + b"x" * MAX_FILE_BYTES,
}


def bytes_editor(tmp_path: Path, payload: bytes, code: int = 0) -> str:
    """An $EDITOR that saves exactly `payload` and exits with `code`."""
    source = tmp_path / "payload.bin"
    source.write_bytes(payload)
    script = tmp_path / "bytes_editor.py"
    script.write_text(
        f"import shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[1])\nsys.exit({code})\n"
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def kept_path(root: Path, stderr: str) -> Path:
    """The recovery file the one-line error names."""
    assert len(stderr.strip().splitlines()) == 1, stderr
    found = re.search(r"your text is kept in (\S+)", stderr)
    assert found, stderr
    return root / found[1]


def assert_private(kept: Path) -> None:
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def edit_copies(root: Path) -> list[Path]:
    return list(root.glob(".edit-*"))


# --- bytes that are not text -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAYLOADS))
@pytest.mark.parametrize(
    "command, record",
    [
        (("session", "new", "-m", "tomas", "--edit"), TODAYS_TOMAS),
        (("mentor", "edit", "helen"), HELEN),
    ],
)
def test_text_that_is_not_utf8_is_refused_and_kept_byte_for_byte(
    run: Any,
    example_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    command: tuple[str, ...],
    record: Path,
) -> None:
    before = (example_dir / record).read_bytes() if (example_dir / record).exists() else None
    monkeypatch.setenv("EDITOR", bytes_editor(tmp_path, PAYLOADS[name]))
    result = run(*command)
    assert result.exit_code == 5, result.stderr
    kept = kept_path(example_dir, result.stderr)
    assert kept.read_bytes() == PAYLOADS[name]
    assert_private(kept)
    after = (example_dir / record).read_bytes() if (example_dir / record).exists() else None
    assert after == before
    assert edit_copies(example_dir) == []
    assert SECRET not in result.stderr


def test_a_utf8_byte_order_mark_is_accepted(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "## Notes\nWe talked about the café.\n"
    monkeypatch.setenv("EDITOR", bytes_editor(tmp_path, b"\xef\xbb\xbf" + text.encode()))
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 0, result.stderr
    assert "We talked about the café." in (example_dir / TODAYS_TOMAS).read_text("utf-8")
    assert not (example_dir / ".recovery").exists()


def test_an_editor_that_fails_keeps_exactly_what_it_saved(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = f"## Notes\n{SECRET}\r\n".encode()
    monkeypatch.setenv("EDITOR", bytes_editor(tmp_path, payload, code=3))
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 9
    assert "status 3" in result.stderr
    assert kept_path(example_dir, result.stderr).read_bytes() == payload
    assert not (example_dir / TODAYS_TOMAS).exists()


def test_a_record_that_fails_validation_is_kept_byte_for_byte(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = (example_dir / HELEN).read_bytes() + b"my notes = = on her\n"
    monkeypatch.setenv("EDITOR", bytes_editor(tmp_path, payload))
    before = (example_dir / HELEN).read_bytes()
    result = run("mentor", "edit", "helen")
    assert result.exit_code == 5
    assert kept_path(example_dir, result.stderr).read_bytes() == payload
    assert (example_dir / HELEN).read_bytes() == before


def test_an_untouched_template_leaves_nothing_behind(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    before = file_bytes(example_dir)
    result = run("session", "new", "-m", "tomas", "--edit")
    assert result.exit_code == 2
    assert "nothing was written" in result.stderr
    assert file_bytes(example_dir) == before


# --- signals while the editor is open -----------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize(
    "command, record",
    [
        (["session", "new", "-m", "tomas", "--edit"], TODAYS_TOMAS),
        (["mentor", "edit", "helen"], HELEN),
    ],
)
def test_a_signal_while_the_editor_is_open_keeps_the_text_and_exits_128_plus_it(
    example_dir: Path, tmp_path: Path, signum: int, command: list[str], record: Path
) -> None:
    # The editor is run directly, so its parent process is mentorlog itself.
    editor = tmp_path / "signalling_editor"
    editor.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "{SECRET}" >> "$1"\nkill -{signum} $PPID\nsleep 2\n'
    )
    editor.chmod(0o700)
    before = (example_dir / record).read_bytes() if (example_dir / record).exists() else b""
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", *command],
        env=child_env(example_dir, tmp_path / "cache", EDITOR=str(editor)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 128 + signum, result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    kept = kept_path(example_dir, result.stderr)
    assert kept.read_bytes() == before + f"{SECRET}\n".encode() or (
        record == TODAYS_TOMAS and kept.read_bytes().endswith(f"{SECRET}\n".encode())
    )
    assert_private(kept)
    assert edit_copies(example_dir) == []
    if record == HELEN:
        assert (example_dir / record).read_bytes() == before
    else:
        assert not (example_dir / record).exists()


def test_the_signal_handlers_are_put_back_after_the_editor(
    run: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    monkeypatch.setenv("EDITOR", "true")
    run("mentor", "edit", "helen")
    assert {s: signal.getsignal(s) for s in before} == before


# --- reopening ------------------------------------------------------------------------------------


def text_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    script = tmp_path / "text_editor.py"
    script.write_text(
        "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\nraw = path.read_bytes()\n" + code
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")


def test_a_kept_new_session_is_recorded_by_recover_and_the_copy_removed(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", bytes_editor(tmp_path, PAYLOADS["latin-1"]))
    result = run("session", "new", "-m", "tomas", "-k", "question", "--edit")
    kept = kept_path(example_dir, result.stderr)

    listed = run("recover", "--json").json()
    assert [item["path"] for item in listed] == [kept.relative_to(example_dir).as_posix()]
    assert listed[0]["for"] == "session new"

    # The person fixes the encoding in the editor.
    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw.decode('latin-1').encode())\n")
    result = run("recover", str(kept))
    assert result.exit_code == 0, result.stderr
    saved = (example_dir / TODAYS_TOMAS).read_text("utf-8")
    assert f"{SECRET}, café crème" in saved and 'kind = "question"' in saved
    assert list((example_dir / ".recovery").iterdir()) == []
    assert run("recover", "--json").json() == []


def test_a_kept_edit_is_saved_over_the_record_by_recover(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw + b'role = = 3\\n')\n")
    kept = kept_path(example_dir, run("mentor", "edit", "helen").stderr)
    assert "an edit of mentor helen-achterberg" in run("recover").stdout

    text_editor(
        tmp_path, monkeypatch, "path.write_bytes(raw.replace(b'role = = 3\\n', b'# fixed\\n'))\n"
    )
    result = run("recover", kept.name)
    assert result.exit_code == 0, result.stderr
    assert (example_dir / HELEN).read_bytes().endswith(b"# fixed\n")
    assert not kept.exists()


def test_a_recovery_that_fails_again_keeps_the_newer_text_in_the_same_file(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw + b'role = = 3\\n')\n")
    kept = kept_path(example_dir, run("mentor", "edit", "helen").stderr)
    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw + b'still = = bad\\n')\n")
    result = run("recover", str(kept))
    assert result.exit_code == 5
    assert kept.read_bytes().endswith(b"role = = 3\nstill = = bad\n")
    assert len(list((example_dir / ".recovery").iterdir())) == 1


def test_doctor_names_leftover_editor_copies_and_how_to_reopen_kept_text(
    run: Any, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example_dir / ".edit-4242-abcd.md").write_text(SECRET)
    text_editor(tmp_path, monkeypatch, "path.write_bytes(raw + b'role = = 3\\n')\n")
    kept = kept_path(example_dir, run("mentor", "edit", "helen").stderr)
    found = {p["path"]: p for p in run("doctor", "--json").json()}
    rel = kept.relative_to(example_dir).as_posix()
    assert f"mentorlog recover {rel}" in found[rel]["fix"]
    assert "editor" in found[".edit-4242-abcd.md"]["problem"]
    assert not any(name.endswith(".origin.json") for name in found)


# --- editing again on a terminal ------------------------------------------------------------------


def run_on_a_terminal(args: list[str], env: dict[str, str], answers: bytes) -> tuple[int, str]:
    """Run mentorlog with a pseudo-terminal as stdin and stdout, typing `answers` once it
    asks. Returns the exit code and everything it printed."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execve(sys.executable, [sys.executable, "-m", "mentorlog", *args], env)
    output = b""
    typed = False
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not typed and b"[e]dit again" in output:
            os.write(fd, answers)
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


@pytest.mark.slow
def test_on_a_terminal_a_refused_text_goes_back_to_the_editor_with_the_error_on_top(
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
        "    path.write_text(text + 'role = = 3\\n')\n"
        "else:\n"
        "    seen.write_text(text)\n"
        "    path.write_text(text.replace('role = = 3\\n', '# fixed\\n'))\n"
    )
    env = child_env(
        example_dir,
        tmp_path / "cache",
        EDITOR=f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}",
        TERM="dumb",
    )
    code, output = run_on_a_terminal(["mentor", "edit", "helen"], env, b"e\n")
    assert code == 0, output
    assert seen.read_text().startswith("# mentorlog: could not save this:")
    assert (example_dir / HELEN).read_bytes().endswith(b"# fixed\n")
    assert not (example_dir / HELEN).read_text().startswith("# mentorlog")
    assert not (example_dir / ".recovery").exists()


@pytest.mark.slow
def test_on_a_terminal_keep_and_quit_keeps_the_text(example_dir: Path, tmp_path: Path) -> None:
    payload = (example_dir / HELEN).read_bytes() + b"role = = 3\n"
    env = child_env(example_dir, tmp_path / "cache", EDITOR=bytes_editor(tmp_path, payload))
    code, output = run_on_a_terminal(["mentor", "edit", "helen"], env, b"k\n")
    assert code == 5, output
    (kept,) = (example_dir / ".recovery").iterdir()
    assert kept.read_bytes() == payload
