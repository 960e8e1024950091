"""The person's own editor templates: `templates/KIND.md` in the journal's `.mentorlog/`
folder or in the config folder (beside the config file), the journal's first. A template is
text, never code: filling it in can only print the values it is given (see
domain/templating.py), so one that travels with a synced journal is safe to use."""

from __future__ import annotations

from pathlib import Path

from mentorlog.domain.models import KINDS as SESSION_KINDS
from mentorlog.domain.models import check_kind as check_session_kind
from mentorlog.errors import InvalidFile, UsageError
from mentorlog.user import config as userconfig

FOLDER = "templates"
JOURNAL_FOLDER = ".mentorlog"
REFLECTION = "reflection"
KINDS = (*SESSION_KINDS, REFLECTION)

# A template is a page of prompts; anything far bigger is a mistake (a wrong file linked).
LIMIT = 256 * 1024


def check_kind(kind: str) -> str:
    """`kind` as a template's name: a kind of session spelled any way `session new --kind`
    takes it, or reflection; else a usage error listing the ones there are."""
    if kind.strip().lower() == REFLECTION:
        return REFLECTION
    try:
        return check_session_kind(kind)
    except UsageError:
        raise UsageError(
            f"there is no template for '{kind}'", f"use one of: {', '.join(KINDS)}"
        ) from None


def places(kind: str, journal_root: Path | None) -> list[Path]:
    """Where the template for `kind` may be, the one that wins first."""
    name = f"{kind}.md"
    found = [Path(userconfig.folder()) / FOLDER / name]
    if journal_root is not None:
        found.insert(0, journal_root / JOURNAL_FOLDER / FOLDER / name)
    return found


def find(kind: str, journal_root: Path | None) -> tuple[Path, str] | None:
    """The person's template for `kind` and its text, or None for the built-in one."""
    for place in places(kind, journal_root):
        text = _read(place)
        if text is not None:
            return place, text
    return None


def _read(place: Path) -> str | None:
    try:
        with open(place, "rb") as handle:
            raw = handle.read(LIMIT + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError:
        raise InvalidFile(str(place), "is a folder, not a template", hint="remove it") from None
    except OSError as exc:
        raise InvalidFile(str(place), f"cannot be read ({exc.strerror})") from None
    if len(raw) > LIMIT:
        raise InvalidFile(str(place), f"is larger than {LIMIT // 1024} KiB; not a template")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile(str(place), "is not UTF-8 text", line, "save it as UTF-8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InvalidFile(str(place), "holds a NUL character; not a text file", line)
    return text.replace("\r\n", "\n").removeprefix("\ufeff")
