"""`mentorlog notify --install` shows what it will write and asks first (--yes without a
terminal), and a failed install leaves nothing behind: a missing or failing systemctl,
launchctl or crontab is exit 9 and no file stays that was not there before."""

# ruff: noqa: F811  (the fixtures of test_notify, imported, are parameters here)
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from mentorlog.services import notify
from test_notify import busy, calls, fake_bin  # noqa: F401  (fixtures)

UNITS = Path("systemd") / "user"
FAILING = "#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n"


def tree(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): b"" if path.is_dir() else path.read_bytes()
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    return tmp_path / "config-home"  # XDG_CONFIG_HOME, as fake_bin sets it


class Keyboard(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_terminal(monkeypatch: pytest.MonkeyPatch, typed: str) -> None:
    monkeypatch.setattr(sys, "stdin", Keyboard(typed))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)


def test_without_a_terminal_install_needs_yes_and_writes_nothing(
    run, busy, fake_bin: Path, config_home: Path
) -> None:
    result = run("notify", "--install")
    assert result.exit_code == 2
    assert "--yes" in result.stderr and "Traceback" not in result.stderr
    assert "[Timer]" in result.stdout  # shown, then refused
    assert tree(config_home) == {}
    assert calls(fake_bin, "systemctl") == []


def test_on_a_terminal_it_asks_and_a_no_writes_nothing(
    run, busy, fake_bin: Path, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_terminal(monkeypatch, "n\n")
    result = run("notify", "--install")
    assert result.exit_code == 1
    assert "Install this systemd timer?" in result.stderr
    assert tree(config_home) == {}
    on_terminal(monkeypatch, "y\n")
    assert run("notify", "--install").exit_code == 0
    assert (config_home / UNITS / "mentorlog-notify.timer").exists()


def test_a_failing_systemctl_removes_the_files_it_wrote_and_is_exit_9(
    run, busy, fake_bin: Path, config_home: Path
) -> None:
    (fake_bin / "systemctl").write_text(FAILING)
    result = run("notify", "--install", "--yes")
    assert result.exit_code == 9, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "systemctl failed" in line and "No medium found" in line
    assert "the files were removed" in line
    assert tree(config_home) == {}  # not even the folders made for them


def test_a_failing_reinstall_puts_the_old_files_back(
    run, busy, fake_bin: Path, config_home: Path
) -> None:
    assert run("notify", "--install", "--yes", "--at", "07:00").exit_code == 0
    before = tree(config_home)
    (fake_bin / "systemctl").write_text(FAILING)
    result = run("notify", "--install", "--yes", "--at", "08:00")
    assert result.exit_code == 9
    assert "kept as it was" in result.stderr
    assert tree(config_home) == before


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("systemctl", ()),
        ("crontab", ("--cron",)),
    ],
)
def test_a_missing_program_is_exit_9_before_anything_is_written(
    run, busy, fake_bin: Path, config_home: Path, tool: str, args: tuple[str, ...]
) -> None:
    (fake_bin / tool).unlink()
    result = run("notify", "--install", "--yes", *args)
    assert result.exit_code == 9, result.stderr
    assert f"{tool} was not found" in result.stderr and "nothing was installed" in result.stderr
    assert tree(config_home) == {}
    assert not (fake_bin / "table").exists()


def test_a_failing_launchctl_removes_the_agent(
    run, busy, fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notify, "current_platform", lambda: "darwin")
    (fake_bin / "launchctl").write_text(FAILING)
    (fake_bin / "launchctl").chmod(0o755)
    home = tmp_path / "home"
    (home / "Library").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    result = run("notify", "--install", "--yes")
    assert result.exit_code == 9, result.stderr
    assert os.listdir(home / "Library") == []


def test_a_refusing_crontab_is_exit_9(run, busy, fake_bin: Path) -> None:
    (fake_bin / "crontab").write_text("#!/bin/sh\necho 'no crontab for you' >&2\nexit 1\n")
    result = run("notify", "--install", "--cron", "--yes")
    assert result.exit_code == 9 and "no crontab for you" in result.stderr


def test_a_missing_or_failing_notifier_is_exit_9(run, busy, fake_bin: Path) -> None:
    (fake_bin / "notify-send").write_text(FAILING)
    assert run("notify").exit_code == 9
    (fake_bin / "notify-send").unlink()
    assert run("notify").exit_code == 9


def test_yes_without_install_is_refused(run, busy, fake_bin: Path) -> None:
    result = run("notify", "--yes")
    assert result.exit_code == 2 and "--install" in result.stderr
    assert calls(fake_bin) == []
