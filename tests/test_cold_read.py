"""The first read of a journal (no index): one pass over each body, one folder at a time,
memory bounded by a folder, and the same answers as a read from a warm index."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.body import parse_actions, parse_advice, parse_lessons, parse_session_body
from mentorlog.journal import index as index_module
from mentorlog.journal import reader as reader_module
from mentorlog.journal.storage import Journal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate

_LINES = st.sampled_from(
    [
        "## Actions",
        "## Advice",
        "### Suggestions",
        "## Lessons",
        "# Notes",
        "- [ ] call Ana (advice 1)",
        "- [x] sent it (done 2026-11-02: she liked it)",
        "- a story #tag",
        "  continued",
        "1. ask for a review",
        "prose that stays",
        "",
        "```",
        "~~~",
        "---",
    ]
)


@given(st.lists(_LINES | st.text(max_size=12), max_size=25))
def test_one_pass_finds_the_same_actions_lessons_and_advice_as_three(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert parse_session_body(body) == (
        parse_actions(body),
        parse_lessons(body),
        parse_advice(body),
    )


# --- a first read, folder by folder ---------------------------------------------------------

# Every read command that goes through the whole journal, in its JSON form (stable bytes).
READS = [
    ("due", "--json", "--all"),
    ("lessons", "--json"),
    ("action", "list", "--all", "--json"),
    ("session", "list", "--json"),
    ("team", "--json"),
    ("export", "--format", "json", "--include-confidential"),
]


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 800 sessions over two year folders, with actions, lessons, advice and reflections.
    return generate.generate(tmp_path_factory.mktemp("generated"), sessions=800, mentors=4, seed=7)


@pytest.fixture
def generated(generated_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "generated"
    shutil.copytree(generated_once, root)
    generate.settle(root)  # a day old, as a journal in use: the index keeps its files
    monkeypatch.setenv("MENTORLOG_DIR", str(root))
    return root


def _cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_a_first_read_answers_every_command_as_a_warm_read_and_no_index_do(
    generated: Path, tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(list((generated / "sessions").iterdir())) >= 2  # more than one folder to seal
    for args in READS:
        shutil.rmtree(_cache(tmp_path), ignore_errors=True)
        cold = run(*args)
        warm = run(*args)
        monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
        uncached = run(*args)
        monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(_cache(tmp_path)))
        assert cold.exit_code == 0, (args, cold.stderr)
        assert json.loads(cold.stdout), args  # something to compare
        assert (cold.exit_code, cold.stdout, cold.stderr) == (
            warm.exit_code,
            warm.stdout,
            warm.stderr,
        ), args
        assert (cold.exit_code, cold.stdout, cold.stderr) == (
            uncached.exit_code,
            uncached.stdout,
            uncached.stderr,
        ), args


@pytest.mark.parametrize("before", ["no index", "an index without summaries"])
def test_a_summarising_read_holds_the_rows_of_one_folder_at_a_time(
    generated: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    if before != "no index":
        Journal(generated).load(details=False)  # `lessons`, say: rows cached, no outlines
    held_at_each_seal: list[int] = []
    sizes: list[int] = []
    real_seal = index_module.Index.seal

    def counting_seal(index: index_module.Index, folder: index_module.Folder) -> None:
        # Rows still held by every folder of the read, this one included.
        held_at_each_seal.append(sum(len(f.fresh) for f in index.folders.values()))
        sizes.append(len(folder.fresh))
        real_seal(index, folder)
        assert folder.fresh == []

    monkeypatch.setattr(index_module.Index, "seal", counting_seal)
    snapshot = Journal(generated).load(summarise_before=date(2026, 10, 24))
    assert snapshot.earlier is not None
    assert sum(sizes) >= 800  # every file of the journal went through a seal
    assert len([size for size in sizes if size]) >= 3  # in several folders
    # Never more than the folder being sealed (and the root's settings entry).
    assert max(held - size for held, size in zip(held_at_each_seal, sizes, strict=True)) <= 1


def test_a_first_read_leaves_only_the_index_in_the_cache_and_the_next_read_parses_nothing(
    generated: Path, tmp_path: Path
) -> None:
    parsed: list[int] = []
    first = Journal(generated).load(on_progress=lambda done, total: parsed.append(total))
    assert parsed and parsed[-1] >= 800
    assert [p.name for p in _cache(tmp_path).iterdir()] == [
        p.name for p in _cache(tmp_path).glob("index-*.bin")
    ]
    parsed.clear()
    again = Journal(generated).load(on_progress=lambda done, total: parsed.append(total))
    assert parsed == []
    assert again.sessions == first.sessions and again.problems == first.problems


def test_a_full_disk_under_the_spool_keeps_the_pieces_in_memory(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = Journal(generated)
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
    uncached = expected.load()
    monkeypatch.undo()
    monkeypatch.setenv("MENTORLOG_DIR", str(generated))
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(generated.parent / "cache"))

    def full(fd: int, data: Any, offset: int) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index_module.os, "pwrite", full)
    cold = Journal(generated).load()
    monkeypatch.undo()
    monkeypatch.setenv("MENTORLOG_DIR", str(generated))
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(generated.parent / "cache"))
    parsed: list[int] = []
    warm = Journal(generated).load(on_progress=lambda done, total: parsed.append(total))
    assert parsed == []  # the index was written whole all the same
    assert cold.sessions == warm.sessions == uncached.sessions


def test_a_file_gone_between_the_walk_and_its_read_is_a_problem_and_is_not_cached(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = sorted((generated / "sessions").glob("*/*.md"))[10]
    text = victim.read_bytes()
    real_read = reader_module.fsutil.read_regular_stat

    def vanishing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path) == str(victim) and victim.exists():
            victim.unlink()  # removed by a sync tool just before mentorlog reads it
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(reader_module.fsutil, "read_regular_stat", vanishing)
    snapshot = Journal(generated).load()
    monkeypatch.setattr(reader_module.fsutil, "read_regular_stat", real_read)
    rel = victim.relative_to(generated).as_posix()
    assert [p.path for p in snapshot.problems if p.path == rel] == [rel]
    assert snapshot.session(victim.stem) is None
    victim.write_bytes(text)
    generate.settle(generated)
    again = Journal(generated).load()
    assert again.session(victim.stem) is not None
    assert rel not in [p.path for p in again.problems]


def test_a_file_too_big_to_read_is_remembered_and_a_warm_read_rewrites_no_index(
    generated: Path, tmp_path: Path
) -> None:
    from mentorlog.journal.frontmatter import MAX_FILE_BYTES

    big = sorted((generated / "sessions").glob("*/*.md"))[3]
    big.write_bytes(big.read_bytes() + b"x" * MAX_FILE_BYTES)
    generate.settle(generated)
    rel = big.relative_to(generated).as_posix()
    first = Journal(generated).load()
    index_file = next(_cache(tmp_path).glob("index-*.bin"))
    written = index_file.stat().st_ino
    again = Journal(generated).load()
    assert [p.path for p in first.problems] == [p.path for p in again.problems] == [rel]
    assert index_file.stat().st_ino == written  # the problem came from the index
