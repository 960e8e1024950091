"""`mentorlog due` on a large journal does not look at every old session one by one: the index
keeps, per session year folder, a summary of the sessions that no longer matter whole (older
than the reflection lookback and with no open action item): each mentor's latest contact and
latest thank-you among them; and per reflection year folder, the sessions reflected on. These
tests are the promise that this is only a shortcut:

- the schedule gives the same report from the summary as from every session;
- `due` prints the same with no index, with a cold index and with a warm one;
- a hand edit anywhere (even years back) shows up in the very next `due`;
- `--as-of` and broken files are answered exactly as without an index.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY, examples
from journal_builder import Builder, d
from mentorlog.domain.dates import parse_cadence, parse_window
from mentorlog.domain.models import (
    ActionItem,
    EarlierSessions,
    Goal,
    Mentor,
    Reflection,
    Session,
)
from mentorlog.domain.schedule import REFLECTION_LOOKBACK_DAYS, due
from mentorlog.journal.reader import Reader, Snapshot
from mentorlog.journal.storage import Journal
from mentorlog.journal.summaries import summarise_session_rows
from test_index import age, age_file, set_mtime

LOOKBACK = timedelta(days=REFLECTION_LOOKBACK_DAYS)
SUMMARY_BEFORE = d(TODAY) - LOOKBACK  # what `mentorlog due` passes as summarise_before

# --- 1. the schedule: summed-up sessions give the same report ---------------------------------

MENTOR_IDS = ["ada", "ben", "cyd", "dee", "eli"]
KINDS = ["check-in", "question", "intro", "email", "message", "thanks"]
CADENCES = [None, "3d", "2w", "6w", "1m", "3m", "12m"]


@st.composite
def journals(draw: st.DrawFn) -> dict[str, Any]:
    """A random journal as the schedule sees it, and a random day to ask about."""
    today = draw(st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31)))

    def near(low: int, high: int) -> st.SearchStrategy[date]:
        return st.integers(low, high).map(lambda n: today + timedelta(days=n))

    mentors = []
    for mentor_id in MENTOR_IDS[: draw(st.integers(1, len(MENTOR_IDS)))]:
        cadence = draw(st.sampled_from(CADENCES))
        mentors.append(
            Mentor(
                id=mentor_id,
                name=mentor_id.title(),
                cadence=parse_cadence(cadence) if cadence else None,
                since=draw(st.none() | near(-5 * 365, 30)),
                added=draw(st.none() | near(-5 * 365, 30)),
                ended=draw(st.none() | near(-200, 40)),
                paused_until=draw(st.none() | near(-60, 60)),
            )
        )
    ids = [m.id for m in mentors] + ["gone"]  # "gone": sessions of a mentor with no file

    sessions: list[Session] = []
    taken: set[str] = set()
    for _ in range(draw(st.integers(0, 40))):
        mentor = draw(st.sampled_from(ids))
        # Mostly years back, some around the cutoff (today - 30 days), a few after today.
        on = draw(near(-4 * 365, 20) | near(-40, -20))
        session_id = f"{on.isoformat()}-{mentor}"
        while session_id in taken:
            session_id += "-2"
        taken.add(session_id)
        done_flags = draw(st.lists(st.booleans(), max_size=3))
        actions = [
            ActionItem(session_id, number, f"action {number}", done, on if done else None)
            for number, done in enumerate(done_flags, 1)
        ]
        sessions.append(
            Session(session_id, mentor, on, draw(st.sampled_from(KINDS)), actions=actions)
        )
    sessions.sort(key=lambda s: (s.date, s.id))

    goals = []
    for number in range(draw(st.integers(0, 3))):
        status = draw(st.sampled_from(["open", "done", "dropped"]))
        goals.append(
            Goal(
                id=f"goal-{number}",
                title=f"Goal {number}",
                mentors=draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)),
                status=status,
                closed=draw(near(-200, 10)) if status != "open" else None,
                independently=draw(st.booleans()),
            )
        )

    reflected = draw(st.lists(st.sampled_from(sessions), max_size=8)) if sessions else []
    reflections = []
    for n, session in enumerate(reflected):
        on = session.date + timedelta(days=draw(st.integers(-3, 10)))  # filed by hand, maybe
        reflections.append(
            Reflection(f"{on.isoformat()}-r{n}", on, session=session.id, mentor=session.mentor)
        )
    return {
        "today": today,
        "mentors": mentors,
        "sessions": sessions,
        "goals": goals,
        "reflections": reflections,
        "default_cadence": parse_cadence(draw(st.sampled_from(["2w", "4w", "2m"]))),
        "window": parse_window(draw(st.sampled_from(["0d", "7d", "3w"]))),
        "reflect_within": parse_cadence(draw(st.sampled_from(["1d", "3d", "2w"]))),
        "include_all": draw(st.booleans()),
        # The reflection folders (years) found unchanged, whose summary a warm load uses.
        "summed_reflection_years": draw(st.sets(st.integers(2018, 2029))),
    }


def summed_up(
    sessions: list[Session],
    reflections: list[Reflection],
    before: date,
    reflection_years: set[int],
) -> tuple[list[Session], list[Reflection], EarlierSessions]:
    """What a warm load gives: each year folder's session rows summarised, the kept rows read
    back as a summary read does (open actions only), and the rest merged into one
    EarlierSessions; the reflections of `reflection_years` summed up as the sessions they
    reflect on, the others kept whole."""
    folders: dict[int, list[Any]] = {}
    for session in sessions:
        folders.setdefault(session.date.year, []).append(session.to_row())
    kept: list[Session] = []
    contacts: dict[str, date] = {}
    thanks: dict[str, date] = {}
    for rows in folders.values():
        cutoff, summed_contacts, summed_thanks, kept_rows, problems = summarise_session_rows(
            rows, [], before.isoformat()
        )
        assert cutoff <= before.isoformat()  # otherwise `due` could not use it for `before`
        assert problems == ()
        kept.extend(Session.from_row(row, False) for row in kept_rows)
        for mentor, day in summed_contacts.items():
            contacts[mentor] = max(contacts.get(mentor, date.min), d(day))
        for mentor, day in summed_thanks.items():
            thanks[mentor] = max(thanks.get(mentor, date.min), d(day))
    kept.sort(key=lambda s: (s.date, s.id))
    whole = [r for r in reflections if r.date.year not in reflection_years]
    reflected = {r.session for r in reflections if r.date.year in reflection_years and r.session}
    return kept, whole, EarlierSessions(before, contacts, thanks, frozenset(reflected))


@settings(max_examples=examples(300), deadline=None)
@given(journal=journals())
def test_the_schedule_gives_the_same_report_from_a_summary_of_old_sessions(
    journal: dict[str, Any],
) -> None:
    today = journal["today"]
    sessions = journal["sessions"]
    before = today - LOOKBACK
    kept, reflections, earlier = summed_up(
        sessions, journal["reflections"], before, journal["summed_reflection_years"]
    )

    # The summary only leaves out what it may: old sessions with nothing open.
    kept_ids = {s.id for s in kept}
    for session in sessions:
        if session.id not in kept_ids:
            assert session.date < before and not session.open_actions()

    options = {
        key: journal[key]
        for key in ("today", "default_cadence", "window", "reflect_within", "include_all")
    }
    everything = due(
        journal["mentors"], sessions, journal["reflections"], journal["goals"], **options
    )
    summarised = due(
        journal["mentors"],
        kept,
        reflections,
        journal["goals"],
        earlier=earlier,
        **options,
    )
    # The whole report: rows (status, last contact, next due, open actions, unreflected calls,
    # thanks owed), and the report-wide lists.
    assert summarised == everything


def test_a_summary_sums_up_old_sessions_and_keeps_recent_and_open_ones() -> None:
    """The example the property test generalises, spelled out."""
    rows = [
        Session("2024-01-05-ada", "ada", d("2024-01-05"), "check-in").to_row(),
        Session("2024-03-01-ada", "ada", d("2024-03-01"), "thanks").to_row(),
        Session("2024-06-01-ben", "ben", d("2024-06-01"), "email").to_row(),
        Session(
            "2024-02-01-ben",
            "ben",
            d("2024-02-01"),
            actions=[ActionItem("2024-02-01-ben", 1, "Send the plan")],
        ).to_row(),
        Session("2024-12-20-ada", "ada", d("2024-12-20"), "question").to_row(),
    ]
    cutoff, contacts, thanks, kept, problems = summarise_session_rows(rows, [], "2024-12-01")
    assert cutoff == "2024-12-01"
    assert contacts == {"ada": "2024-03-01", "ben": "2024-06-01"}
    assert thanks == {"ada": "2024-03-01"}
    assert [row[0] for row in kept] == ["2024-02-01-ben", "2024-12-20-ada"]
    assert problems == ()

    # A folder wholly older than the day asked about serves every later day too.
    cutoff, contacts, _, kept, _ = summarise_session_rows(rows[:3], [], "2026-01-01")
    assert cutoff == "2024-06-02"
    assert kept == ()


# --- 6. the guard in the schedule ----------------------------------------------------------


def schedule_options(today: date) -> dict[str, Any]:
    return {
        "today": today,
        "default_cadence": parse_cadence("4w"),
        "window": parse_window("7d"),
        "reflect_within": parse_cadence("3d"),
    }


def test_the_schedule_refuses_a_summary_that_reaches_into_the_reflection_lookback() -> None:
    """A call 20 days ago still needs a reflection; summed up, it would silently vanish."""
    today = d(TODAY)
    ada = Mentor(id="ada", name="Ada", cadence=parse_cadence("1m"))
    call = Session("2026-11-03-ada", "ada", d("2026-11-03"), "check-in")
    assert due([ada], [call], [], [], **schedule_options(today)).unreflected

    for days in (REFLECTION_LOOKBACK_DAYS - 1, 1, 0, -5):
        too_late = EarlierSessions(today - timedelta(days=days), {"ada": d("2026-11-03")})
        with pytest.raises(ValueError, match="reflection lookback"):
            due([ada], [], [], [], earlier=too_late, **schedule_options(today))

    just_old_enough = EarlierSessions(today - LOOKBACK, {"ada": d("2026-10-01")})
    report = due([ada], [], [], [], earlier=just_old_enough, **schedule_options(today))
    assert report.rows[0].last_contact == d("2026-10-01")


def test_the_schedule_takes_last_contact_and_thanks_from_the_summary() -> None:
    today = d(TODAY)
    ada = Mentor(id="ada", name="Ada", cadence=parse_cadence("1m"), ended=d("2026-10-01"))
    ben = Mentor(id="ben", name="Ben", cadence=parse_cadence("1m"))
    newer = Session("2026-09-01-ben", "ben", d("2026-09-01"))
    earlier = EarlierSessions(
        today - LOOKBACK,
        last_contact={"ada": d("2026-10-05"), "ben": d("2026-06-01")},
        last_thanks={"ada": d("2026-10-05")},
    )
    report = due([ada, ben], [newer], [], [], earlier=earlier, **schedule_options(today))
    assert report.thanks == []  # thanked after the relationship ended
    assert [(r.mentor.id, r.last_contact) for r in report.rows] == [("ben", d("2026-09-01"))]

    unthanked = EarlierSessions(today - LOOKBACK, last_contact={"ada": d("2026-06-01")})
    report = due([ada], [], [], [], earlier=unthanked, **schedule_options(today))
    assert [(t.mentor, t.reason) for t in report.thanks] == [("ada", "ended")]
    assert report.rows[0].last_contact == d("2026-06-01")


# --- a journal on disk -------------------------------------------------------------------------

MENTORS = ["ada-okafor", "ben-sato", "carla-mendes", "dev-patel", "eve-lind"]


def build(root: Path) -> Builder:
    """Five mentors, about fifty sessions and a few reflections over six years (today is
    2026-11-23):

    - ada-okafor: emails every summer and autumn 2021-2025, a call in September, one on
      2026-11-03 (reflected on) and one on 2026-11-10 (not yet); helped with a goal closed
      2026-09-01, never thanked since: thanks owed.
    - ben-sato (every 6 weeks): last contact 2025-02-10, overdue; one 2023 session has only a
      done action.
    - carla-mendes: ended 2026-10-01, last thanked in 2024: thanks owed.
    - dev-patel: paused until 2027; an open action from 2023.
    - eve-lind (every 3 months): one email in 2022, very overdue.
    """
    b = Builder(root)
    b.mentor("ada-okafor", cadence="3m", since=d("2021-01-10"))
    b.mentor("ben-sato", cadence="6w", since=d("2022-01-01"))
    b.mentor("carla-mendes", cadence="1m", since=d("2022-06-01"), ended=d("2026-10-01"))
    b.mentor("dev-patel", cadence="2m", since=d("2023-01-01"), paused_until=d("2027-01-15"))
    b.mentor("eve-lind", cadence="3m", since=d("2021-06-01"))
    b.goal("ship-the-report", status="done", closed=d("2026-09-01"), mentors=["ada-okafor"])
    b.session("ada-okafor", "2021-05-05", "## Notes\nFirst call.\n", kind="intro")
    for year in range(2021, 2026):
        for month in range(6, 13):
            b.session("ada-okafor", f"{year}-{month:02}-15", "Short note.\n", kind="email")
    b.session("ada-okafor", "2026-09-20", "## Notes\nPlanning.\n", kind="check-in")
    b.session("ada-okafor", "2026-11-03", "## Notes\nThe plan.\n", kind="check-in")
    b.session("ada-okafor", "2026-11-10", "## Notes\nQuestions.\n", kind="question")
    b.reflection("2026-11-04-ada-okafor", "2026-11-04", session="2026-11-03-ada-okafor")
    b.reflection("2026-09-21-ada-okafor", "2026-09-21", session="2026-09-20-ada-okafor")
    b.session("ben-sato", "2022-04-04", "## Notes\nHello.\n")
    b.session("ben-sato", "2023-05-02", "## Notes\nBudget talk.\n")
    b.session("ben-sato", "2023-08-15", "## Actions\n- [x] Read the report\n")
    b.session("ben-sato", "2024-01-20", "Wrote to Ben.\n", kind="message")
    b.session("ben-sato", "2025-02-10", "## Notes\nCatch-up.\n")
    b.session("carla-mendes", "2022-07-01", "## Notes\nHello.\n", kind="intro")
    b.session("carla-mendes", "2024-06-12", "Thank you card.\n", kind="thanks")
    b.session("carla-mendes", "2026-09-15", "## Notes\nLast call.\n")
    b.session("dev-patel", "2023-11-11", "## Actions\n- [ ] Send Dev the article\n")
    b.session("dev-patel", "2024-02-02", "## Notes\nFollow-up.\n")
    b.session("eve-lind", "2022-03-01", "Sent the slides.\n", kind="email")
    b.reflection("2022-04-05-ben-sato", "2022-04-05", session="2022-04-04-ben-sato")
    b.reflection("2023-05-03-ben-sato", "2023-05-03", session="2023-05-02-ben-sato")
    b.reflection("2024-01-02-new-year", "2024-01-02")  # about no session
    return b


def sessions_on_disk(root: Path) -> list[Path]:
    return sorted((root / "sessions").rglob("*.md"))


@pytest.fixture
def journal_root(journal_dir: Path) -> Path:
    build(journal_dir)
    age(journal_dir)
    return journal_dir


COMMANDS = [
    ("due",),
    ("due", "--json"),
    ("due", "--all"),
    ("due", "--all", "--json"),
]


Run = Callable[..., Any]


def outputs(run: Run, commands: list[tuple[str, ...]] = COMMANDS) -> dict[str, tuple[str, str]]:
    found = {}
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        found[" ".join(args)] = (result.stdout, result.stderr)
    return found


def outputs_without_index(
    run: Run, monkeypatch: pytest.MonkeyPatch, commands: list[tuple[str, ...]] = COMMANDS
) -> dict[str, tuple[str, str]]:
    """What `due` says when every file is read (an empty MENTORLOG_CACHE_DIR: no index)."""
    with monkeypatch.context() as patch:
        patch.setenv("MENTORLOG_CACHE_DIR", "")
        return outputs(run, commands)


def full_load(root: Path, monkeypatch: pytest.MonkeyPatch) -> Snapshot:
    with monkeypatch.context() as patch:
        patch.setenv("MENTORLOG_CACHE_DIR", "")
        return Journal(root).load()


def check_summary(
    root: Path, before: date, monkeypatch: pytest.MonkeyPatch
) -> tuple[Snapshot, Snapshot]:
    """Journal.load(summarise_before=before) keeps its contract: every session it leaves out
    is dated before `before` with no open action, and `earlier` holds exactly the latest
    contact and thank-you per mentor among those left out, and the sessions that the
    reflections left out reflect on."""
    full = full_load(root, monkeypatch)
    summary = Journal(root).load(summarise_before=before)
    assert summary.earlier is not None and summary.earlier.before == before
    listed = {s.id for s in summary.sessions}
    assert listed <= {s.id for s in full.sessions}
    left_out = [s for s in full.sessions if s.id not in listed]
    for session in left_out:
        assert session.date < before and not session.open_actions(), session.id
    contacts: dict[str, date] = {}
    thanks: dict[str, date] = {}
    for session in left_out:
        contacts[session.mentor] = max(contacts.get(session.mentor, date.min), session.date)
        if session.kind == "thanks":
            thanks[session.mentor] = max(thanks.get(session.mentor, date.min), session.date)
    assert summary.earlier.last_contact == contacts
    assert summary.earlier.last_thanks == thanks
    for session in summary.sessions:
        assert list(session.actions) == next(
            s.open_actions() for s in full.sessions if s.id == session.id
        )
    kept_reflections = {r.id for r in summary.reflections}
    assert kept_reflections <= {r.id for r in full.reflections}
    assert summary.earlier.reflected == {
        r.session for r in full.reflections if r.id not in kept_reflections and r.session
    }
    assert sorted(map(str, summary.problems)) == sorted(map(str, full.problems))
    return summary, full


def assert_summarised(root: Path, monkeypatch: pytest.MonkeyPatch) -> Snapshot:
    """A warm load for today's `due` really uses the summaries: most sessions are left out."""
    summary, full = check_summary(root, SUMMARY_BEFORE, monkeypatch)
    assert summary.earlier is not None and summary.earlier.last_contact
    assert len(summary.sessions) * 3 < len(full.sessions)
    assert len(summary.reflections) < len(full.reflections)
    return summary


def warm_up(run: Run, root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, str]]:
    """Run every `due` twice (a cold index, then a warm one) and check the warm one summarises."""
    cold = outputs(run)
    warm = outputs(run)
    assert warm == cold
    assert_summarised(root, monkeypatch)
    return warm


# --- 2. the same output with no index, a cold index and a warm index ------------------------


def test_due_prints_the_same_with_no_index_a_cold_one_and_a_warm_one(
    run: Run, journal_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without = outputs_without_index(run, monkeypatch)
    assert not (tmp_path / "cache").exists()
    cold = outputs(run)
    assert (tmp_path / "cache").exists()
    warm = outputs(run)
    summary = assert_summarised(journal_root, monkeypatch)
    warm_again = outputs(run)
    shutil.rmtree(tmp_path / "cache")
    rebuilt = outputs(run)
    assert without == cold == warm == warm_again == rebuilt

    # The report is not empty, so "the same" says something: everyone's state is in it.
    text = without["due --all"][0]
    for mentor in ("Ben Sato", "Eve Lind", "Ada Okafor", "Carla Mendes"):
        assert mentor in text
    rows = {row["mentor"]: row for row in run("due", "--all", "--json").json()["mentors"]}
    assert rows["eve-lind"]["last_contact"] == "2022-03-01"
    assert rows["ben-sato"]["last_contact"] == "2025-02-10"
    assert rows["ben-sato"]["status"] == "lapsed"  # past 1.5x the cadence
    assert rows["ada-okafor"]["last_contact"] == "2026-11-10"
    assert [t["reason"] for t in rows["ada-okafor"]["thank_for"]] == ["goal"]
    assert [t["reason"] for t in rows["carla-mendes"]["thank_for"]] == ["ended"]
    assert [u["session"] for u in rows["ada-okafor"]["unreflected"]] == ["2026-11-10-ada-okafor"]
    assert "dev-patel" not in rows  # paused

    # What was summed up: the old sessions' latest contact per mentor, nothing recent.
    assert summary.earlier is not None
    assert len(summary.sessions) <= 5 < 40 <= len(sessions_on_disk(journal_root))
    assert summary.earlier.last_contact["eve-lind"] == d("2022-03-01")
    assert summary.earlier.last_thanks == {"carla-mendes": d("2024-06-12")}
    assert "2026-11-03-ada-okafor" in summary.earlier.reflected
    assert summary.reflections == []
    kept = {s.id for s in summary.sessions}
    assert "2026-11-10-ada-okafor" in kept  # recent
    assert "2023-11-11-dev-patel" in kept  # an open action
    assert "2022-03-01-eve-lind" not in kept


def test_a_warm_due_parses_no_file(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm_up(run, journal_root, monkeypatch)
    parsed: list[str] = []
    original = Reader.parse_file

    def counting(reader: Reader, kind: str, path: Path, rel: str) -> Any:
        parsed.append(rel)
        return original(reader, kind, path, rel)

    monkeypatch.setattr(Reader, "parse_file", counting)
    run("due")
    assert parsed == []


# --- 3. never stale: a hand edit shows up in the next `due` ---------------------------------


def session_file(root: Path, record_id: str) -> Path:
    return root / "sessions" / record_id[:4] / f"{record_id}.md"


def add_an_open_action_years_back(root: Path) -> None:
    path = session_file(root, "2023-05-02-ben-sato")
    path.write_text(path.read_text() + "\n## Actions\n- [ ] Send Ben the revised plan\n")
    age_file(path)


def change_an_old_sessions_mentor(root: Path) -> None:
    """Eve's last contact moves from 2022 to 2023; Ben's stays in 2025."""
    path = session_file(root, "2023-05-02-ben-sato")
    path.write_text(path.read_text().replace('mentor = "ben-sato"', 'mentor = "eve-lind"'))
    age_file(path)


def add_an_old_session(root: Path) -> None:
    Builder(root).session("eve-lind", "2024-07-01", "Met at the conference.\n")
    age_file(session_file(root, "2024-07-01-eve-lind"))


def move_an_old_session_to_last_week(root: Path) -> None:
    """Only its date changes; it stays in its old folder, under its old name."""
    path = session_file(root, "2023-05-02-ben-sato")
    path.write_text(path.read_text().replace("date = 2023-05-02", "date = 2026-11-16"))
    age_file(path)


def delete_a_mentors_latest_session(root: Path) -> None:
    session_file(root, "2025-02-10-ben-sato").unlink()


def rename_a_file_with_an_open_action(root: Path) -> None:
    """The action's id is the session's id, which is the file name."""
    path = session_file(root, "2023-11-11-dev-patel")
    path.rename(path.with_name("2023-11-11-dev-patel-2.md"))
    (root / "mentors" / "dev-patel.toml").write_text(
        'name = "Dev Patel"\ncadence = "2m"\nsince = 2023-01-01\n'
    )  # no longer paused, so the open action shows
    age(root)


def rename_an_old_file(root: Path) -> None:
    path = session_file(root, "2025-02-10-ben-sato")
    path.rename(path.with_name("2025-02-10-ben-sato-call.md"))


def change_a_file_keeping_its_mtime(root: Path) -> None:
    """A later date and one more line: another size, the same mtime."""
    path = session_file(root, "2022-03-01-eve-lind")
    before = path.stat()
    text = path.read_text().replace("date = 2022-03-01", "date = 2022-11-30")
    path.write_text(text + "And a follow-up call.\n")
    set_mtime(path, before.st_mtime_ns)
    assert path.stat().st_size != before.st_size


def change_a_file_keeping_its_size_and_mtime(root: Path) -> None:
    path = session_file(root, "2022-03-01-eve-lind")
    before = path.stat()
    path.write_text(path.read_text().replace("date = 2022-03-01", "date = 2022-09-01"))
    set_mtime(path, before.st_mtime_ns)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def thank_a_mentor_who_ended_recently(root: Path) -> None:
    """Dated before the summary's cutoff, so it is itself summed up on the next warm run."""
    Builder(root).session("carla-mendes", "2026-10-05", "A card.\n", kind="thanks")
    age_file(session_file(root, "2026-10-05-carla-mendes"))


def thank_a_mentor_in_an_older_folder(root: Path) -> None:
    """A thank-you filed by hand in last year's folder still settles this year's thanks."""
    Builder(root).session(
        "carla-mendes", "2026-10-05", "A card.\n", kind="thanks", id="2026-10-05-carla-mendes"
    )
    moved = root / "sessions" / "2025" / "2026-10-05-carla-mendes.md"
    session_file(root, "2026-10-05-carla-mendes").rename(moved)
    age_file(moved)


def reflect_on_a_recent_call_in_an_old_folder(root: Path) -> None:
    """Odd but valid: a reflection filed in 2023's folder about last week's call."""
    Builder(root).reflection("2023-02-02-late-notes", "2023-02-02", session="2026-11-10-ada-okafor")
    age_file(root / "reflections" / "2023" / "2023-02-02-late-notes.md")


def delete_the_reflection_on_a_recent_call(root: Path) -> None:
    (root / "reflections" / "2026" / "2026-11-04-ada-okafor.md").unlink()


def repoint_an_old_reflection_keeping_its_mtime(root: Path) -> None:
    path = root / "reflections" / "2022" / "2022-04-05-ben-sato.md"
    before = path.stat()
    path.write_text(path.read_text().replace("2022-04-04-ben-sato", "2026-11-10-ada-okafor"))
    set_mtime(path, before.st_mtime_ns)


def touch_nothing_but_the_mtime(root: Path) -> None:
    """Not an edit: `due` must still agree (and keep using the summary afterwards)."""
    age_file(session_file(root, "2021-05-05-ada-okafor"), seconds=7200)


EDITS: list[tuple[Callable[[Path], None], bool]] = [
    # (the edit, whether it changes what `due` says)
    (add_an_open_action_years_back, True),
    (change_an_old_sessions_mentor, True),
    (add_an_old_session, True),
    (move_an_old_session_to_last_week, True),
    (delete_a_mentors_latest_session, True),
    (rename_a_file_with_an_open_action, True),
    (rename_an_old_file, False),
    (change_a_file_keeping_its_mtime, True),
    (change_a_file_keeping_its_size_and_mtime, True),
    (thank_a_mentor_who_ended_recently, True),
    (thank_a_mentor_in_an_older_folder, True),
    (reflect_on_a_recent_call_in_an_old_folder, True),
    (delete_the_reflection_on_a_recent_call, True),
    (repoint_an_old_reflection_keeping_its_mtime, True),
    (touch_nothing_but_the_mtime, False),
]


@pytest.mark.parametrize(("edit", "changes"), EDITS, ids=[e.__name__ for e, _ in EDITS])
def test_a_hand_edit_after_a_warm_run_shows_in_the_next_due(
    edit: Callable[[Path], None],
    changes: bool,
    run: Run,
    journal_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = warm_up(run, journal_root, monkeypatch)
    edit(journal_root)
    expected = outputs_without_index(run, monkeypatch)
    assert (expected != before) == changes
    assert outputs(run) == expected  # the first run after the edit
    assert outputs(run) == expected  # and the one after, with the index rewritten
    age(journal_root)
    assert outputs(run) == expected
    assert_summarised(journal_root, monkeypatch)  # the summary is back in use
    assert outputs(run) == expected


def test_each_edit_shows_in_due_as_expected(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the edits above do to the report, so "the same as without an index" means
    "right"."""

    def rows() -> dict[str, Any]:
        return {row["mentor"]: row for row in run("due", "--all", "--json").json()["mentors"]}

    warm_up(run, journal_root, monkeypatch)
    add_an_open_action_years_back(journal_root)
    assert [a["text"] for a in rows()["ben-sato"]["open_actions"]] == ["Send Ben the revised plan"]
    change_an_old_sessions_mentor(journal_root)
    assert rows()["eve-lind"]["last_contact"] == "2023-05-02"
    assert rows()["ben-sato"]["open_actions"] == []
    add_an_old_session(journal_root)
    assert rows()["eve-lind"]["last_contact"] == "2024-07-01"
    delete_a_mentors_latest_session(journal_root)
    assert rows()["ben-sato"]["last_contact"] == "2024-01-20"
    rename_a_file_with_an_open_action(journal_root)
    assert [a["id"] for a in rows()["dev-patel"]["open_actions"]] == ["2023-11-11-dev-patel-2#1"]
    thank_a_mentor_who_ended_recently(journal_root)
    assert "carla-mendes" not in rows()
    delete_the_reflection_on_a_recent_call(journal_root)
    assert [u["session"] for u in rows()["ada-okafor"]["unreflected"]] == [
        "2026-11-03-ada-okafor",
        "2026-11-10-ada-okafor",
    ]
    reflect_on_a_recent_call_in_an_old_folder(journal_root)
    assert [u["session"] for u in rows()["ada-okafor"]["unreflected"]] == ["2026-11-03-ada-okafor"]


# --- 4. --as-of a day before the summaries' cutoff --------------------------------------------

AS_OF = ["2026-10-01", "2025-03-01", "2024-06-20", "2023-01-10", "2026-12-15"]


@pytest.mark.parametrize("as_of", AS_OF)
def test_due_as_of_another_day_is_answered_as_without_an_index(
    as_of: str, run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = [("due", "--as-of", as_of), ("due", "--all", "--as-of", as_of, "--json")]
    expected = outputs_without_index(run, monkeypatch, commands)
    warm_up(run, journal_root, monkeypatch)
    assert outputs(run, commands) == expected  # today's summaries in the index
    assert outputs(run, commands) == expected
    # The load for that day keeps every session on or after its own cutoff.
    check_summary(journal_root, d(as_of) - LOOKBACK, monkeypatch)
    # And today's answer is still today's.
    assert outputs(run) == outputs_without_index(run, monkeypatch)
    assert_summarised(journal_root, monkeypatch)


def test_due_as_of_a_past_day_sees_sessions_that_today_sums_up(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm_up(run, journal_root, monkeypatch)
    rows = {
        r["mentor"]: r
        for r in run("due", "--all", "--as-of", "2023-09-01", "--json").json()["mentors"]
    }
    assert rows["ben-sato"]["last_contact"] == "2023-08-15"
    assert rows["eve-lind"]["last_contact"] == "2022-03-01"
    assert rows["ada-okafor"]["last_contact"] == "2023-08-15"


@pytest.mark.parametrize("later", ["2026-11-24", "2026-12-20", "2027-06-01", "2026-11-01"])
def test_a_warm_index_from_another_day_gives_todays_answer(
    later: str, run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summaries were made on 2026-11-23; `due` runs again days later (or the clock went
    back): the summaries still serve a later day, and never an earlier one."""
    warm_up(run, journal_root, monkeypatch)
    monkeypatch.setenv("MENTORLOG_TODAY", later)
    expected = outputs_without_index(run, monkeypatch)
    assert outputs(run) == expected
    assert outputs(run) == expected
    check_summary(journal_root, d(later) - LOOKBACK, monkeypatch)


# --- 5. broken files in old folders ----------------------------------------------------------


def test_a_broken_file_in_an_old_folder_is_reported_on_a_warm_run(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = journal_root / "sessions" / "2022" / "2022-08-08-ben-sato.md"
    broken.write_text('+++\nmentor = "ben-sato"\ndate = "last summer"\n+++\n')
    age(journal_root)
    expected = outputs_without_index(run, monkeypatch)
    cold = outputs(run)
    warm = outputs(run)
    assert_summarised(journal_root, monkeypatch)
    assert cold == warm == expected
    warning = [line for line in warm["due"][1].splitlines() if "2022-08-08-ben-sato" in line]
    assert len(warning) == 1 and warning[0].startswith("mentorlog: warning: sessions/2022/")
    for command in warm.values():
        assert warning[0] in command[1]

    # Mended, it counts again (and the warning goes).
    broken.write_text('+++\nmentor = "ben-sato"\ndate = 2022-08-08\n+++\n')
    age_file(broken)
    mended = outputs(run)
    assert mended == outputs_without_index(run, monkeypatch)
    assert "warning" not in mended["due"][1]


def test_broken_files_in_several_folders_are_reported_in_the_same_order_warm_and_cold(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One in a folder summed up whole, one in this year's (partly summed up) folder."""
    (journal_root / "sessions" / "2022" / "2022-08-08-ben-sato.md").write_text(
        '+++\nmentor = "ben-sato"\ndate = "last summer"\n+++\n'
    )
    (journal_root / "sessions" / "2026" / "2026-03-03-ben-sato.md").write_text("no front matter\n")
    age(journal_root)
    expected = outputs_without_index(run, monkeypatch)
    assert outputs(run) == expected
    assert outputs(run) == expected
    assert_summarised(journal_root, monkeypatch)
    assert expected["due"][1].count("(skipped)") == 2
    assert "2 files could not be read" in expected["due"][1]


@pytest.mark.parametrize("other_year", ["2023", "2025"])
def test_a_session_id_in_two_year_folders_is_reported_warm_and_cold(
    other_year: str, run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is read before (2023) or after (2024) the folder summed up."""
    warm_up(run, journal_root, monkeypatch)
    source = session_file(journal_root, "2024-01-20-ben-sato")
    shutil.copy(source, journal_root / "sessions" / other_year / source.name)
    age(journal_root)
    assert "same id" in twice_as_without_index(run, monkeypatch)["due"][1]


# --- other commands in between --------------------------------------------------------------


def test_due_after_other_commands_read_the_journal(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other commands read the same index without summaries; `due` must not be misled, and
    once the files settle it summarises again."""
    warm_up(run, journal_root, monkeypatch)
    add_an_old_session(journal_root)
    for args in (("session", "list", "--json"), ("action", "list", "--json")):
        assert run(*args).exit_code == 0
    agrees_then_summarises(run, journal_root, monkeypatch)


def test_an_index_from_before_summaries_is_upgraded_quietly(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain load (any other command) leaves no summary; `due` then reads the files."""
    Journal(journal_root).load()
    agrees_then_summarises(run, journal_root, monkeypatch)


def twice_as_without_index(run: Run, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, str]]:
    """Two runs answer as a read without an index does; that answer, to look into."""
    expected = outputs_without_index(run, monkeypatch)
    assert outputs(run) == expected
    assert outputs(run) == expected
    return expected


def agrees_then_summarises(run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two runs answer as a read without an index does, and the index then sums up again."""
    expected = outputs_without_index(run, monkeypatch)
    assert outputs(run) == expected
    assert outputs(run) == expected
    assert_summarised(journal_root, monkeypatch)


def test_the_files_are_checked_one_by_one_not_by_the_folder_stamp(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a file in place does not change its folder's mtime."""
    warm_up(run, journal_root, monkeypatch)
    folder = journal_root / "sessions" / "2024"
    folder_stat = folder.stat()
    path = session_file(journal_root, "2024-01-20-ben-sato")
    path.write_text(path.read_text().replace("2024-01-20", "2025-06-30"))
    age_file(path)
    os.utime(folder, ns=(folder_stat.st_atime_ns, folder_stat.st_mtime_ns))
    expected = outputs_without_index(run, monkeypatch)
    assert outputs(run) == expected
    rows = {r["mentor"]: r for r in run("due", "--all", "--json").json()["mentors"]}
    assert rows["ben-sato"]["last_contact"] == "2025-06-30"


# --- files that cannot be read, and folders that are not year folders ---------------------------


def test_a_file_that_cannot_be_stat_ed_leaves_its_folder_to_be_read_again(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dangling link (or a file gone between listing and stat) is not in the summary; once
    its target appears, Eve's later session counts, warm as cold."""
    warm_up(run, journal_root, monkeypatch)
    target = journal_root.parent / "elsewhere.md"
    source = session_file(journal_root, "2022-03-01-eve-lind")
    link = source.with_name("2022-06-01-eve-lind.md")
    link.symlink_to(target)  # dangling: its stat fails
    twice_as_without_index(run, monkeypatch)
    target.write_text(source.read_text().replace("date = 2022-03-01", "date = 2022-06-01"))
    age_file(target)
    assert "2022-06-01" in twice_as_without_index(run, monkeypatch)["due --all --json"][0]


def test_a_folder_whose_name_ends_in_a_year_is_not_that_year_s_folder(
    run: Run, journal_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sessions/archive-2024` holds no record in its usual place, so a copy there of a 2024
    session is reported as a duplicate, warm as cold."""
    warm_up(run, journal_root, monkeypatch)
    source = session_file(journal_root, "2024-01-20-ben-sato")
    archive = journal_root / "sessions" / "archive-2024"
    archive.mkdir()
    (archive / source.name).write_text(
        source.read_text().replace("date = 2024-01-20", "date = 2024-04-01")
    )
    age(journal_root)
    assert "same id" in twice_as_without_index(run, monkeypatch)["due"][1]
