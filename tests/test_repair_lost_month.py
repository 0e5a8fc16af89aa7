"""The lost-month repair finds what its plain definition finds."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from zharchive.stages.repair import _LOST_MONTH, restore_lost_month

# The pattern as first written: a lookbehind tried at every position.
_DEFINITION = re.compile(r"(?<![\d月年/\-.])(?P<digits>\d{3,4})日")


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("0123456789١٢٣日月年/-. 上午a")), max_size=30))
def test_the_pattern_matches_where_its_definition_does(text: str) -> None:
    assert [m.span() for m in _LOST_MONTH.finditer(text)] == [m.span() for m in _DEFINITION.finditer(text)]


def test_a_lost_month_is_restored_and_a_real_day_kept() -> None:
    fixed = restore_lost_month("128日上午，15日下午，2024-128日", 2, date(2024, 12, 9))
    assert fixed.text == "12月8日上午，15日下午，2024-128日"
    # One record for the line, before and after (issue 22).
    assert [(r.before, r.after) for r in fixed.repairs] == [
        ("128日上午，15日下午，2024-128日", "12月8日上午，15日下午，2024-128日")
    ]
    assert restore_lost_month("沒有日期", 1, date(2024, 12, 9)).repairs == []
