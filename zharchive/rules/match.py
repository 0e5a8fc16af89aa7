"""The rules compiled for matching: a ``RuleSet`` answers, per line and zone, which rule names it.

Matching is the cleaner's hottest loop (every line of every page against ~150 patterns), so rules are
combined into few regexes per zone and length tier, and lines that cannot match are skipped early.
"""

from __future__ import annotations

import bisect
import re

# re's own parser (no type stubs): first_chars reads patterns as re compiles them.
import re._constants as _constants  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from dataclasses import dataclass, field
from typing import Any

from zharchive.rules.model import ANY_ZONE, LINE_ZONES, Dateline, LabelFamily, LineRule, zone_applies

_SPACES = re.compile(r"\s{2,}")
# No chrome line or span-carrying line is longer than this; longer lines are text and skip the rules
# (a 1 MB single-line page must not be searched by every alternative at every position).
LONGEST_CHROME_LINE = 500
MAX_SPAN_PASSES = 3


@dataclass(frozen=True)
class RuleSet:
    version: str
    line_rules: tuple[LineRule, ...]
    labels: tuple[LabelFamily, ...]
    dateline: Dateline
    label_field: dict[str, LabelFamily]
    # "label：" at the start of a line or after white space; names longest first so 发布时间 wins over 时间.
    label_pattern: re.Pattern[str]
    # "label：" anywhere, two characters at least: a template that prints no separator glues a label
    # to the value before it (…09:30:12来源：…支队作者：…). Read only on a line of label pairs.
    glued_label_pattern: re.Pattern[str]
    # Credits' labels each with its bar, several on a line (文｜苏念　图｜庞晓宇　编辑｜葛瑶).
    credit_bar_pattern: re.Pattern[str]

    # Per line zone ("header", "body", "footer", or ANY_ZONE): the rules that apply there, combined
    # so that a line is tried against all of them in one or two regex passes.
    _line_matchers: dict[str, _Matcher] = field(default_factory=dict, repr=False, compare=False)
    _span_matchers: dict[str, _Combined] = field(default_factory=dict, repr=False, compare=False)
    _barrier_matcher: list[_Matcher] = field(default_factory=list, repr=False, compare=False)
    # What the cleaner learns of a line from these rules alone (``stages.clean``): one dict per kind
    # of answer, keyed by the line's text, so a line repeated across a batch's pages (a site's menus
    # and footers) is weighed and matched once. Answers depend on the rules and the text only.
    line_memo: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for zone in LINE_ZONES:
            self._line_matchers[zone] = _Matcher(
                [r for r in self.line_rules if r.kind == "line" and zone_applies(r.zone, zone)]
            )
            self._span_matchers[zone] = _combine(
                [r for r in self.line_rules if r.kind == "span" and zone_applies(r.zone, zone)]
            )
        self._barrier_matcher.append(_Matcher([r for r in self.line_rules if r.barrier]))
        # Any zone: what the article-block scorer asks (is this line chrome somewhere on a page?).
        self._line_matchers[ANY_ZONE] = _Matcher([r for r in self.line_rules if r.kind == "line"])

    def rule_ids(self) -> list[str]:
        ids = [r.id for r in self.line_rules] + [f.rule for f in self.labels] + [self.dateline.rule]
        return sorted(set(ids))

    def match_line(self, line: str, zone: str) -> LineRule | None:
        """The whole-line rule of ``zone`` that matches ``line`` (within its max_chars) leftmost, the
        first in file order on a tie; ``zone`` ``ANY_ZONE`` tries the rules of every zone."""
        return self._line_matchers[zone].first(line)

    def barrier(self, line: str) -> LineRule | None:
        """The barrier rule (any zone) that matches ``line``: the article block cannot span it."""
        return self._barrier_matcher[0].first(line)

    # A matcher's answer is the leftmost match, the first in file order on a tie: the rule it gives
    # for a set of rules is its answer for any subset holding that rule, and none for the set means
    # none for every subset. The two methods below save regex passes on that ground.

    def barrier_of_chrome(self, line: str, chrome: LineRule) -> LineRule | None:
        """``barrier(line)``, given that ``match_line(line, ANY_ZONE)`` is ``chrome``."""
        if chrome.barrier:
            # Barriers are line rules (build_rules refuses a span barrier), so it wins among them too.
            return chrome
        return self.barrier(line)

    def strip_spans(self, line: str, zone: str) -> tuple[str, str | None]:
        """``line`` without the chrome spans of ``zone``, and the id of the last rule that removed one."""
        combined = self._span_matchers[zone]
        if combined.pattern is None or len(line) > LONGEST_CHROME_LINE:
            return line, None
        if combined.pattern.search(line) is None:
            return line, None  # most lines: no span, and no need to set up the cutting below
        fired: list[str] = []

        def cut(found: re.Match[str]) -> str:
            if found.group(0).strip():
                fired.append(found.lastgroup or "")
            return " "

        # A span's match may take the white space the next span needs: cut until nothing changes.
        stripped = line
        for _ in range(MAX_SPAN_PASSES):
            before = stripped
            stripped = combined.pattern.sub(cut, stripped).strip()
            if stripped == before:
                break
        if not fired or stripped == line.strip():
            return line, None
        return _SPACES.sub(" ", stripped), combined.rules[fired[-1]].id


@dataclass(frozen=True)
class _Combined:
    pattern: re.Pattern[str] | None
    rules: dict[str, LineRule]


class _Matcher:
    """Whole-line rules combined into few regexes, fast on the lines that match none (most of them).

    Two things keep a line from being tried by every alternative at every position: patterns that
    start with ``^`` are combined apart and tried with ``match`` (at the start only), and a line
    longer than a rule's ``max_chars`` is not tried against it at all — the rules are combined once
    per length tier (lines up to 30 characters face all of them, a 400-character paragraph only
    those without a limit, nearly all anchored).
    """

    def __init__(self, rules: list[LineRule]) -> None:
        self.rules = rules
        self.limits = sorted({r.max_chars for r in rules if r.max_chars is not None})
        self._tiers: dict[int, _Tier] = {}

    def _tier(self, index: int) -> _Tier:
        tier = self._tiers.get(index)
        if tier is None:
            bound = self.limits[index] if index < len(self.limits) else None
            anchored: list[str] = []
            floating: list[str] = []
            starts: set[str] | None = set()
            for number, rule in enumerate(self.rules):
                if rule.max_chars is not None and (bound is None or rule.max_chars < bound):
                    continue
                at_start = [p for p in rule.patterns if _is_anchored(p)]
                elsewhere = [p for p in rule.patterns if not _is_anchored(p)]
                for target, patterns in ((anchored, at_start), (floating, elsewhere)):
                    if patterns:
                        alternatives = "|".join(f"(?:{p.pattern})" for p in patterns)
                        target.append(f"(?P<r{number}>{alternatives})")
                for pattern in elsewhere:
                    chars = first_chars(pattern)
                    starts = None if starts is None or chars is None else starts | chars
            tier = _Tier(
                anchored=re.compile("|".join(anchored)) if anchored else None,
                floating=re.compile("|".join(floating)) if floating else None,
                floating_starts=(
                    re.compile("[" + "".join(re.escape(c) for c in sorted(starts)) + "]") if starts else None
                ),
            )
            self._tiers[index] = tier
        return tier

    def first(self, line: str) -> LineRule | None:
        if len(line) > LONGEST_CHROME_LINE or not self.rules:
            return None
        index = bisect.bisect_left(self.limits, len(line))
        tier = self._tiers.get(index) or self._tier(index)
        at_start = tier.anchored.match(line) if tier.anchored is not None else None
        if at_start is not None:
            number = _rule_number(at_start)
            # A floating pattern can only win here by matching at the start too, earlier in order.
            also = tier.floating.match(line) if tier.floating is not None else None
            if also is not None and _rule_number(also) < number:
                number = _rule_number(also)
            return self.rules[number]
        if tier.floating is None:
            return None
        if tier.floating_starts is None:
            found = tier.floating.search(line)
        else:
            # A match can only start at a character the floating patterns can start with: the
            # combined pattern is tried at those alone. (Its own search would try every alternative
            # at every position: re skips ahead by first character only for plain literals.)
            found = None
            for candidate in tier.floating_starts.finditer(line):
                found = tier.floating.match(line, candidate.start())
                if found is not None:
                    break
        return None if found is None else self.rules[_rule_number(found)]


@dataclass(frozen=True)
class _Tier:
    anchored: re.Pattern[str] | None  # patterns starting with ^: tried at the start only
    floating: re.Pattern[str] | None
    # Every character a floating match can start with, when the patterns tell (see first_chars).
    floating_starts: re.Pattern[str] | None


def _is_anchored(pattern: re.Pattern[str]) -> bool:
    """Whether every match starts at the start of the line (``^...``, not ``^a|b``)."""
    items = _parser.parse(pattern.pattern, pattern.flags).data
    return bool(items) and items[0] == (_constants.AT, _constants.AT_BEGINNING)


# Ranges in a character class up to this wide are spelled out; a wider one means "unknown".
_MAX_RANGE = 64


def first_chars(pattern: re.Pattern[str]) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that is not known (a
    pattern that can start with any character or match the empty string). Lookbehinds and other
    zero-width tests at the start are skipped: they constrain what comes before, not the first
    character. Used to skip lines that cannot match, so "unknown" is always a safe answer."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    return _first_chars(_parser.parse(pattern.pattern, pattern.flags).data, ignore_case)


def _first_chars(items: Any, ignore_case: bool) -> set[str] | None:
    c = _constants
    for op, av in items:
        if op is c.AT or ((op is c.ASSERT_NOT or op is c.ASSERT) and av[0] < 0):
            continue  # ^, \b, (?<=...), (?<!...): zero width, before the first character
        if op is c.LITERAL:
            return _cased({chr(av)}, ignore_case)
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] <= _MAX_RANGE:
                    chars.update(chr(x) for x in range(value[0], value[1] + 1))
                else:
                    return None  # a negated class, a category (\d, \s), a wide range
            return _cased(chars, ignore_case)
        if op is c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                found = _first_chars(branch, ignore_case)
                if found is None:
                    return None
                union |= found
            return union
        if op is c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            return _first_chars(sub, case)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            return _first_chars(av[2], ignore_case)
        return None  # anything else (., an optional item, a lookahead): unknown
    return None  # the pattern can match the empty string


def _cased(chars: set[str], ignore_case: bool) -> set[str] | None:
    if not ignore_case:
        return chars
    out: set[str] = set()
    for char in chars:
        if not char.isascii():
            return None  # Unicode case folding is wider than upper/lower: say unknown
        # The non-ASCII letters that re's ignore-case matching equates with ASCII ones (K, ſ, İ, ı).
        candidates = {char, char.lower(), char.upper(), "\u212a", "\u017f", "\u0130", "\u0131"}
        out.update(x for x in candidates if re.fullmatch(re.escape(char), x, re.IGNORECASE))
    return out


def _rule_number(found: re.Match[str]) -> int:
    return int((found.lastgroup or "r0")[1:])


def _combine(rules: list[LineRule]) -> _Combined:
    groups: dict[str, LineRule] = {}
    parts: list[str] = []
    for index, rule in enumerate(rules):
        name = f"r{index}"
        groups[name] = rule
        parts.append(f"(?P<{name}>" + "|".join(f"(?:{p.pattern})" for p in rule.patterns) + ")")
    if not parts:
        return _Combined(None, {})
    return _Combined(re.compile("|".join(parts)), groups)
