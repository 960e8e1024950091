"""Ids made from names: readable, always valid, never leaving the journal folder, and the same
for names that differ only by case, accents or Unicode form."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.domain.slugs import MAX_LENGTH, fold, is_valid_id, slugify, unique

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
NAMES = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Lt", "Nd", "Zs", "Pd", "Po", "Mn")),
    max_size=40,
)
COMBINING = st.sampled_from(["\u0301", "\u0300", "\u0308", "\u0303", "\u0327", "\u030a"])


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jennifer Phillips", "jennifer-phillips"),
        ("Zoë Núñez", "zoe-nunez"),
        ("  Ruth   Castellanos  ", "ruth-castellanos"),
        ("Jean-Luc O'Brien", "jean-luc-o-brien"),
        ("Straße", "strasse"),
        ("Søren Kierkegaard", "soren-kierkegaard"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Present the budget to council!", "present-the-budget-to-council"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("", "item"),
        ("!!!", "item"),
        ("日本語", "item"),
        ("CON", "con-1"),
        ("aux", "aux-1"),
        ("COM1", "com1-1"),
        ("lpt9", "lpt9-1"),
        ("x" * 100, "x" * MAX_LENGTH),
    ],
)
def test_slugify_examples(name, slug):
    assert slugify(name) == slug


def test_slugify_uses_the_fallback_for_names_with_no_letters():
    assert slugify("???", "mentor") == "mentor"


@pytest.mark.parametrize(
    "bad",
    ["", "-", "a-", "-a", "A", "a_b", "a/b", "../a", "a.b", "con", "nul", "a\x00", "é", "a b"],
)
def test_is_valid_id_rejects_what_could_not_be_a_safe_file_name(bad):
    assert not is_valid_id(bad)


@pytest.mark.parametrize("good", ["a", "ruth", "ruth-castellanos-2", "2026-11-02-ruth", "con-1"])
def test_is_valid_id_accepts_slugs(good):
    assert is_valid_id(good)


def test_unique_numbers_from_two():
    assert unique("ruth", set()) == "ruth"
    assert unique("ruth", {"ruth"}) == "ruth-2"
    assert unique("ruth", {"ruth", "ruth-2", "ruth-3"}) == "ruth-4"


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=examples(500))
@given(ANY_TEXT)
def test_slugify_always_gives_a_valid_non_empty_id(text):
    slug = slugify(text)
    assert slug
    assert is_valid_id(slug), slug
    assert len(slug) <= MAX_LENGTH + 2  # room for the "-1" of a reserved name


@settings(max_examples=examples(500))
@given(ANY_TEXT)
def test_slugify_is_idempotent_on_its_output(text):
    slug = slugify(text)
    assert slugify(slug) == slug


@settings(max_examples=examples(300))
@given(ANY_TEXT)
def test_a_slug_used_as_a_file_name_stays_inside_its_folder(tmp_path_factory, text):
    folder = Path("/journal/mentors")
    path = folder / f"{slugify(text)}.toml"
    assert path.parent == folder
    assert Path(str(path).replace("/./", "/")).resolve().parent == folder.resolve()
    assert "/" not in slugify(text) and "\\" not in slugify(text) and ".." not in slugify(text)


@settings(max_examples=examples(300))
@given(NAMES)
def test_names_that_differ_only_by_case_give_the_same_slug(name):
    assert slugify(name.upper()) == slugify(name) == slugify(name.lower())
    assert fold(name.upper()) == fold(name.lower())


@settings(max_examples=examples(300))
@given(NAMES)
def test_names_in_another_unicode_form_give_the_same_slug(name):
    forms = {form: unicodedata.normalize(form, name) for form in ("NFC", "NFD", "NFKC", "NFKD")}
    assert {slugify(text) for text in forms.values()} == {slugify(name)}
    assert {fold(text) for text in forms.values()} == {fold(name)}


@settings(max_examples=examples(300))
@given(st.lists(st.tuples(st.sampled_from("abcdefghijklmnopqrstuvwxyz "), COMBINING)))
def test_accents_do_not_change_the_slug(pairs):
    plain = "".join(letter for letter, _ in pairs)
    accented = "".join(letter + (mark if letter != " " else "") for letter, mark in pairs)
    assert slugify(accented) == slugify(plain)
    assert fold(accented) == fold(plain)


@settings(max_examples=examples(300))
@given(st.text(alphabet="abc-", max_size=6), st.sets(st.text(alphabet="abc-2345", max_size=8)))
def test_unique_never_returns_a_taken_id(base, taken):
    chosen = unique(base, taken)
    assert chosen not in taken
    assert chosen == base or chosen.startswith(f"{base}-")
