"""The one error family. Everything below the CLI raises these; the CLI turns them into a
one-line message on stderr and the exit code named here (documented in the README)."""

from __future__ import annotations


class MentorlogError(Exception):
    """A failure the user can act on. `hint` says how to fix it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(MentorlogError):
    """Bad input on the command line: a date, a cadence, a kind, an empty name."""

    exit_code = 2


class NotAJournal(MentorlogError):
    """The folder is not a mentorlog journal (or is of a newer format)."""

    exit_code = 3


class NotFound(MentorlogError):
    """No record matches what was asked for."""

    exit_code = 4


class Ambiguous(NotFound):
    """Several records match; the message lists them."""


class InvalidFile(MentorlogError):
    """A file in the journal does not parse or validate. The message names it."""

    exit_code = 5

    def __init__(
        self, path: str, reason: str, line: int | None = None, hint: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}", hint)
        self.path = path
        self.reason = reason
        self.line = line


class Conflict(MentorlogError):
    """A file changed on disk since it was read, or a record already exists."""

    exit_code = 6


class Busy(MentorlogError):
    """Another mentorlog command holds the journal's lock."""

    exit_code = 7


class StorageError(MentorlogError):
    """The operating system refused a read or write (full disk, permissions, ...)."""

    exit_code = 8


class ExternalToolError(MentorlogError):
    """git or the editor failed or is missing."""

    exit_code = 9


class Interrupted(MentorlogError):
    """A signal stopped the command: Ctrl-C, a closed terminal, a kill. The exit code is the
    shell's convention, 128 + the signal's number."""

    def __init__(self, signum: int, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.signum = signum
        self.exit_code = 128 + signum
