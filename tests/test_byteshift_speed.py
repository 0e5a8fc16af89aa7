"""The byte-shift search's shortcuts (issue 22) give what scoring every candidate gives.

``benchmarks/byte_shift_same.py`` compares whole restorations against an earlier commit; these
check the pieces on the seeds' own runs: the line cache counted with numpy against a plain count,
and the beam's choice (``select``) against growing and sorting every candidate.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from zharchive.stages import byteshift
from zharchive.stages.byteshift import _known_after, _ranked_after, _ranked_drop, _Search, find_runs
from zharchive.stages.decode import decode
from zharchive.stages.prior import CACHE_MAX, CACHE_WEIGHT, pack, page_cache, to_simplified_text

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("00[01]_*.txt"))


def _seed_lines() -> list[str]:
    return [line for path in SEEDS for line in decode(path.read_bytes()).text.split("\n") if find_runs(line)]


def _counted(text: str) -> dict[int, float]:
    """The cache by its definition: every Han substring of 2-4 characters seen more than once
    (keyed by ``pack``, as the prior's tables)."""
    counts: dict[str, int] = {}
    for size in range(2, CACHE_MAX + 1):
        for i in range(len(text) - size + 1):
            word = text[i : i + size]
            if all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in word):
                counts[word] = counts.get(word, 0) + 1
    scale = math.log(CACHE_WEIGHT / max(len(text), 1))
    return {pack(w): math.log(c) + scale for w, c in counts.items() if c > 1}


def test_the_line_cache_is_the_count_of_repeated_words() -> None:
    rng = random.Random(22)
    texts = [to_simplified_text(line) for line in _seed_lines()]
    assert texts and any(len(page_cache(t)) > 10 for t in texts)  # the seeds' lines repeat words
    # overlapping repeats (哈哈哈), words at the ends, none at all, astral and ASCII between
    texts += ["", "公", "公安", "哈哈哈哈哈", "公安公安公安", "a公安b公安", "中国人民中国人民\U00020000中国"]
    texts += [
        "".join(rng.choice("公安部门的哈。a 𠀀") for _ in range(rng.randint(0, 60))) for _ in range(300)
    ]
    for text in texts:
        assert page_cache(text) == _counted(text), text


def _searches() -> list[_Search]:
    searches = []
    for line in _seed_lines():
        runs = find_runs(line)
        cache = byteshift._line_cache(line, runs)
        searches += [_Search(run, byteshift.is_traditional(line), True, cache) for run in runs]
    return searches


@pytest.mark.parametrize("width", [1, 4, 16])
def test_the_beam_keeps_what_sorting_every_grown_candidate_keeps(width: int) -> None:
    searches = _searches()
    assert len(searches) >= 2
    checked = 0
    for search in searches:
        start = search.start()
        states = [start, *search.dropped([start])]
        for trail in (0x40, 0x9A, 0xB9, 0xE8):  # trail bytes of 墓, 茶 and others
            groups: list[tuple[byteshift._State, byteshift._Ranked | tuple[str, ...]]] = []
            for state in states:
                if len(state.leads) == 1:
                    char = byteshift._pair(state.leads[0], trail)
                    groups.append((state, (char,) if char is not None else ()))
                else:
                    groups.append((state, _ranked_after(state.leads, trail, search.traditional)))
            every = [
                (state, pos, search.grow(state, char, 0.0))
                for state, ranked in groups
                for pos, char in enumerate(
                    _known_after(state.leads, trail) if len(state.leads) > 1 else ranked
                )
            ]
            every.sort(key=lambda item: item[2].score, reverse=True)  # stable: equal scores as made
            chosen = search.select(groups, width, 0.0)
            assert [(groups[n][0], pos, grown) for n, pos, grown in chosen] == every[:width]
            checked += len(every)
        # the characters a dropped pair may end, as ``dropped`` chooses them
        ranked = _ranked_drop(start.leads, search.traditional)
        grown_all = sorted(
            (search.grow(start, char, byteshift.DROP_COST) for char in ranked.chars),
            key=lambda grown: grown.score,
            reverse=True,
        )
        chosen = search.select([(start, ranked)], width, byteshift.DROP_COST)
        assert [grown for _, _, grown in chosen] == grown_all[:width]
    assert checked > 100  # the lists after a dropped pair were long enough to prune
