"""Every field a record declares reaches its `--json` view, the JSON export and `mentor show`.

The lists of fields here are read from the record classes, never written out: a field added to
`Mentor` (or a goal, a session, a reflection, a feedback item) must first be given a value in
the full journal below, and is then checked everywhere a record is shown or exported."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from journal_builder import Builder, d, flat
from mentorlog.domain import fields
from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import Goal, Mentor, Reflection, Session
from mentorlog.domain.records import replace
from mentorlog.journal import feedback as feedback_files
from mentorlog.journal.storage import Journal
from mentorlog.render import mentor_lines
from mentorlog.render.workflow_json import FEEDBACK_KEYS
from test_export import _rebuild_journal

TODAY = d("2026-11-23")
SESSION = "2026-11-02-ada-full"
REFLECTION = "2026-11-03-after-ada"


def full_journal(root: Path) -> None:
    """A journal whose records give every field a value other than its default."""
    builder = Builder(root)
    builder.mentor(
        "ada-full",
        name="Ada Full",
        role="Chief Engineer",
        org="Harbour Works",
        email="ada@example.org",
        stage="senior",
        cadence="4w",
        at_most="8w",
        since=d("2026-03-01"),
        added=d("2026-02-20"),
        tags=["engineering"],
        strengths=["estimates"],
        background="Built the harbour bridge.\n",
        resume_sent=d("2026-03-02"),
        ground_rules=d("2026-03-03"),
        struggles_asked=d("2026-04-01"),
        paused_until=d("2026-12-20"),
        paused_since=d("2026-11-20"),
        paused=True,
        ended=d("2026-11-21"),
        snoozed_until=d("2026-11-30"),
        phase="separation",
        not_applicable=["resume"],
        agreement={
            "agreed": d("2026-03-03"),
            "cadence": "4w",
            "term": "6m",
            "review": d("2026-09-01"),
            "confidentiality": "Names stay in the room.",
            "channels": ["video"],
            "bring": "One question a call.",
        },
        closure={"learned": "Estimate twice.", "stays": "Coffee in June.", "closed": TODAY},
        shared=[{"what": "resume", "date": d("2026-03-02")}],
        questions=[
            {"text": "How do you say no?", "added": d("2026-11-01"), "done": TODAY},
            {"text": "What do you read?", "added": d("2026-11-02")},
        ],
        meetings=[
            {
                "id": "ada-full-2026-12-01",
                "date": d("2026-12-01"),
                "at": "09:30",
                "minutes": 45,
                "where": "The site office",
                "agenda": "The spring plan",
                "kind": "question",
                "status": "done",
                "session": SESSION,
            }
        ],
    )
    builder.goal(
        "estimate-well",
        title="Estimate well",
        why="Projects run late.",
        mentors=["ada-full"],
        target=d("2027-01-01"),
        success="Within ten percent.",
        status="done",
        created=d("2026-03-01"),
        closed=d("2026-11-01"),
        note="Reached.",
        independently=True,
        progress=[{"date": d("2026-06-01"), "note": "Halfway."}],
    )
    builder.session(
        "ada-full",
        "2026-11-02",
        "## Advice\n1. Pad the first estimate.\n\n## Lessons\n- Measure twice #estimates\n\n"
        "## Actions\n- [x] Re-estimate the bridge (advice 1) (done 2026-11-10: it held)\n",
        id=SESSION,
        kind="question",
        topic="Estimates",
        goals=["estimate-well"],
        confidential=False,
        how="video",
        discussed=["the bridge"],
        source="calendar",
        event="uid-1@example.org",
    )
    builder.reflection(
        REFLECTION,
        "2026-11-03",
        session=SESSION,
        mentor="ada-full",
        goals=["estimate-well"],
        confidential=False,
        skills=["estimates"],
    )
    (root / "feedback").mkdir()
    (root / "feedback" / "say-no.toml").write_text(
        'text = "Say no sooner"\nfrom = "review"\nskills = ["#saying-no"]\n'
        "added = 2026-10-01\ndone = 2026-11-01\n",
        encoding="utf-8",
    )


@pytest.fixture
def full(journal_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[type, Any]:
    full_journal(journal_dir)
    monkeypatch.setenv("MENTORLOG_DIR", str(journal_dir))
    journal = Journal(journal_dir)
    snapshot = journal.load()
    assert snapshot.problems == []
    items, problems = feedback_files.load(journal)
    assert problems == []
    [session] = journal.in_full(snapshot, snapshot.sessions)
    return {
        Mentor: snapshot.mentors["ada-full"],
        Goal: snapshot.goals["estimate-well"],
        Session: session,
        Reflection: snapshot.reflections[0],
        Feedback: items[0],
    }


def _needed(kind: type) -> list[str]:
    """The fields a record of `kind` cannot do without."""
    return [
        name
        for name, parameter in inspect.signature(kind.__init__).parameters.items()
        if name != "self" and parameter.default is inspect.Parameter.empty
    ]


def _least(kind: type, like: Any) -> Any:
    """A record of `kind` with only the fields it cannot do without, taken from `like`."""
    return kind(**{name: getattr(like, name) for name in _needed(kind)})


def _carries(shown: Any, value: Any) -> bool:
    """Whether JSON `shown` holds every part of the plain `value` (a view may add keys)."""
    if isinstance(value, dict):
        return isinstance(shown, dict) and all(
            key in shown and _carries(shown[key], item) for key, item in value.items()
        )
    if isinstance(value, list):
        return (
            isinstance(shown, list)
            and len(shown) == len(value)
            and all(map(_carries, shown, value))
        )
    return bool(shown == value)


def _missing(kind: type, record: Any, shown: dict[str, Any], renamed: dict[str, str]) -> list[str]:
    return [
        name
        for name in fields.names(kind)
        if not _carries(shown.get(renamed.get(name, name)), fields.plain(getattr(record, name)))
    ]


@pytest.mark.parametrize("kind", [Mentor, Goal, Session, Reflection, Feedback], ids=repr)
def test_the_full_journal_gives_every_field_a_value(full: dict[type, Any], kind: type) -> None:
    record = full[kind]
    least = _least(kind, record)
    at_default = [
        name
        for name in fields.names(kind)
        if getattr(record, name) == getattr(least, name) and name not in _needed(kind)
    ]
    assert at_default == [], "give them a value in full_journal() and read them in schema.py"


SHOWN = [
    (Mentor, ("mentor", "show", "ada-full", "--json"), {}),
    (Goal, ("goal", "show", "estimate-well", "--json"), {}),
    (Session, ("session", "show", SESSION, "--json"), {}),
    (Reflection, ("reflection", "show", REFLECTION, "--json"), {}),
    (Feedback, ("feedback", "list", "--all", "--json"), FEEDBACK_KEYS),
]


@pytest.mark.parametrize(("kind", "args", "renamed"), SHOWN, ids=[s[1][0] for s in SHOWN])
def test_every_field_is_in_the_json_view(
    run, full: dict[type, Any], kind: type, args: tuple[str, ...], renamed: dict[str, str]
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    shown = result.json()
    shown = shown[0] if isinstance(shown, list) else shown
    assert _missing(kind, full[kind], shown, renamed) == []


def test_every_field_is_in_the_json_export(run, full: dict[type, Any]) -> None:
    result = run("export", "--format", "json", "--include-confidential")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    for kind, key, renamed in (
        (Mentor, "mentors", {}),
        (Goal, "goals", {}),
        (Session, "sessions", {}),
        (Reflection, "reflections", {}),
        (Feedback, "feedback", FEEDBACK_KEYS),
    ):
        [shown] = data[key]
        assert _missing(kind, full[kind], shown, renamed) == [], key


@pytest.mark.parametrize("today", ["2026-11-23", "2026-11-01"])
def test_a_journal_restored_from_its_json_export_has_every_field_back(
    run, full: dict[type, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str
) -> None:
    # Exported before the day the relationship was closed, too: the closure is still kept.
    monkeypatch.setenv("MENTORLOG_TODAY", today)
    data = run("export", "--format", "json", "--include-confidential").json()
    rebuilt = tmp_path / "rebuilt"
    _rebuild_journal(data, rebuilt)
    journal = Journal(rebuilt)
    snapshot = journal.load()
    assert snapshot.problems == []
    assert snapshot.mentors["ada-full"] == full[Mentor]
    assert snapshot.goals["estimate-well"] == full[Goal]
    assert list(journal.in_full(snapshot, snapshot.sessions)) == [full[Session]]
    assert snapshot.reflections == [full[Reflection]]
    assert feedback_files.load(journal) == ([full[Feedback]], [])


def test_every_field_of_a_mentor_changes_what_mentor_show_says(full: dict[type, Any]) -> None:
    # Not ended and paused until resumed, so that the pause and the closure both show.
    mentor = replace(full[Mentor], ended=None, paused_until=None)
    least = _least(Mentor, mentor)
    card = mentor_lines.lines(mentor, TODAY, {})
    unchanged = [
        name
        for name in fields.names(Mentor)
        if name not in mentor_lines.NOT_LINES
        and getattr(mentor, name) != getattr(least, name)
        and mentor_lines.lines(replace(mentor, **{name: getattr(least, name)}), TODAY, {}) == card
    ]
    assert unchanged == []


def test_a_field_the_card_does_not_list_is_shown_under_its_own_name(
    full: dict[type, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = [entry for entry in mentor_lines.CARD if entry[0] != ("phase",)]
    monkeypatch.setattr(mentor_lines, "CARD", card)
    assert ("phase", "separation") in mentor_lines.lines(full[Mentor], TODAY, {})


def test_mentor_show_names_the_agreement_the_arc_and_what_is_booked(run, example_dir: Path) -> None:
    ruth = flat(run("mentor", "show", "ruth").stdout)
    assert "agreement agreed 2026-05-19, meet every 6 weeks" in ruth
    assert "channels video call" in ruth
    walter = flat(run("mentor", "show", "walter").stdout)
    assert "phase redefinition (set by hand)" in walter
    assert "closed 2026-10-30" in walter
    assert "learned Bring the numbers" in walter
    priya = flat(run("mentor", "show", "priya").stdout)
    assert "booked 2026-11-25 10:00 (intro, 30 min" in priya


def test_mentor_show_names_a_pause_a_snooze_and_the_outer_limit(run, journal_dir: Path) -> None:
    Builder(journal_dir).mentor(
        "bo-lee",
        cadence="4w",
        at_most="9w",
        paused=True,
        paused_since=d("2026-11-01"),
        snoozed_until=d("2026-12-01"),
        not_applicable=["ground_rules", "resume"],
    )
    result = run("--dir", str(journal_dir), "mentor", "show", "bo-lee")
    assert result.exit_code == 0, result.stderr
    card = flat(result.stdout)
    assert "status paused until resumed" in card
    assert "paused since 2026-11-01" in card
    assert "snoozed until 2026-12-01" in card
    assert "at most 9w (every 9 weeks)" in card
    assert "not applicable ground rules, resume" in card


ROWS = [(Mentor, "mentor", "_MentorFile"), (Goal, "goal", "_GoalFile")]


@pytest.mark.parametrize(("kind", "row_kind", "file_model"), ROWS, ids=[r[1] for r in ROWS])
def test_the_row_its_check_and_its_file_have_the_record_s_fields(
    full: dict[type, Any], kind: type, row_kind: str, file_model: str
) -> None:
    from mentorlog.domain import rows
    from mentorlog.journal import schema

    names = list(fields.names(kind))
    row = full[kind].to_row()
    assert list(row) == names
    assert rows.checked(row_kind, row) == row
    # The file holds every field but the id, which is its name.
    assert ["id", *getattr(schema, file_model).model_fields] == names
    assert kind.from_row(row) == full[kind]


def test_a_reflection_row_has_the_reflection_s_fields(full: dict[type, Any]) -> None:
    from mentorlog.domain import rows

    reflection = full[Reflection]
    assert rows.ReflectionRow._fields == fields.names(Reflection)
    assert Reflection.from_row(rows.checked("reflection", tuple(reflection.to_row()))) == reflection


DOCUMENTED = [
    ("Mentors", ("mentor", "show", "ada-full", "--json")),
    ("Goals", ("goal", "show", "estimate-well", "--json")),
    ("Sessions", ("session", "show", SESSION, "--json")),
    ("Action items", ("action", "list", "--all", "--json")),
    ("Reflections", ("reflection", "show", REFLECTION, "--json")),
    ("Feedback", ("feedback", "list", "--all", "--json")),
    ("Export", ("export", "--format", "json", "--include-confidential")),
]


def _documented_keys(section: str) -> set[str]:
    """The keys in the first column of a section's table in docs/json.md (`a`, `b` rows too)."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "json.md").read_text("utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in body.splitlines():
        if line.startswith("| `"):
            keys.update(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
    return keys


@pytest.mark.parametrize(("section", "args"), DOCUMENTED, ids=[s[0] for s in DOCUMENTED])
def test_every_key_a_json_view_prints_is_documented(
    run, full: dict[type, Any], section: str, args: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    shown = result.json()
    shown = shown[0] if isinstance(shown, list) else shown
    assert set(shown) - _documented_keys(section) == set()
