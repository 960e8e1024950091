"""User text is data everywhere it is shown. Whatever a name, a topic, a note, a tag or a file
name holds (rich markup, emoji codes, escape sequences, bidi overrides, newlines), every read
command exits as documented, prints it as written, and never sends a control character to the
terminal; warnings name the file, line and field, never the value.
"""

from __future__ import annotations

import ast
import itertools
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import examples
from journal_builder import Builder
from mentorlog.render import text_safety

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "mentorlog"
KEPT_FORMAT = {"\u200c", "\u200d"}  # joiners: emoji sequences and Persian or Indic names
HOSTILE = [
    "[wip] budget",
    "see [/docs]",
    "Cal [/c] Ray",
    "arr[i]",
    "[bold red]loud[/]",
    ":smile: :thumbs_up:",
    "\x1b]0;retitled\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "two\nlines",
    "# heading\n- item",
    "tab\there",
    "carriage\rreturn",
    "back\\slash `code` *em* <b>",
    "1. first",
    "line\u2028sep",
    "👨\u200d👩\u200d👧 نام\u200cها",
]


def unsafe_characters(text: str) -> list[str]:
    """What must never reach a terminal: controls but newline and tab, format characters but
    the joiners, line and paragraph separators, lone surrogates."""
    found = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t" or char in KEPT_FORMAT:
            continue
        if category in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            found.append(char)
    return found


# --- the one rule --------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_format_characters_listed_are_exactly_unicodes() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cf" and char not in KEPT_FORMAT:
            assert text_safety.line(char) != char, hex(code)


@given(st.text())
def test_a_line_has_no_unsafe_character_and_no_line_break(text: str) -> None:
    shown = text_safety.line(text)
    assert unsafe_characters(shown) == []
    assert "\n" not in shown and "\t" not in shown
    assert text_safety.line(shown) == shown


@given(st.text())
def test_a_body_keeps_its_lines_and_tabs_and_nothing_else_unsafe(text: str) -> None:
    shown = text_safety.body(text)
    assert unsafe_characters(shown) == []
    assert shown.count("\n") == text.replace("\r\n", "\n").count("\n")
    assert shown.count("\t") >= text.count("\t")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1bb", "a\\x1bb"),
        ("\u202eevil", "\\u202eevil"),
        ("\x9b", "\\x9b"),
        ("a\nb\tc", "a\\nb\\tc"),
        ("\U000e0041", "\\U000e0041"),
        ("[wip] Zoë 名前 🙂", "[wip] Zoë 名前 🙂"),
    ],
)
def test_escapes_are_readable(text: str, shown: str) -> None:
    assert text_safety.line(text) == shown


@example("x\x7fy")  # DEL is ASCII: a document of ASCII alone is not safe for that alone
@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_values_read_back_exactly(value: Any) -> None:
    from mentorlog.render.json import dumps

    document = dumps(value)
    assert json.loads(document) == value
    assert unsafe_characters(document) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_a_markdown_line_stays_one_line_that_starts_no_block(text: str) -> None:
    shown = text_safety.markdown_line(text)
    assert "\n" not in shown
    assert not shown.lstrip().startswith(("#", "-", "*", "+", ">", "1.", "<", "`", "|", "="))


# --- what keeps the next view from forgetting ------------------------------------------------------


SAFE_HELPERS = PACKAGE / "render" / "tables.py"


def _rich_modules() -> list[Path]:
    found = sorted((PACKAGE / "render").rglob("*.py")) + sorted((PACKAGE / "cli").rglob("*.py"))
    assert len(found) > 20, "the views were not found: did the layout change?"
    return found


def test_views_build_rich_output_only_through_the_safe_helpers() -> None:
    """Tables, panels and consoles come from mentorlog.render.tables, which turns every string cell
    and title into Text; no view parses markup."""
    allowed = {"SafeTable", "SafeConsole", "Table", "Console", "Panel"}
    for path in _rich_modules():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            where = f"{path.name}:{node.lineno}"
            assert name not in ("from_markup", "render_str", "render_markup"), where
            for keyword in node.keywords:
                if keyword.arg in ("markup", "emoji", "highlight"):
                    value = keyword.value
                    assert isinstance(value, ast.Constant) and value.value is False, where
            if name in allowed - {"SafeTable", "SafeConsole"} and path != SAFE_HELPERS:
                raise AssertionError(f"{where}: build {name} through mentorlog.render.tables")
            if name == "print" and node.args:
                first = node.args[0]
                assert not isinstance(first, (ast.JoinedStr, ast.Constant, ast.BinOp)), where


# --- every read command, against hostile records ---------------------------------------------------

READS = [
    ("session", "list"),
    ("session", "show", "2026-10-01-ann"),
    ("mentor", "list"),
    ("mentor", "show", "ann"),
    ("goal", "list"),
    ("goal", "show", "ship"),
    ("action", "list", "--all"),
    ("ask", "list"),
    ("team",),
    ("timeline", "ann"),
    ("review",),
    ("reflection", "list"),
    ("due",),
    ("due", "--json"),
    ("due", "--all"),
    ("brief", "ann"),
    ("brief", "ann", "--markdown"),
    ("search", "marker"),
    ("lessons",),
    ("lessons", "--by", "tag"),
    ("export", "--format", "markdown", "--include-confidential"),
    ("export", "--format", "json", "--include-confidential"),
    ("export", "--for", "ann"),
    ("log",),
]
EXIT_CODES = {("doctor",): {0, 1}, ("log",): {0, 2}}


def _hostile_journal(root: Path, text: str, name: str) -> None:
    """`text` in every field of every kind of record; `name` is a mentor's name (never blank)."""
    builder = Builder(root)
    builder.mentor(
        "ann",
        name=name,
        role=text,
        org=text,
        stage="peer",
        cadence="2w",
        tags=[text, "marker"],
        strengths=[text],
        background=text,
        shared=[{"what": name, "date": "2026-09-01"}],
        questions=[{"text": name, "added": "2026-10-02"}],
    )
    builder.mentor("bob", name=f"{name} two", cadence="2w")
    builder.goal(
        "ship",
        title=name,
        why=text,
        success=text,
        mentors=["ann"],
        progress=[{"date": "2026-10-20", "note": text}],
    )
    builder.goal("done", title=f"{name} done", status="done", closed="2026-11-01", note=text)
    lines = text.replace("\n", " ").replace("\r", " ")
    body = (
        f"marker {text}\n\n## Action items\n\n- [ ] {lines or 'x'}\n- [x] {name} (done 2026-10-05)"
        f"\n\n## Lessons\n\n- {lines or 'x'} #{'tag'}\n\n{text}\n"
    )
    builder.session(
        "ann", "2026-10-01", body, topic=text, goals=["ship"], how=text, discussed=[name]
    )
    builder.session("bob", "2026-11-20", f"marker {text}", topic=name, kind="email")
    builder.reflection("2026-10-02-ann", "2026-10-02", mentor="ann", session="2026-10-01-ann")
    # A file name is user text too, and so is a value a warning must not repeat.
    year = root / "sessions" / "2026"
    safe_name = name.replace("/", "_").replace("\x00", "_")[:100]
    (year / f"copy {safe_name} [draft].md").write_text("+++\nmentor = 1\n+++\n", "utf-8")
    (root / "mentors" / "cyd.toml").write_text(
        'name = "Cyd"\ncadence = "after SECRET her chemo ends"\nsince = "SECRET date"\n', "utf-8"
    )


def _check(run: Any, monkeypatch: pytest.MonkeyPatch, root: Path) -> dict[tuple[str, ...], str]:
    monkeypatch.setenv("MENTORLOG_DIR", str(root))
    shown: dict[tuple[str, ...], str] = {}
    for args in [*READS, ("doctor",)]:
        result = run(*args)
        assert result.exit_code in EXIT_CODES.get(args, {0}), (args, result.stderr)
        assert unsafe_characters(result.stdout) == [], args
        assert unsafe_characters(result.stderr) == [], args
        assert "SECRET" not in result.stdout + result.stderr, args
        if args == ("due", "--json"):
            assert "ann" in {row["mentor"] for row in result.json()["mentors"]}
        shown[args] = result.stdout
    return shown


def test_hostile_text_in_every_field_is_shown_as_written(
    run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = "\n".join(HOSTILE)
    _hostile_journal(tmp_path / "j", text, "[wip] Ann \x1b]0;x\x07 :smile: \u202eRay")
    shown = _check(run, monkeypatch, tmp_path / "j")
    for args in [
        ("mentor", "list"),
        ("mentor", "show", "ann"),
        ("due",),
        ("team",),
        ("ask", "list"),
    ]:
        if args in shown:
            assert "[wip] Ann" in shown[args], args
            assert ":smile:" in shown[args], args
    assert "see [/docs]" in shown[("session", "list")]
    assert "[wip] budget" in shown[("session", "show", "2026-10-01-ann")]
    assert "copy [wip] Ann" in shown[("doctor",)]
    assert "\\x1b]0;x\\x07" in shown[("due",)]
    assert "\\u202eRay" in shown[("mentor", "list")]


def test_a_warning_names_the_field_never_the_value(
    run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    Builder(tmp_path / "j").mentor("cyd", name="Cyd", cadence="after SECRET her chemo ends")
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "j"))
    result = run("mentor", "list")
    assert "SECRET" not in result.stderr
    assert (
        "mentors/cyd.toml:2: `cadence` is not a cadence "
        '(write it as "6 weeks", "2w" or "1m")' in result.stderr
    )


def test_a_markdown_export_starts_no_heading_from_a_topic(
    run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    builder = Builder(tmp_path / "j").mentor("ann", name="Ann\n# Owned")
    builder.session("ann", "2026-10-01", "# Notes\n\nkept", topic="plan\n## Injected\n- item")
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "j"))
    result = run("export", "--format", "markdown", "--include-confidential")
    assert result.exit_code == 0
    headings = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert not any("Owned" in h.split("Ann", 1)[0] or h.startswith("## Injected") for h in headings)
    assert not any(line.startswith(("# Owned", "## Injected", "- item")) for line in headings)
    assert "#### Notes" in result.stdout or "### Notes" in result.stdout  # the body stays Markdown


def test_session_show_keeps_the_lines_and_tabs_of_a_body(
    run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    body = "first line\n\n    indented\tcode\n\nlast \x1b[2J line\n"
    Builder(tmp_path / "j").mentor("ann").session("ann", "2026-10-01", body)
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "j"))
    result = run("session", "show", "2026-10-01-ann")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if "first line" in line)
    last = next(i for i, line in enumerate(lines) if "last" in line)
    assert last - first >= 4
    assert "\\x1b[2J" in result.stdout and unsafe_characters(result.stdout) == []


def test_an_entity_in_a_note_never_becomes_an_escape(
    run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    Builder(tmp_path / "j").mentor("ann").session("ann", "2026-10-01", "x &#27;[2J &#x9b; y")
    monkeypatch.setenv("MENTORLOG_DIR", str(tmp_path / "j"))
    result = run("session", "show", "2026-10-01-ann")
    assert result.exit_code == 0
    assert unsafe_characters(result.stdout) == []


# A NUL byte makes a file unreadable by design (test_hostile_files covers that); surrogates
# cannot be written as UTF-8.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join),
)
names = hostile_text.filter(lambda s: s.strip() != "")
_counter = itertools.count()


@settings(
    max_examples=examples(6),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile_text, name=names)
@pytest.mark.slow
def test_any_text_in_any_field_never_reaches_the_terminal_raw(
    run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str, name: str
) -> None:
    root = tmp_path / f"j{next(_counter)}"
    _hostile_journal(root, text, name)
    _check(run, monkeypatch, root)
