"""Page structure: the article block, chrome around it, barriers, lines repeated across a site."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zharchive.stages.blocks import SHORT_LINE_COST, best_block, first_block, prose_weight
from zharchive.stages.clean import clean, repeated_lines
from zharchive.text import LINE_BREAK, normal_line, split_lines

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


def test_a_widget_line_the_article_block_took_in_goes_whole_a_sentence_keeps_its_words() -> None:
    # Edges rules apply inside the block only to a line that is their widget and nothing else: a
    # share bar or a print/close pair between paragraphs goes; 老字号 keeps its 字号.
    widgets = ["分享到：微信 微博 QQ空间", "【打印本页】 【关闭窗口】", "扫一扫在手机打开当前页"]
    # (A line over WIDGET_LINE_CHARS, 30, stays whatever it matches: a sentence's length.)
    kept = ["老字号", "打印店", "分享到：微信 朋友圈 微博 QQ空间 豆瓣 人人网 抖音 腾讯微博"]
    text = "\n".join([*MENU, PROSE[0], widgets[0], PROSE[1], *kept, widgets[1], widgets[2], PROSE[2], *MENU])
    cleaned = clean(text)
    body = cleaned.body_text.splitlines()
    assert body == [PROSE[0], PROSE[1], *kept, PROSE[2]]
    assert [r.rule_id for r in cleaned.removed if r.text in widgets] == [
        "chrome.share",
        "chrome.font_size",
        "chrome.scan_qr",
    ]


def test_an_english_paragraph_inside_the_article_does_not_end_it() -> None:
    # A sentence in English costs one short line, not one a character: the article runs across a
    # quotation in English; a run of English teasers after it is still no text of its (dev 2681…).
    quote = "The campaign targets unlicensed vendors near schools, rural markets and online platforms."
    teasers = [
        "Stocks open flat as investors wait for the central bank's decision on interest rates today.",
        "Oil prices fell for a third day as traders weighed the outlook for demand in the summer.",
        "The average mortgage rate fell below seven percent for the first time since early April.",
    ] * 4
    headline = "永州市公安局召开全市公安工作会议"
    top = [f"{headline}_永州新闻网", *MENU, headline, "2024年5月22日"]
    text = "\n".join([*top, PROSE[0], quote, PROSE[1], PROSE[2], "相关阅读", *teasers])
    assert clean(text).body_text.splitlines() == [PROSE[0], quote, PROSE[1], PROSE[2]]
    text = "\n".join([*top, PROSE[0], PROSE[1], *teasers, PROSE[2]])
    assert clean(text).body_text.splitlines() == [PROSE[0], PROSE[1]]
    # Eight words make a sentence (MIN_LATIN_SENTENCE_WORDS); seven are a caption or a menu item's.
    assert prose_weight("Officials check food stalls near the city school.") == -SHORT_LINE_COST
    assert prose_weight("Officials check food stalls near schools.") < -SHORT_LINE_COST


# A footer of one long line, in the shape of the sites' (labels and values between commas).
LONG_FOOTER = (
    "版权所有：湖南省公安厅，主办单位：湖南省公安厅办公室，地址：湖南省长沙市芙蓉区韶山北路一号，"
    "邮编：410001，联系电话：0731-12345678，技术支持：湖南省公安厅科技信息化总队，建议使用1024×768分辨率浏览本站"
)


def test_a_long_footer_line_right_after_the_text_does_not_join_the_article() -> None:
    # Over 100 characters with commas, it would weigh as prose and join the article block, where
    # the footer's rules no longer apply, if the block scorer tried only short lines against them.
    assert len(LONG_FOOTER) > 110
    cleaned = clean("\n".join([*MENU, *PROSE, LONG_FOOTER]))
    assert cleaned.body_text == "\n".join(PROSE)
    assert ("footer.copyright", LONG_FOOTER) in [(r.rule_id, r.text) for r in cleaned.removed]


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


HEADLINES = [
    "女汉子喝酒就是如此霸气，丝毫不输男人的气势",
    "时隔30年王宝强重回少林寺，与师兄现场比武",
    "当小蝌蚪放大2000倍，将会是什么样子",
    "不论男女，指甲若长有竖纹，自查下",
]


def test_a_run_of_headlines_after_the_article_is_a_link_list_not_text() -> None:
    # Each headline has a comma and enough Han characters, but none ends a sentence.
    text = "\n".join([*MENU, "全市公安机关召开视频调度会", *PROSE, *HEADLINES, *HEADLINES])
    assert clean(text).body_text == "\n".join(PROSE)


def test_an_enumerated_list_inside_the_article_is_not_a_headline_run() -> None:
    items = [
        "门票半价优惠景点",
        "1、上海东方明珠广播电视塔",
        "成人票原价：279元",
        "2、上海野生动物园",
        "成人票原价：165元",
    ]
    body = [PROSE[0], *items, PROSE[1]]
    assert clean("\n".join([*MENU, *body, *MENU])).body_text == "\n".join(body)


def test_a_licence_notice_between_headline_and_text_does_not_hide_the_text() -> None:
    headline = "为什么新技术不火了？"
    notice = "版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。"
    text = "\n".join(
        [
            f"{headline}_博客",
            *MENU,
            headline,
            notice,
            *PROSE,
            *MENU,
            "相关推荐",
            TEASER,
            TEASER,
            TEASER,
            TEASER,
        ]
    )
    cleaned = clean(text)
    assert cleaned.body_text == "\n".join(PROSE)
    assert cleaned.title == headline
    assert any(r.rule_id == "chrome.legal_notice" for r in cleaned.removed)


def test_comment_sections_and_feed_items_end_the_article() -> None:
    for end in (["评论 139", "请先 登录 后发表评论～"], ["其他人也在看", "法新社·2 天前"], ["法新社·2 天前"]):
        text = "\n".join([*MENU, "全市公安机关召开视频调度会", *PROSE, *end, TEASER, TEASER, TEASER, TEASER])
        assert clean(text).body_text == "\n".join(PROSE), end


def test_a_platform_disclaimer_ends_the_article() -> None:
    notice = (
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布，本平台仅提供信息存储服务。"
    )
    text = "\n".join(
        [*MENU, "全市公安机关召开视频调度会", *PROSE, notice, "网易跟贴", TEASER, TEASER, TEASER]
    )
    assert clean(text).body_text == "\n".join(PROSE)


def test_the_site_name_part_of_the_page_title_is_not_the_headline() -> None:
    # The page title is "headline - site name"; the site name alone on a line is no anchor.
    site = "自由的百科全书网站"
    text = "\n".join([f"雄安新区建设 - {site}", *MENU, site, "此条目讲述一个工程。", *MENU, *MENU, *PROSE])
    assert clean(text).body_text == "\n".join(PROSE)


def test_a_page_without_prose_keeps_its_list_not_its_menus() -> None:
    entries = [
        "中国特色社会主义政治经济学视角下的中国式现代化道路",
        "张素峰",
        "坚持人民至上的观念认知、制度支撑及运行机制",
        "陈家刚;陈凌宇",
        "论发展全过程人民民主与新时代民生建设",
    ]
    text = "\n".join(
        [*MENU, *MENU, *entries, *MENU, "友情链接", "求是网 旗帜网 宣讲家网 中国社会科学网 中央党校网理论网"]
    )
    assert clean(text).body_text == "\n".join(entries)


@settings(max_examples=500)
@given(st.text(alphabet="\r\na中 ", max_size=20))
def test_split_lines_splits_as_the_line_break_pattern(text: str) -> None:
    assert split_lines(text) == LINE_BREAK.split(text)


def test_a_dozen_widget_lines_end_a_long_article_however_long_it_is() -> None:
    # The widget lines cost ~70, less than a fifth of nine paragraphs' mass (GAP_SHARE), and three
    # paragraphs after them would outweigh them: only the widgets' own cost (GAP_MAX_FURNITURE)
    # ends the article before what the site shows next.
    headline = "全市公安机关召开视频调度会"
    widgets = [
        "点赞",
        "收藏",
        "打印本页",
        "关闭窗口",
        "微信",
        "微博",
        "QQ空间",
        "纠错",
        "字号",
        "大",
        "中",
        "小",
    ]
    text = "\n".join(
        [f"{headline}_某市公安局", *MENU, headline, *PROSE * 3, *widgets, TEASER, TEASER, TEASER]
    )
    body = clean(text).body_text
    assert body == "\n".join(PROSE * 3)
    assert TEASER not in body


def test_a_block_that_opens_with_its_headline_and_date_line_starts_after_them() -> None:
    # A headline that reads as prose (it exclaims, 12+ Han characters) joined the article's block
    # with the date line under it (a real page of ../shared/corpus/gne: gsc_1).
    headline = "2019年中国人文地理学术年会在重庆•西南大学成功举行！"
    date_line = "发布时间：2019-05-18 来源：中国地理学会"
    cleaned = clean("\n".join(["新闻动态--中国地理学会官网", *MENU, headline, date_line, *PROSE, *MENU]))
    assert cleaned.body_text == "\n".join(PROSE)
    assert cleaned.title == headline
    removed = {r.text: r.rule_id for r in cleaned.removed}
    assert removed[date_line] == "meta.published"


def test_a_first_line_that_dates_the_article_in_a_sentence_stays_in_it() -> None:
    first = "2024年2月29日,永定公安召开2024年全区公安工作会议,深入贯彻落实全市公安工作会议精神。"
    cleaned = clean("\n".join([*MENU, first, *PROSE, *MENU]))
    assert cleaned.body_text == "\n".join([first, *PROSE])


# A promotion line under the headline, widgets, a related-news heading, then the article (a real
# page's shape: ../shared/corpus/gne sina_4).
PROMO = "新酷产品第一时间免费试玩，还有众多优质达人分享独到生活经验，快来体验吧~！"
LONG_ARTICLE = [f"{sentence}第{n}段。" for n in range(6) for sentence in PROSE]


def test_a_blurb_under_the_headline_that_a_later_block_dwarfs_is_not_the_article() -> None:
    page = ["新品发布会召开_新浪科技", *MENU, "新品发布会召开", "2019年09月11日01:53 新浪科技", PROMO]
    page += ["自动播放", "向前 向后", "相关新闻：", *LONG_ARTICLE, *MENU]
    cleaned = clean("\n".join(page))
    assert cleaned.body_text == "\n".join(LONG_ARTICLE)


def test_a_short_article_under_its_headline_stays_the_article_beside_a_bigger_list() -> None:
    # As long as the first block is not a blurb (it holds enough text), or what follows is not
    # many times larger, the block under the headline is the article.
    related = [f"{sentence}（相关）" for sentence in PROSE]
    page = ["全市公安机关召开视频调度会_永州市公安局", *MENU, "全市公安机关召开视频调度会", *PROSE[:2]]
    page += ["相关阅读", *related, *MENU]
    cleaned = clean("\n".join(page))
    assert cleaned.body_text == "\n".join(PROSE[:2])


# Lines of a technical article's program listing (gne wechat_2: a Python listing of 17 lines between
# two paragraphs cost 25.5 as "list items" and cut the article after its fourth paragraph).
CODE = [
    "import json",
    "import redis",
    "client = redis.Redis()",
    "handler = pymongo.MongoClient().test.data",
    "def parse():",
    "while True:",
    "data = client.lpop('test')",
    "if not data:",
    "return",
    "handler.insert_one(json.loads(data))",
    "except Exception:",
    "handler.insert_one({'finished': True})",
]


def test_a_program_listing_inside_a_technical_article_stays_in_it() -> None:
    text = "\n".join(
        [*MENU, "一日一技：在 Python 中实现延迟调用", PROSE[0], *CODE, *CODE, PROSE[1], PROSE[2], *MENU]
    )
    cleaned = clean(text)
    assert cleaned.body_text == "\n".join([PROSE[0], *CODE, *CODE, PROSE[1], PROSE[2]])


def test_a_code_line_costs_little_but_a_menu_item_of_latin_letters_still_costs() -> None:
    assert -1.0 < prose_weight("client = redis.Redis()") < 0
    assert -1.0 < prose_weight("import json") < 0
    assert prose_weight("English") <= -4.0  # a menu item, not code
    assert prose_weight("QQ空间") <= -4.0


# A post written one phrase a line with pictures between (gne thepaper_2: body F1 0.58, cut at its
# first run of short lines; the credits below it say where it ends).
SHORT_LINES = [
    "在建地下通道连接地铁四号线",
    "与中国内地正在营运的邮轮母港相比",
    "广州南沙国际邮轮母港实现了",
    "与公交、地铁、港澳水上客运等交通方式无缝连接",
    "资料图",
]


def test_a_post_of_short_lines_reaches_down_to_its_credits() -> None:
    body = [PROSE[0], *SHORT_LINES, *SHORT_LINES, PROSE[1], PROSE[2], *SHORT_LINES, TEASER]
    head = ["全市公安机关召开视频调度会_永州市公安局", *MENU, "全市公安机关召开视频调度会"]
    text = "\n".join([*head, *body, "编辑|禤志杰", "责编|陈梦莹", *MENU])
    cleaned = clean(text)
    assert cleaned.body_text == "\n".join(body)


def test_a_link_list_before_the_credits_does_not_join_the_article() -> None:
    links = [
        "习近平会见中国女排代表",
        "美财政部：当前没有阻止中国企业在美上市计划",
        "56个民族非遗传承人同唱《我爱你中国》",
    ]
    head = ["全市公安机关召开视频调度会_永州市公安局", *MENU, "全市公安机关召开视频调度会"]
    text = "\n".join([*head, *PROSE, *links, "责任编辑：王五", *MENU])
    assert clean(text).body_text == "\n".join(PROSE)


def test_a_headline_under_the_platforms_original_badge_is_found_without_it() -> None:
    # gne toutiao_2: the page title lacks the 原创 badge the headline line carries; the headline
    # (a colon and a comma: prose-like) was missed and a menu word became the title.
    headline = "最不愁吃肉的国家：顿顿有肉吃，却要靠中国运输蔬菜水果"
    text = "\n".join([headline, *MENU, "广告投放", "原创" + headline, "去驴行", "关注", *PROSE, *MENU])
    cleaned = clean(text)
    assert cleaned.title == headline
    assert cleaned.body_text == "\n".join(PROSE)


@pytest.mark.parametrize(
    ("page_title", "headline_line", "headline"),
    [
        # dev 1985…: a comment counter glued to a chapter's heading.
        (
            "第二章 失乡号的船长 _《深海余烬》小说在线阅读 - 起点中文网",
            "第二章 失乡号的船长241",
            "第二章 失乡号的船长",
        ),
        # dev e25d…: the headline's —— is the page title's -.
        (
            "新华全媒+丨积极因素不断增多 “质升量稳”动能增强-前4个月我国外贸向好态势进一步巩固-今日头条",
            "新华全媒+丨积极因素不断增多 “质升量稳”动能增强——前4个月我国外贸向好态势进一步巩固",
            "新华全媒+丨积极因素不断增多 “质升量稳”动能增强——前4个月我国外贸向好态势进一步巩固",
        ),
    ],
)
def test_the_headline_is_found_through_what_the_platform_prints_around_it(
    page_title: str, headline_line: str, headline: str
) -> None:
    text = "\n".join(
        [page_title, *MENU, headline_line, "新华社北京5月9日电 题：积极因素不断增多", *PROSE, *MENU]
    )
    assert clean(text).title == headline


def test_a_headline_number_is_kept_when_the_page_title_has_it() -> None:
    text = "\n".join(["全市公安机关召开2024 - 公安网", *MENU, "全市公安机关召开2024", *PROSE, *MENU])
    assert clean(text).title == "全市公安机关召开2024"


def test_the_pages_title_line_is_the_headline_only_when_declared_or_alone() -> None:
    # dev 83bd…: the <title> names the site's section; the headline is the line under it.
    body = [PROSE[0], PROSE[1]]
    text = "\n".join(["科普中国-辟谣文章", "徒手抓子弹真的存在吗？", "来源： 科普中国-科学原理", *body])
    assert clean(text, hints={"page_title": "科普中国-辟谣文章"}).title == "徒手抓子弹真的存在吗？"
    # dev 7e99…: a WeChat post's headline is only in its <title>, which og:title declares.
    text = "\n".join(["绥德：33名退役军人被表彰", "庆“八一”双拥文艺汇演暨首届“最美退役军人”表彰大会", *body])
    hints = {"title": "绥德：33名退役军人被表彰"}
    assert clean(text, hints=hints).title == "绥德：33名退役军人被表彰"


def test_the_headline_alone_wins_over_an_echo_of_the_whole_page_title() -> None:
    # dev ea5b… (HTML): the <title>, site parts and all, is printed again above the breadcrumb.
    page_title = "2024年4月全国CPI同比上涨0.3% 食品价格下降2.7%_数据_宏观频道首页_财经网 - CAIJING.COM.CN"
    headline = "2024年4月全国CPI同比上涨0.3% 食品价格下降2.7%"
    head = [page_title, page_title, "当前位置：宏观频道首页 > 数据 >"]
    assert clean("\n".join([*head, headline, "正文", *PROSE])).title == headline
    # Without the headline alone under it, the echo still anchors the article.
    cleaned = clean("\n".join([*head, *PROSE]))
    assert cleaned.title == page_title and cleaned.body_text == "\n".join(PROSE)


def test_a_headline_with_a_comma_before_a_bare_hyphen_in_the_page_title_anchors_the_article() -> None:
    # gne ednchina_1's shape: "<headline>-<site>", no spaces round the hyphen, and a headline with a
    # comma (read as prose, so the share test refused it); a pop-up notice above it took the title.
    headline = "市公安局召开全市打击治理电信网络诈骗工作会议，部署下一阶段重点工作"
    notice = [  # a pop-up: its close button, heading, text, swipe hint; then an advert's label
        "×",
        "杂志声明",
        "本刊提供免费订阅，任何第三方平台的赠送或售卖行为均未获得授权，我方保留追究其法律责任的权利！",
        "向右滑动：上一篇 向左滑动：下一篇 我知道了",
        "广告",
    ]
    lines = [
        f"{headline}-某某电子网",
        *MENU,
        *notice,
        headline,
        "时间：2024-03-05 作者：王明 阅读：1644",
        *PROSE,
    ]
    cleaned = clean("\n".join(lines))
    assert cleaned.title == headline and cleaned.body_text == "\n".join(PROSE)
    assert cleaned.fields["published_at"] == ["2024-03-05"] and cleaned.fields["author"] == ["王明"]
    # A prose line that the page title only starts with (no separator after it) is still text.
    lines = [f"{headline}，全力守护群众钱袋子-某某电子网", *MENU, *notice, headline, *PROSE]
    assert headline in clean("\n".join(lines)).body_text.split("\n")


def test_a_short_headline_the_page_title_starts_with_is_the_title() -> None:
    # dev 777d…: a poem's headline (too short to anchor the article), then its author line and a
    # preface line that reads as a headline too; the page title starts with the headline.
    poem = ["深夜看书须尽欢，", "明月照亮浊酒案。", "一杯美酒空对月，", "酌酒吟诗五千年。", PROSE[0]]
    lines = [
        "静夜思•夜-中国诗歌网",
        *MENU,
        "静夜思•夜",
        "作者：涅阳城 2020年01月12日18:32",
        "题记：",
        "己亥年腊月十六深夜看书小酌即兴所作",
        *poem,
    ]
    assert clean("\n".join(lines)).title == "静夜思•夜"
    # A line the page title merely starts with, no separator after it, is not named by it.
    lines = ["静夜思•夜深-中国诗歌网", *MENU, "静夜思•夜", "己亥年腊月十六深夜看书小酌即兴所作", *poem]
    assert clean("\n".join(lines)).title == "己亥年腊月十六深夜看书小酌即兴所作"


def test_a_headline_of_two_characters_is_the_title_when_the_page_title_names_it() -> None:
    # dev 9f4c…: a classical poem's page; its headline 夜雨 is too short for a title-like line, and
    # a label line (朝代：唐代) was taken instead.
    poem = ["我有所念人，隔在远远乡。", "我有所感事，结在深深肠。", PROSE[0], PROSE[1]]
    lines = [
        "夜雨_原文、翻译及赏析_白居易诗词_读古诗词网",
        *MENU,
        "夜雨",
        "朝代：唐代",
        "作者：白居易",
        "原文：",
        *poem,
    ]
    assert clean("\n".join(lines)).title == "夜雨"
    # The same two characters the page title does not start with name nothing.
    lines[0] = "白居易诗词_原文、翻译及赏析_读古诗词网"
    assert clean("\n".join(lines)).title != "夜雨"


def test_a_page_title_without_a_site_name_is_the_headline_when_no_line_repeats_it() -> None:
    # dev 7e99… (text dump): a WeChat post's <title> is its headline, printed nowhere else; the line
    # closest to the text is a banner's second line (庆“八一”双拥文艺汇演…).
    head = [
        "绥德：33名退役军人被表彰",
        "掌上绥德",
        "发表于",
        "绥德县举行",
        "庆“八一”双拥文艺汇演暨首届“最美退役军人”表彰大会",
    ]
    assert clean("\n".join([*head, *PROSE])).title == "绥德：33名退役军人被表彰"
    # With a site name after it, the page title's headline part is the headline all the same (a
    # platform's post whose dump prints no headline line: 在长沙摆摊…的第三年 - 今日头条).
    head[0] = "绥德：33名退役军人被表彰_掌上绥德"
    assert clean("\n".join([*head, *PROSE])).title == "绥德：33名退役军人被表彰"
    # A short first part names a section or a site, no article: the closest line stays the headline.
    head[0] = "工作动态_掌上绥德"
    assert clean("\n".join([*head, *PROSE])).title == "庆“八一”双拥文艺汇演暨首届“最美退役军人”表彰大会"


def test_an_entrys_sections_after_its_table_of_contents_are_the_article() -> None:
    # dev 2147… (a Baidu Baike entry): the lead, an info box, 目录 / 1历史沿革 / 2主要职责, then the
    # sections under those headings. The info box and the contents end the first block.
    infobox = ["中文名", "永州市公安局", "外文名", "Yongzhou Public Security Bureau", "所属地区"]
    infobox += ["湖南省永州市", "成立时间", "1984年", "机构性质", "政府机构", "上级单位", "湖南省公安厅"]
    infobox += ["办公地址", "永州市冷水滩区"]
    contents = ["目录", "1历史沿革", "2主要职责"]
    sections = ["历史沿革", PROSE[1], "主要职责", PROSE[2]]
    page = ["永州市公安局_百度百科", *MENU, "永州市公安局", PROSE[0], *infobox, *contents, *sections, *MENU]
    cleaned = clean("\n".join(page))
    assert cleaned.body_text.split("\n") == [PROSE[0], *infobox, *sections]
    assert [r.text for r in cleaned.removed if r.rule_id == "structure.contents"] == contents
    # Numbered lines after the article whose names stand as no heading below (a most-read list)
    # are no table of contents: the article ends where it did.
    most_read = ["1永州警方破获特大电诈案", "2零陵区开展夏夜治安巡查", "3道县交警整治酒驾"]
    page = ["永州市公安局_百度百科", *MENU, "永州市公安局", PROSE[0], *infobox, "排行", *most_read, *MENU]
    text = "\n".join(page)
    assert clean(text).body_text.split("\n") == [PROSE[0]]


def test_a_table_of_contents_inside_the_article_is_removed_its_sections_kept() -> None:
    contents = ["目录", "1历史沿革", "2主要职责"]
    sections = ["历史沿革", PROSE[1], "主要职责", PROSE[2]]
    cleaned = clean("\n".join([*MENU, "永州市公安局", PROSE[0], *contents, *sections, *MENU]))
    assert cleaned.body_text.split("\n") == [PROSE[0], *sections]
    # The contents found when a numbered line before them starts the count at 1 too.
    again = clean("\n".join([*MENU, "永州市公安局", PROSE[0], "1张图", *contents[1:], *sections, *MENU]))
    assert again.body_text.split("\n") == [PROSE[0], "1张图", *sections]
    # A numbered list whose items are no headings below stays in the text.
    steps = ["1提交申请材料", "2窗口受理审核"]
    listed = clean("\n".join([*MENU, "永州市公安局", PROSE[0], *steps, PROSE[1], *MENU]))
    assert listed.body_text.split("\n") == [PROSE[0], *steps, PROSE[1]]
