"""No regex backtracks catastrophically: long adversarial lines finish in bounded time and never raise.

Every case is a real file run through the whole pipeline (``process_batch``: read → decode → page →
clean → extract → validate) in a separate spawned process, so a regex that backtracks for hours
fails the test after ``HANG_SECONDS`` instead of hanging the suite (Python's ``re`` cannot be
interrupted from inside the process). The time asserted is measured in that process with
``time.perf_counter`` around the pipeline alone; the bound is generous on purpose: it is a safety
property (linear, not exponential or quadratic), not a speed target.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

SECONDS_PER_DOCUMENT = 5.0
HANG_SECONDS = 60.0
MB = 1_000_000

ARTICLE = (
    "标题：市政府召开全市安全生产工作会议\n"
    "发布时间：2024年03月05日 10:30 来源：市政府办公室\n"
    "3月5日上午，市政府召开全市安全生产工作会议，总结去年工作，部署今年任务。"
    "市长在会上强调，各级各部门要切实增强做好安全生产工作的责任感和紧迫感。\n"
    "会议指出，要坚持人民至上、生命至上，统筹发展和安全，坚决遏制重特大事故发生。\n"
)
PUNCTUATION = [
    "，", "。", "、", "：", ":", "|", "｜", ">", "-", "—", "–", "_", "……", "…", "·", "！", "？",
    "；", ";", "（", "）", "(", ")", "《", "》", "“", "”", "【", "】", "[", "]", ".", "/", "~", "*",
    "#", "=", "+", "?", "\ufffd",
]  # fmt: skip
WHITESPACE = {"space": " ", "tab": "\t", "ideographic": "\u3000", "nbsp": "\u00a0"}
# What a line can start with that a rule or a label pattern looks at first.
LEADS = ["来源：", "分享到", "记者", "标题：", "扫一扫", "回到顶部", "2024年3月5日", "【字体："]


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _megabyte(unit: str, head: str = "", tail: str = "") -> bytes:
    """``head`` + ``unit`` repeated + ``tail``: 1 MB of UTF-8 (give or take a character), no newline."""
    room = MB - len((head + tail).encode())
    body = unit * (room // len(unit.encode()))
    for char in unit:
        if len(body.encode()) + len(char.encode()) > room:
            break
        body += char
    return (head + body + tail).encode()


# --- a worker process that can be killed when it hangs ------------------------------------------


def _pipeline(path: str) -> dict[str, Any]:
    from zharchive.pipeline import RunContext, process_batch

    context = RunContext(run_id="regex-safety", pipeline_version="test", rules_version="test")
    started, cpu = time.perf_counter(), time.process_time()
    try:
        out = process_batch([Path(path)], known={}, context=context)
    except BaseException:
        return {"raised": traceback.format_exc(limit=-6), "seconds": time.perf_counter() - started}
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    quarantined = [
        {
            "stage": q.stage,
            "reason": q.reason,
            "types": [e.type for e in q.errors],
            "msgs": [e.msg for e in q.errors],
        }
        for q in out.quarantined
    ]
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "documents": len(out.rows),
        "quarantined": quarantined,
        "raised": None,
    }


def _serve(conn: multiprocessing.connection.Connection) -> None:
    from zharchive.rules import load_rules

    load_rules()  # compile the rules before the first timed case
    conn.send("ready")
    while True:
        path = conn.recv()
        if path is None:
            return
        conn.send(_pipeline(path))


class Worker:
    """One spawned process running cases one at a time; killed (by its pid) and replaced on a hang."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self._conn, child = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()
        if not self._conn.poll(120):
            raise RuntimeError("the worker did not start")
        assert self._conn.recv() == "ready"

    def run(self, path: Path) -> dict[str, Any]:
        wall = time.perf_counter()
        self._conn.send(str(path))
        if not self._conn.poll(HANG_SECONDS):
            self._process.kill()
            self._process.join()
            self._start()
            return {"hung": True, "seconds": time.perf_counter() - wall}
        result: dict[str, Any] = self._conn.recv()
        result["hung"] = False
        return result

    def close(self) -> None:
        if self._process.is_alive():
            self._conn.send(None)
            self._process.join(10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.close()


def check(worker: Worker, folder: Path, name: str, data: bytes) -> dict[str, Any]:
    """Run one file through the pipeline; assert it finished in bounded time and nothing raised."""
    path = folder / name
    path.write_bytes(data)
    result = worker.run(path)
    assert not result["hung"], f"{name} ({len(data):,} bytes) was still running after {HANG_SECONDS:.0f} s"
    assert result["raised"] is None, f"{name}: process_batch raised:\n{result['raised']}"
    bugs = [q for q in result["quarantined"] if any(t.startswith("bug.") for t in q["types"])]
    assert not bugs, f"{name}: a stage raised (an internal error was quarantined): {bugs}"
    assert result["documents"] + len(result["quarantined"]) == 1, result
    assert result["seconds"] <= SECONDS_PER_DOCUMENT, (
        f"{name} ({len(data):,} bytes) took {result['seconds']:.1f} s, {result['cpu_seconds']:.1f} s of CPU "
        f"(bound {SECONDS_PER_DOCUMENT} s)"
    )
    return result


# --- 100,000 repeated punctuation marks on one line ----------------------------------------------


@pytest.mark.parametrize("mark", PUNCTUATION, ids=[f"U+{ord(p[0]):04X}" for p in PUNCTUATION])
def test_a_line_of_100k_punctuation_alone_and_inside_an_article(
    worker: Worker, tmp_path: Path, mark: str
) -> None:
    run = _repeat(mark, 100_000)
    check(worker, tmp_path, "alone.txt", run.encode())
    check(worker, tmp_path, "in_article.txt", (ARTICLE + run + "\n" + ARTICLE).encode())


@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("mark", ["，", "：", "|", "-", "…", "·", "（", "【", "/"])
def test_a_label_or_chrome_word_followed_by_100k_punctuation(
    worker: Worker, tmp_path: Path, lead: str, mark: str
) -> None:
    line = lead + _repeat(mark, 100_000) + "新华网"
    check(worker, tmp_path, "labelled.txt", (ARTICLE + line + "\n" + ARTICLE).encode())


@pytest.mark.parametrize("dateline", ["2024-03-05", "本报讯（记者 严子衿）"])
def test_a_first_line_of_white_space_over_a_headline(worker: Worker, tmp_path: Path, dateline: str) -> None:
    """A page title of spaces with no separator: the title's parts are split (choose_title, the
    paper's name for 本报讯) from the run's start only (TITLE_SEPARATOR was quadratic: 4.9 CPU s for
    20,000 spaces)."""
    first = "a" + _repeat(" ", 100_000) + "b"
    article = ARTICLE.replace("标题：", "").replace("\n3月5日", f"\n{dateline}3月5日", 1)
    check(worker, tmp_path, "first_line_spaces.txt", (first + "\n" + article).encode())


@pytest.mark.parametrize("lead", ["", *LEADS])
@pytest.mark.parametrize("space", list(WHITESPACE.values()), ids=list(WHITESPACE))
def test_100k_white_space_inside_a_line(worker: Worker, tmp_path: Path, lead: str, space: str) -> None:
    """White space at a line's ends is stripped; inside it, every ``\\s*`` next to another meets it."""
    line = lead + _repeat(space, 100_000) + "x"
    check(worker, tmp_path, "first_line.txt", (line + "\n" + ARTICLE).encode())
    check(worker, tmp_path, "in_article.txt", (ARTICLE + line + "\n" + ARTICLE).encode())


# --- 1 MB without a newline ----------------------------------------------------------------------

ONE_MEGABYTE = {
    "han_simplified": _megabyte("会议指出要坚持人民至上生命至上统筹发展和安全"),
    "han_prose": _megabyte("会议指出，要坚持人民至上、生命至上，统筹发展和安全。"),
    "han_traditional": _megabyte("會議指出，要堅持人民至上、生命至上，統籌發展和安全。"),
    "mixed": _megabyte("中a，1:|>-… 文B。2／"),
    "label_repeated": _megabyte("来源："),
    "label_value_repeated": _megabyte("来源：新华网 "),
    "labels_mixed": _megabyte("来源：新华网作者：张三责任编辑：李四发布时间：2024年1月1日"),
    "dates": _megabyte("2024年3月5日 10:30 "),
    "iso_dates": _megabyte("2024-03-05"),
    "lost_month_digits": _megabyte("128日"),
    "pinyin_annotations": _megabyte("會(huì)議"),
    "pinyin_unclosed": _megabyte("會(huì"),
    "byte_shift_like": _megabyte("?shù)墓茶F"),
    "bylines": _megabyte("记者 张三 通讯员 "),
    "share_words": _megabyte("分享到 微信 朋友圈 "),
    "menu": _megabyte("首页 | 新闻 | "),
    "title_separators": _megabyte("标题_网站 - "),
    "image_names": _megabyte("a.jpg"),
    "html_comments_then_text": _megabyte("中文内容，测试。", head="<!-- x -->" * 100),
    "html_one_line": _megabyte("<div><p>中文内容，测试。</p>", head="<!DOCTYPE html><html><body>"),
    "html_unclosed_tags": _megabyte("<p><b><i>中文"),
    "meta_charset_prefix": _megabyte("中文内容，测试。", head='<meta charset="' * 300),
    "replacement_chars": _megabyte("\ufffd中"),
    # The code-line test (blocks._CODE_LINE): an identifier before a dot, tried at every letter of a
    # line of letters, was quadratic until it only starts at a word's start.
    "ascii_letters": _megabyte("abcdefghij"),
    "code_like": _megabyte("client = redis.Redis() import json "),
    # The English-sentence test (blocks._is_latin_sentence): a pattern of repeated words searched
    # along a line of words with no sentence end was quadratic; the words are counted now.
    "english_words": _megabyte("The campaign targets vendors near schools, "),
    "credit_bars": _megabyte("编辑|责编丨"),
    "posted_at": _megabyte("posted @ 2024-05-09 14:45 "),
    "bracketed_labels": _megabyte("【来源】【作者】["),
    "chinese_numeral_dates": _megabyte("二〇二三年五月六日"),
    "chinese_numerals_without_a_date": _megabyte("二〇二三年十二〇月"),
    "dotted_names": _megabyte("作者：阿不都·热合曼·"),
    "signatories": _megabyte("某某市人民政府办公室\u3000"),
    "addressees": _megabyte("市住房城乡建设局、"),
    "contact_lines": _megabyte("咨询电话：12366 "),
    "forum_posts": _megabyte("发表于 2024-3-5 21:14:33 | 只看该作者 "),
    "answer_votes": _megabyte("1,284 人赞同了该回答 "),
    "spaces_before_a_link_button": _megabyte(" ", head="老房子卫生间返潮", tail="[复制链接]"),
    "outlet_before_roles": _megabyte("每经记者 每经编辑 "),
    "e_paper_pages": _megabyte("2024年12月03日 第02版 评论 "),
    "outline_headings": _megabyte("一、二、三、四、"),
    "salutations": _megabyte("广大游客朋友们"),
    "joint_signatories": _megabyte("某某村村民委员会\u3000"),
    "attachments_and_postcodes": _megabyte("附件：来信地址：（邮编：422500）"),
    "end_marks": _megabyte("- 完 -"),
    "european_dates": _megabyte("22.05.2024 09:30 "),
    "blog_bylines": _megabyte("发表于 2024年4月6日 星期六 由 "),
    "name_then_role": _megabyte("甘霖 | 融媒记者 "),
    "paper_references": _megabyte("论文链接：DOI："),
}


@pytest.mark.parametrize("name", list(ONE_MEGABYTE))
def test_one_megabyte_without_a_newline(worker: Worker, tmp_path: Path, name: str) -> None:
    data = ONE_MEGABYTE[name]
    assert MB - 8 <= len(data) <= MB and b"\n" not in data
    check(worker, tmp_path, f"{name}.txt", data)


def test_html_comments_before_the_text_are_linear(worker: Worker, tmp_path: Path) -> None:
    """``<!-- … -->`` blocks at the top of a page that is not HTML after all (no ``<html>``): the
    page sniffer's ``(?:<!--.*?-->\\s*)*`` may not try every way to split them (2ⁿ)."""
    for count in (10, 30, 400):
        check(worker, tmp_path, f"comments-{count}.txt", ("<!-- x -->" * count + "\n" + ARTICLE).encode())


# --- property: any long line made of adversarial pieces --------------------------------------------

PIECES = [
    *PUNCTUATION, *WHITESPACE.values(), *LEADS, "中", "會", "(huì)", "(", "議", "a", "1", "日", "年",
    "<!-- x -->", "<p>", "<html>", "?shù)", "©", "Copyright", "微信", "、", "．", "＿",
]  # fmt: skip
LINES = st.lists(
    st.tuples(st.sampled_from(PIECES), st.integers(min_value=1, max_value=30_000)), min_size=1, max_size=4
).map(lambda parts: "".join(piece * count for piece, count in parts)[:120_000])


@settings(
    max_examples=40,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),  # no shrinking: a hang costs HANG_SECONDS per attempt
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(line=LINES, lead=st.sampled_from(["", *LEADS]), in_article=st.booleans())
def test_any_long_line_of_adversarial_pieces_finishes_in_bounded_time(
    worker: Worker, tmp_path: Path, line: str, lead: str, in_article: bool
) -> None:
    text = lead + line
    if in_article:
        text = ARTICLE + text + "\n" + ARTICLE
    check(worker, tmp_path, "property.txt", text.encode())
