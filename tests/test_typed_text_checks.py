"""What a person types into a one-line field is refused, the same way by every command, when it
holds a character that is never plain text: a control, a bidi override, an invisible format
character. The joiners that emoji and many scripts need pass."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal_builder import Builder
from mentorlog.errors import UsageError
from mentorlog.services.records import clean_line

KEPT = {"\u200c", "\u200d"}


def _never_plain(char: str) -> bool:
    if char in KEPT:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs")


@given(st.text(min_size=1, max_size=40))
def test_a_line_is_refused_exactly_when_it_holds_a_character_never_plain(text: str) -> None:
    kept = " ".join(text.split())
    try:
        cleaned = clean_line(text, "a topic")
    except UsageError as exc:
        assert "control character" in exc.message
        assert any(_never_plain(c) for c in kept)
        return
    assert cleaned == (kept or None)
    assert not any(_never_plain(c) for c in kept)


@pytest.mark.parametrize(
    "hostile", ["\x1b[2J", "\u202eevil", "zero\u200bwidth", "\x9b31m", "a\u2066b", "x\U000e0041"]
)
@pytest.mark.parametrize(
    "args",
    [
        ("session", "new", "-m", "ruth", "--no-edit", "--topic"),
        ("mentor", "set", "ruth", "--role"),
        ("agree", "ruth", "--no-edit", "--bring"),
        ("agree", "ruth", "--no-edit", "--confidentiality"),
        ("agree", "ruth", "--no-edit", "--channel"),
    ],
    ids=lambda args: " ".join(args[:2]) + " " + args[-1],
)
def test_every_command_refuses_hidden_characters_and_writes_nothing(
    run, journal_dir, args, hostile
) -> None:
    Builder(journal_dir).mentor("ruth", name="Ruth Park")
    before = {p: p.read_bytes() for p in journal_dir.rglob("*") if p.is_file()}
    result = run(*args, f"before {hostile} after")
    assert result.exit_code == UsageError.exit_code
    assert "control character \\" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    after = {p: p.read_bytes() for p in journal_dir.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p.suffix in (".md", ".toml")} == {
        p: b for p, b in before.items() if p.suffix in (".md", ".toml")
    }


def test_names_in_other_scripts_and_emoji_sequences_pass(run, journal_dir) -> None:
    Builder(journal_dir).mentor("ruth", name="Ruth Park")
    result = run("mentor", "set", "ruth", "--role", "👨\u200d👩\u200d👧 نام\u200cها")
    assert result.exit_code == 0, result.stderr
    assert "نام\u200cها" in (journal_dir / "mentors" / "ruth.toml").read_text()
