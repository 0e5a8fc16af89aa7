"""Script detection and t2s conversion: the same text as OpenCC's own converter, much faster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from opencc import OpenCC

from tests.conftest import require_shared
from zharchive.stages.script import (
    SAMPLE_CHARS,
    TRADITIONAL_SHARE,
    _tables,
    script_of,
    to_simplified,
    traditional_only_count,
)
from zharchive.text import han_count

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLD = CORPUS / "dev" / "gold"


def _texts() -> list[str]:
    require_shared(GOLD)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [json.loads(p.read_text(encoding="utf-8"))["body"] for p in sorted(GOLD.glob("*.json"))]
    return texts


def _pages() -> list[str]:
    """Every page of the shared corpora, text and HTML, decoded as the pipeline decodes them, and
    the seeds: the numpy tables must agree with the definitions on real pages, markup and all."""
    from zharchive.stages.decode import decode

    require_shared(CORPUS)
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*/text/*")) + sorted(CORPUS.glob("*/html/*"))
    assert len(paths) > 200
    return [decode(p.read_bytes()).text for p in paths]


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
    for text in [*_texts(), *_pages(), "".join(astral + bmp) * 2 + "中文\U00020000abc", "", "\ud800x"]:
        expected = sum(1 for c in text if c in traditional_only)
        assert traditional_only_count(text) == expected


def test_astral_characters_convert_as_opencc_converts_them() -> None:
    astral = [chr(code) for code in _tables().characters if code > 0xFFFF][:5]
    text = "會議" + "".join(astral) + "乾隆年間，發展" + "\U0001f600"
    assert astral and to_simplified(text) == OpenCC("t2s").convert(text)


def _t2s_by_definition(text: str) -> str:
    """OpenCC's t2s as its tables say it (the phrases, longest first, then each character by the
    dict): what OpenCC's own, much slower, converter gives (test_to_simplified_matches_opencc_t2s_exactly)."""
    tables = _tables()
    assert tables.phrase_pattern is not None
    parts, last = [], 0
    for match in tables.phrase_pattern.finditer(text):
        parts += [text[last : match.start()].translate(tables.characters), tables.phrases[match.group()]]
        last = match.end()
    return "".join([*parts, text[last:].translate(tables.characters)])


def test_real_pages_convert_and_are_told_as_the_definitions_say() -> None:
    # Every corpus page (text and HTML) and the seeds, as they are and through OpenCC s2t (their
    # first 4,000 characters: OpenCC's converter is slow): the numpy character pass against the
    # tables read by hand, the script against the share's definition.
    s2t = OpenCC("s2t")
    traditional_only = _tables().traditional_only
    told = set()
    for page in _pages():
        for text in (page, s2t.convert(page[:4000])):
            assert to_simplified(text) == _t2s_by_definition(text)
            sample = text[:SAMPLE_CHARS]
            han = han_count(sample)
            found, simplified = script_of(text)
            if not han:
                assert (found, simplified) == (None, None)
                continue
            share = sum(1 for c in sample if c in traditional_only) / han
            assert found == ("Hans" if share <= TRADITIONAL_SHARE else "Hant")
            assert simplified == (None if found == "Hans" else _t2s_by_definition(text))
            told.add(found)
    assert told == {"Hans", "Hant"}
