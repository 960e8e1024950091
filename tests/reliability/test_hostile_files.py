"""Broken and hostile files. A journal is edited by hand, synced by tools that make conflict
copies, and merged by git; sooner or later it holds a file mentorlog cannot read. Every read
command still shows everything else and names the bad file with its path and what is wrong;
no command ever rewrites a bad file; `mentorlog doctor` lists them all.

The corpus is built here rather than checked in: some entries are 20 MB or invalid UTF-8, which
neither git diffs nor editors handle kindly.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from reliability_support import file_bytes

SESSION_HEAD = b'+++\nmentor = "helen-achterberg"\ndate = 2026-11-10\n+++\n\n'
HUGE = 20 * 1024 * 1024


@dataclass(frozen=True)
class Bad:
    rel: str
    content: bytes
    reason: str  # a piece of what mentorlog must say about it


CORPUS = [
    Bad("mentors/truncated.toml", b'name = "Ada\nrole = "Dir', "TOML error"),
    Bad("mentors/duplicate-keys.toml", b'name = "Ada"\nname = "Bea"\n', "TOML error"),
    Bad("mentors/wrong-types.toml", b'name = 5\ntags = "x"\n', "`name`"),
    Bad("mentors/impossible-date.toml", b'name = "Ada"\nsince = 2026-02-30\n', "TOML error"),
    Bad("mentors/quoted-bad-date.toml", b'name = "Ada"\nsince = "2026-02-30"\n', "`since`"),
    Bad("mentors/invalid-utf8.toml", b'name = "Ad\xff\xfea"\n', "not valid UTF-8"),
    Bad("mentors/binary.toml", bytes(range(256)) * 40, "UTF-8"),
    Bad("mentors/nul-byte.toml", b'name = "Ada\x00"\n', "NUL"),
    Bad("mentors/deep.toml", b'name = "Ada"\nx = ' + b"[" * 20_000, "nested too deeply"),
    Bad("mentors/long-toml.toml", b"name = [" + b"1," * 400_000 + b"]\n", "KB of TOML"),
    Bad("mentors/empty.toml", b"", "`name` is required"),
    Bad(
        "mentors/merged.toml",
        b'name = "Ada"\n<<<<<<< HEAD\nrole = "A"\n=======\nrole = "B"\n>>>>>>> other\n',
        "merge conflict markers",
    ),
    Bad("mentors/huge-junk.toml", b"name = [" + b"1," * (HUGE // 2), "larger than mentorlog reads"),
    Bad("goals/wrong-progress.toml", b'title = "T"\nprogress = [1, 2]\n', "`progress`"),
    Bad("goals/bad-status.toml", b'title = "T"\nstatus = "maybe"\n', "`status`"),
    Bad("sessions/2026/2026-11-01-no-close.md", SESSION_HEAD[:-7] + b"\nNotes\n", "no closing"),
    Bad("sessions/2026/2026-11-02-no-open.md", b"Notes without front matter\n", "'+++'"),
    Bad("sessions/2026/2026-11-03-empty.md", b"", "'+++'"),
    Bad(
        "sessions/2026/2026-11-04-merged.md",
        SESSION_HEAD + b"<<<<<<< ours\nmine\n=======\ntheirs\n>>>>>>> theirs\n",
        "merge conflict markers",
    ),
    Bad(
        "sessions/2026/2026-11-05-impossible.md",
        b'+++\nmentor = "helen-achterberg"\ndate = "2026-02-30"\n+++\n',
        "`date`",
    ),
    Bad(
        "sessions/2026/2026-11-10-helen-achterberg.sync-conflict-20261101-123456-ABCDEFG.md",
        SESSION_HEAD + b"a copy\n",
        "conflict copy",
    ),
    Bad(
        "sessions/2026/2026-11-10-helen-achterberg (conflicted copy).md",
        SESSION_HEAD + b"a copy\n",
        "conflict copy",
    ),
    Bad("sessions/2026/2026-11-06-junk.md", os.urandom(4096) + b"\x00", "UTF-8"),
    Bad("reflections/2026/2026-11-07-bad.md", b'+++\ndate = "soon"\n+++\n', "`date`"),
]

# Files an editor on another system writes: these are fine and must be read as usual.
GOOD_ODDITIES = {
    "mentors/with-bom.toml": b'\xef\xbb\xbfname = "Bom Person"\nrole = "Editor"\n',
    "mentors/with-crlf.toml": b'name = "Crlf Person"\r\nrole = "Windows"\r\n',
    "sessions/2026/2026-11-11-helen-achterberg.md": (
        b'\xef\xbb\xbf+++\r\nmentor = "helen-achterberg"\r\ndate = 2026-11-11\r\n+++\r\n\r\n'
        b"## Actions\r\n- [ ] Reply from a Windows laptop\r\n"
    ),
}

READ_COMMANDS = [
    ("mentor", "list", "--all", "--json"),
    ("goal", "list", "--all", "--json"),
    ("due", "--json"),
    ("due", "--all"),
    ("session", "list", "--json"),
    ("action", "list", "--json"),
    ("reflection", "list", "--json"),
    ("mentor", "show", "helen", "--json"),
]


def _plant(root: Path, files: dict[str, bytes], *, age: float = 0) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        if age:
            then = time.time() - age
            os.utime(path, (then, then))


def _age(root: Path) -> None:
    then = time.time() - 3600
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (then, then))


_CLEAN_OUTPUT: dict[tuple[str, ...], str] = {}


@pytest.fixture
def clean_output(run: Any, example_dir: Path) -> dict[tuple[str, ...], str]:
    """What each read command prints for the example journal before anything is broken.

    The example files are dated an hour back so the index may cache them: each command then
    parses only the file a test planted, which keeps this suite quick."""
    _age(example_dir)
    if not _CLEAN_OUTPUT:
        for command in READ_COMMANDS:
            result = run(*command)
            assert result.exit_code == 0, (command, result.stderr)
            _CLEAN_OUTPUT[command] = result.stdout
    return _CLEAN_OUTPUT


@pytest.mark.parametrize("bad", CORPUS, ids=[b.rel.split("/")[-1][:40] for b in CORPUS])
def test_every_read_command_shows_the_good_records_and_names_the_bad_file(
    run: Any, example_dir: Path, clean_output: dict[tuple[str, ...], str], bad: Bad
) -> None:
    _plant(example_dir, {bad.rel: bad.content})
    for command in READ_COMMANDS:
        result = run(*command)  # `run` fails the test if the command hangs
        assert result.exit_code == 0, (command, result.stderr)
        if command == ("due", "--json"):
            # The bad file is listed in the report itself; everything else is as before.
            report, clean = json.loads(result.stdout), json.loads(clean_output[command])
            assert [p["path"] for p in report.pop("problems")] == [bad.rel]
            assert clean.pop("problems") == []
            assert report == clean, command
        else:
            assert result.stdout == clean_output[command], command
        warning = next((line for line in result.stderr.splitlines() if bad.rel in line), None)
        assert warning is not None, (command, result.stderr)
        assert bad.reason in warning, warning
    assert (example_dir / bad.rel).read_bytes() == bad.content


def test_files_with_a_byte_order_mark_or_windows_line_endings_are_read(
    run: Any, example_dir: Path
) -> None:
    _plant(example_dir, GOOD_ODDITIES)
    mentors = {m["name"] for m in run("mentor", "list", "--json").json()}
    assert {"Bom Person", "Crlf Person"} <= mentors
    actions = [a["text"] for a in run("action", "list", "--json").json()]
    assert "Reply from a Windows laptop" in actions
    result = run("mentor", "list")
    assert "warning" not in result.stderr


def test_a_file_with_windows_line_endings_can_be_changed(run: Any, example_dir: Path) -> None:
    _plant(example_dir, GOOD_ODDITIES)
    result = run("mentor", "set", "crlf", "--org", "Elsewhere")
    assert result.exit_code == 0, result.stderr
    text = (example_dir / "mentors/with-crlf.toml").read_bytes()
    assert b'name = "Crlf Person"' in text and b'org = "Elsewhere"' in text


def _write_commands(example_dir: Path) -> list[tuple[str, ...]]:
    """Every write command, aimed at each bad file's name and at good records next to them."""
    aimed: list[tuple[str, ...]] = []
    for bad in CORPUS:
        stem = Path(bad.rel).name.split(".")[0]
        if bad.rel.startswith("mentors/"):
            aimed += [
                ("mentor", "set", stem, "--role", "X"),
                ("mentor", "pause", stem, "--until", "2027-01-01"),
                ("mentor", "resume", stem),
                ("mentor", "end", stem),
                ("mentor", "rm", stem, "--force", "--yes"),
                ("mentor", "share", stem, "resume"),
                ("session", "new", "-m", stem, "--notes", "x", "--no-edit"),
                ("thank", stem, "--note", "x"),
            ]
        elif bad.rel.startswith("goals/"):
            aimed += [
                ("goal", "progress", stem, "x"),
                ("goal", "done", stem),
                ("goal", "drop", stem),
                ("goal", "rm", stem, "--yes"),
            ]
        else:
            aimed += [
                ("action", "done", f"{stem}#1"),
                ("action", "add", stem, "x"),
                ("session", "rm", stem, "--yes"),
            ]
    aimed += [
        ("mentor", "add", "Truncated"),  # refused: the unread file may be this mentor
        ("mentor", "add", "Truncated", "--allow-same-name"),
        ("mentor", "add", "Empty", "--allow-same-name"),
        ("goal", "add", "Wrong progress"),
        ("goal", "progress", "learn-to-delegate", "moved"),
        ("mentor", "set", "helen", "--role", "Director"),
        ("session", "new", "-m", "helen", "--date", "2026-11-10", "--notes", "x", "--no-edit"),
        ("thank", "helen", "--note", "for the roster idea"),
        ("action", "done", "2026-11-10-helen-achterberg#1"),
    ]
    return aimed


@pytest.mark.slow
def test_no_write_command_ever_rewrites_a_bad_file(run: Any, example_dir: Path) -> None:
    corpus = {bad.rel: bad.content for bad in CORPUS if not bad.rel.endswith("huge-junk.toml")}
    _plant(example_dir, corpus)
    _age(example_dir)
    for command in _write_commands(example_dir):
        result = run(*command)
        assert "Traceback" not in result.stderr, command
        assert result.exit_code in (0, 1, 2, 4, 5, 6), (command, result.stderr)
        after = file_bytes(example_dir)
        for rel, content in corpus.items():
            assert after.get(rel) == content, f"{command} changed {rel}"
    # New records never take the id of a file that could not be read: a mentor added anyway
    # gets the next id; a goal that may be the unread one is not added at all.
    assert (example_dir / "mentors/truncated-2.toml").exists()
    assert not list(example_dir.glob("goals/wrong-progress-*.toml"))


def test_doctor_reports_every_bad_file(run: Any, example_dir: Path) -> None:
    _plant(example_dir, {bad.rel: bad.content for bad in CORPUS})
    result = run("doctor", "--json")
    assert result.exit_code == 1
    reported: dict[str, list[str]] = {}
    for problem in result.json():
        reported.setdefault(problem["path"], []).append(problem["problem"])
    for bad in CORPUS:
        assert any(bad.reason in said for said in reported.get(bad.rel, [])), bad.rel
    human = run("doctor")
    for bad in CORPUS:
        assert Path(bad.rel).name[:20] in human.stdout, bad.rel


def test_a_huge_session_is_reported_not_read_and_never_rewritten(
    run: Any, example_dir: Path
) -> None:
    body = b"## Notes\n" + b"A long line of notes that goes on.\n" * (HUGE // 35)
    rel = "sessions/2026/2026-11-09-helen-achterberg.md"
    _plant(example_dir, {rel: SESSION_HEAD + body})
    listed = run("session", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert rel in listed.stderr and "larger than mentorlog reads" in listed.stderr
    assert run("action", "add", "2026-11-09-helen-achterberg", "x").exit_code != 0
    assert (example_dir / rel).read_bytes() == SESSION_HEAD + body


def test_a_long_session_within_the_limit_is_read(run: Any, example_dir: Path) -> None:
    body = (
        b"## Notes\n" + b"A long line of notes that goes on.\n" * 150_000 + b"## Actions\n- [ ] x\n"
    )
    _plant(example_dir, {"sessions/2026/2026-11-09-helen-achterberg.md": SESSION_HEAD + body})
    listed = run("session", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert "2026-11-09-helen-achterberg" in {s["id"] for s in listed.json()}


def test_a_bad_file_is_remembered_by_the_index_and_still_reported(
    run: Any, example_dir: Path
) -> None:
    """The index caches a file's problem too; a cached problem must still be shown."""
    bad = CORPUS[0]
    _plant(example_dir, {bad.rel: bad.content}, age=3600)
    for _ in range(2):
        result = run("mentor", "list", "--json")
        assert bad.rel in result.stderr and bad.reason in result.stderr
