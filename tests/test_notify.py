"""`mentorlog notify`: the digest reaches the desktop with names and counts, never notes."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from journal_builder import Builder

SECRET = "my salary is 123k and I want to quit"


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with only a fake notify-send (and crontab/systemctl) that record their arguments."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("notify-send", "systemctl"):
        script = folder / name
        script.write_text(
            '#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done >> "$0.calls"\n'
            'printf "\\036" >> "$0.calls"\n'
        )
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    cat = shutil.which("cat")
    crontab = folder / "crontab"
    crontab.write_text(
        "#!/bin/sh\n"
        'table="${0%/*}/table"\n'
        f'if [ "$1" = "-l" ]; then {cat} "$table" 2>/dev/null || exit 1; else {cat} > "$table"; fi\n'
    )
    crontab.chmod(crontab.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    return folder


def calls(folder: Path, name: str = "notify-send") -> list[list[str]]:
    log = folder / f"{name}.calls"
    if not log.exists():
        return []
    return [call.split("\0")[:-1] for call in log.read_text().split("\036") if call]


@pytest.fixture
def busy(journal_dir: Path) -> Builder:
    """Ada is overdue and owes a report-back; Grace is fine."""
    return (
        Builder(journal_dir)
        .mentor("ada-lovelace", name="Ada Lovelace", cadence="2w")
        .mentor("grace-hopper", name="Grace Hopper", cadence="12w")
        .session(
            "ada-lovelace",
            "2026-09-01",
            f"## Notes\n{SECRET}\n\n## Actions\n- [ ] Send {SECRET}\n",
            topic=SECRET,
        )
        .session("grace-hopper", "2026-11-20", topic=SECRET)
    )


def test_sends_names_and_counts_and_never_notes(run, busy, fake_bin: Path) -> None:
    result = run("notify")
    assert result.exit_code == 0, result.stderr
    [sent] = calls(fake_bin)
    text = " ".join(sent)
    assert "Ada Lovelace" in text and "Get in touch (1)" in text
    assert "Report back (1)" in text
    assert "Grace Hopper" not in text.split("Reflect")[0]
    assert "salary" not in text and "quit" not in text
    assert result.stdout == ""


def test_nothing_due_sends_nothing_and_exits_quietly(run, journal_dir, fake_bin) -> None:
    Builder(journal_dir).mentor("grace-hopper", name="Grace Hopper", cadence="12w").session(
        "grace-hopper", "2026-10-01", "## Notes\nfine\n"
    ).reflection("r1", "2026-10-02", session="2026-10-01-grace-hopper")
    result = run("notify")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert calls(fake_bin) == []


def test_without_notify_send_one_clear_line(run, busy, fake_bin: Path) -> None:
    (fake_bin / "notify-send").unlink()
    result = run("notify")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "notify-send" in result.stderr


def test_a_failing_notifier_is_an_error_not_silence(run, busy, fake_bin: Path) -> None:
    (fake_bin / "notify-send").write_text("#!/bin/sh\necho 'no session bus' >&2\nexit 1\n")
    result = run("notify")
    assert result.exit_code != 0
    assert "no session bus" in result.stderr and "Traceback" not in result.stderr


def test_macos_uses_osascript_with_the_text_as_arguments(
    run, busy, fake_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fake_bin / "notify-send").rename(fake_bin / "osascript")
    monkeypatch.setattr("sys.platform", "darwin")
    assert run("notify").exit_code == 0
    [sent] = calls(fake_bin, "osascript")
    script = sent[sent.index("-e") + 1]
    assert "Ada" not in script  # the names are arguments, never part of the script
    assert "Ada Lovelace" in " ".join(sent)


def test_dry_run_and_json_send_nothing(run, busy, fake_bin: Path) -> None:
    result = run("notify", "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["sent"] is False and data["contact"] == ["Ada Lovelace"]
    assert data["report_back"] == ["Ada Lovelace"]
    assert calls(fake_bin) == []


def test_install_writes_a_systemd_user_timer(run, busy, fake_bin: Path, tmp_path: Path) -> None:
    result = run("notify", "--install", "--yes")
    assert result.exit_code == 0, result.stderr
    units = tmp_path / "config-home" / "systemd" / "user"
    timer = (units / "mentorlog-notify.timer").read_text()
    service = (units / "mentorlog-notify.service").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    assert " notify" in service and "--dir" in service
    assert "[Unit]" in result.stdout  # shown before it is written
    assert ["--user", "enable", "--now", "mentorlog-notify.timer"] in calls(fake_bin, "systemctl")


def test_install_dry_run_shows_and_writes_nothing(run, busy, fake_bin, tmp_path) -> None:
    result = run("notify", "--install", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "OnCalendar=" in result.stdout
    assert not (tmp_path / "config-home").exists()
    assert calls(fake_bin, "systemctl") == []


def test_install_cron_adds_one_line_once_and_keeps_the_rest(run, busy, fake_bin: Path) -> None:
    (fake_bin / "table").write_text("MAILTO=me\n5 4 * * * backup\n")
    assert run("notify", "--install", "--cron", "--yes").exit_code == 0
    assert run("notify", "--install", "--cron", "--yes").exit_code == 0
    table = (fake_bin / "table").read_text().splitlines()
    assert table[:2] == ["MAILTO=me", "5 4 * * * backup"]
    assert len(table) == 3 and table[2].endswith(" notify")
    assert f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus " in table[2]


def test_cron_without_install_is_refused(run, busy, fake_bin: Path) -> None:
    result = run("notify", "--cron")
    assert result.exit_code != 0 and "--install" in result.stderr
    assert calls(fake_bin) == []


def test_a_journal_path_with_percent_is_refused(run, tmp_path, fake_bin, monkeypatch) -> None:
    odd = tmp_path / "100%"
    Builder(odd)
    monkeypatch.setenv("MENTORLOG_DIR", str(odd))
    result = run("notify", "--install", "--cron")
    assert result.exit_code != 0 and "%" in result.stderr
    assert not (fake_bin / "table").exists()
    assert os.listdir(fake_bin)
