"""The arc of a mentorship: the agreement, phases, and a brief that fits the moment."""

from __future__ import annotations

import tomllib
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from journal_builder import Builder, flat
from mentorlog.domain.arc import Agreement, drift, suggest_phase
from mentorlog.domain.dates import Cadence


def _ruth(journal_dir):
    Builder(journal_dir).mentor("ruth", name="Ruth Park", since="2026-01-05")


def test_agree_with_flags_writes_the_table_and_sets_the_cadence(run, journal_dir):
    _ruth(journal_dir)
    path = journal_dir / "mentors" / "ruth.toml"
    path.write_text(path.read_text() + "# how we met: a conference\n")
    result = run(
        "agree", "ruth", "--no-edit", "--cadence", "monthly", "--term", "6m",
        "--review", "2027-03-01", "--confidentiality", "both ways",
        "--channel", "email", "--channel", "phone", "--bring", "a written update",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert "# how we met: a conference" in text
    data = tomllib.loads(text)
    assert data["cadence"] == "1m"
    assert data["agreement"]["term"] == "6m"
    assert data["agreement"]["channels"] == ["email", "phone"]
    assert data["agreement"]["review"] == date(2027, 3, 1)
    assert data["ground_rules"] == data["agreement"]["agreed"]


def test_agree_again_keeps_what_it_does_not_change_and_comments_in_the_table(run, journal_dir):
    _ruth(journal_dir)
    assert run("agree", "ruth", "--no-edit", "--term", "6m").exit_code == 0
    path = journal_dir / "mentors" / "ruth.toml"
    path.write_text(path.read_text().replace("[agreement]\n", "[agreement]\n# signed\n"))
    assert run("agree", "ruth", "--no-edit", "--channel", "email").exit_code == 0
    text = path.read_text()
    assert "# signed" in text
    assert tomllib.loads(text)["agreement"]["term"] == "6m"


def test_agree_refuses_bad_input_and_writes_nothing(run, journal_dir):
    _ruth(journal_dir)
    path = journal_dir / "mentors" / "ruth.toml"
    before = path.read_bytes()
    for args in (
        ("--cadence", "sometimes"),
        ("--term", "0d"),
        ("--review", "2020-01-01"),
        ("--channel", "a\x01b"),
    ):
        result = run("agree", "ruth", "--no-edit", *args)
        assert result.exit_code != 0
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert path.read_bytes() == before


def test_agree_in_the_editor_replaces_the_table(run, journal_dir, tmp_path, monkeypatch):
    _ruth(journal_dir)
    assert run("agree", "ruth", "--no-edit", "--term", "6m", "--bring", "notes").exit_code == 0
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\nsed -i -e 's/^term = .*/term = \"1y\"/' -e '/^bring = /d' \"$1\"\n"
    )
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    result = run("agree", "ruth", "--edit")
    assert result.exit_code == 0, result.stderr
    agreement = tomllib.loads((journal_dir / "mentors" / "ruth.toml").read_text())["agreement"]
    assert agreement["term"] == "12m"
    assert "bring" not in agreement


def test_phase_and_not_applicable_are_stored_and_checked(run, journal_dir):
    _ruth(journal_dir)
    result = run("mentor", "set", "ruth", "--phase", "sep", "--not-applicable", "cv")
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads((journal_dir / "mentors" / "ruth.toml").read_text())
    assert data["phase"] == "separation"
    assert data["not_applicable"] == ["resume"]
    assert run("mentor", "set", "ruth", "--phase", "dormant").exit_code != 0
    assert run("mentor", "set", "ruth", "--not-applicable", "lunch").exit_code != 0
    run("mentor", "set", "ruth", "--phase", "auto", "--applicable", "resume")
    data = tomllib.loads((journal_dir / "mentors" / "ruth.toml").read_text())
    assert "phase" not in data and "not_applicable" not in data


def test_brief_marks_items_not_applicable_and_shows_the_agreement(run, journal_dir):
    _ruth(journal_dir)
    run("mentor", "set", "ruth", "--not-applicable", "resume")
    run("agree", "ruth", "--no-edit", "--cadence", "monthly", "--channel", "email")
    out = flat(run("brief", "ruth").stdout)
    assert "your resume sent: not applicable" in out
    assert "Getting started (2 missing)" in out
    assert "Channels: email" in out
    assert "Phase: cultivation" in out


def test_brief_of_an_ended_relationship_does_not_nag(run, journal_dir):
    _ruth(journal_dir)
    run("mentor", "end", "ruth")
    out = flat(run("brief", "ruth").stdout)
    assert "Getting started" not in out
    assert "Phase: separation" in out


def test_brief_kind_intro_prepares_a_first_call(run, journal_dir):
    _ruth(journal_dir)
    result = run("brief", "ruth", "--kind", "intro")
    assert result.exit_code == 0, result.stderr
    assert "A first call" in flat(result.stdout)


def test_an_old_journal_loads_unchanged(run, example_dir):
    assert run("brief", "ruth", "--json").exit_code == 0
    assert run("due").exit_code in (0, 1)


def _phase(**overrides):
    arguments = {
        "start": date(2026, 1, 1),
        "ended": None,
        "contacts": [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)],
        "goals_closed_independently": 0,
        "open_goals": 1,
        "cadence": Cadence(1, "m"),
        "agreement": None,
        "today": date(2026, 5, 1),
    }
    return suggest_phase(**{**arguments, **overrides}).phase


def test_phase_follows_the_history():
    assert _phase() == "cultivation"
    assert _phase(today=date(2026, 2, 1)) == "initiation"
    assert _phase(goals_closed_independently=1, open_goals=0) == "separation"
    assert _phase(agreement=Agreement(date(2026, 1, 1), term=Cadence(3, "m"))) == "separation"
    assert _phase(contacts=[date(2026, 1, 1), date(2026, 1, 20), date(2026, 4, 30)]) == (
        "cultivation"
    )
    assert _phase(contacts=[date(2025, 1, 1), date(2025, 6, 1), date(2026, 1, 1)]) == ("separation")
    assert _phase(ended=date(2026, 3, 15)) == "redefinition"
    assert _phase(ended=date(2026, 4, 15)) == "separation"


def test_drift_counts_the_missed_months():
    agreement = Agreement(date(2026, 1, 1), cadence=Cadence(1, "m"))
    found = drift(
        agreement, [date(2026, 6, 10), date(2026, 4, 10), date(2026, 2, 10)], date(2026, 7, 1)
    )
    assert found is not None
    assert found.describe() == "agreed every month, 3 of the last 6 months missed"


@given(
    st.lists(st.dates(date(2020, 1, 1), date(2030, 1, 1)), max_size=20),
    st.dates(date(2021, 1, 1), date(2029, 1, 1)),
    st.integers(1, 8),
    st.sampled_from("dwm"),
)
def test_drift_never_counts_more_than_it_looked_at(contacts, today, count, unit):
    found = drift(Agreement(None, cadence=Cadence(count, unit)), contacts, today)
    assert found is not None
    assert 0 <= found.missed <= found.periods <= 6


@given(
    st.builds(
        Agreement,
        st.none() | st.dates(date(2000, 1, 1), date(2090, 1, 1)),
        st.none() | st.builds(Cadence, st.integers(1, 30), st.sampled_from("dwm")),
        st.none() | st.builds(Cadence, st.integers(1, 30), st.sampled_from("dwm")),
        st.none() | st.dates(date(2000, 1, 1), date(2090, 1, 1)),
        st.none() | st.text(min_size=1),
        st.lists(st.text(min_size=1), max_size=3),
        st.none() | st.text(min_size=1),
    )
)
def test_agreement_rows_round_trip(agreement):
    from mentorlog.domain.rows import _agreement

    row = agreement.to_row()
    assert _agreement(row)
    assert Agreement.from_row(row) == agreement
