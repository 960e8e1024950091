"""The command reference (docs/reference.md), generated from the CLI itself.

python -m mentorlog.cli.reference --write   # regenerate
python -m mentorlog.cli.reference --check   # exit 1 if docs/reference.md is stale (CI)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HEADER = """\
# Command reference

Generated from `mentorlog --help` by `python -m mentorlog.cli.reference --write`; CI fails when
it is out of date. Every command also takes `-h`/`--help`. Global options go before the command:
`mentorlog --dir ~/journal due`.
"""


def _commands(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name in sorted(subcommands):
            sub = subcommands[name]
            if getattr(sub, "hidden", False):
                continue
            found += _commands(sub, [*path, name])
    return found


def _usage(command: Any, path: list[str]) -> str:
    pieces = [" ".join(path)]
    if any(p.param_type_name == "option" for p in command.params):
        pieces.append("[OPTIONS]")
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        name = param.metavar or param.name.upper()
        if param.nargs == -1:
            name += "..."
        pieces.append(name if param.required else f"[{name}]")
    if getattr(command, "commands", None):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _param_row(param: Any) -> tuple[str, str] | None:
    if getattr(param, "hidden", False) or param.name in ("help",):
        return None
    if param.param_type_name == "argument":
        name = f"`{param.metavar or param.name.upper()}`"
        help_text = getattr(param, "help", None) or ""
        if not param.required:
            help_text += " (optional)"
        return name, help_text.strip()
    names = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
    if not param.is_flag:
        names += f" {param.metavar}"
    help_text = param.help or ""
    if param.multiple:
        help_text += " Repeatable."
    return names, help_text.strip()


def _prose(text: str) -> list[str]:
    """Help text as Markdown: a paragraph on one line; a block marked with click's `\\b` (the
    examples) as written, in a code block."""
    import inspect

    found = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        if paragraph.startswith("\b\n"):
            heading, _, block = paragraph[2:].partition("\n")
            found.append(f"{heading}\n\n```sh\n{inspect.cleandoc(block)}\n```\n")
        elif paragraph.strip():
            found.append(" ".join(paragraph.split()) + "\n")
    return found


def render() -> str:
    from typer.main import get_command

    from mentorlog.cli.app import app

    root = get_command(app)
    lines = [HEADER]
    for path, command in _commands(root, ["mentorlog"]):
        depth = min(len(path) + 1, 4)
        lines.append(f"{'#' * depth} `{' '.join(path)}`\n")
        for text in (command.help, command.epilog):
            lines += _prose(text or "")
        lines.append(f"```\n{_usage(command, path)}\n```\n")
        rows = [row for row in (_param_row(p) for p in command.params) if row]
        if rows:
            lines.append("| argument or option | meaning |\n|---|---|")
            for name, help_text in rows:
                lines.append(f"| {name} | {help_text.replace('|', '/')} |")
            lines.append("")
        subcommands = getattr(command, "commands", None)
        if subcommands:
            visible = [
                n for n in sorted(subcommands) if not getattr(subcommands[n], "hidden", False)
            ]
            lines.append("Commands: " + ", ".join(f"`{n}`" for n in visible) + "\n")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    target = Path.cwd() / "docs" / "reference.md"
    text = render()
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            sys.stderr.write(
                f"{target} is out of date: run `python -m mentorlog.cli.reference --write`\n"
            )
            return 1
        return 0
    if "--write" in argv:
        target.write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
