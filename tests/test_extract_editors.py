"""Editor credits removed from the body become the document's ``editors``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import require_shared
from zharchive.rules import load_rules
from zharchive.stages.clean import clean, parse_label_pairs
from zharchive.stages.decode import decode
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


# --- credits inside a line, staff codes, proofreaders (metafid) ------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _editors_of(*closing: str) -> list[str]:
    return extract(clean("\n".join([PROSE, PROSE, *closing]))).editors


def test_a_credit_after_a_source_label_is_read() -> None:
    # The line starts with 本文来源 (no label of cleaning's): the credit stands after a space.
    assert _editors_of("本文来源：某某周刊 责任编辑：王五_AB1234") == ["王五"]


def test_a_staff_code_after_a_name_is_no_name_but_a_code_alone_is_kept() -> None:
    assert _editors_of("[责任编辑：王五 PK155]") == ["王五"]
    assert _editors_of("责任编辑：李四_NN2587") == ["李四"]
    # (责任编辑： HN666): the page names its editor by the code only.
    assert _editors_of("（责任编辑： HN666）") == ["HN666"]


def test_a_credit_parted_by_a_space_or_a_slash_ends_at_the_next_role() -> None:
    assert _editors_of("编辑 王五 校对 李四") == ["王五"]
    assert _editors_of("文/张三", "编辑/王五") == ["王五"]
    assert _editors_of("编辑 王五 ｜ 排版 李四", "[责任编辑：赵六 PX209]") == ["赵六", "王五"]


def test_a_story_selection_credit_is_an_editors() -> None:
    assert _editors_of("2024-05-20 16:25:01 来源:某某网 选稿：王五") == ["王五"]


def test_a_proofreader_is_no_editor_but_the_credit_still_ends_the_article() -> None:
    cleaned = clean("\n".join([PROSE, PROSE, "编辑|王五", "责编|赵六", "校对|李四"]))
    assert cleaned.body_text == f"{PROSE}\n{PROSE}"
    assert {r.rule_id for r in cleaned.removed} == {"credit.editor", "credit.proofreader"}
    assert extract(cleaned).editors == ["王五", "赵六"]
    assert cleaned.fields["proofreaders"] == ["李四"]


def test_a_widget_after_the_word_edit_is_no_editor() -> None:
    # A blog's footer: posted @ … 阅读(430) 评论(2) 编辑 收藏 举报 — 编辑 is a button.
    assert _editors_of("posted @ 2024-05-09 14:45 某某 阅读(430) 评论(2) 编辑 收藏 举报") == []


def _real_line(corpus: str, stem: str, *words: str) -> str:
    path = SHARED / corpus / "text" / f"{stem}.txt"
    require_shared(path.parent)
    text = decode(path.read_bytes()).text
    line = next((x for x in text.splitlines() if all(w in x for w in words)), None)
    assert line is not None, f"{stem}: no line with {words}"
    return line.strip()


@pytest.mark.parametrize(
    ("corpus", "stem", "words"),
    [
        ("gne", "163_1", ("本文来源", "责任编辑")),  # …责任编辑：杨倩_NF4425 after the source
        ("gne", "163_7", ("编辑 ", "校对")),  # 编辑 刘晓阳 校对 李铭
        ("gne", "ifeng_ifeng", ("责任编辑", "PK155")),
        ("dev", "bb5f5ce0c70bc623", ("编辑/",)),
        ("dev", "9af148c8013298ff", ("选稿",)),
        ("dev", "97a2a5818ca17b03", ("排版",)),
    ],
)
def test_real_credit_lines_give_the_gold_editors(corpus: str, stem: str, words: tuple[str, ...]) -> None:
    """A real credit line (read from the shared corpus at run time) under real prose gives exactly
    the gold label's editors that it names."""
    line = _real_line(corpus, stem, *words)
    gold = json.loads((SHARED / corpus / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["editors"]
    got = _editors_of(line)
    assert got and set(got) <= set(gold), (line, got, gold)
    assert all(name in line for name in got)


EDITOR_LABELS = sorted({n for f in load_rules().labels if f.field == "editors" for n in f.names})


@pytest.mark.parametrize("label", EDITOR_LABELS)
def test_every_editors_label_of_the_rules_is_read_inside_a_line(label: str) -> None:
    # metadata.toml's editors family is the one list of label words: at a line's start (cleaning)
    # and after another label on the line (the metadata stage).
    assert _editors_of(f"本文来源：某某周刊 {label}：王五") == ["王五"]


@pytest.mark.parametrize("label", ["校对", "排版", "摄影"])
def test_other_credits_inside_a_line_name_no_editor(label: str) -> None:
    assert _editors_of(f"本文来源：某某周刊 {label}：王五") == []


# --- a line of credits whose editor's credit is not its first label --------------------------------


def test_a_credit_line_that_starts_with_another_label_ends_the_article() -> None:
    # 作者：未知 责任编辑：… under the text: credit.author reads only the article's edges, but the
    # editor's credit applies anywhere and ends the article, so the chrome after it stays out.
    closing = [
        "作者：未知 责任编辑：王五",
        "打开某某APP，查看更多精彩内容",
        "分享到：",
        "APP精彩推荐",
        "谁说大长腿就好看的？本周的搞笑图片合集",
        "2019-09-06",
        "独家探营！某某游戏背后的好声音",
    ]
    cleaned = clean("\n".join([PROSE, PROSE, *closing]))
    assert cleaned.body_text == f"{PROSE}\n{PROSE}"
    assert extract(cleaned).editors == ["王五"]


def test_a_sentence_that_names_an_author_and_an_editor_stays() -> None:
    line = "作者在文中写道，责任编辑与记者一起走访了十多个村，整理了大量第一手材料。"
    cleaned = clean("\n".join([PROSE, line, PROSE]))
    assert cleaned.body_text == f"{PROSE}\n{line}\n{PROSE}"


def test_the_real_credit_line_after_a_games_sites_article() -> None:
    # gamersky's HTML page: 作者：未知 责任编辑：<name>, then the app's banner and related headlines,
    # which the article block took in while the line was no barrier. Read at run time, against gold.
    from zharchive.stages.page import to_page

    path = SHARED / "gne" / "html" / "gamersky_gamersky.html"
    require_shared(path.parent)
    gold = json.loads((SHARED / "gne" / "gold" / "gamersky_gamersky.json").read_text(encoding="utf-8"))
    page = to_page(decode(path.read_bytes()).text, path=str(path))
    cleaned = clean(page.text, hints=page.hints)
    assert extract(cleaned, hints=page.hints).editors == gold["editors"]
    assert cleaned.body_text.splitlines()[-1] in gold["body"]  # the text ends where the article does


def test_a_latin_script_name_is_one_editor() -> None:
    # A space parts two Chinese names (王五 李四) but lies inside a Latin-script one.
    assert _editors_of("责编：Alice Wong") == ["Alice Wong"]
    assert _editors_of("责编：王五 李四") == ["王五", "李四"]
    assert _editors_of("编辑：Alice Wong、王五") == ["Alice Wong", "王五"]
    path = SHARED / "gne" / "text" / "ednchina_1.txt"
    require_shared(path.parent)
    gold = json.loads((SHARED / "gne" / "gold" / "ednchina_1.json").read_text(encoding="utf-8"))
    assert " " in gold["editors"][0]  # the real credit this was found on: a Latin name, whole
    assert extract(clean(decode(path.read_bytes()).text)).editors == gold["editors"]
