"""The closure walk of `mentor end` on a terminal: a thank-you, what you learned, what stays and
how you keep in touch. It asks only for what the options left open, and fills `wanted` in
place; a script or a pipe never gets here."""

from __future__ import annotations

import typer

from mentorlog.cli import context
from mentorlog.domain.dates import Cadence, parse_cadence
from mentorlog.errors import UsageError
from mentorlog.services.closure import ClosureEdit, Ending, check_texts


def _ask(question: str) -> str | None:
    answer: str = typer.prompt(question, default="", show_default=False, err=True)
    return answer.strip() or None


def walk(ending: Ending, wanted: ClosureEdit) -> str | None:
    """Ask the closure's questions; return how a thank-you was said, to record it, or None."""
    m = ending.mentor
    first = m.first_name
    earlier = m.closure
    context.say(f"Closing the relationship with {m.name}: three questions, Enter skips any.")
    thanks_how = None
    if ending.thanked_on is not None:
        context.say(f"1. Thanks: you thanked {first} on {ending.thanked_on}.")
    else:
        context.say(f"1. Thanks: no thank-you to {first} is recorded yet.")
        thanks_how = _ask(
            "   Record one now? How did you say it (a handwritten note, an email, in person)"
        )
    if wanted.learned is None and not (earlier and earlier.learned):
        wanted.learned = _ask(f"2. What did you learn from {first}?")
    if wanted.stays is None and not (earlier and earlier.stays):
        wanted.stays = _ask("3. What stays between you: how will you keep in touch?")
    if wanted.keep_in_touch is None:
        wanted.keep_in_touch = _ask_cadence(first)
    check_texts(wanted)
    return thanks_how


def _ask_cadence(first: str) -> Cadence | None:
    while True:
        answer = _ask(
            f"   Be reminded to catch up with {first}? How often (6m, yearly; Enter for no "
            "more reminders)"
        )
        if answer is None:
            return None
        try:
            return parse_cadence(answer)
        except UsageError as exc:
            context.say(f"{exc.message}: try again, or press Enter")
