"""Round trips. Random sequences of real commands run against a journal while a small model
keeps what should be there; after every step the journal read back from disk (through the
`--json` list commands) is exactly the model, and every file
parses. A write that silently dropped, doubled or mixed up a record would show as a difference.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)
from reliability_support import assert_every_record_parses, temp_files

from conftest import examples
from mentorlog.__main__ import main

pytestmark = pytest.mark.slow

NAMES = ["Ada Quist", "Zoë Núñez", "Li Wei", "O'Brien", "Ada Quist", "名前 Tanaka"]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\r"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "" and not s.strip().startswith("-"))


@dataclass
class Model:
    mentors: dict[str, dict[str, Any]] = field(default_factory=dict)
    goals: dict[str, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)


def _line(text: str) -> str:
    """How mentorlog stores a one-line field: whitespace runs become one space."""
    return " ".join(text.split())


class JournalMachine(RuleBasedStateMachine):
    mentor_ids = Bundle("mentor_ids")
    goal_ids = Bundle("goal_ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.root = self.folder / "journal"
        self.cache = self.folder / "cache"
        self.model = Model()

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def cli(self, *args: str, ok: bool = True) -> tuple[int, Any]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--dir", str(self.root), *args])
        if ok:
            assert code == 0, (args, err.getvalue())
        text = out.getvalue()
        return code, json.loads(text) if text.startswith(("{", "[")) else text

    # --- mentors ----------------------------------------------------------------------------

    @rule(target=mentor_ids, name=st.sampled_from(NAMES), role=st.none() | TEXT)
    def add_mentor(self, name: str, role: str | None) -> str:
        args = ["mentor", "add", name, "--allow-same-name", "--json"]
        if role is not None:
            args += ["--role", role]
        _, made = self.cli(*args)
        assert made["id"] not in self.model.mentors
        self.model.mentors[made["id"]] = {
            "name": name,
            "role": _line(role) if role else None,
            "status": "active",
        }
        return str(made["id"])

    @rule(mentor=mentor_ids, role=TEXT)
    def set_role(self, mentor: str, role: str) -> None:
        if mentor not in self.model.mentors:
            return
        self.cli("mentor", "set", mentor, "--role", role)
        self.model.mentors[mentor]["role"] = _line(role)

    @rule(mentor=mentor_ids)
    def pause(self, mentor: str) -> None:
        if mentor not in self.model.mentors:
            return
        self.cli("mentor", "pause", mentor, "--until", "2027-01-15")
        if self.model.mentors[mentor]["status"] != "ended":
            self.model.mentors[mentor]["status"] = "paused"

    @rule(mentor=mentor_ids)
    def resume(self, mentor: str) -> None:
        if mentor not in self.model.mentors:
            return
        code, _ = self.cli("mentor", "resume", mentor, ok=False)
        if self.model.mentors[mentor]["status"] == "paused":
            assert code == 0
        if code == 0:  # resuming an ended relationship starts it again
            self.model.mentors[mentor]["status"] = "active"

    @rule(mentor=mentor_ids)
    def end(self, mentor: str) -> None:
        if mentor not in self.model.mentors:
            return
        code, _ = self.cli("mentor", "end", mentor, ok=False)
        if code == 0:
            self.model.mentors[mentor]["status"] = "ended"

    @rule(mentor=consumes(mentor_ids))
    def remove_mentor(self, mentor: str) -> None:
        if mentor not in self.model.mentors:
            return
        self.cli("mentor", "rm", mentor, "--force", "--yes")
        del self.model.mentors[mentor]

    # --- goals ------------------------------------------------------------------------------

    @rule(target=goal_ids, title=TEXT)
    def add_goal(self, title: str) -> str:
        code, made = self.cli("goal", "add", title, "--json", ok=False)
        if code != 0:
            return "no-such-goal"
        assert made["id"] not in self.model.goals
        self.model.goals[made["id"]] = {"title": _line(title), "status": "open", "progress": []}
        return str(made["id"])

    @rule(goal=goal_ids, note=TEXT)
    def progress(self, goal: str, note: str) -> None:
        if goal not in self.model.goals:
            return
        self.cli("goal", "progress", goal, note)
        self.model.goals[goal]["progress"].append(note.strip("\n"))

    @rule(goal=goal_ids)
    def done(self, goal: str) -> None:
        if goal not in self.model.goals:
            return
        code, _ = self.cli("goal", "done", goal, ok=False)
        assert (code == 0) == (self.model.goals[goal]["status"] != "done")
        self.model.goals[goal]["status"] = "done"

    # --- sessions, actions, thanks ------------------------------------------------------------

    @precondition(lambda self: bool(self.model.mentors))
    @rule(data=st.data(), actions=st.integers(0, 3))
    def session(self, data: st.DataObject, actions: int) -> None:
        mentor = data.draw(st.sampled_from(sorted(self.model.mentors)))
        args = ["session", "new", "-m", mentor, "--no-edit", "--json"]
        for n in range(actions):
            args += ["--action", f"do thing {n}"]
        _, made = self.cli(*args)
        assert made["id"] not in self.model.sessions
        self.model.sessions[made["id"]] = {"kind": "check-in", "open": set(range(1, actions + 1))}

    @precondition(lambda self: bool(self.model.mentors))
    @rule(data=st.data())
    def thank(self, data: st.DataObject) -> None:
        mentor = data.draw(st.sampled_from(sorted(self.model.mentors)))
        _, made = self.cli("thank", mentor, "--note", "for the advice", "--json")
        assert made["id"] not in self.model.sessions
        self.model.sessions[made["id"]] = {"kind": "thanks", "open": set()}

    @precondition(lambda self: any(s["open"] for s in self.model.sessions.values()))
    @rule(data=st.data())
    def action_done(self, data: st.DataObject) -> None:
        session = data.draw(
            st.sampled_from(sorted(s for s, v in self.model.sessions.items() if v["open"]))
        )
        number = data.draw(st.sampled_from(sorted(self.model.sessions[session]["open"])))
        self.cli("action", "done", f"{session}#{number}", "--note", "it went well")
        self.model.sessions[session]["open"].discard(number)

    # --- what is on disk is the model ---------------------------------------------------------

    @invariant()
    def disk_matches_the_model(self) -> None:
        if not (self.root / "mentorlog.toml").exists():
            return
        # Read back the way a person would: through the list commands' JSON.
        _, mentors = self.cli("mentor", "list", "--all", "--json")
        assert {
            m["id"]: {"name": m["name"], "role": m["role"], "status": m["status"]} for m in mentors
        } == self.model.mentors
        _, goals = self.cli("goal", "list", "--all", "--json")
        assert {
            g["id"]: {
                "title": g["title"],
                "status": g["status"],
                "progress": [p["note"] for p in g["progress"]],
            }
            for g in goals
        } == self.model.goals
        _, sessions = self.cli("session", "list", "--json")
        assert {s["id"]: s["kind"] for s in sessions} == {
            k: v["kind"] for k, v in self.model.sessions.items()
        }
        _, actions = self.cli("action", "list", "--json")
        assert {a["id"] for a in actions} == {
            f"{k}#{n}" for k, v in self.model.sessions.items() for n in v["open"]
        }
        assert_every_record_parses(self.root)
        assert temp_files(self.root) == []


JournalMachine.TestCase.settings = settings(
    max_examples=examples(12),
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_random_command_sequences_leave_exactly_the_modelled_journal = JournalMachine.TestCase
