"""Storage: atomic private writes, the lock around every change, never overwriting a file that
exists or changed since it was read, UTF-8 tolerance, and the index cache that must never change
what a command shows."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.errors import Busy, Conflict, InvalidFile, StorageError
from mentorlog.journal import files as fsutil
from mentorlog.journal.storage import Journal
from mentorlog.services import journal as journal_service


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    created = Journal(journal_dir)
    journal_service.init(created)
    return created


def add_mentor_file(journal: Journal, mentor_id: str, text: str) -> Path:
    path = journal.path_for("mentor", mentor_id)
    journal.create(path, text)
    return path


# --- never overwrite --------------------------------------------------------------------------


def test_create_never_replaces_an_existing_file(journal):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth"\n')
    with pytest.raises(Conflict), journal.lock():
        journal.create(path, 'name = "Someone else"\n')
    assert path.read_text("utf-8") == 'name = "Ruth"\n'


def test_replace_refuses_a_file_changed_on_disk_since_it_was_read(journal):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth"\n')
    record = journal.read(path)
    path.write_text('name = "Ruth"\nrole = "changed in an editor"\n', "utf-8")
    with pytest.raises(Conflict) as raised, journal.lock():
        journal.replace(record, 'name = "Ruth"\ncadence = "2w"\n')
    assert "mentors/ruth-castellanos.toml changed on disk" in str(raised.value)
    assert path.read_text("utf-8") == 'name = "Ruth"\nrole = "changed in an editor"\n'


def test_replace_refuses_a_file_deleted_since_it_was_read(journal):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth"\n')
    record = journal.read(path)
    path.unlink()
    with pytest.raises(Conflict), journal.lock():
        journal.replace(record, 'name = "Ruth"\n')
    assert not path.exists()


def test_delete_refuses_a_file_changed_on_disk_since_it_was_read(journal):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth"\n')
    record = journal.read(path)
    path.write_text('name = "Ruth C."\n', "utf-8")
    with pytest.raises(Conflict), journal.lock():
        journal.delete(record)
    assert path.read_text("utf-8") == 'name = "Ruth C."\n'


def test_replace_of_an_unchanged_file_writes_the_new_text(journal):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth"\n')
    record = journal.read(path)
    with journal.lock():
        journal.replace(record, 'name = "Ruth"\ncadence = "2w"\n')
    assert path.read_text("utf-8") == 'name = "Ruth"\ncadence = "2w"\n'


def test_a_file_that_does_not_parse_cannot_be_read_for_a_change(journal):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth\n')
    with pytest.raises(InvalidFile) as raised:
        journal.read(path)
    assert raised.value.path == "mentors/ruth-castellanos.toml"
    assert raised.value.line == 1


def test_a_new_mentor_never_takes_the_id_of_a_broken_file(run, journal):
    broken = add_mentor_file(journal, "ruth-castellanos", "this is not toml\n")
    # The broken file may be Ruth herself: only asked for, a second Ruth is added.
    assert run("mentor", "add", "Ruth Castellanos", "--json").exit_code == 5
    result = run("mentor", "add", "Ruth Castellanos", "--json", "--allow-same-name")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == "ruth-castellanos-2"
    assert broken.read_text("utf-8") == "this is not toml\n"


def test_ids_on_disk_ignore_case(journal):
    (journal.root / "mentors" / "Ruth.toml").write_text('name = "Ruth"\n', "utf-8")
    assert "ruth" in journal.ids_on_disk("mentor")


# --- atomic writes ----------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(journal, monkeypatch):
    path = add_mentor_file(journal, "ruth-castellanos", 'name = "Ruth"\n')
    record = journal.read(path)

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(StorageError) as raised, journal.lock():
        journal.replace(record, 'name = "Ruth"\nrole = "new"\n')
    assert "No space left on device" in str(raised.value)
    assert path.read_text("utf-8") == 'name = "Ruth"\n'
    assert sorted(p.name for p in path.parent.iterdir()) == ["ruth-castellanos.toml"]


def test_an_interrupted_write_leaves_no_temporary_file(journal, monkeypatch):
    path = journal.path_for("mentor", "ruth-castellanos")

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt), journal.lock():
        journal.create(path, 'name = "Ruth"\n')
    assert list(path.parent.iterdir()) == []


def test_write_atomic_writes_exactly_the_bytes(tmp_path):
    target = tmp_path / "file.toml"
    data = 'name = "Zoë"\n'.encode() * 1000
    fsutil.write_atomic(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["file.toml"]


def test_a_folder_that_links_outside_the_journal_is_never_written_through(run, journal, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(journal.root / "mentors")
    (journal.root / "mentors").symlink_to(outside)
    result = run("mentor", "add", "Ruth Castellanos")
    assert result.exit_code == StorageError.exit_code
    assert "outside the journal" in result.stderr
    assert list(outside.iterdir()) == []


# --- private files ----------------------------------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_files_are_0600_and_folders_0700_even_with_umask_000(run, journal_dir, open_umask):
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert run("goal", "add", "Present the budget").exit_code == 0
    assert mode_of(journal_dir) == 0o700
    for folder in ("mentors", "goals", "sessions", "reflections"):
        assert mode_of(journal_dir / folder) == 0o700, folder
    for path in (
        journal_dir / "mentorlog.toml",
        journal_dir / "mentors" / "ruth-castellanos.toml",
        journal_dir / "goals" / "present-the-budget.toml",
        journal_dir / ".mentorlog.lock",
    ):
        assert mode_of(path) == 0o600, path


def test_a_rewritten_file_stays_private_with_umask_000(run, journal_dir, open_umask):
    run("mentor", "add", "Ruth Castellanos")
    run("mentor", "set", "ruth", "--cadence", "2w")
    assert mode_of(journal_dir / "mentors" / "ruth-castellanos.toml") == 0o600


def test_year_folders_made_for_a_record_are_private(journal, open_umask):
    path = journal.path_for("session", "2026-11-02-ruth-castellanos")
    with journal.lock():
        journal.create(path, '+++\nmentor = "ruth-castellanos"\ndate = 2026-11-02\n+++\n')
    assert path.parent.name == "2026"
    assert mode_of(path.parent) == 0o700
    assert mode_of(path) == 0o600


def test_editor_recovery_files_are_private(journal, open_umask):
    kept = journal.save_recovery("my confidential text", "ruth-castellanos")
    assert mode_of(kept) == 0o600
    assert mode_of(kept.parent) == 0o700


def test_the_index_cache_is_private(run, journal_dir, tmp_path, open_umask):
    run("mentor", "add", "Ruth Castellanos")
    run("mentor", "list")
    cache = tmp_path / "cache"
    assert mode_of(cache) == 0o700
    for entry in cache.iterdir():
        assert mode_of(entry) == 0o600


# --- text encoding ----------------------------------------------------------------------------


def test_files_are_written_as_utf8_without_bom(run, journal_dir):
    run("mentor", "add", "Zoë Núñez", "--role", "Directora de Operaciones – Región")
    raw = (journal_dir / "mentors" / "zoe-nunez.toml").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "Zoë Núñez".encode() in raw
    assert "– Región".encode() in raw


def test_a_session_with_bom_and_crlf_is_read(journal):
    path = journal.root / "sessions" / "2026" / "2026-11-02-ruth-castellanos.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        b'\xef\xbb\xbf+++\r\nmentor = "ruth-castellanos"\r\ndate = 2026-11-02\r\n+++\r\n\r\n'
        b"## Actions\r\n- [ ] Send the outline\r\n"
    )
    record = journal.read(path)
    assert record.data == {"mentor": "ruth-castellanos", "date": date(2026, 11, 2)}
    session = journal.parse_file("session", path, "sessions/2026/2026-11-02-ruth-castellanos.md")
    assert [a.text for a in session.actions] == ["Send the outline"]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(run, journal):
    (journal.root / "mentors" / "latin.toml").write_bytes(b'name = "Ruth"\nrole = "Direcci\xf3n"\n')
    result = run("doctor", "--json")
    (problem,) = [p for p in result.json() if "UTF-8" in p["problem"]]
    assert (problem["path"], problem["line"]) == ("mentors/latin.toml", 2)


def test_a_file_with_merge_conflict_markers_is_reported_and_not_rewritten(run, journal):
    path = add_mentor_file(
        journal,
        "ruth-castellanos",
        'name = "Ruth"\n<<<<<<< HEAD\ncadence = "2w"\n=======\ncadence = "3w"\n>>>>>>> other\n',
    )
    before = path.read_bytes()
    listed = run("mentor", "list")
    assert "mentors/ruth-castellanos.toml:2" in listed.stderr
    assert "merge conflict" in listed.stderr
    assert run("mentor", "set", "ruth-castellanos", "--role", "x").exit_code != 0
    assert path.read_bytes() == before


# --- the lock ---------------------------------------------------------------------------------


def test_a_change_waits_for_the_lock_and_gives_up_with_busy(run, journal, monkeypatch):
    monkeypatch.setenv("MENTORLOG_LOCK_TIMEOUT", "0.2")
    before = files_under(journal.root)
    with journal.lock():
        result = run("mentor", "add", "Ruth Castellanos")
    assert result.exit_code == Busy.exit_code
    assert result.stderr.startswith("mentorlog: another mentorlog command")
    assert files_under(journal.root) == before


def test_the_lock_is_released_after_a_failed_change(run, journal):
    run("mentor", "add", "Ruth Castellanos")
    assert run("mentor", "add", "Ruth Castellanos").exit_code == Conflict.exit_code
    with journal.lock():
        pass


WORKER = textwrap.dedent(
    """
    import sys
    from mentorlog.__main__ import main

    worker = sys.argv[1]
    failures = 0
    for number in range(10):
        failures += main({command}) != 0
    sys.exit(failures)
    """
)


def run_workers(command: str, env_dir: Path, tmp_path: Path, workers: int = 8) -> None:
    """Start every worker at once; each runs its command ten times in its own process."""
    env = dict(os.environ)
    env.update(
        MENTORLOG_DIR=str(env_dir),
        MENTORLOG_CACHE_DIR=str(tmp_path / "cache"),
        MENTORLOG_LOCK_TIMEOUT="60",
    )
    script = WORKER.format(command=command)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(worker)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for worker in range(workers)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr


def assert_every_file_parses(run) -> None:
    result = run("doctor", "--json")
    assert result.json() == [], result.stdout
    assert result.exit_code == 0


@pytest.mark.slow
def test_concurrent_mentor_adds_lose_nothing(run, journal_dir, tmp_path):
    run_workers('["mentor", "add", f"Person {worker}-{number}"]', journal_dir, tmp_path)
    ids = [p.stem for p in (journal_dir / "mentors").iterdir()]
    assert len(ids) == 80 == len(set(ids))
    names = {
        tomllib.loads(p.read_text("utf-8"))["name"] for p in (journal_dir / "mentors").iterdir()
    }
    assert names == {f"Person {w}-{n}" for w in range(8) for n in range(10)}
    assert_every_file_parses(run)


@pytest.mark.slow
def test_concurrent_adds_of_the_same_name_get_distinct_ids(run, journal_dir, tmp_path):
    run("init")
    run_workers('["mentor", "add", "Same Name", "--allow-same-name"]', journal_dir, tmp_path)
    ids = sorted(p.stem for p in (journal_dir / "mentors").iterdir())
    assert len(ids) == 80
    assert set(ids) == {"same-name"} | {f"same-name-{n}" for n in range(2, 81)}
    assert_every_file_parses(run)


@pytest.mark.slow
def test_concurrent_progress_notes_on_one_goal_are_all_kept(run, journal_dir, tmp_path):
    run("goal", "add", "Present the budget")
    run_workers(
        '["goal", "progress", "present-the-budget", f"step {worker}-{number}"]',
        journal_dir,
        tmp_path,
    )
    data = tomllib.loads((journal_dir / "goals" / "present-the-budget.toml").read_text("utf-8"))
    notes = [entry["note"] for entry in data["progress"]]
    assert sorted(notes) == sorted(f"step {w}-{n}" for w in range(8) for n in range(10))
    assert not [p for p in journal_dir.rglob("*.tmp")]
    assert_every_file_parses(run)


def test_the_script_entry_point_works_as_a_separate_process(journal_dir, tmp_path):
    env = dict(os.environ, MENTORLOG_DIR=str(journal_dir))
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", "mentor", "add", "Ruth Castellanos", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"id": "ruth-castellanos"' in done.stdout


# --- the index --------------------------------------------------------------------------------


def age_every_file(folder: Path) -> None:
    """Make files look old enough for the index to cache them (fresh ones are never cached)."""
    old = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (old, old))


def everything_shown(run) -> list[str]:
    return [
        run(*args).stdout
        for args in (
            ("mentor", "list", "--all", "--json"),
            ("goal", "list", "--all", "--json"),
            ("mentor", "list", "--all"),
            ("goal", "list", "--all"),
            ("doctor", "--json"),
        )
    ]


def test_the_index_is_used_and_is_only_a_cache(run, journal_dir, tmp_path):
    run("mentor", "add", "Ruth Castellanos", "--cadence", "6w")
    run("goal", "add", "Present the budget", "--mentor", "ruth")
    age_every_file(journal_dir)
    cold = everything_shown(run)
    assert list((tmp_path / "cache").glob("index-*"))
    warm = everything_shown(run)
    shutil.rmtree(tmp_path / "cache")
    rebuilt = everything_shown(run)
    assert cold == warm == rebuilt


def test_a_corrupt_index_is_ignored(run, journal_dir, tmp_path):
    run("mentor", "add", "Ruth Castellanos")
    age_every_file(journal_dir)
    expected = everything_shown(run)
    for index in (tmp_path / "cache").glob("index-*"):
        index.write_text('{"version": 2, "root": "nonsense", "entries": {"x": 1}}')
    assert everything_shown(run) == expected
    for index in (tmp_path / "cache").glob("index-*"):
        index.write_bytes(b"\x00\xff not json")
    assert everything_shown(run) == expected


def test_a_hand_edit_is_seen_even_when_the_index_is_warm(run, journal_dir):
    run("mentor", "add", "Ruth Castellanos", "--cadence", "6w")
    age_every_file(journal_dir)
    everything_shown(run)
    path = journal_dir / "mentors" / "ruth-castellanos.toml"
    path.write_text(path.read_text("utf-8").replace('"6w"', '"2w"'), "utf-8")
    age_every_file(journal_dir)
    assert run("mentor", "show", "ruth", "--json").json()["cadence"] == "2w"


def test_no_cache_at_all_works(run, journal_dir, monkeypatch):
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", "")
    run("mentor", "add", "Ruth Castellanos")
    assert run("mentor", "list", "--json").json()[0]["id"] == "ruth-castellanos"


NAMES = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=20
).filter(lambda name: name.strip() != "")
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("mentor"), NAMES, st.sampled_from(["2w", "monthly", "10d", None])),
        st.tuples(st.just("goal"), NAMES, st.sampled_from(["2027-01-31", None])),
        st.tuples(st.just("progress"), NAMES, st.none()),
        st.tuples(st.just("break"), NAMES, st.none()),
    ),
    min_size=1,
    max_size=4,
)


def listings(run) -> list[str]:
    return [
        run(*args).stdout
        for args in (
            ("mentor", "list", "--all", "--json"),
            ("goal", "list", "--all", "--json"),
            ("mentor", "list", "--all"),
        )
    ]


@settings(
    max_examples=examples(6),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=ACTIONS)
def test_deleting_the_cache_changes_no_commands_output(run, tmp_path, actions):
    root = tmp_path / f"j-{os.urandom(4).hex()}"
    cache = tmp_path / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["MENTORLOG_DIR"] = str(root)  # the autouse fixture restores it afterwards
    run("init")
    for kind, text, extra in actions:
        if kind == "mentor":
            run("mentor", "add", text, *(["--cadence", extra] if extra else []))
        elif kind == "goal":
            run("goal", "add", text, *(["--target", extra] if extra else []))
        elif kind == "progress":
            goals = list((root / "goals").glob("*.toml"))
            if goals:
                run("goal", "progress", goals[0].stem, text)
        else:
            (root / "mentors" / "broken.toml").write_text(f"name = {text!r} oops\n", "utf-8")
        age_every_file(root)
        warm_first = listings(run)
        warm_again = listings(run)
        shutil.rmtree(cache, ignore_errors=True)
        assert listings(run) == warm_first == warm_again
