"""Front matter and TOML round trips: what mentorlog writes it reads back unchanged, and a rewrite
keeps the comments and keys it was not asked to change."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.errors import InvalidFile
from mentorlog.journal import frontmatter

# --- strategies -------------------------------------------------------------------------------

# Any Unicode text a person could type, including quotes, backslashes, tabs and newlines; not
# lone surrogates (they cannot be stored as UTF-8) nor carriage returns (files are normalised
# to \n on reading, by design).
TEXT = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r"), max_size=40),
    st.sampled_from(["a\n+++\nb", "+++\n", "x\n +++ ", "\"\"\"\n'''", "\\\n\\"]),
)
KEYS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), min_size=1, max_size=12
)
SCALARS = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.dates(),
)
ARRAYS = st.one_of(
    st.lists(TEXT, max_size=4),
    st.lists(st.integers(min_value=-1000, max_value=1000), max_size=4),
    st.lists(st.dates(), max_size=3),
)
TABLE_ROWS = st.lists(
    st.dictionaries(KEYS, st.one_of(TEXT, st.dates(), st.booleans()), min_size=1, max_size=3),
    min_size=1,
    max_size=3,
)
TOP_LEVEL = st.dictionaries(KEYS, st.one_of(SCALARS, ARRAYS, TABLE_ROWS), max_size=6)

# A body never holds a line that is only the delimiter right at its start (mentorlog would read
# that as front matter); anything else goes.
BODIES = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r"), max_size=200)


def same_floats(value: Any) -> Any:
    """-0.0 == 0.0 in Python; compare their signs too so a lost sign is caught."""
    if isinstance(value, float):
        return (value, str(value).startswith("-"))
    if isinstance(value, list):
        return [same_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: same_floats(v) for k, v in value.items()}
    return value


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=examples(300))
@given(TOP_LEVEL)
def test_any_toml_table_survives_dumps_and_parse(data):
    text = frontmatter.dumps_toml(data)
    assert same_floats(frontmatter.parse_toml(text, "x.toml")) == same_floats(data)


@settings(max_examples=examples(300))
@given(TOP_LEVEL, BODIES)
def test_front_matter_and_body_survive_join_split_and_parse(data, body):
    text = frontmatter.join(frontmatter.dumps_toml(data), body)
    parsed, parsed_body = frontmatter.parse(text, "x.md")
    assert same_floats(parsed) == same_floats(data)
    if body.strip():
        # join separates the body by one blank line and ends the file with a newline
        assert parsed_body.strip("\n") == body.strip("\n")
    else:
        assert parsed_body.strip() == ""


@settings(max_examples=examples(200))
@given(TOP_LEVEL, BODIES)
def test_a_joined_file_splits_back_at_the_right_line(data, body):
    head = frontmatter.dumps_toml(data)
    text = frontmatter.join(head, body)
    split_head, _, body_line = frontmatter.split(text, "x.md")
    assert tomllib.loads(split_head) == tomllib.loads(head)
    assert text.split("\n")[body_line - 2] == "+++"


@settings(max_examples=examples(300))
@given(TOP_LEVEL, TOP_LEVEL, st.lists(KEYS, max_size=3))
def test_update_toml_changes_only_the_keys_named(original, changes, removed):
    mine = "keep_me"
    original = {k: v for k, v in original.items() if k != mine}
    text = "# my own comment\nkeep_me = 1  # mine\n" + frontmatter.dumps_toml(original)
    requested: dict[str, Any] = {k: v for k, v in changes.items() if k != mine}
    for key in removed:
        if key != mine:
            requested.setdefault(key, None)
    updated = frontmatter.update_toml(text, requested)
    expected = {mine: 1, **original}
    for key, value in requested.items():
        if value is None:
            expected.pop(key, None)
        else:
            expected[key] = value
    assert same_floats(tomllib.loads(updated)) == same_floats(expected)
    assert updated.startswith("# my own comment\nkeep_me = 1  # mine\n")


@settings(max_examples=examples(200))
@given(st.dictionaries(KEYS, SCALARS, max_size=4), TEXT)
def test_update_toml_keeps_unknown_keys_and_inline_comments(changes, note):
    original = (
        "# mentor notes\n"
        'name = "Ruth"  # full name\n'
        "favourite_colour = 'blue'\n"
        "\n"
        "[[shared]]\n"
        'what = "resume"  # sent by email\n'
        "date = 2026-03-05\n"
    )
    requested = {k: v for k, v in changes.items() if k not in ("name", "shared")}
    requested["note"] = note
    updated = frontmatter.update_toml(original, requested)
    assert "# mentor notes" in updated
    assert "# full name" in updated
    assert "# sent by email" in updated
    data = tomllib.loads(updated)
    assert data["favourite_colour"] == "blue"
    assert data["shared"] == [{"what": "resume", "date": date(2026, 3, 5)}]
    assert data["note"] == note


# --- examples ---------------------------------------------------------------------------------


def test_a_multiline_value_keeps_its_exact_text():
    for value in ("line one\nline two", "ends with newline\n", "\nstarts with one", 'a """ b\n'):
        text = frontmatter.dumps_toml({"background": value})
        assert tomllib.loads(text)["background"] == value


def test_a_value_with_a_delimiter_line_does_not_end_the_front_matter():
    data = {"how": "a note\n+++\nthat looks like a delimiter"}
    text = frontmatter.join(frontmatter.dumps_toml(data), "+++\nbody\n")
    assert frontmatter.parse(text, "x.md") == (data, "+++\nbody\n")
    updated = frontmatter.update_toml('how = "x"\n', data)
    assert frontmatter.parse(frontmatter.join(updated, ""), "x.md")[0] == data


def test_update_adds_a_plain_key_before_the_first_table():
    original = 'name = "Ruth"\n\n[[shared]]\nwhat = "resume"\n'
    updated = frontmatter.update_toml(original, {"ended": date(2026, 11, 20)})
    assert updated.index("ended = 2026-11-20") < updated.index("[[shared]]")
    assert tomllib.loads(updated)["shared"] == [{"what": "resume"}]


def test_update_replaces_an_array_of_tables():
    original = 'name = "Ruth"\n\n[[shared]]\nwhat = "resume"\n'
    rows = [{"what": "resume"}, {"what": "plan", "date": date(2026, 1, 2)}]
    updated = frontmatter.update_toml(original, {"shared": rows})
    assert tomllib.loads(updated)["shared"] == rows


def test_none_removes_a_key_and_missing_keys_are_ignored():
    updated = frontmatter.update_toml("a = 1\nb = 2 # keep\n", {"a": None, "zzz": None})
    assert updated == "b = 2 # keep\n"


def test_normalise_text_accepts_bom_and_windows_line_ends():
    assert frontmatter.normalise_text(b"\xef\xbb\xbfa = 1\r\nb = 2\r\n", "x") == "a = 1\nb = 2\n"
    assert frontmatter.normalise_text(b"a = 1\rb = 2", "x") == "a = 1\nb = 2"


def test_normalise_text_names_the_line_of_bad_utf8():
    with pytest.raises(InvalidFile) as raised:
        frontmatter.normalise_text(b"a = 1\nb = '\xff'\n", "mentors/x.toml")
    assert raised.value.line == 2
    assert "UTF-8" in raised.value.reason


def test_normalise_text_refuses_nul_bytes():
    with pytest.raises(InvalidFile) as raised:
        frontmatter.normalise_text(b"a = 1\n\nb\x00", "x")
    assert raised.value.line == 3


def test_parse_toml_names_the_line_of_a_syntax_error():
    with pytest.raises(InvalidFile) as raised:
        frontmatter.parse_toml('a = 1\nb = "unclosed\n', "mentors/x.toml")
    assert raised.value.line == 2
    assert raised.value.path == "mentors/x.toml"
    assert "TOML error" in raised.value.reason


def test_a_syntax_error_in_front_matter_counts_lines_from_the_file_start():
    with pytest.raises(InvalidFile) as raised:
        frontmatter.parse('+++\nmentor = "x"\ndate = = 1\n+++\nbody\n', "s.md")
    assert raised.value.line == 3


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("no front matter\n", "does not start"),
        ("+++\nmentor = 'x'\n", "no closing"),
        ("", "does not start"),
    ],
)
def test_split_explains_a_missing_delimiter(text, says):
    with pytest.raises(InvalidFile) as raised:
        frontmatter.split(text, "s.md")
    assert says in raised.value.reason


def test_join_of_an_empty_body_is_just_the_front_matter():
    assert frontmatter.join('mentor = "x"', "") == '+++\nmentor = "x"\n+++\n'
    assert frontmatter.join('mentor = "x"\n', "\n\n") == '+++\nmentor = "x"\n+++\n'


def test_join_separates_the_body_by_one_blank_line():
    assert (
        frontmatter.join("a = 1\n", "## Notes\nSaid hi") == "+++\na = 1\n+++\n\n## Notes\nSaid hi\n"
    )


# The usual file is split without cutting it into lines; it must agree with the long way.
DELIMITER_LINES = st.sampled_from(["+++", " +++", "+++ ", "x +++", "+++x", "", "a = 1", "+"])


@given(
    st.lists(DELIMITER_LINES | BODIES.map(lambda t: t.replace("\n", " ")), max_size=8),
    st.booleans(),
)
def test_the_quick_split_agrees_with_the_line_by_line_split(lines: list[str], end: bool) -> None:
    text = "+++\n" + "\n".join(lines) + ("\n" if end else "")
    try:
        expected = frontmatter._split_lines(text, "x.md")
    except InvalidFile:
        with pytest.raises(InvalidFile):
            frontmatter.split(text, "x.md")
        return
    assert frontmatter.split(text, "x.md") == expected
