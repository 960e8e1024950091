"""Read commands that do only the work their answer needs: the "as of" view copies nothing on
the usual day, lessons and timelines leave rich tables for plain lines past a screenful or into
a pipe, the JSON export is written a record at a time, and a new session's id is found by
looking up its few candidates. Work is counted, never timed."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from journal_builder import Builder
from mentorlog.domain.models import Session
from mentorlog.journal.storage import Journal
from mentorlog.render import export as render_export
from mentorlog.render.json import dumps
from mentorlog.services import asof, sessions
from mentorlog.services import export as export_service

TODAY = date(2026, 11, 23)  # as tests/conftest.py pins it
BOX = "│┃─━┏┓┗┛"


def history(root: Path, count: int = 30) -> Builder:
    builder = Builder(root).mentor("zoe", name="Zoë Müller", start=date(2024, 1, 1))
    builder.mentor("ngozi", name="Ngozi Okonkwo")
    for number in range(count):
        day = (TODAY - timedelta(days=7 * (number + 1))).isoformat()
        mentor = "zoe" if number % 2 else "ngozi"
        builder.session(
            mentor,
            day,
            f"Notes about the café, {number}.\n\n## Actions\n- [x] Send the résumé "
            f"(done {day})\n\n## Lessons\n- Ask early, {number}. #feedback\n",
            topic=f"Topic {number}",
            confidential=False,
        )
    return builder


# --- the as-of view ------------------------------------------------------------------------------


def test_the_view_of_today_is_the_snapshot_itself(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history(journal_dir).goal("speak", mentors=["zoe"], created=date(2025, 1, 1))
    snapshot = Journal(journal_dir).load()
    copies: list[object] = []
    real_replace = asof.replace
    monkeypatch.setattr(asof, "replace", lambda *a, **k: copies.append(a) or real_replace(*a, **k))
    view = asof.view(snapshot, TODAY)
    assert copies == []
    assert view.sessions is snapshot.sessions
    assert view.mentors is snapshot.mentors
    assert view.goals is snapshot.goals
    assert view.reflections is snapshot.reflections


def test_an_earlier_day_still_leaves_out_and_rolls_back_what_came_later(journal_dir: Path) -> None:
    history(journal_dir, count=4)
    snapshot = Journal(journal_dir).load()
    day = TODAY - timedelta(days=15)
    view = asof.view(snapshot, day)
    assert all(s.date <= day for s in view.sessions)
    assert len(view.sessions) == 2  # three and four weeks back
    # Every action was ticked on its session's day, so none is rolled back...
    assert all(a.done for s in view.sessions for a in s.actions)
    # ...but on the day before a session, that session is not there at all.
    earliest = min(s.date for s in snapshot.sessions)
    assert asof.view(snapshot, earliest - timedelta(days=1)).sessions == []


def test_an_action_ticked_after_the_day_is_open_in_the_view(journal_dir: Path) -> None:
    Builder(journal_dir).mentor("zoe").session(
        "zoe", "2026-10-01", "## Actions\n- [x] Send it (done 2026-11-01)\n"
    )
    snapshot = Journal(journal_dir).load()
    (then,) = asof.view(snapshot, date(2026, 10, 15)).sessions
    assert not then.actions[0].done
    (now,) = asof.view(snapshot, TODAY).sessions
    assert now is snapshot.sessions[0] and now.actions[0].done


class CountingList(list[Session]):
    walks = 0

    def __iter__(self) -> Any:
        CountingList.walks += 1
        return super().__iter__()


def test_sessions_by_mentor_walk_the_sessions_once(journal_dir: Path) -> None:
    history(journal_dir, count=10)
    snapshot = Journal(journal_dir).load()
    view = asof.view(snapshot, TODAY)
    view.sessions = CountingList(view.sessions)
    CountingList.walks = 0
    for _ in range(3):
        zoe, ngozi, nobody = (view.sessions_with(m) for m in ("zoe", "ngozi", "nobody"))
    assert CountingList.walks == 1
    assert len(zoe) == len(ngozi) == 5 and nobody == []
    zoe.clear()  # a caller's list is its own
    assert len(view.sessions_with("zoe")) == 5


# --- lessons and timelines as plain lines --------------------------------------------------------


def test_piped_lessons_are_plain_lines_with_user_text_made_safe(  # type: ignore[no-untyped-def]
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # a pipe: no terminal, no width
    history(journal_dir, count=6).session(
        "zoe", "2026-11-01", "## Lessons\n- Beware \x1b[31mred\x1b[0m ink. #feedback\n"
    )
    result = run("lessons")
    assert result.exit_code == 0
    assert not any(edge in result.stdout for edge in BOX)
    assert "\x1b" not in result.stdout
    assert "Beware \\x1b[31mred" in result.stdout or "Beware \\u001b" in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] in ("Ngozi Okonkwo (3)", "Zoë Müller (4)")
    assert sum(1 for line in lines if "Ask early" in line) == 6
    assert any(line.startswith("2026-11-01  Beware") for line in lines)


def test_lessons_on_a_terminal_stay_a_table_and_past_many_rows_go_plain(
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    history(journal_dir, count=6)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("MENTORLOG_PAGER", "")
    monkeypatch.setenv("LINES", "100")
    assert "Ask early, 5" in run("lessons").stdout
    drawn: list[object] = []
    from mentorlog.render import workflow

    real = workflow.lessons
    monkeypatch.setattr(workflow, "lessons", lambda *a: drawn.append(a) or real(*a))
    run("lessons")
    assert len(drawn) == 1
    from mentorlog.cli import pager

    monkeypatch.setattr(pager, "PLAIN_PAST_ROWS", 5)
    result = run("lessons")
    assert len(drawn) == 1  # not drawn through rich again
    assert sum(1 for line in result.stdout.splitlines() if "Ask early" in line) == 6


def test_a_piped_timeline_is_plain_lines_then_its_summary(  # type: ignore[no-untyped-def]
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # a pipe: no terminal, no width
    history(journal_dir, count=8).session(
        "zoe", "2026-11-02", "", topic="Line\u202eone\nsecret", confidential=False
    )
    from mentorlog.render import workflow

    result = run("timeline", "zoe")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Zoë Müller: the relationship so far"
    assert lines[1].startswith("2026-09-28  session  Topic 7 (check-in)")
    assert not any(edge in "\n".join(lines[:-3]) for edge in BOX)
    assert "\u202e" not in result.stdout and "\\u202e" in result.stdout
    sessions_shown = [line for line in lines if "  session " in line]
    assert len(sessions_shown) == 5
    assert "5 contacts" in result.stdout
    assert workflow.EVENT_LABELS is not None  # the labels are shared, not copied


# --- the JSON export -----------------------------------------------------------------------------


def test_the_streamed_export_is_the_document_and_reads_one_body_at_a_time(
    journal_dir: Path,
) -> None:
    history(journal_dir, count=12).reflection(
        "2026-11-01-zoe", "2026-11-01", mentor="zoe", confidential=False
    )
    journal = Journal(journal_dir)
    snapshot = journal.load()
    filters = export_service.Filters()
    whole = dumps(
        render_export.journal_json(export_service.collect(journal, snapshot, filters, TODAY))
    )
    chosen = export_service.select(snapshot, filters, TODAY)
    read: list[str] = []

    def counted(kind: str, records: list[Any]) -> Any:
        for entry in export_service.with_bodies(journal, snapshot, kind, records):
            read.append(entry.record.id)
            yield entry

    pieces = render_export.journal_json_chunks(
        chosen, counted("session", chosen.sessions), counted("reflection", chosen.reflections)
    )
    text = ""
    for piece in pieces:
        text += piece
        # No body is read before the piece that holds it.
        assert len(read) <= text.count('"body"') + 1
    assert text == whole + "\n"
    assert len(read) == 13
    assert json.loads(text)["sessions"][0]["body"]


def test_an_empty_export_streams_the_same_document(journal_dir: Path) -> None:
    Builder(journal_dir).mentor("zoe")
    journal = Journal(journal_dir)
    snapshot = journal.load()
    filters = export_service.Filters()
    chosen = export_service.select(snapshot, filters, TODAY)
    text = "".join(render_export.journal_json_chunks(chosen, [], []))
    whole = dumps(
        render_export.journal_json(export_service.collect(journal, snapshot, filters, TODAY))
    )
    assert text == whole + "\n"


def test_export_into_a_file_and_a_pipe_write_the_same_bytes(
    run, journal_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    history(journal_dir, count=5)
    piped = run("export", "--format", "json")
    assert piped.exit_code == 0
    target = tmp_path / "out.json"
    written = run("export", "--format", "json", "-o", str(target))
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == piped.stdout
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert len(json.loads(piped.stdout)["sessions"]) == 5
    again = run("export", "--format", "json", "-o", str(target))
    assert again.exit_code != 0 and "already exists" in again.stderr


def test_an_export_that_fails_part_way_leaves_no_file(
    run, journal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    history(journal_dir, count=5)
    from mentorlog.errors import InvalidFile

    real = export_service.read_body
    calls: list[str] = []

    def failing(journal: Journal, snapshot: Any, kind: str, record_id: str) -> str:
        calls.append(record_id)
        if len(calls) == 3:
            raise InvalidFile(record_id, "changed while it was exported")
        return real(journal, snapshot, kind, record_id)

    monkeypatch.setattr(export_service, "read_body", failing)
    target = tmp_path / "out.json"
    result = run("export", "--format", "json", "-o", str(target))
    assert result.exit_code != 0
    assert "changed while it was exported" in result.stderr
    assert not target.exists()
    assert list(tmp_path.glob("out.json*")) == []


# --- a new session's id --------------------------------------------------------------------------


def test_a_new_session_id_looks_up_its_candidates_and_lists_nothing(
    run, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    builder = history(journal_dir, count=40)
    builder.session("zoe", "2026-11-19", "", id="2026-11-19-zoe")
    builder.session("zoe", "2026-11-19", "", id="2026-11-19-zoe-2")
    # One clash moved by hand into another year's folder still holds its name.
    builder.session("zoe", "2019-11-19", "", id="2026-11-19-zoe-3")
    builder.session("zoe", "2026-11-19", "", id="2026-11-19-zoe-4")
    # (A file under one of these names that does not read stops the new session: see
    # tests/test_unread_files.py.)

    def no_listing(self: Journal, kind: str) -> set[str]:
        raise AssertionError(f"listed every {kind} file")

    monkeypatch.setattr(Journal, "ids_on_disk", no_listing)
    real_init = sessions.SessionIdsOnDisk.__init__

    def tracked(self: sessions.SessionIdsOnDisk, journal: Journal) -> None:
        real_init(self, journal)
        created.append(self)

    created: list[sessions.SessionIdsOnDisk] = []
    monkeypatch.setattr(sessions.SessionIdsOnDisk, "__init__", tracked)
    result = run("session", "new", "-m", "zoe", "--date", "2026-11-19", "--topic", "Again")
    assert result.exit_code == 0, result.stderr
    assert "2026-11-19-zoe-5" in result.stderr
    assert (journal_dir / "sessions" / "2026" / "2026-11-19-zoe-5.md").is_file()
    assert created[0].looked_up == 5  # the name and its -2 ... -5 siblings, nothing else
