"""The Markdown body of session files: action items, lessons, sections and templates."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mentorlog.domain.body import (
    Action,
    Lesson,
    add_action,
    build_body,
    bullet_list,
    is_blank_template,
    parse_actions,
    parse_actions_and_lessons,
    parse_lessons,
    reopen_action,
    section_text,
    sections,
    tick_action,
)
from mentorlog.errors import Conflict, NotFound, UsageError

DOC_BODY = """\
## Agenda
- Check in on the presentation outline

## Notes
She walked through how she rehearses with a hostile audience.

## Advice
- Lead with the one number the council will remember.

## Lessons
- Her first hearing went badly; she now rehearses with her harshest critic. #presenting

## Actions
- [ ] Rehearse the presentation with Marco
- [x] Send her the outline (done 2026-11-05: she replied with three comments)
"""

NOV_6 = date(2026, 11, 6)


def texts(body: str) -> list[str]:
    return [a.text for a in parse_actions(body)]


# --- parse_actions --------------------------------------------------------------------------


def test_the_documented_example_has_two_numbered_actions() -> None:
    assert parse_actions(DOC_BODY) == [
        Action(1, 13, "Rehearse the presentation with Marco", False, None, None, "Actions"),
        Action(
            2,
            14,
            "Send her the outline",
            True,
            date(2026, 11, 5),
            "she replied with three comments",
            "Actions",
        ),
    ]


def test_boxes_are_open_with_a_space_and_done_with_x_or_capital_x() -> None:
    body = "- [ ] open\n- [x] small x\n- [X] capital X\n"
    assert [a.done for a in parse_actions(body)] == [False, True, True]


def test_star_plus_and_indented_nested_items_are_actions_too() -> None:
    body = "* [ ] star\n+ [ ] plus\n- parent\n  - [ ] nested\n\t- [x] tab nested\n"
    assert texts(body) == ["star", "plus", "nested", "tab nested"]


def test_numbers_count_checkbox_lines_anywhere_in_the_body_from_the_top() -> None:
    body = "- [ ] before any heading\n## Notes\n- [ ] in notes\n## Actions\n- [ ] in actions\n"
    actions = parse_actions(body)
    assert [(a.number, a.section) for a in actions] == [(1, None), (2, "Notes"), (3, "Actions")]


def test_line_is_the_zero_based_index_into_the_body_lines() -> None:
    body = "intro\n\n- [ ] a\ntext\n- [ ] b"
    assert [a.line for a in parse_actions(body)] == [2, 4]
    for action in parse_actions(body):
        assert body.split("\n")[action.line].endswith(action.text)


def test_section_is_the_title_of_the_nearest_heading_above() -> None:
    body = "# Call ##\n## Actions\n### Later\n- [ ] x\n"
    assert parse_actions(body)[0].section == "Later"


def test_a_box_must_be_a_list_item_followed_by_space_or_line_end() -> None:
    body = "- [x]done\n-[ ] no space\n[ ] no bullet\n- [] empty box\n- [y] other mark\n- [ ]\n"
    assert texts(body) == [""]


def test_a_checkbox_with_no_text_is_still_counted() -> None:
    actions = parse_actions("- [ ] \n- [ ] real\n")
    assert [(a.number, a.text) for a in actions] == [(1, ""), (2, "real")]


def test_ordered_list_items_are_not_actions() -> None:
    assert parse_actions("1. [ ] numbered\n") == []


def test_lines_inside_backtick_and_tilde_fences_are_not_actions() -> None:
    body = "```\n- [ ] in code\n```\n~~~markdown\n- [x] in tilde code\n~~~\n- [ ] real\n"
    assert parse_actions(body) == [Action(1, 6, "real", False)]


def test_indented_fences_inside_list_items_hide_their_lines_too() -> None:
    body = "- step\n  ```\n  - [ ] code\n  ```\n- [ ] real\n"
    assert texts(body) == ["real"]


def test_a_fence_closes_only_with_the_same_character_at_least_as_long() -> None:
    body = "````\n```\n~~~~\n- [ ] still code\n`````\n- [ ] real\n"
    assert texts(body) == ["real"]


def test_a_fence_that_is_never_closed_runs_to_the_end() -> None:
    assert texts("- [ ] before\n```\n- [ ] code\n\n## Actions\n- [ ] code too\n") == ["before"]


def test_triple_backticks_with_backticks_after_them_are_inline_code_not_a_fence() -> None:
    assert texts("```inline``` code\n- [ ] real\n") == ["real"]


def test_done_suffix_gives_the_date() -> None:
    action = parse_actions("- [x] Send it (done 2026-11-05)")[0]
    assert (action.text, action.done_on, action.outcome) == ("Send it", date(2026, 11, 5), None)


def test_done_suffix_with_outcome() -> None:
    action = parse_actions("- [x] Send it (done 2026-11-05: she loved it)")[0]
    assert (action.text, action.done_on, action.outcome) == (
        "Send it",
        date(2026, 11, 5),
        "she loved it",
    )


def test_a_done_box_without_suffix_is_done_with_no_date() -> None:
    action = parse_actions("- [x] Send it\n")[0]
    assert (action.done, action.done_on, action.outcome, action.text) == (
        True,
        None,
        None,
        "Send it",
    )


def test_the_outcome_may_contain_parentheses() -> None:
    action = parse_actions("- [x] Ask (politely) (done 2026-11-05: yes (after a week))")[0]
    assert (action.text, action.outcome) == ("Ask (politely)", "yes (after a week)")


def test_the_outcome_may_contain_unmatched_parentheses() -> None:
    action = parse_actions("- [x] Ask (done 2026-11-05: she said yes :))")[0]
    assert (action.text, action.outcome) == ("Ask", "she said yes :)")


def test_the_suffix_is_the_last_done_group_that_closes_the_line() -> None:
    action = parse_actions("- [x] Mark (done 2026-01-01) in the sheet (done 2026-11-05)")[0]
    assert (action.text, action.done_on) == (
        "Mark (done 2026-01-01) in the sheet",
        date(2026, 11, 5),
    )


def test_an_outcome_quoting_a_done_group_is_still_one_outcome() -> None:
    action = parse_actions("- [x] A (done 2026-11-05: x (done 2026-01-01: y))")[0]
    assert (action.done_on, action.outcome) == (date(2026, 11, 5), "x (done 2026-01-01: y)")


def test_a_done_group_that_is_not_at_the_end_is_part_of_the_text() -> None:
    action = parse_actions("- [x] Sent (done 2026-11-05) and again\n")[0]
    assert (action.text, action.done_on) == ("Sent (done 2026-11-05) and again", None)


def test_a_suffix_with_an_impossible_date_is_part_of_the_text() -> None:
    action = parse_actions("- [x] Sent (done 2026-02-30)")[0]
    assert (action.text, action.done_on) == ("Sent (done 2026-02-30)", None)


def test_trailing_spaces_after_the_suffix_are_allowed() -> None:
    assert parse_actions("- [x] Sent (done 2026-11-05)   ")[0].done_on == date(2026, 11, 5)


def test_a_leftover_suffix_on_an_open_box_is_not_a_done_date() -> None:
    action = parse_actions("- [ ] Sent (done 2026-11-05)")[0]
    assert (action.done, action.done_on, action.text) == (False, None, "Sent")


def test_empty_body_and_heading_only_body_have_no_actions() -> None:
    assert parse_actions("") == []
    assert parse_actions("\n") == []
    assert parse_actions("## Agenda\n## Actions\n") == []


def test_a_body_without_trailing_newline_is_read_to_its_last_line() -> None:
    assert texts("## Actions\n- [ ] last line") == ["last line"]


def test_unicode_text_survives_parsing() -> None:
    assert texts("- [ ] 🎤 לחזור על המצגת مع ماركو 👩🏽‍💻\n") == [
        "🎤 לחזור על המצגת مع ماركو 👩🏽‍💻"
    ]


# --- tick_action ---------------------------------------------------------------------------


def test_tick_checks_the_box_and_appends_the_date() -> None:
    assert tick_action("- [ ] Send it\n", 1, NOV_6) == "- [x] Send it (done 2026-11-06)\n"


def test_tick_with_an_outcome() -> None:
    assert (
        tick_action("- [ ] Send it\n", 1, NOV_6, "she replied")
        == "- [x] Send it (done 2026-11-06: she replied)\n"
    )


def test_tick_changes_only_that_line() -> None:
    ticked = tick_action(DOC_BODY, 1, NOV_6)
    assert ticked == DOC_BODY.replace(
        "- [ ] Rehearse the presentation with Marco",
        "- [x] Rehearse the presentation with Marco (done 2026-11-06)",
    )


def test_tick_keeps_indentation_and_bullet_character() -> None:
    body = "- parent\n    *\t[ ] nested\n"
    assert tick_action(body, 1, NOV_6) == "- parent\n    *\t[x] nested (done 2026-11-06)\n"


def test_tick_keeps_a_missing_trailing_newline() -> None:
    assert tick_action("- [ ] a", 1, NOV_6) == "- [x] a (done 2026-11-06)"


def test_tick_keeps_trailing_spaces_after_the_suffix() -> None:
    assert tick_action("- [ ] a  \n", 1, NOV_6) == "- [x] a (done 2026-11-06)  \n"


def test_tick_an_action_with_no_text() -> None:
    assert tick_action("- [ ]", 1, NOV_6) == "- [x] (done 2026-11-06)"


def test_tick_folds_newlines_in_the_outcome_to_spaces() -> None:
    ticked = tick_action("- [ ] a\n", 1, NOV_6, "first\nsecond\r\n third\u2028fourth\n")
    assert ticked == "- [x] a (done 2026-11-06: first second third fourth)\n"


def test_tick_with_a_blank_outcome_writes_just_the_date() -> None:
    assert tick_action("- [ ] a\n", 1, NOV_6, "  \n ") == "- [x] a (done 2026-11-06)\n"


def test_tick_an_outcome_with_parentheses_reads_back_whole() -> None:
    for outcome in ["yes (eventually)", "she smiled :)", "(", "a) b (c", "x (done 2026-01-01: y)"]:
        ticked = tick_action("- [ ] a (b)\n", 1, NOV_6, outcome)
        action = parse_actions(ticked)[0]
        assert (action.text, action.done_on, action.outcome) == ("a (b)", NOV_6, outcome)


def test_tick_refuses_an_outcome_that_would_read_back_differently() -> None:
    with pytest.raises(UsageError):
        tick_action("- [ ] a\n", 1, NOV_6, "fine) (done 2026-01-01")


def test_tick_replaces_a_leftover_suffix_on_an_open_box() -> None:
    assert (
        tick_action("- [ ] a (done 2026-01-01: old)\n", 1, NOV_6) == "- [x] a (done 2026-11-06)\n"
    )


def test_tick_numbers_skip_lines_in_code_fences() -> None:
    body = "```\n- [ ] code\n```\n- [ ] real\n"
    assert tick_action(body, 1, NOV_6) == "```\n- [ ] code\n```\n- [x] real (done 2026-11-06)\n"


def test_tick_an_unknown_number_says_how_many_actions_there_are() -> None:
    with pytest.raises(NotFound, match=r"no action 3: this session has 2 actions \(1-2\)"):
        tick_action(DOC_BODY, 3, NOV_6)
    with pytest.raises(NotFound, match=r"this session has 1 action$"):
        tick_action("- [ ] a\n", 0, NOV_6)
    with pytest.raises(NotFound, match="this session has no actions"):
        tick_action("## Actions\n", 1, NOV_6)


def test_tick_an_action_already_done_is_a_conflict_naming_the_date() -> None:
    with pytest.raises(Conflict, match=r"^action 2 is already done \(on 2026-11-05\)$"):
        tick_action(DOC_BODY, 2, NOV_6)


def test_tick_an_action_done_without_a_date_is_a_conflict() -> None:
    with pytest.raises(Conflict, match=r"^action 1 is already done$"):
        tick_action("- [X] a\n", 1, NOV_6)


# --- reopen_action -------------------------------------------------------------------------


def test_reopen_unticks_and_removes_the_suffix() -> None:
    assert reopen_action(DOC_BODY, 2) == DOC_BODY.replace(
        "- [x] Send her the outline (done 2026-11-05: she replied with three comments)",
        "- [ ] Send her the outline",
    )


def test_reopen_a_done_box_without_suffix() -> None:
    assert reopen_action("  * [X] a  \n", 1) == "  * [ ] a  \n"


def test_reopen_an_open_action_is_a_conflict() -> None:
    with pytest.raises(Conflict, match=r"^action 1 is not done$"):
        reopen_action(DOC_BODY, 1)


def test_reopen_an_unknown_number_is_not_found() -> None:
    with pytest.raises(NotFound):
        reopen_action(DOC_BODY, 7)


# --- add_action ----------------------------------------------------------------------------


def test_add_appends_as_the_last_item_of_the_actions_section() -> None:
    added = add_action(DOC_BODY, "Thank her")
    assert added == DOC_BODY + "- [ ] Thank her\n"
    assert parse_actions(added)[-1] == Action(3, 15, "Thank her", False, None, None, "Actions")


def test_add_goes_before_the_next_section_and_keeps_its_blank_line() -> None:
    body = "## Actions\n- [ ] a\n\n## Notes\ntext\n"
    assert add_action(body, "b") == "## Actions\n- [ ] a\n- [ ] b\n\n## Notes\ntext\n"


def test_add_finds_the_actions_heading_at_any_level_in_any_case() -> None:
    body = "# Call\n### ACTIONS ###\n- [ ] a\n# Next\n"
    assert add_action(body, "b") == "# Call\n### ACTIONS ###\n- [ ] a\n- [ ] b\n# Next\n"


def test_add_to_an_empty_actions_section_goes_right_under_the_heading() -> None:
    assert add_action("## Actions\n\n## Notes\n", "a") == "## Actions\n- [ ] a\n\n## Notes\n"


def test_add_follows_the_bullet_style_of_the_actions_list() -> None:
    body = "## Actions\n  * [ ] a\n    * [ ] sub\n"
    assert add_action(body, "b") == body + "  * [ ] b\n"


def test_add_after_a_paragraph_leaves_a_blank_line_before_the_list() -> None:
    assert add_action("## Actions\nNone yet.\n", "a") == "## Actions\nNone yet.\n\n- [ ] a\n"


def test_add_creates_an_actions_section_at_the_end_when_there_is_none() -> None:
    assert add_action("## Notes\ntext\n", "a") == "## Notes\ntext\n\n## Actions\n- [ ] a\n"
    assert add_action("## Notes\ntext", "a") == "## Notes\ntext\n\n## Actions\n- [ ] a\n"
    assert add_action("## Notes\ntext\n\n\n", "a") == "## Notes\ntext\n\n## Actions\n- [ ] a\n"


def test_add_to_an_empty_body() -> None:
    assert add_action("", "a") == "## Actions\n- [ ] a\n"


def test_add_without_an_actions_heading_numbers_after_checkboxes_elsewhere() -> None:
    added = add_action("## Notes\n- [ ] a\n", "b")
    assert [(a.number, a.text, a.section) for a in parse_actions(added)] == [
        (1, "a", "Notes"),
        (2, "b", "Actions"),
    ]


def test_add_when_checkboxes_follow_the_actions_section_goes_after_the_last_one() -> None:
    body = "## Actions\n- [ ] a\n\n## Notes\n- [ ] b\n  more about b\n\n## Other\ntext\n"
    added = add_action(body, "c")
    assert added == (
        "## Actions\n- [ ] a\n\n## Notes\n- [ ] b\n  more about b\n- [ ] c\n\n## Other\ntext\n"
    )
    assert texts(added) == ["a", "b", "c"]


def test_add_after_the_last_checkbox_skips_a_code_block_inside_its_item() -> None:
    body = "## Actions\n- [ ] a\n## Notes\n- [ ] b\n  ```\n  x\n\n  ```\nafter\n"
    added = add_action(body, "c")
    assert added == (
        "## Actions\n- [ ] a\n## Notes\n- [ ] b\n  ```\n  x\n\n  ```\n- [ ] c\n\nafter\n"
    )


def test_add_fills_an_empty_placeholder_checkbox_instead_of_adding_a_line() -> None:
    assert (
        add_action("## Actions\n- [ ] \n\n## Notes\n", "a") == "## Actions\n- [ ] a\n\n## Notes\n"
    )


def test_add_closes_a_code_fence_left_open_at_the_end() -> None:
    added = add_action("## Actions\n```\n- [ ] code\n", "a")
    assert added == "## Actions\n```\n- [ ] code\n```\n\n- [ ] a\n"
    assert texts(added) == ["a"]
    assert add_action("## Notes\n~~~~\ncode\n", "a") == (
        "## Notes\n~~~~\ncode\n~~~~\n\n## Actions\n- [ ] a\n"
    )


def test_add_ignores_an_actions_heading_inside_a_code_fence() -> None:
    body = "```\n## Actions\n```\n"
    assert add_action(body, "a") == body + "\n## Actions\n- [ ] a\n"


def test_add_folds_newlines_in_the_text() -> None:
    assert add_action("", "call\nher  \n back") == "## Actions\n- [ ] call her back\n"


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_add_with_empty_text_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        add_action(DOC_BODY, text)


# --- lessons -------------------------------------------------------------------------------


def test_lessons_are_the_bullets_under_the_lessons_heading_with_their_tags() -> None:
    assert parse_lessons(DOC_BODY) == [
        Lesson(
            "Her first hearing went badly; she now rehearses with her harshest critic. #presenting",
            ("presenting",),
        )
    ]


@pytest.mark.parametrize(
    "heading", ["## Lessons", "# lessons", "### LESSONS AND STORIES", "## Stories", "## Lesson"]
)
def test_lessons_headings_of_any_level_and_case_and_stories_count(heading: str) -> None:
    assert parse_lessons(f"{heading}\n- one\n") == [Lesson("one", ())]


def test_every_bullet_style_and_ordered_items_are_lessons() -> None:
    body = "## Lessons\n- dash\n* star\n+ plus\n1. one\n2) two\n"
    assert [x.text for x in parse_lessons(body)] == ["dash", "star", "plus", "one", "two"]


def test_continuation_lines_are_joined_with_a_space() -> None:
    body = "## Lessons\n- Rehearse with\n  your harshest critic.\nlazy line\n- next\n"
    assert [x.text for x in parse_lessons(body)] == [
        "Rehearse with your harshest critic. lazy line",
        "next",
    ]


def test_an_indented_paragraph_after_a_blank_line_continues_the_item() -> None:
    body = "## Lessons\n- first\n\n  more of first\n\nNot a lesson.\n- second\n"
    assert [x.text for x in parse_lessons(body)] == ["first more of first", "second"]


def test_nested_items_belong_to_their_top_level_item() -> None:
    body = "## Lessons\n- Story #one\n  - detail #two\n- Other\n"
    assert parse_lessons(body) == [
        Lesson("Story #one detail #two", ("one", "two")),
        Lesson("Other", ()),
    ]


def test_lessons_stop_at_the_next_heading_of_the_same_or_higher_level() -> None:
    body = "## Lessons\n- a\n### From the call\n- b\n## Actions\n- c\n"
    assert [x.text for x in parse_lessons(body)] == ["a", "b"]


def test_every_lessons_section_counts_in_order() -> None:
    body = "# Call one\n## Lessons\n- a\n# Call two\n## Stories\n- b\n"
    assert [x.text for x in parse_lessons(body)] == ["a", "b"]


def test_lessons_in_code_fences_are_skipped() -> None:
    body = "## Lessons\n- a\n```\n- code\n## Lessons\n- more code\n```\n- b\n"
    assert [x.text for x in parse_lessons(body)] == ["a", "b"]


def test_empty_bullets_are_not_lessons() -> None:
    assert parse_lessons("## Lessons\n- \n-\n* \n") == []


def test_no_lessons_heading_means_no_lessons() -> None:
    assert parse_lessons("## Notes\n- a #tag\n") == []
    assert parse_lessons("") == []


def test_tags_are_lowercased_unique_and_in_order() -> None:
    lesson = parse_lessons("## Lessons\n- #Budget talk #presenting, #budget (#follow-up)\n")[0]
    assert lesson.tags == ("budget", "presenting", "follow-up")


def test_things_that_look_like_tags_but_are_not() -> None:
    body = (
        "## Lessons\n"
        "- C# and F# are languages, # is alone, ##double, issue #12,"
        " see https://x.org/page#part and `#code` and &#39;\n"
    )
    assert parse_lessons(body)[0].tags == ()


def test_unicode_tags_and_text_survive() -> None:
    lesson = parse_lessons("## Lessons\n- 🎤 Speak slowly #Présenter #שיחה\n")[0]
    assert lesson == Lesson("🎤 Speak slowly #Présenter #שיחה", ("présenter", "שיחה"))


# --- sections ------------------------------------------------------------------------------


def test_sections_split_at_every_heading_in_order() -> None:
    assert [title for title, _ in sections(DOC_BODY)] == [
        "Agenda",
        "Notes",
        "Advice",
        "Lessons",
        "Actions",
    ]
    assert sections(DOC_BODY)[1] == (
        "Notes",
        "She walked through how she rehearses with a hostile audience.",
    )


def test_text_before_the_first_heading_is_the_preamble_with_title_none() -> None:
    assert sections("Quick note.\n\n## Notes\nx\n") == [(None, "Quick note."), ("Notes", "x")]
    assert sections("\n\n## Notes\nx") == [("Notes", "x")]


def test_headings_inside_code_fences_do_not_split() -> None:
    body = "## Notes\n```\n# comment\n```\n"
    assert sections(body) == [("Notes", "```\n# comment\n```")]


def test_hash_words_and_closing_hashes_in_headings() -> None:
    assert sections("#tag is text\n## Notes ##\n## C#\n") == [
        (None, "#tag is text"),
        ("Notes", ""),
        ("C#", ""),
    ]


def test_sections_of_an_empty_body_are_none() -> None:
    assert sections("") == []


def test_section_text_is_the_stripped_text_under_the_first_matching_heading() -> None:
    assert section_text(DOC_BODY, "advice") == (
        "- Lead with the one number the council will remember."
    )
    assert section_text("## Notes\n\n  a\n\n## Notes\nb\n", "NOTES") == "a"


def test_section_text_includes_lower_level_headings_inside_it() -> None:
    body = "## Notes\na\n### Detail\nb\n## Actions\n"
    assert section_text(body, "Notes") == "a\n### Detail\nb"


def test_section_text_is_none_without_the_heading_and_empty_for_a_bare_one() -> None:
    assert section_text(DOC_BODY, "Reflection") is None
    assert section_text("## Notes\n", "Notes") == ""


# --- building bodies and templates ---------------------------------------------------------


def test_build_body_writes_level_two_headings_separated_by_blank_lines() -> None:
    assert build_body([("Agenda", "- a"), ("Notes", "text\n\n")]) == (
        "## Agenda\n- a\n\n## Notes\ntext\n"
    )


def test_build_body_keeps_empty_parts_as_bare_headings() -> None:
    assert build_body([("Agenda", ""), ("Actions", "")]) == "## Agenda\n\n## Actions\n"


def test_build_body_of_nothing_is_empty() -> None:
    assert build_body([]) == ""


def test_build_body_round_trips_through_sections() -> None:
    parts = [("Agenda", "- a\n- b"), ("Notes", "para one\n\npara two")]
    assert sections(build_body(parts)) == parts


def test_bullet_list() -> None:
    assert bullet_list(["a", "b"]) == "- a\n- b"
    assert bullet_list(["a", "b"], checkbox=True) == "- [ ] a\n- [ ] b"
    assert bullet_list([]) == ""
    assert bullet_list(["two\nlines"]) == "- two lines"


TEMPLATE = "## Agenda\n- \n\n## Notes\n\n## Actions\n- [ ] \n"


def test_an_untouched_template_is_blank() -> None:
    assert is_blank_template(TEMPLATE, TEMPLATE)


def test_a_template_differing_only_in_trailing_spaces_and_blank_lines_is_blank() -> None:
    assert is_blank_template("## Agenda  \n-\n## Notes\n\n\n\n## Actions\n- [ ]", TEMPLATE)


def test_a_template_with_prompts_saved_unchanged_is_blank() -> None:
    template = "## What I heard\nWrite what stood out.\n"
    assert is_blank_template(template + "\n\n", template)


def test_a_body_of_only_headings_empty_bullets_and_comments_is_blank() -> None:
    body = "# Other\n* \n1.\n- [x]\n<!-- a prompt\nover two lines -->\n"
    assert is_blank_template(body, TEMPLATE)
    assert is_blank_template("", TEMPLATE)
    assert is_blank_template("  \n\n", TEMPLATE)


def test_any_written_word_makes_the_body_not_blank() -> None:
    assert not is_blank_template(
        TEMPLATE.replace("## Notes\n", "## Notes\nShe said yes.\n"), TEMPLATE
    )
    assert not is_blank_template(TEMPLATE + "- [ ] call back\n", TEMPLATE)
    assert not is_blank_template("## Notes\n---\n", TEMPLATE)


def test_importing_the_module_loads_no_third_party_packages() -> None:
    code = (
        "import sys, mentorlog.domain.body; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pydantic', 'tomlkit', 'typer', 'rich', 'platformdirs', 'click'}))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


# --- properties ----------------------------------------------------------------------------

# Text that cannot start a fence or break a line; anything else goes, emoji and RTL included.
SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="`~"),
    max_size=16,
)
UNICODE_WORDS = st.sampled_from(
    ["🎤 rehearse 🎉", "שלום עולם", "مرحبا بالعالم", "👩🏽‍💻 ZWJ", "e\u0301", "(a) b", ""]
)
ITEM_TEXT = st.one_of(SAFE_TEXT, UNICODE_WORDS)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
OUTCOMES = st.one_of(st.none(), SAFE_TEXT, UNICODE_WORDS, st.sampled_from(["a)", "(b", ":)"]))


@st.composite
def checkbox_lines(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from(["", "  ", "    ", "\t"]))
    bullet = draw(st.sampled_from("-*+"))
    mark = draw(st.sampled_from(" xX"))
    text = draw(ITEM_TEXT)
    line = f"{indent}{bullet} [{mark}]" + (f" {text}" if text else "")
    if mark != " " and draw(st.booleans()):
        outcome = draw(st.one_of(st.none(), SAFE_TEXT.map(str.strip).filter(bool)))
        on = draw(DATES).isoformat()
        line += f" (done {on}: {outcome})" if outcome else f" (done {on})"
    return line


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, set[int], list[int]]:
    """A body, the indexes of its lines inside code fences, and of its checkbox lines."""
    lines: list[str] = []
    code: set[int] = set()
    boxes: list[int] = []
    kinds = draw(st.lists(st.sampled_from("hhtcccbf"), max_size=20))
    for kind in kinds:
        if kind == "h":
            level = draw(st.integers(1, 6))
            lines.append(
                "#" * level + " " + draw(st.sampled_from(["Actions", "Notes"]) | SAFE_TEXT)
            )
        elif kind == "t":
            lines.append("T" + draw(SAFE_TEXT))
        elif kind == "c":
            boxes.append(len(lines))
            lines.append(draw(checkbox_lines()))
        elif kind == "b":
            lines.append(draw(st.sampled_from(["", "  "])))
        else:
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            inner = draw(st.lists(st.one_of(checkbox_lines(), st.just("## Actions")), max_size=3))
            start = len(lines)
            lines += [fence, *inner, fence]
            code.update(range(start, len(lines)))
    if draw(st.booleans()):  # a fence left open to the end
        start = len(lines)
        lines += ["```", *draw(st.lists(checkbox_lines(), max_size=2))]
        code.update(range(start, len(lines)))
    trailing = draw(st.sampled_from(["", "\n"]))
    return "\n".join(lines) + trailing, code, boxes


def fields(action: Action) -> tuple[object, ...]:
    return (action.number, action.line, action.text, action.done, action.done_on, action.outcome)


@given(bodies())
def test_property_actions_are_exactly_the_checkbox_lines_outside_code_fences(
    generated: tuple[str, set[int], list[int]],
) -> None:
    body, code, boxes = generated
    actions = parse_actions(body)
    assert [a.line for a in actions] == boxes
    assert not any(a.line in code for a in actions)
    assert [a.number for a in actions] == list(range(1, len(actions) + 1))


@given(bodies(), st.data(), DATES, OUTCOMES)
def test_property_ticking_one_action_changes_only_its_line(
    generated: tuple[str, set[int], list[int]],
    data: st.DataObject,
    on: date,
    outcome: str | None,
) -> None:
    body = generated[0]
    before = parse_actions(body)
    open_numbers = [a.number for a in before if not a.done]
    assume(open_numbers)
    number = data.draw(st.sampled_from(open_numbers))
    ticked = tick_action(body, number, on, outcome)

    old_lines, new_lines = body.split("\n"), ticked.split("\n")
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [before[number - 1].line]

    after = parse_actions(ticked)
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        if old.number != number:
            assert fields(new) == fields(old)
    new = after[number - 1]
    assert (new.text, new.done, new.done_on) == (before[number - 1].text, True, on)
    assert new.outcome == ((outcome or "").strip() or None)


@given(bodies(), st.data(), DATES, OUTCOMES)
def test_property_tick_then_reopen_gives_back_the_original_body(
    generated: tuple[str, set[int], list[int]],
    data: st.DataObject,
    on: date,
    outcome: str | None,
) -> None:
    body = generated[0]
    open_numbers = [a.number for a in parse_actions(body) if not a.done]
    assume(open_numbers)
    number = data.draw(st.sampled_from(open_numbers))
    assert reopen_action(tick_action(body, number, on, outcome), number) == body


@given(bodies(), ITEM_TEXT)
def test_property_adding_keeps_existing_actions_and_numbers_the_new_one_last(
    generated: tuple[str, set[int], list[int]], text: str
) -> None:
    assume(text.strip())
    body = generated[0]
    before = parse_actions(body)
    after = parse_actions(add_action(body, text))
    placeholder = bool(before) and not before[-1].done and before[-1].text == ""
    kept = before[:-1] if placeholder and len(after) == len(before) else before
    assert len(after) == len(kept) + 1
    assert [fields(a) for a in after[: len(kept)]] == [fields(a) for a in kept]
    assert (after[-1].number, after[-1].text, after[-1].done) == (len(after), text.strip(), False)


@given(st.lists(ITEM_TEXT.map(str.strip).filter(bool), max_size=6))
def test_property_unicode_action_texts_survive_a_round_trip(items: list[str]) -> None:
    body = "## Actions\n" + bullet_list(items, checkbox=True) + "\n"
    assert texts(body) == items
    for number in range(1, len(items) + 1):
        body = tick_action(body, number, NOV_6, items[number - 1] or None)
    assert [(a.text, a.outcome) for a in parse_actions(body)] == [(i, i) for i in items]


@given(bodies(), st.lists(st.sampled_from(["## Lessons", "- a story #tag", "# Notes"]), max_size=4))
def test_one_pass_finds_the_same_actions_and_lessons_as_two(
    case: tuple[str, set[int], list[int]], extra: list[str]
) -> None:
    body = case[0] + "\n".join(extra)
    assert parse_actions_and_lessons(body) == (parse_actions(body), parse_lessons(body))
