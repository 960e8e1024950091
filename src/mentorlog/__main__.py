"""Entry point. The commands people run most (`due`, `path`, `--version`, `doctor`, the
listings, `session new` with its text given) are answered on a lean path that imports neither
typer nor rich nor pydantic; everything else goes to the full CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    from mentorlog.cli import fastpath

    handled = fastpath.run(args)
    if handled is not None:
        if argv is None:  # the process itself, not a caller that goes on
            _exit_now(handled)
        return handled
    from mentorlog.cli.app import run

    return run(args)


def _exit_now(code: int) -> None:
    """End the process without tearing the interpreter down. The everyday commands have
    written and closed every file by now; freeing each object of a large journal one by one
    was 7 ms of a warm `due` on 10,000 sessions, a tenth of it."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader has gone (`| head`): nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
