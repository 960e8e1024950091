"""Small journals written straight to disk, so a test states exactly the records it needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.journal import frontmatter
from mentorlog.services.journal import SETTINGS_TEMPLATE


def d(text: str) -> date:
    return date.fromisoformat(text)


class Builder:
    def __init__(self, root: Path) -> None:
        self.root = root
        for folder in ("mentors", "goals", "sessions", "reflections"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        (root / "mentorlog.toml").write_text(SETTINGS_TEMPLATE, encoding="utf-8")

    def mentor(self, record_id: str, **fields: Any) -> Builder:
        fields.setdefault("name", record_id.replace("-", " ").title())
        text = frontmatter.dumps_toml(fields)
        (self.root / "mentors" / f"{record_id}.toml").write_text(text, encoding="utf-8")
        return self

    def goal(self, record_id: str, **fields: Any) -> Builder:
        fields.setdefault("title", record_id.replace("-", " ").capitalize())
        text = frontmatter.dumps_toml(fields)
        (self.root / "goals" / f"{record_id}.toml").write_text(text, encoding="utf-8")
        return self

    def session(self, mentor: str, on: str, body: str = "", **fields: Any) -> Builder:
        record_id = fields.pop("id", f"{on}-{mentor}")
        head = frontmatter.dumps_toml({"mentor": mentor, "date": d(on), **fields})
        folder = self.root / "sessions" / on[:4]
        folder.mkdir(exist_ok=True)
        (folder / f"{record_id}.md").write_text(frontmatter.join(head, body), encoding="utf-8")
        return self

    def reflection(self, record_id: str, on: str, **fields: Any) -> Builder:
        head = frontmatter.dumps_toml({"date": d(on), **fields})
        folder = self.root / "reflections" / on[:4]
        folder.mkdir(exist_ok=True)
        text = frontmatter.join(head, "## What I heard\nSomething.\n")
        (folder / f"{record_id}.md").write_text(text, encoding="utf-8")
        return self


def flat(output: str) -> str:
    """Terminal output with box edges removed and wrapped lines joined, to search for phrases."""
    text = "".join(ch for ch in output if ch not in "│╭╮╰╯─")
    return " ".join(text.split())
