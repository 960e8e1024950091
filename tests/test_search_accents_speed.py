"""Search reads only what it needs on accented journals: the byte pre-filter rejects a file
that cannot hold the words whatever its accents, never one that can, and only the hits shown
are kept. Work is counted (files parsed, hits kept), never timed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_builder import Builder
from mentorlog.journal.storage import Journal
from mentorlog.services import search as search_service

ACCENTED_NOTES = (
    "We met at the café and went through my résumé with Zoë.",
    "Łukasz and Ngozi Okonkwo-Adébáyọ̀ ran the Straße workshop; Søren took notes.",
    "Crème brûlée after the naïve exposé of the façade.",
)


def accented_journal(root: Path, sessions: int, extra: dict[str, str] | None = None) -> Builder:
    builder = Builder(root).mentor("zoe", name="Zoë Müller")
    for number in range(sessions):
        day = f"2026-{1 + number % 12:02d}-{1 + number // 12:02d}"
        note = (extra or {}).get(day, ACCENTED_NOTES[number % len(ACCENTED_NOTES)])
        builder.session("zoe", day, f"## Notes\n{note}\n", id=f"{day}-zoe-{number}")
    return builder


def counted_search(
    journal_dir: Path, words: list[str], limit: int | None = 20
) -> tuple[search_service.Results, int]:
    parsed: list[bytes] = []
    original = search_service._parse_record

    def counting(kind, path, raw):  # type: ignore[no-untyped-def]
        parsed.append(raw)
        return original(kind, path, raw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_service, "_parse_record", counting)
        results = search_service.search(
            Journal(journal_dir),
            search_service.parse_query(words),
            search_service.Filters(types=("session",)),
            limit,
        )
    return results, len(parsed)


def test_accented_files_without_the_word_are_not_parsed(journal_dir: Path) -> None:
    accented_journal(journal_dir, 60, {"2026-03-02": "The zeppelin story, told at the café."})
    results, parsed = counted_search(journal_dir, ["zeppelin"])
    assert results.total == 1
    assert parsed == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [("cafe", 20), ("resume", 20), ("lukasz", 20), ("strasse", 20), ("soren", 20), ("zoe", 60)],
)
def test_words_spelled_with_accents_pass_the_byte_filter(
    journal_dir: Path, query: str, expected: int
) -> None:
    accented_journal(journal_dir, 60)
    results, parsed = counted_search(journal_dir, [query], limit=None)
    assert results.total == expected
    assert parsed == expected


def test_only_the_hits_shown_are_kept_newest_first(journal_dir: Path) -> None:
    accented_journal(journal_dir, 60)
    results, _ = counted_search(journal_dir, ["cafe"], limit=3)
    assert results.total == 20
    assert len(results.hits) == 3
    everything, _ = counted_search(journal_dir, ["cafe"], limit=None)
    assert [hit.id for hit in results.hits] == [hit.id for hit in everything.hits[:3]]
    dates = [hit.date for hit in everything.hits]
    assert dates == sorted(dates, reverse=True)


def _reference_fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.translate(search_service._TRANSLITERATE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


LETTERS = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCZ  \n.-")
        + list("éëèÉöÖüßẞøØłŁđĐæÆœþðıçñåÅọ̀\u0301\u0308ﬁﬀ＠ｚΣσς İ\u00a0")
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(text=LETTERS)
def test_fold_is_the_character_by_character_fold(text: str) -> None:
    assert search_service.fold(text) == _reference_fold(text)


@settings(max_examples=300, deadline=None)
@given(text=LETTERS, word=st.text(alphabet="abcdefghiklnorstuzs", min_size=1, max_size=4))
def test_the_byte_filter_never_drops_a_file_that_matches(text: str, word: str) -> None:
    query = search_service.parse_query([word])
    raw = ('+++\nmentor = "zoe"\n+++\n' + text).encode("utf-8")
    if any(term in _reference_fold(text) for term in query.terms):
        assert search_service._Prefilter(query).may_match(raw)
