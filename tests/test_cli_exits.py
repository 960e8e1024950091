"""One exit point (cli/exits.py) turns every failure into one line and an exit code; the
commands raise, and the command table loads a command's module only when it runs."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.cli import exits
from mentorlog.cli.app import run
from mentorlog.cli.command_table import COMMANDS
from mentorlog.errors import NotFound, UsageError

CLI = Path(__file__).resolve().parent.parent / "src" / "mentorlog" / "cli"


def _exits_by_hand(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if ast.unparse(target) in ("typer.Exit", "Exit", "SystemExit", "typer.Abort"):
                found.append(f"{path.name}:{node.lineno}: raise {ast.unparse(target)}")
        if isinstance(node, ast.Call) and ast.unparse(node.func) in (
            "sys.exit",
            "exit",
            "os._exit",
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node.func)}()")
    return found


def test_no_command_chooses_its_exit_code_by_hand() -> None:
    modules = [*sorted((CLI / "commands").glob("*.py")), CLI / "context.py", CLI / "app.py"]
    assert modules
    assert [hit for path in modules for hit in _exits_by_hand(path)] == []


def test_the_check_above_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sys, typer\ndef f():\n    raise typer.Exit(1)\n    sys.exit(2)\n")
    assert len(_exits_by_hand(sample)) == 2


@pytest.mark.parametrize(
    ("exc", "code", "said"),
    [
        (NotFound("there is no mentor 'x'", "see `mentorlog mentor list`"), 4, "mentor 'x'"),
        (UsageError("bad date"), 2, "mentorlog: bad date"),
        (exits.Finished(1), 1, ""),
        (KeyboardInterrupt(), 130, "interrupted; nothing was written"),
        (SystemExit(3), 3, ""),
        (BrokenPipeError(), 1, ""),
        (RuntimeError("the secret note"), 70, "unexpected internal error (RuntimeError)"),
    ],
)
def test_every_failure_becomes_one_line_and_a_code(
    exc: BaseException,
    code: int,
    said: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MENTORLOG_DEBUG", raising=False)
    if isinstance(exc, BrokenPipeError):
        monkeypatch.setattr(exits, "_reader_gone", lambda: exits.BROKEN_PIPE)
    assert exits.exit_code(exc) == code
    err = capsys.readouterr().err
    assert said in err
    assert err.count("\n") == (1 if said else 0)
    assert "secret note" not in err and "Traceback" not in err


def test_an_unexpected_error_in_a_command_exits_70_without_its_text(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mentorlog.services import resolve

    def broken(*_: object) -> None:
        raise ValueError("the confidential note text")

    monkeypatch.delenv("MENTORLOG_DEBUG", raising=False)
    monkeypatch.setattr(resolve, "mentor", broken)
    assert run(["brief", "ruth"]) == 70
    err = capsys.readouterr().err
    assert "confidential note text" not in err
    assert err.strip() == (
        "mentorlog: unexpected internal error (ValueError); "
        "set MENTORLOG_DEBUG=1 to see the traceback"
    )


def test_a_usage_error_from_the_parser_names_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["mentor", "list", "--bogus"]) == 2
    assert capsys.readouterr().err == (
        "mentorlog: No such option: --bogus (see `mentorlog mentor list --help`)\n"
    )


def _loaded_after(args: list[str], example_dir: Path) -> tuple[list[str], str]:
    program = (
        "import sys\n"
        "from mentorlog.cli.app import run\n"
        f"code = run({args!r})\n"
        "names = sorted(m for m in sys.modules if m.startswith('mentorlog.cli.commands.'))\n"
        "sys.stderr.write(f'\\nLOADED {names!r}\\n')\n"
    )
    env = {**os.environ, "MENTORLOG_DIR": str(example_dir), "COLUMNS": "300"}
    result = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120
    )
    line = [x for x in result.stderr.splitlines() if x.startswith("LOADED ")][-1]
    loaded: list[str] = eval(line.removeprefix("LOADED "))  # a list literal from the child
    return loaded, result.stdout


def test_the_help_lists_every_command_without_loading_one(example_dir: Path) -> None:
    loaded, shown = _loaded_after(["--help"], example_dir)
    assert loaded == []
    for name, (_, _, line) in COMMANDS.items():
        assert f" {name} " in shown
        assert line.split()[0] in shown


def test_a_command_loads_only_its_own_module(example_dir: Path) -> None:
    loaded, _ = _loaded_after(["mentor", "list"], example_dir)
    assert loaded == ["mentorlog.cli.commands.mentor"]
