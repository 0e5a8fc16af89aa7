"""Repairs of scraper damage inside lines that stay. Each repair returns what it changed, with a rule id:
one record per repaired line and rule, the line before the rule and after it (a page with 114 pinyin
annotations on one line made 114 records before; issue 22).

- ``repair.whitespace``: ideographic spaces, no-break spaces and byte-order marks at the ends of a
  line, and no-break spaces inside it (the page's layout, not the article's text).
- ``repair.trailing_pipe``: a stray ``|`` a scraper leaves at the end of a line.
- ``repair.pinyin_annotation``: ``會(huì)議`` → ``會議``, only where the syllable is a real reading of
  the character before it and the document has several such annotations, so ``李明(Li Ming)`` and
  ``(CPPCC)`` survive.
- ``repair.byte_shift``: an annotation inserted between the two bytes of a GBK character
  (``擔當?shù)墓茶F軍`` was 擔當的公安鐵軍): the orphaned lead byte and the annotation's ``(`` became
  one ``?``, and the characters after it were read one byte off until an ASCII byte realigned them.
  The run is restored when the candidates the surviving bytes allow have one clear best by the
  prior (flagged ``byte_shift_restored``), else left with a U+FFFD gap (``byte_shift_inexact``).
- ``repair.lost_month``: ``128日上午`` → ``12月8日上午`` when the digits split into a month and day
  consistent with the publication date (the scraper dropped the 月).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

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
    return RepairedLine(after, [LineRepaired(line_no, "repair.trailing_pipe", text, after)])


@dataclass(frozen=True)
class ShiftRepair:
    text: str
    repairs: list[LineRepaired]
    flags: list[str]


def repair_byte_shifts(text: str, line_no: int, use_prior: bool = True) -> ShiftRepair:
    """Restore the runs an annotation inside a GBK character shifted (``zharchive.stages.byteshift``).

    A line with restored or gapped runs is recorded once as ``repair.byte_shift`` (before: the
    damaged line, after: the line repaired). When a run is restored exactly, a companion
    ``repair.byte_shift.runner_up`` record holds the same before and the line as it would read with
    the candidate that came second in each restored run (not applied), and the line is flagged
    ``byte_shift_restored``. A run no candidate wins is left with a U+FFFD gap, flagged
    ``byte_shift_inexact``.
    """
    if "?" not in text and "\ufffd" not in text:
        return ShiftRepair(text, [], [])
    from zharchive.stages.byteshift import restore

    restorations = restore(text, use_prior=use_prior)
    if not restorations:
        return ShiftRepair(text, [], [])
    flags: list[str] = []
    pieces: list[str] = []
    seconds: list[str] = []  # the line with the runner-ups
    runner_up = False
    position = 0
    for found in restorations:
        pieces.append(text[position : found.start])
        seconds.append(text[position : found.start])
        pieces.append(found.after)
        position = found.end
        if found.exact:
            if found.runner_up is not None:
                runner_up = True
                seconds.append(found.runner_up)
            else:
                seconds.append(found.after)
            flag = BYTE_SHIFT_RESTORED
        else:
            seconds.append(found.after)
            flag = BYTE_SHIFT_FLAG
        if flag not in flags:
            flags.append(flag)
    pieces.append(text[position:])
    seconds.append(text[position:])
    after = "".join(pieces)
    repairs = [LineRepaired(line_no, BYTE_SHIFT_RULE, text, after)]
    if runner_up:
        repairs.append(LineRepaired(line_no, RUNNER_UP_RULE, text, "".join(seconds)))
    return ShiftRepair(after, repairs, flags)


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


# Where in a page's lines joined by "\n" a line that needs_line_repair / may_need_pinyin_repair
# starts, ends or holds what makes it so (a line holds no \r or \n: split_lines cut there).
_EDGE_CLASS = re.escape(_EDGE_SPACE + "\f\v")
_LINE_REPAIR_AT = re.compile(rf"(?m)^[{_EDGE_CLASS}]|[{_EDGE_CLASS}|]$|[\u00a0\u200b]")
_PINYIN_LINE_REPAIR_AT = re.compile(
    rf"(?m)^[{_EDGE_CLASS}]|[{_EDGE_CLASS}|]$|[\u00a0\u200b{re.escape(''.join(sorted(_PINYIN_PAGE_REPAIR_CHARS)))}]"
)


def lines_needing_repair(lines: list[str], whole: str, *, pinyin: bool) -> list[int]:
    """The indexes of ``lines`` (``whole`` is them joined by "\n") for which ``may_need_pinyin_repair``
    (``pinyin``) or else ``needs_line_repair`` says yes, in order: one regex pass over the page and
    C-level offsets instead of a test per line (most pages have none or a few; issue 22)."""
    pattern = _PINYIN_LINE_REPAIR_AT if pinyin else _LINE_REPAIR_AT
    found = pattern.search(whole)
    if found is None:
        return []
    starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
    indexes: list[int] = []
    while found is not None:
        index = bisect_right(starts, found.start()) - 1
        indexes.append(index)
        # On from the next line's start (after a "\n", where ^ matches): one search a line found,
        # not one a match (1 MB of 會(huì)議 on one line is one search, not 150,000).
        found = pattern.search(whole, starts[index + 1]) if index + 1 < len(lines) else None
    return indexes


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
    after = "".join(pieces)
    return RepairedLine(after, [LineRepaired(line_no, _PINYIN_RULE, text, after)])


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
    changed = False

    def restore(match: re.Match[str]) -> str:
        nonlocal changed
        split = _split_month_day(match["digits"], published)
        if split is None:
            return match.group(0)
        changed = True
        return f"{split[0]}月{split[1]}日"

    after = _LOST_MONTH.sub(restore, text)
    return RepairedLine(after, [LineRepaired(line_no, "repair.lost_month", text, after)] if changed else [])
