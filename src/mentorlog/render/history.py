"""The journal's history for people (a rich table) and for programs (the `log --json` shape,
documented in docs/json.md). rich is imported only by the table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorlog.git.repo import HistoryEntry

if TYPE_CHECKING:
    from rich.table import Table


def entry_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "commit": entry.commit,
        "date": entry.date,
        "author": entry.author,
        "message": entry.subject,
        "command": entry.command,
    }


def history_table(entries: list[HistoryEntry]) -> Table:
    from rich import box

    from mentorlog.render.tables import SafeTable

    table = SafeTable(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("commit", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("who")
    table.add_column("change", overflow="fold")
    for entry in entries:
        when = entry.date.replace("T", " ")[:16]
        style = "" if entry.command else "dim"
        table.add_row(entry.commit[:7], when, entry.author, entry.subject, style=style)
    return table
