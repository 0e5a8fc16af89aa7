"""Between decode and clean: the page as lines of text, whatever form the file had.

Plain text passes through. HTML input (``.html``/``.htm``, or text that starts like a document) is
turned into lines with the DOM's help (``stages.html``), and what its markup states (``<title>``,
``<meta name="ArticleTitle"|"PubDate"|"ContentSource">``...) becomes ``hints`` for extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_XML_DECLARATION = re.compile(r"\s*<\?xml[^>]*>", re.I)
_DOCUMENT_START = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.I)
HTML_SNIFF_CHARS = 4096


@dataclass(frozen=True)
class Page:
    """Text for the cleaner, one block per line, metadata the markup states outright, and what the
    document's ``clean_flags`` must say about how the text was got (``stages.html.PARSER_LIMIT_FLAG``)."""

    text: str
    hints: dict[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


def _starts_like_a_document(text: str) -> bool:
    r"""An optional XML declaration, comments, then <!doctype html> or <html>. Comments are skipped in
    a loop, not by one regex: ``(?:<!--.*?-->\s*)*`` backtracks exponentially on many comments
    followed by something else."""
    head = text[:HTML_SNIFF_CHARS]
    declaration = _XML_DECLARATION.match(head)
    position = declaration.end() if declaration else 0
    while True:
        while position < len(head) and head[position].isspace():
            position += 1
        if not head.startswith("<!--", position):
            break
        end = head.find("-->", position + 4)
        if end < 0:
            return False
        position = end + 3
    return _DOCUMENT_START.match(head, position) is not None


def is_html(text: str, path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES) or _starts_like_a_document(text)


def bytes_look_like_html(raw: bytes, path: str) -> bool:
    """``is_html`` on a file's bytes, read as an ASCII-compatible encoding would be (a UTF-8 mark
    skipped): what the markup budgets are checked on before decoding."""
    head = raw[: HTML_SNIFF_CHARS + 3].removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    return is_html(head, path)


def to_page(text: str, *, path: str) -> Page:
    if not is_html(text, path):
        return Page(text=text)
    from zharchive.stages.html import read_html  # lxml only for HTML input

    markup = read_html(text)
    return Page(text=markup.text, hints=markup.hints, flags=markup.flags)
