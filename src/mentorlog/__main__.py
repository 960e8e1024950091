"""Entry point. The commands people run most (`due`, `path`, `--version`) are answered on a
lean path that imports neither typer nor rich nor pydantic; everything else goes to the full CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    from mentorlog import fastpath

    handled = fastpath.run(args)
    if handled is not None:
        return handled
    from mentorlog.cli.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
