"""Han counting by UTF-16 code units gives what the definition (the two Han blocks) gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from zharchive.text import han_count, han_counts

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# The blocks' edges, the hexagrams between them, astral and lone surrogates, ASCII and line breaks.
_CHARS = st.sampled_from(
    list(
        "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000中文，a1 \n\r\u3000\U00020000\U0001f600\udc80\ud800"
    )
)


def _definition(text: str) -> int:
    return len(_HAN.findall(text))


@settings(max_examples=500)
@given(st.text(alphabet=_CHARS, max_size=30))
def test_han_count_is_the_number_of_characters_in_the_han_blocks(text: str) -> None:
    assert han_count(text) == _definition(text)


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=_CHARS, max_size=12), max_size=6))
def test_han_counts_counts_each_line(lines: list[str]) -> None:
    assert han_counts(lines) == [_definition(line) for line in lines]


def test_han_counts_of_plain_lines() -> None:
    assert han_counts(["中文abc", "", "一\u4dc0二", "x"]) == [2, 0, 2, 0]
    assert han_counts(["中文", "abc，三"]) == [2, 1]
