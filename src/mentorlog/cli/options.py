"""Options shared by many commands, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (see docs/json.md).")]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Answer as if today were this date (e.g. 2026-12-01, 'next friday')."
    ),
]
MentorArg = Annotated[
    str,
    typer.Argument(
        help="Mentor id, unique id prefix, full name or first name.",
        autocompletion=complete.mentors,
        show_default=False,
    ),
]
GoalArg = Annotated[
    str,
    typer.Argument(
        help="Goal id or unique id prefix.", autocompletion=complete.goals, show_default=False
    ),
]
MentorFilter = Annotated[
    str | None,
    typer.Option("--mentor", "-m", help="Only this mentor.", autocompletion=complete.mentors),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help="The date (default today): 2026-11-02, yesterday, 'last friday', 'Nov 20'."
    ),
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
