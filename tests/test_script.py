"""Script detection and t2s conversion: the same text as OpenCC's own converter, much faster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from opencc import OpenCC

from zharchive.stages.script import _tables, script_of, to_simplified, traditional_only_count

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "gold"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [json.loads(p.read_text(encoding="utf-8"))["body"] for p in sorted(GOLD.glob("*.json"))]
    return texts


def test_to_simplified_matches_opencc_t2s_exactly() -> None:
    t2s, s2t = OpenCC("t2s"), OpenCC("s2t")
    texts = _texts()
    for text in texts + [s2t.convert(t) for t in texts]:
        assert to_simplified(text) == t2s.convert(text)


def test_phrases_convert_by_word_not_by_character() -> None:
    # TSPhrases: 乾隆 stays 乾隆 although 乾 alone becomes 干.
    assert to_simplified("乾隆年間，乾燥") == OpenCC("t2s").convert("乾隆年間，乾燥")
    assert to_simplified("乾隆").startswith("乾")


@pytest.mark.parametrize(
    ("seed", "script"), [("000", "Hant"), ("001", "Hant"), ("002", "Hans"), ("004", "Hans")]
)
def test_script_of_the_seeds(seed: str, script: str) -> None:
    text = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    found, simplified = script_of(text)
    assert found == script
    assert (simplified is not None) == (script == "Hant")


def test_simplified_text_turned_traditional_is_detected() -> None:
    s2t = OpenCC("s2t")
    for text in _texts():
        if len(text) > 100 and script_of(text)[0] == "Hans":
            assert script_of(s2t.convert(text))[0] == "Hant"


def test_no_han_no_script() -> None:
    assert script_of("Copyright 2024, all rights reserved.") == (None, None)


def test_traditional_only_count_counts_every_plane() -> None:
    traditional_only = _tables().traditional_only
    astral = sorted(c for c in traditional_only if ord(c) > 0xFFFF)[:3]
    bmp = sorted(c for c in traditional_only if ord(c) <= 0xFFFF)[:3]
    for text in [*_texts(), "".join(astral + bmp) * 2 + "中文\U00020000abc", ""]:
        expected = sum(1 for c in text if c in traditional_only)
        assert traditional_only_count(text) == expected


def test_astral_characters_convert_as_opencc_converts_them() -> None:
    astral = [chr(code) for code in _tables().characters if code > 0xFFFF][:5]
    text = "會議" + "".join(astral) + "乾隆年間，發展" + "\U0001f600"
    assert astral and to_simplified(text) == OpenCC("t2s").convert(text)
