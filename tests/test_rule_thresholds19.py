"""The night round's thresholds at their edges (the last note left them with catch and keep pages
but no pair): at the threshold the rule takes the page's shape, one past it the page comes out as
the rule's absence leaves it. Each page is built from the constant itself, so a changed threshold
moves its test with it and a broken comparison (< for <=) fails it: each pair was checked with the
constant one lower and one higher in place of the real one (both pass), and a shifted comparison
fails one of the two."""

from __future__ import annotations

import pytest

from tests.support import assert_page_comes_out
from tests.test_layouts_sets19 import (
    ARTICLES,
    ISSUED,
    OPENING,
    TRANSCRIPT,
    blog_page,
    conference_page,
    disclosure_page,
    epaper_page,
    regulation_page,
)
from tests.test_layouts_sets20 import RESULT, procurement_page
from tests.test_rule_edges20 import PAGES
from zharchive.stages import clean, extract

# A second opening paragraph: one paragraph over a lineup of nine lines costs less than the lineup,
# whatever its reach, so the pair is looked at over two (who came, then the transcript).
ATTENDEES = (
    "出席发布会的有市发展改革委、市财政局、市工信局等九个部门的负责同志，他们分别介绍了各自领域推进设备更新"
    "和消费品以旧换新的工作情况。"
)
PANEL = ["市发展改革委政策研究室副主任、新闻发言人 宋文杰"] + [
    f"市{office}局副局长 {name}"
    for office, name in zip(
        ["财政", "工信", "商务", "科技", "生态环境", "住建", "交通", "农业农村", "文旅", "水利"],
        ["贺立平", "王海涛", "赵丽华", "孙建国", "周 敏", "吴 刚", "郑 伟", "冯 雪", "陈 晨", "马 骏"],
        strict=True,
    )
]


@pytest.mark.parametrize(
    ("members", "taken"), [(clean.MAX_LINEUP_MEMBERS, True), (clean.MAX_LINEUP_MEMBERS + 1, False)]
)
def test_a_press_conferences_lineup_has_at_most_its_number_of_members_under_a_role(
    members: int, taken: bool
) -> None:
    assert len(PANEL) > members
    lineup = ["发布人：", *PANEL[:members], "主持人：", "市发展改革委新闻处处长 林 静"]
    page = conference_page(OPENING, ATTENDEES, *lineup, *TRANSCRIPT)
    assert_page_comes_out(page, {"in_body": "发布人："} if taken else {"not_in_body": "发布人："})


POLICIES = [
    "1.《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
    "2.《泠源市城乡居民基本养老保险实施办法》（泠政发〔2015〕12号）",
    "3.《人力资源社会保障部关于城乡居民养老保险经办规程的通知》（人社部发〔2019〕84号）",
    "4.《泠源市城乡居民基本养老保险经办规程》（泠人社发〔2020〕6号）",
    "5.《泠源市社会保险业务经办管理办法》（泠人社发〔2021〕3号）",
]


@pytest.mark.parametrize(
    ("items", "taken"), [(clean.POLICY_HEADING_REACH - 1, True), (clean.POLICY_HEADING_REACH, False)]
)
def test_a_guides_policy_heading_reaches_its_number_of_lines_for_a_paragraph(items: int, taken: bool) -> None:
    # (相关政策： / its items / 三、办理流程：…: the paragraph is the heading's items + 1st line under it)
    guide = PAGES["r10_p2_guide_related_policy_heading"]
    assert "\n".join(POLICIES[:2]) in guide and len(POLICIES) >= items
    page = guide.replace("\n".join(POLICIES[:2]), "\n".join(POLICIES[:items]))
    step = "三、办理流程"
    assert_page_comes_out(page, {"in_body": step} if taken else {"not_in_body": step})


@pytest.mark.parametrize(
    ("blanks", "taken"),
    [(clean.ISSUED_TITLE_WINDOW - 3, True), (clean.ISSUED_TITLE_WINDOW - 2, False)],
)
def test_an_issued_documents_title_stands_within_its_number_of_lines_under_the_notice(
    blanks: int, taken: bool
) -> None:
    # (the window counts from under the cover notice: its signature, its day, blank lines, the title)
    page = regulation_page(ISSUED, "泠源县农村公益性公墓建设管理办法")
    page = page.replace("2023年8月15日\n", "2023年8月15日\n" + "\n" * blanks)
    first_article = ARTICLES[0][:6]
    assert_page_comes_out(page, {"in_body": first_article} if taken else {"not_in_body": first_article})


def padded(text: str, chars: int, filler: str) -> str:
    """``text`` and then ``filler``'s first characters, ``chars`` characters in all."""
    assert len(text) + len(filler) >= chars > len(text)
    return text + filler[: chars - len(text)]


@pytest.mark.parametrize(
    ("chars", "taken"), [(extract.ISSUE_DAY_CHARS, True), (extract.ISSUE_DAY_CHARS + 1, False)]
)
def test_an_e_papers_issue_day_is_at_most_its_number_of_characters(chars: int, taken: bool) -> None:
    day = padded("2023年11月21日 星期二", chars, "　" * 20)
    assert_page_comes_out(epaper_page(day, "第03版：要闻"), {"date": "2023-11-21" if taken else None})


@pytest.mark.parametrize(
    ("chars", "taken"), [(extract.DATE_CELL_CHARS, True), (extract.DATE_CELL_CHARS + 1, False)]
)
def test_a_date_cell_under_its_label_is_at_most_its_number_of_characters(chars: int, taken: bool) -> None:
    # (over it, a line is a cell of words, not a date's: the page is dated as without the rule, by
    # the first day in the text, 禁放时间：2023年1月15日…, the event's)
    value = padded("2023-01-11", chars, "（星期三）系统自动生成，以此日期为准")
    cells = ["索引号：", "001008003/2023-00011", "生成日期：", value, "公开方式：", "主动公开"]
    assert_page_comes_out(disclosure_page(*cells), {"date": "2023-01-11" if taken else "2023-01-15"})


@pytest.mark.parametrize(
    ("menu_lines", "named"),
    [(extract.BLOG_MASTHEAD_LINES - 4, True), (extract.BLOG_MASTHEAD_LINES - 3, False)],
)
def test_a_blogs_masthead_names_its_owner_within_its_number_of_removed_lines(
    menu_lines: int, named: bool
) -> None:
    # (removed before the masthead: the page title, 新浪博客, the menu's first line, then these)
    page = blog_page("父亲的老自行车_老树的博客_新浪博客", "老树的博客")
    menu = "".join(f"博文目录{n}\n" for n in range(menu_lines))
    page = page.replace("首页 博文目录 图片 关于我\n", "首页 博文目录 图片 关于我\n" + menu)
    assert_page_comes_out(page, {"author": "老树" if named else None})


# The late-night round's (tests/test_layouts_sets20.py): an outline's least number of sections, and
# how many lines a section on whom to ask may hold.
HEADINGS = [
    "项目编号：LYSL-2024-CG-006",
    "项目名称：泠源县水利局防汛应急物资采购项目",
    "成交信息",
    "采购方式：竞争性谈判",
]
ROWS = [
    "序号 名称 规格型号 数量 单价（元）",
    "1 编织袋 95cm×55cm 100000条 1.20",
    "2 救生衣 成人款 船用 2000件 96.00",
]


@pytest.mark.parametrize(
    ("sections", "taken"), [(clean.OUTLINE_SECTIONS, True), (clean.OUTLINE_SECTIONS - 1, False)]
)
def test_an_outline_needs_its_least_number_of_sections(sections: int, taken: bool) -> None:
    # (labels, then a table's rows, then the one sentence: without the outline, the sentence alone)
    numbers = "一二三四五六"
    assert sections - 2 <= len(HEADINGS)
    notice = [f"{numbers[i]}、{HEADINGS[i]}" for i in range(sections - 2)]
    notice += [f"{numbers[sections - 2]}、主要标的信息", *ROWS]
    notice += [f"{numbers[sections - 1]}、公告期限：自本公告发布之日起1个工作日。"]
    expected = {"first": notice[0]} if taken else {"first": notice[-1]}
    assert_page_comes_out(procurement_page(*notice), expected)


@pytest.mark.parametrize(
    ("lines", "kept"), [(clean.MAX_CONTACT_SECTION_LINES, True), (clean.MAX_CONTACT_SECTION_LINES + 1, False)]
)
def test_a_contact_section_holds_at_most_its_number_of_lines(lines: int, kept: bool) -> None:
    # (the last ones no contact label a notice's close takes under its text: through_signature's)
    labels = [
        "采购人",
        "采购人地址",
        "采购人电话",
        "代理机构",
        "代理机构地址",
        "代理机构电话",
        "项目联系电话",
    ]
    labels += ["监督电话", "传真", "电子邮箱", "采购人联系人", "代理机构联系人", "项目联系人", "监督部门"]
    assert len(labels) >= lines
    contacts = [f"{label}：泠源县水利局{'办公室' * (n % 2)}" for n, label in enumerate(labels[:lines])]
    notice = [*RESULT, "七、联系方式", *contacts]
    expected = {"last": contacts[-1]} if kept else {"last": contacts[-2]}
    assert_page_comes_out(procurement_page(*notice), expected)
