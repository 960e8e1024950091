"""`mentorlog export`: JSON, Markdown and a summary for one mentor. Confidential records never
leave the journal unless asked for, and a summary for one mentor never carries another's notes
or name."""

from __future__ import annotations

import copy
import json
import os
import stat
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import Goal, Mentor, Reflection, Session
from mentorlog.journal import feedback as feedback_files
from mentorlog.journal import frontmatter
from mentorlog.journal.storage import Journal
from mentorlog.render.export import demote

EXPORT_KEYS = {
    "mentorlog_export",
    "generated",
    "filters",
    "omitted_confidential",
    "mentors",
    "goals",
    "feedback",
    "sessions",
    "reflections",
}
FILTER_KEYS = {"mentor", "since", "until", "include_confidential"}
SENTINEL = "SENTINEL-7f3a-do-not-leak"


def confidential_session(root: Path, mentor: str, day: str) -> None:
    path = root / "sessions" / day[:4] / f"{day}-{mentor}.md"
    path.write_text(
        f'+++\nmentor = "{mentor}"\ndate = {day}\ntopic = "Private {SENTINEL}"\n'
        f"confidential = true\n+++\n\n## Notes\n{SENTINEL} is in the notes.\n\n"
        f"## Lessons\n- {SENTINEL} lesson\n\n## Actions\n- [x] {SENTINEL} action "
        "(done 2026-11-21: it went well)\n",
        encoding="utf-8",
    )


# --- JSON -------------------------------------------------------------------------------------


def test_json_export_has_the_documented_keys(run, example_dir: Path) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    data = result.json()
    assert set(data) == EXPORT_KEYS
    assert data["mentorlog_export"] == 1
    assert data["generated"] == "2026-11-23"
    assert set(data["filters"]) == FILTER_KEYS
    assert all("body" in s for s in data["sessions"])
    assert all("body" in r for r in data["reflections"])


def test_confidential_records_are_left_out_and_counted(run, example_dir: Path) -> None:
    result = run("export", "--format", "json")
    data = result.json()
    assert all(s["confidential"] is False for s in data["sessions"])
    assert all(r["confidential"] is False for r in data["reflections"])
    everything = run("export", "--format", "json", "--include-confidential").json()
    left_out = (len(everything["sessions"]) + len(everything["reflections"])) - (
        len(data["sessions"]) + len(data["reflections"])
    )
    assert left_out > 0
    assert data["omitted_confidential"] == left_out
    assert everything["omitted_confidential"] == 0
    assert f"Left out {left_out} confidential records" in result.stderr


def test_messages_go_to_stderr_so_stdout_is_only_the_export(run, example_dir: Path) -> None:
    result = run("export", "--format", "json", "--since", "last month")
    json.loads(result.stdout)  # nothing else mixed in
    assert "since: 2026-10-23" in result.stderr


def test_mentor_and_date_filters(run, example_dir: Path) -> None:
    data = run(
        "export",
        "-f",
        "json",
        "--mentor",
        "Walter",
        "--since",
        "2026-06-01",
        "--include-confidential",
    ).json()
    assert data["filters"] == {
        "mentor": "walter-nakamura",
        "since": "2026-06-01",
        "until": None,
        "include_confidential": True,
    }
    assert [m["id"] for m in data["mentors"]] == ["walter-nakamura"]
    assert all("walter-nakamura" in g["mentors"] for g in data["goals"])
    assert data["sessions"] and all(s["mentor"] == "walter-nakamura" for s in data["sessions"])
    assert all(s["date"] >= "2026-06-01" for s in data["sessions"])
    assert all(r["mentor"] == "walter-nakamura" for r in data["reflections"])


def test_since_after_until_is_a_usage_error(run, example_dir: Path) -> None:
    result = run("export", "--since", "2026-10-01", "--until", "2026-09-01")
    assert result.exit_code == 2
    assert "after --until" in result.stderr


def test_unknown_format_is_a_usage_error(run, example_dir: Path) -> None:
    result = run("export", "--format", "pdf")
    assert result.exit_code == 2
    assert "not an export format" in result.stderr
    assert result.stdout == ""


def _rebuild_journal(data: dict[str, Any], root: Path) -> None:
    """Write journal files back from a JSON export: what a script restoring one would do."""
    (root / "mentors").mkdir(parents=True)
    (root / "goals").mkdir()
    (root / "mentorlog.toml").write_text("schema_version = 1\n", encoding="utf-8")
    for folder, kind, objects in (
        ("mentors", Mentor, data["mentors"]),
        ("goals", Goal, data["goals"]),
    ):
        for item in objects:
            path = root / folder / f"{item['id']}.toml"
            path.write_text(frontmatter.dumps_toml(_file_values(kind, item)), encoding="utf-8")
    for item in data["feedback"]:
        values = _file_values(Feedback, {FEEDBACK_NAMES.get(k, k): v for k, v in item.items()})
        path = root / "feedback" / f"{item['id']}.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(frontmatter.dumps_toml(_file_keys(values)), encoding="utf-8")
    # A session's actions, lessons and advice are read from its body.
    from_body = {"actions", "lessons", "advice"}
    for folder, kind, objects in (
        ("sessions", Session, data["sessions"]),
        ("reflections", Reflection, data["reflections"]),
    ):
        for item in objects:
            head = _file_values(kind, {k: v for k, v in item.items() if k not in from_body})
            text = frontmatter.join(frontmatter.dumps_toml(head), item["body"])
            path = root / folder / item["date"][:4] / f"{item['id']}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


# The JSON and the file call where feedback came from `from`; the record calls it `source`.
FEEDBACK_NAMES = {"from": "source"}


def _file_keys(values: dict[str, Any]) -> dict[str, Any]:
    return {"from" if key == "source" else key: value for key, value in values.items()}


def _file_values(kind: type, item: dict[str, Any], named_by_file: bool = True) -> dict[str, Any]:
    """The values a record's file holds, from its JSON object: the keys the record declares
    (not the id of a record its file's name gives), dates back to dates as the record's field
    types say, and no nulls (TOML has none)."""
    types = typing.get_type_hints(kind)
    left_out = {"id"} if named_by_file else set()
    return {
        key: _file_value(types[key], value)
        for key, value in item.items()
        if key in types and key not in left_out and value is not None
    }


def _file_value(declared: Any, value: Any) -> Any:
    choices = [declared, *typing.get_args(declared)]
    if isinstance(value, list):
        inner = typing.get_args(declared)[0]
        return [_file_value(inner, item) for item in value]
    if isinstance(value, dict):
        record_kind = next(c for c in choices if hasattr(c, "__match_args__"))
        return _file_values(record_kind, value, named_by_file=False)
    if date in choices and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def test_json_export_round_trips_to_the_same_journal(
    run, example_dir: Path, tmp_path: Path
) -> None:
    # One item done, beside the example's two open ones
    (example_dir / "feedback" / "say-no.toml").write_text(
        'text = "Say no sooner"\nfrom = "my review"\nskills = ["delegation"]\nadded = 2026-10-01\n'
        "done = 2026-11-20\n",
        encoding="utf-8",
    )
    data = run("export", "--format", "json", "--include-confidential").json()
    rebuilt = tmp_path / "rebuilt"
    _rebuild_journal(copy.deepcopy(data), rebuilt)
    original = Journal(example_dir).load()
    restored = Journal(rebuilt).load()
    assert restored.problems == []
    assert feedback_files.load(Journal(rebuilt)) == feedback_files.load(Journal(example_dir))
    assert sorted(f["id"] for f in data["feedback"]) == [
        "i-freeze-on-council-questions-i-did-not-prepare-for",
        "my-memos-bury-the-ask",
        "say-no",
    ]
    assert {k: m.to_row() for k, m in restored.mentors.items()} == {
        k: m.to_row() for k, m in original.mentors.items()
    }
    assert {k: g.to_row() for k, g in restored.goals.items()} == {
        k: g.to_row() for k, g in original.goals.items()
    }
    assert [s.to_row() for s in restored.sessions] == [s.to_row() for s in original.sessions]
    assert [r.to_row() for r in restored.reflections] == [r.to_row() for r in original.reflections]
    again = run("--dir", str(rebuilt), "export", "--format", "json", "--include-confidential")
    assert again.json() == data


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_report_has_goals_sessions_lessons_and_a_confidentiality_note(
    run, example_dir: Path
) -> None:
    result = run("export")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Mentorship journal\n")
    for heading in ("## Mentors", "## Goals", "## Sessions", "## Lessons"):
        assert f"\n{heading}\n" in text
    assert "confidential records left out" in text
    assert "**Progress:**" in text
    assert "#### 2026-05-05 · Introduction · Program kickoff" in text
    assert "\n##### Notes\n" in text  # the body's headings nest under the session's


def test_markdown_by_date_lists_sessions_in_date_order(run, example_dir: Path) -> None:
    text = run("export", "--group-by", "date", "--include-confidential").stdout
    sessions_part = text[text.index("\n## Sessions\n") : text.index("\n## Lessons\n")]
    titles = [line for line in sessions_part.splitlines() if line.startswith("### ")]
    assert len(titles) == 23
    days = [title[4:14] for title in titles]
    assert days == sorted(days)
    assert "## Reflections" in text
    assert run("export", "--group-by", "size").exit_code == 2


def test_demote_shifts_headings_but_not_code() -> None:
    body = "## Notes\ntext\n```\n# not a heading\n```\n#### Deep\n#hashtag"
    assert demote(body, 3) == (
        "##### Notes\ntext\n```\n# not a heading\n```\n###### Deep\n#hashtag"
    )


# --- the sentinel -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("export", "--format", "json"),
        ("export", "--format", "markdown", "--group-by", "date"),
        ("export", "--format", "ics", "--include-sessions"),
        ("calendar", "--include-sessions"),
        ("export", "--mentor", "ruth-castellanos"),
        ("export", "--for", "ruth-castellanos"),
        ("export", "--for", "walter-nakamura"),
        ("export", "--for", "walter-nakamura", "--include-confidential"),
    ],
)
def test_a_confidential_note_never_leaves_by_default_nor_reaches_another_mentor(
    run, example_dir: Path, args: tuple[str, ...]
) -> None:
    confidential_session(example_dir, "ruth-castellanos", "2026-11-21")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert SENTINEL not in result.stdout
    assert SENTINEL not in result.stderr


def test_include_confidential_does_include_the_note(run, example_dir: Path) -> None:
    confidential_session(example_dir, "ruth-castellanos", "2026-11-21")
    assert SENTINEL in run("export", "--include-confidential").stdout
    assert SENTINEL in run("export", "--for", "ruth", "--include-confidential").stdout


# --- a summary for one mentor -----------------------------------------------------------------


def test_summary_for_a_mentor_names_no_other_mentor(run, example_dir: Path) -> None:
    result = run("export", "--for", "tomas", "--include-confidential")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# For Tomas Lindqvist\n")
    for other in ("Ruth", "Castellanos", "Walter", "Nakamura", "Marcus", "Helen"):
        assert other not in text
    assert "## What we have been working on" in text
    assert "## What I did after our conversations" in text
    assert "## Thank you" in text
    assert "Present the budget to council" in text  # a goal shared with Tomas


def test_summary_lists_completed_actions_with_outcomes(run, example_dir: Path) -> None:
    confidential_session(example_dir, "tomas-lindqvist", "2026-11-21")
    text = run("export", "--for", "tomas", "--include-confidential").stdout
    assert f"{SENTINEL} action (done 2026-11-21): it went well" in text
    assert f"- {SENTINEL} lesson" in text


def test_summary_leaves_out_goals_not_shared_with_the_mentor(run, example_dir: Path) -> None:
    text = run("export", "--for", "tomas").stdout
    assert "Learn to delegate" not in text  # Marcus and Helen's goal


def test_summary_names_of_other_mentors_in_goal_notes_are_replaced(run, example_dir: Path) -> None:
    goal = example_dir / "goals" / "present-the-budget-to-council.toml"
    goal.write_text(
        goal.read_text(encoding="utf-8")
        + '\n[[progress]]\ndate = 2026-11-20\nnote = "Walter liked it; so did ruth."\n',
        encoding="utf-8",
    )
    text = run("export", "--for", "tomas").stdout
    assert "another mentor liked it; so did another mentor." in text


def test_for_only_writes_markdown(run, example_dir: Path) -> None:
    result = run("export", "--for", "tomas", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_for_an_unknown_mentor_is_not_found(run, example_dir: Path) -> None:
    result = run("export", "--for", "nobody")
    assert result.exit_code == 4
    assert result.stdout == ""


# --- writing a file ---------------------------------------------------------------------------


def test_output_file_is_private_and_stdout_stays_empty(
    run, example_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    result = run("export", "-f", "json", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"Wrote {target}" in result.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["mentorlog_export"] == 1


def test_output_file_is_never_replaced_without_force(
    run, example_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me", encoding="utf-8")
    result = run("export", "-o", str(target))
    assert result.exit_code == 6
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run("export", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Mentorship journal")


def test_output_into_a_missing_folder_is_a_storage_error(
    run, example_dir: Path, tmp_path: Path
) -> None:
    result = run("export", "-o", str(tmp_path / "missing" / "x.md"))
    assert result.exit_code == 8
    assert "Traceback" not in result.stderr


def test_ics_only_options_need_ics(run, example_dir: Path) -> None:
    result = run("export", "--repeat")
    assert result.exit_code == 2
    assert "--format ics" in result.stderr


def test_export_of_an_empty_journal_works(run, journal_dir: Path) -> None:
    assert run("init").exit_code == 0
    data = run("export", "-f", "json").json()
    assert data["mentors"] == [] and data["sessions"] == []
    assert run("export").stdout.startswith("# Mentorship journal")
