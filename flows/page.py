"""Between decode and clean: the page as lines of text, whatever form the file had.

Plain text passes through. (HTML input is turned into lines here, with the DOM's help.)
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """Text for the cleaner, one block per line, and metadata the markup states outright."""

    text: str
    hints: dict[str, str] = field(default_factory=dict)


def to_page(text: str, *, path: str) -> Page:
    return Page(text=text)
