"""``lines_needing_repair`` (one regex pass over a page, issue 22) finds exactly the lines the
per-line tests ``needs_line_repair`` and ``may_need_pinyin_repair`` pick, on crafted lines and on
every page of the seeds and the shared corpora (when ``../shared`` is there)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from zharchive.stages.decode import decode
from zharchive.stages.repair import lines_needing_repair, may_need_pinyin_repair, needs_line_repair
from zharchive.text import split_lines

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

PIECES = [
    "",
    "正文",
    " ",
    "\t",
    "\u3000",
    "\u00a0",
    "\ufeff",
    "\u200b",
    "\f",
    "\v",
    "|",
    "(",
    "（",
    "?",
    "\ufffd",
    "a",
]


def _expected(lines: list[str], pinyin: bool) -> list[int]:
    test = may_need_pinyin_repair if pinyin else needs_line_repair
    return [i for i, line in enumerate(lines) if test(line)]


@pytest.mark.parametrize("pinyin", [False, True])
def test_crafted_lines(pinyin: bool) -> None:
    lines = ["".join(p) for p in itertools.product(PIECES, ["", "中文", "x|y"], PIECES)]
    lines += ["", "", "正文", ""]
    assert _expected(lines, pinyin), "no line to find: the test would prove nothing"
    assert lines_needing_repair(lines, "\n".join(lines), pinyin=pinyin) == _expected(lines, pinyin)
    # Each line alone and beside blank lines.
    for line in lines:
        for page in ([line], ["", line, ""], [line, line]):
            assert lines_needing_repair(page, "\n".join(page), pinyin=pinyin) == _expected(page, pinyin)


@pytest.mark.parametrize("pinyin", [False, True])
def test_real_pages(pinyin: bool) -> None:
    paths = (
        sorted((REPO / "seeds").glob("*.txt"))
        + sorted((SHARED / "corpus").glob("*/text/*"))
        + sorted((SHARED / "corpus").glob("*/html/*"))
    )
    found = 0
    for path in paths:
        lines = split_lines(decode(path.read_bytes()).text)
        expected = _expected(lines, pinyin)
        found += len(expected)
        assert lines_needing_repair(lines, "\n".join(lines), pinyin=pinyin) == expected, path
    assert found
