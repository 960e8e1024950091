"""History in git: `init --git`, one commit per command, hand edits, undo, log, passthrough."""

from __future__ import annotations

from pathlib import Path

import pytest

from git_helpers import (
    SECRET,
    commit_count,
    forget_identity,
    git,
    git_environment,
    is_clean,
    messages,
    subjects,
    write,
)
from mentorlog.git import repo as gitsync

RUTH_SESSION = "sessions/2026/2026-11-23-ruth-castellanos.md"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return git_environment(tmp_path, monkeypatch, identity=True)


@pytest.fixture
def journal(run, journal_dir: Path, built_once) -> Path:  # type: ignore[no-untyped-def]
    """A git journal with one mentor and one goal."""

    def build() -> None:
        assert run("init", "--git").exit_code == 0
        assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
        assert run("goal", "add", "Learn to delegate", "--mentor", "ruth").exit_code == 0

    built_once("git journal", journal_dir.parent, (journal_dir.name,), build)
    return journal_dir


# --- turning history on --------------------------------------------------------------------


def test_init_git_makes_a_repository_with_one_first_commit(run, journal_dir):
    result = run("init", "--git")
    assert result.exit_code == 0, result.stderr
    assert (journal_dir / ".git").is_dir()
    assert "git = true" in (journal_dir / "mentorlog.toml").read_text(encoding="utf-8")
    assert commit_count(journal_dir) == 1
    assert is_clean(journal_dir)
    assert git(journal_dir, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"


def test_the_gitignore_keeps_lock_temp_and_recovery_files_out(run, journal_dir):
    run("init", "--git")
    ignored = (journal_dir / ".gitignore").read_text(encoding="utf-8").splitlines()
    for pattern in (".mentorlog.lock", "*.tmp", ".edit-*", ".recovery/"):
        assert pattern in ignored
    run("mentor", "add", "Ruth Castellanos")
    (journal_dir / ".mentors.tmp").write_text("half", encoding="utf-8")
    tracked = git(journal_dir, "ls-files").split()
    assert ".mentorlog.lock" not in tracked
    assert is_clean(journal_dir)


def test_git_init_on_an_existing_journal_commits_every_record(run, example_dir):
    result = run("git", "init")
    assert result.exit_code == 0, result.stderr
    tracked = set(git(example_dir, "ls-files").split())
    assert "mentors/ruth-castellanos.toml" in tracked
    assert any(path.startswith("sessions/2026/") for path in tracked)
    assert is_clean(example_dir)
    assert subjects(example_dir)[0].startswith("git init: ")


def test_git_init_twice_changes_nothing(run, journal):
    before = commit_count(journal)
    result = run("git", "init")
    assert result.exit_code == 0, result.stderr
    assert commit_count(journal) == before


def test_git_init_keeps_an_existing_gitignore(run, journal_dir):
    run("init")
    write(journal_dir / ".gitignore", "drafts/\n")
    assert run("git", "init").exit_code == 0
    lines = (journal_dir / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "drafts/"
    assert ".mentorlog.lock" in lines


def test_git_init_without_a_journal_says_how_to_make_one(run, journal_dir):
    result = run("git", "init")
    assert result.exit_code == 3
    assert "mentorlog init" in result.stderr
    assert not journal_dir.exists()


def test_files_git_writes_stay_private(run, journal):
    mode = (journal / ".gitignore").stat().st_mode & 0o777
    assert mode == 0o600
    assert run("doctor").exit_code == 0


# --- one commit per command ----------------------------------------------------------------


def test_each_change_is_one_commit_named_by_action_and_id(run, journal):
    assert subjects(journal)[:2] == [
        "goal add: learn-to-delegate",
        "mentor add: ruth-castellanos",
    ]
    result = run("session", "new", "--mentor", "ruth", "--notes", "We talked.")
    assert result.exit_code == 0, result.stderr
    assert subjects(journal)[0] == "session new: 2026-11-23-ruth-castellanos"
    run("goal", "progress", "learn-to-delegate", "Handed off the weekly report.")
    assert subjects(journal)[0] == "goal progress: learn-to-delegate"
    assert is_clean(journal)


def test_the_commit_body_lists_the_files_and_marks_it_as_mentorlogs(run, journal):
    body = git(journal, "log", "-1", "--format=%B")
    assert "goals/learn-to-delegate.toml" in body
    assert f"{gitsync.TRAILER}: goal add" in body


def test_commit_messages_never_contain_note_text(run, journal):
    run("session", "new", "--mentor", "ruth", "--notes", SECRET, "--topic", SECRET)
    run("goal", "progress", "learn-to-delegate", SECRET)
    run("mentor", "set", "ruth", "--role", SECRET)
    run("git", "commit")
    assert commit_count(journal) >= 6
    assert SECRET not in messages(journal)
    assert SECRET in (journal / RUTH_SESSION).read_text(encoding="utf-8")


def test_positional_text_never_becomes_the_action(run, journal):
    run("goal", "progress", "learn-to", SECRET)
    assert subjects(journal)[0] == "goal progress: learn-to-delegate"


def test_global_options_before_the_command_are_understood(run, journal, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DIR", str(journal.parent / "elsewhere"))
    result = run("--dir", str(journal), "mentor", "add", "Marco Díaz")
    assert result.exit_code == 0, result.stderr
    assert subjects(journal)[0] == "mentor add: marco-diaz"
    result = run(f"--dir={journal}", "mentor", "rm", "marco", "--yes")
    assert result.exit_code == 0, result.stderr
    assert subjects(journal)[0] == "mentor rm: marco-diaz"


def test_a_command_that_reads_makes_no_commit(run, journal):
    before = commit_count(journal)
    assert run("mentor", "list").exit_code == 0
    assert run("goal", "show", "learn-to-delegate").exit_code == 0
    assert run("due").exit_code == 0
    assert commit_count(journal) == before


def test_a_command_that_fails_makes_no_commit(run, journal):
    before = commit_count(journal)
    result = run("session", "new", "--mentor", "nobody", "--notes", "x")
    assert result.exit_code != 0
    assert commit_count(journal) == before
    assert is_clean(journal)


def test_a_journal_without_git_is_never_made_a_repository(run, journal_dir):
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert not (journal_dir / ".git").exists()


def test_a_journal_that_turned_git_off_gets_no_commits(run, journal):
    settings = journal / "mentorlog.toml"
    write(settings, settings.read_text(encoding="utf-8").replace("git = true", "git = false"))
    git(journal, "commit", "-qam", "turn history off")
    before = commit_count(journal)
    run("mentor", "add", "Marco Díaz")
    assert commit_count(journal) == before
    assert not is_clean(journal)


# --- hand edits ------------------------------------------------------------------------------


def test_hand_edits_go_into_the_next_commit_and_are_named_as_such(run, journal):
    mentor = journal / "mentors" / "ruth-castellanos.toml"
    write(mentor, mentor.read_text(encoding="utf-8") + 'org = "Harbor Health"\n')
    result = run("goal", "progress", "learn-to-delegate", "Asked for help.")
    assert result.exit_code == 0, result.stderr
    assert subjects(journal)[0] == (
        "goal progress: learn-to-delegate, and hand edits to ruth-castellanos"
    )
    assert is_clean(journal)


def test_hand_edits_wait_while_only_reading(run, journal):
    mentor = journal / "mentors" / "ruth-castellanos.toml"
    write(mentor, mentor.read_text(encoding="utf-8") + 'org = "Harbor Health"\n')
    before = commit_count(journal)
    run("mentor", "show", "ruth")
    run("mentor", "list")
    assert commit_count(journal) == before
    assert not is_clean(journal)


def test_a_hand_edit_to_the_record_a_command_changes_counts_as_the_commands(run, journal):
    goal = journal / "goals" / "learn-to-delegate.toml"
    write(goal, goal.read_text(encoding="utf-8") + "# a comment of mine\n")
    run("goal", "progress", "learn-to-delegate", "Asked for help.")
    assert subjects(journal)[0] == "goal progress: learn-to-delegate"
    assert is_clean(journal)


def test_git_commit_commits_hand_edits_named_by_id(run, journal):
    mentor = journal / "mentors" / "ruth-castellanos.toml"
    write(mentor, mentor.read_text(encoding="utf-8") + f'background = "{SECRET}"\n')
    result = run("git", "commit")
    assert result.exit_code == 0, result.stderr
    assert "Committed: hand edits: ruth-castellanos" in result.stderr
    assert subjects(journal)[0] == "hand edits: ruth-castellanos"
    assert SECRET not in messages(journal)
    assert is_clean(journal)


def test_git_commit_takes_a_message_of_your_own(run, journal):
    write(journal / "goals" / "extra.toml", 'title = "Extra"\n')
    result = run("git", "commit", "-m", "Add a goal I wrote by hand")
    assert result.exit_code == 0, result.stderr
    assert subjects(journal)[0] == "Add a goal I wrote by hand"


def test_git_commit_with_nothing_to_commit_says_so(run, journal):
    before = commit_count(journal)
    result = run("git", "commit")
    assert result.exit_code == 0
    assert "Nothing to commit" in result.stderr
    assert commit_count(journal) == before


def test_deleting_a_file_by_hand_is_committed_as_its_id(run, journal):
    (journal / "goals" / "learn-to-delegate.toml").unlink()
    run("git", "commit")
    assert subjects(journal)[0] == "hand edits: learn-to-delegate"


# --- identity --------------------------------------------------------------------------------


def test_a_machine_without_a_git_identity_still_records_history(run, journal_dir, home):
    forget_identity(home)
    result = run("init", "--git")
    assert result.exit_code == 0, result.stderr
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert git(journal_dir, "config", "--local", "user.name").strip() == gitsync.LOCAL_NAME
    assert git(journal_dir, "config", "--local", "user.email").strip() == gitsync.LOCAL_EMAIL
    assert git(journal_dir, "log", "-1", "--format=%an").strip() == gitsync.LOCAL_NAME
    assert commit_count(journal_dir) == 2


def test_a_configured_identity_is_used_and_nothing_is_set_locally(run, journal):
    assert git(journal, "log", "-1", "--format=%an <%ae>").strip() == (
        "Test Person <test@example.org>"
    )
    assert git(journal, "config", "--local", "user.name", check=False) == ""


# --- undo ------------------------------------------------------------------------------------


def test_undo_reverts_the_last_change_with_a_new_commit(run, journal):
    run("session", "new", "--mentor", "ruth", "--notes", SECRET)
    before = commit_count(journal)
    result = run("undo")
    assert result.exit_code == 0, result.stderr
    assert "Undone: session new: 2026-11-23-ruth-castellanos" in result.stderr
    assert not (journal / RUTH_SESSION).exists()
    assert commit_count(journal) == before + 1
    assert subjects(journal)[0] == "undo: session new: 2026-11-23-ruth-castellanos"
    assert SECRET not in messages(journal)
    assert is_clean(journal)


def test_undo_twice_brings_the_change_back(run, journal):
    run("session", "new", "--mentor", "ruth", "--notes", "We talked.")
    run("undo")
    result = run("undo")
    assert result.exit_code == 0, result.stderr
    assert (journal / RUTH_SESSION).is_file()


def test_undo_refuses_while_there_are_hand_edits(run, journal):
    goal = journal / "goals" / "learn-to-delegate.toml"
    write(goal, goal.read_text(encoding="utf-8") + "# mine\n")
    before = commit_count(journal)
    result = run("undo")
    assert result.exit_code == 6
    assert "learn-to-delegate" in result.stderr
    assert "mentorlog git commit" in result.stderr
    assert commit_count(journal) == before
    assert "# mine" in goal.read_text(encoding="utf-8")


def test_undo_refuses_a_commit_mentorlog_did_not_make(run, journal):
    write(journal / "notes.txt", "mine\n")
    git(journal, "add", "notes.txt")
    git(journal, "commit", "-qm", "my own commit")
    result = run("undo")
    assert result.exit_code == 6
    assert "not made by mentorlog" in result.stderr
    assert (journal / "notes.txt").is_file()


def test_undo_refuses_the_very_first_commit(run, journal_dir):
    run("init", "--git")
    result = run("undo")
    assert result.exit_code == 6
    assert "nothing to go back to" in result.stderr


def test_undo_without_history_says_how_to_start_it(run, journal_dir):
    run("init")
    result = run("undo")
    assert result.exit_code == 2
    assert "mentorlog git init" in result.stderr


# --- log -------------------------------------------------------------------------------------


def test_log_shows_recent_changes_newest_first(run, journal):
    result = run("log")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.index("goal add") < result.stdout.index("mentor add")


def test_log_json_has_a_stable_shape(run, journal):
    result = run("log", "--json")
    assert result.exit_code == 0, result.stderr
    entries = result.json()
    assert [set(entry) for entry in entries] == [
        {"commit", "date", "author", "message", "command"}
    ] * 3
    assert entries[0]["message"] == "goal add: learn-to-delegate"
    assert entries[0]["command"] == "goal add"
    assert entries[0]["author"] == "Test Person"
    assert len(entries[0]["commit"]) == 40


def test_log_marks_commits_made_by_hand(run, journal):
    git(journal, "commit", "-q", "--allow-empty", "-m", "by hand")
    assert run("log", "--json").json()[0]["command"] is None


def test_log_limit_and_history_alias(run, journal):
    result = run("history", "--limit", "1", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(result.json()) == 1


def test_log_rejects_a_limit_below_one(run, journal):
    result = run("log", "--limit", "0")
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_log_without_history_says_how_to_start_it(run, journal_dir):
    run("init")
    result = run("log")
    assert result.exit_code == 2
    assert "mentorlog git init" in result.stderr


# --- passing through to git ------------------------------------------------------------------


def test_other_git_commands_run_in_the_journal_folder(run, journal, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("git", "tag", "before-the-move")
    assert result.exit_code == 0, result.stderr
    assert git(journal, "tag").split() == ["before-the-move"]


def test_git_options_pass_through_untouched(run, journal, tmp_path):
    out = tmp_path / "log.txt"
    result = run("git", "-c", "core.pager=cat", "log", "--oneline", "-n", "1", f"--output={out}")
    assert result.exit_code == 0
    assert "goal add: learn-to-delegate" in out.read_text(encoding="utf-8")


def test_a_failing_git_command_keeps_gits_exit_status(run, journal):
    result = run("git", "rev-parse", "--verify", "--quiet", "no-such-thing")
    assert result.exit_code == 1


def test_git_remote_add_points_to_sync(run, journal):
    result = run("git", "remote", "add", "origin", str(journal.parent / "remote.git"))
    assert result.exit_code == 0
    assert "mentorlog sync" in result.stderr
    assert git(journal, "remote").split() == ["origin"]


def test_git_commands_never_reach_a_repository_around_the_journal(run, tmp_path, monkeypatch):
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q")
    monkeypatch.setenv("MENTORLOG_DIR", str(outer / "journal"))
    run("init")
    for args in (("git", "status"), ("log",), ("undo",), ("sync",), ("git", "commit")):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "keeps no history" in result.stderr
    run("mentor", "add", "Ruth Castellanos")
    assert git(outer, "rev-list", "--all") == ""


def test_git_help_lists_mentorlogs_own_commands(run, journal):
    result = run("git", "--help")
    assert result.exit_code == 0
    for name in ("init", "remote", "commit"):
        assert name in result.stdout
    assert "passthrough" not in result.stdout


# --- git missing -----------------------------------------------------------------------------


@pytest.fixture
def no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_init_git_without_git_installed_is_a_clear_error(run, journal_dir, no_git):
    result = run("init", "--git")
    assert result.exit_code == 9
    assert "git is not installed" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [("sync",), ("undo",), ("log",), ("git", "status"), ("mentor", "add", "Marco")]
)
def test_a_git_journal_on_a_machine_without_git_is_a_clear_error(run, journal, no_git, args):
    result = run(*args)
    assert result.exit_code == 9, result.stderr
    assert result.stderr.startswith("mentorlog: git is not installed")
    assert "Traceback" not in result.stderr
    assert not (journal / "mentors" / "marco.toml").exists()


def test_a_journal_without_git_works_on_a_machine_without_git(run, journal_dir, no_git):
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert run("mentor", "list").exit_code == 0


# --- the pure parts --------------------------------------------------------------------------


def test_record_ids_come_from_paths():
    assert gitsync.record_id("sessions/2026/2026-11-23-ruth.md") == "2026-11-23-ruth"
    assert gitsync.record_id("mentors/ruth.toml") == "ruth"
    assert gitsync.record_id("mentorlog.toml") == "settings"
    assert gitsync.record_id("notes/todo.txt") == "notes/todo.txt"


def test_a_long_list_of_ids_is_shortened_in_the_subject():
    paths = [f"mentors/m{n}.toml" for n in range(8)]
    subject = gitsync.message("mentor add", paths).splitlines()[0]
    assert subject == "mentor add: m0, m1, m2, m3, m4 and 3 more"


def test_status_parsing_handles_renames_and_odd_names():
    output = b"R  new.md\x00old.md\x00?? with space.md\x00 M mentors/a.toml\x00"
    changes = gitsync.parse_status(output)
    assert changes == [
        gitsync.Change("R ", "new.md", "old.md"),
        gitsync.Change("??", "with space.md"),
        gitsync.Change(" M", "mentors/a.toml"),
    ]


def test_the_network_environment_never_prompts(monkeypatch, tmp_path):
    env = gitsync.environment(tmp_path, network=True)
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert "BatchMode=yes" in env["GIT_SSH_COMMAND"]
    monkeypatch.setenv("GIT_SSH_COMMAND", "ssh -i mykey")
    assert gitsync.environment(tmp_path, network=True)["GIT_SSH_COMMAND"] == "ssh -i mykey"


def test_no_git_call_is_made_for_a_journal_without_history(run, journal_dir, monkeypatch):
    run("init")
    calls: list[object] = []
    monkeypatch.setattr(gitsync, "git", lambda *a, **k: calls.append(a))
    run("mentor", "add", "Ruth Castellanos")
    assert calls == []


def _count_git_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    real = gitsync.git
    calls: list[str] = []

    def counting(root, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real(root, *args, **kwargs)

    monkeypatch.setattr(gitsync, "git", counting)
    return calls


def test_a_command_that_changes_nothing_costs_two_git_calls(run, journal, monkeypatch):
    calls = _count_git_calls(monkeypatch)
    run("ask", "--help")
    run("mentor", "list")
    assert calls == []
    run("goal", "link", "learn-to-delegate", "--mentor", "ruth")
    assert calls == ["status", "status"]


def test_a_command_that_changes_something_commits_with_two_more(run, journal, monkeypatch):
    calls = _count_git_calls(monkeypatch)
    run("goal", "progress", "learn-to-delegate", "Asked for help.")
    assert calls == ["status", "status", "add", "commit"]


@pytest.mark.parametrize(
    "args",
    [
        ("log", "--limit", "many"),
        ("log", "extra"),
        ("undo", "extra"),
        ("sync", "extra"),
        ("git", "commit", "--amend"),
        ("git", "clone"),
        ("init", "--git", "--gît"),
    ],
)
def test_bad_input_is_a_usage_error_and_changes_nothing(run, journal, args):
    before = commit_count(journal)
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert commit_count(journal) == before
    assert is_clean(journal)


def test_a_change_during_an_unfinished_git_merge_is_saved_but_not_committed(run, journal):
    git(journal, "switch", "-q", "-c", "other")
    run("mentor", "set", "ruth", "--role", "Other role")
    git(journal, "switch", "-q", "main")
    run("mentor", "set", "ruth", "--role", "Main role")
    git(journal, "merge", "other", check=False)
    before = commit_count(journal)
    result = run("goal", "progress", "learn-to-delegate", "Asked for help.")
    assert result.exit_code == 6
    assert "saved, but not committed" in result.stderr
    assert "middle of a merge" in result.stderr
    assert commit_count(journal) == before
    assert "Asked for help." in (journal / "goals" / "learn-to-delegate.toml").read_text()
