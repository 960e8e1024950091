"""`mentorlog search`: every record type, case and accents ignored, phrases, filters, snippets,
and fast on a large journal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.journal.storage import Journal
from mentorlog.services import search as search_service

HIT_KEYS = {"type", "id", "date", "mentor", "title", "snippet", "matches"}


def write_session(root: Path, session_id: str, front: str, body: str) -> Path:
    path = root / "sessions" / session_id[:4] / f"{session_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"+++\n{front}\n+++\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def zoe_journal(run, journal_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    assert run("mentor", "add", "Zoë Núñez", "--role", "Budget Director").exit_code == 0
    assert run("mentor", "add", "Ana Silva").exit_code == 0
    write_session(
        journal_dir,
        "2026-11-02-zoe-nunez",
        'mentor = "zoe-nunez"\ndate = 2026-11-02\ntopic = "Preparing the council meeting"',
        "## Notes\nShe said the CAFÉ budget line is where councillors look first.\n",
    )
    write_session(
        journal_dir,
        "2026-10-01-ana-silva",
        'mentor = "ana-silva"\ndate = 2026-10-01\nkind = "email"\ntopic = "Thanks for the intro"',
        "## Notes\nAna met zoe at the council\nmeeting last year.\n",
    )
    return journal_dir


def test_a_word_finds_sessions_reflections_goals_and_mentors(run, example_dir: Path) -> None:
    result = run("search", "delegate", "--limit", "0", "--json")
    assert result.exit_code == 0
    types = {hit["type"] for hit in result.json()}
    assert {"goal", "session"} <= types


def test_json_hits_have_exactly_the_documented_keys(run, example_dir: Path) -> None:
    hits = run("search", "budget", "--json").json()
    assert hits
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["matches"], int) and hit["matches"] >= 1


def test_hits_come_newest_first(run, example_dir: Path) -> None:
    hits = run("search", "budget", "--limit", "0", "--json").json()
    dates = [hit["date"] or "" for hit in hits]
    assert dates == sorted(dates, reverse=True)


def test_accents_in_the_text_are_found_by_plain_letters(run, zoe_journal: Path) -> None:
    hits = run("search", "zoe", "--json").json()
    ids = {hit["id"] for hit in hits}
    assert "zoe-nunez" in ids  # the mentor file says "Zoë Núñez"
    assert "2026-10-01-ana-silva" in ids  # the note says "zoe"


def test_accents_in_the_query_find_plain_letters(run, zoe_journal: Path) -> None:
    ids = {hit["id"] for hit in run("search", "ZOË", "--json").json()}
    assert ids == {"zoe-nunez", "2026-10-01-ana-silva", "2026-11-02-zoe-nunez"}


def test_case_is_ignored(run, zoe_journal: Path) -> None:
    assert run("search", "cafe", "--json").json()[0]["id"] == "2026-11-02-zoe-nunez"
    assert run("search", "CaFé", "--json").json()[0]["id"] == "2026-11-02-zoe-nunez"


def test_every_word_is_required(run, zoe_journal: Path) -> None:
    ids = [hit["id"] for hit in run("search", "council", "cafe", "--json").json()]
    assert ids == ["2026-11-02-zoe-nunez"]


def test_a_quoted_phrase_must_appear_as_written_across_line_breaks(run, zoe_journal: Path) -> None:
    hits = run("search", '"council meeting" last', "--json").json()
    assert [hit["id"] for hit in hits] == ["2026-10-01-ana-silva"]
    assert run("search", '"meeting council"', "--json").json() == []


def test_query_in_one_argument_equals_query_in_several(run, zoe_journal: Path) -> None:
    one = run("search", 'budget "council meeting"', "--json").json()
    several = run("search", "budget", '"council meeting"', "--json").json()
    assert one == several


def test_key_names_are_not_searched(run, zoe_journal: Path) -> None:
    # Every session has `mentor =` and `date =` keys; only values count.
    assert run("search", "confidential", "--json").json() == []


def test_no_match_says_so_on_stderr_and_exits_zero(run, zoe_journal: Path) -> None:
    result = run("search", "zeppelin")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No matches for zeppelin" in result.stderr
    assert run("search", "zeppelin", "--json").json() == []


def test_an_empty_query_is_a_usage_error(run, zoe_journal: Path) -> None:
    result = run("search", '""')
    assert result.exit_code == 2
    assert "search is empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_limit_keeps_the_newest_and_says_how_many_there_were(run, example_dir: Path) -> None:
    everything = run("search", "the", "--limit", "0", "--json").json()
    assert len(everything) > 5
    result = run("search", "the", "--limit", "3", "--json")
    assert result.json() == everything[:3]
    assert f"3 of {len(everything)} matches" in result.stderr


def test_a_negative_limit_is_refused(run, example_dir: Path) -> None:
    assert run("search", "the", "--limit", "-1").exit_code == 2


def test_mentor_filter_takes_a_name(run, zoe_journal: Path) -> None:
    hits = run("search", "council", "--mentor", "Ana", "--json").json()
    assert [hit["id"] for hit in hits] == ["2026-10-01-ana-silva"]


def test_unknown_mentor_filter_is_not_found(run, zoe_journal: Path) -> None:
    result = run("search", "council", "--mentor", "nobody")
    assert result.exit_code == 4
    assert "no mentor 'nobody'" in result.stderr


def test_kind_filter_keeps_only_sessions_of_that_kind(run, zoe_journal: Path) -> None:
    hits = run("search", "council", "--kind", "email", "--json").json()
    assert [hit["id"] for hit in hits] == ["2026-10-01-ana-silva"]
    assert run("search", "council", "--kind", "dance").exit_code == 2


@pytest.mark.parametrize("spelling", ["thank-you", "Check In", "e-mail"])
def test_kind_filter_takes_every_spelling_that_session_list_takes(
    run, example_dir: Path, spelling: str
) -> None:
    listed = run("session", "list", "--kind", spelling, "--json")
    searched = run("search", "the", "--kind", spelling, "--json")
    assert listed.exit_code == 0, listed.stderr
    assert searched.exit_code == 0, searched.stderr


def test_type_filter(run, zoe_journal: Path) -> None:
    hits = run("search", "zoe", "--type", "mentor", "--json").json()
    assert [hit["type"] for hit in hits] == ["mentor"]
    assert run("search", "zoe", "--type", "sessions", "--json").json()
    bad = run("search", "zoe", "--type", "note")
    assert bad.exit_code == 2 and "not a record type" in bad.stderr


def test_date_filters_accept_human_forms(run, example_dir: Path) -> None:
    result = run("search", "the", "--since", "last month", "--limit", "0", "--json")
    assert result.exit_code == 0
    assert "since: 2026-10-23" in result.stderr
    assert all(hit["date"] >= "2026-10-23" for hit in result.json())
    until = run("search", "the", "--until", "2026-06-01", "--limit", "0", "--json").json()
    assert until and all(hit["date"] <= "2026-06-01" for hit in until)


def test_human_output_highlights_the_match_and_says_how_to_open_it(run, zoe_journal: Path) -> None:
    result = run("search", "cafe")
    assert result.exit_code == 0
    assert "2026-11-02-zoe-nunez" in result.stdout
    assert "CAFÉ budget line" in result.stdout
    assert "mentorlog session show 2026-11-02-zoe-nunez" in result.stdout


def test_highlights_mark_the_original_characters(zoe_journal: Path) -> None:
    results = search_service.search(
        Journal(zoe_journal),
        search_service.parse_query(["cafe"]),
        search_service.Filters(),
        None,
    )
    hit = results.hits[0]
    marked = [hit.snippet[start:stop] for start, stop in hit.highlights]
    assert marked == ["CAFÉ"]


def test_a_file_that_does_not_parse_is_reported_and_the_rest_searched(
    run, zoe_journal: Path
) -> None:
    broken = zoe_journal / "sessions" / "2026" / "2026-11-03-zoe-nunez.md"
    broken.write_text("+++\nmentor = \n+++\ncouncil\n", encoding="utf-8")
    result = run("search", "council", "--json")
    assert result.exit_code == 0
    assert len(result.json()) == 2
    assert "could not be read" in result.stderr


def test_search_outside_a_journal_is_an_error(run, journal_dir: Path) -> None:
    result = run("search", "x")
    assert result.exit_code == 3


@given(st.text(min_size=1, max_size=40))
def test_folding_is_idempotent_and_matches_the_per_character_form(text: str) -> None:
    folded = search_service.fold(text)
    assert search_service.fold(folded) == folded
    assert search_service._fold_with_origins(text)[0] == folded


@given(st.text(alphabet=st.characters(categories=["L", "Zs"]), min_size=1, max_size=30))
def test_any_text_is_found_by_its_own_words(text: str) -> None:
    words = search_service.fold(text).split(" ")
    if not any(words):
        return
    query = search_service.parse_query(words)
    folded = search_service.fold(text)
    assert all(term in folded for term in query.terms)


def test_among_ten_thousand_sessions_only_the_matching_file_is_parsed(  # type: ignore[no-untyped-def]
    journal_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("mentor", "add", "Ana Silva").exit_code == 0
    body = (
        "## Notes\nWe talked about the quarterly report, the hiring plan and the training "
        "budget. She suggested I ask finance for last year's numbers first.\n\n"
        "## Actions\n- [ ] Ask finance for the numbers\n"
    ) * 3
    folder = journal_dir / "sessions" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(10_000):
        day = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}"
        text = (
            f'+++\nmentor = "ana-silva"\ndate = {day}\ntopic = "Call number {number}"\n+++\n\n'
            + body
            + ("The word zeppelin appears here.\n" if number == 4321 else "")
        )
        (folder / f"{day}-ana-silva-{number}.md").write_text(text, encoding="utf-8")
    journal = Journal(journal_dir)
    parsed: list[Path] = []
    parse_record = search_service._parse_record

    def counting(kind: str, path: Path, raw: bytes):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return parse_record(kind, path, raw)

    monkeypatch.setattr(search_service, "_parse_record", counting)
    results = search_service.search(
        journal, search_service.parse_query(["zeppelin"]), search_service.Filters(), 20
    )
    assert [hit.id for hit in results.hits] == ["2026-02-10-ana-silva-4321"]
    # The byte pre-filter leaves one file of ten thousand to decode and parse.
    assert [path.stem for path in parsed] == ["2026-02-10-ana-silva-4321"]


def test_search_never_imports_pydantic(example_dir: Path) -> None:
    code = (
        "import sys\n"
        "from mentorlog.journal.storage import Journal\n"
        "from mentorlog.services import search as s\n"
        f"j = Journal(__import__('pathlib').Path({str(example_dir)!r}))\n"
        "r = s.search(j, s.parse_query(['budget']), s.Filters(), None)\n"
        "assert r.hits\n"
        "assert 'pydantic' not in sys.modules, 'pydantic was imported'\n"
        "assert 'tomlkit' not in sys.modules\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr


def test_non_matching_ascii_files_are_never_parsed(
    zoe_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = search_service._parse_record

    def spy(kind, path, raw):  # type: ignore[no-untyped-def]
        parsed.append(path.name)
        return real(kind, path, raw)

    monkeypatch.setattr(search_service, "_parse_record", spy)
    search_service.search(
        Journal(zoe_journal),
        search_service.parse_query(["intro"]),
        search_service.Filters(),
        None,
    )
    # The Ana files are plain ASCII: only the one containing "intro" is parsed. Zoë's mentor
    # file and session have accents, so they cannot be ruled out from their bytes.
    assert "ana-silva.toml" not in parsed
    assert "2026-10-01-ana-silva.md" in parsed
