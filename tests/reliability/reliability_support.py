"""Helpers for the reliability suite: look at a journal from the outside, the way a person who
lost a note would, and run mentorlog in other processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.errors import MentorlogError
from mentorlog.journal.layout import LAYOUT, LOCK_FILE
from mentorlog.journal.storage import Journal

ROOT = Path(__file__).resolve().parents[2]
TEMP_NAME_PARTS = (".tmp",)


def file_bytes(root: Path) -> dict[str, bytes]:
    """Every regular file under `root` (hidden ones too), by relative path. The lock file is
    left out: it is empty, and appears with the first command that writes."""
    found: dict[str, bytes] = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or name == LOCK_FILE:
                continue
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def make_private(root: Path) -> Path:
    """chmod a copied journal the way mentorlog would have made it (copies keep 0644)."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, 0o700)
        for name in files:
            os.chmod(Path(folder) / name, 0o600)
    return root


def doctor_problems(root: Path) -> list[dict[str, object]]:
    import json

    result = mentorlog_process(
        ["--dir", str(root), "doctor", "--json"], child_env(root, root.parent / "doctor-cache")
    )
    return list(json.loads(result.stdout)) if result.stdout.strip() else []


def temp_files(root: Path) -> list[str]:
    """Leftovers of an interrupted write: `.NAME.PID.HEX.tmp`."""
    return sorted(
        rel
        for rel in file_bytes(root)
        if Path(rel).name.startswith(".") and Path(rel).name.endswith(".tmp")
    )


def record_paths(root: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every record file mentorlog would read."""
    found: list[tuple[str, Path]] = []
    for kind, (folder, extension, by_year) in LAYOUT.items():
        base = root / folder
        if not base.is_dir():
            continue
        folders = [p for p in base.iterdir() if p.is_dir()] if by_year else [base]
        for directory in folders:
            for path in directory.iterdir():
                if path.name.endswith(extension) and not path.name.startswith("."):
                    found.append((kind, path))
    return sorted(found, key=lambda item: item[1])


def assert_every_record_parses(root: Path) -> None:
    journal = Journal(root)
    for kind, path in record_paths(root):
        try:
            journal.parse_file(kind, path, journal.rel(path))
        except MentorlogError as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{journal.rel(path)} does not parse: {exc}")


def child_env(journal: Path, cache: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MENTORLOG_", "EDITOR", "VISUAL"))
    }
    env.update(
        {
            "MENTORLOG_DIR": str(journal),
            "MENTORLOG_CACHE_DIR": str(cache),
            "MENTORLOG_TODAY": "2026-11-23",
            "MENTORLOG_LOCK_TIMEOUT": "60",
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    env.update(extra)
    return env


def mentorlog_process(
    args: list[str], env: dict[str, str], stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real command in another process."""
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
