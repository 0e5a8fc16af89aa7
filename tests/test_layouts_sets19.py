"""The nineteenth round's pages (held-out sets AJ and AL, read after two rounds as pure measures,
December 7, night): each shape a page lost, written afresh, with what each rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out

TEXT = [
    "记者从省农业农村厅获悉，当前全省春耕备耕进展顺利，种子、化肥、农药等农资储备充足，价格总体平稳。",
    "省农业农村厅有关负责人表示，将组织农技人员深入田间地头，做好分区分类技术指导，确保春播顺利开展。",
]


def agency_page(*header: str) -> str:
    """A news agency's article: the headline, ``header`` lines, the text, its editor's credit."""
    return (
        "\n".join(
            [
                "全省春耕备耕进展顺利-泠源新闻网",
                "泠源新闻网",
                "时政 财经 图片 视频",
                "全省春耕备耕进展顺利",
                *header,
                *TEXT,
                "责任编辑：吴晨",
                "相关新闻",
                "春耕时节走进田间地头",
            ]
        )
        + "\n"
    )


EPAPER_TEXT = [
    "一本翻旧了的笔记本，记着社区里的大事小情：哪栋楼的路灯坏了，哪位老人要办助餐卡，哪里的车位要重新划线。",
    "“居民的事再小，也要记下来、办到底。”这位社区书记说。她在社区工作了十多年，记满的本子已有三十多本。",
]


def epaper_page(*masthead: str) -> str:
    """A city paper's digital edition: ``masthead`` lines, the page list, the headline, the text (the
    masthead further from the headline than a date line near it may be)."""
    return (
        "\n".join(
            [
                "泠源日报数字报-社区书记的民生账本",
                "泠源日报",
                *masthead,
                "上一期 下一期 往期回顾",
                "版面导航",
                *(
                    f"第0{n}版：{name}"
                    for n, name in enumerate(["头版", "要闻", "要闻", "综合", "经济", "副刊"], 1)
                ),
                "标题导航",
                "社区书记的民生账本",
                "老城区新增一批改造项目",
                "上一篇 下一篇",
                "社区书记的民生账本",
                "■本报记者 陈佳",
                *EPAPER_TEXT,
                "泠源日报社版权所有 未经书面授权禁止使用",
            ]
        )
        + "\n"
    )


STATS_TEXT = [
    "1—2月，全市规模以上工业增加值同比增长5.8%，增速比上年全年提高0.7个百分点，开局总体平稳。",
    "分行业看，全市三十三个工业大类行业中有二十一个行业增加值保持增长，增长面为63.6%，装备制造业增长较快。",
]
STATS_TABLE = [
    "2024年1—2月规模以上工业主要指标",
    "指标名称 1—2月 同比增长（%）",
    "规模以上工业增加值（亿元） 702.35 5.8",
    "其中：国有控股企业 61.27 3.2",
    "民营企业 458.90 7.1",
    "高技术制造业增加值（亿元） 41.52 -1.8",
]
STATS_NOTES = [
    "附注：",
    "1.规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。",
    "2.增加值增速按可比价格计算，绝对额按现价计算，部分数据因四舍五入存在微小差异。",
]


def stats_page(*after_text: str) -> str:
    """A statistics bureau's release: its date row, the text, then ``after_text``, then the footer."""
    return (
        "\n".join(
            [
                "1—2月全市规模以上工业生产情况 - 泠源市统计局",
                "泠源市统计局",
                "首页 统计数据 统计分析 政务公开",
                "首页 > 统计数据 > 数据发布",
                "1—2月全市规模以上工业生产情况",
                "发布日期：2024年03月20日  来源：工业统计科",
                *STATS_TEXT,
                *after_text,
                "打印本页 关闭窗口",
                "主办单位：泠源市统计局",
            ]
        )
        + "\n"
    )


WECHAT_TEXT = [
    "12月6日23时许，高速交警支队指挥中心接到报警：一辆轿车左后轮爆胎，停在应急车道上，车上是一对老夫妻。",
    "接警后，民警迅速赶到现场，在车后一百五十米处摆放警示锥筒，将两位老人转移到护栏外，随后帮助更换备胎。",
]


def wechat_page(header: list[str], closing: list[str]) -> str:
    """A WeChat post as a dump prints it: the headline, ``header``, the account's card, the time."""
    return (
        "\n".join(
            [
                "深夜高速轿车爆胎 民警暖心相助",
                *header,
                "微信号 lygaj110",
                "功能介绍 泠源市公安局官方微信",
                "2023-12-08 18:30",
                "发表于江苏",
                *WECHAT_TEXT,
                *closing,
                "编辑 | 顾晓",
                "阅读原文",
            ]
        )
        + "\n"
    )


BROADCAST_TEXT = [
    "距离奥运会开幕不到五个月，原计划在河中举行的铁人三项和马拉松游泳比赛能否如期进行，仍取决于河水水质。",
    "根据一家环保团体最新公布的检测结果，去年夏季以来的多次采样中，部分河段的大肠杆菌指标仍时常超过比赛标准。",
    "市政府表示，为改善河流水质，当局近年来投入巨资兴建大型雨水蓄水池并改造污水管网，以减少污水直接排入河中。",
]


def broadcast_page(*between: str) -> str:
    """A foreign broadcaster's Chinese site: the headline, the lead paragraph, ``between``, the text."""
    return (
        "\n".join(
            [
                "奥运倒计时 河水水质仍存变数 - 国际 - 泠源广播",
                "泠源国际广播电台 华语",
                "中国 国际 经贸 文化",
                "国际",
                "奥运倒计时 河水水质仍存变数",
                BROADCAST_TEXT[0],
                *between,
                *BROADCAST_TEXT[1:],
                "阅读下一篇",
                "相关文章",
                "奥运安保计划公布",
                "© 2024 泠源国际广播电台",
            ]
        )
        + "\n"
    )


def portal_page(*header: str, under: tuple[str, ...] = (), closing: tuple[str, ...] = ()) -> str:
    """A police account's or a district portal's page: ``header`` lines over the headline, ``under``
    it, the text, ``closing`` lines."""
    return (
        "\n".join(
            [
                "深夜高速轿车爆胎 民警暖心相助",
                "首页 新闻 体育 更多",
                *header,
                "深夜高速轿车爆胎 民警暖心相助",
                *under,
                *WECHAT_TEXT,
                *closing,
                "返回首页",
            ]
        )
        + "\n"
    )


ARTICLES = [
    "第一条 为规范农村公益性公墓建设管理，推进殡葬改革，节约土地资源，根据有关法律法规，制定本办法。",
    "第二条 本办法所称农村公益性公墓，是指由乡镇或者村设立，为本辖区村民提供骨灰安葬服务的公共墓地。",
    "第三条 本办法自2023年9月15日起施行，有效期五年。",
]


def regulation_page(cover: str, title: str) -> str:
    """A county's 关于印发…的通知: the ``cover`` notice, its signature and day, ``title``, the articles."""
    return (
        "\n".join(
            [
                "泠源县人民政府办公室关于印发公益性公墓建设管理办法的通知_泠源县人民政府",
                "泠源县人民政府",
                "首页 政务公开 政务服务",
                "泠源县人民政府办公室关于印发公益性公墓建设管理办法的通知",
                "各乡镇人民政府、街道办事处，县各开发园区管委会，县各有关部门：",
                cover,
                "泠源县人民政府办公室",
                "2023年8月15日",
                title,
                *ARTICLES,
                "相关附件：",
                "上一篇：泠源县城区生活垃圾分类实施方案",
            ]
        )
        + "\n"
    )


ISSUED = "《泠源县农村公益性公墓建设管理办法》已经县政府同意，现印发给你们，请结合实际认真贯彻执行。"


def consultation_page(signatory: str) -> str:
    """A ministry department's call for comments: the text, its contact and attachment, ``signatory``."""
    return (
        "\n".join(
            [
                "关于征求企业节点接入规范意见的通知-泠源部",
                "首页 政务公开 意见征集",
                "关于征求企业节点接入规范意见的通知",
                "发布时间：2024-04-11 来源：信息通信发展司",
                "为推动标识解析体系规范发展，指导企业节点规范接入，我司组织起草了接入规范，现公开征求意见。",
                "如有意见或建议，请于公示期内以电子邮件形式反馈，并注明联系人和联系方式，逾期不再受理。",
                "联系电话：010-6820××××",
                "附件：企业节点接入规范（征求意见稿）",
                signatory,
                "2024年4月11日",
                "扫一扫在手机打开当前页",
                "相关链接",
            ]
        )
        + "\n"
    )


GUIDE = [
    "一、办理条件",
    "在本市出生的新生儿，其父亲或母亲一方户口在本市的，可以在新生儿出生后一个月内申报出生登记。",
    "二、所需材料",
    "1.《出生医学证明》原件；",
    "2.父母双方的居民户口簿、居民身份证。",
]


def guide_page(widgets: str) -> str:
    """A police bureau's procedure guide: its headline, its date row, ``widgets``, the guide."""
    return (
        "\n".join(
            [
                "泠源市公安局",
                "首页 警务公开 办事服务 户政服务",
                "当前位置：首页 > 办事服务 > 户政服务",
                "新生儿出生登记办理指南",
                "发布日期：2022-07-06 来源：泠源市公安局人口管理支队",
                widgets,
                *GUIDE,
                "主办单位：泠源市公安局",
            ]
        )
        + "\n"
    )


POST = [
    "2023泠源马拉松将于10月22日7时30分鸣枪开跑，为保障赛事安全顺利进行，届时将对部分道路实施交通管制。",
    "一、管制时间",
    "10月22日5时至13时，赛事沿线道路根据比赛进程分段、分时实施全封闭交通管制，请广大市民提前规划出行路线。",
]


def bare_post(*header: str, headline: str = "注意绕行！2023泠源马拉松期间部分道路交通管制") -> str:
    """A post whose dump prints nothing above its headline: the headline (its <title>), ``header``."""
    return "\n".join([headline, *header, *POST, "编辑 | 张蕾"]) + "\n"


OPENING = "4月18日上午，市发展改革委举行专题新闻发布会，介绍推动设备更新工作进展情况，并回答记者提问。"
LINEUP = [
    "发布人：",
    "市发展改革委政策研究室副主任、新闻发言人 宋文杰",
    "市发展改革委产业发展处副处长 贺立平",
    "主持人：",
    "市发展改革委新闻处处长 林 静",
]
TRANSCRIPT = [
    "林静：",
    "各位记者朋友，大家上午好！欢迎出席今天的新闻发布会，今天我们邀请到有关负责同志介绍情况，并回答大家关心的问题。",
    "宋文杰：",
    "大家上午好！今年三月以来，全市推动大规模设备更新工作取得积极进展，已有一批重点项目开工建设，带动投资持续增长。",
]


def conference_page(*lines: str) -> str:
    """A commission's press conference page: its headline and date row, then ``lines``."""
    return (
        "\n".join(
            [
                "市发展改革委举行专题新闻发布会_泠源市发展和改革委员会",
                "首页 新闻动态 新闻发布",
                "市发展改革委举行专题新闻发布会",
                "发布时间：2024-04-18 来源：新闻发布中心",
                *lines,
                "相关链接",
            ]
        )
        + "\n"
    )


def reply_page(*closing: str) -> str:
    """A department's reply to a deputy's proposal: the salutation, the reply, its signature and day,
    then ``closing`` lines and the page's own."""
    return (
        "\n".join(
            [
                "关于加强农村公路养护的提案答复_泠源省财政厅",
                "首页 政务公开 建议提案办理",
                "关于加强农村公路养护的提案答复",
                "发布日期：2024-06-13",
                "李明委员：",
                "您提出的关于加强农村公路养护的提案收悉，经认真研究，现答复如下。近年来，省财政持续加大农村公路养护投入力度。",
                "下一步，我们将会同省交通运输厅，进一步完善农村公路养护资金保障机制，感谢您对财政工作的关心和支持。",
                "泠源省财政厅",
                "2024年6月12日",
                *closing,
                "【打印此页】【关闭窗口】",
            ]
        )
        + "\n"
    )


CALL_CONTACTS = [
    "联系人：环境影响评价与排放管理司 赵文博",
    "电话：（010）6564××××",
    "传真：（010）6564××××",
    "邮箱：pwxk@lingyuan.gov.cn",
    "地址：泠源市东长安街12号",
    "邮政编码：100006",
    "附件：1.征求意见单位名单",
    *(f"{n}.排放标准（征求意见稿）第{n}部分" for n in range(2, 6)),
]


GRAPHIC = [
    "一、降低制度性交易成本",
    "企业开办时间压缩至1个工作日以内",
    "工程建设项目审批时间压缩至60个工作日以内",
    "二、降低生产经营成本",
    "中小微企业宽带和专线平均资费再降10%",
    "用电报装容量160千瓦及以下实行零投资",
    "三、降低融资成本",
    "普惠型小微企业贷款利率稳中有降",
    "政府性融资担保费率降至1%以下",
]


LETTER = [
    "我家住在城西某小区，最近一个多月，几乎每天晚上十一点以后都有改装摩托车在小区门口的道路上来回飙车，老人孩子经常被吵醒。",
    "希望相关部门能在这条路上加装监控或者测速设备，晚上多安排巡逻，彻底解决这个问题。谢谢！",
]
REPLY = [
    "匿名网友：您好！您反映的问题收悉，现答复如下：接到来信后，我局交警支队立即安排大队对该路段开展调查。",
    "下一步，我局将在该路段每晚安排警力定点巡查，并对查获的非法改装车辆依法从严处罚。感谢您的关注和支持！",
]


def mailbox_page(*fields: str) -> str:
    """A mayor's mailbox: the letter's form (``fields`` over its headline), the letter, the reply."""
    return (
        "\n".join(
            [
                "泠源市人民政府门户网站",
                "首页 政务公开 政民互动",
                "当前位置：首页 > 政民互动 > 市长信箱 > 信件详情",
                "信件详情",
                *fields,
                "信件内容：",
                *LETTER,
                "答复单位：泠源市公安局",
                "答复时间：2024-05-13 16:40",
                "答复内容：",
                *REPLY,
                "满意度评价：",
                "我要写信",
            ]
        )
        + "\n"
    )


HEADLINE = "小区门口夜间经常有人飙车炸街，能否加强管理？"


def bureau_page(row: str, headline: str = "区委政法委召开2024年平安建设工作推进会") -> str:
    """A district bureau's news page with no page title to anchor it: the menu, ``headline``, ``row``."""
    return (
        "\n".join(
            [
                "平安泠源",
                "泠源市城南区委政法委员会",
                "首页 政法动态 平安建设 法治建设",
                "首页 > 政法动态",
                headline,
                row,
                "4月16日，区委政法委召开2024年平安建设工作推进会，总结一季度工作，部署下一阶段重点任务。",
                "会议指出，一季度全区刑事警情同比下降，群众安全感和满意度持续提升，平安建设取得阶段性成效。",
                "编辑：吴宇",
                "【打印】【关闭】",
            ]
        )
        + "\n"
    )


def masthead_page(body: str, headline: str, *under: str) -> str:
    """A bureau's page titled "<body> - <its column>", the body's name as its masthead over the menu,
    then ``headline`` and ``under`` it, then the text."""
    return (
        "\n".join(
            [
                f"{body} - 新聞公報",
                body,
                "English",
                "網站指南",
                "關於我們",
                "新聞公報",
                "動植物保護",
                "首頁 > 新聞公報",
                headline,
                *under,
                "漁護署今日呼籲市民切勿餵飼野生動物，餵飼會令野生動物依賴人類提供的食物，改變其習性，並可能引致滋擾。",
                "發言人表示，任何人士如在郊野公園範圍內餵飼野生動物，一經定罪，最高可被判罰款一萬元。",
                "2024年5月10日（星期五）",
            ]
        )
        + "\n"
    )


HK_HEADLINE = "漁護署呼籲市民切勿餵飼野生動物"


BLOG_TEXT = [
    "父亲那辆老自行车，是他年轻时攒了大半年工资买的，车把上的漆早已磨掉，铃铛却一直响得清脆。",
    "小时候，父亲每天骑着它送我上学，我坐在后座上，抱着他的腰，听他讲厂里的新鲜事。",
]


def blog_page(page_title: str, masthead: str) -> str:
    """A blog's post: ``page_title`` as the dump's first line, ``masthead`` over the post."""
    return (
        "\n".join(
            [
                page_title,
                "新浪博客",
                "首页 博文目录 图片 关于我",
                masthead,
                "正文",
                "父亲的老自行车",
                "(2023-04-02 06:58:14)",
                *BLOG_TEXT,
                "分享：",
                "评论",
                "相关博文",
                "Forver的博客",
            ]
        )
        + "\n"
    )


def disclosure_page(*cells: str) -> str:
    """A 信息公开 page whose header prints each label and each value as cells of their own."""
    return (
        "\n".join(
            [
                "泠源市人民政府",
                "政府信息公开",
                "首页 政府信息公开指南 法定主动公开内容",
                "当前位置：首页 > 法定主动公开内容 > 部门文件 > 市公安局",
                *cells,
                "泠源市公安局关于春节期间城区禁止燃放烟花爆竹的通告",
                "为保障人民群众生命财产安全，预防火灾事故，根据有关规定，决定在春节期间城区禁止燃放烟花爆竹。",
                "一、禁放时间：2023年1月15日至2023年2月15日。",
                "二、禁放区域：城北街道、城南街道全域。",
                "泠源市公安局",
                "2023年1月9日",
                "打印本页 关闭窗口",
            ]
        )
        + "\n"
    )


CASES: list[tuple[str, dict[str, Any]]] = [
    # A business daily's dek, its reporter's and its editor's lines, then its time, over the text (set
    # AJ): the four are the page's, the text starts under the time.
    (
        agency_page(
            "一季度收官，价格战仍在继续。", "泠源新闻记者 | 周然", "泠源新闻编辑 | 林丹", "2024/04/01 18:05"
        ),
        {"first": "记者从省农业农村厅", "date": "2024-04-01 18:05", "editors": ["吴晨", "林丹"]},
    ),
    # A date's label cell over its value (生成日期： / 2023-01-11, set AO): the page's date, not the
    # event's time in the text (禁放时间：2023年1月15日…).
    (
        disclosure_page(
            "索引号：",
            "001008003/2023-00011",
            "发布机构：",
            "泠源市公安局",
            "生成日期：",
            "2023-01-11",
            "公开方式：",
            "主动公开",
            "文号：",
            "泠公通〔2023〕1号",
        ),
        {"date": "2023-01-11", "publisher": "泠源市公安局"},
    ),
    # A warning's issue time, the hour alone (2024年07月21日 17时, set AA).
    (agency_page("发布时间：2024年07月21日 17时"), {"date": "2024-07-21 17:00"}),
    # A pen name of a word and a letter (文/老K（懂球帝专栏作者）, set AB's columnist).
    (agency_page("2023.11.21", "文/老K（泠源体育专栏作者）"), {"author": "老K"}),
    # A blog's owner, named by its page title and its masthead (…_老树的博客_新浪博客 / 老树的博客,
    # set AB): the writer of its posts.
    (blog_page("父亲的老自行车_老树的博客_新浪博客", "老树的博客"), {"author": "老树"}),
    # (…not another blog in a list under the post, Forver的博客, nor a masthead the page title
    # does not name.)
    (blog_page("父亲的老自行车_新浪博客", "老树的博客"), {"author": None}),
    # A bureau's name as its masthead, the page title's first part (臺中市政府環境保護局 over the menu
    # under 臺中市政府環境保護局-新聞稿; 漁農自然護理署, a Hong Kong department, sets AA and AC): the
    # headline is the title-like line over the text, not the masthead the page title matched.
    (masthead_page("臺中市政府環境保護局", HK_HEADLINE), {"title": HK_HEADLINE}),
    (masthead_page("漁農自然護理署", HK_HEADLINE), {"title": HK_HEADLINE}),
    # (…a column's name as the page title's first part, no body's, still anchors the headline.)
    (masthead_page("郊野公園消息", HK_HEADLINE), {"title": "郊野公園消息"}),
    # A Republic's date after its label (發稿日期：113年6月12日, set AK's prosecutors) is no headline.
    (
        masthead_page(
            "臺灣臺北地方檢察署", "本署偵結被告王○○等人違反洗錢防制法等案件", "發稿日期：113年6月12日"
        ),
        {"title": "本署偵結被告王○○等人違反洗錢防制法等案件"},
    ),
    # A metadata row with a day in digits under the headline (2024-04-17　浏览次数：432; a body's name
    # and its day, set AE): never the headline; a body's name beside its day is the publisher.
    (bureau_page("2024-04-17　浏览次数：432"), {"title": "区委政法委召开2024年平安建设工作推进会"}),
    (
        bureau_page("泠源市公安局交通管理局车辆管理所　2023-10-12"),
        {
            "title": "区委政法委召开2024年平安建设工作推进会",
            "publisher": "泠源市公安局交通管理局车辆管理所",
            "author": None,
        },
    ),
    # (…a headline holding a span of years in digits stays one.)
    (
        bureau_page("2024-04-17　浏览次数：432", "泠源市2024-2025年度冬春火灾防控工作推进会召开"),
        {"title": "泠源市2024-2025年度冬春火灾防控工作推进会召开"},
    ),
    (
        bureau_page("来源：城南区委政法委", "泠源市2024-2025年度冬春火灾防控工作推进会召开"),
        {"title": "泠源市2024-2025年度冬春火灾防控工作推进会召开"},
    ),
    # A WeChat header printing the account twice (原创 安溪气象 安溪气象 2024-04-02 17:30 发表于福建,
    # sets AA and AJ): the account posts it, nobody is its writer.
    (
        agency_page("原创 泠源气象 泠源气象 2024-04-02 17:30 发表于福建"),
        {"author": None, "publisher": "泠源气象", "date": "2024-04-02 17:30"},
    ),
    # A mayor's mailbox (set AL): the form's fields (来信人：匿名, 来信时间：…, 办理状态：…) are neither the
    # headline nor the text; the letter and the reply are the text.
    (
        mailbox_page(
            "信件标题：", HEADLINE, "来信人：匿名", "来信时间：2024-05-08 22:14", "办理状态：已办结"
        ),
        {"title": HEADLINE, "first": "我家住在", "not_in_body": "答复时间", "date": "2024-05-08 22:14"},
    ),
    (mailbox_page(HEADLINE, "来信时间：2024-05-08 22:14"), {"title": HEADLINE}),
    # (…a headline that quotes a person after a colon is one: 市长：让群众少跑腿.)
    (mailbox_page("市长：让群众少跑腿"), {"title": "市长：让群众少跑腿"}),
    # (…and a reply given on its label's line, a sentence's length, stays the text's.)
    (
        mailbox_page(HEADLINE).replace(
            "答复内容：\n", "答复内容：网友您好！您反映的问题收悉，我局已安排警力定点巡查。\n"
        ),
        {"in_body": "答复内容：网友您好"},
    ),
    # A paper's correspondent posted away (早报驻上海特派员 于伟豪 报道, set AN): 特派员 is a writer's role.
    (agency_page("2023-06-27 15:32", "泠报驻上海特派员 于伟豪 报道"), {"author": "于伟豪"}),
    # (…a sentence's 特派员 names nobody: 中央特派员表示，… in the text's first line.)
    (agency_page("2023-06-27 15:32", "中央特派员表示，将加快推进有关工作。"), {"author": None}),
    # A byline over two lines, a role a line (极目新闻记者 方子涵 / 通讯员 黄一鸣, set AN): both writers.
    (agency_page("2024-05-06 12:30", "泠源新闻记者 方子涵", "通讯员 黄一鸣"), {"author": "方子涵、黄一鸣"}),
    # (…a photographer's credit under it adds no writer.)
    (agency_page("2024-05-06 12:30", "泠源新闻记者 方子涵", "图/黄一鸣"), {"author": "方子涵"}),
    # A policy site's box of related interpretations under an infographic's text, which has no
    # paragraph (相关图解 / 一图读懂｜…, set AP): a related list's heading, no item of the graphic.
    (
        conference_page(
            *GRAPHIC,
            "相关图解",
            "一图读懂｜泠源市2024年重要民生实事项目",
            "一图读懂｜泠源市促进民营经济发展壮大若干措施",
            "打印本页",
            "关闭窗口",
        ),
        {"last": GRAPHIC[-1], "not_in_body": "一图读懂"},
    ),
    # (…相关政策 opening a sentence is the text's.)
    (
        conference_page(
            OPENING, "相关政策出台后，企业申报积极性明显提高，已有三百余家企业提交了设备更新项目申请。"
        ),
        {"last": "相关政策出台后"},
    ),
    # A reply's bracketed contact note under its signature and day (（联系人：…，联系电话：…）, set AP):
    # the reply's own; the 抄送 line under it is not.
    (
        reply_page("（联系人：李明，联系电话：0731-8516××××）", "抄送：省政府办公厅"),
        {"last": "（联系人：李明", "not_in_body": "抄送"},
    ),
    # (…a bracketed line that gives no number is no contact note.)
    (reply_page("（此件公开发布）"), {"last": "2024年6月12日"}),
    # A call for comments' six contact labels (联系人 … 邮政编码) and its five attachments over its
    # signature (set AP's ministry): the text's close, signature and day included.
    (
        consultation_page("泠源部信息通信发展司").replace(
            "联系电话：010-6820××××\n附件：企业节点接入规范（征求意见稿）", "\n".join(CALL_CONTACTS)
        ),
        {"last": "2024年4月11日", "in_body": "邮政编码：100006"},
    ),
    # A press conference's lineup between its opening paragraph and its transcript (发布人： / post and
    # name a line / 主持人： / …, set AP): the text runs over it.
    (conference_page(OPENING, *LINEUP, *TRANSCRIPT), {"first": "4月18日上午", "in_body": "贺立平"}),
    # (…over the transcript with no paragraph above it, the lineup is the page's panel: sets AH and AJ
    # label it so, set AP not: left out as before.)
    (conference_page(*LINEUP, *TRANSCRIPT), {"not_in_body": "贺立平"}),
    # (…and posts and names with no role's label over them are no lineup: a list of links' shape.)
    (conference_page(OPENING, *LINEUP[1:3], *LINEUP[4:], *TRANSCRIPT), {"not_in_body": "贺立平"}),
    # The site's 我要纠错 button beside print and close (【我要纠错】 【打印】 【关闭】, set AO): no headline.
    (
        guide_page("【我要纠错】 【打印】 【关闭】"),
        {"title": "新生儿出生登记办理指南", "first": "一、办理条件"},
    ),
    (guide_page("【纠错】 【打印】 【关闭】"), {"title": "新生儿出生登记办理指南"}),
    # A post whose dump's first line is its headline, the account and the time under it (set AO's
    # WeChat post): the first line is the title, never the text's first line.
    (
        bare_post("泠源交警", "泠源交警", "2023年10月20日 07:30", "河南"),
        {
            "title": "注意绕行！2023泠源马拉松期间部分道路交通管制",
            "first": "2023泠源马拉松",
            "date": "2023-10-20 07:30",
        },
    ),
    # (…but a first line that ends a sentence is the text's: a dump without its <title>.)
    (
        "\n".join([POST[0], *POST[1:], "编辑 | 张蕾"]) + "\n",
        {"first": "2023泠源马拉松"},
    ),
    # A WeChat account's name over its card is no headline, nor is the same name higher up (原创 /
    # 政治处 / 平安泠源 / 前天 / 平安泠源 / 微信号 …, set AO): the dump's first line is.
    (
        bare_post(
            "原创",
            "政治处",
            "平安泠源",
            "前天",
            "平安泠源",
            "微信号 gh_plyn2016",
            "功能介绍 泠源县公安局官方微信",
            headline="追记 | 倒在巡逻路上的派出所所长周明",
        ),
        {"title": "追记 | 倒在巡逻路上的派出所所长周明"},
    ),
    # A provincial paper pads its page number to five digits (第00003版：要闻, set AN).
    (epaper_page("2023年11月14日 星期二", "第00003版：要闻"), {"date": "2023-11-14"}),
    # A paper's county network between its writers (通讯员 陆晨曦 共享联盟·安吉 钱晓峰, set AN): no name.
    (
        agency_page("2023-11-14", "本报记者 沈雅文 通讯员 陆晨曦 共享联盟·安吉 钱晓峰"),
        {"author": "沈雅文、陆晨曦、钱晓峰"},
    ),
    # (…a name with its middle dot stays one: 通讯员 阿依古丽·买买提.)
    (
        agency_page("2023-11-14", "本报记者 沈雅文 通讯员 阿依古丽·买买提"),
        {"author": "沈雅文、阿依古丽·买买提"},
    ),
    # A news client's header: 原创, the time, the outlet (原创 2023-12-20 10:05 齐鲁晚报·齐鲁壹点, set AN).
    (
        agency_page("原创 2023-12-20 10:05 泠源晚报·泠源壹点", "记者 郭雅琳 宋振"),
        {"publisher": "泠源晚报·泠源壹点"},
    ),
    # (…a word other than 原创 before the time is no header's: 更新 2023-12-20 10:05 泠源壹点.)
    (agency_page("更新 2023-12-20 10:05 泠源壹点", "记者 郭雅琳 宋振"), {"not_publisher": "泠源壹点"}),
    # An overseas paper's byline in square brackets: outlet, writer, 报道 (【欧洲时报 艾琳 报道】, set AN).
    (
        agency_page("发布时间：2024-03-14", "【泠源时报 艾琳 报道】"),
        {"author": "艾琳", "publisher": "泠源时报"},
    ),
    # (…a bracketed heading of the same shape names no outlet: 【专题 两会 报道】.)
    (agency_page("发布时间：2024-03-14", "【专题 两会 报道】"), {"author": None, "publisher": None}),
    # A notice that issues a document, then the document itself under the notice's signature and day
    # (关于印发…的通知 / …管理办法 / 第一条…, set AP's county regulation): both are the page's text.
    (
        regulation_page(ISSUED, "泠源县农村公益性公墓建设管理办法"),
        {"last": "第三条", "in_body": "泠源县人民政府办公室"},
    ),
    # (…not under a notice that issues nothing: a report's list under a signature is its own.)
    (
        regulation_page(
            "今年以来，全县公益性公墓建设稳步推进，群众满意度不断提高。", "泠源县农村公益性公墓建设管理办法"
        ),
        {"not_in_body": "第一条"},
    ),
    # (…nor when the line under the signature names no document: …管理情况 is a report's heading.)
    (regulation_page(ISSUED, "泠源县农村公益性公墓建设管理情况"), {"not_in_body": "第一条"}),
    # A ministry department (司) signs its call for comments over its day (set AP), under its contacts.
    (consultation_page("泠源部信息通信发展司"), {"last": "2024年4月11日"}),
    # (…but a firm's 公司 and a 官司 are not a department's 司: 一场官司 over a day is no signature.)
    (consultation_page("一场官司"), {"not_in_body": "2024年4月11日"}),
    # A row of pairs in full-width square brackets (［信息来源：… | 发布日期：… | 字体：大 中 小］, a
    # district portal's, set AO): its source is read as any row's.
    (
        portal_page("［信息来源：泠源市公安局城北分局 | 发布日期：2023-08-01 | 字体：大 中 小］"),
        {"publisher": "泠源市公安局城北分局", "date": "2023-08-01"},
    ),
    # (…brackets that open and close no row leave the line as it was: no pairs.)
    (portal_page("［信息来源：泠源市公安局城北分局 | 发布日期：2023-08-01"), {"publisher": None}),
    # A policy interpretation's 解读机关 (sets AL and AO): the body that posts it.
    (portal_page("日期：2023-02-17 解读机关：泠源市公安局 浏览量："), {"publisher": "泠源市公安局"}),
    # A platform's account certified as a body's (平安宜昌 / 宜昌市公安局官方账号, 头条 and 搜狐号, set AO),
    # its date and dot between or not: the publisher.
    (portal_page("平安泠源", "泠源市公安局官方账号", "文章"), {"publisher": "平安泠源"}),
    (
        portal_page(under=("平安泠源", "2024-01-10 09:15", "·", "泠源市公安局官方账号", "发布于：江苏")),
        {"publisher": "平安泠源"},
    ),
    # (…not a menu's last item two lines over the certificate.)
    (portal_page("娱乐", "平安泠源", "泠源市公安局官方账号"), {"not_publisher": "娱乐"}),
    # A WeChat repost's header and a reprint's statement name the source (set AO).
    (portal_page("以下文章来源于泠源反诈 ，作者泠源反诈中心"), {"publisher": "泠源反诈", "author": None}),
    (portal_page(closing=("声明：本文转自网警巡查执法",)), {"publisher": "网警巡查执法"}),
    # (…a sentence that says where something came from names no source: 以下文章 must open the line.)
    (portal_page(closing=("经核实，该线索来源于群众举报",)), {"publisher": None}),
    # A news agency's header prints the year over the day and its clock (set AJ): one date.
    (
        agency_page("2024", "03/05 18:22:41", "来源：新华社"),
        {"date": "2024-03-05 18:22:41", "first": "记者从"},
    ),
    # (…the day's line holds a clock, not any four digits: 03/05 1822 is no time.)
    (agency_page("2024", "03/05 1822", "来源：新华社"), {"date": None}),
    # A digital edition's issue day over its page line (2023年11月21日 星期二 / 第03版：要闻, set AJ):
    # the article's day, though the page list stands between it and the headline.
    (epaper_page("2023年11月21日 星期二", "第03版：要闻"), {"date": "2023-11-21", "first": "一本翻旧了"}),
    # (…not a day that does not open its line: 截至2023年11月21日 over the page line is a sentence's.)
    (epaper_page("截至2023年11月21日", "第03版：要闻"), {"date": None}),
    # (…nor a day over anything but a page line: 2023年11月21日 星期二 alone is a today widget.)
    (epaper_page("2023年11月21日 星期二", "要闻"), {"date": None}),
    # A statistics release's table under the text, its caption naming its indicators, and the notes
    # under it (附注： / 1.… / 2.…, set AJ): the text's, the rows, the caption and the notes.
    (
        stats_page(*STATS_TABLE, *STATS_NOTES),
        {"in_body": "民营企业 458.90 7.1", "first": "1—2月", "last": "2.增加值增速"},
    ),
    (stats_page(*STATS_TABLE, *STATS_NOTES), {"in_body": "2024年1—2月规模以上工业主要指标"}),
    # (…rows under the text with no paragraph under them stay out: the text ended over them.)
    (stats_page(*STATS_TABLE, "附注："), {"last": "分行业看", "not_in_body": "民营企业 458.90"}),
    # A paper and its app parted by a middle dot before the reporter's role (齐鲁晚报·齐鲁壹点 记者 …,
    # set AJ): the byline's outlet is the publisher.
    (
        agency_page("2023-09-20 11:47:09", "泠源晚报·泠源壹点 记者 王媛 实习生 刘雨晴"),
        {"publisher": "泠源晚报·泠源壹点", "author": "王媛、刘雨晴"},
    ),
    # (…not a person's name with its middle dot, which names no outlet.)
    (
        agency_page("2023-09-20 11:47:09", "阿依古丽·买买提 记者 王媛"),
        {"not_publisher": "阿依古丽·买买提"},
    ),
    # A WeChat post's account over its card (南通公安 / 南通公安 / 微信号 … / 功能介绍 …, set AL) is its
    # publisher, and the name between 原创 and the account its writer.
    (
        wechat_page(["原创", "陈思远", "泠源公安", "泠源公安"], []),
        {"publisher": "泠源公安", "author": "陈思远"},
    ),
    (wechat_page(["泠源公安", "泠源公安"], []), {"publisher": "泠源公安", "author": None}),
    # (…under a repost's closing attribution, that source is the publisher: the account only hosts it.)
    (
        wechat_page(["泠源公安", "泠源公安"], ["（来源：泠源交警）"]),
        {"publisher": "泠源交警", "first": "12月6日"},
    ),
    # A broadcaster's lead paragraph under the headline, then its short name over the time (法广 /
    # 发表时间： 14/03/2024 - 11:20, set AJ): the name is no writer's, the text having begun.
    (broadcast_page("泠广", "发表时间： 14/03/2024 - 11:20"), {"author": None, "date": "2024-03-14 11:20"}),
    # (…and the same name right under the headline, over the time, is the post's account as before.)
    (
        "\n".join(
            [
                "奥运倒计时 河水水质仍存变数 - 国际 - 泠源广播",
                "国际",
                "奥运倒计时 河水水质仍存变数",
                "泠广",
                "发表时间： 14/03/2024 - 11:20",
                *BROADCAST_TEXT,
                "© 2024 泠源国际广播电台",
            ]
        )
        + "\n",
        {"author": "泠广"},
    ),
]


@pytest.mark.parametrize(("page_text", "expected"), CASES)
def test_the_nineteenth_rounds_pages_come_out(page_text: str, expected: dict[str, Any]) -> None:
    assert_page_comes_out(page_text, expected)
