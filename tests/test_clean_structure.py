"""Page structure: the article block, chrome around it, barriers, lines repeated across a site."""

from __future__ import annotations

from flows.clean import best_block, clean, first_block, normal_line, repeated_lines

PROSE = [
    "会上,各县区公安局长汇报集打斗争、追逃、黄标车治理等工作情况,市公安局相关警种负责人通报了全市公安机关相关工作情况。",
    "何永清同志讲评全市公安机关绩效考评情况,要求全市公安机关统一思想,提高认识,增强对绩效考核的责任感、紧迫感。",
    "刘新良同志指出,今年以来,全市公安机关和4200名公安民警保持定力、精准发力、加倍努力,永州公安工作高开高起。",
]
MENU = ["首页", "新闻", "视频", "图片", "专题", "滚动", "登录/注册"]
TEASER = (
    "最新港產片《九龍城寨之圍城》熱播，好評如潮，"
    "不少人建議政府「復刻」該片的九龍城寨場景作為旅遊景點，當局不妨考慮興建。"
)


def test_menus_before_and_after_the_article_go_with_a_rule_id() -> None:
    text = "\n".join([*MENU, "全市公安机关召开视频调度会", *PROSE, *MENU])
    cleaned = clean(text)
    assert cleaned.body_text == "\n".join(PROSE)
    assert cleaned.title == "全市公安机关召开视频调度会"
    assert {r.rule_id for r in cleaned.removed} >= {"structure.header", "structure.footer", "meta.title"}


def test_a_sub_heading_and_a_short_list_inside_the_article_stay() -> None:
    body = [
        PROSE[0],
        "一、收官冲刺要决战决胜",
        PROSE[1],
        "1、成人票原价：279元",
        "2、学生票原价：90元",
        PROSE[2],
    ]
    assert clean("\n".join([*MENU, *body, *MENU])).body_text == "\n".join(body)


def test_related_list_after_a_heading_is_not_the_article_however_long() -> None:
    # The list after the heading has nearly twice the article's prose.
    text = "\n".join([*MENU, *PROSE, "你可能還想看", TEASER, TEASER, TEASER, TEASER, TEASER])
    cleaned = clean(text)
    assert cleaned.body_text == "\n".join(PROSE)
    assert any(r.rule_id == "chrome.related" for r in cleaned.removed)


def test_the_article_is_the_one_under_the_headline_not_the_longest_prose() -> None:
    headline = "日本企業5月信心保持穩定 但日圓疲弱推高成本損害利潤"
    text = "\n".join(
        [headline, *MENU, headline, "2024年5月22日", PROSE[0], *MENU, *MENU, TEASER, TEASER, TEASER]
    )
    assert clean(text).body_text == PROSE[0]


def test_a_body_sentence_with_chrome_words_survives() -> None:
    sentences = [
        "分享到朋友圈的视频中，民警耐心讲解防诈骗知识，获得大量点赞。",
        "版权所有者依法享有的权利受法律保护，侵权行为将被依法追究责任。",
        "全民阅读活动在全市各派出所同步开展，民警和群众一起读书、交流心得体会。",
    ]
    text = "\n".join([*MENU, PROSE[0], *sentences, PROSE[1], "版权所有 © 2023 某市公安局"])
    body = clean(text).body_text
    for sentence in sentences:
        assert sentence in body
    assert "© 2023" not in body


def test_block_helpers() -> None:
    assert best_block([-1, 5, -2, 6, -20, 3]) == (1, 3)
    assert best_block([-1.0, 0.0]) is None
    assert first_block([-1, 5, -2, 6, -40, 100], 0) == (1, 3)


def test_repeated_lines_are_site_chrome_but_prose_never_is() -> None:
    pages = [
        "\n".join(["网站首页", "机构概况", f"标题{i}", PROSE[0], "主办单位：某市公安局"]) for i in range(4)
    ]
    repeated = repeated_lines(pages)
    assert {"网站首页", "机构概况", "主办单位：某市公安局"} <= repeated
    assert normal_line(PROSE[0]) not in repeated and "标题1" not in repeated
    assert repeated_lines(pages[:2]) == frozenset()  # too few files to tell


def test_site_chrome_is_removed_inside_the_block_too() -> None:
    text = "\n".join([PROSE[0], "本站导航", PROSE[1]])
    assert "本站导航" in clean(text).body_text
    cleaned = clean(text, site_chrome=frozenset({"本站导航"}))
    assert "本站导航" not in cleaned.body_text
    assert [r.rule_id for r in cleaned.removed] == ["structure.site_repeat"]
