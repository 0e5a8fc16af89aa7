"""The combined rule matchers answer exactly what trying every rule one by one would.

``RuleSet.match_line`` and ``RuleSet.barrier`` combine the rules per zone and length tier, try the
``^`` patterns at the start only, and skip a line for the floating patterns when it holds none of the
characters they can start with (``first_chars``). Each shortcut is checked here against the plain
definition: of the rules that apply to the line (zone, ``max_chars``), the one whose match starts
leftmost, the first in file order on a tie.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from zharchive.rules import (
    ANY_ZONE,
    LINE_ZONES,
    LONGEST_CHROME_LINE,
    LineRule,
    first_chars,
    load_rules,
    zone_applies,
)
from zharchive.text import LINE_BREAK

RULES = load_rules()
DEV_TEXT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "text"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _reference(line: str, rules: list[LineRule]) -> LineRule | None:
    if len(line) > LONGEST_CHROME_LINE:
        return None
    best: tuple[int, int] | None = None
    for order, rule in enumerate(rules):
        found = rule.search(line)  # honours max_chars
        starts = [m.start() for p in rule.patterns if (m := p.search(line))]
        if found is not None and (best is None or (min(starts), order) < best):
            best = (min(starts), order)
    return None if best is None else rules[best[1]]


def _zone_rules(zone: str) -> list[LineRule]:
    lines = [r for r in RULES.line_rules if r.kind == "line"]
    return lines if zone == ANY_ZONE else [r for r in lines if zone_applies(r.zone, zone)]


BARRIERS = [r for r in RULES.line_rules if r.barrier]
ZONES = [*LINE_ZONES, ANY_ZONE]


def _real_lines() -> list[str]:
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(DEV_TEXT.glob("*.txt"))]
    texts += [p.read_bytes().decode("gb18030", "replace") for p in sorted(SEEDS.iterdir())]
    lines = {line.strip() for text in texts for line in LINE_BREAK.split(text)}
    # Every example line of every rule too, and each of them inside longer lines.
    for rule in RULES.line_rules:
        for example in (*rule.remove, *rule.keep):
            lines |= {example, f"正文{example}", f"{example} 正文", f"  {example}"}
    return sorted(lines - {""})


REAL_LINES = _real_lines()


def test_the_real_lines_are_many_and_some_match() -> None:
    # The seeds and the rules' examples alone give a few hundred lines; the tests below still run on
    # those, but "many" needs the shared dev corpus.
    require_shared(DEV_TEXT)
    assert len(REAL_LINES) > 2000
    assert sum(RULES.match_line(line, ANY_ZONE) is not None for line in REAL_LINES) > 100


@pytest.mark.parametrize("zone", ZONES)
def test_match_line_is_the_leftmost_applicable_rule_on_real_lines(zone: str) -> None:
    rules = _zone_rules(zone)
    for line in REAL_LINES:
        assert RULES.match_line(line, zone) is _reference(line, rules), line


def test_barrier_is_the_leftmost_barrier_rule_on_real_lines() -> None:
    for line in REAL_LINES:
        assert RULES.barrier(line) is _reference(line, BARRIERS), line


# Lines built from the rules' own vocabulary: pieces of their example lines, with the characters
# their floating patterns start with, digits, white space and Latin letters in between.
_PIECES = sorted(
    {ex[i : i + n] for r in RULES.line_rules for ex in r.remove for n in (2, 4, 8) for i in (0, 2)}
)
_FILLER = st.text(alphabet="公安局版权所有未经ICPicp©备 \u3000:：>0123456789B2-.jpg【】", max_size=12)
_LINES = st.lists(st.one_of(st.sampled_from(_PIECES), _FILLER), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(line=_LINES, zone=st.sampled_from(ZONES))
def test_match_line_is_the_leftmost_applicable_rule_on_generated_lines(line: str, zone: str) -> None:
    assert RULES.match_line(line, zone) is _reference(line, _zone_rules(zone))
    assert RULES.barrier(line) is _reference(line, BARRIERS)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"ICP\s*备", {"I"}),
        (r"(?<!\S)B2-\d{8}", {"B"}),
        (r"(?:版权所有|版權所有)(?!者)", {"版"}),
        (r"(?i:ab)", {"a", "A"}),
        (r"(?i:k)", {"k", "K", "\u212a"}),  # the Kelvin sign: re's ignore-case equates it with k
        (r"[0-9]+年", set("0123456789")),
        (r"\d+年", None),  # a category: not spelled out
        (r"(?:^|\s)B2", None),  # may start with any white space or at the start
        (r".{0,3}x", None),
        (r"x?y", None),  # an optional first item
        (r"a|", None),  # can match the empty string
    ],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    assert first_chars(re.compile(pattern)) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="IiCcKk\u212a©版權权所有未经B2-0123 \t", max_size=20))
def test_first_chars_holds_every_match_start(text: str) -> None:
    for rule in RULES.line_rules:
        for pattern in rule.patterns:
            chars = first_chars(pattern)
            if chars is None:
                continue
            for found in pattern.finditer(text):
                if found.group(0):
                    assert found.group(0)[0] in chars, (pattern.pattern, text)


def _shortcuts_agree(line: str) -> None:
    chrome = RULES.match_line(line, ANY_ZONE)
    if chrome is not None:
        assert RULES.barrier_of_chrome(line, chrome) is RULES.barrier(line), line


def test_barrier_shortcuts_agree_with_the_matchers_on_real_lines() -> None:
    for line in REAL_LINES:
        _shortcuts_agree(line)


@settings(max_examples=400, deadline=None)
@given(line=_LINES)
def test_barrier_shortcuts_agree_with_the_matchers_on_generated_lines(line: str) -> None:
    _shortcuts_agree(line)


def test_strip_spans_leaves_lines_without_spans_alone() -> None:
    for line in REAL_LINES:
        for zone in LINE_ZONES:
            stripped, rule = RULES.strip_spans(line, zone)
            assert rule is not None or stripped is line
