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


MUSEUM = "泠源市博物馆"
MUSEUM_TEXT = [
    "1月18日，“金石永年——馆藏青铜器精品展”在我馆三层第六展厅正式开展，展出商周至汉代青铜器一百二十余件。",
    "展览分为三个单元，以青铜器的功能演变为线索，展现青铜文明在古代社会礼制、军事与日常生活中的地位。",
]


def museum_page(*lines: str) -> str:
    """A museum's or an institute's news page: the headline, its date, the text, then ``lines``."""
    return (
        "\n".join(
            [
                f"“金石永年”青铜器精品展开展_{MUSEUM}",
                MUSEUM,
                "首页 资讯 展览 典藏 教育",
                "首页 / 资讯 / 展览资讯",
                "“金石永年”青铜器精品展开展",
                "2024年1月18日  来源：本馆",
                *MUSEUM_TEXT,
                *lines,
                "分享：",
                "推荐展览",
                "地址：泠源市滨河西路18号",
                f"© {MUSEUM} 版权所有",
            ]
        )
        + "\n"
    )


def notice_page(*sections: str) -> str:
    """A society's notice: its addressees, its opening, two sections of text, then ``sections``."""
    return (
        "\n".join(
            [
                "关于举办2024年泠源市青少年科技创新大赛的通知_泠源市科学技术协会",
                "泠源市科学技术协会",
                "首页 科协概况 通知公告 学会工作 科普活动",
                "关于举办2024年泠源市青少年科技创新大赛的通知",
                "发布时间：2024-03-05",
                "各区县科协、教育局，各中小学校：",
                "为激发青少年科学兴趣，培养创新精神和实践能力，经研究，决定举办青少年科技创新大赛，现将有关事项通知如下。",
                "一、参赛对象",
                "全市在校中小学生，以及中小学科技辅导员。",
                "二、竞赛内容",
                "包括科技创新成果竞赛、科技辅导员科技教育创新成果竞赛和少年儿童科学幻想绘画比赛三部分。",
                *sections,
                "地址：泠源市人民路18号科协大楼",
                "主办单位：泠源市科学技术协会",
                "湘ICP备12345678号",
            ]
        )
        + "\n"
    )


def hospital_page(*lines: str) -> str:
    """A hospital's party news: the headline, its date and source, then ``lines``."""
    return (
        "\n".join(
            [
                "医院党委开展庆祝建党102周年系列活动-泠源市人民医院",
                "泠源市人民医院",
                "首页 医院概况 院务公开 党建工作",
                "医院党委开展庆祝建党102周年系列活动",
                "发布时间：2023-07-01 08:30  来源：党委办公室",
                "在中国共产党成立102周年之际，医院党委以“学思想 强党性”为主题，开展了系列庆祝活动。",
                *lines,
                "上一篇：我院召开2023年上半年医疗质量分析会",
            ]
        )
        + "\n"
    )


def police_repost(*lines: str, closing: str = "（通讯员 宁公宣 记者 陈志）") -> str:
    """A paper's repost of a police warning: its headline, ``lines``, the text ``closing``."""
    return (
        "\n".join(
            [
                "南京一男子轻信中介被骗8万_扬子晚报",
                "扬子晚报",
                "首页 社会 财经",
                "南京一男子轻信中介被骗8万",
                *lines,
                "信用卡额度不够用，想找中介帮忙提额，没想到却落入了骗子的圈套。近日，南京市民小刘就遭遇了这样一起诈骗。",
                "警方提醒，信用卡额度调整只能通过银行官方渠道申请，任何声称可以“内部操作”“包装提额”的都是骗局。"
                + closing,
                "责编：王雪",
            ]
        )
        + "\n"
    )


def appointments_page(*rows: str) -> str:
    """A district's list of appointments: its lead, a table a row a line (``rows``), then the page."""
    return (
        "\n".join(
            [
                "泠源市鄠溪区人民政府任免工作人员名单_泠源市鄠溪区人民政府",
                "泠源市鄠溪区人民政府",
                "首页 政务公开 人事信息",
                "泠源市鄠溪区人民政府任免工作人员名单（2024年第3批）",
                "发布日期：2024-08-12 信息来源：区人社局",
                "经区政府研究决定，任免下列工作人员：",
                "姓名 | 任免职务 | 备注",
                "王少华 | 任泠源市鄠溪区农业农村局副局长 | 试用期一年",
                *rows,
                "【打印】【关闭】",
                "主办：泠源市鄠溪区人民政府办公室",
            ]
        )
        + "\n"
    )


def minutes_page(*lines: str) -> str:
    """A county executive meeting's minutes: the headline, the opening, one item, then ``lines``."""
    return (
        "\n".join(
            [
                "县人民政府第四十二次常务会议纪要_泠源县人民政府",
                "泠源县人民政府",
                "首页 政务公开 会议纪要",
                "县人民政府第四十二次常务会议纪要",
                "发布时间：2024-05-11 10:08 信息来源：县政府办",
                "2024年5月8日，县长赵建勇主持召开县人民政府第四十二次常务会议，研究部署近期重点工作。",
                "一、关于2024年汛期防汛抗旱工作",
                "会议听取了县水利局关于2024年防汛抗旱准备工作情况的汇报，要求各乡镇压实责任，做好应对准备。",
                *lines,
                "【关闭窗口】",
                "相关稿件",
            ]
        )
        + "\n"
    )


# (page, what must come out)
CASES: list[tuple[str, dict[str, Any]]] = [
    # A table whose cells white space parts, numbered rows, between two paragraphs: the text's.
    (
        news_page(
            "泠源市生態環境局",
            "建设项目环境影响报告书受理情况公示",
            "时间：2024-09-12 16:30",
            "根据《环境影响评价公众参与办法》等有关规定，我局对以下建设项目环境影响评价文件受理情况予以公示，公示期为10个工作日。",
            "序号　项目名称　建设地点　建设单位　环评机构　文件类型",
            "1　年产20万套新能源汽车电池托盘项目　泠源市武进区某工业园　"
            "泠源某新能源科技有限公司　某环境科技有限公司　报告表",
            "2　某污水处理厂三期扩建工程　泠源市新北区　泠源某水务有限公司　某环境工程设计院有限公司　报告书",
            "3　年加工5万吨废旧塑料再生利用项目　泠源市金坛区　"
            "泠源某再生资源有限公司　某环保咨询有限公司　报告表",
            "公示期间，公众可通过信函、传真、电子邮件等方式，向我局反映与建设项目环境影响有关的意见和建议。",
        ),
        {"in_body": "污水处理厂三期扩建工程", "last": "公示期间"},
    ),
    # (…under its caption and over its note)
    (
        news_page(
            "泠源市纪委监委",
            "6月全市查处违反中央八项规定精神问题162起",
            "发布时间：2024-07-26 10:00",
            "近日，市纪委监委公布2024年6月全市查处违反中央八项规定精神问题情况，共查处问题162起。",
            "2024年6月全市查处违反中央八项规定精神问题汇总表",
            "项目　查处问题数（起）　批评教育帮助和处理人数　党纪政务处分人数",
            "形式主义、官僚主义问题　72　109　66",
            "享乐主义、奢靡之风问题　90　151　117",
            "合计　162　260　183",
            "注：本表数据由各县（市、区）纪委监委统计汇总。",
            "市纪委监委有关负责人表示，将持续深化纠治“四风”，紧盯重要节点，坚决防反弹回潮。",
        ),
        {"in_body": "享乐主义、奢靡之风问题", "last": "市纪委监委有关负责人"},
    ),
    # A Macau bureau's page title, its name in Chinese and Portuguese, echoed by its masthead: the
    # Portuguese echo is no headline.
    (
        "\n".join(
            [
                "法務局 Direcção dos Serviços de Assuntos de Justiça",
                "澳門特別行政區政府入口網站",
                "法務局",
                "Direcção dos Serviços de Assuntos de Justiça",
                "中文",
                "Português",
                "主頁 > 新聞 > 新聞稿",
                "法務局舉辦“法律知識進社區”活動 加強居民法律意識",
                "19/04/2024",
                "為提升居民的法律意識，法務局於本月在多個社區舉辦“法律知識進社區”活動，介紹與日常生活相關的法律知識。",
                "活動吸引不少居民參與，法務局表示將持續推動法律推廣工作，讓法律知識走進社區。",
            ]
        )
        + "\n",
        {"title": "法務局舉辦“法律知識進社區”活動 加強居民法律意識", "date": "2024-04-19"},
    ),
    # A report presented at a meeting: its occasion under the headline, the presenter's post and
    # name under it, whatever the headline calls it (…的报告（摘要）).
    (
        news_page(
            "泠源县人民政府",
            "关于泠源县2023年预算执行情况和2024年预算草案的报告（摘要）",
            "发布时间：2024-01-18 来源：县财政局",
            "——2024年1月10日在泠源县第十九届人民代表大会第四次会议上",
            "泠源县财政局局长 马俊杰",
            "各位代表：",
            "受县人民政府委托，现将泠源县2023年预算执行情况和2024年预算草案提请大会审议，请予审议。",
            "全县一般公共预算收入完成3.26亿元，为预算的102.1%，增长7.3%；一般公共预算支出完成48.71亿元。",
        ),
        {"author": "马俊杰", "first": "各位代表", "date": "2024-01-18"},
    ),
    # The unit that supplied the text, in brackets under it, is the source where none is named…
    (paper_page("").replace("来源：泠源日报", "来源：") + "（大浪镇 供稿）\n", {"publisher": "大浪镇"}),
    # (…and a named source wins)
    (paper_page("") + "（大浪镇 供稿）\n", {"publisher": "泠源日报"}),
    # A press release's media contact under its text ends it.
    (
        news_page(
            "泠島大學",
            "泠島大學研發新型海水淡化濾膜",
            "2024年3月5日",
            "泠島大學工程學院化學工程系研究團隊成功研發一種新型納米過濾膜，可大幅降低海水淡化的能耗。",
            "研究團隊表示，新濾膜的生產成本較現有產品低三成，有望在五年內投入商業應用。",
            "傳媒查詢：",
            "泠島大學傳訊及公共關係處　陳小姐（電話：3917 0000；電郵：media@example.edu.hk）",
        ),
        {"last": "研究團隊表示", "not_in_body": "傳訊及公共關係處"},
    ),
    # The minutes' attendance under them (出席 / 列席 / 请假): their own record.
    (
        minutes_page(
            "出席：赵建勇 盘志强 李红英",
            "列席：蒋文斌（县政府办） 黄卫东（县发改局）",
            "请假：陈国庆（参加市里会议）",
        ),
        {"last": "请假：陈国庆"},
    ),
    # (…not a line of who kept the record alone, nor a leave line alone: someone must attend)
    (minutes_page("请假：陈国庆（参加市里会议）"), {"last": "会议听取了"}),
    # A Taiwan township office's widgets over the text (點閱數, 字級, 分享：Facebook Line) are chrome;
    # its notice's 洽詢電話 under the text is the notice's, the office's 電話 in the footer is not.
    (
        news_page(
            "泠溪鄉公所",
            "泠溪鄉113年溫泉季系列活動開跑",
            "發布日期：113-10-28",
            "點閱數：586",
            "字級：小 中 大",
            "分享：Facebook Line",
            "本鄉113年溫泉季系列活動即日起至12月31日止熱鬧登場，結合在地業者推出多項優惠，歡迎鄉親踴躍參與。",
            "活動期間請多利用大眾運輸工具，本所並於假日加開溫泉接駁車，詳細班次請洽觀光課。",
            "洽詢電話：(03)988-2131分機206",
            "回上一頁",
            "電話：(03)988-2131 傳真：(03)988-5270",
        ),
        {"first": "本鄉113年", "last": "洽詢電話", "date": "2024-10-28"},
    ),
    # Rows whose last cell is blank (the bar alone, left out of the line) between full rows, and an
    # unsigned closing formula right under the table: the text's.
    (
        appointments_page(
            "杜建军 | 任泠源市鄠溪区交通运输局副局长 |",
            "白雪梅 | 免去泠源市鄠溪区文化和旅游体育局副局长职务 |",
            "张立群 | 免去泠源市鄠溪区交通运输局副局长职务 | 另有任用",
            "特此公布。",
        ),
        {"in_body": "白雪梅", "last": "特此公布。"},
    ),
    # (…but a short row under the last full one is not: a sidebar's links under the table)
    (
        appointments_page(
            "侯晓阳 | 任泠源市鄠溪区文化和旅游体育局副局长 | 试用期一年", "区长信箱 | 在线咨询"
        ),
        {"last": "侯晓阳", "not_in_body": "区长信箱"},
    ),
    # A public body's name alone after 資料來源 under the text credits it: the publisher, not a note.
    (
        news_page(
            "165全民防騙網",
            "假投資詐騙案例：LINE投資群組「老師帶單」",
            "刊登日期：2024/02/27",
            "家住新北市的張小姐在臉書上看到知名財經專家推薦股票的廣告，點擊後被引導加入LINE投資群組。",
            "之後張小姐陸續加碼投入共380萬元，當她想提領時，對方卻以各種理由要求她繼續匯款，她這才驚覺受騙。",
            "資料來源：刑事警察局",
            "回上一頁",
        ),
        {"publisher": "刑事警察局", "not_in_body": "資料來源"},
    ),
    # (…a note saying where the figures come from stays the text's)
    (
        news_page(
            "泠源市統計局",
            "2023年泠源市人口變動情況",
            "發布日期：2024-03-01",
            "年末全市常住人口一百二十三萬人，比上年末增加一點二萬人，城鎮化率達到百分之六十八點五。",
            "全年出生人口一點一萬人，出生率為百分之八點九；死亡人口零點九萬人，死亡率為百分之七點三。",
            "資料來源：本公報中人口數據來自人口變動情況抽樣調查。",
            "回上一頁",
        ),
        {"last": "資料來源：本公報"},
    ),
    # Two writers' roles in the brackets closing a long last paragraph: both names.
    (police_repost("2024-05-22 20:14　来源：扬子晚报"), {"author": "宁公宣、陈志"}),
    # A poster's province under its account's date, over its follow button: no writer.
    (police_repost("潇湘晨报", "2024-03-19 17:05", "湖南", "关注", closing=""), {"author": None}),
    # 作者 inside a word is no label (党务工作者, 是作者历时八年); an office's short name (党办) and the
    # editorial office (编辑部) before the writer are no names and no editor's credit.
    (
        hospital_page(
            "三、表彰先进典型。医院对评选出的先进党支部、优秀共产党员和优秀党务工作者进行了表彰。",
            "（文：党办 郑宇 图：宣传科 朱敏）",
        ),
        {"author": "郑宇"},
    ),
    (
        hospital_page(
            "文/编辑部 钟晴",
            "《黄河渡口志》是作者历时八年，沿黄河干流走访四省六十余个古渡口后写成的一部田野调查著作。",
        ),
        {"author": "钟晴", "editors": []},
    ),
    # (…but a label glued to its name is one: 作者魏星 after a counter, as gne prints it)
    (hospital_page("12条评论| 作者魏星"), {"author": "魏星"}),
    # A hospital's health article: who wrote it (撰文, a dietitian), who reviewed it (審稿), and
    # its only date, when it was updated: credits and a date, not the text.
    (
        news_page(
            "泠源紀念醫院",
            "洗腎病人的飲食原則",
            "撰文：營養科 林怡君 營養師",
            "審稿：腎臟科 蔡秀蓮 主任",
            "更新日期：2023/11/02",
            "血液透析病人因腎臟功能喪失，無法有效排除體內多餘的水分、鉀、磷及代謝廢物，因此飲食控制非常重要。",
            "透析過程會流失部分胺基酸，建議每公斤體重每天攝取1.2公克蛋白質，且一半以上來自優質蛋白質。",
        ),
        {"first": "血液透析", "author": "林怡君", "editors": ["蔡秀蓮"], "date": "2023-11-02"},
    ),
    # A notice's sections of labels and no prose (its dates, its contacts), then its signature.
    (
        notice_page(
            "三、重要日期",
            "作品申报截止日期：2024年4月15日",
            "终评展示日期：2024年5月18日",
            "四、联系方式",
            "联系人：王老师 0731-84512236",
            "附件：1. 申报书模板",
            "2. 诚信承诺书",
            "泠源市科学技术协会",
            "2024年3月5日",
            "【打印本页】",
        ),
        {"in_body": "作品申报截止日期", "last": "2024年3月5日"},
    ),
    # (…the last one's labels without a signature are the text's when its heading says whom to ask,
    # 三、联系方式, as set AS labels three procurement notices' (December 7, late night: this page
    # expected them left out); the footer's address under them is not, nor, as a footer prints
    # them too, the phone and fax lines over it that nothing of the section's follows.)
    (
        notice_page("三、联系方式", "联系人：王老师", "电话：0731-84512200", "传真：0731-84512201"),
        {"last": "联系人：王老师", "not_in_body": "地址："},
    ),
    # An exhibition's facts under its announcement, its time and its place: the text's.
    (
        museum_page(
            "展览时间：2024年1月18日至2024年6月30日", "展览地点：三层第六展厅", "票价：免费（需提前预约）"
        ),
        {"last": "票价：免费", "date": "2024-01-18"},
    ),
    (museum_page("展期：2024年4月12日—6月16日", "地點：本館一樓特展室"), {"last": "地點：本館"}),
    # (…not a footer's address and phone under the text, nor a page's own time and its counter)
    (museum_page("地址：泠源市滨河西路18号", "咨询电话：0351-87891234"), {"last": "展览分为三个单元"}),
    (museum_page("更新时间：2024-01-19 09:30", "浏览次数：1024"), {"last": "展览分为三个单元"}),
    # (…nor a time alone: a place is what makes them an event's)
    (museum_page("开放时间：周二至周日 9:00-17:00", "票价：免费"), {"last": "展览分为三个单元"}),
    # A research item's numbered figures under its paper's link: the text's.
    (
        museum_page(
            "论文链接：https://doi.org/10.1111/ele.14123",
            "图1. 鼎湖山20公顷森林动态监测样地",
            "图2. 不同菌根类型树种幼苗存活率与同种成年树密度的关系",
        ),
        {"last": "图2. 不同菌根"},
    ),
    (
        museum_page("論文：Cheng, Y.-W. et al. (2024) Foot-flagging in a frog. Animal Behaviour."),
        {"last": "論文："},
    ),
    # A note in brackets closing the text is the text's; an intern's credit in brackets is not.
    (museum_page("（本次展览由晋南省博物馆与泠源市文物局联合主办）", "附件："), {"last": "（本次展览由"}),
    (museum_page("（实习生王金茹对此文亦有贡献）", "附件："), {"last": "展览分为三个单元"}),
    # (…and a group photo's caption, named by what it shows)
    (museum_page("与会专家在展厅前合影留念", "附件："), {"last": "与会专家在展厅前合影留念"}),
    # (…not a line that opens with 图 and is no figure's: 图书馆 is a library)
    (museum_page("图书馆开放时间调整的通知"), {"last": "展览分为三个单元"}),
    # Writers whose given names end as outlets' names do (建社, 春台): names, not outlets.
    (paper_page("作者：王建社 李明"), {"author": "王建社、李明", "publisher": "泠源日报"}),
    (paper_page("记者 陈春台 通讯员 刘敏"), {"author": "陈春台、刘敏"}),
    # (…but a province's station before its writer is an outlet: 江苏台 is no name.)
    (paper_page("作者：江苏台 李明"), {"author": "李明"}),
    (paper_page("作者：新华社"), {"author": None}),
    # A site's contributor, its role glued to the site's name (时光网特约撰稿 沈一舟).
    (paper_page("泠源网特约撰稿 沈一舟"), {"author": "沈一舟"}),
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
