"""The date and cadence language of mentorlog, written as a spec.

Every example uses the same day as "today": Monday, November 23, 2026.
"""

from __future__ import annotations

import copy
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mentorlog.domain.dates
from conftest import examples
from mentorlog.domain.dates import (
    UNITS,
    Cadence,
    add_cadence,
    describe_delta,
    parse_cadence,
    parse_date,
    parse_window,
)
from mentorlog.errors import UsageError

TODAY = date(2026, 11, 23)  # a Monday

prop = settings(deadline=None, max_examples=examples(200))

# Cadences in normal form, across the whole allowed range (up to 5 years).
cadences = st.one_of(
    st.integers(1, 1826).map(lambda n: f"{n}d"),
    st.integers(1, 260).map(lambda n: f"{n}w"),
    st.integers(1, 60).map(lambda n: f"{n}m"),
).map(parse_cadence)
month_cadences = st.integers(1, 60).map(lambda n: Cadence(n, "m"))
# Far enough from year 9999 that five years can always be added.
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9994, 12, 31))


def usage_error(call: Callable[..., object], *args: object) -> UsageError:
    """Runs `call(*args)`, expecting a UsageError with a one-line message and a hint."""
    with pytest.raises(UsageError) as caught:
        call(*args)
    error = caught.value
    assert error.exit_code == 2
    assert error.message and "\n" not in error.message
    assert error.hint
    return error


# ----------------------------------------------------------------------------------------------
# The Cadence value


def test_units_are_days_weeks_and_calendar_months() -> None:
    assert UNITS == ("d", "w", "m")


@pytest.mark.parametrize(
    ("cadence", "text"),
    [(Cadence(10, "d"), "10d"), (Cadence(2, "w"), "2w"), (Cadence(3, "m"), "3m")],
)
def test_a_cadence_prints_in_its_normal_form(cadence: Cadence, text: str) -> None:
    assert str(cadence) == text


@pytest.mark.parametrize(
    ("cadence", "words"),
    [
        (Cadence(1, "d"), "every day"),
        (Cadence(10, "d"), "every 10 days"),
        (Cadence(1, "w"), "every week"),
        (Cadence(2, "w"), "every 2 weeks"),
        (Cadence(1, "m"), "every month"),
        (Cadence(3, "m"), "every 3 months"),
        (Cadence(12, "m"), "every 12 months"),
        (Cadence(0, "d"), "today only"),
    ],
)
def test_describe_says_the_cadence_in_words(cadence: Cadence, words: str) -> None:
    assert cadence.describe() == words


@pytest.mark.parametrize(
    ("cadence", "days"),
    [(Cadence(10, "d"), 10), (Cadence(2, "w"), 14), (Cadence(1, "m"), 30), (Cadence(3, "m"), 90)],
)
def test_approx_days_counts_a_month_as_30_days(cadence: Cadence, days: int) -> None:
    assert cadence.approx_days() == days


def test_a_cadence_has_named_fields_unpacks_compares_and_hashes() -> None:
    cadence = Cadence(2, "w")
    assert (cadence.count, cadence.unit) == (2, "w")
    count, unit = cadence
    assert (count, unit) == (2, "w")
    assert cadence == Cadence(count=2, unit="w")
    assert cadence != Cadence(14, "d")  # equal length, different value: parse to normalise
    assert len({cadence, Cadence(2, "w"), Cadence(3, "w")}) == 2
    assert repr(cadence) == "Cadence(count=2, unit='w')"
    match cadence:
        case Cadence(n, "w"):
            assert n == 2
        case _:
            pytest.fail("a cadence matches by position")


def test_a_cadence_is_immutable() -> None:
    cadence = Cadence(2, "w")
    with pytest.raises(AttributeError):
        cadence.count = 3
    with pytest.raises(AttributeError):
        del cadence.unit
    assert cadence == Cadence(2, "w")


def test_a_cadence_survives_copy_and_pickle() -> None:
    cadence = Cadence(3, "m")
    assert copy.copy(cadence) == cadence
    assert copy.deepcopy(cadence) == cadence
    assert pickle.loads(pickle.dumps(cadence)) == cadence


@pytest.mark.parametrize(
    ("count", "unit"), [(1, "y"), (1, "D"), (-1, "d"), (1.5, "w"), (True, "d")]
)
def test_a_cadence_built_in_code_must_have_a_known_unit_and_whole_count(
    count: int, unit: str
) -> None:
    with pytest.raises(ValueError):
        Cadence(count, unit)


# ----------------------------------------------------------------------------------------------
# parse_cadence


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("2w", "2w"),
        ("2 w", "2w"),
        ("6 weeks", "6w"),
        ("1 week", "1w"),
        ("3 wks", "3w"),
        ("10d", "10d"),
        ("10 days", "10d"),
        ("1 day", "1d"),
        ("3m", "3m"),
        ("3 months", "3m"),
        ("1 month", "1m"),
        ("a month", "1m"),
        ("every 2 weeks", "2w"),
        ("every month", "1m"),
        ("every 10 days", "10d"),
    ],
)
def test_parse_cadence_reads_a_number_and_a_unit(text: str, normal: str) -> None:
    assert str(parse_cadence(text)) == normal


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("daily", "1d"),
        ("every other day", "2d"),
        ("weekly", "1w"),
        ("fortnightly", "2w"),
        ("biweekly", "2w"),
        ("every other week", "2w"),
        ("monthly", "1m"),
        ("bimonthly", "2m"),
        ("quarterly", "3m"),
        ("twice a year", "6m"),
        ("half-yearly", "6m"),
        ("semiannually", "6m"),
        ("yearly", "12m"),
        ("annually", "12m"),
    ],
)
def test_parse_cadence_reads_words_for_common_cadences(text: str, normal: str) -> None:
    assert str(parse_cadence(text)) == normal


@pytest.mark.parametrize(("text", "normal"), [("1y", "12m"), ("1 year", "12m"), ("2 years", "24m")])
def test_years_are_read_as_twelve_months(text: str, normal: str) -> None:
    assert str(parse_cadence(text)) == normal


@pytest.mark.parametrize(
    ("text", "normal"), [("14d", "2w"), ("7 days", "1w"), ("70d", "10w"), ("15d", "15d")]
)
def test_days_divisible_by_seven_become_weeks(text: str, normal: str) -> None:
    assert str(parse_cadence(text)) == normal


def test_months_stay_months_even_when_they_make_a_year() -> None:
    assert str(parse_cadence("12m")) == "12m"
    assert str(parse_cadence("24 months")) == "24m"


@pytest.mark.parametrize("text", ["  2W ", "2 WEEKS", "Fortnightly", "\tTwice  A  Year\n"])
def test_parse_cadence_ignores_case_and_spacing(text: str) -> None:
    assert parse_cadence(text) == parse_cadence(" ".join(text.lower().split()))


@pytest.mark.parametrize("text", ["60m", "5 years", "5y", "260w", "1826d"])
def test_a_cadence_may_be_up_to_five_years(text: str) -> None:
    assert parse_cadence(text).approx_days() <= 1826


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("0w", "zero"),
        ("0 days", "zero"),
        ("-2w", "negative"),
        ("-1 month", "negative"),
        ("1.5w", "whole number"),
        ("0.5 months", "whole number"),
        ("2,5d", "whole number"),
        ("2", "no unit"),
        ("2 fortnights", "not a cadence"),
        ("sometimes", "not a cadence"),
        ("every", "not a cadence"),
        ("+2w", "not a cadence"),
        ("2 w d", "not a cadence"),
        ("400w", "longer than 5 years"),
        ("100m", "longer than 5 years"),
        ("61m", "longer than 5 years"),
        ("261w", "longer than 5 years"),
        ("1827d", "longer than 5 years"),
        ("6 years", "longer than 5 years"),
    ],
)
def test_parse_cadence_refuses_bad_input_naming_it(text: str, complaint: str) -> None:
    error = usage_error(parse_cadence, text)
    assert f'"{text}"' in error.message
    assert complaint in error.message


def test_an_unknown_cadence_is_answered_with_examples_of_valid_ones() -> None:
    error = usage_error(parse_cadence, "whenever")
    assert error.hint is not None
    for example in ("10d", "2w", "3m", "fortnightly", "monthly"):
        assert example in error.hint


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_cadence_is_refused(text: str) -> None:
    error = usage_error(parse_cadence, text)
    assert "empty" in error.message


def test_a_cadence_without_a_unit_is_answered_with_the_units() -> None:
    assert usage_error(parse_cadence, "3").hint == "write 3d, 3w or 3m"


def test_a_huge_cadence_is_refused_with_a_short_message() -> None:
    error = usage_error(parse_cadence, "9" * 5000 + "d")
    assert "longer than 5 years" in error.message
    assert len(error.message) < 100


@prop
@given(cadences)
def test_the_normal_form_reads_back_as_itself(cadence: Cadence) -> None:
    assert str(parse_cadence(str(cadence))) == str(cadence)
    assert parse_cadence(str(cadence)) == cadence


@prop
@given(cadences)
def test_the_description_reads_back_as_the_same_cadence(cadence: Cadence) -> None:
    assert parse_cadence(cadence.describe()) == cadence


@prop
@given(cadences)
def test_a_parsed_cadence_is_always_in_normal_form(cadence: Cadence) -> None:
    assert cadence.count >= 1
    assert cadence.unit in UNITS
    assert not (cadence.unit == "d" and cadence.count % 7 == 0)


# ----------------------------------------------------------------------------------------------
# parse_window


@pytest.mark.parametrize("text", ["0d", "0", "0w", "0 days", "today", " 0D "])
def test_a_window_of_zero_means_today_only(text: str) -> None:
    window = parse_window(text)
    assert window == Cadence(0, "d")
    assert add_cadence(TODAY, window) == TODAY


@pytest.mark.parametrize(("text", "normal"), [("14d", "2w"), ("3d", "3d"), ("1 month", "1m")])
def test_a_window_otherwise_reads_like_a_cadence(text: str, normal: str) -> None:
    assert str(parse_window(text)) == normal


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("-1d", "negative"),
        ("soon", "not a window"),
        ("0x", "not a window"),
        ("7", "no unit"),
        ("100m", "longer than 5 years"),
    ],
)
def test_parse_window_refuses_bad_input_naming_it(text: str, complaint: str) -> None:
    error = usage_error(parse_window, text)
    assert f'"{text}"' in error.message
    assert complaint in error.message


# ----------------------------------------------------------------------------------------------
# add_cadence


@pytest.mark.parametrize(
    ("start", "cadence", "times", "expected"),
    [
        (date(2026, 11, 23), Cadence(10, "d"), 1, date(2026, 12, 3)),
        (date(2026, 11, 23), Cadence(2, "w"), 1, date(2026, 12, 7)),
        (date(2026, 12, 28), Cadence(1, "w"), 1, date(2027, 1, 4)),
        (date(2026, 11, 23), Cadence(3, "m"), 1, date(2027, 2, 23)),
        (date(2026, 11, 23), Cadence(2, "w"), 3, date(2027, 1, 4)),
        (date(2026, 11, 23), Cadence(10, "d"), -1, date(2026, 11, 13)),
        (date(2026, 11, 23), Cadence(1, "m"), -2, date(2026, 9, 23)),
        (date(2026, 11, 23), Cadence(3, "m"), 0, date(2026, 11, 23)),
    ],
)
def test_add_cadence_counts_days_weeks_and_calendar_months(
    start: date, cadence: Cadence, times: int, expected: date
) -> None:
    assert add_cadence(start, cadence, times) == expected


@pytest.mark.parametrize(
    ("start", "months", "times", "expected"),
    [
        (date(2027, 1, 31), 1, 1, date(2027, 2, 28)),  # not a leap year
        (date(2028, 1, 31), 1, 1, date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), 12, 1, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, 1, date(2032, 2, 29)),
        (date(2027, 3, 31), 1, -1, date(2027, 2, 28)),
        (date(2028, 3, 31), 1, -1, date(2028, 2, 29)),
        (date(2027, 8, 31), 1, 1, date(2027, 9, 30)),
        (date(2027, 12, 31), 1, 1, date(2028, 1, 31)),
        (date(2100, 1, 31), 1, 1, date(2100, 2, 28)),  # century, not a leap year
        (date(2000, 1, 31), 1, 1, date(2000, 2, 29)),  # every 400 years, a leap year
    ],
)
def test_months_clamp_to_the_last_day_of_a_shorter_month(
    start: date, months: int, times: int, expected: date
) -> None:
    assert add_cadence(start, Cadence(months, "m"), times) == expected


def test_several_months_are_counted_from_the_start_not_step_by_step() -> None:
    assert add_cadence(date(2027, 1, 31), Cadence(2, "m")) == date(2027, 3, 31)
    assert add_cadence(date(2027, 1, 31), Cadence(1, "m"), times=2) == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("start", "cadence", "times"),
    [(date(9999, 12, 1), Cadence(1, "m"), 1), (date(1, 1, 5), Cadence(1, "w"), -1)],
)
def test_add_cadence_refuses_to_leave_the_calendar(
    start: date, cadence: Cadence, times: int
) -> None:
    error = usage_error(add_cadence, start, cadence, times)
    assert start.isoformat() in error.message
    assert "outside the calendar" in error.message


@prop
@given(dates, cadences)
def test_adding_a_cadence_always_moves_forward(start: date, cadence: Cadence) -> None:
    assert add_cadence(start, cadence) > start


@prop
@given(dates, dates, cadences)
def test_add_cadence_keeps_the_order_of_start_dates(a: date, b: date, cadence: Cadence) -> None:
    early, late = sorted((a, b))
    assert add_cadence(early, cadence) <= add_cadence(late, cadence)


@prop
@given(dates, month_cadences)
def test_months_keep_the_day_of_month_when_the_target_month_is_long_enough(
    start: date, cadence: Cadence
) -> None:
    moved = add_cadence(start, cadence)
    assert moved.day <= start.day
    target_is_long_enough = moved.day < start.day and (moved + timedelta(days=1)).day == 1
    assert moved.day == start.day or target_is_long_enough
    months = (moved.year - start.year) * 12 + moved.month - start.month
    assert months == cadence.count


@prop
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    month_cadences,
    st.integers(-3, 3),
)
def test_repeated_months_are_one_jump_from_the_start(
    start: date, cadence: Cadence, times: int
) -> None:
    together = Cadence(cadence.count * abs(times), "m")
    expected = add_cadence(start, together, 1 if times >= 0 else -1)
    assert add_cadence(start, cadence, times) == expected


@prop
@given(dates, cadences.filter(lambda c: c.unit != "m"))
def test_days_and_weeks_go_back_exactly_where_they_came_from(start: date, cadence: Cadence) -> None:
    assert add_cadence(add_cadence(start, cadence), cadence, -1) == start
    assert add_cadence(start, cadence) - start == timedelta(days=cadence.approx_days())


# ----------------------------------------------------------------------------------------------
# parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("2026-11-2", date(2026, 11, 2)),
        ("2026-1-2", date(2026, 1, 2)),
        ("2028-02-29", date(2028, 2, 29)),
        ("2026/11/02", date(2026, 11, 2)),  # year first is not ambiguous
        ("2026.11.02", date(2026, 11, 2)),
    ],
)
def test_parse_date_reads_iso_dates(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 24)),
    ],
)
def test_parse_date_reads_today_yesterday_and_tomorrow(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days ago", date(2026, 11, 20)),
        ("1 day ago", date(2026, 11, 22)),
        ("0 days ago", date(2026, 11, 23)),
        ("2 weeks ago", date(2026, 11, 9)),
        ("1 month ago", date(2026, 10, 23)),
        ("a week ago", date(2026, 11, 16)),
        ("3d ago", date(2026, 11, 20)),
        ("2w ago", date(2026, 11, 9)),
        ("2 w ago", date(2026, 11, 9)),
        ("1 year ago", date(2025, 11, 23)),
    ],
)
def test_parse_date_reads_amounts_ago(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2 weeks", date(2026, 12, 7)),
        ("in 3 days", date(2026, 11, 26)),
        ("in a month", date(2026, 12, 23)),
        ("in 2w", date(2026, 12, 7)),
        ("in 3m", date(2027, 2, 23)),
    ],
)
def test_parse_date_reads_amounts_ahead(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last week", date(2026, 11, 16)),
        ("last month", date(2026, 10, 23)),
        ("last year", date(2025, 11, 23)),
        ("next week", date(2026, 11, 30)),
        ("next month", date(2026, 12, 23)),
        ("next year", date(2027, 11, 23)),
    ],
)
def test_last_and_next_unit_are_one_unit_from_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_last_month_from_a_month_end_clamps() -> None:
    assert parse_date("last month", date(2027, 3, 31)) == date(2027, 2, 28)
    assert parse_date("last year", date(2028, 2, 29)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", date(2026, 11, 20)),
        ("fri", date(2026, 11, 20)),
        ("sunday", date(2026, 11, 22)),
        ("tuesday", date(2026, 11, 17)),
        ("monday", date(2026, 11, 23)),  # today is a Monday
        ("mon", date(2026, 11, 23)),
    ],
)
def test_a_bare_weekday_is_the_latest_one_on_or_before_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last friday", date(2026, 11, 20)),
        ("last fri", date(2026, 11, 20)),
        ("last monday", date(2026, 11, 16)),  # strictly before today
        ("last sunday", date(2026, 11, 22)),
    ],
)
def test_last_weekday_is_strictly_before_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next friday", date(2026, 11, 27)),
        ("this friday", date(2026, 11, 27)),
        ("next tue", date(2026, 11, 24)),
        ("next monday", date(2026, 11, 30)),  # strictly after today
        ("this sunday", date(2026, 11, 29)),
    ],
)
def test_next_or_this_weekday_is_the_coming_one(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 20", date(2026, 11, 20)),
        ("November 20", date(2026, 11, 20)),
        ("20 Nov", date(2026, 11, 20)),
        ("20 November", date(2026, 11, 20)),
        ("Nov 20 2026", date(2026, 11, 20)),
        ("Nov 20, 2026", date(2026, 11, 20)),
        ("20 Nov 2026", date(2026, 11, 20)),
        ("Mar 4 2027", date(2027, 3, 4)),
        ("Nov. 20th", date(2026, 11, 20)),
        ("1st May", date(2026, 5, 1)),
        ("sept 3", date(2026, 9, 3)),
        ("Dec 31", date(2026, 12, 31)),  # without a year: the year of today, even if ahead
        ("Feb 29 2028", date(2028, 2, 29)),
    ],
)
def test_parse_date_reads_month_names_with_or_without_a_year(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["  NOV   20 ", "Last  FRIDAY", "\t3 Days Ago\n", "YESTERDAY", " 2026-11-20 "]
)
def test_parse_date_ignores_case_and_spacing(text: str) -> None:
    assert parse_date(text, TODAY) == parse_date(" ".join(text.lower().split()), TODAY)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("03/04", "write 2026-03-04 or Mar 4"),
        ("3/4", "write 2026-03-04 or Mar 4"),
        ("3.4.2026", "write 2026-03-04 or Mar 4"),
        ("3.4.", "write 2026-03-04 or Mar 4"),
        ("03-04", "write 2026-03-04 or Mar 4"),
        ("04/03/26", "write 2026-04-03 or Apr 3"),
        ("04/03/2027", "write 2027-04-03 or Apr 3 2027"),
        ("13/04", "write 2026-04-13 or Apr 13"),  # only one reading exists, still refused
        ("04/04", "write 2026-04-04 or Apr 4"),
        ("40/40", "write the year first, as in 2026-03-04, or the month's name: Mar 4"),
    ],
)
def test_numeric_dates_that_mix_up_day_and_month_are_refused(text: str, hint: str) -> None:
    error = usage_error(parse_date, text, TODAY)
    assert f'"{text}"' in error.message
    assert "ambiguous" in error.message
    assert error.hint == hint


def test_an_ambiguous_date_names_both_readings() -> None:
    error = usage_error(parse_date, "03/04", TODAY)
    assert error.message == '"03/04" is ambiguous: March 4 or April 3?'


@pytest.mark.parametrize(
    "text",
    ["2026-02-30", "Feb 30", "30 Feb 2026", "2027-02-29", "Feb 29 2027", "Nov 31", "Nov 0"],
)
def test_a_day_that_does_not_exist_is_refused(text: str) -> None:
    error = usage_error(parse_date, text, TODAY)
    assert f'"{text}"' in error.message
    assert "does not exist" in error.message


def test_a_missing_day_is_answered_with_the_last_day_of_that_month() -> None:
    error = usage_error(parse_date, "Feb 30", TODAY)
    assert error.message == '"Feb 30" does not exist: February 2026 has 28 days'
    assert error.hint is not None and "2026-02-28" in error.hint


@pytest.mark.parametrize("text", ["2026-13-01", "2026-00-10", "0000-01-01"])
def test_a_month_or_year_that_does_not_exist_is_refused(text: str) -> None:
    error = usage_error(parse_date, text, TODAY)
    assert f'"{text}"' in error.message
    assert "does not exist" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "someday",
        "Nov 2026",
        "20261120",
        "2026",
        "3 fortnights ago",
        "-3 days ago",
        "1.5 weeks ago",
        "in",
        "ago",
        "last",
        "this week",
        "next day",
        "Nov 20 26",
        "Smarch 3",
        "2026-11-02T10:00",
    ],
)
def test_text_that_is_not_a_date_is_answered_with_accepted_forms(text: str) -> None:
    error = usage_error(parse_date, text, TODAY)
    assert f'"{text}"' in error.message
    assert "not a date" in error.message
    assert error.hint is not None
    for example in ("2026-11-02", "yesterday", "3 days ago", "last friday", "Nov 2"):
        assert example in error.hint


@pytest.mark.parametrize("text", ["", "  ", ","])
def test_an_empty_date_is_refused(text: str) -> None:
    error = usage_error(parse_date, text, TODAY)
    assert "empty" in error.message


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("tomorrow", date(9999, 12, 31)),
        ("next friday", date(9999, 12, 31)),
        ("next month", date(9999, 12, 31)),
        ("in 3 days", date(9999, 12, 31)),
        ("99999999 days ago", TODAY),
        ("9" * 5000 + " days ago", TODAY),
    ],
)
def test_a_date_beyond_the_calendar_is_refused(text: str, today: date) -> None:
    error = usage_error(parse_date, text, today)
    assert "outside the calendar" in error.message
    assert len(error.message) < 100


@prop
@given(st.dates())
def test_every_iso_date_reads_back_as_itself(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day


@prop
@given(st.dates())
def test_month_day_year_reads_back_as_itself(day: date) -> None:
    assert parse_date(f"{day:%b} {day.day} {day.year:04}", TODAY) == day
    assert parse_date(f"{day.day} {day:%B}, {day.year:04}", TODAY) == day


@prop
@given(st.integers(0, 700_000))
def test_n_days_ago_is_today_minus_n_days(n: int) -> None:
    assert parse_date(f"{n} days ago", TODAY) == TODAY - timedelta(days=n)
    assert parse_date(f"{n}d ago", TODAY) == TODAY - timedelta(days=n)


@prop
@given(st.integers(0, 1_000_000))
def test_in_n_days_is_today_plus_n_days(n: int) -> None:
    assert parse_date(f"in {n} days", TODAY) == TODAY + timedelta(days=n)


@prop
@given(dates, st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
def test_weekdays_land_on_that_weekday_within_a_week(today: date, name: str) -> None:
    weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(name)
    bare, last, coming = (parse_date(w, today) for w in (name, f"last {name}", f"next {name}"))
    assert bare.weekday() == last.weekday() == coming.weekday() == weekday
    assert 0 <= (today - bare).days < 7
    assert 1 <= (today - last).days <= 7
    assert 1 <= (coming - today).days <= 7
    assert parse_date(f"this {name}", today) == coming


# ----------------------------------------------------------------------------------------------
# describe_delta


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (5, "in 5 days"),
        (-5, "5 days ago"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (15, "in about 2 weeks"),
        (-21, "3 weeks ago"),
        (70, "in 10 weeks"),
        (90, "in about 13 weeks"),
        (91, "in about 3 months"),
        (-400, "about 13 months ago"),
        (729, "in about 24 months"),
        (730, "in about 2 years"),
        (-4000, "about 11 years ago"),
    ],
)
def test_describe_delta_says_a_day_difference_kindly(days: int, words: str) -> None:
    assert describe_delta(days) == words


def _approx_days(words: str) -> float:
    """Reads describe_delta's wording back as a number of days, for the properties below."""
    special = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if words in special:
        return special[words]
    sign = 1 if words.startswith("in ") else -1
    parts = words.removeprefix("in ").removesuffix(" ago").removeprefix("about ").split()
    size = {"days": 1, "weeks": 7, "months": 30.4375, "years": 365.25}[parts[1]]
    return sign * int(parts[0]) * size


@prop
@given(st.integers(-5000, 5000), st.integers(-5000, 5000))
def test_describe_delta_never_says_less_for_more_days(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert _approx_days(describe_delta(low)) <= _approx_days(describe_delta(high))


@prop
@given(st.integers(2, 100_000))
def test_the_past_is_worded_like_the_future(days: int) -> None:
    ahead = describe_delta(days)
    assert ahead.startswith("in ")
    assert describe_delta(-days) == ahead.removeprefix("in ") + " ago"


# ----------------------------------------------------------------------------------------------
# Start-up cost


def test_importing_the_module_loads_no_heavy_modules() -> None:
    source = Path(mentorlog.domain.dates.__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")]),
    }
    code = (
        "import sys; before = set(sys.modules); import mentorlog.domain.dates; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "mentorlog.domain.dates" in loaded
    # typing and re are not listed: every path imports both before this module.
    heavy = {"calendar", "locale", "dateutil", "pydantic", "enum"}
    assert not loaded & heavy
