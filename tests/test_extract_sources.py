"""Author and publisher shapes found on pages of sites never seen (issue: metadata right on unseen
sites): the one word in a dateline's source slot, a name after the source's outlet, a writer's post
before the name, a source in brackets closing the text. Each rule has a line it must catch (a shape
written here, and the real line it was found from, read from ../shared/corpus at run time) and a line
it must leave alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_extract_metadata import NOW, PROSE, TITLE

from tests.conftest import require_shared
from zharchive.stages.clean import clean
from zharchive.stages.decode import decode
from zharchive.stages.extract import Metadata, extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _extract(meta: list[str], *, last: list[str] = ()) -> Metadata:  # type: ignore[assignment]
    lines = [f"{TITLE}_四川新闻网", "首页", "新闻中心", TITLE, *meta, *PROSE, *last]
    lines += ["关于我们 | 联系我们 | 网站地图", "版权所有 四川新闻网"]
    return extract(clean("\n".join(lines)), now=lambda: NOW)


def _real(corpus: str, stem: str, *words: str) -> tuple[str, dict[str, str]]:
    """The page's first line holding every one of ``words``, and the page's gold labels."""
    path = SHARED / corpus / "text" / f"{stem}.txt"
    require_shared(path.parent)
    line = next((x for x in decode(path.read_bytes()).text.splitlines() if all(w in x for w in words)), None)
    assert line is not None, f"{stem}: no line with {words}"
    gold = json.loads((SHARED / corpus / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    return line.strip(), gold


# --- the one word in a dateline's source slot -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("2022-06-02 09:52:19某某说 来自北京市", "某某说"),
        ("2019-09-05 11:10 某某星空[整理] 1", "某某星空"),
        ("2019年09月09日 20:52 某某财经-自媒体综合", "某某财经-自媒体综合"),
    ],
)
def test_the_one_word_after_a_datelines_time_is_its_source(line: str, publisher: str) -> None:
    assert _extract([line]).publisher == publisher


@pytest.mark.parametrize(
    "line",
    [
        "2020-06-05 20:35 张小三 李小四 王小五",  # several names: the writers, no source
        "2024-05-18 16:56发布于北京某某新媒体官方账号",  # the platform's sentence
    ],
)
def test_words_after_a_date_that_are_no_source_slot(line: str) -> None:
    assert _extract([line]).publisher is None


@pytest.mark.parametrize(
    ("corpus", "stem", "words"),
    [("dev", "8f8e788c3abb7365", ("来自",)), ("gne", "gamersky_gamersky", ("[整理]",))],
)
def test_real_datelines_give_their_gold_source(corpus: str, stem: str, words: tuple[str, ...]) -> None:
    line, gold = _real(corpus, stem, *words)
    assert _extract([line]).publisher == gold["publisher"]


# --- a name after the source's outlet -------------------------------------------------------------


def test_a_name_after_the_sources_outlet_is_the_writer() -> None:
    metadata = _extract(["2023-06-15 08:10 来源：某某新闻网 王小五"])
    assert (metadata.publisher, metadata.author) == ("某某新闻网", "王小五")


@pytest.mark.parametrize("line", ["来源：某某新闻网 北京", "来源：某某新闻网 举报", "来源：某某 王小五"])
def test_a_place_a_widget_or_no_outlet_before_it_gives_no_writer(line: str) -> None:
    assert _extract([line]).author is None


def test_the_real_source_line_with_a_name_gives_the_gold_writer() -> None:
    line, gold = _real("dev", "2dd9425ba67be652", "来源：", "2023-06-15")
    metadata = _extract([line])
    assert (metadata.publisher, metadata.author) == (gold["publisher"], gold["author"])


# --- a writer's post before the name --------------------------------------------------------------


def test_a_writers_post_before_the_name_is_no_part_of_it() -> None:
    closing = "（本文来源：某某日报 作者：某某大学经济学院副院长、教授王小五）"
    assert _extract([], last=[closing]).author == "王小五"


@pytest.mark.parametrize(
    "closing",
    [
        "作者：某某大学经济学院副院长、教授",  # no name
        "据某某研究所的研究员王小五介绍，这一成果已经应用。（完）",  # no 作者 label
    ],
)
def test_a_post_without_a_credited_name_gives_no_writer(closing: str) -> None:
    assert _extract([], last=[closing]).author is None


def test_the_real_closing_credit_gives_the_gold_writer() -> None:
    line, gold = _real("dev", "e751800204690e10", "本文来源", "作者")
    assert _extract([], last=[line]).author == gold["author"]


# --- a source in brackets closing the text --------------------------------------------------------


def test_an_outlet_in_brackets_closing_the_text_is_its_source() -> None:
    last = "最后，演员们向全体官兵进行了慰问演出，表达了节日的祝福。（某某退役军人之家）"
    assert _extract([], last=[last]).publisher == "某某退役军人之家"


@pytest.mark.parametrize(
    "last",
    [
        "最后，演员们向全体官兵进行了慰问演出，表达了节日的祝福。（完）",
        "最后，演员们向全体官兵进行了慰问演出，表达了节日的祝福。（王小五）",
    ],
)
def test_an_end_mark_or_a_name_in_closing_brackets_is_no_source(last: str) -> None:
    assert _extract([], last=[last]).publisher is None


def test_the_real_closing_line_gives_the_gold_source() -> None:
    path = SHARED / "dev" / "text" / "7e99760d0920deb0.txt"
    require_shared(path.parent)
    gold = json.loads((SHARED / "dev" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    line = next(x for x in decode(path.read_bytes()).text.splitlines() if x.rstrip().endswith("）"))
    assert _extract([], last=[line.strip()]).publisher == gold["publisher"]


# --- a writer and an account before the post's day ------------------------------------------------


@pytest.mark.parametrize("line", ["某某人 某某Code 前天", "someone 某某科技 2020-02-11 08:30"])
def test_two_words_before_the_posts_day_are_its_writer_and_account(line: str) -> None:
    metadata = _extract([line])
    who, account = line.split()[:2]
    assert (metadata.author, metadata.publisher) == (who, account)


@pytest.mark.parametrize("line", ["分享 收藏 前天", "某某科技 昨天", "张小三 李小四 王小五 前天"])
def test_widgets_one_word_or_three_before_the_day_name_no_writer_and_account(line: str) -> None:
    metadata = _extract([line])
    # One word before the day is that word alone: an outlet the publisher, never a writer as well
    # (test_extract_metadata: an account and the post's relative day on one line).
    assert metadata.publisher == ("某某科技" if line == "某某科技 昨天" else None)
    assert metadata.author is None or len(line.split()) == 4  # three names: the old byline rules' call


def test_the_real_html_byline_gives_the_gold_writer_and_account() -> None:
    from zharchive.stages.page import to_page

    path = SHARED / "gne" / "html" / "wechat_2.html"
    require_shared(path.parent)
    gold = json.loads((SHARED / "gne" / "gold" / "wechat_2.json").read_text(encoding="utf-8"))
    page = to_page(decode(path.read_bytes()).text, path=str(path))
    line = next(x for x in page.text.splitlines() if gold["publisher"] in x and gold["author"] in x)
    metadata = _extract([line.strip()])
    assert (metadata.author, metadata.publisher) == (gold["author"], gold["publisher"])
