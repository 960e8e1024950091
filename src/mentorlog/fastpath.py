"""The lean start-up path for the commands run dozens of times a day.

It understands only the plain forms of `--version`, `path` and `due` and hands anything else
(help, unknown options, typos, completion) to the full CLI, so the two cannot disagree about what
a command line means: tests run every accepted form both ways and compare the output.
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


def parse(args: list[str], options: dict[str, tuple[str, bool]]) -> dict[str, object] | None:
    """Parse `--flag`, `--opt VALUE` and `--opt=VALUE`; None for anything unexpected."""
    values: dict[str, object] = {}
    position = 0
    while position < len(args):
        word = args[position]
        name, has_inline, inline = word.partition("=")
        spec = options.get(name)
        if spec is None:
            return None
        keyword, takes_value = spec
        if keyword in values:
            return None
        if takes_value:
            if has_inline:
                values[keyword] = inline
            elif position + 1 < len(args) and not args[position + 1].startswith("-"):
                position += 1
                values[keyword] = args[position]
            else:
                return None
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
    if not rest or rest[0] not in ("due", "path"):
        return None
    from mentorlog.errors import MentorlogError

    try:
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
    except MentorlogError as exc:
        from mentorlog.cli.messages import say

        message = f"mentorlog: {exc.message}" + (f" ({exc.hint})" if exc.hint else "")
        say(message.replace("\n", " "))
        return exc.exit_code
