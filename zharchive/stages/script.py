"""Simplified or Traditional, and a Simplified copy of Traditional text, at str.translate speed.

The data are OpenCC's own dictionaries (shipped with opencc-python-reimplemented): TSPhrases for the
few words whose conversion depends on the word, then TSCharacters character by character. The
package's converter walks a parse tree in Python (~10 ms for a 2,000-character page, most of an
ingest's time), while this does the same conversion with one regex pass over the phrases and one
``str.translate``; ``tests/test_script.py`` checks both give the same text.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from zharchive.text import han_count

Script = Literal["Hans", "Hant"]
SAMPLE_CHARS = 2000
HEAD_CHARS = 500
# Above this share of Han characters that only Traditional text uses, a text is Traditional.
TRADITIONAL_SHARE = 0.05
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class _Tables:
    characters: dict[int, str]
    # The same for every BMP code point, unmapped ones to themselves: str.translate with the dict
    # raises and clears a KeyError for every character it does not map (most of them).
    bmp_characters: array[int]
    phrases: dict[str, str]
    phrase_pattern: re.Pattern[str] | None
    traditional_only: frozenset[str]
    # The Basic Multilingual Plane's Traditional-only characters as one character class: re tests a
    # BMP class in constant time a character (with astral characters in it, it tries each in turn).
    traditional_only_bmp: re.Pattern[str]
    traditional_only_astral: frozenset[str]


def _dictionary(name: str) -> dict[str, str]:
    text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        if "\t" in line:
            source, targets = line.split("\t", 1)
            pairs[source] = targets.split(" ")[0]
    return pairs


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    characters = _dictionary("TSCharacters.txt")
    phrases = _dictionary("TSPhrases.txt")
    simplified_keys = set(_dictionary("STCharacters.txt"))
    simplified_forms = set(characters.values())
    # Characters Simplified text never uses: they convert, and are no one's simplified form.
    traditional_only = frozenset(
        c for c, s in characters.items() if s != c and c not in simplified_keys and c not in simplified_forms
    )
    ordered = sorted(phrases, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    bmp = sorted(c for c in traditional_only if ord(c) <= 0xFFFF)
    by_code = {ord(k): v for k, v in characters.items() if len(k) == 1}
    return _Tables(
        by_code,
        array("I", (ord(by_code.get(code, chr(code))) for code in range(0x10000))),
        phrases,
        pattern,
        traditional_only,
        re.compile("[" + "".join(map(re.escape, bmp)) + "]"),
        frozenset(c for c in traditional_only if ord(c) > 0xFFFF),
    )


def traditional_only_count(text: str) -> int:
    """How many characters of ``text`` only Traditional text uses."""
    tables = _tables()
    # Most pages have none: one substitution in C says so, where a set of the text's characters
    # would hash every one of them.
    count = len(text) - len(tables.traditional_only_bmp.sub("", text))
    if _ASTRAL.search(text) is not None:
        found = tables.traditional_only_astral.intersection(text)
        count += sum(text.count(c) for c in found)
    return count


def to_simplified(text: str) -> str:
    """OpenCC t2s: phrases first (longest match), then characters."""
    tables = _tables()
    # An astral character would fall outside the array: such text (rare) takes the dict.
    characters = tables.bmp_characters if _ASTRAL.search(text) is None else tables.characters
    if tables.phrase_pattern is None:
        return text.translate(characters)
    # Phrase output is already Simplified: protect it from the character pass by converting the
    # gaps between phrase matches only.
    parts: list[str] = []
    last = 0
    for match in tables.phrase_pattern.finditer(text):
        parts.append(text[last : match.start()].translate(characters))
        parts.append(tables.phrases[match.group()])
        last = match.end()
    parts.append(text[last:].translate(characters))
    return "".join(parts)


def script_of(body: str) -> tuple[Script | None, str | None]:
    """("Hans" | "Hant" | None without Han text, the body in Simplified when it is Traditional)."""
    sample = body[:SAMPLE_CHARS]
    han = han_count(sample)
    if not han:
        return None, None
    # The sample's count is at least its head's: a Traditional page is usually told by its head
    # alone, with a quarter of the matches to count.
    if traditional_only_count(sample[:HEAD_CHARS]) / han <= TRADITIONAL_SHARE and (
        traditional_only_count(sample) / han <= TRADITIONAL_SHARE
    ):
        return "Hans", None
    return "Hant", to_simplified(body)
