"""Errors a user can act on. The CLI turns each into one line and exit code 2."""

from __future__ import annotations

import re


class ClaimcheckError(Exception):
    """Base class: carries where the problem is, so the message can name it."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.key = key

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        # Always one line: the CLI prints it as one, and editors and CI parse it as one.
        return re.sub(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*", " ", f"{where}{key}{self.message}")


class LoadError(ClaimcheckError):
    """An input file cannot be read or parsed."""


class RuleError(ClaimcheckError):
    """A rule file is invalid."""


class UsageError(ClaimcheckError):
    """The command line asks for something that cannot be done."""
