"""`mentorlog import vcard|csv`: mentors from address books. Known people are skipped, never
duplicated; a bad card or row is reported with its position and the rest still import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.services import contacts

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 23)


def mentor_ids(run) -> list[str]:  # type: ignore[no-untyped-def]
    result = run("mentor", "list", "--json")
    return [] if result.exit_code else [m["id"] for m in result.json()]


def mentor(run, mentor_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    return run("mentor", "show", mentor_id, "--json").json()


# --- vCard ------------------------------------------------------------------------------------


def test_vcard_2_1_with_quoted_printable_and_charsets(run, journal_dir: Path) -> None:
    result = run("import", "vcard", str(FIXTURES / "contacts-2.1.vcf"))
    assert result.exit_code == 0, result.stderr
    assert mentor_ids(run) == ["jurgen-muller", "zoe-nunez"]
    zoe = mentor(run, "zoe-nunez")
    assert zoe["name"] == "Zoë Núñez"
    assert zoe["email"] == "zoe.nunez@example.org"
    assert zoe["org"] == "City of Alder Bay, Budget Office"
    assert zoe["role"] == "Budget Director"
    # The soft line break (a trailing '=') joins the two halves of the note.
    # Multi-line text is stored as a TOML block that ends with a line break.
    assert zoe["background"].rstrip("\n") == (
        "Ran the budget office for ten years.\nKnown for the plain-language budget summary."
    )
    assert mentor(run, "jurgen-muller")["name"] == "Jürgen Müller"  # ISO-8859-1, from N


def test_vcard_3_0_with_folded_lines_role_and_structured_name(run, journal_dir: Path) -> None:
    assert run("import", "vcard", str(FIXTURES / "contacts-3.0.vcf")).exit_code == 0
    priya = mentor(run, "priya-raman")
    assert priya["role"] == "Chief of Staff"  # ROLE when there is no TITLE
    assert priya["background"].rstrip("\n") == (
        "Moved from transit planning into operations.\nMentors two analysts a year."
    )
    okafor = mentor(run, "dr-daniel-okafor")
    assert okafor["name"] == "Dr. Daniel Okafor"  # no FN: made from N
    assert okafor["role"] == "Professor of Public Policy"


def test_vcard_4_0(run, journal_dir: Path) -> None:
    assert run("import", "vcard", str(FIXTURES / "contacts-4.0.vcf")).exit_code == 0
    soren = mentor(run, "soren-odegard")
    assert soren["name"] == "Søren Ødegård"
    assert soren["email"] == "soren@example.org"
    assert soren["background"] == "Met at the 2025 conference, in Oslo."


def test_bad_cards_are_reported_by_number_and_the_rest_imported(run, journal_dir: Path) -> None:
    result = run("import", "vcard", str(FIXTURES / "contacts-malformed.vcf"))
    assert result.exit_code == 5
    assert mentor_ids(run) == ["good-person", "second-good"]
    assert "card 2 (line 6): not a valid vCard" in result.stderr
    assert "card 3 (line 11): no name (FN or N)" in result.stderr
    assert "card 5 (line 19): no END:VCARD line" in result.stderr
    assert "3 of 5 entries could not be imported" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_without_cards_is_a_usage_error(run, journal_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.vcf"
    empty.write_text("hello\n", encoding="utf-8")
    result = run("import", "vcard", str(empty))
    assert result.exit_code == 2
    assert "no vCards" in result.stderr
    assert not journal_dir.exists()


def test_a_missing_file_is_a_usage_error(run, journal_dir: Path) -> None:
    result = run("import", "vcard", str(FIXTURES / "nope.vcf"))
    assert result.exit_code == 2
    assert not journal_dir.exists()


# --- skipping known people --------------------------------------------------------------------


def test_people_already_in_the_journal_are_skipped_by_name_or_email(run, journal_dir: Path) -> None:
    assert run("mentor", "add", "ZOE NUNEZ").exit_code == 0
    assert run("mentor", "add", "Someone Else", "--email", "Priya.Raman@example.org").exit_code == 0
    first = run("import", "vcard", str(FIXTURES / "contacts-2.1.vcf"))
    assert "Skipped Zoë Núñez from card 1 (line 1): is already in the journal as zoe-nunez" in (
        first.stderr
    )
    second = run("import", "vcard", str(FIXTURES / "contacts-3.0.vcf"))
    assert "Skipped Priya Raman" in second.stderr
    assert second.exit_code == 0
    assert sorted(mentor_ids(run)) == [
        "dr-daniel-okafor",
        "jurgen-muller",
        "someone-else",
        "zoe-nunez",
    ]


def test_importing_the_same_file_twice_adds_nobody_the_second_time(run, journal_dir: Path) -> None:
    run("import", "vcard", str(FIXTURES / "contacts-3.0.vcf"))
    before = mentor_ids(run)
    again = run("import", "vcard", str(FIXTURES / "contacts-3.0.vcf"))
    assert again.exit_code == 0
    assert "Added 0, skipped 2" in again.stderr
    assert mentor_ids(run) == before


def test_dry_run_writes_nothing(run, journal_dir: Path) -> None:
    result = run("import", "vcard", str(FIXTURES / "contacts-2.1.vcf"), "--dry-run")
    assert result.exit_code == 0
    assert "Would add Zoë Núñez from card 1" in result.stderr
    assert "nothing was written" in result.stderr
    assert not journal_dir.exists()


def test_dry_run_json_lists_candidates(run, journal_dir: Path) -> None:
    data = run("import", "csv", str(FIXTURES / "contacts.csv"), "-n", "--json").json()
    assert set(data) == {"dry_run", "created", "skipped", "bad", "ignored_columns"}
    assert data["dry_run"] is True
    assert [c["name"] for c in data["created"]] == ["Zoë Núñez", "Ana Silva", "Mei 林"]
    assert set(data["created"][0]) == {
        "position",
        "name",
        "email",
        "org",
        "role",
        "stage",
        "cadence",
        "since",
        "tags",
        "background",
    }
    assert data["skipped"] == [
        {
            "position": "line 6",
            "name": "Zoe Nunez",
            "reason": "is listed twice (first at line 2)",
            "existing": None,
        }
    ]
    assert [b["position"] for b in data["bad"]] == ["line 7", "line 8"]
    assert data["ignored_columns"] == ["Favourite colour"]


# --- CSV --------------------------------------------------------------------------------------


def test_csv_with_aliases_odd_quoting_newlines_and_unicode(run, journal_dir: Path) -> None:
    result = run("import", "csv", str(FIXTURES / "contacts.csv"))
    assert result.exit_code == 5  # two bad rows
    assert "Ignored columns: Favourite colour" in result.stderr
    assert "line 7: 'boss' is not a career stage" in result.stderr
    assert "line 8:" in result.stderr and "not a date" in result.stderr
    assert mentor_ids(run) == ["ana-silva", "mei", "zoe-nunez"]
    zoe = mentor(run, "zoe-nunez")
    assert zoe["org"] == "Alder Bay; Budget Office"
    assert zoe["role"] == "Director"
    assert zoe["stage"] == "senior"
    assert zoe["cadence"] == "6w"
    assert zoe["since"] == "2026-03-02"
    assert zoe["tags"] == ["budget", "council"]
    assert zoe["background"].rstrip("\n") == 'First line\nsecond line with "quotes"'
    ana = mentor(run, "ana-silva")
    assert ana["tags"] == ["career", "mentoring"]
    assert ana["cadence"] == "1m"
    assert mentor(run, "mei")["background"] == "多谢"


def test_csv_with_first_and_last_name_columns(run, journal_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("First Name,Last Name,Email\nAna,Silva,a@example.org\n", encoding="utf-8")
    assert run("import", "csv", str(source)).exit_code == 0
    assert mentor_ids(run) == ["ana-silva"]


def test_csv_without_a_name_column_is_refused(run, journal_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("email,org\na@example.org,X\n", encoding="utf-8")
    result = run("import", "csv", str(source))
    assert result.exit_code == 2
    assert "no name column" in result.stderr
    assert not journal_dir.exists()


def test_csv_row_with_too_many_cells_is_bad(run, journal_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("name,email\nAna,a@example.org,extra\nBo,b@example.org\n", encoding="utf-8")
    result = run("import", "csv", str(source))
    assert result.exit_code == 5
    assert "line 2: 3 cells for 2 columns" in result.stderr
    assert mentor_ids(run) == ["bo"]


def test_windows_1252_csv_is_read(run, journal_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes("name\r\nJosé Ortiz\r\n".encode("cp1252"))
    assert run("import", "csv", str(source)).exit_code == 0
    assert mentor(run, "jose-ortiz")["name"] == "José Ortiz"


# --- properties -------------------------------------------------------------------------------

_names = st.text(
    alphabet=st.characters(categories=["L"], max_codepoint=0x2FFF), min_size=1, max_size=20
)


@settings(max_examples=examples(50), deadline=None)
@given(st.lists(st.tuples(_names, _names), min_size=1, max_size=6))
def test_csv_written_by_the_csv_module_is_read_back(rows: list[tuple[str, str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Name", "Notes"])
    for name, note in rows:
        writer.writerow([name, f'{note}\n,"{note}"'])
    entries, ignored = contacts.read_csv(buffer.getvalue(), TODAY)
    assert ignored == []
    assert [e.name for e in entries if isinstance(e, contacts.Candidate)] == [
        " ".join(name.split()) for name, _ in rows
    ]
    for entry, (_, note) in zip(entries, rows, strict=True):
        assert isinstance(entry, contacts.Candidate)
        assert entry.background == f'{note}\n,"{note}"'


@settings(max_examples=examples(50), deadline=None)
@given(_names, _names)
def test_vcards_written_by_vobject_are_read_back(given_name: str, note: str) -> None:
    import vobject

    card = vobject.vCard()
    card.add("fn").value = given_name
    card.add("n").value = vobject.vcard.Name(given=given_name)
    card.add("note").value = note
    entries = contacts.read_vcards(card.serialize())
    assert len(entries) == 1
    entry = entries[0]
    assert isinstance(entry, contacts.Candidate)
    assert entry.name == " ".join(given_name.split())
    assert entry.background == note.strip()


@pytest.mark.parametrize("existing", ["zoe nunez", "ZOË NÚÑEZ", "Zoe  Nunez"])
def test_plan_matches_names_ignoring_case_accents_and_spaces(existing: str) -> None:
    from mentorlog.domain.models import Mentor

    entries: list[contacts.Candidate | contacts.BadEntry] = [
        contacts.Candidate("line 2", "Zoë Núñez")
    ]
    planned = contacts.plan(entries, {"z": Mentor(id="z", name=existing)})
    assert planned.create == []
    assert planned.skipped[0].existing == "z"
