"""Mentors from an address book: vCard files (2.1, 3.0, 4.0) and CSV exports.

Reading turns each card or row into a candidate, or into a bad entry that says where it is
(card number, CSV line) and what is wrong; one bad entry never stops the rest. Planning then
sets aside people the journal already has (same email, or same name ignoring case and accents),
including people listed twice in the same file. Only then is anything written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentorlog.domain.models import Mentor
from mentorlog.domain.slugs import fold
from mentorlog.errors import MentorlogError, UsageError

# CSV column names (folded, "_" and "-" read as spaces) and the field each fills.
COLUMNS: dict[str, str] = {
    **dict.fromkeys(("name", "full name", "fullname", "display name"), "name"),
    **dict.fromkeys(("first name", "given name", "firstname"), "first"),
    **dict.fromkeys(("last name", "family name", "surname", "lastname"), "last"),
    **dict.fromkeys(("email", "e mail", "email address", "e mail address", "mail"), "email"),
    **dict.fromkeys(("org", "organisation", "organization", "company", "employer"), "org"),
    **dict.fromkeys(("role", "title", "job title", "position"), "role"),
    "stage": "stage",
    "cadence": "cadence",
    "since": "since",
    "tags": "tags",
    **dict.fromkeys(("background", "notes", "note", "bio"), "background"),
}
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.I)
_END = re.compile(r"^END:VCARD\s*$", re.I)


@dataclass(slots=True)
class Candidate:
    """A person to add, as read from one card or row."""

    position: str  # "card 3", "line 7"
    name: str
    email: str | None = None
    org: str | None = None
    role: str | None = None
    stage: str | None = None
    cadence: str | None = None
    since: date | None = None
    tags: tuple[str, ...] = ()
    background: str | None = None


@dataclass(slots=True)
class BadEntry:
    position: str
    reason: str


@dataclass(slots=True)
class Skipped:
    candidate: Candidate
    reason: str
    existing: str | None = None  # the id of the mentor already in the journal


@dataclass(slots=True)
class Plan:
    create: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    bad: list[BadEntry] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    total: int = 0


# --- text -------------------------------------------------------------------------------------


# An address book with a photo per person can be large; anything bigger is not one.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def decode(raw: bytes, label: str) -> str:
    """UTF-8 (with or without a byte-order mark); older address books write Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UsageError(f"{label} is not UTF-8 text", "save it as UTF-8 and try again") from None


def _one_line(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


# --- vCard ------------------------------------------------------------------------------------


def _cards(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(card number, first line, card text or None when it never ends)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    number = 0
    start: int | None = None
    for index, line in enumerate(lines):
        if _BEGIN.match(line):
            if start is not None:
                yield number, start + 1, None
            number += 1
            start = index
        elif _END.match(line) and start is not None:
            yield number, start + 1, "\n".join(lines[start : index + 1]) + "\n"
            start = None
    if start is not None:
        yield number, start + 1, None


def _join_soft_breaks(card: str) -> str:
    """vCard 2.1 quoted-printable values continue on the next line after a trailing '='.
    The pieces of a value are joined once, at its end: joining them one by one copied the
    growing line each time."""
    out: list[str] = []
    pieces: list[str] = []
    quoted = False
    for line in card.split("\n"):
        if not pieces:
            quoted = "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()
        pieces.append(line)
        if quoted and line.endswith("="):
            continue
        out.append(_soft_joined(pieces))
        pieces = []
    if pieces:
        out.append(_soft_joined(pieces))
    return "\n".join(out)


def _soft_joined(pieces: list[str]) -> str:
    """One line of the pieces of a value, without the '=' that continued each but the last."""
    return "".join(piece[:-1] for piece in pieces[:-1]) + pieces[-1]


def read_vcards(text: str) -> list[Candidate | BadEntry]:
    import vobject  # type: ignore[import-untyped]

    entries: list[Candidate | BadEntry] = []
    for number, line, card in _cards(text):
        position = f"card {number} (line {line})"
        if card is None:
            entries.append(BadEntry(position, "no END:VCARD line"))
            continue
        try:
            parsed = vobject.readOne(_join_soft_breaks(card), ignoreUnreadable=False)
            entries.append(_from_vcard(parsed, position))
        except MentorlogError as exc:
            entries.append(BadEntry(position, exc.message))
        except Exception:  # vobject raises many kinds of errors for a malformed card
            entries.append(BadEntry(position, "not a valid vCard"))
    if not entries:
        raise UsageError("the file has no vCards in it", "a card starts with BEGIN:VCARD")
    return entries


def _first(card: Any, name: str) -> Any:
    values = card.contents.get(name)
    return values[0].value if values else None


def _from_vcard(card: Any, position: str) -> Candidate:
    name = _one_line(_first(card, "fn"))
    if not name:
        structured = _first(card, "n")
        if structured is not None:
            parts = [structured.prefix, structured.given, structured.additional]
            parts += [structured.family, structured.suffix]
            name = _one_line(" ".join(_flatten(p) for p in parts if p))
    if not name:
        raise UsageError("no name (FN or N)", "add one")
    org = _first(card, "org")
    role = _first(card, "title") or _first(card, "role")
    return _checked(
        Candidate(
            position=position,
            name=name,
            email=_one_line(_first(card, "email")),
            org=_one_line(", ".join(p for p in org if p) if isinstance(org, list) else org),
            role=_one_line(role),
            background=_text(_first(card, "note")),
        )
    )


def _flatten(value: Any) -> str:
    return " ".join(str(v) for v in value if v) if isinstance(value, list) else str(value)


# --- CSV --------------------------------------------------------------------------------------


def _column_key(header: str) -> str:
    return fold(header.replace("_", " ").replace("-", " "))


def read_csv(text: str, today: date) -> tuple[list[Candidate | BadEntry], list[str]]:
    """Candidates and bad rows, and the columns that were not understood."""
    # Spreadsheets in many countries separate with ';'. The header line decides; quoting
    # follows the usual spreadsheet rules ("" for a quote inside a quoted cell).
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError("the CSV file is empty", "its first line names the columns") from None
    fields = [COLUMNS.get(_column_key(h)) for h in header]
    ignored = [h for h, f in zip(header, fields, strict=True) if f is None and h.strip()]
    if "name" not in fields and not ("first" in fields or "last" in fields):
        raise UsageError(
            "the CSV file has no name column",
            "its first line must name the columns, one of them 'name' or 'full name'",
        )
    entries: list[Candidate | BadEntry] = []
    line = reader.line_num + 1
    for row in reader:
        position = f"line {line}"
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            entries.append(BadEntry(position, f"{len(row)} cells for {len(header)} columns"))
            continue
        values: dict[str, str] = {}
        for key, cell in zip(fields, row, strict=False):
            if key is not None and cell.strip() and key not in values:
                values[key] = cell
        try:
            entries.append(_from_row(values, position, today))
        except MentorlogError as exc:
            entries.append(BadEntry(position, exc.message))
    return entries, ignored


def _from_row(values: dict[str, str], position: str, today: date) -> Candidate:
    from mentorlog.domain.dates import parse_date

    name = _one_line(values.get("name"))
    if not name:
        name = _one_line(" ".join(values.get(k, "") for k in ("first", "last")))
    if not name:
        raise UsageError("no name", "fill in the name column")
    since = values.get("since")
    tags = re.split(r"[;,]", values.get("tags", ""))
    return _checked(
        Candidate(
            position=position,
            name=name,
            email=_one_line(values.get("email")),
            org=_one_line(values.get("org")),
            role=_one_line(values.get("role")),
            stage=_one_line(values.get("stage")),
            cadence=_one_line(values.get("cadence")),
            since=parse_date(since, today) if since and since.strip() else None,
            tags=tuple(t.strip() for t in tags if t.strip()),
            background=_text(values.get("background")),
        )
    )


# --- checking, planning and adding ------------------------------------------------------------


def _checked(candidate: Candidate) -> Candidate:
    """Refuse what `mentor add` would refuse, now, so a dry run reports it too."""
    from mentorlog.domain.dates import parse_cadence
    from mentorlog.services.mentors import check_stage, clean_tags
    from mentorlog.services.records import clean_line, clean_text

    clean_line(candidate.name, "the name", required=True, limit=200)
    for value, what, limit in (
        (candidate.email, "the email", 320),
        (candidate.org, "the organisation", 500),
        (candidate.role, "the role", 500),
    ):
        if value:
            clean_line(value, what, limit=limit)
    candidate.stage = check_stage(candidate.stage)
    if candidate.cadence:
        candidate.cadence = str(parse_cadence(candidate.cadence))
    candidate.tags = tuple(clean_tags(list(candidate.tags)))
    candidate.background = clean_text(candidate.background, "the background")
    return candidate


def plan(entries: list[Candidate | BadEntry], existing: dict[str, Mentor]) -> Plan:
    """Sort entries into people to add, people to skip (already known), and bad entries."""
    result = Plan(total=len(entries))
    known_names = {fold(m.name): m.id for m in existing.values()}
    known_emails = {m.email.strip().lower(): m.id for m in existing.values() if m.email}
    seen_names: dict[str, str] = {}
    seen_emails: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, BadEntry):
            result.bad.append(entry)
            continue
        key = fold(entry.name)
        email = entry.email.strip().lower() if entry.email else ""
        known = known_names.get(key) or known_emails.get(email)
        if known is not None:
            result.skipped.append(Skipped(entry, "is already in the journal", known))
            continue
        earlier = seen_names.get(key) or seen_emails.get(email)
        if earlier is not None:
            result.skipped.append(Skipped(entry, f"is listed twice (first at {earlier})"))
            continue
        result.create.append(entry)
        seen_names[key] = entry.position
        if email:
            seen_emails[email] = entry.position
    return result


def plan_import(journal: Any, entries: list[Candidate | BadEntry]) -> Plan:
    """`plan` against the mentors already in `journal`; none when it does not exist yet (an
    import is what creates it)."""
    from mentorlog.services.mentors import require_all_mentors_read

    existing = journal.load(kinds=("mentor",)).mentors if journal.is_journal() else {}
    require_all_mentors_read(existing)
    return plan(entries, existing)


def require_all_read(source: str, chosen: Plan) -> None:
    """An import that could not read every entry fails, once the rest is done: the people it
    could read are added, and importing the file again after a fix skips them."""
    if chosen.bad:
        from mentorlog.errors import InvalidFile

        raise InvalidFile(
            source,
            f"{len(chosen.bad)} of {chosen.total} entries could not be imported",
            hint=f"fix {'it' if len(chosen.bad) == 1 else 'them'} and import the file again; "
            "people already added are skipped",
        )


def add_all(
    journal: Any,
    today: date,
    chosen: Plan,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Mentor]:
    """Add every planned mentor, under one lock and one read of the journal. Someone added
    meanwhile is moved to the skipped list."""
    from mentorlog.domain.dates import parse_cadence
    from mentorlog.errors import Conflict
    from mentorlog.services import mentors

    news = [
        mentors.NewMentor(
            name=candidate.name,
            cadence=parse_cadence(candidate.cadence) if candidate.cadence else None,
            role=candidate.role,
            org=candidate.org,
            email=candidate.email,
            stage=candidate.stage,
            since=candidate.since,
            tags=candidate.tags,
            background=candidate.background,
        )
        for candidate in chosen.create
    ]
    added: list[Mentor] = []
    kept: list[Candidate] = []
    outcome = mentors.add_many(journal, today, news, on_progress)
    for candidate, result in zip(chosen.create, outcome, strict=True):
        if isinstance(result, Conflict):
            chosen.skipped.append(Skipped(candidate, "is already in the journal"))
        else:
            kept.append(candidate)
            added.append(result)
    chosen.create = kept
    return added
