"""`mentorlog notify`: today's digest as a desktop notification, and `--install` for a daily
timer that sends it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import context
from mentorlog.cli.options import JSON, YES, JsonFlag, Yes


def notify(
    ctx: typer.Context,
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help="Send the digest every day: write a systemd user timer (a launchd agent on "
            "macOS; with --cron, a crontab line), after showing it.",
        ),
    ] = False,
    cron: Annotated[
        bool,
        typer.Option("--cron", help="With --install: a crontab line, not a timer or an agent."),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="With --install: the time of day to send it (HH:MM, 24-hour). Default: 09:00.",
            metavar="TIME",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", "-n", help="Show what would be sent or installed; do neither."),
    ] = False,
    as_json: JsonFlag = JSON.default,
    yes: Yes = YES.default,
) -> None:
    """Today's digest as a desktop notification: who to get in touch with, who to report back
    to, who to thank, and calls to reflect on (what `mentorlog due` lists). Sends nothing and
    exits 0 when nothing is due. The notification names mentors and counts, never notes.

    Uses notify-send on Linux and osascript on macOS. --install writes a systemd user timer on
    Linux and a launchd agent (~/Library/LaunchAgents/org.mentorlog.notify.plist) on macOS. It
    shows what it will write and asks first (without a terminal, pass --yes); if the timer
    cannot be started, the files it wrote are removed again.

    \b
    Examples:
      mentorlog notify
      mentorlog notify --dry-run
      mentorlog notify --install --dry-run
      mentorlog notify --install --at 08:30
      mentorlog notify --install --cron
      mentorlog notify --install --yes
    """
    if (cron or at is not None or yes) and not install:
        from mentorlog.errors import UsageError

        flag = "--cron" if cron else "--at" if at is not None else "--yes"
        raise UsageError(
            f"{flag} only goes with --install", f"run `mentorlog notify --install {flag} ...`"
        )
    if install:
        _install(ctx, cron, dry_run, as_json, at, yes)
        return
    from mentorlog.services import due
    from mentorlog.services import notify as service

    journal = context.journal(ctx)
    report, names, problems, _ = due.report(journal, context.today())
    from mentorlog.cli.messages import warn_problems

    warn_problems(problems)
    digest = service.digest(report, names)
    lines = digest.lines()
    if problems:
        files = "1 file" if len(problems) == 1 else f"{len(problems)} files"
        lines.append(f"{files} could not be read: run `mentorlog doctor`")
    sent = False
    if lines and not dry_run:
        command = service.command(service.TITLE, "\n".join(lines), sys.platform)
        if command is None:
            raise service.no_notifier(sys.platform)
        _run(command)
        sent = True
    if as_json:
        context.dump_json(
            {
                "sent": sent,
                "dry_run": dry_run,
                "contact": list(digest.contact),
                "report_back": list(digest.report_back),
                "thank": list(digest.thank),
                "reflect": digest.reflect,
                "unreadable": len(problems),
            }
        )
    elif dry_run:
        for line in lines or ["Nothing is due today: no notification would be sent."]:
            context.say(line)


def _run(command: list[str]) -> None:
    from mentorlog.errors import ExternalToolError

    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ExternalToolError(
            f"{Path(command[0]).name} could not be run ({exc})",
            "check that a desktop session is running",
        ) from None
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise ExternalToolError(
            f"{Path(command[0]).name} failed (exit {done.returncode})"
            + (f": {reason[0][:200]}" if reason else ""),
            "check that a desktop session is running",
        )


def _install(
    ctx: typer.Context, cron: bool, dry_run: bool, as_json: bool, at: str | None, yes: bool
) -> None:
    from mentorlog.journal.layout import locate
    from mentorlog.services import notify as service

    program = [
        sys.executable,
        "-m",
        "mentorlog",
        "--dir",
        str(locate(context.state(ctx).dir_option).resolve()),
    ]
    daily = service.daily_time(at)
    platform = service.current_platform()
    kind = "cron" if cron else "launchd" if platform == "darwin" else "systemd"
    if kind == "cron":
        bus = service.session_bus(platform, os.getuid())
        planned = [service.Planned(None, service.crontab_line(program, bus, daily))]
    elif kind == "launchd":
        agents = Path.home() / "Library" / "LaunchAgents"
        planned = [service.launchd_agent(program, agents, daily)]
    else:
        config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        planned = service.systemd_units(program, Path(config) / "systemd" / "user", daily)
    if as_json:
        context.dump_json(
            {
                "dry_run": dry_run,
                "kind": kind,
                "at": daily,
                "files": [
                    {"path": str(p.path) if p.path else None, "text": p.text} for p in planned
                ],
            }
        )
    else:
        for item in planned:
            sys.stdout.write(f"# {item.path}\n" if item.path else "# crontab line\n")
            sys.stdout.write(item.text)
    if dry_run:
        if not as_json:
            context.say("(dry run: nothing was installed)")
        return
    by_hand = "see the files with `mentorlog notify --install --dry-run` and set them up by hand"
    if kind == "cron":
        service.require_tool("crontab", "add the line above to your scheduler by hand")
    elif kind == "launchd":
        service.require_tool("launchctl", by_hand)
    else:
        service.require_tool("systemctl", f"use `mentorlog notify --install --cron`, or {by_hand}")
    what = {"cron": "crontab line", "launchd": "launchd agent", "systemd": "systemd timer"}[kind]
    context.confirm(f"Install this {what}?", yes)
    if kind == "cron":
        _add_crontab_line(planned[0].text)
        return
    if kind == "launchd":
        service.install(planned, lambda: _load_agent(planned[0].path))
    else:
        service.install(planned, _start_timer)
    context.say(f"Installed: `mentorlog notify` runs every day at {daily}")


def _start_timer() -> None:
    from mentorlog.services import notify as service

    _run(["systemctl", "--user", "daemon-reload"])
    _run(["systemctl", "--user", "enable", "--now", f"{service.TIMER_NAME}.timer"])


def _load_agent(path: Path | None) -> None:
    """Have launchd take up the agent now (as at the next log-in); a new copy replaces the old."""
    assert path is not None
    domain = f"gui/{os.getuid()}"
    subprocess.run(["launchctl", "bootout", domain, str(path)], capture_output=True, check=False)
    _run(["launchctl", "bootstrap", domain, str(path)])


def _add_crontab_line(line: str) -> None:
    from mentorlog.errors import ExternalToolError

    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    existing = current.stdout if current.returncode == 0 else ""
    if line.strip() in (old.strip() for old in existing.splitlines()):
        context.say("The crontab already has this line: nothing changed")
        return
    text = existing + ("" if not existing or existing.endswith("\n") else "\n") + line
    done = subprocess.run(["crontab", "-"], input=text, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ExternalToolError(
            f"crontab refused the line: {done.stderr.strip()[:200]}", "add it by hand"
        )
    context.say("Added the line to your crontab")
