"""What ``sgo serve`` tells the terminal while it runs."""

from __future__ import annotations

from sgo_model.cli.app import console, errors


def say(text: str) -> None:
    """Print a progress line."""
    # Soft wrap: a URL broken over two lines cannot be clicked or grepped.
    console.print(text, soft_wrap=True)


def warn(text: str) -> None:
    """Print a warning to standard error."""
    errors.print(text, soft_wrap=True)
