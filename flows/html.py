"""HTML pages → the text lines the cleaner reads, and what the markup states outright (hints).

The DOM does what plain text cannot: block elements become lines (inline ones join their line),
``<br>`` breaks a line, and what is never the article goes before the cleaner sees it — scripts,
styles, forms' controls, hidden elements, and ``nav``/``footer``/``aside``/``header`` elements, the
last four only when they hold little of the page's prose (some sites wrap the whole page in one).
``<title>`` and the ``<meta>`` tags Chinese sites use (ArticleTitle, PubDate, ContentSource...) and
Open Graph become hints for extraction; the same rules and structure then apply as for text.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Never text of the page.
DROP_ALWAYS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
     "select", "option", "button", "input", "textarea", "head", "link", "meta"}
)  # fmt: skip
# Page furniture by name; dropped unless it holds at least this share of the page's Han text.
DROP_SEMANTIC = frozenset({"nav", "footer", "aside", "header"})
SEMANTIC_MAX_SHARE = 0.3
BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
     "td", "th", "thead", "tbody", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
     "figure", "figcaption", "center", "address", "form", "fieldset", "legend", "caption", "hr",
     "body", "html", "nav", "footer", "aside", "header", "details", "summary"}
)  # fmt: skip
# <meta name=...> / <meta property=...> → hint key. Names are compared lower-cased.
META_HINTS = {
    "articletitle": "title",
    "og:title": "title",
    "pubdate": "published_at",
    "publishdate": "published_at",
    "article:published_time": "published_at",
    "contentsource": "publisher",
    "source": "publisher",
    "author": "author",
}


def _hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _text(element: etree._Element) -> str:
    return "".join(str(piece) for piece in element.itertext())


def _han(element: etree._Element) -> int:
    return len(_HAN.findall(_text(element)))


def _hints(root: etree._Element) -> dict[str, str]:
    hints: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None:
        text = _SPACES.sub(" ", _text(title)).strip()
        if text:
            hints["page_title"] = text
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        key = META_HINTS.get(name)
        content = _SPACES.sub(" ", meta.get("content") or "").strip()
        if key and content and key not in hints:
            hints[key] = content
    return hints


def _prune(root: etree._Element) -> None:
    total = max(_han(root), 1)
    doomed: list[etree._Element] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments, processing instructions
            continue
        tag = element.tag.lower()
        furniture = tag in DROP_SEMANTIC and _han(element) < SEMANTIC_MAX_SHARE * total
        if tag in DROP_ALWAYS or furniture or _hidden(element):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        # Keep the text that follows the element (its tail): it belongs to the parent.
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _lines(root: etree._Element) -> list[str]:
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            out.append(line)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        block = tag in BLOCKS
        if block:
            flush()
        if tag == "br":
            flush()
        elif tag == "img":
            pass  # an image's alt text is not the article's
        if element.text and tag != "img":
            current.append(element.text.replace("\n", " "))
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail.replace("\n", " "))
        if block:
            flush()

    walk(root)
    flush()
    return out


def html_to_page(markup: str) -> tuple[str, dict[str, str]]:
    """The page's text (one block per line) and its hints (``title``, ``page_title``, ``published_at``...)."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return "", {}
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return markup, {}
    hints = _hints(root)
    _prune(root)
    body = root.find("body")
    lines = _lines(body if body is not None else root)
    # The page title first, as a scraper's dump has it: the cleaner finds the headline by it.
    if hints.get("page_title"):
        lines.insert(0, hints["page_title"])
    return "\n".join(lines), hints
