"""The agreement in daily use: `due` reminds you of its review date (the fast path and the full
CLI alike), `review` counts the agreed periods with no contact, and `brief --json` carries the
phase and the agreement."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal_builder import Builder, d
from mentorlog.domain.arc import Agreement, drift_over
from mentorlog.domain.dates import Cadence, add_cadence
from mentorlog.domain.drift import agreed_periods, missed_periods
from test_fastpath import answer as _run  # the fast path or the full CLI

RUNNERS = ("fast", "full")
REVIEW_KEYS = ["mentor", "name", "review", "days_overdue"]


def _agreed(root: Path, review: str, **mentor: Any) -> Builder:
    """Ruth, met a week ago (nobody due a check-in), with an agreement to review on `review`;
    Tomas, whose review is far off."""
    builder = Builder(root)
    builder.mentor(
        "ruth-castellanos",
        cadence="1m",
        since="2026-01-10",
        agreement={"agreed": d("2026-01-10"), "cadence": "1m", "review": d(review)},
        **mentor,
    )
    builder.mentor(
        "tomas-lindqvist",
        cadence="1m",
        since="2026-01-10",
        agreement={"agreed": d("2026-01-10"), "review": d("2027-06-01")},
    )
    builder.session("ruth-castellanos", "2026-11-16", "## Notes\nFine.\n", kind="email")
    builder.session("tomas-lindqvist", "2026-11-16", "## Notes\nFine.\n", kind="email")
    return builder


@pytest.mark.parametrize(
    ("review", "when"), [("2026-11-28", "in 5 days"), ("2026-11-11", "12 days ago")]
)
@pytest.mark.parametrize("runner", RUNNERS)
def test_due_reminds_of_a_review_date_near_or_past(
    runner: str, review: str, when: str, journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    _agreed(journal_dir, review)
    code, out, err = _run(runner, ["due"], capsys, monkeypatch)
    assert code == 0, err
    assert f"review the agreement with Ruth (agreed review {review}, {when})" in out
    assert "Tomas" not in out
    assert "the items above are still open" in err
    assert _run(runner, ["due", "--quiet"], capsys, monkeypatch)[0] == 0


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_review_date_beyond_the_window_waits(
    runner: str, journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    _agreed(journal_dir, "2026-12-10")
    code, out, err = _run(runner, ["due"], capsys, monkeypatch)
    assert code == 0
    assert "review the agreement" not in out
    assert "in touch with everyone" in err
    assert _run(runner, ["due", "--quiet"], capsys, monkeypatch)[0] == 1
    _, wider, _ = _run(runner, ["due", "--within", "3w"], capsys, monkeypatch)
    assert "review the agreement with Ruth (agreed review 2026-12-10, in about 2 weeks)" in wider
    _, later, _ = _run(runner, ["due", "--as-of", "2026-12-12"], capsys, monkeypatch)
    assert "(agreed review 2026-12-10, 2 days ago)" in later


@pytest.mark.parametrize(
    "mentor",
    [
        {"ended": d("2026-11-20")},
        {"paused_until": d("2027-01-10")},
        {"paused": True},
    ],
)
@pytest.mark.parametrize("runner", RUNNERS)
def test_no_review_reminder_for_an_ended_or_paused_relationship(
    runner: str, mentor: dict[str, Any], journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    _agreed(journal_dir, "2026-11-11", **mentor)
    code, out, _ = _run(runner, ["due", "--json"], capsys, monkeypatch)
    assert code == 0
    import json

    assert json.loads(out)["reviews"] == []


@pytest.mark.parametrize("runner", RUNNERS)
def test_agreeing_again_after_the_review_date_is_the_review(
    runner: str, journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    builder = _agreed(journal_dir, "2026-11-11")
    builder.mentor(
        "ruth-castellanos",
        cadence="1m",
        since="2026-01-10",
        agreement={"agreed": d("2026-11-11"), "review": d("2026-11-11")},
    )
    _, out, _ = _run(runner, ["due"], capsys, monkeypatch)
    assert "review the agreement" not in out


def test_the_fast_path_and_the_full_cli_say_the_same(
    journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    _agreed(journal_dir, "2026-11-11")
    for args in (["due"], ["due", "--json"], ["due", "--as-of", "2026-11-01", "--within", "2w"]):
        fast = _run("fast", args, capsys, monkeypatch)
        warm = _run("fast", args, capsys, monkeypatch)  # from the index this time
        full = _run("full", args, capsys, monkeypatch)
        assert fast == warm == full, args
        assert "2026-11-11" in fast[1]


def test_a_changed_review_date_reaches_the_warm_fast_path(
    journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    _agreed(journal_dir, "2027-03-01")
    assert "review the agreement" not in _run("fast", ["due"], capsys, monkeypatch)[1]
    mentor_file = journal_dir / "mentors" / "ruth-castellanos.toml"
    text = mentor_file.read_text(encoding="utf-8")
    mentor_file.write_text(text.replace("2027-03-01", "2026-11-20"), encoding="utf-8")
    _, out, _ = _run("fast", ["due"], capsys, monkeypatch)
    assert "(agreed review 2026-11-20, 3 days ago)" in out


@pytest.mark.parametrize("runner", RUNNERS)
def test_due_json_lists_the_reviews(
    runner: str, journal_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    import json

    _agreed(journal_dir, "2026-11-11")
    code, out, _ = _run(runner, ["due", "--json"], capsys, monkeypatch)
    assert code == 0
    data = json.loads(out)
    assert data["needs_attention"] is True
    assert data["reviews"] == [
        {
            "mentor": "ruth-castellanos",
            "name": "Ruth Castellanos",
            "review": "2026-11-11",
            "days_overdue": 12,
        }
    ]
    assert list(data["reviews"][0]) == REVIEW_KEYS
    assert list(data)[-2:] == ["reviews", "problems"]


# --- review: drift from the agreement -------------------------------------------------------


def _monthly(root: Path, contacts: list[str], **mentor: Any) -> None:
    builder = Builder(root)
    builder.mentor(
        "ruth-castellanos",
        cadence="1m",
        since="2026-01-10",
        agreement={"agreed": d("2026-01-10"), "cadence": "1m"},
        **mentor,
    )
    for day in contacts:
        builder.session("ruth-castellanos", day, "## Notes\nHi.\n", kind="email")


def test_review_counts_the_agreed_months_with_no_contact(run: Any, journal_dir: Path) -> None:
    # Months back from 2026-11-23: (10-23, 11-23], ..., (06-23, 07-23]; the next one,
    # (05-23, 06-23], begins before 2026-05-25, so five whole months are judged.
    _monthly(journal_dir, ["2026-07-01", "2026-11-20", "2026-03-01"])
    result = run("review", "--since", "2026-05-25")
    assert result.exit_code == 0, result.stderr
    assert "Ruth Castellanos: agreed every month, 3 of the last 5 months missed" in result.stdout
    data = run("review", "--since", "2026-05-25", "--json").json()
    assert data["mentors"][0]["drift"] == {"cadence": "1m", "periods": 5, "missed": 3}


def test_review_leaves_out_the_months_of_a_pause(run: Any, journal_dir: Path) -> None:
    _monthly(
        journal_dir,
        ["2026-11-20"],
        paused_since=d("2026-08-01"),
        paused_until=d("2026-10-01"),
    )
    drift = run("review", "--since", "2026-05-25", "--json").json()["mentors"][0]["drift"]
    # (07-23, 08-23], (08-23, 09-23], (09-23, 10-23] touch the pause.
    assert drift == {"cadence": "1m", "periods": 2, "missed": 1}


def test_review_has_no_drift_without_an_agreed_rhythm(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor("nia-okafor", cadence="1m", since="2026-01-10")
    result = run("review", "--json")
    assert result.json()["mentors"][0]["drift"] is None
    assert "Keeping to the agreement" not in run("review").stdout


def test_review_judges_no_period_before_the_agreement(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor(
        "ruth-castellanos",
        since="2026-01-10",
        agreement={"agreed": d("2026-10-01"), "cadence": "2w"},
    )
    drift = run("review", "--json").json()["mentors"][0]["drift"]
    # From 2026-10-02 to 2026-11-23: three whole fortnights back from the end.
    assert drift == {"cadence": "2w", "periods": 3, "missed": 3}


# --- brief --json: phase and agreement ------------------------------------------------------


def test_brief_json_carries_the_phase_and_the_agreement(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor(
        "ruth-castellanos",
        since="2026-01-10",
        phase="separation",
        agreement={
            "agreed": d("2026-01-10"),
            "cadence": "1m",
            "term": "1y",
            "review": d("2026-12-05"),
            "confidentiality": "both ways",
            "channels": ["email", "phone"],
            "bring": "an agenda",
        },
    )
    data = run("brief", "ruth", "--json").json()
    assert data["phase"] == {
        "phase": "separation",
        "set_by_hand": True,
        "suggested": "cultivation",
        "reason": "meeting and working on goals",
    }
    assert data["agreement"] == {
        "agreed": "2026-01-10",
        "cadence": "1m",
        "term": "12m",
        "term_ends": "2027-01-10",
        "review": "2026-12-05",
        "confidentiality": "both ways",
        "channels": ["email", "phone"],
        "bring": "an agenda",
        "drift": {"cadence": "1m", "periods": 6, "missed": 6},
    }


def test_brief_json_without_an_agreement(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor("nia-okafor", since="2026-10-01")
    data = run("brief", "nia", "--json").json()
    assert data["agreement"] is None
    assert data["phase"]["phase"] == "initiation"
    assert data["phase"]["set_by_hand"] is False
    assert data["phase"]["suggested"] == "initiation"


# --- the count, as properties ---------------------------------------------------------------

days = st.dates(date(2020, 1, 1), date(2030, 1, 1))
cadences = st.builds(Cadence, st.integers(1, 8), st.sampled_from("dwm"))


@given(st.lists(days, max_size=30), days, st.integers(0, 800), cadences)
def test_missed_never_exceeds_the_periods(contacts, last_day, span, cadence):
    first_day = last_day - timedelta(days=span)
    periods, missed = missed_periods(cadence, contacts, first_day, last_day)
    assert 0 <= missed <= periods
    for begin, end in agreed_periods(cadence, first_day, last_day):
        assert first_day <= begin + timedelta(days=1) and end <= last_day


@given(days, st.integers(0, 800), cadences)
def test_no_contact_misses_every_period(last_day, span, cadence):
    first_day = last_day - timedelta(days=span)
    periods, missed = missed_periods(cadence, [], first_day, last_day)
    assert missed == periods


@given(days, st.integers(0, 800), cadences, st.data())
def test_a_contact_in_every_period_misses_none(last_day, span, cadence, data):
    first_day = last_day - timedelta(days=span)
    contacts = []
    for begin, end in agreed_periods(cadence, first_day, last_day):
        offset = data.draw(st.integers(1, (end - begin).days))
        contacts.append(begin + timedelta(days=offset))
    assert missed_periods(cadence, contacts, first_day, last_day)[1] == 0


@given(st.lists(days, max_size=30), days, st.integers(0, 800), cadences)
def test_contacts_outside_the_window_change_nothing(contacts, last_day, span, cadence):
    first_day = last_day - timedelta(days=span)
    inside = [c for c in contacts if first_day <= c <= last_day]
    assert missed_periods(cadence, contacts, first_day, last_day) == missed_periods(
        cadence, inside, first_day, last_day
    )


@given(st.lists(days, max_size=20), days, st.integers(0, 800), cadences)
def test_the_review_drift_stays_inside_the_relationship(contacts, until, span, cadence):
    since = until - timedelta(days=span)
    agreed = since + timedelta(days=span // 3)
    found = drift_over(Agreement(agreed, cadence=cadence), contacts, since, until)
    if found is not None:
        assert 0 <= found.missed <= found.periods
        first_begin = add_cadence(until, cadence, -found.periods)
        assert first_begin >= agreed
