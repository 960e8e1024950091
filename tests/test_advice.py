"""Advice to outcome: advice is parsed from a session's "## Advice" section, an action cites it
with "(advice N)", and `due` says whom to tell how it worked out until the next contact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from journal_builder import Builder, flat
from mentorlog.domain import body as body_text

ADVICE_BODY = """## Notes
We talked about the budget.

## Advice
- Ask Sam to run the report.
- Block Friday mornings
  for deep work.

## Actions
- [x] Hand the report to Sam (advice 1) (done 2026-11-10: Sam runs it now, saves me a day)
- [ ] Block Fridays (advice 2)
"""


def test_advice_is_the_list_under_the_advice_heading_numbered_from_one() -> None:
    assert body_text.parse_advice(ADVICE_BODY) == [
        "Ask Sam to run the report.",
        "Block Friday mornings for deep work.",
    ]


def test_prose_advice_from_older_sessions_becomes_one_piece_per_paragraph() -> None:
    body = "## Advice\nTalk to finance first.\nThen decide.\n\nKeep a log.\n\n## Notes\nx\n"
    assert body_text.parse_advice(body) == ["Talk to finance first. Then decide.", "Keep a log."]


def test_advice_inside_a_code_fence_or_under_another_heading_is_not_advice() -> None:
    body = "## Notes\n- not advice\n\n## Advice\n```\n- code\n```\n- real\n"
    assert body_text.parse_advice(body) == ["real"]


def test_an_action_cites_advice_with_a_marker() -> None:
    assert body_text.acts_on("Hand it over (advice 1)") == 1
    assert body_text.acts_on("Hand it over (Advice #12)") == 12
    assert body_text.acts_on("Hand it over (advice)") is None
    assert body_text.acts_on("no marker") is None


@given(st.lists(st.text(alphabet="abc XYZ.,!", min_size=1).map(str.strip).filter(bool)))
def test_advice_written_as_a_list_reads_back_unchanged(items: list[str]) -> None:
    body = body_text.build_body([("Advice", body_text.bullet_list(items))])
    assert body_text.parse_advice(body) == items


def _journal(root: Path) -> Builder:
    return (
        Builder(root)
        .mentor("ruth", name="Ruth Ng", cadence="8w", since="2026-01-01")
        .session("ruth", "2026-11-02", ADVICE_BODY)
    )


def _due_json(run: Any) -> dict[str, Any]:
    result = run("due", "--json")
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_due_says_whom_to_tell_how_their_advice_worked_out(run: Any, journal_dir: Path) -> None:
    _journal(journal_dir)
    result = run("due")
    text = flat(result.stdout)
    assert 'tell Ruth how the advice "Ask Sam to run the report." worked out' in text
    assert "Sam runs it now, saves me a day" in text
    told = _due_json(run)["tell_outcome"]
    assert [(o["mentor"], o["advice"], o["outcome"], o["done"]) for o in told] == [
        ("ruth", "Ask Sam to run the report.", "Sam runs it now, saves me a day", "2026-11-10")
    ]
    assert _due_json(run)["needs_attention"] is True


def test_a_contact_after_the_outcome_clears_the_reminder(run: Any, journal_dir: Path) -> None:
    _journal(journal_dir).session("ruth", "2026-11-12", "## Notes\nTold her.\n", kind="email")
    assert _due_json(run)["tell_outcome"] == []
    assert "how the advice" not in run("due").stdout


def test_a_contact_before_the_outcome_does_not_clear_it(run: Any, journal_dir: Path) -> None:
    _journal(journal_dir).session("ruth", "2026-11-05", "## Notes\nEarlier.\n", kind="email")
    assert len(_due_json(run)["tell_outcome"]) == 1


def test_an_ended_mentor_is_not_asked_to_hear_outcomes(run: Any, journal_dir: Path) -> None:
    _journal(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01", ended="2026-11-15")
    assert _due_json(run)["tell_outcome"] == []


def test_an_action_with_no_outcome_or_no_advice_raises_nothing(run: Any, journal_dir: Path) -> None:
    body = (
        "## Advice\n- One.\n\n## Actions\n"
        "- [x] Did it (advice 1) (done 2026-11-10)\n"
        "- [x] Unrelated (done 2026-11-10: went fine)\n"
    )
    Builder(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01").session(
        "ruth", "2026-11-02", body
    )
    assert _due_json(run)["tell_outcome"] == []


def test_the_reminder_survives_a_warm_index_and_an_old_session(run: Any, journal_dir: Path) -> None:
    """A session older than the summary cutoff still reminds: its reported action stays plain
    in the index, so a warm `due` (the summary path) says the same as a cold one."""
    body = ADVICE_BODY.replace("2026-11-10", "2026-06-10")
    Builder(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01", cadence="52w").session(
        "ruth", "2026-05-02", body
    )
    cold = _due_json(run)["tell_outcome"]
    warm = _due_json(run)["tell_outcome"]
    assert cold == warm
    assert [o["action"] for o in warm] == ["2026-05-02-ruth#1"]


def test_session_new_writes_advice_and_actions_that_cite_it(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01")
    result = run(
        "session", "new", "-m", "ruth", "--notes", "Budget talk.",
        "--advice", "Delegate the report", "--advice", "Protect Friday mornings",
        "--action", "Ask Sam to run it (advice 1)", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (journal_dir / "sessions" / "2026" / "2026-11-23-ruth.md").read_text()
    assert "## Advice\n- Delegate the report\n- Protect Friday mornings\n" in text
    assert "- [ ] Ask Sam to run it (advice 1)" in text
    done = run("action", "done", "2026-11-23-ruth#1", "--outcome", "Sam owns it now")
    assert done.exit_code == 0, done.stderr
    # The call itself was on the day of the outcome: she heard it then.
    assert _due_json(run)["tell_outcome"] == []


def test_an_action_citing_advice_the_session_lacks_is_refused_and_nothing_written(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01")
    result = run(
        "session", "new", "-m", "ruth", "--advice", "One thing",
        "--action", "Do it (advice 2)",
    )  # fmt: skip
    assert result.exit_code != 0
    assert "cites advice 2" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list((journal_dir / "sessions").rglob("*.md"))


def test_action_add_acts_on_marks_the_advice_and_checks_it_exists(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01").session(
        "ruth", "2026-11-02", "## Advice\n- Ask for the budget early.\n"
    )
    path = journal_dir / "sessions" / "2026" / "2026-11-02-ruth.md"
    before = path.read_bytes()
    refused = run("action", "add", "2026-11-02-ruth", "Email finance", "--acts-on", "3")
    assert refused.exit_code != 0 and "advice 1 to 1" in refused.stderr
    assert path.read_bytes() == before
    added = run("action", "add", "2026-11-02-ruth", "Email finance", "--acts-on", "1")
    assert added.exit_code == 0, added.stderr
    assert "- [ ] Email finance (advice 1)" in path.read_text()
    run("action", "done", "2026-11-02-ruth#1", "--outcome", "Got it a month early", "--date",
        "2026-11-10")  # fmt: skip
    told = _due_json(run)["tell_outcome"]
    assert [(o["advice"], o["outcome"]) for o in told] == [
        ("Ask for the budget early.", "Got it a month early")
    ]


def _acted_on(root: Path) -> Builder:
    return (
        Builder(root)
        .mentor("ruth", name="Ruth Ng", since="2026-01-01", cadence="4w")
        .session("ruth", "2026-11-02", ADVICE_BODY)
        .session("ruth", "2026-11-16", "## Notes\nFollow-up.\n")
    )


def test_brief_shows_advice_what_was_tried_and_what_came_of_it(run: Any, journal_dir: Path) -> None:
    _acted_on(journal_dir)
    text = flat(run("brief", "ruth").stdout)
    assert "Ruth's advice and what came of it" in text
    assert (
        "2026-11-02 Ask Sam to run the report. (tried: Hand the report to Sam; "
        "came of it: Sam runs it now, saves me a day)"
    ) in text
    assert "Block Friday mornings for deep work. (trying: Block Fridays)" in text
    data = run("brief", "ruth", "--json").json()
    assert data["advice"][0]["number"] == 1
    assert data["advice"][0]["tried"] == [
        {
            "id": "2026-11-02-ruth#1",
            "text": "Hand the report to Sam (advice 1)",
            "done": "2026-11-10",
            "outcome": "Sam runs it now, saves me a day",
        }
    ]
    assert data["advice"][1]["tried"][0]["done"] is None


def test_review_and_timeline_show_advice(run: Any, journal_dir: Path) -> None:
    _acted_on(journal_dir)
    review = run("review", "--json").json()
    assert [a["text"] for a in review["advice"]] == [
        "Ask Sam to run the report.",
        "Block Friday mornings for deep work.",
    ]
    assert "Advice and what came of it" in flat(run("review").stdout)
    early = run("review", "--since", "2026-11-20", "--json").json()
    assert early["advice"] == []
    events = run("timeline", "ruth", "--json").json()["events"]
    advice = [(e["text"], e["detail"]) for e in events if e["kind"] == "advice"]
    assert advice == [
        ("Ask Sam to run the report.", "advice 1"),
        ("Block Friday mornings for deep work.", "advice 2"),
    ]


def test_session_and_action_json_carry_advice_and_citation(run: Any, journal_dir: Path) -> None:
    _acted_on(journal_dir)
    shown = run("session", "show", "2026-11-02-ruth", "--json").json()
    assert shown["advice"] == ["Ask Sam to run the report.", "Block Friday mornings for deep work."]
    assert [a["acts_on"] for a in shown["actions"]] == [1, 2]


def test_closing_an_action_on_advice_without_an_outcome_says_how_to_add_one(
    run: Any, journal_dir: Path
) -> None:
    body = "## Advice\n- One.\n\n## Actions\n- [ ] Try it (advice 1)\n- [ ] Plain\n"
    Builder(journal_dir).mentor("ruth", name="Ruth Ng", since="2026-01-01").session(
        "ruth", "2026-11-02", body
    )
    on_advice = run("action", "done", "2026-11-02-ruth#1")
    assert on_advice.exit_code == 0, on_advice.stderr
    assert "--outcome TEXT" in on_advice.stderr
    plain = run("action", "done", "2026-11-02-ruth#2")
    assert "--outcome" not in plain.stderr


@given(
    st.text(alphabet="abc XYZ.,-", max_size=20),
    st.integers(min_value=1, max_value=9999),
    st.text(alphabet="abc XYZ.,-", max_size=20),
)
def test_a_citation_anywhere_in_the_text_is_found_and_can_be_left_out(
    before: str, number: int, after: str
) -> None:
    text = f"{before} (advice {number}) {after}"
    assert body_text.acts_on(text) == number
    assert body_text.without_citation(text) == " ".join(f"{before} {after}".split())


def test_a_session_row_keeps_its_advice_and_a_summary_keeps_the_outcome_to_tell() -> None:
    from datetime import date

    from mentorlog.domain.models import Session
    from mentorlog.domain.rows import checked
    from mentorlog.journal import schema

    session = schema.session("2026-11-02-ruth", {"mentor": "ruth", "date": date(2026, 11, 2)},
                             ADVICE_BODY, "sessions/2026/2026-11-02-ruth.md")  # fmt: skip
    row = checked("session", tuple(session.to_row()))
    assert Session.from_row(row) == session
    summary = Session.from_row(row, details=False)
    assert [a.number for a in summary.actions] == [1, 2]  # the reported one and the open one
    assert summary.advice_for(summary.actions[0]) == "Ask Sam to run the report."
