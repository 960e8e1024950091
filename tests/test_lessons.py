"""`mentorlog lessons`: the lessons and stories mentors shared, collected to reread."""

from __future__ import annotations

from journal_builder import Builder, flat

LESSON_KEYS = {"mentor", "mentor_name", "session", "date", "text", "tags"}


def test_lessons_json_lists_every_lesson_oldest_first(run, example_dir):
    result = run("lessons", "--json")
    assert result.exit_code == 0, result.stderr
    lessons = result.json()
    assert all(set(x) == LESSON_KEYS for x in lessons)
    assert len(lessons) == 20
    assert lessons[0] == {
        "mentor": "tomas-lindqvist",
        "mentor_name": "Tomas Lindqvist",
        "session": "2026-05-12-tomas-lindqvist",
        "date": "2026-05-12",
        "text": "A peer will tell you your slide is boring; a director will be polite about it. "
        "#presenting",
        "tags": ["presenting"],
    }
    dates = [x["date"] for x in lessons]
    assert dates == sorted(dates)


def test_lessons_grouped_by_mentor_on_screen(run, example_dir):
    result = run("lessons")
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert "Tomas Lindqvist (5)" in out
    assert "Ruth Castellanos (5)" in out
    assert "2026-06-30 Not knowing is survivable" in out
    assert "(2026-06-30-ruth-castellanos)" in out


def test_lessons_grouped_by_tag_show_who_said_it(run, example_dir):
    result = run("lessons", "--by", "tag")
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert "#presenting (4)" in out
    assert "#negotiation (4)" in out
    assert "(Ruth Castellanos, 2026-08-11-ruth-castellanos)" in out
    # the most used tags come first
    assert out.index("#delegation") < out.index("#patience")


def test_lessons_filtered_by_mentor_and_tag(run, example_dir):
    ruth = run("lessons", "--mentor", "ruth", "--json").json()
    assert {x["mentor"] for x in ruth} == {"ruth-castellanos"}
    assert len(ruth) == 5
    resilience = run("lessons", "--tag", "#Resilience", "--json").json()
    assert [x["session"] for x in resilience] == [
        "2026-06-30-ruth-castellanos",
        "2026-06-30-ruth-castellanos",
        "2026-10-20-tomas-lindqvist",
    ]
    both = run("lessons", "--mentor", "tomas", "--tag", "resilience", "--json").json()
    assert len(both) == 1


def test_lessons_without_tags_are_grouped_as_no_tag(run, journal_dir):
    builder = Builder(journal_dir).mentor("ana-silva", name="Ana Silva")
    builder.session(
        "ana-silva", "2026-11-02", "## Lessons\n- Ask early.\n- Write it down. #habits\n"
    )
    out = flat(run("lessons", "--by", "tag").stdout)
    assert out.index("#habits (1)") < out.index("no tag (1)")


def test_lessons_when_none_match_says_where_lessons_come_from(run, example_dir):
    result = run("lessons", "--tag", "juggling")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "## Lessons" in result.stderr
    assert run("lessons", "--tag", "juggling", "--json").json() == []


def test_lessons_bad_input(run, example_dir):
    unknown = run("lessons", "--mentor", "zed")
    assert unknown.exit_code == 4
    assert "there is no mentor 'zed'" in unknown.stderr
    by = run("lessons", "--by", "colour")
    assert by.exit_code == 2
    assert "use --by mentor or --by tag" in by.stderr
    empty_tag = run("lessons", "--tag", "#")
    assert empty_tag.exit_code == 2
