"""The lean start-up path for the commands run dozens of times a day.

It answers `--version`, `path`, `due`, `doctor`, the listings (`mentor list`, `goal list`,
`action list`, `reflection list`, `ask list`, `feedback list`) and `session new` with its text on the command line,
reading their options from cli/option_table.py with click's rules, and hands anything else
(help, unknown options, typos, completion, the editor, stdin) to the full CLI, so the two
cannot disagree about what a command line means: tests run every accepted form both ways and
compare the output.
"""

from __future__ import annotations

import os

from mentorlog.cli import option_table as table

# The listings and their functions in cli/lists.py, which the typer commands also run.
LISTINGS = {
    ("mentor", "list"): "mentor_list",
    ("goal", "list"): "goal_list",
    ("action", "list"): "action_list",
    ("reflection", "list"): "reflection_list",
    ("ask", "list"): "ask_list",
    ("feedback", "list"): "feedback_list",
}


def run(args: list[str]) -> int | None:
    """Exit code if handled here, None to use the full CLI."""
    if os.environ.get("_MENTORLOG_COMPLETE"):
        return None
    try:
        return _answer(args)
    except (Exception, KeyboardInterrupt, SystemExit) as exc:
        # Anything else (GeneratorExit, a test's simulated crash) is not a failure to report.
        from mentorlog.cli.exits import exit_code

        return exit_code(exc)


def _answer(args: list[str]) -> int | None:
    table.check_arguments(args)
    root = table.parse(args, table.GLOBAL, interspersed=False)
    if root is None:
        return None
    if root.values.get("version"):
        import sys

        from mentorlog import __version__

        sys.stdout.write(f"mentorlog {__version__}\n")
        return 0
    dir_option = root.values.get("directory")
    assert dir_option is None or isinstance(dir_option, str)
    words = root.words
    if any(tuple(words[: len(command)]) == command for command in table.COMMANDS):
        from mentorlog.user import config as userconfig

        userconfig.check(words)
    for command, specs in table.COMMANDS.items():
        if tuple(words[: len(command)]) != command:
            continue
        parsed = table.parse(words[len(command) :], specs)
        if parsed is None or parsed.words:
            return None  # the full CLI says what is wrong
        options = table.defaults(specs) | parsed.values
        from mentorlog.cli import lean

        if command == ("path",):
            return lean.path(dir_option)
        if command == ("due",):
            return lean.due(dir_option, **options)  # type: ignore[arg-type]
        if command == ("doctor",):
            return _doctor(dir_option, options)
        if command in LISTINGS:
            from mentorlog.cli import lists

            return getattr(lists, LISTINGS[command])(dir_option, **options)  # type: ignore[no-any-return]
        return _session_new(dir_option, options)
    return None


def _doctor(dir_option: str | None, options: dict[str, object]) -> int | None:
    """`doctor`, which can undo a change a crash stopped part-way: in a journal that keeps its
    history in git, the full CLI commits that."""
    from mentorlog.journal.location import locate

    if os.path.isdir(os.path.join(locate(dir_option), ".git")):
        return None
    from mentorlog.cli.doctor import doctor

    return doctor(dir_option, **options)  # type: ignore[arg-type]


def _session_new(dir_option: str | None, options: dict[str, object]) -> int | None:
    """`session new` with its text on the command line; None for every other form (the editor,
    `--notes -`, --edit, anything the full CLI refuses)."""
    if options["notes"] == "-" or options.pop("edit") is not None:
        return None
    import sys

    if options["notes"] is None and sys.stdin.isatty() and sys.stdout.isatty():
        return None  # the full CLI opens the editor
    from mentorlog.journal.location import locate

    if os.path.isdir(os.path.join(locate(dir_option), ".git")):
        return None  # the full CLI commits the change to the journal's history
    from mentorlog.cli import lean

    if options["notes"] is None:
        from mentorlog.cli.piped import piped_text

        options["notes"] = piped_text("the piped notes", False, "--notes")
    return lean.session_new(dir_option, **options)  # type: ignore[arg-type]
