"""A kind of session is read by one check (domain/models.py `check_kind`), so every command that
takes one accepts the same spellings: `--kind thank-you` means thanks for `session list`,
`search`, `meet` and `template` alike, and a word that is no kind is refused by all of them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.models import KINDS, check_kind
from mentorlog.errors import UsageError
from mentorlog.services.brief import CALL_PURPOSES, check_purpose
from mentorlog.user import templates as usertemplates

SPELLINGS = ["thank-you", "Thanks", "Check In", "checkin", "check_in", "questions", "e-mail", "msg"]


def accepted(check, text: str) -> str | None:  # type: ignore[no-untyped-def]
    try:
        return str(check(text))
    except UsageError:
        return None


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize(
    "command",
    [("session", "list", "--kind"), ("search", "budget", "--kind"), ("template", "show")],
)
def test_each_command_reads_a_spelling_of_a_kind_as_the_kind_itself(
    run, example_dir, command, spelling
):
    canonical = check_kind(spelling)
    as_typed = run(*command, spelling)
    as_named = run(*command, canonical)
    assert as_typed.exit_code == as_named.exit_code, as_typed.stderr
    assert as_typed.stdout == as_named.stdout
    assert "not a kind" not in as_typed.stderr and "no template" not in as_typed.stderr


def test_meet_books_a_spelling_of_a_kind_as_the_kind_itself(run, example_dir):
    result = run("meet", "ruth", "2026-12-01", "--kind", "thank-you", "--json")
    assert result.exit_code == 0, result.stderr
    assert "thanks" in (example_dir / "mentors" / "ruth-castellanos.toml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "command",
    [
        ("session", "list", "--kind"),
        ("search", "budget", "--kind"),
        ("template", "show"),
        ("brief", "ruth", "--kind"),
        ("meet", "ruth", "2026-12-01", "--kind"),
    ],
)
def test_a_word_that_is_no_kind_is_refused_by_every_command(run, example_dir, command):
    before = (example_dir / "mentors" / "ruth-castellanos.toml").read_bytes()
    result = run(*command, "gossip")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert "'gossip'" in lines[0] and "Traceback" not in result.stderr
    assert (example_dir / "mentors" / "ruth-castellanos.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("spelling", "purpose"),
    [
        ("checkin", "check-in"),
        ("check", "check-in"),
        ("Check In", "check-in"),
        ("questions", "question"),
        ("Introduction", "intro"),
        ("first", "intro"),
    ],
)
def test_brief_reads_a_kind_of_call_as_session_new_does(run, example_dir, spelling, purpose):
    result = run("brief", "ruth", "--kind", spelling, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["purpose"] == purpose


texts = st.one_of(
    st.sampled_from([*SPELLINGS, *KINDS, "reflection", "Reflection", "first", " intro "]),
    st.text(alphabet="abcdefghiknoqrstuy -_CT", max_size=14),
)


@given(texts)
def test_a_template_kind_is_a_session_kind_or_reflection(text):
    expected = "reflection" if text.strip().lower() == "reflection" else accepted(check_kind, text)
    assert accepted(usertemplates.check_kind, text) == expected


@given(texts)
def test_a_kind_of_call_is_a_session_kind_that_a_call_can_have(text):
    kind = "intro" if text.strip().lower() == "first" else accepted(check_kind, text)
    expected = kind if kind in CALL_PURPOSES else None
    assert accepted(check_purpose, text) == expected
