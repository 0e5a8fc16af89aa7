"""Repairs of scraper damage inside lines that stay. Each repair returns what it changed, with a rule id.

- ``repair.whitespace``: ideographic spaces, no-break spaces and byte-order marks at the ends of a
  line, and no-break spaces inside it (the page's layout, not the article's text).
- ``repair.trailing_pipe``: a stray ``|`` a scraper leaves at the end of a line.
- ``repair.pinyin_annotation``: ``會(huì)議`` → ``會議``, only where the syllable is a real reading of
  the character before it and the document has several such annotations, so ``李明(Li Ming)`` and
  ``(CPPCC)`` survive.
- ``repair.lost_month``: ``128日上午`` → ``12月8日上午`` when the digits split into a month and day
  consistent with the publication date (the scraper dropped the 月).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from schemas import Repair

_EDGE_SPACE = " \t\u3000\u00a0\ufeff\u200b"
_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_ANNOTATION = re.compile(
    rf"(?P<char>[\u3400-\u4dbf\u4e00-\u9fff])[(（](?P<syllable>[{_PINYIN_LETTERS}]{{1,7}})[)）]"
)
# 128日 / 210日: three or four digits cannot be a day of the month, so a 月 was lost. Two digits
# (15日) are a real day and are never touched.
_LOST_MONTH = re.compile(r"(?<![\d月年/\-.])(?P<digits>\d{3,4})日")
MIN_PINYIN_ANNOTATIONS = 2


@dataclass(frozen=True)
class RepairedLine:
    text: str
    repairs: list[Repair]


def normalise_whitespace(text: str, line_no: int) -> RepairedLine:
    stripped = text.strip(_EDGE_SPACE + "\r\n\f\v")
    inner = stripped.replace("\u00a0", " ").replace("\u200b", "")
    repairs: list[Repair] = []
    if inner != text.strip() and any(c in text for c in "\u3000\u00a0\ufeff\u200b"):
        repairs.append(Repair(line_no=line_no, rule_id="repair.whitespace", before=text, after=inner))
    return RepairedLine(inner, repairs)


def strip_trailing_pipe(text: str, line_no: int) -> RepairedLine:
    if not text.endswith("|"):
        return RepairedLine(text, [])
    after = text.rstrip("|").rstrip()
    return RepairedLine(
        after, [Repair(line_no=line_no, rule_id="repair.trailing_pipe", before="|", after="")]
    )


@lru_cache(maxsize=65536)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # heavy import, only for documents that have annotations

    found = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    return frozenset(unicodedata.normalize("NFC", r).lower() for group in found for r in group)


def _is_reading(char: str, syllable: str) -> bool:
    return unicodedata.normalize("NFC", syllable).lower() in _readings(char)


def count_pinyin_annotations(text: str) -> int:
    """Annotations in the whole text whose syllable is a reading of their character."""
    return sum(1 for m in _PINYIN_ANNOTATION.finditer(text) if _is_reading(m["char"], m["syllable"]))


def remove_pinyin_annotations(text: str, line_no: int) -> RepairedLine:
    repairs: list[Repair] = []

    def drop(match: re.Match[str]) -> str:
        if not _is_reading(match["char"], match["syllable"]):
            return match.group(0)
        repairs.append(
            Repair(
                line_no=line_no,
                rule_id="repair.pinyin_annotation",
                before=match.group(0),
                after=match["char"],
            )
        )
        return match["char"]

    return RepairedLine(_PINYIN_ANNOTATION.sub(drop, text), repairs)


def _split_month_day(digits: str, published: date) -> tuple[int, int] | None:
    for cut in range(1, len(digits)):
        month, day = int(digits[:cut]), int(digits[cut:])
        # An article reports a day of its own month, on or before the day it was published.
        if month == published.month and 1 <= day <= published.day:
            return month, day
    return None


def restore_lost_month(text: str, line_no: int, published: date) -> RepairedLine:
    repairs: list[Repair] = []

    def restore(match: re.Match[str]) -> str:
        split = _split_month_day(match["digits"], published)
        if split is None:
            return match.group(0)
        after = f"{split[0]}月{split[1]}日"
        repairs.append(
            Repair(line_no=line_no, rule_id="repair.lost_month", before=match.group(0), after=after)
        )
        return after

    return RepairedLine(_LOST_MONTH.sub(restore, text), repairs)
