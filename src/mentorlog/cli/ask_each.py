"""Asking about each of several proposals on a terminal: yes, no, all the rest, or quit.

The answers are read line by line from standard input (not through click's prompt, which turns
Ctrl-C and the end of input into the same Abort): Ctrl-C must leave the journal untouched, while
`q` and the end of input stop asking and keep what was accepted so far.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from mentorlog.cli.messages import say

Item = TypeVar("Item")

CHOICES = "[y]es, [n]o, [a]ll the rest, [q]uit"


def ask_each(items: Sequence[Item], describe: Callable[[Item], str], question: str) -> list[Item]:
    """The items the person accepts, in order, asked one at a time on stderr."""
    accepted: list[Item] = []
    for position, item in enumerate(items):
        say(f"({position + 1}/{len(items)}) {describe(item)}")
        answer = _answer(question)
        if answer == "a":
            accepted.extend(items[position:])
            break
        if answer == "q":
            break
        if answer == "y":
            accepted.append(item)
    return accepted


def _answer(question: str) -> str:
    while True:
        sys.stderr.write(f"{question} {CHOICES}? ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            sys.stderr.write("\n")
            return "q"
        choice = line.strip().lower()[:1]
        if choice in ("y", "n", "a", "q"):
            return choice
        say("Answer y, n, a or q.")
