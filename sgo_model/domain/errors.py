"""Errors raised by domain rules; their messages are Russian and shown to users."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused an action; ``str(error)`` is a Russian message for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
