"""The one exception services raise to refuse a change, with a message meant for the user."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the operation; nothing was written.

    ``field`` names the form field the message belongs to, when there is one, so that
    views can show it next to the input.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
