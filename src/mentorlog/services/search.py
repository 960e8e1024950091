"""Full-text search over every record: mentors, goals, sessions and reflections.

Search reads the files itself instead of the index, because the index keeps no bodies. To stay
fast on a journal of thousands of notes it works in two passes: a cheap byte-level check on the
raw file (could every word be there at all, ignoring case and accents?) rejects most files
without decoding or parsing them, accented or not; only the files that pass are decoded, split
and parsed with `tomllib`, and the query is then matched against the values people wrote (never
against key names). Only the hits shown are kept. pydantic is never imported here.

Matching is case- and accent-insensitive: text and query are both folded (NFKD, combining
marks dropped, casefolded, runs of whitespace made one space), so "zoe" finds "Zoë" and
"ZOË" finds "zoe".
"""

from __future__ import annotations

import codecs
import heapq
import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.domain.dates import as_date
from mentorlog.domain.models import Mentor
from mentorlog.errors import MentorlogError, UsageError
from mentorlog.journal.files import read_regular
from mentorlog.journal.frontmatter import MAX_FILE_BYTES, MAX_TOML_CHARS
from mentorlog.journal.layout import LAYOUT
from mentorlog.journal.storage import Journal

TYPES = ("session", "reflection", "goal", "mentor")
SNIPPET_WIDTH = 160
# The front matter key that titles each type of record in a hit.
_TITLE_KEYS = {"mentor": "name", "goal": "title", "session": "topic", "reflection": "session"}
_SKIP_KEYS = frozenset({"confidential", "independently", "schema_version"})
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d"}
    | {"Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i"}
    | {"ẞ": "ss"}
)
_COMBINING: dict[int, None] = {}
_NOT_COMBINING: set[str] = set()


# --- folding ----------------------------------------------------------------------------------


def _strip_marks(text: str) -> str:
    """Drop combining marks. Only the distinct characters of the text are examined, so this
    stays a few C-level passes even on long notes."""
    for char in set(text) - _NOT_COMBINING:
        if char.isascii():
            _NOT_COMBINING.add(char)
        elif unicodedata.combining(char):
            _COMBINING[ord(char)] = None
        else:
            _NOT_COMBINING.add(char)
    return text.translate(_COMBINING) if _COMBINING else text


def fold(text: str) -> str:
    """The form both query and text are compared in: 'Zoë  Núñez' -> 'zoe nunez'.

    Folding works character by character (NFKD reorders marks only between two ASCII
    characters), so the ASCII stretches of a note are only lowered and each run of other
    characters is folded once and remembered: a long note with a few accents costs about what
    an ASCII one does."""
    if text.isascii():
        return " ".join(text.lower().split())
    pieces = _NON_ASCII_RUN.split(text)
    for index in range(1, len(pieces), 2):
        pieces[index] = _fold_run(pieces[index])
    for index in range(0, len(pieces), 2):
        pieces[index] = pieces[index].lower()
    return " ".join("".join(pieces).split())


_NON_ASCII_RUN = re.compile(r"([^\x00-\x7f]+)")
_FOLDED_RUNS: dict[str, str] = {}


def _fold_run(run: str) -> str:
    folded = _FOLDED_RUNS.get(run)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", run.translate(_TRANSLITERATE))
        folded = _strip_marks(decomposed).casefold()
        if len(_FOLDED_RUNS) > 50_000:  # words of a journal repeat; its size must not grow
            _FOLDED_RUNS.clear()
        _FOLDED_RUNS[run] = folded
    return folded


def _fold_with_origins(text: str) -> tuple[str, list[int]]:
    """fold(text), and for each folded character the index of the character it came from, so
    a match in folded text can be highlighted in the original. Slow; used only for shown hits."""
    out: list[str] = []
    origins: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isascii():
            piece = char.lower()
        else:
            decomposed = unicodedata.normalize("NFKD", char.translate(_TRANSLITERATE))
            piece = _strip_marks(decomposed).casefold()
        for folded_char in piece:
            if folded_char.isspace():
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                origins.append(index)
                pending_space = False
            out.append(folded_char)
            origins.append(index)
    return "".join(out), origins


# --- the query --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    """What was asked for: folded terms (a quoted phrase is one term), all required."""

    terms: tuple[str, ...]
    shown: tuple[str, ...]

    @property
    def probes(self) -> tuple[bytes, ...]:
        """ASCII words every matching file must contain (case-insensitively) as raw bytes."""
        words = {word for term in self.terms for word in term.split(" ")}
        return tuple(sorted(w.encode("ascii") for w in words if w.isascii()))

    @property
    def ascii_only(self) -> bool:
        return all(term.isascii() for term in self.terms)


def parse_query(words: list[str] | tuple[str, ...]) -> Query:
    """Words and "quoted phrases", from one argument or several: `budget "council meeting"`."""
    terms: list[str] = []
    shown: list[str] = []
    for argument in words:
        for piece, quoted in _split_quoted(argument):
            folded = fold(piece)
            if not folded:
                continue
            candidates = [folded] if quoted else folded.split(" ")
            for term in candidates:
                if term not in terms:
                    terms.append(term)
                    shown.append(piece.strip() if quoted else term)
    if not terms:
        raise UsageError(
            "the search is empty", 'give one or more words, e.g. mentorlog search budget "council"'
        )
    return Query(tuple(terms), tuple(shown))


def _split_quoted(text: str) -> Iterator[tuple[str, bool]]:
    """Split on double quotes: odd pieces are phrases. An unclosed quote runs to the end."""
    normalised = text.replace("“", '"').replace("”", '"')
    for number, piece in enumerate(normalised.split('"')):
        if piece.strip():
            yield piece, number % 2 == 1


# --- filters and hits -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    mentor: str | None = None  # a mentor id, already resolved
    kind: str | None = None
    types: tuple[str, ...] = TYPES
    since: date | None = None
    until: date | None = None


@dataclass(slots=True)
class Hit:
    type: str
    id: str
    path: str
    date: date | None
    mentor: str | None
    title: str | None
    matches: int
    snippet: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)
    # The field the snippet came from, with its folded form; dropped once the snippet is made.
    _source: str = ""


@dataclass(slots=True)
class Results:
    hits: list[Hit]
    total: int
    unreadable: list[str]


def check_type(value: str | None) -> tuple[str, ...]:
    if value is None:
        return TYPES
    wanted = value.strip().lower().rstrip("s")
    if wanted not in TYPES:
        raise UsageError(f"'{value}' is not a record type", f"use one of: {', '.join(TYPES)}")
    return (wanted,)


def mentor_names(journal: Journal) -> dict[str, Mentor]:
    """Every mentor's id and name, read straight from the TOML files (no validation): enough to
    resolve a --mentor option and to show names next to hits."""
    found: dict[str, Mentor] = {}
    for path in _files(journal.root, "mentor"):
        data = _parse_toml(path)
        name = data.get("name") if data else None
        record_id = path.name[: -len(".toml")]
        found[record_id] = Mentor(id=record_id, name=name if isinstance(name, str) else record_id)
    return found


def search(
    journal: Journal,
    query: Query,
    filters: Filters,
    limit: int | None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Results:
    """Every record matching all terms, newest first; snippets only for the first `limit`.
    `on_progress(files read, 0)` follows the work (the total is not known in advance)."""
    journal.require()
    # Only the hits that will be shown are kept (the newest `limit`), each holding one field
    # for its snippet: memory stays flat on a word found in every note.
    kept: list[tuple[tuple[date, str, str, int], Hit]] = []
    total = 0
    unreadable: list[str] = []
    prefilter = _Prefilter(query)
    read = 0
    for kind in TYPES:
        if kind not in filters.types:
            continue
        if filters.kind is not None and kind != "session":
            continue
        for path in _files(journal.root, kind):
            if on_progress is not None:
                read += 1
                on_progress(read, 0)
            hit = _match_file(journal, kind, path, query, prefilter, filters, unreadable)
            if hit is None:
                continue
            total += 1
            # Newest first; among equals, the one found first (-total) comes first.
            entry = ((hit.date or date.min, hit.type, hit.id, -total), hit)
            if limit is None or len(kept) < limit:
                heapq.heappush(kept, entry)
            elif limit and entry[0] > kept[0][0]:
                heapq.heapreplace(kept, entry)
    shown = [hit for _, hit in sorted(kept, key=lambda entry: entry[0], reverse=True)]
    for hit in shown:
        _make_snippet(hit, query)
    return Results(shown, total, unreadable)


class _Prefilter:
    """The cheap pass over a file's raw bytes: False when the file cannot hold every word of
    the query, whatever its accents; True when it may (the parsed text then decides)."""

    def __init__(self, query: Query) -> None:
        self.probes = query.probes
        self.ascii_only = query.ascii_only
        self.decoded = 0  # files that passed, parsed and folded: the work to count

    def may_match(self, raw: bytes) -> bool:
        if raw.isascii():
            # Folding an ASCII file only lowers it: each word must be there as it is, and a
            # term with other letters cannot be.
            lowered = raw.lower()
            return self.ascii_only and all(probe in lowered for probe in self.probes)
        skeleton = _ascii_skeleton(raw)
        return skeleton is None or all(probe in skeleton for probe in self.probes)


def _ascii_skeleton(raw: bytes) -> bytes | None:
    """The ASCII letters fold() would make of a file, lowered, with every other character
    dropped: an ASCII word the folded text holds is in here too ("cafe" for "café", "lukasz"
    for "Łukasz"). The ASCII stretches are copied in C; each run of other characters goes
    through the cached fold of its run. None for bytes that are not UTF-8 (the full read
    reports them)."""
    try:
        return raw.decode("utf-8").encode("ascii", _SKELETON_ERRORS).lower()
    except UnicodeDecodeError:
        return None


def _skeleton_of_run(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    folded = _fold_run(run)
    return (folded if folded.isascii() else folded.encode("ascii", "ignore").decode()), error.end


_SKELETON_ERRORS = "mentorlog-search-skeleton"
codecs.register_error(_SKELETON_ERRORS, _skeleton_of_run)


def _files(root: Path, kind: str) -> Iterator[Path]:
    folder, extension, by_year = LAYOUT[kind]
    base = root / folder
    directories = [base]
    if by_year:
        directories = [
            Path(entry.path)
            for entry in _scan(base)
            if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)
        ]
    for directory in sorted(directories):
        for entry in _scan(directory):
            if (
                entry.name.endswith(extension)
                and not entry.name.startswith(".")
                and entry.is_file(follow_symlinks=False)
            ):
                yield Path(entry.path)


def _scan(directory: Path) -> list[os.DirEntry[str]]:
    try:
        return list(os.scandir(directory))
    except OSError:
        return []


def _read(path: Path) -> bytes | None:
    """The bytes of a record file, or None for one that is not a regular file or too big."""
    try:
        return read_regular(path, path.name, MAX_FILE_BYTES)
    except MentorlogError:
        return None


def _parse_toml(path: Path) -> dict[str, Any] | None:
    raw = _read(path)
    if raw is None or len(raw) > MAX_TOML_CHARS:
        return None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def _match_file(
    journal: Journal,
    kind: str,
    path: Path,
    query: Query,
    prefilter: _Prefilter,
    filters: Filters,
    unreadable: list[str],
) -> Hit | None:
    raw = _read(path)
    if raw is None:
        unreadable.append(journal.rel(path))
        return None
    if not prefilter.may_match(raw):
        return None
    prefilter.decoded += 1
    parsed = _parse_record(kind, path, raw)
    if parsed is None:
        unreadable.append(journal.rel(path))
        return None
    data, body = parsed
    record_id = path.name[: -len(LAYOUT[kind].extension)]
    when = _record_date(kind, data)
    mentor = _record_mentor(kind, record_id, data)
    if not _passes(kind, data, when, mentor, filters):
        return None
    fields = _fields(data, kind, body)
    folded = [fold(text) for text in fields]
    count = 0
    for term in query.terms:
        found = sum(text.count(term) for text in folded)
        if not found:
            return None
        count += found
    # The snippet comes from the field holding the most of the terms (the earliest on a tie).
    best = max(range(len(fields)), key=lambda i: (sum(t in folded[i] for t in query.terms), -i))
    source = fields[best]
    title = data.get(_TITLE_KEYS[kind])
    return Hit(
        type=kind,
        id=record_id,
        path=journal.rel(path),
        date=when,
        mentor=mentor,
        title=title if isinstance(title, str) else None,
        matches=count,
        _source=source,
    )


def _parse_record(kind: str, path: Path, raw: bytes) -> tuple[dict[str, Any], str] | None:
    """Front matter and body, or None for a file that does not parse (doctor reports those)."""
    from mentorlog.errors import InvalidFile
    from mentorlog.journal import frontmatter

    try:
        text = frontmatter.normalise_text(raw, str(path))
        if LAYOUT[kind].extension == ".md":
            data, body = frontmatter.parse(text, str(path))
            return data, body.strip("\n")
        return frontmatter.parse_toml(text, str(path)), ""
    except InvalidFile:
        return None
    return None


def _record_date(kind: str, data: dict[str, Any]) -> date | None:
    keys = {"mentor": ("since", "added"), "goal": ("created",)}.get(kind, ("date",))
    for key in keys:
        value = as_date(data.get(key))
        if value is not None:
            return value
    return None


def _record_mentor(kind: str, record_id: str, data: dict[str, Any]) -> str | None:
    if kind == "mentor":
        return record_id
    value = data.get("mentor")
    return value if isinstance(value, str) else None


def _passes(
    kind: str,
    data: dict[str, Any],
    when: date | None,
    mentor: str | None,
    filters: Filters,
) -> bool:
    if filters.kind is not None and data.get("kind", "check-in") != filters.kind:
        return False
    if filters.mentor is not None:
        linked = data.get("mentors") if kind == "goal" else [mentor]
        if not isinstance(linked, list) or filters.mentor not in linked:
            return False
    if filters.since is not None and (when is None or when < filters.since):
        return False
    return not (filters.until is not None and (when is None or when > filters.until))


def _fields(data: dict[str, Any], kind: str, body: str) -> list[str]:
    """The text people wrote: title, body, then the other values of the front matter. Key
    names are not searched."""
    found: list[str] = []
    title_key = _TITLE_KEYS[kind]
    if isinstance(data.get(title_key), str):
        found.append(data[title_key])
    if body:
        found.append(body)
    for key, value in data.items():
        if key == title_key or key in _SKIP_KEYS:
            continue
        _collect(value, found)
    return found


def _collect(value: Any, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, date):
        found.append(value.isoformat())
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, found)


def _make_snippet(hit: Hit, query: Query) -> None:
    """A one-line extract around the first match, with every term in it marked."""
    folded, origins = _fold_with_origins(hit._source)
    positions: list[tuple[int, int]] = []
    for term in query.terms:
        start = folded.find(term)
        while start >= 0:
            positions.append((origins[start], origins[start + len(term) - 1] + 1))
            start = folded.find(term, start + len(term))
    positions.sort()
    source = hit._source
    first = positions[0][0] if positions else 0
    begin = max(0, first - SNIPPET_WIDTH // 3)
    end = min(len(source), begin + SNIPPET_WIDTH)
    begin = max(0, min(begin, end - SNIPPET_WIDTH))
    # Start and end on word boundaries so no word is shown cut in half.
    if begin > 0:
        space = source.find(" ", begin, first) if first > begin else -1
        begin = space + 1 if space >= 0 else begin
    if end < len(source):
        space = source.rfind(" ", max(first, begin), end)
        end = space if space > first else end
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(source) else ""
    window = source[begin:end]
    # One line: each run of whitespace becomes one space, keeping highlight offsets right.
    text_parts: list[str] = [prefix]
    offset_map: list[int] = []
    length = len(prefix)
    previous_space = False
    for char in window:
        offset_map.append(length)
        if char.isspace():
            if previous_space:
                continue
            text_parts.append(" ")
            previous_space = True
        else:
            text_parts.append(char)
            previous_space = False
        length += 1
    offset_map.append(length)
    snippet = "".join(text_parts) + suffix
    marks: list[tuple[int, int]] = []
    for start, stop in positions:
        if start >= begin and stop <= end:
            marks.append((offset_map[start - begin], offset_map[stop - begin]))
    hit.snippet = snippet
    hit.highlights = _merge(marks)
    hit._source = ""


def _merge(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged
