"""Text <-> (front matter, Markdown body). Knows text and TOML, nothing about mentors.

A record file looks like::

    +++
    key = "value"
    +++

    Markdown body

Reading uses the stdlib `tomllib` (strict), after a shortcut for the flat front matter that
mentorlog itself writes (`key = "text"`, `true`, a date, a list of texts; nothing to unescape):
such a line has one meaning, which `tomllib` would give it too, at a fraction of the cost on a
first read of thousands of files. Anything else, or anything doubtful, goes to `tomllib`.
Writing keeps the user's own formatting: when a
file is rewritten, only the keys that changed are touched, through `tomlkit`, which is imported
only on the write path.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime
from typing import Any

from mentorlog.errors import InvalidFile

DELIMITER = "+++"
# A record is a person's notes: 8 MB is thousands of pages. Anything bigger is not something
# mentorlog wrote or a person typed, and reading it whole would cost memory and time on every
# command, so it is reported instead of read.
MAX_FILE_BYTES = 8 * 1024 * 1024
# tomllib is pure Python: half a megabyte of hostile TOML (a long array) takes about a second.
# Long text belongs in a Markdown body, which is not parsed as TOML.
MAX_TOML_CHARS = 512 * 1024


def normalise_text(raw: bytes, path: str) -> str:
    """Decode a file's bytes: UTF-8, tolerant of a byte-order mark and Windows line endings."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidFile(
            path,
            f"is {len(raw) / 1024 / 1024:.1f} MB, larger than mentorlog reads "
            f"({MAX_FILE_BYTES // 1024 // 1024} MB)",
            None,
            "split it into smaller files",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile(path, "is not valid UTF-8 text", line, "save it as UTF-8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InvalidFile(
            path, "contains a NUL byte (binary data?)", line, "restore it from a copy"
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str, path: str) -> tuple[str, str, int]:
    """Return (front matter text, body, line number where the body starts)."""
    if text.startswith("+++\n"):
        # The usual file, without splitting it into lines: the first "+++" after the opening
        # line is the closing one when its line is only that (any earlier delimiter line would
        # hold an earlier "+++"). Anything else takes the long way.
        found = text.find(DELIMITER, 4)
        if found != -1:
            start = text.rfind("\n", 0, found) + 1
            end = text.find("\n", found)
            end = len(text) if end == -1 else end
            if text[start:end].strip() == DELIMITER:
                body = text[end + 1 :]
                if body.startswith("\n"):
                    body = body[1:]
                return text[4 : max(start - 1, 4)], body, text.count("\n", 0, start) + 2
    return _split_lines(text, path)


def _split_lines(text: str, path: str) -> tuple[str, str, int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != DELIMITER:
        raise InvalidFile(
            path, "does not start with a '+++' front matter line", 1, "add the front matter block"
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == DELIMITER:
            body = "\n".join(lines[index + 1 :])
            if body.startswith("\n"):
                body = body[1:]
            return "\n".join(lines[1:index]), body, index + 2
    raise InvalidFile(path, "has no closing '+++' line after its front matter", 1, "add '+++'")


def parse_toml(text: str, path: str, first_line: int = 1) -> dict[str, Any]:
    """Parse TOML, turning a syntax error into an InvalidFile that names the line."""
    if len(text) > MAX_TOML_CHARS:
        raise InvalidFile(
            path,
            f"has more than {MAX_TOML_CHARS // 1024} KB of TOML",
            first_line,
            "move long text into the Markdown body or another file",
        )
    flat = _flat(text)
    if flat is not None:
        return flat
    try:
        return tomllib.loads(text)
    except RecursionError:
        # Arrays or tables nested thousands deep: no person writes that, and tomllib
        # recurses once per level.
        raise InvalidFile(
            path, "TOML error: values nested too deeply", first_line, "fix it by hand"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        line = _line_of(reason)
        if " (at line" in reason:
            reason = reason[: reason.index(" (at line")]
        elif " (at end of document)" in reason:
            reason = reason.replace(" (at end of document)", " at the end")
        located = line + first_line - 1 if line else first_line
        raise InvalidFile(path, _toml_reason(reason), located, "fix the line by hand") from None


def _toml_reason(reason: str) -> str:
    """tomllib's message, with the Python tuple it names a key by ("Cannot mutate immutable
    namespace ('shared',)") said as the key the file spells."""
    import re

    if reason.startswith(
        ("Cannot mutate immutable namespace", "Cannot declare", "Cannot overwrite")
    ):
        keys = re.findall(r"'([^']*)'", reason)
        key = f"`{'.'.join(keys)}`" if keys else "a key"
        return f"TOML error: {key} is given twice (as a key and as a table, or two tables)"
    return f"TOML error: {reason}"


# A TOML basic string with nothing to unescape: no quote, no backslash, no control character
# but tab. Lines are matched whole; anything else (spacing, comments, tables, numbers,
# escapes) is left to tomllib.
_PLAIN = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_FLAT_LINE = re.compile(
    rf"([A-Za-z0-9_-]+) = (?:({_PLAIN})|(true|false)|(\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|\[((?:{_PLAIN}(?:, {_PLAIN})*)?)\])"
)
_PLAIN_ITEM = re.compile(r'"([^"]*)"')


def _flat(text: str) -> dict[str, Any] | None:
    """The table of flat front matter in the form mentorlog writes; None for anything else."""
    data: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line:
            continue
        match = _FLAT_LINE.fullmatch(line)
        if match is None:
            return None
        key, text_value, boolean, day, items = match.groups()
        if key in data:
            return None  # tomllib says which line repeats it
        if text_value is not None:
            data[key] = text_value[1:-1]
        elif boolean is not None:
            data[key] = boolean == "true"
        elif day is not None:
            try:
                data[key] = date.fromisoformat(day)
            except ValueError:
                return None  # not a real date: tomllib words the error
        else:
            data[key] = _PLAIN_ITEM.findall(items) if items else []
    return data


def _line_of(message: str) -> int | None:
    marker = "(at line "
    if marker not in message:
        return None
    tail = message[message.index(marker) + len(marker) :]
    digits = tail.split(",", 1)[0].strip()
    return int(digits) if digits.isdigit() else None


def parse(text: str, path: str) -> tuple[dict[str, Any], str]:
    """Split and parse a record file's text."""
    head, body, _ = split(text, path)
    return parse_toml(head, path, first_line=2), body


def dumps_toml(data: dict[str, Any]) -> str:
    """Serialise a new table in the canonical order given."""
    import tomlkit

    document = tomlkit.document()
    for key, value in data.items():
        if value is None:
            continue
        document.add(key, _tomlkit_value(value))
    return tomlkit.dumps(document)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Characters a TOML basic string must escape that json.dumps leaves alone.
_TOML_ONLY_ESCAPES = str.maketrans({"\x7f": "\\u007f"})
_INT64 = range(-(2**63), 2**63)


def dumps_simple(data: dict[str, Any]) -> str:
    """Serialise a flat table of str, bool, int, date and list-of-str values, skipping None.

    This is the path that writes new session and reflection files, so it avoids importing
    tomlkit. A TOML basic string accepts every escape JSON produces; the only character JSON
    leaves raw that TOML does not is DEL. Anything else falls back to `dumps_toml`.
    """
    lines: list[str] = []
    for key, value in data.items():
        if value is None:
            continue
        rendered = _simple_value(value)
        if rendered is None:
            return dumps_toml(data)
        shown_key = key if _BARE_KEY.fullmatch(key) else _basic_string(key)
        if shown_key is None:
            return dumps_toml(data)
        lines.append(f"{shown_key} = {rendered}")
    return "".join(line + "\n" for line in lines)


def _basic_string(text: str) -> str | None:
    if any("\ud800" <= c <= "\udfff" for c in text):
        return None  # a lone surrogate cannot be written as UTF-8
    return json.dumps(text, ensure_ascii=False).translate(_TOML_ONLY_ESCAPES)


def _simple_value(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if value in _INT64 else None
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _basic_string(value)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        items = [_basic_string(item) for item in value]
        if any(item is None for item in items):
            return None
        return "[" + ", ".join(item for item in items if item is not None) + "]"
    return None


def update_toml(original: str, changes: dict[str, Any]) -> str:
    """Apply `changes` to TOML text, keeping comments, order and keys not named in `changes`.

    A value of None removes the key. A file laid out by hand keeps its layout (toml_layout).
    """
    from mentorlog.journal.toml_layout import keeping_layout

    return keeping_layout(original, lambda text: _update_in_order(text, changes))


def _update_in_order(original: str, changes: dict[str, Any]) -> str:
    import tomlkit

    document = tomlkit.parse(original)
    for key, value in changes.items():
        if value is None:
            if key in document:
                del document[key]
        elif key in document:
            current = document.item(key)
            if _is_table(current) and isinstance(value, dict):
                _merge_table(current, value)  # comments inside the table stay
            elif not _same(current, value) and not _merge_list(current, value):
                document[key] = _tomlkit_value(value)
        else:
            # tomlkit puts a new plain key after the last plain key, before any [table]
            document.add(key, _tomlkit_value(value))
    return tomlkit.dumps(document)


def _is_table(item: Any) -> bool:
    from tomlkit.items import InlineTable, Table

    return isinstance(item, Table | InlineTable)


def _merge_list(current: Any, wanted: Any) -> bool:
    """Turn an array (or array of tables) into `wanted` by inserting, removing and changing
    only the entries that differ, so that comments on the others stay where they are. False
    when `current` is not a list that can be edited so."""
    from tomlkit.items import AoT, Array

    if not isinstance(wanted, list) or not isinstance(current, AoT | Array):
        return False
    tables = isinstance(current, AoT)
    if tables != (bool(wanted) and all(isinstance(entry, dict) for entry in wanted)):
        return False
    if not tables and any(isinstance(entry, dict | list) for entry in wanted):
        return False
    if tables and len(current) == len(wanted):
        # The same number of entries: each changed where it stands. Matching them by content
        # could pair two equal entries the wrong way round and drop the comments of one.
        for table, entry in zip(current, wanted, strict=True):
            _merge_table(table, entry)
        return True
    from difflib import SequenceMatcher

    keys = [repr(entry.unwrap() if hasattr(entry, "unwrap") else entry) for entry in current]
    matcher = SequenceMatcher(None, keys, [repr(entry) for entry in wanted], autojunk=False)
    # From the end backwards, so that the positions of the steps still to come hold.
    for tag, a_start, a_end, b_start, b_end in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        if tables and tag == "replace" and a_end - a_start == b_end - b_start:
            for offset in range(a_end - a_start):
                _merge_table(current[a_start + offset], wanted[b_start + offset])
            continue
        for index in reversed(range(a_start, a_end)):
            del current[index]
        for offset, entry in enumerate(wanted[b_start:b_end]):
            _insert(current, a_start + offset, entry)
    return True


def _same(item: Any, value: Any) -> bool:
    """Whether a TOML item already holds `value` (true is not 1, nor a date a datetime)."""
    return repr(item.unwrap()) == repr(value)


def _merge_table(table: Any, wanted: dict[str, Any]) -> None:
    for key in [key for key in table if key not in wanted]:
        del table[key]
    for key, value in wanted.items():
        if value is None:
            if key in table:
                del table[key]
        elif key in table and _is_table(table.item(key)) and isinstance(value, dict):
            _merge_table(table.item(key), value)  # a sub-table keeps its comments too
        elif key not in table or not _same(table.item(key), value):
            table[key] = _tomlkit_value(value)


def _insert(current: Any, index: int, entry: Any) -> None:
    """Put a new entry at `index`, set off from its neighbours the way the others are."""
    import tomlkit
    from tomlkit.items import AoT

    if not isinstance(current, AoT):
        current.insert(index, _tomlkit_value(entry))
        return
    table = tomlkit.table()
    for key, value in entry.items():
        if value is not None:
            table.add(key, _tomlkit_value(value))
    if index == len(current):
        if index:
            previous = current[index - 1]
            if previous.as_string().endswith("\n\n"):
                table.add(tomlkit.nl())  # the array is followed by more: keep a blank line
            else:
                previous.add(tomlkit.nl())  # a blank line between entries, as people write
        current.append(table)
    else:
        table.add(tomlkit.nl())
        current.insert(index, table)


def _tomlkit_value(value: Any) -> Any:
    import tomlkit

    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        array = tomlkit.aot()
        for entry in value:
            table = tomlkit.table()
            for k, v in entry.items():
                if v is not None:
                    table.add(k, _tomlkit_value(v))
            array.append(table)
        return array
    if isinstance(value, str) and "\n" in value and not _has_delimiter_line(value):
        # exactly the text given: tomlkit escapes what it must, and adds the newline TOML trims
        # after the opening quotes when the text itself starts with one
        return tomlkit.string(value, multiline=True)
    return tomlkit.item(value)


def _has_delimiter_line(text: str) -> bool:
    """A '+++' line inside a multi-line string would end the front matter early; such text is
    written as a one-line string with escaped newlines instead."""
    return any(line.strip() == DELIMITER for line in text.split("\n"))


def splice(text: str, head: str, new_head: str, body: str, new_body: str, path: str) -> str:
    """A record's text (as `split` read it into `head` and `body`) with a new head and body,
    everything around them as it was: the delimiter lines and the blank line after them."""
    head_start = text.find("\n") + 1
    body_start = len(text) - len(body)
    if (
        head_start == 0
        or text[head_start : head_start + len(head)] != head
        or text[body_start:] != body
        or body_start < head_start + len(head)
    ):  # split() guarantees all this; a text from elsewhere is not guessed at
        raise InvalidFile(path, "has a front matter block mentorlog cannot find", None)
    middle = text[head_start + len(head) : body_start]
    if new_head != head and not head.endswith("\n") and new_head.endswith("\n"):
        new_head = new_head[:-1]  # the line break before the closing '+++' is in `middle`
    if new_body and not body.strip():
        # a file that ended right after its front matter: set the new body off by a blank line
        middle = middle.rstrip("\n") + "\n\n"
    return text[:head_start] + new_head + middle + new_body


def join(front_matter_toml: str, body: str) -> str:
    """Assemble a record file from TOML text and a body."""
    head = front_matter_toml if front_matter_toml.endswith("\n") else front_matter_toml + "\n"
    text = f"{DELIMITER}\n{head}{DELIMITER}\n"
    if body.strip():
        text += "\n" + body.lstrip("\n")
        if not text.endswith("\n"):
            text += "\n"
    return text


def array_of_tables(document: Any, key: str) -> Any:
    """The `[[key]]` array of tables of a tomlkit document, created, or converted from an
    inline array, so that new entries are written as tables a person can read and comment."""
    import tomlkit
    from tomlkit.items import AoT

    existing = document.get(key)
    if isinstance(existing, AoT):
        return existing
    tables = tomlkit.aot()
    for entry in existing or []:
        table = tomlkit.table()
        for name, value in dict(entry).items():
            table.add(name, value)
        tables.append(table)
    if key in document:
        del document[key]
    document.append(key, tables)
    return document[key]
