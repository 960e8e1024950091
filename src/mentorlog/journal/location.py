"""Where the journal and its cache live. Tiny on purpose: `mentorlog path` imports only this."""

from __future__ import annotations

import os

ENV_DIR = "MENTORLOG_DIR"
ENV_CACHE = "MENTORLOG_CACHE_DIR"


def locate(dir_option: str | None, option: str = "--dir") -> str:
    """--dir (or the folder `option` names), then $MENTORLOG_DIR, then the platform's data
    folder, as an absolute path. A file where the folder should be is refused before anything
    is touched."""
    source = option if dir_option else ENV_DIR
    chosen = dir_option or os.environ.get(ENV_DIR) or None
    if chosen:
        from mentorlog.envvars import folder

        return folder(os.path.abspath(os.path.expanduser(chosen)), source)
    from platformdirs import user_data_dir

    return os.path.abspath(user_data_dir("mentorlog", appauthor=False))


def cache_folder() -> str | None:
    """$MENTORLOG_CACHE_DIR (empty: no cache), else the platform's cache folder."""
    override = os.environ.get(ENV_CACHE)
    if override == "":
        return None
    if override:
        return override
    from platformdirs import user_cache_dir

    return user_cache_dir("mentorlog", appauthor=False)
