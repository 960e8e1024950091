"""The lean start-up path for the commands run dozens of times a day.

It understands only the plain forms of a few commands and hands anything else (help, unknown
options, typos) to the full CLI, so the two can never disagree about what a command line means:
a test runs every form both ways and compares the output.
"""

from __future__ import annotations


def run(args: list[str]) -> int | None:
    """Exit code if handled here, None to use the full CLI."""
    if args == ["--version"]:
        import sys

        from mentorlog import __version__

        sys.stdout.write(f"mentorlog {__version__}\n")
        return 0
    return None
