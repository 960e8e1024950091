"""`mentorlog import` reads the journal a fixed number of times and takes the lock once, however
many cards it adds: the work grows with the number of cards, not with its square. Bounded by
counting reads, scans and locks, never by timing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorlog.journal.storage import Journal


def _cards(path: Path, count: int, start: int = 0) -> Path:
    path.write_text(
        "".join(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:Person {n} Example\r\nEMAIL:person{n}@example.org\r\nORG:Org {n % 7}\r\n"
            "END:VCARD\r\n"
            for n in range(start, start + count)
        ),
        encoding="utf-8",
    )
    return path


def _csv(path: Path, count: int) -> Path:
    rows = "".join(f"Person {n} Example,person{n}@example.org,Org {n % 7}\n" for n in range(count))
    path.write_text("name,email,org\n" + rows, encoding="utf-8")
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the journal is read in full, its mentors folder listed and its lock taken."""
    calls: Counter[str] = Counter()

    def counting(name: str) -> None:
        original: Callable[..., Any] = getattr(Journal, name)

        def wrapper(self: Journal, *args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Journal, name, wrapper)

    for name in ("load", "ids_on_disk"):
        counting(name)
    original_lock = Journal.lock

    def lock(self: Journal) -> Iterator[None]:
        calls["lock"] += 1
        return original_lock(self)  # type: ignore[return-value]

    monkeypatch.setattr(Journal, "lock", lock)
    return calls


@pytest.mark.parametrize("kind", ["vcard", "csv"])
def test_import_reads_the_journal_as_often_for_fifty_cards_as_for_two(
    kind: str, run: Any, tmp_path: Path, counted: Counter[str]
) -> None:
    assert run("init").exit_code == 0
    write = _cards if kind == "vcard" else _csv
    few = write(tmp_path / f"few.{kind}", 2)
    counted.clear()
    assert run("import", kind, str(few)).exit_code == 0
    for_two = dict(counted)

    many = tmp_path / "many"
    many.mkdir()
    run("--dir", str(many / "journal"), "init")
    counted.clear()
    source = write(tmp_path / f"many.{kind}", 50)
    result = run("--dir", str(many / "journal"), "import", kind, str(source))
    assert result.exit_code == 0, result.stderr
    assert "Added 50, skipped 0" in result.stderr
    assert len(list((many / "journal" / "mentors").glob("*.toml"))) == 50
    assert dict(counted) == for_two
    assert counted["lock"] == 1
    assert counted["load"] <= 2
    assert counted["ids_on_disk"] == 1


def test_people_already_there_are_skipped_in_one_pass(
    run: Any, tmp_path: Path, counted: Counter[str]
) -> None:
    assert run("import", "vcard", str(_cards(tmp_path / "first.vcf", 10))).exit_code == 0
    overlapping = _cards(tmp_path / "second.vcf", 20, start=5)
    counted.clear()
    result = run("import", "vcard", str(overlapping))
    assert result.exit_code == 0, result.stderr
    assert "Added 15, skipped 5" in result.stderr
    assert counted["lock"] == 1
    names = sorted(p.stem for p in (tmp_path / "journal" / "mentors").glob("*.toml"))
    assert len(names) == 25
    assert len(set(names)) == 25


def test_a_name_taken_by_an_earlier_card_of_the_same_import_gets_its_own_id(
    run: Any, tmp_path: Path
) -> None:
    source = tmp_path / "same.vcf"
    source.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@a.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann-Lee\r\nEMAIL:ann@b.example\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = run("import", "vcard", str(source))
    assert result.exit_code == 0, result.stderr
    ids = sorted(p.stem for p in (tmp_path / "journal" / "mentors").glob("*.toml"))
    assert ids == ["ann-lee", "ann-lee-2"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(run: Any, tmp_path: Path) -> None:
    result = run("import", "vcard", str(_cards(tmp_path / "cards.vcf", 30)))
    assert result.exit_code == 0
    assert "\r" not in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stderr.splitlines()[-1] == "Added 30, skipped 0"


def test_a_progress_bar_counts_the_cards_on_a_terminal(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int]] = []
    from mentorlog.cli import progress

    def watching(label: str) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def bar() -> Iterator[Callable[[int, int], None]]:
            yield lambda done, total: seen.append((done, total))

        return bar()

    monkeypatch.setattr(progress, "shown", watching)
    assert run("import", "vcard", str(_cards(tmp_path / "cards.vcf", 12))).exit_code == 0
    assert seen[-1] == (12, 12)
    assert [done for done, _ in seen] == list(range(1, 13))
