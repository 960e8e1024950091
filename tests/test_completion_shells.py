"""Completion in bash, zsh and fish: each shell gets its own script, options that take one of a
fixed set of words complete those words, tags come from the journal, and the scripts work in
the real shells."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from mentorlog.cli.app import app
from mentorlog.domain.models import KINDS, STAGES

BIN = str(Path(sys.executable).parent)


def _mentorlog(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def bash_words(words: str) -> list[str]:
    """What the program answers bash for the command line `words` (the cursor at its end)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    done = _mentorlog(
        {"_MENTORLOG_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.split()


def zsh_answer(words: str) -> str:
    done = _mentorlog({"_MENTORLOG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout


def fish_words(words: str) -> list[str]:
    done = _mentorlog(
        {
            "_MENTORLOG_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": words,
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line.split("\t")[0] for line in done.stdout.splitlines()]


# --- the scripts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _mentorlog_completion mentorlog"),
        ("zsh", "#compdef mentorlog"),
        ("fish", "complete --command mentorlog"),
    ],
)
def test_each_shell_gets_its_own_script(shell: str, marker: str) -> None:
    done = _mentorlog({}, "--show-completion", shell)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(marker) or marker in done.stdout.splitlines()[-1]
    others = {"bash": "COMP_WORDS", "zsh": "compdef", "fish": "commandline -cp"}
    for other, word in others.items():
        assert (word in done.stdout) == (other == shell), (shell, other)


def test_an_unknown_shell_is_refused_in_one_line() -> None:
    done = _mentorlog({}, "--show-completion", "tcsh")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "mentorlog: no completion for the shell 'tcsh' (use bash, zsh, fish or powershell)\n"
    )


def test_install_writes_the_zsh_script_where_zsh_finds_it(tmp_path: Path) -> None:
    done = _mentorlog({"HOME": str(tmp_path)}, "--install-completion", "zsh")
    assert done.returncode == 0, done.stderr
    script = (tmp_path / ".zfunc" / "_mentorlog").read_text("utf-8")
    assert script.splitlines()[0] == "#compdef mentorlog"  # compinit reads the first line
    assert "fpath+=~/.zfunc" in (tmp_path / ".zshrc").read_text("utf-8")


def test_install_writes_the_fish_script(tmp_path: Path) -> None:
    done = _mentorlog({"HOME": str(tmp_path)}, "--install-completion", "fish")
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".config" / "fish" / "completions" / "mentorlog.fish"
    assert "complete --command mentorlog" in script.read_text("utf-8")


# --- what is completed -------------------------------------------------------------------------

# Options that take one of a fixed set of words, and the words.
FIXED = {
    "mentorlog session new -m ruth --kind ": list(KINDS),
    "mentorlog session list --kind ": list(KINDS),
    "mentorlog search budget --kind ": list(KINDS),
    "mentorlog search budget --type ": ["session", "reflection", "goal", "mentor"],
    "mentorlog brief ruth --kind ": ["check-in", "question", "intro"],
    "mentorlog export --format ": ["markdown", "json", "ics"],
    "mentorlog export --group-by ": ["mentor", "date"],
    "mentorlog lessons --by ": ["mentor", "tag"],
    "mentorlog mentor add Ann --stage ": list(STAGES),
    "mentorlog mentor set ruth --stage ": list(STAGES),
    "mentorlog --show-completion ": ["bash", "zsh", "fish", "powershell", "pwsh"],
}


@pytest.mark.parametrize("words", list(FIXED))
def test_fixed_values_are_completed(example_dir: Path, words: str) -> None:
    assert bash_words(words) == FIXED[words]


def test_a_prefix_narrows_the_fixed_values(example_dir: Path) -> None:
    assert bash_words("mentorlog export --format j") == ["json"]
    assert bash_words("mentorlog mentor set ruth --stage ne") == ["near-peer"]
    assert bash_words("mentorlog session list --kind th") == ["thanks"]


def test_every_option_with_a_fixed_set_of_values_completes() -> None:
    fixed = {"--kind", "--type", "--format", "--group-by", "--by", "--stage", "--show-completion"}
    missing = []
    for path, command in _leaves(get_command(app)):
        for param in command.params:
            if set(param.opts) & fixed and getattr(param, "_custom_shell_complete", None) is None:
                missing.append(f"{' '.join(path)} {param.opts[0]}")
    assert missing == []


def _leaves(command, path=()):  # type: ignore[no-untyped-def]
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _leaves(sub, (*path, name))


def test_mentor_tags_come_from_the_journal(example_dir: Path) -> None:
    assert bash_words("mentorlog mentor set ruth --untag ") == [
        "budget",
        "career",
        "delegation",
        "finance",
        "hiring",
        "negotiation",
        "operations",
        "outside-government",
        "peer",
        "presenting",
        "program",
        "supervising",
    ]
    assert bash_words("mentorlog mentor add Ann --tag de") == ["delegation"]


def test_lesson_tags_come_from_the_sessions(example_dir: Path) -> None:
    offered = bash_words("mentorlog lessons --tag ")
    assert "presenting" in offered and "resilience" in offered
    assert bash_words("mentorlog lessons --tag resil") == ["resilience"]


def test_zsh_and_fish_complete_values_too(example_dir: Path) -> None:
    assert '"near-peer"' in zsh_answer("mentorlog mentor set ruth --stage ne")
    assert fish_words("mentorlog export --format ") == ["markdown", "json", "ics"]


# --- the real shells ---------------------------------------------------------------------------


def _shell(program: str, script: str, example_dir: Path) -> str:
    if shutil.which(program) is None:
        pytest.skip(f"{program} is not installed (CI installs it)")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(example_dir)}
    env["MENTORLOG_DIR"] = str(example_dir)
    done = subprocess.run(
        [program, "-c", script], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_bash_completes_with_its_script(example_dir: Path) -> None:
    out = _shell(
        "bash",
        "source <(mentorlog --show-completion bash)\n"
        "COMP_WORDS=(mentorlog mentor show r); COMP_CWORD=3\n"
        "_mentorlog_completion mentorlog; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
        "COMP_WORDS=(mentorlog session new --kind ch); COMP_CWORD=4\n"
        "_mentorlog_completion mentorlog; printf '%s\\n' \"${COMPREPLY[@]}\"\n",
        example_dir,
    )
    assert out.split() == ["ruth-castellanos", "check-in"]


@pytest.mark.slow
def test_zsh_completes_with_its_script(example_dir: Path) -> None:
    # Outside a completion widget zsh cannot offer a menu: _arguments prints what it is given.
    out = _shell(
        "zsh",
        "compdef() { : }\n"
        '_arguments() { print -r -- "$@" }\n'
        "_files() { print -r -- _files }\n"
        'eval "$(mentorlog --show-completion zsh)"\n'
        "words=(mentorlog mentor show r); CURRENT=4; _mentorlog_completion\n"
        "words=(mentorlog session new --kind ch); CURRENT=5; _mentorlog_completion\n",
        example_dir,
    )
    assert '"ruth-castellanos":"Ruth Castellanos"' in out
    assert '"check-in"' in out
    assert "_files" not in out


@pytest.mark.slow
def test_fish_completes_with_its_script(example_dir: Path) -> None:
    out = _shell(
        "fish",
        "mentorlog --show-completion fish | source\n"
        "complete -C 'mentorlog mentor show r'\n"
        "complete -C 'mentorlog session new --kind ch'\n",
        example_dir,
    )
    assert [line.split("\t")[0] for line in out.splitlines()] == ["ruth-castellanos", "check-in"]
