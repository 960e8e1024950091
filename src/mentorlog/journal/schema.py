"""Validation of what people write in their files. Raw TOML data in, records out.

pydantic is imported here and only here, and this module is imported only when a file must be
parsed (a new or changed file; a warm index needs none). Error messages name the field and, where
it can be found, the line, because the reader is a person with the file open in an editor.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from mentorlog.domain import body as body_text
from mentorlog.domain.arc import Agreement, Closure
from mentorlog.domain.dates import (
    EARLIEST_RECORD_DATE,
    LATEST_RECORD_DATE,
    Cadence,
    as_date,
    parse_cadence,
)
from mentorlog.domain.growth import Feedback
from mentorlog.domain.models import (
    ActionItem,
    Goal,
    LessonItem,
    Meeting,
    Mentor,
    Progress,
    Question,
    Reflection,
    Session,
    Settings,
    SharedDocument,
)
from mentorlog.errors import InvalidFile, UsageError

# A message about a file names the file, the line and the field, never the value: it is shown
# on every command and may end up in a bug report, and the value may be a confidential note.


def _as_date(value: Any) -> Any:
    # TOML gives dates; a quoted ISO string is fine too. Numbers are never dates.
    parsed = as_date(value)
    if parsed is not None:
        if not EARLIEST_RECORD_DATE <= parsed <= LATEST_RECORD_DATE:
            raise ValueError(
                f"{parsed.isoformat()} is outside the dates mentorlog keeps "
                f"({EARLIEST_RECORD_DATE.isoformat()} to {LATEST_RECORD_DATE.isoformat()})"
            )
        return parsed
    if isinstance(value, str):
        raise ValueError("is not a date (write it as YYYY-MM-DD)")
    raise ValueError("must be a date written as YYYY-MM-DD")


def _as_cadence(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError('must be a cadence in quotes, such as "4w"')
    try:
        return str(parse_cadence(value))
    except UsageError:
        raise ValueError('is not a cadence (write it as "6 weeks", "2w" or "1m")') from None


Day = Annotated[date, BeforeValidator(_as_date)]
CadenceText = Annotated[str, BeforeValidator(_as_cadence)]
Text = Annotated[StrictStr, Field(min_length=0)]
Name = Annotated[StrictStr, Field(min_length=1, pattern=r"\S")]
Ids = list[StrictStr]


class _File(BaseModel):
    # Unknown keys are the user's own and are kept on disk; they are simply not modelled.
    model_config = ConfigDict(extra="ignore", frozen=True)


class _CadenceDefaults(BaseModel):
    """`[cadence]` in mentorlog.toml: a cadence per career stage, and per tag in `[cadence.tag]`.
    A key that is neither is refused: a typo would otherwise silently change nobody."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    senior: CadenceText | None = None
    peer: CadenceText | None = None
    near_peer: CadenceText | None = Field(default=None, alias="near-peer")
    junior: CadenceText | None = None
    outsider: CadenceText | None = None
    tag: dict[StrictStr, CadenceText] = Field(default_factory=dict)


class _SettingsFile(_File):
    schema_version: StrictInt = 1
    default_cadence: CadenceText | None = None
    due_within: CadenceText = "7d"
    reflect_within: CadenceText = "3d"
    stalled_after: CadenceText = "4w"
    git: StrictBool = False
    cadence: _CadenceDefaults = Field(default_factory=lambda: _CadenceDefaults())


def _as_time(value: Any) -> Any:
    from mentorlog.domain.meetings import is_time

    if not isinstance(value, str) or not is_time(value):
        raise ValueError('must be a time in quotes, such as "09:30" (24-hour clock)')
    return value


def _meeting_datetime(data: Any) -> Any:
    """A meeting written with a TOML date-time (`date = 2026-12-01T10:00:00`) is that day at
    that time; its time is never silently dropped. One with a UTC offset, seconds, or an `at`
    that says another time is refused: which time is meant cannot be known."""
    if not isinstance(data, dict) or not isinstance(data.get("date"), datetime):
        return data
    moment: datetime = data["date"]
    if moment.tzinfo is not None or moment.second or moment.microsecond:
        raise ValueError(
            "'date' must be a day (YYYY-MM-DD) with the time in `at`, such as at = \"10:00\""
        )
    at = moment.strftime("%H:%M")
    if data.get("at") not in (None, at):
        raise ValueError(f"'date' says {at} but 'at' says another time; keep one")
    return {**data, "date": moment.date(), "at": at}


class _Meeting(_File):
    id: Name

    _datetime = model_validator(mode="before")(_meeting_datetime)
    date: Day
    at: Annotated[str, BeforeValidator(_as_time)] | None = None
    minutes: Annotated[StrictInt, Field(ge=1, le=24 * 60)] | None = None
    where: Text | None = None
    agenda: Text | None = None
    kind: Literal["check-in", "question", "intro", "email", "message", "thanks"] = "check-in"
    status: Literal["booked", "done", "cancelled"] = "booked"
    session: StrictStr | None = None


class _Question(_File):
    text: Name
    added: Day | None = None
    done: Day | None = None


class _Shared(_File):
    what: Name
    date: Day | None = None


class _Agreement(_File):
    agreed: Day | None = None
    cadence: CadenceText | None = None
    term: CadenceText | None = None
    review: Day | None = None
    confidentiality: Text | None = None
    channels: list[StrictStr] = Field(default_factory=list)
    bring: Text | None = None


class _Closure(_File):
    learned: Text | None = None
    stays: Text | None = None
    closed: Day | None = None


class _MentorFile(_File):
    name: Name
    role: Text | None = None
    org: Text | None = None
    email: Text | None = None
    stage: Literal["senior", "peer", "near-peer", "junior", "outsider"] | None = None
    cadence: CadenceText | None = None
    since: Day | None = None
    added: Day | None = None
    tags: list[StrictStr] = Field(default_factory=list)
    strengths: list[StrictStr] = Field(default_factory=list)
    background: Text | None = None
    resume_sent: Day | None = None
    ground_rules: Day | None = None
    struggles_asked: Day | None = None
    paused_until: Day | None = None
    paused_since: Day | None = None
    ended: Day | None = None
    shared: list[_Shared] = Field(default_factory=list)
    questions: list[_Question] = Field(default_factory=list)
    agreement: _Agreement | None = None
    phase: Literal["initiation", "cultivation", "separation", "redefinition"] | None = None
    not_applicable: list[Literal["goals", "background", "resume", "ground_rules"]] = Field(
        default_factory=list
    )
    closure: _Closure | None = None
    meetings: list[_Meeting] = Field(default_factory=list)
    at_most: CadenceText | None = None
    snoozed_until: Day | None = None
    paused: StrictBool = False


class _Progress(_File):
    date: Day
    note: StrictStr


class _GoalFile(_File):
    title: Name
    why: Text | None = None
    mentors: Ids = Field(default_factory=list)
    target: Day | None = None
    success: Text | None = None
    status: Literal["open", "done", "dropped"] = "open"
    created: Day | None = None
    closed: Day | None = None
    note: Text | None = None
    independently: StrictBool = False
    progress: list[_Progress] = Field(default_factory=list)


class _SessionFile(_File):
    mentor: Name
    date: Day
    kind: Literal["check-in", "question", "intro", "email", "message", "thanks"] = "check-in"
    topic: Text | None = None
    goals: Ids = Field(default_factory=list)
    confidential: StrictBool = True
    how: Text | None = None
    discussed: list[StrictStr] = Field(default_factory=list)
    source: Literal["calendar"] | None = None
    event: Annotated[StrictStr, Field(min_length=1, max_length=2000)] | None = None


class _FeedbackFile(_File):
    text: Name
    source: Text | None = Field(default=None, alias="from")
    skills: list[StrictStr] = Field(default_factory=list)
    added: Day | None = None
    done: Day | None = None


class _ReflectionFile(_File):
    date: Day
    session: StrictStr | None = None
    mentor: StrictStr | None = None
    goals: Ids = Field(default_factory=list)
    confidential: StrictBool = True
    skills: list[StrictStr] = Field(default_factory=list)


ModelT = TypeVar("ModelT", bound=_File)


def _validate(model: type[ModelT], data: dict[str, Any], path: str, source: str) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        failures = []
        first_line: int | None = None
        for error in exc.errors():
            failures.append(f"{_where(error['loc'])} {_said(error)}")
            # A key inside a table (`[cadence]`) is found by its own name.
            line = _line_of_key(source, str(error["loc"][0])) or _line_of_key(
                source, str(error["loc"][-1])
            )
            if first_line is None and line:
                first_line = line
        raise InvalidFile(path, "; ".join(failures), first_line, "fix it by hand") from None


def _where(location: tuple[int | str, ...]) -> str:
    """A key as the file spells it: `paused`, `cadence.peer`, `meetings` entry 2 `at`."""
    parts: list[str] = []
    keys: list[str] = []
    for part in (*location, None):
        if isinstance(part, str):
            if part not in ("function-before", "function-after", "literal", "str"):
                keys.append(part)
            continue
        if keys:
            parts.append(f"`{'.'.join(keys)}`")
            keys = []
        if isinstance(part, int):
            parts.append(f"entry {part + 1}")
    return " ".join(parts) or "the file"


# What each kind of refusal means, in the words of docs/format.md: the validation library's own
# sentences ("Input should be a valid boolean") name its types, not what to write.
_MEANINGS = {
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "string_type": "must be text in quotes",
    "string_too_short": "cannot be empty",
    "string_pattern_mismatch": "cannot be empty",
    "list_type": 'must be a list in square brackets, such as ["a", "b"]',
    "tuple_type": 'must be a list in square brackets, such as ["a", "b"]',
    "set_type": 'must be a list in square brackets, such as ["a", "b"]',
    "dict_type": "must be a table (a [section] of keys)",
    "model_type": "must be a table (a [section] of keys)",
    "model_attributes_type": "must be a table (a [section] of keys)",
    "date_type": "must be a date such as 2026-11-02",
    "date_parsing": "must be a date such as 2026-11-02",
    "date_from_datetime_inexact": "must be a date such as 2026-11-02, without a time",
    "missing": "is required",
    "extra_forbidden": "is not a career stage or `tag` (see docs/format.md)",
}


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}


def _said(error: Any) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind in _MEANINGS:
        return _MEANINGS[kind]
    if kind == "literal_error":
        allowed = str(context.get("expected", "")).replace("'", "")
        return f"must be one of: {allowed}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"must be {words} {context.get(key)}"
    if kind == "string_too_long":
        return f"is longer than {context.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {context.get('min_length')} entries"
    if kind == "too_long":
        return f"takes at most {context.get('max_length')} entries"
    if kind == "value_error":
        # Raised by the checks in this module, so already in mentorlog's words; a value is
        # never repeated (the file may be confidential).
        message = str(error["msg"]).removeprefix("Value error, ")
        if not _quotes_input(message, error.get("input")):
            return message
    return "has a value mentorlog cannot read (see docs/format.md)"


def _quotes_input(message: str, value: Any) -> bool:
    """Whether a validation message repeats (part of) the value it refused."""
    shown = value if isinstance(value, str) else repr(value)
    return len(shown.strip()) > 2 and shown.strip() in message


def _line_of_key(source: str, key: str) -> int | None:
    # [ \t], not \s: \s would match newlines and report the blank line above the key
    pattern = re.compile(rf"^[ \t]*(\[\[)?[ \t]*{re.escape(key)}[ \t]*(=|\]\])", re.MULTILINE)
    match = pattern.search(source)
    return source.count("\n", 0, match.start()) + 1 if match else None


def settings(data: dict[str, Any], path: str, source: str = "") -> Settings:
    parsed = _validate(_SettingsFile, data, path, source)
    return Settings(
        schema_version=parsed.schema_version,
        default_cadence=parse_cadence(parsed.default_cadence or str(Settings().default_cadence)),
        due_within=parse_cadence(parsed.due_within),
        reflect_within=parse_cadence(parsed.reflect_within),
        stalled_after=parse_cadence(parsed.stalled_after),
        git=parsed.git,
        cadence_set=parsed.default_cadence is not None,
        cadence_by_stage={
            stage: parse_cadence(text)
            for stage, text in parsed.cadence.model_dump(by_alias=True, exclude={"tag"}).items()
            if text is not None
        },
        cadence_by_tag={
            tag.lower().lstrip("#"): parse_cadence(text) for tag, text in parsed.cadence.tag.items()
        },
    )


def mentor(record_id: str, data: dict[str, Any], path: str, source: str = "") -> Mentor:
    m = _validate(_MentorFile, data, path, source)
    _refuse_repeated_meeting_ids([x.id for x in m.meetings], path, source)
    return Mentor(
        id=record_id,
        name=m.name.strip(),
        role=m.role,
        org=m.org,
        email=m.email,
        stage=m.stage,
        cadence=parse_cadence(m.cadence) if m.cadence else None,
        since=m.since,
        added=m.added,
        tags=list(m.tags),
        strengths=list(m.strengths),
        background=m.background,
        resume_sent=m.resume_sent,
        ground_rules=m.ground_rules,
        struggles_asked=m.struggles_asked,
        paused_until=m.paused_until,
        paused_since=m.paused_since,
        ended=m.ended,
        shared=[SharedDocument(s.what, s.date) for s in m.shared],
        questions=[Question(q.text, q.added, q.done) for q in m.questions],
        agreement=_agreement(m.agreement) if m.agreement else None,
        phase=m.phase,
        not_applicable=list(dict.fromkeys(m.not_applicable)),
        closure=(
            Closure(m.closure.learned, m.closure.stays, m.closure.closed) if m.closure else None
        ),
        meetings=[
            Meeting(x.id, x.date, x.at, x.minutes, x.where, x.agenda, x.kind, x.status, x.session)
            for x in m.meetings
        ],
        at_most=_limit(m.at_most, m.cadence, path, source),
        snoozed_until=m.snoozed_until,
        paused=m.paused,
    )


def _refuse_repeated_meeting_ids(ids: list[str], path: str, source: str) -> None:
    """Each meeting keeps one id for good (`meet move`, `meet cancel` and calendars find it
    by it), so a file that gives two meetings the same id is refused at the second one."""
    seen: set[str] = set()
    for meeting_id in ids:
        if meeting_id in seen:
            raise InvalidFile(
                path,
                f"two meetings have the id '{meeting_id}'",
                _line_of_id(source, meeting_id, 2),
                "give one of them a new id, such as the same id ending in -2",
            )
        seen.add(meeting_id)


def _line_of_id(source: str, meeting_id: str, occurrence: int) -> int | None:
    pattern = re.compile(rf"^[ \t]*id[ \t]*=[ \t]*[\"']{re.escape(meeting_id)}[\"']", re.MULTILINE)
    found = list(pattern.finditer(source))
    if len(found) < occurrence:
        return None
    return source.count("\n", 0, found[occurrence - 1].start()) + 1


def _agreement(a: _Agreement) -> Agreement:
    return Agreement(
        agreed=a.agreed,
        cadence=parse_cadence(a.cadence) if a.cadence else None,
        term=parse_cadence(a.term) if a.term else None,
        review=a.review,
        confidentiality=a.confidentiality,
        channels=list(a.channels),
        bring=a.bring,
    )


def _limit(at_most: str | None, cadence: str | None, path: str, source: str) -> Cadence | None:
    """The outer limit, which may not be shorter than the mentor's own cadence."""
    if at_most is None:
        return None
    from mentorlog.domain.windows import nominal_days

    limit = parse_cadence(at_most)
    if cadence is not None and nominal_days(limit) < nominal_days(parse_cadence(cadence)):
        raise InvalidFile(
            path,
            f"'at_most' ({limit}) is shorter than 'cadence' ({cadence})",
            _line_of_key(source, "at_most"),
            "make at_most at least as long as cadence",
        )
    return limit


def goal(record_id: str, data: dict[str, Any], path: str, source: str = "") -> Goal:
    g = _validate(_GoalFile, data, path, source)
    return Goal(
        id=record_id,
        title=g.title.strip(),
        why=g.why,
        mentors=list(g.mentors),
        target=g.target,
        success=g.success,
        status=g.status,
        created=g.created,
        closed=g.closed,
        note=g.note,
        independently=g.independently,
        progress=[Progress(p.date, p.note) for p in g.progress],
    )


def session(
    record_id: str, data: dict[str, Any], body: str, path: str, source: str = ""
) -> Session:
    s = _validate(_SessionFile, data, path, source)
    actions, lessons, advice = body_text.parse_session_body(body)
    return Session(
        id=record_id,
        mentor=s.mentor,
        date=s.date,
        kind=s.kind,
        topic=s.topic,
        goals=list(s.goals),
        confidential=s.confidential,
        how=s.how,
        discussed=list(s.discussed),
        actions=[
            ActionItem(record_id, a.number, a.text, a.done, a.done_on, a.outcome) for a in actions
        ],
        lessons=[LessonItem(lesson.text, tuple(lesson.tags)) for lesson in lessons],
        source=s.source,
        event=s.event,
        advice=advice,
    )


def feedback(record_id: str, data: dict[str, Any], path: str, source: str = "") -> Feedback:
    f = _validate(_FeedbackFile, data, path, source)
    return Feedback(record_id, f.text, f.source, list(f.skills), f.added, f.done)


def reflection(record_id: str, data: dict[str, Any], path: str, source: str = "") -> Reflection:
    r = _validate(_ReflectionFile, data, path, source)
    return Reflection(
        id=record_id,
        date=r.date,
        session=r.session,
        mentor=r.mentor,
        goals=list(r.goals),
        confidential=r.confidential,
        skills=list(r.skills),
    )
