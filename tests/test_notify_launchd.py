"""`mentorlog notify --install` on macOS: a launchd user agent, built with plistlib, that runs
`notify` every day at `--at`; shown first, and only shown with --dry-run."""

# ruff: noqa: F811  (the fixtures of test_notify, imported, are parameters here)
from __future__ import annotations

import plistlib
import shutil
from pathlib import Path

import pytest

from mentorlog.services import notify
from test_notify import busy, calls, fake_bin  # noqa: F401  (fixtures)

AGENT = Path("Library") / "LaunchAgents" / "org.mentorlog.notify.plist"


@pytest.fixture
def mac(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_bin: Path) -> Path:
    """The timer is planned for macOS, with a fake launchctl and a home of its own."""
    monkeypatch.setattr(notify, "current_platform", lambda: "darwin")
    shutil.copy(fake_bin / "systemctl", fake_bin / "launchctl")
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    return home


def test_install_writes_a_launch_agent_that_runs_notify_daily(
    run,
    busy,
    mac: Path,
    fake_bin: Path,
) -> None:  # type: ignore[no-untyped-def]
    result = run("notify", "--install", "--at", "8:30", "--yes")
    assert result.exit_code == 0, result.stderr
    agent = plistlib.loads((mac / AGENT).read_bytes())
    assert agent["Label"] == "org.mentorlog.notify"
    arguments = agent["ProgramArguments"]
    assert arguments[1:3] == ["-m", "mentorlog"] and arguments[-1] == "notify"
    assert arguments[arguments.index("--dir") + 1] == str(busy.root.resolve())
    assert agent["StartCalendarInterval"] == {"Hour": 8, "Minute": 30}
    assert "<key>ProgramArguments</key>" in result.stdout  # shown before it is written
    launchctl = calls(fake_bin, "launchctl")
    assert launchctl[-1][0] == "bootstrap" and launchctl[-1][-1] == str(mac / AGENT)
    assert calls(fake_bin, "systemctl") == []


def test_the_default_time_is_the_systemd_timers(run, busy, mac: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("notify", "--install", "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["kind"] == "launchd" and data["at"] == notify.DAILY_AT
    [planned] = data["files"]
    agent = plistlib.loads(planned["text"].encode())
    hour, minute = (int(part) for part in notify.DAILY_AT.split(":"))
    assert agent["StartCalendarInterval"] == {"Hour": hour, "Minute": minute}


def test_dry_run_only_shows_the_agent(run, busy, mac: Path, fake_bin: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("notify", "--install", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert plistlib.loads(result.stdout.split("\n", 1)[1].encode())["Label"]
    assert not (mac / "Library").exists()
    assert calls(fake_bin, "launchctl") == []


def test_cron_stays_available_on_macos(run, busy, mac: Path, fake_bin: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("notify", "--install", "--cron", "--at", "07:05", "--yes").exit_code == 0
    [line] = (fake_bin / "table").read_text().splitlines()
    assert line.startswith("5 7 * * * ") and line.endswith(" notify")
    assert not (mac / "Library").exists()


def test_at_moves_the_systemd_timer_too(run, busy, fake_bin: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("notify", "--install", "--at", "18:45", "--yes").exit_code == 0
    timer = tmp_path / "config-home" / "systemd" / "user" / "mentorlog-notify.timer"
    assert "OnCalendar=*-*-* 18:45:00" in timer.read_text()


@pytest.mark.parametrize("bad", ["", "8", "24:00", "7:60", "7:5", "07:05:00", "x:10", "٠٧:٣٠"])
def test_a_bad_time_is_refused_and_nothing_is_installed(
    run,
    busy,
    mac: Path,
    fake_bin: Path,
    bad: str,
) -> None:  # type: ignore[no-untyped-def]
    result = run("notify", "--install", "--at", bad)
    assert result.exit_code == 2
    assert "HH:MM" in result.stderr and "Traceback" not in result.stderr
    assert not (mac / "Library").exists() and calls(fake_bin, "launchctl") == []


def test_at_without_install_is_refused(run, busy, fake_bin: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("notify", "--at", "08:00")
    assert result.exit_code == 2 and "--install" in result.stderr
    assert calls(fake_bin) == []
