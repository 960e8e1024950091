"""Options shared by many commands, defined once. Their specs (names, help, default) are in
cli/option_table.py, with those of the commands the fast path also answers; `option` makes a
typer option of one. A command takes a shared option's default from its spec:
`as_json: JsonFlag = JSON.default`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import complete
from mentorlog.cli import option_table as table
from mentorlog.cli.option_table import AS_OF, DATE, JSON, MENTOR_FILTER, YES

__all__ = [
    "AS_OF",
    "DATE",
    "JSON",
    "MENTOR_FILTER",
    "YES",
    "AsOf",
    "DateOpt",
    "GoalArg",
    "JsonFlag",
    "MentorArg",
    "MentorFilter",
    "Yes",
    "option",
]


def option(spec: table.OptionSpec[Any], **extra: Any) -> Any:
    """The typer option for `spec`: the same names, help and completion the fast path uses."""
    names = list(spec.names)
    if spec.off:
        names[0] = f"{names[0]}/{'/'.join(spec.off)}"
    settings: dict[str, Any] = {"help": spec.help}
    if spec.metavar is not None:
        settings["metavar"] = spec.metavar
    if spec.completion is not None:
        settings["autocompletion"] = getattr(complete, spec.completion)
    if not spec.show_default:
        settings["show_default"] = False
    return typer.Option(names[0], *names[1:], **settings, **extra)


JsonFlag = Annotated[bool, option(JSON)]
AsOf = Annotated[str | None, option(AS_OF)]
DateOpt = Annotated[str | None, option(DATE)]
MentorArg = Annotated[
    str,
    typer.Argument(
        help="Mentor id, unique id prefix, full name, first or last name.",
        metavar="MENTOR",
        autocompletion=complete.mentors,
        show_default=False,
    ),
]
GoalArg = Annotated[
    str,
    typer.Argument(
        help="Goal id or unique id prefix.",
        metavar="GOAL",
        autocompletion=complete.goals,
        show_default=False,
    ),
]
MentorFilter = Annotated[str | None, option(MENTOR_FILTER)]
Yes = Annotated[bool, option(YES)]
