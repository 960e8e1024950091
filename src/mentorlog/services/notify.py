"""`mentorlog notify`: today's digest as a desktop notification, and the timer that sends it.

The digest says who and how many, never what: a notification's text passes through other
programs (the notification daemon, its history, a process list), so it carries mentors' names
and counts only, never a topic, an action or a note.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mentorlog.domain.schedule import DueReport
from mentorlog.errors import ExternalToolError, UsageError

TITLE = "mentorlog"
# What `notify --install` runs, and when: every morning, catching up after a sleep.
TIMER_NAME = "mentorlog-notify"
DAILY_AT = "09:00"


@dataclass(frozen=True, slots=True)
class Digest:
    contact: tuple[str, ...]  # names, most overdue first
    report_back: tuple[str, ...]  # names of mentors with actions to report back on
    thank: tuple[str, ...]
    reflect: int  # calls to reflect on

    @property
    def empty(self) -> bool:
        return not (self.contact or self.report_back or self.thank or self.reflect)

    def lines(self) -> list[str]:
        parts: list[str] = []
        if self.contact:
            parts.append(f"Get in touch ({len(self.contact)}): {', '.join(self.contact)}")
        if self.report_back:
            parts.append(f"Report back ({len(self.report_back)}): {', '.join(self.report_back)}")
        if self.thank:
            parts.append(f"Say thanks ({len(self.thank)}): {', '.join(self.thank)}")
        if self.reflect:
            calls = "call" if self.reflect == 1 else "calls"
            parts.append(f"Reflect on {self.reflect} {calls}")
        return parts


def digest(report: DueReport, names: Mapping[str, str]) -> Digest:
    def name(mentor: str) -> str:
        return names.get(mentor, mentor)

    waiting = sorted(
        (row for row in report.rows if row.asks_for_contact and not row.ended),
        key=lambda row: (-row.days_overdue, row.next_due, row.mentor.name),
    )
    return Digest(
        contact=tuple(row.mentor.name for row in waiting),
        report_back=tuple(dict.fromkeys(name(a.mentor) for a in report.open_actions)),
        thank=tuple(dict.fromkeys(name(t.mentor) for t in report.thanks)),
        reflect=len(report.unreflected),
    )


def command(title: str, text: str, platform: str) -> list[str] | None:
    """The command that shows a notification here, or None where there is none."""
    if platform == "darwin":
        osascript = shutil.which("osascript")
        if osascript is None:
            return None
        # Passed as arguments, never pasted into the script: a name cannot change it.
        script = (
            "on run argv\n"
            "display notification (item 2 of argv) with title (item 1 of argv)\n"
            "end run"
        )
        return [osascript, "-e", script, title, text]
    notify_send = shutil.which("notify-send")
    if notify_send is None:
        return None
    return [notify_send, "--app-name=mentorlog", "--", title, text]


def no_notifier(platform: str) -> ExternalToolError:
    tool = "osascript" if platform == "darwin" else "notify-send"
    return ExternalToolError(
        f"cannot show a desktop notification: {tool} was not found",
        "install it (on Debian and Ubuntu: apt install libnotify-bin), "
        "or use `mentorlog due` in a terminal",
    )


# --- the daily timer --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path | None  # None for a crontab line, which the user adds with `crontab -e`
    text: str


def systemd_units(program: list[str], unit_dir: Path, at: str = DAILY_AT) -> list[Planned]:
    service = (
        "[Unit]\n"
        "Description=mentorlog: who to get back in touch with today\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={_quoted(program)} notify\n"
    )
    timer = (
        "[Unit]\n"
        "Description=mentorlog's daily reminder\n\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {at}:00\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return [
        Planned(unit_dir / f"{TIMER_NAME}.service", service),
        Planned(unit_dir / f"{TIMER_NAME}.timer", timer),
    ]


def crontab_line(program: list[str], bus: str | None = None, at: str = DAILY_AT) -> str:
    """The crontab line; `bus` is the desktop session's D-Bus address, which cron does not
    pass on and notify-send needs."""
    hour, minute = at.split(":")
    prefix = f"DBUS_SESSION_BUS_ADDRESS={_quoted([bus])} " if bus else ""
    return f"{int(minute)} {int(hour)} * * * {prefix}{_quoted(program)} notify\n"


def session_bus(platform: str, uid: int) -> str | None:
    """Where a Linux desktop session's bus is, for a job that starts outside the session."""
    return None if platform == "darwin" else f"unix:path=/run/user/{uid}/bus"


LAUNCHD_LABEL = "org.mentorlog.notify"


def current_platform() -> str:
    """The platform the timer is for (the seam tests use to plan for another one)."""
    import sys

    return sys.platform


def daily_time(text: str | None) -> str:
    """`--at`: the time of day the digest is sent, as HH:MM (24-hour clock)."""
    if text is None:
        return DAILY_AT
    hour, sep, minute = text.strip().partition(":")
    digits = f"{hour}{minute}"
    if (
        sep
        and digits.isascii()
        and digits.isdigit()
        and len(minute) == 2
        and 1 <= len(hour) <= 2
        and int(hour) < 24
        and int(minute) < 60
    ):
        return f"{int(hour):02d}:{minute}"
    raise UsageError(f"'{text}' is not a time of day", 'write it as HH:MM, e.g. "08:30"')


def launchd_agent(program: list[str], agents_dir: Path, at: str = DAILY_AT) -> Planned:
    """A launchd user agent that runs `notify` every day at `at` (macOS has no systemd)."""
    import plistlib

    hour, minute = (int(part) for part in at.split(":"))
    agent = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": [*program, "notify"],
        "StartCalendarInterval": {"Hour": hour, "Minute": minute},
        "ProcessType": "Background",
    }
    text = plistlib.dumps(agent, sort_keys=False).decode("utf-8")
    return Planned(agents_dir / f"{LAUNCHD_LABEL}.plist", text)


def _quoted(program: list[str]) -> str:
    """The command line, quoted for a shell (cron) and for systemd alike. Both read '%'
    specially and neither allows a line break, so a path with one is refused."""
    import shlex

    for part in program:
        if any(c in part for c in "\n\r%"):
            raise UsageError(
                f"cannot schedule {part!r}: it has a line break or '%'",
                "install mentorlog, or keep the journal, at a path without them",
            )
    return " ".join(shlex.quote(part) for part in program)


def write_units(planned: list[Planned]) -> None:
    """Write the unit files, each whole or not at all (0644: systemd reads them as the user)."""
    from mentorlog.journal.files import write_atomic

    for item in planned:
        if item.path is not None:
            item.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(item.path, item.text.encode(), mode=0o644)


def install(planned: list[Planned], activate: Callable[[], None]) -> None:
    """Write the files, then `activate` them (systemctl, launchctl). When writing or activating
    fails, or the command is stopped, each file is put back as it was: removed when it is new
    (with the folders made for it), its old text restored when it replaced one. A failed
    install leaves nothing behind, and the error says so."""
    paths = [item.path for item in planned if item.path is not None]
    before = {path: _old_text(path) for path in paths}
    made = _missing_folders(paths)
    try:
        write_units(planned)
        activate()
    except BaseException as exc:
        _put_back(before, made)
        if isinstance(exc, ExternalToolError):
            kept = [str(p) for p, old in before.items() if old is not None]
            raise ExternalToolError(
                f"{exc.message}; nothing was installed ("
                + (f"{', '.join(kept)} kept as it was" if kept else "the files were removed")
                + ")",
                exc.hint,
            ) from None
        raise


def _old_text(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        from mentorlog.errors import StorageError

        raise StorageError(
            f"could not read {path}: {exc.strerror}", "check its permissions"
        ) from None


def _missing_folders(paths: list[Path]) -> list[Path]:
    """The folders writing `paths` creates, deepest first."""
    missing: list[Path] = []
    for path in paths:
        for folder in path.parents:
            if folder.exists() or folder in missing:
                break
            missing.append(folder)
    return sorted(missing, key=lambda folder: len(folder.parts), reverse=True)


def _put_back(before: Mapping[Path, bytes | None], made: list[Path]) -> None:
    from mentorlog.journal.files import write_atomic

    for path, old in before.items():
        if old is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, old, mode=0o644)
    for folder in made:
        # Something else put there meanwhile is not ours to remove.
        with contextlib.suppress(OSError):
            folder.rmdir()


def require_tool(tool: str, hint: str) -> str:
    """The path of an external program the install needs, checked before anything is
    written."""
    found = shutil.which(tool)
    if found is None:
        raise ExternalToolError(f"{tool} was not found, so nothing was installed", hint)
    return found
