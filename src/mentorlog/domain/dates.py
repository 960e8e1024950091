"""Dates and cadences as people type them: "2w", "fortnightly", "last friday", "Nov 20".

Everything here is pure: the current day is always passed in as `today`, never read from the
clock. Parsing is done on whitespace-separated words.

Bad input raises `UsageError` with a one-line message naming what was typed and a hint showing
a form that works.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from mentorlog.errors import UsageError

UNITS = ("d", "w", "m")  # days, weeks, calendar months

# The longest cadence or window: 5 years, in each unit.
_MAX_COUNT = {"d": 5 * 365 + 1, "w": 5 * 52, "m": 5 * 12}
# The dates a record may carry: far enough from the calendar's ends (years 1 and 9999) that
# every step mentorlog takes from one (the longest cadence or window, five years, and the
# look-backs of `due`) stays inside it. A date outside makes its record a problem to fix,
# never an error of the whole command.
EARLIEST_RECORD_DATE = date(1000, 1, 1)
LATEST_RECORD_DATE = date(9989, 12, 31)

_UNIT_NAMES = {"d": "day", "w": "week", "m": "month"}

# Unit words as typed, mapped to (unit, multiplier). Years are 12 calendar months.
_UNIT_WORDS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(("d", "day", "days"), ("d", 1)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), ("w", 1)),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), ("m", 1)),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), ("m", 12)),
}

_NUMBER_CHARS = frozenset("+-.,0123456789")
_ONE = ("a", "an", "one")

_CADENCE_HINT = (
    "write a number and a unit such as 10d, 2w, 3m or 1y, "
    "or a word: weekly, fortnightly, monthly, quarterly, yearly"
)
_WINDOW_HINT = "write a number and a unit such as 0d (today only), 3d, 2w or 1m"
_DATE_HINT = "write 2026-11-02, today, yesterday, 3 days ago, last friday, Nov 2 or 2 Nov 2026"

_OUTSIDE_HINT = "dates run from the year 1 to 9999"

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_WORDS: dict[str, int] = {
    **{name.lower(): n for n, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}
_WEEKDAY_WORDS: dict[str, int] = {
    **dict.fromkeys(("monday", "mon"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("wednesday", "wed"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("friday", "fri"), 4),
    **dict.fromkeys(("saturday", "sat"), 5),
    **dict.fromkeys(("sunday", "sun"), 6),
}
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}

# What a date is for, which decides a day typed without its year ("Dec 30") or a bare weekday:
# a record of the past takes the latest such day on or before today, a date ahead (a pause's
# end, a target) the first on or after today, and anything else (a day to look at) this year's.
ANY = "any"
PAST = "past"
FUTURE = "future"
INTENTS = (ANY, PAST, FUTURE)
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")


class Cadence:
    """How often: `count` days, weeks or calendar months (`unit` is "d", "w" or "m").

    An immutable value that compares, hashes and unpacks (`count, unit = cadence`) like a named
    tuple, but equals no plain tuple and refuses a unit or count it does not know.
    `Cadence(14, "d")` and `Cadence(2, "w")` are different values: `parse_cadence` always
    returns the normal form. A count of 0 only comes from `parse_window` ("today only").
    """

    __slots__ = ("count", "unit")
    __match_args__ = ("count", "unit")
    count: int
    unit: str

    def __init__(self, count: int, unit: str) -> None:
        if unit not in UNITS:
            raise ValueError(f"cadence unit must be one of {', '.join(UNITS)}, not {unit!r}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"cadence count must be a whole number >= 0, not {count!r}")
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "unit", unit)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Cadence is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Cadence is immutable: cannot delete {name}")

    def __reduce__(self) -> tuple[type[Cadence], tuple[int, str]]:  # copy and pickle
        return (Cadence, (self.count, self.unit))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Cadence):
            return self.count == other.count and self.unit == other.unit
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.count, self.unit))

    def __iter__(self) -> Iterator[int | str]:
        return iter((self.count, self.unit))

    def __repr__(self) -> str:
        return f"Cadence(count={self.count!r}, unit={self.unit!r})"

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def describe(self) -> str:
        if self.count == 0:
            return "today only"
        name = _UNIT_NAMES[self.unit]
        return f"every {name}" if self.count == 1 else f"every {self.count} {name}s"

    def approx_days(self) -> int:
        """Length in days, a month counted as 30. For sorting and averages, never for dates."""
        return self.count * {"d": 1, "w": 7, "m": 30}[self.unit]


_CADENCE_WORDS: dict[str, Cadence] = {
    "daily": Cadence(1, "d"),
    "every other day": Cadence(2, "d"),
    "weekly": Cadence(1, "w"),
    **dict.fromkeys(("fortnightly", "biweekly", "bi-weekly", "every other week"), Cadence(2, "w")),
    "monthly": Cadence(1, "m"),
    **dict.fromkeys(("bimonthly", "bi-monthly", "every other month"), Cadence(2, "m")),
    "quarterly": Cadence(3, "m"),
    **dict.fromkeys(
        (
            "twice a year",
            "half-yearly",
            "half yearly",
            "semiannually",
            "semi-annually",
            "semiannual",
            "semi-annual",
        ),
        Cadence(6, "m"),
    ),
    **dict.fromkeys(("yearly", "annually", "annual"), Cadence(12, "m")),
}


# ----------------------------------------------------------------------------------------------
# calendar helpers


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _shift(start: date, count: int, unit: str) -> date | None:
    """`start` moved by `count` units (negative goes back); None when outside years 1-9999."""
    try:
        if unit == "d":
            return start + timedelta(days=count)
        if unit == "w":
            return start + timedelta(weeks=count)
    except OverflowError:
        return None
    year, month0 = divmod(start.year * 12 + start.month - 1 + count, 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month0 + 1, min(start.day, _month_length(year, month0 + 1)))


def add_cadence(start: date, cadence: Cadence, times: int = 1) -> date:
    """`start` plus `times` cadences (negative `times` subtracts).

    Months are calendar months and clamp to the month's last day: 2027-01-31 + 1m is
    2027-02-28. Several months are added in one step from `start`, so 2027-01-31 + 2m is
    2027-03-31, not the 28th.
    """
    count, unit = cadence.count, cadence.unit
    moved = _shift(start, count * times, unit)
    if moved is None:
        sign = "+" if times >= 0 else "-"
        raise UsageError(
            f"{start.isoformat()} {sign} {abs(times) * count}{unit} is outside the calendar",
            _OUTSIDE_HINT,
        )
    return moved


# ----------------------------------------------------------------------------------------------
# cadences and windows


def _quote(text: str) -> str:
    """Text as typed, in quotes for a message, shortened if someone pasted a novel."""
    return f'"{text}"' if len(text) <= 40 else f'"{text[:37]}..."'


def _words(text: str) -> list[str]:
    return text.lower().split()


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _split_amount(words: list[str]) -> tuple[str, str] | None:
    """("10", "d") from ["10d"], ["10", "d"] or ["10", "days"]; ("1", "week") from ["a", "week"].

    The number part is returned as typed (it may be "-2" or "1.5") so the caller can say what is
    wrong with it. A bare number gives an empty unit.
    """
    if len(words) == 1:
        word = words[0]
        cut = 0
        while cut < len(word) and word[cut] in _NUMBER_CHARS:
            cut += 1
        return (word[:cut], word[cut:]) if cut else None
    if len(words) == 2:
        number, unit = words
        if number in _ONE:
            return "1", unit
        if all(c in _NUMBER_CHARS for c in number):
            return number, unit
    return None


def _parse_amount(text: str, what: str, allow_zero: bool) -> Cadence:
    shown = " ".join(text.split())
    quoted = _quote(shown)
    hint = _WINDOW_HINT if allow_zero else _CADENCE_HINT
    if not shown:
        raise UsageError(f'the {what} is empty: ""', hint)
    words = _words(shown)
    named = _CADENCE_WORDS.get(" ".join(words))
    if named is not None:
        return named
    if allow_zero and words == ["today"]:
        return Cadence(0, "d")
    if words[0] == "every" and len(words) > 1:
        words = words[1:]
        if len(words) == 1 and words[0] in _UNIT_WORDS:
            words = ["1", *words]
    amount = _split_amount(words)
    if amount is None:
        raise UsageError(f"{quoted} is not a {what}", hint)
    number, unit_word = amount
    if not _is_digits(number):
        if number.startswith("-") and _is_digits(number[1:].replace(".", "", 1)):
            raise UsageError(f"a {what} cannot be negative: {quoted}", hint)
        if _is_digits(number.replace(".", "", 1).replace(",", "", 1)):
            raise UsageError(
                f"a {what} must be a whole number: {quoted}",
                "use a smaller unit instead, such as 10d rather than 1.5w",
            )
        raise UsageError(f"{quoted} is not a {what}", hint)
    if len(number.lstrip("0")) > 6:  # also keeps int() away from absurdly long input
        raise UsageError(
            f"the {what} {quoted} is longer than 5 years", "the longest is 60m, which is 5 years"
        )
    count = int(number)
    if count == 0 and (not unit_word or unit_word in _UNIT_WORDS):
        if allow_zero:
            return Cadence(0, "d")
        raise UsageError(f"a {what} of zero never comes round: {quoted}", hint)
    if not unit_word:
        raise UsageError(
            f"the {what} {quoted} has no unit", f"write {count}d, {count}w or {count}m"
        )
    if unit_word not in _UNIT_WORDS:
        raise UsageError(f"{quoted} is not a {what}", hint)
    unit, multiplier = _UNIT_WORDS[unit_word]
    count *= multiplier
    if count > _MAX_COUNT[unit]:
        raise UsageError(
            f"the {what} {quoted} is longer than 5 years", "the longest is 60m, which is 5 years"
        )
    if unit == "d" and count % 7 == 0:
        return Cadence(count // 7, "w")
    return Cadence(count, unit)


def parse_cadence(text: str) -> Cadence:
    """A cadence in normal form from "2w", "6 weeks", "14 days" (-> 2w), "fortnightly", "1y"
    (-> 12m), ... Case and spacing do not matter. Whole numbers from 1 up to 5 years."""
    return _parse_amount(text, "cadence", allow_zero=False)


def parse_window(text: str) -> Cadence:
    """A look-ahead window such as `--within 14d`: a cadence, or "0d", "0" or "today" for today
    only (count 0)."""
    return _parse_amount(text, "window", allow_zero=True)


# ----------------------------------------------------------------------------------------------
# dates


def _short(day: date, today: date) -> str:
    """ "Mar 4", or "Mar 4 2027" when not in the current year."""
    text = f"{_MONTH_NAMES[day.month - 1][:3]} {day.day}"
    return text if day.year == today.year else f"{text} {day.year}"


def _make_date(year: int, month: int, day: int, quoted: str) -> date:
    if not 1 <= year <= 9999:
        raise UsageError(f"{quoted} does not exist: years run from 1 to 9999", "check the year")
    if not 1 <= month <= 12:
        raise UsageError(
            f"{quoted} does not exist: there is no month {month}",
            "months run from 01 to 12: write 2026-03-04 or Mar 4",
        )
    last = _month_length(year, month)
    if not 1 <= day <= last:
        name = _MONTH_NAMES[month - 1]
        raise UsageError(
            f"{quoted} does not exist: {name} {year} has {last} days",
            f"check the day; the last day of {name} {year} is {year:04}-{month:02}-{last:02}",
        )
    return date(year, month, day)


def _numeric_date(word: str, quoted: str, today: date) -> date:
    """A date made of digits and separators: ISO "2026-11-02" (also "2026/11/02"), or an
    ambiguous day/month form, which is refused."""
    parts = word.rstrip(".").replace("/", "-").replace(".", "-").split("-")
    if len(parts) not in (2, 3) or not all(_is_digits(p) and len(p) <= 4 for p in parts):
        raise UsageError(f"{quoted} is not a date mentorlog can read", _DATE_HINT)
    if len(parts) == 3 and len(parts[0]) == 4 and len(parts[1]) <= 2 and len(parts[2]) <= 2:
        return _make_date(int(parts[0]), int(parts[1]), int(parts[2]), quoted)
    a, b = int(parts[0]), int(parts[1])
    year = today.year
    if len(parts) == 3:
        year = int(parts[2]) + (2000 if len(parts[2]) <= 2 else 0)
    readings: list[date] = []
    for month, day in ((a, b), (b, a)):
        if 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= _month_length(year, month):
            readings.append(date(year, month, day))
    if len(readings) == 2 and readings[0] != readings[1]:
        first, second = (f"{_MONTH_NAMES[r.month - 1]} {r.day}" for r in readings)
        message = f"{quoted} is ambiguous: {first} or {second}?"
    else:
        message = f"{quoted} is ambiguous: the order of day and month differs between countries"
    if readings:
        hint = f"write {readings[0].isoformat()} or {_short(readings[0], today)}"
    else:
        hint = f"write the year first, as in {today.year}-03-04, or the month's name: Mar 4"
    raise UsageError(message, hint)


def _clean(word: str) -> str:
    """Drops the dot of an abbreviation ("nov." -> "nov") and an ordinal ending ("20th")."""
    if word.endswith(".") and word[:-1].isalpha():
        return word[:-1]
    if len(word) > 2 and word[-2:] in _ORDINAL_ENDINGS and _is_digits(word[:-2]):
        return word[:-2]
    return word


def _yearless(month: int, day: int, quoted: str, today: date, intent: str) -> date:
    """The day `month`/`day` of the year `intent` points to."""
    if intent == ANY:
        return _make_date(today.year, month, day, quoted)
    if not (month == 2 and day == 29):
        _make_date(today.year, month, day, quoted)  # refuses April 31 with the usual message
    step = -1 if intent == PAST else 1
    year = today.year
    while 1 <= year <= 9999:
        if day <= _month_length(year, month):
            found = date(year, month, day)
            if (found <= today) if intent == PAST else (found >= today):
                return found
        year += step
    raise UsageError(f"{quoted} is outside the calendar", _OUTSIDE_HINT)


def _month_day(words: list[str], quoted: str, today: date, intent: str) -> date | None:
    """ "nov 20", "november 20", "20 nov", each optionally followed by a 4-digit year."""
    if len(words) not in (2, 3):
        return None
    if words[0] in _MONTH_WORDS:
        month, day = _MONTH_WORDS[words[0]], words[1]
    elif words[1] in _MONTH_WORDS:
        month, day = _MONTH_WORDS[words[1]], words[0]
    else:
        return None
    if not (_is_digits(day) and len(day) <= 2):
        return None
    if len(words) == 2:
        return _yearless(month, int(day), quoted, today, intent)
    if not (_is_digits(words[2]) and len(words[2]) == 4):
        return None
    return _make_date(int(words[2]), month, int(day), quoted)


def _relative(words: list[str], quoted: str, today: date, sign: int) -> date | None:
    """`today` moved by "3 days", "2w", "a month", ... (sign -1 for "ago", +1 for "in")."""
    amount = _split_amount(words)
    if amount is None or not _is_digits(amount[0]) or amount[1] not in _UNIT_WORDS:
        return None
    unit, multiplier = _UNIT_WORDS[amount[1]]
    moved = None
    if len(amount[0].lstrip("0")) <= 7:  # anything longer is beyond year 9999 anyway
        moved = _shift(today, sign * int(amount[0]) * multiplier, unit)
    if moved is None:
        raise UsageError(f"{quoted} is outside the calendar", _OUTSIDE_HINT)
    return moved


def _weekday(today: date, weekday: int, which: str) -> date:
    back = (today.weekday() - weekday) % 7
    if which == "on or before":
        return today - timedelta(days=back)
    if which == "before":
        return today - timedelta(days=back or 7)
    if which == "on or after":
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def parse_date(text: str, today: date, intent: str = ANY) -> date:
    """A day from what someone types: "2026-11-02", "yesterday", "3 days ago", "in 2w",
    "last month", "friday" (the latest one on or before today), "last fri", "next friday",
    "Nov 20", "20 November 2026", ... Case and spacing do not matter.

    Numeric forms with slashes or dots ("03/04", "3.4.2026") are refused: they read differently
    in different countries. Year-first ones ("2026/03/04") are read as year, month, day.

    `intent` (ANY, PAST or FUTURE) decides the year of "Nov 20" and the week of "friday".
    """
    if intent not in INTENTS:
        raise ValueError(f"intent must be one of {', '.join(INTENTS)}, not {intent!r}")
    shown = " ".join(text.split())
    quoted = _quote(shown)
    words = [_clean(w) for w in _words(shown.replace(",", " "))]
    if not words:
        raise UsageError('the date is empty: ""', _DATE_HINT)
    try:
        return _read_date(words, quoted, today, intent)
    except OverflowError:  # "tomorrow" on 9999-12-31
        raise UsageError(f"{quoted} is outside the calendar", _OUTSIDE_HINT) from None


def _read_date(words: list[str], quoted: str, today: date, intent: str) -> date:

    if len(words) == 1:
        word = words[0]
        if word[0].isdigit() and all(c.isdigit() or c in "-/." for c in word):
            return _numeric_date(word, quoted, today)
        if word in _DAY_WORDS:
            return today + timedelta(days=_DAY_WORDS[word])
        if word in _WEEKDAY_WORDS:
            which = "on or after" if intent == FUTURE else "on or before"
            return _weekday(today, _WEEKDAY_WORDS[word], which)

    if len(words) == 2 and words[0] in ("last", "next", "this"):
        direction, what = words
        if what in _WEEKDAY_WORDS:
            which = "before" if direction == "last" else "after"
            return _weekday(today, _WEEKDAY_WORDS[what], which)
        if direction != "this" and what in ("week", "month", "year"):
            unit, multiplier = _UNIT_WORDS[what]
            moved = _shift(today, multiplier if direction == "next" else -multiplier, unit)
            if moved is None:
                raise OverflowError
            return moved

    found: date | None = None
    if len(words) > 1 and words[-1] == "ago":
        found = _relative(words[:-1], quoted, today, -1)
    elif len(words) > 1 and words[0] == "in":
        found = _relative(words[1:], quoted, today, 1)
    else:
        found = _month_day(words, quoted, today, intent)
    if found is None:
        raise UsageError(f"{quoted} is not a date mentorlog can read", _DATE_HINT)
    return found


# ----------------------------------------------------------------------------------------------
# wording


def describe_delta(days: int) -> str:
    """A day difference from today in words: "today", "in 5 days", "3 weeks ago", "about 13
    months ago". Days below 2 weeks, weeks below 13 weeks, months below 2 years, then years.
    Anything not a whole number of weeks is "about"."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    size = abs(days)
    if size < 14:
        amount = f"{size} days"
    elif size < 91:
        weeks = int(size / 7 + 0.5)
        amount = f"{weeks} weeks" if size % 7 == 0 else f"about {weeks} weeks"
    elif size < 730:
        amount = f"about {int(size / 30.4375 + 0.5)} months"
    else:
        amount = f"about {int(size / 365.25 + 0.5)} years"
    return f"in {amount}" if days > 0 else f"{amount} ago"


def as_date(value: object) -> date | None:
    """A date as TOML gives it (a date, a datetime, or a quoted ISO string), else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
