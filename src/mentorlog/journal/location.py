"""Where the journal and its cache live. Tiny on purpose: `mentorlog path` imports only this."""

from __future__ import annotations

import os

ENV_DIR = "MENTORLOG_DIR"
ENV_CACHE = "MENTORLOG_CACHE_DIR"


def locate(dir_option: str | None, option: str = "--dir") -> str:
    """--dir (or the folder `option` names), then $MENTORLOG_DIR, then `journal =` in the
    user's config file, then the platform's data folder, as an absolute path. A file where the
    folder should be is refused before anything is touched."""
    return choose(dir_option, option)[0]


def choose(dir_option: str | None, option: str = "--dir") -> tuple[str, str]:
    """The journal folder and where that choice came from (`locate`'s order)."""
    from mentorlog.user.environment import folder

    if dir_option:
        return folder(_absolute(dir_option), option), option
    chosen = os.environ.get(ENV_DIR)
    if chosen:
        return folder(_absolute(chosen), ENV_DIR), ENV_DIR
    from mentorlog.user import config as userconfig

    configured = userconfig.get("journal")
    if configured:
        source = f"`journal` in {userconfig.path()}"
        return folder(_absolute(configured), source), source
    from mentorlog.user.environment import platform_folder

    return os.path.abspath(platform_folder("data")), "the default"


def _absolute(path: str) -> str:
    return os.path.abspath(os.path.expanduser(path))


def cache_folder() -> str | None:
    """$MENTORLOG_CACHE_DIR (empty: no cache), else the platform's cache folder."""
    override = os.environ.get(ENV_CACHE)
    if override == "":
        return None
    if override:
        return override
    from mentorlog.user.environment import platform_folder

    return platform_folder("cache")
