"""A rewrite changes only the lines it means to. Comments (at the top, inside tables and arrays
of tables, after a value), unknown keys, key order, a byte-order mark, each line's own ending
and the final newline (or its absence) all come back byte for byte; a file the person made
read-only is refused, and a writable one keeps its mode."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.__main__ import main
from mentorlog.journal import lineform

EXAMPLES = Path(__file__).resolve().parents[1].parent / "examples" / "journal"
ENDINGS = st.sampled_from(["\n", "\r\n"])
COMMENT = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20).map(
    lambda text: "# " + text
)


def lines_of(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True)


def is_kept_in_order(before: list[bytes], after: list[bytes]) -> bool:
    """Every line of `before` is in `after`, same bytes, same order."""
    remaining = iter(after)
    return all(any(line == candidate for candidate in remaining) for line in before)


# --- the line-ending layer ----------------------------------------------------------------------

LINE = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\ufeff+"),
    max_size=12,
)


@given(
    lines=st.lists(
        st.tuples(LINE, st.sampled_from(["\n", "\r\n", "\r"])),
        max_size=12,
        unique_by=lambda line: line[0],
    ),
    open_end=st.booleans(),
    bom=st.booleans(),
    inserted=st.integers(min_value=0, max_value=3),
    at=st.integers(min_value=0, max_value=12),
    dropped=st.integers(min_value=0, max_value=12),
)
def test_restore_gives_every_kept_line_its_own_ending(
    lines: list[tuple[str, str]],
    open_end: bool,
    bom: bool,
    inserted: int,
    at: int,
    dropped: int,
) -> None:
    """One edit (a line dropped, new lines put in): each kept line comes back with its own
    ending, each new one with the file's usual ending, the mark and the open end as they were."""
    if open_end and lines and lines[-1][0]:  # an open last line has some text
        lines[-1] = (lines[-1][0], "")
    original = ("\ufeff" if bom else "") + "".join(c + e for c, e in lines)
    assume(lineform.lines_with_endings(original[1:] if bom else original) == lines)  # "\r"+"\n"
    usual = lineform.dominant_ending(lines)
    kept = [line for index, line in enumerate(lines) if index != dropped]
    at = min(at, len(kept))
    new_lines = [(f"+{n}+", usual) for n in range(inserted)]
    expected = kept[:at] + new_lines + kept[at:]
    expected = [(content, ending or usual) for content, ending in expected]
    if expected and lines and lines[-1][1] == "":
        expected[-1] = (expected[-1][0], "")
    changed = "".join(content + "\n" for content, _ in expected)

    restored = lineform.restore(original, changed)

    assert restored == ("\ufeff" if bom else "") + "".join(c + e for c, e in expected)


def test_new_lines_take_the_ending_most_of_the_file_uses() -> None:
    original = "a = 1\r\nb = 2\r\nc = 3\n"
    assert lineform.restore(original, "a = 1\nb = 2\nnew = 4\nc = 3\n") == (
        "a = 1\r\nb = 2\r\nnew = 4\r\nc = 3\n"
    )


# --- real commands on files written by hand -----------------------------------------------------


def _decorate(
    text: str, comments: list[str], endings: list[str], bom: bool, open_end: bool
) -> bytes:
    """The text with a comment after every blank line and a random ending on every line."""
    out: list[str] = []
    pending = iter(comments)
    for line in text.split("\n")[:-1]:
        out.append(line)
        if not line.strip():
            comment = next(pending, None)
            if comment is not None:
                out.append(comment)
        elif line.startswith("[["):
            comment = next(pending, None)
            if comment is not None:
                out.append(comment)  # a comment inside a table of an array of tables
    joined = "".join(line + endings[i % len(endings)] for i, line in enumerate(out))
    if open_end:
        joined = joined.rstrip("\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + joined.encode("utf-8")


def _in_journal(relative: str, raw: bytes, args: list[str]) -> tuple[int, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "journal"
        shutil.copytree(EXAMPLES, root)
        path = root / relative
        path.write_bytes(raw)
        os.environ["MENTORLOG_DIR"] = str(root)
        os.environ["MENTORLOG_CACHE_DIR"] = ""
        code = main(args)
        return code, path.read_bytes()


# (file, command, the lines the command may change: a predicate on a line's text)
COMMANDS: dict[str, tuple[str, list[str], Callable[[str], bool]]] = {
    "goal progress": (
        "goals/learn-to-delegate.toml",
        ["goal", "progress", "learn-to-delegate", "Handed off the roster"],
        lambda line: False,
    ),
    "goal done": (
        "goals/learn-to-delegate.toml",
        ["goal", "done", "learn-to-delegate"],
        lambda line: line.startswith("status"),
    ),
    "goal link": (
        "goals/learn-to-delegate.toml",
        ["goal", "link", "learn-to-delegate", "--mentor", "ruth"],
        lambda line: line.startswith("mentors"),
    ),
    "mentor share": (
        "mentors/helen-achterberg.toml",
        ["mentor", "share", "helen", "a budget draft"],
        lambda line: False,
    ),
    "mentor set": (
        "mentors/helen-achterberg.toml",
        [
            "mentor",
            "set",
            "helen",
            "--role",
            "COO",
            "--tag",
            "ops",
            "--strength",
            "calm",
            "--resume-sent",
            "2026-11-20",
        ],
        lambda line: line.startswith(("role", "tags", "strengths")),
    ),
    "mentor resume": (
        "mentors/helen-achterberg.toml",
        ["mentor", "resume", "helen"],
        lambda line: line.startswith("paused_until"),
    ),
    "mentor end": (
        "mentors/helen-achterberg.toml",
        ["mentor", "end", "helen"],
        lambda line: line.startswith("paused_until"),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    comments=st.lists(COMMENT, min_size=1, max_size=8),
    endings=st.lists(ENDINGS, min_size=1, max_size=5),
    bom=st.booleans(),
    open_end=st.booleans(),
)
def test_a_rewrite_keeps_every_line_it_does_not_change_byte_for_byte(
    command: str, comments: list[str], endings: list[str], bom: bool, open_end: bool
) -> None:
    relative, args, may_change = COMMANDS[command]
    text = (EXAMPLES / relative).read_text("utf-8")
    before = _decorate(text, comments, endings, bom, open_end)
    code, after = _in_journal(relative, before, args)
    assert code == 0
    untouched = [line for line in lines_of(before) if not may_change(line.decode("utf-8-sig"))]
    if open_end and untouched and untouched[-1] == lines_of(before)[-1]:
        # the open last line gains an ending when something is written after it
        last = untouched.pop()
        assert last in after
    after_lines = lines_of(after)
    if open_end and after_lines:
        # whichever line ends the file now, it ends it without a line break, as before
        untouched = [line for line in untouched if line.rstrip(b"\r\n") != after_lines[-1]]
    assert is_kept_in_order(untouched, after_lines)
    assert after.startswith(b"\xef\xbb\xbf") == bom
    assert after.endswith(b"\n") != open_end
    if len(set(endings)) == 1:  # a file with one ending: every line keeps it
        assert after.count(b"\n") == after.count(endings[0].encode())


COMMENTED_GOAL = """\
# my own note at the top
title = "Learn to delegate"  # the title I keep
status = "open"
created = 2026-06-10
custom = "a key mentorlog does not know"

[[progress]]
# why this one mattered
date = 2026-07-24  # a Friday
note = "Wrote a handoff brief."
"""


def test_goal_progress_keeps_comments_inside_progress_entries(run: Any, example_dir: Path) -> None:
    path = example_dir / "goals" / "learn-to-delegate.toml"
    path.write_text(COMMENTED_GOAL, "utf-8")
    assert run("goal", "progress", "learn-to-delegate", "Handed off the roster").exit_code == 0
    after = path.read_text("utf-8")
    assert after.startswith(COMMENTED_GOAL)
    assert after.count("[[progress]]") == 2 and "Handed off the roster" in after


def test_marking_a_question_discussed_keeps_the_comments_around_it(
    run: Any, example_dir: Path
) -> None:
    path = example_dir / "mentors" / "ruth-castellanos.toml"
    original = path.read_text("utf-8").rstrip("\n") + (
        '\n\n[[questions]]\n# asked because of the reorg\ntext = "How do I say no?"  # soon\n'
        "added = 2026-11-01\n"
    )
    path.write_text(original, "utf-8")
    result = run(
        "session",
        "new",
        "-m",
        "ruth",
        "--notes",
        "Talked.",
        "--discussed",
        "How do I say no",
        "--no-edit",
    )
    assert result.exit_code == 0, result.stderr
    after = path.read_text("utf-8")
    assert is_kept_in_order(lines_of(original.encode()), lines_of(after.encode()))
    assert "done = 2026-11-23" in after


def test_action_done_on_a_file_with_one_crlf_line_changes_only_that_action(
    run: Any, example_dir: Path
) -> None:
    path = example_dir / "sessions" / "2026" / "2026-11-19-tomas-lindqvist.md"
    raw = path.read_bytes()
    first_end = raw.index(b"\n")
    mixed = raw[:first_end] + b"\r" + raw[first_end:]  # only the first line is CRLF
    path.write_bytes(mixed)
    assert run("action", "done", "2026-11-19-tomas-lindqvist#1").exit_code == 0
    after = path.read_bytes()
    assert after.count(b"\r\n") == 1 and after.startswith(raw[:first_end] + b"\r\n")
    changed = [line for line in lines_of(after) if line not in lines_of(mixed)]
    assert len(changed) == 1 and b"[x]" in changed[0]


def test_a_read_only_file_is_refused_and_left_as_it_is(run: Any, example_dir: Path) -> None:
    path = example_dir / "mentors" / "helen-achterberg.toml"
    before = path.read_bytes()
    path.chmod(0o400)
    result = run("mentor", "set", "helen", "--role", "COO")
    assert result.exit_code == 8
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "mentors/helen-achterberg.toml is read-only" in lines[0] and "chmod u+w" in lines[0]
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o400


def test_a_read_only_mentor_stops_a_session_that_would_mark_its_questions(
    run: Any, example_dir: Path
) -> None:
    path = example_dir / "mentors" / "tomas-lindqvist.toml"
    path.chmod(0o400)
    sessions = sorted((example_dir / "sessions" / "2026").iterdir())
    run("ask", "tomas", "What next?")  # refused too: the file is read-only
    result = run("session", "new", "-m", "tomas", "--notes", "x", "--discussed", "1", "--no-edit")
    assert result.exit_code != 0
    assert sorted((example_dir / "sessions" / "2026").iterdir()) == sessions


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o700])
def test_a_rewritten_file_keeps_the_mode_its_owner_gave_it(
    run: Any, example_dir: Path, mode: int
) -> None:
    path = example_dir / "goals" / "learn-to-delegate.toml"
    path.chmod(mode)
    assert run("goal", "progress", "learn-to-delegate", "Moved").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode
