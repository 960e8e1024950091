"""Read commands that stream: export, session list, lessons, timeline and action list read the
sessions without details and build each one in full only as it is written out, so their memory
does not grow with the journal. What they print is what a read of every record in full gives;
the work is counted (records built, index folders decoded), never timed."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain import models
from mentorlog.journal import index as index_module
from mentorlog.journal.storage import Journal
from mentorlog.render import export as render_export
from mentorlog.render import json as render_json
from mentorlog.render import workflow_json
from mentorlog.services import actions, asof, lessons, timeline
from mentorlog.services import export as export_service

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate

TODAY = date(2026, 11, 23)  # as tests/conftest.py pins it, and as the generator writes


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.generate(tmp_path_factory.mktemp("generated"), sessions=800, mentors=5, seed=3)


@pytest.fixture
def generated(generated_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal shaped like a real one (accented notes, actions, lessons, reflections) over
    two year folders, its files dated a day back so that the index keeps them."""
    root = tmp_path / "generated"
    shutil.copytree(generated_once, root)
    generate.settle(root)
    monkeypatch.setenv("MENTORLOG_DIR", str(root))
    return root


def busiest(root: Path) -> str:
    return max(
        sorted(p.stem for p in (root / "mentors").glob("*.toml")),
        key=lambda m: sum(1 for _ in (root / "sessions").glob(f"*/*-{m}.md")),
    )


@pytest.mark.slow  # generates a journal of 800 sessions
@pytest.mark.parametrize("cache", ["cold", "warm", "off"])
def test_sessions_in_full_are_those_a_full_read_gives(
    generated: Path, cache: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if cache == "off":
        monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
    journal = Journal(generated)
    if cache == "warm":
        journal.load()
    slim = journal.load(details=False)
    full = Journal(generated).load()
    assert len(full.sessions) == 800
    assert any(s.lessons for s in full.sessions) and any(s.advice for s in full.sessions)
    assert [s for s in slim.sessions if s.lessons] == []
    assert list(journal.in_full(slim, slim.sessions)) == full.sessions


@pytest.mark.slow  # generates a journal of 800 sessions
def test_a_session_edited_after_the_read_is_read_again_from_its_file(generated: Path) -> None:
    journal = Journal(generated)
    slim = journal.load(details=False)
    edited = slim.sessions[5]
    path = generated / "sessions" / edited.id[:4] / f"{edited.id}.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n## Lessons\n- Added after the read. #late\n",
        encoding="utf-8",
    )
    gone = slim.sessions[6]
    (generated / "sessions" / gone.id[:4] / f"{gone.id}.md").unlink()
    given_back = list(journal.in_full(slim, slim.sessions[:8]))
    assert given_back[5].lessons[-1].text.startswith("Added after the read.")
    assert given_back[5] == Journal(generated).load().session(edited.id)
    # A file gone since the read: the session as it was read, never an error.
    assert given_back[6] is gone


@pytest.mark.slow  # generates a journal of 800 sessions
def test_sessions_in_full_are_built_one_at_a_time_one_folder_decoded_at_a_time(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(generated)
    journal.load()
    slim = journal.load(details=False)
    built: list[str] = []
    decoded: list[str] = []
    real_from_row = models.Session.from_row.__func__  # type: ignore[attr-defined]
    real_entries = index_module.Index.entries

    def counted_from_row(cls: Any, row: Any, details: bool = True) -> Any:
        if details:
            built.append(row.id)
        return real_from_row(cls, row, details)

    def counted_entries(self: Any, rel: str) -> Any:
        decoded.append(rel)
        return real_entries(self, rel)

    monkeypatch.setattr(models.Session, "from_row", classmethod(counted_from_row))
    monkeypatch.setattr(index_module.Index, "entries", counted_entries)
    stream = journal.in_full(slim, slim.sessions)
    for taken in (1, 10, 100):
        list(itertools.islice(stream, taken - len(built)))
        assert len(built) == taken  # nothing is built ahead of what is asked for
    list(stream)
    assert len(built) == len(slim.sessions)
    years = sorted({s.id[:4] for s in slim.sessions})
    assert len(years) >= 2
    assert decoded == [f"sessions/{year}" for year in years]


@pytest.mark.slow  # generates a journal of 800 sessions
def test_the_streamed_commands_print_what_a_full_read_gives(  # type: ignore[no-untyped-def]
    generated: Path, run
) -> None:
    journal = Journal(generated)
    full = journal.load()
    mentor = busiest(generated)

    out = run("session", "list", "--json").stdout
    newest_first = sorted(full.sessions, key=lambda s: (s.date, s.id), reverse=True)
    assert out == render_json.dumps([render_json.session(s, TODAY) for s in newest_first]) + "\n"

    out = run("action", "list", "--all", "--json").stdout
    every = actions.listing(full, include_done=True)
    assert any(x.action.done for x in every)
    expected = [
        render_json.action(x.action, x.session.mentor, x.session.date, TODAY) for x in every
    ]
    assert json.loads(out) == expected

    out = run("lessons", "--json").stdout
    found = lessons.collect(full.sessions, full.mentors)
    assert found and json.loads(out) == [workflow_json.lesson(x) for x in found]

    out = run("timeline", mentor, "--json").stdout
    expected_timeline = workflow_json.timeline(timeline.timeline(asof.view(full, TODAY), mentor))
    assert json.loads(out) == expected_timeline

    filters = export_service.Filters(include_confidential=True)
    out = run("export", "--format", "json", "--include-confidential").stdout
    whole = render_export.journal_json(export_service.collect(journal, full, filters, TODAY))
    assert out == render_json.dumps(whole) + "\n"

    chosen = export_service.select(full, filters, TODAY)

    def with_bodies(kind: str, records: Any) -> Any:
        return export_service.with_bodies(journal, full, kind, records)

    for group_by in ("mentor", "date"):
        out = run("export", "--include-confidential", "--group-by", group_by).stdout
        text = "".join(render_export.journal_markdown(chosen, with_bodies, full.sessions, group_by))
        assert "## Lessons" in text
        assert out == text


@given(st.lists(st.text(alphabet="ab\n", max_size=6), min_size=1, max_size=8))
def test_markdown_pieces_join_as_the_whole_text_did(lines: list[str]) -> None:
    joined = "".join(render_export._joined(iter(lines)))
    assert joined == "\n".join(lines).rstrip("\n") + "\n"


JSONABLE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


@given(st.lists(JSONABLE, max_size=5))
def test_a_list_written_an_item_at_a_time_is_the_same_text(items: list[Any]) -> None:
    real_stdout = sys.stdout
    try:
        sys.stdout = whole = io.StringIO()
        render_json.emit(items)
        sys.stdout = streamed = io.StringIO()
        render_json.emit_list(iter(items))
    finally:
        sys.stdout = real_stdout
    assert streamed.getvalue() == whole.getvalue()
