"""Errors that stop a command, and the exit codes of every command."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # a fault in tpkit itself: one line on the terminal, the details in a file
EXIT_INTERRUPTED = 130


class TpkitError(Exception):
    """An error a user can fix; the CLI prints it without a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class RegistryError(TpkitError):
    """No registry, or a broken tpkit.yaml or standards file (exit 2)."""


class UsageError(TpkitError):
    """A bad option or argument (exit 2)."""
