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


def paper_page(byline: str) -> str:
    """A local paper's site: the headline, a row with the date, source and ``byline``, the text."""
    return (
        "\n".join(
            [
                "我市开展春季植树活动_泠源新闻网",
                "泠源新闻网",
                "首页 本地 国内 国际",
                "我市开展春季植树活动",
                f"2024-03-12 10:20  来源：泠源日报  {byline}",
                "3月11日，我市在城西生态公园开展春季义务植树活动，机关干部、志愿者和市民群众共千余人参加。",
                "活动现场，大家分工协作，挖坑、扶苗、培土、浇水，共栽下银杏、香樟等苗木三千余株。",
                "责任编辑：赵敏",
            ]
        )
        + "\n"
    )


# (page, what must come out)
CASES: list[tuple[str, dict[str, Any]]] = [
    # Writers whose given names end as outlets' names do (建社, 春台): names, not outlets.
    (paper_page("作者：王建社 李明"), {"author": "王建社、李明", "publisher": "泠源日报"}),
    (paper_page("记者 陈春台 通讯员 刘敏"), {"author": "陈春台、刘敏"}),
    # (…but a province's station before its writer is an outlet: 江苏台 is no name.)
    (paper_page("作者：江苏台 李明"), {"author": "李明"}),
    (paper_page("作者：新华社"), {"author": None}),
    # A weekday before a day-first date alone: the date, and no account's name.
    (
        news_page(
            "新加坡新闻网",
            "狮城组屋转售价格连涨五季",
            "星期四, 20/03/2025 16:45",
            "建屋发展局今日公布的数据显示，组屋转售价格在今年第一季再涨百分之二点三，连续五个季度上涨。",
            "分析师认为，新组屋供应增加后，转售价格涨幅可望逐步放缓。",
        ),
        {"date": "2025-03-20 16:45", "author": None},
    ),
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
