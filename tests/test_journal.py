"""Finding, creating and refusing journal folders: `--dir`, `MENTORLOG_DIR`, the platform data
folder, `init`, `path`, `--version`, and what happens when a folder is not a journal."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from mentorlog import __version__
from mentorlog.errors import NotAJournal

NOT_A_JOURNAL = NotAJournal.exit_code


def files_under(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- where the journal is -------------------------------------------------------------------


def test_path_prints_the_folder_named_by_mentorlog_dir(run, journal_dir):
    result = run("path")
    assert result.exit_code == 0
    assert result.stdout == f"{journal_dir}\n"


def test_dir_option_wins_over_mentorlog_dir(run, tmp_path):
    chosen = tmp_path / "elsewhere"
    result = run("--dir", str(chosen), "path")
    assert result.stdout.strip() == str(chosen)


def test_dir_option_is_made_absolute_and_expands_home(run, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert run("--dir", "rel", "path").stdout.strip() == str(tmp_path / "rel")
    assert run("--dir", "~/j", "path").stdout.strip() == str(tmp_path / "home" / "j")


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are a Linux convention")
def test_without_mentorlog_dir_the_platform_data_folder_is_used(run, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTORLOG_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert run("path").stdout.strip() == str(tmp_path / "data" / "mentorlog")


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are a Linux convention")
def test_without_xdg_data_home_the_folder_is_under_home(run, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTORLOG_DIR")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "mentorlog"
    assert run("path").stdout.strip() == str(expected)


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are a Linux convention")
def test_first_write_goes_to_the_platform_data_folder(run, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTORLOG_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run("mentor", "add", "Ruth Castellanos")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "data" / "mentorlog" / "mentors" / "ruth-castellanos.toml").is_file()


def test_path_does_not_create_anything(run, journal_dir):
    run("path")
    assert not journal_dir.exists()


def test_version_prints_the_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"mentorlog {__version__}\n"


# --- init -----------------------------------------------------------------------------------


def test_init_creates_a_private_journal_and_says_so(run, journal_dir):
    result = run("init")
    assert result.exit_code == 0, result.stderr
    assert f"Created a new journal at {journal_dir}" in result.stderr
    assert result.stdout == ""
    assert (journal_dir / "mentorlog.toml").is_file()
    for folder in ("mentors", "goals", "sessions", "reflections"):
        assert (journal_dir / folder).is_dir()
    assert stat.S_IMODE(journal_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((journal_dir / "mentorlog.toml").stat().st_mode) == 0o600


def test_init_settings_name_the_format_version_and_show_the_default_cadence(run, journal_dir):
    run("init")
    import tomllib

    text = (journal_dir / "mentorlog.toml").read_text("utf-8")
    settings = tomllib.loads(text)
    assert settings["schema_version"] == 1
    # Left unset, so the `cadence` of the user's config file applies (docs/format.md).
    assert "default_cadence" not in settings
    assert '# default_cadence = "4w"' in text


def test_init_takes_a_folder_argument(run, tmp_path, journal_dir):
    target = tmp_path / "nested" / "my journal"
    result = run("init", str(target))
    assert result.exit_code == 0, result.stderr
    assert (target / "mentorlog.toml").is_file()
    assert not journal_dir.exists()


def test_init_uses_the_dir_option(run, tmp_path):
    target = tmp_path / "by-option"
    assert run("--dir", str(target), "init").exit_code == 0
    assert (target / "mentorlog.toml").is_file()


def test_init_twice_changes_nothing_and_says_so(run, journal_dir):
    run("init")
    (journal_dir / "mentorlog.toml").write_text("schema_version = 1\n# mine\n", "utf-8")
    before = files_under(journal_dir)
    result = run("init")
    assert result.exit_code == 0
    assert "already" in result.stderr
    assert files_under(journal_dir) == before


def test_init_makes_an_existing_empty_folder_a_journal(run, journal_dir):
    journal_dir.mkdir()
    assert run("init").exit_code == 0
    assert (journal_dir / "mentorlog.toml").is_file()


def test_first_write_creates_the_journal_and_says_so_on_stderr(run, journal_dir):
    result = run("mentor", "add", "Jennifer Phillips")
    assert result.exit_code == 0, result.stderr
    assert f"Created a new journal at {journal_dir}" in result.stderr
    assert (journal_dir / "mentorlog.toml").is_file()
    again = run("mentor", "add", "Marcus Oyelaran")
    assert "Created" not in again.stderr


def test_first_goal_also_creates_the_journal(run, journal_dir):
    result = run("goal", "add", "Negotiate my next offer")
    assert result.exit_code == 0, result.stderr
    assert "Created a new journal" in result.stderr
    assert (journal_dir / "goals" / "negotiate-my-next-offer.toml").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ("mentor", "add", "Jennifer Phillips"),
        ("goal", "add", "Negotiate my next offer"),
        ("session", "new", "-m", "jennifer-phillips", "--notes", "hello"),
    ],
)
def test_a_write_never_takes_over_a_folder_that_holds_other_files(run, tmp_path, args):
    documents = tmp_path / "Documents"
    documents.mkdir(mode=0o755)
    (documents / "taxes.pdf").write_bytes(b"%PDF")
    before = stat.S_IMODE(documents.stat().st_mode)
    result = run("--dir", str(documents), *args)
    assert result.exit_code == NOT_A_JOURNAL
    assert result.stderr.count("\n") == 1
    assert f"{documents} is not a mentorlog journal and holds other files" in result.stderr
    assert f"mentorlog init {documents}" in result.stderr
    assert sorted(p.name for p in documents.iterdir()) == ["taxes.pdf"]
    assert stat.S_IMODE(documents.stat().st_mode) == before


def test_a_folder_with_only_hidden_entries_becomes_a_journal_on_the_first_write(run, tmp_path):
    # A git clone with no journal is refused instead (tests/reliability/test_git_trust.py).
    synced = tmp_path / "mentoring"
    (synced / ".stfolder").mkdir(parents=True)
    result = run("--dir", str(synced), "mentor", "add", "Jennifer Phillips")
    assert result.exit_code == 0, result.stderr
    assert (synced / "mentorlog.toml").is_file()


def test_a_journal_that_lost_its_settings_file_gets_a_new_one_on_the_next_write(run, journal_dir):
    assert run("mentor", "add", "Jennifer Phillips").exit_code == 0
    (journal_dir / "mentorlog.toml").unlink()
    result = run("mentor", "add", "Marcus Oyelaran")
    assert result.exit_code == 0, result.stderr
    assert (journal_dir / "mentorlog.toml").is_file()
    assert (journal_dir / "mentors" / "jennifer-phillips.toml").is_file()


def test_init_makes_a_journal_of_a_folder_with_other_files_when_asked(run, tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "notes.txt").write_text("mine")
    assert run("init", str(documents)).exit_code == 0
    assert run("--dir", str(documents), "mentor", "add", "Ruth").exit_code == 0
    assert (documents / "notes.txt").read_text() == "mine"


# --- folders that are not journals --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("mentor", "list"), ("goal", "list"), ("mentor", "show", "x"), ("doctor",)],
)
def test_reading_a_missing_folder_is_an_error_not_an_empty_list(run, journal_dir, args):
    result = run(*args)
    assert result.exit_code == NOT_A_JOURNAL
    assert result.stdout == ""
    assert result.stderr.startswith(f"mentorlog: there is no journal at {journal_dir}")
    assert "mentorlog init" in result.stderr
    assert not journal_dir.exists()


@pytest.mark.parametrize("args", [("mentor", "list"), ("goal", "list", "--json"), ("doctor",)])
def test_reading_a_folder_without_settings_says_it_is_not_a_journal(run, journal_dir, args):
    journal_dir.mkdir()
    (journal_dir / "notes.txt").write_text("mine", "utf-8")
    result = run(*args)
    assert result.exit_code == NOT_A_JOURNAL
    assert result.stdout == ""
    assert "is not a mentorlog journal" in result.stderr
    assert "mentorlog.toml" in result.stderr
    assert files_under(journal_dir) == {"notes.txt": b"mine"}


@pytest.mark.parametrize(
    "args",
    [
        ("mentor", "set", "x", "--role", "y"),
        ("mentor", "end", "x"),
        ("goal", "progress", "x", "moved"),
        ("goal", "done", "x"),
    ],
)
def test_changing_a_record_in_a_folder_that_is_not_a_journal_writes_nothing(run, journal_dir, args):
    journal_dir.mkdir()
    result = run(*args)
    assert result.exit_code == NOT_A_JOURNAL
    assert result.stderr.count("\n") == 1
    assert list(journal_dir.iterdir()) == []


def test_changing_a_record_where_there_is_no_folder_says_there_is_no_journal(run, journal_dir):
    result = run("goal", "progress", "x", "moved")
    assert result.exit_code == NOT_A_JOURNAL
    assert "there is no journal" in result.stderr
    assert not journal_dir.exists()


def test_a_journal_of_a_newer_format_is_refused(run, journal_dir):
    run("init")
    (journal_dir / "mentorlog.toml").write_text("schema_version = 99\n", "utf-8")
    result = run("mentor", "list")
    assert result.exit_code == NOT_A_JOURNAL
    assert "newer" in result.stderr and "upgrade mentorlog" in result.stderr


def test_broken_settings_name_the_file_and_line(run, journal_dir):
    run("init")
    (journal_dir / "mentorlog.toml").write_text('schema_version = 1\ndue_within = "soon"\n')
    result = run("mentor", "list")
    assert result.exit_code != 0
    assert result.stderr.startswith("mentorlog: mentorlog.toml:2:")
    assert "due_within" in result.stderr


def test_journal_settings_give_the_default_cadence(run, journal_dir):
    run("init")
    settings = journal_dir / "mentorlog.toml"
    text = settings.read_text("utf-8").replace('# default_cadence = "4w"', 'default_cadence = "3w"')
    settings.write_text(text, "utf-8")
    run("mentor", "add", "Ruth Castellanos")
    result = run("mentor", "list")
    assert "3w (default)" in result.stdout


def test_a_write_never_takes_over_a_folder_it_cannot_look_inside(run, tmp_path, monkeypatch):
    from mentorlog.services import journal as journal_service

    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(journal_service.os, "listdir", refuse)
    result = run("--dir", str(locked), "mentor", "add", "Ruth")
    assert result.exit_code == 8
    assert f"could not look inside {locked}: Permission denied" in result.stderr
    assert not (locked / "mentorlog.toml").exists()
