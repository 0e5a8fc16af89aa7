"""Stage 5: the metadata a careful reader would write down, from every signal the page gives.

Metadata is its own stage: cleaning decides which lines are the article; this stage reads the whole
page again — the headline, the lines around it, the article's first and last lines, the lines
after it, the label values cleaning found, and what the markup declares (``hints``) — collects
every candidate for each field, scores it by where it stands and what stands beside it, and keeps
the best, with where it came from (``Metadata.sources``).

- **published_at**: every date the page prints (``stages.dates``) near the headline or the
  article's edges, weighed by its label (发布时间 over 更新), its distance to the headline and the
  text, and whether it has a time; never one inside the article's prose, a related-articles or
  comment line, a copyright line or the future. The markup's declared date (``<meta>``,
  ``<time datetime>``, JSON-LD) stands in where the text prints none near the headline, and gives
  the year to a date printed without one (发布时间：10-08 12:00).
- **author**: the people of a byline — 记者 / 作者 / 文 / 撰文 / 采写 / 编译 / 执笔 / 通讯员, ``文/王五``,
  ``（记者 张三）`` at either end of the article, a bare ``（张巨峰）`` closing it — role words and
  outlets removed (新华社 is a publisher, never an author).
- **publisher**: 来源 / 稿源 / 本文来源 wherever they stand, ``（来源：上海证券报）``, the outlet of a
  dateline (湖南法治報訊, 2023年02月10日 20:52 山东省公安厅), cut at the widgets and labels beside it.

Local times are China Standard Time (Asia/Shanghai) and are stored in UTC, with the precision the
page gave.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import pairwise, takewhile
from typing import Literal

from zharchive.rules import load_rules
from zharchive.stages.audit import LineRepaired
from zharchive.stages.clean import (
    ACCOUNT_CARD_RULE,
    BULLETIN_ISSUER,
    MAX_PAGE_TITLE_CHARS,
    OPEN_BUTTON,
    OPEN_BUTTON_LINES,
    RELATED_RULE,
    SIGNATORY,
    TIME_LABEL,
    TITLE_SEPARATOR,
    TITLE_SEPARATOR_CHARS,
    BodyLine,
    CleanedText,
    headline_part,
    is_signing_day,
    is_site_name,
    names_a_body,
)
from zharchive.stages.dates import (
    CLOCK_ZONE,
    SHANGHAI,
    DateFound,
    Precision,
    clock_hour,
    find_dates,
    parse_declared,
    slashed_readings,
)
from zharchive.stages.repair import restore_lost_month
from zharchive.text import (
    COLUMN_WORDS,
    COMMON_SURNAMES,
    GOVERNMENT_ACCOUNT,
    OFFICIAL_ACCOUNT_WORDS,
    PUBLIC_BODY_WORDS,
    SUBSTANCE,
    WEEKDAY,
    WEEKDAY_PATTERN,
    han_count,
)

__all__ = ["SHANGHAI", "Metadata", "extract", "restore_dates"]

FIRST_LINES_FOR_DATELINE = 2
_NAME_SEPARATORS = re.compile(r"[\s、,，/／&＆]+")
# White space between two Latin letters, kept inside a name by ``_pieces`` (a private-use stand-in).
_LATIN_NAME_SPACE = re.compile(r"(?<=[A-Za-z])[ \t\u00a0]+(?=[A-Za-z])")
_LATIN_SPACE = "\ue000"

Zone = Literal["header", "title", "body", "footer"]


@dataclass(frozen=True)
class Metadata:
    title: str | None
    published_at: datetime | None
    published_precision: Precision | None
    publisher: str | None
    author: str | None
    editors: list[str]
    agency: str | None
    doc_number: str | None
    index_number: str | None
    # Where each chosen value came from: "line 12", "label 来源", "meta article:published_time".
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def published_local_date(self) -> date | None:
        return None if self.published_at is None else self.published_at.astimezone(SHANGHAI).date()


# --- the page as the metadata stage reads it --------------------------------------------------


# A metadata line is short: only a line's first characters are searched for dates, bylines and
# sources, and its last ones for a closing byline, so a 1 MB line costs no more than a short one.
LINE_HEAD_CHARS = 200
LINE_TAIL_CHARS = 60


# Not frozen: a frozen dataclass's __init__ took 2.1 µs against 0.47 µs for a slotted one (timeit
# on this machine), and a generated page makes ~21 of these.
@dataclass(slots=True)
class _Line:
    line_no: int
    text: str  # the line's first LINE_HEAD_CHARS characters
    tail: str  # its last LINE_TAIL_CHARS
    zone: Zone
    rule_id: str | None  # the rule that removed it (None: a body line)
    pos: int  # its place among the page's non-blank lines
    distance: int  # non-blank lines between it and the nearest anchor (headline, text's first or last)


@dataclass
class _Page:
    """The page's non-blank lines near the article's anchors (the headline, the text's first and
    last line), in order: a date, a byline or a source stands within ``_MAX_DATE_DISTANCE`` of one,
    and a page's hundreds of other lines are never looked at (this stage costs a few lines' work)."""

    lines: list[_Line]
    title: int | None  # position of the headline line
    first: int | None  # position of the article's first line
    last: int | None
    dump_first: str | None = None  # the dump's first line (its <title>) when cleaning removed it
    menu: frozenset[str] = frozenset()  # the header's short lines over the headline (its menu's items)
    _dates: dict[int, list[DateFound]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, cleaned: CleanedText) -> _Page:
        start = cleaned.body[0].line_no if cleaned.body else None
        end = cleaned.body[-1].line_no if cleaned.body else None
        # Every non-blank line's number, in order: a line's position is its index here.
        body_nos = [b.line_no for b in cleaned.body]
        nos = sorted([r.line_no for r in cleaned.removed if r.rule_id != "blank"] + body_nos)
        title_no = next((r.line_no for r in cleaned.removed if r.rule_id == "meta.title"), None)
        title = None if title_no is None else bisect.bisect_left(nos, title_no)
        first = None if start is None else bisect.bisect_left(nos, start)
        last = None if end is None else bisect.bisect_left(nos, end)
        anchors = [a for a in (title, first, last) if a is not None]
        near = sorted(
            {
                i
                for a in anchors
                for i in range(max(0, a - _MAX_DATE_DISTANCE), min(len(nos), a + _MAX_DATE_DISTANCE + 1))
            }
        )
        wanted = {nos[pos] for pos in near}
        rows: dict[int, tuple[str, str | None]] = {
            r.line_no: (r.text, r.rule_id)
            for r in cleaned.removed
            if r.line_no in wanted and r.rule_id != "blank"
        }
        for no in wanted.difference(rows):
            rows[no] = (cleaned.body[bisect.bisect_left(body_nos, no)].text, None)
        lines: list[_Line] = []
        for pos in near:
            line_no = nos[pos]
            text, rule_id = rows[line_no]
            if (
                rule_id is None
                and first is not None
                and last is not None
                and pos - first >= WIRE_DATELINE_LINES
                and last - pos >= CLOSING_LINES
                and not (pos - first < BYLINE_ALONE_LINES and _is_byline_alone(text))
            ):
                continue  # inside the text, away from its edges: prose, never metadata
            zone: Zone = (
                "body"
                if rule_id is None
                else "title"
                if rule_id == "meta.title"
                else "header"
                if start is None or line_no < start
                else "footer"
                if end is not None and line_no > end
                else "body"
            )
            text = text.strip()
            distance = min([abs(pos - a) for a in anchors])
            lines.append(
                _Line(line_no, text[:LINE_HEAD_CHARS], text[-LINE_TAIL_CHARS:], zone, rule_id, pos, distance)
            )
        menu = frozenset(
            r.text.strip()
            for r in cleaned.removed
            if title_no is not None
            and r.line_no < title_no
            and r.rule_id == "structure.header"
            and len(r.text.strip()) <= MENU_ITEM_CHARS
        )
        return cls(lines, title, first, last, _dump_first_line(cleaned), menu)

    def dates(self, line: _Line) -> list[DateFound]:
        """``find_dates`` of the line's text, worked out once."""
        found = self._dates.get(line.pos)
        if found is None:
            found = self._dates[line.pos] = find_dates(line.text) if _MAY_DATE.search(line.text) else []
        return found

    def above(self, line: _Line) -> _Line | None:
        """The line right above ``line`` on the page, when it is near an anchor too."""
        return next((other for other in self.lines if other.pos == line.pos - 1), None)

    def before(self, index: int) -> _Line | None:
        """The line right before ``self.lines[index]`` on the page, when it is near an anchor too."""
        if index > 0 and self.lines[index - 1].pos == self.lines[index].pos - 1:
            return self.lines[index - 1]
        return None

    def after(self, index: int) -> _Line | None:
        """The line right after ``self.lines[index]`` on the page, when it is near an anchor too."""
        if index + 1 < len(self.lines) and self.lines[index + 1].pos == self.lines[index].pos + 1:
            return self.lines[index + 1]
        return None

    def split_date(self, index: int) -> str | None:
        """A date printed over lines of its own, starting at ``self.lines[index]`` (a year alone,
        month and day alone, the time alone or not), as one text (2019 / 09/07 / 19:02 -> 2019年09月07日
        19:02), or None."""
        text = self.lines[index].text
        if not _YEAR_ALONE.fullmatch(text):
            # A day alone over its clock alone (a press release's 2025年5月16日（星期五） /
            # 香港時間16時30分): the two as one.
            if text[:1].isdigit() and _DAY_ALONE.fullmatch(text):
                clock = self.after(index)
                if clock is not None and _CLOCK_ALONE.fullmatch(clock.text):
                    return f"{text} {clock.text}"
            return None
        day = self.after(index)
        month_day = None if day is None else _MONTH_DAY_ALONE.fullmatch(day.text)
        if month_day is None:
            return None
        counted = self.before(index)
        if counted is not None and _COUNTER_WORD.search(counted.text):
            return None  # 浏览 / 2016 / 03/05 18:22: a counter's figure, not a year (the review's page)
        month, day_of_month = re.findall(r"\d+", month_day.group())[:2]
        if "/" in month_day.group() and any(
            _DAY_FIRST_SLASHES.search(line.text) for line in self.lines if line.rule_id is not None
        ):
            # 2024 / 05/03 09:15 on a site whose other dates print the day first (28/02/2024): 5 March
            # (the nineteenth review's page)
            month, day_of_month = day_of_month, month
        text = f"{self.lines[index].text.rstrip('年 ')}年{month}月{day_of_month}日"
        if month_day["time"] is not None:
            return f"{text} {month_day['time']}"
        time = self.after(index + 1)
        return f"{text} {time.text}" if time is not None and _TIME_ALONE.fullmatch(time.text) else text


# --- published_at ---------------------------------------------------------------------------------

# Label words before a date, with what each adds to its score. A publication label outranks an
# update label; 发文日期 (a notice's signing date) is a fallback only.
_UPDATED = r"更新|修订|修訂|修改"
_DATE_WORD = r"时间|時間|日期|于|於"  # what follows 发布 / 更新 in a label: 发布时间, 更新于
PUBLICATION_LABEL_BONUS = 4.0
_DATE_LABELS: tuple[tuple[re.Pattern[str], float], ...] = (
    # A citation's dates: when a source was archived or read (（原始内容存档于2023-03-20）).
    (re.compile(r"(?:存档|存檔|访问|訪問|检索|檢索|引用)(?:日期|时间|時間|于|於)\s*[:：]?\s*$"), -6.0),
    (re.compile(r"(?:发文|發文|成文|印发|印發)(?:日期|时间|時間)\s*[:：]?\s*$"), -1.0),
    # An update time is the date only where the page shows no other (最后更新 beside the publication time).
    # (A slash may part a label from its date: 发布 / 2024年6月3日 5:10 PM, 更新 / … on a Singapore site;
    # or a bar, 發布時間｜2023.10.17 14:03 / 更新時間｜…, a Taiwan magazine's, set AW.)
    (re.compile(rf"(?:{_UPDATED})(?:{_DATE_WORD})?\s*[:：/／|｜丨]?\s*$"), -1.5),
    (
        re.compile(
            rf"(?:发布|發布|发表|發表|发稿|發稿|刊发|刊發|出版|首发|首發)(?:{_DATE_WORD})?\s*[:：/／]?\s*$"
            # (a bar only after a post's own word: 出版日期｜2023.09.26 is a reviewed book's, the
            # twenty-fourth review's page)
            rf"|(?:发布|發布|發佈|发表|發表)(?:{_DATE_WORD})?\s*[|｜丨]\s*$"
        ),
        PUBLICATION_LABEL_BONUS,
    ),
    (re.compile(r"(?:时间|時間|日期|posted\s*@|published|于|於)\s*[:：]?\s*$", re.I), 3.0),
)
# An event's time (报告时间：2024年10月17日 15:00 in a lecture's notice, 直播时间：… over a press
# conference's live text): when it happens, not when the page was published, even where the page
# shows no other date (活动时间：… on an event platform's page, set P: its last resort took it). Only
# on the page's own row, beside its 来源 or its writer, is it a candidate, scored down (_date_score).
_EVENT_TIME = re.compile(
    r"(?:报告|報告|活动|活動|会议|會議|报名|報名|考试|考試|开放|開放|截止|开始|開始|举办|舉辦|比赛|比賽|"
    r"培训|培訓|讲座|講座|演出|直播|开幕|開幕|闭幕|閉幕|放映|营业|營業)(?:时间|時間|日期)\s*[:：]?\s*$"
)
_PAGE_CREDIT = re.compile(r"(?:来源|來源|作者|记者|記者|编辑|編輯)\s*[:：]")
_LIVE_TIME = re.compile(r"直播(?:时间|時間)\s*[:：]?\s*$")
LIVE_TIME_LINES = 2
# A live page's headline, its kicker first or its kind last (图文直播｜…, 直播｜…, …全体会议图文直播): not
# a preview's (明天上午9点，县长走进《民生热线》直播间, the twenty-first review's page), whose 直播时间 is
# the broadcast's, to come.
_LIVE_HEADLINE = re.compile(
    r"^\s*(?:图文|圖文|视频|視頻|网络|網絡)?直播\s*[｜|丨:：]|(?:图文|圖文|视频|視頻|网络|網絡)直播\s*$"
)
EVENT_TIME_COST = -3.0
_RANGE_END = re.compile(r"\d\s*(?:~|～|至|到|—|–|-{1,2})\s*$")
# An e-paper's page and its name beside the issue's day (2024年12月03日 第02版 评论): the name is a
# section's (评论, 要闻), not a list's word.
# (A provincial paper pads its page numbers to five digits: 第00003版：要闻, set AN.)
_EPAPER_PAGE = re.compile(r"第\s*[A-Za-z]?\d{1,5}\s*版\s*[:：]?\s*\S{0,8}")
# A date in such a line is never the article's: lists of other articles, comments, copyright.
_NOT_THE_ARTICLES = re.compile(
    # (评论(2) / 评论 0 beside a post's own date counts its comments: not a comment's date.)
    r"推荐|推薦|相关|相關|热门|熱門|排行|上一篇|下一篇|上一條|下一條|(?:评论|評論)(?!\s*[(（]?\s*\d)|回复|回復|网友|網友|"
    r"版权|版權|copyright|©|备案|備案|ICP|访问量|訪問量|今天是|今日是|天气|天氣|往期",
    re.I,
)
# A software version right before a date, the date in brackets or not: when a program was built
# (版本号 3.4.40-1.0.141 (2019-9-5 9:38:01 PM), a QQ video player's debug line, dated the page
# on gne qq_qq, whose dump prints no date of the article).
_BUILD_STAMP = re.compile(r"\d+\.\d+\.\d+[\w.\-]*\s*[(（\[]?\s*$")
BUILD_STAMP_CHARS = 30
# A lunar date with its year's stem and branch: a site's today widget prints it beside or under
# today's date (农历：甲辰年 四月 廿一); an article's text names a lunar day without them (农历腊月初八).
_LUNAR_DATE = re.compile(r"(?:农历|農曆)\s*[:：]?\s*[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年")
# How far from the headline or the text's first or last line metadata may stand (non-blank lines),
# and how far in the future a date may be (a clock a day off) before it is no publication date.
_MAX_DATE_DISTANCE = 12
_FUTURE_DAYS = 2
_DIGIT = re.compile(r"\d")
# What a line holds when it may hold a date: a digit, or 年 (a date in Chinese numerals, 二〇二三年五月六日).
_MAY_DATE = re.compile(r"\d|年")
# A date a layout prints over lines of its own: the year, then month and day, then the time
# (gne qq_qq, a 企鹅号 article's header: 2019 / 09/07 / 19:02). Read as the three joined, on the
# year's line; a year alone over anything else (2019 / 第3期, an archive's 2019 / 12) stays no date.
_YEAR_ALONE = re.compile(r"(?:19|20)\d\d\s*年?")
# A slashed date whose first number can only be a day (28/02/2024): the page prints days first.
_DAY_FIRST_SLASHES = re.compile(r"(?<![\d/])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?![\d/])")
# (…not a counter's figure under its word: 浏览 / 2016 / 03/05 18:22, a post that prints no year)
_COUNTER_WORD = re.compile(
    r"^\s*(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問|浏览次数|瀏覽次數|阅读次数|閱讀次數)\s*[:：]?\s*$"
)
# (…the day's line may carry the clock: 2024 / 03/05 18:22:41, a news agency's article header, set AJ)
_MONTH_DAY_ALONE = re.compile(r"\d{1,2}\s*[/\-.月]\s*\d{1,2}\s*日?(?:\s+(?P<time>\d{1,2}:\d\d(?::\d\d)?))?")
_TIME_ALONE = re.compile(r"\d{1,2}:\d\d(?::\d\d)?")
_DAY_ALONE = re.compile(
    rf"(?:19|20)\d{{2}}\s*[年\-/.]\s*\d{{1,2}}\s*[月\-/.]\s*\d{{1,2}}\s*日?\s*(?:{WEEKDAY_PATTERN})?"
)
_CLOCK_ALONE = re.compile(
    rf"(?:{CLOCK_ZONE})?\s*(?:\d{{1,2}}:\d\d(?::\d\d)?|\d{{1,2}}\s*[时時点點]\s*\d{{1,2}}\s*分)"
)


@dataclass(frozen=True)
class _DateCandidate:
    found: DateFound
    score: float
    source: str
    index: int = -1  # its line's place in page.lines


# How far from an anchor a day and time without a year may stand, over the text, to lend the chosen
# day its time (under the text a related item's 05-11 18:00 is another article's).
YEARLESS_DISTANCE = 4
YEARLESS_OUTLET_LINES = 2  # (an outlet before a yearless day and clock: _date_neighbours)
MENU_ITEM_CHARS = 8  # (a header's line this short is a menu's item: _Page.menu)
# A publication time on the line under its day (發布日期：113-05-21 / 發布時間：下午 03:18).
_CLOCK_LINE = re.compile(
    r"(?:(?:发布|發布|發佈)?(?:时间|時間)\s*[:：]\s*)?(?P<half>上午|下午|AM|PM|am|pm)?\s*"
    r"(?P<hour>[01]?\d|2[0-3])\s*[:：]\s*(?P<minute>[0-5]\d)(?:\s*[:：]\s*(?P<second>[0-5]\d))?"
    r"\s*(?P<after>AM|PM|am|pm)?"
    # (…or in words after its zone: 香港時間18時30分 under a Hong Kong release's closing day, set AX)
    # (…its half of the day before the hour: 香港時間下午6時30分, the twenty-fourth review's page)
    r"|(?:香港|澳門|澳门|北京|臺北|台北)?(?:时间|時間)\s*(?P<word_half>上午|下午)?\s*"
    r"(?P<word_hour>[01]?\d|2[0-3])\s*[时時]\s*(?P<word_minute>[0-5]?\d)\s*分"
)


def _with_its_clock(
    page: _Page, best: _DateCandidate, declared: list[tuple[str, DateFound]], yearless: list[DateFound]
) -> DateFound:
    """The chosen date, to the minute where the page gives its time apart from its day: the markup's
    (``_more_precise``), the line under it (a time label's line), or a date near the headline that
    lacks only the year (05-11 09:13 over a print edition's 2024年5月11日)."""
    found = _more_precise(best.found, declared)
    if found.precision != "day":
        return found
    # (…or under the same day printed again: a Hong Kong release's day over 香港時間18時30分 under its
    # text, the day alone under its headline, set AX)
    again = [
        index
        for index, line in enumerate(page.lines)
        if index != best.index
        and any(d.precision == "day" and d.local == found.local for d in page.dates(line))
    ]
    for index in [best.index, *again] if best.index >= 0 else again:
        below = page.after(index)
        if below is None or len(below.text) > 30 or page.dates(below):
            continue
        clock = _CLOCK_LINE.fullmatch(below.text.strip())
        # (under the same day printed again, only a zone's clock in words, 香港時間18時30分: a related
        # box's 09:00, a notice's 时间：14:30 or a live page's 08:10 under a sentence with the day are
        # another time's, the twenty-fourth review's pages)
        if clock is None or (index != best.index and clock["word_hour"] is None):
            continue
        if clock["word_hour"] is not None:
            hour = clock_hour(int(clock["word_hour"]), clock["word_half"] or "")
            minute, second = int(clock["word_minute"]), None
        else:
            hour = clock_hour(int(clock["hour"]), clock["half"] or clock["after"] or "")
            minute, second = int(clock["minute"]), clock["second"]
        precision: Precision = "second" if second else "minute"
        local = found.local.replace(hour=hour, minute=minute, second=int(second or 0))
        return DateFound(found.start, found.end, local, precision, True)
    day = (found.local.month, found.local.day)
    for other in yearless:
        if (other.local.month, other.local.day) == day:
            timed = other.with_year(found.local.year)
            if timed is not None:
                return timed
    return found


def _date_score(page: _Page, line: _Line, found: DateFound, following: _Line | None = None) -> float | None:
    """How much a date printed in a line says "this is when the article was published" (``following``:
    the page's next line, when it is near an anchor too)."""
    distance = line.distance
    if line.zone == "body":
        # Inside the article only its first lines may carry the date (a dateline: 2024年2月29日,…);
        # a date in its prose is what the article reports. Its last line may be a notice's signing
        # day under the signatory (铜仁市人民政府 / 2024年2月26日), as a date under the text.
        if line.pos == page.last and _signs_the_text(page, line):
            score = 2.5
        elif page.first is None or line.pos - page.first >= FIRST_LINES_FOR_DATELINE:
            return None
        else:
            score = 1.0
    elif line.zone == "header":
        after_title = page.title is not None and line.pos > page.title
        score = 6.0 if after_title else 4.0
    elif line.zone == "title":
        score = 5.0
    else:  # footer: a government page's 发布日期 under the text, a blog's "posted @"
        score = 2.5
    before = line.text[: found.start]
    if _RANGE_END.search(before):
        # The end of a range (活动时间：2024.10.26 09:00 ~ 2024.10.26 12:00, set P) is read with its
        # start's label.
        earlier = [d for d in find_dates(before) if d.end <= found.start]
        if earlier:
            before = line.text[: earlier[-1].start]
    if _BUILD_STAMP.search(before[-BUILD_STAMP_CHARS:]):
        return None  # a program's version and build date (a video player's debug line), not the article's
    event = _EVENT_TIME.search(before[-12:]) is not None
    if (
        event
        and _PAGE_CREDIT.search(line.text) is None
        # (…nor a live-text page's 直播时间：… on its own line right under the headline, its only time
        # of its own, set AQ's two county live pages: scored down as the row's above)
        and not (
            line.zone == "header"
            and page.title is not None
            and 0 < line.pos - page.title <= LIVE_TIME_LINES
            and _LIVE_TIME.search(before[-12:]) is not None
            and _live_page(page)
        )
    ):
        return None
    # (…but on the page's own row, with its 来源 or its writer: 直播时间：… 来源：市政府新闻办, a live
    # text's only date, the fourteenth review's page; scored down, as before)
    label_bonus = (
        EVENT_TIME_COST
        if event
        else next((bonus for pattern, bonus in _DATE_LABELS if pattern.search(before[-12:])), 0.0)
    )
    # What stands beside the date: the whole of a short line, 20 characters each side in a long one;
    # after a publication label only what comes before it (发布时间：2024-10-14 09:05 访问量：386: the
    # label vouches for its date, and the counter after it is the page's own).
    near = line.text if len(line.text) <= 60 else line.text[max(0, found.start - 20) : found.end + 20]
    if label_bonus == PUBLICATION_LABEL_BONUS:
        near = before[-60:]  # (热门文章：…通知 发布时间：2024-01-20 is a list's item all the same)
    elif "版" in near:
        near = _EPAPER_PAGE.sub("", near)
    if _NOT_THE_ARTICLES.search(near) or _LUNAR_DATE.search(near):
        score -= 6.0
    elif following is not None and _LUNAR_DATE.match(following.text):
        score -= 6.0  # today's date, the lunar one under it (2024年05月28日 / 农历：甲辰年 四月 廿一)
    score += label_bonus
    # A short line is a metadata line, and a date at the start of a line is a dateline (2024年2月29日,
    # 永定公安召开…); a date deep in a long line is one that a sentence happens to hold.
    if found.start > 40 and len(line.text) - (found.end - found.start) > 60:
        score -= 2.0
    score -= 0.25 * distance
    score += {"day": 0.0, "minute": 1.0, "second": 1.2}[found.precision]
    return score


def _live_page(page: _Page) -> bool:
    """Whether the page's headline is a live page's (_LIVE_HEADLINE)."""
    headline = next((line for line in page.lines if line.zone == "title"), None)
    return headline is not None and _LIVE_HEADLINE.search(headline.text) is not None


def _signs_the_text(page: _Page, line: _Line) -> bool:
    """Whether ``line`` is a signing day alone under a signatory's name (clean.through_signature:
    a day …发布 only under an observatory's or a warning centre's name)."""
    if not is_signing_day(line.text):
        return False
    above = page.above(line)
    return (
        above is not None
        and SIGNATORY.fullmatch(above.text) is not None
        and (
            not line.text.rstrip().endswith(("发布", "發布"))
            or BULLETIN_ISSUER.search(above.text) is not None
        )
    )


def _declared_dates(hints: Mapping[str, str]) -> list[tuple[str, DateFound]]:
    """The dates the markup declares (``date:<name>`` hints, publication names first)."""
    out = []
    keys = [k for k in hints if k.startswith("date:")]
    if hints.get("published_at"):
        keys.append("published_at")  # given by a caller that is not the HTML reader
    for key in keys:
        parsed = parse_declared(hints[key])
        if parsed is not None:
            out.append((key.removeprefix("date:"), parsed))
    return out


# A dateline's day in the text's first lines: （新山5日讯）, （吉隆坡3日讯）, 【本報訊】 has none.
_DATELINE_DAY = re.compile(
    r"[（(【]\s*[\u4e00-\u9fff]{1,12}?(?P<day>3[01]|[12]\d|[1-9])\s*日\s*(?:讯|訊|电|電)\s*[）)】]"
)
DATELINE_DAY_LINES = 2


def _dateline_day(page: _Page) -> int | None:
    """The day the text's dateline names, to read a slashed date that reads either way."""
    if page.first is None:
        return None
    for line in page.lines:
        if line.zone == "body" and 0 <= line.pos - page.first < DATELINE_DAY_LINES:
            found = _DATELINE_DAY.search(line.text[:BYLINE_IN_PROSE_CHARS])
            if found is not None:
                return int(found["day"])
    return None


# What a post's own date row prints beside the date, which no list's item does.
_PAGE_ROW = re.compile(r"阅读|閱讀|浏览|瀏覽|点击|點擊|来源|來源|作者|发布|發布|发表|發表|更新")


def _published(
    page: _Page, cleaned: CleanedText, hints: Mapping[str, str], now: datetime
) -> tuple[DateFound, str] | None:
    declared = _declared_dates(hints)
    candidates: list[_DateCandidate] = []
    yearless: list[DateFound] = []  # a day and time without a year, near the headline (05-11 09:13)
    dateline_day = _dateline_day(page)
    # A date under a list's heading below the text (相關新聞 / 20/11/2024, 推荐阅读) is an item's:
    # where the page prints none of its own, the page has none (a footer's date scored above 0 and
    # was taken as the last resort: the last round's leftover, tests/test_layouts_sets18.py).
    lists_from = next(
        (
            line.pos
            for line in page.lines
            if line.rule_id == RELATED_RULE and page.last is not None and line.pos > page.last
        ),
        None,
    )
    for index, line in enumerate(page.lines):
        if lists_from is not None and line.pos > lists_from and _PAGE_ROW.search(line.text) is None:
            continue  # (…but a row with the page's own counter or label is the post's own: 2024-06-03
            # 16:20  阅读 356 under a 相关推荐 box, the eighteenth review's page)
        split = page.split_date(index)
        if split is None and (cell := _date_cell(page, index)) is not None:
            split = cell  # 生成日期： / 2023-01-11: a table's label cell over its value, read as one line
        if split is not None:
            line = replace(line, text=split)  # scored as a date line where its year stands
        dates = find_dates(split) if split is not None else page.dates(line)
        if dateline_day is not None and "/" in line.text:
            # 发布: 05/08/2024 下午9:15 over （新山5日讯）: the reading whose day the dateline names.
            # (Not where the other reading's day is the dateline's next: a morning post of the
            # evening's news, 09/08/2024 over （新山8日讯）, is 9 August: the twelfth review's page.)
            dates = dates + [
                reading
                for pair in slashed_readings(line.text)
                for reading, other in (pair, pair[::-1])
                if reading.local.day == dateline_day
                and other.local.day not in (dateline_day, dateline_day + 1)
            ]
        for found in dates:
            if not found.has_year:
                # 发布时间：10-08 12:00: the year is the declared date's, when its day is this one.
                match = next(
                    (
                        d
                        for _, d in declared
                        if (d.local.month, d.local.day) == (found.local.month, found.local.day)
                    ),
                    None,
                )
                completed = found.with_year(match.local.year) if match else None
                if completed is None:
                    if (
                        found.precision != "day"
                        and line.zone == "header"
                        and line.distance <= YEARLESS_DISTANCE
                    ):
                        yearless.append(found)
                    continue
                found = completed
            if (found.local - now).days >= _FUTURE_DAYS:
                continue
            score = _date_score(page, line, found, page.after(index))
            if score is not None:
                candidates.append(_DateCandidate(found, score, f"line {line.line_no}", index))
    best = max(candidates, key=lambda c: c.score, default=None)
    # The label values cleaning found (发布时间：… on a line of labels, a date line under the
    # headline) are where they were found: the same dates, already among the candidates above.
    if best is not None and best.score >= 3.0:
        return _with_its_clock(page, best, declared, yearless), best.source
    if declared:
        name, value = declared[0]
        return value, f"meta {name}"
    # (…above the text only: a 数字版 widget under a report, 2024年06月12日 / 第A01版：头版, is the
    # paper's today, not the report's, the nineteenth review's page; above it, the issue's day beats a
    # weak date near the article, the previous issue's link 11月20日 on the same review's page)
    issue = _issue_day(cleaned)
    if issue is not None:
        return issue
    far = _far_labelled_date(cleaned)
    if far is not None:
        return far
    if best is not None and best.score > 0:
        return _with_its_clock(page, best, declared, yearless), best.source
    # The notice block's signing date (发文日期), read by cleaning, as the last resort.
    for text in cleaned.fields.get("issued_at", []):
        dates = [d for d in find_dates(text) if d.has_year]
        if dates:
            return dates[0], "label issued_at"
    return None


# A publication or update label right before its date, on a removed line anywhere in the page: the
# page's own date when nothing near the article dates it (a wiki's 本页面最后修订于2024年4月28日 at
# the foot of a long page, hundreds of lines from the headline).
_FAR_DATE_LABEL = re.compile(rf"(?:发布|發布|发表|發表|{_UPDATED})(?:{_DATE_WORD})\s*[:：]?\s*$")


def _far_labelled_date(cleaned: CleanedText) -> tuple[DateFound, str] | None:
    for removed in cleaned.removed:
        # Such a line is short; a long one is a paragraph that dates something else.
        if (
            removed.rule_id == "blank"
            or len(removed.text) > LONG_LINE_CHARS
            or not _MAY_DATE.search(removed.text)
        ):
            continue
        for found in find_dates(removed.text):
            before = removed.text[: found.start]
            if (
                found.has_year
                and _FAR_DATE_LABEL.search(before[-12:])
                and not _NOT_THE_ARTICLES.search(before)
            ):
                return found, f"line {removed.line_no}"
    return None


# An e-paper's page line, alone under the issue's day (2023年11月21日 星期二 / 第03版：要闻, a city
# paper's digital edition, set AJ): that day is the article's, however far the masthead stands from
# the headline (the edition's page list sits between them).
ISSUE_DAY_CHARS = 24
_EPAPER_TITLE = re.compile(r"数字报|數字報|电子报|電子報|电子版|電子版|数字版|數字版|數位版")


def _date_cell(page: _Page, index: int) -> str | None:
    """A date alone on its line under its label's cell, a time's or a day's label alone (set AO's 信息公开
    header printed cell by cell: 生成日期： / 2023-01-11), as the label and the date on one line; or
    None."""
    line = page.lines[index]
    if not line.text[:1].isdigit() or len(line.text) > DATE_CELL_CHARS:
        return None
    label = page.before(index)
    if label is None or not TIME_LABEL.fullmatch(label.text):
        return None
    return f"{label.text.strip()}{line.text.strip()}"


DATE_CELL_CHARS = 24


def _issue_day(cleaned: CleanedText) -> tuple[DateFound, str] | None:
    """The issue's day over an e-paper's page line (_EPAPER_PAGE alone on its line) above the text,
    where nothing near the article dates it surely."""
    text_starts = cleaned.body[0].line_no if cleaned.body else None
    # (…or under it on a page titled as an e-paper's, which prints its day and page line there: the
    # twentieth review's page)
    title = _dump_first_line(cleaned)
    epaper = title is not None and _EPAPER_TITLE.search(title) is not None
    for above, removed in pairwise(cleaned.removed):
        if text_starts is not None and removed.line_no > text_starts and not epaper:
            break
        if above.line_no != removed.line_no - 1 or not _EPAPER_PAGE.fullmatch(removed.text.strip()):
            continue
        day = above.text
        if len(day) > ISSUE_DAY_CHARS or _NOT_THE_ARTICLES.search(day):
            continue
        dates = [found for found in find_dates(day) if found.has_year and found.start <= 1]
        if dates:
            return dates[0], f"line {above.line_no}"
    return None


def _dump_first_line(cleaned: CleanedText) -> str | None:
    """The dump's first line, the page's <title>, when cleaning removed it (it is no text's)."""
    removed = cleaned.removed
    return removed[0].text if removed and removed[0].line_no == 1 else None


def _more_precise(found: DateFound, declared: list[tuple[str, DateFound]]) -> DateFound:
    """The printed date, with the declared time when the markup gives the same day more precisely."""
    if found.precision != "day":
        return found
    for _, value in declared:
        if value.local.date() == found.local.date() and value.precision != "day":
            return DateFound(found.start, found.end, value.local, value.precision, True)
    return found


# --- author and publisher -------------------------------------------------------------------------

_AUTHOR_ROLE = (
    # (融媒体 / 全媒体: a county media centre's reporters, 融媒体通讯员 田冬.)
    r"(?:本报|本報|本台|本刊|本网|本網|特约|特約|见习|見習|实习|實習|首席|资深|資深|融媒体|融媒體|全媒体|全媒體|"
    r"驻[\u4e00-\u9fff]{1,4}|駐[\u4e00-\u9fff]{1,4})?"
    r"(?:记者|記者|通讯员|通訊員|评论员|評論員|撰稿人|作者)"
)
# A byline's label: the role, or 文/撰文/采写/编译/执笔 with a separator after it.
_BYLINE_LABEL = re.compile(
    # A role word needs no boundary before it (澎湃新闻记者 段彦超, 职工通讯员 李琴雯, 网作者：李在山);
    # 文 / 撰文 / 采写 / 编译 / 执笔 stand at a boundary, and 文 only with a separator after it (文/王五).
    # (The role's prefix, 本报 / 特约 / 驻京…, is not needed to find the names after it: the role
    # words alone keep the pattern fast, a literal alternation re scans for.)
    # (解读人: who explains a policy, the writer of a 政策解读; a slash may part two labels, 采访/撰文.)
    # (作者 glued after a word needs its separator: 网作者：李在山, 原创作者：李明, 创作者：王岚, but
    # 党务工作者进行了表彰 and 是作者历时八年 are a sentence's, set AI's pages.)
    # (特约撰稿 before a name, a film site's contributor: 时光网特约撰稿 沈一舟, set AB)
    # (特派员 likewise, a paper's correspondent posted away: 早报驻上海特派员 于伟豪 报道, set AN; only
    # after a medium's word, _byline_names: 科技特派员 and 驻村特派员 in captions are posts, the
    # twentieth review's pages)
    r"(?P<label>记者|記者|通讯员|通訊員|评论员|評論員|特派员|特派員|撰稿人|特约撰稿|特約撰稿|(?<![\u4e00-\u9fff])作者"
    r"|(?<![工合])作者(?=\s{0,3}[/／丨|｜:：\s])|解读人|解讀人|(?:(?:^|(?<=[\s(（【\[|｜丨:：。，,/／]))"
    # (文/图, one label for words and pictures, before 文 with its separator, which would take its 文.)
    # (撰稿 and 文字 likewise: 撰稿：黄思远 in a credits line, 文字：梁晓峰 under a police account's post.)
    # (报道： likewise, as Malaysian and Singaporean papers label the writer: 报道：曾慧敏 摄影：颜伟强.)
    r"(?:文/图|文／图|文/圖|文／圖|(?:图文|圖文|文字|文|撰文|撰稿|采写|採寫|编译|編譯|执笔|執筆|整理|报道|報道|報導)"
    r"(?=\s{0,3}[/／丨|｜:：])"
    r"|撰文|采写|採寫|执笔|執筆)))"
    r"\s{0,3}[/／丨|｜:：]?\s{0,3}"
)
# A paper's or a station's word before its correspondent's role, posted somewhere or not (早报驻上海).
_ENVOY_OF_A_MEDIUM = re.compile(r"[报報社台网網](?:驻[\u4e00-\u9fff]{1,3})?$")
# What a reporter did, right after the role word: 记者获悉 / 记者从…了解到 is a sentence, not a byline.
_REPORTER_VERB = re.compile(
    r"^(?:获悉|獲悉|了解|注意到|发现|發現|看到|采访|採訪|获知|獲知|得知|从|從|近日|日前|昨日|今日|昨天|今天|"
    r"调查|調查|走访|走訪|来到|來到|随后|隨後|同时|同時|表示|在|对|對|向|实地|實地|独家|獨家|一行|们|們|"
    # …the role word inside a sentence: 原作者的家人, 版权归原作者所有, 记者会上说, 作者本人
    r"的|會|会|所有|本人|站|证|證|节|節|招待|说|說|称|稱|提问|提問|问|問|并|並|授权|授權|同意|许可|許可)"
)
# What may not be read as part of a name: another label, a date, punctuation that ends a byline.
_BYLINE_END = re.compile(
    # (编辑部 is the editorial office, 文/编辑部 钟晴, set AI's publisher: no editor's label)
    r"\s*(?:[，。；;！!？?\"“”（）()【】\[\]|｜丨]|\d|来源|來源|编辑(?!部)|編輯(?!部)|责编|責編|摄影|攝影|摄|攝|"
    # (图 as a credit, 张三 图 / 张三/图 / 张三图文, never inside a name: 巴图孟和, set O's, nor at the end
    # of one, 记者 李宏图 通讯员 刘芳, the thirteenth review's.)
    # (…and before a slash: 文/李明图/王涛, the fourteenth review's)
    r"报道|報道|报导|報導|发自|發自|(?:(?<=[\s/／|｜丨])(?:图|圖)|图片|圖片|图文|圖文)(?![\u4e00-\u9fff])|(?:图|圖)(?=\s*[/／])|"
    r"原标题|原標題|校对|校對|审核|審核|"
    # (…and 更新时间, an old CMS's next label: 作者：招生办　更新时间：…, set AU)
    r"时间|時間|发布|發布|发表|發表|发帖|發帖|(?<![\u4e00-\u9fff])更新(?=时间|時間|日期)|$)"
)
_REPORTED = re.compile(r"报道|報道|报导|報導")
_GLUED_EDITOR = re.compile(r"编辑|編輯")
_WORDS_AND_PICTURES = ("文/", "文／")  # …before 图 / 圖: 文/图 after the names
_PHOTO_CREDIT = re.compile(r"\s*(?:摄影|攝影|摄|攝|供图|供圖|图|圖)\s*(?:$|[\s/／|｜丨)）】\]，。,])")
# A photographer's label and name after the writer's (文/王五 图/赵六); 王五 图/新华社 credits an agency.
# (…or a space for its separator: 记者 殷澄　摄影 柯一帆, set R's sports feature)
# (a bare 图 only with its separator: 记者 李宏图 通讯员 刘芳 ends a name in 图, the thirteenth review's)
_PHOTO_LABEL = re.compile(
    r"\s*(?:(?:摄影|攝影|图片|圖片)\s*(?:[/／:：]|\s)|(?:图|圖)\s*[/／:：])\s*(?P<name>[\u4e00-\u9fff·]{2,8})"
    # (…an outlet's photographer, 摄影/汽车之家 王博: a person, not the agency alone)
    r"(?P<person>\s+[\u4e00-\u9fff·]{2,4}(?![\u4e00-\u9fff]))?"
)
# (A transliterated name, Uyghur or foreign, runs longer with its dots: 阿不都·热合曼.)
_NAME = re.compile(
    r"[\u3400-\u9fff·]{2,5}|[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8}){1,3}"
    r"|[A-Za-z][A-Za-z .\-]{1,30}[A-Za-z]"
    # (…or a pen name of a word and a letter: 文/老K（懂球帝专栏作者）, set AB's columnist)
    r"|[\u4e00-\u9fff]{1,3}[A-Z]"
)
# Words that follow names in a byline and are not names: what the person did.
_ROLE_SUFFIX = re.compile(
    r"(?:整合|整理|编译|編譯|综合|綜合|报道|報道|报导|報導|摄|攝|采写|採寫|撰写|撰寫|供稿|翻译|翻譯)$"
)
# A provincial paper's network of county correspondents and the county, before its writer's name
# (共享联盟·安吉 钱晓峰, set AN's e-paper): no person.
_NETWORK_TAG = re.compile(r"[\u4e00-\u9fff]{2,8}(?:联盟|聯盟|融媒|融媒体|融媒體)·[\u4e00-\u9fff]{2,6}")
# A value that names an outlet or an organisation, not a person.
_OUTLET = re.compile(
    r"(?:网|網|报|報|社|台|刊|新闻|新聞|客户端|客戶端|频道|頻道|中心|传媒|傳媒|杂志|雜誌|日报|日報|"
    r"晚报|晚報|时报|時報|周刊|週刊|出版社|集团|集團|公司|委员会|委員會|办公室|辦公室|党支部|黨支部|"
    r"局|厅|廳|部|院|学会|學會|协会|協會|政府|大学|大學|学院|學院|医院|醫院|科技|财经|財經|之家|媒体|媒體|"
    r"网络版|網絡版|电子版|電子版|融媒|融媒体|融媒體)$"
)
# A medium's name (新京报, 某某融媒, 某某新闻网): what a byline label may name instead of a writer.
_MEDIA_OUTLET = re.compile(
    r"(?:网|網|报|報|社|台|刊|新闻|新聞|客户端|客戶端|频道|頻道|传媒|傳媒|杂志|雜誌|周刊|週刊|媒体|媒體|财经|財經|科技|之家|"
    r"网络版|網絡版|电子版|電子版|融媒|融媒体|融媒體)$"
)
# A public body's short name, as its site and its account print it (澧溪公安, 霁州妇联: set O's WeChat
# post and mobile pages): no person, and no outlet either (作者：某某县妇联 names neither writer nor
# source, the layouts' convention).
# (A place's name and the word, nothing between: 老冷聊气象 and 老司机小交警 are persons' accounts, the
# thirteenth review's pages.)
_PUBLIC_BODY = re.compile(rf"(?!.*[聊说說谈談看小老])[\u4e00-\u9fff]{{2,6}}(?:{PUBLIC_BODY_WORDS})")
_ENDS_AS_PUBLIC_BODY = re.compile(rf"(?:{PUBLIC_BODY_WORDS})$")
# A person's account talks about its subject (老冷聊气象, 张老师说小学): no body's name.
_TALKS = re.compile(r"[聊说說谈談讲講]|老师|老師")


def _body_beside_date(token: str) -> bool:
    """``names_a_body``, but not a person's account named after its subject, and a short name ending
    as a public body's (…气象, …交警, …税务) only as _PUBLIC_BODY reads it: 老冷聊气象, 老司机小交警,
    小刘聊税务 and 张老师说小学 are persons' accounts, their authors (the thirteenth review's and the
    twenty-first's pages); 南京海关 and 泠源县实验中学 stay bodies."""
    if not names_a_body(token) or _TALKS.search(token):
        return False
    return _ENDS_AS_PUBLIC_BODY.search(token) is None or _PUBLIC_BODY.fullmatch(token) is not None


_NOT_A_NAME = frozenset(
    {"未知", "佚名", "不详", "不詳", "匿名", "网络", "網絡", "网络整理", "網絡整理", "本站", "本網", "本网",
     "管理员", "管理員", "admin", "原创", "原創", "整理", "综合", "綜合", "小编", "小編", "转载", "轉載",
     "实习", "實習", "实习生", "實習生", "见习", "見習",  # 责任编辑：张三（实习）: the editor's status
     "综合报道", "綜合報導", "綜合報道", "综合报导",  # a desk's word alone in the byline slot (set AW)
     "朋友", "朋友们", "朋友們",  # 各位记者朋友，…: a salutation's words, no byline
     # 本报讯 记者彭心远 近日，…: the first sentence's time word after a byline glued to it (set L)
     "近日", "日前", "昨日", "昨天", "今日", "今天", "近期", "连日", "連日", "当天", "當天", "当日", "當日",
     # 2024-07-25 | 公告: the column's or the document's kind beside the date, no account (set U's bank)
     "公告", "通告", "通知", "公示", "通报", "通報", "动态", "動態", "要闻", "要聞", "资讯", "資訊",
     # 楼主 marks a forum's first post, 网友留言 a message board's (set X): no names
     "楼主", "樓主", "网友留言", "網友留言",
     # kin after a name in a lineage (第一代：芮守义（祖父）) and a ticket's or an event's status (售票中,
     # 已结束) under a headline (set Y)
     "祖父", "祖母", "父亲", "父親", "母亲", "母親", "外公", "外婆", "爷爷", "爺爺", "奶奶", "儿子", "兒子",
     "女儿", "女兒", "丈夫", "妻子",
     "售票中", "已售罄", "报名中", "報名中", "已结束", "已結束", "进行中", "進行中",
     # a review's rating under its headline (a film or book site's five: 力荐 … 很差; 推荐 is a widget word)
     "力荐", "力薦", "还行", "還行", "较差", "較差", "很差"}
)  # fmt: skip
# Words of the widgets a byline label stands beside (作者最新文章, 责任编辑): never part of a name.
_WIDGET_WORD = re.compile(
    r"文章|最新|最近|其他|其它|更多|责任|責任|相关|相關|推荐|推薦|查看|全部|简介|簡介|主页|主頁|关注|關注|"
    r"登录|登錄|评论|評論|阅读|閱讀|分享|热门|熱門|专栏|專欄|订阅|訂閱|首页|首頁|名片|粉丝|粉絲|举报|舉報|"
    r"字号|字號|字体|字體|放大|缩小|縮小|浏览|瀏覽|点击|點擊|次数|次數|收藏|打印|下载|下載|正文|返回|目录|目錄|"
    # (an app's open button over the account's name, 打开 / 晚晚的慢生活, set R: the button whole; an
    # account may be named 打开泷阳, the fourteenth review's)
    r"^(?:打开|打開)(?:APP|App|app|客户端|客戶端)?$"
)
_ROLE_ONLY = re.compile(rf"[\u4e00-\u9fff]{{0,6}}{_AUTHOR_ROLE}")
# A role word glued to the name after it, as papers print a second byline (记者刘洋 通讯员王芳, the
# first name's role read as the label): the name without it.
_ROLE_PREFIX = re.compile(rf"^{_AUTHOR_ROLE}\s*[:：]?\s*(?=[\u4e00-\u9fff·]{{2,4}}$)")
# A bare name in brackets closing the article: （张巨峰）, (李楠), （总台央视记者 奚丹霓 张赛）.
_CLOSING_BYLINE = re.compile(
    rf"[(（]\s*(?:(?:[\u4e00-\u9fff]{{0,6}}{_AUTHOR_ROLE}|文/图|文／圖|文/圖|文|图文|圖文)\s*[/／:：]?\s*)?"
    # (The writers' department may come first: （县农业农村局 郭振宇 付晓岚）; _without_posts drops it.)
    # (…or a short one, 县民宗局; and a transliterated name with its dots: （县民宗局 阿卜杜热合曼·吾买尔）,
    # set O.)
    # (A dotted name only after its department: （甲辰·立秋） dates an essay, the thirteenth review's.)
    r"(?P<names>(?:[\u4e00-\u9fff]{3,12}\s+(?:[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3}|[\u4e00-\u9fff·]{2,4})"
    r"|[\u4e00-\u9fff·]{2,4})"
    r"(?:[\s、,，](?!(?:图文|圖文)\s*[)）])[\u4e00-\u9fff·]{2,4}){0,3})"
    # (…and what the names did after them: （彭涛 文/图）, an old county site's closing, set AU)
    r"(?:\s+(?:文/图|文／图|文/圖|文／圖|图文|圖文))?\s*[)）]\s*$"
)
_PUBLISHER_LABEL = re.compile(
    r"(?:^|(?<=[\s(（【\[|｜丨]))(?:(?:本文|文章|信息|稿件|新闻|新聞)?(?:来源|來源|稿源|出处|出處)(?:于|於)?"
    # A reprint names its source as what it is reprinted from: 本文转载自：…, （转自：人民日报）.
    r"|(?:本文|文章)?(?:转载自|轉載自|转自|轉自))\s*[:：]\s*"
)
# Lines that name another page (下一条：…曝光（第四期）): their closing bracket is that page's.
_ANOTHER_ITEM = frozenset({"chrome.prev_next", RELATED_RULE})
# (…nor a document's state after its name: 附件：…养犬管理条例（草案）, set O's notice.)
_NOT_A_CLOSING_NAME = frozenset(
    {"完", "供稿", "提供", "供图", "供圖", "摄影", "攝影", "草案", "试行", "試行", "暂行", "暫行", "修订",
     "修訂", "修正", "送审稿", "送審稿", "征求意见稿", "徵求意見稿", "节选", "節選", "摘要", "全文",
     "本页完", "本頁完", "全文完", "未完", "待续", "待續", "未完待续", "未完待續"}  # (（本页完）: set R)
)  # fmt: skip
CREDITS_BLOCK_GAP = 2  # lines between two byline labels of one credits block, at most
_PRODUCED_BY = re.compile(r"(?:^|(?<=[\s(（【\[|｜丨]))(?:出品方|出品)\s*[:：|｜丨]\s*")
_BY = re.compile(r"^\s*(?:By|BY|by)\s*[:：]?\s*(?=[\u4e00-\u9fff])")  # (By 诗华日报: _alone_under_headline)
# A Taiwan paper's byline with no role word: a desk first or not, the writer, where it was reported
# (許似蓁 花蓮報導, 生活中心／李明融報導, 綜合報導 / 林佳蓉 桃園報導, set AW).
_REPORTED_BY = re.compile(
    r"\s*(?:[\u4e00-\u9fff]{2,6}\s*[／/]\s*)?(?P<name>[\u4e00-\u9fff]{2,3})"
    rf"(?P<place>[\s／/]+[\u4e00-\u9fff]{{2,3}})?\s*(?:{_REPORTED.pattern})\s*"
)
_CONTRIBUTED_AFTER = re.compile(r"\s*[(（【\[]\s*(?P<unit>[\u4e00-\u9fff]{2,20}?)\s*供稿\s*[)）】\]]\s*")
_CONTRIBUTED_BY = re.compile(r"(?:^|(?<=[\s(（【\[|｜丨]))(?:供稿单位|供稿單位|供稿)\s*[:：]\s*")
# Outside the text a 来源 label may go without its colon: "| 来源CSDN|", "本文来源于国家统计局 2024-…".
# (…a WeChat repost's header, 以下文章来源于长沙反诈 ，作者长沙反诈中心, and a reprint's statement,
# 声明：本文转自网警巡查执法: set AO's police accounts; not after any colon, 封面图：来源于视觉中国 is a
# picture's credit, the nineteenth review's page.)
_PUBLISHER_LABEL_BARE = re.compile(
    r"(?:^|(?<=[\s|｜丨])|(?<=声明[:：])|(?<=聲明[:：])|(?<=^注[:：])|(?<=说明[:：])|(?<=備註[:：])|(?<=备注[:：]))"
    r"(?:(?:以下文章|本文|文章|信息|稿件)?(?:来源|來源|稿源)(?:于|於)?|(?:本文|文章)(?:转自|轉自|转载自|轉載自))"
    r"\s*(?=[A-Za-z0-9\u4e00-\u9fff])"
)
# Where a publisher value ends: a date, another label, a widget beside it.
_PUBLISHER_END = re.compile(
    r"\s*(?:(?:19|20)\d{2}\s*[-/.年]|作者|记者|記者|编辑|編輯|责编|責編|责任编辑|責任編輯|字号|字號|"
    r"阅读|閱讀|浏览|瀏覽|点击|點擊|评论|評論|分享|举报|舉報|选稿|選稿|打印|关闭|關閉|收藏|时间|時間|"
    # (发布 ends the value only as a label's start, 发布时间 / 发布：: a government's account is
    # named X发布, 南湖发布, 上海发布.)
    # (山野经济观察（ID：shanyejingji）: a WeChat account's ID after its name.)
    r"字体|字體|(?:发布|發布)(?=时间|時間|日期|于|於|\s*[:：])|日期|[(（]\s*(?:ID|id|微信号|微信號)\s*[:：]|"
    r"[|｜丨)）【】\]]|$)"
)
_PUBLISHER_EDGES = " \t·•|｜:：-—_，,。"
_NOT_A_PUBLISHER = frozenset(
    # (来源：本站 or 本网 names the site as the source, kept as printed as 来源：本站原创 is: sets AE and
    # AO, and the gne corpus's hospital page)
    {"网络", "網絡", "互联网", "互聯網", "未知", "原创", "原創", "综合", "綜合",
     "外媒", "外電", "外电",  # 来源：外媒, "foreign media": no outlet's name
     "本报", "本報", "本刊", "本台",  # 本报讯: "this paper's news", no outlet's name
     "佚名", "网友", "網友", "转载", "轉載", "转载文章", "轉載文章",
     "发布", "發布", "發佈", "发表", "發表", "更新"}  # 2024-02-28 发布: the date's verb, no outlet
)  # fmt: skip
# A value that starts as a list item or a clock does (1. 什么是差序格局, 06时发布城市天气预报) names
# no outlet; an outlet's name may start with digits (21世纪经济报道, 36氪, 8点1氪, 91.8交通广播: the
# second review's pages).
_NUMBERED = re.compile(r"\d+\s*(?:[.．、)）](?!\d)|[时時点點:：]\s*(?:\d{2}|发布|發布|许|許))")
# A wire dateline's reporters: 新华社北京5月19日电（刘艺、杨吉）, …日電（記者 王五）.
_WIRE_BYLINE = re.compile(
    r"\d{1,2}日[电電]\s*[(（]\s*(?:(?:记者|記者|通讯员|通訊員)\s*)?"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[\s、,，][\u4e00-\u9fff·]{2,4}){0,4})\s*[)）]"
)
# A wire dateline wholly in brackets, as Taiwan's CNA opens a story: （中央社記者林柏宏台北6日電）,
# （中央社台北6日電）. The last reporter's name runs into the place (no separator between them).
_BRACKETED_DATELINE = re.compile(
    r"[(（](?P<outlet>[\u4e00-\u9fff]{1,5}社)(?:(?:記者|记者)(?P<reporters>[\u4e00-\u9fff、]{4,24}?)"
    r"|[\u4e00-\u9fff]{2,4})\d{1,2}日[電电][)）]"
)


def _without_place(reporters: str) -> list[str]:
    """The names of ``reporters``, the place glued to the last one taken off: a Chinese name has most
    often three characters (林柏宏台北 -> 林柏宏; 王明台北 -> 王明; 林柏宏華盛頓 -> 林柏宏)."""
    *names, last = reporters.split("、")
    keep = 2 if len(last) <= 4 else 3
    return [*names, last[:keep]]


# A dateline's outlet inside the text's first line: 湖南法治報訊, 新华社北京4月24日电.
_DATELINE_OUTLET = re.compile(
    # (据新京报快讯… reports another outlet's news: no dateline of this article's; 本网讯, "this site's
    # news", names no outlet, set AE's procuratorate.)
    # An outlet's own ending first (新华社北京…, not 新华 of a place 社北京).
    # (A Hong Kong paper brackets it: 【大公報訊】, 【星港日報專訊】.)
    # (…nor in brackets or with its day, 【本网讯】, 本网1月24日讯, 本站6月6日讯: the twenty-first review's)
    r"^(?!据|據|从|從|经|經|另据|另據)【?(?!本(?:网|網|站)(?:\d{1,2}月\d{1,2}日)?(?:讯|訊))(?P<outlet>[\u4e00-\u9fff]{1,8}?(?:社|网|網|报|報|台|客户端|客戶端)|[\u4e00-\u9fff]{2,10}?)(?:快讯|快訊|专讯|專訊|讯|訊|(?:[\u4e00-\u9fff]{2,6})?\d{1,2}月\d{1,2}日电"
    r"|(?:[\u4e00-\u9fff]{2,6})?\d{1,2}月\d{1,2}日電"
    # …or the day's news of a site: 中国网5月13日讯 (dev 5da9…), 长江网10月4日讯 (gne cjn_1).
    r"|(?:[\u4e00-\u9fff]{2,6})?\d{1,2}月\d{1,2}日(?:讯|訊))"
)


# A person's post or title printed before the name (审核：主任医师 李建国, 作者：…科 主治医师 王海燕),
# and a department before a person's name (作者：宣传科 刘敏, 科研处 陆伟): neither is a name.
_JOB_STATUS = re.compile(r"^(?:实习|實習|见习|見習|执业|執業|专职|專職|兼职|兼職)")
_JOB_TITLE = re.compile(
    r"(?:副|常务|常務)?(?:主任医师|主任醫師|主治医师|主治醫師|医师|醫師|护士长|護士長|主任|教授|讲师|講師|"
    r"研究员|研究員|处长|處長|科长|科長|局长|局長|部长|部長|院长|院長|书记|書記|主席|秘书长|秘書長|老师|老師|"
    # (…and a weather bureau's forecaster, 首席预报员 晏霁明, set O: the post listed, not any word in
    # 员, which self-media accounts end with, 楼市观察员 and 快递员老周, the thirteenth review's)
    r"律师|律師|警官|干事|幹事|工程师|工程師|作家|(?:首席|高级|高級)?(?:预报员|預報員|播音员|播音員)|"
    # (a hospital's pharmacists, nurses and technicians: 作者：药学部　宁书瑶　主管药师, set Y; its
    # dietitians and therapists, 撰文：營養科 林怡君 營養師, set AI)
    r"(?:主管|主任|副主任|注册|註冊|临床|臨床|康复|康復|物理|心理|呼吸|言语|言語)?"
    r"(?:药师|藥師|护师|護師|技师|技師|护理师|護理師|营养师|營養師|治疗师|治療師))"
)
_DEPARTMENT = re.compile(
    # (…a long one too: 成都市公安局交通管理局车辆管理所 beside its day, set AE)
    # (股: a county bureau's section, 作者：基教股, set AU's education bureau; 司, a ministry's
    # department, 作者：综合规划司, set AZ)
    r"[\u4e00-\u9fff]{2,20}(?:[科处處室部办辦组組队隊委系局厅廳站所村镇鎮乡鄉司]|(?<![谈談说說聊讲講看评評炒荐薦选選])股|气象台|氣象台|天文台|政府|中心|学院|學院|医院|醫院|党委|黨委|社区|社區|街道|支部|"
    # (a women's federation, a youth league, a union: 作者：梧源县妇联, a held-out set's page)
    r"妇联|婦聯|团委|團委|工会|工會"
    # (…or a company's branch: 作者：第三工程公司 薛牧之, （岑港银行桐溪支行 苗若汐 阚文）, set U)
    r"|公司|支行|分行|集团|集團"
    # (…or a party's or a committee's: 作者：致公党嵘川市委会 卜雨桐, set V)
    r"|委会|委會|委员会|委員會)"
    # (…or a hospital's department of two characters: 文/图：儿科 聂思雨, set H)
    r"|(?:儿|兒|外|内|內|眼|妇|婦|产|產|骨|皮肤|皮膚|口腔|中医|中醫|急诊|急診|检验|檢驗|放射|麻醉|病理|康复|康復)科"
    # (…or a court's tribunal: 作者：刑二庭 钟岚, set K)
    r"|(?:刑事|民事|行政|刑|民|商事|立案|执行|執行|审判监督|審判監督|少年|环境资源|環境資源|人民)[一二三四五六七八九十]?庭"
)


# An office's short name, its body's first character and 办 (党办 for 党委办公室, 院办, 校办): 党 is a
# surname too, so the two characters would pass for a name (文：党办 郑宇 图：宣传科 朱敏, set AI).
_SHORT_OFFICE = re.compile(r"[党黨院校厂廠局]\s*[办辦]")


def _is_department(piece: str) -> bool:
    return _DEPARTMENT.fullmatch(piece) is not None and not (len(piece) == 3 and piece[0] in COMMON_SURNAMES)


# (A longer one is a whole affiliation, 某某大学经济学院副院长: _long_post drops it before a name,
# _TITLED_AUTHOR reads the name glued to its post.)
FIELD_POST_CHARS = 6


def _field_post(piece: str) -> bool:
    """A post with its field before names (科學主任 李國強): it ends with a post and starts with no
    common surname (王主任 is a person called by the post)."""
    found = _JOB_TITLE.search(piece) if len(piece) <= FIELD_POST_CHARS else None
    return (
        found is not None
        and found.start() > 0
        and found.end() == len(piece)
        and piece[0] not in COMMON_SURNAMES
    )


def _without_posts(pieces: list[str]) -> list[str]:
    """``pieces`` without a title or post (``_JOB_TITLE``), or a department followed by more (作者：
    澄州市气象台 蒋乐川: where the writer works, not a writer). An outlet first stays, and ends the
    names (作者：新华社 新华视点 names the agency, and 新华视点 is its column, the second review's)."""
    return [
        piece
        for i, piece in enumerate(pieces)
        if not _JOB_TITLE.fullmatch(piece)
        and not (i + 1 < len(pieces) and (_is_department(piece) or _field_post(piece) or _long_post(piece)))
    ]


_ENDS_WITH_POST = re.compile(rf"(?:{_JOB_TITLE.pattern})$")


def _long_post(piece: str) -> bool:
    """A post with what it is of, longer than any name (新浪财经意见领袖专栏作家 before 沈砚秋, set P)."""
    return len(piece) > FIELD_POST_CHARS and _ENDS_WITH_POST.search(piece) is not None


def _pieces(value: str) -> list[str]:
    """``value`` split at name separators, a two-character name printed with an alignment space made
    whole again: 王乐文 方 敏 → [王乐文, 方敏] (a newspaper's byline pads 方敏 to 王乐文's width).
    A space between two words of Latin letters is inside one name (责编：Demi Xia, gne ednchina):
    a Chinese credit parts names with a space, a Latin-script name holds one."""
    pieces = [
        p.replace(_LATIN_SPACE, " ")
        for p in _NAME_SEPARATORS.split(_LATIN_NAME_SPACE.sub(_LATIN_SPACE, value))
    ]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if i + 1 < len(pieces) and _ONE_HAN.fullmatch(piece) and _ONE_HAN.fullmatch(pieces[i + 1]):
            out.append(piece + pieces[i + 1])
            i += 2
            continue
        out.append(piece)
        i += 1
    return out


_ONE_HAN = re.compile(r"[\u4e00-\u9fff]")


_CLOSING_UNIT = re.compile(r"\s*[（(][^（()）]{1,30}[）)]\s*")  # (梧源县植保植检站) ending a value


def _a_name_not_a_verb(value: str, verb: str) -> bool:
    """Whether a byline value that opens with a reporter's verb that is also a surname is a name:
    向明轩（梧源县植保植检站） after 作者：, not 记者向市民介绍 (a name's length up to the byline's end)."""
    if verb not in COMMON_SURNAMES:
        return False
    end = _BYLINE_END.search(value)
    head = (value[: end.start()] if end else value).strip()
    rest = value[end.start() :] if end else ""
    # …and nothing after it but white space or a bracket that closes the value (记者向该县3所中学…,
    # 记者向警方（…）求证 are sentences)
    return (
        2 <= len(head) <= 3
        and _NAME.fullmatch(head) is not None
        and (not rest.strip() or rest[:1].isspace() or _CLOSING_UNIT.fullmatch(rest) is not None)
    )


# Each name with its own role after a slash, as papers print credits (祁文/文　戴晴/图, 韦一鸣/文
# 陶然/摄): the writers are those before 文 (文字, or 文图 / 文/图: words and pictures).
_SLASHED_ROLE = re.compile(
    r"(?P<name>[\u4e00-\u9fff·]{2,5})\s*[/／]\s*"
    r"(?P<role>文[/／]?[图圖]|文字|文|摄影|攝影|摄|攝|图片|圖片|图|圖|视频|視頻)(?=[\s、，,]|$)"
)
_SLASHED_ROLES = re.compile(rf"(?:{_SLASHED_ROLE.pattern}[\s、，,]*)+")


def _slashed_writers(value: str) -> list[str] | None:
    """The writers of a credit made only of name/role items, or None when it is not one."""
    if _SLASHED_ROLES.fullmatch(value) is None:
        return None
    # (综合/文 网络/图, 新华社/文 视觉中国/图: a compilation's and an agency's credit, no writer's)
    return [
        name
        for f in _SLASHED_ROLE.finditer(value)
        if f["role"].startswith("文") and (name := f["name"]) not in _NOT_A_NAME and not _is_outlet(name)
    ]


def _glued_label(value: str, pos: int = 0) -> re.Match[str] | None:
    """The first label with its colon glued to the value before it (…陶然编辑：程昊, …周婧阅读：), by
    the rules' own pattern (two characters at least: 文：, 图： are too often a sentence's), of another
    family than the byline's (记者：陆洁 融媒体通讯员：田冬 names a second writer, read through its role
    words)."""
    for found in _RULES.glued_label_pattern.finditer(value, pos):
        if _RULES.label_field["".join(found["label"].split())].field != "author":
            return found
    return None


def _glued_to_a_name(value: str, glued: re.Match[str]) -> bool:
    """Whether the label ``glued`` stands right after a name-sized word (周婧阅读：), not a phrase's
    end (王一凡 转载请注明出处：)."""
    word = re.search(r"[\u4e00-\u9fff·]+$", value[: glued.start()])
    return word is not None and 2 <= len(word.group()) <= 4 and word.group() not in _NOT_A_NAME


# A writer's affiliation in brackets after the name, before the next name (吕知秋（某某研究院社会发展研究
# 所所长）　谢长安（某某大学副教授）, a think tank's byline, set L): not part of the names.
_NAME_AFFILIATION = re.compile(
    r"(?:^|(?<=\s))(?P<name>[\u4e00-\u9fff·]{2,4})[（(][^（()）]{4,40}[)）](?=\s+\S|$)"
)


# Last characters of cities' two-character names (苏州, 南京, 岳阳, 许昌, 江门, 长沙, 镇江, 黄山, 西宁,
# 威海, 太原, 黄石, 金华): a station's name, not a given name, before 台.
_CITY_NAME_ENDS = frozenset("州京阳陽昌门門沙江山宁寧海原石华華")


def _a_name_ending_like_an_outlet(piece: str) -> bool:
    """A surname and a given name whose last character ends outlets' names too (王建社, 陈春台: 建社
    and 春台 are given names), not a province's station (江苏台)."""
    return (
        len(piece) == 3
        and piece[0] in COMMON_SURNAMES
        and piece[-1] in "社台"
        and _PLACE.fullmatch(piece[:2]) is None
        # (nor a city's: 苏州台, 郑州台, 南京台, 金华台, the eighteenth review's bylines)
        and piece[1] not in _CITY_NAME_ENDS
    )


def _an_outlet_not_a_name(piece: str) -> bool:
    """An outlet's or an organisation's name before a person's (网通社, 汽车之家, 澄州大学), not a name
    that ends like one (王建社, 陈春台: a surname and three characters, the seventeenth review's)."""
    return (
        _OUTLET.search(piece) is not None
        and _NAME.fullmatch(piece) is not None
        and not _a_name_ending_like_an_outlet(piece)
    )


def _names_of(value: str) -> list[str]:
    """The person names at the start of a byline value, in order."""
    value = _NAME_AFFILIATION.sub(r"\g<name>", value)
    writers = _slashed_writers(value.strip())
    if writers is not None:
        return writers
    verb = _REPORTER_VERB.match(value)
    if verb is not None and not _a_name_not_a_verb(value, verb.group()):
        return []
    end = _BYLINE_END.search(value)
    if end is not None and value[: end.start()].rstrip().endswith(_WORDS_AND_PICTURES):
        # 华商报记者 马骏 文/图: the names wrote the words and took the pictures.
        value = value[: end.start()].rstrip()[:-2]
        end = _BYLINE_END.search(value)
    if end is not None and _PHOTO_CREDIT.match(value, end.start()):
        label = _PHOTO_LABEL.match(value, end.start())
        if label is None or (_OUTLET.search(label["name"]) and not label["person"]):
            return []  # 新华社记者 李梦馨 摄: who took the pictures, not who wrote the article
        # 文/王五 图/赵六: the photographer's own label after the writer's names, not a suffix of them
    if end is not None and value[end.start() :].lstrip()[:1] in ("“", '"', "《"):
        return []  # 评论员：再驳“…”: a headline's words, not a name
    glued = _glued_label(value)
    if glued is not None and (end is None or glued.start() < end.start()) and _glued_to_a_name(value, glued):
        # 作者：宣传科 周婧阅读：: a template that prints no separator glues the next label to the
        # last name; a label word with its colon ends the names.
        value = value[: glued.start()]
        end = _BYLINE_END.search(value)
    # The next credit's label glued to the last name (韦一鸣 陶然编辑：程昊字号：…), where the template
    # glues its labels all along; else the word glued to 编辑 is an outlet's short name (每经编辑：).
    labelled_next = (
        end is not None
        and value[end.end() : end.end() + 1] in (":", "：")
        and _glued_label(value, end.end() + 1) is not None
    )
    value = value[: end.start()] if end else value
    # (报道：郑佩仪‧摄影：周永康: a Malaysian or Taiwan paper's dot between two credits, not a name's)
    pieces = _without_posts(_pieces(value.strip().rstrip("‧・·").strip()))
    if len(pieces) == 1 and _is_department(pieces[0]):
        return []  # 作者：应急宣教科: a department signs it, no person
    if (
        end is not None
        and _REPORTED.match(end.group())  # no white space before it: glued to the word before
        and pieces
        and (len(pieces) >= 2 or _PLACE.fullmatch(pieces[-1]))
    ):
        # 本报记者 张三 北京报道, 記者王小華／台北報導: the word glued to 报道 is where it was
        # reported from, not a second name (记者 张三 报道 keeps its one name).
        pieces = pieces[:-1]
        # (…and the places listed with it: 记者 刘佳琪 周恒 上海、杭州报道, set AV)
        while len(pieces) >= 2 and f"{pieces[-1]}、" in value and _PLACE.fullmatch(pieces[-1]):
            pieces = pieces[:-1]
    elif end is not None and _GLUED_EDITOR.match(end.group()) and len(pieces) >= 2 and not labelled_next:
        # 每经记者 冉静怡 每经编辑 孙子强: the word glued to the editor's role (no space before it) is
        # the outlet's short name, not a second writer. (A label glued to the last name, 作者：韦一鸣
        # 陶然编辑：程昊, is the next credit: the template printed no separator.)
        pieces = pieces[:-1]
    names: list[str] = []
    for at, piece in enumerate(pieces):
        last = at == len(pieces) - 1  # (by place: the piece is rewritten below, so no identity test)
        piece = _ROLE_PREFIX.sub("", _ROLE_SUFFIX.sub("", piece.strip()))
        titled = _JOB_TITLE.match(piece)
        if titled is not None and 2 <= len(piece) - titled.end() <= 3 and piece[titled.end()] not in "老小阿":
            piece = piece[titled.end() :]  # …副院长、教授王小五: the post glued before the name
        if not piece or piece in _NOT_A_NAME or _ROLE_ONLY.fullmatch(piece):
            continue  # 采写：南都记者 余毅菁: the outlet's role word before the names
        if _JOB_TITLE.fullmatch(_JOB_STATUS.sub("", piece)):
            continue  # 作者：魏子谦 律师 / 实习律师 乔安: a post beside the names
        if _PUBLIC_BODY.fullmatch(piece) or _SHORT_OFFICE.fullmatch(piece):
            continue  # 作者：泠源公安 韩立: the body's short name, then its writer; 文：党办 郑宇
        if not names and not last and _an_outlet_not_a_name(piece):
            continue  # 作者：网通社 孙悦, 文/汽车之家 张驰: the writer's outlet, then the writer
        if "·" in piece and _NETWORK_TAG.fullmatch(piece):
            continue  # …通讯员 陆晨曦 共享联盟·安吉 钱晓峰: a paper's county network, then its writer
        if (
            _NAME.fullmatch(piece) is None
            or (_OUTLET.search(piece) and not _a_name_ending_like_an_outlet(piece))
            or _WIDGET_WORD.search(piece)
            or _NOT_AN_ACCOUNT.search(piece)
        ):
            break
        names.append(piece)
    return names


# In a long line (a paragraph) a byline stands at its start: 新京报快讯（记者 裴剑飞）… — a role word
# further in is the sentence's (…扬子晚报记者采访了原作者的家人).
BYLINE_IN_PROSE_CHARS = 40
WIRE_DATELINE_LINES = 4
CLOSING_LINES = 3  # the text's last lines, where a closing byline or source stands
LONG_LINE_CHARS = 60


# What a line must hold for any rule but the words alone under the headline: a digit, a role or
# label word, a bracket, a slash, 原创, 于 (…于 2024-05-06 发布), 电 (a wire dateline).
# (One character class, which re searches fast: the first characters of those words, 通 of 通讯员,
# 作 of 作者… — a line with none of them holds none of the words.)
_MARK = re.compile(r"[\d(（/／:：于於电電记記通評评撰作文采採编編执執整源出原派]")
# (…or a paper's dispatch mark, 【明報專訊】, 【大公報訊】, whose first paragraph may hold none of the
# others, set AC; not any 讯, 近日我校再传喜讯, the seventeenth review's page)
_DISPATCH = re.compile(r"專訊|专讯|[報报網网社台](?:訊|讯)")
DISPATCH_CHARS = 12
_SOURCE_WORD = re.compile(r"源|出处|出處|转载自|轉載自|转自|轉自")
# A source or byline label alone on its line (a table cell: 信息来源： then 区司法局 on the next line),
# and how short the value's cell is. On both corpora's text dumps the 4 such labels have no value
# after them (作者： over a date, 责任编辑： over a disclaimer or a related headline): no cell is read.
# The rules that remove a line of the two label families (metadata.toml): a cheap test before the
# rules' label pattern says whether the line is the label alone.
_LABEL_ALONE_RULES = frozenset({"meta.source", "credit.author", "credit.editor"})
_LABEL_SEPARATOR = re.compile(r"[:：|｜丨]")
VALUE_CELL_CHARS = 20
# A disclaimer speaks of authors in general (版权归原作者所有，转载请联系原作者并获许可).
_DISCLAIMER = re.compile(
    r"免责声明|免責聲明|版权归|版權歸|转载请|轉載請|仅代表作者|僅代表作者|声明[:：]|聲明[:：]"
)
# A column's note that its pieces are the writers' own views (…专栏文章均为作者个人观点，不代表…, set
# P): a disclaimer where no byline leads the line (文/邹远帆（作者个人观点，…）, the thirteenth review's).
_PERSONAL_VIEW = re.compile(r"作者个人观点|作者個人觀點|作者本人观点|作者本人觀點")


# The first characters of _BYLINE_LABEL's words: a line without one has no label (a character class
# re scans fast, where the label pattern's look-behinds make it try every position).
_LABEL_START = re.compile(r"[记記通评評撰作文采採编編执執整报報解派]")


def _byline_names(text: str) -> list[str]:
    long = len(text) > LONG_LINE_CHARS
    head = text[: BYLINE_IN_PROSE_CHARS + 20] if long else text  # room for the names after a label at 40
    # No label, no names: the disclaimer test is for lines with one (3 % of the lines read on 3,000
    # generated pages; 46 % have a label's first character).
    if _LABEL_START.search(head) is None or _BYLINE_LABEL.search(head) is None or _DISCLAIMER.search(text):
        return []
    if _PERSONAL_VIEW.search(text) and not _BYLINE_LABEL.match(text):
        return []
    text = head
    for found in _BYLINE_LABEL.finditer(text):
        if long and found.start() > BYLINE_IN_PROSE_CHARS:
            break
        if _WORKS_CREDIT.search(text, 0, found.start()):
            continue  # 特等奖：《…》（作者：邵林、…）: a listed work's writers, not the page's (set Y)
        if found["label"].startswith("特派") and not _ENVOY_OF_A_MEDIUM.search(text, 0, found.start()):
            continue  # 科技特派员 刘洋 在大棚里…: a post in a caption, not a paper's correspondent
        names = _names_of(text[found.end() :])
        if names:
            return names
    return []


@dataclass(frozen=True)
class _Candidate:
    value: str
    score: float
    source: str


@dataclass
class _Votes:
    items: list[_Candidate] = field(default_factory=list)

    def add(self, value: str | None, score: float, source: str) -> None:
        if value:
            self.items.append(_Candidate(value, score, source))

    def best(self) -> _Candidate | None:
        return max(self.items, key=lambda c: c.score, default=None)


_TITLE_MARKED = re.compile(r"^《(?P<name>[^《》]{2,20})》$")
# A work's title right before a credit's bracket: what follows credits the work (《…》（作者：…）).
_WORKS_CREDIT = re.compile(
    r"(?:^\s*(?:\d{1,2}\s*[.．、]|[一二三四五六七八九十]、)|[：:、；;])\s*《[^《》]{1,60}》\s*[（(]\s*$"
)


_SENTENCE_BREAK = re.compile(r"[，。；;！!]")


def _publisher_value(raw: str) -> str | None:
    end = _PUBLISHER_END.search(raw)
    value = raw[: end.start()] if end else raw
    value = value.strip().split()[0] if value.strip() else ""
    # (…up to a sentence's comma: 本文转自网络，如有侵权请联系删除, a disclaimer, the review's page)
    value = _SENTENCE_BREAK.split(value, maxsplit=1)[0]
    value = re.sub(r"\[[^\]]*\]$", "", value).strip(_PUBLISHER_EDGES)
    # (来源：《澹城物流》2024年第8期: the publication's name in its title marks, set L; 光明网-《光明日报》
    # and 《黔山行》杂志 keep theirs)
    value = _TITLE_MARKED.sub(r"\g<name>", value)
    # (2024-08-14 07:32·雁城晚报官方账号, 2024-12-02 21:18·城市漫步者阿宁·浙江: a platform's word for the
    # account and the poster's province after the name, set P's 头条号 pages)
    value = _ACCOUNT_WORD.sub("", value)
    # 来自内蒙古自治区: where the poster was (a platform's IP location), not an outlet; 综合抖音黑板报、
    # 南方都市报: what the post was compiled from, not the outlet it comes from.
    if (
        not value
        or value in _NOT_A_PUBLISHER
        or _NUMBERED.match(value)
        or len(value) > 30
        # (来源于网络: "off the net")
        or value.startswith(("来自", "來自", "综合", "綜合", "来源于", "來源於"))
    ):
        return None
    return value


def _edge_lines(page: _Page, cleaned: CleanedText) -> Iterator[tuple[int, _Line]]:
    """(index in page.lines, line) of the lines a byline or a source line can stand on: around the
    headline, after the text, and the text's first and last lines; never the headline itself."""
    title = "".join((cleaned.title or "").split())
    for index, line in enumerate(page.lines):
        if line.zone == "title":
            continue
        if (
            line.zone == "body"
            and not (
                page.first is not None
                and page.last is not None
                and (
                    line.pos - page.first < FIRST_LINES_FOR_DATELINE
                    or page.last - line.pos < CLOSING_LINES
                    # A wire dateline (…5月19日电（刘艺、杨吉）) may follow a widget line or two the
                    # block took in.
                    or (
                        line.pos - page.first < WIRE_DATELINE_LINES
                        and _WIRE_BYLINE.search(line.text[:BYLINE_IN_PROSE_CHARS])
                    )
                    # A byline alone on its line after a summary box (划重点 and its points, then
                    # 《棱镜》作者 周纯).
                    or (line.pos - page.first < BYLINE_ALONE_LINES and _is_byline_alone(line.text))
                )
            )
        ):
            continue
        if title:
            squashed = "".join(line.text.split())
            if (
                title in squashed or (len(squashed) >= 8 and squashed in title)
            ) and not _CREDIT_CLOSES.search(line.text):
                # the headline again (正在浏览：经济日报评论员：再驳…): its words are no byline; unless a
                # writer's credit closes it (《我的外婆》（作者：李想） under 我的外婆, a school's page)
                continue
        yield index, line


_CREDIT_CLOSES = re.compile(r"[（(]\s*(?:作者|文|撰文|撰稿|记者|記者)\s*[:：][^（()）]{1,20}[)）]\s*$")


# How far into the text a line that is only a byline is still the article's byline (the first 4 are
# read anyway: WIRE_DATELINE_LINES). On both corpora's text dumps, 11 lines of this shape stand outside
# the gold bodies, each naming the gold author (or a widget, 作者最新文章, refused below); of the 3
# inside gold bodies, 2 are 作者：佚名 in a poem page's list, 1 a Xinhua byline naming the gold authors.
BYLINE_ALONE_LINES = 8
BYLINE_ALONE_CHARS = 30
# A line that is a byline and nothing else: an outlet (《棱镜》, 新京报, 澎湃新闻) or none, the role,
# one to four names (新京报记者 陆一夫, 《棱镜》作者 周纯, 作者 王之言 高孜然).
_BYLINE_ALONE = re.compile(
    r"(?:《[^》]{1,12}》|[\u4e00-\u9fff]{2,10}?(?:报|報|网|網|社|台|刊|杂志|雜誌|新闻|新聞|周刊|週刊))?\s*"
    rf"{_AUTHOR_ROLE}\s*[/／:：]?\s*[\u4e00-\u9fff·]{{2,4}}(?:[\s、，,]+[\u4e00-\u9fff·]{{2,4}}){{0,3}}"
)


# A label cell with no colon (来源 / 澄州新闻网 / 作者 / 周岚 / 时间 / 2024-01-19 17:40, one cell a
# line between the headline and the text): read only there, and only for these fields. (A bare 作者
# or 编辑 elsewhere is a column's heading or a menu's word.)
_BARE_LABEL_FIELDS = frozenset({"author", "publisher", "editors"})
BARE_LABEL_LINES = 8


def _bare_label(page: _Page, line: _Line) -> str | None:
    """The label a colonless label cell under the headline names (or, an editors' label, under the
    text: 一审 / 麦冬 / 二审 / 苏芮 / 三审 / 邢彦, set I's appointment notice), or None."""
    key = "".join(line.text.split())
    found = _RULES.label_field.get(key)
    if found is None or found.field not in _BARE_LABEL_FIELDS or line.zone == "body":
        return None
    under_headline = (
        page.title is not None
        and 0 < line.pos - page.title <= BARE_LABEL_LINES
        and (page.first is None or line.pos < page.first)
    )
    under_text = (
        found.field == "editors" and page.last is not None and 0 < line.pos - page.last <= BARE_LABEL_LINES
    )
    if not (under_headline or under_text):
        return None
    # A table's label cells alternate with their values: another label two lines off (来源 / 澄州新闻网
    # / 作者 / 周岚). A lone bare word is a widget's (编辑 / 锁定), a board's column (作者 / 回复/查看)
    # or a card's (书名 / … / 作者 / 沈青禾, a book's writer; 作者 / 齐白石, a painting's).
    if not any(_is_label_cell(other) for other in page.lines if abs(other.pos - line.pos) == 2):
        return None
    return key


def _is_label_cell(line: _Line) -> bool:
    return "".join(line.text.split()).rstrip(":：") in _RULES.label_field


def _value_cell(page: _Page, index: int) -> int:
    """Where the value of the label cell at ``index`` stands: the next line, or, when a table's row of
    labels was dumped before its row of values (来源 / 作者 / 发布时间 / 点击 / 泓州交警 / 宣传处 / …,
    set I), the value in the same column of the row after."""
    lines = page.lines
    start = index
    while start > 0 and lines[start - 1].pos == lines[start].pos - 1 and _is_label_cell(lines[start - 1]):
        start -= 1
    end = index
    while (
        end + 1 < len(lines) and lines[end + 1].pos == lines[end].pos + 1 and _is_label_cell(lines[end + 1])
    ):
        end += 1
    width = end - start + 1
    values = lines[end + 1 : end + 1 + width]
    if (
        width < 2
        or len(values) < width
        or values[-1].pos != lines[end].pos + width
        or any(_is_label_cell(v) for v in values)
    ):
        return index + 1
    return end + 1 + (index - start)


def _is_byline_alone(text: str) -> bool:
    return (
        len(text) <= BYLINE_ALONE_CHARS
        and _BYLINE_ALONE.fullmatch(text.strip()) is not None
        and _WIDGET_WORD.search(text) is None  # 作者最新文章
    )


def _fullest(votes: _Votes) -> _Candidate | None:
    """The best author candidate, or one that names the same people and more: a label line cut
    short by a widget (作者：余毅菁 向雪妮返回富达…) beside the full byline (南都记者 余毅菁 向雪妮)."""
    best = votes.best()
    if best is None:
        return None
    names = best.value.split("、")
    fuller = [
        c
        for c in votes.items
        if len(c.value.split("、")) > len(names) and c.value.split("、")[: len(names)] == names
    ]
    return max(fuller, key=lambda c: c.score) if fuller else best


def _is_outlet(value: str) -> bool:
    return bool(_OUTLET.search(value)) and not _WIDGET_WORD.search(value) and not _NUMBERED.match(value)


# An outlet, then its reporter's role: a Taiwan paper's byline (台灣新生報／記者彭清河／新竹報導).
# (Parted from the role by a slash, a bar or a space: 宏觀僑務新聞 記者陳姿伶／臺北報導. Not 本报 / 总台
# 記者, the host's own, the seventeenth review's pages; nor glued, 扬子晚报记者 张楠, gne qq_qq's, whose
# source is the account that posts it.)
_OUTLET_THEN_REPORTER = re.compile(
    r"\s*(?!本报|本報|本台|本刊|本网|本網|本站|总台|總台|我台)"
    # (…a paper and its app parted by a middle dot: 齐鲁晚报·齐鲁壹点 记者 王媛, set AJ)
    r"(?P<outlet>[\u4e00-\u9fff]{2,10}?(?:·[\u4e00-\u9fff]{2,10}?)?)\s*[／/|｜\s]\s*(?:記者|记者)"
)


# …or glued to it, its name the site's own (界面新闻记者 | 戴晓雯 under a page titled …|界面新闻, set AV;
# 扬子晚报记者 张楠 on a portal's page is the paper's, not the portal's: gne qq_qq).
_OUTLET_GLUED_REPORTER = re.compile(r"\s*(?P<outlet>[\u4e00-\u9fff]{2,10}?)(?:記者|记者)")


def _reporting_outlet(outlet: str) -> bool:
    """An outlet named before its reporter's role: one name (聯合報), or a paper and its app parted by
    a middle dot (齐鲁晚报·齐鲁壹点), one of them a medium's full name; two columns' words so parted
    (财经·科技, 社会·法院: the nineteenth review's pages) name none."""
    if "·" not in outlet:
        return _is_outlet(outlet)
    return any(len(part) >= 3 and _MEDIA_OUTLET.search(part) for part in outlet.split("·"))


# An outlet, its writer, a slash and where it was reported from, no role word (工商財經報 王玉琪／台北報導).
_OUTLET_NAME_REPORTED = re.compile(
    r"\s*(?P<outlet>[\u4e00-\u9fff]{2,10})\s+(?P<name>[\u4e00-\u9fff·]{2,4})\s*[／/]\s*"
    r"(?P<place>[\u4e00-\u9fff]{2,4})(?:即時|即时)?(?:報導|报导|報道|报道)\s*"
)
# (…a desk's compiled report names no paper: 國際新聞 林小華／綜合報導, the paper's section before it)
_COMPILED = ("綜合", "综合")
# A byline in square brackets: the outlet, its writers, 报道 (【欧洲时报 艾琳 报道】, set AN's paper).
_BRACKETED_REPORT = re.compile(
    r"[【\[]\s*(?P<outlet>[\u4e00-\u9fff·]{2,12})\s+(?P<names>[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,2})"
    r"\s*(?:编译|編譯|综合|綜合|整理)?(?:报道|報道|报导|報導)\s*[】\]]"
)
# …and the words that may stand there for how it was reported (【欧洲时报 独家 报道】: the twentieth
# review's pages; a filing city, 【欧洲时报 马赛 报道】, still reads as a name).
_NOT_A_WRITER = re.compile(
    r"独家|獨家|编译|編譯|综合|綜合|现场|現場|特约|特約|专题|專題|滚动|滾動|联合|聯合|特稿|两会|兩會|海外"
)
# A reply's header in a thread (作者：云中漫步 回复日期：2023-10-12 11:02:15): its poster is no writer.
# (Not the thread's last reply, 最后回复于 on a blog's byline line: the seventeenth review's page.)
# (The words first, the look-behinds after them: re scans for a literal fast, where a pattern that
# opens with look-behinds is tried at every position of every line read here.)
_REPLY_STAMP = re.compile(
    r"(?:回复|回復|回覆)(?<!最后回复)(?<!最後回復)(?<!最新回复)(?:日期|时间|時間)|(?:回帖|跟帖)(?:日期|时间|時間)"
)


def _bylines(page: _Page, cleaned: CleanedText) -> tuple[_Votes, _Votes, list[str]]:
    """Candidates for the author and for the publisher, from every line that can carry them, and
    the editors credited inside those lines."""
    authors, publishers = _Votes(), _Votes()
    editors: list[str] = []
    # The byline labels' names of one credits block, as one author: a block gives each role its
    # label (记者：柏文轩 / 通讯员：伍佳怡, or 记者：鲍海宁 摄像：尹浩 通讯员：戈晓明 on one line). A
    # label further on (a recommended article's 作者：, a comment's) is another block's.
    labelled: list[str] = []
    block_line: int | None = None
    lines_of = cleaned.field_lines.get("author", [])
    for number, value in enumerate(cleaned.fields.get("author", [])):
        if _REPLY_STAMP.search(value):
            continue  # 作者：云中漫步 回复日期：…: a reply's poster under a thread, not its writer
        names = _names_of(value)
        line_no = lines_of[number] if number < len(lines_of) else 0
        if names and (block_line is None or 0 <= line_no - block_line <= CREDITS_BLOCK_GAP):
            labelled += [name for name in names if name not in labelled]
            block_line = line_no
        first_word = value.strip().split()[0] if value.strip() else ""
        # (…or the writer's outlet before the names, which _names_of passes over: 网通社 孙悦)
        before_names = bool(names) and first_word not in names and _an_outlet_not_a_name(first_word)
        if (not names or before_names) and _MEDIA_OUTLET.search(first_word):
            # 作者：新京报 names an outlet; 作者：安全环保部 / 证券部 a department, neither writer nor
            # source (set U's company pages, five spurious publishers); 作者：网通社 孙悦 the writer's
            publishers.add(_publisher_value(value), 6.0, "label 作者")
    authors.add("、".join(labelled), 8.0, "label 作者")
    for value in cleaned.fields.get("publisher", []):
        publishers.add(_publisher_value(value), 8.0, "label 来源")
        signed = _SOURCE_THEN_NAME.fullmatch(value.strip())
        names = signed["names"].split() if signed is not None else []
        if (
            signed is not None
            and (_is_outlet(signed["outlet"]) or _is_department(signed["outlet"]))
            and all(_is_person(name) for name in names)
        ):
            # 来源：中国新闻网 王帆; 来源：梅渡县禁毒办 吴桐 柏晓 (a county office and its writers)
            authors.add("、".join(names), 5.0, "label 来源")
    owner = _blog_owner(cleaned)
    if owner is not None:
        authors.add(owner, 4.0, "the blog's masthead")
    for value in cleaned.fields.get("issuer", []):
        publishers.add(_publisher_value(value), 7.0, "label 发布机构")  # under any 来源
    for value in cleaned.fields.get("dateline_publisher", []):
        if _PLACE.fullmatch(value.strip()):
            continue  # 2024-05-20 10:12湖南: a platform glues the poster's IP region to the time
        # (…·浙江 after a post's account is its poster's province, 2024-12-02 21:18·城市漫步者阿宁·浙江)
        publishers.add(_publisher_value(_ACCOUNT_SUFFIX.sub("", value.strip())), 6.0, "dateline")
    byline: tuple[int, list[str], float] | None = None  # the last byline line's place, names, score
    for index, line in _edge_lines(page, cleaned):
        distance = line.distance
        where = f"line {line.line_no}"
        in_body = line.zone == "body"
        # (A line a metadata or credit rule removed had its credits read by cleaning: on the
        # generated pages such 【责任编辑：徐亮】 lines were 1,864 of the 1,864 lines read here, and
        # reading them again cost 8 % of this stage.)
        if (
            len(line.text) <= LONG_LINE_CHARS
            and not (line.rule_id or "").startswith(("meta.", "credit."))
            and _EDITOR_WORD.search(line.text)
        ):
            editors.extend(_credited_editors(line.text))
        elif (
            line.tail.endswith(_DIGITS)
            and page.last is not None
            and abs(line.pos - page.last) <= 2
            and (wire := _WIRE_EDITOR.search(line.tail))
        ):
            # …其他旅客通行。（編輯：陳清芳）1140106: a Taiwan wire's editor at its last paragraph's end,
            # then the day's code (set AW's CNA pages and their relays)
            editors.extend(_credited_editors(wire.group("credit")))
        label = (
            _RULES.label_pattern.fullmatch(line.text.strip()) if line.rule_id in _LABEL_ALONE_RULES else None
        )
        key = "".join(label["label"].split()) if label is not None else _bare_label(page, line)
        if key is not None and index + 1 < len(page.lines):
            at = _value_cell(page, index)
            cell = page.lines[at]
            if (
                (cell.pos == line.pos + 1 or at != index + 1)
                and cell.zone != "body"
                and len(cell.text) <= VALUE_CELL_CHARS
                and not _LABEL_SEPARATOR.search(cell.text)
                and not page.dates(cell)
            ):
                # A table's two cells, the label's and the value's (信息来源： / 区司法局).
                field_name = _RULES.label_field[key].field
                if field_name in ("publisher", "issuer"):
                    score = 7.0 if field_name == "publisher" else 6.5  # (发布机构 under a 来源)
                    publishers.add(
                        _publisher_value(cell.text), score - 0.2 * distance, f"line {cell.line_no}"
                    )
                elif field_name == "editors":
                    # 编辑： / 叶晨阳: names only (a disclaimer or a related headline under it is none).
                    editors.extend(_cell_names(cell.text))
                else:
                    names = _names_of(cell.text)
                    authors.add("、".join(names), 7.0 - 0.2 * distance, f"line {cell.line_no}")
        if (
            page.title is not None
            and 0 < line.pos - page.title <= 3
            and len(line.text) <= MAX_SIGNED_LINE_CHARS
            and (signed := _WRITER_ACCOUNT_DATE.fullmatch(line.text)) is not None
            and _is_account(signed["who"])
            and (_is_account(signed["account"]) or _is_outlet(signed["account"]))
        ):
            # kingname 未闻Code 前天: a post's writer, then the account that posts it (as 原创 kingname
            # 未闻Code in the same page's text dump).
            authors.add(signed["who"], 6.0 - 0.2 * distance, where)
            publishers.add(signed["account"], 5.0 - 0.2 * distance, where)
        if (
            page.title is not None
            and 0 < line.pos - page.title <= 3
            and line.zone != "body"
            and len(line.text) <= MAX_SIGNED_LINE_CHARS
        ):
            text = line.text.strip()
            signed = (
                _BLOG_BYLINE.fullmatch(text)
                or _NAME_THEN_ROLE.fullmatch(text)
                or (
                    _SPEAKER.fullmatch(text)
                    if (_SPEECH_TITLE.search(_headline(page)) or _under_occasion(page, line))
                    and _first_under_headline(page, line)
                    else None
                )
                or _MARKED_NAME.fullmatch(text)
            )
            # The whole word a name (Posted by 清溪发布 is an account's, 视频 | 融媒体记者 a section's,
            # ◎ 编者按 a column's).
            writers = _slashed_writers(text)
            if writers:
                authors.add("、".join(writers), 6.0 - 0.2 * distance, where)  # 祁文/文　戴晴/图
            if (
                signed is not None
                and signed["who"] not in _MARKED_WORDS
                # (◎ before a two-character word is more often a column's, ● 短评, than a pen name)
                and (
                    signed.re is not _MARKED_NAME
                    or len(signed["who"]) >= 3
                    or signed["who"][0] in COMMON_SURNAMES
                )
                and _names_of(signed["who"]) == [signed["who"]]  # (no outlet's name: 某某融媒)
            ):
                authors.add(signed["who"], 6.0 - 0.2 * distance, where)
        if "了该回答" in line.text or "了該回答" in line.text:  # (贊同了該回答: chrome.answer's votes)
            _answerer(page, index, authors)
        if (
            page.title is not None
            and 0 < line.pos - page.title <= 3
            and _REPORTED.match(line.text.rstrip()[-2:])
        ):
            reported = _REPORTED_BY.fullmatch(line.text)
            if (
                reported is not None
                # (glued to 報導, the writer's three Han: 社會中心／高雄報導, 金門報導 name a place, the
                # twenty-fourth review's pages)
                and (reported["place"] is not None or len(reported["name"]) == 3)
                and reported["name"][0] in COMMON_SURNAMES
                and _is_person(reported["name"])
            ):
                # 許似蓁 花蓮報導, 生活中心／李明融報導: a Taiwan paper's byline, no role word (set AW)
                authors.add(reported["name"], 6.0 - 0.2 * distance, where)
        if (
            _MARK.search(line.text) is None
            and _MARK.search(line.tail) is None
            and _DISPATCH.search(line.text, 0, DISPATCH_CHARS) is None
            and not (line.text[:1] in "【[" and _BRACKETED_REPORT.fullmatch(line.text))
        ):
            # No digit, role word, label or bracket: only an account or an outlet alone on its line
            # under the headline can still be read here (most menu lines end at this test).
            _alone_under_headline(page, index, line, authors, publishers)
            continue
        closing = (
            _CLOSING_BYLINE.search(line.tail)
            if page.last is not None
            and abs(line.pos - page.last) <= 2
            and line.zone in ("body", "footer")
            and line.rule_id not in _ANOTHER_ITEM
            and line.tail.rstrip()[-1:] in (")", "）")
            else None
        )
        if closing is not None and _WORKS_CREDIT.search(line.tail, 0, closing.start() + 1):
            closing = None  # …《基于边缘计算的…系统》（作者：邵林、…）: a listed work's writers (set Y)
        if closing is not None:
            # （编辑 张三）: an editor's credit, whose label the names pattern would take for a name.
            # (（通讯员 苏禾 摄影 钱畅）: the photographer's credit after the writer's names ends them.)
            # (…a second writer's role between the names is no name: （通讯员 宁公宣 记者 陈志）, set AH)
            names = _without_posts(
                [
                    n
                    for n in takewhile(
                        lambda n: not _EDITOR_WORD.fullmatch(n) and n not in _PHOTO_WORDS,
                        _names([closing["names"]]),
                    )
                    if not _ROLE_ONLY.fullmatch(n)
                ]
            )
            # (（桂花社区 供稿）: the unit that supplied the text, not its writer.)
            if names and not any(
                _OUTLET.search(n)
                or n in _NOT_A_NAME
                or n in _NOT_A_CLOSING_NAME
                or _ROLE_ONLY.fullmatch(n)
                or _ROLE_SUFFIX.fullmatch(n)
                or _ROLE_SUFFIX.sub("", n) in _NOT_A_NAME  # （綜合報道）, （综合整理）: how, not who
                or n.startswith(("综合", "綜合"))  # （綜合外電）
                or WEEKDAY.fullmatch(n)
                or _is_department(n)  # （沙河镇）: the unit that reports it, under its last paragraph
                or _NOT_AN_ACCOUNT.search(n)  # （北京时间）: a deadline's zone
                for n in names
            ):
                # (2023年5月6日（星期六）: a press release's closing date, its weekday no name.)
                authors.add("、".join(names), 5.0, where)
            elif (
                len(names) == 1
                and _is_outlet(names[0])
                and (not (said := line.tail[: closing.start()].rstrip()) or said.endswith(_SENTENCE_ENDS))
                # (not a caption's credit: 图为加沙城遭空袭后的废墟。（路透社）, the twenty-fourth
                # review's page)
                and not said.lstrip().startswith(
                    ("图为", "圖為", "图：", "圖：", "图/", "圖／", "（图", "（圖")
                )
            ):
                publishers.add(names[0], 4.0, where)  # （中国报）: a paper's end tag (set AW)
        elif (
            page.last is not None
            and abs(line.pos - page.last) <= 2
            and line.zone in ("body", "footer")
            and line.tail.rstrip()[-1:] in (")", "）")
            and (source := _CLOSING_SOURCE.search(line.tail)) is not None
            # (…after a paragraph's last sentence, or alone: not a labelled row's aside, 出诊时间：周二
            # 上午、周四全天（治未病中心）, an expert's box under a health article, set AX)
            and (not (said := line.tail[: source.start()].rstrip()) or said.endswith(_SENTENCE_ENDS))
            and (
                _is_outlet(source["outlet"])
                or (_is_department(source["outlet"]) and source["outlet"] not in _headline(page))
            )
        ):
            # …诚挚的问候。（sd退役军人之家）; …及时核实处理。（省委组织部干部调配处）, a department
            # that sent it, where no 来源 names one (set V; under a 来源 label that label wins, as on
            # gne gzggw_1's （德清县发改局）)
            publishers.add(source["outlet"], 4.0, where)
        if page.last is not None and abs(line.pos - page.last) <= 2 and "作者" in line.text:
            titled = _TITLED_AUTHOR.search(line.text)
            if titled is not None:
                # （本文来源：经济日报 作者：…研究部部长、研究员徐占忱）: the writer's titles, then the name.
                authors.add(titled["name"], 5.0, where)
        names = [] if _REPLY_STAMP.search(line.text) else _byline_names(line.text)
        if names and not _BRACKETED_DATELINE.match(line.text):  # (its names are read below)
            score = 7.0 - 0.2 * distance - (1.0 if line.zone == "footer" else 0.0)
            authors.add("、".join(names), score, where)
            if byline is not None and byline[0] == line.pos - 1 and line.zone != "body":
                # 极目新闻记者 方子涵 / 通讯员 黄一鸣: a byline over two lines, a role a line (set AN)
                joined = byline[1] + [name for name in names if name not in byline[1]]
                authors.add("、".join(joined), max(score, byline[2]) + 0.1, f"{where} (and the line above)")
            byline = (line.pos, names, score)
            paper = _OUTLET_THEN_REPORTER.match(line.text)
            if paper is not None and _reporting_outlet(paper["outlet"]):
                # 聯合報／ 記者林佳彣／台北即時報導: a Taiwan paper's byline names the paper first (set AC)
                publishers.add(paper["outlet"], 6.0 - 0.2 * distance, where)
            glued = _OUTLET_GLUED_REPORTER.match(line.text)
            if glued is not None and _names_the_site(page, glued["outlet"]):
                # 界面新闻记者 | 戴晓雯 on a page titled …|界面新闻: the site's own reporter (set AV)
                publishers.add(glued["outlet"], 6.0 - 0.2 * distance, where)

        slashed = (
            _OUTLET_NAME_REPORTED.fullmatch(line.text) if ("／" in line.text or "/" in line.text) else None
        )
        if slashed is not None and _is_outlet(slashed["outlet"]) and _is_person(slashed["name"]):
            # 工商財經報 王玉琪／台北報導: a Taiwan paper's byline with no role word (set AV)
            authors.add(slashed["name"], 6.0 - 0.2 * distance, where)
            if slashed["place"] not in _COMPILED:
                publishers.add(slashed["outlet"], 6.0 - 0.2 * distance, where)
        reported = _BRACKETED_REPORT.fullmatch(line.text) if line.text[:1] in "【[" else None
        if reported is not None and _is_outlet(reported["outlet"]):
            # 【欧洲时报 艾琳 报道】: an overseas paper's byline in brackets, its outlet, then its writers
            writers = reported["names"].split()
            writers = [name for name in writers if not _NOT_A_WRITER.fullmatch(name)]
            if writers and all(_is_person(name) for name in writers):
                authors.add("、".join(writers), 6.0 - 0.2 * distance, where)
            publishers.add(reported["outlet"], 6.0 - 0.2 * distance, where)
        sourced = _SOURCE_WORD.search(line.text) is not None
        for found in _PUBLISHER_LABEL.finditer(line.text) if sourced else ():
            score = 7.5 - 0.2 * distance - (0.5 if in_body else 0.0)
            publishers.add(_publisher_value(line.text[found.end() :]), score, where)
        if sourced and not in_body and not _PUBLISHER_LABEL.search(line.text):
            for found in _PUBLISHER_LABEL_BARE.finditer(line.text):
                publishers.add(_publisher_value(line.text[found.end() :]), 6.5 - 0.2 * distance, where)
        if "出品" in line.text and not in_body:
            # 出品｜锐观财经: the outlet that produced the piece (a feature's credits block).
            for found in _PRODUCED_BY.finditer(line.text):
                publishers.add(_publisher_value(line.text[found.end() :]), 5.0 - 0.2 * distance, where)
        if "供稿" in line.text and not in_body:
            # 供稿：心血管内科, （供稿：智能制造学院 / 撰稿：甄明远）: the unit that supplied the text,
            # where the page names no 来源 (a weaker candidate than any source label).
            for found in _CONTRIBUTED_BY.finditer(line.text):
                publishers.add(_publisher_value(line.text[found.end() :]), 4.5 - 0.2 * distance, where)
            # (…or the unit first, in brackets alone: （大浪镇 供稿）, set AG's township news)
            if (after := _CONTRIBUTED_AFTER.fullmatch(line.text)) is not None:
                publishers.add(after["unit"], 4.5 - 0.2 * distance, where)
        head = line.text[:BYLINE_IN_PROSE_CHARS]
        wire = _WIRE_BYLINE.search(head) if "日电" in head or "日電" in head else None
        if wire is not None:
            names = _names([wire["names"]])
            authors.add("、".join(names), 6.5 - 0.2 * distance, where)  # 新华社北京5月19日电（刘艺、杨吉）
        elif (
            (inside := _BRACKETED_DATELINE.match(head)) is not None
            and page.first is not None
            and abs(line.pos - page.first) < WIRE_DATELINE_LINES
        ):
            # （中央社記者林柏宏台北6日電）: the outlet, and the reporters with the place glued on.
            publishers.add(inside["outlet"], 5.0, where)
            if inside["reporters"]:
                authors.add("、".join(_without_place(inside["reporters"])), 6.5 - 0.2 * distance, where)
        if in_body:
            if page.first is not None and line.pos - page.first < FIRST_LINES_FOR_DATELINE:
                outlet = _DATELINE_OUTLET.match(line.text)
                if outlet is not None:
                    publishers.add(_publisher_value(outlet["outlet"]), 4.0, where)
            continue
        if (
            ("日电" in head or "日電" in head)
            and page.first is not None
            and 0 < page.first - line.pos <= WIRE_DATELINE_LINES
        ):
            # A wire dateline on a line of its own right above the text (新华社北京5月6日电 记者王明),
            # which cleaning took out as a byline: its outlet is the publisher all the same.
            outlet = _DATELINE_OUTLET.match(line.text)
            if outlet is not None and ("日电" in outlet[0] or "日電" in outlet[0]):
                publishers.add(_publisher_value(outlet["outlet"]), 4.0, where)
        # A post's byline in a sentence of the platform's, under the headline or in the footer.
        text = line.text
        # (_POSTED_BY needs 于 / 於 or an opening "posted": most lines have neither.)
        may_be_posted = "于" in text or "於" in text or text.startswith("posted")
        posted = _POSTED_BY.search(text) if may_be_posted else None
        poster = None if posted is None else posted["who"] or posted["poster"]
        if posted is not None and not posted["who"] and not _is_account(posted["poster"]):
            poster = None  # posted @ 2024-05-09 14:45 阅读 (430): a counter, no name
        if poster is not None:
            authors.add(poster, 6.0 - 0.2 * min(distance, 10), where)  # A-肖老师 于 2024-05-06 发布
        # Outside the text, near the headline: the byline's unlabelled parts.
        if distance > 3:
            continue
        pair = _NAME_SLASH_OUTLET.fullmatch(text) if "/" in text or "／" in text else None
        if pair is not None and _is_outlet(pair["outlet"]):
            authors.add(pair["name"], 6.0 - 0.2 * distance, where)  # 石佳/中国青年报
            publishers.add(pair["outlet"], 6.0 - 0.2 * distance, where)
            continue
        if "原" in text and (marked := _OUTLET_ORIGINAL.search(text)) is not None:
            who = marked["bracketed"] or marked["glued"]
            if _is_outlet(who) or _names_the_site(page, who):
                publishers.add(who, 5.5 - 0.2 * distance, where)  # 易车原创 作者：…, [中关村在线 原创]
        is_original = text.startswith(("原创", "原創"))  # what both patterns below start with
        original = _ORIGINAL.match(text) if is_original else None
        if original is not None and _is_outlet(original["who"]):
            publishers.add(original["who"], 5.5 - 0.2 * distance, where)  # 原创：39健康网
        elif is_original and (signed := _ORIGINAL_SIGNED.fullmatch(text)) is not None:
            # 原创 kingname 未闻Code: a post's writer, then the account that posts it.
            who = _ROLE_SUFFIX.sub("", signed["who"])
            account = signed["account"]
            if who == account:
                # 原创 苏州交警 苏州交警 2024-01-20 18:30: the account printed twice, no writer (sets AA, AJ)
                if _is_account(account) or _is_outlet(account) or GOVERNMENT_ACCOUNT.fullmatch(account):
                    publishers.add(account, 5.0 - 0.2 * distance, where)
                if _is_person(account) and len(account) <= 3 and account[0] in COMMON_SURNAMES:
                    authors.add(account, 6.0 - 0.2 * distance, where)
            elif (
                len(who) >= 2
                and _is_account(who)
                and (_is_account(account) or _is_outlet(account) or GOVERNMENT_ACCOUNT.fullmatch(account))
            ):
                authors.add(who, 6.0 - 0.2 * distance, where)
                publishers.add(account, 5.0 - 0.2 * distance, where)
        # (right under the headline a day and a clock without a year will do: 铅山县融媒体中心 03-18
        # 09:12, a county client's share page, set AQ)
        under_headline = page.title is not None and 0 < line.pos - page.title <= YEARLESS_OUTLET_LINES
        for token, side in _date_neighbours(line.text, page.dates(line), yearless=under_headline):
            if side == "source":
                publishers.add(_publisher_value(token), 7.0 - 0.2 * distance, where)
            elif _is_outlet(token) and token != poster:
                # (…not the site's own column after the date, a menu item of its header: 2024-03-25　|
                # 會務新聞 under a federation's headline, 會務新聞 in its menu, set AR)
                if not (side.startswith("after") and token in page.menu):
                    publishers.add(token, 5.0 - 0.2 * distance, where)  # 中国网 2019-11-25 10:37:31
            elif (
                side in ("before", "after_separated")
                and _is_account(token)
                and not (side == "after_separated" and _COLUMN_WORD.search(token))
                and page.title is not None
                # Under the headline: above it a date line is a list's item (最新发布 / …通知 2023-05-08).
                and 0 < line.pos - page.title <= 2
                # (…and not the app's or the site's name, the page's title: 岑州工惠　2024-09-09 18:20
                # under an app's share page titled 岑州工惠, set V)
                and not (_is_page_title(page, token) and _shared_page(page))
            ):
                if (
                    _posted_from_place(page, index)
                    or (_is_department(token) and _BODY_PLACE.search(token))
                    or _body_beside_date(token)
                ):
                    # 平安南京 2024年04月16日 18:30 江苏: a WeChat account's header, which posts it;
                    # so does a body's name beside the date (民盟岑州市委 | 2024-05-29 | 浏览 312, set V;
                    # 南京海关　2024-06-20 under a customs office's headline, set AA): no writer's.
                    publishers.add(token, 3.0, f"{where}{_ACCOUNT_POSTS}")
                else:
                    # 华夏人文 2020-03-09 18:14:21: a self-media account signs the post (weakest signal)
                    authors.add(token, 3.0, f"{where}{_ACCOUNT_SIGNS}")
            elif (
                side == "after"
                and _is_account(token)
                and _PLACE.fullmatch(token) is None  # 2024-05-20 10:12湖南: the poster's IP region
                and _in_source_slot(page, line, token)
            ):
                # 2022-06-02 09:52:19政能亮 来自北京市, 2019-09-05 11:10 游民星空[整理]: the one word
                # after a dateline's time is where the page puts its source (新浪财经, 环球网…).
                publishers.add(token, 5.0 - 0.2 * distance, where)
        _alone_under_headline(page, index, line, authors, publishers)
    return authors, publishers, editors


# A blog's page title names its owner's blog (父亲的老自行车_老树的博客_新浪博客) and its masthead prints
# the name again (老树的博客): the owner writes its posts (set AB's 新浪博客-style blog). A list of other
# blogs (Forver的博客 on a CSDN page, dev d231…) names no page title's.
_BLOG_TITLE = re.compile(r"[_\-|｜—–\s](?P<who>[^_\-|｜—–\s]{1,20})的(?:博客|部落格)(?:[_\-|｜—–\s]|$)")
BLOG_MASTHEAD_LINES = 40


def _blog_owner(cleaned: CleanedText) -> str | None:
    title = _dump_first_line(cleaned)
    found = _BLOG_TITLE.search(title) if title is not None and "的" in title else None
    if found is None or not _NAME.fullmatch(found["who"]):
        return None
    masthead = f"{found['who']}的博客"
    owner_named = any(r.text.strip() == masthead for r in cleaned.removed[1:BLOG_MASTHEAD_LINES])
    return found["who"] if owner_named else None


def _headline(page: _Page) -> str:
    return next((line.text for line in page.lines if line.pos == page.title), "")


def _shared_page(page: _Page) -> bool:
    """Whether an app's open button stands in the page's first lines (岑州工惠 / 打开APP / …), as
    cleaning reads it."""
    return any(line.pos <= OPEN_BUTTON_LINES and OPEN_BUTTON.fullmatch(line.text) for line in page.lines)


def _is_page_title(page: _Page, text: str) -> bool:
    """Whether ``text`` is the page's first line (a dump's <title>), when that line is near enough
    to the headline to be read."""
    first = page.lines[0] if page.lines else None
    return first is not None and first.pos == 0 and "".join(first.text.split()) == "".join(text.split())


# (a public body names its place or its party: 民盟岑州市委, 城东街道; 深夜财经研究所 and 桃子姐美食工作室
# are self-media accounts, which sign: the sixteenth review's pages)
# (…in its first characters: 岑港控股集团's 团 and 城市美食工作室's 市 name no public body)
_BODY_PLACE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(?:[省市县縣区區镇鎮乡鄉村]|街道|社区|社區)"
    r"|党|黨|共青团|共青團|团委|團委|民盟|民建|民进|民進|农工|農工|致公|九三|台盟|民革|政府"
)
# (a column's name after the date: 2024-10-21 | 考古动态, set Y)
_COLUMN_WORD = re.compile(rf"(?:{COLUMN_WORDS})$")
_ACCOUNT_SIGNS = ", an account beside the date"  # an author candidate's source: see _bylines, metadata
_ACCOUNT_POSTS = ", the account that posts it"
# WeChat prints the poster's province after the post's time (2024年04月16日 18:30 江苏, or 四川 on a
# line of its own): the name over that date is the account that posts the article, its publisher
# (as gne wechat_1's 爱否科技 and wechat_2's 未闻Code are), not a writer. (A platform that labels the
# place, IP属地：云南, signs with a person's account: that stays the author.)
_PLACE_AFTER_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s+(?P<place>\S{2,3})$")


def _posted_from_place(page: _Page, index: int) -> bool:
    """Whether ``page.lines[index]``, a date line, ends with a bare province or has one alone under it."""
    text = page.lines[index].text
    at_end = _PLACE_AFTER_TIME.search(text)
    if at_end is not None:
        return _PLACE.fullmatch(at_end["place"]) is not None
    below = page.after(index)
    return below is not None and _PLACE.fullmatch(below.text) is not None


# Two words, then the post's date or day (前天, 3小时前, 2020-02-11 08:30), alone on a line under the
# headline: its writer and the account that posts it.
# A post's day as a platform prints it: yesterday, 3 hours ago.
_RELATIVE_DAY = r"(?:昨天|前天|今天|刚刚|剛剛|\d{1,2}\s*(?:分钟|分鐘|小时|小時|天)前)"
_WRITER_ACCOUNT_DATE = re.compile(
    r"(?P<who>[\u4e00-\u9fffA-Za-z0-9·\-_]{2,20})\s+(?P<account>[\u4e00-\u9fffA-Za-z0-9·]{2,20})\s+"
    rf"(?:{_RELATIVE_DAY}|(?:19|20)\d{{2}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?)"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
MAX_SIGNED_LINE_CHARS = 60
# A blog's byline under its headline (WordPress and its kin): 由 阿哲 發表, 发表于 2024年4月6日 星期六
# 由 周牧之, Posted by …; a name then the writer's role at an outlet (甘霖 | 溯江融媒记者, an app's
# share page); a literary page's ◎ before the writer's name (◎ 纪南风). Each a held-out set's page.
_BLOG_BYLINE = re.compile(
    r"(?:(?:发表于|發表於|发布于|發佈於|發布於|Posted on)\s*[^由]{0,30}?\s)?(?:由|Posted by|by)\s+"
    r"(?P<who>[^\s|｜丨]{2,12})(?:\s+(?:发表|發表|发布|發佈|發布|撰写|撰寫))?"
)
_NAME_THEN_ROLE = re.compile(
    r"(?P<who>[\u4e00-\u9fff·]{2,5})\s*[|｜丨/／]\s*[\u4e00-\u9fff]{0,10}(?:记者|記者|通讯员|通訊員|特约撰稿人|特約撰稿人)"
)
# A speech's speaker under its headline, posts first (县委副书记、政法委书记　阎守正, set V), read only
# where the headline says it is a speech.
_SPEAKER = re.compile(
    r"(?:[\u4e00-\u9fff]{0,12}(?:书记|書記|长|長|主任|主席|委员|委員|政委)\s*[、，,]?\s*){1,4}"
    r"\s+(?P<who>[\u4e00-\u9fff·]{2,4})"
)
# (…the headline a speech's title, not a report of a meeting that names one: 审议《政府工作报告》
# （征求意见稿）, the sixteenth review's page)
_SPOKEN = "讲话|講話|致辞|致辭|发言|發言"
_SPEECH_TITLE = re.compile(
    rf"(?:{_SPOKEN}|动员报告|動員報告|工作报告|工作報告)\s*(?:[（(][^（）()]{{1,8}}[）)])?\s*$"
    rf"|^在.{{2,40}}(?:上|中)的(?:{_SPOKEN})|(?:{_SPOKEN})\s*[：:｜|]"
)
_BRACKETED_DAY = re.compile(r"\s*[（(][^（）()]{4,16}[）)]\s*")


def _first_under_headline(page: _Page, line: _Line) -> bool:
    """Whether ``line`` is the first under the headline, or under the speech's day in brackets
    or its subtitle (——2024年1月12日在…会议上), or the page's date and source line: a student's name
    over a teacher's post and name, the first names the speaker."""
    if page.title is None:
        return False
    title = page.title
    between = [other for other in page.lines if title < other.pos < line.pos]
    return all(
        _BRACKETED_DAY.fullmatch(other.text)
        or other.text.lstrip().startswith(("—", "--"))
        or (other.rule_id or "").startswith("meta.")
        for other in between
    )


# A speech's or a report's occasion under its headline (——2024年1月10日在通渭县第十九届人民代表大会第四次
# 会议上): the post and name under it are the speaker's, whatever the headline (…预算草案的报告（摘要）,
# set AG's budget report, presented by the finance bureau's head).
_OCCASION = re.compile(
    r"\s*(?:——|—|--)\s*[^。！？]{0,20}在[^。！？]{2,60}(?:会议|會議|大会|大會|典礼|典禮|仪式|儀式|论坛|論壇|座谈会|座談會)上\s*"
)


def _under_occasion(page: _Page, line: _Line) -> bool:
    above = page.above(line)
    return above is not None and _OCCASION.fullmatch(above.text) is not None


_MARKED_NAME = re.compile(r"[◎●]\s*(?P<who>[\u4e00-\u9fff·]{2,5})")
_MARKED_WORDS = frozenset(
    {"编者按", "編者按", "导读", "導讀", "导语", "導語", "提示", "核心提示", "按语", "按語", "摘要",
     "要点", "要點", "背景", "链接", "鏈接", "延伸", "视频", "視頻", "图文", "圖文", "聚焦", "直播",
     "音频", "音頻", "专题", "專題", "短评", "短評", "社论", "社論", "时评", "時評", "快评", "快評",
     "夜读", "夜讀", "评论", "評論", "观察", "觀察", "随笔", "隨筆", "札记", "札記"}
)  # fmt: skip


# What may follow the one word in a dateline's source slot: a note in brackets ([整理]), the poster's
# IP location (来自北京市), counters. Another name-shaped word makes the words a list of writers
# (2020-06-05 20:35 叨叨姐 胡一刀 李小飞刀).
_AFTER_SOURCE_SLOT = re.compile(
    r"\s*(?:\[[^\]]{1,6}\]|【[^】]{1,6}】)?\s*(?:(?:来自|來自)[\u4e00-\u9fff]{2,10})?[\s\d]*"
)


# 2024-05-18 16:56发布于北京环球时报新媒体官方账号: a sentence of the platform's, not a source's name.
_SLOT_VERB = re.compile(r"发布|發布|发表|發表|来自|來自|更新|转载|轉載")
MAX_SOURCE_SLOT_CHARS = 12


def _in_source_slot(page: _Page, line: _Line, token: str) -> bool:
    """Whether ``token`` stands alone after the date that opens a line right under the headline."""
    if (
        page.title is None
        or not 0 < line.pos - page.title <= 2
        or len(token) > MAX_SOURCE_SLOT_CHARS
        or _SLOT_VERB.match(token)
    ):
        return False
    dates = [d for d in page.dates(line) if d.has_year]
    # (…or after 原创 alone: 原创 2023-12-20 10:05 齐鲁晚报·齐鲁壹点, a news client's header, set AN)
    if not dates or line.text[: dates[0].start].strip() not in ("", "原创", "原創"):
        return False
    if line.text[: dates[0].start].strip() and _is_person(token) and "·" not in token:
        return False
    at = line.text.find(token, dates[0].end)
    return at >= 0 and _AFTER_SOURCE_SLOT.fullmatch(line.text, at + len(token)) is not None


# 来源：中国新闻网 王帆: a person's name after the source's outlet, alone at the value's end, is its
# writer. A province or a big city there is the poster's IP location (来源：鞭牛士 北京 举报).
_SOURCE_THEN_NAME = re.compile(r"(?P<outlet>\S{2,30})(?P<names>(?:\s+[\u4e00-\u9fff·]{2,4}){1,3})")
_PLACE = re.compile(
    r"北京|天津|上海|重庆|重慶|河北|山西|辽宁|遼寧|吉林|黑龙江|黑龍江|江苏|江蘇|浙江|安徽|福建|江西|山东|山東|"
    r"河南|湖北|湖南|广东|廣東|海南|四川|贵州|貴州|云南|雲南|陕西|陝西|甘肃|甘肅|青海|台湾|台灣|内蒙古|"
    r"廣西|广西|西藏|宁夏|寧夏|新疆|香港|澳门|澳門|海外|国外|國外"
)
# What a platform prints after an account's name: its word for the account, and beside a post's date
# the poster's province (a 来源's ·广东 is the outlet's edition: 凤凰网·广东, the thirteenth review's).
_ACCOUNT_WORD = re.compile(rf"(?<=[\u4e00-\u9fffA-Za-z0-9])(?:{OFFICIAL_ACCOUNT_WORDS})$")
_ACCOUNT_SUFFIX = re.compile(
    rf"(?<=[\u4e00-\u9fffA-Za-z0-9])(?:{OFFICIAL_ACCOUNT_WORDS}|[·•]\s*(?:{_PLACE.pattern}))$"
)
# …and where it was posted from, glued before it (2024-05-13 06:16发布于北京经济日报官方账号, dev 1f93…).
_POSTED_FROM = re.compile(rf"^(?:发布于|發布於)(?:{_PLACE.pattern})")
# A closing bracket naming an outlet or an account at the text's end: its source.
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "”", "」", "』", "…")
_CLOSING_SOURCE = re.compile(r"[(（]\s*(?P<outlet>[A-Za-z0-9\u4e00-\u9fff·]{2,20})\s*[)）]\s*$")
# A byline that gives the writer's post before the name: 作者：…研究部部长、研究员徐占忱）.
_TITLED_AUTHOR = re.compile(
    r"作者\s*[:：][^()（）:：]{0,80}?(?:研究员|研究員|教授|讲师|講師|博士|部长|部長|主任|院长|院長|所长|所長|"
    r"分析师|分析師|经济学家|經濟學家)(?P<name>[\u4e00-\u9fff·]{2,3})\s*[)）]"
)


def _is_person(name: str) -> bool:
    return (
        _is_account(name)
        and _PLACE.fullmatch(name) is None
        and not _ROLE_ONLY.fullmatch(name)
        and _NAME.fullmatch(name) is not None
        and _PUBLIC_BODY.fullmatch(name) is None
    )


# A line under the headline this long in Chinese is its dek, no account's name (加速创新药全球临床开发
# over a wire release's date, set AV; the read sets' and corpora's account authors are 8 characters at
# most, 科比的左手护腕 7).
DEK_MIN_HAN = 10


def _alone_under_headline(page: _Page, index: int, line: _Line, authors: _Votes, publishers: _Votes) -> None:
    """A word alone on its line just under the headline: an outlet (新华社) is the publisher; a
    self-media account right above the date line (八卦大相公 / 发布时间：01-1417:58) the author."""
    _above_platform_label(page, index, line, authors)
    _card_over_headline(page, index, line, authors, publishers)
    _over_account_card(page, index, line, authors, publishers)
    if page.title is None or not 0 < line.pos - page.title <= 3:
        return
    where = f"line {line.line_no}"
    if any(page.title < other.pos < line.pos and other.rule_id is None for other in page.lines[:index]):
        # The text has begun: a broadcaster's lead paragraph, then 法广 over its time, is no account's
        # (set AJ); an outlet's name there still sources it (泠源日报 under a summary: the review's).
        if (
            line.rule_id is not None
            and len(line.text) <= 12
            and _is_outlet(line.text)
            and not _LABEL_SEPARATOR.search(line.text)
        ):
            publishers.add(line.text, 4.0 - 0.2 * line.distance, where)
        return
    on_platform = _ON_PLATFORM.fullmatch(line.text) if len(line.text) <= 30 else None
    if on_platform is not None and _TOKEN.fullmatch(who := on_platform["who"]):
        # 街巷食记 · 大鱼号: the account and the platform's word for it on one line (set P's UC page)
        if _is_outlet(who):
            publishers.add(who, 4.0 - 0.2 * line.distance, where)
        elif _is_account(who):
            authors.add(who, 3.0, f"{where}{_ACCOUNT_SIGNS}")
        return
    signed = _ACCOUNT_THEN_DAY.fullmatch(line.text) if len(line.text) <= 30 else None
    if signed is not None:
        # 爱否科技 昨天: the post's account and its day on one line (the same page's text dump puts
        # them on lines of their own); an outlet is the publisher, an account the author, as alone.
        who = signed["who"]
        if _is_outlet(who):
            publishers.add(who, 4.0 - 0.2 * line.distance, where)
        elif _is_account(who):
            authors.add(who, 3.0, f"{where}{_ACCOUNT_SIGNS}")
        return
    if len(line.text) > 20:
        return
    following = page.after(index)
    if following is not None and _TOKEN.fullmatch(line.text):
        if page.dates(following) and _posted_from_place(page, index + 1):
            # 温州市场监管 / 2025年03月15日 09:00 / 浙江: a WeChat account's header (_posted_from_place;
            # a government's account is named X发布), and under 原创 the writer's name above the
            # account (原创 / 李梦 / 成都发布).
            if _is_account(line.text) or GOVERNMENT_ACCOUNT.fullmatch(line.text):
                publishers.add(line.text, 3.0, f"{where}{_ACCOUNT_POSTS}")
                if index >= 2 and page.lines[index - 2].pos == line.pos - 2:
                    original, writer = page.lines[index - 2], page.lines[index - 1]
                    if original.text in ("原创", "原創") and _is_person(writer.text):
                        authors.add(writer.text, 5.0, f"line {writer.line_no}")
        elif (
            _is_account(line.text)
            # (…a public body's account may be longer: 泠源市公安局交通警察支队, the twenty-third review's)
            and (han_count(line.text) < DEK_MIN_HAN or _body_beside_date(line.text))
            and (
                page.dates(following) or _FOLLOW.fullmatch(following.text) or _FANS.fullmatch(following.text)
            )
        ):
            # …or right above its follow button (去驴行 / 关注) or its followers (粉丝 38.6万, a video
            # page's, set P); a public body's account posts it (澧溪公安 over the date, set O).
            if _PUBLIC_BODY.fullmatch(line.text):
                publishers.add(line.text, 3.0, f"{where}{_ACCOUNT_POSTS}")
            else:
                authors.add(line.text, 3.0, where)
        elif (
            _is_account(line.text)
            and (button := page.after(index + 1)) is not None
            and _FOLLOW.fullmatch(button.text)
            and len(following.text) <= MAX_BIO_CHARS
            and not page.dates(following)
        ):
            authors.add(line.text, 3.0, where)  # …or its one-line bio between (庄以宁 / 城市规划师… / 关注)
        elif _is_account(line.text) and (
            _POSTER_STATUS.fullmatch(following.text)
            or (
                (_POSTER_RANK.fullmatch(following.text) or _POSTER_STATS.fullmatch(following.text))
                and (post := _post_time_under(page, index + 1)) is not None
                and _POSTED_AT.match(post.text)
                and not _is_department(line.text)  # (教务处 / 管理员 / 发表于…: a school's CMS)
            )
            # (…or over the thread's 楼主 mark and the post's time alone: 虎扑's 科比的左手护腕 / 楼主 /
            # 2023-12-10 23:12; a level between, 晴天小猪 / Lv.6 / 楼主; not a board's name over 楼主 and
            # a name with its time, 美食天地 / 楼主 / 夜跑的老陈 2024-04-18, the seventeenth review's)
            or (
                (mark := _thread_mark(page, index)) is not None
                and (post := page.after(mark)) is not None
                and _time_alone(page, post)
            )
        ):
            # …or a forum poster's over their status (当前离线), or over their rank and the post's
            # time (雨后青桐 / 中级会员 / 发表于 2024-3-12 21:05:33 | 只看该作者: set J's Discuz thread)
            authors.add(line.text, 3.0, where)
    # (…after an English By: By 诗华日报, a Malaysian daily's byline slot, set AW)
    outlet = _BY.sub("", line.text, count=1) if line.text.lstrip()[:2] in ("By", "BY", "by") else line.text
    if len(outlet) <= 12 and _is_outlet(outlet) and not _LABEL_SEPARATOR.search(outlet):
        publishers.add(outlet, 4.0 - 0.2 * line.distance, where)


def _over_account_card(page: _Page, index: int, line: _Line, authors: _Votes, publishers: _Votes) -> None:
    """A WeChat post's account, its name over its card's name and the card (南通公安 / 南通公安 /
    微信号 ntgaj110 / 功能介绍 …: set AL's police account; gne wechat_1's 爱否科技), is the post's
    publisher, as the platform's one-line header makes it (原创 kingname 未闻Code); a name between
    原创 and the account is the writer's (原创 / 陈思远 / 南通公安)."""
    if len(line.text) > 20 or not _TOKEN.fullmatch(line.text):
        return
    if (page.first is None or line.pos < page.first) and _certified_body(page, index):
        # 平安宜昌 / 宜昌市公安局官方账号: a platform's account certified as a public body's (头条, 搜狐号,
        # 网易号: set AO's police accounts) posts for that body, and is the publisher, as WeChat's is.
        # (Above the text only: under it, a 推荐关注 card's or a related item's, the review's pages.)
        publishers.add(line.text, 3.0, f"line {line.line_no} (a body's certified account)")
        return
    again = page.after(index)
    card = page.after(index + 1) if again is not None else None
    if again is None or again.text != line.text or card is None or card.rule_id != ACCOUNT_CARD_RULE:
        return
    if index >= 1 and page.lines[index - 1].text == line.text:
        return  # (the card's own name, under the account's)
    # (…under a repost's closing attribution, （sd退役军人之家） under dev 7e99…'s text, the post's
    # source: the account only hosts it)
    publishers.add(line.text, 3.0, f"line {line.line_no} (over its account card)")
    if index >= 2 and page.lines[index - 2].pos == line.pos - 2:
        original, writer = page.lines[index - 2], page.lines[index - 1]
        writers = re.split(r"[\s、]+", writer.text.strip())  # (原创 / 陈思远 李明 / …: two writers)
        if original.text in ("原创", "原創") and all(_is_person(name) for name in writers):
            authors.add("、".join(writers), 5.0, f"line {writer.line_no}")


# A platform's certification of an account as a public body's or a company's, on the line under the
# account's name, or under its date and the dot after it: 渭南市公安局官方账号.
_CERTIFIED = re.compile(r"[\u4e00-\u9fff]{2,30}官方(?:账号|帳號|帐号)")


def _certified_body(page: _Page, index: int) -> bool:
    """Whether the account's certification is on the line under it, or under its date, a dot alone
    on a line either side of the date or not (平安芜湖 / · / 05-27 21:33 / · / 芜湖市公安局官方账号, set
    AH's 头条 page)."""
    dated = False
    while (after := page.after(index)) is not None:
        if after.text in _SEPARATOR_ALONE or (not dated and (dated := bool(page.dates(after)))):
            index += 1
            continue
        return _CERTIFIED.fullmatch(after.text) is not None
    return False


_SEPARATOR_ALONE = frozenset({"·", "•", "|", "｜"})


# An account and the post's relative day, alone on a line under the headline (commenters' lines below
# the text have the shape too: 笑mico 6天前).
_ACCOUNT_THEN_DAY = re.compile(rf"(?P<who>[\u4e00-\u9fffA-Za-z0-9·]{{2,20}})\s+{_RELATIVE_DAY}")


def _answerer(page: _Page, index: int, authors: _Votes) -> None:
    """A Q&A page's answerer: the name alone over the votes (邵明哲 / 注册会计师，关注个人财务规划 /
    1,284 人赞同了该回答), their one-line introduction between or not."""
    pos = page.lines[index].pos
    found: list[_Line] = []
    for back in (1, 2):
        if index - back < 0 or page.lines[index - back].pos != pos - back:
            break
        above = page.lines[index - back]
        if (above.rule_id or "").startswith("chrome.") or above.zone == "title":
            break  # the question's buttons (写回答) or the headline: no further up
        if _TOKEN.fullmatch(above.text) and _is_account(above.text) and len(above.text) <= 20:
            found.append(above)
    if found:
        # Two words over the votes are the name over a one-word introduction (邵明哲 / 独立投资人).
        authors.add(found[-1].text, 4.0, f"line {found[-1].line_no}")


def _thread_mark(page: _Page, index: int) -> int | None:
    """The index of the thread's 楼主 mark right under a poster's name (``index``), a level badge
    between or not (Lv.6, 等级3)."""
    below = page.after(index)
    if below is not None and _LEVEL_BADGE.fullmatch(below.text):
        index, below = index + 1, page.after(index + 1)
    return index + 1 if below is not None and below.text in ("楼主", "樓主") else None


_LEVEL_BADGE = re.compile(r"\s*(?:Lv|LV|lv)\.?\s?\d{1,2}\s*|\s*(?:等级|等級)\s*[:：]?\s*\d{1,2}\s*")
POST_TIME_EXTRA_CHARS = 12  # 发表于 …, …发布于浙江: a time's words, no poster's name


def _time_alone(page: _Page, line: _Line) -> bool:
    """``line`` is a post's time and little else (2023-12-10 23:12, 发表于 2024-03-05 21:07): no
    poster's name before it (夜跑的老陈 2024-04-18 21:06)."""
    found = page.dates(line)
    if not found:
        return False
    before = line.text[: found[0].start].strip()
    return (not before or _POSTED_WORD.fullmatch(before) is not None) and len(line.text) - (
        found[0].end - found[0].start
    ) <= POST_TIME_EXTRA_CHARS


_POSTED_WORD = re.compile(r"(?:发表|發表|发布|發布|发帖|發帖)(?:于|於|时间|時間)?\s*[:：]?")


def _post_time_under(page: _Page, index: int) -> _Line | None:
    """The line under a forum poster's rank or points (``index``) that is not another of them or the
    thread's 楼主 mark: where the post's time stands."""
    for _ in range(FORUM_MARK_LINES + 1):
        below = page.after(index)
        if below is None:
            return None
        if not (
            _POSTER_STATS.fullmatch(below.text)
            or _POSTER_RANK.fullmatch(below.text)
            or below.text in ("楼主", "樓主")
        ):
            return below
        index += 1
    return None


FORUM_MARK_LINES = 2  # points, a rank, 楼主 between a poster's name and the post's time
# A forum poster's points or posts under their name (溪川老陈 / 积分 2318 / 楼主 / 发表于…, set X).
_POSTER_STATS = re.compile(r"\s*(?:积分|積分|帖子|主题|主題|UID|金钱|金錢|威望)\s*[:：]?\s*\d+\s*")
# A forum poster's status under their name (Discuz: 晴川阁下的猫 / 当前离线).
_POSTER_STATUS = re.compile(r"\s*(?:当前离线|當前離線|当前在线|當前在線)\s*")
# The post's time under its poster's rank, with a thread's buttons (发表于 … | 只看该作者).
_POSTED_AT = re.compile(
    r"\s*(?:发表于|發表於)\s*(?:19|20)\d{2}\s*[-/年].{0,30}(?:只看该作者|只看該作者|楼主|樓主|倒序浏览|倒序瀏覽)"
)
# A follow button under an account's name, and its count of followers.
_FOLLOW = re.compile(r"\s*[+＋]?\s*(?:关注|關注)\s*")
_FANS = re.compile(r"\s*(?:粉丝|粉絲)\s*[\d.,]+\s*[万萬wW]?\s*")
MAX_BIO_CHARS = 40
# A content platform's word for an account, alone on its line under the account's name in a post's
# header (gne qq_qq: 19:02 / 扬眼 / 企鹅号). Above the headline the same word is a menu item (gne
# toutiao_*: 问答 / 头条号 / 图虫), and before a name it heads another account's card (dev e751…:
# 搜狐号 / 谷火平观察 in a sidebar): neither signs the post.
_PLATFORM_ACCOUNT = re.compile(
    r"(?:企鹅|百家|头条|頭條|大风|大風|网易|網易|搜狐|一点|一點|澎湃|新浪看点|大鱼|大魚|人民|凤凰|鳳凰)号|(?:微信)?公众号"
)
# (Dots only: 政务 | 澎湃号 is the platform's channel label, the thirteenth review's page.)
_ON_PLATFORM = re.compile(rf"(?P<who>\S{{2,20}})\s*[·•]\s*(?:{_PLATFORM_ACCOUNT.pattern})")
PLATFORM_LABEL_LINES = 6
CARD_LINES = 3  # an account's card over the headline: its name, the platform's word, the follow button
_RECOMMENDED = re.compile(r"推荐|推薦|相关|相關|热门|熱門|猜你|更多")


def _card_over_headline(page: _Page, index: int, line: _Line, authors: _Votes, publishers: _Votes) -> None:
    """An account's card right over the headline: its name, the platform's word for it or not, and
    its follow button last (岷江周刊 / 大风号 / 关注, 是阿檬呀 / 关注: set P's 凤凰 and 小红书 pages).
    Over a headline a word and a platform's word alone are a menu's (问答 / 头条号 / 图虫, gne
    toutiao): the follow button is what makes it a card."""
    if (
        page.title is None
        or not 0 < page.title - line.pos <= CARD_LINES
        or not _TOKEN.fullmatch(line.text)
        or _PLATFORM_ACCOUNT.fullmatch(line.text)  # (大风号 / 关注: the card's own word, no name)
    ):
        return
    below = [page.lines[i] for i in range(index + 1, min(len(page.lines), index + CARD_LINES))]
    below = [b for b in below if b.pos < page.title]
    if not below or below[-1].pos != page.title - 1 or not _FOLLOW.fullmatch(below[-1].text):
        return
    if any(b.pos != line.pos + n + 1 for n, b in enumerate(below)):
        return  # (the card's lines one under another)
    if (
        index > 0
        and _RECOMMENDED.search(page.lines[index - 1].text)
        and page.lines[index - 1].pos == line.pos - 1
    ):
        return  # (推荐关注 / 老街食客 / 关注: a sidebar's recommendation, the thirteenth review's page)
    if len(below) == 2 and not _PLATFORM_ACCOUNT.fullmatch(below[0].text):
        return
    where = f"line {line.line_no}"
    if _is_outlet(line.text):
        publishers.add(line.text, 4.0, where)
    elif _is_account(line.text):
        authors.add(line.text, 3.0, f"{where}{_ACCOUNT_SIGNS}")


def _above_platform_label(page: _Page, index: int, line: _Line, authors: _Votes) -> None:
    """A word alone on its line, right above the platform's account label and a few lines under the
    headline: the account that posts the article (an author when no byline names a person, else
    the publisher; see ``extract``)."""
    if page.title is None or not 0 < line.pos - page.title <= PLATFORM_LABEL_LINES:
        return
    following = page.after(index)
    if (
        following is not None
        and _PLATFORM_ACCOUNT.fullmatch(following.text)
        and _TOKEN.fullmatch(line.text)
        and _is_account(line.text)
    ):
        authors.add(line.text, 3.0, f"line {line.line_no}{_ACCOUNT_SIGNS}")


_NAME_SLASH_OUTLET = re.compile(
    r"(?P<name>[\u4e00-\u9fff·]{2,4})\s*[/／]\s*(?P<outlet>[\u4e00-\u9fffA-Za-z0-9·]{2,20})"
)
# An outlet's mark on its own piece in the byline's line, glued or bracketed: 易车原创 作者：李沐阳
# 2024-03-01 17:33, 2023年11月28日 14:30 [中关村在线 原创] 作者：周小舟 (set AB's car and tech sites).
_OUTLET_ORIGINAL = re.compile(
    r"(?:^|(?<=\s))(?:[\[【]\s*(?P<bracketed>[^\s\[\]【】]{2,12})\s*(?:原创|原創)\s*[\]】]"
    r"|(?P<glued>[\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?:原创|原創)(?=\s|$))"
)


def _names_the_site(page: _Page, name: str) -> bool:
    """Whether the dump's first line (the page's <title>) ends with ``name`` after a separator
    (…问题_易车, …另一种答案-中关村在线): the site's own name."""
    title = (page.dump_first or "").rstrip()
    return title.endswith(name) and title[: -len(name)].rstrip().endswith(TITLE_SEPARATOR_CHARS)


_ORIGINAL = re.compile(
    r"^(?:原创|原創)\s*[:：]?\s*(?P<who>[\u4e00-\u9fffA-Za-z0-9·]{2,20})(?=\s|$|(?:19|20)\d{2})"
)
_ORIGINAL_SIGNED = re.compile(
    r"(?:原创|原創)\s*[:：]?\s*(?P<who>[\u4e00-\u9fffA-Za-z0-9·]{2,20})\s+(?P<account>[\u4e00-\u9fffA-Za-z0-9·]{2,20})"
    # …and the post's date after them, as WeChat prints its header on one line (原创 吴十 北京发布
    # 2023-05-06 10:20 发表于北京; the account's name holds no digit before a year).
    r"(?:\s+(?:19|20)\d{2}\s*[-/.年][^\n]{0,40})?"
)
# "<who> 于 <date> 发布": a blog's or a self-media post's byline.
_POSTED_BY = re.compile(
    r"^(?P<who>[\u4e00-\u9fffA-Za-z0-9·\-_]{2,20})\s+(?:于|於)\s*(?:19|20)\d{2}\s*[-/.年][^发發]{3,20}(?:发布|發布)\s*$"
    # …and a blog's footer: posted @ 2024-05-09 14:45 好看的hk 阅读(430) 评论(2)
    r"|^posted\s*@\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?\s+(?P<poster>[\u4e00-\u9fffA-Za-z0-9·\-_]{2,20})(?=\s|$)"
)
# A source's label with no colon right after a date, and the outlet it names.
_GLUED_SOURCE = re.compile(
    r"(?:信息来源|信息來源|文章来源|文章來源|消息来源|消息來源|来源|來源|稿源)(?![于於自])\s*(?P<outlet>[\u4e00-\u9fff]{2,20})"
)
_LABEL_IN_WORD = re.compile(r"作者|记者|記者|来源|來源|编辑|編輯|责编|責編")
_TOKEN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·\-_]{2,20}")


def _date_neighbours(text: str, found: list[DateFound], *, yearless: bool = False) -> list[tuple[str, str]]:
    """The word right before the line's first dated date (when it opens the line: 中国网 2019-…,
    原创 GameForce 2019-…) and the word right after it, each with its side; with ``yearless``, a day
    with its clock and no year counts as dated, and only the word before it is read."""
    dates = [d for d in found if d.has_year or (yearless and d.precision != "day")]
    if not dates:
        return []
    first = dates[0]
    out = []
    head = text[: first.start]
    before = _TOKEN.findall(head)
    # (A word with a colon after it labels the date: Published: 2023-05-06, no account.)
    labelled = ":" in head or "：" in head
    if len(before) == 2 and before[0] == before[1]:
        before = before[1:]  # 德州消防 德州消防 2024-01-17 08:05 山东: a WeChat header's name twice
    if before and len(before) <= 2 and (len(before) == 1 or before[0] in _NOT_A_NAME) and not labelled:
        out.append((before[-1], "before"))
    if not first.has_year:
        # (…the word after a yearless clock is a platform's: 09-3022:46青岛软媒…有限公司; the word
        # before it is read only as an outlet: 时政 03-18 09:12 is a channel's tag, no account's,
        # the twenty-first review's page)
        return [(token, "before_yearless") for token, _ in out]
    rest = WEEKDAY.sub("", text[first.end :].lstrip(), count=1)
    glued = _GLUED_SOURCE.match(rest)
    if glued is not None:
        # 发布日期2024-10-11信息来源临江区消防救援大队: a source label with no colon after the date
        return [*out, (glued["outlet"], "source")]
    # 2019-05-17 · 苏皖城市报道: a dot or a bar sets the poster apart from the date.
    separated = rest[:1] in ("·", "•", "|", "｜", "丨")
    after = _TOKEN.match(rest[1:].lstrip() if separated else rest)
    if after is not None:
        # 新京报作者：新京报: the word ends where a label starts. (A label whole, 信息来源：, is no
        # outlet's name before one: set O's border police page, 发布时间：… | 信息来源：…)
        word = _LABEL_IN_WORD.split(after.group(), maxsplit=1)[0]
        word = _ACCOUNT_SUFFIX.sub("", word) if _POSTED_FROM.match(word) is None else word
        if len(word) >= 2 and after.group() not in _RULES.label_field:
            out.append((word, "after_separated" if separated else "after"))
    return out


_WEEKDAY_WORD = re.compile(r"(?:星期|礼拜|禮拜|週)[一二三四五六日天]")


def _is_account(token: str) -> bool:
    """A word that can be a self-media account's name: not an outlet, a widget, a role or a label."""
    return (
        token not in _NOT_A_NAME
        and not _OUTLET.search(token)
        and not _WIDGET_WORD.search(token)
        and not _BYLINE_LABEL.search(token)
        and not _PUBLISHER_LABEL.search(token)
        and not _DATE_LABEL_WORD.search(token)
        # (digits only after a name, as a user's name ends: 小鱼妈妈2023, lanyue_2008; not a count)
        and (not any(ch.isdigit() for ch in token) or _NAME_THEN_DIGITS.fullmatch(token) is not None)
        and "".join(token.split()) not in _RULES.label_field  # (发布时间：… | 发布人：审批科: a label)
        and _NOT_AN_ACCOUNT.search(token) is None
        # (星期四, 20/03/2025 16:45: the day's weekday; not 周一 or 周天, names of the surname 周, the
        # eighteenth review's accounts)
        and _WEEKDAY_WORD.fullmatch(token) is None
        # (nor a province alone: where the poster posted from, 潇湘晨报 / 2024-03-19 17:05 / 湖南 /
        # 关注, set AH's repost)
        and _PLACE.fullmatch(token) is None
    )


# (not a level, Lv6, nor a counter: 人气356, 热度9527, the seventeenth review's pages)
_NAME_THEN_DIGITS = re.compile(
    r"(?!(?:人气|人氣|热度|熱度|回复|回覆|评论|評論|点赞|點讚|收藏|转发|轉發|访问|訪問|浏览|瀏覽|播放|阅读|閱讀|"
    r"粉丝|粉絲|关注|關注|楼层|樓層|字数|字數|共计|共計|编号|編號|期号|排名|积分|積分|VIP)[\d量数數]?)"
    r"(?:[\u4e00-\u9fff]{2,}|[^\d\s]{3,})\d{1,6}"
)


# Words no account is named: a zone's clock (北京时间), a platform's disclaimer's phrase (…仅代表该
# 作者或机构观点), a forum's rank (中级会员), a CMS's poster label (发布人). (Set J's pages; the words
# alone: 十年老会员 and 老周观点 are accounts, the third review's.)
# (A forum's ranks for its members, as Discuz names them by default: 中级会员, 版主.)
_POSTER_RANK_WORDS = (
    r"(?:新手上路|(?:初级|中级|高级|注册|普通|正式|金牌|VIP|初級|中級|高級|註冊)(?:会员|會員)|论坛元老|論壇元老|"
    r"实习版主|實習版主|超级版主|超級版主|版主|管理员|管理員)"
)
_POSTER_RANK = re.compile(rf"\s*{_POSTER_RANK_WORDS}\s*")
_NOT_AN_ACCOUNT = re.compile(
    # (…nor a platform's badge beside it: 已认证的官方帐号, 已认证机构号, set P's)
    rf"{CLOCK_ZONE}|或机构观点|或機構觀點|认证|認證|{OFFICIAL_ACCOUNT_WORDS}|机构号|機構號"
    rf"|^(?:发布人|發布人|发稿人|發稿人|录入|錄入|文章录入|文章錄入|{_POSTER_RANK_WORDS})$"
    # (…nor a column's name beside the date: 2024-10-21 | 考古动态, set Y)
)


# (发表于 2023-5-6 10:20 on a forum, 2023-05-06 10:20·发布于北京 on a platform: "posted on / in".)
_DATE_LABEL_WORD = re.compile(
    # (…丨 after it, a bar that is a Han character and so ends the token: 發布時間丨2023.10.17)
    r"(?:时间|時間|日期|更新|发布|發布|发表|發表|发稿|發稿|修订|修訂|观点|觀點)(?:于|於)?丨?$"
    r"|^(?:发布|發布|发表|發表|更新)(?:于|於)|(?:回复|回復|回覆)(?:于|於)$"
)
# (A government's account, text.GOVERNMENT_ACCOUNT, is an outlet (gne thepaper_2's label) that ends
# like a date label word: only where a post's header names its account is it read as one.)


# --- editors --------------------------------------------------------------------------------------


# An editor's credit anywhere in a line near the text (cleaning reads it only where the line starts
# with a label): 本文来源：证券市场红周刊 责任编辑：杨倩_NF4425, 编辑 刘晓阳 校对 李铭, 编辑/倪家宁,
# 2024-05-20 16:25:01 来源:上海奉贤 选稿：许文杰. The label stands at the line's start or after a
# space, a bracket or a bar; a space alone may part it from the name (编辑 刘晓阳). 校对 (proofreading)
# and 排版 (layout) are no editors' credits: on the corpora 0 of their 5 names is a gold editor.
# The label words are the rules' own (metadata.toml, the label family whose field is "editors"), so
# that a credit cleaning reads at a line's start and one read here inside a line are the same words.
_RULES = load_rules()


def _editor_labels() -> list[str]:
    names = {"".join(n.split()) for f in _RULES.labels if f.field == "editors" for n in f.names}
    return sorted(names, key=lambda n: (-len(n), n))


_EDITOR_LABELS = _editor_labels()
# The photographers' labels (摄影, 图片…) and the bare words a closing bracket prints for them
# (（通讯员 苏禾 摄影 钱畅）, （…摄）): the writer's names end there.
_PHOTO_WORDS = frozenset(
    {"".join(n.split()) for f in _RULES.labels if f.field == "photographers" for n in f.names}
    | {"摄", "攝", "摄像", "攝像"}
)
_EDITOR_CREDIT = re.compile(
    rf"(?:^|(?<=[\s\[【(（|｜丨]))(?:{'|'.join(map(re.escape, _EDITOR_LABELS))})"
    r"\s{0,3}(?:[:：/／|｜丨]|(?<=\S)\s)\s*"
)
# The label words alone, without the look-behind: a line without one holds no credit.
_EDITOR_WORD = re.compile("|".join(map(re.escape, _EDITOR_LABELS)))
# A staff code after an editor's name: 杨倩_NF4425 (NetEase), 韩保林 PK155 (ifeng). A code alone is
# the only name the page gives (（责任编辑： HN666）) and stays.
_STAFF_CODE_SUFFIX = re.compile(r"_[A-Za-z]*\d+$")
_STAFF_CODE = re.compile(r"[A-Za-z]{1,4}\d{2,}")
# Where a credit's names end: another credit, a bracket, punctuation, a date.
_EDITOR_END = re.compile(
    r"\s*(?:[，。；;！!？?\"“”()（）【】\[\]|｜丨]|(?<![A-Za-z_\d])(?:19|20)\d{2}\s*[-/.年]|校对|校對|排版|美编|美編|来源|來源|摄影|攝影|作者|"
    # (图片编辑 / 视频编辑 / 美术编辑: the pictures', the video's, the layout's, whose label holds 编辑
    # after a word, where no credit's label is looked for.)
    r"记者|記者|监制|監製|统筹|統籌|策划|策劃|审读|審讀|(?:图片|圖片|视频|視頻|美术|美術)(?:编辑|編輯)|$)"
)


def _uncoded_pieces(value: str) -> Iterator[str]:
    """A credit's pieces (``_pieces``) without the staff codes sites add to its names: a suffix
    (杨倩_NF4425) and a code after a name (韩保林 PK155). A piece the suffix empties stays, empty."""
    named = False
    for piece in _pieces(value.strip()):
        piece = _STAFF_CODE_SUFFIX.sub("", piece)
        if named and _STAFF_CODE.fullmatch(piece):
            continue  # the code of the editor just named
        named = named or bool(piece)
        yield piece


def _editor_names(values: list[str]) -> list[str]:
    """The names of editors' credits, each once, without the staff codes sites add to them, up to
    where the credit ends (编辑：张三 | 校对：李四, 责任编辑：张三（实习）)."""
    out: list[str] = []
    for value in values:
        # A bracketed credit holds the next credit too: （责任编辑：张三 审核：李四）.
        for credit in _EDITOR_CREDIT.split(value.strip().lstrip("[【(（")):
            end = _EDITOR_END.search(credit)
            pieces = list(_uncoded_pieces(credit[: end.start()] if end is not None else credit))
            for i, piece in enumerate(pieces):
                if piece in _EDITOR_LABELS or ":" in piece or "：" in piece:
                    break  # the next credit's label (一审 | … 二审 | …), another label's (评论：127)
                if (
                    i + 1 < len(pieces)
                    and pieces[i + 1]
                    and _is_department(piece)
                    and (
                        _a_post(pieces[i + 1])
                        or _OFFICE.search(piece)
                        # (…or before a name and its post: 审核：药学部　韩立秋　主任药师, set Y)
                        or (i + 2 < len(pieces) and _a_post(pieces[i + 2]))
                    )
                ):
                    # （审核：呼吸科 主任医师 卜振华）: where the editor works (set P); 编辑：宣传科 杨柳.
                    # (聂文科 杨帆 are two editors: a name may end in 科, the thirteenth review's.)
                    continue
                if (
                    i + 1 < len(pieces)
                    and pieces[i + 1]
                    and _MEDIA_OUTLET.search(piece)
                    and _an_outlet_not_a_name(piece)
                ):
                    continue  # （编辑：网通社 周然）: the editor's outlet, then the editor
                if (
                    piece
                    and piece not in out
                    and SUBSTANCE.search(piece)
                    and not _a_post(piece)
                    # (责任编辑：管理员 / admin: the CMS's account, no person, set AU's old sites)
                    and piece not in _SITE_ACCOUNTS
                ):
                    out.append(piece)
    return out


_SITE_ACCOUNTS = frozenset(
    {"管理员", "管理員", "admin", "Admin", "ADMIN", "administrator", "系统管理员", "系統管理員"}
)


_OFFICE = re.compile(
    r"(?:宣传|宣傳|办公|辦公|综合|綜合|政工|秘书|秘書|信息|新闻|新聞)(?:科|室|处|處|部)$|科室$|中心$"
)


def _a_post(piece: str) -> bool:
    """主任, or a department's post (心血管内科主任 beside the name it credits): no name."""
    if _JOB_TITLE.fullmatch(piece):
        return True
    found = _JOB_TITLE.search(piece)
    # (four characters at least: 靳建科主任医师 is a name and a post, 心血管内科主任 a department's;
    # or a party or village unit's short word, 审核人：支部书记 单国梁, set V)
    return (
        found is not None
        and found.end() == len(piece)
        and (
            (found.start() >= 4 and _is_department(piece[: found.start()]))
            or piece[: found.start()] in _POST_UNITS
        )
    )


_POST_UNITS = frozenset(
    {"支部", "总支", "總支", "党委", "黨委", "党组", "黨組", "村委", "居委", "团委", "團委", "工会", "工會"}
)


def _cell_names(text: str) -> list[str]:
    """The names in a credit's value cell, under its label alone (编辑： / 叶晨阳 孙悦): none unless
    every piece is name-shaped."""
    pieces = [p for p in _uncoded_pieces(text) if p]
    if not pieces or any(
        not _NAME.fullmatch(p) or _WIDGET_WORD.search(p) or p in _NOT_A_NAME or _OUTLET.search(p)
        for p in pieces
    ):
        return []
    return pieces


# An outlet's short name glued before the editor's role, as business papers print their credits
# (界面新闻编辑 | 严晓刚, 每经记者 冉静怡 每经编辑 孙子强): a credit when the word is an outlet's name or
# also stands before the reporter's role in the same line.
_OUTLET_EDITOR = re.compile(
    r"(?:^|(?<=\s))(?P<outlet>[\u4e00-\u9fff]{2,6}?)(?:编辑|編輯)\s{0,3}(?:[:：/／|｜丨]|(?<=\S)\s)\s*"
)


def _outlet_editor_credits(text: str) -> Iterator[re.Match[str]]:
    for found in _OUTLET_EDITOR.finditer(text):
        outlet = found["outlet"]
        if (
            outlet not in _EDITOR_LABELS
            and (
                _is_outlet(outlet)
                or f"{outlet}记者" in text
                or f"{outlet}記者" in text
                # (an outlet's short name leading its credit line: 每经编辑：魏澜, set S; a picture's
                # editor is no text's, 图片编辑：… in set E, and the sets part on it)
                # (…and a name after it: 栏目编辑：若干名 in a job notice, 协同编辑：多人同改, ranks,
                # 高级编辑：… in a promotion list, are no credits: the fourteenth review's pages)
                or (
                    found.start() == 0
                    and not _NOT_TEXT_EDITOR.match(outlet)
                    and text[found.end() : found.end() + 1] in COMMON_SURNAMES
                )
            )
        ):
            yield found


_NOT_TEXT_EDITOR = re.compile(
    r"图片|圖片|摄影|攝影|视频|視頻|美术|美術|排版|校对|校對|题图|題圖|音频|音頻|音乐|音樂|动画|動畫|"
    r"高级|高級|主任|助理|资深|資深"
)


_DIGITS = tuple("0123456789")  # (a wire's credit ends with the day's code: a cheap test first)
_WIRE_EDITOR = re.compile(
    r"(?<=[。！？!?」”』])\s*[（(]\s*(?P<credit>(?:編輯|编辑)\s*[:：][^（()）]{2,16})[)）]\s*\d{7}\s*$"
)


_FORECAST_CREDIT = re.compile(r"预报员|預報員|首席预报|首席預報")


def _credited_editors(text: str) -> list[str]:
    """The names of the editors' credits inside a short line near the text (not only at its start)."""
    names: list[str] = []
    credits = sorted([*_EDITOR_CREDIT.finditer(text), *_outlet_editor_credits(text)], key=lambda f: f.start())
    for found in credits:
        if _FORECAST_CREDIT.search(text) and found.group().lstrip(" \u3000[【(（|｜丨").startswith(
            ("签发", "簽發")
        ):
            continue  # (预报员：郑一鸣　签发：刘卫东: a bulletin's forecaster and its signer, no editors)
        rest = text[found.end() :]
        end = _EDITOR_END.search(rest)
        for piece in _uncoded_pieces(rest[: end.start()] if end is not None else rest):
            if (
                not _NAME.fullmatch(piece)
                or _WIDGET_WORD.search(piece)
                or piece in _NOT_A_NAME
                or piece in _EDITOR_LABELS  # the next credit's label: 一审 | 贾文博　二审 | 华静
            ):
                break
            names.append(piece)
    return names


# --- the stage --------------------------------------------------------------------------------


def _first(fields: dict[str, list[str]], name: str) -> str | None:
    for value in fields.get(name, []):
        if value.strip():
            return value.strip()
    return None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def _names(values: list[str]) -> list[str]:
    """Each name once, in order: a credit may list several (胡永秋、杨光宇 / 王五 李四)."""
    return _unique([name for value in values for name in _NAME_SEPARATORS.split(value)])


# The last part of a page <title> after - _ | ｜ that names the site: "…-新华网河北频道-新华网",
# "静夜思•夜-中国诗歌网", "… - CAIJING.COM.". A part that is no site name ends the stripping.
_SITE_PART = re.compile(r"(?:^|(?<=[^-—–]))[-_|｜–—]\s*(?P<site>[^-_|｜–—]{1,25})$")
_SITE_NAME = re.compile(
    r"(?:网|網|频道|頻道|首页|首頁|官网|官網|网站|網站|头条|頭條|传媒|傳媒|新闻|新聞|日报|日報|晚报|晚報|"
    r"客户端|客戶端|门户|門戶)\s*$|^\s*(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+\.?\s*$"
)
MIN_TITLE_CHARS_LEFT = 2


def _without_site_suffix(title: str | None) -> str | None:
    """``title`` without the site name(s) a page <title> appends to the headline."""
    if title is None:
        return None
    while (found := _SITE_PART.search(title)) is not None:
        rest = title[: found.start()].rstrip(" -_|｜–—")
        if len(rest) < MIN_TITLE_CHARS_LEFT or _SITE_NAME.search(found["site"].strip()) is None:
            break
        title = rest
    return title


def _hint_title(hints: Mapping[str, str]) -> str | None:
    """The markup's title: ArticleTitle / og:title, else <title> without its "_site name" part."""
    if hints.get("title", "").strip():
        return hints["title"].strip()
    page_title = hints.get("page_title", "").strip()
    if not page_title:
        return None
    return headline_part(page_title).strip() or None


def extract(
    cleaned: CleanedText,
    *,
    hints: Mapping[str, str] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Metadata:
    """Metadata from the whole page: its lines as cleaning placed them and ``hints`` (the markup)."""
    hints = hints or {}
    page = _Page.of(cleaned)
    sources: dict[str, str] = {}
    published = _published(page, cleaned, hints, now())
    if published is not None:
        sources["published_at"] = published[1]
    authors, publishers, credited = _bylines(page, cleaned)
    author = _fullest(authors)
    # <meta name="author"> is not read: on the two labelled corpora it named the site (网易), a
    # template word ("name") or an editor on 17 pages, and the page's byline on none.
    publisher = publishers.best()
    if publisher is None and author is not None:
        # The account that signs the post, when a byline names the person who wrote it (金融市场棱镜
        # 2019-09-23 07:48 over 《棱镜》作者 周纯): the account is the outlet that publishes it.
        publisher = next(
            (
                c
                for c in authors.items
                if c.source.endswith(_ACCOUNT_SIGNS)
                # (林书瑶·2024年06月05日 10:12 over 文｜林书瑶: the writer's own name, not an account)
                and c.value.strip("·• ") not in author.value.split("、")
            ),
            None,
        )
    declared = _publisher_value(hints.get("publisher", ""))
    if publisher is None and declared:
        publisher = _Candidate(declared, 1.0, "meta source")
    if publisher is None:
        publisher = _own_paper(page, cleaned, hints)
    if author is not None:
        sources["author"] = author.source
    if publisher is not None:
        sources["publisher"] = publisher.source
    return Metadata(
        title=_without_site_suffix(cleaned.title or _hint_title(hints)),
        published_at=None if published is None else published[0].local.astimezone(UTC),
        published_precision=None if published is None else published[0].precision,
        publisher=None if publisher is None else publisher.value,
        author=None if author is None else author.value,
        editors=_editor_names(cleaned.fields.get("editors", []) + credited),
        agency=_first(cleaned.fields, "agency"),
        doc_number=_first(cleaned.fields, "doc_number"),
        index_number=_first(cleaned.fields, "index_number"),
        sources=sources,
    )


# "This paper" in a dateline or a byline (本报讯, 本报4月1日讯, □本报记者, 【本報訊】) names no paper;
# on a paper's own site the page title does (姑苏晚报 - 数字报刊平台, 宜昌日报 数字报, 澳門時聞報 電子版).
_OWN_PAPER = re.compile(r"本[报報](?:讯|訊|记者|記者|\d{1,2}月\d{1,2}日[讯訊])")
_PAPER_NAME = re.compile(
    r"(?P<paper>[\u4e00-\u9fff]{1,8}?(?:报|報))\s*(?:数字报刊平台|數字報刊平台|数字报|數字報|电子版|電子版|电子报|電子報)?"
)
_NOT_A_PAPER_ALONE = frozenset({"数字报", "數字報", "电子报", "電子報"})
_NOT_A_PAPER = (
    "汇报", "匯報", "简报", "簡報", "通报", "通報", "喜报", "喜報", "情报", "情報", "快报", "快報"
)  # fmt: skip
OWN_PAPER_LINES = 3  # how far from the text's start 本报 is looked for (a byline over the first paragraph)


def _own_paper(page: _Page, cleaned: CleanedText, hints: Mapping[str, str]) -> _Candidate | None:
    """The paper whose own site prints 本报讯: the publisher where no line names one."""
    if page.first is None or not any(
        _OWN_PAPER.search(line.text) for line in page.lines if abs(line.pos - page.first) <= OWN_PAPER_LINES
    ):
        return None
    title = hints.get("page_title") or next((r.text for r in cleaned.removed if r.rule_id != "blank"), "")
    title = title.strip()[:MAX_PAGE_TITLE_CHARS]
    parts = TITLE_SEPARATOR.split(title)
    headline = headline_part(title) if len(parts) > 1 else ""
    for part in parts:
        found = _PAPER_NAME.fullmatch(part.strip())
        # (Not the headline part, 区长听取防汛工作汇报_某某区人民政府, nor a report's kind, 工作简报.)
        if (
            found is not None
            and (part != headline or is_site_name(part))
            and not found["paper"].endswith(_NOT_A_PAPER)
            and found["paper"] not in _NOT_A_PAPER_ALONE
        ):
            return _Candidate(found["paper"], 1.0, "page title, 本报")
    return None


def restore_dates(cleaned: CleanedText, metadata: Metadata) -> list[LineRepaired]:
    """Put back a 月 the scraper lost in the article's first lines (``128日`` → ``12月8日``)."""
    published = metadata.published_local_date
    if published is None:
        return []
    repairs: list[LineRepaired] = []
    for index, line in enumerate(cleaned.body[:FIRST_LINES_FOR_DATELINE]):
        fixed = restore_lost_month(line.text, line.line_no, published)
        if fixed.repairs:
            cleaned.body[index] = BodyLine(line.line_no, fixed.text)
            repairs.extend(fixed.repairs)
    cleaned.repairs.extend(repairs)
    for repair in repairs:
        cleaned.stats[repair.rule_id] += 1
    return repairs
