"""Text piped to a command that takes free text. Light: the fast path uses it too."""

from __future__ import annotations

import sys

from mentorlog.errors import UsageError


def stdin_is_terminal() -> bool:
    return sys.stdin is None or sys.stdin.isatty()


def read_stdin(what: str) -> str:
    """All of stdin as text, checked as editor text is: UTF-8, no NUL byte, within the size
    mentorlog reads. Nothing is guessed or replaced."""
    from mentorlog.journal.frontmatter import MAX_FILE_BYTES, normalise_text

    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            raw = stream.read(MAX_FILE_BYTES + 1)
        else:  # a text stream without bytes underneath
            raw = sys.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8")
    except (OSError, ValueError):
        return ""  # stdin is closed or unreadable: there is no piped text
    return normalise_text(raw, what)


def piped_text(what: str, opens_editor: bool, flag: str) -> str | None:
    """Text piped to a command that takes free text and got none on its command line; None
    when stdin is a terminal or holds nothing. Never read when stdin is a terminal."""
    if stdin_is_terminal():
        return None
    text = read_stdin(what)
    if not text.strip():
        return None
    if opens_editor:
        raise UsageError(
            f"{what} cannot go with --edit: the editor needs the terminal",
            f"drop --edit to save the piped text, or pass it with {flag} and keep --edit",
        )
    return text
