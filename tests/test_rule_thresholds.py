"""The afternoon round's thresholds at their edges: at the threshold a rule takes the page's shape,
one short of it it leaves the page as it was (the last round's note left thresholds with no such
pair). Each page is built from the constant itself, so a changed threshold moves its test with it
and a broken comparison (< for <=) fails it."""

from __future__ import annotations

import pytest

from tests.support import assert_page_comes_out
from zharchive.stages import blocks, clean, dates, extract
from zharchive.stages.dates import find_dates

MENU = ["泠源市生态环境局", "首页", "环境新闻", "信息公开", "公众参与"]
LEAD = "根据建设项目环境影响评价审批程序的有关规定，经审查，我局拟对下列建设项目作出审批意见，现予以公示。"
FIELDS = [
    ("项目名称", "某某精密部件有限公司新建精密五金件生产项目"),
    ("建设地点", "泠源市黄埭镇春旺路18号"),
    ("建设单位", "某某精密部件有限公司"),
    (
        "项目概况",
        "项目总投资五千万元，租用已建厂房四千八百平方米，新建精密五金件生产线四条，年产五金件两千万件。",
    ),
]
CLOSING = "公示期间，公众如对上述拟审批项目有异议，可通过信函、电子邮件等方式向我局反映。"


def record_page(fields: int) -> str:
    """A pre-approval notice whose project table holds ``fields`` fields, the last one's value text."""
    cells = [cell for name, value in FIELDS[-fields:] for cell in (name, value)]
    lines = ["关于某某项目环境影响报告表拟审批的公示", *MENU, "关于某某项目环境影响报告表拟审批的公示"]
    return "\n".join([*lines, "发布时间：2024-05-20", LEAD, *cells, CLOSING, "【打印本页】"]) + "\n"


@pytest.mark.parametrize(
    ("fields", "taken"), [(clean.MIN_RECORD_FIELDS, True), (clean.MIN_RECORD_FIELDS - 1, False)]
)
def test_a_record_table_needs_its_least_number_of_fields(fields: int, taken: bool) -> None:
    name = FIELDS[-fields][0]
    assert_page_comes_out(record_page(fields), {"in_body": name} if taken else {"not_in_body": name})


def word_table_page(cell: str) -> str:
    """A traffic notice's table of words under its colon, its second column's cells ``cell`` long."""
    rows = [
        f"{place}｜{cell}｜上午7時至下午6時"
        for place in ("孝思墓園對開路段", "偉龍馬路近墓園入口", "西洋墳場一帶")
    ]
    return (
        "\n".join(
            [
                "清明節期間交通安排",
                "澳門特別行政區政府",
                "新聞",
                "清明節期間交通安排",
                "2024-04-02 17:15",
                "為確保交通暢順，治安警察局將於四月四日至四月七日實施以下臨時交通措施：",
                "地點｜措施｜時間",
                *rows,
                "治安警察局呼籲市民盡量乘搭公共交通工具前往拜祭，並預留充足時間。",
                "相關新聞",
            ]
        )
        + "\n"
    )


@pytest.mark.parametrize(
    ("chars", "taken"), [(clean.WORD_TABLE_PHRASE_CHARS, True), (clean.WORD_TABLE_PHRASE_CHARS - 1, False)]
)
def test_a_word_table_needs_a_phrase_in_a_cell(chars: int, taken: bool) -> None:
    # (The first column's places are longer: the phrase is looked for in the rows, any cell; the
    # places are cut to the same length here so that the second column decides.)
    page = (
        word_table_page("禁" * chars)
        .replace("孝思墓園對開路段", "墓園")
        .replace("偉龍馬路近墓園入口", "馬路")
    )
    page = page.replace("西洋墳場一帶", "墳場").replace("上午7時至下午6時", "全日")
    expected = {"in_body": "地點｜措施｜時間"} if taken else {"not_in_body": "地點｜措施｜時間"}
    assert_page_comes_out(page, expected)


def masthead_page(menu_lines: int) -> str:
    """A bureau's page titled with its name alone (no place first), echoed by its masthead over
    ``menu_lines`` menu lines, then its own headline over the text."""
    menu = ["中文", "Português", "English", "主頁", "天氣預報", "熱帶氣旋", "地震資訊", "氣候", "教育"][
        :menu_lines
    ]
    return (
        "\n".join(
            [
                "地球物理氣象局",
                "地球物理氣象局",
                *menu,
                "氣象局與學校合作推廣氣象科普教育",
                "22/03/2024 17:05",
                "為迎接世界氣象日，地球物理氣象局於本週舉辦氣象科普活動，邀請多所學校師生參觀氣象設施。",
                "氣象局表示，將持續透過講座、工作坊及網上資源等多種形式，向公眾推廣氣象知識。",
            ]
        )
        + "\n"
    )


@pytest.mark.parametrize(
    ("menu_lines", "title"),
    [
        # (the echo's lines down to the text: the menu, the headline and its date)
        (clean.MASTHEAD_MENU_LINES - 1, "氣象局與學校合作推廣氣象科普教育"),
        (clean.MASTHEAD_MENU_LINES - 2, "地球物理氣象局"),
    ],
)
def test_a_short_body_name_is_a_masthead_over_a_menu_of_its_length(menu_lines: int, title: str) -> None:
    assert_page_comes_out(masthead_page(menu_lines), {"title": title})


def poster_page(extra: str) -> str:
    """A forum thread: a poster's name over 楼主 and the post's time with ``extra`` after it."""
    return (
        "\n".join(
            [
                "第一次带孩子去看球，说几点感受_泠源论坛",
                "泠源论坛",
                "首页",
                "第一次带孩子去看球，说几点感受",
                "科比的左手护腕",
                "楼主",
                f"2023-12-10 23:12{extra}",
                "周末带孩子去看了一场比赛，他今年七岁，第一次进球馆，全程都很兴奋，回家路上一直在说。",
                "票要早买，球馆里很吵，最好给小孩带上耳塞，散场时人很多，地铁站要排很久的队。",
            ]
        )
        + "\n"
    )


@pytest.mark.parametrize(
    ("extra", "author"),
    [
        (" " + "来" * (extract.POST_TIME_EXTRA_CHARS - 1), "科比的左手护腕"),
        (" " + "来" * extract.POST_TIME_EXTRA_CHARS, None),
    ],
)
def test_a_posters_time_stands_almost_alone(extra: str, author: str | None) -> None:
    assert_page_comes_out(poster_page(extra), {"author": author})


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("113-06-27 10:30".ljust(dates.ROC_ALONE_CHARS), True),
        ("113-06-27 10:30".ljust(dates.ROC_ALONE_CHARS + 1), False),
    ],
)
def test_a_republics_date_alone_fits_its_short_line(line: str, found: bool) -> None:
    assert bool(find_dates(line)) is found


CONTACTS = [
    "六、咨询监督电话",
    "政策咨询电话：0731-84512236",
    "监督电话：0731-84512240",
    "联系人：龚老师",
    "传真：0731-84512241",
    "邮箱：rsj@lingyuan.gov.cn",
    "地址：泠源市人民路88号",
    "邮政编码：410000",
    "投诉电话：0731-84512242",
    "报名电话：0731-84512243",
]
ATTACHMENTS = [f"{n}.泠源市2024年公开招聘岗位表（第{n}批）" for n in range(1, 12)]
ATTACHMENTS[0] = "附件：" + ATTACHMENTS[0]


def contacts_page(contacts: int, attachments: int = 0) -> str:
    """A recruitment notice's last section over its signature: a contacts heading and numbers,
    ``contacts`` lines in all, then an attachment of ``attachments`` items (its label's line first,
    one of the labelled lines)."""
    return (
        "\n".join(
            [
                "泠源市2024年公开招聘事业单位工作人员公告",
                "泠源市人力资源和社会保障局",
                "首页",
                "通知公告",
                "政策法规",
                "泠源市2024年公开招聘事业单位工作人员公告",
                "发布时间：2024-05-20 09:30",
                "根据《事业单位公开招聘人员暂行规定》，经研究，决定面向社会公开招聘工作人员，"
                "现将有关事项公告如下。",
                "报名时间为2024年6月1日至6月7日，报名者须通过本局网站进行网上报名，逾期不予受理。",
                *CONTACTS[:contacts],
                *ATTACHMENTS[:attachments],
                "泠源市人力资源和社会保障局",
                "2024年5月20日",
                "【打印本页】",
                "主办单位：泠源市人力资源和社会保障局",
            ]
        )
        + "\n"
    )


@pytest.mark.parametrize(
    ("contacts", "signed"), [(clean.MAX_CONTACT_LINES, True), (clean.MAX_CONTACT_LINES + 1, False)]
)
def test_a_notices_signature_stands_under_at_most_its_number_of_contact_lines(
    contacts: int, signed: bool
) -> None:
    assert len(CONTACTS) > contacts
    expected = {"last": "2024年5月20日"} if signed else {"not_in_body": "2024年5月20日"}
    assert_page_comes_out(contacts_page(contacts), expected)


@pytest.mark.parametrize(
    ("items", "signed"), [(clean.MAX_ATTACHMENT_ITEMS, True), (clean.MAX_ATTACHMENT_ITEMS + 1, False)]
)
def test_and_under_them_at_most_its_number_of_attachment_items(items: int, signed: bool) -> None:
    # 附件：1.… and its other items beside four labelled lines, the label's line one of the items
    # (set AP's call for comments: six labels, then an attachment of five).
    assert len(ATTACHMENTS) > items
    expected = {"last": "2024年5月20日"} if signed else {"not_in_body": "2024年5月20日"}
    assert_page_comes_out(contacts_page(4, items + 1), expected)


BLURB_WORDS = "本站的写作社区主张分享真实的产品体验和有实用价值的经验我们不定期挑选优质文章展示来自用户的体验"
TEXT_WORDS = (
    "家里有一台闲置了三年的笔记本配置不高用来做家庭影音中心绰绰有余这篇文章记录我从装系统到配置媒体库的过程"
)


def prose_lines(words: str, mass: int) -> list[str]:
    """Paragraphs of 100 Han characters (the last one shorter) weighing ``mass`` in all."""
    sizes = [100] * (mass // 100) + ([mass % 100] if mass % 100 else [])
    lines = []
    for n, size in enumerate(sizes):
        han = (words * 5)[n : n + size]
        lines.append(f"{han[: size // 2]}，{han[size // 2 :]}。")
    assert sum(blocks.prose_weight(line) for line in lines) == mass
    return lines


def credited_blurb_page(blurb: int, text: int) -> str:
    """A platform's blurb marked 精选 over its editor's credit, weighing ``blurb``, and the text right
    under the credit, weighing ``text``."""
    return (
        "\n".join(
            [
                "我如何用旧电脑搭建家庭影音中心_泠源数码",
                "泠源数码",
                "首页",
                "资讯",
                "我如何用旧电脑搭建家庭影音中心",
                "2024年01月09日",
                "Matrix 精选",
                *prose_lines(BLURB_WORDS, blurb),
                "编辑：克莱德",
                *prose_lines(TEXT_WORDS, text),
                "© 2024 泠源数码",
            ]
        )
        + "\n"
    )


BLURB = int(clean.CREDITED_BLURB)
UNDER = int(clean.CREDITED_BLURB * 3 / 4)  # a blurb the text under its credit may dwarf
DWARFS = int(clean.CREDITED_BLURB_DWARFING * UNDER)


@pytest.mark.parametrize(
    ("blurb", "text", "kept"),
    [
        # (a block over the credit of the blurb's mass is the article; one short of it is a blurb)
        (BLURB, 3 * BLURB, "本站"),
        (BLURB - 1, 3 * BLURB, "家里"),
        # (under it, the text under the credit must weigh its factor's times as much)
        (UNDER, DWARFS, "家里"),
        (UNDER, DWARFS - 1, "本站"),
    ],
)
def test_a_credited_blurb_is_one_under_its_mass_and_dwarfed_by_its_factor(
    blurb: int, text: int, kept: str
) -> None:
    assert_page_comes_out(credited_blurb_page(blurb, text), {"first": kept})


def closing_page(*under: str) -> str:
    """A county's minutes: the headline, one item, then ``under`` the text."""
    return (
        "\n".join(
            [
                "县人民政府第四十二次常务会议纪要_泠源县人民政府",
                "泠源县人民政府",
                "首页 政务公开 会议纪要",
                "县人民政府第四十二次常务会议纪要",
                "发布时间：2024-05-11 10:08",
                "2024年5月8日，县长赵建勇主持召开县人民政府第四十二次常务会议，研究部署近期重点工作。",
                "会议听取了县水利局关于防汛抗旱准备工作情况的汇报，要求各乡镇压实责任，做好应对准备。",
                *under,
                "【关闭窗口】",
                "相关稿件",
            ]
        )
        + "\n"
    )


NOTE_WORDS = "本次会议由县政府办公室会同县水利局县应急管理局共同筹备组织"


@pytest.mark.parametrize(("han", "taken"), [(clean.MIN_NOTE_HAN, True), (clean.MIN_NOTE_HAN - 1, False)])
def test_a_closing_note_needs_its_least_number_of_han(han: int, taken: bool) -> None:
    note = f"（{NOTE_WORDS[:han]}）"
    assert len(note) - 2 == han
    assert_page_comes_out(closing_page(note), {"last": note} if taken else {"not_in_body": note})


ATTENDANCE = [
    "出席：赵建勇 盘志强",
    "出席：李红英 唐振宇",
    "出席：奉海林",
    "列席：蒋文斌",
    "列席：黄卫东",
    "列席：刘建华",
]
ATTENDANCE += [f"请假：第{n}位" for n in range(1, 6)]


@pytest.mark.parametrize(
    ("lines", "kept"), [(clean.MAX_ATTENDANCE_LINES, True), (clean.MAX_ATTENDANCE_LINES + 1, False)]
)
def test_a_meetings_attendance_is_taken_to_its_number_of_lines(lines: int, kept: bool) -> None:
    # (one line more than the number: the last one stays out, the rest are taken)
    assert len(ATTENDANCE) > lines
    attendance = ATTENDANCE[:lines]
    expected = {"last": attendance[-1]} if kept else {"not_in_body": attendance[-1], "in_body": attendance[0]}
    assert_page_comes_out(closing_page(*attendance), expected)


FACTS = ["展览时间：2024年1月18日至6月30日", "展览地点：三层第六展厅", "票价：免费", "参观对象：全体市民"]
FACTS += ["主办单位：泠源市博物馆", "承办单位：泠源市文物局", "协办单位：泠源市图书馆", "报名方式：电话预约"]


@pytest.mark.parametrize(
    ("lines", "taken"), [(clean.MAX_EVENT_FACTS, True), (clean.MAX_EVENT_FACTS + 1, False)]
)
def test_an_events_facts_are_taken_to_their_number_of_lines(lines: int, taken: bool) -> None:
    # (more lines of facts than the number are a form or a record, not an announcement's close)
    assert len(FACTS) > lines
    expected = {"last": FACTS[lines - 1]} if taken else {"not_in_body": FACTS[0]}
    assert_page_comes_out(closing_page(*FACTS[:lines]), expected)
