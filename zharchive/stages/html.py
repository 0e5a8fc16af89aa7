"""HTML pages → the text lines the cleaner reads, and what the markup states outright (hints).

The DOM does what plain text cannot: block elements become lines (inline ones join their line),
``<br>`` breaks a line, and what is never the article goes before the cleaner sees it — scripts,
styles, forms' controls; hidden elements (unless they hold most of the page's text: WeChat shows its
article by script); ``nav``/``footer``/``aside``/``header`` elements that hold little of the page's
text (a ``header`` with the ``<h1>`` stays); blocks whose class/id names furniture (nav, menu, footer,
share, comment, related, dh, daohang, wzdh...) when they hold little text and no prose of their own;
and link lists — blocks that are mostly link text with no prose of their own — as long as the page
keeps prose without them (a page that is all links, an index, is left whole).
``<title>`` and the ``<meta>`` tags Chinese sites use (ArticleTitle, PubDate, ContentSource...) and
Open Graph become hints for extraction; the same rules and structure then apply as for text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import lxml.html
from lxml import etree

from zharchive.errors import CleanError
from zharchive.text import han_count, is_prose

# The clean flag of an HTML page the parser did not read whole (see ``read_html``).
PARSER_LIMIT_FLAG = "html_parser_limit"

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
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
# Hidden blocks are dropped unless they hold this share of the page's Han text (shown by a script).
HIDDEN_MAX_SHARE = 0.5
# Link lists: blocks with at least this many links, this share of their Han text inside links, and
# less than this much prose (Han characters in punctuated sentences) of their own.
LINK_LIST_TAGS = frozenset({"ul", "ol", "dl", "table", "tbody", "div", "section", "p", "td", "li", "span"})
LINK_LIST_MIN_LINKS = 3
LINK_LIST_SHARE = 0.6
LINK_LIST_MAX_FREE_PROSE = 30
# ... and are dropped only if the page keeps at least this much prose without them.
LINK_LIST_KEEP_PROSE = 60
# Class / id words of page furniture (English and the pinyin Chinese sites use), as whole words of the
# attribute (split at -, _, digits and white space).
_BOILERPLATE_HINT = re.compile(
    r"(?i)(?:^|[\s_\-\d])(?:nav|navbar|navigation|menu|menus|footer|foot|bottom|sidebar|side|aside|breadcrumbs?|"
    r"crumbs?|share|sharing|comments?|related|relate|recommend|recommends|copyright|banner|ads?|advert|"
    r"advertisement|dh|daohang|wzdh|toolbar|topbar|login|social|hotnews|rank|ranking|tags|subnav|"
    r"mianbao|weizhi|position|location|links|friendlink|yqlj|footer_nav|gotop|backtop)(?:$|[\s_\-\d])"
)
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
    "contentsource": "publisher",
    "source": "publisher",
    "author": "author",
}


def _hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _text(element: etree._Element) -> str:
    return "".join(str(piece) for piece in element.itertext())


# Dates the markup declares, by the name it gives them: <meta name|property|itemprop>, <time
# datetime>, JSON-LD and the page's own script data. Publication names first: the metadata stage
# takes the first that parses where the text prints no date near the headline.
DECLARED_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "news:published_time", "datepublished",
    "publishdate", "pubdate", "publish_date", "publishtime", "og:release_date", "og:time",
    "weibo:article:create_at", "apub:time", "dateupdate", "weibo:article:update_at", "updatetime",
)  # fmt: skip
# In a page's script data: "pubtime": "2019-09-07 19:02:26", ptime="…", var ct = "1581517074"
# (a Unix time: WeChat's article template).
_SCRIPT_DATE = re.compile(
    r"""["']?\b(?P<name>pubtime|pubDate|publishTime|publish_time|publishDate|newsTime|datePublished|ptime|"""
    r"""createTime|create_time|ct)["']?\s*[:=]\s*["'](?P<value>(?:19|20)\d{2}-\d{1,2}-\d{1,2}[T\s]?[\d:]{0,8}"""
    # (JSON-LD's ISO 8601: fractions of a second and the zone, 2023-05-06T10:20:00.000+08:00.)
    r"""(?:\.\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})?|1\d{9})["']"""
)


def _declared_dates(root: etree._Element, hints: dict[str, str]) -> None:
    for meta in root.iter("meta"):
        name = " ".join(
            (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower().split()
        ).replace(": ", ":")
        content = (meta.get("content") or "").strip()
        if name in DECLARED_DATE_NAMES and content:
            hints.setdefault(f"date:{name}", content)
    for time in root.iter("time"):
        if time.get("datetime"):
            hints.setdefault("date:time", time.get("datetime", "").strip())
            break
    for script in root.iter("script"):
        code = script.text or ""
        if not code or len(code) > 2_000_000:
            continue
        for found in _SCRIPT_DATE.finditer(code):
            hints.setdefault(f"date:script:{found['name']}", found["value"])


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
    _declared_dates(root, hints)
    # The page's own URL, which says its site (zharchive.sites.site_of): canonical link, og:url.
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            hints.setdefault("url", (link.get("href") or "").strip())
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url" and content:
            hints.setdefault("url", content)
    return hints


@dataclass
class _Counts:
    """What an element holds: Han characters, those inside links, and those in its own prose sentences."""

    han: int = 0
    link_han: int = 0
    links: int = 0
    free_prose: int = 0


def _count(root: etree._Element) -> dict[etree._Element, _Counts]:
    """Per element, bottom-up in one pass: its Han text, the share of it inside <a>, its own prose."""
    counts: dict[etree._Element, _Counts] = {}

    def visit(element: etree._Element, in_link: bool) -> _Counts:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        link = in_link or tag == "a"
        mine = _Counts()
        if tag in DROP_ALWAYS or not tag:
            counts[element] = mine
            return mine
        own = [element.text or ""]
        for child in element:
            sub = visit(child, link)
            mine.han += sub.han
            mine.link_han += sub.link_han
            mine.links += sub.links
            mine.free_prose += sub.free_prose
            own.append(child.tail or "")
        text = "".join(own)
        han = han_count(text)
        mine.han += han
        if link:
            mine.link_han += han
        elif is_prose(text, han):
            mine.free_prose += han
        if tag == "a" and not in_link and mine.han:
            mine.links += 1
        counts[element] = mine
        return mine

    visit(root, False)
    return counts


def _hint_words(element: etree._Element) -> bool:
    return bool(_BOILERPLATE_HINT.search(f"{element.get('class') or ''} {element.get('id') or ''}"))


def _holds_headline(element: etree._Element) -> bool:
    return element.find(".//h1") is not None


# A small block of links with a date or a byline label in it is the article's metadata line
# (<p class="time">2019年11月25日 16:04:30</p> 来源：<a>澎湃新闻</a> <a>作者</a>), not a menu: kept
# for the metadata stage, which reads the lines cleaning removes. Related-article lists with dates
# hold more text than this. An editor's credit too: a site may put it in a share bar or beside an
# ad's close button (xinhuanet; gne HTML editors F1 0.909 -> 0.939; dev, bodies and every other
# figure of both corpora unchanged; a share bar without one still goes; ifeng's, in a share bar of
# more than 40 Han characters with its tags, is still lost).
METADATA_BLOCK_MAX_HAN = 40
_METADATA_MARK = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}|来源|來源|作者|记者|記者|发布|發布|时间|時間|日期|责任编辑|責任編輯|责编|責編"
)


def _metadata_block(element: etree._Element, counts: _Counts) -> bool:
    return counts.han <= METADATA_BLOCK_MAX_HAN and _METADATA_MARK.search(_text(element)) is not None


def _link_list(counts: _Counts) -> bool:
    """A block that is mostly links and has no prose of its own: a menu, a list of headlines."""
    return (
        counts.links >= LINK_LIST_MIN_LINKS
        and counts.link_han >= LINK_LIST_SHARE * counts.han
        and counts.free_prose < LINK_LIST_MAX_FREE_PROSE
    )


def _prune(root: etree._Element) -> None:
    counts = _count(root)
    total = max(counts[root].han, 1)
    doomed: list[etree._Element] = []
    # Link lists go only when the page keeps prose without them: a page that is all links (a table
    # of contents, an index) is left whole for the cleaner's rules.
    link_lists: list[etree._Element] = []
    skip: set[etree._Element] = set()
    for element in root.iter():
        if element in skip:
            continue
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments, processing instructions
            continue
        tag = element.tag.lower()
        han = counts[element].han if element in counts else 0
        small = han < SEMANTIC_MAX_SHARE * total
        # A <header> or an <aside> that holds the page's <h1> is the article's head (gamersky prints
        # its headline, date and source in an aside): kept for the headline and its metadata.
        furniture = (
            tag in DROP_SEMANTIC and small and not (tag in ("header", "aside") and _holds_headline(element))
        )
        # Class/id names (nav, menu, footer, share, comment, related, dh, daohang...) are evidence, not
        # proof: only a block that holds little of the page's text, no headline, and is link-heavy or
        # has no prose of its own goes.
        hinted = (
            tag not in ("body", "html")
            and small
            and _hint_words(element)
            and not _holds_headline(element)
            and element in counts
            and (counts[element].free_prose < LINK_LIST_MAX_FREE_PROSE or _link_list(counts[element]))
            and not _metadata_block(element, counts[element])
        )
        # Hidden blocks go, unless they hold most of the page (a script shows them: WeChat articles).
        hidden = _hidden(element) and han < HIDDEN_MAX_SHARE * total
        if tag in DROP_ALWAYS or furniture or hidden or hinted:
            doomed.append(element)
            skip.update(element.iterdescendants())
        elif (
            tag in LINK_LIST_TAGS
            and element in counts
            and _link_list(counts[element])
            and not _metadata_block(element, counts[element])
        ):
            link_lists.append(element)
            skip.update(element.iterdescendants())
    if link_lists:
        dropped = sum(counts[e].free_prose for e in link_lists)
        kept_prose = (
            counts[root].free_prose - sum(counts[e].free_prose for e in doomed if e in counts) - dropped
        )
        if kept_prose >= LINK_LIST_KEEP_PROSE:
            doomed.extend(link_lists)
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


# Fewer Han characters than this left after a parser limit: the text was past the limit.
MIN_HAN_PAST_PARSER_LIMIT = 20


class HtmlText(NamedTuple):
    """What an HTML page gives the cleaner (``stages.page.Page`` is made of it)."""

    text: str
    hints: dict[str, str]
    flags: tuple[str, ...]


def read_html(markup: str) -> HtmlText:
    """The page's text (one block per line), its hints (``title``, ``page_title``, ``published_at``...)
    and its flags (``PARSER_LIMIT_FLAG`` when libxml2 stopped at a limit after the article)."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return HtmlText("", {}, ())
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return HtmlText(markup, {}, ())
    limits = [error.message.strip() for error in parser.error_log if error.type_name == "ERR_RESOURCE_LIMIT"]
    hints = _hints(root)
    _prune(root)
    body = root.find("body")
    lines = _lines(body if body is not None else root)
    # The page title first, as a scraper's dump has it: the cleaner finds the headline by it.
    if hints.get("page_title"):
        lines.insert(0, hints["page_title"])
    text = "\n".join(lines)
    if not limits:
        return HtmlText(text, hints, ())
    # libxml2 drops what lies past its limits (elements nested over 255 deep, a text node over
    # 10 MB). Past the article, the page is cleaned and flagged; with next to no text left, it is
    # quarantined saying why, not as "no article text".
    if han_count(text) < MIN_HAN_PAST_PARSER_LIMIT:
        raise CleanError(
            f"the HTML parser stopped at one of its limits ({limits[0]}): the page's text is "
            "past it and cannot be extracted (its bytes are kept here)",
            error_type="html_parser_limit",
        )
    return HtmlText(text, hints, (PARSER_LIMIT_FLAG,))
