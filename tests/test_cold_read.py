"""The first read of a journal (no index): one pass over each body, one folder at a time,
memory bounded by a folder, and the same answers as a read from a warm index."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.domain.body import parse_actions, parse_advice, parse_lessons, parse_session_body

_LINES = st.sampled_from(
    [
        "## Actions",
        "## Advice",
        "### Suggestions",
        "## Lessons",
        "# Notes",
        "- [ ] call Ana (advice 1)",
        "- [x] sent it (done 2026-11-02: she liked it)",
        "- a story #tag",
        "  continued",
        "1. ask for a review",
        "prose that stays",
        "",
        "```",
        "~~~",
        "---",
    ]
)


@given(st.lists(_LINES | st.text(max_size=12), max_size=25))
def test_one_pass_finds_the_same_actions_lessons_and_advice_as_three(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert parse_session_body(body) == (
        parse_actions(body),
        parse_lessons(body),
        parse_advice(body),
    )
