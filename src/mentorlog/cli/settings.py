"""The settings in effect and where each comes from, for `mentorlog config show`. Each value
is asked of the code that uses it (journal/location.py, cli/pager.py, the journal's reader),
so what is shown is what the commands do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentorlog.cli.context import State


@dataclass(frozen=True, slots=True)
class Effective:
    name: str
    value: str | bool
    source: str


def effective(state: State) -> list[Effective]:
    from mentorlog.cli import pager
    from mentorlog.journal import location
    from mentorlog.user import config as userconfig

    folder, folder_source = location.choose(state.dir_option)
    chosen_pager = pager.choose(state.no_pager)
    return [
        Effective("config", userconfig.path(), _config_source()),
        Effective("journal", folder, folder_source),
        Effective("pager", chosen_pager.command or False, chosen_pager.source),
        _cadence(folder),
    ]


def _config_source() -> str:
    import os

    from mentorlog.user import config as userconfig

    exists = os.path.exists(userconfig.path())
    chosen = userconfig.ENV_CONFIG if os.environ.get(userconfig.ENV_CONFIG, "").strip() else None
    state = "" if exists else ", not created yet: `mentorlog config init`"
    return (chosen or "the default") + state


def _cadence(folder: str) -> Effective:
    from pathlib import Path

    from mentorlog.journal.layout import SETTINGS_FILE
    from mentorlog.journal.storage import Journal
    from mentorlog.user import config as userconfig

    journal = Journal(Path(folder))
    if journal.is_journal():
        settings = journal.load(kinds=("mentor",)).settings
        if settings.cadence_set:
            return Effective("cadence", str(settings.default_cadence), str(journal.settings_path))
    else:
        settings = None
    configured = userconfig.get("cadence")
    if configured:
        value = str(settings.default_cadence) if settings else configured
        return Effective("cadence", value, f"`cadence` in {userconfig.path()}")
    from mentorlog.domain.models import Settings

    return Effective(
        "cadence", str(Settings().default_cadence), f"the default; {SETTINGS_FILE} does not set it"
    )
