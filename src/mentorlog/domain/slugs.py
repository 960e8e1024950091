"""Readable, safe ids made from names and titles.

An id is a file name, so it must never leave the journal folder, never be a name the operating
system reserves, and never differ from another only by case or Unicode form (two such files would
collide on macOS and Windows, or look identical to a person).
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
# Windows device names: a file called `con.toml` cannot be created there, and a journal syncs there.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form used to compare names: 'Zoë' == 'zoe' == 'ZOE'."""
    # casefold before dropping marks too: some marks turn into letters in another case
    # (U+0345 upper-cases to a capital iota), so the two cases would fold apart
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # transliterate after decomposing, so 'Ǽ' and 'Æ' + accent both reach 'ae'
    return " ".join(stripped.translate(_TRANSLITERATE).casefold().split())


def slugify(text: str, fallback: str = "item") -> str:
    """'Jennifer Phillips' -> 'jennifer-phillips'. Never empty, never reserved, never too long."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rstrip("-")
    if not slug:
        slug = fallback
    if slug in _RESERVED:
        slug = f"{slug}-1"
    return slug


def is_valid_id(candidate: str) -> bool:
    """True for ids mentorlog could have made: lowercase ASCII letters, digits and inner dashes."""
    return bool(_ID.match(candidate)) and candidate not in _RESERVED


def unique(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3, ... whichever is free."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
