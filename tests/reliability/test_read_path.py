"""The read path never crashes, hides or hangs on a broken or hostile file: special files are
skipped and named, parsing is linear, a record that cannot be used is a problem of its own,
only whole conflict blocks are conflicts, and the cache forgets deleted records."""

from __future__ import annotations

import json
import os
import re
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_support import child_env, mentorlog_process

from conftest import examples
from journal_builder import Builder
from mentorlog.domain import body
from mentorlog.journal import frontmatter, lineform, reader, storage

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")

SESSION = "2026-11-02-ada"
SESSION_REL = f"sessions/2026/{SESSION}.md"
HANG_GUARD = 30  # seconds: only ever reached by a command that hangs


@pytest.fixture
def journal(journal_dir: Path) -> Path:
    Builder(journal_dir).mentor("ada", cadence="2w").session(
        "ada", "2026-11-02", "## Actions\n- [ ] call back\n", id=SESSION
    )
    return journal_dir


def in_process(journal: Path, *args: str) -> Any:
    """Run mentorlog in another process, so a hang fails the test instead of hanging it (for
    the files that could make a read wait: FIFOs, devices)."""
    return mentorlog_process(
        ["--dir", str(journal), *args],
        child_env(journal, journal.parent / "cache"),
        timeout=HANG_GUARD,
    )


def problems_of(journal: Path) -> dict[str, dict[str, Any]]:
    result = in_process(journal, "doctor", "--json")
    assert result.returncode == 1, result.stderr
    return {p["path"]: p for p in json.loads(result.stdout)}


def problems_here(run: Any) -> dict[str, dict[str, Any]]:
    result = run("doctor", "--json")
    assert result.exit_code == 1, result.stderr
    return {p["path"]: p for p in result.json()}


# --- special and huge files -------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    # A socket's address holds about 100 bytes, less than a temp folder's path may take (under
    # pytest-xdist, say): bind the short name from inside its folder.
    sock = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        sock.bind(path.name)
    finally:
        os.chdir(here)
        sock.close()


def _link_inside(path: Path) -> None:
    target = path.parent / "real.txt"
    target.write_text("+++\nmentor = 'ada'\ndate = 2026-11-03\n+++\n", encoding="utf-8")
    path.symlink_to(target)


def _link_outside(path: Path) -> None:
    outside = path.parents[3] / "outside.md"
    outside.write_text("+++\nmentor = 'ada'\ndate = 2026-11-03\n+++\nsecret\n", encoding="utf-8")
    path.symlink_to(outside)


def _folder(path: Path) -> None:
    path.mkdir()


SPECIAL = {
    "fifo": (_fifo, "named pipe"),
    "socket": (_socket, "socket"),
    "link inside": (_link_inside, "symbolic link"),
    "link outside": (_link_outside, "symbolic link"),
    "folder": (_folder, "folder"),
}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_file_named_like_a_record_is_skipped_and_named(journal: Path, kind: str) -> None:
    make, what = SPECIAL[kind]
    rel = "sessions/2026/2026-11-03-ada.md"
    make(journal / rel)
    listed = in_process(journal, "session", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [s["id"] for s in json.loads(listed.stdout)] == [SESSION]
    assert rel in listed.stderr and "warning" in listed.stderr
    found = in_process(journal, "search", "call")
    assert found.returncode == 0 and SESSION in found.stdout, found.stderr
    assert what in problems_of(journal)[rel]["problem"]
    shown = in_process(journal, "session", "show", "2026-11-03-ada")
    assert shown.returncode == 5, shown.stderr
    assert rel in shown.stderr and "Traceback" not in shown.stderr


def test_a_fifo_mentor_file_does_not_hang_and_doctor_names_it(journal: Path) -> None:
    os.mkfifo(journal / "mentors" / "bob.toml")
    assert in_process(journal, "due").returncode in (0, 1)
    assert "named pipe" in problems_of(journal)["mentors/bob.toml"]["problem"]
    shown = in_process(journal, "mentor", "show", "bob")
    assert shown.returncode == 5 and "mentors/bob.toml" in shown.stderr


def test_a_fifo_settings_file_is_a_clear_error_and_doctor_still_runs(journal: Path) -> None:
    (journal / "mentorlog.toml").unlink()
    os.mkfifo(journal / "mentorlog.toml")
    result = in_process(journal, "due")
    assert result.returncode == 5
    assert "mentorlog.toml" in result.stderr and "named pipe" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "mentorlog.toml" in problems_of(journal)


def test_a_linked_year_folder_is_not_followed(run: Any, journal: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2025-01-01-ada.md").write_text(
        "+++\nmentor = 'ada'\ndate = 2025-01-01\n+++\nsecret\n", encoding="utf-8"
    )
    (journal / "sessions" / "2025").symlink_to(elsewhere)
    listed = run("session", "list", "--json")
    assert [s["id"] for s in listed.json()] == [SESSION]
    assert "symbolic link" in problems_here(run)["sessions/2025"]["problem"]


def test_a_huge_sparse_file_is_refused_without_being_read(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = "sessions/2026/2026-11-04-ada.md"
    with open(journal / rel, "wb") as handle:
        handle.truncate(4 * 1024**3)  # 4 GB of nothing, taking no space
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        reads.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counting_read)
    snapshot = storage.Journal(journal).load()
    assert [s.id for s in snapshot.sessions] == [SESSION]
    (problem,) = [p for p in snapshot.problems if p.path == rel]
    assert "larger than mentorlog reads" in problem.reason
    assert sum(reads) < 2 * frontmatter.MAX_FILE_BYTES  # the huge file was never read


def test_a_file_that_turns_special_after_the_scan_is_refused_on_open(journal: Path) -> None:
    """The check on the open file, not only the listing, decides (a swap between the two)."""
    rel = "sessions/2026/2026-11-05-ada.md"
    os.mkfifo(journal / rel)
    with pytest.raises(reader.InvalidFile, match="named pipe"):
        reader.read_bytes(journal / rel, rel)
    link = journal / "sessions" / "2026" / "2026-11-06-ada.md"
    link.symlink_to(journal / SESSION_REL)
    with pytest.raises(reader.InvalidFile, match="symbolic link"):
        reader.read_bytes(link, "link")


def test_import_refuses_a_fifo_but_reads_standard_input(journal: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    refused = in_process(journal, "import", "vcard", "--dry-run", str(fifo))
    assert refused.returncode == 2
    assert "named pipe" in refused.stderr and "Traceback" not in refused.stderr
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEND:VCARD\n"
    taken = mentorlog_process(
        ["--dir", str(journal), "import", "vcard", "--dry-run", "--json", "-"],
        child_env(journal, journal.parent / "cache"),
        stdin=card,
        timeout=HANG_GUARD,
    )
    assert taken.returncode == 0, taken.stderr
    assert "Grace Hopper" in taken.stdout


# --- conflicts -----------------------------------------------------------------------------------


def test_a_setext_heading_written_by_session_new_is_not_a_conflict(run: Any, journal: Path) -> None:
    notes = "Career plan\n=======\n\nWhat we said.\n"
    made = run(
        "session",
        "new",
        "-m",
        "ada",
        "--date",
        "2026-11-10",
        "--notes",
        "-",
        "-a",
        "write",
        stdin=notes,
    )
    assert made.exit_code == 0, made.stderr
    listed = run("session", "list", "--json")
    assert "2026-11-10-ada" in [s["id"] for s in listed.json()]
    done = run("action", "done", "2026-11-10-ada#1")
    assert done.exit_code == 0, done.stderr
    assert "=======" in (journal / "sessions/2026/2026-11-10-ada.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "<<<<<<< ours\n",
        ">>>>>>> theirs\n",
        "=======\n",
        "<<<<<<< HEAD\nmine\n>>>>>>> theirs\n",  # no separator
        "=======\n<<<<<<< HEAD\n>>>>>>> x\n",  # out of order
        "text <<<<<<< HEAD\n=======\n>>>>>>> x\n",  # not at a line start
    ],
)
def test_a_partial_conflict_block_is_just_text(text: str) -> None:
    assert reader.conflict_line("Title\n" + text) is None


def test_a_whole_conflict_block_is_found_at_its_first_line() -> None:
    text = "a\nb\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> origin/main\n"
    assert reader.conflict_line(text) == 3


def test_a_conflicted_settings_file_is_one_clear_line_and_doctor_names_it(
    run: Any, journal: Path
) -> None:
    settings = journal / "mentorlog.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '<<<<<<< HEAD\ndefault_cadence = "2w"\n=======\ndefault_cadence = "3w"\n>>>>>>> x\n',
        encoding="utf-8",
    )
    line = settings.read_text(encoding="utf-8").split("\n").index("<<<<<<< HEAD") + 1
    for command in (["due"], ["mentor", "list"], ["session", "list"]):
        result = run(*command)
        assert result.exit_code == 5
        assert result.stderr.strip().splitlines() == [result.stderr.strip()]
        assert f"mentorlog.toml:{line}: has unresolved merge conflict markers" in result.stderr
    problem = problems_here(run)["mentorlog.toml"]
    assert problem["line"] == line and "conflict" in problem["problem"]


# --- linear parsing ------------------------------------------------------------------------------


@contextmanager
def counted_work() -> Iterator[Callable[[], int]]:
    """Count the work of the code under test: Python lines run, plus the characters each
    regular expression call is handed (a scan restarted per candidate shows up as both)."""
    count = [0]

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            count[0] += 1
        return tracer

    patched = []
    for module in (body, frontmatter, storage):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                patched.append((module, name, value))
                setattr(module, name, _CountingPattern(value, count))
    sys.settrace(tracer)
    try:
        yield lambda: count[0]
    finally:
        sys.settrace(None)
        for module, name, value in patched:
            setattr(module, name, value)


class _CountingPattern:
    """A compiled pattern that adds to `count` the characters each call covers: the whole
    span it is given for a scan (search, finditer, findall, sub, split, fullmatch), and for
    an anchored `match` the characters it took (a failed one counts one)."""

    def __init__(self, pattern: re.Pattern[str], count: list[int]) -> None:
        self._pattern = pattern
        self._count = count

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._pattern, name)
        if not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            texts = [arg for arg in args if isinstance(arg, str)]
            text = texts[-1] if texts else ""
            numbers = [arg for arg in args if isinstance(arg, int)]
            start = numbers[0] if numbers else 0
            end = min(numbers[1], len(text)) if len(numbers) > 1 else len(text)
            if name == "match":
                self._count[0] += 1 + (result.end() - start if result else 0)
            else:
                self._count[0] += max(0, end - start) + 1
            return result

        return counted


def _work(make: Callable[[int], str], parse: Callable[[str], object], n: int) -> int:
    text = make(n)
    with counted_work() as work:
        parse(text)
    return work()


HOSTILE_LINES: dict[str, Callable[[int], str]] = {
    "nested done suffixes": lambda n: "- [x] a " + "(done 2026-01-01: ((" * n + ")",
    "done suffixes without outcome": lambda n: "- [x] a " + "(done 2026-01-01 " * n + ")",
    "balanced done suffixes": lambda n: "- [x] a " + "(done 2026-01-01: (x)" * n + ")",
    "many checkboxes": lambda n: "## Actions\n" + "- [x] b (done 2026-01-01: c)\n" * n,
    "many headings": lambda n: "# a\n" * n,
    "long heading": lambda n: "# " + "# " * n + "x",
    "heading with a long blank run": lambda n: "## Lessons " + " \t" * n + "x\n- a\n",
    "unclosed comments": lambda n: "## Lessons\n- " + "<!--" * n + "\n",
    "tags": lambda n: "## Lessons\n- " + "#a" * n + "\n",
    "fences": lambda n: "```\n" * n,
    "conflict markers": lambda n: "<<<<<<< a\n=======\n" * n,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_LINES))
def test_body_parsing_is_linear(case: str) -> None:
    def parse(text: str) -> None:
        body.parse_actions(text)
        body.parse_lessons(text)
        reader.conflict_line(text)

    small = _work(HOSTILE_LINES[case], parse, 300)
    large = _work(HOSTILE_LINES[case], parse, 2400)
    assert large <= 8 * small * 2, (small, large)  # 8 times the input, at most 16 times the work


@settings(max_examples=examples(40), deadline=None)
@given(st.text(alphabet="(): done2026-01x[]-#=<>\n", min_size=1, max_size=40))
def test_body_work_per_byte_is_bounded_for_any_repeated_text(unit: str) -> None:
    def parse(text: str) -> None:
        body.parse_actions(text)
        reader.conflict_line(text)

    def make(n: int) -> str:
        return "- [x] " + unit * n

    small = _work(make, parse, 50)
    large = _work(make, parse, 400)
    assert large <= 8 * small * 2 + 1000, (unit, small, large)


def _join_soft_breaks_one_by_one(card: str) -> str:
    """How vCard soft line breaks were joined before: the meaning to keep."""
    out: list[str] = []
    joining = False
    for line in card.split("\n"):
        if joining:
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
        current = out[-1]
        joining = "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper() and current.endswith("=")
    return "\n".join(out)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["NOTE;QUOTED-PRINTABLE:a=", "b=", "c", "FN:x=", "=", ""])))
def test_vcard_soft_breaks_are_joined_as_before(lines: list[str]) -> None:
    from mentorlog.services.contacts import _join_soft_breaks

    card = "\n".join(lines)
    assert _join_soft_breaks(card) == _join_soft_breaks_one_by_one(card)


def test_front_matter_work_is_linear() -> None:
    def make(n: int) -> str:
        return "+++\n" + "".join(f'key{i} = "v"\n' for i in range(n)) + "+++\n" + "x\n" * n

    def parse(text: str) -> None:
        frontmatter.parse(text, "x.md")

    small, large = _work(make, parse, 200), _work(make, parse, 1600)
    assert large <= 8 * small * 2, (small, large)


# --- records that cannot be used ----------------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-20", "9995-06-30", "0001-01-01"])
def test_a_session_near_the_ends_of_the_calendar_is_a_problem_not_a_crash(
    run: Any, journal: Path, day: str
) -> None:
    Builder(journal).session("ada", day)
    rel = f"sessions/{day[:4]}/{day}-ada.md"
    for command in (["due"], ["due", "--json"], ["calendar"], ["export", "--format", "json"]):
        result = run(*command)
        assert result.exit_code in (0, 1), (command, result.stderr)
        assert rel in result.stderr
    lines = (journal / rel).read_text(encoding="utf-8").split("\n")
    date_line = next(i for i, line in enumerate(lines, 1) if line.startswith("date ="))
    problem = problems_here(run)[rel]
    assert day in problem["problem"] and problem["line"] == date_line
    shown = run("session", "show", f"{day}-ada")
    assert shown.exit_code == 5 and rel in shown.stderr


@pytest.mark.parametrize("kind", ["session", "reflection", "goal", "mentor"])
def test_a_broken_record_is_broken_not_missing(run: Any, journal: Path, kind: str) -> None:
    rel, lookup = {
        "session": ("sessions/2026/2026-11-07-ada.md", ["session", "show", "2026-11-07-ada"]),
        "reflection": ("reflections/2026/2026-11-07-r.md", ["reflection", "show", "2026-11-07-r"]),
        "goal": ("goals/speak.toml", ["goal", "show", "speak"]),
        "mentor": ("mentors/bob.toml", ["mentor", "show", "bob"]),
    }[kind]
    (journal / rel).parent.mkdir(parents=True, exist_ok=True)
    (journal / rel).write_text("+++\nthis is = not toml\n+++\n", encoding="utf-8")
    for _ in range(2):  # parsed, then from the index
        result = run(*lookup)
        assert result.exit_code == 5, result.stderr
        assert rel in result.stderr
    missing = run(lookup[0], "show", "nothing-like-it")
    assert missing.exit_code == 4


def test_every_lookup_of_a_broken_session_names_the_file(run: Any, journal: Path) -> None:
    rel = "sessions/2026/2026-11-08-ada.md"
    (journal / rel).write_text("+++\nmentor = 'ada'\ndate = 'soon'\n+++\n", encoding="utf-8")
    for command in (
        ["session", "show", "2026-11-08-ada"],
        ["session", "rm", "--yes", "2026-11-08-ada"],
        ["action", "done", "2026-11-08-ada#1"],
        ["reflect", "--session", "2026-11-08-ada", "--text", "x", "--no-edit"],
    ):
        result = run(*command)
        assert result.exit_code == 5, (command, result.stderr)
        assert rel in result.stderr
    assert (journal / rel).exists()


# --- the index forgets deleted records ----------------------------------------------------------


def _cache_bytes(journal: Path) -> bytes:
    cache = journal.parent / "cache"
    return b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "how",
    ["by hand, then due", "by hand, then session list", "session rm, then session new"],
)
def test_the_index_forgets_a_deleted_session(run: Any, journal: Path, how: str) -> None:
    rel = "sessions/2025/2025-03-01-ada.md"
    Builder(journal).session(
        "ada",
        "2025-03-01",
        "## Actions\n- [ ] zanzibartask\n\n## Lessons\n- zanzibarlesson\n",
        topic="zanzibartopic",
    )
    stamp = 1_700_000_000
    os.utime(journal / rel, (stamp, stamp))  # old enough to be cached
    for command in (["due"], ["due"], ["session", "list"], ["lessons"]):
        assert run(*command).exit_code in (0, 1)
    assert b"zanzibar" in _cache_bytes(journal)
    if how.startswith("by hand"):
        (journal / rel).unlink()
        assert run(*how.split(", then ")[1].split()).exit_code in (0, 1)
    else:
        assert run("session", "rm", "--yes", "2025-03-01-ada").exit_code == 0
        made = run("session", "new", "-m", "ada", "--notes", "x", "--no-edit")
        assert made.exit_code == 0, made.stderr
    assert b"zanzibar" not in _cache_bytes(journal)
    assert b"2025-03-01-ada" not in _cache_bytes(journal)


def _mixed_endings(n: int) -> str:
    return "".join(f"line {i % 3}" + ("\r\n" if i % 2 else "\n") for i in range(n))


@pytest.mark.parametrize(
    "change",
    [
        lambda text: "changed\n" + text.replace("\r\n", "\n") + "changed too\n",
        lambda text: text.replace("\r\n", "\n")[::-1].replace("\n", "\n", 1),
        lambda text: "\n".join(reversed(text.replace("\r\n", "\n").split("\n"))),
    ],
    ids=["both ends changed", "reversed text", "reversed lines"],
)
def test_giving_lines_their_endings_back_is_not_worse_than_n_log_n(change: Any) -> None:
    """A rewrite of a file with mixed line endings and many alike lines: the work to give each
    kept line its own ending back grows with the lines, not with their square."""

    def restore(text: str) -> None:
        lineform.restore(text, change(text))

    small = _work(_mixed_endings, restore, 150)
    large = _work(_mixed_endings, restore, 1200)
    assert large <= 8 * small * 3, (small, large)  # 8 times the input, at most 24 times the work
