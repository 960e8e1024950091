"""`mentorlog agree`: what a mentor and mentee agreed on, kept as the `[agreement]` table of the
mentor's file. An agreed rhythm becomes the mentor's cadence, and the day of the agreement is
when the ground rules were agreed, so `due` and `brief` follow it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.domain.arc import Agreement
from mentorlog.domain.dates import Cadence
from mentorlog.domain.models import Mentor
from mentorlog.errors import UsageError
from mentorlog.journal.storage import Journal
from mentorlog.services import mentors
from mentorlog.services.records import clean_line, clean_text


@dataclass(slots=True)
class AgreementEdit:
    """What `agree` sets; None (or nothing) keeps what the file holds. Dates and cadences come
    resolved; texts are cleaned here."""

    agreed: date
    cadence: Cadence | None = None
    term: Cadence | None = None
    review: date | None = None
    confidentiality: str | None = None
    channels: tuple[str, ...] = ()
    bring: str | None = None


def table_changes(wanted: AgreementEdit) -> dict[str, Any]:
    """The keys of the `[agreement]` table `wanted` sets, checked without the journal."""
    if wanted.review is not None and wanted.review < wanted.agreed:
        raise UsageError(
            f"the review date {wanted.review} comes before the agreement ({wanted.agreed})",
            "give a --review date on or after the day you agreed",
        )
    if wanted.term is not None and wanted.term.count == 0:
        raise UsageError("a term of zero is no term", "give a length such as --term 6m")
    channels = [c for c in (clean_line(x, "a channel", limit=200) for x in wanted.channels) if c]
    found: dict[str, Any] = {
        "agreed": wanted.agreed,
        "cadence": str(wanted.cadence) if wanted.cadence else None,
        "term": str(wanted.term) if wanted.term else None,
        "review": wanted.review,
        "confidentiality": clean_text(wanted.confidentiality, "confidentiality"),
        "channels": list(dict.fromkeys(channels)) or None,
        "bring": clean_text(wanted.bring, "what you will bring"),
    }
    return {key: value for key, value in found.items() if value is not None}


def agree(journal: Journal, text: str, wanted: AgreementEdit, *, whole: bool = False) -> Mentor:
    """Record the agreement in one rewrite of the mentor's file, keeping what an earlier
    agreement said that this one does not change (and any comment in the table); `whole`
    replaces the table (the editor showed all of it)."""
    table = table_changes(wanted)

    def changes(data: dict[str, Any]) -> dict[str, Any]:
        current = data.get("agreement")
        kept = current if isinstance(current, dict) and not whole else {}
        merged = {**kept, **table}
        found: dict[str, Any] = {"agreement": merged, "ground_rules": wanted.agreed}
        if "cadence" in table:
            found["cadence"] = table["cadence"]
        return found

    return mentors.rewrite(journal, text, changes)


_KEYS = ("agreed", "cadence", "term", "review", "confidentiality", "channels", "bring")


def _toml_line(key: str, value: Any) -> str:
    from mentorlog.journal import frontmatter

    return frontmatter.dumps_toml({key: value}).rstrip("\n")


def template(name: str, current: Agreement | None, wanted: AgreementEdit) -> str:
    """The text the editor opens on: what is agreed so far (the options given win), each key
    explained, the ones without a value left as comments to fill in."""
    values: dict[str, Any] = current.to_toml() if current else {}
    values.update(table_changes(wanted))
    explained = {
        "agreed": "the day you agreed (YYYY-MM-DD)",
        "cadence": 'how often you meet: "monthly", "6w"; it becomes the mentor\'s cadence',
        "term": 'how long the relationship runs: "6m", "1y"',
        "review": "when you look at this agreement again (YYYY-MM-DD)",
        "confidentiality": "what stays between you, both ways",
        "channels": 'how you reach each other: ["email", "phone for urgent things"]',
        "bring": "what you will bring to each call",
    }
    lines = [f"# What you and {name} agreed. Lines starting with # are ignored.", ""]
    for key in _KEYS:
        lines.append(f"# {key}: {explained[key]}")
        lines.append(_toml_line(key, values[key]) if key in values else f"# {key} = ")
    return "\n".join(lines) + "\n"


def from_text(text: str, today: date) -> AgreementEdit:
    """What the person saved in the editor, read as an agreement; a fixable UsageError or
    InvalidFile names what is wrong."""
    from mentorlog.domain.dates import as_date, parse_cadence
    from mentorlog.journal import frontmatter

    data = frontmatter.parse_toml(text, "the agreement")
    unknown = [key for key in data if key not in _KEYS]
    if unknown:
        raise UsageError(f"the agreement has no '{unknown[0]}'", f"use only: {', '.join(_KEYS)}")

    def day(key: str) -> date | None:
        if key not in data:
            return None
        value = as_date(data[key])
        if value is None:
            raise UsageError(f"the agreement's {key} is not a date", "write it as YYYY-MM-DD")
        return value

    def text_of(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise UsageError(f"the agreement's {key} is not text", 'put it in quotes: "..."')
        return value

    channels = data.get("channels", [])
    if isinstance(channels, str):
        channels = [channels]
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise UsageError("the agreement's channels are not a list of text", '["email", "phone"]')
    cadence, term = text_of("cadence"), text_of("term")
    return AgreementEdit(
        agreed=day("agreed") or today,
        cadence=parse_cadence(cadence) if cadence else None,
        term=parse_cadence(term) if term else None,
        review=day("review"),
        confidentiality=text_of("confidentiality"),
        channels=tuple(channels),
        bring=text_of("bring"),
    )
