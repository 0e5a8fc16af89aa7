"""HTML input: DOM blocks become lines, furniture goes, meta tags become hints, same rules after."""

from __future__ import annotations

import pytest

from zharchive.errors import CleanError
from zharchive.stages.clean import clean
from zharchive.stages.extract import SHANGHAI, extract
from zharchive.stages.page import is_html, to_page

ARTICLE = (
    "会上,各县区公安局长汇报集打斗争、追逃、黄标车治理等工作情况,"
    "市公安局相关警种负责人通报了全市公安机关相关工作情况。"
)
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>全市公安机关召开视频调度会_永州市公安局</title>
<meta name="ArticleTitle" content="全市公安机关召开视频调度会">
<meta name="PubDate" content="2017-12-15 09:30">
<meta name="ContentSource" content="永州市公安局">
<style>p {{ color: red }}</style><script>var x = "不是正文的脚本内容，不能出现在正文里。";</script>
</head><body>
<nav><a href="/">首页</a> <a href="/news">警界新闻</a></nav>
<div class="crumb">当前位置：首页 &gt; 警界新闻</div>
<h1>全市公安机关召开视频调度会</h1>
<div class="content"><p>{ARTICLE}</p>
<p>何永清同志<b>讲评</b>全市公安机关绩效考评情况,<br>要求全市公安机关统一思想,提高认识。</p>
<p style="display:none">隐藏的段落不是正文，虽然它也是完整的句子，也有足够的汉字。</p></div>
<footer>版权所有 永州市公安局 湘ICP备05009375号</footer>
</body></html>"""


ARTICLE_LINES = [
    "3月5日上午，市政府召开全市安全生产工作会议，总结去年工作，部署今年任务。",
    "会议指出，要坚持人民至上、生命至上，统筹发展和安全，扎实推进安全生产专项整治三年行动。",
]


def test_html_is_recognised_by_suffix_or_content() -> None:
    assert is_html("", "a/b.HTM") and is_html("<!doctype html><html>", "x.txt")
    assert not is_html("全市公安机关召开视频调度会", "x.txt")


def test_blocks_become_lines_and_furniture_goes() -> None:
    page = to_page(PAGE, path="page.html")
    lines = page.text.splitlines()
    assert ARTICLE in lines
    assert "何永清同志讲评全市公安机关绩效考评情况," in lines  # inline <b> joins its line, <br> breaks it
    assert "脚本" not in page.text and "color" not in page.text and "隐藏的段落" not in page.text
    assert "警界新闻</a>" not in page.text and "首页 警界新闻" not in lines  # <nav> with no prose is dropped
    cleaned = clean(page.text, hints=page.hints)
    assert cleaned.body_text == "\n".join(
        [ARTICLE, "何永清同志讲评全市公安机关绩效考评情况,", "要求全市公安机关统一思想,提高认识。"]
    )


def test_meta_tags_feed_the_metadata() -> None:
    page = to_page(PAGE, path="page.html")
    assert page.hints["title"] == "全市公安机关召开视频调度会"
    metadata = extract(clean(page.text, hints=page.hints), hints=page.hints)
    assert metadata.title == "全市公安机关召开视频调度会"
    assert metadata.publisher == "永州市公安局"
    assert metadata.published_at is not None
    assert metadata.published_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2017-12-15 09:30"


def test_a_page_wrapped_in_one_footer_keeps_its_article() -> None:
    page = to_page(f"<html><body><footer><p>{ARTICLE}</p></footer></body></html>", path="x.html")
    assert clean(page.text).body_text == ARTICLE


def test_broken_and_empty_markup_never_raise() -> None:
    for markup in ["", "<html>", "<?xml version='1.0' encoding='gbk'?><html><body><p>你好</p>", "<<>>\x00"]:
        to_page(markup, path="x.html")


SECOND = "何永清同志讲评全市公安机关绩效考评情况,要求全市公安机关统一思想,提高认识,增强责任感。"


def _body(markup: str) -> str:
    page = to_page(markup, path="x.html")
    return clean(page.text, hints=page.hints).body_text


def test_an_article_hidden_until_a_script_shows_it_is_kept() -> None:
    # WeChat articles: the whole text sits in a visibility:hidden container.
    markup = (
        "<html><body><h1>绥德表彰退役军人</h1><div id='js_content' style='visibility: hidden;'>"
        f"<p>{ARTICLE}</p><p>{SECOND}</p></div><p style='display:none'>隐藏的提示文字。</p></body></html>"
    )
    assert _body(markup) == f"{ARTICLE}\n{SECOND}"


def test_a_header_element_holding_the_headline_stays() -> None:
    markup = (
        "<html><head><title>全市公安机关召开视频调度会_永州</title></head><body>"
        "<header><a href='/'>首页</a> <a href='/n'>新闻</a></header>"
        f"<article><header><h1>全市公安机关召开视频调度会</h1></header><p>{ARTICLE}</p></article>"
        "</body></html>"
    )
    page = to_page(markup, path="x.html")
    assert "全市公安机关召开视频调度会" in page.text.splitlines()[1:]
    assert "首页 新闻" not in page.text
    assert clean(page.text, hints=page.hints).body_text == ARTICLE


def test_link_lists_and_hinted_furniture_go_when_the_page_has_prose() -> None:
    links = "".join(f"<li><a href='/{i}'>相关新闻标题第{i}条，内容很精彩哦</a></li>" for i in range(6))
    markup = (
        "<html><body><div class='wzdh'>当前位置：首页 > 新闻</div>"
        f"<div class='content'><p>{ARTICLE}</p><p>{SECOND}</p></div>"
        f"<ul>{links}</ul><div class='share-box'>分享到：微信，微博</div>"
        "<div id='bottom'>永州市公安局 地址：育才路66号</div></body></html>"
    )
    page = to_page(markup, path="x.html")
    assert "相关新闻标题" not in page.text and "分享到" not in page.text and "育才路" not in page.text
    assert "当前位置" not in page.text
    assert clean(page.text).body_text == f"{ARTICLE}\n{SECOND}"


def test_a_page_that_is_all_links_keeps_them() -> None:
    links = "".join(
        f"<li><a href='/{i}'>中国特色社会主义政治经济学视角下的研究第{i}篇</a></li>" for i in range(6)
    )
    page = to_page(f"<html><body><ul>{links}</ul></body></html>", path="x.html")
    assert len(page.text.splitlines()) == 6


def test_sniffing_many_comments_before_text_is_fast_and_not_html() -> None:
    import time

    started = time.perf_counter()
    assert not is_html("<!-- x -->" * 100 + "中文内容，测试。" * 1000, "x.txt")
    assert is_html("<?xml version='1.0'?>\n<!-- a --> <!--b-->\n<HTML lang=zh>", "x.txt")
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body>"
        + "<div>" * 300
        + "市政府召开全市安全生产工作会议，总结去年工作。"
        + "</div>" * 300
        + "</body></html>",
        "<html><body><p>" + "中文内容测试。" * 1_600_000 + "</p></body></html>",  # one 11 MB text node
    ],
    ids=["nested-300-deep", "huge-text-node"],
)
def test_html_past_the_parsers_limits_is_an_error_that_says_so(markup: str) -> None:
    # libxml2 drops the text past its limits: the page was quarantined as "no article text".
    with pytest.raises(CleanError, match="HTML parser stopped at one of its limits") as caught:
        to_page(markup, path="page.html")
    assert caught.value.error_type == "html_parser_limit"


def test_html_nested_within_the_parsers_limit_keeps_its_text() -> None:
    markup = (
        "<html><body>"
        + "<div>" * 200
        + "市政府召开全市安全生产工作会议。"
        + "</div>" * 200
        + "</body></html>"
    )
    assert "市政府召开全市安全生产工作会议。" in to_page(markup, path="page.html").text


def test_an_article_before_markup_past_the_limit_is_kept_with_a_flag() -> None:
    # Unclosed <font> tags in a footer pass the parser's depth limit after the article is read.
    article = "".join(f"<p>{line}</p>" for line in ARTICLE_LINES)
    markup = f"<html><body>{article}<div class=footer>" + "<font>" * 300 + "版权所有</div></body></html>"
    page = to_page(markup, path="page.html")
    assert ARTICLE_LINES[0] in page.text and page.flags == ("html_parser_limit",)
    assert "html_parser_limit" not in page.hints  # hints are metadata the markup states, only
