"""The index (src/mentorlog/index.py) is a cache and never the source of truth: whatever happens
to the files or to the index itself, a read through the index gives what a read of every file
would give. These tests edit files by hand, play with timestamps, and damage the index."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.domain.models import Session
from mentorlog.journal import index as index_module
from mentorlog.journal.layout import RecordPaths, cache_path
from mentorlog.journal.reader import Reader, Snapshot
from mentorlog.journal.storage import Journal

HOUR = 3600
SESSION = "sessions/2026/2026-10-28-walter-nakamura.md"


def age(root: Path, seconds: int = HOUR) -> None:
    """Make every file older than the index's window for just-changed files."""
    then = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (then, then))


def age_file(path: Path, seconds: int = HOUR) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns))


class Parses:
    """Counts the files parsed (not served from the index) during a read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        original = Reader.parse_file

        def counting(reader: Reader, kind: str, path: Path, rel: str) -> Any:
            self.files.append(rel)
            return original(reader, kind, path, rel)

        monkeypatch.setattr(Reader, "parse_file", counting)

    def during(self, journal: Journal, **options: Any) -> tuple[Snapshot, list[str]]:
        self.files = []
        snapshot = journal.load(**options)
        return snapshot, sorted(self.files)


@pytest.fixture
def journal(example_dir: Path) -> Journal:
    age(example_dir)
    return Journal(example_dir)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


def uncached(root: Path, monkeypatch: pytest.MonkeyPatch) -> Snapshot:
    """What a read of every file gives, with no index at all."""
    with monkeypatch.context() as patch:
        patch.setenv("MENTORLOG_CACHE_DIR", "")
        return Journal(root).load()


def same(a: Snapshot, b: Snapshot) -> None:
    assert a.settings == b.settings
    assert a.mentors == b.mentors
    assert a.goals == b.goals
    assert a.sessions == b.sessions
    assert a.reflections == b.reflections
    assert sorted(map(str, a.problems)) == sorted(map(str, b.problems))
    assert dict(a.paths) == dict(b.paths)


def index_file(journal: Journal) -> Path:
    path = cache_path(journal.root)
    assert path is not None
    return path


# --- the index is used -----------------------------------------------------------------------


def test_a_second_read_parses_nothing(journal: Journal, parses: Parses) -> None:
    first, parsed = parses.during(journal)
    assert len(parsed) > 20
    second, parsed_again = parses.during(journal)
    assert parsed_again == []
    same(first, second)


def test_the_index_lives_in_the_cache_folder_and_is_private(
    journal: Journal, tmp_path: Path
) -> None:
    journal.load()
    path = index_file(journal)
    assert path.parent == tmp_path / "cache"
    assert path.stat().st_mode & 0o777 == 0o600
    assert not list(journal.root.rglob("index-*"))


def test_an_empty_cache_setting_turns_the_index_off(
    journal: Journal, parses: Parses, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
    parses.during(journal)
    _, parsed = parses.during(journal)
    assert len(parsed) > 20
    assert not (tmp_path / "cache").exists()


def test_a_read_that_changes_nothing_does_not_rewrite_the_index(journal: Journal) -> None:
    journal.load()
    before = index_file(journal).stat()
    journal.load()
    after = index_file(journal).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_no_temporary_file_is_left_in_the_cache_folder(journal: Journal) -> None:
    journal.load()
    (journal.root / SESSION).write_text((journal.root / SESSION).read_text() + "\nmore\n")
    age_file(journal.root / SESSION)
    journal.load()
    assert [p.name for p in index_file(journal).parent.iterdir()] == [index_file(journal).name]


# --- hand edits are never missed -------------------------------------------------------------


def test_an_edit_by_hand_is_seen(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.load()
    path = journal.root / SESSION
    text = path.read_text()
    topic_line = next(line for line in text.splitlines() if line.startswith("topic = "))
    path.write_text(text.replace(topic_line, 'topic = "Edited by hand"', 1))
    age_file(path)
    snapshot, parsed = parses.during(journal)
    assert parsed == [SESSION]
    session = snapshot.session("2026-10-28-walter-nakamura")
    assert session is not None and session.topic == "Edited by hand"
    same(snapshot, uncached(journal.root, monkeypatch))


def test_same_size_different_content_with_the_mtime_restored_is_seen(
    journal: Journal, parses: Parses
) -> None:
    journal.load()
    path = journal.root / SESSION
    before = path.stat()
    text = path.read_text()
    assert "- [ ]" in text
    tick_the_first_action_keeping_the_stamp(path, before.st_mtime_ns)  # same length
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    snapshot, parsed = parses.during(journal)
    assert parsed == [SESSION]
    assert first_action_done(snapshot)


def test_a_touch_that_keeps_the_mtime_but_changes_the_size_is_seen(
    journal: Journal, parses: Parses
) -> None:
    journal.load()
    path = journal.root / SESSION
    before = path.stat()
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n- [ ] Added by hand\n")
    set_mtime(path, before.st_mtime_ns)
    snapshot, parsed = parses.during(journal)
    assert parsed == [SESSION]
    session = snapshot.session("2026-10-28-walter-nakamura")
    assert session is not None
    assert session.actions[-1].text == "Added by hand"


def test_an_added_file_is_seen(journal: Journal, parses: Parses) -> None:
    journal.load()
    new = journal.root / "sessions/2026/2026-11-22-ruth-castellanos.md"
    new.write_text('+++\nmentor = "ruth-castellanos"\ndate = 2026-11-22\n+++\n\n- [ ] Call back\n')
    age_file(new)
    snapshot, parsed = parses.during(journal)
    assert parsed == ["sessions/2026/2026-11-22-ruth-castellanos.md"]
    assert snapshot.session("2026-11-22-ruth-castellanos") is not None


def test_a_deleted_file_is_gone(journal: Journal, parses: Parses) -> None:
    journal.load()
    (journal.root / SESSION).unlink()
    snapshot, parsed = parses.during(journal)
    assert parsed == []
    assert snapshot.session("2026-10-28-walter-nakamura") is None
    # and the index forgot it: putting a different file there is parsed, not served
    _, parsed = parses.during(journal)
    assert parsed == []


def test_a_file_renamed_by_hand_is_the_record_under_its_new_id(
    journal: Journal, parses: Parses
) -> None:
    journal.load()
    old = journal.root / SESSION
    new = journal.root / "sessions/2026/2026-10-28-walter-nakamura-2.md"
    os.rename(old, new)
    snapshot, parsed = parses.during(journal)
    assert parsed == ["sessions/2026/2026-10-28-walter-nakamura-2.md"]
    assert snapshot.session("2026-10-28-walter-nakamura") is None
    renamed = snapshot.session("2026-10-28-walter-nakamura-2")
    assert renamed is not None and renamed.actions
    assert all(a.session == renamed.id for a in renamed.actions)


def test_a_file_swapped_for_another_of_the_same_name_is_seen(
    journal: Journal, parses: Parses
) -> None:
    """A sync tool or `git checkout` replaces the file: new inode, maybe the same mtime."""
    journal.load()
    path = journal.root / SESSION
    before = path.stat()
    replacement = path.with_suffix(".new")
    replacement.write_text(path.read_text().replace("walter-nakamura", "ruth-castellanos", 1))
    os.replace(replacement, path)
    set_mtime(path, before.st_mtime_ns)
    snapshot, parsed = parses.during(journal)
    assert parsed == [SESSION]
    session = snapshot.session("2026-10-28-walter-nakamura")
    assert session is not None and session.mentor == "ruth-castellanos"


def test_a_file_stamped_in_the_future_is_read_every_time(journal: Journal, parses: Parses) -> None:
    """Clock skew: a file from a machine whose clock runs ahead is never cached, so a second
    edit at the same future stamp cannot be missed."""
    path = journal.root / SESSION
    future = time.time_ns() + 24 * HOUR * 10**9
    set_mtime(path, future)
    journal.load()
    _, parsed = parses.during(journal)
    assert parsed == [SESSION]
    tick_the_first_action_keeping_the_stamp(path, future)
    snapshot, parsed = parses.during(journal)
    assert parsed == [SESSION]
    assert first_action_done(snapshot)


def test_a_file_stamped_far_in_the_past_is_still_checked(journal: Journal, parses: Parses) -> None:
    path = journal.root / SESSION
    far_past = 86_400 * 10**9  # 1970-01-02
    set_mtime(path, far_past)
    journal.load()
    _, parsed = parses.during(journal)
    assert parsed == []
    tick_the_first_action_keeping_the_stamp(path, far_past)
    snapshot, parsed = parses.during(journal)
    assert parsed == [SESSION]
    assert first_action_done(snapshot)


def tick_the_first_action_keeping_the_stamp(path: Path, mtime_ns: int) -> None:
    path.write_text(path.read_text().replace("- [ ]", "- [x]", 1))
    set_mtime(path, mtime_ns)


def first_action_done(snapshot: Snapshot) -> bool:
    session = snapshot.session("2026-10-28-walter-nakamura")
    return session is not None and session.actions[0].done


def test_a_file_changed_seconds_ago_is_not_cached_yet(journal: Journal, parses: Parses) -> None:
    journal.load()
    path = journal.root / SESSION
    path.write_text(path.read_text() + "\n")
    _, parsed = parses.during(journal)
    assert parsed == [SESSION]
    _, parsed = parses.during(journal)
    assert parsed == [SESSION]  # still within the window: read again
    age_file(path)
    parses.during(journal)
    _, parsed = parses.during(journal)
    assert parsed == []


def test_a_whole_year_folder_removed_is_forgotten(journal: Journal, parses: Parses) -> None:
    journal.load()
    shutil.rmtree(journal.root / "reflections/2026")
    snapshot, parsed = parses.during(journal)
    assert parsed == []
    assert snapshot.reflections == []


def test_the_settings_file_is_checked_like_any_other(journal: Journal) -> None:
    journal.load()
    settings = journal.root / "mentorlog.toml"
    before = settings.stat()
    settings.write_text(settings.read_text().replace('"4w"', '"2w"'))
    set_mtime(settings, before.st_mtime_ns)
    assert str(journal.load().settings.default_cadence) == "2w"


def test_a_broken_file_is_reported_from_the_index_too(journal: Journal, parses: Parses) -> None:
    broken = journal.root / "sessions/2026/2026-11-01-walter-nakamura.md"
    broken.write_text('+++\nmentor = "walter-nakamura"\ndate = "soon"\n+++\n')
    age(journal.root)
    cold = journal.load()
    warm, parsed = parses.during(journal)
    assert parsed == []
    assert [str(p) for p in warm.problems] == [str(p) for p in cold.problems]
    assert any("2026-11-01-walter-nakamura" in str(p) for p in warm.problems)


def test_warnings_come_in_file_order_whatever_the_index_holds(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that does not parse is found after the walk when read, during it when its
    problem comes from the index; neither may change the order of the warnings."""
    (journal.root / "sessions/2024").mkdir()
    (journal.root / "sessions/2024/Not An Id.md").write_text("+++\n+++\n")
    broken = journal.root / "sessions/2026/2026-11-01-walter-nakamura.md"
    broken.write_text('+++\nmentor = "walter-nakamura"\ndate = "soon"\n+++\n')
    (journal.root / "sessions/loose.md").write_text("+++\n+++\n")
    age(journal.root)
    without_index = [str(p) for p in uncached(journal.root, monkeypatch).problems]
    cold = [str(p) for p in journal.load().problems]
    warm = [str(p) for p in journal.load().problems]
    assert cold == warm == without_index
    assert [p.split(":")[0] for p in warm] == sorted(p.split(":")[0] for p in warm)
    assert len(warm) == 3


def test_a_duplicate_id_in_two_year_folders_is_reported_warm_and_cold(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    (journal.root / "sessions/2025").mkdir()
    shutil.copy(journal.root / SESSION, journal.root / "sessions/2025" / Path(SESSION).name)
    age(journal.root)
    cold = journal.load()
    warm = journal.load()
    same(cold, warm)
    same(warm, uncached(journal.root, monkeypatch))
    assert any("same id" in str(p) for p in warm.problems)


def test_which_of_two_files_with_one_id_counts_does_not_depend_on_the_index(
    journal: Journal,
) -> None:
    """The file in its usual place counts and the copy is reported, whether each of them
    comes from the index (met during the walk) or is parsed again (met after it)."""
    name = Path(SESSION).name
    (journal.root / "sessions/2025").mkdir()
    usual, copy = journal.root / SESSION, journal.root / "sessions/2025" / name
    shutil.copy(usual, copy)
    age(journal.root)
    snapshots = [journal.load()]  # both parsed
    usual.write_text(usual.read_text() + "\nMore notes.\n")
    age_file(usual)
    snapshots.append(journal.load())  # the usual file parsed, the copy from the index
    copy.write_text(copy.read_text() + "\nA note on the copy.\n")
    age_file(copy)
    snapshots.append(journal.load())  # the copy parsed, the usual file from the index
    snapshots.append(journal.load())  # both from the index
    for snapshot in snapshots:
        assert snapshot.paths[("session", name[:-3])] == SESSION
        duplicates = [str(p) for p in snapshot.problems if "same id" in str(p)]
        assert duplicates == [
            f"sessions/2025/{name}: has the same id as {SESSION} "
            "(rename one of them; ids must be unique)"
        ]


# --- a damaged index is never trusted ------------------------------------------------------


def test_a_corrupt_index_is_ignored_and_rebuilt(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = journal.load()
    index_file(journal).write_bytes(b"\x00garbage" * 100)
    snapshot, parsed = parses.during(journal)
    assert len(parsed) > 20
    same(snapshot, expected)
    _, parsed = parses.during(journal)
    assert parsed == []


@pytest.mark.parametrize("keep", [0, 10, 20, 30, 200, -1])
def test_a_truncated_index_is_ignored(journal: Journal, keep: int) -> None:
    expected = journal.load()
    path = index_file(journal)
    data = path.read_bytes()
    path.write_bytes(data[:keep] if keep >= 0 else data[: len(data) // 2])
    same(journal.load(), expected)


def test_a_damaged_chunk_costs_only_its_folder(journal: Journal, parses: Parses) -> None:
    expected = journal.load()
    path = index_file(journal)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF  # inside the last folder written
    path.write_bytes(bytes(data))
    snapshot, parsed = parses.during(journal)
    same(snapshot, expected)
    assert parsed
    assert len(parsed) < 20
    assert len({p.rsplit("/", 1)[0] for p in parsed}) == 1


def test_an_index_of_another_version_is_ignored(journal: Journal, parses: Parses) -> None:
    expected = journal.load()
    path = index_file(journal)
    data = path.read_bytes()
    header = index_module.MAGIC + index_module.VERSION.to_bytes(2, "big")
    assert data.startswith(header)
    other = index_module.MAGIC + (index_module.VERSION + 1).to_bytes(2, "big")
    path.write_bytes(other + data[len(header) :])
    snapshot, parsed = parses.during(journal)
    assert len(parsed) > 20
    same(snapshot, expected)


def test_an_index_of_another_journal_is_ignored(
    journal: Journal, parses: Parses, tmp_path: Path
) -> None:
    journal.load()
    other = tmp_path / "other"
    shutil.copytree(journal.root, other)
    age(other)
    shutil.copy(index_file(journal), cache_path(other))  # type: ignore[arg-type]
    (other / SESSION).unlink()
    snapshot, parsed = parses.during(Journal(other))
    assert len(parsed) > 20
    assert snapshot.session("2026-10-28-walter-nakamura") is None


def test_a_row_of_the_wrong_shape_is_parsed_again(
    journal: Journal, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index written by a buggy version (or edited) is checked row by row."""
    expected = uncached(journal.root, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(Session, "to_row", lambda self: ("nonsense",))
        journal.load()
    snapshot, parsed = parses.during(journal)
    same(snapshot, expected)
    assert parsed and all(p.startswith("sessions/") for p in parsed)
    _, parsed = parses.during(journal)
    assert parsed == []


def test_a_row_of_another_record_is_not_served_for_this_file(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(journal.root, monkeypatch)
    real = Session.to_row

    def wrong_id(self: Session) -> tuple[Any, ...]:
        return ("2020-01-01-someone-else", *real(self)[1:])

    with monkeypatch.context() as patch:
        patch.setattr(Session, "to_row", wrong_id)
        journal.load()
    same(journal.load(), expected)


def test_an_unwritable_cache_folder_is_not_an_error(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(blocker / "cache"))
    same(journal.load(), uncached(journal.root, monkeypatch))


# --- partial and summary reads -------------------------------------------------------------


def test_reading_only_some_kinds_keeps_the_rest_of_the_index(
    journal: Journal, parses: Parses
) -> None:
    journal.load()
    (journal.root / SESSION).unlink()
    partial, parsed = parses.during(journal, kinds=("mentor", "goal"))
    assert parsed == []
    assert partial.sessions == [] and partial.reflections == []
    assert len(partial.mentors) == 6
    _, parsed = parses.during(journal)
    assert parsed == []


def test_a_partial_read_of_a_fresh_journal_caches_what_it_read(
    journal: Journal, parses: Parses
) -> None:
    journal.load(kinds=("mentor",))
    _, parsed = parses.during(journal)
    assert parsed and not any(p.startswith("mentors/") for p in parsed)


def test_a_summary_read_has_open_actions_and_no_lessons(journal: Journal) -> None:
    full = journal.load()
    summary = journal.load(details=False)
    assert [s.id for s in summary.sessions] == [s.id for s in full.sessions]
    for light, whole in zip(summary.sessions, full.sessions, strict=True):
        assert (light.mentor, light.date, light.kind, light.topic) == (
            whole.mentor,
            whole.date,
            whole.kind,
            whole.topic,
        )
        assert list(light.goals) == whole.goals
        # open actions, and done ones whose outcome on advice the mentor may want to hear
        kept = [a for a in whole.actions if not a.done or a.reported]
        assert list(light.actions) == kept
        assert not light.lessons
    assert any(s.lessons for s in full.sessions)


def test_a_summary_read_of_unparsed_files_is_a_summary_too(journal: Journal) -> None:
    summary = journal.load(details=False)  # nothing cached yet
    assert all(not s.lessons for s in summary.sessions)
    assert all(not a.done or a.reported for s in summary.sessions for a in s.actions)
    assert any(a.reported for s in summary.sessions for a in s.actions)  # the example has one


# --- RecordPaths ---------------------------------------------------------------------------


def test_record_paths_behave_as_a_mapping() -> None:
    paths = RecordPaths()
    paths[("session", "2026-01-02-x")] = "sessions/2026/2026-01-02-x.md"
    paths[("session", "2026-01-03-y")] = "sessions/2025/2026-01-03-y.md"
    paths[("mentor", "x")] = "mentors/x.toml"
    assert paths[("session", "2026-01-02-x")] == "sessions/2026/2026-01-02-x.md"
    assert paths[("session", "2026-01-03-y")] == "sessions/2025/2026-01-03-y.md"
    assert ("mentor", "x") in paths
    assert ("mentor", "y") not in paths
    assert "mentor" not in paths
    assert len(paths) == 3
    assert dict(paths) == {
        ("session", "2026-01-02-x"): "sessions/2026/2026-01-02-x.md",
        ("session", "2026-01-03-y"): "sessions/2025/2026-01-03-y.md",
        ("mentor", "x"): "mentors/x.toml",
    }
    assert not paths.add_usual("mentor", "x")
    assert not paths.add_usual("session", "2026-01-03-y")
    del paths[("mentor", "x")]
    del paths[("session", "2026-01-03-y")]
    assert len(paths) == 1
    with pytest.raises(KeyError):
        paths[("goal", "nothing")]
    with pytest.raises(KeyError):
        del paths[("goal", "nothing")]


# --- the commands say the same with and without the index ----------------------------------

COMMANDS = [
    ["due", "--json"],
    ["due", "--all", "--json"],
    ["mentor", "list", "--json"],
    ["goal", "list", "--json"],
    ["session", "list", "--json"],
    ["action", "list", "--json"],
    ["action", "list", "--all", "--json"],
    ["search", "budget", "--json"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_deleting_the_index_changes_no_output(
    args: list[str], run: Any, example_dir: Path, tmp_path: Path
) -> None:
    age(example_dir)
    cold = run(*args)
    warm = run(*args)
    assert warm.exit_code == cold.exit_code == 0, cold.stderr
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)  # search reads the files itself
    rebuilt = run(*args)
    assert warm.stdout == cold.stdout == rebuilt.stdout
    assert warm.stderr == cold.stderr == rebuilt.stderr
    json.loads(warm.stdout)


# --- any sequence of hand edits --------------------------------------------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(["edit", "same-size", "append", "delete", "add", "rename", "future"]),
        st.integers(min_value=0, max_value=50),
        st.booleans(),  # restore the old mtime afterwards
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS)
def test_after_any_hand_edits_the_index_agrees_with_the_files(
    edits: list[tuple[str, int, bool]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / f"j{time.monotonic_ns()}"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "journal", root)
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(tmp_path / f"c{time.monotonic_ns()}"))
    age(root)
    journal = Journal(root)
    journal.load()
    for action, pick, restore in edits:
        files = sorted((root / "sessions").rglob("*.md"))
        if not files:
            break
        path = files[pick % len(files)]
        before = path.stat()
        text = path.read_text()
        if action == "edit":
            path.write_text(text.replace("+++\n", '+++\ntopic = "changed"\n', 1))
        elif action == "same-size":
            path.write_text(text.replace("- [ ]", "- [x]", 1).replace("check-in", "check_in", 1))
        elif action == "append":
            path.write_text(text + "\n- [ ] more\n")
        elif action == "delete":
            path.unlink()
            continue
        elif action == "add":
            new = path.with_name(f"2026-11-2{pick % 4}-helen-achterberg-{pick}.md")
            new.write_text(text.replace("+++\n", "+++\n# copy\n", 1))
            path = new
        elif action == "rename":
            new = path.with_name(path.stem + f"-{pick}.md")
            os.rename(path, new)
            path = new
        else:
            set_mtime(path, time.time_ns() + HOUR * 10**9)
            restore = False
        if restore:
            set_mtime(path, before.st_mtime_ns)
        through_index = journal.load()
        same(through_index, uncached(root, monkeypatch))
    same(journal.load(), uncached(root, monkeypatch))
