"""Hooks: the person's own programs in hooks/ beside the config file, run after a session, a
reflection or a finished action is recorded and when `due` finds something. Never fatal, never
run from the journal."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from mentorlog.user import hooks


def hooks_folder() -> Path:
    return Path(os.environ["MENTORLOG_CONFIG"]).parent / "hooks"


def write_hook(where: Path, body: str, executable: bool = True) -> Path:
    """A Python hook at `where` running `body` with `data` (stdin) and `out` (a file beside
    the hooks folder that records each run)."""
    where.parent.mkdir(parents=True, exist_ok=True)
    record = where.parent.parent / f"ran-{where.name}.json"
    where.write_text(
        f"#!{sys.executable}\n"
        "import os, pathlib, sys, time\n"
        "data = sys.stdin.read()\n"
        f"out = pathlib.Path({str(record)!r})\n"
        "out.write_text(data, encoding='utf-8')\n" + body + "\n",
        encoding="utf-8",
    )
    where.chmod(0o755 if executable else 0o644)
    return record


def hook(event: str, body: str = "", executable: bool = True) -> Path:
    return write_hook(hooks_folder() / event, body, executable)


def test_session_new_gets_the_sessions_json_on_stdin(run, example_dir):
    ran = hook("session-new", "print('hook says hi')")
    result = run("session", "new", "-m", "helen", "-n", "Talked pricing.", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(ran.read_text(encoding="utf-8")) == result.json()
    assert "hook: hook says hi" in result.stderr  # never mixed into the JSON on stdout


def test_a_session_from_the_editor_runs_the_hook(run, example_dir, tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text() + 'From the editor.\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    ran = hook("session-new")
    result = run("session", "new", "-m", "helen", "--edit", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(ran.read_text(encoding="utf-8")) == result.json()


def test_a_hook_that_records_a_session_does_not_run_itself_again(run, example_dir):
    count = hooks_folder().parent / "count"
    hook(
        "session-new",
        f"c = pathlib.Path({str(count)!r})\n"
        "c.write_text(str(int(c.read_text() or 0) + 1) if c.exists() else '1')\n"
        "import subprocess\n"
        "subprocess.run([sys.executable, '-m', 'mentorlog', 'session', 'new', '-m', 'helen',"
        " '-n', 'From the hook.'], check=True, timeout=60)\n"
        "print(os.environ['MENTORLOG_EVENT'], os.environ['MENTORLOG_DIR'])",
    )
    result = run("session", "new", "-m", "helen", "-n", "By hand.")
    assert result.exit_code == 0, result.stderr
    assert count.read_text() == "1"
    assert f"hook: session-new {example_dir}" in result.stderr
    texts = [p.read_text() for p in example_dir.glob("sessions/*/*helen*.md")]
    assert any("From the hook." in t for t in texts) and any("By hand." in t for t in texts)


def test_thank_is_a_new_session_too(run, example_dir):
    ran = hook("session-new")
    result = run("thank", "ruth", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(ran.read_text(encoding="utf-8"))["kind"] == "thanks"


def test_reflection_new_and_action_done_get_their_json(run, example_dir):
    reflected = hook("reflection-new")
    done = hook("action-done")
    reflection = run("reflect", "-m", "ruth", "--text", "Patience.", "--json")
    assert json.loads(reflected.read_text(encoding="utf-8")) == reflection.json()
    action = run("action", "list", "--json").json()[0]["id"]
    finished = run("action", "done", action, "--note", "Worked.", "--json")
    assert finished.exit_code == 0, finished.stderr
    assert json.loads(done.read_text(encoding="utf-8")) == finished.json()


def test_a_failing_hook_is_a_one_line_warning_and_the_command_still_succeeds(run, example_dir):
    hook("session-new", "sys.exit(3)")
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert "mentorlog: warning: hook session-new failed (exit status 3)" in result.stderr
    assert "Traceback" not in result.stderr
    assert any("Kept." in p.read_text() for p in example_dir.glob("sessions/*/*helen*.md"))


def test_a_hook_that_runs_too_long_is_stopped(run, example_dir, monkeypatch):
    monkeypatch.setenv("MENTORLOG_HOOK_TIMEOUT", "0.5")
    hook("session-new", "time.sleep(60)")
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert "hook session-new stopped after 0.5 s" in result.stderr


def test_a_bad_timeout_setting_is_a_warning_not_a_failure(run, example_dir, monkeypatch):
    monkeypatch.setenv("MENTORLOG_HOOK_TIMEOUT", "soon")
    ran = hook("session-new")
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert "hook session-new not run: MENTORLOG_HOOK_TIMEOUT" in result.stderr
    assert not ran.exists()


def test_a_hook_that_cannot_start_is_a_warning(run, example_dir):
    where = hooks_folder() / "session-new"
    where.parent.mkdir(parents=True)
    where.write_text("#!/no/such/interpreter\n", encoding="utf-8")
    where.chmod(0o755)
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert "hook session-new could not start" in result.stderr


def test_a_hook_that_is_not_executable_is_not_run(run, example_dir):
    ran = hook("session-new", executable=False)
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert not ran.exists()
    assert "is not executable (chmod +x it to run it)" in result.stderr


def test_a_hooks_folder_in_the_journal_is_never_run(run, example_dir):
    ran = write_hook(example_dir / "hooks" / "session-new", "")
    also = write_hook(example_dir / ".mentorlog" / "hooks" / "session-new", "")
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert not ran.exists() and not also.exists()


def test_a_hook_that_links_into_the_journal_is_not_run(run, example_dir):
    planted = example_dir / "notes" / "planted"
    ran = write_hook(planted, "")
    hooks_folder().mkdir(parents=True)
    (hooks_folder() / "session-new").symlink_to(planted)
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert not ran.exists()
    assert "hook session-new not run: it links into the journal" in result.stderr


def test_a_config_folder_inside_the_journal_runs_no_hooks(run, example_dir, monkeypatch):
    monkeypatch.setenv("MENTORLOG_CONFIG", str(example_dir / "settings" / "config.toml"))
    ran = hook("session-new")
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert not ran.exists()
    assert "is inside the journal" in result.stderr


def test_a_hooks_folder_linked_into_the_journal_runs_nothing(run, example_dir):
    inside = example_dir / "synced-hooks"
    ran = write_hook(inside / "session-new", "")
    hooks_folder().parent.mkdir(parents=True)
    hooks_folder().symlink_to(inside)
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert not ran.exists()


def test_due_runs_its_hook_with_the_due_json(run, example_dir):
    ran = hook("due")
    result = run("due", "--json")
    assert json.loads(ran.read_text(encoding="utf-8")) == result.json()
    ran.unlink()
    assert run("due").exit_code == 0
    assert ran.exists()


@pytest.mark.parametrize("args", [("--quiet",), ("--as-of", "2026-01-05")])
def test_due_runs_no_hook_for_a_quiet_check_or_another_day(run, example_dir, args):
    ran = hook("due")
    run("due", *args)
    assert not ran.exists()


def test_due_without_hooks_looks_for_one_once(run, example_dir, monkeypatch):
    looked: list[str] = []
    folder = str(hooks_folder())
    real_lstat, real_stat = os.lstat, os.stat

    def counting_lstat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(folder):
            looked.append(str(path))
        return real_lstat(path, *args, **kwargs)

    def counting_stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(folder):
            looked.append(str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counting_lstat)
    monkeypatch.setattr(os, "stat", counting_stat)
    assert run("due").exit_code == 0
    assert looked == [str(hooks.place("due"))]


def test_every_event_has_its_place_in_the_hooks_folder():
    assert [hooks.place(e).name for e in hooks.EVENTS] == list(hooks.EVENTS)
    assert {hooks.place(e).parent for e in hooks.EVENTS} == {hooks_folder()}


def test_a_folder_named_after_an_event_is_not_run(run, example_dir):
    (hooks_folder() / "session-new").mkdir(parents=True)
    result = run("session", "new", "-m", "helen", "-n", "Kept.")
    assert result.exit_code == 0
    assert "hook session-new not run:" in result.stderr and "is not a file" in result.stderr
