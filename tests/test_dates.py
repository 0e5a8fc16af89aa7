"""zharchive.stages.dates: every shape of date a page prints, and what markup declares.

The lines are real lines of the labelled corpora's pages (../shared/corpus), or of the seeds.
"""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT, SEEDS
from zharchive.stages import dates
from zharchive.stages.dates import DateFound, find_dates, parse_declared, slashed_readings


def _shown(line: str) -> list[tuple[str, str, bool]]:
    return [(d.local.strftime("%Y-%m-%d %H:%M:%S"), d.precision, d.has_year) for d in find_dates(line)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2019-09-07 15:10:53 字号：A- A A+ 来源：EETOP", ("2019-09-07 15:10:53", "second")),
        ("金融市场棱镜2019-09-23 07:48", ("2019-09-23 07:48:00", "minute")),
        ("2019年09月11日01:53 新浪科技 我有话说(1307人参与) 收藏本文", ("2019-09-11 01:53:00", "minute")),
        ("发布时间：18-03-0823:16", ("2018-03-08 23:16:00", "minute")),
        ("2024年5月22日週三 上午8:21", ("2024-05-22 08:21:00", "minute")),
        ("2024年5月20日週一 下午2:05", ("2024-05-20 14:05:00", "minute")),
        ("来源：人民日报2024-05-13 08:49", ("2024-05-13 08:49:00", "minute")),
        ("发布日期：2016-11-22 浏览次数： 信息来源：省发改委", ("2016-11-22 00:00:00", "day")),
        ("2019.05.17 · 苏皖城市报道", ("2019-05-17 00:00:00", "day")),
        ("湖南法治報訊(通訊員 焦倩)2024年2月29日,永定公安召開", ("2024-02-29 00:00:00", "day")),
        ("复制调试信息 3.4.40 (2019-9-5 9:38:01 PM)", ("2019-09-05 21:38:01", "second")),  # AM/PM after
        ("发布时间：2023年05月06日 10时20分 来源：县融媒体", ("2023-05-06 10:20:00", "minute")),  # in words
        ("2023年5月6日 星期六 上午9点5分08秒", ("2023-05-06 09:05:08", "second")),
        ("发布时间：２０２３－０５－０６ １０：２０", ("2023-05-06 10:20:00", "minute")),  # full-width
        ("发布时间：22.05.2024 09:30", ("2024-05-22 09:30:00", "minute")),  # Europe: the day first
        ("22.05.2024", ("2024-05-22 00:00:00", "day")),
    ],
)
def test_a_printed_date_is_read_with_its_time(line: str, expected: tuple[str, str]) -> None:
    assert _shown(line)[0][:2] == expected
    assert _shown(line)[0][2] is True


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("二〇二三年五月六日", "2023-05-06"),
        ("发布时间：二零二三年十二月三十一日", "2023-12-31"),
        ("某某市人民政府办公室 一九九八年十月一日", "1998-10-01"),
        ("二〇二四年二月二十九日印发", "2024-02-29"),
        # A Taiwan date in the Republic's years: with the era's name, or right after a date label.
        ("中華民國112年5月6日", "2023-05-06"),
        ("發布日期：112-05-06", "2023-05-06"),
        ("發布日期：113年9月3日", "2024-09-03"),
        # (…or a day's label: 公告日：113/05/16 on Taiwan's e-procurement notices, set AS)
        ("公告日：113/05/16", "2024-05-16"),
        # The month's English name, as a bilingual site prints it.
        ("May 12, 2024", "2024-05-12"),
        ("12 May 2024", "2024-05-12"),
        ("Published: September 3rd, 2023", "2023-09-03"),
        ("Dec. 5, 2019", "2019-12-05"),
    ],
)
def test_a_date_in_words_or_the_republics_years_is_read_to_the_day(line: str, expected: str) -> None:
    assert _shown(line) == [(f"{expected} 00:00:00", "day", True)]


@pytest.mark.parametrize(
    "line",
    [
        "二〇二三年二月三十日",
        "二〇二三年五月",
        "一二三四五年五月六日",
        "十二月三十一日",
        "日期：112-05-06-88",  # a Republic's year needs its date to end there
        "編號：112-05-06",  # …and a date's label before it
        "數量：113年9月3日",
        "生日：113/05/16",  # (a day's label is a notice's, not any word ending in 日)
        "Mayor 12, 2024",  # a word that starts like a month
        "May 32, 2024",
        "日期：113年9月",
        "版本 1.2.2024",  # a version: a European date prints two digits each
        "05/06/2024",  # the day first in Europe, the month first in America: neither
        "31.02.2024",
        "V10.05.2023",  # a version's number
    ],
)
def test_numerals_that_are_no_full_date_give_none(line: str) -> None:
    # 30 February, no day, a fifth numeral before the year, no year: none is a date.
    assert find_dates(line) == []


def test_an_hour_in_words_without_its_minutes_is_no_time() -> None:
    # 10时许 is "about ten" in a sentence (gne 163_7 prints 上午7时30分 in its prose, with its 分).
    assert _shown("2023年5月6日10时许，民警接到群众报警称")[0][:2] == ("2023-05-06 00:00:00", "day")


def test_a_date_without_a_year_is_found_but_marked() -> None:
    [(when, precision, has_year)] = _shown("发布时间：10-0812:00优质原创作者")
    assert when.endswith("10-08 12:00:00") and precision == "minute" and has_year is False
    [completed] = [d.with_year(2019) for d in find_dates("发布时间：10-0812:00")]
    assert completed is not None and completed.local.year == 2019 and completed.has_year


@pytest.mark.parametrize(
    "line",
    [
        "9月30日消息 据外媒报道，9月30日，日本现存的唯一一家提供传呼机服务的营运商将正式终止服务。",
        "1-10月，全县固定资产投资完成246.79亿元，完成年度计划82.3%，同比增长15.3%。",
        "文号 : 永公发〔2017〕12号",
        "5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！",
    ],
)
def test_text_that_is_no_full_date_gives_none(line: str) -> None:
    # A month and day without a year count only with a time beside them (10-08 12:00).
    assert [d for d in find_dates(line) if d.has_year] == []
    assert find_dates(line) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-10-08T12:00:57+08:00", "2019-10-08 12:00:57"),
        ("2019-09-07T05:51:23.000Z", "2019-09-07 13:51:23"),  # UTC, shown in China Standard Time
        ("2019-09-07 19:02:26", "2019-09-07 19:02:26"),  # no zone: China Standard Time
        ("20190907", "2019-09-07 00:00:00"),
        ("1581517074", "2020-02-12 22:17:54"),  # a Unix time (WeChat's ct)
        ("2019-9-7 21:30:50", "2019-09-07 21:30:50"),
    ],
)
def test_declared_dates_are_read_in_their_zone(value: str, expected: str) -> None:
    found = parse_declared(value)
    assert found is not None and found.local.strftime("%Y-%m-%d %H:%M:%S") == expected


def test_a_declared_value_that_is_no_date_gives_none() -> None:
    assert parse_declared("name") is None
    assert parse_declared("2019-13-45") is None


def _every_shape(line: str) -> list[DateFound]:
    """``find_dates`` without its two quick tests (a year and its separator, a clock): every shape's
    pattern run on every line, as before issue 22."""
    line = line.translate(dates._TO_ASCII)
    found: list[DateFound] = dates._cn_dates(line) + dates._roc_dates(line)
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in found]
    for match in dates._FULL.finditer(line):
        date = dates._make(match, int(match["year"]))
        if date is not None:
            found.append(date)
            taken.append((match.start(), match.end()))
    for pattern in (dates._SHORT_YEAR, dates._NO_YEAR):
        for match in pattern.finditer(line):
            free = all(match.end() <= a or match.start() >= b for a, b in taken)
            if match["hour"] is not None and free:
                date = dates._make(match, 2000 + int(match["year"]) if pattern is dates._SHORT_YEAR else None)
                if date is not None:
                    found.append(date)
                    taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def test_the_quick_tests_drop_no_date() -> None:
    """The lines find_dates skips hold no date any shape's pattern reads: the seeds' and generated
    pages' lines, and lines made to sit at the tests' edges."""
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "benchmarks" / "throughput.py")
    assert spec is not None and spec.loader is not None
    throughput = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(throughput)
    lines = [line for seed in sorted(SEEDS.glob("*.txt")) for line in seed.read_text("utf-8").splitlines()]
    for index in range(200):
        raw, codec = throughput.make_document(index)
        lines += raw.decode(codec).splitlines()
    lines += [
        "电话：0680-98230329",  # digits and separators, no date
        "5月6-7 8:00",  # a clock after a month and day
        "10-08 12:00 发布",
        "18-03-08 23:16",
        "18-03-08",  # a short year without a time is no date
        "2019 年 09 月 11 日 01 : 53",
        "２０１９年",
        "发布时间：10-0812:00",
        "2024.05.17 ｜ 12：30：45",
        "19 99-01-01",
        "2099/1/1T12:00",
        "发布时间：二〇二三年五月六日 10:20",  # a date in numerals beside a clock
        "二〇二三年工作要点",  # a year alone
    ]
    dated = 0
    for line in lines:
        expected = _every_shape(line)
        assert find_dates(line) == expected, line
        dated += bool(expected)
    assert dated >= 200  # the generated pages print their dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The scraper lost the 月 (the mission's damage): parted by a space, or glued when the digits
        # split into a month and a day only one way.
        ("发布时间：2023年6 12日 09:18　　来源：城南派出所", ("2023-06-12 09:18:00", "minute")),
        ("时间：2024年3 4日　　来源：柳塘镇", ("2024-03-04 00:00:00", "day")),
        ("2023年612日", ("2023-06-12 00:00:00", "day")),
        ("2024年1012日 10:20", ("2024-10-12 10:20:00", "minute")),
    ],
)
def test_a_date_that_lost_its_month_word_is_read(line: str, expected: tuple[str, str]) -> None:
    assert _shown(line)[0][:2] == expected


@pytest.mark.parametrize(
    "line",
    [
        "2024年112日",  # 1-12 or 11-2: no date
        "2023年10日",  # no month and day
        "2020年 12日",  # a table's year and its count of days
        "2024年34日",  # two digits: too often a count
        "截至2023年底，累计服务120日",
        "2023年，全县共办理业务3 12日均",
    ],
)
def test_digits_after_a_year_that_split_no_one_way_are_no_date(line: str) -> None:
    assert find_dates(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A day first with slashes, where the first number cannot be a month (Macau's releases).
        ("發佈日期：23/07/2024", ("2024-07-23 00:00:00", "day")),
        ("發佈日期：23/07/2024 15:20", ("2024-07-23 15:20:00", "minute")),
        # A clock in another zone, named after it: the instant is that zone's (an overseas paper's).
        ("2024-05-12 20:30（美東時間）", ("2024-05-13 08:30:00", "minute")),  # daylight saving, UTC-4
        ("2024-01-12 20:30 美东时间", ("2024-01-13 09:30:00", "minute")),  # UTC-5
        ("2024-05-21 14:05 悉尼时间", ("2024-05-21 12:05:00", "minute")),  # UTC+10
        # …a city's zone between the day and the clock, or 美东 alone after it (set AW's papers).
        ("2023年9月28日 美西時間 下午 06:15", ("2023-09-29 09:15:00", "minute")),  # PDT, UTC-7
        ("2024年2月20日 悉尼時間 09:30", ("2024-02-20 06:30:00", "minute")),  # AEDT, UTC+11
        ("2024-04-10 08:30 多伦多时间", ("2024-04-10 20:30:00", "minute")),  # EDT, UTC-4
        ("发布时间：2024-11-06 06:00 美东", ("2024-11-06 19:00:00", "minute")),  # EST, UTC-5
        ("2024-11-06 06:00 美东地区将迎来降雪", ("2024-11-06 06:00:00", "minute")),  # a word, no zone
        # A clock printed before its day (a Taiwan paper's byline row, set AW).
        ("12:45 2024/04/18 中時新聞網", ("2024-04-18 12:45:00", "minute")),
        ("2024年08月03日(六) 15:42", ("2024-08-03 15:42:00", "minute")),  # Hong Kong's weekday numeral
        # The month first where the day cannot be one, in a North American zone's letters (set L).
        ("Published: 11/14/2024 08:30 PM ET", ("2024-11-15 09:30:00", "minute")),  # EST, UTC-5
        ("Updated: 07/14/2024 10:05 PM PT", ("2024-07-15 13:05:00", "minute")),  # PDT, UTC-7
        ("发布：05/05/2024", ("2024-05-05 00:00:00", "day")),  # either way the same day
    ],
)
def test_a_day_first_date_or_a_clock_in_another_zone_is_read(line: str, expected: tuple[str, str]) -> None:
    assert _shown(line)[0][:2] == expected


@pytest.mark.parametrize("line", ["05/06/2024", "发布时间：12/11/2023"])
def test_a_slashed_date_that_could_be_either_way_is_none(line: str) -> None:
    assert find_dates(line) == []


@pytest.mark.parametrize(
    ("line", "readings"),
    [
        # A Malaysian paper's, the clock after the date or before it (sets J and L)
        ("发布: 05/08/2024 下午9:15", ("2024-08-05 21:15", "2024-05-08 21:15")),
        ("发布: 6:20pm 03/08/2024", ("2024-08-03 18:20", "2024-03-08 18:20")),
        ("發佈日期: 03/05/2024", ("2024-05-03 00:00", "2024-03-05 00:00")),
    ],
)
def test_a_slashed_date_that_reads_either_way_gives_both_readings(
    line: str, readings: tuple[str, str]
) -> None:
    assert find_dates(line) == []
    [(day_first, month_first)] = slashed_readings(line)
    shown = tuple(d.local.strftime("%Y-%m-%d %H:%M") for d in (day_first, month_first))
    assert shown == readings


@pytest.mark.parametrize("line", ["05/08/2024 下午9:15", "由05/08/2024至12/08/2024", "23/07/2024"])
def test_a_slashed_date_without_a_date_label_has_no_reading(line: str) -> None:
    assert slashed_readings(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A day-first date alone on its line, under a Malaysian, Singaporean or Macau headline
        # (sets AA and AC): the day above 12 says which is the day.
        ("20/03/2025 18:30", ("2025-03-20 18:30:00", "minute")),
        ("14/09/2024", ("2024-09-14 00:00:00", "day")),
        # …its weekday before it (the seventeenth review's probe)
        ("星期四, 20/03/2025 16:45", ("2025-03-20 16:45:00", "minute")),
        ("（星期六）14/09/2024", ("2024-09-14 00:00:00", "day")),
        # …a dash between it and its clock, a content system's default (a broadcaster's, set AJ),
        # where "2024 -" must not pass for a year-first date's separator
        ("14/03/2024 - 11:20", ("2024-03-14 11:20:00", "minute")),
        # …the hour alone ending its line, a warning's issue time (set AA)
        ("2024年07月21日 17时", ("2024-07-21 17:00:00", "minute")),
        ("发表时间： 14/03/2024 - 11:20", ("2024-03-14 11:20:00", "minute")),
        # A Taiwan date alone on its line in the Republic's years (set AC): no era's name, no label.
        ("113年6月28日", ("2024-06-28 00:00:00", "day")),
        ("113-05-10", ("2024-05-10 00:00:00", "day")),
        # Hong Kong's zone by its letters between the day and the clock (on.cc, set AC).
        ("2025-02-11 HKT 07:42", ("2025-02-11 07:42:00", "minute")),
    ],
)
def test_a_date_alone_on_its_line_is_read_its_way(line: str, expected: tuple[str, str]) -> None:
    assert [d[:2] for d in _shown(line)] == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "05/03/2024",  # alone, but either number may be the month: neither reading
        "由15/07/2024至29/07/2024",  # a sign-up period in a sentence (the third review's page)
        "20/12/2024 | 聖誕聯歡會",  # a school calendar's row
        "截至 20/12/2024",  # a word that is no weekday before it
        "20/12/2024 星期五 下午",
        "28/12/2024（星期六）",  # a listing's day, its weekday after it (the eighteenth review's)
        "14/03/2024 - 2024",  # a dash before no clock
        "120-130",  # a range of figures
        "113-05-10 第2版",  # a Republic's date needs its line to itself, or its era or label
        "第113年6月28日",
    ],
)
def test_a_slashed_or_republic_date_in_other_words_gives_none(line: str) -> None:
    assert find_dates(line) == []
