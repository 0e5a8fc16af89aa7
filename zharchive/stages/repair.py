"""Repairs of scraper damage inside lines that stay. Each repair returns what it changed, with a rule id.

- ``repair.whitespace``: ideographic spaces, no-break spaces and byte-order marks at the ends of a
  line, and no-break spaces inside it (the page's layout, not the article's text).
- ``repair.trailing_pipe``: a stray ``|`` a scraper leaves at the end of a line.
- ``repair.pinyin_annotation``: ``會(huì)議`` → ``會議``, only where the syllable is a real reading of
  the character before it and the document has several such annotations, so ``李明(Li Ming)`` and
  ``(CPPCC)`` survive.
- ``repair.byte_shift``: an annotation inserted between the two bytes of a GBK character
  (``擔當?shù)墓茶F軍`` was 擔當的公安鐵軍): the orphaned lead byte and the annotation's ``(`` became
  one ``?``, and the characters after it were read one byte off until an ASCII byte realigned them.
  The shifted run is re-encoded to GB18030 and decoded again one byte on; the lost character
  becomes U+FFFD and the document is flagged ``byte_shift_inexact`` (the lead byte is gone, so the
  character cannot be known; a user-defined GBK character in the run may have been dropped too).
- ``repair.lost_month``: ``128日上午`` → ``12月8日上午`` when the digits split into a month and day
  consistent with the publication date (the scraper dropped the 月).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from zharchive.stages.audit import LineRepaired
from zharchive.stages.readings import is_reading as _is_reading

_EDGE_SPACE = " \t\u3000\u00a0\ufeff\u200b"
_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_BRACKETED = rf"[(（](?P<syllable>[{_PINYIN_LETTERS}]{{1,7}})[)）]"
_PINYIN_ANNOTATION = re.compile(rf"(?P<char>[\u3400-\u4dbf\u4e00-\u9fff]){_BRACKETED}")
# 128日 / 210日: three or four digits cannot be a day of the month, so a 月 was lost. Two digits
# (15日) are a real day and are never touched.
# (?=\d) first: re then skips a non-digit at once instead of testing the lookbehind at every position.
_LOST_MONTH = re.compile(r"(?=\d)(?<![\d月年/\-.])(?P<digits>\d{3,4})日")
MIN_PINYIN_ANNOTATIONS = 2
# Annotations recorded one by one per line; beyond this a line's remaining ones are one record.
MAX_ITEMIZED_REPAIRS = 1000
_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
BYTE_SHIFT_FLAG = "byte_shift_inexact"
BYTE_SHIFT_RESTORED = "byte_shift_restored"
BYTE_SHIFT_RULE = "repair.byte_shift"
RUNNER_UP_RULE = "repair.byte_shift.runner_up"


@dataclass(frozen=True)
class RepairedLine:
    text: str
    repairs: list[LineRepaired]


_LINE_EDGES = _EDGE_SPACE + "\r\n\f\v"


def needs_line_repair(text: str) -> bool:
    """Whether ``normalise_whitespace`` or ``strip_trailing_pipe`` would change ``text`` (a cheap
    test: most lines need neither)."""
    return bool(text) and (
        text[0] in _LINE_EDGES
        or text[-1] in _LINE_EDGES
        or text[-1] == "|"
        or "\u00a0" in text
        or "\u200b" in text
    )


def normalise_whitespace(text: str, line_no: int) -> RepairedLine:
    stripped = text.strip(_LINE_EDGES)
    inner = stripped.replace("\u00a0", " ").replace("\u200b", "")
    repairs: list[LineRepaired] = []
    if inner != text.strip() and any(c in text for c in "\u3000\u00a0\ufeff\u200b"):
        repairs.append(LineRepaired(line_no=line_no, rule_id="repair.whitespace", before=text, after=inner))
    return RepairedLine(inner, repairs)


def strip_trailing_pipe(text: str, line_no: int) -> RepairedLine:
    if not text.endswith("|"):
        return RepairedLine(text, [])
    after = text.rstrip("|").rstrip()
    return RepairedLine(
        after, [LineRepaired(line_no=line_no, rule_id="repair.trailing_pipe", before="|", after="")]
    )


@dataclass(frozen=True)
class ShiftRepair:
    text: str
    repairs: list[LineRepaired]
    flags: list[str]


def repair_byte_shifts(text: str, line_no: int, use_prior: bool = True) -> ShiftRepair:
    """Restore the runs an annotation inside a GBK character shifted (``zharchive.stages.byteshift``).

    A run restored exactly is recorded as ``repair.byte_shift`` (before: the damaged text, after:
    the restoration) with a companion ``repair.byte_shift.runner_up`` record (the same before, the
    candidate that came second; not applied), and the line is flagged ``byte_shift_restored``.
    A run no candidate wins is left with a U+FFFD gap, flagged ``byte_shift_inexact``.
    """
    if "?" not in text and "\ufffd" not in text:
        return ShiftRepair(text, [], [])
    from zharchive.stages.byteshift import restore

    restorations = restore(text, use_prior=use_prior)
    if not restorations:
        return ShiftRepair(text, [], [])
    repairs: list[LineRepaired] = []
    flags: list[str] = []
    pieces: list[str] = []
    position = 0
    for found in restorations:
        pieces.append(text[position : found.start])
        pieces.append(found.after)
        position = found.end
        repairs.append(LineRepaired(line_no, BYTE_SHIFT_RULE, found.before, found.after))
        if found.exact:
            if found.runner_up is not None:
                repairs.append(LineRepaired(line_no, RUNNER_UP_RULE, found.before, found.runner_up))
            flag = BYTE_SHIFT_RESTORED
        else:
            flag = BYTE_SHIFT_FLAG
        if flag not in flags:
            flags.append(flag)
    pieces.append(text[position:])
    return ShiftRepair("".join(pieces), repairs, flags)


# An annotation without its character: a search for it skips to the brackets at C speed, where
# _PINYIN_ANNOTATION stops at every Han character (most of a page) to look at the next one.
_BRACKETED_SYLLABLE = re.compile(_BRACKETED)


def _pinyin_annotations(text: str) -> Iterator[tuple[int, int, str]]:
    """The matches of ``_PINYIN_ANNOTATION`` whose syllable is a reading of their character, as
    (start, end, character).

    Found by their brackets, then a look at the character before: a bracketed syllable holds no
    opening bracket, so these matches cannot overlap, and one preceded by a Han character is one
    of _PINYIN_ANNOTATION's (tests/test_repair_pinyin.py compares the two).
    """
    for m in _BRACKETED_SYLLABLE.finditer(text):
        start = m.start()
        char = text[start - 1] if start else ""
        if ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf") and _is_reading(
            char, m["syllable"]
        ):
            yield start - 1, m.end(), char


def count_pinyin_annotations(text: str, at_least: int | None = None) -> int:
    """Annotations in the whole text whose syllable is a reading of their character.

    With ``at_least``, counting stops there (the cleaner only asks whether there are several).
    """
    count = 0
    for _ in _pinyin_annotations(text):
        count += 1
        if at_least is not None and count >= at_least:
            break
    return count


# What may start a repair that only a pinyin-damaged page gets (see ``may_need_pinyin_repair``).
_PINYIN_PAGE_REPAIR_CHARS = frozenset("(（?\ufffd\u3000\ufeff")


def may_need_pinyin_repair(text: str) -> bool:
    """Whether the repairs a pinyin-damaged page's lines get could change ``text`` or record
    anything: without a bracket, a ``?``/U+FFFD or a white-space character ``normalise_whitespace``
    records, and when ``needs_line_repair`` says no, none can."""
    return needs_line_repair(text) or not _PINYIN_PAGE_REPAIR_CHARS.isdisjoint(text)


_PINYIN_RULE = "repair.pinyin_annotation"


def remove_pinyin_annotations(text: str, line_no: int) -> RepairedLine:
    if "(" not in text and "（" not in text:
        return RepairedLine(text, [])
    # A list, not re.sub with a function: a damaged page has hundreds of them, and a call per
    # match from C costs more.
    found = list(_pinyin_annotations(text))
    if not found:
        return RepairedLine(text, [])
    pieces: list[str] = []
    position = 0
    for start, end, char in found:
        pieces.append(text[position:start])
        pieces.append(char)
        position = end
    pieces.append(text[position:])
    repairs = [
        LineRepaired(line_no, _PINYIN_RULE, text[start:end], char)
        for start, end, char in found[:MAX_ITEMIZED_REPAIRS]
    ]
    if len(found) > MAX_ITEMIZED_REPAIRS:
        # A pathological line: the rest are counted in one record rather than itemized.
        repairs.append(LineRepaired(line_no, _PINYIN_RULE, f"{len(found) - MAX_ITEMIZED_REPAIRS} more", ""))
    return RepairedLine("".join(pieces), repairs)


def _split_month_day(digits: str, published: date) -> tuple[int, int] | None:
    for cut in range(1, len(digits)):
        month, day = int(digits[:cut]), int(digits[cut:])
        # An article reports a day of its own month, on or before the day it was published.
        if month == published.month and 1 <= day <= published.day:
            return month, day
    return None


def restore_lost_month(text: str, line_no: int, published: date) -> RepairedLine:
    if "日" not in text:
        return RepairedLine(text, [])  # the pattern starts with a lookbehind: re would try every position
    repairs: list[LineRepaired] = []

    def restore(match: re.Match[str]) -> str:
        split = _split_month_day(match["digits"], published)
        if split is None:
            return match.group(0)
        after = f"{split[0]}月{split[1]}日"
        repairs.append(
            LineRepaired(line_no=line_no, rule_id="repair.lost_month", before=match.group(0), after=after)
        )
        return after

    return RepairedLine(_LOST_MONTH.sub(restore, text), repairs)
