"""Facts about Chinese text that every stage shares: line splitting, Han counts, the prose test.

One definition each, so decode, the HTML reader, cleaning and script detection count a Han character
and split a line the same way.
"""

from __future__ import annotations

import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Runs, not single characters: the substitution below then builds far fewer pieces.
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
PROSE_PUNCTUATION = re.compile(r"[。！？；，!?;]")
# What makes a piece of text more than punctuation and white space: a Han character, a digit or a
# Latin letter (a line a span rule emptied; an editor's credit's piece that is only a bar).
SUBSTANCE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z]")
# A weekday printed after a date (2026年12月5日 星期六, 2023-05-06 周六, （星期六）): the date's, never
# an outlet or an account beside it.
WEEKDAY_PATTERN = r"[(（]?(?:星期|週|周|礼拜|禮拜)[一二三四五六日天][)）]?"
WEEKDAY = re.compile(rf"^{WEEKDAY_PATTERN}\s*")
MIN_PROSE_HAN = 12

# The hundred commonest surnames (Simplified, and Traditional where it differs): a three-character
# piece starting with one is a name (王学科, 刘文科), however it ends; a department's name starts with
# what it does (宣传科, 护理部, 科研处).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閻賀顧龔萬錢嚴湯羅許"
)


# Han characters by their UTF-16 code units: a unit's high byte is 34-9F for U+3400-U+9FFF, which
# holds the two Han blocks and the hexagrams (U+4DC0-U+4DFF, high byte 4D) between them. Encoding
# and byte translation run in C without a string object per run of Han, ~7 times faster than the
# substitution below (which is the definition, and what a text with a high byte 4D still gets).
HAN_HIGH_BYTES = bytes(range(0x34, 0xA0))
_IS_HAN_HIGH_BYTE = bytes(int(b in HAN_HIGH_BYTES) for b in range(256))
_HEXAGRAM_HIGH_BYTE = 0x4D


def _han_count_by_substitution(text: str) -> int:
    return len(text) - len(_HAN_RUN.sub("", text))


def line_count(text: str) -> int:
    """``len(split_lines(text))`` without making the lines."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def split_lines(text: str) -> list[str]:
    """``text`` split at CRLF, CR or LF (``LINE_BREAK``): by str.split, several times faster than
    the regex, unless a CR stands alone."""
    lf = text.replace("\r\n", "\n") if "\r" in text else text
    return LINE_BREAK.split(text) if "\r" in lf else lf.split("\n")


def han_count(text: str) -> int:
    high = text.encode("utf-16-be", "surrogatepass")[0::2]
    if _HEXAGRAM_HIGH_BYTE in high:
        return _han_count_by_substitution(text)
    return len(high) - len(high.translate(None, HAN_HIGH_BYTES))


def han_counts(lines: list[str]) -> list[int]:
    """``han_count`` of each line, from one encoding of the page instead of one per line."""
    joined = "\n".join(lines)
    units = joined.encode("utf-16-be", "surrogatepass")
    high = units[0::2]
    # An astral character is two units: positions in units and in characters would part.
    if len(units) != 2 * len(joined) or _HEXAGRAM_HIGH_BYTE in high:
        return [_han_count_by_substitution(line) for line in lines]
    is_han = high.translate(_IS_HAN_HIGH_BYTE)
    counts: list[int] = []
    start = 0
    for line in lines:
        end = start + len(line)
        counts.append(is_han.count(1, start, end))
        start = end + 1
    return counts


def is_prose(text: str, han: int | None = None) -> bool:
    """A line of article text: enough Han characters and sentence punctuation (``han``: its
    ``han_count`` when known)."""
    if han is None:
        # (A line shorter than that holds fewer Han characters: no count needed. Most of a site's
        # lines that are new to sites.page_lines's memo are short.)
        if len(text) < MIN_PROSE_HAN:
            return False
        han = han_count(text)
    return han >= MIN_PROSE_HAN and PROSE_PUNCTUATION.search(text) is not None


def normal_line(text: str) -> str:
    """A line as compared across files of one site: without white space (str.split's white space is
    re's ``\\s``; splitting is several times faster than a regex substitution)."""
    return "".join(text.split())


def is_han(char: str) -> bool:
    """CJK unified ideographs: the main block, extension A, and extensions B–H."""
    return (
        "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\U00020000" <= char <= "\U0003134f"
    )


# A public body's short name ends with one of these words, as its site and its account print it
# (澧溪公安, 某某妇联, 某某气象): stages.clean reads it as a site's name over a longer headline,
# stages.extract as no person's name.
PUBLIC_BODY_WORDS = (
    "公安|警方|交警|消防|检察|檢察|妇联|婦聯|团委|團委|人大|政协|政協|司法|税务|稅務|海关|海關|边检|邊檢|"
    "网警|網警|气象|氣象|应急|應急"
)
# The version of a site a page is from, printed after the site's name (…人民政府 手机版, …公安 极速版).
SITE_VERSION_WORDS = (
    "手机版|手機版|移动版|移動版|触屏版|觸屏版|打印页|打印頁|打印版|无障碍版|無障礙版|极速版|極速版"
)
# A platform's word for an account, after its name (雁城晚报官方账号).
OFFICIAL_ACCOUNT_WORDS = "官方账号|官方帳號|官方帐号"
# A column's name ends so (考古动态, ■ 要闻): stages.extract reads it beside a date as no account,
# stages.clean after a heading's mark as no heading of the text.
COLUMN_WORDS = "要闻|要聞|动态|動態|快讯|快訊|资讯|資訊"
# A government's account (北京发布, 中国广州发布), whole: stages.extract reads it as what posts a page
# whose header names its account, stages.clean as a site's name a reader mode prints under the headline.
GOVERNMENT_ACCOUNT = re.compile(r"[\u4e00-\u9fff]{2,}(?:发布|發布)")
