"""The editor flow shared by every `edit` command."""

from __future__ import annotations

from pathlib import Path

from mentorlog.cli import context
from mentorlog.errors import UsageError
from mentorlog.journal.storage import Journal


def require_terminal(path: Path) -> None:
    """An editor needs a terminal, unless the person chose one explicitly ($VISUAL/$EDITOR),
    which may be a graphical editor or a script."""
    from mentorlog.cli.editor import configured_editor

    if configured_editor() is None and not context.is_interactive():
        raise UsageError("editing needs a terminal or $EDITOR", f"edit the file directly: {path}")


def edit_record(journal: Journal, kind: str, record_id: str, path: Path) -> None:
    from mentorlog.cli import editor
    from mentorlog.services import editing

    require_terminal(path)
    original = journal.read(path)
    saved = editing.edit_existing(
        journal,
        kind,
        record_id,
        original,
        lambda text: editor.edit(text, journal.root, path.suffix),
    )
    if saved is None:
        context.say("No changes.")
    else:
        context.say(f"Saved {journal.rel(path)}")
