"""Editor credits removed from the body become the document's ``editors``."""

from __future__ import annotations

from zharchive.rules import load_rules
from zharchive.stages.clean import clean, parse_label_pairs
from zharchive.stages.extract import extract

PROSE = (
    "会上,各县区公安局长汇报集打斗争、追逃、黄标车治理等工作情况,"
    "市公安局相关警种负责人通报了全市公安机关相关工作情况。"
)


def test_bracketed_credits_put_their_names_into_editors() -> None:
    text = "\n".join([PROSE, PROSE, "（责任编辑：王五）", "(责编：胡永秋、杨光宇)", "【責任編輯：劉峻凌】"])
    cleaned = clean(text)
    assert cleaned.body_text == f"{PROSE}\n{PROSE}"
    assert {r.rule_id for r in cleaned.removed} == {"credit.bracketed"}
    assert extract(cleaned).editors == ["王五", "胡永秋", "杨光宇", "劉峻凌"]


def test_label_and_bracketed_credits_are_merged_without_repeats() -> None:
    cleaned = clean("\n".join([PROSE, PROSE, "责编:王五", "（责任编辑：王五 李四）"]))
    assert extract(cleaned).editors == ["王五", "李四"]


def test_credits_printed_with_a_bar_are_credits() -> None:
    # gne thepaper_2 closes its post with 编辑|禤志杰 / 责编|陈梦莹; 责编丨 with the Han bar is as common.
    cleaned = clean("\n".join([PROSE, PROSE, "编辑|禤志杰", "责编丨陈梦莹"]))
    assert cleaned.body_text == f"{PROSE}\n{PROSE}"
    assert extract(cleaned).editors == ["禤志杰", "陈梦莹"]


def test_a_table_head_of_barred_words_is_no_credit() -> None:
    # 时间|地点|内容 starts with a label word, but a bar-separated value holds no further bar.
    assert parse_label_pairs("时间|地点|内容", load_rules()) is None
    assert parse_label_pairs("编辑|禤志杰", load_rules()) == [("编辑", "禤志杰")]
