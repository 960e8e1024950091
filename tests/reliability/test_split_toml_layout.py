"""A file laid out by hand keeps its layout through every rewrite. TOML lets a person split an
array of tables (`[[questions]]` before and after `[agreement]`) or a table (`[a.b]` after
`[c]`); a rewrite changes the lines it means to and leaves every other line in its place, byte
for byte, and the file then holds exactly the data the change meant."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from mentorlog.journal import frontmatter, toml_layout

RUTH = Path("mentors") / "ruth-castellanos.toml"


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def is_kept_in_order(before: list[str], after: list[str]) -> bool:
    remaining = iter(after)
    return all(any(line == candidate for candidate in remaining) for line in before)


# --- random documents through the real update path ---------------------------------------------


@dataclass
class Doc:
    """A generated TOML text, each line tagged with the block and key it belongs to, so that a
    test knows which lines a change may touch."""

    lines: list[tuple[str, int, str | None]] = field(default_factory=list)  # text, block, key
    blocks: list[tuple[str, int | None]] = field(default_factory=list)  # name, entry index

    @property
    def text(self) -> str:
        return "".join(line for line, _, _ in self.lines)


NAMES = ("q", "m")  # arrays of tables
TABLES = ("t", "u")  # tables, each with a sub-table `[x.s]` that may come later
COMMENT = st.text(alphabet="abc xyz#é", max_size=8).map(lambda text: f"# {text}\n")
FILLER = st.lists(st.one_of(COMMENT, st.just("\n")), max_size=2)


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    doc = Doc()
    counter = iter(range(10_000))

    def add_keys(block: int) -> None:
        for key in draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=3)):
            comment = draw(st.sampled_from(["", "  # kept"]))
            doc.lines.append((f'{key} = "v{next(counter)}"{comment}\n', block, key))
        for line in draw(FILLER):
            doc.lines.append((line, block, None))

    doc.blocks.append(("", None))
    for line in draw(FILLER):
        doc.lines.append((line, 0, None))
    add_keys(0)
    headers: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        choices = [f"[[{name}]]" for name in NAMES]
        choices += [f"[{t}]" for t in TABLES if f"[{t}]" not in headers]
        choices += [f"[{t}.s]" for t in TABLES if f"[{t}.s]" not in headers]
        headers.append(draw(st.sampled_from(choices)))
    for header in headers:
        block = len(doc.blocks)
        name = header.strip("[]")
        index = sum(1 for n, _ in doc.blocks if n == name) if header.startswith("[[") else None
        doc.blocks.append((name, index))
        doc.lines.append((header + "\n", block, None))
        for line in draw(FILLER):
            doc.lines.append((line, block, None))
        add_keys(block)
    return doc


@dataclass
class Change:
    changes: dict[str, Any]
    touched: set[tuple[int, str | None]]  # (block, key) lines that may change; key None: all
    expected: dict[str, Any]


@st.composite
def changes(draw: st.DrawFn, doc: Doc) -> Change:
    data = tomllib.loads(doc.text)
    candidates = [i for i, (name, _) in enumerate(doc.blocks)]
    block = draw(st.sampled_from(candidates))
    name, index = doc.blocks[block]
    action = draw(st.sampled_from(["set", "add", "drop", "append", "remove"]))
    new_value = "changed"

    def table_of(d: dict[str, Any]) -> dict[str, Any]:
        if name == "":
            return d
        if index is not None:
            return d[name][index]  # type: ignore[no-any-return]
        top, *rest = name.split(".")
        found = d[top]
        for part in rest:
            found = found[part]
        return found  # type: ignore[no-any-return]

    expected = tomllib.loads(doc.text)
    table = table_of(expected)
    plain = [key for key, value in table.items() if isinstance(value, str)]
    touched: set[tuple[int, str | None]] = set()
    if action == "set" and plain:
        key = draw(st.sampled_from(plain))
        table[key] = new_value
        touched.add((block, key))
    elif action == "drop" and plain:
        key = draw(st.sampled_from(plain))
        del table[key]
        touched.add((block, key))
    elif action == "append" and index is not None:
        expected[name].append({"a": "new entry"})
    elif action == "remove" and index is not None and len(expected[name]) > 1:
        del expected[name][index]
        touched.add((block, None))
    else:
        fresh = next(k for k in ("e", "f", "g", "h") if k not in table)
        table[fresh] = new_value
    top = name.split(".")[0]
    if top == "":
        changed = {key: expected.get(key) for key in set(data) | set(expected)}
        changed = {k: v for k, v in changed.items() if not isinstance(v, dict | list)}
    else:
        changed = {top: expected[top]}
    return Change(changed, touched, expected)


@settings(max_examples=examples(300), deadline=None)
@given(data=st.data())
def test_a_change_to_a_split_document_keeps_every_other_line_in_order(data: st.DataObject) -> None:
    doc = data.draw(documents())
    change = data.draw(changes(doc))
    before = doc.text

    after = frontmatter.update_toml(before, change.changes)

    assert tomllib.loads(after) == change.expected
    untouched = [
        line
        for line, block, key in doc.lines
        if (block, key) not in change.touched and (block, None) not in change.touched
    ]
    assert is_kept_in_order(untouched, lines_of(after))


def test_two_equal_entries_are_each_changed_where_they_stand() -> None:
    """Two entries alike: the change goes to the one meant, and the other keeps its comment
    and its blank line (matching entries by their content once paired them the wrong way)."""
    for text in ("[[q]]\n[[q]]\n# note\n", "[[q]]\n[[q]]\n\n"):
        after = frontmatter.update_toml(text, {"q": [{"e": "changed"}, {}]})
        assert after == text.replace("[[q]]\n[[q]]", '[[q]]\ne = "changed"\n[[q]]', 1)


@given(doc=documents())
def test_blocks_join_back_into_the_text(doc: Doc) -> None:
    blocks = toml_layout.split_blocks(doc.text)
    assert "".join(text for _, text in blocks) == doc.text
    assert len(blocks) == len(doc.blocks)


def test_a_header_inside_a_multiline_string_or_array_is_not_a_block() -> None:
    text = 'a = """\n[x]\n"""\nb = [\n  ["y"]\n]\nc = \'\'\'\n[[z]]\n\'\'\'\n[t]\nk = 1\n'
    assert [name for name, _ in toml_layout.split_blocks(text)] == [None, "t"]


def test_the_work_is_linear_in_the_file(monkeypatch: Any) -> None:
    """Characters parsed grow with the file, not with its square: each header line once, the
    whole text a fixed number of times."""
    parsed: list[int] = []
    real = tomllib.loads

    def counting(text: str) -> dict[str, Any]:
        parsed.append(len(text))
        return real(text)

    monkeypatch.setattr(toml_layout.tomllib, "loads", counting)
    for entries in (50, 400):
        parsed.clear()
        text = "".join(f'[[q]]\ntext = "q{n}"\n\n[t{n}]\nk = {n}\n\n' for n in range(entries))
        toml_layout.keeping_layout(text, lambda grouped: grouped.replace("k = 7\n", "k = 8\n"))
        assert sum(parsed) <= 6 * len(text)


def test_a_split_table_keeps_its_comments_when_it_changes() -> None:
    text = 'name = "x"\n[a]\nx = 1\n# before c\n[c]\ny = 2\n\n# later part of a\n[a.b]\nz = 3\n'
    after = frontmatter.update_toml(text, {"a": {"x": 2, "b": {"z": 3}}})
    assert after == text.replace("x = 1", "x = 2")


def test_a_file_without_a_final_newline_gets_none_after_a_split_edit() -> None:
    text = '[[q]]\ntext = "a"\n[agreement]\nx = 1\n[[q]]\ntext = "b"'
    after = frontmatter.update_toml(text, {"q": [{"text": "a", "done": 1}, {"text": "b"}]})
    assert after == text.replace('text = "a"\n', 'text = "a"\ndone = 1\n')


# --- real commands on hand-split mentor and goal files ------------------------------------------

SPLIT_QUESTIONS = """

[[questions]]
# asked because of the reorg
text = "How do I say no?"  # soon
added = 2026-11-01
"""


def _split_ruth(example_dir: Path) -> tuple[Path, str]:
    path = example_dir / RUTH
    original = path.read_text("utf-8").rstrip("\n") + SPLIT_QUESTIONS
    path.write_text(original, "utf-8")
    return path, original


def test_asking_a_question_adds_it_after_the_last_one_and_moves_nothing(
    run: Any, example_dir: Path
) -> None:
    path, original = _split_ruth(example_dir)
    assert run("ask", "add", "ruth", "What about the levy?").exit_code == 0
    after = path.read_text("utf-8")
    assert after.startswith(original)
    assert after[len(original) :].lstrip("\n").startswith("[[questions]]\ntext = ")


def test_removing_a_question_before_the_agreement_leaves_the_later_one_in_place(
    run: Any, example_dir: Path
) -> None:
    path, original = _split_ruth(example_dir)
    result = run("ask", "rm", "ruth", "1")
    assert result.exit_code == 0, result.stderr
    removed = (
        '[[questions]]\ntext = "How did you decide you were ready to supervise people instead '
        'of spreadsheets?"\nadded = 2026-10-05\n\n'
    )
    assert removed in original
    assert path.read_text("utf-8") == original.replace(removed, "")


def test_mentor_set_and_agree_change_only_their_lines_in_a_split_file(
    run: Any, example_dir: Path
) -> None:
    path, original = _split_ruth(example_dir)
    assert run("mentor", "set", "ruth", "--role", "City Manager").exit_code == 0
    after = path.read_text("utf-8")
    assert after == original.replace("Assistant City Manager", "City Manager")
    result = run("agree", "ruth", "--no-edit", "--term", "18m", "--date", "2026-05-19")
    assert result.exit_code == 0, result.stderr
    again = path.read_text("utf-8")
    assert again == after.replace('term = "12m"', 'term = "18m"')


def test_booking_a_meeting_in_a_split_file_moves_no_line(run: Any, example_dir: Path) -> None:
    path, original = _split_ruth(example_dir)
    assert run("meet", "ruth", "2026-12-01", "--at", "10:00").exit_code == 0
    after = path.read_text("utf-8")
    assert after.startswith(original) and "[[meetings]]" in after[len(original) :]


def test_goal_progress_follows_the_last_progress_entry_of_a_split_goal(
    run: Any, example_dir: Path
) -> None:
    path = example_dir / "goals" / "learn-to-delegate.toml"
    original = (
        'title = "Learn to delegate"\nstatus = "open"\ncreated = 2026-06-10\n\n'
        '[[progress]]\ndate = 2026-07-24\nnote = "Wrote a handoff brief."\n\n'
        '# my own table, in the middle\n[mine]\nmood = "good"\n\n'
        '[[progress]]\n# the second one\ndate = 2026-08-01\nnote = "Let go of payroll."\n'
    )
    path.write_text(original, "utf-8")
    result = run("goal", "progress", "learn-to-delegate", "Handed off the roster")
    assert result.exit_code == 0, result.stderr
    after = path.read_text("utf-8")
    assert after.startswith(original)
    assert "Handed off the roster" in after[len(original) :]
