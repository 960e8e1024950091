"""Which characters are never plain text: the one list that both the views (which show them as
escapes) and the checks on what a person types (which refuse them) go by.

C0 and C1 controls and DEL drive a terminal; bidi overrides, zero-width and other invisible
format characters reorder or hide text; line and paragraph separators break a line where none
shows; lone surrogates come from a file name that is not UTF-8. Zero-width joiner and
non-joiner are left alone: emoji sequences and Persian or Indic names need them, and they
cannot reorder text.
"""

from __future__ import annotations

import re

# Unicode's format characters (category Cf) but the joiners, listed rather than found at import
# so the fast path stays fast; tests/reliability/test_text_is_data.py checks the list against
# unicodedata.
FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
# Unsafe anywhere, even in a body that keeps its newlines and tabs.
ALWAYS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + FORMAT
# Unsafe in a one-line field: the above, and the line breaks and tabs a body may hold.
IN_LINE = ALWAYS + "\t\n"

# Compiled on first use: nearly all text is printable and never needs them.
_COMPILED: dict[str, re.Pattern[str]] = {}


def first_in_line(text: str) -> str | None:
    """The first character of `text` that a one-line field may not hold, or None."""
    return _first(text, IN_LINE)


def first_in_body(text: str) -> str | None:
    """The first character of `text` that a body (newlines and tabs kept) may not hold."""
    return _first(text, ALWAYS)


def _first(text: str, characters: str) -> str | None:
    if text.isprintable():
        return None
    pattern = _COMPILED.get(characters)
    if pattern is None:
        pattern = _COMPILED[characters] = re.compile(f"[{characters}]")
    found = pattern.search(text)
    return found.group() if found else None
