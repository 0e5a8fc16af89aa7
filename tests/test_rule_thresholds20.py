"""Six more thresholds at their edges (sets AJ, AQ and AR's rules and the twenty-first review's,
which left them with catch and keep pages but no pair): at the threshold the rule takes the page's shape,
one past it the page comes out as the rule's absence leaves it. Each page is built from the
constant itself, so a changed threshold moves its test with it and a broken comparison fails it:
each pair was checked with the constant one lower and one higher in place of the real one (both
pass), and with its comparison shifted by one either way in the source (each shift fails one of the
two). The summary's reach is looked at with the leading lines' reach out of its way (see there)."""

from __future__ import annotations

import pytest

from tests.support import assert_page_comes_out
from tests.test_layouts_sets19 import TEXT, agency_page
from tests.test_layouts_sets20 import client_page, federation_page
from tests.test_rule_edges21 import PAGES
from zharchive.stages import clean, extract

# A business daily's credits, a line each, between what opens the block and the time.
CREDITS = [
    "泠源新闻记者 | 周然",
    "泠源新闻编辑 | 林丹",
    "泠源新闻校对 | 陈晓",
    "泠源新闻摄影 | 石磊",
    "泠源新闻审核 | 龙文",
    "泠源新闻监制 | 何平",
]
TIME = "2024/04/01 18:05"


@pytest.mark.parametrize(
    ("credits", "taken"),
    [(clean.LEADING_METADATA_LINES - 2, True), (clean.LEADING_METADATA_LINES - 1, False)],
)
def test_a_date_line_opening_the_block_stands_within_its_number_of_first_lines(
    credits: int, taken: bool
) -> None:
    # (a kicker that exclaims, no 。, the credits, then the time: the kicker is the block's first line)
    kicker = "农资储备充足，春播春管有序推进！"
    assert len(CREDITS) >= credits
    page = agency_page(kicker, *CREDITS[:credits], TIME)
    assert_page_comes_out(page, {"first": TEXT[0][:9]} if taken else {"first": kicker})


@pytest.mark.parametrize(
    ("credits", "taken"),
    [(clean.METADATA_FOLLOWS_LINES - 1, True), (clean.METADATA_FOLLOWS_LINES, False)],
)
def test_a_summary_has_the_date_line_within_its_number_of_lines_under_it(
    credits: int, taken: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a one-sentence summary, the credits, then the time: set AJ's business daily, credits varied)
    # The summary is the block's first line, so its date line is also one of the block's first
    # LEADING_METADATA_LINES, which is one more than this reach: the leading lines' reach is set
    # at least two past it here, so that the pair's second page is left by this reach alone.
    leading = max(clean.LEADING_METADATA_LINES, clean.METADATA_FOLLOWS_LINES + 2)
    monkeypatch.setattr(clean, "LEADING_METADATA_LINES", leading)
    summary = "农资储备充足，春播春管有序推进。"
    assert len(CREDITS) >= credits
    page = agency_page(summary, *CREDITS[:credits], TIME)
    assert_page_comes_out(page, {"first": TEXT[0][:9]} if taken else {"first": summary})


# The text's short closing sentences (under MIN_PROSE_HAN: no paragraph), between its last paragraph
# and a sidebar's 政府信息公开 tree.
CLOSING = [
    "会上通报了典型案例。",
    "各乡镇负责同志参会。",
    "县直各部门列席会议。",
    "会议以视频形式召开。",
    "会后开展了专项检查。",
]


@pytest.mark.parametrize(
    ("closing", "menu"), [(clean.OUTLINE_PROSE_ABOVE - 2, True), (clean.OUTLINE_PROSE_ABOVE - 1, False)]
)
def test_a_tree_of_words_is_a_menu_with_a_paragraph_within_its_number_of_lines_over_it(
    closing: int, menu: bool
) -> None:
    # (the paragraph, the short sentences, 政府信息公开, then 一、机构概况 / 机构职能 / …: further up, the
    # tree is an outline, the text's)
    page = PAGES["r5_gov_news_sidebar_tree_after"]
    assert "\n政府信息公开\n一、机构概况\n" in page and len(CLOSING) >= closing
    between = "".join(f"{line}\n" for line in CLOSING[:closing])
    page = page.replace("\n政府信息公开\n", f"\n{between}政府信息公开\n")
    assert_page_comes_out(page, {"not_in_body": "机构职能"} if menu else {"in_body": "机构职能"})


# A live page's and a county client's header lines, a line each, between the headline and the time.
STAFF = ["直播记者：潘林 杨秀英", "摄影：石磊", "责任编辑：吴婷", "审核：龙文", "监制：何平"]


@pytest.mark.parametrize(
    ("staff", "taken"), [(extract.LIVE_TIME_LINES - 1, True), (extract.LIVE_TIME_LINES, False)]
)
def test_a_live_pages_live_time_stands_within_its_number_of_lines_under_the_headline(
    staff: int, taken: bool
) -> None:
    # (图文直播｜… / the staff's lines / 直播时间：… / 来源：…: further down, an event's time, no date)
    assert len(STAFF) >= staff
    page = client_page(*STAFF[:staff], "直播时间：2024-07-10 19:30", "来源：泠源县融媒体中心")
    assert_page_comes_out(page, {"date": "2024-07-10 19:30" if taken else None})


@pytest.mark.parametrize(
    ("staff", "taken"), [(extract.YEARLESS_OUTLET_LINES - 1, True), (extract.YEARLESS_OUTLET_LINES, False)]
)
def test_an_outlet_before_a_yearless_day_stands_within_its_number_of_lines_under_the_headline(
    staff: int, taken: bool
) -> None:
    # (the headline / the staff's lines / 泠源县融媒体中心 03-18 09:12: further down, no publisher)
    assert len(STAFF) >= staff
    page = client_page(*STAFF[:staff], "泠源县融媒体中心 03-18 09:12", "阅读 1.3万")
    assert_page_comes_out(page, {"publisher": "泠源县融媒体中心" if taken else None})


@pytest.mark.parametrize(
    ("chars", "menu"), [(extract.MENU_ITEM_CHARS, True), (extract.MENU_ITEM_CHARS + 1, False)]
)
def test_a_menu_item_of_the_header_is_at_most_its_number_of_characters(chars: int, menu: bool) -> None:
    # (the column after the date, 2024-03-25　|　…會務新聞, is in the header's menu: longer, the line is
    # no menu item, and the column, an outlet's name, is the publisher)
    name = ("香港泠源社團聯會" + "會務新聞")[-chars:]
    assert len(name) == chars
    page = federation_page(f"2024-03-25　|　{name}", menu=name)
    assert_page_comes_out(page, {"publisher": None if menu else name})
