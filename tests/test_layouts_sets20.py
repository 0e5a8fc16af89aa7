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


def procurement_page(*notice: str) -> str:
    """A county bureau's procurement result: the headline, the ``notice``'s lines, its date under them."""
    return (
        "\n".join(
            [
                "泠源县水利局2024年防汛应急物资采购项目成交公告",
                "泠源县水利局",
                "首页 机构概况 水利要闻 政务公开 防汛抗旱 办事服务",
                "当前位置：首页 > 政务公开 > 采购信息",
                "泠源县水利局2024年防汛应急物资采购项目成交公告",
                *notice,
                "发布时间：2024-05-28 17:03",
                "上一篇：泠源县2024年小型水库除险加固工程招标公告",
                "版权所有：泠源县水利局",
                "湘ICP备12009174号",
            ]
        )
        + "\n"
    )


RESULT = [
    "一、项目编号：LYSL-2024-CG-006",
    "二、项目名称：泠源县水利局2024年防汛应急物资采购项目",
    "三、采购方式：竞争性谈判",
    "四、成交信息",
    "成交供应商名称：泠源应急装备有限公司",
    "成交金额：人民币柒拾捌万陆仟肆佰元整（¥786,400.00）",
    "五、主要标的信息",
    "序号 名称 规格型号 数量 单价（元）",
    "1 编织袋 95cm×55cm 100000条 1.20",
    "2 救生衣 成人款 船用 2000件 96.00",
    "3 冲锋舟 5.2米铝合金 4艘 52600.00",
    "六、公告期限：自本公告发布之日起1个工作日。",
]
CONTACTS = [
    "七、联系方式",
    "采购人：泠源县水利局 联系人：毛先生 电话：0730-6222457",
    "采购代理机构：泠源一诺工程咨询有限公司 联系人：李女士 电话：0730-8861235",
]
REPORT = [
    "今年以来，全县上下坚持稳中求进工作总基调，全力以赴抓项目、促投资、稳增长，经济运行实现良好开局。",
    "一、工业生产稳中有升",
    "1-2月份，全县规模以上工业增加值同比增长6.8%，高于全市平均水平1.2个百分点，生物医药行业增长较快。",
    "二、固定资产投资较快增长",
    "1-2月份，全县固定资产投资同比增长11.3%。其中，项目投资增长14.6%，房地产开发投资下降5.2%。",
    "三、主要指标完成情况",
    "指标名称",
    "绝对值（亿元）",
    "同比增长（%）",
    "规模以上工业增加值",
    "—",
    "6.8",
    "固定资产投资",
    "42.7",
    "11.3",
    "注：规模以上工业增加值不公布绝对值；部分数据为快报数，以年报为准。",
]

CASES += [
    # A notice made of its outline's sections in order (一、项目编号：… / … / 六、公告期限：…, set AS's
    # procurement results): label lines and table rows, one sentence among them; the whole outline
    # is the text, and the section on whom to ask with its contacts under it (七、联系方式 / 采购人：…).
    (
        procurement_page(*RESULT, *CONTACTS),
        {"first": RESULT[0], "last": CONTACTS[-1], "in_body": "2 救生衣", "date": "2024-05-28 17:03"},
    ),
    # (…sections numbered out of turn are no outline: 一、 then 三、 and 五、, a list of links' shape.)
    (
        procurement_page(*RESULT)
        .replace("二、项目名称", "三、项目名称")
        .replace("三、采购方式", "五、采购方式"),
        {"not_in_body": "一、项目编号"},
    ),
    # (…and a last section on something else keeps its label lines out: 七、其他事项 over 地址：….)
    (
        procurement_page(*RESULT, "七、其他事项", "地址：泠源县汉昌镇天岳大道88号"),
        {"not_in_body": "地址："},
    ),
    # A report whose last section heading closes its block, its table a cell a line and a note under
    # it (三、主要指标完成情况 / 指标名称 / … / 注：…, set AG's statistics): the table is the text's.
    (
        procurement_page(*REPORT).replace("成交公告", "经济运行情况"),
        {"first": "今年以来", "last": "注：规模以上工业增加值", "in_body": "42.7"},
    ),
]

GRAPHIC = [
    "一、降低制度性交易成本",
    "企业开办全程网上办，1个环节、0.5天办结",
    "工程建设项目审批时间压缩至50个工作日以内",
    "二、降低用能用地成本",
    "对中小微企业宽带和专线平均资费再降10%",
    "工业用地可按不低于基准地价的70%确定出让底价",
    "三、降低人力成本",
    "阶段性降低失业保险、工伤保险费率政策延续实施",
    "吸纳高校毕业生就业给予一次性扩岗补助每人1500元",
]

CASES += [
    # An infographic's text, its outline with no prose (一、… / two measures / … / 三、降低人力成本 /
    # its two measures, set AP's 一图读懂): the last section's lines too, as many as the shortest one's.
    (
        procurement_page(*GRAPHIC, "政策原文：泠源市人民政府办公厅关于印发若干措施的通知"),
        {"first": GRAPHIC[0], "last": GRAPHIC[-1], "not_in_body": "政策原文"},
    ),
]


def utility_page(page_title: str, headline: str, *menu: str) -> str:
    """A utility's notice: ``page_title``, its masthead, ``menu``, ``headline``, its date line, text."""
    return (
        "\n".join(
            [
                page_title,
                page_title.split("-")[0],
                *menu,
                "首頁 > 停復水資訊 > 停水公告",
                headline,
                "時間：2024年6月11日 來源：第十一區管理處",
                "為辦理送水管汰換工程，下列地區將於6月13日22時起至6月14日6時止停止供水，計8小時，請用戶預先儲水備用。",
                "停水期間請關閉水龍頭，以免恢復供水時發生溢水；恢復供水初期水質可能混濁，請稍待片刻即可恢復正常。",
                "版權所有",
            ]
        )
        + "\n"
    )


MENU = ["網站導覽", "首頁", "關於台水", "最新消息", "停復水資訊", "水質資訊", "線上服務"]

CASES += [
    # A headline opening with a span of days (2024年6月13日至6月19日计划停电公告, set AS's power cuts):
    # a headline, not a date line whose rest names the outlet.
    (
        utility_page("泠源自來水公司-停水公告", "2024年6月13日至6月19日計劃停水公告", *MENU),
        {"title": "2024年6月13日至6月19日計劃停水公告", "date": "2024-06-11"},
    ),
    # A firm's name as its masthead, the page title's first part, over a menu's length of lines
    # (台灣自來水公司 under 台灣自來水公司-停水公告, set AS): the headline is the one over the text.
    (
        utility_page("泠源自來水公司-停水公告", "和美鎮部分地區停水公告", *MENU),
        {"title": "和美鎮部分地區停水公告"},
    ),
    # (…a headline ending as a firm's name, the page title's headline, stays one.)
    (
        utility_page("泠源港務集團-泠源國資委", "泠源港務集團", "首頁 國資動態"),
        {"title": "泠源港務集團"},
    ),
]


LETTER = [
    "尊敬的家长：",
    "　　您好！暑假即将来临，为了让孩子度过一个安全、快乐、有意义的假期，请您在假期中配合学校做好以下工作：",
    "　　1.严防溺水。教育孩子不私自下水游泳，不擅自与同学结伴游泳，不到无安全设施的水域游泳。",
    "　　2.注意交通安全。不满12周岁的儿童不骑自行车上路，不乘坐无牌无证车辆和超载车辆。",
    "　　孩子的安全牵动着千家万户，请您切实履行监护职责。谢谢您的配合！",
    "泠源镇中心学校",
    "二〇一三年六月二十八日",
]


def school_page(first_line: str, *header: str) -> str:
    """An old school site's page: ``first_line`` (its name, no <title>), its menu, the headline,
    ``header`` lines, the letter with its signature, the footer."""
    return (
        "\n".join(
            [
                first_line,
                "首页 学校简介 新闻动态 通知公告 教学教研 安全教育 德育园地 教师风采",
                "当前位置：首页 >> 安全教育",
                "致家长的一封信（暑期安全）",
                *header,
                *LETTER,
                "【打印】【关闭】",
                "版权所有：弋阳县泠源镇中心学校",
            ]
        )
        + "\n"
    )


CASES += [
    # An old site whose dump starts with its name alone (弋阳县曹溪镇中心学校, 海城市妇女联合会, set
    # AU): no headline, and the letter's signature, a share of that name, anchors nothing; the letter
    # is the text.
    (
        school_page("弋阳县泠源镇中心学校", "发布：教导处　时间：2013-6-28　访问："),
        {"title": "致家长的一封信（暑期安全）", "first": "尊敬的家长", "last": "二〇一三年六月二十八日"},
    ),
    (school_page("海城市妇女联合会", "发布时间：2014-3-10"), {"title": "致家长的一封信（暑期安全）"}),
    # A slash's byline alone between the date line and the text (文/图 李静, set AU's library): no
    # headline, and its name writes the piece; [我要纠错] there is a button.
    (
        school_page("泠源县图书馆", "时间：2016年4月23日　来源：县图书馆", "文/图 李静", "[我要纠错]"),
        {"title": "致家长的一封信（暑期安全）", "author": "李静", "not_in_body": "纠错"},
    ),
    # (…a first line that holds the headline is still the page title it was.)
    (
        school_page("致家长的一封信（暑期安全）_泠源镇中心学校", "时间：2013-6-28"),
        {"title": "致家长的一封信（暑期安全）", "first": "尊敬的家长"},
    ),
    # An old portal's greeting and its breadcrumb without 当前 (孔城镇人民政府欢迎您！ / 位置：首页 -
    # 政务动态, set AU): the site's lines, not the headline or the text.
    (
        school_page(
            "泠源镇人民政府", "泠源镇人民政府欢迎您！", "位置：首页 - 政务动态", "发布日期：2015年3月5日"
        ),
        {"title": "致家长的一封信（暑期安全）", "first": "尊敬的家长"},
    ),
]


LIVE = [
    "今晚，台盘村“六月六”吃新节篮球赛总决赛在村篮球场打响，泠源县融媒体中心全程图文直播，敬请关注。",
    "【22:16】比赛结束！台盘一队以86比79战胜施洞队，夺得本届冠军！全场观众起立欢呼。",
    "【22:05】第四节最后两分钟，双方比分咬得很紧，台盘一队领先3分。",
]


def client_page(*header: str, text: tuple[str, ...] = tuple(LIVE)) -> str:
    """A county media centre's page: its app's header, the headline, ``header`` lines, ``text``."""
    return (
        "\n".join(
            [
                "图文直播｜台盘村篮球赛总决赛_泠源县融媒体中心",
                "泠源县融媒体中心",
                "首页 新闻 视频 直播 专题",
                "当前位置：首页 > 直播",
                "图文直播｜台盘村篮球赛总决赛",
                *header,
                *text,
                "网友留言",
                "下载泠源客户端",
            ]
        )
        + "\n"
    )


CASES += [
    # A live-text page's 直播时间 on its own line right under the headline (set AQ's two live pages):
    # its only time of its own, the page's date.
    (
        client_page("直播时间：2024-07-10 19:30", "来源：泠源县融媒体中心", "直播记者：潘林 杨秀英"),
        {"date": "2024-07-10 19:30", "publisher": "泠源县融媒体中心"},
    ),
    # (…other events' times there are still no page's: 报名时间：….)
    (client_page("报名时间：2024-07-10 19:30", "来源：泠源县融媒体中心"), {"date": None}),
    # An outlet before a day and a clock with no year right under the headline (铅山县融媒体中心 03-18
    # 09:12, a client's share page, set AQ): the outlet is the publisher, the day no date.
    (
        client_page("泠源县融媒体中心 03-18 09:12", "阅读 1.3万"),
        {"publisher": "泠源县融媒体中心", "date": None},
    ),
    # (…but the word after such a clock is a platform's, not the publisher: 09-30 22:46泠源软媒…公司.)
    (client_page("发布时间：09-30 22:46泠源软媒网络科技有限公司"), {"publisher": None}),
]

TENDER = [
    "1. 招标条件",
    "本招标项目泠源街道洋河路改造工程已由泠源区发展和改革局批准建设，项目业主为泠源街道办事处，资金已落实。",
    "2. 发布公告的媒介",
    "本次招标公告同时在省公共资源交易网、市公共资源交易中心网站上发布。",
]
TENDER_CONTACTS = [
    "招标人：泠源街道办事处",
    "联系人：王先生",
    "招标代理机构：泠源中正工程咨询有限公司",
    "联系人：陈工",
]

CASES += [
    # A section on whom to ask numbered in digits, under the text's last sentence (7. 联系方式 / 招标人：… /
    # 联系人：…, set AS's tender notice): the section is the text's.
    (
        procurement_page(*TENDER, "3. 联系方式", *TENDER_CONTACTS),
        {"first": "1. 招标条件", "last": "联系人：陈工"},
    ),
    # (…an unnumbered 联系方式 under the text is the site's box: left out as before.)
    (procurement_page(*TENDER, "联系方式", *TENDER_CONTACTS), {"not_in_body": "联系人：王先生"}),
    # A tender's supervising body among its parties over its day (监督部门：…纪检组 联系电话：…, set AS).
    (
        procurement_page(
            *TENDER,
            "招标人：泠源县农业农村局 联系电话：0538-5621037",
            "监督部门：泠源县农业农村局纪检组 联系电话：0538-5621110",
            "2024年3月19日",
        ),
        {"last": "2024年3月19日"},
    ),
]

CASES += [
    # An old CMS's meta line (作者：招生办　更新时间：… 来源：本站原创): an office writes nothing, and
    # 更新 of the next label is no name (set AU).
    (
        school_page("泠源县职业中专学校", "作者：招生办　更新时间：2014-5-20　来源：本站原创　人气："),
        {"author": None, "date": "2014-05-20"},
    ),
    (school_page("泠源县职业中专学校", "作者：张三　更新时间：2014-5-20"), {"author": "张三"}),
    # (…a county bureau's section: 作者：基教股.)
    (school_page("泠源县教育局", "作者：基教股　发布时间：2010-7-2 9:41:27"), {"author": None}),
    # A Taiwan township's notice line (公告日期：103/03/05　發布單位：社會課　點閱：, set AU): its day and
    # the section that posts it.
    (
        school_page("苗栗縣泠源鄉公所", "公告日期：103/03/05　發布單位：社會課　點閱："),
        {"date": "2014-03-05", "publisher": "社會課"},
    ),
    # The CMS's account as the editor (责任编辑：管理员, set AU): no person.
    (school_page("泠源县环保局", "发布时间：2014-10-15", "责任编辑：管理员"), {"editors": []}),
    (school_page("泠源县环保局", "发布时间：2014-10-15", "责任编辑：王莹"), {"editors": ["王莹"]}),
    # A closing byline with what its name did (（彭涛 文/图）, set AU): the writer.
    (
        school_page("泠源县人民政府", "发布时间：2008-02-01").replace(
            "二〇一三年六月二十八日", "（彭涛 文/图）"
        ),
        {"author": "彭涛"},
    ),
    (
        school_page("泠源县人民政府", "发布时间：2008-02-01").replace(
            "二〇一三年六月二十八日", "（彭涛 摄）"
        ),
        {"author": None},
    ),
]

CASES += [
    # A WeChat post dumped with its headline first and the header's relative stamp under it (金桥街道
    # 江岸金桥 前天 18:02 湖北, set AS): the first line is the headline, the stamp is none.
    (
        "\n".join(
            [
                "停电通知｜6月15日泠源街道部分区域计划停电",
                "泠源街道 江岸泠源 前天 18:02 湖北",
                *TENDER[1::2],
                "编辑：小新",
            ]
        )
        + "\n",
        {"title": "停电通知｜6月15日泠源街道部分区域计划停电"},
    ),
    # (…a headline holding a clock is one: 今天18:00起 泠源大桥封闭施工.)
    (
        "\n".join(["今天 18:00起泠源大桥封闭施工", "泠源交警 2024-06-12 10:20", *TENDER[1::2], "编辑：小新"])
        + "\n",
        {"title": "今天 18:00起泠源大桥封闭施工"},
    ),
    # A customs office signs its decision (黄埔海关 / 二〇二四年七月三十日, set AS): the text's close.
    (
        procurement_page(*TENDER, "泠源海关", "二〇二四年七月三十日"),
        {"last": "二〇二四年七月三十日"},
    ),
]

CASES += [
    # A notice's own line of whom to call, its matter before the label (录取咨询电话：…, 手足口病咨询
    # 电话：… closing an old bureau's notices, set AU): the text's last line, with no signature.
    (
        school_page("泠源县招生考试中心", "发布时间：2014-07-21").replace(
            "泠源镇中心学校\n二〇一三年六月二十八日\n", "　　录取咨询电话：0354-3022811\n"
        ),
        {"last": "录取咨询电话"},
    ),
    (
        school_page("泠源县疾控中心", "发布时间：2014-07-21").replace(
            "泠源镇中心学校\n二〇一三年六月二十八日\n", "手足口病咨询电话：0745-4223052\n"
        ),
        {"last": "手足口病咨询电话"},
    ),
    # (…the site's own service line in its footer is not: 网站服务咨询电话：….)
    (
        school_page("泠源县疾控中心", "发布时间：2014-07-21").replace(
            "泠源镇中心学校\n二〇一三年六月二十八日\n", "网站服务咨询电话：0745-4223052\n"
        ),
        {"not_in_body": "网站服务咨询电话"},
    ),
]

CASES += [
    # A tender's parties closing its notice with no day under them (招标人：… / 招标代理机构：… under
    # a 中标候选人公示, set AS): the notice's own last lines.
    (
        procurement_page(*TENDER, "招标人：泠源清洁能源有限责任公司", "招标代理机构：泠源招标有限公司"),
        {"last": "招标代理机构：泠源招标有限公司"},
    ),
    # (…under a report that is no notice, such lines are not taken: 开工仪式举行.)
    (
        procurement_page(
            "6月18日上午，泠源大道改造工程开工仪式在项目现场举行，工程总投资1.8亿元，预计年底完工。",
            "项目建成后，将有效缓解城区东西向交通压力，改善沿线群众出行条件。",
            "招标人：泠源清洁能源有限责任公司",
            "招标代理机构：泠源招标有限公司",
        ).replace("成交公告", "开工仪式举行"),
        {"not_in_body": "招标代理机构"},
    ),
]


def wechat_page(first_line: str) -> str:
    """A WeChat post: ``first_line`` (its <title>), the account printed twice, the time, the text."""
    text = [
        "“同学们，你们知道一部手机里有多少个零件吗？”5月22日上午，在泠源某小学的报告厅里，全国劳动模范陈立华一开口，就吸引了学生们。",
        "这是泠源市总工会“劳模工匠进校园”系列活动的第15站。",
    ]
    return (
        "\n".join([first_line, "泠源工会", "泠源工会", "2024年05月23日 17:46 广东", *text, "阅读 2108"])
        + "\n"
    )


CASES += [
    # A kicker and its headline parted by a bar as the page title (劳模工匠进校园｜全国劳模走上讲台，给
    # 孩子们上了一堂“特别的课”, set AR's WeChat post): the whole is the headline, not the account under it.
    (
        wechat_page("劳模工匠进校园｜全国劳模走上讲台，给孩子们上了一堂“特别的课”"),
        {"title": "劳模工匠进校园｜全国劳模走上讲台，给孩子们上了一堂“特别的课”"},
    ),
    # (…a headline and its site's name parted so is the headline alone.)
    (
        wechat_page("全国劳模走上讲台，给孩子们上了一堂“特别的课”｜泠源新闻网"),
        {"title": "全国劳模走上讲台，给孩子们上了一堂“特别的课”"},
    ),
]


def federation_page(*under: str, menu: str = "會務新聞") -> str:
    """A Hong Kong federation's news page: its menu (``menu`` among it), the headline, ``under``."""
    return (
        "\n".join(
            [
                "泠源社團聯會舉辦全國兩會精神分享會 - 香港泠源社團聯會",
                "香港泠源社團聯會",
                "首頁 | 關於本會",
                menu,
                "屬會動態",
                "聯絡我們",
                "泠源社團聯會舉辦全國兩會精神分享會",
                *under,
                "香港泠源社團聯會於3月23日假會所舉辦「全國兩會精神分享會」，邀請港區全國人大代表及全國政協委員分享兩會精神。",
                "會後，出席嘉賓與屬會代表合照留念。",
                "返回",
            ]
        )
        + "\n"
    )


CASES += [
    # The site's column after the date, a menu item of its header (2024-03-25　|　會務新聞, set AR's
    # federation): no publisher.
    (federation_page("2024-03-25　|　會務新聞"), {"publisher": None, "date": "2024-03-25"}),
    # (…an outlet there that the menu does not list is the source, as before.)
    (federation_page("2024-03-25　|　大公新聞", menu="本會新聞"), {"publisher": "大公新聞"}),
    # A disclosure page's label before the headline it picks (信息名称：关于表彰…的决定, set AR): the
    # headline without it.
    (
        federation_page("发布日期：2024-03-06")
        .replace("泠源社團聯會舉辦全國兩會精神分享會 -", "关于表彰2023年度“三八红旗手”的决定 -")
        .replace("泠源社團聯會舉辦全國兩會精神分享會\n", "信息名称：关于表彰2023年度“三八红旗手”的决定\n"),
        {"title": "关于表彰2023年度“三八红旗手”的决定"},
    ),
]
