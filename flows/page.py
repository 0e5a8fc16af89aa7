"""Between decode and clean: the page as lines of text, whatever form the file had.

Plain text passes through. HTML input (``.html``/``.htm``, or text that starts like a document) is
turned into lines with the DOM's help (``flows.html``), and what its markup states (``<title>``,
``<meta name="ArticleTitle"|"PubDate"|"ContentSource">``...) becomes ``hints`` for extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_LOOKS_LIKE_HTML = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


@dataclass(frozen=True)
class Page:
    """Text for the cleaner, one block per line, and metadata the markup states outright."""

    text: str
    hints: dict[str, str] = field(default_factory=dict)


def is_html(text: str, path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES) or _LOOKS_LIKE_HTML.match(text[:4096]) is not None


def to_page(text: str, *, path: str) -> Page:
    if not is_html(text, path):
        return Page(text=text)
    from flows.html import html_to_page  # lxml only for HTML input

    lines, hints = html_to_page(text)
    return Page(text=lines, hints=hints)
