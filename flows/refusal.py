"""How a flow answers a refusal: a markdown artifact saying why, and the same words in the
run's log."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact


def tell_refusal(message: str, key: str, description: str, heading: str | None = None) -> str:
    """Show ``message`` (under ``heading``, if given) as the run's artifact ``key`` and in
    its log; the message, for the flow's result."""
    text = f"## {heading}\n\n{message}" if heading else f"## {message}"
    create_markdown_artifact(markdown=text, key=key, description=description)
    print(message)
    return message
