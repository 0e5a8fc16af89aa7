"""Stage 4: decoded text → the article's lines, with every other line accounted for.

The page is read as lines. Repairs run first (white space, stray ``|``, byte shifts and pinyin
annotations). Then the page's structure is read: the article block is the run of lines with the most
prose in it (prose lines — long, Han-dense, punctuated — count for their Han characters; every other
line counts against, the more the more it looks like a menu item; three or more headline-like lines
in a row are a link list and count against however many commas they have), found in one pass
(maximum-sum run). When a line repeats the page title (the headline), the article is the block that
starts after it, and ends at a barrier (related list, comment section, feed item, legal notice,
credits, the site's own links) or at a long gap of menu-like lines; some barriers (a licence notice,
a comment counter) may stand between the headline and the text. A page without any prose keeps its
longest run of lines longer than menu items (a table of contents). That splits the page into
zones: header (before it), body, footer (after it). Lines outside the block are the site's, unless
they are the title or metadata: each is removed with the id of the rule that names it best (a chrome
rule, a metadata label, or ``structure.header``/``structure.footer`` when no rule names it). Inside
the block only rules whose zone is ``anywhere`` apply, so a body sentence containing 分享到 or
版权所有者 survives. Every line that is not body goes to ``removed``, so "where did line 31 go?" is
answered by one lookup. Bracketed editor credits (（责任编辑：王五）) leave their names in ``editors``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice, pairwise, takewhile
from typing import Any

from zharchive.rules import (
    ANY_ZONE,
    LINE_ZONES,
    LONGEST_CHROME_LINE,
    LineRule,
    RuleSet,
    load_rules,
    zone_applies,
)
from zharchive.stages.audit import LineRemoved, LineRepaired
from zharchive.stages.blocks import (
    BARRIER,
    BEFORE_BARRIER_SHARE,
    CHROME_LINE_COST,
    CONTENT_LINE_COST,
    HEADLINE_MAX_HAN,
    HEADLINE_RUN,
    LISTED_ITEM_COST,
    MAX_TITLE_CHARS,
    SHORT_LINE_COST,
    SHORT_LINE_COST_PER_CHAR,
    best_block,
    block_mass,
    first_block,
    is_headline_like,
    is_labelled_item,
    list_weight,
    prose_weight,
)
from zharchive.stages.dates import MONTHS_RANGE, cn_number, find_dates
from zharchive.stages.repair import (
    MIN_PINYIN_ANNOTATIONS,
    count_pinyin_annotations,
    lines_needing_repair,
    normalise_whitespace,
    remove_pinyin_annotations,
    repair_byte_shifts,
    strip_trailing_pipe,
)
from zharchive.text import (
    COLUMN_WORDS,
    COMMON_SURNAMES,
    GOVERNMENT_ACCOUNT,
    PUBLIC_BODY_WORDS,
    SITE_VERSION_WORDS,
    SUBSTANCE,
    WEEKDAY,
    han_count,
    is_prose,
    normal_line,
    split_lines,
)

# A byline is not a headline: 新华社记者邹多为、唐诗凝、丁乐 / 通讯员：焦倩 (a role word, then a name
# that a separator or the line's end closes; 记者节：致敬… is no byline).
# (Or the name first, then the role at an outlet: 甘霖 | 溯江融媒记者, an app's share page.)
_BYLINE_LINE = re.compile(
    # (…a Taiwan paper's, its place after a full-width slash: 記者李金生／金城報導, set AW)
    r"(?:记者|記者|通讯员|通訊員|作者)[:：\s]*[\u4e00-\u9fff·]{2,4}(?:[、,，/／\s]|$)"
    r"|^\s*[\u4e00-\u9fff·]{2,4}\s*[|｜丨/／]\s*[\u4e00-\u9fff]{0,10}(?:记者|記者|通讯员|通訊員)\s*$"
    # (a WeChat post's header, 原创 阿屿 岚湾城事: its writer and its account, set R)
    r"|^\s*(?:原创|原創)\s+\S{2,20}(?:\s+\S{2,20})?\s*$"
)
# The dateline rule's own date shape, not dates.find_dates: a page that glues its outlet to the
# seconds (dev 0987…: 2021-01-20 04:29:4439健康网) is read here as 04:29:44 then 39健康网, where
# find_dates refuses a clock followed by a digit. find_dates then says how far the date runs.
DATE_PATTERN = (
    r"(?P<year>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<month>\d{1,2})\s*(?:月|[-/.])\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*(?P<hour>\d{1,2})\s*[:：]\s*(?P<minute>\d{2})(?:\s*[:：]\s*(?P<second>\d{2}))?)?"
)
# The names in a bracketed editor credit, (责编：胡永秋、杨光宇): they go to the ``editors`` field.
BRACKETED_CREDIT_RULE = "credit.bracketed"
# (Not the unit that supplied the text: （供稿：急性传染病防制科　审核：伍知秋） credits 伍知秋.)
_BRACKETED_CREDIT = re.compile(
    r"(?<!供稿)(?<!单位)(?<!單位)[:：]\s*(?P<names>[^()（）【】\[\]]*?[^\s()（）【】\[\]])\s*[)）】\]]\s*(?:\d{6,8}\s*)?$"
)
# …and without the colon, (编辑 张大伟): the names after the label's word and a space.
_BRACKETED_CREDIT_SPACED = re.compile(
    r"^[(（【\[]\s*[^\s:：()（）【】\[\]]+\s+(?P<names>[^:：()（）【】\[\]]*?[^\s()（）【】\[\]])\s*[)）】\]]\s*(?:\d{6,8}\s*)?$"
)
_DATELINE = re.compile(rf"^{DATE_PATTERN}(?P<rest>.*)$")
MIN_TITLE_HAN = 4
MIN_SHORT_TITLE_HAN = 2
MAX_PAGE_TITLE_CHARS = 300
MAX_LABEL_VALUE_CHARS = 80
# How far above the article block the headline may sit (non-blank lines; metadata lines between
# the headline and the text are common, long menus are not).
TITLE_WINDOW = 12
# The article's block may open with its headline and date line (both kept as text when the headline
# reads as prose); the date line is looked for among its first lines, and is this short at most.
# (Four: a business daily's dek, its reporter's and its editor's lines, then its time, set AJ.)
LEADING_METADATA_LINES = 4
# …and a paragraph over it is a summary when the page's date or source line follows within this many.
METADATA_FOLLOWS_LINES = 3
# A letter's, a notice's or a speech's salutation: to whom the text speaks.
_SALUTATION = re.compile(
    r"\s*(?:(?:各|尊敬的|亲爱的|親愛的|同志们|同志們|女士们|女士們|朋友们|朋友們)[^。！？!?：:]{0,38}"
    # (or the people a notice or an appeal is to: 广大游客朋友：, 全市餐饮企业及从业人员：)
    # (鹭湾花园全体业主：, a residents' meeting notice's, set K)
    # (…not words to them: 市委书记寄语全体青年：, a report's deck line, the thirteenth review's page)
    r"|(?:广大|廣大|(?![\u4e00-\u9fff]{0,10}?(?:寄语|寄語|致|给|給|对|對|告)全)[\u4e00-\u9fff]{0,10}?(?:全体|全體)|"
    r"全市|全县|全縣|全区|全區|全镇|全鎮|全村|全省|"
    r"全校|各位)[^。！？!?：:，,\s]{0,18}"
    r"(?:朋友|人员|人員|同志|同学|同學|居民|市民|村民|家长|家長|读者|讀者|游客|遊客|"
    # (全县广大妇女同胞们：, a women's federation's holiday letter, set O)
    r"旅客|乘客|用户|用戶|会员|會員|乡亲|鄉親|师生|師生|职工|職工|群众|群眾|业主|業主|同胞|姐妹|"
    r"志愿者|志願者|党员|黨員|干部|幹部|青年)们?"
    # (not 分享给朋友：, 今日值班人员：: a widget's and a roster's labels)
    # (or one person with the post a reply is to: 柏晓岚委员：, a proposal's reply; 龚明德代表：, a
    # people's-congress deputy's suggestion's)
    r"|[\u4e00-\u9fff·]{2,4}(?:委员|委員|同志|先生|女士)"
    # (or a year's new students: 2024级高一新同学：, a school's registration notice, set X)
    r"|(?:19|20)\d{2}\s*(?:级|級|届|屆)[\u4e00-\u9fff]{0,8}(?:同学|同學|新生|学生|學生|家长|家長)们?)"
    r"\s*[：:]\s*"
)
# …or a people's-congress deputy whose suggestion a reply answers (龚明德代表：): a person's name,
# which starts with a common surname; a kind of deputy (人大代表：, 参会代表：, 志愿者代表：, a
# roster's label: the second review's pages) does not.
_DEPUTY = re.compile(r"\s*(?P<name>[\u4e00-\u9fff]{2,3})代表\s*[：:]\s*")
# …or the parties a court's notice is served on, by name alone (邱明霞：, 邱明霞、杜国栋：, set K's
# notice served by publication): a person's name, starting with a common surname (热点：, 提示：
# are a page's labels).
_PARTY = re.compile(r"\s*(?P<name>[\u4e00-\u9fff]{2,3})(?:[、，,][\u4e00-\u9fff]{2,3}){0,3}\s*[：:]\s*")


def _is_salutation(text: str) -> bool:
    if _SALUTATION.fullmatch(text):
        return True
    named = _DEPUTY.fullmatch(text) or _PARTY.fullmatch(text)
    return named is not None and named["name"][0] in COMMON_SURNAMES


# A sentence over the first paragraph that introduces what follows (本院定于下列时间依法公开开庭审理
# 以下案件：, 现将有关事项公告如下：): the text's first line, though it costs like a heading.
# (A document's verb before it: 微信扫描以下二维码：, 点击下方按钮收听以下内容： introduce a widget.)
_LEAD_IN = re.compile(
    r"[^。！？!?]{0,40}(?:现将|現將|公告|通知|审理|審理|公布|公示|安排|说明|說明|通报|通報|决定|決定)"
    r"[^。！？!?]{0,40}(?:如下|以下[\u4e00-\u9fff]{0,8}|下列[\u4e00-\u9fff]{0,8})\s*[：:]\s*"
)
# An interview's question, who asks first (记者：您是从什么时候开始学刺绣的？, 主持人：…？, 问：…？): right
# over the first answer it is the text's first line (set AX's 非遗对话: the page's first question was
# taken for its headline and cut from the text).
_INTERVIEW_QUESTION = re.compile(r"\s*(?:记者|記者|主持人|问|問|网友|網友)\s*[:：].*[？?][”」]?\s*")
# …or a short word alone, a colon after it or not (案情回顾, 网传：), when the text holds another of its
# kind standing over a paragraph (作案手法, 真相：): a fact-check's or a case report's sections (sets K
# and L lost their first heading). (Not a label with its value, 分类：折腾记录 over a blog post.)
_PLAIN_HEADING = re.compile(r"\s*[\u4e00-\u9fff]{2,8}\s*(?P<colon>[：:])?\s*")
MIN_SECTION_CHARS = 20  # what a heading stands over: a paragraph, not another short line
# (…and not a post's day or where it was posted from: 昨天 over a news brief, 来自甘肃 under an
# account's name, the corpora's readhub and dev 0eeb… pages)
_WHEN_OR_WHERE = re.compile(
    r"\s*(?:来自|來自|发布于|發布於|发表于|發表於|昨天|今天|前天|刚刚|剛剛|今日|昨日)"
)


def _below(lines: list[str], index: int, *, until: int | None = None) -> int | None:
    """The first non-blank line after ``index`` (before ``until``, the page's end by default)."""
    return next((i for i in range(index + 1, len(lines) if until is None else until) if lines[i]), None)


def _above(lines: list[str], index: int, *, since: int = 0) -> int | None:
    """The last non-blank line before ``index`` (from ``since`` on)."""
    return next((i for i in range(index - 1, since - 1, -1) if lines[i]), None)


def _texts_before(lines: list[str], index: int, limit: int) -> Iterator[int]:
    """The non-blank lines before ``index``, nearest first, ``limit`` of them at most."""
    return islice((i for i in range(index - 1, -1, -1) if lines[i]), limit)


def _texts_after(lines: list[str], index: int, limit: int, *, until: int | None = None) -> Iterator[int]:
    """The non-blank lines after ``index``, ``limit`` of them at most (before ``until``)."""
    return islice((i for i in range(index + 1, len(lines) if until is None else until) if lines[i]), limit)


def _opens_plain_sections(lines: list[str], heading: int, start: int, end: int) -> bool:
    text = lines[heading].strip()
    found = _PLAIN_HEADING.fullmatch(text)
    if (
        found is None
        or _WHEN_OR_WHERE.match(text)
        or SIGNATORY.fullmatch(text)  # (永州市公安局 over an entry's lead: a body's name)
        or (found["colon"] is None and len(text) <= 3 and text[0] in COMMON_SURNAMES)  # 林远山: a byline
    ):
        return False
    texts = [i for i in range(start, end + 1) if lines[i]]
    # (A word with no colon needs two of its length, give or take one: a short line in a text is
    # often a sub-heading of its own, and a column's kicker over the text (民生调查) is shorter or
    # longer than the text's own headings: the twelfth review's pages.)
    others = sum(
        1
        for i, j in pairwise(texts)
        if (other := _PLAIN_HEADING.fullmatch(lines[i])) is not None
        and (other["colon"] is None) == (found["colon"] is None)
        and (found["colon"] is not None or abs(len(lines[i].strip()) - len(text)) <= 1)
        and len(lines[j].strip()) >= MIN_SECTION_CHARS
    )
    return others >= (1 if found["colon"] else 2)


# A text's first sub-heading, numbered one or in brackets, short: the sections' start.
_CLOCK = r"(?:[01]?\d|2[0-3])[:：][0-5]\d"  # a clock alone on its line: a live blog's entry's
_FIRST_HEADING = re.compile(
    r"\s*(?:(?P<number>一、|[(（]一[)）]|1[、.．](?!\d))[^。！？!?]{1,30}|(?P<bracket>【[^】]{2,10}】)"
    # (…or a live blog's clock over its newest entry, its other entries' clocks in the text: 11:05
    # over 本届赛事关门时间到…, set P's marathon and press conference)
    rf"|(?P<clock>{_CLOCK}))\s*"
)
MIN_ENTRY_CLOCKS = 2
# An app's open button at the top of its share page (打开APP, 打开, 打开客户端), within this many lines
# of the page title (the metadata stage reads a share page by it too: extract._shared_page).
OPEN_BUTTON = re.compile(
    r"\s*(?:打开|打開|立即打开|立即打開|APP内打开|App内打开)\s*(?:APP|App|app|客户端|客戶端)?\s*"
    # (…with its promise beside it: 打开APP 阅读领积分, a learning platform's share page, set V;
    # 打开APP 查看更多精彩评论与回复, the eighteenth review's union app)
    r"|\s*(?:打开|打開)\s*(?:APP|App|app|客户端|客戶端)\s+[\u4e00-\u9fff]{2,16}\s*"
)
# (…nor a word alone or a channel's link: 中国政库 >, a 澎湃 share page's)
_SHORT_TITLE_WORD = re.compile(r"\s*[\u4e00-\u9fff]{1,4}\s*|.{1,8}[>》»]\s*")
OPEN_BUTTON_LINES = 4
OUTLET_LINE_CHARS = 8
HEADLINE_OVER_NAME = 2  # how many times longer than an outlet's line the headline over it is, at least
MENU_ROW_WORDS = 3  # a menu's row: its items parted by spaces (首页 新闻 城建 文旅 视频)
# A reader mode's first line, its host (www.danshui.gov.cn).
_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.I)
_OUTLET_END = re.compile(
    r"(?:网|網|报|報|新闻|新聞|客户端|客戶端|号|號|台|社|刊|频道|頻道)$"
)  # an outlet's or a channel's name under a headline (中新网客户端, 扬子晚报网)
MIN_ENTRY_HAN = 10  # an entry is a sentence at least (发令枪响，万名跑者从市民广场出发。)
_ENTRY_CLOCK = re.compile(rf"\s*{_CLOCK}\s*")
_BRACKET_HEADING = re.compile(r"\s*【[^】]{2,10}】")
# A notice's outline (一、招聘岗位及人数 / 二、应聘条件 / 三、报名方式): its next heading is looked for
# this many non-blank lines after the text's block, over what cost the block its end (a table
# printed one cell a line: 岗位名称 / 招聘人数 / 3 / 计算机科学与技术).
OUTLINE_WINDOW = 60
_OUTLINE_NUMBERS = "一二三四五六七八九十"
_OUTLINE_HEADING = re.compile(r"\s*(?P<number>[一二三四五六七八九十])、[^。！？!?]{1,30}")
# How a site's or a public body's name ends: a page title that is only that names no article, nor
# does a line of at most SITE_NAME_CHARS that is the title's first part.
SITE_NAME_CHARS = 10
# A table's row in a text dump: its cells parted by white space, at least this many.
TABLE_MIN_CELLS = 3
# A note under a table's rows, bracketed or labelled (（其余9名人员名单详见附件）, 注：…): not a list's
# closing link (更多高温天气相关报道, 点击排行榜每小时更新一次: the review's pages).
# (…or its label alone over numbered notes: 附注： / 1.规模以上工业统计范围为… , a statistics bureau's
# release, set AJ)
_TABLE_NOTE = re.compile(
    r"[(（][^()（）]{2,40}[)）]|(?:注|備註|备注|说明|說明)\s*[:：].{1,60}|(?:附注|附註|注|備註|备注|说明|說明)\s*[:：]"
)
# How long the first part of a page title is when it is a headline, not a section's or a site's name
# (通知公告 - 某某市人民政府, 工作动态_某某市公安局).
TITLE_PART_MIN_HAN = 8
_SITE_OR_BODY = re.compile(
    # (An e-paper's masthead and title: 荆州日报 数字报, 姑苏晚报 - 数字报刊平台, 澳門時聞報 電子版.)
    r"(?:网|網|网站|網站|门户|門戶|新闻|新聞|日报|日報|晚报|晚報|早报|早報|时报|時報|数字报|數字報|电子版|電子版|"
    r"电子报|電子報|报刊平台|報刊平台|政府|法院|检察院|檢察院|公安局|警務處|警务处|委员会|委員會|"
    r"办公室|辦公室|管理局|人民政府|大学|大學|学院|學院|医院|醫院|融媒|融媒体|融媒體|客户端|客戶端|"
    # (…a school's, a federation's or a library's name alone as an old site's first line: 桃江县职业
    # 中专学校, 海城市妇女联合会 over their menus, set AU)
    r"学校|學校|中学|中學|小学|小學|联合会|聯合會|图书馆|圖書館|"
    # (…a government's press releases, 香港特別行政區政府 新聞公報, set AZ)
    r"新闻公报|新聞公報|"
    # (泠水县司法局 over its news: a department's site, set K; 某某市公安局交警支队; with its place's
    # level before it: 车市价格战困局 and 城市会客厅 are headlines, the twelfth review's pages)
    r"(?:省|市|县|縣|区|區|州|旗|镇|鎮)[\u4e00-\u9fff]{0,8}(?:局|厅|廳|支队|支隊|大队|大隊|派出所|监狱|監獄))"
    # (…and the version of the site the page is from: 峒岭县人民政府 手机版, 霁州市公安局　打印页, set O.)
    rf"(?:\s*(?:{SITE_VERSION_WORDS}))?\s*$"
)
# A body's short name, as a mobile page prints it over its menu (霁州铁路公安, 泠源公安, 霁州妇联: set
# O's): a site's name (is_site_name); where it is a page title, the headline only when a longer
# title-like line that names no site stands under it (_short_body_over): alone, a WeChat post's page
# title may end so (致敬最美消防, the thirteenth review's page), and it stays the headline.
_SHORT_BODY = re.compile(
    rf"^[\u4e00-\u9fff]{{2,6}}(?:{PUBLIC_BODY_WORDS})(?:\s*(?:{SITE_VERSION_WORDS}))?\s*$"
)
_SUBTITLE = re.compile(r"\s*(?:—|--|－－)")  # (— covers ——)
# A label alone, its value in the lines under it (报告人简介：): an item of a programme.
_LABEL_ALONE = re.compile(r"\s*[^：:\s]{1,8}[：:]\s*")
MIN_PROGRAMME_ITEMS = 3
# A section's heading alone on its line: a few words, no sentence's or label's punctuation (报告摘要,
# 剧情简介, 前言).
_SECTION_HEADING = re.compile(r"\s*[\u4e00-\u9fff]{2,6}\s*")
_TOPIC_PAGE = re.compile(r"(?:专题|专栏|專題|專欄)\s*$")
# A picture's caption: what the picture shows (图为…, 上图：…), a figure's number and title under a
# research news item (图1. 鼎湖山20公顷森林动态监测样地, 圖二：…, set AI's institute pages), a group
# photo's.
# (…a group photo's, named by what it shows: 党员们在陈列馆前合影, set AI's institute page)
_GROUP_PHOTO_CAPTION = r"[^。！？!?，,；;：:]{2,30}(?:合影|合影留念|合照|留影)\s*"
_GROUP_PHOTO = re.compile(_GROUP_PHOTO_CAPTION)
# (who took a picture, in brackets at its caption's end: （胡晓春 摄）, （研究团队供图）)
_PHOTO_CREDIT = r"[（(][^（()）]{0,20}?(?:摄|攝|供图|供圖)\s*[)）]\s*"
_CREDITED_ONLY = re.compile(rf"(?P<shows>[^。！？!?；;（(]{{2,60}}?){_PHOTO_CREDIT}")
_CAPTION = re.compile(
    r"\s*[（(]?(?:图为|圖為|上图|下图|左图|右图|上圖|下圖|左圖|右圖"
    # (not a gallery's thumbnails, 图1 图2 图3 图4, the eighteenth review's page)
    r"|[图圖]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:\s*[-－]\s*\d{1,2})?\s*[.．、:：\s]\s*(?![^\n]*[图圖]\s*\d))\S"
    rf"|{_GROUP_PHOTO_CAPTION}$"
    # (…or what it shows with who took it in brackets: 光明顶雾凇（胡晓春 摄）, 秦岭野生大熊猫在采食竹笋
    # （研究团队供图）, sets AX's galleries under the text)
    rf"|[^。！？!?；;]{{2,60}}?{_PHOTO_CREDIT}$"
)
# (…but not a photo-news box's first item, another item's headline under it: 市司法局领导与新任人民
# 调解员合影 / 全市人民调解工作会议召开, the eighteenth review's page)
# (Not the page's buttons under it, 【打印本页】 【关闭窗口】: a headline is words, quotes and figures.)
_WIDGET_ITEM = re.compile(r"\s*[\u4e00-\u9fff\d“”\"《》·\s]{6,40}")
WIDGET_ITEM_HAN = 6


def _widget_item(lines: list[str], index: int) -> bool:
    """Whether the line under ``index`` is another item of a box of headlines."""
    below = _below(lines, index)
    return (
        below is not None
        and han_count(lines[below]) >= WIDGET_ITEM_HAN
        and _WIDGET_ITEM.fullmatch(lines[below]) is not None
    )


MAX_TRAILING_CAPTIONS = 3
CREDITED_CAPTION_CONTEXT = 6  # the text's lines over its captions that they may echo


def _shares_two(shows: str, said: str) -> bool:
    """Two Han characters in a row of ``shows`` also in a row in ``said``."""
    return any(
        "\u4e00" <= shows[i] <= "\u9fff" and "\u4e00" <= shows[i + 1] <= "\u9fff" and shows[i : i + 2] in said
        for i in range(len(shows) - 1)
    )


# An exhibition's or an event's facts under its announcement, a label a line (展览时间：2024年1月18日至
# 6月30日 / 展览地点：三层第六展厅 / 票价：免费): the text's, when they name its time and its place
# (set AI's museums and galleries, 3 pages). The time is a day on the calendar, 2024年1月18日 or 4月
# 12日: a service hall's, a museum's or a reception's hours and place (办公时间：工作日… / 办公地点：…)
# are a widget's, the eighteenth review's pages; nor is a page's own time (发布时间, 更新时间). The
# event's organisers and speaker go on with its facts (主讲人：…, 主办单位：…).
_EVENT_FACT = re.compile(
    r"\s*(?:(?P<time>(?![^:：]{0,4}?(?:发布|發布|更新|发表|發表|录入|錄入|上传|上傳|修改|访问|訪問|浏览|瀏覽|生成|"
    r"办公|辦公|开放|開放|服务|服務|营业|營業|接访|接訪|接待|受理|工作|咨询|諮詢))"
    r"(?:[\u4e00-\u9fff]{0,4}(?:时间|時間|日期)|展期|会期|會期)(?=\s*[:：][^:：]{0,20}(?:\d{1,2}\s*月|\d{4}\s*[年/.\-])))"
    r"|(?P<place>[\u4e00-\u9fff]{0,4}(?:地点|地點|场地|場地))"
    r"|票价|票價|门票|門票|费用|費用|(?:参加|參加|参观|參觀|面向)?(?:对象|對象)"
    r"|主讲人?|主講人?|主讲嘉宾|主講嘉賓|嘉宾|嘉賓|(?:主办|主辦|承办|承辦|协办|協辦)(?:单位|單位)?|报名方式|報名方式)"
    r"\s*[:：]\s*\S.{0,60}"
)
MAX_EVENT_FACTS = 6
# Who attended a meeting, under its minutes (出席：… / 列席：… / 请假：…, as GB/T 9704's 纪要 lists them
# at its end): the minutes' own record (set AG's county executive meeting lost all three lines).
_ATTENDANCE = re.compile(
    r"\s*(?:(?P<present>出席|参会|參會|参加|參加|与会|與會)(?:人员|人員|领导|領導|单位|單位)?"
    r"|列席(?:人员|人員|单位|單位)?|(?:缺席|请假|請假)(?:人员|人員)?|记录|記錄|记录人|記錄人|主持|主持人)"
    r"\s*[:：]\s*\S.{0,200}"
)
MAX_ATTENDANCE_LINES = 5
MAX_CAPTION_CHARS = 120
# The paper a research news item reports on, cited under its last paragraph (论文信息：Bai K, et al.
# …, 论文链接：https://doi.org/…, 論文：Cheng, Y.-W. et al. (2024) …): the text's own reference, as
# three held-out sets' labels have it.
_PAPER_REFERENCE = re.compile(
    r"\s*(?:(?:论文|論文)(?:链接|鏈接|信息|資訊|题目|題目|标题|標題|地址|出处|出處)|DOI)\s*[:：]\s*\S.{0,300}"
    # (论文： alone only before a citation, its authors in Latin letters or its title in 《》: not a
    # laboratory's count, 论文：86篇, the eighteenth review's page)
    r"|\s*(?:论文|論文)\s*[:：]\s*(?=[^\n]*(?:[A-Za-z]{2,}|《))\S.{0,300}"
)
MAX_PAPER_REFERENCES = 3
# A note in brackets closing the text, a sentence of its own (（本次活动由…联合开展）, set AI's volunteer
# diary; （详见《…政府工作报告》全文）, set AG's): no byline's or credit's words, no 原标题, no 综合, no
# intern's credit (（实习生王金茹对此文亦有贡献）, gne ifeng_1).
_CLOSING_NOTE = re.compile(
    r"\s*[（(](?![^）)]*(?:来源|來源|来自|來自|转自|轉自|转载|轉載|编辑|編輯|责编|責編|记者|記者|通讯员|通訊員|作者|"
    r"摄|攝|供稿|完|原标题|原標題|原题|原題|综合|綜合|[文图圖]\s*[:：/／]|实习生|實習生|贡献|貢獻))"
    r"[^（）()]{12,120}[)）]\s*"
)
MIN_NOTE_HAN = 12
# Where and when an essay or a diary was written, signed under its last paragraph (——写于搬家后的第三天):
# the writer's own line.
_WRITTEN_AT = re.compile(r"\s*(?:——|—|--|－－)\s*(?:写于|寫於|作于|作於|记于|記於|草于|草於)\S.{0,30}")

# Chrome that stands where the text had a picture or a video (an image's file name,
# 20240726_yexun_01.jpg; a gallery's 1/5 / 上一张 / 下一张): removed all the same, but it costs the
# article block nothing. At a menu line's cost, a file name and its caption between two paragraphs
# ended a police report after its first (set G #04, #47), a carousel a bureau's report (set J #16);
# a PDF's page number (— 1 —) splits a notice's sentence in two (set K).
MEDIA_CONTROL_RULE = "chrome.media_control"
_NEUTRAL_CHROME = frozenset(
    {"chrome.image_file", MEDIA_CONTROL_RULE, "chrome.page_number", "chrome.inline_card", "chrome.form_field"}
)
RELATED_RULE = "chrome.related"
ACCOUNT_CARD_RULE = "chrome.account_card"  # a WeChat account's card: 微信号 … / 功能介绍 …
WIDGET_RULE = "chrome.widget"
# A related box inside the text: its heading (the words Taiwan's and the mainland's papers box with),
# at most BOX_ITEMS items of at most BOX_ITEM_CHARS, then paragraphs of at least BOX_PARAGRAPH_CHARS.
_BOX_HEADING = re.compile(
    r"\s*[【\[]?\s*(?:延伸閱讀|延伸阅读|相關新聞|相关新闻|相關閱讀|相关阅读|推薦閱讀|推荐阅读)\s*[】\]]?\s*"
)
BOX_ITEMS = 4
BOX_ITEM_CHARS = 30
BOX_PARAGRAPH_CHARS = 30
_STOPS = ("。", "！", "？", "!", "?", "”", "」", "…")
_CONTACT_RULE = "footer.contact"
# A player's length under its start (视频加载中... / 00:00 / 01:24, set J's fire-safety page): a clock
# alone on its line, the player's only right under its other controls.
_PLAYER_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
# (…alone or over its length, 00:00 / 02:18, under a video's play counter, chrome.media_control's
# 播放量：2.3万, whose words say which of that rule's patterns a line matched)
_PLAYER_CLOCK = re.compile(rf"{_PLAYER_TIME.pattern}(?:\s*/\s*{_PLAYER_TIME.pattern})?")
_PLAY_COUNT_WORDS = ("播放量", "播放次数", "播放次數")
# A table printed one cell a line under the text (a bulletin's 河流名称 / 断面数 / 水质类别 / 抚河 / 8 /
# Ⅱ类 / 崇仁河 / 5 / Ⅲ类): a header row of words, then at least TABLE_MIN_ROWS rows whose cells have
# the header's count and, column by column, the same kind (a number or not), one column a number.
TABLE_MAX_COLUMNS = 6
TABLE_MIN_ROWS = 2
TABLE_CELL_CHARS = 24
TABLE_WINDOW = 120
TABLE_TEXT_LINES = 30
# A cell: words, figures and a unit, no sentence's or link's punctuation (诗人简介 more> / 笔名： / 记录
# 生活、雅俗共赏。 under a poem are a sidebar, dev 777d…); a plate or a name masked with asterisks
# (湘G·2K7**, 张**) and a limit's percentage (超速20%以上未达50%) are a notice's cells.
_CELL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9Ⅰ-Ⅻ（）()%％.·/*＊\s-]+")
# A table with masked cells is a notice's list of people or plates (its lead: 予以曝光, 公示如下, 名单),
# and the text goes on under a table when it speaks of it (请上述企业…, 以上人员…).
_MASKING_LEAD = re.compile(r"曝光|公示|公布|通报|通報|名单|名單|如下|以下")
# A table's caption alone on its line (主要经济指标表, 附表2 各县区空气质量排名表): a few words ending in 表.
# (…or named after 附表：, 附表：2024年5月各区镇河湖断面水质达标情况 over a bulletin's table, set AZ)
_TABLE_CAPTION = re.compile(
    r"(?:附?表\s*\d{1,2}\s*)?[\u4e00-\u9fff\d（）()—\-\s]{0,30}[\u4e00-\u9fff]表"
    r"|附表\s*\d{0,2}\s*[:：]\s*[\u4e00-\u9fff\d（）()—\-\s]{4,40}"
)
# …or, over a table between two paragraphs only, its indicators: 2024年1—2月规模以上工业主要指标 (set AJ's
# statistics bureau; under a report's last paragraph a site's 国民经济主要指标 bar is no caption of its
# text, the nineteenth review's page).
_INDICATORS_CAPTION = re.compile(r"[\u4e00-\u9fff\d（）()—\-\s]{0,30}[\u4e00-\u9fff](?:主要指标|主要指標)")
# A press conference's lineup: a role's label alone (发布人：, 主持人：, 嘉宾：), then its people, a post and
# a name a line (…新闻发言人 宋文杰, 市政府新闻发言人 吴 芳: a name padded to three characters' width).
_LINEUP_LABEL = re.compile(
    r"\s*(?:发布人|發布人|主持人|嘉宾|嘉賓|出席嘉宾|出席嘉賓|发言人|發言人|新闻发言人|新聞發言人|出席人员|出席人員|答问人|答問人|介绍人|介紹人)\s*[:：]\s*"
)


def _lineup_people(lines: list[str], group: list[int]) -> set[str]:
    """The names a lineup's member lines end with (…新闻发言人 宋文杰 -> 宋文杰, …处长 林 静 -> 林静)."""
    people = set()
    for index in group:
        if _LINEUP_LABEL.fullmatch(lines[index]):
            continue
        parts = lines[index].split()
        name = parts[-1] if len(parts) == 2 else "".join(parts)[-2:]
        people.add("".join(name.split()))
    return people


def _speaks(line: str, people: set[str]) -> bool:
    """Whether ``line`` opens with one of ``people`` and a colon (林静：各位记者朋友…)."""
    head = _SPEAKER_HEAD.match(line)
    return head is not None and "".join(head["name"].split()) in people


_SPEAKER_HEAD = re.compile(r"\s*(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})\s*[:：]")
_LINEUP_MEMBER = re.compile(r"[\u4e00-\u9fff、（）()“”]{2,40}\s+[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}")
MAX_LINEUP_MEMBERS = 8
# A policy site's box headings (chrome.related) that a guide or a report also uses for its own section.
_POLICY_BOX_HEADING = re.compile(
    r"\s*[【\[]?\s*(?:相关图解|相關圖解|相关解读|相關解讀|相关政策|相關政策)\s*[】\]]?\s*[:：]?\s*"
)
POLICY_HEADING_REACH = 4
# A notice that issues a document (现将《…办法》印发给你们, 关于印发…的通知), and that document's title
# alone on its line under the notice's signature and day (…管理办法, …实施方案, …条例（试行）):
# through_issued_document.
_ISSUES = re.compile(r"印发|印發|发布施行|發布施行")
_ISSUED_TITLE = re.compile(
    r"[\u4e00-\u9fff“”《》（）()0-9—\-]{4,60}(?:办法|辦法|规定|規定|细则|細則|方案|意见|意見|条例|條例|规则|規則|"
    r"制度|规划|規劃|计划|計劃|标准|標準|指引|清单|清單|目录|目錄|规程|規程|准则|準則|纲要|綱要)(?:[（(](?:试行|試行|暂行|暫行|修订|修訂)[）)])?"
)
ISSUED_TITLE_WINDOW = 4
# A record's field name alone on its line, a form's words (项目名称, 建设地点, 环境影响评价机构, 公众参与
# 情况, 主要环境影响及…的对策和措施): a few words ending in a field's word, no punctuation.
_RECORD_FIELD = re.compile(
    r"[\u4e00-\u9fff]{0,24}(?:名称|名稱|地点|地點|地址|单位|單位|机构|機構|概况|概況|情况|情況|措施|时间|時間|"
    r"日期|电话|電話|金额|金額|类型|類型|类别|類別|编号|編號|规模|規模|内容|內容|对象|對象|范围|範圍|期限|方式|"
    r"性质|性質|面积|面積|用途|标准|標準|条件|條件|依据|依據|结果|結果|意见|意見|事项|事項|姓名|性别|性別|"
    r"职务|職務|岗位|崗位|人数|人數)"
)
_CONTACT_FIELD = re.compile(
    r"主办|主辦|承办|承辦|协办|協辦|联系|聯繫|电话|電話|地址|邮箱|郵箱|标识码|標識碼|备案|備案|公司名称|公司名稱"
)
MIN_RECORD_FIELDS = 3
# Whom a decision concerns, the first of its parties' fields (a penalty's, a court's, a reply's).
_PARTY_FIELD = re.compile(
    r"\s*(?:当事人|當事人|被处罚人|被處罰人|被处罚单位|被處罰單位|申请人|申請人|被申请人|被申請人|原告|被告|"
    r"上诉人|上訴人|被上诉人|被上訴人|投诉人|投訴人|举报人|舉報人|被检查单位|被檢查單位)\s*(?:名称|名稱|姓名)?\s*[:：]"
)
DATE_LABEL_CHARS = 6  # (发布日期：, 發佈時間：: a date's label before it)
# A record printed a field a line, its name and value on one line (行政处罚决定书文号：… / 案件名称：… /
# 主要违法事实：… / 处罚依据：… / 作出处罚决定的日期：…, a penalty's 信息公示, set AS): where the text is
# such fields, those right over it and right under it are the record's too, though each costs like a
# page's information row. A field's name: a few words, a bracketed aside in it (法定代表人（负责人）).
_RECORD_LINE = re.compile(r"\s*[\u4e00-\u9fff][\u4e00-\u9fff（）()、]{1,15}\s*[：:]\s*\S")
# …one field a line: not a page's row of several (公示日期：2024-07-15　　浏览次数：, set AK's).
_SECOND_FIELD = re.compile(r"\s[\u4e00-\u9fff]{2,8}\s*[：:]")
# (On the corpora and the twenty-one sets 3 takes no page more than 6 does, 10 loses a tender's nine
# fields, set AS: the half-fields test above is what keeps paragraphs out.)
MIN_RECORD_LINES = 6
# …nor a disclosure's information block over it (发布机构：… / 生成日期：… / 体裁：…): the page's, the label
# whole (行政处罚决定书文号 is the record's).
_INFORMATION_FIELD = re.compile(
    r"\s*(?:索引号|索引號|发布机构|發布機構|发文机关|發文機關|文号|文號|发文字号|發文字號|生成日期|成文日期|"
    r"发布日期|發布日期|公开日期|公開日期|体裁|體裁)\s*[:：]"
)
MAX_RECORD_LINES = 60
WORD_TABLE_PHRASE_CHARS = 6
LEAD_WORDS_CHARS = 4
_REFERS_BACK = re.compile(r"上述|以上|上表|上列|表中|上面")
REFERS_BACK_CHARS = 10  # where a line under a table speaks of it (以上品种 at 8 in 节后恢复交易后，以上品种…)
# A row's cells parted by a tab or a bar, and a cell of such a row: no sentence's punctuation (the
# bars of a menu's row part words, 关于我们 | 联系我们, but no figures under a header).
# (…or a wide space alone between cells, 玉山镇　28　26　92.9%, set AZ's bulletin: the rows' figures and
# a lead or caption still decide that it is a table)
_CELL_SEPARATOR = re.compile(r"\s*\t\s*|\s+[|｜]\s+|\s*[｜]\s*|\s*\u3000\s*")
_CLAUSE_PUNCTUATION = "。！？!?；;，,：:"  # a sentence's or a label's: no cell's, no heading's
# (…but a sub-item's 其中： before a row's name: 其中：出口 | 亿元 | …, a statistics table, set AA)
_ROW_CELL = re.compile(rf"(?:其中[:：])?[^{_CLAUSE_PUNCTUATION}]+")
_DATE_CELL = re.compile(r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}")
_NUMERIC_CELL = re.compile(
    r"\s*[-+]?\d[\d,.]*\s*(?:%|％|个|個|人|元|万元|萬元|亿元|億元|万|萬|亩|畝|公里|吨|噸)?\s*"
)
# A notice's signatory: a public body's or an organisation's name alone on its line, under the text
# and over the day it was signed (at most MAX_SIGNATORIES of them: joint notices list each body).
# (A meeting is no body: 推进会 ends with 会 as 协会 does, so only a body's 会 is one.)
# Schools, banks and laboratories sign their documents too (岘川市实验小学 over 2024年6月5日, set X;
# 流域水安全国家重点实验室, set Y), but under a news report such a name over a day is a list's item or a
# caption (the sixteenth review's pages): they sign only a document (_LATE_SIGNER_END below).
_LATE_SIGNER_WORDS = (
    "小学|小學|中学|中學|幼儿园|幼兒園|银行|銀行|支行|分行|实验室|實驗室|研究室"
    # (a customs office signs its decisions, 黄埔海关 over 二〇二四年七月三十日, set AS; under a news
    # report 南京海关 over a day is a sidebar's, the twenty-second review's page)
    "|海关|海關"
)
_BODY_NAME_END = (
    # (司: a ministry's department, 工业和信息化部信息通信发展司 over its notice's day, set AP; not a
    # 公司, 上司, 官司, 寿司, 吐司 or 土司, a related item's words over its day: the nineteenth review)
    r"(?:局|委员会|委員會|委|院|厅|廳|办公室|辦公室|办|辦|政府|中心|大队|大隊|支队|支隊|公司|集团|集團|学院|(?<![公上寿官吐土])司|"
    r"學院|大学|大學|学校|學校|联合会|聯合會|协会|協會|学会|學會|商会|商會|工会|工會|基金会|基金會|部|处|處|科|所|"
    r"站|署|社|街道|办事处|辦事處|指挥部|指揮部|单位|單位|部门|部門|馆|館|红十字会|紅十字會|董事会|董事會|"
    r"监事会|監事會|理事会|理事會|小组|小組|组|組|监狱|監獄|气象台|氣象台|天文台|电视台|電視台|"
    rf"{_LATE_SIGNER_WORDS})"
)
# Where a text's figures come from, noted under it: （数据来源：市文化广电和旅游局、市统计局）, a
# communiqué's 资料来源：本公报中人口数据来自…: the text's own note (sets H and J label both body); so
# is a note that its names are made up.
# (A bare 来源： under the text is a credit's, the outlet it was taken from.)
_DATA_SOURCE_NOTE = re.compile(
    # (…a 资料来源 more than an outlet's name: 资料来源：澄州日报 under a repost is its source's credit,
    # the twelfth review's page)
    r"\s*[（(]?\s*(?:数据|數據|图表|圖表)(?:来源|來源)\s*[:：]\s*[^:：]{2,300}"
    # (…nor, unbracketed, an agency's name alone: 資料來源：刑事警察局 under a police warning credits
    # the bureau, set AH's anti-fraud page; （资料来源：澄州市统计局） and 资料来源：…地方志编纂委员会
    # note where a text's figures and history come from, the eighteenth review's pages)
    r"|\s*(?P<bracket>[（(])?\s*(?:资料|資料)(?:来源|來源)\s*[:：]"
    r"(?!\s*[^:：（()）]{2,12}(?:报|報|网|網|社|台|刊|新闻|新聞)\s*[)）]?\s*$)"
    r"(?(bracket)|(?!\s*[\u4e00-\u9fff]{2,16}(?:局|署|厅|廳|处|處|支队|支隊|大队|大隊)\s*$))"
    r"\s*[^:：]{2,300}"
    # …or that the names in it are made up (（文中当事人均为化名）, a court report's: set L)
    r"|\s*[（(]\s*(?:文中|文内|文內|本文|以上)[^（()）]{0,12}(?:均为|均系|均係|皆为|皆為|为|為|系|係)化名\s*[)）]\s*"
)
# How a paragraph introduces its list (公示如下：, 予以曝光：, 名单如下：): a colon alone does not
# (…。此前相关报道： over related headlines, …微信公众号办理： over QR cards: the review's pages).
# (A note on the list's order may come before the colon: 予以公示（按姓氏笔画排序）：, set K.)
_LIST_LEAD_IN = re.compile(
    # (…or what the list is, after 以下: 请拨打以下电话：, a missing child's appeal, set O; or a
    # ranking's 是：, 年度借阅量前五的图书是：, a library's report, set P)
    r"(?:(?:如下|以下|下列)[\u4e00-\u9fff]{0,4}|如次|公示|公布|公告|通报|通告|曝光|名单|(?:分别|分別|依次)?是)"
    r"\s*(?:[（(][^（()）]{1,20}[)）])?\s*[：:]\s*$"
)
# The list it introduces: at most this many lines, each at most this long (a company's or a person's
# name, a grade's heading, a table's row: 1　崖B·7K3M2　2024-07-12 08:14　湖滨大道与望湖路交叉口　闯红灯),
# before the paragraph after it. Its lines cost LISTED_ITEM_COST (blocks.py), but only a line shaped
# like a list's item or a table's cell: a figure, a short word (序号, 蛋黄酥), an organisation's name
# (…有限公司, …超市). A longer phrase (a headline: 澄州交警发布中秋国庆假期出行提示) keeps its cost:
# 13 of them under …予以曝光： (its list an image) carried the text into a reader's comment (the second
# review's page).
LIST_WINDOW = 40
MIN_LEAD_IN_HAN = 6
LIST_ITEM_CHARS = 60
LISTED_CELL_CHARS = 10
_LISTED_CELL = re.compile(
    rf"[^\n]*\d[^\n]*|[^\n]{{1,{LISTED_CELL_CHARS}}}"
    # (people's names parted by spaces or 、: 马春燕　王立峰　石晓东, a candidates' list, set K)
    r"|[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){2,}"
    rf"|[^\n]{{2,30}}(?:{_BODY_NAME_END}|公司|厂|廠|超市|市场|市場|店|门市|門市|酒店|宾馆|賓館|学校|學校|医院|醫院)"
)


# A menu's item again under the text (clean.menu_echoes): how long a menu's item is at most, how many
# echoes over paragraphs make the text's own outline, and how far under an echo the article's credit
# makes its box the article's.
MENU_ECHO_CHARS = 8
MENU_OUTLINE_ECHOES = 2
MENU_BOX_LINES = 4
_EDITOR_CREDIT_START = re.compile(r"\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：]")

# A judgment's signature: its judges, a line each (审 判 长　梁静姝, spaced to the column's width),
# over the day, and its clerk under it (书 记 员　邹雨晴).
_COURT_SIGNATORY = re.compile(
    r"\s*(?:审\s*判\s*长|審\s*判\s*長|审\s*判\s*员|審\s*判\s*員|代理审判员|代理審判員|人民陪审员|人民陪審員)"
    r"\s+[\u4e00-\u9fff·]{2,5}\s*"
)
_COURT_CLERK = re.compile(
    r"\s*(?:书\s*记\s*员|書\s*記\s*員|法官助理|速\s*录\s*员|速\s*錄\s*員)\s+[\u4e00-\u9fff·]{2,5}\s*"
)
MAX_COURT_CLERKS = 2
# A list of attachments goes on over lines of their own, numbered: 附件：1.…指引 / 2.…修订说明.
_ATTACHMENT_ITEM = re.compile(r"\s*(?P<number>\d{1,2})\s*[.．、]\s*\S.{0,80}")
# (Joint signatories may share a line, parted by white space: 溪桥村村民委员会　溪桥村村务监督委员会.)
# (An accident's investigation group names the accident: 某某公司“5·9”中毒窒息事故调查组.)
_ONE_SIGNATORY = rf"(?:[\u4e00-\u9fff（）()·]|“[^“”]{{1,12}}”){{2,30}}{_BODY_NAME_END}"
# A notice's closing formula (GB/T 9704: 特此通告。), its signature and day under it, at most this
# many lines under the text, none longer than this (a contact's, a label's line).
_CLOSING_FORMULA = re.compile(
    r"\s*特此(?:通告|公告|通知|通報|通报|公示|公布|公佈|函告|告知|声明|聲明|批复|批覆|证明|證明)\s*[。.！!]?\s*"
)
FORMULA_WINDOW = 8
_LATE_SIGNER_END = re.compile(rf"(?:{_LATE_SIGNER_WORDS})\s*$")
# A headline naming a signed document: a tender's, a school's, a bank's or a laboratory's notice signs;
# a news report on them does not (the sixteenth review's pages).
_SIGNED_KIND = re.compile(
    r"公示|公告|通告|通知|意向公开|意向公開|启事|啟事|指南|须知|須知|简章|簡章|倡议书|倡議書|决定|決定|办法|辦法|"
    r"声明|聲明|函|告知书|告知書|说明|說明|邀请|邀請|征集|徵集|申报|申報|一封信|公开信|公開信|倡议|倡議|"
    r"告[\u4e00-\u9fff]{1,8}书|告[\u4e00-\u9fff]{1,8}書"
)
# (…or the text's own words: 现公告如下, 提醒如下, 特此通知)
_SIGNED_WORDS = re.compile(r"公示|公告|通告|通知|启事|啟事|特此|如下|申请指南|申請指南|倡议|倡議")
SIGNED_KIND_LINES = 40  # the text's last lines looked at for a document's words
LISTED_WINDOW = 40  # a notice's list between its lead and its signature, lines at most
# A text's notes and references under it: their heading, and each item's number first.
_REFERENCES_HEADING = re.compile(
    r"\s*(?:主要)?(?:参考文献|參考文獻|参考资料|參考資料|注释|註釋|注解|註解|References)\s*[:：]?\s*"
)
_REFERENCE_ITEM = re.compile(r"\s*(?:[\[［]\d{1,3}[\]］]|\d{1,3}\s*[.．、]|[①-⑳])\s*\S")
MAX_REFERENCES = 60
_CITATION = re.compile(
    r"\[(?:J|M|N|C|D|R|S|P|Z|EB/OL|DB/OL)\]|出版社|杂志|雜誌|学报|學報|期刊|日报|日報|《[^《》]+》|https?://|"
    r"(?:19|20)\d{2}\s*[,，.．(（]|[。.．]\s*$"
)
# …and the paragraph over the signature speaks of the list or closes the notice (对公示人选如有异议…,
# 选民对公布的选民名单有不同意见的…): a sidebar's summary over its source and day does not (the
# fifteenth review's page).
_LISTED_CLOSE = re.compile(r"公示|公布|名单|名單|异议|異議|以上|上述|上列|申诉|申訴|反映|举报|舉報|特此")
# Entries a text introduces (1.某某中心 / 地址：… / 电话：…): numbered in order from 1, at least two,
# each with at most this many labelled lines.
_ENTRY_NUMBER = re.compile(r"(\d{1,2})\s*[.．、]\s*\S")
MIN_ENTRIES = 2
MAX_ENTRY_LABELS = 4
ENTRIES_WINDOW = 60
LIST_LEAD_CHARS = 20  # a list's own lead line under the text (市区部分接种点：)
_LABELLED_LINE = re.compile(r"\s*[\u4e00-\u9fff]{1,10}\s*[：:]")
MAX_FORMULA_GAP_CHARS = 80
# Between the text and its signature a notice prints whom to call: a heading (四、咨询电话, 咨询电话：),
# then a unit and its number a line (望澜区退役军人服务中心　0739-6033101), as set K's notices do. Its
# own lines (a hotline for its matter) stand without a signature too; a site's footer prints 服务热线,
# 举报电话 and 投诉电话 (违法和不良信息举报电话 under any page), a notice's only over its signature.
# (…two of them, 六、咨询监督电话, set AA's recruitment notice)
# (…洽詢電話, Taiwan's word for whom to ask, under a township office's event notice, set AG)
_OWN_CONTACT_LABEL = r"(?:咨询|諮詢|洽询|洽詢|监督|監督|报名|報名|值班){1,2}(?:电话|電話|热线|熱線)"
_OUTLINE_NUMBER = r"(?:[一二三四五六七八九十]{1,3}、)?\s*"
_CONTACTS_HEADING = re.compile(
    rf"\s*{_OUTLINE_NUMBER}(?:{_OWN_CONTACT_LABEL}|(?:联系|聯繫|联络|聯絡|举报|舉報)(?:电话|電話|方式|热线|熱線))\s*[:：]?\s*"
)
# (…without a signature, only government units: a hospital's footer lists 门诊部 and 急诊科 under
# 咨询电话, the twelfth review's page)
_PLACE_LEVEL = re.compile(r"省|市|县|縣|区|區|州|旗|镇|鎮|乡|鄉|街道")
_OWN_CONTACTS_HEADING = re.compile(rf"\s*{_OUTLINE_NUMBER}{_OWN_CONTACT_LABEL}\s*[:：]?\s*")
# (…with its matter before it: 录取咨询电话：…, 手足口病咨询电话：… closing an old bureau's notices, set
# AU; not a site's service or technical support line, a footer's)
_OWN_CONTACT = re.compile(
    rf"(?:(?!网站|網站|本站|服务|服務|技术|技術|维护|維護)[\u4e00-\u9fff]){{0,6}}{_OWN_CONTACT_LABEL}"
    r"\s*[:：]\s*[^:：]{1,40}"
)
# (…its matter before it only under a notice's headline or a text naming that matter: 手足口病咨询电话
# under a health tip on 手足口病; 旅游投诉咨询电话, 办公室值班电话 and 客服咨询电话 under a news report
# are the site's footer, the twenty-second review's pages)
_OWN_CONTACT_MATTER = re.compile(rf"(?P<matter>[\u4e00-\u9fff]{{0,6}}?){_OWN_CONTACT_LABEL}")
BULLETIN_ISSUER = re.compile(
    r"(?:气象台|氣象台|天文台|气象局|氣象局|水文局|水文站|地震台|预警中心|預警中心)\s*$"
)
_CALL_THESE = re.compile(r"(?:以下|下列|如下)(?:电话|電話|号码|號碼|联系方式|聯繫方式)\s*[:：]\s*$")
_UNIT_PHONE = re.compile(
    r"\s*(?P<unit>[\u4e00-\u9fff（）()·]{2,30})[\s:：]+(?:\d{3,4}[-－—]?)?\d{7,8}(?:[\s、，,]+(?:\d{3,4}[-－—]?)?\d{7,11})*\s*"
)
_CONTACT_LABEL_ONLY = re.compile(r"[\u4e00-\u9fff]{0,4}(?:电话|電話|传真|傳真|热线|熱線|手机|手機)")


def _unit_phone(text: str) -> bool:
    """A unit or a person and their number (向女士：158…, 桃源派出所：0736-…), not a contact label's."""
    found = _UNIT_PHONE.fullmatch(text.strip())
    return found is not None and _CONTACT_LABEL_ONLY.fullmatch(found["unit"]) is None


# The note under a document's signature on how it is released (GB/T 9704's 附注).
_RELEASE_NOTE = re.compile(
    r"[(（]\s*此件(?:公开发布|公開發布|主动公开|主動公開|依申请公开|依申請公開|删减后公开|刪減後公開)\s*[)）]"
)
# A report signed to the month (2024年10月, 二〇二四年十月), under a group that investigated or
# worked on it only (…事故调查组): under an archive's 编研组 or a banner's 投诉举报中心, a month line is
# a calendar's or an archive list's (the second review's pages).
_GROUP_SIGNATORY = re.compile(
    r"(?:调查|調查|工作|专家|專家|课题|課題|评估|評估|督导|督導|督查|检查|檢查)小?[组組]$"
)
_SIGNING_MONTH = re.compile(
    r"(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
)
SIGNATORY = re.compile(rf"{_ONE_SIGNATORY}(?:\s+{_ONE_SIGNATORY}){{0,2}}")
# Whom a notice or a reply is addressed to, over its first paragraph (GB/T 9704's 主送机关):
# public bodies' names parted by 、 or ，, then a colon (市住房城乡建设局、市文体广电旅游局：).
_ADDRESSEES = re.compile(
    rf"\s*[\u4e00-\u9fff（）()]{{2,30}}?{_BODY_NAME_END}(?:[、，,][\u4e00-\u9fff（）()]{{2,30}}?{_BODY_NAME_END})*"
    r"\s*[：:]\s*"
)
MAX_ADDRESSEES_CHARS = 120
MAX_SIGNATORIES = 3
# A notice's contact lines over its signature (咨询电话：0911-2136617（人力资源科）, 联系人：龚老师), one
# label each; those only a notice prints (a hotline for its matter) stand without a signature too.
# (A notice's attachments, 附件：1.…岗位表 2.…, come between its text and its signature too: GB/T
# 9704's 附件说明. An address may end with its postcode in brackets: …干部监督室（邮编：422500）.)
_NOTICE_CONTACT_PAIR = (
    r"(?:联系人|聯絡人|聯繫人|联系方式|聯繫方式|邮政编码|郵政編碼|邮编|郵編|[\u4e00-\u9fff]{0,4}(?:电话|電話|热线|熱線|地址|邮箱|郵箱|传真|傳真)|"
    r"电子邮箱|電子郵箱|附件|附件下载|附件下載)\s*[:：]\s*"
    # (a value's clock keeps its colon: 咨询电话：0736-82216031（工作日8:00—17:00）, set X)
    r"(?:[^:：（(\s]|[（(][^）)]{0,20}[）)]|\s(?!\s*[\u4e00-\u9fff]{2,6}\s*[:：])){1,60}"
)
# A tender's or a purchase's party and its contacts, which sign its result's notice (招标人：某某港口集团
# 有限公司　联系人：穆清源　电话：0570-8869xxxx, set U).
_TENDER_PARTY = re.compile(
    # (…and the body that oversees it: 监督部门：…纪检组 联系电话：…, set AS's tender result)
    r"(?:招标人|招標人|招标代理机构|招標代理機構|采购人|採購人|采购代理机构|採購代理機構|代理机构|代理機構|"
    r"监督部门|監督部門|监督单位|監督單位)\s*[:：]\s*"
    rf"[^:：\s]{{2,40}}(?:\s+{_NOTICE_CONTACT_PAIR})*"
)
# (Two on a line: 联系人：单晓雯　　电话：0570-3126xxxx, set U's union notice.)
_NOTICE_CONTACT = re.compile(rf"{_NOTICE_CONTACT_PAIR}(?:\s+{_NOTICE_CONTACT_PAIR})*")
# (…a heading, two numbers and an attachment of two items: 六、咨询监督电话 / 政策咨询电话：… / 监督
# 电话：… / 附件：1.… / 2.…, set AA's recruitment notice, over its signature)
# (…eight: a ministry's call for comments labels 联系人, 电话, 传真, 邮箱, 地址 and 邮政编码, then 附件：,
# set AP; six stopped it short of its signature)
MAX_CONTACT_LINES = 8
# …and under 附件：, this many numbered items beside them.
MAX_ATTACHMENT_ITEMS = 9
# A notice's list of what it attaches, under its text with no signature after it (附件： / 1.第七批《…》
# 申报表 / 2.…, set AX): the document's own (GB/T 9704's 附件说明), where a download box lists files
# (1.…名单.pdf, 2.异议处理办法.docx: eight pages of the read sets, none of them the text's).
_ATTACHMENT_HEADING = re.compile(r"\s*(?:附件|附件说明|附件說明)\s*[:：]\s*")
_FILE_NAME = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|zip|rar|7z|jpe?g|png|gif|ofd|txt|ceb|caj)\s*"
    # (…its size after it, 申请表.docx（32KB）, a download box's)
    r"(?:[（(]\s*[\d.]+\s*[KMG]B?\s*[）)])?\s*$",
    re.IGNORECASE,
)


# An item numbered as a document numbers its list's (①, （一）, 一、): a menu's or a ranking's
# items are not (a hot list's 1 … 2 … 3 … is numbered with bare digits and stays a list of links).
_LIST_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩"
_ITEM_NUMBER = re.compile(
    rf"\s*(?:(?P<circled>[{_LIST_NUMBERS}])|[(（](?P<bracketed>[一二三四五六七八九十]{{1,2}})[)）]"
    r"|(?P<listed>[一二三四五六七八九十]{1,2})、)"
)
_CN_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _numbered_in_order(texts: list[str]) -> bool:
    """Whether every line starts with the next number of one list (①… ②… ③…)."""
    numbers = []
    for text in texts:
        found = _ITEM_NUMBER.match(text)
        if found is None:
            return False
        if found["circled"]:
            numbers.append(("c", _LIST_NUMBERS.index(found["circled"])))
        else:
            word = found["bracketed"] or found["listed"]
            if word not in _CN_NUMBERS:
                return False
            numbers.append(("b" if found["bracketed"] else "l", _CN_NUMBERS.index(word)))
    return all(b == (a[0], a[1] + 1) for a, b in pairwise(numbers))


# An outline's section number (一、 … 十、 十一、 … 二十九、) at the start of its line, read by dates'
# cn_number: _outlines.
_SECTION_NUMBER = re.compile(r"\s*((?:[二三四五六七八九]?十)?[一二三四五六七八九]?)、")
OUTLINE_SECTIONS = 3
OUTLINE_LINE_GAIN = 1.5
COMMENTS_RULE = "chrome.comments"
# A box's heading word alone, or a text's sub-heading, by the rule that removes it:
# _comment_word_between_paragraphs. 评论 heads a comment section or a match report's commentary;
# 最新动态 a related list or a briefing's section (雨情水情 / … / 最新动态 / …, the twenty-second
# review's page), when it stands between two paragraphs.
_HEADING_WORDS = {
    "评论": COMMENTS_RULE,
    "評論": COMMENTS_RULE,
    "最新动态": RELATED_RULE,
    "最新動態": RELATED_RULE,
}
# An outline section's heading on whom to ask: through_contact_section.
_CONTACT_SECTION = re.compile(r"联系|聯繫|聯絡")


def _contact_heading(text: str) -> bool:
    """An outline's numbered section heading on whom to ask, in words or digits (八、联系方式, 7. 联系
    方式: set AS's tender notices)."""
    return _ENUMERATED.match(text) is not None and _CONTACT_SECTION.search(text) is not None


MAX_CONTACT_SECTION_LINES = 12
# A contact section's label: whom to ask and how (联系人, 采购人, 招标代理机构, 名称, 地址, 联系方式, 附件);
# not the site's footer under the text (开放时间：…, 服务热线：…, 馆址：…, the twenty-first review's page).
_CONTACT_LABEL = re.compile(
    r"联系|聯繫|聯絡|名称|名稱|地址|电话|電話|手机|手機|邮箱|郵箱|邮件|郵件|传真|傳真|邮编|郵編|附件|机构|機構|单位|單位|人\s*[：:]"
)
# A line of words alone, its outline's number before it or not (一、机构概况, 规范性文件和政策解读): a
# menu's, when a paragraph stands within OUTLINE_PROSE_ABOVE lines over the outline.
_MENU_WORDS = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、)?[\u4e00-\u9fff]{2,12}\s*")
OUTLINE_PROSE_ABOVE = 3


def _outlines(lines: list[str]) -> list[list[int]]:
    """The headings' lines of each run of section numbers in order from 一 (一、 二、 三、 …), with at
    least OUTLINE_SECTIONS sections; a line numbered out of turn neither ends nor joins a run."""
    found: list[list[int]] = []
    run: list[int] = []
    for index, text in enumerate(lines):
        if not text or "、" not in text[:5]:
            continue
        number = _SECTION_NUMBER.match(text)
        value = cn_number(number[1]) if number is not None and number[1] else None
        if value == 1:
            if len(run) >= OUTLINE_SECTIONS:
                found.append(run)
            run = [index]
        elif value is not None and run and value == len(run) + 1:
            run.append(index)
    if len(run) >= OUTLINE_SECTIONS:
        found.append(run)
    return found


_SIGNED_AT_HOUR = re.compile(r"(?<=日)\s*(?:[01]?\d|2[0-3])\s*时(?:\s*[0-5]?\d\s*分)?$")


def is_signing_day(text: str) -> bool:
    """A date to the day and nothing else on the line, written with 年月日 as a document is signed
    (2024年2月26日, 二〇二三年十二月三十一日; a list's 2024-03-01 is a related item's day), or
    printed on (GB/T 9704's 印发日期: 2024年11月29日印发), an urgent one to the hour (2024年7月3日11时,
    set K's flood notice), a bulletin to the hour it was issued (2024年12月12日16时发布, a weather
    observatory's, set P)."""
    text = text.removesuffix("印发").removesuffix("印發").removesuffix("发布").removesuffix("發布").rstrip()
    text = _SIGNED_AT_HOUR.sub("", text)
    found = find_dates(text) if len(text) <= 20 and "年" in text and "日" in text else []
    return len(found) == 1 and found[0].has_year and found[0].start == 0 and found[0].end == len(text)


# An item of a numbered list (一、 / （二） / 3.): the text's, never the page's date or source line.
_ENUMERATED = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))"
)
# The block right after the headline is the article unless it holds less than this (a blurb) and a
# block further down holds DWARFING_FACTOR times as much.
SMALL_FIRST_BLOCK = 80.0
_BLURB_MARK = re.compile(
    r"(?:精选|精選|导语|導語|编者按|編者按|简介|簡介|摘要|推荐语|推薦語|编者的话|編者的話)\s*[:：]?\s*$"
)
_CLOSING_CREDIT = re.compile(r"\s*[(（【\[]?\s*(?:责任编辑|責任編輯|责编|責編)")
# …and a block over an editor's credit is a blurb under this, when the block after the credit holds
# CREDITED_BLURB_DWARFING times as much.
CREDITED_BLURB = 400.0
CREDITED_BLURB_DWARFING = 2.0
DWARFING_FACTOR = 8.0
MAX_METADATA_LINE_CHARS = 80
# The article reaches down to its credits over at most this many lines that no rule names, when
# their prose weighs at least this share of what their other lines cost.
MAX_LINES_BEFORE_CREDITS = 60
CREDITS_GAP_PROSE_SHARE = 1.0
# A page's own table of contents after the first block (an encyclopedia entry's: its lead, an info
# box, 目录 / 1历史沿革 / 2区域规划 …, then those sections): looked for this many non-blank lines
# after the block, of at least this many entries numbered 1, 2, 3… in order, each of at most this
# many characters after its number. The article runs on through the last section the contents name
# when every entry's name stands, in order, as a line of its own below them.
CONTENTS_WINDOW = 30
MIN_CONTENTS_ENTRIES = 2
MAX_CONTENTS_ENTRY_CHARS = 20
_CONTENTS_ENTRY = re.compile(r"(?P<number>\d{1,2})(?:\.\d{1,2})*\s*(?P<name>\D.*)")
CONTENTS_RULE = "structure.contents"
_CONTENTS_HEADINGS = frozenset({"目录", "目錄", "contents", "Contents"})
# A line repeating the page's first line (a scraper dump starts with the <title>) is the headline
# when it is at least this long and this share of that first line.
ANCHOR_MIN_CHARS = 6
ANCHOR_MIN_SHARE = 0.6
# What a platform prints around a headline and the page title lacks: an "original" badge before it
# (原创最不愁吃肉的国家…), a comment counter after it (第二章 失乡号的船长241).
# (A forum thread's title ends with its link button: 老房子卫生间返潮… [复制链接], Discuz.)
# (The white space before it is matched from a run's start only: a line of spaces stays linear.)
_DECORATION = re.compile(r"^原创(?=\S{4})|(?<=\D)\d{1,5}$|(?<!\s)\s*[\[［](?:复制链接|複製鏈接)[\]］]$")
_DASHES = re.compile(r"[-—–－―]+")
_ANY_DASH = re.compile(r"[-—–－―]")


def undecorated(headline: str) -> str:
    # Only a line that starts with 原创 or ends in a digit or ] can change: the test first, because the
    # pattern's end-anchored digits are tried at every position of every line scanned for the
    # headline (14 us a line; title_anchor was a fifth of a clean page's CPU time).
    end = headline[:-1] if headline.endswith("\n") else headline  # ``$`` is also before a last \n
    if not (headline.startswith("原创") or end[-1:].isdigit() or end.endswith(("]", "］"))):
        return headline
    return _DECORATION.sub("", headline)


def _title_key(text: str) -> str:
    """A line as compared with the page title: no white space, every run of dashes one hyphen (the
    headline's —— is the <title>'s -)."""
    return _one_dash(normal_line(text))


def _one_dash(key: str) -> str:
    # (Most lines hold no dash: the test is cheaper than the substitution on every line.)
    return _DASHES.sub("-", key) if _ANY_DASH.search(key) else key


TITLE_SEPARATOR_CHARS = tuple("-_|｜–—")
# (The white space before it is matched from a run's start only: a first line of 20,000 spaces took
# 4.9 CPU s to split, quadratic, and 0.001 s with the look-behind.)
TITLE_SEPARATOR = re.compile(r"(?<!\s)\s*(?:[_|｜–—]|\s-\s)\s*")


def _before_separators(names: list[str]) -> set[str]:
    """What each page title name starts with up to one of its separators: the headline of a title
    whose site name follows a bare hyphen (…一块顶十块GPU-EDN 电子技术设计, gne ednchina_1), which
    TITLE_SEPARATOR does not split (a hyphen inside a headline: 新冠-19, A-股). A line equal to one
    is the headline even with a comma in it, which the share test refuses as prose. (A set: one
    look-up a line scanned.)"""
    return {n[:i] for n in names for i, char in enumerate(n) if char in TITLE_SEPARATOR_CHARS and i}


# What a CMS names any article's page (正文-清溪新闻网, 详情-…人民政府): no headline.
_GENERIC_PAGE_WORDS = frozenset(
    {"正文", "详情", "詳情", "内容", "內容", "文章", "新闻", "新聞", "首页", "首頁", "详细", "詳細",
     "阅读", "閱讀", "信息", "资讯", "資訊", "浏览", "瀏覽", "页面", "頁面", "内页", "內頁"}
)  # fmt: skip


# A public body's name after a page title's hyphen, as a bureau's own site titles its pages (警情通报-
# 泓州市公安局临江分局, set I): the site is the body's.
_SITE_BODY = re.compile(rf"[\u4e00-\u9fff（）()]{{2,30}}{_BODY_NAME_END}")


def _before_site_hyphen(title: str) -> str | None:
    """What a page title holds before a bare hyphen that a site's name follows (讣告-泓川大学新闻网:
    a two-character headline, which TITLE_SEPARATOR's bare hyphen leaves whole), or None."""
    before, hyphen, after = title.rpartition("-")
    before = before.strip()
    if (
        not hyphen
        or not before
        or before in _GENERIC_PAGE_WORDS
        or not (is_site_name(after) or _SITE_BODY.fullmatch(after.strip()))
    ):
        return None
    return before


_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")
# A day in digits, Y-M-D or 年月日, as a metadata row prints it.
_DAY_IN_DIGITS = r"(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)"
# (…its date with 年月日 and the province after the clock too: 泷阳发布 2025年05月13日 18:00 汀川, a
# WeChat header in a reader mode's dump, set R)
_DATELINE_ROW = re.compile(
    rf"\s*\S{{1,12}}\s+{_DAY_IN_DIGITS}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s+[\u4e00-\u9fff]{{2,4}})?\s*"
)
# …a date and its clock first (2024-07-03 10:20　　制作：…), or a name set apart from its day by wide
# space (寿光市气象局　　　　2024年5月13日): a bulletin's rows, set AA.
_DATED_CLOCK_FIRST = re.compile(
    r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}"
)
# (…its hour after it, in words or digits: 河南省气象台　　　2024年10月8日16时, a bulletin's, set AX)
_SIGNED_ROW = re.compile(
    rf"\s*\S{{1,12}}(?:\s{{2,}}|\u3000)\s*{_DAY_IN_DIGITS}\s*(?:\d{{1,2}}\s*[时時](?:\s*\d{{1,2}}\s*分)?|\d{{1,2}}:\d{{2}})?\s*"
)
# A credit's label at a line's start (文/图：陈蕾, 摄影：…), or a writer's in brackets after a work's
# title (《我的外婆》（作者：李想）, the sixteenth review's page): a byline, never the headline (set AE).
# A headline's label on an information-disclosure page's row (信息名称：…, 标题：…): not the headline's.
_TITLE_LABEL = re.compile(
    r"^\s*(?:信息名称|信息名稱|标题|標題|文件名称|文件名稱|公告标题|公告標題)\s*[:：]\s*(?=\S)"
)
# A post's relative day and clock (金桥街道 江岸金桥 前天 18:02 湖北, a WeChat header as set AS's dump
# prints it): the header's stamp, no headline.
_RELATIVE_STAMP = re.compile(
    r"(?:^|\s)(?:今天|昨天|前天|\d{1,2}\s*(?:分钟|分鐘|小时|小時|天)前)\s*(?:[01]?\d|2[0-3]):[0-5]\d(?:\s|$)"
)
_CREDIT_LEAD = re.compile(
    r"\s*(?:文|图|圖|文字|撰文|撰稿|摄影|攝影|文/图|文／图|图/文|圖/文|文/圖|文／圖|图文|圖文)\s*[:：]"
    r"|.*[（(]\s*(?:作者|文|撰文|撰稿|记者|記者)\s*[:：][^（()）]{1,20}[)）]\s*$"
    # (…or a slash's byline of names alone: 文/图 李静, 文/李静 王芳, under an old library site's date
    # line, set AU)
    r"|\s*(?:文|图|圖)\s*[/／]\s*(?:图|圖|文)?\s*[:：]?\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,3}\s*$"
)


def _before_hyphen(title: str) -> str | None:
    """What a page title holds before its first bare hyphen, unless a CMS's word (正文-…, 详情-…)."""
    before = title.partition("-")[0].strip() if "-" in title else ""
    return before if before and before not in _GENERIC_PAGE_WORDS else None


def headline_part(title: str) -> str:
    """A page title's headline part: what stands before its first separator (headline_site name),
    or after it when the title names the site first and a headline follows (荆州日报数字报-荆州古城墙
    东门段修缮工程全面开工, as e-papers title their pages)."""
    return _title_parts(title)[0]


def _kicker_headline(title: str) -> bool:
    """Whether a page title parted by a bar is a kicker and its headline, the whole the headline
    (劳模工匠进校园｜全国劳模走上讲台，给孩子们上了一堂“特别的课”, 基层立法联系点｜街道联系点开门问法：…,
    WeChat and 上观号 posts, set AR): two parts, the second a headline's length that names no site or
    body (…｜上观新闻, …｜泠源市人民政府门户网站 and …| 今日头条 are sites)."""
    if "｜" not in title and "|" not in title:
        return False
    parts = TITLE_SEPARATOR.split(title)
    return (
        len(parts) == 2
        and han_count(parts[1]) >= TITLE_PART_MIN_HAN
        and not is_site_name(parts[0])
        and not is_site_name(parts[1])
        and not names_a_body(parts[1])
        and _SITE_OR_BODY.search(parts[1]) is None
    )


def _title_parts(title: str) -> tuple[str, list[str]]:
    """A page title's headline part and its other parts (the site's and section's names)."""
    parts = TITLE_SEPARATOR.split(title)
    if (
        len(parts) > 1
        and is_site_name(parts[0])
        and han_count(parts[1]) >= TITLE_PART_MIN_HAN
        and not is_site_name(parts[1])
    ):
        return parts[1], [parts[0], *parts[2:]]
    return parts[0], parts[1:]


def _short_body_over(text: str, others: list[tuple[int, str]]) -> bool:
    """``text`` a body's short name over a longer title-like line that names no site: the site's
    name over its page's headline (泠源公安 over 关于撤销…的通告, set O)."""
    key = normal_line(text)
    return _SHORT_BODY.match(key) is not None and any(
        len(normal_line(t)) > len(key) and not is_site_name(t) for _, t in others
    )


def is_site_name(part: str) -> bool:
    """A page title's part that names a site or a public body (荆州日报数字报, 香港警務處), short."""
    key = normal_line(part)
    return len(key) <= SITE_NAME_CHARS and (
        _SITE_OR_BODY.search(key) is not None or _SHORT_BODY.match(key) is not None
    )


# A public body's full name, as a department's site puts it alone in its page title and masthead
# (成都市规划和自然资源局, 株洲市人力资源和社会保障局, 中华人民共和国公安部, 法務部矯正署臺中監獄): longer
# than ``is_site_name``'s, a place's level or the state first, a body's word at its end; no digit, no
# punctuation (…推进会, …新建3个服务中心 are headlines). (Not a word ending so, 扎根基层的好干部, 冬季多吃
# 萝卜的好处, the seventeenth review's WeChat titles: no place first, or a 的.)
_BODY_WORDS = (
    "局", "厅", "廳", "署", "处", "處", "部", "委员会", "委員會", "办公室", "辦公室", "人民政府",
    "政府", "法院", "检察院", "檢察院", "监狱", "監獄", "看守所", "公证处", "公證處", "支队",
    "支隊", "大队", "大隊", "派出所",
    # (…a centre's, a brigade's, a museum's or an observatory's name alone as a dump's first line:
    # 陕西省非物质文化遗产保护中心, 黑龙江省消防救援总队, 湖北省博物馆, 河南省气象台, set AX/AZ)
    "中心", "总队", "總隊", "博物馆", "博物館", "博物院", "纪念馆", "紀念館", "美术馆", "美術館",
    "科技馆", "科技館", "图书馆", "圖書館", "档案馆", "檔案館", "文化馆", "文化館", "气象台", "氣象台",
    "卫生院", "衛生院", "医院", "醫院", "研究所", "研究院", "协会", "協會", "学会", "學會",
    "联合会", "聯合會",
)  # fmt: skip
_BODY_WORD = "(?:" + "|".join(_BODY_WORDS) + ")"
# The last characters a name of _BODY_FULL_NAME ends with (its other branches end in 局, 监狱, 处 or
# 会馆): most headline candidates fail this before any regex is tried.
# A headline's verb, which no body's name holds (建设 does: 住房和城乡建设局).
_HEADLINE_VERB = re.compile(
    r"打造|建成|新建|启用|啟用|成立|挂牌|掛牌|揭牌|落成|获批|獲批|入选|入選|组建|組建|设立|設立|迎来|迎來|走进|走進|"
    r"开展|開展|举办|舉辦|召开|召開|助力|获评|獲評|荣获|榮獲|亮相"
)
_BODY_ENDINGS = tuple({word[-1] for word in (*_BODY_WORDS, "会馆", "會館")})
_BODY_FULL_NAME = re.compile(
    r"(?:中华人民共和国|中華人民共和國|国家|國家|中国|中國|[\u4e00-\u9fff]{2,8}?(?:省|市|县|縣|区|區|州|盟|旗))"
    rf"[\u4e00-\u9fff]{{0,16}}{_BODY_WORD}"
    # (…a ministry's agency, 法務部矯正署臺中監獄, 內政部警政署刑事警察局; a railway's police, 兰州铁路
    # 公安处; a clan's or a community's hall, 中華總會館)
    r"|[\u4e00-\u9fff]{1,4}部[\u4e00-\u9fff]{1,6}署[\u4e00-\u9fff]{2,10}(?:局|監獄|监狱|處|处)"
    # (…a ministry's regional bureau: 自然资源部北海局, 交通运输部长江航务管理局, set AX)
    r"|[\u4e00-\u9fff]{2,6}部[\u4e00-\u9fff]{2,8}局"
    r"|[\u4e00-\u9fff]{2,6}(?:铁路|鐵路)公安(?:处|處|局)"
    r"|[\u4e00-\u9fff]{1,6}(?:总会馆|總會館)"
    # (…a Hong Kong department, named with no place: 漁農自然護理署, 食物環境衞生署, set AA)
    r"|[\u4e00-\u9fff]{3,10}(?<![部签簽批连連])署"
)


# …or, where the page title's echo stands over a menu, a few words ending so (地球物理氣象局, Macau's).
_ENDS_AS_A_BODY = re.compile(rf"[^的\s\d]{{2,12}}{_BODY_WORD}")
MASTHEAD_MENU_LINES = 5
_ENDS_AS_A_FIRM = re.compile(r"[^的\s\d]{2,12}(?:公司|集团|集團)")


_NAME_ASIDE = re.compile(r"[（(][\u4e00-\u9fff]{2,12}[）)]$")


def names_a_body(text: str) -> bool:
    """``text`` (a page title of one part) is a public body's or a site's name, not a headline."""
    # (…its other name in brackets after it: 福州市城乡建设局（市水务局）, set AZ)
    key = normal_line(text)
    if key.endswith(("）", ")")):
        key = _NAME_ASIDE.sub("", key)
    if is_site_name(key):
        return True
    # (a headline's space or 的 is no name's: 致敬最美人民警察 走进城东派出所; the end first, which
    # most candidates for a headline fail at once)
    return (
        key.endswith(_BODY_ENDINGS)
        and " " not in text.strip()
        and "的" not in key
        and _BODY_FULL_NAME.fullmatch(key) is not None
        and _HEADLINE_VERB.search(key) is None  # (泠源市打造区域医疗中心 is a headline)
    )


@dataclass(frozen=True)
class BodyLine:
    line_no: int
    text: str


@dataclass
class CleanedText:
    """The article's lines and everything learnt on the way; ``fields`` holds raw metadata values."""

    body: list[BodyLine]
    removed: list[LineRemoved]
    repairs: list[LineRepaired]
    title: str | None
    fields: dict[str, list[str]] = field(default_factory=dict)
    # The line number each of ``fields``' values was read from, in the same order.
    field_lines: dict[str, list[int]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)

    @property
    def body_text(self) -> str:
        return "\n".join(line.text for line in self.body)


MAX_PUNCTUATED_CREDITS_CHARS = 80
_LABEL_COLON = re.compile(r"[:：]")
_CREDIT_PUNCTUATION = frozenset("；;，,/／")


# What a label is glued to when a template prints no separator: a time's digits (…09:30:12来源：) or
# an organisation's name (…出入境管理支队作者：, …槐阳日报作者：). After a word it is more often a
# longer role's (总编辑：, 值班主编：, 特约记者：, 图片编辑：) or a phrase's (延伸阅读：, 转载请注明
# 出处：, 延时服务时间：), as the review's pages showed.
_GLUED_AFTER = re.compile(rf"(?:\d|[\u4e00-\u9fff]{{2,}}(?:{_BODY_NAME_END}|报|報|网|網|台))$")
_GLUED_AFTER_NAME = re.compile(r"(?:^|[\s:：])[\u4e00-\u9fff·]{2,4}$")


_BARS = re.compile(r"[|｜丨/／]")


def _credits_parted_by_bars(text: str, rules: RuleSet) -> list[tuple[str, str]] | None:
    """Credits each with its bar or slash, several on a line (文｜苏念　图｜庞晓宇　编辑｜葛瑶, 文/祁怀安
    图/市中级人民法院), or None."""
    # (The anchored pattern first: it fails at the first character on most lines, which every line
    # that no label leads reaches.)
    if (
        rules.credit_bar_pattern.match(text) is None
        or len(_BARS.findall(text, 0, MAX_LABEL_VALUE_CHARS * 3)) < 2
    ):
        return None
    matches = list(rules.credit_bar_pattern.finditer(text))
    if len(matches) < 2:
        return None  # (a table's row: 编辑 | 2 | …, 审核 | 2个工作日 | 登记科, the third review's)
    credits: list[tuple[str, str]] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        if not value or len(value) > MAX_LABEL_VALUE_CHARS or _BARS.search(value) or _has_digit(value):
            return None
        credits.append(("".join(match["label"].split()), value))
    return credits


def parse_label_pairs(text: str, rules: RuleSet) -> list[tuple[str, str]] | None:
    """``[(label, value), ...]`` when the whole line is label pairs starting at its first character."""
    if text.startswith("［") and text.endswith("］") and ("|" in text or "｜" in text):
        # A row of pairs in full-width square brackets: ［信息来源：…区分局 | 发布日期：2023-08-01 | 字体：
        # 大 中 小］, a district portal's, set AO. (Only a row parted by bars: ［资料来源：…］, ［文：…碑文］
        # and ［时间：1986年5月］ inside a text are its notes, the nineteenth review's pages.)
        text = text[1:-1].strip()
    if rules.label_pattern.match(text) is None:
        # cheap: most lines do not start with a label (and a 1 MB line is not searched)
        return _credits_parted_by_bars(text, rules)
    matches = list(rules.label_pattern.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    if len(text) > MAX_PUNCTUATED_CREDITS_CHARS or "。" in text:
        # A label after ；，/ parts a credits line (文字：…；图片：…；责任编辑：…), never a sentence's
        # clauses: 一审：法院认定…；二审：…维持原判。 in a court report is the text's.
        matches = [m for m in matches if m.start() == 0 or text[m.start() - 1] not in _CREDIT_PUNCTUATION]
    else:
        # A label glued to the value before it, on a short line of pairs: 发布时间：2024-06-14
        # 09:30:12来源：出入境管理支队作者：宣传科 周婧阅读： (a template that prints no separator).
        found = [
            g
            for g in rules.glued_label_pattern.finditer(text)
            if not any(m.start() <= g.start() <= m.end() or g.start() < m.start() < g.end() for m in matches)
        ]
        glued = [g for g in found if _GLUED_AFTER.search(text, 0, g.start())]
        if glued:
            # Where the template glues its labels, it glues them after a name too (…作者：韦一鸣
            # 陶然编辑：程昊字号：…); alone, such a word is more often a longer role's (总编辑：).
            glued += [g for g in found if g not in glued and _GLUED_AFTER_NAME.search(text, 0, g.start())]
            matches = sorted([*matches, *glued], key=lambda m: m.start())
    pairs: list[tuple[str, str]] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        if i + 1 < len(matches):
            value = value.rstrip("；;，,/／").rstrip()  # the separator before the next label
        if len(value) > MAX_LABEL_VALUE_CHARS:
            return None
        pairs.append(("".join(match["label"].split()), value))
    return pairs


def repeated_lines(texts: Iterable[str], *, min_files: int = 3, min_share: float = 0.5) -> frozenset[str]:
    """Lines (white space removed) that occur in at least ``min_share`` of ``texts`` and ``min_files``.

    ``texts`` are the decoded pages of one site in one run; such lines are the site's menus and
    footers. Prose lines are never returned: two articles may quote the same sentence.
    """
    counts: Counter[str] = Counter()
    files = 0
    # A site's lines repeat on its pages: each raw line normalised once a call.
    normals: dict[str, str] = {}
    for text in texts:
        files += 1
        raws = split_lines(text)
        for line in set(raws).difference(normals):
            normals[line] = normal_line(line)
        page = set(map(normals.__getitem__, raws))
        page.discard("")
        counts.update(page)
    threshold = max(min_files, min_share * files)
    return frozenset(line for line, n in counts.items() if n >= threshold and not is_prose(line))


# Lines longer than this are not memoised (no rule matches them, a paragraph seldom repeats, and a
# 1 MB line must not be held); a memo holding this many lines is emptied before the next page adds
# to it. Measured with tracemalloc, every line distinct: 40,000 facts and 41,000 verdicts held
# 22 MiB, so at this size the four memos hold ~20 MiB a worker at most; a 1,000-page batch of the
# generated corpus has ~7,200 distinct non-blank lines.
MEMO_MAX_CHARS = LONGEST_CHROME_LINE
MEMO_MAX_LINES = 20_000


class _Facts:
    """What a non-blank line is, from its text and the rules alone (the same on every page).

    ``weight`` is its block weight when that does not depend on the page (a barrier, a line a rule
    names), else None: then the page's site chrome decides between ``-CHROME_LINE_COST`` and
    ``prose_weight``. ``barrier`` is ``barrier_of_chrome``'s answer, set for a line with a chrome
    rule only, as the weighing always asked it."""

    __slots__ = (
        "anchor_key",
        "barrier",
        "chrome",
        "han",
        "headline_like",
        "normal",
        "pairs",
        "prose",
        "prose_weight",
        "weight",
    )

    def __init__(self, text: str, rules: RuleSet) -> None:
        self.han = han = han_count(text)
        self.normal = normal = normal_line(text)
        self.anchor_key = _one_dash(normal)
        self.prose = is_prose(text, han)
        self.headline_like = is_headline_like(text, han)
        # Every zone's rules, however long the line (up to the rules' own LONGEST_CHROME_LINE): a
        # footer line of 100+ characters right after the text must cost, or it joins the article
        # block, where the footer's rules no longer apply.
        self.chrome = chrome = rules.match_line(text, ANY_ZONE)
        self.barrier: LineRule | None = None
        pairs = parse_label_pairs(text, rules)
        if pairs and _past_its_length(text, pairs[0][0], rules):
            # (a label whose family reads a short line only, over a sentence: 分析师：今年以来，A股
            # 市场…, 公开范围：面向全市…工作人员。, the twenty-third review's pages, cost as prose)
            pairs = None
        self.pairs = pairs
        self.weight: float | None = None
        self.prose_weight = 0.0
        # Barrier rules are line rules of some zone: on a line that no rule matches, none does.
        if chrome is not None:
            self.barrier = rules.barrier_of_chrome(text, chrome)
            if chrome.barrier or self.barrier is not None:
                self.weight = BARRIER
                return
        if pairs is not None and any(rules.label_field[label].barrier for label, _ in pairs):
            self.weight = BARRIER
        elif chrome is not None and chrome.id in _NEUTRAL_CHROME:
            self.weight = 0.0
        elif chrome is not None or pairs is not None:
            self.weight = -CHROME_LINE_COST
        else:
            self.prose_weight = prose_weight(text, han)


class _Verdict:
    """What the rules of one zone say about a non-blank line: the line without its chrome spans,
    whether a span rule removes it whole, the rule that removes it (metadata, dateline or chrome) with
    the fields it fills, and the facts the page's own tests ask of what is left."""

    __slots__ = ("fields", "normal", "prose", "rule_id", "span_only", "span_rule", "stripped", "title_like")

    def __init__(self, text: str, zone: str, facts: _Facts, rules: RuleSet) -> None:
        stripped, span_rule = rules.strip_spans(text, zone)
        self.stripped = stripped
        self.span_rule = span_rule
        self.span_only = bool(span_rule) and not SUBSTANCE.search(stripped)
        self.fields: list[tuple[str, str]] = []
        self.rule_id: str | None = None
        self.normal = facts.normal
        self.prose = facts.prose
        self.title_like = False
        if self.span_only:
            return
        same = stripped is text
        pairs = facts.pairs if same else parse_label_pairs(stripped, rules)
        rule_id = (
            _metadata_rule(pairs, stripped, zone, rules, self.fields)
            or _dateline_rule(stripped, zone, rules, self.fields)
            or _chrome_rule(facts.chrome if same else None, same, stripped, zone, rules)
        )
        if rule_id is None and zone == "body" and not facts.prose and len(stripped) <= WIDGET_LINE_CHARS:
            rule_id = _widget_alone(stripped, facts.chrome if same else None, rules)
        if rule_id == BRACKETED_CREDIT_RULE and (
            credit := _BRACKETED_CREDIT.search(stripped) or _BRACKETED_CREDIT_SPACED.search(stripped)
        ):
            self.fields.append(("editors", credit["names"]))
        self.rule_id = rule_id
        han = facts.han
        if not same:
            han = han_count(stripped)
            self.normal = normal_line(stripped)
            self.prose = is_prose(stripped, han)
        if zone == "header":
            self.title_like = _is_title_candidate(stripped, han)


# How long a line inside the article block may be and still be only a widget of the page's edges.
WIDGET_LINE_CHARS = 30


def _widget_alone(text: str, chrome: LineRule | None, rules: RuleSet) -> str | None:
    """The id of the edges rule whose widget is all there is of ``text``, a line inside the article
    block: a share bar, a QR-code prompt, a counter or a print/close pair the block took in. Inside
    the block only a rule's whole line goes, never a span of a sentence (老字号 keeps its 字号)."""
    if chrome is not None and chrome.zone == "edges" and chrome.kind == "line":
        for pattern in chrome.patterns:
            found = pattern.search(text)
            # What the match leaves may be the widget's count (浏览次数：88), never words.
            if found is not None and not han_count(text[: found.start()] + text[found.end() :]):
                return chrome.id
    rest, span_rule = rules.strip_spans(text, "header")
    if (
        span_rule is not None
        and not SUBSTANCE.search(rest)
        and next(r for r in rules.line_rules if r.id == span_rule).zone == "edges"
    ):
        return span_rule
    return None


def _past_its_length(text: str, label: str, rules: RuleSet) -> bool:
    """``text`` holds a sentence (。 or ，) and is longer than ``label``'s family reads."""
    family = rules.label_field[label]
    return family.max_chars is not None and len(text) > family.max_chars and ("。" in text or "，" in text)


def _metadata_rule(
    pairs: list[tuple[str, str]] | None, text: str, zone: str, rules: RuleSet, fields: list[tuple[str, str]]
) -> str | None:
    if pairs is None:
        return None
    # The line's first label says what the line is, where that label's family applies; elsewhere a
    # later label's family that applies there does (作者：未知 责任编辑：… under the text is an
    # editor's credit: credit.author reads only the lines at the article's edges).
    family = next((f for label, _ in pairs if zone_applies((f := rules.label_field[label]).zone, zone)), None)
    if family is None or (family.max_chars is not None and len(text) > family.max_chars):
        return None
    for label, value in pairs:
        fields.append((rules.label_field[label].field, value))
    return family.rule


# A date span's second part after the first date (至6月19日, —19日, ~2024-06-19).
_SPAN_ON = re.compile(r"\s*(?:至|到|～|~|—|－|-)\s*\d")


def _dateline_rule(text: str, zone: str, rules: RuleSet, fields: list[tuple[str, str]]) -> str | None:
    dateline = rules.dateline
    found = _DATELINE.match(text)
    if found is None or not zone_applies(dateline.zone, zone) or MONTHS_RANGE.match(text):
        return None  # (2024年1-5月深圳经济运行情况: a headline, its months no date)
    # The date as the metadata stage reads it may run further: a clock in words (10时20分), 上午 before
    # the clock; what follows it is the rest.
    begin = found.start("rest")
    dated = next(iter(find_dates(text[: begin + 20])), None)
    if dated is not None and dated.start == 0 and dated.has_year and dated.end > begin:
        begin = dated.end
    # The weekday belongs to the date (2026年12月5日 星期六, a header's today widget): no outlet.
    rest = WEEKDAY.sub("", text[begin:].strip(), count=1)
    if len(rest) > dateline.max_rest_chars or _SPAN_ON.match(rest):
        return None  # (2024年6月13日至6月19日计划停电公告: a span of days, a headline's, set AS)
    pairs = parse_label_pairs(rest, rules) if rest else []
    if pairs is None:
        if SUBSTANCE.search(rest) and not re.fullmatch(r"[\u3400-\u9fff\w·]{2,30}", rest):
            return None
        fields.append(("dateline_publisher", rest))
        pairs = []
    fields.append(("dateline", text[:begin].strip()))
    for label, value in pairs:
        fields.append((rules.label_field[label].field, value))
    return dateline.rule


def _chrome_rule(any_zone: LineRule | None, known: bool, text: str, zone: str, rules: RuleSet) -> str | None:
    """The id of the chrome rule of ``zone`` that removes ``text``; ``any_zone`` is its any-zone rule
    when ``known`` (the line as weighed, not one that lost chrome spans)."""
    # The rule sought while weighing the line answers for its zone too when it applies there: a
    # matcher returns the leftmost match, the first in file order on a tie, so a rule that wins
    # among all rules wins among those of any zone it belongs to, and no match among all rules
    # means none among a zone's.
    if known and (any_zone is None or zone_applies(any_zone.zone, zone)):
        return None if any_zone is None else any_zone.id
    rule = rules.match_line(text, zone)
    return None if rule is None else rule.id


def _is_title_candidate(text: str, han: int) -> bool:
    # A line with undecodable bytes (U+FFFD) is damaged: never the headline the record shows.
    return (
        "\ufffd" not in text
        and han >= MIN_TITLE_HAN
        and len(text) <= MAX_TITLE_CHARS
        # A headline may exclaim or ask (举行！, 存在吗？); a sentence or a label ends otherwise.
        and not text.endswith(("。", ".", "：", ":", "；", ";", "，", ","))
        and _BYLINE_LINE.search(text) is None
        and _DOCUMENT_NUMBER.fullmatch(text) is None
        and _LABEL_ROW.search(text) is None
    )


# Two labels and their values on a line (证券代码：002976　证券简称：佳禾食品…, 公告日期：2024-10-15
# 公告类型：业绩预告, set U's announcements): a record's row, never a headline (no title of the
# corpora or the read held-out sets, 934, has one).
# (A first value that is a clause, 代表龙建新：建议… 委员唐芳：…, is a headline's: the fifteenth review's
# e-paper page.)
_LABEL_ROW = re.compile(
    r"[\u4e00-\u9fff]{2,6}\s*[:：]\s*(?![\u4e00-\u9fff]{5})\S+?\s+[\u4e00-\u9fff]{2,6}\s*[:：]"
)
# A press release's boilerplate: its heading (关于澄泽新能源), and what its paragraph says of the company
# in its first characters (…（股票代码：300867）成立于2011年, …是一家…).
_ABOUT_HEADING = re.compile(r"关于\s*(?P<name>[\u4e00-\u9fffA-Za-z0-9·&]{2,20})\s*")
_COMPANY_PROFILE = re.compile(
    r"成立于|成立於|创立于|創立於|创建于|創建於|始创于|始創於|是一家|總部位於|总部位于"
)
PROFILE_OPENING_CHARS = 60
MIN_PROSE_PARAGRAPH_HAN = 20
# A resolution's or a communiqué's adoption line under its headline, in brackets: （2024年12月27日中国共产党
# 某某市第十三届委员会第八次全体会议通过）.
_ADOPTION_LINE = re.compile(
    r"[(（]\s*(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年.{2,80}?(?:通过|通過|批准|修订|修訂|审议通过|審議通過)\s*[)）]"
)
# A section heading's mark (■ 基本案情): a heading over the text's first paragraph is the text's
# when its later headings carry the same mark.
_HEADING_MARK = re.compile(r"[■□●◆◇▲▶►]")
MAX_MARKED_HEADING_CHARS = 20
# (Not a sentence, a byline or a column's name after the mark: ● 记者 … 通讯员 …, ▲点上方蓝字关注，…
# and ■ 要闻 stand over texts with ● or ■ lines inside, the fifteenth review's pages.)
_HEADING_PUNCTUATION = re.compile(rf"[{_CLAUSE_PUNCTUATION}]")
_COLUMN_WORD = re.compile(
    rf"[\u4e00-\u9fff]{{0,4}}(?:{COLUMN_WORDS}|时评|時評|评论|評論|聚焦|关注|關注|头条|頭條|视点|視點|速递|速遞|热点|熱點)"
)
# The kind of document a letterhead heads, alone on its line (公　告, 通知, 判决书), within this
# many lines under it.
_DOCUMENT_MARK = re.compile(
    r"\s*(?:公\s*告|通\s*告|通\s*知|公\s*示|通\s*报|通\s*報|决\s*定|決\s*定|[\u4e00-\u9fff]{0,6}书|[\u4e00-\u9fff]{0,6}書)\s*"
)
LETTERHEAD_MARK_LINES = 2
# A bio's subject, right after the label credit.author_bio reads (作者简介：林默，1975年生…).
BIO_RULE = "credit.author_bio"
_BIO_SUBJECT = re.compile(r"\s*(?P<name>[\u4e00-\u9fff·]{2,4})[，,、（(\s]")
# A document's or a case's number alone on its line, over the text it numbers (岚防指〔2024〕9号,
# （2024）岚0105民初1873号): the document's heading, never the headline (set K's court notice).
_DOCUMENT_NUMBER = re.compile(
    r"\s*[\u4e00-\u9fff]{0,12}\s*[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】]\s*[\u4e00-\u9fff\d]{0,16}?\d+\s*[号號]\s*"
    # (…or a notice's serial, no 号 after it: 鄂武汉航通（2024）0312, a maritime bureau's, set AZ)
    r"|\s*[\u4e00-\u9fff]{2,12}\s*[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】]\s*\d{2,6}\s*"
)


def _speaks_of(
    lines: list[str], end: int, header: list[str], *, at_least: int = 2, lines_back: int = TABLE_TEXT_LINES
) -> bool:
    """Whether the text up to ``end`` speaks of what a table's ``header`` names: ``at_least`` header
    cells share two characters with its last ``lines_back`` lines and line ``end`` (河流名称 / 断面数 /
    水质类别 under …河流水质…断面…)."""
    text = "".join(lines[max(0, end - lines_back) : end + 1])
    shared = sum(
        any(c[j : j + 2] in text for j in range(len(c) - 1)) for c in (cell.strip() for cell in header)
    )
    return shared >= min(at_least, len(header))


def _is_figure(cell: str) -> bool:
    return _NUMERIC_CELL.fullmatch(cell) is not None


def _has_digit(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell)


def _table_rows(cells: list[str], columns: int, figure: Callable[[str], bool] = _is_figure) -> int:
    """How many rows under its header ``cells`` make a table of ``columns`` (0 when none): a header
    of words, Chinese ones (LOCAL NEWS under 清溪要闻 is a sidebar's), then at least TABLE_MIN_ROWS
    rows with ``figure`` cells in the same columns."""
    rows = len(cells) // columns
    if rows <= TABLE_MIN_ROWS or any(_NUMERIC_CELL.fullmatch(c) or not han_count(c) for c in cells[:columns]):
        return 0
    kinds: tuple[bool, ...] | None = None
    last_row = 0
    for row in range(1, rows):
        kind = tuple(figure(c) for c in cells[row * columns : (row + 1) * columns])
        if (kinds is None and not any(kind)) or (kinds is not None and kind != kinds):
            break
        kinds, last_row = kind, row
    return last_row if last_row >= TABLE_MIN_ROWS else 0


def _label_run(
    lines: list[str], end: int, pattern: re.Pattern[str], limit: int
) -> list[tuple[int, re.Match[str]]]:
    """The lines right under ``end`` that ``pattern`` matches whole, ``limit`` at most: (index, match)."""
    found = []
    for index in _texts_after(lines, end, limit):
        match = pattern.fullmatch(lines[index])
        if match is None:
            break
        found.append((index, match))
    return found


def _latin_under(chinese: bool, key: str) -> bool:
    """Whether ``key`` has no Han character under a page title that has some: a body's name in
    Portuguese under a Chinese one (法務局 Direcção dos Serviços…, set AK's Macau pages) anchors no
    headline."""
    return chinese and not han_count(key)


def _last_heading(lines: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The last outline heading (一、… to 十、…) of ``lines[start:end + 1]``: (its index, its number)."""
    for index in range(end, start - 1, -1):
        found = _OUTLINE_HEADING.fullmatch(lines[index]) if lines[index] else None
        if found is not None:
            return index, _OUTLINE_NUMBERS.index(found["number"]) + 1
    return None


def _memo(rules: RuleSet, kind: str) -> dict[Any, Any]:
    memo = rules.line_memo.get(kind)
    if memo is None or len(memo) >= MEMO_MAX_LINES:
        memo = rules.line_memo[kind] = {}
    return memo


class _PageCleaner:
    def __init__(
        self, text: str, rules: RuleSet, hints: Mapping[str, str], site_chrome: frozenset[str]
    ) -> None:
        self.rules = rules
        self.hints = hints
        self.site_chrome = site_chrome
        self.raw_lines = split_lines(text)
        self.result = CleanedText(body=[], removed=[], repairs=[], title=None)
        self.anchor: int | None = None
        # The headline matched the page title only without the platform's decoration around it.
        self.anchor_decorated = False
        self.title_is_part = False  # the headline is the page title's part before its separator
        # The page title's first parts (what a short headline must equal), worked out once.
        self.first_part: set[str] | None = None
        self.first: int | None = None
        # What is learnt about each repaired line (same index, same text) from the rules alone, asked
        # again when its zone is known: see _Facts (None for a blank line).
        self.lines: list[str] = []
        self.facts: list[_Facts | None] = []
        self.hans: list[int] = []
        self.normals: list[str] = []
        self.barriers: dict[int, LineRule | None] = {}
        # The lines of a table of contents the article block runs across (``through_contents``).
        self.contents: frozenset[int] = frozenset()
        # The lines of a related box between two paragraphs (``_box_between_paragraphs``).
        self.boxed: frozenset[int] = frozenset()
        self.weights: list[float] = []  # each line's weight for the article block (``line_weights``)

    def remove(self, line_no: int, original: str, rule_id: str) -> None:
        # Counted in stats once the page is done (``count_removals``), not one line at a time.
        self.result.removed.append(LineRemoved(line_no, original, rule_id))

    def count_removals(self) -> None:
        """``removed.<rule id>`` in stats, the rules in the order they first removed a line."""
        for rule_id, count in Counter(removal.rule_id for removal in self.result.removed).items():
            self.result.stats[f"removed.{rule_id}"] += count

    def add_field(self, name: str, value: str, line_no: int) -> None:
        if value and name != "ignore":
            self.result.fields.setdefault(name, []).append(value)
            self.result.field_lines.setdefault(name, []).append(line_no)

    def repaired_lines(self) -> list[str]:
        whole = "\n".join(self.raw_lines)
        fix_pinyin = count_pinyin_annotations(whole, MIN_PINYIN_ANNOTATIONS) >= MIN_PINYIN_ANNOTATIONS
        lines = list(self.raw_lines)
        # Most lines: nothing to repair, no records to build (found in one pass over the page).
        for index in lines_needing_repair(self.raw_lines, whole, pinyin=fix_pinyin):
            line_no, original = index + 1, self.raw_lines[index]
            step = normalise_whitespace(original, line_no)
            text, repairs = step.text, list(step.repairs)
            step = strip_trailing_pipe(text, line_no)
            text, repairs = step.text, repairs + step.repairs
            if fix_pinyin:
                shifted = repair_byte_shifts(text, line_no)
                text, repairs = shifted.text, repairs + shifted.repairs
                for flag in shifted.flags:
                    if flag not in self.result.flags:
                        self.result.flags.append(flag)
                step = remove_pinyin_annotations(text, line_no)
                text, repairs = step.text, repairs + step.repairs
            for repair in repairs:
                self.result.stats[repair.rule_id] += 1
            self.result.repairs.extend(repairs)
            lines[index] = text
        return lines

    def learn_lines(self, lines: list[str]) -> None:
        self.lines = lines
        # Each distinct line is weighed and matched once per memo, not once per page: a site's menus
        # and footers repeat on every page of a batch (see MEMO_MAX_LINES).
        memo: dict[str, _Facts] = _memo(self.rules, "facts")
        rules = self.rules
        facts: list[_Facts | None] = []
        for text in lines:
            if not text:
                facts.append(None)
                continue
            found = memo.get(text)
            if found is None:
                found = _Facts(text, rules)
                if len(text) <= MEMO_MAX_CHARS:
                    memo[text] = found
            facts.append(found)
        self.facts = facts
        self.hans = [0 if f is None else f.han for f in facts]
        self.normals = ["" if f is None else f.normal for f in facts]
        for index, found in enumerate(facts):
            if found is not None and found.chrome is not None:
                self.barriers[index] = found.barrier
        # The first non-blank line: a scraper dump's <title>.
        self.first = next((i for i, t in enumerate(lines) if t), None)

    @property
    def page_title(self) -> str:
        """The page's first line (a dump's <title>) in normal form: the headline's choice weighs lines
        against it."""
        return "" if self.first is None else normal_line(self.lines[self.first])

    def han(self, index: int, text: str) -> int:
        """``han_count(text)``, known already when ``text`` is still the repaired line at ``index``."""
        return self.hans[index] if text is self.lines[index] else han_count(text)

    def chrome(self, index: int) -> LineRule | None:
        found = self.facts[index]
        return None if found is None else found.chrome

    def pairs(self, index: int) -> list[tuple[str, str]] | None:
        found = self.facts[index]
        return None if found is None else found.pairs

    def block_weight(self, index: int) -> float:
        found = self.facts[index]
        if found is None:
            return 0.0
        if found.weight is not None:
            return found.weight
        return -CHROME_LINE_COST if found.normal in self.site_chrome else found.prose_weight

    def barrier_rule(self, index: int) -> LineRule | None:
        if index not in self.barriers:
            self.barriers[index] = self.rules.barrier(self.lines[index])
        return self.barriers[index]

    def line_weights(self, lines: list[str]) -> tuple[list[float], frozenset[int]]:
        """Each line's weight for the article block, and the indexes of the barriers that may lead."""
        self.learn_lines(lines)
        weights = [self.block_weight(index) for index in range(len(lines))]
        leading = frozenset(
            i
            for i, w in enumerate(weights)
            if w == BARRIER and (rule := self.barrier_rule(i)) and rule.leading
        )
        # A run of headline-like lines (no sentence end) is a list of links, however many commas its
        # lines have: none of them adds to an article.
        run: list[int] = []
        for index in [*range(len(lines)), -1]:
            if index >= 0 and not lines[index]:
                continue
            if index >= 0 and weights[index] != BARRIER and self.facts[index].headline_like:
                run.append(index)
                continue
            if len(run) >= HEADLINE_RUN and (
                self._table_between_paragraphs(weights, run) or _numbered_in_order([lines[i] for i in run])
            ):
                # A table's rows are the text's: its header row of words parted by spaces costs what
                # a list item costs, not what a menu does (一、招聘岗位及人数 / 岗位代码 岗位名称 …).
                # So are a list's items numbered in order (①… ②… ③…, （一）… （二）…), which no menu is.
                for i in run:
                    weights[i] = max(weights[i], -CONTENT_LINE_COST)
            elif len(run) >= HEADLINE_RUN:
                for i in run:
                    weights[i] = min(
                        weights[i], -(SHORT_LINE_COST + SHORT_LINE_COST_PER_CHAR * min(len(lines[i]), 80))
                    )
            run = []
        # A date or source label's line beside items of the same shape that no metadata label names
        # (时间：5月20日上午9时 over 地点：市民中心 and 内容：…) is a programme's item in the text,
        # not the page's metadata line: it costs what a list item costs, not what chrome does.
        for index, found in enumerate(self.facts):
            if (
                found is not None
                and found.pairs is not None
                and found.chrome is None
                and weights[index] == -CHROME_LINE_COST
                and any(self._plain_labelled_item(j) for j in self._neighbours(index))
            ):
                weights[index] = -CONTENT_LINE_COST
        self._listed_between_paragraphs(lines, weights)
        self._box_between_paragraphs(lines, weights)
        self._spaced_table_between_paragraphs(lines, weights)
        self._lineup_between_paragraphs(lines, weights)
        self._policy_heading_over_prose(lines, weights)
        self._outline_in_order(lines, weights)
        self._comment_word_between_paragraphs(lines, weights)
        self._boilerplate_under(lines, weights)
        return weights, leading

    def _comment_word_between_paragraphs(self, lines: list[str], weights: list[float]) -> None:
        """A box's heading word alone between two paragraphs that end their sentences (_HEADING_WORDS:
        评论 over a match report's commentary, 最新动态 in a briefing, the twenty-first and twenty-second
        reviews' pages) is the text's sub-heading, not a comment section's or a related list's heading,
        which commenters' names and days or links follow (热心居民　2010-10-17, set AU): it costs as
        chrome, no barrier."""
        for index, found in enumerate(self.facts):
            if (
                found is None
                or weights[index] != BARRIER
                or found.normal not in _HEADING_WORDS
                or found.chrome is None
                or found.chrome.id != _HEADING_WORDS[found.normal]
            ):
                continue
            above, below = _above(lines, index), _below(lines, index)
            if all(
                near is not None
                and (fact := self.facts[near]) is not None
                and fact.prose
                and lines[near].rstrip().endswith(_STOPS)
                for near in (above, below)
            ):
                weights[index] = -CHROME_LINE_COST

    def _outline_in_order(self, lines: list[str], weights: list[float]) -> None:
        """A document's outline, its sections numbered 一、 二、 三、… in order from 一 (a procurement
        result's 一、项目编号：… / 二、项目名称：… / … / 八、联系方式, set AS; a service guide's
        一、事项名称 / … / 四、办理条件, set AP): from its first section to its last, lines of labels,
        values and table rows are the text's, which no menu or list of links is numbered as. Each
        line adds a little, so a page made only of such lines has its article there; barriers stay
        barriers. (Measured on the corpora and the sets read: 1,660 of the 1,674 lines inside such
        runs are gold text, the other 14 one blog's code listing.)"""
        for headings in _outlines(lines):
            span = [i for i in range(headings[0], headings[-1] + 1) if lines[i]]
            if any(weights[i] == BARRIER for i in span):
                continue
            if all(_MENU_WORDS.fullmatch(lines[i]) for i in span) and any(
                (fact := self.facts[i]) is not None and fact.prose
                for i in _texts_before(lines, headings[0], OUTLINE_PROSE_ABOVE)
            ):
                # (a sidebar's tree under a text's paragraphs, 一、机构概况 / 机构职能 / 领导信息 / 二、
                # 政策文件 / …, words alone on their lines, no label, figure or stop: a government
                # site's 政府信息公开 box, the twenty-first review's pages; no outline of the corpora's
                # is so, and an infographic's outline stands under its headline, no prose above)
                continue
            for i in [*span, *self._last_section(lines, weights, headings)]:
                weights[i] = max(weights[i], OUTLINE_LINE_GAIN)

    def _last_section(self, lines: list[str], weights: list[float], headings: list[int]) -> list[int]:
        """The lines under an outline's last heading when no section ends a sentence (an infographic's
        text: 四、降低人力成本 over its two measures, set AP): as many as its shortest section has at
        most, up to a barrier or chrome, with no label unless a section holds one (政策原文：… under
        the graphic is a link)."""
        sections = [[i for i in range(a + 1, b) if lines[i]] for a, b in pairwise(headings)]
        if any(lines[i].rstrip().endswith(_STOPS) for section in sections for i in section):
            return []  # (sections of sentences: the blocks find where the last one ends)
        labelled = any(_LABELLED_LINE.match(lines[i]) for section in sections for i in section)
        found: list[int] = []
        for index in _texts_after(lines, headings[-1], min(len(section) for section in sections)):
            if (
                weights[index] == BARRIER
                or self.chrome(index) is not None
                or (not labelled and _LABELLED_LINE.match(lines[index]))
            ):
                break
            found.append(index)
        return found

    def _policy_heading_over_prose(self, lines: list[str], weights: list[float]) -> None:
        """A policy site's box heading (相关政策, 相关解读, 相关图解) over a paragraph within a few lines
        is the text's own section (a service guide's 相关政策： over its items and 三、办理流程, a
        report's sub-heading: the twentieth review's pages): no barrier, a list item's cost."""
        for index, found in enumerate(self.facts):
            if (
                found is not None
                and found.chrome is not None
                and found.chrome.id == RELATED_RULE
                and _POLICY_BOX_HEADING.fullmatch(lines[index])
                and any(
                    weights[i] > 0 and len(lines[i]) >= BOX_PARAGRAPH_CHARS
                    for i in _texts_after(lines, index, POLICY_HEADING_REACH)
                )
            ):
                weights[index] = -CONTENT_LINE_COST

    def _lineup_between_paragraphs(self, lines: list[str], weights: list[float]) -> None:
        """A press conference's lineup between its opening paragraph and its transcript (发布人： /
        国家发展改革委政策研究室副主任、新闻发言人 宋文杰 / … / 主持人： / …新闻处处长 林 静, set AP's
        transcripts): each role's label alone, then a post and a name a line. Its lines cost what a
        list item costs, not what a menu's do, and the text runs over them."""
        index = 0
        while index < len(lines):
            if not _LINEUP_LABEL.fullmatch(lines[index]):
                index += 1
                continue
            group: list[int] = []
            at: int | None = index
            while at is not None and _LINEUP_LABEL.fullmatch(lines[at]):
                members = list(
                    takewhile(
                        lambda i: _LINEUP_MEMBER.fullmatch(lines[i].strip()) is not None,
                        _texts_after(lines, at, MAX_LINEUP_MEMBERS),
                    )
                )
                if not members:
                    break
                group += [at, *members]
                at = _below(lines, members[-1])
            index = (group[-1] if group else index) + 1
            # (…and one of its people speaks on the line under it, 林静：…: a past events' box under a
            # text opening with 发布人： is no transcript's head, the twentieth review's page)
            speaker = _below(lines, group[-1]) if group else None
            if (
                group
                and speaker is not None
                and _speaks(lines[speaker], _lineup_people(lines, group))
                and self._between_paragraphs(weights, group[0], group[-1])
            ):
                for i in group:
                    weights[i] = max(weights[i], -CONTENT_LINE_COST)

    def _spaced_table_between_paragraphs(self, lines: list[str], weights: list[float]) -> None:
        """A table whose cells white space parts, its header of words and its rows numbered or with
        figures, between two paragraphs: its lines cost what a list item costs. Set AK's sampling and
        impact-assessment notices (序号　项目名称　建设地点… / 1　年产20万套…项目　常州市武进区… /
        …, then 公示期间，…): the rows are no headline-like run, so only their header cost like a menu
        item, and the text ended over it."""
        # (Only lines with white space inside are split: most lines are menu items and words alone,
        # and splitting every line cost 0.08 M instructions a page, benchmarks/instructions.py.)
        done = -1
        for index in [
            i
            for i, text in enumerate(lines)
            if (" " in text or "\u3000" in text or "\t" in text) and weights[i] < 0
        ]:
            if index <= done or weights[index] == BARRIER:
                continue
            cells = len(lines[index].split())
            if cells < TABLE_MIN_CELLS:
                continue
            rows = [index]
            for following in _texts_after(lines, index, TABLE_WINDOW):
                if weights[following] == BARRIER or len(lines[following].split()) != cells:
                    break
                rows.append(following)
            done = rows[-1]
            if len(rows) <= TABLE_MIN_ROWS:
                continue
            # (…with its caption over it and its note under it: 2024年6月全国查处…问题汇总表 / … / 注：本表
            # 数据由…, set AK's monthly statistics)
            table = list(rows)
            above, below = _above(lines, rows[0]), _below(lines, rows[-1])
            caption = "" if above is None else lines[above].strip()
            if above is not None and (
                _TABLE_CAPTION.fullmatch(caption) or _INDICATORS_CAPTION.fullmatch(caption)
            ):
                table.insert(0, above)
            if below is not None and _TABLE_NOTE.fullmatch(lines[below].strip()):
                table.append(below)
            if self._between_paragraphs(weights, table[0], table[-1]):
                for i in table:
                    weights[i] = max(weights[i], -CONTENT_LINE_COST)

    def _boilerplate_under(self, lines: list[str], weights: list[float]) -> None:
        """A press release's boilerplate ends its text: 关于澄泽新能源 over 澄泽新能源科技股份有限公司
        （股票代码：300867）成立于2011年… (set U's PR wire; two of the three earlier sets' releases
        call it no text), a heading naming the company and a paragraph that opens with its name and
        says when it was founded or what it is. A text's own 关于报名方式 names nobody so."""
        for index, text in enumerate(lines):
            about = _ABOUT_HEADING.fullmatch(text) if text.startswith("关于") else None
            if about is None or weights[index] == BARRIER:
                continue
            below = _below(lines, index)
            if (
                below is not None
                and lines[below].lstrip().startswith(about["name"])
                and _COMPANY_PROFILE.search(lines[below], 0, PROFILE_OPENING_CHARS) is not None
                and not self._prose_under(lines, below, about["name"])
            ):
                weights[index] = BARRIER

    @staticmethod
    def _prose_under(lines: list[str], index: int, name: str) -> bool:
        """Whether the line under ``index`` is a paragraph of the text going on (上世纪九十年代，工厂…),
        not the boilerplate's second paragraph (公司…, 更多信息…) or a contact's line."""
        below = _below(lines, index)
        if below is None:
            return False
        text = lines[below].strip()
        return (
            han_count(text) >= MIN_PROSE_PARAGRAPH_HAN
            and text.endswith(("。", "！", "？", "”", "」"))
            and not text.startswith((name, "公司", "该公司", "該公司", "更多", "欲了解", "如需了解"))
            and _LABELLED_LINE.match(text) is None
        )

    def _box_between_paragraphs(self, lines: list[str], weights: list[float]) -> None:
        """A related-reading box standing between two paragraphs (延伸閱讀 / 两三条标题 / 廣告, then
        the text goes on: a Taiwan paper's, sets F and L lost every paragraph under it) is chrome
        that costs nothing, not a barrier: its lines leave the text as related links. Only where a
        paragraph stands over its heading and two long paragraphs, each ending a sentence, under its
        items (after an article, a related list is followed by comments, a footer, or nothing)."""
        for index, found in enumerate(self.facts):
            if (
                found is None
                or found.chrome is None
                or found.chrome.id != RELATED_RULE
                or _BOX_HEADING.fullmatch(lines[index]) is None
            ):
                continue
            above = _above(lines, index)
            if above is None or weights[above] <= 0:
                continue
            following = list(_texts_after(lines, index, BOX_ITEMS + 3))
            items = list(takewhile(lambda i: self._boxed_item(lines[i], i, weights), following))
            after = following[len(items) : len(items) + 2]
            if (
                not 0 < len(items) <= BOX_ITEMS
                or len(after) < 2
                or not all(
                    weights[i] > 0
                    and len(lines[i]) >= BOX_PARAGRAPH_CHARS
                    and lines[i].rstrip().endswith(_STOPS)
                    for i in after
                )
            ):
                continue
            for i in (index, *items):
                weights[i] = 0.0
            self.boxed = self.boxed | {index, *items}

    def _boxed_item(self, text: str, index: int, weights: list[float]) -> bool:
        """A related box's item: a headline (short, no sentence's stop) or an ad's label."""
        found = self.facts[index]
        if found is not None and found.chrome is not None:
            return found.chrome.id == WIDGET_RULE and weights[index] != BARRIER  # 廣告
        return (
            weights[index] <= 0 and len(text.strip()) <= BOX_ITEM_CHARS and not text.rstrip().endswith(_STOPS)
        )

    def _listed_between_paragraphs(self, lines: list[str], weights: list[float]) -> None:
        """The short lines between a paragraph that ends in a colon and the next paragraph are the list
        it introduces, and cost what list items cost, not what menu items do: a notice's
        公示如下： / AAA级（优良）： / 澄州市公共交通集团有限公司 / … / 公示期为…。 (set G's results
        notice lost its list and everything under it). Lines a rule names as chrome, or the site's
        own, keep their cost, and a list that no paragraph follows (a menu after 扫码关注：) is left
        alone."""
        for index, weight in enumerate(weights):
            if not lines[index].rstrip().endswith(("：", ":")) or not _LIST_LEAD_IN.search(lines[index]):
                continue
            # (A lead-in too short to weigh as a paragraph is one when a paragraph stands right
            # above it: 年度借阅量前五的图书是： under the report's figures, set P's library page.)
            lead = weight > 0 or (
                self.hans[index] >= MIN_LEAD_IN_HAN
                and (above := _above(lines, index)) is not None
                and weights[above] > 0
            )
            if not lead:
                continue
            items: list[int] = []
            for j in range(index + 1, min(len(lines), index + 1 + LIST_WINDOW)):
                if not lines[j]:
                    continue
                if weights[j] > 0:
                    # (…or items that open alike, a changelog's 新增 … / 优化 … / 修复 …, set AB)
                    openings = Counter(lines[i].strip()[:2] for i in items)
                    for i in items:
                        text = lines[i].strip()
                        if _LISTED_CELL.fullmatch(text) or openings[text[:2]] >= 2:
                            weights[i] = max(weights[i], -LISTED_ITEM_COST)
                    if items and weight <= 0 and weight != BARRIER:
                        weights[index] = max(weight, -LISTED_ITEM_COST)
                    break
                found = self.facts[j]
                if (
                    weights[j] == BARRIER
                    or found is None
                    or found.chrome is not None
                    or found.normal in self.site_chrome
                    or len(lines[j].strip()) > LIST_ITEM_CHARS
                ):
                    break
                items.append(j)

    def _table_between_paragraphs(self, weights: list[float], run: list[int]) -> bool:
        """The run's lines are a table's rows inside the text: each has the same number (at least
        TABLE_MIN_CELLS) of cells parted by white space, and a paragraph stands before and after the
        run (list items and sub-headings aside). A bus-route notice's 线路 调整内容 首末班时间 /
        12路 延伸至镜湖高铁站，增设梅山路口站 6:00—21:00 / …; a list of links has one cell a line, or
        two (01 普京抵达北京！…, a title and its date)."""
        rows = run
        if len(run) > TABLE_MIN_CELLS and _TABLE_NOTE.fullmatch(self.lines[run[-1]].strip()):
            rows = run[:-1]  # a note under the rows: （其余9名人员名单详见附件）
        # (…and the section's label over the table and the next one's under it: 召回范围： / 车型 生产日期
        # 数量 / … / 召回原因：, set AB's recall; a row's cell may hold a space, 澜途S9 1.5T: one more.)
        while len(rows) > 2 and self.lines[rows[0]].rstrip().endswith(("：", ":")):
            rows = rows[1:]
        while len(rows) > 2 and self.lines[rows[-1]].rstrip().endswith(("：", ":")):
            rows = rows[:-1]
        header, *others = [len(self.lines[i].split()) for i in rows]
        if header < TABLE_MIN_CELLS or not others or any(not header <= n <= header + 1 for n in others):
            return False
        return self._between_paragraphs(weights, run[0], run[-1])

    def _between_paragraphs(self, weights: list[float], first: int, last: int) -> bool:
        """Whether a paragraph stands before ``first`` and after ``last`` (list items and sub-headings
        aside)."""
        for start, step in ((first - 1, -1), (last + 1, 1)):
            i = start
            while 0 <= i < len(weights) and (not self.lines[i] or -CONTENT_LINE_COST <= weights[i] <= 0):
                i += step
            if not (0 <= i < len(weights)) or weights[i] <= 0:
                return False
        return True

    def _neighbours(self, index: int) -> list[int]:
        """The non-blank lines right before and right after line ``index``."""
        out = []
        for step in (-1, 1):
            j = index + step
            while 0 <= j < len(self.lines) and not self.lines[j]:
                j += step
            if 0 <= j < len(self.lines):
                out.append(j)
        return out

    def _plain_labelled_item(self, index: int) -> bool:
        found = self.facts[index]
        return (
            found is not None
            and found.pairs is None
            and found.chrome is None
            and is_labelled_item(self.lines[index])
        )

    def title_anchor(self, lines: list[str]) -> int | None:
        """The headline's line in the page: the first line that repeats the page title (the first
        line of a scraper dump, or the title the markup states), after that first line."""
        first = self.first
        if first is None:
            return None
        # A page title is short: a first line longer than this is text, not a title.
        # (A special topic's page title names the topic, 2024年全国科技活动周专题 - 锦城市科协, over
        # the topic's masthead 2024年全国科技活动周 and the article's own headline: it anchors nothing.)
        raw = [
            t
            for t in [*(self.hints.get(k, "") for k in ("title", "page_title")), lines[first]]
            if len(t) <= MAX_PAGE_TITLE_CHARS and not _TOPIC_PAGE.search(headline_part(t))
        ]
        names = [_title_key(t) for t in raw]
        # "headline_site name" / "headline | keywords - site": the headline is the first part, and a
        # line repeating a later part (the site's name) is not the headline.
        names += [_title_key(headline_part(n)) for n in raw]
        names = [n for n in names if len(n) >= ANCHOR_MIN_CHARS]
        if not names:
            return None
        site_parts = {_title_key(part) for n in raw for part in _title_parts(n)[1]} - {""}
        site_parts |= {_title_key(t.rpartition("-")[2]) for t in raw if _before_site_hyphen(t) is not None}
        # (A title of one part that names a site: an e-paper's 宜昌日报 数字报. One that names a body
        # and a site, 永州市公安局_百度百科, is an entry's headline.)
        site_only = {_title_key(t) for t in raw if len(TITLE_SEPARATOR.split(t)) == 1 and is_site_name(t)}
        # A line this much longer than every name neither is in one nor holds one as its share.
        longest = max(map(len, names))
        # The whole <title> again, site name and all (…食品价格下降2.7%_数据_宏观频道首页_财经网): an
        # echo of it, taken only when the headline alone does not follow within TITLE_WINDOW lines.
        whole = {_title_key(t) for t in raw if len(TITLE_SEPARATOR.split(t)) > 1}
        # (A site's name first, 荆州日报数字报-荆州古城墙东门段修缮工程全面开工, is no headline.)
        before_separator = {b for b in _before_separators(names) if not is_site_name(b)}
        echo: int | None = None
        chinese = any(han_count(n) for n in names)
        for index in range(first + 1, len(lines)):
            if echo is not None and index - echo > TITLE_WINDOW:
                return echo
            found = self.facts[index]
            key = "" if found is None else found.anchor_key
            if len(key) < ANCHOR_MIN_CHARS or any(key in part for part in site_parts):
                continue
            if key in site_only:
                continue  # a masthead repeating a page title that names only the site (宜昌日报 数字报)
            # (Each test below looks at the key's Han characters only once the line would anchor: a
            # count on every line cost 0.13 M instructions a page, benchmarks/instructions.py.)
            if key in names and key in whole:
                if not _latin_under(chinese, key):
                    echo = index if echo is None else echo
                continue
            if key in names or key in before_separator:
                if _latin_under(chinese, key):
                    continue
                return index
            if echo is not None:
                continue
            if undecorated(key) in names and not _latin_under(chinese, key):
                self.anchor_decorated = True
                return index
            if ANCHOR_MIN_SHARE * len(key) > longest:
                continue
            if (
                any(
                    (key in n and len(key) >= ANCHOR_MIN_SHARE * len(n))
                    or (n in key and len(n) >= ANCHOR_MIN_SHARE * len(key))
                    # (…not a share of a title that names only the site: a letter's signature,
                    # 曹溪镇中心学校, under the page title 弋阳县曹溪镇中心学校, set AU's school)
                    for n in names
                    if n not in site_only
                )
                and not (found is not None and found.prose)
                and not _latin_under(chinese, key)
            ):
                return index
        return echo

    def article_bounds(self, lines: list[str]) -> tuple[int, int]:
        start, end = self.block_bounds(lines)
        start = self.after_leading_metadata(lines, start, end)
        # The line right above the first paragraph is the text's own first line, though short it
        # cost like a menu item, when it is a notice's or a speech's salutation (各中小学校：,
        # 各位代表：, 尊敬的各位来宾：), the bodies a reply is addressed to (市住房城乡建设局、
        # 市文体广电旅游局：) or a first sub-heading whose next one is in the text
        # (一、起草背景 over the first paragraph and 二、 further down; 【基本案情】, 【法院审理】), or an
        # interview's first question (记者：…？ over 传承人：…).
        above = _above(lines, start)
        if (
            above is not None
            and above != self.anchor
            and (
                _is_salutation(lines[above])
                or _LEAD_IN.fullmatch(lines[above])
                or _INTERVIEW_QUESTION.fullmatch(lines[above])
                or (len(lines[above]) <= MAX_ADDRESSEES_CHARS and _ADDRESSEES.fullmatch(lines[above]))
                or self._opens_sections(lines, above, start, end)
            )
        ):
            start = above
        start = self.outline_over(lines, start, end)
        start, end = self.record_around(lines, start, end)
        end = self.through_contact_section(lines, self.through_outline(lines, start, end))
        end = self.through_entries(lines, self.through_table(lines, end))
        end = self.through_references(lines, end)
        end = self.through_attendance(lines, self.through_event_facts(lines, end))
        end = self.through_captions(lines, end)
        end = self.through_attachment_list(lines, self.through_signature(lines, end))
        end = self.through_listed(lines, self.through_formula(lines, end))
        end = self.through_bio(lines, start, end)
        return self.opening_over(lines, self.programme_over(lines, start), end), self.through_attached(
            lines, end
        )

    def through_bio(self, lines: list[str], start: int, end: int) -> int:
        """``end``, or the bio right under the text when the text names whom it is of: a new book's
        notice closes on its author's (作者简介：林默，… under 本土作家林默…, the twelfth review's page),
        where a page's writer's bio names the byline, not the text."""
        below = _below(lines, end)
        if below is None:
            return end
        bio = next((rule for rule in self.rules.line_rules if rule.id == BIO_RULE), None)
        label = bio.search(lines[below]) if bio is not None else None
        found = _BIO_SUBJECT.match(lines[below], label.end()) if label is not None else None
        if found is None or not any(found["name"] in lines[i] for i in range(start, end + 1)):
            return end
        return below

    def through_formula(self, lines: list[str], end: int) -> int:
        """``end``, or the notice's signature and day a few lines under the text, with what stands
        between: under its closing formula (特此通告。) a reward notice's 联系人：… / 联系电话：…, a lost
        certificate's 权利人：… / 坐落：… (set J: each cost like chrome and ended the text above them);
        or, with no formula, whom to call (四、咨询电话 over a unit and its number a line; 值班电话：…
        / 传真：… and a paragraph under them, set K's notices). Only where the signatory and its day
        follow one another."""
        after = list(_texts_after(lines, end, FORMULA_WINDOW))
        for count, index in enumerate(after):
            if _CLOSING_FORMULA.fullmatch(lines[index]):
                signed = self.through_signature(lines, index)
                # (…right under the text, unsigned, the formula is its last line: 特此公布。 under a
                # list of appointments, set AG)
                return signed if signed > index else index if not count else end
            if count and SIGNATORY.fullmatch(lines[index].strip()):
                signed = self.through_signature(lines, after[count - 1])
                return signed if signed > index else end
            if not self._between_text_and_signature(index, lines[index]):
                return end
        return end

    def through_listed(self, lines: list[str], end: int) -> int:
        """``end``, or a notice's signature and day under the list it announces: a text that leads
        into a list (…选民名单公告如下：, …拟上榜人选10名，现予以公示。), the list's lines (groups'
        headings, names a row, a name and a line on each person), a closing paragraph, then the
        signatories and their day (set V's voters' list and candidates' notice lost all of them: the
        list's short lines cost more than one paragraph above them brings). Nothing between may be
        chrome, and the paragraph right over the signature must be prose."""
        if not (lines[end].rstrip().endswith(("：", ":")) or _MASKING_LEAD.search(lines[end])):
            return end
        after = list(_texts_after(lines, end, LISTED_WINDOW))
        for count, index in enumerate(after):
            found = self.facts[index]
            if (
                found is None
                or self.weights[index] == BARRIER
                or found.chrome is not None
                or found.normal in self.site_chrome
            ):
                return end
            if (
                count >= 2
                and SIGNATORY.fullmatch(lines[index].strip())
                and self.weights[after[count - 1]] > 0
                and _LISTED_CLOSE.search(lines[after[count - 1]]) is not None
            ):
                signed = self.through_signature(lines, after[count - 1])
                return signed if signed > index else end
        return end

    def _between_text_and_signature(self, index: int, text: str) -> bool:
        """A line that may stand between a notice's text and its signature: a label's (联系人：…) or a
        contact's (a heading, a unit and its number), or a paragraph. (Each line with its value:
        another notice's title or a pop-up's sentence over its own 特此通知。 takes nothing, the third
        review's pages.)"""
        found = self.facts[index]
        if (
            self.weights[index] == BARRIER
            or found is None
            or (found.chrome is not None and found.chrome.id != _CONTACT_RULE)
            or found.normal in self.site_chrome
        ):
            return False
        if self.weights[index] > 0:
            return True
        return len(text) <= MAX_FORMULA_GAP_CHARS and bool(
            _LABELLED_LINE.match(text) or _CONTACTS_HEADING.fullmatch(text) or _UNIT_PHONE.fullmatch(text)
        )

    def through_attached(self, lines: list[str], end: int) -> int:
        """``end``, or the end of the document a notice issues, printed under its signature after the
        note on its release (GB/T 9704's 附注: （此件公开发布）), its title, then its text (a city's
        notice issuing its dog-keeping rules: 第一条 … 第五条, set I). Without the note nothing is
        taken: a page's next item may follow a signature too."""
        after = list(_texts_after(lines, end, 2))
        if len(after) < 2 or _RELEASE_NOTE.fullmatch(lines[after[0]].strip()) is None:
            return end
        title = after[1]
        if len(lines[title].strip()) > MAX_TITLE_CHARS or self.weights[title] == BARRIER:
            return end
        found = first_block(self.weights, title + 1)
        if found is None or found[0] != _below(lines, title):
            return end  # the text must start right under its title
        return found[1]

    def outline_over(self, lines: list[str], start: int, end: int) -> int:
        """``start``, or the first of the outline's short headings right over it when they count
        down to 一、 and the text holds the next one: a tender result's 一、项目编号：… / 二、项目名称：…
        / 三、中标（成交）信息 over its first paragraph, 四、 in the text (one heading alone over it:
        ``_opens_sections``)."""
        numbers: list[int] = []  # the headings' numbers, bottom up: n, n - 1, …, 1
        top = start
        for index in range(start - 1, -1, -1):
            if not lines[index]:
                continue
            found = _OUTLINE_HEADING.fullmatch(lines[index]) if index != self.anchor else None
            if found is None:
                break
            number = _OUTLINE_NUMBERS.index(found["number"]) + 1
            if numbers and number != numbers[-1] - 1:
                break
            numbers.append(number)
            top = index
            if number == 1:
                break
        if len(numbers) < 2 or numbers[-1] != 1 or numbers[0] >= len(_OUTLINE_NUMBERS):
            return start
        following = _OUTLINE_NUMBERS[numbers[0]] + "、"  # the number after the lowest heading's
        if not any(lines[i].lstrip().startswith(following) for i in range(start, end + 1)):
            return start
        return top

    def record_around(self, lines: list[str], start: int, end: int) -> tuple[int, int]:
        """``start`` and ``end``, or the first and last fields of the record the text is: at least half
        the text's lines are fields (``_RECORD_LINE``), and the fields right over and under it run on
        (not the headline, a chrome line, a page's information row, nor under it a contact's or a
        footer's label), ``MIN_RECORD_LINES`` in all. Over a text of paragraphs, the fields of a
        decision's parties (``_PARTY_FIELD`` first)."""
        inside = [i for i in range(start, end + 1) if lines[i]]
        fields = sum(1 for i in inside if _RECORD_LINE.match(lines[i]))

        def field(index: int, *, under: bool) -> bool:
            found = self.facts[index]
            return (
                index != self.anchor
                and (found is None or (found.chrome is None and found.pairs is None))
                and self.weights[index] != BARRIER
                and _RECORD_LINE.match(lines[index]) is not None
                and _SECOND_FIELD.search(lines[index].strip()) is None
                and not _INFORMATION_FIELD.match(lines[index])
                and not (under and _CONTACT_FIELD.search(lines[index].partition("：")[0]))
            )

        over = list(takewhile(lambda i: field(i, under=False), _texts_before(lines, start, MAX_RECORD_LINES)))
        if 2 * fields < len(inside):
            # A text of paragraphs: only a decision's parties over it, their first field who is
            # concerned (当事人：… / 统一社会信用代码：… / 法定代表人：… over 2024年3月14日，本局执法人员…).
            party = over and _PARTY_FIELD.match(lines[over[-1]])
            return (over[-1] if party else start), end
        under = (
            list(takewhile(lambda i: field(i, under=True), _texts_after(lines, end, MAX_RECORD_LINES)))
            if _RECORD_LINE.match(lines[end])
            else []
        )
        if not _RECORD_LINE.match(lines[start]):
            over = []
        if fields + len(over) + len(under) < MIN_RECORD_LINES or not (over or under):
            return start, end
        return (over[-1] if over else start), (under[-1] if under else end)

    def through_table(self, lines: list[str], end: int) -> int:
        """``end``, or the last full row of a table right under it (see TABLE_MIN_ROWS), printed one
        cell a line or a row a line with its cells parted by tabs or bars: its cells cost like menu
        items, and a statistics bulletin's closing table was cut from its text (the tuning set's
        page), a futures firm's margins and a recall's batches from their notices (set U)."""
        rows = self._row_table(lines, end)
        found = max(self._cell_table(lines, end), rows, self._record_table(lines, end))
        below = _below(lines, found)
        # (…a row table's paragraph only when it opens with the lead's words: 治安警察局呼籲… under
        # …治安警察局將於…實施以下臨時交通措施：, not a reader's comment, the seventeenth review's)
        goes_on = (
            found == rows
            and below is not None
            and len(opening := lines[below].strip()[:LEAD_WORDS_CHARS]) == LEAD_WORDS_CHARS
            and opening in lines[end]
        )
        # The text goes on right under the table when it speaks of it (请上述企业督促驾驶人…: a traffic
        # notice's plates and firms, then what it asks of them: set J's page lost both paragraphs;
        # 节后恢复交易后，以上品种…, 请已购买上述批次产品的消费者：, set U's), or when the table is a
        # row a line under the text's colon (治安警察局呼籲市民… under a notice's 地點｜措施｜時間, set AC).
        if (
            found == end
            or below is None
            or (not goes_on and _REFERS_BACK.search(lines[below][:REFERS_BACK_CHARS]) is None)
        ):
            return found  # (a sidebar's ticker is followed by readers' comments: the twelfth review's)
        # (…or under a line that does, over a list: 请已购买上述批次产品的消费者： / 1.立即停止饮用；)
        rest = first_block(self.weights, below)
        then = _below(lines, below)
        return rest[1] if rest is not None and rest[0] in (below, then) else found

    def through_references(self, lines: list[str], end: int) -> int:
        """``end``, or the text's notes and references right under it: a heading (参考文献：, 注释：,
        主要参考资料：) over numbered items ([1]…, 1.…, ①…), one section after another. Every read set
        that has them (F, J, L's theory article, R's footnotes, Y's hospital and journal pages) calls
        them the text's; their short numbered lines cost like a related list's."""
        found = end
        while True:
            heading = _below(lines, found)
            if heading is None or not _REFERENCES_HEADING.fullmatch(lines[heading]):
                return found
            items = list(
                takewhile(
                    lambda i: _REFERENCE_ITEM.match(lines[i]) is not None and self.weights[i] != BARRIER,
                    _texts_after(lines, heading, MAX_REFERENCES),
                )
            )
            if not items or 2 * sum(_CITATION.search(lines[i]) is not None for i in items) < len(items):
                return found  # (参考资料： / 1. 本周最热：… : a ranking's links, the sixteenth review's)
            found = items[-1]

    def through_entries(self, lines: list[str], end: int) -> int:
        """``end``, or the last of the entries a text introduces right under it, and the paragraph
        that follows them: numbered in order, each a name over a few labelled lines (市区部分接种点：
        / 1.某某社区卫生服务中心 / 地址：… / 电话：… / 接种时间：… / 2.…, set X's vaccination sites:
        their addresses and phones cost like a footer's and cut them from the text)."""
        lead = end
        if not lines[end].rstrip().endswith(("：", ":")):
            # (…or a short lead of its own under the text: 市区部分接种点：)
            lead = end if (next_text := _below(lines, end)) is None else next_text
            found = self.facts[lead]
            if (
                lead == end
                or found is None
                or found.chrome is not None
                or len(lines[lead].strip()) > LIST_LEAD_CHARS
                or not lines[lead].rstrip().endswith(("：", ":"))
            ):
                return end
        entries, last = 0, lead
        labelled = 0
        for index in _texts_after(lines, lead, ENTRIES_WINDOW):
            if self.weights[index] == BARRIER:
                break
            text = lines[index].strip()
            number = _ENTRY_NUMBER.match(text)
            if number is not None and int(number.group(1)) == entries + 1 and (entries == 0 or labelled):
                entries, labelled, last = entries + 1, 0, index
            elif (
                entries
                and labelled < MAX_ENTRY_LABELS
                and len(text) <= MAX_FORMULA_GAP_CHARS
                and _LABELLED_LINE.match(text)
            ):
                labelled, last = labelled + 1, index
            else:
                break
        if entries < MIN_ENTRIES or not labelled:
            return end
        below = _below(lines, last)
        rest = first_block(self.weights, below) if below is not None else None
        if lead != end and (rest is None or rest[0] != below):
            return end  # (下属营业网点： / 1.… / 地址：… over the footer: the site's, the sixteenth review's)
        return rest[1] if rest is not None and rest[0] == below else last

    def _cell_table(self, lines: list[str], end: int) -> int:
        """The last full row of a table printed one cell a line right under ``end``, or ``end``."""
        cells: list[int] = []
        for index in _texts_after(lines, end, TABLE_WINDOW):
            text = lines[index].strip()
            if (
                len(text) > TABLE_CELL_CHARS
                or self.chrome(index) is not None
                or not _CELL.fullmatch(text)
                or _DATE_CELL.match(text)  # a list's dates (2024.06.11): a sidebar, no table
            ):
                break
            cells.append(index)
        found = end
        masked = any("*" in lines[i] or "＊" in lines[i] for i in cells)  # once, not per column count
        texts = [lines[i] for i in cells]
        for columns in range(2, TABLE_MAX_COLUMNS + 1):
            rows = _table_rows(texts, columns)
            if rows and self._introduces(lines, end, texts[:columns], masked):
                found = max(found, cells[(rows + 1) * columns - 1])
        return found

    def _record_table(self, lines: list[str], end: int) -> int:
        """The last value of one record's table printed a cell a line right under ``end`` (项目名称 /
        …项目 / 建设地点 / …路18号 / 建设单位 / …): each field's name over its value, a value one line
        or several (a list of measures), the names a form's words (``_RECORD_FIELD``), or ``end``. A
        pre-approval notice's project table lost its fields and the paragraphs under them (set AA's
        environmental 公示)."""
        last, fields, named, prose = end, 0, False, False
        for index in _texts_after(lines, end, MAX_RECORD_LINES):
            text = lines[index].strip()
            if self.weights[index] == BARRIER or self.chrome(index) is not None:
                break
            if _RECORD_FIELD.fullmatch(text):
                # (not a page's own information block printed a cell a line: 发布机构 / 发布日期 …, nor
                # a footer's or a contact card's: 主办单位 / 承办单位 / 联系电话, 公司名称 / 公司地址, the
                # seventeenth review's pages)
                if named or normal_line(text) in self.rules.label_field or _CONTACT_FIELD.search(text):
                    break  # (two names: no value between)
                named = True
                continue
            if not named and (not fields or self.weights[index] <= 0):
                break  # (a value's next line is more of it only when it reads as text: 2.废水：…)
            fields, last, named = fields + (1 if named else 0), index, False
            prose = prose or self.weights[index] > 0
        # (…and one value at least reads as text: a project's 项目概况, not names and numbers only)
        return last if fields >= MIN_RECORD_FIELDS and prose else end

    def _row_table(self, lines: list[str], end: int) -> int:
        """The last full row of a table printed a row a line right under ``end``, its cells parted by
        tabs or bars (品种\t交易所保证金\t公司保证金, 产品名称 | 规格 | 生产日期 | 批次号), or ``end``.
        Only under a lead ending in a colon (a bank's product sidebar and an index box shared two
        header words with the text, the fifteenth review's pages), or under the table's caption
        right under the text (主要经济指标表 over a statistics bureau's release, set AA)."""
        lead = end
        if not lines[end].rstrip().endswith(("：", ":")):
            caption = _below(lines, end)
            if caption is None or not _TABLE_CAPTION.fullmatch(lines[caption].strip()):
                return end
            lead = caption
        rows: list[tuple[int, list[str]]] = []
        short = 0  # rows padded since the last full one
        for index in _texts_after(lines, lead, TABLE_WINDOW):
            cells = [c.strip() for c in _CELL_SEPARATOR.split(lines[index].strip())]
            # (A row may end on empty cells, printed as its last bar alone and left out of the line:
            # 杜建军 | 任…副局长 |, a list of appointments' 备注 left blank, set AG; only between full
            # rows, since a footer's 网站地图 | 联系我们 under a table is as short.)
            padded = bool(rows) and 2 <= len(cells) < len(rows[0][1])
            if padded:
                cells += [""] * (len(rows[0][1]) - len(cells))
            if (
                len(cells) < 2
                or len(cells) > TABLE_MAX_COLUMNS
                or (rows and len(cells) != len(rows[0][1]))
                or any(c and (len(c) > TABLE_CELL_CHARS or not _ROW_CELL.fullmatch(c)) for c in cells)
            ):
                break
            rows.append((index, cells))
            short = short + 1 if padded else 0
        if short < len(rows) - 1 or short < TABLE_MIN_ROWS:
            # (…unless every row's last cell is blank: the usual 备注 column, the eighteenth review's)
            rows = rows[: len(rows) - short]
        if not rows:
            return end
        columns = len(rows[0][1])
        texts = [c for _, cells in rows for c in cells]
        # (a row a line is a table by its separators: a cell with a figure in it counts, 2024年7月2日,
        # TX240702B, not only a figure alone, as in a cell a line)
        full = _table_rows(texts, columns, _has_digit)
        # (…and the text speaks of what its header names: under 请广大市民牢记以下防骗口诀： a
        # sidebar's 排行 | 标题 | 浏览 is no table of the text's, the fifteenth review's pages)
        if full and _speaks_of(lines, lead, texts[:columns]):
            return rows[full][0]
        # A table of words, no figure in a row (地點｜措施｜時間 / 西洋墳場一帶｜加派警員指揮交通｜全日, set
        # AC's traffic notice): every row, where the lead line itself names what one header cell does
        # (…交通措施：) and a cell holds a phrase, not a link's name (中国政府网｜省政府网, 暴雨预警｜道路
        # 积水: link, service and topic boxes under a colon, the seventeenth review's pages).
        if (
            len(rows) > TABLE_MIN_ROWS
            and _speaks_of(lines, lead, texts[:columns], at_least=1, lines_back=0)
            and any(len(cell) >= WORD_TABLE_PHRASE_CHARS for cell in texts[columns:])
        ):
            return rows[-1][0]
        return end

    @staticmethod
    def _introduces(lines: list[str], end: int, header: list[str], masked: bool) -> bool:
        """Whether the text leads into the table under it: its last line ends with a colon, or it
        speaks of what the header names (at least two header cells share two characters with the
        text's last 30 lines: 河流名称 / 断面数 / 水质类别 under …河流水质…断面…). A service counter's
        部门 / 办件量 / 好评率 under a penalty notice is a sidebar's (a review's page)."""
        if lines[end].rstrip().endswith(("：", ":")):
            return True
        if masked and _MASKING_LEAD.search(lines[end]) is None:
            return False  # (138****2541 / 消费券 / 50: a prize ticker's winners, under a report)
        return _speaks_of(lines, end, header)

    def through_outline(self, lines: list[str], start: int, end: int) -> int:
        """``end``, or the end of the text under the next headings of the block's outline: the last
        heading in the block (or 一、 right under it) is followed, within OUTLINE_WINDOW lines and
        before a barrier, by the next one (二、 after 一、), with text under it. A table printed a
        cell a line between 一、招聘岗位及人数 and 二、应聘条件 cost a recruitment notice all of its
        conditions and how to apply (a held-out set's page)."""
        weights = self.weights
        heading = _last_heading(lines, start, end)
        if heading is not None and heading[0] == end:
            # (the block ends on its last heading, which an outline's lines made add to it: the text
            # under it is read as under a following heading, 四、主要指标完成情况 over its table, set AG)
            rest = first_block(weights, end + 1) or self._labelled_section(lines, end)
            if rest is not None:
                end = rest[1]
        if heading is None:
            below = _below(lines, end)
            found = None if below is None else _OUTLINE_HEADING.fullmatch(lines[below])
            if below is None or found is None or found["number"] != "一":
                return end
            heading = below, 1
        while heading[1] < len(_OUTLINE_NUMBERS):
            at, number = heading
            wanted = _OUTLINE_NUMBERS[number]
            following = None
            for index in _texts_after(lines, max(at, end), OUTLINE_WINDOW):
                if weights[index] == BARRIER:
                    break
                found = _OUTLINE_HEADING.fullmatch(lines[index])
                if found is not None:
                    following = index if found["number"] == wanted else None
                    break
            if following is None:
                break
            rest = first_block(weights, following + 1)
            if rest is None:
                rest = self._labelled_section(lines, following)
            if rest is None:
                # (…the last one's, contacts and attachments over the signature, is the signature's)
                if self.through_signature(lines, following) > following:
                    end = following
                break
            end = rest[1]
            heading = _last_heading(lines, following, end) or (following, number + 1)
        return end

    def through_contact_section(self, lines: list[str], end: int) -> int:
        """``end``, or the last line of the section ``end`` (or the line under it) opens when it
        is an outline's section on whom to ask (八、联系方式, 九、凡对本次公告内容提出询问，请按以下方式
        联系。, 7. 联系方式: a procurement notice's last, set AS): its labels with their values and its
        numbered items (1.采购人信息 / 名称：… / 地址：… / 联系方式：…), up to a line of another shape, a
        barrier, chrome other than a contact's, or the page's date line under them (发布时间：…)."""
        heading = end
        if not _contact_heading(lines[end]):
            # (…or opens the line under it: 7. 联系方式 under 6. 发布公告的媒介's sentence, set AS)
            below = _below(lines, end)
            if below is None or not _contact_heading(lines[below]) or self.weights[below] == BARRIER:
                return end
            heading = below
        found = end
        for index in _texts_after(lines, heading, MAX_CONTACT_SECTION_LINES):
            text = lines[index]
            chrome = self.chrome(index)
            label = _LABELLED_LINE.match(text)
            if (
                self.weights[index] == BARRIER
                or (chrome is not None and chrome.id != _CONTACT_RULE)
                or not (
                    (label and text[label.end() :].strip() and _CONTACT_LABEL.search(label[0]))
                    or _ATTACHMENT_ITEM.fullmatch(text)
                )
                or self.labels_a_date(text)
            ):
                break
            if chrome is None:
                found = index
        # (…and a contact line as a footer prints it, 地址：… / 电话：…, is the section's only with one
        # of its own under it: the site's footer follows the text's last line, set AS's pages and the
        # eighteenth round's notice.)
        return found

    def _labelled_section(self, lines: list[str], heading: int) -> tuple[int, int] | None:
        """The lines under an outline heading when each is a label and its value or a numbered item
        (五、重要日期 / 论文全文截止日期：2024年7月15日 / 录用通知日期：…; 六、联系方式 / 联系人：… /
        附件：1.… / 2.…): a section with no prose, which the blocks' weights leave out (set AI's
        conference notice lost its last two sections and its signature). Only up to the next
        heading: label lines under the last one may be the page's footer (地址：… / 电话：…)."""
        section: list[int] = []
        for index in _texts_after(lines, heading, OUTLINE_WINDOW):
            text = lines[index]
            if _OUTLINE_HEADING.fullmatch(text):
                return (section[0], section[-1]) if section else None
            label = _LABELLED_LINE.match(text)
            if self.weights[index] == BARRIER or (
                (label is None or not text[label.end() :].strip()) and not _ATTACHMENT_ITEM.fullmatch(text)
            ):
                return None
            section.append(index)
        return None

    @staticmethod
    def through_event_facts(lines: list[str], end: int) -> int:
        """``end``, or the last of an event's facts right under it (展期：… / 地点：… / 票价：…), when
        they name both its time and its place."""
        facts = _label_run(lines, end, _EVENT_FACT, MAX_EVENT_FACTS + 1)
        if not 2 <= len(facts) <= MAX_EVENT_FACTS or not (
            any(f["time"] for _, f in facts) and any(f["place"] for _, f in facts)
        ):
            return end
        return facts[-1][0]

    @staticmethod
    def through_attendance(lines: list[str], end: int) -> int:
        """``end``, or the last of a meeting's attendance lines right under it (出席：… / 列席：… /
        请假：…), when one names who attended."""
        found = _label_run(lines, end, _ATTENDANCE, MAX_ATTENDANCE_LINES)
        return found[-1][0] if any(match["present"] for _, match in found) else end

    @staticmethod
    def through_captions(lines: list[str], end: int) -> int:
        """``end``, or the last of the picture captions right under it (图为沅江特大桥2号主塔封顶现场):
        a caption belongs to the text however short (the corpora's gold keeps all 3 of theirs); then
        the paper it reports on (``_PAPER_REFERENCE``), a note in brackets (``_CLOSING_NOTE``), then
        where it was written (``_WRITTEN_AT``)."""
        # (…in either order: a research item's figures under its paper's link, set AI's institute page)
        captions = references = 0
        # (Captions known only by their credit, 光明顶雾凇（胡晓春 摄）, are the text's when one of them
        # shows what the text speaks of, two characters in common: not a photo box's items under it,
        # 泠源湖畔秋色浓（王五 摄） / 古村落里晒秋忙（赵六 摄） under a story on tulips, the twenty-third
        # review's page. One alone is the text's picture, 新华社发（刘满仓摄）, dev 0907….)
        start_end = end
        credited: list[tuple[int, str]] = []
        for index in _texts_after(lines, end, MAX_TRAILING_CAPTIONS + MAX_PAPER_REFERENCES):
            if (
                len(lines[index]) <= MAX_CAPTION_CHARS
                and _CAPTION.match(lines[index]) is not None
                and not (_GROUP_PHOTO.fullmatch(lines[index]) and _widget_item(lines, index))
            ):
                captions += 1
                shown = _CREDITED_ONLY.fullmatch(lines[index])
                if shown is not None and _CAPTION.match(shown["shows"]) is None:
                    credited.append((index, shown["shows"]))  # (a caption by its credit alone)
            elif _PAPER_REFERENCE.fullmatch(lines[index]) or _DATA_SOURCE_NOTE.fullmatch(lines[index]):
                references += 1
            else:
                break
            if captions > MAX_TRAILING_CAPTIONS or references > MAX_PAPER_REFERENCES:
                break
            end = index
        if len(credited) > 1:
            said = "".join(
                lines[i]
                for i in (start_end, *_texts_before(lines, start_end, CREDITED_CAPTION_CONTEXT))
                if is_prose(lines[i], han_count(lines[i]))  # (the text's paragraphs, not its date's row)
            )
            if not any(_shares_two(shows, said) for _, shows in credited):
                end = _above(lines, credited[0][0], since=start_end) or start_end
        below = _below(lines, end)
        if (
            below is not None
            and _CLOSING_NOTE.fullmatch(lines[below])
            and han_count(lines[below]) >= MIN_NOTE_HAN
        ):
            end, below = below, _below(lines, below)
        return below if below is not None and _WRITTEN_AT.fullmatch(lines[below]) else end

    def opening_over(self, lines: list[str], start: int, end: int) -> int:
        """``start``, or the line right over it when that opens the text: a resolution's or a
        communiqué's adoption line (（2024年12月27日…全体会议通过）, GB/T 9704's 题注), or a section
        heading marked as the text's later headings are (■ 基本案情 over the case, ■ 问题 and ■ 分析
        further down: set V's pages)."""
        above = _above(lines, start)
        if above is None or above == self.anchor:
            return start
        found = self.facts[above]
        if found is None or found.pairs is not None:
            return start
        text = lines[above].strip()
        if _ADOPTION_LINE.fullmatch(text):
            return above
        mark = _HEADING_MARK.match(text)
        heading = text[mark.end() :].strip() if mark is not None else ""
        if (
            mark is not None
            and _HEADING_PUNCTUATION.search(heading) is None
            and _BYLINE_LINE.search(heading) is None
            and _COLUMN_WORD.fullmatch(heading) is None
            and len(text) <= MAX_MARKED_HEADING_CHARS
            and found.chrome is None
            and any(
                lines[i].strip().startswith(mark.group())
                and len(lines[i].strip()) <= MAX_MARKED_HEADING_CHARS
                for i in range(start, end + 1)
            )
        ):
            return above
        return start

    def programme_over(self, lines: list[str], start: int) -> int:
        """``start``, or the first of the labelled items right over it (a lecture notice's 报告题目：… /
        报告人：… / 报告时间：… / 报告地点：… / 报告人简介： over its first paragraph): an event's programme
        opening the text, at least MIN_PROGRAMME_ITEMS of them, up to the headline or a line of the
        page's metadata (several label pairs, 发布时间：… 发布单位：…)."""
        plain: list[int] = []
        heading = False
        for index in range(start - 1, -1, -1):
            if not lines[index]:
                continue
            found = self.facts[index]
            if index == self.anchor or found is None or found.chrome is not None:
                break
            text = lines[index]
            if not plain and not heading and found.pairs is None and _SECTION_HEADING.fullmatch(text):
                # (the text's first heading between: 报告题目：… / 主持人：… / 报告摘要 / the abstract,
                # 演出时间：… / 剧情简介, set Y's lecture and theatre pages)
                heading = True
                continue
            if found.pairs is None:
                if not (is_labelled_item(text) or _LABEL_ALONE.fullmatch(text)) or _LABEL_ROW.search(text):
                    break  # (发布者：科研办　　发布时间：…: the page's metadata row, whatever its labels)
                plain.append(index)
            elif len(found.pairs) != 1 or self.weights[index] != -CONTENT_LINE_COST:
                break  # the page's metadata, not an item beside plain ones
        # Most of the items name no metadata label, and the first one none (發布單位：… / 更新日期：… /
        # 點閱次數：… under a headline are the page's metadata, one item aside).
        if len(plain) < MIN_PROGRAMME_ITEMS:
            return start
        if heading and all(_LABEL_ALONE.fullmatch(lines[i]) for i in plain):
            return start  # (用户名： / 密码： / 验证码： / 正文: a login box over the site's tab)
        return plain[-1]

    @staticmethod
    def _with_clerks(lines: list[str], day: int) -> int:
        """``day``, or the last of a judgment's clerks right under it."""
        end = day
        for index in _texts_after(lines, day, MAX_COURT_CLERKS):
            if _COURT_CLERK.fullmatch(lines[index]) is None:
                break
            end = index
        return end

    def through_attachment_list(self, lines: list[str], end: int) -> int:
        """``end``, or the last item of the attachments a notice lists right under it: 附件： alone,
        then its items numbered in order, none a file's name (``_ATTACHMENT_HEADING``)."""
        heading = _below(lines, end)
        if heading is None or not _ATTACHMENT_HEADING.fullmatch(lines[heading]):
            return end
        last = end
        for number, index in enumerate(_texts_after(lines, heading, MAX_ATTACHMENT_ITEMS), start=1):
            text = lines[index].strip()
            item = _ATTACHMENT_ITEM.fullmatch(text)
            if item is None or int(item["number"]) != number or _FILE_NAME.search(text):
                break
            last = index
        return last

    def through_signature(self, lines: list[str], end: int) -> int:
        """``end``, or the last line of a notice's close right under it: its contact lines (咨询电话：…,
        联系人：…), then its signature, the issuing bodies' names a line each and the day it was signed
        alone on its line (铜仁市人民政府 / 2024年2月26日). Both are the document's own text (GB/T
        9704's 附注, 发文机关署名 and 成文日期), not the page's footer. Without a signature only the
        notice's own lines stay (咨询电话 / 监督电话 / 报名电话: a site's footer prints 地址, 电话 and
        服务热线)."""
        window = MAX_CONTACT_LINES + MAX_ATTACHMENT_ITEMS + MAX_SIGNATORIES + 1
        # (A picture's place between, [二维码] over the contacts of a volunteers' call, set O, is
        # passed over as the text's blocks pass over it.)
        after = list(
            islice((i for i in range(end + 1, len(lines)) if lines[i] and not self._neutral(i)), window)
        )
        contacts = 0
        attachments = False
        parties = False  # a tender's parties sign it: 招标人：… 联系人：… / 招标代理机构：… over its day
        # Under a contacts heading, or a text whose last sentence asks you to call the numbers below
        # (如有知情者，请拨打以下电话：, a missing child's appeal, set O): a unit and its number a line.
        called = _CALL_THESE.search(lines[end]) is not None
        listed = called
        # (An attachment's items count apart from the labelled lines: a call for comments' six
        # contact labels, 联系人 … 邮政编码, then 附件：1.… and four more items, set AP's ministry.)
        labelled = items = 0
        while contacts < len(after) and labelled < MAX_CONTACT_LINES:
            text = lines[after[contacts]].strip()
            if _NOTICE_CONTACT.fullmatch(text):
                attachments, listed = text.startswith("附件"), False
            elif _TENDER_PARTY.fullmatch(text):
                attachments, listed, parties = False, False, True
            elif _OWN_CONTACTS_HEADING.fullmatch(text):
                attachments, listed = False, True
            elif self._own_contact(lines, end, text):
                attachments, listed = False, False  # (手足口病咨询电话：…: its matter's six characters)
            elif attachments and items < MAX_ATTACHMENT_ITEMS and _ATTACHMENT_ITEM.fullmatch(text):
                contacts, items = contacts + 1, items + 1
                continue
            elif not (listed and (_unit_phone(text) if called else _UNIT_PHONE.fullmatch(text) is not None)):
                break
            contacts, labelled = contacts + 1, labelled + 1
        for count, index in enumerate(after[contacts:]):
            text = lines[index].strip()
            if (count or (parties and self._notice_headline(lines, end))) and (
                (
                    is_signing_day(text)
                    # (…发布: an observatory's bulletin's hour of issue; under a bureau's news report
                    # a CMS's release line, the thirteenth review's page)
                    and (
                        not text.endswith(("发布", "發布"))
                        or BULLETIN_ISSUER.search(lines[after[contacts + count - 1]]) is not None
                    )
                )
                or (
                    _SIGNING_MONTH.fullmatch(text)
                    and _GROUP_SIGNATORY.search(lines[after[contacts + count - 1]].strip())
                )
            ):
                return (
                    self._with_clerks(lines, index)
                    if _COURT_SIGNATORY.fullmatch(lines[after[contacts]])
                    else _with_contact_note(lines, index)
                )
            if SIGNATORY.fullmatch(text) is None and _COURT_SIGNATORY.fullmatch(text) is None:
                break
            if _LATE_SIGNER_END.search(text) and not self._notice_headline(lines, end):
                break  # (岑州农村商业银行城东支行 / 2024年9月19日 under a news report: a list's item)
        if contacts and all(
            self._own_contact(lines, end, text := lines[i].strip())
            or _OWN_CONTACTS_HEADING.fullmatch(text)
            or (
                (unit := _UNIT_PHONE.fullmatch(text)) is not None
                and _OWN_CONTACTS_HEADING.fullmatch(lines[after[0]].strip())
                and _PLACE_LEVEL.search(unit["unit"]) is not None
            )
            for i in after[:contacts]
        ):
            return after[contacts - 1]  # (咨询电话： over a unit and its number a line, set K)
        if (
            parties
            and all(
                _TENDER_PARTY.fullmatch(text := lines[i].strip()) or _NOTICE_CONTACT.fullmatch(text)
                for i in after[:contacts]
            )
            and self._notice_headline(lines, end)
        ):
            # (…and a tender's parties close its notice with no day: 招标人：… / 招标代理机构：… under a
            # 中标候选人公示, set AS)
            return after[contacts - 1]
        if contacts and called:
            # (…up to the footer's own: 联系电话：… / 传真：… name no unit, the fourteenth review's)
            units = list(takewhile(lambda i: _unit_phone(lines[i]), after[:contacts]))
            if units:
                return units[-1]
        return end

    def _own_contact(self, lines: list[str], end: int, text: str) -> bool:
        """Whether ``text`` is a notice's own contact line (_OWN_CONTACT): with its matter before the
        label only under a notice's headline or a text naming that matter (手足口病咨询电话 under
        手足口病是由肠道病毒引起的…)."""
        found = _OWN_CONTACT_MATTER.match(text)
        if found is None or _OWN_CONTACT.fullmatch(text) is None:
            return False
        matter = found["matter"]
        if not matter:
            return True
        return self._notice_headline(lines, end) or any(matter in lines[i] for i in range(end + 1))

    def _notice_headline(self, lines: list[str], end: int) -> bool:
        """Whether the page title, the headline or the text's last lines name a document that is
        signed (…公示, …公告, …通知, …指南, 致家长的一封信, 现公告如下)."""
        titles = [self.page_title, lines[self.anchor] if self.anchor is not None else ""]
        return any(_SIGNED_KIND.search(text) for text in titles) or any(
            _SIGNED_WORDS.search(text) for text in lines[max(0, end - SIGNED_KIND_LINES) : end + 1]
        )

    def _neutral(self, index: int) -> bool:
        found = self.facts[index]
        return found is not None and found.chrome is not None and found.chrome.id in _NEUTRAL_CHROME

    def _opens_sections(self, lines: list[str], heading: int, start: int, end: int) -> bool:
        found = _FIRST_HEADING.fullmatch(lines[heading])
        if found is None:
            facts = self.facts[heading]
            return (
                facts is not None
                and facts.chrome is None
                and facts.pairs is None
                and facts.normal not in self.site_chrome
                and _opens_plain_sections(lines, heading, start, end)
            )
        if found["bracket"]:
            return any(_BRACKET_HEADING.match(lines[i]) for i in range(start, end + 1) if lines[i])
        if found["clock"]:
            # (Not a post's time under its day, 2024-04-20 / 09:30, over a text whose schedule has
            # clocks: the thirteenth review's page; a date with its own clock above, 2024-11-17 07:00
            # 来源：…, leaves the clock the live text's. An entry's clock stands over a paragraph.)
            above = _above(lines, heading)
            dated = [] if above is None else [d for d in find_dates(lines[above]) if d.has_year]
            if dated and all(d.precision == "day" for d in dated):
                return False
            entries = 0
            for i in range(start, end + 1):
                if lines[i] and _ENTRY_CLOCK.fullmatch(lines[i]):
                    below = _below(lines, i, until=end + 1)
                    entries += below is not None and self.hans[below] >= MIN_ENTRY_HAN
            return entries >= MIN_ENTRY_CLOCKS
        second = found["number"].replace("一", "二").replace("1", "2", 1)  # 二、 / （二） / 2.
        return any(lines[i].lstrip().startswith(second) for i in range(start, end + 1))

    def after_leading_metadata(self, lines: list[str], start: int, end: int) -> int:
        """Where the article starts when its block opens with the headline and its date or source
        line (a page whose headline reads as prose, 2019年…成功举行！ / 发布时间：2019-05-18 来源：…):
        after the last such line among the block's first ``LEADING_METADATA_LINES``, when prose
        follows. The lines above it become header, where the headline is found."""
        seen = 0
        new_start = start
        for index in range(start, end + 1):
            if not lines[index]:
                continue
            seen += 1
            if (
                seen > LEADING_METADATA_LINES
                or self.hans[index] > HEADLINE_MAX_HAN
                # (a paragraph after the first line: the text has begun, and a label under it, 关键词：
                # 读书 in a blog's year-end review, is the text's own: the sixteenth review's page)
                or (seen > 1 and is_prose(lines[index], self.hans[index]))
                or (lines[index].rstrip().endswith("。") and not self._metadata_follows(lines, index, end))
                # (nor a paragraph that introduces a list: …时间调整如下： over 时间：周一至周五 …)
                or _LIST_LEAD_IN.search(lines[index]) is not None
            ):
                # A paragraph is no headline: the dated line after it is the text's own (its first
                # paragraph, then 一、活动时间：2023年5月20日 in an event's programme). A short one
                # ends with 。 as no headline does (an earthquake's quick report: its one-sentence
                # first paragraph, then 发震时刻：2024-06-12 03:41:26), unless the page's date or
                # source line follows it (a summary under the headline, then 2024-06-12 10:20 来源：…).
                break
            above = _above(lines, index, since=start)
            if (
                above is not None
                and SIGNATORY.fullmatch(lines[above].strip())
                and is_signing_day(lines[index].strip())
            ):
                break  # a notice's signature and its day close its text (a cover notice over its document)
            if _ENUMERATED.match(lines[index]) is None and self.is_metadata_line(lines[index]):
                new_start = index + 1
        if new_start == start or not any(
            is_prose(lines[i], self.hans[i]) for i in range(new_start, end + 1) if lines[i]
        ):
            return start
        return new_start

    def _metadata_follows(self, lines: list[str], index: int, end: int) -> bool:
        """Whether one of the next two lines after ``index`` is a page's date or source line (label
        pairs, or a date with no label before it: 2024-06-12 10:20 来源：…, 南州晚报 2024-08-18 07:30),
        not a dated line of the text (发震时刻：2024-06-12 03:41:26)."""
        # (The next three lines: a widget, 【字号：大 中 小】, may come between, or the byline's lines,
        # 界面新闻记者 | 周然 / 界面新闻编辑 | 林丹 over 2024/04/01 18:05, set AJ's business daily.)
        for below in _texts_after(lines, index, METADATA_FOLLOWS_LINES, until=end + 1):
            if self.pairs(below) is not None:
                return True
            found = find_dates(lines[below])
            # …or an outlet before the date (南州晚报 2024-08-18 07:30): no label's colon before it
            if found and found[0].has_year and not _LABEL_COLON.search(lines[below], 0, found[0].start):
                return True
        return False

    def labels_a_date(self, text: str) -> bool:
        """A dated date in the line with a label and its colon (文/蓝子衿　　发布时间：2024-09-12, a
        literary site's byline line), or after one word with its clock (``_DATELINE_ROW``): metadata,
        never the headline, which may hold a date but neither (澄州市气象台2024年7月15日17时发布城市
        天气预报)."""
        if _labels_its_day(text):
            return True  # (發稿日期：113年6月12日: a Republic's year, which find_dates needs no 民 for here)
        dates = [d for d in find_dates(text) if d.has_year] if _YEAR_DIGITS.search(text) else []
        if not dates:
            return False
        if self.rules.label_pattern.search(text) is not None:
            return True
        # (…or any time's or day's label, the date its whole value: 来信时间：2024-05-08 22:14 on a
        # mayor's mailbox, set AL, whose form's fields stood where a headline may)
        if TIME_LABEL.fullmatch(text, 0, dates[0].start) and not text[dates[-1].end :].strip():
            return True
        # (…or a date and its clock first, then what made it: 2024-07-03 10:20　　制作：省水文局水情处, a
        # bulletin's, set AA; a headline opens with a date but no clock)
        if _DATED_CLOCK_FIRST.match(text):
            return True
        # (…or a word, then a date and its clock in digits: 浪花新闻　2024-06-12 10:21:33, an app's byline
        # row; a headline holding a date, 澄州2024年7月15日16时30分发布暴雨黄色预警, is not one; or set
        # apart by wide space, the date alone: 寿光市气象局　　　　2024年5月13日, set AA's bulletin)
        return _DATELINE_ROW.fullmatch(text) is not None or _SIGNED_ROW.fullmatch(text) is not None

    def is_metadata_line(self, text: str) -> bool:
        """A short line that dates or sources the article: label pairs (发布时间：… 来源：…), or a
        full date beside few words (2019-09-07 15:10:53 字号：A- A A+ 来源：EETOP)."""
        if len(text) > MAX_METADATA_LINE_CHARS or is_prose(text):
            return False
        if parse_label_pairs(text, self.rules) is not None:
            return True
        return any(found.has_year for found in find_dates(text))

    def unless_dwarfed(self, weights: list[float], found: tuple[int, int]) -> tuple[int, int]:
        """``found``, the block right after the headline, unless it is a blurb (an account's
        introduction, a promotion) that a block further down dwarfs: then that one is the article."""
        mass = block_mass(weights, found)
        # (A blurb over an editor's credit with the text right under the credit is one too, though
        # longer: a platform's box over its own credit line, 少数派's Matrix 精选 / … / 编辑：克莱德 /
        # the text, set AB. A credit under a text, and something else under the credit, closes it.)
        credit = _below(self.lines, found[1])
        # (…marked as a blurb by the line over it, 精选 / 导语 / 编者按, and an editor's credit short of
        # 责任编辑: a school's item over 编辑：刘晓 and the next item's summary, a notice over 责任编辑：…
        # and a related article's lede, the seventeenth review's pages)
        marker = _above(self.lines, found[0])
        over_credit = (
            credit is not None
            and weights[credit] == BARRIER
            and self.is_credit(credit)
            and not _CLOSING_CREDIT.match(self.lines[credit])
            and marker is not None
            and _BLURB_MARK.search(self.lines[marker]) is not None
        )
        if mass >= (CREDITED_BLURB if over_credit else SMALL_FIRST_BLOCK):
            return found
        later = best_block(weights[found[1] + 1 :])
        if later is None:
            return found
        later = (later[0] + found[1] + 1, later[1] + found[1] + 1)
        under_credit = over_credit and credit is not None and later[0] == _below(self.lines, credit)
        if mass >= SMALL_FIRST_BLOCK and not under_credit:
            return found
        factor = CREDITED_BLURB_DWARFING if under_credit else DWARFING_FACTOR
        return later if block_mass(weights, later) >= factor * max(mass, 1.0) else found

    def through_issued_document(self, weights: list[float], found: tuple[int, int]) -> tuple[int, int]:
        """``found`` reaching over the document a notice issues (关于印发…的通知: 现将《…办法》印发给你们 /
        the office's signature / its day / 沭阳县…管理办法 / 第一条 … 第九条, set AP's county
        regulation): the cover notice ends at its signature and day, and the document it issues, its
        title then its text, is the page's too."""
        start, end = found
        lines = self.lines
        after = [i for i in range(end + 1, min(len(lines), end + 1 + ISSUED_TITLE_WINDOW)) if lines[i]]
        title = next((i for i in after if _ISSUED_TITLE.fullmatch(lines[i].strip())), None)
        if title is None or any(weights[i] > 0 or weights[i] == BARRIER for i in after if i < title):
            return found
        # (…the notice's lines searched last: most blocks have no document's title under them)
        if not any(_ISSUES.search(lines[i]) for i in range(start, end + 1)):
            return found
        document = first_block(weights, title + 1)
        if document is None or any(lines[i] and weights[i] <= 0 for i in range(title + 1, document[0])):
            return found
        # (The notice's day, now inside the text, still dates a page that prints no other date: its
        # signing day, as when it closed the text; the nineteenth review's page.)
        day = next((i for i in after if i < title and is_signing_day(lines[i].strip())), None)
        if day is not None:
            self.add_field("issued_at", lines[day].strip(), day + 1)
        return start, document[1]

    def up_to_credits(self, weights: list[float], found: tuple[int, int]) -> tuple[int, int]:
        """``found`` reaching down to the article's closing credits (编辑 / 责编 …) when only lines no
        rule names stand between: a post made of short lines (one phrase a line, pictures between)
        stops short at its first run of them, and the credits say where it really ends."""
        start, end = found
        credit = next((i for i in range(end + 1, len(weights)) if weights[i] == BARRIER), None)
        if credit is None or not self.is_credit(credit):
            return found
        gap = [i for i in range(end + 1, credit) if self.lines[i]]
        if not gap or len(gap) > MAX_LINES_BEFORE_CREDITS:
            return found
        if any(
            self.chrome(i) is not None or self.pairs(i) is not None or self.normals[i] in self.site_chrome
            for i in gap
        ):
            return found
        prose = sum(w for i in gap if (w := weights[i]) > 0)
        if prose < CREDITS_GAP_PROSE_SHARE * -sum(w for i in gap if (w := weights[i]) < 0):
            return found
        return start, gap[-1]

    def is_credit(self, index: int) -> bool:
        """An editor's credit line (责任编辑：…, 编辑|…, (责编：…))."""
        chrome = self.chrome(index)
        if chrome is not None:
            return chrome.id == BRACKETED_CREDIT_RULE
        pairs = self.pairs(index)
        return pairs is not None and self.rules.label_field[pairs[0][0]].field == "editors"

    def block_bounds(self, lines: list[str]) -> tuple[int, int]:
        weights, leading = self.line_weights(lines)
        self.weights = weights
        return self.through_contents(weights, self.first_or_best_block(lines, weights, leading))

    def through_contents(self, weights: list[float], found: tuple[int, int]) -> tuple[int, int]:
        """``found`` run on through the sections a table of contents right after it names: an
        encyclopedia entry's lead, its info box and 目录 / 1历史沿革 / 2区域规划 end the first block, and
        the sections are the rest of it (dev 2147…, a Baidu Baike entry, kept its lead alone). A
        table of contents inside the block, or the one it now runs across, is removed as
        ``structure.contents`` (its 目录 line too); an info box stays in the text (no rule tells it
        from a list)."""
        start, end = found
        lines = self.lines
        # (islice: on a page of 100,000 lines only the window's are looked at)
        after = list(_texts_after(lines, end, CONTENTS_WINDOW))
        entries = self.contents_entries(after)
        if entries:
            rest = first_block(weights, entries[-1][1] + 1)
            if rest is not None:
                end = rest[1]
        inside = entries or self.contents_entries([i for i in range(start, end + 1) if lines[i]])
        if inside:
            first = inside[0][0]
            before = _above(lines, first, since=start)
            heading = [before] if before is not None and self.normals[before] in _CONTENTS_HEADINGS else []
            self.contents = frozenset([*heading, *(i for i, _ in inside)])
        return start, end

    def contents_entries(self, indexes: list[int]) -> list[tuple[int, int]]:
        """A table of contents among the lines at ``indexes`` (non-blank, in order): at least
        ``MIN_CONTENTS_ENTRIES`` lines in a row numbered 1, 2, 3… (1历史沿革), each entry's name standing,
        in order, as a line of its own below them. As (entry's line, its heading's line), or []."""
        lines, normals = self.lines, self.normals
        entries: list[tuple[int, str]] = []  # (line index, the entry's name)
        for i in indexes:
            text = lines[i].strip()
            entry = _CONTENTS_ENTRY.fullmatch(text) if text[:1].isdigit() else None
            if entry is not None and int(entry["number"]) == len(entries) + 1:
                if len(entry["name"]) > MAX_CONTENTS_ENTRY_CHARS:
                    return []
                entries.append((i, normal_line(entry["name"])))
            elif len(entries) >= MIN_CONTENTS_ENTRIES:
                break
            elif entry is not None and int(entry["number"]) == 1:
                entries = [(i, normal_line(entry["name"]))]  # a list that starts again from 1
            else:
                entries = []  # not consecutive entries from 1: no table of contents yet
        if len(entries) < MIN_CONTENTS_ENTRIES:
            return []
        found: list[tuple[int, int]] = []
        heading = entries[-1][0]
        for index, name in entries:
            heading = next((i for i in range(heading + 1, len(lines)) if normals[i] == name), -1)
            if heading < 0:
                return []
            found.append((index, heading))
        return found

    def menu_echoes(self, lines: list[str], weights: list[float], anchor: int) -> None:
        """A short line under the text that repeats an item of the menu over the headline heads a box
        of the site's (乘机须知 over its standing advice, in an airport police site's menu too: set O):
        a barrier, which the text does not run across. Not a body's name (the site's name signs a
        notice) and not a line with a figure. On the held-out sets A-P, 20 such echoes under the
        first paragraph are the page's; of those the labellers keep, every one is a signature."""
        menu = {
            self.normals[i]
            for i in range(anchor)
            if lines[i]
            and 2 <= len(self.normals[i]) <= MENU_ECHO_CHARS
            and not any(c.isdigit() for c in lines[i])
        }
        if not menu:
            return
        first = next((i for i in range(anchor + 1, len(weights)) if weights[i] > 0), None)
        if first is None:
            return
        echoes = [
            i
            for i in range(first + 1, len(lines))
            if self.normals[i] in menu
            and weights[i] <= 0
            and SIGNATORY.fullmatch(lines[i].strip()) is None
            and not any(c.isdigit() for c in lines[i])
        ]
        # The text's own sub-headings repeat a menu's items too (专家介绍 / 就医指南, 典型案例 / 法官说法
        # over their paragraphs; 警方提示 over the tips the article's 责任编辑 closes: the fourteenth
        # review's pages): not two echoes over paragraphs, and not one the article's credit follows.
        if sum(self._over_paragraph(i, weights) for i in echoes) >= MENU_OUTLINE_ECHOES:
            return
        for i in echoes:
            box = _texts_after(lines, i, MENU_BOX_LINES)
            if not any(_EDITOR_CREDIT_START.match(lines[j]) for j in box):
                weights[i] = BARRIER

    def _over_paragraph(self, index: int, weights: list[float]) -> bool:
        below = next((j for j in range(index + 1, len(weights)) if self.lines[j]), None)
        return below is not None and weights[below] > 0

    def first_or_best_block(
        self, lines: list[str], weights: list[float], leading: frozenset[int]
    ) -> tuple[int, int]:
        anchor = self.title_anchor(lines)
        self.anchor = anchor
        if anchor is not None:
            self.menu_echoes(lines, weights, anchor)
            found = first_block(weights, anchor + 1, leading)
            if found is not None:
                found = self.through_issued_document(weights, self.unless_dwarfed(weights, found))
                return self.up_to_credits(weights, found)
        block = best_block(weights)
        if (
            block is not None
            and block[0] == 0
            and _dump_title(lines[0])
            and ((second := _below(lines, 0)) is None or weights[second] <= 0)
        ):
            # The dump's first line is the page's <title>, never its text: a post whose page prints
            # nothing above its headline (注意绕行！…交通管制 / 郑州交警 / … / 河南, then the text: set
            # AO's WeChat post, whose headline, account and time were read as its first lines).
            rest = best_block(weights[1:])
            if rest is not None:
                block = (rest[0] + 1, rest[1] + 1)
        # Barriers (related lists, credits, legal notices) follow the article: a block before the
        # first of them is the article unless it is small beside the best one after.
        barrier = next((i for i, w in enumerate(weights) if w == BARRIER), None)
        if block is not None and barrier is not None and block[0] > barrier:
            before = best_block(weights[:barrier])
            if before is not None and block_mass(weights, before) >= BEFORE_BARRIER_SHARE * block_mass(
                weights, block
            ):
                block = before
        if block is None:
            # No prose at all (a table of contents, a notice made of short lines): the longest run of
            # lines longer than menu items, between barriers; failing that the whole page, and the
            # rules alone decide.
            listing = best_block(
                [w if w == BARRIER else list_weight(t) for w, t in zip(weights, lines, strict=True)]
            )
            return listing if listing is not None else (0, len(lines) - 1)
        return self.up_to_credits(weights, block)

    def named_short_headline(self, index: int, text: str, lines: list[str]) -> bool:
        """A headline too short for a title-like line (夜雨, a poem's) that the page title's first
        part names exactly (夜雨_原文、翻译及赏析_白居易诗词_读古诗词网); never that first line itself."""
        if not MIN_SHORT_TITLE_HAN <= len(text) < MIN_TITLE_HAN or "\ufffd" in text:
            return False
        if index == self.first:
            return False
        if self.first_part is None:
            titles = [self.hints.get("page_title", ""), "" if self.first is None else lines[self.first]]
            # (…or before a bare hyphen, whatever follows it: 修表匠-青岚文学, a magazine's site whose
            # name reads as no site's; a short line must equal that part exactly.)
            self.first_part = {
                normal_line(part)
                for t in titles
                if t
                for part in (headline_part(t), _before_site_hyphen(t), _before_hyphen(t))
                if part
            } - {""}
        key = normal_line(text)
        return key in self.first_part and han_count(key) == len(key)

    def choose_title(
        self, candidates: list[tuple[int, str]], first: int | None, first_line: str
    ) -> int | None:
        """Index of the headline among the header's title-like lines (closest to the block last).

        A line the page names as its title (a 名称/标题 field, an HTML title hint, the page's first
        line — a scraper dump starts with the <title>) wins; otherwise the closest one to the text.
        That first line itself, the <title> with its site name, is the headline only when the markup
        declares it (<h1>, og:title) or no other line can be (dev 83bd…: 科普中国-辟谣文章 above
        徒手抓子弹真的存在吗？).
        """
        if not candidates:
            return None
        declared = normal_line(self.hints.get("title", ""))
        others = [c for c in candidates if c[0] != first or normal_line(c[1]) == declared] or candidates
        named = [normal_line(t) for t in self.result.fields.get("title", [])]
        named += [normal_line(self.hints[k]) for k in ("title", "page_title") if self.hints.get(k)]
        # (Not a page title that only names the site's body: 德州市人力资源和社会保障局 over its menu.)
        named = [n for n in named if n and not names_a_body(n)]
        if _TOPIC_PAGE.search(headline_part(first_line)):
            return self.closest(others)  # a special topic's page title names the topic, no headline
        page_title = self.page_title
        for index, text in reversed(others):
            key = normal_line(text)
            if any(key == n or (len(key) >= 6 and key in n) for n in named):
                return index
        # (The page's information block names its title, 标题：昆山市2024年5月河湖水质通报 under its
        # cells, and no line repeats it: that is the headline, not a cell, 发布日期, set AZ.)
        if any(
            han_count(n) >= MIN_TITLE_HAN and not names_a_body(n)
            for n in (normal_line(t) for t in self.result.fields.get("title", []))
        ):
            return None
        # An app's share page: its page title the app's name (新京报, 央视新闻, 凤凰新闻), then its
        # open button; the headline is the last title-like line under the button that names no site
        # (人民日报 / 打开APP / 人民日报客户端 / the headline: set S's share pages of ten outlets).
        shared = self._under_open_button(others, first)
        if shared is not None:
            return shared
        # A short headline (静夜思•夜) is too short to anchor the article, but the first part of the
        # page title (a dump's first line) names it exactly.
        first_part = normal_line(headline_part(first_line))
        # (A short part is a column's name when its menu lists it too and a headline's length of a
        # line stands closer to the text: 最新消息 - 曼徹斯特華人中心 over 最新消息 / the headline, set
        # AC; dev 777d…'s 静夜思•夜 over a poem's subtitle is named once. A short page title of no
        # parts likewise: 新聞公報 over a Hong Kong release's headline, set AE.)
        longer = [i for i, text in others if han_count(text) >= TITLE_PART_MIN_HAN and not names_a_body(text)]
        for index, text in reversed(others):
            key = normal_line(text)
            if names_a_body(key) or (
                len(key) <= SITE_NAME_CHARS and (_SITE_OR_BODY.search(key) or _short_body_over(key, others))
            ):
                continue  # 香港警務處 under 香港警務處 - 新聞公報: the site's name, first in its title
            if (
                han_count(key) < TITLE_PART_MIN_HAN
                and any(i > index for i in longer)
                and self.normals.count(key) > 1
            ):
                continue
            # (…nor a short site's name first in the page title when a line under it is the title's
            # other part: 正報 over 氹仔舊城區…, titled 正報｜澳門新聞 - 氹仔舊城區…, set AW)
            if han_count(key) < TITLE_PART_MIN_HAN and any(
                i > index
                and han_count(t) >= TITLE_PART_MIN_HAN
                and normal_line(t) in page_title
                # (over its date: 唐詩三百首精選賞析 under 春曉, titled 春曉｜唐詩三百首精選賞析, is a
                # column's name over the poet, the twenty-fourth review's page)
                and self._over_its_date(i)
                for i, t in others
            ):
                continue
            # …or the page title starts with it, a separator next (静夜思•夜-中国诗歌网).
            if key == first_part or (
                page_title.startswith(key) and page_title[len(key) : len(key) + 1] in TITLE_SEPARATOR_CHARS
            ):
                return index
        site_parts = {normal_line(part) for part in _title_parts(first_line)[1]}
        for index, text in reversed(others):
            key = normal_line(text)
            if (
                len(key) >= 6
                and key in page_title
                and index != candidates[0][0]
                and not names_a_body(key)
                # (not a short other part: 泠源華人中心, the site's, of 最新消息 - 泠源華人中心)
                and (key not in site_parts or han_count(key) >= TITLE_PART_MIN_HAN)
            ):
                return index
        # A page title with no site name in it (绥德：33名退役军人被表彰, a WeChat post's) is the
        # headline itself when no line below repeats it: it beats the line closest to the text.
        # (Unless it names a site or a body, 大众网·海报新闻, 南湖区人民检察院: that is the page's
        # title, the headline is further down.)
        if (
            candidates[0][0] == first
            and (not any(ch in first_line for ch in TITLE_SEPARATOR_CHARS) or _kicker_headline(first_line))
            and not _SITE_OR_BODY.search(first_line)
            and not names_a_body(first_line)  # (中华人民共和国公安部, 赣州市赣南公证处 over their menus)
            and not _short_body_over(first_line, others)
            and not (han_count(first_line) < TITLE_PART_MIN_HAN and any(i > first for i in longer))
        ):
            return first
        # A page title whose first part is a headline no line below repeats (在长沙摆摊…的第三年 -
        # 今日头条, over an account's name, 原创 and the date): that part is the headline.
        if (
            candidates[0][0] == first
            and first_part != page_title  # a site's name parted from it (科普中国-辟谣文章 is one)
            and han_count(first_part) >= TITLE_PART_MIN_HAN
            and not _SITE_OR_BODY.search(first_part)
        ):
            self.title_is_part = True
            return first
        return self.closest(others)

    def _under_open_button(self, others: list[tuple[int, str]], first: int | None) -> int | None:
        if first is None:
            return None
        lines = self.lines
        top = list(_texts_after(lines, first, OPEN_BUTTON_LINES))
        button = next((i for i in top if OPEN_BUTTON.fullmatch(lines[i])), None)
        if button is None or len(self.page_title) > SITE_NAME_CHARS:
            return None
        under = [i for i in top if i > button][: OPEN_BUTTON_LINES - 1]
        candidates = [(i, text) for i, text in others if i in under]
        # (The page title again, not an outlet's name, is a short headline: 我的父亲 under the button
        # and an account's name; the last other line there is the headline, under a promotion, an
        # account or a channel: 下载客户端 领新人红包…, 经济半小时栏目, the fourteenth review's pages.)
        page_title = self.page_title
        again = [
            i
            for i, text in candidates
            if normal_line(text) == page_title and not _OUTLET_END.search(page_title)
        ]
        if again:
            return again[-1]
        plausible = [
            (i, text)
            for n, (i, text) in enumerate(candidates)
            if not is_site_name(text)
            and not _SHORT_TITLE_WORD.fullmatch(text)
            # (the outlet's channel over the date: 凤凰网财经 under the headline, set S)
            and not (n and self._name_over_date(candidates[n - 1], (i, text)))
        ]
        return plausible[-1][0] if plausible else None

    def closest(self, others: list[tuple[int, str]]) -> int:
        """The title-like line closest to the text, unless it is a subtitle: one that opens with a
        dash (老厂房“变身”文创街区 / ——伍家岗区推动工业遗存保护利用见闻) gives the line over it, and
        a body's name alone (a document's letterhead, 鹤汀市望澜区人民法院 over its 公告 and case
        number, set K) gives the headline over it."""
        if len(others) > 1 and _SUBTITLE.match(others[-1][1]) and others[-2][0] == others[-1][0] - 1:
            return others[-2][0]
        named = [c for c in others if not self._letterhead(c[0])]
        # (An app's share page prints the outlet's name, its page title, again under the headline,
        # 红星新闻 over the date: set S's 红星, 新京报, 齐鲁壹点, 荔枝, 九派 pages took it for the headline.)
        page_title = self.page_title
        headlines = [
            c for c in named if not (normal_line(c[1]) == page_title and _OUTLET_END.search(page_title))
        ]
        chosen = headlines or named or others
        # (A record's fields under the date are no headline: 当事人：… / 法定代表人（负责人、经营者）：韦某
        # under 发布日期：2024-06-03 under the penalty decision's headline, set AZ.)
        dated = [c for c in chosen[:-1] if self._over_its_date(c[0])]
        if dated and all(_RECORD_LINE.match(text) for index, text in chosen if index > dated[-1][0]):
            return dated[-1][0]
        # (A video's caption repeating the headline's first part, 贵州一隧道施工现场发生塌方 under 贵州
        # 一隧道施工现场发生塌方 已致2人遇难, its date and 视频加载中..., set AZ: the whole headline.)
        if len(chosen) > 1:
            last = chosen[-1][1].strip()
            fuller = [
                c
                for c in chosen[:-1]
                if (t := c[1].strip()).startswith(last) and t[len(last) : len(last) + 1].isspace()
            ]
            if fuller:
                return fuller[-1][0]
        # (…or its channel's name, 中新网客户端 and 扬子晚报网 under pages titled 中国新闻网 and 扬子晚报:
        # a short word right under the headline and right over the date is the outlet's line.)
        if len(chosen) > 1 and self._outlet_line(chosen[-2], chosen[-1]):
            return chosen[-2][0]
        return chosen[-1][0]

    def _over_its_date(self, index: int) -> bool:
        """The line right under ``index`` opens with a day of a year, or with its label (发布日期：…)."""
        after = _below(self.lines, index)
        if after is None:
            return False
        opening = self.lines[after].strip()[: DATE_LABEL_CHARS + 20]
        return any(d.has_year and d.start <= DATE_LABEL_CHARS for d in find_dates(opening))

    def _name_under(self, above: tuple[int, str], line: tuple[int, str]) -> bool:
        """A short name right under a title-like line ``HEADLINE_OVER_NAME`` times its length."""
        lines = self.lines
        between = _below(lines, above[0])
        key = normal_line(line[1])
        return (
            between == line[0]
            and len(key) <= OUTLET_LINE_CHARS
            and len(normal_line(above[1])) >= HEADLINE_OVER_NAME * len(key)
        )

    def _name_over_date(self, above: tuple[int, str], line: tuple[int, str]) -> bool:
        """…and right over the date."""
        lines = self.lines
        after = _below(lines, line[0])
        return (
            self._name_under(above, line)
            and after is not None
            and any(d.has_year and d.start == 0 for d in find_dates(lines[after].strip()))
        )

    def _outlet_line(self, above: tuple[int, str], line: tuple[int, str]) -> bool:
        """A short line right under a title-like line twice its length that names the page's outlet
        or, in a reader mode's dump, its site: the outlet's line, not the headline."""
        key = normal_line(line[1])
        page_title = self.page_title
        # (an outlet's word last, over the date, under no menu's row: 车市价格战困局 and 城市会客厅 are
        # short headlines, the twelfth review's pages; and the page's outlet, its name in the page
        # title or an app's 客户端: a short headline under its kicker ends so too, 山里来了复兴号,
        # 百年气象台, the fourteenth review's pages)
        if (
            self._name_over_date(above, line)
            and _OUTLET_END.search(key) is not None
            and (key[:2] in page_title or key.endswith(("客户端", "客戶端")))
            and len(above[1].split()) < MENU_ROW_WORDS
        ):
            return True
        # …or the name the headline opens with, over the date: who speaks in it posts it (治安警察局 /
        # 2024-07-15 17:32 under 治安警察局提醒市民提防…, a Macau release, set AW); a short headline
        # under its kicker repeats none of it.
        if (
            self._name_over_date(above, line)
            and normal_line(above[1]).startswith(key)
            and key.endswith(_BODY_ENDINGS)
        ):
            return True
        # …or a body's name or a government's account, as a reader mode prints the site under the
        # headline (澹水县统计局, 泷阳发布, set R): only there, its host first (织密反诈防护网 and
        # 十大典型案例发布 are short headlines under their kickers, the fourteenth review's pages).
        return (
            self._name_under(above, line)
            and (_SITE_OR_BODY.search(key) is not None or GOVERNMENT_ACCOUNT.fullmatch(key) is not None)
            and _HOST.fullmatch(page_title) is not None
        )

    def _letterhead(self, index: int) -> bool:
        """A body's name over its document's marks (鹤汀市望澜区人民法院 / 公　告 / （2024）…号): a
        letterhead, not the headline. (探访澄州最美乡村图书馆 ends as a body's name does: the twelfth
        review's pages.)"""
        if SIGNATORY.fullmatch(self.lines[index].strip()) is None:
            return False
        below = islice((i for i in range(index + 1, len(self.lines)) if self.lines[i]), LETTERHEAD_MARK_LINES)
        return any(
            _DOCUMENT_MARK.fullmatch(self.lines[i]) or _DOCUMENT_NUMBER.fullmatch(self.lines[i])
            for i in below
        )

    def run(self) -> CleanedText:
        lines = self.repaired_lines()
        start, end = self.article_bounds(lines)
        titles: set[str] = set()
        header_candidates: list[tuple[int, str]] = []
        decisions: dict[int, str | None] = {}
        stripped_lines: dict[int, str] = {}
        memos = {zone: _memo(self.rules, zone) for zone in LINE_ZONES}
        facts = self.facts
        player = False  # the line before was a player's or a gallery's control
        for index, text in enumerate(lines):
            line_no, original = index + 1, self.raw_lines[index]
            zone = "header" if index < start else "footer" if index > end else "body"
            found = facts[index]
            if found is None:
                self.remove(line_no, original, "blank")
                continue
            if index in self.contents:
                self.remove(line_no, original, CONTENTS_RULE)
                continue
            if index in self.boxed and zone == "body":
                self.remove(line_no, original, RELATED_RULE)
                continue
            memo = memos[zone]
            verdict = memo.get(text)
            if verdict is None:
                verdict = _Verdict(text, zone, found, self.rules)
                if len(text) <= MEMO_MAX_CHARS:
                    memo[text] = verdict
            if verdict.span_only:
                assert verdict.span_rule is not None
                self.remove(line_no, original, verdict.span_rule)
                continue
            for name, value in verdict.fields:
                self.add_field(name, value, line_no)
            rule_id = verdict.rule_id
            if rule_id is None and verdict.normal in self.site_chrome and not verdict.prose:
                rule_id = "structure.site_repeat"
            if rule_id is None and player and _PLAYER_TIME.fullmatch(text):
                rule_id = MEDIA_CONTROL_RULE
            if rule_id == MEDIA_CONTROL_RULE and text.lstrip().startswith(_PLAY_COUNT_WORDS) and not player:
                # (播放量：2.3万 over the player's clock, 00:00 / 02:18, set AQ; under a label of
                # no date and over no clock a list's figure, 作品名称：… / 播放量：1260万, the
                # twenty-second review's page)
                above, below = _above(lines, index), _below(lines, index)
                if (
                    above is not None
                    and _LABELLED_LINE.match(lines[above])
                    and not self.labels_a_date(lines[above])
                    and (below is None or not _PLAYER_CLOCK.fullmatch(lines[below].strip()))
                ):
                    rule_id = None
            player = rule_id == MEDIA_CONTROL_RULE
            if rule_id:
                self.remove(line_no, original, rule_id)
                continue
            # (The memo's text is an earlier page's string: this page's own when nothing was cut.)
            stripped = text if verdict.span_rule is None else verdict.stripped
            if zone == "body":
                if verdict.span_rule is not None and stripped != text:
                    self.result.repairs.append(
                        LineRepaired(line_no=line_no, rule_id=verdict.span_rule, before=text, after=stripped)
                    )
                self.result.body.append(BodyLine(line_no, stripped))
                continue
            stripped_lines[index] = stripped
            decisions[index] = f"structure.{zone}"
            if (
                zone == "header"
                and (verdict.title_like or self.named_short_headline(index, stripped, lines))
                and not self.labels_a_date(stripped)
                and not _FORM_FIELD.fullmatch(stripped)
                and not _numeric_day_outside_brackets(stripped)
                and not _CREDIT_LEAD.match(stripped)
                and not _RELATIVE_STAMP.search(stripped)
            ):
                header_candidates.append((index, stripped))
        # The headline: among title-like header lines close to the block.
        non_blank_header = [i for i in range(start) if lines[i]]
        window = set(non_blank_header[-TITLE_WINDOW:])
        first_line = "" if self.first is None else lines[self.first]
        # The line the article block was anchored on repeats the page title: it is the headline.
        # (A headline may end with ？ or ！: the page title vouches for it.)
        # (Unless the page title only names the site's body and echoes its masthead, far above a
        # headline of its own: 成都市规划和自然资源局 over the menu, then 《…》批前公示 over the text;
        # 地球物理氣象局, a body's word at its end and a menu's length of lines under its echo. Then
        # neither the page title nor its echo is a candidate.)
        masthead = self.anchor is not None and (
            names_a_body(self.page_title)
            # (…or the line it anchored on does, the page title's first part: 臺中市政府環境保護局 over
            # its menu under the page title 臺中市政府環境保護局-新聞稿, sets AA's Taiwan and Hong Kong
            # bureaus)
            or names_a_body(normal_line(lines[self.anchor]))
            or (
                _ENDS_AS_A_BODY.fullmatch(self.page_title) is not None
                and sum(1 for i in range(self.anchor + 1, start) if lines[i]) > MASTHEAD_MENU_LINES
            )
            or (
                # (…or a firm's name, the page title's first part: 台灣自來水公司 over its menu
                # under 台灣自來水公司-停水公告, a utility's notice, set AS; over its menu's lines, not
                # over a headline's date, source and share lines, 泠源新增一家上市公司 over 2024-06-21
                # 09:40 / 来源：… / 作者：… / 【字体】 / 分享到：, the twenty-first review's page)
                _ENDS_AS_A_FIRM.fullmatch(normal_line(lines[self.anchor])) is not None
                and sum(1 for i in range(self.anchor + 1, start) if i in stripped_lines) > MASTHEAD_MENU_LINES
            )
        )
        # (A WeChat account's name over its card, 平安威宁 / 微信号 … / 功能介绍 …, and that name
        # wherever the header repeats it, is no headline: set AO's post, whose dump's first line, the
        # headline, was passed over for it.)
        accounts = {
            normal_line(stripped)
            for index, stripped in header_candidates
            if index != self.first
            and (below := _below(lines, index)) is not None
            and (fact := facts[below]) is not None
            and fact.chrome is not None
            and fact.chrome.id == ACCOUNT_CARD_RULE
        }
        echo = normal_line(lines[self.anchor]) if masthead and self.anchor is not None else None
        title_index = self.choose_title(
            [
                c
                for c in header_candidates
                if c[0] in window
                and not (masthead and normal_line(c[1]) in (self.page_title, echo))
                and normal_line(c[1]) not in accounts
            ],
            self.first,
            first_line,
        )
        if (
            self.anchor is not None
            and self.anchor in stripped_lines
            and self.anchor < start
            and not (title_index is not None and title_index > self.anchor and masthead)
        ):
            title_index = self.anchor
        if title_index is not None:
            # (…without a disclosure page's label before it: 信息名称：关于表彰…的决定, set AR)
            self.result.title = _TITLE_LABEL.sub("", stripped_lines[title_index], count=1)
            if title_index == self.anchor and self.anchor_decorated:
                self.result.title = undecorated(self.result.title).strip()
            elif title_index == self.first and self.title_is_part:
                self.result.title = headline_part(self.result.title).strip()
            titles.add(normal_line(self.result.title))
            decisions[title_index] = "meta.title"
        for index in sorted(decisions):
            rule_id = decisions[index]
            if rule_id is None:
                continue
            if rule_id != "meta.title" and normal_line(stripped_lines[index]) in titles:
                rule_id = "meta.title_repeat"
            self.remove(index + 1, self.raw_lines[index], rule_id)
        self.count_removals()
        self.result.removed.sort(key=lambda r: r.line_no)
        if self.result.title is None and self.result.fields.get("title"):
            self.result.title = self.result.fields["title"][0]
        self.result.stats["lines"] += len(lines)
        self.result.stats["body_lines"] += len(self.result.body)
        return self.result


# A reply's contact note in brackets under its signature and day (（联系人：李明，联系电话：0731-8516××××）,
# GB/T 9704's 附注 under a reply to a deputy's proposal, set AP's two replies): the reply's own line.
_CONTACT_NOTE = re.compile(
    r"\s*[(（]\s*(?:联系人|聯繫人|联系单位|聯繫單位)\s*[:：][^()（）]{1,30}?[，,；;\s]\s*"
    r"(?:联系电话|聯繫電話|电话|電話)\s*[:：]\s*[\d\-－×xX*＊（）()\s]{5,24}[)）]\s*"
)


def _with_contact_note(lines: list[str], day: int) -> int:
    """``day``, or the bracketed contact note right under it."""
    below = _below(lines, day)
    return below if below is not None and _CONTACT_NOTE.fullmatch(lines[below]) else day


# A form's field and its short value (来信人：匿名, 信件编号：XX2024050800317, 办理状态：已办结: a mayor's
# mailbox, set AL): no headline, though a headline may be a name, a colon and a phrase.
_FORM_FIELD = re.compile(
    r"\s*[\u4e00-\u9fff]{1,6}(?:人\s*[:：]\s*\S{0,6}|(?:编号|編號|编码|編碼|状态|狀態|类型|類型|类别|類別|单位|單位|对象|對象)\s*[:：]\s*\S{0,20})"
)
# A day in digits and separators (2024-04-17, 2023/10/12): a metadata row's (2024-04-17　浏览次数：432,
# …车辆管理所　2023-10-12, 原创 安溪气象 2024-04-02 17:30 发表于福建: sets AA and AE), never a
# headline's, which writes its days in words (2024年3月5日).
_NUMERIC_DAY = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s?[-/.]\s?(?:1[0-2]|0?[1-9])\s?[-/.]\s?(?:3[01]|[12]\d|0?[1-9])(?!\d)"
)
_YEAR_FIGURE = re.compile(r"\s*\d{2,4}\s*[年\-/.]")
TIME_LABEL = re.compile(r"\s*[\u4e00-\u9fff]{0,6}(?:时间|時間|日期)\s*[:：]\s*")


def _numeric_day_outside_brackets(line: str) -> bool:
    """A day in digits the line holds bare (2024-04-17　浏览次数：432), not in brackets after a daily's
    name (空气质量日报（2024-04-17）, a headline: the twentieth review's page)."""
    return any(m.start() == 0 or line[m.start() - 1] not in "（(【[" for m in _NUMERIC_DAY.finditer(line))


def _labels_its_day(line: str) -> bool:
    """A time's or a day's label with a year after it (發稿日期：113年6月12日, a Republic's year,
    which the date readers' four-digit screen passes over: set AK's prosecutors): metadata. (A year:
    五一放假时间：5月1日至5日 is a headline, the twentieth review's page.)"""
    label = TIME_LABEL.match(line)
    return label is not None and _YEAR_FIGURE.match(line, label.end()) is not None


def _dump_title(line: str) -> bool:
    """Whether a dump's first line reads as a page title: a headline's length, no sentence's end."""
    return 0 < len(line) <= MAX_TITLE_CHARS and "。" not in line


def clean(
    text: str,
    *,
    rules: RuleSet | None = None,
    hints: Mapping[str, str] | None = None,
    site_chrome: frozenset[str] = frozenset(),
) -> CleanedText:
    """Split ``text`` into the article's lines and the removed ones (with rule ids), repairing as it goes.

    ``hints``: what the markup states (``title``...), see ``stages.page``. ``site_chrome``: lines
    (white space removed, see ``normal_line``) that repeat across many pages of the same site in
    this run (``repeated_lines``); they are removed wherever they are, unless they are prose.
    """
    return _PageCleaner(text, rules or load_rules(), hints or {}, site_chrome).run()
