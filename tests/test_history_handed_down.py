"""A journal's history is handed down to it: the CLI gives the recorder that commits a command's
change to the journal it opens, and nothing below the CLI keeps a registry to be filled from
above. The behaviour is the one the git tests pin: a change is committed while the lock is held,
a failed change is not, and a command that reads makes no git call."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from git_helpers import commit_count, git_environment, is_clean, subjects
from mentorlog.journal.storage import Journal

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mentorlog"


class Spy:
    """A history that notes what it is told."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def change_started(self) -> None:
        self.events.append("started")

    def change_succeeded(self) -> None:
        self.events.append("succeeded")


@pytest.fixture
def plain_journal(run, journal_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    assert run("init").exit_code == 0
    return journal_dir


def test_a_journal_tells_its_history_of_a_change_that_succeeded(plain_journal):
    history = Spy()
    journal = Journal(plain_journal, history)
    with journal.lock():
        assert history.events == ["started"]  # told while the lock is held, before any write
        journal.create(plain_journal / "mentors" / "ruth.toml", 'name = "Ruth"\n')
    assert history.events == ["started", "succeeded"]


def test_a_change_that_failed_is_never_reported_as_made(plain_journal):
    history = Spy()
    with pytest.raises(RuntimeError), Journal(plain_journal, history).lock():
        raise RuntimeError("the change failed half-way")
    assert history.events == ["started"]


def test_a_history_reaches_only_the_journal_it_was_given_to(plain_journal):
    history = Spy()
    Journal(plain_journal, history)
    with Journal(plain_journal).lock():
        pass
    assert history.events == []


# --- through the CLI --------------------------------------------------------------------------


@pytest.fixture
def git_journal(run, journal_dir: Path, tmp_path: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    git_environment(tmp_path, monkeypatch, identity=True)
    assert run("init", "--git").exit_code == 0
    assert run("mentor", "add", "Ruth Castellanos").exit_code == 0
    assert run("goal", "add", "Learn to delegate", "--mentor", "ruth").exit_code == 0
    return journal_dir


# Each way a command opens the journal it changes: the plain one, the one created on the first
# write, and `session new` in its forms the fast path leaves to the full CLI.
WRITES = [
    (("mentor", "set", "ruth", "--role", "Director"), None, "mentor set"),
    (("goal", "progress", "learn-to-delegate", "Asked for help."), None, "goal progress"),
    (("ask", "add", "ruth", "How did you prepare?"), None, "ask add"),
    (("feedback", "add", "Slides carry too much text"), None, "feedback add"),
    (("session", "new", "-m", "ruth", "--notes", "Talked it over."), None, "session new"),
    (("session", "new", "-m", "ruth"), "Piped notes.\n", "session new"),
    (("session", "new", "-m", "ruth", "--notes", "-"), "Notes from stdin.\n", "session new"),
]


@pytest.mark.parametrize(("args", "stdin", "action"), WRITES)
def test_every_change_a_command_makes_is_committed_with_it(run, git_journal, args, stdin, action):
    before = commit_count(git_journal)
    result = run(*args, stdin=stdin)
    assert result.exit_code == 0, result.stderr
    assert commit_count(git_journal) == before + 1
    assert subjects(git_journal)[0].startswith(action)
    assert is_clean(git_journal)


def test_a_command_leaves_no_recorder_behind_in_the_process(run, git_journal):
    """A second change made in the same process, outside any command, is not committed by the
    first command's recorder."""
    assert run("mentor", "set", "ruth", "--role", "Director").exit_code == 0
    before = commit_count(git_journal)
    Journal(git_journal).create(git_journal / "mentors" / "tomas.toml", 'name = "Tomas"\n')
    assert commit_count(git_journal) == before
    assert not is_clean(git_journal)


# --- no state filled from above -----------------------------------------------------------------

MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "remove", "discard"}


def package_modules(source: Path) -> set[str]:
    return {
        ".".join(p.relative_to(source.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in source.rglob("*.py")
    }


def reaches_into_other_modules(tree: ast.Module, modules: set[str]) -> list[str]:
    """Places where code changes another module's module-level value: `writer.REGISTRY.append(x)`,
    `writer.REGISTRY[k] = x`, `writer.HOOK = f`. That is how a lower module gets called back."""
    aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in modules:
                    aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            aliases.update(a.asname for a in node.names if a.asname and a.name in modules)

    def of_a_module(node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        )

    found: list[str] = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATORS
            and of_a_module(node.func.value)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}")
        for target in targets:
            if of_a_module(target) or (
                isinstance(target, ast.Subscript) and of_a_module(target.value)
            ):
                found.append(f"line {node.lineno}: {ast.unparse(target)}")
    return found


def test_the_check_finds_a_registry_filled_from_another_module():
    modules = {"mentorlog.journal.writer"}
    source = (
        "from mentorlog.journal import writer\n"
        "def watch(recorder):\n"
        "    writer.WATCHERS.append(recorder)\n"
        "    writer.BY_ROOT['x'] = recorder\n"
        "    writer.HOOK = recorder\n"
        "    writer.describe(recorder)\n"
    )
    assert len(reaches_into_other_modules(ast.parse(source), modules)) == 3


def test_no_module_fills_or_replaces_another_modules_state():
    modules = package_modules(PACKAGE)
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if (found := reaches_into_other_modules(ast.parse(path.read_text("utf-8")), modules))
    }
    assert offenders == {}
