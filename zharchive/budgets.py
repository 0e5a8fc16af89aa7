"""What one file may cost a worker, in one place: the markup budgets checked before an HTML page is
parsed, and the memory a worker process may hold before it is killed.

Why: libxml2 builds every element of a page, and the page stage keeps a few hundred bytes of
bookkeeping for each. A 62 MB page of 5.6 million ``<td>`` cells (under the 64 MB ``--max-bytes``)
took 55 s and 4.5 GiB in ``prepare`` (measured on this 2-core machine, issue 18); a ``<div>`` with
200,000 attributes (3 MB) took 73 s, since libxml2 checks each attribute's name against all the
earlier ones of its element (20,000 attributes: 0.37 s; 40,000: 1.75 s; 80,000: 8.3 s). A page over a
budget is quarantined as ``too_complex`` (stage ``clean``, its bytes kept) before the parser sees it.

The budgets were chosen from the real pages (the 110 HTML pages of ``../shared/corpus/dev`` and
``gne`` and ``seeds/``), whose largest figures are in the comments: each budget is 15 to 40 times that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, AnyStr, Generic

from zharchive.errors import CleanError

# Start tags in a page. Real pages: at most 5,966 as counted here (dev/06586406af5a4d94.html, 5,971
# elements in lxml), so 200,000 is ~33x the most any real page has. At the budget a page costs ~150 MiB
# and ~2.5 s in the page stage (200,000 ``<span>``s or ``<td>``s, measured), against 4.5 GiB and
# 55 s for the 5.6 million cells of the page.
MAX_HTML_TAGS = 200_000
# Attributes of one element. Real pages: at most 35 as counted here (26 in lxml,
# dev/4e55eac42f97a6d9.html), so 1,000 is ~28x that; libxml2's time grows with the square of this
# (above): 1,000 costs it about a millisecond.
MAX_TAG_ATTRIBUTES = 1_000
# Attributes in the whole page. Real pages: at most 10,716 as counted here
# (dev/0eebc3efd1797949.html), so a million is ~93x that. Each costs ~120 bytes in the page stage:
# 199,000 tags of 5 attributes took 282 MiB and 2.0 s, of none 164 MiB and 1.5 s (measured).
MAX_HTML_ATTRIBUTES = 1_000_000

# The resident memory a worker process may reach before the flow process kills it (its batch is
# then retried file by file, and the file that kills a worker again alone is quarantined as
# ``worker_died``). An idle worker holds ~160 MiB, a batch of 1,000 real pages ~250 MiB; the largest
# page the budgets let through, a 62 MB text file of 45,000 lines, peaked at 1,269 MiB: 2 GiB is
# 1.6x that. ``zharchive ingest --worker-memory`` sets another limit.
WORKER_MEMORY_LIMIT = 2 << 30
# How often the flow process looks at its workers' memory: a page's parse grows by ~100 MiB a
# second at most here (the 5.6 million cells: 4.5 GiB in ~40 s), so the limit is overshot by
# a few MiB.
MEMORY_CHECK_SECONDS = 0.05

_START_TAG = r"<[A-Za-z][^\s/<>]*"
_TAG_REST = r"[^<>]*"
# Elements whose content libxml2 reads as text up to their end tag.
_RAW_TEXT = {name: rf"</{name}\s*>" for name in ("script", "style")}
# An attribute inside a start tag: a name, then maybe ``=`` and a value, quoted or bare.
_ATTRIBUTE_PATTERN = r"""[^\s/<>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"']*))?"""
# A start tag long enough to hold more attributes than an element may have (each takes two
# characters at least, a space and a name); only these are matched against the next pattern.
_LONG_TAG = rf"<[A-Za-z][^<>]{{{2 * MAX_TAG_ATTRIBUTES},}}"
# A start tag with more attributes than an element may have (a name cannot hold white space, so
# each attribute is matched one way only: no backtracking to speak of).
_MANY_ATTRIBUTES = rf"<[A-Za-z][^\s/<>]*(?:[\s/]+{_ATTRIBUTE_PATTERN}){{{MAX_TAG_ATTRIBUTES + 1}}}"


class _Patterns(Generic[AnyStr]):
    """The scan's patterns for text, or for the bytes of an ASCII-compatible encoding (UTF-8, GBK,
    GB18030, Big5: no byte of a multi-byte character is ``<``, ``>``, a quote or white space)."""

    def __init__(self, kind: Callable[[str], AnyStr]) -> None:
        self.lt: AnyStr = kind("<")
        self.start_tag: re.Pattern[AnyStr] = re.compile(kind(_START_TAG))
        self.tag_rest: re.Pattern[AnyStr] = re.compile(kind(_TAG_REST))
        self.attribute: re.Pattern[AnyStr] = re.compile(kind(_ATTRIBUTE_PATTERN))
        self.raw_text: dict[AnyStr, re.Pattern[AnyStr]] = {
            kind(name): re.compile(kind(end), re.IGNORECASE) for name, end in _RAW_TEXT.items()
        }
        self.long_tag: re.Pattern[AnyStr] = re.compile(kind(_LONG_TAG))
        self.many_attributes: re.Pattern[AnyStr] = re.compile(kind(_MANY_ATTRIBUTES))


def _ascii(pattern: str) -> bytes:
    return pattern.encode("ascii")


_TEXT: _Patterns[str] = _Patterns(str)
_BYTES: _Patterns[bytes] = _Patterns(_ascii)


def _patterns(markup: str | bytes) -> _Patterns[Any]:
    return _BYTES if isinstance(markup, bytes) else _TEXT


@dataclass(frozen=True)
class MarkupCounts:
    """What the pre-scan counted, each up to one past its budget (it stops there)."""

    tags: int
    attributes: int
    most_attributes: int  # of one element


def count_markup(text: str | bytes) -> MarkupCounts:
    """Start tags and their attributes, counted by regular expressions in linear time, skipping
    what libxml2 reads as raw text (scripts, styles: ``i<n`` is no tag); the count stops one past a
    budget, so a page of millions of tags costs what its first 200,001 do (~0.15 s)."""
    patterns = _patterns(text)
    tags = attributes = most = 0
    position = 0
    while (tag := patterns.start_tag.search(text, position)) is not None:
        tags += 1
        rest = patterns.tag_rest.match(text, tag.end())
        assert rest is not None  # [^<>]* matches the empty string
        mine = 0
        for _ in patterns.attribute.finditer(text, rest.start(), rest.end()):
            mine += 1
            if mine > MAX_TAG_ATTRIBUTES:
                break
        attributes += mine
        most = max(most, mine)
        if tags > MAX_HTML_TAGS or most > MAX_TAG_ATTRIBUTES or attributes > MAX_HTML_ATTRIBUTES:
            break
        position = rest.end()
        name = tag.group()[1:].lower()
        if name in patterns.raw_text:
            end = patterns.raw_text[name].search(text, position)
            position = end.end() if end is not None else len(text)
    return MarkupCounts(tags, attributes, most)


class TooComplexError(CleanError):
    """An HTML page over a markup budget: quarantined unparsed, saying which measure and which limit."""

    def __init__(self, measure: str, limit: int) -> None:
        super().__init__(
            f"too complex to parse: {measure}, over the budget of {limit:,} "
            "(zharchive/budgets.py; real pages stay far below it); its bytes are kept here",
            error_type="too_complex",
        )


def _surely_within(text: str | bytes) -> bool:
    """Three scans in C that prove most pages within every budget: no more ``<`` than the tag
    budget, too few characters to hold more attributes (each takes two, a space and a name), no
    tag with more attributes than an element may have. The exact count costs ~1/3
    of the page stage's time on the real pages; this, ~1/100 of it (measured on dev and gne)."""
    patterns = _patterns(text)
    return (
        text.count(patterns.lt) <= MAX_HTML_TAGS
        and len(text) <= 2 * MAX_HTML_ATTRIBUTES
        and not any(patterns.many_attributes.match(text, t.start()) for t in patterns.long_tag.finditer(text))
    )


def refuse_complex_markup(text: str | bytes) -> None:
    """Raise ``TooComplexError`` for a page whose markup is over a budget, before it is parsed:
    given its bytes (an ASCII-compatible encoding), before it is even decoded, which costs ~6x a
    page's bytes (340 MiB for the 59 MB page of 5.4 million cells, measured)."""
    if _surely_within(text):
        return
    counts = count_markup(text)
    if counts.tags > MAX_HTML_TAGS:
        raise TooComplexError(f"more than {MAX_HTML_TAGS:,} start tags", MAX_HTML_TAGS)
    if counts.most_attributes > MAX_TAG_ATTRIBUTES:
        raise TooComplexError(
            f"an element with more than {MAX_TAG_ATTRIBUTES:,} attributes", MAX_TAG_ATTRIBUTES
        )
    if counts.attributes > MAX_HTML_ATTRIBUTES:
        raise TooComplexError(f"more than {MAX_HTML_ATTRIBUTES:,} attributes", MAX_HTML_ATTRIBUTES)
