"""What the five real seed pages must come out as (issue 2), through the real stages."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest

from zharchive.stages.clean import clean
from zharchive.stages.decode import decode
from zharchive.stages.extract import SHANGHAI, Metadata, extract, restore_dates

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BOILERPLATE = [
    "您现在所在的位置",
    "首页",
    "索引号",
    "分类:",
    "发文机关",
    "发文日期",
    "名称:",
    "文号",
    "字体",
    "打印",
    "分享到",
    "扫一扫",
    "回到",
    "顶部",
    "主办单位",
    "ICP备",
    "公网安备",
    "政府网站标识码",
    "版权所有",
    "地址:",
    "电话:",
    "网站地图",
    "责编",
    "責編",
    "一审",
    "一審",
    "二审",
    "二審",
    "三审",
    "三審",
    "来源:",
    "來源:",
    "时间:",
    "编辑:",
    "点击:",
    ".jpg",
]
PINYIN = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
EXPECTED = {
    # seed: (title, published local date, publisher, author, first words, last words)
    "000": (
        None,
        None,
        None,
        None,
        "3月1日下午,全市公安工作會議召開。",
        "會議表彰了公安工作先進集體和先進個人。",
    ),
    "001": (
        None,
        date(2024, 2, 29),
        "湖南法治報",
        "焦倩",
        "湖南法治報訊(通訊員 焦倩)2024年2月29日",
        "共300余人參加會議。",
    ),
    "002": (
        "四川省公安厅召开全省公安政治工作视频会",
        date(2020, 4, 10),
        "中国网",
        "邹迩戈",  # the name closing the article, (邹迩戈): its byline (../shared/corpus/README.md)
        "4月10日,省公安厅召开2020年全省公安政治工作视频会。",
        "在分会场参加会议。(邹迩戈)",
    ),
    "003": (
        "刘新良同志对全市公安机关岁末年初工作提出:圆满收官 精彩开局",
        date(2017, 12, 15),
        None,
        None,
        "12月8日上午,市公安局在指挥情报中心召开",
        "推动永州公安事业发达、基业长青!",
    ),
    "004": (
        "全省公安局长会议召开:服务高质量发展 护航强省建设 为中国式现代化山东实践创造安全稳定环境",
        date(2023, 2, 10),
        "山东省公安厅",
        None,
        "2月10日,全省公安局长会议在济南召开。",
        "以视频形式参加会议。",
    ),
}


def _process(seed: str) -> tuple[str, Metadata, str]:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    decoded = decode(path.read_bytes())
    cleaned = clean(decoded.text)
    metadata = extract(cleaned)
    restore_dates(cleaned, metadata)
    return cleaned.body_text, metadata, decoded.text


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_no_boilerplate_left(seed: str) -> None:
    body, _, _ = _process(seed)
    for word in BOILERPLATE:
        for line in body.splitlines():
            # A phrase may appear inside a real sentence; chrome never comes as a short line of its own.
            assert not (word in line and len(line) < 60), f"{seed}: {word!r} left in {line!r}"


@pytest.mark.parametrize("seed", ["000", "001"])
def test_pinyin_annotations_are_gone(seed: str) -> None:
    body, _, text = _process(seed)
    assert PINYIN.search(text), "the raw seed has annotations to remove"
    assert PINYIN.search(body) is None
    assert "會議" in body


def test_no_trailing_pipe_in_000() -> None:
    body, _, _ = _process("000")
    assert not body.rstrip().endswith("|")


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_metadata(seed: str) -> None:
    body, metadata, _ = _process(seed)
    title, published, publisher, author, _first, _last = EXPECTED[seed]
    assert metadata.title == title
    assert metadata.published_local_date == published
    assert metadata.publisher == publisher
    assert metadata.author == author
    if title:
        assert not body.startswith(title), "the headline is repeated as the body's first line"


def test_published_times_are_utc_from_china_standard_time() -> None:
    _, metadata, _ = _process("002")
    assert metadata.published_at is not None and metadata.published_precision == "second"
    assert metadata.published_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S") == "2020-04-10 16:05:33"
    assert (
        metadata.published_at.utcoffset() is not None
        and metadata.published_at.utcoffset().total_seconds() == 0
    )
    _, metadata, _ = _process("004")
    assert metadata.published_at is not None and metadata.published_precision == "minute"
    assert metadata.published_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2023-02-10 20:52"


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_sentence_is_still_there_first_to_last(seed: str) -> None:
    body, _, text = _process(seed)
    *_, first, last = EXPECTED[seed]
    assert body.startswith(first)
    assert body.endswith(last)
    # Byte-shift repairs are recorded: apply exactly what was recorded to the raw text, and the
    # check below holds for every sentence around them too.
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    for repair in clean(decode(path.read_bytes()).text).repairs:
        if repair.rule_id == "repair.byte_shift":
            text = text.replace(repair.before, repair.after, 1)

    # Independent of the cleaner: every sentence of every prose line of the raw page, with pinyin
    # annotations and the digits of repaired dates set aside, is in the body in the same order.
    def normal(s: str) -> str:
        return re.sub(r"[\s\d月日]", "", PINYIN.sub(lambda m: m.group(0)[0], s))

    flat_body = normal(body)
    position = 0
    for line in text.splitlines():
        if len(re.findall(r"[\u4e00-\u9fff]", line)) < 12 or not re.search(r"[。!！?？,，]", line):
            continue
        for sentence in (normal(s) for s in re.split(r"(?<=[。!！?？])", line)):
            if len(re.findall(r"[\u4e00-\u9fff]", sentence)) < 2:
                continue  # a stray "|" is not a sentence
            found = flat_body.find(sentence, position)
            assert found >= 0, f"{seed}: lost or reordered sentence {sentence[:40]!r}"
            position = found + len(sentence)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_line_is_either_body_or_removed_with_a_rule(seed: str) -> None:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    cleaned = clean(decode(path.read_bytes()).text)
    kept = {line.line_no for line in cleaned.body}
    removed = {r.line_no for r in cleaned.removed}
    total = len(re.split(r"\r\n|\r|\n", decode(path.read_bytes()).text))
    assert kept.isdisjoint(removed)
    assert kept | removed == set(range(1, total + 1))
    assert all(r.rule_id for r in cleaned.removed)


def test_lost_months_are_restored_and_recorded() -> None:
    path = next(SEEDS.glob("003_*.txt"))
    cleaned = clean(decode(path.read_bytes()).text)
    repairs = restore_dates(cleaned, extract(cleaned))
    (record,) = repairs  # one record for the line, before and after (issue 22)
    assert record.before.startswith("128日上午,市公安局")
    assert record.after == record.before.replace("128日", "12月8日", 1)


@pytest.mark.parametrize(
    ("seed", "script"), [("000", "Hant"), ("001", "Hant"), ("002", "Hans"), ("003", "Hans")]
)
def test_script_and_a_simplified_body_for_traditional_articles(seed: str, script: str) -> None:
    from zharchive.stages.script import script_of

    body, _, _ = _process(seed)
    found, simplified = script_of(body)
    assert found == script
    if script == "Hant":
        assert simplified is not None and "会议" in simplified and "會議" not in simplified
    else:
        assert simplified is None


def _seed_clean(seed: str):  # type: ignore[no-untyped-def]
    return clean(decode(next(SEEDS.glob(f"{seed}_*.txt")).read_bytes()).text)


def test_seed_000_byte_shift_is_restored_exactly() -> None:
    """000: 要?jiǎng)?wù), was 要務, (the lead byte of 務 made 獎 with 要's trail byte)."""
    cleaned = _seed_clean("000")
    assert "發展第一要務,忠實履行" in cleaned.body_text
    assert "byte_shift_restored" in cleaned.flags
    (record,) = [r for r in cleaned.repairs if r.rule_id == "repair.byte_shift"]
    assert record.after == record.before.replace("?jiǎng)?wù)", "務", 1) != record.before  # the whole line


def test_seed_001_makes_up_no_character() -> None:
    """001: 擔當?shù)墓茶F軍 was 擔當的公安鐵軍. 的 and 鐵 are certain from the bytes; 公安 wins over
    the bytes' plain reading 共 by less than the margin measured safe, so it is a visible gap."""
    cleaned = _seed_clean("001")
    assert "墓茶F" not in cleaned.body_text and "共鐵軍" not in cleaned.body_text
    assert re.search("擔當的?\ufffd鐵軍。", cleaned.body_text)
    assert "byte_shift_inexact" in cleaned.flags


@pytest.mark.xfail(strict=True, reason="公安 beats 共 by 2.5 nats, under the margin measured safe (README)")
def test_seed_001_is_restored_exactly() -> None:
    assert "著力鍛造忠誠干凈擔當的公安鐵軍。" in _seed_clean("001").body_text


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_body_character_is_in_the_page_or_a_flagged_restoration(seed: str) -> None:
    text = decode(next(SEEDS.glob(f"{seed}_*.txt")).read_bytes()).text
    cleaned = clean(text)
    body = cleaned.body_text
    # What a byte-shift record put in its line (it records the whole line, before and after)
    restored = [
        r.after[j1:j2]
        for r in cleaned.repairs
        if r.rule_id == "repair.byte_shift"
        for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(
            None, r.before, r.after, autojunk=False
        ).get_opcodes()
        if tag in ("replace", "insert")
    ]
    if restored:
        assert {"byte_shift_restored", "byte_shift_inexact"} & set(cleaned.flags)
    for after in restored:
        assert after in body
        body = body.replace(after, "", 1)
    page = set(text)
    assert all(c in page or c.isspace() or c == "\ufffd" for c in body), [c for c in body if c not in page]
    if "\ufffd" in cleaned.body_text:
        assert "byte_shift_inexact" in cleaned.flags
