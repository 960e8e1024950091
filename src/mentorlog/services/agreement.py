"""`mentorlog agree`: what a mentor and mentee agreed on, kept as the `[agreement]` table of the
mentor's file. An agreed rhythm becomes the mentor's cadence, and the day of the agreement is
when the ground rules were agreed, so `due` and `brief` follow it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.domain.arc import Agreement
from mentorlog.domain.dates import Cadence
from mentorlog.domain.models import Mentor
from mentorlog.errors import MentorlogError, UsageError
from mentorlog.journal.storage import Journal
from mentorlog.services import mentors
from mentorlog.services.records import clean_line


@dataclass(slots=True)
class AgreementEdit:
    """What `agree` sets; None (or nothing) keeps what the file holds, and a blank text (or a
    blank channel) clears that key. `agreed` None keeps the day already agreed: a small change
    must never move the start of the term. Dates and cadences come resolved; texts are
    cleaned here."""

    agreed: date | None = None
    cadence: Cadence | None = None
    term: Cadence | None = None
    review: date | None = None
    confidentiality: str | None = None
    channels: tuple[str, ...] = ()
    bring: str | None = None

    def says_anything(self) -> bool:
        values = (self.agreed, self.cadence, self.term, self.review, self.confidentiality)
        return any(v is not None for v in values) or bool(self.channels) or self.bring is not None


@dataclass(slots=True)
class Agreed:
    """What `agree` did: the mentor as written, whether the file changed, the keys cleared."""

    mentor: Mentor
    changed: bool
    cleared: tuple[str, ...] = ()

    def said(self) -> str:
        m = self.mentor
        if not self.changed:
            return f"Nothing changed: the agreement with {m.name} ({m.id}) already says this"
        agreed = m.agreement.agreed if m.agreement else None
        line = f"Recorded the agreement with {m.name} ({m.id}) of {agreed}"
        return line + (f"; cleared {', '.join(self.cleared)}" if self.cleared else "")


# The agreement's texts are shown on one line each, in the brief and `mentor show`.
MAX_LINE = 2000
# A term takes what a cadence takes.
TERM_RANGE = "from 1 day to 5 years"


def parse_term(text: str, named: str) -> Cadence:
    """How long the relationship runs; `named` says where it was given (`--term`, or the
    agreement's `term` in the editor), so the error points there."""
    from mentorlog.domain.dates import parse_cadence

    try:
        return parse_cadence(text)
    except UsageError:
        shown = " ".join(text.split())
        raise UsageError(
            f'{named} "{shown}" is not a length {TERM_RANGE}',
            "write a number and a unit: 90d, 6m, 1y",
        ) from None


def table_changes(wanted: AgreementEdit) -> dict[str, Any]:
    """The keys of the `[agreement]` table `wanted` sets (None: clears), checked without the
    journal."""
    _check_review(wanted.agreed, wanted.review)
    found: dict[str, Any] = {}
    if wanted.agreed is not None:
        found["agreed"] = wanted.agreed
    if wanted.cadence is not None:
        found["cadence"] = str(wanted.cadence)
    if wanted.term is not None:
        found["term"] = str(wanted.term)
    if wanted.review is not None:
        found["review"] = wanted.review
    if wanted.confidentiality is not None:
        found["confidentiality"] = clean_line(
            wanted.confidentiality, "confidentiality", limit=MAX_LINE
        )
    if wanted.channels:
        channels = [clean_line(x, "a channel", limit=200) for x in wanted.channels]
        found["channels"] = list(dict.fromkeys(c for c in channels if c)) or None
    if wanted.bring is not None:
        found["bring"] = clean_line(wanted.bring, "what you will bring", limit=MAX_LINE)
    return found


def _check_review(agreed: date | None, review: date | None) -> None:
    if agreed is not None and review is not None and review < agreed:
        raise UsageError(
            f"the review date {review} comes before the agreement ({agreed})",
            "give a --review date on or after the day you agreed",
        )


def agree(
    journal: Journal, text: str, wanted: AgreementEdit, today: date, *, whole: bool = False
) -> Agreed:
    """Record the agreement in one rewrite of the mentor's file, keeping what an earlier
    agreement said that this one does not change (and any comment in the table); `whole`
    replaces the table (the editor showed all of it). The day agreed is today only on a first
    agreement; it changes only when `wanted` gives one, and ground_rules follows it."""
    table = table_changes(wanted)
    outcome: dict[str, Any] = {}

    def changes(data: dict[str, Any]) -> dict[str, Any]:
        current = data.get("agreement")
        current = current if isinstance(current, dict) else {}
        merged = {**({} if whole else current), **table}
        merged = {key: value for key, value in merged.items() if value is not None}
        if "agreed" not in merged:
            merged["agreed"] = current.get("agreed") or today
        if "review" in table or "agreed" in table:
            _check_review(merged["agreed"], merged.get("review"))
        found: dict[str, Any] = {"agreement": merged}
        if merged["agreed"] != current.get("agreed") or data.get("ground_rules") is None:
            found["ground_rules"] = merged["agreed"]
        if "cadence" in table:
            found["cadence"] = table["cadence"]
        outcome["changed"] = merged != current or any(
            data.get(key) != value for key, value in found.items() if key != "agreement"
        )
        outcome["cleared"] = tuple(key for key in _KEYS if key in current and key not in merged)
        return found if outcome["changed"] else {}

    mentor = mentors.rewrite(journal, text, changes)
    return Agreed(mentor, outcome["changed"], outcome["cleared"])


def editor_origin(mentor_id: str) -> dict[str, Any]:
    """What a recovery file of an agreement needs to become that agreement later."""
    return {"for": "agreement", "mentor": mentor_id}


def agree_in_editor(
    journal: Journal,
    mentor: Mentor,
    wanted: AgreementEdit,
    today: date,
    run_editor: Callable[[bytes], bytes],
    ask_again: Callable[[MentorlogError], bool] | None,
) -> Agreed | None:
    """Open the editor on the agreement (the options given filled in) and record what is
    saved; None when it was saved unchanged. Text that cannot be saved is kept for
    `mentorlog recover`."""
    from mentorlog.services.editing import Purpose, edit_until_saved

    start = template(mentor.name, mentor.agreement, wanted, today).encode("utf-8")
    return edit_until_saved(
        journal,
        start,
        Purpose(f"agreement-{mentor.id}", editor_origin(mentor.id), ".toml"),
        run_editor,
        lambda text: save_text(journal, mentor.id, text, today),
        lambda: None,
        ask_again,
    )


def save_text(journal: Journal, mentor_id: str, text: str, today: date) -> Agreed:
    """Record an agreement written in the editor as the whole table."""
    return agree(journal, mentor_id, from_text(text), today, whole=True)


_KEYS = ("agreed", "cadence", "term", "review", "confidentiality", "channels", "bring")


def _toml_line(key: str, value: Any) -> str:
    from mentorlog.journal import frontmatter

    return frontmatter.dumps_toml({key: value}).rstrip("\n")


def template(name: str, current: Agreement | None, wanted: AgreementEdit, today: date) -> str:
    """The text the editor opens on: what is agreed so far (the options given win; a first
    agreement is of today), each key explained, the ones without a value left as comments to
    fill in."""
    values: dict[str, Any] = current.to_toml() if current else {}
    values.update(table_changes(wanted))
    values = {key: value for key, value in values.items() if value is not None}
    values.setdefault("agreed", today)
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


def from_text(text: str) -> AgreementEdit:
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
        agreed=day("agreed"),
        cadence=parse_cadence(cadence) if cadence else None,
        term=parse_term(term, "the agreement's term") if term else None,
        review=day("review"),
        confidentiality=text_of("confidentiality"),
        channels=tuple(channels),
        bring=text_of("bring"),
    )
