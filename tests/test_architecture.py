"""The direction of imports is the architecture: cli -> services / render -> storage / schedule
-> frontmatter / models -> errors. These tests keep it honest, as an import contract would."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mentorlog"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def importers_of(prefixes: tuple[str, ...]) -> dict[str, set[str]]:
    return {
        name: {i for i in imported if i == prefixes or i.startswith(prefixes)}
        for name, imported in MODULES.items()
        if any(i.startswith(prefixes) or i in prefixes for i in imported)
    }


def test_only_the_cli_imports_typer():
    offenders = [m for m in importers_of(("typer",)) if not m.startswith("mentorlog.cli")]
    assert offenders == []


def test_only_the_cli_and_the_renderers_import_rich():
    offenders = [
        m
        for m in importers_of(("rich",))
        if not (m.startswith("mentorlog.cli") or m.startswith("mentorlog.render"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "lower",
    [
        "mentorlog.errors",
        "mentorlog.domain.models",
        "mentorlog.domain.dates",
        "mentorlog.domain.schedule",
        "mentorlog.journal.frontmatter",
        "mentorlog.domain.body",
        "mentorlog.domain.slugs",
        "mentorlog.journal.schema",
        "mentorlog.journal.storage",
        "mentorlog.journal.files",
        "mentorlog.journal.index",
        "mentorlog.journal.summaries",
        "mentorlog.domain.records",
        "mentorlog.journal.parallel",
    ],
)
def test_the_domain_and_storage_never_reach_up_to_services_renderers_or_the_cli(lower):
    upward = ("mentorlog.services", "mentorlog.render", "mentorlog.cli")
    assert {i for i in MODULES[lower] if i.startswith(upward)} == set()


def test_services_never_import_the_cli_or_renderers():
    for name, imported in MODULES.items():
        if name.startswith("mentorlog.services"):
            assert {
                i for i in imported if i.startswith(("mentorlog.cli", "mentorlog.render"))
            } == set(), name


def test_errors_import_nothing_from_the_package():
    assert {i for i in MODULES["mentorlog.errors"] if i.startswith("mentorlog")} == set()


def test_scheduling_never_reads_the_clock():
    source = (PACKAGE / "domain" / "schedule.py").read_text(encoding="utf-8")
    for call in ("date.today(", "datetime.now(", "time.time(", "clock."):
        assert call not in source
    assert "mentorlog.cli.clock" not in MODULES["mentorlog.domain.schedule"]


def test_services_never_read_the_clock():
    for path in (PACKAGE / "services").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "date.today(" not in source and "datetime.now(" not in source, path.name
        assert "mentorlog.cli.clock" not in MODULES[module_name(path)], path.name
