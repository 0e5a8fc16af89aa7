"""Every date and time a line of a Chinese page can print, read as China Standard Time.

Pages print their dates in many shapes: 2019年09月09日 20:52, 2019-09-07 15:10:53, 2016/11/22,
2019.05.17, a date glued to a time (2019年09月11日01:53, 10-0812:00 once a scraper dropped the
space), 上午/下午 clocks (2024年5月22日週三 上午8:21) and a zone's name before a clock (香港時間
10時20分), two-digit years (18-03-08 23:16), dates without a year (发布时间：10-08 12:00), which
only the page's metadata can complete, a notice's date in Chinese numerals (二〇二三年五月六日),
Taiwan's in the Republic's years (中華民國112年5月6日, 發布日期：112-05-06) and full-width digits
(２０２３－０５－０６). ``find_dates`` returns each with its place in the line, so the metadata stage
can weigh it by what stands around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from zharchive.text import WEEKDAY_PATTERN

SHANGHAI = ZoneInfo("Asia/Shanghai")
Precision = Literal["day", "minute", "second"]

_SEP = r"\s{0,3}(?:[-/.]|年)\s{0,3}"
# A zone's name before a clock: 香港時間10時20分, 北京时间 (all of them China Standard Time's offset).
CLOCK_ZONE = r"(?:(?:北京|香港|澳門|澳门|臺北|台北)(?:時間|时间)|HKT(?![A-Za-z]))"
# …and a foreign city's zone there, read with _in_its_zone below (2024年2月20日 悉尼時間 09:30).
_ZONE_PLACES = {
    "美東": "America/New_York", "美东": "America/New_York", "紐約": "America/New_York",
    "纽约": "America/New_York", "美西": "America/Los_Angeles", "洛杉磯": "America/Los_Angeles",
    "洛杉矶": "America/Los_Angeles", "多倫多": "America/Toronto", "多伦多": "America/Toronto",
    "溫哥華": "America/Vancouver", "温哥华": "America/Vancouver", "倫敦": "Europe/London",
    "伦敦": "Europe/London", "巴黎": "Europe/Paris", "柏林": "Europe/Berlin", "東京": "Asia/Tokyo",
    "东京": "Asia/Tokyo", "悉尼": "Australia/Sydney", "雪梨": "Australia/Sydney",
    "墨爾本": "Australia/Melbourne", "墨尔本": "Australia/Melbourne", "奧克蘭": "Pacific/Auckland",
    "奥克兰": "Pacific/Auckland",
}  # fmt: skip
_ZONE_BEFORE_CLOCK = rf"(?:{'|'.join(_ZONE_PLACES)})(?:時間|时间)"
_TIME = (
    # (The zone's name may stand before the clock: 2023年5月6日（星期六）香港時間10時20分, 北京时间.)
    # (…or the weekday's numeral alone in brackets, as Hong Kong's sites print it: 2024年08月03日(六) 15:42.)
    r"(?:\s{0,3}(?:[(（]?(?:星期|週|周|礼拜)[一二三四五六日天][)）]?|[(（][一二三四五六日][)）])?\s{0,3}"
    rf"(?:(?:{CLOCK_ZONE}|{_ZONE_BEFORE_CLOCK})\s{{0,2}})?(?P<half>上午|下午|早上|晚上|凌晨|中午|AM|PM|am|pm)?\s{{0,3}}"
    r"(?:(?P<hour>[01]?\d|2[0-3])\s{0,3}[:：]\s{0,3}(?P<minute>[0-5]\d)(?:\s{0,3}[:：]\s{0,3}(?P<second>[0-5]\d))?(?!\d)"
    # …or after it, the English way (2019-9-5 9:38:01 PM, a player's build stamp on a QQ page).
    r"(?:\s{0,2}(?P<after>AM|PM|am|pm)(?![A-Za-z]))?"
    # …or in words, 10时20分 / 10点20分(08秒): only with its 分, since 10时许 is a sentence's "about ten".
    r"|(?P<hour_cn>[01]?\d|2[0-3])\s{0,2}[时時点點]\s{0,2}(?P<minute_cn>[0-5]?\d)\s{0,2}分"
    r"(?:\s{0,2}(?P<second_cn>[0-5]?\d)\s{0,2}秒)?"
    # …or the hour alone ending its line, a warning's issue time (2024年07月21日 17时, set AA), not
    # an hour a sentence goes on from (17时许, 17时至19时, 17时，…)
    r"|(?P<hour_only>[01]?\d|2[0-3])\s{0,2}[时時](?=\s*$)))?"
)
# Four-digit year, month, day: 年月日 or - / . between them; 日 optional after a separator.
_FULL = re.compile(
    rf"(?<!\d)(?P<year>(?:19|20)\d{{2}}){_SEP}(?P<month>1[0-2]|0?[1-9]){_SEP.replace('年', '月')}"
    rf"(?P<day>3[01]|[12]\d|0?[1-9])(?:\s{{0,3}}[日号])?(?!\d{{3}})(?:T(?=\d))?" + _TIME
)
# A year's months from one to another (2024年1-5月深圳经济运行情况, a statistics bureau's monthly
# release, set AA): 年 then a separator a date never mixes with it.
MONTHS_RANGE = re.compile(r"(?:19|20)\d{2}\s{0,3}年\s{0,3}\d{1,2}\s{0,3}[-/.~～—至]\s{0,3}\d{1,2}\s{0,3}月")
# Two-digit year with a time after it (18-03-08 23:16): a bare 18-03-08 is too often something else.
_SHORT_YEAR = re.compile(
    r"(?<![\d\-/.])(?P<year>[0-3]\d)-(?P<month>1[0-2]|0[1-9])-(?P<day>3[01]|[12]\d|0[1-9])" + _TIME
)
# Month and day without a year, with a time (10-08 12:00, 09月30日 22:46): needs a year from elsewhere.
_NO_YEAR = re.compile(
    r"(?<![\d\-/.年])(?P<month>1[0-2]|0?[1-9])\s{0,3}(?:[-/]|月)\s{0,3}(?P<day>3[01]|[12]\d|0?[1-9])(?:\s{0,3}日)?"
    + _TIME
)

# A date in Chinese numerals, as a government notice signs and dates itself (二〇二三年五月六日,
# 二零二三年十二月三十一日): the day only, and only with all three of 年, 月 and 日.
_CN_DIGITS = "〇零○Ｏ一二三四五六七八九"
_CN_FULL = re.compile(
    rf"(?<![{_CN_DIGITS}])(?P<year>[一二][{_CN_DIGITS}]{{3}})\s{{0,2}}年\s{{0,2}}"
    r"(?P<month>十[一二]?|[一二三四五六七八九])\s{0,2}月\s{0,2}"
    r"(?P<day>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s{0,2}[日号]"
)
_CN_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


def cn_number(text: str) -> int:
    """一九九八 → 1998 digit by digit; 十二 → 12, 二十一 → 21, 三十 → 30 with its 十."""
    if "十" not in text:
        return int("".join(str(_CN_VALUE[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return 10 * (_CN_VALUE[tens] if tens else 1) + (_CN_VALUE[ones] if ones else 0)


# A Taiwan date in the Republic's years (中華民國112年5月6日 is 2023-05-06), with its era's name, or
# without it only right after a date's label (發布日期：112-05-06): the day only.
ROC_OFFSET = 1911
_ROC = re.compile(
    r"(?:(?:中華民國|中华民国|民國|民国)\s{0,2}(?P<year>\d{2,3})\s{0,2}年\s{0,2}(?P<month>1[0-2]|0?[1-9])\s{0,2}月"
    r"\s{0,2}(?P<day>3[01]|[12]\d|0?[1-9])\s{0,2}日"
    # (…a day's label, 公告日：113/05/16, a procurement notice's on Taiwan's e-procurement site, set AS)
    r"|(?:日期|時間|时间|(?:公告|發布|发布|發文|发文|更新|刊登)日)\s{0,2}[:：]\s{0,3}(?P<label_year>1[0-2]\d)(?:(?P<sep>[-/.])(?P<label_month>1[0-2]|0[1-9])(?P=sep)"
    r"(?P<label_day>3[01]|[12]\d|0[1-9])(?![\d\-/.])"
    # (…or with 年 月 日 after the label: 發布日期：113年9月3日.)
    r"|\s{0,2}年\s{0,2}(?P<word_month>1[0-2]|0?[1-9])\s{0,2}月\s{0,2}(?P<word_day>3[01]|[12]\d|0?[1-9])\s{0,2}日))"
)


# …or alone on its line, as a Taiwan page prints it under its headline (113年6月28日, 113-05-10): the
# Republic's years run 100-129 now, which no other date on a line of its own starts with.
# (…with its clock, 113-06-27 10:30, or its month and day unpadded, 113/6/28: the seventeenth review's)
_ROC_ALONE = re.compile(
    r"\s*(?P<year>1[0-2]\d)(?:\s{0,2}年\s{0,2}(?P<month>1[0-2]|0?[1-9])\s{0,2}月\s{0,2}(?P<day>3[01]|[12]\d|0?[1-9])\s{0,2}日"
    r"|(?P<sep>[-/.])(?P<num_month>1[0-2]|0?[1-9])(?P=sep)(?P<num_day>3[01]|[12]\d|0?[1-9]))"
    r"(?:\s{1,3}(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))?\s*"
)
ROC_ALONE_CHARS = 22


def _roc_alone(line: str) -> list[DateFound]:
    match = _ROC_ALONE.fullmatch(line)
    if match is None:
        return []
    month, day = (match["month"], match["day"]) if match["month"] else (match["num_month"], match["num_day"])
    clock = (int(match["hour"]), int(match["minute"])) if match["hour"] else (0, 0)
    try:
        local = datetime(int(match["year"]) + ROC_OFFSET, int(month), int(day), *clock, tzinfo=SHANGHAI)
    except ValueError:
        return []
    return [DateFound(match.start("year"), match.end(), local, "minute" if match["hour"] else "day", True)]


def _roc_dates(line: str) -> list[DateFound]:
    found = []
    for match in _ROC.finditer(line):
        labelled = match["label_year"] is not None
        if labelled and match["word_month"] is not None:
            parts = ("label_year", "word_month", "word_day")
        elif labelled:
            parts = ("label_year", "label_month", "label_day")
        else:
            parts = ("year", "month", "day")
        year, month, day = (int(match[p]) for p in parts)
        try:
            local = datetime(year + ROC_OFFSET, month, day, tzinfo=SHANGHAI)
        except ValueError:
            continue
        start = match.start("label_year") if labelled else match.start()
        found.append(DateFound(start, match.end(), local, "day", True))
    return found


@dataclass(frozen=True)
class DateFound:
    """A date printed in a line: where it stands, what it says (local time), how precise it is."""

    start: int
    end: int
    local: datetime  # Asia/Shanghai; a date without a year has year 2000 (``has_year`` False)
    precision: Precision
    has_year: bool

    def with_year(self, year: int) -> DateFound | None:
        try:
            local = self.local.replace(year=year)
        except ValueError:
            return None
        return DateFound(self.start, self.end, local, self.precision, True)


def clock_hour(hour: int, half: str) -> int:
    """``hour`` on a 24-hour clock, given the half of the day printed with it (下午 3 → 15, 上午 12 →
    0: five past midnight is 上午 12:05)."""
    if (half in ("下午", "晚上", "PM", "pm") and hour < 12) or (half == "中午" and hour < 11):
        return hour + 12
    if half in ("凌晨", "上午", "早上", "AM", "am") and hour == 12:
        return 0
    return hour


def _make(
    found: re.Match[str], year: int | None, month_day: tuple[int, int] | None = None
) -> DateFound | None:
    groups = found.groupdict()
    hour = groups.get("hour") or groups.get("hour_cn") or groups.get("hour_only")
    minute = groups.get("minute") or groups.get("minute_cn") or ("00" if groups.get("hour_only") else None)
    second = groups.get("second") or groups.get("second_cn")
    h = clock_hour(int(hour) if hour is not None else 0, groups.get("half") or groups.get("after") or "")
    precision: Precision = "second" if second else "minute" if minute else "day"
    try:
        local = datetime(
            year if year is not None else 2000,  # a leap year, so 02-29 stays a date
            *(month_day or (int(groups["month"]), int(groups["day"]))),
            h,
            int(minute or 0),
            int(second or 0),
            tzinfo=SHANGHAI,
        )
    except ValueError:
        return None
    return DateFound(found.start(), found.end(), local, precision, year is not None)


# A date whose 月 the scraper lost (2023年6 12日 09:18, 2023年612日): the month and the day parted by
# a space, or three or four digits glued to 年 that split only one way into a month and a day (612 is
# 6-12; 112 could be 1-12 or 11-2 and is no date; a table's 2020年 12日, days of rain, is none).
# Tried only where the full shape found nothing.
_LOST_MONTH_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s{0,3}年\s{0,3}"
    r"(?:(?P<month>1[0-2]|0?[1-9])\s{1,3}(?P<day>3[01]|[12]\d|0?[1-9])|(?<=年)(?P<digits>\d{3,4}))"
    r"\s{0,3}日" + _TIME
)


def _month_day(found: re.Match[str]) -> tuple[int, int] | None:
    if found["digits"] is None:
        return int(found["month"]), int(found["day"])
    digits = found["digits"]
    splits = [
        (int(digits[:i]), int(digits[i:]))
        for i in range(1, len(digits))
        if digits[i] != "0" and 1 <= int(digits[:i]) <= 12 and 1 <= int(digits[i:]) <= 31
    ]
    return splits[0] if len(splits) == 1 else None


# What a date of each shape cannot go without: a four-digit year and its separator (``_FULL``), a
# clock (``_SHORT_YEAR`` and ``_NO_YEAR``, read only with their time). A line with neither holds no
# date, and the shapes' own patterns are not run on it: most lines the metadata stage asks hold a
# phone number, a counter or an ICP number, no date (find_dates over the 63,634 lines it reads of
# 3,000 generated pages: 1.7 → 1.35 µs a line, CPU time, min of 5, old and new interleaved).
_YEAR_AND_SEPARATOR = re.compile(r"(?:19|20)\d{2}\s{0,3}[-/.年]")
_EN_YEAR = re.compile(r"[A-Za-z].{0,12}(?:19|20)\d{2}(?!\d)")
_CLOCK = re.compile(r"\d\s{0,3}[:：]\s{0,3}[0-5]\d")


def _cn_dates(line: str) -> list[DateFound]:
    found = []
    for match in _CN_FULL.finditer(line):
        try:
            local = datetime(
                cn_number(match["year"]),
                cn_number(match["month"]),
                cn_number(match["day"]),
                tzinfo=SHANGHAI,
            )
        except ValueError:
            continue
        found.append(DateFound(match.start(), match.end(), local, "day", True))
    return found


# A date with the month's English name (May 12, 2024 / 12 May 2024), as bilingual sites print it
# under the headline: the day only.
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_MONTH_NAME = (
    r"(?P<{0}>January|February|March|April|May|June|July|August|September|Sept|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?(?![A-Za-z])"
)
_EN_DATE = re.compile(
    rf"(?<![A-Za-z]){_EN_MONTH_NAME.format('month')}\s{{1,3}}(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s{{1,3}}"
    r"(?P<year>(?:19|20)\d{2})(?!\d)"
    rf"|(?<![\d])(?P<day2>3[01]|[12]\d|0?[1-9])\s{{1,3}}{_EN_MONTH_NAME.format('month2')},?\s{{1,3}}"
    r"(?P<year2>(?:19|20)\d{2})(?!\d)",
    re.I,
)


# A European date, day first with dots (22.05.2024 09:30), as Chinese-language media in Europe print
# it. Dots only: 05/06/2024 is the day first in Europe and the month first in America; two digits
# each, as they print them (a version's 1.2.2024 is no date).
_EU_DATE = re.compile(
    r"(?<![\d.A-Za-z])(?P<day>3[01]|[12]\d|0[1-9])\.(?P<month>1[0-2]|0[1-9])\.(?P<year>(?:19|20)\d{2})(?![\d.])"
    + _TIME
)
_EU_YEAR = re.compile(r"\d\.(?:19|20)\d{2}(?![\d.])")


# A slashed date with the year last, after a date label (發佈日期：23/07/2024, Macau's government;
# Published: 11/14/2024 08:30 PM ET, a Canadian site's; 发布: 6:20pm 03/08/2024, a Malaysian
# paper's, its clock first): the day first when the first number cannot be a month (13-31), the
# month first when the second cannot. 05/06/2024 is the day first in Macau and the month first in
# America: both readings (``slashed_readings``), for the page to choose between.
_DMY_SLASH = re.compile(
    r"(?:(?P<pre_hour>1[0-2]|0?[1-9]):(?P<pre_minute>[0-5]\d)\s{0,2}(?P<pre_half>AM|PM|am|pm)\s{1,3})?"
    r"(?<![\d/])(?P<lead>3[01]|[12]\d|0?[1-9])/(?P<then>3[01]|[12]\d|0?[1-9])/"
    r"(?P<year>(?:19|20)\d{2})(?![\d/])"
    # (…a dash between the day and its clock, as content systems print it by default: 14/03/2024 -
    # 11:20, set AJ's broadcaster)
    r"(?:\s{1,3}[-–]\s{1,3}(?=\d{1,2}:\d\d))?" + _TIME
)
_DMY_YEAR = re.compile(r"\d/(?:19|20)\d{2}(?![\d/])")
# A clock in a zone other than China's, named after it (2024-05-12 20:30（美東時間）, an overseas
# paper's, set H; 2024-04-10 08:30 多伦多时间, 2024-11-06 06:00 美东, set AW) or between the day and
# the clock (2023年9月28日 美西時間 下午 06:15, 2024年2月20日 悉尼時間 09:30, set AW): the instant is
# that zone's, and is read in it (zoneinfo, so a summer's clock is read in summer time).
_ZONE_LETTERS = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "AEDT": "Australia/Sydney", "AEST": "Australia/Sydney",
}  # fmt: skip
_ZONE_NAME = _ZONE_BEFORE_CLOCK + (
    # (美东 alone after the clock, a word's start no more: 06:00 美东, not 06:00 美东地区…)
    r"|(?:美東|美东|美西)(?![\u4e00-\u9fff])"
    # (…or its letters after a North American or Australian clock: 08:30 PM ET, 09:30 AEDT)
    rf"|(?<![A-Za-z])(?:{'|'.join(_ZONE_LETTERS)})(?![A-Za-z])"
)
_FOREIGN_ZONE = re.compile(
    rf"\s{{0,2}}[(（]?\s{{0,2}}(?P<zone>{_ZONE_NAME})"
    # (the zone's name alone: 01:30（巴黎时间26日19:30） prints Beijing's clock and the other beside it)
    r"(?!\s{0,2}\d)"
)
_ZONE_IN_SPAN = re.compile(_ZONE_BEFORE_CLOCK)


def _zone_of(name: str) -> ZoneInfo:
    """The zone a name printed with a clock stands for (悉尼時間, 美东, PDT)."""
    place = name[:-2] if name.endswith(("時間", "时间")) else name
    return ZoneInfo(_ZONE_LETTERS.get(name) or _ZONE_PLACES[place])


def _in_its_zone(date: DateFound | None, line: str) -> DateFound | None:
    """``date``, read in the zone named between its day and its clock or right after its clock, if
    any (as China Standard Time)."""
    if date is None or date.precision == "day":
        return date
    inside = _ZONE_IN_SPAN.search(line, date.start, date.end)
    zone = _FOREIGN_ZONE.match(line, date.end) if inside is None else None
    if inside is None and zone is None:
        return date
    name = inside.group() if inside is not None else zone["zone"] if zone is not None else ""
    there = date.local.replace(tzinfo=_zone_of(name))
    end = zone.end() if zone is not None else date.end
    return DateFound(date.start, end, there.astimezone(SHANGHAI), date.precision, date.has_year)


# (…and only right after a date label: a sign-up period's 由15/07/2024至29/07/2024 and a school
# calendar's 20/12/2024 | 聖誕聯歡會 date no page, the third review's pages.)
_PUBLICATION_WORDS = r"發佈|發布|发布|更新|Published|Updated|Posted"
_DMY_LABEL = re.compile(rf"(?:日期|時間|时间|{_PUBLICATION_WORDS})\s*[:：]?\s*$")
# (…a month first, or either way, only after a publication's label: 上課日期：07/15/2024 is a course's
# start on a notice that prints no date of its own, the twelfth review's page)
_PUBLISHED_LABEL = re.compile(rf"(?:{_PUBLICATION_WORDS})(?:日期|時間|时间)?\s*[:：]?\s*$")


def _slashed(match: re.Match[str], line: str, *, day_first: bool) -> DateFound | None:
    first, second = int(match["lead"]), int(match["then"])
    day, month = (first, second) if day_first else (second, first)
    date = _make(match, int(match["year"]), (month, day))
    if date is None or match["pre_hour"] is None:
        return _in_its_zone(date, line)
    hour = clock_hour(int(match["pre_hour"]), match["pre_half"])
    local = date.local.replace(hour=hour, minute=int(match["pre_minute"]))
    return DateFound(date.start, date.end, local, "minute", True)


# (…its weekday before it: 星期四, 20/03/2025 16:45, the seventeenth review's probe; not after it,
# 28/12/2024（星期六）, a concert's day in a listing, the eighteenth review's page)
_WEEKDAY_ALONE = re.compile(rf"\s*(?:{WEEKDAY_PATTERN}|[(（][一二三四五六日][)）])?\s*[,，]?\s*")


def _labelled_slashes(line: str, label: re.Pattern[str] = _DMY_LABEL) -> Iterator[re.Match[str]]:
    # (…or the date alone on its line, as Malaysian, Singaporean and Macau sites print it under the
    # headline: 20/03/2025 18:30, sets AA and AC; a day first only, a month first needs its label.)
    return (
        match
        for match in _DMY_SLASH.finditer(line)
        if label.search(line, 0, match.start())
        or (
            label is _DMY_LABEL
            and _WEEKDAY_ALONE.fullmatch(line, 0, match.start()) is not None
            and not line[match.end() :].strip()
        )
    )


def _dmy_dates(line: str) -> list[DateFound]:
    found = []
    for match in _labelled_slashes(line):
        first, second = int(match["lead"]), int(match["then"])
        if first > 12 >= second or first == second:
            found.append(_slashed(match, line, day_first=True))
        elif second > 12 >= first and _PUBLISHED_LABEL.search(line, 0, match.start()):
            found.append(_slashed(match, line, day_first=False))
    return [date for date in found if date is not None]


def slashed_readings(line: str) -> list[tuple[DateFound, DateFound]]:
    """A date label's slashed date that reads either way (发布: 05/08/2024 下午9:15): the day-first
    reading and the month-first one, for the caller to choose by what else the page says (its
    dateline's day, （新山5日讯）); ``find_dates`` reads neither."""
    found = []
    for match in _labelled_slashes(line, _PUBLISHED_LABEL):
        first, second = int(match["lead"]), int(match["then"])
        if first != second and first <= 12 and second <= 12:
            day_first = _slashed(match, line, day_first=True)
            month_first = _slashed(match, line, day_first=False)
            if day_first is not None and month_first is not None:
                found.append((day_first, month_first))
    return found


def _eu_dates(line: str) -> list[DateFound]:
    found = (_make(match, int(match["year"])) for match in _EU_DATE.finditer(line))
    return [date for date in found if date is not None]


def _en_dates(line: str) -> list[DateFound]:
    found = []
    for match in _EN_DATE.finditer(line):
        month = match["month"] or match["month2"]
        day, year = match["day"] or match["day2"], match["year"] or match["year2"]
        try:
            local = datetime(int(year), _EN_MONTHS.index(month[:3].lower()) + 1, int(day), tzinfo=SHANGHAI)
        except ValueError:
            continue
        found.append(DateFound(match.start(), match.end(), local, "day", True))
    return found


# Full-width digits and separators (２０２３－０５－０６), as some sites type their dates: read as their
# ASCII forms, one character for one, so that every place in the line stays where it was.
_FULL_WIDTH = re.compile(r"[０-９]")
_TO_ASCII = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


# A clock printed before its day (12:45 2024/04/18 中時新聞網, a Taiwan paper's, set AW), opening its
# line (影音 03:25 2024/07/03 and 片長 01:58 …: a video's length, the twenty-fourth review's pages),
# its half-day read (下午 02:45 2024/04/18).
_CLOCK_THEN = re.compile(
    r"\s*(?:(?P<half>上午|下午|AM|PM|am|pm)\s{0,2})?"
    r"(?P<hour>[01]?\d|2[0-3])[:：](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s{1,3}"
)


def _clock_before(date: DateFound, line: str) -> DateFound:
    """``date`` with the clock right before it, when it has none of its own."""
    if date.precision != "day" or not date.has_year:
        return date
    clock = _CLOCK_THEN.fullmatch(line, 0, date.start)
    if clock is None:
        return date
    local = date.local.replace(
        hour=clock_hour(int(clock["hour"]), clock["half"] or ""),
        minute=int(clock["minute"]),
        second=int(clock["second"] or 0),
    )
    precision: Precision = "second" if clock["second"] else "minute"
    start = clock.start("half") if clock["half"] is not None else clock.start("hour")
    return DateFound(start, date.end, local, precision, True)


def find_dates(line: str) -> list[DateFound]:
    """Every date in ``line``, left to right; a date with a year is never also read as one without."""
    if _FULL_WIDTH.search(line) is not None:
        line = line.translate(_TO_ASCII)
    with_year = _YEAR_AND_SEPARATOR.search(line) is not None
    with_clock = (":" in line or "：" in line) and _CLOCK.search(line) is not None
    # (A date in Chinese numerals has neither year digits nor a clock: 年 and 月 are its cheap test;
    # a Taiwan date has its era's 民 or a date label's word.)
    in_words = _cn_dates(line) if "年" in line and "月" in line else []
    if "民" in line or "日期" in line or "日：" in line or "日:" in line or "時間" in line or "时间" in line:
        in_words += _roc_dates(line)
    elif len(line) <= ROC_ALONE_CHARS and line.lstrip()[:1] == "1":
        in_words += _roc_alone(line)
    if not with_year and _EN_YEAR.search(line) is not None:  # (a year with no separator after it)
        in_words += _en_dates(line)
    if not with_year and "." in line and _EU_YEAR.search(line) is not None:
        in_words += _eu_dates(line)
    # (…where a year-first date is not also read: 14/03/2024 - 11:20, a Paris broadcaster's Chinese
    # site, set AJ, whose "2024 -" looks like a year before its separator)
    if "/" in line and _DMY_YEAR.search(line) is not None and (not with_year or _FULL.search(line) is None):
        in_words += _dmy_dates(line)
    if not with_year and not with_clock:
        return sorted(in_words, key=lambda d: d.start)
    found: list[DateFound] = in_words
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in in_words]

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= a or match.start() >= b for a, b in taken)

    for match in _FULL.finditer(line) if with_year else ():
        if MONTHS_RANGE.match(line, match.start()):
            continue  # 2024年1-5月: months from January to May, no day
        date = _in_its_zone(_make(match, int(match["year"])), line)
        if date is not None:
            found.append(date)
            taken.append((match.start(), match.end()))
    if with_clock:
        found = [_clock_before(date, line) for date in found]
    if with_year and "年" in line:
        for match in _LOST_MONTH_DATE.finditer(line):
            month_day = _month_day(match) if free(match) else None
            date = _make(match, int(match["year"]), month_day) if month_day is not None else None
            if date is not None:
                found.append(date)
                taken.append((match.start(), match.end()))
    if not with_clock:
        return sorted(found, key=lambda d: d.start)  # the two shapes below come with a time
    for pattern in (_SHORT_YEAR, _NO_YEAR):
        for match in pattern.finditer(line):
            if match["hour"] is not None and free(match):
                date = _make(match, 2000 + int(match["year"]) if pattern is _SHORT_YEAR else None)
                if date is not None:
                    found.append(date)
                    taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


_ISO = re.compile(
    r"(?P<year>(?:19|20)\d{2})-?(?P<month>[01]\d)-?(?P<day>[0-3]\d)"
    r"(?:[T\s](?P<hour>[0-2]\d):?(?P<minute>[0-5]\d)(?::?(?P<second>[0-5]\d))?(?:\.\d+)?"
    r"(?P<zone>Z|[+-][0-2]\d:?[0-5]\d)?)?"
)


def parse_declared(value: str) -> DateFound | None:
    """A date the markup declares (``<meta content>``, ``<time datetime>``, JSON-LD, a Unix time):
    ISO 8601 with its zone when it has one, else China Standard Time, else the first printed date."""
    text = value.strip()
    if re.fullmatch(r"1[0-9]{9}", text):  # seconds since 1970 (WeChat's ct=, some CMSs)
        local = datetime.fromtimestamp(int(text), UTC).astimezone(SHANGHAI)
        return DateFound(0, len(text), local, "second", True)
    iso = _ISO.match(text)
    if iso is not None:
        try:
            local = datetime(
                int(iso["year"]),
                int(iso["month"]),
                int(iso["day"]),
                int(iso["hour"] or 0),
                int(iso["minute"] or 0),
                int(iso["second"] or 0),
                tzinfo=_zone(iso["zone"]),
            ).astimezone(SHANGHAI)
        except ValueError:
            return None
        precision: Precision = "second" if iso["second"] else "minute" if iso["minute"] else "day"
        return DateFound(0, iso.end(), local, precision, True)
    printed = [d for d in find_dates(text) if d.has_year]
    return printed[0] if printed else None


def _zone(offset: str | None) -> tzinfo:
    """``Z`` or ``+08:00`` / ``+0800`` as a zone; none given: China Standard Time."""
    if not offset:
        return SHANGHAI
    if offset == "Z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
