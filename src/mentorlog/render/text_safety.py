"""What a person or a file wrote, made safe to show: the one rule for every view.

Record text, file names and anything typed reach a terminal, a log or a Markdown document as
data, never as instructions to it. Characters that would drive the terminal (C0 and C1
controls, DEL), reorder or hide text (bidi overrides, zero-width and other invisible format
characters, line and paragraph separators) or cannot be encoded (lone surrogates from a file
name that is not UTF-8) are shown as escapes such as ``\\x1b`` or ``\\u202e``. Plain Python, no
rich: the fast path of `mentorlog due` and the messages on stderr use it too.
"""

from __future__ import annotations

import re

from mentorlog.domain.unsafe_text import ALWAYS as _ALWAYS
from mentorlog.domain.unsafe_text import FORMAT as _FORMAT
from mentorlog.domain.unsafe_text import IN_LINE as _IN_LINE

# The classes of characters to escape, compiled on first use: nearly all text is printable and
# never needs them, and compiling all three cost every command about 1.5 ms at start-up.
_UNSAFE = {
    "body": f"[{_ALWAYS}]",
    "line": f"[{_IN_LINE}]",
    # JSON escapes C0 itself; these are the rest, for a JSON document that may meet a terminal.
    "json": f"[\x7f-\x9f\u2028\u2029\ud800-\udfff{_FORMAT}]",
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _unsafe(where: str) -> re.Pattern[str]:
    pattern = _COMPILED.get(where)
    if pattern is None:
        pattern = _COMPILED[where] = re.compile(_UNSAFE[where])
    return pattern


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def line(text: str) -> str:
    """A one-line field (a name, a topic, a file name) as it may be shown: every control and
    invisible format character escaped, newlines and tabs included, so it stays one line."""
    if text.isprintable():
        return text
    return _unsafe("line").sub(_escape, text)


def body(text: str) -> str:
    """A multi-line body (session notes) as it may be shown: newlines and tabs kept, a Windows
    line end read as a newline, every other control or format character escaped."""
    if text.isprintable():
        return text
    return _unsafe("body").sub(_escape, text.replace("\r\n", "\n"))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(document: str) -> str:
    """A JSON document with every character that could drive or disguise a terminal written as
    a `\\u` escape. The values a program reads back are exactly the same."""
    if document.isascii() and "\x7f" not in document:  # DEL is the one ASCII to escape
        return document
    return _unsafe("json").sub(_json_escape, document)


# Markdown that starts a block when it opens a line: headings, quotes, lists, rules, tables,
# fences, HTML and setext underlines.
_BLOCK_START = re.compile(r"^([ \t]*)(\d*)([#>*+=|~`<.)-])")
_INLINE = re.compile(r"([\\`*_\[\]<>|])")


def markdown_line(text: str) -> str:
    """A one-line field placed in a Markdown document: one line, and shown as written rather
    than read as emphasis, links, HTML or the start of a heading or list."""
    escaped = _INLINE.sub(r"\\\1", line(text))
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), escaped)
