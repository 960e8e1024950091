"""Options shared by many commands, defined once. The options of the commands the fast path
also answers are specs in cli/option_table.py; `option` makes a typer option of one."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import complete
from mentorlog.cli import option_table as table


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


JsonFlag = Annotated[bool, option(table.JSON)]
AsOf = Annotated[str | None, option(table.AS_OF)]
DateOpt = Annotated[str | None, option(table.DATE)]
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
MentorFilter = Annotated[
    str | None,
    typer.Option(
        "--mentor",
        "-m",
        help="Only this mentor.",
        metavar="MENTOR",
        autocompletion=complete.mentors,
    ),
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
