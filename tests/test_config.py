"""The user's config file: where it is, what it sets, the order of precedence for each key
(flag > environment > config > journal settings > default), and a broken file as one line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from journal_builder import Builder

INVALID_FILE = 5


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = Path(os.environ["MENTORLOG_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_config_path_follows_mentorlog_config(run, config):
    result = run("config", "path")
    assert result.exit_code == 0
    assert result.stdout == f"{config}\n"


def test_config_path_defaults_to_the_platform_config_folder(run, monkeypatch, tmp_path):
    monkeypatch.delenv("MENTORLOG_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    result = run("config", "path")
    assert result.stdout.strip() == str(tmp_path / "xdg" / "mentorlog" / "config.toml")


def test_config_init_writes_a_private_commented_template_once(run, tmp_path, monkeypatch):
    config = tmp_path / "new" / "config.toml"
    monkeypatch.setenv("MENTORLOG_CONFIG", str(config))
    assert run("config", "init").exit_code == 0
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o700
    text = config.read_text("utf-8")
    assert '# journal = "~/mentoring"' in text and "# cadence" in text and "# pager" in text
    config.write_text('journal = "/somewhere"\n')
    again = run("config", "init")
    assert again.exit_code == 0 and "nothing changed" in again.stderr
    assert config.read_text("utf-8") == 'journal = "/somewhere"\n'


# --- journal: --dir > MENTORLOG_DIR > config > platform default ---------------------------------


def test_journal_from_config_when_no_flag_or_environment(run, config, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTORLOG_DIR")
    config.write_text(f'journal = "{tmp_path / "from-config"}"\n')
    assert run("path").stdout.strip() == str(tmp_path / "from-config")
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "from-env"))
    assert run("path").stdout.strip() == str(tmp_path / "from-env")
    assert run("--dir", str(tmp_path / "flag"), "path").stdout.strip() == str(tmp_path / "flag")


def test_journal_from_config_expands_the_home_folder(run, config, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTORLOG_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    config.write_text('journal = "~/mentoring"\n')
    assert run("path").stdout.strip() == str(tmp_path / "home" / "mentoring")


def test_journal_from_config_on_the_lean_path_and_the_full_cli(config, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MENTORLOG_DIR"}
    Builder(tmp_path / "configured").mentor("ann-lee", name="Ann Lee", since="2026-01-01")
    config.write_text(f'journal = "{tmp_path / "configured"}"\n')
    for args in (["path"], ["due", "--all"], ["mentor", "list"]):
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "configured" in result.stdout or "Ann Lee" in result.stdout


def test_without_a_config_file_the_lean_path_never_loads_the_toml_parser(tmp_path):
    code = (
        "import sys; from mentorlog.__main__ import main; main(['path']);"
        "print('tomllib' in sys.modules)"
    )
    env = dict(os.environ)
    env.pop("MENTORLOG_DIR")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


# --- pager: --no-pager > MENTORLOG_PAGER > config > PAGER > less -FRX ----------------------------


def shown(run, *args: str) -> dict[str, tuple[str, str]]:
    result = run(*args, "config", "show", "--json")
    assert result.exit_code == 0, result.stderr
    return {name: (entry["value"], entry["from"]) for name, entry in result.json().items()}


def test_pager_precedence(run, config, monkeypatch):
    assert shown(run)["pager"] == ("less -FRX", "the default")
    monkeypatch.setenv("PAGER", "more")
    assert shown(run)["pager"] == ("more", "PAGER")
    config.write_text('pager = "most"\n')
    assert shown(run)["pager"] == ("most", f"`pager` in {config}")
    monkeypatch.setenv("MENTORLOG_PAGER", "less -S")
    assert shown(run)["pager"] == ("less -S", "MENTORLOG_PAGER")
    assert shown(run, "--no-pager")["pager"] == (False, "--no-pager")


def test_pager_false_in_config_and_empty_environment_mean_none(run, config, monkeypatch):
    config.write_text("pager = false\n")
    assert shown(run)["pager"][0] is False
    monkeypatch.setenv("MENTORLOG_PAGER", "")
    assert shown(run)["pager"] == (False, "MENTORLOG_PAGER")


# --- cadence: the journal's mentorlog.toml > config > 4w ----------------------------------------


def test_cadence_from_config_when_the_journal_does_not_set_it(run, config, journal_dir):
    run("init")
    run("mentor", "add", "Ann Lee")
    assert shown(run)["cadence"][0] == "4w"
    assert "4w (default)" in run("mentor", "list").stdout
    config.write_text('cadence = "2w"\n')
    assert shown(run)["cadence"] == ("2w", f"`cadence` in {config}")
    assert "2w (default)" in run("mentor", "list").stdout
    assert run("due", "--json").exit_code == 0


def test_the_journal_setting_wins_over_the_config(run, config, journal_dir):
    run("init")
    settings = journal_dir / "mentorlog.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# default_cadence = "4w"', 'default_cadence = "3w"')
    )
    config.write_text('cadence = "2w"\n')
    run("mentor", "add", "Ann Lee")
    assert shown(run)["cadence"] == ("3w", str(settings))
    assert "3w (default)" in run("mentor", "list").stdout


def test_a_config_change_needs_no_cache_rebuild(run, config, journal_dir):
    run("init")
    run("mentor", "add", "Ann Lee")
    config.write_text('cadence = "2w"\n')
    assert "2w (default)" in run("mentor", "list").stdout
    config.write_text('cadence = "5w"\n')
    assert "5w (default)" in run("mentor", "list").stdout


# --- a broken file ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('journal = "~/x\n', 1, "not valid TOML"),
        ('pager = "less"\njounral = "~/x"\n', 2, "did you mean `journal`"),
        ("\n\ncadence = 3\n", 3, "cadence must be"),
        ('cadence = "soon"\n', 1, "cadence must be"),
        ("pager = true\n", 1, "pager must be"),
        ('journal = ""\n', 1, "journal must be"),
    ],
)
def test_a_broken_config_is_one_line_naming_file_and_line(run, config, text, line, words):
    config.write_text(text)
    for args in (["path"], ["mentor", "list"], ["config", "show"], ["review"]):
        result = run(*args)
        assert result.exit_code == INVALID_FILE, (args, result.stderr)
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"mentorlog: {config}:{line}: ")
        assert words in result.stderr
        assert "Traceback" not in result.stderr


def test_a_broken_config_never_hides_the_journal(run, config, monkeypatch, tmp_path):
    """It is an error even where the config was not needed to find the journal, so a wrong
    config never goes unnoticed; and `config path` still says where to fix it."""
    monkeypatch.delenv("MENTORLOG_DIR")
    config.write_text("journal = [\n")
    assert run("mentor", "list").exit_code == INVALID_FILE
    fixed = run("config", "path")
    assert fixed.exit_code == 0 and fixed.stdout.strip() == str(config)
    assert run("--dir", str(tmp_path / "j"), "config", "path").exit_code == 0


def test_a_config_that_is_not_utf8_names_the_file(run, config):
    config.write_bytes(b'journal = "caf\xe9"\n')
    result = run("path")
    assert result.exit_code == INVALID_FILE and "UTF-8" in result.stderr


def test_a_folder_where_the_config_should_be(run, config):
    config.mkdir()
    result = run("path")
    assert result.exit_code == INVALID_FILE and "is a folder" in result.stderr


@pytest.mark.parametrize("kind", ["data", "cache", "config"])
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-base", "relative/ignored"])
def test_the_platform_folders_are_platformdirs_answers(
    kind: str, xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Linux mentorlog follows the XDG rule itself (to spare `due` the import): the answer
    must be platformdirs' own, with the variable set, unset, or not an absolute path."""
    import sys

    import platformdirs

    from mentorlog.user.environment import platform_folder

    if not sys.platform.startswith("linux"):
        pytest.skip("the XDG rule is Linux's")
    variable = {"data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME", "config": "XDG_CONFIG_HOME"}
    if xdg is None:
        monkeypatch.delenv(variable[kind], raising=False)
    else:
        monkeypatch.setenv(variable[kind], xdg)
    ask = {
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "config": platformdirs.user_config_dir,
    }[kind]
    assert platform_folder(kind) == ask("mentorlog", appauthor=False)
