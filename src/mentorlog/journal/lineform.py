"""A file's own form: byte-order mark, each line's ending, the final newline. Knows text only.

Records are parsed and changed as text with "\\n" line ends. When a changed text is written
back, every line that was already in the file gets its own ending back (a file edited on
Windows and then on a Mac may mix them), a new line takes the ending most of the file uses,
the byte-order mark stays if there was one, and a file that did not end with a newline still
does not. So a rewrite changes the bytes of the lines it means to change and of no other.
"""

from __future__ import annotations

import re
from bisect import bisect_right

BOM = "\ufeff"
_LINE = re.compile(r"([^\r\n]*)(\r\n|\n|\r|)")


def lines_with_endings(text: str) -> list[tuple[str, str]]:
    """(content, ending) of each line; the last has the ending "" when the text does not end
    with a line break. Empty text has no lines."""
    found: list[tuple[str, str]] = []
    position, size = 0, len(text)
    while position < size:
        match = _LINE.match(text, position)
        assert match is not None  # the pattern matches at any position
        found.append((match.group(1), match.group(2)))
        position = match.end()
    return found


def dominant_ending(lines: list[tuple[str, str]]) -> str:
    """The ending most lines use; "\\n" for a file with none (or a tie with it)."""
    counts: dict[str, int] = {}
    for _, ending in lines:
        if ending:
            counts[ending] = counts.get(ending, 0) + 1
    if not counts:
        return "\n"
    best = max(counts.values())
    if counts.get("\n") == best:
        return "\n"
    return max(counts, key=lambda ending: (counts[ending], ending))


def restore(original: str, changed: str) -> str:
    """`changed` (a "\\n"-ended version of `original`, without a byte-order mark) in the form
    of `original` (the file's text as decoded, with its own endings and mark)."""
    bom = original.startswith(BOM)
    old = lines_with_endings(original[1:] if bom else original)
    new = [content for content, _ in lines_with_endings(changed)]
    endings = _endings_for(old, new)
    ends_open = bool(old) and old[-1][1] == ""
    if new and (ends_open or not changed.endswith("\n")):
        endings[-1] = ""
    text = "".join(content + ending for content, ending in zip(new, endings, strict=True))
    return BOM + text if bom else text


def _endings_for(old: list[tuple[str, str]], new: list[str]) -> list[str]:
    """The ending of each new line: its own old ending where the line was kept. Linear in the
    lines (n log n at worst): a diff would be quadratic on a file of many alike lines."""
    usual = dominant_ending(old)
    endings = [usual] * len(new)
    if len({ending for _, ending in old if ending}) <= 1:
        return endings  # one kind of ending (nearly every file): nothing to tell apart
    # Most rewrites touch a few lines in one place: match the untouched head and tail
    # directly, and compare only what lies between.
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head][0] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail][0] == new[-1 - tail]:
        tail += 1
    for index in range(head):
        endings[index] = old[index][1] or usual
    for offset in range(1, tail + 1):
        endings[-offset] = old[-offset][1] or usual
    # Between them, each new line takes the ending of the first old line with the same text
    # after the last one matched, so kept lines keep their order and their endings.
    places: dict[str, list[int]] = {}
    for index in range(head, len(old) - tail):
        places.setdefault(old[index][0], []).append(index)
    last = head - 1
    for index in range(head, len(new) - tail):
        candidates = places.get(new[index])
        if not candidates:
            continue
        found = bisect_right(candidates, last)
        if found < len(candidates):
            last = candidates[found]
            endings[index] = old[last][1] or usual
    return endings
