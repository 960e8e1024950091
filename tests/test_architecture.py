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


LOWER = sorted(
    name
    for name in MODULES
    if name.startswith(("mentorlog.domain", "mentorlog.journal", "mentorlog.git", "mentorlog.user"))
    or name == "mentorlog.errors"
)


def test_the_lower_layers_are_found():
    assert {"mentorlog.domain.models", "mentorlog.journal.storage", "mentorlog.git.repo"} <= set(
        LOWER
    )


@pytest.mark.parametrize("lower", LOWER)
def test_the_domain_and_storage_never_reach_up_to_services_renderers_or_the_cli(lower):
    upward = ("mentorlog.services", "mentorlog.render", "mentorlog.cli")
    assert {i for i in MODULES[lower] if i.startswith(upward)} == set()


@pytest.mark.parametrize("domain", [n for n in LOWER if n.startswith("mentorlog.domain")])
def test_the_domain_never_touches_files_or_git(domain):
    assert {i for i in MODULES[domain] if i.startswith(("mentorlog.journal", "mentorlog.git"))} == (
        set()
    )


def _package_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (a name imported from a module counts as the
    module)."""
    graph: dict[str, set[str]] = {}
    for name, imported in MODULES.items():
        targets = set()
        for target in imported:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                targets.add(target)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


KNOWN_CYCLES: list[list[str]] = []


def test_no_import_cycle_in_the_package():
    assert _cycles(_package_graph()) == KNOWN_CYCLES


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
