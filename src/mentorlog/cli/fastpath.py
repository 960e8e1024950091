"""The lean start-up path for the commands run dozens of times a day.

It understands only the plain forms of `--version`, `path`, `due` and `session new` with its
text on the command line, and hands anything else (help, unknown options, typos, completion,
the editor, stdin) to the full CLI, so the two cannot disagree about what a command line means:
tests run every accepted form both ways and compare the output.
"""

from __future__ import annotations

import os

# option -> (keyword, takes a value)
_DUE_OPTIONS = {
    "--json": ("as_json", False),
    "--all": ("show_all", False),
    "-a": ("show_all", False),
    "--quiet": ("quiet", False),
    "-q": ("quiet", False),
    "--within": ("within", True),
    "-w": ("within", True),
    "--as-of": ("as_of", True),
}
_GLOBAL_OPTIONS = {"--dir": "dir", "-d": "dir"}
# Options that may be given more than once, collected into a list as typer does.
_SESSION_NEW_OPTIONS = {
    "--mentor": ("mentor", True),
    "-m": ("mentor", True),
    "--date": ("date", True),
    "--kind": ("kind", True),
    "-k": ("kind", True),
    "--topic": ("topic", True),
    "-t": ("topic", True),
    "--goal": ("goals", True),
    "-g": ("goals", True),
    "--notes": ("notes", True),
    "-n": ("notes", True),
    "--action": ("actions", True),
    "-a": ("actions", True),
    "--lesson": ("lessons", True),
    "-l": ("lessons", True),
    "--how": ("how", True),
    "--discussed": ("discussed", True),
    "--json": ("as_json", False),
}
_REPEATABLE = frozenset({"goals", "actions", "lessons", "discussed"})
_SWITCHES = {"--confidential": True, "--shareable": False}


def parse(
    args: list[str],
    options: dict[str, tuple[str, bool]],
    repeatable: frozenset[str] = frozenset(),
    switches: dict[str, bool] | None = None,
    switch_keyword: str = "",
) -> dict[str, object] | None:
    """Parse `--flag`, `--opt VALUE` and `--opt=VALUE` (`-o VALUE` for short names); None for
    anything unexpected, including a value that looks like an option: the full CLI decides."""
    values: dict[str, object] = {}
    position = 0
    while position < len(args):
        word = args[position]
        name, has_inline, inline = word.partition("=")
        if has_inline and not name.startswith("--"):
            return None  # "-m=x" means "=x" to click
        if switches and name in switches:
            if has_inline or switch_keyword in values:
                return None
            values[switch_keyword] = switches[name]
            position += 1
            continue
        spec = options.get(name)
        if spec is None:
            return None
        keyword, takes_value = spec
        if keyword in values and keyword not in repeatable:
            return None
        if takes_value:
            if has_inline:
                value = inline
            elif position + 1 < len(args) and not args[position + 1].startswith("-"):
                position += 1
                value = args[position]
            else:
                return None
            if keyword in repeatable:
                collected = values.setdefault(keyword, [])
                assert isinstance(collected, list)
                collected.append(value)
            else:
                values[keyword] = value
        elif has_inline:
            return None
        else:
            values[keyword] = True
        position += 1
    return values


def run(args: list[str]) -> int | None:
    """Exit code if handled here, None to use the full CLI."""
    if os.environ.get("_MENTORLOG_COMPLETE"):
        return None
    from mentorlog.cli.messages import check_arguments, failed
    from mentorlog.errors import UsageError

    try:
        check_arguments(args)
    except UsageError as exc:
        return failed(exc)
    if args == ["--version"]:
        import sys

        from mentorlog import __version__

        sys.stdout.write(f"mentorlog {__version__}\n")
        return 0
    dir_option: str | None = None
    rest = args
    while rest and rest[0].partition("=")[0] in _GLOBAL_OPTIONS:
        _, has_inline, inline = rest[0].partition("=")
        if has_inline:
            dir_option, rest = inline, rest[1:]
        elif len(rest) > 1:
            dir_option, rest = rest[1], rest[2:]
        else:
            return None
    if not rest or rest[0] not in ("due", "path", "session"):
        return None
    try:
        if rest[0] == "session":
            return _session_new(dir_option, rest[1:])
        if rest[0] == "path":
            if len(rest) > 1:
                return None
            from mentorlog.cli import lean

            return lean.path(dir_option)
        options = parse(rest[1:], _DUE_OPTIONS)
        if options is None:
            return None
        from mentorlog.cli import lean

        return lean.due(dir_option, **options)  # type: ignore[arg-type]
    except (Exception, KeyboardInterrupt) as exc:
        return failed(exc)


def _session_new(dir_option: str | None, args: list[str]) -> int | None:
    """`session new` with its text on the command line; None for every other form (the editor,
    `--notes -`, --edit, help, anything unexpected)."""
    if not args or args[0] != "new":
        return None
    options = parse(
        args[1:], _SESSION_NEW_OPTIONS, _REPEATABLE, _SWITCHES, switch_keyword="confidential"
    )
    if options is None or "mentor" not in options or options.get("notes") == "-":
        return None
    import sys

    if "notes" not in options and sys.stdin.isatty() and sys.stdout.isatty():
        return None  # the full CLI opens the editor
    from mentorlog.journal.location import locate

    if os.path.isdir(os.path.join(locate(dir_option), ".git")):
        return None  # the full CLI commits the change to the journal's history
    from mentorlog.cli import lean

    if "notes" not in options:
        from mentorlog.cli.piped import piped_text

        options["notes"] = piped_text("the piped notes", False, "--notes")
    return lean.session_new(dir_option, **options)  # type: ignore[arg-type]
