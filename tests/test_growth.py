"""Growth: `feedback add/list/done` keep what you are working on in `feedback/<id>.toml`;
lessons (#tags) and reflections (--skill) tagged with its skills move it; `brief` puts what a
mentor's strengths can help with first; `review` shows which moved."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from journal_builder import Builder, flat
from mentorlog.domain.growth import skill_tag


def _add(run: Any, *args: str) -> Any:
    result = run("feedback", "add", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_feedback_add_writes_one_private_toml_file_and_lists_it(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir)
    item = _add(run, "Slides carry too much text", "--from", "annual review", "--skill",
                "Presenting", "--skill", "#presenting")  # fmt: skip
    assert item == {
        "id": "slides-carry-too-much-text",
        "text": "Slides carry too much text",
        "from": "annual review",
        "skills": ["presenting"],
        "added": "2026-11-23",
        "done": None,
    }
    path = journal_dir / "feedback" / "slides-carry-too-much-text.toml"
    assert 'from = "annual review"' in path.read_text()
    assert os.stat(path).st_mode & 0o077 == 0
    assert run("feedback", "list", "--json").json() == [item]
    assert "Slides carry too much text" in run("feedback", "list").stdout


def test_the_same_words_twice_get_two_ids(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir)
    first = _add(run, "Talk less in meetings")
    second = _add(run, "Talk less in meetings")
    assert (first["id"], second["id"]) == ("talk-less-in-meetings", "talk-less-in-meetings-2")


def test_feedback_done_by_prefix_hides_it_from_the_open_list(run: Any, journal_dir: Path) -> None:
    Builder(journal_dir)
    _add(run, "Slides carry too much text")
    path = journal_dir / "feedback" / "slides-carry-too-much-text.toml"
    path.write_text("# my own comment\n" + path.read_text())
    done = run("feedback", "done", "slides", "--date", "2026-11-20")
    assert done.exit_code == 0, done.stderr
    assert "# my own comment" in path.read_text() and "done = 2026-11-20" in path.read_text()
    assert run("feedback", "list", "--json").json() == []
    assert run("feedback", "list", "--all", "--json").json()[0]["done"] == "2026-11-20"
    again = run("feedback", "done", "slides")
    assert again.exit_code != 0 and "already marked done" in again.stderr


def test_bad_input_is_refused_in_one_line_and_nothing_is_written(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir)
    for args in (("  ",), ("Fine text", "--skill", "#"), ("line\nbreak\x00",)):
        result = run("feedback", "add", *args)
        assert result.exit_code != 0, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (journal_dir / "feedback").exists() or not list((journal_dir / "feedback").iterdir())
    missing = run("feedback", "done", "nothing-here")
    assert missing.exit_code != 0 and "no feedback 'nothing-here'" in missing.stderr


def test_a_broken_feedback_file_is_reported_with_its_line_and_the_rest_still_listed(
    run: Any, journal_dir: Path
) -> None:
    Builder(journal_dir)
    _add(run, "Slides carry too much text")
    (journal_dir / "feedback" / "broken.toml").write_text('text = "x"\nadded = "soon"\n')
    result = run("feedback", "list", "--json")
    assert [i["id"] for i in result.json()] == ["slides-carry-too-much-text"]
    assert "feedback/broken.toml:2" in result.stderr


def test_a_linked_feedback_file_is_never_read(run: Any, journal_dir: Path, tmp_path: Path) -> None:
    Builder(journal_dir)
    outside = tmp_path / "secret.toml"
    outside.write_text('text = "not yours"\n')
    (journal_dir / "feedback").mkdir()
    (journal_dir / "feedback" / "linked.toml").symlink_to(outside)
    result = run("feedback", "list", "--json")
    assert result.json() == []
    assert "linked.toml" in result.stderr


def _team(root: Path) -> Builder:
    return (
        Builder(root)
        .mentor("ruth", name="Ruth Ng", since="2026-01-01", strengths=["Presenting"])
        .mentor("omar", name="Omar Diaz", since="2026-01-01", tags=["delegation"])
        .session("ruth", "2026-11-02", "## Lessons\n- Cut every slide to one idea. #presenting\n")
    )


def test_brief_shows_what_this_mentor_can_help_with_first(run: Any, journal_dir: Path) -> None:
    _team(journal_dir)
    _add(run, "I say yes to every request", "--skill", "delegation")
    _add(run, "Slides carry too much text", "--skill", "presenting")
    for mentor, first in (("ruth", "Slides carry"), ("omar", "I say yes")):
        data = run("brief", mentor, "--json").json()
        assert data["working_on"][0]["text"].startswith(first)
        assert [i["can_help"] for i in data["working_on"]] == [True, False]
    text = flat(run("brief", "ruth").stdout)
    assert "Slides carry too much text (#presenting): Ruth's strengths can help" in text
    before = run("brief", "ruth", "--as-of", "2026-11-01", "--json").json()
    assert before["working_on"] == []


def test_review_shows_which_items_moved(run: Any, journal_dir: Path) -> None:
    _team(journal_dir)
    _add(run, "Slides carry too much text", "--skill", "presenting")
    _add(run, "I say yes to every request", "--skill", "delegation")
    _add(run, "Late to meetings")
    reflected = run("reflect", "--mentor", "omar", "--skill", "Delegation", "--text",
                    "Said no twice.", "--date", "2026-11-20", "--json")  # fmt: skip
    assert reflected.exit_code == 0, reflected.stderr
    assert reflected.json()["skills"] == ["delegation"]
    run("feedback", "done", "late")
    growth = {g["id"]: g for g in run("review", "--json").json()["growth"]}
    assert growth["slides-carry-too-much-text"]["lessons"] == [
        "Cut every slide to one idea. #presenting"
    ]
    assert growth["i-say-yes-to-every-request"]["reflections"] == [reflected.json()["id"]]
    assert growth["late-to-meetings"]["done_in_period"] is True
    assert all(g["moved"] for g in growth.values())
    text = flat(run("review").stdout)
    assert "Slides carry too much text (moved: 1 lesson)" in text


@settings(max_examples=50)
@given(st.text(max_size=30))
def test_a_skill_tag_is_one_word_whatever_was_typed(text: str) -> None:
    tag = skill_tag(text)
    assert tag == skill_tag(tag)
    assert " " not in tag and not tag.startswith("#")
