"""What the full CLI's read commands import on a warm index: the index serves the rows, so no
parser and no validation (tomllib, pydantic) loads; `--json` draws no table, so rich does not
load either; no view loads a Markdown renderer: notes are shown as written."""

from __future__ import annotations

from pathlib import Path

import pytest

import test_fastpath
from test_fastpath import _modules_after

warm_example = test_fastpath.warm_example  # the fixture: the example journal, indexed

PARSING = (
    "tomllib",
    "pydantic",
    "pydantic_core",
    "mentorlog.journal.frontmatter",
    "mentorlog.journal.schema",
)
MARKDOWN = ("markdown_it", "pygments", "rich.markdown")

READS = [
    ["brief", "ruth"],
    ["brief", "ruth", "--as-of", "2026-11-23"],
    ["team"],
    ["review"],
    ["timeline", "ruth"],
    ["lessons"],
    ["action", "list"],
    ["mentor", "list"],
    ["mentor", "show", "ruth"],
    ["goal", "list"],
    ["session", "list"],
    ["reflection", "list"],
    ["doctor"],
]


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_warm_read_parses_and_validates_nothing(
    args: list[str], warm_example: dict[str, str]
) -> None:
    assert _modules_after(args, warm_example, PARSING) == []


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_warm_read_as_json_imports_no_rich(args: list[str], warm_example: dict[str, str]) -> None:
    assert _modules_after([*args, "--json"], warm_example, ("rich", *PARSING)) == []


@pytest.mark.parametrize(
    "args",
    [
        ["session", "list"],
        ["action", "list"],
        ["mentor", "list"],
        ["session", "show", "2026-05-19-ruth-castellanos"],
        ["brief", "ruth"],
    ],
)
def test_no_view_loads_a_markdown_renderer(args: list[str], warm_example: dict[str, str]) -> None:
    assert _modules_after(args, warm_example, MARKDOWN) == []


# The checks above can fail: the same probe sees each module when it is needed.


def test_a_table_does_import_rich(warm_example: dict[str, str]) -> None:
    assert "rich" in _modules_after(["mentor", "list"], warm_example, ("rich",))


def test_a_changed_file_is_parsed_and_validated(
    warm_example: dict[str, str], example_dir: Path
) -> None:
    goal = next((example_dir / "goals").glob("*.toml"))
    goal.write_text(goal.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    imported = _modules_after(["goal", "list", "--json"], warm_example, PARSING)
    assert "pydantic" in imported
    assert "mentorlog.journal.schema" in imported


# `typing` with the `re` and `enum` it loads was a third of a bare `mentorlog --version`
# (docs/performance.md): the answers that need none of it load none of it.
@pytest.mark.parametrize("args", [["--version"], ["path"]], ids=" ".join)
def test_version_and_path_load_no_typing_re_or_datetime(
    args: list[str], warm_example: dict[str, str]
) -> None:
    assert _modules_after(args, warm_example, ("typing", "re", "enum", "datetime")) == []
