"""Stage 5: the metadata a careful reader would write down, from what cleaning found.

Sources, most trusted first: label values (来源：…, 发布时间：…), the date line under the headline,
the notice block (发文日期 is the signing date, a fallback only), and the article's first lines
(a dateline 2024年2月29日 and a byline 湖南法治報訊(通訊員 焦倩)). Local times are China Standard
Time (Asia/Shanghai) and are stored in UTC, with the precision the page gave.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from zharchive.stages.audit import LineRepaired
from zharchive.stages.clean import DATE_PATTERN, TITLE_SEPARATOR, BodyLine, CleanedText
from zharchive.stages.repair import restore_lost_month

SHANGHAI = ZoneInfo("Asia/Shanghai")
Precision = Literal["day", "minute", "second"]
_DATE = re.compile(DATE_PATTERN)
_FULL_CHINESE_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
_BYLINE = re.compile(
    r"[(（]\s*(?:(?:通讯员|通訊員|记者|記者|作者|文|图|圖|摄|攝)[\s:：]*)(?P<names>[^()（）]{2,40}?)\s*[)）]"
)
_BYLINE_ROLE = re.compile(r"\s*(?:通讯员|通訊員|记者|記者|作者)[\s:：]*")
_NAME_SEPARATORS = re.compile(r"[\s、,，/]+")
FIRST_LINES_FOR_DATELINE = 2


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

    @property
    def published_local_date(self) -> date | None:
        return None if self.published_at is None else self.published_at.astimezone(SHANGHAI).date()


def parse_local_datetime(text: str) -> tuple[datetime, Precision] | None:
    """The first date (and time) in ``text``, read as Asia/Shanghai, returned in UTC."""
    found = _DATE.search(text) or _FULL_CHINESE_DATE.search(text)
    if found is None:
        return None
    groups = found.groupdict()
    hour, minute, second = groups.get("hour"), groups.get("minute"), groups.get("second")
    precision: Precision = "second" if second else "minute" if minute else "day"
    try:
        local = datetime(
            int(groups["year"]),
            int(groups["month"]),
            int(groups["day"]),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=SHANGHAI,
        )
    except ValueError:
        return None
    return local.astimezone(UTC), precision


def _first(fields: dict[str, list[str]], name: str) -> str | None:
    for value in fields.get(name, []):
        if value.strip():
            return value.strip()
    return None


def _published(cleaned: CleanedText) -> tuple[datetime, Precision] | tuple[None, None]:
    for name in ("published_at", "dateline", "issued_at"):
        for value in cleaned.fields.get(name, []):
            parsed = parse_local_datetime(value)
            if parsed:
                return parsed
    for line in cleaned.body[:FIRST_LINES_FOR_DATELINE]:
        found = _FULL_CHINESE_DATE.search(line.text[:80])
        if found:
            parsed = parse_local_datetime(found.group(0))
            if parsed:
                return parsed
    return None, None


def _byline_author(body: list[BodyLine]) -> str | None:
    for line in body[:FIRST_LINES_FOR_DATELINE]:
        found = _BYLINE.search(line.text[:120])
        if found:
            names = [n for n in _NAME_SEPARATORS.split(_BYLINE_ROLE.sub(" ", found["names"])) if n]
            if names:
                return "、".join(names)
    return None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def _names(values: list[str]) -> list[str]:
    """Each name once, in order: a credit may list several (胡永秋、杨光宇 / 王五 李四)."""
    return _unique([name for value in values for name in _NAME_SEPARATORS.split(value)])


def _hint_title(hints: Mapping[str, str]) -> str | None:
    """The markup's title: ArticleTitle / og:title, else <title> without its "_site name" part."""
    if hints.get("title", "").strip():
        return hints["title"].strip()
    page_title = hints.get("page_title", "").strip()
    if not page_title:
        return None
    return TITLE_SEPARATOR.split(page_title, maxsplit=1)[0].strip() or None


def extract(cleaned: CleanedText, *, hints: Mapping[str, str] | None = None) -> Metadata:
    """Metadata from what cleaning found; ``hints`` (e.g. HTML meta tags) fill what the text lacks."""
    hints = hints or {}
    published_at, precision = _published(cleaned)
    if published_at is None and hints.get("published_at"):
        published_at, precision = parse_local_datetime(hints["published_at"]) or (None, None)
    return Metadata(
        title=cleaned.title or _hint_title(hints),
        published_at=published_at,
        published_precision=precision,
        publisher=_first(cleaned.fields, "publisher")
        or _first(cleaned.fields, "dateline_publisher")
        or (hints.get("publisher") or "").strip()
        or None,
        author=_first(cleaned.fields, "author")
        or _byline_author(cleaned.body)
        or (hints.get("author") or "").strip()
        or None,
        editors=_names(cleaned.fields.get("editors", [])),
        agency=_first(cleaned.fields, "agency"),
        doc_number=_first(cleaned.fields, "doc_number"),
        index_number=_first(cleaned.fields, "index_number"),
    )


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
