"""The cleaner's per-line memo (``RuleSet.line_memo``, issue 22): a line repeated across pages is
weighed and matched once, and a page is cleaned the same whatever the memo holds — after the same
page, after other pages that share its lines, or with the memo cold. Pages: the project's seeds,
pages built from them with one site's chrome, and the shared corpora's pages when ``../shared`` is
there."""

from __future__ import annotations

from pathlib import Path

from zharchive.rules import load_rules
from zharchive.stages.clean import MEMO_MAX_LINES, CleanedText, clean
from zharchive.stages.decode import decode
from zharchive.stages.page import to_page

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# One site's furniture around every article: what the memo finds again on every page.
HEADER = ["设为首页 | 加入收藏", "您现在的位置：首页 > 新闻中心 > 正文", "【字体：大 中 小】 打印 关闭"]
FOOTER = [
    "相关阅读",
    "上一篇：关于开展专项检查的通知",
    "返回顶部",
    "京ICP备12345678号-1",
    "版权所有 © 2020 某市公安局",
]


def _pages() -> list[tuple[str, dict[str, str]]]:
    pages: list[tuple[str, dict[str, str]]] = []
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        pages.append((text, {}))
        lines = [line for line in text.splitlines() if line.strip()]
        # The headline, the site's chrome, the text with an indented and a span-carrying line.
        built = [lines[0], *HEADER, f"\u3000\u3000{lines[1]}" if len(lines) > 1 else "", *lines[2:]]
        built += ["分享到：微信 微博 " + lines[-1], "（责任编辑：王五）", *FOOTER]
        pages.append(("\n".join(built), {"title": lines[0]}))
    for corpus in ("dev", "gne"):
        for kind in ("text", "html"):
            folder = SHARED / "corpus" / corpus / kind
            for path in sorted(folder.glob("*"))[:25] if folder.is_dir() else []:
                page = to_page(decode(path.read_bytes()).text, path=str(path))
                pages.append((page.text, dict(page.hints)))
    return pages


def _result(cleaned: CleanedText) -> tuple[object, ...]:
    return (
        cleaned.body,
        cleaned.removed,
        cleaned.repairs,
        cleaned.title,
        cleaned.fields,
        cleaned.flags,
        dict(cleaned.stats),
    )


def test_a_page_cleans_the_same_with_the_memo_cold_or_warm() -> None:
    rules = load_rules()
    pages = _pages()
    site_chrome = frozenset({"返回顶部", "相关阅读"})
    cold = []
    for text, hints in pages:
        rules.line_memo.clear()
        cold.append(_result(clean(text, rules=rules, hints=hints, site_chrome=site_chrome)))
    rules.line_memo.clear()
    # Warm: every page after all the others (their shared lines already in the memo), twice over.
    for _ in range(2):
        warm = [
            _result(clean(text, rules=rules, hints=hints, site_chrome=site_chrome)) for text, hints in pages
        ]
        assert warm == cold
    assert rules.line_memo["facts"], "the memo was not used"
    # And a line the site repeats is one entry, however many pages had it.
    assert "返回顶部" in rules.line_memo["facts"]
    assert "返回顶部" in rules.line_memo["footer"]


def test_the_memo_is_emptied_when_full() -> None:
    rules = load_rules()
    rules.line_memo.clear()
    rules.line_memo["facts"] = {f"line {i}": None for i in range(MEMO_MAX_LINES)}
    cleaned = clean("标题\n返回顶部\n正文第一段，说了些什么事情，一共有十二个以上的汉字。", rules=rules)
    assert [line.text for line in cleaned.body] == ["正文第一段，说了些什么事情，一共有十二个以上的汉字。"]
    facts = rules.line_memo["facts"]
    assert "line 0" not in facts and "返回顶部" in facts and len(facts) == 3
