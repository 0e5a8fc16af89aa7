"""The twentieth round's pages (December 7, late night: the earlier sets' misses read again, and
held-out sets AQ, AR, AS and AU, measured before they were read): each shape a page lost, written
afresh, with what each rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out

TEXT = [
    "据泠源海关统计，今年前5个月，全省货物贸易进出口总值2.1万亿元，较去年同期增长6.2%，月度规模创近两年新高。",
    "从贸易方式看，一般贸易进出口1.3万亿元，增长7.1%，占全省外贸总值的61.9%，比去年同期提升0.5个百分点。",
]


def bureau_page(*header: str, page_title: str = "前5个月全省外贸进出口2.1万亿元_泠源海关") -> str:
    """A bureau's news page: ``page_title``, its menu, the headline, ``header`` lines, the text."""
    return (
        "\n".join(
            [
                page_title,
                "中华人民共和国泠源海关",
                "首页 关务公开 海关动态 统计数据 办事服务",
                "您所在的位置：首页 > 海关动态 > 新闻发布",
                "前5个月全省外贸进出口2.1万亿元",
                *header,
                "字号：大 中 小",
                *TEXT,
                "上一条：泠源海关开展“关长送政策上门”活动",
                "版权所有：中华人民共和国泠源海关",
            ]
        )
        + "\n"
    )


REVIEW = [
    "在影像旗舰普遍堆料、重量动辄突破220克的今天，这款手机选择了一条不太一样的路：一英寸大底主摄，整机重量却控制在209克。",
    "上手第一感觉是轻。背部采用素皮材质，握持时不会打滑，边框的弧度也处理得很圆润，单手操作并不吃力。",
]


def review_page(byline: str, page_title: str = "极刻X7 Pro评测：影像旗舰的另一种答案-泠源在线") -> str:
    """A tech site's review: ``page_title``, the menu, the headline, the ``byline`` line, the text."""
    return (
        "\n".join(
            [
                page_title,
                "泠源在线",
                "首页 手机 笔记本 平板 数码影像",
                "手机频道 > 手机评测 > 正文",
                "极刻X7 Pro评测：影像旗舰的另一种答案",
                byline,
                *REVIEW,
                "本文导航",
                "第1页：外观设计",
                "第2页：影像表现",
                "相关阅读",
            ]
        )
        + "\n"
    )


POLICE_TEXT = [
    "“轰——轰——”深夜时分，改装摩托车的轰鸣声划破夜空。5月25日晚，泠源市公安局交警支队组织开展专项整治行动。",
    "行动中，民警在城区主要路段设置检查点，共查处改装摩托车12辆，依法暂扣车辆并责令恢复原状。",
]


def account_page(*under: str) -> str:
    """A news platform's page posted by an account: the headline, ``under`` it, the text."""
    return (
        "\n".join(
            [
                "深夜“炸街”扰民 泠源交警一夜查处改装摩托车12辆 - 泠源头条",
                "泠源头条",
                "首页 推荐 热点 视频",
                "深夜“炸街”扰民 泠源交警一夜查处改装摩托车12辆",
                *under,
                *POLICE_TEXT,
                "举报/反馈",
                "评论 12",
            ]
        )
        + "\n"
    )


CASES: list[tuple[str, dict[str, Any]]] = [
    # A public body's name beside the date under the headline (南京海关　2024-06-20, set AA's customs
    # office): the body posts it, nobody is its writer.
    (bureau_page("泠源海关　2024-06-20"), {"publisher": "泠源海关", "author": None, "date": "2024-06-20"}),
    # (…a self-media account's name there signs the post, as before.)
    (bureau_page("华夏人文　2024-06-20"), {"author": "华夏人文"}),
    # An account certified as a public body's, a dot alone on a line either side of its date (平安芜湖
    # / · / 05-27 21:33 / · / 芜湖市公安局官方账号, set AH's 头条 page): it posts for the body.
    (
        account_page("平安泠源", "·", "2024-05-27 21:33", "·", "泠源市公安局官方账号", "关注"),
        {"publisher": "平安泠源", "author": None},
    ),
    # (…with no certification under it, the account is no publisher.)
    (account_page("平安泠源", "·", "2024-05-27 21:33", "·", "关注"), {"not_publisher": "平安泠源"}),
    # 来源：本站 names the site as the source: kept as printed, as 来源：本站原创 is (sets AE and AO).
    (bureau_page("来源：本站　发布时间：2024-06-20"), {"publisher": "本站"}),
    # (…本网讯, "this site's news", opening the text names no outlet: set AE's procuratorate.)
    (
        bureau_page("2024-06-20").replace(TEXT[0], "本网讯（通讯员 徐丽）" + TEXT[0]),
        {"publisher": None, "author": "徐丽"},
    ),
    # A site's mark on its own piece in the byline's line, glued or bracketed (易车原创 作者：李沐阳
    # 2024-03-01 17:33; 2023年11月28日 14:30 [中关村在线 原创] 作者：周小舟, set AB): the site publishes it.
    (
        review_page("泠源在线原创 作者：周小舟 2023-11-28 14:30"),
        {"publisher": "泠源在线", "author": "周小舟"},
    ),
    (
        review_page("2023年11月28日 14:30 [泠源在线 原创] 作者：周小舟 责任编辑：王睿"),
        {"publisher": "泠源在线", "author": "周小舟", "editors": ["王睿"]},
    ),
    # (…a word before 原创 that the page title does not name is no publisher: 独家原创.)
    (review_page("独家原创 作者：周小舟 2023-11-28 14:30"), {"publisher": None, "author": "周小舟"}),
    (
        review_page("[泠源在线 原创] 作者：周小舟 2023-11-28", page_title="极刻X7 Pro评测：另一种答案"),
        {"publisher": None},
    ),
]


@pytest.mark.parametrize(("page_text", "expected"), CASES)
def test_the_twentieth_rounds_pages_come_out(page_text: str, expected: dict[str, Any]) -> None:
    assert_page_comes_out(page_text, expected)
