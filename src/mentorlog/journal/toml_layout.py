"""A TOML rewrite that keeps a file laid out by hand as its person laid it out. Knows text only.

TOML lets a person split a table or an array of tables: `[[questions]]` entries before and
after an `[agreement]` table, or `[a.b]` after `[c]`. tomlkit merges the parts when it parses,
so a rewrite through it would move the later parts, and the comments around them, next to the
first. Here the file is cut into blocks, one per table header (the lines before the first
header are a block too); the blocks of each top-level name are put together, which changes no
meaning (a header names its table in full, and blocks of one name keep their order); the edit
runs on that text; then each block of the result goes back where its block was in the file.
A block the edit did not touch comes back byte for byte, in its place. The work is linear in
the file: one pass over its lines, and a few whole parses.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

# A block's top-level name; the lines before the first header have none.
Name = str | None


def keeping_layout(text: str, edit: Callable[[str], str]) -> str:
    """`edit` (a rewrite through tomlkit) applied to `text` so that every block it does not
    change keeps its bytes and its place. When the blocks cannot be put back with certainty,
    the edit's own result is returned: every line kept, some moved, the data as intended."""
    blocks = split_blocks(text)
    order = _grouped_order(blocks)
    if order == list(range(len(blocks))):
        return edit(text)  # each name's blocks are together already: tomlkit keeps the layout
    open_end = not text.endswith("\n")
    texts = [block for _, block in blocks]
    if open_end:
        texts[-1] += "\n"  # it no longer ends the text it is edited in
    grouped = "".join(texts[index] for index in order)
    data = _data(text)
    if data is None or _data(grouped) != data:
        return edit(text)  # not cut where the headers are (cannot happen in a valid file)
    edited = edit(grouped)
    placed = _put_back(blocks, order, texts, split_blocks(edited))
    if open_end and placed.endswith("\n"):
        placed = placed[:-1]  # the line break added above; the file's own form is kept later
    if _data(placed) != _data(edited):
        return edited
    return placed


def split_blocks(text: str) -> list[tuple[Name, str]]:
    """The text cut before each table header line, each block with its top-level name; the
    first block holds the lines before the first header (and may be empty). The blocks joined
    give the text back exactly."""
    blocks: list[tuple[Name, str]] = []
    name: Name = None
    start = 0
    scanner = _Scanner()
    position = 0
    for line in text.splitlines(keepends=True):
        header = scanner.header_name(line)
        if header is not None:
            blocks.append((name, text[start:position]))
            name, start = header, position
        position += len(line)
    blocks.append((name, text[start:]))
    return blocks


def _grouped_order(blocks: list[tuple[Name, str]]) -> list[int]:
    """Block positions with the blocks of each name together, at the place of the first. A
    name made only of tables has them in the order of their headers' keys, each table before
    its sub-tables (tomlkit moves a `[t]` that follows `[t.s]`); in a name with an array of
    tables the order stays the file's, since `[a.b]` belongs to the `[[a]]` before it."""
    groups: dict[Name, list[int]] = {}
    for index, (name, _) in enumerate(blocks):
        groups.setdefault(name, []).append(index)
    order: list[int] = []
    for name, positions in groups.items():
        headers = [blocks[index][1].lstrip(" \t") for index in positions]
        if name is not None and not any(header.startswith("[[") for header in headers):
            paths = {
                index: _header_path(header)
                for index, header in zip(positions, headers, strict=True)
            }
            positions = sorted(positions, key=paths.__getitem__)
        order += positions
    return order


def _put_back(
    original: list[tuple[Name, str]],
    order: list[int],
    texts: list[str],
    edited: list[tuple[Name, str]],
) -> str:
    """The edited blocks in the places of the original ones (`order` is how they were put
    together for the edit). Within a name, the blocks the edit left as they were are matched
    from both ends; the ones between take the places of the changed ones, in order; new ones
    follow them; a name the edit brought in goes last."""
    old_groups: dict[Name, list[int]] = {}
    for index in order:
        old_groups.setdefault(original[index][0], []).append(index)
    new_groups: dict[Name, list[str]] = {}
    for name, block in edited:
        new_groups.setdefault(name, []).append(block)
    at: list[list[str]] = [[] for _ in original]
    before_first: dict[int, list[str]] = {}
    for name, positions in old_groups.items():
        new = new_groups.get(name, [])
        old = [texts[index] for index in positions]
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[len(new) - 1 - tail]:
            tail += 1
        for offset in range(head):
            at[positions[offset]].append(new[offset])
        for offset in range(1, tail + 1):
            at[positions[-offset]].append(new[-offset])
        changed_old = positions[head : len(old) - tail]
        changed_new = new[head : len(new) - tail]
        for index, block in zip(changed_old, changed_new, strict=False):
            at[index].append(block)
        extra = changed_new[len(changed_old) :]
        if extra:
            if changed_old:
                at[changed_old[-1]].extend(extra)
            elif head:
                at[positions[head - 1]].extend(extra)
            else:
                before_first.setdefault(positions[0], []).extend(extra)
    out: list[str] = []
    for index in range(len(original)):
        out += before_first.get(index, [])
        out += at[index]
    for name, blocks in new_groups.items():
        if name not in old_groups:
            out += blocks
    return "".join(out)


def _data(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


class _Scanner:
    """Reads lines in order and says which are table headers: a line that starts with '['
    outside a multi-line string or array and parses as a header on its own."""

    __slots__ = ("depth", "quote")

    def __init__(self) -> None:
        self.quote: str | None = None  # the delimiter of the multi-line string we are in
        self.depth = 0  # open brackets of a multi-line array

    def header_name(self, line: str) -> Name:
        if self.quote is None and self.depth == 0 and line.lstrip(" \t").startswith("["):
            name = _header_name(line)
            if name is not None:
                return name
        self._follow(line)
        return None

    def _follow(self, line: str) -> None:
        index, size = 0, len(line)
        while index < size:
            if self.quote is not None:
                end = _closing(line, index, self.quote)
                if end < 0:
                    return
                self.quote, index = None, end
                continue
            char = line[index]
            if char == "#":
                return
            if line.startswith('"""', index) or line.startswith("'''", index):
                self.quote, index = line[index : index + 3], index + 3
            elif char == '"':
                index = _closing(line, index + 1, '"')
                index = size if index < 0 else index
            elif char == "'":
                end = line.find("'", index + 1)
                index = size if end < 0 else end + 1
            else:
                if char == "[":
                    self.depth += 1
                elif char == "]" and self.depth:
                    self.depth -= 1
                index += 1


def _closing(line: str, start: int, quote: str) -> int:
    """Where the string that `quote` closes ends (just past the delimiter), or -1 when it goes
    on past this line. A basic string's delimiter counts only when no backslash escapes it."""
    index = start
    while True:
        found = line.find(quote, index)
        if found < 0:
            return -1
        if quote[0] == '"':
            backslashes = 0
            while found - backslashes - 1 >= index and line[found - backslashes - 1] == "\\":
                backslashes += 1
            if backslashes % 2:
                index = found + 1
                continue
        end = found + len(quote)
        while len(quote) == 3 and line.startswith(quote[0], end) and end - found < 5:
            end += 1  # up to two quotes right before the delimiter belong to the string
        return end


def _header_name(line: str) -> Name:
    try:
        parsed = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    if len(parsed) != 1:
        return None
    return next(iter(parsed))


def _header_path(block: str) -> tuple[str, ...]:
    """The keys a block's header line names, `[a."b c"]` -> ("a", "b c")."""
    table: Any = tomllib.loads(block.split("\n", 1)[0])
    path: list[str] = []
    while isinstance(table, dict) and len(table) == 1:
        key = next(iter(table))
        path.append(key)
        table = table[key]
    return tuple(path)
