"""How help pages read: every command goes through `finish` once it is built.

Help is click's plain layout, not typer's rich panels: click reflows each paragraph of a
docstring to the terminal's width (so a docstring hard-wrapped in the source still reads as
paragraphs at 60 or 200 columns) and keeps a paragraph that starts with a `\\b` line exactly as
written, which is how every "Examples:" block is marked. Each value an option or argument takes
is named by a metavar that says what goes there (MENTOR, DATE, N); one without a declared
metavar is named by its type, never typer's `<str>` or `{name}`."""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument

# The metavar of a parameter that declares none, by click type name.
_BY_TYPE = {"int": "N", "int range": "N", "float": "N", "filename": "FILE", "file": "FILE"}


class Argument(TyperArgument):
    """A positional argument shown as click shows one: `MENTOR` when required, `[MENTOR]` when
    not, `WORDS...` when it takes many (typer writes a required one as `{mentor}`)."""

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.make_metavar(ctx)
        return [name if self.required else f"[{name}]"]

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 else name


def finish(command: Any) -> Any:
    """Give `command` and everything under it the plain help layout and named metavars."""
    command.rich_markup_mode = None
    for param in command.params:
        if getattr(param, "is_flag", False) or param.param_type_name not in {"option", "argument"}:
            continue
        if isinstance(param, TyperArgument):
            param.metavar = param.metavar or (param.name or "").upper()
            # typer builds its argument objects itself and offers no class to build them with
            param.__class__ = Argument
        elif param.metavar is None:
            param.metavar = _BY_TYPE.get(param.type.name, "TEXT")
    for sub in (getattr(command, "commands", None) or {}).values():
        finish(sub)
    return command
