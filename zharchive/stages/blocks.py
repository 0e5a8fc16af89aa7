"""Where the article is on a page of lines: each line weighed, the best block found.

A prose line is worth its Han characters; every other line costs, the more the more it looks like a
menu item. The article is the run of lines with the most weight (``best_block``), or the run that
starts after the headline (``first_block``). ``clean`` decides the weights of a page's lines (rules,
barriers, headline runs) and calls these; the numbers below are the scoring's only knobs.
"""

from __future__ import annotations

import re

from zharchive.text import MIN_PROSE_HAN, PROSE_PUNCTUATION, han_count

_SENTENCE_END = re.compile(r"[。！？；!?;…]")
MAX_TITLE_CHARS = 100
# Block scoring. A prose line is worth its Han characters. Any other line costs a base plus a share
# of its length: a long run of menu items outweighs a paragraph, while a sub-heading or a short list
# between two paragraphs does not split the article. A line a rule names as chrome costs more.
BARRIER = float("-inf")
SHORT_LINE_COST = 4.0
SHORT_LINE_COST_PER_CHAR = 0.25
CHROME_LINE_COST = 12.0
CONTENT_LINE_COST = 1.5
# A line of program code costs less still: a listing of 17 lines between two paragraphs cost 25.5 at
# CONTENT_LINE_COST and cut the article (gne wechat_2 0.01 -> 0.97 body F1 at 0.5; no other page of
# gne or dev moved but dev 7e99…, a blog post with a listing, 0.96 -> 0.99).
CODE_LINE_COST = 0.5
# A line of the list a paragraph introduces (公示如下： over company names, a table one cell a line;
# clean._listed_between_paragraphs): a paragraph is known to follow, so the list must not end the
# text by its length (a sampling notice's table, 18 cells at CONTENT_LINE_COST, cost 27 and cut it).
LISTED_ITEM_COST = 0.25
MAX_CODE_LINE_CHARS = 200
SHORT_SENTENCE_MIN_HAN = 4
SHORT_SENTENCE_SHARE = 0.5
_SHORT_SENTENCE_END = re.compile(r"[。！？；，!?;,]\s*[”」』\"）)]?$")
# A label in brackets with its value after it, as an event notice lists time, place and content
# (【时间】5月20日上午9时 / 【地点】市民中心 / 【内容】…): a list item, like 地点：市民中心.
_BRACKETED_LABEL = r"[【\[][^】\]]{1,8}[】\]]\s*[^\s【\[]"
# Digits or a colon or an enumeration comma: a list item, a figure, a label with its value.
_CONTENT_MARK = re.compile(rf"[0-9０-９:：、（(%]|^\s*{_BRACKETED_LABEL}")
# An English sentence: a sentence's end, and eight words of Latin letters (counted, not matched by
# one pattern: a pattern of repeated words and separators searched along a long line backtracks).
_LATIN_SENTENCE_END = re.compile(r"[A-Za-z][.!?][\"”’)]?$")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
MIN_LATIN_SENTENCE_WORDS = 8
# A line of program code in a technical article (import json / client = redis.Redis() / return):
# content, not a menu item.
_CODE_LINE = re.compile(
    r"[=;{}\[\]<>]|(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_]|^\s*(?:import|from|def|class|return|print|if|elif|else|"
    r"for|while|try|except|finally|with|const|let|var|function|public|private|package|#include)\b"
)
# The first block after the headline ends at a gap costing more than this, or this share of its mass.
GAP_MIN_COST = 15.0
GAP_SHARE = 0.2
# ... and at a gap whose menu-like lines (not list items) cost more than this, however long the text:
# a dozen widget lines after a long article end it.
GAP_MAX_FURNITURE = 40.0
# A block before the first barrier wins over a bigger one after it down to this share of its mass.
BEFORE_BARRIER_SHARE = 0.25
# A prose line that only has commas (no sentence end) and is short is more often a linked headline
# than a sentence: it counts for half.
WEAK_PROSE_SHARE = 0.5
WEAK_PROSE_MAX_HAN = 40
# An enumerated item (1、 2. 一、 (三)) or a label with its value: content, not a headline.
_LIST_ITEM = re.compile(
    rf"^\s*(?:[(（]?[0-9０-９一二三四五六七八九十]+[)）、.．]|[^：:]{{1,12}}[：:]|{_BRACKETED_LABEL})"
)
# A label with its value (地点：市民中心, 【内容】讲座), the item of a programme or a form.
_LABELLED_ITEM = re.compile(rf"\s*(?:[^：:\s]{{1,8}}[：:]\s*[^\s：:]|{_BRACKETED_LABEL})")
# A headline may exclaim or ask, but does not end a statement.
_STATEMENT_END = re.compile(r"[。；;…]|[!?！？]\s*[”」』\"）)]?$")
# This many headline-like lines in a row (white lines aside) are a list of links, not article text.
HEADLINE_RUN = 3
HEADLINE_MIN_HAN = 6
HEADLINE_MAX_HAN = 40
# On a page without any prose, a line counts for its Han characters beyond this (menu items have fewer).
LIST_ITEM_MIN_HAN = 6


def prose_weight(text: str, han: int | None = None) -> float:
    """What a line adds to an article block: its Han characters if it is prose, else a cost (< 0).

    Short lines are not all alike: a menu item (a few characters, no punctuation, no digits) is the
    site's; a list item or a line of verse (digits, a colon, a sentence end) is more likely content
    and costs less, and a short complete sentence counts for a little.
    """
    if han is None:
        han = han_count(text)
    if han >= MIN_PROSE_HAN and PROSE_PUNCTUATION.search(text) is not None:
        if han <= WEAK_PROSE_MAX_HAN and _SENTENCE_END.search(text) is None:
            return han * WEAK_PROSE_SHARE
        return float(han)
    if han >= SHORT_SENTENCE_MIN_HAN and _SHORT_SENTENCE_END.search(text):
        return han * SHORT_SENTENCE_SHARE
    if han == 0 and len(text) <= MAX_CODE_LINE_CHARS and _CODE_LINE.search(text):
        return -CODE_LINE_COST
    if han == 0 and _is_latin_sentence(text):
        # A sentence in English (a quotation, an abstract, a bilingual paragraph) is no menu item:
        # it costs one short line, not one a character, so the article runs across it.
        return -SHORT_LINE_COST
    if _CONTENT_MARK.search(text):
        return -CONTENT_LINE_COST
    return -(SHORT_LINE_COST + SHORT_LINE_COST_PER_CHAR * min(len(text), 80))


def _is_latin_sentence(text: str) -> bool:
    end = text.rstrip()[-3:]
    return (
        _LATIN_SENTENCE_END.search(end) is not None
        and len(_LATIN_WORD.findall(text, 0, 2000)) >= MIN_LATIN_SENTENCE_WORDS
    )


# (…unless it sends you to links: 如需了解更多医保政策，请点击以下链接：, the sixteenth review's page;
# the words right before the colon only: 为给市民提供更多便利，现将…公布如下： leads a text)
_LINK_LEAD = re.compile(r"(?:点击|點擊|链接|鏈接|扫码|掃碼|更多)[^，,。；;]{0,8}[：:]$")


def is_headline_like(text: str, han: int | None = None) -> bool:
    """A line that reads as a headline: some Han text, not a sentence (no sentence end, no colon at
    the end unless it leads to links), not long."""
    if len(text) > MAX_TITLE_CHARS:
        return False
    if han is None:
        han = han_count(text)
    return (
        HEADLINE_MIN_HAN <= han <= HEADLINE_MAX_HAN
        and _STATEMENT_END.search(text) is None
        and _LIST_ITEM.match(text) is None
        and not (
            text.endswith(("，", ",")) or (text.endswith(("：", ":")) and _LINK_LEAD.search(text) is None)
        )
    )


def is_labelled_item(text: str) -> bool:
    """A label and its value on a line: an item of a list of them (时间：… / 地点：… / 内容：…)."""
    return _LABELLED_ITEM.match(text) is not None


def list_weight(text: str) -> float:
    """Weight of a line on a page without prose (a table of contents, an index): a line with more
    than a menu item's Han characters counts, short ones cost."""
    return float(han_count(text) - LIST_ITEM_MIN_HAN) if text else 0.0


def best_block(weights: list[float]) -> tuple[int, int] | None:
    """The run of lines with the largest total weight (Kadane), or None when no line is positive."""
    best: tuple[float, int, int] | None = None
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if w > 0 and (best is None or total > best[0]):
            best = (total, start, i)
    if best is None:
        return None
    _, first, last = best
    # The run starts at its first positive line: leading zero/negative lines are not part of it.
    while weights[first] <= 0:
        first += 1
    return first, last


def first_block(
    weights: list[float], begin: int, leading: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """The article that starts after the headline: from the first positive line at or after ``begin``,
    extended over gaps that cost less than what follows them brings, and that are not too long for
    the text gathered so far (a related-articles list after a short article is a long gap).

    A barrier between the headline and that line means there is no article there (a related list
    follows the headline), unless it is one of ``leading`` (line indexes of barriers that may precede
    the text: a licence notice, a comment counter)."""
    start = next((i for i in range(begin, len(weights)) if weights[i] > 0), None)
    if start is None or any(
        w == BARRIER and begin + k not in leading for k, w in enumerate(weights[begin:start])
    ):
        return None
    end, mass, running, furniture = start, weights[start], 0.0, 0.0
    for i in range(start + 1, len(weights)):
        running += weights[i]
        if weights[i] <= -SHORT_LINE_COST:
            furniture += weights[i]  # menu items and widgets; list items and figures cost less
        if running > 0:
            end, mass, running, furniture = i, mass + running, 0.0, 0.0
        elif running < -max(GAP_MIN_COST, GAP_SHARE * mass) or furniture < -GAP_MAX_FURNITURE:
            break
    return start, end


def block_mass(weights: list[float], block: tuple[int, int]) -> float:
    return sum(weights[block[0] : block[1] + 1])
