"""Every view shows what a person typed as typed: no Markdown renderer reads user text, so
emphasis marks, a link's address, HTML and entities and the hashes of a heading all stay on
screen. `brief`, `session show`, `reflection show` and the file agree."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "mentorlog"
MARKDOWN_RENDERERS = ("markdown_it", "mistune", "markdown", "commonmark", "mistletoe")

TYPED = [
    "*stars* and __under__ 2*3*4",
    "[click](http://evil.example/steal)",
    "<b>html</b> &amp; &#27;",
    "`code` ~~gone~~ > quoted",
    "## Actions",
    "1) not a list \\* kept",
]


def _imports(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            found.extend(a.value for a in node.args if isinstance(a, ast.Constant))
    return found


def test_no_module_imports_a_markdown_renderer() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for name in _imports(ast.parse(path.read_text(), str(path))):
            if name.split(".")[0] in MARKDOWN_RENDERERS or name.startswith("rich.markdown"):
                offenders.append(f"{path.relative_to(SRC)}: {name}")
    assert offenders == []


def test_the_guard_sees_a_markdown_import() -> None:
    tree = ast.parse("def f():\n    from rich.markdown import Markdown\n")
    assert "rich.markdown" in _imports(tree)


@pytest.fixture
def typed_session(run: Any, example_dir: Path) -> str:
    notes = "\n".join(TYPED)
    args = ["session", "new", "-m", "ruth", "--no-edit", "--topic", TYPED[0], "--notes", notes]
    for text in TYPED[:4]:
        args += ["--advice", text, "--lesson", text, "--action", text]
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    session_id: str = result.json()["id"]
    done = run("action", "done", f"{session_id}#1", "--outcome", TYPED[1])
    assert done.exit_code == 0, done.stderr
    return session_id


@pytest.mark.parametrize("width", ["100", "40"])
def test_session_show_shows_every_typed_text(
    run: Any, typed_session: str, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    shown = run("session", "show", typed_session)
    assert shown.exit_code == 0, shown.stderr
    joined = " ".join(shown.stdout.replace("│", " ").split())
    for text in TYPED:
        assert " ".join(text.split()) in joined, (text, shown.stdout)
    assert "(done 2026-11-23: [click](http://evil.example/steal))" in joined
    assert "\x1b" not in shown.stdout


def test_reflection_show_shows_typed_text(run: Any, example_dir: Path) -> None:
    text = "\n".join(TYPED)
    written = run("reflection", "new", "-m", "ruth", "--text", text, "--json")
    assert written.exit_code == 0, written.stderr
    shown = run("reflection", "show", written.json()["id"])
    assert shown.exit_code == 0, shown.stderr
    for line in TYPED:
        assert line in shown.stdout, (line, shown.stdout)


def test_brief_and_session_show_agree(run: Any, typed_session: str) -> None:
    brief = run("brief", "ruth").stdout
    shown = run("session", "show", typed_session).stdout
    for text in TYPED[:4]:
        assert text in brief or " ".join(text.split()) in " ".join(brief.split())
        assert text in shown
