"""Properties of cleaning on any input: no raise, no invented text (repairs aside), fast on 1 MB."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zharchive.stages.clean import clean
from zharchive.stages.page import to_page

PIECES = st.sampled_from(
    ["首页", "分享到", "版权所有", "来源：中国网", "责编：王輝", "2023年02月10日 20:52", "【字体：大 中 小】",
     "相关阅读",
     "會(huì)議", "?shù)墓茶F", "1.jpg", "\u3000", "\u00a0", "|", "\n", "\r\n", " ", "。", "，", "(", ")",
     "全市公安机关召开视频调度会，会议总结了过去五年的工作并部署了今年的任务。"]
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
)


def _removed_characters_only(text: str, body: str) -> bool:
    """Every body character (white space aside) is in the input: cleaning only takes away."""
    source = set(text)
    return all(ch in source or ch.isspace() for ch in body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_cleaning_never_raises_and_adds_nothing_but_repairs(text: str) -> None:
    cleaned = clean(text)
    shifted = any(r.rule_id == "repair.byte_shift" for r in cleaned.repairs)
    if not shifted:  # a byte-shift repair reads characters back that the damaged text did not show
        assert _removed_characters_only(text, cleaned.body_text)
    lines = {line.line_no for line in cleaned.body} | {r.line_no for r in cleaned.removed}
    assert len(lines) == len(cleaned.body) + len(cleaned.removed)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_html_input_never_raises(text: str) -> None:
    page = to_page(f"<html><body><p>{text}</p><div>{text}</div></body></html>", path="x.html")
    clean(page.text, hints=page.hints)


# A safety bound, not a speed target (that one, under a second, is measured by
# benchmarks/fidelity.py): catastrophic backtracking would take minutes, not seconds.
SAFETY_SECONDS = 5.0


def test_a_one_megabyte_single_line_is_cleaned_in_bounded_time() -> None:
    line = ("全市公安机关召开视频调度会，会议总结了过去五年的工作。" * 40000)[: 1 << 20]
    for text in (line, "首页 " * 200000, "a" * (1 << 20), "會(huì)議" * 150000):
        started = time.perf_counter()
        cleaned = clean(text)
        assert time.perf_counter() - started < SAFETY_SECONDS, text[:10]
        assert len(cleaned.body) + len(cleaned.removed) == 1


@given(st.text(alphabet=st.sampled_from(list("原创标题新闻2024年第1期０１２³٣ -—\n")), max_size=30))
def test_undecorated_is_the_decoration_pattern_s_substitution_whatever_the_line(line: str) -> None:
    from zharchive.stages.clean import _DECORATION, undecorated

    assert undecorated(line) == _DECORATION.sub("", line)
