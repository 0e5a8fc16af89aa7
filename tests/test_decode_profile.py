"""``decode.profile``'s counts (one numpy table look-up a character) against their definitions,
character by character, on real pages read in every codec a candidate may be read in."""

from __future__ import annotations

import random
from pathlib import Path

from tests.conftest import require_shared
from zharchive.stages.decode import (
    _LINE_BAD_SCORE,
    _LINE_MIN_SIGNAL,
    _LINES_AT_ONCE,
    _SURE_SHARE,
    _any_implausible_line,
    common_han,
    profile,
)
from zharchive.text import is_han

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CODECS = ("utf-8", "gb18030", "big5", "utf-16-le", "shift_jis", "euc-kr", "latin-1")


def _gb_level1(char: str) -> bool:
    encoded = char.encode("gb2312", "ignore")
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def _expected(text: str, exact: bool) -> tuple[int, int, int, int, int, int]:
    """(chars, han, common, odd, controls, replacements) as ``Profile`` defines them."""
    han = sum(1 for c in text if is_han(c))
    # tab, line feed, form feed and carriage return are text
    controls = sum(1 for c in text if (ord(c) <= 0x1F and c not in "\t\n\x0c\r") or 0x7F <= ord(c) <= 0x9F)
    replacements = text.count("\ufffd")
    odd_ranges = (
        (0x370, 0x4FF),
        (0x2500, 0x257F),
        (0x3040, 0x30FF),
        (0x4DC0, 0x4DFF),
        (0xAC00, 0xD7AF),
        (0xE000, 0xF8FF),
    )
    odd = sum(1 for c in text if any(a <= ord(c) <= b for a, b in odd_ranges))
    common = sum(1 for c in text if c in common_han())
    level1 = sum(1 for c in text if _gb_level1(c))
    if not exact and han and level1 >= _SURE_SHARE * han:
        common = level1  # the shortcut: a lower bound above every threshold
    return len(text), han, common, odd, controls, replacements


def _pieces() -> list[str]:
    require_shared(CORPUS)
    paths = (
        sorted((ROOT / "seeds").glob("*.txt"))
        + sorted(CORPUS.glob("*/text/*"))
        + sorted(CORPUS.glob("*/html/*"))
    )
    assert len(paths) > 200
    rng = random.Random(7)
    pieces = []
    for path in paths:
        raw = path.read_bytes()
        codec = rng.choice(CODECS)
        text = raw.decode(codec, "replace")
        pieces += [text[:3000], *rng.sample(text.split("\n"), min(5, text.count("\n") + 1))]
    return pieces


def test_the_counts_are_their_definitions_on_real_pages_in_every_codec() -> None:
    kinds = set()
    for text in _pieces():
        for exact in (False, True):
            found = profile(text, exact=exact)
            counts = (found.chars, found.han, found.common, found.odd, found.controls, found.replacements)
            assert counts == _expected(text, exact), (text[:60], exact)
            kinds |= {
                name
                for name, n in zip(
                    ("han", "odd", "controls", "replacements"), counts[1:2] + counts[3:], strict=True
                )
                if n
            }
    assert kinds == {"han", "odd", "controls", "replacements"}  # every count was tried on something


def test_astral_han_hexagrams_and_emoji() -> None:
    text = "\U00020000\U0003134f\U00031350\u4dc0\u4dff\U0001f600中國\ufffd\x00"
    for exact in (False, True):
        found = profile(text, exact=exact)
        assert (found.han, found.common, found.odd, found.controls, found.replacements) == _expected(
            text, exact
        )[1:]


def _implausible_line_by_line(lines: list[str]) -> bool:
    for line in lines:
        counts = profile(line)
        if counts.signal >= _LINE_MIN_SIGNAL and (counts.score or 0.0) < _LINE_BAD_SCORE:
            return True
    return False


def test_all_lines_at_once_answer_as_a_profile_a_line() -> None:
    """_suspect_lines's all-at-once counts (issue 22) against ``profile`` line by line, on the real
    pages read in every codec: each line alone, and groups of lines both sides of _LINES_AT_ONCE."""
    rng = random.Random(22)
    answers = set()
    for text in _pieces():
        lines = [line for line in text.split("\n") if not line.isascii()]
        groups = [[line] for line in lines] + [
            rng.sample(lines, min(len(lines), size)) for size in (2, _LINES_AT_ONCE, 3 * _LINES_AT_ONCE)
        ]
        for group in groups:
            expected = _implausible_line_by_line(group)
            assert _any_implausible_line(group) == expected, group[:2]
            answers.add((expected, len(group) >= _LINES_AT_ONCE))
    assert answers == {(False, False), (True, False), (False, True), (True, True)}
