"""Real git for the history and sync tests: a private HOME (so this machine's git config never
leaks in), bare remotes and clones in temp folders. Every git call names its folder with -C."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SECRET = "SENTINEL-she-is-leaving-the-company-in-march"
IDENTITY = "[user]\n\tname = Test Person\n\temail = test@example.org\n"


def git(folder: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, identity: bool) -> Path:
    """A HOME of our own. Without an identity git is told not to guess one, like a fresh
    machine where guessing fails."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    config = IDENTITY if identity else "[user]\n\tuseConfigOnly = true\n"
    (home / ".gitconfig").write_text(config, encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in (
        "EMAIL",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_SSH_COMMAND",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


def forget_identity(home: Path) -> None:
    (home / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")


def messages(folder: Path) -> str:
    """Every commit message reachable from anywhere in the repository."""
    return git(folder, "log", "--all", "--format=%B")


def is_clean(folder: Path) -> bool:
    return git(folder, "status", "--porcelain") == ""


def commit_count(folder: Path) -> int:
    return int(git(folder, "rev-list", "--count", "HEAD").strip())


def subjects(folder: Path) -> list[str]:
    return git(folder, "log", "--format=%s").splitlines()


def write(path: Path, text: str) -> None:
    """A hand edit, as an editor would make it (the file keeps its private mode)."""
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o600)
