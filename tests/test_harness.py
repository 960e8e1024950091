"""The test harness keeps its promises: a hung command fails its test, the command tree shared
across in-process runs answers like a fresh one, CI tries every property example, and no test
times anything."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import pytest
import typer.main
from hypothesis import settings

import conftest
import mentorlog.cli.app
from conftest import Hung, examples

TESTS = Path(__file__).resolve().parent
# An assert on a clock reading: a hang guard compares with a deadline; anything else times.
CLOCK_ASSERT = re.compile(r"^\s*assert\b.*\b(monotonic|perf_counter|time)(_ns)?\(\)")


def test_a_command_that_hangs_fails_its_test_and_leaves_no_alarm(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr(conftest, "HANG_GUARD", 1)
    monkeypatch.setattr(mentorlog.cli.app, "run", lambda args: time.sleep(30))
    with pytest.raises(Hung, match="mentorlog team"):
        run("team")  # a command of the full CLI (listings may answer on the fast path)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.alarm(0) == 0  # nothing left armed


def test_the_shared_command_tree_answers_like_a_fresh_one(run, capsys) -> None:
    fresh = typer.main.get_command.__wrapped__(mentorlog.cli.app.app)  # type: ignore[attr-defined]
    assert typer.main.get_command(mentorlog.cli.app.app) is not fresh
    for args in (["mentor", "add", "--help"], ["due", "--help"], ["session", "list", "--help"]):
        shared = run(*args)
        capsys.readouterr()
        fresh.main(args=args, prog_name="mentorlog", standalone_mode=False)
        assert shared.stdout == capsys.readouterr().out != ""
    # One call's options never carry over to the next through the shared tree.
    assert run("mentor", "add", "Ruth Castellanos", "--role", "Analyst").exit_code == 0
    assert run("mentor", "add", "Marcus Brandt").exit_code == 0
    roles = {m["id"]: m.get("role") for m in run("mentor", "list", "--json").json()}
    assert roles == {"ruth-castellanos": "Analyst", "marcus-brandt": None}


def test_ci_tries_every_example_a_property_test_asks_for() -> None:
    ci_script = (TESTS.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "export HYPOTHESIS_PROFILE=ci\n" in ci_script
    assert settings.get_profile("ci").max_examples >= 100
    assert settings.get_profile("ci").deadline is None
    if conftest.PROFILE == "ci":
        assert examples(300) == 300
    else:
        assert 5 <= examples(300) < 300 and examples(3) == 3


def test_no_test_asserts_how_long_something_took() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CLOCK_ASSERT.search(line) and "deadline" not in line:
                found.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert found == []
