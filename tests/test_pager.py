"""Long output goes through a pager on a terminal only: $MENTORLOG_PAGER, the config's pager,
$PAGER, then less -FRX; --no-pager, MENTORLOG_PAGER= (or cat) and `pager = false` turn it off;
a pager that cannot start leaves the text printed. Run on a real pseudo-terminal with a fake
pager that keeps what it was given."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mentorlog.cli import pager


def fake_pager(tmp_path: Path, name: str = "fake-pager") -> tuple[Path, Path]:
    """A pager script that saves what it reads (and its arguments) and says so."""
    kept = tmp_path / "paged.txt"
    script = tmp_path / "bin" / name
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        f"pathlib.Path({str(kept)!r}).write_bytes(sys.stdin.buffer.read())\n"
        f"pathlib.Path({str(kept)!r} + '.args').write_text(' '.join(sys.argv[1:]))\n"
        "print('PAGED-BY-FAKE')\n"
    )
    script.chmod(0o755)
    return script, kept


def on_a_terminal(
    args: list[str], env: dict[str, str], rows: int = 20, stdout_terminal: bool = True
) -> tuple[int, str]:
    """Run mentorlog on a pseudo-terminal of `rows` lines; the exit code and what it showed."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
        if not stdout_terminal:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
        os.execve(sys.executable, [sys.executable, "-m", "mentorlog", *args], env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(extra)
    return env


@pytest.fixture
def long_journal(example_dir: Path) -> Path:
    """The example journal, whose review runs well past a 20-line screen."""
    return example_dir


def test_long_output_on_a_terminal_goes_through_pager(long_journal, tmp_path):
    script, kept = fake_pager(tmp_path)
    code, shown = on_a_terminal(["review"], environment(PAGER=str(script)))
    assert code == 0
    assert "PAGED-BY-FAKE" in shown
    paged = kept.read_text("utf-8")
    assert paged.count("\n") > 20
    assert "Helen" in paged and "Helen" not in shown


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "helen"],
        ["session", "list"],
        ["search", "the"],
        ["export"],
        ["lessons"],
    ],
)
def test_each_long_report_is_paged(long_journal, tmp_path, args):
    script, kept = fake_pager(tmp_path)
    code, shown = on_a_terminal(args, environment(PAGER=str(script)), rows=5)
    assert code == 0, shown
    assert "PAGED-BY-FAKE" in shown
    assert kept.read_text("utf-8").strip()


def test_output_that_fits_the_screen_is_printed_not_paged(long_journal, tmp_path):
    script, kept = fake_pager(tmp_path)
    code, shown = on_a_terminal(["review"], environment(PAGER=str(script)), rows=1000)
    assert code == 0
    assert not kept.exists()
    assert "PAGED-BY-FAKE" not in shown and "Helen" in shown


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["--no-pager", "review"], {}),
        (["review"], {"MENTORLOG_PAGER": ""}),
        (["review"], {"MENTORLOG_PAGER": "cat"}),
    ],
    ids=["--no-pager", "MENTORLOG_PAGER empty", "MENTORLOG_PAGER cat"],
)
def test_the_pager_can_be_turned_off(long_journal, tmp_path, args, extra):
    script, kept = fake_pager(tmp_path)
    code, shown = on_a_terminal(args, environment(PAGER=str(script), **extra))
    assert code == 0
    assert not kept.exists()
    assert "Helen" in shown


def test_config_pager_false_turns_it_off_and_mentorlog_pager_wins_over_it(long_journal, tmp_path):
    script, kept = fake_pager(tmp_path)
    config = Path(os.environ["MENTORLOG_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("pager = false\n")
    code, shown = on_a_terminal(["review"], environment(PAGER=str(script)))
    assert code == 0 and not kept.exists() and "Helen" in shown
    code, shown = on_a_terminal(["review"], environment(MENTORLOG_PAGER=str(script)))
    assert code == 0 and kept.exists()


def test_config_pager_wins_over_pager(long_journal, tmp_path):
    script, kept = fake_pager(tmp_path)
    config = Path(os.environ["MENTORLOG_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'pager = "{script} --from-config"\n')
    code, _ = on_a_terminal(["review"], environment(PAGER="/nonexistent/pager"))
    assert code == 0
    assert Path(str(kept) + ".args").read_text() == "--from-config"


def test_never_paged_when_stdout_is_not_a_terminal(long_journal, tmp_path):
    script, kept = fake_pager(tmp_path)
    code, _ = on_a_terminal(["review"], environment(PAGER=str(script)), stdout_terminal=False)
    assert code == 0
    assert not kept.exists()


def test_never_paged_in_a_pipe(long_journal, tmp_path, run, monkeypatch):
    script, kept = fake_pager(tmp_path)
    monkeypatch.setenv("PAGER", str(script))
    result = run("review")
    assert result.exit_code == 0 and "Helen" in result.stdout
    assert not kept.exists()


def test_due_is_never_paged(long_journal, tmp_path):
    script, kept = fake_pager(tmp_path)
    for args in (["due", "--all"], ["--no-pager", "due", "--all"]):
        code, shown = on_a_terminal(args, environment(PAGER=str(script)), rows=2)
        assert code == 0
        assert not kept.exists()
        assert "Walter Nakamura" in shown


@pytest.mark.parametrize("command", ["/nonexistent/pager", "false", "'unclosed"])
def test_a_pager_that_fails_leaves_the_text_printed(long_journal, command):
    code, shown = on_a_terminal(["review"], environment(PAGER=command))
    assert code == 0
    assert "Helen" in shown


def test_colour_goes_only_to_a_pager_that_shows_it(long_journal, tmp_path):
    env = environment(TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    plain, kept = fake_pager(tmp_path)
    on_a_terminal(["review"], env | {"PAGER": str(plain)})
    assert "\x1b[" not in kept.read_text("utf-8")
    less, kept_by_less = fake_pager(tmp_path / "other", name="less")
    on_a_terminal(["review"], env | {"PAGER": f"{less} -R"})
    assert "\x1b[" in kept_by_less.read_text("utf-8")


@pytest.mark.parametrize(
    ("command", "less_env", "colour"),
    [
        ("less -FRX", None, True),
        ("less -r", None, True),
        ("/usr/bin/less", None, True),  # mentorlog gives it LESS=FRX
        ("less", "S", False),
        ("less", "-SR", True),
        ("more", None, False),
        ("most", "R", False),
    ],
)
def test_colour_is_kept_for_less_with_raw_control_characters(
    monkeypatch, command, less_env, colour
):
    if less_env is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", less_env)
    assert pager.keeps_colour(command) is colour
