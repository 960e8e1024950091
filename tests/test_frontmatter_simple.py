"""frontmatter.dumps_simple: new front matter written without tomlkit, read back unchanged."""

from __future__ import annotations

import sys
import tomllib
from datetime import date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.journal.frontmatter import _flat, dumps_simple, dumps_toml, parse_toml

# Any text a person could type, including quotes, backslashes, newlines, tabs, DEL and other
# control characters; lone surrogates cannot be written as UTF-8 at all.
any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
awkward_text = st.text(alphabet='"\\\n\r\t\x00\x01\x1f\x7f\x85\u2028é😀 #=[]{}', max_size=20)
texts = any_text | awkward_text
values = st.one_of(
    texts,
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.dates(),
    st.lists(texts, max_size=5),
)
keys = st.from_regex(r"[a-z_][a-z0-9_-]{0,15}", fullmatch=True) | texts


@given(st.dictionaries(keys, values, max_size=8))
def test_every_flat_table_reads_back_as_written(data: dict[str, Any]) -> None:
    assert tomllib.loads(dumps_simple(data)) == data


@given(st.dictionaries(keys, values | st.none(), max_size=8))
def test_none_values_are_left_out(data: dict[str, Any]) -> None:
    expected = {k: v for k, v in data.items() if v is not None}
    assert tomllib.loads(dumps_simple(data)) == expected


def test_a_session_head_looks_like_the_documented_format() -> None:
    text = dumps_simple(
        {
            "mentor": "jennifer-phillips",
            "date": date(2026, 11, 2),
            "kind": "check-in",
            "topic": None,
            "goals": ["present-the-budget"],
            "confidential": True,
        }
    )
    assert text == (
        'mentor = "jennifer-phillips"\n'
        "date = 2026-11-02\n"
        'kind = "check-in"\n'
        'goals = ["present-the-budget"]\n'
        "confidential = true\n"
    )


def test_unicode_is_written_as_itself_not_escaped() -> None:
    assert dumps_simple({"topic": "Zoë’s “budget”"}) == 'topic = "Zoë’s “budget”"\n'


def test_del_is_escaped_because_toml_forbids_it_raw() -> None:
    assert dumps_simple({"topic": "a\x7fb"}) == 'topic = "a\\u007fb"\n'


def test_keys_that_are_not_bare_are_quoted() -> None:
    text = dumps_simple({"my key": 1, "ключ": 2})
    assert tomllib.loads(text) == {"my key": 1, "ключ": 2}
    assert '"my key" = 1' in text


def test_an_empty_table_is_empty_text() -> None:
    assert dumps_simple({}) == ""
    assert dumps_simple({"a": None}) == ""


def test_other_values_fall_back_to_the_full_writer() -> None:
    nested = {"title": "x", "progress": [{"date": date(2026, 1, 1), "note": "n"}]}
    assert dumps_simple(nested) == dumps_toml(nested)
    moment = {"at": datetime(2026, 1, 1, 9, 30)}
    assert tomllib.loads(dumps_simple(moment)) == moment
    assert tomllib.loads(dumps_simple({"x": 1.5})) == {"x": 1.5}


def test_integers_beyond_64_bits_are_not_written_as_plain_toml() -> None:
    # TOML integers are 64-bit; the full writer decides what to do with larger ones.
    assert dumps_simple({"n": 2**63}) == dumps_toml({"n": 2**63})


def test_writing_a_simple_table_does_not_import_tomlkit() -> None:
    import subprocess

    code = (
        "import sys; from datetime import date; from mentorlog.journal.frontmatter import dumps_simple;"
        "dumps_simple({'a': 'b', 'd': date(2026, 1, 1), 'l': ['x']});"
        "print('tomlkit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --- reading: the shortcut for flat front matter must agree with tomllib -----------------------

# Lines close to the flat form and just off it: spacing, quotes, escapes, comments, tables,
# numbers, impossible dates, repeated keys.
near_flat_lines = st.one_of(
    st.builds(
        lambda key, value: f"{key} = {value}",
        st.sampled_from(["a", "b", "kind", "date", "a-b_1", "A", "1"]),
        st.one_of(
            st.sampled_from(
                [
                    "true",
                    "false",
                    "True",
                    "2026-11-02",
                    "2026-02-30",
                    "0000-01-01",
                    "2026-1-2",
                    "[]",
                    '["x"]',
                    '["x", "y"]',
                    '["x","y"]',
                    '[ "x" ]',
                    "12",
                    '""',
                    '"a # b"',
                    "'literal'",
                    '"""long"""',
                ]
            ),
            texts.map(lambda text: f'"{text}"'),
        ),
    ),
    st.sampled_from(["", "# comment", "[table]", "a=1", "a  = true", "a = true ", 'b.c = "x"']),
)


def tomllib_or_error(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


@given(st.lists(near_flat_lines, max_size=8))
def test_the_flat_shortcut_reads_only_what_tomllib_reads_the_same_way(lines: list[str]) -> None:
    text = "\n".join(lines)
    shortcut = _flat(text)
    if shortcut is not None:
        assert shortcut == tomllib_or_error(text)


@given(st.dictionaries(keys, values, max_size=8))
def test_what_mentorlog_writes_reads_back_the_same_through_parse_toml(
    data: dict[str, Any],
) -> None:
    assert parse_toml(dumps_simple(data), "x.md") == data


def test_a_session_head_as_mentorlog_writes_it_takes_the_shortcut() -> None:
    text = dumps_simple(
        {
            "mentor": "jennifer-phillips",
            "date": date(2026, 11, 2),
            "kind": "check-in",
            "topic": "Budget: what to cut first",
            "goals": ["present-the-budget", "lead-a-team"],
            "confidential": True,
        }
    )
    assert _flat(text) == tomllib.loads(text)


def test_an_impossible_date_or_a_repeated_key_is_left_to_tomllib_to_report() -> None:
    assert _flat("date = 2026-02-30") is None
    assert _flat('a = "x"\na = "y"') is None
