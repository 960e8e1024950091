"""The editor and piped text, as every command that takes free text uses them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mentorlog.cli import context
from mentorlog.errors import MentorlogError, UsageError
from mentorlog.journal.storage import Journal


def require_terminal(path: Path) -> None:
    """An editor needs a terminal, unless the person chose one explicitly ($VISUAL/$EDITOR),
    which may be a graphical editor or a script."""
    from mentorlog.cli.editor import configured_editor

    if configured_editor() is None and not context.is_interactive():
        raise UsageError("editing needs a terminal or $EDITOR", f"edit the file directly: {path}")


def run_editor(journal: Journal, suffix: str = ".md") -> Callable[[bytes], bytes]:
    from mentorlog.cli import editor

    return lambda initial: editor.edit(initial, journal.root, suffix)


def offer_to_edit_again() -> Callable[[MentorlogError], bool] | None:
    """On a terminal, a refused text can go back to the editor, as `git commit` does; without
    one there is nobody to ask, and the text is kept."""
    if not context.is_interactive():
        return None

    def ask(error: MentorlogError) -> bool:
        import typer

        context.say(f"mentorlog: {error}")
        while True:
            try:
                answer: str = typer.prompt(
                    "[e]dit again / [k]eep in recovery and quit", default="e", err=True
                )
            except (EOFError, typer.Abort):
                return False
            choice = str(answer).strip().lower()[:1]
            if choice in ("e", "k"):
                return bool(choice == "e")

    return ask


def edit_record(journal: Journal, kind: str, record_id: str, path: Path) -> None:
    from mentorlog.services import editing

    require_terminal(path)
    saved = editing.edit_existing(
        journal, kind, record_id, run_editor(journal, path.suffix), offer_to_edit_again()
    )
    if saved is None:
        context.say("No changes.")
    else:
        context.say(f"Saved {journal.rel(path)}")
