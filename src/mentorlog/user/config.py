"""The person's own settings: a small TOML file in the platform's config folder (or where
`MENTORLOG_CONFIG` points). Plain Python and lean: the everyday commands look for the file
with one `stat` and import the TOML parser only when there is one.

Each key is declared once in KEYS; where a setting comes from (flag, environment, this file,
the journal's mentorlog.toml, the built-in default) is decided by the code that uses it, and
`mentorlog config show` reports it."""

from __future__ import annotations

import os

from mentorlog.domain.records import record
from mentorlog.errors import InvalidFile

# Read by `mentorlog path` and every start-up: typing only for type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ENV_CONFIG = "MENTORLOG_CONFIG"
FILE_NAME = "config.toml"


# A record, not a dataclass: `due` reads this module, and dataclasses would cost it inspect.
@record
class Key:
    name: str
    example: str  # as written in the file
    help: str


KEYS = (
    Key(
        "journal", '"~/mentoring"', "the journal folder when neither --dir nor MENTORLOG_DIR is set"
    ),
    Key("pager", '"less -FRX"', "the pager for long output; false for none"),
    Key(
        "cadence",
        '"4w"',
        "how often to be in touch, when the journal's mentorlog.toml does not say",
    ),
)

TEMPLATE = (
    "# mentorlog's own settings. See `mentorlog config show` and docs/format.md.\n"
    + "".join(f"\n# {key.help}\n# {key.name} = {key.example}\n" for key in KEYS)
)


def path() -> str:
    """Where the config file is (it may not exist): $MENTORLOG_CONFIG, else the platform's
    config folder."""
    override = os.environ.get(ENV_CONFIG, "").strip()
    if override:
        return os.path.abspath(os.path.expanduser(override))
    from mentorlog.user.environment import platform_folder

    return os.path.join(platform_folder("config"), FILE_NAME)


def folder() -> str:
    """The folder of the config file (which need not exist yet): the person's own templates/
    and hooks/ live in it."""
    return os.path.dirname(path())


_loaded: dict[tuple[str, int, int, int], dict[str, Any]] = {}


def values() -> dict[str, Any]:
    """The settings the file sets (checked), {} when there is no file. A file that cannot be
    used is an InvalidFile naming it and the line: never silently ignored, since a journal
    setting that is skipped would show another (empty) journal. A machine without the file
    pays one `stat`, never the TOML parser's import."""
    where = path()
    try:
        st = os.stat(where)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InvalidFile(where, f"cannot be read ({exc.strerror})") from None
    key = (where, st.st_mtime_ns, st.st_size, st.st_ino)
    if key not in _loaded:
        _loaded[key] = _read(where)
    return _loaded[key]


def check(args: list[str]) -> None:
    """Refuse to run any command with a broken config file, whether or not it needs the
    setting that is wrong, so the mistake never goes unnoticed; `config path` and `config
    init`, the ways to repair it, and --version still run."""
    repairs = (["config", "path"], ["config", "init"])
    if "--version" in args or any(args[i : i + 2] in repairs for i in range(len(args))):
        return
    if os.environ.get("_MENTORLOG_COMPLETE"):
        return
    values()


def get(name: str) -> Any:
    """One setting from the file, None when the file does not set it."""
    return values().get(name)


def _read(where: str) -> dict[str, Any]:
    try:
        with open(where, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise InvalidFile(
            where, "is a folder, not a config file", hint=f"remove it or set {ENV_CONFIG}"
        ) from None
    except OSError as exc:
        raise InvalidFile(where, f"cannot be read ({exc.strerror})") from None
    import tomllib

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile(where, "is not UTF-8 text", line, "save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        toml_line: int | None = getattr(exc, "lineno", None) or _line_in_message(str(exc))
        reason = getattr(exc, "msg", None) or str(exc).split(" (at ")[0]
        raise InvalidFile(
            where, f"is not valid TOML: {reason}", toml_line, "fix it by hand"
        ) from None
    return _checked(data, where, text)


def _line_in_message(message: str) -> int | None:
    import re

    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(key):
            return number
    return None


def _checked(data: dict[str, Any], where: str, text: str) -> dict[str, Any]:
    known = {key.name for key in KEYS}
    for name, value in data.items():
        line = _line_of(text, name)
        if name not in known:
            import difflib

            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else f"the keys are {', '.join(sorted(known))}"
            )
            raise InvalidFile(where, f"unknown setting '{name}'", line, hint)
        if name == "journal" and not (isinstance(value, str) and value.strip()):
            raise InvalidFile(
                where, "journal must be a folder in quotes", line, 'e.g. journal = "~/mentoring"'
            )
        if name == "pager" and not (isinstance(value, str) or value is False):
            raise InvalidFile(
                where,
                "pager must be a command in quotes, or false",
                line,
                'e.g. pager = "less -FRX"',
            )
        if name == "cadence":
            from mentorlog.domain.dates import parse_cadence
            from mentorlog.errors import UsageError

            try:
                if not isinstance(value, str):
                    raise UsageError("not text")
                parse_cadence(value)
            except UsageError:
                raise InvalidFile(
                    where,
                    "cadence must be a cadence in quotes",
                    line,
                    'e.g. cadence = "4w" or "6 weeks"',
                ) from None
    return data


def create() -> bool:
    """Write a commented template where the config file belongs (private, 0600); False when
    a file is already there (left as it is)."""
    where = path()
    folder = os.path.dirname(where)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    try:
        descriptor = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(TEMPLATE)
    return True
