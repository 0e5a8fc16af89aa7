"""The twenty-first round's pages (December 8: the earlier sets' misses read again, and held-out
sets AV-AZ, measured before they were read): each shape a page lost, written afresh, with what each
rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out
from zharchive.stages import clean, extract

CASES: list[tuple[str, dict[str, Any]]] = []

RECORD_OVER = [
    "行政处罚决定书文号：泠市监罚〔2024〕57号",
    "案件名称：泠源某某食品商行经营超过保质期食品案",
    "被处罚单位名称：泠源某某食品商行",
    "统一社会信用代码：92430100MA4Q8K2X7B",
    "法定代表人（负责人）：周某某",
]
RECORD_TEXT = [
    "主要违法事实：2024年4月9日，我局执法人员对当事人经营场所进行检查，发现其货架上摆放的12袋速冻水饺已超过保质期，当事人不能提供进货查验记录。",
    "处罚依据：《中华人民共和国食品安全法》第一百二十四条第一款第（二）项",
    "处罚种类：警告、没收违法所得、罚款",
    "处罚结果：没收超过保质期食品12袋，并处罚款人民币伍仟元整",
]
RECORD_UNDER = ["作出处罚的机关名称：泠源市市场监督管理局", "作出处罚决定的日期：2024年5月8日"]


def penalty_page(
    *header: str,
    over: tuple[str, ...] = tuple(RECORD_OVER),
    under: tuple[str, ...] = tuple(RECORD_UNDER),
    footer: tuple[str, ...] = (),
) -> str:
    """A bureau's 行政处罚信息公示: its menu, the headline, ``header`` lines, the record printed a
    field a line (``over`` its longest field, the text, ``under`` it), then ``footer`` lines and the
    page's own footer."""
    return (
        "\n".join(
            [
                "泠源市市场监督管理局行政处罚信息公示（泠市监罚〔2024〕57号）-泠源市市场监督管理局",
                "泠源市市场监督管理局",
                "首页",
                "机构概况",
                "政务公开",
                "办事服务",
                "首页 > 政务公开 > 行政执法公示 > 行政处罚",
                "泠源市市场监督管理局行政处罚信息公示（泠市监罚〔2024〕57号）",
                *header,
                *over,
                *RECORD_TEXT,
                *under,
                *footer,
                "【打印】【关闭】",
                "上一篇：泠源市市场监督管理局行政处罚信息公示（泠市监罚〔2024〕56号）",
                "主办：泠源市市场监督管理局 地址：泠源市天心区芙蓉路18号",
                "湘ICP备12004567号 湘公网安备 43010302000123号 网站标识码：4301000012",
            ]
        )
        + "\n"
    )


CASES += [
    # A penalty's record printed a field a line (案件名称：… over 主要违法事实：…, 作出处罚决定的日期：…
    # under 处罚结果：…, set AS's 信息公示): every field is the text, over and under its longest.
    (
        penalty_page("发布时间：2024-05-10 09:30 信息来源：泠源市市场监督管理局"),
        {
            "in_body": [RECORD_OVER[0], RECORD_OVER[-1], RECORD_TEXT[-1], RECORD_UNDER[-1]],
            "date": "2024-05-10 09:30",
        },
    ),
    # (…not the page's own row of two fields over it, 公示日期：… 浏览次数：, set AK's penalty page…)
    (
        penalty_page("公示日期：2024-05-10　　浏览次数："),
        {"in_body": RECORD_OVER[0], "not_in_body": "浏览次数", "date": "2024-05-10"},
    ),
    # (…nor, under it, whom to call and where: a footer's labels.)
    (
        penalty_page(
            "发布时间：2024-05-10 09:30",
            under=(),
            footer=("单位地址：泠源市天心区芙蓉路18号",),
        ),
        {"in_body": RECORD_TEXT[-1], "not_in_body": "单位地址"},
    ),
    # (…nor fields over a text of paragraphs: its lines are no record's.)
    (
        penalty_page("发布时间：2024-05-10 09:30")
        .replace(RECORD_TEXT[1] + "\n", "")
        .replace(RECORD_TEXT[2] + "\n", "")
        .replace(
            RECORD_TEXT[3],
            "当事人的行为违反了《中华人民共和国食品安全法》的规定，我局依法对其作出警告、没收违法所得和罚款的行政处罚。\n"
            "当事人在法定期限内未申请行政复议，也未提起行政诉讼，本决定已履行完毕，现予以公示，接受社会监督。\n"
            "我局提醒广大经营者，应当建立并严格执行进货查验记录制度，定期检查库存食品，及时清理变质或者超过保质期的食品。",
        ),
        {"not_in_body": RECORD_OVER[0], "in_body": RECORD_TEXT[0]},
    ),
]


INFORMATION = [
    "索引号：11430100MB1234567X/2024-00123",
    "主题分类：市场监管",
    "成文日期：2024-05-08",
    "有效性：有效",
    "公开方式：主动公开",
    "所属专题：行政执法公示",
    "信息分类：行政处罚",
]
CASES += [
    # A disclosure's information block over the record (公开方式：主动公开 / 信息分类：行政处罚 under
    # 有效性：有效): the page's, not the record's, which is the text as before.
    (
        penalty_page(*INFORMATION),
        {"in_body": [RECORD_OVER[0], RECORD_TEXT[0]], "not_in_body": ["公开方式", "所属专题", "信息分类"]},
    ),
]


@pytest.mark.parametrize(
    ("fields", "taken"), [(clean.MIN_RECORD_LINES, True), (clean.MIN_RECORD_LINES - 1, False)]
)
def test_a_record_has_at_least_its_number_of_fields(fields: int, taken: bool) -> None:
    # (the text's four fields and as many over it as make ``fields``: its top field in or out)
    over = tuple(RECORD_OVER[len(RECORD_OVER) - (fields - len(RECORD_TEXT)) :])
    assert len(over) == fields - len(RECORD_TEXT) > 0
    page = penalty_page("发布时间：2024-05-10 09:30", over=over, under=())
    assert_page_comes_out(page, {"in_body": over[0]} if taken else {"not_in_body": over[0]})


@pytest.mark.parametrize(("page_text", "expected"), CASES)
def test_the_twenty_first_rounds_pages_come_out(page_text: str, expected: dict[str, Any]) -> None:
    assert_page_comes_out(page_text, expected)


HERITAGE = [
    "腊月将至，泠源山区的窑洞里，一把剪刀、一张红纸，在老人手中翻飞，不到十分钟，一幅窗花便跃然纸上。",
    "剪纸是泠源流传最广的民间艺术之一，全县目前共有剪纸类省级以上代表性传承人12名，传习所遍布各乡镇。",
]


def centre_page(first_line: str, headline: str = "指尖上的千年传承——走近泠源剪纸代表性传承人") -> str:
    """An old dump of a centre's, a brigade's or a bureau's site: ``first_line`` (its name, the
    page's title lost), the menu, the headline, its date, the text, the footer naming the site."""
    return (
        "\n".join(
            [
                first_line,
                "泠源非遗网",
                "首页",
                "非遗资讯",
                "非遗名录",
                "传承人",
                "非遗资讯 > 专题报道",
                headline,
                "2024-02-06 文：刘婉清",
                *HERITAGE,
                "责任编辑：高建伟",
                "微信扫一扫",
                f"版权所有：{first_line}",
            ]
        )
        + "\n"
    )


CASES += [
    # A site's name alone as the dump's first line, a centre's, a brigade's, a museum's, a ministry's
    # regional bureau's (泠源省非物质文化遗产保护中心, 泠源省消防救援总队, 泠源省博物馆, 自然资源部泠海局,
    # sets AX and AZ): the headline under the breadcrumb, not the name.
    *(
        (centre_page(name), {"title": "指尖上的千年传承——走近泠源剪纸代表性传承人"})
        for name in ("泠源省非物质文化遗产保护中心", "泠源省消防救援总队", "泠源省博物馆", "自然资源部泠海局")
    ),
    # (…a headline ending so, a verb in it, is a headline: a post's first line over no other.)
    (
        centre_page("泠源县打造区域非遗保护中心_泠源新闻网", headline="泠源县打造区域非遗保护中心"),
        {"title": "泠源县打造区域非遗保护中心"},
    ),
]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("泠源省非物质文化遗产保护中心", True),
        ("泠源市妇女儿童医疗中心", True),
        ("泠源省气象台", True),
        ("泠源省博物馆", True),
        ("中国气象局", True),
        ("自然资源部泠海局", True),
        ("泠源市住房和城乡建设局", True),
        ("泠源市城乡建设局（市水务局）", True),
        # (a headline's verb: 打造, 举办, 揭牌…, which no body's name holds)
        ("泠源市打造区域医疗中心", False),
        ("泠源县举办第三届非遗保护中心开放日", False),
        ("泠源市新建3个社区卫生服务中心", False),
    ],
)
def test_a_bodys_name_is_told_from_a_headline(text: str, named: bool) -> None:
    assert clean.names_a_body(text) is named


INTERVIEW = [
    "记者：您是从什么时候开始学刺绣的？",
    "传承人：我12岁就跟着母亲学了。那时候村里家家户户都刺绣，女孩子放学回家第一件事就是坐到绣绷前。",
    "记者：刺绣最难的是什么？",
    "传承人：最难的是劈丝。一根丝线要劈成两根、四根，最细的要分成几十分之一，比头发丝还细，绣猫的眼睛全靠它。",
    "记者：现在年轻人愿意学吗？",
    "传承人：比前几年多了。我工作室现在有15个学徒，大部分是“90后”“00后”，有的还是学设计的大学生。",
]


def interview_page(*under: str, headline: str = "【非遗对话】绣娘：“一根丝线要分成几十分之一”") -> str:
    """A heritage site's interview: the menu, the headline, its date, ``under`` lines, the turns."""
    return (
        "\n".join(
            [
                "泠源市非物质文化遗产保护中心",
                "泠源非遗网",
                "首页",
                "非遗对话",
                "传承人风采",
                headline,
                "2024-03-08 10:00",
                *under,
                *INTERVIEW,
                "责任编辑：沈悦",
                "更多对话",
                "泠源市非物质文化遗产保护中心 版权所有",
            ]
        )
        + "\n"
    )


CASES += [
    # An interview's first question over its answer (记者：…？ / 传承人：…, set AX's 非遗对话): the
    # text's first line, no headline and no reporter's credit; 采写：顾凌云 over it is the byline.
    (
        interview_page("采写：顾凌云"),
        {
            "first": INTERVIEW[0],
            "title": "【非遗对话】绣娘：“一根丝线要分成几十分之一”",
            "author": "顾凌云",
        },
    ),
    # (…a headline that asks, 赤潮是怎么形成的？, or whose speaker is no interviewer, is a headline.)
    (interview_page(headline="赤潮是怎么形成的？"), {"title": "赤潮是怎么形成的？"}),
    (
        interview_page(headline="专家：春季花粉过敏高发，如何预防？"),
        {"title": "专家：春季花粉过敏高发，如何预防？"},
    ),
    # (…and a reporter's credit is still one: 记者：周然 over the turns.)
    (interview_page("记者：周然"), {"author": "周然", "first": INTERVIEW[0]}),
]


PARTIES = [
    "当事人：泠源某某医药连锁有限公司某某店",
    "主体资格证照名称：营业执照",
    "统一社会信用代码：91430100MA5LXXXX2K",
    "住所（住址）：泠源市天心区某某路12号",
    "法定代表人（负责人、经营者）：韦某",
]
DECISION = [
    "2024年3月14日，本局执法人员对当事人经营场所进行检查，发现当事人货架上陈列销售的医用外科口罩已超过有效期，现场共查获该批次口罩26盒。",
    "本局认为，当事人经营过期医疗器械的行为，违反了《医疗器械监督管理条例》第五十五条的规定，依法决定没收过期口罩并处罚款人民币二万元。",
    "当事人如不服本行政处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。",
]


def decision_page(
    *over: str, headline: str = "泠源市市场监督管理局行政处罚决定书（泠市监处罚〔2024〕35号）"
) -> str:
    """A penalty decision's page whose page title is lost: the site's name, its menu, the headline,
    the date, ``over`` lines, the decision's paragraphs."""
    return (
        "\n".join(
            [
                "泠源市市场监督管理局",
                "无障碍",
                "首页 | 机构设置 | 政务公开 | 行政执法公示 | 办事服务",
                "当前位置：首页 > 行政执法公示 > 行政处罚",
                headline,
                "发布日期：2024-06-03　　　分享：",
                *over,
                *DECISION,
                "打印本页",
                "关闭窗口",
            ]
        )
        + "\n"
    )


CASES += [
    # A penalty decision's parties over its paragraphs (当事人：… / 法定代表人（负责人、经营者）：韦某,
    # set AZ): the text's first lines, and the headline the one over the date, not the last field.
    (
        decision_page(*PARTIES),
        {
            "first": PARTIES[0],
            "in_body": PARTIES[-1],
            "title": "泠源市市场监督管理局行政处罚决定书（泠市监处罚〔2024〕35号）",
        },
    ),
    # (…fields over paragraphs that name no party are not taken: 信息提供单位：… / 审核人：….)
    (
        decision_page("信息提供单位：执法稽查科", "审核人：周某某"),
        {"first": DECISION[0], "not_in_body": "信息提供单位"},
    ),
    # (…and a headline under the date, a column's name over it, is the headline: the line over the
    # date is taken only when all under it are fields.)
    (
        decision_page(headline="要闻动态").replace(
            "发布日期：2024-06-03　　　分享：\n",
            "发布日期：2024-06-03　　　分享：\n泠源市开展医疗器械质量安全专项检查\n",
        ),
        {"title": "泠源市开展医疗器械质量安全专项检查"},
    ),
]


QUALITY = [
    "5月份，全市共监测河湖断面152个，其中国考、省考断面21个，水质总体保持稳定，部分断面较上月有所改善。",
    "监测结果显示：Ⅱ类水质断面23个，占15.1%；Ⅲ类水质断面104个，占68.4%；无劣Ⅴ类断面。",
]


def cells_page(*labelled: str) -> str:
    """A water bureau's disclosure page: its information table a cell a line, ``labelled`` lines,
    the text."""
    cells = ["索引号", "014080478/2024-00218", "发布机构", "泠源市水务局", "公开方式", "主动公开"]
    cells += ["公开范围", "面向全社会", "文号", "无", "发布日期", "2024-06-12"]
    return (
        "\n".join(["泠源市水务局", "首页", "水务动态", "信息公开", *cells, *labelled, *QUALITY, "【关闭】"])
        + "\n"
    )


CASES += [
    # A disclosure's table names the title (标题：… under its cells, no line repeating it, set AZ):
    # the headline, not the last cell over the date (发布日期) nor a value (面向全社会).
    (cells_page("标题：泠源市2024年5月河湖水质通报"), {"title": "泠源市2024年5月河湖水质通报"}),
    # (…not a body's name the block calls 名称：, which is no headline.)
    (cells_page("名称：泠源市水务局"), {"not_title": "泠源市水务局"}),
]


def release_page(first_line: str, headline: str, *under: str) -> str:
    """A release whose dump opens with the site's name: the menu, ``headline``, ``under`` lines,
    the text."""
    return (
        "\n".join(
            [
                first_line,
                "首页",
                "新闻",
                "通告",
                "English",
                headline,
                *under,
                "消防处今日凌晨一时零六分接报，泠源路一幢住宅大厦十二楼一个单位发生火警，消防处即时派出消防车辆及救护车到场。",
                "消防人员到场后，发现单位内一个房间起火，火势猛烈，并有浓烟涌出走廊，消防人员开动一条喉灌救，火势于一小时后救熄。",
                "火警原因有待调查。",
            ]
        )
        + "\n"
    )


CASES += [
    # A government's press releases as the site's name (泠源特別行政區政府 新聞公報, set AZ): the
    # headline under the menu.
    (
        release_page(
            "泠源特別行政區政府 新聞公報", "消防處就泠源路一住宅單位火警作出回應", "*****************"
        ),
        {"title": "消防處就泠源路一住宅單位火警作出回應"},
    ),
    # (…a bulletin's headline ending so is a headline: 泠源市2023年国民经济和社会发展统计公报.)
    (
        release_page("泠源市2023年国民经济和社会发展统计公报", "泠源市2023年国民经济和社会发展统计公报"),
        {"title": "泠源市2023年国民经济和社会发展统计公报"},
    ),
    # A bureau's name with its other name in brackets (泠源市城乡建设局（市水务局）, set AZ).
    (
        release_page(
            "泠源市城乡建设局（市水务局）", "泠源市防汛抗旱指挥部办公室关于启动防汛Ⅳ级应急响应的通知"
        ),
        {"title": "泠源市防汛抗旱指挥部办公室关于启动防汛Ⅳ级应急响应的通知"},
    ),
    # A navigation notice's serial under its headline, no 号 after it (鄂泠航通（2024）0312, set AZ).
    (
        release_page(
            "中华人民共和国泠源海事局",
            "长江泠源段白沙洲大桥水域施工航行通告",
            "鄂泠航通（2024）0312",
            "发布时间：2024-03-12 11:47:18　　发布单位：泠源海事局",
        ),
        {"title": "长江泠源段白沙洲大桥水域施工航行通告"},
    ),
    # A video's caption repeating the headline's first part under its date (set AZ's 央视网 page):
    # the whole headline.
    (
        release_page(
            "泠源网",
            "泠源一隧道施工现场发生塌方 已致2人遇难",
            "2024年05月20日 21:40:12　来源：泠源新闻客户端",
            "视频加载中...",
            "泠源一隧道施工现场发生塌方",
        ),
        {"title": "泠源一隧道施工现场发生塌方 已致2人遇难"},
    ),
]


MARKETS = [
    "随着银行中报陆续披露，消费金融公司的上半年业绩也逐步浮出水面，行业分化进一步加剧，头部机构表现相对稳健。",
    "业内人士分析称，消费金融公司利润承压，主要原因是资产质量波动导致信用减值损失增加，同时行业利率下行压缩了息差空间。",
]


def markets_page(*header: str, page_title: str = "消费金融公司上半年业绩分化 多家净利润下滑|泠源财经") -> str:
    """A business site's story: ``page_title``, the menu, the headline, ``header`` lines, the text."""
    return (
        "\n".join(
            [
                page_title,
                "泠源财经",
                "首页",
                "快讯",
                "金融",
                "消费金融公司上半年业绩分化 多家净利润下滑",
                *header,
                *MARKETS,
                "责任编辑：宋烨珺",
            ]
        )
        + "\n"
    )


CASES += [
    # The site's own reporter, its name glued to the role (泠源财经记者 | 戴晓雯 on a page titled
    # …|泠源财经, set AV's 界面新闻): the site is the source.
    (
        markets_page("泠源财经记者 | 戴晓雯", "2024/08/29 16:47"),
        {"publisher": "泠源财经", "author": "戴晓雯"},
    ),
    # (…a paper's reporter on a portal's page is the paper's, which the portal reposts: no source
    # read from it, gne's qq page.)
    (markets_page("扬子晚报记者 | 戴晓雯", "2024/08/29 16:47"), {"not_publisher": "扬子晚报"}),
    # Where it was reported from, two places (记者 刘佳琪 周恒 上海、杭州报道, set AV): no writer.
    (
        markets_page("泠源经济报 记者 刘佳琪 周恒 上海、杭州报道", "2024-05-17 06:00"),
        {"author": "刘佳琪、周恒"},
    ),
    # A Taiwan paper's byline with no role word (工商財經報 王玉琪／台北報導, set AV): its writer
    # and its paper.
    (
        markets_page("泠源財經報 王玉琪／台北報導", "2024.04.10 18:42"),
        {"author": "王玉琪", "publisher": "泠源財經報"},
    ),
    # A bulletin's office and its day and hour in words, set apart by wide space (泠源省气象台
    # 2024年10月8日16时 under a page titled with the site's name alone, set AX): its publisher's row,
    # no headline.
    (
        markets_page("泠源省气象台　　　2024年10月8日16时", page_title="泠源省气象局"),
        {
            "title": "消费金融公司上半年业绩分化 多家净利润下滑",
            "publisher": "泠源省气象台",
            "date": "2024-10-08 16:00",
        },
    ),
]


CLIMB = [
    "到过高原的朋友可能有过这样的经历：水壶里的水“咕嘟咕嘟”沸腾了，可泡出来的方便面却总是夹生的。这是怎么回事呢？",
    "原来，水的沸点与气压有关。海拔越高，气压越低，水的沸点也就越低，在海拔4000米的地方，水烧到大约87℃就开了。",
]


def science_page(*lines: str, under: tuple[str, ...] = ()) -> str:
    """A science site's feature: the menu, the headline, the byline and time, ``lines``, the text,
    ``under`` it."""
    return (
        "\n".join(
            [
                "为什么高原上水烧不“开”？-泠源科普",
                "泠源科普",
                "首页",
                "科普文章",
                "为什么高原上水烧不“开”？",
                "文 / 刘鹏飞  2024-02-18 09:45",
                *lines,
                *CLIMB,
                *under,
                "扫码关注我们",
            ]
        )
        + "\n"
    )


CASES += [
    # Who produced it, beside its editor over the text (出品：泠源科普博览 | 责任编辑：孙倩, set AX): the
    # page's credits (credit.producer), its source. (This short page came out so before the rule
    # too; set AX's longer one took the line into its text.)
    (
        science_page("出品：泠源科普博览 | 责任编辑：孙倩"),
        {"not_in_body": "出品", "publisher": "泠源科普博览", "editors": ["孙倩"]},
    ),
    # A labelled row's aside in brackets under the text (出诊时间：周二上午（治未病中心）, set AX's
    # expert box): no closing source…
    (science_page(under=("出诊时间：周二上午、周四全天（治未病中心）",)), {"publisher": None}),
    # (…a department's bracket after the last sentence still is one.)
    (science_page(under=("欢迎广大市民关注。（泠源市科协科普部）",)), {"publisher": "泠源市科协科普部"}),
]


def wire_page(under: str, *header: str) -> str:
    """A wire's release: the menu, the headline, ``under`` it, the date, ``header`` lines, the text."""
    return (
        "\n".join(
            [
                "泠源医药宣布完成超5亿元C轮融资-泠源通讯社",
                "泠源通讯社",
                "首页",
                "泠源医药宣布完成超5亿元C轮融资",
                under,
                "2024-10-22 09:00",
                *header,
                "上海2024年10月22日 /泠源通讯社/ -- 创新药企业泠源医药今日宣布完成超5亿元人民币C轮融资。",
                "本轮融资将主要用于公司核心产品的全球多中心III期临床试验，以及早期管线的推进。",
            ]
        )
        + "\n"
    )


# Han characters a line under the headline may have and still be an account's name over the date.
DEK = "加速创新药全球临床开发项目"


@pytest.mark.parametrize(("chars", "signs"), [(extract.DEK_MIN_HAN - 1, True), (extract.DEK_MIN_HAN, False)])
def test_a_line_under_the_headline_this_long_is_its_dek_not_an_account(chars: int, signs: bool) -> None:
    # (加速创新药全球临床开发 over a wire release's date, set AV: no writer)
    under = DEK[:chars]
    assert len(under) == chars
    assert_page_comes_out(wire_page(under), {"author": under} if signs else {"not_author": under})


CASES += [
    # A ministry's department signing as the writer (作者：综合规划司, set AZ): no person.
    (wire_page("来源：泠源部　作者：综合规划司"), {"author": None}),
]


SNOW = [
    "受冷空气影响，12月15日，泠源山风景区迎来今冬首场雾凇景观，山上树木银装素裹，宛如童话世界。",
    "泠源山风景区提醒广大游客：冬季山上气温低，部分路段有结冰，请注意防寒保暖和出行安全。",
]
GALLERY = ["光明顶雾凇（胡晓春 摄）", "始信峰云海日出（胡晓春 摄）", "大熊猫在采食竹笋（研究团队供图）"]


def scenic_page(*under: str) -> str:
    """A scenic area's news: the menu, the headline, its date and source, the text, ``under`` it,
    the editor and the site's weather box."""
    return (
        "\n".join(
            [
                "泠源山风景区迎来今冬首场雾凇-泠源山风景区",
                "首页",
                "新闻资讯",
                "泠源山风景区迎来今冬首场雾凇 云海日出同框",
                "2024-12-16 08:42",
                "来源：泠源山风景区管委会  文：汪钰  图：胡晓春",
                *SNOW,
                *under,
                "编辑：方敏",
                "泠源山今日天气",
                "晴 -6℃~3℃ 西北风3级",
            ]
        )
        + "\n"
    )


CASES += [
    # A gallery's captions under the text, who took each in brackets (光明顶雾凇（胡晓春 摄）,
    # （研究团队供图）, set AX): the text's.
    (scenic_page(*GALLERY), {"in_body": GALLERY, "editors": ["方敏"]}),
    # (…not a weather box's line under the editor's credit, nor the credit itself.)
    (scenic_page(*GALLERY[:1]), {"last": GALLERY[0], "not_in_body": ["方敏", "西北风"]}),
]


BOOKS = [
    "为进一步加强古籍保护工作，经国务院同意，文化和旅游部决定开展第七批《国家珍贵古籍名录》评审工作。",
    "各省级古籍保护中心负责组织本地区申报工作，申报材料须于8月31日前报送国家古籍保护中心。",
]


def library_page(*under: str) -> str:
    """A library's notice: the menu, the headline, its date, the text, ``under`` it, a related box."""
    lines = [
        "泠源图书馆",
        "首页",
        "通知公告",
        "关于开展第七批《国家珍贵古籍名录》申报工作的通知",
        "2024-06-18",
    ]
    return (
        "\n".join([*lines, *BOOKS, *under, "相关链接", "第六批《国家珍贵古籍名录》公布", "主办：泠源图书馆"])
        + "\n"
    )


CASES += [
    # A notice's attachments listed under its text, no signature after them (附件： / 1.…申报表 /
    # 2.…, set AX): the document's own.
    (
        library_page("附件：", "1.第七批《国家珍贵古籍名录》申报表", "2.全国古籍重点保护单位申报表"),
        {"last": "2.全国古籍重点保护单位申报表"},
    ),
    # (…a download box's files are not: 1.…名单.pdf, 2.…办法.docx.)
    (
        library_page("附件：", "1.第七批《国家珍贵古籍名录》申报表.pdf", "2.申报工作说明.docx"),
        {"last": BOOKS[-1]},
    ),
]

TOWNS = [
    "区镇　监测断面数　达标断面数　达标率",
    "玉溪镇　28　26　92.9%",
    "泠水镇　17　17　100%",
    "周庄镇　15　13　86.7%",
]

CASES += [
    # A bulletin's table under its caption after 附表：, its cells parted by a wide space (区镇　监测
    # 断面数　… / 玉溪镇　28　26　92.9%, set AZ): the text's.
    (
        cells_page("标题：泠源市2024年5月河湖水质通报").replace(
            QUALITY[-1], "\n".join([QUALITY[-1], "附表：2024年5月各区镇河湖断面水质达标情况", *TOWNS])
        ),
        {"last": TOWNS[-1]},
    ),
    # (…a footer's row of words parted so under the text is no table: 网站地图　联系我们　使用帮助.)
    (
        cells_page("标题：泠源市2024年5月河湖水质通报").replace(
            QUALITY[-1],
            "\n".join(
                [QUALITY[-1], "网站地图　联系我们　使用帮助", "主办：泠源市水务局　承办：泠源市水务局办公室"]
            ),
        ),
        {"last": QUALITY[-1]},
    ),
]

CASES += [
    # A Hong Kong release's day under its headline, the day again under its text over 香港時間18時30分
    # (set AX's 衛生防護中心): the date to the minute.
    (
        release_page(
            "泠源特別行政區政府 新聞公報",
            "衞生防護中心呼籲市民注意登革熱預防",
            "2024年8月2日（星期五）",
        ).replace(
            "火警原因有待调查。\n", "火警原因有待调查。\n完\n2024年8月2日（星期五）\n香港時間18時30分\n"
        ),
        {"date": "2024-08-02 18:30"},
    ),
    # (…a clock under another day is not the release's.)
    (
        release_page(
            "泠源特別行政區政府 新聞公報",
            "衞生防護中心呼籲市民注意登革熱預防",
            "2024年8月2日（星期五）",
        ).replace(
            "火警原因有待调查。\n", "火警原因有待调查。\n完\n2024年8月1日（星期四）\n香港時間18時30分\n"
        ),
        {"date": "2024-08-02 00:00"},
    ),
]

CASES += [
    # A magazine's publication and update rows, each label parted from its day by a bar (發布時間｜… /
    # 更新時間｜…, set AW's Taiwan weekly): the publication's.
    (
        markets_page("文｜鄭進耀", "發布時間｜2023.10.17 14:03", "更新時間｜2023.10.17 18:20"),
        {"date": "2023-10-17 14:03"},
    ),
]


def daily_page(*under: str, byline: str = "") -> str:
    """A Malaysian daily's story: the page title, the masthead, the headline, ``byline``, the date,
    the text, ``under`` it, the editor and the related box."""
    head = [
        "八打灵商场停车场起火 消防员半小时扑灭 | 泠源日报",
        "泠源日报",
        "八打灵商场停车场起火 消防员半小时扑灭",
    ]
    text = [
        "（八打灵再也6日讯）八打灵再也一家商场地下停车场今日下午发生火患，一辆轿车被烧毁，所幸无人受伤。",
        "消防局发言人说，该局于下午2时15分接获报案后，立即派出15名消防员到场，火势在半小时内被扑灭。",
    ]
    lines = [
        *head,
        *([byline] if byline else []),
        "06/03/2024 15:22",
        *text,
        *under,
        "编辑：陈美玲",
        "相关新闻",
    ]
    return "\n".join(lines) + "\n"


CASES += [
    # A paper's end tag alone under its text ((泠源日报), set AW's Malaysian daily): its source.
    (daily_page("（泠源日报）"), {"publisher": "泠源日报", "author": None}),
    # (…a writer's name so is a byline, as before: (陈志明).)
    (daily_page("（陈志明）"), {"author": "陈志明"}),
    # The outlet in the byline slot after an English By (By 泠源日报, set AW): the outlet's name.
    (daily_page(byline="By 泠源日报"), {"publisher": "泠源日报"}),
]


RAIL = [
    "台灣高鐵公司今天宣布，春節疏運期間將加開班次，單日最高可達156班，預計提供座位數較去年增加約一成。",
    "高鐵公司表示，為加速進出站，各站將增設臨時售票窗口，旅客若有大型行李，請事先預約行李置放空間。",
]


def taiwan_page(byline: str, last: str = RAIL[-1]) -> str:
    """A Taiwan news site's story: the page title, the menu, the headline, ``byline``, the time, the
    text ending with ``last``, the related box."""
    lines = [
        "高鐵春節疏運加開班次 單日最高156班 - 泠源新聞網",
        "泠源新聞網",
        "即時",
        "生活",
        "高鐵春節疏運加開班次 單日最高156班",
    ]
    return (
        "\n".join([*lines, byline, "2025/01/06 15:20", RAIL[0], last, "延伸閱讀", "北市公車調整路線"]) + "\n"
    )


CASES += [
    # A Taiwan paper's byline with no role word, a desk or not before it (許似蓁 花蓮報導,
    # 生活中心／李明融報導, 綜合報導 / 林佳蓉 桃園報導, set AW): its writer.
    *(
        (taiwan_page(byline), {"author": name})
        for byline, name in (
            ("許似蓁 花蓮報導", "許似蓁"),
            ("生活中心／李明融報導", "李明融"),
            ("綜合報導 / 林佳蓉 桃園報導", "林佳蓉"),
        )
    ),
    # (…a desk's word alone is no writer: 綜合報導.)
    (taiwan_page("綜合報導"), {"author": None}),
    # A wire's editor at its last paragraph's end, then the day's code (…（編輯：陳清芳）1140106, set
    # AW's CNA pages): the editor, the paragraph kept.
    (
        taiwan_page("中央社記者汪淑芬台北6日電", last=RAIL[-1] + "（編輯：陳清芳）1140106"),
        {"editors": ["陳清芳"], "in_body": "（編輯：陳清芳）1140106"},
    ),
]


def macau_page(*header: str, page_title: str = "泠源特別行政區政府入口網站 - 新聞") -> str:
    """A government portal's release: ``page_title``, its menu, ``header`` lines (headline and what
    follows it), the text."""
    text = [
        "治安警察局近期接獲多宗市民舉報，指收到自稱政府人員的來電，要求提供銀行帳戶資料，警方呼籲市民提高警覺。",
        "警方強調，政府部門不會透過電話要求市民轉帳或提供網上銀行密碼，如有懷疑應立即致電報案熱線查詢。",
    ]
    return (
        "\n".join(
            [
                page_title,
                "泠源特別行政區政府",
                "入口網站",
                "政府新聞",
                "首頁 > 新聞",
                *header,
                *text,
                "延伸閱讀",
            ]
        )
        + "\n"
    )


CASES += [
    # The body the headline opens with, under it and over the date (治安警察局 / 2024-07-15 17:32 under
    # 治安警察局提醒市民提防…, set AW's Macau release): the headline is the line over it.
    (
        macau_page("治安警察局提醒市民提防假冒政府人員電話詐騙", "治安警察局", "2024-07-15 17:32"),
        {"title": "治安警察局提醒市民提防假冒政府人員電話詐騙"},
    ),
    # (…a short headline under its kicker, which it does not open, is the headline: 百年氣象台.)
    (macau_page("探訪泠源百年老建築系列報道之三", "百年氣象台", "2024-07-15 17:32"), {"title": "百年氣象台"}),
    # A Taiwan reporter's byline with its place after a full-width slash (記者李金生／金城報導, set AW):
    # no headline, the writer.
    (
        macau_page(
            "小三通春節加開航班 金廈往返增至每日40航次", "記者李金生／金城報導", "發布日期：2024/02/05"
        ),
        {"title": "小三通春節加開航班 金廈往返增至每日40航次", "author": "李金生"},
    ),
    # A short site's name first in the page title, the headline its other part under it (正報 over
    # …, titled 正報｜澳門新聞 - …, set AW): the headline.
    (
        macau_page(
            "正報",
            "澳門新聞",
            "治安警察局提醒市民提防假冒政府人員電話詐騙",
            "2023-12-04 星期一",
            page_title="正報｜澳門新聞 - 治安警察局提醒市民提防假冒政府人員電話詐騙",
        ),
        {"title": "治安警察局提醒市民提防假冒政府人員電話詐騙"},
    ),
]

CASES += [
    # The same rows parted by 丨 (U+4E28, a bar that is a Han character, the twenty-fourth review's
    # page): the publication's time, and no label read as the page's account.
    (
        markets_page("文｜鄭進耀", "發布時間丨2023.10.17 14:03", "更新時間丨2023.10.17 18:20"),
        {"date": "2023-10-17 14:03", "publisher": None},
    ),
    # A Hong Kong release's clock in words with its half of the day (香港時間下午6時30分).
    (
        release_page(
            "泠源特別行政區政府 新聞公報",
            "衞生防護中心呼籲市民注意登革熱預防",
            "2024年8月2日（星期五）",
        ).replace(
            "火警原因有待调查。\n", "火警原因有待调查。\n完\n2024年8月2日（星期五）\n香港時間下午6時30分\n"
        ),
        {"date": "2024-08-02 18:30"},
    ),
    # The outlet after By and a colon (By: 泠源日报).
    (daily_page(byline="By: 泠源日报"), {"publisher": "泠源日报"}),
]

CASES += [
    # An interview's first question closing a quote (记者：“…？”, the twenty-third review's page).
    (
        interview_page().replace(INTERVIEW[0], "记者：“您是从什么时候开始学刺绣的？”"),
        {"first": "记者：“您是从什么时候开始学刺绣的？”"},
    ),
]

CASES += [
    # (…a last paragraph longer than the metadata stage's head of a line: the credit in its tail.)
    (
        taiwan_page("中央社記者汪淑芬台北6日電", last=RAIL[-1] * 4 + "（編輯：陳清芳）1140106"),
        {"editors": ["陳清芳"]},
    ),
]
