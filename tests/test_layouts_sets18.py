"""The eighteenth round's pages (held-out sets AG, AH and AI, December 7, evening, and the last
round's leftovers): each shape a page lost, written afresh, with what each rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out

BUREAU_MENU = ["首頁", "新聞", "活動", "旅遊資訊"]


def news_page(site: str, headline: str, *lines: str) -> str:
    """A site's page: "<headline>-<site>", its masthead and menu, then ``lines`` under the headline."""
    return "\n".join([f"{headline}-{site}", site, *BUREAU_MENU, headline, *lines, f"版權所有 {site}"]) + "\n"


TEXT = [
    "澳門國際幻彩大巡遊今日在市中心舉行，來自多個國家和地區的表演團體參與演出，吸引大批市民和旅客觀賞。",
    "旅遊局表示，巡遊路線由大三巴牌坊出發，途經新馬路，最後抵達西灣湖廣場，全程約兩個半小時。",
]
RELATED = ["旅遊局推出冬季旅遊優惠", "美食之都推廣活動開幕", "國際煙花比賽圓滿結束"]


def related_list(*days: str) -> list[str]:
    return ["相關新聞", *(line for item, day in zip(RELATED, days, strict=True) for line in (item, day))]


# (page, what must come out)
CASES: list[tuple[str, dict[str, Any]]] = [
    # A page that prints no date of its own: its related list's items' days are not its date,
    # day first, year first or in the Republic's years.
    (
        news_page(
            "澳門旅遊局",
            "澳門舉行國際幻彩大巡遊",
            *TEXT,
            *related_list("20/11/2024", "15/11/2024", "03/10/2024"),
        ),
        {"date": None, "first": "澳門國際幻彩"},
    ),
    (
        news_page(
            "澳門旅遊局",
            "澳門舉行國際幻彩大巡遊",
            *TEXT,
            *related_list("2024-11-20", "2024-11-15", "2024-10-03"),
        ),
        {"date": None},
    ),
    (
        news_page(
            "臺中市政府",
            "臺中市舉行國際幻彩大巡遊",
            *TEXT,
            *related_list("113-11-20", "113-11-15", "113-10-03"),
        ),
        {"date": None},
    ),
    # (…a date under the text, over the list, is the page's own: 發佈日期 at the foot of the text.)
    (
        news_page(
            "澳門旅遊局",
            "澳門舉行國際幻彩大巡遊",
            *TEXT,
            "發佈日期：22/11/2024",
            *related_list("20/11/2024", "15/11/2024", "03/10/2024"),
        ),
        {"date": "2024-11-22"},
    ),
    (
        news_page(
            "澳門旅遊局", "澳門舉行國際幻彩大巡遊", *TEXT, "2024-11-22 17:05", *related_list("", "", "")
        ),
        {"date": "2024-11-22 17:05"},
    ),
]


@pytest.mark.parametrize(("page_text", "expected"), CASES)
def test_the_eighteenth_rounds_pages_come_out(page_text: str, expected: dict[str, Any]) -> None:
    assert_page_comes_out(page_text, expected)
