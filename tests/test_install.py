"""The install commands the README gives, `pipx install .` and `uv tool install .`, tried for
real in temporary folders (both tools come from PyPI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool_in_a_venv(tmp_path: Path, package: str) -> Path:
    venv = tmp_path / f"{package}-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", package],
        check=True,
        timeout=600,
    )
    return venv / "bin" / package


def clean_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORLOG_", "VIRTUAL_ENV"))}
    env["HOME"] = str(tmp_path / "home")
    env.update(extra)
    return env


@pytest.mark.slow
def test_pipx_install_puts_mentorlog_on_the_path(tmp_path):
    pipx = tool_in_a_venv(tmp_path, "pipx")
    bin_dir = tmp_path / "pipx-bin"
    env = clean_environment(
        tmp_path, PIPX_HOME=str(tmp_path / "pipx-home"), PIPX_BIN_DIR=str(bin_dir)
    )
    subprocess.run([str(pipx), "install", str(ROOT)], env=env, check=True, timeout=900)
    result = subprocess.run(
        [str(bin_dir / "mentorlog"), "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("mentorlog ")


@pytest.mark.slow
def test_uv_tool_install_puts_mentorlog_on_the_path(tmp_path):
    uv = tool_in_a_venv(tmp_path, "uv")
    bin_dir = tmp_path / "uv-bin"
    env = clean_environment(
        tmp_path,
        UV_TOOL_DIR=str(tmp_path / "uv-tools"),
        UV_TOOL_BIN_DIR=str(bin_dir),
        UV_CACHE_DIR=str(tmp_path / "uv-cache"),
    )
    subprocess.run([str(uv), "tool", "install", str(ROOT)], env=env, check=True, timeout=900)
    result = subprocess.run(
        [str(bin_dir / "mentorlog"), "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("mentorlog ")
