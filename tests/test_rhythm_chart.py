"""The contact-rhythm pictures: each mentor's contacts against their cadence, in `review`,
`team` and `timeline`, and the pure computation behind them (`domain.rhythm`)."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_builder import Builder, d
from mentorlog.domain import rhythm
from mentorlog.domain.dates import Cadence
from mentorlog.domain.models import Mentor
from mentorlog.render.rhythm import ASCII_MARKS, MARKS, chart

BEGAN = d("2025-06-02")
TODAY = d("2026-11-23")
TWO_WEEKS = Cadence(2, "w")


def fortnights(until: date, skip: set[int] | None = None) -> list[date]:
    days, n = [], 0
    while (day := BEGAN + timedelta(days=14 * n)) <= until:
        if n not in (skip or set()):
            days.append(day)
        n += 1
    return days


KEPT = fortnights(TODAY)
# from March 2026 on every contact comes three weeks late
MISSED = [*fortnights(d("2026-03-01")), d("2026-03-30"), d("2026-05-11"), d("2026-06-22")]
PAUSED = fortnights(d("2026-06-30"))
ENDED = fortnights(d("2026-03-02"))


@pytest.fixture
def four(journal_dir):
    """Four mentors met every two weeks: one kept the rhythm, one missed it, one paused, one
    ended."""
    b = Builder(journal_dir)
    common = {"cadence": "2w", "since": BEGAN}
    b.mentor("kate-kept", name="Kate Kept", **common)
    b.mentor("mia-missed", name="Mia Missed", **common)
    b.mentor(
        "paul-paused",
        name="Paul Paused",
        paused_since=d("2026-07-01"),
        paused_until=d("2027-01-31"),
        **common,
    )
    b.mentor("ed-ended", name="Ed Ended", ended=d("2026-03-02"), **common)
    for mentor, days in (
        ("kate-kept", KEPT),
        ("mia-missed", MISSED),
        ("paul-paused", PAUSED),
        ("ed-ended", ENDED),
    ):
        for day in days:
            b.session(mentor, day.isoformat(), kind="check-in", topic="catch up")
    return b


def rows_of(out: str, heading: str) -> dict[str, str]:
    """The chart under `heading`: each row's label and its marks, from the column where the
    marks of every row begin."""
    rows = []
    for line in out[out.index(heading) :].splitlines()[2:]:
        if not line.strip() or line.startswith(("●", "o ")):
            break
        rows.append(line)
    column = max(len(line.split("  ")[0]) for line in rows) + 2
    return {line[:column].strip(): line[column:] for line in rows}


def line_of(mentor: Mentor, contacts: list[date], since: date = BEGAN) -> rhythm.RhythmLine:
    return rhythm.rhythm_line(mentor, contacts, TWO_WEEKS, since, TODAY)


# --- the computation -------------------------------------------------------------------------


def test_a_kept_two_week_rhythm_is_on_time_every_time():
    line = line_of(Mentor("k", "K", since=BEGAN), KEPT)
    assert line.count(rhythm.ON_TIME) == len(KEPT)
    assert line.count(rhythm.LATE) == line.count(rhythm.MISSED) == 0


def test_a_missed_rhythm_has_late_contacts_and_missed_days():
    line = line_of(Mentor("m", "M", since=BEGAN), MISSED)
    assert line.count(rhythm.LATE) == 3
    assert line.state_on(d("2026-03-20")) == rhythm.MISSED
    assert line.state_on(d("2026-03-30")) == rhythm.LATE
    # after the last contact nobody came back: every day since its due date is missed
    assert line.state_on(TODAY) == rhythm.MISSED


def test_a_pause_is_not_neglect_and_its_end_restarts_the_clock():
    mentor = Mentor(
        "p", "P", since=BEGAN, paused_since=d("2026-07-01"), paused_until=d("2026-09-01")
    )
    line = line_of(mentor, [*PAUSED, d("2026-09-10")])
    assert line.state_on(d("2026-08-15")) == rhythm.PAUSED
    assert line.state_on(d("2026-09-01")) == rhythm.WAITING
    assert line.state_on(d("2026-09-10")) == rhythm.LATE  # due the day the pause ended
    assert line.state_on(d("2026-09-20")) == rhythm.WAITING


def test_an_ended_relationship_is_ended_not_missed():
    line = line_of(Mentor("e", "E", since=BEGAN, ended=d("2026-03-02")), ENDED)
    assert line.state_on(ENDED[-1]) == rhythm.ON_TIME
    assert set(line.days[(d("2026-03-03") - BEGAN).days :]) == {rhythm.ENDED}


def test_days_before_the_start_and_contacts_before_the_period():
    mentor = Mentor("k", "K", since=BEGAN)
    line = rhythm.rhythm_line(mentor, KEPT, TWO_WEEKS, d("2025-05-01"), d("2025-06-30"))
    assert line.state_on(d("2025-05-31")) == rhythm.BEFORE
    since = KEPT[20] + timedelta(days=2)
    late_start = rhythm.rhythm_line(mentor, KEPT, TWO_WEEKS, since, TODAY)
    # the contact two days before falls outside this period, yet it is why today is not missed
    assert late_start.state_on(since) == rhythm.WAITING
    # never contacted: waiting for a first contact, as `due` says, never missed
    assert rhythm.rhythm_line(mentor, [], TWO_WEEKS, since, TODAY).state_on(since) == rhythm.WAITING


def test_a_cell_shows_its_most_telling_day():
    line = line_of(Mentor("m", "M", since=BEGAN), MISSED)
    month = rhythm.cells(line, [(d("2026-03-01"), d("2026-03-31"))])
    assert month[0].state == rhythm.LATE
    between = (KEPT[20] + timedelta(days=1), KEPT[21] - timedelta(days=1))
    quiet = rhythm.cells(line_of(Mentor("k", "K", since=BEGAN), KEPT), [between])
    assert quiet[0].state == rhythm.WAITING


def test_the_step_grows_with_the_period_and_always_covers_it():
    assert rhythm.step_for(d("2026-08-23"), TODAY, 60) == "week"
    assert rhythm.step_for(BEGAN, TODAY, 60) == "fortnight"
    assert rhythm.step_for(d("2016-01-01"), TODAY, 60) == "quarter"
    spans = rhythm.spans(BEGAN, TODAY, "month")
    assert spans[0][0] == BEGAN and spans[-1][1] == TODAY
    assert all(b[0] - a[1] == timedelta(days=1) for a, b in itertools.pairwise(spans))


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(date(2000, 1, 1), date(2026, 11, 1)),
    length=st.integers(1, 4000),
    width=st.integers(30, 220),
    ascii_only=st.booleans(),
)
def test_any_period_fits_any_width_and_names_a_year(start, length, width, ascii_only):
    until = start + timedelta(days=length)
    mentor = Mentor("k", "Kate Kept", since=start)
    contacts = [start + timedelta(days=n) for n in range(0, length, 17)]
    line = rhythm.rhythm_line(mentor, contacts, TWO_WEEKS, start, until)
    text = chart([("Kate", line), ("Someone With A Very Long Name", line)], width, ascii_only)
    lines = text.plain.splitlines()
    assert all(len(x) <= width for x in lines)
    assert re.search(r"'\d\d|\d{4}", lines[0])
    if ascii_only:
        assert all(ord(ch) < 128 for x in lines for ch in x)


# --- the commands ----------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["80", "100"])
def test_review_draws_each_rhythm_over_the_whole_period(run, four, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = run("review", "--since", "2025-06-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert all(len(line) <= int(columns) for line in out.splitlines())
    assert "\x1b" not in out
    chart_lines = out[out.index("Each mentor against their cadence") :].splitlines()
    assert "Jun '25" in chart_lines[1] and "Jan '26" in chart_lines[1]
    assert chart_lines[1].rstrip().endswith("Nov")
    rows = rows_of(out, "Each mentor against their cadence")
    assert set(rows) == {"Kate", "Mia", "Paul", "Ed"}
    assert set(rows["Kate"]) - {" "} <= {MARKS[rhythm.ON_TIME], MARKS[rhythm.WAITING]}
    assert MARKS[rhythm.ON_TIME] in rows["Kate"]
    assert {MARKS[rhythm.MISSED], MARKS[rhythm.LATE]} <= set(rows["Mia"])
    assert MARKS[rhythm.PAUSED] in rows["Paul"] and MARKS[rhythm.MISSED] not in rows["Paul"]
    assert rows["Ed"].rstrip().endswith(MARKS[rhythm.ENDED])
    assert MARKS[rhythm.MISSED] not in rows["Ed"]
    # the same number of cells in every row: one period, one axis
    assert len({len(marks.rstrip()) for marks in rows.values()}) == 1


def test_team_shows_a_strip_per_member(run, four):
    out = run("team").stdout
    rows = rows_of(out, "Keeping in touch, week by week")
    assert set(rows) == {"Kate", "Mia", "Paul"}  # Ed's relationship has ended
    assert set(rows["Kate"]) - {" "} <= {MARKS[rhythm.ON_TIME], MARKS[rhythm.WAITING]}
    assert MARKS[rhythm.MISSED] in rows["Mia"]
    assert MARKS[rhythm.PAUSED] in rows["Paul"]
    assert all(len(line) <= 100 for line in out.splitlines())


def test_timeline_shows_the_relationship_as_one_strip(run, four, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("timeline", "ed-ended").stdout
    rows = rows_of(out, "In touch every 2w, since it began")
    assert list(rows) == ["Ed"]
    assert rows["Ed"].rstrip().endswith(MARKS[rhythm.ENDED])
    axis = out[out.index("In touch every 2w") :].splitlines()[1]
    assert axis.split()[:2] == ["Jun", "'25"] and "Jan '26" in axis
    assert all(len(line) <= 80 for line in out.splitlines())


def test_the_chart_falls_back_to_ascii_marks():
    line = line_of(Mentor("m", "M", since=BEGAN), MISSED)
    text = chart([("Mia", line)], 80, ascii_only=True).plain
    assert ASCII_MARKS[rhythm.MISSED] in text and ASCII_MARKS[rhythm.LATE] in text
    assert all(ord(ch) < 128 for ch in text)


def test_names_in_the_chart_are_data(run, journal_dir):
    Builder(journal_dir).mentor("x", name="[bold]Eve\x1b[31m", cadence="2w", since=BEGAN)
    out = run("team").stdout
    assert "\x1b" not in out and "[bold]Eve" in out
