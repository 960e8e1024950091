"""Filling in a person's own template: `{name}` is a variable, `{{` and `}}` are a literal
brace. Deliberately smaller than `str.format`: no attribute or index lookups, no format specs,
so a template can only ever print the values it is given, and every mistake (an unknown name,
a brace left open) is reported with the file and the line, never half-applied."""

from __future__ import annotations

import re
from collections.abc import Mapping

from mentorlog.errors import InvalidFile

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|[{}]")


def render(text: str, values: Mapping[str, str], source: str) -> str:
    """`text` with each `{name}` replaced by its value. `source` names the file in errors.

    A line that holds nothing but one variable whose value is empty is left out, so an empty
    list does not leave a blank line behind."""
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        alone = _TOKEN.fullmatch(line.strip())
        if alone and alone.group(1) in values and not values[alone.group(1)]:
            continue
        out.append(_line(line, number, values, source))
    return "\n".join(out)


def _line(line: str, number: int, values: Mapping[str, str], source: str) -> str:
    parts: list[str] = []
    at = 0
    for found in _TOKEN.finditer(line):
        parts.append(line[at : found.start()])
        at = found.end()
        token = found.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
            continue
        name = found.group(1)
        column = found.start() + 1
        if name is None:
            raise InvalidFile(
                source,
                f"a stray '{token}' in column {column}",
                number,
                "write {{ or }} for a brace of your own, or {name} for a variable",
            )
        if name not in values:
            raise InvalidFile(
                source,
                f"unknown variable {{{name}}} in column {column}",
                number,
                "the variables are " + ", ".join("{" + n + "}" for n in sorted(values)),
            )
        parts.append(values[name])
    parts.append(line[at:])
    return "".join(parts)


def escape(text: str) -> str:
    """`text` as it must be written in a template to come out unchanged."""
    return text.replace("{", "{{").replace("}", "}}")


def names_used(text: str) -> set[str]:
    """The variables `text` uses."""
    return {found.group(1) for found in _TOKEN.finditer(text) if found.group(1)}
